// make_printable changes text where it is exactly as printable() returns it, and leaves
// plain text alone (the memo's claim blocks take that path).
#include "report/printable.h"

#include <gtest/gtest.h>

#include <string>

namespace {

using denial::detail::make_printable;
using denial::detail::printable;

TEST(Printable, InPlaceEqualsTheCopy) {
  const std::string cases[] = {
      "",
      "plain ASCII text, longer than one word\nand a second line\n",
      "tab\there",
      "bell\a in the middle of a long enough line",
      std::string("NUL\0byte", 8),
      "caf\xC3\xA9 is valid UTF-8",
      "broken \xC3 sequence",
      "DEL\x7F",
      "CR\r\nLF",
  };
  for (bool keep_tab_cr : {false, true}) {
    for (const std::string& text : cases) {
      std::string in_place = text;
      make_printable(in_place, keep_tab_cr);
      EXPECT_EQ(in_place, printable(text, keep_tab_cr)) << text;
    }
  }
}

TEST(Printable, ReplacesControlBytesAndKeepsNewlines) {
  std::string text =
      "a\x01"
      "b\nc";
  make_printable(text);
  EXPECT_EQ(text,
            "a\xEF\xBF\xBD"
            "b\nc");
}

}  // namespace
