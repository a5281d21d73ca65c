// `--format patient`: one letter per claim the patient is billed for, each on its own page (a
// form feed between letters), and what the billing office must check first, kept apart.
#include "denial/report.h"

namespace denial {

PatientLetters patient_letters(const Report& r) {
  PatientLetters out;
  for (std::size_t t = 0; t < r.explained.size(); ++t) {
    // A retransmitted payment is the same money: one letter, not two.
    if (t < r.duplicate_of.size() && r.duplicate_of[t] >= 0) continue;
    for (const ExplainedClaim& x : r.explained[t]) {
      if (!x.patient_explanation) continue;
      const PatientExplanation& e = *x.patient_explanation;
      if (out.count) out.letters += "\f\n";
      out.letters += patient_letter_text(e);
      ++out.count;
      for (const std::string& check : e.office_checks)
        out.office_checks.emplace_back(e.patient_control_number, check);
    }
  }
  return out;
}

}  // namespace denial
