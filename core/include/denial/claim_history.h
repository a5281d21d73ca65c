// One claim across files: matched by patient control number (the 837's CLM01, echoed as
// TRN02 in a 277CA, CLM01 in a 999's CTX, CLP01 in an 835), its events in date order
// (rejected on X, accepted on Y, paid on Z), and the worklist of rejections nobody resent.
#pragma once

#include <string>
#include <vector>

#include "denial/report.h"

namespace denial {

struct ClaimEvent {
  std::size_t file = 0;
  FileKind kind = FileKind::unknown;
  std::string date;         ///< CCYYMMDD: STC02 / BHT04 (277CA), GS04 (999), BPR16 / DTM*405 (835)
  std::string event;        ///< 277CA: ack_outcome_id; 999: "set_rejected", "set_accepted" ...;
                            ///< 835: outcome_id (paid_as_expected, denied ...)
  std::string detail;       ///< the codes: "A7:562:85", "IK3 CLM at 22: 8", "CO-16 N290"
  std::ptrdiff_t ack = -1;  ///< index in claim_acks / implementation_acks
  std::ptrdiff_t claim = -1;  ///< claim in that 277CA, or set in that 999
  std::ptrdiff_t row = -1;    ///< 835: index in Report::rows
  bool rejection = false;
};

struct ClaimHistory {
  std::string patient_control_number;
  std::vector<ClaimEvent> events;  ///< date order, then file order
  /// rejected_not_resubmitted, resubmitted_accepted, resubmitted_remitted, accepted,
  /// remitted, other
  std::string state;
  bool needs_work = false;             ///< rejected and seen on no later file
  std::ptrdiff_t last_rejection = -1;  ///< index in events
};

/// Histories of every claim that appears in a 277CA or a 999 (with its 835 events when the
/// same patient control number was remitted), in order of first appearance.
std::vector<ClaimHistory> claim_histories(const Report& report);

/// One item of work from the acknowledgments: a rejected claim nobody resent, a 277CA
/// rejection above claim level, or a rejected 999 set whose claims are not named (all of
/// their claims must be resent).
struct RejectionItem {
  /// "rejected_not_resubmitted" (one claim), "rejected_level" (a 277CA rejecting a whole
  /// file or provider, claims not listed) or "rejected_set" (a 999 set naming no claim)
  std::string kind;
  std::string patient_control_number;
  std::size_t file = 0;
  std::string date;
  std::string codes;        ///< "A7:562:85 A7:255"
  std::string what_to_fix;  ///< our text (first rejecting status), or the set's meaning
  std::string loop_segment;
  std::optional<Cents> charge;
  std::ptrdiff_t history = -1;  ///< index in claim_histories
  /// Which list `ack` indexes: claim_acks (277CA) or implementation_acks (999). A file may
  /// hold both kinds, so the file's kind does not say.
  FileKind source = FileKind::unknown;
  std::ptrdiff_t ack = -1, claim = -1;
};
std::vector<RejectionItem> rejection_worklist(const Report& report,
                                              const std::vector<ClaimHistory>& histories);

}  // namespace denial
