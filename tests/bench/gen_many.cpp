// gen_many DIR COUNT [BYTES=16000] [MONTHS=12]: writes COUNT small remits (generate_remit:
// 8 payers, MONTHS months) into DIR for the many-file benchmarks. Each file has its own seed,
// so no two are the same payment. Use a temporary folder, never the repository.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "gen_835.h"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: gen_many DIR COUNT [BYTES=16000] [MONTHS=12]\n");
    return 2;
  }
  std::string dir = argv[1];
  long count = std::atol(argv[2]);
  long bytes = argc > 3 ? std::atol(argv[3]) : 16000;
  int months = argc > 4 ? std::atoi(argv[4]) : 12;
  std::uint64_t total = 0;
  for (long i = 0; i < count; ++i) {
    std::string text = denial_bench::generate_remit(static_cast<std::uint64_t>(bytes),
                                                    static_cast<std::uint32_t>(1000 + i), months);
    char name[64];
    std::snprintf(name, sizeof name, "/remit-%05ld.835", i);
    std::ofstream(dir + name, std::ios::binary) << text;
    total += text.size();
  }
  std::printf("%ld files, %llu bytes in %s\n", count, static_cast<unsigned long long>(total),
              dir.c_str());
  return 0;
}
