// Simulation: the discrete-event kernel. One instance is one run.
//
//   Simulation sim(seed);
//   auto r = sim.topology().add_region("us-east-1", 38.9, -77.0); ...
//   NodeId a = sim.add_node(std::make_unique<MyModel>(...), {"web", "compute", placement});
//   ConnId c = sim.add_connection(a, b, CallPolicy{});
//   sim.start();
//   while (!done) sim.advance(until, /*max_events=*/50000);   // a UI frame
//   sim.run_until(end);                                       // the CLI
//
// Determinism: events run in (time, seq) order, seq being the scheduling
// order; all randomness comes from rng(); nothing iterates a hash container.
// So a run is a pure function of (document, seed) — natively and in wasm —
// and trace_hash() (over every processed event's time, kind and target)
// proves it.
#pragma once
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/sim/attributes.h"
#include "core/sim/event_queue.h"
#include "core/sim/metrics.h"
#include "core/sim/model.h"
#include "core/sim/request.h"
#include "core/sim/rng.h"
#include "core/sim/shared_pool.h"
#include "core/sim/topology.h"
#include "core/sim/wire.h"

// Cold paths (faults, logging, the per-second tick) stay out of line: inlined
// into the event loop, their strings' destructors would give the loop landing
// pads, and with Emscripten's JS exceptions every model call made from a
// function with landing pads goes through a slow JS `invoke_*` trampoline.
// (wasm-opt may still inline a single-caller one after that; harmless, as the
// exception lowering to invoke_* has already happened per function.)
#define CP_COLD [[gnu::noinline, gnu::cold]]

namespace cp::sim {

// How a caller uses a connection: wait or not, for how long, how to retry.
struct CallPolicy {
  bool sync = true;          // false: fire-and-forget (the caller does not wait)
  SimTime timeout = 0;       // 0 = wait forever (sync only)
  uint16_t max_retries = 0;  // retries after a retryable failure
  SimTime backoff_base = 100 * kMillisecond;  // exponential backoff with full jitter:
  SimTime backoff_cap = 20 * kSecond;         //   delay = U(0, min(cap, base·2^attempt))
  double weight = 1.0;       // share of traffic when a caller splits among connections
  // Which of the caller's requests take this wire (the document's `requests`): an
  // application sends its writes to the primary database and its reads to a replica.
  enum class Carries : uint8_t { All, Reads, Writes } carries = Carries::All;
  bool takes(RequestKind k) const {
    return carries == Carries::All || (carries == Carries::Reads) == (k == RequestKind::Read);
  }
};

// If a call lands on a dead node, the caller learns it after this long when
// it set no timeout of its own (a TCP connect timeout).
inline constexpr SimTime kConnectTimeout = 10 * kSecond;

struct NodeInfo {
  std::string id;    // document id
  std::string name;  // display name
  std::string type;  // service type ("compute", "ec2", ...)
  Placement placement;
  Traits traits = 0;  // the service's (its descriptor's traits): ask has_trait(), not the type
  bool has(Trait t) const { return has_trait(traits, t); }
};

struct Connection {
  NodeId from, to;
  CallPolicy policy;
  SimTime extra_latency = 0;   // injected fault
  double error_rate = 0;       // injected fault: share of calls failed with ServerError
  SimTime base_latency = -1;   // one-way, before jitter; set at start unless an end is a Global (edge) node
  ConnMetrics metrics;
  // The caller's pending timeouts on this connection, earliest first (every call
  // gets the same timeout, so appending keeps them in order). Only the earliest
  // is in the event queue: most calls answer long before their timeout, and one
  // queued event per call made the queue ~100x larger than the work in flight.
  // Entries of calls that already ended are skipped when they come due.
  std::deque<std::pair<SimTime, uint64_t>> timeouts;  // (deadline, request handle)
  bool timeout_armed = false;
  // The document wire's role and its parameters (core/sim/wire.h). For a poll
  // wire, from is the consumer and to the source it pulls from: the way the calls go.
  WireRole role = WireRole::Call;
  WireParams role_params;
};

struct StepResult {
  uint64_t events = 0;         // events handled in this call
  bool reached_until = false;  // false: stopped at max_events, more remain before `until`
};

enum EventKind : uint16_t {
  kEvDeliver = 1,    // a request reaches its callee
  kEvResponse = 2,   // an answer reaches its caller
  kEvTimeout = 3,    // a connection's earliest pending call timeout is due (payload: connection)
  kEvRetry = 4,      // a retry is sent
  kEvTick = 5,       // one simulated second passed (metrics, on_second)
  kEvCommand = 6,    // a scheduled fault or command
  kEvReplied = 7,    // an answer with a payload (a Reply) reaches its caller
  kEvTimer = 16,     // model timers
};

inline constexpr uint32_t kKernelTarget = UINT32_MAX;

// Scheduled or live commands (faults). See Simulation::apply.
struct Command {
  enum class Kind : uint8_t { KillNode, ReviveNode, AzDown, AzUp, RegionDown, RegionUp, SetLatency, SetErrorRate, FailParts, NodeAction };
  Kind kind;
  uint32_t target = 0;  // node, AZ, Region or connection index
  double value = 0;     // latency in µs, error rate, how many parts are failed (0: none), or the node action's index
};

class Simulation;

// The whole state of a run at one moment, to return to it later (scrubbing
// back without replaying from the start). The per-second series and the event
// log are not copied: they only grow, so rewinding truncates them to the
// lengths recorded here (see Simulation::rewind_to).
struct Checkpoint {
  std::unique_ptr<Simulation> state;
  std::vector<size_t> node_series_len, conn_series_len;
  size_t log_len = 0;
  SimTime series_interval = 0;
  SimTime at = 0;
  size_t approx_bytes = 0;  // what keeping it costs, for the UI's budget
};

class Simulation {
public:
  explicit Simulation(uint64_t seed);
  ~Simulation();
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;

