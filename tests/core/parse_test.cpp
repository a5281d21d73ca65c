// parse_835 end to end: every fixture and sample against the hand-verified expectations in
// tests/data/*_expected.csv, then the specific defects each fixture was made for.
#include "denial/parse.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "denial/money.h"
#include "test_util.h"
#include "x12/segment_reader.h"

using denial::Errc;
using denial::parse_835;
using denial::parse_cents;
using denial::ParseResult;
using denial_test::count_code;
using denial_test::fixture;
using denial_test::has_code;

namespace {

struct Totals {
  std::size_t transactions = 0, claims = 0, lines = 0;
  denial::Cents charge = 0, paid = 0, patient = 0, plb = 0, bpr = 0;
};

Totals totals_of(const ParseResult& r) {
  Totals t;
  t.transactions = r.era.transactions.size();
  for (const auto& tx : r.era.transactions) {
    t.bpr += tx.payment.amount;
    for (const auto& p : tx.provider_adjustments) t.plb += p.amount;
    for (const auto& c : tx.claims) {
      ++t.claims;
      t.lines += c.lines.size();
      t.charge += c.charge;
      t.paid += c.paid;
      t.patient += c.patient_responsibility.value_or(0);
    }
  }
  return t;
}

denial::Cents money(const std::string& s) {
  auto c = parse_cents(s);
  EXPECT_TRUE(c.has_value()) << "bad amount in expectation file: '" << s << "'";
  return c.value_or(0);
}

void expect_row(const std::map<std::string, std::string>& row, const std::string& bytes) {
  SCOPED_TRACE(row.at("file"));
  ASSERT_FALSE(bytes.empty()) << "file missing or empty";
  ParseResult r = parse_835(bytes);
  EXPECT_TRUE(r.readable);
  Totals t = totals_of(r);
  EXPECT_EQ(t.transactions, std::stoul(row.at("transactions")));
  EXPECT_EQ(t.claims, std::stoul(row.at("claims")));
  EXPECT_EQ(r.claim_count, std::stoul(row.at("claims")));
  EXPECT_EQ(t.lines, std::stoul(row.at("service_lines")));
  EXPECT_EQ(t.charge, money(row.at("total_charge")));
  EXPECT_EQ(t.paid, money(row.at("total_paid")));
  EXPECT_EQ(t.patient, money(row.at("total_patient_responsibility")));
  EXPECT_EQ(t.plb, money(row.at("plb_total")));
  EXPECT_EQ(t.bpr, money(row.at("bpr_total")));
}

std::vector<std::map<std::string, std::string>> expectations(const std::string& csv) {
  return denial_test::csv_records(
      denial_test::read_file(std::string(DENIAL_TEST_DATA) + "/" + csv));
}

// Every fixture 835 (not the not_835_* inputs or empty.835).
std::vector<std::string> fixture_835s() {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(DENIAL_TEST_DATA))
    if (e.path().extension() == ".835" && e.path().filename() != "empty.835")
      out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

// Segment number -> offset, read independently of the model builder.
std::map<std::uint32_t, std::uint64_t> segment_offsets(std::string_view bytes) {
  denial::Diagnostics d;
  denial::detail::SegmentReader reader(bytes, d);
  denial::detail::RawSegment s;
  std::map<std::uint32_t, std::uint64_t> out;
  while (reader.next(s)) out[s.number] = s.offset;
  return out;
}

std::string claim_body(const std::string& clp) {
  return "BPR*I*0*C*ACH************20250314~TRN*1*T1*1~N1*PR*P~N1*PE*C*XX*1~LX*1~" + clp;
}

}  // namespace

TEST(ParseExpected, EveryFixtureRowMatches) {
  auto rows = expectations("fixtures_expected.csv");
  ASSERT_EQ(rows.size(), 31u);
  for (const auto& row : rows) expect_row(row, fixture(row.at("file")));
}

