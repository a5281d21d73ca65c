// A file cut at its transactions (plan_split) and read range by range gives the events, and so
// the output in every format, of one sequential read; unusual layouts are not cut.
#include "denial/transaction_split.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "denial/claim_stream.h"
#include "denial/report.h"
#include "denial/report_writer.h"
#include "split_remit.h"
#include "test_util.h"

namespace {

using Kind = denial::StreamEvent::Kind;

// Every fact of the events a writer sees, one line each.
std::string digest(const std::string& bytes, const denial::FileSplit* split) {
  std::ostringstream out;
  denial::StreamOptions stream;
  stream.own_claims = true;
  auto note = [&](denial::StreamEvent& e) {
    out << static_cast<int>(e.kind) << " t" << e.transaction;
    if (e.header)
      out << " ST" << e.header->control_number << "@" << e.header->pos.segment_no << " hash"
          << e.header->body_hash << " last" << e.header->last_segment_no << " plb"
          << e.header->provider_adjustments.size() << " " << e.header->version << " "
          << e.header->interchange_control << " " << e.header->payer.name;
    if (e.kind == Kind::claim) {
      const denial::Claim& c = *e.explained.claim;
      out << " #" << e.explained.index << " " << c.patient_control_number << " LX"
          << c.header_number << " @" << c.pos.segment_no << "/" << c.pos.byte_offset << "-"
          << c.end_offset << " paired"
          << (e.explained.paired_with ? std::to_string(*e.explained.paired_with) : "-");
    }
    for (const auto& b : e.balance)
      out << " balance " << b.transaction << ":" << b.claim << " " << b.rule << " " << b.difference;
    for (const auto& d : e.diagnostics)
      out << "\n  " << static_cast<int>(d.severity) << " " << denial::errc_name(d.code) << " "
          << d.segment_no << " " << d.byte_offset << " " << d.path << " " << d.message;
    if (e.kind == Kind::file_end) out << " readable" << e.readable;
    out << "\n";
  };
  if (split)
    denial::stream_explained_split(bytes, *split, {}, stream, note);
  else
    denial::stream_explained(bytes, {}, stream, note);
  return out.str();
}

// What the CLI writes for one file in `format`, its events from a sequential or split read.
std::string written(const std::string& name, const std::string& bytes, const std::string& format,
                    const denial::FileSplit* split) {
  std::ostringstream out;
  denial::PatientLetters letters;
  auto writer = format == "patient"
                    ? denial::make_patient_writer(out, letters)
                    : denial::make_writer(format == "ndjson" ? denial::ReportFormat::ndjson
                                          : format == "csv"  ? denial::ReportFormat::csv
                                          : format == "text" ? denial::ReportFormat::text
                                                             : denial::ReportFormat::json,
                                          out, {false, format == "json-inline"});
  denial::ReportBuilder b;
  b.keep_worklist_rows_only(true);
  denial::StreamOptions stream;
  stream.own_claims = true;
  stream.drafts = writer->needs_drafts();
  auto renderer = writer->renderer();
  std::vector<denial::StreamEvent> events;
  auto keep = [&](denial::StreamEvent& e) {
    if (renderer) renderer->follow(name, e);
    events.push_back(std::move(e));
  };
  if (split)
    denial::stream_explained_split(bytes, *split, {}, stream, keep);
  else
    denial::stream_explained(bytes, {}, stream, keep);
  b.begin_streamed(name, bytes.size(), denial::detect_kind(bytes));
  for (auto& e : events) b.add_event(e, *writer);
  writer->finish(b.report());
  return out.str() + "\nletters " + std::to_string(letters.count);
}

// Cut into up to `ranges` ranges: the same events and output; returns how many ranges.
std::size_t expect_same_as_sequential(const std::string& name, const std::string& bytes,
                                      std::size_t ranges = 8) {
  SCOPED_TRACE(name);
  const denial::FileSplit split = denial::plan_split(bytes, ranges);
  EXPECT_EQ(digest(bytes, &split), digest(bytes, nullptr));
  for (const char* format : {"json", "json-inline", "ndjson", "csv", "text", "patient"}) {
    SCOPED_TRACE(format);
    EXPECT_EQ(written(name, bytes, format, &split), written(name, bytes, format, nullptr));
  }
  return split.ranges.size();
}

TEST(TransactionSplit, GeneratedPayersSplitAndReadAsOne) {
  const std::string bytes = denial_test::split_remit(denial_test::split_payers());
  // Every cut: two ranges, three, one per transaction.
  for (std::size_t ranges : {2u, 3u, 4u, 8u})
    EXPECT_EQ(expect_same_as_sequential("payers.835", bytes, ranges),
              std::min<std::size_t>(ranges, 4));
  // The facts the split must carry over are in the file: a reversal paired across claims of
  // another range's transaction count, a "reported once" warning in two ranges, PLB, balance.
  const std::string seq = digest(bytes, nullptr);
  EXPECT_NE(seq.find(" paired3"), std::string::npos);
  EXPECT_NE(seq.find("reported once"), std::string::npos);
  EXPECT_NE(seq.find("balance 2:"), std::string::npos);
  EXPECT_NE(seq.find(" LX2 "), std::string::npos);  // third transaction's claims keep LX 2
}

TEST(TransactionSplit, CrlfAfterTerminatorsAndWrongSe01StillSplit) {
  std::string crlf = denial_test::split_remit(denial_test::split_payers(), "\r\n");
  EXPECT_EQ(expect_same_as_sequential("crlf.835", crlf), 4u);
  std::string wrong_count = denial_test::split_remit(denial_test::split_payers());
  const std::size_t se = wrong_count.find("SE*");
  wrong_count.replace(se, wrong_count.find('*', se + 3) - se, "SE*99");
  ASSERT_NE(digest(wrong_count, nullptr).find("SE01 says 99"), std::string::npos);
  EXPECT_EQ(expect_same_as_sequential("se_count.835", wrong_count), 4u);
  std::string wrong_ge = denial_test::split_remit(denial_test::split_payers());
  wrong_ge.replace(wrong_ge.find("GE*4"), 4, "GE*3");
  ASSERT_NE(digest(wrong_ge, nullptr).find("GE01 says 3"), std::string::npos);
  EXPECT_EQ(expect_same_as_sequential("ge_count.835", wrong_ge), 4u);
  // What the ISA and GS say is said once, though every range reads them.
  std::string gs01 = denial_test::split_remit(denial_test::split_payers());
  gs01.replace(gs01.find("GS*HP"), 5, "GS*HR");
  ASSERT_NE(digest(gs01, nullptr).find("GS01 is 'HR'"), std::string::npos);
  EXPECT_EQ(expect_same_as_sequential("gs01.835", gs01), 4u);
  std::string no_trailers = denial_test::split_remit(denial_test::split_payers());
  no_trailers.erase(no_trailers.find("GE*"));
  EXPECT_EQ(expect_same_as_sequential("no_trailers.835", no_trailers), 4u);
}

// Malformed layouts are not cut, and are read as before.
TEST(TransactionSplit, UnusualLayoutsAreReadSequentially) {
  const std::string good = denial_test::split_remit(denial_test::split_payers());
  const std::size_t second_st = good.find("ST*835*0002");
  const std::size_t first_se = good.find("SE*");
  std::vector<std::pair<std::string, std::string>> cases;
  std::string missing_se = good;
  missing_se.erase(first_se, good.find('~', first_se) + 1 - first_se);
  cases.emplace_back("missing_se", missing_se);
  std::string nested = good;
  nested.insert(good.find("LX*1~"), "ST*835*0009~");
  cases.emplace_back("st_inside_st", nested);
  cases.emplace_back("truncated_last", good.substr(0, good.rfind("CLP*")));
  std::string junk = good;
  junk.insert(second_st, "HELLO THERE~");
  cases.emplace_back("text_between", junk);
  std::string binary = good;
  binary.insert(second_st, std::string("\x01\x02\xff", 3));
  cases.emplace_back("binary_before_st", binary);
  std::string two_gs = good;
  two_gs.insert(second_st, "GE*1*1~GS*HP*SENDER*RECEIVER*20260101*1200*2*X*005010X221A1~");
  cases.emplace_back("two_gs", two_gs);
  std::string bpr_outside = good;
  bpr_outside.insert(second_st, "BPR*I*0*C*NON************20260115~");
  cases.emplace_back("segment_between", bpr_outside);
  std::string lines = good;
  for (std::size_t at = 0; (at = lines.find('~', at)) != std::string::npos;) lines[at++] = '\n';
  cases.emplace_back("line_terminated", lines);
  cases.emplace_back("one_transaction", denial_test::split_remit({denial_test::split_payers()[0]}));
  for (const auto& [name, bytes] : cases) {
    SCOPED_TRACE(name);
    EXPECT_EQ(denial::plan_split(bytes, 8).ranges.size(), 0u);
    EXPECT_EQ(expect_same_as_sequential(name, bytes), 0u);
  }
}

// Wrapped at 80 columns (as some mailers and old systems do): cut or not, read the same.
TEST(TransactionSplit, WrappedLinesReadTheSame) {
  const std::string good = denial_test::split_remit(denial_test::split_payers());
  std::string wrapped;
  for (std::size_t at = 0; at < good.size(); at += 80) wrapped += good.substr(at, 80) + "\n";
  expect_same_as_sequential("wrapped.835", wrapped);
  std::string crlf_wrapped;
  for (std::size_t at = 0; at < good.size(); at += 80) crlf_wrapped += good.substr(at, 80) + "\r\n";
  expect_same_as_sequential("wrapped_crlf.835", crlf_wrapped);
}

// Every fixture, sample and malformed file: cut where it can be, the same either way.
TEST(TransactionSplit, EveryFixtureReadsTheSameCut) {
  DENIAL_REQUIRE_SAMPLES();
  std::size_t files = 0, cut = 0;
  for (const std::string& dir :
       {std::string(DENIAL_TEST_DATA), std::string(DENIAL_TEST_DATA) + "/malformed",
        std::string(DENIAL_TEST_DATA) + "/mix", denial_test::samples_dir()}) {
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
      const std::string ext = e.path().extension().string();
      if (!e.is_regular_file() || ext == ".md" || ext == ".csv") continue;
      const std::string bytes = denial_test::read_file(e.path().string());
      if (denial::is_acknowledgment(denial::detect_kind(bytes))) continue;
      ++files;
      cut += expect_same_as_sequential(e.path().filename().string(), bytes) > 0;
    }
  }
  EXPECT_GT(files, 100u);
  // several_st.835, retransmission_identical.835, the multi-transaction samples...
  EXPECT_GE(cut, 5u);
}

}  // namespace