  // ---- building (before start) ----
  Topology& topology() { return topology_; }
  const Topology& topology() const { return topology_; }
  NodeId add_node(std::unique_ptr<Model> model, NodeInfo info);
  ConnId add_connection(NodeId from, NodeId to, CallPolicy policy, WireRole role = WireRole::Call,
                        WireParams role_params = {});
  void schedule_command(SimTime at, Command c);
  // The metrics node n's service declares (the engine builder passes its descriptor's).
  void declare_metrics(NodeId n, std::shared_ptr<const std::vector<MetricDef>> defs);
  void start();

  // ---- running ----
  // Handle events with time <= until, at most max_events of them; the clock
  // then stands at `until` if it was reached, else at the last event handled.
  StepResult advance(SimTime until, uint64_t max_events = UINT64_MAX);
  void run_until(SimTime end) { advance(end); }
  SimTime now() const { return now_; }
  SimTime next_event_time() const { return queue_.empty() ? kNever : queue_.top_time(); }
  bool started() const { return started_; }
  uint64_t events_processed() const { return events_processed_; }
  uint64_t trace_hash() const { return trace_hash_; }
  size_t pending_events() const { return queue_.live_size(); }    // cancelled timers not counted
  size_t cancelled_pending() const { return queue_.cancelled(); }  // cancelled, not yet dropped from the queue
  size_t requests_in_flight() const { return live_requests_; }

  // Checkpoints: take one at now(); rewind this run to an earlier one of its
  // own. rewind_to returns false (and changes nothing) when the checkpoint is
  // later than now() or the series were halved in between; replay instead.
  std::unique_ptr<Checkpoint> checkpoint() const;
  bool rewind_to(const Checkpoint& cp);

  // Live commands (the UI's right-click menu) take effect at now().
  CP_COLD void apply(const Command& c);

