#include "core/services/aurora.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <deque>
#include <unordered_map>

#include "core/doc/goals.h"
#include "core/doc/messages.h"
#include "core/services/db_instance.h"
#include "core/sim/simulation.h"

namespace cp::services {

using namespace cp::sim;
using nlohmann::json;

namespace {

// AWS-FACTS: Aurora / Storage — six copies, two in each of three AZs.
constexpr int kCopies = 6;
constexpr int kCopiesPerAz = 2;
// AWS-FACTS: Aurora / Quorum — write 4/6, read 3/6.
constexpr int kWriteQuorum = 4;
constexpr int kReadQuorum = 3;
// AWS-FACTS: Aurora / Replicas — up to 15; failover priority tiers 0-15 (the console's
// default for a new replica is tier 1, ⚠ not in AWS-FACTS).
constexpr int kMaxReplicas = 15;
constexpr int kMaxTier = 15;
constexpr int kDefaultTier = 1;
// Aurora Standard, us-east-1: storage per GB-month and I/O per million requests (Aurora
// pricing page, ⚠ a 2026 reading, not in AWS-FACTS).
constexpr double kStorageUsdPerGbMonth = 0.10;
constexpr double kIoUsdPerMillion = 0.20;

// An Aurora DB instance class (Aurora MySQL, on demand, us-east-1, ⚠ a 2026 reading of
// the pricing page; max_connections is Aurora MySQL's default for the class, from the
// Aurora user guide, ⚠ not in AWS-FACTS).
struct AuroraClass {
  const char* key;
  int vcpus;
  double memory_gib;
  int64_t max_connections;
  double usd_per_hour;
};
const std::array<AuroraClass, 7> kClasses = {{
    {"db.t3.medium", 2, 4, 90, 0.082},
    {"db.t4g.medium", 2, 4, 90, 0.073},
    {"db.r5.large", 2, 16, 1000, 0.29},
    {"db.r5.xlarge", 4, 32, 2000, 0.58},
    {"db.r5.2xlarge", 8, 64, 3000, 1.16},
    {"db.r6g.large", 2, 16, 1000, 0.26},
    {"db.r6g.xlarge", 4, 32, 2000, 0.519},
}};

const AuroraClass& aurora_class(const std::string& key) {
  for (const AuroraClass& c : kClasses)
    if (key == c.key) return c;
  return kClasses[2];
}

// Aurora Serverless v2: instance class db.serverless, capacity in Aurora capacity units.
// AWS-FACTS: Aurora / Serverless v2 — 0 (auto-pause) or 0.5-256 ACU in 0.5 steps, pause
// after 300-86,400 s idle. The rest is ⚠ not in AWS-FACTS: an ACU is about 2 GiB of memory
// "with corresponding CPU", taken here as a quarter of a vCPU; $0.12 per ACU-hour (Aurora
// Standard, us-east-1, a 2026 reading of the pricing page); resuming takes about 15 s (the
// user guide); scaling aims at 70% of capacity, up by half (at least 1 ACU) and down by 5%
// (at least 0.5 ACU) a second: this simulator's pace, not AWS's.
constexpr const char* kServerlessClass = "db.serverless";
constexpr double kAcuStep = 0.5;
constexpr double kMaxAcu = 256;
constexpr double kAcuPerVcpu = 4;
constexpr double kUsdPerAcuHour = 0.12;
constexpr double kResumeS = 15;
constexpr double kTargetUtilization = 0.7;
constexpr double kScaleUpShare = 0.5, kScaleUpMinAcu = 1;
constexpr double kScaleDownShare = 0.05, kScaleDownMinAcu = 0.5;

// Aurora Global Database. AWS-FACTS: Aurora / Global Database — up to 10 secondary
// Regions, lag under 1 s, 16 replicas per secondary. ⚠ Not in AWS-FACTS: the secondary's
// storage applies what arrives in 50-150 ms (this simulator's, on top of the Regions'
// network latency), and a failover to a secondary takes 30-60 s (AWS: "typically under a
// minute" of recovery time).
constexpr int kMaxSecondaries = 10;
constexpr double kGlobalApplyMinMs = 50, kGlobalApplyMaxMs = 150;
constexpr double kGlobalFailoverMinS = 30, kGlobalFailoverMaxS = 60;
// The node action's index in the descriptor's actions.
constexpr int kActionGlobalFailover = 0;
// The global failover's timer: kFailoverDone on a slot no instance has (at most 16: 0-15,
// and a secondary's 16th instance never gets the writer's failover timer).
constexpr uint32_t kGlobalSlot = 15;

// A capacity on the 0.5 ACU grid, rounded up (enough for what was asked).
double acu_step_up(double acu) { return std::ceil(acu / kAcuStep - 1e-9) * kAcuStep; }

// Aurora MySQL's max_connections for a Serverless v2 instance, by the memory of its
// maximum capacity (2 GiB an ACU) on the classes' ladder (⚠ not in AWS-FACTS).
int64_t serverless_max_connections(double max_acu) {
  const double gib = max_acu * 2;
  return gib <= 4 ? 90 : gib <= 16 ? 1000 : gib <= 32 ? 2000 : 3000;
}

std::vector<std::string> class_keys() {
  std::vector<std::string> keys = class_keys_of(kClasses);
  keys.emplace_back(kServerlessClass);
  return keys;
}

// Timers: kind in the low 2 bits, the instance's slot in the next 4, its epoch above.
// Work begun on an instance before it went away finds the epoch changed and fails.
enum TimerKind : uint16_t { kServed = 0, kCommitted = 1, kFailoverDone = 2, kResumed = 3 };
constexpr uint32_t kEpochMask = 0x3ff;
constexpr uint16_t timer_of(TimerKind k, uint32_t slot, uint32_t epoch) {
  return static_cast<uint16_t>(k | (slot & 0xf) << 2 | (epoch & kEpochMask) << 6);
}
constexpr TimerKind kind_of(uint16_t t) { return static_cast<TimerKind>(t & 3); }
constexpr uint32_t slot_of(uint16_t t) { return (t >> 2) & 0xf; }
constexpr uint32_t epoch_of(uint16_t t) { return t >> 6; }

struct Settings {
  const AuroraClass* cls = &kClasses[2];
  int replicas = 1;
  int zone = 1;
  bool reads_to_reader_endpoint = true;
  double storage_gb = 100;
  double lag_min_ms = 10, lag_max_ms = 20;  // AWS-FACTS: Aurora / Replica lag — 10–20 ms
  QueryEngine engine;
  // Serverless v2 (instance class db.serverless): every instance at the same capacity.
  bool serverless = false;
  double min_acu = 0.5, max_acu = 16, pause_after_s = 300;
  // A global database's secondary: fail over by itself when the primary's Region is down.
  bool failover_on_region_outage = false;
  std::vector<int> tiers;  // the replicas' promotion tiers, in order (the rest: kDefaultTier)
};

using catalog::metric;
using catalog::ParamSpec;
using catalog::ParamType;

class AuroraCluster final : public ModelBase<AuroraCluster> {
public:
  explicit AuroraCluster(Settings s) : s_(std::move(s)) {}

  void start(Simulation& sim) override {
    reads_c_ = sim.counter(id(), "reads");
    writes_c_ = sim.counter(id(), "writes");
    refused_c_ = sim.counter(id(), "connections_refused");
    failovers_c_ = sim.counter(id(), "failovers");
    stale_c_ = sim.counter(id(), "stale_reads");
    quorum_c_ = sim.counter(id(), "quorum_failures");
    replica_reads_c_ = sim.counter(id(), "replica_reads");
    copies_g_ = sim.gauge(id(), "storage_copies_up");
    acu_g_ = sim.gauge(id(), "capacity_acu");
    replicas_g_ = sim.gauge(id(), "replicas_available");
    lag_g_ = sim.gauge(id(), "replica_lag_ms");
    connections_g_ = sim.gauge(id(), "connections");
    azs_ = sim.topology().azs_in(sim.info(id()).placement.region);
    // The volume's copies: two in each of (up to) three of the Region's AZs, from the first.
    // AWS always spreads them over three AZs; a Region drawn with fewer gets them round-robin.
    for (int i = 0; i < kCopies && !azs_.empty(); ++i)
      copy_azs_.push_back(azs_[static_cast<size_t>(i / kCopiesPerAz) % std::min<size_t>(3, azs_.size())]);
    // The writer in its zone, the replicas in the AZs after it in turn (as the console spreads them).
    for (int i = 0; i <= s_.replicas; ++i) {
      Instance in;
      in.az = nth_az(azs_, s_.zone, i);
      in.q = s_.engine;
      if (i > 0 && static_cast<size_t>(i - 1) < s_.tiers.size()) in.tier = s_.tiers[static_cast<size_t>(i - 1)];
      instances_.push_back(std::move(in));
    }
    writer_ = 0;
    for (const Instance& in : instances_) instance_up_.push_back(az_up(sim, in));
    // A global database: replicate wires out go to secondary clusters in other Regions; one
    // in makes this cluster a secondary, read-only until it is failed over to.
    for (ConnId c : sim.outgoing(id()))
      if (sim.connection(c).role == WireRole::Replicate) secondaries_.push_back(c);
    for (ConnId c : sim.incoming(id()))
      if (sim.connection(c).role == WireRole::Replicate) {
        global_ = Global::Secondary;
        primary_region_ = sim.info(sim.connection(c).from).placement.region;
      }
    global_lag_g_ = sim.gauge(id(), "global_lag_ms");
    writes_refused_c_ = sim.counter(id(), "writes_refused");
    changes_lost_c_ = sim.counter(id(), "global_changes_lost");
    sim.metrics(id()).capacity = s_.engine.workers * static_cast<int64_t>(instances_.size());
    lag_ms_ = s_.lag_min_ms;
    work_s_.assign(instances_.size(), 0.0);
    if (s_.serverless) {
      // A new instance runs at its minimum (0.5 ACU when it may pause) until load or idleness moves it.
      acu_ = std::max(kAcuStep, s_.min_acu);
      apply_capacity(sim);
      sim.metrics(id()).set(acu_g_, acu_);
    }
  }

