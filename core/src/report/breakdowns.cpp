// Breakdowns for trends: one pass over the claim rows, summed the way the batch summary sums
// them (report_builder.cpp add_claim), so the rows of every breakdown add up to the summary.
#include "denial/breakdowns.h"

#include <algorithm>
#include <map>
#include <sstream>

#include "denial/report.h"
#include "explain/helpers.h"
#include "report/json_parts.h"

namespace denial {

using nlohmann::json;

namespace {

// A row kept without facets (ReportBuilder::keep_worklist_rows_only) counts as unfiled.
const ClaimFacets& facets(const ClaimRow& row) {
  static const ClaimFacets none;
  return row.facets ? *row.facets : none;
}

constexpr std::size_t kTopReasons = 5;

bool is_service_date(const DateValue& d) {
  return (d.qualifier == "232" || d.qualifier == "472" || d.qualifier == "150") &&
         d.date.size() == 8;
}

struct Acc {
  BreakdownRow row;
  std::map<std::string, ReasonAmount, std::less<>> reasons;
};

bool counted(const ClaimRow& r) { return !r.duplicate; }
bool in_buckets(const ClaimRow& r) { return r.outcome != Outcome::reversed; }

void add_row(Acc& a, const ClaimRow& r) {
  BreakdownRow& b = a.row;
  ++b.claims;
  b.billed += r.charge;
  b.paid += r.paid;
  const bool denied = r.outcome == Outcome::denied || r.outcome == Outcome::partially_denied;
  if (denied) ++b.denied_claims;
  if (!in_buckets(r)) return;
  b.patient += r.money.patient;
  b.recoverable += r.money.recoverable;
  b.denied += r.money.denied;  // the engine's figure, as in the summary
  for (const auto& t : facets(r).reasons) {
    auto& ra = a.reasons[t.code];
    if (ra.code.empty()) ra.code = t.code;
    ra.amount += t.amount;
    ++ra.claims;
  }
}

void finish(Acc& a) {
  std::vector<ReasonAmount> all;
  for (auto& [k, v] : a.reasons) all.push_back(v);
  std::stable_sort(all.begin(), all.end(), [](const ReasonAmount& x, const ReasonAmount& y) {
    return x.amount > y.amount;
  });
  if (all.size() > kTopReasons) all.resize(kTopReasons);
  a.row.top_reasons = std::move(all);
}

std::string month_of(const std::string& ccyymmdd) {
  if (ccyymmdd.size() != 8) return {};
  return ccyymmdd.substr(0, 4) + "-" + ccyymmdd.substr(4, 2);
}

std::string or_none(std::string s) { return s.empty() || s == "-" ? "(none)" : s; }
// Keys are never empty: an empty slice field means "any", so "unknown" is "-".
std::string or_dash(std::string s) { return s.empty() ? "-" : s; }

double rate(double part, double whole) { return whole > 0 ? part / whole : 0.0; }

json row_json(const BreakdownRow& b, BreakdownBy by) {
  json j = {{"key", b.key},
            {"label", b.label},
            {"claims", b.claims},
            {"denied_claims", b.denied_claims},
            {"billed", format_cents(b.billed)},
            {"paid", format_cents(b.paid)},
            {"patient", format_cents(b.patient)},
            {"denied", format_cents(b.denied)},
            {"recoverable", format_cents(b.recoverable)},
            {"denial_rate_count", rate(static_cast<double>(b.denied_claims), b.claims)},
            {"denial_rate_dollars", rate(static_cast<double>(b.denied), b.billed)}};
  if (by == BreakdownBy::reason) {
    j["adjusted"] = format_cents(b.adjusted);
    j["adjustments"] = b.adjustments;
  }
  json top = json::array();
  for (const auto& t : b.top_reasons)
    top.push_back({{"code", t.code}, {"amount", format_cents(t.amount)}, {"claims", t.claims}});
  j["top_reasons"] = top;
  return j;
}

json breakdown_to_json(const Breakdown& b) {
  json rows = json::array();
  for (const auto& r : b.rows) rows.push_back(row_json(r, b.by));
  return {{"by", breakdown_id(b.by)}, {"rows", rows}, {"total", row_json(b.total, b.by)}};
}

json slice_json(const Slice& s) {
  return {{"payer", s.payer}, {"month", s.month}, {"provider", s.provider}};
}

std::string padded(std::string s, std::size_t w, bool right) {
  if (s.size() >= w) return s;
  return right ? std::string(w - s.size(), ' ') + s : s + std::string(w - s.size(), ' ');
}

std::string percent(double r) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f%%", r * 100);
  return buf;
}

}  // namespace

