// Stage 1: delimiters come from the ISA, layout between segments is not data, and every
// segment keeps its exact 1-based number and byte offset.
#include "x12/segment_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "test_util.h"

using denial::Diagnostics;
using denial::Errc;
using denial::detail::component;
using denial::detail::Elements;
using denial::detail::kMaxSegmentLength;
using denial::detail::RawSegment;
using denial::detail::SegmentReader;
using denial_test::fixture;

namespace {

struct Seg {
  std::string text;
  std::uint32_t number;
  std::uint64_t offset;
};

struct Read {
  std::vector<Seg> segs;
  denial::detail::Delimiters delims;  // as they stand after the last segment
  bool envelope = false;
};

Read read_all(std::string_view in, Diagnostics& d) {
  SegmentReader reader(in, d);
  Read out;
  RawSegment s;
  while (reader.next(s)) out.segs.push_back({std::string(s.text), s.number, s.offset});
  out.delims = reader.delimiters();
  out.envelope = reader.has_envelope();
  return out;
}
std::vector<Seg> read_all_segs(std::string_view in, Diagnostics& d) { return read_all(in, d).segs; }

// An oracle independent of the reader: segments are the runs between '~', CR and LF, with
// leading/trailing blanks trimmed. Valid for fixtures whose data never holds those bytes.
std::vector<Seg> naive_split(const std::string& in, std::size_t from) {
  std::vector<Seg> out;
  std::size_t i = from;
  while (i < in.size()) {
    while (i < in.size() &&
           (in[i] == '~' || in[i] == '\r' || in[i] == '\n' || in[i] == ' ' || in[i] == '\t'))
      ++i;
    if (i >= in.size()) break;
    std::size_t j = in.find_first_of("~\r\n", i);
    if (j == std::string::npos) j = in.size();
    std::size_t last = j;
    while (last > i && (in[last - 1] == ' ' || in[last - 1] == '\t')) --last;
    out.push_back({in.substr(i, last - i), static_cast<std::uint32_t>(out.size() + 1), i});
    i = j;
  }
  return out;
}

void expect_same_segments(const std::vector<Seg>& got, const std::vector<Seg>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].text, want[i].text) << "segment " << i + 1;
    EXPECT_EQ(got[i].number, want[i].number) << want[i].text;
    EXPECT_EQ(got[i].offset, want[i].offset) << want[i].text;
  }
}

// A fixed-width (106 byte) ISA with the given separators.
std::string isa(char e, char rep, const std::string& version, char comp, char term) {
  std::string s = "ISA";
  for (const std::string& f :
       std::vector<std::string>{"00", "          ", "00", "          ", "ZZ", "SENDER         ",
                                "ZZ", "RECEIVER       ", "260101", "1200", std::string(1, rep),
                                version, "000000001", "0", "P", std::string(1, comp)}) {
    s += e;
    s += f;
  }
  return s + term;
}

}  // namespace

TEST(SegmentReader, IsaIs106BytesInTheHelper) {
  EXPECT_EQ(isa('*', '^', "00501", ':', '~').size(), 106u);
}

TEST(SegmentReader, StandardDelimitersFromIsa) {
  Diagnostics d;
  std::string in = isa('*', '^', "00501", ':', '~') + "GS*HP*A*B~";
  auto rr = read_all(in, d);
  auto& segs = rr.segs;
  EXPECT_TRUE(rr.envelope);
  EXPECT_EQ(rr.delims.element, '*');
  EXPECT_EQ(rr.delims.component, ':');
  EXPECT_EQ(rr.delims.repetition, '^');
  EXPECT_EQ(rr.delims.segment, '~');
  ASSERT_EQ(segs.size(), 2u);
  EXPECT_EQ(segs[1].text, "GS*HP*A*B");
  EXPECT_TRUE(d.empty()) << denial_test::codes_of(d);
}

TEST(SegmentReader, PipeSeparatorFixture) {
  Diagnostics d;
  std::string in = fixture("pipe_separator.835");
  auto rr = read_all(in, d);
  auto& segs = rr.segs;
  EXPECT_EQ(rr.delims.element, '|');
  EXPECT_EQ(rr.delims.component, '^');
  EXPECT_EQ(rr.delims.repetition, '{');
  EXPECT_EQ(rr.delims.segment, '~');
  expect_same_segments(segs, naive_split(in, 0));
}

TEST(SegmentReader, PlusSeparator) {
  Diagnostics d;
  std::string in = isa('+', '^', "00501", ':', '~') + "GS+HP+A+B~ST+835+0001~";
  auto rr = read_all(in, d);
  auto& segs = rr.segs;
  EXPECT_EQ(rr.delims.element, '+');
  EXPECT_EQ(rr.delims.component, ':');
  EXPECT_EQ(rr.delims.segment, '~');
  ASSERT_EQ(segs.size(), 3u);
  Elements st(segs[2].text, rr.delims.element);
  EXPECT_EQ(st.id(), "ST");
  EXPECT_EQ(st.at(1), "835");
  EXPECT_EQ(st.at(2), "0001");
}

