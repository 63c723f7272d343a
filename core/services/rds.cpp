#include "core/services/rds.h"

#include <algorithm>
#include <array>
#include <deque>
#include <unordered_map>

#include "core/doc/goals.h"
#include "core/doc/messages.h"
#include "core/services/db_instance.h"
#include "core/sim/distribution.h"
#include "core/sim/simulation.h"

namespace cp::services {

using namespace cp::sim;
using nlohmann::json;

namespace {

// MySQL's default max_connections on RDS is {DBInstanceClassMemory/12582880} (RDS user
// guide, "Maximum number of database connections"; ⚠ not in AWS-FACTS). The instance's
// memory stands for DBInstanceClassMemory, which is a little smaller in AWS.
constexpr double kBytesPerConnection = 12582880.0;
// gp3 storage, us-east-1, per GB-month (RDS pricing page, ⚠ a 2026 reading, not in AWS-FACTS).
constexpr double kStorageUsdPerGbMonth = 0.115;

// A DB instance class: vCPUs serve queries in parallel; memory sets max_connections.
struct DbClass {
  const char* key;
  int vcpus;
  double memory_gib;
  // MySQL, Single-AZ, on demand, us-east-1. AWS-FACTS: RDS / Price gives db.t3.micro's
  // $0.017/h; the others are from the same pricing page (⚠ a 2026 reading, not in AWS-FACTS).
  double usd_per_hour;
};
const std::array<DbClass, 8> kClasses = {{
    {"db.t3.micro", 2, 1, 0.017},
    {"db.t3.small", 2, 2, 0.034},
    {"db.t3.medium", 2, 4, 0.068},
    {"db.m5.large", 2, 8, 0.171},
    {"db.m5.xlarge", 4, 16, 0.342},
    {"db.m5.2xlarge", 8, 32, 0.684},
    {"db.r5.large", 2, 16, 0.25},
    {"db.r5.xlarge", 4, 32, 0.50},
}};

const DbClass& db_class(const std::string& key) {
  for (const DbClass& c : kClasses)
    if (key == c.key) return c;
  return kClasses[3];
}

std::vector<std::string> class_keys() { return class_keys_of(kClasses); }

int64_t default_max_connections(const DbClass& c) {
  return std::max<int64_t>(1, static_cast<int64_t>(c.memory_gib * 1024 * 1024 * 1024 / kBytesPerConnection));
}

enum class Deployment : uint8_t { SingleAz, MultiAzInstance, MultiAzCluster };
Deployment deployment_of(const std::string& s) {
  return s == "multi_az_instance" ? Deployment::MultiAzInstance
         : s == "multi_az_cluster" ? Deployment::MultiAzCluster
                                   : Deployment::SingleAz;
}

// Timers carry their kind in the low 2 bits and the instance's epoch above: work begun
// before a failover (or an outage) finds the epoch changed and fails instead of answering.
enum TimerKind : uint16_t { kServed = 0, kCommitted = 1, kFailoverDone = 2, kApplied = 3 };
// AWS-FACTS: RDS / Storage autoscaling — free ≤10% for ≥5 min and ≥6 h since the last
// change: grow by the largest of 10 GiB, 10% of the allocation and the growth forecast for
// 7 hours, up to the maximum.
constexpr double kAutoscaleFreeShare = 0.10;
constexpr double kAutoscaleLowForS = 5 * 60;
constexpr double kAutoscaleQuietS = 6 * 3600;
constexpr double kAutoscaleMinGb = 10, kAutoscaleMinShare = 0.10, kAutoscaleForecastH = 7;

// The volume: data that grows by the hour, an allocation that storage autoscaling may
// raise up to max_gb (0: autoscaling off). Full: writes fail.
struct Storage {
  double allocated_gb = 100, used_gb = 0, growth_gb_per_h = 0, max_gb = 0;
  double low_since_s = -1, last_change_s = -1e18;
  bool full = false;
};

// A read replica's promotion timer (it has no failover of its own).
constexpr TimerKind kPromotionDone = kFailoverDone;
// AWS-FACTS: RDS / Replica promotion — manual, with a reboot, "minutes". The 60-180 s drawn
// here are ⚠ not in AWS-FACTS (a small instance's reboot); the relay log is applied first.
constexpr double kPromotionMinS = 60, kPromotionMaxS = 180;
constexpr uint16_t timer_of(TimerKind k, uint32_t epoch) { return static_cast<uint16_t>(k | ((epoch & 0x3fff) << 2)); }
constexpr TimerKind kind_of(uint16_t t) { return static_cast<TimerKind>(t & 3); }
constexpr uint32_t epoch_of(uint16_t t) { return t >> 2; }

using catalog::metric;

// ---- The DB instance (primary) ------------------------------------------------

class RdsInstance final : public ModelBase<RdsInstance> {
public:
  RdsInstance(const DbClass& c, Deployment dep, int zone, QueryEngine engine, Storage storage)
      : class_(&c), deployment_(dep), zone_(zone), q_(std::move(engine)), storage_(storage) {}

  void start(Simulation& sim) override {
    reads_c_ = sim.counter(id(), "reads");
    writes_c_ = sim.counter(id(), "writes");
    refused_c_ = sim.counter(id(), "connections_refused");
    failovers_c_ = sim.counter(id(), "failovers");
    shipped_c_ = sim.counter(id(), "changes_shipped");
    connections_g_ = sim.gauge(id(), "connections");
    standbys_g_ = sim.gauge(id(), "standbys_in_sync");
    used_g_ = sim.gauge(id(), "storage_used_gb");
    allocated_g_ = sim.gauge(id(), "storage_allocated_gb");
    storage_full_c_ = sim.counter(id(), "writes_storage_full");
    sim.metrics(id()).set(used_g_, storage_.used_gb);
    sim.metrics(id()).set(allocated_g_, storage_.allocated_gb);
    sim.metrics(id()).capacity = q_.workers;
    const std::vector<AzId> azs = sim.topology().azs_in(sim.info(id()).placement.region);
    primary_ = nth_az(azs, zone_);
    // The standbys live in the AZs after the primary's (a cluster's two in two more AZs).
    const int standbys = deployment_ == Deployment::SingleAz ? 0 : deployment_ == Deployment::MultiAzInstance ? 1 : 2;
    for (int i = 1; i <= standbys && i < static_cast<int>(azs.size()); ++i) standbys_.push_back(nth_az(azs, zone_, i));
    for (ConnId c : sim.outgoing(id()))
      if (sim.connection(c).role == WireRole::Replicate) replicas_.push_back(c);
    name_azs(sim);
  }

  void on_request(Simulation& sim, ReqHandle h) override {
    if (phase_ != Phase::Up) {
      sim.respond(h, Outcome::Unreachable);  // no instance behind the endpoint right now
      return;
    }
    if (q_.connections >= q_.max_connections) {
      sim.metrics(id()).add(refused_c_);
      if (!refusing_) log_too_many(sim);
      sim.respond(h, Outcome::Throttled);  // ERROR 1040: Too many connections
      return;
    }
    if (storage_.full && sim.request(h).kind != RequestKind::Read) {
      sim.metrics(id()).add(storage_full_c_);
      sim.respond(h, Outcome::ServerError);  // storage-full: the instance takes no more writes
      return;
    }
    ++q_.connections;
    if (q_.busy < q_.workers) {
      begin(sim, h);
    } else {
      q_.waiting.push_back(h);
      ++sim.metrics(id()).waited;
      sim.metrics(id()).queue.set(sim.now(), static_cast<int64_t>(q_.waiting.size()));
    }
  }

  void on_timer(Simulation& sim, uint16_t timer, uint64_t payload) override {
    const TimerKind kind = kind_of(timer);
    if (kind == kFailoverDone) {
      if (epoch_of(timer) == (epoch_ & 0x3fff)) complete_failover(sim);
      return;
    }
    const ReqHandle h{payload};
    const bool current = epoch_of(timer) == (epoch_ & 0x3fff);
    if (kind == kServed) {
      release_worker(sim);
      if (!current) return answer(sim, h, Outcome::Unreachable);  // the instance it ran on is gone
      const Request& r = sim.request(h);
      if (r.kind != RequestKind::Read && !in_sync_standbys(sim).empty()) {
        // Synchronous replication: the commit waits for the standby's acknowledgement (a
        // cluster's faster of two: both are one cross-AZ round trip away here).
        sim.schedule_timer(id(), sim.now() + 2 * sim.topology().table().cross_az, timer_of(kCommitted, epoch_), h.v);
        return;
      }
      commit_and_answer(sim, h);
    } else if (kind == kCommitted) {
      if (!current) return answer(sim, h, Outcome::Unreachable);
      commit_and_answer(sim, h);
    }
  }

