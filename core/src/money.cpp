// Exact decimal amounts: X12 "R" values to integer cents and back.
#include "denial/money.h"

#include <charconv>
#include <cstdlib>

namespace denial {

std::optional<Cents> parse_cents(std::string_view t) {
  while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
  while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
  if (t.empty()) return std::nullopt;
  bool negative = false;
  if (t.front() == '-' || t.front() == '+') {
    negative = t.front() == '-';
    t.remove_prefix(1);
  }
  constexpr Cents kLimit = 9'000'000'000'000'000;  // 90 trillion dollars in cents
  Cents whole = 0;
  std::size_t i = 0, digits = 0;
  for (; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i, ++digits) {
    if (whole > kLimit / 10) return std::nullopt;
    whole = whole * 10 + (t[i] - '0');
  }
  Cents fraction = 0;
  std::size_t fraction_digits = 0;
  if (i < t.size() && t[i] == '.') {
    for (++i; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i, ++fraction_digits) {
      int d = t[i] - '0';
      if (fraction_digits < 2) {
        fraction = fraction * 10 + d;
      } else if (d != 0) {
        return std::nullopt;  // sub-cent precision cannot be represented exactly
      }
    }
  }
  if (i != t.size() || digits + fraction_digits == 0) return std::nullopt;
  if (fraction_digits == 1) fraction *= 10;
  if (whole > kLimit / 100) return std::nullopt;
  Cents value = whole * 100 + fraction;
  return negative ? -value : value;
}

std::size_t format_cents_to(char* out, Cents value) {
  const bool negative = value < 0;
  // Magnitude as unsigned so INT64_MIN cannot overflow.
  const unsigned long long magnitude = negative ? 0ULL - static_cast<unsigned long long>(value)
                                                : static_cast<unsigned long long>(value);
  char* p = out;
  if (negative) *p++ = '-';
  p = std::to_chars(p, out + kCentsTextMax, magnitude / 100).ptr;
  const unsigned cents = static_cast<unsigned>(magnitude % 100);
  *p++ = '.';
  *p++ = static_cast<char>('0' + cents / 10);
  *p++ = static_cast<char>('0' + cents % 10);
  return static_cast<std::size_t>(p - out);
}

std::string format_cents(Cents value) {
  char text[kCentsTextMax];
  return std::string(text, format_cents_to(text, value));
}

}  // namespace denial
