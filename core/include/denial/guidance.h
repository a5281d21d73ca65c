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
  // Routes the advice engine outputs (docs/advice.md section 4); the data keeps the neutral
  // resubmit_corrected, which the engine turns into reopening / corrected_claim / new_claim.
  reopening,
  corrected_claim,
  new_claim,
  await_other_payer,
  check_original_claim,
};
inline constexpr int kActionCount = static_cast<int>(Action::check_original_claim) + 1;
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
  patient_protected,  ///< QMB and kin: a PR amount is never billed to the patient
};
inline constexpr int kRemarkEffectCount = static_cast<int>(RemarkEffect::patient_protected) + 1;

/// Who pays the claim, from CLP06: the channel decides the route of a fix and whose deadline.
enum class Channel { medicare, medicaid, medicare_advantage, other };
std::string_view channel_id(Channel c);
/// CLP06 claim filing indicator -> channel (MA, MB -> medicare; MC; 16; else other).
Channel channel_of(std::string_view filing_indicator);

std::string_view category_id(Category c);
std::string_view category_label(Category c);
std::string_view kind_id(Kind k);
std::string_view action_id(Action a);
std::string_view action_label(Action a);
/// The label as the payer calls it (Medicare: an appeal is a "redetermination").
std::string_view action_label(Action a, Channel channel);
std::string_view appealable_id(Appealable a);
std::string_view remark_effect_id(RemarkEffect e);

/// The in-depth entry for a frequent CARC.
struct CarcDetail {
  std::string plain;
  std::vector<std::string> steps;
  std::vector<std::string> appeal_attachments;
  /// How practice differs by payer type (both empty when the entry has no `variants`).
  std::string variant_medicare, variant_commercial;
};

/// Our reading of a deactivated CARC (core/data/guidance/carc_deactivated.csv).
struct DeactivatedCarc {
  std::string meant;                      ///< what the code meant, in our words
  std::vector<std::string> replaced_by;   ///< current CARCs to read it as (may be empty)
  std::string note;                       ///< when it stopped and what to do now
  std::vector<std::string_view> sources;  ///< source ids (sources.csv)
};
/// nullptr when the CARC has no row in carc_deactivated.csv.
const DeactivatedCarc* deactivated_carc(std::string_view carc);

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
  /// Source ids (sources.csv) of the rows used: taxonomy, group rule, detail, remarks.
  std::vector<std::string_view> sources;
  /// Which rule decided the action: an advice_rules.csv id, or the layer ("carc_taxonomy",
  /// "group_rules", "rarc_guidance", "remark_meaning", "guard", "unknown_code").
  std::string_view rule = "carc_taxonomy";
  std::string_view rule_note;  ///< the advice rule's note (ours; static data), may be empty
};

struct RemarkGuidance {
  RemarkEffect effect = RemarkEffect::none;
  bool action_override = false;
  Action action = Action::no_action;
  std::string note;
  bool from_rule = false;  ///< derived from the official description, not a listed entry
  std::vector<std::string_view> sources;  ///< source ids of the listed row (or the RARC list)
};

/// One entry of core/data/guidance/sources.csv: where a piece of our guidance comes from.
struct SourceInfo {
  std::string id, publisher, title, citation;
};
/// nullptr when the id is not registered.
const SourceInfo* find_source(std::string_view id);
const std::vector<SourceInfo>& all_sources();
/// Splits a `sources` cell ("a;b") into registered ids; unknown ids go to `unknown`.
std::vector<std::string_view> parse_source_ids(std::string_view cell,
                                               std::vector<std::string>* unknown = nullptr);

/// Guidance for group + CARC, refined by the remark codes on the same claim or line.
AdjustmentGuidance guidance_for(std::string_view group, std::string_view carc,
                                const std::vector<std::string>& remarks = {});
/// Guidance for one RARC (listed entry, else the description rule).
RemarkGuidance remark_guidance(std::string_view rarc);

/// The effect a RARC gets from its official wording (docs/advice.md section 3). Recognises the
/// strong meanings (unprocessable -> resubmit_new_claim, final -> no_appeal_rights, QMB ->
/// patient_protected, appeal_rights) and the missing / invalid / alert forms.
RemarkEffect effect_from_description(std::string_view description);
/// Strength of a meaning when a listed effect and the official wording disagree:
/// resubmit_new_claim > no_appeal_rights > patient_protected > everything else (0).
int remark_effect_strength(RemarkEffect e);

/// Integrity of the embedded guidance data (for tests): problems found while loading.
const std::vector<std::string>& guidance_load_errors();

}  // namespace denial