  void on_response(Simulation& sim, ReqHandle parent, const Request&, Outcome) override {
    if (sim.alive(parent)) sim.finish_root(parent);
  }

  void on_second(Simulation& sim) override {
    NodeMetrics& m = sim.metrics(id());
    // Billed by the deployment (AWS-FACTS: RDS / Billing — Multi-AZ ≈2×), also while a lost standby is away.
    const double instances = deployment_ == Deployment::SingleAz ? 1.0 : deployment_ == Deployment::MultiAzInstance ? 2.0 : 3.0;
    m.cost_usd += class_->usd_per_hour * instances / kDbSecondsPerHour +
                  storage_.allocated_gb * instances * kStorageUsdPerGbMonth / kDbSecondsPerMonth;
    watch_storage(sim);
    watch_azs(sim);
    m.set(connections_g_, static_cast<double>(q_.connections));
    m.set(standbys_g_, static_cast<double>(in_sync_standbys(sim).size()));
    if (refusing_ && q_.connections < q_.max_connections) refusing_ = false;
  }

  void on_up_changed(Simulation& sim, bool up) override {
    if (up) return;
    drop_all(sim);  // the instance (and its endpoint) is stopped: connections reset
  }

  StatusText status() const override {
    const std::string p = az_name_.empty() ? "" : az_name_;
    switch (phase_) {
      case Phase::FailingOver:
        return {"Failing over to " + target_name_ + " since " + doc::clock_text(to_seconds(failover_began_)) +
                    ": writes and reads fail until the standby takes over (60-120 s)",
                doc::with_direction(target_name_) + " 장애 조치 중입니다(" + doc::clock_text(to_seconds(failover_began_)) +
                    "부터). 대기 인스턴스가 넘겨받을 때까지 쓰기와 읽기가 실패합니다(60~120초)"};
      case Phase::Down:
        return {"Unavailable: its only AZ " + p + " is down (Single-AZ)",
                "사용할 수 없습니다. 하나뿐인 가용 영역 " + doc::with_subject(p) + " 중단되었습니다(단일 AZ)"};
      case Phase::Up: break;
    }
    if (standbys_.empty())
      return {"Primary in " + p + (failed_over_ ? " (after a failover), no standby" : ", Single-AZ"),
              "기본 인스턴스: " + p + (failed_over_ ? "(장애 조치 후), 대기 인스턴스 없음" : ", 단일 AZ")};
    return {"Primary in " + p + ", standby in " + standby_names_ + (failed_over_ ? " (after a failover)" : ""),
            "기본 인스턴스: " + p + ", 대기 인스턴스: " + standby_names_ + (failed_over_ ? "(장애 조치 후)" : "")};
  }

private:
  enum class Phase : uint8_t { Up, FailingOver, Down };

  void begin(Simulation& sim, ReqHandle h) {
    ++q_.busy;
    sim.metrics(id()).busy.set(sim.now(), q_.busy);
    const RequestKind k = sim.request(h).kind;
    sim.schedule_timer(id(), sim.now() + q_.service(sim.rng(), k), timer_of(kServed, epoch_), h.v);
  }

  void release_worker(Simulation& sim) {
    if (q_.busy > 0) --q_.busy;
    if (!q_.waiting.empty() && phase_ == Phase::Up) {
      const ReqHandle next = q_.waiting.front();
      q_.waiting.pop_front();
      sim.metrics(id()).queue.set(sim.now(), static_cast<int64_t>(q_.waiting.size()));
      begin(sim, next);
      return;
    }
    sim.metrics(id()).busy.set(sim.now(), q_.busy);
  }

  void answer(Simulation& sim, ReqHandle h, Outcome o) {
    if (q_.connections > 0) --q_.connections;
    sim.respond(h, o);
  }

  void commit_and_answer(Simulation& sim, ReqHandle h) {
    const Request& r = sim.request(h);
    NodeMetrics& m = sim.metrics(id());
    if (r.kind == RequestKind::Read) {
      m.add(reads_c_);
    } else {
      m.add(writes_c_);
      ship(sim, r.lineage(), r.size_bytes);
    }
    answer(sim, h, Outcome::Ok);
  }

  // Asynchronous replication: each committed write goes to every read replica, which applies it later.
  void ship(Simulation& sim, const Lineage& item, uint32_t size) {
    for (ConnId c : replicas_) {
      const ReqHandle root = sim.begin_root(id(), item, RequestKind::Write);
      sim.call(c, root, RequestKind::Write, size, item.key);
      sim.finish_root(root);
      sim.metrics(id()).add(shipped_c_);
    }
  }

  std::vector<AzId> in_sync_standbys(const Simulation& sim) const {
    std::vector<AzId> out;
    for (AzId a : standbys_)
      if (!sim.topology().az(a).down) out.push_back(a);
    return out;
  }

  // Every query in progress or waiting fails: the connections are reset.
  void drop_all(Simulation& sim) {
    ++epoch_;
    while (!q_.waiting.empty()) {
      const ReqHandle h = q_.waiting.front();
      q_.waiting.pop_front();
      answer(sim, h, Outcome::Unreachable);
    }
    sim.metrics(id()).queue.set(sim.now(), 0);
    // Queries on a vCPU or waiting for the standby fail as their timers fire (stale epoch).
  }

  void watch_azs(Simulation& sim) {
    const Topology& t = sim.topology();
    if (!primary_.valid()) return;
    const bool primary_down = t.az(primary_).down;
    if (phase_ == Phase::Up && primary_down) {
      const std::vector<AzId> up = in_sync_standbys(sim);
      if (!up.empty()) {
        begin_failover(sim, up.front());
      } else {
        phase_ = Phase::Down;
        drop_all(sim);
        sim.log(id(), LogKind::NodeDown,
                sim.info(id()).name + " is unavailable: its AZ " + az_name_ + " is down and it has no standby in another AZ",
                doc::with_topic(sim.info(id()).name) + " 사용할 수 없습니다. 가용 영역 " + doc::with_subject(az_name_) +
                    " 중단되었고 다른 가용 영역에 대기 인스턴스가 없습니다")
            .because("db_az_down")
            .in_az(primary_.v);
      }
    } else if (phase_ == Phase::Down && !primary_down) {
      phase_ = Phase::Up;
      sim.log(id(), LogKind::NodeUp, sim.info(id()).name + " is back: its AZ " + az_name_ + " is up again",
              doc::with_topic(sim.info(id()).name) + " 다시 사용할 수 있습니다. 가용 영역 " + doc::with_subject(az_name_) +
                  " 복구되었습니다")
          .because("db_az_up")
          .in_az(primary_.v);
    }
    // A failed-over instance gets its standby back in its old AZ once that AZ is up (AWS
    // re-creates it; here it is in sync at once).
    if (phase_ == Phase::Up && lost_standby_.valid() && !t.az(lost_standby_).down) {
      standbys_.push_back(lost_standby_);
      lost_standby_ = AzId{};
      name_azs(sim);
    }
  }

