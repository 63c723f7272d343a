#include "core/services/cloudfront.h"

#include "core/doc/messages.h"
#include "core/sim/lru_cache.h"
#include "core/sim/simulation.h"

namespace cp::services {
namespace {

using namespace cp::sim;

// ⚠ not in AWS-FACTS: ~$0.0100 per 10,000 HTTPS requests and $0.085/GB to the internet (US/Europe, first 10 TB).
constexpr double kRequestPrice = 0.0100 / 10000.0;
constexpr double kGbPrice = 0.085;

enum Timer : uint16_t { kHit = 0, kRegionalHit = 1 };

struct Settings {
  SimTime ttl = 86400 * kSecond;  // AWS-FACTS: CloudFront / TTLs (Default 86,400 s)
  uint64_t capacity = 100000;     // objects, per edge location
  SimTime edge_time = 1 * kMillisecond;
  double object_kb = 100;
  bool cache_writes = false;
  bool regional = false;          // a regional edge cache tier between the edges and the origin
  uint64_t regional_capacity = 1000000;
  SimTime regional_time = 20 * kMillisecond;  // ⚠ simplified: edge → regional edge cache and back
};

// The regional edge cache a Region's edge uses: one per continent here (AWS has
// 13 in named metros). AWS-FACTS: CloudFront / Price classes (400+ edges + 13 regional caches).
std::string geography_of(const std::string& region_code) {
  auto starts = [&](const char* p) { return region_code.rfind(p, 0) == 0; };
  if (starts("us-") || starts("ca-") || starts("sa-") || starts("mx-")) return "Americas";
  if (starts("eu-") || starts("il-")) return "Europe";
  if (starts("ap-")) return "Asia Pacific";
  if (region_code.empty()) return "Internet";
  return "Middle East & Africa";
}

class CloudFront final : public ModelBase<CloudFront> {
public:
  explicit CloudFront(Settings s) : s_(s) {}

  void start(Simulation& sim) override {
    sim.metrics(id()).capacity = 0;
    hit_ratio_ = sim.gauge(id(), "hit_ratio");
    cached_objects_ = sim.gauge(id(), "cached_objects");
  }

  void on_request(Simulation& sim, ReqHandle h) override {
    const Request& r = sim.request(h);
    NodeMetrics& m = sim.metrics(id());
    m.cost_usd += kRequestPrice + s_.object_kb / (1024.0 * 1024.0) * kGbPrice;
    if (r.kind == RequestKind::Read) {
      Edge& e = edge(sim, sim.origin_region(r).v);
      if (lookup(e.cache, r.key, sim.now())) {
        ++e.hits;
        ++hits_;
        ++window_hits_;
        sim.schedule_timer(id(), sim.now() + s_.edge_time, kHit, h.v);
        return;
      }
      ++e.misses;
      ++misses_;
      ++window_misses_;
      if (s_.regional) {
        Tier& t = regional(e.geography);
        if (lookup(t.cache, r.key, sim.now())) {  // the regional edge cache has it: the origin is spared
          ++t.hits;
          sim.schedule_timer(id(), sim.now() + s_.edge_time + s_.regional_time, kRegionalHit, h.v);
          return;
        }
        ++t.misses;
      }
    }
    if (sim.outgoing(id()).empty()) { sim.respond(h, Outcome::NoHealthyTarget); return; }
    to_origin(sim, h, 0);
  }

  void on_timer(Simulation& sim, uint16_t timer, uint64_t payload) override {
    ReqHandle h{payload};
    if (!sim.alive(h)) return;
    if (timer == kRegionalHit) {  // the edge keeps what the regional cache sent it
      const Request& r = sim.request(h);
      put(edge(sim, sim.origin_region(r).v).cache, r.key, sim.now());
    }
    sim.respond(h, Outcome::Ok);
  }

  void on_response(Simulation& sim, ReqHandle parent, const Request& child, Outcome o) override {
    const auto& out = sim.outgoing(id());
    if (o == Outcome::Ok) {
      ++origin_ok_;
      if (child.kind == RequestKind::Read || s_.cache_writes) {
        Edge& e = edge(sim, sim.origin_region(child).v);
        put(e.cache, child.key, sim.now());
        if (s_.regional) put(regional(e.geography).cache, child.key, sim.now());
      }
      sim.respond(parent, o);
      return;
    }
    // Origin group: on an error or an unreachable primary, try the secondary once.
    if (child.tag == 0 && out.size() > 1 && o != Outcome::Rejected) {
      ++failovers_;
      if (failovers_ == 1)
        sim.log(id(), LogKind::Failover,
                "CloudFront origin failover: " + sim.info(sim.connection(out[0]).to).name + " answered " +
                    outcome_name(o) + "; trying " + sim.info(sim.connection(out[1]).to).name,
                "CloudFront 오리진 장애 조치: " + sim.info(sim.connection(out[0]).to).name + "의 결과가 " +
                    doc::with_particle(outcome_name_ko(o), "이어서", "여서") + " " +
                    doc::with_direction(sim.info(sim.connection(out[1]).to).name) + " 다시 요청합니다").because("origin_failover").naming(sim.connection(out[1]).to.v);
      to_origin(sim, parent, 1);
      return;
    }
    sim.respond(parent, o);
  }

