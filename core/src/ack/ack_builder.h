// Stage 2 for acknowledgments: the state shared by the 277CA and 999 segment handlers
// (build_277ca.cpp, build_999.cpp) and the envelope checks (parse_ack.cpp).
#pragma once

#include <optional>
#include <string>

#include "denial/ack.h"
#include "era835/walker.h"
#include "x12/segment_reader.h"

namespace denial::detail {

class AckBuilder {
 public:
  explicit AckBuilder(AckParseResult& r) : result(r) {}
  /// Feeds one segment placed by `walker` (the walker of the set's transaction).
  void add(const Elements& e, const RawSegment& seg, const Placement& where, const Delimiters& d,
           const Walker& walker);
  /// End of input: closes what is still open and reports missing trailers.
  void finish(std::uint64_t end_offset, std::uint32_t last_segment, const Walker& walker);
  /// ST01 of the set being read ("277", "999"; "" between sets or in a skipped set).
  const std::string& current_set() const { return set_kind; }
  std::string_view first_other_transaction() const { return other_transaction; }

  // Handler state, public for the handler tables.
  AckParseResult& result;
  const Elements* e = nullptr;
  const RawSegment* seg = nullptr;
  const Delimiters* delims = nullptr;
  const Walker* walker = nullptr;
  std::string_view loop_id;

  // Envelope.
  std::string isa13, gs01, gs06, gs_version, gs_date, sender, receiver, st02, set_kind;
  std::string other_transaction;
  std::uint32_t st_segment = 0;
  int gs_count = 0, st_count = 0;
  bool in_isa = false, in_gs = false, skipping = false;

  // 277CA.
  ClaimAcknowledgment* ack277 = nullptr;
  AckLevel* level = nullptr;
  PersonName provider;  ///< the current 2100C billing provider
  PersonName patient;   ///< the current 2100D patient
  AckClaim* claim = nullptr;
  AckServiceLine* line = nullptr;

  // 999.
  ImplementationAcknowledgment* ack999 = nullptr;
  SetAcknowledgment* set = nullptr;
  SegmentError* error = nullptr;
  ElementError* element_error = nullptr;

  std::string str(std::size_t n) const { return std::string(e->at(n)); }
  SourcePos pos() const { return {seg->number, seg->offset}; }
  void diag(Severity s, Errc c, std::string message);
  /// An amount element; nullopt (and a diagnostic) when it is not a valid amount.
  std::optional<Cents> amount(std::size_t n);
  void check_date(std::string_view date);
  /// Closes the open set (SE seen or not) and what is open inside it.
  void finish_set(bool trailer_seen);
  void open_set(std::string_view st01);
};

/// Handlers per transaction: called for every segment of an open set.
void handle_277ca(AckBuilder& b, const Placement& where);
void handle_999(AckBuilder& b, const Placement& where);

}  // namespace denial::detail
