// Fuzz target, stage 1: delimiter discovery and segment/element splitting on any bytes.
// Differential: the fast path (next(seg, elements)) must read exactly what the general path
// (next(seg), then Elements) reads; any difference aborts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "x12/segment_reader.h"

namespace {

bool same(const denial::detail::RawSegment& a, const denial::detail::Elements& ea,
          const denial::detail::RawSegment& b, const denial::detail::Elements& eb) {
  if (a.text != b.text || a.number != b.number || a.offset != b.offset) return false;
  if (ea.size() != eb.size() || ea.truncated() != eb.truncated()) return false;
  for (std::size_t i = 0; i < ea.size(); ++i)
    if (ea.at(i) != eb.at(i)) return false;
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  denial::Diagnostics fused_diags, general_diags;
  denial::detail::SegmentReader fused(input, fused_diags), general(input, general_diags);
  denial::detail::RawSegment a, b;
  denial::detail::Elements ea;
  std::size_t nul_segments = 0;
  for (;;) {
    bool more_a = fused.next(a, ea);
    bool more_b = general.next(b);
    if (more_a != more_b) std::abort();
    if (!more_a) break;
    denial::detail::Elements eb(b.text, general.delimiters().element);
    if (!same(a, ea, b, eb)) std::abort();
    if (std::memchr(b.text.data(), '\0', b.text.size())) ++nul_segments;
    for (std::size_t i = 0; i < ea.size(); ++i)
      denial::detail::component(ea.at(i), fused.delimiters().component, 1);
  }
  // The fused reader names each segment holding a NUL byte; otherwise the same diagnostics.
  if (fused_diags.size() != general_diags.size() + nul_segments) std::abort();
  return 0;
}
