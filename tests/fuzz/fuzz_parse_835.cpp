// Fuzz target, stage 2: the 835 model and balance checks, kept and streaming modes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "denial/parse.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  denial::parse_835(input);
  denial::ParseOptions streaming;
  streaming.keep_claims = false;
  denial::parse_835(input, streaming);
  return 0;
}
