// The patient explanation as a plain-text letter (72 columns, ready to print). The words are
// the explanation's; this file only lays them out.
#include <map>
#include <tuple>
#include <utility>

#include "denial/patient_explanation.h"
#include "string_out.h"

namespace denial {
namespace {

constexpr std::size_t kWidth = 72;

std::string dollars(Cents c) {
  std::string s = format_cents(c < 0 ? -c : c);
  std::size_t dot = s.find('.');
  for (std::ptrdiff_t i = static_cast<std::ptrdiff_t>(dot) - 3; i > 0; i -= 3) s.insert(i, ",");
  return (c < 0 ? "-$" : "$") + s;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& ch : out)
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
  return out;
}

// Wraps `text` at word boundaries; the first line starts with `first`, the others with
// `rest` (a hanging indent for list items).
void wrap(detail::StringOut& o, std::string_view text, const std::string& first,
          const std::string& rest) {
  std::string line = first;
  bool empty = true;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    std::size_t end = text.find(' ', i);
    if (end == std::string_view::npos) end = text.size();
    std::string_view word = text.substr(i, end - i);
    i = end;
    if (word.empty()) continue;
    if (!empty && line.size() + 1 + word.size() > kWidth) {
      o << line << "\n";
      line = rest;
      empty = true;
    }
    if (!empty) line += ' ';
    line += word;
    empty = false;
  }
  if (!empty) o << line << "\n";
}

// wrap() for the explanation's static texts (views of the loaded tables): each is laid out
// once per thread and copied after; letters are written for most claims of a big file. Found
// by where the text is, and used only when the text there is still the same.
void wrap_static(detail::StringOut& o, std::string_view text, const std::string& first,
                 const std::string& rest) {
  using Key = std::tuple<const char*, std::size_t, std::string, std::string>;
  struct LaidOut {
    std::string text, lines;
  };
  thread_local std::map<Key, LaidOut> laid_out;
  LaidOut& l = laid_out[Key{text.data(), text.size(), first, rest}];
  if (l.text != text) {  // new (an empty text lays out as nothing), or another text there
    detail::StringOut once;
    wrap(once, text, first, rest);
    l = {std::string(text), std::move(once.text)};
  }
  o << l.lines;
}

void fact(detail::StringOut& o, std::string_view label, const std::string& value) {
  if (!value.empty()) o << label << ": " << value << "\n";
}

void money_row(detail::StringOut& o, std::string_view label, Cents amount) {
  std::string left = "  " + std::string(label);
  std::string right = dollars(amount);
  std::size_t pad = left.size() + right.size() < 60 ? 60 - left.size() - right.size() : 1;
  o << left << std::string(pad, ' ') << right << "\n";
}

}  // namespace

std::string patient_letter_text(const PatientExplanation& e) {
  const Channel ch = e.channel;
  detail::StringOut o;  // built in one string: this runs per claim with a letter
  o << upper(patient_label("title", ch)) << "\n\n";
  fact(o, patient_label("date", ch), e.date.empty() ? std::string("[DATE]") : e.date);
  fact(o, patient_label("patient", ch), e.patient_name);
  fact(o, patient_label("account", ch), e.patient_control_number);
  fact(o, patient_label("dates", ch), e.dates_of_service);
  fact(o, patient_label("provider", ch), e.provider);
  fact(o, patient_label("plan", ch), e.plan);
  fact(o, patient_label("plan_claim", ch), e.payer_claim_number);
  fact(o, patient_label("member_id", ch), e.member_id);
  o << "\n";
  wrap_static(o, e.intro, "", "");
  o << "\n";
  money_row(o, patient_label("billed", ch), e.billed);
  money_row(o, patient_label("plan_paid", ch), e.plan_paid);
  // Nothing else adjusted: a row of $0.00 would only raise a question.
  if (e.not_billed != 0) money_row(o, patient_label("not_billed", ch), e.not_billed);
  money_row(o, patient_label("owed", ch), e.owed);
  o << "\n" << upper(patient_label("why", ch)) << "\n";
  for (const PatientShare& s : e.shares) {
    o << "\n";
    wrap(o, std::string(s.label) + ": " + dollars(s.amount), "  ", "  ");
    wrap_static(o, s.text, "  ", "  ");
  }
  o << "\n";
  for (std::string_view note : e.notes) {
    wrap_static(o, note, "", "");
    o << "\n";
  }
  o << upper(patient_label("disagree", ch)) << "\n\n";
  for (std::string_view item : e.if_you_disagree) wrap_static(o, item, "- ", "  ");
  return std::move(o.text);
}

}  // namespace denial
