// denial-explainer: the native CLI over the public core API.
//   explain FILE|DIR... [--format json|text|csv|ndjson|patient] [--pretty] [--inline-texts]
//           [--jobs N]   (threads reading files; default: one per core)
//     claims are written as they are read (--stream, once an option, is always on)
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
#include <deque>
#include <filesystem>
#include <fstream>
#include <future>
#include <iostream>
#include <sstream>
#include <thread>

#include "cli_explain.h"
#include "cli_lookup.h"
#include "cli_trends.h"
#include "denial/civil_date.h"
#include "denial/report.h"
#include "denial/report_writer.h"

namespace fs = std::filesystem;

namespace {

int usage() {
  std::cerr
      << "usage: denial-explainer explain FILE|DIR... [--format json|text|csv|ndjson|patient]\n"
         "               [--pretty] [--inline-texts] [--jobs N] [--split-transactions]\n"
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
         "must check before sending them goes to stderr. --jobs N reads N files at once\n"
         "(default: one per core; what is read ahead of the output is kept within 64 MB,\n"
         "the rest in temporary files under /tmp, removed as they are written out);\n"
         "with --split-transactions a file of 1 MB or more holding several ST*835\n"
         "transactions in one plain ISA/GS is also read on several threads (same output).\n"
         "exit status of explain: 0 read, 1 read with errors, 2 not readable or not found\n"
         "(a file that cannot be read is named on stderr; the others are still explained;\n"
         "when none can be read nothing is written to stdout)\n";
  return 2;
}

bool known_format(const std::string& f) {
  return f == "json" || f == "text" || f == "csv" || f == "ndjson" || f == "patient";
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

}  // namespace

int main(int argc, char** argv) {
  // The writers send a report in many small pieces; synced with C stdio, each piece is an
  // fwrite (a lock and a call). Nothing here writes through C stdio, so unsync: std::cout
  // then buffers the pieces itself.
  std::ios::sync_with_stdio(false);
  if (argc < 2) return usage();
  std::string command = argv[1];
  std::string format;
  bool pretty = false, inline_texts = false, split = false;
  unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
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
      continue;  // streaming is always on; the option is accepted for old scripts
    else if (a == "--inline-texts")
      inline_texts = true;
    else if (a == "--split-transactions")
      split = true;
    else if (a == "--jobs" && i + 1 < argc) {
      std::optional<int> n = day_count(argv[++i]);
      if (!n || *n < 1) {
        std::cerr << "denial-explainer: --jobs needs a number of threads\n";
        return 2;
      }
      jobs = static_cast<unsigned>(*n);
    } else if (a == "--as-of" && i + 1 < argc) {
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
    return denial_cli::explain(args, format, pretty, inline_texts, jobs, split, options);
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
