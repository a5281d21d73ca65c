// Worklist CSV (one row per action, Excel-friendly, formula-injection-safe) and NDJSON (one
// explained claim per line, for warehouses).
#include "denial/query.h"
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

}  // namespace

std::string worklist_csv(const Report& r, bool mask) {
  std::string out =
      "priority,file,payer,check_or_eft,patient_control_number,payer_claim_number,patient_name,"
      "service_date,outcome,action,amount,reason_codes,billed,paid,act_by,deadline_owner,"
      "action_id,money_bucket,channel,flags\r\n";
  std::size_t priority = 0;
  for (const ClaimRow* row : worklist(r)) {
    const Transaction& tx = r.transactions[row->transaction];
    std::string common_a =
        csv_cell(r.files[row->file].name) + "," + csv_cell(tx.payer.name) + "," +
        csv_cell(tx.payment.trace_number) + "," +
        csv_cell(mask ? mask_id(row->patient_control_number) : row->patient_control_number) + "," +
        csv_cell(row->payer_claim_number) + "," +
        csv_cell(mask && !row->patient_name.empty() ? "[masked]" : row->patient_name) + ",";
    std::string tail = "," + format_cents(row->charge) + "," + format_cents(row->paid) + ",";
    auto deadline_cells = [](const std::optional<Days>& act_by, std::string_view owner) {
      return (act_by ? iso_date(*act_by) : std::string()) + "," + std::string(owner) + ",";
    };
    std::string channel = std::string(channel_id(row->channel));
    ++priority;
    if (r.kept[row->transaction]) {
      const ExplainedClaim& x = r.explained[row->transaction][row->claim];
      std::string date = first_service_date(*x.claim);
      for (const NextAction& n : x.actions) {
        out += std::to_string(priority) + "," + common_a + csv_cell(date) + "," +
               std::string(outcome_label(x.outcome)) + "," + csv_cell(n.label) + "," +
               format_cents(n.amount) + "," + csv_cell(join(n.reasons)) + tail +
               deadline_cells(n.deadline.act_by, n.deadline.owner) +
               std::string(action_id(n.action)) + "," +
               std::string(bucket_id(bucket_of(n.action))) + "," + channel + "," +
               csv_cell(join(x.flags)) + "\r\n";
      }
    } else {
      out += std::to_string(priority) + "," + common_a + "," +
             std::string(outcome_label(row->outcome)) + "," + csv_cell(row->action_label) + "," +
             format_cents(row->at_stake) + "," + csv_cell(row->codes) + tail +
             deadline_cells(row->act_by, row->deadline_owner) +
             std::string(action_id(row->action)) + "," +
             std::string(bucket_id(bucket_of(row->action))) + "," + channel + "," +
             (row->unbalanced ? "unbalanced" : "") + "\r\n";
    }
  }
  // Claims rejected before adjudication (277CA / 999) are work too: after the 835 rows.
  return out + detail::rejections_csv_rows(r, mask, priority);
}

std::string claims_ndjson(const Report& r, bool mask) {
  std::string out;
  for (const ClaimRow& row : r.rows) {  // big-file transactions: their rows
    if (r.kept[row.transaction]) continue;
    nlohmann::json j = detail::row_json(r, row);
    if (mask) detail::mask_claim_json(j);
    out += detail::dump(j, -1) + "\n";
  }
  for (std::size_t t = 0; t < r.transactions.size(); ++t) {
    const Transaction& tx = r.transactions[t];
    for (const ExplainedClaim& x : r.explained[t]) {
      nlohmann::json j = detail::claim_json(x);
      j["file_name"] = r.files[r.transaction_file[t]].name;
      j["payer"] = tx.payer.name;
      j["payer_id"] = tx.payer.id;
      j["payee"] = tx.payee.name;
      j["payee_id"] = tx.payee.id;
      j["payment_trace_number"] = tx.payment.trace_number;
      j["payment_date"] = tx.payment.date;
      j["duplicate_payment"] = r.duplicate_of[t] >= 0;
      if (mask) detail::mask_claim_json(j);
      out += detail::dump(j, -1) + "\n";
    }
  }
  out += detail::rejections_ndjson(r, mask);
  return out;
}

}  // namespace denial
