#include "core/services/elasticache.h"

#include <algorithm>
#include <array>
#include <unordered_set>

#include "core/doc/messages.h"
#include "core/sim/lru_cache.h"
#include "core/sim/simulation.h"

namespace cp::services {

using namespace cp::sim;
using nlohmann::json;

namespace {

// AWS-FACTS: ElastiCache / Latency — microsecond-level, sub-ms: a hit is answered
// 0.3–0.5 ms after it arrives (drawn uniformly; the exact spread is ours ⚠).
constexpr SimTime kHitMin = 300, kHitSpread = 200;
// AWS-FACTS: ElastiCache / Multi-AZ failover — a replica is promoted with "seconds of
// write pause". The 4–10 s drawn here is ⚠ not in AWS-FACTS.
constexpr double kFailoverMinS = 4, kFailoverSpreadS = 6;
// AWS-FACTS: ElastiCache / Replication — 1 primary + up to 5 replicas per shard.
constexpr int kMaxReplicas = 5;
// AWS-FACTS: ElastiCache / Cluster mode — 1–90 shards by default. Memcached's own node
// quota (60 a cluster) is ⚠ not in AWS-FACTS; the same 90 is allowed here.
constexpr int kMaxShards = 90;

// A node type: its memory and its on-demand price. ⚠ not in AWS-FACTS: memory and
// us-east-1 prices from the ElastiCache pricing page (Redis OSS / Memcached, 2025
// reading); Valkey nodes cost 20% less (also ⚠).
struct NodeType {
  const char* key;
  double memory_gib;
  double usd_per_hour;
};
const std::array<NodeType, 7> kNodeTypes = {{
    {"cache.t4g.micro", 0.5, 0.016},
    {"cache.t4g.small", 1.37, 0.032},
    {"cache.t4g.medium", 3.09, 0.065},
    {"cache.m7g.large", 6.38, 0.158},
    {"cache.r7g.large", 13.07, 0.219},
    {"cache.r7g.xlarge", 26.32, 0.437},
    {"cache.r7g.2xlarge", 52.82, 0.873},
}};
constexpr double kValkeyDiscount = 0.8;

const NodeType& node_type(const std::string& key) {
  for (const NodeType& t : kNodeTypes)
    if (key == t.key) return t;
  return kNodeTypes[4];
}
std::vector<std::string> node_type_keys() {
  std::vector<std::string> keys;
  for (const NodeType& t : kNodeTypes) keys.emplace_back(t.key);
  return keys;
}

enum class Strategy : uint8_t { LazyLoading, WriteThrough };
enum Timer : uint16_t { kHit = 0, kFailoverDone = 1, kNoDatabase = 2 };

struct Settings {
  bool memcached = false;
  bool valkey = false;
  const NodeType* type = &kNodeTypes[4];
  uint32_t shards = 1;  // Memcached: nodes
  uint32_t replicas = 0;
  bool multi_az = false;
  Strategy strategy = Strategy::LazyLoading;
  bool invalidate_on_write = false;
  SimTime ttl = 0;  // 0: keys never expire
  double item_kb = 10;
};

std::string count_text(uint64_t n) {
  std::string s = std::to_string(n);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<size_t>(i), ",");
  return s;
}

class ElastiCache final : public ModelBase<ElastiCache> {
public:
  explicit ElastiCache(Settings s) : s_(s) {
    const double kib = s_.type->memory_gib * 1024.0 * 1024.0;
    capacity_ = static_cast<uint64_t>(kib / std::max(0.001, s_.item_kb));
    shards_.resize(s_.shards);
    for (Shard& sh : shards_) sh.cache = LruCache(capacity_);
  }

  void start(Simulation& sim) override {
    sim.metrics(id()).capacity = 0;
    hits_c_ = sim.counter(id(), "hits");
    misses_c_ = sim.counter(id(), "misses");
    evictions_c_ = sim.counter(id(), "evictions");
    db_calls_c_ = sim.counter(id(), "database_calls");
    stale_c_ = sim.counter(id(), "stale_reads");
    failovers_c_ = sim.counter(id(), "failovers");
    hit_ratio_g_ = sim.gauge(id(), "hit_ratio");
    items_g_ = sim.gauge(id(), "items");
    // Nodes go round-robin over the Region's AZs: shard i's primary in the i-th,
    // its replicas (Multi-AZ) in the AZs after it, else beside the primary.
    region_azs_ = sim.topology().azs_in(sim.info(id()).placement.region);
    const size_t n = region_azs_.size();
    for (uint32_t i = 0; i < shards_.size(); ++i) {
      Shard& sh = shards_[i];
      for (uint32_t j = 0; j <= s_.replicas; ++j)
        sh.nodes.push_back(n == 0 ? AzId{} : region_azs_[(i + (s_.multi_az ? j : 0)) % n]);
    }
    az_down_.assign(n, 0);
  }

  void on_request(Simulation& sim, ReqHandle h) override {
    watch_azs(sim);
    const Request& r = sim.request(h);
    NodeMetrics& m = sim.metrics(id());
    Shard& sh = shard_of(r.key);
    if (r.kind == RequestKind::Read) {
      if (serving(sh) && lookup(sh.cache, r.key, sim.now())) {
        m.add(hits_c_);
        ++hits_;
        ++window_hits_;
        if (!sh.stale.empty() && sh.stale.count(r.key)) {
          m.add(stale_c_);
          ++stale_reads_;
        }
        sim.schedule_timer(id(), sim.now() + kHitMin + static_cast<SimTime>(sim.rng().below(kHitSpread + 1)), kHit, h.v);
        return;
      }
      m.add(misses_c_);
      ++misses_;
      ++window_misses_;
    }
    if (sim.outgoing(id()).empty()) {
      // No database behind it: the cache is the store (a session store). A miss is a
      // nil answer, a write sets the key.
      if (r.kind == RequestKind::Write && serving(sh)) put(sim, sh, r.key);
      sim.schedule_timer(id(), sim.now() + kHitMin, kNoDatabase, h.v);
      return;
    }
    const ConnId c = sim.outgoing(id())[0];
    m.add(db_calls_c_);
    ++db_calls_;
    const RequestKind kind = r.kind;
    const uint32_t size = r.size_bytes;
    const uint64_t key = r.key;
    sim.call(c, h, kind, size, key);
    if (!sim.connection(c).policy.sync) sim.respond(h, Outcome::Ok);
  }