  void on_request(Simulation& sim, ReqHandle h) override {
    const Request& r = sim.request(h);
    if (r.conn.valid() && sim.connection(r.conn).role == WireRole::Replicate) {
      receive_global_change(sim, r);
      sim.respond(h, Outcome::Ok);  // storage-level replication: the primary does not wait
      return;
    }
    const bool read = r.kind == RequestKind::Read;
    if (!read && global_ != Global::Primary) {
      // A secondary cluster is read-only; while failing over to it, writes wait for nobody.
      if (global_ == Global::FailingOver) return sim.respond(h, Outcome::Unreachable);
      sim.metrics(id()).add(writes_refused_c_);
      if (!warned_read_only_) log_secondary_read_only(sim);
      return sim.respond(h, Outcome::Rejected);  // ERROR 1290: --read-only
    }
    if (read) apply_global_changes(sim.now());
    const int copies = copies_up(sim);
    if (copies < (read ? kReadQuorum : kWriteQuorum)) {
      sim.metrics(id()).add(quorum_c_);
      log_quorum(sim, copies);
      sim.respond(h, Outcome::ServerError);  // the volume cannot reach its quorum
      return;
    }
    const int slot = read && s_.reads_to_reader_endpoint ? reader_slot(sim) : writer_available() ? writer_ : -1;
    if (slot < 0) {
      sim.respond(h, Outcome::Unreachable);  // no instance behind the endpoint right now
      return;
    }
    Instance& in = instances_[static_cast<size_t>(slot)];
    QueryEngine& q = in.q;
    if (q.connections >= q.max_connections) {
      sim.metrics(id()).add(refused_c_);
      sim.respond(h, Outcome::Throttled);  // ERROR 1040: Too many connections
      return;
    }
    ++q.connections;
    // What this query asks of a vCPU, for Serverless v2's scaling.
    work_s_[static_cast<size_t>(slot)] += read ? q.read_time.mean() : q.write_time.mean();
    ++arrivals_this_second_;
    if (paused_) resume(sim);  // the query waits for the instance to resume
    if (q.busy < q.workers && !paused_) {
      begin(sim, slot, h);
    } else {
      q.waiting.push_back(h);
      ++sim.metrics(id()).waited;
      update_queue(sim);
    }
  }

  void on_timer(Simulation& sim, uint16_t timer, uint64_t payload) override {
    const TimerKind kind = kind_of(timer);
    if (kind == kFailoverDone) {
      if (slot_of(timer) == kGlobalSlot) return complete_global_failover(sim);
      if (epoch_of(timer) == (failover_epoch_ & kEpochMask)) complete_failover(sim);
      return;
    }
    if (kind == kResumed) return resumed(sim);
    const size_t slot = slot_of(timer);
    if (slot >= instances_.size()) return;
    Instance& in = instances_[slot];
    const bool current = epoch_of(timer) == (in.epoch & kEpochMask);
    const ReqHandle h{payload};
    if (kind == kServed) {
      if (current) release_worker(sim, slot);
      if (!current) return sim.respond(h, Outcome::Unreachable);  // the instance it ran on went away
      if (sim.request(h).kind != RequestKind::Read) {
        // The commit waits for four of the six copies: the writer's AZ holds two, so the
        // fourth acknowledgement is always a cross-AZ round trip away.
        sim.schedule_timer(id(), sim.now() + 2 * sim.topology().table().cross_az,
                           timer_of(kCommitted, static_cast<uint32_t>(slot), in.epoch), h.v);
        return;
      }
      answer(sim, slot, h);
    } else if (kind == kCommitted) {
      if (!current) return sim.respond(h, Outcome::Unreachable);
      if (copies_up(sim) < kWriteQuorum) {
        // The quorum was lost while the write waited for it.
        drop_connection(slot);
        sim.metrics(id()).add(quorum_c_);
        return sim.respond(h, Outcome::ServerError);
      }
      answer(sim, slot, h);
    }
  }

  void on_second(Simulation& sim) override {
    NodeMetrics& m = sim.metrics(id());
    // Every instance is billed, available or not (AWS re-creates a lost one): by its class,
    // or by the ACUs it ran at this second (none while paused); storage by its size, I/O
    // by the requests that reached the volume this second.
    const double instance_usd_per_hour = s_.serverless ? acu_ * kUsdPerAcuHour : s_.cls->usd_per_hour;
    m.cost_usd += instance_usd_per_hour * static_cast<double>(instances_.size()) / kDbSecondsPerHour +
                  s_.storage_gb * kStorageUsdPerGbMonth / kDbSecondsPerMonth +
                  static_cast<double>(ios_this_second_) * kIoUsdPerMillion / 1e6;
    ios_this_second_ = 0;
    if (s_.serverless) scale(sim);
    watch_azs(sim);
    watch_global(sim);
    lag_ms_ = s_.lag_min_ms + (s_.lag_max_ms - s_.lag_min_ms) * sim.rng().next_double();
    copies_seen_ = copies_up(sim);
    m.set(copies_g_, copies_seen_);
    m.set(replicas_g_, static_cast<double>(replicas_available()));
    m.set(lag_g_, replicas_available() > 0 ? lag_ms_ : 0.0);
    int64_t connections = 0;
    for (const Instance& in : instances_) connections += in.q.connections;
    m.set(connections_g_, static_cast<double>(connections));
    // The quorum message is logged once per loss; a volume back at quorum may lose it again.
    if (quorum_logged_ && copies_up(sim) >= kWriteQuorum) quorum_logged_ = false;
  }

  void on_parts_failed(Simulation& sim, int failed) override {
    failed_copies_ = std::clamp(failed, 0, kCopies);
    const int up = copies_up(sim);
    const std::string c = std::to_string(up);
    if (failed_copies_ > 0)
      sim.log(id(), LogKind::Fault,
              std::to_string(failed_copies_) + (failed_copies_ == 1 ? " storage copy of " : " storage copies of ") +
                  sim.info(id()).name + " failed: " + c +
                  " of 6 are up (writes need 4, reads 3)",
              doc::with_topic(sim.info(id()).name) + " 스토리지 사본 " + std::to_string(failed_copies_) + "개에 장애가 났습니다. 6개 중 " +
                  c + "개가 살아 있습니다(쓰기에는 4개, 읽기에는 3개 필요)")
          .because("fault")
          .field("copies", up);
    else
      sim.log(id(), LogKind::Fault,
              "The failed storage copies of " + sim.info(id()).name + " are repaired: " + c + " of 6 are up",
              doc::with_topic(sim.info(id()).name) + " 장애가 났던 스토리지 사본을 복구했습니다. 6개 중 " + c + "개가 살아 있습니다")
          .because("fault")
          .field("copies", up);
    copies_seen_ = up;
    sim.metrics(id()).set(copies_g_, up);
    if (quorum_logged_ && up >= kWriteQuorum) quorum_logged_ = false;
  }

  void on_up_changed(Simulation& sim, bool up) override {
    if (up) return;
    for (size_t i = 0; i < instances_.size(); ++i) reset_instance(sim, i);  // the whole cluster stopped
  }

  StatusText status() const override {
    std::string copies_en, copies_ko;
    if (copies_seen_ < kCopies) {
      const std::string c = std::to_string(copies_seen_) + "/6";
      if (copies_seen_ >= kWriteQuorum)
        copies_en = "; storage " + c + " copies: reads and writes go on (write quorum 4/6)",
        copies_ko = ". 스토리지 사본 " + c + ": 쓰기 쿼럼(4/6)이 남아 읽기와 쓰기가 계속됩니다";
      else if (copies_seen_ >= kReadQuorum)
        copies_en = "; storage " + c + " copies: read-only, writes fail (write quorum 4/6 lost)",
        copies_ko = ". 스토리지 사본 " + c + ": 쓰기 쿼럼(4/6)을 잃어 읽기만 되고 쓰기는 실패합니다";
      else
        copies_en = "; storage " + c + " copies: reads and writes fail (read quorum 3/6 lost)",
        copies_ko = ". 스토리지 사본 " + c + ": 읽기 쿼럼(3/6)까지 잃어 읽기와 쓰기가 모두 실패합니다";
    }
    if (phase_ == Phase::FailingOver) {
      const std::string since = doc::clock_text(to_seconds(failover_began_));
      if (promoting_ >= 0)
        return {"Failing over since " + since + ": promoting the replica in " + target_name_ +
                    " to writer (typically under 30-60 s); writes fail until then" + copies_en,
                "장애 조치 중입니다(" + since + "부터). " + target_name_ +
                    "의 복제본을 쓰기 인스턴스로 승격하는 중이며(보통 30~60초 이내), 그때까지 쓰기가 실패합니다" + copies_ko};
      return {"Failing over since " + since + ": no replica, so the writer is being re-created in " + target_name_ +
                  " (typically under 10 minutes); every query fails until then" + copies_en,
              "장애 조치 중입니다(" + since + "부터). 복제본이 없어서 " + doc::with_object(target_name_ + "에 쓰기 인스턴스") +
                  " 다시 만드는 중이며(보통 10분 이내), 그때까지 모든 쿼리가 실패합니다" + copies_ko};
    }
    if (phase_ == Phase::Down)
      return {"Unavailable: no AZ of its Region can hold a writer" + copies_en,
              "사용할 수 없습니다. 쓰기 인스턴스를 둘 수 있는 가용 영역이 리전에 없습니다" + copies_ko};
    const std::string w = writer_name_;
    const size_t n = replicas_available();
    std::string acu_en, acu_ko;
    if (s_.serverless) {
      const std::string range = doc::format_number(s_.min_acu) + "-" + doc::format_number(s_.max_acu);
      const std::string range_ko = doc::format_number(s_.min_acu) + "~" + doc::format_number(s_.max_acu);
      if (resuming_)
        acu_en = "; Serverless v2 resuming from a pause (about 15 s, queries wait)",
        acu_ko = ". Serverless v2가 일시 중지에서 재개하는 중입니다(약 15초, 쿼리는 기다립니다)";
      else if (paused_)
        acu_en = "; Serverless v2 paused at 0 ACU (no compute billed); the next query resumes it",
        acu_ko = ". Serverless v2가 0 ACU로 일시 중지되었습니다(컴퓨팅 요금 없음). 다음 쿼리가 오면 재개합니다";
      else
        acu_en = "; Serverless v2 at " + doc::format_number(acu_) + " ACU (" + range + ")",
        acu_ko = ". Serverless v2 용량 " + doc::format_number(acu_) + " ACU(" + range_ko + ")";
    }
    if (global_ == Global::FailingOver)
      return {"Secondary cluster of a global database, being failed over to since " +
                  doc::clock_text(to_seconds(global_failover_began_)) + ": reads go on, writes fail until it is the primary" +
                  copies_en,
              doc::clock_text(to_seconds(global_failover_began_)) + "부터 이 보조 클러스터로 글로벌 데이터베이스를 장애 조치하는 "
                  "중입니다. 읽기는 계속되고, 기본 클러스터가 될 때까지 쓰기는 실패합니다" + copies_ko};
    if (global_ == Global::Secondary) {
      const std::string lag = doc::format_number(std::round(last_global_lag_ms_));
      return {"Secondary cluster of a global database: read-only, " + std::to_string(n + 1) + " instances in " + w +
                  " and after, about " + lag + " ms behind the primary Region" + acu_en + copies_en,
              "글로벌 데이터베이스의 보조 클러스터입니다. 읽기 전용이며 인스턴스 " + std::to_string(n + 1) + "개(" + w +
                  "부터), 기본 리전보다 약 " + lag + "밀리초 뒤처져 있습니다" + acu_ko + copies_ko};
    }
    if (promoted_global_) acu_en = " (the global database's primary after a failover)" + acu_en,
                          acu_ko = "(장애 조치 후 글로벌 데이터베이스의 기본 클러스터)" + acu_ko;
    return {"Writer in " + w + ", " + std::to_string(n) + (n == 1 ? " replica" : " replicas") + " available" +
                (failed_over_ ? " (after a failover)" : "") + acu_en + copies_en,
            "쓰기 인스턴스: " + w + ", 사용 가능한 복제본 " + std::to_string(n) + "개" + (failed_over_ ? "(장애 조치 후)" : "") +
                acu_ko + copies_ko};
  }

private:
  enum class Phase : uint8_t { Up, FailingOver, Down };
  struct Instance {
    AzId az;
    QueryEngine q;
    uint32_t epoch = 0;
    int tier = kDefaultTier;  // promotion tier: the lowest up is promoted first
  };

