// Paged access to a report's claims for viewers of big files: filter, sort, page, and the
// detail of one claim (rebuilt from the file bytes when the report kept only rows).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "denial/breakdowns.h"
#include "denial/report.h"

namespace denial {

struct RowQuery {
  std::string outcome;  ///< outcome id, "" = any; "needs_action" = worklist rows
  std::string action;   ///< action id, "" = any
  std::string payer;    ///< payer name substring (case-insensitive), "" = any
  std::string code;     ///< "CO-16", "16", "MA130": any adjustment or remark code, "" = any
  std::string text;     ///< patient name, patient control number or payer claim number
  Slice slice;          ///< payer key / remit month / provider (breakdowns.h), empty = any
  std::string sort = "at_stake";  ///< at_stake | charge | paid | patient | file order ("")
  bool descending = true;
  std::size_t offset = 0, limit = 50;
};

struct RowPage {
  std::size_t total = 0;          ///< rows matching the filter
  std::vector<std::size_t> rows;  ///< indices into Report::rows, this page only
};

RowPage query_rows(const Report& report, const RowQuery& query);

/// Options for every writer: mask patient names and IDs for sharing.
struct WriteOptions {
  bool mask_patient_data = false;
};

/// Masks an identifier for sharing: keeps the last 4 characters ("***1234"), names fully.
std::string mask_id(std::string_view id);

/// Full JSON of one claim (row index), explained; `file_bytes` is used when the report kept
/// only rows. `mask` hides patient names and IDs.
std::string claim_detail_json(const Report& report, std::size_t row, std::string_view file_bytes,
                              bool mask = false);
/// Raw segments of one claim, one per line, exactly as in the file.
std::string claim_raw_segments(const Report& report, std::size_t row, std::string_view file_bytes);

}  // namespace denial