// ISA11 became the repetition separator in 00402; before that it is a standards id ('U').
TEST(SegmentReader, RepetitionSeparatorOnlyFrom00402) {
  struct Case {
    char isa11;
    const char* version;
    char expected;
  };
  for (Case c : {Case{'U', "00401", 0}, Case{'^', "00401", 0}, Case{'^', "00402", '^'},
                 Case{'^', "00501", '^'}, Case{'U', "00501", 0}, Case{'{', "00501", '{'}}) {
    Diagnostics d;
    std::string in = isa('*', c.isa11, c.version, ':', '~') + "GS*HP~";
    auto rr = read_all(in, d);
    EXPECT_EQ(rr.delims.repetition, c.expected) << c.isa11 << " " << c.version;
  }
  Diagnostics d;
  auto rr = read_all(fixture("version_4010.835"), d);
  EXPECT_EQ(rr.delims.repetition, 0);
}

TEST(SegmentReader, CrLfAfterTerminatorIsLayout) {
  for (const char* name : {"crlf_terminator.835", "cr_only.835"}) {
    Diagnostics d;
    std::string in = fixture(name);
    auto rr = read_all(in, d);
    auto& segs = rr.segs;
    EXPECT_EQ(rr.delims.segment, '~') << name;
    expect_same_segments(segs, naive_split(in, 0));
    for (const auto& s : segs) EXPECT_EQ(s.text.find_first_of("\r\n"), std::string::npos) << name;
  }
}

TEST(SegmentReader, LineFeedAsTerminator) {
  Diagnostics d;
  std::string in = fixture("newline_terminator.835");
  auto rr = read_all(in, d);
  auto& segs = rr.segs;
  EXPECT_EQ(rr.delims.segment, '\n');
  expect_same_segments(segs, naive_split(in, 0));
}

// The byte after ISA16 is CR: CR terminates and the LF that follows is layout.
TEST(SegmentReader, NewlineRightAfterIsa16) {
  Diagnostics d;
  std::string in = fixture("newline_after_isa16.835");
  auto rr = read_all(in, d);
  auto& segs = rr.segs;
  EXPECT_EQ(rr.delims.segment, '\r');
  EXPECT_EQ(rr.delims.component, ':');
  expect_same_segments(segs, naive_split(in, 0));
}

TEST(SegmentReader, BomAndTextBeforeIsaAreSkipped) {
  Diagnostics d;
  std::string in = fixture("bom_and_preamble.835");
  std::size_t isa_at = in.find("ISA*");
  ASSERT_NE(isa_at, std::string::npos);
  auto segs = read_all_segs(in, d);
  ASSERT_FALSE(segs.empty());
  EXPECT_EQ(segs[0].text.substr(0, 4), "ISA*");
  EXPECT_EQ(segs[0].number, 1u);
  EXPECT_EQ(segs[0].offset, isa_at);
  expect_same_segments(segs, naive_split(in, isa_at));
  // The skipped preamble is a note (not an error), placed after the BOM.
  const denial::Diagnostic* note = denial_test::first_code(d, Errc::unexpected_segment);
  ASSERT_NE(note, nullptr);
  EXPECT_EQ(note->severity, denial::Severity::info);
  EXPECT_EQ(note->byte_offset, 3u);
}

TEST(SegmentReader, BomAloneBeforeIsa) {
  Diagnostics d;
  std::string in = "\xEF\xBB\xBF" + isa('*', '^', "00501", ':', '~') + "GS*HP~";
  auto segs = read_all_segs(in, d);
  ASSERT_EQ(segs.size(), 2u);
  EXPECT_EQ(segs[0].offset, 3u);
  EXPECT_EQ(segs[1].offset, 3u + 106u);
  EXPECT_TRUE(d.empty()) << denial_test::codes_of(d);  // a BOM is not "text before the ISA"
}

TEST(SegmentReader, IndentedSegmentsOffsetsPointAtTheId) {
  Diagnostics d;
  std::string in = fixture("indented_segments.835");
  auto segs = read_all_segs(in, d);
  expect_same_segments(segs, naive_split(in, 0));
  for (const auto& s : segs) EXPECT_NE(in[s.offset], ' ') << s.text;
}

TEST(SegmentReader, IsaacInDataIsData) {
  Diagnostics d;
  std::string in = fixture("patient_isaac.835");
  auto rr = read_all(in, d);
  auto& segs = rr.segs;
  expect_same_segments(segs, naive_split(in, 0));
  int isa_count = 0;
  for (const auto& s : segs) isa_count += s.text.rfind("ISA*", 0) == 0;
  EXPECT_EQ(isa_count, 1);
  EXPECT_EQ(rr.delims.element, '*');
  EXPECT_EQ(rr.delims.segment, '~');
}

