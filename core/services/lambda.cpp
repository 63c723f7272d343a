#include "core/services/lambda.h"

#include <algorithm>
#include <deque>
#include <map>
#include <string>

#include "core/doc/distribution_json.h"
#include "core/doc/messages.h"
#include "core/sim/distribution.h"
#include "core/sim/lease_store.h"
#include "core/sim/simulation.h"

namespace cp::services {
namespace {

using namespace cp::sim;
using nlohmann::json;

// ---- Limits and prices (AWS-FACTS: Lambda) ----------------------------------
constexpr double kMinMemoryMb = 128, kMaxMemoryMb = 10240;  // AWS-FACTS: Lambda / Memory
constexpr double kMaxTimeoutS = 900;                         // AWS-FACTS: Lambda / Timeout (default 3 s)
constexpr double kAccountConcurrency = 1000;                 // AWS-FACTS: Lambda / Concurrency (per Region)
// AWS-FACTS: Lambda / Scaling rate: +1,000 environments per 10 s per function, refilled
// continuously: a token bucket of 1,000 refilled at 100 a second.
constexpr double kScalingBurst = 1000, kScalingPerS = 100;
constexpr SimTime kInitLimit = 10 * kSecond;                 // AWS-FACTS: Lambda / Init by runtime (init phase limit 10 s)
constexpr double kSyncPayloadBytes = 6.0 * 1024 * 1024;      // AWS-FACTS: Lambda / Sync payload
constexpr double kAsyncPayloadBytes = 1.0 * 1024 * 1024;     // AWS-FACTS: Lambda / Async payload (1 MB, Jan 2026)
constexpr double kMaxPackageMb = 250;                        // AWS-FACTS: Lambda / Package (250 MB unzipped)
// AWS-FACTS: Lambda / Async retries: 2 retries, 1 min then 2 min; event age up to 6 h.
constexpr SimTime kFirstRetry = 60 * kSecond, kSecondRetry = 120 * kSecond;
constexpr double kMaxEventAgeS = 6 * 3600;
// AWS-FACTS: Lambda / Async throttled: requeued, backoff 1 s -> 5 min.
constexpr SimTime kThrottleBackoffMin = 1 * kSecond, kThrottleBackoffMax = 300 * kSecond;
constexpr double kRequestPrice = 0.20 / 1e6;                 // AWS-FACTS: Lambda / Price ($0.20/M requests)
constexpr double kGbSecondPrice = 0.0000166667;              // AWS-FACTS: Lambda / Price (x86, per GB-s, 1 ms billing)
// ⚠ not in AWS-FACTS: one full vCPU at 1,769 MB (Lambda docs, memory configuration). A
// single-threaded handler gets no faster above it.
constexpr double kFullCpuMb = 1769;
// ⚠ not in AWS-FACTS: at least 100 concurrent executions stay unreserved per Region.
constexpr double kUnreservedMin = 100;
// AWS-FACTS: SQS / Batch (10 messages per ReceiveMessage).
constexpr uint32_t kReceiveMax = 10;
// AWS-FACTS: Kinesis Data Streams / Shard read, shared (up to 10,000 records per GetRecords).
constexpr uint32_t kStreamReceiveMax = 10000;
// ⚠ simplified: a mapping whose receive came back empty asks again after 1 s.
constexpr SimTime kEmptyPollWait = 1 * kSecond;

// AWS-FACTS: Lambda / Init by runtime (hello-world zip, x86, mean of 10 cold starts).
struct Runtime {
  const char* key;
  double init_ms;
};
constexpr Runtime kRuntimes[] = {{"rust", 16},   {"go", 50},    {"python", 83}, {"nodejs", 140},
                                 {"java", 235},  {"ruby", 240}, {"dotnet", 250}};
// AWS-FACTS: Lambda / Init by runtime: Node.js 20 from ~240 ms small to ~3.2 s for the largest
// package tested; taken as ~12 ms per unzipped MB over 0-250 MB ⚠ (the sizes tested are not given).
constexpr double kInitMsPerPackageMb = 12;

double runtime_init_ms(const std::string& key) {
  for (const Runtime& r : kRuntimes)
    if (key == r.key) return r.init_ms;
  return 140;
}

enum Timer : uint16_t { kInitDone = 1, kWorkDone, kTimeout, kAsyncDue, kReclaim, kPoll };
enum class Source : uint8_t { Sync, Async, Batch };
enum class Refused : uint8_t { None, Concurrency, Reserved, ScalingRate };

constexpr uint32_t kDestinationTag = 0xffffffffu;  // a call to the on-failure destination

struct Settings {
  double memory_mb = 128;
  SimTime timeout = 3 * kSecond;
  Distribution work = Distribution::constant(0.1);
  double slowdown = 1;       // kFullCpuMb / memory, at least 1
  SimTime init = 0;          // runtime + package + the function's own init code
  int64_t reserved = -1;     // -1: draws from the unreserved pool
  int64_t provisioned = 0;
  int64_t account = 1000;
  SimTime idle_reclaim = 300 * kSecond;
  uint32_t max_retries = 2;
  SimTime max_event_age = 6 * 3600 * kSecond;
  std::string destination;   // node id of the on-failure destination, or ""
};

class Lambda final : public ModelBase<Lambda> {
public:
  explicit Lambda(Settings s) : s_(std::move(s)), events_(s_.max_event_age) {}

  void start(Simulation& sim) override {
    const uint32_t region = sim.info(id()).placement.region.v;
    account_ = sim.pools().declare({"lambda_concurrency", region, kAnyAz, ""}, {static_cast<int64_t>(s_.account), 0});
    scaling_ = sim.pools().declare({"lambda_scaling_rate", region, kAnyAz, sim.info(id()).id},
                                   {static_cast<int64_t>(kScalingBurst), kScalingPerS});
    // A reservation is taken out of the Region's pool for the whole run; the function then
    // counts its own executions against it and never touches the shared pool.
    if (s_.reserved >= 0 && !sim.pools().acquire(account_, s_.reserved, id())) s_.reserved = 0;
    sim.metrics(id()).capacity = s_.reserved >= 0 ? std::max<int64_t>(1, s_.reserved) : s_.account;
    invocations_ = sim.counter(id(), "invocations");
    cold_starts_ = sim.counter(id(), "cold_starts");
    throttles_ = sim.counter(id(), "throttles");
    errors_ = sim.counter(id(), "function_errors");
    concurrency_ = sim.gauge(id(), "concurrency");
    warm_ = sim.gauge(id(), "warm_environments");
    async_waiting_ = sim.gauge(id(), "async_events_waiting");
    async_dropped_ = sim.counter(id(), "async_dropped");
    duration_ = sim.latency_metric(id(), "duration");
    polled_age_ = sim.latency_metric(id(), "polled_age");
    for (ConnId c : sim.outgoing(id())) {
      const Connection& k = sim.connection(c);
      if (k.role == WireRole::Poll) {
        Poller p;
        p.conn = c;
        p.batch = static_cast<uint32_t>(k.role_params.number("batch_size", 10));
        p.window = from_seconds(k.role_params.number("maximum_batching_window_s", 0));
        p.max_batches = static_cast<uint32_t>(k.role_params.number("maximum_concurrency", 5));
        p.receive_max = has_trait(sim.info(k.to).traits, Trait::Stream) ? kStreamReceiveMax : kReceiveMax;
        pollers_.push_back(std::move(p));
      } else if (!s_.destination.empty() && sim.info(k.to).id == s_.destination) {
        destination_ = c;
      } else {
        downstream_.push_back(c);
      }
    }
    provisioned_idle_ = s_.provisioned;
    environments_ = static_cast<size_t>(s_.provisioned);
    for (uint32_t p = 0; p < pollers_.size(); ++p) sim.schedule_timer(id(), 0, kPoll, p);
    refresh(sim);
  }

