// The advice rules table (advice_rules.csv) row by row, and the remark meanings read from the
// official RARC wording (docs/advice.md sections 3 and 7).
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "denial/advice.h"
#include "denial/codes.h"

using denial::Action;
using denial::Channel;
using denial::RemarkEffect;

namespace {

// A RARC whose meaning (listed entry merged with the wording) is `effect`.
// A remark with this meaning that no rule names by code, so that only the meaning decides.
std::string remark_with_effect(const std::string& effect) {
  auto named = [](const std::string& code) {
    for (const auto& r : denial::advice_rules())
      if (std::find(r.remark.begin(), r.remark.end(), code) != r.remark.end()) return true;
    return false;
  };
  for (const auto& e : denial::code_entries(denial::CodeList::rarc))
    if (denial::remark_effect_id(denial::remark_guidance(e.code).effect) == effect &&
        !named(e.code))
      return e.code;
  return {};
}

Channel channel_from(const std::string& id) {
  for (Channel c : {Channel::medicare, Channel::medicaid, Channel::medicare_advantage})
    if (denial::channel_id(c) == id) return c;
  return Channel::other;
}

// The route the engine outputs for a data action on this channel.
Action routed(Action a, Channel channel, const std::vector<RemarkEffect>& effects) {
  if (a != Action::resubmit_corrected) return a;
  if (std::find(effects.begin(), effects.end(), RemarkEffect::resubmit_new_claim) != effects.end())
    return Action::new_claim;
  return channel == Channel::medicare ? Action::reopening : Action::corrected_claim;
}

std::set<std::string> worded(RemarkEffect effect) {
  std::set<std::string> out;
  for (const auto& e : denial::code_entries(denial::CodeList::rarc))
    if (denial::effect_from_description(e.description) == effect) out.insert(e.code);
  return out;
}

}  // namespace

TEST(AdviceRules, LoadWithoutErrorsAndEveryRowNamesItsSources) {
  const auto& errors = denial::advice_rule_load_errors();
  EXPECT_TRUE(errors.empty()) << errors.size()
                              << " errors, first: " << (errors.empty() ? "" : errors[0]);
  ASSERT_GE(denial::advice_rules().size(), 10u);
  std::set<std::string> ids;
  for (const auto& r : denial::advice_rules()) {
    EXPECT_TRUE(ids.insert(r.id).second) << "repeated id " << r.id;
    EXPECT_FALSE(r.sources.empty()) << r.id;
    EXPECT_FALSE(r.note.empty()) << r.id;
    ASSERT_TRUE(r.action.has_value()) << r.id;
    for (std::string_view s : r.sources) EXPECT_NE(denial::find_source(s), nullptr) << r.id;
  }
}

// Every row: facts built from its own conditions pick that row, and the engine's answer is the
// row's action (routed for the payer), for each alternative it lists.
TEST(AdviceRules, EveryRowDecidesItsOwnFacts) {
  for (const auto& row : denial::advice_rules()) {
    std::vector<std::string> carcs = row.carc.empty() ? std::vector<std::string>{"45"} : row.carc;
    for (const std::string& carc : carcs) {
      std::string group = row.group.empty() ? "CO" : row.group.front();
      std::vector<std::string> remarks;
      if (!row.remark.empty()) remarks.push_back(row.remark.front());
      for (const auto& e : row.remark_effect) {
        std::string code = remark_with_effect(e);
        ASSERT_FALSE(code.empty()) << row.id << ": no RARC means " << e;
        remarks.push_back(code);
      }
      std::vector<RemarkEffect> effects;
      for (const auto& code : remarks) effects.push_back(denial::remark_guidance(code).effect);
      Channel channel = row.channel.empty() ? Channel::other : channel_from(row.channel.front());
      std::string status = row.claim_status.empty() ? "1" : row.claim_status.front();
      denial::AdviceFacts facts{group, carc, &remarks, &effects, channel, status};
      const denial::AdviceRule* hit = denial::match_advice_rule(facts);
      ASSERT_NE(hit, nullptr) << row.id << " " << group << "-" << carc;
      EXPECT_EQ(hit->id, row.id) << group << "-" << carc;
      auto g = denial::advise(group, carc, remarks, channel, status);
      EXPECT_EQ(g.action, routed(*row.action, channel, effects))
          << row.id << " " << group << "-" << carc;
      EXPECT_EQ(g.rule, row.id) << group << "-" << carc;
      EXPECT_EQ(g.rule_family, row.family) << row.id;
      if (row.kind) EXPECT_EQ(g.kind, *row.kind) << row.id;
      for (std::string_view s : row.sources)
        EXPECT_NE(std::find(g.sources.begin(), g.sources.end(), s), g.sources.end()) << row.id;
    }
  }
}

