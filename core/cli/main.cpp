// denial-explainer: the native CLI over the public core API.
//   explain FILE|DIR... [--format json|text|csv|ndjson] [--pretty] [--stream]
//   lookup CODE... [--format text|json]
//   search WORDS... [--format text|json]
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli_lookup.h"
#include "denial/report.h"

namespace fs = std::filesystem;

namespace {

int usage() {
  std::cerr << "usage: denial-explainer explain FILE|DIR... [--format json|text|csv|ndjson] "
               "[--pretty] [--stream]\n"
               "       denial-explainer lookup CODE... [--format text|json]\n"
               "       denial-explainer search WORDS... [--format text|json]\n"
               "       denial-explainer version\n"
               "exit status of explain: 0 read, 1 read with errors, 2 not readable\n";
  return 2;
}

bool read_file(const fs::path& p, std::string& out) {
  std::ifstream f(p, std::ios::binary);
  if (!f) return false;
  std::ostringstream ss;
  ss << f.rdbuf();
  out = ss.str();
  return true;
}

int explain(const std::vector<std::string>& inputs, const std::string& format, bool pretty,
            bool stream) {
  std::vector<fs::path> files;
  for (const auto& in : inputs) {
    std::error_code ec;
    if (fs::is_directory(in, ec)) {
      std::vector<fs::path> found;
      for (const auto& e : fs::directory_iterator(in, ec))
        if (e.is_regular_file()) found.push_back(e.path());
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else {
      files.emplace_back(in);
    }
  }
  denial::ReportBuilder builder(stream ? 0 : UINT64_MAX);
  int status = 0;
  for (const auto& p : files) {
    std::string bytes;
    if (!read_file(p, bytes)) {
      std::cerr << "denial-explainer: cannot read " << p.string() << "\n";
      status = 2;
      continue;
    }
    builder.add_file(p.filename().string(), bytes);
  }
  denial::Report report = builder.finish();
  for (const auto& f : report.files) status = std::max(status, !f.readable ? 2 : f.errors ? 1 : 0);
  if (format == "json")
    std::cout << denial::to_json(report, pretty ? 2 : -1) << "\n";
  else if (format == "text")
    std::cout << denial::to_text(report);
  else if (format == "csv")
    std::cout << denial::worklist_csv(report);
  else if (format == "ndjson")
    std::cout << denial::claims_ndjson(report);
  else
    return usage();
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage();
  std::string command = argv[1];
  std::string format;
  bool pretty = false, stream = false;
  std::vector<std::string> args;
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--format" && i + 1 < argc)
      format = argv[++i];
    else if (a.rfind("--format=", 0) == 0)
      format = a.substr(9);
    else if (a == "--pretty")
      pretty = true;
    else if (a == "--stream")
      stream = true;
    else
      args.push_back(a);
  }
  if (command == "version") {
    std::cout << "denial-explainer " << DENIAL_VERSION << "\n";
    return 0;
  }
  if (command == "explain" && !args.empty())
    return explain(args, format.empty() ? "json" : format, pretty, stream);
  if (command == "lookup" && !args.empty())
    return denial_cli::lookup(args, format.empty() ? "text" : format);
  if (command == "search" && !args.empty())
    return denial_cli::search(args, format.empty() ? "text" : format);
  return usage();
}
