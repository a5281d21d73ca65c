// The patient explanation: built from the engine's bill_patient amounts only, never where the
// patient must not be billed (QMB, reversal, CO amounts, unsettled coverage, nothing owed),
// and the same money in the struct, the letter, the JSON and the claim's buckets.
#include "denial/patient_explanation.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "denial/codes.h"
#include "denial/report.h"
#include "test_util.h"

namespace {

using denial::Cents;
using denial::NoPatientLetter;

denial::ExplainOptions options() {
  denial::ExplainOptions o;
  o.as_of = "2026-12-07";
  return o;
}

denial::Report scenario(const std::string& file) {
  std::string bytes = denial_test::fixture("scenarios/" + file);
  EXPECT_FALSE(bytes.empty()) << file;
  return denial::explain_file(file, bytes, options());
}

// The n-th claim with this CLP01 (a reversal and its correction share one).
const denial::ExplainedClaim& claim(const denial::Report& r, const std::string& pcn, int nth = 0) {
  for (const auto& claims : r.explained)
    for (const auto& x : claims)
      if (x.claim->patient_control_number == pcn && nth-- == 0) return x;
  ADD_FAILURE() << "no claim " << pcn;
  static const denial::ExplainedClaim none;
  return none;
}

NoPatientLetter why_none(const denial::Report& r, const denial::ExplainedClaim& x) {
  NoPatientLetter why = NoPatientLetter::none;
  EXPECT_FALSE(denial::explain_for_patient(x, r.transactions[x.transaction], "", &why));
  EXPECT_FALSE(x.patient_explanation) << "the claim carries a letter it must not have";
  return why;
}

// An 835 with one claim: `claim_segments` start at CLP (segments joined by '~', no final ~).
std::string one_claim(const std::string& claim_segments, Cents paid) {
  const int segment_count =
      1 + static_cast<int>(std::count(claim_segments.begin(), claim_segments.end(), '~'));
  std::string body = "BPR*I*" + denial::format_cents(paid) +
                     "*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999999999*DA*"
                     "654321*20260901~TRN*1*TRACE1*1512345678~N1*PR*TEST PLAN~N1*PE*TEST "
                     "CLINIC*XX*1999999992~LX*1~" +
                     claim_segments + "~";
  return denial_test::envelope(body, 5 + segment_count);
}

std::optional<denial::PatientExplanation> letter_for(const std::string& bytes,
                                                     NoPatientLetter* why = nullptr) {
  denial::Report r = denial::explain_file("t.835", bytes, options());
  EXPECT_EQ(r.explained.size(), 1u);
  const denial::ExplainedClaim& x = r.explained.at(0).at(0);
  auto e = denial::explain_for_patient(x, r.transactions[0], "2026-12-07", why);
  EXPECT_EQ(e.has_value(), x.patient_explanation != nullptr);
  return e;
}

}  // namespace

TEST(PatientExplanation, DataLoadsClean) {
  EXPECT_TRUE(denial::patient_text_load_errors().empty())
      << denial::patient_text_load_errors().front();
  EXPECT_GT(denial::patient_texts().size(), 30u);
}

// Every CARC under PR, and OA-100, finds a reason text (PR-* catches the rest), so a letter
// never has a line without words.
TEST(PatientExplanation, EveryPatientCodeHasAReasonText) {
  std::size_t checked = 0;
  for (const auto& entry : denial::code_entries(denial::CodeList::carc)) {
    bool found = false;
    for (const auto& t : denial::patient_texts())
      for (const auto& c : t.codes)
        found = found || (t.part == "reason" && (c == "PR-" + entry.code || c == "PR-*"));
    EXPECT_TRUE(found) << "PR-" << entry.code;
    ++checked;
  }
  bool oa100 = false;
  for (const auto& t : denial::patient_texts())
    for (const auto& c : t.codes) oa100 = oa100 || (t.part == "reason" && c == "OA-100");
  EXPECT_TRUE(oa100);
  EXPECT_GT(checked, 300u);
}

