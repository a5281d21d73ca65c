// denial-explainer trends FILE|DIR... --by
// payer|month|service_month|reason|procedure|provider|filing
//                  [--payer KEY] [--month YYYY-MM] [--provider NPI] [--format text|json|csv]
// Reads every file in big-file mode (only claim rows are kept: thousands of remits fit) and
// writes one breakdown from the engine (core/src/report/breakdowns.cpp).
#include "cli_trends.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "denial/breakdowns.h"
#include "denial/report.h"

namespace fs = std::filesystem;

namespace denial_cli {

int trends(const std::vector<std::string>& args, const std::string& format,
           const denial::ExplainOptions& options) {
  denial::BreakdownBy by = denial::BreakdownBy::payer;
  denial::Slice slice;
  std::vector<fs::path> files;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    const bool has_value = i + 1 < args.size();
    if (a == "--by" && has_value) {
      if (!denial::breakdown_by_from(args[++i], by)) {
        std::cerr << "denial-explainer: --by needs payer, month, service_month, reason, "
                     "procedure, provider or filing\n";
        return 2;
      }
    } else if (a == "--payer" && has_value) {
      slice.payer = args[++i];
    } else if (a == "--month" && has_value) {
      slice.month = args[++i];
    } else if (a == "--provider" && has_value) {
      slice.provider = args[++i];
    } else {
      std::error_code ec;
      if (fs::is_directory(a, ec)) {
        std::vector<fs::path> found;
        for (const auto& e : fs::recursive_directory_iterator(a, ec))
          if (e.is_regular_file()) found.push_back(e.path());
        std::sort(found.begin(), found.end());
        files.insert(files.end(), found.begin(), found.end());
      } else {
        files.emplace_back(a);
      }
    }
  }
  // Rows only: claim detail is never needed for a breakdown.
  denial::ReportBuilder builder(0, UINT64_MAX, options);
  int status = 0;
  std::size_t read = 0;
  for (const auto& p : files) {
    std::ifstream f(p, std::ios::binary);
    std::error_code ec;
    if (!f || !fs::is_regular_file(p, ec)) {
      std::cerr << "denial-explainer: cannot read " << p.string() << std::endl;
      status = 2;
      continue;
    }
    std::ostringstream ss;
    ss << f.rdbuf();
    builder.add_file(p.filename().string(), ss.str());
    ++read;
  }
  if (read == 0) return 2;
  denial::Report report = builder.finish();
  for (const auto& f : report.files) status = std::max(status, !f.readable ? 2 : f.errors ? 1 : 0);
  if (format == "json")
    std::cout << denial::breakdown_json(report, by, slice) << "\n";
  else if (format == "csv")
    std::cout << denial::breakdown_csv(denial::breakdown(report, by, slice));
  else
    std::cout << denial::breakdown_text(denial::breakdown(report, by, slice));
  return status;
}

}  // namespace denial_cli
