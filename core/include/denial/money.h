// Money as exact integer cents. X12 "R" amounts are decimal text; we never pass them
// through floating point, so a $0.01 difference in a balance check is real.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace denial {

using Cents = std::int64_t;

/// Parses an X12 decimal amount ("1234.5", "-20", ".75", "+3.00") into cents.
/// Returns nullopt for anything else (exponents, two signs, >2 decimals that are not zeros,
/// overflow beyond +/- 90 trillion dollars).
std::optional<Cents> parse_cents(std::string_view text);

/// Formats cents as a decimal string with two places: 123450 -> "1234.50", -5 -> "-0.05".
std::string format_cents(Cents value);

/// The same text written at `out`, which has room for kCentsTextMax bytes; returns its length.
/// (For writers that format millions of amounts: no string per amount.)
constexpr std::size_t kCentsTextMax = 24;
std::size_t format_cents_to(char* out, Cents value);

}  // namespace denial
