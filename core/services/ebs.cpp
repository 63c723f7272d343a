#include "core/services/ebs.h"

#include <algorithm>
#include <set>
#include <vector>

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

enum Timer : uint16_t { kIoDone = 1 };

class Ebs final : public ModelBase<Ebs> {
public:
  Ebs(const EbsVolumeType* type, double size_gib, double iops, double mibps, bool writes_only, int64_t queue_limit,
      double initial_credits, bool multi_attach)
      : type_(type), size_(size_gib), writes_only_(writes_only), queue_limit_(queue_limit),
        multi_attach_(multi_attach) {
    std::string t = type->name;
    baseline_ = ebs_baseline_iops(t, size_gib, iops);
    bursts_ = t == "gp2" && baseline_ < kGp2BurstIops;
    credits_ = bursts_ ? kGp2MaxCredits * initial_credits : 0;
    out_of_credits_ = bursts_ && credits_ <= 0;
    latency_ = from_seconds(type->latency_ms / 1000.0);
    // Cost per second: storage + provisioned performance.
    double month = size_gib * type->usd_per_gb_month;
    if (t == "gp3") {
      month += std::max(0.0, baseline_ - kGp3BaseIops) * kGp3UsdPerIopsMonth;
      month += std::max(0.0, mibps - kGp3BaseMibps) * kGp3UsdPerMibpsMonth;
    }
    if (is_io(t)) month += baseline_ * kIoUsdPerIopsMonth;
    usd_per_s_ = month / kSecondsPerMonth;
  }

  void start(Simulation& sim) override {
    NodeMetrics& m = sim.metrics(id());
    m.instances = 1;
    m.healthy = 1;
    m.capacity = static_cast<int64_t>(rate());
    const AzId my_az = sim.info(id()).placement.az;
    const std::string t = type_->name;
    std::set<uint32_t> attached;  // caller node indexes allowed, same AZ
    for (ConnId c : sim.incoming(id())) {
      NodeId from = sim.connection(c).from;
      const NodeInfo& fi = sim.info(from);
      if (fi.placement.kind == PlacementKind::Az && !(fi.placement.az == my_az)) {
        refused_.insert(c.v);
        sim.log(id(), LogKind::Warning,
                fi.id + " is in another Availability Zone: an EBS volume attaches only to instances in its own AZ. "
                        "Move it with a snapshot (create a new volume from the snapshot in the instance's AZ).",
                fi.id + "은(는) 다른 가용 영역에 있습니다. EBS 볼륨은 같은 가용 영역의 인스턴스에만 연결할 수 있습니다. "
                        "스냅샷을 만들어 인스턴스의 가용 영역에 새 볼륨으로 옮기세요.");
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
                      "의 연결을 거절합니다. 다중 연결(Multi-Attach)은 io1/io2 볼륨만 가능합니다(같은 가용 영역, 최대 16개).");
        else
          sim.log(id(), LogKind::Warning,
                  fi.id + " is refused: Multi-Attach allows at most 16 instances per volume.",
                  fi.id + "의 연결을 거절합니다. 다중 연결(Multi-Attach)은 볼륨당 인스턴스 16개까지입니다.");
        continue;
      }
      attached.insert(from.v);
    }
  }

  void on_request(Simulation& sim, ReqHandle h) override {
    const Request& r = sim.request(h);
    if (refused_.count(r.conn.v)) {
      ++refused_ios_;
      sim.respond(h, Outcome::Rejected);
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
    if (r.kind == RequestKind::Write) ++writes_stored_;  // the volume keeps its data whatever the instance does
    m.queue.set(now, static_cast<int64_t>(depth));
    sim.schedule_timer(id(), start + latency_, kIoDone, h.v);
  }

  void on_timer(Simulation& sim, uint16_t timer, uint64_t payload) override {
    if (timer != kIoDone) return;
    sim.respond(ReqHandle{payload}, sim.node_up(id()) ? Outcome::Ok : Outcome::Unreachable);
  }

  void on_second(Simulation& sim) override {
    NodeMetrics& m = sim.metrics(id());
    m.cost_usd += usd_per_s_;
    SimTime now = sim.now();
    m.queue.set(now, static_cast<int64_t>(std::max(0.0, to_seconds(next_free_ - now) * rate())));
    if (!bursts_) { ios_this_second_ = 0; return; }
    // gp2: credits accrue at the baseline rate and are spent by every I/O.
    credits_ += baseline_ - static_cast<double>(ios_this_second_);
    ios_this_second_ = 0;
    credits_ = std::clamp(credits_, 0.0, kGp2MaxCredits);
    m.backlog = credits_;  // the UI's gauge: I/O credit balance
    // Hysteresis: back to bursting once a second of burst (3,000 credits) is saved.
    bool empty = out_of_credits_ ? credits_ < kGp2BurstIops : credits_ <= 0;
    if (empty != out_of_credits_) {
      out_of_credits_ = empty;
      if (empty)
        sim.log(id(), LogKind::ThrottlingBegan,
                "gp2 I/O burst credits ran out: the volume drops to its baseline of " + fmt(baseline_) + " IOPS (3 IOPS/GiB)",
                "gp2 I/O 버스트 크레딧이 바닥났습니다: 볼륨이 기준 성능 " + fmt(baseline_) + " IOPS(GiB당 3 IOPS)로 떨어집니다");
      else
        sim.log(id(), LogKind::ThrottlingEnded, "gp2 I/O credits earned back: bursting to 3,000 IOPS again",
                "gp2 I/O 크레딧이 다시 쌓여 3,000 IOPS까지 버스트할 수 있습니다");
    }
    m.capacity = static_cast<int64_t>(rate());
  }

  std::string status() const override {
    std::string s = std::string(type_->name) + " " + fmt(size_) + " GiB, " + fmt(rate()) + " IOPS";
    if (bursts_) s += ", " + fmt(credits_) + " credits";
    s += ", " + std::to_string(writes_stored_) + " writes stored";
    if (throttled_ios_) s += ", " + std::to_string(throttled_ios_) + " throttled";
    if (refused_ios_) s += ", " + std::to_string(refused_ios_) + " refused";
    return s;
  }

private:
  double rate() const { return bursts_ && !out_of_credits_ ? kGp2BurstIops : baseline_; }

  const EbsVolumeType* type_;
  double size_;
  bool writes_only_;
  int64_t queue_limit_;
  bool multi_attach_;
  double baseline_ = 0, credits_ = 0, usd_per_s_ = 0;
  bool bursts_ = false, out_of_credits_ = false;
  SimTime latency_ = 0, next_free_ = 0;
  uint64_t ios_this_second_ = 0, ios_total_ = 0, writes_stored_ = 0, throttled_ios_ = 0, refused_ios_ = 0;
  std::set<uint32_t> refused_;  // incoming connections refused (other AZ, not multi-attachable)
};

