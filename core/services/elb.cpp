#include "core/services/elb.h"

#include <algorithm>
#include <map>
#include <string>

#include "core/services/autoscaling.h"
#include "core/services/ec2.h"
#include "core/sim/simulation.h"

namespace cp::services {
namespace {

using namespace cp::sim;

enum class Kind { Alb, Nlb, Clb, Gwlb };
enum Timer : uint16_t { kForward = 0 };
constexpr uint32_t kNodeTarget = UINT32_MAX;

struct KindSpec {
  Kind kind;
  const char* type;
  double interval_s, timeout_s, healthy, unhealthy;
  bool cross_zone, fail_open;
  double added_latency_ms;   // processing time added per request (simplified)
  double usd_per_hour, usd_per_lcu_hour, new_conn_per_lcu;
};

// AWS-FACTS: ELB / ALB health check — 30 s, timeout 5 s, healthy 5, unhealthy 2.
// AWS-FACTS: ELB / ALB cross-zone — always on for the LB. AWS-FACTS: ELB / Target states — all unhealthy: ALB fails open.
// AWS-FACTS: ELB / Price — ALB $0.0225/h + $0.008/LCU-h; LCU = max(25 new conn/s, ...).
// AWS-FACTS: ELB / Seed latency — no AWS figure: 1 ms (ALB) vs 0.1 ms (NLB) are this simulator's simplification.
const KindSpec kAlb{Kind::Alb, "alb", 30, 5, 5, 2, true, true, 1.0, 0.0225, 0.008, 25};
// AWS-FACTS: ELB / NLB health check — 30 s; timeout 10 s TCP; 5/2. AWS-FACTS: ELB / NLB cross-zone — off by default.
// NLB fail-open and price ($0.0225/h + $0.006/NLCU-h, 800 new flows/s per NLCU) ⚠ not in AWS-FACTS.
const KindSpec kNlb{Kind::Nlb, "nlb", 30, 10, 5, 2, false, true, 0.1, 0.0225, 0.006, 800};
// CLB: 30 s, 5 s, healthy 10, unhealthy 2, no fail-open (503), $0.025/h + $0.008/GB ⚠ not in AWS-FACTS.
const KindSpec kClb{Kind::Clb, "clb", 30, 5, 10, 2, true, false, 1.0, 0.025, 0, 0};
// AWS-FACTS: ELB / NLB health check — GENEVE 10 s, 3/3. GWLB cross-zone off (like NLB); timeout, fail-open, price ⚠.
const KindSpec kGwlb{Kind::Gwlb, "gwlb", 10, 5, 3, 3, false, true, 0.1, 0.0125, 0.004, 600};

enum class Hs { Initial, Healthy, Unhealthy, Draining };
const char* hs_en(Hs h) {
  switch (h) { case Hs::Initial: return "initial"; case Hs::Healthy: return "healthy"; case Hs::Unhealthy: return "unhealthy"; case Hs::Draining: return "draining"; }
  return "";
}
const char* hs_ko(Hs h) {
  switch (h) { case Hs::Initial: return "초기"; case Hs::Healthy: return "정상"; case Hs::Unhealthy: return "비정상"; case Hs::Draining: return "드레이닝"; }
  return "";
}

struct Target {
  ConnId conn;
  NodeId node;
  uint32_t inst = kNodeTarget;
  AzId az;
  Hs state = Hs::Healthy;
  int pass = 0, fail = 0;
  SimTime next_check = 0;
  SimTime fail_due = -1;     // a failing check concludes when its timeout elapses
  bool seen = true;
};

struct Config {
  KindSpec spec;
  SimTime interval, timeout;
  int healthy, unhealthy;
  bool cross_zone, fail_open, sticky;
  SimTime sticky_duration, dereg_delay, added;
};

class Elb final : public ModelBase<Elb> {
public:
  explicit Elb(Config c) : c_(c) {}

  void start(Simulation& sim) override {
    sim.metrics(id()).capacity = 0;
    refresh_targets(sim, true);
    for (Target& t : targets_) t.state = Hs::Healthy;  // registered and healthy before the run began
    sync_metrics(sim);
  }

  void on_request(Simulation& sim, ReqHandle h) override {
    sim.schedule_timer(id(), sim.now() + c_.added, kForward, h.v);
  }

  void on_timer(Simulation& sim, uint16_t, uint64_t payload) override { route(sim, ReqHandle{payload}); }

