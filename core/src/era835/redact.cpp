// redact_835: walks the file as the parser does (reader + walker, for each segment's loop)
// and copies it, rewriting or leaving out the segments redact_rules.h names.
#include "denial/redact.h"

#include <map>

#include "era835/redact_rules.h"
#include "era835/spec_835.h"
#include "era835/walker.h"
#include "x12/segment_reader.h"

namespace denial {
namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// SE with SE01 lowered by the segments left out of its transaction.
std::string corrected_trailer(const detail::Elements& el, const detail::Delimiters& d,
                              std::size_t dropped) {
  std::string out(el.id());
  for (std::size_t i = 1; i < el.size(); ++i) {
    out += d.element;
    if (i == 1) {
      unsigned long long count = std::stoull(std::string(el.at(1)));
      out += std::to_string(count >= dropped ? count - dropped : 0);
    } else {
      out.append(el.at(i));
    }
  }
  return out;
}

}  // namespace

std::string redact_835(std::string_view bytes) {
  Diagnostics ignored;  // the engine reports the file's problems when it reads it
  detail::SegmentReader reader(bytes, ignored);
  detail::Walker walker(ignored);
  if (!reader.has_envelope()) walker.envelope_reported();
  std::map<std::string, std::string, std::less<>> stand_ins;
  std::string out, rewritten;
  out.reserve(bytes.size());
  std::size_t cursor = 0, dropped_in_transaction = 0;
  bool skipping = false, saw_835 = false;
  detail::RawSegment seg;
  detail::Elements el;
  auto replace = [&](const std::string& text) {
    out.append(bytes.substr(cursor, seg.offset - cursor));
    out += text;
    cursor = seg.offset + seg.text.size();
  };
  while (reader.next(seg, el)) {
    if (skipping) cursor = seg.offset, skipping = false;
    detail::Placement where = walker.place(el, seg);
    const std::string_view loop =
        where.loop >= 0 ? std::string_view(detail::loops_begin()[where.loop].id) : "";
    const std::string_view id = el.id();
    if (id == "ST") {
      dropped_in_transaction = 0;
      saw_835 = saw_835 || el.at(1) == "835";
      continue;
    }
    if (id == "SE") {
      if (dropped_in_transaction && all_digits(el.at(1)) && el.at(1).size() < 10)
        replace(corrected_trailer(el, reader.delimiters(), dropped_in_transaction));
      dropped_in_transaction = 0;
      continue;
    }
    std::string_view account;
    if (id == "CLP") {
      auto [it, added] = stand_ins.try_emplace(std::string(el.at(1)));
      if (added) it->second = "R" + std::to_string(stand_ins.size());
      account = it->second;
    }
    switch (detail::redact_segment(el, loop, reader.delimiters(), account, rewritten)) {
      case detail::Redaction::keep:
        break;
      case detail::Redaction::rewrite:
        replace(rewritten);
        break;
      case detail::Redaction::drop:
        // Left out with its terminator and the layout after it (up to the next segment).
        out.append(bytes.substr(cursor, seg.offset - cursor));
        cursor = seg.offset;
        skipping = true;
        ++dropped_in_transaction;
        break;
    }
  }
  if (!saw_835) return {};
  if (!skipping) out.append(bytes.substr(cursor));
  return out;
}

}  // namespace denial
