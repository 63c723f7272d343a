#include "core/services/dax.h"

#include <algorithm>
#include <array>

#include "core/doc/messages.h"
#include "core/sim/lru_cache.h"
#include "core/sim/simulation.h"

namespace cp::services {

using namespace cp::sim;
using nlohmann::json;

namespace {

// AWS-FACTS: DAX / Latency — eventually consistent reads go from milliseconds to
// microseconds. A hit answers 200-400 µs after it arrives, drawn uniformly: "hundreds of
// microseconds" is AWS's order of magnitude, the spread is ours (⚠ simplification).
constexpr SimTime kHitMin = 200, kHitSpread = 200;
// AWS-FACTS: DAX / TTL — the item cache's default TTL is 5 minutes (300,000 ms).
constexpr int kDefaultTtlS = 300;
// AWS-FACTS: DAX / Cluster — at least 3 nodes across AZs recommended. The maximum of 11
// nodes (a primary and 10 read replicas) is ⚠ not in AWS-FACTS (DAX sizing page).
constexpr int kRecommendedNodes = 3, kMaxNodes = 11;
// ⚠ not in AWS-FACTS: the DAX sizing page says a miss costs the cluster about 10 times
// the resources of a cache hit, and a write-through about 25 times. A node's capacity is
// counted here in cache hits a second; a pass-through read costs what a miss costs.
constexpr double kMissCost = 10, kWriteCost = 25;

// A node type: its memory, how many cache hits a second it serves, and its on-demand
// price. ⚠ not in AWS-FACTS: memory as the instance family's (the cache gets all of it
// here); prices us-east-1 from secondary sources (dax.t3.small $0.04/h: usage.ai, Apr
// 2026; dax.r5.large $0.269/h: awsi.click), the other sizes scaled from those two by
// size (unsure); hits a second are our estimate, scaled by vCPUs (unsure).
struct NodeType {
  const char* key;
  double memory_gib;
  double hits_per_s;
  double usd_per_hour;
};
const std::array<NodeType, 6> kNodeTypes = {{
    {"dax.t3.small", 2, 20000, 0.04},
    {"dax.t3.medium", 4, 40000, 0.081},
    {"dax.r5.large", 16, 75000, 0.269},
    {"dax.r5.xlarge", 32, 150000, 0.538},
    {"dax.r5.2xlarge", 64, 300000, 1.076},
    {"dax.r5.4xlarge", 128, 600000, 2.152},
}};

const NodeType& node_type(const std::string& key) {
  for (const NodeType& t : kNodeTypes)
    if (key == t.key) return t;
  return kNodeTypes[2];
}
std::vector<std::string> node_type_keys() {
  std::vector<std::string> keys;
  for (const NodeType& t : kNodeTypes) keys.emplace_back(t.key);
  return keys;
}

// What a call down the wire to the table is for (its tag): the answer is handled by it.
enum CallTag : uint32_t { kFill = 1, kPassThrough = 2, kWriteThrough = 3 };
enum Timer : uint16_t { kHit = 0, kNoTable = 1 };

struct Settings {
  const NodeType* type = &kNodeTypes[2];
  uint32_t nodes = 3;
  bool spread = true;     // nodes round-robin over the Region's AZs; false: all in its first AZ
  SimTime ttl = 300 * kSecond;  // 0: items never expire (only LRU and writes replace them)
  double item_kb = 1;
  double strong_share = 0;  // reads with ConsistentRead=true or TransactGetItems
};

std::string count_text(uint64_t n) {
  std::string s = std::to_string(n);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<size_t>(i), ",");
  return s;
}

class Dax final : public ModelBase<Dax> {
public:
  explicit Dax(Settings s) : s_(s) {
    const double kib = s_.type->memory_gib * 1024.0 * 1024.0;
    capacity_ = static_cast<uint64_t>(kib / std::max(0.001, s_.item_kb));
    cache_ = LruCache(capacity_);
  }

  void start(Simulation& sim) override {
    hits_c_ = sim.counter(id(), "hits");
    misses_c_ = sim.counter(id(), "misses");
    pass_c_ = sim.counter(id(), "pass_through_reads");
    writes_c_ = sim.counter(id(), "write_throughs");
    evictions_c_ = sim.counter(id(), "evictions");
    throttled_c_ = sim.counter(id(), "throttled_requests");
    hit_ratio_g_ = sim.gauge(id(), "hit_ratio");
    items_g_ = sim.gauge(id(), "items");
    nodes_up_g_ = sim.gauge(id(), "nodes_up");
    // Nodes go round-robin over the Region's AZs (all in the first one when not spread).
    const Topology& t = sim.topology();
    const RegionId region = sim.info(id()).placement.region;
    for (uint32_t i = 0; i < t.azs().size(); ++i)
      if (t.azs()[i].region == region) region_azs_.push_back(AzId{i});
    const size_t n = region_azs_.size();
    for (uint32_t i = 0; i < s_.nodes; ++i) node_az_.push_back(n == 0 ? size_t{0} : (s_.spread ? i % n : 0));
    az_down_.assign(n, 0);
    nodes_up_ = s_.nodes;
    sim.metrics(id()).set(nodes_up_g_, nodes_up_);
  }

