#include "core/services/dynamodb.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <set>
#include <unordered_map>
#include <vector>

#include "core/doc/messages.h"
#include "core/sim/alarm.h"
#include "core/sim/detmath.h"
#include "core/sim/distribution.h"
#include "core/services/lambda.h"
#include "core/sim/shard_log.h"
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
// AWS-FACTS: DynamoDB / Indexes — at most 20 GSIs (own capacity, eventually consistent) and 5
// LSIs (defined when the table is created) per table.
constexpr uint32_t kMaxGsis = 20, kMaxLsis = 5;
// ⚠ not in AWS-FACTS: a write shows in a GSI "within a fraction of a second, under normal
// conditions" (Developer Guide, "Global secondary indexes"): a log-normal with median 100 ms
// and sigma 0.5 (p99 ≈ 320 ms).
constexpr double kMedianPropagationS = 0.1, kPropagationSigma = 0.5;
// ⚠ not in AWS-FACTS: in a table with an LSI, the items of one partition key value and their
// LSI entries (an item collection) hold at most 10 GB (Developer Guide, "Item collection size limit").
constexpr double kKbPerGb = 1024.0 * 1024.0;
constexpr double kItemCollectionKb = 10 * kKbPerGb;
// AWS-FACTS: DynamoDB / Streams — each item change appears once, in order per item, and is
// kept 24 hours; a consumer further behind loses the oldest records.
constexpr SimTime kStreamRetention = 24 * 3600 * kSecond;
// ⚠ not in AWS-FACTS: DynamoDB auto scaling (Application Auto Scaling target tracking,
// Developer Guide "Managing throughput capacity automatically"): it keeps consumed / provisioned
// near a target, 70% by default (20-90%), through two CloudWatch alarms on one-minute
// datapoints: over the target for 2 minutes scales up, under target - 20 points for 15
// minutes scales down, each to consumed / target. Decreases: 4 a day, then one more after each
// hour without one.
constexpr double kAlarmPeriodS = 60;
constexpr int kScaleUpPeriods = 2, kScaleDownPeriods = 15;
constexpr double kScaleDownMargin = 20;
constexpr int kFreeDecreasesPerDay = 4;
constexpr int64_t kDecreaseWaitS = 3600, kDayS = 86400;
// ⚠ not in AWS-FACTS: GetRecords on a DynamoDB stream returns at most 1,000 records.
constexpr uint32_t kStreamMaxRecordsPerGet = 1000;

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
  // Global secondary indexes: all alike, each with its own capacity and partitions.
  uint32_t gsis = 0;
  double gsi_rcu = kDefaultProvisioned, gsi_wcu = kDefaultProvisioned;
  double gsi_write_share = 1;  // writes whose item has the index's key attribute (a sparse index: fewer)
  double gsi_keys = 0;         // distinct values of the index's partition key; 0 = as many as the table's
  double index_read_share = 0; // reads that are a Query on an index instead of a GetItem on the table
  // Local secondary indexes: in the table's partitions, on the table's capacity.
  uint32_t lsis = 0;
  double lsi_read_share = 0;
  double collection_kb = 0;    // each partition key value's item collection at the start
  bool stream = false;         // DynamoDB Streams: each served write becomes a stream record
  bool auto_scaling = false;   // provisioned: target tracking of the table's and each GSI's capacity
  double target = 70, min_capacity = 1, max_capacity = kTableQuota;
};

// Auto scaling of one side (reads or writes) of the table or a GSI: the engine's CloudWatch
// alarm evaluator (core/sim/alarm.h) on the side's utilisation, one datapoint a minute.
struct Scaler {
  Alarm high, low;
  double consumed = 0;  // units consumed this period
  int64_t last_decrease_s = -kDecreaseWaitS, day = 0;
  int decreases_today = 0;
};

// One direction of a throughput: reads or writes.
struct Side {
  double capacity = 0;  // units a second taken now: provisioned, or the on-demand allowance
  double used = 0;      // units consumed this second
  double burst = 0;     // provisioned: unused units saved, at most kBurstSeconds of capacity
  double peak = 0;      // on-demand: the previous peak (a second's units, at least 30 min old)
  // On-demand: seconds of the last 30 minutes that consumed more than `peak` (second, units).
  std::deque<std::pair<int64_t, double>> recent;
  bool throttled = false;  // a request was throttled this second
};

enum class Cause : uint8_t { None, Table, Partition, Index };

uint64_t mix(uint64_t key) {
  key ^= key >> 33;
  key *= 0xff51afd7ed558ccdULL;
  key ^= key >> 33;
  key *= 0xc4ceb9fe1a85ec53ULL;
  key ^= key >> 33;
  return key;
}
// A number in [0, 1) fixed by (id, salt): which requests go to an index, which writes touch
// one. Hashed, not drawn, so that a table without indexes draws the same numbers as before.
double share_of(uint64_t id, uint64_t salt) { return static_cast<double>(mix(id * 0x9e3779b97f4a7c15ULL + salt) >> 11) * 0x1p-53; }

// The capacity of the table or of one GSI: its read and write sides and its partitions,
// each of 3,000 read and 1,000 write units a second. A GSI has its own (AWS-FACTS:
// DynamoDB / Indexes — own capacity), so a table and its index throttle separately.
struct Throughput {
  Side reads, writes;
  uint32_t partitions = 0, fixed = 0;  // fixed: a partition count set by hand (0 = derived)
  uint64_t salt = 0;                   // a GSI's keys land on its own partitions
  std::vector<double> part_reads, part_writes;  // this second's units per partition

  void init(bool on_demand, double rcu, double wcu, uint32_t fixed_count, uint64_t s) {
    reads = Side{};
    writes = Side{};
    reads.capacity = on_demand ? kOnDemandStartReads : rcu;
    writes.capacity = on_demand ? kOnDemandStartWrites : wcu;
    fixed = fixed_count;
    salt = s;
    partitions = 0;
    grow();
  }
  // The partition of a key: a 64-bit mix (DynamoDB hashes the partition key), so
  // neighbouring keys spread.
  uint32_t partition_of(uint64_t key) const {
    key ^= salt;
    key ^= key >> 33;
    key *= 0xff51afd7ed558ccdULL;
    key ^= key >> 33;
    return static_cast<uint32_t>(key % partitions);
  }
  // Partitions split as the capacity grows and never merge; a fixed count stays.
  void grow() {
    const uint32_t want = fixed ? fixed : partitions_for(reads.capacity, writes.capacity);
    if (want <= partitions) return;
    partitions = want;
    part_reads.assign(partitions, 0.0);
    part_writes.assign(partitions, 0.0);
  }
  // Would `units` fit this second on partition p? Sets *burst when only saved capacity lets them.
  Cause check(bool write, double units, uint32_t p, bool may_burst, bool* burst) const {
    const Side& side = write ? writes : reads;
    const double part = write ? part_writes[p] : part_reads[p];
    *burst = false;
    if (part + units > (write ? kPartitionWrites : kPartitionReads)) return Cause::Partition;  // no capacity helps
    if (side.used + units <= side.capacity) return Cause::None;
    if (may_burst && side.burst >= units) {
      *burst = true;  // spent from the saved capacity
      return Cause::None;
    }
    return Cause::Table;
  }
  void consume(bool write, double units, uint32_t p, bool burst) {
    Side& side = write ? writes : reads;
    (write ? part_writes[p] : part_reads[p]) += units;
    side.used += units;
    if (burst) side.burst -= units;
  }
  double busiest_partition() const {
    double busiest = 0;
    for (uint32_t p = 0; p < partitions; ++p)
      busiest = std::max({busiest, part_reads[p] / kPartitionReads, part_writes[p] / kPartitionWrites});
    return busiest;
  }
  double use() const { return std::max(reads.used / reads.capacity, writes.used / writes.capacity); }
  // The end of a second: follow the on-demand peak, or save unused capacity; then start afresh.
  void end_second(bool on_demand, bool burst_on, int64_t second) {
    if (on_demand) {
      follow_peak(reads, second, kOnDemandStartReads);
      follow_peak(writes, second, kOnDemandStartWrites);
      grow();
    } else if (burst_on) {
      for (Side* s : {&reads, &writes})
        s->burst = std::min(s->burst + std::max(0.0, s->capacity - s->used), kBurstSeconds * s->capacity);
    }
    for (Side* s : {&reads, &writes}) {
      s->used = 0;
      s->throttled = false;
    }
    std::fill(part_reads.begin(), part_reads.end(), 0.0);
    std::fill(part_writes.begin(), part_writes.end(), 0.0);
  }
  double hourly_usd() const { return reads.capacity * kUsdPerRcuHour + writes.capacity * kUsdPerWcuHour; }

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
};