  void on_second(Simulation& sim) override {
    NodeMetrics& m = sim.metrics(id());
    uint64_t n = window_hits_ + window_misses_;
    if (n) m.set(hit_ratio_, 100.0 * static_cast<double>(window_hits_) / static_cast<double>(n));  // else: as last second
    size_t objects = 0;
    for (const Edge& e : edges_) objects += e.cache.size();
    m.set(cached_objects_, static_cast<double>(objects));
    window_hits_ = window_misses_ = 0;
  }

  StatusText status() const override {
    size_t objects = 0;
    for (const Edge& e : edges_) objects += e.cache.size();
    StatusText t{pct(hits_, misses_) + " cache hits, " + std::to_string(objects) + " objects cached, " +
                     std::to_string(failovers_) + " origin failovers",
                 "캐시 적중률 " + pct(hits_, misses_) + ", 캐시된 객체 " + std::to_string(objects) + "개, 오리진 장애 조치 " +
                     std::to_string(failovers_) + "회"};
    if (edges_.size() > 1) {
      t.en += "; edges:";
      t.ko += "; 엣지별:";
      for (const Edge& e : edges_) {
        t.en += " " + e.region + " " + pct(e.hits, e.misses);
        t.ko += " " + e.region + " " + pct(e.hits, e.misses);
      }
    }
    for (const Tier& r : tiers_) {
      t.en += "; regional edge cache " + r.geography + " " + pct(r.hits, r.misses);
      t.ko += "; 리전 엣지 캐시 " + r.geography + " " + pct(r.hits, r.misses);
    }
    return t;
  }

  CloudFrontStats stats() const {
    CloudFrontStats st;
    for (const Edge& e : edges_) st.edges.push_back({e.region, e.hits, e.misses, e.cache.size()});
    for (const Tier& t : tiers_) st.regional.push_back({t.geography, t.hits, t.misses, t.cache.size()});
    return st;
  }

private:
  struct Edge {
    uint32_t region_id;
    std::string region, geography;
    LruCache cache;
    uint64_t hits = 0, misses = 0;
  };
  struct Tier {
    std::string geography;
    LruCache cache;
    uint64_t hits = 0, misses = 0;
  };

  static std::string pct(uint64_t hits, uint64_t misses) {
    uint64_t n = hits + misses;
    int p = n ? static_cast<int>(100.0 * static_cast<double>(hits) / static_cast<double>(n) + 0.5) : 0;
    return std::to_string(p) + "%";
  }

  // The edge location the users of a Region reach (created on their first request, empty: cold).
  Edge& edge(Simulation& sim, uint32_t region) {
    for (Edge& e : edges_)
      if (e.region_id == region) return e;
    const auto& regions = sim.topology().regions();
    std::string code = region < regions.size() ? regions[region].code : std::string();
    edges_.push_back(Edge{region, code, geography_of(code), LruCache(s_.ttl > 0 ? s_.capacity : 0)});
    if (edges_.size() > 1)  // the first edge is the distribution's start; later ones show a new audience
      sim.log(id(), LogKind::Info,
              "first request at the edge location near " + (code.empty() ? std::string("the internet") : code) +
                  ": its cache starts empty, so its hit ratio starts low while the other edges stay warm",
              (code.empty() ? std::string("인터넷") : code) +
                  " 근처 엣지 로케이션에 첫 요청이 왔습니다. 이 엣지의 캐시는 비어 있어서 처음에는 캐시 적중률이 낮고, "
                  "다른 엣지는 그대로 높습니다").because("new_edge_location").in_region(region);
    return edges_.back();
  }

  Tier& regional(const std::string& geography) {
    for (Tier& t : tiers_)
      if (t.geography == geography) return t;
    tiers_.push_back(Tier{geography, LruCache(s_.ttl > 0 ? s_.regional_capacity : 0)});
    return tiers_.back();
  }

