// append_claim_text: a claim of the JSON report or an NDJSON line written straight into a
// string, keys in the order nlohmann's dump gives them (sorted), so the bytes equal
// dump(claim_json(...)). A json value per claim (maps, allocations, then a dump) was most of
// the writers' time. Texts of the expanded form are rendered once per codes key and copied.
#include <array>
#include <charconv>
#include <cstdint>
#include <nlohmann/json.hpp>

#include "ascii_words.h"
#include "denial/patient_explanation.h"
#include "denial/report.h"
#include "explain/helpers.h"
#include "report/json_out.h"
#include "report/json_parts.h"

namespace denial::detail {
namespace {

using nlohmann::json;

// As nlohmann's dump escapes a string: quote, backslash and control bytes escaped (\n, \t...,
// else \u00xx), other ASCII as is. A byte beyond ASCII goes to the reference, which checks the
// UTF-8 (and replaces invalid bytes). Letters and steps have newlines and quotes: escaping
// them here instead of through a json value halved the NDJSON writer's time.
// Bytes copied as they are: printable ASCII but the quote and the backslash.
constexpr std::array<bool, 256> kPlain = [] {
  std::array<bool, 256> t{};
  for (int c = 0x20; c < 0x7F; ++c) t[c] = c != '"' && c != '\\';
  return t;
}();

void quoted(Out& o, std::string_view s) {
  const std::size_t start = o.size();
  o += '"';
  std::size_t run = 0;  // bytes of s copied so far
  for (std::size_t i = 0; i < s.size(); ++i) {
    // Eight plain bytes at a time (no control byte, quote, backslash or non-ASCII).
    while (i + 8 <= s.size()) {
      const std::uint64_t w = load_word(s.data() + i);
      if (!printable_word(w) || may_hold_byte(w, '"') || may_hold_byte(w, '\\')) break;
      i += 8;
    }
    if (i == s.size()) break;
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (kPlain[c]) continue;
    if (c >= 0x7F) {
      o.truncate(start);
      o += dump(json(std::string(s)), -1);
      return;
    }
    o.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"':
        o += "\\\"";
        break;
      case '\\':
        o += "\\\\";
        break;
      case '\b':
        o += "\\b";
        break;
      case '\f':
        o += "\\f";
        break;
      case '\n':
        o += "\\n";
        break;
      case '\r':
        o += "\\r";
        break;
      case '\t':
        o += "\\t";
        break;
      default: {
        static constexpr char kHex[] = "0123456789abcdef";
        o += "\\u00";
        o += kHex[c >> 4];
        o += kHex[c & 15];
      }
    }
  }
  o.append(s.data() + run, s.size() - run);
  o += '"';
}

void number(Out& o, std::uint64_t n) {
  char buf[24];
  auto end = std::to_chars(buf, buf + sizeof buf, n).ptr;
  o.append(buf, static_cast<std::size_t>(end - buf));
}

void cents(Out& o, Cents c) {
  char text[kCentsTextMax + 2];
  text[0] = '"';
  const std::size_t n = format_cents_to(text + 1, c);
  text[n + 1] = '"';
  o.append(text, n + 2);
}

// The members of one object, written in the caller's (sorted) order. `extras` are members
// with ready text (an NDJSON line's payment fields), merged in at their place.
class Members {
 public:
  explicit Members(Out& o, const ClaimExtras* extras = nullptr) : o_(o), extras_(extras) {
    o_ += '{';
  }
  ~Members() {
    flush_extras({});
    o_ += '}';
  }
  Members(const Members&) = delete;
  Members& operator=(const Members&) = delete;

  Out& key(std::string_view k) {
    flush_extras(k);
    raw_key(k);
    return o_;
  }
  void text(std::string_view k, std::string_view v) { quoted(key(k), v); }
  void text_unless_empty(std::string_view k, std::string_view v) {
    if (!v.empty()) text(k, v);
  }
  void text_or_null(std::string_view k, std::string_view v) {
    if (v.empty())
      key(k) += "null";
    else
      text(k, v);
  }
  void num(std::string_view k, std::uint64_t v) { number(key(k), v); }
  void money(std::string_view k, Cents v) { cents(key(k), v); }
  void boolean(std::string_view k, bool v) { key(k) += v ? "true" : "false"; }