TEST(ParseExpected, EveryFixture835HasARow) {
  std::set<std::string> listed;
  for (const auto& row : expectations("fixtures_expected.csv")) listed.insert(row.at("file"));
  for (const auto& f : fixture_835s())
    EXPECT_EQ(listed.count(f), 1u) << f << " has no expectation row";
}

TEST(ParseExpected, EverySampleRowMatches) {
  DENIAL_REQUIRE_SAMPLES();
  auto rows = expectations("samples_expected.csv");
  ASSERT_EQ(rows.size(), 38u);
  for (const auto& row : rows) expect_row(row, denial_test::sample(row.at("file")));
}

TEST(ParseExpected, EverySampleHasARow) {
  DENIAL_REQUIRE_SAMPLES();
  std::set<std::string> listed;
  for (const auto& row : expectations("samples_expected.csv")) listed.insert(row.at("file"));
  for (const auto& e : std::filesystem::directory_iterator(denial_test::samples_dir())) {
    std::string name = e.path().filename().string();
    if (name == "SOURCES.md") continue;
    EXPECT_EQ(listed.count(name), 1u) << name << " has no expectation row";
  }
}

// --- inputs that are not 835s -------------------------------------------------------------

TEST(ParseNot835, OtherTransactionsAreNamed) {
  for (const char* name : {"not_835_837.txt", "not_835_277.txt", "not_835_999.txt"}) {
    ParseResult r = parse_835(fixture(name));
    EXPECT_FALSE(r.readable) << name;
    EXPECT_TRUE(has_code(r.diagnostics, Errc::not_835_transaction))
        << name << ": " << denial_test::codes_of(r.diagnostics);
    EXPECT_TRUE(r.era.transactions.empty()) << name;
  }
}

TEST(ParseNot835, HtmlBinaryEmptyAndPlainText) {
  struct Case {
    std::string bytes;
    Errc code;
  };
  for (const Case& c :
       {Case{fixture("not_835_html.html"), Errc::not_835_html},
        Case{fixture("not_835_binary.bin"), Errc::not_835_binary},
        Case{fixture("empty.835"), Errc::empty_input}, Case{"", Errc::empty_input},
        Case{"%PDF-1.7\n...", Errc::not_835_binary},
        Case{"Dear provider,\nplease find the remittance attached.\n", Errc::not_x12}}) {
    ParseResult r = parse_835(c.bytes);
    EXPECT_FALSE(r.readable) << denial::errc_name(c.code);
    ASSERT_FALSE(r.diagnostics.empty());
    EXPECT_TRUE(has_code(r.diagnostics, c.code))
        << denial::errc_name(c.code) << " vs " << denial_test::codes_of(r.diagnostics);
    EXPECT_EQ(r.diagnostics.front().severity, denial::Severity::error);
  }
}

// --- defects the fixtures were made for -----------------------------------------------------

TEST(ParseFixtures, TruncatedKeepsClaimsBeforeTheCut) {
  std::string bytes = fixture("truncated.835");
  ParseResult r = parse_835(bytes);
  ASSERT_TRUE(r.readable);
  ASSERT_EQ(r.era.transactions.size(), 1u);
  const auto& tx = r.era.transactions[0];
  EXPECT_FALSE(tx.complete);
  ASSERT_EQ(tx.claims.size(), 3u);
  EXPECT_EQ(tx.claims[2].patient_control_number, "TRC0003");
  EXPECT_EQ(tx.claims[2].lines.size(), 1u);
  // Trailer problems are reported where the trailer should have been: the end of the input.
  std::uint32_t last_segment = segment_offsets(bytes).rbegin()->first;
  ASSERT_EQ(count_code(r.diagnostics, Errc::missing_trailer), 3u)
      << denial_test::codes_of(r.diagnostics);  // SE, GE, IEA
  for (const auto& d : r.diagnostics) {
    if (d.code != Errc::missing_trailer) continue;
    EXPECT_EQ(d.segment_no, last_segment);
    EXPECT_EQ(d.byte_offset, bytes.size());
  }
  EXPECT_EQ(denial_test::first_code(r.diagnostics, Errc::missing_trailer)->severity,
            denial::Severity::error);
  EXPECT_TRUE(has_code(r.diagnostics, Errc::bad_date));  // the cut 'DTM*472*2025'
}

