// The explain engine, claim by claim: outcomes written by hand from reading each file, the money
// buckets, the order of next actions, reversal pairing, the appeal letter and the checklist.
#include "denial/explain.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "denial/parse.h"
#include "test_util.h"

using denial::Action;
using denial::Errc;
using denial::ExplainedClaim;
using denial::Outcome;

namespace {

// Parse + explain every claim; the ParseResult is kept alive because explanations point into it.
struct Explained {
  std::unique_ptr<denial::ParseResult> parsed;
  std::vector<ExplainedClaim> claims;  // all transactions, in file order
  denial::Diagnostics diags;           // code findings from explain
};

Explained explain(const std::string& bytes) {
  Explained x;
  x.parsed = std::make_unique<denial::ParseResult>(denial::parse_835(bytes));
  const auto& txs = x.parsed->era.transactions;
  for (std::size_t t = 0; t < txs.size(); ++t) {
    std::vector<ExplainedClaim> per_tx;
    for (std::size_t i = 0; i < txs[t].claims.size(); ++i)
      per_tx.push_back(denial::explain_claim(txs[t].claims[i], txs[t], t, i, &x.diags));
    denial::pair_reversals(per_tx);
    x.claims.insert(x.claims.end(), per_tx.begin(), per_tx.end());
  }
  return x;
}

std::vector<Outcome> outcomes(const Explained& x) {
  std::vector<Outcome> out;
  for (const auto& c : x.claims) out.push_back(c.outcome);
  return out;
}

std::vector<Action> actions(const ExplainedClaim& c) {
  std::vector<Action> out;
  for (const auto& a : c.actions) out.push_back(a.action);
  return out;
}

std::string remit(const std::string& claims, int claim_segments) {
  std::string body =
      "BPR*I*0*C*ACH************20260115~TRN*1*T1*1~"
      "N1*PR*ACME HEALTH PLAN~N1*PE*CLINIC*XX*1999999984~LX*1~" +
      claims;
  return denial_test::envelope(body, 5 + claim_segments);
}

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

constexpr Outcome kContract = Outcome::paid_with_contractual_reductions;

}  // namespace

// --- outcomes per claim, written from reading the files -------------------------------------

// DEN0001: CLP02=4, CO-16 on both lines. DEN0002: pays the visit, CO-197 denies the MRI line.
TEST(ExplainOutcomes, DeniedClaimFixture) {
  auto x = explain(denial_test::fixture("denied_claim.835"));
  EXPECT_EQ(outcomes(x), (std::vector<Outcome>{Outcome::denied, Outcome::partially_denied}));
}

// One Medicare claim: CO-45, CO-253 and PR-1/PR-2 only: nothing denied.
TEST(ExplainOutcomes, SequestrationFixture) {
  auto x = explain(denial_test::fixture("sequestration.835"));
  EXPECT_EQ(outcomes(x), (std::vector<Outcome>{kContract}));
  EXPECT_TRUE(x.claims[0].actions.size() == 2u);
}

TEST(ExplainOutcomes, ReversalFixture) {
  auto x = explain(denial_test::fixture("reversal.835"));
  EXPECT_EQ(outcomes(x), (std::vector<Outcome>{Outcome::reversed, kContract, kContract}));
  // A reversal is not work: nothing to do, no letter.
  EXPECT_EQ(actions(x.claims[0]), std::vector<Action>{Action::no_action});
  EXPECT_TRUE(x.claims[0].appeal_letter.empty());
}

TEST(ExplainOutcomes, PlbNettingFixture) {
  // The PLB recoupment and interest are transaction level; both claims are routine.
  auto x = explain(denial_test::fixture("plb_netting.835"));
  EXPECT_EQ(outcomes(x), (std::vector<Outcome>{kContract, kContract}));
}

TEST(ExplainOutcomes, OtherFixtures) {
  // CO-97 (bundled, an NCCI-type denial) denies 100 of what would be allowed: a partial
  // denial; CO-59 (multiple-procedure reduction) is routine. Money follows the action: both
  // are write-offs (verify the edit first), so nothing is recoverable.
  auto six = explain(denial_test::fixture("cas_six_triplets.835"));
  EXPECT_EQ(outcomes(six), (std::vector<Outcome>{Outcome::partially_denied}));
  EXPECT_EQ(six.claims[0].money.recoverable, 0);
  EXPECT_EQ(six.claims[0].money.write_off,
            120000 + 7550 + 3000 + 4450 + 25000 + 10000);  // CO-45 131 237 234 59 97
  EXPECT_EQ(six.claims[0].money.patient, 35000);
  // NEGA0001 line 1 is paid above its charge (OA-94 -20): still routine.
  EXPECT_EQ(outcomes(explain(denial_test::fixture("negative_amounts.835"))),
            (std::vector<Outcome>{kContract, kContract}));
}

