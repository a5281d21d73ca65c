// The claim's `patient_explanation` object (docs/report-schema.md). One function, so the
// claim writer only calls it; absent (not null) on claims the patient is not billed for.
#include "denial/patient_explanation.h"
#include "report/json_parts.h"

namespace denial::detail {

namespace {

using nlohmann::json;

json texts(const std::vector<std::string_view>& v) {
  json a = json::array();
  for (std::string_view s : v) a.push_back(std::string(s));
  return a;
}

}  // namespace

void add_patient_explanation(json& claim, const ExplainedClaim& x) {
  if (!x.patient_explanation) return;
  const PatientExplanation& e = *x.patient_explanation;
  const Channel ch = e.channel;
  json labels = json::object();
  for (const char* id : kPatientLabelIds) labels[id] = std::string(patient_label(id, ch));
  json shares = json::array();
  for (const PatientShare& s : e.shares)
    shares.push_back({{"code", s.code},
                      {"label", std::string(s.label)},
                      {"amount", format_cents(s.amount)},
                      {"text", std::string(s.text)},
                      {"sources", texts(s.sources)}});
  claim["patient_explanation"] = {{"source", kPatientExplanationSource},
                                  {"date", e.date.empty() ? json(nullptr) : json(e.date)},
                                  {"patient_name", e.patient_name},
                                  {"patient_control_number", e.patient_control_number},
                                  {"payer_claim_number", e.payer_claim_number},
                                  {"member_id", e.member_id},
                                  {"dates_of_service", e.dates_of_service},
                                  {"provider", e.provider},
                                  {"plan", e.plan},
                                  {"channel", channel_id(ch)},
                                  {"billed", format_cents(e.billed)},
                                  {"plan_paid", format_cents(e.plan_paid)},
                                  {"not_billed", format_cents(e.not_billed)},
                                  {"owed", format_cents(e.owed)},
                                  {"labels", labels},
                                  {"intro", std::string(e.intro)},
                                  {"shares", shares},
                                  {"notes", texts(e.notes)},
                                  {"if_you_disagree", texts(e.if_you_disagree)},
                                  {"office_checks", e.office_checks},
                                  {"sources", texts(e.sources)},
                                  {"text", patient_letter_text(e)}};
}

}  // namespace denial::detail