  // ---- for models ----
  Rng& rng() { return rng_; }
  void schedule_timer(NodeId self, SimTime at, uint16_t timer, uint64_t payload = 0) {
    push(at, self.v, kEvTimer, timer, payload);  // inline: one call less per timer (see event_queue.h)
  }
  // A timer that can be taken back: cancel_timer(token) before it fires and
  // on_timer never runs for it (nor is it counted or hashed as an event). A
  // token whose timer fired or was cancelled is stale: cancelling it does
  // nothing and returns false. Tokens are plain values, so a model that keeps
  // them stays copyable for checkpoints (the queue is copied with the run).
  TimerToken schedule_cancellable(NodeId self, SimTime at, uint16_t timer, uint64_t payload = 0) {
    if (queue_.full()) [[unlikely]] {
      drop_event_queue_full();
      return TimerToken{};
    }
    return queue_.push_cancellable(at < now_ ? now_ : at, self.v, kEvTimer, timer, payload);
  }
  bool cancel_timer(TimerToken t) { return queue_.cancel(t); }
  // A declared metric's handle, resolved once (in start) and used per event:
  //   credits_ = sim.gauge(id(), "cpu_credits");   ...   sim.metrics(id()).set(credits_, c);
  // A key the node's service does not declare with that kind is a model bug: it gets
  // a metric of its own (so nothing breaks) and is listed in undeclared_metrics(),
  // which the tests require to stay empty. Resolve before the first series point.
  GaugeId gauge(NodeId n, const std::string& key) { return GaugeId{resolve_metric(n, key, MetricKind::Gauge)}; }
  CounterId counter(NodeId n, const std::string& key) { return CounterId{resolve_metric(n, key, MetricKind::Counter)}; }
  LatencyMetricId latency_metric(NodeId n, const std::string& key) {
    const uint16_t i = resolve_metric(n, key, MetricKind::Latency);
    return LatencyMetricId{nodes_[n.v].metrics.slot[i]};
  }
  const std::vector<std::string>& undeclared_metrics() const { return undeclared_metrics_; }
  bool timer_pending(TimerToken t) const { return queue_.pending(t); }
  // Send a call along `conn` (from its `from` node) on behalf of `parent`.
  // The caller's on_response(parent, child, outcome) runs when it ends,
  // after the connection's retries. Returns the first attempt's handle.
  ReqHandle call(ConnId conn, ReqHandle parent, RequestKind kind, uint32_t size_bytes, uint64_t key = 0,
                 uint32_t tag = 0);
  // Answer a delivered request. Exactly once per request.
  void respond(ReqHandle h, Outcome outcome) {
    if (alive(h)) answer(h, outcome, kEvResponse);
  }
  // The same with a payload: a count and/or a batch of items, which the
  // caller's model reads with reply() in on_response. Copied (the kernel's
  // buffers keep their capacity); dropped if nobody waits for the answer
  // (asynchronous, abandoned after a timeout) or if it is retried.
  void respond(ReqHandle h, Outcome outcome, const Reply& reply);
  // During on_response: the payload of the answer being handled, or nullptr
  // when it carried none (a plain respond, a timeout, a failure on the wire).
  const Reply* reply() const { return replying_ ? &reply_in_hand_ : nullptr; }
  // A model may start a request chain itself (clients): a record with no
  // caller that it later passes as `parent` to call() and frees with
  // finish_root(). This one starts a new work item at `origin`, sent now.
  ReqHandle begin_root(NodeId origin, RequestKind kind, uint32_t size_bytes, uint64_t key);
  // This one continues an existing item (kept after an asynchronous hop, held
  // in a queue, taken from a batch): calls made from it inherit its id,
  // origin, first-sent time and hops, so age() goes on counting.
  ReqHandle begin_root(NodeId self, const Lineage& item, RequestKind kind);
  void finish_root(ReqHandle h);

  // ---- work items (lineage.h) ----
  // A new item born at `origin` now, with the next id; for a model that makes
  // work without a request (a scheduled producer) and holds it before sending.
  Lineage new_item(NodeId origin, uint64_t key, uint32_t size_bytes, uint32_t attr = 0) {
    return Lineage{++last_item_id_, now_, key, origin, size_bytes, attr, 0};
  }
  // How long ago the item was first sent: a held message's age, or, at the
  // item's last consumer, its end-to-end latency.
  SimTime age(const Lineage& item) const { return now_ - item.first_sent_at; }
  // Where the item's origin is (its node's Region): geo and latency routing.
  RegionId origin_region(const Request& r) const { return nodes_[r.origin].info.placement.region; }
  RegionId origin_region(const Lineage& item) const { return nodes_[item.origin.v].info.placement.region; }
  // The run's attribute sets (attributes.h): a Lineage carries the index.
  uint32_t intern_attributes(std::string_view text) { return attributes_.intern(text); }
  const std::string& attributes(uint32_t attr) const { return attributes_.text(attr); }

