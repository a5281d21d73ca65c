// Text from the file, made safe to print: invalid UTF-8 and control bytes become U+FFFD, so
// a broken remit cannot garble a terminal or a spreadsheet (JSON gets the same treatment
// from its writer).
#pragma once

#include <string>
#include <string_view>

namespace denial::detail {

/// Keeps valid UTF-8 and \n (and \t, \r when `keep_tab_cr`: a CSV cell quotes them and its
/// formula guard needs to see them); everything else that is not printable becomes U+FFFD.
std::string printable(std::string_view text, bool keep_tab_cr = false);

/// Makes `text` printable where it is: nothing to do (and no copy) when it already is.
void make_printable(std::string& text, bool keep_tab_cr = false);

}  // namespace denial::detail