// Nine dental claims, all CLP01 7722337: CO-131 discounts, claims 3-5 also PR-3 copays.
TEST(ExplainOutcomes, StupidediMultipleClaimsSingleCheck) {
  DENIAL_REQUIRE_SAMPLES();
  auto x = explain(denial_test::sample("stupidedi__multiple-claims-single-check.edi"));
  EXPECT_EQ(outcomes(x), std::vector<Outcome>(9, kContract));
  // Claim 4 (index 3): 1145 billed, 14 paid, 902 copay (PR-3), 229 discount (CO-131).
  const auto& c4 = x.claims[3];
  EXPECT_EQ(c4.money.patient, 90200);
  EXPECT_EQ(c4.money.write_off, 22900);
  EXPECT_EQ(c4.money.recoverable, 0);
  EXPECT_EQ(actions(c4), (std::vector<Action>{Action::bill_patient, Action::write_off}));
  // Claim 1: CO-131 only.
  EXPECT_EQ(actions(x.claims[0]), std::vector<Action>{Action::write_off});
  EXPECT_EQ(x.claims[0].actions[0].amount, 9400);
}

// Eight claims (our replacement of a non-redistributable public sample); claim 3 is CLP02=4 with
// OA-23 only, claim 7 is CO-96 non-covered with nothing paid.
TEST(ExplainOutcomes, EightClaimsNonFixedIsa) {
  DENIAL_REQUIRE_SAMPLES();
  auto x = explain(denial_test::sample("own__eight_claims_nonfixed_isa.txt"));
  EXPECT_EQ(outcomes(x), (std::vector<Outcome>{kContract, kContract, Outcome::denied, kContract,
                                               kContract, kContract, Outcome::denied, kContract}));
  // Claim 3 is denied by status and OA-23 (prior payer) alone needs nothing, but the sample
  // repeats claim adjustments on its lines, so no claim balances: ask the payer.
  EXPECT_EQ(actions(x.claims[2]), std::vector<Action>{Action::contact_payer});
  EXPECT_EQ(x.claims[2].flags, (std::vector<std::string>{"unbalanced"}));
  // Claim 7: CO-96 at claim and line level (the sample repeats it), nothing for the patient.
  EXPECT_EQ(x.claims[6].money.patient, 0);
  EXPECT_GT(x.claims[6].money.recoverable, 0);
  // Zero-amount CO-253 and CO-97 produce no action.
  for (const auto& a : x.claims[5].actions) EXPECT_NE(a.amount, 0);
}

// --- money buckets and actions ---------------------------------------------------------------

TEST(ExplainMoney, BucketsPerKind) {
  auto den = explain(denial_test::fixture("denied_claim.835"));
  const auto& d1 = den.claims[0].money;
  EXPECT_EQ(d1.recoverable, 28500);  // CO-16 260 + 25
  EXPECT_EQ(d1.patient, 0);
  EXPECT_EQ(d1.write_off, 0);
  const auto& d2 = den.claims[1].money;
  EXPECT_EQ(d2.recoverable, 120000);  // CO-197 on the MRI
  EXPECT_EQ(d2.patient, 2500);        // PR-3 copay
  EXPECT_EQ(d2.write_off, 3000);      // CO-45
  EXPECT_EQ(d2.other, 0);

  auto seq = explain(denial_test::fixture("sequestration.835"));
  const auto& s = seq.claims[0].money;
  EXPECT_EQ(s.write_off, 8000 + 192 + 2250 + 100 + 5000 + 80);  // CO-45 and CO-253 on three lines
  EXPECT_EQ(s.patient, 2400 + 1250 + 5000 + 1000);              // PR-1 and PR-2 = CLP05 96.50
  EXPECT_EQ(s.recoverable, 0);
}

TEST(ExplainMoney, InformationalAdjustmentsGoToOther) {
  auto x = explain(remit("CLP*A*2*100*60~CAS*OA*23*40~", 2));
  EXPECT_EQ(x.claims[0].money.other, 4000);
  EXPECT_EQ(x.claims[0].money.recoverable, 0);
  EXPECT_EQ(actions(x.claims[0]), std::vector<Action>{Action::no_action});
}

