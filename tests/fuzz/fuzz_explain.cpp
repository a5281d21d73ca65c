// Fuzz target, the whole pipeline: explain, every writer, big-file mode and claim detail
// rebuilt from the bytes on demand.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "denial/query.h"
#include "denial/report.h"

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
  return 0;
}
