#include "core/services/ec2.h"
#include "core/services/sqs.h"

#include "core/doc/distribution_json.h"
#include "core/doc/messages.h"
#include "core/services/ec2_placement.h"
#include "core/sim/simulation.h"

namespace cp::services {

using namespace cp::sim;

// ---- instance type catalog ---------------------------------------------------
// vCPU, memory and network from the EC2 instance type pages; burstable
// baselines and credit rates from the "burstable performance instances" page.
// Prices: Linux On-Demand us-east-1.
const std::vector<InstanceType>& instance_types() {
  static const std::vector<InstanceType> types = {
      // AWS-FACTS: EC2 / Price (t3.micro $0.0104/h). Baseline 10%/vCPU, 12 credits/h (AWS burstable docs; ⚠ not in AWS-FACTS)
      {"t3.micro", 2, 1, "Up to 5 Gigabit", 0.0104, true, 0.10, 12},
      {"t3.small", 2, 2, "Up to 5 Gigabit", 0.0208, false, 0.20, 24},   // ⚠ approximate price
      {"t3.medium", 2, 4, "Up to 5 Gigabit", 0.0416, false, 0.20, 24},  // ⚠ approximate price
      {"t3.large", 2, 8, "Up to 5 Gigabit", 0.0832, false, 0.30, 36},   // ⚠ approximate price
      // AWS-FACTS: EC2 / Price (m5.large $0.096/h)
      {"m5.large", 2, 8, "Up to 10 Gigabit", 0.096, true, 0, 0},
      {"m5.xlarge", 4, 16, "Up to 10 Gigabit", 0.192, false, 0, 0},     // ⚠ approximate price
      {"m5.2xlarge", 8, 32, "Up to 10 Gigabit", 0.384, false, 0, 0},    // ⚠ approximate price
      {"c5.large", 2, 4, "Up to 10 Gigabit", 0.085, false, 0, 0},       // ⚠ approximate price
      {"c5.xlarge", 4, 8, "Up to 10 Gigabit", 0.17, false, 0, 0},       // ⚠ approximate price
      {"c5.2xlarge", 8, 16, "Up to 10 Gigabit", 0.34, false, 0, 0},     // ⚠ approximate price
      {"r5.large", 2, 16, "Up to 10 Gigabit", 0.126, false, 0, 0},      // ⚠ approximate price
      {"r5.xlarge", 4, 32, "Up to 10 Gigabit", 0.252, false, 0, 0},     // ⚠ approximate price
      // Too much RAM to hibernate (AWS-FACTS: EC2 / Hibernate rules — RAM < 150 GiB on Linux).
      {"r5.8xlarge", 32, 256, "10 Gigabit", 2.016, false, 0, 0},        // ⚠ approximate price
  };
  return types;
}

const InstanceType* find_instance_type(const std::string& name) {
  for (const auto& t : instance_types())
    if (name == t.name) return &t;
  return nullptr;
}

std::vector<std::string> instance_type_names() {
  std::vector<std::string> v;
  for (const auto& t : instance_types()) v.push_back(t.name);
  return v;
}

// Unlimited mode: surplus credits are billed at $0.05 per vCPU-hour (Linux) — ⚠ not in AWS-FACTS.
constexpr double kSurplusUsdPerCredit = 0.05 / 60.0;

// ---- InstanceCore ------------------------------------------------------------

InstanceCore::InstanceCore(const InstanceType* type, double requests_per_vcpu, Distribution service,
                           int64_t queue_limit, bool standard_credits, double initial_credits_fraction)
    : type_(type), service_(std::move(service)), queue_limit_(queue_limit), standard_(standard_credits) {
  double w = type->vcpu * requests_per_vcpu;
  workers_ = w < 1 ? 1 : static_cast<int64_t>(w + 0.5);
  // A t3 balance holds at most 24 hours of earned credits (AWS burstable docs; ⚠ not in AWS-FACTS).
  max_credits_ = type->credits_per_hour * 24;
  credits_ = max_credits_ * initial_credits_fraction;
  throttled_ = standard_ && type->baseline > 0 && credits_ <= 0;
}

void InstanceCore::set_busy(SimTime now, int64_t b) {
  busy_area_ += static_cast<double>(busy_) * to_seconds(now - busy_since_);
  busy_since_ = now;
  busy_ = b;
}

InstanceCore::Admit InstanceCore::admit(SimTime now, ReqHandle h) {
  if (busy_ < workers_) {
    set_busy(now, busy_ + 1);
    return Admit::Started;
  }
  if (queue_limit_ >= 0 && static_cast<int64_t>(queue_.size()) >= queue_limit_) return Admit::Rejected;
  queue_.push_back(h);
  return Admit::Queued;
}

SimTime InstanceCore::service_time(Rng& rng) const {
  double s = service_.sample(rng) / speed();
  SimTime d = from_seconds(s);
  return d > 0 ? d : 1;
}

ReqHandle InstanceCore::release(SimTime now) {
  if (!queue_.empty()) {
    ReqHandle h = queue_.front();
    queue_.pop_front();
    return h;
  }
  set_busy(now, busy_ - 1);
  return ReqHandle{};
}

std::vector<ReqHandle> InstanceCore::drain_queue(SimTime) {
  std::vector<ReqHandle> v(queue_.begin(), queue_.end());
  queue_.clear();
  return v;
}

void InstanceCore::tick(SimTime now) {
  set_busy(now, busy_);
  double dt = to_seconds(now - last_tick_);
  last_tick_ = now;
  if (dt <= 0) return;
  double busy_share = busy_area_ / (static_cast<double>(workers_) * dt);  // 0..1
  busy_area_ = 0;
  cpu_ = busy_share * speed();  // what CloudWatch's CPUUtilization shows
  if (type_->baseline <= 0) return;
  // 1 CPU credit = one vCPU at 100% for one minute.
  double spent = cpu_ * type_->vcpu * dt / 60.0;
  double earned = type_->credits_per_hour * dt / 3600.0;
  credits_ += earned - spent;
  if (credits_ > max_credits_) credits_ = max_credits_;
  if (credits_ < 0) {
    if (!standard_) surplus_ += -credits_;
    credits_ = 0;
  }
  if (standard_) {
    if (credits_ <= 1e-9) throttled_ = true;
    else if (credits_ >= 1.0) throttled_ = false;  // hysteresis: one credit back before bursting again
  }
}

std::vector<catalog::ParamSpec> instance_params() {
  using catalog::ParamSpec;
  using catalog::ParamType;
  return {
      ParamSpec{"instance_type", ParamType::Enum, {"Instance type", "인스턴스 유형"},
                {"vCPUs set the capacity; t3 types are burstable (CPU credits).",
                 "vCPU 수가 처리 용량을 정합니다. t3 유형은 버스터블(CPU 크레딧) 인스턴스입니다."},
                "", 0, 0, "m5.large", instance_type_names(), "EC2 / Price"},
      ParamSpec{"requests_per_vcpu", ParamType::Float, {"Requests per vCPU", "vCPU당 동시 요청 수"},
                {"Requests one vCPU serves at the same time: workers = vCPU × this.",
                 "vCPU 하나가 동시에 처리하는 요청 수입니다. 작업자 수 = vCPU × 이 값입니다."},
                "", 0.1, 1000, 1, {}, ""},
      ParamSpec{"service_time", ParamType::Distribution, {"CPU time per request", "요청당 CPU 시간"},
                {"How long one request keeps a worker busy at full CPU speed.",
                 "CPU를 최대 속도로 쓸 때 요청 하나가 작업자를 점유하는 시간입니다."},
                "ms", 0, 3600000, nlohmann::json{{"kind", "exponential"}, {"mean_ms", 20}}, {}, ""},
      ParamSpec{"queue_limit", ParamType::Int, {"Queue limit", "대기열 한도"},
                {"Requests that may wait for a worker; more are refused (503). -1 = no limit.",
                 "작업자를 기다릴 수 있는 요청 수입니다. 넘치면 거절(503)합니다. -1은 제한 없음입니다."},
                "requests", -1, 10000000, 1000, {}, ""},
      ParamSpec{"credit_mode", ParamType::Enum, {"Credit mode (t3)", "크레딧 모드(t3)"},
                {"standard: CPU drops to the baseline when credits run out; unlimited (the t3 default): keeps full speed and bills surplus credits.",
                 "standard: 크레딧이 바닥나면 CPU가 기준 성능으로 떨어집니다. unlimited(t3 기본값): 최대 속도를 유지하고 초과 크레딧을 과금합니다."},
                "", 0, 0, "unlimited", {"standard", "unlimited"}, ""},
      ParamSpec{"initial_credits", ParamType::Float, {"Starting credit balance (t3)", "시작 크레딧 잔액(t3)"},
                {"Share of the maximum balance (24 h of earned credits) the instance starts with.",
                 "최대 잔액(24시간 동안 얻는 크레딧) 중 시작할 때 가진 비율입니다."},
                "", 0, 1, 1.0, {}, ""},
  };
}

InstanceCore make_instance_core(const nlohmann::json& params) {
  const InstanceType* t = find_instance_type(catalog::param_string(params, "instance_type"));
  if (!t) t = find_instance_type("m5.large");
  std::vector<doc::Issue> errors;
  auto dist = doc::parse_distribution(params["service_time"], "service_time", errors);
  return InstanceCore(t, catalog::param_number(params, "requests_per_vcpu"),
                      dist ? *dist : Distribution::exponential(0.02),
                      static_cast<int64_t>(catalog::param_number(params, "queue_limit")),
                      catalog::param_string(params, "credit_mode") == "standard",
                      catalog::param_number(params, "initial_credits"));
}

// ---- the ec2 model -------------------------------------------------------------
namespace {

enum class State { Pending, Running, Stopping, Stopped, Terminated };
const char* state_name(State s) {
  switch (s) {
    case State::Pending: return "pending";
    case State::Running: return "running";
    case State::Stopping: return "stopping";
    case State::Stopped: return "stopped";
    case State::Terminated: return "terminated";
  }
  return "";
}

const char* state_name_ko(State s) {
  switch (s) {
    case State::Pending: return "대기 중(pending)";
    case State::Running: return "실행 중(running)";
    case State::Stopping: return "중지 중(stopping)";
    case State::Stopped: return "중지됨(stopped)";
    case State::Terminated: return "종료됨(terminated)";
  }
  return "";
}

// Timers: 0..0x7fff = a service finished (value = epoch), lifecycle above.
enum Timer : uint16_t {
  kBooted = 0x8000, kStopAt = 0x8001, kStartAt = 0x8002, kTerminateAt = 0x8003,
  kHibernated = 0x8004,  // RAM written to the EBS root volume: stopping → stopped
  kAppReady = 0x8005,    // after a cold boot, the application answers
};
constexpr uint32_t kStepMask = 0xffff;
// AWS-FACTS: EC2 / Billing — per second, 60 s minimum per start.
constexpr double kMinBilledSeconds = 60;
// AWS-FACTS: EC2 / Spread group — max 7 running instances per AZ per group.
constexpr int kSpreadPerAz = 7;
// AWS-FACTS: EC2 / Hibernate rules — RAM < 150 GiB (Linux).
constexpr double kHibernateMaxRamGib = 150;
// Hibernation writes RAM to the EBS root volume; simplified to the gp3 volume's
// included throughput (AWS-FACTS: EBS / gp3 — 125 MiB/s included).
constexpr double kRootVolumeMiBps = 125;

double hibernate_save_seconds(const InstanceType* t) { return t->memory_gib * 1024 / kRootVolumeMiBps; }

struct Lifecycle {
  double app_start_s = 0;       // cold boot: the application starts after the OS is up
  bool hibernate = false;       // stop_at_s hibernates instead of stopping
  double resume_s = 10;         // pending time when resuming from hibernation
};

class Ec2 final : public ModelBase<Ec2>, public HealthCheckable {
public:
  Ec2(InstanceCore core, bool start_pending, double boot_s, double stop_at, double start_at, double terminate_at,
      double instance_store_gib, std::string placement_group, std::string group_name, Lifecycle life = {})
      : core_(std::move(core)), start_pending_(start_pending), boot_(from_seconds(boot_s)), stop_at_(stop_at),
        start_at_(start_at), terminate_at_(terminate_at), store_gib_(instance_store_gib),
        group_(std::move(placement_group)), group_name_(std::move(group_name)), life_(life) {}

