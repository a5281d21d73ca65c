// Text built with `<<` like a stream, straight into one std::string: an ostringstream pays a
// sentry and a virtual call per piece and a copy for str(), which showed in the writers'
// profiles (the memo's claim blocks, the patient letters).
#pragma once

#include <charconv>
#include <string>
#include <string_view>
#include <type_traits>

namespace denial::detail {

struct StringOut {
  std::string text;

  StringOut& operator<<(std::string_view v) {
    text += v;
    return *this;
  }
  StringOut& operator<<(char c) {
    text += c;
    return *this;
  }
  /// Integers in decimal, as an ostream writes them.
  template <typename Int, typename = std::enable_if_t<std::is_integral_v<Int>>>
  StringOut& operator<<(Int n) {
    char buf[24];
    text.append(buf, std::to_chars(buf, buf + sizeof buf, n).ptr);
    return *this;
  }
  StringOut& operator<<(double) = delete;  // would silently become a char
};

}  // namespace denial::detail
