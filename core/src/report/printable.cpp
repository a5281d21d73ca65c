#include "report/printable.h"

#include "text.h"

namespace denial::detail {

std::string printable(std::string_view t, bool keep_tab_cr) {
  static constexpr char kReplacement[] = "\xEF\xBF\xBD";
  std::string out;
  out.reserve(t.size());
  // Runs of plain ASCII are copied whole; this runs over every byte of the memo.
  std::size_t run = 0;
  for (std::size_t i = 0; i < t.size();) {
    auto c = static_cast<unsigned char>(t[i]);
    if ((c >= 0x20 && c < 0x7F) || c == '\n' || (keep_tab_cr && (c == '\t' || c == '\r'))) {
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