TEST(ParseFixtures, WrongSeCount) {
  ParseResult r = parse_835(fixture("wrong_se_count.835"));
  ASSERT_EQ(count_code(r.diagnostics, Errc::envelope_count), 1u)
      << denial_test::codes_of(r.diagnostics);
  const auto* d = denial_test::first_code(r.diagnostics, Errc::envelope_count);
  EXPECT_EQ(d->segment_no, 39u);  // the SE: ISA, GS, then the 37 segments of the set
  EXPECT_TRUE(r.era.transactions[0].complete);
}

TEST(ParseFixtures, CorrectFixturesHaveNoEnvelopeFindings) {
  for (const auto& f : fixture_835s()) {
    if (f == "wrong_se_count.835" || f == "truncated.835" || f == "st_only_no_envelope.835" ||
        f == "no_st_claims_only.835")
      continue;
    ParseResult r = parse_835(fixture(f));
    // Notes (info) are allowed: bom_and_preamble.835 gets one for the skipped export line.
    for (const auto& d : r.diagnostics)
      EXPECT_EQ(d.severity, denial::Severity::info)
          << f << ": " << denial::errc_name(d.code) << " " << d.message;
  }
}

TEST(ParseFixtures, Version4010IsANote) {
  ParseResult r = parse_835(fixture("version_4010.835"));
  const auto* d = denial_test::first_code(r.diagnostics, Errc::version_4010);
  ASSERT_NE(d, nullptr) << denial_test::codes_of(r.diagnostics);
  EXPECT_EQ(d->severity, denial::Severity::info);
  EXPECT_EQ(r.era.transactions[0].version, "004010X091A1");
  EXPECT_FALSE(has_code(parse_835(fixture("denied_claim.835")).diagnostics, Errc::version_4010));
}

TEST(ParseFixtures, StOnlyFileIsReadWithOneNoEnvelopeWarning) {
  ParseResult r = parse_835(fixture("st_only_no_envelope.835"));
  EXPECT_TRUE(r.readable);
  EXPECT_EQ(count_code(r.diagnostics, Errc::no_envelope), 1u)
      << denial_test::codes_of(r.diagnostics);
  EXPECT_TRUE(r.era.transactions[0].complete);
}

// A claims-only file that starts at BPR (no ISA, GS or ST): the payment's BPR/TRN facts are
// kept, not skipped as segments outside a transaction.
TEST(ParseFixtures, ClaimsOnlyFileWithoutStKeepsItsPayment) {
  ParseResult r = parse_835(fixture("no_st_claims_only.835"));
  EXPECT_TRUE(r.readable);
  ASSERT_EQ(r.era.transactions.size(), 1u);
  const auto& tx = r.era.transactions[0];
  EXPECT_EQ(tx.payment.handling, "I");
  EXPECT_EQ(tx.payment.amount, 17670);
  EXPECT_EQ(tx.payment.method, "ACH");
  EXPECT_EQ(tx.payment.date, "20250314");
  EXPECT_EQ(tx.payment.pos.segment_no, 1u);
  EXPECT_EQ(tx.payment.trace_number, "980000077");
  EXPECT_EQ(tx.production_date, "20250314");
  EXPECT_EQ(tx.payer.name, "ACME HEALTH PLAN");
  EXPECT_EQ(tx.claims.size(), 2u);
  EXPECT_FALSE(tx.complete);
  EXPECT_EQ(count_code(r.diagnostics, Errc::no_envelope), 1u)
      << denial_test::codes_of(r.diagnostics);
  EXPECT_FALSE(has_code(r.diagnostics, Errc::unexpected_segment))
      << denial_test::codes_of(r.diagnostics);
  // The BPR is where the missing ST is reported.
  const auto* missing = denial_test::first_code(r.diagnostics, Errc::missing_segment);
  ASSERT_NE(missing, nullptr) << denial_test::codes_of(r.diagnostics);
  EXPECT_EQ(missing->segment_no, 1u);
  EXPECT_EQ(count_code(r.diagnostics, Errc::missing_segment), 1u);
  // No balance finding: BPR02 is there and equals the claims' payments.
  EXPECT_TRUE(r.balance.empty());
}

