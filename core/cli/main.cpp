// denial-explainer: the native CLI over the public core API.
//   explain FILE|DIR... [--format json|text|csv|ndjson] [--pretty] [--inline-texts] [--stream]
//           [--jobs N]   (threads reading files; default: one per core)
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

#include "cli_lookup.h"
#include "cli_trends.h"
#include "denial/civil_date.h"
#include "denial/report.h"
#include "denial/report_writer.h"

namespace fs = std::filesystem;

namespace {

int usage() {
  std::cerr
      << "usage: denial-explainer explain FILE|DIR... [--format json|text|csv|ndjson] "
         "[--pretty] [--inline-texts] [--stream] [--jobs N]\n"
         "               [--as-of YYYY-MM-DD] [--appeal-days N] [--filing-days N]\n"
         "       denial-explainer trends FILE|DIR... [--by payer|month|service_month|reason|\n"
         "               procedure|provider|filing] [--payer KEY] [--month YYYY-MM]\n"
         "               [--provider NPI] [--format text|json|csv]\n"
         "       denial-explainer lookup CODE... [--format text|json]\n"
         "       denial-explainer search WORDS... [--format text|json]\n"
         "       denial-explainer version\n"
         "explain writes the text memo when stdout is a terminal and JSON when it is piped\n"
         "or redirected, unless --format says otherwise.\n"
         "exit status of explain: 0 read, 1 read with errors, 2 not readable or not found\n"
         "(a file that cannot be read is named on stderr; the others are still explained;\n"
         "when none can be read nothing is written to stdout)\n";
  return 2;
}

bool known_format(const std::string& f) {
  return f == "json" || f == "text" || f == "csv" || f == "ndjson";
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

denial::ReportFormat format_of(const std::string& f) {
  return f == "json"   ? denial::ReportFormat::json
         : f == "text" ? denial::ReportFormat::text
         : f == "csv"  ? denial::ReportFormat::csv
                       : denial::ReportFormat::ndjson;
}

int explain(const std::vector<std::string>& inputs, const std::string& format, bool pretty,
            bool inline_texts, bool stream, unsigned jobs, const denial::ExplainOptions& options) {
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
  denial::ReportBuilder builder(stream ? 0 : UINT64_MAX, UINT64_MAX, options);
  int status = 0;
  std::size_t read = 0;
  // Written as each file is read (claims, then released), totals at the end. --pretty is for
  // people reading: it indents the whole report at once instead.
  std::ostringstream pretty_buffer;
  std::ostream& out = pretty && format == "json" ? pretty_buffer : std::cout;
  std::unique_ptr<denial::ReportWriter> writer;
  // Files are read and explained on `jobs` threads, a few files ahead, and added to the
  // report in input order (the same bytes as one thread). --stream reads one at a time.
  struct Loaded {
    bool ok = false;
    std::string why;
    denial::PreparedFile prepared;
  };
  auto load = [&options](const fs::path& p) {
    Loaded l;
    std::string bytes;
    l.ok = read_file(p, bytes, l.why);
    if (l.ok) l.prepared = denial::prepare_file(p.filename().string(), bytes, options);
    return l;
  };
  std::deque<std::future<Loaded>> ahead;
  std::size_t next = 0;
  for (const auto& p : files) {
    std::size_t from = builder.report().transactions.size();
    if (stream) {
      std::string bytes, why;
      if (!read_file(p, bytes, why)) {
        // One line per file on stderr, flushed before this file's part of the report.
        std::cerr << "denial-explainer: cannot read " << p.string() << ": " << why << std::endl;
        status = 2;
        continue;
      }
      builder.add_file(p.filename().string(), bytes);
    } else {
      Loaded l;
      if (jobs <= 1) {
        l = load(files[next++]);
      } else {
        for (; next < files.size() && ahead.size() < jobs + 1; ++next)
          ahead.push_back(std::async(std::launch::async, load, files[next]));
        l = ahead.front().get();
        ahead.pop_front();
      }
      if (!l.ok) {
        std::cerr << "denial-explainer: cannot read " << p.string() << ": " << l.why << std::endl;
        status = 2;
        continue;
      }
      builder.add_prepared(std::move(l.prepared));
    }
    ++read;
    std::size_t to = builder.report().transactions.size();
    if (!writer) writer = denial::make_writer(format_of(format), out, {false, inline_texts});
    writer->transactions(builder.report(), from, to);
    builder.release_claims(from, to);
  }
  if (read == 0) return 2;  // nothing to report on: no empty report on stdout
  writer->finish(builder.report());
  if (format == "json") {
    if (pretty) std::cout << denial::pretty_json(pretty_buffer.str());
    std::cout << "\n";
  }
  std::cout.flush();
  for (const auto& f : builder.report().files)
    status = std::max(status, !f.readable ? 2 : f.errors ? 1 : 0);
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage();
  std::string command = argv[1];
  std::string format;
  bool pretty = false, stream = false, inline_texts = false;
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
      stream = true;
    else if (a == "--inline-texts")
      inline_texts = true;
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
    return explain(args, format, pretty, inline_texts, stream, jobs, options);
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
