// The batch report and its writers: JSON schema basics, retransmitted payments counted once,
// CSV cells safe from formula injection, deterministic output, and big-file mode giving the
// same totals as normal mode.
#include "denial/report.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "test_util.h"

using denial::Errc;
using denial::Report;
using denial::ReportBuilder;
using nlohmann::json;

namespace {

using Files = std::vector<std::pair<std::string, std::string>>;  // (name, bytes)

// keep_up_to = 0 puts every file in big-file mode (claims stream through, only rows kept).
Report build(const Files& files, std::uint64_t keep_up_to = UINT64_MAX) {
  ReportBuilder b(keep_up_to);
  for (const auto& [name, bytes] : files) b.add_file(name, bytes);
  return b.finish();
}

Files fixtures(std::initializer_list<const char*> names) {
  Files out;
  for (const char* n : names) out.emplace_back(n, denial_test::fixture(n));
  return out;
}

json summary_of(const Report& r) { return json::parse(denial::to_json(r))["summary"]; }

bool is_two_place_decimal(const json& v) {
  if (!v.is_string()) return false;
  std::string s = v.get<std::string>();
  std::size_t dot = s.find('.');
  return dot != std::string::npos && dot + 3 == s.size() && denial::parse_cents(s).has_value();
}

}  // namespace

TEST(ReportJson, SchemaVersionAndTopLevel) {
  json j = json::parse(denial::to_json(build(fixtures({"denied_claim.835"}))));
  EXPECT_EQ(j["schema_version"], "4.0");
  EXPECT_EQ(j["schema_version"], std::string(denial::kSchemaVersion));
  for (const char* key : {"generator", "options", "sources", "code_sets", "files", "summary",
                          "worklist", "transactions", "diagnostics"})
    EXPECT_TRUE(j.contains(key)) << key;
  EXPECT_EQ(j["code_sets"]["carc"]["release"], "2026-07-01");
  EXPECT_EQ(j["files"][0]["status"], "read");
}

// Totals above 2^32 cents: rates are computed in 64 bits on every build (the parity test
// holds the browser build to the same answer).
TEST(ReportJson, RatesOfHospitalSizeTotals) {
  json j = json::parse(denial::to_json(build(fixtures({"large_amounts.835"}))));
  EXPECT_EQ(j["summary"]["total_charge"], "55000000.00");
  EXPECT_EQ(j["summary"]["denied_amount"], "35000000.00");
  EXPECT_EQ(j["summary"]["denial_rate_by_dollars"], "0.6364");
  EXPECT_EQ(j["summary"]["denial_rate_by_count"], "1.0000");
}

// Every fixture's summary agrees with the hand-verified expectations, as decimal strings.
TEST(ReportJson, SummaryMatchesExpectationsForEveryFixture) {
  auto rows = denial_test::csv_records(
      denial_test::read_file(std::string(DENIAL_TEST_DATA) + "/fixtures_expected.csv"));
  ASSERT_FALSE(rows.empty());
  for (const auto& row : rows) {
    SCOPED_TRACE(row.at("file"));
    // Its rows count both copies as parsed; the report counts the payment once
    // (ReportDuplicates.IdenticalCopyInAnotherInterchangeIsCountedOnce).
    if (row.at("file") == "retransmission_identical.835") continue;
    json s = summary_of(build(fixtures({row.at("file").c_str()})));
    EXPECT_EQ(s["transactions"], std::stoul(row.at("transactions")));
    EXPECT_EQ(s["claims"], std::stoul(row.at("claims")));
    EXPECT_EQ(s["service_lines"], std::stoul(row.at("service_lines")));
    for (const char* key :
         {"total_charge", "total_paid", "total_patient_responsibility", "provider_adjustment_total",
          "total_payments", "total_adjusted", "denied_amount", "recoverable_amount",
          "patient_amount", "write_off_amount"})
      EXPECT_TRUE(is_two_place_decimal(s[key])) << key << " = " << s[key].dump();
    EXPECT_EQ(s["total_charge"], row.at("total_charge"));
    EXPECT_EQ(s["total_paid"], row.at("total_paid"));
    EXPECT_EQ(s["total_patient_responsibility"], row.at("total_patient_responsibility"));
    EXPECT_EQ(s["provider_adjustment_total"], row.at("plb_total"));
    EXPECT_EQ(s["total_payments"], row.at("bpr_total"));
  }
}