namespace {

// A claim row's payer (key and name) and remit month belong to its transaction: worked out once
// per transaction, not once per claim row (10,000 remits carry 500,000 rows).
struct TxKeys {
  std::string payer, payer_name, month;
};

std::vector<TxKeys> tx_keys(const Report& r) {
  std::vector<TxKeys> keys(r.transactions.size());
  for (std::size_t t = 0; t < r.transactions.size(); ++t) {
    const Party& p = r.transactions[t].payer;
    keys[t] = {or_dash(p.id.empty() ? p.name : p.id), p.name,
               or_dash(month_of(remit_date_of(r.transactions[t])))};
  }
  return keys;
}

bool in_slice(const TxKeys& k, const ClaimRow& row, const Slice& s) {
  if (!s.payer.empty() && k.payer != s.payer) return false;
  if (!s.month.empty() && k.month != s.month) return false;
  if (!s.provider.empty() && or_dash(facets(row).provider) != s.provider) return false;
  return true;
}

void add_to(std::map<std::string, Acc>& groups, const std::string& key, const std::string& label,
            const ClaimRow& row) {
  Acc& a = groups[key];
  a.row.key = key;
  a.row.label = label.empty() ? or_none(key) : label;
  add_row(a, row);
}

// Groups (and the total) as a Breakdown: top reasons kept, rows in the order breakdown() gives.
Breakdown collect(BreakdownBy by, std::map<std::string, Acc>& groups, Acc total) {
  Breakdown out;
  out.by = by;
  finish(total);
  total.row.key = "total";
  total.row.label = "All";
  out.total = std::move(total.row);
  for (auto& [k, a] : groups) {
    finish(a);
    out.rows.push_back(std::move(a.row));
  }
  const bool by_time = by == BreakdownBy::month || by == BreakdownBy::service_month;
  if (!by_time)
    std::stable_sort(
        out.rows.begin(), out.rows.end(), [&](const BreakdownRow& a, const BreakdownRow& b) {
          return by == BreakdownBy::reason ? a.adjusted > b.adjusted : a.billed > b.billed;
        });
  return out;
}

// Filter choices over the whole report (not the slice): every payer, month and provider, in
// the order of their breakdowns (payers and providers by billed, months by date).
struct Choices {
  std::map<std::string, Acc> payers, months, providers;
  void add(const TxKeys& k, const ClaimRow& row) {
    auto note = [&](std::map<std::string, Acc>& m, const std::string& key,
                    const std::string& label) {
      Acc& a = m[key];
      a.row.key = key;
      a.row.label = label.empty() ? or_none(key) : label;
      ++a.row.claims;
      a.row.billed += row.charge;
    };
    note(payers, k.payer, k.payer_name);
    note(months, k.month, "");
    note(providers, or_dash(facets(row).provider), "");
  }
  json to_json() {
    auto list = [](BreakdownBy by, std::map<std::string, Acc>& m) {
      json out = json::array();
      for (const auto& row : collect(by, m, Acc()).rows)
        out.push_back({{"key", row.key}, {"label", row.label}, {"claims", row.claims}});
      return out;
    };
    return {{"payers", list(BreakdownBy::payer, payers)},
            {"months", list(BreakdownBy::month, months)},
            {"providers", list(BreakdownBy::provider, providers)}};
  }
};

json choices_json(const Report& r) {
  const std::vector<TxKeys> keys = tx_keys(r);
  Choices c;
  for (const ClaimRow& row : r.rows)
    if (counted(row)) c.add(keys[row.transaction], row);
  return c.to_json();
}

}  // namespace

ClaimFacets facets_of(const Claim& c) {
  ClaimFacets f;
  for (const auto& d : c.dates)
    if (d.qualifier == "232" && d.date.size() == 8) f.service_date = d.date;
  Cents largest = 0;
  bool any_line = false;
  for (const auto& l : c.lines) {
    if (f.service_date.empty() || c.dates.empty())
      for (const auto& d : l.dates)
        if (is_service_date(d) && (f.service_date.empty() || d.date < f.service_date))
          f.service_date = d.date;
    if (!any_line || l.charge > largest) {
      largest = l.charge;
      f.procedure = l.procedure.code;
      any_line = true;
    }
  }
  for (const auto& n : c.names)
    if (n.entity == "82") f.provider = n.id;
  f.filing_indicator = c.filing_indicator;
  auto add = [&](const Adjustment& a) {
    std::string code = detail::adjustment_code(a);
    for (auto& t : f.reasons)
      if (t.code == code) {
        t.amount += a.amount;
        ++t.count;
        return;
      }
    f.reasons.push_back({std::move(code), a.amount, 1});
  };
  for (const auto& a : c.adjustments) add(a);
  for (const auto& l : c.lines)
    for (const auto& a : l.adjustments) add(a);
  return f;
}

