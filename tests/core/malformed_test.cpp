// Malformed input: every fixture in tests/data/malformed/ (listed in expected.csv) goes through
// parse_835 and the whole pipeline (ReportBuilder in both modes, every writer). Nothing may
// crash, the named diagnostic must appear where the problem is, no claim may be lost and the
// JSON must parse. The huge cases (10 MB segment, a million empty segments, 100k unknown
// segments) are generated here rather than committed.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "denial/parse.h"
#include "denial/report.h"
#include "test_util.h"

using denial::Diagnostic;
using denial::Diagnostics;
using denial::Errc;
using denial::parse_835;
using denial::ParseResult;
using denial::Severity;
using denial_test::codes_of;
using denial_test::count_code;
using denial_test::has_code;

namespace {

const std::string kDir = std::string(DENIAL_TEST_DATA) + "/malformed";

std::string malformed(const std::string& name) { return denial_test::read_file(kDir + "/" + name); }

struct Row {
  std::string fixture, diagnostic, note;
  std::size_t claims_at_least = 0;
};

// gtest prints the parameter of a failing case with this.
void PrintTo(const Row& r, std::ostream* os) { *os << r.fixture << " (" << r.diagnostic << ")"; }

std::vector<Row> expected_rows() {
  std::vector<Row> rows;
  for (auto& r : denial_test::csv_records(malformed("expected.csv")))
    rows.push_back({r["fixture"], r["diagnostic"], r["note"], std::stoul(r["claims_at_least"])});
  return rows;
}

std::optional<Errc> errc_named(const std::string& name) {
  for (int i = 0; i <= static_cast<int>(Errc::trace_reused); ++i) {
    auto c = static_cast<Errc>(i);
    if (denial::errc_name(c) == name) return c;
  }
  return std::nullopt;
}

// Codes the reader gives for the input as a whole or for a byte position, before any segment
// has a number; every other code must name its segment.
bool byte_level(Errc c) {
  return c == Errc::empty_input || c == Errc::not_x12 || c == Errc::not_835_html ||
         c == Errc::not_835_binary || c == Errc::invalid_utf8 || c == Errc::no_envelope ||
         c == Errc::bad_isa;
}

// Codes only the explain stage adds (they are in the report, not in parse_835's result).
bool pipeline_only(Errc c) {
  return c == Errc::code_unknown || c == Errc::code_inactive || c == Errc::duplicate_payment ||
         c == Errc::trace_reused;
}

// The diagnostic points into the input: a segment number, or for the reader's byte-level codes
// a byte that really is what the code says.
bool located(const Diagnostic& d, const std::string& bytes) {
  if (d.byte_offset > bytes.size()) return false;
  if (d.segment_no > 0) return true;
  if (!byte_level(d.code)) return false;
  if (d.code == Errc::invalid_utf8)
    return d.byte_offset < bytes.size() && static_cast<unsigned char>(bytes[d.byte_offset]) >= 0x80;
  if (d.code == Errc::bad_isa) return bytes.compare(d.byte_offset, 3, "ISA") == 0;
  if (d.code == Errc::no_envelope) return bytes.compare(d.byte_offset, 2, "ST") == 0;
  return true;
}

std::string describe(const Diagnostics& ds) {
  std::ostringstream s;
  for (const auto& d : ds)
    s << "\n  " << denial::errc_name(d.code) << " seg " << d.segment_no << " @" << d.byte_offset
      << ": " << d.message.substr(0, 120);
  return s.str();
}

std::size_t kept_claims(const ParseResult& r) {
  std::size_t n = 0;
  for (const auto& t : r.era.transactions) n += t.claims.size();
  return n;
}

Diagnostics report_diagnostics(const denial::Report& r) {
  Diagnostics out;
  for (const auto& [file, d] : r.diagnostics) out.push_back(d);
  return out;
}

void expect_valid_json(const std::string& text, const char* what) {
  ASSERT_FALSE(text.empty()) << what;
  bool ok = true;
  try {
    nlohmann::json parsed = nlohmann::json::parse(text);
    ok = !parsed.is_discarded();
  } catch (const nlohmann::json::exception& e) {
    ok = false;
    ADD_FAILURE() << what << " is not valid JSON: " << e.what();
  }
  EXPECT_TRUE(ok) << what;
}

// Every writer over one report: no throw, JSON (also masked, indented and per-claim NDJSON)
// parses, the text and CSV are written.
void exercise_writers(const denial::Report& r) {
  std::string json;
  ASSERT_NO_THROW(json = denial::to_json(r));
  expect_valid_json(json, "to_json");
  expect_valid_json(denial::to_json(r, 2, true), "to_json(indent, masked)");
  EXPECT_FALSE(denial::to_text(r).empty());
  EXPECT_FALSE(denial::to_text(r, true).empty());
  std::string csv = denial::worklist_csv(r);
  EXPECT_FALSE(csv.empty());
  EXPECT_FALSE(denial::worklist_csv(r, true).empty());
  std::istringstream nd(denial::claims_ndjson(r));
  std::size_t lines = 0;
  for (std::string line; std::getline(nd, line);) {
    if (line.empty()) continue;
    ++lines;
    expect_valid_json(line, "claims_ndjson line");
  }
  EXPECT_EQ(lines, r.rows.size());
}

// Parses `bytes`, then runs the pipeline in kept and big-file mode; checks that no claim is lost
// in either and that big-file detail can be rebuilt for every row. Returns the parse result.
ParseResult run_everything(const std::string& name, const std::string& bytes,
                           std::size_t claims_at_least) {
  ParseResult parsed = parse_835(bytes);
  EXPECT_GE(parsed.claim_count, claims_at_least) << "claims lost" << describe(parsed.diagnostics);
  EXPECT_EQ(kept_claims(parsed), parsed.claim_count);

  denial::ReportBuilder kept;
  kept.add_file(name, bytes);
  denial::Report full = kept.finish();
  EXPECT_GE(full.rows.size(), claims_at_least);
  EXPECT_EQ(full.rows.size(), parsed.claim_count);
  exercise_writers(full);

  denial::ReportBuilder big(0);  // every file in big-file mode: claims stream by as rows
  big.add_file(name, bytes);
  denial::Report streamed = big.finish();
  EXPECT_EQ(streamed.rows.size(), full.rows.size()) << "big-file mode lost claims";
  EXPECT_EQ(report_diagnostics(streamed).size(), report_diagnostics(full).size());
  exercise_writers(streamed);

  // Detail on demand: every streamed row re-reads to the same claim.
  for (std::size_t i = 0; i < streamed.rows.size() && i < full.rows.size(); ++i) {
    const denial::ClaimRow& row = streamed.rows[i];
    EXPECT_EQ(row.patient_control_number, full.rows[i].patient_control_number);
    EXPECT_EQ(row.charge, full.rows[i].charge);
    EXPECT_LE(row.begin_offset, row.end_offset);
    EXPECT_LE(row.end_offset, bytes.size());
    denial::Claim again =
        denial::reparse_claim(bytes, streamed.transactions[row.transaction], row.begin_offset,
                              row.end_offset, row.first_segment);
    EXPECT_EQ(again.patient_control_number, row.patient_control_number) << "row " << i;
    EXPECT_EQ(again.charge, row.charge) << "row " << i;
    EXPECT_EQ(again.lines.size(),
              full.transactions[full.rows[i].transaction].claims[full.rows[i].claim].lines.size())
        << "row " << i;
  }
  return parsed;
}

// --- the expectation file and the folder agree ----------------------------------------------

TEST(Malformed, ExpectationFileListsEveryFixture) {
  auto rows = expected_rows();
  EXPECT_GE(rows.size(), 40u);
  std::map<std::string, int> listed;
  for (const auto& r : rows) {
    ++listed[r.fixture];
    EXPECT_FALSE(r.note.empty()) << r.fixture;
    EXPECT_TRUE(r.diagnostic == "none" || errc_named(r.diagnostic))
        << r.fixture << ": unknown diagnostic '" << r.diagnostic << "'";
  }
  std::string readme = malformed("README.md");
  for (const auto& e : std::filesystem::directory_iterator(kDir)) {
    std::string name = e.path().filename().string();
    if (name == "expected.csv" || name == "README.md") continue;
    EXPECT_EQ(listed[name], 1) << name << " must be listed once in expected.csv";
    EXPECT_LT(e.file_size(), 20u * 1024) << name << ": generate big inputs in the test instead";
    EXPECT_NE(readme.find("`" + name + "`"), std::string::npos) << name << " missing from README";
  }
  for (const auto& [name, n] : listed)
    EXPECT_TRUE(std::filesystem::exists(kDir + "/" + name)) << name << " listed but absent";
}

// --- every fixture ----------------------------------------------------------------------------

class MalformedFixture : public ::testing::TestWithParam<Row> {};

TEST_P(MalformedFixture, ReadsWithoutLosingClaims) {
  const Row& row = GetParam();
  std::string bytes = malformed(row.fixture);
  ASSERT_FALSE(bytes.empty()) << row.fixture;
  ParseResult parsed = run_everything(row.fixture, bytes, row.claims_at_least);
  const Diagnostics& ds = parsed.diagnostics;

  if (row.diagnostic == "none") {
    for (const auto& d : ds)
      EXPECT_EQ(d.severity, Severity::info)
          << "unexpected " << denial::errc_name(d.code) << describe(ds);
    EXPECT_TRUE(parsed.balance.empty()) << "layout-only fixture should balance";
    return;
  }
  Errc code = *errc_named(row.diagnostic);
  Diagnostics where = ds;
  if (pipeline_only(code)) where = report_diagnostics(denial::explain_file(row.fixture, bytes));
  bool found = false, placed = false;
  for (const auto& d : where) {
    if (d.code != code) continue;
    found = true;
    placed = placed || located(d, bytes);
  }
  EXPECT_TRUE(found) << row.diagnostic << " expected (" << row.note << "); got " << codes_of(where)
                     << describe(where);
  EXPECT_TRUE(placed) << row.diagnostic << " does not say where the problem is" << describe(where);
  // Diagnostics are in file order and point inside the input.
  for (std::size_t i = 1; i < ds.size(); ++i) EXPECT_LE(ds[i - 1].segment_no, ds[i].segment_no);
  for (const auto& d : ds) EXPECT_LE(d.byte_offset, bytes.size());
}

std::string row_name(const ::testing::TestParamInfo<Row>& info) {
  std::string n = info.param.fixture.substr(0, info.param.fixture.rfind('.'));
  for (char& c : n)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return n;
}

INSTANTIATE_TEST_SUITE_P(Malformed, MalformedFixture, ::testing::ValuesIn(expected_rows()),
                         row_name);

// --- what specific fixtures must read ---------------------------------------------------------

TEST(Malformed, UnknownPartyDoesNotOverwritePayerOrPayee) {
  for (const char* name :
       {"n1_unknown_qualifier.835", "n1_unknown_qualifier_between_parties.835"}) {
    SCOPED_TRACE(name);
    ParseResult r = parse_835(malformed(name));
    ASSERT_EQ(r.era.transactions.size(), 1u);
    const auto& tx = r.era.transactions[0];
    EXPECT_EQ(tx.payer.name, "ACME HEALTH PLAN");
    EXPECT_EQ(tx.payer.city, "SPRINGFIELD");
    EXPECT_EQ(tx.payee.name, "SPRINGFIELD FAMILY CLINIC");
    EXPECT_EQ(tx.payee.city, "SPRINGFIELD");
    ASSERT_EQ(tx.payee.address.size(), 1u);
    EXPECT_EQ(tx.payee.address[0], "200 CLINIC WAY");
  }
}

TEST(Malformed, Version4010KeepsRepetitionLookingCharactersAsData) {
  ParseResult r = parse_835(malformed("version_4010_isa11_u_repetition_chars.835"));
  ASSERT_EQ(r.era.transactions.size(), 1u);
  const auto& tx = r.era.transactions[0];
  EXPECT_EQ(tx.payer.name, "ACME^HEALTH{PLAN U");
  ASSERT_EQ(tx.claims.size(), 2u);
  EXPECT_EQ(tx.claims[0].names[0].last, "MORGAN^SMITH");
  EXPECT_EQ(tx.claims[0].names[0].first, "ALEX{U");
  EXPECT_EQ(tx.claims[1].names[0].last, "RIVERA|UU");
  EXPECT_TRUE(r.balance.empty());
}

TEST(Malformed, MixedLineEndingsReadEverySegment) {
  for (const char* name : {"crlf_mixed_with_lf.835", "crlf_mixed_with_lf_line_terminator.835",
                           "tab_indented_segments.835", "empty_segments_between_claims.835"}) {
    SCOPED_TRACE(name);
    ParseResult r = parse_835(malformed(name));
    ASSERT_EQ(r.era.transactions.size(), 1u);
    const auto& tx = r.era.transactions[0];
    EXPECT_TRUE(tx.complete);
    EXPECT_EQ(tx.payment.amount, 17670);
    ASSERT_EQ(tx.claims.size(), 2u);
    EXPECT_EQ(tx.claims[0].lines.size() + tx.claims[1].lines.size(), 3u);
    EXPECT_EQ(tx.payee.name, "SPRINGFIELD FAMILY CLINIC");
  }
}

TEST(Malformed, JunkGluedToAClaimIsSkippedUpToTheSegmentId) {
  std::string bytes = malformed("binary_junk_glued_to_clp.835");
  ParseResult r = parse_835(bytes);
  ASSERT_EQ(r.era.transactions.size(), 1u);
  const auto& claims = r.era.transactions[0].claims;
  ASSERT_EQ(claims.size(), 2u);
  EXPECT_EQ(claims[1].patient_control_number, "MAL0002");
  EXPECT_EQ(bytes.compare(claims[1].pos.byte_offset, 4, "CLP*"), 0);
  EXPECT_TRUE(r.balance.empty());
}

TEST(Malformed, SegmentCountIncludesSkippedSegments) {
  // SE01 counts every segment, also the 2600 unknown ones the walker skips.
  ParseResult r = parse_835(malformed("unknown_segments_thousands.835"));
  EXPECT_EQ(count_code(r.diagnostics, Errc::unknown_segment), 2600u);
  EXPECT_FALSE(has_code(r.diagnostics, Errc::envelope_count)) << codes_of(r.diagnostics);
}

TEST(Malformed, EveryUnclosedInterchangeAndGroupIsNamed) {
  ParseResult isa = parse_835(malformed("envelope_two_isa_without_iea.835"));
  EXPECT_EQ(count_code(isa.diagnostics, Errc::missing_trailer), 2u) << describe(isa.diagnostics);
  ParseResult gs = parse_835(malformed("envelope_two_gs_without_ge.835"));
  EXPECT_EQ(count_code(gs.diagnostics, Errc::missing_trailer), 1u) << describe(gs.diagnostics);
  EXPECT_FALSE(has_code(gs.diagnostics, Errc::envelope_count)) << describe(gs.diagnostics);
}

TEST(Malformed, ClaimsAfterIeaAreReadInATransactionOfTheirOwn) {
  ParseResult r = parse_835(malformed("segments_after_iea.835"));
  ASSERT_EQ(r.era.transactions.size(), 2u);
  ASSERT_EQ(r.era.transactions[1].claims.size(), 1u);
  EXPECT_EQ(r.era.transactions[1].claims[0].patient_control_number, "MAL0003");
  EXPECT_EQ(r.era.transactions[1].claims[0].paid, 4000);
}

TEST(Malformed, SevenCasTripletsAreFlaggedNotSilentlyDropped) {
  ParseResult r = parse_835(malformed("cas_seven_triplets.835"));
  const auto* d = denial_test::first_code(r.diagnostics, Errc::too_many_elements);
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->path, "/ISA/GS/ST/2000/2100/2110");
}