TEST(PatientExplanation, MedicareDeductibleMatchesTheClaimMoney) {
  denial::Report r = scenario("08_pr_deductible_with_and_without_qmb.835");
  const auto& x = claim(r, "DED0002");
  ASSERT_TRUE(x.patient_explanation);
  const auto& e = *x.patient_explanation;
  EXPECT_EQ(e.owed, x.money.patient);  // the engine's bucket, not a second computation
  EXPECT_EQ(e.owed, 9250);
  EXPECT_EQ(e.billed, 15000);
  EXPECT_EQ(e.plan_paid, 0);
  EXPECT_EQ(e.not_billed, 5750);  // CO-45: never the patient's
  ASSERT_EQ(e.shares.size(), 1u);
  EXPECT_EQ(e.shares[0].code, "PR-1");
  EXPECT_EQ(e.shares[0].label, "Deductible");
  EXPECT_NE(e.shares[0].text.find("Medicare"), std::string_view::npos);
  EXPECT_EQ(e.channel, denial::Channel::medicare);
  EXPECT_EQ(e.date, "2026-12-07");
  EXPECT_EQ(e.patient_name, "LOPEZ, DIANA");
  EXPECT_EQ(e.member_id, "***UT39");  // masked: never the whole member id
  EXPECT_EQ(e.dates_of_service, "2026-01-12");
  // Medicare's appeal route is the MSN's redetermination; the office checks for QMB first.
  bool msn = false, qmb = false;
  for (auto s : e.if_you_disagree) msn = msn || s.find("Medicare Summary Notice") != s.npos;
  for (const auto& s : e.office_checks) qmb = qmb || s.find("QMB") != s.npos;
  EXPECT_TRUE(msn);
  EXPECT_TRUE(qmb);
}

TEST(PatientExplanation, NeverForAQmbPatient) {
  denial::Report r = scenario("08_pr_deductible_with_and_without_qmb.835");
  EXPECT_EQ(why_none(r, claim(r, "QMB0002")), NoPatientLetter::patient_protected);
  denial::Report claim_remark = scenario("07_qmb_coinsurance_claim_remark.835");
  EXPECT_EQ(why_none(claim_remark, claim(claim_remark, "QMB0001")),
            NoPatientLetter::patient_protected);
}

// A QMB remark on one line protects the patient on every line of the claim.
TEST(PatientExplanation, QmbRemarkOnOneLineCoversTheClaim) {
  NoPatientLetter why;
  auto e = letter_for(one_claim("CLP*Q1*1*300*100*100*MB*ICN1~NM1*QC*1*DOE*JANE****MI*1EG4TE5MK73~"
                                "SVC*HC:99213*150*100**1~CAS*CO*45*0~CAS*PR*2*50~"
                                "SVC*HC:99214*150*0**1~CAS*PR*1*50~CAS*CO*45*100~LQ*HE*N781",
                                10000),
                      &why);
  EXPECT_FALSE(e);
  EXPECT_EQ(why, NoPatientLetter::patient_protected);
}

TEST(PatientExplanation, NeverForAReversal) {
  denial::Report r = scenario("53_reversal_and_correction_commercial.835");
  const auto& reversal = claim(r, "RVC0001", 0);
  ASSERT_EQ(reversal.claim->status, "22");
  EXPECT_EQ(why_none(r, reversal), NoPatientLetter::reversal);
  // The correction is the posting that stands: its coinsurance is the patient's.
  const auto& corrected = claim(r, "RVC0001", 1);
  ASSERT_TRUE(corrected.patient_explanation);
  EXPECT_EQ(corrected.patient_explanation->owed, 3000);
}

