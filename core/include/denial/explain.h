// The explain engine: from a parsed 835 to outcomes, money at stake, and next actions, claim
// by claim, and totals for a whole batch of files.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "denial/advice.h"
#include "denial/balance.h"
#include "denial/civil_date.h"
#include "denial/codes.h"
#include "denial/diagnostic.h"
#include "denial/era.h"
#include "denial/guidance.h"
#include "denial/patient_explanation.h"

namespace denial {

enum class Outcome {
  paid_as_expected,
  paid_with_contractual_reductions,
  partially_denied,
  denied,
  reversed,
  patient_responsibility_only,
  forwarded_to_another_payer,
  predetermination,
};
inline constexpr int kOutcomeCount = int(Outcome::predetermination) + 1;
std::string_view outcome_id(Outcome o);
std::string_view outcome_label(Outcome o);

/// What the caller tells the engine (the core never reads the clock).
struct ExplainOptions {
  std::string as_of;               ///< "YYYY-MM-DD" or "YYYYMMDD"; empty = no deadline judgement
  std::optional<int> appeal_days;  ///< the user's contractual appeal window (non-Medicare)
  std::optional<int> filing_days;  ///< the user's contractual filing window (non-Medicare)
};

/// One CAS triplet with the official text and our guidance.
struct ExplainedAdjustment {
  const Adjustment* source = nullptr;
  std::ptrdiff_t line = -1;         ///< -1 = claim level
  const CodeEntry* carc = nullptr;  ///< nullptr when the code is not in the list
  const CodeEntry* group = nullptr;
  Validity validity = Validity::valid;
  AdjustmentGuidance guidance;  ///< guidance.action is the final action (deadline included)
  /// The route whose deadline passed (then guidance.action is write_off), if any.
  std::optional<Action> late_route;
};

struct ExplainedRemark {
  const Remark* source = nullptr;
  std::ptrdiff_t line = -1;
  const CodeEntry* rarc = nullptr;
  Validity validity = Validity::valid;
  RemarkGuidance guidance;
};

/// A date by which an action must be taken, and whose rule sets it (docs/advice.md section 6).
struct Deadline {
  std::optional<Days> act_by;
  std::string_view owner;  ///< "medicare", "contract", or empty when no date applies
  std::string rule;        ///< the rule in words
  bool passed = false;     ///< as_of is after act_by
};

struct NextAction {
  Action action;
  Cents amount = 0;                  ///< money this action is about
  std::vector<std::string> reasons;  ///< "CO-16", "N290", ...
  std::string_view label;  ///< the payer's name for it (static text; Medicare: redetermination)
  Deadline deadline;
  std::string_view rule;                  ///< advice rule id or layer that chose the action
  std::string_view rule_family;           ///< the pair family of `rule`, when it is a pair row
  std::vector<std::string_view> sources;  ///< source ids behind it
  std::string note;  ///< why, when the action changed (a deadline passed) or the rule's note
};

/// Buckets derived from the actions (bucket_of), never recomputed by a writer.
struct ClaimMoney {
  Cents recoverable = 0;  ///< actions that are work: appeal, fix, rebill, chase
  Cents patient = 0;      ///< bill the patient, or wait for the other payer first
  Cents write_off = 0;    ///< write-offs (contractual, final decisions, deadlines passed)
  Cents other = 0;        ///< no action, duplicates (money on the original claim)
  /// Of `recoverable`, what the payer denied or cut: only on denied or partially denied claims,
  /// and never the money the balance rules cannot explain (that is the payer's error, not a
  /// denial). The one figure every "denied dollars" total adds up.
  Cents denied = 0;
};

struct ExplainedClaim {
  const Claim* claim = nullptr;
  std::size_t transaction = 0;
  std::size_t index = 0;  ///< in the transaction
  Outcome outcome = Outcome::paid_as_expected;
  ClaimMoney money;
  std::vector<ExplainedAdjustment> adjustments;  ///< claim level first, then lines in order
  std::vector<ExplainedRemark> remarks;
  std::vector<NextAction> actions;  ///< ordered: largest amount first; empty = nothing to do
  const CodeEntry* status = nullptr;
  std::string remit_date;            ///< the date codes were checked against (CCYYMMDD)
  Channel channel = Channel::other;  ///< from CLP06
  /// "unbalanced" when the claim's lines or totals do not balance.
  std::vector<std::string> flags;
  Cents unaccounted = 0;  ///< money the balance rules cannot explain (absolute)
  /// Reversal pairing: the other claim of a CLP02=22 reversal / correction pair.
  std::optional<std::size_t> paired_with;
  std::optional<Cents> net_paid_with_pair;
  std::string appeal_letter;                           ///< empty when no appeal fits
  std::vector<std::string> corrected_claim_checklist;  ///< empty when not correctable
  /// What the patient owes and why, in plain words (patient_explanation.h); null when the
  /// patient is not to be billed, and in big-file mode until the claim is opened.
  std::shared_ptr<const PatientExplanation> patient_explanation;
};

/// Explains one claim. `remit_date` (BPR16 / DTM*405) drives the code validity check; code
/// problems are appended to `diagnostics`. `with_drafts` = false skips the appeal letter and
/// checklist and the patient explanation (big-file mode rebuilds them when a claim is opened).
ExplainedClaim explain_claim(const Claim& claim, const Transaction& transaction,
                             std::size_t transaction_index, std::size_t claim_index,
                             Diagnostics* diagnostics = nullptr, bool with_drafts = true,
                             const ExplainOptions& options = {});

/// Pairs reversals (CLP02=22) with their corrected claims in one transaction.
void pair_reversals(std::vector<ExplainedClaim>& claims);

/// The date a remit's codes are judged by: BPR16, else DTM*405, else empty.
std::string remit_date_of(const Transaction& t);

}  // namespace denial