  void on_timer(Simulation& sim, uint16_t timer, uint64_t payload) override {
    if (timer == kFailoverDone) {
      finish_failover(sim, static_cast<uint32_t>(payload));
      return;
    }
    ReqHandle h{payload};
    if (sim.alive(h)) sim.respond(h, Outcome::Ok);
  }

  void on_response(Simulation& sim, ReqHandle parent, const Request& child, Outcome o) override {
    watch_azs(sim);
    Shard& sh = shard_of(child.key);
    if (o == Outcome::Ok) {
      if (child.kind == RequestKind::Read) {
        if (serving(sh)) put(sim, sh, child.key);  // lazy loading: fill on a miss
      } else if (child.kind == RequestKind::Write) {
        written(sim, sh, child.key);
      }
    }
    if (sim.alive(parent)) sim.respond(parent, o);
  }

  void on_second(Simulation& sim) override {
    watch_azs(sim);
    NodeMetrics& m = sim.metrics(id());
    const uint64_t n = window_hits_ + window_misses_;
    if (n) m.set(hit_ratio_g_, 100.0 * static_cast<double>(window_hits_) / static_cast<double>(n));
    window_hits_ = window_misses_ = 0;
    m.set(items_g_, static_cast<double>(items()));
    const double per_node = s_.type->usd_per_hour * (s_.valkey ? kValkeyDiscount : 1.0);
    m.cost_usd += per_node * static_cast<double>(shards_.size() * (1 + s_.replicas)) / 3600.0;
  }

  // The cluster node itself stopped (a fault, its Region down): every cache node is
  // gone with its memory. It comes back empty (backups are not restored here).
  void on_up_changed(Simulation& sim, bool up) override {
    if (up) return;
    uint64_t lost = 0;
    for (Shard& sh : shards_) {
      lost += sh.cache.size();
      sh.cache = LruCache(capacity_);
      sh.stale.clear();
      sh.failing_over = false;
    }
    sim.log(id(), LogKind::Warning,
            "ElastiCache " + sim.info(id()).name + " lost every node: " + count_text(lost) +
                " cached keys are gone, and the cache starts empty when it is back",
            "ElastiCache " + doc::with_subject(sim.info(id()).name) + " 모든 노드를 잃었습니다. 캐시된 키 " +
                count_text(lost) + "개가 사라졌고, 복구되면 빈 캐시로 시작합니다")
        .because("cache_node_lost")
        .field("keys", static_cast<double>(lost));
  }

  StatusText status() const override {
    const uint64_t reads = hits_ + misses_;
    const int pct = reads ? static_cast<int>(100.0 * static_cast<double>(hits_) / static_cast<double>(reads) + 0.5) : 0;
    const std::string engine = s_.memcached ? "Memcached" : s_.valkey ? "Valkey" : "Redis OSS";
    const size_t n = shards_.size();
    const std::string layout_en =
        s_.memcached ? std::to_string(n) + (n == 1 ? " node" : " nodes")
                     : std::to_string(n) + (n == 1 ? " shard" : " shards") +
                           (s_.replicas ? " × (primary + " + std::to_string(s_.replicas) +
                                              (s_.replicas == 1 ? " replica)" : " replicas)")
                                        : ", no replica");
    const std::string layout_ko = s_.memcached ? "노드 " + std::to_string(shards_.size()) + "개"
                                               : "샤드 " + std::to_string(n) + "개" +
                                                     (s_.replicas ? " × (기본 노드 + 복제본 " + std::to_string(s_.replicas) + "개)"
                                                                  : ", 복제본 없음");
    StatusText t{engine + ", " + layout_en + ": " + std::to_string(pct) + "% hits, " + count_text(items()) +
                     " items, " + count_text(evictions_) + " evictions",
                 engine + ", " + layout_ko + ": 캐시 적중률 " + std::to_string(pct) + "%, 항목 " + count_text(items()) +
                     "개, 제거(eviction) " + count_text(evictions_) + "건"};
    if (stale_reads_) {
      t.en += ", " + count_text(stale_reads_) + " stale reads";
      t.ko += ", 오래된 데이터 읽기 " + count_text(stale_reads_) + "건";
    }
    if (failovers_) {
      t.en += ", " + std::to_string(failovers_) + " failovers";
      t.ko += ", 장애 조치 " + std::to_string(failovers_) + "회";
    }
    return t;
  }

  ElastiCacheStats stats() const {
    ElastiCacheStats st{hits_, misses_, evictions_, stale_reads_, db_calls_, failovers_, items(), capacity_, 0, 0};
    for (const Shard& sh : shards_) {
      st.shards_lost += sh.lost ? 1 : 0;
      st.failing_over += sh.failing_over ? 1 : 0;
    }
    return st;
  }

private:
  struct Shard {
    LruCache cache;
    std::vector<AzId> nodes;  // where its nodes live: [0] the first primary, then the replicas
    uint32_t primary = 0;     // index in nodes
    bool lost = false;        // every node down: its keys are gone, its reads go to the database
    bool failing_over = false;  // a replica is being promoted: no writes (no fills) until done
    // Cached keys whose value changed in the database after the cache got them
    // (lazy loading's writes, or writes during a failover's pause). Lookups only.
    std::unordered_set<uint64_t> stale;
  };

