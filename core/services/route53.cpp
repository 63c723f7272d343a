#include "core/services/route53.h"

#include <algorithm>
#include <map>

#include "core/doc/messages.h"
#include "core/sim/simulation.h"

namespace cp::services {

std::string region_continent(const std::string& code) {
  std::string p = code.substr(0, code.find('-'));
  if (p == "us" || p == "ca" || p == "mx") return "NA";
  if (p == "sa") return "SA";
  if (p == "eu" || p == "il") return "EU";
  if (p == "ap") return "AP";
  if (p == "me") return "ME";
  if (p == "af") return "AF";
  return p;
}

namespace {

using namespace cp::sim;

enum class Policy { Simple, Weighted, Latency, Failover, Geolocation, Geoproximity, Multivalue };

Policy policy_from(const std::string& s) {
  if (s == "weighted") return Policy::Weighted;
  if (s == "latency") return Policy::Latency;
  if (s == "failover") return Policy::Failover;
  if (s == "geolocation") return Policy::Geolocation;
  if (s == "geoproximity") return Policy::Geoproximity;
  if (s == "multivalue") return Policy::Multivalue;
  return Policy::Simple;
}

// AWS-FACTS: Route 53 / Multivalue (<=8 healthy records, random)
constexpr size_t kMultivalueMax = 8;
// AWS-FACTS: Route 53 / Price (hosted zone $0.50/month, first 25)
constexpr double kHostedZonePerMonth = 0.50;
// ⚠ not in AWS-FACTS: $0.40 per million standard queries; alias queries to AWS resources are free
// (AWS-FACTS: Route 53 / Alias vs CNAME: "alias queries to AWS free, CNAME billed").
constexpr double kQueryPrice = 0.40 / 1e6;
constexpr double kSecondsPerMonth = 730.0 * 3600.0;

enum Timer : uint16_t { kHealthCheck = 0, kForwardBase = 16 };

struct Settings {
  Policy policy = Policy::Simple;
  SimTime ttl = 60 * kSecond;
  bool health_check = true;
  SimTime hc_interval = 30 * kSecond;
  int hc_threshold = 3;
  double hc_error_rate = 0;
  uint32_t resolvers = 20;
  SimTime lookup = 30 * kMillisecond;
  bool alias = true;
};

class Route53 final : public ModelBase<Route53> {
public:
  explicit Route53(Settings s) : s_(s) {}

  void start(Simulation& sim) override {
    for (ConnId c : sim.outgoing(id())) targets_.push_back(Target{c, sim.connection(c).to});
    NodeMetrics& m = sim.metrics(id());
    m.capacity = 0;
    endpoints_gauge_ = sim.gauge(id(), "endpoints");
    healthy_gauge_ = sim.gauge(id(), "healthy_endpoints");
    m.set(endpoints_gauge_, static_cast<double>(targets_.size()));
    m.set(healthy_gauge_, static_cast<double>(targets_.size()));
    if (s_.health_check && !targets_.empty()) sim.schedule_timer(id(), sim.now() + s_.hc_interval, kHealthCheck);
  }

  void on_request(Simulation& sim, ReqHandle h) override {
    if (targets_.empty()) { sim.respond(h, Outcome::NoHealthyTarget); return; }
    const Request& r = sim.request(h);
    uint32_t resolver = s_.resolvers > 1 ? static_cast<uint32_t>(sim.rng().below(s_.resolvers)) : 0;
    uint64_t ckey = (static_cast<uint64_t>(r.origin) << 32) | resolver;
    auto it = cache_.find(ckey);
    if (it != cache_.end() && it->second.expires > sim.now()) {
      ++cache_hits_;
      forward(sim, h, pick(sim, it->second.answer));
      return;
    }
    // The resolver asks Route 53: one query, then the answer is cached for the TTL.
    // A resolver first seen now may have fetched the record for other clients
    // earlier: its first answer expires after a random part of the TTL, so
    // resolvers' caches are out of step (as on the internet), not all at once.
    SimTime ttl = s_.ttl;
    if (it == cache_.end() && ttl > 0) ttl = 1 + static_cast<SimTime>(sim.rng().below(static_cast<uint64_t>(ttl)));
    Cached c{resolve(sim, r), sim.now() + ttl};
    uint32_t idx = pick(sim, c.answer);
    cache_[ckey] = std::move(c);
    ++queries_;
    if (!s_.alias) sim.metrics(id()).cost_usd += kQueryPrice;
    sim.schedule_timer(id(), sim.now() + s_.lookup, static_cast<uint16_t>(kForwardBase + idx), h.v);
  }

