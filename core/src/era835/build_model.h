// Stage 2: turns placed segments into the 835 model. One handler per (loop, segment) pair,
// listed in a table in build_model.cpp.
#pragma once

#include "denial/parse.h"
#include "era835/walker.h"
#include "x12/segment_reader.h"

namespace denial::detail {

class ModelBuilder {
 public:
  ModelBuilder(ParseResult& result, const ParseOptions& options, const Walker& walker);
  /// Feeds one segment already placed by the walker.
  void add(const Elements& e, const RawSegment& seg, const Placement& where, const Delimiters& d);
  /// End of input: closes what is still open and reports missing trailers.
  void finish(std::uint64_t end_offset, std::uint32_t last_segment);
  bool saw_835() const { return saw_835_; }
  std::string_view other_transaction() const { return other_transaction_; }

  // Handler state, public for the handler table in build_model.cpp.
  ParseResult& result;
  const ParseOptions& options;
  const Elements* e = nullptr;
  const RawSegment* seg = nullptr;
  const Delimiters* delims = nullptr;
  const Walker* walker = nullptr;  ///< for the loop path in diagnostics
  std::string_view loop_id;        ///< loop of the current segment
  Transaction* tx = nullptr;
  Claim* claim = nullptr;
  Claim scratch_claim;
  /// Emptied vectors of a dropped claim's lines, buffers kept: streaming mode hands them to
  /// the next claim's lines instead of allocating (and growing) new ones per line.
  template <typename T>
  struct Spare {
    std::vector<std::vector<T>> items;
    void give(std::vector<T>& v) {
      if (v.capacity() == 0) return;
      v.clear();
      items.push_back(std::move(v));
    }
    void take(std::vector<T>& v) {
      if (items.empty()) return;
      v = std::move(items.back());
      items.pop_back();
    }
  };
  Spare<Adjustment> spare_adjustments;
  Spare<DateValue> spare_dates;
  Spare<Reference> spare_references;
  Spare<AmountValue> spare_amounts;
  Party* party = nullptr;
  Party other_party;  ///< an N1 that is neither PR nor PE: read, then dropped
  Cents sum_claim_paid = 0;
  std::size_t claims_in_tx = 0;
  /// Transactions before the input read (a range of a file cut at its transactions).
  std::size_t transaction_base = 0;
  /// Index in the file of the open transaction.
  std::size_t transaction_index() const {
    return transaction_base + result.era.transactions.size() - 1;
  }
  std::string isa13, gs06, isa_version, gs_version, sender, receiver;
  int gs_count = 0, st_count = 0;
  bool in_isa = false, in_gs = false, skipping_other_transaction = false;
  bool saw_835_ = false;
  bool warned_dtp_style = false;
  bool warned_component_separator = false;
  RawSegment end_marker;  ///< where end-of-input problems are reported
  std::string other_transaction_;

  void diag(Severity s, Errc c, std::string message);
  Cents amount(std::size_t element, bool required = true);
  Cents amount_slow(std::size_t element, std::string_view text, bool required);
  SourcePos pos() const { return {seg->number, seg->offset}; }
  void finish_claim();
  /// Streaming mode: empties the scratch claim for the next one, keeping buffers.
  void recycle_scratch_claim();
  void finish_transaction(bool trailer_seen);
  /// Adds one segment of the open transaction's body to its body_hash.
  void hash_body(std::string_view text, const Delimiters& d);
  void check_date(std::string_view date);

 private:
  std::string hash_view_;  ///< a redacted segment as the body hash reads it (buffer reused)
};

}  // namespace denial::detail
