// Lookup and search answers as JSON and text, shared by the CLI and the wasm API.
#pragma once

#include <string>
#include <string_view>

#include "denial/codes.h"

namespace denial {

std::string lookup_json(std::string_view query);
std::string lookup_text(const LookupResult& r);
std::string search_json(std::string_view query, std::size_t limit);
std::string search_text(std::string_view query, std::size_t limit);

}  // namespace denial
