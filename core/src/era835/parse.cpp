// parse_835: drives stage 1 (SegmentReader) and stage 2 (Walker + ModelBuilder), and says
// what an input that is not an 835 looks like.
#include "denial/parse.h"

#include <algorithm>
#include <cctype>

#include "era835/build_model.h"
#include "era835/walker.h"
#include "x12/segment_reader.h"
#include "x12/text_checks.h"

namespace denial {
namespace {

struct ReadState {
  detail::SegmentReader& reader;
  detail::Walker& walker;
  detail::ModelBuilder& builder;
  std::uint32_t last;  ///< number of the last segment read
};

#if defined(__GNUC__)
__attribute__((noinline))
#endif
bool read_batch(ReadState& s, Diagnostics& diags) {
  detail::RawSegment seg;
  detail::Elements elements;
  for (int n = 0; n < 4096; ++n) {
    if (!s.reader.next(seg, elements)) return false;
    if (elements.truncated()) {
      diags.push_back({Severity::warning, Errc::too_many_elements, seg.number, seg.offset,
                       s.walker.path(), "more than 63 elements; the rest ignored"});
    }
    s.last = seg.number;
    detail::Placement where = s.walker.place(elements, seg);
    if (where.loop >= 0) s.builder.add(elements, seg, where, s.reader.delimiters());
  }
  return true;
}

}  // namespace

ParseResult parse_835(std::string_view bytes, const ParseOptions& options) {
  ParseResult result;
  auto& diags = result.diagnostics;
  if (!detail::admit_input(bytes, diags)) return result;
  detail::SegmentReader reader(bytes, diags);
  detail::Walker walker(diags);
  detail::ModelBuilder builder(result, options, walker);
  if (!reader.has_envelope()) walker.envelope_reported();
  ReadState state{reader, walker, builder, 0};
  // Segments go through in batches of a non-inlined function: a WebAssembly engine tiers a
  // function up to optimized code only between calls, so one long loop would run a whole
  // big file in baseline code (measured: first 100 MB explain 2x slower in V8).
  while (read_batch(state, diags)) {
  }
  const std::uint32_t last = state.last;
  builder.finish(bytes.size(), last);
  result.readable = builder.saw_835();
  if (!result.readable && builder.other_transaction().empty() && last == 0) {
    // A web page that merely mentions "ISA*..." passes classify_non_x12 (which lets an 835
    // pasted into HTML be read); when nothing X12 was found it is still a web page.
    std::size_t first =
        bytes.find_first_not_of(" \t\r\n", bytes.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0);
    if (first != std::string_view::npos && bytes[first] == '<')
      diags.push_back({Severity::error, Errc::not_835_html, 0, first, "",
                       "this looks like an HTML or XML page, not an 835 remittance"});
    else
      diags.push_back({Severity::error, Errc::not_x12, 0, 0, "",
                       "no ISA or ST segment found: this is not an X12 file"});
  } else if (!result.readable && !builder.other_transaction().empty()) {
    diags.push_back({Severity::error, Errc::not_835_transaction, 0, 0, "",
                     "this is an X12 " + std::string(builder.other_transaction()) + " (" +
                         std::string(detail::transaction_name(builder.other_transaction())) +
                         "), not an 835 remittance"});
  } else if (!result.readable) {
    diags.push_back(
        {Severity::error, Errc::missing_segment, 0, 0, "", "no ST*835 transaction set found"});
  }
  // Keep diagnostics in file order: the reader and the builder interleave.
  std::stable_sort(diags.begin(), diags.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return a.segment_no < b.segment_no;
  });
  return result;
}

ParseResult parse_835_range(std::string_view bytes, const FileSplit& split, std::size_t range,
                            const ParseOptions& options) {
  const TransactionRange& r = split.ranges[range];
  const bool last = range + 1 == split.ranges.size();
  ParseResult result;
  auto& diags = result.diagnostics;
  // The input checks read the whole file: once, in the first range.
  if (range == 0) detail::admit_input(bytes, diags);
  detail::SegmentReader reader(bytes, diags);
  detail::Walker walker(diags);
  detail::ModelBuilder builder(result, options, walker);
  ReadState state{reader, walker, builder, 0};
  // Every range reads the ISA and GS (the envelope its transactions get their sender,
  // version and control numbers from, and the open loops the walker places ST under) ...
  reader.jump(reader.position(), 0, split.prologue_end);
  while (read_batch(state, diags)) {
  }
  if (range > 0) diags.clear();  // ... and only the first says what it found in them.
  // ... then goes on where its transactions start, as if it had read those before.
  reader.jump(r.begin, r.segments_before, last ? bytes.size() : r.end);
  builder.transaction_base = r.transactions_before;
  builder.st_count = static_cast<int>(r.transactions_before);
  builder.scratch_claim.header_number = r.lx_before;
  while (read_batch(state, diags)) {
  }
  if (last) builder.finish(bytes.size(), state.last);
  result.readable = builder.saw_835();
  std::stable_sort(diags.begin(), diags.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return a.segment_no < b.segment_no;
  });
  return result;
}

Claim reparse_claim(std::string_view bytes, const Transaction& transaction, std::uint64_t begin,
                    std::uint64_t end, std::uint32_t first_segment) {
  ParseResult scratch;
  Diagnostics& diags = scratch.diagnostics;
  detail::Delimiters d;
  d.element = transaction.element_separator;
  d.component = transaction.component_separator;
  d.segment = transaction.segment_terminator;
  detail::SegmentReader reader(bytes, diags, d, begin, end, first_segment);
  detail::Walker walker(diags);
  walker.enter_claim_context();
  ParseOptions options;
  detail::ModelBuilder builder(scratch, options, walker);
  scratch.era.transactions.emplace_back();
  builder.tx = &scratch.era.transactions.back();
  ReadState state{reader, walker, builder, 0};
  while (read_batch(state, diags)) {
  }
  builder.finish_claim();
  auto& claims = scratch.era.transactions.back().claims;
  return claims.empty() ? Claim() : std::move(claims.front());
}

}  // namespace denial