Slice slice_from_json(std::string_view text) {
  Slice s;
  json j = json::parse(text, nullptr, false);
  if (!j.is_object()) return s;
  auto field = [&](const char* key, std::string& out) {
    if (j.contains(key) && j[key].is_string()) out = j[key].get<std::string>();
  };
  field("payer", s.payer);
  field("month", s.month);
  field("provider", s.provider);
  return s;
}

bool breakdown_by_from(std::string_view id, BreakdownBy& out) {
  for (BreakdownBy b :
       {BreakdownBy::payer, BreakdownBy::month, BreakdownBy::service_month, BreakdownBy::reason,
        BreakdownBy::procedure, BreakdownBy::provider, BreakdownBy::filing})
    if (breakdown_id(b) == id) return out = b, true;
  return false;
}

std::string_view breakdown_id(BreakdownBy by) {
  switch (by) {
    case BreakdownBy::payer:
      return "payer";
    case BreakdownBy::month:
      return "month";
    case BreakdownBy::service_month:
      return "service_month";
    case BreakdownBy::reason:
      return "reason";
    case BreakdownBy::procedure:
      return "procedure";
    case BreakdownBy::provider:
      return "provider";
    case BreakdownBy::filing:
      return "filing";
  }
  return "payer";
}

std::string payer_key(const Report& r, const ClaimRow& row) {
  const Party& p = r.transactions[row.transaction].payer;
  return or_dash(p.id.empty() ? p.name : p.id);
}

std::string remit_month(const Report& r, const ClaimRow& row) {
  return or_dash(month_of(remit_date_of(r.transactions[row.transaction])));
}

bool in_slice(const Report& r, const ClaimRow& row, const Slice& s) {
  if (!s.payer.empty() && payer_key(r, row) != s.payer) return false;
  if (!s.month.empty() && remit_month(r, row) != s.month) return false;
  if (!s.provider.empty() && or_dash(facets(row).provider) != s.provider) return false;
  return true;
}

Breakdown breakdown(const Report& r, BreakdownBy by, const Slice& slice) {
  const std::vector<TxKeys> keys = tx_keys(r);
  std::map<std::string, Acc> groups;
  Acc total;
  for (const ClaimRow& row : r.rows) {
    if (!counted(row) || !in_slice(keys[row.transaction], row, slice)) continue;
    add_row(total, row);
    if (by == BreakdownBy::reason) {
      if (!in_buckets(row)) continue;  // the summary's by_reason leaves reversals out too
      for (const auto& t : facets(row).reasons) {
        Acc& a = groups[t.code];
        a.row.key = a.row.label = t.code;
        add_row(a, row);
        a.row.adjusted += t.amount;
        a.row.adjustments += t.count;
      }
      continue;
    }
    std::string key, label;
    switch (by) {
      case BreakdownBy::payer:
        key = keys[row.transaction].payer;
        label = keys[row.transaction].payer_name;
        break;
      case BreakdownBy::month:
        key = keys[row.transaction].month;
        break;
      case BreakdownBy::service_month:
        key = month_of(facets(row).service_date);
        break;
      case BreakdownBy::procedure:
        key = facets(row).procedure;
        break;
      case BreakdownBy::provider:
        key = facets(row).provider;
        break;
      case BreakdownBy::filing:
        key = facets(row).filing_indicator;
        break;
      case BreakdownBy::reason:
        break;
    }
    add_to(groups, or_dash(std::move(key)), label, row);
  }
  return collect(by, groups, std::move(total));
}

std::string breakdown_json(const Report& r, BreakdownBy by, const Slice& slice, bool with_choices) {
  json j = breakdown_to_json(breakdown(r, by, slice));
  j["slice"] = slice_json(slice);
  if (with_choices) j["choices"] = choices_json(r);
  return detail::dump(j, -1);
}

