// The 277CA and 999 structures after the TR3s (005010X214, 005010X231A1) and pyx12's maps.
// As for the 835, the envelope (ISA/GS/ST) is modelled as loops, so one walker handles
// interchanges, groups and transactions. The 277CA's hierarchy is four HL levels told apart
// by HL03 (20 information source, 21 information receiver, 19 billing provider, PT patient);
// each level has its name loop (21x0) and its status loop (22x0, started by TRN).
#include "ack/spec_277ca.h"

#include <iterator>

namespace denial::detail {
namespace {

constexpr Usage R = Usage::required;
constexpr Usage S = Usage::situational;

// clang-format off
constexpr LoopSpec kLoops277[] = {
  // id       parent   trigger qpos codes usage max          name
  {"ISA",    "",      "ISA",  0,   "",    R,    kUnbounded,  "Interchange Control"},
  {"GS",     "ISA",   "GS",   0,   "",    R,    kUnbounded,  "Functional Group"},
  {"ST",     "GS",    "ST",   0,   "",    R,    kUnbounded,  "Transaction Set Header"},
  {"2000A",  "ST",    "HL",   3,   "20",  R,    kUnbounded,  "Information Source Level"},
  {"2100A",  "2000A", "NM1",  0,   "",    R,    1,           "Payer Name"},
  {"2200A",  "2000A", "TRN",  0,   "",    R,    1,           "Transmission Receipt Control Identifier"},
  {"2000B",  "2000A", "HL",   3,   "21",  R,    kUnbounded,  "Information Receiver Level"},
  {"2100B",  "2000B", "NM1",  0,   "",    R,    1,           "Information Receiver Name"},
  {"2200B",  "2000B", "TRN",  0,   "",    R,    1,           "Information Receiver Application Trace Identifier"},
  {"2000C",  "2000B", "HL",   3,   "19",  S,    kUnbounded,  "Billing Provider of Service Level"},
  {"2100C",  "2000C", "NM1",  0,   "",    R,    1,           "Billing Provider Name"},
  {"2200C",  "2000C", "TRN",  0,   "",    S,    1,           "Provider of Service Information Trace Identifier"},
  {"2000D",  "2000C", "HL",   3,   "PT",  S,    kUnbounded,  "Patient Level"},
  {"2100D",  "2000D", "NM1",  0,   "",    R,    1,           "Patient Name"},
  {"2200D",  "2000D", "TRN",  0,   "",    R,    kUnbounded,  "Claim Status Tracking Number"},
  {"2220D",  "2200D", "SVC",  0,   "",    S,    kUnbounded,  "Service Line Information"},
};

constexpr SegmentSpec kSegments277[] = {
  // loop     seg    usage max          closes
  {"ISA",    "ISA",  R,    1,           false},
  {"ISA",    "TA1",  S,    kUnbounded,  false},
  {"ISA",    "IEA",  R,    1,           true},
  {"GS",     "GS",   R,    1,           false},
  {"GS",     "GE",   R,    1,           true},
  {"ST",     "ST",   R,    1,           false},
  {"ST",     "BHT",  R,    1,           false},
  {"ST",     "SE",   R,    1,           true},
  {"2000A",  "HL",   R,    1,           false},
  {"2100A",  "NM1",  R,    1,           false},   // PR payer / AY clearinghouse
  {"2200A",  "TRN",  R,    1,           false},
  {"2200A",  "DTP",  R,    2,           false},   // 050 received, 009 processed
  {"2000B",  "HL",   R,    1,           false},
  {"2100B",  "NM1",  R,    1,           false},   // 41 submitter
  {"2200B",  "TRN",  R,    1,           false},
  {"2200B",  "STC",  S,    kUnbounded,  false},
  {"2200B",  "QTY",  S,    2,           false},   // 90 accepted, AA rejected
  {"2200B",  "AMT",  S,    2,           false},   // YU accepted, YY rejected
  {"2000C",  "HL",   R,    1,           false},
  {"2100C",  "NM1",  R,    1,           false},   // 85 billing provider
  {"2200C",  "TRN",  R,    1,           false},
  {"2200C",  "STC",  S,    kUnbounded,  false},
  {"2200C",  "REF",  S,    3,           false},
  {"2200C",  "QTY",  S,    2,           false},   // QA accepted, QC rejected
  {"2200C",  "AMT",  S,    2,           false},
  {"2000D",  "HL",   R,    1,           false},
  {"2100D",  "NM1",  R,    1,           false},   // QC patient
  {"2200D",  "TRN",  R,    1,           false},   // TRN02 = the 837's CLM01
  {"2200D",  "STC",  R,    kUnbounded,  false},
  {"2200D",  "REF",  S,    kUnbounded,  false},   // 1K payer claim number, BLT, EA, ...
  {"2200D",  "DTP",  S,    2,           false},   // 472 service date(s)
  {"2220D",  "SVC",  R,    1,           false},
  {"2220D",  "STC",  R,    kUnbounded,  false},
  {"2220D",  "REF",  S,    1,           false},   // FJ line item control number
  {"2220D",  "DTP",  S,    1,           false},   // 472
};

constexpr LoopSpec kLoops999[] = {
  {"ISA",    "",      "ISA",  0,   "",    R,    kUnbounded,  "Interchange Control"},
  {"GS",     "ISA",   "GS",   0,   "",    R,    kUnbounded,  "Functional Group"},
  {"ST",     "GS",    "ST",   0,   "",    R,    kUnbounded,  "Transaction Set Header"},
  {"2000",   "ST",    "AK2",  0,   "",    S,    kUnbounded,  "Transaction Set Response Header"},
  {"2100",   "2000",  "IK3",  0,   "",    S,    kUnbounded,  "Error Identification"},
  {"2110",   "2100",  "IK4",  0,   "",    S,    kUnbounded,  "Implementation Data Element Note"},
};

constexpr SegmentSpec kSegments999[] = {
  {"ISA",    "ISA",  R,    1,           false},
  {"ISA",    "TA1",  S,    kUnbounded,  false},
  {"ISA",    "IEA",  R,    1,           true},
  {"GS",     "GS",   R,    1,           false},
  {"GS",     "GE",   R,    1,           true},
  {"ST",     "ST",   R,    1,           false},
  {"ST",     "AK1",  R,    1,           false},   // the acknowledged functional group
  {"ST",     "AK9",  R,    1,           false},   // its verdict
  {"ST",     "SE",   R,    1,           true},
  {"2000",   "AK2",  R,    1,           false},   // one acknowledged transaction set
  {"2000",   "IK5",  R,    1,           false},   // its verdict
  {"2100",   "IK3",  R,    1,           false},   // a segment in error
  {"2100",   "CTX",  S,    10,          false},   // segment / business unit context
  {"2110",   "IK4",  R,    1,           false},   // an element in error
  {"2110",   "CTX",  S,    10,          false},   // element context
};
// clang-format on

}  // namespace

const Spec& spec_277ca() {
  static constexpr Spec kSpec{"277",        "005010X214",           kLoops277, std::size(kLoops277),
                              kSegments277, std::size(kSegments277)};
  return kSpec;
}

const Spec& spec_999() {
  static constexpr Spec kSpec{"999",        "005010X231A1",         kLoops999, std::size(kLoops999),
                              kSegments999, std::size(kSegments999)};
  return kSpec;
}

}  // namespace denial::detail
