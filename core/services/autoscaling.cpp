#include "core/services/autoscaling.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/doc/messages.h"
#include "core/services/ec2.h"
#include "core/sim/alarm.h"
#include "core/sim/simulation.h"

namespace cp::services {
namespace {

using namespace cp::sim;

enum Timer : uint16_t { kServiceDone = 0, kLateFail = 1 };

// AWS-FACTS: Auto Scaling groups / Cooldown — 300 s default, simple scaling only.
constexpr double kDefaultCooldownS = 300;
// AWS-FACTS: Auto Scaling groups / Grace period — console 300 s.
constexpr double kDefaultGraceS = 300;
// The alarms target tracking creates: scale out on 3 of 3 one-minute datapoints above the
// target, scale in on 15 of 15 below 90% of it (AWS target tracking docs; ⚠ not in AWS-FACTS).
constexpr int kOutDatapoints = 3;
constexpr int kInDatapoints = 15;
constexpr double kInShareOfTarget = 0.9;
constexpr double kTrackingPeriodS = 60;
// AWS-FACTS: Auto Scaling groups / Lifecycle hooks — 1 h default; heartbeat extends; max 48 h or 100 heartbeats.
constexpr double kDefaultHookTimeoutS = 3600;
constexpr double kHookMaxTotalS = 48 * 3600;
constexpr int kHookMaxHeartbeats = 100;
// HeartbeatTimeout is 30–7200 s (AWS PutLifecycleHook API; ⚠ not in AWS-FACTS).
constexpr double kHookMinTimeoutS = 30, kHookMaxTimeoutS = 7200;
// AZ rebalancing may go above max by 10% of it or 1 instance, whichever is more (⚠ AWS docs, not in AWS-FACTS).
constexpr double kRebalanceExtraShare = 0.10;
// Predictive scaling (simplified): a cycle has 24 "hours"; history of up to 14 cycles (⚠ AWS uses up to 14 days).
constexpr int kSlotsPerCycle = 24;
constexpr int kMaxHistoryCycles = 14;

struct Instance {
  uint32_t id;
  AzId az;
  // Pending covers Pending:Wait (a launch lifecycle hook); TerminatingWait = Terminating:Wait.
  enum class St { Pending, InService, Draining, TerminatingWait } st;
  SimTime launched_at, ready_at, drain_deadline = 0;
  InstanceCore core;
  SimTime asked_at = 0;           // when the group asked for it (launched_at moves to the end of a launch hook)
  bool got_request = false;       // it has been sent a request (logged once)
  bool lb_unhealthy = false;
  SimTime hook_until = -1;      // launch hook: Pending:Wait until then (-1 = no hook)
  bool hook_abandon = false;    // the launch hook's result is ABANDON
  SimTime terminate_at = 0;     // Terminating:Wait ends
  bool rebalance = false;       // launched by AZ rebalancing, not yet in service
  AzId rebalance_from{};        // the over-full AZ it replaces an instance of
};
bool leaving(const Instance& in) { return in.st == Instance::St::Draining || in.st == Instance::St::TerminatingWait; }

// The group and its alarms exist before the run, in a steady state (its instances are
// already in service): an alarm starts in OK, and the periods before the run count as
// not breaching. The group always has a datapoint after that, so the treatment of
// missing data matters only for the first N - 1 periods.
sim::Alarm group_alarm(sim::Comparison cmp, double threshold, double period_s, int n) {
  sim::AlarmSpec s;
  s.statistic = sim::Statistic::Average;
  s.comparison = cmp;
  s.threshold = threshold;
  s.period_s = period_s;
  s.evaluation_periods = n;
  s.datapoints_to_alarm = n;
  s.missing = sim::MissingData::NotBreaching;
  return sim::Alarm(s, sim::AlarmState::Ok);
}

// A target tracking alarm and when its policy acts: when the alarm goes to ALARM and, while
// it stays there, again after a whole window of new datapoints (3 or 15 minutes). AWS runs
// the policy on every period in ALARM and leaves out the capacity still warming up; waiting
// for a fresh window stands in for that.
struct TrackingAlarm {
  sim::Alarm alarm;
  int fresh = 0;  // datapoints in ALARM the policy has not acted on
  bool due(double value) {
    sim::AlarmStep st = alarm.evaluate(value);
    if (st.state != sim::AlarmState::Alarm) fresh = 0;
    else fresh = st.changed() ? alarm.spec().evaluation_periods : fresh + 1;
    return fresh >= alarm.spec().evaluation_periods;
  }
  void acted() { fresh = 0; }
};

// A lifecycle hook: how long the instance waits, and with which result.
struct Hook {
  bool on = false;
  bool abandon = false;        // default result ABANDON (else CONTINUE)
  double timeout_s = kDefaultHookTimeoutS;
  int heartbeats = 0;          // RecordLifecycleActionHeartbeat calls, each restarting the timeout
  double complete_s = -1;      // CompleteLifecycleAction after this long (-1 = never: the hook times out)
  // Seconds the hook holds the instance, and whether it timed out (the default result applies).
  double wait_s(bool* timed_out) const {
    double total = timeout_s * (1 + heartbeats);
    if (total > kHookMaxTotalS) total = kHookMaxTotalS;
    *timed_out = !(complete_s >= 0 && complete_s < total);
    return *timed_out ? total : complete_s;
  }
};

struct StepAdjustment {
  bool has_lower = false, has_upper = false;
  double lower = 0, upper = 0;  // relative to the alarm threshold
  double adjustment = 0;
};

struct Scheduled { double at_s; int desired; bool done = false; };

struct Config {
  int min = 1, desired = 2, max = 4;
  std::string azs;
  double launch_s = 60, grace_s = kDefaultGraceS;
  bool elb_health = false;
  enum class Policy { TargetTracking, Simple, Step, None } policy = Policy::TargetTracking;
  double target_cpu = 0.5, out_cpu = 0.7, in_cpu = 0.3;
  int step = 1;
  double cooldown_s = kDefaultCooldownS, warmup_s = 300;
  std::vector<Scheduled> schedule;
  // Step scaling on two CloudWatch-style alarms.
  bool step_requests = false;   // metric: requests per target per period (else average CPU %)
  double period_s = 60;
  int eval_periods = 3;
  double out_threshold = 60, in_threshold = 30;
  std::vector<StepAdjustment> out_steps, in_steps;
  enum class Adjust { Change, Percent, Exact } adjust = Adjust::Change;
  int min_magnitude = 0;
  // Predictive scaling (simplified).
  enum class Predictive { Off, ForecastOnly, ForecastAndScale } predictive = Predictive::Off;
  double cycle_s = 86400, buffer_s = 300;
  Hook launch_hook, terminate_hook;
  bool az_rebalance = true;
};

// "lower:upper:adjustment, ..." with empty bounds for infinity, e.g. "0:20:1, 20::3".
bool parse_steps(const std::string& text, std::vector<StepAdjustment>& out, catalog::Refusal& error) {
  out.clear();
  for (const std::string& item : catalog::split_list(text)) {
    std::string parts[3];
    int k = 0;
    for (char c : item) {
      if (c == ' ') continue;
      if (c == ':') {
        if (++k > 2) break;
        continue;
      }
      parts[k] += c;
    }
    if (k != 2 || parts[2].empty()) {
      error = {"\"" + item + "\" is not lower:upper:adjustment (leave a bound empty for infinity, e.g. \"0:20:1, 20::3\")",
               "\"" + item + "\": 하한:상한:조정값 형식이 아닙니다(한계가 없으면 비워 둡니다. 예: \"0:20:1, 20::3\")."};
      return false;
    }
    StepAdjustment a;
    try {
      size_t used = 0;
      if (!parts[0].empty()) { a.has_lower = true; a.lower = std::stod(parts[0], &used); if (used != parts[0].size()) throw 0; }
      if (!parts[1].empty()) { a.has_upper = true; a.upper = std::stod(parts[1], &used); if (used != parts[1].size()) throw 0; }
      a.adjustment = std::stod(parts[2], &used);
      if (used != parts[2].size()) throw 0;
    } catch (...) {
      error = {"\"" + item + "\" has a bound or an adjustment that is not a number",
               "\"" + item + "\": 하한, 상한, 조정값 중 숫자가 아닌 것이 있습니다."};
      return false;
    }
    if (!std::isfinite(a.lower) || !std::isfinite(a.upper) || !std::isfinite(a.adjustment)) {
      error = {"\"" + item + "\" has a value that is not finite", "\"" + item + "\": 유한하지 않은 값이 있습니다."};
      return false;
    }
    if (a.has_lower && a.has_upper && a.upper <= a.lower) {
      error = {"\"" + item + "\": the upper bound must be above the lower bound", "\"" + item + "\": 상한은 하한보다 커야 합니다."};
      return false;
    }
    out.push_back(a);
  }
  if (out.empty()) {
    error = {"give at least one step, e.g. \"0::1\"", "단계를 하나 이상 쓰세요. 예: \"0::1\""};
    return false;
  }
  std::sort(out.begin(), out.end(), [](const StepAdjustment& a, const StepAdjustment& b) {
    if (a.has_lower != b.has_lower) return !a.has_lower;
    return a.lower < b.lower;
  });
  // AWS: ranges may not overlap or leave gaps; only the first may be open below and the last open above.
  for (size_t i = 0; i + 1 < out.size(); ++i) {
    if (!out[i].has_upper || !out[i + 1].has_lower || out[i].upper != out[i + 1].lower) {
      error = {"step ranges must follow each other without gaps or overlaps (the upper bound of one is the lower bound of the next)",
               "단계 구간은 빈틈이나 겹침 없이 이어져야 합니다(한 구간의 상한이 다음 구간의 하한입니다)."};
      return false;
    }
  }
  return true;
}

std::string num_text(double v) {
  std::string t = std::to_string(v);
  t.erase(t.find_last_not_of('0') + 1);
  if (!t.empty() && t.back() == '.') t.pop_back();
  return t;
}

// Above the threshold the lower bound is inclusive; below it the upper bound is (AWS step adjustments).
std::string bound_text(const StepAdjustment& a, bool above) {
  return std::string(above ? "[" : "(") + (a.has_lower ? num_text(a.lower) : std::string("-∞")) + ", " +
         (a.has_upper ? num_text(a.upper) : std::string("+∞")) + (above ? ")" : "]");
}

std::string hook_text_en(const Hook& h) {
  return "heartbeat timeout " + num_text(h.timeout_s) + " s, default result " + (h.abandon ? "ABANDON" : "CONTINUE");
}
std::string hook_text_ko(const Hook& h) {
  return "하트비트 제한 시간 " + num_text(h.timeout_s) + "초, 기본 결과 " + (h.abandon ? "ABANDON" : "CONTINUE");
}

class Asg final : public ModelBase<Asg>, public TargetGroupSource {
public:
  Asg(Config cfg, nlohmann::json instance_params) : cfg_(std::move(cfg)), iparams_(std::move(instance_params)) {
    desired_ = cfg_.desired;
    if (cfg_.policy == Config::Policy::Step) {
      step_high_ = group_alarm(sim::Comparison::GreaterThanOrEqualToThreshold, cfg_.out_threshold, cfg_.period_s, cfg_.eval_periods);
      step_low_ = group_alarm(sim::Comparison::LessThanOrEqualToThreshold, cfg_.in_threshold, cfg_.period_s, cfg_.eval_periods);
    }
  }

