#include "core/services/autoscaling.h"

#include <cmath>
#include <string>
#include <unordered_map>

#include "core/services/ec2.h"
#include "core/sim/simulation.h"

namespace cp::services {
namespace {

using namespace cp::sim;

enum Timer : uint16_t { kServiceDone = 0, kLateFail = 1 };

// AWS-FACTS: Auto Scaling groups / Cooldown — 300 s default, simple scaling only.
constexpr double kDefaultCooldownS = 300;
// AWS-FACTS: Auto Scaling groups / Grace period — console 300 s.
constexpr double kDefaultGraceS = 300;
// Target tracking alarms: scale out after 3 one-minute datapoints above the
// target, scale in after 15 below 90% of it (AWS target tracking docs; ⚠ not in AWS-FACTS).
constexpr int kOutDatapoints = 3;
constexpr int kInDatapoints = 15;

bool is_lb_type(const std::string& t) { return t == "alb" || t == "nlb" || t == "clb" || t == "gwlb"; }

struct Instance {
  uint32_t id;
  AzId az;
  enum class St { Pending, InService, Draining } st;
  SimTime launched_at, ready_at, drain_deadline = 0;
  InstanceCore core;
  bool lb_unhealthy = false;
};

struct Scheduled { double at_s; int desired; bool done = false; };

struct Config {
  int min = 1, desired = 2, max = 4;
  std::string azs;
  double launch_s = 60, grace_s = kDefaultGraceS;
  bool elb_health = false;
  enum class Policy { TargetTracking, Simple, None } policy = Policy::TargetTracking;
  double target_cpu = 0.5, out_cpu = 0.7, in_cpu = 0.3;
  int step = 1;
  double cooldown_s = kDefaultCooldownS, warmup_s = 300;
  std::vector<Scheduled> schedule;
};

class Asg final : public ModelBase<Asg>, public TargetGroupSource {
public:
  Asg(Config cfg, nlohmann::json instance_params) : cfg_(std::move(cfg)), iparams_(std::move(instance_params)) {
    desired_ = cfg_.desired;
  }

