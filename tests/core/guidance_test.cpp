// Our guidance data: it loads cleanly, covers every official CARC, and never breaks the rules a
// biller relies on (only PR is the patient's; contractual amounts are written off, not appealed).
#include "denial/guidance.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "denial/codes.h"
#include "test_util.h"

using denial::Action;
using denial::Appealable;
using denial::guidance_for;
using denial::Kind;
using denial::RemarkEffect;

namespace {

// Remark codes that have an entry in our guidance (read from the data file, not the core).
std::vector<std::string> listed_remarks() {
  std::vector<std::string> out;
  auto path = std::string(DENIAL_SOURCE_DIR) + "/core/data/guidance/rarc_guidance.csv";
  for (const auto& r : denial_test::csv_records(denial_test::read_file(path)))
    out.push_back(r.at("code"));
  return out;
}

const std::vector<const char*> kGroups = {"CO", "OA", "PI", "PR", "CR"};

}  // namespace

TEST(Guidance, LoadsWithoutErrors) {
  const auto& errors = denial::guidance_load_errors();
  EXPECT_TRUE(errors.empty()) << errors.size()
                              << " errors, first: " << (errors.empty() ? "" : errors[0]);
  EXPECT_GT(listed_remarks().size(), 100u);
}

TEST(Guidance, EveryOfficialCarcHasATaxonomyEntry) {
  for (const auto& e : denial::code_entries(denial::CodeList::carc))
    EXPECT_TRUE(guidance_for("CO", e.code).known) << "CARC " << e.code;
  EXPECT_FALSE(guidance_for("CO", "9999").known);
}

// Only PR may be billed to the patient, whatever the CARC and whatever remarks sit next to it;
// the one exception is OA-100 (the payer paid the patient, who holds the money).
TEST(GuidanceRules, OnlyPrIsThePatients) {
  auto remarks = listed_remarks();
  for (const auto& e : denial::code_entries(denial::CodeList::carc)) {
    for (const char* group : {"CO", "OA", "PI", "CR", ""}) {
      if (std::string(group) == "OA" && e.code == "100") continue;
      auto g = guidance_for(group, e.code);
      EXPECT_NE(g.action, Action::bill_patient) << group << "-" << e.code;
      EXPECT_NE(g.kind, Kind::patient_responsibility) << group << "-" << e.code;
      for (const auto& rarc : remarks) {
        auto r = guidance_for(group, e.code, {rarc});
        ASSERT_NE(r.action, Action::bill_patient) << group << "-" << e.code << " with " << rarc;
        ASSERT_NE(r.kind, Kind::patient_responsibility)
            << group << "-" << e.code << " with " << rarc;
      }
    }
  }
}

TEST(GuidanceRules, ContractualIsNeverAppealedNorBilledToThePatient) {
  auto remarks = listed_remarks();
  remarks.push_back("");  // no remark
  for (const auto& e : denial::code_entries(denial::CodeList::carc)) {
    for (const char* group : kGroups) {
      for (const auto& rarc : remarks) {
        auto g = rarc.empty() ? guidance_for(group, e.code) : guidance_for(group, e.code, {rarc});
        if (g.kind != Kind::contractual) continue;
        ASSERT_EQ(g.appealable, Appealable::no) << group << "-" << e.code << " " << rarc;
        ASSERT_NE(g.action, Action::bill_patient) << group << "-" << e.code << " " << rarc;
        ASSERT_NE(g.action, Action::appeal) << group << "-" << e.code << " " << rarc;
      }
    }
  }
}

TEST(GuidanceRules, ContractualWriteOffs) {
  for (const char* carc : {"45", "253"}) {
    auto g = guidance_for("CO", carc);
    EXPECT_TRUE(g.known);
    EXPECT_EQ(g.kind, Kind::contractual) << carc;
    EXPECT_EQ(g.action, Action::write_off) << carc;
    EXPECT_EQ(g.appealable, Appealable::no) << carc;
    EXPECT_FALSE(g.group_note.empty()) << carc;
    // A remark does not turn a contractual write-off into work.
    auto with = guidance_for("CO", carc, {"MA130"});
    EXPECT_EQ(with.action, Action::write_off) << carc;
  }
}

TEST(GuidanceRules, PatientShareIsBilledToThePatient) {
  for (const char* carc : {"1", "2", "3"}) {
    auto g = guidance_for("PR", carc);
    EXPECT_EQ(g.kind, Kind::patient_responsibility) << carc;
    EXPECT_EQ(g.action, Action::bill_patient) << carc;
    EXPECT_EQ(g.appealable, Appealable::no) << carc;
    // The same reason under CO is the provider's problem, not the patient's.
    auto co = guidance_for("CO", carc);
    EXPECT_NE(co.action, Action::bill_patient) << carc;
    EXPECT_NE(co.kind, Kind::patient_responsibility) << carc;
  }
}

