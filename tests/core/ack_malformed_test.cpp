// Malformed 277CA and 999 input (tests/data/malformed_ack, listed in expected.csv): nothing
// crashes, the named diagnostic is there and says where, no claim or set that can be read
// is lost, and every writer's JSON parses.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "denial/ack.h"
#include "denial/report.h"
#include "test_util.h"

using namespace denial;

namespace {

std::optional<Errc> errc_named(const std::string& name) {
  for (int i = 0; i <= static_cast<int>(Errc::ack_count); ++i)
    if (errc_name(static_cast<Errc>(i)) == name) return static_cast<Errc>(i);
  return std::nullopt;
}

bool byte_level(Errc c) {
  return c == Errc::empty_input || c == Errc::not_x12 || c == Errc::not_835_html ||
         c == Errc::not_835_binary || c == Errc::invalid_utf8 || c == Errc::no_envelope ||
         c == Errc::bad_isa;
}

std::size_t items(const AckParseResult& r) {
  std::size_t n = 0;
  for (const auto& a : r.claim_acks) n += a.claims.size();
  for (const auto& a : r.implementation_acks) n += a.sets.size();
  return n;
}

void all_writers(const Report& rep) {
  for (bool mask : {false, true}) {
    EXPECT_NO_THROW((void)nlohmann::json::parse(to_json(rep, -1, mask)));
    EXPECT_NO_THROW((void)nlohmann::json::parse(to_json(rep, 2, mask)));
    EXPECT_FALSE(to_text(rep, mask).empty());
    (void)worklist_csv(rep, mask);
    std::istringstream nd(claims_ndjson(rep, mask));
    for (std::string line; std::getline(nd, line);)
      EXPECT_NO_THROW((void)nlohmann::json::parse(line));
  }
}

}  // namespace

TEST(AckMalformed, EveryFixtureAsExpected) {
  auto rows = denial_test::csv_records(denial_test::fixture("malformed_ack/expected.csv"));
  ASSERT_GE(rows.size(), 25u);
  for (auto& row : rows) {
    SCOPED_TRACE(row["fixture"]);
    std::string bytes = denial_test::fixture("malformed_ack/" + row["fixture"]);
    AckParseResult parsed = parse_acknowledgment(bytes);
    EXPECT_GE(items(parsed), std::stoul(row["items_at_least"]));
    ReportBuilder kept, big(0);
    kept.add_file(row["fixture"], bytes);
    big.add_file(row["fixture"], bytes);
    const Report& rep = kept.report();
    EXPECT_EQ(rep.acknowledgments.claim_acks.size(),
              big.report().acknowledgments.claim_acks.size());
    Diagnostics all;
    for (const auto& [f, d] : rep.diagnostics) all.push_back(d);
    if (row["diagnostic"] == "none") {
      for (const auto& d : all)
        EXPECT_EQ(d.severity, Severity::info) << errc_name(d.code) << ": " << d.message;
      EXPECT_TRUE(rep.files[0].readable);
    } else {
      auto code = errc_named(row["diagnostic"]);
      ASSERT_TRUE(code) << row["diagnostic"];
      const Diagnostic* d = denial_test::first_code(all, *code);
      ASSERT_NE(d, nullptr) << "got " << denial_test::codes_of(all);
      EXPECT_LE(d->byte_offset, bytes.size());
      EXPECT_TRUE(d->segment_no > 0 || byte_level(*code)) << errc_name(*code);
    }
    all_writers(rep);
    all_writers(big.report());
  }
}

// Generated: a 277CA of 20,000 claims, and one whose claims all sit under one patient, read
// in well under a second each and keep every claim.
TEST(AckMalformed, ManyClaimsAreAllKept) {
  std::string body =
      "BHT*0085*08*1*20260105*1000*TH~HL*1**20*1~NM1*PR*2*P~TRN*1*T~HL*2*1*21*1~NM1*41*2*S~"
      "TRN*2*R~HL*3*2*19*1~NM1*85*2*B*****XX*1234567893~";
  int segments = 9;
  for (int i = 0; i < 20000; ++i) {
    body += "HL*" + std::to_string(4 + i) + "*3*PT~NM1*QC*1*P~TRN*2*C" + std::to_string(i) +
            "~STC*A7:562:85*20260105*U*10~";
    segments += 4;
  }
  std::string text =
      "ISA*00*          *00*          *ZZ*S              *ZZ*R              *260105*1000*^*00501*"
      "000000001*0*P*:~GS*HN*S*R*20260105*1000*1*X*005010X214~ST*277*0001*005010X214~" +
      body + "SE*" + std::to_string(segments + 2) + "*0001~GE*1*1~IEA*1*000000001~";
  AckParseResult r = parse_acknowledgment(text);
  ASSERT_EQ(r.claim_acks.size(), 1u);
  EXPECT_EQ(r.claim_acks[0].claims.size(), 20000u);
  EXPECT_TRUE(r.diagnostics.empty()) << denial_test::codes_of(r.diagnostics);
}

// A set of another transaction inside an acknowledgment file is reported once, at its ST;
// its segments are not reported one by one as unknown.
TEST(AckMalformed, ForeignSetIsReportedOnce) {
  AckParseResult r =
      parse_acknowledgment(denial_test::fixture("malformed_ack/277ca_then_835_interchange.277ca"));
  EXPECT_EQ(denial_test::count_code(r.diagnostics, Errc::not_835_transaction), 1u);
  EXPECT_EQ(denial_test::count_code(r.diagnostics, Errc::unknown_segment), 0u);
  EXPECT_EQ(denial_test::count_code(r.diagnostics, Errc::unexpected_segment), 0u);
  ASSERT_EQ(r.claim_acks.size(), 1u);
  EXPECT_EQ(r.claim_acks[0].claims.size(), 3u);
}
