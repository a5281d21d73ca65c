// Stage 2 placement: every segment lands in the loop the TR3 puts it in, missing loops are
// opened implicitly (so no claim is lost) and misplaced or unknown segments are reported.
#include "era835/walker.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "denial/parse.h"
#include "era835/spec_835.h"
#include "test_util.h"

using denial::Diagnostics;
using denial::Errc;
using namespace denial::detail;

namespace {

struct Placed {
  std::string segment;
  std::string loop;  // "" = skipped
  bool starts = false, closes = false;
  std::string path;  // after placement
};

// Feeds '~'-separated segments with '*' elements; numbers are 1-based, offsets made up (10 per
// segment) so diagnostics can be matched to the segment that caused them.
struct Walk {
  Diagnostics diags;
  std::vector<Placed> placed;

  explicit Walk(const std::string& text, bool envelope_reported = false) {
    Walker w(diags);
    if (envelope_reported) w.envelope_reported();
    std::size_t start = 0;
    std::uint32_t n = 0;
    while (start < text.size()) {
      std::size_t end = text.find('~', start);
      if (end == std::string::npos) end = text.size();
      std::string_view seg = std::string_view(text).substr(start, end - start);
      start = end + 1;
      ++n;
      Elements e(seg, '*');
      RawSegment raw{seg, n, 10ull * n};
      Placement p = w.place(e, raw);
      placed.push_back({std::string(e.id()),
                        p.loop >= 0 ? std::string(loops_begin()[p.loop].id) : "", p.starts_loop,
                        p.closes_loop, w.path()});
    }
  }
  const Placed& at(std::size_t segment_no) const { return placed.at(segment_no - 1); }
};

const std::string kHead =
    "ISA*00*x*00*x*ZZ*S*ZZ*R*260101*1200*^*00501*1*0*P*:~GS*HP*S*R*20260101*1200*1*X*005010X221A1~"
    "ST*835*0001~BPR*I*10*C*ACH~TRN*1*T1*1~REF*EV*X~DTM*405*20260101~N1*PR*PAYER~N3*ST~N4*C*S*Z~"
    "PER*BL*EDI~N1*PE*CLINIC*XX*1~REF*TJ*9~";  // 13 segments

}  // namespace

TEST(Walker, PlacesAFullRemit) {
  Walk w(kHead +  // segments 14 to 26
         "LX*1~CLP*A*1*10*10~CAS*CO*45*0~NM1*QC*1*DOE~"
         "SVC*HC:99213*10*10~DTM*472*20260101~CAS*CO*45*0~LQ*HE*N1~"
         "CLP*B*1*5*5~PLB*1*20261231*L6*1~SE*23*0001~GE*1*1~IEA*1*1");
  struct Want {
    std::size_t n;
    const char *loop, *path;
    bool starts;
  };
  for (Want x :
       {Want{1, "ISA", "/ISA", true}, Want{2, "GS", "/ISA/GS", true},
        Want{3, "ST", "/ISA/GS/ST", true}, Want{4, "ST", "/ISA/GS/ST", false},
        Want{6, "ST", "/ISA/GS/ST", false}, Want{8, "1000A", "/ISA/GS/ST/1000A", true},
        Want{11, "1000A", "/ISA/GS/ST/1000A", false}, Want{12, "1000B", "/ISA/GS/ST/1000B", true},
        Want{13, "1000B", "/ISA/GS/ST/1000B", false}, Want{14, "2000", "/ISA/GS/ST/2000", true},
        Want{15, "2100", "/ISA/GS/ST/2000/2100", true},
        Want{16, "2100", "/ISA/GS/ST/2000/2100", false},
        Want{17, "2100", "/ISA/GS/ST/2000/2100", false},
        Want{18, "2110", "/ISA/GS/ST/2000/2100/2110", true},
        Want{19, "2110", "/ISA/GS/ST/2000/2100/2110", false},
        // CAS after SVC is the line's CAS, not the claim's: innermost loop first.
        Want{20, "2110", "/ISA/GS/ST/2000/2100/2110", false},
        Want{21, "2110", "/ISA/GS/ST/2000/2100/2110", false},
        // The next CLP is a sibling 2100 under the same 2000.
        Want{22, "2100", "/ISA/GS/ST/2000/2100", true}, Want{23, "ST", "/ISA/GS/ST", false}}) {
    const Placed& p = w.at(x.n);
    EXPECT_EQ(p.loop, x.loop) << "segment " << x.n << " " << p.segment;
    EXPECT_EQ(p.path, x.path) << "segment " << x.n << " " << p.segment;
    EXPECT_EQ(p.starts, x.starts) << "segment " << x.n << " " << p.segment;
  }
  // Trailers close their loop.
  EXPECT_EQ(w.at(24).loop, "ST");
  EXPECT_TRUE(w.at(24).closes);
  EXPECT_EQ(w.at(24).path, "/ISA/GS");
  EXPECT_TRUE(w.at(25).closes);
  EXPECT_EQ(w.at(25).path, "/ISA");
  EXPECT_TRUE(w.at(26).closes);
  EXPECT_EQ(w.at(26).path, "/");
  EXPECT_TRUE(w.diags.empty()) << denial_test::codes_of(w.diags);
}