  void begin_failover(Simulation& sim, AzId to) {
    phase_ = Phase::FailingOver;
    failover_began_ = sim.now();
    target_ = to;
    target_name_ = sim.topology().az(to).id;
    drop_all(sim);
    // AWS-FACTS: RDS / Failover time — typically 60–120 s for a Multi-AZ DB instance;
    // AWS-FACTS: RDS / Multi-AZ DB cluster — typically under 35 s.
    const bool cluster = deployment_ == Deployment::MultiAzCluster;
    const double lo = cluster ? 20 : 60, hi = cluster ? 35 : 120;
    const double took = lo + (hi - lo) * sim.rng().next_double();
    sim.schedule_timer(id(), sim.now() + from_seconds(took), timer_of(kFailoverDone, epoch_), 0);
    sim.metrics(id()).add(failovers_c_);
    sim.log(id(), LogKind::Failover,
            sim.info(id()).name + ": AZ " + az_name_ + " of the primary is down; failing over to the standby in " +
                target_name_ + " (the endpoint stays the same; until then every query fails)",
            doc::with_topic(sim.info(id()).name) + " 기본 인스턴스의 가용 영역 " + doc::with_subject(az_name_) + " 중단되어 " + target_name_ +
                "의 대기 인스턴스로 장애 조치를 시작합니다(엔드포인트는 그대로이며, 끝날 때까지 모든 쿼리가 실패합니다)")
        .because("db_failover_began")
        .in_az(primary_.v);
  }

  void complete_failover(Simulation& sim) {
    if (phase_ != Phase::FailingOver) return;
    const AzId old = primary_;
    primary_ = target_;
    standbys_.erase(std::remove(standbys_.begin(), standbys_.end(), target_), standbys_.end());
    lost_standby_ = old;  // the old primary's AZ gets the new standby once it is back
    phase_ = Phase::Up;
    failed_over_ = true;
    name_azs(sim);
    const double took = to_seconds(sim.now() - failover_began_);
    sim.log(id(), LogKind::Failover,
            sim.info(id()).name + " failed over to " + az_name_ + " in " + std::to_string(static_cast<int>(took + 0.5)) +
                " s: the standby is the primary now, behind the same endpoint",
            doc::with_topic(sim.info(id()).name) + " " + std::to_string(static_cast<int>(took + 0.5)) + "초 만에 " +
                doc::with_direction(az_name_) +
                " 장애 조치를 마쳤습니다. 이제 대기 인스턴스였던 쪽이 같은 엔드포인트로 기본 인스턴스 역할을 합니다")
        .because("db_failover_completed")
        .in_az(primary_.v)
        .field("seconds", took);
  }

  // Once a second: the data grows; storage autoscaling raises the allocation after 5
  // minutes under 10% free (6 hours after its last change); a full volume refuses writes.
  void watch_storage(Simulation& sim) {
    Storage& st = storage_;
    const double now = to_seconds(sim.now());
    st.used_gb = std::min(st.allocated_gb, st.used_gb + st.growth_gb_per_h / 3600.0);
    const double free_share = st.allocated_gb > 0 ? 1 - st.used_gb / st.allocated_gb : 0;
    const std::string n = sim.info(id()).name;
    if (free_share <= kAutoscaleFreeShare) {
      if (st.low_since_s < 0) {
        st.low_since_s = now;
        sim.log(id(), LogKind::Warning,
                n + "'s storage is " + doc::format_number(std::round(st.used_gb)) + " of " +
                    doc::format_number(st.allocated_gb) + " GiB: 10% or less free" +
                    (st.max_gb > st.allocated_gb ? "; storage autoscaling grows it after 5 minutes like this"
                                                 : "; storage autoscaling is off, so it will fill up"),
                doc::with_topic(n + "의 스토리지") + " " + doc::format_number(st.allocated_gb) + "GiB 중 " +
                    doc::format_number(std::round(st.used_gb)) + "GiB를 써서 여유 공간이 10% 이하입니다" +
                    (st.max_gb > st.allocated_gb ? ". 이 상태가 5분 이어지면 스토리지 자동 조정이 늘립니다"
                                                 : ". 스토리지 자동 조정이 꺼져 있어 곧 가득 찹니다"))
            .because("rds_storage_low")
            .field("free_pct", free_share * 100);
      }
    } else {
      st.low_since_s = -1;
    }
    if (st.low_since_s >= 0 && now - st.low_since_s >= kAutoscaleLowForS && now - st.last_change_s >= kAutoscaleQuietS &&
        st.max_gb > st.allocated_gb) {
      const double before = st.allocated_gb;
      const double grow = std::max({kAutoscaleMinGb, kAutoscaleMinShare * before, st.growth_gb_per_h * kAutoscaleForecastH});
      st.allocated_gb = std::min(st.max_gb, std::ceil(before + grow));
      st.last_change_s = now;
      st.low_since_s = -1;
      st.full = false;
      sim.log(id(), LogKind::ScaleOut,
              n + ": storage autoscaling grew the volume from " + doc::format_number(before) + " to " +
                  doc::format_number(st.allocated_gb) + " GiB (the largest of 10 GiB, 10% and 7 hours of growth; at "
                  "most " + doc::format_number(st.max_gb) + " GiB); the next change can come 6 hours later",
              doc::with_topic(n) + " 스토리지 자동 조정으로 볼륨을 " + doc::format_number(before) + "GiB에서 " +
                  doc::format_number(st.allocated_gb) + "GiB로 늘렸습니다(10GiB, 10%, 7시간 동안 늘어날 양 중 가장 큰 값, 최대 " +
                  doc::format_number(st.max_gb) + "GiB). 다음 변경은 6시간 뒤에야 할 수 있습니다")
          .because("rds_storage_scaled")
          .field("from_gb", before)
          .field("to_gb", st.allocated_gb);
    }
    if (!st.full && st.used_gb >= st.allocated_gb) {
      st.full = true;
      sim.log(id(), LogKind::NodeDown,
              n + "'s storage is full (" + doc::format_number(st.allocated_gb) + " GiB): the instance is in the "
                  "storage-full state and every write fails; reads go on",
              doc::with_topic(n + "의 스토리지") + " 가득 찼습니다(" + doc::format_number(st.allocated_gb) +
                  "GiB). 인스턴스가 storage-full 상태가 되어 모든 쓰기가 실패하고, 읽기는 계속됩니다")
          .because("rds_storage_full");
    }
    sim.metrics(id()).set(used_g_, st.used_gb);
    sim.metrics(id()).set(allocated_g_, st.allocated_gb);
  }

  void name_azs(const Simulation& sim) {
    az_name_ = primary_.valid() ? sim.topology().az(primary_).id : "";
    standby_names_.clear();
    for (AzId a : standbys_) standby_names_ += (standby_names_.empty() ? "" : ", ") + sim.topology().az(a).id;
  }

  [[gnu::noinline]] void log_too_many(Simulation& sim) {
    refusing_ = true;
    sim.log(id(), LogKind::ThrottlingBegan,
            sim.info(id()).name + " refuses connections: all " + std::to_string(q_.max_connections) +
                " (max_connections) are in use. Queries wait on its " + std::to_string(q_.workers) +
                " vCPUs; a larger instance class has more of both",
            doc::with_topic(sim.info(id()).name) + " 연결을 거부합니다. 연결 " + std::to_string(q_.max_connections) +
                "개(max_connections)를 모두 쓰고 있습니다. 쿼리가 vCPU " + std::to_string(q_.workers) +
                "개를 기다리고 있으니, 더 큰 인스턴스 클래스를 고르면 둘 다 늘어납니다")
        .because("db_too_many_connections")
        .field("max_connections", static_cast<double>(q_.max_connections));
  }

  const DbClass* class_;
  Deployment deployment_;
  int zone_;
  QueryEngine q_;
  Storage storage_;
  Phase phase_ = Phase::Up;
  uint32_t epoch_ = 0;
  AzId primary_, target_, lost_standby_;
  std::vector<AzId> standbys_;
  std::vector<ConnId> replicas_;
  SimTime failover_began_ = 0;
  bool failed_over_ = false, refusing_ = false;
  std::string az_name_, standby_names_, target_name_;
  CounterId reads_c_, writes_c_, refused_c_, failovers_c_, shipped_c_;
  GaugeId connections_g_, standbys_g_, used_g_, allocated_g_;
  CounterId storage_full_c_;
};

// ---- The read replica -------------------------------------------------------

class RdsReplica final : public ModelBase<RdsReplica> {
public:
  RdsReplica(const DbClass& c, int zone, QueryEngine engine, int64_t appliers, double storage_gb)
      : class_(&c), zone_(zone), q_(std::move(engine)), appliers_(std::max<int64_t>(1, appliers)), storage_gb_(storage_gb) {}

