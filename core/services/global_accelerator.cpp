#include "core/services/global_accelerator.h"

#include <algorithm>
#include <cstdlib>
#include <map>

#include "core/doc/messages.h"
#include "core/sim/simulation.h"

namespace cp::services {
namespace {

using namespace cp::sim;

// ⚠ not in AWS-FACTS: $0.025 per accelerator-hour (plus premium data transfer, not modelled).
constexpr double kHourPrice = 0.025;

enum Timer : uint16_t { kHealthCheck = 0 };

struct Settings {
  SimTime hc_interval = 30 * kSecond;  // AWS-FACTS: Global Accelerator / Health checks (10 or 30 s, default 30)
  int hc_threshold = 3;                // AWS-FACTS: Global Accelerator / Health checks (threshold 3)
  std::map<std::string, double> dials; // Region code -> share 0..1; AWS-FACTS: Global Accelerator / Weights (dial 100% default)
};

// "eu-west-1=50, us-east-1=100" -> {eu-west-1: 0.5, us-east-1: 1}. Returns false on a malformed entry.
bool parse_dials(const std::string& text, std::map<std::string, double>& out, std::string& bad) {
  auto trim = [](std::string s) {
    while (!s.empty() && s.front() == ' ') s.erase(s.begin());
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s;
  };
  for (const std::string& item : catalog::split_list(text)) {
    size_t eq = item.find('=');
    if (eq == std::string::npos) { bad = item; return false; }
    std::string code = trim(item.substr(0, eq));
    std::string num = trim(item.substr(eq + 1));
    char* end = nullptr;
    double v = std::strtod(num.c_str(), &end);
    if (code.empty() || num.empty() || end != num.c_str() + num.size() || v < 0 || v > 100) { bad = item; return false; }
    out[code] = v / 100.0;
  }
  return true;
}

class GlobalAccelerator final : public ModelBase<GlobalAccelerator> {
public:
  explicit GlobalAccelerator(Settings s) : s_(std::move(s)) {}

  void start(Simulation& sim) override {
    for (ConnId c : sim.outgoing(id())) {
      NodeId n = sim.connection(c).to;
      RegionId r = sim.info(n).placement.region;
      size_t g = 0;
      while (g < groups_.size() && groups_[g].region != r) ++g;
      if (g == groups_.size()) {
        Group grp;
        grp.region = r;
        std::string code = r.valid() ? sim.topology().region(r).code : std::string();
        auto it = s_.dials.find(code);
        grp.dial = it == s_.dials.end() ? 1.0 : it->second;
        groups_.push_back(grp);
      }
      groups_[g].endpoints.push_back(endpoints_.size());
      endpoints_.push_back(Endpoint{c, n});
    }
    NodeMetrics& m = sim.metrics(id());
    m.capacity = 0;
    endpoints_gauge_ = sim.gauge(id(), "endpoints");
    healthy_gauge_ = sim.gauge(id(), "healthy_endpoints");
    m.set(endpoints_gauge_, static_cast<double>(endpoints_.size()));
    m.set(healthy_gauge_, static_cast<double>(endpoints_.size()));
    if (!endpoints_.empty()) sim.schedule_timer(id(), sim.now() + s_.hc_interval, kHealthCheck);
  }

  void on_request(Simulation& sim, ReqHandle h) override {
    int e = choose(sim, sim.origin_region(sim.request(h)).v);
    if (e < 0) { sim.respond(h, Outcome::NoHealthyTarget); return; }
    const Request& r = sim.request(h);
    RequestKind kind = r.kind;
    uint32_t size = r.size_bytes;
    uint64_t key = r.key;
    ConnId c = endpoints_[e].conn;
    sim.call(c, h, kind, size, key, static_cast<uint32_t>(e));
    if (!sim.connection(c).policy.sync) sim.respond(h, Outcome::Ok);
  }

  void on_response(Simulation& sim, ReqHandle parent, const Request&, Outcome o) override { sim.respond(parent, o); }

  void on_timer(Simulation& sim, uint16_t, uint64_t) override {
    size_t healthy = 0;
    for (Endpoint& ep : endpoints_) {
      bool pass = sim.node_up(ep.node);
      if (pass) {
        ep.fails = 0;
        if (!ep.healthy && ++ep.oks >= s_.hc_threshold) {
          ep.healthy = true;
          sim.log(id(), LogKind::HealthChanged, "Global Accelerator: endpoint " + sim.info(ep.node).name + " is healthy again",
                  "Global Accelerator: 엔드포인트 " + doc::with_subject(sim.info(ep.node).name) + " 다시 정상입니다").because("health_check").naming(ep.node.v).field("healthy", 1);
        }
      } else {
        ep.oks = 0;
        if (ep.healthy && ++ep.fails >= s_.hc_threshold) {
          ep.healthy = false;
          sim.log(id(), LogKind::Failover,
                  "Global Accelerator: endpoint " + sim.info(ep.node).name +
                      " failed its health checks; traffic moves to the next healthy endpoint at once (no DNS to wait for)",
                  "Global Accelerator: 엔드포인트 " + doc::with_subject(sim.info(ep.node).name) +
                      " 상태 확인에 실패해 트래픽이 바로 다음 정상 엔드포인트로 옮겨 갑니다(DNS 캐시를 기다리지 않습니다)").because("health_check").naming(ep.node.v).field("healthy", 0);
        }
      }
      healthy += ep.healthy;
    }
    sim.metrics(id()).set(healthy_gauge_, static_cast<double>(healthy));
    sim.schedule_timer(id(), sim.now() + s_.hc_interval, kHealthCheck);
  }

