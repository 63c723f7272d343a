// CloudWatch-style metric alarm: the one alarm evaluator of the engine (Auto
// Scaling's step scaling and target tracking use it; an SQS-based scaling
// policy or an alarm node would too).
//
//   cp::sim::AlarmSpec s;
//   s.statistic = Statistic::Average;               // of the samples in each period
//   s.comparison = Comparison::GreaterThanThreshold;
//   s.threshold = 70;
//   s.period_s = 60;                                // 10, 30 or a multiple of 60
//   s.evaluation_periods = 3;                       // N
//   s.datapoints_to_alarm = 2;                      // M: "2 out of 3"
//   s.missing = MissingData::Missing;               // CloudWatch's default
//   for (const AlarmSpecIssue& i : check_alarm_spec(s)) { ... i.field, i.en, i.ko ... }
//   cp::sim::Alarm a(s);                            // throws std::invalid_argument if the spec is invalid
//   a.record(cpu_percent);                          // any number of samples during a period
//   AlarmStep st = a.end_period();                  // the caller ends each period (a timer, or on_second)
//   if (st.changed()) log(state_name(st.previous), state_name(st.state));
//   if (st.state == AlarmState::Alarm) act();       // Auto Scaling acts on every period in ALARM
//   a.evaluate(datapoint);                          // or a datapoint computed elsewhere; nullopt = missing
//
// Evaluation (CloudWatch User Guide, "Using Amazon CloudWatch alarms": alarm
// evaluation and missing data; ⚠ not in AWS-FACTS): the alarm keeps the last
// kEvaluationRangeExtra + N datapoints (the evaluation range). With at least N
// real datapoints in it, the N most recent real ones decide and the missing-data
// treatment is not used. With fewer, the real ones count wherever they are, and
// the treatment fills the rest:
//   notBreaching / breaching — the missing ones are filled in as good / bad;
//   missing — only real datapoints count: M breaching -> ALARM, any good one ->
//             OK; all real ones breaching but fewer than M -> INSUFFICIENT_DATA,
//             except when the oldest datapoint of the range is real (data that
//             stopped flowing keeps its verdict: the docs' "X - - - -" -> ALARM);
//             none at all -> INSUFFICIENT_DATA;
//   ignore  — as missing, but where missing would need the absent data
//             (INSUFFICIENT_DATA, or that ALARM) the current state is kept.
// ALARM needs at least M breaching of the N datapoints evaluated; otherwise OK.
// The unit test checks every row of the docs' two tables.
//
// Deterministic: + - * / and comparisons only; copyable (a model holding one is
// cloned into checkpoints).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cp::sim {

// CloudWatch: a standard alarm's period is a multiple of 60 s; a high-resolution
// one's is 10 or 30 s. Evaluation periods × period at most one day.
// (CloudWatch User Guide, high-resolution alarms and common features; ⚠ not in AWS-FACTS.)
inline constexpr int kAlarmHighResolutionPeriodsS[] = {10, 30};
inline constexpr int kAlarmPeriodMultipleS = 60;
inline constexpr double kAlarmMaxWindowS = 86400;
// Datapoints the alarm looks back beyond N: the docs' example retrieves 5 for
// N = 3 and says the number depends on the period (⚠ a fixed +2 here).
inline constexpr int kEvaluationRangeExtra = 2;

enum class Statistic { Average, Sum, Minimum, Maximum, SampleCount };
enum class Comparison { GreaterThanOrEqualToThreshold, GreaterThanThreshold, LessThanThreshold, LessThanOrEqualToThreshold };
enum class MissingData { Missing, NotBreaching, Breaching, Ignore };
enum class AlarmState { Ok, Alarm, InsufficientData };

struct AlarmSpec {
  Statistic statistic = Statistic::Average;
  Comparison comparison = Comparison::GreaterThanOrEqualToThreshold;
  double threshold = 0;
  double period_s = 60;
  int evaluation_periods = 1;   // N
  int datapoints_to_alarm = 1;  // M, 1..N
  MissingData missing = MissingData::Missing;
};

// Which part of a spec is wrong, and why in words (English and Korean).
enum class AlarmField { Period, EvaluationPeriods, DatapointsToAlarm, Threshold };
struct AlarmSpecIssue {
  AlarmField field;
  std::string en, ko;
};
// Empty when the spec is valid. An invalid period hides the window check.
std::vector<AlarmSpecIssue> check_alarm_spec(const AlarmSpec& s);
bool valid_alarm_period(double period_s);

// "OK", "ALARM", "INSUFFICIENT_DATA" (CloudWatch's names), and the Korean console's words.
const char* state_name(AlarmState s);
const char* state_name_ko(AlarmState s);  // 정상, 경보 상태, 데이터 부족
const char* statistic_name(Statistic s);  // "Average", ...
const char* comparison_symbol(Comparison c);  // ">=", ">", "<", "<="

// One period's samples: their count, sum, minimum and maximum.
class PeriodStats {
 public:
  void add(double v);
  void clear() { *this = PeriodStats{}; }
  uint64_t count() const { return count_; }
  double sum() const { return sum_; }
  // The period's datapoint; nullopt (missing) when no sample was recorded.
  std::optional<double> value(Statistic s) const;

 private:
  uint64_t count_ = 0;
  double sum_ = 0, min_ = 0, max_ = 0;
};

// What one evaluation did: the state before and after, and what was counted.
struct AlarmStep {
  AlarmState previous = AlarmState::InsufficientData;
  AlarmState state = AlarmState::InsufficientData;
  std::optional<double> datapoint;  // this period's (nullopt = missing)
  int real = 0;       // real datapoints among the N evaluated
  int filled = 0;     // missing ones filled in by the treatment
  int breaching = 0;  // breaching among the evaluated (filled ones included)
  bool changed() const { return state != previous; }
};

class Alarm {
 public:
  // CloudWatch starts a new alarm in INSUFFICIENT_DATA; a model whose alarm
  // existed before the run may start it in OK.
  explicit Alarm(const AlarmSpec& spec, AlarmState initial = AlarmState::InsufficientData);

  void record(double sample) { period_.add(sample); }
  // Ends the period: its statistic (missing if nothing was recorded) is evaluated.
  AlarmStep end_period();
  // Adds one datapoint (nullopt or NaN = missing) and evaluates.
  AlarmStep evaluate(std::optional<double> datapoint);

  bool breaches(double v) const;
  AlarmState state() const { return state_; }
  const AlarmSpec& spec() const { return spec_; }
  const PeriodStats& period() const { return period_; }

 private:
  enum class Point : uint8_t { Missing, Good, Bad };
  AlarmSpec spec_;
  AlarmState state_;
  PeriodStats period_;
  std::vector<Point> range_;  // ring of the evaluation range, oldest at head_
  size_t head_ = 0;
  size_t size_ = 0;
};

}  // namespace cp::sim
