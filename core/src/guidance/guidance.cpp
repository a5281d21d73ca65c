// Loads our guidance data (embedded at build time) and answers guidance_for / remark_guidance.
// Precedence: taxonomy row for the CARC, then the group rule (specific code over '*'), then
// remarks on the same claim or line that override the action (e.g. MA130: no appeal rights).
#include "denial/guidance.h"

#include <cctype>
#include <map>
#include <nlohmann/json.hpp>

#include "codes/csv.h"
#include "denial/codes.h"
#include "guidance/parse_vocab.h"
#include "text.h"

namespace denial::embedded {
extern const std::string_view kCarcTaxonomyCsv, kCarcDetailJson, kGroupRulesCsv, kRarcGuidanceCsv;
}

namespace denial {
namespace {

struct TaxonomyRow {
  Category category;
  Kind kind;
  Action action;
  Appealable appealable;
};

struct GroupRule {
  std::optional<Kind> kind;
  std::optional<Action> action;
  std::optional<Appealable> appealable;
  std::string note;
};

struct Data {
  std::map<std::string, TaxonomyRow> taxonomy;
  std::map<std::string, CarcDetail> detail;
  std::map<std::string, GroupRule> group_rules;  // key "CO|45" or "CO|*"
  std::map<std::string, RemarkGuidance> remarks;
  std::vector<std::string> errors;
};

template <typename T>
std::optional<T> need(std::optional<T> v, std::string_view what, std::string_view value, Data& d) {
  if (!v && !value.empty())
    d.errors.push_back(std::string(what) + " '" + std::string(value) +
                       "' is not in the vocabulary");
  return v;
}

void load_taxonomy(Data& d) {
  auto rows = detail::parse_csv(embedded::kCarcTaxonomyCsv);
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
    if (c && k && a && p) d.taxonomy[r[0]] = {*c, *k, *a, *p};
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
    d.detail[it.key()] = std::move(cd);
  }
}

void load_group_rules(Data& d) {
  auto rows = detail::parse_csv(embedded::kGroupRulesCsv);
  for (std::size_t i = 1; i < rows.size(); ++i) {
    auto r = rows[i];
    r.resize(6);
    GroupRule g;
    g.kind = need(detail::kind_from(r[2]), "kind", r[2], d);
    g.action = need(detail::action_from(r[3]), "action", r[3], d);
    g.appealable = need(detail::appealable_from(r[4]), "appealable", r[4], d);
    g.note = r[5];
    d.group_rules[r[0] + "|" + r[1]] = std::move(g);
  }
}

void load_remarks(Data& d) {
  auto rows = detail::parse_csv(embedded::kRarcGuidanceCsv);
  for (std::size_t i = 1; i < rows.size(); ++i) {
    auto r = rows[i];
    r.resize(4);
    RemarkGuidance g;
    if (auto e = need(detail::effect_from(r[1]), "effect", r[1], d)) g.effect = *e;
    if (auto a = need(detail::action_from(r[2]), "action", r[2], d)) {
      g.action = *a;
      g.action_override = true;
    }
    g.note = r[3];
    d.remarks[r[0]] = std::move(g);
  }
}

const Data& data() {
  static const Data d = [] {
    Data x;
    load_taxonomy(x);
    load_detail(x);
    load_group_rules(x);
    load_remarks(x);
    return x;
  }();
  return d;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

}  // namespace

// The rule for remarks we have no entry for, over the official wording (case-insensitive):
// an alert informs; a description that names a missing or invalid item asks for a fix.
RemarkEffect effect_from_description(std::string_view description) {
  std::string t = detail::ascii_lower(description);
  if (starts_with(t, "alert:")) return RemarkEffect::informational;
  if (starts_with(t, "incomplete/invalid") || starts_with(t, "invalid") ||
      starts_with(t, "incorrect") || starts_with(t, "mismatch") ||
      t.find("does not match") != std::string::npos ||
      t.find("do not match") != std::string::npos || t.find("inconsistent") != std::string::npos ||
      t.find("illegible") != std::string::npos)
    return RemarkEffect::invalid_information;
  if (starts_with(t, "missing") || starts_with(t, "incomplete") || starts_with(t, "did not") ||
      starts_with(t, "claim did not") || t.find("not on file") != std::string::npos ||
      t.find("incomplete and/or invalid") != std::string::npos ||
      t.find("missing, incomplete, or invalid") != std::string::npos)
    return RemarkEffect::missing_information;
  return RemarkEffect::none;
}

namespace {}  // namespace

AdjustmentGuidance guidance_uncached(std::string_view group, std::string_view carc,
                                     const std::vector<std::string>& remarks);

RemarkGuidance remark_guidance(std::string_view rarc) {
  const Data& d = data();
  if (auto it = d.remarks.find(std::string(rarc)); it != d.remarks.end()) return it->second;
  RemarkGuidance g;
  g.from_rule = true;
  if (const CodeEntry* e = find_code(CodeList::rarc, rarc))
    g.effect = effect_from_description(e->description);
  return g;
}

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

AdjustmentGuidance guidance_uncached(std::string_view group, std::string_view carc,
                                     const std::vector<std::string>& remarks) {
  const Data& d = data();
  AdjustmentGuidance g;
  if (auto it = d.taxonomy.find(std::string(carc)); it != d.taxonomy.end()) {
    g.known = true;
    g.category = it->second.category;
    g.kind = it->second.kind;
    g.action = it->second.action;
    g.appealable = it->second.appealable;
  }
  if (auto it = d.detail.find(std::string(carc)); it != d.detail.end()) g.detail = &it->second;
  const GroupRule* rule = nullptr;
  if (auto it = d.group_rules.find(std::string(group) + "|" + std::string(carc));
      it != d.group_rules.end()) {
    rule = &it->second;
  } else if (auto any = d.group_rules.find(std::string(group) + "|*"); any != d.group_rules.end()) {
    rule = &any->second;
  }
  if (rule) {
    if (rule->kind) g.kind = *rule->kind;
    if (rule->action) g.action = *rule->action;
    if (rule->appealable) g.appealable = *rule->appealable;
    g.group_note = rule->note;
  }
  // Only PR may be billed to the patient: whatever the data says, a CO/PI/OA amount is not the
  // patient's (the guard keeps a data slip from costing a patient money).
  if (group != "PR" && g.kind == Kind::patient_responsibility) g.kind = Kind::reduction;
  if (g.kind == Kind::contractual) g.appealable = Appealable::no;
  // Remarks refine only money the provider can still recover.
  if (g.kind == Kind::denial || g.kind == Kind::reduction) {
    for (const std::string& code : remarks) {
      RemarkGuidance r = remark_guidance(code);
      if (r.effect == RemarkEffect::no_appeal_rights ||
          r.effect == RemarkEffect::resubmit_new_claim) {
        g.appealable = Appealable::no;
        g.action = Action::resubmit_corrected;
      }
      // A remark that would bill the patient for a non-PR amount is ignored, note and all.
      if (r.action == Action::bill_patient && r.action_override && group != "PR") continue;
      if (r.action_override && !r.from_rule) g.action = r.action;
      if (!r.note.empty() && (r.action_override || r.effect == RemarkEffect::no_appeal_rights))
        g.remark_notes.push_back(code + ": " + r.note);
    }
  }
  // Checked last: a remark's action (M38, MA47: bill_patient) must not bill a non-PR amount.
  if (group != "PR" && g.action == Action::bill_patient) g.action = Action::contact_payer;
  return g;
}

const std::vector<std::string>& guidance_load_errors() { return data().errors; }

}  // namespace denial
