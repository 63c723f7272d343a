#include "core/services/ebs.h"

#include <algorithm>
#include <set>
#include <vector>

#include "core/catalog/regions.h"
#include "core/doc/messages.h"
#include "core/sim/simulation.h"

namespace cp::services {

using namespace cp::sim;

namespace {
constexpr double kSecondsPerMonth = 730.0 * 3600.0;
// AWS-FACTS: EBS / gp2 — 3 IOPS/GiB, burst to 3,000, 5.4 M starting credits.
constexpr double kGp2IopsPerGib = 3;
constexpr double kGp2MinIops = 100;          // ⚠ AWS gp2 docs (floor of 100 IOPS), not in AWS-FACTS
constexpr double kGp2BurstIops = 3000;
constexpr double kGp2MaxCredits = 5.4e6;
// AWS-FACTS: EBS / gp3 — 3,000 IOPS and 125 MiB/s included; +500 IOPS/GiB; max 16,000 IOPS, 1,000 MiB/s.
constexpr double kGp3BaseIops = 3000;
constexpr double kGp3MaxIops = 16000;
constexpr double kGp3IopsPerGib = 500;
constexpr double kGp3BaseMibps = 125;
constexpr double kGp3MaxMibps = 1000;
// AWS-FACTS: EBS / io1/io2 — io1 100-64,000 IOPS; io2 100-256,000 on Nitro.
constexpr double kIoMinIops = 100, kIo1MaxIops = 64000, kIo2MaxIops = 256000;
// ⚠ st1/sc1 IOPS caps (1 MiB I/Os) from the AWS volume-type page, not in AWS-FACTS.
constexpr double kSt1Iops = 500, kSc1Iops = 250;
// AWS-FACTS: EBS / Multi-Attach — io1/io2; <=16 Nitro instances, same AZ.
constexpr int kMultiAttachMax = 16;
// AWS-FACTS: EBS / Price — gp3 +$0.04 per MiB/s over 125.
constexpr double kGp3UsdPerMibpsMonth = 0.04;
constexpr double kGp3UsdPerIopsMonth = 0.005;  // ⚠ approximate, not in AWS-FACTS
constexpr double kIoUsdPerIopsMonth = 0.065;   // ⚠ approximate, not in AWS-FACTS
// Snapshots. AWS-FACTS: EBS / Snapshot — in S3, same Region, incremental; only written data; volume usable while pending.
constexpr double kSnapshotUsdPerGbMonth = 0.05;  // ⚠ standard tier, AWS EBS pricing page, not in AWS-FACTS
constexpr double kSnapshotMibps = 100;           // ⚠ simplified: how fast changed blocks are copied to S3
constexpr double kBlockKib = 512;                // snapshot block (the EBS direct APIs' block size)
constexpr uint64_t kMaxBlocks = 1u << 18;        // ⚠ simplified: a volume's blocks tracked in at most 256 Ki groups
// A volume restored from a snapshot loads each block from S3 on its first access
// ("initialization"), unless fast snapshot restore is on. ⚠ Not in AWS-FACTS: AWS
// only says the first access is "significantly" slower; 20 ms is our figure.
constexpr double kLazyLoadMs = 20;
// Elastic Volumes. AWS-FACTS: EBS / States (modifying > optimizing > completed) and
// EBS / Modify (size live in seconds; IOPS minutes-hours, ~6 h per full TiB; max 4 per
// 24 h — older docs: wait 6 h between modifications).
constexpr double kModifyingS = 10;                 // ⚠ simplified: "seconds"
constexpr double kOptimizingSPerTib = 6 * 3600.0;  // ~6 h per full TiB
constexpr double kOptimizingMinS = 60;             // ⚠ simplified floor
constexpr int kModificationsPerDay = 4;
constexpr double kModificationWindowS = 24 * 3600.0;

const std::vector<EbsVolumeType>& volume_types() {
  static const std::vector<EbsVolumeType> v = {
      // AWS-FACTS: EBS / gp2 (1 GiB-16 TiB); latency ~1 ms ⚠ simplified
      {"gp2", 1, 16384, 1.0, 0.10, false},
      // AWS-FACTS: EBS / gp3 (16 TiB), EBS / Price ($0.08/GB-month); latency ~1 ms ⚠ simplified
      {"gp3", 1, 16384, 1.0, 0.08, true},
      // AWS-FACTS: EBS / io1/io2 (io1 4-16,384 GiB; io2 4-65,536 GiB); EBS / Latency/SLO (io2 <500 us)
      {"io1", 4, 16384, 0.8, 0.125, false},
      {"io2", 4, 65536, 0.4, 0.125, false},
      // AWS-FACTS: EBS / io1/io2 (st1/sc1 >=125 GiB); HDD latency ⚠ simplified
      {"st1", 125, 16384, 5.0, 0.045, false},
      {"sc1", 125, 16384, 10.0, 0.015, false},
  };
  return v;
}

bool is_io(const std::string& t) { return t == "io1" || t == "io2"; }
std::string fmt(double v) { return std::to_string(static_cast<long long>(v + 0.5)); }

}  // namespace

const EbsVolumeType* find_ebs_volume_type(const std::string& name) {
  for (const auto& t : volume_types())
    if (name == t.name) return &t;
  return nullptr;
}

double ebs_baseline_iops(const std::string& type, double size_gib, double provisioned_iops) {
  if (type == "gp2") return std::clamp(kGp2IopsPerGib * size_gib, kGp2MinIops, kGp3MaxIops);
  if (type == "gp3") return std::clamp(provisioned_iops, kGp3BaseIops, kGp3MaxIops);
  if (type == "io1") return std::clamp(provisioned_iops, kIoMinIops, kIo1MaxIops);
  if (type == "io2") return std::clamp(provisioned_iops, kIoMinIops, kIo2MaxIops);
  if (type == "st1") return kSt1Iops;
  return kSc1Iops;
}

namespace {

enum Timer : uint16_t { kIoDone = 1, kSnapshotAt, kSnapshotDone, kModifyAt, kRevertAt, kOptimizing, kModifyDone };

// A block bitmap (which snapshot blocks were written, or still need loading).
struct Blocks {
  std::vector<uint64_t> bits;
  uint64_t count = 0;
  void resize(uint64_t n) { bits.assign((n + 63) / 64, 0); count = 0; }
  bool test(uint64_t b) const { return (bits[b >> 6] >> (b & 63)) & 1u; }
  bool set(uint64_t b) {  // true when it was not set
    uint64_t& w = bits[b >> 6];
    uint64_t m = uint64_t(1) << (b & 63);
    if (w & m) return false;
    w |= m;
    ++count;
    return true;
  }
  bool clear(uint64_t b) {  // true when it was set
    uint64_t& w = bits[b >> 6];
    uint64_t m = uint64_t(1) << (b & 63);
    if (!(w & m)) return false;
    w &= ~m;
    --count;
    return true;
  }
  void clear_all() { std::fill(bits.begin(), bits.end(), 0); count = 0; }
};

struct VolumeConfig {
  const EbsVolumeType* type = nullptr;
  double size_gib = 0, iops = 0, mibps = 0;
};

// What the document asks the volume to do during the run (all optional).
struct Schedule {
  double snapshot_at = -1, snapshot_every = 0;
  double modify_at = -1, revert_at = -1;
  VolumeConfig target;         // the modification's new configuration
  std::string restore_from;    // node id whose snapshot this volume is created from
  bool fast_restore = false;
};

std::string fmt_gib(double g) {
  if (g >= 10) return fmt(g);
  double r = static_cast<double>(static_cast<long long>(g * 10 + 0.5)) / 10;
  std::string s = std::to_string(r);
  return s.substr(0, s.find('.') + 2);
}

class Ebs final : public ModelBase<Ebs> {
public:
  Ebs(VolumeConfig config, bool writes_only, int64_t queue_limit, double initial_credits, bool multi_attach,
      Schedule schedule)
      : writes_only_(writes_only), queue_limit_(queue_limit), multi_attach_(multi_attach), sched_(std::move(schedule)) {
    original_ = config;
    configure(config);
    credits_ = bursts_ ? kGp2MaxCredits * initial_credits : 0;
    out_of_credits_ = bursts_ && credits_ <= 0;
    uint64_t blocks = static_cast<uint64_t>(config.size_gib * 1024 * 1024 / kBlockKib);
    n_blocks_ = std::clamp<uint64_t>(blocks, 1, kMaxBlocks);
    block_gib_ = config.size_gib / static_cast<double>(n_blocks_);
    written_.resize(n_blocks_);
    dirty_.resize(n_blocks_);
  }

