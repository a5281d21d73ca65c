// The scenario suite's data (tests/data/scenarios) on its own: every file reads cleanly (only
// the deliberately unbalanced ones have balance findings), every claim has exactly one
// expected.csv row, the columns hold known ids, and the money buckets add up to what the claim
// did not pay. Runs with today's engine; scenario_test.cpp checks the advice itself.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>

#include "denial/report.h"
#include "test_util.h"

namespace {

using Row = std::map<std::string, std::string>;

std::string scenario_dir() { return std::string(DENIAL_TEST_DATA) + "/scenarios"; }

std::vector<Row> rows() {
  return denial_test::csv_records(denial_test::read_file(scenario_dir() + "/expected.csv"));
}

// "-12.34" -> -1234 (amounts in expected.csv and in the report have two decimals).
long long cents(const std::string& s) {
  if (s.empty()) return 0;
  bool neg = s[0] == '-';
  std::string t = neg ? s.substr(1) : s;
  std::size_t dot = t.find('.');
  long long whole = std::stoll(t.substr(0, dot));
  long long frac =
      dot == std::string::npos ? 0 : std::stoll((t.substr(dot + 1) + "00").substr(0, 2));
  return (neg ? -1 : 1) * (whole * 100 + frac);
}

TEST(ScenarioData, SixtyFilesAndEightyClaims) {
  std::set<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(scenario_dir()))
    if (e.path().extension() == ".835") files.insert(e.path().filename().string());
  EXPECT_GE(files.size(), 60u);
  const auto all = rows();
  EXPECT_GE(all.size(), 80u);
  std::set<std::string> with_rows;
  for (const Row& r : all) {
    with_rows.insert(r.at("file"));
    EXPECT_TRUE(files.count(r.at("file"))) << "expected.csv names a missing file " << r.at("file");
  }
  for (const std::string& f : files) EXPECT_TRUE(with_rows.count(f)) << f << " has no row";
}

TEST(ScenarioData, ColumnsHoldKnownValues) {
  const std::set<std::string> outcomes = {"paid_as_expected",
                                          "paid_with_contractual_reductions",
                                          "partially_denied",
                                          "denied",
                                          "reversed",
                                          "patient_responsibility_only",
                                          "forwarded_to_another_payer",
                                          "predetermination"};
  // docs/advice.md section 4.
  const std::set<std::string> actions = {"",
                                         "appeal",
                                         "reopening",
                                         "corrected_claim",
                                         "new_claim",
                                         "verify_eligibility_rebill",
                                         "obtain_retro_auth",
                                         "bill_other_payer",
                                         "bill_patient",
                                         "await_other_payer",
                                         "check_original_claim",
                                         "contact_payer",
                                         "write_off",
                                         "no_action"};
  const std::regex date(R"(\d{4}-\d{2}-\d{2})"), amount(R"(-?\d+\.\d{2})"), number(R"(\d*)");
  std::set<std::string> known, pairs;
  for (const Row& s : denial_test::csv_records(denial_test::read_file(
           std::string(DENIAL_SOURCE_DIR) + "/core/data/guidance/sources.csv")))
    known.insert(s.at("id"));
  for (const Row& p : denial_test::csv_records(denial_test::read_file(
           std::string(DENIAL_SOURCE_DIR) + "/core/data/guidance/pair_rules.csv")))
    pairs.insert(p.at("id"));
  for (const Row& r : rows()) {
    const std::string where = r.at("file") + " " + r.at("claim");
    EXPECT_TRUE(outcomes.count(r.at("outcome"))) << where << ": " << r.at("outcome");
    EXPECT_TRUE(actions.count(r.at("primary_action"))) << where << ": " << r.at("primary_action");
    EXPECT_TRUE(std::regex_match(r.at("as_of"), date)) << where;
    EXPECT_TRUE(r.at("act_by").empty() || std::regex_match(r.at("act_by"), date)) << where;
    EXPECT_TRUE(std::regex_match(r.at("appeal_days"), number)) << where;
    EXPECT_TRUE(std::regex_match(r.at("filing_days"), number)) << where;
    const std::string& owner = r.at("deadline_owner");
    EXPECT_TRUE(owner.empty() || owner == "medicare" || owner == "contract") << where;
    if (!r.at("act_by").empty()) {
      EXPECT_FALSE(owner.empty()) << where << ": act_by without owner";
    }
    for (const char* b : {"recoverable", "patient", "write_off", "other"})
      EXPECT_TRUE(std::regex_match(r.at(b), amount)) << where << ": " << b;
    EXPECT_FALSE(r.at("rule").empty()) << where;
    EXPECT_TRUE(r.at("pair_rule").empty() || pairs.count(r.at("pair_rule")))
        << where << ": pair_rule " << r.at("pair_rule") << " is not in pair_rules.csv";
    EXPECT_FALSE(r.at("sources").empty()) << where;
    std::string ids = r.at("sources") + ";";
    for (std::size_t at = 0, end; (end = ids.find(';', at)) != std::string::npos; at = end + 1) {
      std::string id = ids.substr(at, end - at);
      EXPECT_TRUE(id.empty() || known.count(id)) << where << ": unknown source " << id;
    }
  }
}