  // Copies in AZs that are up, less those a fail_parts fault took (from the copies still up).
  int copies_up(const Simulation& sim) const {
    int up = 0;
    for (AzId a : copy_azs_)
      if (!sim.topology().az(a).down) ++up;
    return std::max(0, up - failed_copies_);
  }

  bool az_up(const Simulation& sim, const Instance& in) const { return in.az.valid() && !sim.topology().az(in.az).down; }
  bool writer_available() const { return phase_ == Phase::Up; }

  size_t replicas_available() const {
    size_t n = 0;
    for (size_t i = 0; i < instances_.size(); ++i)
      if (static_cast<int>(i) != writer_ && static_cast<int>(i) != promoting_ && instance_up_[i]) ++n;
    return n;
  }

  // The reader endpoint: round-robin over the replicas that are up; the writer when none is.
  int reader_slot(const Simulation&) {
    const size_t n = instances_.size();
    for (size_t k = 0; k < n; ++k) {
      const size_t i = (next_reader_ + k) % n;
      if (static_cast<int>(i) == writer_ || static_cast<int>(i) == promoting_ || !instance_up_[i]) continue;
      next_reader_ = i + 1;
      return static_cast<int>(i);
    }
    return writer_available() ? writer_ : -1;
  }

  void begin(Simulation& sim, int slot, ReqHandle h) {
    Instance& in = instances_[static_cast<size_t>(slot)];
    ++in.q.busy;
    update_busy(sim);
    const RequestKind k = sim.request(h).kind;
    sim.schedule_timer(id(), sim.now() + in.q.service(sim.rng(), k),
                       timer_of(kServed, static_cast<uint32_t>(slot), in.epoch), h.v);
  }

  void release_worker(Simulation& sim, size_t slot) {
    QueryEngine& q = instances_[slot].q;
    if (q.busy > 0) --q.busy;
    if (!q.waiting.empty() && q.busy < q.workers && !paused_) {
      const ReqHandle next = q.waiting.front();
      q.waiting.pop_front();
      update_queue(sim);
      begin(sim, static_cast<int>(slot), next);
      return;
    }
    update_busy(sim);
  }

  void update_busy(Simulation& sim) {
    int64_t busy = 0;
    for (const Instance& in : instances_) busy += in.q.busy;
    sim.metrics(id()).busy.set(sim.now(), busy);
  }
  void update_queue(Simulation& sim) {
    int64_t waiting = 0;
    for (const Instance& in : instances_) waiting += static_cast<int64_t>(in.q.waiting.size());
    sim.metrics(id()).queue.set(sim.now(), waiting);
  }

  void drop_connection(size_t slot) {
    QueryEngine& q = instances_[slot].q;
    if (q.connections > 0) --q.connections;
  }

  void answer(Simulation& sim, size_t slot, ReqHandle h) {
    drop_connection(slot);
    const Request& r = sim.request(h);
    const uint64_t key = r.key ? r.key : r.item_id;
    NodeMetrics& m = sim.metrics(id());
    if (r.kind == RequestKind::Read) {
      m.add(reads_c_);
      // A secondary cluster's read of a key whose latest write arrived but is not applied yet.
      apply_global_changes(sim.now());
      if (global_ != Global::Primary && global_pending_by_key_.count(key)) m.add(stale_c_);
      if (static_cast<int>(slot) != writer_) {
        m.add(replica_reads_c_);
        // A replica sees the writer's changes 10-20 ms late: a read of a key written
        // within that lag returns the value from before the write.
        forget_writes_before(sim.now() - from_seconds(lag_ms_ / 1000.0));
        if (recent_by_key_.count(key)) m.add(stale_c_);
      }
    } else {
      m.add(writes_c_);
      ++ios_this_second_;  // reads come from the instance's memory; each write is a billed I/O
      ship_global(sim, r.lineage(), r.size_bytes);
      recent_writes_.push_back({key, sim.now()});
      ++recent_by_key_[key];
      forget_writes_before(sim.now() - from_seconds(s_.lag_max_ms / 1000.0));
    }
    sim.respond(h, Outcome::Ok);
  }

  // ---- Global Database ----

  // A committed write goes to every secondary cluster (storage-level, asynchronous).
  void ship_global(Simulation& sim, const Lineage& item, uint32_t size) {
    for (ConnId c : secondaries_) {
      const ReqHandle root = sim.begin_root(id(), item, RequestKind::Write);
      sim.call(c, root, RequestKind::Write, size, item.key);
      sim.finish_root(root);
    }
  }

  // A change from the primary Region: visible here once the storage has applied it.
  void receive_global_change(Simulation& sim, const Request& r) {
    if (global_ != Global::Secondary) {
      // Failed over (or failing over): replication from the old primary has stopped.
      sim.metrics(id()).add(changes_lost_c_);
      return;
    }
    const uint64_t key = r.key ? r.key : r.item_id;
    const double apply_ms = kGlobalApplyMinMs + (kGlobalApplyMaxMs - kGlobalApplyMinMs) * sim.rng().next_double();
    // Changes become visible in commit order: never before the one ahead of it.
    SimTime at = sim.now() + from_seconds(apply_ms / 1000.0);
    if (!global_pending_.empty()) at = std::max(at, global_pending_.back().visible_at);
    global_pending_.push_back({key, r.sent_at, at});
    ++global_pending_by_key_[key];
  }

  void apply_global_changes(SimTime now) {
    while (!global_pending_.empty() && global_pending_.front().visible_at <= now) {
      const GlobalChange& c = global_pending_.front();
      last_global_lag_ms_ = to_seconds(c.visible_at - c.committed_at) * 1000.0;
      max_lag_this_second_ = std::max(max_lag_this_second_, last_global_lag_ms_);
      auto it = global_pending_by_key_.find(c.key);
      if (it != global_pending_by_key_.end() && --it->second == 0) global_pending_by_key_.erase(it);
      global_pending_.pop_front();
    }
  }

  // Each second: the lag gauge (AuroraGlobalDBReplicationLag: the largest of the second's
  // applied changes, or the age of the oldest waiting one), and, when set to, a failover by
  // itself once the primary's Region is down.
  void watch_global(Simulation& sim) {
    if (global_ == Global::Primary && secondaries_.empty()) return;
    apply_global_changes(sim.now());
    double lag = max_lag_this_second_;
    if (!global_pending_.empty()) lag = std::max(lag, to_seconds(sim.now() - global_pending_.front().committed_at) * 1000.0);
    max_lag_this_second_ = 0;
    if (global_ == Global::Secondary) sim.metrics(id()).set(global_lag_g_, lag);
    if (global_ == Global::Secondary && s_.failover_on_region_outage && primary_region_.valid() &&
        sim.topology().region(primary_region_).down)
      begin_global_failover(sim, true);
  }

  // The action "failover_global" (or the primary's Region lost, when set to): this
  // secondary becomes the primary. Changes still on their way are lost (RPO); writes fail
  // until it is done (RTO), reads go on.
  void on_action(Simulation& sim, int action) override {
    if (action == kActionGlobalFailover) begin_global_failover(sim, false);
  }