  void start(Simulation& sim) override {
    NodeMetrics& m = sim.metrics(id());
    available_ = sim.gauge(id(), "available");
    io_credits_ = sim.gauge(id(), "io_credits");
    m.set(available_, 1);
    m.capacity = static_cast<int64_t>(rate());
    const AzId my_az = sim.info(id()).placement.az;
    const std::string t = type_->name;
    std::set<uint32_t> attached;  // caller node indexes allowed, same AZ
    // Safety net: validation refuses these wires already (connect_rule below); a
    // document built without it still gets the rule, with the reason in the log.
    for (ConnId c : sim.incoming(id())) {
      NodeId from = sim.connection(c).from;
      const NodeInfo& fi = sim.info(from);
      if (fi.placement.kind == PlacementKind::Az && !(fi.placement.az == my_az)) {
        refused_.insert(c.v);
        sim.log(id(), LogKind::Warning,
                fi.id + " is in another Availability Zone: an EBS volume attaches only to instances in its own AZ. "
                        "Move it with a snapshot (create a new volume from the snapshot in the instance's AZ).",
                doc::with_topic(fi.id) + " 다른 가용 영역에 있습니다. EBS 볼륨은 같은 가용 영역의 인스턴스에만 연결할 수 있습니다. "
                        "스냅샷을 만들어 인스턴스의 가용 영역에 새 볼륨으로 옮기세요.").because("other_az").naming(from.v);
        continue;
      }
      if (attached.count(from.v)) continue;
      size_t limit = (is_io(t) && multi_attach_) ? kMultiAttachMax : 1;
      if (attached.size() >= limit) {
        refused_.insert(c.v);
        if (limit == 1)
          sim.log(id(), LogKind::Warning,
                  "This " + t + " volume is already attached to another instance, so " + fi.id +
                      " is refused: only io1/io2 volumes with Multi-Attach can attach to several instances (up to 16, same AZ).",
                  "이 " + t + " 볼륨은 이미 다른 인스턴스에 연결되어 있어 " + fi.id +
                      "의 연결을 거절합니다. 다중 연결(Multi-Attach)은 io1/io2 볼륨만 가능합니다(같은 가용 영역, 최대 16개).").because("already_attached").naming(from.v);
        else
          sim.log(id(), LogKind::Warning,
                  fi.id + " is refused: Multi-Attach allows at most 16 instances per volume.",
                  fi.id + "의 연결을 거절합니다. 다중 연결(Multi-Attach)은 볼륨당 인스턴스 16개까지입니다.").because("multi_attach_limit").naming(from.v);
        continue;
      }
      attached.insert(from.v);
    }
    if (sched_.snapshot_at >= 0) sim.schedule_timer(id(), from_seconds(sched_.snapshot_at), kSnapshotAt);
    if (sched_.modify_at >= 0) sim.schedule_timer(id(), from_seconds(sched_.modify_at), kModifyAt);
    if (sched_.modify_at >= 0 && sched_.revert_at >= 0) sim.schedule_timer(id(), from_seconds(sched_.revert_at), kRevertAt);
    if (!sched_.restore_from.empty()) {
      for (size_t n = 0; n < sim.node_count(); ++n) {
        NodeId other{static_cast<uint32_t>(n)};
        if (other != id() && sim.info(other).id == sched_.restore_from && dynamic_cast<const Ebs*>(&sim.model(other)))
          source_ = other;
      }
      if (!source_.valid()) {
        sim.log(id(), LogKind::Warning,
                "there is no EBS volume " + sched_.restore_from + " to restore from: this is a new, empty volume",
                "복원할 EBS 볼륨 " + doc::with_subject(sched_.restore_from) + " 없습니다. 비어 있는 새 볼륨으로 만듭니다").because("no_snapshot_source");
      } else {
        creating_ = true;
        m.set(available_, 0);
        sim.log(id(), LogKind::Info,
                "creating: this volume is restored from a snapshot of " + sched_.restore_from +
                    " and is created when that snapshot completes",
                "생성 중: 이 볼륨은 " + sched_.restore_from + "의 스냅샷에서 복원하며, 스냅샷이 완료되면 만들어집니다").because("restore_from_snapshot");
      }
    }
  }

  void on_request(Simulation& sim, ReqHandle h) override {
    const Request& r = sim.request(h);
    if (refused_.count(r.conn.v)) {
      ++refused_ios_;
      sim.respond(h, Outcome::Rejected);
      return;
    }
    if (creating_) {  // the volume does not exist yet: nothing is attached
      sim.respond(h, Outcome::Unreachable);
      return;
    }
    if (writes_only_ && r.kind != RequestKind::Write) {  // ⚠ reads served from the instance's page cache
      sim.respond(h, Outcome::Ok);
      return;
    }
    SimTime now = sim.now();
    SimTime start = std::max(now, next_free_);
    double depth = to_seconds(start - now) * rate();
    NodeMetrics& m = sim.metrics(id());
    if (queue_limit_ >= 0 && depth > static_cast<double>(queue_limit_)) {
      ++throttled_ios_;
      sim.respond(h, Outcome::Throttled);
      return;
    }
    if (start > now) ++m.waited;
    SimTime gap = from_seconds(1.0 / rate());
    next_free_ = start + (gap > 0 ? gap : 1);
    ++ios_this_second_;
    ++ios_total_;
    const uint64_t block = r.key % n_blocks_;
    SimTime latency = latency_;
    if (to_load_.count && to_load_.clear(block)) {  // first access of a block restored from the snapshot
      latency += from_seconds(kLazyLoadMs / 1000.0);
      ++lazy_loads_;
      if (to_load_.count == 0)
        sim.log(id(), LogKind::Info,
                "initialization complete: every block of the snapshot has been read once, so I/O runs at full speed",
                "초기화 완료: 스냅샷의 모든 블록을 한 번씩 읽어 I/O가 제 속도를 냅니다").because("initialization_complete");
    }
    if (r.kind == RequestKind::Write) {  // the volume keeps its data whatever the instance does
      ++writes_stored_;
      written_.set(block);
      dirty_.set(block);
    }
    m.queue.set(now, static_cast<int64_t>(depth));
    sim.schedule_timer(id(), start + latency, kIoDone, h.v);
  }

  void on_timer(Simulation& sim, uint16_t timer, uint64_t payload) override {
    switch (timer) {
      case kIoDone: sim.respond(ReqHandle{payload}, sim.node_up(id()) ? Outcome::Ok : Outcome::Unreachable); return;
      case kSnapshotAt: take_snapshot(sim); return;
      case kSnapshotDone: snapshot_done(sim, payload); return;
      case kModifyAt: request_modification(sim, sched_.target, false); return;
      case kRevertAt: request_modification(sim, original_, true); return;
      case kOptimizing: begin_optimizing(sim); return;
      case kModifyDone:
        mod_state_ = ModState::None;
        sim.log(id(), LogKind::Info, "volume modification completed", "볼륨 수정이 완료되었습니다(completed)").because("modification_completed");
        return;
      default: return;
    }
  }

