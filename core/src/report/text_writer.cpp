// The text report: a short memo to a biller. Money first, then what needs work, then each
// claim with the official meaning of every code and what to do about it.
#include <algorithm>
#include <cstdio>
#include <ostream>
#include <sstream>

#include "denial/query.h"
#include "denial/report.h"
#include "denial/report_writer.h"
#include "explain/helpers.h"
#include "report/ack_parts.h"
#include "report/printable.h"
#include "report/spill_buffer.h"
#include "string_out.h"

namespace denial {
namespace {

std::string usd(Cents c) {
  std::string s = format_cents(c < 0 ? -c : c);
  std::size_t dot = s.find('.');
  for (std::ptrdiff_t i = static_cast<std::ptrdiff_t>(dot) - 3; i > 0; i -= 3) s.insert(i, ",");
  return (c < 0 ? "-$" : "$") + s;
}

std::string percent(Cents num, Cents den) {
  if (den <= 0) return "0.0%";
  long long tenths = (num * 1000 + den / 2) / den;
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + "%";
}

std::string iso(const std::string& d) {
  return d.size() == 8 ? d.substr(0, 4) + "-" + d.substr(4, 2) + "-" + d.substr(6, 2) : d;
}

// " (99213)", " (rev 0250)" for institutional lines without a procedure, or nothing.
std::string line_code(const ServiceLine& l) {
  if (!l.procedure.code.empty()) return " (" + l.procedure.code + ")";
  if (!l.revenue_code.empty()) return " (rev " + l.revenue_code + ")";
  return "";
}

using BlockText = detail::StringOut;  // a claim block, in one reused string

void claim_block(BlockText& o, const ExplainedClaim& x, bool mask) {
  const Claim& c = *x.claim;
  std::string name = detail::patient_name(c);
  if (mask) name.clear();
  o << "\n  Claim " << (mask ? mask_id(c.patient_control_number) : c.patient_control_number)
    << (name.empty() ? "" : " (" + name + ")");
  if (!c.payer_claim_number.empty()) o << ", payer claim " << c.payer_claim_number;
  o << "\n    " << outcome_label(x.outcome) << ". Billed " << usd(c.charge) << ", paid "
    << usd(c.paid);
  if (c.patient_responsibility) o << ", patient responsibility " << usd(*c.patient_responsibility);
  o << ".\n";
  if (x.paired_with)
    o << "    Reversal pair with claim #" << (*x.paired_with + 1) << ": net paid "
      << usd(*x.net_paid_with_pair) << ".\n";
  for (const ExplainedAdjustment& a : x.adjustments) {
    o << "    " << detail::adjustment_code(*a.source) << " " << usd(a.source->amount);
    if (a.line >= 0) o << " on line " << (a.line + 1) << line_code(c.lines[a.line]);
    o << "\n      Official: " << (a.carc ? a.carc->description : "not in the official CARC list")
      << "\n";
    o << "      Our guidance: " << kind_id(a.guidance.kind) << ", "
      << category_label(a.guidance.category) << "; " << action_label(a.guidance.action, x.channel)
      << "; appealable: " << appealable_id(a.guidance.appealable) << ".\n";
    if (a.late_route)
      o << "      Was: " << action_label(*a.late_route, x.channel) << "; its deadline passed.\n";
    // A matching advice rule is more specific than the group's note (QMB beats "bill the
    // secondary, then the patient"): show the rule's note instead.
    if (!a.guidance.rule_note.empty())
      o << "      " << a.guidance.rule_note << "\n";
    else if (!a.guidance.group_note.empty())
      o << "      " << a.guidance.group_note << "\n";
  }
  for (const ExplainedRemark& r : x.remarks) {
    o << "    Remark " << r.source->code
      << (r.line >= 0 ? " on line " + std::to_string(r.line + 1) : "") << ": "
      << (r.rarc                        ? r.rarc->description
          : r.source->qualifier == "RX" ? "NCPDP reject code"
                                        : "not in the official RARC list")
      << "\n";
    if (!r.guidance.note.empty()) o << "      Our note: " << r.guidance.note << "\n";
  }
  if (!x.flags.empty() && x.flags[0] == "unbalanced")
    o << "    Does not balance: " << usd(x.unaccounted) << " unaccounted for.\n";
  o << "    Money: worth working " << usd(x.money.recoverable) << ", patient or next payer "
    << usd(x.money.patient) << ", write off " << usd(x.money.write_off) << ", other "
    << usd(x.money.other) << ".\n";
  std::vector<std::string_view> why;
  for (const NextAction& n : x.actions) {
    o << "    -> " << n.label << ": " << usd(n.amount);
    if (!n.reasons.empty()) {
      o << " (";
      for (std::size_t i = 0; i < n.reasons.size(); ++i) o << (i ? ", " : "") << n.reasons[i];
      o << ")";
    }
    if (n.deadline.act_by)
      o << (n.deadline.passed ? "; deadline passed " : "; act by ") << iso_date(*n.deadline.act_by)
        << " (" << n.deadline.owner << " rule)";
    o << "\n";
    if (!n.note.empty()) o << "       " << n.note << "\n";
    for (std::string_view id : n.sources)
      if (std::find(why.begin(), why.end(), id) == why.end()) why.push_back(id);
  }
  if (!why.empty()) {
    o << "    Why we say this:";
    for (std::string_view id : why)
      if (const SourceInfo* s = find_source(id))
        o << "\n      - " << s->title << " (" << s->publisher << ")";
    o << "\n";
  }
}

// The memo's head: files, summary, payments and the worklist (they need every file).
void head(std::ostringstream& o, const Report& r, bool mask) {
  const Summary& s = r.summary;
  o << "DENIAL EXPLAINER - remittance memo\n";
  for (const FileInfo& f : r.files)
    o << "File: " << f.name << " ("
      << (f.readable ? (f.errors ? "read with errors" : "read") : "not readable")
      << (f.kind == FileKind::remittance_835 ? "" : ", " + std::string(file_kind_label(f.kind)))
      << (f.balance_findings ? "; " + std::to_string(f.balance_findings) + " balance finding(s)"
                             : std::string())
      << ")\n";
  o << "\nSUMMARY\n";
  o << "  " << s.claims << " claims, " << s.service_lines << " service lines in " << s.transactions
    << " payment(s).\n";
  o << "  Billed " << usd(s.total_charge) << "; paid " << usd(s.total_paid)
    << "; patient responsibility " << usd(s.total_patient_responsibility) << ".\n";
  o << "  Denied or cut: " << usd(s.denied_amount) << " on " << s.denied_claims
    << " claim(s); denial rate "
    << percent(static_cast<Cents>(s.denied_claims), static_cast<Cents>(s.claims)) << " of claims, "
    << percent(s.denied_amount, s.total_charge) << " of billed dollars.\n";
  // Not every denial is worth working (bundling, non-covered): the recoverable bucket is.
  auto work_rows = worklist(r);
  o << "  Worth working (appeal, correct, rebill, chase): " << usd(s.recoverable_amount) << " on "
    << work_rows.size() << " claim(s); patient or next payer " << usd(s.patient_amount)
    << "; the rest is written off or billed as shown below.\n";
  o << "  Contractual write-offs " << usd(s.write_off_amount)
    << "; provider-level adjustments (PLB) " << usd(s.provider_adjustment_total) << ".\n";
  if (!r.options.as_of.empty()) o << "  Deadlines judged as of " << r.options.as_of << ".\n";
  if (s.duplicate_payments)
    o << "  " << s.duplicate_payments
      << " payment(s) were retransmissions and are not counted twice.\n";

  for (std::size_t t = 0; t < r.transactions.size(); ++t) {
    const Transaction& tx = r.transactions[t];
    o << "\nPAYMENT " << (t + 1) << ": "
      << (tx.payment.method.empty() ? "" : tx.payment.method + " ") << usd(tx.payment.amount)
      << (tx.payment.date.empty() ? "" : " on " + iso(tx.payment.date))
      << (tx.payment.trace_number.empty() ? "" : ", trace " + tx.payment.trace_number) << "\n";
    o << "  From " << (tx.payer.name.empty() ? "(payer not named)" : tx.payer.name) << " to "
      << (tx.payee.name.empty() ? "(payee not named)" : tx.payee.name) << "\n";
    if (r.duplicate_of[t] >= 0)
      o << "  Retransmission of payment " << (r.duplicate_of[t] + 1) << ": not counted again.\n";
    for (const ProviderAdjustment& p : tx.provider_adjustments) {
      const CodeEntry* e = find_code(CodeList::plb_reason, p.reason);
      o << "  Provider adjustment " << p.reason << (p.reference.empty() ? "" : ":" + p.reference)
        << " " << usd(p.amount) << " (" << (e ? e->description : "code not in the PLB list") << "; "
        << (p.amount >= 0 ? "withheld from" : "added to") << " this payment)\n";
    }
    for (const BalanceFinding& b : r.balance) {
      if (b.transaction != t) continue;
      o << "  Does not balance (" << b.rule << "): expected " << usd(b.expected) << ", file says "
        << usd(b.actual) << ", difference " << usd(b.difference)
        << (b.claim >= 0 ? " on claim #" + std::to_string(b.claim + 1) : "") << "\n";
    }
  }

  const auto& work = work_rows;
  o << "\nWHAT NEEDS WORK (" << work.size() << " claim" << (work.size() == 1 ? "" : "s")
    << ", largest first)\n";
  if (work.empty()) o << "  Nothing to appeal, correct or chase.\n";
  std::size_t n = 0;
  for (const ClaimRow* row : work) {
    o << "  " << ++n << ". "
      << (mask ? mask_id(row->patient_control_number) : row->patient_control_number)
      << (row->patient_name.empty() || mask ? "" : " (" + row->patient_name + ")") << ": "
      << row->action_label << ", " << usd(row->at_stake)
      << (row->act_by ? ", act by " + iso_date(*row->act_by) : std::string()) << " [" << row->codes
      << "]\n";
  }
}

// Acknowledgments (277CA/999), problems in the files and the closing note.
void foot(std::ostringstream& o, const Report& r, bool mask) {
  o << detail::acknowledgments_text(r, mask);
  std::size_t problems = 0;
  for (const auto& [file, d] : r.diagnostics)
    if (d.severity != Severity::info) ++problems;
  if (problems) {
    o << "\nPROBLEMS IN THE FILE (" << problems << ")\n";
    for (const auto& [file, d] : r.diagnostics) {
      if (d.severity == Severity::info) continue;
      o << "  " << severity_name(d.severity) << " " << errc_name(d.code);
      if (d.segment_no) o << " at segment " << d.segment_no << " (byte " << d.byte_offset << ")";
      o << ": " << d.message << "\n";
    }
  }
  o << "\nOfficial code text: X12 CARC/RARC lists, release "
    << code_list_info(CodeList::carc).release
    << ". Guidance is Denial Explainer's own advice, not official text.\n";
}

// A claim's block on a reader thread, as TextWriter::claim writes it.
class TextRenderer : public ClaimRenderer {
 public:
  explicit TextRenderer(bool mask) : mask_(mask) {}
  void transaction(std::string_view, const Transaction&) override {}
  void render(const ExplainedClaim& x, std::string& out) override {
    block_.text.clear();  // one string for every claim: its room is reused
    claim_block(block_, x, mask_);
    detail::make_printable(block_.text);
    out.swap(block_.text);  // the two strings' rooms take turns
  }

