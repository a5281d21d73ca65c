// A file's status from the viewer session (what addFile answers in the browser): besides its
// diagnostics, one plain-words summary per kind of problem, the text of errors.cpp, so a page
// listing many files can group their problems by kind without a table of its own.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "denial/diagnostic.h"
#include "denial/session.h"
#include "test_util.h"

using namespace denial;

TEST(SessionStatus, KindsNameEachProblemOnceInPlainWords) {
  Session s;
  auto clean =
      nlohmann::json::parse(s.add_file("denied.835", denial_test::fixture("denied_claim.835")));
  ASSERT_TRUE(clean["kinds"].is_object());
  EXPECT_TRUE(clean["kinds"].empty()) << clean["kinds"].dump();

  auto broken =
      nlohmann::json::parse(s.add_file("truncated.835", denial_test::fixture("truncated.835")));
  ASSERT_FALSE(broken["diagnostics"].empty());
  std::set<std::string> codes;
  for (const auto& d : broken["diagnostics"]) codes.insert(d["code"].get<std::string>());
  // Exactly the codes of the file's diagnostics, each with the core's summary.
  EXPECT_EQ(broken["kinds"].size(), codes.size());
  EXPECT_TRUE(codes.count("missing_trailer")) << broken["diagnostics"].dump();
  EXPECT_EQ(broken["kinds"]["missing_trailer"], std::string(errc_summary(Errc::missing_trailer)));
  for (const auto& code : codes)
    EXPECT_FALSE(broken["kinds"][code].get<std::string>().empty()) << code;

  // A retransmitted payment read again: its kind says so.
  auto again = nlohmann::json::parse(
      s.add_file("denied-again.835", denial_test::fixture("denied_claim.835")));
  EXPECT_EQ(again["kinds"]["duplicate_payment"],
            std::string(errc_summary(Errc::duplicate_payment)));
}
