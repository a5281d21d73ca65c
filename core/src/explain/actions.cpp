// Next actions of a claim and the money buckets that follow them (docs/advice.md section 5):
// adjustments are grouped by their final action; every group's amount lands in the bucket of
// its action, so the memo, JSON, CSV and page can only agree.
#include <algorithm>
#include <array>
#include <cstring>

#include "explain/deadlines.h"
#include "explain/helpers.h"

namespace denial::detail {

std::string adjustment_code(const Adjustment& a) {
  // One string of the final size ("CO-45" fits in the string itself): operator+ made a
  // temporary and appended twice, for every adjustment of every claim.
  std::string code(a.group.size() + 1 + a.reason.size(), '-');
  std::memcpy(code.data(), a.group.data(), a.group.size());
  std::memcpy(code.data() + a.group.size() + 1, a.reason.data(), a.reason.size());
  return code;
}

namespace {

void add_unique(std::vector<std::string>& v, const std::string& s) {
  if (std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
}

// Source ids are views of sources.csv's loaded table (parse_source_ids and the guidance
// tables keep only ids found there), so one id is always the same characters: comparing
// where the views point replaces a memcmp per pair, which showed in the profile.
void add_unique_source(std::vector<std::string_view>& to, std::string_view id) {
  for (std::string_view have : to)
    if (have.data() == id.data() && have.size() == id.size()) return;
  to.push_back(id);
}

bool is_route(Action a) {
  return a == Action::appeal || a == Action::reopening || a == Action::corrected_claim ||
         a == Action::new_claim;
}

// Routine posting comes after the work, whatever the amounts. Waiting for the secondary and
// checking the original claim are work: they say why nothing is billed yet.
bool routine(Action a) {
  return a == Action::bill_patient || a == Action::write_off || a == Action::no_action;
}

void add_to_bucket(ClaimMoney& m, Action a, Cents amount) {
  switch (bucket_of(a)) {
    case Bucket::recoverable:
      m.recoverable += amount;
      break;
    case Bucket::patient:
      m.patient += amount;
      break;
    case Bucket::write_off:
      m.write_off += amount;
      break;
    case Bucket::other:
      m.other += amount;
      break;
  }
}

void only_no_action(ExplainedClaim& x, const char* rule) {
  x.actions.push_back({Action::no_action});
  x.actions.back().label = action_label(Action::no_action);
  x.actions.back().rule = rule;
}

struct Group {
  NextAction action;
  std::optional<Action> late;  // the route whose deadline passed
  Cents largest = 0;           // amount of the adjustment whose rule names the group
  bool used = false;
};

}  // namespace

void decide_actions(ExplainedClaim& x, const ExplainOptions& options) {
  const Claim& c = *x.claim;
  x.actions.clear();
  x.money = {};
  if (c.status == "22") {
    // A reversal takes back an earlier posting: its negated amounts leave the buckets they were
    // posted in, so a reversal and its correction net to the new posting. Nothing to do.
    for (const ExplainedAdjustment& a : x.adjustments)
      add_to_bucket(x.money, a.guidance.action, a.source->amount);
    only_no_action(x, "reversal");
    return;
  }
  if (c.status == "25") {
    // A predetermination only estimates: nothing is paid, billed or written off yet.
    for (const ExplainedAdjustment& a : x.adjustments) x.money.other += a.source->amount;
    only_no_action(x, "predetermination");
    return;
  }
  // Deadlines per route, computed once per claim.
  std::array<std::optional<Deadline>, kActionCount> deadlines;
  auto deadline = [&](Action route) -> const Deadline& {
    auto& slot = deadlines[static_cast<std::size_t>(route)];
    if (!slot) slot = deadline_for(route, x.channel, x.remit_date, c, options);
    return *slot;
  };
  for (ExplainedAdjustment& a : x.adjustments) {
    Action route = a.guidance.action;
    if (!is_route(route) || !deadline(route).passed) continue;
    // A late reopening can still go the appeal way while that window is open.
    if (route == Action::reopening && !deadline(Action::appeal).passed &&
        deadline(Action::appeal).act_by) {
      a.guidance.action = Action::appeal;
      continue;
    }
    a.late_route = route;
    a.guidance.action = Action::write_off;
  }
  // One group per (action, late route): a late appeal's write-off is not a contractual one.
  std::vector<Group> groups;
  groups.reserve(4);  // a claim rarely needs more: one allocation per claim
  auto group_of = [&](Action action, std::optional<Action> late) -> Group& {
    for (Group& g : groups)
      if (g.action.action == action && g.late == late) return g;
    groups.push_back({});
    Group& g = groups.back();
    g.action.sources.reserve(8);  // the adjustments' ids: one allocation instead of four
    g.action.action = action;
    g.late = late;
    if (late) {
      g.action.deadline = deadline(*late);
      g.action.note = late_note(*late, x.channel, g.action.deadline);
      g.action.label = late_label(*late, x.channel);
      const auto& ids = deadline_sources(*late, g.action.deadline);
      g.action.sources.assign(ids.begin(), ids.end());  // keeps the reserved room
    } else {
      if (is_route(action)) {
        g.action.deadline = deadline(action);
        const auto& ids = deadline_sources(action, g.action.deadline);
        g.action.sources.assign(ids.begin(), ids.end());
      }
      g.action.label = action_label(action, x.channel);
    }
    return g;
  };
  for (const ExplainedAdjustment& a : x.adjustments) {
    const Action action = a.guidance.action;
    Group& g = group_of(action, a.late_route);
    NextAction& n = g.action;
    n.amount += a.source->amount;
    add_unique(n.reasons, adjustment_code(*a.source));
    // The remarks that drive the action, so the biller sees what to fix.
    for (const std::string& note : a.guidance.remark_notes)
      add_unique(n.reasons, note.substr(0, note.find(':')));
    for (std::string_view id : a.guidance.sources) add_unique_source(n.sources, id);
    Cents size = a.source->amount < 0 ? -a.source->amount : a.source->amount;
    if (!g.used || size > g.largest) {
      g.largest = size;
      n.rule = a.guidance.rule;
      n.rule_family = a.guidance.rule_family;
      if (!a.late_route) n.note = std::string(a.guidance.rule_note);
    }
    g.used = true;
  }
  // Money the balance rules cannot explain: ask the payer (section 4).
  if (x.unaccounted != 0) {
    Group& g = group_of(Action::contact_payer, std::nullopt);
    NextAction& n = g.action;
    n.amount += x.unaccounted;
    add_unique(n.reasons, "unbalanced");
    if (!g.used) {
      n.rule = "unbalanced";
      n.note = "The claim does not balance: $" + format_cents(x.unaccounted) +
               " is unaccounted for. Ask the payer to explain or correct the remittance.";
    }
    for (std::string_view id : parse_source_ids("x12-835-tr3")) add_unique_source(n.sources, id);
    g.used = true;
  }
  x.actions.reserve(groups.size());
  for (Group& g : groups) {
    NextAction& n = g.action;
    // No action, nothing at stake, or money that came back (net negative): not a task; its
    // amount stays in "other" so the buckets still add up to every adjustment.
    bool task = n.action != Action::no_action &&
                (n.amount > 0 || (n.action == Action::contact_payer && n.amount != 0));
    if (!task) {
      x.money.other += n.amount;
      continue;
    }
    add_to_bucket(x.money, n.action, n.amount);
    x.actions.push_back(std::move(n));
  }
  // Work first (largest first), then routine posting; nothing to do is still an answer.
  auto before = [](const NextAction& a, const NextAction& b) {
    if (routine(a.action) != routine(b.action)) return !routine(a.action);
    return a.amount > b.amount;
  };
  // A stable insertion sort: a claim has a few actions, and std::stable_sort allocated a
  // buffer per claim.
  for (auto i = x.actions.begin(); i != x.actions.end(); ++i)
    std::rotate(std::upper_bound(x.actions.begin(), i, *i, before), i, i + 1);
  if (x.actions.empty()) only_no_action(x, "nothing_to_do");
}

}  // namespace denial::detail
