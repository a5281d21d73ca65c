#include "ordered_writer.h"

#include <utility>

namespace denial_cli {

OrderedWriter::OrderedWriter(ReadAhead& ahead, std::size_t files, denial::ReportBuilder& builder,
                             denial::ReportWriter& writer, CannotRead cannot_read)
    : ahead_(ahead),
      files_(files),
      builder_(builder),
      writer_(writer),
      cannot_read_(std::move(cannot_read)) {}

void OrderedWriter::file_done() {
  ahead_.release(at_);
  ++at_;
  begun_ = false;
}

Step OrderedWriter::step(bool wait) {
  if (at_ == files_) return Step::done;
  Batch batch;
  if (!begun_) {
    FileReading* f = ahead_.at(at_, wait);
    if (!f) return Step::not_ready;
    batch = std::move(f->first);  // the file is open (or not)
    if (!f->ok) {
      cannot_read_(f->path, f->why);
      unreadable_ = true;
      file_done();
      return Step::wrote;
    }
    ++read_;
    if (denial::is_acknowledgment(f->kind)) {
      builder_.add_prepared(std::move(f->acknowledgment));
      file_done();
      return Step::wrote;
    }
    builder_.begin_streamed(f->path.filename().string(), f->bytes, f->kind);
    begun_ = true;
  } else if (!ahead_.next(at_, batch, wait)) {
    return Step::not_ready;
  }
  bool end = false;
  for (denial::StreamEvent& e : batch) {
    end = e.kind == denial::StreamEvent::Kind::file_end;
    builder_.add_event(e, writer_);
  }
  ahead_.give_back(at_, std::move(batch));
  if (end) file_done();
  return Step::wrote;
}

void OrderedWriter::write(denial::StreamEvent& e) {
  builder_.add_event(e, writer_);
  if (e.kind == denial::StreamEvent::Kind::file_end) file_done();
}

}  // namespace denial_cli