TEST(ExplainActions, WorkFirstThenRoutinePostingByAmount) {
  auto den = explain(denial_test::fixture("denied_claim.835"));
  const auto& d2 = den.claims[1];
  // CO-197 alone would ask for a retro authorization; remark M62 (authorization number missing)
  // turns it into a corrected claim (a commercial payer: frequency 7).
  ASSERT_EQ(actions(d2), (std::vector<Action>{Action::corrected_claim, Action::write_off,
                                              Action::bill_patient}));
  EXPECT_EQ(d2.actions[0].amount, 120000);
  EXPECT_EQ(d2.actions[0].reasons, (std::vector<std::string>{"CO-197", "M62"}));
  EXPECT_EQ(d2.actions[1].amount, 3000);
  EXPECT_EQ(d2.actions[2].amount, 2500);

  // A small denial comes before a large write-off; larger work before smaller work.
  auto x = explain(remit("CLP*A*1*1330*0~CAS*CO*45*1000~CAS*CO*16*30~CAS*CO*50*300~", 4));
  EXPECT_EQ(actions(x.claims[0]),
            (std::vector<Action>{Action::appeal, Action::corrected_claim, Action::write_off}));
  EXPECT_EQ(x.claims[0].actions[0].amount, 30000);
  EXPECT_EQ(x.claims[0].actions[1].amount, 3000);
}

TEST(ExplainActions, AuthorizationDenialWithoutRemarkAsksForRetroAuth) {
  auto x = explain(remit("CLP*A*1*1200*0~CAS*CO*197*1200~", 2));
  EXPECT_EQ(x.claims[0].outcome, Outcome::denied);
  EXPECT_EQ(actions(x.claims[0]), std::vector<Action>{Action::obtain_retro_auth});
}

TEST(ExplainActions, SameActionIsSummedWithItsReasons) {
  auto x = explain(denial_test::fixture("sequestration.835"));
  const auto& c = x.claims[0];
  ASSERT_EQ(actions(c), (std::vector<Action>{Action::write_off, Action::bill_patient}));
  EXPECT_EQ(c.actions[0].amount, 15622);
  EXPECT_EQ(c.actions[0].reasons, (std::vector<std::string>{"CO-45", "CO-253"}));
  EXPECT_EQ(c.actions[1].amount, 9650);
  EXPECT_EQ(c.actions[1].reasons, (std::vector<std::string>{"PR-2", "PR-1"}));
}

TEST(ExplainActions, DenialReasonsIncludeTheRemarksThatDriveThem) {
  auto x = explain(denial_test::fixture("denied_claim.835"));
  const auto& d1 = x.claims[0];
  ASSERT_EQ(actions(d1), std::vector<Action>{Action::new_claim});  // MA130: unprocessable
  EXPECT_EQ(d1.actions[0].amount, 28500);
  const auto& r = d1.actions[0].reasons;
  EXPECT_EQ(r.front(), "CO-16");
  EXPECT_NE(std::find(r.begin(), r.end(), "MA130"), r.end());
  EXPECT_NE(std::find(r.begin(), r.end(), "N290"), r.end());
}

TEST(ExplainActions, ForwardedClaimDoesNotBillThePatientYet) {
  auto x = explain(remit("CLP*A*19*100*60*40~CAS*PR*2*40~", 2));
  EXPECT_EQ(x.claims[0].outcome, Outcome::forwarded_to_another_payer);
  for (const auto& a : x.claims[0].actions) EXPECT_NE(a.action, Action::bill_patient);
  EXPECT_EQ(x.claims[0].money.patient, 4000);
}

TEST(ExplainActions, PatientResponsibilityOnly) {
  auto x = explain(remit("CLP*A*1*100*0*100~CAS*PR*1*100~", 2));
  EXPECT_EQ(x.claims[0].outcome, Outcome::patient_responsibility_only);
  EXPECT_EQ(actions(x.claims[0]), std::vector<Action>{Action::bill_patient});
  auto pre = explain(remit("CLP*A*25*100*0~", 1));
  EXPECT_EQ(pre.claims[0].outcome, Outcome::predetermination);
  auto paid = explain(remit("CLP*A*1*100*100~", 1));
  EXPECT_EQ(paid.claims[0].outcome, Outcome::paid_as_expected);
  EXPECT_EQ(actions(paid.claims[0]), std::vector<Action>{Action::no_action});
}

// --- reversals -------------------------------------------------------------------------------

TEST(ExplainReversal, PairsReversalWithItsCorrection) {
  auto x = explain(denial_test::fixture("reversal.835"));
  ASSERT_EQ(x.claims.size(), 3u);
  ASSERT_TRUE(x.claims[0].paired_with.has_value());
  EXPECT_EQ(*x.claims[0].paired_with, 1u);
  ASSERT_TRUE(x.claims[1].paired_with.has_value());
  EXPECT_EQ(*x.claims[1].paired_with, 0u);
  EXPECT_EQ(x.claims[0].net_paid_with_pair, 1000);  // -140 + 150
  EXPECT_EQ(x.claims[1].net_paid_with_pair, 1000);
  EXPECT_FALSE(x.claims[2].paired_with.has_value());
  EXPECT_FALSE(x.claims[2].net_paid_with_pair.has_value());
}

