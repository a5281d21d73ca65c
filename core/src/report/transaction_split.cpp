// plan_split: one pass of the segment reader over the file (the same numbering and offsets
// the parse will see), checking that the file is a plain envelope around whole transactions.
// Anything else (a second ISA or GS, ST without SE, segments outside a transaction, a segment
// the reader reports: junk, NUL, too long) means no split: the sequential read handles it.
#include "denial/transaction_split.h"

#include <unordered_map>

#include "report/reversal_groups.h"
#include "x12/segment_reader.h"

namespace denial {
namespace {

// One ST...SE set as the pre-scan found it (not the model's denial::Transaction).
struct FoundTransaction {
  std::uint64_t begin = 0, end = 0;
  std::uint32_t segments_before = 0;
  std::size_t claims = 0;
  std::string lx_before;
  std::unordered_map<std::string, std::size_t> reversal_claims;  ///< pcn -> its claims here
};

bool is_layout(char c) { return c == '\r' || c == '\n' || c == ' ' || c == '\t'; }

// The transactions of a plainly laid out file, or none.
std::vector<FoundTransaction> transactions_of(std::string_view bytes,
                                              const detail::PairGroups& groups) {
  std::vector<FoundTransaction> txs;
  Diagnostics diags;
  detail::SegmentReader reader(bytes, diags);
  if (!reader.has_envelope() || !diags.empty()) return {};
  const detail::Delimiters& d = reader.delimiters();
  // Line-terminated files read CR and LF both as terminators; keep them sequential.
  if (is_layout(d.segment) || is_layout(d.element)) return {};
  enum class At { start, isa, gs, in_tx, between, ge, iea } at = At::start;
  std::string lx;
  detail::RawSegment seg;
  detail::Elements e;
  while (reader.next(seg, e)) {
    if (!diags.empty() || e.truncated()) return {};
    const std::string_view id = e.id();
    const bool envelope = id == "ISA" || id == "GS" || id == "ST" || id == "SE" || id == "GE" ||
                          id == "IEA" || id == "TA1";
    if (id == "ISA") {
      if (at != At::start) return {};
      at = At::isa;
    } else if (id == "GS") {
      if (at != At::isa) return {};
      at = At::gs;
    } else if (id == "ST") {
      if ((at != At::gs && at != At::between) || e.at(1) != "835") return {};
      at = At::in_tx;
      txs.emplace_back();
      txs.back().begin = seg.offset;
      txs.back().segments_before = seg.number - 1;
      txs.back().lx_before = lx;
    } else if (id == "SE") {
      if (at != At::in_tx) return {};
      at = At::between;
      txs.back().end = reader.position();
    } else if (id == "GE") {
      if (at != At::between) return {};
      at = At::ge;
    } else if (id == "IEA") {
      if (at != At::ge) return {};
      at = At::iea;
    } else if (envelope || at != At::in_tx) {
      return {};  // TA1, or a segment outside a transaction
    } else if (id == "LX") {
      lx.assign(e.at(1));
    } else if (id == "CLP") {
      ++txs.back().claims;
      if (groups.empty()) continue;
      auto it = groups.find(std::string(e.at(1)));
      if (it != groups.end()) ++txs.back().reversal_claims[it->first];
    }
  }
  if (!diags.empty() || (at != At::between && at != At::ge && at != At::iea)) return {};
  return txs;
}

}  // namespace

FileSplit plan_split(std::string_view bytes, std::size_t max_ranges) {
  FileSplit split;
  if (max_ranges < 2) return split;
  const detail::PairGroups groups = detail::reversal_groups(bytes);
  std::vector<FoundTransaction> txs = transactions_of(bytes, groups);
  if (txs.size() < 2) return split;
  split.prologue_end = txs.front().begin;
  const std::size_t n = std::min(max_ranges, txs.size());
  const std::uint64_t body = txs.back().end - txs.front().begin;
  // Ranges of about body / n bytes, each at least one transaction, every range non-empty.
  std::unordered_map<std::string, std::size_t> seen;
  std::size_t t = 0;
  for (std::size_t r = 0; r < n && t < txs.size(); ++r) {
    TransactionRange range;
    range.begin = txs[t].begin;
    range.segments_before = txs[t].segments_before;
    range.transactions_before = t;
    range.lx_before = txs[t].lx_before;
    for (const auto& [pcn, group] : groups)
      range.pairs.push_back({pcn, group.total, seen.count(pcn) ? seen[pcn] : 0});
    const std::uint64_t goal = txs.front().begin + body * (r + 1) / n;
    do {
      for (const auto& [pcn, count] : txs[t].reversal_claims) seen[pcn] += count;
      range.claims += txs[t].claims;
      range.end = txs[t].end;
      ++t;
    } while (t < txs.size() && (r + 1 == n || (range.end < goal && txs.size() - t > n - r - 1)));
    split.ranges.push_back(std::move(range));
  }
  return split;
}

}  // namespace denial
