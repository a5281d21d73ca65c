// What search needs from our guidance (core/src/codes/search.cpp): the biller phrases of
// search_synonyms.csv, the codes met most often in denials, and our text for each code.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace denial::detail {

/// One row of search_synonyms.csv: a biller phrase and the codes it means, best first.
struct SearchSynonym {
  std::string phrase;
  std::vector<std::pair<std::string, std::string>> codes;  ///< (list id "carc"/"rarc", code)
};
const std::vector<SearchSynonym>& search_synonyms();

/// A code met often in denials: a CARC with Medicare/commercial variants, or a CARC or RARC
/// named in pair_rules.csv. `list` is "carc" or "rarc".
bool common_code(std::string_view list, std::string_view code);

/// Our own text for a code, to match biller wording: the CARC's plain text, or the RARC's
/// listed note (rule notes are generic and left out). Empty when we have none.
std::string_view guidance_text(std::string_view list, std::string_view code);

/// Problems in search_synonyms.csv (unknown list or code), for the load-errors test.
const std::vector<std::string>& search_hint_errors();

}  // namespace denial::detail
