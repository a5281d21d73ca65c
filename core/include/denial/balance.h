// Balance checks: the three TR3 balancing rules plus CLP05 against PR adjustments.
// Findings carry both amounts and the difference; the file is explained, never rejected.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "denial/era.h"

namespace denial {

enum class BalanceLevel { service_line, claim, transaction, patient_responsibility };

struct BalanceFinding {
  BalanceLevel level = BalanceLevel::claim;
  std::size_t transaction = 0;  ///< index in Era::transactions
  std::ptrdiff_t claim = -1;    ///< index in the transaction, -1 = n/a
  std::ptrdiff_t line = -1;     ///< index in the claim, -1 = n/a
  Cents expected = 0;           ///< what the rule computes
  Cents actual = 0;             ///< what the file says
  Cents difference = 0;         ///< actual - expected
  SourcePos pos;
  std::string rule;  ///< e.g. "SVC02 - line CAS = SVC03"
};

std::string_view balance_level_name(BalanceLevel level);

/// Line and claim rules for one claim (claim index given for the findings).
void check_claim_balance(const Claim& claim, std::size_t transaction, std::ptrdiff_t claim_index,
                         std::vector<BalanceFinding>& out);

/// BPR02 = sum CLP04 - sum PLB amounts.
void check_transaction_balance(const Transaction& t, std::size_t transaction, Cents sum_claim_paid,
                               std::vector<BalanceFinding>& out);

}  // namespace denial
