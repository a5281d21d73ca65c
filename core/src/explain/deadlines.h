// Deadlines as dates (docs/advice.md section 6): per claim and route, from the remit date and
// the dates of service, Medicare's rules or the user's contractual windows.
#pragma once

#include "denial/explain.h"

namespace denial::detail {

/// The date of service a filing limit counts from: the claim's through date (DTM*233), else
/// the earliest line date (DTM*472/150), else the claim's from date (DTM*232).
std::optional<Days> service_date_of(const Claim& c);

/// The deadline of a route (appeal, reopening, corrected_claim, new_claim) for this claim;
/// other actions have none. `passed` is judged against options.as_of when given.
Deadline deadline_for(Action route, Channel channel, const std::string& remit_date,
                      const Claim& claim, const ExplainOptions& options);

/// What a passed deadline leaves: the exception route in words.
std::string late_note(Action route, Channel channel, const Deadline& d);
/// The label of the write-off a passed deadline leaves ("Write off (the filing limit passed)").
std::string_view late_label(Action route, Channel channel);
/// Source ids (sources.csv) of the rule a deadline follows.
const std::vector<std::string_view>& deadline_sources(Action route, const Deadline& d);

}  // namespace denial::detail
