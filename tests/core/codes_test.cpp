// Official code lists: the embedded tables equal the CSVs row by row, every code can be looked
// up the way people type it, validity follows the X12 dates, and search ranks sensibly.
#include "denial/codes.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

#include "test_util.h"

using denial::CodeEntry;
using denial::CodeList;
using denial::find_code;
using denial::lookup_code;
using denial::Validity;
using denial::validity_on;

namespace {

std::string codeset_path(const std::string& file) {
  return std::string(DENIAL_SOURCE_DIR) + "/core/data/codesets/" + file;
}

const char* csv_file(CodeList l) {
  switch (l) {
    case CodeList::carc:
      return "carc.csv";
    case CodeList::rarc:
      return "rarc.csv";
    case CodeList::group:
      return "group_codes.csv";
    case CodeList::claim_status:
      return "claim_status.csv";
    case CodeList::plb_reason:
      return "plb_reason.csv";
    case CodeList::claim_filing:
      return "claim_filing_indicator.csv";
    case CodeList::payment_method:
      return "payment_method.csv";
    case CodeList::place_of_service:
      return "place_of_service.csv";
    case CodeList::claim_status_category:
      return "claim_status_category_507.csv";
    case CodeList::claim_status_code:
      return "claim_status_code_508.csv";
    case CodeList::entity:
      return "entity_identifier_98.csv";
    case CodeList::ack_999:
      return "ack_999.csv";
  }
  return "";
}

// Lists searched first by lookup_code; the others only when these have no such code.
bool primary(CodeList l) {
  return l == CodeList::carc || l == CodeList::rarc || l == CodeList::group ||
         l == CodeList::plb_reason || l == CodeList::claim_status ||
         l == CodeList::claim_status_category;
}

std::set<std::pair<std::string, std::string>> deactivated_without_stop() {
  std::set<std::pair<std::string, std::string>> out;
  for (const auto& r : denial_test::csv_records(
           denial_test::read_file(codeset_path("deactivated_no_stop_date.csv"))))
    out.insert({r.at("list"), r.at("code")});
  return out;
}

bool matched(const denial::LookupResult& r, CodeList list, const CodeEntry* e) {
  return std::any_of(r.matches.begin(), r.matches.end(),
                     [&](const denial::LookupMatch& m) { return m.list == list && m.entry == e; });
}

std::vector<CodeList> lists_of(const denial::LookupResult& r) {
  std::vector<CodeList> out;
  for (const auto& m : r.matches) out.push_back(m.list);
  return out;
}

}  // namespace

TEST(CodeTables, EqualTheCsvFilesRowByRow) {
  auto deactivated = deactivated_without_stop();
  for (CodeList list : denial::kAllCodeLists) {
    std::string id(denial::code_list_info(list).id);
    SCOPED_TRACE(id);
    auto rows = denial_test::csv_records(denial_test::read_file(codeset_path(csv_file(list))));
    const auto& entries = denial::code_entries(list);
    ASSERT_GT(rows.size(), 0u);
    ASSERT_EQ(entries.size(), rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const auto& row = rows[i];
      const auto& e = entries[i];
      auto get = [&](const char* col) { return row.count(col) ? row.at(col) : std::string(); };
      // 999 codes are known by element and code ("IK403:7").
      std::string code =
          list == CodeList::ack_999 ? get("segment_element") + ":" + get("code") : get("code");
      EXPECT_EQ(e.code, code) << "row " << i + 2;
      EXPECT_EQ(e.description, list == CodeList::group ? get("name") : get("description"))
          << e.code;
      EXPECT_EQ(e.start_date, get("start_date")) << e.code;
      EXPECT_EQ(e.last_modified, get("last_modified")) << e.code;
      EXPECT_EQ(e.stop_date, get("stop_date")) << e.code;
      EXPECT_EQ(e.definition, get("definition")) << e.code;
      bool want_deactivated = !get("stop_date").empty() || deactivated.count({id, e.code}) > 0;
      EXPECT_EQ(e.deactivated, want_deactivated) << e.code;
    }
  }
}

