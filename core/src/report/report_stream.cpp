// ReportBuilder for streamed files: claims arrive one by one (stream_explained), go to the
// totals, the rows and the writer, and are dropped. Transactions enter the report when they
// begin (header so far) and are completed at their end, when the payment can be judged.
#include "denial/claim_stream.h"
#include "denial/report.h"
#include "denial/report_writer.h"

namespace denial {
void ReportBuilder::add_streamed(std::string name, std::string_view bytes, ReportWriter& sink) {
  if (bytes.size() > max_bytes_) return add_too_large_file(std::move(name), bytes.size());
  const FileKind kind = detect_kind(bytes);
  if (is_acknowledgment(kind)) return add_acknowledgment_file(std::move(name), bytes);
  begin_streamed(std::move(name), bytes.size(), kind);
  StreamOptions stream;
  stream.drafts = sink.needs_drafts();
  stream_explained(bytes, r_.options, stream, [&](StreamEvent& e) { add_event(e, sink); });
}

void ReportBuilder::begin_streamed(std::string name, std::uint64_t bytes, FileKind kind) {
  streamed_ = Streamed();
  streamed_.file = r_.files.size();
  // The file's entry goes in first so writers can name it; it is completed at its end.
  FileInfo info;
  info.name = std::move(name);
  info.bytes = bytes;
  info.kind = kind;
  info.first_transaction = r_.transactions.size();
  r_.files.push_back(std::move(info));
}

void ReportBuilder::add_event(StreamEvent& e, ReportWriter& sink) {
  const std::size_t file = streamed_.file;
  switch (e.kind) {
    case StreamEvent::Kind::transaction_begin: {
      streamed_.transaction = r_.transactions.size();
      streamed_.duplicate = may_repeat(*e.header) ? std::nullopt : std::optional<bool>(false);
      r_.transactions.push_back(std::move(*e.header));
      r_.transaction_file.push_back(file);
      r_.kept.push_back(false);
      r_.streamed.push_back(true);
      r_.explained.emplace_back();
      pending_ = Summary();
      pending_rows_from_ = r_.rows.size();
      return;
    }
    case StreamEvent::Kind::claim: {
      const std::size_t t = streamed_.transaction;
      ExplainedClaim& x = e.explained;
      x.transaction = t;
      // A digested claim comes with its text: the writer has no claim to render.
      const bool row = e.digest ? add_digest(*e.digest, file, t) : add_claim(x, file, t);
      ClaimContext at{r_,
                      file,
                      t,
                      row ? r_.rows.size() - 1 : SIZE_MAX,
                      streamed_.duplicate,
                      e.digest || !e.rendered.empty() ? &e.rendered : nullptr,
                      e.in_file.fd >= 0 ? &e.in_file : nullptr};
      sink.claim(at, x);
      return;
    }
    case StreamEvent::Kind::transaction_end: {
      const std::size_t t = streamed_.transaction;
      r_.transactions[t] = std::move(*e.header);
      classify_payment(t, r_.transactions[t]);
      settle_pending(t);
      note_payment(file, t, streamed_.reused_traces);
      streamed_.balance_findings += e.balance.size();
      for (BalanceFinding& b : e.balance) {
        b.transaction = t;
        r_.balance.push_back(std::move(b));
      }
      sink.transaction_end(r_, t);
      return;
    }
    case StreamEvent::Kind::file_end: {
      // Copied out: end_file appends diagnostics, not files, but keep the entry stable.
      FileInfo info = r_.files[file];
      info.readable = e.readable;
      info.balance_findings = streamed_.balance_findings;
      end_file(file, info, streamed_.reused_traces, e.diagnostics);
      r_.files[file] = std::move(info);
      r_.summary.files = r_.files.size();
      return;
    }
  }
}

}  // namespace denial