TEST(Walker, ClpWithoutLxOpens2000Implicitly) {
  Walk w(kHead + "CLP*A*1*10*10~SVC*HC:1*10*10");
  EXPECT_EQ(w.at(14).loop, "2100");
  EXPECT_TRUE(w.at(14).starts);
  EXPECT_EQ(w.at(14).path, "/ISA/GS/ST/2000/2100");
  EXPECT_EQ(w.at(15).loop, "2110");
  ASSERT_EQ(w.diags.size(), 1u) << denial_test::codes_of(w.diags);
  EXPECT_EQ(w.diags[0].code, Errc::missing_segment);
  EXPECT_EQ(w.diags[0].severity, denial::Severity::warning);
  EXPECT_EQ(w.diags[0].segment_no, 14u);
  EXPECT_EQ(w.diags[0].byte_offset, 140u);
}

TEST(Walker, SecondClpWithoutLxStaysInTheImplicit2000) {
  Walk w(kHead + "CLP*A*1*10*10~CLP*B*1*5*5");
  EXPECT_EQ(w.at(15).path, "/ISA/GS/ST/2000/2100");
  EXPECT_EQ(denial_test::count_code(w.diags, Errc::missing_segment),
            1u);  // said once, not per claim
}

TEST(Walker, UnknownSegmentIsSkipped) {
  Walk w(kHead + "LX*1~CLP*A*1*10*10~ZZZ*1~NTE*note~CAS*CO*45*0");
  EXPECT_EQ(w.at(16).loop, "");
  EXPECT_EQ(w.at(17).loop, "");
  ASSERT_EQ(denial_test::count_code(w.diags, Errc::unknown_segment), 2u)
      << denial_test::codes_of(w.diags);
  EXPECT_EQ(w.diags[0].segment_no, 16u);
  EXPECT_EQ(w.diags[0].byte_offset, 160u);
  EXPECT_EQ(w.diags[0].path, "/ISA/GS/ST/2000/2100");
  // Skipping does not close the claim: the CAS that follows is still the claim's.
  EXPECT_EQ(w.at(18).loop, "2100");
}

