// Appeal letter draft and corrected-claim checklist, filled from the claim's facts. Blanks
// that only the provider can fill are marked [LIKE THIS].
#include <set>

#include "explain/helpers.h"

namespace denial::detail {

std::string patient_name(const Claim& c) {
  for (const PersonName& n : c.names) {
    if (n.entity != "QC") continue;
    std::string s = n.last;
    if (!n.first.empty()) s += ", " + n.first;
    if (!n.middle.empty()) s += " " + n.middle;
    return s;
  }
  return {};
}

namespace {

std::string iso(const std::string& d) {
  return d.size() == 8 ? d.substr(0, 4) + "-" + d.substr(4, 2) + "-" + d.substr(6, 2) : d;
}

}  // namespace

std::string member_id(const Claim& c) {
  for (const PersonName& n : c.names)
    if (n.entity == "QC" || n.entity == "IL")
      if (!n.id.empty()) return n.id;
  return {};
}

std::string service_dates(const Claim& c) {
  std::string from, to;
  for (const DateValue& d : c.dates) {
    if (d.qualifier == "232") from = d.date;
    if (d.qualifier == "233") to = d.date;
  }
  for (const ServiceLine& l : c.lines)
    for (const DateValue& d : l.dates) {
      if ((d.qualifier == "472" || d.qualifier == "150") && (from.empty() || d.date < from))
        from = d.date;
      if ((d.qualifier == "472" || d.qualifier == "151") && (to.empty() || d.date > to))
        to = d.date;
    }
  if (from.empty()) return {};
  return to.empty() || to == from ? iso(from) : iso(from) + " to " + iso(to);
}

namespace {

std::string line_label(const Claim& c, std::ptrdiff_t line) {
  if (line < 0) return "claim level";
  const ServiceLine& l = c.lines[line];
  std::string s = "line " + std::to_string(line + 1) + " " + l.procedure.code;
  for (const auto& m : l.procedure.modifiers) s += "-" + m;
  return s;
}

bool has_action(const ExplainedClaim& x, Action a) {
  for (const NextAction& n : x.actions)
    if (n.action == a) return true;
  return false;
}

}  // namespace

void add_helpers(ExplainedClaim& x, const Transaction& t) {
  const Claim& c = *x.claim;
  if (has_action(x, Action::appeal)) {
    std::string s;
    const bool medicare = x.channel == Channel::medicare;
    s += "[DATE]\n\n" + (t.payer.name.empty() ? std::string("[PAYER NAME]") : t.payer.name) +
         (medicare ? "\nAttn: Redeterminations\n[MEDICARE CONTRACTOR APPEALS ADDRESS]\n\n"
                   : "\nAttn: Appeals / Reconsideration\n[PAYER APPEALS ADDRESS]\n\n");
    s += medicare ? "Re: Request for redetermination (Form CMS-20027 or the contractor's form)\n"
                  : "Re: Request for reconsideration\n";
    for (const NextAction& n : x.actions)
      if (n.action == Action::appeal && n.deadline.act_by)
        s += "File by: " + iso_date(*n.deadline.act_by) + " (" + n.deadline.rule + ")\n";
    std::string name = patient_name(c);
    s += "Patient: " + (name.empty() ? std::string("[PATIENT NAME]") : name) + "\n";
    std::string id = member_id(c);
    std::string dates = service_dates(c);
    s += "Member ID: " + (id.empty() ? std::string("[MEMBER ID]") : id) + "\n";
    s += "Patient account number: " + c.patient_control_number + "\n";
    s += "Payer claim number: " +
         (c.payer_claim_number.empty() ? std::string("[PAYER CLAIM NUMBER]")
                                       : c.payer_claim_number) +
         "\n";
    s += "Date(s) of service: " + (dates.empty() ? std::string("[DATE(S) OF SERVICE]") : dates) +
         "\n";
    s += "Billed: $" + format_cents(c.charge) + "   Paid: $" + format_cents(c.paid) + "\n";
    if (!t.payment.trace_number.empty()) s += "Check/EFT number: " + t.payment.trace_number + "\n";
    s += "\nAdjustments we ask you to reconsider:\n";
    std::set<std::string> attachments;
    for (const ExplainedAdjustment& a : x.adjustments) {
      if (a.guidance.action != Action::appeal) continue;
      s += "  - " + adjustment_code(*a.source) + " $" + format_cents(a.source->amount) + " (" +
           line_label(c, a.line) + ")\n";
      if (a.guidance.detail)
        for (const auto& att : a.guidance.detail->appeal_attachments) attachments.insert(att);
    }
    s += "\nTo whom it may concern:\n\nWe ask you to reconsider the adjustments listed above. "
         "[EXPLAIN WHY THE SERVICE SHOULD BE PAID, CITING THE RECORDS OR POLICY THAT SUPPORT "
         "IT.]\n\n";
    s += "Enclosed:\n";
    if (attachments.empty()) s += "  - [SUPPORTING DOCUMENTS]\n";
    for (const auto& att : attachments) s += "  - " + att + "\n";
    s += "  - A copy of the remittance advice for this claim\n\n";
    s += "Sincerely,\n[NAME, TITLE]\n" +
         (t.payee.name.empty() ? std::string("[PROVIDER NAME]") : t.payee.name) + "\nNPI: " +
         (t.payee.id_qualifier == "XX" && !t.payee.id.empty() ? t.payee.id : std::string("[NPI]")) +
         "\n[PHONE]\n";
    x.appeal_letter = std::move(s);
  }
  const bool new_claim = has_action(x, Action::new_claim);
  const bool reopening = has_action(x, Action::reopening);
  const bool corrected = has_action(x, Action::corrected_claim);
  if (new_claim || reopening || corrected) {
    auto& list = x.corrected_claim_checklist;
    if (new_claim) {
      list.push_back(
          "Submit a new claim (frequency code 1): the payer treated this claim as "
          "unprocessable, so there is no processed claim to replace or appeal.");
    } else if (reopening) {
      list.push_back(
          "Request a reopening from your Medicare contractor (its portal, phone line or "
          "reopening form) for the clerical error, citing claim " +
          (c.payer_claim_number.empty() ? std::string("[PAYER CLAIM NUMBER]")
                                        : c.payer_claim_number) +
          ". Medicare fixes processed claims by reopening, not by a frequency 7 replacement.");
    } else {
      list.push_back(
          "Submit a replacement claim: frequency code 7 in CLM05-3, with the payer claim number " +
          (c.payer_claim_number.empty() ? std::string("[PAYER CLAIM NUMBER]")
                                        : c.payer_claim_number) +
          " in REF*F8 (Payer Claim Control Number).");
    }
    for (const NextAction& n : x.actions)
      if ((n.action == Action::new_claim || n.action == Action::reopening ||
           n.action == Action::corrected_claim) &&
          n.deadline.act_by)
        list.push_back("Act by " + iso_date(*n.deadline.act_by) + " (" + n.deadline.rule + ").");
    for (const ExplainedAdjustment& a : x.adjustments) {
      Action act = a.guidance.action;
      if (act != Action::new_claim && act != Action::reopening && act != Action::corrected_claim)
        continue;
      list.push_back(
          "Fix what " + adjustment_code(*a.source) + " (" + line_label(c, a.line) + ") points to" +
          (a.carc ? ": see the official text of CARC " + a.carc->code : std::string()) + ".");
    }
    for (const ExplainedRemark& r : x.remarks) {
      if (r.guidance.effect != RemarkEffect::missing_information &&
          r.guidance.effect != RemarkEffect::invalid_information)
        continue;
      list.push_back("Supply or correct the item named by remark " + r.source->code +
                     (r.line >= 0 ? " (" + line_label(c, r.line) + ")" : std::string()) + ".");
    }
    if (new_claim) {
      // A new original claim must not carry lines already paid: they would deny as duplicates.
      std::string keep, leave;
      for (std::size_t i = 0; i < c.lines.size(); ++i) {
        std::string& to = c.lines[i].paid > 0 ? leave : keep;
        to += (to.empty() ? "" : ", ") + line_label(c, static_cast<std::ptrdiff_t>(i));
      }
      if (!keep.empty())
        list.push_back("Put only the lines not already paid on the new claim: " + keep + ".");
      if (!leave.empty())
        list.push_back("Leave off the lines already paid (" + leave +
                       "): they were processed and would deny as duplicates.");
      list.push_back("Keep the patient account number " + c.patient_control_number + ".");
    } else if (corrected) {
      list.push_back("Keep the patient account number " + c.patient_control_number +
                     " and every line that was paid correctly on the replacement claim.");
    }
  }
}

}  // namespace denial::detail
