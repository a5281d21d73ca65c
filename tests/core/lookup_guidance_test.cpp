// Lookup surfaces all our guidance (issue 14): every active CARC has plain text, steps and
// resolved sources (and Medicare/commercial variants where the data has them); every
// deactivated CARC has what it meant and a note; every active RARC has a note.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "denial/codes.h"
#include "denial/guidance.h"
#include "denial/lookup_json.h"

using nlohmann::json;

namespace {

json first_match(const std::string& query, std::string_view list) {
  json j = json::parse(denial::lookup_json(query));
  for (const auto& m : j["matches"])
    if (m["list"] == list) return m;
  return json();
}

}  // namespace

TEST(LookupGuidance, EveryActiveCarcHasPlainStepsAndSources) {
  std::size_t active = 0, variants = 0;
  for (const auto& e : denial::code_entries(denial::CodeList::carc)) {
    if (e.deactivated) continue;
    ++active;
    json m = first_match("CO-" + e.code, "carc");
    ASSERT_FALSE(m.is_null()) << e.code;
    const json& g = m["guidance"];
    EXPECT_FALSE(g.value("plain", "").empty()) << "CARC " << e.code << " has no plain text";
    EXPECT_FALSE(g.value("steps", json::array()).empty()) << "CARC " << e.code << " has no steps";
    ASSERT_FALSE(g.value("source_details", json::array()).empty()) << "CARC " << e.code;
    for (const auto& s : g["source_details"]) {
      EXPECT_FALSE(s.value("publisher", "").empty()) << e.code;
      EXPECT_FALSE(s.value("title", "").empty()) << e.code;
      EXPECT_FALSE(s.value("citation", "").empty()) << e.code;
    }
    if (g.contains("variants")) {
      ++variants;
      // Both texts as a rule; CARC 13 (date of death) has Medicare's only.
      EXPECT_FALSE(g["variants"].value("medicare", "").empty() &&
                   g["variants"].value("commercial", "").empty())
          << e.code;
    }
  }
  EXPECT_GT(active, 250u);
  EXPECT_GE(variants, 40u);
}

TEST(LookupGuidance, VariantsShowInText) {
  denial::LookupResult r = denial::lookup_code("CO-4");
  std::string t = denial::lookup_text(r);
  EXPECT_NE(t.find("Medicare: "), std::string::npos) << t;
  EXPECT_NE(t.find("Commercial: "), std::string::npos) << t;
  EXPECT_NE(t.find("Source: X12"), std::string::npos) << t;
}

TEST(LookupGuidance, EveryDeactivatedCarcHasMeantAndNote) {
  std::size_t n = 0;
  for (const auto& e : denial::code_entries(denial::CodeList::carc)) {
    if (!e.deactivated) continue;
    ++n;
    json m = first_match(e.code, "carc");
    ASSERT_FALSE(m.is_null()) << e.code;
    EXPECT_FALSE(m.value("description", "").empty()) << e.code;
    ASSERT_TRUE(m.contains("deactivated_guidance")) << "CARC " << e.code << " has no row";
    const json& d = m["deactivated_guidance"];
    EXPECT_FALSE(d.value("meant", "").empty()) << e.code;
    EXPECT_FALSE(d.value("note", "").empty()) << e.code;
    EXPECT_TRUE(d.contains("replaced_by")) << e.code;
    for (const auto& c : d["replaced_by"])
      EXPECT_NE(denial::find_code(denial::CodeList::carc, c.get<std::string>()), nullptr)
          << e.code << " replaced by unknown " << c;
  }
  EXPECT_GT(n, 20u);
  std::string t = denial::lookup_text(denial::lookup_code("28"));
  EXPECT_NE(t.find("What it meant (ours)"), std::string::npos) << t;
  EXPECT_NE(t.find("Read it as CARC 26 27"), std::string::npos) << t;
}

TEST(LookupGuidance, EveryActiveRarcHasANote) {
  std::size_t n = 0, from_rule = 0;
  for (const auto& e : denial::code_entries(denial::CodeList::rarc)) {
    if (e.deactivated) continue;
    ++n;
    json m = first_match("RARC " + e.code, "rarc");
    ASSERT_FALSE(m.is_null()) << e.code;
    const json& g = m["guidance"];
    EXPECT_FALSE(g.value("note", "").empty()) << "RARC " << e.code << " has no note";
    if (g.value("from_description_rule", false)) {
      ++from_rule;
      EXPECT_EQ(g["sources"], json::array({"x12-rarc"})) << e.code;
    }
  }
  EXPECT_GT(n, 500u);
  EXPECT_GT(from_rule, 0u);
}
