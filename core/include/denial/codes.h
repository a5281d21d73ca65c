// Official code lists (CARC, RARC, group, claim status, PLB reasons, ...) embedded at build
// time from core/data/codesets, with lookup of what people type and ranked text search.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace denial {

enum class CodeList {
  carc,                   ///< Claim Adjustment Reason Codes (X12 external code list 139)
  rarc,                   ///< Remittance Advice Remark Codes (X12 external code list 411)
  group,                  ///< CAS01 Claim Adjustment Group Codes (element 1033)
  claim_status,           ///< CLP02 (element 1029)
  plb_reason,             ///< PLB03-1 (element 426)
  claim_filing,           ///< CLP06 (element 1032)
  payment_method,         ///< BPR04 (element 591)
  place_of_service,       ///< CMS place of service (CLP08, professional)
  claim_status_category,  ///< STC01-1 (X12 external code list 507), 277CA
  claim_status_code,      ///< STC01-2 (X12 external code list 508), 277CA
  entity,                 ///< STC01-3 Entity Identifier Codes (element 98)
  ack_999,  ///< 999 codes, keyed by element: "IK501:A", "IK304:8", "IK403:7", "AK905:5"
};
inline constexpr CodeList kAllCodeLists[] = {CodeList::carc,
                                             CodeList::rarc,
                                             CodeList::group,
                                             CodeList::claim_status,
                                             CodeList::plb_reason,
                                             CodeList::claim_filing,
                                             CodeList::payment_method,
                                             CodeList::place_of_service,
                                             CodeList::claim_status_category,
                                             CodeList::claim_status_code,
                                             CodeList::entity,
                                             CodeList::ack_999};

/// One official code, text exactly as delivered.
struct CodeEntry {
  std::string code;
  std::string description;
  std::string start_date;     ///< ISO date or empty
  std::string last_modified;  ///< ISO date or empty
  std::string stop_date;      ///< ISO date or empty (deactivated codes may still lack one)
  bool deactivated = false;   ///< CARC/RARC listed as deactivated by X12
  std::string definition;     ///< group codes: the longer WPC definition
  std::string element_name;   ///< 999 codes: the X12 element's name (IK403 "Implementation
                              ///< Data Element Syntax Error Code")
};

struct CodeListInfo {
  std::string_view id;       ///< "carc"
  std::string_view name;     ///< "Claim Adjustment Reason Codes"
  std::string_view release;  ///< "2026-07-01" (list release the data was taken from)
  std::string_view source;   ///< where it came from (see core/data/codesets/SOURCES.md)
};

const CodeListInfo& code_list_info(CodeList list);
const std::vector<CodeEntry>& code_entries(CodeList list);
/// Exact code in one list (case-insensitive), or nullptr.
const CodeEntry* find_code(CodeList list, std::string_view code);

enum class Validity {
  valid,
  not_yet_valid,  ///< the date is before the code's start date
  deactivated,    ///< the date is after the stop date, or the code is deactivated with no date
};
/// Validity of a code on a date (CCYYMMDD or YYYY-MM-DD). Deactivated codes with no known stop
/// date count as deactivated on any date after their last modification.
Validity validity_on(const CodeEntry& entry, std::string_view date);
std::string_view validity_name(Validity v);

struct LookupMatch {
  CodeList list;
  std::string group;  ///< CAS group when the query carried one (CO-253 -> "CO")
  const CodeEntry* entry;
};

struct LookupResult {
  std::string query;
  std::string code;                  ///< normalized code part ("253", "MA130")
  std::string group;                 ///< normalized group part, if any
  std::vector<LookupMatch> matches;  ///< empty = unknown; several = ambiguous (e.g. 72)
  std::string message;               ///< for unknown/ambiguous: a sentence for the user
};

/// Accepts what people type or paste: "CO-253", "co 253", "CO253", "253", "MA130", "ma-130",
/// "N30", "PR1", "WO", "L6", "72".
LookupResult lookup_code(std::string_view query);

struct SearchHit {
  CodeList list;
  const CodeEntry* entry;
  int score;
};
/// A 999 code by its element: ("IK403", "7"). IK503-IK506 read IK502's list, AK906-AK909
/// AK905's. nullptr when unknown.
const CodeEntry* find_ack_code(std::string_view element, std::string_view code);

/// Ranked search over descriptions (CARC, RARC, PLB reasons, claim status, groups).
std::vector<SearchHit> search_codes(std::string_view words, std::size_t limit = 20);

}  // namespace denial
