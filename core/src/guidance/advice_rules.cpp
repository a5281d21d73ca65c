// Loads advice_rules.csv and answers match_advice_rule / advise (docs/advice.md section 7).
#include <algorithm>
#include <map>

#include "codes/csv.h"
#include "denial/advice.h"
#include "denial/codes.h"
#include "guidance/guidance_internal.h"
#include "guidance/parse_vocab.h"

namespace denial::embedded {
extern const std::string_view kAdviceRulesCsv, kPairRulesCsv;
}

namespace denial {
namespace {

struct Table {
  std::vector<AdviceRule> rules;
  std::vector<std::string> errors;
};

std::vector<std::string> alternatives(const std::string& cell) {
  return detail::split_alternatives(cell);
}

// Columns are found by their header name, so a file may add a column (pair_rules.csv has
// `family`) without moving the others.
constexpr std::string_view kColumns[] = {
    "id",           "group",  "carc", "remark",     "remark_effect", "channel",
    "claim_status", "action", "kind", "appealable", "note",          "sources"};

bool is_family_id(const std::string& f) {
  if (f.empty()) return false;
  for (char c : f)
    if (!(c == '_' || (c >= 'a' && c <= 'z'))) return false;
  return true;
}

// `with_family`: every row must name its pair family (docs/advice.md section 7).
void load_rules(std::string_view csv, std::string_view file, bool with_family, Table& x) {
  auto rows = detail::parse_csv(csv);
  if (rows.empty()) {
    x.errors.push_back(std::string(file) + " is empty");
    return;
  }
  std::map<std::string, std::size_t, std::less<>> at;
  for (std::size_t i = 0; i < rows[0].size(); ++i) at[rows[0][i]] = i;
  for (std::string_view c : kColumns)
    if (!at.count(c)) {
      x.errors.push_back(std::string(file) + " has no column " + std::string(c));
      return;
    }
  const bool has_family = at.count("family") > 0;
  if (with_family && !has_family) x.errors.push_back(std::string(file) + " has no column family");
  std::size_t width = 0;
  for (const auto& [name, i] : at) width = std::max(width, i + 1);
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& r = rows[i];
    if (r.size() < width) {
      x.errors.push_back(std::string(file) + " row " + std::to_string(i + 1) + " has fewer than " +
                         std::to_string(width) + " fields");
      continue;
    }
    auto cell = [&](std::string_view name) -> const std::string& {
      return r[at.find(name)->second];
    };
    AdviceRule a;
    a.id = cell("id");
    a.group = alternatives(cell("group"));
    a.carc = alternatives(cell("carc"));
    a.remark = alternatives(cell("remark"));
    a.remark_effect = alternatives(cell("remark_effect"));
    a.channel = alternatives(cell("channel"));
    a.claim_status = alternatives(cell("claim_status"));
    if (has_family) a.family = cell("family");
    if (with_family && !is_family_id(a.family))
      x.errors.push_back(a.id + ": family '" + a.family + "' is not a lowercase id");
    const std::string& action = cell("action");
    a.action = detail::action_from(action);
    if (!a.action) x.errors.push_back(a.id + ": action '" + action + "' is not in the vocabulary");
    const std::string& kind = cell("kind");
    if (!kind.empty() && !(a.kind = detail::kind_from(kind)))
      x.errors.push_back(a.id + ": kind '" + kind + "' is not in the vocabulary");
    const std::string& appealable = cell("appealable");
    if (!appealable.empty() && !(a.appealable = detail::appealable_from(appealable)))
      x.errors.push_back(a.id + ": appealable '" + appealable + "' is not in the vocabulary");
    for (const auto& e : a.remark_effect)
      if (!detail::effect_from(e)) x.errors.push_back(a.id + ": remark effect '" + e + "'");
    for (const auto& c : a.channel)
      if (c != "medicare" && c != "medicaid" && c != "medicare_advantage" && c != "other")
        x.errors.push_back(a.id + ": channel '" + c + "'");
    a.note = cell("note");
    std::vector<std::string> unknown;
    a.sources = parse_source_ids(cell("sources"), &unknown);
    for (const auto& u : unknown) x.errors.push_back(a.id + ": source '" + u + "'");
    if (a.sources.empty()) x.errors.push_back(a.id + ": no source");
    x.rules.push_back(std::move(a));
  }
}

// The engine's own rules first, then the reason + remark pairs: on a tie of specificity the
// earlier row wins, so a pair must name more conditions to override an engine rule.
const Table& table() {
  static const Table t = [] {
    Table x;
    load_rules(embedded::kAdviceRulesCsv, "advice_rules.csv", false, x);
    load_rules(embedded::kPairRulesCsv, "pair_rules.csv", true, x);
    return x;
  }();
  return t;
}

bool in(const std::vector<std::string>& list, std::string_view v) {
  return list.empty() || std::find(list.begin(), list.end(), v) != list.end();
}

bool matches(const AdviceRule& r, const AdviceFacts& f) {
  if (!in(r.group, f.group) || !in(r.carc, f.carc) || !in(r.channel, channel_id(f.channel)) ||
      !in(r.claim_status, f.claim_status))
    return false;
  if (!r.remark.empty()) {
    bool any = false;
    if (f.remarks)
      for (const auto& code : *f.remarks) any = any || in(r.remark, code);
    if (!any) return false;
  }
  if (!r.remark_effect.empty()) {
    bool any = false;
    if (f.effects)
      for (RemarkEffect e : *f.effects) any = any || in(r.remark_effect, remark_effect_id(e));
    if (!any) return false;
  }
  return true;
}

AdjustmentGuidance advise_uncached(std::string_view group, std::string_view carc,
                                   const std::vector<std::string>& remarks, Channel channel,
                                   std::string_view status) {
  AdjustmentGuidance g = detail::base_guidance(group, carc, remarks);
  std::vector<RemarkEffect> effects = detail::remark_effects(remarks);
  if (!find_code(CodeList::carc, carc)) {
    // A code not in the official list explains nothing: ask the payer what the amount is.
    g.action = Action::contact_payer;
    g.kind = Kind::denial;
    g.appealable = Appealable::sometimes;
    g.rule = "unknown_code";
    detail::add_sources(g.sources, parse_source_ids("x12-carc"));
  }
  AdviceFacts facts{group, carc, &remarks, &effects, channel, status};
  const AdviceRule* rule = match_advice_rule(facts);
  if (rule) {
    if (rule->action) g.action = *rule->action;
    if (rule->kind) g.kind = *rule->kind;
    if (rule->appealable) g.appealable = *rule->appealable;
    g.rule = rule->id;
    g.rule_note = rule->note;
    detail::add_sources(g.sources, rule->sources);
  }
  // A row that names a remark or a meaning already decided with it in mind.
  if (!rule || !rule->conditions_on_remarks()) {
    Action before = g.action;
    detail::apply_remark_meanings(g, group, effects);
    if (g.action != before) g.rule = "remark_meaning";
  }
  Action before = g.action;
  detail::apply_guards(g, group, carc, effects);
  if (g.action != before) g.rule = "guard";
  // The family names the pair row only while that row still decides the action.
  if (rule && g.rule == rule->id) g.rule_family = rule->family;
  // The in-depth text of a patient-share code explains billing the patient; when the patient
  // is not to be billed (QMB, eligibility, another payer) the rule's note replaces it.
  if (group == "PR" && g.action != Action::bill_patient && g.detail &&
      g.kind != Kind::informational && !g.rule_note.empty())
    g.detail = nullptr;
  // The neutral "fix the claim" becomes the payer's route (section 4). Medicare fixes a
  // processed claim by reopening (Pub. 100-04 ch. 34); others take a replacement claim.
  // An unprocessable remark (MA130) on the claim or line wins over both: nothing was decided,
  // so there is nothing to reopen or replace (Pub. 100-04 ch. 1 section 80.3.2).
  if (g.action == Action::resubmit_corrected) {
    const bool unprocessable = std::find(effects.begin(), effects.end(),
                                         RemarkEffect::resubmit_new_claim) != effects.end();
    g.action = unprocessable                  ? Action::new_claim
               : channel == Channel::medicare ? Action::reopening
                                              : Action::corrected_claim;
  }
  return g;
}

}  // namespace

