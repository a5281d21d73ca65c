// The scenario suite (tests/data/scenarios): every claim of every hand-written 835 against the
// outcome, primary action, money buckets and act-by date that docs/advice.md and the payer
// rules call for. One test per expected.csv row.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "denial/report.h"
#include "test_util.h"

namespace {

using Row = std::map<std::string, std::string>;

std::string scenario_dir() { return std::string(DENIAL_TEST_DATA) + "/scenarios"; }

const std::vector<Row>& rows() {
  static const std::vector<Row> r =
      denial_test::csv_records(denial_test::read_file(scenario_dir() + "/expected.csv"));
  return r;
}

// Rows with the same file and claim (a reversal and its correction share CLP01) are matched to
// the claims of that file in order: the n-th such row is the n-th claim with that CLP01.
struct Case {
  std::size_t row;
  std::size_t occurrence;
};

void PrintTo(const Case& c, std::ostream* os) {
  const Row& r = rows()[c.row];
  *os << r.at("file") << " " << r.at("claim") << " #" << c.occurrence + 1;
}

std::vector<Case> cases() {
  std::vector<Case> out;
  std::map<std::string, std::size_t> seen;
  for (std::size_t i = 0; i < rows().size(); ++i) {
    const Row& r = rows()[i];
    out.push_back({i, seen[r.at("file") + "\n" + r.at("claim")]++});
  }
  return out;
}

std::string name_of(const testing::TestParamInfo<Case>& info) {
  const Row& r = rows()[info.param.row];
  std::string n = r.at("file").substr(0, r.at("file").rfind('.')) + "_" + r.at("claim");
  if (info.param.occurrence > 0) n += "_" + std::to_string(info.param.occurrence + 1);
  for (char& c : n)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return n;
}

std::string str(const nlohmann::json& j, const char* key) {
  if (!j.is_object() || !j.contains(key) || j.at(key).is_null()) return "";
  const nlohmann::json& v = j.at(key);
  return v.is_string() ? v.get<std::string>() : v.dump();
}

std::optional<int> days(const std::string& s) {
  if (s.empty()) return std::nullopt;
  return std::stoi(s);
}

// Every adjustment of the claim, claim level and line level.
std::vector<const nlohmann::json*> adjustments_of(const nlohmann::json& claim) {
  std::vector<const nlohmann::json*> out;
  if (claim.contains("adjustments"))
    for (const auto& a : claim.at("adjustments")) out.push_back(&a);
  if (claim.contains("lines"))
    for (const auto& l : claim.at("lines"))
      if (l.contains("adjustments"))
        for (const auto& a : l.at("adjustments")) out.push_back(&a);
  return out;
}

// The family the report gives the adjustments decided by pair row `id`, or "" when none is.
std::string family_of_pair_on(const nlohmann::json& claim, const std::string& id) {
  for (const nlohmann::json* a : adjustments_of(claim)) {
    const nlohmann::json& g = a->contains("guidance") ? a->at("guidance") : *a;
    if (str(g, "rule") == id) return str(g, "rule_family");
  }
  return "";
}

// pair_rules.csv: id -> family (the table the engine applies before the single-code defaults).
std::map<std::string, std::string> pair_families() {
  std::map<std::string, std::string> out;
  for (const Row& r : denial_test::csv_records(denial_test::read_file(
           std::string(DENIAL_SOURCE_DIR) + "/core/data/guidance/pair_rules.csv")))
    out[r.at("id")] = r.at("family");
  return out;
}

const nlohmann::json* find_claim(const nlohmann::json& report, const std::string& pcn,
                                 std::size_t occurrence) {
  std::size_t seen = 0;
  for (const auto& t : report.at("transactions"))
    for (const auto& c : t.at("claims"))
      if (str(c, "patient_control_number") == pcn && seen++ == occurrence) return &c;
  return nullptr;
}

nlohmann::json explain_row(const Row& r) {
  denial::ExplainOptions options;
  options.as_of = r.at("as_of");
  options.appeal_days = days(r.at("appeal_days"));
  options.filing_days = days(r.at("filing_days"));
  const std::string bytes = denial_test::read_file(scenario_dir() + "/" + r.at("file"));
  // The expanded form: every field inline.
  return nlohmann::json::parse(
      denial::to_json(denial::explain_file(r.at("file"), bytes, options), -1, false, true));
}

class Scenario : public testing::TestWithParam<Case> {};

TEST_P(Scenario, MatchesExpectation) {
  const Row& r = rows()[GetParam().row];
  const std::string& file = r.at("file");
  const std::string bytes = denial_test::read_file(scenario_dir() + "/" + file);
  ASSERT_FALSE(bytes.empty()) << file;

  const nlohmann::json report = explain_row(r);
  const nlohmann::json* claim = find_claim(report, r.at("claim"), GetParam().occurrence);
  ASSERT_NE(claim, nullptr) << file << ": no claim " << r.at("claim");

  const std::string where = file + " " + r.at("claim") + " (" + r.at("rule") + ")";
  EXPECT_EQ(str(*claim, "outcome"), r.at("outcome")) << where;

  const nlohmann::json& money = claim->at("money");
  for (const char* bucket : {"recoverable", "patient", "write_off", "other"})
    EXPECT_EQ(str(money, bucket), r.at(bucket)) << where << ": money." << bucket;

  const nlohmann::json empty = nlohmann::json::object();
  const nlohmann::json& actions = claim->contains("actions") ? claim->at("actions") : empty;
  const nlohmann::json& primary = actions.is_array() && !actions.empty() ? actions.at(0) : empty;
  EXPECT_EQ(str(primary, "action"), r.at("primary_action")) << where << ": primary action";
  EXPECT_EQ(str(primary, "act_by"), r.at("act_by")) << where << ": act_by";
  EXPECT_EQ(str(primary, "deadline_owner"), r.at("deadline_owner")) << where << ": deadline_owner";
  if (!r.at("act_by").empty()) {
    const bool passed = r.at("as_of") > r.at("act_by");  // ISO dates compare as text
    ASSERT_TRUE(primary.contains("deadline_passed")) << where;
    EXPECT_EQ(primary.at("deadline_passed").get<bool>(), passed) << where << ": deadline_passed";
  }
  // The pair table applied: an adjustment of this claim is decided by the named pair row, and
  // the report names that row's family.
  if (const std::string& pair = r.at("pair_rule"); !pair.empty()) {
    static const std::map<std::string, std::string> families = pair_families();
    ASSERT_TRUE(families.count(pair)) << where << ": " << pair << " is not in pair_rules.csv";
    EXPECT_EQ(family_of_pair_on(*claim, pair), families.at(pair))
        << where << ": no adjustment decided by " << pair;
  }
}

INSTANTIATE_TEST_SUITE_P(Scenarios, Scenario, testing::ValuesIn(cases()), name_of);

TEST(ScenarioSuite, HasAtLeastSixtyFilesAndEveryFileHasRows) {
  std::set<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(scenario_dir()))
    if (e.path().extension() == ".835") files.insert(e.path().filename().string());
  EXPECT_GE(files.size(), 60u);
  EXPECT_GE(rows().size(), 80u);
  std::set<std::string> with_rows;
  for (const Row& r : rows()) {
    with_rows.insert(r.at("file"));
    EXPECT_TRUE(files.count(r.at("file"))) << "expected.csv names a missing file " << r.at("file");
  }
  for (const std::string& f : files) EXPECT_TRUE(with_rows.count(f)) << f << " has no row";
}

