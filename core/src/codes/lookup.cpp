// Lookup of codes as people type or paste them: "CO-253", "co 253", "PR1", "ma-130", "72".
#include <cctype>
#include <vector>

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

// A list named before the code ("POS 11", "CLP06 MC", "status 22") looks in that list only:
// a bare "11" answers as CARC 11, so place of service 11 needs its name. Compared after
// spaces and punctuation are removed; the longest name that fits wins.
struct ListPrefix {
  std::string_view prefix;
  CodeList list;
};
constexpr ListPrefix kListPrefixes[] = {
    {"CARC", CodeList::carc},
    {"RARC", CodeList::rarc},
    {"REMARK", CodeList::rarc},
    {"GROUP", CodeList::group},
    {"CAS01", CodeList::group},
    {"CLAIMSTATUS", CodeList::claim_status},
    {"STATUS", CodeList::claim_status},
    {"CLP02", CodeList::claim_status},
    {"PLB", CodeList::plb_reason},
    {"FILINGINDICATOR", CodeList::claim_filing},
    {"FILING", CodeList::claim_filing},
    {"CLP06", CodeList::claim_filing},
    {"PAYMENTMETHOD", CodeList::payment_method},
    {"METHOD", CodeList::payment_method},
    {"BPR04", CodeList::payment_method},
    {"PLACEOFSERVICE", CodeList::place_of_service},
    {"POS", CodeList::place_of_service},
    {"CATEGORY", CodeList::claim_status_category},
    {"STC011", CodeList::claim_status_category},
    {"STATUSCODE", CodeList::claim_status_code},
    {"STC012", CodeList::claim_status_code},
    {"ENTITY", CodeList::entity},
    {"STC013", CodeList::entity},
};

// 999 elements whose codes lookup knows: "IK403 7", "ik304-8", "AK905 5".
constexpr std::string_view kAckElements[] = {"IK501", "AK901", "IK304", "IK403", "IK502",
                                             "IK503", "IK504", "IK505", "IK506", "AK905",
                                             "AK906", "AK907", "AK908", "AK909"};

// "A7:562:85" (an STC01 as it stands in a 277CA, ':' or '|' or '>' between the parts): the
// category, the status code and the entity, each from its own list.
bool lookup_stc_composite(std::string_view query, LookupResult& r);

const ListPrefix* list_prefix_of(std::string_view compact) {
  const ListPrefix* best = nullptr;
  for (const ListPrefix& p : kListPrefixes) {
    if (compact.size() > p.prefix.size() && compact.substr(0, p.prefix.size()) == p.prefix &&
        (!best || p.prefix.size() > best->prefix.size()))
      best = &p;
  }
  return best;
}

void add(LookupResult& r, CodeList list, std::string group, const CodeEntry* e) {
  if (!e) return;
  for (const auto& m : r.matches)
    if (m.entry == e) return;
  r.matches.push_back({list, std::move(group), e});
}

bool lookup_stc_composite(std::string_view query, LookupResult& r) {
  std::vector<std::string> parts;
  std::string part;
  bool composite = false;
  for (char c : query) {
    if (c == ':' || c == '|' || c == '>') {
      composite = true;
      parts.push_back(compact_upper(part));
      part.clear();
    } else {
      part += c;
    }
  }
  parts.push_back(compact_upper(part));
  if (!composite || parts.size() > 4) return false;
  constexpr CodeList kParts[] = {CodeList::claim_status_category, CodeList::claim_status_code,
                                 CodeList::entity};
  std::string missing;
  for (std::size_t i = 0; i < parts.size() && i < 3; ++i) {
    if (parts[i].empty()) continue;
    const CodeEntry* e = find_code(kParts[i], parts[i]);
    if (e) {
      r.matches.push_back({kParts[i], "", e});
    } else {
      missing += (missing.empty() ? "" : "; ") + std::string("'") + parts[i] + "' is not in the " +
                 std::string(code_list_info(kParts[i]).name);
    }
  }
  r.code = parts.size() > 1 ? parts[0] + ":" + parts[1] : parts[0];
  if (parts.size() > 2) r.code += ":" + parts[2];
  r.message = missing.empty() ? "A 277CA status: category, status code and entity." : missing + ".";
  return true;
}

}  // namespace

LookupResult lookup_code(std::string_view query) {
  LookupResult r;
  r.query = std::string(query);
  std::string q = compact_upper(query);
  // A 999 element and its code: "IK403 7".
  for (std::string_view el : kAckElements) {
    if (q.size() > el.size() && q.compare(0, el.size(), el) == 0) {
      r.code = q.substr(el.size());
      if (const CodeEntry* e = find_ack_code(el, r.code))
        r.matches.push_back({CodeList::ack_999, "", e});
      else
        r.message =
            "'" + r.code + "' is not a code of " + std::string(el) + " in the 999 (005010X231A1).";
      return r;
    }
  }
  if (lookup_stc_composite(query, r)) return r;
  r.code = q;
  if (q.empty()) {
    r.message = "Type a code such as CO-45, 253, MA130, N30, WO, 72 or POS 11.";
    return r;
  }
  // A named list: that list only (unless the whole text is itself a code there, e.g. a
  // RARC that happens to start with a list's name).
  if (const ListPrefix* named = list_prefix_of(q); named && !find_code(named->list, q)) {
    bool is_code_elsewhere = false;
    for (CodeList list : kAllCodeLists) is_code_elsewhere |= find_code(list, q) != nullptr;
    if (!is_code_elsewhere) {
      std::string rest = q.substr(named->prefix.size());
      r.code = rest;
      add(r, named->list, "", find_code(named->list, rest));
      if (r.matches.empty()) {
        const CodeListInfo& info = code_list_info(named->list);
        // Our place-of-service copy is a partial list (SOURCES.md): absence proves nothing.
        r.message = info.release == "partial"
                        ? "'" + rest + "' is not in our copy of the " + std::string(info.name) +
                              ", which is partial (" +
                              std::to_string(code_entries(named->list).size()) +
                              " codes): check the current CMS list."
                        : "'" + rest + "' is not in the official " + std::string(info.name) +
                              " list (release " + std::string(info.release) + ").";
      }
      return r;
    }
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
                          CodeList::claim_status, CodeList::claim_status_category}) {
      add(r, list, "", find_code(list, q));
    }
  }
  if (r.matches.empty()) {
    for (CodeList list :
         {CodeList::claim_filing, CodeList::payment_method, CodeList::place_of_service,
          CodeList::claim_status_code, CodeList::entity})
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