  static bool lookup(LruCache& c, uint64_t key, SimTime now) {
    SimTime expires = c.expires(key);
    if (expires < 0) return false;
    if (expires > now) {
      c.touch(key);  // most recently used
      return true;
    }
    c.erase(key);  // expired: fetch again
    return false;
  }

  void put(LruCache& c, uint64_t key, SimTime now) {
    if (s_.ttl <= 0) return;
    c.put(key, now + s_.ttl);  // evicts the least recently used when full
  }

  void to_origin(Simulation& sim, ReqHandle h, uint32_t which) {
    const Request& r = sim.request(h);
    RequestKind kind = r.kind;
    uint32_t size = r.size_bytes;
    uint64_t key = r.key;
    ConnId c = sim.outgoing(id())[which];
    sim.call(c, h, kind, size, key, which);
    if (!sim.connection(c).policy.sync) sim.respond(h, Outcome::Ok);
  }

  Settings s_;
  std::vector<Edge> edges_;  // in order of first request (a few: one per client Region)
  std::vector<Tier> tiers_;
  uint64_t hits_ = 0, misses_ = 0, window_hits_ = 0, window_misses_ = 0, origin_ok_ = 0, failovers_ = 0;
  GaugeId hit_ratio_, cached_objects_;  // declared metrics (the descriptor's `metrics`)
};

catalog::ServiceDescriptor make_descriptor() {
  using catalog::ParamSpec;
  using catalog::ParamType;
  catalog::ServiceDescriptor d;
  d.type = "cloudfront";
  d.category = catalog::Category::Networking;
  d.name = {"CloudFront", "CloudFront"};
  d.summary = {"A CDN: edge locations cache objects near the users. Hits are answered at the edge; misses go to the "
               "origin (the first connection), and to the second connection when the first fails (origin failover).",
               "CDN입니다. 엣지 로케이션이 사용자 가까이에서 객체를 캐시합니다. 캐시 적중은 엣지에서 바로 응답하고, 캐시 "
               "누락은 오리진(첫 번째 연결)으로 가며, 오리진이 실패하면 두 번째 연결로 보냅니다(오리진 장애 조치)."};
  d.simplifications = {
      "One edge location per Region the users are near (real CloudFront has 400+ edge locations): each edge has its own "
      "cache, kept least-recently-used within a size in objects, so users from a new Region start on a cold edge while "
      "the others stay warm. The regional edge cache tier (off by default here; AWS uses it for most origins) is one "
      "cache per continent (AWS has 13 in named cities), 20 ms from the edges ⚠. Every object uses the same TTL (as if "
      "the origin sent no Cache-Control), the cache key is the request's key, and writes pass through to the origin "
      "without being cached. Origin failover retries a failed request once on the second origin. Prices are approximate.",
      "사용자가 가까이 있는 리전마다 엣지 로케이션 하나로 봅니다(실제 CloudFront는 엣지 로케이션이 400여 곳입니다). 엣지마다 "
      "캐시가 따로 있고 객체 수 한도 안에서 가장 오래 쓰지 않은 객체부터 내보내므로(LRU), 새 리전의 사용자는 비어 있는(콜드) "
      "엣지에서 시작하고 다른 엣지는 그대로 따뜻합니다. 리전별 엣지 캐시 계층(여기서는 기본값이 꺼짐, AWS는 대부분의 오리진에 "
      "사용)은 대륙마다 캐시 하나로 보며(AWS는 도시 13곳에 있습니다), 엣지에서 20밀리초 거리입니다(⚠). 모든 객체가 같은 TTL을 "
      "쓰고(오리진이 Cache-Control을 보내지 않은 경우처럼), 캐시 키는 요청의 키이며, 쓰기는 캐시하지 않고 오리진으로 보냅니다. "
      "오리진 장애 조치는 실패한 요청을 두 번째 오리진에 한 번 다시 보냅니다. 요금은 근사값입니다."};
  d.placement = PlacementKind::Global;
  d.traits = sim::Traits(sim::Trait::HttpProxy);
  d.icon = catalog::Icon::Globe;
  d.lint_rules = {
      {"cloudfront-single-origin",
       [](const doc::Document& d, const doc::NodeDoc& n) -> std::optional<catalog::Finding> {
         if (d.callees(n.id).size() >= 2) return std::nullopt;
         return catalog::Finding{"", catalog::Severity::Info,
                                 "CloudFront " + n.id + " has one origin: when it fails, every cache miss fails. A second origin "
                                 "(the second connection) gives origin failover.",
                                 "CloudFront " + n.id + "의 오리진이 하나뿐입니다. 오리진에 장애가 나면 캐시 누락 요청이 모두 실패합니다. "
                                 "두 번째 오리진(두 번째 연결)을 두면 오리진 장애 조치를 쓸 수 있습니다.",
                                 {n.id}, ""};
       }},
  };
  d.params = {
      ParamSpec{"ttl_s", ParamType::Int, {"Default TTL", "기본 TTL"},
                {"How long an object stays fresh in the cache when the origin sends no caching headers.",
                 "오리진이 캐싱 헤더를 보내지 않을 때 객체가 캐시에 머무는 시간입니다."},
                "s", 0, 31536000, 86400, {}, "CloudFront / TTLs"},
      ParamSpec{"capacity_objects", ParamType::Int, {"Cache size", "캐시 크기"},
                {"How many objects the edge keeps; beyond it the least recently used object is evicted.",
                 "엣지가 보관하는 객체 수입니다. 넘치면 가장 오래 쓰지 않은 객체를 내보냅니다."},
                "objects", 0, 100000000, 100000, {}, ""},
      ParamSpec{"edge_ms", ParamType::Float, {"Edge time", "엣지 처리 시간"},
                {"Time the edge takes to answer a cache hit.", "엣지가 캐시 적중에 응답하는 데 걸리는 시간입니다."},
                "ms", 0, 1000, 1, {}, ""},
      ParamSpec{"object_kb", ParamType::Float, {"Object size", "객체 크기"},
                {"Size of one answer, for the data-transfer cost.", "데이터 전송 비용 계산에 쓰는 응답 하나의 크기입니다."},
                "KB", 0, 10485760, 100, {}, ""},
      ParamSpec{"regional_edge_cache", ParamType::Bool, {"Regional edge caches", "리전별 엣지 캐시"},
                {"A second, larger cache tier between the edge locations and the origin (one per continent here): an "
                 "edge's miss that the regional cache holds does not reach the origin.",
                 "엣지 로케이션과 오리진 사이의 더 큰 두 번째 캐시 계층입니다(여기서는 대륙마다 하나). 엣지에서 누락된 객체가 "
                 "리전별 엣지 캐시에 있으면 오리진까지 가지 않습니다."},
                "", 0, 0, false, {}, "CloudFront / Price classes"},
      ParamSpec{"regional_capacity_objects", ParamType::Int, {"Regional cache size", "리전별 엣지 캐시 크기"},
                {"How many objects each regional edge cache keeps (least recently used evicted first).",
                 "리전별 엣지 캐시 하나가 보관하는 객체 수입니다(가장 오래 쓰지 않은 객체부터 내보냄)."},
                "objects", 0, 100000000, 1000000, {}, ""},
  };
  d.metrics = {
      {{"hit_ratio", MetricKind::Gauge, MetricStat::Mean},
       {"Cache hit ratio", "캐시 적중률"},
       {"%", "%"},
       {"Share of the last second's requests that an edge location answered from its cache (kept from the second before when there were none).",
        "직전 1초 동안의 요청 가운데 엣지 로케이션이 캐시에서 바로 응답한 비율입니다(요청이 없던 초에는 그 전 값을 유지합니다)."},
       catalog::MetricCard::None, {}},
      {{"cached_objects", MetricKind::Gauge, MetricStat::Last},
       {"Cached objects", "캐시된 객체"},
       {"objects", "개"},
       {"Objects held in the caches of all edge locations together.",
        "모든 엣지 로케이션의 캐시에 들어 있는 객체 수를 합한 값입니다."},
       catalog::MetricCard::None, {}},
  };
  d.create = [](const catalog::BuildContext& ctx) -> std::unique_ptr<Model> {
    const auto& p = ctx.params;
    Settings s;
    s.ttl = from_seconds(catalog::param_number(p, "ttl_s"));
    s.capacity = static_cast<uint64_t>(catalog::param_number(p, "capacity_objects"));
    s.edge_time = from_seconds(catalog::param_number(p, "edge_ms") / 1000.0);
    s.object_kb = catalog::param_number(p, "object_kb");
    s.regional = catalog::param_bool(p, "regional_edge_cache");
    s.regional_capacity = static_cast<uint64_t>(catalog::param_number(p, "regional_capacity_objects"));
    return std::make_unique<CloudFront>(s);
  };
  return d;
}

}  // namespace

std::optional<CloudFrontStats> cloudfront_stats(const sim::Model& m) {
  const auto* cf = dynamic_cast<const CloudFront*>(&m);
  if (!cf) return std::nullopt;
  return cf->stats();
}

const catalog::ServiceDescriptor& cloudfront_descriptor() {
  static const catalog::ServiceDescriptor d = make_descriptor();
  return d;
}

}  // namespace cp::services