  void start(Simulation& sim) override {
    instances_gauge_ = sim.gauge(id(), "instances");
    healthy_gauge_ = sim.gauge(id(), "healthy_instances");
    const Topology& topo = sim.topology();
    if (!cfg_.azs.empty()) {
      for (const std::string& name : catalog::split_list(cfg_.azs)) {
        AzId a = topo.find_az(name);
        if (a.valid()) azs_.push_back(a);
      }
    }
    if (azs_.empty()) {
      RegionId r = sim.info(id()).placement.region;
      if (r.valid()) azs_ = topo.region(r).azs;
    }
    if (azs_.empty() && !topo.azs().empty()) azs_.push_back(AzId{0});
    // The group exists before the run: its desired instances are already in service.
    for (int i = 0; i < desired_; ++i) launch(sim, true);
    sync_metrics(sim);
  }

  // ---- TargetGroupSource ----
  void list_targets(const Simulation& sim, std::vector<GroupTarget>& out) const override {
    out.clear();
    for (const Instance& in : instances_) {
      // AWS registers an instance with the load balancer when it enters InService:
      // a booting instance is not a target yet, so it never fails checks while it boots
      // and then needs only the one pass of a new target (AWS-FACTS: ELB / Target states).
      if (in.st == Instance::St::Pending) continue;
      if (in.st == Instance::St::TerminatingWait) continue;  // deregistered before the hook
      GroupTarget t;
      t.instance = in.id;
      t.az = in.az;
      t.answers = in.st != Instance::St::Pending && !sim.topology().az(in.az).down && sim.node_up(id());
      t.draining = in.st == Instance::St::Draining;
      out.push_back(t);
    }
  }
  void report_lb_health(uint32_t instance, bool healthy) override {
    if (Instance* in = find(instance)) in->lb_unhealthy = !healthy;
  }
  void set_deregistration_delay(SimTime d) override { dereg_delay_ = d; }

  // ---- requests ----
  void on_request(Simulation& sim, ReqHandle h) override {
    const Request& r = sim.request(h);
    Instance* in = nullptr;
    if (r.caller.valid() && sim.info(r.caller).has(Trait::LoadBalancer)) {
      in = find(r.tag);
      if (!in || in->st == Instance::St::Pending || in->st == Instance::St::TerminatingWait) {
        // The load balancer still lists an instance that is gone: nobody answers.
        sim.schedule_timer(id(), sim.now() + kConnectTimeout, kLateFail, h.v);
        return;
      }
    } else {
      in = pick_round_robin();
      if (in) ++arrivals_;
      if (!in) {
        sim.respond(h, Outcome::Unreachable);
        return;
      }
    }
    if (r.caller.valid() && sim.info(r.caller).has(Trait::LoadBalancer)) {
      ++arrivals_;
      if (!in->got_request) log_first_request(sim, *in);
    }
    serving_[h.v] = in->id;
    switch (in->core.admit(sim.now(), h)) {
      case InstanceCore::Admit::Started:
        sim.schedule_timer(id(), sim.now() + in->core.service_time(sim.rng()), kServiceDone, h.v);
        break;
      case InstanceCore::Admit::Queued: ++sim.metrics(id()).waited; break;
      case InstanceCore::Admit::Rejected:
        serving_.erase(h.v);
        sim.respond(h, Outcome::ServerError);
        break;
    }
    sync_metrics(sim);
  }

  void on_timer(Simulation& sim, uint16_t timer, uint64_t payload) override {
    ReqHandle h{payload};
    if (timer == kLateFail) {
      sim.respond(h, Outcome::Unreachable);
      return;
    }
    auto it = serving_.find(h.v);
    if (it == serving_.end() || !find(it->second)) {  // the instance died while serving it
      if (it != serving_.end()) serving_.erase(it);
      sim.respond(h, Outcome::Unreachable);
      return;
    }
    next_step(sim, h, it->second, 0);
  }

  void on_response(Simulation& sim, ReqHandle parent, const Request& child, Outcome o) override {
    uint32_t inst = child.tag >> 8, step = child.tag & 0xff;
    if (!find(inst)) {
      serving_.erase(parent.v);
      sim.respond(parent, Outcome::Unreachable);
      return;
    }
    if (o != Outcome::Ok) {
      finish(sim, parent, Outcome::ServerError);
      return;
    }
    next_step(sim, parent, inst, step + 1);
  }

  void on_second(Simulation& sim) override {
    SimTime now = sim.now();
    NodeMetrics& m = sim.metrics(id());
    // Instances in a failed AZ are lost.
    for (size_t i = 0; i < instances_.size();) {
      if (sim.topology().az(instances_[i].az).down) {
        kill(sim, i, "az_down", "its Availability Zone failed", "가용 영역 장애");
        continue;
      }
      ++i;
    }
    double cpu_sum = 0, warm_cpu_sum = 0;
    int in_service = 0, warm = 0;
    for (size_t i = 0; i < instances_.size();) {
      Instance& in = instances_[i];
      in.core.tick(now);
      // Billed once running: Pending:Wait after boot counts (the instance runs, it only waits for the hook).
      if (in.st != Instance::St::Pending || (in.hook_until >= 0 && now >= in.ready_at))
        m.cost_usd += in.core.type()->usd_per_hour / 3600.0;
      if (in.st == Instance::St::Pending && now >= in.ready_at && in.hook_until >= 0 && now >= in.hook_until) {
        // The launch hook ends: completed (CONTINUE) or timed out (the default result).
        bool timed_out = false;
        double waited = cfg_.launch_hook.wait_s(&timed_out);
        std::string w = num_text(waited), inst = "i-" + std::to_string(in.id);
        std::string how_en = timed_out ? "timed out after " + w + " s" : "completed after " + w + " s";
        std::string how_ko = timed_out ? w + "초 후 시간 초과" : w + "초 후 완료";
        if (in.hook_abandon && timed_out) {
          sim.log(id(), LogKind::InstanceTerminated,
                  "launch lifecycle hook " + how_en + ": default result ABANDON → " + inst + " is terminated (it never went in service) and will be replaced",
                  "시작 수명 주기 후크 " + how_ko + ": 기본 결과 ABANDON → " + doc::with_topic(inst) + " 서비스를 시작하지 못하고 종료되며 교체됩니다").because("lifecycle_hook_abandon").about_instance(in.id).in_az(in.az.v);
          fail_requests_of(sim, in);
          instances_.erase(instances_.begin() + static_cast<std::ptrdiff_t>(i));
          continue;
        }
        sim.log(id(), LogKind::Info,
                "launch lifecycle hook " + how_en + ": CONTINUE → " + inst + " leaves Pending:Wait",
                "시작 수명 주기 후크 " + how_ko + ": CONTINUE → " + doc::with_subject(inst) + " Pending:Wait 상태를 벗어납니다").because("lifecycle_hook_continue").about_instance(in.id).in_az(in.az.v);
        in.hook_until = -1;
        in.ready_at = now;  // warm-up and the grace period count from now
        in.launched_at = now;
      }
      if (in.st == Instance::St::Pending && now >= in.ready_at && in.hook_until < 0) {
        in.st = Instance::St::InService;
        sim.log(id(), LogKind::InstanceLaunched,
                "instance i-" + std::to_string(in.id) + " is in service in " + sim.topology().az(in.az).id,
                "인스턴스 " + doc::with_subject("i-" + std::to_string(in.id)) + " " + sim.topology().az(in.az).id + "에서 서비스를 시작했습니다").because("in_service").about_instance(in.id).in_az(in.az.v);
        if (in.rebalance) finish_rebalance(sim, in);
      }
      if (in.st == Instance::St::InService) {
        cpu_sum += in.core.cpu();
        ++in_service;
        if (now >= in.ready_at + from_seconds(cfg_.warmup_s)) {
          warm_cpu_sum += in.core.cpu();
          ++warm;
        }
      }
      if (in.st == Instance::St::Draining && ((in.core.busy() == 0 && in.core.queued() == 0) || now >= in.drain_deadline)) {
        if (cfg_.terminate_hook.on) {
          bool timed_out = false;
          double wait = cfg_.terminate_hook.wait_s(&timed_out);
          in.st = Instance::St::TerminatingWait;
          in.terminate_at = now + from_seconds(wait);
          sim.log(id(), LogKind::Info,
                  "instance i-" + std::to_string(in.id) + " is in Terminating:Wait (termination lifecycle hook, " +
                      hook_text_en(cfg_.terminate_hook) + "): still running and billed, no traffic",
                  "인스턴스 " + doc::with_subject("i-" + std::to_string(in.id)) + " Terminating:Wait 상태입니다(종료 수명 주기 후크, " +
                      hook_text_ko(cfg_.terminate_hook) + "): 실행 중이며 과금되지만 트래픽은 받지 않습니다").because("termination_hook").about_instance(in.id).in_az(in.az.v);
          ++i;
          continue;
        }
        terminate(sim, i);
        continue;
      }
      if (in.st == Instance::St::TerminatingWait && now >= in.terminate_at) {
        bool timed_out = false;
        std::string w = num_text(cfg_.terminate_hook.wait_s(&timed_out));
        std::string res = timed_out ? (cfg_.terminate_hook.abandon ? "ABANDON" : "CONTINUE") : "CONTINUE";
        sim.log(id(), LogKind::Info,
                "termination lifecycle hook " + std::string(timed_out ? "timed out after " : "completed after ") + w + " s (" + res +
                    "): i-" + std::to_string(in.id) + " is terminated",
                "종료 수명 주기 후크가 " + w + "초 후 " + (timed_out ? "시간 초과되어" : "완료되어") + "(" + res + ") " +
                    doc::with_object("i-" + std::to_string(in.id)) + " 종료합니다").because("termination_hook_ended").about_instance(in.id).in_az(in.az.v);
        terminate(sim, i);
        continue;
      }
      // ELB health checks: an unhealthy instance past its grace period is replaced.
      if (cfg_.elb_health && in.lb_unhealthy && in.st == Instance::St::InService &&
          now >= in.launched_at + from_seconds(cfg_.grace_s)) {
        kill(sim, i, "health_check", "it failed the load balancer's health checks", "로드 밸런서 상태 확인 실패");
        continue;
      }
      ++i;
    }
    minute_cpu_.add(in_service ? cpu_sum / in_service : 0);
    if (cfg_.policy == Config::Policy::Step) {
      // Instances still warming up do not count toward the alarm's metric (AWS step scaling warm-up).
      // One CPU sample (in %) a second, so the samples count the period's seconds.
      step_cpu_.add(100 * (warm ? warm_cpu_sum / warm : in_service ? cpu_sum / in_service : 0));
      if (step_cpu_.count() >= static_cast<uint64_t>(cfg_.period_s + 0.5)) {
        // RequestCountPerTarget: the period's requests ÷ the targets in service at its end.
        double value = cfg_.step_requests ? static_cast<double>(arrivals_) / (in_service > 0 ? in_service : 1)
                                          : *step_cpu_.value(sim::Statistic::Average);
        evaluate_step(sim, value);
        step_cpu_.clear();
        arrivals_ = 0;
      }
    }
    if (cfg_.predictive != Config::Predictive::Off) predictive(sim, cpu_sum);
    for (Scheduled& s : cfg_.schedule) {
      if (!s.done && to_seconds(now) >= s.at_s) {
        s.done = true;
        set_desired(sim, s.desired, "scheduled_action", "scheduled action", "예약된 작업");
      }
    }
    if (minute_cpu_.count() >= 60) {
      evaluate(sim, *minute_cpu_.value(sim::Statistic::Average));
      minute_cpu_.clear();
    }
    reconcile(sim);
    if (cfg_.az_rebalance) rebalance(sim);
    sync_metrics(sim);
  }

