// 277CA segment handlers, keyed by (loop, segment) in one table: the hierarchy gives who a
// status is about (receiver 2200B, billing provider 2200C, claim 2200D, line 2220D).
#include <string>

#include "ack/ack_builder.h"
#include "x12/segment_reader.h"

namespace denial::detail {
namespace {

using Handler = void (*)(AckBuilder&);

PersonName name_of(AckBuilder& b) {
  return {b.str(1), b.str(3), b.str(4), b.str(5), b.str(8), b.str(9), b.pos()};
}

// STC01 (and STC10, STC11): category:status:entity; STC02-04 apply to all three.
void read_statuses(AckBuilder& b, std::vector<ClaimStatus>& out) {
  const char sep = b.delims->component;
  for (std::size_t n : {1u, 10u, 11u}) {
    std::string_view composite = b.e->at(n);
    if (composite.empty()) continue;
    ClaimStatus s;
    s.category = std::string(component(composite, sep, 0));
    s.code = std::string(component(composite, sep, 1));
    s.entity = std::string(component(composite, sep, 2));
    s.element = std::string("STC") + (n < 10 ? "0" : "") + std::to_string(n);
    s.date = b.str(2);
    s.action = b.str(3);
    s.amount = b.amount(4);
    s.pos = b.pos();
    if (s.category.empty() || s.code.empty())
      b.diag(Severity::warning, Errc::bad_element,
             s.element + " '" + std::string(composite.substr(0, 40)) +
                 "' lacks a category or status code");
    if (!component(composite, sep, 3).empty())
      b.diag(Severity::info, Errc::bad_element,
             s.element + " carries a fourth component '" +
                 std::string(component(composite, sep, 3)) +
                 "', which the 277CA does not use; ignored");
    out.push_back(std::move(s));
  }
  if (b.e->at(1).empty())
    b.diag(Severity::warning, Errc::missing_segment, "STC01 (the status) is empty");
  if (!b.e->at(2).empty()) b.check_date(b.e->at(2));
}

AckLevel& new_level(AckBuilder& b, std::string level, PersonName name) {
  AckLevel& l = b.ack277->levels.emplace_back();
  l.level = std::move(level);
  l.name = std::move(name);
  l.pos = b.pos();
  b.level = &l;
  return l;
}

// Level statuses without a name loop before them (a writer that skips the NM1) still land.
AckLevel& level_for(AckBuilder& b) {
  std::string want = b.loop_id == "2200B" ? "2200B" : "2200C";
  if (!b.level || b.level->level != want) new_level(b, want, {});
  return *b.level;
}

// Any HL: its level code (HL03) must be one the 277CA knows; an unknown one is read as the
// level it stands in (the walker keeps it in the innermost HL loop) and said.
void check_hl(AckBuilder& b) {
  std::string_view level = b.e->at(3);
  if (level != "20" && level != "21" && level != "19" && level != "PT")
    b.diag(Severity::warning, Errc::bad_element,
           "HL03 '" + b.str(3) + "' is not a 277CA level (20, 21, 19, PT); read as level " +
               std::string(b.loop_id));
}
void on_source_hl(AckBuilder& b) { check_hl(b); }
void on_receiver_hl(AckBuilder& b) { check_hl(b); }

void on_bht(AckBuilder& b) {
  b.ack277->reference = b.str(3);
  b.ack277->date = b.str(4);
  b.check_date(b.e->at(4));
}
void on_source_nm1(AckBuilder& b) { b.ack277->source = name_of(b); }
void on_source_dtp(AckBuilder& b) {
  if (b.e->at(1) == "050") b.ack277->received_date = b.str(3);
  if (b.e->at(1) == "009") b.ack277->processed_date = b.str(3);
  b.check_date(b.e->at(3));
}
void on_receiver_nm1(AckBuilder& b) { new_level(b, "2200B", name_of(b)); }
void on_provider_hl(AckBuilder& b) {
  check_hl(b);
  b.provider = PersonName();
  b.level = nullptr;
}
void on_provider_nm1(AckBuilder& b) {
  b.provider = name_of(b);
  new_level(b, "2200C", b.provider);
}
void on_level_trn(AckBuilder& b) { level_for(b).trace = b.str(2); }
void on_level_stc(AckBuilder& b) { read_statuses(b, level_for(b).statuses); }
void on_level_qty(AckBuilder& b) {
  level_for(b).quantities.push_back({b.str(1), b.str(2), b.pos()});
}
void on_level_amt(AckBuilder& b) {
  level_for(b).amounts.push_back({b.str(1), b.amount(2).value_or(0), b.pos()});
}
void on_patient_hl(AckBuilder& b) {
  check_hl(b);
  b.patient = PersonName();
  b.claim = nullptr;
  b.line = nullptr;
}
void on_patient_nm1(AckBuilder& b) { b.patient = name_of(b); }
void on_claim_trn(AckBuilder& b) {
  AckClaim& c = b.ack277->claims.emplace_back();
  c.patient_control_number = b.str(2);
  c.patient = b.patient;
  c.provider = b.provider;
  c.pos = b.pos();
  b.claim = &c;
  b.line = nullptr;
  if (c.patient_control_number.empty())
    b.diag(Severity::warning, Errc::bad_element,
           "TRN02 (the claim's patient control number) is empty");
}
// Claim-level segments without their TRN (writer skipped it): a claim of their own.
AckClaim& claim_for(AckBuilder& b) {
  if (!b.claim) {
    b.diag(Severity::warning, Errc::missing_segment,
           std::string(b.e->id()) +
               " at claim level without a TRN before it; read as a claim "
               "with no patient control number");
    AckClaim& c = b.ack277->claims.emplace_back();
    c.patient = b.patient;
    c.provider = b.provider;
    c.pos = b.pos();
    b.claim = &c;
  }
  return *b.claim;
}
void on_claim_stc(AckBuilder& b) { read_statuses(b, claim_for(b).statuses); }
void on_claim_ref(AckBuilder& b) {
  AckClaim& c = claim_for(b);
  std::string_view q = b.e->at(1);
  if (q == "1K") c.payer_claim_number = b.str(2);
  if (q == "BLT") c.bill_type = b.str(2);
  if (q == "EA") c.medical_record = b.str(2);
  c.references.push_back({b.str(1), b.str(2), b.pos()});
}
void on_claim_dtp(AckBuilder& b) {
  AckClaim& c = claim_for(b);
  if (b.e->at(1) != "472")
    b.diag(Severity::warning, Errc::bad_element,
           "DTP01 '" + b.str(1) + "' at claim level; the 277CA uses 472 (service date)");
  c.service_date = b.str(3);
  b.check_date(b.e->at(3));
}
void on_svc(AckBuilder& b) {
  AckServiceLine& l = claim_for(b).lines.emplace_back();
  std::string_view composite = b.e->at(1);
  const char sep = b.delims->component;
  l.procedure.qualifier = std::string(component(composite, sep, 0));
  l.procedure.code = std::string(component(composite, sep, 1));
  for (std::size_t i = 2; i <= 5; ++i)
    if (!component(composite, sep, i).empty())
      l.procedure.modifiers.emplace_back(component(composite, sep, i));
  l.charge = b.amount(2).value_or(0);
  l.revenue_code = b.str(4);
  l.units = b.str(7);
  l.pos = b.pos();
  b.line = &l;
}
void on_line_stc(AckBuilder& b) {
  if (b.line) read_statuses(b, b.line->statuses);
}
void on_line_ref(AckBuilder& b) {
  if (b.line && b.e->at(1) == "FJ") b.line->control_number = b.str(2);
}
void on_line_dtp(AckBuilder& b) {
  if (!b.line) return;
  b.line->date = b.str(3);
  b.check_date(b.e->at(3));
}
void ignore(AckBuilder&) {}

struct Row {
  std::string_view loop, segment;
  Handler handler;
};

// clang-format off
constexpr Row kHandlers[] = {
  {"ST", "BHT", on_bht},
  {"2000A", "HL", on_source_hl},            {"2100A", "NM1", on_source_nm1},
  {"2200A", "TRN", ignore},           {"2200A", "DTP", on_source_dtp},
  {"2000B", "HL", on_receiver_hl},            {"2100B", "NM1", on_receiver_nm1},
  {"2200B", "TRN", on_level_trn},     {"2200B", "STC", on_level_stc},
  {"2200B", "QTY", on_level_qty},     {"2200B", "AMT", on_level_amt},
  {"2000C", "HL", on_provider_hl},    {"2100C", "NM1", on_provider_nm1},
  {"2200C", "TRN", on_level_trn},     {"2200C", "STC", on_level_stc},
  {"2200C", "REF", ignore},           {"2200C", "QTY", on_level_qty},
  {"2200C", "AMT", on_level_amt},
  {"2000D", "HL", on_patient_hl},     {"2100D", "NM1", on_patient_nm1},
  {"2200D", "TRN", on_claim_trn},     {"2200D", "STC", on_claim_stc},
  {"2200D", "REF", on_claim_ref},     {"2200D", "DTP", on_claim_dtp},
  {"2220D", "SVC", on_svc},           {"2220D", "STC", on_line_stc},
  {"2220D", "REF", on_line_ref},      {"2220D", "DTP", on_line_dtp},
};
// clang-format on

}  // namespace

void handle_277ca(AckBuilder& b, const Placement&) {
  if (!b.ack277) return;
  for (const Row& r : kHandlers) {
    if (r.loop == b.loop_id && r.segment == b.e->id()) {
      r.handler(b);
      return;
    }
  }
}

}  // namespace denial::detail
