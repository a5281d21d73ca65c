// One 835 file with several transactions (ST...SE) cut into ranges of whole transactions, so
// threads can read the ranges at once and a writer still gets the events of one sequential
// read (claim_stream.h: stream_explained_range, merge_file_ends). Only a plainly laid out
// file is cut; anything unusual leaves `ranges` empty and the file is read in one go.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace denial {

/// Reversal pairing state at a range's start, as a sequential read would have it there.
struct PairStart {
  std::string patient_control_number;
  std::size_t total = 0;  ///< its CLP occurrences in the whole file (the streamed read's count)
  std::size_t seen = 0;   ///< its claims before the range
};

/// A run of whole transactions: bytes [begin, end) from its first ST to its last SE.
struct TransactionRange {
  std::uint64_t begin = 0, end = 0;
  std::uint32_t segments_before = 0;    ///< segment numbers continue from here
  std::size_t transactions_before = 0;  ///< index of its first transaction in the file
  std::size_t claims = 0;               ///< CLP segments in it (a reader's queue may hold them)
  std::string lx_before;  ///< LX01 of the last LX before it (a claim without LX keeps it)
  std::vector<PairStart> pairs;
};

struct FileSplit {
  std::uint64_t prologue_end = 0;  ///< the first ST: ISA and GS before it, read by every range
  std::vector<TransactionRange> ranges;  ///< empty: read the file sequentially
};

/// Cuts `bytes` into at most `max_ranges` ranges of about equal size, or none: only a file
/// that is one ISA, one GS, two or more ST*835...SE, then GE and IEA (which may be missing),
/// with nothing else between them and no segment the reader would report, is cut.
FileSplit plan_split(std::string_view bytes, std::size_t max_ranges);

}  // namespace denial