TEST(Malformed, EmptyRemarkCodesAreNotKept) {
  ParseResult r = parse_835(malformed("lq_without_code.835"));
  for (const auto& tx : r.era.transactions)
    for (const auto& c : tx.claims)
      for (const auto& l : c.lines)
        for (const auto& rem : l.remarks) EXPECT_FALSE(rem.code.empty());
}

TEST(Malformed, NulBytesAreReportedAtTheirSegment) {
  std::string bytes = malformed("nul_bytes_inside_segments.835");
  ParseResult r = parse_835(bytes);
  std::size_t nul_diags = 0;
  for (const auto& d : r.diagnostics) {
    if (d.code != Errc::bad_element || d.message.find("NUL") == std::string::npos) continue;
    ++nul_diags;
    ASSERT_LT(d.byte_offset, bytes.size());
    EXPECT_EQ(bytes[d.byte_offset], '\0');
  }
  EXPECT_EQ(nul_diags, 3u);
}

// --- truncated at every byte, mutated at random ------------------------------------------------

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(Malformed, EveryPrefixOfACleanFileKeepsEveryClaimBegun) {
  std::string clean = malformed("crlf_mixed_with_lf.835");
  for (std::size_t n = 1; n <= clean.size(); ++n) {
    std::string prefix = clean.substr(0, n);
    SCOPED_TRACE("prefix of " + std::to_string(n) + " bytes");
    // Every claim whose "CLP*" was written is kept (a CLP cut right after its id counts too).
    ParseResult r = run_everything("prefix.835", prefix, count_of(prefix, "CLP*"));
    EXPECT_LE(r.claim_count, count_of(prefix, "CLP"));
    if (n < clean.size() - 20) {  // cut before the IEA: something must say so
      EXPECT_TRUE(has_code(r.diagnostics, Errc::missing_trailer) ||
                  has_code(r.diagnostics, Errc::bad_isa) || has_code(r.diagnostics, Errc::not_x12))
          << codes_of(r.diagnostics);
    }
    if (::testing::Test::HasFailure()) break;
  }
}

