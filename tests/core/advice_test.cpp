// The advice end to end on tests/data/advice_medicare.835 (one claim per rule), deadlines as
// dates, and the agreement of memo, JSON and CSV money on every fixture and sample.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include "denial/report.h"
#include "denial/session.h"
#include "test_util.h"

using nlohmann::json;

namespace {

json claims_by_pcn(const denial::Report& r) {
  json out = json::object();
  // The expanded form: every field of every claim, as Session.claim and NDJSON give it.
  json j = json::parse(denial::to_json(r, -1, false, true));
  for (const auto& t : j["transactions"])
    for (const auto& c : t["claims"]) out[c["patient_control_number"].get<std::string>()] = c;
  return out;
}

json advice(const std::string& as_of, std::optional<int> appeal_days = std::nullopt,
            std::optional<int> filing_days = std::nullopt) {
  denial::ExplainOptions o;
  o.as_of = as_of;
  o.appeal_days = appeal_days;
  o.filing_days = filing_days;
  return claims_by_pcn(
      denial::explain_file("advice_medicare.835", denial_test::fixture("advice_medicare.835"), o));
}

std::string primary(const json& claim) { return claim["actions"][0]["action"]; }

std::vector<std::string> action_ids(const json& claim) {
  std::vector<std::string> out;
  for (const auto& a : claim["actions"]) out.push_back(a["action"]);
  return out;
}

}  // namespace

TEST(AdviceScenarios, EachClaimGetsItsRule) {
  json c = advice("2026-02-01");
  // QMB: never billed to the patient; Medicaid or the secondary, else write off.
  EXPECT_EQ(action_ids(c["QMB01"]), (std::vector<std::string>{"bill_other_payer", "write_off"}));
  EXPECT_EQ(c["QMB01"]["actions"][0]["rule"], "qmb-patient-protected");
  EXPECT_EQ(c["QMB01"]["money"]["patient"], "0.00");
  // Final (N211) is not unprocessable: CO-29 is written off, not resubmitted.
  EXPECT_EQ(action_ids(c["TF01"]), std::vector<std::string>{"write_off"});
  EXPECT_EQ(c["TF01"]["money"]["recoverable"], "0.00");
  // CO-24 at Medicare: the Medicare Advantage plan.
  EXPECT_EQ(primary(c["MAP01"]), "bill_other_payer");
  EXPECT_EQ(c["MAP01"]["channel"], "medicare");
  // OA-100: the payer paid the patient; collect from the patient, not owed by the payer.
  EXPECT_EQ(action_ids(c["PTP01"]), (std::vector<std::string>{"bill_patient", "write_off"}));
  EXPECT_EQ(c["PTP01"]["money"]["patient"], "70.00");
  EXPECT_EQ(c["PTP01"]["money"]["recoverable"], "0.00");
  // CO-192 explains nothing: ask the payer, with the amount.
  EXPECT_EQ(primary(c["P19201"]), "contact_payer");
  EXPECT_EQ(c["P19201"]["actions"][0]["amount"], "40.00");
  // $10 out of balance: flag and contact the payer for $10.
  EXPECT_EQ(c["UNB01"]["flags"], json::array({"unbalanced"}));
  EXPECT_EQ(primary(c["UNB01"]), "contact_payer");
  EXPECT_EQ(c["UNB01"]["actions"][0]["amount"], "10.00");
  EXPECT_EQ(c["UNB01"]["money"]["recoverable"], "10.00");
  // Unprocessable line next to a paid one: a new claim with only the unpaid line.
  EXPECT_EQ(primary(c["NEW01"]), "new_claim");
  std::string checklist = c["NEW01"]["corrected_claim_checklist"].dump();
  EXPECT_NE(checklist.find("frequency code 1"), std::string::npos);
  EXPECT_NE(checklist.find("only the lines not already paid on the new claim: line 2 93000."),
            std::string::npos)
      << checklist;
  EXPECT_NE(checklist.find("Leave off the lines already paid (line 1 99213)"), std::string::npos);
  // A clerical fix at Medicare is a reopening, never frequency 7.
  EXPECT_EQ(primary(c["REO01"]), "reopening");
  std::string reopen = c["REO01"]["corrected_claim_checklist"].dump();
  EXPECT_NE(reopen.find("reopening"), std::string::npos);
  EXPECT_EQ(reopen.find("frequency code 7"), std::string::npos);
  // PR on eligibility: verify first, not the patient.
  EXPECT_EQ(primary(c["ELG01"]), "verify_eligibility_rebill");
  // Medicare appeal = redetermination; others = appeal.
  EXPECT_EQ(c["MN01"]["actions"][0]["label"], "Request a redetermination");
  EXPECT_EQ(c["MN02"]["actions"][0]["label"], "Appeal");
  EXPECT_EQ(c["MN02"]["channel"], "other");
  // NCCI: verify, then write off; nothing recoverable, yet the line was denied.
  EXPECT_EQ(primary(c["NC01"]), "write_off");
  EXPECT_EQ(c["NC01"]["money"]["recoverable"], "0.00");
  EXPECT_EQ(c["NC01"]["outcome"], "partially_denied");
  // CO-59 (multiple procedures) on a paid claim is routine, not a partial denial.
  EXPECT_EQ(c["MP01"]["outcome"], "paid_with_contractual_reductions");
  // Every action names its rule and sources; every adjustment's guidance its sources.
  for (const auto& [pcn, claim] : c.items()) {
    for (const auto& a : claim["actions"]) {
      EXPECT_TRUE(a.contains("rule")) << pcn;
      EXPECT_TRUE(a["sources"].is_array()) << pcn;
      for (const char* k : {"act_by", "deadline_owner", "deadline_rule", "deadline_passed"})
        EXPECT_TRUE(a.contains(k)) << pcn << " " << k;
    }
  }
}

