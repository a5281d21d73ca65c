// JSON pieces of the report, shared by the full report, NDJSON and the paged wasm API.
#pragma once

#include <nlohmann/json.hpp>

#include "denial/report.h"

namespace denial::detail {

nlohmann::json claim_json(const ExplainedClaim& x);
/// Adds `patient_explanation` to a claim object when the claim has one (patient_json.cpp).
void add_patient_explanation(nlohmann::json& claim, const ExplainedClaim& x);
nlohmann::json options_json(const ExplainOptions& o);
/// Adds the sources a claim's advice used to `out` ({id: {publisher, title, citation}}).
void add_used_sources(nlohmann::json& out, const ExplainedClaim& x);
nlohmann::json guidance_json(const AdjustmentGuidance& g, Channel channel = Channel::other);
nlohmann::json remark_guidance_json(const RemarkGuidance& g);
nlohmann::json row_json(const Report& r, const ClaimRow& row);
nlohmann::json summary_json(const Report& r);
nlohmann::json files_json(const Report& r);
nlohmann::json file_json(const FileInfo& f);
nlohmann::json transaction_json(const Report& r, std::size_t t, bool with_claims);
nlohmann::json diagnostic_json(const Diagnostic& d);
nlohmann::json code_sets_json();
std::string dump(const nlohmann::json& j, int indent);
/// Masks patient names and IDs everywhere in a JSON value (claim, row list or whole report).
void mask_claim_json(nlohmann::json& j);

}  // namespace denial::detail