  void on_response(Simulation& sim, ReqHandle parent, const Request&, Outcome o) override {
    // A target that did not answer is a 502/504 from the load balancer.
    sim.respond(parent, o == Outcome::Unreachable || o == Outcome::TimedOut ? Outcome::ServerError : o);
  }

  void on_second(Simulation& sim) override {
    refresh_targets(sim, false);
    SimTime now = sim.now();
    for (Target& t : targets_) {
      if (t.state == Hs::Draining) continue;
      if (t.fail_due >= 0 && now >= t.fail_due) {
        t.fail_due = -1;
        verdict(sim, t, false);
      }
      if (now >= t.next_check) {
        t.next_check += c_.interval;
        if (probe(sim, t)) verdict(sim, t, true);
        else if (t.fail_due < 0) t.fail_due = now + c_.timeout;
      }
    }
    // Cost: hours + capacity units (each request counted as a new connection).
    NodeMetrics& m = sim.metrics(id());
    uint64_t reqs = m.arrivals - last_arrivals_;
    last_arrivals_ = m.arrivals;
    double cost = c_.spec.usd_per_hour / 3600.0;
    if (c_.spec.new_conn_per_lcu > 0) {
      double lcu = static_cast<double>(reqs) / c_.spec.new_conn_per_lcu;
      cost += lcu * c_.spec.usd_per_lcu_hour / 3600.0;
    }
    m.cost_usd += cost;
    sync_metrics(sim);
  }

  std::string status() const override {
    int healthy = 0;
    for (const Target& t : targets_) healthy += t.state == Hs::Healthy;
    return std::to_string(healthy) + "/" + std::to_string(targets_.size()) + " targets healthy";
  }

private:
  // Is the target answering now (what one health check would see)?
  bool probe(Simulation& sim, const Target& t) {
    if (!sim.node_up(t.node)) return false;
    if (t.inst != kNodeTarget) {
      auto* src = dynamic_cast<TargetGroupSource*>(&sim.model(t.node));
      if (!src) return false;
      src->list_targets(sim, scratch_);
      for (const GroupTarget& g : scratch_)
        if (g.instance == t.inst) return g.answers;
      return false;
    }
    if (auto* hc = dynamic_cast<const HealthCheckable*>(&sim.model(t.node))) return hc->passes_health_check(sim);
    return true;
  }

  void verdict(Simulation& sim, Target& t, bool ok) {
    Hs before = t.state;
    if (ok) {
      t.fail = 0;
      ++t.pass;
      // AWS-FACTS: ELB / Target states — a new target needs 1 pass; an unhealthy one the healthy threshold.
      if (t.state == Hs::Initial || (t.state == Hs::Unhealthy && t.pass >= c_.healthy)) t.state = Hs::Healthy;
    } else {
      t.pass = 0;
      ++t.fail;
      if (t.state != Hs::Unhealthy && t.fail >= c_.unhealthy) t.state = Hs::Unhealthy;
    }
    if (t.state != before) {
      std::string name = target_name(sim, t);
      sim.log(id(), LogKind::HealthChanged, "target " + name + ": " + hs_en(before) + " → " + hs_en(t.state),
              "대상 " + name + ": " + hs_ko(before) + " → " + hs_ko(t.state));
      if (t.inst != kNodeTarget)
        if (auto* src = dynamic_cast<TargetGroupSource*>(&sim.model(t.node)))
          src->report_lb_health(t.inst, t.state != Hs::Unhealthy);
    }
  }

  std::string target_name(const Simulation& sim, const Target& t) const {
    std::string n = sim.info(t.node).id;
    if (t.inst != kNodeTarget) n += "/i-" + std::to_string(t.inst);
    return n;
  }

  void add_target(Simulation& sim, ConnId c, NodeId node, uint32_t inst, AzId az, bool at_start) {
    Target t;
    t.conn = c;
    t.node = node;
    t.inst = inst;
    t.az = az;
    t.state = at_start ? Hs::Healthy : Hs::Initial;
    // Checks of different targets are spread over the interval.
    t.next_check = sim.now() + 1 + static_cast<SimTime>(sim.rng().below(static_cast<uint64_t>(c_.interval)));
    targets_.push_back(t);
  }

