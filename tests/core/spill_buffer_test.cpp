// SpillBuffer keeps what waits (the memo's claim blocks) in memory up to its limit and the
// rest in a temporary file: drain hands it all back in order, and the buffer is reused.
#include "report/spill_buffer.h"

#include <gtest/gtest.h>

#include <string>

namespace {

using denial::detail::SpillBuffer;

std::string drained(SpillBuffer& b) {
  std::string all;
  b.drain([&](std::string_view chunk) { all.append(chunk); });
  return all;
}

TEST(SpillBuffer, HandsBackEverythingInOrderPastItsLimit) {
  SpillBuffer b(100);  // spills every ~100 bytes
  EXPECT_TRUE(b.empty());
  std::string expected;
  for (int i = 0; i < 20000; ++i) {  // ~200 KB, more than one read chunk of the file
    const std::string piece = "block " + std::to_string(i) + (i % 13 ? "\n" : "\n\n");
    b.append(piece);
    expected += piece;
  }
  EXPECT_FALSE(b.empty());
  EXPECT_EQ(drained(b), expected);
  EXPECT_TRUE(b.empty());
  EXPECT_EQ(drained(b), "");
}

TEST(SpillBuffer, IsReusedAfterADrain) {
  SpillBuffer b(10);
  b.append("first part, long enough to spill, and longer than the second");
  b.append("+tail");
  EXPECT_EQ(drained(b), "first part, long enough to spill, and longer than the second+tail");
  // The temporary file was emptied: nothing of the first (longer) round comes back.
  b.append("second, also spilled past ten bytes");
  b.append("!");
  EXPECT_EQ(drained(b), "second, also spilled past ten bytes!");
}

TEST(SpillBuffer, BelowItsLimitStaysInMemory) {
  SpillBuffer b;  // the default limit
  b.append("a");
  b.append("b");
  EXPECT_EQ(drained(b), "ab");
}

}  // namespace
