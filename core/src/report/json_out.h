// An append-only text buffer over a std::string, for the JSON emitter (claim_json_text.cpp):
// a claim is written in hundreds of small pieces, and std::string's out-of-line append cost
// more than the bytes (a fifth of the JSON writer's instructions). Appends here are inline:
// a bound check and a memcpy. The string holds the text once the buffer is gone.
#pragma once

#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>

namespace denial::detail {

class Out {
 public:
  /// Appends after what `s` holds. Only one Out over a string at a time.
  explicit Out(std::string& s) : s_(s), used_(s.size()) { s_.resize(used_ + kMinRoom); }
  ~Out() { s_.resize(used_); }
  Out(const Out&) = delete;
  Out& operator=(const Out&) = delete;

  void append(const char* p, std::size_t n) {
    if (n == 0) return;  // an empty view may have no data (memcpy must not see null)
    if (n > s_.size() - used_) grow(n);
    std::memcpy(&s_[used_], p, n);
    used_ += n;
  }
  Out& operator+=(std::string_view v) {
    append(v.data(), v.size());
    return *this;
  }
  Out& operator+=(char c) {
    if (used_ == s_.size()) grow(1);
    s_[used_++] = c;
    return *this;
  }
  std::size_t size() const { return used_; }
  /// Drops what was written after `n` bytes.
  void truncate(std::size_t n) { used_ = std::min(used_, n); }

 private:
  static constexpr std::size_t kMinRoom = 256;
  // Doubles what is written so far: resize zero-fills, so room is added as it is needed
  // (a reused string's whole capacity, filled per claim, cost more than it saved).
  [[gnu::noinline]] void grow(std::size_t n) {
    s_.resize(std::max(2 * used_, used_ + n + kMinRoom));
  }

  std::string& s_;
  std::size_t used_;
};

}  // namespace denial::detail