TEST(ParseFixtures, EveryCasTripletKept) {
  ParseResult r = parse_835(fixture("cas_six_triplets.835"));
  const auto& line = r.era.transactions.at(0).claims.at(0).lines.at(0);
  struct Want {
    const char *group, *reason;
    denial::Cents amount;
    const char* quantity;
  };
  std::vector<Want> want = {{"CO", "45", 120000, "1"}, {"CO", "59", 25000, ""},
                            {"CO", "97", 10000, ""},   {"CO", "131", 7550, ""},
                            {"CO", "237", 3000, ""},   {"CO", "234", 4450, ""},
                            {"PR", "1", 20000, ""},    {"PR", "2", 15000, ""}};
  ASSERT_EQ(line.adjustments.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(line.adjustments[i].group, want[i].group) << i;
    EXPECT_EQ(line.adjustments[i].reason, want[i].reason) << i;
    EXPECT_EQ(line.adjustments[i].amount, want[i].amount) << i;
    EXPECT_EQ(line.adjustments[i].quantity, want[i].quantity) << i;
  }
  EXPECT_EQ(line.adjustments[0].pos.segment_no,
            line.adjustments[5].pos.segment_no);  // one CAS segment
  EXPECT_TRUE(r.balance.empty());
}

TEST(ParseFixtures, ReversalAmountsStayNegativeAsSent) {
  ParseResult r = parse_835(fixture("reversal.835"));
  const auto& c = r.era.transactions.at(0).claims.at(0);
  EXPECT_EQ(c.status, "22");
  EXPECT_EQ(c.charge, -25000);
  EXPECT_EQ(c.paid, -14000);
  EXPECT_EQ(c.patient_responsibility, -3000);
  ASSERT_EQ(c.lines.size(), 1u);
  EXPECT_EQ(c.lines[0].charge, -25000);
  EXPECT_EQ(c.lines[0].paid, -14000);
  ASSERT_EQ(c.lines[0].adjustments.size(), 2u);
  EXPECT_EQ(c.lines[0].adjustments[0].group, "CO");  // original group and reason kept
  EXPECT_EQ(c.lines[0].adjustments[0].reason, "45");
  EXPECT_EQ(c.lines[0].adjustments[0].amount, -8000);
  EXPECT_EQ(c.lines[0].adjustments[1].group, "PR");
  EXPECT_EQ(c.lines[0].adjustments[1].amount, -3000);
  EXPECT_TRUE(r.balance.empty());  // negated amounts balance like the original
}

TEST(ParseFixtures, NegativeAdjustmentsIncreasePayment) {
  ParseResult r = parse_835(fixture("negative_amounts.835"));
  const auto& claims = r.era.transactions.at(0).claims;
  EXPECT_EQ(claims.at(0).lines.at(0).adjustments.at(0).amount, -2000);
  EXPECT_EQ(claims.at(1).adjustments.at(0).amount, -500);
  EXPECT_TRUE(r.balance.empty());
}

TEST(ParseFixtures, MultipleEnvelopesKeepTheirIds) {
  ParseResult r = parse_835(fixture("several_isa.835"));
  ASSERT_EQ(r.era.transactions.size(), 2u);
  EXPECT_EQ(r.era.transactions[0].interchange_control, "000000201");
  EXPECT_EQ(r.era.transactions[1].interchange_control, "000000202");
  EXPECT_EQ(r.era.transactions[1].claims.at(0).lines.at(0).procedure.code,
            "99213");  // '>' components
  ParseResult st = parse_835(fixture("several_st.835"));
  ASSERT_EQ(st.era.transactions.size(), 3u);
  EXPECT_NE(st.era.transactions[0].payment.trace_number,
            st.era.transactions[1].payment.trace_number);
}

