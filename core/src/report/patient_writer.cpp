// `--format patient`: one letter per claim the patient is billed for, each on its own page (a
// form feed between letters), and what the billing office must check first, kept apart. It
// streams like the other writers: a letter is written once its payment is known not to be a
// retransmission (the same money read twice gets one letter, not two).
#include <ostream>
#include <sstream>

#include "denial/report_writer.h"

namespace denial {
namespace {

class PatientWriter : public ReportWriter {
 public:
  PatientWriter(std::ostream& out, PatientLetters& tally) : out_(out), tally_(tally) {}

  void claim(const ClaimContext& at, const ExplainedClaim& x) override {
    if (!x.patient_explanation || at.duplicate.value_or(false)) return;
    if (at.duplicate.has_value())
      write(*x.patient_explanation);
    else
      waiting_.push_back(x.patient_explanation);  // a few letters: the transaction's
  }

  void transaction_end(const Report& r, std::size_t t) override {
    if (r.duplicate_of[t] < 0)
      for (const auto& e : waiting_) write(*e);
    waiting_.clear();
  }

  void finish(const Report&) override { out_.flush(); }
  bool needs_drafts() const override { return true; }  // the letter is one of the drafts

 private:
  void write(const PatientExplanation& e) {
    if (tally_.count) out_ << "\f\n";
    out_ << patient_letter_text(e);
    ++tally_.count;
    for (const std::string& check : e.office_checks)
      tally_.office_checks.emplace_back(e.patient_control_number, check);
  }

  std::ostream& out_;
  PatientLetters& tally_;
  std::vector<std::shared_ptr<const PatientExplanation>> waiting_;
};

}  // namespace

std::unique_ptr<ReportWriter> make_patient_writer(std::ostream& letters, PatientLetters& tally) {
  return std::make_unique<PatientWriter>(letters, tally);
}

PatientLetters patient_letters(const Report& r) {
  PatientLetters out;
  std::ostringstream letters;
  auto writer = make_patient_writer(letters, out);
  writer->transactions(r, 0, r.transactions.size());
  writer->finish(r);
  out.letters = letters.str();
  return out;
}

}  // namespace denial