  void on_request(Simulation& sim, ReqHandle h) override {
    const Request& r = sim.request(h);
    const Connection& c = sim.connection(r.conn);
    const bool async = c.role == WireRole::Event || !c.policy.sync;
    if (static_cast<double>(r.size_bytes) > (async ? kAsyncPayloadBytes : kSyncPayloadBytes)) {
      sim.respond(h, Outcome::Rejected);  // 413 RequestEntityTooLargeException
      return;
    }
    if (async) {  // 202 Accepted: into the internal event queue; invoked from there
      events_.put(sim.now(), r.lineage(), sim.now());
      ++st_.async_accepted;
      sim.respond(h, Outcome::Ok);
      pump_async(sim);
      refresh(sim);
      return;
    }
    const Refused why = admit(sim);
    if (why != Refused::None) {
      throttled(sim, why);
      sim.respond(h, Outcome::Throttled);  // 429 TooManyRequestsException
      return;
    }
    Inv& v = begin(sim, Source::Sync);
    v.h = h;
    launch(sim, v);
  }

  void on_timer(Simulation& sim, uint16_t timer, uint64_t payload) override {
    switch (timer) {
      case kInitDone:
      case kWorkDone:
      case kTimeout: {
        Inv* v = live(payload);
        if (!v) return;
        if (timer == kInitDone) {
          if (v->init_failed) return finish(sim, *v, Outcome::ServerError, /*keep_env=*/false);
          run(sim, *v);
        } else if (timer == kWorkDone) {
          v->step = 0;
          next_step(sim, *v);
        } else {
          ++st_.timeouts;
          finish(sim, *v, Outcome::ServerError, /*keep_env=*/false);  // "Task timed out": the environment is reset
        }
        return;
      }
      case kAsyncDue:
        pump_async(sim);
        break;
      case kReclaim:
        reclaim(sim);
        break;
      case kPoll:
        poll(sim, static_cast<uint32_t>(payload));
        break;
    }
    refresh(sim);
  }

  void on_response(Simulation& sim, ReqHandle parent, const Request& child, Outcome o) override {
    if (child.tag == kDestinationTag) {  // the destination took it (a sync wire): nothing waits on it
      sim.finish_root(parent);
      return;
    }
    for (uint32_t p = 0; p < pollers_.size(); ++p) {
      if (child.conn.v != pollers_[p].conn.v) continue;
      if (child.tag == kPollDeleteTag) {  // a delete's answer
        // A stream's shard waits for its batch's checkpoint before it hands out the next: ask
        // again now rather than after the empty-poll wait (a mapping polls a busy shard at once).
        Poller& q = pollers_[p];
        if (q.receive_max == kStreamReceiveMax && q.waiting && !q.receiving) poll(sim, p);
        return;
      }
      received(sim, p, parent, o);
      refresh(sim);
      return;
    }
    Inv* v = live(child.tag);
    if (!v) return;  // the invocation ended (timed out) before this answer came back
    if (o != Outcome::Ok) return finish(sim, *v, Outcome::ServerError, true);  // an unhandled error
    ++v->step;
    next_step(sim, *v);
  }

  void on_second(Simulation& sim) override {
    if (throttling_ && throttles_this_second_ == 0) {
      throttling_ = false;
      const std::string& name = sim.info(id()).name;
      sim.log(id(), LogKind::ThrottlingEnded, name + ": no more throttles; " + std::to_string(running_) + " running",
              doc::with_topic(name) + " 이제 스로틀링 없이 실행됩니다. 실행 중 " + std::to_string(running_) + "개")
          .because("throttles_ended")
          .field("concurrency", static_cast<double>(running_));
    }
    throttles_this_second_ = 0;
    const uint64_t dropped = events_.counters().dropped;
    if (dropped > dropped_seen_) {
      sim.metrics(id()).add(async_dropped_, static_cast<double>(dropped - dropped_seen_));
      st_.async_dropped += dropped - dropped_seen_;
      dropped_seen_ = dropped;
    }
  }

  StatusText status() const override {
    const std::string run = std::to_string(running_), peak = std::to_string(st_.peak_running);
    const std::string warm = std::to_string(idle_.size() + static_cast<size_t>(provisioned_idle_));
    return {run + " running (peak " + peak + "), " + warm + " warm idle, " + std::to_string(st_.cold_starts) +
                " cold starts, " + std::to_string(st_.throttles) + " throttled",
            "실행 중 " + run + "개(최대 " + peak + "개), 대기 중인 웜 환경 " + warm + "개, 콜드 스타트 " +
                std::to_string(st_.cold_starts) + "회, 스로틀링 " + std::to_string(st_.throttles) + "건"};
  }

  LambdaStats stats() const {
    LambdaStats s = st_;
    s.running = running_;
    s.warm_idle = idle_.size() + static_cast<size_t>(provisioned_idle_);
    s.environments = environments_;
    s.async_waiting = events_.held();
    s.async_dropped = st_.async_dropped + (events_.counters().dropped - dropped_seen_);
    return s;
  }

private:
  struct Inv {
    uint32_t gen = 0, index = 0;
    bool in_use = false, cold = false, provisioned = false, init_failed = false, ran = false;
    Source source = Source::Sync;
    ReqHandle h;              // sync: the caller's request; async and batch: the root this node began
    Lineage item;             // async: the event, to requeue it for a retry
    uint32_t attempts = 0;    // async: this one included
    uint32_t poller = 0, step = 0;
    SimTime started = 0;      // the handler's start (after init): billed duration, timeout
    TimerToken timeout;
    std::vector<uint64_t> receipts;  // batch: the messages to delete when it succeeds
  };
  struct Poller {
    ConnId conn;
    uint32_t batch = 10, max_batches = 5, running = 0, receive_max = kReceiveMax;
    SimTime window = 0, since = 0;
    bool receiving = false, waiting = false;
    std::vector<ReplyItem> buffer;
  };

  static uint64_t ref(uint32_t index, uint32_t gen) { return (static_cast<uint64_t>(gen & 0xfff) << 20) | index; }
  Inv* live(uint64_t r) {
    const uint32_t index = static_cast<uint32_t>(r & 0xfffff);
    if (index >= invs_.size()) return nullptr;
    Inv& v = invs_[index];
    return v.in_use && (v.gen & 0xfff) == ((r >> 20) & 0xfff) ? &v : nullptr;
  }

  // One unit of concurrency and an execution environment, or why not.
  Refused admit(Simulation& sim) {
    if (s_.reserved >= 0) {
      if (running_ >= s_.reserved) return Refused::Reserved;
    } else if (!sim.pools().acquire(account_, 1, id())) {
      return Refused::Concurrency;
    }
    if (provisioned_idle_ > 0 || !idle_.empty()) return Refused::None;
    if (!sim.pools().take(scaling_, 1, sim.now())) {
      if (s_.reserved < 0) sim.pools().release(account_, 1);
      return Refused::ScalingRate;
    }
    return Refused::None;
  }