 private:
  void raw_key(std::string_view k) {
    if (!first_) o_ += ',';
    first_ = false;
    o_ += '"';
    o_ += k;
    o_ += "\":";
  }
  // Writes the extras that sort before `k` (all of them when `k` is empty).
  void flush_extras(std::string_view k) {
    if (!extras_) return;
    for (; next_ < extras_->size() && (k.empty() || (*extras_)[next_].first < k); ++next_) {
      raw_key((*extras_)[next_].first);
      o_ += (*extras_)[next_].second;
    }
  }

  Out& o_;
  const ClaimExtras* extras_;
  std::size_t next_ = 0;
  bool first_ = true;
};

template <class List, class Each>
void array(Out& o, const List& list, Each&& each) {
  o += '[';
  bool first = true;
  for (const auto& item : list) {
    if (!first) o += ',';
    first = false;
    each(item);
  }
  o += ']';
}

template <class List>
void strings(Out& o, const List& v) {
  array(o, v, [&](std::string_view s) { quoted(o, s); });
}

// The form being written and the texts it reuses.
struct Form {
  CodeTexts& codes;
  bool expanded;
  std::vector<const DeferredKey*>* deferred;  ///< compact on a reader thread (json_parts.h)
};

// A deferred key: listed, and for adjustments and actions a slot in the text where the
// writer puts the key's member (or nothing when the key is the plain code).
void defer(Out& o, const Form& f, const DeferredKey* k, bool slot) {
  if (slot) {
    const auto index = static_cast<std::uint32_t>(f.deferred->size());
    o += kKeySlot;
    o.append(reinterpret_cast<const char*>(&index), sizeof index);
  }
  f.deferred->push_back(k);
}

// Texts of the expanded form by codes key, dumped once: adjustments' group_official,
// guidance and official; remarks' guidance and official; a status's official.
const std::array<std::string, 3>& rendered(CodeTexts& codes, const std::string& key) {
  auto [it, added] = codes.rendered.try_emplace(key);
  if (added) {
    const json& entry = codes.entries.at(key);
    int i = 0;
    for (const char* field : {"group_official", "guidance", "official"}) {
      auto f = entry.find(field);
      it->second[i++] = f == entry.end() ? std::string() : dump(*f, -1);
    }
  }
  return it->second;
}

// [[qualifier, value], ...] compact; [{qualifier, value-key}, ...] expanded (keys sorted).
template <class List, class Value>
void qualified(Members& m, const Form& f, std::string_view k, std::string_view value_key,
               const List& list, Value&& value) {
  if (list.empty() && !f.expanded) return;
  Out& o = m.key(k);
  array(o, list, [&](const auto& item) {
    if (!f.expanded) {
      o += '[';
      quoted(o, item.qualifier);
      o += ',';
      value(o, item);
      o += ']';
      return;
    }
    // "amount" and "date" sort before "qualifier", "value" after it.
    Members q(o);
    if (value_key != "value") value(q.key(value_key), item);
    q.text("qualifier", item.qualifier);
    if (value_key == "value") value(q.key(value_key), item);
  });
}

template <class List>
void dates(Members& m, const Form& f, const List& list) {
  qualified(m, f, "dates", "date", list, [](Out& o, const DateValue& d) { quoted(o, d.date); });
}
template <class List>
void references(Members& m, const Form& f, const List& list) {
  qualified(m, f, "references", "value", list,
            [](Out& o, const Reference& r) { quoted(o, r.value); });
}
template <class List>
void amounts(Members& m, const Form& f, const List& list) {
  qualified(m, f, "amounts", "amount", list,
            [](Out& o, const AmountValue& a) { cents(o, a.amount); });
}

// A text field: left out when empty in the compact form, written as "" when expanded.
void field(Members& m, const Form& f, std::string_view k, std::string_view v) {
  if (f.expanded)
    m.text(k, v);
  else
    m.text_unless_empty(k, v);
}

// The compact adjustment's members after its codes_key.
void adjustment_members(Members& m, const ExplainedAdjustment& a) {
  const Adjustment& s = *a.source;
  m.text_unless_empty("group", s.group);
  m.num("offset", s.pos.byte_offset);
  m.text_unless_empty("quantity", s.quantity);
  m.text_unless_empty("reason", s.reason);
  m.num("segment", s.pos.segment_no);
  if (a.validity != Validity::valid) m.text("validity", validity_name(a.validity));
}

void adjustment(Out& o, const ExplainedAdjustment& a, Channel channel, const Form& f) {
  const Adjustment& s = *a.source;
  if (f.deferred) {
    Members m(o);
    m.money("amount", s.amount);
    defer(o, f, deferred_adjustment_key(a, channel), true);  // "codes_key" sorts here
    adjustment_members(m, a);
    return;
  }
  const std::string& key = adjustment_key(a, channel, f.codes);
  const bool plain_key = key.size() == s.group.size() + 1 + s.reason.size() &&
                         key.compare(0, s.group.size(), s.group) == 0 &&
                         key[s.group.size()] == '-' &&
                         key.compare(s.group.size() + 1, std::string::npos, s.reason) == 0;
  Members m(o);
  m.money("amount", s.amount);
  if (f.expanded) {
    const auto& texts = rendered(f.codes, key);
    quoted(m.key("code"), s.group + "-" + s.reason);
    m.text("group", s.group);
    m.key("group_official") += texts[0];
    m.key("guidance") += texts[1];
    m.text("level", a.line < 0 ? "claim" : "line");
    if (a.line >= 0) m.num("line", static_cast<std::uint64_t>(a.line));
    m.key("official") += texts[2];
    m.num("offset", s.pos.byte_offset);
    m.text("quantity", s.quantity);
    m.text("reason", s.reason);
    m.num("segment", s.pos.segment_no);
    m.text("validity", validity_name(a.validity));
    return;
  }
  if (!plain_key) m.text("codes_key", key);  // a variant ("CO-45#2")
  adjustment_members(m, a);
}

void remark(Out& o, const ExplainedRemark& r, const Form& f) {
  if (f.deferred) defer(o, f, deferred_remark_key(r), false);
  // Registers its texts (and the expanded form reads them back).
  const std::string key = f.deferred ? std::string() : remark_codes_key(r, f.codes);
  const Remark& s = *r.source;
  Members m(o);
  if (f.expanded) {
    const auto& texts = rendered(f.codes, key);
    m.text("code", s.code);
    m.key("guidance") += texts[1];
    if (r.line >= 0) m.num("line", static_cast<std::uint64_t>(r.line));
    m.key("official") += texts[2];
    m.num("offset", s.pos.byte_offset);
    m.text("qualifier", s.qualifier);
    m.num("segment", s.pos.segment_no);
    m.text("source", s.source);
    m.text("validity", validity_name(r.validity));
    return;
  }
  m.text_unless_empty("code", s.code);
  m.num("offset", s.pos.byte_offset);
  m.text_unless_empty("qualifier", s.qualifier);
  m.num("segment", s.pos.segment_no);
  m.text_unless_empty("source", s.source);
  if (r.validity != Validity::valid) m.text("validity", validity_name(r.validity));
}

void procedure(Out& o, const Procedure& p, const Form& f) {
  Members m(o);
  field(m, f, "code", p.code);
  field(m, f, "description", p.description);
  if (f.expanded || !p.modifiers.empty()) strings(m.key("modifiers"), p.modifiers);
  field(m, f, "qualifier", p.qualifier);
}

void action(Out& o, const NextAction& n, const Form& f) {
  const std::string_view id = action_id(n.action);
  const std::string_view label = n.label.empty() ? action_label(n.action) : n.label;
  Members m(o);
  if (f.expanded) {
    if (n.deadline.act_by)
      m.text("act_by", iso_date(*n.deadline.act_by));
    else
      m.key("act_by") += "null";
    m.text("action", id);
    m.money("amount", n.amount);
    m.text("bucket", bucket_id(bucket_of(n.action)));
    m.text_or_null("deadline_owner", n.deadline.owner);
    m.boolean("deadline_passed", n.deadline.passed);
    m.text_or_null("deadline_rule", n.deadline.rule);
    m.text("label", label);
    m.text_or_null("note", n.note);
    strings(m.key("reasons"), n.reasons);
    m.text("rule", n.rule);
    if (!n.rule_family.empty()) m.text("rule_family", n.rule_family);
    strings(m.key("sources"), n.sources);
    return;
  }
  const DeferredKey* deferred = f.deferred ? deferred_action_key(n) : nullptr;
  const std::string& key = deferred ? deferred->code : action_key(n, f.codes);
  if (n.deadline.act_by) m.text("act_by", iso_date(*n.deadline.act_by));
  m.text("action", id);
  m.money("amount", n.amount);
  m.text_unless_empty("deadline_owner", n.deadline.owner);
  if (n.deadline.passed) m.boolean("deadline_passed", true);
  m.text_unless_empty("note", n.note);
  if (!n.reasons.empty()) strings(m.key("reasons"), n.reasons);
  if (deferred)
    defer(o, f, deferred, true);  // "texts_key" sorts last
  else if (key != id)
    m.text("texts_key", key);
}

// Writes "k": [each item of the claim's adjustments or remarks on `line`] (-1: claim level);
// compact leaves an empty list out.
template <class List, class Each>
void items_on(Members& m, const Form& f, std::string_view k, const List& list, std::ptrdiff_t line,
              Each&& each) {
  bool any = false;
  for (const auto& item : list) any |= item.line == line;
  if (!any && !f.expanded) return;
  Out& o = m.key(k);
  o += '[';
  bool first = true;
  for (const auto& item : list) {
    if (item.line != line) continue;
    if (!first) o += ',';
    first = false;
    each(o, item);
  }
  o += ']';
}

void line(Out& o, const ServiceLine& l, std::size_t index, const ExplainedClaim& x, const Form& f) {
  const auto here = static_cast<std::ptrdiff_t>(index);
  Members m(o);
  items_on(m, f, "adjustments", x.adjustments, here,
           [&](Out& out, const ExplainedAdjustment& a) { adjustment(out, a, x.channel, f); });
  amounts(m, f, l.amounts);
  m.money("charge", l.charge);
  // Compact: the control number is the line's (last) REF*6R; written only when it is not.
  const std::string* six_r = nullptr;
  for (const auto& r : l.references)
    if (r.qualifier == "6R") six_r = &r.value;
  if (f.expanded || (!l.control_number.empty() && !(six_r && *six_r == l.control_number)))
    m.text("control_number", l.control_number);
  dates(m, f, l.dates);
  if (f.expanded) m.num("index", index);
  m.num("last_segment", l.last_segment_no);
  m.num("offset", l.pos.byte_offset);
  m.money("paid", l.paid);
  procedure(m.key("procedure"), l.procedure, f);
  references(m, f, l.references);
  items_on(m, f, "remarks", x.remarks, here,
           [&](Out& out, const ExplainedRemark& r) { remark(out, r, f); });
  field(m, f, "revenue_code", l.revenue_code);
  m.num("segment", l.pos.segment_no);
  if (l.submitted)
    procedure(m.key("submitted_procedure"), *l.submitted, f);
  else if (f.expanded)
    m.key("submitted_procedure") += "null";
  field(m, f, "units_paid", l.units_paid);
  field(m, f, "units_submitted", l.units_submitted);
}

// The claim's `patient_explanation` as add_patient_explanation builds it (keys sorted). Every
// claim billed to the patient has one in the expanded form: through a json value it was a
// third of the NDJSON writer's time.
void patient_explanation(Out& o, const ExplainedClaim& x) {
  const PatientExplanation& e = *x.patient_explanation;
  const Channel ch = e.channel;
  Members m(o);
  m.money("billed", e.billed);
  m.text("channel", channel_id(ch));
  m.text_or_null("date", e.date);
  m.text("dates_of_service", e.dates_of_service);
  strings(m.key("if_you_disagree"), e.if_you_disagree);
  m.text("intro", e.intro);
  {
    Members labels(m.key("labels"));
    for (const char* id : kPatientLabelIds) labels.text(id, patient_label(id, ch));
  }
  m.text("member_id", e.member_id);
  m.money("not_billed", e.not_billed);
  strings(m.key("notes"), e.notes);
  strings(m.key("office_checks"), e.office_checks);
  m.money("owed", e.owed);
  m.text("patient_control_number", e.patient_control_number);
  m.text("patient_name", e.patient_name);
  m.text("payer_claim_number", e.payer_claim_number);
  m.text("plan", e.plan);
  m.money("plan_paid", e.plan_paid);
  m.text("provider", e.provider);
  Out& shares = m.key("shares");
  array(shares, e.shares, [&](const PatientShare& s) {
    Members share(shares);
    share.money("amount", s.amount);
    share.text("code", s.code);
    share.text("label", s.label);
    strings(share.key("sources"), s.sources);
    share.text("text", s.text);
  });
  m.text("source", kPatientExplanationSource);
  strings(m.key("sources"), e.sources);
  m.text("text", patient_letter_text(e));
}

}  // namespace