// One pass over the rows for everything the Trends view shows: the same figures as
// breakdown(payer), breakdown(month), breakdown(month) per payer and the choices, each of which
// would otherwise scan every row again (once per payer for the charts).
std::string trends_json(const Report& r, const Slice& slice) {
  const std::vector<TxKeys> keys = tx_keys(r);
  Acc total;
  std::map<std::string, Acc> payer_groups, month_groups;
  std::map<std::string, std::map<std::string, Acc>> payer_month_groups;
  Choices choices;
  for (const ClaimRow& row : r.rows) {
    if (!counted(row)) continue;
    const TxKeys& k = keys[row.transaction];
    choices.add(k, row);
    if (!in_slice(k, row, slice)) continue;
    add_row(total, row);
    add_to(payer_groups, k.payer, k.payer_name, row);
    add_to(month_groups, k.month, "", row);
    add_to(payer_month_groups[k.payer], k.month, "", row);
  }
  Breakdown payers = collect(BreakdownBy::payer, payer_groups, total);
  Breakdown months = collect(BreakdownBy::month, month_groups, total);
  json by_payer_month = json::array();
  for (const auto& p : payers.rows) {
    json points = json::array();
    for (const auto& m : collect(BreakdownBy::month, payer_month_groups[p.key], Acc()).rows)
      points.push_back(row_json(m, BreakdownBy::month));
    by_payer_month.push_back({{"key", p.key}, {"label", p.label}, {"months", points}});
  }
  return detail::dump({{"slice", slice_json(slice)},
                       {"total", row_json(payers.total, BreakdownBy::payer)},
                       {"payers", breakdown_to_json(payers)},
                       {"months", breakdown_to_json(months)},
                       {"payer_months", by_payer_month},
                       {"choices", choices.to_json()}},
                      -1);
}

std::string breakdown_text(const Breakdown& b) {
  std::ostringstream o;
  const bool reason = b.by == BreakdownBy::reason;
  o << padded(std::string(breakdown_id(b.by)), 28, false) << padded("claims", 8, true)
    << padded("billed", 15, true) << padded("paid", 15, true)
    << padded(reason ? "adjusted" : "denied", 15, true) << padded("recoverable", 15, true)
    << padded("denial %", 10, true) << "  top reasons\n";
  auto line = [&](const BreakdownRow& r) {
    std::string label = r.label.size() > 27 ? r.label.substr(0, 27) : r.label;
    o << padded(label, 28, false) << padded(std::to_string(r.claims), 8, true)
      << padded(format_cents(r.billed), 15, true) << padded(format_cents(r.paid), 15, true)
      << padded(format_cents(reason ? r.adjusted : r.denied), 15, true)
      << padded(format_cents(r.recoverable), 15, true)
      << padded(percent(rate(static_cast<double>(r.denied_claims), r.claims)), 10, true) << "  ";
    for (std::size_t i = 0; i < r.top_reasons.size() && i < 3; ++i)
      o << (i ? ", " : "") << r.top_reasons[i].code;
    o << "\n";
  };
  for (const auto& r : b.rows) line(r);
  line(b.total);
  return o.str();
}

std::string breakdown_csv(const Breakdown& b) {
  std::string out =
      "key,label,claims,denied_claims,billed,paid,patient,denied,recoverable,"
      "denial_rate_count,denial_rate_dollars,adjusted,top_reasons\n";
  auto line = [&](const BreakdownRow& r) {
    std::string top;
    for (const auto& t : r.top_reasons) top += (top.empty() ? "" : " ") + t.code;
    char rc[32], rd[32];
    std::snprintf(rc, sizeof rc, "%.4f", rate(static_cast<double>(r.denied_claims), r.claims));
    std::snprintf(rd, sizeof rd, "%.4f", rate(static_cast<double>(r.denied), r.billed));
    out += csv_cell(r.key) + "," + csv_cell(r.label) + "," + std::to_string(r.claims) + "," +
           std::to_string(r.denied_claims) + "," + format_cents(r.billed) + "," +
           format_cents(r.paid) + "," + format_cents(r.patient) + "," + format_cents(r.denied) +
           "," + format_cents(r.recoverable) + "," + rc + "," + rd + "," +
           format_cents(r.adjusted) + "," + csv_cell(top) + "\n";
  };
  for (const auto& r : b.rows) line(r);
  line(b.total);
  return out;
}

}  // namespace denial
