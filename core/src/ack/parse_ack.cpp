// parse_acknowledgment: stage 1 (SegmentReader) and stage 2 (one Walker per transaction's
// tables + AckBuilder) for 277CA and 999 files, with the envelope checks the 835 reader
// makes (trailers, control numbers, counts). detect_kind says what a file is.
#include <algorithm>
#include <cctype>

#include "ack/ack_builder.h"
#include "ack/spec_277ca.h"
#include "denial/ack.h"
#include "x12/segment_reader.h"
#include "x12/text_checks.h"

namespace denial {
namespace detail {

void AckBuilder::diag(Severity s, Errc c, std::string message) {
  result.diagnostics.push_back({s, c, seg ? seg->number : 0, seg ? seg->offset : 0,
                                walker ? walker->path() : std::string(), std::move(message)});
}

std::optional<Cents> AckBuilder::amount(std::size_t n) {
  std::string_view text = e->at(n);
  if (text.empty()) return std::nullopt;
  if (auto cents = parse_cents(text)) return cents;
  diag(Severity::error, Errc::bad_amount,
       std::string(e->id()) + (n < 10 ? "0" : "") + std::to_string(n) + " '" +
           std::string(text.substr(0, 40)) + "' is not a valid amount; ignored");
  return std::nullopt;
}

void AckBuilder::check_date(std::string_view d) {
  // D8 (CCYYMMDD) or RD8 (CCYYMMDD-CCYYMMDD).
  auto valid = [](std::string_view x) {
    if (x.size() != 8) return false;
    for (char c : x)
      if (c < '0' || c > '9') return false;
    int y = std::stoi(std::string(x.substr(0, 4))), m = std::stoi(std::string(x.substr(4, 2))),
        day = std::stoi(std::string(x.substr(6, 2)));
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    int days = m == 2 ? (leap ? 29 : 28) : (m == 4 || m == 6 || m == 9 || m == 11) ? 30 : 31;
    return m >= 1 && m <= 12 && day >= 1 && day <= days;
  };
  std::size_t dash = d.find('-');
  bool ok = dash == std::string_view::npos ? valid(d)
                                           : valid(d.substr(0, dash)) && valid(d.substr(dash + 1));
  if (!ok && !d.empty())
    diag(Severity::warning, Errc::bad_date,
         "'" + std::string(d.substr(0, 20)) + "' is not a CCYYMMDD date (or range)");
}

void AckBuilder::open_set(std::string_view st01) {
  set_kind = std::string(st01);
  st02 = str(2);
  st_segment = seg->number;
  std::string version = !gs_version.empty() ? gs_version : str(3);
  if (st01 == "277") {
    ClaimAcknowledgment& a = result.claim_acks.emplace_back();
    a.control_number = st02;
    a.version = version;
    a.interchange_control = isa13;
    a.sender_id = sender;
    a.receiver_id = receiver;
    a.pos = pos();
    ack277 = &a;
    if (!version.empty() && version.rfind("005010X214", 0) != 0)
      diag(Severity::warning, Errc::unknown_version,
           "implementation version '" + version +
               "' is not 005010X214 (277CA); read with the 277CA structure");
  } else {
    ImplementationAcknowledgment& a = result.implementation_acks.emplace_back();
    a.control_number = st02;
    a.version = version;
    a.interchange_control = isa13;
    a.sender_id = sender;
    a.receiver_id = receiver;
    a.date = gs_date;
    a.pos = pos();
    ack999 = &a;
    if (!version.empty() && version.rfind("005010X231", 0) != 0)
      diag(Severity::warning, Errc::unknown_version,
           "implementation version '" + version +
               "' is not 005010X231A1 (999); read with the 999 structure");
  }
  result.readable = true;
}

void AckBuilder::finish_set(bool trailer_seen) {
  if (set_kind.empty()) return;
  if (ack999 && set && set->status.empty())
    diag(Severity::warning, Errc::missing_segment,
         "transaction set " + set->control_number + " has no IK5 (its verdict); read as unknown");
  if (ack999 && ack999->group_status.empty())
    diag(Severity::warning, Errc::missing_segment,
         "999 " + ack999->control_number + " has no AK9 (the group's verdict)");
  if (!trailer_seen)
    diag(Severity::error, Errc::missing_trailer,
         "transaction " + st02 + " has no SE trailer; the file may be truncated");
  if (ack277) ack277->complete = trailer_seen;
  if (ack999) ack999->complete = trailer_seen;
  set_kind.clear();
  ack277 = nullptr;
  level = nullptr;
  claim = nullptr;
  line = nullptr;
  ack999 = nullptr;
  set = nullptr;
  error = nullptr;
  element_error = nullptr;
  provider = patient = PersonName();
}

namespace {

void close_open_group(AckBuilder& b, std::string_view before) {
  b.finish_set(false);
  if (b.in_gs)
    b.diag(Severity::warning, Errc::missing_trailer,
           "functional group " + b.gs06 + " has no GE trailer (" + std::string(before) +
               " came first)");
  b.in_gs = false;
}

}  // namespace

void AckBuilder::add(const Elements& el, const RawSegment& s, const Placement& where,
                     const Delimiters& d, const Walker& w) {
  e = &el;
  seg = &s;
  delims = &d;
  walker = &w;
  loop_id = w.spec().loops[where.loop].id;
  std::string_view id = el.id();
  if (id == "ISA") {
    close_open_group(*this, "ISA");
    if (in_isa)
      diag(Severity::warning, Errc::missing_trailer,
           "interchange " + isa13 + " has no IEA trailer (the next ISA came first)");
    isa13 = str(13);
    sender = str(6);
    receiver = str(8);
    gs_count = 0;
    in_isa = true;
    if (el.size() < 17)
      diag(Severity::error, Errc::bad_isa,
           "ISA has " + std::to_string(el.size() - 1) + " elements, expected 16");
    return;
  }
  if (id == "IEA") {
    close_open_group(*this, "IEA");
    if (str(2) != isa13)
      diag(Severity::warning, Errc::envelope_mismatch,
           "IEA02 '" + str(2) + "' does not match ISA13 '" + isa13 + "'");
    if (str(1) != std::to_string(gs_count))
      diag(Severity::warning, Errc::envelope_count,
           "IEA01 says " + str(1) + " functional groups, read " + std::to_string(gs_count));
    in_isa = false;
    return;
  }
  if (id == "GS") {
    close_open_group(*this, "GS");
    ++gs_count;
    gs06 = str(6);
    gs_version = str(8);
    gs_date = str(4);
    gs01 = str(1);
    st_count = 0;
    in_gs = true;
    return;
  }
  if (id == "GE") {
    finish_set(false);
    if (str(2) != gs06)
      diag(Severity::warning, Errc::envelope_mismatch,
           "GE02 '" + str(2) + "' does not match GS06 '" + gs06 + "'");
    if (str(1) != std::to_string(st_count))
      diag(Severity::warning, Errc::envelope_count,
           "GE01 says " + str(1) + " transaction sets, read " + std::to_string(st_count));
    in_gs = false;
    return;
  }
  if (id == "ST") {
    finish_set(false);
    skipping = false;
    ++st_count;
    std::string_view st01 = el.at(1);
    // A damaged ST01 ("27") inside a group of claim acknowledgments (GS01 HN, X214) or of
    // implementation acknowledgments (FA, X231) is read as such, and said.
    std::string_view implied = gs01 == "HN" || gs_version.rfind("005010X214", 0) == 0   ? "277"
                               : gs01 == "FA" || gs_version.rfind("005010X231", 0) == 0 ? "999"
                                                                                        : "";
    if (st01 != "277" && st01 != "999" && !implied.empty() && st01 != "835" && st01 != "837") {
      diag(Severity::error, Errc::bad_element,
           "ST01 is '" + str(1) + "', not " + std::string(implied) + "; read as a " +
               std::string(implied == "277" ? "277CA" : "999") + " because the group says so");
      st01 = implied;
    }
    if (st01 != "277" && st01 != "999") {
      skipping = true;
      if (other_transaction.empty()) other_transaction = std::string(st01);
      diag(Severity::error, Errc::not_835_transaction,
           "transaction set " + str(1) + " is not a 277CA or 999 acknowledgment; skipped");
      return;
    }
    open_set(st01);
    return;
  }
  if (id == "SE") {
    if (skipping) {
      skipping = false;
      return;
    }
    if (set_kind.empty()) return;
    if (str(2) != st02)
      diag(Severity::warning, Errc::envelope_mismatch,
           "SE02 '" + str(2) + "' does not match ST02 '" + st02 + "'");
    std::uint32_t counted = s.number - st_segment + 1;
    if (str(1) != std::to_string(counted))
      diag(Severity::warning, Errc::envelope_count,
           "SE01 says " + str(1) + " segments, counted " + std::to_string(counted));
    finish_set(true);
    return;
  }
  if (skipping || id == "TA1") return;
  if (set_kind.empty()) {
    // Body segments without an ST (cut-off header, or after SE): read them as a set of the
    // walker's transaction rather than lose them; the walker said the ST is missing.
    open_set(w.spec().transaction);
  }
  if (set_kind == "277") {
    if (ack277) ack277->last_segment_no = s.number;
    handle_277ca(*this, where);
  } else {
    handle_999(*this, where);
  }
}

void AckBuilder::finish(std::uint64_t end_offset, std::uint32_t last_segment, const Walker& w) {
  RawSegment end_marker{{}, last_segment, end_offset};
  seg = &end_marker;
  walker = &w;
  finish_set(false);
  if (in_gs)
    diag(Severity::warning, Errc::missing_trailer,
         "functional group " + gs06 + " has no GE trailer");
  if (in_isa)
    diag(Severity::warning, Errc::missing_trailer, "interchange " + isa13 + " has no IEA trailer");
  seg = nullptr;
}

}  // namespace detail

std::string_view file_kind_id(FileKind k) {
  switch (k) {
    case FileKind::remittance_835:
      return "835";
    case FileKind::claim_ack_277ca:
      return "277CA";
    case FileKind::impl_ack_999:
      return "999";
    case FileKind::other_x12:
      return "other";
    case FileKind::unknown:
      break;
  }
  return "unknown";
}

std::string_view file_kind_label(FileKind k) {
  switch (k) {
    case FileKind::remittance_835:
      return "835 remittance advice";
    case FileKind::claim_ack_277ca:
      return "277CA claim acknowledgment";
    case FileKind::impl_ack_999:
      return "999 implementation acknowledgment";
    case FileKind::other_x12:
      return "another X12 transaction";
    case FileKind::unknown:
      break;
  }
  return "not an X12 file";
}

FileKind detect_kind(std::string_view bytes) {
  Diagnostics scratch;
  detail::SegmentReader reader(bytes, scratch);
  detail::RawSegment seg;
  detail::Elements e;
  std::string_view gs01;
  // The first ST decides; a few hundred segments at most are looked at (prose, TA1, GS).
  for (int n = 0; n < 256 && reader.next(seg, e); ++n) {
    if (e.id() == "GS" && gs01.empty()) gs01 = e.at(1);
    if (e.id() != "ST") continue;
    std::string_view st01 = e.at(1);
    if (st01 == "835") return FileKind::remittance_835;
    if (st01 == "277" || (st01.size() <= 3 && gs01 == "HN")) return FileKind::claim_ack_277ca;
    if (st01 == "999" || (st01.size() <= 3 && gs01 == "FA" && st01 != "997"))
      return FileKind::impl_ack_999;
    return FileKind::other_x12;
  }
  if (gs01 == "HP") return FileKind::remittance_835;
  if (gs01 == "HN") return FileKind::claim_ack_277ca;
  if (gs01 == "FA") return FileKind::impl_ack_999;
  return reader.has_envelope() ? FileKind::other_x12 : FileKind::unknown;
}

namespace {

struct AckRead {
  detail::SegmentReader& reader;
  detail::Walker& walker277;
  detail::Walker& walker999;
  detail::AckBuilder& builder;
  detail::Walker* current;
  Diagnostics& said277;
  Diagnostics& said999;
  std::uint32_t last = 0;
};

bool read_batch(AckRead& s, Diagnostics& diags) {
  detail::RawSegment seg;
  detail::Elements e;
  for (int n = 0; n < 4096; ++n) {
    if (!s.reader.next(seg, e)) return false;
    s.last = seg.number;
    if (e.truncated())
      diags.push_back({Severity::warning, Errc::too_many_elements, seg.number, seg.offset,
                       s.current->path(), "more than 63 elements; the rest ignored"});
    // The set's ST01 picks the tables; envelope segments go to both walkers so either can
    // carry on. A GS01 of HN / FA picks them when ST01 itself is damaged (ST*27).
    std::string_view id = e.id();
    // Inside a set of another transaction (an 835 in a 277CA file): only its SE and the
    // envelope matter; its body was reported once, at its ST, and is not placed.
    if (s.builder.skipping && id != "SE" && id != "ST" && id != "GS" && id != "GE" && id != "ISA" &&
        id != "IEA")
      continue;
    if (id == "ST")
      s.current =
          e.at(1) == "999" || (e.at(1) != "277" && s.builder.gs_version.rfind("005010X231", 0) == 0)
              ? &s.walker999
              : &s.walker277;
    detail::Placement where = s.current->place(e, seg);
    Diagnostics& said = s.current == &s.walker277 ? s.said277 : s.said999;
    diags.insert(diags.end(), said.begin(), said.end());
    said.clear();
    if (id == "ISA" || id == "GS" || id == "GE" || id == "IEA") {
      detail::Walker* other = s.current == &s.walker277 ? &s.walker999 : &s.walker277;
      other->place(e, seg);  // its view is not reported twice
      (s.current == &s.walker277 ? s.said999 : s.said277).clear();
    }
    if (where.loop >= 0) s.builder.add(e, seg, where, s.reader.delimiters(), *s.current);
  }
  return true;
}

}  // namespace

AckParseResult parse_acknowledgment(std::string_view bytes) {
  AckParseResult result;
  auto& diags = result.diagnostics;
  if (!detail::admit_input(bytes, diags)) return result;
  detail::SegmentReader reader(bytes, diags);
  // Each walker says what it finds into its own list; what the walker in use says is kept.
  Diagnostics said277, said999;
  detail::Walker walker277(said277, detail::spec_277ca());
  detail::Walker walker999(said999, detail::spec_999());
  if (!reader.has_envelope()) walker277.envelope_reported(), walker999.envelope_reported();
  detail::AckBuilder builder(result);
  FileKind kind = detect_kind(bytes);
  AckRead state{reader,
                walker277,
                walker999,
                builder,
                kind == FileKind::impl_ack_999 ? &walker999 : &walker277,
                said277,
                said999};
  while (read_batch(state, diags)) {
  }
  builder.finish(bytes.size(), state.last, *state.current);
  if (!result.readable) {
    if (!builder.first_other_transaction().empty())
      diags.push_back(
          {Severity::error, Errc::not_835_transaction, 0, 0, "",
           "this is an X12 " + std::string(builder.first_other_transaction()) + " (" +
               std::string(detail::transaction_name(builder.first_other_transaction())) +
               "), not a 277CA or 999 acknowledgment"});
    else if (state.last == 0)
      diags.push_back({Severity::error, Errc::not_x12, 0, 0, "",
                       "no ISA or ST segment found: this is not an X12 file"});
    else
      diags.push_back({Severity::error, Errc::missing_segment, 0, 0, "",
                       "no ST*277 or ST*999 transaction set found"});
  }
  std::stable_sort(diags.begin(), diags.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return a.segment_no < b.segment_no;
  });
  return result;
}

}  // namespace denial
