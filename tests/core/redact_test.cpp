// The trends-only copy (denial/redact.h) that the page's local library keeps: for every
// fixture and public sample it reads to the same money, outcomes, codes and trends as the
// original, holds none of the patient names and IDs, account numbers or payer claim numbers
// of the original, is recognised as the same payment as its original (either way round), and
// a copy of a copy is the copy.
#include "denial/redact.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "denial/breakdowns.h"
#include "denial/report.h"
#include "test_util.h"

using namespace denial;

namespace {

std::vector<std::string> inputs() {
  std::set<std::string> paths;
  for (const auto& e : std::filesystem::directory_iterator(DENIAL_TEST_DATA))
    if (e.is_regular_file()) paths.insert(e.path().string());
  for (const auto& e : std::filesystem::directory_iterator(denial_test::samples_dir()))
    if (e.is_regular_file()) paths.insert(e.path().string());
  return {paths.begin(), paths.end()};
}

bool has_835(const Report& r) {
  return !r.files.empty() && r.files[0].kind == FileKind::remittance_835;
}

void expect_same_summary(const Summary& a, const Summary& b) {
  EXPECT_EQ(a.transactions, b.transactions);
  EXPECT_EQ(a.claims, b.claims);
  EXPECT_EQ(a.service_lines, b.service_lines);
  EXPECT_EQ(a.total_charge, b.total_charge);
  EXPECT_EQ(a.total_paid, b.total_paid);
  EXPECT_EQ(a.total_patient_responsibility, b.total_patient_responsibility);
  EXPECT_EQ(a.total_adjusted, b.total_adjusted);
  EXPECT_EQ(a.provider_adjustment_total, b.provider_adjustment_total);
  EXPECT_EQ(a.total_payments, b.total_payments);
  EXPECT_EQ(a.denied_amount, b.denied_amount);
  EXPECT_EQ(a.recoverable_amount, b.recoverable_amount);
  EXPECT_EQ(a.patient_amount, b.patient_amount);
  EXPECT_EQ(a.write_off_amount, b.write_off_amount);
  EXPECT_EQ(a.denied_claims, b.denied_claims);
  EXPECT_EQ(a.duplicate_payments, b.duplicate_payments);
  EXPECT_EQ(a.outcomes, b.outcomes);
  ASSERT_EQ(a.by_reason.size(), b.by_reason.size());
  for (const auto& [code, ac] : a.by_reason) {
    ASSERT_TRUE(b.by_reason.count(code)) << code;
    EXPECT_EQ(ac.amount, b.by_reason.find(code)->second.amount) << code;
    EXPECT_EQ(ac.count, b.by_reason.find(code)->second.count) << code;
  }
}

std::multiset<std::string> diagnostic_codes(const Report& r) {
  std::multiset<std::string> out;
  for (const auto& [file, d] : r.diagnostics) out.insert(std::string(errc_name(d.code)));
  return out;
}

// The identifiers a trends-only copy must not hold, with how many times each is one: names
// and IDs of the people on each claim, account numbers and payer claim numbers. Short values
// ("1", "A") are left out: they are also ordinary codes.
std::map<std::string, std::size_t> identifiers(const Report& r) {
  std::map<std::string, std::size_t> out;
  auto add = [&](const std::string& v) {
    if (v.size() >= 3) ++out[v];
  };
  for (const auto& tx : r.transactions)
    for (const auto& c : tx.claims) {
      add(c.patient_control_number);
      add(c.payer_claim_number);
      for (const auto& n : c.names) {
        if (n.entity != "QC" && n.entity != "IL" && n.entity != "74" && n.entity != "GB") continue;
        add(n.last), add(n.first), add(n.id);
      }
    }
  return out;
}

// How many times `value` is a whole element (or component) of the X12 text.
std::size_t element_count(const std::string& text, const std::string& value,
                          const std::string& separators) {
  std::size_t n = 0;
  for (std::size_t p = text.find(value); p != std::string::npos; p = text.find(value, p + 1)) {
    std::size_t end = p + value.size();
    bool starts = p > 0 && separators.find(text[p - 1]) != std::string::npos;
    bool ends = end == text.size() || separators.find(text[end]) != std::string::npos;
    n += starts && ends;
  }
  return n;
}

std::string separators_of(const Report& r) {
  std::string seps = "\r\n";
  for (const auto& tx : r.transactions)
    seps += {tx.element_separator, tx.component_separator, tx.segment_terminator};
  return seps;
}

}  // namespace

