// NDJSON for warehouses: one explained claim per line, in file order, written as its file is
// read. Every line stands alone: the code texts are inline (no `codes` dictionary to join)
// and the payment's payer, payee and trace are repeated. Big-file-mode transactions give
// their rows instead. Rejections to work (277CA / 999) come last.
#include <ostream>
#include <sstream>

#include "denial/report_writer.h"
#include "report/ack_parts.h"
#include "report/json_parts.h"
#include "report/spill_buffer.h"

namespace denial {
namespace {

constexpr std::string_view kNotDuplicate = "\"duplicate_payment\":false";

class NdjsonWriter : public ReportWriter {
 public:
  NdjsonWriter(std::ostream& out, bool mask) : out_(out), mask_(mask) {}

  // A claim whose payment may still turn out a retransmission waits (in a spill buffer)
  // for the transaction's end, which says what its `duplicate_payment` is.
  void claim(const ClaimContext& at, const ExplainedClaim& x) override {
    const bool duplicate = at.duplicate.value_or(false);
    std::string text;
    if (mask_) {
      text = line(detail::ndjson_claim(at.report, at.transaction, x, duplicate));
    } else {
      // The payment's fields, in key order, merged into the claim's.
      const Transaction& tx = at.report.transactions[at.transaction];
      auto quoted = [](const std::string& v) { return detail::dump(nlohmann::json(v), -1); };
      const detail::ClaimExtras extras = {
          {"duplicate_payment", duplicate ? "true" : "false"},
          {"file_name", quoted(at.report.files[at.file].name)},
          {"payee", quoted(tx.payee.name)},
          {"payee_id", quoted(tx.payee.id)},
          {"payer", quoted(tx.payer.name)},
          {"payer_id", quoted(tx.payer.id)},
          {"payment_date", quoted(tx.payment.date)},
          {"payment_trace_number", quoted(tx.payment.trace_number)}};
      detail::append_claim_text(text, x, texts_, {true, {}, &extras});
      text += '\n';
    }
    if (at.duplicate.has_value())
      out_ << text;
    else
      waiting_.append(text);
  }

  void transaction_end(const Report& r, std::size_t t) override {
    if (r.rows_only(t)) {
      for (; rows_seen_ < r.rows.size() && r.rows[rows_seen_].transaction <= t; ++rows_seen_)
        if (r.rows[rows_seen_].transaction == t)
          out_ << line(detail::row_json(r, r.rows[rows_seen_]));
    }
    release_waiting(r.duplicate_of[t] >= 0);
  }

  bool needs_drafts() const override { return true; }

  // Rejections to work (277CA / 999) follow the claims: they need every file read.
  void finish(const Report& r) override {
    out_ << detail::rejections_ndjson(r, mask_);
    out_.flush();
  }

 private:
  std::string line(nlohmann::json j) const {
    if (mask_) detail::mask_claim_json(j);
    std::string s = detail::dump(j, -1);
    s += '\n';
    return s;
  }

  void release_waiting(bool duplicate) {
    if (waiting_.empty()) return;
    if (!duplicate) return waiting_.drain([&](std::string_view chunk) { out_ << chunk; });
    // A retransmission (rare): each line's top-level flag is set. Inside a JSON string a
    // quote is escaped, so the unescaped key can only be the flag itself.
    std::string carry;
    waiting_.drain([&](std::string_view chunk) {
      carry += chunk;
      std::size_t start = 0;
      for (std::size_t end; (end = carry.find('\n', start)) != std::string::npos; start = end + 1) {
        std::string one = carry.substr(start, end + 1 - start);
        std::size_t at = one.find(kNotDuplicate);
        if (at != std::string::npos)
          one.replace(at, kNotDuplicate.size(), "\"duplicate_payment\":true");
        out_ << one;
      }
      carry.erase(0, start);
    });
    out_ << carry;
  }

  std::ostream& out_;
  bool mask_;
  std::size_t rows_seen_ = 0;
  detail::SpillBuffer waiting_;
  detail::CodeTexts texts_;  ///< texts rendered once per code
};

}  // namespace

namespace detail {
std::unique_ptr<ReportWriter> make_ndjson_writer(std::ostream& out, bool mask) {
  return std::make_unique<NdjsonWriter>(out, mask);
}
}  // namespace detail

std::string claims_ndjson(const Report& r, bool mask) {
  std::ostringstream out;
  write_report(r, ReportFormat::ndjson, out, {mask, false});
  return out.str();
}

}  // namespace denial
