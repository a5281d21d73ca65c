// Civil date arithmetic used for deadlines: epoch, leap years, month and year ends, and the
// "same date one year later" rule (Feb 29 -> Feb 28).
#include "denial/civil_date.h"

#include <gtest/gtest.h>

using denial::add_years;
using denial::iso_date;
using denial::parse_civil_date;

namespace {
denial::Days d(const char* s) { return *parse_civil_date(s); }
}  // namespace

TEST(CivilDate, EpochAndRoundTrip) {
  EXPECT_EQ(d("1970-01-01"), 0);
  EXPECT_EQ(d("19700102"), 1);
  EXPECT_EQ(d("1969-12-31"), -1);
  EXPECT_EQ(d("2000-03-01") - d("2000-02-28"), 2);  // 2000 is a leap year (divisible by 400)
  EXPECT_EQ(d("1900-03-01") - d("1900-02-28"), 1);  // 1900 is not
  for (denial::Days x = d("1999-12-01"); x < d("2030-01-31"); x += 17)
    EXPECT_EQ(d(iso_date(x).c_str()), x);
}

TEST(CivilDate, RejectsImpossibleDates) {
  EXPECT_FALSE(parse_civil_date("2025-02-29"));
  EXPECT_TRUE(parse_civil_date("2024-02-29"));
  EXPECT_FALSE(parse_civil_date("2026-04-31"));
  EXPECT_FALSE(parse_civil_date("2026-13-01"));
  EXPECT_FALSE(parse_civil_date("2026-1-01"));
  EXPECT_FALSE(parse_civil_date("20260A01"));
  EXPECT_FALSE(parse_civil_date(""));
}

TEST(CivilDate, AddingDaysCrossesMonthAndYearEnds) {
  EXPECT_EQ(iso_date(d("2026-01-15") + 125), "2026-05-20");  // redetermination: 5 + 120
  EXPECT_EQ(iso_date(d("2026-12-31") + 1), "2027-01-01");
  EXPECT_EQ(iso_date(d("2024-02-28") + 1), "2024-02-29");
  EXPECT_EQ(iso_date(d("2025-02-28") + 1), "2025-03-01");
  EXPECT_EQ(iso_date(d("2026-01-31") + 30), "2026-03-02");
}

TEST(CivilDate, AddYearsKeepsTheCalendarDate) {
  EXPECT_EQ(iso_date(add_years(d("2026-03-15"), 1)), "2027-03-15");
  EXPECT_EQ(iso_date(add_years(d("2024-02-29"), 1)), "2025-02-28");
  EXPECT_EQ(iso_date(add_years(d("2024-02-29"), 4)), "2028-02-29");
  EXPECT_EQ(iso_date(add_years(d("2025-12-31"), 1)), "2026-12-31");
}