// Issue 14: every pair family is applied in at least one scenario. Each row naming a pair is
// explained again here, and the family is read from the report, so a family whose scenarios
// are missing (or no longer resolve to its pairs) fails.
TEST(ScenarioSuite, EveryPairFamilyHasAScenario) {
  const std::map<std::string, std::string> families = pair_families();
  std::set<std::string> wanted;
  for (const auto& [id, family] : families) {
    EXPECT_FALSE(family.empty()) << id << " has no family";
    wanted.insert(family);
  }
  ASSERT_GE(wanted.size(), 10u);
  std::map<std::string, std::size_t> occurrence;
  std::map<std::string, std::string> covered;  // family -> file and claim that shows it
  for (const Row& r : rows()) {
    const std::size_t n = occurrence[r.at("file") + "\n" + r.at("claim")]++;
    const std::string& pair = r.at("pair_rule");
    if (pair.empty()) continue;
    const nlohmann::json report = explain_row(r);
    const nlohmann::json* claim = find_claim(report, r.at("claim"), n);
    ASSERT_NE(claim, nullptr) << r.at("file") << " " << r.at("claim");
    const std::string family = family_of_pair_on(*claim, pair);
    if (!family.empty()) covered.emplace(family, r.at("file") + " " + r.at("claim"));
  }
  for (const std::string& family : wanted)
    EXPECT_TRUE(covered.count(family)) << "pair family " << family << " has no scenario";
}

TEST(ScenarioSuite, EverySourceIdIsInTheRegistry) {
  std::set<std::string> known;
  for (const Row& s : denial_test::csv_records(denial_test::read_file(
           std::string(DENIAL_SOURCE_DIR) + "/core/data/guidance/sources.csv")))
    known.insert(s.at("id"));
  ASSERT_FALSE(known.empty());
  for (const Row& r : rows()) {
    EXPECT_FALSE(r.at("sources").empty()) << r.at("file") << " " << r.at("claim");
    EXPECT_FALSE(r.at("rule").empty()) << r.at("file") << " " << r.at("claim");
    std::string ids = r.at("sources") + ";";
    for (std::size_t at = 0, end; (end = ids.find(';', at)) != std::string::npos; at = end + 1) {
      std::string id = ids.substr(at, end - at);
      if (id.empty()) continue;
      EXPECT_TRUE(known.count(id))
          << r.at("file") << " " << r.at("claim") << ": unknown source " << id;
    }
  }
}

}  // namespace
