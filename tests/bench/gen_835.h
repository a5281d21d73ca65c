// Deterministic generator of large, balanced 835 files for benchmarks (same seed, same bytes).
#pragma once

#include <cstdint>
#include <string>

namespace denial_bench {

/// About `target_bytes` of 835 text: one ISA/GS/ST with claims of 1-3 service lines each,
/// a mix of paid, reduced and denied claims, every level balancing exactly.
std::string generate_835(std::uint64_t target_bytes, std::uint32_t seed = 835);

}  // namespace denial_bench