TEST(ReportJson, AmountsEverywhereAreStrings) {
  json j = json::parse(
      denial::to_json(build(fixtures({"denied_claim.835", "plb_netting.835", "reversal.835"}))));
  const json& c = j["transactions"][0]["claims"][1];
  for (const char* key : {"charge", "paid", "patient_responsibility"})
    EXPECT_TRUE(is_two_place_decimal(c[key])) << key;
  EXPECT_TRUE(is_two_place_decimal(c["lines"][0]["adjustments"][0]["amount"]));
  EXPECT_TRUE(is_two_place_decimal(j["transactions"][1]["provider_adjustments"][1]["amount"]));
  EXPECT_EQ(j["transactions"][1]["provider_adjustments"][1]["amount"], "-4.37");
  EXPECT_EQ(j["transactions"][2]["claims"][0]["reversal_pair"]["net_paid"], "10.00");
}

// --- retransmitted payments -------------------------------------------------------------------

TEST(ReportDuplicates, SamePaymentTwiceIsCountedOnce) {
  for (std::uint64_t keep : {UINT64_MAX, std::uint64_t{0}}) {
    SCOPED_TRACE(keep ? "normal mode" : "big-file mode");
    std::string bytes = denial_test::fixture("denied_claim.835");
    Report r = build({{"first.835", bytes}, {"again.835", bytes}}, keep);
    EXPECT_EQ(r.summary.duplicate_payments, 1u);
    EXPECT_EQ(r.summary.transactions, 1u);
    EXPECT_EQ(r.summary.claims, 2u);
    EXPECT_EQ(r.summary.total_paid, 9500);
    ASSERT_EQ(r.duplicate_of.size(), 2u);
    EXPECT_EQ(r.duplicate_of[0], -1);
    EXPECT_EQ(r.duplicate_of[1], 0);
    ASSERT_EQ(r.rows.size(), 4u);  // rows kept for display, flagged
    EXPECT_FALSE(r.rows[0].duplicate);
    EXPECT_TRUE(r.rows[3].duplicate);
    bool flagged = false;
    for (const auto& [file, d] : r.diagnostics)
      flagged = flagged || (d.code == Errc::duplicate_payment && file == 1);
    EXPECT_TRUE(flagged);
    for (const auto* row : denial::worklist(r)) EXPECT_FALSE(row->duplicate);
    json j = json::parse(denial::to_json(r));
    EXPECT_EQ(j["summary"]["duplicate_payments"], 1);
    EXPECT_EQ(j["summary"]["total_paid"], "95.00");
    EXPECT_EQ(j["transactions"][1]["duplicate_of"], 0);
    EXPECT_TRUE(j["transactions"][0]["duplicate_of"].is_null());
  }
}

TEST(ReportDuplicates, DifferentPaymentsAreNotDuplicates) {
  Report r = build(fixtures({"denied_claim.835", "sequestration.835", "several_st.835"}));
  EXPECT_EQ(r.summary.duplicate_payments, 0u);
  EXPECT_EQ(r.summary.transactions, 5u);
}

TEST(ReportDuplicates, RetransmissionInsideOneFile) {
  DENIAL_REQUIRE_SAMPLES();
  // Two identical interchanges in one file (same TRN, payer and amount).
  Report r = build({{"tasty", denial_test::sample("tasty__oneLine-2-ISA.edi")}});
  EXPECT_EQ(r.summary.duplicate_payments, 1u);
  EXPECT_EQ(r.summary.transactions, 1u);
  EXPECT_EQ(r.summary.claims, 2u);
}

std::vector<denial::Diagnostic> diagnostics_of(const Report& r, Errc code) {
  std::vector<denial::Diagnostic> out;
  for (const auto& [file, d] : r.diagnostics)
    if (d.code == code) out.push_back(d);
  return out;
}

