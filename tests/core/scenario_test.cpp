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

class Scenario : public testing::TestWithParam<Case> {};

TEST_P(Scenario, MatchesExpectation) {
  const Row& r = rows()[GetParam().row];
  const std::string& file = r.at("file");
  const std::string bytes = denial_test::read_file(scenario_dir() + "/" + file);
  ASSERT_FALSE(bytes.empty()) << file;

  denial::ExplainOptions options;
  options.as_of = r.at("as_of");
  options.appeal_days = days(r.at("appeal_days"));
  options.filing_days = days(r.at("filing_days"));
  const nlohmann::json report = nlohmann::json::parse(denial::to_json(
      denial::explain_file(file, bytes, options), -1, false, true));  // expanded: every field

  const nlohmann::json* claim = nullptr;
  std::size_t occurrence = 0;
  for (const auto& t : report.at("transactions"))
    for (const auto& c : t.at("claims"))
      if (str(c, "patient_control_number") == r.at("claim") &&
          occurrence++ == GetParam().occurrence)
        claim = &c;
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
