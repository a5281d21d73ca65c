#include "report/printable.h"

#include <array>

#include "ascii_words.h"
#include "text.h"

namespace denial::detail {
namespace {

// Bytes kept as they are: printable ASCII and the newline; tab and CR when asked (column 1).
constexpr std::array<std::array<bool, 256>, 2> kKept = [] {
  std::array<std::array<bool, 256>, 2> t{};
  for (int keep = 0; keep < 2; ++keep) {
    for (int c = 0x20; c < 0x7F; ++c) t[keep][c] = true;
    t[keep]['\n'] = true;
    t[keep]['\t'] = t[keep]['\r'] = keep == 1;
  }
  return t;
}();

// Where the next byte printable() replaces is, from `from` on (the size when none): runs of
// plain ASCII are skipped eight bytes at a time (this runs over every byte of the memo), valid
// UTF-8 is kept.
std::size_t next_to_replace(std::string_view t, std::size_t from,
                            const std::array<bool, 256>& kept) {
  for (std::size_t i = from; i < t.size();) {
    if (i + 8 <= t.size() && printable_word(load_word(t.data() + i))) {
      i += 8;
      continue;
    }
    const auto c = static_cast<unsigned char>(t[i]);
    if (kept[c]) {
      ++i;
      continue;
    }
    const std::size_t len = utf8_sequence(t, i);
    if (len == 0 || (len == 1 && (c < 0x20 || c == 0x7F))) return i;
    i += len;
  }
  return t.size();
}

}  // namespace

void make_printable(std::string& text, bool keep_tab_cr) {
  // Most text is plain: one scan, and the memo's claim blocks are not copied.
  if (next_to_replace(text, 0, kKept[keep_tab_cr ? 1 : 0]) == text.size()) return;
  text = printable(text, keep_tab_cr);
}

std::string printable(std::string_view t, bool keep_tab_cr) {
  static constexpr char kReplacement[] = "\xEF\xBF\xBD";
  const std::array<bool, 256>& kept = kKept[keep_tab_cr ? 1 : 0];
  std::string out;
  out.reserve(t.size());
  std::size_t run = 0;  // bytes of t copied so far
  for (std::size_t i; (i = next_to_replace(t, run, kept)) < t.size(); run = i + 1) {
    out.append(t.data() + run, i - run);
    out += kReplacement;  // one byte replaced
  }
  out.append(t.data() + run, t.size() - run);
  return out;
}

}  // namespace denial::detail
