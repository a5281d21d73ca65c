// Stage 2: places each segment in the 835 loop structure using only the spec table.
#pragma once

#include <string>
#include <vector>

#include "denial/diagnostic.h"
#include "x12/segment_reader.h"
#include "x12/spec.h"

namespace denial::detail {

struct SpecIndex;  ///< a Spec rearranged for the hot path (walker.cpp)
/// The index of a spec, built once.
const SpecIndex& spec_index(const Spec& spec);

struct Placement {
  int loop = -1;             ///< index into the loop table; -1 = segment skipped
  bool starts_loop = false;  ///< the segment is the loop's trigger
  bool closes_loop = false;  ///< a trailer (SE, GE, IEA)
  int segment = -1;          ///< the segment id as a small integer (segment_id_of)
};

/// Small integer for a segment id of the 835 table (-1 = not an 835 segment); lets the
/// hot path compare ints instead of strings.
int segment_id_of(std::string_view id);
/// Number of distinct segment ids in the table.
int segment_id_count();
/// The same for any transaction's tables.
int segment_id_of(const Spec& spec, std::string_view id);
int segment_id_count(const Spec& spec);

/// The open loops, innermost last. Fixed capacity: the 835 nests at most six deep
/// (ISA/GS/ST/2000/2100/2110), the 277CA nine (ISA/GS/ST/2000A-D/2200D/2220D), and this sits
/// on the per-segment hot path.
class LoopStack {
 public:
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  int operator[](std::size_t i) const { return items_[i]; }
  void push_back(int loop) {
    if (size_ < kCapacity) items_[size_++] = loop;
  }
  void resize(std::size_t n) { size_ = n < size_ ? n : size_; }  ///< shrinks only
  void clear() { size_ = 0; }
  const int* begin() const { return items_; }
  const int* end() const { return items_ + size_; }

 private:
  static constexpr std::size_t kCapacity = 12;
  int items_[kCapacity] = {};
  std::size_t size_ = 0;
};

class Walker {
 public:
  /// `use_table` = false places every segment by the rules alone (tests compare the two).
  explicit Walker(Diagnostics& diagnostics, bool use_table = true);  ///< the 835
  /// A walker over another transaction's tables (277CA, 999).
  Walker(Diagnostics& diagnostics, const Spec& spec, bool use_table = true);
  const Spec& spec() const { return *spec_; }
  Placement place(const Elements& elements, const RawSegment& segment);
  /// Loop path of the innermost open loop, e.g. "/ISA/GS/ST/2000/2100".
  std::string path() const;
  /// Closes everything (end of input).
  void reset() { stack_.clear(); }
  /// Opens ISA/GS/ST/2000 as if their segments had been read (to re-read one claim).
  void enter_claim_context();
  /// The reader already said the envelope is missing; do not say it again.
  void envelope_reported() { seen_no_envelope_ = true; }

 private:
  Placement place_slow(int id, const Elements& elements, const RawSegment& segment);
  int trigger_for(const Elements& elements, int parent) const;
  int parent_of(int loop) const;
  /// Opens `loop` and its ancestors that are not open (keeping the open prefix of the chain);
  /// returns the triggers of the loops it opened, for the diagnostic.
  std::string open_chain(int loop);
  int trigger_for(int segment_id, const Elements& elements, int parent) const;
  Diagnostics& diags_;
  const Spec* spec_;
  const SpecIndex* ix_;
  LoopStack stack_;
  bool seen_no_envelope_ = false;
  bool use_table_ = true;
};

}  // namespace denial::detail