  void refresh_targets(Simulation& sim, bool at_start) {
    if (at_start) {
      for (ConnId c : sim.outgoing(id())) {
        NodeId to = sim.connection(c).to;
        if (auto* src = dynamic_cast<TargetGroupSource*>(&sim.model(to))) {
          src->set_deregistration_delay(c_.dereg_delay);
          groups_.push_back({c, to});
        } else {
          add_target(sim, c, to, kNodeTarget, sim.info(to).placement.az, true);
        }
      }
    }
    if (groups_.empty()) return;
    for (Target& t : targets_) t.seen = t.inst == kNodeTarget;
    for (const auto& [c, node] : groups_) {
      auto* src = dynamic_cast<TargetGroupSource*>(&sim.model(node));
      src->list_targets(sim, scratch_);
      for (const GroupTarget& g : scratch_) {
        Target* found = nullptr;
        for (Target& t : targets_)
          if (t.node == node && t.inst == g.instance) found = &t;
        if (!found) {
          add_target(sim, c, node, g.instance, g.az, at_start);
          targets_.back().seen = true;
          continue;
        }
        found->seen = true;
        if (g.draining && found->state != Hs::Draining) {
          std::string name = target_name(sim, *found);
          sim.log(id(), LogKind::HealthChanged, "target " + name + " deregistered: draining",
                  "대상 " + name + " 등록 취소: 드레이닝 중");
          found->state = Hs::Draining;
        }
      }
    }
    targets_.erase(std::remove_if(targets_.begin(), targets_.end(), [](const Target& t) { return !t.seen; }),
                   targets_.end());
  }

  void route(Simulation& sim, ReqHandle h) {
    cand_.clear();
    for (size_t i = 0; i < targets_.size(); ++i)
      if (targets_[i].state == Hs::Healthy) cand_.push_back(i);
    if (cand_.empty() && c_.fail_open) {
      // AWS-FACTS: ELB / Target states — all targets unhealthy: the load balancer fails open.
      for (size_t i = 0; i < targets_.size(); ++i)
        if (targets_[i].state != Hs::Draining) cand_.push_back(i);
    }
    if (cand_.empty()) {
      sim.respond(h, Outcome::NoHealthyTarget);  // HTTP 503
      return;
    }
    // Client traffic is spread evenly over the load balancer's nodes, one per AZ
    // that has a routable target (DNS leaves out AZs with none).
    azs_.clear();
    for (size_t i : cand_) azs_.push_back(targets_[i].az.v);
    std::sort(azs_.begin(), azs_.end());
    azs_.erase(std::unique(azs_.begin(), azs_.end()), azs_.end());
    uint32_t lb_az = azs_[sim.rng().below(azs_.size())];
    if (!c_.cross_zone) {
      // Without cross-zone load balancing an LB node only uses targets in its own AZ.
      size_t k = 0;
      for (size_t i : cand_)
        if (targets_[i].az.v == lb_az) cand_[k++] = i;
      cand_.resize(k);
    }
    const Request& r = sim.request(h);
    uint64_t key = r.key;
    size_t pick = SIZE_MAX;
    if (c_.sticky && key != 0) {
      // AWS-FACTS: ELB / Stickiness — LB cookie, default 1 day.
      auto it = sticky_.find(key);
      if (it != sticky_.end() && sim.now() < it->second.second) {
        for (size_t i : cand_)
          if (targets_[i].node == it->second.first.first && targets_[i].inst == it->second.first.second) pick = i;
      }
    }
    if (pick == SIZE_MAX) {
      if (c_.spec.kind == Kind::Alb || c_.spec.kind == Kind::Clb) pick = cand_[rr_++ % cand_.size()];  // round robin
      else pick = cand_[sim.rng().below(cand_.size())];                                                // flow hash
      if (c_.sticky && key != 0) sticky_[key] = {{targets_[pick].node, targets_[pick].inst}, sim.now() + c_.sticky_duration};
    }
    const Target& t = targets_[pick];
    RequestKind kind = r.kind;
    uint32_t size = r.size_bytes;
    sim.call(t.conn, h, kind, size, key, t.inst == kNodeTarget ? 0 : t.inst);
    if (!sim.connection(t.conn).policy.sync) sim.respond(h, Outcome::Ok);
  }

  void sync_metrics(Simulation& sim) {
    NodeMetrics& m = sim.metrics(id());
    int healthy = 0;
    for (const Target& t : targets_) healthy += t.state == Hs::Healthy;
    m.instances = static_cast<double>(targets_.size());
    m.healthy = healthy;
  }

