// explain: files are read as streams of explained claims (claim_stream.h) and each claim is
// written as soon as it is read, so memory holds the worklist rows, not the files' claims.
// With --jobs N, N files are read ahead on threads, each into a bounded queue that the writer
// empties in input order: the same bytes as one thread.
#include "cli_explain.h"

#include <algorithm>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli_patient.h"
#include "denial/claim_stream.h"
#include "denial/report.h"
#include "denial/report_writer.h"
#include "input_file.h"
#include "ordered_writer.h"
#include "read_ahead.h"

namespace fs = std::filesystem;

namespace denial_cli {
namespace {

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

// With --split-transactions, files from this size on are cut at their transactions (--jobs
// 2+). DENIAL_SPLIT_MIN_BYTES
// sets it (tests cut small files; 0 cuts every file that can be cut).
std::uint64_t split_min_bytes() {
  const char* set = std::getenv("DENIAL_SPLIT_MIN_BYTES");
  if (!set || !*set) return ReadAhead::kSplitMinBytes;
  return std::strtoull(set, nullptr, 10);
}

}  // namespace

int explain(const std::vector<std::string>& inputs, const std::string& format, bool pretty,
            bool inline_texts, unsigned jobs, bool split, const denial::ExplainOptions& options) {
  const std::vector<fs::path> files = list_inputs(inputs);
  denial::ReportBuilder builder(UINT64_MAX, UINT64_MAX, options);
  builder.keep_worklist_rows_only(!any_acknowledgment(files));
  int status = 0;
  std::size_t read = 0;
  // --pretty is for people reading: it indents the whole report at once instead.
  std::ostringstream pretty_buffer;
  std::ostream& out = pretty && format == "json" ? pretty_buffer : std::cout;
  denial::PatientLetters letters;
  auto writer = format == "patient"
                    ? denial::make_patient_writer(std::cout, letters)
                    : denial::make_writer(format_of(format), out, {false, inline_texts});
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
      denial::StreamOptions stream;
      stream.drafts = writer->needs_drafts();
      denial::stream_explained(input.bytes(), options, stream, [&](denial::StreamEvent& e) {
        drop_read_pages(input, e);
        builder.add_event(e, *writer);
      });
    }
  } else {
    // Cutting a file is asked for: on two shared cores it cost more CPU than it saved
    // (tests/bench/README.md), so --jobs alone does not do it.
    ReadAhead ahead(files, options, jobs, *writer, builder.worklist_rows_only(),
                    split ? split_min_bytes() : UINT64_MAX);
    OrderedWriter ordered(ahead, files.size(), builder, *writer, cannot_read);
    try {
      ahead.take_part(ordered);
    } catch (const std::exception& e) {
      // Such as a temporary file that cannot be read back: what was written stands, the rest
      // is not written, and the other threads are let go (~ReadAhead).
      std::cout.flush();
      std::cerr << "denial-explainer: " << e.what() << "; the report is incomplete" << std::endl;
      return 2;
    }
    read = ordered.read();
    if (ordered.any_unreadable()) status = 2;
    // For tests and measurements: proof that a file was cut and its ranges read on threads,
    // and that claims were rendered ahead of the writer (and spooled).
    if (std::getenv("DENIAL_SPLIT_STATS"))
      std::cerr << "denial-explainer: " << ahead.files_cut() << " files cut into "
                << ahead.ranges_read() << " ranges; " << ahead.claims_digested()
                << " claims digested on reader threads, " << ahead.texts_spooled()
                << " of their texts spooled, " << ahead.texts_left_in_files()
                << " left in files for the memo; " << ahead.claims_written_at_once()
                << " claims written as read on the writer's thread\n";
  }
  if (read == 0) return 2;  // nothing to report on: no empty report on stdout
  writer->finish(builder.report());
  if (format == "json") {
    if (pretty) std::cout << denial::pretty_json(pretty_buffer.str());
    std::cout << "\n";
  }
  std::cout.flush();
  if (format == "patient") report_office_checks(letters);
  for (const auto& f : builder.report().files)
    status = std::max(status, !f.readable ? 2 : f.errors ? 1 : 0);
  return status;
}

}  // namespace denial_cli
