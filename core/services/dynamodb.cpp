#include "core/services/dynamodb.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <set>
#include <vector>

#include "core/doc/messages.h"
#include "core/sim/detmath.h"
#include "core/sim/distribution.h"
#include "core/sim/simulation.h"

namespace cp::services {

using namespace cp::sim;
using nlohmann::json;

namespace {

// AWS-FACTS: DynamoDB / Item size — 400 KB including attribute names; a larger item is refused.
constexpr double kMaxItemKb = 400;
// AWS-FACTS: DynamoDB / Read unit — per 4 KB, rounded up: strongly consistent 1, eventually
// consistent 0.5, transactional 2.
constexpr double kReadUnitKb = 4;
// AWS-FACTS: DynamoDB / Write unit — per 1 KB, rounded up: 1, transactional 2.
constexpr double kWriteUnitKb = 1;
// AWS-FACTS: DynamoDB / Partition limit — 3,000 RCU / 1,000 WCU per partition, whatever the
// table's capacity: a hot key throttles on its partition.
constexpr double kPartitionReads = 3000, kPartitionWrites = 1000;
// AWS-FACTS: DynamoDB / Table quota — 40,000 read + 40,000 write units per table.
constexpr double kTableQuota = 40000;
// AWS-FACTS: DynamoDB / On-demand ramp — a new on-demand table takes 12,000 RRU / 4,000 WRU a
// second; going past twice the previous peak within 30 minutes may throttle. So a second's
// consumption becomes the "previous peak" 30 minutes later: the allowance doubles at most
// every 30 minutes.
constexpr double kOnDemandStartReads = 12000, kOnDemandStartWrites = 4000;
constexpr int64_t kPeakLagS = 30 * 60;
// ⚠ not in AWS-FACTS: burst capacity — DynamoDB keeps up to 300 s of a provisioned table's
// unused read and write capacity and spends it on bursts (Developer Guide, "Burst capacity").
constexpr double kBurstSeconds = 300;
// AWS-FACTS: DynamoDB / Latency — single-digit ms. A log-normal with median 4 ms and sigma
// 0.4: p99 ≈ 4 × e^(2.33 × 0.4) ≈ 10 ms.
constexpr double kMedianLatencyS = 0.004, kLatencySigma = 0.4;
// AWS-FACTS: DynamoDB / Price (Jul 2025, secondary) — on-demand $0.625 per million WRU,
// $0.125 per million RRU.
constexpr double kUsdPerMillionWru = 0.625, kUsdPerMillionRru = 0.125;
// ⚠ not in AWS-FACTS: provisioned capacity, us-east-1 pricing page: $0.00065 per WCU-hour,
// $0.00013 per RCU-hour (billed here per second of the capacity set).
constexpr double kUsdPerWcuHour = 0.00065, kUsdPerRcuHour = 0.00013;
// ⚠ not in AWS-FACTS: the console's default provisioned capacity, 5 RCU and 5 WCU.
constexpr double kDefaultProvisioned = 5;
constexpr uint32_t kMaxPartitions = 10000;

// Units of one request (AWS-FACTS: DynamoDB / Read unit, Write unit).
double read_units(double item_kb, const std::string& consistency) {
  const double blocks = std::max(1.0, std::ceil(item_kb / kReadUnitKb - 1e-9));
  return blocks * (consistency == "strong" ? 1.0 : consistency == "transactional" ? 2.0 : 0.5);
}
double write_units(double item_kb, bool transactional) {
  return std::max(1.0, std::ceil(item_kb / kWriteUnitKb - 1e-9)) * (transactional ? 2.0 : 1.0);
}

// Partitions a table needs for its capacity: the rule of thumb AWS long documented,
// ceil(RCU / 3,000 + WCU / 1,000), at least one.
uint32_t partitions_for(double reads, double writes) {
  const double n = std::ceil(reads / kPartitionReads + writes / kPartitionWrites - 1e-9);
  return static_cast<uint32_t>(std::clamp(n, 1.0, static_cast<double>(kMaxPartitions)));
}

std::string num(double v) { return doc::format_number(v); }
// 12000 -> "12,000" for the log's sentences.
std::string grouped(double v) {
  std::string s = std::to_string(static_cast<long long>(std::llround(v)));
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<size_t>(i), ",");
  return s;
}

enum Timer : uint16_t { kServed = 1 };

struct Config {
  bool on_demand = true;
  double rcu = kDefaultProvisioned, wcu = kDefaultProvisioned;
  double item_kb = 1;
  double read_units = 0.5, write_units = 1;
  uint32_t partitions = 0;  // 0 = derived from the capacity
  bool burst = true;
};

// One direction of the table's throughput: reads or writes.
struct Side {
  double capacity = 0;  // units a second the table takes now: provisioned, or the on-demand allowance
  double used = 0;      // units consumed this second
  double burst = 0;     // provisioned: unused units saved, at most kBurstSeconds of capacity
  double peak = 0;      // on-demand: the previous peak (a second's units, at least 30 min old)
  // On-demand: seconds of the last 30 minutes that consumed more than `peak` (second, units).
  std::deque<std::pair<int64_t, double>> recent;
  bool throttled = false;  // a request was throttled this second
};

enum class Cause : uint8_t { None, Table, Partition };

class Table final : public ModelBase<Table> {
public:
  explicit Table(const Config& c)
      : cfg_(c), latency_(Distribution::lognormal(det_log(kMedianLatencyS), kLatencySigma)) {}

