// 999 segment handlers, keyed by (loop, segment) in one table: AK1/AK9 the group, AK2/IK5 one
// acknowledged transaction set, IK3 a segment in error, IK4 an element in error, CTX context.
#include <string>

#include "ack/ack_builder.h"
#include "x12/segment_reader.h"

namespace denial::detail {
namespace {

using Handler = void (*)(AckBuilder&);

std::vector<std::string> codes_from(AckBuilder& b, std::size_t first, std::size_t last) {
  std::vector<std::string> out;
  for (std::size_t i = first; i <= last; ++i)
    if (!b.e->at(i).empty()) out.push_back(b.str(i));
  return out;
}

// CTX as sent, elements joined with the element separator's usual '*'.
std::string context_text(AckBuilder& b) {
  std::string out;
  for (std::size_t i = 1; i < b.e->size(); ++i) out += (i > 1 ? "*" : "") + b.str(i);
  while (!out.empty() && out.back() == '*') out.pop_back();
  return out;
}

void on_ak1(AckBuilder& b) {
  b.ack999->group_id = b.str(1);
  b.ack999->group_control = b.str(2);
  b.ack999->group_version = b.str(3);
}
// A set still open when the next AK2 or the AK9 comes had no IK5 verdict.
void check_set_closed(AckBuilder& b) {
  if (b.set && b.set->status.empty())
    b.diag(
        Severity::warning, Errc::missing_segment,
        "transaction set " + b.set->control_number + " has no IK5 (its verdict); read as unknown");
}
void on_ak9(AckBuilder& b) {
  check_set_closed(b);
  b.set = nullptr;
  b.error = nullptr;
  b.element_error = nullptr;
  ImplementationAcknowledgment& a = *b.ack999;
  a.group_status = b.str(1);
  a.sets_included = b.str(2);
  a.sets_received = b.str(3);
  a.sets_accepted = b.str(4);
  a.group_syntax_codes = codes_from(b, 5, 9);
  if (a.group_status.empty())
    b.diag(Severity::warning, Errc::bad_element, "AK901 (the group's verdict) is empty");
}
void on_ak2(AckBuilder& b) {
  check_set_closed(b);
  SetAcknowledgment& s = b.ack999->sets.emplace_back();
  s.set_id = b.str(1);
  s.control_number = b.str(2);
  s.version = b.str(3);
  s.pos = b.pos();
  b.set = &s;
  b.error = nullptr;
  b.element_error = nullptr;
}
SetAcknowledgment& set_for(AckBuilder& b) {
  if (!b.set) {
    b.diag(Severity::warning, Errc::missing_segment,
           std::string(b.e->id()) + " without an AK2 before it; read as an unnamed set");
    SetAcknowledgment& s = b.ack999->sets.emplace_back();
    s.pos = b.pos();
    b.set = &s;
  }
  return *b.set;
}
void on_ik5(AckBuilder& b) {
  SetAcknowledgment& s = set_for(b);
  s.status = b.str(1);
  s.syntax_codes = codes_from(b, 2, 6);
  if (s.status.empty())
    b.diag(Severity::warning, Errc::bad_element, "IK501 (the set's verdict) is empty");
  b.set = nullptr;
  b.error = nullptr;
  b.element_error = nullptr;
}
void on_ik3(AckBuilder& b) {
  SegmentError& e = set_for(b).errors.emplace_back();
  e.segment_id = b.str(1);
  e.position = b.str(2);
  e.loop = b.str(3);
  e.code = b.str(4);
  e.pos = b.pos();
  b.error = &e;
  b.element_error = nullptr;
}
SegmentError& error_for(AckBuilder& b) {
  if (!b.error) {
    b.diag(Severity::warning, Errc::missing_segment,
           std::string(b.e->id()) + " without an IK3 before it; read as an unnamed segment error");
    SegmentError& e = set_for(b).errors.emplace_back();
    e.pos = b.pos();
    b.error = &e;
  }
  return *b.error;
}
void on_segment_ctx(AckBuilder& b) {
  SegmentError& e = error_for(b);
  e.context.push_back(context_text(b));
  // Business unit context (CTX01 = CLM01:<the 837's patient control number>).
  std::string_view ctx01 = b.e->at(1);
  if (component(ctx01, b.delims->component, 0) == "CLM01")
    e.claim_id = std::string(component(ctx01, b.delims->component, 1));
}
void on_ik4(AckBuilder& b) {
  ElementError& el = error_for(b).elements.emplace_back();
  el.position = b.str(1);
  el.reference = b.str(2);
  el.code = b.str(3);
  el.bad_value = b.str(4);
  el.pos = b.pos();
  b.element_error = &el;
}
void on_element_ctx(AckBuilder& b) {
  if (b.element_error) b.element_error->context.push_back(context_text(b));
}

struct Row {
  std::string_view loop, segment;
  Handler handler;
};

// clang-format off
constexpr Row kHandlers[] = {
  {"ST", "AK1", on_ak1},     {"ST", "AK9", on_ak9},
  {"2000", "AK2", on_ak2},   {"2000", "IK5", on_ik5},
  {"2100", "IK3", on_ik3},   {"2100", "CTX", on_segment_ctx},
  {"2110", "IK4", on_ik4},   {"2110", "CTX", on_element_ctx},
};
// clang-format on

}  // namespace

void handle_999(AckBuilder& b, const Placement&) {
  if (!b.ack999) return;
  for (const Row& r : kHandlers) {
    if (r.loop == b.loop_id && r.segment == b.e->id()) {
      r.handler(b);
      return;
    }
  }
}

}  // namespace denial::detail
