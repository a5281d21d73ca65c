// ReportBuilder for 277CA and 999 files: read them, check their codes, keep them beside the
// remittances. Explanations are rebuilt by the writers (they are cheap and hold pointers).
#include <algorithm>

#include "denial/ack_explain.h"
#include "denial/report.h"

namespace denial {

void ReportBuilder::add_acknowledgment_file(std::string name, std::string_view bytes) {
  std::size_t file = r_.files.size();
  FileInfo info;
  info.name = std::move(name);
  info.bytes = bytes.size();
  info.first_transaction = r_.transactions.size();
  info.kind = detect_kind(bytes);
  AckParseResult parsed = parse_acknowledgment(bytes);
  info.readable = parsed.readable;
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
  }
  for (const ImplementationAcknowledgment& a : parsed.implementation_acks) explain_999(a, &diags);
  std::stable_sort(diags.begin(), diags.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return a.segment_no < b.segment_no;
  });
  for (auto& d : diags) {
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
