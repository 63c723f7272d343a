#include <catch2/catch.hpp>

#include <limits>
#include <stdexcept>
#include <string>

#include "core/sim/alarm.h"

using namespace cp::sim;

namespace {

AlarmSpec spec(int m, int n, MissingData missing = MissingData::Missing) {
  AlarmSpec s;
  s.threshold = 1;
  s.comparison = Comparison::GreaterThanOrEqualToThreshold;
  s.period_s = 60;
  s.evaluation_periods = n;
  s.datapoints_to_alarm = m;
  s.missing = missing;
  return s;
}

// The docs' notation, oldest first: 0 = not breaching, X = breaching, - = missing.
AlarmState run(Alarm& a, const std::string& points) {
  for (char c : points) {
    if (c == ' ') continue;
    a.evaluate(c == '-' ? std::nullopt : std::optional<double>(c == 'X' ? 2.0 : 0.0));
  }
  return a.state();
}

AlarmState after(const std::string& points, int m, int n, MissingData md, AlarmState initial = AlarmState::InsufficientData) {
  Alarm a(spec(m, n, md), initial);
  return run(a, points);
}

constexpr AlarmState OK = AlarmState::Ok, ALARM = AlarmState::Alarm, INSUFF = AlarmState::InsufficientData;
constexpr AlarmState RETAIN = static_cast<AlarmState>(99);  // "retain current state" in the docs' tables

struct Row {
  const char* points;
  AlarmState missing, ignore, breaching, not_breaching;
};

void check_table(int m, int n, const std::vector<Row>& rows) {
  for (const Row& r : rows) {
    INFO("datapoints " << r.points << ", " << m << " of " << n);
    CHECK(after(r.points, m, n, MissingData::Missing) == r.missing);
    CHECK(after(r.points, m, n, MissingData::Breaching) == r.breaching);
    CHECK(after(r.points, m, n, MissingData::NotBreaching) == r.not_breaching);
    if (r.ignore == RETAIN) {
      // The state before these datapoints stays, whichever it was.
      CHECK(after(r.points, m, n, MissingData::Ignore, OK) == OK);
      CHECK(after(r.points, m, n, MissingData::Ignore, ALARM) == ALARM);
    } else {
      CHECK(after(r.points, m, n, MissingData::Ignore, OK) == r.ignore);
      CHECK(after(r.points, m, n, MissingData::Ignore, ALARM) == r.ignore);
    }
  }
}

}  // namespace

TEST_CASE("Alarm statistics: Average, Sum, Minimum, Maximum, SampleCount of one period", "[alarm]") {
  PeriodStats p;
  for (Statistic s : {Statistic::Average, Statistic::Sum, Statistic::Minimum, Statistic::Maximum, Statistic::SampleCount})
    CHECK_FALSE(p.value(s).has_value());  // no sample: a missing datapoint, not 0
  for (double v : {4.0, 1.0, 7.0, 2.0}) p.add(v);
  p.add(std::numeric_limits<double>::quiet_NaN());  // not a sample
  CHECK(*p.value(Statistic::Average) == 3.5);
  CHECK(*p.value(Statistic::Sum) == 14);
  CHECK(*p.value(Statistic::Minimum) == 1);
  CHECK(*p.value(Statistic::Maximum) == 7);
  CHECK(*p.value(Statistic::SampleCount) == 4);
  p.clear();
  CHECK_FALSE(p.value(Statistic::Sum).has_value());
  p.add(-3);  // the first sample sets both extremes
  CHECK(*p.value(Statistic::Minimum) == -3);
  CHECK(*p.value(Statistic::Maximum) == -3);

  // Through the alarm: one spike of 9 in a period of 1s breaches on Maximum (> 5), not on Average (1.8).
  auto period_of = [](Statistic st) {
    AlarmSpec s = spec(1, 1);
    s.statistic = st;
    s.comparison = Comparison::GreaterThanThreshold;
    s.threshold = 5;
    Alarm a(s);
    for (double v : {1.0, 9.0, 1.0, 1.0, 1.0}) a.record(v);
    AlarmStep step = a.end_period();
    CHECK(a.period().count() == 0);  // the next period starts empty
    return step;
  };
  CHECK(period_of(Statistic::Maximum).state == ALARM);
  CHECK(*period_of(Statistic::Maximum).datapoint == 9);
  CHECK(period_of(Statistic::Average).state == OK);
  CHECK(*period_of(Statistic::Average).datapoint == 2.6);
  CHECK(period_of(Statistic::Sum).state == ALARM);        // 13 > 5
  CHECK(period_of(Statistic::SampleCount).state == OK);   // 5 is not > 5
  CHECK(period_of(Statistic::Minimum).state == OK);
  // A period without samples is a missing datapoint.
  Alarm empty(spec(1, 1));
  AlarmStep st = empty.end_period();
  CHECK_FALSE(st.datapoint.has_value());
  CHECK(st.state == INSUFF);
}

