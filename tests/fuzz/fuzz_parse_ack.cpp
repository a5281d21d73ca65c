// Fuzz target, the acknowledgment readers and their explanation: 277CA and 999 parsing (also
// of the same bytes as the other kind), claim and set explanation, the claim history and
// every writer's acknowledgment section.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "denial/ack.h"
#include "denial/ack_explain.h"
#include "denial/claim_history.h"
#include "denial/report.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  denial::detect_kind(input);
  denial::AckParseResult r = denial::parse_acknowledgment(input);
  denial::Diagnostics diags;
  for (const auto& a : r.claim_acks) {
    for (const auto& c : a.claims) denial::explain_ack_claim(c, a, &diags);
    for (const auto& l : a.levels) denial::explain_level(l);
  }
  for (const auto& a : r.implementation_acks) denial::explain_999(a, &diags);
  // The pipeline, with the input twice (a resubmission of itself) so histories have events
  // from two files.
  denial::ReportBuilder b;
  b.add_file("fuzz.277", input);
  b.add_file("again.277", input);
  const denial::Report& rep = b.report();
  if (!rep.acknowledgments.empty()) {
    auto histories = denial::claim_histories(rep);
    denial::rejection_worklist(rep, histories);
    denial::to_json(rep);
    denial::to_json(rep, 2, true);
    denial::to_text(rep, true);
    denial::claims_ndjson(rep, true);
  }
  return 0;
}