  // A key's shard: a 64-bit mix, as Redis hashes a key to a slot (CRC16 mod 16,384)
  // and a Memcached client hashes it to a node.
  Shard& shard_of(uint64_t key) {
    uint64_t x = key;
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return shards_[x % shards_.size()];
  }

  static bool serving(const Shard& sh) { return !sh.lost && !sh.failing_over; }

  static bool lookup(LruCache& c, uint64_t key, SimTime now) {
    const SimTime expires = c.expires(key);
    if (expires < 0) return false;
    if (expires > now) {
      c.touch(key);
      return true;
    }
    c.erase(key);  // expired: the next read goes to the database
    return false;
  }

  void put(Simulation& sim, Shard& sh, uint64_t key) {
    if (capacity_ == 0) return;
    if (sh.cache.size() >= capacity_ && sh.cache.expires(key) < 0) {  // full: the least recently used goes
      sim.metrics(id()).add(evictions_c_);
      ++evictions_;
    }
    sh.cache.put(key, s_.ttl > 0 ? sim.now() + s_.ttl : kNever);
    if (!sh.stale.empty()) sh.stale.erase(key);
  }

  // A write the database accepted: what the cache does with its copy of the key.
  void written(Simulation& sim, Shard& sh, uint64_t key) {
    const bool cached = sh.cache.expires(key) > sim.now();
    if (sh.lost) return;
    if (sh.failing_over) {  // the cache takes no writes: its copy (kept on the replica) is now old
      if (cached) sh.stale.insert(key);
      return;
    }
    if (s_.strategy == Strategy::WriteThrough) {
      put(sim, sh, key);
    } else if (s_.invalidate_on_write) {
      sh.cache.erase(key);
      sh.stale.erase(key);
    } else if (cached) {
      sh.stale.insert(key);  // lazy loading: the cache keeps the old value until its TTL
    }
  }

  uint64_t items() const {
    uint64_t n = 0;
    for (const Shard& sh : shards_) n += sh.cache.size();
    return n;
  }

  bool node_down(AzId az) const {
    if (!az.valid()) return false;
    for (size_t i = 0; i < region_azs_.size(); ++i)
      if (region_azs_[i] == az) return az_down_[i] != 0;
    return false;
  }

  // The Region's AZs, compared with what the cache last saw (a few of them: cheap
  // enough for every request, so a node is lost the moment its AZ is).
  void watch_azs(Simulation& sim) {
    bool changed = false;
    for (size_t i = 0; i < region_azs_.size(); ++i) {
      const uint8_t down = sim.topology().az(region_azs_[i]).down ? 1 : 0;
      if (down != az_down_[i]) changed = true;
      az_down_[i] = down;
    }
    if (!changed) return;
    for (uint32_t i = 0; i < shards_.size(); ++i) place(sim, i);
  }

  // After an AZ changed: is shard i lost, failing over, or back?
  CP_COLD void place(Simulation& sim, uint32_t i) {
    Shard& sh = shards_[i];
    int up = -1;  // the first node that is up
    for (uint32_t j = 0; j < sh.nodes.size(); ++j)
      if (!node_down(sh.nodes[j])) {
        up = static_cast<int>(j);
        break;
      }
    if (sh.lost) {
      if (up < 0) return;
      sh.lost = false;
      sh.primary = static_cast<uint32_t>(up);
      sim.log(id(), LogKind::Info,
              "ElastiCache " + sim.info(id()).name + ": " + what(i) + " is back in " + az_name(sim, sh.nodes[sh.primary]) +
                  ", empty: its keys fill again from the database as they are read",
              "ElastiCache " + sim.info(id()).name + ": " + doc::with_topic(what_ko(i)) + " " + az_name(sim, sh.nodes[sh.primary]) +
                  "에서 복구되었지만 비어 있습니다. 키를 읽을 때마다 데이터베이스에서 다시 채웁니다")
          .because("cache_node_back");
      return;
    }
    if (up < 0) {
      const uint64_t keys = sh.cache.size();
      sh.cache = LruCache(capacity_);
      sh.stale.clear();
      sh.lost = true;
      sh.failing_over = false;
      const std::string az = az_name(sim, sh.nodes[sh.primary]);
      const bool replicated = sh.nodes.size() > 1;
      sim.log(id(), LogKind::Warning,
              "ElastiCache " + sim.info(id()).name + ": " + what(i) + " in " + az + " is lost with its " +
                  count_text(keys) + " keys" +
                  (s_.memcached ? " (Memcached does not replicate)"
                                : replicated ? " (its replicas are in the same AZ: no Multi-AZ)" : " (no replica)") +
                  "; their reads go to the database until it is back",
              "ElastiCache " + sim.info(id()).name + ": " + az + "의 " + doc::with_topic(what_ko(i)) + " 키 " + count_text(keys) +
                  "개와 함께 사라졌습니다" +
                  (s_.memcached ? "(Memcached는 복제하지 않습니다)"
                                : replicated ? "(복제본이 같은 가용 영역에 있습니다. 다중 AZ가 아닙니다)" : "(복제본 없음)") +
                  ". 복구될 때까지 이 키를 읽는 요청은 데이터베이스로 갑니다")
          .because("cache_node_lost")
          .field("keys", static_cast<double>(keys));
      return;
    }
    if (!sh.failing_over && node_down(sh.nodes[sh.primary])) {
      // Automatic failover: a replica in an AZ that is up becomes the primary.
      sh.failing_over = true;
      const double pause_s = kFailoverMinS + kFailoverSpreadS * sim.rng().next_double();
      sim.schedule_timer(id(), sim.now() + from_seconds(pause_s), kFailoverDone, i);
      const std::string from = az_name(sim, sh.nodes[sh.primary]), to = az_name(sim, sh.nodes[static_cast<uint32_t>(up)]);
      const std::string secs = std::to_string(static_cast<int>(pause_s + 0.5));
      sim.log(id(), LogKind::Failover,
              "ElastiCache " + sim.info(id()).name + ": the primary of " + what(i) + " in " + from +
                  " is lost; its replica in " + to + " is being promoted (writes pause for about " + secs +
                  " s; the keys are kept)",
              "ElastiCache " + sim.info(id()).name + ": " + from + "에 있던 " + what_ko(i) + "의 기본 노드를 잃었습니다. " +
                  to + "의 복제본을 기본 노드로 승격하는 중입니다(약 " + secs + "초 동안 쓰기가 멈추며, 키는 그대로 남습니다)")
          .because("cache_failover")
          .field("pause_s", pause_s);
    }
  }

