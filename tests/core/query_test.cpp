// The row query's orders: the worklist by amount at stake (default) or by deadline, soonest
// first, claims without a deadline after every dated one, ties in file order.
#include "denial/query.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "denial/report.h"
#include "test_util.h"

using namespace denial;

namespace {

// Every scenario remit (tests/data/scenarios) judged on the date they were written for.
Report scenarios() {
  std::set<std::string> paths;
  for (const auto& e :
       std::filesystem::directory_iterator(std::string(DENIAL_TEST_DATA) + "/scenarios"))
    if (e.path().extension() == ".835") paths.insert(e.path().string());
  ExplainOptions options;
  options.as_of = "20261207";
  ReportBuilder b(UINT64_MAX, UINT64_MAX, options);
  for (const auto& p : paths) b.add_file(p, denial_test::read_file(p));
  return b.finish();
}

}  // namespace

TEST(QueryOrder, SoonestDeadlineFirstThenUndated) {
  Report r = scenarios();
  RowQuery q;
  q.outcome = "needs_action";
  q.sort = "act_by";
  q.descending = false;
  q.limit = 100000;
  RowPage page = query_rows(r, q);
  ASSERT_GT(page.rows.size(), 10u);
  std::size_t dated = 0;
  bool undated_seen = false;
  for (std::size_t i = 0; i < page.rows.size(); ++i) {
    const ClaimRow& row = r.rows[page.rows[i]];
    if (!row.act_by) {
      undated_seen = true;
      continue;
    }
    ++dated;
    EXPECT_FALSE(undated_seen) << "a dated claim after an undated one at " << i;
    if (i > 0 && r.rows[page.rows[i - 1]].act_by) {
      EXPECT_LE(*r.rows[page.rows[i - 1]].act_by, *row.act_by) << "at " << i;
      if (*r.rows[page.rows[i - 1]].act_by == *row.act_by)
        EXPECT_LT(page.rows[i - 1], page.rows[i]) << "ties keep file order";
    }
  }
  EXPECT_GT(dated, 5u);
  EXPECT_TRUE(undated_seen);
  // Same claims as the default order, only reordered.
  RowQuery by_stake = q;
  by_stake.sort = "at_stake";
  by_stake.descending = true;
  RowPage other = query_rows(r, by_stake);
  EXPECT_EQ(other.total, page.total);
  std::multiset<std::size_t> a(page.rows.begin(), page.rows.end()),
      b(other.rows.begin(), other.rows.end());
  EXPECT_EQ(a, b);
  EXPECT_NE(page.rows, other.rows);
}
