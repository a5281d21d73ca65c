// Minimal RFC 4180 CSV reader for the embedded data files (quoted fields, doubled quotes).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace denial::detail {

using CsvRow = std::vector<std::string>;
/// All rows including the header. Accepts \n and \r\n line ends.
std::vector<CsvRow> parse_csv(std::string_view text);

}  // namespace denial::detail
