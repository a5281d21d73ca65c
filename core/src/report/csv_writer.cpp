// Worklist CSV: one row per action, Excel-friendly, formula-injection-safe.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <ostream>
#include <sstream>

#include "denial/query.h"
#include "denial/report_writer.h"
#include "explain/helpers.h"
#include "report/ack_parts.h"
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

// csv_cell(v) appended to `out`; a plain cell (printable ASCII that needs no quotes and no
// formula guard, most of them) is copied as is, without csv_cell's temporary strings.
void append_csv_cell(std::string& out, std::string_view v) {
  const bool plain = !v.empty() && v[0] != '=' && v[0] != '+' && v[0] != '-' && v[0] != '@' &&
                     std::all_of(v.begin(), v.end(), [](char c) {
                       return c >= 0x20 && c < 0x7F && c != ',' && c != '"';
                     });
  if (plain)
    out += v;
  else
    out += csv_cell(v);
}

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

// The cells every line of a claim starts with: file, payer, check or EFT, patient control
// number, payer claim number and patient name.
std::string common(std::string_view file, const std::string& payer, const std::string& trace,
                   const std::string& pcn, const std::string& payer_claim,
                   const std::string& patient, bool mask) {
  return csv_cell(file) + "," + csv_cell(payer) + "," + csv_cell(trace) + "," +
         csv_cell(mask ? mask_id(pcn) : pcn) + "," + csv_cell(payer_claim) + "," +
         csv_cell(mask && !patient.empty() ? "[masked]" : patient) + ",";
}
std::string tail(Cents charge, Cents paid) {
  return "," + format_cents(charge) + "," + format_cents(paid) + ",";
}
std::string deadline_cells(const std::optional<Days>& act_by, std::string_view owner) {
  return (act_by ? iso_date(*act_by) : std::string()) + "," + std::string(owner) + ",";
}

// One line per action, without the priority (known when every file is read), each after
// its length: one string per claim, as little memory as the text itself.
std::string claim_lines(std::string_view file, const std::string& payer, const std::string& trace,
                        const ExplainedClaim& x, bool mask) {
  const Claim& c = *x.claim;
  std::string out;
  std::string head = common(file, payer, trace, c.patient_control_number, c.payer_claim_number,
                            detail::patient_name(c), mask) +
                     csv_cell(first_service_date(c)) + "," + std::string(outcome_label(x.outcome)) +
                     ",";
  std::string end = std::string(channel_id(x.channel)) + "," + csv_cell(join(x.flags)) + "\r\n";
  const std::string money = tail(c.charge, c.paid);
  // Each line is appended in place after a length placeholder, filled in once known.
  for (const NextAction& n : x.actions) {
    const std::size_t at = out.size();
    out.append(4, '\0');
    out += head;
    append_csv_cell(out, n.label);
    out += ',';
    out += format_cents(n.amount);
    out += ',';
    append_csv_cell(out, join(n.reasons));
    out += money;
    out += deadline_cells(n.deadline.act_by, n.deadline.owner);
    out += action_id(n.action);
    out += ',';
    out += bucket_id(bucket_of(n.action));
    out += ',';
    out += end;
    const auto n_bytes = static_cast<std::uint32_t>(out.size() - at - 4);
    std::memcpy(&out[at], &n_bytes, 4);
  }
  return out;
}

// The lines of a worklist claim, on a reader thread: the claims that are not work (their
// primary action is not recoverable) are never written, so none is rendered.
class CsvRenderer : public ClaimRenderer {
 public:
  explicit CsvRenderer(bool mask) : mask_(mask) {}
  void transaction(std::string_view file_name, const Transaction& header) override {
    file_ = file_name;
    payer_ = header.payer.name;
    trace_ = header.payment.trace_number;
  }
  void render(const ExplainedClaim& x, std::string& out) override {
    if (x.actions.empty() || bucket_of(x.actions[0].action) != Bucket::recoverable) return;
    out = claim_lines(file_, payer_, trace_, x, mask_);
  }

 private:
  bool mask_;
  std::string file_, payer_, trace_;
};

// The worklist is sorted by money at stake over every file, so its rows are written at the
// end; a claim's lines are rendered while its file is read (the claim is released after),
// and only worklist claims are kept, as text.
class CsvWriter : public ReportWriter {
 public:
  CsvWriter(std::ostream& out, bool mask) : out_(out), mask_(mask) {}

  void claim(const ClaimContext& at, const ExplainedClaim& x) override {
    if (at.row == SIZE_MAX) return;
    const ClaimRow& row = at.report.rows[at.row];
    if (bucket_of(row.action) != Bucket::recoverable) return;  // never in the worklist
    const Transaction& tx = at.report.transactions[at.transaction];
    lines_.emplace_back(at.row, at.rendered
                                    ? std::move(*at.rendered)
                                    : claim_lines(at.report.files[at.file].name, tx.payer.name,
                                                  tx.payment.trace_number, x, mask_));
    lines_.back().second.shrink_to_fit();
  }

  std::unique_ptr<ClaimRenderer> renderer() const override {
    return std::make_unique<CsvRenderer>(mask_);
  }

  void transaction_end(const Report&, std::size_t) override {}

  void finish(const Report& r) override {
    out_ << "priority,file,payer,check_or_eft,patient_control_number,payer_claim_number,"
            "patient_name,service_date,outcome,action,amount,reason_codes,billed,paid,act_by,"
            "deadline_owner,action_id,money_bucket,channel,flags\r\n";
    std::size_t priority = 0;
    for (const ClaimRow* row : worklist(r)) {
      std::string p = std::to_string(++priority) + ",";
      const std::size_t index = static_cast<std::size_t>(row - r.rows.data());
      auto kept = std::lower_bound(lines_.begin(), lines_.end(), index,
                                   [](const auto& a, std::size_t i) { return a.first < i; });
      if (kept == lines_.end() || kept->first != index) {
        const Transaction& tx = r.transactions[row->transaction];
        out_ << p
             << common(r.files[row->file].name, tx.payer.name, tx.payment.trace_number,
                       row->patient_control_number, row->payer_claim_number, row->patient_name,
                       mask_)
             << "," << outcome_label(row->outcome) << "," << csv_cell(row->action_label) << ","
             << format_cents(row->at_stake) << "," << csv_cell(row->codes)
             << tail(row->charge, row->paid) << deadline_cells(row->act_by, row->deadline_owner)
             << action_id(row->action) << "," << bucket_id(bucket_of(row->action)) << ","
             << channel_id(row->channel) << "," << (row->unbalanced ? "unbalanced" : "") << "\r\n";
        continue;
      }
      const std::string& lines = kept->second;
      for (std::size_t at = 0; at + 4 <= lines.size();) {
        std::uint32_t n;
        std::memcpy(&n, lines.data() + at, 4);
        out_ << p << std::string_view(lines).substr(at + 4, n);
        at += 4 + n;
      }
    }
    // Claims rejected before adjudication (277CA / 999) are work too: after the 835 rows.
    out_ << detail::rejections_csv_rows(r, mask_, priority);
    out_.flush();
  }

 private:
  std::ostream& out_;
  bool mask_;
  /// Lines of worklist claims by row index (claims come in row order): see claim_lines.
  std::vector<std::pair<std::size_t, std::string>> lines_;
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
