// Explaining acknowledgments: a 277CA claim by claim (accepted or rejected, every STC with
// its official text and our guidance: what to fix, where in the 837, how urgent), and a 999
// set by set (accepted / with errors / partially / rejected, every IK3/IK4 located).
// Official text comes from the embedded code lists; our guidance from core/data/guidance.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "denial/ack.h"
#include "denial/codes.h"

namespace denial {

enum class AckOutcome {
  accepted,   ///< A2 (or A5 split): accepted for adjudication
  received,   ///< A1: received, not yet accepted
  forwarded,  ///< A0: passed on to another entity
  rejected,   ///< A3, A4, A6, A7, A8 at claim or line level, or STC03 U (reject) on an
              ///< A1 or unknown category: never adjudicated
  pending,    ///< P*: pending
  finalized,  ///< F*: already adjudicated
  other,      ///< R*, E*, D*, or a category not in code list 507
};
std::string_view ack_outcome_id(AckOutcome o);
std::string_view ack_outcome_label(AckOutcome o);
/// Outcome of one category code (STC01-1).
AckOutcome outcome_of_category(std::string_view category);

/// Our guidance for a status code (core/data/guidance/claim_status_guidance.csv), or, for a
/// code without a row, the reviewed rule over its official wording (from_table = false).
struct StatusGuidance {
  std::string kind;          ///< data, enrollment, eligibility, payer, pointer, info, ...
  std::string what_to_fix;   ///< our text
  std::string loop_segment;  ///< where in the 837 (entity placeholder resolved), may be empty
  std::string urgency;       ///< high, medium, low, none
  std::vector<std::string> sources;  ///< ids in core/data/guidance/sources.csv
  bool from_table = false;
};
/// Guidance for status `code` about `entity` (STC01-3; may be empty).
StatusGuidance status_guidance(std::string_view code, std::string_view entity);
/// Number of status codes with a row of their own in the guidance table.
std::size_t status_guidance_rows();
/// Our reading of a 999 code (IK304 or IK403; core/data/guidance/ack_999_guidance.csv);
/// empty when we have none.
std::string ack_code_meaning(std::string_view element, std::string_view code);
/// The 837 loop of an entity ("85" -> "2010AA"), professional and institutional; empty
/// when unknown.
std::string entity_loop(std::string_view entity);

struct ExplainedStatus {
  const ClaimStatus* source = nullptr;
  std::ptrdiff_t line = -1;  ///< -1 = claim (or level) status
  const CodeEntry* category = nullptr;
  const CodeEntry* status = nullptr;
  const CodeEntry* entity = nullptr;
  AckOutcome outcome = AckOutcome::other;
  StatusGuidance guidance;
};

struct ExplainedAckClaim {
  const AckClaim* claim = nullptr;
  AckOutcome outcome = AckOutcome::other;
  std::vector<ExplainedStatus> statuses;  ///< claim level first, then lines in order
  std::string date;                       ///< when the status applied (STC02, else BHT04)
  std::optional<Cents> charge;            ///< STC04 of the claim's first status
  std::string action;                     ///< our next step, one sentence
  std::string urgency;                    ///< high / none ...
  std::string urgency_note;
};

/// Explains one claim of a 277CA. Unknown codes go to `diagnostics` (code_unknown).
ExplainedAckClaim explain_ack_claim(const AckClaim& claim, const ClaimAcknowledgment& ack,
                                    Diagnostics* diagnostics = nullptr);
/// The statuses above claim level (receiver, provider), explained the same way.
std::vector<ExplainedStatus> explain_level(const AckLevel& level);

enum class SetOutcome { accepted, accepted_with_errors, partially_accepted, rejected, unknown };
std::string_view set_outcome_id(SetOutcome o);
/// From IK501 (sets) or AK901 (groups; P = partially accepted).
SetOutcome set_outcome_of(std::string_view code);

struct ExplainedElementError {
  const ElementError* source = nullptr;
  const CodeEntry* code = nullptr;  ///< IK403 official text
  std::string meaning;              ///< our text
};

struct ExplainedSegmentError {
  const SegmentError* source = nullptr;
  const CodeEntry* code = nullptr;  ///< IK304 official text
  std::string meaning;              ///< our text
  std::vector<ExplainedElementError> elements;
};

struct ExplainedSet {
  const SetAcknowledgment* set = nullptr;
  SetOutcome outcome = SetOutcome::unknown;
  const CodeEntry* status = nullptr;           ///< IK501 official text
  std::vector<const CodeEntry*> syntax_codes;  ///< IK502-IK506 official text (null if unknown)
  std::vector<ExplainedSegmentError> errors;
  std::string meaning;                 ///< what it means for the claims in the set (our text)
  std::vector<std::string> claim_ids;  ///< CLM01 values named by CTX
};

struct ExplainedImplementationAck {
  const ImplementationAcknowledgment* ack = nullptr;
  SetOutcome outcome = SetOutcome::unknown;  ///< AK901
  const CodeEntry* status = nullptr;
  std::vector<ExplainedSet> sets;
  std::string meaning;
};

ExplainedImplementationAck explain_999(const ImplementationAcknowledgment& ack,
                                       Diagnostics* diagnostics = nullptr);

}  // namespace denial
