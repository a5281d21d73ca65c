// Row queries and on-demand claim detail for paged viewers.
#include "denial/query.h"

#include <algorithm>
#include <cctype>

#include "explain/helpers.h"
#include "report/json_parts.h"
#include "text.h"

namespace denial {
namespace {

bool has_code(const ClaimRow& row, const std::string& code) {
  // codes is "CO-16 PR-2 MA130": match a whole token, or a CARC without its group.
  std::size_t start = 0;
  while (start < row.codes.size()) {
    std::size_t end = row.codes.find(' ', start);
    std::string_view tok = std::string_view(row.codes).substr(
        start, end == std::string::npos ? std::string::npos : end - start);
    std::string t = detail::ascii_lower(tok);
    if (t == code) return true;
    std::size_t dash = t.find('-');
    if (dash != std::string::npos && t.substr(dash + 1) == code) return true;
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return false;
}

Cents sort_key(const ClaimRow& r, const std::string& sort) {
  if (sort == "charge") return r.charge;
  if (sort == "paid") return r.paid;
  if (sort == "patient") return r.patient_responsibility;
  return r.at_stake;
}

}  // namespace

RowPage query_rows(const Report& report, const RowQuery& q) {
  std::string code = detail::ascii_lower(q.code), text = detail::ascii_lower(q.text),
              payer = detail::ascii_lower(q.payer);
  code.erase(std::remove(code.begin(), code.end(), ' '), code.end());
  std::vector<std::size_t> hits;
  for (std::size_t i = 0; i < report.rows.size(); ++i) {
    const ClaimRow& r = report.rows[i];
    if (q.outcome == "needs_action") {
      if (r.duplicate || bucket_of(r.action) != Bucket::recoverable) continue;
    } else if (!q.outcome.empty() && outcome_id(r.outcome) != q.outcome) {
      continue;
    }
    if (!q.action.empty() && action_id(r.action) != q.action) continue;
    if (!payer.empty() &&
        detail::ascii_lower(report.transactions[r.transaction].payer.name).find(payer) ==
            std::string::npos)
      continue;
    if (!code.empty() && !has_code(r, code)) continue;
    if (!q.slice.empty() && !in_slice(report, r, q.slice)) continue;
    if (!text.empty() && detail::ascii_lower(r.patient_name).find(text) == std::string::npos &&
        detail::ascii_lower(r.patient_control_number).find(text) == std::string::npos &&
        detail::ascii_lower(r.payer_claim_number).find(text) == std::string::npos)
      continue;
    hits.push_back(i);
  }
  const std::size_t total = hits.size();
  if (!q.sort.empty()) {
    // Keys computed once; (key, row index) is a total order, so a partial sort of just the
    // rows up to this page gives the same page as a full stable sort.
    std::vector<std::pair<Cents, std::size_t>> keyed;
    keyed.reserve(hits.size());
    for (std::size_t i : hits) {
      Cents k = sort_key(report.rows[i], q.sort);
      keyed.emplace_back(q.descending ? -k : k, i);
    }
    std::size_t upto = std::min(keyed.size(), q.offset + q.limit);
    std::partial_sort(keyed.begin(), keyed.begin() + upto, keyed.end());
    hits.resize(upto);
    for (std::size_t n = 0; n < upto; ++n) hits[n] = keyed[n].second;
  }
  RowPage page;
  page.total = total;
  std::size_t from = std::min(q.offset, hits.size());
  std::size_t to = std::min(hits.size(), from + q.limit);
  page.rows.assign(hits.begin() + from, hits.begin() + to);
  return page;
}

std::string mask_id(std::string_view id) {
  if (id.empty()) return {};
  if (id.size() <= 4) return "***";
  return "***" + std::string(id.substr(id.size() - 4));
}

std::string claim_detail_json(const Report& report, std::size_t row_index, std::string_view bytes,
                              bool mask) {
  if (row_index >= report.rows.size()) return "null";
  const ClaimRow& row = report.rows[row_index];
  const Transaction& tx = report.transactions[row.transaction];
  nlohmann::json j;
  nlohmann::json sources = nlohmann::json::object();  // "Why we say this"
  if (report.kept[row.transaction]) {
    const ExplainedClaim& x = report.explained[row.transaction][row.claim];
    j = detail::claim_json(x);
    detail::add_used_sources(sources, x);
  } else {
    Claim c = reparse_claim(bytes, tx, row.begin_offset, row.end_offset, row.first_segment);
    ExplainedClaim x =
        explain_claim(c, tx, row.transaction, row.claim, nullptr, true, report.options);
    j = detail::claim_json(x);
    detail::add_used_sources(sources, x);
  }
  j["sources"] = sources;
  j["row"] = row_index;
  j["file_name"] = report.files[row.file].name;
  j["payer"] = tx.payer.name;
  if (mask) detail::mask_claim_json(j);
  return detail::dump(j, -1);
}

std::string claim_raw_segments(const Report& report, std::size_t row_index,
                               std::string_view bytes) {
  if (row_index >= report.rows.size()) return {};
  const ClaimRow& row = report.rows[row_index];
  const Transaction& tx = report.transactions[row.transaction];
  std::string out;
  std::uint64_t end = std::min<std::uint64_t>(row.end_offset, bytes.size());
  std::uint64_t pos = std::min<std::uint64_t>(row.begin_offset, end);
  while (pos < end) {
    std::size_t next = bytes.find(tx.segment_terminator, pos);
    if (next == std::string_view::npos || next > end) next = end;
    std::string_view seg = bytes.substr(pos, next - pos);
    while (!seg.empty() && (seg.front() == '\r' || seg.front() == '\n' || seg.front() == ' ' ||
                            seg.front() == '\t'))
      seg.remove_prefix(1);
    while (!seg.empty() && (seg.back() == '\r' || seg.back() == '\n' || seg.back() == ' '))
      seg.remove_suffix(1);
    if (!seg.empty()) {
      out += seg;
      if (tx.segment_terminator != '\n' && tx.segment_terminator != '\r')
        out += tx.segment_terminator;
      out += '\n';
    }
    pos = next + 1;
  }
  return out;
}

}  // namespace denial
