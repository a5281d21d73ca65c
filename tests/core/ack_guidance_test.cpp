// Our 277CA / 999 guidance tables tested as data (every code official, every source real,
// every loop resolvable), the reviewed rule for codes without a row, and lookup of the new
// code lists as people type them (A7, 562, A7:562:85, IK403 7).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

#include "denial/ack_explain.h"
#include "denial/codes.h"
#include "denial/lookup_json.h"
#include "test_util.h"

using namespace denial;

namespace {

std::string guidance_file(const std::string& name) {
  return denial_test::read_file(std::string(DENIAL_SOURCE_DIR) + "/core/data/guidance/" + name);
}

std::set<std::string> source_ids() {
  std::set<std::string> ids;
  for (auto& r : denial_test::csv_records(guidance_file("sources.csv"))) ids.insert(r["id"]);
  return ids;
}

bool matched(const LookupResult& r, CodeList list, std::string_view code) {
  for (const auto& m : r.matches)
    if (m.list == list && m.entry->code == code) return true;
  return false;
}

}  // namespace

TEST(StatusGuidanceTable, CoversAtLeast150OfficialCodesWithRealSources) {
  auto rows = denial_test::csv_records(guidance_file("claim_status_guidance.csv"));
  EXPECT_GE(rows.size(), 150u);
  EXPECT_EQ(status_guidance_rows(), rows.size());
  const std::set<std::string> kinds = {"info",        "pointer", "data",      "enrollment",
                                       "eligibility", "payer",   "duplicate", "documentation"};
  const std::set<std::string> urgencies = {"high", "medium", "low", "none"};
  auto ids = source_ids();
  std::set<std::string> codes;
  for (auto& r : rows) {
    SCOPED_TRACE(r["code"]);
    EXPECT_TRUE(codes.insert(r["code"]).second) << "duplicate row";
    EXPECT_NE(find_code(CodeList::claim_status_code, r["code"]), nullptr);
    EXPECT_TRUE(kinds.count(r["kind"])) << r["kind"];
    EXPECT_TRUE(urgencies.count(r["urgency"])) << r["urgency"];
    EXPECT_GT(r["what_to_fix"].size(), 20u);
    std::istringstream in(r["sources"]);
    int n = 0;
    for (std::string id; in >> id; ++n) EXPECT_TRUE(ids.count(id)) << "unknown source " << id;
    EXPECT_GE(n, 1);
    // The only placeholder is the entity's loop.
    std::string loop = r["loop_segment"];
    std::size_t brace = loop.find('{');
    if (brace != std::string::npos) EXPECT_EQ(loop.substr(brace, 6), "{loop}");
  }
  // The codes the MAC top-rejection pages and the samples name are all there.
  for (const char* c : {"562", "164", "507", "453", "698", "21", "24", "116", "187", "255", "401",
                        "584", "122", "153", "19", "20", "16"})
    EXPECT_TRUE(codes.count(c)) << c;
}

TEST(StatusGuidanceTable, EntityLoopsAndAck999MeaningsUseOfficialCodes) {
  for (auto& r : denial_test::csv_records(guidance_file("entity_loops.csv"))) {
    EXPECT_NE(find_code(CodeList::entity, r["entity"]), nullptr) << r["entity"];
    EXPECT_FALSE(r["loop_837p"].empty() && r["loop_837i"].empty()) << r["entity"];
  }
  std::set<std::string> rows;
  for (auto& r : denial_test::csv_records(guidance_file("ack_999_guidance.csv"))) {
    EXPECT_NE(find_ack_code(r["element"], r["code"]), nullptr) << r["element"] << " " << r["code"];
    rows.insert(r["element"] + ":" + r["code"]);
  }
  // Every IK304 and IK403 code of the 999 has our meaning.
  for (const CodeEntry& e : code_entries(CodeList::ack_999)) {
    if (e.code.rfind("IK304:", 0) == 0 || e.code.rfind("IK403:", 0) == 0)
      EXPECT_TRUE(rows.count(e.code)) << e.code;
  }
}

TEST(StatusGuidance, EntityDecidesTheLoop) {
  EXPECT_EQ(status_guidance("562", "85").loop_segment, "2010AA NM109 (NM108 XX)");
  EXPECT_EQ(status_guidance("562", "82").loop_segment.rfind("2310B", 0), 0u);
  EXPECT_EQ(status_guidance("164", "IL").loop_segment, "2010BA NM109 (NM108 MI)");
  EXPECT_TRUE(status_guidance("562", "85").from_table);
  // No entity sent: said, not guessed.
  EXPECT_NE(status_guidance("562", "").loop_segment.find("entity concerned"), std::string::npos);
}

