// Internal pieces of the explain engine: next actions and money buckets, appeal letter and
// corrected-claim checklist.
#pragma once

#include "denial/explain.h"

namespace denial::detail {

/// Groups the adjustments by their final action into the ordered next actions (primary
/// first), adds "contact the payer" for unaccounted money, and derives the money buckets
/// from the actions (bucket_of). Deadlines come from options.
void decide_actions(ExplainedClaim& x, const ExplainOptions& options);
/// Fills appeal_letter and corrected_claim_checklist where they apply.
void add_helpers(ExplainedClaim& x, const Transaction& t);
/// Display name of the patient (NM1*QC), "" when absent.
std::string patient_name(const Claim& c);
/// The patient's (else the insured's) member id, "" when absent.
std::string member_id(const Claim& c);
/// "2026-09-08" or "2026-09-08 to 2026-09-10" (claim span, else the line dates), "" when none.
std::string service_dates(const Claim& c);
/// "CO-45" style code of an adjustment.
std::string adjustment_code(const Adjustment& a);

}  // namespace denial::detail
