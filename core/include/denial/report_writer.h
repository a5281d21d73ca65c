// Writers that stream (design.md "Writers stream"): a report is written while its files are
// read, claim by claim, and only what needs every file (totals, worklist, diagnostics) waits
// for the end. The one-shot writers (to_json, to_text, worklist_csv, claims_ndjson) are these
// writers run over a finished report, so both give the same bytes.
#pragma once

#include <iosfwd>
#include <memory>
#include <string>

#include "denial/report.h"

namespace denial {

enum class ReportFormat { json, ndjson, csv, text };

struct WriterOptions {
  bool mask = false;          ///< hide patient names and IDs (for sharing a report)
  bool inline_texts = false;  ///< JSON: every code text inline, no `codes` dictionary
};

class ReportWriter {
 public:
  virtual ~ReportWriter() = default;
  /// Writes what is final about transactions [from, to) of `r`: call after each
  /// ReportBuilder::add_file with the transactions it added. Their claims may be released
  /// afterwards (ReportBuilder::release_claims): the writer keeps what it still needs.
  virtual void transactions(const Report& r, std::size_t from, std::size_t to) = 0;
  /// Writes what needs every file (totals, worklist, diagnostics) and flushes.
  virtual void finish(const Report& r) = 0;
};

std::unique_ptr<ReportWriter> make_writer(ReportFormat format, std::ostream& out,
                                          WriterOptions options = {});

/// The compact JSON a writer wrote, indented for people (keys in alphabetical order).
std::string pretty_json(const std::string& compact, int indent = 2);

/// Writes a finished report in one go.
void write_report(const Report& r, ReportFormat format, std::ostream& out,
                  WriterOptions options = {});

}  // namespace denial
