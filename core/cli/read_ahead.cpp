#include "read_ahead.h"

#include <algorithm>
#include <cstdlib>
#include <stdexcept>

namespace denial_cli {
namespace {

// Events go over in batches (one lock per batch, not per claim); a few batches per file wait
// at most, so a big file read ahead stays small.
constexpr std::size_t kBatch = 64, kQueuedBatches = 8;
// A file's queue counts a batch of whole claims as this many units, a batch rendered and
// digested (much smaller) as one: 8 of the first or 64 of the second wait for the writer.
constexpr std::size_t kClaimsBatchUnits = 8;
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
// What a digested claim weighs besides its text (the digest, its row), for the budget.
constexpr std::size_t kDigestBytes = 512;
// Texts given back are rendered into again up to this size (a claim's NDJSON line is ~14 KB).
constexpr std::size_t kSpareTextBytes = 64u << 10;
// What a thread keeps to reuse, of each kind (claims, digests, texts), and of texts given back.
constexpr std::size_t kSpares = 4 * kBatch;

// The texts of a batch's digested claims (what can be set aside in a file), in order.
std::vector<std::string_view> digested_texts(const Batch& batch) {
  std::vector<std::string_view> texts;
  for (const denial::StreamEvent& e : batch)
    if (e.digest && !e.rendered.empty()) texts.push_back(e.rendered);
  return texts;
}

// DENIAL_AHEAD_BYTES sets the budget (tests make it tiny, so every text is spooled).
std::size_t ahead_limit() {
  const char* set = std::getenv("DENIAL_AHEAD_BYTES");
  if (!set || !*set) return ReadAhead::kAheadBytes;
  return std::strtoull(set, nullptr, 10);
}

}  // namespace

FileReading::FileReading() : events(kQueuedBatches * kClaimsBatchUnits) {}

ReadAhead::ReadAhead(std::vector<std::filesystem::path> files,
                     const denial::ExplainOptions& options, unsigned threads,
                     const denial::ReportWriter& writer, bool worklist_rows_only,
                     std::uint64_t split_min_bytes)
    : options_(options),
      writer_(writer),
      worklist_rows_only_(worklist_rows_only),
      ahead_limit_(ahead_limit()),
      split_min_bytes_(split_min_bytes),
      window_(std::max(1u, threads) * kFilesPerThread) {
  for (auto& p : files) {
    files_.push_back(std::make_unique<FileReading>());
    files_.back()->path = std::move(p);
    files_.back()->index = files_.size() - 1;
  }
  for (unsigned t = 0; t < std::max(1u, threads); ++t)
    workers_.push_back(std::make_unique<Worker>());
}

ReadAhead::~ReadAhead() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
    // When the writer stopped early (an exception on its thread), a thread may wait for room
    // in a queue nobody empties: it is let go, and finishes its file without keeping anything.
    for (auto& f : files_) {
      f->events.close();
      for (auto& r : f->ranges) r->events.close();
    }
  }
  may_start_.notify_all();
  room_.notify_all();
  for (auto& t : threads_) t.join();
}

FileReading* ReadAhead::at(std::size_t i, bool wait) {
  FileReading& f = *files_[i];
  if (!take(f.events, f.first, wait)) return nullptr;
  f.batch_worker = f.worker;  // set before the first batch was pushed
  unspill(f, f.first);
  return &f;
}

void ReadAhead::unspill(FileReading& f, Batch& batch) {
  for (denial::StreamEvent& e : batch) {
    if (!e.spilled) continue;
    if (!f.spool->read(e.spilled, e.rendered))
      throw std::runtime_error("cannot read back a temporary file (" + f.path.string() + ")");
    e.spilled = 0;
  }
}

bool ReadAhead::fits(std::size_t bytes) {
  std::lock_guard<std::mutex> lock(mutex_);
  return ahead_bytes_ + bytes <= ahead_limit_;
}

void ReadAhead::release(std::size_t i) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    released_ = i + 1;
  }
  files_[i]->spool.reset();
  may_start_.notify_all();
  room_.notify_all();  // a file waiting for room may be the writer's now
}

bool ReadAhead::take(BoundedQueue<Batch>& queue, Batch& batch, bool wait) {
  std::size_t weight = 0;
  if (!queue.pop(batch, wait, &weight)) return false;
  if (weight > 0) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      ahead_bytes_ -= weight;
    }
    room_.notify_all();
  }
  return true;
}

