// Search as a biller types (issue 14): phrasings billers use, written by us, each with the code
// a biller expects in the top 3. At least 90% must hit; the hit rate is printed.
#include <gtest/gtest.h>

#include <iostream>
#include <string>
#include <vector>

#include "denial/codes.h"

using denial::CodeList;

namespace {

struct Phrasing {
  const char* query;
  CodeList list;
  const char* code;
};

const std::vector<Phrasing> kPhrasings = {
    {"medical necessity", CodeList::carc, "50"},
    {"not medically necessary", CodeList::carc, "50"},
    {"medical necessity denial", CodeList::carc, "50"},
    {"not covered", CodeList::carc, "96"},
    {"not covered", CodeList::carc, "204"},
    {"non covered charges", CodeList::carc, "96"},
    {"service not covered by plan", CodeList::carc, "204"},
    {"bundled", CodeList::carc, "97"},
    {"bundled service", CodeList::carc, "97"},
    {"bundling edit", CodeList::carc, "97"},
    {"ncci edit", CodeList::carc, "97"},
    {"npi", CodeList::carc, "206"},
    {"npi missing", CodeList::carc, "206"},
    {"invalid npi", CodeList::carc, "207"},
    {"prior auth", CodeList::carc, "197"},
    {"no prior auth", CodeList::carc, "197"},
    {"no authorization on file", CodeList::carc, "197"},
    {"precert missing", CodeList::carc, "197"},
    {"timely filing", CodeList::carc, "29"},
    {"timely filing limit", CodeList::carc, "29"},
    {"claim filed late", CodeList::carc, "29"},
    {"duplicate claim", CodeList::carc, "18"},
    {"billed twice", CodeList::carc, "18"},
    {"contractual adjustment", CodeList::carc, "45"},
    {"over fee schedule", CodeList::carc, "45"},
    {"contractual write off", CodeList::carc, "45"},
    {"deductible", CodeList::carc, "1"},
    {"patient deductible", CodeList::carc, "1"},
    {"coinsurance", CodeList::carc, "2"},
    {"copay", CodeList::carc, "3"},
    {"missing information", CodeList::carc, "16"},
    {"billing error", CodeList::carc, "16"},
    {"coordination of benefits", CodeList::carc, "22"},
    {"other insurance primary", CodeList::carc, "22"},
    {"coverage terminated", CodeList::carc, "27"},
    {"coverage ended before service", CodeList::carc, "27"},
    {"patient not eligible", CodeList::carc, "27"},
    {"member not found", CodeList::carc, "31"},
    {"diagnosis inconsistent with procedure", CodeList::carc, "11"},
    {"dx mismatch", CodeList::carc, "11"},
    {"wrong modifier", CodeList::carc, "4"},
    {"modifier missing", CodeList::carc, "4"},
    {"benefit maximum reached", CodeList::carc, "119"},
    {"too many units", CodeList::carc, "151"},
    {"out of network", CodeList::carc, "242"},
    {"sequestration", CodeList::carc, "253"},
    {"medical records requested", CodeList::carc, "252"},
    {"referral missing", CodeList::carc, "288"},
    {"wrong payer", CodeList::carc, "109"},
    {"qmb patient", CodeList::rarc, "N781"},
    {"workers comp", CodeList::carc, "19"},
    {"capitation", CodeList::carc, "24"},
};

bool in_top3(const Phrasing& p) {
  auto hits = denial::search_codes(p.query, 3);
  for (const auto& h : hits)
    if (h.list == p.list && h.entry->code == p.code) return true;
  return false;
}

}  // namespace

TEST(SearchPhrasing, BillerPhrasingsFindTheCodeInTop3) {
  std::size_t hit = 0;
  std::string misses;
  for (const Phrasing& p : kPhrasings) {
    if (in_top3(p)) {
      ++hit;
    } else {
      misses += std::string("  '") + p.query + "' misses " + p.code + "; top 3:";
      for (const auto& h : denial::search_codes(p.query, 3)) misses += " " + h.entry->code;
      misses += "\n";
    }
  }
  double rate = 100.0 * static_cast<double>(hit) / static_cast<double>(kPhrasings.size());
  std::cout << "search hit rate: " << hit << "/" << kPhrasings.size() << " = " << rate << "%\n"
            << misses;
  EXPECT_GE(kPhrasings.size(), 40u);
  EXPECT_GE(rate, 90.0) << misses;
}

TEST(SearchPhrasing, IssueExamples) {
  auto top = [](const char* q, std::size_t n) { return denial::search_codes(q, n); };
  auto has = [](const std::vector<denial::SearchHit>& hits, const char* code) {
    for (const auto& h : hits)
      if (h.list == CodeList::carc && h.entry->code == code) return true;
    return false;
  };
  EXPECT_TRUE(has(top("medical necessity", 4), "50"));
  EXPECT_TRUE(has(top("not covered", 4), "96"));
  EXPECT_TRUE(has(top("not covered", 4), "204"));
  EXPECT_TRUE(has(top("bundled", 4), "97"));
  auto npi = top("npi", 1);
  ASSERT_FALSE(npi.empty());
  EXPECT_NE(npi[0].entry->code, "161");
}

TEST(SearchPhrasing, CodesBeforeRemarksWhenBothMatch) {
  // "duplicate" is in CARC 18 and in several remarks: the CARC comes first.
  auto hits = denial::search_codes("duplicate", 3);
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].list, CodeList::carc);
}