TEST(PatientExplanation, NeverForContractualAmountsAlone) {
  denial::Report r = scenario("02_co45_only_commercial.835");
  EXPECT_EQ(why_none(r, claim(r, "C450001")), NoPatientLetter::nothing_owed);
  EXPECT_EQ(why_none(r, claim(r, "C450002")), NoPatientLetter::nothing_owed);
}

// CO and PR on one claim: only the PR amount is owed, and no CO code appears as a reason.
TEST(PatientExplanation, CoAmountsAreNeverOwed) {
  denial::Report r = scenario("03_copay_and_deductible_commercial.835");
  for (const auto& claims : r.explained)
    for (const auto& x : claims) {
      if (!x.patient_explanation) continue;
      const auto& e = *x.patient_explanation;
      Cents pr = 0;
      for (const auto& a : x.adjustments)
        if (a.source->group == "PR") pr += a.source->amount;
      EXPECT_EQ(e.owed, pr) << x.claim->patient_control_number;
      for (const auto& s : e.shares) EXPECT_EQ(s.code.rfind("PR-", 0), 0u) << s.code;
    }
  const auto& copay = claim(r, "CPY0001");
  ASSERT_TRUE(copay.patient_explanation);
  EXPECT_EQ(copay.patient_explanation->owed, 3000);
  EXPECT_EQ(copay.patient_explanation->not_billed, 4500);
}

TEST(PatientExplanation, NeverWhileAnotherPayerOrEligibilityIsOpen) {
  denial::Report forwarded = scenario("56_forwarded_to_medigap.835");
  EXPECT_EQ(why_none(forwarded, claim(forwarded, "FWD0001")), NoPatientLetter::coverage_unsettled);
  // PR-22 (another payer may be primary) next to a copay: the copay may change too.
  denial::Report cob = scenario("17_pr22_other_payer_primary.835");
  EXPECT_EQ(why_none(cob, claim(cob, "COB0001")), NoPatientLetter::coverage_unsettled);
}

TEST(PatientExplanation, NeverWhenTheClaimDoesNotBalance) {
  NoPatientLetter why;
  // CLP05 says 40.00, the PR adjustments say 50.00.
  auto e = letter_for(one_claim("CLP*U1*1*200*100*40*CI*ICN2~NM1*QC*1*DOE*JANE****MI*M1~"
                                "SVC*HC:99213*200*100**1~CAS*CO*45*50~CAS*PR*2*50",
                                10000),
                      &why);
  EXPECT_FALSE(e);
  EXPECT_EQ(why, NoPatientLetter::does_not_balance);
}

TEST(PatientExplanation, NeverForACredit) {
  NoPatientLetter why;
  // Net 40.00 to the patient, but one reason gives 10.00 back: a refund is not a bill.
  auto e = letter_for(one_claim("CLP*K1*1*200*110*40*CI*ICN3~NM1*QC*1*DOE*JANE****MI*M1~"
                                "SVC*HC:99213*200*110**1~CAS*CO*45*50~CAS*PR*1*50~CAS*PR*2*-10",
                                11000),
                      &why);
  EXPECT_FALSE(e);
  EXPECT_EQ(why, NoPatientLetter::credit);
}

TEST(PatientExplanation, SignedAbnOnMedicare) {
  denial::Report r = scenario("38_pr50_abn_on_file.835");
  const auto& x = claim(r, "ABN0001");
  ASSERT_TRUE(x.patient_explanation);
  const auto& e = *x.patient_explanation;
  ASSERT_EQ(e.shares.size(), 1u);
  EXPECT_NE(e.shares[0].text.find("ABN"), std::string_view::npos);  // the GA variant
  bool confirm = false;
  for (const auto& s : e.office_checks) confirm = confirm || s.find("signed ABN") != s.npos;
  EXPECT_TRUE(confirm);
}