  void on_second(Simulation& sim) override { sim.metrics(id()).cost_usd += kHourPrice / 3600.0; }

  StatusText status() const override {
    size_t healthy = 0;
    for (const Endpoint& e : endpoints_) healthy += e.healthy;
    const std::string h = std::to_string(healthy) + "/" + std::to_string(endpoints_.size());
    return {std::to_string(groups_.size()) + " endpoint groups, " + h + " endpoints healthy",
            "엔드포인트 그룹 " + std::to_string(groups_.size()) + "개, 정상 엔드포인트 " + h};
  }

private:
  struct Endpoint {
    ConnId conn;
    NodeId node;
    bool healthy = true;
    int fails = 0, oks = 0;
  };
  struct Group {
    RegionId region;
    double dial = 1.0;
    std::vector<size_t> endpoints;
  };

  bool group_healthy(const Group& g) const {
    for (size_t e : g.endpoints)
      if (endpoints_[e].healthy) return true;
    return false;
  }

  // Endpoint groups by proximity to the client's edge; the nearest healthy
  // group takes its dial's share, the rest spills to the next; a group with
  // no healthy endpoint is skipped (dial ignored). AWS-FACTS: Global Accelerator / Failover.
  int choose(Simulation& sim, uint32_t origin_region) {
    if (groups_.empty()) return -1;
    std::vector<std::pair<SimTime, size_t>> order;
    Placement edge{PlacementKind::Internet, RegionId{origin_region}, AzId{}};
    for (size_t g = 0; g < groups_.size(); ++g) {
      Placement p{PlacementKind::Region, groups_[g].region, AzId{}};
      SimTime l = origin_region < sim.topology().regions().size() && groups_[g].region.valid()
                      ? sim.topology().latency(edge, p, RegionId{origin_region})
                      : 0;
      order.push_back({l, g});
    }
    std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<size_t> live;
    for (auto& [l, g] : order)
      if (group_healthy(groups_[g])) live.push_back(g);
    bool fail_open = live.empty();
    if (fail_open)
      for (auto& [l, g] : order) live.push_back(g);
    size_t chosen = live[0];
    if (live.size() > 1) {
      bool picked = false;
      for (size_t g : live)
        if (sim.rng().next_double() < groups_[g].dial) { chosen = g; picked = true; break; }
      if (!picked) chosen = live[0];
    }
    // Within the group: by endpoint weight among healthy endpoints.
    const Group& grp = groups_[chosen];
    double total = 0;
    for (size_t e : grp.endpoints)
      if (fail_open || endpoints_[e].healthy) total += sim.connection(endpoints_[e].conn).policy.weight;
    double x = sim.rng().next_double() * total;
    for (size_t e : grp.endpoints) {
      if (!(fail_open || endpoints_[e].healthy)) continue;
      x -= sim.connection(endpoints_[e].conn).policy.weight;
      if (x < 0) return static_cast<int>(e);
    }
    return static_cast<int>(grp.endpoints.back());
  }