  void start(Simulation& sim) override {
    NodeMetrics& m = sim.metrics(id());
    m.capacity = core_.workers();
    serving_ = sim.gauge(id(), "serving");
    cpu_credits_ = sim.gauge(id(), "cpu_credits");
    if (!group_.empty() && group_ != "none" && !placement_allowed(sim)) {
      refused_ = true;
      return;
    }
    poller_.attach(sim, id());  // poll wires from SQS queues: the instance is also a worker
    if (start_pending_) launch(sim);
    else enter_running(sim);
    if (stop_at_ >= 0) sim.schedule_timer(id(), from_seconds(stop_at_), kStopAt);
    if (start_at_ >= 0) sim.schedule_timer(id(), from_seconds(start_at_), kStartAt);
    if (terminate_at_ >= 0) sim.schedule_timer(id(), from_seconds(terminate_at_), kTerminateAt);
  }

  bool passes_health_check(const Simulation& sim) const override {
    return state_ == State::Running && sim.node_up(id()) && sim.now() >= app_ready_at_;
  }

  void on_request(Simulation& sim, ReqHandle h) override {
    // Nothing listens on a pending, stopping or stopped instance, nor before its application started.
    if (state_ != State::Running || sim.now() < app_ready_at_) {
      sim.respond(h, Outcome::Unreachable);
      return;
    }
    switch (core_.admit(sim.now(), h)) {
      case InstanceCore::Admit::Started: begin_service(sim, h); break;
      case InstanceCore::Admit::Queued:
        ++sim.metrics(id()).waited;
        sim.metrics(id()).queue.set(sim.now(), static_cast<int64_t>(core_.queued()));
        break;
      case InstanceCore::Admit::Rejected: sim.respond(h, Outcome::ServerError); break;
    }
    sim.metrics(id()).busy.set(sim.now(), core_.busy());
  }

