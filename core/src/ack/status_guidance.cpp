// Our guidance for 277CA status codes and 999 error codes, read once from the embedded CSVs
// (core/data/guidance/claim_status_guidance.csv, entity_loops.csv, ack_999_guidance.csv),
// and the reviewed rule that answers for a status code without a row of its own.
#include <map>
#include <sstream>

#include "codes/csv.h"
#include "denial/ack_explain.h"

namespace denial::embedded {
extern const std::string_view kClaimStatusGuidanceCsv, kEntityLoopsCsv, kAck_999GuidanceCsv;
}

namespace denial {
namespace {

struct Tables {
  std::map<std::string, StatusGuidance, std::less<>> status;
  std::map<std::string, std::string, std::less<>>
      loop;                                             // entity -> "2010AA" / "2310B (837I 2310D)"
  std::map<std::string, std::string, std::less<>> ack;  // "IK403:7" -> meaning
  std::map<std::string, std::vector<std::string>, std::less<>> ack_sources;
};

std::vector<std::string> split_words(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

const Tables& tables() {
  static const Tables t = [] {
    Tables t;
    auto rows = detail::parse_csv(embedded::kClaimStatusGuidanceCsv);
    for (std::size_t i = 1; i < rows.size(); ++i) {
      const auto& r = rows[i];
      if (r.size() < 6) continue;
      t.status[r[0]] = {r[1], r[2], r[3], r[4], split_words(r[5]), true};
    }
    rows = detail::parse_csv(embedded::kEntityLoopsCsv);
    for (std::size_t i = 1; i < rows.size(); ++i) {
      const auto& r = rows[i];
      if (r.size() < 3) continue;
      std::string loop = !r[1].empty() ? r[1] : r[2];
      if (!r[1].empty() && !r[2].empty() && r[1] != r[2]) loop += "; 837I " + r[2];
      if (r[1].empty() && !r[2].empty()) loop = "837I " + r[2];
      t.loop[r[0]] = loop;
    }
    rows = detail::parse_csv(embedded::kAck_999GuidanceCsv);
    for (std::size_t i = 1; i < rows.size(); ++i) {
      const auto& r = rows[i];
      if (r.size() < 4) continue;
      t.ack[r[0] + ":" + r[1]] = r[2];
      t.ack_sources[r[0] + ":" + r[1]] = split_words(r[3]);
    }
    return t;
  }();
  return t;
}

// "{loop}" in a row's loop_segment is the loop of the entity in STC01-3.
std::string resolve_loop(std::string text, std::string_view entity) {
  std::size_t at = text.find("{loop}");
  if (at == std::string::npos) return text;
  std::string loop = entity_loop(entity);
  if (loop.empty())
    loop = entity.empty() ? "the loop of the entity concerned"
                          : "the loop of entity " + std::string(entity);
  text.replace(at, 6, loop);
  return text;
}

// The first sentence of an official description, without its "Usage:" note.
std::string first_sentence(const std::string& d) {
  std::string s = d.substr(0, d.find(" Usage:"));
  s = s.substr(0, s.find(" Note:"));
  while (!s.empty() && (s.back() == '.' || s.back() == ' ')) s.pop_back();
  return s;
}

}  // namespace

std::string entity_loop(std::string_view entity) {
  auto it = tables().loop.find(entity);
  return it == tables().loop.end() ? std::string() : it->second;
}

std::size_t status_guidance_rows() { return tables().status.size(); }

StatusGuidance status_guidance(std::string_view code, std::string_view entity) {
  auto it = tables().status.find(code);
  if (it != tables().status.end()) {
    StatusGuidance g = it->second;
    g.loop_segment = resolve_loop(g.loop_segment, entity);
    return g;
  }
  // The reviewed rule over the official wording (docs/acknowledgments.md, "Guidance"):
  //  - "Entity's ..." codes name a data item of the entity in STC01-3: fix it in that
  //    entity's loop;
  //  - codes whose usage requires another status code point at it;
  //  - every other code names the item itself: correct it on the claim.
  StatusGuidance g;
  g.sources = {"x12-277ca-tr3", "x12-837-tr3"};
  g.urgency = "high";
  const CodeEntry* e = find_code(CodeList::claim_status_code, code);
  if (!e) {
    g.kind = "unknown";
    g.what_to_fix =
        "This status code is not in the official list we carry; ask the sender what it means "
        "before changing the claim.";
    return g;
  }
  std::string item = first_sentence(e->description);
  if (item.rfind("Entity's ", 0) == 0) {
    g.kind = "data";
    g.what_to_fix =
        "Correct the " + item.substr(9) + " of the entity named (" +
        (entity.empty() ? std::string("no entity code was sent") : std::string(entity)) +
        ") and send a new claim.";
    g.loop_segment = resolve_loop("{loop}", entity);
  } else if (e->description.find("At least one other status code is required") !=
             std::string::npos) {
    g.kind = "pointer";
    g.what_to_fix = "'" + item +
                    "': the other status code in the same STC names the item; fix it and send a "
                    "new claim.";
    g.loop_segment = "see the other status code";
  } else {
    g.kind = "data";
    g.what_to_fix = "Correct or add '" + item + "' on the claim, then send a new claim.";
  }
  return g;
}

namespace detail {
// 999 guidance: our meaning of an IK304 / IK403 code, and its sources.
std::string ack_meaning(std::string_view element, std::string_view code,
                        std::vector<std::string>* sources) {
  std::string key = std::string(element) + ":" + std::string(code);
  auto it = tables().ack.find(key);
  if (sources) {
    auto s = tables().ack_sources.find(key);
    if (s != tables().ack_sources.end()) *sources = s->second;
  }
  return it == tables().ack.end() ? std::string() : it->second;
}
}  // namespace detail

std::string ack_code_meaning(std::string_view element, std::string_view code) {
  return detail::ack_meaning(element, code, nullptr);
}

}  // namespace denial