TEST(AdviceScenarios, QmbClaimNeverSaysBillThePatientInTheMemo) {
  denial::Report r =
      denial::explain_file("advice_medicare.835", denial_test::fixture("advice_medicare.835"));
  std::string memo = denial::to_text(r);
  std::size_t at = memo.find("Claim QMB01");
  ASSERT_NE(at, std::string::npos);
  std::string block = memo.substr(at, memo.find("Claim TF01") - at);
  EXPECT_EQ(block.find("Bill the patient"), std::string::npos) << block;
  EXPECT_EQ(block.find("-> Bill the patient"), std::string::npos);
  EXPECT_NE(block.find("Why we say this"), std::string::npos);
}

TEST(AdviceDeadlines, MedicareDatesFromTheRemitAndServiceDates) {
  json c = advice("2026-02-01");
  // Remit 2026-01-15: redetermination 5 + 120 days, reopening 1 year, new claim 12 months
  // from the date of service (2025-12-01).
  EXPECT_EQ(c["MN01"]["actions"][0]["act_by"], "2026-05-20");
  EXPECT_EQ(c["MN01"]["actions"][0]["deadline_owner"], "medicare");
  EXPECT_EQ(c["MN01"]["actions"][0]["deadline_passed"], false);
  EXPECT_EQ(c["REO01"]["actions"][0]["act_by"], "2027-01-15");
  EXPECT_EQ(c["NEW01"]["actions"][0]["act_by"], "2026-12-01");
  // Other payers: no date unless the user sets the contractual window, but whose rule it is.
  EXPECT_TRUE(c["MN02"]["actions"][0]["act_by"].is_null());
  EXPECT_EQ(c["MN02"]["actions"][0]["deadline_owner"], "contract");
  json w = advice("2026-02-01", 90, 180);
  EXPECT_EQ(w["MN02"]["actions"][0]["act_by"], "2026-04-15");
  EXPECT_EQ(w["MN02"]["actions"][0]["deadline_owner"], "contract");
  // The last day still counts; the day after, the appeal is gone: write off, say why.
  EXPECT_EQ(advice("2026-05-20")["MN01"]["actions"][0]["action"], "appeal");
  json late = advice("2026-05-21")["MN01"];
  EXPECT_EQ(late["actions"][0]["action"], "write_off");
  EXPECT_EQ(late["actions"][0]["deadline_passed"], true);
  EXPECT_EQ(late["actions"][0]["act_by"], "2026-05-20");
  EXPECT_NE(late["actions"][0]["note"].get<std::string>().find("good cause"), std::string::npos);
  EXPECT_EQ(late["money"]["recoverable"], "0.00");
  EXPECT_EQ(late["money"]["write_off"], "100.00");
  // No as-of date: dates shown, nothing judged.
  EXPECT_EQ(advice("")["MN01"]["actions"][0]["deadline_passed"], false);
}