  void on_timer(Simulation& sim, uint16_t timer, uint64_t payload) override {
    if (poller_.on_timer(sim, id(), timer, payload, core_)) return;
    switch (timer) {
      case kBooted:
        if (state_ == State::Pending && sim.node_up(id())) enter_running(sim);
        return;
      case kStopAt:
        if (life_.hibernate && state_ == State::Running) hibernate(sim);
        else stop(sim, false);
        return;
      case kStartAt:
        if (state_ == State::Stopping) start_when_stopped_ = true;  // AWS starts it once it is stopped
        else if (!refused_ && state_ == State::Stopped && sim.node_up(id())) launch(sim);
        return;
      case kHibernated:
        if (state_ == State::Stopping) {
          state_ = State::Stopped;
          hibernated_ = true;
          sim.log(id(), LogKind::InstanceDied,
                  "instance stopped (hibernated: its RAM is on the EBS root volume; a start resumes it)",
                  "인스턴스가 중지되었습니다(최대 절전: RAM 내용이 EBS 루트 볼륨에 있어 시작하면 이어서 실행합니다)").because("hibernated");
          if (start_when_stopped_ && !refused_ && sim.node_up(id())) launch(sim);
          start_when_stopped_ = false;
        }
        return;
      case kAppReady:
        if (state_ == State::Running) {
          sim.metrics(id()).set(serving_, 1);
          poller_.begin(sim, id(), core_.workers());
          sim.log(id(), LogKind::Info, "application started: the instance answers requests",
                  "애플리케이션이 시작되어 인스턴스가 요청에 응답합니다").because("application_started");
        }
        return;
      case kTerminateAt: stop(sim, true); return;
      default: break;
    }
    ReqHandle h{payload};
    if (timer != (epoch_ & 0x7fff)) {  // served before the instance stopped: connection reset
      sim.respond(h, Outcome::Unreachable);
      return;
    }
    next_step(sim, h, 0);
  }

  void on_response(Simulation& sim, ReqHandle parent, const Request& child, Outcome o) override {
    if (poller_.on_response(sim, id(), child, o, core_)) return;
    uint32_t step = child.tag & kStepMask;
    uint32_t epoch = child.tag >> 16;
    if (epoch != (epoch_ & 0x7fff)) {
      sim.respond(parent, Outcome::Unreachable);
      return;
    }
    if (o != Outcome::Ok) {
      finish(sim, parent, Outcome::ServerError);
      return;
    }
    next_step(sim, parent, step + 1);
  }

  void on_up_changed(Simulation& sim, bool up) override {
    if (!up) {
      // AWS-FACTS: EC2 / Stop/hibernate — a host failure is a normal stop (RAM lost).
      stop(sim, false, true);
      return;
    }
    if (state_ == State::Stopped && !refused_) launch(sim);  // started again after the failure
  }

