#include "core/services/efs.h"

#include <algorithm>

#include "core/sim/simulation.h"

namespace cp::services {

using namespace cp::sim;

namespace {
constexpr double kSecondsPerMonth = 730.0 * 3600.0;
// AWS-FACTS: EFS / Latency — read ~250 us; write ~2.7 ms (Regional).
constexpr double kReadLatencyS = 0.00025, kWriteLatencyS = 0.0027;
// AWS-FACTS: EFS / Bursting — 50 KiB/s per GiB; bursts to 100 MiB/s on credits.
constexpr double kBaselineBytesPerGib = 50.0 * 1024;
constexpr double kBurstBytes = 100.0 * 1024 * 1024;
// ⚠ simplified: the credit bucket holds 12 hours of the baseline rate (AWS sizes it by stored data).
constexpr double kCreditHours = 12;
// AWS-FACTS: EFS / Price — Standard $0.30 per GB-month.
constexpr double kUsdPerGbMonth = 0.30;
constexpr double kBytesPerGib = 1024.0 * 1024 * 1024;

std::string fmt(double v) { return std::to_string(static_cast<long long>(v + 0.5)); }

enum Timer : uint16_t { kOpDone = 1 };

class Efs final : public ModelBase<Efs> {
public:
  Efs(double stored_gib, double io_kib, int64_t queue_limit, double initial_credits)
      : stored_(stored_gib), io_bytes_(io_kib * 1024), queue_limit_(queue_limit) {
    baseline_ = std::max(1.0, stored_gib * kBaselineBytesPerGib);
    max_credits_ = baseline_ * kCreditHours * 3600;
    credits_ = max_credits_ * initial_credits;
    out_of_credits_ = baseline_ < kBurstBytes && credits_ <= 0;
  }

  void start(Simulation& sim) override {
    burst_credits_ = sim.gauge(id(), "burst_credits");
    sim.metrics(id()).set(burst_credits_, credits_ / kBytesPerGib);
  }

  void on_request(Simulation& sim, ReqHandle h) override {
    const Request& r = sim.request(h);
    SimTime now = sim.now();
    SimTime start = std::max(now, next_free_);
    double per_op = io_bytes_ / rate();
    double depth = to_seconds(start - now) / per_op;
    if (queue_limit_ >= 0 && depth > static_cast<double>(queue_limit_)) {
      ++throttled_;
      sim.respond(h, Outcome::Throttled);
      return;
    }
    if (start > now) ++sim.metrics(id()).waited;
    SimTime gap = from_seconds(per_op);
    next_free_ = start + (gap > 0 ? gap : 1);
    bytes_this_second_ += io_bytes_;
    sim.metrics(id()).queue.set(now, static_cast<int64_t>(depth));
    double lat = r.kind == RequestKind::Write ? kWriteLatencyS : kReadLatencyS;
    sim.schedule_timer(id(), start + from_seconds(lat), kOpDone, h.v);
  }

  void on_timer(Simulation& sim, uint16_t timer, uint64_t payload) override {
    if (timer != kOpDone) return;
    sim.respond(ReqHandle{payload}, sim.node_up(id()) ? Outcome::Ok : Outcome::Unreachable);
  }

  void on_second(Simulation& sim) override {
    NodeMetrics& m = sim.metrics(id());
    m.cost_usd += stored_ * kUsdPerGbMonth / kSecondsPerMonth;
    credits_ = std::clamp(credits_ + baseline_ - bytes_this_second_, 0.0, max_credits_);
    bytes_this_second_ = 0;
    m.set(burst_credits_, credits_ / kBytesPerGib);
    if (baseline_ >= kBurstBytes) return;
    bool empty = out_of_credits_ ? credits_ < kBurstBytes : credits_ <= 0;  // hysteresis: one second of burst
    if (empty == out_of_credits_) return;
    out_of_credits_ = empty;
    if (empty)
      sim.log(id(), LogKind::ThrottlingBegan,
              "EFS burst credits ran out: throughput drops to the baseline of " + fmt(baseline_ / 1024) +
                  " KiB/s (50 KiB/s per GiB stored)",
              "EFS 버스트 크레딧이 바닥났습니다: 처리량이 기준치 " + fmt(baseline_ / 1024) +
                  " KiB/s(저장된 GiB당 50 KiB/s)로 떨어집니다").because("burst_credits_exhausted");
    else
      sim.log(id(), LogKind::ThrottlingEnded, "EFS burst credits earned back: bursting to 100 MiB/s again",
              "EFS 버스트 크레딧이 다시 쌓여 100 MiB/s까지 버스트할 수 있습니다").because("burst_credits_earned");
  }

  StatusText status() const override {
    StatusText t{fmt(stored_) + " GiB stored, " + fmt(rate() / 1024) + " KiB/s",
                 "저장 " + fmt(stored_) + " GiB, " + fmt(rate() / 1024) + " KiB/s"};
    if (throttled_) {
      t.en += ", " + std::to_string(throttled_) + " throttled";
      t.ko += ", 제한(스로틀링) " + std::to_string(throttled_) + "건";
    }
    return t;
  }

private:
  double rate() const { return out_of_credits_ ? baseline_ : std::max(baseline_, kBurstBytes); }

