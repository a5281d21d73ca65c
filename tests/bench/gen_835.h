// Deterministic generator of large, balanced 835 files for benchmarks (same seed, same bytes).
#pragma once

#include <cstdint>
#include <string>

namespace denial_bench {

/// About `target_bytes` of 835 text: one ISA/GS/ST with claims of 1-3 service lines each,
/// a mix of paid, reduced and denied claims, every level balancing exactly.
std::string generate_835(std::uint64_t target_bytes, std::uint32_t seed = 835);

/// One remit of a many-file set: generate_835 from one of 8 payers (name and id) and one of
/// `months` months ending January 2026 (remit date, DTM*405, service dates), picked by `seed`.
std::string generate_remit(std::uint64_t target_bytes, std::uint32_t seed, int months = 12);

/// A clearinghouse's bundle: `transactions` remits (generate_remit, seeds 1, 2, ...: each
/// its own payer and trace) as ST*835...SE sets in one ISA/GS, about `target_bytes` in all.
std::string generate_bundle(std::uint64_t target_bytes, int transactions);

}  // namespace denial_bench
