// The streaming writers: written file by file with each file's claims released right after
// (what the CLI does), every format gives the same bytes as the one-shot writer over the
// finished report; and the compact JSON (schema 3.0) holds the same facts as the inline form.
#include "denial/report_writer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <future>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "denial/report.h"
#include "test_util.h"

using nlohmann::json;

namespace {

std::vector<std::pair<std::string, std::string>> sample_files() {
  std::vector<std::pair<std::string, std::string>> out;
  std::vector<std::filesystem::path> paths;
  for (const auto& e : std::filesystem::directory_iterator(denial_test::samples_dir()))
    if (e.is_regular_file() && e.path().extension() != ".md") paths.push_back(e.path());
  std::sort(paths.begin(), paths.end());
  for (const auto& p : paths)
    out.emplace_back(p.filename().string(), denial_test::read_file(p.string()));
  for (const char* f : {"denied_claim.835", "reversal.835", "plb_netting.835"})
    out.emplace_back(f, denial_test::fixture(f));
  // A 999, two 277CAs and the remit they lead to: the acknowledgment sections stream too.
  for (const char* f : {"01_claims_batch.999", "02_first_answer.277ca",
                        "03_resubmission_answer.277ca", "04_remit.835"})
    out.emplace_back(f, denial_test::fixture(std::string("mix/") + f));
  return out;
}

std::string streamed(const std::vector<std::pair<std::string, std::string>>& files,
                     denial::ReportFormat format, denial::WriterOptions options,
                     std::uint64_t keep_up_to = UINT64_MAX) {
  std::ostringstream out;
  denial::ReportBuilder b(keep_up_to);
  auto writer = denial::make_writer(format, out, options);
  for (const auto& [name, bytes] : files) {
    std::size_t from = b.report().transactions.size();
    b.add_file(name, bytes);
    writer->transactions(b.report(), from, b.report().transactions.size());
    b.release_claims(from, b.report().transactions.size());
  }
  writer->finish(b.report());
  return out.str();
}

denial::Report whole(const std::vector<std::pair<std::string, std::string>>& files,
                     std::uint64_t keep_up_to = UINT64_MAX) {
  denial::ReportBuilder b(keep_up_to);
  for (const auto& [name, bytes] : files) b.add_file(name, bytes);
  return b.finish();
}

// What the CLI does with --jobs: files prepared on threads, added in input order.
denial::Report prepared_on_threads(const std::vector<std::pair<std::string, std::string>>& files) {
  std::vector<std::future<denial::PreparedFile>> ahead;
  for (const auto& [name, bytes] : files)
    ahead.push_back(std::async(std::launch::async, [&name, &bytes] {
      return denial::prepare_file(name, bytes, denial::ExplainOptions{});
    }));
  denial::ReportBuilder b;
  for (auto& f : ahead) b.add_prepared(f.get());
  return b.finish();
}

}  // namespace

TEST(ReportWriter, StreamedFileByFileEqualsOneShot) {
  DENIAL_REQUIRE_SAMPLES();
  auto files = sample_files();
  denial::Report r = whole(files);
  for (bool mask : {false, true}) {
    EXPECT_EQ(streamed(files, denial::ReportFormat::json, {mask, false}),
              denial::to_json(r, -1, mask));
    EXPECT_EQ(streamed(files, denial::ReportFormat::json, {mask, true}),
              denial::to_json(r, -1, mask, true));
    EXPECT_EQ(streamed(files, denial::ReportFormat::text, {mask, false}), denial::to_text(r, mask));
    EXPECT_EQ(streamed(files, denial::ReportFormat::csv, {mask, false}),
              denial::worklist_csv(r, mask));
    EXPECT_EQ(streamed(files, denial::ReportFormat::ndjson, {mask, false}),
              denial::claims_ndjson(r, mask));
  }
  // Big-file mode (rows only) streams too.
  denial::Report big = whole(files, 0);
  EXPECT_EQ(streamed(files, denial::ReportFormat::ndjson, {}, 0), denial::claims_ndjson(big));
  EXPECT_EQ(streamed(files, denial::ReportFormat::csv, {}, 0), denial::worklist_csv(big));
}

// Every adjustment and remark of the compact form, with its `codes` entry put back, is the
// inline form: the dictionary loses nothing.
TEST(ReportWriter, CompactCodesExpandToInlineTexts) {
  DENIAL_REQUIRE_SAMPLES();
  denial::Report r = whole(sample_files());
  json compact = json::parse(denial::to_json(r));
  json expanded = json::parse(denial::to_json(r, -1, false, true));
  ASSERT_TRUE(compact.contains("codes"));
  EXPECT_FALSE(expanded.contains("codes"));
  const json& codes = compact["codes"];
  std::size_t seen = 0;
  auto expand = [&](json& item) {
    const json& texts = codes.at(item.at("codes_key").get<std::string>());
    item.erase("codes_key");
    for (auto& [k, v] : texts.items()) item[k] = v;
    ++seen;
  };
  for (auto& t : compact["transactions"])
    for (auto& c : t["claims"]) {
      c["status_official"] = codes.at(c.at("status_codes_key").get<std::string>())["official"];
      c.erase("status_codes_key");
      for (auto& a : c["adjustments"]) expand(a);
      for (auto& m : c["remarks"]) expand(m);
      for (auto& l : c["lines"]) {
        for (auto& a : l["adjustments"]) expand(a);
        for (auto& m : l["remarks"]) expand(m);
      }
    }
  EXPECT_GT(seen, 100u);
  compact.erase("codes");
  EXPECT_EQ(compact, expanded);
}

// The memo's money matches the JSON's (the same buckets): spot-check the compact summary.
TEST(ReportWriter, CompactJsonKeepsSummary) {
  DENIAL_REQUIRE_SAMPLES();
  denial::Report r = whole(sample_files());
  json compact = json::parse(denial::to_json(r));
  json expanded = json::parse(denial::to_json(r, -1, false, true));
  EXPECT_EQ(compact["summary"], expanded["summary"]);
  EXPECT_EQ(compact["worklist"], expanded["worklist"]);
  EXPECT_LT(denial::to_json(r).size(), denial::to_json(r, -1, false, true).size());
}

// Files prepared in parallel give the report add_file gives, byte for byte, in every format,
// acknowledgments (277CA / 999) included.
TEST(ReportWriter, PreparedOnThreadsEqualsAddFile) {
  DENIAL_REQUIRE_SAMPLES();
  auto files = sample_files();
  denial::Report one = whole(files);
  denial::Report many = prepared_on_threads(files);
  ASSERT_FALSE(many.acknowledgments.empty());
  EXPECT_EQ(denial::to_json(many), denial::to_json(one));
  EXPECT_EQ(denial::to_text(many), denial::to_text(one));
  EXPECT_EQ(denial::worklist_csv(many), denial::worklist_csv(one));
  EXPECT_EQ(denial::claims_ndjson(many), denial::claims_ndjson(one));
  json j = json::parse(denial::to_json(many));
  EXPECT_TRUE(j.contains("acknowledgments"));
  std::size_t kinds_277ca = 0;
  for (const auto& f : j["files"]) kinds_277ca += f["kind"] == "277CA";
  EXPECT_EQ(kinds_277ca, 2u);
}