  double stored_, io_bytes_;
  int64_t queue_limit_;
  double baseline_ = 0, max_credits_ = 0, credits_ = 0, bytes_this_second_ = 0;
  bool out_of_credits_ = false;
  SimTime next_free_ = 0;
  uint64_t throttled_ = 0;
  GaugeId burst_credits_;  // declared metric (the descriptor's `metrics`), in GiB
};

catalog::ServiceDescriptor make_descriptor() {
  using catalog::ParamSpec;
  using catalog::ParamType;
  catalog::ServiceDescriptor d;
  d.type = "efs";
  d.category = catalog::Category::Storage;
  d.name = {"EFS file system", "EFS 파일 시스템"};
  d.summary = {"A shared NFS file system for a whole Region: instances in every Availability Zone mount it through their AZ's mount target.",
               "리전 전체에서 공유하는 NFS 파일 시스템입니다. 모든 가용 영역의 인스턴스가 자기 가용 영역의 탑재 대상을 통해 탑재합니다."};
  d.simplifications = {
      "Each request the instance sends is one file operation of a fixed size: reads take ~0.25 ms and writes ~2.7 ms plus queueing. "
      "Only bursting throughput is modelled: 50 KiB/s per GiB stored, bursting to 100 MiB/s while credits last; "
      "the credit bucket holds 12 hours of the baseline (⚠ simplified) and is counted once per simulated second. "
      "Mount targets are implicit (one per AZ, no cross-AZ charge); no Elastic/Provisioned modes, Max I/O, IOPS caps, lifecycle tiers or security groups.",
      "인스턴스가 보내는 요청 하나가 고정 크기의 파일 작업 하나입니다. 읽기는 약 0.25밀리초, 쓰기는 약 2.7밀리초에 대기 시간이 더해집니다. "
      "버스팅 처리량 모드만 다룹니다: 저장된 GiB당 50 KiB/s이며 크레딧이 남아 있는 동안 100 MiB/s까지 버스트합니다. "
      "크레딧 버킷은 기준 처리량 12시간분(⚠ 단순화)이며 시뮬레이션 시간 1초마다 계산합니다. "
      "탑재 대상은 암묵적입니다(가용 영역마다 하나, 가용 영역 간 요금 없음). Elastic/프로비저닝 모드, 최대 I/O 모드, IOPS 상한, 수명 주기 스토리지 클래스, 보안 그룹은 다루지 않습니다."};
  d.placement = PlacementKind::Region;
  d.icon = catalog::Icon::Volume;
  d.makes_calls = false;
  d.params = {
      ParamSpec{"stored_gib", ParamType::Float, {"Data stored", "저장된 데이터"},
                {"How much data the file system holds: it sets the baseline throughput (50 KiB/s per GiB) and the cost.",
                 "파일 시스템에 저장된 데이터 양입니다. 기준 처리량(GiB당 50 KiB/s)과 비용을 정합니다."},
                "GiB", 0.001, 1048576, 100, {}, "EFS / Bursting"},
      ParamSpec{"io_kib", ParamType::Float, {"Size of one operation", "작업 하나의 크기"},
                {"Data one read or write moves; throughput ÷ this = operations per second.",
                 "읽기나 쓰기 한 번이 옮기는 데이터 양입니다. 처리량 ÷ 이 값 = 초당 작업 수입니다."},
                "KiB", 1, 1048576, 64, {}, ""},
      ParamSpec{"queue_limit", ParamType::Int, {"Operation queue limit", "작업 대기열 한도"},
                {"Operations that may wait for throughput; more are refused as throttled. -1 = no limit.",
                 "처리량 때문에 기다릴 수 있는 작업 수입니다. 넘치면 스로틀링으로 거절합니다. -1은 제한 없음입니다."},
                "operations", -1, 10000000, 256, {}, ""},
      ParamSpec{"initial_credits", ParamType::Float, {"Starting burst credits", "시작 버스트 크레딧"},
                {"Share of the credit bucket the file system starts with.",
                 "파일 시스템이 시작할 때 가진 크레딧 버킷의 비율입니다."},
                "", 0, 1, 1.0, {}, "EFS / Bursting"},
  };
  d.metrics = {
      {{"burst_credits", MetricKind::Gauge, MetricStat::Min},
       {"Burst credit balance", "버스트 크레딧 잔액"},
       {"GiB", "GiB"},
       {"Data the file system may still move above its baseline (50 KiB/s per GiB stored) at up to 100 MiB/s; at 0 it runs at the baseline.",
        "파일 시스템이 기준 처리량(저장된 GiB당 50 KiB/s)을 넘어 최대 100 MiB/s로 더 옮길 수 있는 데이터 양입니다. 0이 되면 기준 처리량으로 처리합니다."},
       catalog::MetricCard::None, {}},
  };
  d.create = [](const catalog::BuildContext& ctx) -> std::unique_ptr<Model> {
    const auto& p = ctx.params;
    return std::make_unique<Efs>(catalog::param_number(p, "stored_gib"), catalog::param_number(p, "io_kib"),
                                 static_cast<int64_t>(catalog::param_number(p, "queue_limit")),
                                 catalog::param_number(p, "initial_credits"));
  };
  return d;
}

}  // namespace

const catalog::ServiceDescriptor& efs_descriptor() {
  static const catalog::ServiceDescriptor d = make_descriptor();
  return d;
}

}  // namespace cp::services
