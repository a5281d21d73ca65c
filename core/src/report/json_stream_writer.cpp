// The JSON report (docs/report-schema.md, schema 3.0), written as it is built: the head, then
// each transaction with its claims as soon as its file is read (one nlohmann value per claim,
// never one for the whole report), then `codes`, `sources`, files, summary, worklist,
// diagnostics and acknowledgments, which need every file.
#include <cstring>
#include <ostream>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "denial/report_writer.h"
#include "report/ack_parts.h"
#include "report/json_parts.h"

namespace denial {
namespace {

using nlohmann::json;

// A claim rendered on a reader thread for the JSON writer: its text, then a trailer the
// writer reads from the end: the deferred keys (pointers, in the order met), the source ids
// this renderer had not met before (pointer and length: ids are views of the one sources
// table), and three counts (keys, sources, text bytes).
template <class T>
void put(std::string& out, const T& v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}
template <class T>
T get(const std::string& in, std::size_t at) {
  T v;
  std::memcpy(&v, in.data() + at, sizeof v);
  return v;
}

class JsonRenderer : public ClaimRenderer {
 public:
  explicit JsonRenderer(bool inline_texts) : inline_texts_(inline_texts) {}
  void transaction(std::string_view, const Transaction& header) override {
    remit_date_ = remit_date_of(header);
  }
  void render(const ExplainedClaim& x, std::string& out) override {
    keys_.clear();
    detail::append_claim_text(
        out, x, codes_, {inline_texts_, remit_date_, nullptr, inline_texts_ ? nullptr : &keys_});
    const auto text = static_cast<std::uint32_t>(out.size());
    for (const detail::DeferredKey* k : keys_) put(out, k);
    std::uint32_t sources = 0;
    detail::for_each_source(x, inline_texts_, [&](std::string_view id) {
      if (!seen_.insert(id.data()).second) return;
      put(out, id.data());
      put(out, id.size());
      ++sources;
    });
    put(out, static_cast<std::uint32_t>(keys_.size()));
    put(out, sources);
    put(out, text);
  }

 private:
  bool inline_texts_;
  std::string remit_date_;
  detail::CodeTexts codes_;  ///< the expanded form's texts, rendered once
  std::vector<const detail::DeferredKey*> keys_;
  std::unordered_set<const char*> seen_;  ///< source ids already sent to the writer
};

class JsonWriter : public ReportWriter {
 public:
  JsonWriter(std::ostream& out, WriterOptions options) : out_(out), options_(options) {}

  // A transaction is written as {"index", "claims": [...], then its other fields}: claims
  // stream before the payment's end (PLB, balance, retransmission) is known.
  void claim(const ClaimContext& at, const ExplainedClaim& x) override {
    head(at.report);
    open(at.transaction);
    claim_text_.clear();
    if (at.rendered) {
      take(*at.rendered);
      if (options_.inline_texts) detail::set_claim_transaction(claim_text_, at.transaction);
      if (!first_claim_) out_ << ',';
      out_ << claim_text_;
      first_claim_ = false;
      return;
    }
    const std::string remit_date = remit_date_of(at.report.transactions[at.transaction]);
    if (!options_.mask) {
      detail::append_claim_text(claim_text_, x, codes_, {options_.inline_texts, remit_date});
    } else {
      json j = detail::claim_json(x, options_.inline_texts ? nullptr : &codes_);
      // A claim's remit date is its payment's (the transaction's remit_date) unless it differs.
      if (!options_.inline_texts && j.contains("remit_date") && j["remit_date"] == remit_date)
        j.erase("remit_date");
      if (options_.mask) detail::mask_claim_json(j);
      claim_text_ = detail::dump(j, -1);
    }
    add_sources(x);
    if (!first_claim_) out_ << ',';
    out_ << claim_text_;
    first_claim_ = false;
  }