TEST(ParseFixtures, PipeSeparatorComposites) {
  ParseResult r = parse_835(fixture("pipe_separator.835"));
  const auto& line = r.era.transactions.at(0).claims.at(0).lines.at(0);
  EXPECT_EQ(line.procedure.qualifier, "HC");
  EXPECT_EQ(line.procedure.code, "99214");
}

// Every position recorded in the model names the segment it came from.
TEST(ParsePositions, ClaimFactsPointAtTheirSegments) {
  for (const auto& f : fixture_835s()) {
    SCOPED_TRACE(f);
    std::string bytes = fixture(f);
    ParseResult r = parse_835(bytes);
    auto offsets = segment_offsets(bytes);
    auto check = [&](const denial::SourcePos& p, std::string_view id) {
      ASSERT_LT(p.byte_offset + id.size(), bytes.size() + 1);
      EXPECT_EQ(bytes.substr(p.byte_offset, id.size()), id) << "segment " << p.segment_no;
      EXPECT_EQ(offsets[p.segment_no], p.byte_offset) << id << " segment " << p.segment_no;
    };
    for (const auto& tx : r.era.transactions) {
      // A transaction without ST starts where its first segment is (the BPR there).
      check(tx.pos, f == "no_st_claims_only.835" ? "BPR" : "ST");
      if (tx.payment.pos.segment_no) check(tx.payment.pos, "BPR");
      for (const auto& p : tx.provider_adjustments) check(p.pos, "PLB");
      for (const auto& c : tx.claims) {
        check(c.pos, "CLP");
        // end_offset is one past the claim's last segment: a terminator or the end follows.
        ASSERT_LE(c.end_offset, bytes.size());
        if (c.end_offset < bytes.size()) {
          EXPECT_NE(std::string("~\r\n").find(bytes[c.end_offset]), std::string::npos);
        }
        EXPECT_GE(c.last_segment_no, c.pos.segment_no);
        for (const auto& a : c.adjustments) check(a.pos, "CAS");
        for (const auto& n : c.names) check(n.pos, "NM1");
        for (const auto& d : c.dates) check(d.pos, "DTM");
        for (const auto& x : c.references) check(x.pos, "REF");
        for (const auto& m : c.remarks)
          check(m.pos, m.source.substr(0, 3) == "MIA" ? "MIA" : "MOA");
        for (const auto& l : c.lines) {
          check(l.pos, "SVC");
          for (const auto& a : l.adjustments) check(a.pos, "CAS");
          for (const auto& m : l.remarks) check(m.pos, "LQ");
          for (const auto& a : l.amounts) check(a.pos, "AMT");
          for (const auto& d : l.dates) check(d.pos, "DTM");
        }
      }
    }
  }
}

TEST(ParsePositions, SampleClaimsPointAtClp) {
  DENIAL_REQUIRE_SAMPLES();
  for (const auto& row : expectations("samples_expected.csv")) {
    std::string bytes = denial_test::sample(row.at("file"));
    ParseResult r = parse_835(bytes);
    auto offsets = segment_offsets(bytes);
    for (const auto& tx : r.era.transactions)
      for (const auto& c : tx.claims) {
        EXPECT_EQ(bytes.substr(c.pos.byte_offset, 3), "CLP") << row.at("file");
        EXPECT_EQ(offsets[c.pos.segment_no], c.pos.byte_offset) << row.at("file");
      }
  }
}

// --- element-level defects on hand-built input -----------------------------------------------

