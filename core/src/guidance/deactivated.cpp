// Loads carc_deactivated.csv: for each deactivated CARC, what it meant, the current codes to
// read it as, and a note (ours; the official text stays in the code list).
#include <map>

#include "codes/csv.h"
#include "denial/guidance.h"
#include "guidance/guidance_internal.h"

namespace denial::embedded {
extern const std::string_view kCarcDeactivatedCsv;
}

namespace denial {
namespace {

struct DeactivatedData {
  std::map<std::string, DeactivatedCarc, std::less<>> rows;
  std::vector<std::string> errors;
};

std::vector<std::string> split_codes(std::string_view cell) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : cell) {
    if (c == ';' || c == ' ' || c == ',') {
      if (!cur.empty()) out.push_back(cur), cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

const DeactivatedData& deactivated_data() {
  static const DeactivatedData data = [] {
    DeactivatedData d;
    auto rows = detail::parse_csv(embedded::kCarcDeactivatedCsv);
    for (std::size_t i = 1; i < rows.size(); ++i) {
      auto r = rows[i];
      if (r.size() < 4 || r[0].empty()) {
        d.errors.push_back("carc_deactivated.csv row " + std::to_string(i + 1) +
                           " has fewer than 4 fields");
        continue;
      }
      r.resize(5);
      DeactivatedCarc c;
      c.meant = r[1];
      c.replaced_by = split_codes(r[2]);
      c.note = r[3];
      std::vector<std::string> unknown;
      c.sources = parse_source_ids(r[4], &unknown);
      for (const auto& u : unknown)
        d.errors.push_back("carc_deactivated.csv row " + r[0] + ": source '" + u +
                           "' is not in sources.csv");
      if (!d.rows.emplace(r[0], std::move(c)).second)
        d.errors.push_back("carc_deactivated.csv repeats code " + r[0]);
    }
    return d;
  }();
  return data;
}

}  // namespace

const DeactivatedCarc* deactivated_carc(std::string_view carc) {
  const auto& rows = deactivated_data().rows;
  auto it = rows.find(carc);
  return it == rows.end() ? nullptr : &it->second;
}

namespace detail {
const std::vector<std::string>& deactivated_load_errors() { return deactivated_data().errors; }
}  // namespace detail

}  // namespace denial
