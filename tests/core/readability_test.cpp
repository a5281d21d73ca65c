// Our biller text reads at grade 11 or below (Flesch-Kincaid): every `plain` text in
// carc_detail.json, every note in rarc_guidance.csv and carc_deactivated.csv, and the notes
// the remark rule writes. Failures are listed with their grade.
#include "readability.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "denial/codes.h"
#include "denial/guidance.h"
#include "test_util.h"

namespace {

constexpr double kBillerGrade = 11.0;

std::string guidance_file(const std::string& name) {
  return denial_test::read_file(std::string(DENIAL_SOURCE_DIR) + "/core/data/guidance/" + name);
}

struct Checker {
  std::size_t checked = 0;
  std::ostringstream failures;
  int failed = 0;
  void check(const std::string& where, const std::string& text) {
    ++checked;
    double g = denial_test::fk_grade(text);
    if (g > kBillerGrade) {
      ++failed;
      failures << "  grade " << g << " " << where << ": " << text << "\n";
    }
  }
};

}  // namespace

TEST(Readability, GradeFunction) {
  EXPECT_EQ(denial_test::syllables("make"), 1);
  EXPECT_EQ(denial_test::syllables("table"), 2);
  EXPECT_EQ(denial_test::syllables("coverage"), 3);  // o-e-a-e, silent e
  EXPECT_EQ(denial_test::syllables("MA130"), 1);
  EXPECT_LT(denial_test::fk_grade("The cat sat on the mat."), 1.0);
  EXPECT_GT(denial_test::fk_grade("Notwithstanding administrative reconsideration, "
                                  "determinations regarding eligibility necessitate "
                                  "comprehensive documentation."),
            20.0);
}

TEST(Readability, BillerTextAtGradeElevenOrBelow) {
  Checker c;
  auto detail = nlohmann::json::parse(guidance_file("carc_detail.json"));
  for (auto it = detail.begin(); it != detail.end(); ++it)
    c.check("carc_detail " + it.key() + " plain", it.value().value("plain", ""));
  for (const auto& r : denial_test::csv_records(guidance_file("rarc_guidance.csv")))
    c.check("rarc_guidance " + r.at("code"), r.at("note"));
  for (const auto& r : denial_test::csv_records(guidance_file("carc_deactivated.csv"))) {
    c.check("carc_deactivated " + r.at("code") + " meant", r.at("meant"));
    c.check("carc_deactivated " + r.at("code") + " note", r.at("note"));
  }
  for (const auto& e : denial::code_entries(denial::CodeList::rarc)) {
    denial::RemarkGuidance g = denial::remark_guidance(e.code);
    if (g.from_rule) c.check("rule note for " + e.code, g.note);
  }
  EXPECT_GT(c.checked, 1000u);
  EXPECT_EQ(c.failed, 0) << c.failed << " texts above grade " << kBillerGrade << ":\n"
                         << c.failures.str();
}
