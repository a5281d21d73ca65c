// Fuzz target, the whole pipeline: explain, every writer, big-file mode and claim detail
// rebuilt from the bytes on demand; a file cut at its transactions streams as it does whole.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "denial/claim_stream.h"
#include "denial/query.h"
#include "denial/report.h"

namespace {

// The facts of a streamed read that the writers use, as one string.
std::string streamed(std::string_view input, const denial::FileSplit* split) {
  std::string out;
  auto note = [&](denial::StreamEvent& e) {
    out += std::to_string(static_cast<int>(e.kind)) + "/" + std::to_string(e.transaction);
    if (e.header) out += "/" + std::to_string(e.header->body_hash) + e.header->payer.name;
    if (e.kind == denial::StreamEvent::Kind::claim)
      out += "/" + e.explained.claim->patient_control_number + e.explained.claim->header_number +
             std::to_string(e.explained.claim->pos.segment_no) + "/" +
             (e.explained.paired_with ? std::to_string(*e.explained.paired_with) : "-");
    for (const auto& b : e.balance) out += "/b" + std::to_string(b.difference);
    for (const auto& d : e.diagnostics) out += "\n" + std::to_string(d.segment_no) + d.message;
    out += "\n";
  };
  denial::StreamOptions stream;
  if (split)
    denial::stream_explained_split(input, *split, {}, stream, note);
  else
    denial::stream_explained(input, {}, stream, note);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  denial::ReportBuilder kept;
  kept.add_file("fuzz.835", input);
  kept.add_file("again.835", input);  // retransmission path
  const denial::Report& r = kept.report();
  denial::to_json(r);
  denial::to_json(r, 2, true);
  denial::to_text(r);
  denial::worklist_csv(r);
  denial::claims_ndjson(r);
  denial::ReportBuilder big(0);
  big.add_file("fuzz.835", input);
  for (std::size_t i = 0; i < big.report().rows.size() && i < 64; ++i) {
    denial::claim_detail_json(big.report(), i, input, true);
    denial::claim_raw_segments(big.report(), i, input);
  }
  const denial::FileSplit split = denial::plan_split(input, 4);
  if (!split.ranges.empty() && streamed(input, &split) != streamed(input, nullptr)) std::abort();
  return 0;
}
