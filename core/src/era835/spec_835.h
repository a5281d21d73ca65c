// Stage 2: the 835 (005010X221A1) loop and segment structure, declared as data.
// One generic walker (walker.cpp) reads it; no loop is written as code.
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

const LoopSpec* loops_begin();
const LoopSpec* loops_end();
const SegmentSpec* segments_begin();
const SegmentSpec* segments_end();

/// Index of a loop in the loop table, or -1.
int find_loop(std::string_view id);
/// True when `id` is any segment of the 835 (in any loop).
bool is_known_segment(std::string_view id);

}  // namespace denial::detail
