// Civil (calendar) dates as whole days since 1970-01-01: exact, no time zones, no floating
// point. Deadlines are computed with these; the core never reads the clock.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace denial {

using Days = std::int64_t;  ///< days since 1970-01-01 (negative before)

/// Days since 1970-01-01 of a proleptic Gregorian date (month 1-12, day 1-31, checked by caller).
Days days_from_civil(int year, int month, int day);
struct CivilDate {
  int year = 1970, month = 1, day = 1;
};
CivilDate civil_from_days(Days days);

/// "YYYYMMDD" or "YYYY-MM-DD"; nullopt for anything else or an impossible date (2025-02-29).
std::optional<Days> parse_civil_date(std::string_view text);
/// "YYYY-MM-DD".
std::string iso_date(Days days);
/// The same calendar date `years` later; Feb 29 becomes Feb 28 when the target year is not a
/// leap year ("12 months from 2024-02-29" is 2025-02-28, never a day in March).
Days add_years(Days days, int years);

}  // namespace denial
