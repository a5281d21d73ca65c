#include "read_ahead.h"

#include <algorithm>

namespace denial_cli {
namespace {

// Events go over in batches (one lock per batch, not per claim); a few batches per file wait
// at most, so a big file read ahead stays small.
constexpr std::size_t kBatch = 64, kQueuedBatches = 8;
// Files in flight per thread: small files are read whole ahead of the writer.
constexpr std::size_t kFilesPerThread = 8;

}  // namespace

FileReading::FileReading() : events(kQueuedBatches) {}

ReadAhead::ReadAhead(std::vector<std::filesystem::path> files,
                     const denial::ExplainOptions& options, unsigned threads,
                     const denial::ReportWriter& writer)
    : options_(options), writer_(writer), window_(std::max(1u, threads) * kFilesPerThread) {
  for (auto& p : files) {
    files_.push_back(std::make_unique<FileReading>());
    files_.back()->path = std::move(p);
    files_.back()->index = files_.size() - 1;
  }
  for (unsigned t = 0; t < std::max(1u, threads); ++t)
    workers_.push_back(std::make_unique<Worker>());
  for (std::size_t t = 0; t < workers_.size(); ++t) threads_.emplace_back([this, t] { work(t); });
}

ReadAhead::~ReadAhead() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  may_start_.notify_all();
  for (auto& t : threads_) t.join();
}

FileReading& ReadAhead::at(std::size_t i) { return *files_[i]; }

void ReadAhead::release(std::size_t i) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    released_ = i + 1;
  }
  may_start_.notify_all();
}

void ReadAhead::give_back(std::size_t i, Batch batch) {
  Worker& w = *workers_[files_[i]->worker];
  std::lock_guard<std::mutex> lock(w.mutex);
  w.inbox.push_back(std::move(batch));
}

void ReadAhead::recycle(Worker& w) {
  std::vector<Batch> given;
  {
    std::lock_guard<std::mutex> lock(w.mutex);
    given.swap(w.inbox);
  }
  for (Batch& b : given)
    for (denial::StreamEvent& e : b)
      if (e.owned && w.spare.size() < 4 * kBatch) w.spare.push_back(std::move(e.owned));
}

// Files are taken in order, so the file the writer waits for is always being read: a worker
// blocked on a later file's full queue cannot hold it up.
void ReadAhead::work(std::size_t index) {
  Worker& w = *workers_[index];
  for (;;) {
    recycle(w);
    FileReading* f = nullptr;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      may_start_.wait(
          lock, [&] { return stop_ || (next_ < files_.size() && next_ < released_ + window_); });
      if (stop_) return;
      f = files_[next_++].get();
      f->worker = index;
    }
    read(*f, w);
  }
}

void ReadAhead::read(FileReading& f, Worker& w) {
  f.ok = f.input.open(f.path, f.why);
  if (f.ok) {
    f.bytes = f.input.bytes().size();
    f.kind = denial::detect_kind(f.input.bytes());
    if (denial::is_acknowledgment(f.kind))
      f.acknowledgment =
          denial::prepare_file(f.path.filename().string(), f.input.bytes(), options_);
  }
  if (!f.ok || denial::is_acknowledgment(f.kind)) {
    f.input = InputFile();
    f.events.push(Batch());
    return;
  }
  Batch batch;
  batch.reserve(kBatch);
  std::unique_ptr<denial::ClaimRenderer> renderer = writer_.renderer();
  const std::string name = f.path.filename().string();
  auto emit = [&](denial::StreamEvent& e) {
    if (e.kind == denial::StreamEvent::Kind::claim)  // its pages of the input are read
      f.input.drop_before(e.explained.claim->pos.byte_offset);
    // Claims are rendered only ahead of the writer: on the writer's own file, reading here and
    // writing there overlap (one big file on two threads), so they are left for the writer.
    if (renderer) renderer->follow(name, e, f.index != released_);
    batch.push_back(std::move(e));
    if (batch.size() < kBatch) return;
    f.events.push(std::move(batch));
    recycle(w);
    batch = Batch();
    batch.reserve(kBatch);
  };
  denial::StreamOptions stream;
  stream.own_claims = true;
  stream.drafts = writer_.needs_drafts();
  stream.spare = &w.spare;
  denial::stream_explained(f.input.bytes(), options_, stream, emit);
  f.input = InputFile();
  f.events.push(std::move(batch));  // ends with file_end
}

}  // namespace denial_cli