  void transaction_end(const Report& r, std::size_t t) override {
    head(r);
    open(t);
    json header = detail::transaction_json(r, t, false);
    header.erase("index");
    header["claims_in_rows_only"] = r.rows_only(t);
    std::string s = detail::dump(header, -1);
    out_ << "]," << std::string_view(s).substr(1);  // its fields after "claims"
    open_ = SIZE_MAX;
  }

  bool needs_drafts() const override { return options_.inline_texts; }

  std::unique_ptr<ClaimRenderer> renderer() const override {
    if (options_.mask) return nullptr;
    return std::make_unique<JsonRenderer>(options_.inline_texts);
  }

  void finish(const Report& r) override {
    head(r);
    out_ << "]";
    if (!options_.inline_texts)
      out_ << ",\"codes\":" << detail::dump(codes_.entries, -1)
           << ",\"action_texts\":" << detail::dump(codes_.actions, -1)
           << ",\"outcome_labels\":" << detail::dump(detail::outcome_labels_json(), -1);
    out_ << ",\"sources\":" << detail::dump(sources_, -1)
         << ",\"files\":" << detail::dump(detail::files_json(r), -1)
         << ",\"summary\":" << detail::dump(detail::summary_json(r), -1) << ",\"worklist\":[";
    // Row by row: one big-file remit can have a worklist of 100k rows.
    bool first = true;
    std::string entry;
    for (const ClaimRow* row : worklist(r)) {
      if (!options_.inline_texts && !r.rows_only(row->transaction)) {
        // The claim is in the report: the entry names it, with what the list is sorted by,
        // written as a json value's dump would write it (keys sorted; the action's id is plain
        // ASCII; masking has nothing to hide in it). A json value per row was most of the
        // writer's end on big remits.
        entry = first ? "{\"action\":\"" : ",{\"action\":\"";
        entry += action_id(row->action);
        entry += "\",\"at_stake\":\"";
        entry += format_cents(row->at_stake);
        entry += "\",\"claim\":";
        entry += std::to_string(row->claim);
        entry += ",\"transaction\":";
        entry += std::to_string(row->transaction);
        entry += '}';
        out_ << entry;
        first = false;
        continue;
      }
      json j = detail::row_json(r, *row);
      if (!options_.inline_texts) detail::compact_row(j);
      if (options_.mask) detail::mask_claim_json(j);
      out_ << (first ? "" : ",") << detail::dump(j, -1);
      first = false;
    }
    out_ << "],\"diagnostics\":" << detail::dump(detail::diagnostics_json(r), -1);
    // Only when a 277CA or 999 was read; few and small, so one value with its texts inline.
    if (!r.acknowledgments.empty()) {
      json acks = detail::acknowledgments_json(r);
      if (options_.mask) detail::mask_claim_json(acks);
      out_ << ",\"acknowledgments\":" << detail::dump(acks, -1);
    }
    out_ << "}";
    out_.flush();
  }

 private:
  void head(const Report& r) {
    if (head_written_) return;
    head_written_ = true;
    json generator = {{"name", "denial-explainer"}, {"version", DENIAL_VERSION}};
    out_ << "{\"schema_version\":\"" << kSchemaVersion
         << "\",\"generator\":" << detail::dump(generator, -1)
         << ",\"options\":" << detail::dump(detail::options_json(r.options), -1)
         << ",\"code_sets\":" << detail::dump(detail::code_sets_json(), -1)
         << ",\"transactions\":[";
  }

  std::ostream& out_;
  WriterOptions options_;
  // The sources of every claim's advice, each looked up once.
  void add_source(std::string_view id) {
    if (!seen_sources_.insert(id.data()).second) return;
    if (const SourceInfo* s = find_source(id))
      sources_[std::string(id)] = {
          {"publisher", s->publisher}, {"title", s->title}, {"citation", s->citation}};
  }
  void add_sources(const ExplainedClaim& x) {
    // The letter is written with the claim in the expanded form only.
    detail::for_each_source(x, options_.inline_texts, [&](std::string_view id) { add_source(id); });
  }