TEST(Malformed, RandomMutationsNeverCrashOrBreakJson) {
  // Deterministic: same seed, same inputs. Byte flips, delimiter insertions and deletions.
  std::string clean = malformed("crlf_mixed_with_lf.835");
  std::uint64_t state = 835;
  auto next = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::size_t>(state >> 33);
  };
  const std::string specials = std::string("~*:^\r\n\0") + "\xff" + "ISA" + "CLP";
  for (int i = 0; i < 400; ++i) {
    std::string bytes = clean;
    for (int k = 0, edits = 1 + static_cast<int>(next() % 8); k < edits && !bytes.empty(); ++k) {
      std::size_t at = next() % bytes.size();
      switch (next() % 3) {
        case 0:
          bytes[at] = static_cast<char>(next() % 256);
          break;
        case 1:
          bytes.insert(at, 1, specials[next() % specials.size()]);
          break;
        default:
          bytes.erase(at, 1 + next() % 16);
          break;
      }
    }
    SCOPED_TRACE("mutation " + std::to_string(i));
    run_everything("mutated.835", bytes, 0);
    if (::testing::Test::HasFailure()) break;
  }
}

// --- generated: too big to commit -------------------------------------------------------------

// The clean two-claim transaction the fixtures start from, split around the second claim.
struct Split {
  std::string head, tail;  // tail starts at the second claim's CLP
  int se_count = 0;
};

