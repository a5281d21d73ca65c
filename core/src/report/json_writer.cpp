// The JSON report (docs/report-schema.md). Amounts are decimal strings with two places;
// official text and our guidance sit in separate, labelled objects.
#include <cstdint>
#include <nlohmann/json.hpp>

#include "denial/report.h"
#include "explain/helpers.h"
#include "report/ack_parts.h"
#include "report/json_out.h"
#include "report/json_parts.h"

namespace denial {
namespace detail {

using nlohmann::json;

json money(Cents c) { return format_cents(c); }

json pos_json(const SourcePos& p) { return {{"segment", p.segment_no}, {"offset", p.byte_offset}}; }

json official(CodeList list, const CodeEntry* e) {
  if (!e) return nullptr;
  const CodeListInfo& info = code_list_info(list);
  json j = {{"code", e->code},
            {"description", e->description},
            {"list", info.id},
            {"list_name", info.name},
            {"release", info.release}};
  if (!e->start_date.empty()) j["start_date"] = e->start_date;
  if (!e->stop_date.empty()) j["stop_date"] = e->stop_date;
  if (e->deactivated) j["deactivated"] = true;
  return j;
}

json sources_json(const std::vector<std::string_view>& ids) {
  json a = json::array();
  for (std::string_view id : ids) a.push_back(std::string(id));
  return a;
}

json date_or_null(const std::optional<Days>& d) { return d ? json(iso_date(*d)) : json(nullptr); }

json action_json(const NextAction& n) {
  json j = {{"action", action_id(n.action)},
            {"label", std::string(n.label.empty() ? action_label(n.action) : n.label)},
            {"amount", money(n.amount)},
            {"bucket", bucket_id(bucket_of(n.action))},
            {"reasons", n.reasons},
            {"act_by", date_or_null(n.deadline.act_by)},
            {"deadline_owner",
             n.deadline.owner.empty() ? json(nullptr) : json(std::string(n.deadline.owner))},
            {"deadline_rule", n.deadline.rule.empty() ? json(nullptr) : json(n.deadline.rule)},
            {"deadline_passed", n.deadline.passed},
            {"rule", std::string(n.rule)},
            {"sources", sources_json(n.sources)}};
  j["note"] = n.note.empty() ? json(nullptr) : json(n.note);
  if (!n.rule_family.empty()) j["rule_family"] = std::string(n.rule_family);
  return j;
}

constexpr const char* kGuidanceSource = "Denial Explainer guidance (not official text)";

json guidance_json(const AdjustmentGuidance& g, Channel channel, bool with_texts) {
  json j = {{"known", g.known},
            {"category", category_id(g.category)},
            {"category_label", category_label(g.category)},
            {"kind", kind_id(g.kind)},
            {"action", action_id(g.action)},
            {"action_label", action_label(g.action, channel)},
            {"appealable", appealable_id(g.appealable)}};
  if (with_texts) {
    j["source"] = kGuidanceSource;
    if (!g.group_note.empty()) j["group_note"] = std::string(g.group_note);
    if (g.detail) {
      j["plain"] = g.detail->plain;
      j["steps"] = g.detail->steps;
      j["appeal_attachments"] = g.detail->appeal_attachments;
      // Medicare / commercial practice, each only where the data has it (13: Medicare only).
      if (!g.detail->variant_medicare.empty())
        j["variants"]["medicare"] = g.detail->variant_medicare;
      if (!g.detail->variant_commercial.empty())
        j["variants"]["commercial"] = g.detail->variant_commercial;
    }
  }
  if (!g.remark_notes.empty()) j["remark_notes"] = g.remark_notes;
  j["rule"] = std::string(g.rule);
  if (!g.rule_family.empty()) j["rule_family"] = std::string(g.rule_family);
  if (!g.rule_note.empty()) j["rule_note"] = std::string(g.rule_note);
  j["sources"] = sources_json(g.sources);
  return j;
}

json remark_guidance_json(const RemarkGuidance& g) {
  json j = {{"source", kGuidanceSource},
            {"effect", remark_effect_id(g.effect)},
            {"from_description_rule", g.from_rule}};
  if (g.action_override) {
    j["action"] = action_id(g.action);
    j["action_label"] = action_label(g.action);
  }
  if (!g.note.empty()) j["note"] = g.note;
  j["sources"] = sources_json(g.sources);
  return j;
}

// Everything the guidance of one use of a code depends on, as a string: uses with the same
// signature share one `codes` entry.
std::string guidance_signature(const std::string& code, const ExplainedAdjustment& a,
                               Channel channel) {
  const AdjustmentGuidance& g = a.guidance;
  std::string s = code;
  auto add = [&s](std::string_view v) {
    s += '\x1f';
    s += v;
  };
  add(g.known ? "1" : "0");
  add(category_id(g.category));
  add(kind_id(g.kind));
  add(action_id(g.action));
  add(action_label(g.action, channel));
  add(appealable_id(g.appealable));
  add(g.rule);
  add(g.rule_note);
  add(g.group_note);
  for (const auto& n : g.remark_notes) add(n);
  s += '\x1e';
  for (std::string_view id : g.sources) add(id);
  s += '\x1e';
  if (a.late_route) add(action_id(*a.late_route));
  return s;
}

// The same facts as guidance_signature, by identity: the rule, notes and source ids are
// views of the loaded guidance tables (static data), so the same view means the same text.
// Short and cheap to build and hash, where the signature copies every note per use.
// Written into `s` (cleared; a caller's reused string: no allocation per use).
void guidance_identity(std::string& s, const std::string& code, const ExplainedAdjustment& a,
                       Channel channel) {
  const AdjustmentGuidance& g = a.guidance;
  s.clear();
  Out o(s);  // inline appends: a use's identity is a score of small pieces
  auto put = [&o](const auto& v) { o.append(reinterpret_cast<const char*>(&v), sizeof v); };
  auto put_text = [&](std::string_view v) {
    put(v.size());
    o += v;
  };
  auto put_view = [&](std::string_view v) {
    put(v.data());
    put(v.size());
  };
  put_text(code);
  put(g.known), put(g.category), put(g.kind), put(g.action), put(channel), put(g.appealable);
  put(a.late_route.has_value()), put(a.late_route.value_or(Action::no_action));
  put_view(g.rule), put_view(g.rule_note), put_view(g.group_note);
  put(g.sources.size());
  for (std::string_view id : g.sources) put_view(id);
  for (const std::string& n : g.remark_notes) put_text(n);  // built per claim: by value
}

const std::string& adjustment_key(const ExplainedAdjustment& a, Channel channel, CodeTexts& codes) {
  std::string code = adjustment_code(*a.source);
  // Equal identities have equal signatures; the first use of an identity looks its
  // signature up, so texts that are equal but stored twice still share one key.
  thread_local std::string identity;
  guidance_identity(identity, code, a, channel);
  auto found = codes.key_by_identity.find(identity);
  if (found != codes.key_by_identity.end()) return *found->second;
  const std::string& key =
      variant_key(codes.key_of, codes.variants, codes.entries, guidance_signature(code, a, channel),
                  code, [&] { return adjustment_entry(a, channel); });
  codes.key_by_identity[identity] = &key;
  return key;
}

json adjustment_entry(const ExplainedAdjustment& a, Channel channel) {
  json g = guidance_json(a.guidance, channel, true);
  if (a.late_route) g["late_route"] = action_id(*a.late_route);
  return {{"group_official", official(CodeList::group, a.group)},
          {"official", official(CodeList::carc, a.carc)},
          {"guidance", std::move(g)}};
}

json adjustment_json(const ExplainedAdjustment& a, Channel channel, CodeTexts* codes) {
  const Adjustment& s = *a.source;
  std::string code = adjustment_code(s);
  json j = {{"level", a.line < 0 ? "claim" : "line"},
            {"group", s.group},
            {"reason", s.reason},
            {"amount", money(s.amount)},
            {"quantity", s.quantity},
            {"validity", validity_name(a.validity)},
            {"segment", s.pos.segment_no},
            {"offset", s.pos.byte_offset}};
  if (codes) {
    j["codes_key"] = adjustment_key(a, channel, *codes);
  } else {
    json g = guidance_json(a.guidance, channel, true);
    if (a.late_route) g["late_route"] = action_id(*a.late_route);
    j["group_official"] = official(CodeList::group, a.group);
    j["official"] = official(CodeList::carc, a.carc);
    j["guidance"] = std::move(g);
  }
  j["code"] = std::move(code);
  if (a.line >= 0) j["line"] = a.line;
  return j;
}

// Key of a remark's texts in `codes`: the code for RARCs, "RX:code" for NCPDP reject codes.
std::string remark_key(const Remark& r) {
  return r.qualifier == "HE" || r.qualifier.empty() ? r.code : r.qualifier + ":" + r.code;
}

std::string remark_codes_key(const ExplainedRemark& r, CodeTexts& codes) {
  std::string key = remark_key(*r.source);
  if (!codes.entries.contains(key)) codes.entries[key] = remark_entry(r);
  return key;
}

json remark_entry(const ExplainedRemark& r) {
  return {{"official", official(CodeList::rarc, r.rarc)},
          {"guidance", remark_guidance_json(r.guidance)}};
}

json remark_json(const ExplainedRemark& r, CodeTexts* codes) {
  json j = {{"code", r.source->code},
            {"source", r.source->source},
            {"qualifier", r.source->qualifier},
            {"validity", validity_name(r.validity)},
            {"segment", r.source->pos.segment_no},
            {"offset", r.source->pos.byte_offset}};
  if (codes) {
    j["codes_key"] = remark_codes_key(r, *codes);
  } else {
    j["official"] = official(CodeList::rarc, r.rarc);
    j["guidance"] = remark_guidance_json(r.guidance);
  }
  if (r.line >= 0) j["line"] = r.line;
  return j;
}

json procedure_json(const Procedure& p) {
  return {{"qualifier", p.qualifier},
          {"code", p.code},
          {"modifiers", p.modifiers},
          {"description", p.description}};
}

json refs_json(const std::vector<Reference>& refs) {
  json a = json::array();
  for (const auto& r : refs) a.push_back({{"qualifier", r.qualifier}, {"value", r.value}});
  return a;
}

json dates_json(const std::vector<DateValue>& dates) {
  json a = json::array();
  for (const auto& d : dates) a.push_back({{"qualifier", d.qualifier}, {"date", d.date}});
  return a;
}

json amounts_json(const std::vector<AmountValue>& v) {
  json a = json::array();
  for (const auto& x : v) a.push_back({{"qualifier", x.qualifier}, {"amount", money(x.amount)}});
  return a;
}

json names_json(const std::vector<PersonName>& names) {
  json a = json::array();
  for (const auto& n : names)
    a.push_back({{"entity", n.entity},
                 {"last", n.last},
                 {"first", n.first},
                 {"middle", n.middle},
                 {"id_qualifier", n.id_qualifier},
                 {"id", n.id}});
  return a;
}

json line_json(const ServiceLine& l, std::size_t index, const ExplainedClaim& x, CodeTexts* codes) {
  json adjustments = json::array(), remarks = json::array();
  for (const auto& a : x.adjustments)
    if (a.line == static_cast<std::ptrdiff_t>(index))
      adjustments.push_back(adjustment_json(a, x.channel, codes));
  for (const auto& r : x.remarks)
    if (r.line == static_cast<std::ptrdiff_t>(index)) remarks.push_back(remark_json(r, codes));
  json j = {{"index", index},
            {"procedure", procedure_json(l.procedure)},
            {"charge", money(l.charge)},
            {"paid", money(l.paid)},
            {"revenue_code", l.revenue_code},
            {"units_paid", l.units_paid},
            {"units_submitted", l.units_submitted},
            {"control_number", l.control_number},
            {"dates", dates_json(l.dates)},
            {"references", refs_json(l.references)},
            {"amounts", amounts_json(l.amounts)},
            {"segment", l.pos.segment_no},
            {"offset", l.pos.byte_offset},
            {"last_segment", l.last_segment_no}};
  j["submitted_procedure"] = l.submitted ? procedure_json(*l.submitted) : json(nullptr);
  // Moved in, not listed above: an initializer list copies every nested value.
  j["adjustments"] = std::move(adjustments);
  j["remarks"] = std::move(remarks);
  return j;
}

// The compact claim of the report (schema 3.0, docs/report-schema.md "Compact claims"):
// what a reader can tell without being told is left out. Names stay whole: masking finds a
// person's NM1 by its fields.
bool is_default(const json& v) {
  return v.is_null() || (v.is_boolean() && !v.get<bool>()) ||
         (v.is_string() && v.get_ref<const std::string&>().empty()) || (v.is_array() && v.empty());
}

void drop_defaults(json& object) {
  for (auto it = object.begin(); it != object.end();)
    it = is_default(*it) ? object.erase(it) : std::next(it);
}

void drop_zero_money(json& object, std::initializer_list<const char*> keys) {
  for (const char* k : keys) {
    auto it = object.find(k);
    if (it != object.end() && *it == "0.00") object.erase(it);
  }
}

// [{qualifier, date|value|amount}] -> [[qualifier, date|value|amount]].
void to_pairs(json& list, const char* value_key) {
  if (!list.is_array()) return;
  for (auto& item : list) item = json::array({item["qualifier"], item[value_key]});
}

// An adjustment's level and line are where it sits, its code is group-reason, its codes_key
// that code unless a variant ("CO-45#2"); a remark's codes_key is its code ("RX:code" for
// NCPDP rejects).
void compact_adjustment(json& a) {
  a.erase("level");
  a.erase("line");
  if (a["codes_key"] == a["code"]) a.erase("codes_key");
  a.erase("code");
  if (a["validity"] == "valid") a.erase("validity");
  drop_defaults(a);
}

void compact_remark(json& r) {
  r.erase("line");
  r.erase("codes_key");
  if (r["validity"] == "valid") r.erase("validity");
  drop_defaults(r);
}

// An action's texts (label, bucket, rule, sources, deadline rule) go to the report's
// `action_texts` once; the claim keeps its amount, reasons, date, deadline owner and note.
void compact_action(json& a, const NextAction& n, CodeTexts& codes) {
  for (const char* k : {"label", "bucket", "rule", "rule_family", "sources", "deadline_rule"})
    a.erase(k);
  const std::string& key = action_key(n, codes);
  if (key != action_id(n.action)) a["texts_key"] = key;
  drop_defaults(a);
}

void compact_line(json& l) {
  for (auto& a : l["adjustments"]) compact_adjustment(a);
  for (auto& r : l["remarks"]) compact_remark(r);
  for (const char* k : {"procedure", "submitted_procedure"})
    if (l[k].is_object()) drop_defaults(l[k]);
  // The line control number is its (last) REF*6R.
  std::string six_r;
  for (const auto& ref : l["references"])
    if (ref["qualifier"] == "6R") six_r = ref["value"];
  if (l["control_number"] == six_r) l.erase("control_number");
  l.erase("index");
  to_pairs(l["dates"], "date");
  to_pairs(l["references"], "value");
  to_pairs(l["amounts"], "amount");
  drop_defaults(l);
}

void compact_claim(json& c, const ExplainedClaim& x, CodeTexts& codes) {
  for (std::size_t i = 0; i < x.actions.size(); ++i)
    compact_action(c["actions"][i], x.actions[i], codes);
  for (auto& a : c["adjustments"]) compact_adjustment(a);
  for (auto& r : c["remarks"]) compact_remark(r);
  for (auto& l : c["lines"]) compact_line(l);
  drop_zero_money(c, {"unaccounted"});
  // index and transaction are where the claim sits; its status text is "CLP02:" + status.
  // The drafts (appeal letter, corrected-claim checklist, patient explanation) are prose
  // rebuilt from the claim:
  // they are in the expanded form (Session.claim, NDJSON, --inline-texts), not here. The
  // outcome's label is in the report's outcome_labels.
  for (const char* k : {"index", "transaction", "status_codes_key", "outcome_label",
                        "appeal_letter", "corrected_claim_checklist"})
    c.erase(k);
  to_pairs(c["dates"], "date");
  to_pairs(c["references"], "value");
  to_pairs(c["amounts"], "amount");
  json names = std::move(c["names"]);
  std::string patient = c["patient_name"], pcn = c["patient_control_number"];
  drop_defaults(c);
  if (!names.empty()) c["names"] = std::move(names);
  c["patient_name"] = std::move(patient);
  c["patient_control_number"] = std::move(pcn);
}

std::string status_codes_key(const ExplainedClaim& x, CodeTexts& codes) {
  std::string key = "CLP02:" + x.claim->status;
  if (!codes.entries.contains(key)) codes.entries[key] = status_entry(x);
  return key;
}

json status_entry(const ExplainedClaim& x) {
  return {{"official", official(CodeList::claim_status, x.status)}};
}

std::string action_signature(const NextAction& n) {
  const std::string_view id = action_id(n.action);
  const std::string_view label = n.label.empty() ? action_label(n.action) : n.label;
  std::string signature;
  {
    Out o(signature);  // inline appends, as guidance_identity
    o += id;
    for (std::string_view v :
         {label, bucket_id(bucket_of(n.action)), std::string_view(n.rule),
          std::string_view(n.rule_family), std::string_view(n.deadline.rule)}) {
      o += '\x1f';
      o += v;
    }
    o += '\x1e';
    for (std::string_view source : n.sources) {
      o += source;
      o += '\x1f';
    }
  }
  return signature;
}

json action_entry(const NextAction& n) {
  const std::string_view label = n.label.empty() ? action_label(n.action) : n.label;
  json texts = {{"label", std::string(label)},
                {"bucket", bucket_id(bucket_of(n.action))},
                {"rule", std::string(n.rule)}};
  if (!n.rule_family.empty()) texts["rule_family"] = std::string(n.rule_family);
  if (!n.sources.empty()) texts["sources"] = sources_json(n.sources);
  if (!n.deadline.rule.empty()) texts["deadline_rule"] = n.deadline.rule;
  return texts;
}

const std::string& action_key(const NextAction& n, CodeTexts& codes) {
  return variant_key(codes.action_key_of, codes.action_variants, codes.actions, action_signature(n),
                     std::string(action_id(n.action)), [&] { return action_entry(n); });
}

json claim_json(const ExplainedClaim& x, CodeTexts* codes) {
  const Claim& c = *x.claim;
  json actions = json::array();
  for (const NextAction& n : x.actions) actions.push_back(action_json(n));
  json adjustments = json::array(), remarks = json::array(), lines = json::array();
  for (const auto& a : x.adjustments)
    if (a.line < 0) adjustments.push_back(adjustment_json(a, x.channel, codes));
  for (const auto& r : x.remarks)
    if (r.line < 0) remarks.push_back(remark_json(r, codes));
  for (std::size_t i = 0; i < c.lines.size(); ++i)
    lines.push_back(line_json(c.lines[i], i, x, codes));
  json j = {{"transaction", x.transaction},
            {"index", x.index},
            {"patient_control_number", c.patient_control_number},
            {"status", c.status},
            {"charge", money(c.charge)},
            {"paid", money(c.paid)},
            {"patient_responsibility",
             c.patient_responsibility ? money(*c.patient_responsibility) : json(nullptr)},
            {"filing_indicator", c.filing_indicator},
            {"payer_claim_number", c.payer_claim_number},
            {"facility_type", c.facility_type},
            {"frequency", c.frequency},
            {"drg", c.drg},
            {"patient_name", patient_name(c)},
            {"names", names_json(c.names)},
            {"dates", dates_json(c.dates)},
            {"references", refs_json(c.references)},
            {"amounts", amounts_json(c.amounts)},
            {"outcome", outcome_id(x.outcome)},
            {"outcome_label", outcome_label(x.outcome)},
            {"channel", channel_id(x.channel)},
            {"flags", x.flags},
            {"unaccounted", money(x.unaccounted)},
            {"money",
             {{"recoverable", money(x.money.recoverable)},
              {"patient", money(x.money.patient)},
              {"write_off", money(x.money.write_off)},
              {"other", money(x.money.other)},
              {"denied", money(x.money.denied)}}},
            {"remit_date", x.remit_date},
            {"segment", c.pos.segment_no},
            {"offset", c.pos.byte_offset},
            {"last_segment", c.last_segment_no},
            {"end_offset", c.end_offset}};
  // Moved in, not listed above: an initializer list copies every nested value.
  j["actions"] = std::move(actions);
  j["adjustments"] = std::move(adjustments);
  j["remarks"] = std::move(remarks);
  j["lines"] = std::move(lines);
  if (codes) {
    j["status_codes_key"] = status_codes_key(x, *codes);
  } else {
    j["status_official"] = official(CodeList::claim_status, x.status);
  }
  if (x.paired_with) {
    j["reversal_pair"] = {{"other_claim", *x.paired_with},
                          {"net_paid", money(*x.net_paid_with_pair)}};
  }
  j["appeal_letter"] = x.appeal_letter.empty() ? json(nullptr) : json(x.appeal_letter);
  j["corrected_claim_checklist"] = x.corrected_claim_checklist;
  if (codes)
    compact_claim(j, x, *codes);
  else
    add_patient_explanation(j, x);
  return j;
}

json party_json(const Party& p) {
  return {{"entity", p.entity},
          {"name", p.name},
          {"id_qualifier", p.id_qualifier},
          {"id", p.id},
          {"address", p.address},
          {"city", p.city},
          {"state", p.state},
          {"zip", p.zip},
          {"references", refs_json(p.references)},
          {"contacts", p.contacts}};
}

json diagnostic_json(const Diagnostic& d) {
  return {{"severity", severity_name(d.severity)},
          {"code", errc_name(d.code)},
          {"segment", d.segment_no},
          {"offset", d.byte_offset},
          {"path", d.path},
          {"message", d.message}};
}

json balance_json(const BalanceFinding& b) {
  json j = {{"level", balance_level_name(b.level)}, {"rule", b.rule},
            {"expected", money(b.expected)},        {"actual", money(b.actual)},
            {"difference", money(b.difference)},    {"transaction", b.transaction},
            {"segment", b.pos.segment_no},          {"offset", b.pos.byte_offset}};
  j["claim"] = b.claim >= 0 ? json(b.claim) : json(nullptr);
  j["line"] = b.line >= 0 ? json(b.line) : json(nullptr);
  return j;
}

json provider_adjustment_json(const ProviderAdjustment& p) {
  return {{"provider_id", p.provider_id},
          {"fiscal_period", p.fiscal_period},
          {"reason", p.reason},
          {"reference", p.reference},
          {"amount", money(p.amount)},
          {"official", official(CodeList::plb_reason, find_code(CodeList::plb_reason, p.reason))},
          {"direction", p.amount > 0   ? "withheld from this payment"
                        : p.amount < 0 ? "added to this payment"
                                       : "none"},
          {"segment", p.pos.segment_no},
          {"offset", p.pos.byte_offset}};
}

json transaction_json(const Report& r, std::size_t t, bool with_claims) {
  const Transaction& tx = r.transactions[t];
  const Payment& p = tx.payment;
  json pay = {{"handling", p.handling},
              {"amount", money(p.amount)},
              {"credit_debit", p.credit_debit},
              {"method", p.method},
              {"method_official",
               official(CodeList::payment_method, find_code(CodeList::payment_method, p.method))},
              {"date", p.date},
              {"trace_type", p.trace_type},
              {"trace_number", p.trace_number},
              {"originator", p.originator}};
  json plb = json::array();
  for (const auto& a : tx.provider_adjustments) plb.push_back(provider_adjustment_json(a));
  json balance = json::array();
  for (const auto& b : r.balance)
    if (b.transaction == t) balance.push_back(balance_json(b));
  json j = {{"index", t},
            {"file", r.transaction_file[t]},
            {"control_number", tx.control_number},
            {"version", tx.version},
            {"interchange_control", tx.interchange_control},
            {"sender_id", tx.sender_id},
            {"receiver_id", tx.receiver_id},
            {"production_date", tx.production_date},
            {"remit_date", remit_date_of(tx)},
            {"complete", tx.complete},
            {"payment", pay},
            {"payer", party_json(tx.payer)},
            {"payee", party_json(tx.payee)},
            {"references", refs_json(tx.references)},
            {"provider_adjustments", plb},
            {"balance", balance},
            {"segment", tx.pos.segment_no},
            {"offset", tx.pos.byte_offset}};
  j["duplicate_of"] = r.duplicate_of[t] >= 0 ? json(r.duplicate_of[t]) : json(nullptr);
  if (with_claims) {
    json claims = json::array();
    for (const auto& x : r.explained[t]) claims.push_back(claim_json(x));
    j["claims"] = claims;
    j["claims_in_rows_only"] = r.rows_only(t);
  }
  return j;
}

// 64-bit on every build: std::size_t is 32 bits in WebAssembly, and dollar totals in cents
// pass 2^32 at $42.9 million (the browser build once showed a 122 % denial rate).
std::string ratio(std::uint64_t num, std::uint64_t den) {
  // Four decimals, rounded half up, in integers; scaled down first if num * 100000 would
  // overflow (totals above $1.8 trillion: the lost digits are far below the 4th decimal).
  while (num > UINT64_MAX / 100000ULL) num /= 10, den /= 10;
  if (den == 0) return "0.0000";
  std::uint64_t scaled = (num * 100000ULL / den + 5) / 10;
  std::string s = std::to_string(scaled / 10000) + ".";
  std::string frac = std::to_string(scaled % 10000);
  return s + std::string(4 - frac.size(), '0') + frac;
}

json row_json(const Report& r, const ClaimRow& row) {
  const Transaction& tx = r.transactions[row.transaction];
  return {{"file", row.file},
          {"file_name", r.files[row.file].name},
          {"transaction", row.transaction},
          {"claim", row.claim},
          {"patient_control_number", row.patient_control_number},
          {"payer_claim_number", row.payer_claim_number},
          {"patient_name", row.patient_name},
          {"payer", tx.payer.name},
          {"status", row.status},
          {"charge", money(row.charge)},
          {"paid", money(row.paid)},
          {"patient_responsibility", money(row.patient_responsibility)},
          {"outcome", outcome_id(row.outcome)},
          {"outcome_label", outcome_label(row.outcome)},
          {"action", action_id(row.action)},
          {"action_label",
           std::string(row.action_label.empty() ? action_label(row.action) : row.action_label)},
          {"at_stake", money(row.at_stake)},
          {"act_by", date_or_null(row.act_by)},
          {"deadline_owner",
           row.deadline_owner.empty() ? json(nullptr) : json(std::string(row.deadline_owner))},
          {"deadline_passed", row.deadline_passed},
          {"channel", channel_id(row.channel)},
          {"unbalanced", row.unbalanced},
          {"recoverable", money(row.money.recoverable)},
          {"codes", row.codes},
          {"duplicate", row.duplicate},
          {"segment", row.first_segment},
          {"offset", row.begin_offset}};
}

void compact_row(json& row) {
  row.erase("outcome_label");  // in the report's outcome_labels
  std::string patient = row["patient_name"], pcn = row["patient_control_number"];
  drop_defaults(row);
  row["patient_name"] = std::move(patient);
  row["patient_control_number"] = std::move(pcn);
}

json outcome_labels_json() {
  json labels = json::object();
  for (int o = 0; o < kOutcomeCount; ++o)
    labels[std::string(outcome_id(Outcome(o)))] = outcome_label(Outcome(o));
  return labels;
}

json summary_json(const Report& r) {
  const Summary& s = r.summary;
  json outcomes = json::object();
  for (auto& [o, n] : s.outcomes) outcomes[std::string(outcome_id(o))] = n;
  json by_category = json::array();
  for (auto& [c, ac] : s.by_category)
    by_category.push_back({{"category", category_id(c)},
                           {"label", category_label(c)},
                           {"amount", money(ac.amount)},
                           {"count", ac.count}});
  std::sort(by_category.begin(), by_category.end(), [](const json& a, const json& b) {
    return parse_cents(a["amount"].get<std::string>()) >
           parse_cents(b["amount"].get<std::string>());
  });
  json by_action = json::array();
  for (auto& [a, ac] : s.by_action)
    by_action.push_back({{"action", action_id(a)},
                         {"label", action_label(a)},
                         {"amount", money(ac.amount)},
                         {"count", ac.count}});
  std::vector<std::pair<std::string, AmountCount>> reasons(s.by_reason.begin(), s.by_reason.end());
  std::stable_sort(reasons.begin(), reasons.end(),
                   [](const auto& a, const auto& b) { return a.second.amount > b.second.amount; });
  json top = json::array();
  for (std::size_t i = 0; i < reasons.size() && i < 10; ++i) {
    const std::string& code = reasons[i].first;
    std::string reason = code.substr(code.find('-') + 1);
    const CodeEntry* e = find_code(CodeList::carc, reason);
    top.push_back({{"code", code},
                   {"amount", money(reasons[i].second.amount)},
                   {"count", reasons[i].second.count},
                   {"description", e ? json(e->description) : json(nullptr)}});
  }
  Cents charge = s.total_charge;
  return {{"files", s.files},
          {"transactions", s.transactions},
          {"claims", s.claims},
          {"service_lines", s.service_lines},
          {"total_charge", money(s.total_charge)},
          {"total_paid", money(s.total_paid)},
          {"total_patient_responsibility", money(s.total_patient_responsibility)},
          {"total_adjusted", money(s.total_adjusted)},
          {"provider_adjustment_total", money(s.provider_adjustment_total)},
          {"total_payments", money(s.total_payments)},
          {"denied_amount", money(s.denied_amount)},
          {"recoverable_amount", money(s.recoverable_amount)},
          {"patient_amount", money(s.patient_amount)},
          {"write_off_amount", money(s.write_off_amount)},
          {"denied_claims", s.denied_claims},
          {"denial_rate_by_count", ratio(s.denied_claims, s.claims)},
          {"denial_rate_by_dollars", charge > 0 && s.denied_amount > 0
                                         ? ratio(static_cast<std::uint64_t>(s.denied_amount),
                                                 static_cast<std::uint64_t>(charge))
                                         : std::string("0.0000")},
          {"duplicate_payments", s.duplicate_payments},
          {"outcomes", outcomes},
          {"by_category", by_category},
          {"by_action", by_action},
          {"top_reasons", top}};
}

json files_json(const Report& r) {
  json files = json::array();
  for (const auto& f : r.files) files.push_back(file_json(f));
  return files;
}

json file_json(const FileInfo& f) {
  return {{"name", f.name},
          {"bytes", f.bytes},
          {"readable", f.readable},
          {"errors", f.errors},
          {"warnings", f.warnings},
          {"balance_findings", f.balance_findings},
          {"first_transaction", f.first_transaction},
          {"transactions", f.transactions},
          {"kind", file_kind_id(f.kind)},
          // Money that does not balance is a problem with the file too.
          {"status", !f.readable                      ? "unreadable"
                     : f.errors || f.balance_findings ? "read_with_errors"
                                                      : "read"}};
}

json code_sets_json() {
  json j = json::object();
  for (CodeList l : kAllCodeLists) {
    const auto& info = code_list_info(l);
    j[std::string(info.id)] = {
        {"name", info.name}, {"release", info.release}, {"source", info.source}};
  }
  return j;
}

json options_json(const ExplainOptions& o) {
  return {{"as_of", o.as_of.empty() ? json(nullptr) : json(o.as_of)},
          {"appeal_days", o.appeal_days ? json(*o.appeal_days) : json(nullptr)},
          {"filing_days", o.filing_days ? json(*o.filing_days) : json(nullptr)}};
}

// Every source a claim's advice used, as {id: {publisher, title, citation}}.
void add_used_sources(json& out, const ExplainedClaim& x) {
  auto add = [&](std::string_view id) {
    std::string key(id);
    if (out.contains(key)) return;
    if (const SourceInfo* s = find_source(id))
      out[key] = {{"publisher", s->publisher}, {"title", s->title}, {"citation", s->citation}};
  };
  for_each_source(x, true, add);
}

std::string dump(const json& j, int indent) {
  // Input bytes may not be UTF-8: replace rather than throw (found by fuzzing in toolchain.md).
  return j.dump(indent, ' ', false, json::error_handler_t::replace);
}

json worklist_json(const Report& r) {
  json work = json::array();
  for (const ClaimRow* row : worklist(r)) work.push_back(row_json(r, *row));
  return work;
}

json diagnostics_json(const Report& r) {
  json diags = json::array();
  for (const auto& [file, d] : r.diagnostics) {
    json j = diagnostic_json(d);
    j["file"] = file;
    diags.push_back(j);
  }
  return diags;
}

json ndjson_claim(const Report& r, std::size_t t, const ExplainedClaim& x, bool duplicate) {
  const Transaction& tx = r.transactions[t];
  json j = claim_json(x);
  j["file_name"] = r.files[r.transaction_file[t]].name;
  j["payer"] = tx.payer.name;
  j["payer_id"] = tx.payer.id;
  j["payee"] = tx.payee.name;
  j["payee_id"] = tx.payee.id;
  j["payment_trace_number"] = tx.payment.trace_number;
  j["payment_date"] = tx.payment.date;
  j["duplicate_payment"] = duplicate;
  return j;
}

}  // namespace detail
}  // namespace denial
