// The reader's fast path (next(seg, elements): one pass finds the separators and the
// terminator) must read exactly what the general path (next(seg) then Elements) reads:
// the same segments, numbers, offsets, elements and diagnostics, for every input. Checked
// over every fixture, malformed file and sample, every prefix of a clean file and seeded
// random mutations that favour delimiter bytes, NUL, CR/LF and 'I'.
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "test_util.h"
#include "x12/segment_reader.h"

using denial::Diagnostic;
using denial::Diagnostics;
using denial::detail::Elements;
using denial::detail::RawSegment;
using denial::detail::SegmentReader;

namespace {

struct Reading {
  std::vector<std::string> lines;  // one per segment: number, offset, elements, truncation
  std::vector<std::string> diagnostics;
};

std::string describe(const RawSegment& s, const Elements& e) {
  std::string line = std::to_string(s.number) + "@" + std::to_string(s.offset) + ":";
  for (std::size_t i = 0; i < e.size(); ++i) {
    line += '[';
    line += e.at(i);
    line += ']';
  }
  if (e.truncated()) line += " truncated";
  return line;
}

std::string describe(const Diagnostic& d) {
  return std::to_string(static_cast<int>(d.code)) + " " + std::to_string(d.segment_no) + "@" +
         std::to_string(d.byte_offset) + " " + d.message;
}

Reading read_fused(std::string_view in) {
  Reading r;
  Diagnostics diags;
  SegmentReader reader(in, diags);
  RawSegment seg;
  Elements e;
  while (reader.next(seg, e)) r.lines.push_back(describe(seg, e));
  for (const auto& d : diags) r.diagnostics.push_back(describe(d));
  return r;
}

// The general path, written out: split afterwards, and name a NUL byte the way the reader
// promises to.
Reading read_general(std::string_view in) {
  Reading r;
  Diagnostics diags;
  SegmentReader reader(in, diags);
  RawSegment seg;
  while (reader.next(seg)) {
    Elements e(seg.text, reader.delimiters().element);
    r.lines.push_back(describe(seg, e));
    if (const void* nul = std::memchr(seg.text.data(), '\0', seg.text.size())) {
      std::size_t at = static_cast<std::size_t>(static_cast<const char*>(nul) - in.data());
      diags.push_back(
          {denial::Severity::warning, denial::Errc::bad_element, seg.number, at, "",
           "NUL byte (binary data) at byte " + std::to_string(at) + " inside the segment"});
    }
  }
  for (const auto& d : diags) r.diagnostics.push_back(describe(d));
  return r;
}

void expect_same(std::string_view in, const std::string& what) {
  Reading fused = read_fused(in), general = read_general(in);
  ASSERT_EQ(fused.lines.size(), general.lines.size()) << what;
  for (std::size_t i = 0; i < fused.lines.size(); ++i)
    ASSERT_EQ(fused.lines[i], general.lines[i]) << what << ", segment " << i + 1;
  EXPECT_EQ(fused.diagnostics, general.diagnostics) << what;
}

std::vector<std::filesystem::path> files_in(const std::string& dir) {
  std::vector<std::filesystem::path> out;
  if (!std::filesystem::is_directory(dir)) return out;
  for (const auto& f : std::filesystem::directory_iterator(dir))
    if (f.is_regular_file() && f.path().extension() != ".md" && f.path().extension() != ".csv")
      out.push_back(f.path());
  return out;
}

TEST(ReaderFastPath, SameAsGeneralPathOnEveryFixtureAndMalformedFile) {
  std::size_t files = 0;
  for (const std::string& dir :
       {std::string(DENIAL_TEST_DATA), std::string(DENIAL_TEST_DATA) + "/malformed"}) {
    for (const auto& path : files_in(dir)) {
      expect_same(denial_test::read_file(path.string()), path.filename().string());
      ++files;
    }
  }
  EXPECT_GT(files, 90u);
}

TEST(ReaderFastPath, SameAsGeneralPathOnEverySample) {
  DENIAL_REQUIRE_SAMPLES();
  for (const auto& path : files_in(denial_test::samples_dir()))
    expect_same(denial_test::read_file(path.string()), path.filename().string());
}

TEST(ReaderFastPath, SameAsGeneralPathOnEveryPrefix) {
  // Cut anywhere: mid-word, mid-terminator, inside the ISA.
  std::string clean = denial_test::fixture("denied_claim.835");
  for (std::size_t n = 0; n <= clean.size(); ++n)
    expect_same(std::string_view(clean).substr(0, n), "prefix " + std::to_string(n));
}

TEST(ReaderFastPath, SameAsGeneralPathUnderRandomMutations) {
  const std::string base = denial_test::fixture("denied_claim.835");
  const std::string lf = denial_test::fixture("newline_terminator.835");
  const char interesting[] = {'~',  '*', ':', '^', '\n', '\r',   ' ',    '\t',
                              '\0', 'I', 'S', 'A', '|',  '\x1a', '\xff', '\xc3'};
  std::mt19937 rng(835);
  for (int round = 0; round < 3000; ++round) {
    std::string text = round % 3 == 2 ? lf : base;
    int edits = 1 + static_cast<int>(rng() % 8);
    for (int k = 0; k < edits && !text.empty(); ++k) {
      std::size_t at = rng() % text.size();
      switch (rng() % 4) {
        case 0:
          text[at] = interesting[rng() % sizeof interesting];
          break;
        case 1:
          text.insert(at, 1, interesting[rng() % sizeof interesting]);
          break;
        case 2:
          text.erase(at, 1 + rng() % 3);
          break;
        default:
          text.insert(at, std::string(1 + rng() % 80, '*'));
          break;  // many elements
      }
    }
    expect_same(text, "mutation round " + std::to_string(round));
    if (HasFatalFailure()) return;
  }
}

TEST(ReaderFastPath, LongAndWideSegmentsTakeTheGeneralPathUnchanged) {
  std::string many(70, '*');
  std::string body = "CLP*A" + many + "~REF*" + std::string(5000, 'x') + "~LX*1~";
  expect_same(denial_test::envelope(body, 3), "70 elements, 5000-byte element");
}

}  // namespace
