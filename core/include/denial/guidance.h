// Our remediation guidance (core/data/guidance): what an adjustment means for the provider and
// what to do next. Kept apart from the official code text; reports label each source.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace denial {

enum class Category {
  eligibility_coverage,
  authorization_referral,
  coding_billing,
  missing_information,
  medical_necessity,
  bundling_ncci,
  duplicate,
  timely_filing,
  coordination_of_benefits,
  provider_enrollment,
  contractual_pricing,
  patient_cost_sharing,
  payer_reduction,
  reversal_correction,
  informational,
};
enum class Kind { denial, reduction, contractual, patient_responsibility, informational };
enum class Action {
  resubmit_corrected,
  appeal,
  bill_patient,
  bill_other_payer,
  verify_eligibility_rebill,
  obtain_retro_auth,
  write_off,
  contact_payer,
  no_action,
};
enum class Appealable { yes, sometimes, no };
enum class RemarkEffect {
  none,
  no_appeal_rights,
  resubmit_new_claim,
  missing_information,
  invalid_information,
  appeal_rights,
  other_payer,
  patient_liability,
  informational,
};

std::string_view category_id(Category c);
std::string_view category_label(Category c);
std::string_view kind_id(Kind k);
std::string_view action_id(Action a);
std::string_view action_label(Action a);
std::string_view appealable_id(Appealable a);
std::string_view remark_effect_id(RemarkEffect e);

/// The in-depth entry for a frequent CARC.
struct CarcDetail {
  std::string plain;
  std::vector<std::string> steps;
  std::vector<std::string> appeal_attachments;
};

/// Guidance for one adjustment after the group code (and remarks) are applied.
struct AdjustmentGuidance {
  bool known = false;  ///< the CARC has a taxonomy row
  Category category = Category::informational;
  Kind kind = Kind::informational;
  Action action = Action::contact_payer;
  Appealable appealable = Appealable::sometimes;
  std::string_view group_note;         ///< why this group changes the meaning (ours; static data)
  const CarcDetail* detail = nullptr;  ///< in-depth text, when we have it
  std::vector<std::string> remark_notes;  ///< notes from remarks that changed the action
};

struct RemarkGuidance {
  RemarkEffect effect = RemarkEffect::none;
  bool action_override = false;
  Action action = Action::no_action;
  std::string note;
  bool from_rule = false;  ///< derived from the official description, not a listed entry
};

/// Guidance for group + CARC, refined by the remark codes on the same claim or line.
AdjustmentGuidance guidance_for(std::string_view group, std::string_view carc,
                                const std::vector<std::string>& remarks = {});
/// Guidance for one RARC (listed entry, else the description rule).
RemarkGuidance remark_guidance(std::string_view rarc);

/// The effect a RARC gets from its official wording when we have no entry for it.
RemarkEffect effect_from_description(std::string_view description);

/// Integrity of the embedded guidance data (for tests): problems found while loading.
const std::vector<std::string>& guidance_load_errors();

}  // namespace denial
