// Writers for the acknowledgments: the JSON section (docs/acknowledgments.md), the text
// memo's sections and the NDJSON rejection lines. Official text and our guidance are kept
// apart as in the 835 writers ("official" vs "guidance").
#include <sstream>

#include "denial/ack_explain.h"
#include "denial/claim_history.h"
#include "denial/query.h"
#include "report/ack_parts.h"
#include "report/json_parts.h"

namespace denial::detail {
namespace {

using nlohmann::json;

json money_or_null(const std::optional<Cents>& c) {
  return c ? json(format_cents(*c)) : json(nullptr);
}

json official(const CodeEntry* e) {
  if (!e) return nullptr;
  json j = {{"code", e->code}, {"description", e->description}};
  if (e->deactivated) j["deactivated"] = true;
  return j;
}

json name_json(const PersonName& n) {
  return {{"entity", n.entity},
          {"last", n.last},
          {"first", n.first},
          {"middle", n.middle},
          {"id_qualifier", n.id_qualifier},
          {"id", n.id}};
}

json guidance_of(const StatusGuidance& g) {
  return {{"kind", g.kind},       {"what_to_fix", g.what_to_fix}, {"loop_segment", g.loop_segment},
          {"urgency", g.urgency}, {"sources", g.sources},         {"from_table", g.from_table}};
}

json status_json(const ExplainedStatus& x) {
  const ClaimStatus& s = *x.source;
  return {{"element", s.element},
          {"category", s.category},
          {"code", s.code},
          {"entity", s.entity},
          {"category_official", official(x.category)},
          {"status_official", official(x.status)},
          {"entity_official", official(x.entity)},
          {"outcome", ack_outcome_id(x.outcome)},
          {"date", s.date},
          {"action_code", s.action},
          {"amount", money_or_null(s.amount)},
          {"guidance", guidance_of(x.guidance)},
          {"segment", s.pos.segment_no},
          {"offset", s.pos.byte_offset}};
}

json claim_json(const ExplainedAckClaim& x) {
  const AckClaim& c = *x.claim;
  json claim_statuses = json::array();
  std::vector<json> line_statuses(c.lines.size(), json::array());
  for (const ExplainedStatus& s : x.statuses) {
    if (s.line < 0)
      claim_statuses.push_back(status_json(s));
    else
      line_statuses[static_cast<std::size_t>(s.line)].push_back(status_json(s));
  }
  json lines = json::array();
  for (std::size_t i = 0; i < c.lines.size(); ++i) {
    const AckServiceLine& l = c.lines[i];
    AckOutcome worst = AckOutcome::other;
    for (const ClaimStatus& s : l.statuses) {
      AckOutcome o = outcome_of_category(s.category);
      if (o == AckOutcome::rejected || worst == AckOutcome::other) worst = o;
    }
    lines.push_back({{"procedure",
                      {{"qualifier", l.procedure.qualifier},
                       {"code", l.procedure.code},
                       {"modifiers", l.procedure.modifiers}}},
                     {"charge", format_cents(l.charge)},
                     {"revenue_code", l.revenue_code},
                     {"units", l.units},
                     {"control_number", l.control_number},
                     {"date", l.date},
                     {"outcome", ack_outcome_id(worst)},
                     {"statuses", line_statuses[i]},
                     {"segment", l.pos.segment_no},
                     {"offset", l.pos.byte_offset}});
  }
  json refs = json::array();
  for (const Reference& r : c.references)
    refs.push_back({{"qualifier", r.qualifier}, {"value", r.value}});
  return {{"patient_control_number", c.patient_control_number},
          {"payer_claim_number", c.payer_claim_number},
          {"bill_type", c.bill_type},
          {"medical_record", c.medical_record},
          {"references", refs},
          {"names", json::array({name_json(c.patient)})},
          {"billing_provider", name_json(c.provider)},
          {"service_date", c.service_date},
          {"charge", money_or_null(x.charge)},
          {"outcome", ack_outcome_id(x.outcome)},
          {"outcome_label", ack_outcome_label(x.outcome)},
          {"date", x.date},
          {"action", x.action},
          {"urgency", x.urgency},
          {"urgency_note", x.urgency_note},
          {"statuses", claim_statuses},
          {"lines", lines},
          {"segment", c.pos.segment_no},
          {"offset", c.pos.byte_offset}};
}

json claim_ack_json(const Report& r, std::size_t a) {
  const ClaimAcknowledgment& ack = r.acknowledgments.claim_acks[a];
  std::size_t file = r.acknowledgments.claim_ack_file[a];
  json levels = json::array();
  for (const AckLevel& l : ack.levels) {
    json statuses = json::array();
    for (const ExplainedStatus& s : explain_level(l)) statuses.push_back(status_json(s));
    json quantities = json::array(), amounts = json::array();
    for (const auto& q : l.quantities)
      quantities.push_back({{"qualifier", q.qualifier}, {"value", q.value}});
    for (const auto& m : l.amounts)
      amounts.push_back({{"qualifier", m.qualifier}, {"amount", format_cents(m.amount)}});
    levels.push_back({{"level", l.level},
                      {"name", name_json(l.name)},
                      {"trace", l.trace},
                      {"statuses", statuses},
                      {"quantities", quantities},
                      {"amounts", amounts},
                      {"segment", l.pos.segment_no}});
  }
  json claims = json::array();
  std::map<std::string, std::size_t> counts;
  std::size_t lines = 0;
  Cents rejected_charge = 0;
  for (const AckClaim& c : ack.claims) {
    ExplainedAckClaim x = explain_ack_claim(c, ack);
    ++counts[std::string(ack_outcome_id(x.outcome))];
    lines += c.lines.size();
    if (x.outcome == AckOutcome::rejected) rejected_charge += x.charge.value_or(0);
    claims.push_back(claim_json(x));
  }
  json summary = {{"claims", ack.claims.size()}, {"service_lines", lines}};
  for (AckOutcome o :
       {AckOutcome::accepted, AckOutcome::received, AckOutcome::forwarded, AckOutcome::rejected,
        AckOutcome::pending, AckOutcome::finalized, AckOutcome::other})
    summary[std::string(ack_outcome_id(o))] = counts[std::string(ack_outcome_id(o))];
  summary["rejected_charge"] = format_cents(rejected_charge);
  return {{"index", a},
          {"file", file},
          {"file_name", r.files[file].name},
          {"kind", "277CA"},
          {"control_number", ack.control_number},
          {"version", ack.version},
          {"interchange_control", ack.interchange_control},
          {"sender_id", ack.sender_id},
          {"receiver_id", ack.receiver_id},
          {"reference", ack.reference},
          {"date", ack.date},
          {"received_date", ack.received_date},
          {"processed_date", ack.processed_date},
          {"source", name_json(ack.source)},
          {"complete", ack.complete},
          {"summary", summary},
          {"levels", levels},
          {"claims", claims},
          {"segment", ack.pos.segment_no},
          {"offset", ack.pos.byte_offset}};
}

json impl_ack_json(const Report& r, std::size_t a) {
  const ImplementationAcknowledgment& ack = r.acknowledgments.implementation_acks[a];
  std::size_t file = r.acknowledgments.implementation_ack_file[a];
  ExplainedImplementationAck x = explain_999(ack);
  json sets = json::array();
  std::map<std::string, std::size_t> counts;
  for (const ExplainedSet& s : x.sets) {
    ++counts[std::string(set_outcome_id(s.outcome))];
    json errors = json::array();
    for (const ExplainedSegmentError& e : s.errors) {
      json elements = json::array();
      for (const ExplainedElementError& el : e.elements)
        elements.push_back({{"position", el.source->position},
                            {"reference", el.source->reference},
                            {"code", el.source->code},
                            {"official", official(el.code)},
                            {"meaning", el.meaning},
                            {"bad_value", el.source->bad_value},
                            {"context", el.source->context},
                            {"segment", el.source->pos.segment_no}});
      errors.push_back({{"segment_id", e.source->segment_id},
                        {"position", e.source->position},
                        {"loop", e.source->loop},
                        {"code", e.source->code},
                        {"official", official(e.code)},
                        {"meaning", e.meaning},
                        {"context", e.source->context},
                        {"claim_id", e.source->claim_id},
                        {"elements", elements},
                        {"segment", e.source->pos.segment_no}});
    }
    json syntax = json::array();
    for (std::size_t i = 0; i < s.set->syntax_codes.size(); ++i)
      syntax.push_back(
          {{"code", s.set->syntax_codes[i]}, {"official", official(s.syntax_codes[i])}});
    sets.push_back({{"set_id", s.set->set_id},
                    {"control_number", s.set->control_number},
                    {"version", s.set->version},
                    {"status", s.set->status},
                    {"status_official", official(s.status)},
                    {"outcome", set_outcome_id(s.outcome)},
                    {"syntax_errors", syntax},
                    {"errors", errors},
                    {"claim_ids", s.claim_ids},
                    {"meaning", s.meaning},
                    {"segment", s.set->pos.segment_no}});
  }
  json group_syntax = json::array();
  for (const std::string& c : ack.group_syntax_codes)
    group_syntax.push_back({{"code", c}, {"official", official(find_ack_code("AK905", c))}});
  json summary = {{"sets", ack.sets.size()}};
  for (SetOutcome o : {SetOutcome::accepted, SetOutcome::accepted_with_errors, SetOutcome::rejected,
                       SetOutcome::unknown})
    summary[std::string(set_outcome_id(o))] = counts[std::string(set_outcome_id(o))];
  return {{"index", a},
          {"file", file},
          {"file_name", r.files[file].name},
          {"kind", "999"},
          {"control_number", ack.control_number},
          {"version", ack.version},
          {"interchange_control", ack.interchange_control},
          {"sender_id", ack.sender_id},
          {"receiver_id", ack.receiver_id},
          {"date", ack.date},
          {"group",
           {{"functional_id", ack.group_id},
            {"control_number", ack.group_control},
            {"version", ack.group_version},
            {"status", ack.group_status},
            {"status_official", official(x.status)},
            {"outcome", set_outcome_id(x.outcome)},
            {"sets_included", ack.sets_included},
            {"sets_received", ack.sets_received},
            {"sets_accepted", ack.sets_accepted},
            {"syntax_errors", group_syntax},
            {"meaning", x.meaning}}},
          {"complete", ack.complete},
          {"summary", summary},
          {"sets", sets},
          {"segment", ack.pos.segment_no},
          {"offset", ack.pos.byte_offset}};
}

json history_json(const Report& r, const ClaimHistory& h) {
  json events = json::array();
  for (const ClaimEvent& e : h.events)
    events.push_back({{"file", e.file},
                      {"file_name", r.files[e.file].name},
                      {"kind", file_kind_id(e.kind)},
                      {"date", e.date},
                      {"event", e.event},
                      {"detail", e.detail},
                      {"rejection", e.rejection},
                      {"acknowledgment", e.ack >= 0 ? json(e.ack) : json(nullptr)},
                      {"item", e.claim >= 0 ? json(e.claim) : json(nullptr)},
                      {"row", e.row >= 0 ? json(e.row) : json(nullptr)}});
  return {{"patient_control_number", h.patient_control_number},
          {"state", h.state},
          {"needs_work", h.needs_work},
          {"events", events}};
}

std::string action_of(const RejectionItem& item) {
  if (item.kind == "rejected_set")
    return "Fix the errors and send every claim of that set again as new claims.";
  if (item.kind == "rejected_level")
    return "Fix what the status names and send every claim of that file or provider again as "
           "new claims.";
  return "Fix and send a new claim (frequency 1): it was never adjudicated.";
}

json rejection_json(const Report& r, const RejectionItem& item) {
  return {{"kind", item.kind},
          {"patient_control_number", item.patient_control_number},
          {"file", item.file},
          {"file_name", r.files[item.file].name},
          {"date", item.date},
          {"codes", item.codes},
          {"what_to_fix", item.what_to_fix},
          {"loop_segment", item.loop_segment},
          {"charge", money_or_null(item.charge)},
          {"action", action_of(item)},
          {"history", item.history >= 0 ? json(item.history) : json(nullptr)}};
}

std::string iso(const std::string& d) {
  return d.size() == 8 ? d.substr(0, 4) + "-" + d.substr(4, 2) + "-" + d.substr(6, 2) : d;
}

}  // namespace

json acknowledgments_summary_json(const Report& r) {
  std::size_t claims = 0, rejected = 0, sets = 0, rejected_sets = 0;
  for (const ClaimAcknowledgment& a : r.acknowledgments.claim_acks)
    for (const AckClaim& c : a.claims) {
      ++claims;
      rejected += explain_ack_claim(c, a).outcome == AckOutcome::rejected;
    }
  for (const ImplementationAcknowledgment& a : r.acknowledgments.implementation_acks)
    for (const SetAcknowledgment& s : a.sets) {
      ++sets;
      rejected_sets += set_outcome_of(s.status) == SetOutcome::rejected;
    }
  auto histories = claim_histories(r);
  std::size_t open = 0;
  for (const ClaimHistory& h : histories) open += h.needs_work;
  return {{"claim_acknowledgments", r.acknowledgments.claim_acks.size()},
          {"implementation_acknowledgments", r.acknowledgments.implementation_acks.size()},
          {"acknowledged_claims", claims},
          {"rejected_claims", rejected},
          {"acknowledged_sets", sets},
          {"rejected_sets", rejected_sets},
          {"rejected_not_resubmitted", open},
          {"rejections_to_work", rejection_worklist(r, histories).size()}};
}

json file_acknowledgments_json(const Report& r, std::size_t file) {
  std::size_t claims = 0, rejected = 0, sets = 0, rejected_sets = 0;
  const Acknowledgments& acks = r.acknowledgments;
  for (std::size_t a = 0; a < acks.claim_acks.size(); ++a) {
    if (acks.claim_ack_file[a] != file) continue;
    for (const AckClaim& c : acks.claim_acks[a].claims) {
      ++claims;
      rejected += explain_ack_claim(c, acks.claim_acks[a]).outcome == AckOutcome::rejected;
    }
  }
  for (std::size_t a = 0; a < acks.implementation_acks.size(); ++a) {
    if (acks.implementation_ack_file[a] != file) continue;
    for (const SetAcknowledgment& s : acks.implementation_acks[a].sets) {
      ++sets;
      rejected_sets += set_outcome_of(s.status) == SetOutcome::rejected;
    }
  }
  return {{"claims", claims},
          {"rejected_claims", rejected},
          {"sets", sets},
          {"rejected_sets", rejected_sets}};
}

void add_ack_guidance(json& j, const LookupMatch& m, std::string_view entity) {
  if (m.list == CodeList::claim_status_code) {
    j["status_guidance"] = guidance_of(status_guidance(m.entry->code, entity));
  } else if (m.list == CodeList::ack_999) {
    std::string_view code = m.entry->code;
    std::size_t colon = code.find(':');
    if (colon == std::string_view::npos) return;
    std::string meaning = ack_code_meaning(code.substr(0, colon), code.substr(colon + 1));
    if (!meaning.empty()) j["ack_meaning"] = meaning;
    j["element_name"] = m.entry->element_name;
  }
}

std::string_view entity_of(const LookupResult& r) {
  for (const LookupMatch& m : r.matches)
    if (m.list == CodeList::entity) return m.entry->code;
  return {};
}

std::string ack_guidance_text(const json& j) {
  std::string out;
  if (j.contains("status_guidance")) {
    const json& g = j["status_guidance"];
    out += "    Our guidance (" + g["urgency"].get<std::string>() +
           " urgency when rejected): " + g["what_to_fix"].get<std::string>() + "\n";
    if (!g["loop_segment"].get<std::string>().empty())
      out += "      Where in the 837: " + g["loop_segment"].get<std::string>() + "\n";
  }
  if (j.contains("element_name"))
    out += "    Element: " + j["element_name"].get<std::string>() + "\n";
  if (j.contains("ack_meaning"))
    out += "    Our reading: " + j["ack_meaning"].get<std::string>() + "\n";
  return out;
}

json acknowledgments_json(const Report& r) {
  json claim_acks = json::array(), impl_acks = json::array(), history = json::array(),
       rejections = json::array();
  for (std::size_t a = 0; a < r.acknowledgments.claim_acks.size(); ++a)
    claim_acks.push_back(claim_ack_json(r, a));
  for (std::size_t a = 0; a < r.acknowledgments.implementation_acks.size(); ++a)
    impl_acks.push_back(impl_ack_json(r, a));
  auto histories = claim_histories(r);
  for (const ClaimHistory& h : histories) history.push_back(history_json(r, h));
  for (const RejectionItem& item : rejection_worklist(r, histories))
    rejections.push_back(rejection_json(r, item));
  return {{"summary", acknowledgments_summary_json(r)},
          {"claim_acknowledgments", claim_acks},
          {"implementation_acknowledgments", impl_acks},
          {"claim_history", history},
          {"rejections", rejections}};
}

std::string rejections_ndjson(const Report& r, bool mask) {
  if (r.acknowledgments.empty()) return {};
  std::string out;
  auto histories = claim_histories(r);
  for (const RejectionItem& item : rejection_worklist(r, histories)) {
    json j = rejection_json(r, item);
    j["record"] = item.kind;
    if (item.history >= 0) j["claim_history"] = history_json(r, histories[item.history]);
    if (item.kind == "rejected_not_resubmitted" && item.ack >= 0 &&
        item.source == FileKind::claim_ack_277ca) {
      const ClaimAcknowledgment& ack = r.acknowledgments.claim_acks[item.ack];
      j["claim"] = claim_json(explain_ack_claim(ack.claims[item.claim], ack));
    }
    if (mask) mask_claim_json(j);
    out += dump(j, -1) + "\n";
  }
  return out;
}

std::string acknowledgments_text(const Report& r, bool mask) {
  if (r.acknowledgments.empty()) return {};
  std::ostringstream o;
  auto pcn = [&](const std::string& id) { return mask ? mask_id(id) : id; };
  auto person = [&](const PersonName& n) {
    if (mask) return std::string("[masked]");
    std::string s = n.last;
    if (!n.first.empty()) s += ", " + n.first;
    return s;
  };
  for (std::size_t a = 0; a < r.acknowledgments.claim_acks.size(); ++a) {
    const ClaimAcknowledgment& ack = r.acknowledgments.claim_acks[a];
    o << "\nCLAIM ACKNOWLEDGMENT (277CA) " << (a + 1) << ": "
      << r.files[r.acknowledgments.claim_ack_file[a]].name << ", from "
      << (ack.source.last.empty() ? "(sender not named)" : ack.source.last)
      << (ack.date.empty() ? "" : " on " + iso(ack.date)) << "\n";
    for (const AckLevel& l : ack.levels)
      for (const ExplainedStatus& s : explain_level(l))
        o << "  " << (l.level == "2200B" ? "File" : "Provider") << " level: " << s.source->category
          << ":" << s.source->code << (s.source->entity.empty() ? "" : ":" + s.source->entity)
          << " " << (s.category ? s.category->description : "(category not in the official list)")
          << "\n";
    if (ack.claims.empty()) o << "  No claim-level statuses in this acknowledgment.\n";
    for (const AckClaim& c : ack.claims) {
      ExplainedAckClaim x = explain_ack_claim(c, ack);
      o << "  Claim " << pcn(c.patient_control_number) << " (" << person(c.patient) << ")"
        << (x.charge ? " " + format_cents(*x.charge) : "") << ": " << ack_outcome_label(x.outcome)
        << (x.date.empty() ? "" : " on " + iso(x.date))
        << (c.payer_claim_number.empty() ? "" : ", payer claim " + c.payer_claim_number) << "\n";
      for (const ExplainedStatus& s : x.statuses) {
        o << "    " << (s.line >= 0 ? "Line " + std::to_string(s.line + 1) + " " : "")
          << s.source->category << ":" << s.source->code
          << (s.source->entity.empty() ? "" : ":" + s.source->entity) << "\n";
        o << "      Official: " << (s.category ? s.category->description : "category unknown")
          << " | " << (s.status ? s.status->description : "status code unknown");
        if (s.entity) o << " | Entity: " << s.entity->description;
        o << "\n";
        if (x.outcome == AckOutcome::rejected && s.guidance.kind != "info")
          o << "      Our guidance: " << s.guidance.what_to_fix
            << (s.guidance.loop_segment.empty() ? "" : " [837: " + s.guidance.loop_segment + "]")
            << "\n";
      }
      o << "    Next: " << x.action << "\n";
      if (!x.urgency_note.empty()) o << "    Urgent: " << x.urgency_note << "\n";
    }
  }
  for (std::size_t a = 0; a < r.acknowledgments.implementation_acks.size(); ++a) {
    const ImplementationAcknowledgment& ack = r.acknowledgments.implementation_acks[a];
    ExplainedImplementationAck x = explain_999(ack);
    o << "\nIMPLEMENTATION ACKNOWLEDGMENT (999) " << (a + 1) << ": "
      << r.files[r.acknowledgments.implementation_ack_file[a]].name << ", group "
      << ack.group_control << " (" << ack.group_id << "): " << set_outcome_id(x.outcome) << "\n";
    o << "  " << x.meaning << "\n";
    for (const ExplainedSet& s : x.sets) {
      o << "  Set " << s.set->set_id << " " << s.set->control_number << ": "
        << set_outcome_id(s.outcome) << ". " << s.meaning << "\n";
      for (const ExplainedSegmentError& e : s.errors) {
        o << "    Segment " << e.source->segment_id << " at position " << e.source->position
          << (e.source->loop.empty() ? "" : " in loop " + e.source->loop) << ": "
          << (e.code ? e.code->description : "code " + e.source->code + " unknown")
          << (e.source->claim_id.empty() ? "" : " (claim " + pcn(e.source->claim_id) + ")") << "\n";
        if (!e.meaning.empty()) o << "      Our reading: " << e.meaning << "\n";
        for (const std::string& ctx : e.source->context) o << "      Context: " << ctx << "\n";
        for (const ExplainedElementError& el : e.elements)
          o << "      Element " << el.source->position
            << (el.source->reference.empty() ? "" : " (element " + el.source->reference + ")")
            << ": " << (el.code ? el.code->description : "code " + el.source->code + " unknown")
            << (el.source->bad_value.empty() ? "" : ", bad value '" + el.source->bad_value + "'")
            << (el.meaning.empty() ? "" : ". " + el.meaning) << "\n";
      }
    }
  }
  auto histories = claim_histories(r);
  auto work = rejection_worklist(r, histories);
  o << "\nREJECTIONS TO WORK (" << work.size() << ")\n";
  if (work.empty()) o << "  No rejected claim is waiting to be resent.\n";
  for (const RejectionItem& item : work) {
    if (item.kind == "rejected_set")
      o << "  - 999 set rejected (" << r.files[item.file].name << "): " << item.what_to_fix << "\n";
    else if (item.kind == "rejected_level")
      o << "  - 277CA rejection above claim level (" << r.files[item.file].name << ") ["
        << item.codes << "]: " << item.what_to_fix
        << (item.loop_segment.empty() ? "" : " [837: " + item.loop_segment + "]") << "\n";
    else
      o << "  - " << pcn(item.patient_control_number) << ": rejected"
        << (item.date.empty() ? "" : " on " + iso(item.date)) << " [" << item.codes
        << "], not resubmitted. " << item.what_to_fix
        << (item.loop_segment.empty() ? "" : " [837: " + item.loop_segment + "]") << "\n";
  }
  bool any_history = false;
  for (const ClaimHistory& h : histories) any_history |= h.events.size() > 1;
  if (any_history) {
    o << "\nCLAIM HISTORY ACROSS FILES\n";
    for (const ClaimHistory& h : histories) {
      if (h.events.size() < 2) continue;
      o << "  " << pcn(h.patient_control_number) << " (" << h.state << "):";
      for (const ClaimEvent& e : h.events)
        o << " " << file_kind_id(e.kind) << " " << e.event
          << (e.date.empty() ? "" : " " + iso(e.date)) << ";";
      o << "\n";
    }
  }
  return o.str();
}

}  // namespace denial::detail