// --- helpers: appeal letter, corrected-claim checklist ------------------------------------------

TEST(ExplainHelpers, AppealLetterCarriesClaimFactsAndBlanks) {
  auto x = explain(
      remit("CLP*PCN77*1*500*0**12*PAYERICN555~NM1*QC*1*DOE*JANE****MI*M123~CAS*CO*50*500~", 3));
  const auto& c = x.claims[0];
  ASSERT_EQ(actions(c), std::vector<Action>{Action::appeal});
  const std::string& letter = c.appeal_letter;
  ASSERT_FALSE(letter.empty());
  EXPECT_TRUE(contains(letter, "PAYERICN555"));
  EXPECT_TRUE(contains(letter, "PCN77"));
  EXPECT_TRUE(contains(letter, "M123"));
  EXPECT_TRUE(contains(letter, "CO-50"));
  EXPECT_TRUE(contains(letter, "500.00"));
  EXPECT_TRUE(contains(letter, "ACME HEALTH PLAN"));
  EXPECT_TRUE(contains(letter, "[DATE]"));  // what only the provider can fill stays a blank
  EXPECT_TRUE(contains(letter, "[NAME, TITLE]"));
  EXPECT_TRUE(c.corrected_claim_checklist.empty());
}

TEST(ExplainHelpers, AppealLetterMarksMissingFactsAsBlanks) {
  auto x = explain(remit("CLP*PCN78*1*500*0~CAS*CO*50*500~", 2));
  const std::string& letter = x.claims[0].appeal_letter;
  EXPECT_TRUE(contains(letter, "[PAYER CLAIM NUMBER]"));
  EXPECT_TRUE(contains(letter, "[PATIENT NAME]"));
  EXPECT_TRUE(contains(letter, "[DATE(S) OF SERVICE]"));
}

TEST(ExplainHelpers, NoLetterWithoutAnAppeal) {
  auto x = explain(denial_test::fixture("sequestration.835"));
  EXPECT_TRUE(x.claims[0].appeal_letter.empty());
  EXPECT_TRUE(x.claims[0].corrected_claim_checklist.empty());
}

TEST(ExplainHelpers, ChecklistAsksForANewClaimAfterMa130) {
  auto x = explain(denial_test::fixture("denied_claim.835"));
  const auto& list = x.claims[0].corrected_claim_checklist;
  ASSERT_FALSE(list.empty());
  EXPECT_TRUE(contains(list[0], "new claim"));
  EXPECT_TRUE(contains(list[0], "frequency code 1"));
  bool names_n290 = false;
  for (const auto& item : list) names_n290 = names_n290 || contains(item, "N290");
  EXPECT_TRUE(names_n290);
}

TEST(ExplainHelpers, ChecklistAsksForAReplacementOtherwise) {
  auto x = explain(remit("CLP*PCN9*1*100*0**12*ICN9~CAS*CO*16*100~", 2));
  const auto& list = x.claims[0].corrected_claim_checklist;
  ASSERT_FALSE(list.empty());
  EXPECT_TRUE(contains(list[0], "frequency code 7"));
  EXPECT_TRUE(contains(list[0], "ICN9"));
}

// --- code validity on the remit date ---------------------------------------------------------

TEST(ExplainCodes, DeactivatedCodeOnA2026RemitIsFlagged) {
  auto x = explain(denial_test::fixture("deactivated_code_2026.835"));
  EXPECT_EQ(x.claims[0].remit_date, "20260130");
  const auto* d = denial_test::first_code(x.diags, Errc::code_inactive);
  ASSERT_NE(d, nullptr) << denial_test::codes_of(x.diags);
  EXPECT_EQ(denial_test::count_code(x.diags, Errc::code_inactive), 1u);
  const auto& cas = x.parsed->era.transactions[0].claims[0].lines[0].adjustments[0];
  EXPECT_EQ(cas.reason, "42");
  EXPECT_EQ(d->segment_no, cas.pos.segment_no);
  EXPECT_EQ(x.claims[0].adjustments[0].validity, denial::Validity::deactivated);
}

