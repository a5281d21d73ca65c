// One entry point for the four streaming writers.
#include "denial/report_writer.h"

#include <algorithm>

namespace denial {
namespace detail {
std::unique_ptr<ReportWriter> make_json_writer(std::ostream& out, WriterOptions options);
std::unique_ptr<ReportWriter> make_text_writer(std::ostream& out, bool mask);
std::unique_ptr<ReportWriter> make_csv_writer(std::ostream& out, bool mask);
std::unique_ptr<ReportWriter> make_ndjson_writer(std::ostream& out, bool mask);
}  // namespace detail

std::unique_ptr<ReportWriter> make_writer(ReportFormat format, std::ostream& out,
                                          WriterOptions options) {
  switch (format) {
    case ReportFormat::json:
      return detail::make_json_writer(out, options);
    case ReportFormat::text:
      return detail::make_text_writer(out, options.mask);
    case ReportFormat::csv:
      return detail::make_csv_writer(out, options.mask);
    case ReportFormat::ndjson:
      break;
  }
  return detail::make_ndjson_writer(out, options.mask);
}

void ClaimRenderer::follow(std::string_view file_name, StreamEvent& e, bool render_claim) {
  if (e.kind == StreamEvent::Kind::transaction_begin) transaction(file_name, *e.header);
  if (e.kind == StreamEvent::Kind::claim && render_claim) {
    e.rendered.clear();  // an event may be reused
    render(e.explained, e.rendered);
  }
}

void ReportWriter::transactions(const Report& r, std::size_t from, std::size_t to) {
  // Rows are in transaction and claim order; a claim may have none (worklist rows only).
  auto row = std::lower_bound(r.rows.begin(), r.rows.end(), from,
                              [](const ClaimRow& a, std::size_t t) { return a.transaction < t; });
  for (std::size_t t = from; t < to && t < r.transactions.size(); ++t) {
    if (r.kept[t]) {
      for (const ExplainedClaim& x : r.explained[t]) {
        while (row != r.rows.end() &&
               (row->transaction < t || (row->transaction == t && row->claim < x.index)))
          ++row;
        const bool has_row = row != r.rows.end() && row->transaction == t && row->claim == x.index;
        ClaimContext at{r, r.transaction_file[t], t,
                        has_row ? static_cast<std::size_t>(row - r.rows.begin()) : SIZE_MAX,
                        r.duplicate_of[t] >= 0};
        claim(at, x);
      }
    }
    transaction_end(r, t);
  }
}

void write_report(const Report& r, ReportFormat format, std::ostream& out, WriterOptions options) {
  auto writer = make_writer(format, out, options);
  writer->transactions(r, 0, r.transactions.size());
  writer->finish(r);
}

}  // namespace denial
