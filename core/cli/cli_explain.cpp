// explain: files are read as streams of explained claims (claim_stream.h) and each claim is
// written as soon as it is read, so memory holds the worklist rows, not the files' claims.
// With --jobs N, N files are read ahead on threads, each into a bounded queue that the writer
// empties in input order: the same bytes as one thread.
#include "cli_explain.h"

#include <algorithm>
#include <filesystem>
#include <future>
#include <iostream>
#include <memory>
#include <sstream>
#include <thread>

#include "bounded_queue.h"
#include "denial/claim_stream.h"
#include "denial/report.h"
#include "denial/report_writer.h"
#include "input_file.h"

namespace fs = std::filesystem;

namespace denial_cli {
namespace {

constexpr std::size_t kQueuedEvents = 256;  // per file read ahead: a few hundred claims

std::vector<fs::path> list_inputs(const std::vector<std::string>& inputs) {
  std::vector<fs::path> files;
  for (const auto& in : inputs) {
    std::error_code ec;
    if (fs::is_directory(in, ec)) {
      std::vector<fs::path> found;
      for (const auto& e : fs::directory_iterator(in, ec))
        if (e.is_regular_file()) found.push_back(e.path());
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else {
      files.emplace_back(in);
    }
  }
  return files;
}

denial::ReportFormat format_of(const std::string& f) {
  return f == "json"   ? denial::ReportFormat::json
         : f == "text" ? denial::ReportFormat::text
         : f == "csv"  ? denial::ReportFormat::csv
                       : denial::ReportFormat::ndjson;
}

void cannot_read(const fs::path& p, const std::string& why) {
  // One line per file on stderr, flushed before this file's part of the report.
  std::cerr << "denial-explainer: cannot read " << p.string() << ": " << why << std::endl;
}

// Claims give their pages of the input back once read.
void drop_read_pages(InputFile& input, const denial::StreamEvent& e) {
  if (e.kind == denial::StreamEvent::Kind::claim)
    input.drop_before(e.explained.claim->pos.byte_offset);
}

// A claim's history across 277CA, 999 and 835 files needs every 835 row; without
// acknowledgments the report keeps worklist rows only. (detect_kind reads the first segments.)
bool any_acknowledgment(const std::vector<fs::path>& files) {
  for (const fs::path& p : files) {
    InputFile input;
    std::string why;
    if (input.open(p, why) && denial::is_acknowledgment(denial::detect_kind(input.bytes())))
      return true;
  }
  return false;
}

// One file read on a worker thread.
struct Reading {
  fs::path path;
  InputFile input;
  bool ok = false;
  std::string why;
  denial::FileKind kind = denial::FileKind::unknown;
  denial::PreparedFile acknowledgment;  ///< a 277CA or 999, read whole (they are small)
  BoundedQueue<denial::StreamEvent> events{kQueuedEvents};
  std::promise<void> opened;  ///< ok, why, kind and acknowledgment are set
  std::thread thread;

  void run(const denial::ExplainOptions& options) {
    ok = input.open(path, why);
    if (ok) {
      kind = denial::detect_kind(input.bytes());
      if (denial::is_acknowledgment(kind))
        acknowledgment = denial::prepare_file(path.filename().string(), input.bytes(), options);
    }
    opened.set_value();
    if (!ok || denial::is_acknowledgment(kind)) return;
    denial::stream_explained(input.bytes(), options, true, [&](denial::StreamEvent& e) {
      drop_read_pages(input, e);
      events.push(std::move(e));
    });
  }
};

}  // namespace

int explain(const std::vector<std::string>& inputs, const std::string& format, bool pretty,
            bool inline_texts, unsigned jobs, const denial::ExplainOptions& options) {
  const std::vector<fs::path> files = list_inputs(inputs);
  denial::ReportBuilder builder(UINT64_MAX, UINT64_MAX, options);
  builder.keep_worklist_rows_only(!any_acknowledgment(files));
  int status = 0;
  std::size_t read = 0;
  // --pretty is for people reading: it indents the whole report at once instead.
  std::ostringstream pretty_buffer;
  std::ostream& out = pretty && format == "json" ? pretty_buffer : std::cout;
  auto writer = denial::make_writer(format_of(format), out, {false, inline_texts});
  if (jobs <= 1) {
    for (const fs::path& p : files) {
      InputFile input;
      std::string why;
      if (!input.open(p, why)) {
        cannot_read(p, why);
        status = 2;
        continue;
      }
      ++read;
      const denial::FileKind kind = denial::detect_kind(input.bytes());
      if (denial::is_acknowledgment(kind)) {
        builder.add_file(p.filename().string(), input.bytes());
        continue;
      }
      builder.begin_streamed(p.filename().string(), input.bytes().size(), kind);
      denial::stream_explained(input.bytes(), options, false, [&](denial::StreamEvent& e) {
        drop_read_pages(input, e);
        builder.add_event(e, *writer);
      });
    }
  } else {
    std::deque<std::unique_ptr<Reading>> ahead;
    std::size_t next = 0;
    for (std::size_t i = 0; i < files.size(); ++i) {
      for (; next < files.size() && ahead.size() < jobs; ++next) {
        auto r = std::make_unique<Reading>();
        r->path = files[next];
        Reading* raw = r.get();
        raw->thread = std::thread([raw, &options] { raw->run(options); });
        ahead.push_back(std::move(r));
      }
      std::unique_ptr<Reading> r = std::move(ahead.front());
      ahead.pop_front();
      r->opened.get_future().wait();
      if (!r->ok) {
        cannot_read(r->path, r->why);
        status = 2;
      } else if (denial::is_acknowledgment(r->kind)) {
        ++read;
        builder.add_prepared(std::move(r->acknowledgment));
      } else {
        ++read;
        builder.begin_streamed(r->path.filename().string(), r->input.bytes().size(), r->kind);
        for (bool end = false; !end;) {
          denial::StreamEvent e = r->events.pop();
          end = e.kind == denial::StreamEvent::Kind::file_end;
          builder.add_event(e, *writer);
        }
      }
      r->thread.join();
    }
  }
  if (read == 0) return 2;  // nothing to report on: no empty report on stdout
  writer->finish(builder.report());
  if (format == "json") {
    if (pretty) std::cout << denial::pretty_json(pretty_buffer.str());
    std::cout << "\n";
  }
  std::cout.flush();
  for (const auto& f : builder.report().files)
    status = std::max(status, !f.readable ? 2 : f.errors ? 1 : 0);
  return status;
}

}  // namespace denial_cli
