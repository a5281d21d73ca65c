// lookup / search: official text first, our guidance under it.
#include "cli_lookup.h"

#include <iostream>

#include "denial/lookup_json.h"

namespace denial_cli {

int lookup(const std::vector<std::string>& codes, const std::string& format) {
  int status = 0;
  if (format == "json") {
    std::string out = "[";
    for (std::size_t i = 0; i < codes.size(); ++i)
      out += (i ? "," : "") + denial::lookup_json(codes[i]);
    std::cout << out << "]\n";
  }
  for (const auto& q : codes) {
    denial::LookupResult r = denial::lookup_code(q);
    if (r.matches.empty()) status = 1;
    if (format != "json") std::cout << denial::lookup_text(r) << "\n";
  }
  return status;
}

int search(const std::vector<std::string>& words, const std::string& format) {
  std::string query;
  for (const auto& w : words) query += (query.empty() ? "" : " ") + w;
  if (format == "json") {
    std::cout << denial::search_json(query, 20) << "\n";
    return 0;
  }
  std::cout << denial::search_text(query, 20);
  return 0;
}

}  // namespace denial_cli