  void on_timer(Simulation& sim, uint16_t timer, uint64_t payload) override {
    if (timer == kHealthCheck) {
      health_check(sim);
      sim.schedule_timer(id(), sim.now() + s_.hc_interval, kHealthCheck);
      return;
    }
    ReqHandle h{payload};
    if (!sim.alive(h)) return;
    forward(sim, h, timer - kForwardBase);
  }

  void on_response(Simulation& sim, ReqHandle parent, const Request& child, Outcome o) override {
    if (child.tag < targets_.size()) {
      Target& t = targets_[child.tag];
      ++t.window_calls;
      if (o != Outcome::Ok) ++t.window_errors;
    }
    sim.respond(parent, o);
  }

  void on_second(Simulation& sim) override {
    sim.metrics(id()).cost_usd += kHostedZonePerMonth / kSecondsPerMonth;
  }

  StatusText status() const override {
    size_t healthy = 0;
    for (const Target& t : targets_) healthy += t.healthy;
    const std::string h = std::to_string(healthy) + "/" + std::to_string(targets_.size());
    return {h + " healthy, " + std::to_string(queries_) + " queries, " + std::to_string(cache_hits_) +
                " answered from resolver caches",
            "정상 " + h + ", 쿼리 " + std::to_string(queries_) + "건, 리졸버 캐시 응답 " + std::to_string(cache_hits_) + "건"};
  }

private:
  struct Target {
    ConnId conn;
    NodeId node;
    bool healthy = true;
    int fails = 0, oks = 0;
    uint64_t window_calls = 0, window_errors = 0;
  };
  struct Cached {
    std::vector<uint32_t> answer;  // target indexes
    SimTime expires = 0;
  };

  void forward(Simulation& sim, ReqHandle h, uint32_t idx) {
    const Request& r = sim.request(h);
    RequestKind kind = r.kind;
    uint32_t size = r.size_bytes;
    uint64_t key = r.key;
    ConnId c = targets_[idx].conn;
    sim.call(c, h, kind, size, key, idx);
    if (!sim.connection(c).policy.sync) sim.respond(h, Outcome::Ok);
  }

  uint32_t pick(Simulation& sim, const std::vector<uint32_t>& answer) {
    if (answer.size() == 1) return answer[0];
    return answer[sim.rng().below(answer.size())];
  }

  // Health checkers: a target passes when its node is up (and, optionally,
  // its error share over the last interval is below the limit). It flips
  // after `threshold` checks in a row. AWS-FACTS: Route 53 / HC threshold.
  void health_check(Simulation& sim) {
    size_t healthy = 0;
    for (Target& t : targets_) {
      bool pass = sim.node_up(t.node);
      if (pass && s_.hc_error_rate > 0 && t.window_calls >= 5 &&
          static_cast<double>(t.window_errors) / static_cast<double>(t.window_calls) > s_.hc_error_rate)
        pass = false;
      t.window_calls = t.window_errors = 0;
      if (pass) {
        t.fails = 0;
        if (!t.healthy && ++t.oks >= s_.hc_threshold) {
          t.healthy = true;
          sim.log(id(), LogKind::HealthChanged, "Route 53 health check: " + sim.info(t.node).name + " is healthy again",
                  "Route 53 상태 확인: " + doc::with_subject(sim.info(t.node).name) + " 다시 정상입니다").because("health_check").naming(t.node.v).field("healthy", 1);
        }
      } else {
        t.oks = 0;
        if (t.healthy && ++t.fails >= s_.hc_threshold) {
          t.healthy = false;
          sim.log(id(), LogKind::HealthChanged,
                  "Route 53 health check: " + sim.info(t.node).name + " is unhealthy after " +
                      std::to_string(s_.hc_threshold) + " failed checks; new DNS answers avoid it (cached answers live until their TTL ends)",
                  "Route 53 상태 확인: " + doc::with_subject(sim.info(t.node).name) + " " + std::to_string(s_.hc_threshold) +
                      "번 연속 실패해 비정상입니다. 새 DNS 응답은 이 대상을 피하지만, 캐시된 응답은 TTL이 끝날 때까지 남습니다").because("health_check").naming(t.node.v).field("healthy", 0);
        }
      }
      healthy += t.healthy;
    }
    sim.metrics(id()).set(healthy_gauge_, static_cast<double>(healthy));
  }