  void begin_global_failover(Simulation& sim, bool region_outage) {
    const std::string n = sim.info(id()).name;
    if (global_ != Global::Secondary) {
      if (global_ == Global::Primary)
        sim.log(id(), LogKind::Warning,
                n + " is not a secondary cluster of a global database: there is nothing to fail over to it",
                doc::with_topic(n) + " 글로벌 데이터베이스의 보조 클러스터가 아니므로 이쪽으로 장애 조치할 수 없습니다")
            .because("aurora_global_not_secondary");
      return;
    }
    global_ = Global::FailingOver;
    global_failover_began_ = sim.now();
    // What has not reached this Region yet is lost; what arrived is in its storage.
    apply_global_changes(sim.now());
    const double behind_ms =
        global_pending_.empty() ? last_global_lag_ms_ : to_seconds(sim.now() - global_pending_.front().committed_at) * 1000.0;
    const double took = kGlobalFailoverMinS + (kGlobalFailoverMaxS - kGlobalFailoverMinS) * sim.rng().next_double();
    sim.schedule_timer(id(), sim.now() + from_seconds(took), timer_of(kFailoverDone, kGlobalSlot, 0), 0);
    const std::string region = primary_region_.valid() ? sim.topology().region(primary_region_).code : "";
    const std::string why_en = region_outage ? "the primary Region " + region + " is down" : "a failover was asked for";
    const std::string why_ko = region_outage ? "기본 리전 " + doc::with_subject(region) + " 중단되어" : "장애 조치를 요청받아";
    sim.log(id(), LogKind::Failover,
            n + ": " + why_en + "; failing the global database over to this secondary cluster (about a minute; "
                "writes fail until then, reads go on)",
            doc::with_topic(n) + " " + why_ko + " 글로벌 데이터베이스를 이 보조 클러스터로 장애 조치합니다(약 1분, 그때까지 "
                "쓰기는 실패하고 읽기는 계속됩니다)")
        .because("aurora_global_failover_began")
        .field("lag_ms", behind_ms);
  }

  void complete_global_failover(Simulation& sim) {
    if (global_ != Global::FailingOver) return;
    // The changes that had arrived are applied by the storage; the rest never come.
    global_pending_.clear();
    global_pending_by_key_.clear();
    global_ = Global::Primary;
    promoted_global_ = true;
    const double took = to_seconds(sim.now() - global_failover_began_);
    const std::string n = sim.info(id()).name, secs = std::to_string(static_cast<int>(took + 0.5));
    sim.log(id(), LogKind::Failover,
            n + " is the global database's primary after a " + secs + " s failover: it takes writes in its Region now",
            doc::with_topic(n) + " " + secs + "초의 장애 조치 끝에 글로벌 데이터베이스의 기본 클러스터가 되었습니다. 이제 이 리전에서 "
                "쓰기를 받습니다")
        .because("aurora_global_failover_completed")
        .field("seconds", took);
    sim.metrics(id()).set(global_lag_g_, 0);
  }

  [[gnu::noinline]] void log_secondary_read_only(Simulation& sim) {
    warned_read_only_ = true;
    const std::string n = sim.info(id()).name;
    sim.log(id(), LogKind::Warning,
            n + " refused a write: a global database's secondary cluster is read-only. Send writes to the primary "
                "cluster's Region (or fail over to this one)",
            doc::with_topic(n) + " 쓰기를 거부했습니다. 글로벌 데이터베이스의 보조 클러스터는 읽기 전용입니다. 쓰기는 기본 "
                "클러스터의 리전으로 보내세요(또는 이 클러스터로 장애 조치하세요)")
        .because("aurora_secondary_read_only");
  }

  // ---- Serverless v2 ----

  // Every instance at acu_: vCPUs enough for it, each slower when the capacity is below a
  // whole number of vCPUs (0.5 ACU: one vCPU at an eighth of its speed).
  void apply_capacity(Simulation& sim) {
    const double acu = std::max(acu_, kAcuStep);
    const int64_t workers = std::max<int64_t>(1, static_cast<int64_t>(std::ceil(acu / kAcuPerVcpu - 1e-9)));
    const double speed = acu / (static_cast<double>(workers) * kAcuPerVcpu);
    for (size_t i = 0; i < instances_.size(); ++i) {
      QueryEngine& q = instances_[i].q;
      q.workers = workers;
      q.speed = speed;
      while (!paused_ && q.busy < q.workers && !q.waiting.empty()) {
        const ReqHandle next = q.waiting.front();
        q.waiting.pop_front();
        begin(sim, static_cast<int>(i), next);
      }
    }
    update_queue(sim);
    sim.metrics(id()).capacity = workers * static_cast<int64_t>(instances_.size());
  }

  // Once a second: the capacity the last second's queries asked for (at 70% busy), reached
  // by steps; at a minimum of 0, idle for pause_after_s, the instances pause.
  void scale(Simulation& sim) {
    NodeMetrics& m = sim.metrics(id());
    int64_t connections = 0;
    for (const Instance& in : instances_) connections += in.q.connections;
    idle_s_ = connections == 0 && arrivals_this_second_ == 0 ? idle_s_ + 1 : 0;
    arrivals_this_second_ = 0;
    double need_vcpu = 0;
    for (double& w : work_s_) need_vcpu = std::max(need_vcpu, w), w = 0;
    if (paused_ || resuming_) return m.set(acu_g_, acu_);
    if (s_.min_acu <= 0 && idle_s_ >= s_.pause_after_s) return pause(sim);
    const double floor_acu = std::max(kAcuStep, s_.min_acu);
    const double wanted = std::clamp(acu_step_up(need_vcpu * kAcuPerVcpu / kTargetUtilization), floor_acu, s_.max_acu);
    const double before = acu_;
    if (wanted > acu_) acu_ = std::min(wanted, acu_step_up(acu_ + std::max(kScaleUpMinAcu, acu_ * kScaleUpShare)));
    else if (wanted < acu_) acu_ = std::max(wanted, acu_step_up(acu_ - std::max(kScaleDownMinAcu, acu_ * kScaleDownShare)));
    acu_ = std::clamp(acu_, floor_acu, s_.max_acu);
    if (acu_ != before) apply_capacity(sim);
    if (acu_ >= s_.max_acu && before < s_.max_acu && wanted >= s_.max_acu) log_at_max(sim);
    m.set(acu_g_, acu_);
  }

  void pause(Simulation& sim) {
    paused_ = true;
    acu_ = 0;
    sim.metrics(id()).set(acu_g_, 0);
    sim.metrics(id()).capacity = 0;
    const std::string n = sim.info(id()).name, idle = doc::format_number(s_.pause_after_s);
    sim.log(id(), LogKind::ScaleIn,
            n + " paused (Serverless v2 at 0 ACU) after " + idle + " s without a connection: only storage is billed "
                "until a query resumes it",
            doc::with_topic(n) + " 연결 없이 " + idle + "초가 지나 일시 중지되었습니다(Serverless v2, 0 ACU). 쿼리가 와서 "
                "재개할 때까지 스토리지 요금만 나갑니다")
        .because("aurora_paused")
        .field("idle_s", s_.pause_after_s);
  }

  // A query reached a paused cluster: it waits while the instances resume.
  void resume(Simulation& sim) {
    if (resuming_) return;
    resuming_ = true;
    resume_began_ = sim.now();
    sim.schedule_timer(id(), sim.now() + from_seconds(kResumeS), timer_of(kResumed, 0, 0), 0);
    const std::string n = sim.info(id()).name;
    sim.log(id(), LogKind::ScaleOut,
            n + " is resuming from its pause for a query (about 15 s); queries wait until then",
            doc::with_topic(n) + " 쿼리가 와서 일시 중지에서 재개하는 중입니다(약 15초). 그때까지 쿼리는 기다립니다")
        .because("aurora_resuming");
  }

  void resumed(Simulation& sim) {
    if (!resuming_) return;
    resuming_ = false;
    paused_ = false;
    idle_s_ = 0;
    acu_ = std::max(kAcuStep, s_.min_acu);
    apply_capacity(sim);
    sim.metrics(id()).set(acu_g_, acu_);
    const double took = to_seconds(sim.now() - resume_began_);
    const std::string n = sim.info(id()).name, secs = doc::format_number(took);
    sim.log(id(), LogKind::ScaleOut,
            n + " resumed in " + secs + " s at " + doc::format_number(acu_) + " ACU and serves the queries that waited",
            doc::with_topic(n) + " " + secs + "초 만에 " + doc::format_number(acu_) + " ACU로 재개해, 기다리던 쿼리를 처리합니다")
        .because("aurora_resumed")
        .field("seconds", took);
  }

  [[gnu::noinline]] void log_at_max(Simulation& sim) {
    const std::string n = sim.info(id()).name, mx = doc::format_number(s_.max_acu);
    sim.log(id(), LogKind::Warning,
            n + " reached its maximum capacity of " + mx + " ACU: more load queues instead of scaling (raise max_acu)",
            doc::with_topic(n) + " 최대 용량 " + mx + " ACU에 이르렀습니다. 부하가 더 늘면 확장하지 않고 대기열에 쌓입니다"
                "(max_acu를 높이세요)")
        .because("aurora_acu_max")
        .field("acu", acu_);
  }

  void forget_writes_before(SimTime t) {
    while (!recent_writes_.empty() && recent_writes_.front().at < t) {
      auto it = recent_by_key_.find(recent_writes_.front().key);
      if (it != recent_by_key_.end() && --it->second == 0) recent_by_key_.erase(it);
      recent_writes_.pop_front();
    }
  }

  // The instance went away: its queries in progress or waiting fail (connections reset).
  void reset_instance(Simulation& sim, size_t slot) {
    Instance& in = instances_[slot];
    ++in.epoch;
    while (!in.q.waiting.empty()) {
      sim.respond(in.q.waiting.front(), Outcome::Unreachable);
      in.q.waiting.pop_front();
    }
    in.q.busy = 0;
    in.q.connections = 0;
    update_queue(sim);
    update_busy(sim);
  }

  void watch_azs(Simulation& sim) {
    for (size_t i = 0; i < instances_.size(); ++i) {
      const bool up = az_up(sim, instances_[i]);
      if (instance_up_[i] && !up) reset_instance(sim, i);
      instance_up_[i] = up;
    }
    if (phase_ == Phase::Up && !instance_up_[static_cast<size_t>(writer_)]) begin_failover(sim);
    if (phase_ == Phase::Down) begin_failover(sim);  // an AZ may be back to re-create the writer in
    name_writer(sim);
  }