TEST(Walker, KnownSegmentOutOfPlaceIsUnexpected) {
  // LQ before any SVC (2110 only) and MOA in the payer loop (2100 only).
  Walk w(kHead + "LX*1~CLP*A*1*10*10~LQ*HE*N1");
  EXPECT_EQ(w.at(16).loop, "");
  ASSERT_EQ(w.diags.size(), 1u) << denial_test::codes_of(w.diags);
  EXPECT_EQ(w.diags[0].code, Errc::unexpected_segment);
  EXPECT_EQ(w.diags[0].segment_no, 16u);

  Walk m(kHead.substr(0, kHead.find("N3")) + "MOA***MA130");
  EXPECT_EQ(m.placed.back().loop, "");
  EXPECT_TRUE(denial_test::has_code(m.diags, Errc::unexpected_segment));
  EXPECT_FALSE(denial_test::has_code(m.diags, Errc::unknown_segment));
}

TEST(Walker, SegmentAfterSeIsUnexpected) {
  Walk w(kHead + "SE*15*0001~TRN*1*X*1");
  EXPECT_EQ(w.at(15).loop, "");
  EXPECT_EQ(denial_test::count_code(w.diags, Errc::unexpected_segment), 1u)
      << denial_test::codes_of(w.diags);
}

// A BPR with no ST open starts a transaction whose ST is missing: its payment is kept.
TEST(Walker, BprWithoutStOpensTheTransaction) {
  Walk w(kHead + "SE*15*0001~BPR*I*1*C*ACH~TRN*1*X*1");
  EXPECT_EQ(w.at(15).loop, "ST");
  EXPECT_EQ(w.at(15).path, "/ISA/GS/ST");
  EXPECT_EQ(w.at(16).loop, "ST");
  EXPECT_EQ(denial_test::count_code(w.diags, Errc::missing_segment), 1u)
      << denial_test::codes_of(w.diags);
  EXPECT_FALSE(denial_test::has_code(w.diags, Errc::unexpected_segment));
}

TEST(Walker, PlbAfterClaimsClosesTheClaim) {
  Walk w(kHead + "LX*1~CLP*A*1*10*10~SVC*HC:1*10*10~PLB*1*20261231*WO:X*5~CAS*CO*45*1");
  EXPECT_EQ(w.at(17).loop, "ST");
  EXPECT_EQ(w.at(17).path, "/ISA/GS/ST");
  // A CAS after the PLB has no claim to belong to.
  EXPECT_EQ(w.at(18).loop, "");
  EXPECT_TRUE(denial_test::has_code(w.diags, Errc::unexpected_segment));
}

TEST(Walker, StWithoutEnvelope) {
  Walk w("ST*835*1~BPR*I*1*C*ACH~SE*3*1");
  EXPECT_EQ(w.at(1).loop, "ST");
  EXPECT_EQ(w.at(1).path, "/ISA/GS/ST");
  EXPECT_EQ(w.at(2).loop, "ST");
  EXPECT_EQ(denial_test::count_code(w.diags, Errc::no_envelope), 1u);

  // When the reader already said so, the walker does not repeat it.
  Walk quiet("ST*835*1~BPR*I*1*C*ACH~SE*3*1", /*envelope_reported=*/true);
  EXPECT_EQ(quiet.at(1).loop, "ST");
  EXPECT_TRUE(quiet.diags.empty()) << denial_test::codes_of(quiet.diags);
}

TEST(Walker, N1WithOtherQualifierDoesNotOpenAPartyLoop) {
  Walk w(kHead.substr(0, kHead.find("N1*PR")) + "N1*ZZ*SOMEONE");
  EXPECT_EQ(w.placed.back().loop, "");
  EXPECT_TRUE(denial_test::has_code(w.diags, Errc::unexpected_segment));
}

TEST(Walker, SecondTransactionInTheSameGroup) {
  Walk w(kHead + "LX*1~CLP*A*1*1*1~SE*16*0001~ST*835*0002~BPR*I*1*C*ACH");
  EXPECT_EQ(w.at(17).loop, "ST");
  EXPECT_TRUE(w.at(17).starts);
  EXPECT_EQ(w.at(17).path, "/ISA/GS/ST");
  EXPECT_EQ(w.at(18).path, "/ISA/GS/ST");
  EXPECT_TRUE(w.diags.empty()) << denial_test::codes_of(w.diags);
}

