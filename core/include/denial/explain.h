// The explain engine: from a parsed 835 to outcomes, money at stake, and next actions, claim
// by claim, and totals for a whole batch of files.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "denial/balance.h"
#include "denial/codes.h"
#include "denial/diagnostic.h"
#include "denial/era.h"
#include "denial/guidance.h"

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
std::string_view outcome_id(Outcome o);
std::string_view outcome_label(Outcome o);

/// One CAS triplet with the official text and our guidance.
struct ExplainedAdjustment {
  const Adjustment* source = nullptr;
  std::ptrdiff_t line = -1;         ///< -1 = claim level
  const CodeEntry* carc = nullptr;  ///< nullptr when the code is not in the list
  const CodeEntry* group = nullptr;
  Validity validity = Validity::valid;
  AdjustmentGuidance guidance;
};

struct ExplainedRemark {
  const Remark* source = nullptr;
  std::ptrdiff_t line = -1;
  const CodeEntry* rarc = nullptr;
  Validity validity = Validity::valid;
  RemarkGuidance guidance;
};

struct NextAction {
  Action action;
  Cents amount = 0;                  ///< money this action is about
  std::vector<std::string> reasons;  ///< "CO-16", "N290", ...
};

struct ClaimMoney {
  Cents recoverable = 0;  ///< denials and reductions the provider may recover
  Cents patient = 0;      ///< PR: patient or secondary coverage
  Cents write_off = 0;    ///< contractual / sequestration
  Cents other = 0;        ///< informational adjustments
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
  std::string remit_date;  ///< the date codes were checked against (CCYYMMDD)
  /// Reversal pairing: the other claim of a CLP02=22 reversal / correction pair.
  std::optional<std::size_t> paired_with;
  std::optional<Cents> net_paid_with_pair;
  std::string appeal_letter;                           ///< empty when no appeal fits
  std::vector<std::string> corrected_claim_checklist;  ///< empty when not correctable
};

/// Explains one claim. `remit_date` (BPR16 / DTM*405) drives the code validity check; code
/// problems are appended to `diagnostics`. `with_drafts` = false skips the appeal letter and
/// checklist (big-file mode rebuilds them when a claim is opened).
ExplainedClaim explain_claim(const Claim& claim, const Transaction& transaction,
                             std::size_t transaction_index, std::size_t claim_index,
                             Diagnostics* diagnostics = nullptr, bool with_drafts = true);

/// Pairs reversals (CLP02=22) with their corrected claims in one transaction.
void pair_reversals(std::vector<ExplainedClaim>& claims);

/// The date a remit's codes are judged by: BPR16, else DTM*405, else empty.
std::string remit_date_of(const Transaction& t);

}  // namespace denial