  StatusText status() const override {
    int pending = 0, ready = 0, wait = 0, term_wait = 0;
    for (const Instance& in : instances_) {
      if (in.st == Instance::St::Pending) ++pending;
      if (in.st == Instance::St::Pending && in.hook_until >= 0) ++wait;
      if (in.st == Instance::St::InService) ++ready;
      if (in.st == Instance::St::TerminatingWait) ++term_wait;
    }
    const std::string range = " (" + std::to_string(cfg_.min) + "–" + std::to_string(cfg_.max) + ")";
    StatusText t{std::to_string(ready) + " in service, " + std::to_string(pending) + " pending, desired " +
                     std::to_string(desired_) + range,
                 "서비스 중 " + std::to_string(ready) + "개, 대기 중 " + std::to_string(pending) + "개, 원하는 용량 " +
                     std::to_string(desired_) + range};
    if (wait) t.en += ", " + std::to_string(wait) + " in Pending:Wait", t.ko += ", Pending:Wait " + std::to_string(wait) + "개";
    if (term_wait)
      t.en += ", " + std::to_string(term_wait) + " in Terminating:Wait",
          t.ko += ", Terminating:Wait " + std::to_string(term_wait) + "개";
    return t;
  }

  int desired() const { return desired_; }

private:
  Instance* find(uint32_t inst) {
    for (Instance& in : instances_)
      if (in.id == inst) return &in;
    return nullptr;
  }

  // How long a new instance took to add capacity: booting, then registration and its first passing check.
  void log_first_request(Simulation& sim, Instance& in) {
    in.got_request = true;
    if (in.asked_at < 0) return;  // in service before the run
    std::string inst = "i-" + std::to_string(in.id);
    std::string total = num_text(std::floor(to_seconds(sim.now() - in.asked_at) * 10 + 0.5) / 10);
    std::string in_service = num_text(std::floor(to_seconds(in.ready_at - in.asked_at) * 10 + 0.5) / 10);
    sim.log(id(), LogKind::Info,
            inst + " gets its first request " + total + " s after launch (in service after " + in_service +
                " s, then registered with the load balancer and healthy after one passing health check)",
            doc::with_subject(inst) + " 시작 " + total + "초 후에 첫 요청을 받습니다(" + in_service +
                "초 후 서비스 시작, 이어서 로드 밸런서에 등록되고 상태 확인 한 번을 통과해 정상이 됨)").because("first_request").about_instance(in.id).field("after_launch_s", to_seconds(sim.now() - in.asked_at));
  }

  Instance* pick_round_robin() {
    for (size_t k = 0; k < instances_.size(); ++k) {
      Instance& in = instances_[(rr_ + k) % instances_.size()];
      if (in.st == Instance::St::InService) {
        rr_ = (rr_ + k + 1) % instances_.size();
        return &in;
      }
    }
    return nullptr;
  }

  int count_in(AzId a) const {
    int n = 0;
    for (const Instance& in : instances_)
      if (in.az == a && !leaving(in)) ++n;
    return n;
  }

  void launch(Simulation& sim, bool already_running, AzId force = AzId{}, AzId rebalance_from = AzId{}) {
    // Balance across the group's AZs that are up.
    AzId best = force;
    int best_n = 0;
    for (AzId a : azs_) {
      if (force.valid()) break;
      if (sim.topology().az(a).down) continue;
      int n = count_in(a);
      if (!best.valid() || n < best_n) { best = a; best_n = n; }
    }
    if (!best.valid()) return;  // every AZ of the group is down
    SimTime now = sim.now();
    Instance in{next_id_++, best, already_running ? Instance::St::InService : Instance::St::Pending, now,
                already_running ? now : now + from_seconds(cfg_.launch_s), 0, make_instance_core(iparams_)};
    in.asked_at = already_running ? -1 : now;
    if (already_running) in.launched_at = in.ready_at = now - from_seconds(cfg_.grace_s + cfg_.warmup_s);  // long in service
    if (!already_running && !rebalance_from.valid())
      sim.log(id(), LogKind::Info,
              "launching instance i-" + std::to_string(in.id) + " in " + sim.topology().az(best).id,
              "인스턴스 " + doc::with_object("i-" + std::to_string(in.id)) + " " + sim.topology().az(best).id + "에서 시작하는 중입니다").because("launching").about_instance(in.id).in_az(best.v);
    if (rebalance_from.valid()) {
      in.rebalance = true;
      in.rebalance_from = rebalance_from;
      const std::string& to = sim.topology().az(best).id;
      const std::string& from = sim.topology().az(rebalance_from).id;
      sim.log(id(), LogKind::Info,
              "AZ rebalancing: launching i-" + std::to_string(in.id) + " in " + to + " (" + std::to_string(count_in(best)) +
                  " instances) first; one instance in " + from + " (" + std::to_string(count_in(rebalance_from)) +
                  ") is terminated once it is in service",
              "가용 영역 재분배: 먼저 " + to + "(인스턴스 " + std::to_string(count_in(best)) + "개)에서 " + doc::with_object("i-" + std::to_string(in.id)) +
                  " 시작합니다. 이 인스턴스가 서비스를 시작하면 " + from + "(" + std::to_string(count_in(rebalance_from)) +
                  "개)의 인스턴스 하나를 종료합니다").because("az_rebalance").about_instance(in.id).in_az(best.v);
    }
    if (!already_running && cfg_.launch_hook.on) {
      bool timed_out = false;
      double wait = cfg_.launch_hook.wait_s(&timed_out);
      in.hook_until = now + from_seconds(wait);
      in.hook_abandon = cfg_.launch_hook.abandon;
      sim.log(id(), LogKind::Info,
              "instance i-" + std::to_string(in.id) + " is in Pending:Wait (launch lifecycle hook, " + hook_text_en(cfg_.launch_hook) +
                  "): not in service and gets no traffic until the hook ends",
              "인스턴스 " + doc::with_subject("i-" + std::to_string(in.id)) + " Pending:Wait 상태입니다(시작 수명 주기 후크, " + hook_text_ko(cfg_.launch_hook) +
                  "): 후크가 끝날 때까지 서비스하지 않으며 트래픽을 받지 않습니다").because("launch_hook").about_instance(in.id).in_az(in.az.v);
    }
    instances_.push_back(std::move(in));
  }

  // A rebalancing launch is in service: terminate one instance in the AZ it relieves (launch before terminate).
  void finish_rebalance(Simulation& sim, Instance& fresh) {
    fresh.rebalance = false;
    AzId from = fresh.rebalance_from;
    int victim = -1;
    for (size_t i = 0; i < instances_.size(); ++i) {
      const Instance& in = instances_[i];
      if (leaving(in) || in.rebalance || in.id == fresh.id || !(in.az == from)) continue;
      if (in.st == Instance::St::InService) {  // the oldest in service, else a pending one
        victim = static_cast<int>(i);
        break;
      }
      if (victim < 0) victim = static_cast<int>(i);
    }
    if (victim < 0) return;  // nothing left there (it failed meanwhile): the new instance simply stays
    Instance& in = instances_[static_cast<size_t>(victim)];
    sim.log(id(), LogKind::Info,
            "AZ rebalancing: i-" + std::to_string(fresh.id) + " is in service in " + sim.topology().az(fresh.az).id +
                ", so i-" + std::to_string(in.id) + " in " + sim.topology().az(from).id + " is terminated",
            "가용 영역 재분배: " + doc::with_subject("i-" + std::to_string(fresh.id)) + " " + sim.topology().az(fresh.az).id +
                "에서 서비스를 시작했으므로 " + sim.topology().az(from).id + "의 " + doc::with_object("i-" + std::to_string(in.id)) + " 종료합니다").because("az_rebalance").about_instance(in.id).in_az(from.v);
    in.st = Instance::St::Draining;
    in.drain_deadline = sim.now() + dereg_delay_;
  }

  // AZ rebalancing (the AZRebalance process): when the group's AZs that are up differ by more than one
  // instance (e.g. an AZ came back after an outage), launch in the emptiest AZ first and terminate in the
  // fullest once the new instance is in service.
  void rebalance(Simulation& sim) {
    std::vector<AzId> up;
    for (AzId a : azs_)
      if (!sim.topology().az(a).down) up.push_back(a);
    if (up.size() < 2) return;
    std::vector<int> eff(up.size(), 0);
    int in_flight = 0;
    for (const Instance& in : instances_) {
      if (leaving(in)) continue;
      for (size_t k = 0; k < up.size(); ++k) {
        if (in.az == up[k]) ++eff[k];
        if (in.rebalance && in.rebalance_from == up[k]) --eff[k];
      }
      if (in.rebalance) ++in_flight;
    }
    int allowance = static_cast<int>(cfg_.max * kRebalanceExtraShare);
    if (allowance < 1) allowance = 1;
    while (in_flight < allowance) {
      size_t lo = 0, hi = 0;
      for (size_t k = 1; k < up.size(); ++k) {
        if (eff[k] < eff[lo]) lo = k;
        if (eff[k] > eff[hi]) hi = k;
      }
      if (eff[hi] - eff[lo] <= 1) break;
      size_t before = instances_.size();
      launch(sim, false, up[lo], up[hi]);
      if (instances_.size() == before) break;
      ++eff[lo];
      --eff[hi];
      ++in_flight;
    }
  }

