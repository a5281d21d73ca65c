// The CLI's spool gives back, in order, every text appended in batches: texts longer than
// its read piece, empty ones, and reads that straddle pieces.
#include "spool.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using denial_cli::Spool;

TEST(Spool, GivesBackEveryTextInOrder) {
  Spool spool;
  std::vector<std::string> texts;
  for (int i = 0; i < 3000; ++i)  // ~100 bytes to ~3 KB: many texts straddle a 256 KB piece
    texts.push_back(std::string(100 + (i * 37) % 3000, static_cast<char>('a' + i % 26)) +
                    std::to_string(i));
  texts.push_back(std::string(700000, 'L'));  // longer than a piece
  texts.push_back("");
  texts.push_back("after the long one");
  std::size_t next = 0, read_so_far = 0;
  // Appended 64 at a time (a batch), read back as the writer would: after each append.
  while (next < texts.size()) {
    std::vector<std::string_view> batch;
    for (std::size_t k = 0; k < 64 && next < texts.size(); ++k) batch.push_back(texts[next++]);
    ASSERT_TRUE(spool.append(batch));
    for (; read_so_far < next; ++read_so_far) {
      std::string out = "stale";
      ASSERT_TRUE(spool.read(texts[read_so_far].size(), out)) << read_so_far;
      ASSERT_EQ(out, texts[read_so_far]) << read_so_far;
    }
  }
  std::string out;
  EXPECT_FALSE(spool.read(1, out));  // nothing more was appended
}

TEST(Spool, ReadsBackLaterThanItWrites) {
  Spool spool;
  std::vector<std::string> texts = {"one", std::string(300000, 'x'), "three", "", "five"};
  ASSERT_TRUE(spool.append({texts[0]}));
  ASSERT_TRUE(spool.append({texts[1], texts[2]}));
  ASSERT_TRUE(spool.append({texts[3], texts[4]}));  // a batch that starts with an empty text
  for (const std::string& t : texts) {
    std::string out;
    ASSERT_TRUE(spool.read(t.size(), out));
    EXPECT_EQ(out, t);
  }
}

}  // namespace
