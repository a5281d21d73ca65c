// Files read ahead on a pool of threads for the explain command: each file becomes a stream
// of explained-claim events (claim_stream.h) in its own bounded queue, which the writer
// empties in input order. Memory: at most `window` files in flight, each a few batches.
#pragma once

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "bounded_queue.h"
#include "denial/claim_stream.h"
#include "denial/report.h"
#include "denial/report_writer.h"
#include "input_file.h"

namespace denial_cli {

using Batch = std::vector<denial::StreamEvent>;

/// One input file as read by a worker. Its first batch (empty for a file that cannot be read
/// or an acknowledgment) is pushed once ok, why, kind, bytes and acknowledgment are set.
struct FileReading {
  std::filesystem::path path;
  InputFile input;
  std::uint64_t bytes = 0;
  bool ok = false;
  std::string why;
  denial::FileKind kind = denial::FileKind::unknown;
  denial::PreparedFile acknowledgment;  ///< a 277CA or 999, read whole (they are small)
  BoundedQueue<Batch> events;
  std::size_t index = 0;   ///< its place in the input order
  std::size_t worker = 0;  ///< the thread reading it (set before its first batch)
  FileReading();
};

class ReadAhead {
 public:
  /// The writer says whether claims need their drafts (StreamOptions::drafts) and may give
  /// a renderer: then each claim's text is written on the thread that reads its file.
  ReadAhead(std::vector<std::filesystem::path> files, const denial::ExplainOptions& options,
            unsigned threads, const denial::ReportWriter& writer);
  ~ReadAhead();
  /// File i (in order): its first batch waits in `events`. Call with i = 0, 1, 2...
  FileReading& at(std::size_t i);
  /// The writer is done with file i: a later file may be read.
  void release(std::size_t i);
  /// A batch of file i the writer is done with goes back to the thread that made it, which
  /// frees it and reuses its claims: glibc frees another thread's memory slowly (freeing on
  /// the writer's thread doubled the CPU time of reading many small files on two threads).
  void give_back(std::size_t i, Batch batch);

 private:
  struct Worker {
    std::mutex mutex;
    std::vector<Batch> inbox;                           ///< batches given back
    std::vector<std::unique_ptr<denial::Claim>> spare;  ///< their claims, to swap into
  };
  void work(std::size_t w);
  void read(FileReading& f, Worker& w);
  void recycle(Worker& w);

  const denial::ExplainOptions& options_;
  const denial::ReportWriter& writer_;
  std::vector<std::unique_ptr<FileReading>> files_;
  std::size_t window_, next_ = 0;
  /// The file the writer is on (set under mutex_; read without it by the readers).
  std::atomic<std::size_t> released_{0};
  bool stop_ = false;
  std::mutex mutex_;
  std::condition_variable may_start_;
  std::vector<std::unique_ptr<Worker>> workers_;
  std::vector<std::thread> threads_;
};

}  // namespace denial_cli
