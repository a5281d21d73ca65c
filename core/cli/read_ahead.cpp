#include "read_ahead.h"

#include <algorithm>

namespace denial_cli {
namespace {

// Events go over in batches (one lock per batch, not per claim); a few batches per file wait
// at most, so a big file read ahead stays small.
constexpr std::size_t kBatch = 64, kQueuedBatches = 8;
// Files in flight per thread: small files are read whole ahead of the writer.
constexpr std::size_t kFilesPerThread = 8;
// A cut file: ranges of about equal size, several per thread so the threads stay busy when
// transactions differ in size.
constexpr std::size_t kRangesPerThread = 4;
// A range read ahead of the writer can only overlap it if its claims fit in its queue (the
// writer empties the ranges in order): the queue holds a whole range, up to this bound
// (16k claims; one range per thread may be ahead: ~350 MB peak for 100 MB as JSON, ~1 GB as
// NDJSON, whose rendered lines wait too).
constexpr std::size_t kMaxRangeBatches = 256;

}  // namespace

FileReading::FileReading() : events(kQueuedBatches) {}

ReadAhead::ReadAhead(std::vector<std::filesystem::path> files,
                     const denial::ExplainOptions& options, unsigned threads,
                     const denial::ReportWriter& writer, std::uint64_t split_min_bytes)
    : options_(options),
      writer_(writer),
      split_min_bytes_(split_min_bytes),
      window_(std::max(1u, threads) * kFilesPerThread) {
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

Batch ReadAhead::next(std::size_t i) {
  FileReading& f = *files_[i];
  if (f.ranges.empty()) {
    f.batch_worker = f.worker;
    return f.events.pop();
  }
  RangeReading& range = *f.ranges[f.writer_range];
  Batch batch = range.events.pop();
  f.batch_worker = range.worker;
  if (batch.empty() || batch.back().kind != denial::StreamEvent::Kind::file_end) return batch;
  // A range's end: its diagnostics wait for the file's end, where they are merged.
  f.range_ends.push_back(std::move(batch.back()));
  batch.pop_back();
  if (f.writer_range + 1 == f.ranges.size()) {
    batch.push_back(denial::merge_file_ends(f.range_ends));
  } else {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      ++f.writer_range;  // a later range may start
    }
    may_start_.notify_all();
  }
  return batch;
}

void ReadAhead::give_back(std::size_t i, Batch batch) {
  Worker& w = *workers_[files_[i]->batch_worker];
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

// The first waiting range may start while it is among the next ranges the writer empties
// (one per thread): ranges further ahead would wait, whole, in memory.
bool ReadAhead::range_may_start() const {
  if (pending_.empty()) return false;
  const PendingRange& p = pending_.front();
  return p.range < p.file->writer_range + workers_.size();
}

// Work is taken in input order (files, and the ranges of a cut file before any later file),
// so what the writer waits for is always being read: a worker blocked on a later queue cannot
// hold it up. A range waiting to start keeps later files waiting too.
void ReadAhead::work(std::size_t index) {
  Worker& w = *workers_[index];
  for (;;) {
    recycle(w);
    FileReading* f = nullptr;
    std::size_t range = 0;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      may_start_.wait(lock, [&] {
        return stop_ || range_may_start() ||
               (pending_.empty() && next_ < files_.size() && next_ < released_ + window_);
      });
      if (stop_) return;
      if (!pending_.empty()) {
        f = pending_.front().file;
        range = pending_.front().range;
        pending_.pop_front();
      } else {
        f = files_[next_++].get();
        f->worker = index;
      }
    }
    if (range > 0)
      read_range(*f, range, index);
    else
      read(*f, index);
  }
}

// A file big enough, with several transactions in a plain layout, becomes ranges: the
// others wait for a thread, the first is read here.
bool ReadAhead::cut(FileReading& f) {
  if (workers_.size() < 2 || f.bytes < split_min_bytes_ ||
      f.kind != denial::FileKind::remittance_835)
    return false;
  f.split = denial::plan_split(f.input.bytes(), workers_.size() * kRangesPerThread);
  if (f.split.ranges.empty()) return false;
  for (const denial::TransactionRange& r : f.split.ranges) {
    const std::size_t batches = r.claims / kBatch + 2;
    f.ranges.push_back(
        std::make_unique<RangeReading>(std::clamp(batches, kQueuedBatches, kMaxRangeBatches)));
    f.ranges.back()->dropped = r.begin;
  }
  f.ranges_left = f.ranges.size();
  ++files_cut_;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    // In input order: files are opened on several threads, a later one may be cut first.
    auto at = std::find_if(pending_.begin(), pending_.end(),
                           [&](const PendingRange& p) { return p.file->index > f.index; });
    std::vector<PendingRange> mine;
    for (std::size_t r = 1; r < f.ranges.size(); ++r) mine.push_back({&f, r});
    pending_.insert(at, mine.begin(), mine.end());
  }
  may_start_.notify_all();
  return true;
}

void ReadAhead::read(FileReading& f, std::size_t index) {
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
  if (cut(f)) {
    f.events.push(Batch());  // the file is open; its events come from its ranges
    read_range(f, 0, index);
    return;
  }
  // Claims are rendered only ahead of the writer: on the writer's own file, reading here and
  // writing there overlap (one big file on two threads), so they are left for the writer.
  pump(
      *workers_[index], f.path.filename().string(), f.events,
      [&](std::uint64_t offset) { f.input.drop_before(offset); },
      [&] { return f.index != released_; },
      [&](const denial::StreamOptions& stream, const Emit& emit) {
        denial::stream_explained(f.input.bytes(), options_, stream, emit);
        f.input = InputFile();
      });
}

void ReadAhead::read_range(FileReading& f, std::size_t range, std::size_t index) {
  RangeReading& r = *f.ranges[range];
  r.worker = index;
  // Every claim is rendered here: the threads read the file, the writer only writes.
  pump(
      *workers_[index], f.path.filename().string(), r.events,
      [&](std::uint64_t offset) { f.input.drop_range(r.dropped, offset); }, [] { return true; },
      [&](const denial::StreamOptions& stream, const Emit& emit) {
        denial::stream_explained_range(f.input.bytes(), f.split, range, options_, stream, emit);
        ++ranges_read_;
        // The last range to finish gives the mapping back (the writer never reads the bytes).
        if (--f.ranges_left == 0) f.input = InputFile();
      });
}

// One file or range: its events in batches on `queue`, each claim's pages of the input given
// back once it is read, its text rendered here when `render_here` says so; the last batch
// (ending with the file_end) is pushed after `read` has returned.
void ReadAhead::pump(Worker& w, const std::string& name, BoundedQueue<Batch>& queue,
                     const std::function<void(std::uint64_t)>& drop_before,
                     const std::function<bool()>& render_here, const Read& read) {
  Batch batch;
  batch.reserve(kBatch);
  std::unique_ptr<denial::ClaimRenderer> renderer = writer_.renderer();
  auto emit = [&](denial::StreamEvent& e) {
    if (e.kind == denial::StreamEvent::Kind::claim) drop_before(e.explained.claim->pos.byte_offset);
    if (renderer) renderer->follow(name, e, render_here());
    batch.push_back(std::move(e));
    if (batch.size() < kBatch) return;
    queue.push(std::move(batch));
    recycle(w);
    batch = Batch();
    batch.reserve(kBatch);
  };
  denial::StreamOptions stream;
  stream.own_claims = true;
  stream.drafts = writer_.needs_drafts();
  stream.spare = &w.spare;
  read(stream, emit);
  queue.push(std::move(batch));
}

}  // namespace denial_cli