  Settings s_;
  GaugeId endpoints_gauge_, healthy_gauge_;  // declared metrics (the descriptor's `metrics`)
  std::vector<Endpoint> endpoints_;
  std::vector<Group> groups_;
};

std::vector<doc::Issue> validate(const nlohmann::json& params) {
  std::vector<doc::Issue> out;
  if (params.contains("hc_interval_s") && params["hc_interval_s"].is_number()) {
    double v = params["hc_interval_s"].get<double>();
    if (v != 10 && v != 30)
      out.push_back({"hc_interval_s", "Global Accelerator health checks run every 10 s or 30 s, not every " +
                                          doc::format_number(v) + " s.",
                     "Global Accelerator의 상태 확인 간격은 10초 또는 30초입니다. 지금 값: " + doc::format_number(v) + "초."});
  }
  if (params.contains("traffic_dials") && params["traffic_dials"].is_string()) {
    std::map<std::string, double> dials;
    std::string bad;
    if (!parse_dials(params["traffic_dials"].get<std::string>(), dials, bad))
      out.push_back({"traffic_dials", "\"" + bad + "\" is not REGION=PERCENT (0 to 100), e.g. \"eu-west-1=50\".",
                     "\"" + bad + "\": 트래픽 다이얼은 리전=백분율(0~100) 형식으로 씁니다. 예: \"eu-west-1=50\"."});
  }
  return out;
}

catalog::ServiceDescriptor make_descriptor() {
  using catalog::ParamSpec;
  using catalog::ParamType;
  catalog::ServiceDescriptor d;
  d.type = "global_accelerator";
  d.category = catalog::Category::Networking;
  d.name = {"Global Accelerator", "Global Accelerator"};
  d.summary = {"Static anycast IPs: users enter at the nearest edge location and ride the AWS backbone to the nearest "
               "healthy endpoint group. Failover needs no DNS change, so it takes only the health-check detection time.",
               "고정 애니캐스트 IP입니다. 사용자는 가장 가까운 엣지 로케이션으로 들어와 AWS 백본을 타고 가장 가까운 정상 "
               "엔드포인트 그룹으로 갑니다. DNS를 바꾸지 않으므로 장애 조치는 상태 확인 감지 시간만 걸립니다."};
  d.simplifications = {
      "Endpoint groups are formed from the outgoing connections by the target's Region; an endpoint's weight is the "
      "connection's weight (relative, like AWS's 0-255 with default 128). Traffic dials are set per Region. Health checks "
      "only ask whether the endpoint is up. Client affinity, custom routing accelerators and the premium data-transfer "
      "charge are not modelled; the hourly price is approximate.",
      "엔드포인트 그룹은 나가는 연결을 대상의 리전별로 묶어 만듭니다. 엔드포인트 가중치는 연결의 가중치입니다(AWS의 "
      "0~255, 기본 128처럼 상대값). 트래픽 다이얼은 리전마다 정합니다. 상태 확인은 엔드포인트가 살아 있는지만 봅니다. "
      "클라이언트 선호도, 사용자 지정 라우팅 가속기, 프리미엄 데이터 전송 요금은 모델링하지 않으며 시간당 요금은 "
      "근사값입니다."};
  d.placement = PlacementKind::Global;
  d.icon = catalog::Icon::Accelerator;
  d.params = {
      ParamSpec{"hc_interval_s", ParamType::Int, {"Health check interval", "상태 확인 간격"},
                {"10 s or 30 s.", "10초 또는 30초입니다."}, "s", 10, 30, 30, {}, "Global Accelerator / Health checks"},
      ParamSpec{"hc_threshold", ParamType::Int, {"Failure threshold", "실패 임계값"},
                {"Checks in a row that must fail (or pass) before an endpoint's status changes.",
                 "엔드포인트의 상태가 바뀌려면 연속으로 실패(또는 성공)해야 하는 확인 횟수입니다."},
                "", 1, 10, 3, {}, "Global Accelerator / Health checks"},
      ParamSpec{"traffic_dials", ParamType::String, {"Traffic dials", "트래픽 다이얼"},
                {"Share of the traffic each Region's endpoint group accepts, e.g. \"eu-west-1=50\" (others 100%). The rest "
                 "goes to the next nearest group.",
                 "리전별 엔드포인트 그룹이 받는 트래픽 비율입니다. 예: \"eu-west-1=50\"(나머지는 100%). 나머지 트래픽은 다음으로 "
                 "가까운 그룹으로 갑니다."},
                "", 0, 0, "", {}, "Global Accelerator / Weights"},
  };
  d.validate = validate;
  catalog::param_spec(d, "traffic_dials").list_separator = ',';
  d.metrics = {
      {{"endpoints", MetricKind::Gauge, MetricStat::Max},
       {"Endpoints", "엔드포인트"},
       {"endpoints", "개"},
       {"Endpoints in the accelerator's endpoint groups (one per outgoing connection).",
        "가속기의 엔드포인트 그룹에 있는 엔드포인트 수입니다(나가는 연결마다 하나)."},
       catalog::MetricCard::Total, {}},
      {{"healthy_endpoints", MetricKind::Gauge, MetricStat::Min},
       {"Healthy endpoints", "정상 엔드포인트"},
       {"endpoints", "개"},
       {"Endpoints whose health checks pass: traffic goes only to these.",
        "상태 확인을 통과한 엔드포인트 수입니다. 트래픽은 이 엔드포인트로만 갑니다."},
       catalog::MetricCard::Ready, {}},
  };
  d.create = [](const catalog::BuildContext& ctx) -> std::unique_ptr<Model> {
    const auto& p = ctx.params;
    Settings s;
    s.hc_interval = from_seconds(catalog::param_number(p, "hc_interval_s"));
    s.hc_threshold = static_cast<int>(catalog::param_number(p, "hc_threshold"));
    std::string bad;
    parse_dials(catalog::param_string(p, "traffic_dials"), s.dials, bad);
    return std::make_unique<GlobalAccelerator>(s);
  };
  return d;
}

}  // namespace

const catalog::ServiceDescriptor& global_accelerator_descriptor() {
  static const catalog::ServiceDescriptor d = make_descriptor();
  return d;
}

}  // namespace cp::services