  void start(Simulation& sim) override {
    reads_c_ = sim.counter(id(), "reads");
    stale_c_ = sim.counter(id(), "stale_reads");
    refused_writes_c_ = sim.counter(id(), "writes_refused");
    refused_c_ = sim.counter(id(), "connections_refused");
    applied_c_ = sim.counter(id(), "changes_applied");
    writes_c_ = sim.counter(id(), "writes");
    dropped_c_ = sim.counter(id(), "changes_not_replicated");
    lag_g_ = sim.gauge(id(), "replica_lag_s");
    behind_g_ = sim.gauge(id(), "changes_behind");
    connections_g_ = sim.gauge(id(), "connections");
    sim.metrics(id()).capacity = q_.workers;
    home_ = nth_az(sim.topology().azs_in(sim.info(id()).placement.region), zone_);
  }

  void on_request(Simulation& sim, ReqHandle h) override {
    const Request& r = sim.request(h);
    if (r.conn.valid() && sim.connection(r.conn).role == WireRole::Replicate) {
      // Promotion stopped replication: the source's later writes never reach this instance.
      if (role_ == Role::Replica) receive_change(sim, r);
      else sim.metrics(id()).add(dropped_c_);
      sim.respond(h, Outcome::Ok);  // the source does not wait (asynchronous replication)
      return;
    }
    if (home_down(sim) || role_ == Role::Promoting) {
      sim.respond(h, Outcome::Unreachable);  // a promotion reboots the instance
      return;
    }
    if (r.kind != RequestKind::Read && role_ == Role::Replica) {
      sim.metrics(id()).add(refused_writes_c_);
      if (!warned_write_) log_write_refused(sim);
      sim.respond(h, Outcome::Rejected);  // ERROR 1290: the server is running with --read-only
      return;
    }
    if (q_.connections >= q_.max_connections) {
      sim.metrics(id()).add(refused_c_);
      sim.respond(h, Outcome::Throttled);  // ERROR 1040: Too many connections
      return;
    }
    ++q_.connections;
    queries_waiting_.push_back({h, sim.now()});
    dispatch(sim);
  }

  void on_timer(Simulation& sim, uint16_t timer, uint64_t payload) override {
    // Work begun before the replica went down was reset with it (vCPUs, connections).
    const bool current = epoch_of(timer) == (epoch_ & 0x3fff);
    if (kind_of(timer) == kPromotionDone) {
      promotion_due_ = true;
      finish_promotion(sim);
      return;
    }
    if (current && q_.busy > 0) --q_.busy;
    if (kind_of(timer) == kApplied) {
      if (!current) return;
      if (applying_ > 0) --applying_;
      finish_apply(sim, payload);
    } else if (kind_of(timer) == kServed) {
      const ReqHandle h{payload};
      if (!current) {
        sim.respond(h, Outcome::Unreachable);
        return;
      }
      if (q_.connections > 0) --q_.connections;
      {
        const Request& r = sim.request(h);
        const uint64_t key = r.key ? r.key : r.item_id;
        NodeMetrics& m = sim.metrics(id());
        if (r.kind != RequestKind::Read) {
          m.add(writes_c_);  // a promoted instance takes writes
        } else {
          m.add(reads_c_);
          // The latest write of this key has reached the replica but is not applied yet: the
          // read returns the value from before it.
          if (pending_by_key_.count(key)) m.add(stale_c_);
        }
        sim.respond(h, Outcome::Ok);
      }
    }
    dispatch(sim);
  }

  void on_second(Simulation& sim) override {
    NodeMetrics& m = sim.metrics(id());
    m.cost_usd += class_->usd_per_hour / kDbSecondsPerHour + storage_gb_ * kStorageUsdPerGbMonth / kDbSecondsPerMonth;
    const bool down = home_down(sim);
    if (down && !was_down_) reset(sim);
    if (!down && was_down_) dispatch(sim);
    was_down_ = down;
    // ReplicaLag: how old the oldest change not applied yet is (0 when caught up).
    const double lag = changes_.empty() ? 0.0 : to_seconds(sim.now() - changes_.front().committed_at);
    m.set(lag_g_, lag);
    m.set(behind_g_, static_cast<double>(changes_.size()));
    m.set(connections_g_, static_cast<double>(q_.connections));
    if (lag >= 10 && !lagging_) {
      lagging_ = true;
      sim.log(id(), LogKind::Warning,
              sim.info(id()).name + " is " + std::to_string(static_cast<int>(lag)) +
                  " s behind its source: writes arrive faster than it applies them, and its reads return old values",
              doc::with_topic(sim.info(id()).name) + " 원본보다 " + std::to_string(static_cast<int>(lag)) +
                  "초 뒤처져 있습니다. 쓰기가 적용 속도보다 빨리 들어와서, 이 복제본의 읽기는 예전 값을 돌려줍니다")
          .because("replica_lag")
          .field("lag_s", lag);
    } else if (lag < 1 && lagging_) {
      lagging_ = false;
      sim.log(id(), LogKind::Info, sim.info(id()).name + " has caught up with its source",
              doc::with_topic(sim.info(id()).name) + " 원본을 따라잡았습니다")
          .because("replica_caught_up");
    }
  }

  void on_up_changed(Simulation& sim, bool up) override {
    if (!up) reset(sim);
  }

  // "promote" (the only action): replication stops, the instance reboots as a standalone
  // DB instance once it has applied what it received, and then takes writes.
  void on_action(Simulation& sim, int) override {
    if (role_ != Role::Replica) return;  // promoted already (or under way): nothing to do
    role_ = Role::Promoting;
    promotion_began_ = sim.now();
    const double took = kPromotionMinS + (kPromotionMaxS - kPromotionMinS) * sim.rng().next_double();
    sim.schedule_timer(id(), sim.now() + from_seconds(took), timer_of(kPromotionDone, 0), 0);
    // Queries waiting fail with the reboot (those on a vCPU finish); the relay log is applied meanwhile.
    while (!queries_waiting_.empty()) {
      sim.respond(queries_waiting_.front().h, Outcome::Unreachable);
      queries_waiting_.pop_front();
    }
    const std::string n = sim.info(id()).name, behind = std::to_string(changes_.size());
    sim.log(id(), LogKind::Fault,
            n + " is being promoted to a standalone DB instance: replication from its source stops, it applies the " +
                behind + " changes it holds and reboots (minutes); until then it serves no queries",
            doc::with_topic(n) + " 독립 실행형 DB 인스턴스로 승격되고 있습니다. 원본으로부터의 복제가 멈추고, 받아 둔 변경 " +
                behind + "건을 적용한 뒤 재부팅합니다(몇 분). 그때까지 쿼리를 처리하지 않습니다")
        .because("replica_promotion_began")
        .field("changes_behind", static_cast<double>(changes_.size()));
  }

  StatusText status() const override {
    if (role_ == Role::Promoting) {
      const std::string since = doc::clock_text(to_seconds(promotion_began_));
      return {"Being promoted to a standalone DB instance since " + since + " (applying its relay log, rebooting)",
              doc::clock_text(to_seconds(promotion_began_)) + "부터 독립 실행형 DB 인스턴스로 승격 중입니다(릴레이 로그 적용, 재부팅)"};
    }
    if (role_ == Role::Standalone) {
      const std::string at = doc::clock_text(to_seconds(promoted_at_));
      return {"Standalone DB instance (promoted at " + at + "): takes reads and writes, no longer replicates",
              "독립 실행형 DB 인스턴스입니다(" + at + "에 승격). 읽기와 쓰기를 모두 받고, 더 이상 복제하지 않습니다"};
    }
    const std::string n = std::to_string(changes_.size());
    if (changes_.empty()) return {"Read replica, caught up with its source", "읽기 전용 복제본, 원본과 동기화됨"};
    return {"Read replica, " + n + " changes behind its source", "읽기 전용 복제본, 원본보다 변경 " + n + "건 뒤처짐"};
  }

private:
  struct Change {
    uint64_t key;
    SimTime committed_at;
    bool started = false, done = false;
  };
  struct WaitingQuery {
    ReqHandle h;
    SimTime since;
  };
  // A replica until promoted; while promoting it applies its relay log and serves nothing.
  enum class Role : uint8_t { Replica, Promoting, Standalone };

