#include "report/printable.h"

namespace denial::detail {

std::string printable(std::string_view t, bool keep_tab_cr) {
  static constexpr char kReplacement[] = "\xEF\xBF\xBD";
  std::string out;
  out.reserve(t.size());
  const auto* s = reinterpret_cast<const unsigned char*>(t.data());
  std::size_t n = t.size(), i = 0;
  while (i < n) {
    unsigned char c = s[i];
    if (c < 0x80) {
      bool ok = c >= 0x20 ? c != 0x7F : c == '\n' || (keep_tab_cr && (c == '\t' || c == '\r'));
      if (ok)
        out += static_cast<char>(c);
      else
        out += kReplacement;
      ++i;
      continue;
    }
    std::size_t len = (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    bool ok = len != 0 && i + len <= n && !(len == 2 && c < 0xC2);
    for (std::size_t k = 1; ok && k < len; ++k) ok = (s[i + k] & 0xC0) == 0x80;
    if (ok) {
      out.append(t.substr(i, len));
      i += len;
    } else {
      out += kReplacement;
      ++i;
    }
  }
  return out;
}

}  // namespace denial::detail