TEST(PatientExplanation, NonCoveredAtMedicareWithoutGaAsksTheOffice) {
  denial::Report r = scenario("70_pr96_statutory_exclusion_medicare.835");
  const auto& x = claim(r, "NCV0002");
  ASSERT_TRUE(x.patient_explanation);
  const auto& e = *x.patient_explanation;
  ASSERT_EQ(e.shares.size(), 1u);
  EXPECT_EQ(e.shares[0].label, "Not covered");
  EXPECT_EQ(e.shares[0].text.find("ABN"), std::string_view::npos);  // no GA: no ABN claimed
  bool no_ga = false;
  for (const auto& s : e.office_checks) no_ga = no_ga || s.find("no modifier GA") != s.npos;
  EXPECT_TRUE(no_ga);
}

TEST(PatientExplanation, PaymentSentToThePatient) {
  denial::Report r = scenario("65_oa100_paid_to_patient.835");
  const auto& x = claim(r, "PTP0001");
  ASSERT_TRUE(x.patient_explanation);
  const auto& e = *x.patient_explanation;
  EXPECT_EQ(e.owed, 22000);
  ASSERT_EQ(e.shares.size(), 1u);
  EXPECT_EQ(e.shares[0].code, "OA-100");
  EXPECT_EQ(e.not_billed, 4000);  // the CO-45
}

TEST(PatientExplanation, MedicaidCopayNamesTheStateRule) {
  denial::Report r = scenario("76_medicaid_copay.835");
  const auto& x = claim(r, "MCD0001");
  ASSERT_TRUE(x.patient_explanation);
  bool state = false;
  for (const auto& s : x.patient_explanation->office_checks)
    state = state || s.find("state plan") != s.npos;
  EXPECT_TRUE(state);
}

// A PR code with no text of its own gets the general one, and the office is told to read the
// code's official meaning first.
TEST(PatientExplanation, CodeWithoutItsOwnTextFallsBackAndWarnsTheOffice) {
  auto e =
      letter_for(one_claim("CLP*F1*1*200*150*50*CI*ICN4~NM1*QC*1*DOE*JANE****MI*M1~"
                           "SVC*HC:99213*200*150**1~CAS*PR*119*50",
                           15000));
  ASSERT_TRUE(e);
  ASSERT_EQ(e->shares.size(), 1u);
  EXPECT_EQ(e->shares[0].label, "Your share");
  bool warned = false;
  for (const auto& s : e->office_checks) warned = warned || s.find("PR-119 has no") == 0;
  EXPECT_TRUE(warned);
}

TEST(PatientExplanation, SharesOfOneReasonAddUpAcrossLines) {
  auto e =
      letter_for(one_claim("CLP*S1*1*300*180*70*CI*ICN5~NM1*QC*1*DOE*JANE****MI*M1~"
                           "SVC*HC:99213*150*90**1~CAS*CO*45*20~CAS*PR*2*40~"
                           "SVC*HC:99214*150*90**1~CAS*CO*45*30~CAS*PR*2*30",
                           18000));
  ASSERT_TRUE(e);
  ASSERT_EQ(e->shares.size(), 1u);
  EXPECT_EQ(e->shares[0].amount, 7000);
  EXPECT_EQ(e->owed, 7000);
  EXPECT_EQ(e->not_billed, 5000);
}

TEST(PatientExplanation, LetterText) {
  denial::Report r = scenario("03_copay_and_deductible_commercial.835");
  const auto& x = claim(r, "CPY0001");
  ASSERT_TRUE(x.patient_explanation);
  std::string text = denial::patient_letter_text(*x.patient_explanation);
  EXPECT_EQ(text.rfind("ABOUT YOUR BILL\n", 0), 0u);
  EXPECT_NE(text.find("You owe"), std::string::npos);
  EXPECT_NE(text.find("$30.00"), std::string::npos);
  EXPECT_NE(text.find("[OFFICE PHONE]"), std::string::npos);
  EXPECT_NE(text.find("Explanation of Benefits"), std::string::npos);  // not Medicare: the EOB
  for (const auto& s : x.patient_explanation->office_checks)
    EXPECT_EQ(text.find(s), std::string::npos) << "office check in the letter: " << s;
  // The member id never appears whole.
  for (const auto& n : x.claim->names)
    if (!n.id.empty()) {
      EXPECT_EQ(text.find(n.id), std::string::npos) << n.id;
    }
  std::size_t at = 0;
  while ((at = text.find('\n', at + 1)) != std::string::npos) {
    std::size_t next = text.find('\n', at + 1);
    if (next == std::string::npos) break;
    EXPECT_LE(next - at - 1, 72u) << text.substr(at + 1, next - at - 1);
  }
}

