#include "denial/money.h"

#include <gtest/gtest.h>

using denial::format_cents;
using denial::parse_cents;

TEST(Money, ParsesX12Decimals) {
  EXPECT_EQ(parse_cents("1234.5"), 123450);
  EXPECT_EQ(parse_cents("-20"), -2000);
  EXPECT_EQ(parse_cents(".75"), 75);
  EXPECT_EQ(parse_cents("+3.00"), 300);
  EXPECT_EQ(parse_cents("0"), 0);
  EXPECT_EQ(parse_cents("12.340"), 1234);
}

TEST(Money, RejectsWhatIsNotAnAmount) {
  for (const char* bad :
       {"", ".", "--5", "1e9", "12.345", "abc", "1,000.00", "99999999999999999999"})
    EXPECT_FALSE(parse_cents(bad).has_value()) << bad;
}

TEST(Money, FormatsTwoPlaces) {
  EXPECT_EQ(format_cents(123450), "1234.50");
  EXPECT_EQ(format_cents(-5), "-0.05");
  EXPECT_EQ(format_cents(0), "0.00");
  EXPECT_EQ(format_cents(INT64_MIN), "-92233720368547758.08");
  EXPECT_EQ(format_cents(INT64_MAX), "92233720368547758.07");
  EXPECT_EQ(format_cents(-100), "-1.00");
  EXPECT_EQ(format_cents(7), "0.07");
}

TEST(Money, WritesInPlaceWhatFormatCentsReturns) {
  for (denial::Cents c : {denial::Cents{0}, denial::Cents{-1}, denial::Cents{99},
                          denial::Cents{100}, denial::Cents{-123456789}, INT64_MIN, INT64_MAX}) {
    char text[denial::kCentsTextMax];
    const std::size_t n = denial::format_cents_to(text, c);
    ASSERT_LE(n, denial::kCentsTextMax);
    EXPECT_EQ(std::string(text, n), format_cents(c)) << c;
  }
}
