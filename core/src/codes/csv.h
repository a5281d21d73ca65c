// Minimal RFC 4180 CSV reader for the embedded data files (quoted fields, doubled quotes).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace denial::detail {

using CsvRow = std::vector<std::string>;
/// All rows including the header. Accepts \n and \r\n line ends.
std::vector<CsvRow> parse_csv(std::string_view text);

/// A cell of alternatives ("16;MA130;N290"): its non-empty parts; none for "" or "*" (any).
std::vector<std::string> split_alternatives(const std::string& cell);

}  // namespace denial::detail
