// ReportBuilder for 277CA and 999 files: read them, check their codes, keep them beside the
// remittances. Explanations are rebuilt by the writers (they are cheap and hold pointers).
#include <algorithm>
#include <optional>

#include "denial/ack_explain.h"
#include "denial/report.h"

namespace denial {
namespace {

// QTY02 as a count; nullopt when it is not a plain number.
std::optional<std::size_t> count_of(const std::string& v) {
  if (v.empty() || v.size() > 9) return std::nullopt;
  std::size_t n = 0;
  for (char c : v) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<std::size_t>(c - '0');
  }
  return n;
}

// A 277CA counts its own claims at receiver level: QTY*90 accepted, QTY*AA rejected. When the
// claims it lists (plus the claims of a rejected provider level, QTY*QC) do not add up, say so
// as a note: claims may be missing from the file, or the sender counts another way (eMedNY
// counts a claim it then rejects as acknowledged).
void check_totals(const ClaimAcknowledgment& a, Diagnostics& diags) {
  const AckLevel* receiver = nullptr;
  for (const AckLevel& l : a.levels)
    if (l.level == "2200B" && !receiver) receiver = &l;
  if (!receiver) return;
  for (const ExplainedStatus& s : explain_level(*receiver))
    if (s.outcome == AckOutcome::rejected) return;  // the whole file: nothing is listed
  std::size_t rejected = 0, other = 0;
  for (const AckClaim& c : a.claims)
    (explain_ack_claim(c, a).outcome == AckOutcome::rejected ? rejected : other) += 1;
  for (const AckLevel& l : a.levels) {
    if (l.level != "2200C") continue;
    bool level_rejected = false;
    for (const ExplainedStatus& s : explain_level(l))
      level_rejected |= s.outcome == AckOutcome::rejected;
    if (!level_rejected) continue;
    for (const QuantityValue& q : l.quantities)
      if (q.qualifier == "QC") rejected += count_of(q.value).value_or(0);
  }
  for (const QuantityValue& q : receiver->quantities) {
    auto said = count_of(q.value);
    if (!said || (q.qualifier != "90" && q.qualifier != "AA")) continue;
    std::size_t listed = q.qualifier == "90" ? other : rejected;
    if (*said == listed) continue;
    diags.push_back({Severity::info, Errc::ack_count, q.pos.segment_no, q.pos.byte_offset, "",
                     "QTY*" + q.qualifier + " says " + q.value + " claim(s) " +
                         (q.qualifier == "90" ? "accepted" : "rejected") + "; the file lists " +
                         std::to_string(listed) +
                         " (claims may be missing, or the sender counts differently)"});
  }
}

}  // namespace

AckParseResult read_acknowledgment(std::string_view bytes) {
  AckParseResult parsed = parse_acknowledgment(bytes);
  Diagnostics& diags = parsed.diagnostics;
  // Codes are checked once here, so their diagnostics are counted with the file's.
  for (const ClaimAcknowledgment& a : parsed.claim_acks) {
    for (const AckLevel& l : a.levels)
      for (const ClaimStatus& s : l.statuses)
        if (!find_code(CodeList::claim_status_category, s.category) && !s.category.empty())
          diags.push_back({Severity::warning, Errc::code_unknown, s.pos.segment_no,
                           s.pos.byte_offset, "",
                           s.element + ": claim status category '" + s.category +
                               "' is not in the official list"});
    for (const AckClaim& c : a.claims) explain_ack_claim(c, a, &diags);
    check_totals(a, diags);
  }
  for (const ImplementationAcknowledgment& a : parsed.implementation_acks) explain_999(a, &diags);
  std::stable_sort(diags.begin(), diags.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return a.segment_no < b.segment_no;
  });
  return parsed;
}

void ReportBuilder::add_acknowledgment_file(std::string name, std::string_view bytes) {
  PreparedFile f;
  f.name = std::move(name);
  f.bytes = bytes.size();
  f.kind = detect_kind(bytes);
  f.ack = read_acknowledgment(bytes);
  commit_acknowledgment(std::move(f));
}

void ReportBuilder::commit_acknowledgment(PreparedFile f) {
  std::size_t file = r_.files.size();
  FileInfo info;
  info.name = std::move(f.name);
  info.bytes = f.bytes;
  info.first_transaction = r_.transactions.size();
  info.kind = f.kind;
  AckParseResult& parsed = f.ack;
  info.readable = parsed.readable;
  for (auto& d : parsed.diagnostics) {
    if (d.severity == Severity::error) ++info.errors;
    if (d.severity == Severity::warning) ++info.warnings;
    r_.diagnostics.push_back({file, std::move(d)});
  }
  for (auto& a : parsed.claim_acks) {
    r_.acknowledgments.claim_acks.push_back(std::move(a));
    r_.acknowledgments.claim_ack_file.push_back(file);
  }
  for (auto& a : parsed.implementation_acks) {
    r_.acknowledgments.implementation_acks.push_back(std::move(a));
    r_.acknowledgments.implementation_ack_file.push_back(file);
  }
  r_.files.push_back(std::move(info));
  r_.summary.files = r_.files.size();
}

}  // namespace denial