  // The promotion ends when its time is up and every change received is applied.
  void finish_promotion(Simulation& sim) {
    if (role_ != Role::Promoting || !promotion_due_ || !changes_.empty()) return;
    role_ = Role::Standalone;
    promoted_at_ = sim.now();
    const double took = to_seconds(sim.now() - promotion_began_);
    const std::string n = sim.info(id()).name, secs = std::to_string(static_cast<int>(took + 0.5));
    sim.log(id(), LogKind::Failover,
            n + " is a standalone DB instance after " + secs + " s of promotion: it takes writes now; the source's "
                "later writes no longer reach it",
            doc::with_topic(n) + " " + secs + "초 만에 승격을 마치고 독립 실행형 DB 인스턴스가 되었습니다. 이제 쓰기를 받으며, "
                "원본의 이후 쓰기는 더 이상 이쪽으로 오지 않습니다")
        .because("replica_promoted")
        .field("seconds", took);
    dispatch(sim);
  }

  bool home_down(const Simulation& sim) const { return home_.valid() && sim.topology().az(home_).down; }

  // The instance went down: reads in progress or waiting fail; the changes received stay in
  // the relay log and are applied again from the first one not yet visible.
  void reset(Simulation& sim) {
    ++epoch_;
    applying_ = 0;
    q_.busy = 0;
    while (!queries_waiting_.empty()) {
      sim.respond(queries_waiting_.front().h, Outcome::Unreachable);
      queries_waiting_.pop_front();
    }
    q_.connections = 0;
    for (Change& c : changes_) c.started = c.done = false;
    next_to_apply_ = 0;
  }

  void receive_change(Simulation& sim, const Request& r) {
    const uint64_t key = r.key ? r.key : r.item_id;
    changes_.push_back({key, r.sent_at});
    ++pending_by_key_[key];
    dispatch(sim);
  }

  // The vCPUs take the oldest work first, a read or a change to apply; changes are applied
  // by at most `appliers_` threads at once, in the order they were committed.
  void dispatch(Simulation& sim) {
    if (home_down(sim)) return;
    while (q_.busy < q_.workers) {
      const bool can_apply = applying_ < appliers_ && next_to_apply_ < changes_.size();
      const bool can_read = !queries_waiting_.empty();
      if (!can_apply && !can_read) break;
      const bool apply =
          can_apply && (!can_read || changes_[next_to_apply_].committed_at <= queries_waiting_.front().since);
      ++q_.busy;
      if (apply) {
        Change& c = changes_[next_to_apply_];
        c.started = true;
        ++applying_;
        const uint64_t seq = first_seq_ + next_to_apply_;
        ++next_to_apply_;
        sim.schedule_timer(id(), sim.now() + q_.service(sim.rng(), RequestKind::Write), timer_of(kApplied, epoch_), seq);
      } else {
        const ReqHandle h = queries_waiting_.front().h;
        queries_waiting_.pop_front();
        const RequestKind k = sim.request(h).kind == RequestKind::Read ? RequestKind::Read : RequestKind::Write;
        sim.schedule_timer(id(), sim.now() + q_.service(sim.rng(), k), timer_of(kServed, epoch_), h.v);
      }
    }
    sim.metrics(id()).busy.set(sim.now(), q_.busy);
    sim.metrics(id()).queue.set(sim.now(), static_cast<int64_t>(queries_waiting_.size()));
  }

  void finish_apply(Simulation& sim, uint64_t seq) {
    if (seq < first_seq_ || seq - first_seq_ >= changes_.size()) return;
    changes_[seq - first_seq_].done = true;
    // Changes become visible in commit order (replica_preserve_commit_order).
    while (!changes_.empty() && changes_.front().done) {
      auto it = pending_by_key_.find(changes_.front().key);
      if (it != pending_by_key_.end() && --it->second == 0) pending_by_key_.erase(it);
      changes_.pop_front();
      ++first_seq_;
      if (next_to_apply_ > 0) --next_to_apply_;
      sim.metrics(id()).add(applied_c_);
    }
    if (changes_.empty()) finish_promotion(sim);
  }

  [[gnu::noinline]] void log_write_refused(Simulation& sim) {
    warned_write_ = true;
    sim.log(id(), LogKind::Warning,
            sim.info(id()).name + " refused a write: a read replica is read-only. Send writes to the source DB "
                                  "instance (a wire with requests: writes) and reads here (requests: reads)",
            doc::with_topic(sim.info(id()).name) + " 쓰기를 거부했습니다. 읽기 전용 복제본은 읽기만 받습니다. 쓰기는 원본 DB "
                                                   "인스턴스로(연결의 \"requests\": writes), 읽기는 여기로(\"requests\": reads) 보내세요")
        .because("replica_read_only");
  }