void ReadAhead::wait_for_room(std::size_t bytes, std::size_t index, InOrder* writer) {
  std::unique_lock<std::mutex> lock(mutex_);
  // One batch always fits: a batch bigger than the budget must not wait forever.
  auto room = [&] {
    return stop_ || ahead_bytes_ == 0 || ahead_bytes_ + bytes <= ahead_limit_ || released_ == index;
  };
  if (writer) {
    // Only the writer makes room: it writes a batch (every file before this one is being
    // read or read whole, so there is one to wait for) and looks again.
    while (!room()) {
      lock.unlock();
      writer->step(true);
      lock.lock();
    }
  } else {
    room_.wait(lock, room);
  }
  ahead_bytes_ += bytes;
}

bool ReadAhead::next(std::size_t i, Batch& batch, bool wait) {
  FileReading& f = *files_[i];
  if (f.ranges.empty()) {
    if (!take(f.events, batch, wait)) return false;
    f.batch_worker = f.worker;
    unspill(f, batch);
    return true;
  }
  RangeReading& range = *f.ranges[f.writer_range];
  if (!take(range.events, batch, wait)) return false;
  f.batch_worker = range.worker;
  if (batch.empty() || batch.back().kind != denial::StreamEvent::Kind::file_end) return true;
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
  return true;
}

void ReadAhead::give_back(std::size_t i, Batch batch) {
  Worker& w = *workers_[files_[i]->batch_worker];
  std::lock_guard<std::mutex> lock(w.mutex);
  // Texts beyond what the thread can reuse are freed here: a thread waiting for room takes
  // no batches back, and texts kept in its inbox would be memory outside the budget.
  if (w.inbox_texts < kSpares)
    w.inbox_texts += batch.size();
  else
    for (denial::StreamEvent& e : batch) std::string().swap(e.rendered);
  w.inbox.push_back(std::move(batch));
}

void ReadAhead::reuse_text(Worker& w, std::string& text) {
  // Kept unless it is large: one long claim must not make every text a long one.
  if (text.capacity() > 0 && text.capacity() <= kSpareTextBytes && w.spare_texts.size() < kSpares) {
    text.clear();
    w.spare_texts.push_back(std::move(text));
  }
  std::string().swap(text);
}

std::size_t ReadAhead::leave_in_file(Worker& w, Batch& batch) {
  if (!w.parts) w.parts = std::make_shared<Spool>();
  const std::vector<std::string_view> texts = digested_texts(batch);
  std::uint64_t at = w.parts->size();
  if (texts.empty() || !w.parts->append(texts)) return 0;  // they stay in memory
  std::size_t freed = 0;
  for (denial::StreamEvent& e : batch) {
    if (!e.digest || e.rendered.empty()) continue;
    e.in_file = {w.parts->fd(), at, e.rendered.size(), w.parts};
    at += e.rendered.size();
    ++left_in_files_;
    freed += e.rendered.capacity();
    reuse_text(w, e.rendered);
  }
  return freed;
}

void ReadAhead::recycle(Worker& w) {
  std::vector<Batch> given;
  {
    std::lock_guard<std::mutex> lock(w.mutex);
    given.swap(w.inbox);
    w.inbox_texts = 0;
  }
  for (Batch& b : given)
    for (denial::StreamEvent& e : b) {
      if (e.owned && w.spare.size() < kSpares) w.spare.push_back(std::move(e.owned));
      if (e.digest && w.spare_digests.size() < kSpares)
        w.spare_digests.push_back(std::move(e.digest));
      reuse_text(w, e.rendered);
    }
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
    if (!take_work(index, true, f, range)) return;  // stopped
    ++reading_;
    if (range > 0)
      read_range(*f, range, index, nullptr);
    else
      read(*f, index, nullptr);
    --reading_;
  }
}

bool ReadAhead::take_work(std::size_t index, bool wait, FileReading*& f, std::size_t& range) {
  std::unique_lock<std::mutex> lock(mutex_);
  auto may_start = [&] {
    return range_may_start() ||
           (pending_.empty() && next_ < files_.size() && next_ < released_ + window_);
  };
  // The writer's thread leaves a lone file to another thread, which then hands its claims
  // over unrendered: reading there and writing here overlap (one 20 MB remit as JSON on two
  // threads: 0.44 s, against 0.67 s read and written here). With several files it reads too:
  // leaving the last one to the others cost more than it saved (tests/bench/README.md).
  const bool writers_thread = index + 1 == workers_.size() && workers_.size() > 1;
  if (wait)
    may_start_.wait(lock, [&] { return stop_ || may_start(); });
  else if (!may_start() || (writers_thread && files_.size() == 1 && pending_.empty()))
    return false;
  if (stop_) return false;
  if (!pending_.empty()) {
    f = pending_.front().file;
    range = pending_.front().range;
    pending_.pop_front();
    if (pending_.empty()) may_start_.notify_all();  // a later file may start now
  } else {
    f = files_[next_++].get();
    f->worker = index;
    range = 0;
  }
  return true;
}

