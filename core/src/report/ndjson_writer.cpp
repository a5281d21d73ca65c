// NDJSON for warehouses: one explained claim per line, in file order, written as its file is
// read. Every line stands alone: the code texts are inline (no `codes` dictionary to join)
// and the payment's payer, payee and trace are repeated. Big-file-mode transactions give
// their rows instead. Rejections to work (277CA / 999) come last.
#include <ostream>
#include <sstream>

#include "denial/report_writer.h"
#include "report/ack_parts.h"
#include "report/json_parts.h"

namespace denial {
namespace {

class NdjsonWriter : public ReportWriter {
 public:
  NdjsonWriter(std::ostream& out, bool mask) : out_(out), mask_(mask) {}

  void transactions(const Report& r, std::size_t from, std::size_t to) override {
    for (; rows_seen_ < r.rows.size(); ++rows_seen_) {
      const ClaimRow& row = r.rows[rows_seen_];
      if (row.transaction < from || row.transaction >= to || r.kept[row.transaction]) continue;
      line(detail::row_json(r, row));
    }
    for (std::size_t t = from; t < to; ++t)
      for (const ExplainedClaim& x : r.explained[t]) line(detail::ndjson_claim(r, t, x));
  }

  // Rejections to work (277CA / 999) follow the claims: they need every file read.
  void finish(const Report& r) override {
    out_ << detail::rejections_ndjson(r, mask_);
    out_.flush();
  }

 private:
  void line(nlohmann::json j) {
    if (mask_) detail::mask_claim_json(j);
    out_ << detail::dump(j, -1) << '\n';
  }

  std::ostream& out_;
  bool mask_;
  std::size_t rows_seen_ = 0;
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