TEST(ParseElements, BadAmountsAreReportedAndTheClaimKept) {
  std::string body = claim_body(
      "CLP*BAD1*1*1e9*0~CLP*BAD2*1*--5*0~CLP*BAD3*1*.*0~CLP*BAD4*1*99999999999999999999*0~");
  std::string bytes = denial_test::envelope(body, 9);
  ParseResult r = parse_835(bytes);
  ASSERT_TRUE(r.readable);
  const auto& claims = r.era.transactions.at(0).claims;
  ASSERT_EQ(claims.size(), 4u);
  ASSERT_EQ(count_code(r.diagnostics, Errc::bad_amount), 4u)
      << denial_test::codes_of(r.diagnostics);
  std::size_t i = 0;
  for (const auto& d : r.diagnostics) {
    if (d.code != Errc::bad_amount) continue;
    EXPECT_EQ(d.severity, denial::Severity::error);
    EXPECT_EQ(d.segment_no, claims[i].pos.segment_no);  // reported at the claim's CLP
    EXPECT_EQ(d.byte_offset, claims[i].pos.byte_offset);
    EXPECT_EQ(claims[i].charge, 0);
    ++i;
  }
  EXPECT_EQ(claims[3].patient_control_number, "BAD4");
}

TEST(ParseElements, BadAmountsInOtherElements) {
  std::string body =
      claim_body("CLP*A*1*10*x*1..0~SVC*HC:1*10*ten~CAS*CO*45*1,0~") + "PLB*1*20251231*L6*+-1~";
  ParseResult r = parse_835(denial_test::envelope(body, 9));
  EXPECT_EQ(count_code(r.diagnostics, Errc::bad_amount), 5u)
      << denial_test::codes_of(r.diagnostics);
  EXPECT_EQ(r.era.transactions.at(0).claims.size(), 1u);
  EXPECT_EQ(r.era.transactions.at(0).provider_adjustments.size(), 1u);
}

TEST(ParseElements, ImpossibleDatesAreBadDates) {
  for (const char* date :
       {"20251340", "20250001", "20250100", "2025010", "2025-01-01", "20250132", "2025011A"}) {
    std::string body = claim_body(std::string("CLP*A*1*10*10~DTM*232*") + date + "~");
    ParseResult r = parse_835(denial_test::envelope(body, 7));
    EXPECT_EQ(count_code(r.diagnostics, Errc::bad_date), 1u) << date;
    EXPECT_EQ(r.era.transactions.at(0).claims.size(), 1u) << date;
  }
  for (const char* date : {"20250131", "20241231", "20240229"}) {
    ParseResult r = parse_835(
        denial_test::envelope(claim_body(std::string("CLP*A*1*10*10~DTM*232*") + date + "~"), 7));
    EXPECT_FALSE(has_code(r.diagnostics, Errc::bad_date)) << date;
  }
}

TEST(ParseElements, DaysBeyondTheMonthAreBadDates) {
  for (const char* date : {"20250230", "20250229", "20250431", "21000229"}) {
    ParseResult r = parse_835(
        denial_test::envelope(claim_body(std::string("CLP*A*1*10*10~DTM*232*") + date + "~"), 7));
    EXPECT_EQ(count_code(r.diagnostics, Errc::bad_date), 1u) << date;
  }
}

TEST(ParseElements, HeaderAndLineDatesAreChecked) {
  std::string body =
      "BPR*I*0*C*ACH************20251340~TRN*1*T*1~DTM*405*2025~N1*PR*P~N1*PE*C~LX*1~"
      "CLP*A*1*10*10~SVC*HC:1*10*10~DTM*472*20259999~";
  ParseResult r = parse_835(denial_test::envelope(body, 9));
  EXPECT_EQ(count_code(r.diagnostics, Errc::bad_date), 3u) << denial_test::codes_of(r.diagnostics);
}