  void start(Simulation& sim) override {
    reads_c_ = sim.counter(id(), "reads");
    writes_c_ = sim.counter(id(), "writes");
    read_units_c_ = sim.counter(id(), "read_units_consumed");
    write_units_c_ = sim.counter(id(), "write_units_consumed");
    throttled_reads_c_ = sim.counter(id(), "throttled_reads");
    throttled_writes_c_ = sim.counter(id(), "throttled_writes");
    too_large_c_ = sim.counter(id(), "items_too_large");
    partition_use_g_ = sim.gauge(id(), "busiest_partition_use");
    table_use_g_ = sim.gauge(id(), "capacity_use");
    read_capacity_g_ = sim.gauge(id(), "read_capacity");
    write_capacity_g_ = sim.gauge(id(), "write_capacity");
    partitions_g_ = sim.gauge(id(), "partitions");
    reads_ = Side{};
    writes_ = Side{};
    reads_.capacity = cfg_.on_demand ? kOnDemandStartReads : cfg_.rcu;
    writes_.capacity = cfg_.on_demand ? kOnDemandStartWrites : cfg_.wcu;
    partitions_ = 0;
    grow_partitions();
    set_gauges(sim.metrics(id()));
  }

  void on_request(Simulation& sim, ReqHandle h) override {
    const Request& r = sim.request(h);
    const bool write = r.kind == RequestKind::Write;  // anything else reads (GetItem)
    NodeMetrics& m = sim.metrics(id());
    if (cfg_.item_kb > kMaxItemKb) {
      m.add(too_large_c_);
      if (!warned_size_) log_too_large(sim);
      sim.respond(h, Outcome::Rejected);  // ValidationException: the SDK does not retry it
      return;
    }
    Side& side = write ? writes_ : reads_;
    const double units = write ? cfg_.write_units : cfg_.read_units;
    const uint32_t p = partition_of(r.key ? r.key : r.item_id);
    double& part = write ? part_writes_[p] : part_reads_[p];
    Cause cause = Cause::None;
    if (part + units > (write ? kPartitionWrites : kPartitionReads)) {
      cause = Cause::Partition;  // a hot key: no table capacity helps
    } else if (side.used + units > side.capacity) {
      if (!cfg_.on_demand && cfg_.burst && side.burst >= units) side.burst -= units;  // spent from the saved capacity
      else cause = Cause::Table;
    }
    if (cause != Cause::None) {
      m.add(write ? throttled_writes_c_ : throttled_reads_c_);
      side.throttled = true;
      if (!throttling_) log_throttling(sim, write, cause, p);
      sim.respond(h, Outcome::Throttled);  // ProvisionedThroughputExceededException (the wire retries it)
      return;
    }
    part += units;
    side.used += units;
    m.add(write ? writes_c_ : reads_c_);
    m.add(write ? write_units_c_ : read_units_c_, units);
    if (cfg_.on_demand) m.cost_usd += units * (write ? kUsdPerMillionWru : kUsdPerMillionRru) / 1e6;
    sim.schedule_timer(id(), sim.now() + std::max<SimTime>(1, latency_.sample_us(sim.rng())), kServed, h.v);
  }

  void on_timer(Simulation& sim, uint16_t timer, uint64_t payload) override {
    if (timer != kServed) return;
    sim.respond(ReqHandle{payload}, sim.node_up(id()) ? Outcome::Ok : Outcome::Unreachable);
  }

  void on_second(Simulation& sim) override {
    NodeMetrics& m = sim.metrics(id());
    double busiest = 0;
    for (uint32_t p = 0; p < partitions_; ++p)
      busiest = std::max({busiest, part_reads_[p] / kPartitionReads, part_writes_[p] / kPartitionWrites});
    m.set(partition_use_g_, busiest * 100);
    m.set(table_use_g_, std::max(reads_.used / reads_.capacity, writes_.used / writes_.capacity) * 100);
    const int64_t second = sim.now() / kSecond;
    if (cfg_.on_demand) {
      follow_peak(reads_, second, kOnDemandStartReads);
      follow_peak(writes_, second, kOnDemandStartWrites);
      grow_partitions();
    } else {
      m.cost_usd += (reads_.capacity * kUsdPerRcuHour + writes_.capacity * kUsdPerWcuHour) / 3600.0;
      if (cfg_.burst)
        for (Side* s : {&reads_, &writes_})
          s->burst = std::min(s->burst + std::max(0.0, s->capacity - s->used), kBurstSeconds * s->capacity);
    }
    set_gauges(m);
    if (throttling_ && !reads_.throttled && !writes_.throttled) {
      throttling_ = false;
      sim.log(id(), LogKind::ThrottlingEnded,
              "DynamoDB serves every request again: the table and each of its partitions are under their capacity",
              "DynamoDB가 다시 모든 요청을 처리합니다. 테이블과 모든 파티션이 용량 아래로 내려왔습니다")
          .because("dynamodb_throttled_ok");
    }
    for (Side* s : {&reads_, &writes_}) {
      s->used = 0;
      s->throttled = false;
    }
    std::fill(part_reads_.begin(), part_reads_.end(), 0.0);
    std::fill(part_writes_.begin(), part_writes_.end(), 0.0);
  }

