// Breakdowns of a report for trends: claims and money by payer, month, reason, procedure,
// rendering provider or claim filing indicator. One place for the page, the widget and the
// CLI; every amount comes from the claim rows and the engine's money buckets (advice §5).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "denial/money.h"

namespace denial {

struct Claim;
struct ClaimRow;
struct Report;

/// What a claim is filed under, kept on its row (also in big-file mode) so breakdowns and
/// filters never need the claim again. No patient data.
struct ClaimFacets {
  std::string service_date;  ///< CCYYMMDD: claim statement from-date, else earliest line date
  std::string procedure;     ///< principal procedure: the code of the line with the largest charge
  std::string provider;      ///< rendering provider NPI (NM1*82), else "" (billed by the payee)
  std::string filing_indicator;  ///< CLP06
  /// Adjustments of the claim summed by code ("CO-16"), claim level and lines.
  struct CodeTally {
    std::string code;
    Cents amount = 0;
    std::uint32_t count = 0;  ///< adjustments with that code
  };
  std::vector<CodeTally> reasons;
};

ClaimFacets facets_of(const Claim& claim);

enum class BreakdownBy { payer, month, service_month, reason, procedure, provider, filing };
/// "payer" "month" "service_month" "reason" "procedure" "provider" "filing"; false if unknown.
bool breakdown_by_from(std::string_view id, BreakdownBy& out);
std::string_view breakdown_id(BreakdownBy by);

/// Narrows a report to one payer / remit month / rendering provider (each "" = any).
struct Slice {
  std::string payer;     ///< payer key as in BreakdownRow::key for `payer`
  std::string month;     ///< "YYYY-MM" of the remit date
  std::string provider;  ///< NPI, or "-" for claims without a rendering provider
  bool empty() const { return payer.empty() && month.empty() && provider.empty(); }
};

/// {"payer", "month", "provider"} (each optional; anything else ignored).
Slice slice_from_json(std::string_view json);

struct ReasonAmount {
  std::string code;
  Cents amount = 0;
  std::size_t claims = 0;
};

struct BreakdownRow {
  std::string key;    ///< payer: id (else name); month: YYYY-MM; reason: CO-16; "-" = unknown
  std::string label;  ///< payer name, "2024-03", "(none)" ...
  std::size_t claims = 0, denied_claims = 0;
  Cents billed = 0, paid = 0, patient = 0, denied = 0, recoverable = 0;
  Cents adjusted = 0;  ///< reason rows: the amount of that code (totals = summary by_reason)
  std::size_t adjustments = 0;            ///< reason rows: how many adjustments carry that code
  std::vector<ReasonAmount> top_reasons;  ///< at most 5, largest amount first
};

struct Breakdown {
  BreakdownBy by = BreakdownBy::payer;
  std::vector<BreakdownRow> rows;  ///< ordered by key (months ascending), else by billed
  BreakdownRow total;              ///< every counted claim of the slice once
};

/// Whether a row (not a retransmitted copy) belongs to the slice.
bool in_slice(const Report& report, const ClaimRow& row, const Slice& slice);
/// Payer key of a row's transaction (payer id, else name, else "-").
std::string payer_key(const Report& report, const ClaimRow& row);
/// "YYYY-MM" of a row's remit date (BPR16, else DTM*405), "-" when unknown.
std::string remit_month(const Report& report, const ClaimRow& row);

/// Claims of reversed outcomes count as claims and billed/paid but add nothing to the money
/// buckets, exactly like the batch summary. Reason rows overlap (a claim has many codes).
Breakdown breakdown(const Report& report, BreakdownBy by, const Slice& slice = {});

/// JSON {"by", "rows":[...], "total":{...}} with amounts as two-place decimal strings and
/// rates as numbers (0..1). Also "payers", "months" and "providers" for filter choices when
/// `with_choices`.
std::string breakdown_json(const Report& report, BreakdownBy by, const Slice& slice,
                           bool with_choices = false);
/// Trends for the page in one call: payer table, per payer and month, top reasons by month.
std::string trends_json(const Report& report, const Slice& slice);
std::string breakdown_text(const Breakdown& b);
std::string breakdown_csv(const Breakdown& b);

}  // namespace denial
