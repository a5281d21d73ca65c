// Stage 2: the 835 (005010X221A1) loop and segment structure, declared as data.
// One generic walker (walker.cpp) reads it; no loop is written as code.
#pragma once

#include <cstddef>
#include <string_view>

#include "x12/spec.h"

namespace denial::detail {

const LoopSpec* loops_begin();
const LoopSpec* loops_end();
const SegmentSpec* segments_begin();
const SegmentSpec* segments_end();

/// Index of a loop in the loop table, or -1.
int find_loop(std::string_view id);
/// True when `id` is any segment of the 835 (in any loop).
bool is_known_segment(std::string_view id);
/// The 835 tables as one Spec (what the walker reads).
const Spec& spec_835();

}  // namespace denial::detail