// Unprocessable (MA130) asks for a new claim; final (N211) takes the appeal away but never
// turns the denial into a new claim (docs/advice.md section 3).
TEST(GuidanceRules, UnprocessableAsksForANewClaimFinalDoesNot) {
  for (const char* carc : {"16", "50", "197"}) {
    auto before = guidance_for("CO", carc);
    ASSERT_EQ(before.kind, Kind::denial) << carc;
    auto g = guidance_for("CO", carc, {"MA130"});
    EXPECT_EQ(g.appealable, Appealable::no) << carc;
    EXPECT_EQ(g.action, Action::new_claim) << carc;
    EXPECT_FALSE(g.remark_notes.empty()) << carc;
    auto f = guidance_for("CO", carc, {"N211"});
    EXPECT_EQ(f.appealable, Appealable::no) << carc;
    EXPECT_NE(f.action, Action::new_claim) << carc;
    EXPECT_NE(f.action, Action::appeal) << carc;
    EXPECT_FALSE(f.remark_notes.empty()) << carc;
  }
  EXPECT_EQ(guidance_for("CO", "50", {"N211"}).action, Action::write_off);
  EXPECT_EQ(guidance_for("CO", "197", {"N211"}).action, Action::obtain_retro_auth);
  // CO-50 alone is appealable: the remark is what changes it.
  EXPECT_NE(guidance_for("CO", "50").appealable, Appealable::no);
}

TEST(GuidanceDetail, FrequentCarcsHavePlainTextAndSteps) {
  for (const char* carc :
       {"1",   "2",   "3",   "4",   "5",   "11",  "16",  "18",  "22",  "23",  "24",  "27",  "29",
        "31",  "45",  "50",  "59",  "96",  "97",  "109", "119", "146", "151", "167", "181", "182",
        "185", "189", "197", "204", "226", "234", "236", "242", "252", "253", "B7",  "B9"}) {
    auto g = guidance_for("CO", carc);
    ASSERT_NE(g.detail, nullptr) << carc;
    EXPECT_GT(g.detail->plain.size(), 40u) << carc;
    EXPECT_GE(g.detail->steps.size(), 2u) << carc;
    for (const auto& s : g.detail->steps) EXPECT_FALSE(s.empty()) << carc;
  }
}

TEST(GuidanceDetail, AppealableDenialsListAttachments) {
  // An appeal letter needs something to enclose for the classic medical-necessity denial.
  auto g = guidance_for("CO", "50");
  ASSERT_NE(g.detail, nullptr);
  EXPECT_FALSE(g.detail->appeal_attachments.empty());
}

TEST(RemarkRule, EffectFromDescription) {
  auto effect_of = [](const char* rarc) {
    const auto* e = denial::find_code(denial::CodeList::rarc, rarc);
    EXPECT_NE(e, nullptr) << rarc;
    return e ? denial::effect_from_description(e->description) : RemarkEffect::none;
  };
  // N290 "Missing/incomplete/invalid ...", MA13 and M4 "Alert: ...", N244 "Incomplete/Invalid ...".
  EXPECT_EQ(effect_of("N290"), RemarkEffect::missing_information);
  EXPECT_EQ(effect_of("MA13"), RemarkEffect::informational);
  EXPECT_EQ(effect_of("M4"), RemarkEffect::informational);
  EXPECT_EQ(effect_of("N244"), RemarkEffect::invalid_information);
  EXPECT_EQ(denial::effect_from_description("ALERT: shouting"), RemarkEffect::informational);
  EXPECT_EQ(denial::effect_from_description("incomplete/INVALID x"),
            RemarkEffect::invalid_information);
  EXPECT_EQ(denial::effect_from_description("Missing x-ray."), RemarkEffect::missing_information);
  EXPECT_EQ(denial::effect_from_description("Paid at the regular rate."), RemarkEffect::none);
  EXPECT_EQ(denial::effect_from_description(""), RemarkEffect::none);
}

TEST(RemarkRule, UnlistedRemarksUseTheRule) {
  // N244 has no entry of ours, so its guidance comes from the official wording.
  auto g = denial::remark_guidance("N244");
  EXPECT_TRUE(g.from_rule);
  EXPECT_EQ(g.effect, RemarkEffect::invalid_information);
  EXPECT_FALSE(g.action_override);
  auto unknown = denial::remark_guidance("ZZ999");
  EXPECT_TRUE(unknown.from_rule);
  EXPECT_EQ(unknown.effect, RemarkEffect::none);
}

