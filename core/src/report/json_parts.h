// JSON pieces of the report, shared by the full report, NDJSON and the paged wasm API.
#pragma once

#include <array>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "denial/report.h"

namespace denial::detail {

/// The `codes` dictionary of a report being written (schema 3.0): texts and guidance by
/// codes_key. A code whose guidance differs between uses (another advice rule, a passed
/// deadline, another channel's label) gets one key per distinct guidance: "CO-45", "CO-45#2".
struct CodeTexts {
  CodeTexts() = default;
  // key_by_identity points into key_of: a copy would point into the original.
  CodeTexts(const CodeTexts&) = delete;
  CodeTexts& operator=(const CodeTexts&) = delete;
  CodeTexts(CodeTexts&&) = default;
  CodeTexts& operator=(CodeTexts&&) = default;

  nlohmann::json entries = nlohmann::json::object();
  std::unordered_map<std::string, std::string> key_of;  ///< guidance signature -> codes_key
  /// The same by guidance_identity (json_writer.cpp), a shortcut to `key_of`'s values.
  std::unordered_map<std::string, const std::string*> key_by_identity;
  std::unordered_map<std::string, std::size_t> variants;  ///< code -> keys given so far
  /// `action_texts`: label, bucket, rule, sources and deadline rule of an action, by
  /// texts_key ("appeal", "appeal#2" for another label or rule).
  nlohmann::json actions = nlohmann::json::object();
  std::unordered_map<std::string, std::string> action_key_of;
  std::unordered_map<std::string, std::size_t> action_variants;
  /// Entries dumped once, by key: {group_official, guidance, official} (empty when absent).
  std::unordered_map<std::string, std::array<std::string, 3>> rendered;
};

/// codes keys (and their `codes` / `action_texts` entries, added when first met), shared by
/// claim_json and append_compact_claim so both number variants alike.
const std::string& adjustment_key(const ExplainedAdjustment& a, Channel channel, CodeTexts& codes);
std::string remark_codes_key(const ExplainedRemark& r, CodeTexts& codes);
std::string status_codes_key(const ExplainedClaim& x, CodeTexts& codes);
const std::string& action_key(const NextAction& n, CodeTexts& codes);

/// The key of `signature` in `key_of`; a signature met for the first time gets `code` for
/// the first signature of that code, then "code#2", "code#3"... (counted in `variants`), and
/// its entry (`entry()`) goes to `entries` under that key. Codes and action keys alike.
template <class Entry>
const std::string& variant_key(std::unordered_map<std::string, std::string>& key_of,
                               std::unordered_map<std::string, std::size_t>& variants,
                               nlohmann::json& entries, std::string signature,
                               const std::string& code, Entry&& entry) {
  auto [it, added] = key_of.try_emplace(std::move(signature));
  if (added) {
    const std::size_t n = ++variants[code];
    it->second = n == 1 ? code : code + "#" + std::to_string(n);
    entries[it->second] = entry();
  }
  return it->second;
}

/// The entries those keys name (`codes` and `action_texts`), and what tells variants apart.
nlohmann::json adjustment_entry(const ExplainedAdjustment& a, Channel channel);
nlohmann::json remark_entry(const ExplainedRemark& r);
nlohmann::json status_entry(const ExplainedClaim& x);
nlohmann::json action_entry(const NextAction& n);
std::string action_signature(const NextAction& n);
std::string guidance_signature(const std::string& code, const ExplainedAdjustment& a,
                               Channel channel);
void guidance_identity(std::string& s, const std::string& code, const ExplainedAdjustment& a,
                       Channel channel);
std::string remark_key(const Remark& r);

/// A codes or action_texts entry met by a claim rendered on a reader thread (deferred_keys.cpp),
/// interned for the process: the writer gives it its key, since variants ("CO-45#2") are
/// numbered in the order the report meets them. Never freed while the process runs.
struct DeferredKey {
  enum class Kind { adjustment, remark, status, action };
  Kind kind = Kind::adjustment;
  std::string signature;  ///< adjustment, action: what tells variants apart
  std::string code;       ///< adjustment: "CO-45"; action: its id; remark, status: the key
  nlohmann::json entry;   ///< the `codes` (`action_texts` for an action) entry
};
const DeferredKey* deferred_adjustment_key(const ExplainedAdjustment& a, Channel channel);
const DeferredKey* deferred_remark_key(const ExplainedRemark& r);
const DeferredKey* deferred_status_key(const ExplainedClaim& x);
const DeferredKey* deferred_action_key(const NextAction& n);
/// In a claim text with deferred keys: where an adjustment's `,"codes_key":...` or an
/// action's `,"texts_key":...` goes, this byte then the key's index (4 bytes, little-endian)
/// in the claim's key list. A JSON text never holds a raw control byte.
inline constexpr char kKeySlot = '\x01';

/// Members with ready JSON text, by key in sorted order (an NDJSON line's payment fields).
using ClaimExtras = std::vector<std::pair<std::string_view, std::string>>;
struct ClaimTextOptions {
  bool expanded = false;                ///< the expanded form (claim_json(x)), else compact
  std::string_view payment_remit_date;  ///< compact: a claim's remit_date equal to it is left out
  const ClaimExtras* extras = nullptr;  ///< merged in at their place
  /// Compact: keys deferred to the writer (a reader thread's rendering): each codes and
  /// action_texts key the claim meets goes here in the order the writer would have met it,
  /// adjustments' and actions' as a kKeySlot in the text; `codes` is then not used.
  std::vector<const DeferredKey*>* deferred = nullptr;
};
/// The claim as dump(claim_json(x, expanded ? nullptr : &codes)) writes it (compact: less a
/// remit_date equal to the payment's; with the extras' members), appended to `out` without
/// building a json value: the writers' hot path. claim_json stays the reference, and the
/// masked path. The expanded form still uses `codes`, to render each text once.
void append_claim_text(std::string& out, const ExplainedClaim& x, CodeTexts& codes,
                       const ClaimTextOptions& options);

/// A claim text rendered on a reader thread names its transaction by its index in the file
/// (expanded form and NDJSON): the report's index replaces it.
void set_claim_transaction(std::string& text, std::size_t transaction);

/// One claim. With `codes` (schema 3.0 compact form) each adjustment, remark and the claim
/// status name their texts by a codes key and the texts go to `codes` once; without, every
/// text is inline.
nlohmann::json claim_json(const ExplainedClaim& x, CodeTexts* codes = nullptr);
/// Adds `patient_explanation` to a claim object when the claim has one (patient_json.cpp).
void add_patient_explanation(nlohmann::json& claim, const ExplainedClaim& x);
/// The `labels` of a patient explanation, in key order, and its `source`: the json value and
/// the claim text writer both write them.
inline constexpr std::array<const char*, 15> kPatientLabelIds = {
    "account", "billed", "date",       "dates",     "disagree", "member_id", "not_billed", "owed",
    "patient", "plan",   "plan_claim", "plan_paid", "provider", "title",     "why"};
inline constexpr const char* kPatientExplanationSource =
    "Denial Explainer patient explanation (not official text)";
nlohmann::json options_json(const ExplainOptions& o);
/// Adds the sources a claim's advice used to `out` ({id: {publisher, title, citation}}).
void add_used_sources(nlohmann::json& out, const ExplainedClaim& x);
/// Calls each(id) for every source id a claim's advice used (repeats included): adjustments,
/// remarks, actions, and its patient letter when `with_letter`.
template <class Each>
void for_each_source(const ExplainedClaim& x, bool with_letter, Each&& each) {
  for (const auto& a : x.adjustments)
    for (std::string_view id : a.guidance.sources) each(id);
  for (const auto& r : x.remarks)
    for (std::string_view id : r.guidance.sources) each(id);
  for (const auto& n : x.actions)
    for (std::string_view id : n.sources) each(id);
  if (with_letter && x.patient_explanation)
    for (std::string_view id : x.patient_explanation->sources) each(id);
}
nlohmann::json guidance_json(const AdjustmentGuidance& g, Channel channel = Channel::other,
                             bool with_texts = true);
nlohmann::json remark_guidance_json(const RemarkGuidance& g);
nlohmann::json row_json(const Report& r, const ClaimRow& row);
/// A worklist row of the compact report: null, false and empty fields left out (the patient
/// name and control number stay, for masking), and the outcome's label.
void compact_row(nlohmann::json& row);
nlohmann::json summary_json(const Report& r);
/// The compact report's `outcome_labels`: the label of every outcome id.
nlohmann::json outcome_labels_json();
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
