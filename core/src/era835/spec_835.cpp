// The 835 structure after the TR3 (005010X221A1) loop table. The envelope (ISA/GS/ST) is
// modelled as loops too, so one walker handles interchanges, groups and transactions.
// 4010 (004010X091A1) remits share this layout closely enough to be read with it.
#include "era835/spec_835.h"

#include <iterator>

namespace denial::detail {
namespace {

constexpr Usage R = Usage::required;
constexpr Usage S = Usage::situational;

// clang-format off
constexpr LoopSpec kLoops[] = {
  // id       parent   trigger qpos codes    usage max          name
  {"ISA",    "",      "ISA",  0,   "",       R,    kUnbounded,  "Interchange Control"},
  {"GS",     "ISA",   "GS",   0,   "",       R,    kUnbounded,  "Functional Group"},
  {"ST",     "GS",    "ST",   0,   "",       R,    kUnbounded,  "Transaction Set Header"},
  {"1000A",  "ST",    "N1",   1,   "PR",     R,    1,           "Payer Identification"},
  {"1000B",  "ST",    "N1",   1,   "PE",     R,    1,           "Payee Identification"},
  {"2000",   "ST",    "LX",   0,   "",       S,    kUnbounded,  "Header Number"},
  {"2100",   "2000",  "CLP",  0,   "",       R,    kUnbounded,  "Claim Payment Information"},
  {"2110",   "2100",  "SVC",  0,   "",       S,    999,         "Service Payment Information"},
};

constexpr SegmentSpec kSegments[] = {
  // loop     seg    usage max          closes
  {"ISA",    "ISA",  R,    1,           false},
  {"ISA",    "TA1",  S,    kUnbounded,  false},
  {"ISA",    "IEA",  R,    1,           true},
  {"GS",     "GS",   R,    1,           false},
  {"GS",     "GE",   R,    1,           true},
  {"ST",     "ST",   R,    1,           false},
  {"ST",     "BPR",  R,    1,           false},
  {"ST",     "TRN",  R,    1,           false},
  {"ST",     "CUR",  S,    1,           false},
  {"ST",     "REF",  S,    2,           false},   // EV receiver id, F2 version
  {"ST",     "DTM",  S,    1,           false},   // 405 production date
  {"ST",     "PLB",  S,    kUnbounded,  false},   // summary: provider adjustments
  {"ST",     "SE",   R,    1,           true},
  {"1000A",  "N1",   R,    1,           false},
  {"1000A",  "N3",   R,    1,           false},
  {"1000A",  "N4",   R,    1,           false},
  {"1000A",  "REF",  S,    4,           false},
  {"1000A",  "PER",  S,    kUnbounded,  false},
  {"1000B",  "N1",   R,    1,           false},
  {"1000B",  "N3",   S,    1,           false},
  {"1000B",  "N4",   S,    1,           false},
  {"1000B",  "REF",  S,    kUnbounded,  false},
  {"1000B",  "RDM",  S,    1,           false},
  {"2000",   "LX",   R,    1,           false},
  {"2000",   "TS3",  S,    1,           false},
  {"2000",   "TS2",  S,    1,           false},
  {"2100",   "CLP",  R,    1,           false},
  {"2100",   "CAS",  S,    99,          false},
  {"2100",   "NM1",  S,    kUnbounded,  false},   // QC IL 74 82 TT PR GB
  {"2100",   "MIA",  S,    1,           false},
  {"2100",   "MOA",  S,    1,           false},
  {"2100",   "REF",  S,    kUnbounded,  false},
  {"2100",   "DTM",  S,    kUnbounded,  false},
  {"2100",   "PER",  S,    3,           false},
  {"2100",   "AMT",  S,    13,          false},
  {"2100",   "QTY",  S,    14,          false},
  {"2110",   "SVC",  R,    1,           false},
  {"2110",   "DTM",  S,    2,           false},
  {"2110",   "CAS",  S,    99,          false},
  {"2110",   "REF",  S,    kUnbounded,  false},
  {"2110",   "AMT",  S,    kUnbounded,  false},
  {"2110",   "QTY",  S,    kUnbounded,  false},
  {"2110",   "LQ",   S,    99,          false},
};
// clang-format on

}  // namespace

const LoopSpec* loops_begin() { return std::begin(kLoops); }
const LoopSpec* loops_end() { return std::end(kLoops); }
const SegmentSpec* segments_begin() { return std::begin(kSegments); }
const SegmentSpec* segments_end() { return std::end(kSegments); }

int find_loop(std::string_view id) {
  for (std::size_t i = 0; i < std::size(kLoops); ++i) {
    if (kLoops[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

const Spec& spec_835() {
  static constexpr Spec kSpec{"835",     "005010X221A1",      kLoops, std::size(kLoops),
                              kSegments, std::size(kSegments)};
  return kSpec;
}

bool is_known_segment(std::string_view id) {
  for (const auto& s : kSegments) {
    if (s.id == id) return true;
  }
  return false;
}

}  // namespace denial::detail
