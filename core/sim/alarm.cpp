#include "core/sim/alarm.h"

#include <stdexcept>

#include "core/doc/messages.h"

namespace cp::sim {

bool valid_alarm_period(double p) {
  if (!(p >= 1 && p <= kAlarmMaxWindowS)) return false;  // NaN fails here too
  const auto whole = static_cast<int64_t>(p);
  if (static_cast<double>(whole) != p) return false;
  for (int s : kAlarmHighResolutionPeriodsS)
    if (whole == s) return true;
  return whole % kAlarmPeriodMultipleS == 0;
}

std::vector<AlarmSpecIssue> check_alarm_spec(const AlarmSpec& s) {
  using doc::format_number;
  std::vector<AlarmSpecIssue> out;
  if (!valid_alarm_period(s.period_s))
    out.push_back({AlarmField::Period, "a CloudWatch alarm period is 10, 30 or a multiple of 60 seconds, not " + format_number(s.period_s),
                   "CloudWatch 경보 기간은 10초, 30초 또는 60초의 배수여야 합니다. 지금 값: " + format_number(s.period_s)});
  if (s.evaluation_periods < 1)
    out.push_back({AlarmField::EvaluationPeriods, "evaluation periods must be at least 1, not " + std::to_string(s.evaluation_periods),
                   "평가 기간 수는 1 이상이어야 합니다. 지금 값: " + std::to_string(s.evaluation_periods)});
  else if (valid_alarm_period(s.period_s) && s.period_s * s.evaluation_periods > kAlarmMaxWindowS)
    out.push_back({AlarmField::EvaluationPeriods,
                   "evaluation periods × period may be at most one day (86400 s), not " + format_number(s.period_s * s.evaluation_periods) + " s",
                   "평가 기간 수 × 기간은 최대 하루(86400초)입니다. 지금 값: " + format_number(s.period_s * s.evaluation_periods) + "초"});
  if (s.evaluation_periods >= 1 && (s.datapoints_to_alarm < 1 || s.datapoints_to_alarm > s.evaluation_periods))
    out.push_back({AlarmField::DatapointsToAlarm,
                   "datapoints to alarm must be from 1 to the evaluation periods (" + std::to_string(s.evaluation_periods) + "), not " +
                       std::to_string(s.datapoints_to_alarm),
                   "경보 데이터 포인트 수는 1부터 평가 기간 수(" + std::to_string(s.evaluation_periods) + ")까지입니다. 지금 값: " +
                       std::to_string(s.datapoints_to_alarm)});
  // x - x is 0 for every finite x, NaN for NaN and infinities (no libm needed).
  if (!(s.threshold - s.threshold == 0))
    out.push_back({AlarmField::Threshold, "the alarm threshold must be a finite number, not " + format_number(s.threshold),
                   "경보 임계값은 유한한 숫자여야 합니다. 지금 값: " + format_number(s.threshold)});
  return out;
}

const char* state_name(AlarmState s) {
  switch (s) {
    case AlarmState::Ok: return "OK";
    case AlarmState::Alarm: return "ALARM";
    case AlarmState::InsufficientData: return "INSUFFICIENT_DATA";
  }
  return "";
}

const char* state_name_ko(AlarmState s) {
  switch (s) {
    case AlarmState::Ok: return "정상";
    case AlarmState::Alarm: return "경보 상태";
    case AlarmState::InsufficientData: return "데이터 부족";
  }
  return "";
}

const char* statistic_name(Statistic s) {
  switch (s) {
    case Statistic::Average: return "Average";
    case Statistic::Sum: return "Sum";
    case Statistic::Minimum: return "Minimum";
    case Statistic::Maximum: return "Maximum";
    case Statistic::SampleCount: return "SampleCount";
  }
  return "";
}

const char* comparison_symbol(Comparison c) {
  switch (c) {
    case Comparison::GreaterThanOrEqualToThreshold: return ">=";
    case Comparison::GreaterThanThreshold: return ">";
    case Comparison::LessThanThreshold: return "<";
    case Comparison::LessThanOrEqualToThreshold: return "<=";
  }
  return "";
}

void PeriodStats::add(double v) {
  if (v != v) return;  // a NaN sample is no sample
  if (count_ == 0) {
    min_ = max_ = v;
  } else {
    if (v < min_) min_ = v;
    if (v > max_) max_ = v;
  }
  ++count_;
  sum_ += v;
}

std::optional<double> PeriodStats::value(Statistic s) const {
  if (count_ == 0) return std::nullopt;
  switch (s) {
    case Statistic::Average: return sum_ / static_cast<double>(count_);
    case Statistic::Sum: return sum_;
    case Statistic::Minimum: return min_;
    case Statistic::Maximum: return max_;
    case Statistic::SampleCount: return static_cast<double>(count_);
  }
  return std::nullopt;
}

Alarm::Alarm(const AlarmSpec& spec, AlarmState initial) : spec_(spec), state_(initial) {
  std::vector<AlarmSpecIssue> issues = check_alarm_spec(spec);
  if (!issues.empty()) throw std::invalid_argument(issues.front().en);
  // Before the first datapoint the whole range is missing.
  range_.assign(static_cast<size_t>(spec.evaluation_periods + kEvaluationRangeExtra), Point::Missing);
}

bool Alarm::breaches(double v) const {
  switch (spec_.comparison) {
    case Comparison::GreaterThanOrEqualToThreshold: return v >= spec_.threshold;
    case Comparison::GreaterThanThreshold: return v > spec_.threshold;
    case Comparison::LessThanThreshold: return v < spec_.threshold;
    case Comparison::LessThanOrEqualToThreshold: return v <= spec_.threshold;
  }
  return false;
}

AlarmStep Alarm::end_period() {
  std::optional<double> v = period_.value(spec_.statistic);
  period_.clear();
  return evaluate(v);
}

AlarmStep Alarm::evaluate(std::optional<double> datapoint) {
  if (datapoint && *datapoint != *datapoint) datapoint.reset();  // NaN: missing
  const size_t r = range_.size();
  range_[head_] = !datapoint ? Point::Missing : breaches(*datapoint) ? Point::Bad : Point::Good;
  head_ = (head_ + 1) % r;  // head_ is the oldest slot again

  AlarmStep step;
  step.previous = state_;
  step.datapoint = datapoint;
  const int n = spec_.evaluation_periods, m = spec_.datapoints_to_alarm;
  int real = 0, bad = 0, good = 0;
  for (const Point p : range_) {
    if (p == Point::Missing) continue;
    ++real;
    if (p == Point::Bad) ++bad; else ++good;
  }
  AlarmState next = state_;
  if (real >= n) {
    // Enough real datapoints: the N most recent decide; the treatment is not used.
    int seen = 0;
    bad = 0;
    for (size_t k = 0; k < r && seen < n; ++k) {
      const Point p = range_[(head_ + r - 1 - k) % r];
      if (p == Point::Missing) continue;
      ++seen;
      if (p == Point::Bad) ++bad;
    }
    step.real = n;
    step.breaching = bad;
    next = bad >= m ? AlarmState::Alarm : AlarmState::Ok;
  } else {
    // Fewer than N: every real one counts; the treatment fills in the rest.
    step.real = real;
    const int fill = n - real;
    switch (spec_.missing) {
      case MissingData::Breaching:
      case MissingData::NotBreaching: {
        const bool fill_bad = spec_.missing == MissingData::Breaching;
        step.filled = fill;
        step.breaching = bad + (fill_bad ? fill : 0);
        next = step.breaching >= m ? AlarmState::Alarm : AlarmState::Ok;
        break;
      }
      case MissingData::Missing:
      case MissingData::Ignore:
        step.breaching = bad;
        if (bad >= m) {
          next = AlarmState::Alarm;
        } else if (good > 0) {
          next = AlarmState::Ok;
        } else if (spec_.missing == MissingData::Ignore) {
          next = state_;  // the verdict would need the missing data
        } else {
          // Every real datapoint breaches, too few to tell: data that stopped flowing
          // (the range's oldest datapoint is real) keeps its verdict, data starting does not yet.
          next = real > 0 && range_[head_] != Point::Missing ? AlarmState::Alarm : AlarmState::InsufficientData;
        }
        break;
    }
  }
  state_ = next;
  step.state = next;
  return step;
}

}  // namespace cp::sim
