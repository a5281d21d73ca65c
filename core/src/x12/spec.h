// A transaction's loop and segment structure declared as data: one table of loops and one of
// segments per transaction (835, 277CA, 999), read by the one generic walker (era835/walker).
#pragma once

#include <cstddef>
#include <string_view>

namespace denial::detail {

enum class Usage { required, situational };
inline constexpr int kUnbounded = 0;

/// A loop starts with its trigger segment; when `qualifier_pos` > 0 the trigger element at
/// that position must be one of `qualifier_codes` (comma separated).
struct LoopSpec {
  std::string_view id;       ///< "2100"
  std::string_view parent;   ///< "2000"; "" for the root
  std::string_view trigger;  ///< "CLP"
  int qualifier_pos;         ///< 0 = any
  std::string_view qualifier_codes;
  Usage usage;
  int max_repeat;         ///< kUnbounded or a TR3 maximum
  std::string_view name;  ///< TR3 loop name
};

/// A segment allowed inside a loop (the trigger counts as the loop's first segment).
struct SegmentSpec {
  std::string_view loop;
  std::string_view id;
  Usage usage;
  int max_use;       ///< per loop occurrence; kUnbounded = no limit
  bool closes_loop;  ///< trailer (SE, GE, IEA): the loop ends after it
};

/// One transaction's tables.
struct Spec {
  std::string_view transaction;     ///< ST01: "835", "277", "999"
  std::string_view implementation;  ///< "005010X221A1"
  const LoopSpec* loops;
  std::size_t loop_count;
  const SegmentSpec* segments;
  std::size_t segment_count;

  const LoopSpec* loops_begin() const { return loops; }
  const LoopSpec* loops_end() const { return loops + loop_count; }
  const SegmentSpec* segments_begin() const { return segments; }
  const SegmentSpec* segments_end() const { return segments + segment_count; }
  /// Index of a loop in the loop table, or -1.
  int find_loop(std::string_view id) const {
    for (std::size_t i = 0; i < loop_count; ++i)
      if (loops[i].id == id) return static_cast<int>(i);
    return -1;
  }
  /// True when `id` is a segment of this transaction (in any loop).
  bool is_known_segment(std::string_view id) const {
    for (std::size_t i = 0; i < segment_count; ++i)
      if (segments[i].id == id) return true;
    return false;
  }
};

}  // namespace denial::detail