  bool healthy(size_t i) const { return !s_.health_check || targets_[i].healthy; }

  SimTime latency_to(const Simulation& sim, uint32_t origin_region, size_t i) const {
    Placement client{PlacementKind::Internet, RegionId{origin_region}, AzId{}};
    return sim.topology().latency(client, sim.info(targets_[i].node).placement, RegionId{origin_region});
  }

  std::string region_code(const Simulation& sim, RegionId r) const {
    return r.valid() && r.v < sim.topology().regions().size() ? sim.topology().region(r).code : std::string();
  }

  std::vector<uint32_t> resolve(Simulation& sim, const Request& r) {
    std::vector<uint32_t> live;
    for (uint32_t i = 0; i < targets_.size(); ++i)
      if (healthy(i)) live.push_back(i);
    // When every record is unhealthy Route 53 answers as if all were healthy
    // (⚠ AWS behaviour, not in AWS-FACTS).
    if (live.empty())
      for (uint32_t i = 0; i < targets_.size(); ++i) live.push_back(i);
    const uint32_t origin = sim.origin_region(r).v;
    switch (s_.policy) {
      case Policy::Simple: {  // simple records have no health checks: every value, the client picks one
        std::vector<uint32_t> all;
        for (uint32_t i = 0; i < targets_.size(); ++i) all.push_back(i);
        return all;
      }
      case Policy::Weighted: {
        double total = 0;
        for (uint32_t i : live) total += sim.connection(targets_[i].conn).policy.weight;
        if (!(total > 0)) return {live[sim.rng().below(live.size())]};
        double x = sim.rng().next_double() * total;
        for (uint32_t i : live) {
          x -= sim.connection(targets_[i].conn).policy.weight;
          if (x < 0) return {i};
        }
        return {live.back()};
      }
      case Policy::Latency: {
        uint32_t best = live[0];
        for (uint32_t i : live)
          if (latency_to(sim, origin, i) < latency_to(sim, origin, best)) best = i;
        return {best};
      }
      case Policy::Failover: {
        // First connection = primary, second = secondary.
        if (healthy(0) || targets_.size() < 2) return {0};
        return {1};
      }
      case Policy::Geolocation: {
        // The client's Region, else its continent, else the default record (the first healthy target).
        std::string here = region_code(sim, RegionId{origin});
        for (uint32_t i : live)
          if (region_code(sim, sim.info(targets_[i].node).placement.region) == here) return {i};
        for (uint32_t i : live)
          if (region_continent(region_code(sim, sim.info(targets_[i].node).placement.region)) == region_continent(here))
            return {i};
        return {live[0]};
      }
      case Policy::Geoproximity: {
        // Nearest by distance, the distance divided by the connection's weight (the bias).
        const auto& regions = sim.topology().regions();
        auto dist = [&](uint32_t i) {
          RegionId tr = sim.info(targets_[i].node).placement.region;
          if (origin >= regions.size() || !tr.valid()) return 1e9;
          const auto& a = regions[origin];
          const auto& b = regions[tr.v];
          double w = sim.connection(targets_[i].conn).policy.weight;
          return great_circle_km(a.lat, a.lon, b.lat, b.lon) / (w > 0 ? w : 1e-9);
        };
        uint32_t best = live[0];
        for (uint32_t i : live)
          if (dist(i) < dist(best)) best = i;
        return {best};
      }
      case Policy::Multivalue: {
        std::vector<uint32_t> v = live;
        for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[sim.rng().below(i)]);
        if (v.size() > kMultivalueMax) v.resize(kMultivalueMax);
        return v;
      }
    }
    return {live[0]};
  }

