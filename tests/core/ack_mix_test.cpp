// The three kinds together (tests/data/mix, README there): one claim rejected on a 277CA,
// corrected and paid on an 835; one rejected and never seen again; a 999 rejecting two sets.
// The history and the rejections worklist come out as a careful reader would write them.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "denial/claim_history.h"
#include "denial/report.h"
#include "denial/session.h"
#include "test_util.h"

using namespace denial;

namespace {

const std::vector<std::string> kMix = {"01_claims_batch.999", "02_first_answer.277ca",
                                       "03_resubmission_answer.277ca", "04_remit.835"};

Report mix_report(std::vector<std::string> order = kMix) {
  ReportBuilder b;
  for (const auto& f : order) b.add_file(f, denial_test::fixture("mix/" + f));
  return b.finish();
}

const ClaimHistory* history_of(const std::vector<ClaimHistory>& hs, const std::string& pcn) {
  for (const auto& h : hs)
    if (h.patient_control_number == pcn) return &h;
  return nullptr;
}

std::string events_of(const ClaimHistory& h) {
  std::string s;
  for (const auto& e : h.events)
    s +=
        (s.empty() ? "" : " | ") + std::string(file_kind_id(e.kind)) + " " + e.event + " " + e.date;
  return s;
}

}  // namespace

TEST(AckMix, EachFileSaysWhatItIs) {
  Report r = mix_report();
  ASSERT_EQ(r.files.size(), 4u);
  EXPECT_EQ(r.files[0].kind, FileKind::impl_ack_999);
  EXPECT_EQ(r.files[1].kind, FileKind::claim_ack_277ca);
  EXPECT_EQ(r.files[2].kind, FileKind::claim_ack_277ca);
  EXPECT_EQ(r.files[3].kind, FileKind::remittance_835);
  for (const auto& f : r.files) {
    EXPECT_TRUE(f.readable) << f.name;
    EXPECT_EQ(f.errors, 0u) << f.name;
    EXPECT_EQ(f.warnings, 0u) << f.name;
  }
  EXPECT_EQ(r.summary.claims, 2u);  // the 835's claims only
  EXPECT_TRUE(r.balance.empty());
}

TEST(AckMix, RejectedCorrectedThenPaid) {
  Report r = mix_report();
  auto hs = claim_histories(r);
  const ClaimHistory* a1 = history_of(hs, "MIX-A1");
  ASSERT_NE(a1, nullptr);
  EXPECT_EQ(events_of(*a1),
            "277CA rejected 20260105 | 277CA accepted 20260112 | 835 "
            "paid_with_contractual_reductions 20260201");
  EXPECT_EQ(a1->state, "resubmitted_remitted");
  EXPECT_FALSE(a1->needs_work);
  EXPECT_EQ(a1->events[0].detail, "A7:562:85");
  const ClaimHistory* d4 = history_of(hs, "MIX-D4");
  ASSERT_NE(d4, nullptr);
  EXPECT_EQ(d4->state, "remitted");
  EXPECT_FALSE(d4->needs_work);
}

TEST(AckMix, RejectedAndNeverSeenAgainIsWork) {
  Report r = mix_report();
  auto hs = claim_histories(r);
  const ClaimHistory* b2 = history_of(hs, "MIX-B2");
  ASSERT_NE(b2, nullptr);
  EXPECT_EQ(b2->state, "rejected_not_resubmitted");
  EXPECT_TRUE(b2->needs_work);
  const ClaimHistory* c3 = history_of(hs, "MIX-C3");
  ASSERT_NE(c3, nullptr);
  EXPECT_EQ(events_of(*c3), "999 set_rejected 20260103");
  EXPECT_TRUE(c3->needs_work);

  auto work = rejection_worklist(r, hs);
  ASSERT_EQ(work.size(), 3u);
  EXPECT_EQ(work[0].kind, "rejected_not_resubmitted");
  EXPECT_EQ(work[0].patient_control_number, "MIX-B2");
  EXPECT_EQ(work[0].codes, "A7:164:IL");
  EXPECT_EQ(work[0].loop_segment, "2010BA NM109 (NM108 MI)");
  ASSERT_TRUE(work[0].charge);
  EXPECT_EQ(*work[0].charge, 9500);
  EXPECT_EQ(work[1].patient_control_number, "MIX-C3");
  EXPECT_NE(work[1].what_to_fix.find("nothing in the 837 set with control number 0002"),
            std::string::npos)
      << work[1].what_to_fix;
  EXPECT_EQ(work[2].kind, "rejected_set");
  EXPECT_NE(work[2].what_to_fix.find("0003"), std::string::npos);
}

