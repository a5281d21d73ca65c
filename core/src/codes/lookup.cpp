// Lookup of codes as people type or paste them: "CO-253", "co 253", "PR1", "ma-130", "72".
#include <cctype>

#include "denial/codes.h"

namespace denial {
namespace {

constexpr std::string_view kGroups[] = {"CO", "OA", "PI", "PR", "CR"};

std::string compact_upper(std::string_view q) {
  std::string out;
  for (char c : q) {
    if (std::isalnum(static_cast<unsigned char>(c)))
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

void add(LookupResult& r, CodeList list, std::string group, const CodeEntry* e) {
  if (!e) return;
  for (const auto& m : r.matches)
    if (m.entry == e) return;
  r.matches.push_back({list, std::move(group), e});
}

}  // namespace

LookupResult lookup_code(std::string_view query) {
  LookupResult r;
  r.query = std::string(query);
  std::string q = compact_upper(query);
  r.code = q;
  if (q.empty()) {
    r.message = "Type a code such as CO-45, 253, MA130, N30, WO or 72.";
    return r;
  }
  // Group + CARC: CO253, PR1, OA-23.
  for (std::string_view g : kGroups) {
    if (q.size() > 2 && q.compare(0, 2, g) == 0) {
      std::string rest = q.substr(2);
      if (const CodeEntry* e = find_code(CodeList::carc, rest)) {
        r.group = std::string(g);
        r.code = rest;
        add(r, CodeList::group, "", find_code(CodeList::group, g));
        add(r, CodeList::carc, r.group, e);
      }
    }
  }
  if (r.matches.empty()) {
    for (CodeList list : {CodeList::carc, CodeList::rarc, CodeList::group, CodeList::plb_reason,
                          CodeList::claim_status}) {
      add(r, list, "", find_code(list, q));
    }
  }
  if (r.matches.empty()) {
    for (CodeList list :
         {CodeList::claim_filing, CodeList::payment_method, CodeList::place_of_service})
      add(r, list, "", find_code(list, q));
  }
  if (r.matches.empty()) {
    r.message = "'" + r.query + "' is not in the official lists (CARC and RARC as of release " +
                std::string(code_list_info(CodeList::carc).release) +
                "; group, claim status and PLB reason codes of 005010).";
  } else {
    std::size_t code_lists = 0;
    for (const auto& m : r.matches) code_lists += m.list != CodeList::group;
    if (code_lists > 1) {
      r.message = "'" + r.query + "' is a code in " + std::to_string(code_lists) +
                  " lists; each meaning is shown.";
    }
  }
  return r;
}

}  // namespace denial
