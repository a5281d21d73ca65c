// Rendered claims of a file read ahead of the writer, set aside in a temporary file when the
// memory budget for files ahead is full: the reader appends, the writer reads them back in
// the same order. One reader and one writer thread; a read comes after the append it reads
// (the batch that says so crosses a queue's mutex). A batch's texts go in one system call
// and come back in pieces of up to 256 KB, never past what was appended whole: one call per
// claim was most of the spool's cost.
#pragma once

#include <limits.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace denial_cli {

class Spool {
 public:
  Spool() : file_(std::tmpfile()) {}
  ~Spool() {
    if (file_) std::fclose(file_);
  }
  Spool(const Spool&) = delete;
  Spool& operator=(const Spool&) = delete;

  /// Appends `texts` in order; false (none of them readable) when there is no temporary file
  /// or it is full.
  bool append(const std::vector<std::string_view>& texts) {
    if (!file_ || failed_) return false;
    std::vector<iovec> parts;
    std::size_t total = 0;
    for (std::string_view t : texts) {
      parts.push_back({const_cast<char*>(t.data()), t.size()});
      total += t.size();
    }
    std::size_t done = 0, first = 0;
    while (done < total) {
      while (parts[first].iov_len == 0) ++first;  // empty texts (done < total: one is not)
      const int count = static_cast<int>(
          std::min<std::size_t>(parts.size() - first, static_cast<std::size_t>(IOV_MAX)));
      const ssize_t w =
          pwritev(fileno(file_), parts.data() + first, count, static_cast<off_t>(write_at_ + done));
      if (w <= 0) {
        // A partial write cannot be taken back: the writer must never read past what was whole.
        failed_ = true;
        return false;
      }
      done += static_cast<std::size_t>(w);
      // Past what was written, for the next call.
      for (std::size_t left = static_cast<std::size_t>(w); left > 0;) {
        const std::size_t step = std::min(left, parts[first].iov_len);
        parts[first].iov_base = static_cast<char*>(parts[first].iov_base) + step;
        parts[first].iov_len -= step;
        left -= step;
        if (parts[first].iov_len == 0) ++first;
      }
    }
    write_at_ += total;
    whole_.store(write_at_, std::memory_order_release);
    return true;
  }

  /// The file (for a TextInFile) and how much was appended: the next text starts there.
  int fd() const { return file_ ? fileno(file_) : -1; }
  std::size_t size() const { return write_at_; }

  /// The next `n` bytes appended, into `out` (replacing it).
  bool read(std::size_t n, std::string& out) {
    if (held_.size() - used_ < n && !refill(n)) return false;
    out.assign(held_.data() + used_, n);
    used_ += n;
    return true;
  }

 private:
  static constexpr std::size_t kPiece = 256u << 10;

  // At least `n` unread bytes in `held_` (more when the file has them).
  bool refill(std::size_t n) {
    held_.erase(0, used_);
    used_ = 0;
    // What the reader thread is still writing is not read (POSIX orders only whole calls).
    const std::size_t whole = whole_.load(std::memory_order_acquire);
    const std::size_t have = held_.size(),
                      want = std::max(n, std::min(kPiece, have + (whole - read_at_)));
    held_.resize(want);
    std::size_t got = have;
    while (got < n) {
      const ssize_t r = pread(fileno(file_), held_.data() + got, want - got,
                              static_cast<off_t>(read_at_ + got - have));
      if (r <= 0) break;
      got += static_cast<std::size_t>(r);
    }
    read_at_ += got - have;
    held_.resize(got);
    return got >= n;
  }

  std::FILE* file_;
  bool failed_ = false;
  std::size_t write_at_ = 0;
  std::atomic<std::size_t> whole_{0};  ///< appended whole so far (write_at_, for the reader)
  std::size_t read_at_ = 0;            ///< the file's bytes read into held_ so far
  std::string held_;                   ///< read from the file, not yet handed out from used_ on
  std::size_t used_ = 0;
};

}  // namespace denial_cli
