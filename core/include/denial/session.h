// A viewer session over many files: the API the wasm module exposes, as plain JSON strings.
// It keeps the report and the file bytes (for claim detail and raw segments on demand), so
// big files never become one giant JSON string.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>

#include "denial/report.h"

namespace denial {

/// Options from JSON {"as_of": "YYYY-MM-DD", "appeal_days": N, "filing_days": N} (each
/// optional; anything malformed is ignored), as the wasm API passes them.
ExplainOptions explain_options_from_json(std::string_view json);

class Session {
 public:
  /// Files are read in big-file mode (rows kept, claims rebuilt on demand) once the files
  /// kept in full would pass keep_claims_up_to bytes together; above max_file_bytes a file
  /// is refused (input_too_large).
  explicit Session(std::uint64_t keep_claims_up_to = 32u << 20,
                   std::uint64_t max_file_bytes = 512u << 20, ExplainOptions options = {});

  /// Reads one more file; returns {"file": index, "name", "status", "claims", ...}.
  std::string add_file(std::string name, std::string bytes);
  /// A file of `size` bytes, above max_file_bytes: refused (input_too_large) without its
  /// bytes ever being copied in. Returns the same status as add_file.
  std::string add_too_large_file(std::string name, std::uint64_t size);
  std::uint64_t max_file_bytes() const { return builder_.max_file_bytes(); }
  /// Files, summary, worklist size, transactions (headers only), balance, diagnostics.
  std::string summary_json() const;
  /// One page of claim rows: query is a JSON object with the RowQuery fields.
  std::string rows_json(std::string_view query_json, bool mask = false) const;
  std::string claim_json(std::size_t row, bool mask = false) const;
  /// Trends (breakdowns.h trends_json) narrowed by a slice {"payer","month","provider"}.
  std::string trends_json(std::string_view slice_json) const;
  std::string raw_segments(std::size_t row) const;
  // inline_texts: the expanded form (texts where used, as --inline-texts), not the compact one.
  std::string report_json(bool mask = false, bool inline_texts = false) const;
  /// The acknowledgments section alone (277CA, 999, claim history, rejections to work).
  std::string acknowledgments_json(bool mask = false) const;
  std::string worklist_csv(bool mask = false) const;
  std::string ndjson(bool mask = false) const;
  std::string text(bool mask = false) const;
  /// The trends-only copy of file `file` (denial/redact.h): empty when it is not an 835.
  std::string redacted_copy(std::size_t file) const;
  const Report& report() const { return builder_.report(); }

 private:
  std::string file_status_json() const;  ///< status of the file added last
  /// Rows and diagnostics before the file added last: its status reads only its own (a
  /// scan of every row per file made many small files quadratic).
  std::size_t rows_before_ = 0, diagnostics_before_ = 0;
  ReportBuilder builder_;
  std::deque<std::string> bytes_;  ///< one per file, by file index (empty for refused files)
};

}  // namespace denial