  Config c_;
  std::vector<Target> targets_;
  std::vector<std::pair<ConnId, NodeId>> groups_;
  std::vector<GroupTarget> scratch_;
  std::vector<size_t> cand_;
  std::vector<uint32_t> azs_;
  std::map<uint64_t, std::pair<std::pair<NodeId, uint32_t>, SimTime>> sticky_;
  uint64_t rr_ = 0;
  uint64_t last_arrivals_ = 0;
};

catalog::ServiceDescriptor make_descriptor(const KindSpec& k) {
  using catalog::ParamSpec;
  using catalog::ParamType;
  catalog::ServiceDescriptor d;
  d.type = k.type;
  d.category = catalog::Category::Networking;
  switch (k.kind) {
    case Kind::Alb:
      d.name = {"Application Load Balancer", "Application Load Balancer(ALB)"};
      d.summary = {"Layer 7 (HTTP/HTTPS) load balancer: spreads requests over healthy targets in every AZ (cross-zone on).",
                   "7계층(HTTP/HTTPS) 로드 밸런서입니다. 모든 가용 영역의 정상 대상에 요청을 분산합니다(교차 영역 로드 밸런싱 켜짐)."};
      break;
    case Kind::Nlb:
      d.name = {"Network Load Balancer", "Network Load Balancer(NLB)"};
      d.summary = {"Layer 4 (TCP/UDP) load balancer with lower added latency. Cross-zone is off by default: each AZ's node uses only its own AZ's targets.",
                   "지연 시간이 더 짧은 4계층(TCP/UDP) 로드 밸런서입니다. 교차 영역 로드 밸런싱이 기본으로 꺼져 있어 각 가용 영역의 노드는 자기 가용 영역의 대상만 사용합니다."};
      break;
    case Kind::Clb:
      d.name = {"Classic Load Balancer", "Classic Load Balancer(CLB)"};
      d.summary = {"The previous-generation load balancer. With no healthy instance it answers 503.",
                   "이전 세대 로드 밸런서입니다. 정상 인스턴스가 없으면 503으로 응답합니다."};
      break;
    case Kind::Gwlb:
      d.name = {"Gateway Load Balancer", "Gateway Load Balancer(GWLB)"};
      d.summary = {"Layer 3 load balancer that inserts appliances (firewalls) into the traffic path (GENEVE).",
                   "트래픽 경로에 방화벽 같은 어플라이언스를 끼워 넣는 3계층 로드 밸런서입니다(GENEVE)."};
      break;
  }
  d.simplifications = {
      "Targets are the outgoing connections (an Auto Scaling group contributes each instance). One target group; no listener rules. "
      "A health check sees whether the target is up and running (not its response time) and a failing check concludes when its timeout elapses; checks are evaluated once per simulated second. "
      "The load balancer's nodes are the AZs that have a routable target; client requests are split evenly among them. "
      "Added latency is a fixed simplification (ALB and CLB 1 ms, NLB and GWLB 0.1 ms), not an AWS figure. ALB/CLB route round robin, NLB/GWLB by a random flow hash. "
      "Capacity units count each request as a new connection (an upper bound). Slow start, idle timeouts and static IPs are not modelled.",
      "대상은 나가는 연결입니다(오토 스케일링 그룹은 인스턴스 하나하나가 대상). 대상 그룹은 하나이며 리스너 규칙은 없습니다. "
      "상태 확인은 대상이 실행 중인지만 보고(응답 시간은 보지 않음) 실패한 확인은 제한 시간이 지나야 결론이 납니다. 상태 확인은 시뮬레이션 시간 1초마다 평가합니다. "
      "로드 밸런서 노드는 라우팅 가능한 대상이 있는 가용 영역마다 하나이며, 클라이언트 요청은 이 노드들에 고르게 나뉩니다. "
      "추가 지연 시간은 고정된 단순화 값(ALB·CLB 1ms, NLB·GWLB 0.1ms)이며 AWS 수치가 아닙니다. ALB/CLB는 라운드 로빈, NLB/GWLB는 무작위 흐름 해시로 분산합니다. "
      "용량 단위(LCU)는 요청마다 새 연결로 계산합니다(상한). 느린 시작, 유휴 제한 시간, 고정 IP는 다루지 않습니다."};
  d.placement = PlacementKind::Region;
  d.can_call = {"ec2", "asg", "compute"};
  auto add = [&](ParamSpec p) { d.params.push_back(std::move(p)); };
  const char* hc_fact = k.kind == Kind::Alb ? "ELB / ALB health check" : k.kind == Kind::Clb ? "" : "ELB / NLB health check";
  add({"health_interval_s", ParamType::Float, {"Health check interval", "상태 확인 간격"},
       {"Time between two health checks of one target.", "한 대상에 대한 상태 확인 사이의 시간입니다."}, "s", 5, 300, k.interval_s, {}, hc_fact});
  add({"health_timeout_s", ParamType::Float, {"Health check timeout", "상태 확인 제한 시간"},
       {"A check with no answer in this time fails.", "이 시간 안에 응답이 없으면 상태 확인이 실패합니다."}, "s", 2, 120, k.timeout_s, {}, hc_fact});
  add({"healthy_threshold", ParamType::Int, {"Healthy threshold", "정상 임계값"},
       {"Consecutive passes before an unhealthy target is healthy again.", "비정상 대상이 다시 정상이 되기까지 연속으로 통과해야 하는 횟수입니다."}, "", 2, 10, k.healthy, {}, hc_fact});
  add({"unhealthy_threshold", ParamType::Int, {"Unhealthy threshold", "비정상 임계값"},
       {"Consecutive failures before a target stops receiving traffic.", "대상이 트래픽을 더 받지 않게 되기까지 연속으로 실패해야 하는 횟수입니다."}, "", 2, 10, k.unhealthy, {}, hc_fact});
  add({"cross_zone", ParamType::Bool, {"Cross-zone load balancing", "교차 영역 로드 밸런싱"},
       {"On: every LB node spreads over targets in all AZs. Off: each AZ's node uses only its own AZ's targets.",
        "켜면 모든 로드 밸런서 노드가 모든 가용 영역의 대상에 분산합니다. 끄면 각 가용 영역의 노드는 자기 가용 영역의 대상만 사용합니다."},
       "", 0, 0, k.cross_zone, {}, k.kind == Kind::Alb ? "ELB / ALB cross-zone" : "ELB / NLB cross-zone"});
  add({"fail_open", ParamType::Bool, {"Fail open", "페일 오픈"},
       {"When every target is unhealthy, send to all of them anyway (instead of answering 503).",
        "모든 대상이 비정상이면 503으로 응답하는 대신 모든 대상에 보냅니다."}, "", 0, 0, k.fail_open, {}, "ELB / Target states"});
  add({"deregistration_delay_s", ParamType::Float, {"Deregistration delay", "등록 취소 지연"},
       {"How long a deregistering target may finish its in-flight requests (connection draining).",
        "등록 취소되는 대상이 처리 중인 요청을 마칠 수 있는 시간입니다(연결 드레이닝)."}, "s", 0, 3600, 300, {}, "ELB / Deregistration delay"});
  add({"sticky", ParamType::Bool, {"Sticky sessions", "고정 세션"},
       {"Send a user's requests (same key) to the same target while the cookie lasts; popular users skew the load.",
        "쿠키가 유효한 동안 한 사용자(같은 키)의 요청을 같은 대상에 보냅니다. 인기 사용자가 부하를 치우치게 합니다."}, "", 0, 0, false, {}, "ELB / Stickiness"});
  add({"sticky_duration_s", ParamType::Float, {"Stickiness duration", "고정 기간"},
       {"Lifetime of the load balancer's cookie.", "로드 밸런서 쿠키의 수명입니다."}, "s", 1, 604800, 86400, {}, "ELB / Stickiness"});
  KindSpec spec = k;
  d.create = [spec](const catalog::BuildContext& ctx) -> std::unique_ptr<Model> {
    const auto& p = ctx.params;
    Config c{spec,
             from_seconds(catalog::param_number(p, "health_interval_s")),
             from_seconds(catalog::param_number(p, "health_timeout_s")),
             static_cast<int>(catalog::param_number(p, "healthy_threshold")),
             static_cast<int>(catalog::param_number(p, "unhealthy_threshold")),
             catalog::param_bool(p, "cross_zone"),
             catalog::param_bool(p, "fail_open"),
             catalog::param_bool(p, "sticky"),
             from_seconds(catalog::param_number(p, "sticky_duration_s")),
             from_seconds(catalog::param_number(p, "deregistration_delay_s")),
             from_seconds(spec.added_latency_ms / 1000.0)};
    return std::make_unique<Elb>(c);
  };
  return d;
}

}  // namespace

const catalog::ServiceDescriptor& alb_descriptor() { static const auto d = make_descriptor(kAlb); return d; }
const catalog::ServiceDescriptor& nlb_descriptor() { static const auto d = make_descriptor(kNlb); return d; }
const catalog::ServiceDescriptor& clb_descriptor() { static const auto d = make_descriptor(kClb); return d; }
const catalog::ServiceDescriptor& gwlb_descriptor() { static const auto d = make_descriptor(kGwlb); return d; }

}  // namespace cp::services
