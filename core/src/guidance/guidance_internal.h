// Internal layers of guidance_for, shared with the advice engine (core/src/explain/advice.cpp),
// which puts its rules table between the data layers and the guards (docs/advice.md section 7).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "denial/guidance.h"

namespace denial::detail {

/// Taxonomy row, then group rule, then the action overrides of listed remarks, with notes
/// and sources. No remark meanings and no guards yet.
AdjustmentGuidance base_guidance(std::string_view group, std::string_view carc,
                                 const std::vector<std::string>& remarks);

/// The meanings of the remarks a adjustment sees (section 3): unprocessable -> new_claim,
/// final -> no appeal (an appeal becomes a write-off), appeal rights, QMB on PR.
void apply_remark_meanings(AdjustmentGuidance& g, std::string_view group,
                           const std::vector<RemarkEffect>& effects);

/// Section 2 guards, whatever the data says: only PR (and OA-100, the payer paid the patient)
/// may reach the patient; contractual amounts are never appealable.
void apply_guards(AdjustmentGuidance& g, std::string_view group, std::string_view carc,
                  const std::vector<RemarkEffect>& effects);

/// Effects of the remarks (listed entry merged with the official wording).
std::vector<RemarkEffect> remark_effects(const std::vector<std::string>& remarks);

/// Problems found while loading carc_deactivated.csv (unknown source ids, short rows).
const std::vector<std::string>& deactivated_load_errors();

/// The note of a remark with no row of its own in rarc_guidance.csv, by its effect.
std::string remark_rule_note(RemarkEffect effect);

/// Adds ids not yet present.
void add_sources(std::vector<std::string_view>& to, const std::vector<std::string_view>& from);

}  // namespace denial::detail
