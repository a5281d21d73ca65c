#include "cli_patient.h"

#include <iostream>
#include <map>
#include <set>

namespace denial_cli {

void report_office_checks(const denial::PatientLetters& p) {
  if (p.count == 0) {
    std::cerr << "denial-explainer: no claim has an amount to bill the patient\n";
    return;
  }
  std::cerr << "denial-explainer: " << p.count << " patient letter" << (p.count == 1 ? "" : "s")
            << ". Before sending, the billing office checks:\n";
  // A check every letter has is said once; the others name their claim.
  std::map<std::string, std::size_t> letters_with;
  for (const auto& [claim, check] : p.office_checks) ++letters_with[check];
  std::set<std::string> said;
  for (const auto& [claim, check] : p.office_checks)
    if (letters_with[check] == p.count && p.count > 1 && said.insert(check).second)
      std::cerr << "  every letter: " << check << "\n";
  for (const auto& [claim, check] : p.office_checks)
    if (letters_with[check] != p.count || p.count == 1)
      std::cerr << "  claim " << claim << ": " << check << "\n";
}

}  // namespace denial_cli
