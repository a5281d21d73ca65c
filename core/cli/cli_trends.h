// The trends command of the CLI: breakdowns of many remits by payer, month, reason, ...
#pragma once

#include <string>
#include <vector>

#include "denial/explain.h"

namespace denial_cli {
/// args: FILE|DIR... and "--by KIND" (default payer), plus optional --payer/--month/--provider
/// KEY to narrow. format: text | json | csv.
int trends(const std::vector<std::string>& args, const std::string& format,
           const denial::ExplainOptions& options);
}  // namespace denial_cli
