// Breakdowns: for every kind, the rows add up to the batch summary (claims, billed, paid and
// the money buckets), over every fixture and public sample at once, in normal and big-file
// mode; reason rows add up to the summary's by_reason; a slice narrows rows and totals.
#include "denial/breakdowns.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "denial/query.h"
#include "denial/report.h"
#include "test_util.h"

using namespace denial;

namespace {

Report everything(std::uint64_t keep_up_to = UINT64_MAX) {
  std::set<std::string> paths;
  for (const auto& e : std::filesystem::directory_iterator(DENIAL_TEST_DATA))
    if (e.is_regular_file() && e.path().extension() == ".835") paths.insert(e.path().string());
  for (const auto& e : std::filesystem::directory_iterator(denial_test::samples_dir()))
    if (e.is_regular_file()) paths.insert(e.path().string());
  ReportBuilder b(keep_up_to);
  for (const auto& p : paths) b.add_file(p, denial_test::read_file(p));
  return b.finish();
}

const BreakdownBy kPartitions[] = {BreakdownBy::payer,         BreakdownBy::month,
                                   BreakdownBy::service_month, BreakdownBy::procedure,
                                   BreakdownBy::provider,      BreakdownBy::filing};

void expect_rows_add_up(const Report& r, BreakdownBy by) {
  SCOPED_TRACE(std::string(breakdown_id(by)));
  Breakdown b = breakdown(r, by);
  BreakdownRow sum;
  for (const auto& row : b.rows) {
    sum.claims += row.claims;
    sum.denied_claims += row.denied_claims;
    sum.billed += row.billed;
    sum.paid += row.paid;
    sum.patient += row.patient;
    sum.denied += row.denied;
    sum.recoverable += row.recoverable;
  }
  const Summary& s = r.summary;
  EXPECT_EQ(sum.claims, s.claims);
  EXPECT_EQ(sum.denied_claims, s.denied_claims);
  EXPECT_EQ(sum.billed, s.total_charge);
  EXPECT_EQ(sum.paid, s.total_paid);
  EXPECT_EQ(sum.patient, s.patient_amount);
  EXPECT_EQ(sum.denied, s.denied_amount);
  EXPECT_EQ(sum.recoverable, s.recoverable_amount);
  EXPECT_EQ(b.total.claims, s.claims);
  EXPECT_EQ(b.total.billed, s.total_charge);
  EXPECT_EQ(b.total.recoverable, s.recoverable_amount);
  EXPECT_GT(b.rows.size(), 1u);
}

void expect_reasons_add_up(const Report& r) {
  Breakdown b = breakdown(r, BreakdownBy::reason);
  std::map<std::string, AmountCount, std::less<>> got;
  for (const auto& row : b.rows) got[row.key] = {row.adjusted, row.adjustments};
  ASSERT_EQ(got.size(), r.summary.by_reason.size());
  for (const auto& [code, ac] : r.summary.by_reason) {
    SCOPED_TRACE(code);
    ASSERT_TRUE(got.count(code));
    EXPECT_EQ(got[code].amount, ac.amount);
    EXPECT_EQ(got[code].count, ac.count);
  }
}

}  // namespace

TEST(Breakdowns, EveryKindAddsUpToTheSummary) {
  DENIAL_REQUIRE_SAMPLES();
  Report r = everything();
  ASSERT_GT(r.summary.claims, 100u);
  for (BreakdownBy by : kPartitions) expect_rows_add_up(r, by);
  expect_reasons_add_up(r);
}

TEST(Breakdowns, BigFileModeGivesTheSameBreakdowns) {
  DENIAL_REQUIRE_SAMPLES();
  Report r = everything(0);
  for (BreakdownBy by : kPartitions) expect_rows_add_up(r, by);
  expect_reasons_add_up(r);
  Report normal = everything();
  for (BreakdownBy by : kPartitions)
    EXPECT_EQ(breakdown_json(r, by, {}), breakdown_json(normal, by, {}));
}

TEST(Breakdowns, SlicesPartitionTheBatch) {
  DENIAL_REQUIRE_SAMPLES();
  Report r = everything();
  Breakdown payers = breakdown(r, BreakdownBy::payer);
  std::size_t claims = 0;
  Cents recoverable = 0;
  for (const auto& p : payers.rows) {
    Slice s;
    s.payer = p.key;
    Breakdown one = breakdown(r, BreakdownBy::month, s);
    EXPECT_EQ(one.total.claims, p.claims);
    EXPECT_EQ(one.total.recoverable, p.recoverable);
    claims += one.total.claims;
    recoverable += one.total.recoverable;
    RowQuery q;
    q.slice = s;
    q.limit = 0;
    std::size_t rows = query_rows(r, q).total;
    std::size_t duplicates = 0;
    for (const ClaimRow& row : r.rows) duplicates += row.duplicate && in_slice(r, row, s);
    EXPECT_EQ(rows - duplicates, p.claims);
  }
  EXPECT_EQ(claims, r.summary.claims);
  EXPECT_EQ(recoverable, r.summary.recoverable_amount);
}

TEST(Breakdowns, FacetsCarryNoPatientData) {
  std::string bytes = denial_test::fixture("denied_claim.835");
  Report r = explain_file("d.835", bytes);
  ASSERT_FALSE(r.rows.empty());
  std::string j = trends_json(r, {});
  for (const ClaimRow& row : r.rows) {
    if (!row.patient_name.empty()) {
      EXPECT_EQ(j.find(row.patient_name), std::string::npos);
    }
    if (row.patient_control_number.size() > 3) {
      EXPECT_EQ(j.find(row.patient_control_number), std::string::npos);
    }
  }
  auto parsed = nlohmann::json::parse(j);
  EXPECT_TRUE(parsed.contains("payers"));
  EXPECT_TRUE(parsed.contains("payer_months"));
}

TEST(Breakdowns, TextAndCsvEndWithTheTotal) {
  Report r = explain_file("d.835", denial_test::fixture("denied_claim.835"));
  Breakdown b = breakdown(r, BreakdownBy::payer);
  std::string csv = breakdown_csv(b);
  EXPECT_EQ(csv.rfind("total,All,", std::string::npos) != std::string::npos, true);
  EXPECT_NE(breakdown_text(b).find("All"), std::string::npos);
  BreakdownBy by;
  EXPECT_TRUE(breakdown_by_from("provider", by));
  EXPECT_EQ(by, BreakdownBy::provider);
  EXPECT_FALSE(breakdown_by_from("nope", by));
}
