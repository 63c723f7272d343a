#include "core/services/compute.h"

#include <deque>

#include "core/doc/distribution_json.h"
#include "core/sim/distribution.h"
#include "core/sim/simulation.h"

namespace cp::services {
namespace {

using namespace cp::sim;

enum Timer : uint16_t { kServiceDone = 0 };

// tag of a downstream call = step | epoch << 16: a response that comes back
// after the node went down (epoch changed) fails its parent instead of continuing.
constexpr uint32_t kStepMask = 0xffff;

class Compute final : public ModelBase<Compute> {
public:
  Compute(int64_t workers, Distribution service, int64_t queue_limit, bool fanout_one)
      : workers_(workers), service_(std::move(service)), queue_limit_(queue_limit), fanout_one_(fanout_one) {}

  void start(Simulation& sim) override {
    sim.metrics(id()).capacity = workers_;
  }

  void on_request(Simulation& sim, ReqHandle h) override {
    if (busy_ < workers_) {
      begin_service(sim, h);
      return;
    }
    if (queue_limit_ >= 0 && static_cast<int64_t>(queue_.size()) >= queue_limit_) {
      if (!full_) log_queue_full(sim);
      sim.respond(h, Outcome::ServerError);  // 503: no room in the queue
      return;
    }
    queue_.push_back(h);
    ++sim.metrics(id()).waited;
    sim.metrics(id()).queue.set(sim.now(), static_cast<int64_t>(queue_.size()));
  }

  // Out of line: its strings would give on_request landing pads (slow calls in wasm).
  [[gnu::noinline]] void log_queue_full(Simulation& sim) {
    full_ = true;
    const std::string& name = sim.info(id()).name;
    sim.log(id(), LogKind::QueueFull,
            name + "'s queue is full (" + std::to_string(queue_limit_) + "): new requests get 503",
            name + "의 대기열이 가득 찼습니다(" + std::to_string(queue_limit_) + "개). 새 요청은 503으로 거절됩니다").because("queue_full").field("queue_limit", static_cast<double>(queue_limit_));
  }

  void on_timer(Simulation& sim, uint16_t epoch, uint64_t payload) override {
    ReqHandle h{payload};
    if (epoch != (epoch_ & 0xffff)) {  // served before the node went down: the connection was reset
      finish(sim, h, Outcome::Unreachable);
      return;
    }
    next_step(sim, h, 0);
  }

  void on_response(Simulation& sim, ReqHandle parent, const Request& child, Outcome o) override {
    uint32_t step = child.tag & kStepMask;
    uint32_t epoch = child.tag >> 16;
    if (epoch != (epoch_ & 0xffff)) {
      finish(sim, parent, Outcome::Unreachable);
      return;
    }
    if (o != Outcome::Ok || fanout_one_) {
      finish(sim, parent, o == Outcome::Ok ? Outcome::Ok : Outcome::ServerError);
      return;
    }
    next_step(sim, parent, step + 1);
  }

  void on_up_changed(Simulation& sim, bool up) override {
    if (up) return;
    ++epoch_;
    // Waiting requests are lost with the node; answers in service fail as their timers fire.
    while (!queue_.empty()) {
      ReqHandle h = queue_.front();
      queue_.pop_front();
      sim.respond(h, Outcome::Unreachable);
    }
    sim.metrics(id()).queue.set(sim.now(), 0);
  }

  StatusText status() const override {
    const std::string busy = std::to_string(busy_) + "/" + std::to_string(workers_);
    return {busy + " busy, " + std::to_string(queue_.size()) + " queued",
            "작업자 " + busy + " 사용 중, 대기열 " + std::to_string(queue_.size()) + "개"};
  }

private:
  void begin_service(Simulation& sim, ReqHandle h) {
    ++busy_;
    sim.metrics(id()).busy.set(sim.now(), busy_);
    SimTime d = from_seconds(service_.sample(sim.rng()));
    sim.schedule_timer(id(), sim.now() + d, static_cast<uint16_t>(epoch_ & 0xffff), h.v);
  }

  // After service: call the outgoing connections in order (async ones are
  // fired and not waited for), or one of them chosen by weight.
  void next_step(Simulation& sim, ReqHandle h, uint32_t step) {
    const auto& out = sim.outgoing(id());
    uint32_t tag_epoch = static_cast<uint32_t>(epoch_ & 0xffff) << 16;
    if (fanout_one_) {
      if (step == 0 && !out.empty()) {
        ConnId c = pick_weighted(sim, out);
        const Request& r = sim.request(h);
        RequestKind kind = r.kind;
        uint32_t size = r.size_bytes;
        sim.call(c, h, kind, size, 0, tag_epoch | 1);
        if (!sim.connection(c).policy.sync) finish(sim, h, Outcome::Ok);
        return;
      }
      finish(sim, h, Outcome::Ok);
      return;
    }
    while (step < out.size()) {
      ConnId c = out[step];
      const Request& r = sim.request(h);
      RequestKind kind = r.kind;
      uint32_t size = r.size_bytes;
      if (!sim.connection(c).policy.takes(kind)) {  // a wire for reads only, or writes only
        ++step;
        continue;
      }
      sim.call(c, h, kind, size, 0, tag_epoch | step);
      if (sim.connection(c).policy.sync) return;  // continue in on_response
      ++step;
    }
    finish(sim, h, Outcome::Ok);
  }