  StatusText status() const override {
    const std::string parts = std::to_string(partitions_);
    if (cfg_.on_demand)
      return {"On-demand, " + parts + (partitions_ == 1 ? " partition" : " partitions"), "온디맨드, 파티션 " + parts + "개"};
    return {"Provisioned " + num(reads_.capacity) + " RCU / " + num(writes_.capacity) + " WCU, " + parts +
                (partitions_ == 1 ? " partition" : " partitions"),
            "프로비저닝 RCU " + num(reads_.capacity) + " / WCU " + num(writes_.capacity) + ", 파티션 " + parts + "개"};
  }

private:
  // The partition of a key: a 64-bit mix (DynamoDB hashes the partition key), so
  // neighbouring keys spread.
  uint32_t partition_of(uint64_t key) const {
    key ^= key >> 33;
    key *= 0xff51afd7ed558ccdULL;
    key ^= key >> 33;
    return static_cast<uint32_t>(key % partitions_);
  }

  // Partitions split as the capacity grows and never merge; a fixed count stays.
  void grow_partitions() {
    const uint32_t want = cfg_.partitions ? cfg_.partitions : partitions_for(reads_.capacity, writes_.capacity);
    if (want <= partitions_) return;
    partitions_ = want;
    part_reads_.assign(partitions_, 0.0);
    part_writes_.assign(partitions_, 0.0);
  }

  // On-demand: this second's consumption joins the candidates; those 30 minutes old become
  // the previous peak; the allowance is twice that, at least a new table's, at most the quota.
  static void follow_peak(Side& s, int64_t second, double start) {
    if (s.used > s.peak) s.recent.emplace_back(second, s.used);
    while (!s.recent.empty() && s.recent.front().first <= second - kPeakLagS) {
      s.peak = std::max(s.peak, s.recent.front().second);
      s.recent.pop_front();
    }
    s.capacity = std::min(kTableQuota, std::max(start, 2 * s.peak));
  }

  void set_gauges(NodeMetrics& m) {
    m.set(read_capacity_g_, reads_.capacity);
    m.set(write_capacity_g_, writes_.capacity);
    m.set(partitions_g_, partitions_);
  }

  [[gnu::noinline]] void log_too_large(Simulation& sim) {
    warned_size_ = true;
    const std::string size = num(cfg_.item_kb) + " KB";
    sim.log(id(), LogKind::Warning,
            "An item of " + size + " was refused (ValidationException): a DynamoDB item holds at most 400 KB, attribute "
                "names included. Keep large data in S3 and store its key in the item",
            size + " 항목이 거절되었습니다(ValidationException). DynamoDB 항목 하나는 속성 이름을 포함해 최대 400KB입니다. "
                "큰 데이터는 S3에 두고 항목에는 그 객체 키를 저장하세요")
        .because("dynamodb_item_too_large");
  }

