// The official code lists, parsed once from the CSVs embedded at build time.
#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>

#include "codes/csv.h"
#include "denial/codes.h"
#include "text.h"

namespace denial::embedded {
extern const std::string_view kCarcCsv, kRarcCsv, kGroupCodesCsv, kClaimStatusCsv, kPlbReasonCsv,
    kClaimFilingIndicatorCsv, kPaymentMethodCsv, kPlaceOfServiceCsv, kDeactivatedNoStopDateCsv,
    kClaimStatusCategory_507Csv, kClaimStatusCode_508Csv, kEntityIdentifier_98Csv, kAck_999Csv;
}

namespace denial {
namespace {

constexpr std::string_view kX12Release = "2026-07-01";

// clang-format off
constexpr CodeListInfo kInfo[] = {
  {"carc", "Claim Adjustment Reason Codes", kX12Release, "X12 external code list 139 (x12.org)"},
  {"rarc", "Remittance Advice Remark Codes", kX12Release, "X12 external code list 411, maintained by CMS (x12.org)"},
  {"group", "Claim Adjustment Group Codes", "005010", "X12 data element 1033"},
  {"claim_status", "Claim Status Codes", "005010", "X12 data element 1029"},
  {"plb_reason", "Provider Adjustment Reason Codes", "005010", "X12 data element 426 (835 subset)"},
  {"claim_filing", "Claim Filing Indicator Codes", "005010", "X12 data element 1032"},
  {"payment_method", "Payment Method Codes", "005010", "X12 data element 591 (835 subset)"},
  {"place_of_service", "Place of Service Codes", "partial", "CMS Place of Service code set"},
  {"claim_status_category", "Claim Status Category Codes", "2024", "X12 external code list 507 (x12.org)"},
  {"claim_status_code", "Claim Status Codes", "2025-04", "X12 external code list 508 (x12.org)"},
  {"entity", "Entity Identifier Codes", "005010", "X12 data element 98"},
  {"ack_999", "Implementation Acknowledgment Codes", "005010X231A1", "X12 data elements 717, 715, 620, 621, 618, 716 (999 subsets)"},
};
// clang-format on

std::string_view csv_of(CodeList list) {
  switch (list) {
    case CodeList::carc:
      return embedded::kCarcCsv;
    case CodeList::rarc:
      return embedded::kRarcCsv;
    case CodeList::group:
      return embedded::kGroupCodesCsv;
    case CodeList::claim_status:
      return embedded::kClaimStatusCsv;
    case CodeList::plb_reason:
      return embedded::kPlbReasonCsv;
    case CodeList::claim_filing:
      return embedded::kClaimFilingIndicatorCsv;
    case CodeList::payment_method:
      return embedded::kPaymentMethodCsv;
    case CodeList::place_of_service:
      return embedded::kPlaceOfServiceCsv;
    case CodeList::claim_status_category:
      return embedded::kClaimStatusCategory_507Csv;
    case CodeList::claim_status_code:
      return embedded::kClaimStatusCode_508Csv;
    case CodeList::entity:
      return embedded::kEntityIdentifier_98Csv;
    case CodeList::ack_999:
      return embedded::kAck_999Csv;
  }
  return {};
}

// Rows are kept in file order; an index sorted by code serves find_code.
struct Table {
  std::vector<CodeEntry> entries;
  std::vector<std::size_t> by_code;
  std::vector<std::string> sorted_keys;  // upper-cased codes in by_code order
  // The same keys packed big-endian into integers (codes are at most 8 bytes), so the
  // per-adjustment lookup compares integers: the order is the same as the strings'.
  std::vector<std::uint64_t> packed_keys;
  bool all_packed = true;
  // Open-addressing hash of packed key -> row, for find_code (runs per adjustment and
  // remark; a binary search there measured ~150 instructions a call).
  std::vector<std::uint64_t> slot_key;
  std::vector<std::int32_t> slot_row;  // -1 = empty
  unsigned shift = 64;
  std::size_t slot_of(std::uint64_t key) const {
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> shift);
  }
};

constexpr std::size_t kPackedKeyBytes = 8;
std::uint64_t pack_key(std::string_view upper) {
  std::uint64_t key = 0;
  for (std::size_t i = 0; i < kPackedKeyBytes; ++i)
    key = (key << 8) | (i < upper.size() ? static_cast<unsigned char>(upper[i]) : 0u);
  return key;
}

Table load(CodeList list) {
  Table t;
  auto rows = detail::parse_csv(csv_of(list));
  if (rows.empty()) return t;
  const auto& header = rows.front();
  auto col = [&](std::string_view name) -> int {
    for (std::size_t i = 0; i < header.size(); ++i)
      if (header[i] == name) return static_cast<int>(i);
    return -1;
  };
  int c_code = col("code"), c_desc = col("description"), c_name = col("name"),
      c_def = col("definition"), c_start = col("start_date"), c_mod = col("last_modified"),
      c_stop = col("stop_date"), c_element = col("segment_element"),
      c_element_name = col("element_name");
  auto get = [](const detail::CsvRow& r, int i) {
    return i >= 0 && i < (int)r.size() ? r[i] : std::string();
  };
  auto deactivated_rows = detail::parse_csv(embedded::kDeactivatedNoStopDateCsv);
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& r = rows[i];
    CodeEntry e;
    e.code = get(r, c_code);
    // 999 codes repeat across elements ("A" in IK501 and AK901): known by element and code.
    if (c_element >= 0) e.code = get(r, c_element) + ":" + e.code;
    e.element_name = get(r, c_element_name);
    e.description = c_desc >= 0 ? get(r, c_desc) : get(r, c_name);
    e.definition = get(r, c_def);
    e.start_date = get(r, c_start);
    e.last_modified = get(r, c_mod);
    e.stop_date = get(r, c_stop);
    e.deactivated = !e.stop_date.empty();
    for (std::size_t k = 1; k < deactivated_rows.size(); ++k) {
      if (deactivated_rows[k].size() == 2 && deactivated_rows[k][0] == kInfo[int(list)].id &&
          deactivated_rows[k][1] == e.code)
        e.deactivated = true;
    }
    t.entries.push_back(std::move(e));
  }
  // Upper-case each code once, then sort (key, row) pairs.
  std::vector<std::pair<std::string, std::size_t>> keyed;
  for (std::size_t i = 0; i < t.entries.size(); ++i)
    keyed.emplace_back(detail::ascii_upper(t.entries[i].code), i);
  std::sort(keyed.begin(), keyed.end());
  for (auto& [key, i] : keyed) {
    // A longer code (none in the lists today) would be cut by packing: such a table is
    // searched by string instead.
    t.all_packed = t.all_packed && key.size() <= kPackedKeyBytes;
    t.packed_keys.push_back(pack_key(key));
    t.sorted_keys.push_back(std::move(key));
    t.by_code.push_back(i);
  }
  std::size_t slots = 16;
  unsigned bits = 4;
  while (slots < 2 * t.entries.size()) slots *= 2, ++bits;
  t.shift = 64 - bits;
  t.slot_key.assign(slots, 0);
  t.slot_row.assign(slots, -1);
  for (std::size_t k = 0; k < t.packed_keys.size(); ++k) {
    std::size_t at = t.slot_of(t.packed_keys[k]);
    while (t.slot_row[at] >= 0) at = (at + 1) & (slots - 1);
    t.slot_key[at] = t.packed_keys[k];
    t.slot_row[at] = static_cast<std::int32_t>(t.by_code[k]);
  }
  return t;
}