// The pair table (pair_rules.csv, ids "pair-..."): at least 90 rows, each with a family; the
// engine's own rows (advice_rules.csv) have none.
TEST(AdviceRules, EveryPairRowNamesItsFamily) {
  std::set<std::string> families;
  std::size_t pairs = 0;
  for (const auto& r : denial::advice_rules()) {
    if (r.id.rfind("pair-", 0) == 0) {
      ++pairs;
      EXPECT_FALSE(r.family.empty()) << r.id;
      families.insert(r.family);
    } else {
      EXPECT_TRUE(r.family.empty()) << r.id;
    }
  }
  EXPECT_GE(pairs, 90u);
  EXPECT_GE(families.size(), 10u);
  // A pair decides an adjustment before the single-code default and names its family.
  auto g = denial::advise("CO", "B15", {"M80"}, Channel::medicare, "1");
  EXPECT_EQ(g.rule, "pair-cob15-m80-medicare");
  EXPECT_EQ(g.rule_family, "bundling");
  EXPECT_EQ(denial::advise("CO", "B15", {}, Channel::medicare, "1").rule_family, "");
  // A later layer that overrides the pair's action (here the QMB remark meaning) clears the
  // family with the rule.
  auto qmb = denial::advise("PR", "49", {"N781"}, Channel::medicare, "1");
  EXPECT_NE(qmb.action, Action::bill_patient);
  EXPECT_EQ(qmb.rule, "remark_meaning");
  EXPECT_TRUE(qmb.rule_family.empty());
  EXPECT_EQ(denial::advise("PR", "49", {}, Channel::medicare, "1").rule_family, "non_covered");
}

TEST(AdviceRules, MostSpecificRowWins) {
  // CO-16 with MA130: the unprocessable row (carc + meaning) beats nothing else; CO-24 outside
  // Medicare stays the taxonomy's capitation write-off.
  EXPECT_EQ(denial::advise("CO", "24", {}, Channel::medicare, "1").action,
            Action::bill_other_payer);
  EXPECT_EQ(denial::advise("CO", "24", {}, Channel::other, "1").action, Action::write_off);
  EXPECT_EQ(denial::advise("CO", "24", {}, Channel::medicare_advantage, "1").action,
            Action::write_off);
  // PR-2 on a forwarded claim waits for the next payer; with a QMB remark, never the patient.
  EXPECT_EQ(denial::advise("PR", "2", {}, Channel::medicare, "19").action,
            Action::await_other_payer);
  EXPECT_EQ(denial::advise("PR", "2", {"N782"}, Channel::medicare, "1").action,
            Action::bill_other_payer);
}

TEST(AdviceGuards, QmbAndEligibilityNeverBillThePatient) {
  for (const char* carc : {"1", "2", "3", "66"})
    for (const char* rarc : {"N781", "N782", "N783", "N192"})
      for (Channel ch : {Channel::medicare, Channel::other})
        EXPECT_NE(denial::advise("PR", carc, {rarc}, ch, "1").action, Action::bill_patient)
            << "PR-" << carc << " " << rarc;
  for (const char* carc : {"26", "27", "31", "140", "22", "109", "200"}) {
    auto g = denial::advise("PR", carc, {}, Channel::other, "1");
    EXPECT_NE(g.action, Action::bill_patient) << "PR-" << carc;
    EXPECT_TRUE(g.action == Action::verify_eligibility_rebill ||
                g.action == Action::bill_other_payer)
        << "PR-" << carc;
  }
  // The group says who may be billed; the reason what to do: a claim error under PR is fixed
  // first, a provider enrollment problem is the provider's to sort out.
  EXPECT_EQ(denial::advise("PR", "16", {}, Channel::other, "1").action, Action::corrected_claim);
  EXPECT_EQ(denial::advise("PR", "16", {}, Channel::medicare, "1").action, Action::reopening);
  EXPECT_EQ(denial::advise("PR", "B7", {}, Channel::other, "1").action, Action::contact_payer);
  EXPECT_EQ(denial::advise("PR", "50", {}, Channel::other, "1").action, Action::bill_patient);
  EXPECT_EQ(denial::advise("OA", "100", {}, Channel::other, "1").action, Action::bill_patient);
  EXPECT_NE(denial::advise("CO", "100", {}, Channel::other, "1").action, Action::bill_patient);
}