// Through parse_835: the claim before a PLB ends at its last segment and the PLB is kept.
TEST(Walker, PlbClosesTheClaimInTheModel) {
  denial::ParseResult r = denial::parse_835(denial_test::fixture("plb_netting.835"));
  ASSERT_EQ(r.era.transactions.size(), 1u);
  const auto& tx = r.era.transactions[0];
  ASSERT_EQ(tx.claims.size(), 2u);
  EXPECT_EQ(tx.claims[1].lines.size(), 2u);
  ASSERT_EQ(tx.provider_adjustments.size(), 2u);
  EXPECT_LT(tx.claims[1].last_segment_no, tx.provider_adjustments[0].pos.segment_no);
  EXPECT_EQ(tx.claims[1].last_segment_no + 1, tx.provider_adjustments[0].pos.segment_no);
}

namespace {

// Placements of every segment of `text` (read with the real reader) by one walker.
std::vector<std::string> placements(std::string_view text, bool use_table,
                                    std::vector<std::string>& diag_lines) {
  Diagnostics reader_diags, diags;
  SegmentReader reader(text, reader_diags);
  Walker w(diags, use_table);
  if (!reader.has_envelope()) w.envelope_reported();
  std::vector<std::string> out;
  RawSegment seg;
  Elements e;
  while (reader.next(seg, e)) {
    Placement p = w.place(e, seg);
    out.push_back(std::to_string(seg.number) + " " + std::to_string(p.loop) + " " +
                  std::to_string(p.starts_loop) + std::to_string(p.closes_loop) + " " +
                  std::to_string(p.segment) + " " + w.path());
  }
  for (const auto& d : diags)
    diag_lines.push_back(std::to_string(d.segment_no) + " " + d.path + " " + d.message);
  return out;
}

void expect_table_matches_rules(std::string_view text, const std::string& what) {
  std::vector<std::string> table_diags, rule_diags;
  EXPECT_EQ(placements(text, true, table_diags), placements(text, false, rule_diags)) << what;
  EXPECT_EQ(table_diags, rule_diags) << what;
}

}  // namespace

// The walker's table (innermost loop x segment id) is derived from the rules; placing by
// it must give what the rules give, stack and diagnostics included, for any input.
TEST(WalkerTable, PlacesLikeTheRulesOnEveryFixtureSampleAndMutation) {
  std::vector<std::string> dirs = {DENIAL_TEST_DATA, std::string(DENIAL_TEST_DATA) + "/malformed"};
  DENIAL_REQUIRE_SAMPLES();
  dirs.push_back(denial_test::samples_dir());
  std::size_t files = 0;
  for (const auto& dir : dirs) {
    for (const auto& f : std::filesystem::directory_iterator(dir)) {
      if (!f.is_regular_file() || f.path().extension() == ".md" || f.path().extension() == ".csv")
        continue;
      expect_table_matches_rules(denial_test::read_file(f.path().string()), f.path().string());
      ++files;
    }
  }
  EXPECT_GT(files, 90u);
  // Segments shuffled, dropped and repeated: every (open loops, segment) pair the 835 table
  // knows shows up somewhere, in and out of order.
  const std::string base = denial_test::fixture("denied_claim.835");
  std::vector<std::string> segs;
  for (std::size_t at = 0; at < base.size();) {
    std::size_t end = base.find('~', at);
    if (end == std::string::npos) break;
    segs.push_back(base.substr(at, end - at + 1));
    at = end + 1;
  }
  std::mt19937 rng(2110);
  for (int round = 0; round < 2000; ++round) {
    std::string text = segs.front();  // keep the ISA: the delimiters
    for (std::size_t n = rng() % 40; n > 0; --n) text += segs[1 + rng() % (segs.size() - 1)];
    expect_table_matches_rules(text, "round " + std::to_string(round));
    if (HasFailure()) return;
  }
}
