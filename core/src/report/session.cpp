// Session: the JSON-in/JSON-out facade used by the wasm bindings (and testable natively).
#include "denial/session.h"

#include "denial/diagnostic.h"
#include "denial/query.h"
#include "denial/redact.h"
#include "report/ack_parts.h"
#include "report/json_parts.h"

namespace denial {

using nlohmann::json;

ExplainOptions explain_options_from_json(std::string_view text) {
  ExplainOptions o;
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return o;
  if (j.contains("as_of") && j["as_of"].is_string()) {
    std::string d = j["as_of"].get<std::string>();
    if (auto days = parse_civil_date(d)) o.as_of = iso_date(*days);
  }
  auto days = [&](const char* key, std::optional<int>& out) {
    if (j.contains(key) && j[key].is_number_integer() && j[key].get<long long>() >= 0 &&
        j[key].get<long long>() <= 99999)
      out = static_cast<int>(j[key].get<long long>());
  };
  days("appeal_days", o.appeal_days);
  days("filing_days", o.filing_days);
  return o;
}

Session::Session(std::uint64_t keep_claims_up_to, std::uint64_t max_file_bytes,
                 ExplainOptions options)
    : builder_(keep_claims_up_to, max_file_bytes, std::move(options)) {}

std::string Session::add_file(std::string name, std::string bytes) {
  // A refused file's bytes are not kept: nothing is ever read from them.
  if (bytes.size() > builder_.max_file_bytes())
    return add_too_large_file(std::move(name), bytes.size());
  rows_before_ = builder_.report().rows.size();
  diagnostics_before_ = builder_.report().diagnostics.size();
  bytes_.push_back(std::move(bytes));
  builder_.add_file(std::move(name), bytes_.back());
  return file_status_json();
}

std::string Session::add_too_large_file(std::string name, std::uint64_t size) {
  rows_before_ = builder_.report().rows.size();
  diagnostics_before_ = builder_.report().diagnostics.size();
  bytes_.emplace_back();
  builder_.add_too_large_file(std::move(name), size);
  return file_status_json();
}

std::string Session::file_status_json() const {
  const Report& r = builder_.report();
  std::size_t index = r.files.size() - 1;
  json j = detail::file_json(r.files[index]);
  j["file"] = index;
  std::size_t claims = 0;
  for (std::size_t i = rows_before_; i < r.rows.size(); ++i) claims += r.rows[i].file == index;
  j["claims"] = claims;
  if (r.files[index].kind == FileKind::claim_ack_277ca ||
      r.files[index].kind == FileKind::impl_ack_999)
    j["acknowledgments"] = detail::file_acknowledgments_json(r, index);
  j["big_file_mode"] = false;
  std::size_t retransmissions = 0;
  for (std::size_t t = r.files[index].first_transaction; t < r.transactions.size(); ++t) {
    if (!r.kept[t]) j["big_file_mode"] = true;
    retransmissions += t < r.duplicate_of.size() && r.duplicate_of[t] >= 0;
  }
  // Payments already read from an earlier file (or its trends-only copy): a library keeps a
  // file only when something in it is new.
  j["retransmissions"] = retransmissions;
  json diags = json::array();
  // What each kind of problem means in plain words, once per kind: a page listing many files
  // groups their problems by kind under these (errors.cpp holds the one text).
  json kinds = json::object();
  for (std::size_t i = diagnostics_before_; i < r.diagnostics.size(); ++i) {
    if (r.diagnostics[i].first != index) continue;
    const Diagnostic& d = r.diagnostics[i].second;
    diags.push_back(detail::diagnostic_json(d));
    kinds[std::string(errc_name(d.code))] = errc_summary(d.code);
  }
  j["diagnostics"] = diags;
  j["kinds"] = kinds;
  return detail::dump(j, -1);
}

std::string Session::summary_json() const {
  const Report& r = builder_.report();
  json transactions = json::array();
  for (std::size_t t = 0; t < r.transactions.size(); ++t)
    transactions.push_back(detail::transaction_json(r, t, false));
  json diags = json::array();
  for (const auto& [file, d] : r.diagnostics) {
    json dj = detail::diagnostic_json(d);
    dj["file"] = file;
    diags.push_back(dj);
  }
  return detail::dump({{"schema_version", kSchemaVersion},
                       {"generator", {{"name", "denial-explainer"}, {"version", DENIAL_VERSION}}},
                       {"options", detail::options_json(r.options)},
                       {"code_sets", detail::code_sets_json()},
                       {"files", detail::files_json(r)},
                       {"summary", detail::summary_json(r)},
                       {"worklist_size", worklist(r).size()},
                       {"transactions", transactions},
                       {"diagnostics", diags},
                       {"acknowledgments", detail::acknowledgments_summary_json(r)}},
                      -1);
}

std::string Session::rows_json(std::string_view query_json, bool mask) const {
  const Report& r = builder_.report();
  json q = json::parse(query_json, nullptr, false);
  if (!q.is_object()) q = json::object();
  RowQuery query;
  query.outcome = q.value("outcome", "");
  query.action = q.value("action", "");
  query.payer = q.value("payer", "");
  query.code = q.value("code", "");
  query.text = q.value("text", "");
  if (q.contains("slice")) query.slice = slice_from_json(q["slice"].dump());
  query.sort = q.value("sort", "at_stake");
  query.descending = q.value("descending", true);
  query.offset = q.value("offset", std::size_t{0});
  query.limit = std::min<std::size_t>(q.value("limit", std::size_t{50}), 1000);
  RowPage page = query_rows(r, query);
  json rows = json::array();
  for (std::size_t i : page.rows) {
    json row = detail::row_json(r, r.rows[i]);
    row["row"] = i;
    rows.push_back(row);
  }
  json j = {{"total", page.total}, {"offset", query.offset}, {"rows", rows}};
  if (mask) detail::mask_claim_json(j);
  return detail::dump(j, -1);
}

std::string Session::trends_json(std::string_view slice_json) const {
  return denial::trends_json(builder_.report(), slice_from_json(slice_json));
}

std::string Session::claim_json(std::size_t row, bool mask) const {
  const Report& r = builder_.report();
  if (row >= r.rows.size()) return "null";
  return claim_detail_json(r, row, bytes_[r.rows[row].file], mask);
}

std::string Session::raw_segments(std::size_t row) const {
  const Report& r = builder_.report();
  if (row >= r.rows.size()) return {};
  return claim_raw_segments(r, row, bytes_[r.rows[row].file]);
}

std::string Session::acknowledgments_json(bool mask) const {
  json j = detail::acknowledgments_json(builder_.report());
  if (mask) detail::mask_claim_json(j);
  return detail::dump(j, -1);
}

std::string Session::report_json(bool mask, bool inline_texts) const {
  return to_json(builder_.report(), -1, mask, inline_texts);
}
std::string Session::worklist_csv(bool mask) const {
  return denial::worklist_csv(builder_.report(), mask);
}
std::string Session::ndjson(bool mask) const { return claims_ndjson(builder_.report(), mask); }
std::string Session::text(bool mask) const { return to_text(builder_.report(), mask); }

std::string Session::redacted_copy(std::size_t file) const {
  return file < bytes_.size() ? redact_835(bytes_[file]) : std::string();
}

}  // namespace denial