// A payment is a retransmission only when it is the same payment: payer, trace, amount and
// the same claims. Envelope control numbers and the interchange date do not matter.
TEST(ReportDuplicates, IdenticalCopyInAnotherInterchangeIsCountedOnce) {
  for (std::uint64_t keep : {UINT64_MAX, std::uint64_t{0}}) {
    SCOPED_TRACE(keep ? "normal mode" : "big-file mode");
    Report r = build(fixtures({"retransmission_identical.835"}), keep);
    ASSERT_EQ(r.transactions.size(), 2u);
    EXPECT_EQ(r.duplicate_of[1], 0);
    EXPECT_EQ(r.summary.duplicate_payments, 1u);
    EXPECT_EQ(r.summary.transactions, 1u);
    EXPECT_EQ(r.summary.claims, 1u);
    EXPECT_EQ(r.summary.total_paid, 10260);
    EXPECT_EQ(r.summary.total_payments, 10260);
    EXPECT_EQ(diagnostics_of(r, Errc::duplicate_payment).size(), 1u);
    EXPECT_TRUE(diagnostics_of(r, Errc::trace_reused).empty());
  }
}

// A copy re-sent with other delimiters ('|' and '>' for '*' and ':') is still the same payment.
TEST(ReportDuplicates, CopyWithOtherDelimitersIsTheSamePayment) {
  std::string bytes = denial_test::fixture("denied_claim.835");
  std::string other = bytes;
  for (char& c : other) c = c == '*' ? '|' : c == ':' ? '>' : c;
  for (std::uint64_t keep : {UINT64_MAX, std::uint64_t{0}}) {
    SCOPED_TRACE(keep ? "normal mode" : "big-file mode");
    Report r = build({{"first.835", bytes}, {"pipes.835", other}}, keep);
    EXPECT_EQ(r.summary.duplicate_payments, 1u);
    EXPECT_EQ(r.summary.transactions, 1u);
    ASSERT_EQ(r.transactions.size(), 2u);
    EXPECT_EQ(r.transactions[0].body_hash, r.transactions[1].body_hash);
  }
}

// Same payer, trace and amount, other claims: two payments, both counted, and a warning that
// names where both are.
TEST(ReportDuplicates, SameTraceWithOtherClaimsIsCountedWithAWarning) {
  for (std::uint64_t keep : {UINT64_MAX, std::uint64_t{0}}) {
    SCOPED_TRACE(keep ? "normal mode" : "big-file mode");
    std::string bytes = denial_test::fixture("same_trace_different_claims.835");
    Report r = build({{"same_trace.835", bytes}}, keep);
    EXPECT_EQ(r.summary.duplicate_payments, 0u);
    EXPECT_EQ(r.summary.transactions, 2u);
    EXPECT_EQ(r.summary.claims, 2u);
    EXPECT_EQ(r.summary.total_paid, 20520);
    EXPECT_EQ(r.summary.total_payments, 20520);
    for (const auto& row : r.rows) EXPECT_FALSE(row.duplicate);
    auto warnings = diagnostics_of(r, Errc::trace_reused);
    ASSERT_EQ(warnings.size(), 1u);
    const auto& w = warnings[0];
    EXPECT_EQ(w.severity, denial::Severity::warning);
    // The second ST (segment 26) is where the warning points; the message names both STs.
    EXPECT_EQ(w.segment_no, 26u);
    EXPECT_EQ(bytes.substr(w.byte_offset, 10), "ST*835*000");
    std::size_t first_st = bytes.find("ST*835*0001");
    EXPECT_NE(w.message.find("segment 3, byte " + std::to_string(first_st)), std::string::npos)
        << w.message;
    EXPECT_NE(w.message.find("segment 26, byte " + std::to_string(w.byte_offset)),
              std::string::npos)
        << w.message;
    EXPECT_NE(w.message.find("400000002"), std::string::npos) << w.message;
  }
}

// A zero-amount notification (BPR01 H) reusing the trace number of a paid payment, and a
// second one reusing it again with another denied claim: three payments, every claim counted.
TEST(ReportDuplicates, ZeroAmountPaymentsReusingATraceAreCounted) {
  for (std::uint64_t keep : {UINT64_MAX, std::uint64_t{0}}) {
    SCOPED_TRACE(keep ? "normal mode" : "big-file mode");
    Report r = build(fixtures({"zero_amount_trace_reused.835"}), keep);
    EXPECT_EQ(r.summary.duplicate_payments, 0u);
    EXPECT_EQ(r.summary.transactions, 3u);
    EXPECT_EQ(r.summary.claims, 3u);
    EXPECT_EQ(r.summary.denied_claims, 2u);
    EXPECT_EQ(r.summary.total_charge, 51500);
    EXPECT_EQ(r.summary.total_payments, 10260);
    EXPECT_EQ(diagnostics_of(r, Errc::trace_reused).size(), 2u);
  }
}

