// Small text helpers shared across stages: ASCII case folding and UTF-8 sequence checks.
#pragma once

#include <cctype>
#include <cstddef>
#include <string>
#include <string_view>

namespace denial::detail {

inline std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

inline std::string ascii_upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

/// Length of the valid UTF-8 sequence starting at s[i] (1 for ASCII), or 0 when the bytes
/// there are not valid UTF-8 (bad lead byte, overlong 2-byte form, cut or bad continuation).
inline std::size_t utf8_sequence(std::string_view s, std::size_t i) {
  auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return 1;
  std::size_t len = (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || i + len > s.size() || (len == 2 && c < 0xC2)) return 0;
  for (std::size_t k = 1; k < len; ++k)
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  return len;
}

}  // namespace denial::detail