// Every file reads with no error; balance findings only where the file says so; every claim
// has one row; the four buckets add up to CLP03 - CLP04 (adjustments plus any unaccounted
// amount, which goes to recoverable).
TEST(ScenarioData, FilesReadAndRowsCoverEveryClaim) {
  std::map<std::string, std::vector<Row>> by_file;
  for (const Row& r : rows()) by_file[r.at("file")].push_back(r);
  for (const auto& [file, file_rows] : by_file) {
    const std::string bytes = denial_test::read_file(scenario_dir() + "/" + file);
    const nlohmann::json report =
        nlohmann::json::parse(denial::to_json(denial::explain_file(file, bytes)));
    ASSERT_EQ(report.at("files").size(), 1u) << file;
    const bool unbalanced = file.find("out_of_balance") != std::string::npos;
    // Balance findings make a file "read with errors" (docs/advice.md section 4).
    EXPECT_EQ(report.at("files").at(0).at("status"), unbalanced ? "read_with_errors" : "read")
        << file;
    bool balance_finding = false;
    for (const auto& t : report.at("transactions"))
      for (const auto& b : t.at("balance")) {
        balance_finding = true;
        EXPECT_TRUE(unbalanced) << file << ": unexpected balance finding " << b.dump();
      }
    EXPECT_EQ(balance_finding, unbalanced) << file;
    for (const auto& d : report.at("diagnostics")) {
      const std::string code = d.at("code");
      if (code.rfind("balance_", 0) == 0) continue;
      // 67_code_not_in_list.835 carries an unknown reason code on purpose.
      if (code == "code_unknown" && file.rfind("67_", 0) == 0) continue;
      EXPECT_NE(d.at("severity"), "error") << file << ": " << d.dump();
      EXPECT_NE(code, "code_unknown") << file << ": " << d.dump();
    }

    std::map<std::string, std::size_t> used;
    std::size_t claims = 0;
    for (const auto& t : report.at("transactions"))
      for (const auto& c : t.at("claims")) {
        ++claims;
        const std::string pcn = c.at("patient_control_number");
        std::size_t n = used[pcn]++;
        const Row* row = nullptr;
        for (const Row& r : file_rows)
          if (r.at("claim") == pcn && n-- == 0) {
            row = &r;
            break;
          }
        ASSERT_NE(row, nullptr) << file << ": no row for claim " << pcn;
        long long buckets = cents(row->at("recoverable")) + cents(row->at("patient")) +
                            cents(row->at("write_off")) + cents(row->at("other"));
        EXPECT_EQ(buckets, cents(c.at("charge")) - cents(c.at("paid")))
            << file << " " << pcn << ": buckets must add up to charge - paid";
      }
    EXPECT_EQ(claims, file_rows.size()) << file << ": one row per claim";
  }
}

}  // namespace