// Six payments of one payer share the trace number 999999999 (masked, as in a de-identified
// real remit that lost 210 of its 375 claims this way); 1 and 4, 2 and 5, 3 and 6 even have
// the same amount. None is a retransmission: all 200 claims count.
TEST(ReportDuplicates, SixPaymentsSharingOneTraceLoseNoClaims) {
  DENIAL_REQUIRE_SAMPLES();
  for (std::uint64_t keep : {UINT64_MAX, std::uint64_t{0}}) {
    SCOPED_TRACE(keep ? "normal mode" : "big-file mode");
    Report r = build({{"six.edi", denial_test::sample("own__six_payments_one_trace.edi")}}, keep);
    ASSERT_EQ(r.transactions.size(), 6u);
    for (auto d : r.duplicate_of) EXPECT_EQ(d, -1);
    EXPECT_EQ(r.summary.duplicate_payments, 0u);
    EXPECT_EQ(r.summary.transactions, 6u);
    EXPECT_EQ(r.summary.claims, 200u);
    EXPECT_EQ(r.summary.service_lines, 386u);
    EXPECT_EQ(r.summary.total_paid, 4965248);
    EXPECT_EQ(r.summary.total_payments, 4965248);
    EXPECT_EQ(r.rows.size(), 200u);
    for (const auto& row : r.rows) EXPECT_FALSE(row.duplicate);
    EXPECT_EQ(diagnostics_of(r, Errc::trace_reused).size(), 5u);
  }
}

// --- CSV ---------------------------------------------------------------------------------------