  ConnId pick_weighted(Simulation& sim, const std::vector<ConnId>& out) {
    double total = 0;
    for (ConnId c : out) total += sim.connection(c).policy.weight;
    double x = sim.rng().next_double() * total;
    for (ConnId c : out) {
      x -= sim.connection(c).policy.weight;
      if (x < 0) return c;
    }
    return out.back();
  }

  void finish(Simulation& sim, ReqHandle h, Outcome o) {
    sim.respond(h, o);
    --busy_;
    if (!queue_.empty() && sim.node_up(id())) {
      ReqHandle next = queue_.front();
      queue_.pop_front();
      if (full_ && static_cast<int64_t>(queue_.size()) * 2 < queue_limit_) {
        full_ = false;  // hysteresis: log again only after it drained to half
        const std::string& name = sim.info(id()).name;
        sim.log(id(), LogKind::Info, name + "'s queue drained below half", name + "의 대기열이 절반 아래로 줄었습니다").because("queue_drained");
      }
      sim.metrics(id()).queue.set(sim.now(), static_cast<int64_t>(queue_.size()));
      begin_service(sim, next);  // busy goes back up
      return;
    }
    sim.metrics(id()).busy.set(sim.now(), busy_);
  }

  int64_t workers_;
  Distribution service_;
  int64_t queue_limit_;
  bool fanout_one_;
  int64_t busy_ = 0;
  uint32_t epoch_ = 0;
  bool full_ = false;
  std::deque<ReqHandle> queue_;
};

catalog::ServiceDescriptor make_descriptor() {
  using catalog::ParamSpec;
  using catalog::ParamType;
  catalog::ServiceDescriptor d;
  d.type = "compute";
  d.category = catalog::Category::Testing;
  d.name = {"Compute (generic)", "범용 컴퓨팅"};
  d.summary = {"A generic server: c workers, a service time, an optional queue limit. Calls its outgoing connections in order after serving.",
               "범용 서버입니다. 요청을 동시에 c개까지 처리하고(작업자 c개), 요청마다 처리 시간이 걸리며, 대기열 길이를 제한할 수도 있습니다. 요청을 처리한 뒤 나가는 연결을 순서대로 호출합니다."};
  d.simplifications = {"Not an AWS service: a textbook queue used to build and test designs. Each worker serves one request at a time; the queue is first-in first-out.",
                       "AWS 서비스가 아니라 설계를 만들고 검증하기 위한 교과서적 대기열 모델입니다. 작업자 하나는 한 번에 요청 하나를 처리하고, 대기열은 선입선출입니다."};
  d.placement = PlacementKind::Az;
  d.traits = sim::Traits(sim::Trait::InstanceHost);
  d.icon = catalog::Icon::Chip;
  d.params = {
      ParamSpec{"workers", ParamType::Int, {"Workers", "작업자 수"},
                {"How many requests it serves at the same time (c in M/M/c).", "동시에 처리할 수 있는 요청 수입니다(M/M/c의 c)."},
                "", 1, 100000, 1, {}, ""},
      ParamSpec{"service_time", ParamType::Distribution, {"Service time", "처리 시간"},
                {"How long one request takes a worker, as a distribution.", "요청 하나를 처리하는 데 걸리는 시간의 분포입니다."},
                "ms", 0, 3600000, nlohmann::json{{"kind", "exponential"}, {"mean_ms", 10}}, {}, ""},
      ParamSpec{"queue_limit", ParamType::Int, {"Queue limit", "대기열 한도"},
                {"Requests that may wait for a worker; more are refused with a 503. -1 means no limit.",
                 "작업자를 기다릴 수 있는 요청 수입니다. 넘치면 503으로 거절합니다. -1은 제한 없음입니다."},
                "requests", -1, 10000000, -1, {}, ""},
      ParamSpec{"fanout", ParamType::Enum, {"Calls", "호출 방식"},
                {"all: call every outgoing connection in order; one: call one of them, chosen by weight.",
                 "all: 나가는 연결을 모두 순서대로 호출합니다. one: 가중치에 따라 하나만 골라 호출합니다."},
                "", 0, 0, "all", {"all", "one"}, ""},
  };
  d.create = [](const catalog::BuildContext& ctx) -> std::unique_ptr<Model> {
    std::vector<doc::Issue> errors;
    auto dist = doc::parse_distribution(ctx.params["service_time"], "service_time", errors);
    return std::make_unique<Compute>(static_cast<int64_t>(catalog::param_number(ctx.params, "workers")),
                                     dist ? *dist : Distribution::exponential(0.01),
                                     static_cast<int64_t>(catalog::param_number(ctx.params, "queue_limit")),
                                     catalog::param_string(ctx.params, "fanout") == "one");
  };
  return d;
}

}  // namespace

const catalog::ServiceDescriptor& compute_descriptor() {
  static const catalog::ServiceDescriptor d = make_descriptor();
  return d;
}

}  // namespace cp::services