const Table& table(CodeList list) {
  static const std::array<Table, std::size(kAllCodeLists)> tables = [] {
    std::array<Table, std::size(kAllCodeLists)> t;
    for (CodeList l : kAllCodeLists) t[int(l)] = load(l);
    return t;
  }();
  return tables[int(list)];
}

}  // namespace

const CodeListInfo& code_list_info(CodeList list) { return kInfo[int(list)]; }

const std::vector<CodeEntry>& code_entries(CodeList list) { return table(list).entries; }

const CodeEntry* find_code(CodeList list, std::string_view code) {
  const Table& t = table(list);
  // Codes are short: upper-case into a small buffer, no allocation on the hot path.
  char buf[16];
  if (code.size() >= sizeof buf) return nullptr;
  for (std::size_t k = 0; k < code.size(); ++k)
    buf[k] = code[k] >= 'a' && code[k] <= 'z' ? static_cast<char>(code[k] - 'a' + 'A') : code[k];
  std::string_view key(buf, code.size());
  if (t.slot_key.empty()) return nullptr;
  if (t.all_packed && code.size() <= kPackedKeyBytes) {
    const std::uint64_t packed = pack_key(key);
    const std::size_t mask = t.slot_key.size() - 1;
    for (std::size_t at = t.slot_of(packed);; at = (at + 1) & mask) {
      if (t.slot_row[at] < 0) return nullptr;
      if (t.slot_key[at] == packed) return &t.entries[t.slot_row[at]];
    }
  }
  auto it = std::lower_bound(
      t.sorted_keys.begin(), t.sorted_keys.end(), key,
      [](const std::string& a, std::string_view b) { return std::string_view(a) < b; });
  if (it == t.sorted_keys.end() || *it != key) return nullptr;
  return &t.entries[t.by_code[it - t.sorted_keys.begin()]];
}

const CodeEntry* find_ack_code(std::string_view element, std::string_view code) {
  std::string el(element);
  for (char& c : el) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (el.size() == 5 && el.compare(0, 3, "IK5") == 0 && el[3] == '0' && el[4] >= '3' &&
      el[4] <= '6')
    el = "IK502";
  if (el.size() == 5 && el.compare(0, 3, "AK9") == 0 && el[3] == '0' && el[4] >= '6' &&
      el[4] <= '9')
    el = "AK905";
  return find_code(CodeList::ack_999, el + ":" + std::string(code));
}

Validity validity_on(const CodeEntry& e, std::string_view date) {
  // CCYYMMDD as CCYY-MM-DD (the lists' form) in a local buffer: this runs per adjustment.
  char iso[10];
  std::string_view d = date;
  if (date.size() == 8) {
    std::memcpy(iso, date.data(), 4);
    iso[4] = '-';
    std::memcpy(iso + 5, date.data() + 4, 2);
    iso[7] = '-';
    std::memcpy(iso + 8, date.data() + 6, 2);
    d = std::string_view(iso, sizeof iso);
  }
  if (d.empty())
    return e.deactivated && e.stop_date.empty() ? Validity::deactivated : Validity::valid;
  if (!e.start_date.empty() && d < e.start_date) return Validity::not_yet_valid;
  if (!e.stop_date.empty() && d > e.stop_date) return Validity::deactivated;
  if (e.deactivated && e.stop_date.empty() && d > e.last_modified) return Validity::deactivated;
  return Validity::valid;
}

std::string_view validity_name(Validity v) {
  switch (v) {
    case Validity::valid:
      return "valid";
    case Validity::not_yet_valid:
      return "not_yet_valid";
    case Validity::deactivated:
      return "deactivated";
  }
  return "valid";
}

}  // namespace denial
