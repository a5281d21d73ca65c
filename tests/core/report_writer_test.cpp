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
#include "report/json_parts.h"
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

// The vendored samples and the malformed fixtures: every shape of claim the writers meet.
std::vector<std::pair<std::string, std::string>> samples_and_malformed() {
  auto files = sample_files();
  for (const auto& e :
       std::filesystem::directory_iterator(std::string(DENIAL_TEST_DATA) + "/malformed")) {
    const std::string ext = e.path().extension().string();
    if (e.is_regular_file() && ext != ".md" && ext != ".csv")
      files.emplace_back(e.path().filename().string(), denial_test::read_file(e.path().string()));
  }
  return files;
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
    // As the CLI's reader threads do: events queued, claims rendered ahead when the writer
    // has a renderer (NDJSON), their transaction numbered within the file.
    std::vector<denial::StreamEvent> events;
    denial::StreamOptions stream;
    stream.own_claims = true;
    stream.drafts = writer->needs_drafts();
    auto renderer = writer->renderer();
    denial::stream_explained(bytes, {}, stream, [&](denial::StreamEvent& e) {
      if (renderer) renderer->follow(name, e);
      events.push_back(std::move(e));
    });
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

// The compact claim (docs/report-schema.md "Compact claims") put back into the inline form:
// defaults restored, pairs made objects, `codes` and `action_texts` entries merged in.
void set_default(json& o, const char* key, json value) {
  if (!o.contains(key)) o[key] = std::move(value);
}

void pairs_to_objects(json& o, const char* key, const char* value_key) {
  set_default(o, key, json::array());
  for (auto& p : o[key]) p = {{"qualifier", p[0]}, {value_key, p[1]}};
}

void expand_adjustment(json& a, const json& codes, const char* level, std::ptrdiff_t line) {
  set_default(a, "group", "");
  set_default(a, "reason", "");
  set_default(a, "quantity", "");
  set_default(a, "validity", "valid");
  a["code"] = a["group"].get<std::string>() + "-" + a["reason"].get<std::string>();
  a["level"] = level;
  if (line >= 0) a["line"] = line;
  for (auto& [k, v] : codes.at(a.value("codes_key", a["code"].get<std::string>())).items())
    a[k] = v;
  a.erase("codes_key");
}

void expand_remark(json& r, const json& codes, std::ptrdiff_t line) {
  for (const char* k : {"code", "qualifier", "source"}) set_default(r, k, "");
  set_default(r, "validity", "valid");
  const std::string q = r["qualifier"], code = r["code"];
  for (auto& [k, v] : codes.at(q == "HE" || q.empty() ? code : q + ":" + code).items()) r[k] = v;
  if (line >= 0) r["line"] = line;
}

void expand_procedure(json& p) {
  for (const char* k : {"code", "description", "qualifier"}) set_default(p, k, "");
  set_default(p, "modifiers", json::array());
}

json expand_claim(json c, const json& report, std::size_t t, std::size_t index) {
  const json& codes = report["codes"];
  const json& tx = report["transactions"][t];
  c["index"] = index;
  c["transaction"] = t;
  set_default(c, "remit_date", tx["remit_date"]);
  for (const char* k :
       {"drg", "facility_type", "filing_indicator", "frequency", "payer_claim_number", "status"})
    set_default(c, k, "");
  for (const char* k : {"adjustments", "remarks", "flags", "lines", "names"})
    set_default(c, k, json::array());
  set_default(c, "patient_responsibility", nullptr);
  set_default(c, "unaccounted", "0.00");
  pairs_to_objects(c, "dates", "date");
  pairs_to_objects(c, "references", "value");
  pairs_to_objects(c, "amounts", "amount");
  c["status_official"] = codes.at("CLP02:" + c["status"].get<std::string>())["official"];
  c["outcome_label"] = report["outcome_labels"].at(c["outcome"].get<std::string>());
  for (auto& n : c["actions"]) {
    set_default(n, "act_by", nullptr);
    set_default(n, "deadline_owner", nullptr);
    set_default(n, "deadline_passed", false);
    set_default(n, "note", nullptr);
    set_default(n, "reasons", json::array());
    for (auto& [k, v] :
         report["action_texts"].at(n.value("texts_key", n["action"].get<std::string>())).items())
      n[k] = v;
    n.erase("texts_key");
    set_default(n, "sources", json::array());
    set_default(n, "deadline_rule", nullptr);
  }
  for (auto& a : c["adjustments"]) expand_adjustment(a, codes, "claim", -1);
  for (auto& r : c["remarks"]) expand_remark(r, codes, -1);
  std::ptrdiff_t i = 0;
  for (auto& l : c["lines"]) {
    l["index"] = i;
    for (const char* k : {"adjustments", "remarks"}) set_default(l, k, json::array());
    for (auto& a : l["adjustments"]) expand_adjustment(a, codes, "line", i);
    for (auto& r : l["remarks"]) expand_remark(r, codes, i);
    pairs_to_objects(l, "dates", "date");
    pairs_to_objects(l, "references", "value");
    pairs_to_objects(l, "amounts", "amount");
    std::string six_r;
    for (const auto& ref : l["references"])
      if (ref["qualifier"] == "6R") six_r = ref["value"];
    set_default(l, "control_number", six_r);
    for (const char* k : {"revenue_code", "units_paid", "units_submitted"}) set_default(l, k, "");
    set_default(l, "submitted_procedure", nullptr);
    expand_procedure(l["procedure"]);
    if (!l["submitted_procedure"].is_null()) expand_procedure(l["submitted_procedure"]);
    ++i;
  }
  return c;
}

// The compact report loses no fact of the inline one: every claim, its defaults restored and
// its texts put back from `codes` and `action_texts`, is the inline claim, except the drafts
// (appeal letter, checklist, patient explanation), which only the expanded forms carry.
TEST(ReportWriter, CompactReportHoldsEveryInlineFact) {
  DENIAL_REQUIRE_SAMPLES();
  auto files = samples_and_malformed();
  denial::Report r = whole(files);
  json compact = json::parse(denial::to_json(r));
  json expanded = json::parse(denial::to_json(r, -1, false, true));
  ASSERT_TRUE(compact.contains("codes") && compact.contains("action_texts") &&
              compact.contains("outcome_labels"));
  EXPECT_FALSE(expanded.contains("codes") || expanded.contains("action_texts") ||
               expanded.contains("outcome_labels"));
  EXPECT_EQ(compact["outcome_labels"].size(), std::size_t(denial::kOutcomeCount));
  std::size_t claims = 0, drafts = 0;
  ASSERT_EQ(compact["transactions"].size(), expanded["transactions"].size());
  for (std::size_t t = 0; t < compact["transactions"].size(); ++t) {
    json ct = compact["transactions"][t], et = expanded["transactions"][t];
    ASSERT_EQ(ct["claims"].size(), et["claims"].size());
    for (std::size_t i = 0; i < ct["claims"].size(); ++i) {
      json want = et["claims"][i];
      drafts += !want["appeal_letter"].is_null() + !want["corrected_claim_checklist"].empty() +
                want.contains("patient_explanation");
      want.erase("appeal_letter");
      want.erase("corrected_claim_checklist");
      want.erase("patient_explanation");
      EXPECT_FALSE(ct["claims"][i].contains("outcome_label"));
      ASSERT_EQ(expand_claim(ct["claims"][i], compact, t, i), want)
          << "transaction " << t << " claim " << i;
      ++claims;
    }
    ct.erase("claims");
    et.erase("claims");
    EXPECT_EQ(ct, et);
  }
  EXPECT_GT(claims, 300u);
  EXPECT_GT(drafts, 10u);
}

// The compact worklist names the inline worklist's claims, in the same order, with the
// primary action and money at stake; the totals are the same; the compact report is smaller.
TEST(ReportWriter, CompactJsonKeepsSummaryAndWorklist) {
  DENIAL_REQUIRE_SAMPLES();
  denial::Report r = whole(sample_files());
  json compact = json::parse(denial::to_json(r));
  json expanded = json::parse(denial::to_json(r, -1, false, true));
  EXPECT_EQ(compact["summary"], expanded["summary"]);
  ASSERT_EQ(compact["worklist"].size(), expanded["worklist"].size());
  ASSERT_GT(compact["worklist"].size(), 10u);
  for (std::size_t i = 0; i < compact["worklist"].size(); ++i) {
    const json &c = compact["worklist"][i], &e = expanded["worklist"][i];
    EXPECT_EQ(c, json({{"transaction", e["transaction"]},
                       {"claim", e["claim"]},
                       {"action", e["action"]},
                       {"at_stake", e["at_stake"]}}));
  }
  EXPECT_LT(denial::to_json(r).size() * 2, denial::to_json(r, -1, false, true).size());
}

// The compact report writes its claims, codes and worklist by hand, not through a json value:
// their bytes must be what nlohmann dumps for the same values (keys sorted, no spaces), so a
// reader can neither tell nor be surprised.
TEST(ReportWriter, CompactPartsAreWhatAJsonDumpWrites) {
  DENIAL_REQUIRE_SAMPLES();
  const std::string text = denial::to_json(whole(sample_files()));
  const json report = json::parse(text);
  ASSERT_GT(report["worklist"].size(), 10u);
  for (const char* part : {"worklist", "codes", "action_texts"}) {
    const std::string key = std::string("\"") + part + "\":";
    EXPECT_NE(text.find(key + report[part].dump()), std::string::npos)
        << part << " is not written as its dump";
  }
  // A transaction opens with its index and claims (they stream before its end is known);
  // each claim inside is a dump, found in order.
  std::size_t from = 0, claims = 0;
  for (const json& t : report["transactions"])
    for (const json& c : t["claims"]) {
      const std::size_t at = text.find(c.dump(), from);
      ASSERT_NE(at, std::string::npos) << "claim " << claims << " is not written as its dump";
      from = at + 1;
      ++claims;
    }
  EXPECT_GT(claims, 10u);
  // Masked for sharing: the worklist entries that name a claim have nothing to mask.
  const std::string masked = denial::to_json(whole(sample_files()), -1, true);
  EXPECT_NE(masked.find("\"worklist\":" + json::parse(masked)["worklist"].dump()),
            std::string::npos);
  EXPECT_EQ(json::parse(masked)["worklist"], report["worklist"]);
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

// The report's hot path writes each compact claim straight into text: the same bytes as the
// json value the masked path dumps, for every claim of every sample and fixture, and the
// same `codes` and `action_texts` entries, numbered alike.
TEST(ReportWriter, CompactClaimTextEqualsItsJsonValue) {
  DENIAL_REQUIRE_SAMPLES();
  auto files = sample_files();
  for (const char* dir : {"", "malformed"})
    for (const auto& e :
         std::filesystem::directory_iterator(std::string(DENIAL_TEST_DATA) + "/" + dir)) {
      const std::string ext = e.path().extension().string();
      if (e.is_regular_file() && ext != ".md" && ext != ".csv")
        files.emplace_back(e.path().filename().string(), denial_test::read_file(e.path().string()));
    }
  denial::Report r = whole(files);
  denial::detail::CodeTexts fast, slow;
  std::size_t claims = 0;
  for (std::size_t t = 0; t < r.transactions.size(); ++t) {
    const std::string remit_date = denial::remit_date_of(r.transactions[t]);
    for (const auto& x : r.explained[t]) {
      std::string text;
      denial::detail::append_claim_text(text, x, fast, {false, remit_date, nullptr});
      json j = denial::detail::claim_json(x, &slow);
      if (j.contains("remit_date") && j["remit_date"] == remit_date) j.erase("remit_date");
      ASSERT_EQ(text, denial::detail::dump(j, -1)) << r.files[r.transaction_file[t]].name;
      ++claims;
    }
  }
  EXPECT_GT(claims, 300u);
  EXPECT_EQ(fast.entries, slow.entries);
  EXPECT_EQ(fast.actions, slow.actions);
  EXPECT_EQ(fast.key_of, slow.key_of);
}

// The expanded claims (--inline-texts, NDJSON lines) written straight into text equal their
// json values too, payment fields merged in.
TEST(ReportWriter, ExpandedClaimTextEqualsItsJsonValue) {
  DENIAL_REQUIRE_SAMPLES();
  auto files = samples_and_malformed();
  denial::Report r = whole(files);
  denial::detail::CodeTexts texts;
  std::size_t claims = 0;
  for (std::size_t t = 0; t < r.transactions.size(); ++t)
    for (const auto& x : r.explained[t]) {
      std::string text;
      denial::detail::append_claim_text(text, x, texts, {true, {}, nullptr});
      ASSERT_EQ(text, denial::detail::dump(denial::detail::claim_json(x), -1));
      json line = denial::detail::ndjson_claim(r, t, x, t % 2 == 1);
      const denial::detail::ClaimExtras extras = {
          {"duplicate_payment", t % 2 == 1 ? "true" : "false"},
          {"file_name", denial::detail::dump(line["file_name"], -1)},
          {"payee", denial::detail::dump(line["payee"], -1)},
          {"payee_id", denial::detail::dump(line["payee_id"], -1)},
          {"payer", denial::detail::dump(line["payer"], -1)},
          {"payer_id", denial::detail::dump(line["payer_id"], -1)},
          {"payment_date", denial::detail::dump(line["payment_date"], -1)},
          {"payment_trace_number", denial::detail::dump(line["payment_trace_number"], -1)}};
      text.clear();
      denial::detail::append_claim_text(text, x, texts, {true, {}, &extras});
      ASSERT_EQ(text, denial::detail::dump(line, -1));
      ++claims;
    }
  EXPECT_GT(claims, 300u);
}

// Free text from the file (names, ids) with quotes, backslashes, control bytes, DEL and
// UTF-8 is escaped by the claim writer exactly as the json value's dump escapes it.
TEST(ReportWriter, ClaimTextEscapesLikeItsJsonValue) {
  std::string bytes = denial_test::read_file(std::string(DENIAL_TEST_DATA) + "/denied_claim.835");
  const std::string plain = "BROOKS*EVAN";
  const std::size_t at = bytes.find(plain);
  ASSERT_NE(at, std::string::npos);
  bytes.replace(at, plain.size(), "BRO\"OKS\\\t\x01\x1f\x7f*EV\xc3\xa9N");
  const std::size_t second = bytes.find("SALAZAR");
  ASSERT_NE(second, std::string::npos);
  bytes.replace(second, 7, "SAL\"AZ\\AR\b\f\r\t\x01\x1f\n");  // ASCII: escaped here
  denial::Report r = whole({{"quirky.835", bytes}});
  denial::detail::CodeTexts fast, slow, expanded;
  std::size_t claims = 0;
  for (std::size_t t = 0; t < r.transactions.size(); ++t)
    for (const auto& x : r.explained[t]) {
      std::string text;
      denial::detail::append_claim_text(text, x, fast, {false, {}, nullptr});
      EXPECT_EQ(text, denial::detail::dump(denial::detail::claim_json(x, &slow), -1));
      text.clear();
      denial::detail::append_claim_text(text, x, expanded, {true, {}, nullptr});
      EXPECT_EQ(text, denial::detail::dump(denial::detail::claim_json(x), -1));
      ++claims;
    }
  EXPECT_EQ(claims, 2u);
}