TEST(PatientExplanation, JsonPresentWhereItAppliesAbsentElsewhere) {
  denial::Report r = scenario("08_pr_deductible_with_and_without_qmb.835");
  // A draft, like the appeal letter: in the expanded form (and never in the compact one).
  nlohmann::json j = nlohmann::json::parse(denial::to_json(r, -1, false, true));
  EXPECT_EQ(denial::to_json(r).find("patient_explanation"), std::string::npos);
  int with = 0, without = 0;
  for (const auto& c : j["transactions"][0]["claims"]) {
    if (!c.contains("patient_explanation")) {
      ++without;
      continue;
    }
    ++with;
    const auto& p = c["patient_explanation"];
    EXPECT_EQ(p["owed"], c["money"]["patient"]);
    EXPECT_EQ(p["billed"], c["charge"]);
    EXPECT_EQ(p["plan_paid"], c["paid"]);
    EXPECT_EQ(p["labels"]["owed"], "You owe");
    EXPECT_EQ(p["shares"][0]["code"], "PR-1");
    EXPECT_EQ(p["text"].get<std::string>().rfind("ABOUT YOUR BILL", 0), 0u);
    for (const auto& id : p["sources"]) EXPECT_TRUE(j["sources"].contains(id.get<std::string>()));
  }
  EXPECT_EQ(with, 1);
  EXPECT_EQ(without, 1);
  EXPECT_EQ(j["schema_version"], "4.0");
}

TEST(PatientExplanation, MaskedJsonHidesTheNameInTheLetter) {
  denial::Report r = scenario("08_pr_deductible_with_and_without_qmb.835");
  std::string masked = denial::to_json(r, -1, true, true);  // expanded: the letter is in it
  EXPECT_EQ(masked.find("LOPEZ"), std::string::npos);
  EXPECT_EQ(masked.find("DED0002"), std::string::npos);
  nlohmann::json j = nlohmann::json::parse(masked);
  int letters = 0;
  for (const auto& c : j["transactions"][0]["claims"])
    if (c.contains("patient_explanation")) {
      ++letters;
      EXPECT_EQ(c["patient_explanation"]["patient_name"], "[masked]");
    }
  EXPECT_EQ(letters, 1);
}

TEST(PatientExplanation, ReportLettersOnePerClaimRetransmissionOnce) {
  denial::Report r = scenario("03_copay_and_deductible_commercial.835");
  denial::PatientLetters p = denial::patient_letters(r);
  EXPECT_EQ(p.count, 2u);
  EXPECT_EQ(std::count(p.letters.begin(), p.letters.end(), '\f'), 1);
  EXPECT_FALSE(p.office_checks.empty());
  // The same payment sent twice: letters for the first copy only.
  denial::Report twice = denial::explain_file(
      "r.835", denial_test::fixture("retransmission_identical.835"), options());
  std::size_t with = 0;
  for (std::size_t t = 0; t < twice.explained.size(); ++t)
    if (twice.duplicate_of[t] < 0)
      for (const auto& x : twice.explained[t]) with += x.patient_explanation ? 1 : 0;
  ASSERT_GT(with, 0u);
  EXPECT_EQ(denial::patient_letters(twice).count, with);
}