  [[gnu::noinline]] void log_throttling(Simulation& sim, bool write, Cause cause, uint32_t partition) {
    throttling_ = true;
    const Side& s = write ? writes_ : reads_;
    const std::string what_en = write ? "writes" : "reads", what_ko = write ? "쓰기" : "읽기";
    std::string en = "DynamoDB throttles " + what_en + " (ProvisionedThroughputExceededException): ", ko;
    ko = "DynamoDB가 " + what_ko + "를 스로틀링합니다(ProvisionedThroughputExceededException). ";
    if (cause == Cause::Partition) {
      const std::string limit = write ? "1,000 write" : "3,000 read";
      en += "one partition gets more than " + limit + " units a second while the table has capacity left. A hot "
            "partition key sends all its requests to one partition, however much capacity the table has: spread the "
            "requests over many more keys";
      ko += "테이블 용량은 남아 있는데 파티션 하나가 초당 " + std::string(write ? "쓰기 1,000" : "읽기 3,000") +
            "단위를 넘게 받고 있습니다. 요청이 몰리는 파티션 키는 테이블 용량이 아무리 커도 모든 요청을 한 파티션으로 "
            "보냅니다. 요청을 훨씬 많은 키에 나누세요";
    } else if (cfg_.on_demand) {
      const std::string unit = write ? "WRU" : "RRU";
      const bool quota = s.capacity >= kTableQuota;
      en = "DynamoDB throttles " + what_en + ": the on-demand table gets more than " + grouped(s.capacity) + " " +
           unit + " a second, " +
           (quota ? std::string("the table's quota")
                  : "its current allowance (twice its previous peak, at least what a new table takes); it grows with "
                    "the traffic but doubles at most every 30 minutes");
      ko = "DynamoDB가 " + what_ko + "를 스로틀링합니다. 온디맨드 테이블이 초당 " + grouped(s.capacity) + " " + unit +
           "를 넘게 받고 있습니다. " +
           (quota ? std::string("테이블 할당량입니다")
                  : "지금의 허용량(이전 최대치의 두 배이며, 새 테이블이 받는 양보다 작지 않습니다)입니다. 허용량은 "
                    "트래픽을 따라 늘어나지만 30분에 두 배까지만 늘어납니다");
    } else {
      const std::string unit = write ? "WCU" : "RCU";
      const std::string unit_ko = write ? "쓰기 용량 단위(WCU)" : "읽기 용량 단위(RCU)";
      en += "the table consumes more than its " + grouped(s.capacity) + " provisioned " + unit + " a second" +
            (cfg_.burst ? ", and its burst capacity is spent" : "") +
            ". Raise the capacity or switch to on-demand mode";
      ko += "테이블이 프로비저닝된 " + unit_ko + " 초당 " + doc::with_object(grouped(s.capacity)) + " 넘게 쓰고 있습니다" +
            (cfg_.burst ? "(버스트 용량도 다 썼습니다)" : "") +
            ". 용량을 늘리거나 온디맨드 모드로 바꾸세요";
    }
    sim.log(id(), LogKind::ThrottlingBegan, en, ko)
        .because("dynamodb_throttled")
        .field("partition_hot", cause == Cause::Partition ? 1 : 0)
        .field("partition", partition)
        .field("capacity", s.capacity);
  }