TEST(RemarkEntries, ExplicitRemarksAreListed) {
  for (const char* rarc : {"MA130", "N211", "M86", "N290", "N30", "N56", "N386", "MA04", "M51",
                           "M76", "N115", "N522"}) {
    auto g = denial::remark_guidance(rarc);
    EXPECT_FALSE(g.from_rule) << rarc;
    EXPECT_FALSE(g.note.empty()) << rarc;
    EXPECT_NE(denial::find_code(denial::CodeList::rarc, rarc), nullptr)
        << rarc << " is not an official RARC";
  }
  // MA130's official text says unprocessable: that meaning wins over the listed one.
  EXPECT_EQ(denial::remark_guidance("MA130").effect, RemarkEffect::resubmit_new_claim);
  EXPECT_EQ(denial::remark_guidance("N211").effect, RemarkEffect::no_appeal_rights);
  EXPECT_EQ(denial::remark_guidance("N290").effect, RemarkEffect::missing_information);
}

TEST(Vocabulary, IdsAreUniqueAndLabelled) {
  std::set<std::string_view> ids;
  for (int i = 0; i <= static_cast<int>(denial::Category::informational); ++i) {
    auto c = static_cast<denial::Category>(i);
    EXPECT_TRUE(ids.insert(denial::category_id(c)).second) << denial::category_id(c);
    EXPECT_FALSE(denial::category_label(c).empty());
  }
  ids.clear();
  for (int i = 0; i <= static_cast<int>(Action::no_action); ++i) {
    auto a = static_cast<Action>(i);
    EXPECT_TRUE(ids.insert(denial::action_id(a)).second) << denial::action_id(a);
    EXPECT_FALSE(denial::action_label(a).empty());
  }
  EXPECT_EQ(denial::kind_id(Kind::patient_responsibility), "patient_responsibility");
  EXPECT_EQ(denial::appealable_id(Appealable::sometimes), "sometimes");
  EXPECT_EQ(denial::remark_effect_id(RemarkEffect::no_appeal_rights), "no_appeal_rights");
}

// A remark that says "bill the patient" (M38) on a CO denial must leave neither the action
// nor a note telling the biller to bill the patient.
TEST(Guidance, PatientBillingRemarkIgnoredOutsidePr) {
  denial::AdjustmentGuidance g = denial::guidance_for("CO", "1", {"M38"});
  EXPECT_NE(g.action, denial::Action::bill_patient);
  for (const std::string& note : g.remark_notes)
    EXPECT_EQ(note.rfind("M38", 0), std::string::npos) << note;
}

// A crossover remark ("wait for the secondary") on the claim is about the patient's share: a
// CO denial on the same claim keeps its own action.
TEST(Guidance, CrossoverRemarkDoesNotSilenceADenial) {
  for (const char* remark : {"MA07", "MA18", "N89"}) {
    EXPECT_EQ(guidance_for("CO", "197", {remark}).action, Action::obtain_retro_auth) << remark;
    EXPECT_EQ(guidance_for("CO", "50", {remark}).action, Action::appeal) << remark;
  }
}

// No Surprises Act remarks limit the patient to the PR cost share; they never take that share
// off the patient (a QMB-style "patient_protected" would route PR to another payer) and never
// let a CO amount reach the patient. The final-payment remarks do not turn a denial's appeal
// into a write-off (the official texts name no loss of appeal rights).
TEST(Guidance, NoSurprisesRemarksKeepOnlyThePrShareOnThePatient) {
  for (const char* rarc :
       {"N860", "N862", "N863", "N864", "N865", "N866", "N867", "N868", "N869", "N870", "N871",
        "N872", "N873", "N874", "N875", "N878", "N879", "N882", "N884"}) {
    auto r = denial::remark_guidance(rarc);
    EXPECT_FALSE(r.from_rule) << rarc << " has no row of ours";
    EXPECT_NE(r.effect, RemarkEffect::patient_protected) << rarc;
    EXPECT_NE(r.effect, RemarkEffect::no_appeal_rights) << rarc;
    EXPECT_EQ(guidance_for("PR", "2", {rarc}).action, Action::bill_patient) << rarc;
    EXPECT_EQ(guidance_for("CO", "45", {rarc}).action, Action::write_off) << rarc;
    EXPECT_EQ(guidance_for("CO", "50", {rarc}).action, Action::appeal) << rarc;
  }
  // N884 asks the biller to contact the payer about the facility; on a denial that is the action.
  EXPECT_EQ(guidance_for("CO", "16", {"N884"}).action, Action::contact_payer);
}

// A remark that says "contact the payer" never replaces an appeal: the appeal keeps its
// deadline (which contact_payer has none of) and the remark's note tells the biller to ask.
TEST(Guidance, ContactPayerRemarkKeepsTheAppealAndItsNote) {
  for (const char* rarc : {"N54", "N65", "N516", "N521", "N831", "N884"}) {
    auto r = denial::remark_guidance(rarc);
    ASSERT_EQ(r.action, Action::contact_payer) << rarc;
    auto g = guidance_for("CO", "50", {rarc});
    EXPECT_EQ(g.action, Action::appeal) << rarc;
    bool noted = false;
    for (const auto& n : g.remark_notes) noted = noted || n.rfind(std::string(rarc) + ":", 0) == 0;
    EXPECT_TRUE(noted) << rarc << " note not shown";
  }
}