  Inv& begin(Simulation& sim, Source source) {
    uint32_t index;
    if (!free_.empty()) {
      index = free_.back();
      free_.pop_back();
    } else {
      index = static_cast<uint32_t>(invs_.size());
      invs_.emplace_back();
    }
    Inv& v = invs_[index];
    const uint32_t gen = v.gen + 1;
    v = Inv{};
    v.gen = gen;
    v.in_use = true;
    v.source = source;
    v.index = index;
    ++running_;
    st_.peak_running = std::max(st_.peak_running, running_);
    ++st_.invocations;
    NodeMetrics& m = sim.metrics(id());
    m.add(invocations_);
    m.cost_usd += kRequestPrice;
    m.busy.set(sim.now(), running_);
    if (provisioned_idle_ > 0) {
      --provisioned_idle_;
      v.provisioned = true;
    } else if (!idle_.empty()) {
      idle_.pop_back();  // the most recently used: the others may idle out
    } else {
      v.cold = true;
      ++environments_;
      ++st_.cold_starts;
      m.add(cold_starts_);
    }
    return v;
  }

  void launch(Simulation& sim, Inv& v) {
    if (!v.cold) return run(sim, v);
    // The init phase: past its 10 s limit the environment fails to start.
    v.init_failed = s_.init > kInitLimit;
    sim.schedule_timer(id(), sim.now() + std::min(s_.init, kInitLimit), kInitDone, ref(v.index, v.gen));
  }

  void run(Simulation& sim, Inv& v) {
    v.ran = true;
    v.started = sim.now();
    v.timeout = sim.schedule_cancellable(id(), sim.now() + s_.timeout, kTimeout, ref(v.index, v.gen));
    const SimTime d = from_seconds(s_.work.sample(sim.rng()) * s_.slowdown);
    sim.schedule_timer(id(), sim.now() + d, kWorkDone, ref(v.index, v.gen));
  }

  // After its own work the handler calls its downstream wires in order (waiting on sync ones).
  void next_step(Simulation& sim, Inv& v) {
    while (v.step < downstream_.size()) {
      const ConnId c = downstream_[v.step];
      const Request& r = sim.request(v.h);
      const RequestKind kind = r.kind;
      const uint32_t size = r.size_bytes;
      if (!sim.connection(c).policy.takes(kind)) {  // a wire for reads only, or writes only
        ++v.step;
        continue;
      }
      sim.call(c, v.h, kind, size, 0, static_cast<uint32_t>(ref(v.index, v.gen)));
      if (sim.connection(c).policy.sync) return;  // on_response goes on
      ++v.step;
    }
    finish(sim, v, Outcome::Ok, true);
  }

  void finish(Simulation& sim, Inv& v, Outcome o, bool keep_env) {
    NodeMetrics& m = sim.metrics(id());
    sim.cancel_timer(v.timeout);
    if (v.ran) {
      const SimTime billed = std::max<SimTime>(kMillisecond, (sim.now() - v.started + kMillisecond - 1) / kMillisecond * kMillisecond);
      m.cost_usd += to_seconds(billed) * s_.memory_mb / 1024.0 * kGbSecondPrice;
      m.record(duration_, sim.now() - v.started);
    }
    if (o != Outcome::Ok) {
      ++st_.errors;
      m.add(errors_);
    }
    --running_;
    m.busy.set(sim.now(), running_);
    if (s_.reserved < 0) sim.pools().release(account_, 1);
    if (v.provisioned) {
      ++provisioned_idle_;  // provisioned environments are never reclaimed
    } else if (keep_env) {
      idle_.push_back(sim.now());
    } else {
      --environments_;
    }
    const Source source = v.source;
    const ReqHandle h = v.h;
    const uint32_t poller = v.poller;
    const Lineage item = v.item;
    const uint32_t attempts = v.attempts;
    std::vector<uint64_t> receipts = std::move(v.receipts);
    v.in_use = false;
    free_.push_back(v.index);
    switch (source) {
      case Source::Sync:
        sim.respond(h, o);
        break;
      case Source::Async:
        async_done(sim, h, item, attempts, o);
        break;
      case Source::Batch: {
        Poller& p = pollers_[poller];
        if (o == Outcome::Ok)
          for (uint64_t r : receipts) {  // delete each message of the batch
            sim.call(p.conn, ReqHandle{}, RequestKind::Write, 64, r, kPollDeleteTag);
            ++st_.deletes_sent;
          }
        // Failed: nothing is deleted; the queue hands the messages out again after their visibility timeout.
        sim.finish_root(h);
        --p.running;
        if (!p.waiting) sim.schedule_timer(id(), sim.now(), kPoll, poller);
        break;
      }
    }
    reclaim_wake_.set(sim, id(), idle_.empty() ? kNever : idle_.front() + s_.idle_reclaim, kReclaim);
    pump_async(sim);
    refresh(sim);
  }

  // ---- asynchronous invocation: the internal event queue -------------------
  void pump_async(Simulation& sim) {
    const SimTime now = sim.now();
    events_.advance(now);
    while (events_.visible() > 0 && now >= async_backoff_until_) {
      const Refused why = admit(sim);
      if (why != Refused::None) {  // requeued: back off 1 s, 2 s, ... up to 5 min
        throttled(sim, why);
        async_backoff_ = std::clamp(async_backoff_ * 2, kThrottleBackoffMin, kThrottleBackoffMax);
        async_backoff_until_ = now + async_backoff_;
        break;
      }
      async_backoff_ = 0;
      Leased e;
      events_.take(now, &e);  // out of the queue while it runs; a retry puts it back
      uint32_t attempts = 1;
      if (auto it = retried_.find(e.item.id); it != retried_.end()) {
        attempts = it->second + 1;
        retried_.erase(it);
      }
      Inv& v = begin(sim, Source::Async);
      v.item = e.item;
      v.attempts = attempts;
      v.h = sim.begin_root(id(), e.item, RequestKind::Write);
      launch(sim, v);
    }
    SimTime next = events_.next_due();
    if (events_.visible() > 0) next = std::min(next, std::max(now, async_backoff_until_));
    async_wake_.set(sim, id(), next, kAsyncDue);
  }

  void async_done(Simulation& sim, ReqHandle root, const Lineage& item, uint32_t attempts, Outcome o) {
    const SimTime now = sim.now();
    if (o == Outcome::Ok) {
      sim.finish_root(root);
      return;
    }
    if (attempts <= s_.max_retries) {  // a function error: retried after 1 min, then 2 min
      ++st_.async_retries;
      events_.put(now, item, now + (attempts == 1 ? kFirstRetry : kSecondRetry));
      retried_[item.id] = attempts;
      sim.finish_root(root);
      pump_async(sim);
      return;
    }
    if (destination_.valid()) {  // the record goes on to the on-failure destination, as the same item
      ++st_.async_to_destination;
      const Request& r = sim.request(root);
      const uint32_t size = r.size_bytes;
      const uint64_t key = r.key;
      sim.call(destination_, root, RequestKind::Write, size, key, kDestinationTag);
      if (!sim.connection(destination_).policy.sync) sim.finish_root(root);
      return;
    }
    ++st_.async_dropped;
    sim.metrics(id()).add(async_dropped_);
    sim.finish_root(root);
  }

  // ---- event source mapping: batches pulled over a poll wire ---------------
  void poll(Simulation& sim, uint32_t index) {
    Poller& p = pollers_[index];
    p.waiting = false;
    if (ready(sim, p) && !dispatch(sim, index)) return;
    if (p.receiving || p.running >= p.max_batches) return;
    p.receiving = true;
    const uint32_t want = std::min<uint32_t>(p.receive_max, p.batch - static_cast<uint32_t>(p.buffer.size()));
    const ReqHandle root = sim.begin_root(id(), RequestKind::Read, 64, 0);
    sim.call(p.conn, root, RequestKind::Read, 64, 0, std::max<uint32_t>(1, want));
  }

