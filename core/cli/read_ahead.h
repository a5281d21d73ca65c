// Files read ahead on a pool of threads for the explain command: each file becomes a stream
// of explained-claim events (claim_stream.h) in its own bounded queue, which the writer
// empties in input order. The writer's thread is one of the pool (take_part): it reads too,
// writing between its batches. Memory: at most `window` files in flight, each a few batches.
// A big file with several transactions is cut into ranges of whole transactions
// (transaction_split.h), read by several threads into a queue each; the writer empties them
// in order, so it sees the events of one sequential read.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "bounded_queue.h"
#include "denial/claim_stream.h"
#include "denial/report.h"
#include "denial/report_writer.h"
#include "denial/transaction_split.h"
#include "input_file.h"
#include "spool.h"

namespace denial_cli {

using Batch = std::vector<denial::StreamEvent>;

/// One range of a file cut at its transactions, as read by a worker.
struct RangeReading {
  BoundedQueue<Batch> events;  ///< ends with the range's own file_end
  std::size_t worker = 0;      ///< the thread reading it (set before its first batch)
  std::uint64_t dropped = 0;   ///< its pages given back up to here (InputFile::drop_range)
  explicit RangeReading(std::size_t capacity) : events(capacity) {}
};

/// One input file as read by a worker. Its first batch (empty for a file that cannot be read,
/// an acknowledgment or a file cut into ranges) is pushed once ok, why, kind, bytes,
/// acknowledgment and ranges are set.
struct FileReading {
  std::filesystem::path path;
  InputFile input;
  std::uint64_t bytes = 0;
  bool ok = false;
  std::string why;
  denial::FileKind kind = denial::FileKind::unknown;
  denial::PreparedFile acknowledgment;  ///< a 277CA or 999, read whole (they are small)
  BoundedQueue<Batch> events;
  Batch first;  ///< its first batch, once at() has returned
  /// Claims rendered ahead of the writer beyond the budget (made by the reader when needed).
  std::unique_ptr<Spool> spool;
  std::size_t index = 0;   ///< its place in the input order
  std::size_t worker = 0;  ///< the thread reading it (set before its first batch)
  /// A file cut at its transactions: its ranges, each with its queue (empty: not cut).
  denial::FileSplit split;
  std::vector<std::unique_ptr<RangeReading>> ranges;
  std::atomic<std::size_t> ranges_left{0};  ///< still being read: the last one unmaps the file
  // The writer's side: the range it empties (ReadAhead's mutex), the file_ends of the ranges
  // it emptied, and the thread that made the batch it holds.
  std::size_t writer_range = 0;
  std::vector<denial::StreamEvent> range_ends;
  std::size_t batch_worker = 0;
  FileReading();
};

/// What the writer did in one step.
enum class Step { wrote, not_ready, done };

/// The writer, as ReadAhead::take_part's thread drives it (OrderedWriter).
class InOrder {
 public:
  virtual ~InOrder() = default;
  /// Writes the next batch in input order (waiting for it when `wait`); `done` once every
  /// file is written.
  virtual Step step(bool wait) = 0;
  /// Whether the writer is on file `i`, its first batch taken: an event of it that nothing
  /// of it waits before (in its queue) may be written at once.
  virtual bool on(std::size_t i) const = 0;
  /// Writes the next event of the file the writer is on (once `on` said so).
  virtual void write(denial::StreamEvent& e) = 0;
};

class ReadAhead {
 public:
  /// `threads` read, the caller's among them: take_part starts the others. The writer
  /// says whether claims need their drafts (StreamOptions::drafts) and may give a renderer:
  /// then a claim read ahead of the writer is rendered and digested (digest_claim, with
  /// `worklist_rows_only` as the report builder's) on the thread that reads its file, which
  /// frees it there: files ahead wait as text and digests, within kAheadBytes over all of
  /// them. Files of at least `split_min_bytes` with several transactions are cut into ranges.
  ReadAhead(std::vector<std::filesystem::path> files, const denial::ExplainOptions& options,
            unsigned threads, const denial::ReportWriter& writer, bool worklist_rows_only,
            std::uint64_t split_min_bytes = kSplitMinBytes);
  ~ReadAhead();
  /// The writer's thread reads files too, and writes between its batches (without waiting)
  /// and whenever there is nothing left to start (waiting): N threads for --jobs N, none of
  /// them only copying, and what it reads of the file the writer is on is written as it is
  /// read, as on one thread. Returns once `writer` is done.
  void take_part(InOrder& writer);
  /// File i (in order), once its first batch is there (then in `first`); without `wait`,
  /// nullptr until it is. Call with i = 0, 1, 2...
  FileReading* at(std::size_t i, bool wait = true);
  /// The file's next batch after the first (from its ranges in turn when it was cut: their
  /// file_ends merged into one at the end); without `wait`, false until there is one.
  bool next(std::size_t i, Batch& batch, bool wait = true);
  /// The writer is done with file i: a later file may be read.
  void release(std::size_t i);
  /// A batch of file i the writer is done with goes back to the thread that made it, which
  /// frees it and reuses its claims: glibc frees another thread's memory slowly (freeing on
  /// the writer's thread doubled the CPU time of reading many small files on two threads).
  void give_back(std::size_t i, Batch batch);
  /// Files cut at their transactions, and their ranges read (for tests: the cut happened).
  std::size_t files_cut() const { return files_cut_; }
  std::size_t ranges_read() const { return ranges_read_; }
  /// Claims rendered and digested on a reader thread, and texts of those set aside in a spool.
  std::size_t claims_digested() const { return digested_; }
  std::size_t texts_spooled() const { return spooled_; }
  /// Texts read ahead left in a file for a writer that keeps_texts_in_files.
  std::size_t texts_left_in_files() const { return left_in_files_; }
  /// Claims written as they were read, on take_part's thread.
  std::size_t claims_written_at_once() const { return written_at_once_; }

