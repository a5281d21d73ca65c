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

// A line of a payment that turned out a retransmission gets its top-level flag set. Inside a
// JSON string a quote is escaped, so the unescaped key can only be the flag itself.
void mark_duplicate(std::string& line) {
  std::size_t at = line.find(kNotDuplicate);
  if (at != std::string::npos) line.replace(at, kNotDuplicate.size(), "\"duplicate_payment\":true");
}

// A claim's line (unmasked): the claim with its texts inline, its payment's fields merged in
// at their place (keys in order), duplicate_payment false. Used on the reader threads and by
// the writer itself for claims not rendered ahead.
class NdjsonRenderer : public ClaimRenderer {
 public:
  void transaction(std::string_view file_name, const Transaction& tx) override {
    auto quoted = [](const std::string& v) { return detail::dump(nlohmann::json(v), -1); };
    extras_ = {{"duplicate_payment", "false"},
               {"file_name", quoted(std::string(file_name))},
               {"payee", quoted(tx.payee.name)},
               {"payee_id", quoted(tx.payee.id)},
               {"payer", quoted(tx.payer.name)},
               {"payer_id", quoted(tx.payer.id)},
               {"payment_date", quoted(tx.payment.date)},
               {"payment_trace_number", quoted(tx.payment.trace_number)}};
  }
  void render(const ExplainedClaim& x, std::string& out) override {
    detail::append_claim_text(out, x, texts_, {true, {}, &extras_});
    out += '\n';
  }

 private:
  detail::ClaimExtras extras_;
  detail::CodeTexts texts_;  ///< texts rendered once per code
};

class NdjsonWriter : public ReportWriter {
 public:
  NdjsonWriter(std::ostream& out, bool mask) : out_(out), mask_(mask) {}

  // A claim whose payment may still turn out a retransmission waits (in a spill buffer)
  // for the transaction's end, which says what its `duplicate_payment` is.
  void claim(const ClaimContext& at, const ExplainedClaim& x) override {
    // A text rendered on a reader thread is written from where it is: it goes back to that
    // thread to be rendered into again (freeing it here was slow). Others reuse one buffer.
    own_text_.clear();
    std::string& text = at.rendered && !mask_ ? *at.rendered : own_text_;
    if (mask_) {
      text = line(detail::ndjson_claim(at.report, at.transaction, x, at.duplicate.value_or(false)));
    } else if (at.rendered) {
      detail::set_claim_transaction(text, at.transaction);
    } else {
      if (at.transaction != rendering_) {
        own_.transaction(at.report.files[at.file].name, at.report.transactions[at.transaction]);
        rendering_ = at.transaction;
      }
      own_.render(x, text);
    }
    if (!mask_ && at.duplicate.value_or(false)) mark_duplicate(text);
    if (at.duplicate.has_value())
      out_ << text;
    else
      waiting_.append(text);
  }

  std::unique_ptr<ClaimRenderer> renderer() const override {
    if (mask_) return nullptr;
    return std::make_unique<NdjsonRenderer>();
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
    // A retransmission (rare): each line's flag is set.
    std::string carry;
    waiting_.drain([&](std::string_view chunk) {
      carry += chunk;
      std::size_t start = 0;
      for (std::size_t end; (end = carry.find('\n', start)) != std::string::npos; start = end + 1) {
        std::string one = carry.substr(start, end + 1 - start);
        mark_duplicate(one);
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
  NdjsonRenderer own_;    ///< for claims not rendered ahead
  std::string own_text_;  ///< the text of such a claim
  std::size_t rendering_ = SIZE_MAX;
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
