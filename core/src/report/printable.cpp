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

// Where the first byte printable() would change is (the size when none).
std::size_t first_to_replace(std::string_view t, const std::array<bool, 256>& kept) {
  for (std::size_t i = 0; i < t.size();) {
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
  if (first_to_replace(text, kKept[keep_tab_cr ? 1 : 0]) == text.size()) return;
  text = printable(text, keep_tab_cr);
}

std::string printable(std::string_view t, bool keep_tab_cr) {
  static constexpr char kReplacement[] = "\xEF\xBF\xBD";
  std::string out;
  out.reserve(t.size());
  // Runs of plain ASCII are copied whole; this runs over every byte of the memo.
  const std::array<bool, 256>& kept = kKept[keep_tab_cr ? 1 : 0];
  std::size_t run = 0;
  for (std::size_t i = 0; i < t.size();) {
    if (i + 8 <= t.size() && printable_word(load_word(t.data() + i))) {
      i += 8;
      continue;
    }
    auto c = static_cast<unsigned char>(t[i]);
    if (kept[c]) {
      ++i;
      continue;
    }
    out.append(t.data() + run, i - run);
    std::size_t len = utf8_sequence(t, i);
    bool control = len == 1 && (c < 0x20 || c == 0x7F);
    if (len == 0 || control) {
      out += kReplacement;
      ++i;
    } else {
      out.append(t.substr(i, len));
      i += len;
    }
    run = i;
  }
  out.append(t.data() + run, t.size() - run);
  return out;
}

}  // namespace denial::detail
