// Internal pieces of the explain engine: money buckets, next actions, appeal letter and
// corrected-claim checklist.
#pragma once

#include "denial/explain.h"

namespace denial::detail {

void add_money(ClaimMoney& m, Kind kind, Cents amount);
std::vector<NextAction> next_actions(const ExplainedClaim& x, bool forwarded);
/// Fills appeal_letter and corrected_claim_checklist where they apply.
void add_helpers(ExplainedClaim& x, const Transaction& t);
/// Display name of the patient (NM1*QC), "" when absent.
std::string patient_name(const Claim& c);
/// "CO-45" style code of an adjustment.
std::string adjustment_code(const Adjustment& a);

}  // namespace denial::detail