  /// Smaller files are read by one thread: cutting them gains less than it costs.
  static constexpr std::uint64_t kSplitMinBytes = 1u << 20;
  /// Rendered claims and digests of files ahead of the writer, over all of them: a file
  /// ahead stops there until the writer has taken some (its own file never waits for it).
  static constexpr std::size_t kAheadBytes = 64u << 20;

 private:
  struct Worker {
    std::mutex mutex;
    std::vector<Batch> inbox;                           ///< batches given back
    std::vector<std::unique_ptr<denial::Claim>> spare;  ///< their claims, to swap into
    std::vector<std::unique_ptr<denial::ClaimDigest>> spare_digests;  ///< theirs, to reuse
    /// Their texts, emptied, to render into: a fresh string grew by doubling for every claim
    /// (most of the reader threads' extra malloc and copying).
    std::vector<std::string> spare_texts;
    std::size_t inbox_texts = 0;  ///< claims with their texts in `inbox` (under mutex)
    /// Texts read ahead for a writer that keeps_texts_in_files, left here for good (one file
    /// per thread: they are read back once, at the writer's end).
    std::shared_ptr<Spool> parts;
  };
  struct PendingRange {
    FileReading* file;
    std::size_t range;
  };
  void work(std::size_t w);
  /// The next file to read (`range` 0), or range of a cut file, for thread `w`; without
  /// `wait`, false when none may start now.
  bool take_work(std::size_t w, bool wait, FileReading*& f, std::size_t& range);
  /// `writer` is given on take_part's thread (which must never wait for itself), null on
  /// the other threads.
  void read(FileReading& f, std::size_t w, InOrder* writer);
  bool cut(FileReading& f);
  void read_range(FileReading& f, std::size_t range, std::size_t w, InOrder* writer);
  using Emit = std::function<void(denial::StreamEvent&)>;
  using Read = std::function<void(const denial::StreamOptions&, const Emit&)>;
  void pump(Worker& w, const std::string& name, BoundedQueue<Batch>& queue,
            const std::function<void(std::uint64_t)>& drop_before,
            const std::function<bool()>& render_here, FileReading* budgeted, InOrder* writer,
            const Read& read);
  /// Whether `bytes` more fit in the budget now.
  bool fits(std::size_t bytes);
  /// A text done with: back to `w`'s pool to be rendered into again, or freed.
  static void reuse_text(Worker& w, std::string& text);
  /// The texts of a batch left in the thread's parts file (TextInFile); returns the memory
  /// they held (0 when they could not be written: they stay).
  std::size_t leave_in_file(Worker& w, Batch& batch);
  /// The texts of a batch of `f` set aside in its spool, read back.
  void unspill(FileReading& f, Batch& batch);
  /// A batch from a queue into `batch` (false without `wait` when there is none yet): what it
  /// held of the budget is given back.
  bool take(BoundedQueue<Batch>& queue, Batch& batch, bool wait);
  /// Waits until `bytes` more fit in the budget or the writer is on file `index`; the
  /// writer's thread (`writer`) writes instead of waiting.
  void wait_for_room(std::size_t bytes, std::size_t index, InOrder* writer);
  bool range_may_start() const;
  void recycle(Worker& w);

  const denial::ExplainOptions& options_;
  const denial::ReportWriter& writer_;
  bool worklist_rows_only_;
  std::size_t ahead_limit_;  ///< kAheadBytes, or DENIAL_AHEAD_BYTES for tests
  std::uint64_t split_min_bytes_;
  std::vector<std::unique_ptr<FileReading>> files_;
  std::size_t window_;
  /// The next file to start (set under mutex_; read without it by the readers).
  std::atomic<std::size_t> next_{0};
  std::atomic<std::size_t> reading_{0};  ///< threads reading a file or range
  /// The file the writer is on (set under mutex_; read without it by the readers).
  std::atomic<std::size_t> released_{0};
  /// Ranges of cut files waiting for a thread, in input order (under mutex_).
  std::deque<PendingRange> pending_;
  std::atomic<std::size_t> files_cut_{0}, ranges_read_{0}, digested_{0}, spooled_{0},
      written_at_once_{0}, left_in_files_{0};
  bool stop_ = false;
  std::size_t ahead_bytes_ = 0;  ///< under mutex_
  std::mutex mutex_;
  std::condition_variable may_start_, room_;
  std::vector<std::unique_ptr<Worker>> workers_;
  std::vector<std::thread> threads_;
};

}  // namespace denial_cli
