// Benchmark: read+model+balance (streaming) and full explain on a generated 835, against a
// memchr scan of the same bytes (the physical ceiling) in the same run. Prints, never asserts.
//   bench_parse [MB=100] [--write FILE]   (--write saves the generated file for other peers)
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>

#include "denial/parse.h"
#include "denial/report.h"
#include "gen_835.h"

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

long peak_rss_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024;
}

template <typename F>
double best_of(int runs, F&& f) {
  double best = 1e9;
  for (int i = 0; i < runs; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    f();
    best = std::min(best, seconds_since(t0));
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  double mb = argc > 1 && argv[1][0] != '-' ? std::atof(argv[1]) : 100;
  std::string write_to;
  for (int i = 1; i + 1 < argc; ++i)
    if (std::strcmp(argv[i], "--write") == 0) write_to = argv[i + 1];
  auto t0 = std::chrono::steady_clock::now();
  std::string input = denial_bench::generate_835(static_cast<std::uint64_t>(mb * 1024 * 1024));
  double gen_s = seconds_since(t0);
  if (!write_to.empty()) std::ofstream(write_to, std::ios::binary) << input;
  const double size_mb = input.size() / (1024.0 * 1024.0);
  long rss_input = peak_rss_mb();
  std::printf("input: %.1f MB generated in %.2f s (peak RSS with input: %ld MB)\n", size_mb, gen_s, rss_input);

  if (std::getenv("BENCH_PARSE_ONLY")) {  // for profilers: parse only, many times
    denial::ParseOptions o;
    o.keep_claims = false;
    for (int i = 0; i < 10; ++i) denial::parse_835(input, o);
    return 0;
  }
  if (std::getenv("BENCH_EXPLAIN_ONLY")) {  // for profilers: big-file explain, many times
    for (int i = 0; i < 5; ++i) {
      denial::ReportBuilder b(0);
      b.add_file("bench.835", input);
    }
    return 0;
  }
  std::size_t terminators = 0;
  double scan_s = best_of(3, [&] {
    terminators = 0;
    for (const char* p = input.data(); (p = static_cast<const char*>(std::memchr(p, '~', input.data() + input.size() - p)));
         ++p)
      ++terminators;
  });

  std::size_t claims = 0;
  denial::ParseOptions streaming;
  streaming.keep_claims = false;
  double parse_s = best_of(3, [&] { claims = denial::parse_835(input, streaming).claim_count; });
  long rss_parse = peak_rss_mb();

  std::size_t rows = 0;
  double explain_s = best_of(1, [&] {
    denial::ReportBuilder b(0);  // big-file mode: rows only
    b.add_file("bench.835", input);
    rows = b.report().rows.size();
  });
  long rss_explain = peak_rss_mb();

  std::printf("\n%-34s %10s %12s %10s\n", "stage", "MB/s", "claims/s", "vs memchr");
  std::printf("%-34s %10.0f %12s %10s\n", "memchr scan for '~' (ceiling)", size_mb / scan_s, "-", "1.00");
  std::printf("%-34s %10.0f %12.0f %10.3f\n", "read + model + balance (stream)", size_mb / parse_s, claims / parse_s,
              scan_s / parse_s);
  std::printf("%-34s %10.0f %12.0f %10.3f\n", "full explain, rows kept", size_mb / explain_s, rows / explain_s,
              scan_s / explain_s);
  std::printf("\nclaims: %zu, segments: %zu\n", claims, terminators);
  std::printf("peak RSS: input %ld MB, after parse %ld MB (%.2fx file), after explain %ld MB (%.2fx file)\n",
              rss_input, rss_parse, rss_parse / size_mb, rss_explain, rss_explain / size_mb);
  return 0;
}