TEST(AdviceChannel, FixesFollowThePayersRoute) {
  // CO-16 without a remark: a clerical fix. Medicare reopens; others take frequency 7.
  EXPECT_EQ(denial::advise("CO", "16", {}, Channel::medicare, "1").action, Action::reopening);
  EXPECT_EQ(denial::advise("CO", "16", {}, Channel::other, "1").action, Action::corrected_claim);
  EXPECT_EQ(denial::advise("CO", "16", {}, Channel::medicaid, "1").action, Action::corrected_claim);
  // Unprocessable: a new claim everywhere.
  for (Channel ch : {Channel::medicare, Channel::other})
    EXPECT_EQ(denial::advise("CO", "16", {"MA130"}, ch, "1").action, Action::new_claim);
  // Final is not unprocessable: CO-29 with N211 is written off, never resubmitted.
  EXPECT_EQ(denial::advise("CO", "29", {"N211"}, Channel::medicare, "1").action, Action::write_off);
  // NCCI edits are verified, then written off; never "correct and resubmit" by default.
  for (const char* carc : {"97", "231", "236", "234"})
    EXPECT_EQ(denial::advise("CO", carc, {}, Channel::medicare, "1").action, Action::write_off)
        << carc;
  // Codes that explain nothing: ask the payer.
  EXPECT_EQ(denial::advise("CO", "192", {}, Channel::other, "1").action, Action::contact_payer);
  auto unknown = denial::advise("CO", "ZZ9", {}, Channel::other, "1");
  EXPECT_EQ(unknown.action, Action::contact_payer);
  EXPECT_EQ(unknown.rule, "unknown_code");
  EXPECT_EQ(denial::advise("OA", "18", {}, Channel::other, "1").action,
            Action::check_original_claim);
}

TEST(AdviceMoney, EveryActionHasOneBucket) {
  using denial::Bucket;
  for (Action a : {Action::appeal, Action::reopening, Action::corrected_claim, Action::new_claim,
                   Action::verify_eligibility_rebill, Action::obtain_retro_auth,
                   Action::bill_other_payer, Action::contact_payer})
    EXPECT_EQ(denial::bucket_of(a), Bucket::recoverable) << denial::action_id(a);
  EXPECT_EQ(denial::bucket_of(Action::bill_patient), Bucket::patient);
  EXPECT_EQ(denial::bucket_of(Action::await_other_payer), Bucket::patient);
  EXPECT_EQ(denial::bucket_of(Action::write_off), Bucket::write_off);
  EXPECT_EQ(denial::bucket_of(Action::no_action), Bucket::other);
  EXPECT_EQ(denial::bucket_of(Action::check_original_claim), Bucket::other);
}

// The rule over the official wording, per meaning: the full list it classifies today, so a
// new release's wording (or a change to the rule) shows up here. Known codes must be in.
TEST(RemarkMeanings, OfficialWordingClassifiesEveryKnownCode) {
  EXPECT_EQ(worded(RemarkEffect::resubmit_new_claim),
            (std::set<std::string>{"MA113", "MA130", "N142", "N517", "N798"}));
  EXPECT_EQ(worded(RemarkEffect::no_appeal_rights),
            (std::set<std::string>{"MA28", "MA44", "N83", "N111", "N211", "N704", "N921"}));
  EXPECT_EQ(worded(RemarkEffect::patient_protected),
            (std::set<std::string>{"N192", "N781", "N782", "N783"}));
  auto appeal = worded(RemarkEffect::appeal_rights);
  for (const char* code : {"MA01", "MA02", "N1", "N210", "N368", "N469", "N858", "N887"})
    EXPECT_TRUE(appeal.count(code)) << code;
  // The merged meaning (listed entry, strengthened by the wording) of the codes that matter.
  EXPECT_EQ(denial::remark_guidance("MA130").effect, RemarkEffect::resubmit_new_claim);
  EXPECT_EQ(denial::remark_guidance("N211").effect, RemarkEffect::no_appeal_rights);
  for (const char* qmb : {"N781", "N782", "N783"})
    EXPECT_EQ(denial::remark_guidance(qmb).effect, RemarkEffect::patient_protected) << qmb;
  // "No longer a QMB" is not a protection.
  EXPECT_NE(denial::remark_guidance("N935").effect, RemarkEffect::patient_protected);
}
