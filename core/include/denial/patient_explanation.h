// A plain-language explanation for the patient of one claim: what was billed, what the plan
// paid, what the patient owes and why, and what to do if they disagree. Built only from the
// engine's own results (the adjustments whose final action is bill_patient, docs/advice.md
// section 5); the words come from core/data/guidance/patient_texts.csv. Never built where the
// patient must not be billed: docs/patient-explanation.md lists the rules.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "denial/guidance.h"
#include "denial/money.h"

namespace denial {

struct ExplainedClaim;
struct Transaction;

/// One reason the patient owes money ("PR-1" deductible), summed over the claim's lines.
struct PatientShare {
  std::string code;        ///< "PR-1", "OA-100"
  std::string_view label;  ///< "Deductible" (static data, like every text below)
  std::string_view text;   ///< why, in plain words, for the patient
  Cents amount = 0;
  std::vector<std::string_view> sources;
};

struct PatientExplanation {
  std::string date;  ///< the as-of date (YYYY-MM-DD), empty when the caller gave none
  std::string patient_name, patient_control_number, payer_claim_number;
  std::string member_id;  ///< masked: only its last four characters show
  std::string dates_of_service, provider, plan;
  Channel channel = Channel::other;
  Cents billed = 0;      ///< CLP03
  Cents plan_paid = 0;   ///< CLP04
  Cents owed = 0;        ///< the claim's bill_patient action: the sum of `shares`
  Cents not_billed = 0;  ///< billed - plan_paid - owed: adjustments the patient is not billed
  std::string_view intro;
  std::vector<PatientShare> shares;               ///< largest first
  std::vector<std::string_view> notes;            ///< other coverage, payments already made
  std::vector<std::string_view> if_you_disagree;  ///< call the office, the plan's appeal
  /// What the billing office must check before sending; never part of the letter.
  std::vector<std::string> office_checks;
  std::vector<std::string_view> sources;  ///< every source of the texts used
};

/// Why a claim has no patient explanation.
enum class NoPatientLetter {
  none,               ///< it has one
  reversal,           ///< CLP02 22: takes back an earlier payment
  nothing_owed,       ///< no bill_patient amount above zero (CO amounts are never the patient's)
  patient_protected,  ///< a QMB or other "do not bill the patient" remark on the claim
  /// a PR amount goes to another payer or to an eligibility check first: whose coverage
  /// applies is open, so the patient's share may still change
  coverage_unsettled,
  does_not_balance,  ///< the claim's amounts do not add up, or CLP05 differs from its PR total
  credit,            ///< a patient reason nets below zero: a refund, not a bill
};
std::string_view no_patient_letter_id(NoPatientLetter why);

/// The explanation for one explained claim, or nullopt (and `why`, when given). `date` is the
/// letter's date (the caller's as-of date; the core never reads the clock).
std::optional<PatientExplanation> explain_for_patient(const ExplainedClaim& claim,
                                                      const Transaction& transaction,
                                                      std::string_view date,
                                                      NoPatientLetter* why = nullptr);

/// The letter as plain text, ready to print: what `--format patient` writes for one claim.
/// The office checks are not in it.
std::string patient_letter_text(const PatientExplanation& e);

/// A label of the letter ("owed" -> "You owe"), as the payer's channel words it.
std::string_view patient_label(std::string_view id, Channel channel = Channel::other);

/// The rows of patient_texts.csv (for tests and reviewers).
struct PatientText {
  std::string id, part, audience, label, text;
  std::vector<std::string> codes, channels;
  std::string when;  ///< "", "ga" (a line modifier GA), "no_ga"
  std::vector<std::string_view> sources;
};
const std::vector<PatientText>& patient_texts();
/// Problems found while loading the table (unknown sources, parts, channels).
const std::vector<std::string>& patient_text_load_errors();

}  // namespace denial