TEST(SegmentReader, IsaacLineBeforeTheRealIsa) {
  Diagnostics d;
  std::string head = "ISAAC NEWTON CLINIC REMITS\n";
  std::string in = head + isa('*', '^', "00501", ':', '~') + "GS*HP~";
  auto rr = read_all(in, d);
  auto& segs = rr.segs;
  ASSERT_EQ(segs.size(), 2u);
  EXPECT_EQ(segs[0].offset, head.size());
  EXPECT_EQ(rr.delims.element, '*');
}

TEST(SegmentReader, SeveralIsaWithDifferentDelimiters) {
  Diagnostics d;
  std::string in = fixture("several_isa.835");
  auto rr = read_all(in, d);
  auto& segs = rr.segs;
  expect_same_segments(segs, naive_split(in, 0));
  // The reader ends inside the second interchange: '|' '>' '{' and LF.
  EXPECT_EQ(rr.delims.element, '|');
  EXPECT_EQ(rr.delims.component, '>');
  EXPECT_EQ(rr.delims.repetition, '{');
  EXPECT_EQ(rr.delims.segment, '\n');
}

TEST(SegmentReader, DelimitersSwitchAtTheSecondIsaNotBefore) {
  Diagnostics d;
  std::string first = isa('*', '^', "00501", ':', '~') + "IEA*1*000000001~";
  std::string second = isa('|', '{', "00501", '>', '!') + "GS|HP|X!";
  std::string in = first + second;  // the reader keeps a view: the bytes must outlive it
  SegmentReader r(in, d);
  RawSegment s;
  ASSERT_TRUE(r.next(s));
  ASSERT_TRUE(r.next(s));
  EXPECT_EQ(s.text, "IEA*1*000000001");
  EXPECT_EQ(r.delimiters().element, '*');
  ASSERT_TRUE(r.next(s));
  EXPECT_EQ(s.offset, first.size());
  EXPECT_EQ(r.delimiters().element, '|');
  EXPECT_EQ(r.delimiters().segment, '!');
  ASSERT_TRUE(r.next(s));
  EXPECT_EQ(s.text, "GS|HP|X");
  EXPECT_EQ(s.number, 4u);
}

TEST(SegmentReader, StOnlyFileHasNoEnvelope) {
  Diagnostics d;
  std::string in = fixture("st_only_no_envelope.835");
  auto rr = read_all(in, d);
  auto& segs = rr.segs;
  EXPECT_FALSE(rr.envelope);
  EXPECT_EQ(rr.delims.element, '*');
  EXPECT_EQ(rr.delims.component, ':');
  EXPECT_EQ(rr.delims.segment, '~');
  EXPECT_EQ(denial_test::count_code(d, Errc::no_envelope), 1u);
  expect_same_segments(segs, naive_split(in, 0));
}

TEST(SegmentReader, StOnlyWithLineFeedTerminator) {
  Diagnostics d;
  std::string in = "ST*835*0001\nBPR*I*10*C*ACH\nSE*3*0001\n";
  auto rr = read_all(in, d);
  auto& segs = rr.segs;
  EXPECT_FALSE(rr.envelope);
  EXPECT_EQ(rr.delims.segment, '\n');
  ASSERT_EQ(segs.size(), 3u);
  EXPECT_EQ(segs[1].text, "BPR*I*10*C*ACH");
  EXPECT_EQ(segs[1].offset, 12u);
  EXPECT_TRUE(denial_test::has_code(d, Errc::no_envelope));
}

TEST(SegmentReader, NothingX12YieldsNoSegments) {
  for (std::string in : {std::string(), std::string("hello world\nthis is not a remittance\n")}) {
    Diagnostics d;
    auto segs = read_all_segs(in, d);
    EXPECT_TRUE(segs.empty()) << in;
  }
}

TEST(SegmentReader, SegmentNumbersAndOffsetsAreExact) {
  Diagnostics d;
  std::string h = isa('*', '^', "00501", ':', '~');
  // Empty segments ("~~") and blank lines are layout and take no number.
  std::string in = h + "\r\nGS*HP~~\n  ST*835*1~\tBPR*I*1~";
  auto segs = read_all_segs(in, d);
  ASSERT_EQ(segs.size(), 4u);
  EXPECT_EQ(segs[0].offset, 0u);
  EXPECT_EQ(segs[1].text, "GS*HP");
  EXPECT_EQ(segs[1].number, 2u);
  EXPECT_EQ(segs[1].offset, 108u);
  EXPECT_EQ(segs[2].text, "ST*835*1");
  EXPECT_EQ(segs[2].number, 3u);
  EXPECT_EQ(segs[2].offset, 108u + 6 + 1 + 1 + 2);
  EXPECT_EQ(segs[3].text, "BPR*I*1");
  EXPECT_EQ(segs[3].number, 4u);
  EXPECT_EQ(segs[3].offset, in.find("BPR"));
}