TEST(Redact, EveryFileReadsToTheSameMoneyAndTrends) {
  DENIAL_REQUIRE_SAMPLES();
  std::size_t compared = 0;
  for (const std::string& path : inputs()) {
    SCOPED_TRACE(path);
    const std::string bytes = denial_test::read_file(path);
    const Report original = explain_file("f", bytes);
    const std::string copy = redact_835(bytes);
    if (!has_835(original)) continue;
    ASSERT_FALSE(copy.empty());
    const Report again = explain_file("f", copy);
    ++compared;
    expect_same_summary(original.summary, again.summary);
    EXPECT_EQ(trends_json(original, {}), trends_json(again, {}));
    EXPECT_EQ(diagnostic_codes(original), diagnostic_codes(again));
    ASSERT_EQ(original.rows.size(), again.rows.size());
    for (std::size_t i = 0; i < original.rows.size(); ++i) {
      const ClaimRow &a = original.rows[i], &b = again.rows[i];
      EXPECT_EQ(a.outcome, b.outcome) << i;
      EXPECT_EQ(a.action, b.action) << i;
      EXPECT_EQ(a.at_stake, b.at_stake) << i;
      EXPECT_EQ(a.act_by, b.act_by) << i;
      EXPECT_EQ(a.codes, b.codes) << i;
      EXPECT_EQ(a.charge, b.charge) << i;
      EXPECT_EQ(a.paid, b.paid) << i;
      EXPECT_EQ(a.duplicate, b.duplicate) << i;
      EXPECT_EQ(a.facets->procedure, b.facets->procedure) << i;
      EXPECT_EQ(a.facets->provider, b.facets->provider) << i;
      EXPECT_EQ(a.facets->service_date, b.facets->service_date) << i;
      EXPECT_EQ(b.patient_name, "") << i;
      EXPECT_EQ(b.payer_claim_number, "") << i;
      EXPECT_EQ(b.patient_control_number.substr(0, 1), "R") << i;
    }
  }
  EXPECT_GT(compared, 60u);
}

TEST(Redact, NoPatientNameOrIdStays) {
  DENIAL_REQUIRE_SAMPLES();
  std::size_t checked = 0;
  for (const std::string& path : inputs()) {
    SCOPED_TRACE(path);
    const std::string bytes = denial_test::read_file(path);
    const Report original = explain_file("f", bytes);
    if (!has_835(original) || original.transactions.empty()) continue;
    const std::string copy = redact_835(bytes);
    const std::string seps = separators_of(original);
    // Every place the value is an identifier is gone; the same value elsewhere (an amount
    // "150" that is also an account number, a payer named like a patient) may stay.
    for (const auto& [id, times] : identifiers(original)) {
      const std::size_t before = element_count(bytes, id, seps);
      EXPECT_GE(before, times) << id << " (the check must see the original)";
      EXPECT_LE(element_count(copy, id, seps), before - std::min(before, times)) << id;
      ++checked;
    }
    const Report again = explain_file("f", copy);
    for (const auto& t : again.transactions) {
      for (const auto& c : t.claims) {
        for (const auto& n : c.names) {
          if (n.entity == "QC" || n.entity == "IL" || n.entity == "74" || n.entity == "GB") {
            EXPECT_TRUE(n.last.empty() && n.first.empty() && n.id.empty()) << n.entity;
          }
        }
        for (const auto& ref : c.references)
          EXPECT_TRUE(ref.qualifier != "1W" && ref.qualifier != "EA" && ref.qualifier != "SY" &&
                      ref.qualifier != "F8" && ref.qualifier != "6R")
              << ref.qualifier;
      }
      for (const auto& p : t.provider_adjustments) EXPECT_EQ(p.reference, "");
    }
  }
  EXPECT_GT(checked, 300u);
}