  CP_COLD void finish_failover(Simulation& sim, uint32_t i) {
    if (i >= shards_.size()) return;
    Shard& sh = shards_[i];
    if (!sh.failing_over) return;  // the shard was lost meanwhile
    sh.failing_over = false;
    for (uint32_t j = 0; j < sh.nodes.size(); ++j)
      if (!node_down(sh.nodes[j])) {
        sh.primary = j;
        break;
      }
    sim.metrics(id()).add(failovers_c_);
    ++failovers_;
    sim.log(id(), LogKind::Failover,
            "ElastiCache " + sim.info(id()).name + ": " + what(i) + " has a new primary in " +
                az_name(sim, sh.nodes[sh.primary]) + "; writes and cache fills resume with its keys intact",
            "ElastiCache " + sim.info(id()).name + ": " + what_ko(i) + "의 새 기본 노드가 " +
                az_name(sim, sh.nodes[sh.primary]) + "에서 동작합니다. 키가 그대로 남은 채 쓰기와 캐시 채우기가 다시 시작됩니다")
        .because("cache_failover_done");
  }

  std::string what(uint32_t i) const {
    return (s_.memcached ? "node " : "shard ") + std::to_string(i + 1);
  }
  std::string what_ko(uint32_t i) const {
    return (s_.memcached ? "노드 " : "샤드 ") + std::to_string(i + 1);
  }
  static std::string az_name(const Simulation& sim, AzId az) {
    return az.valid() ? sim.topology().az(az).id : std::string("?");
  }

