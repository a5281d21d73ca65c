// The patient explanation of one claim, from the engine's results only: the amount the patient
// owes is the claim's bill_patient action, its reasons are the adjustments behind that action.
// Nothing is recomputed, so the letter, the JSON and the claim's money buckets agree.
#include <algorithm>

#include "denial/explain.h"
#include "denial/query.h"
#include "explain/helpers.h"
#include "explain/patient_texts.h"
#include "report/printable.h"

namespace denial {
namespace {

void add_sources(std::vector<std::string_view>& to, const std::vector<std::string_view>& from) {
  for (std::string_view id : from)
    if (std::find(to.begin(), to.end(), id) == to.end()) to.push_back(id);
}

bool has_modifier(const Procedure& p, std::string_view modifier) {
  return std::find(p.modifiers.begin(), p.modifiers.end(), modifier) != p.modifiers.end();
}

// Modifier GA says a signed ABN is on file (Medicare). Only a line can carry it.
bool line_has_ga(const Claim& c, std::ptrdiff_t line) {
  if (line < 0) return false;
  const ServiceLine& l = c.lines[static_cast<std::size_t>(line)];
  return has_modifier(l.procedure, "GA") || (l.submitted && has_modifier(*l.submitted, "GA"));
}

// Only PR, and OA-100 (the payer paid the patient), may ever reach the patient (section 2).
bool may_bill_patient(const Adjustment& a) {
  return a.group == "PR" || (a.group == "OA" && a.reason == "100");
}

struct ShareFacts {
  PatientShare share;
  bool ga = true;  // every adjustment behind it sits on a line with modifier GA
};

}  // namespace

std::string_view no_patient_letter_id(NoPatientLetter why) {
  switch (why) {
    case NoPatientLetter::none:
      return "none";
    case NoPatientLetter::reversal:
      return "reversal";
    case NoPatientLetter::nothing_owed:
      return "nothing_owed";
    case NoPatientLetter::patient_protected:
      return "patient_protected";
    case NoPatientLetter::coverage_unsettled:
      return "coverage_unsettled";
    case NoPatientLetter::does_not_balance:
      return "does_not_balance";
    case NoPatientLetter::credit:
      return "credit";
  }
  return "none";
}

std::optional<PatientExplanation> explain_for_patient(const ExplainedClaim& x, const Transaction& t,
                                                      std::string_view date, NoPatientLetter* why) {
  auto refuse = [&](NoPatientLetter w) -> std::optional<PatientExplanation> {
    if (why) *why = w;
    return std::nullopt;
  };
  if (why) *why = NoPatientLetter::none;
  const Claim& c = *x.claim;
  if (c.status == "22" || x.outcome == Outcome::reversed) return refuse(NoPatientLetter::reversal);
  // A QMB (or other "the patient may not be billed") remark anywhere on the claim protects the
  // patient for the whole claim, whatever a line without the remark says.
  for (const ExplainedRemark& r : x.remarks)
    if (r.guidance.effect == RemarkEffect::patient_protected)
      return refuse(NoPatientLetter::patient_protected);
  // Another payer may be primary, or the patient's eligibility is in doubt: until that is
  // settled the patient's share on this remit may change.
  for (const ExplainedAdjustment& a : x.adjustments) {
    const Action act = a.guidance.action;
    if (a.source->group == "PR" &&
        (act == Action::bill_other_payer || act == Action::verify_eligibility_rebill ||
         act == Action::await_other_payer))
      return refuse(NoPatientLetter::coverage_unsettled);
  }
  const NextAction* bill = nullptr;
  for (const NextAction& n : x.actions)
    if (n.action == Action::bill_patient) bill = &n;
  if (!bill || bill->amount <= 0) return refuse(NoPatientLetter::nothing_owed);
  // A remit that does not add up (or whose CLP05 disagrees with its PR amounts) cannot tell
  // the patient what they owe.
  if (!x.flags.empty()) return refuse(NoPatientLetter::does_not_balance);

  std::vector<ShareFacts> facts;
  Cents total = 0;
  for (const ExplainedAdjustment& a : x.adjustments) {
    if (a.guidance.action != Action::bill_patient) continue;
    // The advice guards already keep CO/PI/OA amounts off the patient; a slip here would
    // cost a patient money, so the letter refuses rather than trusts.
    if (!may_bill_patient(*a.source)) return refuse(NoPatientLetter::nothing_owed);
    std::string code = detail::adjustment_code(*a.source);
    auto it = std::find_if(facts.begin(), facts.end(),
                           [&](const ShareFacts& f) { return f.share.code == code; });
    if (it == facts.end()) {
      facts.push_back({});
      it = facts.end() - 1;
      it->share.code = code;
    }
    it->share.amount += a.source->amount;
    it->ga = it->ga && line_has_ga(c, a.line);
    total += a.source->amount;
  }
  if (total != bill->amount) return refuse(NoPatientLetter::does_not_balance);
  facts.erase(std::remove_if(facts.begin(), facts.end(),
                             [](const ShareFacts& f) { return f.share.amount == 0; }),
              facts.end());
  for (const ShareFacts& f : facts)
    if (f.share.amount < 0) return refuse(NoPatientLetter::credit);
  std::stable_sort(facts.begin(), facts.end(), [](const ShareFacts& a, const ShareFacts& b) {
    return a.share.amount > b.share.amount;
  });

  PatientExplanation e;
  e.date = std::string(date);
  e.patient_name = detail::printable(detail::patient_name(c));
  e.patient_control_number = detail::printable(c.patient_control_number);
  e.payer_claim_number = detail::printable(c.payer_claim_number);
  e.member_id = detail::printable(mask_id(detail::member_id(c)));
  e.dates_of_service = detail::printable(detail::service_dates(c));
  e.provider = detail::printable(t.payee.name);
  e.plan = detail::printable(t.payer.name);
  e.channel = x.channel;
  e.billed = c.charge;
  e.plan_paid = c.paid;
  e.owed = bill->amount;
  e.not_billed = c.charge - c.paid - bill->amount;

  const detail::PatientTextFacts claim_facts{{}, x.channel, false};
  auto use = [&](const PatientText* p) {
    add_sources(e.sources, p->sources);
    return std::string_view(p->text);
  };
  for (const PatientText* p : detail::pick_patient_texts("label", claim_facts))
    add_sources(e.sources, p->sources);
  if (const PatientText* p = detail::pick_patient_text("intro", claim_facts)) e.intro = use(p);
  for (ShareFacts& f : facts) {
    const detail::PatientTextFacts share_facts{f.share.code, x.channel, f.ga};
    const PatientText* reason = detail::pick_patient_text("reason", share_facts);
    // The data has a PR-* row and an OA-100 row (tested); without a text, no letter at all
    // rather than one whose lines do not add up to what is owed.
    if (!reason) return refuse(NoPatientLetter::nothing_owed);
    f.share.label = reason->label;
    f.share.text = use(reason);
    f.share.sources = reason->sources;
    // A code without a text of its own gets the office's "read its meaning first" check.
    const bool fallback =
        std::find(reason->codes.begin(), reason->codes.end(), f.share.code) == reason->codes.end();
    for (const PatientText* check : detail::pick_patient_texts("check", share_facts, fallback)) {
      std::string text = check->text;
      if (std::size_t at = text.find("{code}"); at != std::string::npos)
        text.replace(at, 6, f.share.code);
      if (std::find(e.office_checks.begin(), e.office_checks.end(), text) == e.office_checks.end())
        e.office_checks.push_back(std::move(text));
      add_sources(e.sources, check->sources);
    }
    e.shares.push_back(std::move(f.share));
  }
  for (const PatientText* p : detail::pick_patient_texts("note", claim_facts))
    e.notes.push_back(use(p));
  for (const PatientText* p : detail::pick_patient_texts("disagree", claim_facts))
    e.if_you_disagree.push_back(use(p));
  // Claim-wide checks first: secondary coverage and QMB come before any code's own check.
  std::vector<std::string> checks;
  for (const PatientText* p : detail::pick_patient_texts("check", claim_facts))
    checks.push_back(std::string(use(p)));
  checks.insert(checks.end(), e.office_checks.begin(), e.office_checks.end());
  e.office_checks = std::move(checks);
  return e;
}

}  // namespace denial