TEST(Redact, TheCopyIsTheSamePaymentAsItsOriginal) {
  const std::string bytes = denial_test::fixture("denied_claim.835");
  const std::string copy = redact_835(bytes);
  for (bool copy_first : {false, true}) {
    ReportBuilder b;
    b.add_file("first", copy_first ? copy : bytes);
    b.add_file("second", copy_first ? bytes : copy);
    Report r = b.finish();
    ASSERT_EQ(r.transactions.size(), 2u);
    EXPECT_EQ(r.duplicate_of[1], 0);
    EXPECT_EQ(r.summary.duplicate_payments, 1u);
    EXPECT_EQ(r.summary.claims, explain_file("one", bytes).summary.claims);
  }
  // A different payment is not: one amount changed.
  std::string other = bytes;
  other.replace(other.find("CAS*CO*45*30~"), 13, "CAS*CO*45*31~");
  ReportBuilder b;
  b.add_file("copy", copy);
  b.add_file("other", other);
  EXPECT_EQ(b.finish().summary.duplicate_payments, 0u);
}

TEST(Redact, DeterministicAndACopyOfACopyIsTheCopy) {
  DENIAL_REQUIRE_SAMPLES();
  for (const std::string& path : inputs()) {
    SCOPED_TRACE(path);
    const std::string copy = redact_835(denial_test::read_file(path));
    EXPECT_EQ(copy, redact_835(denial_test::read_file(path)));
    EXPECT_EQ(redact_835(copy), copy);
  }
}

TEST(Redact, ExactCopyOfOneClaim) {
  const std::string copy = redact_835(denial_test::envelope(
      "BPR*I*86*C*ACH*CCP*01*999999992*DA*000123456*1512345678**01*999988880*DA*000098765*"
      "20250314~TRN*1*110000001*1512345678~N1*PR*ACME~N1*PE*CLINIC*XX*1999999984~LX*1~"
      "CLP*ACCT77*1*100*95*5*12*PAYERCLM9*11*1~NM1*QC*1*BROOKS*EVAN*Q**JR*MI*MBR700801~"
      "NM1*IL*1*BROOKS*ANN****MI*MBR700800~NM1*82*1*SMITH*JO****XX*1234567893~"
      "REF*EA*MRN4411~REF*1W*MBR700800~REF*G2*PROV22~SVC*HC:99213*100*95**1~"
      "DTM*472*20250226~CAS*PR*3*5~REF*6R*ACCT77L1~REF*APC*0012~"
      "PLB*1999999984*20251231*WO:ACCT77*10*L6:X*-1~",
      18));
  const std::string body = copy.substr(copy.find("ST*835"));
  EXPECT_EQ(body,
            "ST*835*0001~BPR*I*86*C*ACH*CCP*01*999999992*DA**1512345678**01*999988880*DA**"
            "20250314~TRN*1*110000001*1512345678~N1*PR*ACME~N1*PE*CLINIC*XX*1999999984~LX*1~"
            "CLP*R1*1*100*95*5*12**11*1~NM1*QC*1~NM1*IL*1~NM1*82*1*SMITH*JO****XX*1234567893~"
            "REF*G2*PROV22~SVC*HC:99213*100*95**1~DTM*472*20250226~CAS*PR*3*5~REF*APC*0012~"
            "PLB*1999999984*20251231*WO*10*L6*-1~SE*17*0001~GE*1*1~IEA*1*000000001~");
  EXPECT_TRUE(explain_file("copy", copy).diagnostics.empty());
}

TEST(Redact, NotAnEightThirtyFiveGivesNothing) {
  EXPECT_EQ(redact_835(""), "");
  EXPECT_EQ(redact_835(denial_test::fixture("not_835_277.txt")), "");
  EXPECT_EQ(redact_835("hello"), "");
}
