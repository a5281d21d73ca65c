// The one-line note of a remark that has no row in rarc_guidance.csv: a rule over the remark's
// effect (read from the official wording, docs/advice.md section 3). Our words; each note only
// says what the effect already says, so it cannot contradict the official text.
#include "guidance/guidance_internal.h"

namespace denial::detail {

std::string remark_rule_note(RemarkEffect effect) {
  switch (effect) {
    case RemarkEffect::resubmit_new_claim:
      return "The payer could not process the claim as sent, so nothing was decided. Fix what "
             "this remark names and send a new claim. Do not appeal.";
    case RemarkEffect::no_appeal_rights:
      return "The payer says this decision cannot be appealed. Do not send an appeal; fix the "
             "cause on future claims.";
    case RemarkEffect::patient_protected:
      return "The patient may not be billed for this amount. Bill Medicaid or the secondary "
             "plan, or else write it off.";
    case RemarkEffect::appeal_rights:
      return "The payer says you may appeal this decision. If you disagree, appeal before the "
             "payer's deadline and send records that support the claim.";
    case RemarkEffect::missing_information:
      return "Send the item this remark names. Then resubmit by the payer's route: for "
             "Medicare, a new claim if MA130 is present, else a reopening; for others, a "
             "corrected claim.";
    case RemarkEffect::invalid_information:
      return "Fix the item this remark names. Then resubmit by the payer's route: for "
             "Medicare, a new claim if MA130 is present, else a reopening; for others, a "
             "corrected claim.";
    case RemarkEffect::other_payer:
      return "Another payer is involved. Check the patient's other coverage and bill the payer "
             "this remark points to.";
    case RemarkEffect::patient_liability:
      return "This remark is about what the patient may owe. Bill the patient only for amounts "
             "in group PR.";
    case RemarkEffect::informational:
      return "For your information: this remark explains the payment. No action is needed "
             "unless the amounts look wrong.";
    case RemarkEffect::none:
      break;
  }
  return "This remark adds detail to the reason code on the same claim or line. Follow the "
         "steps for that reason code, and use this remark to see what to check.";
}

}  // namespace denial::detail