TEST(SegmentReader, LastSegmentWithoutTerminator) {
  Diagnostics d;
  std::string in = isa('*', '^', "00501", ':', '~') + "GS*HP~DTM*472*2025";
  auto segs = read_all_segs(in, d);
  ASSERT_EQ(segs.size(), 3u);
  EXPECT_EQ(segs[2].text, "DTM*472*2025");
  EXPECT_EQ(segs[2].offset, in.size() - 12);
}

TEST(SegmentReader, SegmentTooLongIsReportedAndSkipped) {
  Diagnostics d;
  std::string h = isa('*', '^', "00501", ':', '~');
  std::string big = "NTE*" + std::string(kMaxSegmentLength + 10, 'A');
  std::string in = h + "GS*HP~" + big + "~ST*835*1~";
  auto segs = read_all_segs(in, d);
  ASSERT_EQ(segs.size(), 3u);  // ISA, GS, ST: the long one is skipped
  EXPECT_EQ(segs[2].text, "ST*835*1");
  EXPECT_EQ(segs[2].number, 4u);  // the skipped segment still took number 3
  const denial::Diagnostic* tl = denial_test::first_code(d, Errc::segment_too_long);
  ASSERT_NE(tl, nullptr);
  EXPECT_EQ(tl->severity, denial::Severity::error);
  EXPECT_EQ(tl->segment_no, 3u);
  EXPECT_EQ(tl->byte_offset, h.size() + 6);
}

TEST(SegmentReader, SegmentAtTheLimitIsKept) {
  Diagnostics d;
  std::string h = isa('*', '^', "00501", ':', '~');
  std::string big = "NTE*" + std::string(kMaxSegmentLength - 4, 'A');
  ASSERT_EQ(big.size(), kMaxSegmentLength);
  auto segs = read_all_segs(h + big + "~", d);
  ASSERT_EQ(segs.size(), 2u);
  EXPECT_EQ(segs[1].text.size(), kMaxSegmentLength);
  EXPECT_FALSE(denial_test::has_code(d, Errc::segment_too_long));
}

TEST(Elements, PositionsAreX12Numbers) {
  Elements e("CLP*A1*1**5*", '*');
  EXPECT_EQ(e.id(), "CLP");
  EXPECT_EQ(e.size(), 6u);  // id + 5 elements, the last empty
  EXPECT_EQ(e.at(1), "A1");
  EXPECT_EQ(e.at(2), "1");
  EXPECT_EQ(e.at(3), "");
  EXPECT_EQ(e.at(4), "5");
  EXPECT_EQ(e.at(5), "");
  EXPECT_EQ(e.at(40), "");  // absent = empty
  EXPECT_FALSE(e.truncated());
}

TEST(Elements, IdOnlySegment) {
  Elements e("LX", '*');
  EXPECT_EQ(e.id(), "LX");
  EXPECT_EQ(e.size(), 1u);
  EXPECT_EQ(e.at(1), "");
}

TEST(Elements, MoreThanSixtyThreeElementsAreTruncated) {
  std::string ok = "NTE";
  for (int i = 1; i <= 63; ++i) ok += "*" + std::to_string(i);
  Elements a(ok, '*');
  EXPECT_FALSE(a.truncated());
  EXPECT_EQ(a.size(), Elements::kMax);
  EXPECT_EQ(a.at(63), "63");

  std::string more = ok + "*64";  // Elements keeps views into it
  Elements b(more, '*');
  EXPECT_TRUE(b.truncated());
  EXPECT_EQ(b.size(), Elements::kMax);
  EXPECT_EQ(b.at(63), "63");
}

TEST(Component, SplitsComposites) {
  EXPECT_EQ(component("HC:99213:25:59", ':', 0), "HC");
  EXPECT_EQ(component("HC:99213:25:59", ':', 1), "99213");
  EXPECT_EQ(component("HC:99213:25:59", ':', 3), "59");
  EXPECT_EQ(component("HC:99213:25:59", ':', 4), "");
  EXPECT_EQ(component("WO", ':', 0), "WO");
  EXPECT_EQ(component("WO", ':', 1), "");
  EXPECT_EQ(component("HC::25", ':', 1), "");
  EXPECT_EQ(component("HC::25", ':', 2), "25");
  EXPECT_EQ(component("", ':', 0), "");
  EXPECT_EQ(component("HC^99213", '^', 1), "99213");
}
