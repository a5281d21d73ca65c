// Stage 1 helpers: recognise inputs that are not X12 at all, so the user gets "this is a PDF"
// rather than "no ISA found".
#include "x12/text_checks.h"

#include <cstdint>
#include <cstring>
#include <string>

#include "text.h"

namespace denial::detail {

std::optional<Diagnostic> classify_non_x12(std::string_view b) {
  std::size_t i = 0;
  if (b.size() >= 3 && std::memcmp(b.data(), "\xEF\xBB\xBF", 3) == 0) i = 3;
  while (i < b.size() && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) ++i;
  std::string_view head = b.substr(i, 512);
  if (!head.empty() && head.front() == '<' && b.find("ISA") == std::string_view::npos) {
    return Diagnostic{Severity::error,
                      Errc::not_835_html,
                      0,
                      i,
                      "",
                      "this looks like an HTML or XML page, not an 835 remittance"};
  }
  if (head.substr(0, 5) == "%PDF-") {
    return Diagnostic{Severity::error,
                      Errc::not_835_binary,
                      0,
                      0,
                      "",
                      "this looks like a PDF document, not an 835 remittance"};
  }
  if (head.substr(0, 2) == "PK") {
    return Diagnostic{
        Severity::error,
        Errc::not_835_binary,
        0,
        0,
        "",
        "this looks like a ZIP archive or Office document, not an 835 remittance; unzip it first"};
  }
  std::size_t controls = 0;
  std::string_view sample = b.substr(0, 4096);
  for (char c : sample) {
    auto u = static_cast<unsigned char>(c);
    if (u == 0 || (u < 0x20 && c != '\n' && c != '\r' && c != '\t' && u != 0x1c && u != 0x1d &&
                   u != 0x1e && u != 0x1f && u != 0x07 && u != 0x0b && u != 0x0c)) {
      ++controls;
    }
  }
  if (controls * 10 > sample.size() && b.find("ISA") == std::string_view::npos) {
    return Diagnostic{Severity::error,
                      Errc::not_835_binary,
                      0,
                      0,
                      "",
                      "this looks like a binary file (" + std::to_string(controls) +
                          " control bytes in the first " + std::to_string(sample.size()) +
                          "), not an 835 remittance"};
  }
  return std::nullopt;
}

std::optional<std::size_t> first_invalid_utf8(std::string_view b) {
  const auto* s = reinterpret_cast<const unsigned char*>(b.data());
  std::size_t n = b.size(), i = 0;
  while (i < n) {
    // ASCII fast path, 8 bytes at a time: X12 text is almost always plain ASCII.
    while (i + 8 <= n) {
      std::uint64_t word;
      std::memcpy(&word, s + i, 8);
      if (word & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= n) break;
    std::size_t len = utf8_sequence(b, i);
    if (len == 0) return i;
    i += len;
  }
  return std::nullopt;
}

std::string_view transaction_name(std::string_view st01) {
  struct Row {
    std::string_view id, name;
  };
  static constexpr Row kNames[] = {
      {"837", "health care claim"},
      {"277", "claim status response"},
      {"276", "claim status request"},
      {"999", "implementation acknowledgment"},
      {"997", "functional acknowledgment"},
      {"270", "eligibility inquiry"},
      {"271", "eligibility response"},
      {"278", "authorization request/response"},
      {"834", "benefit enrollment"},
      {"820", "premium payment"},
      {"275", "patient information attachment"},
      {"810", "invoice"},
      {"850", "purchase order"},
  };
  for (const auto& r : kNames) {
    if (r.id == st01) return r.name;
  }
  return "another transaction type";
}

bool admit_input(std::string_view bytes, Diagnostics& diags) {
  if (bytes.empty()) {
    diags.push_back({Severity::error, Errc::empty_input, 0, 0, "", "the file is empty (0 bytes)"});
    return false;
  }
  if (auto looks = classify_non_x12(bytes)) {
    diags.push_back(*looks);
    return false;
  }
  if (auto bad = first_invalid_utf8(bytes))
    diags.push_back({Severity::warning, Errc::invalid_utf8, 0, *bad, "",
                     "byte " + std::to_string(*bad) +
                         " is not valid UTF-8; such text is shown with replacement characters"});
  return true;
}

}  // namespace denial::detail
