// Stage 2: segment handlers that fill the 835 model, keyed by (loop, segment) in one table.
#include "era835/build_model.h"

#include <cctype>
#include <cstring>
#include <string>
#include <vector>

#include "era835/redact_rules.h"
#include "era835/spec_835.h"

namespace denial::detail {
namespace {

using Handler = void (*)(ModelBuilder&);

// Body hash of a transaction: seed, and an odd multiplier with well-spread bits (2^64 / phi).
constexpr std::uint64_t kHashSeed = 0xcbf29ce484222325ULL, kHashMultiplier = 0x9E3779B97F4A7C15ULL;

std::string str(std::string_view v) { return std::string(v); }

// Splits the composite once (qualifier, code, four modifiers, description) into `p`,
// reusing its buffers: this runs for every service line.
void read_procedure(std::string_view composite, char sep, Procedure& p) {
  std::string_view parts[7];
  std::size_t n = 0, start = 0;
  for (; n < 7; ++n) {
    std::size_t end = composite.find(sep, start);
    parts[n] = composite.substr(start, end == std::string_view::npos ? end : end - start);
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  p.qualifier.assign(parts[0]);
  p.code.assign(parts[1]);
  p.modifiers.clear();
  for (std::size_t i = 2; i <= 5; ++i)
    if (!parts[i].empty()) p.modifiers.emplace_back(parts[i]);
  p.description.assign(parts[6]);
}

// Some writers use a different component separator in SVC01/SVC06 than ISA16 declares
// (SVC*HC>99213>26 under ISA16 ':'). A composite that starts with a two-letter qualifier and
// then a separator-like byte, and holds no declared separator, is split on that byte.
void composite_procedure(ModelBuilder& b, std::string_view composite, Procedure& out) {
  char sep = b.delims->component;
  if (composite.find(sep) == std::string_view::npos && composite.size() > 3 &&
      std::isupper(static_cast<unsigned char>(composite[0])) &&
      std::isalnum(static_cast<unsigned char>(composite[1])) &&
      std::ispunct(static_cast<unsigned char>(composite[2])) && composite[2] != b.delims->element) {
    char used = composite[2];
    if (!b.warned_component_separator) {
      b.diag(Severity::warning, Errc::bad_element,
             std::string("procedure composite uses '") + used +
                 "' as component separator, not ISA16 '" + sep + "'; read with '" + used +
                 "' (reported once)");
      b.warned_component_separator = true;
    }
    sep = used;
  }
  read_procedure(composite, sep, out);
}

ServiceLine* current_line(ModelBuilder& b) {
  return b.claim && !b.claim->lines.empty() ? &b.claim->lines.back() : nullptr;
}

// --- envelope ---------------------------------------------------------------------------
// A new ISA or GS closes what the previous one left open: report the missing trailers there,
// not only at the end of the input (where only the last interchange would be named).
void close_open_group(ModelBuilder& b, std::string_view before) {
  if (b.tx) b.finish_transaction(false);
  if (b.in_gs)
    b.diag(Severity::warning, Errc::missing_trailer,
           "functional group " + b.gs06 + " has no GE trailer (" + str(before) + " came first)");
  b.in_gs = false;
}
void on_isa(ModelBuilder& b) {
  close_open_group(b, "ISA");
  if (b.in_isa)
    b.diag(Severity::warning, Errc::missing_trailer,
           "interchange " + b.isa13 + " has no IEA trailer (the next ISA came first)");
  b.isa13.assign(b.e->at(13));
  b.isa_version.assign(b.e->at(12));
  b.sender.assign(b.e->at(6));
  b.receiver.assign(b.e->at(8));
  b.gs_count = 0;
  b.in_isa = true;
  if (b.e->size() < 17)
    b.diag(Severity::error, Errc::bad_isa,
           "ISA has " + std::to_string(b.e->size() - 1) + " elements, expected 16");
  if (b.delims->component == b.delims->element)
    b.diag(Severity::error, Errc::bad_isa,
           "ISA16 component separator is the element separator '" +
               std::string(1, b.delims->element) +
               "': composite elements (SVC01, CLP08) cannot be told apart from elements");
}
void on_iea(ModelBuilder& b) {
  close_open_group(b, "IEA");
  if (str(b.e->at(2)) != b.isa13)
    b.diag(Severity::warning, Errc::envelope_mismatch,
           "IEA02 '" + str(b.e->at(2)) + "' does not match ISA13 '" + b.isa13 + "'");
  if (str(b.e->at(1)) != std::to_string(b.gs_count))
    b.diag(
        Severity::warning, Errc::envelope_count,
        "IEA01 says " + str(b.e->at(1)) + " functional groups, read " + std::to_string(b.gs_count));
  b.in_isa = false;
}
void on_gs(ModelBuilder& b) {
  close_open_group(b, "GS");
  ++b.gs_count;
  b.gs06.assign(b.e->at(6));
  b.gs_version.assign(b.e->at(8));
  b.st_count = 0;
  b.in_gs = true;
  if (b.e->at(1) != "HP" && !b.e->at(1).empty())
    b.diag(Severity::info, Errc::bad_element,
           "GS01 is '" + str(b.e->at(1)) + "', expected HP for an 835");
}
void on_ge(ModelBuilder& b) {
  if (b.tx) b.finish_transaction(false);  // no SE before the GE: say so here
  if (str(b.e->at(2)) != b.gs06)
    b.diag(Severity::warning, Errc::envelope_mismatch,
           "GE02 '" + str(b.e->at(2)) + "' does not match GS06 '" + b.gs06 + "'");
  if (str(b.e->at(1)) != std::to_string(b.st_count))
    b.diag(
        Severity::warning, Errc::envelope_count,
        "GE01 says " + str(b.e->at(1)) + " transaction sets, read " + std::to_string(b.st_count));
  b.in_gs = false;
}
void open_transaction(ModelBuilder& b, std::string control_number, std::string_view st03) {
  b.saw_835_ = true;
  auto& txs = b.result.era.transactions;
  txs.emplace_back();
  b.tx = &txs.back();
  b.tx->control_number = std::move(control_number);
  b.tx->version = !b.gs_version.empty() ? b.gs_version : str(st03);
  b.tx->interchange_control = b.isa13;
  b.tx->sender_id = b.sender;
  b.tx->receiver_id = b.receiver;
  b.tx->pos = b.pos();
  b.tx->element_separator = b.delims->element;
  b.tx->component_separator = b.delims->component;
  b.tx->segment_terminator = b.delims->segment;
  b.tx->body_hash = kHashSeed;
  b.sum_claim_paid = 0;
  const std::string& v = b.tx->version;
  if (v.rfind("004010", 0) == 0 || b.isa_version == "00401") {
    b.diag(Severity::info, Errc::version_4010,
           "4010 remittance (" + v + "); read with the 5010 structure");
  } else if (!v.empty() && v.rfind("005010", 0) != 0) {
    b.diag(Severity::warning, Errc::unknown_version,
           "implementation version '" + v + "' is not 005010X221A1");
  }
}
void on_st(ModelBuilder& b) {
  if (b.tx) b.finish_transaction(false);
  ++b.st_count;
  if (b.e->at(1) != "835") {
    b.skipping_other_transaction = true;
    if (b.other_transaction_.empty()) b.other_transaction_ = str(b.e->at(1));
    b.diag(Severity::error, Errc::not_835_transaction,
           "transaction set " + str(b.e->at(1)) + " is not an 835; skipped");
    return;
  }
  open_transaction(b, str(b.e->at(2)), b.e->at(3));
}
void on_se(ModelBuilder& b) {
  if (!b.tx) return;
  if (str(b.e->at(2)) != b.tx->control_number)
    b.diag(Severity::warning, Errc::envelope_mismatch,
           "SE02 '" + str(b.e->at(2)) + "' does not match ST02 '" + b.tx->control_number + "'");
  // SE01 counts every segment from ST to SE, also those skipped as unknown or too long.
  std::uint32_t counted = b.seg->number - b.tx->pos.segment_no + 1;
  if (str(b.e->at(1)) != std::to_string(counted))
    b.diag(Severity::warning, Errc::envelope_count,
           "SE01 says " + str(b.e->at(1)) + " segments, counted " + std::to_string(counted));
  b.finish_transaction(true);
}

// --- header -------------------------------------------------------------------------------
void on_bpr(ModelBuilder& b) {
  Payment& p = b.tx->payment;
  if (b.claims_in_tx > 0)
    b.diag(Severity::warning, Errc::unexpected_segment,
           "BPR after the transaction's first claim (it belongs before the claims); read as "
           "the transaction's payment");
  p.handling.assign(b.e->at(1));
  p.amount = b.amount(2);
  p.credit_debit.assign(b.e->at(3));
  p.method.assign(b.e->at(4));
  p.format.assign(b.e->at(5));
  p.date.assign(b.e->at(16));
  p.pos = b.pos();
  if (!p.date.empty()) b.check_date(p.date);
}
void on_trn(ModelBuilder& b) {
  Payment& p = b.tx->payment;
  p.trace_type.assign(b.e->at(1));
  p.trace_number.assign(b.e->at(2));
  p.originator.assign(b.e->at(3));
}
void on_header_ref(ModelBuilder& b) {
  b.tx->references.push_back({str(b.e->at(1)), str(b.e->at(2)), b.pos()});
}
void on_header_dtm(ModelBuilder& b) {
  if (b.e->at(1) == "405") b.tx->production_date = str(b.e->at(2));
  b.check_date(b.e->at(2));
}
void on_plb(ModelBuilder& b) {
  for (std::size_t i = 3; i + 1 <= b.e->size() && i <= 13; i += 2) {
    if (b.e->at(i).empty() && b.e->at(i + 1).empty()) continue;
    ProviderAdjustment a;
    a.provider_id.assign(b.e->at(1));
    a.fiscal_period.assign(b.e->at(2));
    a.reason.assign(component(b.e->at(i), b.delims->component, 0));
    a.reference.assign(component(b.e->at(i), b.delims->component, 1));
    a.amount = b.amount(i + 1);
    a.pos = b.pos();
    b.tx->provider_adjustments.push_back(std::move(a));
  }
}

// --- 1000A / 1000B -------------------------------------------------------------------------
void on_n1(ModelBuilder& b) {
  if (b.e->at(1) != "PR" && b.e->at(1) != "PE") {
    // Neither payer nor payee: keep it (and its N3/N4/REF) away from both.
    b.diag(Severity::warning, Errc::bad_element,
           "N101 '" + str(b.e->at(1)) + "' is neither PR (payer) nor PE (payee); party skipped");
    b.other_party = Party();
    b.party = &b.other_party;
    return;
  }
  b.party = b.e->at(1) == "PR" ? &b.tx->payer : &b.tx->payee;
  Party& p = *b.party;
  p.entity.assign(b.e->at(1));
  p.name.assign(b.e->at(2));
  p.id_qualifier.assign(b.e->at(3));
  p.id.assign(b.e->at(4));
  p.pos = b.pos();
}
void on_n3(ModelBuilder& b) {
  for (std::size_t i = 1; i <= 2; ++i)
    if (!b.e->at(i).empty()) b.party->address.push_back(str(b.e->at(i)));
}
void on_n4(ModelBuilder& b) {
  b.party->city.assign(b.e->at(1));
  b.party->state.assign(b.e->at(2));
  b.party->zip.assign(b.e->at(3));
}
void on_party_ref(ModelBuilder& b) {
  b.party->references.push_back({str(b.e->at(1)), str(b.e->at(2)), b.pos()});
}
void on_party_per(ModelBuilder& b) {
  std::string text;
  for (std::size_t i = 1; i < b.e->size(); ++i) {
    if (b.e->at(i).empty()) continue;
    if (!text.empty()) text += ' ';
    text += str(b.e->at(i));
  }
  b.party->contacts.push_back(text);
}

// --- 2000 / 2100 -------------------------------------------------------------------------
void on_lx(ModelBuilder& b) { b.scratch_claim.header_number = str(b.e->at(1)); }
void on_clp(ModelBuilder& b) {
  // scratch_claim was reset by finish_claim (keeping its capacity in streaming mode).
  b.claim = &b.scratch_claim;
  Claim& c = *b.claim;
  c.patient_control_number.assign(b.e->at(1));
  c.status.assign(b.e->at(2));
  c.charge = b.amount(3);
  c.paid = b.amount(4);
  if (!b.e->at(5).empty()) c.patient_responsibility = b.amount(5);
  c.filing_indicator.assign(b.e->at(6));
  c.payer_claim_number.assign(b.e->at(7));
  c.facility_type.assign(component(b.e->at(8), b.delims->component, 0));
  c.frequency.assign(b.e->at(9));
  c.drg.assign(b.e->at(11));
  c.pos = b.pos();
  if (c.status.empty()) b.diag(Severity::warning, Errc::bad_element, "CLP02 claim status is empty");
}
void on_cas(ModelBuilder& b) {
  ServiceLine* line = b.loop_id == "2110" ? current_line(b) : nullptr;
  auto& list = line ? line->adjustments : b.claim->adjustments;
  std::string group = str(b.e->at(1));
  for (std::size_t i = 2; i <= 17; i += 3) {
    if (b.e->at(i).empty() && b.e->at(i + 1).empty()) continue;
    Adjustment a{group, str(b.e->at(i)), b.amount(i + 1), str(b.e->at(i + 2)), b.pos()};
    if (a.reason.empty())
      b.diag(Severity::warning, Errc::bad_element, "CAS reason code missing before amount");
    list.push_back(std::move(a));
  }
  if (group.empty()) b.diag(Severity::warning, Errc::bad_element, "CAS01 group code is empty");
  // CAS holds at most six triplets (CAS02-CAS19); more is a writer error whose money is not
  // read, so say so (the balance check then shows the amount missing).
  for (std::size_t i = 20; i < b.e->size(); ++i) {
    if (b.e->at(i).empty()) continue;
    b.diag(Severity::warning, Errc::too_many_elements,
           "CAS has " + std::to_string(b.e->size() - 1) +
               " elements; more than six reason/amount/quantity triplets, the rest ignored");
    break;
  }
}
void on_nm1(ModelBuilder& b) {
  b.claim->names.push_back({str(b.e->at(1)), str(b.e->at(3)), str(b.e->at(4)), str(b.e->at(5)),
                            str(b.e->at(8)), str(b.e->at(9)), b.pos()});
}
void add_remarks(ModelBuilder& b, std::string_view seg, std::initializer_list<std::size_t> at) {
  for (std::size_t i : at) {
    if (b.e->at(i).empty()) continue;
    b.claim->remarks.push_back(
        {str(b.e->at(i)), str(seg) + (i < 10 ? "0" : "") + std::to_string(i), "HE", b.pos()});
  }
}
void keep_adjudication(ModelBuilder& b) {
  AdjudicationInfo info{str(b.e->id()), {}, b.pos()};
  for (std::size_t i = 1; i < b.e->size(); ++i) info.elements.push_back(str(b.e->at(i)));
  b.claim->adjudication.push_back(std::move(info));
}
void on_mia(ModelBuilder& b) {
  keep_adjudication(b);
  add_remarks(b, "MIA", {5, 20, 21, 22, 23});
}
void on_moa(ModelBuilder& b) {
  keep_adjudication(b);
  add_remarks(b, "MOA", {3, 4, 5, 6, 7});
}
void on_claim_ref(ModelBuilder& b) {
  b.claim->references.push_back({str(b.e->at(1)), str(b.e->at(2)), b.pos()});
}
// Some writers put a format qualifier first (DTM*472*D8*20250806, DTP style); read the date
// that follows it and say so once per file.
std::string_view dtm_date(ModelBuilder& b) {
  std::string_view d = b.e->at(2);
  if ((d == "D8" || d == "RD8") && !b.e->at(3).empty()) {
    if (!b.warned_dtp_style) {
      b.diag(Severity::warning, Errc::bad_element,
             "DTM02 holds the format qualifier '" + str(d) +
                 "'; the date was read from DTM03 (reported once)");
      b.warned_dtp_style = true;
    }
    return b.e->at(3);
  }
  return d;
}
void on_claim_dtm(ModelBuilder& b) {
  std::string_view d = dtm_date(b);
  b.claim->dates.push_back({str(b.e->at(1)), str(d), b.pos()});
  b.check_date(d);
}
void on_claim_amt(ModelBuilder& b) {
  b.claim->amounts.push_back({str(b.e->at(1)), b.amount(2), b.pos()});
}
void on_claim_qty(ModelBuilder& b) {
  b.claim->quantities.push_back({str(b.e->at(1)), str(b.e->at(2)), b.pos()});
}
void on_claim_per(ModelBuilder&) {}

// --- 2110 --------------------------------------------------------------------------------
void on_svc(ModelBuilder& b) {
  ServiceLine& l = b.claim->lines.emplace_back();
  b.spare_adjustments.take(l.adjustments);
  b.spare_dates.take(l.dates);
  b.spare_references.take(l.references);
  b.spare_amounts.take(l.amounts);
  composite_procedure(b, b.e->at(1), l.procedure);
  l.charge = b.amount(2);
  l.paid = b.amount(3);
  l.revenue_code.assign(b.e->at(4));
  l.units_paid.assign(b.e->at(5));
  if (!b.e->at(6).empty()) composite_procedure(b, b.e->at(6), l.submitted.emplace());
  l.units_submitted.assign(b.e->at(7));
  l.pos = b.pos();
  if (l.procedure.code.empty() && l.revenue_code.empty())
    b.diag(Severity::warning, Errc::bad_element, "SVC01 has no procedure code");
}
void on_line_dtm(ModelBuilder& b) {
  std::string_view d = dtm_date(b);
  current_line(b)->dates.push_back({str(b.e->at(1)), str(d), b.pos()});
  b.check_date(d);
}
void on_line_ref(ModelBuilder& b) {
  ServiceLine* l = current_line(b);
  if (b.e->at(1) == "6R") l->control_number = str(b.e->at(2));
  l->references.push_back({str(b.e->at(1)), str(b.e->at(2)), b.pos()});
}
void on_line_amt(ModelBuilder& b) {
  current_line(b)->amounts.push_back({str(b.e->at(1)), b.amount(2), b.pos()});
}
void on_line_qty(ModelBuilder& b) {
  current_line(b)->quantities.push_back({str(b.e->at(1)), str(b.e->at(2)), b.pos()});
}
void on_lq(ModelBuilder& b) {
  if (b.e->at(2).empty()) {
    b.diag(Severity::warning, Errc::bad_element, "LQ02 remark code is empty; skipped");
    return;
  }
  current_line(b)->remarks.push_back({str(b.e->at(2)), "LQ", str(b.e->at(1)), b.pos()});
}
void ignore(ModelBuilder&) {}

struct HandlerRow {
  std::string_view loop;
  std::string_view segment;
  Handler handler;
};

// clang-format off
constexpr HandlerRow kHandlers[] = {
  {"ISA", "ISA", on_isa},   {"ISA", "IEA", on_iea},   {"ISA", "TA1", ignore},
  {"GS", "GS", on_gs},      {"GS", "GE", on_ge},
  {"ST", "ST", on_st},      {"ST", "SE", on_se},      {"ST", "BPR", on_bpr},
  {"ST", "TRN", on_trn},    {"ST", "CUR", ignore},    {"ST", "REF", on_header_ref},
  {"ST", "DTM", on_header_dtm}, {"ST", "PLB", on_plb},
  {"1000A", "N1", on_n1},   {"1000A", "N3", on_n3},   {"1000A", "N4", on_n4},
  {"1000A", "REF", on_party_ref}, {"1000A", "PER", on_party_per},
  {"1000B", "N1", on_n1},   {"1000B", "N3", on_n3},   {"1000B", "N4", on_n4},
  {"1000B", "REF", on_party_ref}, {"1000B", "RDM", ignore},
  {"2000", "LX", on_lx},    {"2000", "TS3", ignore},  {"2000", "TS2", ignore},
  {"2100", "CLP", on_clp},  {"2100", "CAS", on_cas},  {"2100", "NM1", on_nm1},
  {"2100", "MIA", on_mia},  {"2100", "MOA", on_moa},  {"2100", "REF", on_claim_ref},
  {"2100", "DTM", on_claim_dtm}, {"2100", "PER", on_claim_per}, {"2100", "AMT", on_claim_amt},
  {"2100", "QTY", on_claim_qty},
  {"2110", "SVC", on_svc},  {"2110", "DTM", on_line_dtm}, {"2110", "CAS", on_cas},
  {"2110", "REF", on_line_ref}, {"2110", "AMT", on_line_amt}, {"2110", "QTY", on_line_qty},
  {"2110", "LQ", on_lq},
};
// clang-format on

// kHandlers rearranged as [loop][segment id] once, so the hot path indexes instead of
// comparing strings. kHandlers stays the one place the mapping is declared.
struct HandlerIndex {
  std::vector<std::vector<Handler>> by_loop;
  int loop_isa, loop_gs, loop_2100, loop_2110, clp, svc, cas, se, st, gs, ge, isa, iea;
  int nm1, ref, plb, bpr;
  HandlerIndex() {
    by_loop.assign(loops_end() - loops_begin(), std::vector<Handler>(segment_id_count(), nullptr));
    for (const auto& row : kHandlers)
      by_loop[find_loop(row.loop)][segment_id_of(row.segment)] = row.handler;
    loop_isa = find_loop("ISA");
    loop_gs = find_loop("GS");
    loop_2100 = find_loop("2100");
    loop_2110 = find_loop("2110");
    clp = segment_id_of("CLP"), svc = segment_id_of("SVC"), cas = segment_id_of("CAS");
    se = segment_id_of("SE"), st = segment_id_of("ST"), gs = segment_id_of("GS");
    ge = segment_id_of("GE"), isa = segment_id_of("ISA"), iea = segment_id_of("IEA");
    nm1 = segment_id_of("NM1"), ref = segment_id_of("REF"), plb = segment_id_of("PLB");
    bpr = segment_id_of("BPR");
  }
  /// Segments a trends-only copy may change (redact_rules.h).
  bool redactable(int id) const {
    return id == nm1 || id == clp || id == ref || id == plb || id == bpr;
  }
  bool envelope(int id) const { return id == isa || id == iea || id == gs || id == ge || id == st; }
};

const HandlerIndex& handlers() {
  static const HandlerIndex index;
  return index;
}

// Streaming mode reuses one Claim: clearing keeps the vectors' buffers, saving most of the
// allocations a fresh Claim per claim would cost. (Service lines are not pooled: moving
// them in and out of a pool measured as costly as allocating them anew.)
void reset_keeping_capacity(Claim& c) {
  for (std::string* s : {&c.patient_control_number, &c.status, &c.filing_indicator,
                         &c.payer_claim_number, &c.facility_type, &c.frequency, &c.drg})
    s->clear();
  c.charge = c.paid = 0;
  c.patient_responsibility.reset();
  c.names.clear();
  c.adjustments.clear();
  c.remarks.clear();
  c.adjudication.clear();
  c.references.clear();
  c.dates.clear();
  c.amounts.clear();
  c.quantities.clear();
  c.lines.clear();
  c.pos = {};
  c.last_segment_no = 0;
  c.end_offset = 0;
}

}  // namespace

ModelBuilder::ModelBuilder(ParseResult& r, const ParseOptions& o, const Walker& w)
    : result(r), options(o), walker(&w) {}

void ModelBuilder::diag(Severity s, Errc c, std::string message) {
  result.diagnostics.push_back({s, c, seg ? seg->number : 0, seg ? seg->offset : 0,
                                walker ? walker->path() : std::string(), std::move(message)});
}

Cents ModelBuilder::amount(std::size_t element, bool required) {
  std::string_view text = e->at(element);
  // Nearly every amount is "123", "123.4" or "123.45" (maybe negative): read those here,
  // the rest (spaces, '+', ".5", errors, 14+ characters) through parse_cents; 13
  // characters stay below parse_cents' limit (90 trillion dollars).
  if (!text.empty() && text.size() <= 13) {
    const bool negative = text[0] == '-';
    std::size_t i = negative ? 1 : 0;
    Cents whole = 0;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i)
      whole = whole * 10 + (text[i] - '0');
    const bool has_digits = i > (negative ? 1u : 0u);
    if (has_digits && i == text.size()) return negative ? -whole * 100 : whole * 100;
    const std::size_t fraction = text.size() - i - 1;  // digits after the point
    if (has_digits && text[i] == '.' && (fraction == 1 || fraction == 2)) {
      Cents cents = 0;
      for (std::size_t k = i + 1; k < text.size(); ++k) {
        if (text[k] < '0' || text[k] > '9') return amount_slow(element, text, required);
        cents = cents * 10 + (text[k] - '0');
      }
      if (fraction == 1) cents *= 10;
      const Cents value = whole * 100 + cents;
      return negative ? -value : value;
    }
  }
  return amount_slow(element, text, required);
}

Cents ModelBuilder::amount_slow(std::size_t element, std::string_view text, bool required) {
  if (text.empty()) {
    if (required) {
      diag(Severity::warning, Errc::missing_segment,
           std::string(e->id()) + (element < 10 ? "0" : "") + std::to_string(element) +
               " amount is missing; read as 0.00");
    }
    return 0;
  }
  if (auto cents = parse_cents(text)) return *cents;
  diag(Severity::error, Errc::bad_amount,
       std::string(e->id()) + (element < 10 ? "0" : "") + std::to_string(element) + " '" +
           std::string(text.substr(0, 40)) + "' is not a valid amount; read as 0.00");
  return 0;
}

void ModelBuilder::check_date(std::string_view d) {
  auto digits = [&](std::size_t from, std::size_t n) {
    int v = 0;
    for (std::size_t i = from; i < from + n; ++i) v = v * 10 + (d[i] - '0');
    return v;
  };
  bool ok = d.size() == 8;
  for (char c : d) ok = ok && c >= '0' && c <= '9';
  if (ok) {
    int y = digits(0, 4), m = digits(4, 2), day = digits(6, 2);
    // Days per month, February by the Gregorian leap-year rule (20250230 is not a date).
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    int days = m == 2 ? (leap ? 29 : 28) : (m == 4 || m == 6 || m == 9 || m == 11) ? 30 : 31;
    ok = m >= 1 && m <= 12 && day >= 1 && day <= days;
  }
  if (!ok && !d.empty())
    diag(Severity::warning, Errc::bad_date,
         "'" + std::string(d.substr(0, 20)) + "' is not a CCYYMMDD date");
}

void ModelBuilder::finish_claim() {
  if (!claim || !tx) return;
  std::size_t t = transaction_index();
  std::ptrdiff_t index = static_cast<std::ptrdiff_t>(claims_in_tx);
  check_claim_balance(*claim, t, index, result.balance);
  sum_claim_paid += claim->paid;
  ++result.claim_count;
  ++claims_in_tx;
  if (options.on_claim) options.on_claim(t, *tx, *claim);
  std::string header = claim->header_number;
  if (options.keep_claims) {
    tx->claims.push_back(std::move(*claim));
    scratch_claim = Claim();
  } else {
    recycle_scratch_claim();
  }
  scratch_claim.header_number = header;
  claim = nullptr;
}

void ModelBuilder::recycle_scratch_claim() {
  for (ServiceLine& l : scratch_claim.lines) {
    spare_adjustments.give(l.adjustments);
    spare_dates.give(l.dates);
    spare_references.give(l.references);
    spare_amounts.give(l.amounts);
  }
  reset_keeping_capacity(scratch_claim);
}

void ModelBuilder::finish_transaction(bool trailer_seen) {
  finish_claim();
  if (!tx) return;
  tx->complete = trailer_seen;
  std::size_t t = transaction_index();
  check_transaction_balance(*tx, t, sum_claim_paid, result.balance);
  if (tx->payment.pos.segment_no == 0)
    diag(Severity::warning, Errc::missing_segment,
         "transaction " + tx->control_number + " has no BPR payment segment");
  if (!trailer_seen) {
    diag(Severity::error, Errc::missing_trailer,
         "transaction " + tx->control_number + " has no SE trailer; the file may be truncated");
  }
  if (options.on_transaction_end) options.on_transaction_end(t, *tx, result.balance);
  tx = nullptr;
  party = nullptr;
  claims_in_tx = 0;
}

void ModelBuilder::hash_body(std::string_view text, const Delimiters& d) {
  // Eight bytes at a time (this runs over every byte of every transaction). Element and
  // component separators are replaced by fixed bytes first, so a copy re-sent with other
  // delimiters still matches; the segment's length ends it.
  constexpr std::uint64_t kLow7 = 0x7F7F7F7F7F7F7F7FULL, kOnes = 0x0101010101010101ULL;
  const std::uint64_t element = kOnes * static_cast<unsigned char>(d.element);
  const std::uint64_t component = kOnes * static_cast<unsigned char>(d.component);
  auto bytes_equal = [](std::uint64_t word, std::uint64_t pattern) {  // 0xFF where equal
    std::uint64_t x = word ^ pattern;
    return (~(((x & kLow7) + kLow7) | x | kLow7) >> 7) * 0xFF;
  };
  std::uint64_t h = tx->body_hash;
  auto mix = [&](std::uint64_t w) {
    const std::uint64_t e = bytes_equal(w, element), c = bytes_equal(w, component) & ~e;
    w = (w & ~(e | c)) | (e & (kOnes * 0x1F)) | (c & (kOnes * 0x1E));
    h = (h ^ w) * kHashMultiplier;
    h ^= h >> 32;
  };
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, text.data() + i, 8);
    mix(w);
  }
  if (i < text.size()) {
    std::uint64_t w = 0;
    std::memcpy(&w, text.data() + i, text.size() - i);
    mix(w);
  }
  tx->body_hash = (h ^ text.size()) * kHashMultiplier;
}