  void fail_requests_of(Simulation& sim, Instance& in) {
    for (ReqHandle h : in.core.drain_queue(sim.now())) {
      serving_.erase(h.v);
      sim.respond(h, Outcome::Unreachable);
    }
  }

  void kill(Simulation& sim, size_t i, const char* reason, const char* why_en, const char* why_ko) {
    Instance& in = instances_[i];
    sim.log(id(), LogKind::InstanceDied, "instance i-" + std::to_string(in.id) + " died: " + why_en,
            "인스턴스 " + doc::with_subject("i-" + std::to_string(in.id)) + " 중단되었습니다(원인: " + why_ko + ")").because(reason).about_instance(in.id).in_az(in.az.v);
    fail_requests_of(sim, in);
    instances_.erase(instances_.begin() + static_cast<std::ptrdiff_t>(i));
    // No cooldown for replacing unhealthy instances (AWS-FACTS: Auto Scaling groups / No cooldown).
  }

  void terminate(Simulation& sim, size_t i) {
    Instance& in = instances_[i];
    sim.log(id(), LogKind::InstanceTerminated, "instance i-" + std::to_string(in.id) + " terminated (scale-in)",
            "인스턴스 " + doc::with_subject("i-" + std::to_string(in.id)) + " 종료되었습니다(축소)").because("scale_in").about_instance(in.id).in_az(in.az.v);
    fail_requests_of(sim, in);
    instances_.erase(instances_.begin() + static_cast<std::ptrdiff_t>(i));
  }

  void set_desired(Simulation& sim, int want, const char* reason, const std::string& why_en, const std::string& why_ko) {
    if (want < cfg_.min) want = cfg_.min;
    int floor = predicted_floor(sim.now());
    if (want < floor) want = floor;  // predictive scaling holds the forecast capacity as a minimum
    if (want > cfg_.max) want = cfg_.max;
    if (want == desired_) return;
    bool out = want > desired_;
    sim.log(id(), out ? LogKind::ScaleOut : LogKind::ScaleIn,
            std::string(out ? "scale out" : "scale in") + ": desired " + std::to_string(desired_) + " → " +
                std::to_string(want) + " (" + why_en + ")",
            std::string(out ? "확장" : "축소") + ": 원하는 용량 " + std::to_string(desired_) + " → " +
                std::to_string(want) + "(" + why_ko + ")").because(reason).field("from", desired_).field("to", want);
    desired_ = want;
  }

  void evaluate(Simulation& sim, double cpu) {
    SimTime now = sim.now();
    int pct = static_cast<int>(cpu * 100 + 0.5);
    std::string cpu_en = "average CPU " + std::to_string(pct) + "%";
    std::string cpu_ko = "평균 CPU " + std::to_string(pct) + "%";
    int n = 0;
    bool warming = false;
    for (const Instance& in : instances_) {
      if (leaving(in)) continue;
      ++n;
      if (in.st == Instance::St::Pending || now < in.ready_at + from_seconds(cfg_.warmup_s)) warming = true;
    }
    if (cfg_.policy == Config::Policy::TargetTracking) {
      const bool out_due = tracking_out_.due(cpu);
      const bool in_due = tracking_in_.due(cpu);
      if (out_due) {
        tracking_out_.acted();
        int want = static_cast<int>(std::ceil(n * cpu / cfg_.target_cpu - 1e-9));
        if (want > desired_)
          set_desired(sim, want, "target_tracking", cpu_en + " > target " + std::to_string(static_cast<int>(cfg_.target_cpu * 100)) + "%",
                      cpu_ko + " > 목표 " + std::to_string(static_cast<int>(cfg_.target_cpu * 100)) + "%");
      } else if (in_due && !warming) {  // AWS-FACTS: Auto Scaling groups / Warmup — scale-in waits
        tracking_in_.acted();
        int want = static_cast<int>(std::ceil(n * cpu / cfg_.target_cpu - 1e-9));
        if (want < desired_)
          set_desired(sim, want, "target_tracking", cpu_en + " < target " + std::to_string(static_cast<int>(cfg_.target_cpu * 100)) + "%",
                      cpu_ko + " < 목표 " + std::to_string(static_cast<int>(cfg_.target_cpu * 100)) + "%");
      }
    } else if (cfg_.policy == Config::Policy::Simple) {
      if (now < cooldown_until_) return;  // AWS-FACTS: Auto Scaling groups / Cooldown
      int before = desired_;
      if (cpu > cfg_.out_cpu) set_desired(sim, desired_ + cfg_.step, "simple_scaling", cpu_en + " > " + std::to_string(static_cast<int>(cfg_.out_cpu * 100)) + "%",
                                          cpu_ko + " > " + std::to_string(static_cast<int>(cfg_.out_cpu * 100)) + "%");
      else if (cpu < cfg_.in_cpu) set_desired(sim, desired_ - cfg_.step, "simple_scaling", cpu_en + " < " + std::to_string(static_cast<int>(cfg_.in_cpu * 100)) + "%",
                                               cpu_ko + " < " + std::to_string(static_cast<int>(cfg_.in_cpu * 100)) + "%");
      if (desired_ != before) cooldown_until_ = now + from_seconds(cfg_.cooldown_s);
    }
  }

  // Step scaling: two alarms (high → scale out, low → scale in) on one datapoint per period; an alarm
  // is in ALARM after `eval_periods` breaching datapoints in a row (N of N) and runs its policy on every
  // datapoint while it stays there (CloudWatch invokes Auto Scaling actions every period in ALARM).
  // Warm-up: warming instances are not part of the current capacity when scaling out (breaches in the
  // same step add nothing more), and scale-in waits until none is warming.
  void evaluate_step(Simulation& sim, double value) {
    const bool req = cfg_.step_requests;
    std::string v = req ? num_text(static_cast<double>(static_cast<int64_t>(value * 10 + 0.5)) / 10) : std::to_string(static_cast<int>(value + 0.5));
    std::string unit_en = req ? " requests per target" : "%", unit_ko = req ? "건" : "%";
    std::string metric_en = req ? "RequestCountPerTarget " : "CPU ", metric_ko = req ? "대상당 요청 수 " : "CPU ";
    auto alarm_log = [&](bool is_high, sim::AlarmState state) {
      const bool alarm = state == sim::AlarmState::Alarm;
      double th = is_high ? cfg_.out_threshold : cfg_.in_threshold;
      std::string cmp = is_high ? (alarm ? " ≥ " : " < ") : (alarm ? " ≤ " : " > ");
      std::string window = std::to_string(cfg_.eval_periods) + " × " + num_text(cfg_.period_s) + " s";
      sim.log(id(), LogKind::Info,
              std::string("alarm ") + (is_high ? "high" : "low") + " (" + metric_en.substr(0, metric_en.size() - 1) + cmp + num_text(th) + unit_en + "): " +
                  (alarm ? "ALARM after " + window + " (" + v + unit_en + ")" : std::string(sim::state_name(state)) + " (" + v + unit_en + ")"),
              std::string("경보 ") + (is_high ? "high" : "low") + "(" + metric_ko.substr(0, metric_ko.size() - 1) + cmp + num_text(th) + unit_ko + "): " +
                  (alarm ? num_text(cfg_.period_s) + "초 기간 " + std::to_string(cfg_.eval_periods) + "회 연속 → 경보 상태(현재 " + v + unit_ko + ")"
                         : std::string(sim::state_name_ko(state)) + "(현재 " + v + unit_ko + ")")).because(is_high ? "alarm_high" : "alarm_low").field("alarm", alarm ? 1 : 0);
    };
    const sim::AlarmStep hi = step_high_->evaluate(value), lo = step_low_->evaluate(value);
    if (hi.changed()) alarm_log(true, hi.state);
    if (lo.changed()) alarm_log(false, lo.state);
    const bool high_alarm = hi.state == sim::AlarmState::Alarm, low_alarm = lo.state == sim::AlarmState::Alarm;
    SimTime now = sim.now();
    int warm = 0, warming = 0;
    for (const Instance& in : instances_) {
      if (leaving(in) || in.rebalance) continue;
      if (in.st == Instance::St::Pending || now < in.ready_at + from_seconds(cfg_.warmup_s)) ++warming;
      else ++warm;
    }
    if (high_alarm || low_alarm) {
      bool out = high_alarm;
      double diff = value - (out ? cfg_.out_threshold : cfg_.in_threshold);
      const auto& steps = out ? cfg_.out_steps : cfg_.in_steps;
      const StepAdjustment* hit = nullptr;
      for (const StepAdjustment& a : steps) {
        bool in_range = out ? ((!a.has_lower || diff >= a.lower) && (!a.has_upper || diff < a.upper))
                            : ((!a.has_lower || diff > a.lower) && (!a.has_upper || diff <= a.upper));
        if (in_range) { hit = &a; break; }
      }
      if (!hit) return;
      if (!out && warming > 0) return;  // AWS-FACTS: Auto Scaling groups / Warmup — scale-in waits
      int base = out ? warm : desired_;
      int want = base;
      std::string adj;
      switch (cfg_.adjust) {
        case Config::Adjust::Change:
          want = base + static_cast<int>(hit->adjustment);
          adj = (hit->adjustment >= 0 ? "+" : "") + num_text(hit->adjustment);
          break;
        case Config::Adjust::Exact:
          want = static_cast<int>(hit->adjustment);
          adj = "= " + num_text(hit->adjustment);
          break;
        case Config::Adjust::Percent: {
          // AWS rounding: above 1 down, 0..1 to 1, -1..0 to -1, below -1 up (towards zero); then the minimum magnitude.
          double d = base * hit->adjustment / 100;
          int n = d > 1 ? static_cast<int>(std::floor(d)) : d > 0 ? 1 : d < -1 ? static_cast<int>(std::ceil(d)) : d < 0 ? -1 : 0;
          if (n != 0 && cfg_.min_magnitude > 0 && std::abs(n) < cfg_.min_magnitude) n = n > 0 ? cfg_.min_magnitude : -cfg_.min_magnitude;
          want = base + n;
          adj = (hit->adjustment >= 0 ? "+" : "") + num_text(hit->adjustment) + "% (" + (n >= 0 ? "+" : "") + std::to_string(n) + ")";
          break;
        }
      }
      if (out ? want <= desired_ : want >= desired_) return;  // warming instances already cover this step
      std::string th = num_text(out ? cfg_.out_threshold : cfg_.in_threshold);
      std::string cap_en = out ? " on " + std::to_string(warm) + " warm instances" + (warming ? " (" + std::to_string(warming) + " warming not counted)" : "") : "";
      std::string cap_ko = out ? ", 워밍업이 끝난 인스턴스 " + std::to_string(warm) + "개 기준" + (warming ? "(워밍업 중인 " + std::to_string(warming) + "개 제외)" : "") : "";
      set_desired(sim, want, "step_scaling",
                  "step scaling: " + metric_en + v + unit_en + (out ? " ≥ " : " ≤ ") + th + unit_en + ", step " + bound_text(*hit, out) + " → " + adj + cap_en,
                  "단계 조정: " + metric_ko + v + unit_ko + (out ? " ≥ " : " ≤ ") + th + unit_ko + ", 단계 " + bound_text(*hit, out) + " → " + adj + cap_ko);
    }
  }

