// The trends-only copy's rules, one segment at a time (docs/library.md lists them with why).
// Kept: everything the engine needs to explain money, codes, dates, payers and providers.
// Gone: who the patient is (names and IDs of patient, insured, corrected and other
// insured), the provider's account number (CLP01, replaced by a stand-in), the payer's claim
// number, claim and line references that identify a person or a claim, the references on
// provider-level adjustments, and bank account numbers.
#include "era835/redact_rules.h"

#include <algorithm>
#include <array>

namespace denial::detail {
namespace {

// NM101 entities that name a person covered or treated: patient, insured, corrected
// patient/insured, other subscriber.
bool is_person(std::string_view entity) {
  return entity == "QC" || entity == "IL" || entity == "74" || entity == "GB";
}

// REF qualifiers kept: the rendering provider's other IDs (0B 1A 1B 1C 1D 1G 1H 1J D3 G2 HPI
// LU) and, on lines, the coding ones (APC, APG 1S, rate code RB, authority E9, policy form
// 0K). Everything else (member and group numbers, medical record, authorizations, original
// and repriced claim numbers, line control numbers, SSN) is dropped. A switch, not a table
// search: this runs for every REF of every claim (also for the retransmission hash).
bool keeps_reference(bool line, std::string_view q) {
  if (q.size() == 3) return q == "HPI" || (line && q == "APC");
  if (q.size() != 2) return false;
  const char c = q[1];
  switch (q[0]) {
    case '0':
      return c == 'B' || (line && c == 'K');
    case '1':
      return c == 'A' || c == 'B' || c == 'C' || c == 'D' || c == 'G' || c == 'H' || c == 'J' ||
             (line && c == 'S');
    case 'D':
      return c == '3';
    case 'G':
      return c == '2';
    case 'L':
      return c == 'U';
    case 'R':
      return line && c == 'B';
    case 'E':
      return line && c == '9';
    default:
      return false;
  }
}

void join(const std::array<std::string_view, Elements::kMax>& parts, std::size_t count, char sep,
          std::string& out) {
  while (count > 1 && parts[count - 1].empty()) --count;  // trailing empty elements left off
  out.clear();
  for (std::size_t i = 0; i < count; ++i) {
    if (i) out += sep;
    out.append(parts[i]);
  }
}

}  // namespace

Redaction redact_segment(const Elements& el, std::string_view loop, const Delimiters& d,
                         std::string_view account, std::string& out) {
  const std::string_view id = el.id();
  if (!may_redact(id)) return Redaction::keep;
  // Decided before anything is copied: most of these segments stay as they are.
  if (id == "REF") {
    const bool claim = loop == "2100", line = loop == "2110";
    if (!claim && !line) return Redaction::keep;
    return keeps_reference(line, el.at(1)) ? Redaction::keep : Redaction::drop;
  }
  if (id == "NM1" && !is_person(el.at(1))) return Redaction::keep;
  std::array<std::string_view, Elements::kMax> parts;
  const std::size_t count = std::min(el.size(), parts.size());
  for (std::size_t i = 0; i < count; ++i) parts[i] = el.at(i);
  auto blank = [&](std::size_t n) {
    if (n < count) parts[n] = {};
  };
  if (id == "NM1") {
    for (std::size_t n = 3; n <= 9; ++n) blank(n);  // names, suffix, ID qualifier and ID
  } else if (id == "CLP") {
    if (count > 1) parts[1] = account;
    blank(7);  // payer claim control number
  } else if (id == "BPR") {
    blank(9);   // payer's bank account number
    blank(15);  // provider's bank account number
  } else {      // PLB: adjustment identifiers (PLB03-1) kept, their references (PLB03-2) not
    for (std::size_t n = 3; n < count && n <= 13; n += 2) {
      std::string_view v = parts[n];
      parts[n] = v.substr(0, std::min(v.find(d.component), v.size()));
    }
  }
  join(parts, count, d.element, out);
  return Redaction::rewrite;
}

}  // namespace denial::detail