Split two_claims() {
  std::string base = malformed("crlf_mixed_with_lf.835");
  // Rebuild it with plain '~' + LF layout so offsets are predictable.
  std::string clean;
  for (char c : base)
    if (c != '\r' && c != '\n') clean += c;
  std::string out;
  for (char c : clean) {
    out += c;
    if (c == '~') out += '\n';
  }
  Split s;
  std::size_t at = out.find("CLP*MAL0002");
  s.head = out.substr(0, at);
  s.tail = out.substr(at);
  std::size_t se = s.tail.find("SE*");
  s.se_count = std::stoi(s.tail.substr(se + 3));
  return s;
}

std::string with_se_count(std::string text, int old_count, int new_count) {
  std::string from = "SE*" + std::to_string(old_count) + "*",
              to = "SE*" + std::to_string(new_count) + "*";
  text.replace(text.find(from), from.size(), to);
  return text;
}

TEST(MalformedGenerated, TenMegabyteSegmentIsSkippedAndClaimsAroundItKept) {
  Split s = two_claims();
  std::string huge = "REF*6R*" + std::string(10 * 1024 * 1024, 'A') + "~\n";
  std::string bytes = s.head + huge + with_se_count(s.tail, s.se_count, s.se_count + 1);
  ParseResult r = run_everything("ten_mb_segment.835", bytes, 2);
  const auto* d = denial_test::first_code(r.diagnostics, Errc::segment_too_long);
  ASSERT_NE(d, nullptr) << codes_of(r.diagnostics);
  EXPECT_GT(d->segment_no, 0u);
  EXPECT_EQ(d->byte_offset, s.head.size());
  EXPECT_EQ(r.claim_count, 2u);
  // SE01 counts the skipped segment too.
  EXPECT_FALSE(has_code(r.diagnostics, Errc::envelope_count)) << describe(r.diagnostics);
  ASSERT_EQ(r.era.transactions.size(), 1u);
  EXPECT_EQ(r.era.transactions[0].claims[1].patient_control_number, "MAL0002");
}

