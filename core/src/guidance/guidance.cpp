// Loads our guidance data (embedded at build time) and answers guidance_for / remark_guidance.
// Precedence: taxonomy row for the CARC, then the group rule (specific code over '*'), then
// remarks on the same claim or line (their action overrides, then their meanings), then the
// guards that keep non-PR money away from the patient. Every data row may name its sources
// in an optional trailing `sources` column.
#include "denial/guidance.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>

#include "codes/csv.h"
#include "denial/codes.h"
#include "guidance/guidance_internal.h"
#include "guidance/parse_vocab.h"
#include "guidance/search_hints.h"
#include "text.h"

namespace denial::embedded {
extern const std::string_view kCarcTaxonomyCsv, kCarcDetailJson, kGroupRulesCsv, kRarcGuidanceCsv,
    kSourcesCsv;
}

namespace denial {
namespace {

struct TaxonomyRow {
  Category category;
  Kind kind;
  Action action;
  Appealable appealable;
  std::vector<std::string_view> sources;
};

struct GroupRule {
  std::optional<Kind> kind;
  std::optional<Action> action;
  std::optional<Appealable> appealable;
  std::string note;
  std::vector<std::string_view> sources;
};

struct Data {
  std::map<std::string, TaxonomyRow> taxonomy;
  std::map<std::string, CarcDetail> detail;
  std::map<std::string, std::vector<std::string_view>> detail_sources;
  std::map<std::string, GroupRule> group_rules;  // key "CO|45" or "CO|*"
  std::map<std::string, RemarkGuidance> remarks;
  std::vector<std::string> errors;
};

struct SourceRegistry {
  std::vector<SourceInfo> list;
  // Ids to their place in `list`, over views of it (built once the list stops growing): the
  // writers look up every source id of every claim, and a map's string compares showed.
  std::unordered_map<std::string_view, std::size_t> by_id;
  std::vector<std::string> errors;
};

const SourceRegistry& sources() {
  static const SourceRegistry reg = [] {
    SourceRegistry r;
    std::set<std::string, std::less<>> ids;  // to refuse a repeated id while reading
    auto rows = detail::parse_csv(embedded::kSourcesCsv);
    for (std::size_t i = 1; i < rows.size(); ++i) {
      auto row = rows[i];
      if (row.size() < 4 || row[0].empty()) {
        r.errors.push_back("sources.csv row " + std::to_string(i + 1) + " has fewer than 4 fields");
        continue;
      }
      if (!ids.insert(row[0]).second) {
        r.errors.push_back("sources.csv repeats id " + row[0]);
        continue;
      }
      r.list.push_back({row[0], row[1], row[2], row[3]});
    }
    for (std::size_t i = 0; i < r.list.size(); ++i) r.by_id.emplace(r.list[i].id, i);
    return r;
  }();
  return reg;
}

template <typename T>
std::optional<T> need(std::optional<T> v, std::string_view what, std::string_view value, Data& d) {
  if (!v && !value.empty())
    d.errors.push_back(std::string(what) + " '" + std::string(value) +
                       "' is not in the vocabulary");
  return v;
}

// The optional trailing `sources` column: column `at` when present, else none.
std::vector<std::string_view> row_sources(const detail::CsvRow& r, std::size_t at,
                                          std::string_view file, Data& d) {
  if (r.size() <= at) return {};
  std::vector<std::string> unknown;
  auto ids = parse_source_ids(r[at], &unknown);
  for (const auto& u : unknown)
    d.errors.push_back(std::string(file) + " row " + r[0] + ": source '" + u +
                       "' is not in sources.csv");
  return ids;
}

// Column index by header name (files may gain columns; `sources` is optional).
std::size_t column(const detail::CsvRow& header, std::string_view name, std::size_t fallback) {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return i;
  return fallback;
}

void load_taxonomy(Data& d) {
  auto rows = detail::parse_csv(embedded::kCarcTaxonomyCsv);
  if (rows.empty()) return;
  std::size_t src = column(rows[0], "sources", SIZE_MAX);
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& r = rows[i];
    if (r.size() < 5) {
      d.errors.push_back("carc_taxonomy.csv row " + std::to_string(i + 1) +
                         " has fewer than 5 fields");
      continue;
    }
    auto c = need(detail::category_from(r[1]), "category", r[1], d);
    auto k = need(detail::kind_from(r[2]), "kind", r[2], d);
    auto a = need(detail::action_from(r[3]), "action", r[3], d);
    auto p = need(detail::appealable_from(r[4]), "appealable", r[4], d);
    if (c && k && a && p)
      d.taxonomy[r[0]] = {*c, *k, *a, *p, row_sources(r, src, "carc_taxonomy.csv", d)};
  }
}

void load_detail(Data& d) {
  nlohmann::json j = nlohmann::json::parse(embedded::kCarcDetailJson, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    d.errors.push_back("carc_detail.json is not a JSON object");
    return;
  }
  for (auto it = j.begin(); it != j.end(); ++it) {
    CarcDetail cd;
    const auto& v = it.value();
    cd.plain = v.value("plain", "");
    for (const auto& s : v.value("steps", nlohmann::json::array()))
      cd.steps.push_back(s.get<std::string>());
    for (const auto& s : v.value("appeal_attachments", nlohmann::json::array()))
      cd.appeal_attachments.push_back(s.get<std::string>());
    if (auto var = v.find("variants"); var != v.end() && var->is_object()) {
      cd.variant_medicare = var->value("medicare", "");
      cd.variant_commercial = var->value("commercial", "");
      if (cd.variant_medicare.empty() && cd.variant_commercial.empty())
        d.errors.push_back("carc_detail.json " + it.key() +
                           ": variants has neither medicare nor commercial text");
    }
    // Optional "sources": ["id", ...] naming where the text comes from.
    std::vector<std::string_view> ids;
    for (const auto& s : v.value("sources", nlohmann::json::array())) {
      if (!s.is_string()) continue;
      const SourceInfo* info = find_source(s.get<std::string>());
      if (info)
        ids.push_back(info->id);
      else
        d.errors.push_back("carc_detail.json " + it.key() + ": source '" + s.get<std::string>() +
                           "' is not in sources.csv");
    }
    if (!ids.empty()) d.detail_sources[it.key()] = std::move(ids);
    d.detail[it.key()] = std::move(cd);
  }
}

void load_group_rules(Data& d) {
  auto rows = detail::parse_csv(embedded::kGroupRulesCsv);
  if (rows.empty()) return;
  std::size_t src = column(rows[0], "sources", 6);
  for (std::size_t i = 1; i < rows.size(); ++i) {
    auto r = rows[i];
    auto sources = row_sources(r, src, "group_rules.csv", d);
    r.resize(6);
    GroupRule g;
    g.kind = need(detail::kind_from(r[2]), "kind", r[2], d);
    g.action = need(detail::action_from(r[3]), "action", r[3], d);
    g.appealable = need(detail::appealable_from(r[4]), "appealable", r[4], d);
    g.note = r[5];
    g.sources = std::move(sources);
    d.group_rules[r[0] + "|" + r[1]] = std::move(g);
  }
}

void load_remarks(Data& d) {
  auto rows = detail::parse_csv(embedded::kRarcGuidanceCsv);
  if (rows.empty()) return;
  std::size_t src = column(rows[0], "sources", 4);
  for (std::size_t i = 1; i < rows.size(); ++i) {
    auto r = rows[i];
    auto sources = row_sources(r, src, "rarc_guidance.csv", d);
    r.resize(4);
    RemarkGuidance g;
    if (auto e = need(detail::effect_from(r[1]), "effect", r[1], d)) g.effect = *e;
    if (auto a = need(detail::action_from(r[2]), "action", r[2], d)) {
      g.action = *a;
      g.action_override = true;
    }
    g.note = r[3];
    g.sources = std::move(sources);
    d.remarks[r[0]] = std::move(g);
  }
}

const Data& data() {
  static const Data d = [] {
    Data x;
    x.errors = sources().errors;
    load_taxonomy(x);
    load_detail(x);
    load_group_rules(x);
    load_remarks(x);
    return x;
  }();
  return d;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool has(std::string_view s, std::string_view p) { return s.find(p) != std::string_view::npos; }

}  // namespace

const SourceInfo* find_source(std::string_view id) {
  const auto& reg = sources();
  auto it = reg.by_id.find(id);
  return it == reg.by_id.end() ? nullptr : &reg.list[it->second];
}

const std::vector<SourceInfo>& all_sources() { return sources().list; }

std::vector<std::string_view> parse_source_ids(std::string_view cell,
                                               std::vector<std::string>* unknown) {
  std::vector<std::string_view> out;
  while (!cell.empty()) {
    std::size_t end = cell.find(';');
    std::string_view id = cell.substr(0, end);
    cell = end == std::string_view::npos ? std::string_view() : cell.substr(end + 1);
    while (!id.empty() && id.front() == ' ') id.remove_prefix(1);
    while (!id.empty() && id.back() == ' ') id.remove_suffix(1);
    if (id.empty()) continue;
    const SourceInfo* info = find_source(id);
    if (!info) {
      if (unknown) unknown->emplace_back(id);
      continue;
    }
    if (std::find(out.begin(), out.end(), info->id) == out.end()) out.push_back(info->id);
  }
  return out;
}

// The rule over the official wording (case-insensitive), docs/advice.md section 3. The strong
// meanings come first, in this order: a remark that calls the claim unprocessable also says
// "no appeal rights" (MA130, MA113), and the new claim is what it asks for.
RemarkEffect effect_from_description(std::string_view description) {
  std::string t = detail::ascii_lower(description);
  if (has(t, "unprocessable") || has(t, "submit a new claim"))
    return RemarkEffect::resubmit_new_claim;
  if (has(t, "no appeal right") || has(t, "may not appeal") || has(t, "cannot be appealed") ||
      has(t, "no additional rights to appeal") ||
      has(t, "time limit for filing a reconsideration or appeal has expired"))
    return RemarkEffect::no_appeal_rights;
  if (has(t, "qualified medicare beneficiary") && !has(t, "no longer"))
    return RemarkEffect::patient_protected;  // QMB (N781-N783, N192); N935 says "no longer"
  if (has(t, "you may appeal") || has(t, "right to appeal") || has(t, "may file an appeal") ||
      has(t, "you must appeal") || has(t, "subject to appeal process") ||
      has(t, "eligible for dispute"))
    return RemarkEffect::appeal_rights;
  if (starts_with(t, "alert:")) return RemarkEffect::informational;
  if (starts_with(t, "incomplete/invalid") || starts_with(t, "invalid") ||
      starts_with(t, "incorrect") || starts_with(t, "mismatch") || has(t, "does not match") ||
      has(t, "do not match") || has(t, "inconsistent") || has(t, "illegible"))
    return RemarkEffect::invalid_information;
  if (starts_with(t, "missing") || starts_with(t, "incomplete") || starts_with(t, "did not") ||
      starts_with(t, "claim did not") || has(t, "not on file") ||
      has(t, "incomplete and/or invalid") || has(t, "missing, incomplete, or invalid"))
    return RemarkEffect::missing_information;
  return RemarkEffect::none;
}

int remark_effect_strength(RemarkEffect e) {
  switch (e) {
    case RemarkEffect::resubmit_new_claim:
      return 3;
    case RemarkEffect::no_appeal_rights:
      return 2;
    case RemarkEffect::patient_protected:
      return 1;
    default:
      return 0;
  }
}

namespace {

RemarkGuidance remark_guidance_uncached(std::string_view rarc) {
  const Data& d = data();
  const CodeEntry* e = find_code(CodeList::rarc, rarc);
  RemarkEffect worded = e ? effect_from_description(e->description) : RemarkEffect::none;
  if (auto it = d.remarks.find(std::string(rarc)); it != d.remarks.end()) {
    RemarkGuidance g = it->second;
    // The official wording's strong meaning counts even over a weaker listed effect (the
    // official text says "unprocessable" or "Qualified Medicare Beneficiary"; section 3).
    if (remark_effect_strength(worded) > remark_effect_strength(g.effect)) g.effect = worded;
    return g;
  }
  RemarkGuidance g;
  g.from_rule = true;
  g.effect = worded;
  if (e) {
    g.sources = parse_source_ids("x12-rarc");
    g.note = detail::remark_rule_note(worded);
  }
  return g;
}

}  // namespace

RemarkGuidance remark_guidance(std::string_view rarc) {
  // Every adjustment asks about every remark it sees, and reading the wording costs a
  // lowercase copy and a dozen searches: remember the answers (per thread, bounded).
  thread_local std::map<std::string, RemarkGuidance, std::less<>> cache;
  if (auto it = cache.find(rarc); it != cache.end()) return it->second;
  if (cache.size() > 4096) cache.clear();
  return cache.emplace(std::string(rarc), remark_guidance_uncached(rarc)).first->second;
}

namespace detail {

void add_sources(std::vector<std::string_view>& to, const std::vector<std::string_view>& from) {
  for (std::string_view id : from)
    if (std::find(to.begin(), to.end(), id) == to.end()) to.push_back(id);
}

std::vector<RemarkEffect> remark_effects(const std::vector<std::string>& remarks) {
  std::vector<RemarkEffect> out;
  out.reserve(remarks.size());
  for (const std::string& code : remarks) out.push_back(remark_guidance(code).effect);
  return out;
}

AdjustmentGuidance base_guidance(std::string_view group, std::string_view carc,
                                 const std::vector<std::string>& remarks) {
  const Data& d = data();
  AdjustmentGuidance g;
  if (auto it = d.taxonomy.find(std::string(carc)); it != d.taxonomy.end()) {
    g.known = true;
    g.category = it->second.category;
    g.kind = it->second.kind;
    g.action = it->second.action;
    g.appealable = it->second.appealable;
    add_sources(g.sources, it->second.sources);
  }
  if (auto it = d.detail.find(std::string(carc)); it != d.detail.end()) g.detail = &it->second;
  if (auto it = d.detail_sources.find(std::string(carc)); it != d.detail_sources.end())
    add_sources(g.sources, it->second);
  const GroupRule* rule = nullptr;
  if (auto it = d.group_rules.find(std::string(group) + "|" + std::string(carc));
      it != d.group_rules.end()) {
    rule = &it->second;
  } else if (auto any = d.group_rules.find(std::string(group) + "|*"); any != d.group_rules.end()) {
    rule = &any->second;
  }
  if (rule) {
    if (rule->kind) g.kind = *rule->kind;
    if (rule->action) g.action = *rule->action, g.rule = "group_rules";
    if (rule->appealable) g.appealable = *rule->appealable;
    g.group_note = rule->note;
    add_sources(g.sources, rule->sources);
  }
  const bool patient_share = group == "PR" && g.kind == Kind::patient_responsibility;
  for (const std::string& code : remarks) {
    RemarkGuidance r = remark_guidance(code);
    bool strong = remark_effect_strength(r.effect) > 0;
    if (g.kind == Kind::denial || g.kind == Kind::reduction) {
      // A remark that would bill the patient for a non-PR amount is ignored, note and all.
      if (r.action == Action::bill_patient && r.action_override && group != "PR") continue;
      // "Crossed over: wait for the secondary" is about the patient's share; it never makes a
      // denied amount need no work (CO-197 with MA07 still needs its authorization).
      if (r.effect == RemarkEffect::other_payer && r.action == Action::no_action) continue;
      // A remark asking the biller to contact the payer never takes an appeal's place: the
      // appeal's deadline runs while they ask, so the appeal stays and the note says to ask.
      const bool keeps_appeal = g.action == Action::appeal && r.action == Action::contact_payer;
      if (r.action_override && !r.from_rule && !keeps_appeal)
        g.action = r.action, g.rule = "rarc_guidance";
      if (!r.note.empty() && !r.from_rule && (r.action_override || strong)) {
        g.remark_notes.push_back(code + ": " + r.note);
        add_sources(g.sources, r.sources);
      }
    } else if (patient_share) {
      // Remarks apply to PR lines too, but only those about who owes the patient's share:
      // QMB, ABN liability, another payer (a bundling remark does not cancel a copay).
      bool about_patient = r.effect == RemarkEffect::patient_protected ||
                           r.effect == RemarkEffect::patient_liability ||
                           r.effect == RemarkEffect::other_payer;
      if (!about_patient) continue;
      if (r.action_override && !r.from_rule) {
        g.action = r.action;
        g.rule = "rarc_guidance";
        // "Crossed over, wait for it" is, for the patient's share, waiting for that payer.
        if (r.action == Action::no_action && r.effect == RemarkEffect::other_payer)
          g.action = Action::await_other_payer;
      }
      if (!r.note.empty() && !r.from_rule && (r.action_override || strong)) {
        g.remark_notes.push_back(code + ": " + r.note);
        add_sources(g.sources, r.sources);
      }
    }
  }
  return g;
}

void apply_remark_meanings(AdjustmentGuidance& g, std::string_view group,
                           const std::vector<RemarkEffect>& effects) {
  auto any = [&](RemarkEffect e) {
    return std::find(effects.begin(), effects.end(), e) != effects.end();
  };
  if (g.kind == Kind::denial || g.kind == Kind::reduction) {
    if (any(RemarkEffect::resubmit_new_claim)) {
      // Unprocessable: nothing was decided, so nothing to appeal or correct; a new claim.
      g.action = Action::new_claim;
      g.appealable = Appealable::no;
    } else if (any(RemarkEffect::no_appeal_rights)) {
      // Final, not unprocessable: an appeal cannot change it, and a new claim would deny again.
      g.appealable = Appealable::no;
      if (g.action == Action::appeal) g.action = Action::write_off;
    } else if (any(RemarkEffect::appeal_rights) && g.appealable == Appealable::no) {
      g.appealable = Appealable::sometimes;
    }
  }
  if (group == "PR" && any(RemarkEffect::patient_protected)) {
    g.action = Action::bill_other_payer;  // QMB: Medicaid or the secondary, else write off
    g.appealable = Appealable::no;
  }
}

void apply_guards(AdjustmentGuidance& g, std::string_view group, std::string_view carc,
                  const std::vector<RemarkEffect>& effects) {
  // OA-100: the payer paid the patient, so the patient holds the provider's money.
  const bool paid_to_patient = group == "OA" && carc == "100";
  // Only PR may be billed to the patient: whatever the data says, a CO/PI/OA amount is not the
  // patient's (the guard keeps a data slip from costing a patient money).
  if (group != "PR" && !paid_to_patient && g.kind == Kind::patient_responsibility)
    g.kind = Kind::reduction;
  if (g.kind == Kind::contractual) g.appealable = Appealable::no;
  if (group != "PR" && !paid_to_patient && g.action == Action::bill_patient)
    g.action = Action::contact_payer;
  // QMB and the other "patient may not be billed" remarks: no rule, however specific, may leave
  // the amount on the patient, nor count it as the patient's while another payer has it.
  const bool protected_patient =
      std::find(effects.begin(), effects.end(), RemarkEffect::patient_protected) != effects.end();
  if (group == "PR" && protected_patient &&
      (g.action == Action::bill_patient || g.action == Action::await_other_payer)) {
    g.action = Action::bill_other_payer;  // Medicaid or the secondary, else write off
    g.appealable = Appealable::no;
  }
}

}  // namespace detail

namespace {

AdjustmentGuidance guidance_uncached(std::string_view group, std::string_view carc,
                                     const std::vector<std::string>& remarks) {
  AdjustmentGuidance g = detail::base_guidance(group, carc, remarks);
  std::vector<RemarkEffect> effects = detail::remark_effects(remarks);
  detail::apply_remark_meanings(g, group, effects);
  detail::apply_guards(g, group, carc, effects);
  return g;
}

}  // namespace

AdjustmentGuidance guidance_for(std::string_view group, std::string_view carc,
                                const std::vector<std::string>& remarks) {
  // Big remits repeat the same few group+reason pairs hundreds of thousands of times:
  // remember the answer for the common no-remark case (per thread; the data never changes).
  if (remarks.empty()) {
    thread_local std::map<std::string, AdjustmentGuidance, std::less<>> cache;
    char key[32];
    if (group.size() + carc.size() + 1 < sizeof key) {
      std::size_t n = group.copy(key, group.size());
      key[n++] = '|';
      n += carc.copy(key + n, carc.size());
      std::string_view k(key, n);
      if (auto it = cache.find(k); it != cache.end()) return it->second;
      if (cache.size() > 4096) cache.clear();
      return cache.emplace(std::string(k), guidance_uncached(group, carc, remarks)).first->second;
    }
  }
  return guidance_uncached(group, carc, remarks);
}

const std::vector<std::string>& guidance_load_errors() {
  static const std::vector<std::string> all = [] {
    std::vector<std::string> e = data().errors;
    const auto& more = detail::deactivated_load_errors();
    e.insert(e.end(), more.begin(), more.end());
    const auto& hints = detail::search_hint_errors();
    e.insert(e.end(), hints.begin(), hints.end());
    return e;
  }();
  return all;
}

}  // namespace denial
