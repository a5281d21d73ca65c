// Picks rows of patient_texts.csv for one claim: rows sharing the first two parts of their id
// ("reason.not_covered", "reason.not_covered.ga") are variants of one text, and the most
// specific variant that fits wins (code over a group wildcard, channel over '*', modifier
// condition over none).
#pragma once

#include <string_view>
#include <vector>

#include "denial/patient_explanation.h"

namespace denial::detail {

/// What a row is matched against.
struct PatientTextFacts {
  std::string_view code;  ///< "PR-96"; empty for rows about the whole claim
  Channel channel = Channel::other;
  bool ga = false;  ///< every line behind the amount carries modifier GA (a signed ABN)
};

/// The winning variant of every text of `part` that fits, in file order. With a code, only
/// rows naming codes; `wildcards` says whether rows that match by group wildcard ("PR-*")
/// count. Without a code, only rows naming none.
std::vector<const PatientText*> pick_patient_texts(std::string_view part,
                                                   const PatientTextFacts& facts,
                                                   bool wildcards = true);
/// The one text of `part` that fits best (nullptr when none).
const PatientText* pick_patient_text(std::string_view part, const PatientTextFacts& facts);

}  // namespace denial::detail