TEST_CASE("Alarm comparison operators at and around the threshold", "[alarm]") {
  auto state_for = [](Comparison c, double v) {
    AlarmSpec s = spec(1, 1);
    s.comparison = c;
    s.threshold = 10;
    Alarm a(s);
    return a.evaluate(v).state;
  };
  CHECK(state_for(Comparison::GreaterThanOrEqualToThreshold, 10) == ALARM);
  CHECK(state_for(Comparison::GreaterThanOrEqualToThreshold, 9.99) == OK);
  CHECK(state_for(Comparison::GreaterThanThreshold, 10) == OK);
  CHECK(state_for(Comparison::GreaterThanThreshold, 10.01) == ALARM);
  CHECK(state_for(Comparison::LessThanThreshold, 10) == OK);
  CHECK(state_for(Comparison::LessThanThreshold, 9.99) == ALARM);
  CHECK(state_for(Comparison::LessThanOrEqualToThreshold, 10) == ALARM);
  CHECK(state_for(Comparison::LessThanOrEqualToThreshold, 10.01) == OK);
  CHECK(std::string(comparison_symbol(Comparison::LessThanOrEqualToThreshold)) == "<=");
}

TEST_CASE("Alarm M out of N: breaching datapoints need not be consecutive", "[alarm]") {
  Alarm a(spec(2, 3));
  CHECK(run(a, "X 0 X") == ALARM);  // 2 of the last 3
  CHECK(run(a, "0") == OK);         // 0 X 0 → OK: one breach left in the window
  CHECK(run(a, "X") == ALARM);      // X 0 X again
  CHECK(run(a, "0 0") == OK);
  // 3 of 3 is CloudWatch's "N in a row"; 1 of 1 reacts to each datapoint.
  Alarm all(spec(3, 3));
  CHECK(run(all, "X X 0 X X") == OK);
  CHECK(run(all, "X") == ALARM);
  Alarm one(spec(1, 1));
  CHECK(run(one, "X") == ALARM);
  CHECK(run(one, "0") == OK);
}

TEST_CASE("Alarm missing data: every row of CloudWatch's two tables, for each treatment", "[alarm]") {
  // CloudWatch User Guide, "How alarm state is evaluated when data is missing" (5 datapoints retrieved for N = 3).
  check_table(3, 3,
              {
                  {"0 - X - X", OK, OK, OK, OK},
                  {"0 - - - -", OK, OK, OK, OK},
                  {"- - - - -", INSUFF, RETAIN, ALARM, OK},
                  {"0 X X - X", ALARM, ALARM, ALARM, ALARM},
                  {"- - - - X", INSUFF, RETAIN, ALARM, OK},
                  {"X - - - -", ALARM, RETAIN, ALARM, OK},
              });
  check_table(2, 3,
              {
                  {"0 - X - X", ALARM, ALARM, ALARM, ALARM},
                  {"0 0 X 0 X", ALARM, ALARM, ALARM, ALARM},
                  {"0 - X - -", OK, OK, ALARM, OK},
                  {"- - - - 0", OK, OK, ALARM, OK},
                  {"- - - - X", INSUFF, RETAIN, ALARM, OK},
              });
  // The docs' second row, one evaluation later: the good datapoint has left the range,
  // so with missing data treated as breaching the alarm goes to ALARM.
  Alarm a(spec(3, 3, MissingData::Breaching));
  CHECK(run(a, "0 - - - -") == OK);
  CHECK(run(a, "-") == ALARM);
}

TEST_CASE("Alarm missing data: what is filled in and counted", "[alarm]") {
  Alarm b(spec(2, 3, MissingData::Breaching));
  AlarmStep s = b.evaluate(0.0);  // 1 real (good) + 2 filled as breaching
  CHECK(s.real == 1);
  CHECK(s.filled == 2);
  CHECK(s.breaching == 2);
  CHECK(s.state == ALARM);
  Alarm nb(spec(1, 3, MissingData::NotBreaching));
  s = nb.evaluate(std::nullopt);
  CHECK(s.filled == 3);
  CHECK(s.breaching == 0);
  CHECK(s.state == OK);
  // NaN is a missing datapoint.
  Alarm m(spec(1, 1));
  s = m.evaluate(std::numeric_limits<double>::quiet_NaN());
  CHECK_FALSE(s.datapoint.has_value());
  CHECK(s.state == INSUFF);
  // With N real datapoints in the range, the treatment is not used: missing ones between them are skipped.
  Alarm skip(spec(3, 3, MissingData::NotBreaching));
  CHECK(run(skip, "X - X X") == ALARM);
  s = skip.evaluate(std::nullopt);  // X - X X -: still 3 real breaching ones in the range of 5
  CHECK(s.real == 3);
  CHECK(s.filled == 0);
  CHECK(s.state == ALARM);
  s = skip.evaluate(std::nullopt);  // - X X - -: 2 real + 1 filled as good
  CHECK(s.state == OK);
}

