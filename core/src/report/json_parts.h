// JSON pieces of the report, shared by the full report, NDJSON and the paged wasm API.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>

#include "denial/report.h"

namespace denial::detail {

/// The `codes` dictionary of a report being written (schema 3.0): texts and guidance by
/// codes_key. A code whose guidance differs between uses (another advice rule, a passed
/// deadline, another channel's label) gets one key per distinct guidance: "CO-45", "CO-45#2".
struct CodeTexts {
  nlohmann::json entries = nlohmann::json::object();
  std::unordered_map<std::string, std::string> key_of;    ///< guidance signature -> codes_key
  std::unordered_map<std::string, std::size_t> variants;  ///< code -> keys given so far
};

/// One claim. With `codes` (schema 3.0 compact form) each adjustment, remark and the claim
/// status name their texts by a codes key and the texts go to `codes` once; without, every
/// text is inline.
nlohmann::json claim_json(const ExplainedClaim& x, CodeTexts* codes = nullptr);
nlohmann::json options_json(const ExplainOptions& o);
/// Adds the sources a claim's advice used to `out` ({id: {publisher, title, citation}}).
void add_used_sources(nlohmann::json& out, const ExplainedClaim& x);
nlohmann::json guidance_json(const AdjustmentGuidance& g, Channel channel = Channel::other,
                             bool with_texts = true);
nlohmann::json remark_guidance_json(const RemarkGuidance& g);
nlohmann::json row_json(const Report& r, const ClaimRow& row);
nlohmann::json summary_json(const Report& r);
nlohmann::json files_json(const Report& r);
nlohmann::json file_json(const FileInfo& f);
nlohmann::json transaction_json(const Report& r, std::size_t t, bool with_claims);
nlohmann::json diagnostic_json(const Diagnostic& d);
nlohmann::json code_sets_json();
nlohmann::json worklist_json(const Report& r);
nlohmann::json diagnostics_json(const Report& r);
/// One NDJSON line's object: the claim with its texts inline and its payment's context
/// (`duplicate`: the payment is a retransmission).
nlohmann::json ndjson_claim(const Report& r, std::size_t t, const ExplainedClaim& x,
                            bool duplicate);
std::string dump(const nlohmann::json& j, int indent);
/// Masks patient names and IDs everywhere in a JSON value (claim, row list or whole report).
void mask_claim_json(nlohmann::json& j);

}  // namespace denial::detail