  void on_second(Simulation& sim) override {
    core_.tick(sim.now());
    NodeMetrics& m = sim.metrics(id());
    // Stopping while hibernating is billed (RAM being saved; ⚠ AWS hibernation docs, not in AWS-FACTS).
    if (state_ == State::Running || state_ == State::Stopping) m.cost_usd += core_.type()->usd_per_hour / 3600.0;
    double surplus = core_.surplus_credits();
    if (surplus > billed_surplus_) {
      m.cost_usd += (surplus - billed_surplus_) * kSurplusUsdPerCredit;
      billed_surplus_ = surplus;
    }
    m.set(cpu_credits_, core_.credits());
    if (core_.throttled() != was_throttled_) {
      was_throttled_ = core_.throttled();
      if (was_throttled_)
        sim.log(id(), LogKind::ThrottlingBegan,
                "CPU credits ran out: " + std::string(core_.type()->name) + " runs at its baseline (" +
                    std::to_string(static_cast<int>(core_.type()->baseline * 100)) + "% per vCPU)",
                "CPU 크레딧이 바닥났습니다: " + doc::with_subject(core_.type()->name) + " 기준 성능(vCPU당 " +
                    std::to_string(static_cast<int>(core_.type()->baseline * 100)) + "%)으로 동작합니다").because("cpu_credits_exhausted");
      else
        sim.log(id(), LogKind::ThrottlingEnded, "CPU credits earned back: bursting again",
                "CPU 크레딧이 다시 쌓여 버스트가 가능합니다").because("cpu_credits_earned");
    }
  }

  StatusText status() const override {
    const std::string busy = std::to_string(core_.busy() + poller_.busy()) + "/" + std::to_string(core_.workers());
    const std::string queued = std::to_string(core_.queued());
    StatusText t{std::string(core_.type()->name) + " " + state_name(state_) + ", " + busy + " busy, " + queued + " queued",
                 std::string(core_.type()->name) + " " + state_name_ko(state_) + ", 작업자 " + busy + " 사용 중, 대기열 " +
                     queued + "개"};
    if (core_.type()->baseline > 0) {
      const std::string c = std::to_string(static_cast<int>(core_.credits()));
      t.en += ", " + c + " credits";
      t.ko += ", CPU 크레딧 " + c;
    }
    if (poller_.attached()) {
      const std::string n = std::to_string(poller_.processed()), late = std::to_string(poller_.late_deletes());
      t.en += ", " + n + " messages processed (" + late + " deleted too late)";
      t.ko += ", 메시지 " + n + "개 처리(" + late + "개는 늦게 삭제)";
    }
    if (store_gib_ > 0) {
      t.en += ", instance store: " + std::to_string(store_writes_) + " writes";
      t.ko += ", 인스턴스 스토어: 쓰기 " + std::to_string(store_writes_) + "건";
    }
    return t;
  }

  const InstanceCore& core() const { return core_; }
  uint64_t instance_store_writes() const { return store_writes_; }
  const SqsPoller& poller() const { return poller_; }

private:
  // Placement group rules, as limits shared by the group's instances (sim.pools()): each
  // instance joins its group's pool for its AZ at start, in document order (the first ones
  // launched). A refused instance never launches; the log says why. Simplified: membership
  // is for the whole run (AWS counts running instances; none of our instances leaves a group).
  bool placement_allowed(Simulation& sim) {
    const AzId my_az = sim.info(id()).placement.az;
    SharedPools& pools = sim.pools();
    const std::string name = "placement_" + group_;
    if (group_ == "cluster") {
      // AWS-FACTS: EC2 / Cluster group — one AZ: refused when the group holds instances in another.
      for (const PoolState& p : pools.all()) {
        if (p.key.name != name || p.key.group != group_name_ || p.key.az == my_az.v || p.in_use == 0) continue;
        const NodeId other = p.first_holder;
        sim.log(id(), LogKind::Warning,
                "launch refused: cluster placement group " + group_name_ + " is in " + sim.info(other).id +
                    "'s Availability Zone; a cluster group cannot span AZs",
                "시작 거절: 클러스터 배치 그룹 " + doc::with_topic(group_name_) + " " + sim.info(other).id +
                    "의 가용 영역에 있습니다. 클러스터 배치 그룹은 여러 가용 영역에 걸칠 수 없습니다")
            .because("cluster_group_other_az")
            .naming(other.v);
        return false;
      }
    }
    // AWS-FACTS: EC2 / Spread group — max 7 running instances per AZ per group; the 8th launch fails.
    const int64_t limit = group_ == "spread" ? kSpreadPerAz : INT64_MAX / 2;
    const PoolId pool = pools.declare({name, sim.info(id()).placement.region.v, my_az.v, group_name_}, {.limit = limit});
    if (!pools.acquire(pool, 1, id())) {
      sim.log(id(), LogKind::Warning,
              "launch refused: spread placement group " + group_name_ + " already has 7 instances in this Availability Zone (the maximum)",
              "시작 거절: 분산형 배치 그룹 " + group_name_ + "에는 이 가용 영역에 이미 인스턴스 7개(최대)가 있습니다")
          .because("spread_group_az_full")
          .field("instances_in_az", static_cast<double>(pools.state(pool).in_use));
      return false;
    }
    return true;
  }

  void launch(Simulation& sim) {
    if (state_ == State::Terminated) return;
    state_ = State::Pending;
    ++epoch_;
    cancel_lifecycle(sim);
    resuming_ = hibernated_;
    hibernated_ = false;
    SimTime pending = boot_;
    if (resuming_) {
      pending = from_seconds(life_.resume_s);
      std::string s = std::to_string(static_cast<int>(life_.resume_s + 0.5));
      sim.log(id(), LogKind::Info,
              "pending: resuming from hibernation (RAM read back from the EBS root volume, ~" + s + " s; no cold boot)",
              "pending: 최대 절전에서 재개하는 중입니다(EBS 루트 볼륨에서 RAM을 다시 읽음, 약 " + s + "초, 콜드 부팅 없음)").because("resuming_from_hibernation").field("resume_s", life_.resume_s);
    }
    lifecycle_timer_ = sim.schedule_cancellable(id(), sim.now() + pending, kBooted);
    sim.metrics(id()).set(serving_, 0);
  }