TEST(CodeTables, ListsHaveTheirExpectedSizeAndRelease) {
  EXPECT_GT(denial::code_entries(CodeList::carc).size(), 350u);
  EXPECT_GT(denial::code_entries(CodeList::rarc).size(), 1000u);
  EXPECT_EQ(denial::code_entries(CodeList::group).size(), 5u);  // CO CR OA PI PR
  EXPECT_EQ(denial::code_list_info(CodeList::carc).release, "2026-07-01");
  EXPECT_EQ(denial::code_list_info(CodeList::rarc).release, "2026-07-01");
  EXPECT_EQ(denial::code_list_info(CodeList::carc).id, "carc");
}

TEST(CodeTables, FindCodeIsExactAndCaseInsensitive) {
  const CodeEntry* ma130 = find_code(CodeList::rarc, "MA130");
  ASSERT_NE(ma130, nullptr);
  EXPECT_EQ(find_code(CodeList::rarc, "ma130"), ma130);
  EXPECT_EQ(find_code(CodeList::rarc, "MA130X"), nullptr);  // no prefix matching
  EXPECT_NE(find_code(CodeList::rarc, "MA13"), ma130);
  EXPECT_EQ(find_code(CodeList::carc, "0253"), nullptr);
  EXPECT_EQ(find_code(CodeList::carc, ""), nullptr);
}

TEST(CodeTables, Carc253IsSequestration) {
  const CodeEntry* e = find_code(CodeList::carc, "253");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->description, "Sequestration - reduction in federal payment");
  EXPECT_FALSE(e->deactivated);
}

// Every code of every list can be found again by typing it (and in lower case).
TEST(Lookup, EveryCodeRoundTrips) {
  for (CodeList list : denial::kAllCodeLists) {
    for (const CodeEntry& e : denial::code_entries(list)) {
      auto r = lookup_code(e.code);
      std::string lower = e.code;
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      auto rl = lookup_code(lower);
      if (primary(list) || r.matches.empty() || matched(r, list, &e)) {
        EXPECT_TRUE(matched(r, list, &e)) << denial::code_list_info(list).id << " " << e.code;
        EXPECT_TRUE(matched(rl, list, &e)) << denial::code_list_info(list).id << " " << lower;
      } else {
        // A secondary-list code (POS 11, filing 12, ...) that is also a CARC or claim status
        // answers with the primary list first, by design; it must still be found directly.
        EXPECT_TRUE(std::all_of(r.matches.begin(), r.matches.end(),
                                [](const denial::LookupMatch& m) { return primary(m.list); }))
            << e.code;
        EXPECT_EQ(find_code(list, e.code), &e);
      }
    }
  }
}

TEST(Lookup, GroupAndReasonForms) {
  const CodeEntry* carc253 = find_code(CodeList::carc, "253");
  for (const char* q : {"CO-253", "co 253", "CO253", "Co-253 "}) {
    auto r = lookup_code(q);
    EXPECT_EQ(r.code, "253") << q;
    EXPECT_EQ(r.group, "CO") << q;
    EXPECT_TRUE(matched(r, CodeList::carc, carc253)) << q;
    EXPECT_TRUE(matched(r, CodeList::group, find_code(CodeList::group, "CO"))) << q;
    for (const auto& m : r.matches) {
      if (m.list == CodeList::carc) {
        EXPECT_EQ(m.group, "CO") << q;
      }
    }
  }
  auto pr1 = lookup_code("PR1");
  EXPECT_EQ(pr1.group, "PR");
  EXPECT_EQ(pr1.code, "1");
  EXPECT_TRUE(matched(pr1, CodeList::carc, find_code(CodeList::carc, "1")));
}

TEST(Lookup, BareCodes) {
  auto r253 = lookup_code("253");
  EXPECT_EQ(lists_of(r253), std::vector<CodeList>{CodeList::carc});
  EXPECT_TRUE(r253.group.empty());

  for (const char* q : {"MA130", "ma-130", "ma 130"}) {
    auto r = lookup_code(q);
    EXPECT_EQ(r.code, "MA130") << q;
    EXPECT_EQ(lists_of(r), std::vector<CodeList>{CodeList::rarc}) << q;
  }
  EXPECT_EQ(lists_of(lookup_code("N30")), std::vector<CodeList>{CodeList::rarc});
  EXPECT_EQ(lists_of(lookup_code("WO")), std::vector<CodeList>{CodeList::plb_reason});
  EXPECT_EQ(lists_of(lookup_code("L6")), std::vector<CodeList>{CodeList::plb_reason});
}

