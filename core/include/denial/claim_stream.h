// One 835 read as a stream of explained claims, for writers that stream (the CLI): memory
// stays near one claim whatever the file's size. ReportBuilder::add_streamed turns the
// events into the same report, rows and totals as add_file, claim by claim.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "denial/explain.h"
#include "denial/parse.h"
#include "denial/report.h"
#include "denial/transaction_split.h"

namespace denial {

/// One step of reading a file, in file order.
/// A claim's text that a reader thread left in a temporary file: `length` bytes at `offset`
/// of `fd`, open as long as `keep` lives (for a writer that holds every text to its end).
struct TextInFile {
  int fd = -1;
  std::uint64_t offset = 0;
  std::size_t length = 0;
  std::shared_ptr<const void> keep;
};

struct StreamEvent {
  enum class Kind { transaction_begin, claim, transaction_end, file_end };
  Kind kind = Kind::claim;
  std::size_t transaction = 0;  ///< index of the transaction in the file
  /// transaction_begin: the header as read before its first claim; transaction_end: the
  /// whole transaction (PLB, trailer, body hash) without its claims.
  std::unique_ptr<Transaction> header;
  /// claim: explained with its drafts and its final reversal pairing (paired_with is the
  /// claim index in the transaction). explained.claim points at `owned` when the event owns
  /// its claim, else at the reader's claim, valid during the call only.
  ExplainedClaim explained;
  std::unique_ptr<Claim> owned;
  /// claim: its text, when a reader thread rendered it for the writer (ClaimRenderer).
  std::string rendered;
  /// claim: set when a reader thread digested it (digest_claim) after rendering it: the
  /// claim itself is gone (`explained` is empty) and the writer has `rendered` and this.
  std::unique_ptr<ClaimDigest> digest;
  /// claim: the length of its rendered text when the reader set it aside (the CLI's spool
  /// for files ahead of its writer): `rendered` is empty until it is read back.
  std::size_t spilled = 0;
  /// claim: where its rendered text is, when it was left in a file for a writer that
  /// keeps_texts_in_files (then `rendered` is empty for good).
  TextInFile in_file;
  /// transaction_end: its balance findings (transaction = index in the file).
  std::vector<BalanceFinding> balance;
  /// file_end: whether an 835 was found, and every diagnostic (parse and codes) by segment.
  bool readable = false;
  Diagnostics diagnostics;
};

struct StreamOptions {
  /// Every claim event owns its claim (to queue it for another thread); else the claim is
  /// the reader's, reused for the next one.
  bool own_claims = false;
  /// With own_claims: asked for each claim that goes out as soon as it is read; false
  /// leaves that claim the reader's (the caller is done with it when emit returns). Claims
  /// that waited for their reversal pairing are always owned.
  std::function<bool()> own_this_claim;
  /// Appeal letters and corrected-claim checklists: only the expanded forms show them.
  bool drafts = true;
  /// With own_claims: claims the caller is done with; the reader swaps its claim into one of
  /// them instead of allocating a new one (their buffers are reused).
  std::vector<std::unique_ptr<Claim>>* spare = nullptr;
};

/// Reads `bytes` as an 835 and hands each event to `emit`, in order.
///
/// Reversal pairing (pair_reversals) needs every claim that may pair: a claim whose patient
/// control number is that of a reversal (CLP02 = 22) somewhere in the file waits, with the
/// claims after it, until its pairing is final (every claim with that number in the file
/// read, or the transaction's end). A file without reversals never waits.
void stream_explained(std::string_view bytes, const ExplainOptions& options,
                      const StreamOptions& stream, const std::function<void(StreamEvent&)>& emit);

/// Range `range` of a file cut by plan_split: the events stream_explained gives for its
/// transactions (the same indexes, pairing, drafts), then a file_end with the diagnostics
/// found in it, which merge_file_ends joins. Ranges may be read at once on several threads.
void stream_explained_range(std::string_view bytes, const FileSplit& split, std::size_t range,
                            const ExplainOptions& options, const StreamOptions& stream,
                            const std::function<void(StreamEvent&)>& emit);

/// The file_end of the whole file from its ranges' file_ends, given in range order: the
/// diagnostics in file order, each "reported once" kind kept once (as the sequential read).
StreamEvent merge_file_ends(std::vector<StreamEvent>& ends);

/// The ranges of `split` read one after another, their file_ends merged: the same events as
/// stream_explained (which it is when the split has no ranges). For tests and one thread.
void stream_explained_split(std::string_view bytes, const FileSplit& split,
                            const ExplainOptions& options, const StreamOptions& stream,
                            const std::function<void(StreamEvent&)>& emit);

}  // namespace denial
