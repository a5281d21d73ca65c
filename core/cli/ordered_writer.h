// The writer's side of `explain --jobs N`: files written in input order from what ReadAhead
// has read, one batch per step, so that the thread that writes can read files between steps.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>

#include "denial/report.h"
#include "denial/report_writer.h"
#include "read_ahead.h"

namespace denial_cli {

class OrderedWriter : public InOrder {
 public:
  /// `cannot_read` is told of each file that cannot be read, when its turn comes.
  using CannotRead = std::function<void(const std::filesystem::path&, const std::string&)>;
  OrderedWriter(ReadAhead& ahead, std::size_t files, denial::ReportBuilder& builder,
                denial::ReportWriter& writer, CannotRead cannot_read);
  /// Writes the next batch (or takes an acknowledgment, or names a file that cannot be read);
  /// without `wait`, not_ready when it is not there yet.
  Step step(bool wait) override;
  bool on(std::size_t i) const override { return i == at_ && begun_; }
  void write(denial::StreamEvent& e) override;
  /// Files read (an acknowledgment counts), and whether one could not be.
  std::size_t read() const { return read_; }
  bool any_unreadable() const { return unreadable_; }

 private:
  void file_done();

  ReadAhead& ahead_;
  std::size_t files_;
  denial::ReportBuilder& builder_;
  denial::ReportWriter& writer_;
  CannotRead cannot_read_;
  std::size_t at_ = 0;  ///< the file being written
  bool begun_ = false;  ///< its first batch taken
  std::size_t read_ = 0;
  bool unreadable_ = false;
};

}  // namespace denial_cli