void ReadAhead::take_part(InOrder& writer) {
  // The last worker is this thread; the others start once it has asked for work (so it has
  // the first file, unless that file is alone: see take_work), so that file is read and
  // written as on one thread.
  const std::size_t index = workers_.size() - 1;
  Worker& w = *workers_[index];
  for (bool started = false;;) {
    recycle(w);
    FileReading* f = nullptr;
    std::size_t range = 0;
    const bool took = take_work(index, false, f, range);
    if (!started) {
      started = true;
      for (std::size_t t = 0; t < index; ++t) threads_.emplace_back([this, t] { work(t); });
    }
    if (took) {
      ++reading_;
      if (range > 0)
        read_range(*f, range, index, &writer);
      else
        read(*f, index, &writer);
      --reading_;
    } else if (writer.step(true) == Step::done) {
      return;
    }
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
  std::vector<std::unique_ptr<RangeReading>> ranges;
  for (const denial::TransactionRange& r : f.split.ranges) {
    const std::size_t batches = r.claims / kBatch + 2;
    ranges.push_back(
        std::make_unique<RangeReading>(std::clamp(batches, kQueuedBatches, kMaxRangeBatches)));
    ranges.back()->dropped = r.begin;
  }
  {
    // Under the lock: the destructor closes the ranges' queues, or this sees it stopped.
    std::lock_guard<std::mutex> lock(mutex_);
    if (stop_) return false;
    f.ranges = std::move(ranges);
    f.ranges_left = f.ranges.size();
    ++files_cut_;
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

void ReadAhead::read(FileReading& f, std::size_t index, InOrder* writer) {
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
    read_range(f, 0, index, writer);
    return;
  }
  // Claims are rendered here (the writer only copies) unless this thread is the only one
  // left reading and its file is the writer's: then the writer renders them, so reading here
  // and writing there overlap (the last file, or one big file, on two threads), except while
  // the writer is behind (half the queue's room taken): this thread renders those claims.
  // The writer's own thread renders only what it reads ahead of its writing.
  pump(
      *workers_[index], f.path.filename().string(), f.events,
      [&](std::uint64_t offset) { f.input.drop_before(offset); },
      [&] {
        if (writer) return f.index != released_;
        return f.index != released_ || next_ < files_.size() || reading_ > 1 ||
               f.events.used() >= kQueuedBatches * kClaimsBatchUnits / 2;
      },
      &f, writer,
      [&](const denial::StreamOptions& stream, const Emit& emit) {
        denial::stream_explained(f.input.bytes(), options_, stream, emit);
        f.input = InputFile();
      });
}

void ReadAhead::read_range(FileReading& f, std::size_t range, std::size_t index, InOrder* writer) {
  RangeReading& r = *f.ranges[range];
  r.worker = index;
  // Every claim is rendered here: the threads read the file, the writer only writes (what
  // take_part's thread reads of a range it renders too, and writes later).
  pump(
      *workers_[index], f.path.filename().string(), r.events,
      [&](std::uint64_t offset) { f.input.drop_range(r.dropped, offset); }, [] { return true; },
      nullptr, writer,
      [&](const denial::StreamOptions& stream, const Emit& emit) {
        denial::stream_explained_range(f.input.bytes(), f.split, range, options_, stream, emit);
        ++ranges_read_;
        // The last range to finish gives the mapping back (the writer never reads the bytes).
        if (--f.ranges_left == 0) f.input = InputFile();
      });
}

// One file or range: its events in batches on `queue`, each claim's pages of the input given
// back once it is read; when `render_here` says so and the writer has a renderer, a claim is
// rendered and digested here and freed, its batch then weighs what its texts and digests do.
// Such light batches of a whole file (`budgeted`) wait for room in the budget instead of a
// place in the queue, their texts past half of it in the file's spool; a range's queue (no
// `budgeted`) counts every batch. The last batch (ending with the file_end) is pushed after
// `read` has returned, unless `writer` wrote it at once (take_part's thread).
void ReadAhead::pump(Worker& w, const std::string& name, BoundedQueue<Batch>& queue,
                     const std::function<void(std::uint64_t)>& drop_before,
                     const std::function<bool()>& render_here, FileReading* budgeted,
                     InOrder* writer, const Read& read) {
  Batch batch;
  batch.reserve(kBatch);
  std::size_t light_bytes = 0;
  bool heavy = false;
  std::unique_ptr<denial::ClaimRenderer> renderer = writer_.renderer();
  auto push = [&] {
    const bool light = budgeted && !heavy;
    const bool ahead = budgeted && released_ != budgeted->index;
    // Ahead of a writer that keeps every text to its end (the memo): the texts go to this
    // thread's file for good, and the writer notes where they are.
    if (light && ahead && writer_.keeps_texts_in_files()) light_bytes -= leave_in_file(w, batch);
    // Ahead of the writer with texts over half the budget: they go to the spool, and the
    // digests, smaller, have the other half (they wait when it is full).
    if (light && ahead && !fits(light_bytes + ahead_limit_ / 2)) {
      const std::vector<std::string_view> texts = digested_texts(batch);
      if (!texts.empty() && !budgeted->spool) budgeted->spool = std::make_unique<Spool>();
      if (!texts.empty() && budgeted->spool->append(texts)) {
        for (denial::StreamEvent& e : batch) {
          if (!e.digest || e.rendered.empty()) continue;
          e.spilled = e.rendered.size();
          ++spooled_;
          light_bytes -= e.rendered.capacity();
          reuse_text(w, e.rendered);  // rendered into again here
        }
      }
    }
    if (light) wait_for_room(light_bytes, budgeted->index, writer);
    // Light batches ahead of the writer are bounded by the budget; a range counts batches.
    // (Asked again: the writer may have reached this file while it waited.)
    const std::size_t units = !budgeted ? 1
                              : light   ? (released_ != budgeted->index ? 0 : 1)
                                        : kClaimsBatchUnits;
    // The writer's thread never waits for itself: it writes until its queue has room, and
    // after each batch writes what is ready (its own file's batch, when the writer is on it).
    if (writer)
      while (!queue.has_room(units)) writer->step(true);
    queue.push(std::move(batch), units, light ? light_bytes : 0);
    light_bytes = 0;
    heavy = false;
    if (writer)
      while (writer->step(false) == Step::wrote) {
      }
  };
  // On the writer's thread, an event of the file the writer is on with nothing of it queued
  // is written at once, as on one thread (no copy, the claim reused).
  const bool whole_file = budgeted != nullptr;
  auto write_now = [&] {
    return writer && whole_file && batch.empty() && writer->on(budgeted->index) && queue.empty();
  };
  bool ended = false;  // the file_end written at once: nothing left to push
  auto emit = [&](denial::StreamEvent& e) {
    const bool claim = e.kind == denial::StreamEvent::Kind::claim;
    if (claim) drop_before(e.explained.claim->pos.byte_offset);
    if (write_now()) {
      ended = e.kind == denial::StreamEvent::Kind::file_end;
      writer->write(e);
      if (claim) ++written_at_once_;
      return;
    }
    // A claim the reader kept (own_this_claim said no) must be done with here.
    const bool here = renderer && claim && (!e.owned || render_here());
    if (here && !w.spare_texts.empty()) {
      e.rendered = std::move(w.spare_texts.back());
      w.spare_texts.pop_back();
    }
    if (renderer) renderer->follow(name, e, here);
    if (claim) {
      if (here) {
        if (w.spare_digests.empty()) {
          e.digest = std::make_unique<denial::ClaimDigest>();
        } else {
          e.digest = std::move(w.spare_digests.back());
          w.spare_digests.pop_back();
        }
        denial::digest_claim(e.explained, worklist_rows_only_, *e.digest);
        ++digested_;
        e.explained = denial::ExplainedClaim();
        if (e.owned && w.spare.size() < kSpares) w.spare.push_back(std::move(e.owned));
        e.owned.reset();
        // What the text holds of memory (a reused string may have room beyond its text).
        light_bytes += e.rendered.capacity() + kDigestBytes;
      } else {
        heavy = true;
      }
    }
    batch.push_back(std::move(e));
    if (batch.size() < kBatch) return;
    push();
    recycle(w);
    batch = Batch();
    batch.reserve(kBatch);
  };
  denial::StreamOptions stream;
  stream.own_claims = true;
  stream.drafts = writer_.needs_drafts();
  stream.spare = &w.spare;
  // Claims rendered here are digested during emit, and claims written at once are written
  // then: the reader may keep them.
  if (renderer)
    stream.own_this_claim = [&] { return !render_here() && !write_now(); };
  else if (writer)
    stream.own_this_claim = [&] { return !write_now(); };
  read(stream, emit);
  if (!ended) push();
}

}  // namespace denial_cli