  Settings s_;
  GaugeId endpoints_gauge_, healthy_gauge_;  // declared metrics (the descriptor's `metrics`)
  std::vector<Target> targets_;
  std::map<uint64_t, Cached> cache_;  // (client node, resolver) -> answer
  uint64_t queries_ = 0, cache_hits_ = 0;
};

std::vector<doc::Issue> validate(const nlohmann::json& params) {
  std::vector<doc::Issue> out;
  auto str = [&](const char* k, const char* def) {
    return params.contains(k) && params[k].is_string() ? params[k].get<std::string>() : std::string(def);
  };
  std::string type = str("record_type", "A-alias");
  std::string policy = str("routing_policy", "simple");
  bool apex = params.contains("apex") && params["apex"].is_boolean() && params["apex"].get<bool>();
  // AWS-FACTS: Route 53 / Alias vs CNAME (no CNAME at apex, alias OK)
  if (type == "CNAME" && apex)
    out.push_back({"record_type",
                   "a CNAME record cannot be at the zone apex (example.com itself): DNS forbids a CNAME next to the "
                   "zone's SOA and NS records. Use an alias record (A-alias) instead, which Route 53 allows at the apex "
                   "and answers for free.",
                   "영역의 apex(example.com 자체)에는 CNAME 레코드를 만들 수 없습니다. DNS에서는 영역의 SOA, NS 레코드와 같은 "
                   "이름에 CNAME을 둘 수 없기 때문입니다. 대신 별칭 레코드(A-alias)를 쓰세요. Route 53은 apex에서도 별칭 "
                   "레코드를 허용하고, 별칭 쿼리에는 요금을 받지 않습니다."});
  // AWS-FACTS: Route 53 / Multivalue (no alias, NS, CNAME)
  if (policy == "multivalue" && type != "A")
    out.push_back({"record_type",
                   "multivalue answer routing works only with plain records (A), not alias or CNAME records.",
                   "다중 값 응답 라우팅은 별칭이나 CNAME이 아닌 일반 A 레코드에만 쓸 수 있습니다."});
  // AWS-FACTS: Route 53 / HC interval (30 s default or 10 s)
  if (params.contains("hc_interval_s") && params["hc_interval_s"].is_number()) {
    double v = params["hc_interval_s"].get<double>();
    if (v != 10 && v != 30)
      out.push_back({"hc_interval_s", "a Route 53 health check runs every 30 s (standard) or 10 s (fast, extra cost), "
                                      "not every " + doc::format_number(v) + " s.",
                     "Route 53 상태 확인은 30초(표준) 또는 10초(빠른 간격, 추가 요금) 간격으로 실행됩니다. 지금 값: " +
                         doc::format_number(v) + "초."});
  }
  return out;
}

catalog::ServiceDescriptor make_descriptor() {
  using catalog::ParamSpec;
  using catalog::ParamType;
  catalog::ServiceDescriptor d;
  d.type = "route53";
  d.category = catalog::Category::Networking;
  d.name = {"Route 53 record", "Route 53 레코드"};
  d.summary = {"A DNS record with a routing policy. Its outgoing connections are the record's targets; health checks take "
               "failed targets out of new answers, and client resolvers keep the old answer until the TTL ends.",
               "라우팅 정책을 가진 DNS 레코드입니다. 나가는 연결이 레코드의 대상이며, 상태 확인에 실패한 대상은 새 응답에서 "
               "빠지지만 클라이언트 리졸버는 TTL이 끝날 때까지 예전 응답을 계속 씁니다."};
  d.simplifications = {
      "Route 53 answers DNS only; the client then connects to the target itself. Here the request passes through this "
      "node to the chosen target, paying the DNS lookup time only when the resolver's cached answer has expired (the "
      "hop from the edge to the target goes over the AWS backbone). Each users node stands for a number of resolvers that "
      "each cache one answer. Failover: the first connection is the primary, the second the secondary. Geolocation "
      "matches the client's Region, then its continent, else the first healthy target (the default record). "
      "Geoproximity is simplified: the nearest target by distance divided by the connection's weight (the bias). "
      "Health checkers run in step and check that the target is up (and optionally its error share); their 18% quorum "
      "is not modelled. IP-based routing is not modelled.",
      "Route 53은 DNS 응답만 주고, 실제 연결은 클라이언트가 대상에 직접 맺습니다. 여기서는 요청이 이 노드를 거쳐 선택된 "
      "대상으로 가며, 리졸버 캐시가 만료됐을 때만 DNS 조회 시간이 더해집니다(엣지에서 대상까지는 AWS 백본을 탑니다). "
      "사용자 노드 하나는 각자 응답 하나를 캐시하는 여러 리졸버를 나타냅니다. 장애 조치: 첫 번째 연결이 기본(primary), "
      "두 번째가 보조(secondary)입니다. 지리 위치 라우팅은 클라이언트의 리전, 그다음 대륙을 맞추고, 없으면 첫 번째 정상 "
      "대상(기본 레코드)을 씁니다. 지리 근접 라우팅은 단순화했습니다: 거리를 연결의 가중치(바이어스)로 나눈 값이 가장 "
      "작은 대상입니다. 상태 확인은 대상이 살아 있는지(선택적으로 오류 비율)만 보며, 검사기 18% 정족수는 모델링하지 "
      "않습니다. IP 기반 라우팅은 없습니다."};
  d.placement = PlacementKind::Global;
  d.icon = catalog::Icon::Dns;
  // Advice (lint): failover without a health check or a second target, long TTLs, CNAMEs.
  auto failover = [](const doc::Document& d, const doc::NodeDoc& n) {
    return catalog::param_string(catalog::with_defaults(*catalog::find_service(n.type), n.params), "routing_policy") == "failover";
  };
  d.lint_rules = {
      {"failover-without-health-check",
       [failover](const doc::Document& d, const doc::NodeDoc& n) -> std::optional<catalog::Finding> {
         const nlohmann::json* hc = catalog::set_param(n, "health_check");
         if (!failover(d, n) || !(hc && hc->is_boolean() && !hc->get<bool>())) return std::nullopt;
         return catalog::Finding{"", catalog::Severity::Warning,
                                 "Route 53 record " + n.id + " uses failover routing without a health check: Route 53 then always "
                                 "considers the primary healthy, and never answers with the secondary.",
                                 "Route 53 레코드 " + doc::with_topic(n.id) + " 상태 확인 없이 장애 조치 라우팅을 씁니다. 그러면 Route 53은 기본 "
                                 "레코드를 늘 정상으로 보고 보조 레코드로 응답하지 않습니다.",
                                 {n.id}, "Route 53 / HC types"};
       }},
      {"failover-one-target",
       [failover](const doc::Document& d, const doc::NodeDoc& n) -> std::optional<catalog::Finding> {
         const size_t targets = d.callees(n.id).size();
         if (!failover(d, n) || targets >= 2) return std::nullopt;
         return catalog::Finding{"", catalog::Severity::Warning,
                                 "Route 53 record " + n.id + " uses failover routing but has " + std::to_string(targets) +
                                     " target(s): connect a primary (first connection) and a secondary (second connection).",
                                 "Route 53 레코드 " + doc::with_topic(n.id) + " 장애 조치 라우팅인데 대상이 " + std::to_string(targets) +
                                     "개입니다. 기본(첫 번째 연결)과 보조(두 번째 연결)를 연결하세요.",
                                 {n.id}, "Route 53 / Policies"};
       }},
      {"failover-long-ttl",
       [failover](const doc::Document& d, const doc::NodeDoc& n) -> std::optional<catalog::Finding> {
         const nlohmann::json* ttl = catalog::set_param(n, "ttl_s");
         if (!failover(d, n) || !ttl || !ttl->is_number() || ttl->get<double>() <= 300) return std::nullopt;
         const std::string s = std::to_string(static_cast<long>(ttl->get<double>()));
         return catalog::Finding{"", catalog::Severity::Info,
                                 "Route 53 record " + n.id + " has a TTL of " + s +
                                     " s: after a failover, clients keep the old answer that long. 60 s or less makes failover faster.",
                                 "Route 53 레코드 " + n.id + "의 TTL이 " + s +
                                     "초입니다. 장애 조치 후에도 클라이언트가 그 시간 동안 예전 응답을 씁니다. 60초 이하로 하면 장애 "
                                     "조치가 빨라집니다.",
                                 {n.id}, "Route 53 / TTL"};
       }},
      {"cname-instead-of-alias",
       [](const doc::Document&, const doc::NodeDoc& n) -> std::optional<catalog::Finding> {
         const nlohmann::json* type = catalog::set_param(n, "record_type");
         if (!type || *type != "CNAME") return std::nullopt;
         return catalog::Finding{"", catalog::Severity::Info,
                                 "Route 53 record " + n.id + " is a CNAME: an alias record to the same AWS resource is answered "
                                 "for free, works at the zone apex and follows the target's IP addresses.",
                                 "Route 53 레코드 " + doc::with_topic(n.id) + " CNAME입니다. 같은 AWS 리소스를 가리키는 별칭 레코드는 쿼리가 "
                                 "무료이고, 영역 apex에도 쓸 수 있으며, 대상의 IP 변경을 따라갑니다.",
                                 {n.id}, "Route 53 / Alias vs CNAME"};
       }},
  };
  d.params = {
      ParamSpec{"routing_policy", ParamType::Enum, {"Routing policy", "라우팅 정책"},
                {"simple: every value, the client picks; weighted: by connection weight; latency: the Region nearest the "
                 "client; failover: primary (first connection) while healthy, else secondary; geolocation: by the "
                 "client's location; geoproximity: by distance and bias; multivalue: up to 8 healthy values.",
                 "simple(단순): 모든 값을 주고 클라이언트가 고릅니다. weighted(가중치 기반): 연결 가중치에 따라, "
                 "latency(지연 시간 기반): 클라이언트에 가장 가까운 리전, failover(장애 조치): 기본(첫 연결)이 정상이면 "
                 "기본, 아니면 보조, geolocation(지리 위치): 클라이언트 위치로, geoproximity(지리 근접): 거리와 바이어스로, "
                 "multivalue(다중 값 응답): 정상 값 최대 8개."},
                "", 0, 0, "simple",
                {"simple", "weighted", "latency", "failover", "geolocation", "geoproximity", "multivalue"},
                "Route 53 / Policies"},
      ParamSpec{"record_type", ParamType::Enum, {"Record type", "레코드 유형"},
                {"A-alias: an alias to an AWS resource (allowed at the zone apex, queries free); A: plain addresses "
                 "(billed queries, needed for multivalue); CNAME: a name pointing to another name (billed, not at the apex).",
                 "A-alias: AWS 리소스를 가리키는 별칭 레코드(영역 apex에 허용, 쿼리 무료), A: 일반 주소(쿼리 과금, 다중 값 "
                 "응답에 필요), CNAME: 다른 이름을 가리키는 이름(쿼리 과금, apex에는 불가)."},
                "", 0, 0, "A-alias", {"A-alias", "A", "CNAME"}, "Route 53 / Alias vs CNAME"},
      ParamSpec{"apex", ParamType::Bool, {"At the zone apex", "영역 apex 레코드"},
                {"The record is the domain itself (example.com), not a subdomain (www.example.com).",
                 "레코드가 하위 도메인(www.example.com)이 아니라 도메인 자체(example.com)입니다."},
                "", 0, 0, false, {}, "Route 53 / Alias vs CNAME"},
      ParamSpec{"ttl_s", ParamType::Int, {"TTL", "TTL"},
                {"How long resolvers cache the answer. Longer: fewer queries, slower failover.",
                 "리졸버가 응답을 캐시하는 시간입니다. 길수록 쿼리는 줄지만 장애 조치가 느려집니다."},
                "s", 0, 172800, 60, {}, "Route 53 / TTL"},
      ParamSpec{"health_check", ParamType::Bool, {"Health checks", "상태 확인"},
                {"Check each target; unhealthy targets leave new answers. Without it every target counts as healthy.",
                 "각 대상을 확인해 비정상 대상을 새 응답에서 뺍니다. 끄면 모든 대상을 정상으로 봅니다."},
                "", 0, 0, true, {}, "Route 53 / HC types"},
      ParamSpec{"hc_interval_s", ParamType::Int, {"Check interval", "확인 간격"},
                {"30 s (standard) or 10 s (fast, extra cost).", "30초(표준) 또는 10초(빠른 확인, 추가 요금)."},
                "s", 10, 30, 30, {}, "Route 53 / HC interval"},
      ParamSpec{"hc_threshold", ParamType::Int, {"Failure threshold", "실패 임계값"},
                {"Checks in a row that must fail (or pass) before the target's status changes.",
                 "대상의 상태가 바뀌려면 연속으로 실패(또는 성공)해야 하는 확인 횟수입니다."},
                "", 1, 10, 3, {}, "Route 53 / HC threshold"},
      ParamSpec{"hc_error_rate", ParamType::Float, {"Error share that fails a check", "확인 실패로 볼 오류 비율"},
                {"0: a check only asks whether the target is up. Above 0: a check also fails when more than this share of "
                 "the target's calls failed since the last check.",
                 "0이면 대상이 살아 있는지만 확인합니다. 0보다 크면 지난 확인 이후 대상 호출 중 실패 비율이 이 값을 넘을 때도 "
                 "실패로 봅니다."},
                "", 0, 1, 0, {}, ""},
      ParamSpec{"resolvers", ParamType::Int, {"Resolvers per client node", "클라이언트 노드당 리졸버 수"},
                {"How many DNS resolvers the users behind one client node use; each caches its own answer.",
                 "사용자 노드 하나 뒤의 사용자들이 쓰는 DNS 리졸버 수입니다. 리졸버마다 응답을 따로 캐시합니다."},
                "", 1, 10000, 20, {}, ""},
      ParamSpec{"lookup_ms", ParamType::Float, {"DNS lookup time", "DNS 조회 시간"},
                {"Time a resolver takes to ask Route 53 when its cached answer has expired (typical, not an AWS figure).",
                 "캐시된 응답이 만료됐을 때 리졸버가 Route 53에 묻는 데 걸리는 시간입니다(일반적인 값이며 AWS 수치가 아닙니다)."},
                "ms", 0, 5000, 30, {}, ""},
  };
  d.validate = validate;
  d.metrics = {
      {{"endpoints", MetricKind::Gauge, MetricStat::Max},
       {"Record targets", "레코드 대상"},
       {"targets", "개"},
       {"The nodes the record answers with (one per outgoing connection).",
        "레코드가 응답으로 돌려주는 노드 수입니다(나가는 연결마다 하나)."},
       catalog::MetricCard::Total, {}},
      {{"healthy_endpoints", MetricKind::Gauge, MetricStat::Min},
       {"Healthy record targets", "정상 레코드 대상"},
       {"targets", "개"},
       {"Targets whose health check passes (all of them when health checks are off).",
        "상태 확인을 통과한 대상 수입니다(상태 확인을 끄면 모든 대상)."},
       catalog::MetricCard::Ready, {}},
  };
  d.create = [](const catalog::BuildContext& ctx) -> std::unique_ptr<Model> {
    const auto& p = ctx.params;
    Settings s;
    s.policy = policy_from(catalog::param_string(p, "routing_policy"));
    s.ttl = from_seconds(catalog::param_number(p, "ttl_s"));
    s.health_check = catalog::param_bool(p, "health_check");
    s.hc_interval = from_seconds(catalog::param_number(p, "hc_interval_s"));
    s.hc_threshold = static_cast<int>(catalog::param_number(p, "hc_threshold"));
    s.hc_error_rate = catalog::param_number(p, "hc_error_rate");
    s.resolvers = static_cast<uint32_t>(catalog::param_number(p, "resolvers"));
    s.lookup = from_seconds(catalog::param_number(p, "lookup_ms") / 1000.0);
    s.alias = catalog::param_string(p, "record_type") == "A-alias";
    return std::make_unique<Route53>(s);
  };
  return d;
}

}  // namespace

const catalog::ServiceDescriptor& route53_descriptor() {
  static const catalog::ServiceDescriptor d = make_descriptor();
  return d;
}

}  // namespace cp::services
