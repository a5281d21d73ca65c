// Stage 1: splits raw bytes into X12 segments. Knows delimiters, envelopes' ISA header,
// segment numbers and byte offsets; knows nothing about the 835.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "denial/diagnostic.h"

namespace denial::detail {

struct Delimiters {
  char element = '*';
  char component = ':';
  char repetition = 0;  ///< 0 = none (ISA11 is a repetition separator only from 00402 on)
  char segment = '~';
};

struct RawSegment {
  std::string_view text;     ///< without terminator and surrounding layout whitespace
  std::uint32_t number = 0;  ///< 1-based in the whole input
  std::uint64_t offset = 0;  ///< byte offset of text.front()
};

/// Longest segment accepted; a longer one is reported and skipped (835 segments are < 1 KB).
inline constexpr std::size_t kMaxSegmentLength = 64 * 1024;

class Elements;

/// Reads segments one at a time. A segment that starts with a valid ISA header switches the
/// delimiters, so concatenated interchanges with different separators read correctly.
class SegmentReader {
 public:
  SegmentReader(std::string_view input, Diagnostics& diagnostics);
  /// Re-reads a known range [begin, end) of an input whose delimiters are already known
  /// (one claim, for detail on demand); segment numbers continue from first_number.
  SegmentReader(std::string_view input, Diagnostics& diagnostics, const Delimiters& known,
                std::size_t begin, std::size_t end, std::uint32_t first_number);

  /// False at the end of input.
  bool next(RawSegment& out);
  /// Same, and splits the segment into `elements` (in the same pass over the bytes when the
  /// segment is ordinary).
  bool next(RawSegment& out, Elements& elements);
  const Delimiters& delimiters() const { return delims_; }
  /// True once an ISA header was found; false for ST-only files (delimiters guessed).
  bool has_envelope() const { return saw_isa_; }
  std::size_t position() const { return pos_; }
  /// Goes on at `pos` (where a segment starts) up to `limit`, numbering the next segment
  /// last_number + 1: one range of a file cut at its transactions (transaction_split.h).
  void jump(std::size_t pos, std::uint32_t last_number, std::size_t limit) {
    pos_ = pos;
    number_ = last_number;
    limit_ = limit < in_.size() ? limit : in_.size();
  }

 private:
  bool next_fast(RawSegment& out, Elements& elements);
  void locate_start();
  bool try_isa_at(std::size_t at);
  /// No ISA: guesses the delimiters from the segment at `st_at` ("ST*..." or "BPR*...",
  /// whose id is `id_length` bytes long).
  void guess_without_isa(std::size_t st_at, std::size_t id_length);

  std::string_view in_;
  Diagnostics& diags_;
  Delimiters delims_;
  std::size_t pos_ = 0;
  std::size_t limit_ = 0;
  std::uint32_t number_ = 0;
  bool saw_isa_ = false;
};

/// Element view of one segment: elements[0] is the segment id.
class Elements {
 public:
  static constexpr std::size_t kMax = 64;
  Elements(std::string_view segment, char element_separator);
  Elements() = default;  ///< filled by SegmentReader::next
  std::string_view id() const { return at(0); }
  /// Element n (1-based as in X12, CLP01 = at(1)); empty when absent.
  std::string_view at(std::size_t n) const {
    return n < count_ ? std::string_view(segment_.data() + start_[n], start_[n + 1] - start_[n] - 1)
                      : std::string_view();
  }
  std::size_t size() const { return count_; }  ///< including the id
  bool truncated() const { return truncated_; }

 private:
  friend class SegmentReader;
  // Start offsets only, left uninitialised beyond count_: this runs once per segment, and
  // zeroing 64 views per segment cost more than the split itself.
  std::string_view segment_;
  std::uint32_t start_[kMax + 1];
  std::size_t count_ = 0;
  bool truncated_ = false;
};

/// Component n (0-based) of a composite element.
std::string_view component(std::string_view element, char separator, std::size_t n);

}  // namespace denial::detail