  // A JsonRenderer's claim into claim_text_: its keys given in the order the claim met them
  // (as claim() would have), each slot replaced by its member, its new sources added.
  void take(const std::string& r) {
    const std::size_t end = r.size() - 12;
    const auto keys = get<std::uint32_t>(r, end), sources = get<std::uint32_t>(r, end + 4),
               text = get<std::uint32_t>(r, end + 8);
    std::size_t at = text;
    slots_.clear();
    for (std::uint32_t i = 0; i < keys; ++i, at += sizeof(void*))
      slots_.push_back(&resolve(get<const detail::DeferredKey*>(r, at)));
    for (std::uint32_t i = 0; i < sources; ++i, at += sizeof(void*) + sizeof(std::size_t))
      add_source(
          std::string_view(get<const char*>(r, at), get<std::size_t>(r, at + sizeof(void*))));
    std::size_t from = 0;
    for (std::size_t slot; (slot = r.find(detail::kKeySlot, from)) < text;) {
      claim_text_.append(r, from, slot - from);
      claim_text_ += *slots_[get<std::uint32_t>(r, slot + 1)];
      from = slot + 5;
    }
    claim_text_.append(r, from, text - from);
  }

  // A deferred key's place in codes_ (numbered as adjustment_key and action_key number
  // them, sharing their tables), and the member its slot becomes.
  const std::string& resolve(const detail::DeferredKey* k) {
    auto [it, added] = resolved_.try_emplace(k);
    if (!added) return it->second;
    using Kind = detail::DeferredKey::Kind;
    if (k->kind == Kind::adjustment || k->kind == Kind::action) {
      const bool adjustment = k->kind == Kind::adjustment;
      const std::string& key =
          detail::variant_key(adjustment ? codes_.key_of : codes_.action_key_of,
                              adjustment ? codes_.variants : codes_.action_variants,
                              adjustment ? codes_.entries : codes_.actions, k->signature, k->code,
                              [&] { return k->entry; });
      if (key != k->code)
        it->second = std::string(adjustment ? ",\"codes_key\":" : ",\"texts_key\":") +
                     detail::dump(json(key), -1);
    } else if (!codes_.entries.contains(k->code)) {
      codes_.entries[k->code] = k->entry;  // the first met keeps the key, as remark_codes_key
    }
    return it->second;
  }

  void open(std::size_t t) {
    if (open_ == t) return;
    out_ << (first_transaction_ ? "" : ",") << "{\"index\":" << t << ",\"claims\":[";
    first_transaction_ = false;
    first_claim_ = true;
    open_ = t;
  }

  bool head_written_ = false, first_transaction_ = true, first_claim_ = true;
  std::size_t open_ = SIZE_MAX;
  detail::CodeTexts codes_;
  std::string claim_text_;
  // Source ids met, by where their text is: ids are views of the one sources table, so this
  // hashes a pointer, not the id's bytes, per id of every claim. An id seen twice at two
  // places is only written again with the same value.
  std::unordered_set<const char*> seen_sources_;
  json sources_ = json::object();
  std::unordered_map<const detail::DeferredKey*, std::string> resolved_;
  std::vector<const std::string*> slots_;  ///< a rendered claim's slots, by index
};

}  // namespace

namespace detail {
std::unique_ptr<ReportWriter> make_json_writer(std::ostream& out, WriterOptions options) {
  return std::make_unique<JsonWriter>(out, options);
}
}  // namespace detail

std::string to_json(const Report& r, int indent, bool mask, bool inline_texts) {
  std::ostringstream out;
  write_report(r, ReportFormat::json, out, {mask, inline_texts});
  return indent < 0 ? out.str() : pretty_json(out.str(), indent);
}

std::string pretty_json(const std::string& compact, int indent) {
  // For people reading a report: parse the compact text and indent it.
  json j = json::parse(compact, nullptr, false);
  return j.is_discarded() ? compact : detail::dump(j, indent);
}

}  // namespace denial
