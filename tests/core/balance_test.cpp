// The TR3 balancing rules (line, claim, transaction) and CLP05 = sum of PR adjustments: each
// finding carries what the rule computes, what the file says and the difference, in cents.
#include "denial/balance.h"

#include <gtest/gtest.h>

#include <string>

#include "denial/parse.h"
#include "test_util.h"

using denial::BalanceFinding;
using denial::BalanceLevel;
using denial::parse_835;
using denial::ParseResult;

namespace {

// Header + one 2000 loop; `claims` is appended after LX.
std::string remit(const std::string& bpr_amount, const std::string& claims, int claim_segments,
                  const std::string& plb = "", int plb_segments = 0) {
  std::string body = "BPR*I*" + bpr_amount +
                     "*C*ACH************20260115~TRN*1*T1*1~DTM*405*20260115~N1*PR*PAYER~" +
                     "N1*PE*CLINIC*XX*1999999984~LX*1~" + claims + plb;
  return denial_test::envelope(body, 6 + claim_segments + plb_segments);
}

std::vector<BalanceFinding> at_level(const ParseResult& r, BalanceLevel level) {
  std::vector<BalanceFinding> out;
  for (const auto& b : r.balance)
    if (b.level == level) out.push_back(b);
  return out;
}

}  // namespace

TEST(Balance, BalancedClaimHasNoFindings) {
  // 100 - (30 CO-45 + 20 PR-2) = 50 on the line and the claim; CLP05 = PR = 20; BPR = 50.
  ParseResult r =
      parse_835(remit("50", "CLP*A*1*100*50*20~SVC*HC:99213*100*50~CAS*CO*45*30~CAS*PR*2*20~", 4));
  EXPECT_TRUE(r.balance.empty());
  EXPECT_TRUE(r.readable);
  // The hand-built envelope itself is clean (counts and control numbers agree).
  EXPECT_TRUE(r.diagnostics.empty()) << denial_test::codes_of(r.diagnostics);
}

TEST(Balance, ServiceLineRule) {
  // SVC02 100 - 20 = 80 expected, SVC03 says 70.
  ParseResult r = parse_835(remit("70", "CLP*A*1*100*70~SVC*HC:99213*100*70~CAS*CO*45*20~", 3));
  auto lines = at_level(r, BalanceLevel::service_line);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].expected, 8000);
  EXPECT_EQ(lines[0].actual, 7000);
  EXPECT_EQ(lines[0].difference, -1000);
  EXPECT_EQ(lines[0].transaction, 0u);
  EXPECT_EQ(lines[0].claim, 0);
  EXPECT_EQ(lines[0].line, 0);
  const auto& svc = r.era.transactions[0].claims[0].lines[0];
  EXPECT_EQ(lines[0].pos.segment_no, svc.pos.segment_no);
  EXPECT_EQ(lines[0].pos.byte_offset, svc.pos.byte_offset);
  // The claim rule also fails by the same 10.00: 100 - 20 = 80, CLP04 70.
  auto claims = at_level(r, BalanceLevel::claim);
  ASSERT_EQ(claims.size(), 1u);
  EXPECT_EQ(claims[0].difference, -1000);
  EXPECT_EQ(claims[0].line, -1);
}

TEST(Balance, ClaimRuleCountsClaimAndLineAdjustments) {
  // Lines balance; a claim-level OA-23 of 5 makes CLP03 - 5 - 30 = 65 while CLP04 says 70.
  ParseResult r =
      parse_835(remit("70", "CLP*A*1*100*70~CAS*OA*23*5~SVC*HC:99213*100*70~CAS*CO*45*30~", 4));
  EXPECT_TRUE(at_level(r, BalanceLevel::service_line).empty());
  auto claims = at_level(r, BalanceLevel::claim);
  ASSERT_EQ(claims.size(), 1u);
  EXPECT_EQ(claims[0].expected, 6500);
  EXPECT_EQ(claims[0].actual, 7000);
  EXPECT_EQ(claims[0].difference, 500);
  EXPECT_EQ(claims[0].pos.segment_no, r.era.transactions[0].claims[0].pos.segment_no);
}

TEST(Balance, ClaimRuleIncludesLineAdjustments) {
  // Omitting line CAS (ediacademy's formula) would wrongly flag this balanced claim.
  ParseResult r = parse_835(
      remit("60", "CLP*A*1*100*60~SVC*HC:1*60*40~CAS*CO*45*20~SVC*HC:2*40*20~CAS*CO*45*20~", 5));
  EXPECT_TRUE(r.balance.empty());
}