  void start(Simulation& sim) override {
    const Topology& topo = sim.topology();
    if (!cfg_.azs.empty()) {
      size_t pos = 0;
      while (pos <= cfg_.azs.size()) {
        size_t comma = cfg_.azs.find(',', pos);
        std::string name = cfg_.azs.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
        while (!name.empty() && name.front() == ' ') name.erase(0, 1);
        while (!name.empty() && name.back() == ' ') name.pop_back();
        AzId a = topo.find_az(name);
        if (a.valid()) azs_.push_back(a);
        if (comma == std::string::npos) break;
        pos = comma + 1;
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
    if (r.caller.valid() && is_lb_type(sim.info(r.caller).type)) {
      in = find(r.tag);
      if (!in || in->st == Instance::St::Pending) {
        // The load balancer still lists an instance that is gone: nobody answers.
        sim.schedule_timer(id(), sim.now() + kConnectTimeout, kLateFail, h.v);
        return;
      }
    } else {
      in = pick_round_robin();
      if (!in) {
        sim.respond(h, Outcome::Unreachable);
        return;
      }
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
        kill(sim, i, "its Availability Zone failed", "가용 영역에 장애가 발생했습니다");
        continue;
      }
      ++i;
    }
    double cpu_sum = 0;
    int in_service = 0;
    for (size_t i = 0; i < instances_.size();) {
      Instance& in = instances_[i];
      in.core.tick(now);
      if (in.st != Instance::St::Pending) m.cost_usd += in.core.type()->usd_per_hour / 3600.0;
      if (in.st == Instance::St::Pending && now >= in.ready_at) {
        in.st = Instance::St::InService;
        sim.log(id(), LogKind::InstanceLaunched,
                "instance i-" + std::to_string(in.id) + " is in service in " + sim.topology().az(in.az).id,
                "인스턴스 i-" + std::to_string(in.id) + "이(가) " + sim.topology().az(in.az).id + "에서 서비스를 시작했습니다");
      }
      if (in.st == Instance::St::InService) {
        cpu_sum += in.core.cpu();
        ++in_service;
      }
      if (in.st == Instance::St::Draining && ((in.core.busy() == 0 && in.core.queued() == 0) || now >= in.drain_deadline)) {
        terminate(sim, i);
        continue;
      }
      // ELB health checks: an unhealthy instance past its grace period is replaced.
      if (cfg_.elb_health && in.lb_unhealthy && in.st == Instance::St::InService &&
          now >= in.launched_at + from_seconds(cfg_.grace_s)) {
        kill(sim, i, "it failed the load balancer's health checks", "로드 밸런서 상태 확인에 실패했습니다");
        continue;
      }
      ++i;
    }
    minute_cpu_ += in_service ? cpu_sum / in_service : 0;
    ++minute_samples_;
    for (Scheduled& s : cfg_.schedule) {
      if (!s.done && to_seconds(now) >= s.at_s) {
        s.done = true;
        set_desired(sim, s.desired, "scheduled action", "예약된 작업");
      }
    }
    if (minute_samples_ >= 60) {
      evaluate(sim, minute_cpu_ / minute_samples_);
      minute_cpu_ = 0;
      minute_samples_ = 0;
    }
    reconcile(sim);
    sync_metrics(sim);
  }

  std::string status() const override {
    int pending = 0, ready = 0;
    for (const Instance& in : instances_) {
      if (in.st == Instance::St::Pending) ++pending;
      if (in.st == Instance::St::InService) ++ready;
    }
    return std::to_string(ready) + " in service, " + std::to_string(pending) + " pending, desired " +
           std::to_string(desired_) + " (" + std::to_string(cfg_.min) + "–" + std::to_string(cfg_.max) + ")";
  }

  int desired() const { return desired_; }

private:
  Instance* find(uint32_t inst) {
    for (Instance& in : instances_)
      if (in.id == inst) return &in;
    return nullptr;
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
      if (in.az == a && in.st != Instance::St::Draining) ++n;
    return n;
  }

  void launch(Simulation& sim, bool already_running) {
    // Balance across the group's AZs that are up.
    AzId best;
    int best_n = 0;
    for (AzId a : azs_) {
      if (sim.topology().az(a).down) continue;
      int n = count_in(a);
      if (!best.valid() || n < best_n) { best = a; best_n = n; }
    }
    if (!best.valid()) return;  // every AZ of the group is down
    SimTime now = sim.now();
    Instance in{next_id_++, best, already_running ? Instance::St::InService : Instance::St::Pending, now,
                already_running ? now : now + from_seconds(cfg_.launch_s), 0, make_instance_core(iparams_)};
    if (already_running) in.launched_at = in.ready_at = now - from_seconds(cfg_.grace_s + cfg_.warmup_s);  // long in service
    if (!already_running)
      sim.log(id(), LogKind::Info,
              "launching instance i-" + std::to_string(in.id) + " in " + sim.topology().az(best).id,
              "인스턴스 i-" + std::to_string(in.id) + "을(를) " + sim.topology().az(best).id + "에서 시작하는 중입니다");
    instances_.push_back(std::move(in));
  }

  void fail_requests_of(Simulation& sim, Instance& in) {
    for (ReqHandle h : in.core.drain_queue(sim.now())) {
      serving_.erase(h.v);
      sim.respond(h, Outcome::Unreachable);
    }
  }

  void kill(Simulation& sim, size_t i, const char* why_en, const char* why_ko) {
    Instance& in = instances_[i];
    sim.log(id(), LogKind::InstanceDied, "instance i-" + std::to_string(in.id) + " died: " + why_en,
            "인스턴스 i-" + std::to_string(in.id) + "이(가) 중단되었습니다: " + why_ko);
    fail_requests_of(sim, in);
    instances_.erase(instances_.begin() + static_cast<std::ptrdiff_t>(i));
    // No cooldown for replacing unhealthy instances (AWS-FACTS: Auto Scaling groups / No cooldown).
  }

  void terminate(Simulation& sim, size_t i) {
    Instance& in = instances_[i];
    sim.log(id(), LogKind::InstanceTerminated, "instance i-" + std::to_string(in.id) + " terminated (scale-in)",
            "인스턴스 i-" + std::to_string(in.id) + "이(가) 종료되었습니다(축소)");
    fail_requests_of(sim, in);
    instances_.erase(instances_.begin() + static_cast<std::ptrdiff_t>(i));
  }

  void set_desired(Simulation& sim, int want, const std::string& why_en, const std::string& why_ko) {
    if (want < cfg_.min) want = cfg_.min;
    if (want > cfg_.max) want = cfg_.max;
    if (want == desired_) return;
    bool out = want > desired_;
    sim.log(id(), out ? LogKind::ScaleOut : LogKind::ScaleIn,
            std::string(out ? "scale out" : "scale in") + ": desired " + std::to_string(desired_) + " → " +
                std::to_string(want) + " (" + why_en + ")",
            std::string(out ? "확장" : "축소") + ": 원하는 용량 " + std::to_string(desired_) + " → " +
                std::to_string(want) + " (" + why_ko + ")");
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
      if (in.st == Instance::St::Draining) continue;
      ++n;
      if (now < in.ready_at + from_seconds(cfg_.warmup_s)) warming = true;
    }
    if (cfg_.policy == Config::Policy::TargetTracking) {
      high_ = cpu > cfg_.target_cpu ? high_ + 1 : 0;
      low_ = cpu < cfg_.target_cpu * 0.9 ? low_ + 1 : 0;
      if (high_ >= kOutDatapoints) {
        high_ = 0;
        int want = static_cast<int>(std::ceil(n * cpu / cfg_.target_cpu - 1e-9));
        if (want > desired_)
          set_desired(sim, want, cpu_en + " > target " + std::to_string(static_cast<int>(cfg_.target_cpu * 100)) + "%",
                      cpu_ko + " > 목표 " + std::to_string(static_cast<int>(cfg_.target_cpu * 100)) + "%");
      } else if (low_ >= kInDatapoints && !warming) {  // AWS-FACTS: Auto Scaling groups / Warmup — scale-in waits
        low_ = 0;
        int want = static_cast<int>(std::ceil(n * cpu / cfg_.target_cpu - 1e-9));
        if (want < desired_)
          set_desired(sim, want, cpu_en + " < target " + std::to_string(static_cast<int>(cfg_.target_cpu * 100)) + "%",
                      cpu_ko + " < 목표 " + std::to_string(static_cast<int>(cfg_.target_cpu * 100)) + "%");
      }
    } else if (cfg_.policy == Config::Policy::Simple) {
      if (now < cooldown_until_) return;  // AWS-FACTS: Auto Scaling groups / Cooldown
      int before = desired_;
      if (cpu > cfg_.out_cpu) set_desired(sim, desired_ + cfg_.step, cpu_en + " > " + std::to_string(static_cast<int>(cfg_.out_cpu * 100)) + "%",
                                          cpu_ko + " > " + std::to_string(static_cast<int>(cfg_.out_cpu * 100)) + "%");
      else if (cpu < cfg_.in_cpu) set_desired(sim, desired_ - cfg_.step, cpu_en + " < " + std::to_string(static_cast<int>(cfg_.in_cpu * 100)) + "%",
                                               cpu_ko + " < " + std::to_string(static_cast<int>(cfg_.in_cpu * 100)) + "%");
      if (desired_ != before) cooldown_until_ = now + from_seconds(cfg_.cooldown_s);
    }
  }

