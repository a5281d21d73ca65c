// The acknowledgment models (stage 2 output for the 277CA and the 999): plain values, amounts
// in cents, every fact tagged with the segment it came from. Read with parse_acknowledgment;
// which kind a file is comes from detect_kind.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "denial/diagnostic.h"
#include "denial/era.h"

namespace denial {

/// What a file is, from its first transaction set (ST01, else GS01).
enum class FileKind {
  unknown,          ///< nothing X12 found (empty, HTML, binary, text)
  remittance_835,   ///< 835 Health Care Claim Payment/Advice
  claim_ack_277ca,  ///< 277CA Health Care Claim Acknowledgment (005010X214)
  impl_ack_999,     ///< 999 Implementation Acknowledgment (005010X231A1)
  other_x12,        ///< another X12 transaction (837, 270, ...)
};
/// "835", "277CA", "999", "other", "unknown".
std::string_view file_kind_id(FileKind k);
std::string_view file_kind_label(FileKind k);
/// Looks at the first ST (or GS01 when ST is cut off) only: cheap on big files.
FileKind detect_kind(std::string_view bytes);

/// One STC: category:status:entity (STC01, or STC10 / STC11 for the extra statuses).
struct ClaimStatus {
  std::string category;         ///< STC0x-1, code list 507 (A1, A7 ...)
  std::string code;             ///< STC0x-2, code list 508 (562 ...)
  std::string entity;           ///< STC0x-3, element 98 (85 ...); may be empty
  std::string element;          ///< where it stood: "STC01", "STC10", "STC11"
  std::string date;             ///< STC02 (CCYYMMDD)
  std::string action;           ///< STC03: WQ (accepted) or U (rejected) ...
  std::optional<Cents> amount;  ///< STC04 charge
  SourcePos pos;
};

/// Status of one service line (loop 2220D).
struct AckServiceLine {
  Procedure procedure;  ///< SVC01
  Cents charge = 0;     ///< SVC02
  std::string revenue_code, units;
  std::string control_number;  ///< REF*FJ, the 837's REF*6R
  std::string date;            ///< DTP*472 (D8 or RD8 as sent)
  std::vector<ClaimStatus> statuses;
  SourcePos pos;
};

/// One claim answered by a 277CA (loop 2200D).
struct AckClaim {
  std::string patient_control_number;  ///< TRN02 = the 837's CLM01
  std::string payer_claim_number;      ///< REF*1K
  std::string bill_type;               ///< REF*BLT
  std::string medical_record;          ///< REF*EA
  std::vector<Reference> references;
  PersonName patient;        ///< 2100D NM1*QC
  PersonName provider;       ///< 2100C NM1*85 (billing provider)
  std::string service_date;  ///< DTP*472: CCYYMMDD or CCYYMMDD-CCYYMMDD
  std::vector<ClaimStatus> statuses;
  std::vector<AckServiceLine> lines;
  SourcePos pos;
  std::uint32_t last_segment_no = 0;
};

/// Statuses and totals given above claim level (receiver 2200B or provider 2200C).
struct AckLevel {
  std::string level;  ///< "2200B" information receiver, "2200C" billing provider
  PersonName name;    ///< its NM1
  std::string trace;  ///< TRN02
  std::vector<ClaimStatus> statuses;
  std::vector<QuantityValue> quantities;  ///< QTY 90/QA accepted, AA/QC rejected
  std::vector<AmountValue> amounts;       ///< AMT YU accepted, YY rejected
  SourcePos pos;
};

/// One 277CA transaction set.
struct ClaimAcknowledgment {
  std::string control_number, version, interchange_control, sender_id, receiver_id;
  std::string reference;                      ///< BHT03
  std::string date;                           ///< BHT04 (CCYYMMDD)
  PersonName source;                          ///< 2100A payer or clearinghouse
  std::string received_date, processed_date;  ///< DTP*050, DTP*009
  std::vector<AckLevel> levels;               ///< receiver and provider levels, in order
  std::vector<AckClaim> claims;
  bool complete = false;  ///< SE seen
  SourcePos pos;
  std::uint32_t last_segment_no = 0;
};

/// One element in error (IK4 and its CTX).
struct ElementError {
  std::string position;              ///< IK401 (position[:component[:repeat]])
  std::string reference;             ///< IK402 data element reference number
  std::string code;                  ///< IK403
  std::string bad_value;             ///< IK404 copy of the bad data element
  std::vector<std::string> context;  ///< CTX segments as sent
  SourcePos pos;
};

/// One segment in error (IK3 and its CTX).
struct SegmentError {
  std::string segment_id;            ///< IK301
  std::string position;              ///< IK302 position in the transaction set (ST = 1)
  std::string loop;                  ///< IK303 loop identifier
  std::string code;                  ///< IK304
  std::vector<std::string> context;  ///< CTX as sent ("CLM01:123456789")
  std::string claim_id;              ///< the CLM01 named by a CTX, if any
  std::vector<ElementError> elements;
  SourcePos pos;
};

/// One acknowledged transaction set (AK2 ... IK5).
struct SetAcknowledgment {
  std::string set_id;                     ///< AK201 (837)
  std::string control_number;             ///< AK202 (the 837's ST02)
  std::string version;                    ///< AK203
  std::string status;                     ///< IK501: A, E, M, R, W, X
  std::vector<std::string> syntax_codes;  ///< IK502-IK506
  std::vector<SegmentError> errors;
  SourcePos pos;
};

/// One 999 transaction set: the answer to one functional group.
struct ImplementationAcknowledgment {
  std::string control_number, version, interchange_control, sender_id, receiver_id, date;
  std::string group_id;       ///< AK101 functional identifier (HC = 837)
  std::string group_control;  ///< AK102 the group's GS06
  std::string group_version;  ///< AK103
  std::string group_status;   ///< AK901: A, E, M, P, R, W, X
  std::string sets_included, sets_received, sets_accepted;  ///< AK902-AK904
  std::vector<std::string> group_syntax_codes;              ///< AK905-AK909
  std::vector<SetAcknowledgment> sets;
  bool complete = false;
  SourcePos pos;
};

struct AckParseResult {
  std::vector<ClaimAcknowledgment> claim_acks;
  std::vector<ImplementationAcknowledgment> implementation_acks;
  Diagnostics diagnostics;
  bool readable = false;  ///< at least one 277 or 999 transaction set was read
};

/// Reads every 277CA and 999 transaction set in the input (other sets are reported and
/// skipped). Never throws; problems are in diagnostics, as for parse_835.
AckParseResult parse_acknowledgment(std::string_view bytes);

}  // namespace denial
