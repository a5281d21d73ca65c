// The explain command: every file read claim by claim and written as it is read (streaming),
// on `jobs` threads, in input order.
#pragma once

#include <string>
#include <vector>

#include "denial/explain.h"

namespace denial_cli {

/// Returns the exit status: 0 read, 1 read with errors, 2 a file not readable or not found.
/// `split`: with jobs >= 2, a big file with several transactions is read on several threads.
int explain(const std::vector<std::string>& inputs, const std::string& format, bool pretty,
            bool inline_texts, unsigned jobs, bool split, const denial::ExplainOptions& options);

}  // namespace denial_cli