std::vector<doc::Issue> validate(const nlohmann::json& p) {
  std::vector<doc::Issue> out;
  std::string t = catalog::param_string(p, "volume_type");
  const EbsVolumeType* vt = find_ebs_volume_type(t);
  if (!vt) return out;
  double size = catalog::param_number(p, "size_gib");
  double iops = catalog::param_number(p, "iops");
  if (size < vt->min_gib || size > vt->max_gib)
    out.push_back({"size_gib", "a " + t + " volume is " + fmt(vt->min_gib) + "–" + fmt(vt->max_gib) + " GiB, not " +
                                   fmt(size) + " GiB (AWS-FACTS: EBS / " + (is_io(t) ? "io1/io2" : t == "st1" || t == "sc1" ? "io1/io2" : t) + ")"});
  if (t == "gp3" && (iops < kGp3BaseIops || iops > kGp3MaxIops))
    out.push_back({"iops", "gp3 IOPS are 3,000–16,000, not " + fmt(iops)});
  else if (t == "gp3" && iops > kGp3BaseIops && iops > kGp3IopsPerGib * size)
    out.push_back({"iops", "gp3 allows at most 500 IOPS per GiB: " + fmt(size) + " GiB allows " +
                               fmt(kGp3IopsPerGib * size) + " IOPS, not " + fmt(iops)});
  if (is_io(t)) {
    double max = t == "io1" ? kIo1MaxIops : kIo2MaxIops;
    if (iops < kIoMinIops || iops > max)
      out.push_back({"iops", t + " IOPS are 100–" + fmt(max) + ", not " + fmt(iops)});
  }
  if (catalog::param_bool(p, "multi_attach") && !is_io(t))
    out.push_back({"multi_attach", "Multi-Attach needs an io1 or io2 volume, not " + t});
  if (t == "gp3" && catalog::param_number(p, "throughput_mibps") > kGp3MaxMibps)
    out.push_back({"throughput_mibps", "gp3 throughput is at most 1,000 MiB/s"});
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
      "An attachment from another AZ or beyond Multi-Attach rules is refused when the run starts (its I/Os fail and the log says why). "
      "No snapshots, volume states, modification or durability losses. Prices other than gp3 are approximate (⚠).",
      "연결된 인스턴스가 처리하는 요청 하나가 I/O 하나입니다(기본값은 쓰기만, 읽기는 페이지 캐시에서 처리). "
      "I/O는 볼륨의 IOPS 속도로 처리되며 지연 시간은 고정값입니다(gp2/gp3 약 1 ms, io2 0.4 ms, io1 0.8 ms, st1 5 ms, sc1 10 ms ⚠ 단순화). "
      "처리량(MiB/s)과 I/O 크기는 제한 요소로 다루지 않습니다. gp2 크레딧은 시뮬레이션 시간 1초마다 계산합니다. "
      "다른 가용 영역에서의 연결이나 다중 연결 규칙을 넘는 연결은 실행 시작 시 거절되며(그 I/O는 실패하고 이벤트 로그에 이유가 남습니다). "
      "스냅샷, 볼륨 상태, 볼륨 수정, 내구성에 따른 손실은 다루지 않습니다. gp3 외의 가격은 근사값(⚠)입니다."};
  d.placement = PlacementKind::Az;
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
  d.validate = validate;
  d.create = [](const catalog::BuildContext& ctx) -> std::unique_ptr<Model> {
    const auto& p = ctx.params;
    const EbsVolumeType* t = find_ebs_volume_type(catalog::param_string(p, "volume_type"));
    if (!t) t = find_ebs_volume_type("gp3");
    return std::make_unique<Ebs>(t, catalog::param_number(p, "size_gib"), catalog::param_number(p, "iops"),
                                 catalog::param_number(p, "throughput_mibps"),
                                 catalog::param_string(p, "io_requests") != "all",
                                 static_cast<int64_t>(catalog::param_number(p, "queue_limit")),
                                 catalog::param_number(p, "initial_credits"), catalog::param_bool(p, "multi_attach"));
  };
  return d;
}

}  // namespace

const catalog::ServiceDescriptor& ebs_descriptor() {
  static const catalog::ServiceDescriptor d = make_descriptor();
  return d;
}

}  // namespace cp::services