void ModelBuilder::add(const Elements& el, const RawSegment& s, const Placement& where,
                       const Delimiters& d) {
  e = &el;
  seg = &s;
  delims = &d;
  loop_id = loops_begin()[where.loop].id;
  const HandlerIndex& h = handlers();
  const int id = where.segment;
  const bool in_2100 = where.loop == h.loop_2100, in_2110 = where.loop == h.loop_2110;
  if (skipping_other_transaction) {
    // Inside a non-835 transaction: skip to its SE, or stop at the next envelope segment.
    if (!h.envelope(id) && id != h.se) return;
    skipping_other_transaction = false;
    if (id == h.se) return;
  }
  // A claim ends at the next CLP, or at any segment outside loops 2100/2110.
  bool inside_claim = (in_2100 && !where.starts_loop) || in_2110;
  if (claim && !inside_claim) finish_claim();
  bool in_transaction = where.loop != h.loop_isa && where.loop != h.loop_gs;
  if (in_transaction && !tx && id != h.st && id != h.se) {
    // The walker opened ST implicitly (no ST segment: a file without one, or claims after SE
    // or IEA) and reported it. Read those segments as a transaction of their own rather than
    // dropping their claims.
    open_transaction(*this, "", {});
  }
  if (in_transaction && !tx && id != h.st) return;
  if (tx && in_transaction && id != h.st && id != h.se) {
    // Hashed as a trends-only copy would read (no patient names or IDs, no account numbers),
    // so the copy and its original are one payment.
    if (!h.redactable(id)) {
      hash_body(s.text, d);
    } else {
      Redaction r = redact_segment(el, loop_id, d, {}, hash_view_);
      if (r != Redaction::drop) hash_body(r == Redaction::keep ? s.text : hash_view_, d);
    }
  }
  bool needs_claim = in_2110 || (in_2100 && id != h.clp);
  if (needs_claim && !claim) return;
  bool needs_line = in_2110 && id != h.svc && id != h.cas;
  if (needs_line && !current_line(*this)) return;
  if (Handler handler = id >= 0 ? h.by_loop[where.loop][id] : nullptr) handler(*this);
  if (claim) claim->last_segment_no = s.number, claim->end_offset = s.offset + s.text.size();
  if (ServiceLine* l = current_line(*this); l && in_2110) l->last_segment_no = s.number;
  if (tx) tx->last_segment_no = s.number;
}

void ModelBuilder::finish(std::uint64_t end_offset, std::uint32_t last_segment) {
  // Trailer problems are reported at the end of the input, where the trailer should be.
  end_marker = RawSegment{{}, last_segment, end_offset};
  seg = &end_marker;
  if (tx) finish_transaction(false);
  if (in_gs)
    diag(Severity::warning, Errc::missing_trailer,
         "functional group " + gs06 + " has no GE trailer");
  if (in_isa)
    diag(Severity::warning, Errc::missing_trailer, "interchange " + isa13 + " has no IEA trailer");
}

}  // namespace denial::detail
