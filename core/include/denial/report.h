// A report over one or many 835 files: every transaction and claim explained, batch totals,
// the worklist, and writers for JSON (schema docs/report-schema.md), text, CSV and NDJSON.
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "denial/ack.h"
#include "denial/breakdowns.h"
#include "denial/explain.h"
#include "denial/parse.h"

namespace denial {

inline constexpr std::string_view kSchemaVersion = "4.0";

struct FileInfo {
  std::string name;
  std::uint64_t bytes = 0;
  bool readable = false;
  std::size_t errors = 0, warnings = 0;
  std::size_t balance_findings = 0;  ///< lines, claims or payments that do not balance
  std::size_t first_transaction = 0, transactions = 0;
  FileKind kind = FileKind::unknown;  ///< 835, 277CA, 999, other X12, or not X12
};

/// The 277CA and 999 transaction sets read, each with the index of its file
/// (docs/acknowledgments.md).
struct Acknowledgments {
  std::deque<ClaimAcknowledgment> claim_acks;
  std::vector<std::size_t> claim_ack_file;
  std::deque<ImplementationAcknowledgment> implementation_acks;
  std::vector<std::size_t> implementation_ack_file;
  bool empty() const { return claim_acks.empty() && implementation_acks.empty(); }
};

/// One line per claim, always kept (also in big-file mode): enough to list, filter, sort and
/// find the claim again in its file.
struct ClaimRow {
  std::size_t file = 0, transaction = 0, claim = 0;  ///< transaction: index in Report
  std::string patient_control_number, payer_claim_number, patient_name, status;
  Cents charge = 0, paid = 0, patient_responsibility = 0;
  Outcome outcome = Outcome::paid_as_expected;
  Action action = Action::no_action;  ///< the primary action (actions[0])
  std::string_view action_label;      ///< its label as the payer calls it (static text)
  Cents at_stake = 0;                 ///< amount of the primary action
  std::optional<Days> act_by;         ///< deadline of the primary action, if any
  std::string_view deadline_owner;    ///< "medicare" / "contract" / empty
  bool deadline_passed = false;       ///< the as-of date is after act_by
  Channel channel = Channel::other;
  bool unbalanced = false;
  ClaimMoney money;
  std::string codes;       ///< "CO-16 PR-2 MA130" (unique, in order)
  bool duplicate = false;  ///< part of a retransmitted payment (not counted)
  std::uint64_t begin_offset = 0, end_offset = 0;
  std::uint32_t first_segment = 0;
  /// What the claim is filed under, for breakdowns (breakdowns.h); none when the builder
  /// keeps worklist rows only. Shared, not inline: most rows of a big file never need it.
  std::shared_ptr<const ClaimFacets> facets;
};

struct AmountCount {
  Cents amount = 0;
  std::size_t count = 0;
};

struct Summary {
  std::size_t files = 0, transactions = 0, claims = 0, service_lines = 0;
  Cents total_charge = 0, total_paid = 0, total_patient_responsibility = 0;
  Cents total_adjusted = 0, provider_adjustment_total = 0, total_payments = 0;
  Cents denied_amount = 0, recoverable_amount = 0, patient_amount = 0, write_off_amount = 0;
  std::size_t denied_claims = 0, duplicate_payments = 0;
  std::map<Outcome, std::size_t> outcomes;
  std::map<Category, AmountCount> by_category;
  std::map<Action, AmountCount> by_action;
  std::map<std::string, AmountCount, std::less<>> by_reason;  ///< "CO-16"
};

/// What one claim adds to a report: its totals and, when kept, its row. ReportBuilder makes
/// it from the explained claim; a reader thread can make it instead (digest_claim), so the
/// claim is freed where it was read and only this small record crosses to the writer.
struct ClaimDigest {
  std::size_t service_lines = 0;
  Cents charge = 0, paid = 0, patient_responsibility = 0;
  Outcome outcome = Outcome::paid_as_expected;
  ClaimMoney money;
  struct Adjusted {
    Category category = Category::informational;
    Cents amount = 0;
    std::string code;  ///< "CO-45", the by_reason key
  };
  std::vector<Adjusted> adjusted;
  std::vector<std::pair<Action, Cents>> actions;  ///< every action but no_action, in order
  bool keep_row = false;
  ClaimRow row;  ///< when keep_row; its file, transaction and duplicate are the builder's
};

/// `x` digested: `worklist_rows_only` as ReportBuilder::keep_worklist_rows_only. `out` is
/// overwritten (its buffers reused).
void digest_claim(const ExplainedClaim& x, bool worklist_rows_only, ClaimDigest& out);

struct Report {
  ExplainOptions options;  ///< as given by the caller (deadlines are judged by as_of)
  std::vector<FileInfo> files;
  std::deque<Transaction> transactions;               ///< claims only when kept
  std::vector<std::size_t> transaction_file;          ///< file index per transaction
  std::vector<std::ptrdiff_t> duplicate_of;           ///< per transaction, -1 = original
  std::deque<std::vector<ExplainedClaim>> explained;  ///< per transaction, when kept
  std::vector<ClaimRow> rows;
  std::vector<BalanceFinding> balance;                          ///< transaction = index in Report
  std::vector<std::pair<std::size_t, Diagnostic>> diagnostics;  ///< (file, diagnostic)
  Summary summary;
  std::vector<bool> kept;  ///< per transaction: claims kept in full (else only rows)
  /// per transaction: its claims went to a writer as they were read (ReportBuilder::
  /// add_streamed), so they are neither kept nor rows-only.
  std::vector<bool> streamed;
  bool rows_only(std::size_t t) const { return !kept[t] && !streamed[t]; }
  Acknowledgments acknowledgments;  ///< 277CA and 999 files (ack_report.h explains them)
};

/// A file parsed and its claims explained, not yet in a report: the part of add_file that
/// needs nothing from the other files. prepare_file is thread-safe, so callers may prepare
/// files on several threads and add them in order (ReportBuilder::add_prepared): the report
/// is the same as add_file's, byte for byte.
struct PreparedFile {
  std::string name;
  std::uint64_t bytes = 0;
  FileKind kind = FileKind::unknown;
  ParseResult parsed;  ///< an 835 (or a file that is no acknowledgment)
  AckParseResult ack;  ///< a 277CA or 999 (kind says which), its codes checked
  std::vector<std::vector<ExplainedClaim>> explained;  ///< per transaction of the file
  Diagnostics code_diags;
};
PreparedFile prepare_file(std::string name, std::string_view bytes, const ExplainOptions& options);
/// A 277CA or 999 file, read and its codes checked (thread-safe, like prepare_file).
AckParseResult read_acknowledgment(std::string_view bytes);
inline bool is_acknowledgment(FileKind k) {
  return k == FileKind::claim_ack_277ca || k == FileKind::impl_ack_999;
}

class ReportWriter;
struct StreamEvent;

class ReportBuilder {
 public:
  /// `keep_claims_up_to` bytes of input, over all files, have their claims kept in full: a
  /// file that would pass it goes in big-file mode (its claims are explained as they stream by
  /// and only their rows are kept; detail is rebuilt on demand). One file bigger than it, or
  /// the files after the first 32 MB of 10,000 small remits, alike: memory stays bounded.
  /// Files larger than `max_file_bytes` are refused with input_too_large.
  explicit ReportBuilder(std::uint64_t keep_claims_up_to = UINT64_MAX,
                         std::uint64_t max_file_bytes = UINT64_MAX, ExplainOptions options = {});
  void add_file(std::string name, std::string_view bytes);
  /// Adds a file from prepare_file (claims kept, whatever its size); above max_file_bytes it
  /// is refused like add_file does.
  void add_prepared(PreparedFile file);
  const ExplainOptions& options() const { return r_.options; }
  /// Records a file above the size limit from its size alone (input_too_large), so a caller
  /// can refuse it before copying it into memory; add_file does the same for such input.
  void add_too_large_file(std::string name, std::uint64_t size);
  std::uint64_t max_file_bytes() const { return max_bytes_; }
  /// Streams an 835 claim by claim into `sink` (claim_stream.h): every claim is explained
  /// in full and written, then dropped; rows and totals stay. 277CA and 999 files are added as
  /// add_file does (the writers write them at the end). The report equals add_file's, but
  /// its transactions keep no claims.
  void add_streamed(std::string name, std::string_view bytes, ReportWriter& sink);
  /// The same from events read elsewhere (stream_explained with own_claims on another
  /// thread): begin_streamed, then every event of the file in order.
  void begin_streamed(std::string name, std::uint64_t bytes, FileKind kind);
  void add_event(StreamEvent& event, ReportWriter& sink);
  /// Keep rows only for claims that need work (the worklist), without breakdown facets: for
  /// callers that write a report and forget its claims (the CLI), memory then grows with
  /// the worklist, not the file.
  void keep_worklist_rows_only(bool on) { worklist_rows_only_ = on; }
  bool worklist_rows_only() const { return worklist_rows_only_; }
  /// The report so far (for incremental viewers); finish() hands it over.
  const Report& report() const { return r_; }
  /// Drops the explained claims of transactions [from, to) and their parsed claims once a
  /// streaming writer has written them; rows, totals and transaction headers stay.
  void release_claims(std::size_t from, std::size_t to);
  Report finish();

