// The advice rules (core/data/guidance/advice_rules.csv, docs/advice.md section 7): rows with
// conditions over the facts of an adjustment (group, reason, remarks, their meanings, payer
// channel, claim status) that decide the action before the group rules and the taxonomy.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "denial/guidance.h"

namespace denial {

struct AdviceRule {
  std::string id;
  /// The pair family (pair_rules.csv: bundling, duplicate, ...); empty for advice_rules.csv.
  std::string family;
  /// Conditions; an empty list is '*' (any). A list holds alternatives ("26;27;31").
  std::vector<std::string> group, carc, remark, remark_effect, channel, claim_status;
  std::optional<Action> action;
  std::optional<Kind> kind;
  std::optional<Appealable> appealable;
  std::string note;
  std::vector<std::string_view> sources;
  /// Number of non-'*' conditions: the most specific matching row wins.
  int specificity() const;
  bool conditions_on_remarks() const { return !remark.empty() || !remark_effect.empty(); }
};

/// The facts one adjustment is judged by.
struct AdviceFacts {
  std::string_view group, carc;
  const std::vector<std::string>* remarks = nullptr;   ///< codes the adjustment sees
  const std::vector<RemarkEffect>* effects = nullptr;  ///< their meanings
  Channel channel = Channel::other;
  std::string_view claim_status;
};

const std::vector<AdviceRule>& advice_rules();
/// Problems found while loading the table (for tests).
const std::vector<std::string>& advice_rule_load_errors();
/// The winning row (most non-'*' conditions; ties go to the earlier row), nullptr when none.
const AdviceRule* match_advice_rule(const AdviceFacts& facts);

/// The advice for one adjustment, all layers applied in order: taxonomy, group rule, remark
/// overrides, advice rule, remark meanings, guards, then the channel's route for a fix
/// (resubmit_corrected -> reopening at Medicare, corrected_claim elsewhere). No deadlines.
AdjustmentGuidance advise(std::string_view group, std::string_view carc,
                          const std::vector<std::string>& remarks, Channel channel,
                          std::string_view claim_status);

/// Money follows the action (section 5): the one place that maps an action to a bucket.
enum class Bucket { recoverable, patient, write_off, other };
Bucket bucket_of(Action action);
std::string_view bucket_id(Bucket bucket);

}  // namespace denial