  // The writer's AZ is down: promote the replica that is up with the highest priority
  // (the lowest promotion tier; in a tie, the first: all have the same size here) or,
  // with none, re-create the writer in an AZ that is up.
  void begin_failover(Simulation& sim) {
    int promote = -1;
    for (size_t i = 0; i < instances_.size(); ++i)
      if (static_cast<int>(i) != writer_ && instance_up_[i] &&
          (promote < 0 || instances_[i].tier < instances_[static_cast<size_t>(promote)].tier))
        promote = static_cast<int>(i);
    AzId target;
    if (promote >= 0) {
      target = instances_[static_cast<size_t>(promote)].az;
    } else {
      for (AzId a : azs_)
        if (!sim.topology().az(a).down) {
          target = a;
          break;
        }
    }
    if (!target.valid()) {
      if (phase_ != Phase::Down) {
        phase_ = Phase::Down;
        sim.log(id(), LogKind::NodeDown,
                sim.info(id()).name + " is unavailable: the writer's AZ is down and no AZ of the Region is up to hold one",
                doc::with_topic(sim.info(id()).name) + " 사용할 수 없습니다. 쓰기 인스턴스의 가용 영역이 중단되었고, 쓰기 "
                    "인스턴스를 둘 가용 영역이 리전에 남아 있지 않습니다")
            .because("db_az_down");
      }
      return;
    }
    phase_ = Phase::FailingOver;
    promoting_ = promote;
    failover_target_ = target;
    target_name_ = sim.topology().az(target).id;
    failover_began_ = sim.now();
    ++failover_epoch_;
    // AWS-FACTS: Aurora / Failover — with a replica typically under 60 s, often under 30 s;
    // without one the instance is re-created, typically under 10 minutes.
    const double lo = promote >= 0 ? 15 : 300, hi = promote >= 0 ? 45 : 600;
    const double took = lo + (hi - lo) * sim.rng().next_double();
    sim.schedule_timer(id(), sim.now() + from_seconds(took), timer_of(kFailoverDone, 0, failover_epoch_), 0);
    sim.metrics(id()).add(failovers_c_);
    const std::string old = writer_name_;
    if (promote >= 0) {
      const std::string tier = std::to_string(instances_[static_cast<size_t>(promote)].tier);
      sim.log(id(), LogKind::Failover,
              sim.info(id()).name + ": the writer's AZ " + old + " is down; promoting the replica in " + target_name_ +
                  " (promotion tier " + tier + ", the highest priority of the replicas up; the cluster endpoint will "
                  "point to it; writes fail until then, reads go on on the other replicas)",
              doc::with_topic(sim.info(id()).name) + " 쓰기 인스턴스의 가용 영역 " + doc::with_subject(old) + " 중단되어 " +
                  target_name_ + "의 복제본을 승격합니다(살아 있는 복제본 중 우선순위가 가장 높은 승격 계층 " + tier +
                  ". 클러스터 엔드포인트가 그쪽을 가리킬 때까지 쓰기는 실패하고, 읽기는 다른 "
                  "복제본에서 계속됩니다)")
          .because("db_failover_began")
          .in_az(failover_target_.v)
          .field("tier", instances_[static_cast<size_t>(promote)].tier);
    } else {
      sim.log(id(), LogKind::Failover,
              sim.info(id()).name + ": the writer's AZ " + old + " is down and the cluster has no replica; re-creating "
                  "the writer in " + target_name_ + " (typically under 10 minutes; every query fails until then)",
              doc::with_topic(sim.info(id()).name) + " 쓰기 인스턴스의 가용 영역 " + doc::with_subject(old) +
                  " 중단되었는데 복제본이 없습니다. " + doc::with_object(target_name_ + "에 쓰기 인스턴스") +
                  " 다시 만듭니다(보통 10분 이내, 그때까지 모든 쿼리가 실패합니다)")
          .because("db_failover_began")
          .in_az(failover_target_.v);
    }
  }

  void complete_failover(Simulation& sim) {
    if (phase_ != Phase::FailingOver) return;
    const size_t old = static_cast<size_t>(writer_);
    if (promoting_ >= 0) {
      // The promoted replica is the writer; the old writer comes back as a replica with its AZ.
      writer_ = promoting_;
    } else {
      instances_[old].az = failover_target_;
      reset_instance(sim, old);
    }
    promoting_ = -1;
    phase_ = Phase::Up;
    failed_over_ = true;
    instance_up_.assign(instances_.size(), false);
    for (size_t i = 0; i < instances_.size(); ++i) instance_up_[i] = az_up(sim, instances_[i]);
    if (!instance_up_[static_cast<size_t>(writer_)]) return begin_failover(sim);  // its AZ failed meanwhile
    name_writer(sim);
    const double took = to_seconds(sim.now() - failover_began_);
    const std::string secs = std::to_string(static_cast<int>(took + 0.5));
    sim.log(id(), LogKind::Failover,
            sim.info(id()).name + " failed over in " + secs + " s: the writer is in " + writer_name_ +
                " now, behind the same cluster endpoint",
            doc::with_topic(sim.info(id()).name) + " " + secs + "초 만에 장애 조치를 마쳤습니다. 이제 쓰기 인스턴스는 " +
                writer_name_ + "에 있고, 클러스터 엔드포인트는 그대로입니다")
        .because("db_failover_completed")
        .in_az(instances_[static_cast<size_t>(writer_)].az.v)
        .field("seconds", took);
  }

  void name_writer(const Simulation& sim) {
    const AzId a = instances_[static_cast<size_t>(writer_)].az;
    writer_name_ = a.valid() ? sim.topology().az(a).id : "";
  }

  [[gnu::noinline]] void log_quorum(Simulation& sim, int copies) {
    if (quorum_logged_) return;
    quorum_logged_ = true;
    const std::string c = std::to_string(copies);
    if (copies >= kReadQuorum)
      sim.log(id(), LogKind::Warning,
              sim.info(id()).name + "'s storage has " + c + " of its 6 copies: below the write quorum of 4, writes fail; "
                  "reads go on (read quorum 3)",
              doc::with_topic(sim.info(id()).name + "의 스토리지") + " 사본 6개 중 " + c +
                  "개만 남았습니다. 쓰기 쿼럼(4개)에 못 미쳐 쓰기가 실패하고, 읽기는 계속됩니다(읽기 쿼럼 3개)")
          .because("aurora_write_quorum_lost")
          .field("copies", copies);
    else
      sim.log(id(), LogKind::NodeDown,
              sim.info(id()).name + "'s storage has " + c + " of its 6 copies: below the read quorum of 3, reads and "
                  "writes fail",
              doc::with_topic(sim.info(id()).name + "의 스토리지") + " 사본 6개 중 " + c +
                  "개만 남았습니다. 읽기 쿼럼(3개)에도 못 미쳐 읽기와 쓰기가 모두 실패합니다")
          .because("aurora_read_quorum_lost")
          .field("copies", copies);
  }

  struct RecentWrite {
    uint64_t key;
    SimTime at;
  };
  // A global database's side: a secondary is read-only until failed over to.
  enum class Global : uint8_t { Primary, Secondary, FailingOver };
  struct GlobalChange {
    uint64_t key;
    SimTime committed_at, visible_at;
  };

