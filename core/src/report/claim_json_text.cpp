// append_compact_claim: the compact claim of the JSON report written straight into a string,
// keys in the order nlohmann's dump gives them (sorted), so the bytes equal
// dump(claim_json(x, &codes)) less a remit_date that is the payment's. A json value per claim
// (maps, allocations, then a dump) was most of the report's time.
#include <charconv>
#include <cstdint>
#include <nlohmann/json.hpp>

#include "denial/report.h"
#include "explain/helpers.h"
#include "report/json_parts.h"

namespace denial::detail {
namespace {

void quoted(std::string& o, std::string_view s) {
  for (unsigned char c : s) {
    if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
      // Escapes and bytes beyond ASCII (invalid UTF-8 is replaced): as the reference does.
      o += dump(nlohmann::json(std::string(s)), -1);
      return;
    }
  }
  o += '"';
  o += s;
  o += '"';
}

void number(std::string& o, std::uint64_t n) {
  char buf[24];
  auto end = std::to_chars(buf, buf + sizeof buf, n).ptr;
  o.append(buf, end);
}

void cents(std::string& o, Cents c) {
  o += '"';
  o += format_cents(c);
  o += '"';
}

// Writes ,"k": (or "k": for the first member of an object).
class Members {
 public:
  explicit Members(std::string& o) : o_(o) { o_ += '{'; }
  ~Members() { o_ += '}'; }
  std::string& key(std::string_view k) {
    if (!first_) o_ += ',';
    first_ = false;
    o_ += '"';
    o_ += k;
    o_ += "\":";
    return o_;
  }
  void text(std::string_view k, std::string_view v) { quoted(key(k), v); }
  void text_unless_empty(std::string_view k, std::string_view v) {
    if (!v.empty()) text(k, v);
  }
  void num(std::string_view k, std::uint64_t v) { number(key(k), v); }
  void money(std::string_view k, Cents v) { cents(key(k), v); }

 private:
  std::string& o_;
  bool first_ = true;
};

template <class List, class Each>
void array(std::string& o, const List& list, Each&& each) {
  o += '[';
  bool first = true;
  for (const auto& item : list) {
    if (!first) o += ',';
    first = false;
    each(item);
  }
  o += ']';
}

void strings(std::string& o, const std::vector<std::string>& v) {
  array(o, v, [&](const std::string& s) { quoted(o, s); });
}

// [[qualifier, value], ...] of dates, references and amounts.
template <class List, class Value>
void pairs(Members& m, std::string_view k, const List& list, Value&& value) {
  if (list.empty()) return;
  std::string& o = m.key(k);
  array(o, list, [&](const auto& item) {
    o += '[';
    quoted(o, item.qualifier);
    o += ',';
    value(o, item);
    o += ']';
  });
}

template <class List>
void dates(Members& m, const List& list) {
  pairs(m, "dates", list, [](std::string& o, const DateValue& d) { quoted(o, d.date); });
}
template <class List>
void references(Members& m, const List& list) {
  pairs(m, "references", list, [](std::string& o, const Reference& r) { quoted(o, r.value); });
}
template <class List>
void amounts(Members& m, const List& list) {
  pairs(m, "amounts", list, [](std::string& o, const AmountValue& a) { cents(o, a.amount); });
}

void adjustment(std::string& o, const ExplainedAdjustment& a, Channel channel, CodeTexts& codes) {
  const Adjustment& s = *a.source;
  const std::string& key = adjustment_key(a, channel, codes);
  Members m(o);
  m.money("amount", s.amount);
  // The key is group-reason unless a variant ("CO-45#2").
  if (key.size() != s.group.size() + 1 + s.reason.size() ||
      key.compare(0, s.group.size(), s.group) || key[s.group.size()] != '-' ||
      key.compare(s.group.size() + 1, std::string::npos, s.reason))
    m.text("codes_key", key);
  m.text_unless_empty("group", s.group);
  m.num("offset", s.pos.byte_offset);
  m.text_unless_empty("quantity", s.quantity);
  m.text_unless_empty("reason", s.reason);
  m.num("segment", s.pos.segment_no);
  if (a.validity != Validity::valid) m.text("validity", validity_name(a.validity));
}

void remark(std::string& o, const ExplainedRemark& r, CodeTexts& codes) {
  remark_codes_key(r, codes);  // registers its texts; the key is the code (or RX:code)
  const Remark& s = *r.source;
  Members m(o);
  m.text_unless_empty("code", s.code);
  m.num("offset", s.pos.byte_offset);
  m.text_unless_empty("qualifier", s.qualifier);
  m.num("segment", s.pos.segment_no);
  m.text_unless_empty("source", s.source);
  if (r.validity != Validity::valid) m.text("validity", validity_name(r.validity));
}

void procedure(std::string& o, const Procedure& p) {
  Members m(o);
  m.text_unless_empty("code", p.code);
  m.text_unless_empty("description", p.description);
  if (!p.modifiers.empty()) strings(m.key("modifiers"), p.modifiers);
  m.text_unless_empty("qualifier", p.qualifier);
}

void action(std::string& o, const NextAction& n, CodeTexts& codes) {
  const std::string& key = action_key(n, codes);
  const std::string_view id = action_id(n.action);
  Members m(o);
  if (n.deadline.act_by) m.text("act_by", iso_date(*n.deadline.act_by));
  m.text("action", id);
  m.money("amount", n.amount);
  m.text_unless_empty("deadline_owner", n.deadline.owner);
  if (n.deadline.passed) m.key("deadline_passed") += "true";
  m.text_unless_empty("note", n.note);
  if (!n.reasons.empty()) strings(m.key("reasons"), n.reasons);
  if (key != id) m.text("texts_key", key);
}

void line(std::string& o, const ServiceLine& l, std::size_t index, const ExplainedClaim& x,
          CodeTexts& codes) {
  const auto here = static_cast<std::ptrdiff_t>(index);
  Members m(o);
  bool any = false;
  for (const auto& a : x.adjustments) any |= a.line == here;
  if (any) {
    std::string& a_out = m.key("adjustments");
    a_out += '[';
    bool first = true;
    for (const auto& a : x.adjustments) {
      if (a.line != here) continue;
      if (!first) a_out += ',';
      first = false;
      adjustment(a_out, a, x.channel, codes);
    }
    a_out += ']';
  }
  amounts(m, l.amounts);
  m.money("charge", l.charge);
  // The control number is the line's (last) REF*6R; written only when it is not.
  const std::string* six_r = nullptr;
  for (const auto& r : l.references)
    if (r.qualifier == "6R") six_r = &r.value;
  if (!l.control_number.empty() && !(six_r && *six_r == l.control_number))
    m.text("control_number", l.control_number);
  dates(m, l.dates);
  m.num("last_segment", l.last_segment_no);
  m.num("offset", l.pos.byte_offset);
  m.money("paid", l.paid);
  procedure(m.key("procedure"), l.procedure);
  references(m, l.references);
  any = false;
  for (const auto& r : x.remarks) any |= r.line == here;
  if (any) {
    std::string& r_out = m.key("remarks");
    r_out += '[';
    bool first = true;
    for (const auto& r : x.remarks) {
      if (r.line != here) continue;
      if (!first) r_out += ',';
      first = false;
      remark(r_out, r, codes);
    }
    r_out += ']';
  }
  m.text_unless_empty("revenue_code", l.revenue_code);
  m.num("segment", l.pos.segment_no);
  if (l.submitted) procedure(m.key("submitted_procedure"), *l.submitted);
  m.text_unless_empty("units_paid", l.units_paid);
  m.text_unless_empty("units_submitted", l.units_submitted);
}

}  // namespace

