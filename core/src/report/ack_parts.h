// The acknowledgment parts of the report writers (ack_writers.cpp): JSON section, text
// section, NDJSON lines for rejections. Present only when a 277CA or 999 file was read.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "denial/report.h"

namespace denial::detail {

/// {"claim_acknowledgments", "implementation_acknowledgments", "claim_history",
///  "rejections", "summary"} (docs/acknowledgments.md).
nlohmann::json acknowledgments_json(const Report& r);
nlohmann::json acknowledgments_summary_json(const Report& r);
/// Counts of one file: {claims, rejected_claims, sets, rejected_sets} (Session file status).
nlohmann::json file_acknowledgments_json(const Report& r, std::size_t file);
/// The text memo's acknowledgment sections; empty when there are none.
std::string acknowledgments_text(const Report& r, bool mask);
/// One line per rejected claim nobody resent and per rejected 999 set.
std::string rejections_ndjson(const Report& r, bool mask);

/// Lookup of the acknowledgment lists: our guidance for a claim status code (its loop from
/// the entity of an "A7:562:85" query) or our reading of a 999 code, as "status_guidance" /
/// "ack_meaning" beside the official text; and those lines for the text answer.
void add_ack_guidance(nlohmann::json& match, const LookupMatch& m, std::string_view entity);
std::string_view entity_of(const LookupResult& r);
std::string ack_guidance_text(const nlohmann::json& match);

}  // namespace denial::detail
