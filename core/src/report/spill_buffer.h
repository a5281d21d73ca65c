// Output that has to wait (the memo's claim blocks, written after its summary; NDJSON lines
// of a payment not yet judged): kept in memory up to a limit, then in a temporary file, so
// memory stays flat whatever the file's size.
#pragma once

#include <unistd.h>

#include <cstdio>
#include <string>
#include <string_view>

namespace denial::detail {

class SpillBuffer {
 public:
  /// Spilled in pieces that stay in the CPU's cache: the kernel's copy into the file was a
  /// third of a memo's time with 4 MB pieces (100 MB remit as text: 3.26 -> 2.68 s).
  explicit SpillBuffer(std::size_t limit = 256u << 10) : limit_(limit) {}
  ~SpillBuffer() {
    if (file_) std::fclose(file_);
  }
  SpillBuffer(const SpillBuffer&) = delete;
  SpillBuffer& operator=(const SpillBuffer&) = delete;

  void append(std::string_view s) {
    buffer_ += s;
    if (buffer_.size() > limit_) spill();
  }
  bool empty() const { return buffer_.empty() && !spilled_; }

  /// Hands everything to `out` in order, in chunks, and empties the buffer.
  template <class Out>
  void drain(Out&& out) {
    if (spilled_) {
      std::rewind(file_);
      char chunk[1 << 16];
      for (std::size_t n; (n = std::fread(chunk, 1, sizeof chunk, file_)) > 0;)
        out(std::string_view(chunk, n));
      std::rewind(file_);
      if (ftruncate(fileno(file_), 0) != 0) {  // cannot reuse it: start another next time
        std::fclose(file_);
        file_ = nullptr;
      }
      spilled_ = false;
    }
    if (!buffer_.empty()) out(std::string_view(buffer_));
    buffer_.clear();
  }

 private:
  void spill() {
    if (!file_) file_ = std::tmpfile();
    // Without a temporary file the output stays in memory.
    if (file_ && std::fwrite(buffer_.data(), 1, buffer_.size(), file_) == buffer_.size()) {
      spilled_ = true;
      buffer_.clear();
    }
  }

  std::size_t limit_;
  std::string buffer_;
  std::FILE* file_ = nullptr;
  bool spilled_ = false;
};

}  // namespace denial::detail
