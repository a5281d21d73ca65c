// Deadlines per route. Medicare's are rules (42 CFR 405.942, 405.980, 424.44); everyone
// else's are contractual and come from the user's settings, or not at all.
#include "explain/deadlines.h"

namespace denial::detail {

// An institutional claim: Medicare Part A, inpatient data (MIA), or lines priced by revenue
// code (SVC01 NU or SVC04). CR 7080: institutional claims with span dates count from the claim's
// "through" date, professional ones from each line's "from" date.
bool is_institutional(const Claim& c) {
  if (c.filing_indicator == "MA") return true;  // Medicare Part A bills on the institutional form
  for (const AdjudicationInfo& a : c.adjudication)
    if (a.segment == "MIA") return true;
  for (const ServiceLine& l : c.lines)
    if (l.procedure.qualifier == "NU" || !l.revenue_code.empty()) return true;
  return false;
}

std::optional<Days> service_date_of(const Claim& c) {
  std::optional<Days> through, from, earliest_line;
  for (const DateValue& d : c.dates) {
    if (d.qualifier == "233") through = parse_civil_date(d.date);
    if (d.qualifier == "232") from = parse_civil_date(d.date);
  }
  if (through && is_institutional(c)) return through;
  for (const ServiceLine& l : c.lines)
    for (const DateValue& d : l.dates)
      if (d.qualifier == "472" || d.qualifier == "150")
        if (auto v = parse_civil_date(d.date); v && (!earliest_line || *v < *earliest_line))
          earliest_line = v;
  if (earliest_line) return earliest_line;
  return from ? from : through;
}

// Outside Medicare the deadline is the contract's: say so even before the user sets a window.
void unset_contract_window(Deadline& d, std::string_view setting) {
  d.owner = "contract";
  d.rule =
      "Set by your contract with this payer; set your " + std::string(setting) + " to see a date";
}

Deadline deadline_for(Action route, Channel channel, const std::string& remit_date,
                      const Claim& claim, const ExplainOptions& o) {
  Deadline d;
  const bool medicare = channel == Channel::medicare;
  std::optional<Days> remit = parse_civil_date(remit_date);
  switch (route) {
    case Action::appeal:
      if (medicare && remit) {
        d.act_by = *remit + 5 + 120;
        d.owner = "medicare";
        d.rule =
            "Medicare redetermination: 120 days from receipt of the initial determination; "
            "receipt is presumed 5 days after the remit date (42 CFR 405.942)";
      } else if (!medicare && remit && o.appeal_days) {
        d.act_by = *remit + *o.appeal_days;
        d.owner = "contract";
        d.rule = "Your appeal window with this payer: " + std::to_string(*o.appeal_days) +
                 " days from the remit date (your setting; see your contract)";
      } else if (!medicare) {
        unset_contract_window(d, "appeal window (--appeal-days, or the page's settings)");
      }
      break;
    case Action::reopening:
      if (remit) {
        d.act_by = add_years(*remit, 1);
        d.owner = "medicare";
        d.rule =
            "Medicare reopening: within 1 year of the initial determination for any reason "
            "(42 CFR 405.980)";
      }
      break;
    case Action::corrected_claim:
      if (remit && o.appeal_days) {
        d.act_by = *remit + *o.appeal_days;
        d.owner = "contract";
        d.rule = "Your corrected-claim window with this payer: " + std::to_string(*o.appeal_days) +
                 " days from the remit date (your appeal window setting; see your contract)";
      } else {
        unset_contract_window(d, "appeal window (--appeal-days, or the page's settings)");
      }
      break;
    case Action::new_claim: {
      std::optional<Days> dos = service_date_of(claim);
      if (medicare && dos) {
        // "12 months after the date of service" = the same calendar date one year later.
        d.act_by = add_years(*dos, 1);
        d.owner = "medicare";
        d.rule =
            "Medicare filing limit: 12 months (1 calendar year) from the date of service "
            "(42 CFR 424.44)";
      } else if (!medicare && dos && o.filing_days) {
        d.act_by = *dos + *o.filing_days;
        d.owner = "contract";
        d.rule = "Your filing window with this payer: " + std::to_string(*o.filing_days) +
                 " days from the date of service (your setting; see your contract)";
      } else if (!medicare) {
        unset_contract_window(d, "filing window (--filing-days, or the page's settings)");
      }
      break;
    }
    default:
      break;
  }
  if (d.act_by)
    if (auto as_of = parse_civil_date(o.as_of)) d.passed = *as_of > *d.act_by;
  return d;
}

std::string late_note(Action route, Channel channel, const Deadline& d) {
  std::string when = d.act_by ? iso_date(*d.act_by) : std::string("[DATE]");
  const bool medicare = channel == Channel::medicare;
  switch (route) {
    case Action::appeal:
      return medicare ? "The redetermination window closed on " + when +
                            ": write it off, unless you can show good cause for late filing "
                            "(42 CFR 405.942(b))."
                      : "The appeal window in your setting closed on " + when +
                            ": write it off, unless the payer accepts a late appeal for good "
                            "cause.";
    case Action::reopening:
      return "The 1-year reopening window closed on " + when +
             " and the redetermination window before it: write it off, unless good cause "
             "allows a reopening within 4 years (42 CFR 405.980(b)).";
    case Action::corrected_claim:
      return "The corrected-claim window in your setting closed on " + when +
             ": write it off, unless the payer accepts a late correction.";
    case Action::new_claim:
      return medicare ? "The filing limit passed on " + when +
                            ": write it off, unless one of Medicare's exceptions to the filing "
                            "limit applies (42 CFR 424.44(b))."
                      : "The filing window in your setting passed on " + when +
                            ": write it off, unless the payer grants a timely-filing exception.";
    default:
      return {};
  }
}

}  // namespace denial::detail

namespace denial::detail {

std::string_view late_label(Action route, Channel channel) {
  const bool medicare = channel == Channel::medicare;
  switch (route) {
    case Action::appeal:
      return medicare ? "Write off (the redetermination deadline passed)"
                      : "Write off (the appeal deadline passed)";
    case Action::reopening:
      return "Write off (the reopening deadline passed)";
    case Action::corrected_claim:
      return "Write off (the corrected-claim deadline passed)";
    case Action::new_claim:
      return "Write off (the filing limit passed)";
    default:
      return action_label(Action::write_off);
  }
}

const std::vector<std::string_view>& deadline_sources(Action route, const Deadline& d) {
  // Looked up once: this runs for every claim with a route.
  using Ids = std::vector<std::string_view>;
  static const Ids contract = parse_source_ids("payer-contract");
  static const Ids appeal = parse_source_ids("cfr-42-405-942;cms-100-04-ch29");
  static const Ids reopening = parse_source_ids("cfr-42-405-980;cms-100-04-ch34");
  static const Ids new_claim = parse_source_ids("cfr-42-424-44;cms-100-04-ch1-70");
  static const Ids none;
  if (!d.act_by) return none;
  if (d.owner == "contract") return contract;
  switch (route) {
    case Action::appeal:
      return appeal;
    case Action::reopening:
      return reopening;
    case Action::new_claim:
      return new_claim;
    default:
      return none;
  }
}

}  // namespace denial::detail
