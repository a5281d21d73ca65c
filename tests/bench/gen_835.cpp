// Benchmark input: realistic claim shapes (CLP, CAS, NM1, DTM, SVC, CAS, REF*6R, AMT, LQ),
// amounts from a fixed PRNG so runs are comparable.
#include "gen_835.h"

#include <cstdio>

namespace denial_bench {
namespace {

struct Rng {
  std::uint64_t s;
  std::uint32_t next() {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    return static_cast<std::uint32_t>(s);
  }
  std::uint32_t below(std::uint32_t n) { return next() % n; }
};

std::string money(long long cents) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%lld.%02lld", cents < 0 ? "-" : "",
                (cents < 0 ? -cents : cents) / 100, (cents < 0 ? -cents : cents) % 100);
  return buf;
}

}  // namespace

std::string generate_835(std::uint64_t target_bytes, std::uint32_t seed) {
  Rng rng{0x9E3779B97F4A7C15ULL ^ seed};
  std::string body;
  body.reserve(target_bytes + 4096);
  static const char* kCodes[] = {"99213", "99214", "85025", "80053",
                                 "93000", "71046", "97110", "36415"};
  static const char* kLast[] = {"SMITH", "GARCIA", "NGUYEN", "JOHNSON",
                                "PATEL", "KIM",    "BROWN",  "LOPEZ"};
  long long total_paid = 0;
  std::uint64_t segments = 0, claim_no = 0;
  auto seg = [&](const std::string& s) {
    body += s;
    body += "~\n";
    ++segments;
  };
  seg("BPR*I*{TOTAL}*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999988880*DA*98765*20260115");
  seg("TRN*1*EFT" + std::to_string(seed) + "*1512345678");
  seg("DTM*405*20260114");
  seg("N1*PR*BENCHMARK HEALTH PLAN");
  seg("N3*PO BOX 1");
  seg("N4*ANYTOWN*NY*12345");
  seg("N1*PE*BENCH CLINIC*XX*1234567893");
  seg("LX*1");
  while (body.size() < target_bytes) {
    ++claim_no;
    int lines = 1 + static_cast<int>(rng.below(3));
    int kind = static_cast<int>(
        rng.below(10));  // 0-5 paid/reduced, 6-7 partial denial, 8 denied, 9 PR only
    long long charge = 0, paid = 0, patient = 0;
    std::string lines_text;
    for (int l = 0; l < lines; ++l) {
      long long c = 5000 + rng.below(40000);
      long long contractual = kind <= 7 ? c / 5 : 0;
      long long denied = (kind == 8 || (kind >= 6 && l == 0)) ? c - contractual : 0;
      long long coins = kind <= 5 || kind == 9 ? (c - contractual) / 5 : 0;
      if (kind == 9) coins = c - contractual;
      long long p = c - contractual - denied - coins;
      charge += c;
      paid += p;
      patient += coins;
      std::string svc =
          "SVC*HC:" + std::string(kCodes[rng.below(8)]) + "*" + money(c) + "*" + money(p) + "**1";
      std::string cas;
      if (contractual) cas += "CAS*CO*45*" + money(contractual) + "~\n";
      if (denied)
        cas += std::string("CAS*CO*") + (kind == 8 ? "16" : "50") + "*" + money(denied) + "~\n";
      if (coins) cas += "CAS*PR*2*" + money(coins) + "~\n";
      lines_text += svc + "~\nDTM*472*20260105~\n" + cas + "REF*6R*L" + std::to_string(claim_no) +
                    "-" + std::to_string(l + 1) + "~\nAMT*B6*" + money(c - contractual) + "~\n";
      segments += 4 + (contractual ? 1 : 0) + (denied ? 1 : 0) + (coins ? 1 : 0);
      if (kind == 8) {
        lines_text += "LQ*HE*N290~\n";
        ++segments;
      }
    }
    total_paid += paid;
    seg("CLP*PCN" + std::to_string(claim_no) + "*" + (kind == 8 ? "4" : "1") + "*" + money(charge) +
        "*" + money(paid) + "*" + (patient ? money(patient) : "") + "*12*ICN" +
        std::to_string(claim_no) + "*11*1");
    seg(std::string("NM1*QC*1*") + kLast[rng.below(8)] + "*PAT" + std::to_string(claim_no % 997) +
        "****MI*M" + std::to_string(100000 + claim_no));
    seg("DTM*232*20260105");
    body += lines_text;
  }
  std::string head =
      "ISA*00*          *00*          *ZZ*BENCHPAYER     *ZZ*BENCHCLINIC    "
      "*260115*1200*^*00501*000000001*0*P*:~\n"
      "GS*HP*BENCHPAYER*BENCHCLINIC*20260115*1200*1*X*005010X221A1~\nST*835*0001~\n";
  std::size_t at = body.find("{TOTAL}");
  body.replace(at, 7, money(total_paid));
  std::string tail = "SE*" + std::to_string(segments + 2) + "*0001~\nGE*1*1~\nIEA*1*000000001~\n";
  return head + body + tail;
}

