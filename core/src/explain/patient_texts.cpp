// Loads patient_texts.csv (the words of the patient explanation) and picks its rows.
#include "explain/patient_texts.h"

#include <algorithm>
#include <map>

#include "codes/csv.h"

namespace denial::embedded {
extern const std::string_view kPatientTextsCsv;
}

namespace denial {
namespace {

struct Table {
  std::vector<PatientText> rows;
  std::vector<std::string> errors;
};

std::vector<std::string> split_list(const std::string& cell) {
  return detail::split_alternatives(cell);
}

bool one_of(std::string_view v, std::initializer_list<std::string_view> allowed) {
  return std::find(allowed.begin(), allowed.end(), v) != allowed.end();
}

const Table& table() {
  static const Table t = [] {
    Table x;
    auto rows = detail::parse_csv(embedded::kPatientTextsCsv);
    for (std::size_t i = 1; i < rows.size(); ++i) {
      const auto& r = rows[i];
      if (r.size() < 9) {
        x.errors.push_back("patient_texts.csv row " + std::to_string(i + 1) +
                           " has fewer than 9 fields");
        continue;
      }
      PatientText p;
      p.id = r[0];
      p.part = r[1];
      p.codes = split_list(r[2]);
      p.channels = split_list(r[3]);
      p.when = r[4];
      p.audience = r[5];
      p.label = r[6];
      p.text = r[7];
      std::vector<std::string> unknown;
      p.sources = parse_source_ids(r[8], &unknown);
      for (const auto& u : unknown) x.errors.push_back(p.id + ": source '" + u + "'");
      if (p.sources.empty()) x.errors.push_back(p.id + ": no source");
      if (!one_of(p.part, {"label", "intro", "reason", "note", "disagree", "check"}))
        x.errors.push_back(p.id + ": part '" + p.part + "'");
      if (p.id.rfind(p.part + ".", 0) != 0 && p.id != p.part)
        x.errors.push_back(p.id + ": the id must start with its part");
      if (!one_of(p.audience, {"patient", "office"}))
        x.errors.push_back(p.id + ": audience '" + p.audience + "'");
      if ((p.part == "check") != (p.audience == "office"))
        x.errors.push_back(p.id + ": checks are for the office, everything else the patient");
      if (!one_of(p.when, {"", "ga", "no_ga"}))
        x.errors.push_back(p.id + ": when '" + p.when + "'");
      if (p.part != "check" && (p.part == "reason") == p.codes.empty())
        x.errors.push_back(p.id + ": reasons name codes; labels, intros, notes none");
      if (p.part == "reason" && p.label.empty())
        x.errors.push_back(p.id + ": reason needs a label");
      if (p.text.empty()) x.errors.push_back(p.id + ": empty text");
      for (const auto& c : p.channels)
        if (!one_of(c, {"medicare", "medicaid", "medicare_advantage", "other"}))
          x.errors.push_back(p.id + ": channel '" + c + "'");
      x.rows.push_back(std::move(p));
    }
    return x;
  }();
  return t;
}

// "reason.not_covered.ga" -> "reason.not_covered": the text the variant belongs to.
std::string_view family(std::string_view id) {
  std::size_t first = id.find('.');
  if (first == std::string_view::npos) return id;
  return id.substr(0, id.find('.', first + 1));
}

// Score of a row for the facts, -1 when it does not fit: code 100 (a wildcard 0), channel
// 10, modifier condition 1, so a more specific code always beats a more specific channel.
int score(const PatientText& p, const detail::PatientTextFacts& f, bool wildcards) {
  int s = 0;
  if (f.code.empty() != p.codes.empty()) return -1;
  if (!f.code.empty()) {
    int best = -1;
    std::string_view group = f.code.substr(0, f.code.find('-'));
    for (const auto& c : p.codes) {
      if (c == f.code)
        best = 100;
      else if (wildcards && c.size() > 2 && c.compare(c.size() - 2, 2, "-*") == 0 &&
               std::string_view(c).substr(0, c.size() - 2) == group)
        best = std::max(best, 0);
    }
    if (best < 0) return -1;
    s += best;
  }
  if (!p.channels.empty()) {
    if (std::find(p.channels.begin(), p.channels.end(), channel_id(f.channel)) == p.channels.end())
      return -1;
    s += 10;
  }
  if (!p.when.empty()) {
    if ((p.when == "ga") != f.ga) return -1;
    s += 1;
  }
  return s;
}

}  // namespace

const std::vector<PatientText>& patient_texts() { return table().rows; }
const std::vector<std::string>& patient_text_load_errors() { return table().errors; }

std::string_view patient_label(std::string_view id, Channel channel) {
  thread_local std::map<std::string, std::string_view, std::less<>> cache;
  std::string key(id);
  key += static_cast<char>('0' + static_cast<int>(channel));
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  const PatientText* best = nullptr;
  int best_score = -1;
  for (const PatientText& p : table().rows) {
    if (p.part != "label" || family(p.id).substr(6) != id) continue;
    int s = score(p, {{}, channel, false}, false);
    if (s > best_score) best = &p, best_score = s;
  }
  std::string_view text = best ? std::string_view(best->text) : std::string_view();
  if (cache.size() < 4096) cache.emplace(std::move(key), text);
  return text;
}

namespace detail {
namespace {

std::vector<const PatientText*> pick_uncached(std::string_view part, const PatientTextFacts& facts,
                                              bool wildcards) {
  std::vector<const PatientText*> out;
  std::map<std::string_view, std::size_t> slot;  // family -> index in out
  std::vector<int> scores;
  for (const PatientText& p : table().rows) {
    if (p.part != part) continue;
    int s = score(p, facts, wildcards);
    if (s < 0) continue;
    auto [it, fresh] = slot.emplace(family(p.id), out.size());
    if (fresh) {
      out.push_back(&p);
      scores.push_back(s);
    } else if (s > scores[it->second]) {
      out[it->second] = &p;
      scores[it->second] = s;
    }
  }
  return out;
}

}  // namespace

std::vector<const PatientText*> pick_patient_texts(std::string_view part,
                                                   const PatientTextFacts& facts, bool wildcards) {
  // A remit repeats the same few codes and channels on every claim: remember each answer (per
  // thread; the table never changes).
  thread_local std::map<std::string, std::vector<const PatientText*>, std::less<>> cache;
  std::string key;
  key.reserve(part.size() + facts.code.size() + 8);
  key.append(part).append("|").append(facts.code).append("|");
  key += static_cast<char>('0' + static_cast<int>(facts.channel));
  key += facts.ga ? 'g' : '-';
  key += wildcards ? 'w' : '-';
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  if (cache.size() > 4096) cache.clear();
  return cache.emplace(std::move(key), pick_uncached(part, facts, wildcards)).first->second;
}

const PatientText* pick_patient_text(std::string_view part, const PatientTextFacts& facts) {
  thread_local std::map<std::string, const PatientText*, std::less<>> cache;
  std::string key;
  key.append(part).append("|").append(facts.code).append("|");
  key += static_cast<char>('0' + static_cast<int>(facts.channel));
  key += facts.ga ? 'g' : '-';
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  const PatientText* best = nullptr;
  int best_score = -1;
  for (const PatientText& p : table().rows) {
    if (p.part != part) continue;
    int s = score(p, facts, true);
    if (s > best_score) best = &p, best_score = s;
  }
  if (cache.size() > 4096) cache.clear();
  cache.emplace(std::move(key), best);
  return best;
}

}  // namespace detail
}  // namespace denial
