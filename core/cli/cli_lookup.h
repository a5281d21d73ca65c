// The lookup and search commands of the CLI.
#pragma once

#include <string>
#include <vector>

namespace denial_cli {
int lookup(const std::vector<std::string>& codes, const std::string& format);
int search(const std::vector<std::string>& words, const std::string& format);
}  // namespace denial_cli
