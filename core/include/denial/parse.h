// Public entry point of stages 1 and 2: bytes in, 835 model + diagnostics + balance out.
#pragma once

#include <functional>
#include <string_view>
#include <vector>

#include "denial/balance.h"
#include "denial/diagnostic.h"
#include "denial/era.h"
#include "denial/transaction_split.h"

namespace denial {

struct ParseOptions {
  /// Keep every claim in Era (the default). Big-file callers switch this off and receive each
  /// claim through on_claim instead, so memory stays proportional to one claim.
  bool keep_claims = true;
  /// Called once per completed claim, after its balance checks, with its transaction index.
  std::function<void(std::size_t transaction, const Transaction&, Claim&)> on_claim;
  /// Called once per transaction when it ends (SE, a new ST, or end of input), in order.
  /// `balance` is every balance finding so far in the input (this transaction's are last).
  std::function<void(std::size_t transaction, const Transaction&,
                     const std::vector<BalanceFinding>& balance)>
      on_transaction_end;
};

struct ParseResult {
  Era era;
  Diagnostics diagnostics;              ///< always filled; errors, warnings and notes
  std::vector<BalanceFinding> balance;  ///< every balance check that failed
  /// False when nothing of an 835 could be read (empty, not X12, another transaction type).
  bool readable = false;
  std::size_t claim_count = 0;  ///< counted even when keep_claims is off
};

/// Reads an 835 (5010 or 4010). Never throws; problems are in diagnostics.
ParseResult parse_835(std::string_view bytes, const ParseOptions& options = {});

/// Reads range `range` of a file cut by plan_split as parse_835 reads those transactions in
/// the whole file: the same segment numbers, offsets, transaction indexes and diagnostics.
/// Range 0 also has what the file's start says (input checks, ISA, GS); the last range what
/// its end says (GE, IEA, missing trailers). Diagnostics a sequential read gives once per file
/// ("reported once") may come once per range: merge_file_ends (claim_stream.h) keeps the first.
ParseResult parse_835_range(std::string_view bytes, const FileSplit& split, std::size_t range,
                            const ParseOptions& options = {});

/// Re-reads one claim from its byte range [begin, end) (Claim::pos.byte_offset,
/// Claim::end_offset) in the original input, with the delimiters of its transaction.
/// Big-file callers keep only a row per claim and rebuild the detail when asked.
Claim reparse_claim(std::string_view bytes, const Transaction& transaction, std::uint64_t begin,
                    std::uint64_t end, std::uint32_t first_segment);

}  // namespace denial