  const DbClass* class_;
  int zone_;
  QueryEngine q_;
  int64_t appliers_;
  double storage_gb_;
  AzId home_;
  uint32_t epoch_ = 0;
  int64_t applying_ = 0;
  std::deque<Change> changes_;      // received, not yet visible, in commit order
  uint64_t first_seq_ = 0;          // the sequence number of changes_.front()
  size_t next_to_apply_ = 0;        // index in changes_ of the next change to start
  std::unordered_map<uint64_t, uint32_t> pending_by_key_;
  std::deque<WaitingQuery> queries_waiting_;
  Role role_ = Role::Replica;
  bool promotion_due_ = false;
  SimTime promotion_began_ = 0, promoted_at_ = 0;
  bool was_down_ = false, lagging_ = false, warned_write_ = false;
  CounterId reads_c_, stale_c_, refused_writes_c_, refused_c_, applied_c_, writes_c_, dropped_c_;
  GaugeId lag_g_, behind_g_, connections_g_;
};

// ---- Descriptors ---------------------------------------------------------------

using catalog::ParamSpec;
using catalog::ParamType;

ParamSpec class_param() {
  return ParamSpec{"instance_class", ParamType::Enum, {"DB instance class", "DB 인스턴스 클래스"},
                   {"The instance's size: its vCPUs run queries in parallel, its memory sets max_connections "
                    "(MySQL's default: memory / 12,582,880 bytes) and its price per hour.",
                    "인스턴스의 크기입니다. vCPU 수만큼 쿼리를 동시에 실행하고, 메모리가 max_connections(MySQL 기본값: 메모리 "
                    "/ 12,582,880바이트)와 시간당 요금을 정합니다."},
                   "", 0, 0, "db.m5.large", class_keys(), "RDS / Price", 0, false, ""};
}

std::vector<ParamSpec> engine_params() {
  std::vector<ParamSpec> out = query_engine_params(
      {"Queries in progress or waiting at once, each on its own connection; above it new ones are refused "
       "(Too many connections). 0 = MySQL's default for the class's memory.",
       "동시에 실행 중이거나 기다리는 쿼리 수입니다(쿼리마다 연결 하나). 넘으면 새 연결을 거부합니다"
       "(\"Too many connections\"). 0이면 클래스의 메모리에 맞춘 MySQL 기본값입니다."});
  std::vector<ParamSpec> more = {
      ParamSpec{"storage_gb", ParamType::Float, {"Allocated storage", "할당된 스토리지"},
                {"The volume's size, for its cost per GB-month (gp3).", "볼륨 크기입니다. GB-월당 스토리지 요금(gp3)을 계산합니다."},
                "GB", 20, 65536, 100, {}, "", 0, false, ""},
      ParamSpec{"zone", ParamType::Int, {"Availability Zone", "가용 영역"},
                {"Which of the Region's AZs the instance runs in (1 = the first); a Multi-AZ standby goes in the next one.",
                 "인스턴스를 둘 리전의 가용 영역입니다(1 = 첫 번째). 다중 AZ의 대기 인스턴스는 그다음 가용 영역에 둡니다."},
                "", 1, 6, 1, {}, "RDS / Multi-AZ instance", 0, false, ""},
  };
  for (ParamSpec& p : more) out.push_back(std::move(p));
  return out;
}

QueryEngine engine_from(const json& p) {
  const DbClass& c = db_class(catalog::param_string(p, "instance_class"));
  return query_engine_from(p, c.vcpus, default_max_connections(c));
}

// Storage autoscaling's maximum is above the allocation (AWS asks for 10% more).
std::vector<doc::Issue> validate_instance(const json& p) {
  std::vector<doc::Issue> out;
  const double mx = catalog::param_number(p, "max_storage_gb"), gb = catalog::param_number(p, "storage_gb");
  if (mx > 0 && mx < gb * 1.1)
    out.push_back({"max_storage_gb", "the maximum storage (" + doc::format_number(mx) + " GiB) must be at least 10% above "
                                         "the allocated storage (" + doc::format_number(gb) + " GiB), or 0 to turn storage "
                                         "autoscaling off.",
                   "최대 스토리지(" + doc::format_number(mx) + "GiB)는 할당된 스토리지(" + doc::format_number(gb) +
                       "GiB)보다 10% 이상 커야 합니다. 스토리지 자동 조정을 끄려면 0을 쓰세요."});
  return out;
}

Storage storage_from(const json& p) {
  Storage st;
  st.allocated_gb = catalog::param_number(p, "storage_gb");
  st.used_gb = std::min(st.allocated_gb, catalog::param_number(p, "storage_used_gb"));
  st.growth_gb_per_h = catalog::param_number(p, "storage_growth_gb_per_h");
  st.max_gb = catalog::param_number(p, "max_storage_gb");
  return st;
}

std::optional<catalog::Finding> single_az_advice(const doc::Document& d, const doc::NodeDoc& n) {
  const json p = catalog::with_defaults(rds_descriptor(), n.params.is_object() ? n.params : json::object());
  if (deployment_of(catalog::param_string(p, "deployment")) != Deployment::SingleAz) return std::nullopt;
  if (!is_called(d, n)) return std::nullopt;
  return catalog::Finding{"rds-single-az", catalog::Severity::Warning,
                          "DB instance " + n.id + " is Single-AZ: if its Availability Zone fails, the database is "
                              "unavailable until the AZ comes back. For production choose Multi-AZ (a standby in another "
                              "AZ takes over in 60-120 s).",
                          "DB 인스턴스 " + doc::with_topic(n.id) + " 단일 AZ입니다. 그 가용 영역에 장애가 나면 가용 영역이 "
                              "복구될 때까지 데이터베이스를 쓸 수 없습니다. 프로덕션이라면 다중 AZ를 고르세요(다른 가용 영역의 "
                              "대기 인스턴스가 60~120초 안에 넘겨받습니다).",
                          {n.id},
                          "RDS / Multi-AZ instance"};
}

std::optional<catalog::Finding> replica_written_advice(const doc::Document& d, const doc::NodeDoc& n) {
  for (const doc::ConnectionDoc& w : d.connections) {
    if (w.to != n.id || (!w.role.empty() && w.role != "call")) continue;
    const std::string carries = w.params.is_object() ? w.params.value("requests", "all") : "all";
    if (carries == "reads") continue;
    return catalog::Finding{"rds-replica-gets-writes", catalog::Severity::Warning,
                            "Read replica " + n.id + " is called by " + w.from + " with " +
                                (carries == "writes" ? "writes" : "all its requests") +
                                ": a replica is read-only and refuses every write. Set requests: reads on that wire and "
                                "send the writes to the source DB instance.",
                            "읽기 전용 복제본 " + doc::with_topic(n.id) + " " + w.from + "에서 " +
                                (carries == "writes" ? "쓰기를" : "모든 요청을") +
                                " 받습니다. 복제본은 읽기 전용이라 쓰기를 모두 거부합니다. 그 연결의 \"requests\"를 reads로 "
                                "바꾸고 쓰기는 원본 DB 인스턴스로 보내세요.",
                            {w.id, n.id},
                            "RDS / Read replicas"};
  }
  return std::nullopt;
}

const std::vector<catalog::MetricSpec>& shared_metrics() {
  using K = MetricKind;
  using St = MetricStat;
  static const std::vector<catalog::MetricSpec> m = {
      metric("reads", K::Counter, St::Max, {"Reads served", "처리한 읽기"}, {"queries", "건"},
             {"Read queries answered.", "응답한 읽기 쿼리입니다."}),
      metric("connections", K::Gauge, St::Max, {"Connections in use", "사용 중인 연결"}, {"connections", "개"},
             {"Queries in progress or waiting, each holding a connection; at max_connections new ones are refused.",
              "실행 중이거나 기다리는 쿼리 수입니다(쿼리마다 연결 하나). max_connections에 이르면 새 연결을 거부합니다."}),
      metric("connections_refused", K::Counter, St::Max, {"Connections refused", "거부된 연결"}, {"queries", "건"},
             {"Queries refused with Too many connections: every connection was in use.",
              "모든 연결을 쓰고 있어서 \"Too many connections\" 오류로 거부된 쿼리입니다."}),
  };
  return m;
}

catalog::ServiceDescriptor make_instance() {
  using K = MetricKind;
  using St = MetricStat;
  catalog::ServiceDescriptor d;
  d.type = "rds";
  d.category = catalog::Category::Databases;
  d.name = {"RDS DB instance", "RDS DB 인스턴스"};
  d.summary = {"A managed relational database (MySQL) on one instance, Single-AZ or Multi-AZ with a synchronous "
               "standby that takes over when the primary's AZ fails. Replicates to read replicas.",
               "인스턴스 하나에서 실행되는 관리형 관계형 데이터베이스(MySQL)입니다. 단일 AZ 또는 다중 AZ로 배포하며, 다중 AZ는 "
               "동기식 대기 인스턴스가 기본 인스턴스의 가용 영역에 장애가 나면 넘겨받습니다. 읽기 전용 복제본으로 복제합니다."};
  d.simplifications = {
      "Each query runs on one vCPU for an exponentially distributed time (read_ms, write_ms) and holds a connection "
      "while it runs or waits; there is no buffer cache, locking, storage IOPS or CPU credits. A Multi-AZ write waits "
      "one cross-AZ round trip for the standby (a cluster: the faster of its two standbys); the readable standbys of a "
      "Multi-AZ DB cluster serve no reads here (one wire goes to the writer endpoint). Failover starts when the "
      "primary's AZ is down (checked every second) and takes 60-120 s (a cluster: 20-35 s), drawn at random; during it "
      "every query fails. Killing the node stops the whole DB instance, standby included: fail its AZ to see a "
      "failover. The lost standby comes back, in sync, as soon as its AZ does. The data grows at a steady "
      "storage_growth_gb_per_h (writes themselves add nothing); storage autoscaling checks once a second and its "
      "7-hour forecast is that steady growth; a full volume refuses writes until autoscaling grows it (there is no "
      "manual resize). No backups, snapshots or maintenance windows yet.",
      "쿼리마다 vCPU 하나에서 지수 분포를 따르는 시간(read_ms, write_ms) 동안 실행되고, 실행하거나 기다리는 동안 연결 "
      "하나를 차지합니다. 버퍼 캐시, 잠금, 스토리지 IOPS, CPU 크레딧은 다루지 않습니다. 다중 AZ의 쓰기는 대기 인스턴스까지 "
      "가용 영역 간 왕복 한 번을 기다립니다(클러스터는 대기 인스턴스 둘 중 빠른 쪽). 다중 AZ DB 클러스터의 읽기 가능한 대기 "
      "인스턴스는 여기서 읽기를 처리하지 않습니다(연결 하나가 쓰기 엔드포인트로 갑니다). 장애 조치는 기본 인스턴스의 가용 "
      "영역이 중단되면(1초마다 확인) 시작하고 60~120초(클러스터는 20~35초) 중 무작위로 걸리며, 그동안 모든 쿼리가 "
      "실패합니다. 노드를 중지하면 대기 인스턴스까지 DB 인스턴스 전체가 멈추므로, 장애 조치를 보려면 가용 영역에 장애를 "
      "내세요. 잃은 대기 인스턴스는 그 가용 영역이 복구되는 즉시 동기화된 상태로 돌아옵니다. 데이터는 "
      "storage_growth_gb_per_h만큼 일정하게 늘어나며(쓰기 자체는 양을 더하지 않습니다), 스토리지 자동 조정은 1초마다 "
      "확인하고 7시간 예측에 그 일정한 증가량을 씁니다. 볼륨이 가득 차면 자동 조정이 늘릴 때까지 쓰기를 거부합니다(직접 "
      "크기를 바꾸는 기능은 없습니다). 백업, 스냅샷, 유지 관리 기간은 아직 다루지 않습니다."};
  d.placement = PlacementKind::Region;
  d.icon = catalog::Icon::Database;
  d.params = {
      class_param(),
      ParamSpec{"deployment", ParamType::Enum, {"Deployment", "배포 옵션"},
                {"single_az: one instance. multi_az_instance: a synchronous standby in another AZ, not readable, takes "
                 "over in 60-120 s. multi_az_cluster: a writer and two readable standbys in three AZs, failover under "
                 "35 s. Multi-AZ costs about twice as much (a cluster three times).",
                 "single_az: 인스턴스 하나입니다. multi_az_instance: 다른 가용 영역에 읽을 수 없는 동기식 대기 인스턴스를 두고, "
                 "장애 시 60~120초 안에 넘겨받습니다. multi_az_cluster: 가용 영역 세 곳에 쓰기 인스턴스 하나와 읽기 가능한 대기 "
                 "인스턴스 둘을 두며, 장애 조치가 35초 안에 끝납니다. 다중 AZ 요금은 약 두 배(클러스터는 세 배)입니다."},
                "", 0, 0, "single_az", {"single_az", "multi_az_instance", "multi_az_cluster"}, "RDS / Multi-AZ instance", 0,
                false, ""},
  };
  for (ParamSpec& p : engine_params()) d.params.push_back(std::move(p));
  d.params.push_back(ParamSpec{
      "storage_used_gb", ParamType::Float, {"Data stored", "저장된 데이터"},
      {"How much of the allocated storage the data takes at the start.", "시작할 때 데이터가 차지하는 할당된 스토리지의 양입니다."},
      "GiB", 0, 65536, 20, {}, "", 0, false, ""});
  d.params.push_back(ParamSpec{
      "storage_growth_gb_per_h", ParamType::Float, {"Data growth", "데이터 증가량"},
      {"How fast the data grows. When it fills the allocated storage, writes fail (storage-full).",
       "데이터가 늘어나는 속도입니다. 할당된 스토리지를 다 채우면 쓰기가 실패합니다(storage-full)."},
      "GiB/h", 0, 100000, 0, {}, "", 0, false, ""});
  d.params.push_back(ParamSpec{
      "max_storage_gb", ParamType::Float, {"Maximum storage (autoscaling)", "최대 스토리지(자동 조정)"},
      {"Storage autoscaling: when 10% or less is free for 5 minutes (and 6 hours after its last change), the "
       "allocation grows by the largest of 10 GiB, 10% and 7 hours of growth, up to this. 0 = off.",
       "스토리지 자동 조정입니다. 여유 공간이 10% 이하인 상태가 5분 이어지면(마지막 변경 후 6시간이 지났다면) 10GiB, "
       "10%, 7시간 동안 늘어날 양 중 가장 큰 값만큼 이 값까지 늘립니다. 0이면 끕니다."},
      "GiB", 0, 65536, 0, {}, "RDS / Storage autoscaling", 0, false, ""});
  // It calls nobody: its only outgoing wires carry its changes to read replicas.
  d.makes_calls = false;
  d.source_roles = {catalog::RoleSpec{WireRole::Replicate, {}, {"rds_read_replica"}, nullptr}};
  d.lint_rules = {{"rds-single-az", single_az_advice}};
  d.validate = validate_instance;
  d.metrics = shared_metrics();
  d.metrics.insert(d.metrics.begin() + 1,
                   metric("writes", K::Counter, St::Max, {"Writes committed", "커밋된 쓰기"}, {"queries", "건"},
                          {"Writes committed (on a Multi-AZ instance, once the standby has them too).",
                           "커밋된 쓰기입니다(다중 AZ라면 대기 인스턴스에도 기록된 뒤)."}));
  d.metrics.push_back(metric("failovers", K::Counter, St::Max, {"Failovers", "장애 조치"}, {"failovers", "회"},
                             {"Times a standby took over as primary after the primary's AZ failed.",
                              "기본 인스턴스의 가용 영역 장애로 대기 인스턴스가 기본 인스턴스를 넘겨받은 횟수입니다."}));
  d.metrics.push_back(metric("standbys_in_sync", K::Gauge, St::Min, {"Standbys in sync", "동기화된 대기 인스턴스"},
                             {"instances", "개"},
                             {"Standbys that receive every write synchronously; 0 on a Multi-AZ instance means a failure "
                              "now would not fail over.",
                              "모든 쓰기를 동기식으로 받는 대기 인스턴스 수입니다. 다중 AZ에서 0이면 지금 장애가 나도 장애 조치가 "
                              "일어나지 않습니다."}));
  d.metrics.push_back(metric("storage_used_gb", K::Gauge, St::Max, {"Storage used", "사용한 스토리지"}, {"GiB", "GiB"},
                             {"The data on the volume; at the allocation, writes fail.",
                              "볼륨의 데이터 양입니다. 할당량에 이르면 쓰기가 실패합니다."}));
  d.metrics.push_back(metric("storage_allocated_gb", K::Gauge, St::Max, {"Storage allocated", "할당된 스토리지"},
                             {"GiB", "GiB"},
                             {"The volume's size (billed per GB-month); storage autoscaling raises it.",
                              "볼륨 크기입니다(GB-월 단위 과금). 스토리지 자동 조정이 늘립니다."}));
  d.metrics.push_back(metric("writes_storage_full", K::Counter, St::Max, {"Writes failed: storage full", "스토리지 가득 참으로 실패한 쓰기"},
                             {"queries", "건"},
                             {"Writes refused while the volume was full (storage-full state).",
                              "볼륨이 가득 찬 동안(storage-full 상태) 거부된 쓰기입니다."}));
  d.metrics.push_back(metric("changes_shipped", K::Counter, St::Max, {"Changes sent to replicas", "복제본에 보낸 변경"},
                             {"changes", "건"},
                             {"Committed writes sent to the read replicas (one per replica).",
                              "읽기 전용 복제본에 보낸 커밋된 쓰기입니다(복제본마다 하나)."}));
  using Live = catalog::MetricLive;
  catalog::show_live(d, "reads", Live::Rate, {"reads", "읽기"});
  catalog::show_live(d, "writes", Live::Rate, {"writes", "쓰기"});
  catalog::show_live(d, "connections", Live::Value, {"conns", "연결"});
  catalog::show_live(d, "connections_refused", Live::Value, {"refused", "거부"});
  catalog::show_live(d, "standbys_in_sync", Live::Value, {"standby", "대기"});
  catalog::show_live(d, "failovers", Live::Value, {"failovers", "장애 조치"});
  catalog::show_live(d, "storage_used_gb", Live::Value, {"used GiB", "사용 GiB"});
  d.live_status = true;
  d.create = [](const catalog::BuildContext& ctx) -> std::unique_ptr<Model> {
    const auto& p = ctx.params;
    return std::make_unique<RdsInstance>(db_class(catalog::param_string(p, "instance_class")),
                                         deployment_of(catalog::param_string(p, "deployment")),
                                         static_cast<int>(catalog::param_number(p, "zone")), engine_from(p),
                                         storage_from(p));
  };
  return d;
}

catalog::ServiceDescriptor make_replica() {
  using K = MetricKind;
  using St = MetricStat;
  catalog::ServiceDescriptor d;
  d.type = "rds_read_replica";
  d.category = catalog::Category::Databases;
  d.name = {"RDS read replica", "RDS 읽기 전용 복제본"};
  d.summary = {"A read-only copy of an RDS DB instance, fed asynchronously over a replication wire: it takes reads "
               "off the source, can fall behind under write load, and then answers with old data.",
               "RDS DB 인스턴스의 읽기 전용 사본으로, 복제 연결로 비동기 복제됩니다. 원본의 읽기 부하를 덜어 주지만, 쓰기 "
               "부하가 크면 뒤처지고 그동안 예전 데이터를 돌려줍니다."};
  d.simplifications = {
      "Every committed write of the source arrives over the replication wire (after its network latency) and is "
      "applied on the replica's vCPUs, shared with its reads (oldest work first), by at most `apply_threads` at once, "
      "visible in commit order. A read is stale when the latest write of its key has arrived but is not applied yet; "
      "writes lost in flight are not modelled. The replica keeps what it received while its AZ is down and applies "
      "it when the AZ is back. Promotion (the `promote` action: right-click the replica during a run, or a fault in the "
      "timeline) stops replication at once, fails the queries waiting, applies every change already received and "
      "reboots: 60-180 s drawn at random (AWS says minutes; ⚠ the range is this simulator's), or longer while the relay "
      "log is still being applied; no query is served until then, and afterwards the instance takes writes as a "
      "standalone DB instance (Single-AZ, no standby) while the source's later writes are counted as not replicated. "
      "Cascading replicas and cross-Region transfer cost are not modelled yet.",
      "원본의 커밋된 쓰기는 모두 복제 연결로(네트워크 지연 뒤) 도착하고, 복제본의 vCPU에서 적용됩니다. vCPU는 읽기와 "
      "함께 쓰며(먼저 온 작업부터), 동시에 최대 `apply_threads`개까지 적용하고 커밋 순서대로 보이게 합니다. 어떤 키의 "
      "최신 쓰기가 도착했지만 아직 적용되지 않았을 때 그 키를 읽으면 오래된 읽기입니다. 전송 중에 잃는 쓰기는 다루지 "
      "않습니다. 가용 영역이 중단된 동안 받은 변경은 보관했다가 복구되면 적용합니다. 승격(`promote` 동작: 실행 중 복제본을 "
      "오른쪽 클릭하거나 타임라인의 장애로 지정)은 복제를 즉시 멈추고, 기다리던 쿼리를 실패시키고, 이미 받은 변경을 모두 "
      "적용한 뒤 재부팅합니다. 60~180초 중 무작위로 걸리며(AWS는 몇 분이라고만 하며 ⚠ 이 범위는 시뮬레이터가 정한 것입니다), "
      "릴레이 로그를 아직 적용하는 중이면 더 걸립니다. 그때까지는 쿼리를 처리하지 않고, 그 뒤에는 독립 실행형 DB "
      "인스턴스(단일 AZ, 대기 인스턴스 없음)로 쓰기를 받습니다. 원본의 이후 쓰기는 복제되지 않은 변경으로 셉니다. 계단식 "
      "복제본과 리전 간 전송 요금은 아직 다루지 않습니다."};
  d.placement = PlacementKind::Region;
  d.icon = catalog::Icon::Database;
  d.makes_calls = false;
  d.params = {class_param()};
  for (ParamSpec& p : engine_params()) d.params.push_back(std::move(p));
  d.params.push_back(ParamSpec{
      "apply_threads", ParamType::Int, {"Apply threads", "적용 스레드 수"},
      {"How many changes the replica applies at once (MySQL's replica_parallel_workers: 4 by default since 8.0.27, "
       "single-threaded before). Fewer threads than the source's vCPUs and a busy write load: the replica falls behind.",
       "복제본이 동시에 적용하는 변경 수입니다(MySQL의 replica_parallel_workers: 8.0.27부터 기본값 4, 그 전에는 단일 "
       "스레드). 원본의 vCPU보다 적고 쓰기가 많으면 복제본이 뒤처집니다."},
      "", 1, 64, 4, {}, "RDS / Read replicas", 0, false, ""});
  d.target_roles = {catalog::RoleSpec{WireRole::Call, {}, {}, nullptr},
                    catalog::RoleSpec{WireRole::Replicate, {}, {"rds"}, nullptr}};
  d.lint_rules = {{"rds-replica-gets-writes", replica_written_advice}};
  d.metrics = shared_metrics();
  d.metrics.push_back(metric("replica_lag_s", K::Gauge, St::Max, {"Replica lag", "복제 지연"}, {"s", "초"},
                             {"How old the oldest change not yet applied is (CloudWatch's ReplicaLag); reads of those keys "
                              "return old values.",
                              "아직 적용하지 않은 가장 오래된 변경의 나이입니다(CloudWatch의 ReplicaLag). 그 키를 읽으면 예전 값을 "
                              "돌려줍니다."}));
  d.metrics.push_back(metric("changes_behind", K::Gauge, St::Max, {"Changes not applied", "적용 대기 중인 변경"},
                             {"changes", "건"},
                             {"Writes received from the source and not visible yet.", "원본에서 받았지만 아직 보이지 않는 쓰기입니다."}));
  d.metrics.push_back(metric("changes_applied", K::Counter, St::Max, {"Changes applied", "적용한 변경"}, {"changes", "건"},
                             {"Writes of the source applied here.", "여기에 적용한 원본의 쓰기입니다."}));
  d.metrics.push_back(metric("stale_reads", K::Counter, St::Max, {"Stale reads", "오래된 읽기"}, {"queries", "건"},
                             {"Reads answered with an old value: the key's latest write had not been applied yet.",
                              "키의 최신 쓰기가 아직 적용되지 않아 예전 값으로 응답한 읽기입니다."}));
  d.metrics.push_back(metric("writes_refused", K::Counter, St::Max, {"Writes refused", "거부된 쓰기"}, {"queries", "건"},
                             {"Writes sent to the replica, refused because it is read-only.",
                              "복제본에 보냈지만 읽기 전용이라 거부된 쓰기입니다."}));
  d.metrics.push_back(metric("writes", K::Counter, St::Max, {"Writes committed", "커밋된 쓰기"}, {"queries", "건"},
                             {"Writes committed here once the replica was promoted to a standalone DB instance.",
                              "복제본이 독립 실행형 DB 인스턴스로 승격된 뒤 여기에 커밋된 쓰기입니다."}));
  d.metrics.push_back(metric("changes_not_replicated", K::Counter, St::Max, {"Changes not replicated", "복제되지 않은 변경"},
                             {"changes", "건"},
                             {"Writes of the former source that arrived after the promotion began: replication had "
                              "stopped, so this instance does not have them.",
                              "승격이 시작된 뒤 도착한 이전 원본의 쓰기입니다. 복제가 멈췄으므로 이 인스턴스에는 없습니다."}));
  using Live = catalog::MetricLive;
  catalog::show_live(d, "reads", Live::Rate, {"reads", "읽기"});
  catalog::show_live(d, "replica_lag_s", Live::Value, {"lag", "지연"});
  catalog::show_live(d, "stale_reads", Live::Value, {"stale", "오래된 읽기"});
  catalog::show_live(d, "writes_refused", Live::Value, {"writes refused", "거부된 쓰기"});
  catalog::show_live(d, "writes", Live::Rate, {"writes", "쓰기"});
  catalog::show_live(d, "connections", Live::Value, {"conns", "연결"});
  d.live_status = true;
  d.actions = {{"promote",
                {"Promote to standalone DB instance", "독립 실행형 DB 인스턴스로 승격"},
                {"Stops replication and makes the replica a standalone DB instance that takes writes, after it "
                 "applies what it received and reboots (minutes). Done once; it cannot be undone.",
                 "복제를 멈추고, 받은 변경을 적용하고 재부팅한 뒤(몇 분) 쓰기를 받는 독립 실행형 DB 인스턴스로 만듭니다. 한 번만 "
                 "할 수 있고 되돌릴 수 없습니다."}}};
  d.create = [](const catalog::BuildContext& ctx) -> std::unique_ptr<Model> {
    const auto& p = ctx.params;
    return std::make_unique<RdsReplica>(db_class(catalog::param_string(p, "instance_class")),
                                        static_cast<int>(catalog::param_number(p, "zone")), engine_from(p),
                                        static_cast<int64_t>(catalog::param_number(p, "apply_threads")),
                                        catalog::param_number(p, "storage_gb"));
  };
  return d;
}

}  // namespace

const catalog::ServiceDescriptor& rds_descriptor() {
  static const catalog::ServiceDescriptor d = make_instance();
  return d;
}

const catalog::ServiceDescriptor& rds_read_replica_descriptor() {
  static const catalog::ServiceDescriptor d = make_replica();
  return d;
}

}  // namespace cp::services