TEST(StatusGuidance, TheRuleAnswersForCodesWithoutARow) {
  // 137 "Entity's plan network id." has no row: the "Entity's ..." rule names the item and
  // the entity's loop.
  StatusGuidance g = status_guidance("137", "85");
  EXPECT_FALSE(g.from_table);
  EXPECT_EQ(g.kind, "data");
  EXPECT_NE(g.what_to_fix.find("plan network id"), std::string::npos) << g.what_to_fix;
  EXPECT_EQ(g.loop_segment, "2010AA");
  // 520 "Adjustment Quantity" has no row and no "Entity's": the item is named as it is.
  StatusGuidance plain = status_guidance("520", "");
  EXPECT_FALSE(plain.from_table);
  EXPECT_NE(plain.what_to_fix.find("Adjustment Quantity"), std::string::npos);
  StatusGuidance unknown = status_guidance("99999", "");
  EXPECT_EQ(unknown.kind, "unknown");
}

TEST(StatusGuidance, OutcomeOfEachAcknowledgmentCategory) {
  EXPECT_EQ(outcome_of_category("A0"), AckOutcome::forwarded);
  EXPECT_EQ(outcome_of_category("A1"), AckOutcome::received);
  EXPECT_EQ(outcome_of_category("A2"), AckOutcome::accepted);
  for (const char* c : {"A3", "A4", "A6", "A7", "A8"})
    EXPECT_EQ(outcome_of_category(c), AckOutcome::rejected) << c;
  EXPECT_EQ(outcome_of_category("P1"), AckOutcome::pending);
  EXPECT_EQ(outcome_of_category("X9"), AckOutcome::other);
  EXPECT_EQ(set_outcome_of("P"), SetOutcome::partially_accepted);
  EXPECT_EQ(set_outcome_of("E"), SetOutcome::accepted_with_errors);
  EXPECT_EQ(set_outcome_of("X"), SetOutcome::rejected);
}

TEST(AckLookup, NewListsAsPeopleTypeThem) {
  auto a7 = lookup_code("A7");
  EXPECT_TRUE(matched(a7, CodeList::claim_status_category, "A7"));
  EXPECT_TRUE(matched(a7, CodeList::carc, "A7"));  // also a (deactivated) CARC: both shown
  EXPECT_TRUE(matched(lookup_code("562"), CodeList::claim_status_code, "562"));
  for (const char* q : {"A7:562:85", "a7:562:85", "A7|562|85", " A7 : 562 : 85 "}) {
    auto r = lookup_code(q);
    EXPECT_EQ(r.matches.size(), 3u) << q;
    EXPECT_TRUE(matched(r, CodeList::claim_status_category, "A7")) << q;
    EXPECT_TRUE(matched(r, CodeList::claim_status_code, "562")) << q;
    EXPECT_TRUE(matched(r, CodeList::entity, "85")) << q;
  }
  auto ik = lookup_code("IK403 7");
  ASSERT_EQ(ik.matches.size(), 1u);
  EXPECT_EQ(ik.matches[0].entry->description, "Invalid Code Value");
  EXPECT_EQ(lookup_code("ik304-8").matches.at(0).entry->description,
            "Segment Has Data Element Errors");
  EXPECT_EQ(lookup_code("IK505 5").matches.at(0).entry->code, "IK502:5");  // IK503-6 = IK502
  EXPECT_EQ(lookup_code("AK905 5").matches.size(), 1u);
  EXPECT_TRUE(lookup_code("IK403 99").matches.empty());
  EXPECT_FALSE(lookup_code("IK403 99").message.empty());
  // A CARC stays a CARC: 16 answers as CARC 16 first (status code 16 only by its list name).
  EXPECT_TRUE(matched(lookup_code("16"), CodeList::carc, "16"));
  EXPECT_FALSE(matched(lookup_code("16"), CodeList::claim_status_code, "16"));
  EXPECT_TRUE(matched(lookup_code("statuscode 16"), CodeList::claim_status_code, "16"));
  EXPECT_TRUE(matched(lookup_code("entity QC"), CodeList::entity, "QC"));
  auto bad = lookup_code("A7:9999:85");
  EXPECT_EQ(bad.matches.size(), 2u);
  EXPECT_NE(bad.message.find("9999"), std::string::npos);
}

// The lookup answer carries our guidance beside the official text, the loop from the entity
// of a composite query.
TEST(AckLookup, AnswersCarryOurGuidance) {
  auto j = nlohmann::json::parse(lookup_json("A7:562:85"));
  bool seen = false;
  for (const auto& m : j["matches"]) {
    if (m["list"] != "claim_status_code") continue;
    seen = true;
    EXPECT_EQ(m["status_guidance"]["loop_segment"], "2010AA NM109 (NM108 XX)");
    EXPECT_TRUE(m["status_guidance"]["from_table"].get<bool>());
  }
  EXPECT_TRUE(seen);
  auto ik = nlohmann::json::parse(lookup_json("IK403 7"));
  EXPECT_FALSE(ik["matches"][0]["ack_meaning"].get<std::string>().empty());
  EXPECT_EQ(ik["matches"][0]["element_name"], "Implementation Data Element Syntax Error Code");
  std::string text = lookup_text(lookup_code("A7:562:85"));
  EXPECT_NE(text.find("Where in the 837: 2010AA NM109"), std::string::npos) << text;
}