  void on_second(Simulation& sim) override {
    NodeMetrics& m = sim.metrics(id());
    m.cost_usd += usd_per_s_ + snapshot_gb_ * kSnapshotUsdPerGbMonth / kSecondsPerMonth;
    if (creating_) poll_source(sim);
    SimTime now = sim.now();
    m.queue.set(now, static_cast<int64_t>(std::max(0.0, to_seconds(next_free_ - now) * rate())));
    if (!bursts_) { ios_this_second_ = 0; m.capacity = static_cast<int64_t>(rate()); return; }
    // gp2: credits accrue at the baseline rate and are spent by every I/O.
    credits_ += baseline_ - static_cast<double>(ios_this_second_);
    ios_this_second_ = 0;
    credits_ = std::clamp(credits_, 0.0, kGp2MaxCredits);
    m.set(io_credits_, credits_);
    // Hysteresis: back to bursting once a second of burst (3,000 credits) is saved.
    bool empty = out_of_credits_ ? credits_ < kGp2BurstIops : credits_ <= 0;
    if (empty != out_of_credits_) {
      out_of_credits_ = empty;
      if (empty)
        sim.log(id(), LogKind::ThrottlingBegan,
                "gp2 I/O burst credits ran out: the volume drops to its baseline of " + fmt(baseline_) + " IOPS (3 IOPS/GiB)",
                "gp2 I/O 버스트 크레딧이 바닥났습니다: 볼륨이 기준 성능 " + fmt(baseline_) + " IOPS(GiB당 3 IOPS)로 떨어집니다").because("io_credits_exhausted").field("baseline_iops", baseline_);
      else
        sim.log(id(), LogKind::ThrottlingEnded, "gp2 I/O credits earned back: bursting to 3,000 IOPS again",
                "gp2 I/O 크레딧이 다시 쌓여 3,000 IOPS까지 버스트할 수 있습니다").because("io_credits_earned");
    }
    m.capacity = static_cast<int64_t>(rate());
  }

  StatusText status() const override {
    const std::string head = std::string(type_->name) + " " + fmt(size_) + " GiB, ";
    if (creating_) return {head + "creating (waiting for the snapshot)", head + "생성 중(스냅샷을 기다리는 중)"};
    StatusText t{head + fmt(rate()) + " IOPS", head + fmt(rate()) + " IOPS"};
    auto add = [&](const std::string& en, const std::string& ko) { t.en += ", " + en; t.ko += ", " + ko; };
    if (bursts_) add(fmt(credits_) + " credits", "크레딧 " + fmt(credits_));
    add(std::to_string(writes_stored_) + " writes stored", "저장된 쓰기 " + std::to_string(writes_stored_) + "건");
    if (throttled_ios_) add(std::to_string(throttled_ios_) + " throttled", "제한(스로틀링) " + std::to_string(throttled_ios_) + "건");
    if (refused_ios_) add(std::to_string(refused_ios_) + " refused", "거부 " + std::to_string(refused_ios_) + "건");
    if (mod_state_ == ModState::Modifying) add("modifying", "수정 중(modifying)");
    if (mod_state_ == ModState::Optimizing) add("optimizing", "최적화 중(optimizing)");
    if (to_load_.count)
      add("initializing (" + std::to_string(to_load_.count) + " blocks not loaded yet)",
          "초기화 중(아직 불러오지 않은 블록 " + std::to_string(to_load_.count) + "개)");
    if (snapshots_done_ || snapshots_pending_)
      add(std::to_string(snapshots_done_) + " snapshots (" + fmt_gib(snapshot_gb_) + " GB stored)" +
              (snapshots_pending_ ? ", 1 pending" : ""),
          "스냅샷 " + std::to_string(snapshots_done_) + "개(" + fmt_gib(snapshot_gb_) + " GB 저장)" +
              (snapshots_pending_ ? ", 1개 진행 중" : ""));
    return t;
  }

  // For a volume restored from this one's snapshot (looked up via sim.model each time).
  bool has_snapshot() const { return snapshots_done_ > 0; }
  const Blocks& snapshot_blocks() const { return first_snapshot_blocks_; }
  double snapshot_block_gib() const { return block_gib_; }

private:
  enum class ModState : uint8_t { None, Modifying, Optimizing };

  double rate() const { return bursts_ && !out_of_credits_ ? kGp2BurstIops : baseline_; }

  void configure(const VolumeConfig& c) {
    type_ = c.type;
    size_ = c.size_gib;
    std::string t = type_->name;
    bool was_bursting = bursts_;
    baseline_ = ebs_baseline_iops(t, c.size_gib, c.iops);
    bursts_ = t == "gp2" && baseline_ < kGp2BurstIops;
    if (bursts_ && !was_bursting && configured_) { credits_ = 0; out_of_credits_ = true; }  // ⚠ a modified volume starts with no gp2 credits
    latency_ = from_seconds(type_->latency_ms / 1000.0);
    // Cost per second: storage + provisioned performance.
    double month = c.size_gib * type_->usd_per_gb_month;
    if (t == "gp3") {
      month += std::max(0.0, baseline_ - kGp3BaseIops) * kGp3UsdPerIopsMonth;
      month += std::max(0.0, c.mibps - kGp3BaseMibps) * kGp3UsdPerMibpsMonth;
    }
    if (is_io(t)) month += baseline_ * kIoUsdPerIopsMonth;
    usd_per_s_ = month / kSecondsPerMonth;
    current_ = c;
    configured_ = true;
  }

  std::string describe(const VolumeConfig& c) const {
    std::string s = std::string(c.type->name) + " " + fmt(c.size_gib) + " GiB";
    std::string t = c.type->name;
    if (t == "gp3" || is_io(t)) s += " " + fmt(ebs_baseline_iops(t, c.size_gib, c.iops)) + " IOPS";
    return s;
  }

  // ---- snapshots ----
  void take_snapshot(Simulation& sim) {
    if (sched_.snapshot_every > 0)
      sim.schedule_timer(id(), sim.now() + from_seconds(sched_.snapshot_every), kSnapshotAt);
    if (creating_) return;
    const bool first = snapshots_done_ + snapshots_pending_ == 0;
    // Point in time: the blocks written since the last snapshot (the first: every written block).
    double gib = static_cast<double>(dirty_.count) * block_gib_;
    if (first) first_snapshot_blocks_ = written_;
    dirty_.clear_all();
    double secs = std::max(1.0, gib * 1024.0 / kSnapshotMibps);
    ++snapshots_pending_;
    pending_gib_ += gib;
    uint64_t payload = static_cast<uint64_t>(gib * 1e6);  // GiB in micro-GiB
    sim.schedule_timer(id(), sim.now() + from_seconds(secs), kSnapshotDone, payload);
    std::string n = std::to_string(snapshots_done_ + snapshots_pending_);
    sim.log(id(), LogKind::Info,
            "snapshot " + n + " started (pending): " + fmt_gib(gib) + " GiB " +
                (first ? "of written data" : "changed since the last snapshot (incremental)") +
                " copied to S3; the volume stays usable",
            "스냅샷 " + n + " 시작(pending): " + (first ? "기록된 데이터 " : "지난 스냅샷 이후 바뀐 데이터(증분) ") +
                fmt_gib(gib) + " GiB를 S3에 복사합니다. 그동안 볼륨은 계속 사용할 수 있습니다").because("snapshot_started").field("gib", gib);
  }