  // ---- predictive scaling (simplified) ----
  // Load = the sum of the in-service instances' CPU (instances' worth at 100%), averaged per "hour"
  // (1/24 of the cycle). The forecast for an hour is the mean load of the same hour in the previous
  // cycles; capacity = ceil(load / target CPU). It is issued SchedulingBufferTime before the hour
  // starts and, in forecast_and_scale mode, holds that capacity as the group's minimum until the hour ends.
  double slot_s() const { return cfg_.cycle_s / kSlotsPerCycle; }

  int predicted_floor(SimTime now) const {
    int f = 0;
    for (const Forecast& fc : forecasts_)
      if (now >= fc.from && now < fc.until && fc.capacity > f) f = fc.capacity;
    return f;
  }

  void predictive(Simulation& sim, double load) {
    SimTime now = sim.now();
    double t = to_seconds(now);
    auto slot = static_cast<size_t>(t / slot_s());
    if (slot_load_.size() <= slot) slot_load_.resize(slot + 1, 0.0);
    slot_load_[slot] += load;
    // Forecast the next hour once its start minus the buffer is reached.
    auto next = static_cast<int64_t>((t + cfg_.buffer_s) / slot_s());
    for (; next_forecast_ <= next; ++next_forecast_) {
      int64_t k = next_forecast_;
      double sum = 0;
      int cycles = 0;
      // The buffer is at most one hour, so the same hour of earlier cycles is over.
      for (int c = 1; c <= kMaxHistoryCycles; ++c) {
        int64_t past = k - static_cast<int64_t>(c) * kSlotsPerCycle;
        if (past < 0 || static_cast<size_t>(past) >= slot) break;
        sum += slot_load_[static_cast<size_t>(past)] / slot_s();
        ++cycles;
      }
      if (cycles == 0) continue;  // needs one full cycle of history
      double fload = sum / cycles;
      int cap = static_cast<int>(std::ceil(fload / cfg_.target_cpu - 1e-9));
      if (cap < cfg_.min) cap = cfg_.min;
      if (cap > cfg_.max) cap = cfg_.max;  // MaxCapacityBreachBehavior: HonorMaxCapacity
      int hour = static_cast<int>(k % kSlotsPerCycle);
      std::string h = std::to_string(hour) + ":00–" + std::to_string(hour + 1) + ":00";
      std::string when = num_text(static_cast<double>(k) * slot_s()) + " s";
      std::string l = num_text(static_cast<double>(static_cast<int64_t>(fload * 100 + 0.5)) / 100);
      std::string tgt = std::to_string(static_cast<int>(cfg_.target_cpu * 100 + 0.5));
      bool scale = cfg_.predictive == Config::Predictive::ForecastAndScale;
      sim.log(id(), LogKind::Info,
              "predictive scaling (simplified) forecast for hour " + h + " of the cycle (from " + when + "): load " + l +
                  " instances at 100% CPU → " + std::to_string(cap) + " instances at target " + tgt + "%" +
                  (scale ? "" : " (forecast only: no scaling)"),
              "예측 조정(단순화): 주기의 " + h + " 시간대(" + num_text(static_cast<double>(k) * slot_s()) +
                  "초부터) 예측 부하는 CPU 100% 기준 인스턴스 " + l + "개, 목표 " + tgt + "%에서 인스턴스 " + std::to_string(cap) + "개" +
                  (scale ? "" : "(예측만 하고 조정하지 않음)")).because("predictive_forecast").field("instances", cap);
      if (!scale) continue;
      forecasts_.push_back({now, from_seconds(static_cast<double>(k + 1) * slot_s()), cap});
    }
    while (!forecasts_.empty() && forecasts_.front().until <= now) forecasts_.erase(forecasts_.begin());
    int floor = predicted_floor(now);
    if (floor > desired_)
      set_desired(sim, floor, "predictive_scaling", "predictive scaling (simplified): forecast capacity, " + num_text(cfg_.buffer_s) + " s ahead of the hour",
                  "예측 조정(단순화): 예측 용량, 시간대 시작 " + num_text(cfg_.buffer_s) + "초 전");
  }

  void reconcile(Simulation& sim) {
    int live = 0;
    for (const Instance& in : instances_)
      if (!leaving(in) && !in.rebalance) ++live;  // rebalancing launches are extra until they replace one
    for (int k = live; k < desired_; ++k) {
      size_t before = instances_.size();
      launch(sim, false);
      if (instances_.size() == before) break;
    }
    for (int k = live; k > desired_; --k) {
      // AWS-FACTS: Auto Scaling groups / Termination — balance AZs first, then the oldest.
      int victim = -1;
      int victim_az_n = -1;
      for (size_t i = 0; i < instances_.size(); ++i) {
        const Instance& in = instances_[i];
        if (leaving(in) || in.rebalance) continue;
        int n = count_in(in.az);
        // Pending instances go first; then the AZ with the most; then the oldest (lowest id).
        int score = n + (in.st == Instance::St::Pending ? 1000 : 0);
        if (score > victim_az_n) { victim_az_n = score; victim = static_cast<int>(i); }
      }
      if (victim < 0) break;
      Instance& in = instances_[static_cast<size_t>(victim)];
      in.st = Instance::St::Draining;
      // AWS-FACTS: ELB / Deregistration delay — in-flight requests get up to the delay to finish.
      in.drain_deadline = sim.now() + dereg_delay_;
    }
  }

  void next_step(Simulation& sim, ReqHandle h, uint32_t inst, uint32_t step) {
    const auto& out = sim.outgoing(id());
    while (step < out.size()) {
      ConnId c = out[step];
      const Request& r = sim.request(h);
      RequestKind kind = r.kind;
      uint32_t size = r.size_bytes;
      uint64_t key = r.key;
      if (!sim.connection(c).policy.takes(kind)) {  // a wire for reads only, or writes only
        ++step;
        continue;
      }
      sim.call(c, h, kind, size, key, (inst << 8) | (step & 0xff));
      if (sim.connection(c).policy.sync) return;
      ++step;
    }
    finish(sim, h, Outcome::Ok);
  }

  void finish(Simulation& sim, ReqHandle h, Outcome o) {
    auto it = serving_.find(h.v);
    uint32_t inst = it == serving_.end() ? UINT32_MAX : it->second;
    if (it != serving_.end()) serving_.erase(it);
    sim.respond(h, o);
    Instance* in = find(inst);
    if (!in) return;
    ReqHandle next = in->core.release(sim.now());
    if (next.valid()) sim.schedule_timer(id(), sim.now() + in->core.service_time(sim.rng()), kServiceDone, next.v);
    sync_metrics(sim);
  }

  void sync_metrics(Simulation& sim) {
    NodeMetrics& m = sim.metrics(id());
    int64_t cap = 0, busy = 0, queued = 0;
    int instances = 0, healthy = 0;
    for (const Instance& in : instances_) {
      busy += in.core.busy();
      queued += static_cast<int64_t>(in.core.queued());
      if (leaving(in)) continue;
      ++instances;
      if (in.st == Instance::St::InService) {
        cap += in.core.workers();
        if (!in.lb_unhealthy) ++healthy;
      }
    }
    m.capacity = cap > 0 ? cap : 1;
    m.set(instances_gauge_, instances);
    m.set(healthy_gauge_, healthy);
    if (m.busy.value != busy) m.busy.set(sim.now(), busy);
    if (m.queue.value != queued) m.queue.set(sim.now(), queued);
  }

