// Generated 835 files with one ISA, one GS and several ST*835...SE (a clearinghouse's bundle
// of several payers' remits), for the transaction-split tests: payers, reversals whose
// originals are in another transaction, PLB, a transaction out of balance, a claim without
// LX, "reported once" warnings in two transactions. Segment counts are exact.
#pragma once

#include <string>
#include <vector>

namespace denial_test {

struct SplitTx {
  std::string payer;
  std::vector<std::string> claims;  ///< whole claim segments, '~'-terminated, CLP first
  std::string plb;                  ///< a PLB segment or ""
  bool lx = true;                   ///< claims under an LX (else they keep the last LX number)
};

inline std::string split_claim(const std::string& pcn, const std::string& status, int charge,
                               int paid, const std::string& extra = "") {
  const int adjusted = charge - paid;
  return "CLP*" + pcn + "*" + status + "*" + std::to_string(charge) + "*" + std::to_string(paid) +
         "*0*12*ICN" + pcn + "*11*1~CAS*CO*45*" + std::to_string(adjusted) +
         "~NM1*QC*1*DOE*JANE****MI*W" + pcn + "~DTM*232*20260105~" + extra;
}

/// The file; `separator_after` goes after each terminator ("" or "\r\n").
inline std::string split_remit(const std::vector<SplitTx>& txs,
                               const std::string& separator_after = "") {
  auto seg = [&](const std::string& s) { return s + separator_after; };
  std::string out =
      seg("ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       "
          "*260101*1200*^*00501*000000001*0*P*:~");
  out += seg("GS*HP*SENDER*RECEIVER*20260101*1200*1*X*005010X221A1~");
  int n = 0;
  for (const SplitTx& t : txs) {
    const std::string control = "000" + std::to_string(++n);
    std::vector<std::string> body = {"ST*835*" + control + "~",
                                     "BPR*I*0*C*NON************20260115~",
                                     "TRN*1*T" + std::to_string(n) + "*1512345678~",
                                     "DTM*405*20260114~",
                                     "N1*PR*" + t.payer + "~",
                                     "N1*PE*TEST CLINIC*XX*1234567893~"};
    if (t.lx) body.push_back("LX*" + std::to_string(n) + "~");
    for (const std::string& c : t.claims) {
      for (std::size_t at = 0; at < c.size();) {
        std::size_t end = c.find('~', at);
        body.push_back(c.substr(at, end + 1 - at));
        at = end + 1;
      }
    }
    if (!t.plb.empty()) body.push_back(t.plb);
    for (const std::string& s : body) out += seg(s);
    out += seg("SE*" + std::to_string(body.size() + 1) + "*" + control + "~");
  }
  out += seg("GE*" + std::to_string(txs.size()) + "*1~");
  out += seg("IEA*1*000000001~");
  return out;
}

/// A claim with a patient share (a patient letter).
inline const std::string kPatientShare =
    "CLP*P1*1*100*70*10*12*ICNP1*11*1~CAS*CO*45*20~CAS*PR*2*10~NM1*QC*1*POE*PAT****MI*WP1~"
    "DTM*232*20260105~";

/// Several payers, reversals across transactions, PLB, a transaction out of balance.
inline std::vector<SplitTx> split_payers() {
  return {
      {"FIRST PAYER",
       {split_claim("A1", "1", 100, 80), split_claim("R1", "22", -50, -50),
        split_claim("B1", "4", 200, 0, "DTM*472*D8*20260105~"), split_claim("R1", "1", 50, 50)},
       "PLB*1234567893*20261231*WO:ICNX*25~",
       true},
      {"SECOND PAYER",
       {split_claim("R1", "1", 50, 50), kPatientShare, split_claim("C2", "1", 300, 250),
        split_claim("R2", "22", -70, -70)},
       "",
       true},
      {"THIRD PAYER",
       // Out of balance: paid more than charged less adjustments (CAS says 10, not 20).
       {"CLP*D3*1*100*90*0*12*ICND3*11*1~CAS*CO*45*20~NM1*QC*1*ROE*RAY****MI*WD3~",
        split_claim("R2", "1", 70, 70, "DTM*472*D8*20260106~"), split_claim("E3", "2", 90, 40)},
       "PLB*1234567893*20261231*L6:INT*-3.5~",
       false},
      {"FOURTH PAYER",
       {split_claim("F4", "1", 40, 40), split_claim("R2", "1", 70, 70), kPatientShare},
       "",
       true},
  };
}

}  // namespace denial_test
