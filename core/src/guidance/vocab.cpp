// Ids and labels of the guidance vocabularies (docs/guidance-format.md). Ids are stable API.
#include <iterator>
#include <string>

#include "denial/guidance.h"

namespace denial {
namespace {

struct Names {
  std::string_view id;
  std::string_view label;
};

// clang-format off
constexpr Names kCategories[] = {
  {"eligibility_coverage", "Eligibility / coverage"},
  {"authorization_referral", "Authorization / referral"},
  {"coding_billing", "Coding / billing error"},
  {"missing_information", "Missing information"},
  {"medical_necessity", "Medical necessity"},
  {"bundling_ncci", "Bundling / NCCI"},
  {"duplicate", "Duplicate"},
  {"timely_filing", "Timely filing"},
  {"coordination_of_benefits", "Coordination of benefits"},
  {"provider_enrollment", "Provider enrollment / credentialing"},
  {"contractual_pricing", "Contractual / pricing"},
  {"patient_cost_sharing", "Patient cost sharing"},
  {"payer_reduction", "Payer-side reduction"},
  {"reversal_correction", "Reversal / correction"},
  {"informational", "Informational"},
};
constexpr std::string_view kKinds[] = {"denial", "reduction", "contractual", "patient_responsibility", "informational"};
constexpr Names kActions[] = {
  {"resubmit_corrected", "Correct and resubmit the claim"},
  {"appeal", "Appeal"},
  {"bill_patient", "Bill the patient"},
  {"bill_other_payer", "Bill the other payer"},
  {"verify_eligibility_rebill", "Verify eligibility and rebill"},
  {"obtain_retro_auth", "Obtain retro authorization"},
  {"write_off", "Write off"},
  {"contact_payer", "Contact the payer"},
  {"no_action", "No action"},
  {"reopening", "Request a reopening"},
  {"corrected_claim", "Send a corrected claim (frequency 7 + REF*F8)"},
  {"new_claim", "Send a new claim (frequency 1)"},
  {"await_other_payer", "Wait for the other payer"},
  {"check_original_claim", "Check the original claim"},
};
constexpr std::string_view kAppealable[] = {"yes", "sometimes", "no"};
constexpr std::string_view kEffects[] = {"none", "no_appeal_rights", "resubmit_new_claim", "missing_information",
  "invalid_information", "appeal_rights", "other_payer", "patient_liability", "informational", "patient_protected"};
constexpr std::string_view kChannels[] = {"medicare", "medicaid", "medicare_advantage", "other"};
// clang-format on

}  // namespace

std::string_view category_id(Category c) { return kCategories[int(c)].id; }
std::string_view category_label(Category c) { return kCategories[int(c)].label; }
std::string_view kind_id(Kind k) { return kKinds[int(k)]; }
std::string_view action_id(Action a) { return kActions[int(a)].id; }
std::string_view action_label(Action a) { return kActions[int(a)].label; }
std::string_view appealable_id(Appealable a) { return kAppealable[int(a)]; }
std::string_view remark_effect_id(RemarkEffect e) { return kEffects[int(e)]; }
std::string_view channel_id(Channel c) { return kChannels[int(c)]; }

std::string_view action_label(Action a, Channel channel) {
  if (a == Action::appeal && channel == Channel::medicare) return "Request a redetermination";
  return action_label(a);
}

Channel channel_of(std::string_view clp06) {
  if (clp06 == "MA" || clp06 == "MB") return Channel::medicare;  // Medicare Part A / Part B
  if (clp06 == "MC") return Channel::medicaid;
  if (clp06 == "16") return Channel::medicare_advantage;  // HMO Medicare risk
  return Channel::other;
}

}  // namespace denial

#include "denial/explain.h"

namespace denial {
namespace {
constexpr std::string_view kOutcomes[][2] = {
    {"paid_as_expected", "Paid as expected"},
    {"paid_with_contractual_reductions", "Paid with contractual reductions"},
    {"partially_denied", "Partially denied"},
    {"denied", "Denied"},
    {"reversed", "Reversed"},
    {"patient_responsibility_only", "Patient responsibility only"},
    {"forwarded_to_another_payer", "Forwarded to another payer"},
    {"predetermination", "Predetermination only"},
};
}  // namespace
// outcome_labels_json and the compact report list every outcome by kOutcomeCount.
static_assert(std::size(kOutcomes) == kOutcomeCount, "one id and label per Outcome");
std::string_view outcome_id(Outcome o) { return kOutcomes[int(o)][0]; }
std::string_view outcome_label(Outcome o) { return kOutcomes[int(o)][1]; }
}  // namespace denial