void append_compact_claim(std::string& o, const ExplainedClaim& x, CodeTexts& codes,
                          std::string_view payment_remit_date) {
  const Claim& c = *x.claim;
  Members m(o);
  array(m.key("actions"), x.actions, [&](const NextAction& n) { action(o, n, codes); });
  bool any = false;
  for (const auto& a : x.adjustments) any |= a.line < 0;
  if (any) {
    std::string& a_out = m.key("adjustments");
    a_out += '[';
    bool first = true;
    for (const auto& a : x.adjustments) {
      if (a.line >= 0) continue;
      if (!first) a_out += ',';
      first = false;
      adjustment(a_out, a, x.channel, codes);
    }
    a_out += ']';
  }
  amounts(m, c.amounts);
  m.text("channel", channel_id(x.channel));
  m.money("charge", c.charge);
  dates(m, c.dates);
  m.text_unless_empty("drg", c.drg);
  m.num("end_offset", c.end_offset);
  m.text_unless_empty("facility_type", c.facility_type);
  m.text_unless_empty("filing_indicator", c.filing_indicator);
  if (!x.flags.empty()) strings(m.key("flags"), x.flags);
  m.text_unless_empty("frequency", c.frequency);
  m.num("last_segment", c.last_segment_no);
  // Claim-level remarks register their texts before the lines' (the reference's order).
  std::string claim_remarks;
  for (const auto& r : x.remarks) {
    if (r.line >= 0) continue;
    claim_remarks += claim_remarks.empty() ? "[" : ",";
    remark(claim_remarks, r, codes);
  }
  if (!c.lines.empty()) {
    std::string& l_out = m.key("lines");
    l_out += '[';
    for (std::size_t i = 0; i < c.lines.size(); ++i) {
      if (i) l_out += ',';
      line(l_out, c.lines[i], i, x, codes);
    }
    l_out += ']';
  }
  {
    Members money(m.key("money"));
    money.money("other", x.money.other);
    money.money("patient", x.money.patient);
    money.money("recoverable", x.money.recoverable);
    money.money("write_off", x.money.write_off);
  }
  if (!c.names.empty()) {
    array(m.key("names"), c.names, [&](const PersonName& n) {
      Members p(o);
      p.text("entity", n.entity);
      p.text("first", n.first);
      p.text("id", n.id);
      p.text("id_qualifier", n.id_qualifier);
      p.text("last", n.last);
      p.text("middle", n.middle);
    });
  }
  m.num("offset", c.pos.byte_offset);
  m.text("outcome", outcome_id(x.outcome));
  m.text("outcome_label", outcome_label(x.outcome));
  m.money("paid", c.paid);
  m.text("patient_control_number", c.patient_control_number);
  m.text("patient_name", patient_name(c));
  if (c.patient_responsibility) m.money("patient_responsibility", *c.patient_responsibility);
  m.text_unless_empty("payer_claim_number", c.payer_claim_number);
  references(m, c.references);
  if (!claim_remarks.empty()) m.key("remarks") += claim_remarks + "]";
  if (!x.remit_date.empty() && x.remit_date != payment_remit_date)
    m.text("remit_date", x.remit_date);
  if (x.paired_with) {
    Members pair(m.key("reversal_pair"));
    pair.money("net_paid", *x.net_paid_with_pair);
    pair.num("other_claim", *x.paired_with);
  }
  m.num("segment", c.pos.segment_no);
  m.text_unless_empty("status", c.status);
  status_codes_key(x, codes);  // registers the status text; the key is "CLP02:" + status
  if (x.unaccounted != 0) m.money("unaccounted", x.unaccounted);
}

}  // namespace denial::detail
