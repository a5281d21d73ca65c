// One entry point for the four streaming writers.
#include "denial/report_writer.h"

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

void write_report(const Report& r, ReportFormat format, std::ostream& out, WriterOptions options) {
  auto writer = make_writer(format, out, options);
  writer->transactions(r, 0, r.transactions.size());
  writer->finish(r);
}

}  // namespace denial