int AdviceRule::specificity() const {
  return !group.empty() + !carc.empty() + !remark.empty() + !remark_effect.empty() +
         !channel.empty() + !claim_status.empty();
}

const std::vector<AdviceRule>& advice_rules() { return table().rules; }
const std::vector<std::string>& advice_rule_load_errors() { return table().errors; }

const AdviceRule* match_advice_rule(const AdviceFacts& f) {
  const AdviceRule* best = nullptr;
  for (const AdviceRule& r : table().rules)
    if (matches(r, f) && (!best || r.specificity() > best->specificity())) best = &r;
  return best;
}

namespace {

// The cache key of one advise() call: every part prefixed by its length, so no code's bytes
// (a file may put any byte in a code) can make two different calls share a key. Built on the
// stack: this runs for every adjustment of a big file. False when the parts do not fit.
class AdviceKey {
 public:
  bool add(std::string_view part) {
    if (part.size() > 255 || n_ + 1 + part.size() > sizeof buf_) return false;
    buf_[n_++] = static_cast<char>(part.size());
    n_ += part.copy(buf_ + n_, part.size());
    return true;
  }
  std::string_view view() const { return {buf_, n_}; }

 private:
  char buf_[96];
  std::size_t n_ = 0;
};

}  // namespace

AdjustmentGuidance advise(std::string_view group, std::string_view carc,
                          const std::vector<std::string>& remarks, Channel channel,
                          std::string_view status) {
  // Big remits repeat the same few combinations, remarks included (a line's MA130, a claim's
  // N-remark): remember the answers per thread. The answer depends only on these arguments
  // and the static tables.
  AdviceKey key;
  const char channel_byte = static_cast<char>('0' + static_cast<int>(channel));
  bool fits = key.add(group) && key.add(carc) && key.add(status) &&
              key.add(std::string_view(&channel_byte, 1));
  for (std::size_t i = 0; fits && i < remarks.size(); ++i) fits = key.add(remarks[i]);
  if (!fits) return advise_uncached(group, carc, remarks, channel, status);
  thread_local std::map<std::string, AdjustmentGuidance, std::less<>> cache;
  if (auto it = cache.find(key.view()); it != cache.end()) return it->second;
  if (cache.size() > 4096) cache.clear();
  return cache
      .emplace(std::string(key.view()), advise_uncached(group, carc, remarks, channel, status))
      .first->second;
}

Bucket bucket_of(Action a) {
  switch (a) {
    case Action::bill_patient:
    case Action::await_other_payer:
      return Bucket::patient;
    case Action::write_off:
      return Bucket::write_off;
    case Action::no_action:
    case Action::check_original_claim:
      return Bucket::other;
    default:  // appeal, reopening, corrected / new claim, verify, retro auth, other payer, contact
      return Bucket::recoverable;
  }
}

std::string_view bucket_id(Bucket b) {
  constexpr std::string_view kIds[] = {"recoverable", "patient", "write_off", "other"};
  return kIds[static_cast<int>(b)];
}

}  // namespace denial
