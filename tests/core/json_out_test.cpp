// Out appends after what its string holds, grows past any room it started with, and leaves
// the string exactly as long as what was written.
#include "report/json_out.h"

#include <gtest/gtest.h>

#include <string>

namespace {

using denial::detail::Out;

TEST(JsonOut, AppendsAfterTheTextAndGrows) {
  std::string s = "head:";
  std::string expected = s;
  {
    Out o(s);
    for (int i = 0; i < 5000; ++i) {
      const std::string piece = std::to_string(i) + (i % 7 ? "," : std::string(300, 'x'));
      o += piece;
      o += ';';
      expected += piece;
      expected += ';';
    }
    EXPECT_EQ(o.size(), expected.size());
  }
  EXPECT_EQ(s, expected);
}

TEST(JsonOut, TruncateDropsWhatCameAfter) {
  std::string s = "keep";
  {
    Out o(s);
    o += "-gone";
    o.truncate(4);
    o += "+kept";
  }
  EXPECT_EQ(s, "keep+kept");
}

TEST(JsonOut, NothingWrittenLeavesTheStringAsItWas) {
  std::string s(1000, 'a');
  s.resize(10);  // capacity beyond its size: never shows
  { Out o(s); }
  EXPECT_EQ(s, std::string(10, 'a'));
}

}  // namespace