  Config cfg_;
  GaugeId instances_gauge_, healthy_gauge_;  // declared metrics (the descriptor's `metrics`)
  nlohmann::json iparams_;
  std::vector<AzId> azs_;
  std::vector<Instance> instances_;
  std::unordered_map<uint64_t, uint32_t> serving_;  // request -> instance (looked up, never iterated)
  int desired_ = 0;
  uint32_t next_id_ = 1;
  size_t rr_ = 0;
  SimTime dereg_delay_ = 0;
  SimTime cooldown_until_ = 0;
  sim::PeriodStats minute_cpu_;  // the group's average CPU, one sample a second (target tracking, simple)
  TrackingAlarm tracking_out_{group_alarm(sim::Comparison::GreaterThanThreshold, cfg_.target_cpu, kTrackingPeriodS, kOutDatapoints)};
  TrackingAlarm tracking_in_{group_alarm(sim::Comparison::LessThanThreshold, cfg_.target_cpu * kInShareOfTarget, kTrackingPeriodS, kInDatapoints)};
  // step scaling
  sim::PeriodStats step_cpu_;
  uint64_t arrivals_ = 0;
  std::optional<sim::Alarm> step_high_, step_low_;  // only with the step policy
  // predictive scaling
  struct Forecast { SimTime from, until; int capacity; };
  std::vector<double> slot_load_;  // load summed per second, per hour of the run
  int64_t next_forecast_ = 0;
  std::vector<Forecast> forecasts_;
};

std::vector<doc::Issue> validate(const nlohmann::json& p) {
  std::vector<doc::Issue> out;
  std::vector<StepAdjustment> outs, ins;
  catalog::Refusal err;
  std::string adj = catalog::param_string(p, "step_adjustment_type");
  bool exact = adj == "exact_capacity";
  if (!parse_steps(catalog::param_string(p, "step_out_adjustments"), outs, err)) out.push_back({"step_out_adjustments", err.en, err.ko});
  else
    for (const auto& a : outs)
      if (exact ? a.adjustment < 0 : a.adjustment <= 0)
        out.push_back({"step_out_adjustments",
                       "a scale-out step must " + std::string(exact ? "set a capacity of 0 or more" : "add instances (a positive adjustment)") +
                           ", not " + num_text(a.adjustment),
                       "확장 단계는 " + std::string(exact ? "용량을 0 이상으로 정해야" : "인스턴스를 늘려야(양수 조정값)") +
                           " 합니다. 지금 값: " + num_text(a.adjustment)});
  if (!parse_steps(catalog::param_string(p, "step_in_adjustments"), ins, err)) out.push_back({"step_in_adjustments", err.en, err.ko});
  else
    for (const auto& a : ins)
      if (exact ? a.adjustment < 0 : a.adjustment >= 0)
        out.push_back({"step_in_adjustments",
                       "a scale-in step must " + std::string(exact ? "set a capacity of 0 or more" : "remove instances (a negative adjustment)") +
                           ", not " + num_text(a.adjustment),
                       "축소 단계는 " + std::string(exact ? "용량을 0 이상으로 정해야" : "인스턴스를 줄여야(음수 조정값)") +
                           " 합니다. 지금 값: " + num_text(a.adjustment)});
  if (catalog::param_number(p, "step_in_threshold") >= catalog::param_number(p, "step_out_threshold"))
    out.push_back({"step_in_threshold", "the scale-in threshold must be below the scale-out threshold (" +
                                            num_text(catalog::param_number(p, "step_out_threshold")) + "), or both alarms could fire at once",
                   "축소 임계값은 확장 임계값(" + num_text(catalog::param_number(p, "step_out_threshold")) +
                       ")보다 작아야 합니다. 그렇지 않으면 두 경보가 동시에 울릴 수 있습니다."});
  // The step alarms' period and window, checked by the engine's alarm evaluator.
  sim::AlarmSpec alarm;
  alarm.period_s = catalog::param_number(p, "step_period_s");
  alarm.evaluation_periods = alarm.datapoints_to_alarm = static_cast<int>(catalog::param_number(p, "step_evaluation_periods"));
  for (const sim::AlarmSpecIssue& i : sim::check_alarm_spec(alarm))
    out.push_back({i.field == sim::AlarmField::Period ? "step_period_s" : "step_evaluation_periods", i.en, i.ko});
  double hour = catalog::param_number(p, "predictive_cycle_s") / kSlotsPerCycle;
  if (catalog::param_number(p, "predictive_buffer_s") > hour)
    out.push_back({"predictive_buffer_s", "the scheduling buffer may be at most one forecast hour (1/24 of the cycle = " + num_text(hour) + " s)",
                   "예약 버퍼는 예측 시간대 하나(주기의 1/24 = " + num_text(hour) + "초)보다 길 수 없습니다."});
  for (const char* pre : {"launch_hook", "terminate_hook"}) {
    std::string k = pre;
    double total = catalog::param_number(p, k + "_timeout_s") * (1 + catalog::param_number(p, k + "_heartbeats"));
    if (total > kHookMaxTotalS)
      out.push_back({k + "_heartbeats", "timeout × (1 + heartbeats) = " + num_text(total) +
                                            " s: a lifecycle hook ends after 48 hours at most (AWS-FACTS: Auto Scaling groups / Lifecycle hooks)",
                     "제한 시간 × (1 + 하트비트 수) = " + num_text(total) + "초입니다. 수명 주기 후크는 길어도 48시간 뒤에는 끝납니다."});
  }
  for (const std::string& item : catalog::split_list(catalog::param_string(p, "schedule"))) {
    size_t colon = item.find(':');
    bool ok = colon != std::string::npos;
    try {
      if (ok) { (void)std::stod(item.substr(0, colon)); (void)std::stoi(item.substr(colon + 1)); }
    } catch (...) { ok = false; }
    if (!ok) {
      out.push_back({"schedule", "\"" + item + "\" is not time_s:desired (e.g. \"600:4, 1800:2\")",
                     "\"" + item + "\": 시각(초):원하는 용량 형식이 아닙니다(예: \"600:4, 1800:2\")."});
      break;
    }
  }
  return out;
}

catalog::ServiceDescriptor make_descriptor() {
  using catalog::ParamSpec;
  using catalog::ParamType;
  catalog::ServiceDescriptor d;
  d.type = "asg";
  d.category = catalog::Category::Compute;
  d.name = {"Auto Scaling group", "Auto Scaling 그룹"};
  d.summary = {"A group of identical EC2 instances across Availability Zones that keeps between min and max running, scales on CPU, and replaces instances that die.",
               "여러 가용 영역에 걸친 동일한 EC2 인스턴스 그룹입니다. 최소와 최대 사이의 인스턴스를 유지하고, CPU에 따라 확장·축소하며, 중단된 인스턴스를 교체합니다."};
  d.simplifications = {
      "Policies are evaluated once a minute on the group's average CPU. Target tracking scales out after 3 minutes above the target and in after 15 minutes below 90% of it (⚠ AWS's alarm defaults, not in AWS-FACTS), to ceil(n × CPU / target); while the alarm stays in ALARM it acts again after each further 3 (or 15) minutes, instead of AWS's warm-up accounting. "
      "Simple scaling adds or removes a fixed step and then waits for the cooldown. "
      "Step scaling has two CloudWatch-style alarms (high and low, ≥ / ≤ the threshold for N periods in a row) on the average CPU of warmed-up instances or on requests per target, and runs its step adjustments on every period the alarm stays in ALARM. "
      "Predictive scaling is simplified: the forecast for each \"hour\" (1/24 of a configurable cycle, a day by default) is the mean CPU load of the same hour in up to 14 earlier cycles, "
      "turned into capacity at the target CPU and held as the group's minimum from SchedulingBufferTime before the hour until its end; it needs one full cycle of history and is not AWS's machine-learning forecast. "
      "Lifecycle hooks hold a launching instance in Pending:Wait and a scaled-in instance in Terminating:Wait (after deregistration) until the hook completes or times out; instances that die (AZ failure, failed health checks) skip the hooks. "
      "AZ rebalancing launches in the emptiest AZ first and terminates in the fullest once the new instance is in service, up to 10% above max (⚠). Launch templates are not modelled. "
      "Instances placed before the run starts are already in service. Scale-in picks the AZ with the most instances, then the oldest instance, and waits for in-flight requests up to the load balancer's deregistration delay. "
      "Launch time (boot and software start) is a fixed parameter (⚠ typical value).",
      "정책은 1분마다 그룹의 평균 CPU로 평가합니다. 대상 추적은 3분 연속 목표를 넘으면 확장하고 15분 연속 목표의 90% 아래이면 축소하며(⚠ AWS 경보 기본값, AWS-FACTS에는 없음), 목표 용량은 올림(n × CPU / 목표)입니다. 경보 상태가 이어지면 AWS의 워밍업 계산 대신 3분(축소는 15분)이 더 지날 때마다 다시 조정합니다. "
      "단순 조정은 정해진 개수만큼 늘리거나 줄인 뒤 휴지 기간 동안 기다립니다. "
      "단계 조정은 CloudWatch 방식의 경보 두 개(high와 low, N개 기간 연속으로 임계값 이상/이하)를 워밍업이 끝난 인스턴스의 평균 CPU 또는 대상당 요청 수에 걸고, 경보 상태가 이어지는 동안 기간마다 단계 조정을 실행합니다. "
      "예측 조정은 단순화했습니다: 각 \"시간대\"(설정한 주기의 1/24, 기본은 하루)의 예측은 이전 최대 14주기 같은 시간대 CPU 부하의 평균이며, 목표 CPU 기준 용량으로 바꿔 "
      "SchedulingBufferTime만큼 앞서부터 그 시간대가 끝날 때까지 그룹의 최소 용량으로 유지합니다. 한 주기 이상의 기록이 필요하며 AWS의 머신 러닝 예측이 아닙니다. "
      "수명 주기 후크는 시작하는 인스턴스를 Pending:Wait에, 축소로 종료되는 인스턴스를 (등록 취소 후) Terminating:Wait에 후크가 완료되거나 시간 초과될 때까지 둡니다. 장애(가용 영역 장애, 상태 확인 실패)로 중단된 인스턴스는 후크를 거치지 않습니다. "
      "가용 영역 재분배는 인스턴스가 가장 적은 가용 영역에서 먼저 시작하고, 새 인스턴스가 서비스를 시작하면 가장 많은 가용 영역에서 종료하며, 최대 용량을 10%까지 넘을 수 있습니다(⚠). 시작 템플릿은 다루지 않습니다. "
      "실행 시작 전에 있던 인스턴스는 이미 서비스 중입니다. 축소할 때는 인스턴스가 가장 많은 가용 영역에서 가장 오래된 인스턴스를 고르고, 로드 밸런서의 등록 취소 지연만큼 처리 중인 요청을 기다립니다. "
      "시작 시간(부팅과 소프트웨어 시작)은 고정된 파라미터입니다(⚠ 일반적인 값)."};
  d.placement = PlacementKind::Region;
  d.traits = sim::Traits(sim::Trait::SpansAzs);
  d.icon = catalog::Icon::Scaling;
  d.lint_rules = {
      {"asg-min-equals-max",
       [](const doc::Document&, const doc::NodeDoc& n) -> std::optional<catalog::Finding> {
         const nlohmann::json* mn = catalog::set_param(n, "min_size");
         const nlohmann::json* mx = catalog::set_param(n, "max_size");
         if (!mn || !mx || !mn->is_number() || !mx->is_number() || mn->get<double>() != mx->get<double>()) return std::nullopt;
         return catalog::Finding{"", catalog::Severity::Info,
                                 "Auto Scaling group " + n.id + " has min = max: it replaces unhealthy instances but can never "
                                 "scale with the load. Raise max if the load varies.",
                                 "Auto Scaling 그룹 " + doc::with_topic(n.id) + " 최소 = 최대입니다. 비정상 인스턴스는 교체하지만 부하에 따라 "
                                 "늘거나 줄 수 없습니다. 부하가 변한다면 최대를 올리세요.",
                                 {n.id}, "Auto Scaling groups / Policies"};
       }},
      // A launch hook nobody completes: every new instance waits out the whole timeout
      // (default one hour) before it serves — scale-outs arrive far too late.
      {"asg-launch-hook-never-completed",
       [](const doc::Document&, const doc::NodeDoc& n) -> std::optional<catalog::Finding> {
         const nlohmann::json p = catalog::with_defaults(*catalog::find_service(n.type), n.params);
         if (catalog::param_string(p, "launch_hook") == "none" || catalog::param_number(p, "launch_hook_complete_s") >= 0)
           return std::nullopt;
         const std::string t = std::to_string(static_cast<long long>(catalog::param_number(p, "launch_hook_timeout_s")));
         return catalog::Finding{"", catalog::Severity::Warning,
                                 "Auto Scaling group " + n.id + " has a launch lifecycle hook that nothing completes: every new "
                                 "instance waits in Pending:Wait for the whole " + t + " s heartbeat timeout before it gets traffic, "
                                 "so scale-outs and replacements arrive late. Complete the hook from your bootstrap script "
                                 "(launch_hook_complete_s) or shorten the timeout.",
                                 "Auto Scaling 그룹 " + n.id + "의 시작 수명 주기 후크를 완료하는 곳이 없습니다. 새 인스턴스는 하트비트 "
                                 "제한 시간 " + t + "초 동안 Pending:Wait 상태로 기다린 뒤에야 트래픽을 받으므로 확장과 교체가 늦어집니다. "
                                 "부트스트랩 스크립트에서 후크를 완료하거나(launch_hook_complete_s) 제한 시간을 줄이세요.",
                                 {n.id}, "Auto Scaling groups / Lifecycle hooks"};
       }},
      // Predictive scaling that only forecasts: it logs what it would do and never scales.
      {"asg-predictive-forecast-only",
       [](const doc::Document&, const doc::NodeDoc& n) -> std::optional<catalog::Finding> {
         const nlohmann::json* pr = catalog::set_param(n, "predictive");
         if (!pr || *pr != "forecast_only") return std::nullopt;
         return catalog::Finding{"", catalog::Severity::Info,
                                 "Auto Scaling group " + n.id + " runs predictive scaling in forecast-only mode: it forecasts but "
                                 "does not launch anything. Switch to forecast_and_scale once the forecasts look right.",
                                 "Auto Scaling 그룹 " + n.id + "의 예측 조정이 예측 전용(forecast only) 모드입니다. 예측만 하고 인스턴스는 "
                                 "시작하지 않습니다. 예측이 맞아 보이면 forecast_and_scale로 바꾸세요.",
                                 {n.id}, "Auto Scaling groups / Policies"};
       }},
  };
  d.params = instance_params();
  auto add = [&](ParamSpec p) { d.params.push_back(std::move(p)); };
  add({"min_size", ParamType::Int, {"Minimum", "최소 용량"}, {"Never fewer instances than this.", "인스턴스 수가 이보다 적어지지 않습니다."}, "instances", 0, 1000, 1, {}, ""});
  add({"desired", ParamType::Int, {"Desired capacity", "원하는 용량"}, {"Instances at the start; scaling policies change it.", "시작할 때의 인스턴스 수이며, 조정 정책이 이 값을 바꿉니다."}, "instances", 0, 1000, 2, {}, ""});
  add({"max_size", ParamType::Int, {"Maximum", "최대 용량"}, {"Never more instances than this.", "인스턴스 수가 이보다 많아지지 않습니다."}, "instances", 0, 1000, 6, {}, ""});
  add({"azs", ParamType::String, {"Availability Zones", "가용 영역"},
       {"Comma-separated AZ IDs to launch into; empty = every AZ of the group's Region in the document.",
        "인스턴스를 시작할 가용 영역 ID를 쉼표로 구분해 적습니다. 비우면 문서에 있는 그룹 리전의 모든 가용 영역입니다."}, "", 0, 0, "", {}, ""});
  add({"launch_s", ParamType::Float, {"Launch time", "시작 시간"},
       {"From launch to in service (boot + application start).", "시작부터 서비스 개시까지의 시간입니다(부팅 + 애플리케이션 시작)."}, "s", 0, 3600, 60, {}, ""});
  add({"health_check_type", ParamType::Enum, {"Health check type", "상태 확인 유형"},
       {"ec2: only dead instances are replaced; elb: also those the load balancer marks unhealthy (after the grace period).",
        "ec2: 중단된 인스턴스만 교체합니다. elb: 로드 밸런서가 비정상으로 표시한 인스턴스도 유예 기간 후 교체합니다."}, "", 0, 0, "ec2", {"ec2", "elb"}, ""});
  add({"health_check_grace_s", ParamType::Float, {"Health check grace period", "상태 확인 유예 기간"},
       {"After launch, failed health checks are ignored for this long.", "시작 후 이 시간 동안은 상태 확인 실패를 무시합니다."},
       "s", 0, 7200, kDefaultGraceS, {}, "Auto Scaling groups / Grace period"});
  add({"policy", ParamType::Enum, {"Scaling policy", "조정 정책"},
       {"target_tracking: keep average CPU near the target; simple: add/remove a step past thresholds, then cooldown; step: step adjustments on CloudWatch-style alarms; none.",
        "target_tracking: 평균 CPU를 목표 가까이 유지합니다. simple: 임계값을 넘으면 정해진 개수만큼 늘리거나 줄이고 휴지 기간을 둡니다. step: CloudWatch 방식 경보에 따라 단계별로 조정합니다. none: 조정하지 않습니다."},
       "", 0, 0, "target_tracking", {"target_tracking", "simple", "step", "none"}, "Auto Scaling groups / Policies"});
  add({"target_cpu", ParamType::Float, {"Target CPU", "목표 CPU"}, {"Target tracking: the average CPU to keep.", "대상 추적: 유지할 평균 CPU 사용률입니다."}, "%", 1, 100, 50, {}, ""});
  add({"scale_out_cpu", ParamType::Float, {"Scale out above", "확장 임계값"}, {"Simple scaling: add instances when CPU is above this.", "단순 조정: CPU가 이 값을 넘으면 인스턴스를 추가합니다."}, "%", 1, 100, 70, {}, ""});
  add({"scale_in_cpu", ParamType::Float, {"Scale in below", "축소 임계값"}, {"Simple scaling: remove instances when CPU is below this.", "단순 조정: CPU가 이 값보다 낮으면 인스턴스를 제거합니다."}, "%", 0, 100, 30, {}, ""});
  add({"step", ParamType::Int, {"Step", "조정 단위"}, {"Simple scaling: instances added or removed at once.", "단순 조정: 한 번에 추가하거나 제거하는 인스턴스 수입니다."}, "instances", 1, 100, 1, {}, ""});
  add({"cooldown_s", ParamType::Float, {"Cooldown", "휴지 기간"}, {"Simple scaling: wait this long after a scaling activity.", "단순 조정: 조정 활동 후 이 시간 동안 기다립니다."},
       "s", 0, 86400, kDefaultCooldownS, {}, "Auto Scaling groups / Cooldown"});
  add({"warmup_s", ParamType::Float, {"Instance warmup", "인스턴스 워밍업"},
       {"Target tracking and step scaling (estimated instance warm-up): no scale-in while an instance went in service less than this long ago; step scaling also leaves warming instances out of the metric and of the capacity it scales out from.",
        "대상 추적과 단계 조정(예상 인스턴스 워밍업): 서비스를 시작한 지 이 시간이 안 된 인스턴스가 있으면 축소하지 않습니다. 단계 조정은 워밍업 중인 인스턴스를 지표와 확장 기준 용량에서도 뺍니다."},
       "s", 0, 86400, 300, {}, "Auto Scaling groups / Warmup"});
  add({"schedule", ParamType::String, {"Scheduled actions", "예약된 작업"},
       {"Optional: \"time_s:desired\" pairs, e.g. \"600:4, 1800:2\".", "선택 사항: \"시각_초:원하는 용량\" 쌍입니다. 예: \"600:4, 1800:2\"."}, "", 0, 0, "", {}, ""});
  // ---- step scaling ----
  add({"step_metric", ParamType::Enum, {"Step: alarm metric", "단계: 경보 지표"},
       {"cpu: average CPU % of the in-service instances past their warm-up; requests_per_target: requests the group received in one period ÷ instances in service (like ALBRequestCountPerTarget).",
        "cpu: 워밍업이 끝난 서비스 중 인스턴스의 평균 CPU %. requests_per_target: 한 기간 동안 그룹이 받은 요청 수 ÷ 서비스 중 인스턴스 수(ALBRequestCountPerTarget과 같음)."},
       "", 0, 0, "cpu", {"cpu", "requests_per_target"}, "Auto Scaling groups / Policies"});
  add({"step_period_s", ParamType::Float, {"Step: alarm period", "단계: 경보 기간"},
       {"One datapoint per period: 10, 30 or a multiple of 60 s (CloudWatch, ⚠ not in AWS-FACTS).", "기간마다 데이터 포인트 하나: 10초, 30초 또는 60초의 배수입니다(CloudWatch, ⚠ AWS-FACTS에는 없음)."},
       "s", 10, 86400, 60, {}, ""});
  add({"step_evaluation_periods", ParamType::Int, {"Step: evaluation periods", "단계: 평가 기간 수"},
       {"Datapoints in a row past the threshold before the alarm goes to ALARM (periods × period at most one day).",
        "경보 상태가 되기까지 임계값을 연속으로 넘어야 하는 데이터 포인트 수입니다(기간 수 × 기간은 최대 하루)."},
       "periods", 1, 8640, 3, {}, ""});
  add({"step_out_threshold", ParamType::Float, {"Step: scale-out threshold", "단계: 확장 임계값"},
       {"The high alarm fires when the metric is ≥ this (CPU in %, or requests per target per period).",
        "지표가 이 값 이상이면 high 경보가 울립니다(CPU는 %, 또는 기간당 대상별 요청 수)."}, "", 0, 1e9, 60, {}, ""});
  add({"step_out_adjustments", ParamType::String, {"Step: scale-out steps", "단계: 확장 단계"},
       {"\"lower:upper:adjustment\" ranges of (metric − threshold), lower bound inclusive; an empty bound is infinity. \"0:20:1, 20::3\" adds 1 instance up to 20 above the threshold, 3 beyond.",
        "(지표 − 임계값)의 \"하한:상한:조정값\" 범위이며 하한을 포함합니다. 비운 한계는 무한대입니다. \"0:20:1, 20::3\"은 임계값보다 20 미만 높으면 1개, 그 이상이면 3개를 추가합니다."},
       "", 0, 0, "0:20:1, 20::3", {}, ""});
  add({"step_in_threshold", ParamType::Float, {"Step: scale-in threshold", "단계: 축소 임계값"},
       {"The low alarm fires when the metric is ≤ this.", "지표가 이 값 이하이면 low 경보가 울립니다."}, "", 0, 1e9, 30, {}, ""});
  add({"step_in_adjustments", ParamType::String, {"Step: scale-in steps", "단계: 축소 단계"},
       {"Ranges of (metric − threshold) below the threshold, upper bound inclusive: \":0:-1\" removes 1 instance.",
        "임계값 아래 (지표 − 임계값)의 범위이며 상한을 포함합니다. \":0:-1\"은 인스턴스 1개를 제거합니다."},
       "", 0, 0, ":0:-1", {}, ""});
  add({"step_adjustment_type", ParamType::Enum, {"Step: adjustment type", "단계: 조정 유형"},
       {"change_in_capacity: add/remove that many; percent_change_in_capacity: that % of the current capacity (rounded towards zero, at least 1); exact_capacity: set the capacity to it.",
        "change_in_capacity: 그 개수만큼 더하거나 뺍니다. percent_change_in_capacity: 현재 용량의 그 %만큼(0 쪽으로 반올림, 최소 1). exact_capacity: 용량을 그 값으로 정합니다."},
       "", 0, 0, "change_in_capacity", {"change_in_capacity", "percent_change_in_capacity", "exact_capacity"}, "Auto Scaling groups / Policies"});
  add({"step_min_adjustment_magnitude", ParamType::Int, {"Step: minimum adjustment", "단계: 최소 조정 크기"},
       {"percent_change_in_capacity only: change at least this many instances (0 = off).", "percent_change_in_capacity에서만: 최소 이만큼의 인스턴스를 바꿉니다(0은 사용 안 함)."},
       "instances", 0, 1000, 0, {}, ""});
  // ---- predictive scaling (simplified) ----
  add({"predictive", ParamType::Enum, {"Predictive scaling (simplified)", "예측 조정(단순화)"},
       {"Simplified: forecasts each hour from the same hour of earlier cycles. forecast_only logs the forecast; forecast_and_scale also launches the forecast capacity ahead of the hour (never scales in).",
        "단순화한 모델입니다: 각 시간대를 이전 주기의 같은 시간대로 예측합니다. forecast_only는 예측만 기록하고, forecast_and_scale은 시간대 전에 예측 용량을 미리 시작합니다(축소는 하지 않음)."},
       "", 0, 0, "off", {"off", "forecast_only", "forecast_and_scale"}, "Auto Scaling groups / Policies"});
  add({"predictive_cycle_s", ParamType::Float, {"Predictive: cycle", "예측: 주기"},
       {"Length of the repeating load cycle (a day is 86400 s); an \"hour\" is 1/24 of it. Shorter cycles are handy in class.",
        "반복되는 부하 주기의 길이입니다(하루는 86400초). \"시간대\"는 그 1/24입니다. 수업에서는 짧은 주기가 편합니다."},
       "s", 2400, 1209600, 86400, {}, ""});
  add({"predictive_buffer_s", ParamType::Float, {"Predictive: scheduling buffer", "예측: 예약 버퍼"},
       {"SchedulingBufferTime: launch the forecast capacity this long before the hour starts (at most one hour).",
        "SchedulingBufferTime: 시간대가 시작되기 이만큼 전에 예측 용량을 시작합니다(최대 한 시간대)."},
       "s", 0, 3600, 300, {}, ""});
  // ---- lifecycle hooks ----
  for (int t = 0; t < 2; ++t) {
    const bool l = t == 0;
    const std::string pre = l ? "launch_hook" : "terminate_hook";
    add({pre, ParamType::Enum,
         l ? catalog::Text{"Launch lifecycle hook", "시작 수명 주기 후크"} : catalog::Text{"Termination lifecycle hook", "종료 수명 주기 후크"},
         l ? catalog::Text{"autoscaling:EC2_INSTANCE_LAUNCHING: a new instance waits in Pending:Wait (no traffic) until the hook completes or times out; the value is the default result on timeout (ABANDON terminates it).",
                           "autoscaling:EC2_INSTANCE_LAUNCHING: 새 인스턴스가 후크가 완료되거나 시간 초과될 때까지 Pending:Wait 상태로 기다립니다(트래픽 없음). 값은 시간 초과 시 기본 결과입니다(ABANDON이면 종료)."}
           : catalog::Text{"autoscaling:EC2_INSTANCE_TERMINATING: a scaled-in instance waits in Terminating:Wait (after deregistration) before it is terminated; either result terminates it.",
                           "autoscaling:EC2_INSTANCE_TERMINATING: 축소로 종료되는 인스턴스가 (등록 취소 후) 종료 전에 Terminating:Wait 상태로 기다립니다. 어느 결과든 종료됩니다."},
         "", 0, 0, "none", {"none", "continue", "abandon"}, "Auto Scaling groups / Lifecycle hooks"});
    add({pre + "_timeout_s", ParamType::Float, {"Hook: heartbeat timeout", "후크: 하트비트 제한 시간"},
         {"How long the hook waits for CompleteLifecycleAction (or a heartbeat) before its default result applies (30–7200 s, default 1 h).",
          "기본 결과를 적용하기 전에 CompleteLifecycleAction(또는 하트비트)을 기다리는 시간입니다(30–7200초, 기본 1시간)."},
         "s", kHookMinTimeoutS, kHookMaxTimeoutS, kDefaultHookTimeoutS, {}, "Auto Scaling groups / Lifecycle hooks"});
    add({pre + "_heartbeats", ParamType::Int, {"Hook: heartbeats", "후크: 하트비트 횟수"},
         {"RecordLifecycleActionHeartbeat calls, each restarting the timeout (at most 100, and 48 h in all).",
          "RecordLifecycleActionHeartbeat 호출 수이며, 호출마다 제한 시간이 다시 시작됩니다(최대 100회, 전체 48시간)."},
         "", 0, kHookMaxHeartbeats, 0, {}, "Auto Scaling groups / Lifecycle hooks"});
    add({pre + "_complete_s", ParamType::Float, {"Hook: completed after", "후크: 완료 시점"},
         {"Your script calls CompleteLifecycleAction (CONTINUE) this long after the hook starts; -1 = never, so the hook times out.",
          "스크립트가 후크 시작 후 이 시간에 CompleteLifecycleAction(CONTINUE)을 호출합니다. -1은 호출하지 않아 시간 초과됩니다."},
         "s", -1, kHookMaxTotalS, -1, {}, ""});
  }
  add({"az_rebalance", ParamType::Bool, {"AZ rebalancing", "가용 영역 재분배"},
       {"When the AZs become uneven (e.g. an AZ came back after an outage), launch in the emptiest AZ first, then terminate in the fullest. Off = the AZRebalance process is suspended.",
        "가용 영역 간 인스턴스 수가 고르지 않게 되면(예: 장애 후 가용 영역 복구) 가장 적은 가용 영역에서 먼저 시작하고 가장 많은 가용 영역에서 종료합니다. 끄면 AZRebalance 프로세스가 일시 중지됩니다."},
       "", 0, 0, true, {}, ""});
  d.validate = validate;
  for (const char* list : {"azs", "schedule", "step_out_adjustments", "step_in_adjustments"})
    catalog::param_spec(d, list).list_separator = ',';
  d.metrics = {
      {{"instances", MetricKind::Gauge, MetricStat::Max},
       {"Instances", "인스턴스"},
       {"instances", "개"},
       {"Instances in the group, from pending to in service (not those terminating or leaving).",
        "그룹에 있는 인스턴스 수입니다(pending부터 InService까지, 종료 중이거나 빠지는 인스턴스는 제외)."},
       catalog::MetricCard::Total, {}},
      {{"healthy_instances", MetricKind::Gauge, MetricStat::Min},
       {"Healthy instances in service", "서비스 중인 정상 인스턴스"},
       {"instances", "개"},
       {"Instances in service that the load balancer (if any) does not mark unhealthy: they serve requests.",
        "InService 상태이고 로드 밸런서(있는 경우)가 비정상으로 표시하지 않은 인스턴스 수입니다. 이 인스턴스들이 요청을 처리합니다."},
       catalog::MetricCard::Ready, {}},
  };
  d.create = [](const catalog::BuildContext& ctx) -> std::unique_ptr<Model> {
    const auto& p = ctx.params;
    Config c;
    c.min = static_cast<int>(catalog::param_number(p, "min_size"));
    c.max = static_cast<int>(catalog::param_number(p, "max_size"));
    c.desired = static_cast<int>(catalog::param_number(p, "desired"));
    if (c.max < c.min) throw std::runtime_error("max_size is below min_size");
    if (c.desired < c.min) c.desired = c.min;
    if (c.desired > c.max) c.desired = c.max;
    c.azs = catalog::param_string(p, "azs");
    c.launch_s = catalog::param_number(p, "launch_s");
    c.elb_health = catalog::param_string(p, "health_check_type") == "elb";
    c.grace_s = catalog::param_number(p, "health_check_grace_s");
    std::string pol = catalog::param_string(p, "policy");
    c.policy = pol == "simple" ? Config::Policy::Simple : pol == "none" ? Config::Policy::None : Config::Policy::TargetTracking;
    c.target_cpu = catalog::param_number(p, "target_cpu") / 100;
    c.out_cpu = catalog::param_number(p, "scale_out_cpu") / 100;
    c.in_cpu = catalog::param_number(p, "scale_in_cpu") / 100;
    c.step = static_cast<int>(catalog::param_number(p, "step"));
    c.cooldown_s = catalog::param_number(p, "cooldown_s");
    c.warmup_s = catalog::param_number(p, "warmup_s");
    if (pol == "step") c.policy = Config::Policy::Step;
    c.step_requests = catalog::param_string(p, "step_metric") == "requests_per_target";
    c.period_s = catalog::param_number(p, "step_period_s");
    c.eval_periods = static_cast<int>(catalog::param_number(p, "step_evaluation_periods"));
    c.out_threshold = catalog::param_number(p, "step_out_threshold");
    c.in_threshold = catalog::param_number(p, "step_in_threshold");
    catalog::Refusal err;
    if (!parse_steps(catalog::param_string(p, "step_out_adjustments"), c.out_steps, err) ||
        !parse_steps(catalog::param_string(p, "step_in_adjustments"), c.in_steps, err))
      throw std::runtime_error(err.en);
    std::string adj = catalog::param_string(p, "step_adjustment_type");
    c.adjust = adj == "exact_capacity" ? Config::Adjust::Exact : adj == "percent_change_in_capacity" ? Config::Adjust::Percent : Config::Adjust::Change;
    c.min_magnitude = static_cast<int>(catalog::param_number(p, "step_min_adjustment_magnitude"));
    std::string pr = catalog::param_string(p, "predictive");
    c.predictive = pr == "forecast_only" ? Config::Predictive::ForecastOnly : pr == "forecast_and_scale" ? Config::Predictive::ForecastAndScale : Config::Predictive::Off;
    c.cycle_s = catalog::param_number(p, "predictive_cycle_s");
    c.buffer_s = catalog::param_number(p, "predictive_buffer_s");
    for (int t = 0; t < 2; ++t) {
      const std::string pre = t == 0 ? "launch_hook" : "terminate_hook";
      Hook& h = t == 0 ? c.launch_hook : c.terminate_hook;
      std::string v = catalog::param_string(p, pre);
      h.on = v == "continue" || v == "abandon";
      h.abandon = v == "abandon";
      h.timeout_s = catalog::param_number(p, pre + "_timeout_s");
      h.heartbeats = static_cast<int>(catalog::param_number(p, pre + "_heartbeats"));
      h.complete_s = catalog::param_number(p, pre + "_complete_s");
    }
    c.az_rebalance = catalog::param_bool(p, "az_rebalance");
    for (const std::string& item : catalog::split_list(catalog::param_string(p, "schedule"))) {
      size_t colon = item.find(':');
      if (colon != std::string::npos) c.schedule.push_back({std::stod(item.substr(0, colon)), std::stoi(item.substr(colon + 1))});
    }
    return std::make_unique<Asg>(c, p);
  };
  return d;
}

}  // namespace

const catalog::ServiceDescriptor& asg_descriptor() {
  static const catalog::ServiceDescriptor d = make_descriptor();
  return d;
}

}  // namespace cp::services
