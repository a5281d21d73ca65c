// ReadAhead lets its threads go when the writer stops early (an exception on the writer's
// thread, such as a temporary file that cannot be read back): a thread waiting for room in a
// queue nobody empties is released, and destroying it returns instead of hanging.
#include "read_ahead.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>

#include "split_remit.h"

namespace {

namespace fs = std::filesystem;

struct StopsAtOnce : denial_cli::InOrder {
  denial_cli::Step step(bool) override { throw std::runtime_error("writer stopped"); }
  bool on(std::size_t) const override { return false; }
  void write(denial::StreamEvent&) override {}
};

TEST(ReadAhead, LetsItsThreadsGoWhenTheWriterStops) {
  // One file of 3,000 claims: read by the other thread, which hands them over unrendered
  // (a lone file) and fills its queue after 8 batches, then waits for the writer.
  std::vector<std::string> claims;
  for (int i = 0; i < 3000; ++i)
    claims.push_back(denial_test::split_claim("C" + std::to_string(i), "1", 100, 80));
  const fs::path path =
      fs::temp_directory_path() / ("read_ahead_test_" + std::to_string(::getpid()) + ".835");
  std::ofstream(path, std::ios::binary) << denial_test::split_remit({{"PAYER", claims, "", true}});

  std::ostringstream out;
  auto writer = denial::make_writer(denial::ReportFormat::json, out, {});
  const denial::ExplainOptions options;
  auto done = std::async(std::launch::async, [&] {
    denial_cli::ReadAhead ahead({path}, options, 2, *writer, true, UINT64_MAX);
    StopsAtOnce stops;
    EXPECT_THROW(ahead.take_part(stops), std::runtime_error);
    // Give the other thread time to fill its queue and wait.
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
  });  // ~ReadAhead here
  if (done.wait_for(std::chrono::seconds(30)) != std::future_status::ready) {
    ADD_FAILURE() << "~ReadAhead did not return: a thread still waits for the writer";
    std::_Exit(1);  // the waiting thread cannot be joined
  }
  done.get();
  fs::remove(path);
}

}  // namespace