  Request& request(ReqHandle h) { return pool_[h.index()]; }
  const Request& request(ReqHandle h) const { return pool_[h.index()]; }
  bool alive(ReqHandle h) const {
    return h.valid() && h.index() < pool_.size() && pool_[h.index()].generation == h.generation() &&
           pool_[h.index()].state != ReqState::Free;
  }

  size_t node_count() const { return nodes_.size(); }
  size_t connection_count() const { return conns_.size(); }
  Model& model(NodeId n) { return *nodes_[n.v].model; }
  const Model& model(NodeId n) const { return *nodes_[n.v].model; }
  const NodeInfo& info(NodeId n) const { return nodes_[n.v].info; }
  NodeMetrics& metrics(NodeId n) { return nodes_[n.v].metrics; }
  const NodeMetrics& metrics(NodeId n) const { return nodes_[n.v].metrics; }
  const std::vector<ConnId>& outgoing(NodeId n) const { return nodes_[n.v].out; }
  const std::vector<ConnId>& incoming(NodeId n) const { return nodes_[n.v].in; }
  Connection& connection(ConnId c) { return conns_[c.v]; }
  const Connection& connection(ConnId c) const { return conns_[c.v]; }
  bool node_up(NodeId n) const;
  bool node_killed(NodeId n) const { return nodes_[n.v].killed; }

  // Appends to the event log; chain the entry's typed fields (LogEntry::because, ...). The
  // reference is good until the next log call.
  CP_COLD LogEntry& log(NodeId node, LogKind kind, std::string text_en, std::string text_ko);
  const std::vector<LogEntry>& event_log() const { return log_; }

  // Limits shared across nodes (per account, Region, AZ or group); see shared_pool.h.
  SharedPools& pools() { return shared_pools_; }
  const SharedPools& pools() const { return shared_pools_; }

  // The per-interval histograms of all nodes together may take this much; past it
  // the series halves early (as it does at kMaxSeriesPoints), so a long run of a
  // large, busy design stays bounded. See kMaxSeriesHistogramBytes.
  void set_series_histogram_budget(size_t bytes) { series_budget_ = bytes; }
  size_t series_histogram_bytes() const;
  // Per-second series length (all nodes share it).
  size_t series_points() const { return nodes_.empty() ? 0 : nodes_[0].metrics.series.size(); }
  // The latencies node n served (or, given a declared latency metric, recorded)
  // between t0 and t1: the merge of its series intervals' histograms, exact to the
  // histogram's bucket (<= 0.78%). An interval counts when at least half of it lies
  // in [t0, t1], the current unfinished one too: windows whose ends are whole
  // seconds (whole multiples of the interval once a long run halved its series)
  // are exact; min, max, count and sum are those of the counted intervals.
  LatencyHistogram latency_between(NodeId n, SimTime t0, SimTime t1) const;
  LatencyHistogram latency_between(NodeId n, LatencyMetricId m, SimTime t0, SimTime t1) const;
  // A declared gauge's or counter's series points in [t0, t1] (same rule), combined:
  // a gauge by its MetricStat (its current value stands for the unfinished interval),
  // a counter as its mean rate per second. nullopt when no interval counts.
  std::optional<double> metric_between(NodeId n, size_t metric, SimTime t0, SimTime t1) const;

private:
  struct NodeSlot {
    std::unique_ptr<Model> model;
    NodeInfo info;
    NodeMetrics metrics;
    std::vector<ConnId> out, in;
    bool killed = false;
    bool was_up = true;
  };