TEST_CASE("Alarm state transitions are reported with the state before and after", "[alarm]") {
  Alarm a(spec(2, 2));
  CHECK(a.state() == INSUFF);  // CloudWatch starts a new alarm here
  AlarmStep s = a.evaluate(2.0);  // one breaching of the two needed: cannot tell yet
  CHECK(s.previous == INSUFF);
  CHECK(s.state == INSUFF);
  CHECK_FALSE(s.changed());
  s = a.evaluate(2.0);
  CHECK(s.previous == INSUFF);
  CHECK(s.state == ALARM);
  CHECK(s.changed());
  s = a.evaluate(3.0);  // stays in ALARM: no transition, but the state is there for an action each period
  CHECK(s.state == ALARM);
  CHECK_FALSE(s.changed());
  s = a.evaluate(0.0);
  CHECK(s.previous == ALARM);
  CHECK(s.state == OK);
  CHECK(s.changed());
  CHECK(std::string(state_name(s.previous)) + " -> " + state_name(s.state) == "ALARM -> OK");
  CHECK(std::string(state_name_ko(INSUFF)) == "데이터 부족");
  // An alarm that existed before the run may start in OK.
  Alarm ok(spec(1, 1), OK);
  CHECK(ok.state() == OK);
  CHECK_FALSE(ok.evaluate(0.0).changed());
  // After the data stops, the alarm goes to INSUFFICIENT_DATA once the range holds nothing real.
  Alarm stop(spec(1, 1));
  CHECK(run(stop, "0") == OK);
  CHECK(run(stop, "- -") == OK);  // the good datapoint is still in the range of 3
  s = stop.evaluate(std::nullopt);
  CHECK(s.previous == OK);
  CHECK(s.state == INSUFF);
}

TEST_CASE("Alarm copies carry their history (a checkpoint of a model holding one)", "[alarm]") {
  Alarm a(spec(2, 3));
  run(a, "X 0");
  Alarm b = a;
  CHECK(run(a, "X") == ALARM);
  CHECK(run(b, "X") == ALARM);
  CHECK(run(b, "0 0") == OK);
  CHECK(a.state() == ALARM);
}

TEST_CASE("Alarm specs: invalid periods and windows are refused with the reason", "[alarm]") {
  for (double p : {10.0, 30.0, 60.0, 120.0, 300.0, 3600.0, 86400.0}) CHECK(valid_alarm_period(p));
  for (double p : {0.0, -60.0, 1.0, 15.0, 20.0, 45.0, 59.0, 90.0, 60.5, 86460.0, std::numeric_limits<double>::quiet_NaN(),
                   std::numeric_limits<double>::infinity()})
    CHECK_FALSE(valid_alarm_period(p));

  auto issues = [](AlarmSpec s) {
    std::string all;
    for (const AlarmSpecIssue& i : check_alarm_spec(s)) all += i.en + "\n";
    return all;
  };
  CHECK(issues(spec(1, 1)).empty());
  AlarmSpec s = spec(1, 1);
  s.period_s = 45;
  CHECK(issues(s).find("10, 30 or a multiple of 60 seconds, not 45") != std::string::npos);
  REQUIRE(check_alarm_spec(s).size() == 1);
  CHECK(check_alarm_spec(s)[0].field == AlarmField::Period);
  CHECK(check_alarm_spec(s)[0].ko.find("60초의 배수") != std::string::npos);
  CHECK_THROWS_AS(Alarm(s), std::invalid_argument);
  s = spec(1, 25);
  s.period_s = 3600;
  CHECK(issues(s).find("at most one day (86400 s), not 90000 s") != std::string::npos);
  CHECK_THROWS_AS(Alarm(s), std::invalid_argument);
  s.evaluation_periods = 24;  // exactly a day is allowed
  CHECK(issues(s).empty());
  CHECK(issues(spec(4, 3)).find("datapoints to alarm must be from 1 to the evaluation periods (3), not 4") != std::string::npos);
  CHECK(issues(spec(0, 3)).find("datapoints to alarm") != std::string::npos);
  CHECK(issues(spec(1, 0)).find("evaluation periods must be at least 1") != std::string::npos);
  s = spec(1, 1);
  s.threshold = std::numeric_limits<double>::infinity();
  CHECK(issues(s).find("finite") != std::string::npos);
  CHECK_THROWS_AS(Alarm(spec(4, 3)), std::invalid_argument);
}