std::string generate_remit(std::uint64_t target_bytes, std::uint32_t seed, int months) {
  static const char* kPayers[][2] = {{"MEDICARE PART B", "04412"}, {"BLUE PLAN OF STATE", "00590"},
                                     {"AETNA SAMPLE", "60054"},    {"UNITED SAMPLE", "87726"},
                                     {"CIGNA SAMPLE", "62308"},    {"STATE MEDICAID", "77027"},
                                     {"HUMANA SAMPLE", "61101"},   {"TRICARE SAMPLE", "99726"}};
  std::string s = generate_835(target_bytes, seed);
  const auto& payer = kPayers[seed % 8];
  int back = static_cast<int>((seed / 8) % static_cast<std::uint32_t>(months > 0 ? months : 1));
  int year = 2026, month = 1 - back;
  while (month < 1) month += 12, --year;
  char ym[8];
  std::snprintf(ym, sizeof ym, "%04d%02d", year, month);
  auto replace_all = [&](const std::string& from, const std::string& to) {
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
      s.replace(at, from.size(), to);
  };
  replace_all("N1*PR*BENCHMARK HEALTH PLAN", std::string("N1*PR*") + payer[0] + "*XV*" + payer[1]);
  replace_all("*20260115~", std::string("*") + ym + "15~");
  replace_all("DTM*405*20260114", std::string("DTM*405*") + ym + "14");
  replace_all("*20260105~", std::string("*") + ym + "05~");
  return s;
}

std::string generate_bundle(std::uint64_t target_bytes, int transactions) {
  const int n = transactions > 0 ? transactions : 1;
  std::string out =
      "ISA*00*          *00*          *ZZ*CLEARINGHOUSE  *ZZ*BENCHCLINIC    "
      "*260115*1200*^*00501*000000001*0*P*:~\n"
      "GS*HP*CLEARINGHOUSE*BENCHCLINIC*20260115*1200*1*X*005010X221A1~\n";
  out.reserve(target_bytes + 4096);
  for (int t = 1; t <= n; ++t) {
    const std::string remit = generate_remit(target_bytes / n, static_cast<std::uint32_t>(t));
    // The remit's own ST...SE, with a control number of its own.
    const std::size_t st = remit.find("ST*835*0001~");
    const std::size_t se = remit.rfind("SE*");
    const std::size_t se_end = remit.find('\n', se) + 1;
    char control[8];
    std::snprintf(control, sizeof control, "%04d", t);
    std::string tx = remit.substr(st, se_end - st);
    tx.replace(7, 4, control);
    tx.replace(tx.rfind("*0001~"), 6, std::string("*") + control + "~");
    out += tx;
  }
  out += "GE*" + std::to_string(n) + "*1~\nIEA*1*000000001~\n";
  return out;
}

}  // namespace denial_bench