  void enter_running(Simulation& sim) {
    state_ = State::Running;
    running_since_ = sim.now();
    // After a cold boot the application starts first; a resumed instance kept its processes in RAM.
    bool cold = !resuming_ && life_.app_start_s > 0;
    app_ready_at_ = cold ? sim.now() + from_seconds(life_.app_start_s) : sim.now();
    sim.metrics(id()).set(serving_, cold ? 0 : 1);
    if (cold) lifecycle_timer_ = sim.schedule_cancellable(id(), app_ready_at_, kAppReady);
    else poller_.begin(sim, id(), core_.workers());
    if (resuming_)
      sim.log(id(), LogKind::InstanceLaunched,
              std::string(core_.type()->name) + " is running (resumed from hibernation: application state kept)",
              std::string(core_.type()->name) + " 인스턴스가 실행 중입니다(최대 절전에서 재개: 애플리케이션 상태 유지)").because("resumed_from_hibernation");
    else
      sim.log(id(), LogKind::InstanceLaunched,
              std::string(core_.type()->name) + " is running", std::string(core_.type()->name) + " 인스턴스가 실행 중입니다").because("boot");
    resuming_ = false;
  }

  // Stop with hibernation: running → stopping (RAM saved to the EBS root volume) → stopped.
  void hibernate(Simulation& sim) {
    bill_minimum(sim);
    state_ = State::Stopping;
    drop_work(sim);
    double save = hibernate_save_seconds(core_.type());
    std::string gib = std::to_string(static_cast<int>(core_.type()->memory_gib + 0.5));
    std::string s = std::to_string(static_cast<int>(save + 0.5));
    sim.log(id(), LogKind::Info,
            "stopping (hibernate): writing " + gib + " GiB of RAM to the EBS root volume, ~" + s + " s (billed while stopping)",
            "중지 중(최대 절전): RAM " + gib + " GiB를 EBS 루트 볼륨에 쓰고 있습니다. 약 " + s + "초 걸리며 중지 중에도 과금됩니다").because("hibernating").field("save_s", save);
    // AWS-FACTS: Instance store / Data loss — hibernate wipes it too.
    if (store_gib_ > 0) {
      std::string n = std::to_string(store_writes_), sg = std::to_string(static_cast<long long>(store_gib_));
      sim.log(id(), LogKind::Info,
              "instance store data lost: " + n + " writes on the " + sg + " GiB instance store are gone (hibernation keeps RAM, not the instance store)",
              "인스턴스 스토어 데이터 손실: " + sg + " GiB 인스턴스 스토어에 쓴 " + n + "건이 사라졌습니다(최대 절전은 RAM만 보존하고 인스턴스 스토어는 보존하지 않습니다)").because("hibernation").field("writes_lost", static_cast<double>(store_writes_));
      store_writes_ = 0;
    }
    lifecycle_timer_ = sim.schedule_cancellable(id(), sim.now() + from_seconds(save), kHibernated);
  }

  // Per-second billing has a 60 s minimum per start: charge what is missing.
  void bill_minimum(Simulation& sim) {
    double ran = to_seconds(sim.now() - running_since_);
    if (ran < kMinBilledSeconds) sim.metrics(id()).cost_usd += (kMinBilledSeconds - ran) * core_.type()->usd_per_hour / 3600.0;
  }

  // Leaving the running state: queued requests fail, answers in service are dropped
  // (a new epoch), a pending boot, application start or hibernation never
  // completes, and the node stops serving.
  void drop_work(Simulation& sim) {
    ++epoch_;
    cancel_lifecycle(sim);
    poller_.stop(sim);  // messages being worked on are not deleted: they come back after their visibility timeout
    for (ReqHandle h : core_.drain_queue(sim.now())) sim.respond(h, Outcome::Unreachable);
    core_.reset_busy(sim.now());
    NodeMetrics& m = sim.metrics(id());
    m.queue.set(sim.now(), 0);
    m.busy.set(sim.now(), 0);
    m.set(serving_, 0);
  }

  // `failed`: a host, AZ or Region failure rather than a stop the user asked for.
  void stop(Simulation& sim, bool terminate, bool failed = false) {
    if (state_ == State::Terminated) return;
    hibernated_ = false;  // a normal stop (or a failure while hibernating) loses RAM
    resuming_ = false;
    start_when_stopped_ = false;
    app_ready_at_ = 0;
    if (state_ == State::Running) bill_minimum(sim);
    bool was_running = state_ == State::Running || state_ == State::Pending;
    if (state_ == State::Stopping && !terminate)
      sim.log(id(), LogKind::Warning, "hibernation interrupted: the instance stopped normally and its RAM is lost",
              "최대 절전이 중단되었습니다: 인스턴스가 일반 중지되어 RAM 내용이 사라졌습니다").because("hibernation_interrupted");
    state_ = terminate ? State::Terminated : State::Stopped;
    drop_work(sim);
    // AWS-FACTS: Instance store / Data loss — stop, hibernate, terminate and host failure wipe it.
    if (store_gib_ > 0 && (was_running || terminate)) {
      std::string n = std::to_string(store_writes_), gib = std::to_string(static_cast<long long>(store_gib_));
      sim.log(id(), LogKind::Info,
              "instance store data lost: " + n + " writes on the " + gib + " GiB instance store are gone (data on an EBS volume survives)",
              "인스턴스 스토어 데이터 손실: " + gib + " GiB 인스턴스 스토어에 쓴 " + n + "건이 사라졌습니다(EBS 볼륨의 데이터는 남습니다)").because(terminate ? "terminated" : "stopped").field("writes_lost", static_cast<double>(store_writes_));
      store_writes_ = 0;
    }
    if (was_running || terminate)
      sim.log(id(), terminate ? LogKind::InstanceTerminated : LogKind::InstanceDied,
              terminate ? "instance terminated" : "instance stopped",
              terminate ? "인스턴스가 종료되었습니다"
              : failed  ? "장애로 인스턴스가 중단되었습니다(RAM 내용이 사라짐)"
                        : "인스턴스가 중지되었습니다").because(terminate ? "terminated" : failed ? "failure" : "stopped");
  }