class Table final : public ModelBase<Table> {
public:
  explicit Table(const Config& c)
      : cfg_(c),
        latency_(Distribution::lognormal(det_log(kMedianLatencyS), kLatencySigma)),
        propagation_(Distribution::lognormal(det_log(kMedianPropagationS), kPropagationSigma)) {}

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
    index_reads_c_ = sim.counter(id(), "index_reads");
    stale_c_ = sim.counter(id(), "stale_index_reads");
    gsi_write_units_c_ = sim.counter(id(), "gsi_write_units_consumed");
    gsi_throttled_writes_c_ = sim.counter(id(), "gsi_throttled_writes");
    gsi_throttled_reads_c_ = sim.counter(id(), "gsi_throttled_reads");
    gsi_use_g_ = sim.gauge(id(), "gsi_capacity_use");
    lag_g_ = sim.gauge(id(), "index_propagation_ms");
    lsi_reads_c_ = sim.counter(id(), "lsi_reads");
    collection_full_c_ = sim.counter(id(), "item_collection_full");
    collection_g_ = sim.gauge(id(), "largest_item_collection_gb");
    table_.init(cfg_.on_demand, cfg_.rcu, cfg_.wcu, cfg_.partitions, 0);
    gsis_.assign(cfg_.gsis, Throughput{});
    for (uint32_t i = 0; i < cfg_.gsis; ++i) gsis_[i].init(cfg_.on_demand, cfg_.gsi_rcu, cfg_.gsi_wcu, 0, mix(i + 1));
    visible_at_.clear();
    pending_.clear();
    collections_.clear();
    largest_kb_ = cfg_.collection_kb;
    lag_s_ = 0;
    throttling_ = gsi_throttling_ = warned_size_ = warned_collection_ = warned_lost_ = false;
    stream_records_c_ = sim.counter(id(), "stream_records");
    stream_read_c_ = sim.counter(id(), "stream_records_read");
    stream_lost_c_ = sim.counter(id(), "stream_records_lost");
    stream_age_g_ = sim.gauge(id(), "stream_iterator_age_s");
    // The stream's consumers are Lambda event source mappings polling the table (the poll
    // protocol of core/services/lambda.h, read from a sim::ShardLog as Kinesis is). Its shards
    // follow the table's partitions at the start, so an item's changes stay in order.
    consumers_.clear();
    for (ConnId c : sim.incoming(id()))
      if (sim.connection(c).role == WireRole::Poll) consumers_.push_back(c);
    log_ = ShardLog(table_.partitions, kStreamRetention, cfg_.stream ? consumers_.size() : 0);
    lost_seen_ = 0;
    scalers_.clear();
    scaling_c_ = sim.counter(id(), "scaling_activities");
    if (cfg_.auto_scaling) {
      AlarmSpec high;
      high.comparison = Comparison::GreaterThanThreshold;
      high.threshold = cfg_.target;
      high.period_s = kAlarmPeriodS;
      high.evaluation_periods = high.datapoints_to_alarm = kScaleUpPeriods;
      AlarmSpec low = high;
      low.comparison = Comparison::LessThanThreshold;
      low.threshold = std::max(0.0, cfg_.target - kScaleDownMargin);
      low.evaluation_periods = low.datapoints_to_alarm = kScaleDownPeriods;
      for (size_t i = 0; i < 2 * (1 + gsis_.size()); ++i)  // each side of the table, then of each GSI
        scalers_.push_back(Scaler{Alarm(high, AlarmState::Ok), Alarm(low, AlarmState::Ok)});
    }
    set_gauges(sim.metrics(id()));
  }

  void on_request(Simulation& sim, ReqHandle h) override {
    const Request& r = sim.request(h);
    if (sim.connection(r.conn).role == WireRole::Poll) return stream_request(sim, h);
    const bool write = r.kind == RequestKind::Write;  // anything else reads (GetItem, or a Query on an index)
    NodeMetrics& m = sim.metrics(id());
    if (cfg_.item_kb > kMaxItemKb) {
      m.add(too_large_c_);
      if (!warned_size_) log_too_large(sim);
      sim.respond(h, Outcome::Rejected);  // ValidationException: the SDK does not retry it
      return;
    }
    const uint64_t key = r.key ? r.key : r.item_id;
    if (write) return put(sim, h, key);
    // A Query on a GSI reads the index's copy, on the index's capacity, eventually consistent only.
    if (cfg_.gsis && cfg_.index_read_share > 0 && share_of(r.item_id, 0x51) < cfg_.index_read_share)
      return query_gsi(sim, h, key);
    const bool via_lsi = cfg_.lsis && cfg_.lsi_read_share > 0 && share_of(r.item_id, 0x1c) < cfg_.lsi_read_share;
    const uint32_t p = table_.partition_of(key);
    bool burst = false;
    const Cause cause = table_.check(false, cfg_.read_units, p, may_burst(), &burst);
    if (cause != Cause::None) return throttle(sim, h, false, cause, p);
    table_.consume(false, cfg_.read_units, p, burst);
    m.add(reads_c_);
    if (via_lsi) m.add(lsi_reads_c_);  // an LSI is read on the table's own capacity, strongly consistent if asked
    m.add(read_units_c_, cfg_.read_units);
    if (cfg_.on_demand) m.cost_usd += cfg_.read_units * kUsdPerMillionRru / 1e6;
    served(sim, h);
  }

  void on_timer(Simulation& sim, uint16_t timer, uint64_t payload) override {
    if (timer != kServed) return;
    sim.respond(ReqHandle{payload}, sim.node_up(id()) ? Outcome::Ok : Outcome::Unreachable);
  }

  void on_second(Simulation& sim) override {
    NodeMetrics& m = sim.metrics(id());
    m.set(partition_use_g_, table_.busiest_partition() * 100);
    m.set(table_use_g_, table_.use() * 100);
    double gsi_use = 0;
    for (const Throughput& g : gsis_) gsi_use = std::max({gsi_use, g.use(), g.busiest_partition()});
    m.set(gsi_use_g_, gsi_use * 100);
    m.set(lag_g_, lag_s_ * 1000);
    lag_s_ = 0;
    m.set(collection_g_, largest_kb_ / kKbPerGb);
    const int64_t second = sim.now() / kSecond;
    if (!cfg_.on_demand) {
      double usd = table_.hourly_usd();
      for (const Throughput& g : gsis_) usd += g.hourly_usd();  // each GSI's capacity is billed as the table's
      m.cost_usd += usd / 3600.0;
    }
    bool any_throttled = table_.reads.throttled || table_.writes.throttled;
    for (const Throughput& g : gsis_) any_throttled = any_throttled || g.reads.throttled || g.writes.throttled;
    if ((throttling_ || gsi_throttling_) && !any_throttled) {
      throttling_ = gsi_throttling_ = false;
      sim.log(id(), LogKind::ThrottlingEnded,
              "DynamoDB serves every request again: the table, its indexes and each of their partitions are under "
              "their capacity",
              "DynamoDB가 다시 모든 요청을 처리합니다. 테이블과 인덱스, 그 모든 파티션이 용량 아래로 내려왔습니다")
          .because("dynamodb_throttled_ok");
    }
    if (cfg_.auto_scaling) auto_scale(sim, second);
    table_.end_second(cfg_.on_demand, cfg_.burst, second);
    for (Throughput& g : gsis_) g.end_second(cfg_.on_demand, cfg_.burst, second);
    set_gauges(m);
    if (cfg_.stream) {
      log_.expire(sim.now());
      m.set(stream_age_g_, log_.oldest_unread_s(sim.now()));
      if (log_.lost() > lost_seen_) {
        m.add(stream_lost_c_, static_cast<double>(log_.lost() - lost_seen_));
        lost_seen_ = log_.lost();
        if (!warned_lost_) log_stream_lost(sim);
      }
    }
    // Index updates whose propagation is over: a query sees them now.
    while (!pending_.empty() && pending_.front().first <= sim.now()) {
      auto it = visible_at_.find(pending_.front().second);
      if (it != visible_at_.end() && it->second <= sim.now()) visible_at_.erase(it);
      pending_.pop_front();
    }
  }

  StatusText status() const override {
    const uint32_t n = table_.partitions;
    const std::string parts = std::to_string(n);
    std::string en, ko;
    if (cfg_.on_demand) {
      en = "On-demand, " + parts + (n == 1 ? " partition" : " partitions");
      ko = "온디맨드, 파티션 " + parts + "개";
    } else {
      en = "Provisioned " + num(table_.reads.capacity) + " RCU / " + num(table_.writes.capacity) + " WCU, " + parts +
           (n == 1 ? " partition" : " partitions");
      ko = "프로비저닝 RCU " + num(table_.reads.capacity) + " / WCU " + num(table_.writes.capacity) + ", 파티션 " + parts + "개";
    }
    if (cfg_.gsis) {
      const std::string g = std::to_string(cfg_.gsis);
      en += ", " + g + (cfg_.gsis == 1 ? " GSI" : " GSIs");
      ko += ", 글로벌 보조 인덱스 " + g + "개";
      if (!cfg_.on_demand) {
        en += " of " + num(cfg_.gsi_wcu) + " WCU";
        ko += "(각 WCU " + num(cfg_.gsi_wcu) + ")";
      }
    }
    if (cfg_.lsis) {
      en += ", " + std::to_string(cfg_.lsis) + (cfg_.lsis == 1 ? " LSI" : " LSIs");
      ko += ", 로컬 보조 인덱스 " + std::to_string(cfg_.lsis) + "개";
    }
    return {en, ko};
  }

