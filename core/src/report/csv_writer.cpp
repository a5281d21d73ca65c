// Worklist CSV: one row per action, Excel-friendly, formula-injection-safe.
#include <ostream>
#include <sstream>
#include <unordered_map>

#include "denial/query.h"
#include "denial/report_writer.h"
#include "explain/helpers.h"
#include "report/json_parts.h"
#include "report/printable.h"

namespace denial {

std::string csv_cell(std::string_view v) {
  std::string s = detail::printable(v, true);
  // A cell that a spreadsheet would read as a formula is prefixed with an apostrophe.
  if (!s.empty() &&
      (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r'))
    s.insert(s.begin(), '\'');
  bool quote = s.find_first_of(",\"\r\n") != std::string::npos || s.empty();
  if (!quote) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

namespace {

std::string first_service_date(const Claim& c) {
  for (const auto& d : c.dates)
    if (d.qualifier == "232") return d.date;
  for (const auto& l : c.lines)
    for (const auto& d : l.dates)
      if (d.qualifier == "472" || d.qualifier == "150") return d.date;
  return {};
}

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : " ") + x;
  return s;
}

// The worklist is sorted by money at stake over every file, so its rows are written at the
// end; a claim's lines are rendered while its file is read (the claim is released after),
// and only worklist claims are kept, as text.
class CsvWriter : public ReportWriter {
 public:
  CsvWriter(std::ostream& out, bool mask) : out_(out), mask_(mask) {}

  void transactions(const Report& r, std::size_t from, std::size_t to) override {
    for (; rows_seen_ < r.rows.size(); ++rows_seen_) {
      const ClaimRow& row = r.rows[rows_seen_];
      if (row.transaction < from || row.transaction >= to || !r.kept[row.transaction]) continue;
      if (row.duplicate || bucket_of(row.action) != Bucket::recoverable) continue;
      lines_[rows_seen_] = claim_lines(r, row, r.explained[row.transaction][row.claim]);
    }
  }

  void finish(const Report& r) override {
    out_ << "priority,file,payer,check_or_eft,patient_control_number,payer_claim_number,"
            "patient_name,service_date,outcome,action,amount,reason_codes,billed,paid,act_by,"
            "deadline_owner,action_id,money_bucket,channel,flags\r\n";
    std::size_t priority = 0;
    for (const ClaimRow* row : worklist(r)) {
      std::string p = std::to_string(++priority) + ",";
      auto kept = lines_.find(static_cast<std::size_t>(row - r.rows.data()));
      if (kept == lines_.end()) {
        out_ << p << common(r, *row) << "," << outcome_label(row->outcome) << ","
             << csv_cell(row->action_label) << "," << format_cents(row->at_stake) << ","
             << csv_cell(row->codes) << tail(*row)
             << deadline_cells(row->act_by, row->deadline_owner) << action_id(row->action) << ","
             << bucket_id(bucket_of(row->action)) << "," << channel_id(row->channel) << ","
             << (row->unbalanced ? "unbalanced" : "") << "\r\n";
        continue;
      }
      for (const std::string& line : kept->second) out_ << p << line;
    }
    out_.flush();
  }

 private:
  std::string common(const Report& r, const ClaimRow& row) const {
    const Transaction& tx = r.transactions[row.transaction];
    return csv_cell(r.files[row.file].name) + "," + csv_cell(tx.payer.name) + "," +
           csv_cell(tx.payment.trace_number) + "," +
           csv_cell(mask_ ? mask_id(row.patient_control_number) : row.patient_control_number) +
           "," + csv_cell(row.payer_claim_number) + "," +
           csv_cell(mask_ && !row.patient_name.empty() ? "[masked]" : row.patient_name) + ",";
  }
  static std::string tail(const ClaimRow& row) {
    return "," + format_cents(row.charge) + "," + format_cents(row.paid) + ",";
  }
  static std::string deadline_cells(const std::optional<Days>& act_by, std::string_view owner) {
    return (act_by ? iso_date(*act_by) : std::string()) + "," + std::string(owner) + ",";
  }
  // One line per action, without the priority (known when every file is read).
  std::vector<std::string> claim_lines(const Report& r, const ClaimRow& row,
                                       const ExplainedClaim& x) const {
    std::vector<std::string> out;
    std::string head = common(r, row) + csv_cell(first_service_date(*x.claim)) + "," +
                       std::string(outcome_label(x.outcome)) + ",";
    std::string end = std::string(channel_id(row.channel)) + "," + csv_cell(join(x.flags)) + "\r\n";
    for (const NextAction& n : x.actions)
      out.push_back(head + csv_cell(n.label) + "," + format_cents(n.amount) + "," +
                    csv_cell(join(n.reasons)) + tail(row) +
                    deadline_cells(n.deadline.act_by, n.deadline.owner) +
                    std::string(action_id(n.action)) + "," +
                    std::string(bucket_id(bucket_of(n.action))) + "," + end);
    return out;
  }

  std::ostream& out_;
  bool mask_;
  std::size_t rows_seen_ = 0;
  std::unordered_map<std::size_t, std::vector<std::string>> lines_;  ///< by row index
};

}  // namespace

namespace detail {
std::unique_ptr<ReportWriter> make_csv_writer(std::ostream& out, bool mask) {
  return std::make_unique<CsvWriter>(out, mask);
}
}  // namespace detail

std::string worklist_csv(const Report& r, bool mask) {
  std::ostringstream out;
  write_report(r, ReportFormat::csv, out, {mask, false});
  return out.str();
}

}  // namespace denial