  void snapshot_done(Simulation& sim, uint64_t payload) {
    double gib = static_cast<double>(payload) / 1e6;
    --snapshots_pending_;
    pending_gib_ -= gib;
    ++snapshots_done_;
    snapshot_gb_ += gib;
    sim.log(id(), LogKind::Info,
            "snapshot completed: " + fmt_gib(gib) + " GiB added, " + fmt_gib(snapshot_gb_) +
                " GB stored in S3 for this volume; it can be restored into any AZ of the Region",
            "스냅샷 완료: " + fmt_gib(gib) + " GiB 추가, 이 볼륨의 스냅샷이 S3에 " + fmt_gib(snapshot_gb_) +
                " GB 저장되어 있습니다. 리전의 어느 가용 영역에서든 새 볼륨으로 복원할 수 있습니다").because("snapshot_completed").field("gib", gib);
  }

  // ---- restore (a volume created from another volume's snapshot) ----
  void poll_source(Simulation& sim) {
    const auto* src = dynamic_cast<const Ebs*>(&sim.model(source_));
    if (!src || !src->has_snapshot()) return;
    creating_ = false;
    sim.metrics(id()).set(available_, 1);
    // The snapshot's blocks, mapped onto this volume's blocks.
    const Blocks& b = src->snapshot_blocks();
    written_.clear_all();
    for (uint64_t i = 0; i < b.bits.size() * 64; ++i)
      if (i < src->n_blocks_ && b.test(i)) written_.set(i % n_blocks_);
    if (sched_.fast_restore) {
      sim.log(id(), LogKind::Info,
              "created from the snapshot of " + sched_.restore_from +
                  " with fast snapshot restore: fully initialized, full performance from the first I/O",
              sched_.restore_from + "의 스냅샷에서 빠른 스냅샷 복원(FSR)으로 만들었습니다. 처음부터 완전히 초기화되어 제 성능을 냅니다").because("fast_snapshot_restore");
      return;
    }
    to_load_ = written_;
    sim.log(id(), LogKind::Info,
            "created from the snapshot of " + sched_.restore_from + ": initializing — the first access to each of its " +
                std::to_string(to_load_.count) + " blocks is fetched from S3 (+" + fmt(kLazyLoadMs) +
                " ms) until every block has been read once (fast snapshot restore avoids this)",
            sched_.restore_from + "의 스냅샷에서 만들었습니다. 초기화 중: 블록 " + std::to_string(to_load_.count) +
                "개는 처음 접근할 때 S3에서 가져오므로 " + fmt(kLazyLoadMs) +
                "밀리초 더 걸립니다(모든 블록을 한 번 읽으면 끝나며, 빠른 스냅샷 복원을 켜면 없습니다)").because("restore_from_snapshot").field("blocks_to_load", static_cast<double>(to_load_.count));
  }

  // ---- Elastic Volumes ----
  void request_modification(Simulation& sim, const VolumeConfig& target, bool revert) {
    if (creating_) return;
    const double now_s = to_seconds(sim.now());
    while (!mod_times_.empty() && now_s - mod_times_.front() >= kModificationWindowS) mod_times_.erase(mod_times_.begin());
    const std::string what = revert ? "the modification back to " : "the modification to ";
    const std::string what_ko = revert ? "원래 설정(" : "새 설정(";  // + describe + ")으로"
    if (mod_state_ != ModState::None) {
      sim.log(id(), LogKind::Warning,
              what + describe(target) + " is refused: the previous modification is still " +
                  (mod_state_ == ModState::Modifying ? "modifying" : "optimizing") +
                  ", and a volume can be modified again only after it completes",
              what_ko + describe(target) + ")으로 바꾸는 수정을 거절합니다: 이전 수정이 아직 " +
                  (mod_state_ == ModState::Modifying ? "modifying" : "optimizing") +
                  " 상태이며, 이전 수정이 완료된 뒤에야 다시 수정할 수 있습니다").because("modification_in_progress");
      return;
    }
    if (static_cast<int>(mod_times_.size()) >= kModificationsPerDay) {
      sim.log(id(), LogKind::Warning,
              what + describe(target) + " is refused: a volume can be modified at most 4 times in 24 hours",
              what_ko + describe(target) + ")으로 바꾸는 수정을 거절합니다: 볼륨은 24시간에 최대 4번 수정할 수 있습니다").because("modification_limit");
      return;
    }
    VolumeConfig t = target;
    t.size_gib = std::max(t.size_gib, size_);  // a volume never shrinks
    mod_times_.push_back(now_s);
    mod_target_ = t;
    mod_state_ = ModState::Modifying;
    sim.schedule_timer(id(), sim.now() + from_seconds(kModifyingS), kOptimizing);
    sim.log(id(), LogKind::Info,
            "volume modification requested: " + describe(current_) + " → " + describe(t) +
                " (modifying; the new settings apply when it reaches optimizing)",
            "볼륨 수정 요청: " + describe(current_) + " → " + describe(t) +
                " (modifying 상태, optimizing 단계가 되면 새 설정이 적용됩니다)").because("modification_requested");
  }

  void begin_optimizing(Simulation& sim) {
    configure(mod_target_);
    mod_state_ = ModState::Optimizing;
    double secs = std::max(kOptimizingMinS, kOptimizingSPerTib * mod_target_.size_gib / 1024.0);
    sim.schedule_timer(id(), sim.now() + from_seconds(secs), kModifyDone);
    sim.metrics(id()).capacity = static_cast<int64_t>(rate());
    sim.log(id(), LogKind::Info,
            "volume modification optimizing: now " + describe(current_) + " at " + fmt(rate()) +
                " IOPS; optimizing lasts about " + fmt(secs / 60) + " min",
            "볼륨 수정 optimizing 단계: 이제 " + describe(current_) + ", " + fmt(rate()) + " IOPS입니다. 약 " +
                fmt(secs / 60) + "분 동안 최적화합니다").because("modification_optimizing").field("optimizing_s", secs);
  }

