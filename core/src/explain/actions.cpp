// Money buckets and the ordered next-action list of a claim.
#include <algorithm>
#include <array>

#include "explain/helpers.h"

namespace denial::detail {

void add_money(ClaimMoney& m, Kind kind, Cents amount) {
  switch (kind) {
    case Kind::denial:
    case Kind::reduction:
      m.recoverable += amount;
      break;
    case Kind::patient_responsibility:
      m.patient += amount;
      break;
    case Kind::contractual:
      m.write_off += amount;
      break;
    case Kind::informational:
      m.other += amount;
      break;
  }
}

std::string adjustment_code(const Adjustment& a) { return a.group + "-" + a.reason; }

std::vector<NextAction> next_actions(const ExplainedClaim& x, bool forwarded) {
  // One slot per action (a fixed, small vocabulary): no map nodes on the per-claim path.
  constexpr std::size_t kActions = static_cast<std::size_t>(Action::no_action) + 1;
  std::array<NextAction, kActions> by_action{};
  std::array<bool, kActions> used{};
  for (const ExplainedAdjustment& a : x.adjustments) {
    Action action = a.guidance.action;
    // On a crossover the secondary payer already has the claim: the patient's share waits for
    // its remittance, so no patient bill yet.
    if (forwarded && action == Action::bill_patient) action = Action::no_action;
    if (action == Action::no_action || a.source->amount == 0) continue;
    NextAction& n = by_action[static_cast<std::size_t>(action)];
    used[static_cast<std::size_t>(action)] = true;
    n.action = action;
    n.amount += a.source->amount;
    std::string code = adjustment_code(*a.source);
    if (std::find(n.reasons.begin(), n.reasons.end(), code) == n.reasons.end())
      n.reasons.push_back(code);
  }
  std::vector<NextAction> out;
  for (std::size_t i = 0; i < kActions; ++i) {
    if (!used[i]) continue;
    NextAction& n = by_action[i];
    const Action action = n.action;
    if (n.amount <= 0 && action != Action::contact_payer)
      continue;  // net negative: money came back
    // Add the remarks that drive this action, so the biller sees what to fix.
    for (const ExplainedAdjustment& a : x.adjustments)
      if (a.guidance.action == action)
        for (const std::string& note : a.guidance.remark_notes) {
          std::string code = note.substr(0, note.find(':'));
          if (std::find(n.reasons.begin(), n.reasons.end(), code) == n.reasons.end())
            n.reasons.push_back(code);
        }
    out.push_back(std::move(n));
  }
  // Work first (largest recoverable money), then routine posting (patient bill, write-off).
  auto routine = [](Action a) { return a == Action::write_off || a == Action::bill_patient; };
  std::stable_sort(out.begin(), out.end(), [&](const NextAction& a, const NextAction& b) {
    if (routine(a.action) != routine(b.action)) return !routine(a.action);
    return a.amount > b.amount;
  });
  return out;
}

}  // namespace denial::detail
