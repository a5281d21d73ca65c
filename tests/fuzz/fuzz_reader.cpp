// Fuzz target, stage 1: delimiter discovery and segment/element splitting on any bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "x12/segment_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  denial::Diagnostics diags;
  denial::detail::SegmentReader reader(input, diags);
  denial::detail::RawSegment seg;
  while (reader.next(seg)) {
    denial::detail::Elements e(seg.text, reader.delimiters().element);
    for (std::size_t i = 0; i < e.size(); ++i)
      denial::detail::component(e.at(i), reader.delimiters().component, 1);
  }
  return 0;
}