  void reconcile(Simulation& sim) {
    int live = 0;
    for (const Instance& in : instances_)
      if (in.st != Instance::St::Draining) ++live;
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
        if (in.st == Instance::St::Draining) continue;
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
      if (in.st == Instance::St::Draining) continue;
      ++instances;
      if (in.st == Instance::St::InService) {
        cap += in.core.workers();
        if (!in.lb_unhealthy) ++healthy;
      }
    }
    m.capacity = cap > 0 ? cap : 1;
    m.instances = instances;
    m.healthy = healthy;
    if (m.busy.value != busy) m.busy.set(sim.now(), busy);
    if (m.queue.value != queued) m.queue.set(sim.now(), queued);
  }

  Config cfg_;
  nlohmann::json iparams_;
  std::vector<AzId> azs_;
  std::vector<Instance> instances_;
  std::unordered_map<uint64_t, uint32_t> serving_;  // request -> instance (looked up, never iterated)
  int desired_ = 0;
  uint32_t next_id_ = 1;
  size_t rr_ = 0;
  SimTime dereg_delay_ = 0;
  SimTime cooldown_until_ = 0;
  double minute_cpu_ = 0;
  int minute_samples_ = 0;
  int high_ = 0, low_ = 0;
};

catalog::ServiceDescriptor make_descriptor() {
  using catalog::ParamSpec;
  using catalog::ParamType;
  catalog::ServiceDescriptor d;
  d.type = "asg";
  d.category = catalog::Category::Compute;
  d.name = {"Auto Scaling group", "오토 스케일링 그룹"};
  d.summary = {"A group of identical EC2 instances across Availability Zones that keeps between min and max running, scales on CPU, and replaces instances that die.",
               "여러 가용 영역에 걸친 동일한 EC2 인스턴스 그룹입니다. 최소와 최대 사이의 인스턴스를 유지하고, CPU에 따라 확장·축소하며, 중단된 인스턴스를 교체합니다."};
  d.simplifications = {
      "Policies are evaluated once a minute on the group's average CPU. Target tracking scales out after 3 minutes above the target and in after 15 minutes below 90% of it (⚠ AWS's alarm defaults, not in AWS-FACTS), to ceil(n × CPU / target). "
      "Simple scaling adds or removes a fixed step and then waits for the cooldown. Step and predictive scaling, lifecycle hooks, launch templates and AZ rebalancing after an AZ recovers are not modelled. "
      "Instances placed before the run starts are already in service. Scale-in picks the AZ with the most instances, then the oldest instance, and waits for in-flight requests up to the load balancer's deregistration delay. "
      "Launch time (boot and software start) is a fixed parameter (⚠ typical value).",
      "정책은 1분마다 그룹의 평균 CPU로 평가합니다. 대상 추적은 3분 연속 목표를 넘으면 확장하고 15분 연속 목표의 90% 아래이면 축소하며(⚠ AWS 경보 기본값, AWS-FACTS에는 없음), 목표 용량은 올림(n × CPU / 목표)입니다. "
      "단순 조정은 정해진 개수만큼 늘리거나 줄인 뒤 휴지 기간 동안 기다립니다. 단계 조정과 예측 조정, 수명 주기 후크, 시작 템플릿, 가용 영역 복구 후 재분배는 다루지 않습니다. "
      "실행 시작 전에 있던 인스턴스는 이미 서비스 중입니다. 축소할 때는 인스턴스가 가장 많은 가용 영역에서 가장 오래된 인스턴스를 고르고, 로드 밸런서의 등록 취소 지연만큼 처리 중인 요청을 기다립니다. "
      "시작 시간(부팅과 소프트웨어 시작)은 고정된 매개변수입니다(⚠ 일반적인 값)."};
  d.placement = PlacementKind::Region;
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
       {"target_tracking: keep average CPU near the target; simple: add/remove a step past thresholds, then cooldown; none.",
        "target_tracking: 평균 CPU를 목표 가까이 유지합니다. simple: 임계값을 넘으면 정해진 개수만큼 늘리거나 줄이고 휴지 기간을 둡니다. none: 조정하지 않습니다."},
       "", 0, 0, "target_tracking", {"target_tracking", "simple", "none"}, "Auto Scaling groups / Policies"});
  add({"target_cpu", ParamType::Float, {"Target CPU", "목표 CPU"}, {"Target tracking: the average CPU to keep.", "대상 추적: 유지할 평균 CPU 사용률입니다."}, "%", 1, 100, 50, {}, ""});
  add({"scale_out_cpu", ParamType::Float, {"Scale out above", "확장 임계값"}, {"Simple scaling: add instances when CPU is above this.", "단순 조정: CPU가 이 값을 넘으면 인스턴스를 추가합니다."}, "%", 1, 100, 70, {}, ""});
  add({"scale_in_cpu", ParamType::Float, {"Scale in below", "축소 임계값"}, {"Simple scaling: remove instances when CPU is below this.", "단순 조정: CPU가 이 값보다 낮으면 인스턴스를 제거합니다."}, "%", 0, 100, 30, {}, ""});
  add({"step", ParamType::Int, {"Step", "조정 단위"}, {"Simple scaling: instances added or removed at once.", "단순 조정: 한 번에 추가하거나 제거하는 인스턴스 수입니다."}, "instances", 1, 100, 1, {}, ""});
  add({"cooldown_s", ParamType::Float, {"Cooldown", "휴지 기간"}, {"Simple scaling: wait this long after a scaling activity.", "단순 조정: 조정 활동 후 이 시간 동안 기다립니다."},
       "s", 0, 86400, kDefaultCooldownS, {}, "Auto Scaling groups / Cooldown"});
  add({"warmup_s", ParamType::Float, {"Instance warmup", "인스턴스 워밍업"},
       {"Target tracking: no scale-in while an instance launched less than this long ago.", "대상 추적: 이 시간 안에 시작된 인스턴스가 있으면 축소하지 않습니다."},
       "s", 0, 86400, 300, {}, "Auto Scaling groups / Warmup"});
  add({"schedule", ParamType::String, {"Scheduled actions", "예약된 작업"},
       {"Optional: \"time_s:desired\" pairs, e.g. \"600:4, 1800:2\".", "선택 사항: \"시각_초:원하는 용량\" 쌍입니다. 예: \"600:4, 1800:2\"."}, "", 0, 0, "", {}, ""});
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
    std::string sched = catalog::param_string(p, "schedule");
    size_t pos = 0;
    while (pos < sched.size()) {
      size_t comma = sched.find(',', pos);
      std::string item = sched.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
      size_t colon = item.find(':');
      if (colon != std::string::npos) c.schedule.push_back({std::stod(item.substr(0, colon)), std::stoi(item.substr(colon + 1))});
      if (comma == std::string::npos) break;
      pos = comma + 1;
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
