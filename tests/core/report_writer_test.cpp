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

#include "denial/claim_stream.h"
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

// What the CLI does: each file streamed claim by claim into the writer (nothing kept but
// worklist rows when `lean`); with `own`, the events are read first and replayed, as the
// CLI's reading threads hand them over.
std::string streamed_claims(const std::vector<std::pair<std::string, std::string>>& files,
                            denial::ReportFormat format, denial::WriterOptions options, bool lean,
                            bool own, denial::Report* report = nullptr) {
  std::ostringstream out;
  denial::ReportBuilder b;
  b.keep_worklist_rows_only(lean);
  auto writer = denial::make_writer(format, out, options);
  for (const auto& [name, bytes] : files) {
    if (!own) {
      b.add_streamed(name, bytes, *writer);
      continue;
    }
    const denial::FileKind kind = denial::detect_kind(bytes);
    if (denial::is_acknowledgment(kind)) {
      b.add_prepared(denial::prepare_file(name, bytes, {}));
      continue;
    }
    std::vector<denial::StreamEvent> events;
    denial::stream_explained(bytes, {}, true,
                             [&](denial::StreamEvent& e) { events.push_back(std::move(e)); });
    b.begin_streamed(name, bytes.size(), kind);
    for (auto& e : events) b.add_event(e, *writer);
  }
  writer->finish(b.report());
  if (report) *report = b.finish();
  return out.str();
}

// One interchange per group of claims: "PCN:status" each, with a denial on each claim.
std::string remit_of(const std::vector<std::vector<std::string>>& transactions) {
  std::string file;
  int n = 0;
  for (const auto& claims : transactions) {
    std::string body =
        "BPR*I*0*C*NON************20260115~TRN*1*T" + std::to_string(++n) +
        "*1512345678~DTM*405*20260114~N1*PR*TEST PAYER~N1*PE*TEST CLINIC*XX*1234567893~LX*1~";
    int segments = 6;
    for (const std::string& c : claims) {
      std::string pcn = c.substr(0, c.find(':')), status = c.substr(c.find(':') + 1);
      const bool reversal = status == "22";
      body += "CLP*" + pcn + "*" + status + (reversal ? "*-100*0*0" : "*100*0*0") + "*12*ICN" +
              pcn + "*11*1~CAS*CO*16*" + (reversal ? "-100" : "100") + "~";
      segments += 2;
    }
    file += denial_test::envelope(body, segments);
  }
  return file;
}

}  // namespace

// The CLI's path (claims streamed to the writer as they are read, none kept) writes exactly
// what the one-shot writers write over a report that kept every claim, in every format,
// masked or not, with worklist rows only or all rows, from events read on another thread.
TEST(ReportWriter, StreamedClaimByClaimEqualsOneShot) {
  DENIAL_REQUIRE_SAMPLES();
  auto all = sample_files();
  // Worklist rows only when no 277CA or 999 is read: a claim's history across files needs
  // every 835 row (the CLI decides so before reading).
  std::vector<std::pair<std::string, std::string>> remits;
  for (const auto& f : all)
    if (!denial::is_acknowledgment(denial::detect_kind(f.second))) remits.push_back(f);
  ASSERT_LT(remits.size(), all.size());
  using F = denial::ReportFormat;
  for (bool lean : {false, true}) {
    const auto& files = lean ? remits : all;
    denial::Report r = whole(files);
    for (bool mask : {false, true})
      for (bool own : {false, true}) {
        SCOPED_TRACE(std::string(mask ? "masked " : "") + (lean ? "lean " : "") +
                     (own ? "owned" : "direct"));
        EXPECT_EQ(streamed_claims(files, F::json, {mask, false}, lean, own),
                  denial::to_json(r, -1, mask));
        EXPECT_EQ(streamed_claims(files, F::text, {mask, false}, lean, own),
                  denial::to_text(r, mask));
        EXPECT_EQ(streamed_claims(files, F::csv, {mask, false}, lean, own),
                  denial::worklist_csv(r, mask));
        EXPECT_EQ(streamed_claims(files, F::ndjson, {mask, false}, lean, own),
                  denial::claims_ndjson(r, mask));
      }
    EXPECT_EQ(streamed_claims(files, F::json, {false, true}, lean, false),
              denial::to_json(r, -1, false, true));
  }
  // Nothing of the claims stays: no explained claim, no parsed claim, worklist rows only.
  denial::Report lean, full = whole(remits);
  streamed_claims(remits, F::json, {}, true, false, &lean);
  for (const auto& xs : lean.explained) EXPECT_TRUE(xs.empty());
  for (const auto& t : lean.transactions) EXPECT_TRUE(t.claims.empty());
  std::size_t duplicates = 0;  // worklist rows of retransmitted payments are kept, not listed
  for (const auto& row : lean.rows) duplicates += row.duplicate;
  EXPECT_EQ(lean.rows.size(), denial::worklist(lean).size() + duplicates);
  EXPECT_LT(lean.rows.size(), full.rows.size() / 2);
}

