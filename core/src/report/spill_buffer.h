// Output that has to wait (the memo's claim blocks, written after its summary; NDJSON lines
// of a payment not yet judged): kept in memory up to a limit, then in a temporary file, so
// memory stays flat whatever the file's size. Texts that a reader thread already left in a
// file of its own (TextInFile) are not copied: the buffer notes where they are.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "denial/claim_stream.h"

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

  /// A text where it lies in another file (kept open by its `keep`), after what came before.
  void append(const TextInFile& t) {
    if (!buffer_.empty()) spill();
    if (!buffer_.empty()) {  // no temporary file: the text joins the rest in memory
      std::string text(t.length, '\0');
      if (read_at(t.fd, t.offset, text.data(), t.length) == t.length) buffer_ += text;
      return;
    }
    add_piece(t.fd, t.offset, t.length, t.keep);
  }

  bool empty() const { return buffer_.empty() && pieces_.empty(); }

  /// Hands everything to `out` in order, in chunks, and empties the buffer.
  template <class Out>
  void drain(Out&& out) {
    char chunk[1 << 16];
    for (const Piece& p : pieces_) {
      for (std::uint64_t done = 0; done < p.length;) {
        const std::size_t want =
            static_cast<std::size_t>(std::min<std::uint64_t>(sizeof chunk, p.length - done));
        const std::size_t got = read_at(p.fd, p.offset + done, chunk, want);
        if (got == 0) break;  // the file was cut short: what could be read was written
        out(std::string_view(chunk, got));
        done += got;
      }
    }
    pieces_.clear();
    if (file_ && written_ > 0 && ftruncate(fileno(file_), 0) != 0) {
      std::fclose(file_);  // cannot reuse it: start another next time
      file_ = nullptr;
    }
    written_ = 0;
    if (!buffer_.empty()) out(std::string_view(buffer_));
    buffer_.clear();
  }

 private:
  struct Piece {
    int fd;
    std::uint64_t offset, length;
    std::shared_ptr<const void> keep;
  };

  static std::size_t read_at(int fd, std::uint64_t offset, char* to, std::size_t n) {
    std::size_t got = 0;
    while (got < n) {
      const ssize_t r = pread(fd, to + got, n - got, static_cast<off_t>(offset + got));
      if (r <= 0) break;
      got += static_cast<std::size_t>(r);
    }
    return got;
  }

  // Next to the last piece when it continues it (a run of texts of one file, or of spills).
  void add_piece(int fd, std::uint64_t offset, std::uint64_t length,
                 std::shared_ptr<const void> keep) {
    if (!pieces_.empty()) {
      Piece& last = pieces_.back();
      if (last.fd == fd && last.offset + last.length == offset) {
        last.length += length;
        return;
      }
    }
    pieces_.push_back({fd, offset, length, std::move(keep)});
  }

  void spill() {
    if (!file_) file_ = std::tmpfile();
    // Without a temporary file the output stays in memory.
    if (!file_) return;
    std::size_t done = 0;
    while (done < buffer_.size()) {
      const ssize_t w = pwrite(fileno(file_), buffer_.data() + done, buffer_.size() - done,
                               static_cast<off_t>(written_ + done));
      if (w <= 0) break;
      done += static_cast<std::size_t>(w);
    }
    if (done == buffer_.size()) {
      add_piece(fileno(file_), written_, done, nullptr);
      written_ += done;
      buffer_.clear();
    }
    // A partial write is left past `written_` and written over by the next spill.
  }

  std::size_t limit_;
  std::string buffer_;
  std::FILE* file_ = nullptr;
  std::uint64_t written_ = 0;  ///< bytes of file_ that pieces name
  std::vector<Piece> pieces_;  ///< in order: spilled ranges of file_ and texts in others
};

}  // namespace denial::detail
