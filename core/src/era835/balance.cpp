// Balancing per the TR3: line SVC02 - sum(2110 CAS) = SVC03; claim CLP03 - sum(2100 CAS) -
// sum(all 2110 CAS) = CLP04; transaction sum(CLP04) - sum(PLB) = BPR02; CLP05 = sum(PR CAS).
#include "denial/balance.h"

namespace denial {

std::string_view balance_level_name(BalanceLevel level) {
  switch (level) {
    case BalanceLevel::service_line:
      return "service_line";
    case BalanceLevel::claim:
      return "claim";
    case BalanceLevel::transaction:
      return "transaction";
    case BalanceLevel::patient_responsibility:
      return "patient_responsibility";
  }
  return "claim";
}

namespace {

Cents sum(const std::vector<Adjustment>& adjustments) {
  Cents total = 0;
  for (const auto& a : adjustments) total += a.amount;
  return total;
}

Cents sum_group(const std::vector<Adjustment>& adjustments, std::string_view group) {
  Cents total = 0;
  for (const auto& a : adjustments) {
    if (a.group == group) total += a.amount;
  }
  return total;
}

}  // namespace

void check_claim_balance(const Claim& c, std::size_t t, std::ptrdiff_t ci,
                         std::vector<BalanceFinding>& out) {
  Cents line_adjustments = 0;
  Cents patient = sum_group(c.adjustments, "PR");
  for (std::size_t i = 0; i < c.lines.size(); ++i) {
    const ServiceLine& l = c.lines[i];
    Cents adj = sum(l.adjustments);
    line_adjustments += adj;
    patient += sum_group(l.adjustments, "PR");
    Cents expected = l.charge - adj;
    if (expected != l.paid) {
      out.push_back({BalanceLevel::service_line, t, ci, static_cast<std::ptrdiff_t>(i), expected,
                     l.paid, l.paid - expected, l.pos, "SVC02 - line CAS = SVC03"});
    }
  }
  // A claim without service lines balances on claim CAS alone.
  Cents expected = c.charge - sum(c.adjustments) - line_adjustments;
  if (expected != c.paid) {
    out.push_back({BalanceLevel::claim, t, ci, -1, expected, c.paid, c.paid - expected, c.pos,
                   "CLP03 - claim CAS - line CAS = CLP04"});
  }
  if (c.patient_responsibility && *c.patient_responsibility != patient) {
    out.push_back({BalanceLevel::patient_responsibility, t, ci, -1, patient,
                   *c.patient_responsibility, *c.patient_responsibility - patient, c.pos,
                   "CLP05 = sum of PR adjustments"});
  }
}

void check_transaction_balance(const Transaction& tr, std::size_t t, Cents sum_claim_paid,
                               std::vector<BalanceFinding>& out) {
  Cents plb = 0;
  for (const auto& p : tr.provider_adjustments) plb += p.amount;
  Cents expected = sum_claim_paid - plb;
  if (expected != tr.payment.amount) {
    out.push_back({BalanceLevel::transaction, t, -1, -1, expected, tr.payment.amount,
                   tr.payment.amount - expected, tr.payment.pos, "sum CLP04 - sum PLB = BPR02"});
  }
}

}  // namespace denial