  void on_request(Simulation& sim, ReqHandle h) override {
    watch_azs(sim);
    const Request& r = sim.request(h);
    NodeMetrics& m = sim.metrics(id());
    if (nodes_up_ == 0) {  // every node is down: nothing answers at the cluster's endpoint
      sim.respond(h, Outcome::Unreachable);
      return;
    }
    const bool write = r.kind == RequestKind::Write;
    // A strongly consistent read is drawn only when some are asked for, so that a
    // document without them draws exactly what it did before.
    const bool strong = !write && s_.strong_share > 0 && sim.rng().next_double() < s_.strong_share;
    const bool hit = !write && !strong && lookup(r.key, sim.now());
    const double cost = write ? kWriteCost : hit ? 1.0 : kMissCost;
    // The cluster's capacity this second: every node up serves reads; writes go through the primary alone.
    const bool primary_full = write && write_used_ + cost > s_.type->hits_per_s;
    if (primary_full || used_ + cost > s_.type->hits_per_s * nodes_up_) {
      m.add(throttled_c_);
      ++throttled_;
      throttled_now_ = true;
      if (!throttling_) log_throttling(sim, primary_full);
      sim.respond(h, Outcome::Throttled);  // ThrottlingException: the caller's wire may retry it
      return;
    }
    used_ += cost;
    if (write) write_used_ += cost;
    if (hit) {
      m.add(hits_c_);
      ++hits_;
      ++window_hits_;
      sim.schedule_timer(id(), sim.now() + kHitMin + static_cast<SimTime>(sim.rng().below(kHitSpread + 1)), kHit, h.v);
      return;
    }
    uint32_t tag = kWriteThrough;
    if (strong) {
      m.add(pass_c_);
      ++pass_through_;
      tag = kPassThrough;
    } else if (!write) {
      m.add(misses_c_);
      ++misses_;
      ++window_misses_;
      tag = kFill;
    }
    if (sim.outgoing(id()).empty()) {  // no table behind it: a miss finds nothing, a write is lost
      sim.schedule_timer(id(), sim.now() + kHitMin, kNoTable, h.v);
      return;
    }
    const ConnId c = sim.outgoing(id())[0];
    const RequestKind kind = r.kind;
    const uint32_t size = r.size_bytes;
    const uint64_t key = r.key;
    sim.call(c, h, kind, size, key, tag);
    if (!sim.connection(c).policy.sync) sim.respond(h, Outcome::Ok);
  }

  void on_timer(Simulation& sim, uint16_t, uint64_t payload) override {
    ReqHandle h{payload};
    if (sim.alive(h)) sim.respond(h, Outcome::Ok);
  }

