// The one generic walker over spec_835: a stack of open loops. A segment either starts a
// child loop of an open loop (innermost first), or belongs to an open loop, or is reported
// and skipped. Missing intermediate loops (CLP without LX, ST without ISA/GS) are opened
// implicitly so no claim is lost.
#include "era835/walker.h"

#include <cstdint>
#include <memory>
#include <mutex>

#include "era835/spec_835.h"

namespace denial::detail {
namespace {

bool code_in_list(std::string_view value, std::string_view list) {
  while (!list.empty()) {
    std::size_t comma = list.find(',');
    if (list.substr(0, comma) == value) return true;
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return false;
}

std::uint32_t pack_id(std::string_view id) {
  if (id.size() > 3) return 0xFFFFFFFF;
  std::uint32_t key = 0;
  for (char c : id) key = (key << 8) | static_cast<unsigned char>(c);
  return key;
}

}  // namespace

// The spec table rearranged for the hot path: segment ids as small integers, and per loop
// the segment row for each id. Built once from the table; the table stays the only truth.
struct SpecIndex {
  const Spec* spec;
  std::vector<std::uint32_t> keys;                    // id number -> packed id
  std::vector<std::vector<const SegmentSpec*>> rows;  // [loop][id number]
  std::vector<std::vector<int>> triggered;            // [id number] -> loops it can start
  std::vector<int> parent;                            // [loop] -> parent loop or -1
  // Open-addressing hash of packed ids -> id number (the table has ~40 ids; 512 slots).
  static constexpr std::uint32_t kSlots = 512;
  std::uint32_t slot_key[kSlots];
  int slot_id[kSlots];
  static std::uint32_t slot_of(std::uint32_t key) { return (key * 0x9E3779B1u) >> 23; }

  explicit SpecIndex(const Spec& s) : spec(&s) {
    int loops = static_cast<int>(s.loop_count);
    rows.resize(loops);
    for (const SegmentSpec* seg = s.segments_begin(); seg != s.segments_end(); ++seg) {
      int id = intern(seg->id);
      auto& row = rows[s.find_loop(seg->loop)];
      if (row.size() <= static_cast<std::size_t>(id)) row.resize(id + 1, nullptr);
      row[id] = seg;
    }
    for (int l = 0; l < loops; ++l) triggered[intern(s.loops[l].trigger)].push_back(l);
    for (int l = 0; l < loops; ++l) parent.push_back(s.find_loop(s.loops[l].parent));
    for (std::uint32_t i = 0; i < kSlots; ++i) slot_key[i] = 0, slot_id[i] = -1;
    for (std::size_t i = 0; i < keys.size(); ++i) {
      std::uint32_t at = slot_of(keys[i]);
      while (slot_id[at] >= 0) at = (at + 1) % kSlots;
      slot_key[at] = keys[i];
      slot_id[at] = static_cast<int>(i);
    }
    build_moves();
  }
  int intern(std::string_view id) {
    std::uint32_t key = pack_id(id);
    for (std::size_t i = 0; i < keys.size(); ++i) {
      if (keys[i] == key) return static_cast<int>(i);
    }
    keys.push_back(key);
    triggered.emplace_back();
    return static_cast<int>(keys.size() - 1);
  }
  int lookup(std::string_view id) const {
    std::uint32_t key = pack_id(id);
    for (std::uint32_t at = slot_of(key);; at = (at + 1) % kSlots) {
      if (slot_id[at] < 0) return -1;
      if (slot_key[at] == key) return slot_id[at];
    }
  }
  const SegmentSpec* row(int loop, int id) const {
    const auto& r = rows[loop];
    return static_cast<std::size_t>(id) < r.size() ? r[id] : nullptr;
  }

  // The open loops always form one ancestor chain, so the innermost loop alone fixes the
  // whole stack. For each (innermost loop, segment id) whose placement needs neither a
  // qualifier (N1*PR vs N1*PE) nor a diagnostic, `moves` holds the answer the rules below
  // give; the walker reads it instead of searching. Derived from the table, never edited.
  struct Move {
    int keep = -1;     ///< loops kept open below the placed one; -1 = ask the rules
    Placement placed;  ///< returned as is (a ready value: no per-segment assembly)
  };
  std::vector<std::vector<Move>> moves;  // [innermost loop + 1][id number]

