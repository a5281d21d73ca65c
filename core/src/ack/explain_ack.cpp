// Explains a 277CA claim by claim and a 999 set by set: official text from the code lists,
// our guidance from the guidance tables (status_guidance.cpp), one next step per claim.
#include <set>

#include "denial/ack_explain.h"

namespace denial {
namespace detail {
std::string ack_meaning(std::string_view element, std::string_view code,
                        std::vector<std::string>* sources);
}

namespace {

// The most telling outcome first: one rejected line rejects the claim.
int rank(AckOutcome o) {
  switch (o) {
    case AckOutcome::rejected:
      return 0;
    case AckOutcome::accepted:
      return 1;
    case AckOutcome::received:
      return 2;
    case AckOutcome::forwarded:
      return 3;
    case AckOutcome::pending:
      return 4;
    case AckOutcome::finalized:
      return 5;
    case AckOutcome::other:
      break;
  }
  return 6;
}

void unknown_code(Diagnostics* d, const ClaimStatus& s, std::string_view what,
                  std::string_view code) {
  if (!d || code.empty()) return;
  d->push_back({Severity::warning, Errc::code_unknown, s.pos.segment_no, s.pos.byte_offset, "",
                s.element + ": " + std::string(what) + " '" + std::string(code) +
                    "' is not in the official list"});
}

ExplainedStatus explain_status(const ClaimStatus& s, std::ptrdiff_t line, Diagnostics* d) {
  ExplainedStatus x;
  x.source = &s;
  x.line = line;
  x.category = find_code(CodeList::claim_status_category, s.category);
  x.status = find_code(CodeList::claim_status_code, s.code);
  x.entity = s.entity.empty() ? nullptr : find_code(CodeList::entity, s.entity);
  x.outcome = x.category ? outcome_of_category(s.category) : AckOutcome::other;
  // STC03 is the sender's verdict in one letter: U = reject, WQ = accept (277CA TR3). It
  // decides when the category does not (an unknown or placeholder category), and a
  // "received" (A1) status marked U was rejected (NGS sends A1:19:PR with U when a line is).
  if (s.action == "U" && (x.outcome == AckOutcome::other || x.outcome == AckOutcome::received))
    x.outcome = AckOutcome::rejected;
  if (!x.category) unknown_code(d, s, "claim status category (code list 507)", s.category);
  if (!x.status) unknown_code(d, s, "claim status code (code list 508)", s.code);
  if (!x.entity) unknown_code(d, s, "entity identifier (element 98)", s.entity);
  x.guidance = status_guidance(s.code, s.entity);
  // An accepted or received claim needs no fix, whatever the code's usual meaning.
  if (x.outcome != AckOutcome::rejected && x.guidance.kind != "info") x.guidance.urgency = "low";
  return x;
}

}  // namespace

std::string_view ack_outcome_id(AckOutcome o) {
  switch (o) {
    case AckOutcome::accepted:
      return "accepted";
    case AckOutcome::received:
      return "received";
    case AckOutcome::forwarded:
      return "forwarded";
    case AckOutcome::rejected:
      return "rejected";
    case AckOutcome::pending:
      return "pending";
    case AckOutcome::finalized:
      return "finalized";
    case AckOutcome::other:
      break;
  }
  return "other";
}

std::string_view ack_outcome_label(AckOutcome o) {
  switch (o) {
    case AckOutcome::accepted:
      return "Accepted for adjudication";
    case AckOutcome::received:
      return "Received, not yet accepted";
    case AckOutcome::forwarded:
      return "Forwarded to another entity";
    case AckOutcome::rejected:
      return "Rejected (not adjudicated)";
    case AckOutcome::pending:
      return "Pending";
    case AckOutcome::finalized:
      return "Already adjudicated";
    case AckOutcome::other:
      break;
  }
  return "Other status";
}

AckOutcome outcome_of_category(std::string_view c) {
  if (c == "A2" || c == "A5") return AckOutcome::accepted;
  if (c == "A1") return AckOutcome::received;
  if (c == "A0") return AckOutcome::forwarded;
  if (c == "A3" || c == "A4" || c == "A6" || c == "A7" || c == "A8") return AckOutcome::rejected;
  if (!c.empty() && c[0] == 'P') return AckOutcome::pending;
  if (!c.empty() && c[0] == 'F') return AckOutcome::finalized;
  return AckOutcome::other;
}

std::vector<ExplainedStatus> explain_level(const AckLevel& level) {
  std::vector<ExplainedStatus> out;
  for (const ClaimStatus& s : level.statuses) out.push_back(explain_status(s, -1, nullptr));
  return out;
}

ExplainedAckClaim explain_ack_claim(const AckClaim& c, const ClaimAcknowledgment& ack,
                                    Diagnostics* d) {
  ExplainedAckClaim x;
  x.claim = &c;
  for (const ClaimStatus& s : c.statuses) x.statuses.push_back(explain_status(s, -1, d));
  for (std::size_t i = 0; i < c.lines.size(); ++i)
    for (const ClaimStatus& s : c.lines[i].statuses)
      x.statuses.push_back(explain_status(s, static_cast<std::ptrdiff_t>(i), d));
  x.outcome = AckOutcome::other;
  for (const ExplainedStatus& s : x.statuses)
    if (rank(s.outcome) < rank(x.outcome)) x.outcome = s.outcome;
  x.date =
      !c.statuses.empty() && !c.statuses.front().date.empty() ? c.statuses.front().date : ack.date;
  if (!c.statuses.empty()) x.charge = c.statuses.front().amount;
  switch (x.outcome) {
    case AckOutcome::rejected:
      x.action =
          "Fix what the rejection names and send the claim again as a new original claim "
          "(frequency code 1). It was never adjudicated: there is nothing to appeal and no "
          "replacement (frequency 7) to send.";
      x.urgency = "high";
      x.urgency_note =
          "A rejection does not stop the filing limit, which runs from the date of service "
          "(Medicare: 12 months, 42 CFR 424.44; other payers by contract). Resubmit now.";
      break;
    case AckOutcome::accepted:
      x.action = "Nothing to do now: the claim is in adjudication; the result comes on an 835.";
      x.urgency = "none";
      break;
    case AckOutcome::received:
      x.action =
          "Nothing to do yet: the claim was received; watch for its acceptance (A2) or a "
          "rejection.";
      x.urgency = "none";
      break;
    case AckOutcome::forwarded:
      x.action =
          "Nothing to do here: the claim was passed on; watch for the next entity's "
          "acknowledgment.";
      x.urgency = "none";
      break;
    case AckOutcome::pending:
      x.action = "Wait: the claim is pending with the payer.";
      x.urgency = "low";
      break;
    case AckOutcome::finalized:
      x.action = "Nothing to do here: the claim was already adjudicated; see the 835.";
      x.urgency = "none";
      break;
    case AckOutcome::other:
      x.action =
          "Read the statuses below: their category is not one of the acknowledgment "
          "categories, so ask the sender what they mean before changing the claim.";
      x.urgency = "medium";
      break;
  }
  return x;
}

std::string_view set_outcome_id(SetOutcome o) {
  switch (o) {
    case SetOutcome::accepted:
      return "accepted";
    case SetOutcome::accepted_with_errors:
      return "accepted_with_errors";
    case SetOutcome::partially_accepted:
      return "partially_accepted";
    case SetOutcome::rejected:
      return "rejected";
    case SetOutcome::unknown:
      break;
  }
  return "unknown";
}

SetOutcome set_outcome_of(std::string_view c) {
  if (c == "A") return SetOutcome::accepted;
  if (c == "E") return SetOutcome::accepted_with_errors;
  if (c == "P") return SetOutcome::partially_accepted;
  if (c == "R" || c == "M" || c == "W" || c == "X") return SetOutcome::rejected;
  return SetOutcome::unknown;
}

ExplainedImplementationAck explain_999(const ImplementationAcknowledgment& ack, Diagnostics* d) {
  ExplainedImplementationAck x;
  x.ack = &ack;
  x.outcome = set_outcome_of(ack.group_status);
  x.status = find_ack_code("AK901", ack.group_status);
  auto unknown = [&](const SourcePos& pos, std::string_view element, std::string_view code) {
    if (!d || code.empty()) return;
    d->push_back({Severity::warning, Errc::code_unknown, pos.segment_no, pos.byte_offset, "",
                  std::string(element) + " '" + std::string(code) +
                      "' is not a code of the 999 (005010X231A1)"});
  };
  for (const SetAcknowledgment& s : ack.sets) {
    ExplainedSet es;
    es.set = &s;
    es.outcome = set_outcome_of(s.status);
    es.status = find_ack_code("IK501", s.status);
    if (!es.status) unknown(s.pos, "IK501", s.status);
    for (std::size_t i = 0; i < s.syntax_codes.size(); ++i)
      es.syntax_codes.push_back(find_ack_code("IK50" + std::to_string(i + 2), s.syntax_codes[i]));
    std::set<std::string> ids;
    for (const SegmentError& e : s.errors) {
      ExplainedSegmentError ee;
      ee.source = &e;
      ee.code = find_ack_code("IK304", e.code);
      if (!ee.code) unknown(e.pos, "IK304", e.code);
      ee.meaning = detail::ack_meaning("IK304", e.code, nullptr);
      for (const ElementError& el : e.elements) {
        ExplainedElementError xe;
        xe.source = &el;
        xe.code = find_ack_code("IK403", el.code);
        if (!xe.code) unknown(el.pos, "IK403", el.code);
        xe.meaning = detail::ack_meaning("IK403", el.code, nullptr);
        ee.elements.push_back(std::move(xe));
      }
      if (!e.claim_id.empty() && ids.insert(e.claim_id).second) es.claim_ids.push_back(e.claim_id);
      es.errors.push_back(std::move(ee));
    }
    std::string which =
        "the " + (s.set_id.empty() ? std::string("transaction") : s.set_id) + " set" +
        (s.control_number.empty() ? "" : " with control number " + s.control_number);
    switch (es.outcome) {
      case SetOutcome::rejected:
        es.meaning =
            "Rejected: nothing in " + which +
            " reached the payer. Fix the errors the 999 lists and send every claim of that "
            "set again as new claims; the filing limit keeps running meanwhile.";
        break;
      case SetOutcome::accepted_with_errors:
        es.meaning = "Accepted with errors: " + which +
                     " was passed on; the errors below were noted and single claims may still "
                     "be rejected on the 277CA.";
        break;
      case SetOutcome::accepted:
        es.meaning = "Accepted: " + which +
                     " passed the checks and was passed on; each claim's answer comes on a "
                     "277CA.";
        break;
      default:
        es.meaning = "The verdict on " + which +
                     " (IK501) is missing or unknown: ask the sender whether it was accepted.";
        break;
    }
    x.sets.push_back(std::move(es));
  }
  switch (x.outcome) {
    case SetOutcome::accepted:
      x.meaning = "The whole functional group was accepted.";
      break;
    case SetOutcome::accepted_with_errors:
      x.meaning = "The functional group was accepted with errors noted.";
      break;
    case SetOutcome::partially_accepted:
      x.meaning =
          "Partially accepted: some transaction sets were rejected (see each set); only the "
          "accepted ones went on to the payer.";
      break;
    case SetOutcome::rejected:
      x.meaning = "The whole functional group was rejected: none of its claims reached the payer.";
      break;
    case SetOutcome::unknown:
      x.meaning = "The group's verdict (AK901) is missing or unknown.";
      break;
  }
  return x;
}

}  // namespace denial
