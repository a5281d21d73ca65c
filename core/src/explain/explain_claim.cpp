// Explains one claim: official text + our guidance for every adjustment and remark, the money
// per kind, the outcome, and one ordered list of next actions.
#include <algorithm>
#include <map>

#include "denial/explain.h"
#include "explain/helpers.h"

namespace denial {

std::string remit_date_of(const Transaction& t) {
  if (t.payment.date.size() == 8) return t.payment.date;
  if (t.production_date.size() == 8) return t.production_date;
  return {};
}

namespace {

bool is_reversal(const Claim& c) { return c.status == "22"; }
bool is_forwarded(const Claim& c) {
  return c.status == "19" || c.status == "20" || c.status == "21" || c.status == "23";
}

void check_code(const CodeEntry* entry, CodeList list, std::string_view code, const Claim& claim,
                const SourcePos& pos, const std::string& date, Validity& validity,
                Diagnostics* diags) {
  if (!diags) return;
  if (!entry) {
    if (code.empty()) return;
    diags->push_back({Severity::warning, Errc::code_unknown, pos.segment_no, pos.byte_offset, "",
                      std::string(code_list_info(list).id == "carc" ? "CARC " : "RARC ") +
                          std::string(code) + " is not in the official list as of release " +
                          std::string(code_list_info(list).release)});
    return;
  }
  validity = date.empty() ? Validity::valid : validity_on(*entry, date);
  // Deactivated codes may still appear in reversals (CLP02=22).
  if (validity == Validity::valid || is_reversal(claim)) return;
  diags->push_back(
      {Severity::warning, Errc::code_inactive, pos.segment_no, pos.byte_offset, "",
       std::string(code_list_info(list).id == "carc" ? "CARC " : "RARC ") + entry->code +
           (validity == Validity::deactivated
                ? " was deactivated" +
                      (entry->stop_date.empty() ? std::string() : " on " + entry->stop_date)
                : " was not yet valid (starts " + entry->start_date + ")") +
           " but is used on a remit dated " + date + ": a payer error worth a call"});
}

// A claim is denied only by a denied line (kind denial, positive amount), never by a routine
// reduction such as CO-45, CO-59 or CO-253 (docs/advice.md section 5).
Outcome outcome_of(const ExplainedClaim& x) {
  const Claim& c = *x.claim;
  const ClaimMoney& m = x.money;
  if (is_reversal(c)) return Outcome::reversed;
  if (c.status == "25") return Outcome::predetermination;
  if (is_forwarded(c)) return Outcome::forwarded_to_another_payer;
  if (c.status == "4") return Outcome::denied;
  // What the payer decided, not what we advise: a QMB patient's cost sharing is still the
  // patient's share on the remit, although it is billed to Medicaid.
  Cents denied = 0, patient_share = 0;
  for (const ExplainedAdjustment& a : x.adjustments) {
    if (a.guidance.kind == Kind::denial) denied += a.source->amount;
    if (a.guidance.kind == Kind::patient_responsibility) patient_share += a.source->amount;
  }
  if (denied > 0)
    return c.paid == 0 && patient_share <= 0 ? Outcome::denied : Outcome::partially_denied;
  if (c.paid == 0 && patient_share > 0) return Outcome::patient_responsibility_only;
  if (m.write_off != 0 || m.patient != 0 || m.recoverable != 0)
    return Outcome::paid_with_contractual_reductions;
  return Outcome::paid_as_expected;
}

// Lines or totals that do not balance leave money nobody explained (section 4).
void check_balance(ExplainedClaim& x) {
  std::vector<BalanceFinding> findings;
  check_claim_balance(*x.claim, 0, 0, findings);
  Cents claim_level = 0, lines = 0;
  bool unbalanced = false, patient_mismatch = false;
  for (const BalanceFinding& f : findings) {
    Cents d = f.difference < 0 ? -f.difference : f.difference;
    if (f.level == BalanceLevel::claim) claim_level += d, unbalanced = true;
    if (f.level == BalanceLevel::service_line) lines += d, unbalanced = true;
    if (f.level == BalanceLevel::patient_responsibility) patient_mismatch = true;
  }
  if (unbalanced) {
    x.flags.push_back("unbalanced");
    x.unaccounted = claim_level ? claim_level : lines;
  }
  if (patient_mismatch) x.flags.push_back("patient_responsibility_mismatch");
}

// Denied dollars: the work on a denied claim, less the unaccounted money riding on the
// "ask the payer" task (an unbalanced file would otherwise count as a denial), at most the charge.
Cents denied_dollars(const ExplainedClaim& x) {
  if (x.outcome != Outcome::denied && x.outcome != Outcome::partially_denied) return 0;
  Cents unexplained = 0;
  for (const NextAction& n : x.actions)
    if (std::find(n.reasons.begin(), n.reasons.end(), "unbalanced") != n.reasons.end())
      unexplained = std::min(x.unaccounted, n.amount);
  Cents denied = x.money.recoverable - unexplained;
  // Nothing can be denied beyond what was billed: a file whose CAS amounts exceed the charge
  // is already flagged unbalanced, and must not push a denial rate past 100 %.
  denied = std::min(denied, x.claim->charge);
  return denied > 0 ? denied : 0;
}

}  // namespace

ExplainedClaim explain_claim(const Claim& c, const Transaction& t, std::size_t ti, std::size_t ci,
                             Diagnostics* diags, bool with_drafts, const ExplainOptions& options) {
  ExplainedClaim x;
  x.claim = &c;
  x.transaction = ti;
  x.index = ci;
  x.remit_date = remit_date_of(t);
  x.status = find_code(CodeList::claim_status, c.status);
  x.channel = channel_of(c.filing_indicator);

  // One allocation each instead of growing (an ExplainedAdjustment is large to move).
  std::size_t adjustment_count = c.adjustments.size(), remark_count = c.remarks.size();
  for (const ServiceLine& l : c.lines)
    adjustment_count += l.adjustments.size(), remark_count += l.remarks.size();
  x.adjustments.reserve(adjustment_count);
  x.remarks.reserve(remark_count);
  std::vector<std::string> claim_remarks;
  for (const Remark& r : c.remarks) claim_remarks.push_back(r.code);
  auto add_remark = [&](const Remark& r, std::ptrdiff_t line) {
    ExplainedRemark er;
    er.source = &r;
    er.line = line;
    if (r.qualifier == "HE" || r.qualifier.empty()) {
      er.rarc = find_code(CodeList::rarc, r.code);
      check_code(er.rarc, CodeList::rarc, r.code, c, r.pos, x.remit_date, er.validity, diags);
      er.guidance = remark_guidance(r.code);
    }
    x.remarks.push_back(std::move(er));
  };
  auto add_adjustment = [&](const Adjustment& a, std::ptrdiff_t line,
                            const std::vector<std::string>& remarks) {
    ExplainedAdjustment ea;
    ea.source = &a;
    ea.line = line;
    ea.carc = find_code(CodeList::carc, a.reason);
    ea.group = find_code(CodeList::group, a.group);
    check_code(ea.carc, CodeList::carc, a.reason, c, a.pos, x.remit_date, ea.validity, diags);
    ea.guidance = advise(a.group, a.reason, remarks, x.channel, c.status);
    x.adjustments.push_back(std::move(ea));
  };

  for (const Remark& r : c.remarks) add_remark(r, -1);
  for (const Adjustment& a : c.adjustments) add_adjustment(a, -1, claim_remarks);
  for (std::size_t li = 0; li < c.lines.size(); ++li) {
    const ServiceLine& l = c.lines[li];
    // The claim's remarks plus the line's; a copy only for lines that have remarks.
    std::vector<std::string> line_remarks;
    if (!l.remarks.empty()) line_remarks = claim_remarks;
    for (const Remark& r : l.remarks) {
      line_remarks.push_back(r.code);
      add_remark(r, static_cast<std::ptrdiff_t>(li));
    }
    for (const Adjustment& a : l.adjustments)
      add_adjustment(a, static_cast<std::ptrdiff_t>(li),
                     l.remarks.empty() ? claim_remarks : line_remarks);
  }
  if (!is_reversal(c)) check_balance(x);
  detail::decide_actions(x, options);
  x.outcome = outcome_of(x);
  x.money.denied = denied_dollars(x);
  if (with_drafts) {
    detail::add_helpers(x, t);
    // The letter is dated by the caller's as-of date (the core never reads the clock).
    auto as_of = parse_civil_date(options.as_of);
    if (auto e = explain_for_patient(x, t, as_of ? iso_date(*as_of) : std::string()))
      x.patient_explanation = std::make_shared<const PatientExplanation>(std::move(*e));
  }
  return x;
}

void pair_reversals(std::vector<ExplainedClaim>& claims) {
  for (std::size_t i = 0; i < claims.size(); ++i) {
    const Claim& rev = *claims[i].claim;
    if (!is_reversal(rev) || claims[i].paired_with) continue;
    // The corrected claim carries the same patient control number; prefer the next one.
    for (std::size_t j = 0; j < claims.size(); ++j) {
      const Claim& other = *claims[j].claim;
      if (j == i || is_reversal(other) || claims[j].paired_with) continue;
      if (other.patient_control_number != rev.patient_control_number) continue;
      claims[i].paired_with = j;
      claims[j].paired_with = i;
      Cents net = rev.paid + other.paid;
      claims[i].net_paid_with_pair = net;
      claims[j].net_paid_with_pair = net;
      break;
    }
  }
}

}  // namespace denial
