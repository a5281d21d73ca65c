// SpillBuffer keeps what waits (the memo's claim blocks) in memory up to its limit and the
// rest in a temporary file: drain hands it all back in order, and the buffer is reused.
#include "report/spill_buffer.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <memory>
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

// Texts another thread left in its own file are named, not copied: they come out in their
// place between what was kept in memory and what was spilled, and their file stays open as
// long as the buffer names it.
TEST(SpillBuffer, TextsInOtherFilesComeOutInTheirPlace) {
  auto other = std::shared_ptr<std::FILE>(std::tmpfile(), std::fclose);
  ASSERT_TRUE(other);
  const std::string theirs =
      "AAAA"
      "BBBBBB"
      "CC";
  ASSERT_EQ(std::fwrite(theirs.data(), 1, theirs.size(), other.get()), theirs.size());
  ASSERT_EQ(std::fflush(other.get()), 0);
  const int fd = fileno(other.get());
  std::weak_ptr<std::FILE> watch = other;

  SpillBuffer b(8);
  b.append("one|");
  b.append(denial::TextInFile{fd, 0, 4, other});  // AAAA
  b.append(denial::TextInFile{fd, 4, 6, other});  // BBBBBB, continues the last piece
  b.append("two, long enough to spill|");
  b.append(denial::TextInFile{fd, 10, 2, other});  // CC
  b.append("three");
  other.reset();
  EXPECT_FALSE(watch.expired());  // the buffer keeps it open
  EXPECT_EQ(drained(b), "one|AAAABBBBBBtwo, long enough to spill|CCthree");
  EXPECT_TRUE(watch.expired());  // and lets it go once written
  b.append("again");
  EXPECT_EQ(drained(b), "again");
}

}  // namespace