// Keys are sorted and only "unaccounted" (a string) follows "transaction", so the last
// unescaped key of that name is the claim's own.
void set_claim_transaction(std::string& text, std::size_t transaction) {
  constexpr std::string_view kKey = "\"transaction\":";
  const std::size_t key = text.rfind(kKey);
  if (key == std::string::npos) return;
  const std::size_t from = key + kKey.size();
  std::size_t to = from;
  while (to < text.size() && text[to] >= '0' && text[to] <= '9') ++to;
  text.replace(from, to - from, std::to_string(transaction));
}

void append_claim_text(std::string& text, const ExplainedClaim& x, CodeTexts& codes,
                       const ClaimTextOptions& options) {
  Out o(text);
  const Claim& c = *x.claim;
  const Form f{codes, options.expanded, options.expanded ? nullptr : options.deferred};
  Members m(o, options.extras);
  array(m.key("actions"), x.actions, [&](const NextAction& n) { action(o, n, f); });
  items_on(m, f, "adjustments", x.adjustments, -1,
           [&](Out& out, const ExplainedAdjustment& a) { adjustment(out, a, x.channel, f); });
  amounts(m, f, c.amounts);
  if (f.expanded) {
    if (x.appeal_letter.empty())
      m.key("appeal_letter") += "null";
    else
      m.text("appeal_letter", x.appeal_letter);
  }
  m.text("channel", channel_id(x.channel));
  m.money("charge", c.charge);
  if (f.expanded) strings(m.key("corrected_claim_checklist"), x.corrected_claim_checklist);
  dates(m, f, c.dates);
  field(m, f, "drg", c.drg);
  m.num("end_offset", c.end_offset);
  field(m, f, "facility_type", c.facility_type);
  field(m, f, "filing_indicator", c.filing_indicator);
  if (f.expanded || !x.flags.empty()) strings(m.key("flags"), x.flags);
  field(m, f, "frequency", c.frequency);
  if (f.expanded) m.num("index", x.index);
  m.num("last_segment", c.last_segment_no);
  // Claim-level remarks register their texts before the lines' (the reference's order).
  std::string claim_remarks;
  {
    Out remarks_out(claim_remarks);
    Members scratch(remarks_out);
    items_on(scratch, f, "remarks", x.remarks, -1,
             [&](Out& out, const ExplainedRemark& r) { remark(out, r, f); });
  }
  if (f.expanded || !c.lines.empty()) {
    Out& l_out = m.key("lines");
    l_out += '[';
    for (std::size_t i = 0; i < c.lines.size(); ++i) {
      if (i) l_out += ',';
      line(l_out, c.lines[i], i, x, f);
    }
    l_out += ']';
  }
  {
    Members money(m.key("money"));
    money.money("denied", x.money.denied);
    money.money("other", x.money.other);
    money.money("patient", x.money.patient);
    money.money("recoverable", x.money.recoverable);
    money.money("write_off", x.money.write_off);
  }
  if (f.expanded || !c.names.empty()) {
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
  // Compact: the label is in the report's outcome_labels.
  if (f.expanded) m.text("outcome_label", outcome_label(x.outcome));
  m.money("paid", c.paid);
  m.text("patient_control_number", c.patient_control_number);
  // The letter is one of the drafts: in the expanded form only (and only when there is one).
  if (f.expanded && x.patient_explanation) patient_explanation(m.key("patient_explanation"), x);
  m.text("patient_name", patient_name(c));
  if (c.patient_responsibility)
    m.money("patient_responsibility", *c.patient_responsibility);
  else if (f.expanded)
    m.key("patient_responsibility") += "null";
  field(m, f, "payer_claim_number", c.payer_claim_number);
  references(m, f, c.references);
  // "remarks": the list inside the scratch object {"remarks":[...]} ({} when left out).
  constexpr std::size_t kHead = sizeof("{\"remarks\":") - 1;
  if (claim_remarks.size() > 2)
    m.key("remarks") +=
        std::string_view(claim_remarks).substr(kHead, claim_remarks.size() - kHead - 1);
  if (f.expanded || (!x.remit_date.empty() && x.remit_date != options.payment_remit_date))
    m.text("remit_date", x.remit_date);
  if (x.paired_with) {
    Members pair(m.key("reversal_pair"));
    pair.money("net_paid", *x.net_paid_with_pair);
    pair.num("other_claim", *x.paired_with);
  }
  m.num("segment", c.pos.segment_no);
  field(m, f, "status", c.status);
  if (f.deferred) defer(o, f, deferred_status_key(x), false);
  // Registers the status text (and the expanded form reads it back).
  const std::string status_key = f.deferred ? std::string() : status_codes_key(x, codes);
  if (f.expanded) {
    m.key("status_official") += rendered(codes, status_key)[2];
    m.num("transaction", x.transaction);
    m.money("unaccounted", x.unaccounted);
  } else if (x.unaccounted != 0) {
    m.money("unaccounted", x.unaccounted);
  }
}

}  // namespace denial::detail
