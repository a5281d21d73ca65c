// "Mask patient data" for sharing: names become [masked], identifiers keep their last four
// characters, and free text (appeal letters, checklists) loses every masked value too.
#include <algorithm>
#include <set>
#include <vector>

#include "denial/query.h"
#include "report/json_parts.h"

namespace denial::detail {
namespace {

using nlohmann::json;

constexpr const char* kMaskedName = "[masked]";

void collect_and_mask(json& j, std::set<std::string>& secrets) {
  if (j.is_object()) {
    if (j.contains("entity") && j.contains("last") && j.contains("id")) {  // an NM1 name
      for (const char* k : {"last", "first", "middle"}) {
        std::string v = j[k].get<std::string>();
        if (v.size() > 1) secrets.insert(v);
        if (!v.empty()) j[k] = kMaskedName;
      }
      std::string id = j["id"].get<std::string>();
      if (id.size() > 2) secrets.insert(id);
      j["id"] = mask_id(id);
      return;
    }
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (it.key() == "patient_name" && it->is_string()) {
        std::string v = it->get<std::string>();
        if (!v.empty()) {
          secrets.insert(v);
          *it = kMaskedName;
        }
      } else if (it.key() == "patient_control_number" && it->is_string()) {
        std::string v = it->get<std::string>();
        if (v.size() > 2) secrets.insert(v);
        *it = mask_id(v);
      } else {
        collect_and_mask(*it, secrets);
      }
    }
  } else if (j.is_array()) {
    for (auto& e : j) collect_and_mask(e, secrets);
  }
}

void scrub_text(json& j, const std::vector<std::string>& secrets) {
  if (j.is_string()) {
    std::string s = j.get<std::string>();
    bool changed = false;
    for (const std::string& secret : secrets) {
      for (std::size_t p = s.find(secret); p != std::string::npos; p = s.find(secret, p + 8)) {
        s.replace(p, secret.size(), kMaskedName);
        changed = true;
      }
    }
    if (changed) j = s;
  } else if (j.is_object() || j.is_array()) {
    for (auto& e : j) scrub_text(e, secrets);
  }
}

}  // namespace

namespace {

// One claim (it has its NM1 "names"): its own names and IDs are scrubbed from its own free
// text. Scoping the scrub per claim keeps masking linear in the report size.
void mask_one_claim(json& claim) {
  std::set<std::string> found;
  collect_and_mask(claim, found);
  // Longest first: "DOE, JANE E" must go whole before "DOE" leaves ", JANE E" behind.
  std::vector<std::string> secrets(found.begin(), found.end());
  std::stable_sort(secrets.begin(), secrets.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  scrub_text(claim, secrets);
}

}  // namespace

void mask_claim_json(json& j) {
  if (j.is_object() && j.contains("names") && j.contains("patient_control_number")) {
    mask_one_claim(j);
  } else if (j.is_object()) {
    // Rows and other objects: mask their own identifying fields, then look inside.
    if (j.contains("patient_name") && j["patient_name"].is_string() &&
        !j["patient_name"].get<std::string>().empty())
      j["patient_name"] = kMaskedName;
    if (j.contains("patient_control_number") && j["patient_control_number"].is_string())
      j["patient_control_number"] = mask_id(j["patient_control_number"].get<std::string>());
    for (auto& child : j) mask_claim_json(child);
  } else if (j.is_array()) {
    for (auto& child : j) mask_claim_json(child);
  }
}

}  // namespace denial::detail
