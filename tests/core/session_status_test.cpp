// A file's status from the viewer session (what addFile answers in the browser): besides its
// diagnostics, one plain-words summary per kind of problem, the text of errors.cpp, so a page
// listing many files can group their problems by kind without a table of its own.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

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

// The keep budget is for the whole session: once the files kept in full would pass it, the
// next files stream (rows only), and every answer is the same as with everything kept.
TEST(SessionStatus, KeepBudgetCoversTheSessionNotEachFile) {
  const std::string bytes = denial_test::fixture("several_st.835");
  Session budget(2 * bytes.size() + 64, 512u << 20);  // the copies grow by a few bytes
  Session all(UINT64_MAX, 512u << 20);
  std::vector<bool> streamed;
  for (int i = 0; i < 4; ++i) {
    // Each copy a different payment: a changed trace number, so none is a retransmission.
    std::string copy = bytes;
    for (std::size_t at = copy.find("TRN*1*"); at != std::string::npos;
         at = copy.find("TRN*1*", at + 1))
      copy.insert(at + 6, std::to_string(i));
    auto st = nlohmann::json::parse(budget.add_file("f" + std::to_string(i), copy));
    all.add_file("f" + std::to_string(i), copy);
    streamed.push_back(st["big_file_mode"].get<bool>());
  }
  EXPECT_EQ(streamed, (std::vector<bool>{false, false, true, true}));
  auto a = nlohmann::json::parse(budget.summary_json());
  auto b = nlohmann::json::parse(all.summary_json());
  EXPECT_EQ(a["summary"], b["summary"]);
  auto rows = nlohmann::json::parse(all.rows_json(R"({"sort":"","limit":1000})"));
  ASSERT_GT(rows["rows"].size(), 4u);
  // A claim of the last (streamed) file: rebuilt on demand, the same detail.
  std::size_t last = rows["rows"].back()["row"].get<std::size_t>();
  EXPECT_EQ(budget.claim_json(last), all.claim_json(last));
  EXPECT_EQ(budget.rows_json(R"({"sort":"","limit":1000})"),
            all.rows_json(R"({"sort":"","limit":1000})"));
}