  Settings s_;
  uint64_t capacity_ = 0;  // keys per shard
  std::vector<Shard> shards_;
  std::vector<AzId> region_azs_;
  std::vector<uint8_t> az_down_;  // as last seen, by region_azs_ index
  uint64_t hits_ = 0, misses_ = 0, window_hits_ = 0, window_misses_ = 0, evictions_ = 0, stale_reads_ = 0,
           db_calls_ = 0, failovers_ = 0;
  CounterId hits_c_, misses_c_, evictions_c_, db_calls_c_, stale_c_, failovers_c_;
  GaugeId hit_ratio_g_, items_g_;
};

using catalog::metric;

bool is_memcached(const json& p) { return catalog::param_string(p, "engine") == "memcached"; }

std::vector<doc::Issue> validate(const json& p) {
  std::vector<doc::Issue> out;
  const int replicas = static_cast<int>(catalog::param_number(p, "replicas_per_shard"));
  if (is_memcached(p) && replicas > 0)
    out.push_back({"replicas_per_shard",
                   "Memcached does not replicate: replicas_per_shard must be 0. A Memcached cluster scales by adding "
                   "nodes, and each node holds only its own keys.",
                   "Memcached는 복제를 지원하지 않으므로 replicas_per_shard는 0이어야 합니다. Memcached 클러스터는 노드를 "
                   "늘려 확장하며, 노드마다 자기 키만 보관합니다."});
  if (catalog::param_bool(p, "multi_az") && (is_memcached(p) || replicas == 0))
    out.push_back({"multi_az",
                   is_memcached(p)
                       ? "Memcached has no Multi-AZ failover: with no replicas there is nothing to promote. Spread the "
                         "nodes over AZs instead (they are, round-robin) and turn multi_az off."
                       : "Multi-AZ with automatic failover needs at least one replica per shard: set replicas_per_shard "
                         "to 1 or more, or turn multi_az off.",
                   is_memcached(p)
                       ? "Memcached에는 다중 AZ 장애 조치가 없습니다. 복제본이 없으니 승격할 노드도 없습니다. multi_az를 끄세요. "
                         "노드는 이미 가용 영역에 돌아가며 나뉘어 배치됩니다."
                       : "자동 장애 조치를 쓰는 다중 AZ에는 샤드마다 복제본이 하나 이상 있어야 합니다. replicas_per_shard를 1 "
                         "이상으로 하거나 multi_az를 끄세요."});
  return out;
}

// One database behind a cache: the application's cache-aside logic reads one.
std::optional<catalog::Refusal> one_database(const doc::Document* d, const doc::NodeDoc& from, const doc::NodeDoc& to) {
  if (!d || from.type != "elasticache") return std::nullopt;
  for (const doc::ConnectionDoc& c : d->connections)
    if (c.from == from.id && c.to != to.id)
      return catalog::Refusal{"ElastiCache " + doc::quote(from.id) + " already reads through to " + doc::quote(c.to) +
                                  ": the cache stands in front of one database.",
                              "ElastiCache " + doc::with_topic(doc::quote(from.id)) + " 이미 " + doc::quote(c.to) +
                                  "의 캐시입니다. 캐시 하나는 데이터베이스 하나 앞에 둡니다."};
  return std::nullopt;
}

json params_of(const doc::NodeDoc& n) {
  return catalog::with_defaults(elasticache_descriptor(), n.params.is_object() ? n.params : json::object());
}

std::optional<catalog::Finding> no_ttl_advice(const doc::Document&, const doc::NodeDoc& n) {
  const json p = params_of(n);
  if (catalog::param_number(p, "ttl_s") > 0) return std::nullopt;
  const bool lazy = catalog::param_string(p, "strategy") == "lazy_loading";
  if (lazy && !catalog::param_bool(p, "invalidate_on_write"))
    return catalog::Finding{"elasticache-no-ttl", catalog::Severity::Warning,
                            "Cache " + n.id + " uses lazy loading without a TTL: a key written in the database keeps "
                                "its old value in the cache until it is evicted, possibly forever. Set a TTL (ttl_s) "
                                "so stale data expires, or use write-through.",
                            "캐시 " + doc::with_topic(n.id) + " TTL 없이 지연 로딩을 씁니다. 데이터베이스에서 바뀐 키도 "
                                "캐시에서 제거(eviction)될 때까지, 어쩌면 영원히 예전 값이 남습니다. 오래된 데이터가 만료되도록 "
                                "TTL(ttl_s)을 설정하거나 라이트 스루를 쓰세요.",
                            {n.id},
                            "ElastiCache / TTL"};
  return catalog::Finding{"elasticache-no-ttl", catalog::Severity::Info,
                          "Cache " + n.id + " sets no TTL: keys never expire, so data nobody reads any more stays "
                              "until memory is full and the least recently used keys are evicted. AWS advises adding a "
                              "TTL to either strategy.",
                          "캐시 " + doc::with_topic(n.id) + " TTL을 설정하지 않았습니다. 키가 만료되지 않아서 더는 읽지 "
                              "않는 데이터도 메모리가 가득 차 가장 오래 쓰지 않은 키가 제거(eviction)될 때까지 남습니다. AWS는 "
                              "어느 전략을 쓰든 TTL을 더하라고 권장합니다.",
                          {n.id},
                          "ElastiCache / TTL"};
}

std::optional<catalog::Finding> memcached_advice(const doc::Document& d, const doc::NodeDoc& n) {
  const json p = params_of(n);
  if (!is_memcached(p)) return std::nullopt;
  // A design that fails an AZ of the cache's Region (or the cache itself) is one that
  // needs its keys to survive a node's loss.
  bool fails = false;
  for (const doc::FaultDoc& f : d.faults) {
    if (f.action == "kill_node" && f.target == n.id) fails = true;
    if (f.action == "region_down" && f.target == n.region) fails = true;
    if (f.action == "az_down")
      for (const doc::RegionDoc& r : d.regions)
        if (r.code == n.region && std::find(r.azs.begin(), r.azs.end(), f.target) != r.azs.end()) fails = true;
  }
  return catalog::Finding{
      "elasticache-memcached-no-replication", fails ? catalog::Severity::Warning : catalog::Severity::Info,
      "Cache " + n.id + " runs Memcached, which has no replicas: when a node (or its AZ) is lost, its keys are gone "
          "and their reads fall on the database until the node refills." +
          std::string(fails ? " This design fails an AZ: Redis OSS or Valkey with a replica and Multi-AZ would fail "
                              "over in seconds and keep the keys."
                            : " Choose Redis OSS or Valkey with replicas where the keys must survive."),
      "캐시 " + doc::with_topic(n.id) + " 복제본이 없는 Memcached를 씁니다. 노드(또는 그 가용 영역)를 잃으면 그 노드의 "
          "키가 사라지고, 노드가 다시 채워질 때까지 그 키를 읽는 요청이 모두 데이터베이스로 갑니다." +
          std::string(fails ? " 이 설계에는 가용 영역 장애가 들어 있습니다. 복제본과 다중 AZ를 켠 Redis OSS나 Valkey라면 몇 초 만에 "
                              "장애 조치하고 키도 그대로 남습니다."
                            : " 키가 살아남아야 한다면 복제본을 둔 Redis OSS나 Valkey를 고르세요."),
      {n.id},
      "ElastiCache / Memcached"};
}

std::optional<catalog::Finding> single_az_advice(const doc::Document&, const doc::NodeDoc& n) {
  const json p = params_of(n);
  if (is_memcached(p) || catalog::param_bool(p, "multi_az")) return std::nullopt;
  return catalog::Finding{"elasticache-single-az", catalog::Severity::Info,
                          "Cache " + n.id + " has no Multi-AZ: when the AZ of a shard's primary fails, no replica in "
                              "another AZ takes over, and the shard's keys are lost. Add a replica per shard and turn "
                              "on Multi-AZ for automatic failover.",
                          "캐시 " + doc::with_topic(n.id) + " 다중 AZ가 꺼져 있습니다. 샤드의 기본 노드가 있는 가용 영역에 "
                              "장애가 나면 다른 가용 영역의 복제본이 이어받지 못해 그 샤드의 키를 잃습니다. 샤드마다 복제본을 "
                              "두고 다중 AZ를 켜면 자동 장애 조치가 됩니다.",
                          {n.id},
                          "ElastiCache / Multi-AZ failover"};
}

catalog::ServiceDescriptor make_descriptor() {
  using catalog::ParamSpec;
  using catalog::ParamType;
  using K = MetricKind;
  using St = MetricStat;
  catalog::ServiceDescriptor d;
  d.type = "elasticache";
  d.category = catalog::Category::Databases;
  d.name = {"ElastiCache cluster", "ElastiCache 클러스터"};
  d.summary = {"An in-memory cache (Redis OSS, Valkey or Memcached) in front of a database: reads that hit answer in "
               "under a millisecond, misses read the database (the cache's wire) and fill the cache. Compare lazy "
               "loading with write-through, a TTL, the node size and replicas with Multi-AZ.",
               "데이터베이스 앞에 두는 인메모리 캐시(Redis OSS, Valkey, Memcached)입니다. 캐시에 적중한 읽기는 1밀리초 "
               "안에 응답하고, 누락된 읽기는 데이터베이스(캐시의 연결선)에서 읽어 와 캐시를 채웁니다. 지연 로딩과 라이트 "
               "스루, TTL, 노드 크기, 복제본과 다중 AZ를 바꿔 가며 비교해 보세요."};
  d.simplifications = {
      "In AWS the application does cache-aside: it reads the cache, and on a miss reads the database and writes the "
      "value into the cache. Here the cache's outgoing wire to the database stands for that application logic: a miss "
      "(the key absent, or older than the TTL) is sent down the wire and the answer fills the cache. Writes go to the "
      "database; then lazy loading leaves the cached copy as it was (a later hit on it is counted as a stale read, "
      "until the TTL or an eviction removes it); with invalidate_on_write the key is deleted from the cache (a "
      "common variant); write-through sets it. Only writes that pass through the cache are seen: writes reaching the "
      "database by another path are not counted as making data stale, and a read racing a write is not modelled. "
      "Keys are hashed over the shards (Memcached: over the nodes); each shard holds node memory / item size keys, "
      "least recently used evicted first, with no memory overhead or reserved memory; expired keys still in memory "
      "count as evictions when they are pushed out. A hit takes 0.3-0.5 ms. Nodes are placed round-robin over the "
      "Region's AZs (a Multi-AZ shard's replicas in the AZs after its primary; without Multi-AZ they sit beside the "
      "primary). A node whose AZ fails loses its keys, unless a replica is up elsewhere: it is promoted after 4-10 s "
      "(drawn), during which the shard's reads go to the database and nothing is written to the cache; replication "
      "lag (the last writes a promoted replica may miss) is ignored. A lost shard comes back empty when its AZ does "
      "(AWS would replace the node sooner). Stopping the whole cluster loses every key; backups, snapshots and "
      "persistence are not restored. Serverless caches, reading from replicas, and connection and CPU limits are not "
      "modelled. Node prices are on-demand us-east-1, approximate.",
      "AWS에서는 애플리케이션이 캐시 배제(cache-aside)를 직접 합니다. 먼저 캐시를 읽고, 누락되면 데이터베이스에서 읽어 "
      "캐시에 씁니다. 여기서는 캐시에서 데이터베이스로 가는 연결선이 그 애플리케이션 로직을 대신합니다. 누락(키가 없거나 "
      "TTL보다 오래됨)은 연결선으로 보내고, 받은 응답으로 캐시를 채웁니다. 쓰기는 데이터베이스로 보냅니다. 그다음 지연 "
      "로딩은 캐시의 사본을 그대로 두고(TTL이나 제거(eviction)로 없어질 때까지 그 사본에 적중하면 오래된 데이터 읽기로 "
      "셉니다), invalidate_on_write를 켜면 캐시에서 키를 삭제하며(흔히 쓰는 변형), 라이트 스루는 캐시에도 씁니다. 캐시를 "
      "거쳐 간 쓰기만 보이므로, 다른 경로로 데이터베이스에 들어간 쓰기는 오래된 데이터로 세지 않으며 읽기와 쓰기가 "
      "겹치는 경합도 다루지 않습니다. 키는 샤드(Memcached는 노드)에 해시로 나뉩니다. 샤드마다 노드 메모리 / 항목 크기만큼 "
      "키를 담고 가장 오래 쓰지 않은 키부터 제거하며, 메모리 오버헤드와 예약 메모리는 빼지 않습니다. 만료됐지만 아직 "
      "메모리에 있는 키가 밀려나도 제거로 셉니다. 캐시 적중은 0.3~0.5밀리초 걸립니다. 노드는 리전의 가용 영역에 돌아가며 "
      "배치합니다(다중 AZ 샤드의 복제본은 기본 노드 다음 가용 영역에, 다중 AZ가 아니면 기본 노드와 같은 가용 영역에 둡니다). "
      "가용 영역에 장애가 나면 그 노드는 키를 잃습니다. 다만 다른 곳의 복제본이 살아 있으면 4~10초(무작위) 뒤에 기본 "
      "노드로 승격되며, 그동안 그 샤드의 읽기는 데이터베이스로 가고 캐시에는 아무것도 쓰지 않습니다. 복제 지연(승격된 "
      "복제본이 놓친 마지막 쓰기)은 무시합니다. 잃은 샤드는 가용 영역이 복구될 때 빈 상태로 돌아옵니다(AWS는 노드를 더 "
      "빨리 교체합니다). 클러스터 전체에 장애가 나면 모든 키를 잃으며, 백업, 스냅샷, 영속성으로 복원하지 않습니다. 서버리스 "
      "캐시, 복제본에서 읽기, 연결 수와 CPU 한도는 다루지 않습니다. 노드 요금은 us-east-1 온디맨드 기준 근사값입니다."};
  d.placement = PlacementKind::Region;
  d.icon = catalog::Icon::Cache;
  d.params = {
      ParamSpec{"engine", ParamType::Enum, {"Engine", "엔진"},
                {"redis (Redis OSS) and valkey behave alike here: shards with replicas, automatic failover with "
                 "Multi-AZ. memcached is multithreaded and scales by nodes, with no replication: a lost node loses "
                 "its keys.",
                 "여기서 redis(Redis OSS)와 valkey는 똑같이 동작합니다. 샤드와 복제본을 두고, 다중 AZ를 켜면 자동 장애 "
                 "조치를 합니다. memcached는 멀티스레드로 노드를 늘려 확장하지만 복제가 없어서, 노드를 잃으면 그 노드의 "
                 "키도 잃습니다."},
                "", 0, 0, "redis", {"redis", "valkey", "memcached"}, "ElastiCache / Engines", 0, false, ""},
      ParamSpec{"node_type", ParamType::Enum, {"Node type", "노드 유형"},
                {"Each node's memory, which with the item size sets how many keys a shard holds, and its price: "
                 "cache.t4g.micro 0.5 GiB, t4g.small 1.37, t4g.medium 3.09, m7g.large 6.38, r7g.large 13.07, "
                 "r7g.xlarge 26.32, r7g.2xlarge 52.82 GiB.",
                 "노드 하나의 메모리와 요금입니다. 메모리와 항목 크기로 샤드 하나에 담기는 키 수가 정해집니다. "
                 "cache.t4g.micro 0.5 GiB, t4g.small 1.37, t4g.medium 3.09, m7g.large 6.38, r7g.large 13.07, "
                 "r7g.xlarge 26.32, r7g.2xlarge 52.82 GiB입니다."},
                "", 0, 0, "cache.r7g.large", node_type_keys(), "", 0, false, ""},
      ParamSpec{"shards", ParamType::Int, {"Shards (Memcached: nodes)", "샤드 수(Memcached: 노드 수)"},
                {"Redis OSS / Valkey: 1 = cluster mode off; more = cluster mode on, keys hashed over the shards. "
                 "Memcached: the nodes, keys hashed over them. Each shard or node has its own memory.",
                 "Redis OSS와 Valkey에서 1은 클러스터 모드 비활성화, 그보다 크면 클러스터 모드 활성화로 키를 샤드에 해시로 "
                 "나눕니다. Memcached에서는 노드 수이며 키를 노드에 해시로 나눕니다. 샤드나 노드마다 메모리가 따로 있습니다."},
                "", 1, kMaxShards, 1, {}, "ElastiCache / Cluster mode", 0, false, ""},
      ParamSpec{"replicas_per_shard", ParamType::Int, {"Replicas per shard", "샤드당 복제본 수"},
                {"Redis OSS / Valkey only (Memcached must be 0): read replicas of each shard's primary, replicated "
                 "asynchronously. With Multi-AZ one is promoted when the primary's AZ fails.",
                 "Redis OSS와 Valkey에서만 씁니다(Memcached는 0이어야 합니다). 샤드마다 기본 노드를 비동기로 복제하는 "
                 "읽기 전용 복제본 수입니다. 다중 AZ를 켜면 기본 노드의 가용 영역에 장애가 날 때 복제본 하나가 승격됩니다."},
                "", 0, kMaxReplicas, 0, {}, "ElastiCache / Replication", 0, false, ""},
      ParamSpec{"multi_az", ParamType::Bool, {"Multi-AZ", "다중 AZ"},
                {"Replicas in other AZs than their primary, with automatic failover: a replica is promoted in "
                 "seconds (writes pause) and the keys survive. Needs at least one replica.",
                 "복제본을 기본 노드와 다른 가용 영역에 두고 자동 장애 조치를 합니다. 몇 초 만에 복제본이 승격되며(그동안 "
                 "쓰기가 멈춤) 키도 그대로 남습니다. 복제본이 하나 이상 있어야 합니다."},
                "", 0, 0, false, {}, "ElastiCache / Multi-AZ failover", 0, false, ""},
      ParamSpec{"strategy", ParamType::Enum, {"Caching strategy", "캐싱 전략"},
                {"lazy_loading (cache-aside): only a miss fills the cache, so a write leaves the cached copy stale "
                 "until the TTL. write_through: every database write also sets the key in the cache, fresh but "
                 "filling memory with data nobody may read.",
                 "lazy_loading(지연 로딩, 캐시 배제): 누락될 때만 캐시를 채우므로, 쓰기가 있어도 TTL이 지날 때까지 캐시의 "
                 "사본은 오래된 데이터로 남습니다. write_through(라이트 스루): 데이터베이스에 쓸 때마다 캐시에도 키를 써서 "
                 "최신 상태를 유지하지만, 아무도 읽지 않을 데이터까지 메모리를 채웁니다."},
                "", 0, 0, "lazy_loading", {"lazy_loading", "write_through"}, "ElastiCache / Lazy loading", 0, false, ""},
      ParamSpec{"invalidate_on_write", ParamType::Bool, {"Delete the key on write (lazy loading)", "쓸 때 키 삭제(지연 로딩)"},
                {"A common variant of lazy loading: after writing the database the application deletes the key from "
                 "the cache, so the next read misses and gets the new value.",
                 "흔히 쓰는 지연 로딩의 변형입니다. 애플리케이션이 데이터베이스에 쓴 뒤 캐시에서 그 키를 삭제하므로, 다음 "
                 "읽기는 누락되어 새 값을 가져옵니다."},
                "", 0, 0, false, {}, "ElastiCache / Lazy loading", 0, false, ""},
      ParamSpec{"ttl_s", ParamType::Int, {"TTL", "TTL"},
                {"How long a cached key lives (the application sets it with each key); 0 = no TTL, keys stay until "
                 "evicted.",
                 "캐시된 키가 살아 있는 시간입니다(애플리케이션이 키마다 설정합니다). 0이면 TTL이 없어 제거(eviction)될 "
                 "때까지 남습니다."},
                "s", 0, 31536000, 300, {}, "ElastiCache / TTL", 0, false, ""},
      ParamSpec{"item_kb", ParamType::Float, {"Item size", "항목 크기"},
                {"Average size of one cached value: node memory / item size = the keys one shard holds.",
                 "캐시된 값 하나의 평균 크기입니다. 노드 메모리를 항목 크기로 나누면 샤드 하나에 담기는 키 수입니다."},
                "KB", 0.01, 1048576, 10, {}, "", 0, false, ""},
  };
  d.validate = validate;
  d.connect_rule = one_database;
  d.lint_rules = {{"elasticache-no-ttl", no_ttl_advice},
                  {"elasticache-memcached-no-replication", memcached_advice},
                  {"elasticache-single-az", single_az_advice}};
  const catalog::Text reads{"reads", "건"};
  d.metrics = {
      metric("hits", K::Counter, St::Max, {"Cache hits", "캐시 적중"}, reads,
             {"Reads answered from the cache (CacheHits).", "캐시에서 바로 응답한 읽기 수입니다(CacheHits)."}),
      metric("misses", K::Counter, St::Max, {"Cache misses", "캐시 누락"}, reads,
             {"Reads the cache did not hold (absent or expired), sent to the database (CacheMisses).",
              "캐시에 없거나 만료되어 데이터베이스로 보낸 읽기 수입니다(CacheMisses)."}),
      metric("hit_ratio", K::Gauge, St::Mean, {"Cache hit ratio", "캐시 적중률"}, {"%", "%"},
             {"Share of the last second's reads answered from the cache (kept from the second before when there "
              "were none); it rises with memory and popularity skew, falls with a short TTL.",
              "직전 1초 동안의 읽기 가운데 캐시에서 응답한 비율입니다(읽기가 없던 초에는 그 전 값을 유지합니다). 메모리가 "
              "크고 인기 편중도가 높을수록 오르고, TTL이 짧을수록 내려갑니다."}),
      metric("evictions", K::Counter, St::Max, {"Evictions", "제거(eviction)"}, {"keys", "개"},
             {"Keys pushed out because a shard's memory was full, least recently used first (Evictions).",
              "샤드의 메모리가 가득 차서 가장 오래 쓰지 않은 순서로 밀려난 키 수입니다(Evictions)."}),
      metric("items", K::Gauge, St::Last, {"Cached items", "캐시된 항목"}, {"keys", "개"},
             {"Keys held by the shards that are up (CurrItems).", "동작 중인 샤드에 들어 있는 키 수입니다(CurrItems)."}),
      metric("database_calls", K::Counter, St::Max, {"Database calls", "데이터베이스 호출"}, {"calls", "건"},
             {"Misses and writes sent down the wire to the database: the load the cache leaves it.",
              "연결선으로 데이터베이스에 보낸 누락과 쓰기 수입니다. 캐시가 걸러 내지 못하고 데이터베이스에 남긴 부하입니다."}),
      metric("stale_reads", K::Counter, St::Max, {"Stale reads", "오래된 데이터 읽기"}, reads,
             {"Hits on a key whose value was written in the database after the cache got it: lazy loading's price, "
              "bounded by the TTL.",
              "캐시가 값을 받은 뒤 데이터베이스에서 값이 바뀐 키에 적중한 읽기 수입니다. 지연 로딩의 대가이며 TTL이 그 "
              "기간을 제한합니다."}),
      metric("failovers", K::Counter, St::Max, {"Failovers", "장애 조치"}, {"failovers", "회"},
             {"Replicas promoted to primary after the primary's AZ failed.",
              "기본 노드의 가용 영역에 장애가 나서 복제본을 기본 노드로 승격한 횟수입니다."}),
  };
  catalog::metric_spec(d, "failovers").only_when = {"Redis OSS or Valkey clusters with replicas and Multi-AZ",
                                                    "복제본을 두고 다중 AZ를 켠 Redis OSS 또는 Valkey 클러스터"};
  d.metric_applies = [](const std::string& key, const json& p) {
    return key != "failovers" || (!is_memcached(p) && catalog::param_bool(p, "multi_az"));
  };
  using Live = catalog::MetricLive;
  catalog::show_live(d, "hit_ratio", Live::Value, {"hit ratio", "적중률"});
  catalog::show_live(d, "items", Live::Value, {"items", "항목"});
  catalog::show_live(d, "evictions", Live::Value, {"evictions", "제거"});
  catalog::show_live(d, "database_calls", Live::Rate, {"to database", "DB 호출"});
  d.create = [](const catalog::BuildContext& ctx) -> std::unique_ptr<Model> {
    const auto& p = ctx.params;
    Settings s;
    const std::string engine = catalog::param_string(p, "engine");
    s.memcached = engine == "memcached";
    s.valkey = engine == "valkey";
    s.type = &node_type(catalog::param_string(p, "node_type"));
    s.shards = static_cast<uint32_t>(std::clamp(catalog::param_number(p, "shards"), 1.0, double(kMaxShards)));
    s.replicas = s.memcached ? 0 : static_cast<uint32_t>(std::clamp(catalog::param_number(p, "replicas_per_shard"), 0.0, double(kMaxReplicas)));
    s.multi_az = !s.memcached && s.replicas > 0 && catalog::param_bool(p, "multi_az");
    s.strategy = catalog::param_string(p, "strategy") == "write_through" ? Strategy::WriteThrough : Strategy::LazyLoading;
    s.invalidate_on_write = catalog::param_bool(p, "invalidate_on_write");
    s.ttl = from_seconds(catalog::param_number(p, "ttl_s"));
    s.item_kb = catalog::param_number(p, "item_kb");
    return std::make_unique<ElastiCache>(s);
  };
  return d;
}

}  // namespace

std::optional<ElastiCacheStats> elasticache_stats(const sim::Model& m) {
  const auto* c = dynamic_cast<const ElastiCache*>(&m);
  if (!c) return std::nullopt;
  return c->stats();
}

const catalog::ServiceDescriptor& elasticache_descriptor() {
  static const catalog::ServiceDescriptor d = make_descriptor();
  return d;
}

}  // namespace cp::services
