// Which claims of a file may pair with a reversal (CLP02 = 22): a byte search over the file's
// CLP segments, shared by the streamed read (claim_stream.cpp) and the transaction split
// (transaction_split.cpp), which must count them the same way.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

namespace denial::detail {

// Claims of the file that share the patient control number of a reversal: they may pair.
struct PairGroup {
  std::size_t total = 0;  ///< CLP segments with this number in the file
  std::size_t seen = 0;   ///< claims read so far
  bool waiting = false;   ///< a claim of the group is among the waiting ones
};
using PairGroups = std::unordered_map<std::string, PairGroup>;

inline bool alphanumeric(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

// Calls f(pcn, status_is_22) for every "CLP" in the bytes followed by a separator: a byte
// search, not a parse. Every claim's CLP segment is among them with its exact CLP01 (a
// segment's text is contiguous in the input); the others only over-count, which is safe:
// a group whose count is never reached is final at its transaction's end.
template <class F>
void each_clp(std::string_view bytes, F&& f) {
  for (std::size_t at = bytes.find("CLP"); at != std::string_view::npos;
       at = bytes.find("CLP", at + 3)) {
    const std::size_t sep_at = at + 3;
    if (sep_at >= bytes.size() || alphanumeric(bytes[sep_at])) continue;
    const char sep = bytes[sep_at];
    const std::size_t pcn_end = bytes.find(sep, sep_at + 1);
    if (pcn_end == std::string_view::npos) return;
    const std::string_view pcn = bytes.substr(sep_at + 1, pcn_end - sep_at - 1);
    const std::string_view status = bytes.substr(pcn_end + 1, 3);
    const bool reversal =
        status.substr(0, 2) == "22" && (status.size() == 2 || !alphanumeric(status[2]));
    f(pcn, reversal);
  }
}

// Patient control numbers of reversals (CLP02 = 22), with how many CLP segments carry each.
inline PairGroups reversal_groups(std::string_view bytes) {
  PairGroups groups;
  each_clp(bytes, [&](std::string_view pcn, bool reversal) {
    if (reversal) groups.try_emplace(std::string(pcn));
  });
  if (groups.empty()) return groups;
  std::string key;
  each_clp(bytes, [&](std::string_view pcn, bool) {
    key.assign(pcn);
    auto it = groups.find(key);
    if (it != groups.end()) ++it->second.total;
  });
  return groups;
}

}  // namespace denial::detail
