// The 277CA and 999 loop/segment tables tested as data, as the 835's (spec_835_test), and the
// one walker placing real 277CA / 999 segments with them.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "ack/spec_277ca.h"
#include "era835/spec_835.h"
#include "era835/walker.h"

using namespace denial::detail;

namespace {

std::set<std::string> codes(std::string_view list) {
  std::set<std::string> out;
  while (!list.empty()) {
    std::size_t comma = list.find(',');
    out.insert(std::string(list.substr(0, comma)));
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return out;
}

const SegmentSpec* row(const Spec& s, std::string_view loop, std::string_view id) {
  for (const SegmentSpec* r = s.segments_begin(); r != s.segments_end(); ++r)
    if (r->loop == loop && r->id == id) return r;
  return nullptr;
}

bool is_envelope_loop(std::string_view id) { return id == "ISA" || id == "GS" || id == "ST"; }

class SpecAck : public ::testing::TestWithParam<const Spec*> {};

}  // namespace

TEST_P(SpecAck, OneRootParentsExistNoCycles) {
  const Spec& s = *GetParam();
  int roots = 0;
  std::set<std::string_view> ids;
  for (const LoopSpec* l = s.loops_begin(); l != s.loops_end(); ++l) {
    EXPECT_TRUE(ids.insert(l->id).second) << "duplicate loop " << l->id;
    if (l->parent.empty()) {
      ++roots;
      continue;
    }
    EXPECT_GE(s.find_loop(l->parent), 0) << l->id;
    int steps = 0;
    for (int p = s.find_loop(l->parent); p >= 0; p = s.find_loop(s.loops[p].parent))
      ASSERT_LE(++steps, static_cast<int>(s.loop_count)) << "cycle through " << l->id;
  }
  EXPECT_EQ(roots, 1);
}

// Siblings (or a child and its parent) may share a trigger only when a qualifier tells
// them apart (the 277CA's HL levels: HL03 20, 21, 19, PT).
TEST_P(SpecAck, SharedTriggersAreToldApartByQualifier) {
  const Spec& s = *GetParam();
  for (const LoopSpec* a = s.loops_begin(); a != s.loops_end(); ++a) {
    for (const LoopSpec* b = a + 1; b != s.loops_end(); ++b) {
      if (a->trigger != b->trigger) continue;
      bool related = a->parent == b->parent || a->parent == b->id || b->parent == a->id;
      if (!related) continue;
      ASSERT_GT(a->qualifier_pos, 0) << a->id << " / " << b->id;
      ASSERT_EQ(a->qualifier_pos, b->qualifier_pos) << a->id << " / " << b->id;
      for (const auto& c : codes(a->qualifier_codes))
        EXPECT_EQ(codes(b->qualifier_codes).count(c), 0u) << a->id << " / " << b->id << " " << c;
    }
  }
}

TEST_P(SpecAck, RowsNameRealLoopsAndTriggersAreRequiredRows) {
  const Spec& s = *GetParam();
  std::set<std::pair<std::string_view, std::string_view>> seen;
  for (const SegmentSpec* r = s.segments_begin(); r != s.segments_end(); ++r) {
    EXPECT_GE(s.find_loop(r->loop), 0) << r->id << " names unknown loop " << r->loop;
    EXPECT_TRUE(seen.insert({r->loop, r->id}).second) << r->loop << "/" << r->id;
    EXPECT_TRUE(r->max_use == kUnbounded || r->max_use >= 1) << r->loop << "/" << r->id;
  }
  for (const LoopSpec* l = s.loops_begin(); l != s.loops_end(); ++l) {
    const SegmentSpec* t = row(s, l->id, l->trigger);
    ASSERT_NE(t, nullptr) << l->id;
    EXPECT_EQ(t->usage, Usage::required) << l->id;
    EXPECT_EQ(t->max_use, 1) << l->id;
    int closing = 0;
    for (const SegmentSpec* r = s.segments_begin(); r != s.segments_end(); ++r)
      closing += r->loop == l->id && r->closes_loop;
    EXPECT_EQ(closing, is_envelope_loop(l->id) ? 1 : 0) << l->id;
    // An unqualified child trigger that were also a plain row of its parent is ambiguous.
    if (!l->parent.empty() && l->qualifier_pos == 0)
      EXPECT_EQ(row(s, l->parent, l->trigger), nullptr) << l->id;
  }
}

INSTANTIATE_TEST_SUITE_P(Tables, SpecAck, ::testing::Values(&spec_277ca(), &spec_999()),
                         [](const auto& info) {
                           return std::string(info.param->transaction == "277" ? "X214_277CA"
                                                                               : "X231A1_999");
                         });

TEST(SpecAck, TheTr3LoopTrees) {
  struct Want {
    const char *id, *parent, *trigger, *qualifier;
  };
  const Spec& s = spec_277ca();
  for (Want w : {Want{"2000A", "ST", "HL", "20"}, Want{"2100A", "2000A", "NM1", ""},
                 Want{"2200A", "2000A", "TRN", ""}, Want{"2000B", "2000A", "HL", "21"},
                 Want{"2200B", "2000B", "TRN", ""}, Want{"2000C", "2000B", "HL", "19"},
                 Want{"2000D", "2000C", "HL", "PT"}, Want{"2200D", "2000D", "TRN", ""},
                 Want{"2220D", "2200D", "SVC", ""}}) {
    int i = s.find_loop(w.id);
    ASSERT_GE(i, 0) << w.id;
    EXPECT_EQ(s.loops[i].parent, w.parent) << w.id;
    EXPECT_EQ(s.loops[i].trigger, w.trigger) << w.id;
    EXPECT_EQ(s.loops[i].qualifier_codes, w.qualifier) << w.id;
  }
  const Spec& n = spec_999();
  for (Want w : {Want{"2000", "ST", "AK2", ""}, Want{"2100", "2000", "IK3", ""},
                 Want{"2110", "2100", "IK4", ""}}) {
    int i = n.find_loop(w.id);
    ASSERT_GE(i, 0) << w.id;
    EXPECT_EQ(n.loops[i].parent, w.parent) << w.id;
    EXPECT_EQ(n.loops[i].trigger, w.trigger) << w.id;
  }
  EXPECT_NE(row(s, "2200D", "STC"), nullptr);
  EXPECT_NE(row(s, "2220D", "STC"), nullptr);
  EXPECT_NE(row(n, "2100", "CTX"), nullptr);
  EXPECT_NE(row(n, "2110", "CTX"), nullptr);
  EXPECT_NE(row(n, "ST", "AK9"), nullptr);
  EXPECT_FALSE(s.is_known_segment("CLP"));
  EXPECT_FALSE(n.is_known_segment("STC"));
}

namespace {

std::vector<std::string> walk(const Spec& spec, const std::string& text,
                              denial::Diagnostics& diags) {
  Walker w(diags, spec);
  std::vector<std::string> out;
  std::size_t start = 0;
  std::uint32_t n = 0;
  while (start < text.size()) {
    std::size_t end = text.find('~', start);
    if (end == std::string::npos) end = text.size();
    std::string_view seg = std::string_view(text).substr(start, end - start);
    start = end + 1;
    Elements e(seg, '*');
    RawSegment raw{seg, ++n, 10ull * n};
    Placement p = w.place(e, raw);
    out.push_back(std::string(e.id()) + "@" +
                  (p.loop >= 0 ? std::string(spec.loops[p.loop].id) : "-"));
  }
  return out;
}

}  // namespace

// Nine loops deep (ISA/GS/ST/2000A-D/2200D/2220D), a second claim under the same patient,
// a second provider, and back up to the trailers.
TEST(SpecAck, WalkerPlacesThe277caHierarchy) {
  denial::Diagnostics diags;
  auto placed = walk(spec_277ca(),
                     "ISA*x~GS*HN~ST*277*1~BHT*0085~HL*1**20*1~NM1*PR~TRN*1*T~DTP*050~"
                     "HL*2*1*21*1~NM1*41~TRN*2*R~STC*A1:19~QTY*90*1~HL*3*2*19*1~NM1*85~"
                     "HL*4*3*PT~NM1*QC~TRN*2*C1~STC*A3:21:82~SVC*HC:1*5~STC*A3:122~REF*FJ*1~"
                     "DTP*472~TRN*2*C2~STC*A2:20~HL*5*2*19*1~NM1*85~TRN*1*P~STC*A3:24:85~"
                     "SE*29*1~GE*1*1~IEA*1*x",
                     diags);
  std::vector<std::string> want = {
      "ISA@ISA",   "GS@GS",     "ST@ST",     "BHT@ST",    "HL@2000A",  "NM1@2100A", "TRN@2200A",
      "DTP@2200A", "HL@2000B",  "NM1@2100B", "TRN@2200B", "STC@2200B", "QTY@2200B", "HL@2000C",
      "NM1@2100C", "HL@2000D",  "NM1@2100D", "TRN@2200D", "STC@2200D", "SVC@2220D", "STC@2220D",
      "REF@2220D", "DTP@2220D", "TRN@2200D", "STC@2200D", "HL@2000C",  "NM1@2100C", "TRN@2200C",
      "STC@2200C", "SE@ST",     "GE@GS",     "IEA@ISA"};
  EXPECT_EQ(placed, want);
  EXPECT_TRUE(diags.empty());
}

TEST(SpecAck, WalkerPlacesThe999Loops) {
  denial::Diagnostics diags;
  auto placed = walk(spec_999(),
                     "ISA*x~GS*FA~ST*999*1~AK1*HC*1~AK2*837*1~IK5*A~AK2*837*2~IK3*CLM*22**8~"
                     "CTX*CLM01:1~IK4*2*782*1~CTX*x~IK3*REF*5**3~IK5*R*5~AK9*P*2*2*1~SE*14*1~"
                     "GE*1*1~IEA*1*x",
                     diags);
  std::vector<std::string> want = {"ISA@ISA",  "GS@GS",    "ST@ST",    "AK1@ST",   "AK2@2000",
                                   "IK5@2000", "AK2@2000", "IK3@2100", "CTX@2100", "IK4@2110",
                                   "CTX@2110", "IK3@2100", "IK5@2000", "AK9@ST",   "SE@ST",
                                   "GE@GS",    "IEA@ISA"};
  EXPECT_EQ(placed, want);
  EXPECT_TRUE(diags.empty());
}

// The 835's table is untouched by the walker taking a Spec: same spec object, same answers.
TEST(SpecAck, The835WalkerStillReadsThe835Table) {
  denial::Diagnostics diags;
  Walker w(diags);
  EXPECT_EQ(&w.spec(), &spec_835());
  EXPECT_EQ(spec_835().loop_count, static_cast<std::size_t>(loops_end() - loops_begin()));
}
