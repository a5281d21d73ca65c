// Cross-file claim history: every acknowledgment event and every remittance of a patient
// control number, in date order, and what state that leaves the claim in.
#include "denial/claim_history.h"

#include <algorithm>
#include <map>

#include "denial/ack_explain.h"

namespace denial {
namespace {

std::string stc_text(const ClaimStatus& s) {
  std::string t = s.category + ":" + s.code;
  if (!s.entity.empty()) t += ":" + s.entity;
  return t;
}

std::string codes_of(const ExplainedAckClaim& x) {
  std::string out;
  for (const ExplainedStatus& s : x.statuses) {
    std::string t = stc_text(*s.source);
    if (out.find(t) != std::string::npos) continue;
    out += (out.empty() ? "" : " ") + t;
  }
  return out;
}

}  // namespace

std::vector<ClaimHistory> claim_histories(const Report& r) {
  std::vector<ClaimHistory> out;
  std::map<std::string, std::size_t> index;
  auto history_of = [&](const std::string& pcn) -> ClaimHistory& {
    auto [it, added] = index.emplace(pcn, out.size());
    if (added) out.push_back({pcn, {}, "", false, -1});
    return out[it->second];
  };
  const Acknowledgments& acks = r.acknowledgments;
  for (std::size_t a = 0; a < acks.claim_acks.size(); ++a) {
    const ClaimAcknowledgment& ack = acks.claim_acks[a];
    for (std::size_t c = 0; c < ack.claims.size(); ++c) {
      const AckClaim& claim = ack.claims[c];
      if (claim.patient_control_number.empty()) continue;
      ExplainedAckClaim x = explain_ack_claim(claim, ack);
      ClaimEvent e;
      e.file = acks.claim_ack_file[a];
      e.kind = FileKind::claim_ack_277ca;
      e.date = x.date;
      e.event = std::string(ack_outcome_id(x.outcome));
      e.detail = codes_of(x);
      e.ack = static_cast<std::ptrdiff_t>(a);
      e.claim = static_cast<std::ptrdiff_t>(c);
      e.rejection = x.outcome == AckOutcome::rejected;
      history_of(claim.patient_control_number).events.push_back(std::move(e));
    }
  }
  for (std::size_t a = 0; a < acks.implementation_acks.size(); ++a) {
    const ImplementationAcknowledgment& ack = acks.implementation_acks[a];
    for (std::size_t s = 0; s < ack.sets.size(); ++s) {
      const SetAcknowledgment& set = ack.sets[s];
      SetOutcome outcome = set_outcome_of(set.status);
      for (const SegmentError& err : set.errors) {
        if (err.claim_id.empty()) continue;
        ClaimEvent e;
        e.file = acks.implementation_ack_file[a];
        e.kind = FileKind::impl_ack_999;
        e.date = ack.date;
        e.event = "set_" + std::string(set_outcome_id(outcome));
        e.detail = "IK3 " + err.segment_id + " at " + err.position + ": " + err.code;
        e.ack = static_cast<std::ptrdiff_t>(a);
        e.claim = static_cast<std::ptrdiff_t>(s);
        e.rejection = outcome == SetOutcome::rejected;
        ClaimHistory& h = history_of(err.claim_id);
        // One event per set, however many of its errors name the claim.
        bool seen = false;
        for (const ClaimEvent& old : h.events)
          seen |= old.kind == FileKind::impl_ack_999 && old.ack == e.ack && old.claim == e.claim;
        if (!seen) h.events.push_back(std::move(e));
      }
    }
  }
  if (out.empty()) return out;
  for (std::size_t i = 0; i < r.rows.size(); ++i) {
    const ClaimRow& row = r.rows[i];
    auto it = index.find(row.patient_control_number);
    if (it == index.end() || row.duplicate) continue;
    ClaimEvent e;
    e.file = row.file;
    e.kind = FileKind::remittance_835;
    e.date = remit_date_of(r.transactions[row.transaction]);
    e.event = std::string(outcome_id(row.outcome));
    e.detail = row.codes;
    e.row = static_cast<std::ptrdiff_t>(i);
    out[it->second].events.push_back(std::move(e));
  }
  for (ClaimHistory& h : out) {
    // Date order; on the same date a 999 comes before a 277CA before an 835 (the order a
    // claim meets them), then file order.
    auto order = [](FileKind k) {
      return k == FileKind::impl_ack_999 ? 0 : k == FileKind::claim_ack_277ca ? 1 : 2;
    };
    std::stable_sort(h.events.begin(), h.events.end(),
                     [&](const ClaimEvent& a, const ClaimEvent& b) {
                       if (a.date != b.date) return a.date < b.date;
                       if (order(a.kind) != order(b.kind)) return order(a.kind) < order(b.kind);
                       return a.file < b.file;
                     });
    bool open = false, was_rejected = false;
    FileKind last_kind = FileKind::unknown;
    for (std::size_t i = 0; i < h.events.size(); ++i) {
      const ClaimEvent& e = h.events[i];
      if (e.rejection) {
        open = was_rejected = true;
        h.last_rejection = static_cast<std::ptrdiff_t>(i);
      } else if (e.event != "other") {
        open = false;
      }
      last_kind = e.kind;
    }
    h.needs_work = open;
    if (open)
      h.state = "rejected_not_resubmitted";
    else if (was_rejected)
      h.state =
          last_kind == FileKind::remittance_835 ? "resubmitted_remitted" : "resubmitted_accepted";
    else
      h.state = last_kind == FileKind::remittance_835 ? "remitted"
                : h.events.empty()                    ? "other"
                                                      : "accepted";
  }
  return out;
}

std::vector<RejectionItem> rejection_worklist(const Report& r,
                                              const std::vector<ClaimHistory>& histories) {
  std::vector<RejectionItem> out;
  const Acknowledgments& acks = r.acknowledgments;
  // Each 999 explained once, however many of its claims are work items.
  std::map<std::ptrdiff_t, ExplainedImplementationAck> explained_999;
  auto explained = [&](std::ptrdiff_t a) -> const ExplainedImplementationAck& {
    auto it = explained_999.find(a);
    if (it == explained_999.end())
      it = explained_999.emplace(a, explain_999(acks.implementation_acks[a])).first;
    return it->second;
  };
  for (std::size_t h = 0; h < histories.size(); ++h) {
    const ClaimHistory& hist = histories[h];
    if (!hist.needs_work || hist.last_rejection < 0) continue;
    const ClaimEvent& e = hist.events[hist.last_rejection];
    RejectionItem item;
    item.kind = "rejected_not_resubmitted";
    item.patient_control_number = hist.patient_control_number;
    item.file = e.file;
    item.date = e.date;
    item.codes = e.detail;
    item.history = static_cast<std::ptrdiff_t>(h);
    item.ack = e.ack;
    item.claim = e.claim;
    item.source = e.kind;
    if (e.kind == FileKind::claim_ack_277ca) {
      const ClaimAcknowledgment& ack = acks.claim_acks[e.ack];
      ExplainedAckClaim x = explain_ack_claim(ack.claims[e.claim], ack);
      item.charge = x.charge;
      // The first rejecting status that names an item; pointer codes (21 "missing or
      // invalid information", 247 "line information") only when nothing else does.
      const ExplainedStatus* pick = nullptr;
      for (const ExplainedStatus& s : x.statuses) {
        if (s.outcome != AckOutcome::rejected) continue;
        if (!pick || (pick->guidance.kind == "pointer" && s.guidance.kind != "pointer")) pick = &s;
      }
      if (pick) {
        item.what_to_fix = pick->guidance.what_to_fix;
        item.loop_segment = pick->guidance.loop_segment;
      }
    } else {
      item.what_to_fix = explained(e.ack).sets[e.claim].meaning;
    }
    out.push_back(std::move(item));
  }
  // A 277CA that rejects at receiver or provider level (submitter not approved, provider
  // not enrolled) lists no claims: all of them (QTY AA / QC says how many) must be resent.
  for (std::size_t a = 0; a < acks.claim_acks.size(); ++a) {
    const ClaimAcknowledgment& ack = acks.claim_acks[a];
    for (const AckLevel& level : ack.levels) {
      for (const ExplainedStatus& s : explain_level(level)) {
        if (s.outcome != AckOutcome::rejected) continue;
        RejectionItem item;
        item.kind = "rejected_level";
        item.file = acks.claim_ack_file[a];
        item.date = s.source->date.empty() ? ack.date : s.source->date;
        item.codes = s.source->category + ":" + s.source->code +
                     (s.source->entity.empty() ? "" : ":" + s.source->entity);
        std::string count;
        for (const QuantityValue& q : level.quantities)
          if (q.qualifier == "AA" || q.qualifier == "QC") count = q.value;
        item.what_to_fix =
            std::string(level.level == "2200B" ? "The whole file"
                                               : "Every claim of this billing provider") +
            " was rejected" + (count.empty() ? "" : " (" + count + " claims)") +
            "; the claims are not listed one by one. " + s.guidance.what_to_fix;
        item.loop_segment = s.guidance.loop_segment;
        item.charge = s.source->amount;
        item.source = FileKind::claim_ack_277ca;
        item.ack = static_cast<std::ptrdiff_t>(a);
        out.push_back(std::move(item));
        break;
      }
    }
  }
  // Rejected 999 sets that name no claim: every claim in them must be resent.
  for (std::size_t a = 0; a < acks.implementation_acks.size(); ++a) {
    const ImplementationAcknowledgment& ack = acks.implementation_acks[a];
    const ExplainedImplementationAck& x = explained(static_cast<std::ptrdiff_t>(a));
    for (std::size_t s = 0; s < x.sets.size(); ++s) {
      if (x.sets[s].outcome != SetOutcome::rejected || !x.sets[s].claim_ids.empty()) continue;
      RejectionItem item;
      item.kind = "rejected_set";
      item.file = acks.implementation_ack_file[a];
      item.date = ack.date;
      item.codes = "IK501 " + ack.sets[s].status;
      for (const SegmentError& e : ack.sets[s].errors)
        item.codes += " IK3 " + e.segment_id + "@" + e.position + ":" + e.code;
      item.what_to_fix = x.sets[s].meaning;
      item.source = FileKind::impl_ack_999;
      item.ack = static_cast<std::ptrdiff_t>(a);
      item.claim = static_cast<std::ptrdiff_t>(s);
      out.push_back(std::move(item));
    }
  }
  return out;
}

}  // namespace denial