  bool ready(const Simulation& sim, const Poller& p) const {
    if (p.buffer.empty()) return false;
    return p.buffer.size() >= p.batch || p.window == 0 || sim.now() - p.since >= p.window;
  }

  void received(Simulation& sim, uint32_t index, ReqHandle root, Outcome o) {
    Poller& p = pollers_[index];
    sim.finish_root(root);
    p.receiving = false;
    const Reply* reply = sim.reply();
    const size_t got = o == Outcome::Ok && reply ? reply->items.size() : 0;
    if (got) {
      NodeMetrics& m = sim.metrics(id());
      for (const ReplyItem& it : reply->items) m.record(polled_age_, sim.age(it.item));
      if (p.buffer.empty()) p.since = sim.now();
      p.buffer.insert(p.buffer.end(), reply->items.begin(), reply->items.end());
    }
    if (ready(sim, p)) {
      if (dispatch(sim, index)) poll(sim, index);
      return;
    }
    if (got) return poll(sim, index);  // more may be waiting: fill the batch
    // Empty: ask again in a second (or when the source says: a Kinesis shard pushes to an
    // enhanced fan-out consumer), or when the batching window closes.
    SimTime at = sim.now() + kEmptyPollWait;
    if (o == Outcome::Ok && reply && reply->ask_again_at != kNever) at = std::max(sim.now(), reply->ask_again_at);
    if (!p.buffer.empty()) at = std::min(at, p.since + p.window);
    wait(sim, index, at);
  }

  void wait(Simulation& sim, uint32_t index, SimTime at) {
    pollers_[index].waiting = true;
    sim.schedule_timer(id(), at, kPoll, index);
  }

  // Invoke the function with the buffered batch; false when throttled (the mapping backs off).
  bool dispatch(Simulation& sim, uint32_t index) {
    Poller& p = pollers_[index];
    if (p.running >= p.max_batches) return false;
    const Refused why = admit(sim);
    if (why != Refused::None) {
      throttled(sim, why);
      wait(sim, index, sim.now() + kThrottleBackoffMin);
      return false;
    }
    Lineage merged;
    std::vector<uint64_t> receipts;
    receipts.reserve(p.buffer.size());
    for (const ReplyItem& it : p.buffer) {
      merged.merge(it.item);
      receipts.push_back(it.ref);
    }
    ++st_.batches;
    st_.messages += p.buffer.size();
    p.buffer.clear();
    ++p.running;
    Inv& v = begin(sim, Source::Batch);
    v.poller = index;
    v.receipts = std::move(receipts);
    v.h = sim.begin_root(id(), merged, RequestKind::Write);
    launch(sim, v);
    return true;
  }

  // ---- environments and throttles ------------------------------------------
  void reclaim(Simulation& sim) {
    while (!idle_.empty() && idle_.front() + s_.idle_reclaim <= sim.now()) {
      idle_.pop_front();
      --environments_;
      ++st_.reclaimed;
    }
    reclaim_wake_.set(sim, id(), idle_.empty() ? kNever : idle_.front() + s_.idle_reclaim, kReclaim);
  }

  void throttled(Simulation& sim, Refused why) {
    ++st_.throttles;
    ++throttles_this_second_;
    sim.metrics(id()).add(throttles_);
    if (!throttling_) log_throttling(sim, why);
  }

  [[gnu::noinline]] void log_throttling(Simulation& sim, Refused why) {
    throttling_ = true;
    const std::string& name = sim.info(id()).name;
    const std::string run = std::to_string(running_);
    switch (why) {
      case Refused::Reserved:
        sim.log(id(), LogKind::ThrottlingBegan,
                name + " is throttled (429): all " + std::to_string(s_.reserved) + " of its reserved concurrency is in use",
                doc::with_topic(name) + " 스로틀링됩니다(429). 예약된 동시성 " + std::to_string(s_.reserved) + "개를 모두 쓰고 있습니다")
            .because("reserved_concurrency")
            .field("concurrency", static_cast<double>(running_))
            .field("limit", static_cast<double>(s_.reserved));
        break;
      case Refused::Concurrency: {
        const PoolState& ps = sim.pools().state(account_);
        sim.log(id(), LogKind::ThrottlingBegan,
                name + " is throttled (429): the Region's " + std::to_string(ps.spec.limit) +
                    " concurrent executions are all in use by its functions (" + run + " of them this one's)",
                doc::with_topic(name) + " 스로틀링됩니다(429). 이 리전의 동시 실행 " + std::to_string(ps.spec.limit) +
                    "개를 함수들이 모두 쓰고 있습니다(이 함수가 " + run + "개)")
            .because("concurrency_limit")
            .field("concurrency", static_cast<double>(running_))
            .field("limit", static_cast<double>(ps.spec.limit));
        break;
      }
      case Refused::ScalingRate:
      case Refused::None:
        sim.log(id(), LogKind::ThrottlingBegan,
                name + " is throttled (429): it may add only 1,000 execution environments per 10 s, and " + run +
                    " are running",
                doc::with_topic(name) + " 스로틀링됩니다(429). 함수마다 10초에 실행 환경을 1,000개까지만 더 만들 수 있는데, 지금 " + run +
                    "개가 실행 중입니다")
            .because("scaling_rate")
            .field("concurrency", static_cast<double>(running_));
        break;
    }
  }

  void refresh(Simulation& sim) {
    NodeMetrics& m = sim.metrics(id());
    m.set(concurrency_, static_cast<double>(running_));
    m.set(warm_, static_cast<double>(idle_.size()) + static_cast<double>(provisioned_idle_));
    m.set(async_waiting_, static_cast<double>(events_.held()));
  }

