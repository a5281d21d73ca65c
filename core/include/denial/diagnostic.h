// Diagnostics are values: every problem found while reading or checking a file is one
// Diagnostic with a stable code, where it happened and a message. The core never throws.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace denial {

enum class Severity { info, warning, error };

/// Stable diagnostic codes. Tests and the UI compare codes, never message text.
enum class Errc {
  empty_input,           ///< no bytes at all
  not_x12,               ///< no ISA or ST segment found: not an X12 file
  not_835_html,          ///< looks like an HTML page
  not_835_binary,        ///< looks like a binary file
  not_835_transaction,   ///< an X12 transaction other than 835 (837, 277, 999, ...)
  bad_isa,               ///< ISA header too short or its separators are inconsistent
  no_envelope,           ///< ST without ISA/GS; delimiters were guessed
  envelope_mismatch,     ///< ISA13/IEA02, GS06/GE02 or ST02/SE02 control numbers differ
  envelope_count,        ///< SE01, GE01 or IEA01 count differs from what was read
  missing_trailer,       ///< SE, GE or IEA missing (file truncated?)
  unexpected_segment,    ///< segment not allowed where it stands; skipped
  unknown_segment,       ///< segment id not in the 835 at all; skipped
  missing_segment,       ///< a required segment (BPR, TRN, CLP element...) missing
  bad_amount,            ///< a monetary element is not a valid decimal amount
  bad_date,              ///< a date element is not a valid CCYYMMDD date
  bad_element,           ///< a required element is empty or has an invalid value
  version_4010,          ///< the file is a 4010 (004010X091A1) 835; read with 5010 rules
  unknown_version,       ///< GS08/ST03 is neither 5010 nor 4010
  too_many_elements,     ///< more elements than the segment defines; extras ignored
  segment_too_long,      ///< a single segment longer than the reader accepts
  invalid_utf8,          ///< bytes that are not UTF-8; shown with replacement characters
  balance_line,          ///< SVC02 - line CAS != SVC03
  balance_claim,         ///< CLP03 - claim CAS - line CAS != CLP04
  balance_transaction,   ///< sum CLP04 - sum PLB != BPR02
  balance_patient_resp,  ///< CLP05 differs from the claim's PR adjustments
  code_unknown,          ///< a code that is not in the official list
  code_inactive,         ///< a code used outside its validity dates on the remit date
  duplicate_payment,     ///< the same payment (payer, trace, amount and claims) seen twice
  input_too_large,       ///< the input exceeds the size this build accepts
  trace_reused,          ///< two different payments from one payer share a trace number
  ack_count,             ///< a 277CA's own totals (QTY 90/AA) differ from the claims it lists
};

struct Diagnostic {
  Severity severity = Severity::warning;
  Errc code = Errc::unexpected_segment;
  std::uint32_t segment_no = 0;   ///< 1-based position of the segment in the file; 0 = none
  std::uint64_t byte_offset = 0;  ///< offset of the segment's first byte in the input
  std::string path;               ///< loop path, e.g. "/ST/2000/2100/CAS"
  std::string message;            ///< plain-English detail
};

/// Stable identifier of a code, e.g. "balance_claim".
std::string_view errc_name(Errc code);
/// One-line description of a code, from the message table in errors.cpp.
std::string_view errc_summary(Errc code);
std::string_view severity_name(Severity s);

using Diagnostics = std::vector<Diagnostic>;

}  // namespace denial