TEST(Lookup, SeventyTwoIsBothCarcAndPlbReason) {
  auto r = lookup_code("72");
  EXPECT_TRUE(matched(r, CodeList::carc, find_code(CodeList::carc, "72")));
  EXPECT_TRUE(matched(r, CodeList::plb_reason, find_code(CodeList::plb_reason, "72")));
  EXPECT_EQ(r.matches.size(), 2u);
  EXPECT_FALSE(r.message.empty());  // ambiguity is explained
}

TEST(Lookup, UnknownCodeNamesTheRelease) {
  for (const char* q : {"ZZ999", "CO-9999", "N9999"}) {
    auto r = lookup_code(q);
    EXPECT_TRUE(r.matches.empty()) << q;
    EXPECT_NE(r.message.find("2026-07-01"), std::string::npos) << r.message;
  }
  auto empty = lookup_code("  - ");
  EXPECT_TRUE(empty.matches.empty());
  EXPECT_FALSE(empty.message.empty());
}

TEST(Validity, StopDateInThePast) {
  const CodeEntry* e = find_code(CodeList::carc, "42");  // stopped 2007-06-01
  ASSERT_NE(e, nullptr);
  ASSERT_EQ(e->stop_date, "2007-06-01");
  EXPECT_EQ(validity_on(*e, "20260130"), Validity::deactivated);
  EXPECT_EQ(validity_on(*e, "2026-01-30"), Validity::deactivated);
  EXPECT_EQ(validity_on(*e, "20070601"), Validity::valid);  // the stop date itself still counts
  EXPECT_EQ(validity_on(*e, "20070602"), Validity::deactivated);
  EXPECT_EQ(validity_on(*e, "20000101"), Validity::valid);
}

TEST(Validity, NotYetValid) {
  const CodeEntry* e = find_code(CodeList::carc, "253");  // starts 2013-06-02
  ASSERT_EQ(e->start_date, "2013-06-02");
  EXPECT_EQ(validity_on(*e, "20130601"), Validity::not_yet_valid);
  EXPECT_EQ(validity_on(*e, "20130602"), Validity::valid);
  EXPECT_EQ(validity_on(*e, "20260115"), Validity::valid);
  const CodeEntry* late = find_code(CodeList::carc, "308");  // starts 2025-11-01
  ASSERT_NE(late, nullptr);
  EXPECT_EQ(validity_on(*late, "20251031"), Validity::not_yet_valid);
  EXPECT_EQ(validity_on(*late, "20251101"), Validity::valid);
}

TEST(Validity, DeactivatedWithoutStopDate) {
  const CodeEntry* e = find_code(CodeList::carc, "15");
  ASSERT_NE(e, nullptr);
  EXPECT_TRUE(e->deactivated);
  EXPECT_TRUE(e->stop_date.empty());
  EXPECT_EQ(validity_on(*e, "20260115"), Validity::deactivated);
  EXPECT_EQ(validity_on(*e, ""), Validity::deactivated);
  // Before its last modification it was still in use.
  ASSERT_FALSE(e->last_modified.empty());
  EXPECT_EQ(validity_on(*e, "19990101"), Validity::valid);
}

TEST(Validity, Names) {
  EXPECT_EQ(denial::validity_name(Validity::valid), "valid");
  EXPECT_EQ(denial::validity_name(Validity::not_yet_valid), "not_yet_valid");
  EXPECT_EQ(denial::validity_name(Validity::deactivated), "deactivated");
}

namespace {
std::size_t rank_of(const std::vector<denial::SearchHit>& hits, CodeList list, const char* code) {
  for (std::size_t i = 0; i < hits.size(); ++i)
    if (hits[i].list == list && hits[i].entry->code == code) return i;
  return hits.size();
}
}  // namespace

TEST(Search, TimelyFilingRanksCarc29First) {
  auto hits = denial::search_codes("timely filing");
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].list, CodeList::carc);
  EXPECT_EQ(hits[0].entry->code, "29");
}

