// Builds a Report over many files: parses each, detects retransmitted payments, explains every
// claim and adds it to the batch totals. In big-file mode claims stream through and only
// their rows stay.
#include <algorithm>
#include <set>

#include "denial/report.h"
#include "explain/helpers.h"

namespace denial {
namespace {

constexpr std::size_t kMaxListedPerCode = 500;

// Payer and trace number: payments that share it are either one payment sent twice or
// different payments that reuse a trace number (seen in real, de-identified remits).
std::string trace_key(const Transaction& t) {
  std::string payer = t.payer.id.empty() ? t.payer.name : t.payer.id;
  return payer + "|" + t.payment.trace_number;
}

std::string position(const SourcePos& p) {
  return "segment " + std::to_string(p.segment_no) + ", byte " + std::to_string(p.byte_offset);
}

// Adds the claim-level totals of `from` (what add_claim sums) to `to`.
void add_claim_totals(Summary& to, const Summary& from) {
  to.claims += from.claims;
  to.service_lines += from.service_lines;
  to.total_charge += from.total_charge;
  to.total_paid += from.total_paid;
  to.total_patient_responsibility += from.total_patient_responsibility;
  to.total_adjusted += from.total_adjusted;
  to.denied_amount += from.denied_amount;
  to.recoverable_amount += from.recoverable_amount;
  to.patient_amount += from.patient_amount;
  to.write_off_amount += from.write_off_amount;
  to.denied_claims += from.denied_claims;
  for (const auto& [k, v] : from.outcomes) to.outcomes[k] += v;
  auto merge = [](auto& into, const auto& more) {
    for (const auto& [k, v] : more) {
      auto& t = into[k];
      t.amount += v.amount;
      t.count += v.count;
    }
  };
  merge(to.by_category, from.by_category);
  merge(to.by_action, from.by_action);
  merge(to.by_reason, from.by_reason);
}

// "CO-45 PR-2 N30": each code once, in order of appearance. Built in place: this runs per
// claim, and a vector of temporary strings per claim showed in the profile.
std::string codes_of(const ExplainedClaim& x) {
  std::string s;
  // Where each code added so far sits in `s` (codes may hold spaces: never re-split `s`).
  thread_local std::vector<std::pair<std::size_t, std::size_t>> added;
  added.clear();
  auto add = [&](const std::string& code) {
    for (auto [at, n] : added)
      if (std::string_view(s.data() + at, n) == code) return;
    if (!s.empty()) s += ' ';
    added.emplace_back(s.size(), code.size());
    s += code;
  };
  for (const auto& a : x.adjustments) add(detail::adjustment_code(*a.source));
  for (const auto& r : x.remarks) add(r.source->code);
  return s;
}

bool is_routine(Action a) { return bucket_of(a) != Bucket::recoverable; }

}  // namespace

ReportBuilder::ReportBuilder(std::uint64_t keep_claims_up_to, std::uint64_t max_file_bytes,
                             ExplainOptions options)
    : keep_up_to_(keep_claims_up_to), max_bytes_(max_file_bytes) {
  r_.options = std::move(options);
}

void digest_claim(const ExplainedClaim& x, bool worklist_rows_only, ClaimDigest& d) {
  const Claim& c = *x.claim;
  d.service_lines = c.lines.size();
  d.charge = c.charge;
  d.paid = c.paid;
  d.patient_responsibility = c.patient_responsibility.value_or(0);
  d.outcome = x.outcome;
  d.money = x.money;
  d.adjusted.resize(x.adjustments.size());  // strings keep their room claim after claim
  for (std::size_t i = 0; i < x.adjustments.size(); ++i) {
    const Adjustment& adj = *x.adjustments[i].source;
    ClaimDigest::Adjusted& a = d.adjusted[i];
    a.category = x.adjustments[i].guidance.category;
    a.amount = adj.amount;
    a.code.assign(adj.group).append(1, '-').append(adj.reason);
  }
  d.actions.clear();
  for (const NextAction& n : x.actions)
    if (n.action != Action::no_action) d.actions.emplace_back(n.action, n.amount);
  const Action primary = x.actions.empty() ? Action::no_action : x.actions[0].action;
  d.keep_row = !worklist_rows_only || !is_routine(primary);
  if (!d.keep_row) return;
  ClaimRow& row = d.row;
  row = ClaimRow();
  row.claim = x.index;
  row.patient_control_number = c.patient_control_number;
  row.payer_claim_number = c.payer_claim_number;
  row.patient_name = detail::patient_name(c);
  row.status = c.status;
  row.charge = c.charge;
  row.paid = c.paid;
  row.patient_responsibility = c.patient_responsibility.value_or(0);
  row.outcome = x.outcome;
  row.money = x.money;
  row.channel = x.channel;
  row.unbalanced = !x.flags.empty() && x.flags[0] == "unbalanced";
  if (!x.actions.empty()) {  // actions[0] is the primary action
    const NextAction& n = x.actions[0];
    row.action = n.action;
    row.action_label = n.label;
    row.at_stake = n.amount;
    row.act_by = n.deadline.act_by;
    row.deadline_owner = n.deadline.owner;
    row.deadline_passed = n.deadline.passed;
  }
  row.codes = codes_of(x);
  row.begin_offset = c.pos.byte_offset;
  row.end_offset = c.end_offset;
  row.first_segment = c.pos.segment_no;
  // Breakdowns read the facets; a caller that keeps worklist rows only makes none.
  if (!worklist_rows_only) row.facets = std::make_shared<const ClaimFacets>(facets_of(c));
}

bool ReportBuilder::add_claim(const ExplainedClaim& x, std::size_t file, std::size_t t) {
  digest_claim(x, worklist_rows_only_, scratch_);
  return add_digest(scratch_, file, t);
}

bool ReportBuilder::add_digest(ClaimDigest& d, std::size_t file, std::size_t t) {
  // In big-file and streamed files the payment is judged at the end of its transaction
  // (settle_pending); until then the claim counts in pending_.
  const bool decided = t < decided_.size() && decided_[t];
  const bool duplicate = decided && r_.duplicate_of[t] >= 0;
  if (d.keep_row) {
    d.row.file = file;
    d.row.transaction = t;
    d.row.duplicate = duplicate;
    r_.rows.push_back(std::move(d.row));
  }
  if (!duplicate) {
    Summary& s = decided ? r_.summary : pending_;
    ++s.claims;
    s.service_lines += d.service_lines;
    s.total_charge += d.charge;
    s.total_paid += d.paid;
    s.total_patient_responsibility += d.patient_responsibility;
    ++s.outcomes[d.outcome];
    const bool denied = d.outcome == Outcome::denied || d.outcome == Outcome::partially_denied;
    if (denied) ++s.denied_claims;
    if (d.outcome != Outcome::reversed) {
      s.recoverable_amount += d.money.recoverable;
      s.patient_amount += d.money.patient;
      s.write_off_amount += d.money.write_off;
      // Denied dollars are those of denied claims only (money.denied): a QMB deductible sent to
      // Medicaid or an unbalanced claim's unexplained money is worth working, but not denied.
      s.denied_amount += d.money.denied;
    }
    for (const ClaimDigest::Adjusted& a : d.adjusted) {
      s.total_adjusted += a.amount;
      if (d.outcome == Outcome::reversed) continue;
      auto& cat = s.by_category[a.category];
      cat.amount += a.amount;
      ++cat.count;
      auto found = s.by_reason.find(std::string_view(a.code));
      if (found == s.by_reason.end()) found = s.by_reason.emplace(a.code, AmountCount{}).first;
      found->second.amount += a.amount;
      ++found->second.count;
    }
    for (const auto& [action, amount] : d.actions) {  // "nothing to do" is not a task to count
      auto& act = s.by_action[action];
      act.amount += amount;
      ++act.count;
    }
  }
  return d.keep_row;
}

void ReportBuilder::add_too_large_file(std::string name, std::uint64_t size) {
  std::size_t file = r_.files.size();
  FileInfo info;
  info.name = std::move(name);
  info.bytes = size;
  info.first_transaction = r_.transactions.size();
  r_.diagnostics.push_back(
      {file,
       {Severity::error, Errc::input_too_large, 0, 0, "",
        "the file has " + std::to_string(size) + " bytes; this build accepts up to " +
            std::to_string(max_bytes_)}});
  info.errors = 1;
  r_.files.push_back(std::move(info));
  r_.summary.files = r_.files.size();
}

PreparedFile prepare_file(std::string name, std::string_view bytes, const ExplainOptions& options) {
  PreparedFile f;
  f.name = std::move(name);
  f.bytes = bytes.size();
  f.kind = detect_kind(bytes);
  if (is_acknowledgment(f.kind)) {
    f.ack = read_acknowledgment(bytes);
    return f;
  }
  f.parsed = parse_835(bytes);
  for (const Transaction& tx : f.parsed.era.transactions) {
    std::vector<ExplainedClaim> xs;
    xs.reserve(tx.claims.size());
    for (std::size_t i = 0; i < tx.claims.size(); ++i)
      xs.push_back(explain_claim(tx.claims[i], tx, 0, i, &f.code_diags, true, options));
    pair_reversals(xs);
    f.explained.push_back(std::move(xs));
  }
  return f;
}

void ReportBuilder::add_file(std::string name, std::string_view bytes) {
  if (bytes.size() > max_bytes_) return add_too_large_file(std::move(name), bytes.size());
  const FileKind kind = detect_kind(bytes);
  if (is_acknowledgment(kind)) return add_acknowledgment_file(std::move(name), bytes);
  // The budget is for the whole report: kept claims cost ~13 times their input in memory,
  // so 10,000 small remits kept in full would fill a browser's wasm memory.
  if (bytes.size() <= keep_up_to_ && kept_bytes_ + bytes.size() <= keep_up_to_)
    return add_prepared(prepare_file(std::move(name), bytes, r_.options));
  // Big-file mode explains each claim while its transaction is still being read.
  std::size_t file = r_.files.size(), base = r_.transactions.size();
  Diagnostics code_diags;
  ParseOptions options;
  options.keep_claims = false;
  std::size_t streaming_tx = SIZE_MAX, streaming_index = 0;
  pending_ = Summary();
  pending_rows_from_ = r_.rows.size();
  options.on_claim = [&](std::size_t t, const Transaction& tx, Claim& c) {
    std::size_t global = base + t;
    // Claims arrive in order: count them per transaction instead of scanning the rows.
    if (global != streaming_tx) streaming_tx = global, streaming_index = 0;
    std::size_t index = streaming_index++;
    ExplainedClaim x = explain_claim(c, tx, global, index, &code_diags, false, r_.options);
    add_claim(x, file, global);
  };
  // Whether a payment is a retransmission depends on its whole body, known at its end.
  // Each transaction is judged there, in order, so a retransmission is always the later copy.
  options.on_transaction_end = [&](std::size_t t, const Transaction& tx,
                                   const std::vector<BalanceFinding>&) {
    classify_payment(base + t, tx);
    settle_pending(base + t);
  };
  PreparedFile f;
  f.name = std::move(name);
  f.bytes = bytes.size();
  f.kind = kind;
  f.parsed = parse_835(bytes, options);
  f.code_diags = std::move(code_diags);
  commit(std::move(f), false);
}

void ReportBuilder::add_prepared(PreparedFile prepared) {
  if (prepared.bytes > max_bytes_)
    return add_too_large_file(std::move(prepared.name), prepared.bytes);
  if (is_acknowledgment(prepared.kind)) return commit_acknowledgment(std::move(prepared));
  kept_bytes_ += prepared.bytes;
  commit(std::move(prepared), true);
}

void ReportBuilder::commit(PreparedFile f, bool keep) {
  std::size_t file = r_.files.size();
  FileInfo info;
  info.name = std::move(f.name);
  info.bytes = f.bytes;
  info.kind = f.kind;
  info.first_transaction = r_.transactions.size();
  std::size_t base = r_.transactions.size();
  ParseResult& parsed = f.parsed;
  info.readable = parsed.readable;
  std::size_t reused_traces = 0;
  for (std::size_t local = 0; local < parsed.era.transactions.size(); ++local) {
    Transaction& t = parsed.era.transactions[local];
    std::size_t global = r_.transactions.size();
    r_.transactions.push_back(std::move(t));
    r_.transaction_file.push_back(file);
    classify_payment(global, r_.transactions.back());
    note_payment(file, global, reused_traces);
    r_.kept.push_back(keep);
    r_.streamed.push_back(false);
    if (!keep) {
      r_.explained.emplace_back();
    } else {
      // The claims point into the transaction, whose claims moved with it (same buffer).
      std::vector<ExplainedClaim> xs = std::move(f.explained[local]);
      for (auto& x : xs) {
        x.transaction = global;
        add_claim(x, file, global);
      }
      r_.explained.push_back(std::move(xs));
    }
  }
  info.balance_findings = parsed.balance.size();
  for (auto& b : parsed.balance) {
    b.transaction += base;
    r_.balance.push_back(b);
  }
  parsed.diagnostics.insert(parsed.diagnostics.end(), f.code_diags.begin(), f.code_diags.end());
  std::stable_sort(
      parsed.diagnostics.begin(), parsed.diagnostics.end(),
      [](const Diagnostic& a, const Diagnostic& b) { return a.segment_no < b.segment_no; });
  end_file(file, info, reused_traces, parsed.diagnostics);
  r_.files.push_back(std::move(info));
  r_.summary.files = r_.files.size();
}

// Counts payment t (read from `file`) once it is classified, or says it was a retransmission
// or reuses another payment's trace number.
void ReportBuilder::note_payment(std::size_t file, std::size_t global, std::size_t& reused_traces) {
  const Transaction& tx = r_.transactions[global];
  // The original may sit earlier in this same file, whose entry may not be in r_.files yet.
  auto where_read = [&](std::size_t original_file) {
    return original_file == file ? std::string("earlier in this file")
                                 : r_.files[original_file].name;
  };
  if (r_.duplicate_of[global] >= 0) {
    ++r_.summary.duplicate_payments;
    r_.diagnostics.push_back(
        {file,
         {Severity::warning, Errc::duplicate_payment, tx.pos.segment_no, tx.pos.byte_offset, "/ST",
          "payment " + tx.payment.trace_number + " of " + format_cents(tx.payment.amount) +
              " was already read (" +
              where_read(r_.transaction_file[static_cast<std::size_t>(r_.duplicate_of[global])]) +
              "); same payer, amount and claims: not counted twice"}});
    return;
  }
  Summary& s = r_.summary;
  ++s.transactions;
  s.total_payments += tx.payment.amount;
  for (const auto& p : tx.provider_adjustments) s.provider_adjustment_total += p.amount;
  std::ptrdiff_t first = reused_trace_of_[global];
  if (first >= 0 && ++reused_traces > kMaxListedPerCode) {
    first = -1;  // counted in the note below, not listed
  }
  if (first >= 0) {
    const Transaction& earlier = r_.transactions[static_cast<std::size_t>(first)];
    const bool same_amount = earlier.payment.amount == tx.payment.amount;
    r_.diagnostics.push_back(
        {file,
         {Severity::warning, Errc::trace_reused, tx.pos.segment_no, tx.pos.byte_offset, "/ST",
          "payment " + tx.payment.trace_number + " of " + format_cents(tx.payment.amount) +
              " (ST at " + position(tx.pos) + ") has the trace number of the payment of " +
              format_cents(earlier.payment.amount) + " whose ST is at " + position(earlier.pos) +
              " (" + where_read(r_.transaction_file[static_cast<std::size_t>(first)]) + ") but " +
              (same_amount ? "other claims" : "another amount") +
              ": a different payment, both are counted"}});
  }
}

// The end of a file: the note on unlisted trace reuses, then its diagnostics (sorted by
// segment), counted in `info`.
void ReportBuilder::end_file(std::size_t file, FileInfo& info, std::size_t reused_traces,
                             Diagnostics& diagnostics) {
  if (reused_traces > kMaxListedPerCode)
    r_.diagnostics.push_back(
        {file,
         {Severity::info, Errc::trace_reused, 0, 0, "",
          std::to_string(reused_traces - kMaxListedPerCode) +
              " more trace_reused diagnostics in this file are counted but not listed"}});
  // Every problem is counted, but a broken big file lists at most kMaxListedPerCode of each
  // kind: 100k copies of one warning help nobody and made reports slow and huge.
  std::map<Errc, std::size_t> listed;
  for (auto& d : diagnostics) {
    if (d.severity == Severity::error) ++info.errors;
    if (d.severity == Severity::warning) ++info.warnings;
    if (++listed[d.code] <= kMaxListedPerCode) r_.diagnostics.push_back({file, std::move(d)});
  }
  for (const auto& [code, count] : listed) {
    if (count <= kMaxListedPerCode) continue;
    r_.diagnostics.push_back(
        {file,
         {Severity::info, code, 0, 0, "",
          std::to_string(count - kMaxListedPerCode) + " more " + std::string(errc_name(code)) +
              " diagnostics in this file are counted but not listed"}});
  }
  info.transactions = r_.transactions.size() - info.first_transaction;
}

// A retransmitted payment is the same payment as an earlier one: same payer, trace number
// and amount, and the same transaction body (claims, adjustments, everything between ST and
// SE but the control numbers, read as a trends-only copy: redact_rules.h). The same trace with
// other content is a different payment, counted, and remembered for a trace_reused warning. Decided
// once per transaction, when the transaction is complete (at its end in big-file mode).
std::ptrdiff_t ReportBuilder::classify_payment(std::size_t t, const Transaction& tx) {
  if (t < decided_.size() && decided_[t]) return r_.duplicate_of[t];
  if (decided_.size() <= t) decided_.resize(t + 1, false);
  if (r_.duplicate_of.size() <= t) r_.duplicate_of.resize(t + 1, -1);
  if (reused_trace_of_.size() <= t) reused_trace_of_.resize(t + 1, -1);
  decided_[t] = true;
  if (tx.payment.trace_number.empty()) return -1;
  // A map, not a scan: de-identified files may mask every trace to one value.
  auto [group, new_trace] = by_trace_.try_emplace(trace_key(tx));
  TraceGroup& g = group->second;
  if (new_trace) g.first = t;
  auto [same, new_payment] = g.payments.try_emplace({tx.payment.amount, tx.body_hash}, t);
  if (!new_payment) {
    r_.duplicate_of[t] = static_cast<std::ptrdiff_t>(same->second);
    return r_.duplicate_of[t];
  }
  if (!new_trace) reused_trace_of_[t] = static_cast<std::ptrdiff_t>(g.first);
  return -1;
}

bool ReportBuilder::may_repeat(const Transaction& tx) const {
  if (tx.payment.trace_number.empty()) return false;
  auto group = by_trace_.find(trace_key(tx));
  if (group == by_trace_.end()) return false;
  auto same = group->second.payments.lower_bound({tx.payment.amount, 0});
  return same != group->second.payments.end() && same->first.first == tx.payment.amount;
}

void ReportBuilder::settle_pending(std::size_t t) {
  if (r_.duplicate_of[t] >= 0) {
    for (std::size_t i = pending_rows_from_; i < r_.rows.size(); ++i) r_.rows[i].duplicate = true;
  } else {
    add_claim_totals(r_.summary, pending_);
  }
  pending_ = Summary();
  pending_rows_from_ = r_.rows.size();
}

void ReportBuilder::release_claims(std::size_t from, std::size_t to) {
  for (std::size_t t = from; t < to && t < r_.transactions.size(); ++t) {
    std::vector<ExplainedClaim>().swap(r_.explained[t]);  // they point into the claims
    std::vector<Claim>().swap(r_.transactions[t].claims);
  }
}

Report ReportBuilder::finish() { return std::move(r_); }

Report explain_file(std::string name, std::string_view bytes) {
  return explain_file(std::move(name), bytes, ExplainOptions{});
}

Report explain_file(std::string name, std::string_view bytes, const ExplainOptions& options) {
  ReportBuilder b(UINT64_MAX, UINT64_MAX, options);
  b.add_file(std::move(name), bytes);
  return b.finish();
}

std::vector<const ClaimRow*> worklist(const Report& r) {
  std::vector<const ClaimRow*> out;
  for (const ClaimRow& row : r.rows)
    if (!row.duplicate && !is_routine(row.action)) out.push_back(&row);
  std::stable_sort(out.begin(), out.end(),
                   [](const ClaimRow* a, const ClaimRow* b) { return a->at_stake > b->at_stake; });
  return out;
}

}  // namespace denial