TEST(ExplainCodes, ReversalMayCarryADeactivatedCode) {
  std::string bytes = denial_test::fixture("deactivated_code_2026.835");
  for (auto [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"CLP*DEACT0001*1*190*102*30", "CLP*DEACT0001*22*-190*-102*-30"},
           {"SVC*HC:99214*190*102", "SVC*HC:99214*-190*-102"},
           {"CAS*CO*42*58", "CAS*CO*42*-58"},
           {"CAS*PR*3*30", "CAS*PR*3*-30"}}) {
    auto at = bytes.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    bytes.replace(at, from.size(), to);
  }
  auto x = explain(bytes);
  ASSERT_EQ(x.claims.size(), 1u);
  EXPECT_EQ(x.claims[0].outcome, Outcome::reversed);
  EXPECT_FALSE(denial_test::has_code(x.diags, Errc::code_inactive))
      << denial_test::codes_of(x.diags);
}

TEST(ExplainCodes, UnknownAndNotYetValidCodes) {
  auto x = explain(remit("CLP*A*1*100*90~CAS*CO*9999*10~", 2));
  EXPECT_TRUE(denial_test::has_code(x.diags, Errc::code_unknown));
  EXPECT_EQ(x.claims[0].adjustments[0].carc, nullptr);
  // CARC 308 starts 2025-11-01; a remit of 2025-10-01 cannot use it.
  std::string early = remit("CLP*A*1*100*90~CAS*CO*308*10~", 2);
  early.replace(early.find("20260115"), 8, "20251001");
  auto y = explain(early);
  EXPECT_TRUE(denial_test::has_code(y.diags, Errc::code_inactive));
  EXPECT_EQ(y.claims[0].adjustments[0].validity, denial::Validity::not_yet_valid);
  // Current codes on a current remit are quiet.
  auto z = explain(denial_test::fixture("denied_claim.835"));
  EXPECT_FALSE(denial_test::has_code(z.diags, Errc::code_inactive));
  EXPECT_FALSE(denial_test::has_code(z.diags, Errc::code_unknown));
}

TEST(ExplainCodes, RemitDateFallsBackToProductionDate) {
  denial::Transaction t;
  t.production_date = "20250314";
  EXPECT_EQ(denial::remit_date_of(t), "20250314");
  t.payment.date = "20250315";
  EXPECT_EQ(denial::remit_date_of(t), "20250315");
  EXPECT_EQ(denial::remit_date_of(denial::Transaction{}), "");
}

TEST(ExplainOutcomes, IdsAndLabels) {
  EXPECT_EQ(denial::outcome_id(Outcome::partially_denied), "partially_denied");
  EXPECT_EQ(denial::outcome_id(Outcome::paid_with_contractual_reductions),
            "paid_with_contractual_reductions");
  EXPECT_FALSE(denial::outcome_label(Outcome::denied).empty());
}

// --- denied dollars (money.denied): the one figure the summary and breakdowns add up ------------

// A denied line (CO-50 $80) on a claim whose lines do not balance by $30: the $30 the payer cannot
// explain is work ("ask the payer") but not a denial.
TEST(DeniedDollars, UnexplainedMoneyIsWorkButNotDenied) {
  auto x =
      explain(remit("CLP*DD1*1*200*90*0*12*P1~"
                    "SVC*HC:99213*100*90~CAS*CO*45*10~"
                    "SVC*HC:80053*100*0~CAS*CO*50*80~",
                    6));
  ASSERT_EQ(x.claims.size(), 1u);
  const ExplainedClaim& c = x.claims[0];
  EXPECT_EQ(c.outcome, Outcome::partially_denied);
  EXPECT_EQ(c.unaccounted, 2000);
  EXPECT_EQ(c.money.recoverable, 8000 + 2000);
  EXPECT_EQ(c.money.denied, 8000);
}

// CAS amounts far beyond the charge (a broken file): denied dollars stop at the charge, so a
// denial rate by dollars never passes 100 %.
TEST(DeniedDollars, NeverMoreThanTheCharge) {
  auto x = explain(remit("CLP*DD2*4*300*0*0*12*P2~CAS*CO*197*1500~", 2));
  ASSERT_EQ(x.claims.size(), 1u);
  EXPECT_EQ(x.claims[0].outcome, Outcome::denied);
  EXPECT_EQ(x.claims[0].money.denied, 30000);
}

// A paid claim denies nothing, even when $10 of it is unexplained work.
TEST(DeniedDollars, ZeroUnlessDenied) {
  auto x = explain(remit("CLP*DD3*1*100*80*0*12*P3~CAS*CO*45*10~", 2));
  ASSERT_EQ(x.claims.size(), 1u);
  EXPECT_EQ(x.claims[0].money.recoverable, 1000);
  EXPECT_EQ(x.claims[0].money.denied, 0);
}
