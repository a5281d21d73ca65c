#include "input_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace denial_cli {

namespace {
constexpr std::uint64_t kDropStep = 8u << 20;  // give pages back 8 MB at a time
}

InputFile::~InputFile() { close(); }

InputFile::InputFile(InputFile&& o) noexcept { *this = std::move(o); }

InputFile& InputFile::operator=(InputFile&& o) noexcept {
  if (this != &o) {
    close();
    data_ = std::exchange(o.data_, nullptr);
    size_ = std::exchange(o.size_, 0);
    mapped_ = std::exchange(o.mapped_, false);
    dropped_ = std::exchange(o.dropped_, 0);
  }
  return *this;
}

void InputFile::close() {
  if (mapped_) munmap(const_cast<char*>(data_), size_);
  data_ = nullptr;
  size_ = 0;
  mapped_ = false;
  dropped_ = 0;
}

bool InputFile::open(const std::filesystem::path& path, std::string& why) {
  close();
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    why = std::strerror(ENOENT);
    return false;
  }
  if (!std::filesystem::is_regular_file(path, ec)) {
    why = "not a regular file";
    return false;
  }
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    why = std::strerror(errno);
    return false;
  }
  struct stat st {};
  if (fstat(fd, &st) != 0) {
    why = std::strerror(errno);
    ::close(fd);
    return false;
  }
  size_ = static_cast<std::size_t>(st.st_size);
  if (size_ == 0) {  // nothing to map: an empty input
    ::close(fd);
    return true;
  }
  void* p = mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
  int mmap_errno = errno;
  ::close(fd);
  if (p == MAP_FAILED) {
    why = std::strerror(mmap_errno);
    size_ = 0;
    return false;
  }
  madvise(p, size_, MADV_SEQUENTIAL);
  data_ = static_cast<const char*>(p);
  mapped_ = true;
  return true;
}

void InputFile::drop_before(std::uint64_t offset) {
  if (!mapped_ || offset < dropped_ + 2 * kDropStep) return;
  const std::uint64_t page = static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
  // Keep the last step: the segment being read started before `offset`.
  std::uint64_t upto = (offset - kDropStep) / page * page;
  if (upto <= dropped_) return;
  madvise(const_cast<char*>(data_) + dropped_, upto - dropped_, MADV_DONTNEED);
  dropped_ = upto;
}

void InputFile::drop_range(std::uint64_t& dropped, std::uint64_t offset) const {
  if (!mapped_ || offset < dropped + 2 * kDropStep) return;
  const std::uint64_t page = static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
  // Whole pages of the range only: the page it starts in may hold the previous range's end.
  const std::uint64_t from = (dropped + page - 1) / page * page;
  const std::uint64_t upto = (offset - kDropStep) / page * page;
  if (upto <= from) return;
  madvise(const_cast<char*>(data_) + from, upto - from, MADV_DONTNEED);
  dropped = upto;
}

}  // namespace denial_cli
