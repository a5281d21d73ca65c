// The 835 model (stage 2 output): plain values, amounts in cents, every fact tagged with the
// segment it came from so a viewer can show the raw segment behind it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "denial/money.h"

namespace denial {

/// Where a fact came from: 1-based segment number and byte offset of that segment.
struct SourcePos {
  std::uint32_t segment_no = 0;
  std::uint64_t byte_offset = 0;
};

/// One CAS reason triplet (group from CAS01, reason CAS02/05/..., amount, quantity).
struct Adjustment {
  std::string group;     ///< CO, OA, PI, PR (CR in 4010)
  std::string reason;    ///< CARC
  Cents amount = 0;      ///< positive decreases payment, negative increases it
  std::string quantity;  ///< units, as sent (may be empty)
  SourcePos pos;
};

/// A remark code: claim level (MOA, MIA) or line level (LQ*HE / LQ*RX).
struct Remark {
  std::string code;
  std::string source;     ///< "MOA03", "MIA05", "LQ" ...
  std::string qualifier;  ///< LQ01: HE (RARC) or RX (NCPDP reject); "HE" for MOA/MIA
  SourcePos pos;
};

struct Reference {
  std::string qualifier;
  std::string value;
  SourcePos pos;
};

struct DateValue {
  std::string qualifier;  ///< DTM01 (232, 233, 472, 150, 151, 036, 050, 405 ...)
  std::string date;       ///< CCYYMMDD as sent
  SourcePos pos;
};

struct AmountValue {
  std::string qualifier;  ///< AMT01 (AU, B6, ...) / QTY01
  Cents amount = 0;
  SourcePos pos;
};

struct QuantityValue {
  std::string qualifier;
  std::string value;
  SourcePos pos;
};

/// NM1 in loop 2100 (QC patient, IL insured, 74 corrected insured, 82 rendering, TT crossover
/// carrier, PR corrected priority payer, GB other subscriber).
struct PersonName {
  std::string entity;        ///< NM101
  std::string last;          ///< NM103 (or organization name)
  std::string first;         ///< NM104
  std::string middle;        ///< NM105
  std::string id_qualifier;  ///< NM108
  std::string id;            ///< NM109
  SourcePos pos;
};

/// Procedure code composite (SVC01 / SVC06): qualifier HC, NU, AD, N4, HP, ...
struct Procedure {
  std::string qualifier;
  std::string code;
  std::vector<std::string> modifiers;
  std::string description;
};

struct ServiceLine {
  Procedure procedure;                 ///< SVC01: the adjudicated code
  Cents charge = 0;                    ///< SVC02
  Cents paid = 0;                      ///< SVC03
  std::string revenue_code;            ///< SVC04
  std::string units_paid;              ///< SVC05
  std::optional<Procedure> submitted;  ///< SVC06, when the submitted code differs
  std::string units_submitted;         ///< SVC07
  std::string control_number;          ///< REF*6R line item control number
  std::vector<DateValue> dates;
  std::vector<Adjustment> adjustments;
  std::vector<Reference> references;
  std::vector<AmountValue> amounts;
  std::vector<QuantityValue> quantities;
  std::vector<Remark> remarks;
  SourcePos pos;
  std::uint32_t last_segment_no = 0;
};

/// MIA (inpatient) / MOA (outpatient) adjudication information, amounts kept as text
/// except the remark codes which go to Claim::remarks.
struct AdjudicationInfo {
  std::string segment;                ///< "MIA" or "MOA"
  std::vector<std::string> elements;  ///< all elements as sent (for display)
  SourcePos pos;
};

struct Claim {
  std::string patient_control_number;           ///< CLP01
  std::string status;                           ///< CLP02
  Cents charge = 0;                             ///< CLP03
  Cents paid = 0;                               ///< CLP04
  std::optional<Cents> patient_responsibility;  ///< CLP05
  std::string filing_indicator;                 ///< CLP06
  std::string payer_claim_number;               ///< CLP07
  std::string facility_type;                    ///< CLP08
  std::string frequency;                        ///< CLP09
  std::string drg;                              ///< CLP11
  std::string header_number;                    ///< LX01 of the 2000 loop holding the claim
  std::vector<PersonName> names;
  std::vector<Adjustment> adjustments;  ///< claim-level CAS (2100)
  std::vector<Remark> remarks;          ///< MOA/MIA remark codes
  std::vector<AdjudicationInfo> adjudication;
  std::vector<Reference> references;
  std::vector<DateValue> dates;
  std::vector<AmountValue> amounts;
  std::vector<QuantityValue> quantities;
  std::vector<ServiceLine> lines;
  SourcePos pos;
  std::uint32_t last_segment_no = 0;
  std::uint64_t end_offset = 0;  ///< one past the last byte of the claim's last segment
};

/// PLB: one reason:reference / amount pair (PLB03..PLB14).
struct ProviderAdjustment {
  std::string provider_id;    ///< PLB01
  std::string fiscal_period;  ///< PLB02 (CCYYMMDD)
  std::string reason;         ///< PLB03-1 (WO, L6, FB, 72, ...)
  std::string reference;      ///< PLB03-2 (e.g. the claim number for WO)
  Cents amount = 0;           ///< positive reduces the payment
  SourcePos pos;
};

struct Party {
  std::string entity;  ///< N101 (PR payer, PE payee)
  std::string name;
  std::string id_qualifier;
  std::string id;
  std::vector<std::string> address;  ///< N301, N302
  std::string city, state, zip;
  std::vector<Reference> references;
  std::vector<std::string> contacts;  ///< PER segments, elements joined for display
  SourcePos pos;
};

struct Payment {
  std::string handling;      ///< BPR01 (I, H, X, ...)
  Cents amount = 0;          ///< BPR02
  std::string credit_debit;  ///< BPR03
  std::string method;        ///< BPR04 (ACH, CHK, NON, ...)
  std::string format;        ///< BPR05
  std::string date;          ///< BPR16 (5010) / effective date
  std::string trace_type;    ///< TRN01
  std::string trace_number;  ///< TRN02 (check or EFT number)
  std::string originator;    ///< TRN03
  SourcePos pos;
};

struct Transaction {
  std::string control_number;       ///< ST02
  std::string version;              ///< GS08 or ST03, e.g. 005010X221A1
  std::string interchange_control;  ///< ISA13
  std::string sender_id;            ///< ISA06 / GS02
  std::string receiver_id;          ///< ISA08 / GS03
  std::string production_date;      ///< DTM*405
  Payment payment;
  Party payer;
  Party payee;
  std::vector<Reference> references;
  std::vector<Claim> claims;
  std::vector<ProviderAdjustment> provider_adjustments;
  SourcePos pos;
  std::uint32_t last_segment_no = 0;
  bool complete = false;  ///< SE seen
  /// 64-bit hash of every segment between ST and SE, ST and SE themselves left out, with
  /// the delimiters normalised: equal for a retransmitted copy of the same payment whatever
  /// its envelope control numbers. Compare it only together with payer, trace and amount.
  std::uint64_t body_hash = 0;
  /// Delimiters of the interchange that carried it (to re-read a claim on demand).
  char element_separator = '*', component_separator = ':', segment_terminator = '~';
};

struct Era {
  std::vector<Transaction> transactions;
};

}  // namespace denial