 private:
  bool mask_;
  BlockText block_;
};

// Claim blocks are written as files are read, but the memo shows them after the summary:
// they wait in a buffer that moves to a temporary file once it is large, so memory stays flat.
class TextWriter : public ReportWriter {
 public:
  TextWriter(std::ostream& out, bool mask) : out_(out), mask_(mask) {}

  bool keeps_texts_in_files() const override { return true; }

  void claim(const ClaimContext& at, const ExplainedClaim& x) override {
    if (at.in_file) return blocks_.append(*at.in_file);
    if (at.rendered) return blocks_.append(*at.rendered);
    own_.render(x, text_);
    blocks_.append(text_);
  }

  std::unique_ptr<ClaimRenderer> renderer() const override {
    return std::make_unique<TextRenderer>(mask_);
  }

  void transaction_end(const Report&, std::size_t) override {}

  void finish(const Report& r) override {
    std::ostringstream o;
    head(o, r, mask_);
    out_ << detail::printable(o.str());
    if (!r.transactions.empty()) {
      out_ << "\nCLAIM BY CLAIM\n";
      blocks_.drain([&](std::string_view chunk) { out_ << chunk; });
    }
    std::ostringstream f;
    foot(f, r, mask_);
    out_ << detail::printable(f.str());
    out_.flush();
  }

 private:
  std::ostream& out_;
  bool mask_;
  TextRenderer own_{mask_};  ///< for claims not rendered ahead
  std::string text_;
  detail::SpillBuffer blocks_;
};

}  // namespace

namespace detail {
std::unique_ptr<ReportWriter> make_text_writer(std::ostream& out, bool mask) {
  return std::make_unique<TextWriter>(out, mask);
}
}  // namespace detail

std::string to_text(const Report& r, bool mask) {
  std::ostringstream out;
  write_report(r, ReportFormat::text, out, {mask, false});
  return out.str();
}

}  // namespace denial
