#include "core/services/cloudfront.h"
#include "core/sim/lru_cache.h"

#include "core/sim/simulation.h"

namespace cp::services {
namespace {

using namespace cp::sim;

// ⚠ not in AWS-FACTS: ~$0.0100 per 10,000 HTTPS requests and $0.085/GB to the internet (US/Europe, first 10 TB).
constexpr double kRequestPrice = 0.0100 / 10000.0;
constexpr double kGbPrice = 0.085;

enum Timer : uint16_t { kHit = 0 };

struct Settings {
  SimTime ttl = 86400 * kSecond;  // AWS-FACTS: CloudFront / TTLs (Default 86,400 s)
  uint64_t capacity = 100000;     // objects
  SimTime edge_time = 1 * kMillisecond;
  double object_kb = 100;
  bool cache_writes = false;
};

class CloudFront final : public ModelBase<CloudFront> {
public:
  explicit CloudFront(Settings s) : s_(s), cache_(s.ttl > 0 ? s.capacity : 0) {}

  void start(Simulation& sim) override {
    sim.metrics(id()).capacity = 0;
    sim.metrics(id()).instances = 0;
    sim.metrics(id()).healthy = static_cast<double>(sim.outgoing(id()).size());
  }

  void on_request(Simulation& sim, ReqHandle h) override {
    const Request& r = sim.request(h);
    NodeMetrics& m = sim.metrics(id());
    m.cost_usd += kRequestPrice + s_.object_kb / (1024.0 * 1024.0) * kGbPrice;
    if (r.kind == RequestKind::Read) {
      SimTime expires = cache_.expires(r.key);
      if (expires >= 0) {
        if (expires > sim.now()) {
          cache_.touch(r.key);  // most recently used
          ++hits_;
          ++window_hits_;
          sim.schedule_timer(id(), sim.now() + s_.edge_time, kHit, h.v);
          return;
        }
        cache_.erase(r.key);  // expired: fetch again
      }
      ++misses_;
      ++window_misses_;
    }
    if (sim.outgoing(id()).empty()) { sim.respond(h, Outcome::NoHealthyTarget); return; }
    to_origin(sim, h, 0);
  }

  void on_timer(Simulation& sim, uint16_t, uint64_t payload) override {
    ReqHandle h{payload};
    if (sim.alive(h)) sim.respond(h, Outcome::Ok);
  }

  void on_response(Simulation& sim, ReqHandle parent, const Request& child, Outcome o) override {
    const auto& out = sim.outgoing(id());
    if (o == Outcome::Ok) {
      ++origin_ok_;
      if (child.kind == RequestKind::Read || s_.cache_writes) insert(sim, child.key);
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
                "CloudFront 오리진 장애 조치: " + sim.info(sim.connection(out[0]).to).name + "이(가) " + outcome_name(o) +
                    " 응답을 보내 " + sim.info(sim.connection(out[1]).to).name + "(으)로 다시 요청합니다");
      to_origin(sim, parent, 1);
      return;
    }
    sim.respond(parent, o);
  }

  void on_second(Simulation& sim) override {
    NodeMetrics& m = sim.metrics(id());
    uint64_t n = window_hits_ + window_misses_;
    m.backlog = n ? 100.0 * static_cast<double>(window_hits_) / static_cast<double>(n) : m.backlog;  // hit ratio %
    m.instances = static_cast<double>(cache_.size());                                                   // cached objects
    window_hits_ = window_misses_ = 0;
  }

  std::string status() const override {
    uint64_t n = hits_ + misses_;
    int pct = n ? static_cast<int>(100.0 * static_cast<double>(hits_) / static_cast<double>(n) + 0.5) : 0;
    return std::to_string(pct) + "% cache hits, " + std::to_string(cache_.size()) + " objects cached, " +
           std::to_string(failovers_) + " origin failovers";
  }

private:
  void to_origin(Simulation& sim, ReqHandle h, uint32_t which) {
    const Request& r = sim.request(h);
    RequestKind kind = r.kind;
    uint32_t size = r.size_bytes;
    uint64_t key = r.key;
    ConnId c = sim.outgoing(id())[which];
    sim.call(c, h, kind, size, key, which);
    if (!sim.connection(c).policy.sync) sim.respond(h, Outcome::Ok);
  }

  void insert(Simulation& sim, uint64_t key) {
    if (s_.capacity == 0 || s_.ttl <= 0) return;
    cache_.put(key, sim.now() + s_.ttl);  // evicts the least recently used when full
  }

  Settings s_;
  LruCache cache_;
  uint64_t hits_ = 0, misses_ = 0, window_hits_ = 0, window_misses_ = 0, origin_ok_ = 0, failovers_ = 0;

public:
  uint64_t hits() const { return hits_; }
  uint64_t misses() const { return misses_; }
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
      "One cache for the whole distribution (real CloudFront has 400+ edge locations, each with its own cache, and 13 "
      "regional edge caches between them and the origin), kept least-recently-used within a size in objects. Every "
      "object uses the same TTL (as if the origin sent no Cache-Control), the cache key is the request's key, and writes "
      "pass through to the origin without being cached. Origin failover retries a failed request once on the second "
      "origin. Prices are approximate.",
      "배포 전체를 캐시 하나로 봅니다(실제 CloudFront는 엣지 로케이션 400여 곳이 각자 캐시를 갖고, 오리진 사이에 리전별 "
      "엣지 캐시 13곳이 있습니다). 캐시는 객체 수 한도 안에서 가장 오래 쓰지 않은 객체부터 내보냅니다(LRU). 모든 객체가 "
      "같은 TTL을 쓰고(오리진이 Cache-Control을 보내지 않은 경우처럼), 캐시 키는 요청의 키이며, 쓰기는 캐시하지 않고 "
      "오리진으로 보냅니다. 오리진 장애 조치는 실패한 요청을 두 번째 오리진에 한 번 다시 보냅니다. 요금은 근사값입니다."};
  d.placement = PlacementKind::Global;
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
  };
  d.create = [](const catalog::BuildContext& ctx) -> std::unique_ptr<Model> {
    const auto& p = ctx.params;
    Settings s;
    s.ttl = from_seconds(catalog::param_number(p, "ttl_s"));
    s.capacity = static_cast<uint64_t>(catalog::param_number(p, "capacity_objects"));
    s.edge_time = from_seconds(catalog::param_number(p, "edge_ms") / 1000.0);
    s.object_kb = catalog::param_number(p, "object_kb");
    return std::make_unique<CloudFront>(s);
  };
  return d;
}

}  // namespace

const catalog::ServiceDescriptor& cloudfront_descriptor() {
  static const catalog::ServiceDescriptor d = make_descriptor();
  return d;
}

}  // namespace cp::services