// Reversals pair with a claim before or after them, with others between, in the same
// transaction only: the streamed claims wait for their partners and pair as when kept.
TEST(ReportWriter, StreamedReversalsPairAsWhenKept) {
  std::vector<std::pair<std::string, std::string>> files = {
      {"pairs.835", remit_of({{"A:1", "B:1", "A:22", "C:1", "D:22", "E:1", "D:1", "A:1", "F:22"},
                              {"A:22", "G:1", "A:1", "D:1"}})}};
  denial::Report r = whole(files);
  ASSERT_EQ(r.explained.size(), 2u);
  const auto& xs = r.explained[0];
  ASSERT_EQ(xs.size(), 9u);
  ASSERT_TRUE(xs[2].paired_with && xs[4].paired_with);
  EXPECT_EQ(*xs[2].paired_with, 0u);
  EXPECT_EQ(*xs[4].paired_with, 6u);
  EXPECT_FALSE(xs[8].paired_with);
  ASSERT_TRUE(r.explained[1][0].paired_with);
  EXPECT_EQ(*r.explained[1][0].paired_with, 2u);
  using F = denial::ReportFormat;
  for (bool own : {false, true}) {
    EXPECT_EQ(streamed_claims(files, F::json, {}, true, own), denial::to_json(r));
    EXPECT_EQ(streamed_claims(files, F::text, {}, true, own), denial::to_text(r));
    EXPECT_EQ(streamed_claims(files, F::ndjson, {}, true, own), denial::claims_ndjson(r));
  }
}

// A payment read twice: the copy's claims stream before its end says it is a copy; the NDJSON
// lines wait and say duplicate_payment: true, the totals count it once.
TEST(ReportWriter, StreamedRetransmissionIsFlaggedAfterItsEnd) {
  std::string remit = denial_test::fixture("denied_claim.835");
  std::vector<std::pair<std::string, std::string>> files = {{"a.835", remit}, {"b.835", remit}};
  denial::Report r = whole(files);
  ASSERT_EQ(r.duplicate_of.size(), 2u);
  EXPECT_EQ(r.duplicate_of[1], 0);
  using F = denial::ReportFormat;
  std::string nd = streamed_claims(files, F::ndjson, {}, true, false);
  EXPECT_EQ(nd, denial::claims_ndjson(r));
  std::istringstream lines(nd);
  std::vector<bool> flags;
  for (std::string line; std::getline(lines, line);)
    flags.push_back(json::parse(line)["duplicate_payment"].get<bool>());
  ASSERT_EQ(flags.size() % 2, 0u);
  for (std::size_t i = 0; i < flags.size(); ++i) EXPECT_EQ(flags[i], i >= flags.size() / 2);
  for (auto format : {F::json, F::csv, F::text})
    EXPECT_EQ(streamed_claims(files, format, {}, true, false),
              streamed_claims(files, format, {}, false, true));
  EXPECT_EQ(streamed_claims(files, F::csv, {}, true, false), denial::worklist_csv(r));
}

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

// Every fixture and malformed file (a claim before its BPR, truncated transactions, several
// ISAs...), one report each: streaming gives what keeping every claim gives.
TEST(ReportWriter, StreamedEqualsOneShotOnEveryFixture) {
  std::vector<std::filesystem::path> paths;
  for (const char* dir : {"", "malformed"})
    for (const auto& e :
         std::filesystem::directory_iterator(std::string(DENIAL_TEST_DATA) + "/" + dir)) {
      const std::string ext = e.path().extension().string();
      if (e.is_regular_file() && ext != ".md" && ext != ".csv") paths.push_back(e.path());
    }
  std::sort(paths.begin(), paths.end());
  ASSERT_GT(paths.size(), 60u);
  using F = denial::ReportFormat;
  for (const auto& p : paths) {
    SCOPED_TRACE(p.string());
    std::vector<std::pair<std::string, std::string>> one = {
        {p.filename().string(), denial_test::read_file(p.string())}};
    denial::Report r = whole(one);
    EXPECT_EQ(streamed_claims(one, F::json, {}, false, false), denial::to_json(r));
    EXPECT_EQ(streamed_claims(one, F::ndjson, {}, true, true), denial::claims_ndjson(r));
    EXPECT_EQ(streamed_claims(one, F::text, {}, true, false), denial::to_text(r));
  }
}