  Settings s_;
  LeaseStore events_;  // the asynchronous invocations waiting (retention: the maximum event age)
  std::map<uint64_t, uint32_t> retried_;  // item id -> attempts made, while it waits for its retry
  PoolId account_, scaling_;
  std::vector<ConnId> downstream_;
  ConnId destination_;
  std::vector<Poller> pollers_;
  std::vector<Inv> invs_;
  std::vector<uint32_t> free_;
  std::deque<SimTime> idle_;  // warm environments' last use, oldest first
  int64_t provisioned_idle_ = 0;
  size_t environments_ = 0;
  int64_t running_ = 0;
  SimTime async_backoff_ = 0, async_backoff_until_ = 0;
  WakeUp async_wake_, reclaim_wake_;
  bool throttling_ = false;
  uint64_t throttles_this_second_ = 0, dropped_seen_ = 0;
  LambdaStats st_;
  CounterId invocations_, cold_starts_, throttles_, errors_, async_dropped_;
  GaugeId concurrency_, warm_, async_waiting_;
  LatencyMetricId duration_, polled_age_;
};

// ---- Descriptor ----------------------------------------------------------------

using catalog::ParamSpec;
using catalog::ParamType;
using doc::Issue;

std::vector<Issue> validate_params(const json& p) {
  std::vector<Issue> out;
  const double reserved = catalog::param_number(p, "reserved_concurrency");
  const double provisioned = catalog::param_number(p, "provisioned_concurrency");
  const double account = catalog::param_number(p, "account_concurrency");
  const auto n = [](double v) { return std::to_string(static_cast<long long>(v)); };
  if (reserved >= 0 && reserved > account - kUnreservedMin)
    out.push_back({"reserved_concurrency",
                   "reserved concurrency " + n(reserved) + " leaves fewer than 100 of the Region's " + n(account) +
                       " concurrent executions unreserved: Lambda keeps at least 100 for the functions without a reservation.",
                   "예약된 동시성 " + n(reserved) + "개를 빼면 이 리전의 동시 실행 " + n(account) +
                       "개 가운데 예약되지 않은 몫이 100개보다 적습니다. Lambda는 예약이 없는 함수들을 위해 100개 이상을 남겨 둡니다."});
  if (reserved >= 0 && provisioned > reserved)
    out.push_back({"provisioned_concurrency",
                   "provisioned concurrency " + n(provisioned) + " is more than the function's reserved concurrency " + n(reserved) +
                       ": provisioned environments count against the reservation.",
                   "프로비저닝된 동시성 " + n(provisioned) + "개가 예약된 동시성 " + n(reserved) +
                       "개보다 많습니다. 프로비저닝된 실행 환경도 예약된 동시성 안에서 셉니다."});
  else if (provisioned > account - kUnreservedMin)
    out.push_back({"provisioned_concurrency",
                   "provisioned concurrency " + n(provisioned) + " leaves fewer than 100 of the Region's " + n(account) +
                       " concurrent executions for other functions.",
                   "프로비저닝된 동시성 " + n(provisioned) + "개를 빼면 이 리전의 동시 실행 " + n(account) +
                       "개 가운데 다른 함수에 남는 몫이 100개보다 적습니다."});
  return out;
}

// Across the document: one account concurrency per Region; reservations that fit; the
// on-failure destination is a node the function has a wire to.
std::vector<Issue> validate_document(const doc::Document& d) {
  std::vector<Issue> out;
  const catalog::ServiceDescriptor& self = lambda_descriptor();
  std::map<std::string, std::pair<double, size_t>> account;  // Region -> (limit, first node index)
  std::map<std::string, double> reserved;
  for (size_t i = 0; i < d.nodes.size(); ++i) {
    const doc::NodeDoc& n = d.nodes[i];
    if (n.type != self.type) continue;
    const json p = catalog::with_defaults(self, n.params);
    const std::string path = "nodes[" + std::to_string(i) + "].params.";
    const double a = catalog::param_number(p, "account_concurrency");
    auto [it, first] = account.try_emplace(n.region, a, i);
    if (!first && it->second.first != a) {
      const std::string other = d.nodes[it->second.second].id;
      out.push_back({path + "account_concurrency",
                     "account concurrency " + std::to_string(static_cast<long long>(a)) + " differs from " + other + "'s " +
                         std::to_string(static_cast<long long>(it->second.first)) +
                         ": it is one limit of the account in Region " + n.region + ", shared by all its functions.",
                     "계정 동시성 " + std::to_string(static_cast<long long>(a)) + "개가 " + other + "의 " +
                         std::to_string(static_cast<long long>(it->second.first)) + "개와 다릅니다. 이 값은 리전 " + n.region +
                         "에서 계정의 모든 함수가 함께 쓰는 한도 하나입니다."});
    }
    const double r = catalog::param_number(p, "reserved_concurrency");
    // One function over the limit is its own param's issue (validate_params); here: several together.
    if (r > 0 && (reserved[n.region] += r) > a - kUnreservedMin && r <= a - kUnreservedMin)
      out.push_back({path + "reserved_concurrency",
                     "the functions of Region " + n.region + " reserve " + std::to_string(static_cast<long long>(reserved[n.region])) +
                         " concurrent executions together, which leaves fewer than 100 of " +
                         std::to_string(static_cast<long long>(a)) + " unreserved.",
                     "리전 " + n.region + "의 함수들이 예약한 동시성이 모두 " +
                         std::to_string(static_cast<long long>(reserved[n.region])) + "개라서 " +
                         std::to_string(static_cast<long long>(a)) + "개 가운데 예약되지 않은 몫이 100개보다 적습니다."});
    const std::string dest = catalog::param_string(p, "on_failure_destination");
    if (dest.empty()) continue;
    bool wired = false;
    for (const auto& c : d.connections) wired = wired || (c.from == n.id && c.to == dest);
    if (!wired)
      out.push_back({path + "on_failure_destination",
                     "the on-failure destination \"" + dest + "\" needs a wire from " + n.id + " to it (draw one to the queue, "
                     "topic or function that should get the failed events).",
                     "실패 시 대상 \"" + dest + "\"에는 " + n.id + "에서 나가는 연결이 있어야 합니다. 실패한 이벤트를 받을 "
                     "대기열, 주제 또는 함수로 연결을 그리세요."});
  }
  return out;
}

catalog::ServiceDescriptor make_descriptor() {
  catalog::ServiceDescriptor d;
  d.type = "lambda";
  d.category = catalog::Category::Serverless;
  d.name = {"Lambda function", "Lambda 함수"};
  d.summary = {
      "Runs your code on demand in execution environments it creates as requests come (a cold start) and reuses "
      "while they are warm. Invoked synchronously (the caller waits), asynchronously (accepted at once, retried), or "
      "by an event source mapping that polls a queue in batches. Each running invocation takes one unit of the "
      "Region's concurrency; beyond it requests are throttled (429).",
      "요청이 오면 실행 환경을 만들어(콜드 스타트) 코드를 실행하고, 환경이 따뜻한 동안 다시 씁니다. 동기식으로(호출한 쪽이 "
      "기다림), 비동기식으로(바로 접수하고 실패하면 재시도), 또는 대기열을 배치 단위로 폴링하는 이벤트 소스 매핑으로 "
      "호출됩니다. 실행 중인 호출마다 리전의 동시성을 하나씩 쓰며, 한도를 넘으면 스로틀링됩니다(429)."};
  d.simplifications = {
      "CPU is proportional to memory: the handler's duration is its work at one full vCPU (1,769 MB) times "
      "1,769 / memory below that, and no faster above it (a single-threaded handler). Init time = the runtime's "
      "hello-world cold start + 12 ms per unzipped MB of package + your own init code, the same at every memory size; "
      "past 10 s the init fails. Warm environments are reused newest first and reclaimed after a fixed idle time "
      "(AWS does not publish it); after a timeout the environment is discarded. The handler works, then calls its "
      "outgoing wires in order; a downstream error is an unhandled function error. Account concurrency is one pool "
      "per Region shared by every function there; a reserved concurrency is taken out of it for the whole run, and at "
      "least 100 stay unreserved. Provisioned environments are warm from the start, never reclaimed, and not billed "
      "apart. Asynchronous events wait in the function's own queue: throttled ones are requeued with a backoff of "
      "1 s doubling to 5 min, function errors are retried after 1 min and 2 min, and an event that fails its last "
      "retry goes to the on-failure destination (or is dropped and counted); events older than the maximum event age "
      "(counted from when the event was last queued) are dropped and counted (AWS counts from the first time and "
      "would also send those to the destination). An event source mapping runs a fixed "
      "number of concurrent batches, asks again 1 s after an empty receive, deletes a batch's messages when the "
      "invocation succeeds and leaves them to come back after their visibility timeout when it fails. Cost: requests "
      "and GB-seconds (x86, 1 ms billing), without the free tier.",
      "CPU는 메모리에 비례합니다. 핸들러의 실행 시간은 vCPU 하나(1,769MB)에서의 작업 시간에, 그보다 적은 메모리에서는 "
      "1,769 / 메모리를 곱한 값이며, 그보다 많아도 더 빨라지지 않습니다(단일 스레드 핸들러). 초기화 시간은 런타임의 "
      "hello-world 콜드 스타트에 압축 해제한 패키지 1MB당 12밀리초와 직접 작성한 초기화 코드 시간을 더한 값이고, 메모리 "
      "크기와 상관없습니다. 10초를 넘으면 초기화가 실패합니다. 웜 실행 환경은 가장 최근에 쓴 것부터 다시 쓰고, 정해진 유휴 "
      "시간이 지나면 회수합니다(AWS는 이 시간을 공개하지 않습니다). 제한 시간을 넘긴 실행 환경은 버립니다. 핸들러는 작업을 "
      "마친 뒤 나가는 연결을 순서대로 호출하며, 다운스트림 오류는 처리되지 않은 함수 오류로 봅니다. 계정 동시성은 리전마다 "
      "그 리전의 모든 함수가 함께 쓰는 풀 하나이고, 예약된 동시성은 실행 내내 그 풀에서 떼어 두며, 예약되지 않은 몫이 100개 "
      "이상 남아야 합니다. 프로비저닝된 실행 환경은 처음부터 따뜻하고 회수되지 않으며 요금을 따로 매기지 않습니다. 비동기 "
      "이벤트는 함수의 내부 대기열에서 기다립니다. 스로틀링된 이벤트는 1초부터 두 배씩 최대 5분까지 늘어나는 백오프 뒤에 다시 "
      "시도하고, 함수 오류는 1분, 2분 뒤에 재시도하며, 마지막 재시도까지 실패한 이벤트는 실패 시 대상으로 보내거나 버리고 "
      "셉니다. 최대 이벤트 사용 기간(마지막으로 대기열에 넣은 때부터)을 넘긴 이벤트는 버리고 셉니다(AWS는 처음 넣은 때부터 세고, 이것도 대상으로 보냅니다). 이벤트 소스 매핑은 정해진 "
      "수의 배치를 동시에 처리하고, 빈 응답을 받으면 1초 뒤에 다시 요청하며, 호출이 성공하면 배치의 메시지를 삭제하고 실패하면 "
      "표시 제한 시간이 지나 다시 나타나도록 둡니다. 비용은 요청 수와 GB-초(x86, 1밀리초 단위 과금)이며 프리 티어는 빼고 "
      "계산합니다."};
  d.placement = PlacementKind::Region;
  std::vector<std::string> runtimes;
  for (const Runtime& r : kRuntimes) runtimes.push_back(r.key);
  d.params = {
      ParamSpec{"memory_mb", ParamType::Int, {"Memory", "메모리"},
                {"Memory of each execution environment, 128 to 10,240 MB. CPU is proportional: below 1,769 MB (one vCPU) "
                 "the handler runs slower in proportion, and each GB-second is billed.",
                 "실행 환경 하나의 메모리로 128~10,240MB입니다. CPU가 메모리에 비례하므로 1,769MB(vCPU 하나)보다 적으면 그만큼 "
                 "핸들러가 느려지고, GB-초 단위로 요금이 붙습니다."},
                "MB", kMinMemoryMb, kMaxMemoryMb, 128, {}, "Lambda / Memory"},
      ParamSpec{"timeout_s", ParamType::Int, {"Timeout", "제한 시간"},
                {"An invocation still running after this long is stopped and fails. At most 900 s (15 minutes): "
                 "longer work belongs in a container or a Step Functions workflow.",
                 "이 시간이 지나도 끝나지 않은 호출은 중단되고 실패합니다. 최대 900초(15분)이며, 더 오래 걸리는 작업은 컨테이너나 "
                 "Step Functions 워크플로로 옮기세요."},
                "s", 1, kMaxTimeoutS, 3, {}, "Lambda / Timeout"},
      ParamSpec{"duration", ParamType::Distribution, {"Work per invocation", "호출당 작업 시간"},
                {"How long the handler's own work takes at one full vCPU (1,769 MB or more), before it calls its "
                 "outgoing wires.",
                 "vCPU 하나(1,769MB 이상)에서 핸들러 자체 작업에 걸리는 시간이며, 나가는 연결을 호출하기 전까지입니다."},
                "ms", 0, 900000, json{{"kind", "lognormal"}, {"median_ms", 20}, {"sigma", 0.4}}, {}, ""},
      ParamSpec{"runtime", ParamType::Enum, {"Runtime", "런타임"},
                {"The language runtime: its cold start is about 16 ms (Rust), 50 ms (Go), 83 ms (Python), 140 ms "
                 "(Node.js), 235-250 ms (Java, Ruby, .NET) for a hello-world package.",
                 "언어 런타임입니다. hello-world 패키지의 콜드 스타트는 Rust 약 16밀리초, Go 50밀리초, Python 83밀리초, Node.js "
                 "140밀리초, Java, Ruby, .NET 235~250밀리초입니다."},
                "", 0, 0, "nodejs", runtimes, "Lambda / Init by runtime"},
      ParamSpec{"package_mb", ParamType::Float, {"Package size (unzipped)", "패키지 크기(압축 해제)"},
                {"The deployment package with its layers, unzipped (at most 250 MB): each MB adds about 12 ms to a cold start.",
                 "계층을 포함해 압축을 푼 배포 패키지 크기입니다(최대 250MB). 1MB마다 콜드 스타트가 약 12밀리초 늘어납니다."},
                "MB", 0, kMaxPackageMb, 1, {}, "Lambda / Package"},
      ParamSpec{"init_code_ms", ParamType::Int, {"Your init code", "초기화 코드 시간"},
                {"Time your code spends outside the handler in a new environment (SDK clients, connections, loading a "
                 "model). The init phase may take at most 10 s.",
                 "새 실행 환경에서 핸들러 밖의 코드가 쓰는 시간입니다(SDK 클라이언트, 연결, 모델 불러오기). 초기화 단계는 "
                 "최대 10초입니다."},
                "ms", 0, 60000, 0, {}, "Lambda / Init by runtime"},
      ParamSpec{"reserved_concurrency", ParamType::Int, {"Reserved concurrency", "예약된 동시성"},
                {"-1: none, the function shares the Region's unreserved concurrency. Otherwise its own share: at most this "
                 "many run at once (0 stops it), and the others cannot take it.",
                 "-1은 예약 없음으로, 리전의 예약되지 않은 동시성을 다른 함수와 함께 씁니다. 그 밖의 값은 이 함수만의 몫으로, "
                 "동시에 그만큼까지만 실행되고(0이면 멈춤) 다른 함수는 이 몫을 쓸 수 없습니다."},
                "", -1, 100000, -1, {}, "Lambda / Concurrency"},
      ParamSpec{"provisioned_concurrency", ParamType::Int, {"Provisioned concurrency", "프로비저닝된 동시성"},
                {"Execution environments initialized before the first request and kept warm: no cold start on them.",
                 "첫 요청 전에 초기화해 계속 따뜻하게 유지하는 실행 환경 수입니다. 이 환경에서는 콜드 스타트가 없습니다."},
                "", 0, 100000, 0, {}, ""},
      ParamSpec{"account_concurrency", ParamType::Int, {"Account concurrency (Region)", "계정 동시성(리전)"},
                {"Concurrent executions of all the account's functions in this Region together (1,000 by default; new "
                 "accounts may have less). Every function of the Region must say the same.",
                 "이 리전에서 계정의 모든 함수가 함께 쓰는 동시 실행 수입니다(기본 1,000개, 새 계정은 더 적을 수 있음). 같은 "
                 "리전의 함수는 모두 같은 값이어야 합니다."},
                "", 1, 1000000, kAccountConcurrency, {}, "Lambda / Concurrency"},
      ParamSpec{"idle_reclaim_s", ParamType::Int, {"Idle environment kept", "유휴 실행 환경 유지 시간"},
                {"How long a warm environment waits for the next request before it is reclaimed (AWS does not publish "
                 "this; minutes in practice).",
                 "웜 실행 환경이 다음 요청을 기다리다가 회수되기까지의 시간입니다(AWS가 공개하지 않는 값이며 보통 몇 분)."},
                "s", 1, 7200, 300, {}, ""},
      ParamSpec{"maximum_retry_attempts", ParamType::Int, {"Async retries", "비동기 재시도 횟수"},
                {"Retries of an asynchronous event after a function error (0 to 2): after 1 minute, then 2 minutes.",
                 "비동기 이벤트가 함수 오류로 실패했을 때의 재시도 횟수(0~2)입니다. 1분 뒤, 다시 2분 뒤에 재시도합니다."},
                "", 0, 2, 2, {}, "Lambda / Async retries"},
      ParamSpec{"maximum_event_age_s", ParamType::Int, {"Maximum event age", "최대 이벤트 사용 기간"},
                {"An asynchronous event still waiting (throttled, or between retries) after this long is dropped.",
                 "이 시간이 지나도록 기다리는(스로틀링되었거나 재시도 사이의) 비동기 이벤트는 버립니다."},
                "s", 60, kMaxEventAgeS, kMaxEventAgeS, {}, "Lambda / Async retries"},
      ParamSpec{"on_failure_destination", ParamType::String, {"On-failure destination", "실패 시 대상"},
                {"The id of a node (a queue, a topic, a function) that gets asynchronous events that failed all their "
                 "retries; draw a wire to it. Empty: such events are dropped and counted.",
                 "모든 재시도에 실패한 비동기 이벤트를 받을 노드(대기열, 주제, 함수)의 ID입니다. 그 노드로 연결을 그리세요. "
                 "비워 두면 그런 이벤트는 버리고 셉니다."},
                "", 0, 0, "", {}, "Lambda / Async retries"},
  };
  d.validate = validate_params;
  d.validate_document = validate_document;
  d.rename_node_refs = [](json& params, const std::map<std::string, std::string>& renamed) {
    auto it = params.find("on_failure_destination");
    if (it == params.end() || !it->is_string()) return;
    auto r = renamed.find(it->get<std::string>());
    if (r != renamed.end()) *it = r->second;
  };
  d.makes_calls = true;
  d.accepts_incoming = true;
  // Calls out as any service does (source_roles empty: calls with the connection's params).
  d.target_roles = {
      catalog::RoleSpec{WireRole::Call, {}, {}, nullptr},
      catalog::RoleSpec{WireRole::Event, {}, {}, nullptr},
      catalog::RoleSpec{
          WireRole::Poll,
          {ParamSpec{"batch_size", ParamType::Int, {"Batch size", "배치 크기"},
                     {"Messages or records per invocation, at most (from an SQS queue, up to 10 without a batching window).",
                      "호출 한 번에 넘기는 최대 메시지·레코드 수입니다(SQS 대기열에서는 배치 기간이 없으면 최대 10개)."},
                     "messages", 1, 10000, 10, {}, "SQS / Batch"},
           ParamSpec{"maximum_batching_window_s", ParamType::Int, {"Batching window", "배치 기간"},
                     {"How long the mapping gathers messages before it invokes with a batch smaller than the batch size.",
                      "배치 크기보다 적은 메시지로 호출하기 전에 메시지를 모으는 최대 시간입니다."},
                     "s", 0, 300, 0, {}, ""},
           ParamSpec{"maximum_concurrency", ParamType::Int, {"Concurrent batches", "동시 배치 수"},
                     {"Batches this mapping runs at once (each takes one of the function's concurrent executions).",
                      "이 매핑이 동시에 처리하는 배치 수입니다(배치마다 함수의 동시 실행을 하나씩 씁니다)."},
                     "", 1, 1000, 5, {}, ""}},
          {},
          nullptr},  // SQS adds its rule on batch size and window (sqs.cpp); a stream has none
  };
  using K = MetricKind;
  using catalog::MetricCard;
  d.icon = catalog::Icon::Lambda;
  d.lint_rules = catalog::lint_rules_from("lambda", {"lambda-reserved-zero", "lambda-async-without-destination", "lambda-visibility-under-six-timeouts"}, lambda_lint);
  d.metrics = {
      {{"invocations", K::Counter}, {"Invocations", "호출"}, {"invocations", "회"},
       {"Invocations started: sync requests, asynchronous events and batches.", "시작한 호출 수입니다(동기 요청, 비동기 이벤트, 배치)."},
       MetricCard::None, {}},
      {{"concurrency", K::Gauge, MetricStat::Max}, {"Concurrent executions", "동시 실행"}, {"executions", "개"},
       {"Invocations running now: each holds one unit of concurrency.", "지금 실행 중인 호출 수이며, 호출마다 동시성을 하나씩 씁니다."},
       MetricCard::None, {}},
      {{"cold_starts", K::Counter}, {"Cold starts", "콜드 스타트"}, {"starts", "회"},
       {"Invocations that had to create and initialize a new execution environment first.",
        "새 실행 환경을 만들고 초기화한 뒤에야 실행된 호출 수입니다."},
       MetricCard::None, {}},
      {{"throttles", K::Counter}, {"Throttles", "스로틀링"}, {"requests", "건"},
       {"Invocations refused for concurrency or the scaling rate (429), including requeued asynchronous events and "
        "mapping batches.",
        "동시성이나 확장 속도 한도 때문에 거절된 호출 수입니다(429). 다시 대기열에 넣은 비동기 이벤트와 매핑 배치도 셉니다."},
       MetricCard::None, {}},
      {{"function_errors", K::Counter}, {"Function errors", "함수 오류"}, {"invocations", "회"},
       {"Invocations that failed: a timeout, a failed init or a downstream error.", "실패한 호출 수입니다(제한 시간 초과, 초기화 실패, 다운스트림 오류)."},
       MetricCard::None, {}},
      {{"duration", K::Latency}, {"Duration", "실행 시간"}, {"ms", "밀리초"},
       {"The handler's run time, as billed (init not included).", "과금되는 핸들러 실행 시간입니다(초기화는 빠짐)."},
       MetricCard::None, {}},
      {{"polled_age", K::Latency}, {"Age of polled records", "가져온 레코드의 나이"}, {"ms", "밀리초"},
       {"For a function that polls a queue or stream: how old each message or record was when the mapping got it, "
        "from the producer's send (for a stream, like Lambda's IteratorAge). A standard Kinesis consumer gets records "
        "200 ms × the stream's standard consumers after they were written, an enhanced fan-out one about 70 ms after.",
        "대기열이나 스트림을 폴링하는 함수에서, 매핑이 가져온 메시지나 레코드가 생산자가 보낸 뒤 얼마나 지났는지입니다"
        "(스트림이면 Lambda의 \"IteratorAge\"와 비슷합니다). Kinesis 표준 소비자는 레코드를 쓴 뒤 200밀리초 × 표준 소비자 "
        "수가 지나서, 향상된 팬아웃 소비자는 약 70밀리초 뒤에 받습니다."},
       MetricCard::None, {}},
      {{"warm_environments", K::Gauge, MetricStat::Last}, {"Warm idle environments", "대기 중인 웜 실행 환경"}, {"environments", "개"},
       {"Initialized environments waiting for a request: the next ones start without a cold start.",
        "요청을 기다리는 초기화된 실행 환경 수입니다. 다음 호출은 콜드 스타트 없이 시작합니다."},
       MetricCard::None, {}},
      {{"async_events_waiting", K::Gauge, MetricStat::Max}, {"Async events waiting", "대기 중인 비동기 이벤트"}, {"events", "개"},
       {"Asynchronous events accepted and not yet done: waiting, running or between retries.",
        "접수했지만 아직 끝나지 않은 비동기 이벤트 수입니다(대기, 실행 중, 재시도 사이)."},
       MetricCard::Waiting, {}},
      {{"async_dropped", K::Counter}, {"Async events dropped", "버린 비동기 이벤트"}, {"events", "개"},
       {"Asynchronous events lost: too old, or failed every retry with no on-failure destination.",
        "잃어버린 비동기 이벤트 수입니다(사용 기간 초과, 또는 실패 시 대상 없이 모든 재시도 실패)."},
       MetricCard::None, {}},
  };
  // Live during a run: what the Lambda console's monitoring tab leads with.
  using Live = catalog::MetricLive;
  catalog::show_live(d, "concurrency", Live::Value, {"concurrency", "동시성"});
  catalog::show_live(d, "invocations", Live::Rate, {"invocations", "호출"});
  catalog::show_live(d, "cold_starts", Live::Value, {"cold starts", "콜드 스타트"});
  catalog::show_live(d, "throttles", Live::Value, {"throttles", "스로틀링"});
  catalog::show_live(d, "function_errors", Live::Value, {"errors", "오류"});
  catalog::show_live(d, "warm_environments", Live::Value, {"warm", "웜 환경"});
  d.create = [](const catalog::BuildContext& ctx) -> std::unique_ptr<Model> {
    const json& p = ctx.params;
    Settings s;
    s.memory_mb = catalog::param_number(p, "memory_mb");
    s.timeout = from_seconds(catalog::param_number(p, "timeout_s"));
    std::vector<Issue> errors;
    if (auto dist = doc::parse_distribution(p["duration"], "duration", errors)) s.work = *dist;
    s.slowdown = std::max(1.0, kFullCpuMb / s.memory_mb);
    s.init = from_seconds((runtime_init_ms(catalog::param_string(p, "runtime")) +
                           kInitMsPerPackageMb * catalog::param_number(p, "package_mb") +
                           catalog::param_number(p, "init_code_ms")) / 1000.0);
    s.reserved = static_cast<int64_t>(catalog::param_number(p, "reserved_concurrency"));
    s.provisioned = static_cast<int64_t>(catalog::param_number(p, "provisioned_concurrency"));
    s.account = static_cast<int64_t>(catalog::param_number(p, "account_concurrency"));
    s.idle_reclaim = from_seconds(catalog::param_number(p, "idle_reclaim_s"));
    s.max_retries = static_cast<uint32_t>(catalog::param_number(p, "maximum_retry_attempts"));
    s.max_event_age = from_seconds(catalog::param_number(p, "maximum_event_age_s"));
    s.destination = catalog::param_string(p, "on_failure_destination");
    return std::make_unique<Lambda>(std::move(s));
  };
  return d;
}

}  // namespace

std::optional<LambdaStats> lambda_stats(const sim::Model& m) {
  const auto* l = dynamic_cast<const Lambda*>(&m);
  if (!l) return std::nullopt;
  return l->stats();
}


void lambda_lint(const doc::Document& d, std::vector<catalog::Finding>& out) {
  const catalog::ServiceDescriptor& self = lambda_descriptor();
  for (const doc::NodeDoc& n : d.nodes) {
    if (n.type != self.type) continue;
    const json p = catalog::with_defaults(self, n.params.is_object() ? n.params : json::object());
    if (catalog::param_number(p, "reserved_concurrency") == 0)
      out.push_back({"lambda-reserved-zero", catalog::Severity::Warning,
                     "Function " + n.id + " has a reserved concurrency of 0: every invocation is throttled (429). "
                     "AWS uses 0 to stop a function on purpose; set -1 to share the Region's pool, or a number to reserve.",
                     "함수 " + doc::with_topic(n.id) + " 예약된 동시성이 0이라서 모든 호출이 스로틀링됩니다(429). 0은 함수를 일부러 "
                     "멈출 때 쓰는 값입니다. 리전의 풀을 함께 쓰려면 -1을, 몫을 떼어 두려면 숫자를 넣으세요.",
                     {n.id}, "Lambda / Concurrency"});
    // Invoked asynchronously (an event wire, or an async call) without an on-failure destination.
    bool async_in = false;
    for (const auto& c : d.connections)
      if (c.to == n.id && (c.role == "event" || (c.role == "call" && c.params.is_object() && c.params.value("mode", "") == "async")))
        async_in = true;
    if (async_in && catalog::param_string(p, "on_failure_destination").empty())
      out.push_back({"lambda-async-without-destination", catalog::Severity::Info,
                     "Function " + n.id + " is invoked asynchronously but has no on-failure destination: an event that "
                     "fails all its retries, or waits longer than its maximum event age, is lost. Send them to a queue.",
                     "함수 " + doc::with_topic(n.id) + " 비동기식으로 호출되는데 실패 시 대상이 없습니다. 모든 재시도에 실패했거나 "
                     "최대 이벤트 사용 기간보다 오래 기다린 이벤트는 사라집니다. 대기열로 보내도록 설정하세요.",
                     {n.id}, "Lambda / Async retries"});
    // A queue polled by the function: AWS advises a visibility timeout of at least six times the
    // function's timeout (⚠ not in AWS-FACTS), or messages come back while a batch still runs.
    const double timeout = catalog::param_number(p, "timeout_s");
    for (const auto& c : d.connections) {
      if (c.to != n.id || c.role != "poll") continue;
      double vis = -1;
      if (c.params.is_object() && c.params.contains("visibility_timeout_s") && c.params["visibility_timeout_s"].is_number())
        vis = c.params["visibility_timeout_s"].get<double>();
      else if (const doc::NodeDoc* q = d.find_node(c.from))
        if (q->params.is_object() && q->params.contains("visibility_timeout_s") && q->params["visibility_timeout_s"].is_number())
          vis = q->params["visibility_timeout_s"].get<double>();
      if (vis < 0 || vis >= 6 * timeout) continue;
      const std::string v = std::to_string(static_cast<long long>(vis)), t = std::to_string(static_cast<long long>(timeout));
      out.push_back({"lambda-visibility-under-six-timeouts", catalog::Severity::Warning,
                     "Queue " + c.from + " hides a received message for " + v + " s, but function " + n.id +
                         " may run for " + t + " s: a batch still running (or retried after a throttle) comes back "
                         "visible and is processed twice. Make the visibility timeout at least six times the function's timeout.",
                     "대기열 " + c.from + "의 표시 제한 시간은 " + v + "초인데 함수 " + n.id + "의 실행은 " + t +
                         "초까지 걸릴 수 있습니다. 아직 처리 중인(또는 스로틀링 뒤 재시도하는) 배치가 다시 보이게 되어 두 번 "
                         "처리됩니다. 표시 제한 시간을 함수 제한 시간의 6배 이상으로 하세요.",
                     {c.id, c.from, n.id}, "Lambda / Timeout"});
    }
  }
}

const catalog::ServiceDescriptor& lambda_descriptor() {
  static const catalog::ServiceDescriptor d = make_descriptor();
  return d;
}

}  // namespace cp::services