  std::vector<int> chain_to(int loop) const {
    std::vector<int> chain;
    for (int l = loop; l >= 0; l = parent[l]) chain.insert(chain.begin(), l);
    return chain;
  }
  Move plain_move(const std::vector<int>& chain, int id) const {
    for (int loop : triggered[id])
      if (spec->loops[loop].qualifier_pos > 0) return {};
    for (int level = static_cast<int>(chain.size()); level >= 0; --level) {
      int want = level == 0 ? -1 : chain[level - 1];
      for (int loop : triggered[id])
        if (parent[loop] == want) return {level, {loop, true, false, id}};
    }
    for (int level = static_cast<int>(chain.size()) - 1; level >= 0; --level) {
      if (const SegmentSpec* s = row(chain[level], id))
        return {level, {chain[level], false, s->closes_loop, id}};
    }
    return {};
  }
  void build_moves() {
    int loops = static_cast<int>(spec->loop_count);
    moves.assign(loops + 1, std::vector<Move>(keys.size()));
    for (int top = -1; top < loops; ++top) {
      std::vector<int> chain = top < 0 ? std::vector<int>() : chain_to(top);
      for (std::size_t id = 0; id < keys.size(); ++id)
        moves[top + 1][id] = plain_move(chain, static_cast<int>(id));
    }
  }
};

namespace {

// The 835's index is built during static initialisation (its tables are
// constant-initialised), so its hot path pays no guard check per call; the acknowledgments'
// indexes are built on first use.
const SpecIndex kSpecIndex835(spec_835());

}  // namespace

const SpecIndex& spec_index(const Spec& spec) {
  if (&spec == &spec_835()) return kSpecIndex835;
  // A few specs at most; each index is built once and never freed.
  static std::vector<std::unique_ptr<SpecIndex>> others;
  static std::mutex guard;
  std::lock_guard<std::mutex> lock(guard);
  for (const auto& ix : others)
    if (ix->spec == &spec) return *ix;
  others.push_back(std::make_unique<SpecIndex>(spec));
  return *others.back();
}

int segment_id_of(std::string_view id) { return kSpecIndex835.lookup(id); }
int segment_id_count() { return static_cast<int>(kSpecIndex835.keys.size()); }
int segment_id_of(const Spec& spec, std::string_view id) { return spec_index(spec).lookup(id); }
int segment_id_count(const Spec& spec) { return static_cast<int>(spec_index(spec).keys.size()); }

Walker::Walker(Diagnostics& diagnostics, bool use_table)
    : Walker(diagnostics, spec_835(), use_table) {}

Walker::Walker(Diagnostics& diagnostics, const Spec& spec, bool use_table)
    : diags_(diagnostics), spec_(&spec), ix_(&spec_index(spec)), use_table_(use_table) {}

int Walker::parent_of(int loop) const { return ix_->parent[loop]; }

std::string Walker::open_chain(int loop) {
  std::vector<int> chain;
  for (int p = loop; p >= 0; p = parent_of(p)) chain.insert(chain.begin(), p);
  // Keep the open prefix of the chain, then push the rest.
  std::size_t keep = 0;
  while (keep < chain.size() && keep < stack_.size() && stack_[keep] == chain[keep]) ++keep;
  stack_.resize(keep);
  std::string opened;
  for (std::size_t i = keep; i < chain.size(); ++i) {
    stack_.push_back(chain[i]);
    opened += std::string(opened.empty() ? "" : ", ") + std::string(spec_->loops[chain[i]].trigger);
  }
  return opened;
}

int Walker::trigger_for(const Elements& e, int parent) const {
  return trigger_for(ix_->lookup(e.id()), e, parent);
}

int Walker::trigger_for(int id, const Elements& e, int parent) const {
  if (id < 0) return -1;
  const SpecIndex& ix = *ix_;
  for (int loop : ix.triggered[id]) {
    const LoopSpec& l = spec_->loops[loop];
    if (ix.parent[loop] != parent) continue;
    if (l.qualifier_pos > 0 && !code_in_list(e.at(l.qualifier_pos), l.qualifier_codes)) continue;
    return loop;
  }
  return -1;
}

Placement Walker::place(const Elements& e, const RawSegment& seg) {
  const SpecIndex& ix = *ix_;
  const int id = ix.lookup(e.id());
  if (id >= 0 && use_table_) {
    const int top = stack_.empty() ? -1 : stack_[stack_.size() - 1];
    const SpecIndex::Move& m = ix.moves[top + 1][id];
    if (m.keep >= 0) {
      const Placement& p = m.placed;
      stack_.resize(p.closes_loop ? m.keep : m.keep + (p.starts_loop ? 0 : 1));
      if (p.starts_loop) stack_.push_back(p.loop);
      return p;
    }
  }
  return place_slow(id, e, seg);
}

Placement Walker::place_slow(int id, const Elements& e, const RawSegment& seg) {
  const SpecIndex& ix = *ix_;
  // 1. Trigger of a child loop of an open loop, innermost first (or a root loop).
  for (int level = static_cast<int>(stack_.size());
       id >= 0 && !ix.triggered[id].empty() && level >= 0; --level) {
    int parent = level == 0 ? -1 : stack_[level - 1];
    int loop = trigger_for(id, e, parent);
    if (loop < 0) continue;
    stack_.resize(level);
    stack_.push_back(loop);
    return {loop, true, false, id};
  }
  // 2. A segment of an open loop, innermost first.
  for (int level = static_cast<int>(stack_.size()) - 1; id >= 0 && level >= 0; --level) {
    const SegmentSpec* s = ix.row(stack_[level], id);
    if (!s) continue;
    int loop = stack_[level];
    stack_.resize(s->closes_loop ? level : level + 1);
    return {loop, false, s->closes_loop, id};
  }
  // 3. A trigger whose parent loop is not open: open the missing ancestors implicitly.
  for (int loop : id >= 0 ? ix.triggered[id] : std::vector<int>{}) {
    const LoopSpec* l = spec_->loops + loop;
    if (trigger_for(e, parent_of(loop)) != loop) continue;
    std::string opened = open_chain(parent_of(loop));
    stack_.push_back(loop);
    bool envelope = l->id == "GS" || l->id == "ST";
    if (!opened.empty() && !(envelope && seen_no_envelope_)) {
      diags_.push_back({Severity::warning, envelope ? Errc::no_envelope : Errc::missing_segment,
                        seg.number, seg.offset, path(),
                        std::string(e.id()) + " without a preceding " + opened +
                            " segment; read as if it were there"});
      if (envelope) seen_no_envelope_ = true;
    }
    return {loop, true, false, id};
  }
  // 4. BPR, the first segment of a transaction header, while no ST is open: a transaction
  // whose ST is missing (a claims-only export that starts at the payment, or a second set
  // without its ST). Open the missing loops implicitly so the payment's facts are kept;
  // skipped, they would leave the claims without their payment.
  if (const int st = spec_->find_loop("ST"); id >= 0 && st >= 0 && id == ix.lookup("BPR")) {
    bool st_open = false;
    for (int loop : stack_) st_open = st_open || loop == st;
    if (!st_open) {
      std::string opened = open_chain(st);
      diags_.push_back({Severity::warning, Errc::missing_segment, seg.number, seg.offset, path(),
                        std::string(e.id()) + " without a preceding " + opened +
                            " segment; read as if it were there"});
      return {st, false, false, id};
    }
  }
  bool known = spec_->is_known_segment(e.id());
  diags_.push_back({Severity::warning, known ? Errc::unexpected_segment : Errc::unknown_segment,
                    seg.number, seg.offset, path(),
                    std::string(known ? "segment " : "unknown segment ") + std::string(e.id()) +
                        (known ? " is not allowed here; skipped" : " skipped")});
  return {};
}

void Walker::enter_claim_context() {
  stack_.clear();
  for (std::string_view id : {"ISA", "GS", "ST", "2000"}) stack_.push_back(spec_->find_loop(id));
}

std::string Walker::path() const {
  std::string p;
  for (int loop : stack_) {
    p += '/';
    p += spec_->loops[loop].id;
  }
  return p.empty() ? "/" : p;
}

}  // namespace denial::detail
