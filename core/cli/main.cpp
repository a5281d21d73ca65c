// denial-explainer: the native CLI over the public core API.
//   explain FILE|DIR... [--format json|text|csv|ndjson|patient] [--pretty] [--stream]
//           [--as-of YYYY-MM-DD] [--appeal-days N] [--filing-days N]
//     default format: text on a terminal, json when stdout is a pipe or a file
//   trends FILE|DIR... [--by payer|month|service_month|reason|procedure|provider|filing]
//          [--payer KEY] [--month YYYY-MM] [--provider NPI] [--format text|json|csv]
//   lookup CODE... [--format text|json]
//   search WORDS... [--format text|json]
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "cli_lookup.h"
#include "cli_trends.h"
#include "denial/civil_date.h"
#include "denial/report.h"

namespace fs = std::filesystem;

namespace {

int usage() {
  std::cerr
      << "usage: denial-explainer explain FILE|DIR... [--format json|text|csv|ndjson|patient]\n"
         "               [--pretty] [--stream]\n"
         "               [--as-of YYYY-MM-DD] [--appeal-days N] [--filing-days N]\n"
         "       denial-explainer trends FILE|DIR... [--by payer|month|service_month|reason|\n"
         "               procedure|provider|filing] [--payer KEY] [--month YYYY-MM]\n"
         "               [--provider NPI] [--format text|json|csv]\n"
         "       denial-explainer lookup CODE... [--format text|json]\n"
         "       denial-explainer search WORDS... [--format text|json]\n"
         "       denial-explainer version\n"
         "explain writes the text memo when stdout is a terminal and JSON when it is piped\n"
         "or redirected, unless --format says otherwise. --format patient writes one letter\n"
         "per claim the patient is billed for (a form feed between letters); what the office\n"
         "must check before sending them goes to stderr.\n"
         "exit status of explain: 0 read, 1 read with errors, 2 not readable or not found\n"
         "(a file that cannot be read is named on stderr; the others are still explained;\n"
         "when none can be read nothing is written to stdout)\n";
  return 2;
}

bool known_format(const std::string& f) {
  return f == "json" || f == "text" || f == "csv" || f == "ndjson" || f == "patient";
}

// Reads a whole file; on failure says why (errno text) in `why`.
bool read_file(const fs::path& p, std::string& out, std::string& why) {
  std::error_code ec;
  if (!fs::exists(p, ec)) {
    why = std::strerror(ENOENT);
    return false;
  }
  if (!fs::is_regular_file(p, ec)) {
    why = "not a regular file";
    return false;
  }
  errno = 0;
  std::ifstream f(p, std::ios::binary);
  if (!f) {
    why = errno ? std::strerror(errno) : "cannot open";
    return false;
  }
  std::ostringstream ss;
  ss << f.rdbuf();
  if (f.bad()) {
    why = "read error";
    return false;
  }
  out = ss.str();
  return true;
}

// Today's date (UTC) for deadlines: only the CLI reads the clock, never the core.
std::string today() {
  auto now = std::chrono::system_clock::now();
  auto days = std::chrono::duration_cast<std::chrono::hours>(now.time_since_epoch()).count() / 24;
  return denial::iso_date(days);
}

std::optional<int> day_count(const std::string& s) {
  if (s.empty() || s.size() > 5 || s.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  return std::stoi(s);
}

// The letters go to stdout (ready to print); the office's checks to stderr, so a redirect
// or a pipe to the printer carries only what the patient should read.
void write_patient_letters(const denial::Report& report) {
  denial::PatientLetters p = denial::patient_letters(report);
  std::cout << p.letters;
  std::cout.flush();
  if (p.count == 0) {
    std::cerr << "denial-explainer: no claim has an amount to bill the patient\n";
    return;
  }
  std::cerr << "denial-explainer: " << p.count << " patient letter" << (p.count == 1 ? "" : "s")
            << ". Before sending, the billing office checks:\n";
  // A check every letter has is said once; the others name their claim.
  std::map<std::string, std::size_t> letters_with;
  for (const auto& [claim, check] : p.office_checks) ++letters_with[check];
  std::set<std::string> said;
  for (const auto& [claim, check] : p.office_checks)
    if (letters_with[check] == p.count && p.count > 1 && said.insert(check).second)
      std::cerr << "  every letter: " << check << "\n";
  for (const auto& [claim, check] : p.office_checks)
    if (letters_with[check] != p.count || p.count == 1)
      std::cerr << "  claim " << claim << ": " << check << "\n";
}

int explain(const std::vector<std::string>& inputs, const std::string& format, bool pretty,
            bool stream, const denial::ExplainOptions& options) {
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
  // Letters need every claim in full: --stream does not apply to them.
  if (format == "patient") stream = false;
  denial::ReportBuilder builder(stream ? 0 : UINT64_MAX, UINT64_MAX, options);
  int status = 0;
  std::size_t read = 0;
  for (const auto& p : files) {
    std::string bytes, why;
    if (!read_file(p, bytes, why)) {
      // One line per file on stderr, flushed before any report is written to stdout.
      std::cerr << "denial-explainer: cannot read " << p.string() << ": " << why << std::endl;
      status = 2;
      continue;
    }
    builder.add_file(p.filename().string(), bytes);
    ++read;
  }
  if (read == 0) return 2;  // nothing to report on: no empty report on stdout
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
  else if (format == "patient")
    write_patient_letters(report);
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
  denial::ExplainOptions options;
  options.as_of = today();
  std::vector<std::string> args;
  auto days_arg = [&](const std::string& name, const std::string& v, std::optional<int>& out) {
    out = day_count(v);
    if (!out) std::cerr << "denial-explainer: " << name << " needs a number of days\n";
    return out.has_value();
  };
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
    else if (a == "--as-of" && i + 1 < argc) {
      options.as_of = argv[++i];
      if (!denial::parse_civil_date(options.as_of)) {
        std::cerr << "denial-explainer: --as-of needs a date YYYY-MM-DD\n";
        return 2;
      }
      options.as_of = denial::iso_date(*denial::parse_civil_date(options.as_of));
    } else if (a == "--appeal-days" && i + 1 < argc) {
      if (!days_arg(a, argv[++i], options.appeal_days)) return 2;
    } else if (a == "--filing-days" && i + 1 < argc) {
      if (!days_arg(a, argv[++i], options.filing_days)) return 2;
    } else
      args.push_back(a);
  }
  if (command == "version") {
    std::cout << "denial-explainer " << DENIAL_VERSION << "\n";
    return 0;
  }
  if (command == "explain" && !args.empty()) {
    // A person at a terminal gets the memo; a pipe or a file gets JSON for programs.
    if (format.empty()) format = isatty(fileno(stdout)) ? "text" : "json";
    if (!known_format(format)) {
      std::cerr << "denial-explainer: unknown format '" << format << "'\n";
      return usage();
    }
    return explain(args, format, pretty, stream, options);
  }
  if (command == "trends" && !args.empty()) {
    if (format.empty()) format = isatty(fileno(stdout)) ? "text" : "json";
    if (format != "text" && format != "json" && format != "csv") {
      std::cerr << "denial-explainer: unknown format '" << format << "'\n";
      return usage();
    }
    return denial_cli::trends(args, format, options);
  }
  if (command == "lookup" && !args.empty())
    return denial_cli::lookup(args, format.empty() ? "text" : format);
  if (command == "search" && !args.empty())
    return denial_cli::search(args, format.empty() ? "text" : format);
  return usage();
}
