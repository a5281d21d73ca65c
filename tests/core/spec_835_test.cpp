// The 835 loop/segment table tested as data (in the spirit of pyx12's test_map_unique): the
// walker trusts it blindly, so an inconsistent row would misplace segments silently.
#include "era835/spec_835.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

using namespace denial::detail;

namespace {

std::vector<LoopSpec> loops() { return {loops_begin(), loops_end()}; }
std::vector<SegmentSpec> segments() { return {segments_begin(), segments_end()}; }

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

const SegmentSpec* row(std::string_view loop, std::string_view id) {
  for (const SegmentSpec* s = segments_begin(); s != segments_end(); ++s)
    if (s->loop == loop && s->id == id) return s;
  return nullptr;
}

bool is_envelope_loop(std::string_view id) { return id == "ISA" || id == "GS" || id == "ST"; }

}  // namespace

TEST(Spec835, TablesAreNotEmptyAndLoopIdsUnique) {
  ASSERT_GE(loops().size(), 8u);
  ASSERT_GE(segments().size(), 40u);
  std::set<std::string_view> ids;
  for (const auto& l : loops()) EXPECT_TRUE(ids.insert(l.id).second) << "duplicate loop " << l.id;
}

TEST(Spec835, ExactlyOneRootAndEveryParentExists) {
  int roots = 0;
  for (const auto& l : loops()) {
    if (l.parent.empty()) {
      ++roots;
      continue;
    }
    EXPECT_GE(find_loop(l.parent), 0) << l.id << " names missing parent " << l.parent;
    EXPECT_NE(l.parent, l.id) << l.id;
  }
  EXPECT_EQ(roots, 1);
}

TEST(Spec835, ParentChainsReachTheRootWithoutCycles) {
  const int n = static_cast<int>(loops().size());
  for (const auto& l : loops()) {
    int steps = 0;
    for (int p = find_loop(l.parent); p >= 0; p = find_loop(loops_begin()[p].parent)) {
      ASSERT_LE(++steps, n) << "cycle through " << l.id;
    }
  }
}

// Two sibling loops may share a trigger only when a qualifier tells them apart (N1*PR / N1*PE).
TEST(Spec835, TriggersAreUniqueAmongSiblings) {
  auto all = loops();
  for (std::size_t i = 0; i < all.size(); ++i) {
    for (std::size_t j = i + 1; j < all.size(); ++j) {
      const LoopSpec &a = all[i], &b = all[j];
      if (a.parent != b.parent || a.trigger != b.trigger) continue;
      ASSERT_GT(a.qualifier_pos, 0) << a.id << " and " << b.id << " share trigger " << a.trigger;
      ASSERT_EQ(a.qualifier_pos, b.qualifier_pos) << a.id << " / " << b.id;
      for (const auto& code : codes(a.qualifier_codes))
        EXPECT_EQ(codes(b.qualifier_codes).count(code), 0u)
            << a.id << " and " << b.id << " both start on " << a.trigger << "*" << code;
    }
  }
}

TEST(Spec835, QualifiedTriggersListCodes) {
  for (const auto& l : loops()) {
    EXPECT_GE(l.qualifier_pos, 0) << l.id;
    if (l.qualifier_pos > 0) {
      EXPECT_FALSE(l.qualifier_codes.empty()) << l.id;
      for (const auto& c : codes(l.qualifier_codes))
        EXPECT_FALSE(c.empty()) << l.id << " has an empty code";
    } else {
      EXPECT_TRUE(l.qualifier_codes.empty()) << l.id << " lists codes but no position";
    }
  }
}

TEST(Spec835, EverySegmentRowNamesARealLoop) {
  for (const auto& s : segments()) {
    EXPECT_GE(find_loop(s.loop), 0) << s.id << " names unknown loop " << s.loop;
    EXPECT_TRUE(s.id.size() == 2 || s.id.size() == 3) << s.id;
    EXPECT_TRUE(is_known_segment(s.id)) << s.id;
  }
}

TEST(Spec835, SegmentRowsAreUniquePerLoop) {
  std::set<std::pair<std::string_view, std::string_view>> seen;
  for (const auto& s : segments())
    EXPECT_TRUE(seen.insert({s.loop, s.id}).second) << s.loop << "/" << s.id;
}