TEST(Search, PriorAuthorization) {
  auto hits = denial::search_codes("prior authorization", 20);
  EXPECT_LT(rank_of(hits, CodeList::carc, "197"), 5u);
  // CARC 15 ("The authorization number is missing, invalid, ...") is deactivated and does not
  // say "prior"; it must be found on the first screen, after the active precertification codes.
  EXPECT_LT(rank_of(hits, CodeList::carc, "15"), 10u)
      << "CARC 15 is not in the top 10 ("
      << rank_of(denial::search_codes("prior authorization", 500), CodeList::carc, "15")
      << " is its 0-based rank)";
  EXPECT_TRUE(std::any_of(hits.begin(), hits.end(),
                          [](const denial::SearchHit& h) { return h.list == CodeList::rarc; }));
}

TEST(Search, ExactPhraseRanksAboveScatteredWords) {
  // N758 says "prior authorization" verbatim; it must beat codes that only share the stems.
  auto hits = denial::search_codes("prior authorization", 20);
  EXPECT_LT(rank_of(hits, CodeList::rarc, "N758"), 3u);
}

TEST(Search, DuplicateRanksCarc18First) {
  auto hits = denial::search_codes("duplicate");
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].list, CodeList::carc);
  EXPECT_EQ(hits[0].entry->code, "18");
}

TEST(Search, LimitOrderAndEmptyQuery) {
  auto hits = denial::search_codes("payment", 7);
  EXPECT_EQ(hits.size(), 7u);
  for (std::size_t i = 1; i < hits.size(); ++i) EXPECT_GE(hits[i - 1].score, hits[i].score);
  EXPECT_TRUE(denial::search_codes("").empty());
  EXPECT_TRUE(denial::search_codes("  ,; ").empty());
  EXPECT_TRUE(denial::search_codes("xyzzyplugh").empty());
}

// A bare "11" is CARC 11; naming the list reaches the others ("POS 11", "CLP06 MC", ...).
TEST(Lookup, NamedListsReachTheSecondaryLists) {
  struct Case {
    const char* query;
    CodeList list;
    const char* code;
  } cases[] = {
      {"POS 11", CodeList::place_of_service, "11"},
      {"pos-11", CodeList::place_of_service, "11"},
      {"place of service 23", CodeList::place_of_service, "23"},
      {"CLP06 MC", CodeList::claim_filing, "MC"},
      {"filing indicator 12", CodeList::claim_filing, "12"},
      {"status 22", CodeList::claim_status, "22"},
      {"CLP02 4", CodeList::claim_status, "4"},
      {"BPR04 ACH", CodeList::payment_method, "ACH"},
      {"method CHK", CodeList::payment_method, "CHK"},
      {"PLB 72", CodeList::plb_reason, "72"},
      {"CARC 72", CodeList::carc, "72"},
      {"RARC N30", CodeList::rarc, "N30"},
      {"group CO", CodeList::group, "CO"},
  };
  for (const Case& c : cases) {
    auto r = lookup_code(c.query);
    const CodeEntry* e = find_code(c.list, c.code);
    ASSERT_NE(e, nullptr) << c.query;
    EXPECT_EQ(lists_of(r), std::vector<CodeList>{c.list}) << c.query;
    EXPECT_TRUE(matched(r, c.list, e)) << c.query;
    EXPECT_EQ(r.code, c.code) << c.query;
  }
  // Bare codes keep their primary meaning.
  EXPECT_EQ(lists_of(lookup_code("11")), std::vector<CodeList>{CodeList::carc});
  // A named list without the code says so, naming the list and its release.
  auto missing = lookup_code("POS 98");
  EXPECT_TRUE(missing.matches.empty());
  EXPECT_NE(missing.message.find("Place"), std::string::npos) << missing.message;
  EXPECT_NE(missing.message.find("98"), std::string::npos) << missing.message;
  EXPECT_NE(missing.message.find("partial"), std::string::npos) << missing.message;
  auto no_status = lookup_code("status 99");
  EXPECT_TRUE(no_status.matches.empty());
  EXPECT_NE(no_status.message.find("official"), std::string::npos) << no_status.message;
}