private:
  bool may_burst() const { return !cfg_.on_demand && cfg_.burst; }

  // Each second a utilisation sample for every side's alarms; at each minute's end the alarms
  // evaluate, and a side whose alarm is in ALARM is set to consumed / target (simplified: the
  // new capacity takes effect at once, and partitions split to hold it).
  void auto_scale(Simulation& sim, int64_t second) {
    for (size_t i = 0; i < scalers_.size(); ++i) {
      Throughput& t = i < 2 ? table_ : gsis_[i / 2 - 1];
      Side& side = i % 2 ? t.writes : t.reads;
      Scaler& sc = scalers_[i];
      sc.high.record(side.used / side.capacity * 100);
      sc.low.record(side.used / side.capacity * 100);
      sc.consumed += side.used;
      if ((second + 1) % static_cast<int64_t>(kAlarmPeriodS) != 0) continue;
      sc.high.end_period();
      sc.low.end_period();
      const double per_s = sc.consumed / kAlarmPeriodS;
      sc.consumed = 0;
      const double want = std::clamp(std::ceil(per_s / (cfg_.target / 100) - 1e-9), cfg_.min_capacity, cfg_.max_capacity);
      if (second / kDayS != sc.day) {
        sc.day = second / kDayS;
        sc.decreases_today = 0;
      }
      const bool up = sc.high.state() == AlarmState::Alarm && want > side.capacity;
      const bool may_decrease = sc.decreases_today < kFreeDecreasesPerDay || second - sc.last_decrease_s >= kDecreaseWaitS;
      const bool down = !up && sc.low.state() == AlarmState::Alarm && want < side.capacity && may_decrease;
      if (!up && !down) continue;
      const double from = side.capacity;
      side.capacity = want;
      side.burst = std::min(side.burst, kBurstSeconds * want);
      t.grow();
      if (down) {
        ++sc.decreases_today;
        sc.last_decrease_s = second;
      }
      sim.metrics(id()).add(scaling_c_);
      log_scaled(sim, i, from, want, up);
    }
  }

  [[gnu::noinline]] void log_scaled(Simulation& sim, size_t i, double from, double to, bool up) {
    const bool write = i % 2;
    const std::string unit = write ? "WCU" : "RCU";
    const std::string what_en = i < 2 ? std::string("the table's") : "GSI " + std::to_string(i / 2) + "'s";
    const std::string what_ko = i < 2 ? std::string("테이블의") : "글로벌 보조 인덱스 " + std::to_string(i / 2) + "의";
    const std::string t = num(cfg_.target) + "%";
    std::string en = "Auto scaling sets " + what_en + " " + (write ? "write" : "read") + " capacity from " + grouped(from) +
                     " to " + grouped(to) + " " + unit + ": ";
    std::string ko = "Auto Scaling이 " + what_ko + " " + (write ? "쓰기" : "읽기") + " 용량을 " + grouped(from) + " " + unit + "에서 " +
         doc::with_direction(grouped(to) + " " + unit) + " 바꿉니다. ";
    if (up) {
      en += "its use was over the " + t + " target for 2 minutes (the CloudWatch alarm went to ALARM). It is set to "
            "what was consumed divided by the target, so a throttled table grows step by step";
      ko += "사용률이 2분 동안 목표 " + t + "를 넘었습니다(\"CloudWatch\" 경보가 경보 상태가 됨). 새 용량은 소비한 양을 목표로 "
            "나눈 값이라, 스로틀링되는 테이블은 한 단계씩 늘어납니다";
    } else {
      en += "its use was more than 20 points under the " + t + " target for 15 minutes. Decreases are limited: 4 a day, "
            "then one after each hour without one";
      ko += "사용률이 15분 동안 목표 " + t + "보다 20%p 넘게 낮았습니다. 용량 감소는 하루 4번, 그 뒤로는 감소 없이 한 시간이 "
            "지날 때마다 한 번으로 제한됩니다";
    }
    sim.log(id(), up ? LogKind::ScaleOut : LogKind::ScaleIn, en, ko)
        .because(up ? "dynamodb_scaled_up" : "dynamodb_scaled_down")
        .field("from", from)
        .field("to", to)
        .field("gsi", static_cast<double>(i / 2));
  }
  // A GSI's partition key: as many values as the table's, or folded onto `gsi_keys` values
  // (an index on a status or a date: few values, hot index partitions).
  uint64_t gsi_key(uint64_t key) const {
    return cfg_.gsi_keys >= 1 ? mix(key) % static_cast<uint64_t>(cfg_.gsi_keys) + 1 : key;
  }
  // Does this write put an item into GSI i? With a share below 1 the index is sparse.
  bool touches(uint64_t item, uint32_t i) const { return cfg_.gsi_write_share >= 1 || share_of(item, 0x100 + i) < cfg_.gsi_write_share; }

  void served(Simulation& sim, ReqHandle h) {
    sim.schedule_timer(id(), sim.now() + std::max<SimTime>(1, latency_.sample_us(sim.rng())), kServed, h.v);
  }

  void throttle(Simulation& sim, ReqHandle h, bool write, Cause cause, uint32_t p, int gsi = -1) {
    NodeMetrics& m = sim.metrics(id());
    m.add(write ? throttled_writes_c_ : throttled_reads_c_);
    if (gsi >= 0) {
      m.add(write ? gsi_throttled_writes_c_ : gsi_throttled_reads_c_);
      Throughput& g = gsis_[static_cast<size_t>(gsi)];
      (write ? g.writes : g.reads).throttled = true;
      if (!gsi_throttling_) log_gsi_throttling(sim, write, cause == Cause::Partition, static_cast<uint32_t>(gsi));
    } else {
      (write ? table_.writes : table_.reads).throttled = true;
      if (!throttling_) log_throttling(sim, write, cause, p);
    }
    sim.respond(h, Outcome::Throttled);  // ProvisionedThroughputExceededException (the wire retries it)
  }

  // PutItem: the table's units (one more set per LSI), then every GSI the item is in must take
  // its copy this second, or the table's write is throttled (GSI back-pressure: DynamoDB keeps
  // an index from falling behind by refusing the write that would feed it).
  void put(Simulation& sim, ReqHandle h, uint64_t key) {
    NodeMetrics& m = sim.metrics(id());
    const Request& r = sim.request(h);
    const double add_kb = cfg_.item_kb * (1 + cfg_.lsis);  // the item and its LSI entries
    double* collection = nullptr;
    if (cfg_.lsis) {
      collection = &collections_.try_emplace(key, cfg_.collection_kb).first->second;
      if (*collection + add_kb > kItemCollectionKb) {
        m.add(collection_full_c_);
        if (!warned_collection_) log_collection_full(sim);
        sim.respond(h, Outcome::Rejected);  // ItemCollectionSizeLimitExceededException: retrying cannot help
        return;
      }
    }
    const double units = cfg_.write_units * (1 + cfg_.lsis);  // AWS-FACTS: DynamoDB / Indexes — LSIs on the table's capacity
    const uint32_t p = table_.partition_of(key);
    bool burst = false;
    const Cause cause = table_.check(true, units, p, may_burst(), &burst);
    if (cause != Cause::None) return throttle(sim, h, true, cause, p);
    // Each GSI the item goes to: its partition and whether it needs burst capacity.
    uint32_t gp[kMaxGsis];
    bool gb[kMaxGsis];
    bool in[kMaxGsis];
    const uint64_t gk = gsi_key(key);
    for (uint32_t i = 0; i < cfg_.gsis; ++i) {
      in[i] = touches(r.item_id, i);
      if (!in[i]) continue;
      gp[i] = gsis_[i].partition_of(gk);
      const Cause c = gsis_[i].check(true, cfg_.write_units, gp[i], may_burst(), &gb[i]);
      if (c != Cause::None) return throttle(sim, h, true, c, gp[i], static_cast<int>(i));
    }
    table_.consume(true, units, p, burst);
    double gsi_units = 0;
    for (uint32_t i = 0; i < cfg_.gsis; ++i) {
      if (!in[i]) continue;
      gsis_[i].consume(true, cfg_.write_units, gp[i], gb[i]);
      gsi_units += cfg_.write_units;
    }
    if (collection) {
      *collection += add_kb;
      largest_kb_ = std::max(largest_kb_, *collection);
    }
    m.add(writes_c_);
    m.add(write_units_c_, units);
    if (gsi_units > 0) {
      m.add(gsi_write_units_c_, gsi_units);
      // Asynchronous propagation: the index shows the write a moment later (eventually consistent).
      const SimTime lag = std::max<SimTime>(1, propagation_.sample_us(sim.rng()));
      lag_s_ = std::max(lag_s_, to_seconds(lag));
      if (cfg_.index_read_share > 0) {
        visible_at_[key] = sim.now() + lag;
        pending_.emplace_back(sim.now() + lag, key);
      }
    }
    if (cfg_.on_demand) m.cost_usd += (units + gsi_units) * kUsdPerMillionWru / 1e6;
    if (cfg_.stream) {  // the change, once, on the shard of its key
      log_.append(log_.shard_of(key), r.lineage(), sim.now());
      m.add(stream_records_c_);
    }
    served(sim, h);
  }

  // A consumer's GetRecords (tag n > 0) or checkpoint (tag 0) over its poll wire.
  void stream_request(Simulation& sim, ReqHandle h) {
    const Request& r = sim.request(h);
    int k = -1;
    for (size_t i = 0; i < consumers_.size(); ++i)
      if (consumers_[i].v == r.conn.v) k = static_cast<int>(i);
    if (k < 0 || !cfg_.stream) return sim.respond(h, Outcome::Rejected);  // no stream to read
    Reply reply;
    if (r.tag == kPollDeleteTag) {
      if (log_.checkpoint(static_cast<uint32_t>(k), r.key)) reply.count = 1;
    } else {
      log_.expire(sim.now());
      log_.get_records(static_cast<uint32_t>(k), std::min<uint32_t>(r.tag, kStreamMaxRecordsPerGet), sim.now(),
                       kShardBatchLease, nullptr, &reply);
      sim.metrics(id()).add(stream_read_c_, static_cast<double>(reply.items.size()));
    }
    sim.respond(h, Outcome::Ok, reply);
  }

  // Query on a GSI: its own read capacity and partitions; throttling it does not touch the table.
  void query_gsi(Simulation& sim, ReqHandle h, uint64_t key) {
    NodeMetrics& m = sim.metrics(id());
    const Request& r = sim.request(h);
    const uint32_t i = static_cast<uint32_t>((mix(r.item_id) >> 8) % cfg_.gsis);
    Throughput& g = gsis_[i];
    const uint32_t p = g.partition_of(gsi_key(key));
    const double units = read_units(cfg_.item_kb, "eventual");  // a GSI has no strongly consistent reads
    bool burst = false;
    const Cause cause = g.check(false, units, p, may_burst(), &burst);
    if (cause != Cause::None) return throttle(sim, h, false, cause, p, static_cast<int>(i));
    g.consume(false, units, p, burst);
    m.add(reads_c_);
    m.add(index_reads_c_);
    m.add(read_units_c_, units);
    // A write to this key not yet propagated: the query returns the item as it was.
    if (auto it = visible_at_.find(key); it != visible_at_.end() && it->second > sim.now()) m.add(stale_c_);
    if (cfg_.on_demand) m.cost_usd += units * kUsdPerMillionRru / 1e6;
    served(sim, h);
  }

  void set_gauges(NodeMetrics& m) {
    m.set(read_capacity_g_, table_.reads.capacity);
    m.set(write_capacity_g_, table_.writes.capacity);
    m.set(partitions_g_, table_.partitions);
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
    const Side& s = write ? table_.writes : table_.reads;
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

  [[gnu::noinline]] void log_gsi_throttling(Simulation& sim, bool write, bool partition, uint32_t gsi) {
    gsi_throttling_ = true;
    const Throughput& g = gsis_[gsi];
    std::string en, ko;
    if (write) {
      en = "DynamoDB throttles writes to the table because global secondary index " + std::to_string(gsi + 1) +
           " cannot take their copies (ProvisionedThroughputExceededException, IndexWriteProvisionedThroughputExceeded): ";
      ko = "글로벌 보조 인덱스 " + doc::with_subject(std::to_string(gsi + 1)) + " 항목 사본을 받지 못해 DynamoDB가 테이블 쓰기를 "
           "스로틀링합니다(ProvisionedThroughputExceededException, \"IndexWriteProvisionedThroughputExceeded\"). ";
      if (partition) {
        en += "one of the index's partitions gets more than 1,000 write units a second. The index's partition key "
              "has too few values (a status, a date): choose one with many values";
        ko += "인덱스 파티션 하나가 초당 쓰기 1,000단위를 넘게 받고 있습니다. 인덱스의 파티션 키 값이 너무 적습니다(상태, "
              "날짜 등). 값이 많은 속성을 인덱스 키로 고르세요";
      } else {
        const std::string cap = grouped(g.writes.capacity);
        en += "the index consumes more than its " + cap + " write units a second while the table has capacity left. "
              "Give each GSI at least the table's write capacity";
        ko += "테이블 용량은 남아 있는데 인덱스가 초당 쓰기 " + cap + "단위를 넘게 쓰고 있습니다. 글로벌 보조 인덱스마다 "
              "테이블 이상의 쓰기 용량을 주세요";
      }
    } else {
      en = "DynamoDB throttles queries on global secondary index " + std::to_string(gsi + 1) +
           ": the index is over its read capacity (the table's reads are not affected)";
      ko = "DynamoDB가 글로벌 보조 인덱스 " + std::to_string(gsi + 1) + "의 쿼리를 스로틀링합니다. 인덱스가 읽기 용량을 "
           "넘었습니다(테이블 읽기에는 영향이 없습니다)";
    }
    sim.log(id(), LogKind::ThrottlingBegan, en, ko)
        .because(write ? "dynamodb_gsi_backpressure" : "dynamodb_gsi_read_throttled")
        .field("gsi", gsi + 1)
        .field("partition_hot", partition ? 1 : 0)
        .field("capacity", write ? g.writes.capacity : g.reads.capacity);
  }

  [[gnu::noinline]] void log_stream_lost(Simulation& sim) {
    warned_lost_ = true;
    sim.log(id(), LogKind::Warning,
            "Stream records were lost: a consumer had not read them within the stream's 24 hours, and DynamoDB "
            "Streams deleted them. A Lambda function that keeps failing on a batch blocks its shard until the records "
            "expire; give the mapping a retry limit or an on-failure destination, and watch the iterator age",
            "스트림 레코드가 사라졌습니다. 소비자가 스트림의 24시간 안에 읽지 못해 DynamoDB 스트림이 삭제했습니다. 배치를 "
            "계속 실패하는 Lambda 함수는 레코드가 만료될 때까지 그 샤드를 막습니다. 매핑에 재시도 한도나 실패 시 대상을 "
            "정하고 반복기 경과 시간을 지켜보세요")
        .because("dynamodb_stream_records_lost");
  }

  [[gnu::noinline]] void log_collection_full(Simulation& sim) {
    warned_collection_ = true;
    sim.log(id(), LogKind::Warning,
            "A write was refused (ItemCollectionSizeLimitExceededException): the items of one partition key value and "
            "their local secondary index entries are over 10 GB. A table with an LSI caps every item collection at "
            "10 GB; spread the items over more partition key values, or use a GSI instead",
            "쓰기가 거절되었습니다(ItemCollectionSizeLimitExceededException). 파티션 키 값 하나의 항목과 그 로컬 보조 "
            "인덱스 항목이 10GB를 넘었습니다. 로컬 보조 인덱스가 있는 테이블은 항목 컬렉션마다 10GB까지만 담습니다. "
            "항목을 더 많은 파티션 키 값에 나누거나 글로벌 보조 인덱스를 쓰세요")
        .because("dynamodb_item_collection_full");
  }

  Config cfg_;
  Distribution latency_, propagation_;
  Throughput table_;
  std::vector<Throughput> gsis_;
  // Eventual consistency of the GSIs: when each key's last write shows in them (only kept
  // while queries go to an index), and those times in order, to forget them.
  std::unordered_map<uint64_t, SimTime> visible_at_;
  std::deque<std::pair<SimTime, uint64_t>> pending_;
  std::unordered_map<uint64_t, double> collections_;  // LSI tables: KB per partition key value written to
  double largest_kb_ = 0, lag_s_ = 0;
  std::vector<ConnId> consumers_;  // poll wires of the stream's consumers
  ShardLog log_;                   // the stream (shared with Kinesis): each change once, in order per item
  uint64_t lost_seen_ = 0;
  bool warned_lost_ = false;
  std::vector<Scaler> scalers_;  // auto scaling: table reads, table writes, then each GSI's two
  CounterId scaling_c_;
  CounterId stream_records_c_, stream_read_c_, stream_lost_c_;
  GaugeId stream_age_g_;
  bool throttling_ = false, gsi_throttling_ = false, warned_size_ = false, warned_collection_ = false;
  CounterId reads_c_, writes_c_, read_units_c_, write_units_c_, throttled_reads_c_, throttled_writes_c_, too_large_c_;
  CounterId index_reads_c_, stale_c_, gsi_write_units_c_, gsi_throttled_writes_c_, gsi_throttled_reads_c_, lsi_reads_c_,
      collection_full_c_;
  GaugeId partition_use_g_, table_use_g_, read_capacity_g_, write_capacity_g_, partitions_g_, gsi_use_g_, lag_g_,
      collection_g_;
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
  c.gsis = static_cast<uint32_t>(std::clamp(catalog::param_number(p, "gsi_count"), 0.0, double(kMaxGsis)));
  c.gsi_rcu = catalog::param_number(p, "gsi_read_capacity");
  c.gsi_wcu = catalog::param_number(p, "gsi_write_capacity");
  c.gsi_write_share = catalog::param_number(p, "gsi_write_share");
  c.gsi_keys = catalog::param_number(p, "gsi_partition_keys");
  c.index_read_share = catalog::param_number(p, "index_read_share");
  c.lsis = static_cast<uint32_t>(std::clamp(catalog::param_number(p, "lsi_count"), 0.0, double(kMaxLsis)));
  c.lsi_read_share = catalog::param_number(p, "lsi_read_share");
  c.collection_kb = catalog::param_number(p, "item_collection_gb") * kKbPerGb;
  c.stream = catalog::param_bool(p, "stream_enabled");
  c.auto_scaling = !c.on_demand && catalog::param_bool(p, "auto_scaling");
  c.target = catalog::param_number(p, "target_utilization");
  c.min_capacity = catalog::param_number(p, "auto_scaling_min_capacity");
  c.max_capacity = std::max(c.min_capacity, catalog::param_number(p, "auto_scaling_max_capacity"));
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
    writes += rate * (1 - rf) * c.write_units * (1 + c.lsis);  // each LSI takes its units from the table's
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

// The index quotas, with the reason (the param specs have no range for them, so that the
// message says why rather than only "above the maximum").
std::vector<doc::Issue> validate_params(const json& p) {
  std::vector<doc::Issue> out;
  const double gsis = catalog::param_number(p, "gsi_count"), lsis = catalog::param_number(p, "lsi_count");
  if (gsis < 0 || gsis > kMaxGsis)
    out.push_back({"gsi_count",
                   doc::format_number(gsis) + " global secondary indexes: a table has between 0 and 20 (DynamoDB's "
                   "quota of GSIs per table). Fold queries that share a key into one index, or split the data over "
                   "tables.",
                   "글로벌 보조 인덱스 " + doc::format_number(gsis) + "개는 만들 수 없습니다. 테이블 하나에 0~20개까지 "
                   "둘 수 있습니다(DynamoDB의 테이블당 GSI 할당량). 키가 같은 쿼리는 인덱스 하나로 합치거나 데이터를 "
                   "여러 테이블에 나누세요."});
  if (lsis < 0 || lsis > kMaxLsis)
    out.push_back({"lsi_count",
                   doc::format_number(lsis) + " local secondary indexes: a table has between 0 and 5, all defined when "
                   "it is created. Use a global secondary index for more.",
                   "로컬 보조 인덱스 " + doc::format_number(lsis) + "개는 만들 수 없습니다. 테이블 하나에 0~5개까지 "
                   "둘 수 있으며 모두 테이블을 만들 때 정합니다. 더 필요하면 글로벌 보조 인덱스를 쓰세요."});
  if (catalog::param_bool(p, "auto_scaling") && catalog::param_string(p, "capacity_mode") != "PROVISIONED")
    out.push_back({"auto_scaling", "auto scaling adjusts provisioned capacity: an on-demand table has none to adjust "
                   "(set capacity_mode to PROVISIONED).",
                   "Auto Scaling은 프로비저닝된 용량을 조정합니다. 온디맨드 테이블에는 조정할 용량이 없습니다"
                   "(\"capacity_mode\"를 \"PROVISIONED\"로 정하세요)."});
  if (catalog::param_number(p, "index_read_share") > 0 && gsis < 1)
    out.push_back({"index_read_share", "reads cannot query a global secondary index: the table has none (set gsi_count).",
                   "테이블에 글로벌 보조 인덱스가 없어서 인덱스를 쿼리할 수 없습니다(\"gsi_count\"를 정하세요)."});
  if (catalog::param_number(p, "lsi_read_share") > 0 && lsis < 1)
    out.push_back({"lsi_read_share", "reads cannot query a local secondary index: the table has none (set lsi_count).",
                   "테이블에 로컬 보조 인덱스가 없어서 인덱스를 쿼리할 수 없습니다(\"lsi_count\"를 정하세요)."});
  return out;
}

// A poll wire reads the table's stream: the table needs one.
std::vector<doc::Issue> validate_stream_wires(const doc::Document& d) {
  std::vector<doc::Issue> out;
  for (size_t i = 0; i < d.connections.size(); ++i) {
    const doc::ConnectionDoc& c = d.connections[i];
    const doc::NodeDoc* from = d.find_node(c.from);
    if (!from || from->type != "dynamodb" || c.role != "poll") continue;
    if (catalog::param_bool(table_params(*from), "stream_enabled")) continue;
    out.push_back({"connections[" + std::to_string(i) + "]",
                   "the poll wire " + c.from + " → " + c.to + " reads the table's stream, but table " + c.from +
                       " has none: turn on stream_enabled.",
                   "폴링 연결 " + c.from + " → " + doc::with_topic(c.to) + " 테이블 스트림을 읽는데, 테이블 " + c.from +
                       "에 스트림이 없습니다. \"stream_enabled\"를 켜세요."});
  }
  return out;
}

// A provisioned GSI with less write capacity than the writes that reach it: the table's writes
// are throttled on the index's account (AWS advises each GSI at least the table's WCU). The
// writes are the table's capacity or the callers' peak, whichever is lower.
std::optional<catalog::Finding> gsi_write_advice(const doc::Document& d, const doc::NodeDoc& n) {
  const Config c = config_of(table_params(n));
  if (c.on_demand || c.gsis == 0) return std::nullopt;
  double writes = 0;
  bool callers = false;
  for (const doc::NodeDoc* u : upstream_users(d, n.id)) {
    const json p = users_params(*u);
    writes += peak_rate(p) * (1 - catalog::param_number(p, "read_fraction")) * c.write_units;
    callers = true;
  }
  const double table_takes = c.wcu / (1 + c.lsis);
  const double reach = (callers ? std::min(writes, table_takes) : table_takes) * c.gsi_write_share;
  if (reach <= c.gsi_wcu) return std::nullopt;
  const std::string g = doc::format_number(c.gsi_wcu), w = doc::format_number(std::round(reach)),
                    t = doc::format_number(c.wcu);
  return catalog::Finding{
      "dynamodb-gsi-write-below-table", catalog::Severity::Warning,
      "Table " + n.id + " has " + t + " WCU but each of its global secondary indexes only " + g + " WCU, while about " +
          w + " write units a second would reach each index: the index cannot keep up, and DynamoDB throttles the "
          "table's writes for it (GSI back-pressure). Give each GSI at least the table's write capacity.",
      "테이블 " + n.id + "의 쓰기 용량은 " + t + " WCU인데 글로벌 보조 인덱스마다 " + g + " WCU뿐이고, 인덱스마다 초당 약 " +
          w + " 쓰기 단위가 들어옵니다. 인덱스가 따라가지 못하면 DynamoDB는 그 때문에 테이블 쓰기를 "
          "스로틀링합니다(GSI 백프레셔). 글로벌 보조 인덱스마다 테이블 이상의 쓰기 용량을 주세요.",
      {n.id},
      "DynamoDB / Indexes"};
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
      "caller's key (no sort keys, scans, TTL or global tables). Global secondary indexes are all alike (one count, one capacity, one share of the writes they hold), hold the whole item (projection ALL), and take a copy of each write whose item they hold in the same simulated second as the table: a write that one of them cannot take is throttled (back-pressure), and the copy shows in the index after a delay drawn from a log-normal with median 100 ms. A share of the reads is a Query on an index, of one item. On an on-demand table each GSI has its own allowance, starting as a new table's. Local secondary indexes exist from the start of the run (they can only be defined when a table is created): each write to the table consumes its units once more per LSI, and each partition key value's item collection grows by the item's size once per LSI and the item, refused past 10 GB. A stream (when on) takes each served write once, on a shard per partition of the table at the start, keeps it 24 hours and is read by Lambda event source mappings one batch per shard at a time (as a Kinesis stream is: a batch not checkpointed within 60 s is handed out again); records not read within 24 hours are lost and counted. GetRecords limits and the stream's shard splits are not modelled; reading the stream from Lambda is free, as in AWS. Auto scaling (provisioned) is target tracking on the engine's CloudWatch alarm evaluator: one utilisation datapoint a minute per side of the table and of each GSI (the same settings for all); 2 minutes over the target raise the capacity to the last minute's consumption divided by the target, 15 minutes more than 20 points under it lower it, at most 4 times a day and then once an hour; a new capacity takes effect at once (AWS takes minutes); it starts at the capacity set. Latency is drawn from a "
      "log-normal with median 4 ms and does not depend on the item's size. Capacity is counted in whole simulated "
      "seconds: the table's (provisioned RCU/WCU, or the on-demand allowance of twice the previous peak, at least "
      "12,000 RRU / 4,000 WRU, at most 40,000) and each partition's 3,000 read and 1,000 write units. Partitions are "
      "derived from the capacity as ceil(RCU/3,000 + WCU/1,000) unless set, split as the capacity grows and never "
      "merge; adaptive capacity is modelled only as a hot partition taking up to its own limit. A provisioned table "
      "saves up to 300 s of unused capacity as burst capacity, starting with none. Provisioned capacity is billed per "
      "second of the capacity set, without the free tier or reserved capacity; storage is not billed.",
      "호출 하나는 크기가 정해진 항목 하나의 GetItem(읽기) 또는 PutItem(쓰기)이며, 호출자의 키를 파티션 키로 "
      "씁니다(정렬 키, 스캔, TTL, 글로벌 테이블은 다루지 않습니다). 글로벌 보조 인덱스는 모두 같은 설정(개수 하나, 용량 하나, 담는 쓰기 비율 하나)이며 항목 전체를 담고(프로젝션 ALL), 자기가 담는 항목의 쓰기 사본을 테이블과 같은 시뮬레이션 1초 안에 받습니다. 그중 하나라도 받지 못하는 쓰기는 스로틀링되며(백프레셔), 사본은 중앙값 100밀리초인 로그 정규 분포에서 뽑은 지연 뒤에 인덱스에 보입니다. 읽기 중 일부는 항목 하나를 찾는 인덱스 쿼리입니다. 온디맨드 테이블에서는 인덱스마다 새 테이블과 같은 허용량에서 시작하는 자기 허용량을 갖습니다. 로컬 보조 인덱스는 실행 시작부터 있습니다(테이블을 만들 때만 정할 수 있습니다). 테이블 쓰기마다 LSI 하나당 쓰기 단위를 한 번 더 소비하고, 파티션 키 값마다의 항목 컬렉션은 항목과 LSI마다 항목 크기만큼 늘어나며 10GB를 넘으면 쓰기가 거절됩니다. 스트림을 켜면 처리된 쓰기마다 레코드가 한 번씩, 시작 시점 테이블 파티션마다 하나인 샤드에 기록되어 24시간 보관되고, Lambda 이벤트 소스 매핑이 샤드마다 한 번에 배치 하나씩 읽습니다(Kinesis 스트림과 같으며, 60초 안에 체크포인트하지 않은 배치는 다시 넘깁니다). 24시간 안에 읽지 못한 레코드는 사라지며 그 수를 셉니다. GetRecords 한도와 스트림 샤드 분할은 다루지 않으며, AWS처럼 Lambda가 스트림을 읽는 데는 요금이 없습니다. Auto Scaling(프로비저닝 모드)은 엔진의 \"CloudWatch\" 경보 평가기로 하는 목표 추적입니다. 테이블과 각 글로벌 보조 인덱스의 읽기·쓰기마다 1분에 사용률 데이터 포인트 하나를 보며(모두 같은 설정), 2분 동안 목표를 넘으면 지난 1분의 소비량을 목표로 나눈 만큼 용량을 올리고, 15분 동안 목표보다 20%p 넘게 낮으면 내립니다. 감소는 하루 4번, 그 뒤로는 한 시간에 한 번까지입니다. 새 용량은 바로 적용되며(AWS에서는 몇 분 걸립니다), 처음 정한 용량에서 시작합니다. 지연 시간은 중앙값 4밀리초인 "
      "로그 정규 분포에서 뽑으며 항목 크기와는 상관없습니다. 용량은 시뮬레이션 1초 단위로 셉니다. 테이블의 용량"
      "(프로비저닝된 RCU/WCU, 또는 이전 최대치의 두 배인 온디맨드 허용량으로 최소 12,000 RRU / 4,000 WRU, 최대 "
      "40,000)과 파티션마다 초당 읽기 3,000단위, 쓰기 1,000단위를 따로 봅니다. 파티션 수는 따로 정하지 않으면 "
      "ceil(RCU/3,000 + WCU/1,000)으로 정하고, 용량이 늘면 분할되며 다시 합쳐지지 않습니다. 적응형 용량은 요청이 몰린 "
      "파티션이 자기 한도까지 쓸 수 있는 것으로만 나타냅니다. 프로비저닝 테이블은 쓰지 않은 용량을 최대 300초 분량까지 "
      "버스트 용량으로 모아 두며, 처음에는 모아 둔 용량이 없습니다. 프로비저닝 용량은 설정한 용량을 초 단위로 "
      "계산하며 프리 티어와 예약 용량은 반영하지 않고, 스토리지 요금은 계산하지 않습니다."};
  d.placement = PlacementKind::Region;
  d.icon = catalog::Icon::Table;
  d.makes_calls = false;  // it answers; it calls nobody (its stream's consumers poll it)
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
      // No range on the counts: validate() refuses more than the quota with the reason.
      ParamSpec{"gsi_count", ParamType::Int, {"Global secondary indexes", "글로벌 보조 인덱스 수"},
                {"GSIs on the table (at most 20), all alike: each has its own partitions and capacity (the read and "
                 "write capacity below in provisioned mode, its own on-demand allowance otherwise), is eventually "
                 "consistent, and gets a copy of every write whose item it holds. A GSI without write capacity left "
                 "throttles the table's writes.",
                 "테이블의 글로벌 보조 인덱스(GSI) 수입니다(최대 20개). 모두 같은 설정이며, 인덱스마다 자기 파티션과 "
                 "용량(프로비저닝 모드에서는 아래 읽기·쓰기 용량, 온디맨드에서는 자기 허용량)을 갖고, 최종 일관성으로 "
                 "읽히며, 자기가 담는 항목의 쓰기마다 사본을 받습니다. 쓰기 용량이 모자란 인덱스는 테이블의 쓰기를 "
                 "스로틀링합니다."},
                "", 0, 0, 0, {}, "DynamoDB / Indexes", 0, false, ""},
      ParamSpec{"gsi_read_capacity", ParamType::Int, {"GSI read capacity (RCU)", "GSI 읽기 용량 단위(RCU)"},
                {"Provisioned mode: read capacity units a second of each GSI, for the queries on it.",
                 "프로비저닝 모드에서 글로벌 보조 인덱스마다의 초당 읽기 용량 단위이며, 인덱스 쿼리에 씁니다."},
                "", 1, kTableQuota, kDefaultProvisioned, {}, "DynamoDB / Indexes", 0, false, ""},
      ParamSpec{"gsi_write_capacity", ParamType::Int, {"GSI write capacity (WCU)", "GSI 쓰기 용량 단위(WCU)"},
                {"Provisioned mode: write capacity units a second of each GSI. Every table write of an item the index "
                 "holds consumes them too; AWS advises at least the table's write capacity.",
                 "프로비저닝 모드에서 글로벌 보조 인덱스마다의 초당 쓰기 용량 단위입니다. 인덱스가 담는 항목을 테이블에 "
                 "쓸 때마다 이 용량도 소비하므로, AWS는 테이블 쓰기 용량 이상으로 두라고 권합니다."},
                "", 1, kTableQuota, kDefaultProvisioned, {}, "DynamoDB / Indexes", 0, false, ""},
      ParamSpec{"gsi_write_share", ParamType::Float, {"Writes into each GSI", "GSI에 들어가는 쓰기 비율"},
                {"The share of writes whose item has the index's key attribute and so goes into each GSI (1: all; "
                 "less: a sparse index).",
                 "항목에 인덱스 키 속성이 있어 각 글로벌 보조 인덱스에 들어가는 쓰기의 비율입니다(1이면 모두, 더 작으면 "
                 "희소 인덱스)."},
                "", 0, 1, 1, {}, "", 0, false, ""},
      ParamSpec{"gsi_partition_keys", ParamType::Int, {"GSI partition key values", "GSI 파티션 키 값 수"},
                {"How many distinct values the GSIs' partition key has (a status has 3, a user id millions); each "
                 "index partition takes 1,000 write units a second. 0: as many as the table's keys.",
                 "글로벌 보조 인덱스 파티션 키의 서로 다른 값 수입니다(상태는 3개, 사용자 ID는 수백만 개). 인덱스 파티션"
                 "마다 초당 쓰기 1,000단위를 받습니다. 0이면 테이블 키만큼입니다."},
                "", 0, 1e9, 0, {}, "DynamoDB / Partition limit", 0, false, ""},
      ParamSpec{"index_read_share", ParamType::Float, {"Reads that query a GSI", "GSI를 쿼리하는 읽기 비율"},
                {"The share of reads that are a Query on a GSI (spread over the GSIs) instead of a GetItem on the "
                 "table: they consume the index's read capacity, eventually consistent (half a unit per 4 KB), and may "
                 "return an item as it was before a write not yet propagated.",
                 "테이블의 GetItem 대신 글로벌 보조 인덱스를 쿼리하는 읽기의 비율입니다(인덱스들에 나눕니다). 인덱스의 "
                 "읽기 용량을 최종 일관성으로(4KB마다 0.5단위) 소비하며, 아직 전파되지 않은 쓰기 이전의 항목을 돌려줄 수 "
                 "있습니다."},
                "", 0, 1, 0, {}, "DynamoDB / Indexes", 0, false, ""},
      ParamSpec{"lsi_count", ParamType::Int, {"Local secondary indexes", "로컬 보조 인덱스 수"},
                {"LSIs on the table (at most 5; defined when the table is created, never added later). They live in "
                 "the table's partitions and use its capacity: each write consumes its units once more per LSI. Every "
                 "partition key value's items and their LSI entries (an item collection) hold at most 10 GB.",
                 "테이블의 로컬 보조 인덱스(LSI) 수입니다(최대 5개이며, 테이블을 만들 때만 정할 수 있고 나중에 추가할 수 "
                 "없습니다). 테이블의 파티션 안에 있고 테이블 용량을 쓰므로, 쓰기마다 LSI 하나당 쓰기 단위를 한 번 더 "
                 "소비합니다. 파티션 키 값 하나의 항목과 그 LSI 항목(항목 컬렉션)은 최대 10GB입니다."},
                "", 0, 0, 0, {}, "DynamoDB / Indexes", 0, false, ""},
      ParamSpec{"lsi_read_share", ParamType::Float, {"Reads that query an LSI", "LSI를 쿼리하는 읽기 비율"},
                {"The share of reads that are a Query on an LSI: on the table's read capacity, with the table's read "
                 "consistency (an LSI may be read strongly consistent).",
                 "로컬 보조 인덱스를 쿼리하는 읽기의 비율입니다. 테이블의 읽기 용량을 테이블의 읽기 일관성으로 "
                 "소비합니다(LSI는 강력한 일관성으로 읽을 수 있습니다)."},
                "", 0, 1, 0, {}, "DynamoDB / Indexes", 0, false, ""},
      ParamSpec{"item_collection_gb", ParamType::Float, {"Item collection at start", "시작 시 항목 컬렉션 크기"},
                {"With an LSI: the size each partition key value's items and LSI entries already have when the run "
                 "starts. Writes add to it; one that would take it over 10 GB is refused.",
                 "LSI가 있을 때 실행 시작 시점에 파티션 키 값마다 항목과 LSI 항목이 이미 차지한 크기입니다. 쓰기가 "
                 "더해지며, 10GB를 넘기게 되는 쓰기는 거절됩니다."},
                "GB", 0, 10, 0, {}, "", 0, false, ""},
      ParamSpec{"stream_enabled", ParamType::Bool, {"DynamoDB stream", "DynamoDB 스트림"},
                {"Each served write becomes a stream record, once and in order per item, kept 24 hours. Lambda "
                 "functions read it over a poll wire from the table (an event source mapping); records they have not "
                 "read within 24 hours are lost.",
                 "처리된 쓰기마다 스트림 레코드가 하나씩, 항목별로 순서대로 생기며 24시간 보관됩니다. Lambda 함수는 "
                 "테이블에서 나가는 폴링 연결(이벤트 소스 매핑)로 읽으며, 24시간 안에 읽지 못한 레코드는 사라집니다."},
                "", 0, 0, false, {}, "DynamoDB / Streams", 0, false, ""},
      ParamSpec{"auto_scaling", ParamType::Bool, {"Auto scaling", "Auto Scaling 사용"},
                {"Provisioned mode: target tracking of the table's read and write capacity, and each GSI's: over the "
                 "target utilisation for 2 minutes the capacity is raised to consumed / target; more than 20 points "
                 "under it for 15 minutes it is lowered (4 decreases a day, then one an hour), within the minimum and "
                 "maximum below.",
                 "프로비저닝 모드에서 테이블과 글로벌 보조 인덱스마다 읽기·쓰기 용량을 목표 추적으로 조정합니다. 사용률이 2분 "
                 "동안 목표를 넘으면 용량을 소비량 ÷ 목표로 올리고, 15분 동안 목표보다 20%p 넘게 낮으면 내립니다(감소는 하루 "
                 "4번, 그 뒤로는 한 시간에 한 번). 아래의 최솟값과 최댓값 안에서 조정합니다."},
                "", 0, 0, false, {}, "", 0, false, ""},
      ParamSpec{"target_utilization", ParamType::Int, {"Target utilisation", "목표 사용률"},
                {"Auto scaling: the share of the provisioned capacity it aims to consume.",
                 "Auto Scaling이 소비하려는 프로비저닝 용량의 비율입니다."},
                "%", 20, 90, 70, {}, "", 0, false, ""},
      ParamSpec{"auto_scaling_min_capacity", ParamType::Int, {"Auto scaling minimum", "Auto Scaling 최솟값"},
                {"Auto scaling: the fewest capacity units a second it sets, for each side of the table and of each GSI "
                 "(the capacity set above is where it starts).",
                 "Auto Scaling이 테이블과 각 글로벌 보조 인덱스의 읽기·쓰기마다 정할 수 있는 최소 초당 용량 단위입니다"
                 "(위에서 정한 용량에서 시작합니다)."},
                "", 1, kTableQuota, 1, {}, "", 0, false, ""},
      ParamSpec{"auto_scaling_max_capacity", ParamType::Int, {"Auto scaling maximum", "Auto Scaling 최댓값"},
                {"Auto scaling: the most capacity units a second it sets, for each side of the table and of each GSI.",
                 "Auto Scaling이 테이블과 각 글로벌 보조 인덱스의 읽기·쓰기마다 정할 수 있는 최대 초당 용량 단위입니다."},
                "", 1, kTableQuota, kTableQuota, {}, "DynamoDB / Table quota", 0, false, ""},
  };
  d.validate = validate_params;
  d.validate_document = validate_stream_wires;
  d.traits = static_cast<sim::Traits>(sim::Trait::Stream);  // read shard by shard, as a Kinesis stream
  d.target_roles = {catalog::RoleSpec{}};  // callers read and write items
  d.source_roles = {catalog::RoleSpec{WireRole::Poll, {}, {"lambda"}, nullptr}};  // functions poll its stream
  d.metric_applies = [](const std::string& key, const json& p) {
    if (key.rfind("gsi_", 0) == 0 || key == "index_reads" || key == "stale_index_reads" || key == "index_propagation_ms")
      return catalog::param_number(p, "gsi_count") > 0;
    if (key.rfind("stream_", 0) == 0) return catalog::param_bool(p, "stream_enabled");
    if (key == "scaling_activities") return catalog::param_bool(p, "auto_scaling");
    if (key == "lsi_reads" || key == "item_collection_full" || key == "largest_item_collection_gb")
      return catalog::param_number(p, "lsi_count") > 0;
    return true;
  };
  d.lint_rules = {{"dynamodb-low-cardinality-key", few_keys_advice},
                  {"dynamodb-provisioned-below-demand", below_demand_advice},
                  {"dynamodb-gsi-write-below-table", gsi_write_advice}};
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
      metric("index_reads", K::Counter, {"Index queries", "인덱스 쿼리"}, reqs,
             {"Reads served by a global secondary index (a Query on it), counted in the reads too.",
              "글로벌 보조 인덱스가 처리한 읽기(인덱스 쿼리)이며, 읽기에도 함께 셉니다."}),
      metric("stale_index_reads", K::Counter, {"Stale index queries", "이전 값을 읽은 인덱스 쿼리"}, reqs,
             {"Index queries of a key whose last write had not reached the index yet: they returned the item as it "
              "was (eventual consistency).",
              "마지막 쓰기가 아직 인덱스에 전파되지 않은 키를 쿼리해 이전 항목을 돌려받은 인덱스 쿼리입니다(최종 "
              "일관성)."}),
      metric("gsi_write_units_consumed", K::Counter, {"GSI write units consumed", "GSI가 소비한 쓰기 단위"}, units,
             {"Write units the global secondary indexes consumed for the copies of the table's writes, all indexes "
              "together.",
              "글로벌 보조 인덱스들이 테이블 쓰기의 사본을 받느라 소비한 쓰기 단위를 모두 더한 값입니다."}),
      metric("gsi_throttled_writes", K::Counter, {"Writes throttled by a GSI", "GSI 때문에 스로틀링된 쓰기"}, reqs,
             {"Table writes refused because a global secondary index had no write capacity left for the item's copy "
              "(GSI back-pressure, IndexWriteProvisionedThroughputExceeded); counted in the throttled writes too.",
              "글로벌 보조 인덱스에 항목 사본을 받을 쓰기 용량이 남지 않아 거절된 테이블 쓰기입니다(GSI 백프레셔, "
              "\"IndexWriteProvisionedThroughputExceeded\"). 스로틀링된 쓰기에도 함께 셉니다."}),
      metric("gsi_throttled_reads", K::Counter, {"Throttled index queries", "스로틀링된 인덱스 쿼리"}, reqs,
             {"Queries on a global secondary index refused because the index was over its read capacity; the "
              "table's own reads are not affected.",
              "글로벌 보조 인덱스가 읽기 용량을 넘어 거절된 인덱스 쿼리입니다. 테이블 자체의 읽기에는 영향이 "
              "없습니다."}),
      metric("gsi_capacity_use", K::Gauge, {"Busiest GSI's use", "가장 바쁜 GSI 사용률"}, {"%", "%"},
             {"The busiest global secondary index last second: its units as a share of its capacity, or its busiest "
              "partition's share of 1,000 write / 3,000 read units, whichever is higher.",
              "지난 1초 동안 가장 바빴던 글로벌 보조 인덱스의 사용률입니다. 용량 대비 소비 단위와 가장 바쁜 파티션의 "
              "한도(쓰기 1,000, 읽기 3,000단위) 대비 비율 중 큰 쪽입니다."}),
      metric("index_propagation_ms", K::Gauge, {"Index propagation delay", "인덱스 전파 지연"}, {"ms", "밀리초"},
             {"The longest time last second between a table write and its copy showing in a GSI.",
              "지난 1초 동안 테이블에 쓴 항목이 글로벌 보조 인덱스에 보이기까지 걸린 가장 긴 시간입니다."}),
      metric("lsi_reads", K::Counter, {"LSI queries", "LSI 쿼리"}, reqs,
             {"Reads that were a Query on a local secondary index, on the table's capacity; counted in the reads too.",
              "테이블 용량으로 처리한 로컬 보조 인덱스 쿼리이며, 읽기에도 함께 셉니다."}),
      metric("item_collection_full", K::Counter, {"Item collection full", "항목 컬렉션 초과"}, reqs,
             {"Writes refused because the item collection of their partition key value (items and LSI entries) "
              "would go over 10 GB (ItemCollectionSizeLimitExceededException).",
              "파티션 키 값의 항목 컬렉션(항목과 LSI 항목)이 10GB를 넘게 되어 거절된 쓰기입니다"
              "(ItemCollectionSizeLimitExceededException)."}),
      metric("largest_item_collection_gb", K::Gauge, {"Largest item collection", "가장 큰 항목 컬렉션"}, {"GB", "GB"},
             {"The largest item collection (a partition key value's items and LSI entries); at 10 GB its writes are "
              "refused.",
              "가장 큰 항목 컬렉션(파티션 키 값 하나의 항목과 LSI 항목)의 크기입니다. 10GB가 되면 그 쓰기가 "
              "거절됩니다."}),
      metric("scaling_activities", K::Counter, {"Scaling activities", "조정 활동"}, {"changes", "회"},
             {"Times auto scaling changed a capacity (the table's or a GSI's, reads or writes).",
              "Auto Scaling이 용량(테이블이나 글로벌 보조 인덱스의 읽기 또는 쓰기)을 바꾼 횟수입니다."}),
      metric("stream_records", K::Counter, {"Stream records", "스트림 레코드"}, {"records", "건"},
             {"Changes written to the table's stream: one per served write.",
              "테이블 스트림에 기록된 변경입니다. 처리된 쓰기마다 하나씩입니다."}),
      metric("stream_records_read", K::Counter, {"Stream records read", "읽은 스트림 레코드"}, {"records", "건"},
             {"Stream records handed to the consumers, batches handed out again included.",
              "소비자에게 넘긴 스트림 레코드이며 다시 넘긴 배치도 포함합니다."}),
      metric("stream_iterator_age_s", K::Gauge, {"Stream iterator age", "스트림 반복기 경과 시간"}, {"s", "초"},
             {"How far the slowest consumer is behind: the age of the oldest stream record it has not checkpointed "
              "(Lambda's IteratorAge). At 24 hours records are lost.",
              "가장 느린 소비자가 얼마나 뒤처졌는지, 곧 아직 체크포인트하지 않은 가장 오래된 스트림 레코드의 경과 "
              "시간입니다(Lambda의 \"IteratorAge\"). 24시간이 되면 레코드가 사라집니다."}),
      metric("stream_records_lost", K::Counter, {"Stream records lost", "사라진 스트림 레코드"}, {"records", "건"},
             {"Stream records deleted after 24 hours before a consumer read them.",
              "소비자가 읽기 전에 24시간이 지나 삭제된 스트림 레코드입니다."}),
  };
  for (const char* k : {"index_reads", "stale_index_reads", "gsi_write_units_consumed", "gsi_throttled_writes",
                        "gsi_throttled_reads", "gsi_capacity_use", "index_propagation_ms"})
    for (catalog::MetricSpec& s : d.metrics)
      if (s.key() == k) s.only_when = {"tables with global secondary indexes", "글로벌 보조 인덱스가 있는 테이블"};
  for (const char* k : {"lsi_reads", "item_collection_full", "largest_item_collection_gb"})
    for (catalog::MetricSpec& s : d.metrics)
      if (s.key() == k) s.only_when = {"tables with local secondary indexes", "로컬 보조 인덱스가 있는 테이블"};
  for (catalog::MetricSpec& s : d.metrics)
    if (s.key() == "scaling_activities") s.only_when = {"tables with auto scaling", "Auto Scaling을 쓰는 테이블"};
  for (const char* k : {"stream_records", "stream_records_read", "stream_iterator_age_s", "stream_records_lost"})
    for (catalog::MetricSpec& s : d.metrics)
      if (s.key() == k) s.only_when = {"tables with a stream", "스트림이 있는 테이블"};
  // Live during a run: what is served, what is throttled, and whether one partition is the cause.
  using Live = catalog::MetricLive;
  catalog::show_live(d, "reads", Live::Rate, {"reads", "읽기"});
  catalog::show_live(d, "writes", Live::Rate, {"writes", "쓰기"});
  catalog::show_live(d, "throttled_reads", Live::Value, {"read throttles", "읽기 스로틀링"});
  catalog::show_live(d, "throttled_writes", Live::Value, {"write throttles", "쓰기 스로틀링"});
  catalog::show_live(d, "busiest_partition_use", Live::Value, {"busiest partition", "최다 파티션"});
  catalog::show_live(d, "capacity_use", Live::Value, {"capacity use", "용량 사용률"});
  catalog::show_live(d, "gsi_throttled_writes", Live::Value, {"GSI throttles", "GSI 스로틀링"});
  catalog::show_live(d, "gsi_capacity_use", Live::Value, {"busiest GSI", "최다 GSI"});
  catalog::show_live(d, "stream_iterator_age_s", Live::Value, {"stream behind", "스트림 지연"});
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