TEST(Balance, ClaimWithoutLinesBalancesOnClaimAdjustments) {
  ParseResult ok = parse_835(remit("400", "CLP*A*1*1000*400~CAS*CO*45*600~", 2));
  EXPECT_TRUE(ok.balance.empty());
  ParseResult bad = parse_835(remit("400", "CLP*A*1*1000*400~CAS*CO*45*500~", 2));
  ASSERT_EQ(bad.balance.size(), 1u);
  EXPECT_EQ(bad.balance[0].level, BalanceLevel::claim);
  EXPECT_EQ(bad.balance[0].difference, -10000);
}

TEST(Balance, NegativeAdjustmentsIncreasePayment) {
  // Paid more than charged: 100 - (-20) = 120.
  ParseResult r = parse_835(remit("120", "CLP*A*1*100*120~SVC*HC:1*100*120~CAS*OA*94*-20~", 3));
  EXPECT_TRUE(r.balance.empty());
}

TEST(Balance, TransactionRule) {
  // Sum CLP04 50 + 25 = 75, BPR02 says 80.
  ParseResult r = parse_835(remit("80", "CLP*A*1*50*50~CLP*B*1*25*25~", 2));
  auto tx = at_level(r, BalanceLevel::transaction);
  ASSERT_EQ(tx.size(), 1u);
  EXPECT_EQ(tx[0].expected, 7500);
  EXPECT_EQ(tx[0].actual, 8000);
  EXPECT_EQ(tx[0].difference, 500);
  EXPECT_EQ(tx[0].claim, -1);
  EXPECT_EQ(tx[0].pos.segment_no, r.era.transactions[0].payment.pos.segment_no);
}

TEST(Balance, TransactionRuleSubtractsPlb) {
  // 75 - (10 withheld - 2.50 interest paid) = 67.50.
  std::string plb = "PLB*1999999984*20261231*WO:X1*10*L6:X2*-2.5~";
  EXPECT_TRUE(parse_835(remit("67.5", "CLP*A*1*50*50~CLP*B*1*25*25~", 2, plb, 1)).balance.empty());
  ParseResult r = parse_835(remit("75", "CLP*A*1*50*50~CLP*B*1*25*25~", 2, plb, 1));
  ASSERT_EQ(r.balance.size(), 1u);
  EXPECT_EQ(r.balance[0].expected, 6750);
  EXPECT_EQ(r.balance[0].difference, 750);
}

TEST(Balance, PatientResponsibilityRule) {
  // CLP05 25 but PR adjustments (claim PR-1 5 + line PR-2 10) sum to 15.
  ParseResult r = parse_835(
      remit("55", "CLP*A*1*100*55*25~CAS*PR*1*5~SVC*HC:1*100*60~CAS*CO*45*30~CAS*PR*2*10~", 5));
  auto pr = at_level(r, BalanceLevel::patient_responsibility);
  ASSERT_EQ(pr.size(), 1u) << r.balance.size();
  EXPECT_EQ(pr[0].expected, 1500);
  EXPECT_EQ(pr[0].actual, 2500);
  EXPECT_EQ(pr[0].difference, 1000);
  EXPECT_EQ(r.balance.size(), 1u);  // line, claim and transaction rules hold
}

TEST(Balance, AbsentClp05IsNotChecked) {
  ParseResult r = parse_835(remit("60", "CLP*A*1*100*60~SVC*HC:1*100*60~CAS*PR*2*40~", 3));
  EXPECT_TRUE(r.balance.empty());
}

TEST(Balance, FindingsNameClaimAndLineIndexes) {
  // Second claim, second line is off by 1 cent.
  ParseResult r =
      parse_835(remit("30", "CLP*A*1*10*10~CLP*B*1*20*20~SVC*HC:1*10*10~SVC*HC:2*10*10.01~", 4));
  auto lines = at_level(r, BalanceLevel::service_line);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].claim, 1);
  EXPECT_EQ(lines[0].line, 1);
  EXPECT_EQ(lines[0].difference, 1);
}

