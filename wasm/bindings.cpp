// embind bindings: thin forwarding to denial::Session and the lookup writers. Sessions are
// addressed by integer handles, so JavaScript never holds an embind object to .delete().
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <map>
#include <memory>
#include <new>

#include "denial/lookup_json.h"
#include "denial/parse.h"
#include "denial/session.h"

namespace {

std::map<int, std::unique_ptr<denial::Session>> sessions;
int next_handle = 1;

// File bytes reach the core through staging buffers: JavaScript asks for one of the file's
// size (stageInput, a handle), copies the bytes into its view (stagedView: one
// TypedArray.set, or chunk by chunk while a File is read), then addStagedFile or scanStaged
// take it. embind's own std::string argument conversion copies byte by byte in JavaScript:
// measured at a third of a 100 MB scan. One buffer per call, so two files read at once (two
// widgets sharing a worker) never share one.
std::map<int, std::string> staged;
int next_stage = 1;

// Handle of a new buffer of `size` bytes, or 0 when no allocation can hold it.
int stage_input(double size) {
  // Beyond the 32-bit address space (or negative): no allocation can hold it.
  if (!(size >= 0) || size >= static_cast<double>(std::string().max_size())) return 0;
  std::string buffer;
  try {
    // JavaScript overwrites every byte: skip the zero fill where the library allows it.
#if defined(_LIBCPP_VERSION)
    buffer.__resize_default_init(static_cast<std::size_t>(size));
#else
    buffer.resize(static_cast<std::size_t>(size));
#endif
  } catch (const std::bad_alloc&) {
    return 0;  // JavaScript reports out_of_memory for the file
  }
  staged.emplace(next_stage, std::move(buffer));
  return next_stage++;
}

// A view of a staging buffer. Take a fresh one after any await: the engine's memory may
// have grown meanwhile, which detaches older views.
emscripten::val staged_view(int stage) {
  auto it = staged.find(stage);
  if (it == staged.end()) return emscripten::val::null();
  return emscripten::val(emscripten::typed_memory_view(it->second.size(), it->second.data()));
}

std::string take_staged(int stage) {
  auto it = staged.find(stage);
  if (it == staged.end()) return {};
  std::string bytes = std::move(it->second);
  staged.erase(it);
  return bytes;
}

void drop_staged(int stage) { staged.erase(stage); }

denial::Session* find(int h) {
  auto it = sessions.find(h);
  return it == sessions.end() ? nullptr : it->second.get();
}

// options_json: {"as_of", "appeal_days", "filing_days"} (JavaScript computes today's date).
int open_session(double keep_claims_up_to, double max_file_bytes, std::string options_json) {
  sessions[next_handle] = std::make_unique<denial::Session>(
      static_cast<std::uint64_t>(keep_claims_up_to), static_cast<std::uint64_t>(max_file_bytes),
      denial::explain_options_from_json(options_json));
  return next_handle++;
}
void close_session(int h) { sessions.erase(h); }

#define FORWARD(name, call)                                          \
  std::string name(int h) {                                          \
    denial::Session* s = find(h);                                    \
    return s ? call : std::string(R"({"error":"no such session"})"); \
  }
FORWARD(summary, s->summary_json())

std::string add_staged_file(int h, std::string name, int stage) {
  denial::Session* s = find(h);
  std::string bytes = take_staged(stage);
  return s ? s->add_file(std::move(name), std::move(bytes)) : R"({"error":"no such session"})";
}
// A file above the session's size limit: refused from its size, never copied in.
std::string add_too_large_file(int h, std::string name, double size) {
  denial::Session* s = find(h);
  if (!s) return R"({"error":"no such session"})";
  if (size <= static_cast<double>(s->max_file_bytes()))
    return R"({"error":"file is not too large"})";
  return s->add_too_large_file(std::move(name), static_cast<std::uint64_t>(size));
}
std::string rows(int h, std::string query, bool mask) {
  auto* s = find(h);
  return s ? s->rows_json(query, mask) : "null";
}
std::string trends(int h, std::string slice_json) {
  auto* s = find(h);
  return s ? s->trends_json(slice_json) : "null";
}
std::string claim(int h, int row, bool mask) {
  auto* s = find(h);
  return s ? s->claim_json(row, mask) : "null";
}
std::string raw_segments(int h, int row) {
  auto* s = find(h);
  return s ? s->raw_segments(row) : "";
}
// A file's trends-only copy (no patient names or IDs) for the page's local library.
std::string redacted_copy(int h, int file) {
  auto* s = find(h);
  return s && file >= 0 ? s->redacted_copy(static_cast<std::size_t>(file)) : "";
}
std::string report_json(int h, bool mask, bool inline_texts) {
  auto* s = find(h);
  return s ? s->report_json(mask, inline_texts) : "null";
}
// The acknowledgments section alone: 277CA claims, 999 sets, claim history, rejections.
std::string acknowledgments(int h, bool mask) {
  auto* s = find(h);
  return s ? s->acknowledgments_json(mask) : "null";
}
std::string worklist_csv(int h, bool mask) {
  auto* s = find(h);
  return s ? s->worklist_csv(mask) : "";
}
std::string ndjson(int h, bool mask) {
  auto* s = find(h);
  return s ? s->ndjson(mask) : "";
}
std::string text(int h, bool mask) {
  auto* s = find(h);
  return s ? s->text(mask) : "";
}
std::string lookup(std::string q) { return denial::lookup_json(q); }
std::string search(std::string q, int limit) { return denial::search_json(q, limit); }
std::string version() { return DENIAL_VERSION; }
// Read + model + balance only (no explanation): counts, for a quick check and the benchmark.
std::string scan_staged(int stage) {
  std::string bytes = take_staged(stage);
  denial::ParseOptions o;
  o.keep_claims = false;
  denial::ParseResult r = denial::parse_835(bytes, o);
  std::size_t errors = 0;
  for (const auto& d : r.diagnostics) errors += d.severity == denial::Severity::error;
  return "{\"readable\":" + std::string(r.readable ? "true" : "false") +
         ",\"transactions\":" + std::to_string(r.era.transactions.size()) +
         ",\"claims\":" + std::to_string(r.claim_count) +
         ",\"balance_findings\":" + std::to_string(r.balance.size()) +
         ",\"errors\":" + std::to_string(errors) + "}";
}

}  // namespace

EMSCRIPTEN_BINDINGS(denial) {
  using emscripten::function;
  function("openSession", &open_session);
  function("closeSession", &close_session);
  function("stageInput", &stage_input);
  function("stagedView", &staged_view);
  function("dropStaged", &drop_staged);
  function("addStagedFile", &add_staged_file);
  function("addTooLargeFile", &add_too_large_file);
  function("summary", &summary);
  function("rows", &rows);
  function("claim", &claim);
  function("trends", &trends);
  function("rawSegments", &raw_segments);
  function("redactedCopy", &redacted_copy);
  function("reportJson", &report_json);
  function("worklistCsv", &worklist_csv);
  function("acknowledgments", &acknowledgments);
  function("ndjson", &ndjson);
  function("text", &text);
  function("lookup", &lookup);
  function("search", &search);
  function("version", &version);
  function("scanStaged", &scan_staged);
}