  const EbsVolumeType* type_ = nullptr;
  double size_ = 0;
  bool writes_only_;
  int64_t queue_limit_;
  bool multi_attach_;
  Schedule sched_;
  VolumeConfig original_, current_, mod_target_;
  bool configured_ = false;
  double baseline_ = 0, credits_ = 0, usd_per_s_ = 0;
  bool bursts_ = false, out_of_credits_ = false;
  GaugeId available_, io_credits_;  // declared metrics (the descriptor's `metrics`)
  SimTime latency_ = 0, next_free_ = 0;
  uint64_t ios_this_second_ = 0, ios_total_ = 0, writes_stored_ = 0, throttled_ios_ = 0, refused_ios_ = 0;
  std::set<uint32_t> refused_;  // incoming connections refused (other AZ, not multi-attachable)
  // Snapshots and restore.
  uint64_t n_blocks_ = 1;
  double block_gib_ = 0;
  Blocks written_, dirty_, first_snapshot_blocks_, to_load_;
  int snapshots_done_ = 0, snapshots_pending_ = 0;
  double snapshot_gb_ = 0, pending_gib_ = 0;
  NodeId source_;
  bool creating_ = false;
  uint64_t lazy_loads_ = 0;
  // Modification.
  ModState mod_state_ = ModState::None;
  std::vector<double> mod_times_;  // when the modifications of the last 24 h began (s)
};

// Type/size/IOPS rules of one configuration; `key` names the params in paths
// (the volume's own, or the modification's "modify_" ones).
void check_config(const std::string& t, double size, double iops, const std::string& size_key,
                  const std::string& iops_key, const std::string& who, const std::string& who_ko,
                  std::vector<doc::Issue>& out) {
  const EbsVolumeType* vt = find_ebs_volume_type(t);
  if (!vt) return;
  if (size < vt->min_gib || size > vt->max_gib)
    out.push_back({size_key, who + t + " volume is " + fmt(vt->min_gib) + "–" + fmt(vt->max_gib) + " GiB, not " +
                                 fmt(size) + " GiB (AWS-FACTS: EBS / " + (is_io(t) ? "io1/io2" : t == "st1" || t == "sc1" ? "io1/io2" : t) + ")",
                   who_ko + t + " 볼륨의 크기는 " + fmt(vt->min_gib) + "–" + fmt(vt->max_gib) + " GiB입니다. 지금 값: " +
                       fmt(size) + " GiB"});
  if (t == "gp3" && (iops < kGp3BaseIops || iops > kGp3MaxIops))
    out.push_back({iops_key, "gp3 IOPS are 3,000–16,000, not " + fmt(iops),
                   "gp3의 IOPS는 3,000–16,000입니다. 지금 값: " + fmt(iops)});
  else if (t == "gp3" && iops > kGp3BaseIops && iops > kGp3IopsPerGib * size)
    out.push_back({iops_key, "gp3 allows at most 500 IOPS per GiB: " + fmt(size) + " GiB allows " +
                                 fmt(kGp3IopsPerGib * size) + " IOPS, not " + fmt(iops),
                   "gp3는 GiB당 최대 500 IOPS입니다. " + fmt(size) + " GiB면 최대 " + fmt(kGp3IopsPerGib * size) +
                       " IOPS까지 쓸 수 있습니다. 지금 값: " + fmt(iops)});
  if (is_io(t)) {
    double max = t == "io1" ? kIo1MaxIops : kIo2MaxIops;
    if (iops < kIoMinIops || iops > max)
      out.push_back({iops_key, t + " IOPS are 100–" + fmt(max) + ", not " + fmt(iops),
                     t + "의 IOPS는 100–" + fmt(max) + "입니다. 지금 값: " + fmt(iops)});
  }
}

// The configuration a scheduled modification asks for ("unchanged" / 0 keep the volume's own).
VolumeConfig modification_target(const nlohmann::json& p) {
  std::string t = catalog::param_string(p, "modify_volume_type");
  if (t.empty() || t == "unchanged") t = catalog::param_string(p, "volume_type");
  VolumeConfig c;
  c.type = find_ebs_volume_type(t);
  if (!c.type) c.type = find_ebs_volume_type("gp3");
  double size = catalog::param_number(p, "modify_size_gib"), iops = catalog::param_number(p, "modify_iops");
  c.size_gib = size > 0 ? size : catalog::param_number(p, "size_gib");
  c.iops = iops > 0 ? iops : catalog::param_number(p, "iops");
  c.mibps = catalog::param_number(p, "throughput_mibps");
  return c;
}

std::vector<doc::Issue> validate(const nlohmann::json& p) {
  std::vector<doc::Issue> out;
  std::string t = catalog::param_string(p, "volume_type");
  if (!find_ebs_volume_type(t)) return out;
  double size = catalog::param_number(p, "size_gib");
  check_config(t, size, catalog::param_number(p, "iops"), "size_gib", "iops", "a ", "", out);
  if (catalog::param_bool(p, "multi_attach") && !is_io(t))
    out.push_back({"multi_attach", "Multi-Attach needs an io1 or io2 volume, not " + t,
                   "다중 연결(Multi-Attach)은 io1 또는 io2 볼륨에서만 쓸 수 있습니다. 지금 유형: " + t});
  if (t == "gp3" && catalog::param_number(p, "throughput_mibps") > kGp3MaxMibps)
    out.push_back({"throughput_mibps", "gp3 throughput is at most 1,000 MiB/s", "gp3의 처리량은 최대 1,000 MiB/s입니다."});
  // Elastic Volumes: the modification's target follows the same rules; a volume never shrinks.
  const double modify_at = catalog::param_number(p, "modify_at_s");
  if (modify_at >= 0) {
    VolumeConfig c = modification_target(p);
    std::string nt = c.type->name;
    const double new_size = catalog::param_number(p, "modify_size_gib");
    if (new_size > 0 && new_size < size)
      out.push_back({"modify_size_gib", "an EBS volume can grow but never shrink: " + fmt(new_size) +
                                            " GiB is less than its " + fmt(size) + " GiB (make a smaller volume and copy the data instead)",
                     "EBS 볼륨은 늘릴 수만 있고 줄일 수는 없습니다. " + fmt(new_size) + " GiB는 지금 크기 " + fmt(size) +
                         " GiB보다 작습니다(더 작은 볼륨을 만들어 데이터를 복사하세요)."});
    else
      check_config(nt, c.size_gib, c.iops, "modify_size_gib", "modify_iops", "the modification makes a ", "수정 후 ", out);
    if (catalog::param_bool(p, "multi_attach") && !is_io(nt))
      out.push_back({"modify_volume_type", "a Multi-Attach volume must stay io1 or io2, not become " + nt,
                     "다중 연결 볼륨은 io1 또는 io2로 남아야 합니다. 바꾸려는 유형: " + nt});
    const double revert_at = catalog::param_number(p, "revert_at_s");
    if (revert_at >= 0 && revert_at <= modify_at)
      out.push_back({"revert_at_s", "the modification back (" + fmt(revert_at) + " s) must come after the modification (" +
                                        fmt(modify_at) + " s)",
                     "되돌리는 수정(" + fmt(revert_at) + "초)은 수정(" + fmt(modify_at) + "초)보다 뒤여야 합니다."});
  } else if (catalog::param_number(p, "revert_at_s") >= 0) {
    out.push_back({"revert_at_s", "there is no modification to undo: set modify_at_s too",
                   "되돌릴 수정이 없습니다. modify_at_s도 지정하세요."});
  }
  if (catalog::param_number(p, "snapshot_every_s") > 0 && catalog::param_number(p, "snapshot_at_s") < 0)
    out.push_back({"snapshot_every_s", "snapshots repeat from the first one: set snapshot_at_s too",
                   "스냅샷은 첫 스냅샷부터 반복됩니다. snapshot_at_s도 지정하세요."});
  return out;
}

std::string region_of(const doc::NodeDoc& n) {
  if (!n.region.empty()) return n.region;
  const catalog::RegionSpec* r = catalog::region_of_az(n.az);
  return r ? r->code : std::string();
}

bool az_placed(const doc::NodeDoc& n) {
  const catalog::ServiceDescriptor* s = catalog::find_service(n.type);
  return s && s->placement == PlacementKind::Az;
}

// One wire to a volume: the instance must be in the volume's AZ; a volume takes
// one instance, or up to 16 in its AZ with io1/io2 Multi-Attach.
std::optional<catalog::Refusal> attach_rule(const doc::Document* d, const doc::NodeDoc& from, const doc::NodeDoc& to) {
  if (to.type != "ebs" || !az_placed(from)) return std::nullopt;  // only instances in an AZ attach (as at run time)
  const nlohmann::json p = catalog::with_defaults(ebs_descriptor(), to.params.is_object() ? to.params : nlohmann::json::object());
  const std::string t = catalog::param_string(p, "volume_type");
  const bool multi = catalog::param_bool(p, "multi_attach") && is_io(t);
  if (!from.az.empty() && !to.az.empty() && from.az != to.az) {
    // AWS-FACTS: EBS / AZ binding — attach only in the volume's AZ; move via snapshot.
    std::string en = "volume " + doc::quote(to.id) + " is in " + to.az + " but instance " + doc::quote(from.id) +
                     " is in " + from.az + "; an EBS volume can only attach to an instance in its own Availability Zone";
    if (multi) en += " (Multi-Attach too)";
    en += " — move it with a snapshot: restore the snapshot as a new volume in " + from.az + ".";
    std::string ko = "볼륨 " + doc::quote(to.id) + "의 가용 영역은 " + to.az + "이고 인스턴스 " + doc::quote(from.id) +
                     "의 가용 영역은 " + from.az + "입니다. EBS 볼륨은 같은 가용 영역의 인스턴스에만 연결할 수 있습니다" +
                     (multi ? "(다중 연결도 마찬가지입니다)" : "") + ". 스냅샷으로 옮기세요: 스냅샷을 " + from.az +
                     "에 새 볼륨으로 복원하면 됩니다.";
    return catalog::Refusal{en, ko};
  }
  if (!d) return std::nullopt;
  // The instances already attached (same AZ; wires from other AZs are refused on their own).
  // Counting stops at the limit, so a huge document stays quick to validate.
  const size_t limit = multi ? static_cast<size_t>(kMultiAttachMax) : 1;
  std::vector<std::string> attached;
  for (const doc::ConnectionDoc& c : d->connections) {
    if (c.to != to.id || c.from == from.id) continue;
    const doc::NodeDoc* n = d->find_node(c.from);
    if (n && az_placed(*n) && (n->az == to.az || n->az.empty() || to.az.empty())) attached.push_back(n->id);
    if (attached.size() >= limit) break;
  }
  // AWS-FACTS: EBS / Multi-Attach — io1/io2; <=16 Nitro instances, same AZ.
  if (multi && attached.size() >= static_cast<size_t>(kMultiAttachMax))
    return catalog::Refusal{
        "volume " + doc::quote(to.id) + " is already attached to 16 instances; Multi-Attach allows at most 16 instances "
        "per io1/io2 volume — use another volume (or a shared file system such as EFS) for " + doc::quote(from.id) + ".",
        "볼륨 " + doc::quote(to.id) + "에는 이미 인스턴스 16개가 연결되어 있습니다. 다중 연결(Multi-Attach)은 io1/io2 볼륨당 "
        "인스턴스 16개까지입니다. " + doc::quote(from.id) + "에는 다른 볼륨이나 EFS 같은 공유 파일 시스템을 쓰세요."};
  if (!multi && !attached.empty()) {
    std::string en = "volume " + doc::quote(to.id) + " is already attached to instance " + doc::quote(attached[0]) + "; ";
    std::string ko = "볼륨 " + doc::with_topic(doc::quote(to.id)) + " 이미 인스턴스 " + doc::quote(attached[0]) + "에 연결되어 있습니다. ";
    if (is_io(t)) {
      en += "turn on Multi-Attach (io1/io2, up to 16 instances in its AZ) to attach " + doc::quote(from.id) + " too.";
      ko += doc::quote(from.id) + "도 연결하려면 다중 연결(Multi-Attach)을 켜세요(io1/io2, 같은 가용 영역의 인스턴스 16개까지).";
    } else {
      en += "a " + t + " volume attaches to one instance at a time — only io1/io2 volumes with Multi-Attach take several "
            "(up to 16, same AZ); for files shared by many instances use EFS.";
      ko += t + " 볼륨은 한 번에 인스턴스 하나에만 연결됩니다. 여러 인스턴스에 연결하려면 다중 연결(Multi-Attach)을 켠 io1/io2 "
            "볼륨이어야 하며(같은 가용 영역, 16개까지), 여러 인스턴스가 파일을 함께 쓰려면 EFS를 쓰세요.";
    }
    return catalog::Refusal{en, ko};
  }
  return std::nullopt;
}

// Rules between volumes: a volume restored from another's snapshot.
std::vector<doc::Issue> check_restores(const doc::Document& d) {
  std::vector<doc::Issue> out;
  for (size_t i = 0; i < d.nodes.size(); ++i) {
    const doc::NodeDoc& n = d.nodes[i];
    if (n.type != "ebs" || !n.params.is_object()) continue;
    const nlohmann::json p = catalog::with_defaults(ebs_descriptor(), n.params);
    const std::string from = catalog::param_string(p, "restore_from");
    if (from.empty()) continue;
    const std::string path = doc::index_path("nodes", i) + ".params.restore_from";
    const doc::NodeDoc* src = d.find_node(from);
    if (!src || src->type != "ebs") {
      std::vector<std::string> volumes;
      for (const doc::NodeDoc& v : d.nodes)
        if (v.type == "ebs" && v.id != n.id) volumes.push_back(v.id);
      out.push_back({path, "there is no EBS volume " + doc::quote(from) + " in this document to restore from." +
                               doc::did_you_mean(from, volumes),
                     "이 문서에는 복원 원본으로 쓸 EBS 볼륨 " + doc::with_subject(doc::quote(from)) + " 없습니다." +
                         doc::did_you_mean_ko(from, volumes)});
      continue;
    }
    if (src->id == n.id) {
      out.push_back({path, "a volume cannot be restored from its own snapshot", "볼륨을 자기 자신의 스냅샷에서 복원할 수는 없습니다."});
      continue;
    }
    if (region_of(*src) != region_of(n)) {
      out.push_back({path, "volume " + doc::quote(from) + " is in " + region_of(*src) + " but this volume is in " +
                               region_of(n) + "; an EBS snapshot restores only in its own Region (copy the snapshot to " +
                               region_of(n) + " first, which cloudplay does not model)",
                     "볼륨 " + doc::with_topic(doc::quote(from)) + " " + region_of(*src) + " 리전에 있고 이 볼륨은 " + region_of(n) +
                         " 리전에 있습니다. EBS 스냅샷은 같은 리전에서만 복원됩니다(먼저 스냅샷을 " + region_of(n) +
                         " 리전으로 복사해야 하는데, cloudplay는 이 과정을 시뮬레이션하지 않습니다)."});
      continue;
    }
    const nlohmann::json sp = catalog::with_defaults(ebs_descriptor(), src->params.is_object() ? src->params : nlohmann::json::object());
    if (catalog::param_number(sp, "snapshot_at_s") < 0)
      out.push_back({path, "volume " + doc::quote(from) + " takes no snapshot: set its snapshot_at_s, then this volume is "
                           "created when that snapshot completes",
                     "볼륨 " + doc::with_topic(doc::quote(from)) + " 스냅샷을 만들지 않습니다. 그 볼륨의 snapshot_at_s를 지정하면, 스냅샷이 "
                         "끝날 때 이 볼륨이 만들어집니다."});
    else if (catalog::param_number(p, "size_gib") < catalog::param_number(sp, "size_gib"))
      out.push_back({doc::index_path("nodes", i) + ".params.size_gib",
                     "a volume restored from a snapshot is at least as large as the snapshot's volume (" +
                         fmt(catalog::param_number(sp, "size_gib")) + " GiB), not " + fmt(catalog::param_number(p, "size_gib")) + " GiB",
                     "스냅샷에서 복원한 볼륨은 스냅샷 원본 볼륨(" + fmt(catalog::param_number(sp, "size_gib")) +
                         " GiB) 이상이어야 합니다. 지금 값: " + fmt(catalog::param_number(p, "size_gib")) + " GiB"});
  }
  return out;
}

catalog::ServiceDescriptor make_descriptor() {
  using catalog::ParamSpec;
  using catalog::ParamType;
  catalog::ServiceDescriptor d;
  d.type = "ebs";
  d.category = catalog::Category::Storage;
  d.name = {"EBS volume", "EBS 볼륨"};
  d.summary = {"A block-storage volume in one Availability Zone. The instance attached to it waits for each I/O; the volume type sets how many I/Os per second it can do.",
               "가용 영역 하나에 있는 블록 스토리지 볼륨입니다. 연결된 인스턴스는 I/O마다 볼륨을 기다리며, 볼륨 유형이 초당 처리할 수 있는 I/O 수를 정합니다."};
  d.simplifications = {
      "Each request the attached instance serves is one I/O (writes only by default; reads come from the page cache). "
      "I/Os are issued at the volume's IOPS rate with a fixed latency (gp2/gp3 ~1 ms, io2 0.4 ms, io1 0.8 ms, st1 5 ms, sc1 10 ms ⚠ simplified); "
      "throughput (MiB/s) and I/O size do not limit it. gp2 credits are counted once per simulated second. "
      "Attachments are checked when you draw a wire and when a document is validated (an instance in another AZ, a second "
      "instance without Multi-Attach, a 17th with it); a run refuses them again (their I/Os fail and the log says why). "
      "Snapshots: a request's key picks the block it writes (512 KiB blocks ⚠); a snapshot copies the blocks written since "
      "the last one at 100 MiB/s ⚠ and costs $0.05 per GB-month ⚠. A volume restored from a snapshot adds 20 ms ⚠ to the "
      "first access of each block from the snapshot (initialization), unless fast snapshot restore is on; copying a "
      "snapshot to another Region is not modelled. A modification is 10 s in modifying ⚠, then the new settings apply "
      "while it is optimizing (~6 h per TiB, at least 1 min ⚠); AWS's real performance during optimizing lies between "
      "the old and new settings. A gp2 volume reached by a modification starts with no burst credits ⚠. "
      "No volume deletion or durability losses. Prices other than gp3 are approximate (⚠).",
      "연결된 인스턴스가 처리하는 요청 하나가 I/O 하나입니다(기본값은 쓰기만, 읽기는 페이지 캐시에서 처리). "
      "I/O는 볼륨의 IOPS 속도로 처리되며 지연 시간은 고정값입니다(gp2/gp3 약 1밀리초, io2 0.4밀리초, io1 0.8밀리초, st1 5밀리초, sc1 10밀리초, ⚠ 단순화). "
      "처리량(MiB/s)과 I/O 크기는 제한 요소로 다루지 않습니다. gp2 크레딧은 시뮬레이션 시간 1초마다 계산합니다. "
      "연결 규칙(다른 가용 영역의 인스턴스, 다중 연결 없이 두 번째 인스턴스, 다중 연결로 17번째 인스턴스)은 연결선을 그릴 때와 "
      "문서를 검증할 때 확인하며, 실행 시작 시에도 다시 거절합니다(그 I/O는 실패하고 이벤트 로그에 이유가 남습니다). "
      "스냅샷: 요청의 키가 쓰는 블록을 정합니다(512 KiB 블록 ⚠). 스냅샷은 지난 스냅샷 이후 기록된 블록을 100 MiB/s(⚠)로 복사하며 "
      "비용은 GB-월당 $0.05(⚠)입니다. 스냅샷에서 복원한 볼륨은 스냅샷에 있던 블록을 처음 접근할 때 20밀리초(⚠)가 더 걸립니다(초기화). "
      "빠른 스냅샷 복원을 켜면 없습니다. 다른 리전으로의 스냅샷 복사는 다루지 않습니다. 볼륨 수정은 modifying 상태로 10초(⚠)가 지난 뒤 "
      "optimizing 상태에서 새 설정이 적용됩니다(TiB당 약 6시간, 최소 1분 ⚠). 실제 AWS에서 optimizing 중 성능은 이전 설정과 새 설정 "
      "사이입니다. 수정으로 gp2가 된 볼륨은 버스트 크레딧 없이 시작합니다(⚠). "
      "볼륨 삭제와 내구성에 따른 손실은 다루지 않습니다. gp3 외의 가격은 근사값(⚠)입니다."};
  d.placement = PlacementKind::Az;
  d.icon = catalog::Icon::Volume;
  d.makes_calls = false;
  std::vector<std::string> types;
  for (const auto& t : volume_types()) types.push_back(t.name);
  d.params = {
      ParamSpec{"volume_type", ParamType::Enum, {"Volume type", "볼륨 유형"},
                {"gp3/gp2: general purpose SSD; io1/io2: provisioned IOPS SSD; st1/sc1: HDD.",
                 "gp3/gp2: 범용 SSD, io1/io2: 프로비저닝된 IOPS SSD, st1/sc1: HDD입니다."},
                "", 0, 0, "gp3", types, "EBS / gp3"},
      ParamSpec{"size_gib", ParamType::Int, {"Size", "크기"},
                {"Volume size. gp2's baseline is 3 IOPS per GiB; st1/sc1 need at least 125 GiB.",
                 "볼륨 크기입니다. gp2의 기준 성능은 GiB당 3 IOPS이며, st1/sc1은 125 GiB 이상이어야 합니다."},
                "GiB", 1, 65536, 100, {}, "EBS / gp2"},
      ParamSpec{"iops", ParamType::Int, {"Provisioned IOPS", "프로비저닝된 IOPS"},
                {"gp3: 3,000 included, up to 16,000 (500 per GiB); io1/io2: 100 and up. Ignored for gp2, st1, sc1.",
                 "gp3: 3,000 IOPS 포함, 최대 16,000(GiB당 500). io1/io2: 100 이상. gp2, st1, sc1에는 쓰지 않습니다."},
                "IOPS", 0, 256000, 3000, {}, "EBS / gp3"},
      ParamSpec{"throughput_mibps", ParamType::Int, {"Provisioned throughput (gp3)", "프로비저닝된 처리량(gp3)"},
                {"125 MiB/s included; more is billed (it does not change the simulated I/O rate).",
                 "125 MiB/s가 포함되며 그 이상은 과금됩니다(시뮬레이션의 I/O 속도는 바뀌지 않습니다)."},
                "MiB/s", 125, 2000, 125, {}, "EBS / Price"},
      ParamSpec{"io_requests", ParamType::Enum, {"Requests that do I/O", "I/O를 하는 요청"},
                {"writes: only write requests touch the volume; all: every request does one I/O.",
                 "writes: 쓰기 요청만 볼륨을 사용합니다. all: 모든 요청이 I/O를 한 번 합니다."},
                "", 0, 0, "writes", {"writes", "all"}, ""},
      ParamSpec{"queue_limit", ParamType::Int, {"I/O queue limit", "I/O 대기열 한도"},
                {"I/Os that may wait for the IOPS rate; more are refused as throttled. -1 = no limit.",
                 "IOPS 한도 때문에 기다릴 수 있는 I/O 수입니다. 넘치면 스로틀링으로 거절합니다. -1은 제한 없음입니다."},
                "I/Os", -1, 10000000, 256, {}, ""},
      ParamSpec{"initial_credits", ParamType::Float, {"Starting I/O credits (gp2)", "시작 I/O 크레딧(gp2)"},
                {"Share of the 5.4 million credit bucket a gp2 volume starts with (AWS starts it full).",
                 "gp2 볼륨이 시작할 때 가진 크레딧 비율입니다(최대 540만, AWS는 가득 찬 상태로 시작합니다)."},
                "", 0, 1, 1.0, {}, "EBS / gp2"},
      ParamSpec{"multi_attach", ParamType::Bool, {"Multi-Attach", "다중 연결(Multi-Attach)"},
                {"io1/io2 only: up to 16 instances in the volume's AZ may attach to it.",
                 "io1/io2 전용: 볼륨과 같은 가용 영역의 인스턴스 최대 16개가 연결할 수 있습니다."},
                "", 0, 0, false, {}, "EBS / Multi-Attach"},
  };
  std::vector<std::string> modify_types = {"unchanged"};
  for (const auto& t : volume_types()) modify_types.push_back(t.name);
  d.params.insert(d.params.end(), {
      ParamSpec{"snapshot_at_s", ParamType::Float, {"Snapshot at", "스냅샷 시각"},
                {"Take a snapshot at this time (-1 = never). The first copies the written data to S3, later ones only "
                 "what changed (incremental); the volume stays usable while it is pending.",
                 "이 시각에 스냅샷을 만듭니다(-1은 만들지 않음). 첫 스냅샷은 기록된 데이터를, 그다음부터는 바뀐 부분만(증분) "
                 "S3에 복사하며, 진행 중(pending)에도 볼륨을 계속 쓸 수 있습니다."},
                "s", -1, 2592000, -1, {}, "EBS / Snapshot"},
      ParamSpec{"snapshot_every_s", ParamType::Float, {"Snapshot every", "스냅샷 주기"},
                {"Repeat the snapshot at this interval after the first (0 = once), like a Data Lifecycle Manager policy.",
                 "첫 스냅샷 뒤 이 간격으로 스냅샷을 반복합니다(0은 한 번만). Data Lifecycle Manager 정책과 비슷합니다."},
                "s", 0, 2592000, 0, {}, "EBS / Snapshot"},
      ParamSpec{"restore_from", ParamType::String, {"Restore from snapshot of", "복원할 스냅샷의 볼륨"},
                {"The id of another EBS volume in this Region: this volume is created from its snapshot (in any AZ — how a "
                 "volume moves between AZs) and starts initializing: the first access to each block is slower.",
                 "같은 리전에 있는 다른 EBS 볼륨의 ID입니다. 이 볼륨은 그 볼륨의 스냅샷에서 만들어지며(어느 가용 영역이든 가능, "
                 "볼륨을 다른 가용 영역으로 옮기는 방법입니다), 초기화 중에는 블록마다 처음 접근할 때 느립니다."},
                "", 0, 64, "", {}, "EBS / AZ binding"},
      ParamSpec{"fast_snapshot_restore", ParamType::Bool, {"Fast snapshot restore", "빠른 스냅샷 복원(FSR)"},
                {"The snapshot has fast snapshot restore in this AZ: the restored volume is fully initialized at once.",
                 "스냅샷에 이 가용 영역의 빠른 스냅샷 복원이 켜져 있어, 복원한 볼륨이 처음부터 완전히 초기화되어 있습니다."},
                "", 0, 0, false, {}, ""},
      ParamSpec{"modify_at_s", ParamType::Float, {"Modify at", "볼륨 수정 시각"},
                {"Elastic Volumes: change the type, size or IOPS at this time, without detaching (-1 = never). The new "
                 "settings apply once the modification reaches optimizing.",
                 "Elastic Volumes: 이 시각에 분리하지 않고 유형, 크기, IOPS를 바꿉니다(-1은 바꾸지 않음). 수정이 optimizing "
                 "단계가 되면 새 설정이 적용됩니다."},
                "s", -1, 2592000, -1, {}, "EBS / Modify"},
      ParamSpec{"modify_volume_type", ParamType::Enum, {"Modify to type", "수정할 유형"},
                {"The new volume type (unchanged = keep it).", "새 볼륨 유형입니다(unchanged는 그대로)."},
                "", 0, 0, "unchanged", modify_types, "EBS / Modify"},
      ParamSpec{"modify_size_gib", ParamType::Int, {"Modify to size", "수정할 크기"},
                {"The new size (0 = unchanged). A volume can grow, never shrink.",
                 "새 크기입니다(0은 그대로). 볼륨은 늘릴 수만 있고 줄일 수는 없습니다."},
                "GiB", 0, 65536, 0, {}, "EBS / Modify"},
      ParamSpec{"modify_iops", ParamType::Int, {"Modify to IOPS", "수정할 IOPS"},
                {"The new provisioned IOPS for gp3/io1/io2 (0 = unchanged).",
                 "gp3/io1/io2의 새 프로비저닝된 IOPS입니다(0은 그대로)."},
                "IOPS", 0, 256000, 0, {}, "EBS / Modify"},
      ParamSpec{"revert_at_s", ParamType::Float, {"Modify back at", "원래대로 되돌릴 시각"},
                {"Modify the volume back to its first type and IOPS at this time (-1 = never; the size stays). Refused "
                 "while the previous modification is still optimizing, and beyond 4 modifications in 24 hours.",
                 "이 시각에 볼륨을 처음 유형과 IOPS로 되돌립니다(-1은 되돌리지 않음, 크기는 그대로). 이전 수정이 아직 "
                 "optimizing 중이거나 24시간에 4번을 넘으면 거절됩니다."},
                "s", -1, 2592000, -1, {}, "EBS / Modify"},
  });
  d.validate = validate;
  d.connect_rule = attach_rule;
  catalog::param_spec(d, "restore_from").node_refs = true;  // a volume's id: pasted copies follow it
  d.validate_document = check_restores;
  d.metrics = {
      {{"available", MetricKind::Gauge, MetricStat::Min},
       {"Available", "사용 가능 여부"},
       {"", ""},
       {"1 once the volume exists; 0 while it is being created from another volume's snapshot.",
        "볼륨이 만들어져 있으면 1, 다른 볼륨의 스냅샷에서 만드는 중이면 0입니다."},
       catalog::MetricCard::None, {}},
      {{"io_credits", MetricKind::Gauge, MetricStat::Min},
       {"I/O credit balance", "I/O 크레딧 잔액"},
       {"credits", "크레딧"},
       {"gp2 earns 3 credits per GiB each second and spends one per I/O; while credits last it bursts to 3,000 IOPS, at 0 it runs at its baseline.",
        "gp2는 매초 GiB당 3크레딧을 모으고 I/O마다 1크레딧을 씁니다. 크레딧이 남아 있으면 3,000 IOPS까지 버스트하고, 0이 되면 기준 성능으로 처리합니다."},
       catalog::MetricCard::None,
       {"gp2 volumes", "gp2 볼륨"}},
  };
  d.metric_applies = [](const std::string& key, const nlohmann::json& p) {
    return key != "io_credits" || catalog::param_string(p, "volume_type") == "gp2" ||
           (catalog::param_number(p, "modify_at_s") >= 0 && catalog::param_string(p, "modify_volume_type") == "gp2");
  };
  d.create = [](const catalog::BuildContext& ctx) -> std::unique_ptr<Model> {
    const auto& p = ctx.params;
    VolumeConfig c;
    c.type = find_ebs_volume_type(catalog::param_string(p, "volume_type"));
    if (!c.type) c.type = find_ebs_volume_type("gp3");
    c.size_gib = catalog::param_number(p, "size_gib");
    c.iops = catalog::param_number(p, "iops");
    c.mibps = catalog::param_number(p, "throughput_mibps");
    Schedule s;
    s.snapshot_at = catalog::param_number(p, "snapshot_at_s");
    s.snapshot_every = catalog::param_number(p, "snapshot_every_s");
    s.modify_at = catalog::param_number(p, "modify_at_s");
    s.revert_at = catalog::param_number(p, "revert_at_s");
    s.target = modification_target(p);
    s.restore_from = catalog::param_string(p, "restore_from");
    s.fast_restore = catalog::param_bool(p, "fast_snapshot_restore");
    return std::make_unique<Ebs>(c, catalog::param_string(p, "io_requests") != "all",
                                 static_cast<int64_t>(catalog::param_number(p, "queue_limit")),
                                 catalog::param_number(p, "initial_credits"), catalog::param_bool(p, "multi_attach"),
                                 std::move(s));
  };
  return d;
}

}  // namespace

const catalog::ServiceDescriptor& ebs_descriptor() {
  static const catalog::ServiceDescriptor d = make_descriptor();
  return d;
}

}  // namespace cp::services