  void cancel_lifecycle(Simulation& sim) {
    sim.cancel_timer(lifecycle_timer_);
    lifecycle_timer_ = TimerToken{};
  }

  void begin_service(Simulation& sim, ReqHandle h) {
    sim.schedule_timer(id(), sim.now() + core_.service_time(sim.rng()), static_cast<uint16_t>(epoch_ & 0x7fff), h.v);
  }

  void next_step(Simulation& sim, ReqHandle h, uint32_t step) {
    const auto& out = sim.outgoing(id());
    uint32_t tag_epoch = static_cast<uint32_t>(epoch_ & 0x7fff) << 16;
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
      sim.call(c, h, kind, size, key, tag_epoch | step);
      if (sim.connection(c).policy.sync) return;
      ++step;
    }
    finish(sim, h, Outcome::Ok);
  }

  void finish(Simulation& sim, ReqHandle h, Outcome o) {
    if (store_gib_ > 0 && o == Outcome::Ok && sim.request(h).kind == RequestKind::Write) ++store_writes_;
    sim.respond(h, o);
    ReqHandle next = core_.release(sim.now());
    NodeMetrics& m = sim.metrics(id());
    if (next.valid()) {
      m.queue.set(sim.now(), static_cast<int64_t>(core_.queued()));
      begin_service(sim, next);
    }
    m.busy.set(sim.now(), core_.busy());
  }