  Settings s_;
  std::vector<AzId> azs_, copy_azs_;
  std::vector<Instance> instances_;
  std::vector<bool> instance_up_;
  int writer_ = 0, promoting_ = -1;
  size_t next_reader_ = 1;
  Phase phase_ = Phase::Up;
  uint32_t failover_epoch_ = 0;
  AzId failover_target_;
  SimTime failover_began_ = 0;
  bool failed_over_ = false, quorum_logged_ = false;
  int copies_seen_ = kCopies;  // as of the last second, for status()
  int failed_copies_ = 0;      // by a fail_parts fault
  double lag_ms_ = 10;
  uint64_t ios_this_second_ = 0;
  // Serverless v2: the capacity, vCPU-seconds asked of each instance this second, idleness.
  double acu_ = 0;
  std::vector<double> work_s_;
  uint64_t arrivals_this_second_ = 0;
  double idle_s_ = 0;
  bool paused_ = false, resuming_ = false;
  SimTime resume_began_ = 0;
  // Global Database.
  Global global_ = Global::Primary;
  std::vector<ConnId> secondaries_;
  RegionId primary_region_;
  std::deque<GlobalChange> global_pending_;  // arrived from the primary, not yet visible
  std::unordered_map<uint64_t, uint32_t> global_pending_by_key_;
  double last_global_lag_ms_ = 0, max_lag_this_second_ = 0;
  SimTime global_failover_began_ = 0;
  bool promoted_global_ = false, warned_read_only_ = false;
  std::deque<RecentWrite> recent_writes_;
  std::unordered_map<uint64_t, uint32_t> recent_by_key_;
  std::string writer_name_, target_name_;
  CounterId reads_c_, writes_c_, refused_c_, failovers_c_, stale_c_, quorum_c_, replica_reads_c_;
  GaugeId copies_g_, replicas_g_, lag_g_, connections_g_, acu_g_, global_lag_g_;
  CounterId writes_refused_c_, changes_lost_c_;
};

// Serverless v2's capacity range: on the 0.5 ACU grid, a maximum of at least 1, the
// minimum not above it (AWS-FACTS: Aurora / Serverless v2).
// The replicas' promotion tiers: whole numbers 0-15, no more than there are replicas.
std::vector<int> tiers_of(const std::string& text) {
  std::vector<int> out;
  for (const std::string& item : catalog::split_list(text, ',')) {
    char* end = nullptr;
    const long v = std::strtol(item.c_str(), &end, 10);
    out.push_back(end && *end == 0 && !item.empty() ? static_cast<int>(v) : -1);
  }
  return out;
}

std::vector<doc::Issue> validate_params(const json& p) {
  std::vector<doc::Issue> out;
  const std::vector<int> tiers = tiers_of(catalog::param_string(p, "promotion_tiers"));
  for (size_t i = 0; i < tiers.size(); ++i)
    if (tiers[i] < 0 || tiers[i] > kMaxTier) {
      const std::string n = std::to_string(i + 1);
      out.push_back({"promotion_tiers", "replica " + n + "'s promotion tier is not a whole number from 0 to 15.",
                     "복제본 " + n + "의 승격 계층이 0부터 15까지의 정수가 아닙니다."});
      break;
    }
  const double replicas = catalog::param_number(p, "replicas");
  if (static_cast<double>(tiers.size()) > replicas)
    out.push_back({"promotion_tiers", std::to_string(tiers.size()) + " promotion tiers for " + doc::format_number(replicas) +
                                          " replicas: give one per replica at most.",
                   "복제본 " + doc::format_number(replicas) + "개에 승격 계층이 " + std::to_string(tiers.size()) +
                       "개입니다. 복제본마다 하나씩만 쓰세요."});
  if (catalog::param_string(p, "instance_class") != kServerlessClass) return out;
  const double lo = catalog::param_number(p, "min_acu"), hi = catalog::param_number(p, "max_acu");
  for (const auto& [key, v] : {std::pair<const char*, double>{"min_acu", lo}, {"max_acu", hi}})
    if (std::fabs(v / kAcuStep - std::round(v / kAcuStep)) > 1e-9)
      out.push_back({key, doc::format_number(v) + " ACU is not a capacity Aurora takes: give a multiple of 0.5 ACU.",
                     doc::format_number(v) + " ACU는 Aurora에 설정할 수 없는 용량입니다. 0.5 ACU 단위로 쓰세요."});
  if (lo > hi)
    out.push_back({"min_acu", "the minimum capacity (" + doc::format_number(lo) + " ACU) is above the maximum (" +
                                  doc::format_number(hi) + " ACU).",
                   "최소 용량(" + doc::format_number(lo) + " ACU)이 최대 용량(" + doc::format_number(hi) + " ACU)보다 큽니다."});
  return out;
}

// A global database's replication wire: from a primary cluster to a secondary in another
// Region; a secondary has one primary and replicates to nobody; at most 10 secondaries.
std::optional<catalog::Refusal> global_wire_rule(const doc::Document* d, const doc::NodeDoc& from, const doc::NodeDoc& to) {
  if (from.type != "aurora" || to.type != "aurora") return std::nullopt;
  if (from.region == to.region)
    return catalog::Refusal{"A global database's secondary cluster lives in another Region: " + to.id + " is in " +
                                from.id + "'s Region " + from.region + ". Place it in another Region (for reads in the "
                                "Region, add Aurora Replicas instead).",
                            "글로벌 데이터베이스의 보조 클러스터는 다른 리전에 둡니다. " + doc::with_topic(to.id) + " " +
                                from.id + "와 같은 리전 " + from.region + "에 있습니다. 다른 리전에 두세요(같은 리전에서 읽기를 "
                                "늘리려면 Aurora 복제본을 추가하세요)."};
  if (!d) return std::nullopt;
  int secondaries = 0;
  for (const doc::ConnectionDoc& c : d->connections) {
    if (c.role != "replicate") continue;
    if (c.to == to.id && c.from != from.id)
      return catalog::Refusal{to.id + " is already the secondary cluster of " + c.from + ": a secondary has one primary.",
                              doc::with_topic(to.id) + " 이미 " + c.from + "의 보조 클러스터입니다. 보조 클러스터의 기본 "
                                  "클러스터는 하나입니다."};
    if (c.to == from.id)
      return catalog::Refusal{from.id + " is a secondary cluster (of " + c.from + "): only the primary cluster "
                                  "replicates to secondary Regions.",
                              doc::with_topic(from.id) + " " + c.from + "의 보조 클러스터입니다. 보조 리전으로는 기본 "
                                  "클러스터만 복제합니다."};
    if (c.from == from.id && c.to != to.id) ++secondaries;
  }
  if (secondaries >= kMaxSecondaries)
    return catalog::Refusal{from.id + " already has 10 secondary Regions, the most a global database takes.",
                            doc::with_topic(from.id) + " 이미 보조 리전이 10개입니다. 글로벌 데이터베이스의 최대치입니다."};
  return std::nullopt;
}

std::optional<catalog::Finding> no_replica_advice(const doc::Document& d, const doc::NodeDoc& n) {
  const json p = catalog::with_defaults(aurora_descriptor(), n.params.is_object() ? n.params : json::object());
  if (catalog::param_number(p, "replicas") > 0) return std::nullopt;
  if (!is_called(d, n)) return std::nullopt;
  return catalog::Finding{"aurora-no-replica", catalog::Severity::Warning,
                          "Aurora cluster " + n.id + " has no Aurora Replica: its data survives an AZ failure (six copies "
                              "in three AZs), but if the writer's AZ fails the writer must be re-created, typically within "
                              "10 minutes. With one replica in another AZ, failover typically takes under 30-60 s.",
                          "Aurora 클러스터 " + doc::with_topic(n.id) + " Aurora 복제본이 없습니다. 데이터는 가용 영역 세 곳의 "
                              "사본 여섯 개 덕분에 가용 영역 장애에도 남지만, 쓰기 인스턴스의 가용 영역에 장애가 나면 쓰기 "
                              "인스턴스를 다시 만들어야 해서 보통 10분 가까이 걸립니다. 다른 가용 영역에 복제본을 하나 두면 장애 "
                              "조치가 보통 30~60초 안에 끝납니다.",
                          {n.id},
                          "Aurora / Failover"};
}

catalog::ServiceDescriptor make_cluster() {
  using K = MetricKind;
  using St = MetricStat;
  catalog::ServiceDescriptor d;
  d.type = "aurora";
  d.category = catalog::Category::Databases;
  d.name = {"Aurora DB cluster", "Aurora DB 클러스터"};
  d.summary = {"Amazon Aurora (MySQL-compatible): a writer and up to 15 Aurora Replicas over one shared volume that "
               "keeps six copies in three AZs. Writes need 4 of the 6 copies, reads 3: the cluster keeps writing through "
               "the loss of an AZ, and a replica takes over from a failed writer in well under a minute.",
               "Amazon Aurora(MySQL 호환): 쓰기 인스턴스 하나와 Aurora 복제본 최대 15개가 공유 스토리지 볼륨 하나를 씁니다. 볼륨은 "
               "가용 영역 세 곳에 사본 여섯 개를 두고, 쓰기는 사본 6개 중 4개, 읽기는 3개가 있으면 됩니다. 그래서 가용 영역 "
               "하나를 잃어도 계속 쓸 수 있고, 쓰기 인스턴스에 장애가 나면 복제본이 1분도 안 되어 넘겨받습니다."};
  d.simplifications = {
      "Each query runs on one vCPU of its instance for an exponentially distributed time (read_ms, write_ms); reads "
      "come from the instance's memory without touching the volume, and a write waits one cross-AZ round trip for its "
      "fourth copy. The six copies live two per AZ in the Region's first three AZs and are lost with their AZ or "
      "by a fail_parts fault (right-click the cluster during a run), taken from the copies still up; a lost copy is "
      "not re-replicated elsewhere (AWS repairs it in seconds). "
      "Reads go to the reader endpoint (round-robin over the replicas that are up; the writer when there are none), "
      "writes to the cluster endpoint. A replica is 10-20 ms behind the writer, drawn each second: a read of a key "
      "written within that time is stale. When the writer's AZ is down (checked every second) the replica up with the "
      "lowest promotion tier (promotion_tiers; in a tie the first, as all have the same size here) is promoted in "
      "15-45 s while the other replicas keep serving reads; the old writer comes back as a replica of tier 1; without "
      "a replica the writer is re-created in an AZ that is up in 5-10 minutes. "
      "Serverless v2 (instance class db.serverless): every instance runs at the same capacity (as readers in "
      "promotion tiers 0-1 follow the writer), an ACU taken as a quarter of a vCPU (0.5 ACU: one vCPU at an eighth "
      "of its speed); once a second the capacity moves toward what the last second's queries asked for at 70% busy, "
      "up by half (at least 1 ACU) and down by 5% (at least 0.5 ACU) a second, on the 0.5 ACU grid between min_acu "
      "and max_acu; with min_acu 0 it pauses after pause_after_s without a connection and the next query waits 15 s "
      "for it to resume. The pace, the quarter vCPU, the 15 s and $0.12 per ACU-hour are this simulator's (⚠ not AWS "
      "facts). Global Database: a replication wire from this cluster to an Aurora cluster in another Region makes "
      "that one a read-only secondary; each committed write reaches it after the Regions' network latency and its "
      "storage applies it 50-150 ms later (⚠ this simulator's, in order), so the lag stays well under a second; a secondary read of a key "
      "whose write has arrived but is not applied yet is stale (writes still in flight are not known to it). A "
      "failover to the secondary (the failover_global action, or by itself when the primary's Region is down with "
      "global_failover on_region_outage) takes 30-60 s (⚠ not an AWS fact) during which its writes fail and reads go on; "
      "changes arriving afterwards are counted as lost, and the old primary is not demoted. Backtrack, cloning, I/O-Optimized pricing and cross-Region transfer cost are not modelled yet.",
      "쿼리마다 인스턴스의 vCPU 하나에서 지수 분포를 따르는 시간(read_ms, write_ms) 동안 실행됩니다. 읽기는 볼륨에 가지 않고 "
      "인스턴스의 메모리에서 처리하며(I/O 요금도 없음), 쓰기는 네 번째 사본까지 가용 영역 간 왕복 한 번을 기다립니다. 사본 여섯 개는 리전의 첫 "
      "가용 영역 세 곳에 두 개씩 있고, 그 가용 영역이 중단되거나 fail_parts 장애(실행 중 클러스터를 오른쪽 클릭)로 "
      "사라지며, 살아 있는 사본부터 잃습니다. 잃은 사본을 다른 곳에 다시 복제하지는 않습니다(AWS는 몇 초 만에 복구합니다). 읽기는 리더 엔드포인트로(살아 있는 복제본에 "
      "차례로, 복제본이 없으면 쓰기 인스턴스로), 쓰기는 클러스터 엔드포인트로 갑니다. 복제본은 쓰기 인스턴스보다 10~20밀리초 "
      "뒤처지며(매초 새로 뽑음), 그 사이에 쓴 키를 읽으면 오래된 읽기입니다. 쓰기 인스턴스의 가용 영역이 중단되면(1초마다 "
      "확인) 살아 있는 복제본 중 승격 계층(promotion_tiers) 숫자가 가장 작은 복제본을 15~45초 만에 승격하고(같으면 "
      "앞의 것. 여기서는 모두 크기가 같습니다), 다른 복제본은 계속 읽기를 처리합니다. 이전 쓰기 인스턴스는 계층 1의 "
      "복제본으로 돌아옵니다. 복제본이 없으면 살아 있는 가용 영역에 쓰기 인스턴스를 5~10분 만에 다시 만듭니다. "
      "Serverless v2(인스턴스 클래스 db.serverless): 모든 인스턴스가 같은 용량으로 실행되고(승격 계층 0~1의 리더가 쓰기 "
      "인스턴스를 따르듯), ACU 하나를 vCPU 4분의 1로 봅니다(0.5 ACU는 8분의 1 속도의 vCPU 하나). 1초마다 직전 1초의 "
      "쿼리가 70% 사용률로 요구한 용량을 향해 움직이며, 올릴 때는 절반(최소 1 ACU), 내릴 때는 5%(최소 0.5 ACU)씩 "
      "min_acu와 max_acu 사이에서 0.5 ACU 단위로 바뀝니다. min_acu가 0이면 연결 없이 pause_after_s가 지나면 일시 "
      "중지하고, 다음 쿼리는 재개할 때까지 15초 기다립니다. 이 속도, vCPU 4분의 1, 15초, ACU-시간당 0.12달러는 이 "
      "시뮬레이터가 정한 값입니다(⚠ AWS가 밝힌 값이 아님). 글로벌 데이터베이스: 이 클러스터에서 다른 리전의 Aurora "
      "클러스터로 복제 연결을 그리면 그 클러스터는 읽기 전용 보조 클러스터가 됩니다. 커밋된 쓰기는 리전 간 네트워크 지연 뒤 "
      "도착하고, 스토리지가 50~150밀리초 뒤에(⚠ 시뮬레이터가 정한 값) 순서대로 적용하므로 지연은 1초보다 훨씬 짧습니다. 도착했지만 아직 적용되지 "
      "않은 쓰기의 키를 보조 클러스터에서 읽으면 오래된 읽기입니다(아직 전송 중인 쓰기는 알지 못합니다). 보조 클러스터로의 "
      "장애 조치(failover_global 동작, 또는 global_failover가 on_region_outage일 때 기본 리전이 중단되면 스스로)는 "
      "30~60초 걸리며(⚠ AWS가 밝힌 값이 아님), 그동안 쓰기는 실패하고 읽기는 계속됩니다. 그 뒤에 도착하는 변경은 잃은 "
      "것으로 세며, 이전 기본 클러스터를 강등하지는 않습니다. 역추적, 복제(클론), I/O 최적화 요금, "
      "리전 간 전송 요금은 아직 다루지 않습니다."};
  d.placement = PlacementKind::Region;
  d.icon = catalog::Icon::Database;
  d.params = {
      ParamSpec{"instance_class", ParamType::Enum, {"DB instance class", "DB 인스턴스 클래스"},
                {"The size of the writer and of every replica: its vCPUs run queries in parallel, and it sets "
                 "max_connections and the price per hour. db.serverless: Aurora Serverless v2, whose capacity follows "
                 "the load between min_acu and max_acu and is billed per ACU-hour.",
                 "쓰기 인스턴스와 모든 복제본의 크기입니다. vCPU 수만큼 쿼리를 동시에 실행하고, max_connections와 시간당 "
                 "요금을 정합니다. db.serverless는 Aurora Serverless v2로, 용량이 부하에 따라 min_acu와 max_acu 사이에서 "
                 "바뀌고 ACU-시간당 요금이 나갑니다."},
                "", 0, 0, "db.r5.large", class_keys(), "Aurora / Serverless v2", 0, false, ""},
      ParamSpec{"replicas", ParamType::Int, {"Aurora Replicas", "Aurora 복제본 수"},
                {"Readers over the same volume, placed in the AZs after the writer's. They serve the reader endpoint, "
                 "and one of them is promoted when the writer fails (without one the writer is re-created: minutes).",
                 "같은 볼륨을 읽는 리더 인스턴스로, 쓰기 인스턴스 다음 가용 영역부터 차례로 둡니다. 리더 엔드포인트의 "
                 "읽기를 처리하고, 쓰기 인스턴스에 장애가 나면 그중 하나가 승격됩니다(복제본이 없으면 쓰기 인스턴스를 다시 "
                 "만들어야 해서 몇 분이 걸립니다)."},
                "", 0, kMaxReplicas, 1, {}, "Aurora / Replicas", 0, false, ""},
      ParamSpec{"reads_to", ParamType::Enum, {"Reads go to", "읽기 대상"},
                {"reader_endpoint: reads are spread over the replicas (the writer when there is none). "
                 "cluster_endpoint: the application sends everything to the writer.",
                 "reader_endpoint: 읽기를 복제본들에 나눠 보냅니다(복제본이 없으면 쓰기 인스턴스로). cluster_endpoint: "
                 "애플리케이션이 모든 쿼리를 쓰기 인스턴스로 보냅니다."},
                "", 0, 0, "reader_endpoint", {"reader_endpoint", "cluster_endpoint"}, "", 0, false, ""},
      ParamSpec{"storage_gb", ParamType::Float, {"Data stored", "저장된 데이터"},
                {"How much data the volume holds, for its cost per GB-month; it grows by itself up to 128 TiB (no "
                 "storage is provisioned).",
                 "볼륨에 저장된 데이터 양으로, GB-월당 스토리지 요금을 계산합니다. 볼륨은 128TiB까지 저절로 커집니다"
                 "(미리 할당하지 않습니다)."},
                "GB", 1, 131072, 100, {}, "Aurora / Size", 0, false, ""},
      ParamSpec{"zone", ParamType::Int, {"Writer's Availability Zone", "쓰기 인스턴스의 가용 영역"},
                {"Which of the Region's AZs the writer starts in (1 = the first); replicas go in the AZs after it.",
                 "쓰기 인스턴스를 처음 둘 리전의 가용 영역입니다(1 = 첫 번째). 복제본은 그다음 가용 영역부터 둡니다."},
                "", 1, 6, 1, {}, "", 0, false, ""},
  };
  {
    // The query engine's params go after reads_to, as before.
    std::vector<ParamSpec> engine = query_engine_params(
        {"Queries in progress or waiting at once on each instance; above it new ones are refused (Too many "
         "connections). 0 = Aurora MySQL's default for the class.",
         "인스턴스마다 동시에 실행 중이거나 기다리는 쿼리 수입니다. 넘으면 새 연결을 거부합니다"
         "(\"Too many connections\"). 0이면 클래스에 맞춘 Aurora MySQL 기본값입니다."});
    d.params.insert(d.params.begin() + 3, engine.begin(), engine.end());
  }
  d.params.push_back(ParamSpec{
      "promotion_tiers", ParamType::String, {"Promotion tiers", "승격 계층"},
      {"Each replica's failover priority, in order (replica 1 first), 0 the highest to 15 the lowest: when the "
       "writer fails, the replica up with the lowest tier is promoted. Empty or missing items: tier 1.",
       "복제본마다의 장애 조치 우선순위를 차례로 씁니다(복제본 1부터). 0이 가장 높고 15가 가장 낮습니다. 쓰기 인스턴스에 "
       "장애가 나면 살아 있는 복제본 중 계층 숫자가 가장 작은 복제본을 승격합니다. 비었거나 빠진 항목은 계층 1입니다."},
      "", 0, 0, "", {}, "Aurora / Replicas", 0, false, ""});
  d.params.push_back(ParamSpec{
      "min_acu", ParamType::Float, {"Minimum capacity (Serverless v2)", "최소 용량(Serverless v2)"},
      {"db.serverless only: the capacity it never goes below, in Aurora capacity units (about 2 GiB of memory "
       "each), in steps of 0.5. 0 lets it pause when idle.",
       "db.serverless에서만 씁니다. 내려가지 않는 최소 용량으로, Aurora 용량 단위(ACU, 하나에 메모리 약 2GiB)이며 "
       "0.5 단위입니다. 0이면 유휴 상태일 때 일시 중지할 수 있습니다."},
      "ACU", 0, kMaxAcu, 0.5, {}, "Aurora / Serverless v2", 0, false, ""});
  d.params.push_back(ParamSpec{
      "max_acu", ParamType::Float, {"Maximum capacity (Serverless v2)", "최대 용량(Serverless v2)"},
      {"db.serverless only: the most it scales to, in steps of 0.5 ACU; above it, load queues.",
       "db.serverless에서만 씁니다. 확장할 수 있는 최대 용량으로 0.5 ACU 단위입니다. 이보다 부하가 크면 대기열에 "
       "쌓입니다."},
      "ACU", 1, kMaxAcu, 16, {}, "Aurora / Serverless v2", 0, false, ""});
  d.params.push_back(ParamSpec{
      "pause_after_s", ParamType::Int, {"Auto-pause after (Serverless v2)", "자동 일시 중지 시간(Serverless v2)"},
      {"db.serverless with a minimum of 0 only: seconds without a connection before the instances pause (0 ACU, "
       "no compute billed); the next query waits about 15 s while they resume.",
       "최소 용량이 0인 db.serverless에서만 씁니다. 연결 없이 이만큼 지나면 인스턴스가 일시 중지합니다(0 ACU, "
       "컴퓨팅 요금 없음). 다음 쿼리는 재개하는 동안 약 15초 기다립니다."},
      "s", 300, 86400, 300, {}, "Aurora / Serverless v2", 0, false, ""});
  d.validate = validate_params;
  catalog::param_spec(d, "promotion_tiers").list_separator = ',';
  d.params.push_back(ParamSpec{
      "global_failover", ParamType::Enum, {"Global failover (secondary)", "글로벌 장애 조치(보조 클러스터)"},
      {"For a secondary cluster of a global database (fed by a replication wire from the primary in another "
       "Region). manual: it stays read-only until you fail over to it (right-click it during a run). "
       "on_region_outage: it fails over by itself once the primary's Region is down, as a runbook or your "
       "automation would (AWS does not do this for you).",
       "글로벌 데이터베이스의 보조 클러스터(다른 리전의 기본 클러스터에서 복제 연결을 받는 클러스터)에서 씁니다. "
       "manual: 직접 장애 조치할 때까지(실행 중 오른쪽 클릭) 읽기 전용입니다. on_region_outage: 기본 클러스터의 리전이 "
       "중단되면 스스로 장애 조치합니다. 런북이나 자동화가 하는 일을 흉내 낸 것으로, AWS가 대신 해 주지는 않습니다."},
      "", 0, 0, "manual", {"manual", "on_region_outage"}, "Aurora / Global Database", 0, false, ""});
  d.makes_calls = false;
  d.source_roles = {catalog::RoleSpec{WireRole::Replicate, {}, {"aurora"}, nullptr}};
  d.target_roles = {catalog::RoleSpec{WireRole::Call, {}, {}, nullptr},
                    catalog::RoleSpec{WireRole::Replicate, {}, {"aurora"}, nullptr}};
  d.connect_rule = global_wire_rule;
  d.actions = {{"failover_global",
                {"Fail over the global database to this cluster", "글로벌 데이터베이스를 이 클러스터로 장애 조치"},
                {"On a secondary cluster: it becomes the primary and takes writes after about a minute; changes "
                 "still on their way from the old primary are lost.",
                 "보조 클러스터에서 씁니다. 약 1분 뒤 기본 클러스터가 되어 쓰기를 받습니다. 이전 기본 클러스터에서 아직 "
                 "오는 중이던 변경은 잃습니다."}}};
  d.failable_parts = {{"storage copies", "스토리지 사본"}, kCopies};
  d.lint_rules = {{"aurora-no-replica", no_replica_advice}};
  d.metrics = {
      metric("reads", K::Counter, St::Max, {"Reads served", "처리한 읽기"}, {"queries", "건"},
             {"Read queries answered, by the writer or a replica.", "쓰기 인스턴스나 복제본이 응답한 읽기 쿼리입니다."}),
      metric("writes", K::Counter, St::Max, {"Writes committed", "커밋된 쓰기"}, {"queries", "건"},
             {"Writes committed on four of the six storage copies.", "스토리지 사본 6개 중 4개에 기록되어 커밋된 쓰기입니다."}),
      metric("replica_reads", K::Counter, St::Max, {"Reads on replicas", "복제본 읽기"}, {"queries", "건"},
             {"Reads the reader endpoint sent to an Aurora Replica, off the writer.",
              "리더 엔드포인트가 쓰기 인스턴스 대신 Aurora 복제본으로 보낸 읽기입니다."}),
      metric("storage_copies_up", K::Gauge, St::Min, {"Storage copies up", "살아 있는 스토리지 사본"}, {"copies", "개"},
             {"Copies of the volume that are reachable, of 6: writes need 4, reads 3.",
              "닿을 수 있는 볼륨 사본 수입니다(6개 중). 쓰기에는 4개, 읽기에는 3개가 필요합니다."}),
      metric("quorum_failures", K::Counter, St::Max, {"Quorum failures", "쿼럼 실패"}, {"queries", "건"},
             {"Queries that failed because too few storage copies were up (a write needs 4 of 6, a read 3).",
              "살아 있는 스토리지 사본이 모자라 실패한 쿼리입니다(쓰기는 6개 중 4개, 읽기는 3개가 필요)."}),
      metric("replicas_available", K::Gauge, St::Min, {"Replicas available", "사용 가능한 복제본"}, {"instances", "개"},
             {"Aurora Replicas up and serving reads; 0 means a writer failure re-creates the writer (minutes).",
              "살아서 읽기를 처리하는 Aurora 복제본 수입니다. 0이면 쓰기 인스턴스 장애 때 쓰기 인스턴스를 다시 만들어야 "
              "합니다(몇 분)."}),
      metric("replica_lag_ms", K::Gauge, St::Max, {"Replica lag", "복제본 지연"}, {"ms", "ms"},
             {"How far the replicas are behind the writer (AuroraReplicaLag): milliseconds, because they read the same "
              "volume.",
              "복제본이 쓰기 인스턴스보다 뒤처진 정도입니다(AuroraReplicaLag). 같은 볼륨을 읽기 때문에 밀리초 단위입니다."}),
      metric("stale_reads", K::Counter, St::Max, {"Stale reads", "오래된 읽기"}, {"queries", "건"},
             {"Replica reads of a key written within the replica lag, or a secondary cluster's reads of a key whose "
              "write from the primary Region is not applied yet: answered with the value from before the write.",
              "복제본 지연 시간 안에 쓰인 키를 복제본에서 읽었거나, 기본 리전의 쓰기가 아직 적용되지 않은 키를 보조 "
              "클러스터에서 읽어, 쓰기 전 값으로 응답한 읽기입니다."}),
      metric("global_lag_ms", K::Gauge, St::Max, {"Global replication lag", "글로벌 복제 지연"}, {"ms", "밀리초"},
             {"On a global database's secondary cluster: how far behind the primary Region its data is "
              "(AuroraGlobalDBReplicationLag): typically under a second. Reads of a key written within it are stale.",
              "글로벌 데이터베이스의 보조 클러스터에서, 데이터가 기본 리전보다 뒤처진 정도입니다"
              "(AuroraGlobalDBReplicationLag). 보통 1초 미만이며, 그 사이에 쓴 키를 읽으면 오래된 읽기입니다."}),
      metric("writes_refused", K::Counter, St::Max, {"Writes refused", "거부된 쓰기"}, {"queries", "건"},
             {"Writes sent to a secondary cluster, refused because it is read-only.",
              "보조 클러스터에 보냈지만 읽기 전용이라 거부된 쓰기입니다."}),
      metric("global_changes_lost", K::Counter, St::Max, {"Changes lost in failover", "장애 조치로 잃은 변경"},
             {"changes", "건"},
             {"Writes of the old primary that had not reached this cluster when the global database failed over to "
              "it: the failover's data loss (its RPO, in writes).",
              "글로벌 데이터베이스를 이 클러스터로 장애 조치할 때 아직 도착하지 않았던 이전 기본 클러스터의 쓰기입니다. "
              "장애 조치로 잃은 데이터(쓰기 단위의 RPO)입니다."}),
      metric("failovers", K::Counter, St::Max, {"Failovers", "장애 조치"}, {"failovers", "회"},
             {"Times the writer's AZ failed and a replica was promoted (or the writer re-created).",
              "쓰기 인스턴스의 가용 영역에 장애가 나서 복제본을 승격한(또는 쓰기 인스턴스를 다시 만든) 횟수입니다."}),
      metric("capacity_acu", K::Gauge, St::Max, {"Capacity (Serverless v2)", "용량(Serverless v2)"}, {"ACU", "ACU"},
             {"Each instance's Serverless v2 capacity (ServerlessDatabaseCapacity): it follows the load between "
              "min_acu and max_acu in 0.5 ACU steps; 0 while paused.",
              "인스턴스마다의 Serverless v2 용량입니다(ServerlessDatabaseCapacity). 부하에 따라 min_acu와 max_acu 사이에서 "
              "0.5 ACU 단위로 바뀌며, 일시 중지 중에는 0입니다."}),
      metric("connections", K::Gauge, St::Max, {"Connections in use", "사용 중인 연결"}, {"connections", "개"},
             {"Queries in progress or waiting on all instances, each holding a connection.",
              "모든 인스턴스에서 실행 중이거나 기다리는 쿼리 수입니다(쿼리마다 연결 하나)."}),
      metric("connections_refused", K::Counter, St::Max, {"Connections refused", "거부된 연결"}, {"queries", "건"},
             {"Queries refused with Too many connections: every connection of the instance was in use.",
              "인스턴스의 연결을 모두 쓰고 있어서 \"Too many connections\" 오류로 거부된 쿼리입니다."}),
  };
  using Live = catalog::MetricLive;
  catalog::show_live(d, "reads", Live::Rate, {"reads", "읽기"});
  catalog::show_live(d, "writes", Live::Rate, {"writes", "쓰기"});
  catalog::show_live(d, "storage_copies_up", Live::Value, {"copies", "사본"});
  catalog::show_live(d, "replicas_available", Live::Value, {"replicas", "복제본"});
  catalog::show_live(d, "quorum_failures", Live::Value, {"quorum fails", "쿼럼 실패"});
  catalog::show_live(d, "failovers", Live::Value, {"failovers", "장애 조치"});
  catalog::show_live(d, "capacity_acu", Live::Value, {"ACU", "ACU"});
  for (catalog::MetricSpec& m : d.metrics)
    if (m.key() == "capacity_acu") m.only_when = {"Serverless v2 (instance class db.serverless)", "Serverless v2(인스턴스 클래스 db.serverless)"};
  d.metric_applies = [](const std::string& key, const json& p) {
    return key != "capacity_acu" || catalog::param_string(p, "instance_class") == kServerlessClass;
  };
  d.live_status = true;
  d.create = [](const catalog::BuildContext& ctx) -> std::unique_ptr<Model> {
    const auto& p = ctx.params;
    Settings s;
    s.cls = &aurora_class(catalog::param_string(p, "instance_class"));
    s.replicas = static_cast<int>(catalog::param_number(p, "replicas"));
    s.zone = static_cast<int>(catalog::param_number(p, "zone"));
    s.reads_to_reader_endpoint = catalog::param_string(p, "reads_to") != "cluster_endpoint";
    s.storage_gb = catalog::param_number(p, "storage_gb");
    s.failover_on_region_outage = catalog::param_string(p, "global_failover") == "on_region_outage";
    for (int t : tiers_of(catalog::param_string(p, "promotion_tiers"))) s.tiers.push_back(std::clamp(t, 0, kMaxTier));
    s.serverless = catalog::param_string(p, "instance_class") == kServerlessClass;
    if (s.serverless) {
      s.min_acu = catalog::param_number(p, "min_acu");
      s.max_acu = std::max(s.min_acu, catalog::param_number(p, "max_acu"));
      s.pause_after_s = catalog::param_number(p, "pause_after_s");
      s.engine = query_engine_from(p, 1, serverless_max_connections(s.max_acu));
    } else {
      s.engine = query_engine_from(p, s.cls->vcpus, s.cls->max_connections);
    }
    return std::make_unique<AuroraCluster>(std::move(s));
  };
  return d;
}

}  // namespace

const catalog::ServiceDescriptor& aurora_descriptor() {
  static const catalog::ServiceDescriptor d = make_cluster();
  return d;
}

}  // namespace cp::services