TEST(AdviceDeadlines, WorklistCsvCarriesActByAndOwner) {
  denial::ExplainOptions o;
  o.as_of = "2026-02-01";
  denial::Report r =
      denial::explain_file("advice_medicare.835", denial_test::fixture("advice_medicare.835"), o);
  auto rows = denial_test::csv_records(denial::worklist_csv(r));
  bool seen = false;
  for (const auto& row : rows)
    if (row.at("patient_control_number") == "MN01") {
      EXPECT_EQ(row.at("act_by"), "2026-05-20");
      EXPECT_EQ(row.at("deadline_owner"), "medicare");
      seen = true;
    }
  EXPECT_TRUE(seen);
}

// --- memo, JSON and CSV read the same buckets -------------------------------------------------

namespace {

std::vector<std::pair<std::string, std::string>> every_input() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const char* dir : {"", "/malformed"})
    for (const auto& e : std::filesystem::directory_iterator(std::string(DENIAL_TEST_DATA) + dir)) {
      std::string name = e.path().filename().string();
      if (e.is_regular_file() && e.path().extension() == ".835")
        out.emplace_back(name, denial_test::read_file(e.path().string()));
    }
  if (denial_test::have_samples())
    for (const auto& e : std::filesystem::directory_iterator(denial_test::samples_dir()))
      if (e.is_regular_file() && e.path().filename() != "SOURCES.md")
        out.emplace_back(e.path().filename().string(), denial_test::read_file(e.path().string()));
  return out;
}

denial::Cents cents(const json& v) { return *denial::parse_cents(v.get<std::string>()); }

denial::Cents memo_amount(const std::string& s) {
  std::string digits;
  for (char ch : s)
    if (ch != '$' && ch != ',') digits += ch;
  return *denial::parse_cents(digits);
}

}  // namespace

