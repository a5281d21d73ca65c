// What a trends-only copy of an 835 keeps of one segment: the rules behind redact_835
// (denial/redact.h), shared with the retransmission hash so that a copy and its original
// are recognised as the same payment.
#pragma once

#include <string>
#include <string_view>

#include "x12/segment_reader.h"

namespace denial::detail {

enum class Redaction { keep, drop, rewrite };

/// Decides segment `el` (of loop `loop`, "2100", "2110" or any other) for a trends-only copy.
/// On rewrite, `out` holds the new segment text (elements joined with `d.element`, trailing
/// empty elements left off) with `account` as CLP01 (empty for the retransmission hash).
Redaction redact_segment(const Elements& el, std::string_view loop, const Delimiters& d,
                         std::string_view account, std::string& out);

/// Cheap pre-check on the hot path: only NM1, CLP, REF, PLB and BPR can change.
inline bool may_redact(std::string_view id) {
  return id == "NM1" || id == "CLP" || id == "REF" || id == "PLB" || id == "BPR";
}

}  // namespace denial::detail
