// JSON pieces of the report, shared by the full report, NDJSON and the paged wasm API.
#pragma once

#include <nlohmann/json.hpp>

#include "denial/report.h"

namespace denial::detail {

/// One claim. With `codes` (schema 3.0 compact form) each adjustment and remark names its
/// texts by `codes_key` and the texts go to `codes` once; without, every text is inline.
nlohmann::json claim_json(const ExplainedClaim& x, nlohmann::json* codes = nullptr);
nlohmann::json options_json(const ExplainOptions& o);
/// Adds the sources a claim's advice used to `out` ({id: {publisher, title, citation}}).
void add_used_sources(nlohmann::json& out, const ExplainedClaim& x);
nlohmann::json guidance_json(const AdjustmentGuidance& g, Channel channel = Channel::other,
                             bool with_texts = true);
nlohmann::json remark_guidance_json(const RemarkGuidance& g);
nlohmann::json row_json(const Report& r, const ClaimRow& row);
nlohmann::json summary_json(const Report& r);
nlohmann::json files_json(const Report& r);
nlohmann::json transaction_json(const Report& r, std::size_t t, bool with_claims);
nlohmann::json diagnostic_json(const Diagnostic& d);
nlohmann::json code_sets_json();
nlohmann::json worklist_json(const Report& r);
nlohmann::json diagnostics_json(const Report& r);
/// One NDJSON line's object: the claim with its texts inline and its payment's context.
nlohmann::json ndjson_claim(const Report& r, std::size_t t, const ExplainedClaim& x);
std::string dump(const nlohmann::json& j, int indent);
/// Masks patient names and IDs everywhere in a JSON value (claim, row list or whole report).
void mask_claim_json(nlohmann::json& j);

}  // namespace denial::detail