TEST(MoneyAgreement, MemoJsonAndCsvShowTheSameMoneyForEveryFixtureAndSample) {
  auto inputs = every_input();
  ASSERT_GT(inputs.size(), 20u);
  const std::regex worth(
      R"(Worth working \(appeal, correct, rebill, chase\): (-?\$[0-9,]+\.[0-9]{2}))");
  const std::regex per_claim(
      R"(Money: worth working (-?\$[0-9,.]+), patient or next payer (-?\$[0-9,.]+), write off (-?\$[0-9,.]+), other (-?\$[0-9,.]+)\.)");
  for (const auto& [name, bytes] : inputs) {
    SCOPED_TRACE(name);
    denial::Report r = denial::explain_file(name, bytes);
    json j = json::parse(denial::to_json(r, -1, false, true));  // expanded: every field
    std::string memo = denial::to_text(r);
    // Summary: memo == JSON.
    std::smatch m;
    ASSERT_TRUE(std::regex_search(memo, m, worth));
    EXPECT_EQ(memo_amount(m[1]), cents(j["summary"]["recoverable_amount"]));
    // Per claim, in order: memo == JSON; and the buckets add up to every adjustment plus the
    // unaccounted money (nothing lost, nothing counted twice).
    std::vector<json> claims;
    for (const auto& t : j["transactions"])
      for (const auto& c : t["claims"]) claims.push_back(c);
    auto it = std::sregex_iterator(memo.begin(), memo.end(), per_claim);
    std::size_t i = 0;
    for (; it != std::sregex_iterator() && i < claims.size(); ++it, ++i) {
      const json& money = claims[i]["money"];
      EXPECT_EQ(memo_amount((*it)[1]), cents(money["recoverable"])) << "claim " << i;
      EXPECT_EQ(memo_amount((*it)[2]), cents(money["patient"])) << "claim " << i;
      EXPECT_EQ(memo_amount((*it)[3]), cents(money["write_off"])) << "claim " << i;
      EXPECT_EQ(memo_amount((*it)[4]), cents(money["other"])) << "claim " << i;
      if (claims[i]["status"] == "22") continue;
      denial::Cents adjusted = 0;
      for (const auto& a : claims[i]["adjustments"]) adjusted += cents(a["amount"]);
      for (const auto& l : claims[i]["lines"])
        for (const auto& a : l["adjustments"]) adjusted += cents(a["amount"]);
      EXPECT_EQ(cents(money["recoverable"]) + cents(money["patient"]) + cents(money["write_off"]) +
                    cents(money["other"]),
                adjusted + cents(claims[i]["unaccounted"]))
          << "claim " << i;
    }
    EXPECT_EQ(i, claims.size());
    // CSV: per worklist claim, the amounts per bucket equal the claim's money; in total, the
    // recoverable rows equal the summary.
    std::map<std::string, std::map<std::string, denial::Cents>> csv;  // pcn|icn -> bucket -> sum
    denial::Cents csv_recoverable = 0;
    for (const auto& row : denial_test::csv_records(denial::worklist_csv(r))) {
      denial::Cents amount = *denial::parse_cents(row.at("amount"));
      csv[row.at("priority")][row.at("money_bucket")] += amount;
      if (row.at("money_bucket") == "recoverable") csv_recoverable += amount;
    }
    EXPECT_EQ(csv_recoverable, cents(j["summary"]["recoverable_amount"]));
    std::size_t priority = 0;
    for (const auto& w : j["worklist"]) {
      ++priority;
      const json& c = j["transactions"][w["transaction"].get<std::size_t>()]["claims"]
                       [w["claim"].get<std::size_t>()];
      auto& b = csv[std::to_string(priority)];
      EXPECT_EQ(b["recoverable"], cents(c["money"]["recoverable"])) << priority;
      EXPECT_EQ(b["patient"], cents(c["money"]["patient"])) << priority;
      EXPECT_EQ(b["write_off"], cents(c["money"]["write_off"])) << priority;
      EXPECT_EQ(w["recoverable"], c["money"]["recoverable"]);
    }
  }
}

TEST(AdviceOptions, FromTheJsonTheWasmApiPasses) {
  auto o = denial::explain_options_from_json(
      R"({"as_of":"20260301","appeal_days":90,"filing_days":null})");
  EXPECT_EQ(o.as_of, "2026-03-01");
  EXPECT_EQ(o.appeal_days, 90);
  EXPECT_FALSE(o.filing_days.has_value());
  auto bad = denial::explain_options_from_json(R"({"as_of":"2026-02-30","appeal_days":-1})");
  EXPECT_TRUE(bad.as_of.empty());
  EXPECT_FALSE(bad.appeal_days.has_value());
  EXPECT_TRUE(denial::explain_options_from_json("not json").as_of.empty());
  // A session judges deadlines by its options, like explain_file.
  denial::Session s(UINT64_MAX, UINT64_MAX, o);
  s.add_file("advice_medicare.835", denial_test::fixture("advice_medicare.835"));
  json report = json::parse(s.report_json());
  EXPECT_EQ(report["options"]["as_of"], "2026-03-01");
  EXPECT_EQ(report["options"]["appeal_days"], 90);
}