// Big-file mode: claims stream through on_claim and are not kept.
TEST(ParseStreaming, OnClaimSeesEveryClaimWithoutKeepingThem) {
  denial::ParseOptions o;
  o.keep_claims = false;
  std::vector<std::string> seen;
  o.on_claim = [&](std::size_t t, const denial::Transaction&, denial::Claim& c) {
    EXPECT_EQ(t, seen.size() < 1 ? 0u : seen.size() < 3 ? 1u : 2u);  // 1, 2 and 1 claims
    seen.push_back(c.patient_control_number);
  };
  ParseResult r = parse_835(fixture("several_st.835"), o);
  EXPECT_EQ(r.claim_count, 4u);
  EXPECT_EQ(seen.size(), 4u);
  for (const auto& tx : r.era.transactions) EXPECT_TRUE(tx.claims.empty());
  ParseResult kept = parse_835(fixture("several_st.835"));
  EXPECT_EQ(kept.balance.size(), r.balance.size());
}

// Real remits (four of the shared samples) write SVC01 with '>' while ISA16 says ':'.
TEST(Parse, ProcedureCompositeWithUndeclaredComponentSeparator) {
  std::string body =
      "BPR*I*30*C*ACH*CCP*01*1*DA*2*1**01*3*DA*4*20250314~TRN*1*T1*1~N1*PR*P~N1*PE*C*XX*1~LX*1~"
      "CLP*A*1*100*30**12*ICN*11*1~SVC*HC>99213>26*100*30**1~CAS*CO*45*70~";
  auto r = parse_835(denial_test::envelope(body, 10));
  ASSERT_EQ(r.era.transactions.size(), 1u);
  const auto& line = r.era.transactions[0].claims.at(0).lines.at(0);
  EXPECT_EQ(line.procedure.qualifier, "HC");
  EXPECT_EQ(line.procedure.code, "99213");
  ASSERT_EQ(line.procedure.modifiers.size(), 1u);
  EXPECT_EQ(line.procedure.modifiers[0], "26");
  int reported = 0;
  for (const auto& d : r.diagnostics)
    reported += d.message.find("component separator") != std::string::npos;
  EXPECT_EQ(reported, 1);
}

// The model reads common amounts itself (digits, optional '-', one or two decimals) and hands
// the rest to parse_cents: both must agree on every string, including the errors.
TEST(ParseAmounts, InlineReadingAgreesWithParseCents) {
  std::vector<std::string> amounts = {"0",
                                      "1",
                                      "12.5",
                                      "12.50",
                                      "-12.50",
                                      "-0",
                                      "-",
                                      ".",
                                      "1.",
                                      ".5",
                                      "-.5",
                                      "+3",
                                      " 7",
                                      "7 ",
                                      "1.234",
                                      "1.230",
                                      "1e5",
                                      "12a",
                                      "1.2a",
                                      "--1",
                                      "0.01",
                                      "999999999999999",
                                      "9999999999999.99",
                                      "12345678901234567",
                                      "1-2",
                                      "00.10"};
  std::mt19937 rng(5010);
  const char alphabet[] = "0123456789.-+ e";
  for (int i = 0; i < 2000; ++i) {
    std::string a;
    for (std::size_t n = 1 + rng() % 18; n > 0; --n) a += alphabet[rng() % (sizeof alphabet - 1)];
    amounts.push_back(a);
  }
  for (const std::string& a : amounts) {
    if (a.find('~') != std::string::npos || a.find('*') != std::string::npos) continue;
    auto r = denial::parse_835(denial_test::envelope("CLP*PCN*1*" + a + "*0*0*12*ICN~", 1));
    ASSERT_EQ(r.era.transactions.size(), 1u) << a;
    ASSERT_EQ(r.era.transactions[0].claims.size(), 1u) << a;
    std::optional<denial::Cents> expected = denial::parse_cents(a);
    EXPECT_EQ(r.era.transactions[0].claims[0].charge, expected.value_or(0)) << "'" << a << "'";
    bool reported = false;
    for (const auto& d : r.diagnostics) reported |= d.code == denial::Errc::bad_amount;
    EXPECT_EQ(reported, !expected.has_value()) << "'" << a << "'";
  }
}