  InstanceCore core_;
  bool start_pending_;
  SimTime boot_;
  double stop_at_, start_at_, terminate_at_;
  State state_ = State::Stopped;
  // Service timers and downstream calls carry the epoch: when the instance
  // stops, those already under way must still fail their requests, so they
  // fire and see a new epoch. The lifecycle step under way (boot, application
  // start, hibernation) has nothing to answer: a stop cancels it.
  uint32_t epoch_ = 0;
  TimerToken lifecycle_timer_;
  SimTime running_since_ = 0;
  double billed_surplus_ = 0;
  bool was_throttled_ = false;
  double store_gib_ = 0;
  std::string group_, group_name_;
  GaugeId serving_, cpu_credits_;  // declared metrics (the descriptor's `metrics`)
  bool refused_ = false;  // the placement group refused the launch
  uint64_t store_writes_ = 0;  // writes kept on the instance store since the last start
  Lifecycle life_;
  SqsPoller poller_;
  bool hibernated_ = false;          // stopped by hibernation: the next start resumes
  bool resuming_ = false;            // pending because of a resume from hibernation
  bool start_when_stopped_ = false;  // a start came while stopping
  SimTime app_ready_at_ = 0;         // the application answers from then on
};

std::vector<doc::Issue> validate(const nlohmann::json& p) {
  std::vector<doc::Issue> out;
  bool enabled = catalog::param_bool(p, "hibernation_enabled");
  if (catalog::param_string(p, "stop_action") == "hibernate" && !enabled)
    out.push_back({"stop_action",
                   "stop_action \"hibernate\" needs hibernation_enabled: hibernation is enabled when the instance is launched, "
                   "not later (AWS-FACTS: EC2 / Hibernate rules)",
                   "stop_action \"hibernate\"를 쓰려면 hibernation_enabled가 필요합니다. 최대 절전 모드는 인스턴스를 시작할 때 "
                   "켜야 하며 나중에는 켤 수 없습니다."});
  const InstanceType* t = find_instance_type(catalog::param_string(p, "instance_type"));
  if (enabled && t && t->memory_gib >= kHibernateMaxRamGib)
    out.push_back({"hibernation_enabled", std::string(t->name) + " has " + std::to_string(static_cast<int>(t->memory_gib)) +
                                              " GiB of RAM; hibernation needs less than 150 GiB (AWS-FACTS: EC2 / Hibernate rules). "
                                              "Pick a smaller size or use a normal stop",
                   std::string(t->name) + "의 메모리는 " + std::to_string(static_cast<int>(t->memory_gib)) +
                       " GiB입니다. 최대 절전 모드는 메모리가 150 GiB 미만일 때만 쓸 수 있습니다. 더 작은 크기를 고르거나 일반 "
                       "중지를 쓰세요."});
  return out;
}

catalog::ServiceDescriptor make_descriptor() {
  using catalog::ParamSpec;
  using catalog::ParamType;
  catalog::ServiceDescriptor d;
  d.type = "ec2";
  d.category = catalog::Category::Compute;
  d.name = {"EC2 instance", "EC2 인스턴스"};
  d.summary = {"A virtual server of a chosen instance type in one Availability Zone. More vCPUs serve more requests at once; t3 instances burst on CPU credits.",
               "가용 영역 하나에 있는, 선택한 인스턴스 유형의 가상 서버입니다. vCPU가 많을수록 동시에 더 많은 요청을 처리하며, t3 인스턴스는 CPU 크레딧으로 버스트합니다."};
  d.simplifications = {
      "Capacity is vCPU × requests per vCPU workers with a FIFO queue; memory and network bandwidth do not limit it. "
      "A t3 balance is checked once per simulated second, and a throttled instance serves each new request at its baseline speed (e.g. 10% for t3.micro); "
      "the starting balance is a parameter (AWS gives t3 no launch credits). Boot time is a fixed parameter. "
      "A normal stop is instant. Hibernation (stop_action = hibernate, enabled at launch, RAM < 150 GiB) is simplified: stopping lasts RAM ÷ 125 MiB/s "
      "(the root volume taken as gp3 at its included throughput, assumed encrypted and big enough), is billed, and a later start resumes in a fixed time "
      "with the application state kept (no boot, no application start); the 60-day limit is not checked. There is no Elastic IP or public IPv4 charge. "
      "Each write the instance serves is one write kept on its instance store (if it has one) until the instance stops, terminates or dies; "
      "EBS is a separate node (ebs) the instance connects to. "
      "Placement group rules are checked when a document is validated (on opening it and by `cloudplay validate`, naming the instance and the reason), "
      "and again when the run starts, against instances earlier in the document (a refused instance never launches); "
      "cluster groups do not lower latency here and partitions are not modelled. "
      "Prices other than t3.micro and m5.large are approximate (⚠). Outgoing connections are called in order after serving, like the generic compute node.",
      "처리 용량은 vCPU × vCPU당 요청 수만큼의 작업자와 선입선출 대기열입니다. 메모리와 네트워크 대역폭은 제한 요소로 다루지 않습니다. "
      "t3 크레딧 잔액은 시뮬레이션 시간 1초마다 계산하며, 제한된 인스턴스는 새 요청을 기준 성능(예: t3.micro는 10%)으로 처리합니다. "
      "시작 크레딧 잔액은 파라미터로 정합니다(AWS는 t3에 시작 크레딧을 주지 않습니다). 부팅 시간은 고정된 파라미터입니다. "
      "일반 중지는 즉시 끝납니다. 최대 절전(stop_action = hibernate, 시작할 때 활성화, RAM 150 GiB 미만)은 단순화했습니다: 중지 중 상태는 RAM ÷ 125 MiB/s 동안 이어지고"
      "(루트 볼륨을 기본 처리량의 gp3로, 암호화되어 있고 충분히 크다고 가정) 그동안 과금되며, 다시 시작하면 정해진 시간 안에 재개되어 애플리케이션 상태가 유지됩니다"
      "(부팅과 애플리케이션 시작 없음). 60일 제한은 확인하지 않습니다. 탄력적 IP와 퍼블릭 IPv4 요금은 다루지 않습니다. "
      "인스턴스가 처리한 쓰기 요청 하나는 인스턴스 스토어(있는 경우)에 쓰기 한 건으로 남았다가 인스턴스가 중지·종료되거나 고장 나면 사라집니다. "
      "EBS는 인스턴스가 연결하는 별도의 노드(ebs)입니다. "
      "배치 그룹 규칙은 문서를 검증할 때(문서를 열 때, cloudplay validate) 확인해 어느 인스턴스가 왜 안 되는지 알려 주고, "
      "실행 시작 시에도 문서에서 앞에 있는 인스턴스를 기준으로 다시 확인합니다(거절된 인스턴스는 시작되지 않습니다). "
      "클러스터 배치 그룹의 낮은 지연 시간과 파티션은 여기서 모델링하지 않습니다. "
      "t3.micro와 m5.large 외의 가격은 근사값(⚠)입니다. 처리 후 나가는 연결을 순서대로 호출하는 것은 범용 컴퓨팅 노드와 같습니다."};
  d.placement = PlacementKind::Az;
  d.traits = sim::Traits(sim::Trait::InstanceHost);
  d.icon = catalog::Icon::Chip;
  d.params = instance_params();
  d.params.push_back(ParamSpec{"initial_state", ParamType::Enum, {"At the start", "시작 상태"},
                               {"running: already running when the run begins; pending: launched at 0 s and boots first.",
                                "running: 실행 시작 시 이미 실행 중입니다. pending: 0초에 시작되어 먼저 부팅합니다."},
                               "", 0, 0, "running", {"running", "pending"}, "EC2 / States"});
  d.params.push_back(ParamSpec{"boot_s", ParamType::Float, {"Boot time", "부팅 시간"},
                               {"Time from pending to running (⚠ typical, not an AWS figure).",
                                "pending에서 running이 되기까지 걸리는 시간입니다(⚠ 일반적인 값이며 AWS 공식 수치가 아닙니다)."},
                               "s", 0, 3600, 30, {}, ""});
  d.params.push_back(ParamSpec{"stop_at_s", ParamType::Float, {"Stop at", "중지 시각"},
                               {"Stop the instance at this time (-1 = never).", "이 시각에 인스턴스를 중지합니다(-1은 중지하지 않음)."},
                               "s", -1, 2592000, -1, {}, "EC2 / States"});
  d.params.push_back(ParamSpec{"start_at_s", ParamType::Float, {"Start again at", "다시 시작 시각"},
                               {"Start a stopped instance again at this time (-1 = never).",
                                "중지된 인스턴스를 이 시각에 다시 시작합니다(-1은 시작하지 않음)."},
                               "s", -1, 2592000, -1, {}, "EC2 / States"});
  d.params.push_back(ParamSpec{"terminate_at_s", ParamType::Float, {"Terminate at", "종료 시각"},
                               {"Terminate the instance at this time (-1 = never).", "이 시각에 인스턴스를 종료합니다(-1은 종료하지 않음)."},
                               "s", -1, 2592000, -1, {}, "EC2 / States"});
  d.params.push_back(ParamSpec{"instance_store_gib", ParamType::Int, {"Instance store", "인스턴스 스토어"},
                               {"Local disk on the host (0 = none). Its data is lost when the instance stops, terminates or its host fails; an EBS volume's data survives.",
                                "호스트의 로컬 디스크입니다(0은 없음). 인스턴스가 중지·종료되거나 호스트가 고장 나면 데이터가 사라집니다. EBS 볼륨의 데이터는 남습니다."},
                               "GiB", 0, 100000, 0, {}, "Instance store / Data loss"});
  d.params.push_back(ParamSpec{"placement_group", ParamType::Enum, {"Placement group", "배치 그룹"},
                               {"cluster: one AZ, low latency between its instances; spread: at most 7 instances per AZ, each on its own rack; partition: racks in groups.",
                                "cluster: 가용 영역 하나, 인스턴스 간 지연 시간이 짧습니다. spread: 가용 영역당 최대 7개, 인스턴스마다 다른 랙. partition: 랙을 파티션으로 나눕니다."},
                               "", 0, 0, "none", {"none", "cluster", "spread", "partition"}, "EC2 / Spread group"});
  d.params.push_back(ParamSpec{"placement_group_name", ParamType::String, {"Placement group name", "배치 그룹 이름"},
                               {"Instances with the same group type and name are in the same placement group.",
                                "유형과 이름이 같은 인스턴스는 같은 배치 그룹에 속합니다."},
                               "", 0, 0, "pg-1", {}, ""});
  d.validate_document = check_placement_groups;  // the same rules before a run (ec2_placement.cpp)
  d.params.push_back(ParamSpec{"app_start_s", ParamType::Float, {"Application start", "애플리케이션 시작 시간"},
                               {"After a cold boot (first start, or a start after a normal stop) the application loads and warms up for this long before it answers. "
                                "A resume from hibernation skips it.",
                                "콜드 부팅(처음 시작하거나 일반 중지 후 시작) 뒤 애플리케이션이 로드되고 준비되는 시간으로, 이 시간이 지나야 요청에 응답합니다. "
                                "최대 절전에서 재개하면 이 시간이 없습니다."},
                               "s", 0, 3600, 0, {}, ""});
  d.params.push_back(ParamSpec{"hibernation_enabled", ParamType::Bool, {"Hibernation enabled", "최대 절전 활성화"},
                               {"Enabled at launch (it cannot be turned on later). Needs less than 150 GiB of RAM.",
                                "인스턴스를 시작할 때 활성화합니다(나중에 켤 수 없음). RAM이 150 GiB 미만이어야 합니다."},
                               "", 0, 0, false, {}, "EC2 / Hibernate rules"});
  d.params.push_back(ParamSpec{"stop_action", ParamType::Enum, {"Stop action", "중지 방식"},
                               {"What \"Stop at\" does. stop: RAM is lost, the next start is a cold boot. hibernate: RAM is saved to the EBS root volume "
                                "(stopping takes longer and is billed), the next start resumes with the application state kept. The instance store is lost either way.",
                                "\"중지 시각\"에 하는 일입니다. stop: RAM 내용이 사라지고 다음 시작은 콜드 부팅입니다. hibernate: RAM을 EBS 루트 볼륨에 저장하며"
                                "(중지 중 상태가 더 길고 과금됨), 다음 시작 때 애플리케이션 상태를 유지한 채 재개합니다. 인스턴스 스토어는 어느 쪽이든 사라집니다."},
                               "", 0, 0, "stop", {"stop", "hibernate"}, "EC2 / Stop/hibernate"});
  d.params.push_back(ParamSpec{"hibernate_resume_s", ParamType::Float, {"Resume time", "재개 시간"},
                               {"Pending time when starting a hibernated instance (⚠ typical, not an AWS figure); a cold start takes the boot time plus the application start.",
                                "최대 절전 상태의 인스턴스를 시작할 때 pending 시간입니다(⚠ 일반적인 값이며 AWS 공식 수치가 아닙니다). 콜드 시작은 부팅 시간과 애플리케이션 시작 시간이 걸립니다."},
                               "s", 0, 3600, 10, {}, ""});
  d.validate = validate;
  d.target_roles = {catalog::RoleSpec{}, sqs_consumer_role()};  // called, and polls SQS queues (a worker)
  d.metrics = {
      {{"serving", MetricKind::Gauge, MetricStat::Min},
       {"Answering requests", "요청 응답 여부"},
       {"", ""},
       {"1 while the instance runs and its application has started; 0 while it is pending, starting its application, stopping or stopped.",
        "인스턴스가 실행 중이고 애플리케이션이 시작되었으면 1, pending 상태이거나 애플리케이션을 시작하는 중이거나 중지 중이거나 중지되었으면 0입니다."},
       catalog::MetricCard::None, {}},
      {{"cpu_credits", MetricKind::Gauge, MetricStat::Min},
       {"CPU credit balance", "CPU 크레딧 잔액"},
       {"credits", "크레딧"},
       {"Credits earned at the baseline and spent above it (one credit = one vCPU at 100% for a minute); at 0 a standard-mode instance runs at its baseline.",
        "기준 성능 아래에서 쌓이고 그 위에서 쓰이는 크레딧입니다(1크레딧 = vCPU 하나를 1분 동안 100% 사용). 0이 되면 standard 모드 인스턴스는 기준 성능으로 실행됩니다."},
       catalog::MetricCard::None,
       {"burstable instance types (t3)", "버스터블 인스턴스 유형(t3)"}},
  };
  d.metric_applies = [](const std::string& key, const nlohmann::json& p) {
    const InstanceType* t = find_instance_type(catalog::param_string(p, "instance_type"));
    return key != "cpu_credits" || (t && t->baseline > 0);
  };
  d.create = [](const catalog::BuildContext& ctx) -> std::unique_ptr<Model> {
    const auto& p = ctx.params;
    Lifecycle life;
    life.app_start_s = catalog::param_number(p, "app_start_s");
    life.hibernate = catalog::param_string(p, "stop_action") == "hibernate" && catalog::param_bool(p, "hibernation_enabled");
    life.resume_s = catalog::param_number(p, "hibernate_resume_s");
    return std::make_unique<Ec2>(make_instance_core(p), catalog::param_string(p, "initial_state") == "pending",
                                 catalog::param_number(p, "boot_s"), catalog::param_number(p, "stop_at_s"),
                                 catalog::param_number(p, "start_at_s"), catalog::param_number(p, "terminate_at_s"),
                                 catalog::param_number(p, "instance_store_gib"), catalog::param_string(p, "placement_group"),
                                 catalog::param_string(p, "placement_group_name"), life);
  };
  return d;
}

}  // namespace

const catalog::ServiceDescriptor& ec2_descriptor() {
  static const catalog::ServiceDescriptor d = make_descriptor();
  return d;
}

}  // namespace cp::services