 private:
  void commit(PreparedFile file, bool keep);
  /// Adds the claim to the totals and, unless worklist_rows_only_ leaves it out, its row;
  /// true when the row was kept (it is then r_.rows.back()).
  bool add_claim(const ExplainedClaim& x, std::size_t file, std::size_t transaction);
  /// The same from a digest (its row is moved into the report).
  bool add_digest(ClaimDigest& d, std::size_t file, std::size_t transaction);
  ClaimDigest scratch_;  ///< add_claim's digest, reused claim after claim
  void note_payment(std::size_t file, std::size_t transaction, std::size_t& reused_traces);
  void end_file(std::size_t file, FileInfo& info, std::size_t reused_traces,
                Diagnostics& diagnostics);
  /// True when an earlier payment has this one's payer, trace number and amount: only its
  /// end (the body) can tell whether it is a retransmission.
  bool may_repeat(const Transaction& header) const;
  std::ptrdiff_t classify_payment(std::size_t transaction, const Transaction& tx);
  /// Big-file mode, at the end of a transaction: its claims were summed into pending_ before
  /// the payment could be judged (that needs the whole body); count or flag them now.
  void settle_pending(std::size_t transaction);
  /// Counted payments of one payer and trace number, by (amount, body hash).
  struct TraceGroup {
    std::size_t first = 0;  ///< the first payment read with this trace
    std::map<std::pair<Cents, std::uint64_t>, std::size_t> payments;
  };
  /// 277CA and 999 files (report/ack_file.cpp).
  void add_acknowledgment_file(std::string name, std::string_view bytes);
  void commit_acknowledgment(PreparedFile file);
  Report r_;
  std::uint64_t keep_up_to_, max_bytes_;
  std::uint64_t kept_bytes_ = 0;  ///< input of the files whose claims are kept in full
  std::vector<bool> decided_;
  std::map<std::string, TraceGroup> by_trace_;   ///< key: payer|trace
  std::vector<std::ptrdiff_t> reused_trace_of_;  ///< per transaction: first payment with its trace
  Summary pending_;
  std::size_t pending_rows_from_ = 0;
  bool worklist_rows_only_ = false;
  /// The file being streamed (add_streamed / add_event).
  struct Streamed {
    std::size_t file = 0, transaction = 0, reused_traces = 0, balance_findings = 0;
    std::optional<bool> duplicate;  ///< of the current transaction, when known at its start
  } streamed_;
};

/// One call for one file: parse, explain, summarize.
Report explain_file(std::string name, std::string_view bytes);
/// The same with the caller's as-of date and contractual windows (deadlines).
Report explain_file(std::string name, std::string_view bytes, const ExplainOptions& options);

/// Worklist: rows whose primary action is work (its money is recoverable), largest first.
std::vector<const ClaimRow*> worklist(const Report& report);

/// Writers (one-shot; report_writer.h has the streaming ones). `mask` hides patient names and
/// IDs (for sharing a report); `inline_texts` repeats every code text where it is used
/// instead of once in `codes`.
std::string to_json(const Report& report, int indent = -1, bool mask = false,
                    bool inline_texts = false);
std::string to_text(const Report& report, bool mask = false);
std::string worklist_csv(const Report& report, bool mask = false);
std::string claims_ndjson(const Report& report, bool mask = false);

/// The patient letters of a report (claims kept in full; a retransmitted payment once).
struct PatientLetters {
  std::string letters;  ///< plain text, a form feed between letters
  std::size_t count = 0;
  /// (patient account number, what to check): for the billing office, never in a letter.
  std::vector<std::pair<std::string, std::string>> office_checks;
};
PatientLetters patient_letters(const Report& report);

/// Guards a CSV cell against spreadsheet formula injection and quotes it.
std::string csv_cell(std::string_view value);

}  // namespace denial
