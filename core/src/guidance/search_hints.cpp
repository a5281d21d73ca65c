// Loads the search hints: search_synonyms.csv, the common codes (CARCs with variants, codes
// of pair_rules.csv) and our text per code.
#include "guidance/search_hints.h"

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "codes/csv.h"
#include "denial/codes.h"
#include "denial/guidance.h"

namespace denial::embedded {
extern const std::string_view kSearchSynonymsCsv, kPairRulesCsv, kCarcDetailJson, kRarcGuidanceCsv;
}

namespace denial::detail {
namespace {

struct Hints {
  std::vector<SearchSynonym> synonyms;
  std::set<std::string, std::less<>> common;             // "carc|50"
  std::map<std::string, std::string, std::less<>> text;  // "carc|50" -> our text
  std::vector<std::string> errors;
};

std::string key(std::string_view list, std::string_view code) {
  return std::string(list) + "|" + std::string(code);
}

std::vector<std::string> split(std::string_view cell) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : cell) {
    if (c == ';') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else if (c != ' ') {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

void load_synonyms(Hints& h) {
  auto rows = parse_csv(embedded::kSearchSynonymsCsv);
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& r = rows[i];
    if (r.size() < 2 || r[0].empty()) {
      h.errors.push_back("search_synonyms.csv row " + std::to_string(i + 1) + " is short");
      continue;
    }
    SearchSynonym s{r[0], {}};
    for (const std::string& c : split(r[1])) {
      std::size_t colon = c.find(':');
      std::string list = c.substr(0, colon == std::string::npos ? 0 : colon);
      std::string code = colon == std::string::npos ? c : c.substr(colon + 1);
      CodeList cl = list == "rarc" ? CodeList::rarc : CodeList::carc;
      if ((list != "carc" && list != "rarc") || !find_code(cl, code)) {
        h.errors.push_back("search_synonyms.csv '" + r[0] + "': '" + c +
                           "' is not a carc:/rarc: code");
        continue;
      }
      s.codes.emplace_back(list, code);
    }
    h.synonyms.push_back(std::move(s));
  }
}

void load_common_and_text(Hints& h) {
  auto detail = nlohmann::json::parse(embedded::kCarcDetailJson, nullptr, false);
  if (detail.is_object()) {
    for (auto it = detail.begin(); it != detail.end(); ++it) {
      if (it.value().contains("variants")) h.common.insert(key("carc", it.key()));
      if (it.value().contains("plain") && it.value()["plain"].is_string())
        h.text[key("carc", it.key())] = it.value()["plain"].get<std::string>();
    }
  }
  auto pairs = parse_csv(embedded::kPairRulesCsv);
  if (!pairs.empty()) {
    std::size_t carc = 2, remark = 3;
    for (std::size_t i = 0; i < pairs[0].size(); ++i) {
      if (pairs[0][i] == "carc") carc = i;
      if (pairs[0][i] == "remark") remark = i;
    }
    for (std::size_t i = 1; i < pairs.size(); ++i) {
      const auto& r = pairs[i];
      if (r.size() > carc && !r[carc].empty() && r[carc] != "*")
        h.common.insert(key("carc", r[carc]));
      if (r.size() > remark)
        for (const std::string& code : split(r[remark]))
          if (code != "*") h.common.insert(key("rarc", code));
    }
  }
  auto remarks = parse_csv(embedded::kRarcGuidanceCsv);
  for (std::size_t i = 1; i < remarks.size(); ++i)
    if (remarks[i].size() > 3) h.text[key("rarc", remarks[i][0])] = remarks[i][3];
}

const Hints& hints() {
  static const Hints h = [] {
    Hints x;
    load_synonyms(x);
    load_common_and_text(x);
    return x;
  }();
  return h;
}

}  // namespace

const std::vector<SearchSynonym>& search_synonyms() { return hints().synonyms; }

bool common_code(std::string_view list, std::string_view code) {
  return hints().common.count(key(list, code)) > 0;
}

std::string_view guidance_text(std::string_view list, std::string_view code) {
  const auto& t = hints().text;
  auto it = t.find(key(list, code));
  return it == t.end() ? std::string_view() : std::string_view(it->second);
}

const std::vector<std::string>& search_hint_errors() { return hints().errors; }

}  // namespace denial::detail
