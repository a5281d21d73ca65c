// Eight bytes at a time: is a run of text plain printable ASCII? The writers scan every byte
// they write (escaping for JSON, replacing control bytes in the memo); most of it is plain,
// and a word test skips it eight bytes per step. A "no" only sends the caller to its byte
// by byte path, so the tests may answer "no" for a plain word but never "yes" for another.
#pragma once

#include <cstdint>
#include <cstring>

namespace denial::detail {

inline std::uint64_t load_word(const char* p) {
  std::uint64_t w;
  std::memcpy(&w, p, sizeof w);
  return w;
}

constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
constexpr std::uint64_t kHighs = 0x8080808080808080ULL;

/// Every byte of `w` is in 0x20..0x7E (a byte of 0x7F or more, or below 0x20, says no).
inline bool printable_word(std::uint64_t w) {
  const std::uint64_t below_space = (w - kOnes * 0x20) & ~w & kHighs;
  const std::uint64_t del_or_high = (w | (w + kOnes)) & kHighs;
  return (below_space | del_or_high) == 0;
}

/// Some byte of `w` may equal `b` (exact when it says no).
inline bool may_hold_byte(std::uint64_t w, unsigned char b) {
  const std::uint64_t x = w ^ (kOnes * b);
  return ((x - kOnes) & ~x & kHighs) != 0;
}

}  // namespace denial::detail