  Config cfg_;
  Distribution latency_;
  Side reads_, writes_;
  uint32_t partitions_ = 0;
  std::vector<double> part_reads_, part_writes_;  // this second's units per partition
  bool throttling_ = false, warned_size_ = false;
  CounterId reads_c_, writes_c_, read_units_c_, write_units_c_, throttled_reads_c_, throttled_writes_c_, too_large_c_;
  GaugeId partition_use_g_, table_use_g_, read_capacity_g_, write_capacity_g_, partitions_g_;
};

Config config_of(const json& p) {
  Config c;
  c.on_demand = catalog::param_string(p, "capacity_mode") != "PROVISIONED";
  c.rcu = catalog::param_number(p, "read_capacity");
  c.wcu = catalog::param_number(p, "write_capacity");
  c.item_kb = catalog::param_number(p, "item_kb");
  c.read_units = read_units(c.item_kb, catalog::param_string(p, "read_consistency"));
  c.write_units = write_units(c.item_kb, catalog::param_bool(p, "transactional_writes"));
  c.partitions = static_cast<uint32_t>(catalog::param_number(p, "partitions"));
  c.burst = catalog::param_bool(p, "burst_capacity");
  return c;
}

// The partitions lint reasons about: the count set, or what the capacity gives at the start.
uint32_t start_partitions(const Config& c) {
  if (c.partitions) return c.partitions;
  return c.on_demand ? partitions_for(kOnDemandStartReads, kOnDemandStartWrites) : partitions_for(c.rcu, c.wcu);
}

using catalog::metric;


// The users nodes whose requests reach table `table`, directly or through other nodes
// (a document wire goes the way the data does, poll wires included), in wire order.
std::vector<const doc::NodeDoc*> upstream_users(const doc::Document& d, const std::string& table) {
  std::vector<const doc::NodeDoc*> out;
  std::set<std::string> seen{table};
  std::vector<std::string> todo{table};
  while (!todo.empty()) {
    const std::string at = todo.back();
    todo.pop_back();
    for (const doc::ConnectionDoc& w : d.connections) {
      if (w.to != at || !seen.insert(w.from).second) continue;
      const doc::NodeDoc* from = d.find_node(w.from);
      if (!from) continue;
      if (from->type == "users") out.push_back(from);
      else todo.push_back(w.from);
    }
  }
  return out;
}

json users_params(const doc::NodeDoc& u) {
  const json p = u.params.is_object() ? u.params : json::object();
  const catalog::ServiceDescriptor* users = catalog::find_service("users");
  return users ? catalog::with_defaults(*users, p) : p;
}

// A users node's busiest rate: a spike's, a ramp's end, a daily cycle's top.
double peak_rate(const json& u) {
  const std::string pattern = catalog::param_string(u, "pattern");
  const double rate = catalog::param_number(u, "rate_per_s");
  if (pattern == "spike") return rate * catalog::param_number(u, "spike_multiplier");
  if (pattern == "ramp") return std::max(rate, catalog::param_number(u, "ramp_to_per_s"));
  if (pattern == "diurnal") return rate * (1 + catalog::param_number(u, "diurnal_amplitude"));
  return rate;
}

// A DAX cluster whose reads are all eventually consistent answers a hot key's reads
// from its item cache (AWS-FACTS: DAX / Cached reads).
bool caches_every_read(const doc::NodeDoc& n) {
  if (n.type != "dax") return false;
  const catalog::ServiceDescriptor* dax = catalog::find_service("dax");
  if (!dax) return false;
  const json p = catalog::with_defaults(*dax, n.params.is_object() ? n.params : json::object());
  return catalog::param_number(p, "strong_read_share") <= 0;
}

// Does every path from users node `u` to `table` go through such a DAX cluster?
bool behind_dax(const doc::Document& d, const std::string& table, const doc::NodeDoc& u) {
  std::set<std::string> seen{table};
  std::vector<std::string> todo{table};
  while (!todo.empty()) {
    const std::string at = todo.back();
    todo.pop_back();
    for (const doc::ConnectionDoc& w : d.connections) {
      if (w.to != at || !seen.insert(w.from).second) continue;
      if (w.from == u.id) return false;
      const doc::NodeDoc* from = d.find_node(w.from);
      if (from && !caches_every_read(*from)) todo.push_back(w.from);
    }
  }
  return true;
}

json table_params(const doc::NodeDoc& n) {
  return catalog::with_defaults(dynamodb_descriptor(), n.params.is_object() ? n.params : json::object());
}

// AWS-FACTS: DynamoDB / Partition limit — a key's requests all go to one partition, so a key
// space not much larger than the partition count leaves some partitions hot.
std::optional<catalog::Finding> few_keys_advice(const doc::Document& d, const doc::NodeDoc& n) {
  const double parts = start_partitions(config_of(table_params(n)));
  for (const doc::NodeDoc* u : upstream_users(d, n.id)) {
    const json up = users_params(*u);
    const double keys = catalog::param_number(up, "keys");
    if (keys >= 10 * parts) continue;
    // Only reads, each through DAX's item cache: the hot key is read from memory, not the partition.
    if (catalog::param_number(up, "read_fraction") >= 1 && behind_dax(d, n.id, *u)) continue;
    const std::string k = doc::format_number(keys), ps = doc::format_number(parts);
    return catalog::Finding{
        "dynamodb-low-cardinality-key", catalog::Severity::Warning,
        u->id + " reaches table " + n.id + " with " +
            (keys == 1 ? std::string("a single partition key") : k + " distinct partition keys") + " for its " + ps +
            (parts == 1 ? " partition" : " partitions") +
            ": every request of a key goes to one partition, which takes at most 3,000 read and 1,000 write units a "
            "second however much capacity the table has. Choose a partition key with many more values than "
            "partitions (a user or order id, not a status or a date).",
        doc::with_topic(u->id) + " 테이블 " + n.id + "에 파티션 키 " + k + "개로만 요청을 보냅니다. 파티션은 " + ps +
            "개입니다. 한 키의 요청은 모두 한 파티션으로 가며, 파티션 하나는 테이블 용량과 상관없이 초당 읽기 "
            "3,000단위, 쓰기 1,000단위까지만 처리합니다. 파티션 수보다 값이 훨씬 많은 속성(상태나 날짜가 아니라 "
            "사용자 ID나 주문 ID)을 파티션 키로 고르세요.",
        {n.id, u->id},
        "DynamoDB / Partition limit"};
  }
  return std::nullopt;
}

// A provisioned table whose callers, at their peak, need more units than it has: once the
// burst capacity is spent the rest is throttled. Each users request is counted as reaching
// the table once (a rough estimate through other nodes).
std::optional<catalog::Finding> below_demand_advice(const doc::Document& d, const doc::NodeDoc& n) {
  const Config c = config_of(table_params(n));
  if (c.on_demand) return std::nullopt;
  double reads = 0, writes = 0;
  std::vector<std::string> callers;
  for (const doc::NodeDoc* u : upstream_users(d, n.id)) {
    const json p = users_params(*u);
    const double rate = peak_rate(p), rf = catalog::param_number(p, "read_fraction");
    reads += rate * rf * c.read_units;
    writes += rate * (1 - rf) * c.write_units;
    callers.push_back(u->id);
  }
  const bool write = writes / c.wcu >= reads / c.rcu;
  const double need = write ? writes : reads, have = write ? c.wcu : c.rcu;
  if (callers.empty() || need <= have) return std::nullopt;
  const std::string who = doc::join_words(callers, ", ");
  const std::string unit = write ? "WCU" : "RCU", what = write ? "write" : "read";
  const std::string unit_ko = write ? "쓰기 용량 단위(WCU)" : "읽기 용량 단위(RCU)", what_ko = write ? "쓰기" : "읽기";
  const std::string h = doc::format_number(have), w = doc::format_number(std::round(need));
  std::vector<std::string> nodes{n.id};
  nodes.insert(nodes.end(), callers.begin(), callers.end());
  return catalog::Finding{
      "dynamodb-provisioned-below-demand", catalog::Severity::Warning,
      "Table " + n.id + " is provisioned with " + h + " " + unit + " but its callers (" + who + ") need about " + w +
          " " + what + " units a second at their peak: once its burst capacity (at most 300 s of unused capacity) is "
          "spent, the rest is throttled. Raise the capacity or use on-demand mode.",
      "테이블 " + doc::with_topic(n.id) + " " + unit_ko + " " + doc::with_direction(h) + " 프로비저닝되어 있지만, 호출자(" + who +
          ")가 가장 많을 때 초당 약 " + w + " " + what_ko + " 단위가 필요합니다. 버스트 용량(쓰지 않은 용량 최대 300초 "
          "분량)을 다 쓰고 나면 나머지는 스로틀링됩니다. 용량을 늘리거나 온디맨드 모드를 쓰세요.",
      nodes,
      write ? "DynamoDB / Write unit" : "DynamoDB / Read unit"};
}

catalog::ServiceDescriptor make_descriptor() {
  using catalog::ParamSpec;
  using catalog::ParamType;
  using K = MetricKind;
  catalog::ServiceDescriptor d;
  d.type = "dynamodb";
  d.category = catalog::Category::Databases;
  d.name = {"DynamoDB table", "DynamoDB 테이블"};
  d.summary = {"A key-value table for a Region: each read or write of an item consumes capacity units by its size, "
               "on demand (paid per request) or provisioned (paid per hour). Requests over the table's or a "
               "partition's capacity are throttled.",
               "리전의 키-값 테이블입니다. 항목을 읽거나 쓸 때마다 크기에 따라 용량 단위를 소비하며, 온디맨드(요청당 "
               "요금) 또는 프로비저닝(시간당 요금) 모드로 씁니다. 테이블이나 파티션의 용량을 넘는 요청은 "
               "스로틀링됩니다."};
  d.simplifications = {
      "A call is a GetItem (a read) or a PutItem (a write) of one item of a fixed size, whose partition key is the "
      "caller's key (no sort keys, queries, scans, indexes, streams, TTL or global tables). Latency is drawn from a "
      "log-normal with median 4 ms and does not depend on the item's size. Capacity is counted in whole simulated "
      "seconds: the table's (provisioned RCU/WCU, or the on-demand allowance of twice the previous peak, at least "
      "12,000 RRU / 4,000 WRU, at most 40,000) and each partition's 3,000 read and 1,000 write units. Partitions are "
      "derived from the capacity as ceil(RCU/3,000 + WCU/1,000) unless set, split as the capacity grows and never "
      "merge; adaptive capacity is modelled only as a hot partition taking up to its own limit. A provisioned table "
      "saves up to 300 s of unused capacity as burst capacity, starting with none. Provisioned capacity is billed per "
      "second of the capacity set, without the free tier or reserved capacity; storage is not billed.",
      "호출 하나는 크기가 정해진 항목 하나의 GetItem(읽기) 또는 PutItem(쓰기)이며, 호출자의 키를 파티션 키로 "
      "씁니다(정렬 키, 쿼리, 스캔, 인덱스, 스트림, TTL, 글로벌 테이블은 다루지 않습니다). 지연 시간은 중앙값 4밀리초인 "
      "로그 정규 분포에서 뽑으며 항목 크기와는 상관없습니다. 용량은 시뮬레이션 1초 단위로 셉니다. 테이블의 용량"
      "(프로비저닝된 RCU/WCU, 또는 이전 최대치의 두 배인 온디맨드 허용량으로 최소 12,000 RRU / 4,000 WRU, 최대 "
      "40,000)과 파티션마다 초당 읽기 3,000단위, 쓰기 1,000단위를 따로 봅니다. 파티션 수는 따로 정하지 않으면 "
      "ceil(RCU/3,000 + WCU/1,000)으로 정하고, 용량이 늘면 분할되며 다시 합쳐지지 않습니다. 적응형 용량은 요청이 몰린 "
      "파티션이 자기 한도까지 쓸 수 있는 것으로만 나타냅니다. 프로비저닝 테이블은 쓰지 않은 용량을 최대 300초 분량까지 "
      "버스트 용량으로 모아 두며, 처음에는 모아 둔 용량이 없습니다. 프로비저닝 용량은 설정한 용량을 초 단위로 "
      "계산하며 프리 티어와 예약 용량은 반영하지 않고, 스토리지 요금은 계산하지 않습니다."};
  d.placement = PlacementKind::Region;
  d.icon = catalog::Icon::Table;
  d.makes_calls = false;  // it answers; it calls nobody
  d.params = {
      ParamSpec{"capacity_mode", ParamType::Enum, {"Capacity mode", "용량 모드"},
                {"PAY_PER_REQUEST (on-demand): no capacity to plan, paid per request unit, up to twice the previous "
                 "peak at once. PROVISIONED: you set the read and write capacity units a second, paid per hour.",
                 "PAY_PER_REQUEST(온디맨드): 용량을 계획할 필요 없이 요청 단위마다 요금을 내며, 이전 최대치의 두 "
                 "배까지 바로 받습니다. PROVISIONED(프로비저닝): 초당 읽기·쓰기 용량 단위를 직접 정하고 시간당 요금을 "
                 "냅니다."},
                "", 0, 0, "PAY_PER_REQUEST", {"PAY_PER_REQUEST", "PROVISIONED"}, "DynamoDB / Default mode", 0, false, ""},
      ParamSpec{"read_capacity", ParamType::Int, {"Read capacity (RCU)", "읽기 용량 단위(RCU)"},
                {"Provisioned mode: read capacity units a second. One unit reads an item up to 4 KB strongly "
                 "consistent a second, or two eventually consistent.",
                 "프로비저닝 모드에서 초당 읽기 용량 단위입니다. 1단위로 4KB 이하 항목을 초당 한 번 강력한 일관성으로, "
                 "또는 두 번 최종 일관성으로 읽습니다."},
                "", 1, kTableQuota, kDefaultProvisioned, {}, "DynamoDB / Table quota", 0, false, ""},
      ParamSpec{"write_capacity", ParamType::Int, {"Write capacity (WCU)", "쓰기 용량 단위(WCU)"},
                {"Provisioned mode: write capacity units a second. One unit writes an item up to 1 KB a second.",
                 "프로비저닝 모드에서 초당 쓰기 용량 단위입니다. 1단위로 1KB 이하 항목을 초당 한 번 씁니다."},
                "", 1, kTableQuota, kDefaultProvisioned, {}, "DynamoDB / Table quota", 0, false, ""},
      ParamSpec{"item_kb", ParamType::Float, {"Item size", "항목 크기"},
                {"The average item's size, attribute names included. Reads cost a unit per 4 KB and writes per 1 KB, "
                 "rounded up; an item over 400 KB is refused.",
                 "속성 이름을 포함한 평균 항목 크기입니다. 읽기는 4KB마다, 쓰기는 1KB마다 1단위를 올림으로 소비하며, "
                 "400KB를 넘는 항목은 거절됩니다."},
                "KB", 0.1, 1024, 1, {}, "DynamoDB / Item size", 0, false, ""},
      ParamSpec{"read_consistency", ParamType::Enum, {"Read consistency", "읽기 일관성"},
                {"eventual: half a unit per 4 KB (the default of GetItem); strong: one unit; transactional "
                 "(TransactGetItems): two units.",
                 "eventual(최종 일관성): 4KB마다 0.5단위(GetItem의 기본값), strong(강력한 일관성): 1단위, "
                 "transactional(TransactGetItems): 2단위입니다."},
                "", 0, 0, "eventual", {"eventual", "strong", "transactional"}, "DynamoDB / Read unit", 0, false, ""},
      ParamSpec{"transactional_writes", ParamType::Bool, {"Transactional writes", "트랜잭션 쓰기"},
                {"Writes go through TransactWriteItems: two write units per 1 KB instead of one.",
                 "쓰기를 TransactWriteItems로 합니다. 1KB마다 쓰기 단위를 1개가 아니라 2개 소비합니다."},
                "", 0, 0, false, {}, "DynamoDB / Write unit", 0, false, ""},
      ParamSpec{"partitions", ParamType::Int, {"Partitions", "파티션 수"},
                {"How many partitions hold the items (keys are hashed to them); each takes 3,000 read and 1,000 write "
                 "units a second. 0: derived from the capacity, ceil(RCU/3,000 + WCU/1,000).",
                 "항목을 나누어 담는 파티션 수입니다(키를 해시해 나눕니다). 파티션마다 초당 읽기 3,000단위, 쓰기 "
                 "1,000단위를 처리합니다. 0이면 용량에서 ceil(RCU/3,000 + WCU/1,000)으로 정합니다."},
                "", 0, kMaxPartitions, 0, {}, "DynamoDB / Partition limit", 0, false, ""},
      ParamSpec{"burst_capacity", ParamType::Bool, {"Burst capacity", "버스트 용량"},
                {"Provisioned mode: unused capacity of the last 300 s is saved and spent when a burst goes over the "
                 "capacity.",
                 "프로비저닝 모드에서 최근 300초 동안 쓰지 않은 용량을 모아 두었다가, 요청이 용량을 넘게 몰릴 때 "
                 "씁니다."},
                "", 0, 0, true, {}, "", 0, false, ""},
  };
  d.lint_rules = {{"dynamodb-low-cardinality-key", few_keys_advice},
                  {"dynamodb-provisioned-below-demand", below_demand_advice}};
  const catalog::Text reqs{"requests", "건"}, units{"units", "단위"};
  d.metrics = {
      metric("reads", K::Counter, {"Reads", "읽기"}, reqs,
             {"GetItem requests served (not throttled).", "스로틀링되지 않고 처리된 GetItem 요청입니다."}),
      metric("writes", K::Counter, {"Writes", "쓰기"}, reqs,
             {"PutItem requests served (not throttled).", "스로틀링되지 않고 처리된 PutItem 요청입니다."}),
      metric("read_units_consumed", K::Counter, {"Read units consumed", "소비한 읽기 단위"}, units,
             {"Read capacity units (RCU, on-demand RRU) the served reads consumed (ConsumedReadCapacityUnits).",
              "처리된 읽기가 소비한 읽기 용량 단위(RCU, 온디맨드에서는 RRU)입니다(ConsumedReadCapacityUnits)."}),
      metric("write_units_consumed", K::Counter, {"Write units consumed", "소비한 쓰기 단위"}, units,
             {"Write capacity units (WCU, on-demand WRU) the served writes consumed (ConsumedWriteCapacityUnits).",
              "처리된 쓰기가 소비한 쓰기 용량 단위(WCU, 온디맨드에서는 WRU)입니다(ConsumedWriteCapacityUnits)."}),
      metric("throttled_reads", K::Counter, {"Throttled reads", "스로틀링된 읽기"}, reqs,
             {"Reads refused because the table or the item's partition was over its capacity that second "
              "(ReadThrottleEvents).",
              "그 1초 동안 테이블이나 항목의 파티션이 용량을 넘어 거절된 읽기입니다(ReadThrottleEvents)."}),
      metric("throttled_writes", K::Counter, {"Throttled writes", "스로틀링된 쓰기"}, reqs,
             {"Writes refused because the table or the item's partition was over its capacity that second "
              "(WriteThrottleEvents).",
              "그 1초 동안 테이블이나 항목의 파티션이 용량을 넘어 거절된 쓰기입니다(WriteThrottleEvents)."}),
      metric("items_too_large", K::Counter, {"Items too large", "크기 초과 항목"}, reqs,
             {"Requests refused because the item is over 400 KB.", "항목이 400KB를 넘어 거절된 요청입니다."}),
      metric("busiest_partition_use", K::Gauge, {"Busiest partition's use", "가장 바쁜 파티션 사용률"}, {"%", "%"},
             {"The busiest partition's units last second as a share of its 3,000 read / 1,000 write units; at 100% "
              "its keys are throttled, whatever the table's capacity.",
              "가장 바쁜 파티션이 지난 1초 동안 쓴 단위가 파티션 한도(읽기 3,000, 쓰기 1,000단위)에서 차지하는 "
              "비율입니다. 100%면 테이블 용량과 상관없이 그 파티션의 키가 스로틀링됩니다."}),
      metric("capacity_use", K::Gauge, {"Table capacity use", "테이블 용량 사용률"}, {"%", "%"},
             {"Units consumed last second as a share of the table's read or write capacity, whichever is higher; "
              "over 100% only with burst capacity.",
              "지난 1초 동안 소비한 단위가 테이블의 읽기 또는 쓰기 용량에서 차지하는 비율 중 큰 쪽입니다. 100%를 "
              "넘는 것은 버스트 용량을 쓸 때뿐입니다."}),
      metric("read_capacity", K::Gauge, {"Read capacity", "읽기 용량"}, {"units/s", "단위/초"},
             {"Read units the table takes a second now: the provisioned RCU, or the on-demand allowance.",
              "테이블이 지금 초당 받는 읽기 단위입니다. 프로비저닝된 RCU 또는 온디맨드 허용량입니다."}),
      metric("write_capacity", K::Gauge, {"Write capacity", "쓰기 용량"}, {"units/s", "단위/초"},
             {"Write units the table takes a second now: the provisioned WCU, or the on-demand allowance.",
              "테이블이 지금 초당 받는 쓰기 단위입니다. 프로비저닝된 WCU 또는 온디맨드 허용량입니다."}),
      metric("partitions", K::Gauge, {"Partitions", "파티션 수"}, {"partitions", "개"},
             {"Partitions the items are spread over; they split as the capacity grows.",
              "항목이 나뉘어 있는 파티션 수입니다. 용량이 늘면 분할됩니다."}),
  };
  // Live during a run: what is served, what is throttled, and whether one partition is the cause.
  using Live = catalog::MetricLive;
  catalog::show_live(d, "reads", Live::Rate, {"reads", "읽기"});
  catalog::show_live(d, "writes", Live::Rate, {"writes", "쓰기"});
  catalog::show_live(d, "throttled_reads", Live::Value, {"read throttles", "읽기 스로틀링"});
  catalog::show_live(d, "throttled_writes", Live::Value, {"write throttles", "쓰기 스로틀링"});
  catalog::show_live(d, "busiest_partition_use", Live::Value, {"busiest partition", "최다 파티션"});
  catalog::show_live(d, "capacity_use", Live::Value, {"capacity use", "용량 사용률"});
  d.create = [](const catalog::BuildContext& ctx) -> std::unique_ptr<Model> {
    return std::make_unique<Table>(config_of(ctx.params));
  };
  return d;
}

}  // namespace

const catalog::ServiceDescriptor& dynamodb_descriptor() {
  static const catalog::ServiceDescriptor d = make_descriptor();
  return d;
}

}  // namespace cp::services
