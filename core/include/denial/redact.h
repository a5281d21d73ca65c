// The trends-only copy of an 835 that the page's local library keeps when the user did not
// choose to keep full claims: the same file, read by the same engine to the same money,
// codes, dates, payers and providers, without who the patient is. The rules, segment by
// segment, are in docs/library.md.
#pragma once

#include <string>
#include <string_view>

namespace denial {

/// A copy of `bytes` without patient and insured names and IDs, with each patient account
/// number (CLP01) replaced by a stand-in ("R1", "R2"... the same number gets the same
/// stand-in within the file, so reversals still pair), without the payer's claim number,
/// identifying claim and line references, provider-adjustment references and bank account
/// numbers. SE01 is corrected for the references left out. Every other byte is copied as
/// is. Deterministic, and a copy of a copy is the copy. Empty when `bytes` holds no 835
/// transaction.
std::string redact_835(std::string_view bytes);

}  // namespace denial
