// Rendered claims of a file read ahead of the writer, set aside in a temporary file when the
// memory budget for files ahead is full: the reader appends, the writer reads them back in
// the same order. One reader and one writer thread; a read comes after the append it reads
// (the batch that says so crosses a queue's mutex).
#pragma once

#include <unistd.h>

#include <cstdio>
#include <string>
#include <string_view>

namespace denial_cli {

class Spool {
 public:
  Spool() : file_(std::tmpfile()) {}
  ~Spool() {
    if (file_) std::fclose(file_);
  }
  Spool(const Spool&) = delete;
  Spool& operator=(const Spool&) = delete;

  /// Appends `text`; false (nothing written) when there is no temporary file or it is full.
  bool append(std::string_view text) {
    if (!file_ || failed_) return false;
    const std::size_t done = write_all(text);
    if (done == text.size()) return true;
    // A partial write cannot be taken back: the writer must never read past what was whole.
    failed_ = true;
    return false;
  }

  /// The next `n` bytes appended, into `out` (replacing it).
  bool read(std::size_t n, std::string& out) {
    out.resize(n);
    std::size_t got = 0;
    while (got < n) {
      const ssize_t r =
          pread(fileno(file_), out.data() + got, n - got, static_cast<off_t>(read_at_ + got));
      if (r <= 0) return false;
      got += static_cast<std::size_t>(r);
    }
    read_at_ += n;
    return true;
  }

 private:
  std::size_t write_all(std::string_view text) {
    std::size_t done = 0;
    while (done < text.size()) {
      const ssize_t w = pwrite(fileno(file_), text.data() + done, text.size() - done,
                               static_cast<off_t>(write_at_ + done));
      if (w <= 0) break;
      done += static_cast<std::size_t>(w);
    }
    write_at_ += done;
    return done;
  }

  std::FILE* file_;
  bool failed_ = false;
  std::size_t write_at_ = 0, read_at_ = 0;
};

}  // namespace denial_cli
