// Benchmark: read+model+balance (streaming) and full explain on a generated 835, against a
// memchr scan of the same bytes (the physical ceiling) in the same run. Each stage runs in
// its own process so its peak memory is its own. Prints, never asserts.
//   bench_parse [MB=100] [--keep FILE]      driver: generate, run the stages, print the table
//   bench_parse --file F --mode scan|parse|explain   one stage (used by the driver)
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

double now_s() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

long peak_rss_kb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

std::string read_all(const char* path) {
  std::ifstream f(path, std::ios::binary | std::ios::ate);
  std::string s(static_cast<std::size_t>(f.tellg()), '\0');
  f.seekg(0);
  f.read(s.data(), static_cast<std::streamsize>(s.size()));
  return s;
}

// One stage, best of 3 runs; prints "seconds claims peak_kb".
int run_stage(const char* file, const std::string& mode) {
  std::string input = read_all(file);
  double best = 1e9;
  std::size_t count = 0;
  for (int run = 0; run < 3; ++run) {
    double t0 = now_s();
    if (mode == "scan") {
      count = 0;
      const char* end = input.data() + input.size();
      for (const char* p = input.data();
           (p = static_cast<const char*>(std::memchr(p, '~', end - p))); ++p)
        ++count;
    } else if (mode == "parse") {
      denial::ParseOptions o;
      o.keep_claims = false;
      count = denial::parse_835(input, o).claim_count;
    } else {
      denial::ReportBuilder b(0);  // big-file mode: rows kept, claims streamed
      b.add_file("bench.835", input);
      count = b.report().rows.size();
    }
    best = std::min(best, now_s() - t0);
  }
  std::printf("%.6f %zu %ld\n", best, count, peak_rss_kb());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 5 && std::strcmp(argv[1], "--file") == 0) return run_stage(argv[2], argv[4]);
  double mb = argc > 1 && argv[1][0] != '-' ? std::atof(argv[1]) : 100;
  std::string keep;
  for (int i = 1; i + 1 < argc; ++i)
    if (std::strcmp(argv[i], "--keep") == 0) keep = argv[i + 1];
  std::string path =
      keep.empty() ? "/tmp/denial-bench-" + std::to_string(static_cast<int>(mb)) + ".835" : keep;
  double t0 = now_s();
  std::string input = denial_bench::generate_835(static_cast<std::uint64_t>(mb * 1024 * 1024));
  std::ofstream(path, std::ios::binary) << input;
  const double size_mb = input.size() / (1024.0 * 1024.0);
  std::printf("input: %s, %.1f MB generated in %.2f s\n\n", path.c_str(), size_mb, now_s() - t0);
  input = std::string();

  struct Row {
    const char* mode;
    const char* label;
    double s = 0;
    std::size_t count = 0;
    long kb = 0;
  } rows[] = {{"scan", "memchr scan for '~' (ceiling)"},
              {"parse", "read + model + balance (stream)"},
              {"explain", "full explain, one row per claim"}};
  for (Row& r : rows) {
    std::string cmd = std::string(argv[0]) + " --file " + path + " --mode " + r.mode;
    FILE* p = popen(cmd.c_str(), "r");
    if (!p || std::fscanf(p, "%lf %zu %ld", &r.s, &r.count, &r.kb) != 3) {
      std::printf("stage %s failed\n", r.mode);
      return 1;
    }
    pclose(p);
  }
  std::printf("%-34s %9s %11s %10s %12s %9s\n", "stage", "MB/s", "claims/s", "vs memchr",
              "peak RSS MB", "x file");
  for (const Row& r : rows) {
    bool claims = std::strcmp(r.mode, "scan") != 0;
    std::printf("%-34s %9.0f %11s %10.3f %12.0f %9.2f\n", r.label, size_mb / r.s,
                claims ? std::to_string(static_cast<long>(r.count / r.s)).c_str() : "-",
                rows[0].s / r.s, r.kb / 1024.0, r.kb / 1024.0 / size_mb);
  }
  std::printf("\nclaims: %zu (peak RSS includes the input held in memory: 1.00x file)\n",
              rows[1].count);
  if (keep.empty()) std::remove(path.c_str());
  return 0;
}