// The order the files are dropped in does not change the history (dates decide).
TEST(AckMix, FileOrderDoesNotMatter) {
  std::vector<std::string> reversed(kMix.rbegin(), kMix.rend());
  auto forward = claim_histories(mix_report());
  auto backward = claim_histories(mix_report(reversed));
  ASSERT_EQ(forward.size(), backward.size());
  for (const auto& h : forward) {
    const ClaimHistory* other = history_of(backward, h.patient_control_number);
    ASSERT_NE(other, nullptr);
    EXPECT_EQ(h.state, other->state) << h.patient_control_number;
    std::vector<std::string> a, b;
    for (const auto& e : h.events) a.push_back(e.event + e.date);
    for (const auto& e : other->events) b.push_back(e.event + e.date);
    EXPECT_EQ(a, b) << h.patient_control_number;
  }
}

TEST(AckMix, JsonTextAndNdjsonCarryTheWorklist) {
  Report r = mix_report();
  nlohmann::json j = nlohmann::json::parse(to_json(r));
  const auto& acks = j["acknowledgments"];
  EXPECT_EQ(acks["summary"]["rejected_not_resubmitted"], 2);
  EXPECT_EQ(acks["summary"]["rejections_to_work"], 3);
  EXPECT_EQ(acks["rejections"].size(), 3u);
  EXPECT_EQ(acks["claim_history"].size(), 4u);
  EXPECT_EQ(j["files"][3]["kind"], "835");
  EXPECT_EQ(j["files"][0]["kind"], "999");
  const auto& set2 = acks["implementation_acknowledgments"][0]["sets"][1];
  EXPECT_EQ(set2["outcome"], "rejected");
  const auto& err = set2["errors"][0];
  EXPECT_EQ(err["segment_id"], "NM1");
  EXPECT_EQ(err["loop"], "2010AA");
  EXPECT_EQ(err["official"]["description"], "Segment Has Data Element Errors");
  EXPECT_EQ(err["elements"][0]["bad_value"], "12345");
  EXPECT_EQ(err["elements"][0]["official"]["description"], "Invalid Code Value");
  EXPECT_EQ(err["claim_id"], "MIX-C3");

  std::string text = to_text(r);
  EXPECT_NE(text.find("REJECTIONS TO WORK (3)"), std::string::npos);
  EXPECT_NE(text.find("MIX-A1 (resubmitted_remitted)"), std::string::npos);
  EXPECT_NE(text.find("(read, 999 implementation acknowledgment)"), std::string::npos);

  std::istringstream nd(claims_ndjson(r));
  std::size_t claims = 0, rejections = 0;
  for (std::string line; std::getline(nd, line);) {
    nlohmann::json l = nlohmann::json::parse(line);
    if (l.contains("record"))
      ++rejections;
    else
      ++claims;
  }
  EXPECT_EQ(claims, 2u);
  EXPECT_EQ(rejections, 3u);
  // Masked: the patient control numbers keep only their last four characters.
  std::string masked = to_json(r, -1, true);
  EXPECT_EQ(masked.find("MIX-B2"), std::string::npos);
  EXPECT_EQ(masked.find("ROE"), std::string::npos);
}

// An 835 alone (no acknowledgments) keeps its JSON shape: no acknowledgments key.
TEST(AckMix, RemitAloneHasNoAcknowledgmentSection) {
  Report r = explain_file("04_remit.835", denial_test::fixture("mix/04_remit.835"));
  nlohmann::json j = nlohmann::json::parse(to_json(r));
  EXPECT_FALSE(j.contains("acknowledgments"));
  EXPECT_EQ(j["files"][0]["kind"], "835");
}

// The viewer session (what the wasm module exposes): each file's status says its kind and,
// for acknowledgments, its counts; the summary and the acknowledgments answer carry the rest.
TEST(AckMix, SessionAnswers) {
  Session s;
  std::vector<nlohmann::json> status;
  for (const auto& f : kMix)
    status.push_back(nlohmann::json::parse(s.add_file(f, denial_test::fixture("mix/" + f))));
  EXPECT_EQ(status[0]["kind"], "999");
  EXPECT_EQ(status[0]["acknowledgments"]["rejected_sets"], 2);
  EXPECT_EQ(status[1]["kind"], "277CA");
  EXPECT_EQ(status[1]["acknowledgments"]["claims"], 3);
  EXPECT_EQ(status[1]["acknowledgments"]["rejected_claims"], 2);
  EXPECT_EQ(status[3]["kind"], "835");
  EXPECT_FALSE(status[3].contains("acknowledgments"));
  nlohmann::json summary = nlohmann::json::parse(s.summary_json());
  EXPECT_EQ(summary["acknowledgments"]["rejections_to_work"], 3);
  nlohmann::json acks = nlohmann::json::parse(s.acknowledgments_json(true));
  EXPECT_EQ(acks["rejections"].size(), 3u);
  EXPECT_EQ(acks.dump().find("MIX-B2"), std::string::npos);
}