TEST(Balance, DirectCallsOnHandBuiltModel) {
  denial::Claim c;
  c.charge = 10000;
  c.paid = 5000;
  c.patient_responsibility = 1000;
  c.adjustments.push_back({"PR", "1", 1000, "", {}});
  c.lines.emplace_back();
  c.lines[0].charge = 10000;
  c.lines[0].paid = 5000;
  c.lines[0].adjustments.push_back({"CO", "45", 3000, "", {}});
  std::vector<BalanceFinding> out;
  denial::check_claim_balance(c, 2, 7, out);
  // line: 100 - 30 = 70 vs 50; claim: 100 - 10 - 30 = 60 vs 50; CLP05 10 = PR 10.
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].level, BalanceLevel::service_line);
  EXPECT_EQ(out[0].difference, -2000);
  EXPECT_EQ(out[1].level, BalanceLevel::claim);
  EXPECT_EQ(out[1].difference, -1000);
  EXPECT_EQ(out[1].transaction, 2u);
  EXPECT_EQ(out[1].claim, 7);

  denial::Transaction t;
  t.payment.amount = 0;
  t.provider_adjustments.push_back({"1", "20261231", "WO", "X", 29000, {}});
  t.provider_adjustments.push_back({"1", "20261231", "FB", "Y", -18740, {}});
  out.clear();
  denial::check_transaction_balance(t, 0, 10260, out);  // 102.60 - (290 - 187.40) = 0
  EXPECT_TRUE(out.empty());
  denial::check_transaction_balance(t, 0, 10261, out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].difference, -1);
}

TEST(Balance, LevelNames) {
  EXPECT_EQ(denial::balance_level_name(BalanceLevel::service_line), "service_line");
  EXPECT_EQ(denial::balance_level_name(BalanceLevel::claim), "claim");
  EXPECT_EQ(denial::balance_level_name(BalanceLevel::transaction), "transaction");
  EXPECT_EQ(denial::balance_level_name(BalanceLevel::patient_responsibility),
            "patient_responsibility");
}

// out_of_balance.835: line 1 pays 130 where 180 - 52.40 - 25 = 102.60, and BPR02 300 vs 176.70.
TEST(BalanceFixtures, OutOfBalanceFindings) {
  ParseResult r = parse_835(denial_test::fixture("out_of_balance.835"));
  ASSERT_TRUE(r.readable);
  ASSERT_EQ(r.balance.size(), 2u);
  const auto& line = r.balance[0];
  EXPECT_EQ(line.level, BalanceLevel::service_line);
  EXPECT_EQ(line.claim, 0);
  EXPECT_EQ(line.line, 0);
  EXPECT_EQ(line.expected, 10260);
  EXPECT_EQ(line.actual, 13000);
  EXPECT_EQ(line.difference, 2740);
  // The claim rule uses adjustments, not line payments: 180 - 77.40 = 102.60 = CLP04 holds.
  const auto& tx = r.balance[1];
  EXPECT_EQ(tx.level, BalanceLevel::transaction);
  EXPECT_EQ(tx.expected, 17670);
  EXPECT_EQ(tx.actual, 30000);
  EXPECT_EQ(tx.difference, 12330);
  // Explained, not rejected: both claims are there.
  EXPECT_EQ(r.era.transactions[0].claims.size(), 2u);
}

TEST(BalanceFixtures, PlbNettingAndNegativeBalanceBalance) {
  for (const char* f :
       {"plb_netting.835", "plb_negative_balance.835", "reversal.835", "negative_amounts.835",
        "sequestration.835", "cas_six_triplets.835", "several_st.835", "several_isa.835"}) {
    ParseResult r = parse_835(denial_test::fixture(f));
    ASSERT_TRUE(r.readable) << f;
    EXPECT_TRUE(r.balance.empty()) << f << ": " << r.balance.size() << " findings, first "
                                   << (r.balance.empty() ? "" : r.balance[0].rule);
  }
  ParseResult neg = parse_835(denial_test::fixture("plb_negative_balance.835"));
  const auto& tx = neg.era.transactions[0];
  EXPECT_EQ(tx.payment.amount, 0);
  ASSERT_EQ(tx.provider_adjustments.size(), 2u);
  EXPECT_EQ(tx.provider_adjustments[0].reason, "WO");
  EXPECT_EQ(tx.provider_adjustments[0].reference, "24110000777");
  EXPECT_EQ(tx.provider_adjustments[0].amount, 29000);
  EXPECT_EQ(tx.provider_adjustments[1].reason, "FB");
  EXPECT_EQ(tx.provider_adjustments[1].amount, -18740);
}
