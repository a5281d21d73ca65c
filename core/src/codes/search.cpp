// Ranked word search over official descriptions and our guidance text, as a biller types.
// Words are lower-cased and lightly stemmed ("timely" ~ "time", "filing" ~ "file"); a few
// billing synonyms widen the query ("prior" -> "pre"). Ranking: a biller phrase of
// search_synonyms.csv puts its codes first; then more query words matched (official main text,
// then its "Usage:", then our guidance text), the words as a phrase, early position, codes met
// often in denials, CARCs before remarks, active codes, shorter descriptions.
#include <algorithm>
#include <cctype>
#include <map>
#include <string>

#include "denial/codes.h"
#include "guidance/search_hints.h"

namespace denial {
namespace {

std::string stem(std::string w) {
  auto strip = [&](std::string_view suffix) {
    if (w.size() > suffix.size() + 2 &&
        w.compare(w.size() - suffix.size(), suffix.size(), suffix) == 0) {
      w.resize(w.size() - suffix.size());
      return true;
    }
    return false;
  };
  strip("ing") || strip("ed") || strip("ly") || strip("es") || strip("s");
  if (w.size() > 3 && w.back() == 'e') w.pop_back();
  return w;
}

std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> out;
  std::string w;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      w += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!w.empty()) {
      out.push_back(stem(w));
      w.clear();
    }
  }
  if (!w.empty()) out.push_back(stem(w));
  return out;
}

struct Synonym {
  std::string_view word;
  std::string_view alternatives;  // space separated, stemmed at use
};
constexpr Synonym kSynonyms[] = {
    {"prior", "pre precertification authorization"},
    {"auth", "authorization"},
    {"precert", "precertification"},
    {"dup", "duplicate"},
    {"dx", "diagnosis"},
    {"cob", "coordination benefits primary"},
    {"npi", "provider identifier"},
    {"modifier", "modifiers"},
};

std::vector<std::vector<std::string>> query_terms(std::string_view q) {
  std::vector<std::vector<std::string>> terms;
  for (const std::string& w : words_of(q)) {
    std::vector<std::string> alts{w};
    for (const auto& s : kSynonyms) {
      if (stem(std::string(s.word)) != w) continue;
      for (const std::string& a : words_of(s.alternatives)) alts.push_back(a);
    }
    terms.push_back(std::move(alts));
  }
  return terms;
}

int position_of(const std::vector<std::string>& words, const std::vector<std::string>& alts) {
  for (std::size_t i = 0; i < words.size(); ++i)
    for (const auto& a : alts)
      if (words[i] == a) return static_cast<int>(i);
  return -1;
}

bool has_phrase(const std::vector<std::string>& words, const std::vector<std::string>& phrase) {
  if (phrase.empty() || words.size() < phrase.size()) return false;
  for (std::size_t i = 0; i + phrase.size() <= words.size(); ++i) {
    std::size_t k = 0;
    while (k < phrase.size() && words[i + k] == phrase[k]) ++k;
    if (k == phrase.size()) return true;
  }
  return false;
}

// Words too common to count when only our guidance text has them.
bool stopword(const std::string& w) {
  static constexpr std::string_view kStop[] = {
      "a",  "an",  "the", "of",   "for", "to",   "in", "on", "is", "not", "no",  "and",
      "or", "was", "by",  "with", "thi", "that", "be", "it", "at", "as",  "are", "claim"};
  for (std::string_view s : kStop)
    if (w == s) return true;
  return false;
}

std::string_view list_id(CodeList list) {
  return list == CodeList::carc ? "carc" : list == CodeList::rarc ? "rarc" : "";
}

// Boosts for the codes the biller phrases in the query name ("carc|50" -> boost): the first
// code of a row most.
std::map<std::string, int, std::less<>> synonym_boosts(const std::vector<std::string>& words) {
  std::map<std::string, int, std::less<>> out;
  for (const auto& syn : detail::search_synonyms()) {
    if (!has_phrase(words, words_of(syn.phrase))) continue;
    for (std::size_t i = 0; i < syn.codes.size(); ++i) {
      int& b = out[syn.codes[i].first + "|" + syn.codes[i].second];
      b = std::max(b, 6000 - static_cast<int>(i) * 100);
    }
  }
  return out;
}

}  // namespace

std::vector<SearchHit> search_codes(std::string_view query, std::size_t limit) {
  auto terms = query_terms(query);
  const auto raw = words_of(query);
  const auto boosts = synonym_boosts(raw);
  std::vector<SearchHit> hits;
  if (terms.empty()) return hits;
  for (CodeList list : {CodeList::carc, CodeList::rarc, CodeList::plb_reason,
                        CodeList::claim_status, CodeList::group}) {
    for (const CodeEntry& e : code_entries(list)) {
      std::string_view text = e.description;
      std::size_t usage = text.find(" Usage:");
      std::string_view main_text = text.substr(0, usage);
      auto main_words = words_of(main_text);
      auto all_words = usage == std::string_view::npos ? main_words : words_of(text);
      std::string_view ours = detail::guidance_text(list_id(list), e.code);
      auto our_words = ours.empty() ? std::vector<std::string>() : words_of(ours);
      int matched = 0, matched_main = 0, matched_ours = 0, first = 1000;
      for (const auto& alts : terms) {
        int p = position_of(main_words, alts);
        if (p >= 0) {
          ++matched_main;
          first = std::min(first, p);
        }
        if (p >= 0 || position_of(all_words, alts) >= 0)
          ++matched;
        else if (!stopword(alts[0]) && position_of(our_words, alts) >= 0)
          ++matched_ours;
      }
      int boost = 0;
      if (!boosts.empty()) {
        auto b = boosts.find(std::string(list_id(list)) + "|" + e.code);
        if (b != boosts.end()) boost = b->second;
      }
      if (matched == 0 && matched_ours == 0 && boost == 0) continue;
      int score = boost + matched * 1000 + matched_main * 300 + matched_ours * 700;
      // The query as a phrase (its words in order, adjacent) in the main text, or in ours.
      if (terms.size() > 1 && has_phrase(main_words, raw))
        score += 500;
      else if (terms.size() > 1 && has_phrase(our_words, raw))
        score += 300;
      score += first < 3 ? 60 : first < 8 ? 30 : 0;
      score += e.deactivated ? 0 : 40;
      score += detail::common_code(list_id(list), e.code) ? 150 : 0;
      score += list == CodeList::carc ? 200 : 0;
      score -= std::min<int>(static_cast<int>(main_words.size()), 100);
      hits.push_back({list, &e, score});
    }
  }
  std::stable_sort(hits.begin(), hits.end(),
                   [](const SearchHit& a, const SearchHit& b) { return a.score > b.score; });
  // Only full matches when there are any: a two-word query should not list one-word hits first.
  if (!hits.empty() && hits.size() > limit) hits.resize(limit);
  return hits;
}

}  // namespace denial