TEST(Spec835, EveryLoopTriggerIsARequiredRowOfThatLoop) {
  for (const auto& l : loops()) {
    const SegmentSpec* s = row(l.id, l.trigger);
    ASSERT_NE(s, nullptr) << "loop " << l.id << " trigger " << l.trigger << " has no segment row";
    EXPECT_EQ(s->usage, Usage::required) << l.id;
    EXPECT_EQ(s->max_use, 1) << l.id << ": the trigger opens a new occurrence, so it is used once";
    EXPECT_FALSE(s->closes_loop) << l.id;
  }
}

// A child's trigger that were also a plain row of its parent would be ambiguous.
TEST(Spec835, ChildTriggersAreNotPlainRowsOfTheParent) {
  for (const auto& l : loops()) {
    if (l.parent.empty()) continue;
    EXPECT_EQ(row(l.parent, l.trigger), nullptr)
        << l.trigger << " is in both " << l.parent << " and " << l.id;
  }
}

TEST(Spec835, RepeatCountsArePositiveOrUnbounded) {
  for (const auto& l : loops())
    EXPECT_TRUE(l.max_repeat == kUnbounded || l.max_repeat >= 1) << l.id << " " << l.max_repeat;
  for (const auto& s : segments())
    EXPECT_TRUE(s.max_use == kUnbounded || s.max_use >= 1)
        << s.loop << "/" << s.id << " " << s.max_use;
}

TEST(Spec835, ExactlyOneClosingTrailerPerEnvelopeLoop) {
  for (const auto& l : loops()) {
    int closing = 0;
    for (const auto& s : segments())
      if (s.loop == l.id && s.closes_loop) ++closing;
    EXPECT_EQ(closing, is_envelope_loop(l.id) ? 1 : 0) << l.id;
  }
  EXPECT_TRUE(row("ISA", "IEA") && row("ISA", "IEA")->closes_loop);
  EXPECT_TRUE(row("GS", "GE") && row("GS", "GE")->closes_loop);
  EXPECT_TRUE(row("ST", "SE") && row("ST", "SE")->closes_loop);
}

TEST(Spec835, TheTr3LoopTree) {
  struct Want {
    const char *id, *parent, *trigger;
  };
  for (Want w : {Want{"ISA", "", "ISA"}, Want{"GS", "ISA", "GS"}, Want{"ST", "GS", "ST"},
                 Want{"1000A", "ST", "N1"}, Want{"1000B", "ST", "N1"}, Want{"2000", "ST", "LX"},
                 Want{"2100", "2000", "CLP"}, Want{"2110", "2100", "SVC"}}) {
    int i = find_loop(w.id);
    ASSERT_GE(i, 0) << w.id;
    EXPECT_EQ(loops_begin()[i].parent, w.parent) << w.id;
    EXPECT_EQ(loops_begin()[i].trigger, w.trigger) << w.id;
  }
  EXPECT_EQ(codes(loops_begin()[find_loop("1000A")].qualifier_codes), std::set<std::string>{"PR"});
  EXPECT_EQ(codes(loops_begin()[find_loop("1000B")].qualifier_codes), std::set<std::string>{"PE"});
  EXPECT_EQ(find_loop("2200"), -1);
}

// Segments a remit needs at each level (TR3 X221A1), and the ones it never has.
TEST(Spec835, KeySegmentsSitInTheirLoops) {
  for (auto [loop, id] : std::vector<std::pair<const char*, const char*>>{{"ST", "BPR"},
                                                                          {"ST", "TRN"},
                                                                          {"ST", "PLB"},
                                                                          {"ST", "DTM"},
                                                                          {"2100", "CAS"},
                                                                          {"2100", "MOA"},
                                                                          {"2100", "MIA"},
                                                                          {"2100", "NM1"},
                                                                          {"2110", "CAS"},
                                                                          {"2110", "LQ"},
                                                                          {"2110", "REF"},
                                                                          {"2110", "AMT"}})
    EXPECT_NE(row(loop, id), nullptr) << loop << "/" << id;
  for (const char* id : {"SV2", "DTP", "HL", "NTE", "CLM", "ZZZ", ""})
    EXPECT_FALSE(is_known_segment(id)) << id;
  EXPECT_EQ(row("2100", "PLB"), nullptr);  // PLB is summary level, never inside a claim
}
