// Our biller text reads at grade 11 or below (Flesch-Kincaid): every `plain` text and variant in
// carc_detail.json, every note in rarc_guidance.csv, carc_deactivated.csv, group_rules.csv,
// advice_rules.csv and pair_rules.csv,
// the notes the remark rule writes, and the office checks of the patient explanation. Patient
// text reads at grade 9 or below: every patient text of patient_texts.csv and the explanation
// of every scenario and sample claim that gets one. Failures are listed with their grade.
#include "readability.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "denial/codes.h"
#include "denial/guidance.h"
#include "denial/patient_explanation.h"
#include "denial/report.h"
#include "test_util.h"

namespace {

constexpr double kBillerGrade = 11.0;
constexpr double kPatientGrade = 9.0;

std::string guidance_file(const std::string& name) {
  return denial_test::read_file(std::string(DENIAL_SOURCE_DIR) + "/core/data/guidance/" + name);
}

struct Checker {
  double limit = kBillerGrade;
  std::size_t checked = 0;
  std::ostringstream failures;
  int failed = 0;
  void check(const std::string& where, const std::string& text) {
    ++checked;
    double g = denial_test::fk_grade(text);
    if (g > limit) {
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
  for (auto it = detail.begin(); it != detail.end(); ++it) {
    c.check("carc_detail " + it.key() + " plain", it.value().value("plain", ""));
    if (it.value().contains("variants"))
      for (auto v = it.value()["variants"].begin(); v != it.value()["variants"].end(); ++v)
        c.check("carc_detail " + it.key() + " variant " + v.key(), v.value().get<std::string>());
  }
  for (const auto& r : denial_test::csv_records(guidance_file("group_rules.csv")))
    c.check("group_rules " + r.at("group") + "," + r.at("code"), r.at("note"));
  for (const auto& r : denial_test::csv_records(guidance_file("advice_rules.csv")))
    c.check("advice_rules " + r.at("id"), r.at("note"));
  for (const auto& r : denial_test::csv_records(guidance_file("rarc_guidance.csv")))
    c.check("rarc_guidance " + r.at("code"), r.at("note"));
  for (const auto& r : denial_test::csv_records(guidance_file("pair_rules.csv")))
    c.check("pair_rules " + r.at("id"), r.at("note"));
  for (const auto& r : denial_test::csv_records(guidance_file("carc_deactivated.csv"))) {
    c.check("carc_deactivated " + r.at("code") + " meant", r.at("meant"));
    c.check("carc_deactivated " + r.at("code") + " note", r.at("note"));
  }
  for (const auto& r : denial_test::csv_records(guidance_file("pair_rules.csv")))
    c.check("pair_rules " + r.at("id"), r.at("note"));
  for (const auto& t : denial::patient_texts())
    if (t.audience == "office") c.check("patient_texts " + t.id, t.text);
  for (const auto& e : denial::code_entries(denial::CodeList::rarc)) {
    denial::RemarkGuidance g = denial::remark_guidance(e.code);
    if (g.from_rule) c.check("rule note for " + e.code, g.note);
  }
  EXPECT_GT(c.checked, 1000u);
  EXPECT_EQ(c.failed, 0) << c.failed << " texts above grade " << kBillerGrade << ":\n"
                         << c.failures.str();
}

// What the patient reads: each text on its own. Labels and the reasons' labels are headings
// of a few words, which a sentence formula cannot grade: they are held to six words instead.
TEST(Readability, PatientTextsAtGradeNineOrBelow) {
  Checker c;
  c.limit = kPatientGrade;
  std::size_t labels = 0;
  auto short_heading = [&](const std::string& id, const std::string& heading) {
    ++labels;
    std::istringstream words(heading);
    std::size_t n = 0;
    for (std::string w; words >> w;) ++n;
    EXPECT_LE(n, 6u) << id << ": " << heading;
  };
  for (const auto& t : denial::patient_texts()) {
    if (t.audience != "patient") continue;
    if (!t.label.empty()) short_heading(t.id + " label", t.label);
    if (t.part == "label")
      short_heading(t.id, t.text);
    else
      c.check("patient_texts " + t.id, t.text);
  }
  EXPECT_GT(labels, 10u);
  EXPECT_GT(c.checked, 25u);
  EXPECT_EQ(c.failed, 0) << c.failed << " texts above grade " << kPatientGrade << ":\n"
                         << c.failures.str();
}

namespace {

// The prose of one explanation as the patient reads it, in the letter's order.
std::string patient_prose(const denial::PatientExplanation& e) {
  std::string s(e.intro);
  for (const auto& share : e.shares) s += " " + std::string(share.text);
  for (auto note : e.notes) s += " " + std::string(note);
  for (auto item : e.if_you_disagree) s += " " + std::string(item);
  return s;
}

std::size_t check_letters(Checker& c, const std::string& dir) {
  denial::ExplainOptions options;
  options.as_of = "2026-12-07";
  std::size_t letters = 0;
  std::vector<std::filesystem::path> files;
  for (const auto& f : std::filesystem::directory_iterator(dir))
    if (f.is_regular_file() && f.path().extension() != ".csv" && f.path().extension() != ".md")
      files.push_back(f.path());
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    denial::Report r = denial::explain_file(path.filename().string(),
                                            denial_test::read_file(path.string()), options);
    for (const auto& claims : r.explained)
      for (const auto& x : claims) {
        if (!x.patient_explanation) continue;
        ++letters;
        c.check(path.filename().string() + " " + x.claim->patient_control_number,
                patient_prose(*x.patient_explanation));
      }
  }
  return letters;
}

}  // namespace

TEST(Readability, EveryPatientExplanationAtGradeNineOrBelow) {
  DENIAL_REQUIRE_SAMPLES();
  Checker c;
  c.limit = kPatientGrade;
  std::size_t scenarios = check_letters(c, std::string(DENIAL_TEST_DATA) + "/scenarios");
  std::size_t samples = check_letters(c, denial_test::samples_dir());
  EXPECT_GE(scenarios, 30u);
  EXPECT_GE(samples, 100u);
  EXPECT_EQ(c.failed, 0) << c.failed << " explanations above grade " << kPatientGrade << ":\n"
                         << c.failures.str();
}
