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

// Masks `value` in place when `key` is a patient name or patient control number; the
// original goes to `secrets` (when given) so it can be scrubbed from free text too.
bool mask_identity(const std::string& key, json& value, std::set<std::string>* secrets) {
  if (!value.is_string() || (key != "patient_name" && key != "patient_control_number"))
    return false;
  std::string v = value.get<std::string>();
  if (key == "patient_name") {
    if (v.empty()) return true;
    if (secrets) secrets->insert(v);
    value = kMaskedName;
  } else {
    if (secrets && v.size() > 2) secrets->insert(v);
    value = mask_id(v);
  }
  return true;
}

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
    for (auto it = j.begin(); it != j.end(); ++it)
      if (!mask_identity(it.key(), *it, &secrets)) collect_and_mask(*it, secrets);
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
    // Rows and other objects: mask their own identifying fields, then look inside (claims
    // nested in transactions get their own scrub above).
    for (auto it = j.begin(); it != j.end(); ++it)
      if (!mask_identity(it.key(), *it, nullptr)) mask_claim_json(*it);
  } else if (j.is_array()) {
    for (auto& child : j) mask_claim_json(child);
  }
}

}  // namespace denial::detail
