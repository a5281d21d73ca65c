// Stage 1: delimiter discovery and segment splitting.
// The ISA is fixed-format: its 4th byte is the element separator, the byte after the 16th
// element separator is ISA16 (component separator) and the byte after that the segment
// terminator. CR/LF, spaces and tabs between segments are layout, not data.
#include "x12/segment_reader.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <string>

namespace denial::detail {
namespace {

bool is_layout(char c) { return c == '\r' || c == '\n' || c == ' ' || c == '\t'; }

bool is_separator_candidate(char c) {
  auto u = static_cast<unsigned char>(c);
  return u != 0 && !std::isalnum(u) && c != ' ';
}

std::string describe(char c) {
  if (c == '\n') return "LF";
  if (c == '\r') return "CR";
  if (c == '\t') return "TAB";
  return std::string("'") + c + "'";
}

}  // namespace

SegmentReader::SegmentReader(std::string_view input, Diagnostics& diagnostics)
    : in_(input), diags_(diagnostics), limit_(input.size()) {
  if (in_.size() >= 3 && std::memcmp(in_.data(), "\xEF\xBB\xBF", 3) == 0) pos_ = 3;
  locate_start();
}

SegmentReader::SegmentReader(std::string_view input, Diagnostics& diagnostics,
                             const Delimiters& known, std::size_t begin, std::size_t end,
                             std::uint32_t first_number)
    : in_(input),
      diags_(diagnostics),
      delims_(known),
      pos_(begin),
      limit_(std::min(end, input.size())),
      number_(first_number - 1),
      saw_isa_(true) {}

// Finds the first ISA (text before it is skipped with a note) or, failing that, an ST.
void SegmentReader::locate_start() {
  bool reported_bad_isa = false;
  for (std::size_t at = in_.find("ISA", pos_); at != std::string_view::npos;
       at = in_.find("ISA", at + 1)) {
    bool at_line_start = at == pos_ || is_layout(in_[at - 1]);
    if (!at_line_start) continue;
    if (!try_isa_at(at)) {
      // "ISA*..." cut short or with separators that do not add up: say so, rather than only
      // "no ISA" later (or a guessed envelope when an ST follows).
      bool looks_like_isa =
          at + 3 < in_.size() && is_separator_candidate(in_[at + 3]) &&
          (at + 4 == in_.size() || std::isalnum(static_cast<unsigned char>(in_[at + 4])));
      if (!reported_bad_isa && looks_like_isa) {
        reported_bad_isa = true;
        diags_.push_back({Severity::error, Errc::bad_isa, 0, at, "",
                          "ISA header at byte " + std::to_string(at) +
                              " is truncated or its separators are inconsistent; ignored"});
      }
      continue;
    }
    if (at > pos_) {
      diags_.push_back(
          {Severity::info, Errc::unexpected_segment, 0, pos_, "",
           std::to_string(at - pos_) + " bytes of text before the ISA header were skipped"});
    }
    pos_ = at;
    return;
  }
  for (std::size_t at = in_.find("ST", pos_); at != std::string_view::npos;
       at = in_.find("ST", at + 1)) {
    bool at_line_start = at == pos_ || is_layout(in_[at - 1]) ||
                         !std::isalnum(static_cast<unsigned char>(in_[at - 1]));
    if (at_line_start && at + 3 < in_.size() && is_separator_candidate(in_[at + 2]) &&
        std::isdigit(static_cast<unsigned char>(in_[at + 3]))) {
      guess_without_isa(at, 2);
      return;
    }
  }
  // A claims-only export without ISA, GS or ST starts at the payment: "BPR*I*...".
  for (std::size_t at = in_.find("BPR", pos_); at != std::string_view::npos;
       at = in_.find("BPR", at + 1)) {
    bool at_line_start = at == pos_ || is_layout(in_[at - 1]) ||
                         !std::isalnum(static_cast<unsigned char>(in_[at - 1]));
    if (at_line_start && at + 4 < in_.size() && is_separator_candidate(in_[at + 3]) &&
        std::isupper(static_cast<unsigned char>(in_[at + 4]))) {
      guess_without_isa(at, 3);
      return;
    }
  }
  pos_ = in_.size();  // nothing X12-like: the walker reports what the input looks like
}

bool SegmentReader::try_isa_at(std::size_t at) {
  if (at + 4 > in_.size()) return false;
  char sep = in_[at + 3];
  if (!is_separator_candidate(sep)) return false;
  // Walk 16 element separators; a real ISA is ~106 bytes, allow generous padding variants.
  std::size_t p = at + 3;  // separator n precedes ISA<n>
  std::size_t isa11 = 0, isa12 = 0;
  for (int n = 2; n <= 16; ++n) {
    std::size_t next = in_.find(sep, p + 1);
    if (next == std::string_view::npos || next - at > 200) return false;
    p = next;
    if (n == 11) isa11 = p + 1;
    if (n == 12) isa12 = p + 1;
  }
  // p is the 16th separator; ISA16 follows, then the terminator.
  if (p + 2 >= in_.size()) return false;
  Delimiters d;
  d.element = sep;
  d.component = in_[p + 1];
  d.segment = in_[p + 2];
  if (d.segment == sep || d.segment == d.component) return false;
  // A missing ISA16 makes the walk above end inside the next segment ("GS*HP..." gives
  // component 'H', terminator 'P'): letters and digits are never delimiters.
  if (!is_separator_candidate(d.component) || !is_separator_candidate(d.segment)) return false;
  std::string_view version = in_.substr(isa12, 5);
  char rep = in_[isa11];
  d.repetition = (version >= "00402" && is_separator_candidate(rep) && rep != d.segment &&
                  rep != sep && rep != d.component)
                     ? rep
                     : 0;
  if (d.segment == ' ') return false;
  delims_ = d;
  saw_isa_ = true;
  return true;
}

void SegmentReader::guess_without_isa(std::size_t st_at, std::size_t id_length) {
  delims_.element = in_[st_at + id_length];
  // The terminator is the first byte after "ST*835*..." (or "BPR*I*...") that is neither
  // data nor the element separator: the usual '~', or a line break for newline-terminated files.
  std::size_t p = st_at + id_length + 1;
  while (p < in_.size()) {
    char c = in_[p];
    if (c != delims_.element && (c == '~' || c == '\n' || c == '\r' || c == '\'' || c == '!'))
      break;
    ++p;
  }
  delims_.segment = p < in_.size() ? in_[p] : '~';
  if (delims_.segment == '\r') delims_.segment = '\n';
  delims_.component = delims_.element == ':' ? '>' : ':';
  pos_ = st_at;
  diags_.push_back({Severity::warning, Errc::no_envelope, 0, st_at, "",
                    "no ISA interchange header: delimiters guessed (element " +
                        describe(delims_.element) + ", segment " + describe(delims_.segment) +
                        ")"});
}

// Eight bytes at a time: a word whose bytes equal `pattern`'s byte get 0x80 in those bytes
// (exact, no false positives), so one pass finds the element separators and the terminator.
constexpr std::uint64_t kLow7 = 0x7F7F7F7F7F7F7F7FULL;
constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
inline std::uint64_t bytes_equal(std::uint64_t word, std::uint64_t pattern) {
  std::uint64_t x = word ^ pattern;
  return ~(((x & kLow7) + kLow7) | x | kLow7);
}
inline unsigned lowest_byte(std::uint64_t mask) {
  return static_cast<unsigned>(__builtin_ctzll(mask)) / 8;
}

// The ordinary segment: no ISA, no junk, no NUL, under 56 elements, short. One pass records the
// element separators and finds the terminator; anything unusual returns false before
// anything is consumed, and the general path reads the segment instead.
bool SegmentReader::next_fast(RawSegment& out, Elements& el) {
#if defined(__GNUC__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  std::size_t p = pos_;
  while (p < limit_ && (is_layout(in_[p]) || in_[p] == delims_.segment)) ++p;
  if (p >= limit_ || in_[p] == 'I') return false;
  const char sep = delims_.element, term = delims_.segment;
  if (is_layout(sep)) return false;
  // Line-terminated files: CR and LF both end a segment (see next()).
  const char term2 = term == '\n' ? '\r' : term == '\r' ? '\n' : term;
  const std::uint64_t sep_bytes = kOnes * static_cast<unsigned char>(sep);
  const std::uint64_t term_bytes = kOnes * static_cast<unsigned char>(term);
  const std::uint64_t term2_bytes = kOnes * static_cast<unsigned char>(term2);
  const std::size_t begin = p;
  const char* base = in_.data() + begin;
  std::uint32_t count = 1;
  el.start_[0] = 0;
  std::size_t end = std::string_view::npos;
  while (end == std::string_view::npos) {
    if (p - begin > 4096) return false;  // long segments: the general path (and its limit)
    if (p + 8 <= limit_) {
      std::uint64_t w;
      std::memcpy(&w, in_.data() + p, 8);
      std::uint64_t t = bytes_equal(w, term_bytes);
      if (term2 != term) t |= bytes_equal(w, term2_bytes);
      std::uint64_t s = bytes_equal(w, sep_bytes);
      std::uint64_t nul = bytes_equal(w, 0);
      if (t) {
        const std::uint64_t before = (t & (0 - t)) - 1;  // bytes before the terminator
        s &= before;
        nul &= before;
        end = p + lowest_byte(t);
      }
      if (nul) return false;  // NUL bytes are reported by the general path
      // At most 8 separators per word: one bound check per word, not per separator.
      if (count > Elements::kMax - 8) return false;  // 56+ elements: the general path
      for (; s; s &= s - 1)
        el.start_[count++] = static_cast<std::uint32_t>(p + lowest_byte(s) - begin + 1);
      if (!t) p += 8;
    } else {
      for (; p < limit_ && in_[p] != term && in_[p] != term2; ++p) {
        if (in_[p] == '\0') return false;
        if (in_[p] != sep) continue;
        if (count == Elements::kMax) return false;
        el.start_[count++] = static_cast<std::uint32_t>(p - begin + 1);
      }
      end = p;
    }
  }
  std::size_t last = end;
  while (last > begin && is_layout(in_[last - 1])) --last;
  // A segment id is at most 3 bytes; longer may be binary junk glued to it (general path).
  std::size_t id_len = (count > 1 ? el.start_[1] - 1 : last - begin);
  if (id_len > 3) return false;
  pos_ = end < limit_ ? end + 1 : end;
  ++number_;
  out.text = std::string_view(base, last - begin);
  out.number = number_;
  out.offset = begin;
  el.segment_ = out.text;
  el.count_ = count;
  el.truncated_ = false;
  el.start_[count] = static_cast<std::uint32_t>(last - begin + 1);
  return true;
#else
  (void)out, (void)el;
  return false;
#endif
}

bool SegmentReader::next(RawSegment& out, Elements& elements) {
  if (next_fast(out, elements)) return true;
  if (!next(out)) return false;
  elements = Elements(out.text, delims_.element);
  // NUL bytes are valid UTF-8 but never X12 text (binary data or padding): name the segment
  // that holds one. Only here: the fast path refuses segments with a NUL.
  if (const void* nul = std::memchr(out.text.data(), '\0', out.text.size())) {
    std::size_t at = static_cast<std::size_t>(static_cast<const char*>(nul) - in_.data());
    diags_.push_back(
        {Severity::warning, Errc::bad_element, out.number, at, "",
         "NUL byte (binary data) at byte " + std::to_string(at) + " inside the segment"});
  }
  return true;
}

bool SegmentReader::next(RawSegment& out) {
  while (pos_ < limit_) {
    while (pos_ < limit_ && (is_layout(in_[pos_]) || in_[pos_] == delims_.segment)) ++pos_;
    if (pos_ >= limit_) return false;
    // A new interchange may bring new delimiters.
    if (in_[pos_] == 'I' && in_.compare(pos_, 3, "ISA") == 0) try_isa_at(pos_);
    std::size_t begin = pos_;
    std::size_t end = in_.find(delims_.segment, begin);
    if (end == std::string_view::npos || end > limit_) end = limit_;
    // Line-terminated files: CR and LF both end a segment, so files whose CRLF and LF lines
    // are mixed (edited on two systems) do not glue two segments together. Bounded by `end`.
    if (delims_.segment == '\n' || delims_.segment == '\r') {
      char other = delims_.segment == '\n' ? '\r' : '\n';
      if (const void* q = std::memchr(in_.data() + begin, other, end - begin))
        end = static_cast<std::size_t>(static_cast<const char*>(q) - in_.data());
    }
    pos_ = end < limit_ ? end + 1 : end;
    std::size_t last = end;
    while (last > begin && is_layout(in_[last - 1])) --last;
    ++number_;
    // Binary junk glued to the front of a segment ("\0\x1a\xffCLP*..."): a segment id is 2-3
    // letters or digits, so skip the junk up to the id and say so, rather than lose the
    // segment (a CLP, with its claim) as one unknown id. Normal ids take the first test.
    std::size_t id_end = begin;
    while (id_end < last && id_end - begin <= 3 && in_[id_end] != delims_.element) ++id_end;
    if (id_end - begin > 3) {
      // Bounded by the segment: an unbounded find would rescan the rest of the input for
      // every separator-less segment.
      const void* sep = std::memchr(in_.data() + begin, delims_.element, last - begin);
      id_end = sep ? static_cast<std::size_t>(static_cast<const char*>(sep) - in_.data()) : last;
      std::size_t id_start = id_end;
      auto id_char = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
      while (id_start > begin && id_char(in_[id_start - 1])) --id_start;
      bool binary = false;
      for (std::size_t i = begin; i < id_start && !binary; ++i) {
        auto u = static_cast<unsigned char>(in_[i]);
        binary = u < 0x20 || u >= 0x7F;
      }
      if (binary && id_end - id_start >= 2 && id_end - id_start <= 3) {
        diags_.push_back({Severity::warning, Errc::unknown_segment, number_, begin, "",
                          std::to_string(id_start - begin) + " bytes of binary data before " +
                              std::string(in_.substr(id_start, id_end - id_start)) + " skipped"});
        begin = id_start;
      }
    }
    if (last - begin > kMaxSegmentLength) {
      diags_.push_back({Severity::error, Errc::segment_too_long, number_, begin, "",
                        "segment of " + std::to_string(last - begin) + " bytes skipped (limit " +
                            std::to_string(kMaxSegmentLength) + "); wrong segment terminator?"});
      continue;
    }
    out.text = in_.substr(begin, last - begin);
    out.number = number_;
    out.offset = begin;
    return true;
  }
  return false;
}

Elements::Elements(std::string_view segment, char sep) : segment_(segment) {
  const char* p = segment.data();
  const std::uint32_t n = static_cast<std::uint32_t>(segment.size());
  std::uint32_t end = n;
  start_[0] = 0;
  count_ = 1;
  for (std::uint32_t i = 0; i < n; ++i) {
    if (p[i] != sep) continue;
    if (count_ == kMax) {
      truncated_ = true;
      end = i;
      break;
    }
    start_[count_++] = i + 1;
  }
  start_[count_] = end + 1;  // sentinel: at(k) spans [start_[k], start_[k+1] - 1)
}

std::string_view component(std::string_view element, char sep, std::size_t n) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t p = element.find(sep, start);
    if (p == std::string_view::npos) return {};
    start = p + 1;
  }
  std::size_t end = element.find(sep, start);
  return element.substr(start,
                        end == std::string_view::npos ? std::string_view::npos : end - start);
}

}  // namespace denial::detail