  void copy_state_from(const Simulation& o, bool with_history);
  uint16_t resolve_metric(NodeId n, const std::string& key, MetricKind kind);
  // Visits node n's intervals counted in [t0, t1]: f(point index) for the series'
  // points, then f(SIZE_MAX) for the unfinished one if it counts. Returns how many.
  template <class F> size_t for_each_interval(NodeId n, SimTime t0, SimTime t1, F f) const;
  // Every event goes through here; inlined for the reason in event_queue.h.
  void push(SimTime at, uint32_t target, uint16_t kind, uint16_t aux, uint64_t payload) {
    if (queue_.full()) [[unlikely]] return drop_event_queue_full();
    queue_.push(at < now_ ? now_ : at, target, kind, aux, payload);
  }
  CP_COLD void drop_event_queue_full();
  ReqHandle alloc_request();
  void free_request(ReqHandle h);
  SimTime network_delay(const Request& r, NodeId from, NodeId to);
  void send_attempt(ReqHandle h);
  // Always inlined into advance: it takes the Event by reference, and once it
  // is a call, clang keeps the Event in wasm's memory stack (every field read a
  // load) instead of in locals. Its cost sits near clang's threshold and moved
  // over it when push got smaller (then on_deliver was inlined into it):
  // the doc model in wasm ran ~10% slower.
  [[gnu::always_inline]] inline void dispatch(const Event& e);
  void on_deliver(ReqHandle h);
  void add_timeout(ConnId conn, SimTime deadline, ReqHandle h);
  void on_timeouts_due(ConnId conn);
  void answer(ReqHandle h, Outcome outcome, uint16_t event_kind);  // both respond()s
  void on_response_event(ReqHandle h, Outcome o);
  [[gnu::noinline]] void on_reply_event(ReqHandle h, Outcome o);
  void finish_call(ReqHandle h, Outcome o);
  CP_COLD void on_tick();
  CP_COLD void refresh_up_states();
  CP_COLD void sample_series(NodeMetrics& m, SimTime interval);
  CP_COLD void halve_series();  // core/sim/series.cpp, with sample_series and the windows

  Rng rng_;
  Topology topology_;
  EventQueue queue_;
  std::vector<NodeSlot> nodes_;
  std::vector<Connection> conns_;
  std::vector<Request> pool_;
  int32_t free_head_ = -1;
  uint64_t last_item_id_ = 0;
  AttributeTable attributes_;
  // Payloads of answers on their way back, by request index (grown on the
  // first payload); the one being handled is swapped out into reply_in_hand_.
  std::vector<Reply> replies_;
  Reply reply_in_hand_;
  bool replying_ = false;
  size_t live_requests_ = 0;
  std::vector<Command> commands_;
  std::vector<LogEntry> log_;
  SharedPools shared_pools_;  // not pool_ (the request records)
  SimTime now_ = 0;
  SimTime series_interval_ = kSecond;
  SimTime last_tick_ = 0;
  bool queue_overflowed_ = false;
  uint64_t events_processed_ = 0;
  uint64_t trace_hash_ = 0xcbf29ce484222325ull;
  bool started_ = false;
  std::vector<std::string> undeclared_metrics_;
  size_t series_budget_ = kMaxSeriesHistogramBytes;
};

// One re-armable wake-up of a model, for "call me at t" where t keeps moving
// (a queue's earliest visibility deadline, a buffer's flush time): set()
// cancels a pending wake-up at another time and schedules the new one, keeps
// one already due at the same time, and with kNever only cancels. So the
// kernel holds one event per wake-up, not one per message (not to be confused with
// core/sim/alarm.h, the CloudWatch-style alarm). A plain value:
// models that hold one stay copyable.
class WakeUp {
public:
  void set(Simulation& sim, NodeId self, SimTime at, uint16_t timer, uint64_t payload = 0) {
    if (at != kNever && at < sim.now()) at = sim.now();
    if (sim.timer_pending(token_)) {
      if (at == at_) return;
      sim.cancel_timer(token_);
    }
    token_ = TimerToken{};
    at_ = kNever;
    if (at == kNever) return;
    token_ = sim.schedule_cancellable(self, at, timer, payload);
    at_ = at;
  }
  void cancel(Simulation& sim) { set(sim, NodeId{}, kNever, 0); }
  // When it will fire; kNever if it is not set (or already fired).
  SimTime at(const Simulation& sim) const { return sim.timer_pending(token_) ? at_ : kNever; }

private:
  TimerToken token_;
  SimTime at_ = kNever;
};

}  // namespace cp::sim
