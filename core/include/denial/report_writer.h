// Writers that stream (design.md "Writers stream"): a report is written while its files are
// read, claim by claim, and only what needs every file (totals, worklist, diagnostics) waits
// for the end. The one-shot writers (to_json, to_text, worklist_csv, claims_ndjson) are these
// writers run over a finished report, so both give the same bytes.
#pragma once

#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "denial/claim_stream.h"
#include "denial/report.h"

namespace denial {

enum class ReportFormat { json, ndjson, csv, text };

struct WriterOptions {
  bool mask = false;          ///< hide patient names and IDs (for sharing a report)
  bool inline_texts = false;  ///< JSON: every code text inline, no `codes` dictionary
};

/// Where a claim being written sits. While a file streams (ReportBuilder::add_streamed) its
/// transaction is in the report with the header read so far, and whether its payment is a
/// retransmission may not be known yet.
struct ClaimContext {
  const Report& report;
  std::size_t file = 0, transaction = 0;  ///< indexes in the report
  std::size_t row = SIZE_MAX;             ///< in report.rows; SIZE_MAX when not kept
  std::optional<bool> duplicate;          ///< nullopt: decided at the transaction's end
  /// The claim's text from the writer's renderer (read ahead on a reader thread), or nullptr.
  std::string* rendered = nullptr;
  /// Or where that text was left, for a writer that keeps_texts_in_files.
  const TextInFile* in_file = nullptr;
};

/// Writes claims ahead, on the thread that reads their file, for a writer whose claim text
/// needs nothing from the rest of the report (NDJSON): the writer then only copies it. One
/// per file being read; used by one thread at a time.
class ClaimRenderer {
 public:
  virtual ~ClaimRenderer() = default;
  /// The payment whose claims follow: its header as read before its first claim.
  virtual void transaction(std::string_view file_name, const Transaction& header) = 0;
  /// Appends the claim's text as the writer writes it for a payment not known to be a
  /// retransmission.
  virtual void render(const ExplainedClaim& x, std::string& out) = 0;
  /// Follows a reader's events: takes each transaction's header, and renders a claim into
  /// e.rendered when `render_claim` (else leaves it for the writer).
  void follow(std::string_view file_name, StreamEvent& e, bool render_claim = true);
};

class ReportWriter {
 public:
  virtual ~ReportWriter() = default;
  /// One explained claim, in file order. The claim may be gone after the call: the writer
  /// keeps what it still needs. When a reader thread rendered and digested the claim
  /// (StreamEvent::digest), `at.rendered` holds its text and `x` is empty: only writers with
  /// a renderer get such claims.
  virtual void claim(const ClaimContext& at, const ExplainedClaim& x) = 0;
  /// Transaction t is complete in the report (its claims were given to claim() before, or
  /// it keeps only rows).
  virtual void transaction_end(const Report& r, std::size_t t) = 0;
  /// Writes what needs every file (totals, worklist, diagnostics) and flushes.
  virtual void finish(const Report& r) = 0;
  /// Whether claims given to claim() need their drafts (appeal letter, checklist): only the
  /// expanded forms write them.
  virtual bool needs_drafts() const { return false; }
  /// A writer that holds every claim's text until its end (the memo, whose summary comes
  /// first) may be given a text read ahead as where it lies in a temporary file
  /// (ClaimContext::in_file): the reader thread writes it there, and nobody copies it again.
  virtual bool keeps_texts_in_files() const { return false; }
  /// A renderer for a reader thread, or nullptr when claim() needs the report (most writers).
  virtual std::unique_ptr<ClaimRenderer> renderer() const { return nullptr; }
  /// Writes transactions [from, to) of a report that holds them (kept claims or rows):
  /// claim() for each kept claim, then transaction_end().
  void transactions(const Report& r, std::size_t from, std::size_t to);
};

std::unique_ptr<ReportWriter> make_writer(ReportFormat format, std::ostream& out,
                                          WriterOptions options = {});

/// `--format patient`: each patient letter written to `letters` as its claim is read (a form
/// feed between letters); the count and the office's checks go to `tally` (its `letters`
/// stays empty). A retransmitted payment gets no second letter.
std::unique_ptr<ReportWriter> make_patient_writer(std::ostream& letters, PatientLetters& tally);

/// The compact JSON a writer wrote, indented for people (keys in alphabetical order).
std::string pretty_json(const std::string& compact, int indent = 2);

/// Writes a finished report in one go.
void write_report(const Report& r, ReportFormat format, std::ostream& out,
                  WriterOptions options = {});

}  // namespace denial