  void on_response(Simulation& sim, ReqHandle parent, const Request& child, Outcome o) override {
    watch_azs(sim);
    // The item cache changes only with the table's answer: a miss fills it, and a write
    // sets it after the table accepted the write (a throttled write leaves it as it was).
    // Pass-through reads are not cached.
    if (o == Outcome::Ok && nodes_up_ > 0 && (child.tag == kFill || child.tag == kWriteThrough)) {
      put(sim, child.key);
      if (child.tag == kWriteThrough) {
        sim.metrics(id()).add(writes_c_);
        ++writes_;
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
    m.set(items_g_, static_cast<double>(cache_.size()));
    m.set(nodes_up_g_, nodes_up_);
    // Every node is billed while it exists, up or not (AWS replaces a lost node; it is not refunded).
    m.cost_usd += s_.type->usd_per_hour * static_cast<double>(s_.nodes) / 3600.0;
    if (throttling_ && !throttled_now_) {
      throttling_ = false;
      sim.log(id(), LogKind::ThrottlingEnded, "DAX serves every request again: the cluster is under its capacity",
              "DAX가 다시 모든 요청을 처리합니다. 클러스터가 처리 용량 아래로 내려왔습니다")
          .because("dax_throttled_ok");
    }
    used_ = write_used_ = 0;
    throttled_now_ = false;
  }

  // The cluster itself stopped (a fault, its Region down): every node is gone with its
  // memory. It comes back with an empty cache.
  void on_up_changed(Simulation& sim, bool up) override {
    if (up) unavailable_ = false;
    else lose_cache(sim);
  }

  StatusText status() const override {
    const uint64_t reads = hits_ + misses_;
    const int pct = reads ? static_cast<int>(100.0 * static_cast<double>(hits_) / static_cast<double>(reads) + 0.5) : 0;
    const std::string up = std::to_string(nodes_up_), all = std::to_string(s_.nodes);
    if (nodes_up_ == 0)
      return {"Unavailable: all " + all + (s_.nodes == 1 ? " node is" : " nodes are") + " down",
              "사용할 수 없음: 노드 " + all + "개에 모두 장애가 났습니다"};
    return {up + " of " + all + (s_.nodes == 1 ? " node" : " nodes") + " up: " + std::to_string(pct) + "% hits, " +
                count_text(cache_.size()) + " items, " + count_text(evictions_) + " evictions",
            "노드 " + all + "개 중 " + up + "개 동작 중: 캐시 적중률 " + std::to_string(pct) + "%, 항목 " +
                count_text(cache_.size()) + "개, 제거(eviction) " + count_text(evictions_) + "건"};
  }

  DaxStats stats() const {
    return DaxStats{hits_, misses_, pass_through_, writes_, evictions_, throttled_, cache_.size(), capacity_,
                    s_.nodes, nodes_up_};
  }

private:
  bool lookup(uint64_t key, SimTime now) {
    const SimTime expires = cache_.expires(key);
    if (expires < 0) return false;
    if (expires > now) {
      cache_.touch(key);
      return true;
    }
    cache_.erase(key);  // past its TTL: the next read goes to the table
    return false;
  }

  void put(Simulation& sim, uint64_t key) {
    if (capacity_ == 0) return;
    if (cache_.size() >= capacity_ && cache_.expires(key) < 0) {  // full: the least recently used goes
      sim.metrics(id()).add(evictions_c_);
      ++evictions_;
    }
    cache_.put(key, s_.ttl > 0 ? sim.now() + s_.ttl : kNever);
  }

  // The Region's AZs, compared with what the cluster last saw (a few: cheap enough for
  // every request, so that nodes are lost the moment their AZ is).
  void watch_azs(Simulation& sim) {
    bool changed = false;
    for (size_t i = 0; i < region_azs_.size(); ++i) {
      const uint8_t down = sim.topology().az(region_azs_[i]).down ? 1 : 0;
      if (down != az_down_[i]) changed = true;
      az_down_[i] = down;
    }
    if (changed) recount(sim);
  }

  CP_COLD void recount(Simulation& sim) {
    uint32_t up = 0;
    for (size_t az : node_az_)
      if (region_azs_.empty() || !az_down_[az]) ++up;
    const uint32_t before = nodes_up_;
    if (up == before) return;
    nodes_up_ = up;
    sim.metrics(id()).set(nodes_up_g_, nodes_up_);
    const std::string name = sim.info(id()).name;
    const std::string u = std::to_string(up), all = std::to_string(s_.nodes);
    if (up == 0) {
      lose_cache(sim);
      return;
    }
    if (sim.node_up(id())) unavailable_ = false;
    if (up < before) {
      const std::string lost = std::to_string(before - up);
      sim.log(id(), LogKind::Warning,
              "DAX " + name + " lost " + lost + (before - up == 1 ? " node" : " nodes") + " with an Availability Zone: " +
                  u + " of " + all + " serve on with the whole item cache (every node holds a copy), with " + u + "/" +
                  all + " of the cluster's read capacity; a remaining node takes over as primary for writes",
              "DAX " + doc::with_subject(name) + " 가용 영역 장애로 노드 " + lost + "개를 잃었습니다. 노드마다 항목 캐시 전체의 "
                  "사본이 있으므로 남은 노드 " + u + "개(전체 " + all + "개)가 캐시를 그대로 둔 채 계속 처리하며, 읽기 처리 "
                  "용량은 " + u + "/" + all + "로 줄어듭니다. 쓰기는 남은 노드 하나가 기본 노드로 이어받습니다")
          .because("dax_nodes_lost")
          .field("nodes_up", up);
    } else if (before == 0) {
      sim.log(id(), LogKind::Info,
              "DAX " + name + " is available again with " + u + " of " + all +
                  (s_.nodes == 1 ? " node" : " nodes") + "; its item cache starts empty, so reads miss until it refills",
              "DAX " + doc::with_subject(name) + " 노드 " + all + "개 중 " + u + "개로 다시 동작합니다. 항목 캐시가 빈 "
                  "상태로 시작하므로 다시 채워질 때까지 읽기가 누락됩니다")
          .because("dax_nodes_back")
          .field("nodes_up", up);
    } else {
      sim.log(id(), LogKind::Info,
              "DAX " + name + ": " + u + " of " + all + " nodes are up again; they copy the item cache from the others",
              "DAX " + name + ": 노드 " + all + "개 중 " + u + "개가 다시 동작합니다. 다른 노드에서 항목 캐시를 복제해 옵니다")
          .because("dax_nodes_back")
          .field("nodes_up", up);
    }
  }

  // No node is left: the cache is gone, and the cluster answers nothing until one is back.
  CP_COLD void lose_cache(Simulation& sim) {
    if (unavailable_) return;  // already said (a Region down stops the cluster and its AZs together)
    unavailable_ = true;
    const uint64_t lost = cache_.size();
    cache_ = LruCache(capacity_);
    const std::string name = sim.info(id()).name;
    sim.log(id(), LogKind::Warning,
            "DAX " + name + " is unavailable: no node is left (" +
                std::string(s_.nodes == 1 ? "its only node was lost" : "every node was lost") + "). Every read and "
                "write through it fails, and its " + count_text(lost) + " cached items are gone. AWS recommends at "
                "least three nodes in different Availability Zones",
            "DAX " + doc::with_object(name) + " 사용할 수 없게 되었습니다. 남은 노드가 없습니다(" +
                std::string(s_.nodes == 1 ? "하나뿐인 노드를 잃었습니다" : "모든 노드를 잃었습니다") + "). DAX를 거치는 "
                "읽기와 쓰기가 모두 실패하고, 캐시된 항목 " + count_text(lost) + "개도 사라졌습니다. AWS는 서로 다른 가용 "
                "영역에 노드를 3개 이상 두도록 권장합니다")
        .because("dax_unavailable")
        .field("items", static_cast<double>(lost));
  }

  // primary_full: the writes alone are over the primary's capacity, which more nodes do not raise.
  CP_COLD void log_throttling(Simulation& sim, bool primary_full) {
    throttling_ = true;
    const std::string name = sim.info(id()).name;
    if (primary_full) {
      sim.log(id(), LogKind::ThrottlingBegan,
              "DAX " + name + " throttles writes (ThrottlingException): its primary node, which takes every write, is "
                  "at capacity. More nodes add read capacity only; a larger node type takes more writes",
              "DAX " + doc::with_subject(name) + " 쓰기를 스로틀링합니다(ThrottlingException). 모든 쓰기를 처리하는 기본 "
                  "노드가 처리 용량에 이르렀습니다. 노드를 늘리면 읽기 처리 용량만 늘어나므로, 더 큰 노드 유형을 쓰세요")
          .because("dax_throttled");
      return;
    }
    const std::string n = std::to_string(nodes_up_);
    sim.log(id(), LogKind::ThrottlingBegan,
            "DAX " + name + " throttles requests (ThrottlingException): its " + n + " " +
                (nodes_up_ == 1 ? "node is" : "nodes are") + " at capacity. Add nodes for reads, or use a larger node type",
            "DAX " + doc::with_subject(name) + " 요청을 스로틀링합니다(ThrottlingException). 노드 " + n +
                "개가 처리 용량에 이르렀습니다. 읽기라면 노드를 늘리거나 더 큰 노드 유형을 쓰세요")
        .because("dax_throttled");
  }

  Settings s_;
  uint64_t capacity_ = 0;
  LruCache cache_;
  std::vector<AzId> region_azs_;
  std::vector<size_t> node_az_;   // each node's AZ, as a region_azs_ index
  std::vector<uint8_t> az_down_;  // as last seen, by region_azs_ index
  uint32_t nodes_up_ = 0;
  double used_ = 0, write_used_ = 0;  // this second's cost, in cache hits
  bool throttling_ = false, throttled_now_ = false;
  bool unavailable_ = false;  // the cache was lost and no node has come back since
  uint64_t hits_ = 0, misses_ = 0, window_hits_ = 0, window_misses_ = 0, pass_through_ = 0, writes_ = 0,
           evictions_ = 0, throttled_ = 0;
  CounterId hits_c_, misses_c_, pass_c_, writes_c_, evictions_c_, throttled_c_;
  GaugeId hit_ratio_g_, items_g_, nodes_up_g_;
};

using catalog::metric;

json params_of(const doc::NodeDoc& n) {
  return catalog::with_defaults(dax_descriptor(), n.params.is_object() ? n.params : json::object());
}

// DAX in front of one table: its misses, pass-through reads and writes go down one wire.
std::optional<catalog::Refusal> one_table(const doc::Document* d, const doc::NodeDoc& from, const doc::NodeDoc& to) {
  if (!d || from.type != "dax") return std::nullopt;
  for (const doc::ConnectionDoc& c : d->connections)
    if (c.from == from.id && c.to != to.id)
      return catalog::Refusal{
          "DAX " + from.id + " already sends to table " + c.to + ": draw one DAX cluster per table here (this "
              "simulation keeps one table's items in a cluster).",
          "DAX " + doc::with_topic(from.id) + " 이미 테이블 " + c.to + "에 연결되어 있습니다. 여기서는 DAX 클러스터 하나가 "
              "테이블 하나의 항목만 캐시하므로, 테이블마다 DAX 클러스터를 하나씩 그리세요."};
  return std::nullopt;
}

// AWS-FACTS: DAX / Cluster — at least three nodes across AZs are recommended.
std::optional<catalog::Finding> few_nodes_advice(const doc::Document&, const doc::NodeDoc& n) {
  const int nodes = static_cast<int>(catalog::param_number(params_of(n), "nodes"));
  if (nodes >= kRecommendedNodes) return std::nullopt;
  const std::string k = std::to_string(nodes);
  const bool one = nodes == 1;
  return catalog::Finding{
      "dax-fewer-than-three-nodes", catalog::Severity::Warning,
      "DAX cluster " + n.id + " has " + (one ? std::string("a single node") : k + " nodes") +
          ": AWS recommends at least three nodes in different Availability Zones for production. " +
          (one ? std::string("If that node or its AZ fails, DAX is unavailable and every read and write through it "
                             "fails.")
               : std::string("If one fails, the other serves on with half the read capacity, and one more failure "
                             "makes DAX unavailable.")),
      "DAX 클러스터 " + doc::with_topic(n.id) + " 노드가 " + k + "개뿐입니다. AWS는 프로덕션 환경에 서로 다른 가용 영역의 "
          "노드를 3개 이상 두도록 권장합니다. " +
          (one ? std::string("그 노드나 가용 영역에 장애가 나면 DAX를 사용할 수 없어 DAX를 거치는 읽기와 쓰기가 모두 "
                             "실패합니다.")
               : std::string("노드 하나에 장애가 나면 나머지 하나가 읽기 처리 용량의 절반으로 계속 처리하지만, 하나가 더 "
                             "실패하면 DAX를 사용할 수 없습니다.")),
      {n.id},
      "DAX / Cluster"};
}

// The AZs a node's Region has in the document.
size_t region_az_count(const doc::Document& d, const std::string& region) {
  for (const doc::RegionDoc& r : d.regions)
    if (r.code == region) return r.azs.size();
  return 0;
}

// Several nodes, all in one AZ: that AZ's failure still takes every one of them.
std::optional<catalog::Finding> single_az_advice(const doc::Document& d, const doc::NodeDoc& n) {
  const json p = params_of(n);
  const int nodes = static_cast<int>(catalog::param_number(p, "nodes"));
  if (nodes < 2) return std::nullopt;  // one node: the rule above says it
  const bool spread = catalog::param_bool(p, "spread_azs") && region_az_count(d, n.region) > 1;
  if (spread) return std::nullopt;
  const std::string k = std::to_string(nodes);
  return catalog::Finding{
      "dax-single-az", catalog::Severity::Warning,
      "All " + k + " nodes of DAX cluster " + n.id + " are in one Availability Zone: if it fails, DAX is unavailable "
          "however many nodes it has. Spread the nodes over the Region's AZs (a subnet group with subnets in three "
          "AZs).",
      "DAX 클러스터 " + n.id + "의 노드 " + k + "개가 모두 한 가용 영역에 있습니다. 그 가용 영역에 장애가 나면 노드가 몇 "
          "개든 DAX를 사용할 수 없습니다. 노드를 리전의 여러 가용 영역에 나누어 두세요(세 가용 영역의 서브넷을 담은 서브넷 "
          "그룹).",
      {n.id},
      "DAX / Cluster"};
}

catalog::ServiceDescriptor make_descriptor() {
  using catalog::ParamSpec;
  using catalog::ParamType;
  using K = MetricKind;
  using St = MetricStat;
  catalog::ServiceDescriptor d;
  d.type = "dax";
  d.category = catalog::Category::Databases;
  d.name = {"DAX cluster", "DAX 클러스터"};
  d.summary = {"DynamoDB Accelerator (DAX): a write-through in-memory cache in front of a DynamoDB table, API-compatible with it: eventually "
               "consistent reads that hit the item cache answer in microseconds instead of milliseconds and use none "
               "of the table's capacity; strongly consistent reads and writes go to the table.",
               "DynamoDB Accelerator(DAX)는 DynamoDB 테이블 앞에 두는 라이트 스루 인메모리 캐시이며 DynamoDB와 API가 호환됩니다. 항목 캐시에 적중한 최종 "
               "일관성 읽기는 밀리초가 아니라 마이크로초 단위로 응답하고 테이블의 용량을 쓰지 않습니다. 강력한 일관성 읽기와 "
               "쓰기는 테이블로 갑니다."};
  d.simplifications = {
      "Only the item cache (GetItem and PutItem of one item) is modelled: the query cache (Query and Scan results, "
      "which item writes do not invalidate), BatchGetItem and TTL per table are not. A hit answers 200-400 µs after "
      "it arrives. A miss reads the table (its own latency) and fills the cache; two misses of the same key in flight "
      "both go to the table. Strongly consistent and transactional reads are a share of the reads you set (the "
      "requests carry no consistency of their own) and pass through uncached; the table charges every read its own "
      "read consistency setting. A write goes to the table first and sets the item in the cache only once the table "
      "accepted it. Writes that reach the table by another path (a caller's wire to the table with Requests sent = "
      "writes: write-around) do not update the cache and would leave its copy stale until the TTL; that staleness is "
      "not counted. Items expire after the TTL (0: never) and the least recently "
      "used item is evicted when the memory (node memory / item size, no overhead) is full. Every node holds the whole "
      "item cache (replication between nodes, under a second in AWS, is instant here). A node's capacity is counted "
      "in cache hits a second, estimated from its size; a miss or pass-through read costs 10 hits and a write 25, "
      "as the DAX sizing guide says; reads share every node that is up, writes the primary's capacity alone. When a "
      "node's AZ fails another node takes over as primary at once; when no node is left every call fails at once "
      "(unreachable), the cache is lost and it comes back empty. The node memory, capacity and prices (on-demand us-east-1, secondary sources) are "
      "approximate.",
      "항목 캐시(항목 하나의 GetItem과 PutItem)만 다룹니다. 쿼리 캐시(항목 쓰기로 무효화되지 않는 Query와 Scan 결과), "
      "BatchGetItem, 테이블별 TTL은 다루지 않습니다. 캐시 적중은 요청이 도착한 뒤 200~400마이크로초 만에 응답합니다. "
      "누락되면 테이블에서 읽어(테이블의 지연 시간만큼 걸립니다) 캐시를 채우며, 같은 키의 누락이 동시에 여러 개 있으면 모두 "
      "테이블로 갑니다. 강력한 일관성 읽기와 트랜잭션 읽기는 직접 정한 읽기 비율만큼 생기며(요청 자체에는 일관성 정보가 "
      "없습니다) 캐시하지 않고 테이블로 그대로 보냅니다. 테이블은 모든 읽기에 자기 읽기 일관성 설정대로 요금과 용량을 "
      "매깁니다. 쓰기는 먼저 테이블에 쓰고, 테이블이 받아들인 뒤에만 캐시의 항목을 갱신합니다. 다른 경로로 테이블에 들어간 "
      "쓰기(호출자의 연결선 중 보내는 요청을 writes로 정해 테이블에 바로 쓰는 라이트 어라운드)는 캐시를 갱신하지 않아 TTL까지 "
      "캐시에 예전 사본이 남지만, 그런 오래된 데이터 읽기는 세지 않습니다. 항목은 TTL이 지나면 만료되며"
      "(0이면 만료되지 않음), 메모리(노드 메모리 / 항목 크기, 오버헤드는 빼지 않음)가 가득 차면 가장 오래 쓰지 않은 항목부터 "
      "제거합니다. 노드마다 항목 캐시 전체를 가지고 있습니다(AWS에서 1초 안에 끝나는 노드 간 복제가 여기서는 즉시 "
      "이루어집니다). 노드의 처리 용량은 노드 크기로 추정한 초당 캐시 적중 수로 셉니다. DAX 크기 조정 안내서대로 누락이나 "
      "그대로 보내는 읽기는 적중 10번, 쓰기는 적중 25번만큼 씁니다. 읽기는 동작 중인 모든 노드가 나누어 처리하고, 쓰기는 "
      "기본 노드 하나의 용량만 씁니다. 노드의 가용 영역에 장애가 나면 다른 노드가 바로 기본 노드를 이어받습니다. 남은 노드가 "
      "없으면 모든 호출이 바로 실패하고(연결 불가) 캐시를 잃으며, 복구되면 빈 캐시로 시작합니다. 노드 메모리, 처리 용량, 요금(us-east-1 온디맨드, 2차 출처)은 "
      "근사값입니다."};
  d.placement = PlacementKind::Region;
  d.icon = catalog::Icon::Cache;
  d.can_call = {"dynamodb"};
  d.live_status = true;
  d.params = {
      ParamSpec{"node_type", ParamType::Enum, {"Node type", "노드 유형"},
                {"Each node's memory, which with the item size sets how many items the cache holds, its capacity and "
                 "its price: dax.t3.small 2 GiB, t3.medium 4, r5.large 16, r5.xlarge 32, r5.2xlarge 64, r5.4xlarge "
                 "128 GiB.",
                 "노드 하나의 메모리, 처리 용량, 요금입니다. 메모리와 항목 크기로 캐시에 담기는 항목 수가 정해집니다. "
                 "dax.t3.small 2 GiB, t3.medium 4, r5.large 16, r5.xlarge 32, r5.2xlarge 64, r5.4xlarge 128 GiB입니다."},
                "", 0, 0, "dax.r5.large", node_type_keys(), "", 0, false, ""},
      ParamSpec{"nodes", ParamType::Int, {"Nodes", "노드 수"},
                {"A primary node and up to 10 read replicas, each with the whole item cache. More nodes add read "
                 "capacity, not write capacity. At least 3 in different AZs are recommended: with one node, its AZ's "
                 "failure makes DAX unavailable.",
                 "기본 노드 하나와 최대 10개의 읽기 전용 복제본이며, 노드마다 항목 캐시 전체를 가집니다. 노드를 늘리면 읽기 "
                 "처리 용량은 늘지만 쓰기 처리 용량은 늘지 않습니다. 서로 다른 가용 영역에 3개 이상 두는 것을 권장합니다. "
                 "노드가 하나면 그 가용 영역의 장애로 DAX를 사용할 수 없게 됩니다."},
                "", 1, kMaxNodes, kRecommendedNodes, {}, "DAX / Cluster", 0, false, ""},
      ParamSpec{"spread_azs", ParamType::Bool, {"Spread over AZs", "가용 영역에 분산"},
                {"The nodes go round-robin over the Region's AZs (a subnet group with a subnet in each). Off: all in "
                 "the Region's first AZ.",
                 "노드를 리전의 가용 영역에 돌아가며 배치합니다(가용 영역마다 서브넷이 있는 서브넷 그룹). 끄면 모두 리전의 "
                 "첫 번째 가용 영역에 둡니다."},
                "", 0, 0, true, {}, "DAX / Cluster", 0, false, ""},
      ParamSpec{"item_ttl_s", ParamType::Int, {"Item cache TTL", "항목 캐시 TTL"},
                {"How long a cached item lives after it was read from the table or written; then the next read "
                 "misses and reads the table again. 0: items never expire (only eviction and writes replace them).",
                 "항목을 테이블에서 읽어 오거나 쓴 뒤 캐시에 남아 있는 시간입니다. 지나면 다음 읽기가 누락되어 테이블에서 다시 "
                 "읽습니다. 0이면 만료되지 않습니다(제거(eviction)와 쓰기로만 바뀝니다)."},
                "s", 0, 31536000, kDefaultTtlS, {}, "DAX / TTL", 0, false, ""},
      ParamSpec{"item_kb", ParamType::Float, {"Item size", "항목 크기"},
                {"The average cached item's size (the table's item size): node memory / item size = the items the "
                 "cache holds.",
                 "캐시된 항목 하나의 평균 크기입니다(테이블의 항목 크기). 노드 메모리를 항목 크기로 나누면 캐시에 담기는 항목 "
                 "수입니다."},
                "KB", 0.01, 400, 1, {}, "DynamoDB / Item size", 0, false, ""},
      ParamSpec{"strong_read_share", ParamType::Float, {"Strongly consistent reads", "강력한 일관성 읽기 비율"},
                {"The share of reads made with ConsistentRead=true or TransactGetItems: DAX passes them to the table "
                 "without caching, at the table's latency and cost.",
                 "ConsistentRead=true나 TransactGetItems로 하는 읽기의 비율입니다. DAX는 이 읽기를 캐시하지 않고 테이블로 "
                 "그대로 보내므로 테이블의 지연 시간과 요금이 듭니다."},
                "", 0, 1, 0, {}, "DAX / Cached reads", 0, false, ""},
  };
  d.connect_rule = one_table;
  d.lint_rules = {{"dax-fewer-than-three-nodes", few_nodes_advice}, {"dax-single-az", single_az_advice}};
  const catalog::Text reads{"reads", "건"};
  d.metrics = {
      metric("hit_ratio", K::Gauge, St::Mean, {"Cache hit ratio", "캐시 적중률"}, {"%", "%"},
             {"Share of the last second's eventually consistent reads answered from the item cache (kept from the "
              "second before when there were none); it rises with memory and key popularity skew, falls with a "
              "short TTL.",
              "직전 1초 동안의 최종 일관성 읽기 가운데 항목 캐시에서 응답한 비율입니다(읽기가 없던 초에는 그 전 값을 "
              "유지합니다). 메모리가 크고 키 인기 편중도가 높을수록 오르고, TTL이 짧을수록 내려갑니다."}),
      metric("hits", K::Counter, St::Max, {"Item cache hits", "항목 캐시 적중"}, reads,
             {"Eventually consistent reads answered from the item cache, without the table (ItemCacheHits).",
              "테이블을 거치지 않고 항목 캐시에서 바로 응답한 최종 일관성 읽기 수입니다(ItemCacheHits)."}),
      metric("misses", K::Counter, St::Max, {"Item cache misses", "항목 캐시 누락"}, reads,
             {"Eventually consistent reads the cache did not hold (absent or past the TTL), read from the table and "
              "cached (ItemCacheMisses).",
              "캐시에 없거나 TTL이 지나서 테이블에서 읽어 와 캐시에 넣은 최종 일관성 읽기 수입니다(ItemCacheMisses)."}),
      metric("pass_through_reads", K::Counter, St::Max, {"Pass-through reads", "그대로 보낸 읽기"}, reads,
             {"Strongly consistent and transactional reads DAX sent to the table uncached.",
              "DAX가 캐시하지 않고 테이블로 그대로 보낸 강력한 일관성 읽기와 트랜잭션 읽기 수입니다."}),
      metric("write_throughs", K::Counter, St::Max, {"Write-throughs", "라이트 스루 쓰기"}, {"writes", "건"},
             {"Writes the table accepted, then set in the item cache (PutItemRequestCount).",
              "테이블이 받아들인 뒤 항목 캐시에도 반영한 쓰기 수입니다(PutItemRequestCount)."}),
      metric("evictions", K::Counter, St::Max, {"Evictions", "제거(eviction)"}, {"items", "개"},
             {"Items pushed out because the node memory was full, least recently used first (EvictedSize counts "
              "their bytes).",
              "노드 메모리가 가득 차서 가장 오래 쓰지 않은 순서로 밀려난 항목 수입니다(EvictedSize는 그 바이트 수를 "
              "셉니다)."}),
      metric("items", K::Gauge, St::Last, {"Cached items", "캐시된 항목"}, {"items", "개"},
             {"Items in the item cache now (every node holds the same ones).",
              "지금 항목 캐시에 들어 있는 항목 수입니다(노드마다 같은 항목을 가집니다)."}),
      metric("throttled_requests", K::Counter, St::Max, {"Throttled requests", "스로틀링된 요청"}, {"requests", "건"},
             {"Requests refused because the nodes that are up were at capacity that second (ThrottledRequestCount).",
              "그 1초 동안 동작 중인 노드가 처리 용량에 이르러 거절된 요청 수입니다(ThrottledRequestCount)."}),
      metric("nodes_up", K::Gauge, St::Last, {"Nodes up", "동작 중인 노드"}, {"nodes", "개"},
             {"Nodes whose AZ is up: each serves reads with the whole item cache; 0 = DAX is unavailable.",
              "가용 영역이 정상인 노드 수입니다. 노드마다 항목 캐시 전체로 읽기를 처리하며, 0이면 DAX를 사용할 수 "
              "없습니다."}),
  };
  using Live = catalog::MetricLive;
  catalog::show_live(d, "hit_ratio", Live::Value, {"hit ratio", "적중률"});
  catalog::show_live(d, "items", Live::Value, {"items", "항목"});
  catalog::show_live(d, "evictions", Live::Value, {"evictions", "제거"});
  catalog::show_live(d, "misses", Live::Rate, {"misses", "누락"});
  catalog::show_live(d, "pass_through_reads", Live::Rate, {"pass-through", "그대로 보냄"});
  catalog::show_live(d, "nodes_up", Live::Value, {"nodes up", "노드"});
  d.create = [](const catalog::BuildContext& ctx) -> std::unique_ptr<Model> {
    const auto& p = ctx.params;
    Settings s;
    s.type = &node_type(catalog::param_string(p, "node_type"));
    s.nodes = static_cast<uint32_t>(std::clamp(catalog::param_number(p, "nodes"), 1.0, double(kMaxNodes)));
    s.spread = catalog::param_bool(p, "spread_azs");
    s.ttl = from_seconds(catalog::param_number(p, "item_ttl_s"));
    s.item_kb = catalog::param_number(p, "item_kb");
    s.strong_share = std::clamp(catalog::param_number(p, "strong_read_share"), 0.0, 1.0);
    return std::make_unique<Dax>(s);
  };
  return d;
}

}  // namespace

std::optional<DaxStats> dax_stats(const sim::Model& m) {
  const auto* c = dynamic_cast<const Dax*>(&m);
  if (!c) return std::nullopt;
  return c->stats();
}

const catalog::ServiceDescriptor& dax_descriptor() {
  static const catalog::ServiceDescriptor d = make_descriptor();
  return d;
}

}  // namespace cp::services
