// Civil date arithmetic after Howard Hinnant's days_from_civil / civil_from_days algorithms
// (public domain): integer only, valid for every Gregorian date we will meet.
#include "denial/civil_date.h"

namespace denial {
namespace {

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

bool all_digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

}  // namespace

Days days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const Days era = (y >= 0 ? y : y - 399) / 400;
  const Days yoe = y - era * 400;                                    // [0, 399]
  const Days doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;  // [0, 365]
  const Days doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;            // [0, 146096]
  return era * 146097 + doe - 719468;
}

CivilDate civil_from_days(Days z) {
  z += 719468;
  const Days era = (z >= 0 ? z : z - 146096) / 146097;
  const Days doe = z - era * 146097;
  const Days yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const Days doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const Days mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {static_cast<int>(yoe + era * 400 + (m <= 2)), m, d};
}

std::optional<Days> parse_civil_date(std::string_view t) {
  std::string_view y, m, d;
  if (t.size() == 8) {
    y = t.substr(0, 4), m = t.substr(4, 2), d = t.substr(6, 2);
  } else if (t.size() == 10 && t[4] == '-' && t[7] == '-') {
    y = t.substr(0, 4), m = t.substr(5, 2), d = t.substr(8, 2);
  } else {
    return std::nullopt;
  }
  if (!all_digits(y) || !all_digits(m) || !all_digits(d)) return std::nullopt;
  int year = to_int(y), month = to_int(m), day = to_int(d);
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) return std::nullopt;
  return days_from_civil(year, month, day);
}

std::string iso_date(Days days) {
  CivilDate c = civil_from_days(days);
  char buf[16];
  auto two = [](int v, char* out) {
    out[0] = static_cast<char>('0' + v / 10);
    out[1] = static_cast<char>('0' + v % 10);
  };
  int y = c.year;
  for (int i = 3; i >= 0; --i, y /= 10) buf[i] = static_cast<char>('0' + y % 10);
  buf[4] = '-';
  two(c.month, buf + 5);
  buf[7] = '-';
  two(c.day, buf + 8);
  return std::string(buf, 10);
}

Days add_years(Days days, int years) {
  CivilDate c = civil_from_days(days);
  int y = c.year + years;
  int d = c.day;
  if (c.month == 2 && d == 29 && !is_leap(y)) d = 28;  // Feb 29 -> Feb 28, not Mar 1
  return days_from_civil(y, c.month, d);
}

}  // namespace denial
