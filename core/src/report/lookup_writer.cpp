// Lookup/search answers: official text (labelled with list and release) and, for CARCs and
// RARCs, our guidance under it.
#include <nlohmann/json.hpp>
#include <sstream>

#include "denial/guidance.h"
#include "denial/lookup_json.h"
#include "report/ack_parts.h"
#include "report/json_parts.h"

namespace denial {
namespace {

using nlohmann::json;

// Source ids resolved to who published what, for a reader who has no sources list at hand.
json source_details(const json& ids) {
  json a = json::array();
  for (const auto& id : ids) {
    const SourceInfo* s = find_source(id.get<std::string>());
    if (s)
      a.push_back({{"id", s->id},
                   {"publisher", s->publisher},
                   {"title", s->title},
                   {"citation", s->citation}});
  }
  return a;
}

json deactivated_json(const DeactivatedCarc& d) {
  json ids = json::array();
  for (std::string_view id : d.sources) ids.push_back(std::string(id));
  return {{"source", "Denial Explainer guidance (not official text)"},
          {"meant", d.meant},
          {"replaced_by", d.replaced_by},
          {"note", d.note},
          {"sources", ids},
          {"source_details", source_details(ids)}};
}

json match_json(const LookupMatch& m, std::string_view entity = {}) {
  const CodeListInfo& info = code_list_info(m.list);
  json j = {{"list", info.id},
            {"list_name", info.name},
            {"release", info.release},
            {"code", m.entry->code},
            {"description", m.entry->description},
            {"start_date", m.entry->start_date},
            {"last_modified", m.entry->last_modified},
            {"stop_date", m.entry->stop_date},
            {"deactivated", m.entry->deactivated}};
  if (!m.entry->definition.empty()) j["definition"] = m.entry->definition;
  if (!m.group.empty()) j["group"] = m.group;
  // The same guidance objects as in the report, so the page renders both alike.
  if (m.list == CodeList::carc) {
    std::string group = m.group.empty() ? "CO" : m.group;
    j["guidance"] = detail::guidance_json(guidance_for(group, m.entry->code));
    j["guidance"]["as_group"] = group;
    j["guidance"]["source_details"] = source_details(j["guidance"]["sources"]);
    if (const DeactivatedCarc* d = deactivated_carc(m.entry->code))
      j["deactivated_guidance"] = deactivated_json(*d);
  } else if (m.list == CodeList::rarc) {
    j["guidance"] = detail::remark_guidance_json(remark_guidance(m.entry->code));
    j["guidance"]["source_details"] = source_details(j["guidance"]["sources"]);
  }
  detail::add_ack_guidance(j, m, entity);
  return j;
}

json lookup_object(std::string_view query) {
  LookupResult r = lookup_code(query);
  json matches = json::array();
  for (const auto& m : r.matches) matches.push_back(match_json(m, detail::entity_of(r)));
  return {{"query", r.query},   {"code", r.code},       {"group", r.group},
          {"matches", matches}, {"message", r.message}, {"found", !r.matches.empty()}};
}

}  // namespace

std::string lookup_json(std::string_view query) { return detail::dump(lookup_object(query), -1); }

std::string lookup_text(const LookupResult& r) {
  std::ostringstream o;
  o << r.query << "\n";
  if (!r.message.empty()) o << "  " << r.message << "\n";
  for (const auto& m : r.matches) {
    json j = match_json(m, detail::entity_of(r));
    const CodeListInfo& info = code_list_info(m.list);
    o << "  " << info.name << " " << m.entry->code
      << (m.entry->deactivated
              ? " (deactivated" +
                    (m.entry->stop_date.empty() ? std::string(")") : " " + m.entry->stop_date + ")")
              : "")
      << "\n";
    // Our place-of-service copy is a partial list, not a release.
    o << "    Official (" << info.id
      << (info.release == "partial" ? std::string(", partial list")
                                    : ", release " + std::string(info.release))
      << "): " << m.entry->description << "\n";
    if (j.contains("guidance")) {
      const json& g = j["guidance"];
      o << "    Our guidance";
      if (g.contains("as_group")) o << " (as " << g["as_group"].get<std::string>() << ")";
      o << ":";
      if (g.contains("kind"))
        o << " " << g["kind"].get<std::string>() << ", " << g["category_label"].get<std::string>()
          << "; " << g["action_label"].get<std::string>()
          << "; appealable: " << g["appealable"].get<std::string>() << ".";
      if (g.contains("effect")) o << " effect " << g["effect"].get<std::string>() << ".";
      o << "\n";
      if (g.contains("group_note")) o << "      " << g["group_note"].get<std::string>() << "\n";
      if (g.contains("plain")) o << "      " << g["plain"].get<std::string>() << "\n";
      if (g.contains("steps"))
        for (const auto& s : g["steps"]) o << "      - " << s.get<std::string>() << "\n";
      if (g.contains("note")) o << "      " << g["note"].get<std::string>() << "\n";
      if (g.contains("variants")) {
        const json& v = g["variants"];
        if (v.contains("medicare"))
          o << "      Medicare: " << v["medicare"].get<std::string>() << "\n";
        if (v.contains("commercial"))
          o << "      Commercial: " << v["commercial"].get<std::string>() << "\n";
      }
      for (const auto& s : g.value("source_details", json::array()))
        o << "      Source: " << s["publisher"].get<std::string>() << ", "
          << s["title"].get<std::string>() << " (" << s["citation"].get<std::string>() << ")\n";
    }
    if (j.contains("deactivated_guidance")) {
      const json& d = j["deactivated_guidance"];
      o << "    What it meant (ours): " << d["meant"].get<std::string>() << "\n";
      if (!d["replaced_by"].empty()) {
        o << "      Read it as CARC";
        for (const auto& c : d["replaced_by"]) o << " " << c.get<std::string>();
        o << "\n";
      }
      o << "      " << d["note"].get<std::string>() << "\n";
    }
    o << detail::ack_guidance_text(j);
  }
  return o.str();
}

std::string search_json(std::string_view query, std::size_t limit) {
  json hits = json::array();
  for (const SearchHit& h : search_codes(query, limit)) {
    const CodeListInfo& info = code_list_info(h.list);
    hits.push_back({{"list", info.id},
                    {"code", h.entry->code},
                    {"description", h.entry->description},
                    {"deactivated", h.entry->deactivated},
                    {"score", h.score}});
  }
  return detail::dump({{"query", std::string(query)}, {"hits", hits}}, -1);
}

std::string search_text(std::string_view query, std::size_t limit) {
  std::ostringstream o;
  auto hits = search_codes(query, limit);
  if (hits.empty()) o << "No official code description matches '" << query << "'.\n";
  for (const SearchHit& h : hits) {
    std::string d = h.entry->description;
    if (d.size() > 110) d = d.substr(0, 107) + "...";
    o << code_list_info(h.list).id << " " << h.entry->code
      << (h.entry->deactivated ? " (deactivated)" : "") << ": " << d << "\n";
  }
  return o.str();
}

}  // namespace denial