TEST(MalformedGenerated, TenMegabyteSegmentWithoutTerminatorAtTheEnd) {
  Split s = two_claims();
  std::string bytes = s.head + s.tail + "REF*6R*" + std::string(10 * 1024 * 1024, 'B');
  ParseResult r = run_everything("ten_mb_tail.835", bytes, 2);
  EXPECT_TRUE(has_code(r.diagnostics, Errc::segment_too_long)) << codes_of(r.diagnostics);
}

TEST(MalformedGenerated, MillionEmptySegmentsBetweenTwoClaims) {
  Split s = two_claims();
  std::string bytes = s.head + std::string(1000000, '~') + s.tail;
  ParseResult r = run_everything("million_empty.835", bytes, 2);
  EXPECT_EQ(r.claim_count, 2u);
  for (const auto& d : r.diagnostics)
    EXPECT_EQ(d.severity, Severity::info) << describe(r.diagnostics);
  EXPECT_TRUE(r.balance.empty());
}

TEST(MalformedGenerated, HundredThousandUnknownSegmentsBetweenClaims) {
  Split s = two_claims();
  std::string unknown;
  for (int i = 0; i < 100000; ++i) unknown += "ZZ" + std::to_string(i % 10) + "*X~";
  std::string bytes = s.head + unknown + with_se_count(s.tail, s.se_count, s.se_count + 100000);
  ParseResult r = run_everything("unknown_100k.835", bytes, 2);
  EXPECT_EQ(count_code(r.diagnostics, Errc::unknown_segment), 100000u);
  EXPECT_FALSE(has_code(r.diagnostics, Errc::envelope_count)) << codes_of(r.diagnostics);
  const auto* d = denial_test::first_code(r.diagnostics, Errc::unknown_segment);
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->byte_offset, s.head.size());
  EXPECT_EQ(r.era.transactions[0].claims.size(), 2u);
}

TEST(MalformedGenerated, SeparatorlessSegmentsReadInLinearTime) {
  // 300k segments with no element separator: each must be looked at once, not rescanned to
  // the next '*' further on (that was quadratic). Parse only: the point is the reader.
  Split s = two_claims();
  std::string filler;
  for (int i = 0; i < 300000; ++i) filler += "QWERTY~";
  std::string bytes = s.head + filler + s.tail;
  auto start = std::chrono::steady_clock::now();
  ParseResult r = parse_835(bytes);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(r.claim_count, 2u);
  EXPECT_EQ(count_code(r.diagnostics, Errc::unknown_segment), 300000u);
  EXPECT_LT(seconds, 30.0) << "the reader rescans the input";
}

}  // namespace