TEST(ReportCsv, CellNeutralisesFormulasAndQuotes) {
  EXPECT_EQ(denial::csv_cell("plain"), "plain");
  EXPECT_EQ(denial::csv_cell("=1+1"), "'=1+1");
  EXPECT_EQ(denial::csv_cell("+1"), "'+1");
  EXPECT_EQ(denial::csv_cell("-2"), "'-2");
  EXPECT_EQ(denial::csv_cell("@SUM(A1:A9)"), "'@SUM(A1:A9)");
  EXPECT_EQ(denial::csv_cell("\tcmd"), "'\tcmd");
  EXPECT_EQ(denial::csv_cell("\rcmd"), "\"'\rcmd\"");  // quoted too: it holds a CR
  EXPECT_EQ(denial::csv_cell("=HYPERLINK(\"x\",\"y\")"), "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
  EXPECT_EQ(denial::csv_cell("a,b"), "\"a,b\"");
  EXPECT_EQ(denial::csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(denial::csv_cell("line\nbreak"), "\"line\nbreak\"");
  EXPECT_EQ(denial::csv_cell(""), "\"\"");
  EXPECT_EQ(denial::csv_cell("a=b"), "a=b");  // only a leading formula character matters
}

namespace {

void expect_no_formula_cells(const std::string& csv) {
  auto rows = denial_test::csv_rows(csv);
  ASSERT_FALSE(rows.empty());
  const std::size_t columns = rows[0].size();
  for (std::size_t r = 0; r < rows.size(); ++r) {
    EXPECT_EQ(rows[r].size(), columns) << "row " << r;  // quoting kept every row intact
    for (const auto& cell : rows[r])
      if (!cell.empty()) {
        EXPECT_EQ(std::string("=+-@\t\r").find(cell[0]), std::string::npos)
            << "row " << r << ": " << cell;
      }
  }
}

}  // namespace

TEST(ReportCsv, XssNamesWorklistHasNoFormulaCells) {
  std::string bytes = denial_test::fixture("xss_names.835");
  expect_no_formula_cells(denial::worklist_csv(build({{"=evil().835", bytes}})));
  // The fixture's claims are routine; turn them into denials so their payload-laden names,
  // claim numbers and trace number reach the worklist.
  for (auto [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"CAS*CO*45*40", "CAS*CO*50*40"}, {"CAS*CO*45*10", "CAS*CO*16*10"}}) {
    auto at = bytes.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    bytes.replace(at, from.size(), to);
  }
  for (std::uint64_t keep : {UINT64_MAX, std::uint64_t{0}}) {
    Report r = build({{"=evil().835", bytes}}, keep);
    ASSERT_EQ(denial::worklist(r).size(), 2u);
    std::string csv = denial::worklist_csv(r);
    expect_no_formula_cells(csv);
    EXPECT_NE(csv.find("'=HYPERLINK"), std::string::npos);  // neutralised, not dropped
    EXPECT_NE(csv.find("'@SUM(A1:A9)"), std::string::npos);
    EXPECT_NE(csv.find("'+1-2"), std::string::npos);
  }
}

// --- determinism and big-file mode -------------------------------------------------------------

TEST(ReportDeterminism, ToJsonIsByteIdenticalAcrossRuns) {
  Files files =
      fixtures({"denied_claim.835", "reversal.835", "plb_netting.835", "out_of_balance.835",
                "deactivated_code_2026.835", "truncated.835", "xss_names.835"});
  std::string a = denial::to_json(build(files));
  std::string b = denial::to_json(build(files));
  EXPECT_EQ(a, b);
  Report r = build(files);
  EXPECT_EQ(denial::to_json(r, 2), denial::to_json(r, 2));
  EXPECT_EQ(denial::worklist_csv(r), denial::worklist_csv(build(files)));
}

TEST(ReportBigFile, SameSummaryAsNormalMode) {
  std::vector<Files> batches = {
      fixtures({"denied_claim.835"}),
      fixtures({"sequestration.835"}),
      fixtures({"reversal.835"}),
      fixtures({"plb_netting.835"}),
      fixtures({"several_st.835"}),
      fixtures({"several_isa.835"}),
      fixtures({"truncated.835"}),
      fixtures({"out_of_balance.835"}),
      fixtures(
          {"denied_claim.835", "cas_six_triplets.835", "denied_claim.835", "negative_amounts.835"}),
  };
  for (const auto& files : batches) {
    SCOPED_TRACE(files[0].first + " (" + std::to_string(files.size()) + " files)");
    Report normal = build(files);
    Report big = build(files, 0);
    EXPECT_EQ(summary_of(normal), summary_of(big));
    ASSERT_EQ(normal.rows.size(), big.rows.size());
    for (std::size_t i = 0; i < normal.rows.size(); ++i) {
      EXPECT_EQ(normal.rows[i].outcome, big.rows[i].outcome) << i;
      EXPECT_EQ(normal.rows[i].action, big.rows[i].action) << i;
      EXPECT_EQ(normal.rows[i].at_stake, big.rows[i].at_stake) << i;
      EXPECT_EQ(normal.rows[i].codes, big.rows[i].codes) << i;
      EXPECT_EQ(normal.rows[i].claim, big.rows[i].claim) << i;
    }
    for (bool kept : big.kept) EXPECT_FALSE(kept);
  }
}

TEST(ReportBigFile, SameSummaryForEverySample) {
  DENIAL_REQUIRE_SAMPLES();
  auto rows = denial_test::csv_records(
      denial_test::read_file(std::string(DENIAL_TEST_DATA) + "/samples_expected.csv"));
  Files all;
  for (const auto& row : rows) {
    Files one = {{row.at("file"), denial_test::sample(row.at("file"))}};
    EXPECT_EQ(summary_of(build(one)), summary_of(build(one, 0))) << row.at("file");
    all.push_back(one[0]);
  }
  EXPECT_EQ(summary_of(build(all)), summary_of(build(all, 0)));
}

// Found by fuzz_explain: in big-file mode a payment's second copy (with claims) was judged
// before its first copy (without claims), so the first was called the retransmission. Each
// transaction is now judged when it ends; and a copy without the claims is not the same payment.
TEST(Report, RetransmissionIsAlwaysTheLaterCopyInBigFileMode) {
  const std::string header =
      "BPR*I*100*C*ACH*CCP*01*1*DA*2*1**01*3*DA*4*20250314~TRN*1*SAMETRACE*1~N1*PR*PAYER~N1*PE*"
      "CLINIC*XX*1~";
  const std::string claim = "LX*1~CLP*A1*1*100*100**12*ICN1*11*1~";
  const std::string isa =
      "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       "
      "*260101*1200*^*00501*000000001*0*P*:~"
      "GS*HP*SENDER*RECEIVER*20260101*1200*1*X*005010X221A1~";
  const std::string same = isa + "ST*835*0001~" + header + claim + "SE*8*0001~" + "ST*835*0002~" +
                           header + claim + "SE*8*0002~GE*2*1~IEA*1*000000001~";
  const std::string first_without_claims = isa + "ST*835*0001~" + header + "SE*6*0001~" +
                                           "ST*835*0002~" + header + claim +
                                           "SE*8*0002~GE*2*1~IEA*1*000000001~";
  for (std::uint64_t keep : {std::uint64_t{0}, UINT64_MAX}) {
    SCOPED_TRACE(keep ? "normal mode" : "big-file mode");
    {
      denial::ReportBuilder b(keep);
      b.add_file("twice.835", same);
      const denial::Report& r = b.report();
      ASSERT_EQ(r.transactions.size(), 2u);
      EXPECT_EQ(r.duplicate_of[0], -1);
      EXPECT_EQ(r.duplicate_of[1], 0);
      EXPECT_EQ(r.summary.duplicate_payments, 1u);
      EXPECT_EQ(r.summary.claims, 1u);
      ASSERT_EQ(r.rows.size(), 2u);
      EXPECT_FALSE(r.rows[0].duplicate);
      EXPECT_TRUE(r.rows[1].duplicate);
    }
    {
      denial::ReportBuilder b(keep);
      b.add_file("first_without_claims.835", first_without_claims);
      const denial::Report& r = b.report();
      ASSERT_EQ(r.transactions.size(), 2u);
      EXPECT_EQ(r.duplicate_of[0], -1);
      EXPECT_EQ(r.duplicate_of[1], -1);
      EXPECT_EQ(r.summary.duplicate_payments, 0u);
      EXPECT_EQ(r.summary.transactions, 2u);
      EXPECT_EQ(r.summary.claims, 1u);
    }
  }
}

// A broken big file: every problem is counted, each kind listed at most 500 times.
TEST(Report, RepeatedDiagnosticsAreCountedButListedAtMost500Times) {
  std::string junk;
  for (int i = 0; i < 1200; ++i) junk += "ZZZ*" + std::to_string(i) + "~";
  std::string body = "BPR*I*0*C*NON*CCP*01*1*DA*2*1**01*3*DA*4*20250314~TRN*1*T*1~" + junk +
                     "N1*PR*P~N1*PE*C*XX*1~";
  denial::ReportBuilder b;
  b.add_file("junk.835", denial_test::envelope(body, 1206));
  const denial::Report& r = b.report();
  std::size_t listed = 0, summaries = 0;
  for (const auto& [file, d] : r.diagnostics) {
    if (d.code != Errc::unknown_segment) continue;
    if (d.severity == denial::Severity::info) {
      ++summaries;
      EXPECT_NE(d.message.find("700 more unknown_segment"), std::string::npos) << d.message;
    } else {
      ++listed;
    }
  }
  EXPECT_EQ(listed, 500u);
  EXPECT_EQ(summaries, 1u);
  EXPECT_GE(r.files[0].warnings, 1200u);
}

// Text and CSV written from a broken file are valid UTF-8 with no control bytes (a remit must
// not be able to garble a terminal or a spreadsheet).
TEST(Report, TextAndCsvArePrintableUtf8) {
  std::string bytes = denial_test::fixture("malformed/invalid_utf8_in_names.835");
  ASSERT_FALSE(bytes.empty());
  Report r = denial::explain_file("bad.835", bytes);
  for (const std::string& out : {denial::to_text(r), denial::worklist_csv(r),
                                 denial::csv_cell("A\x01\xff"
                                                  "B")}) {
    const auto* s = reinterpret_cast<const unsigned char*>(out.data());
    for (std::size_t i = 0; i < out.size(); ++i) {
      EXPECT_FALSE(s[i] < 0x20 && s[i] != '\n' && s[i] != '\r' && s[i] != '\t')
          << "control byte at " << i;
      EXPECT_FALSE(s[i] == 0xFF) << "invalid UTF-8 at " << i;
    }
  }
  EXPECT_EQ(denial::csv_cell("A\x01"
                             "B"),
            "A\xEF\xBF\xBD"
            "B");
}
