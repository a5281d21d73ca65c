// The one table of diagnostic names and summaries. Names are stable API (JSON, tests).
#include <array>

#include "denial/diagnostic.h"

namespace denial {
namespace {

struct ErrcText {
  Errc code;
  std::string_view name;
  std::string_view summary;
};

constexpr ErrcText kErrcTable[] = {
    {Errc::empty_input, "empty_input", "The file is empty."},
    {Errc::not_x12, "not_x12", "No X12 ISA or ST segment was found; this is not an X12 file."},
    {Errc::not_835_html, "not_835_html",
     "This looks like an HTML or XML page, not an 835 remittance."},
    {Errc::not_835_binary, "not_835_binary",
     "This looks like a binary file (PDF, image, archive), not an 835 remittance."},
    {Errc::not_835_transaction, "not_835_transaction",
     "This X12 transaction is not an 835 remittance."},
    {Errc::bad_isa, "bad_isa", "The ISA interchange header is malformed."},
    {Errc::no_envelope, "no_envelope", "The file has no ISA/GS envelope; delimiters were guessed."},
    {Errc::envelope_mismatch, "envelope_mismatch",
     "A trailer's control number does not match its header."},
    {Errc::envelope_count, "envelope_count", "A trailer's count does not match what was read."},
    {Errc::missing_trailer, "missing_trailer",
     "A trailer segment (SE, GE or IEA) is missing; the file may be truncated."},
    {Errc::unexpected_segment, "unexpected_segment",
     "A segment stands where the 835 does not allow it."},
    {Errc::unknown_segment, "unknown_segment", "A segment that the 835 does not define."},
    {Errc::missing_segment, "missing_segment", "A required segment or element is missing."},
    {Errc::bad_amount, "bad_amount", "An amount is not a valid decimal number."},
    {Errc::bad_date, "bad_date", "A date is not a valid CCYYMMDD date."},
    {Errc::bad_element, "bad_element", "An element is empty or has an invalid value."},
    {Errc::version_4010, "version_4010",
     "A 4010 (004010X091A1) remittance, read with the 5010 structure."},
    {Errc::unknown_version, "unknown_version",
     "The implementation version is neither 5010 nor 4010."},
    {Errc::too_many_elements, "too_many_elements",
     "A segment has more elements than the reader keeps."},
    {Errc::segment_too_long, "segment_too_long", "A segment is longer than the reader accepts."},
    {Errc::invalid_utf8, "invalid_utf8", "Text that is not valid UTF-8."},
    {Errc::balance_line, "balance_line",
     "Service line does not balance: charge - adjustments != paid."},
    {Errc::balance_claim, "balance_claim", "Claim does not balance: charge - adjustments != paid."},
    {Errc::balance_transaction, "balance_transaction",
     "Payment does not balance: claim payments - provider adjustments != BPR02."},
    {Errc::balance_patient_resp, "balance_patient_resp",
     "Patient responsibility (CLP05) differs from the PR adjustments."},
    {Errc::code_unknown, "code_unknown", "A code that is not in the official list."},
    {Errc::code_inactive, "code_inactive", "A code used outside its validity dates."},
    {Errc::duplicate_payment, "duplicate_payment", "The same payment appears more than once."},
    {Errc::input_too_large, "input_too_large", "The input is larger than this build accepts."},
    {Errc::trace_reused, "trace_reused",
     "Two different payments from one payer share a trace number; both are counted."},
    {Errc::ack_count, "ack_count",
     "A claim acknowledgment's own totals differ from the claims it lists."},
};

const ErrcText* find(Errc code) {
  for (const auto& row : kErrcTable) {
    if (row.code == code) return &row;
  }
  return nullptr;
}

}  // namespace

std::string_view errc_name(Errc code) {
  const ErrcText* row = find(code);
  return row ? row->name : "unknown";
}

std::string_view errc_summary(Errc code) {
  const ErrcText* row = find(code);
  return row ? row->summary : "";
}

std::string_view severity_name(Severity s) {
  switch (s) {
    case Severity::info:
      return "info";
    case Severity::warning:
      return "warning";
    case Severity::error:
      return "error";
  }
  return "error";
}

}  // namespace denial
