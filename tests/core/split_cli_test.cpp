// The CLI with --jobs 2 --split-transactions cuts files with several transactions into ranges read
// on threads, and writes byte for byte what --jobs 1 writes, in every format.
// DENIAL_SPLIT_MIN_BYTES=0 makes it cut the small test files; DENIAL_SPLIT_STATS=1 says how many
// ranges it read, so these tests fail if the CLI quietly stopped cutting.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "split_remit.h"
#include "test_util.h"

namespace {

namespace fs = std::filesystem;

struct CliRun {
  std::string out, err;
  int status = -1;
};

std::string quoted(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

CliRun run_cli(const std::vector<std::string>& args, const fs::path& tmp,
               const std::string& env = "") {
  const fs::path err = tmp / "stderr.txt";
  std::string cmd =
      "DENIAL_SPLIT_MIN_BYTES=0 DENIAL_SPLIT_STATS=1 " + env + " " + quoted(DENIAL_CLI);
  for (const auto& a : args) cmd += " " + quoted(a);
  cmd += " 2>" + quoted(err.string());
  CliRun r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[65536];
  for (std::size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) r.out.append(buf, n);
  r.status = pclose(p);
  r.err = denial_test::read_file(err.string());
  return r;
}

// Ranges read, from the stats line ("N files cut into M ranges").
std::size_t ranges_read(const std::string& err) {
  const std::size_t at = err.find(" files cut into ");
  if (at == std::string::npos) return 0;
  return std::stoul(err.substr(at + 16));
}

// A count from the stats line: the number before `what` ("64 claims digested").
std::size_t stat(const std::string& err, const std::string& what) {
  const std::size_t at = err.find(" " + what);
  if (at == std::string::npos) return 0;
  const std::size_t from = err.rfind(' ', at - 1) + 1;
  return std::stoul(err.substr(from, at - from));
}

class SplitCli : public ::testing::Test {
 protected:
  void SetUp() override {
    tmp_ = fs::temp_directory_path() /
           ("split_cli_" + std::to_string(std::random_device{}()) + std::to_string(::getpid()));
    fs::create_directories(tmp_);
  }
  void TearDown() override { fs::remove_all(tmp_); }
  fs::path write(const std::string& name, const std::string& bytes) {
    std::ofstream(tmp_ / name, std::ios::binary) << bytes;
    return tmp_ / name;
  }
  // Every format at --jobs 1 and `jobs`: the same stdout, the same exit status. Returns the
  // ranges read at `jobs` (the same for every format).
  std::size_t expect_same(const std::vector<std::string>& files, int jobs = 2) {
    std::size_t ranges = 0;
    for (std::vector<std::string> format : {std::vector<std::string>{"--format", "json"},
                                            {"--format", "json", "--inline-texts"},
                                            {"--format", "ndjson"},
                                            {"--format", "csv"},
                                            {"--format", "text"},
                                            {"--format", "patient"}}) {
      SCOPED_TRACE(format[1] + (format.size() > 2 ? " " + format[2] : ""));
      std::vector<std::string> args = {"explain"};
      args.insert(args.end(), files.begin(), files.end());
      args.insert(args.end(), format.begin(), format.end());
      args.push_back("--split-transactions");  // no effect on one thread
      auto one = args, many = args;
      one.insert(one.end(), {"--jobs", "1"});
      many.insert(many.end(), {"--jobs", std::to_string(jobs)});
      const CliRun a = run_cli(one, tmp_), b = run_cli(many, tmp_);
      EXPECT_FALSE(a.out.empty());
      EXPECT_EQ(a.out, b.out);
      EXPECT_EQ(a.status, b.status);
      EXPECT_EQ(ranges_read(a.err), 0u);  // one thread never cuts
      ranges = ranges_read(b.err);
    }
    return ranges;
  }
  fs::path tmp_;
};

TEST_F(SplitCli, GeneratedPayersReadOnThreadsAsOnOne) {
  const auto payers = denial_test::split_payers();
  const fs::path plain = write("payers.835", denial_test::split_remit(payers));
  const fs::path crlf = write("payers_crlf.835", denial_test::split_remit(payers, "\r\n"));
  // Four transactions: up to 8 ranges for 2 threads, so one per transaction.
  EXPECT_EQ(expect_same({plain.string()}), 4u);
  EXPECT_EQ(expect_same({crlf.string()}, 3), 4u);
  // Several cut files in one run, between files that are not cut.
  EXPECT_EQ(expect_same({plain.string(), std::string(DENIAL_TEST_DATA) + "/denied_claim.835",
                         crlf.string(), std::string(DENIAL_TEST_DATA) + "/reversal.835"}),
            8u);
  // Many transactions, more than ranges: several per range.
  std::vector<denial_test::SplitTx> many;
  for (int i = 0; i < 25; ++i) many.push_back(payers[i % payers.size()]);
  EXPECT_EQ(expect_same({write("many.835", denial_test::split_remit(many)).string()}), 8u);
}

TEST_F(SplitCli, MalformedMultiTransactionFilesReadAsOnOneThread) {
  const std::string good = denial_test::split_remit(denial_test::split_payers());
  const std::size_t second_st = good.find("ST*835*0002");
  std::string missing_se = good;
  const std::size_t se = good.find("SE*");
  missing_se.erase(se, good.find('~', se) + 1 - se);
  std::string wrong_se = good;
  wrong_se.replace(se, good.find('*', se + 3) - se, "SE*7");
  std::string nested = good;
  nested.insert(good.find("LX*1~"), "ST*835*0009~");
  std::string junk = good;
  junk.insert(second_st, "HELLO~\x01\x02~");
  std::vector<std::string> cut, sequential;
  cut.push_back(write("wrong_se.835", wrong_se).string());  // plain layout: still cut
  sequential.push_back(write("missing_se.835", missing_se).string());
  sequential.push_back(write("nested.835", nested).string());
  sequential.push_back(write("truncated.835", good.substr(0, good.rfind("CLP*"))).string());
  sequential.push_back(write("junk.835", junk).string());
  EXPECT_EQ(expect_same(cut), 4u);
  EXPECT_EQ(expect_same(sequential), 0u);
}

// Cutting is asked for: --jobs 2 alone reads each file on one thread.
TEST_F(SplitCli, JobsAloneDoesNotCut) {
  const fs::path plain = write("payers.835", denial_test::split_remit(denial_test::split_payers()));
  const CliRun cut =
      run_cli({"explain", plain.string(), "--jobs", "2", "--split-transactions"}, tmp_);
  const CliRun whole = run_cli({"explain", plain.string(), "--jobs", "2"}, tmp_);
  EXPECT_EQ(ranges_read(cut.err), 4u);
  EXPECT_EQ(ranges_read(whole.err), 0u);
  EXPECT_EQ(cut.out, whole.out);
}

// Every fixture and sample in one run and each multi-transaction one alone.
TEST_F(SplitCli, EveryFixtureReadsTheSameOnThreads) {
  DENIAL_REQUIRE_SAMPLES();
  std::vector<std::string> all;
  for (const std::string& dir :
       {std::string(DENIAL_TEST_DATA), std::string(DENIAL_TEST_DATA) + "/malformed",
        std::string(DENIAL_TEST_DATA) + "/mix", denial_test::samples_dir()})
    for (const auto& e : fs::directory_iterator(dir)) {
      const std::string ext = e.path().extension().string();
      if (e.is_regular_file() && ext != ".md" && ext != ".csv") all.push_back(e.path().string());
    }
  std::sort(all.begin(), all.end());
  ASSERT_GT(all.size(), 100u);
  EXPECT_GE(expect_same(all), 10u);
  EXPECT_EQ(expect_same({std::string(DENIAL_TEST_DATA) + "/several_st.835"}), 3u);
  EXPECT_GE(expect_same({denial_test::samples_dir() + "/own__six_payments_one_trace.edi"}), 2u);
}

// Files read ahead of the writer are rendered and digested on the reader threads (every
// format but the patient letters), their texts spooled to a temporary file past the memory
// budget (the memo's always go to a file of the reading thread's): a 1-byte budget spools
// every batch that can be. Byte for byte what one thread writes, and the stats say it
// happened (a fallback to the writer rendering everything would pass otherwise). The
// compact JSON's keys are given by the writer: variants ("CO-45#2") are numbered in report
// order whichever thread met them first.
TEST_F(SplitCli, FilesAheadRenderedAndSpooledAsOnOneThread) {
  const auto payers = denial_test::split_payers();
  std::vector<std::string> files;
  for (int i = 0; i < 4; ++i) {
    std::vector<denial_test::SplitTx> txs;
    for (int k = 0; k < 30; ++k) txs.push_back(payers[(i + k) % payers.size()]);
    files.push_back(
        write("ahead" + std::to_string(i) + ".835", denial_test::split_remit(txs)).string());
  }
  // The fixtures: CARCs whose advice differs by payer and group make variant keys.
  std::vector<std::string> fixtures;
  for (const auto& e : fs::directory_iterator(DENIAL_TEST_DATA))
    if (e.is_regular_file() && e.path().extension() == ".835")
      fixtures.push_back(e.path().string());
  std::sort(fixtures.begin(), fixtures.end());
  files.insert(files.begin() + 2, fixtures.begin(), fixtures.end());
  for (std::vector<std::string> format : {std::vector<std::string>{"csv"},
                                          {"ndjson"},
                                          {"text"},
                                          {"json"},
                                          {"json", "--inline-texts"},
                                          {"patient"}}) {
    SCOPED_TRACE(format[0] + (format.size() > 1 ? " " + format[1] : ""));
    for (const std::string budget : {"DENIAL_AHEAD_BYTES=1", ""}) {
      SCOPED_TRACE(budget);
      std::vector<std::string> args = {"explain", "--format"};
      args.insert(args.end(), format.begin(), format.end());
      args.insert(args.end(), files.begin(), files.end());
      auto one = args, two = args;
      one.insert(one.end(), {"--jobs", "1"});
      two.insert(two.end(), {"--jobs", "2"});
      const CliRun a = run_cli(one, tmp_, budget), b = run_cli(two, tmp_, budget);
      EXPECT_FALSE(a.out.empty());
      EXPECT_EQ(a.out, b.out);
      EXPECT_EQ(a.status, b.status);
      const std::size_t digested = stat(b.err, "claims digested"),
                        spooled = stat(b.err, "of their texts spooled");
      // The writer's thread reads the first file (over 64 claims) itself: past its first
      // batch, its claims are written as they are read.
      EXPECT_GT(stat(b.err, "claims written as read"), 0u) << b.err;
      if (format[0] == "patient") {  // the letters' writer counts the office's checks
        EXPECT_EQ(digested, 0u);
        continue;
      }
      EXPECT_GT(digested, 0u) << b.err;
      // The memo keeps every claim's text to its end: what is read ahead goes to the reading
      // thread's file for good (the memo notes where) instead of the budget's spool.
      const std::size_t left_in_files = stat(b.err, "left in files for the memo");
      if (format[0] == "text") {
        EXPECT_GT(left_in_files, 0u) << b.err;
        EXPECT_EQ(spooled, 0u) << b.err;
        continue;
      }
      EXPECT_EQ(left_in_files, 0u) << b.err;
      if (!budget.empty()) {
        EXPECT_GT(spooled, 0u) << b.err;
      } else {
        EXPECT_EQ(spooled, 0u) << b.err;
      }
      // Variants met: the key numbering is exercised.
      if (format.size() == 1 && format[0] == "json") {
        EXPECT_NE(b.out.find("\"codes_key\":"), std::string::npos);
      }
    }
  }
}

}  // namespace
