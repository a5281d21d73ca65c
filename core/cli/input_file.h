// One input file of the CLI, mapped read-only instead of copied: its pages come from the page
// cache and are dropped from this process's memory once read (drop_before), so reading a big
// file costs little more memory than the rows it leaves.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace denial_cli {

class InputFile {
 public:
  InputFile() = default;
  ~InputFile();
  InputFile(InputFile&& other) noexcept;
  InputFile& operator=(InputFile&& other) noexcept;
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;

  /// False with the reason (errno text) in `why` when the file cannot be read.
  bool open(const std::filesystem::path& path, std::string& why);
  std::string_view bytes() const { return {data_, size_}; }
  /// The bytes before `offset` will not be read again: give their pages back (they are
  /// read again from the file, unchanged, if they are).
  void drop_before(std::uint64_t offset);
  /// The same for one range of the file read on its own thread (a file cut at its
  /// transactions): `dropped` is that range's mark, set to its first byte before it is read.
  void drop_range(std::uint64_t& dropped, std::uint64_t offset) const;

 private:
  void close();
  const char* data_ = nullptr;
  std::size_t size_ = 0;
  bool mapped_ = false;
  std::uint64_t dropped_ = 0;
};

}  // namespace denial_cli
