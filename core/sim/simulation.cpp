#include "core/sim/simulation.h"

#include <algorithm>
#include <iterator>
#include <utility>

#include "core/doc/messages.h"  // Korean particles after a name

namespace cp::sim {

// ---- names -------------------------------------------------------------------

const char* outcome_name(Outcome o) {
  switch (o) {
    case Outcome::Ok: return "ok";
    case Outcome::Throttled: return "throttled";
    case Outcome::TimedOut: return "timed_out";
    case Outcome::NoHealthyTarget: return "no_healthy_target";
    case Outcome::ServerError: return "server_error";
    case Outcome::Unreachable: return "unreachable";
    case Outcome::Rejected: return "rejected";
  }
  return "?";
}

// The words of the run view's legend (ui/run_toolbar.cpp, run.o_*).
const char* outcome_name_ko(Outcome o) {
  switch (o) {
    case Outcome::Ok: return "성공";
    case Outcome::Throttled: return "스로틀링";
    case Outcome::TimedOut: return "시간 초과";
    case Outcome::NoHealthyTarget: return "정상 대상 없음(503)";
    case Outcome::ServerError: return "서버 오류(5xx)";
    case Outcome::Unreachable: return "연결 불가";
    case Outcome::Rejected: return "거부(4xx)";
  }
  return "?";
}

const char* request_kind_name(RequestKind k) {
  switch (k) {
    case RequestKind::Read: return "read";
    case RequestKind::Write: return "write";
    case RequestKind::Other: return "other";
  }
  return "?";
}

const char* log_kind_name(LogKind k) {
  switch (k) {
    case LogKind::Info: return "info";
    case LogKind::Warning: return "warning";
    case LogKind::NodeDown: return "node_down";
    case LogKind::NodeUp: return "node_up";
    case LogKind::AzDown: return "az_down";
    case LogKind::AzUp: return "az_up";
    case LogKind::RegionDown: return "region_down";
    case LogKind::RegionUp: return "region_up";
    case LogKind::InstanceLaunched: return "instance_launched";
    case LogKind::InstanceDied: return "instance_died";
    case LogKind::InstanceTerminated: return "instance_terminated";
    case LogKind::HealthChanged: return "health_changed";
    case LogKind::ScaleOut: return "scale_out";
    case LogKind::ScaleIn: return "scale_in";
    case LogKind::Failover: return "failover";
    case LogKind::ThrottlingBegan: return "throttling_began";
    case LogKind::ThrottlingEnded: return "throttling_ended";
    case LogKind::QueueFull: return "queue_full";
    case LogKind::MessageToDlq: return "message_to_dlq";
    case LogKind::LatencyInjected: return "latency_injected";
    case LogKind::Fault: return "fault";
  }
  return "?";
}

// ---- building ----------------------------------------------------------------

Simulation::Simulation(uint64_t seed) : rng_(seed) {}
Simulation::~Simulation() = default;

NodeId Simulation::add_node(std::unique_ptr<Model> model, NodeInfo info) {
  NodeId id{static_cast<uint32_t>(nodes_.size())};
  model->id_ = id;
  NodeSlot slot;
  slot.model = std::move(model);
  slot.info = std::move(info);
  nodes_.push_back(std::move(slot));
  return id;
}

ConnId Simulation::add_connection(NodeId from, NodeId to, CallPolicy policy, WireRole role, WireParams role_params) {
  ConnId id{static_cast<uint32_t>(conns_.size())};
  Connection c;
  c.from = from;
  c.to = to;
  c.policy = policy;
  c.role = role;
  c.role_params = std::move(role_params);
  conns_.push_back(std::move(c));
  nodes_[from.v].out.push_back(id);
  nodes_[to.v].in.push_back(id);
  return id;
}

void Simulation::schedule_command(SimTime at, Command c) {
  commands_.push_back(c);
  push(at, kKernelTarget, kEvCommand, 0, commands_.size() - 1);
}

void Simulation::start() {
  if (started_) return;
  started_ = true;
  topology_.finalize();
  // A connection's latency is fixed unless an end sits at the edge, next to
  // whichever client the request came from: look those up per request.
  for (Connection& c : conns_) {
    const Placement& a = nodes_[c.from.v].info.placement;
    const Placement& b = nodes_[c.to.v].info.placement;
    if (a.kind != PlacementKind::Global && b.kind != PlacementKind::Global)
      c.base_latency = topology_.latency(a, b, RegionId{});
  }
  for (auto& n : nodes_) {
    n.was_up = node_up(n.model->id());
    n.metrics.queue.since = now_;
    n.metrics.busy.since = now_;
  }
  for (auto& n : nodes_) n.model->start(*this);
  for (auto& n : nodes_) n.model->started(*this);
  push(now_ + kSecond, kKernelTarget, kEvTick, 0, 0);
  last_tick_ = now_;
}

// ---- checkpoints --------------------------------------------------------------


// Everything but (optionally) the append-only history: series and event log.
void Simulation::copy_state_from(const Simulation& o, bool with_history) {
  rng_ = o.rng_;
  topology_ = o.topology_;
  queue_ = o.queue_;
  nodes_.clear();
  nodes_.reserve(o.nodes_.size());
  for (const NodeSlot& n : o.nodes_) {
    NodeSlot c;
    c.model = n.model->clone();
    c.model->id_ = n.model->id_;
    c.info = n.info;
    if (with_history) {
      c.metrics = n.metrics;
    } else {
      // Copy the metrics without the series (it may hold thousands of points).
      NodeMetrics& m = const_cast<NodeMetrics&>(n.metrics);
      SeriesHistory keep = SeriesHistory::take(m);
      c.metrics = m;
      keep.put_back(m);
    }
    c.out = n.out;
    c.in = n.in;
    c.killed = n.killed;
    c.was_up = n.was_up;
    nodes_.push_back(std::move(c));
  }
  conns_.clear();
  conns_.reserve(o.conns_.size());
  for (const Connection& oc : o.conns_) {
    if (with_history) { conns_.push_back(oc); continue; }
    Connection& m = const_cast<Connection&>(oc);
    std::vector<ConnMetrics::Point> keep = std::move(m.metrics.series);
    conns_.push_back(m);
    m.metrics.series = std::move(keep);
  }
  pool_ = o.pool_;
  shared_pools_ = o.shared_pools_;
  free_head_ = o.free_head_;
  last_item_id_ = o.last_item_id_;
  attributes_ = o.attributes_;
  replies_ = o.replies_;  // payloads on their way back
  live_requests_ = o.live_requests_;
  commands_ = o.commands_;
  if (with_history) log_ = o.log_;
  now_ = o.now_;
  series_interval_ = o.series_interval_;
  last_tick_ = o.last_tick_;
  queue_overflowed_ = o.queue_overflowed_;
  events_processed_ = o.events_processed_;
  trace_hash_ = o.trace_hash_;
  started_ = o.started_;
}

std::unique_ptr<Checkpoint> Simulation::checkpoint() const {
  auto cp = std::make_unique<Checkpoint>();
  cp->state = std::make_unique<Simulation>(0);
  cp->state->copy_state_from(*this, /*with_history=*/false);
  for (const NodeSlot& n : nodes_) cp->node_series_len.push_back(n.metrics.series.size());
  for (const Connection& c : conns_) cp->conn_series_len.push_back(c.metrics.series.size());
  cp->log_len = log_.size();
  cp->series_interval = series_interval_;
  cp->at = now_;
  // What the copy holds (its histograms keep only the buckets used; see histogram.h).
  const Simulation& copy = *cp->state;
  size_t bytes = sizeof(Simulation) + copy.queue_.size() * sizeof(Event) + copy.pool_.size() * sizeof(Request) +
                 copy.attributes_.memory_bytes() + copy.replies_.size() * sizeof(Reply);
  for (const Reply& r : copy.replies_) bytes += r.items.capacity() * sizeof(ReplyItem);
  for (const NodeSlot& n : copy.nodes_)
  {
    bytes += sizeof(NodeSlot) + n.metrics.latency.memory_bytes() + n.metrics.failed_latency.memory_bytes() +
             n.metrics.window.memory_bytes() + n.metrics.values.capacity() * 2 * sizeof(double);
    for (const LatencyHistogram& h : n.metrics.latency_windows) bytes += h.memory_bytes();
  }
  for (const Connection& c : copy.conns_) bytes += sizeof(Connection) + c.metrics.latency.memory_bytes();
  cp->approx_bytes = bytes;
  return cp;
}

bool Simulation::rewind_to(const Checkpoint& cp) {
  if (!cp.state || cp.at > now_ || cp.series_interval != series_interval_ ||
      cp.node_series_len.size() != nodes_.size() || cp.conn_series_len.size() != conns_.size())
    return false;
  for (size_t i = 0; i < nodes_.size(); ++i)
    if (cp.node_series_len[i] > nodes_[i].metrics.series.size()) return false;
  for (size_t i = 0; i < conns_.size(); ++i)
    if (cp.conn_series_len[i] > conns_[i].metrics.series.size()) return false;
  if (cp.log_len > log_.size()) return false;
  std::vector<SeriesHistory> node_series;
  std::vector<std::vector<ConnMetrics::Point>> conn_series;
  for (NodeSlot& n : nodes_) node_series.push_back(SeriesHistory::take(n.metrics));
  for (Connection& c : conns_) conn_series.push_back(std::move(c.metrics.series));
  copy_state_from(*cp.state, /*with_history=*/false);
  for (size_t i = 0; i < nodes_.size(); ++i) node_series[i].put_back(nodes_[i].metrics, cp.node_series_len[i]);
  for (size_t i = 0; i < conns_.size(); ++i) {
    conn_series[i].resize(cp.conn_series_len[i]);
    conns_[i].metrics.series = std::move(conn_series[i]);
  }
  log_.resize(cp.log_len);
  return true;
}

// ---- the event loop ----------------------------------------------------------

// 67 M pending events: far beyond what the document limits allow; never crash.
void Simulation::drop_event_queue_full() {
  if (!queue_overflowed_)
    log(NodeId{}, LogKind::Warning, "The simulation has too many pending events; some were dropped",
        "대기 중인 이벤트가 너무 많아 일부를 버렸습니다")
        .because("event_queue_full");
  queue_overflowed_ = true;
}

inline void Simulation::dispatch(const Event& e) {
  switch (e.kind) {
    case kEvDeliver: on_deliver(ReqHandle{e.payload}); break;
    case kEvResponse: on_response_event(ReqHandle{e.payload}, static_cast<Outcome>(e.aux)); break;
    case kEvReplied: on_reply_event(ReqHandle{e.payload}, static_cast<Outcome>(e.aux)); break;
    case kEvTimeout: on_timeouts_due(ConnId{static_cast<uint32_t>(e.payload)}); break;
    case kEvRetry: {
      ReqHandle h{e.payload};
      if (!alive(h)) break;
      pool_[h.index()].state = ReqState::InFlight;
      send_attempt(h);
      break;
    }
    case kEvTick: on_tick(); break;
    case kEvCommand: apply(commands_[e.payload]); break;
    default:
      if (e.kind >= kEvTimer && e.target < nodes_.size())
        nodes_[e.target].model->on_timer(*this, e.aux, e.payload);
      break;
  }
}

StepResult Simulation::advance(SimTime until, uint64_t max_events) {
  StepResult r;
  if (!started_) start();
  while (!queue_.empty() && queue_.top_time() <= until) {
    if (r.events >= max_events) return r;
    Event e = queue_.pop();
    if (e.kind > EventQueue::kMaxKind) [[unlikely]] {  // pushed with a token
      e.kind = queue_.settle(e.order, e.kind);
      if (e.kind == 0) continue;                         // cancelled: not an event of the run
    }
    now_ = e.time;
    // FNV-1a style mix over (time, kind, target): the run's fingerprint.
    trace_hash_ = (trace_hash_ ^ static_cast<uint64_t>(e.time)) * 0x100000001b3ull;
    trace_hash_ = (trace_hash_ ^ ((static_cast<uint64_t>(e.kind) << 32) | e.target)) * 0x100000001b3ull;
    ++events_processed_;
    ++r.events;
    dispatch(e);
  }
  if (until != kNever && until > now_) now_ = until;
  r.reached_until = true;
  return r;
}


// ---- requests ----------------------------------------------------------------

ReqHandle Simulation::alloc_request() {
  uint32_t index;
  if (free_head_ >= 0) {
    index = static_cast<uint32_t>(free_head_);
    free_head_ = static_cast<int32_t>(pool_[index].tag);  // a free record's tag links the free list
  } else {
    index = static_cast<uint32_t>(pool_.size());
    pool_.emplace_back();
  }
  Request& r = pool_[index];
  uint32_t gen = r.generation + 1;
  r = Request{};
  r.generation = gen;
  r.state = ReqState::InFlight;
  ++live_requests_;
  return ReqHandle::make(index, gen);
}

void Simulation::free_request(ReqHandle h) {
  Request& r = pool_[h.index()];
  r.state = ReqState::Free;
  r.tag = static_cast<uint32_t>(free_head_);
  free_head_ = static_cast<int32_t>(h.index());
  --live_requests_;
}

ReqHandle Simulation::begin_root(NodeId origin, RequestKind kind, uint32_t size_bytes, uint64_t key) {
  return begin_root(origin, new_item(origin, key, size_bytes), kind);
}

ReqHandle Simulation::begin_root(NodeId self, const Lineage& item, RequestKind kind) {
  ReqHandle h = alloc_request();
  Request& r = pool_[h.index()];
  r.kind = kind;
  r.size_bytes = item.size;
  r.key = item.key;
  r.callee = self;
  r.origin = item.origin.valid() ? item.origin.v : self.v;
  r.attr = item.attr;
  r.hops = item.hops;
  r.item_id = item.id;
  r.item_sent_at = item.first_sent_at;
  r.first_sent_at = r.sent_at = r.arrived_at = now_;
  return h;
}

void Simulation::finish_root(ReqHandle h) {
  if (alive(h)) free_request(h);
}

ReqHandle Simulation::call(ConnId conn, ReqHandle parent, RequestKind kind, uint32_t size_bytes, uint64_t key,
                           uint32_t tag) {
  const Connection& c = conns_[conn.v];
  // Copy what we need from the parent first: alloc_request may grow the pool.
  // Without one, the call starts a new item at the caller.
  uint32_t origin = c.from.v, attr = 0;
  uint16_t hops = 1;
  uint64_t item_id;
  SimTime item_sent_at = now_;
  if (alive(parent)) {
    const Request& p = pool_[parent.index()];
    origin = p.origin;
    attr = p.attr;
    hops = static_cast<uint16_t>(p.hops + (p.hops < UINT16_MAX));
    item_id = p.item_id;
    item_sent_at = p.item_sent_at;
    if (key == 0) key = p.key;
  } else {
    item_id = ++last_item_id_;
  }
  ReqHandle h = alloc_request();
  Request& r = pool_[h.index()];
  r.kind = kind;
  r.size_bytes = size_bytes;
  r.key = key;
  r.tag = tag;
  r.caller = c.from;
  r.callee = c.to;
  r.conn = conn;
  r.parent = parent;
  r.origin = origin;
  r.attr = attr;
  r.hops = hops;
  r.item_id = item_id;
  r.item_sent_at = item_sent_at;
  r.first_sent_at = now_;
  r.state = c.policy.sync ? ReqState::InFlight : ReqState::Async;
  send_attempt(h);
  return h;
}

SimTime Simulation::network_delay(const Request& r, NodeId from, NodeId to) {
  const Connection& c = conns_[r.conn.v];
  SimTime base = c.base_latency >= 0 ? c.base_latency
                                     : topology_.latency(nodes_[from.v].info.placement, nodes_[to.v].info.placement,
                                                         origin_region(r));
  // ±10% jitter, in integers so it is identical everywhere.
  SimTime spread = base / 10;
  SimTime jitter = spread > 0 ? static_cast<SimTime>(rng_.below(static_cast<uint64_t>(2 * spread + 1))) - spread : 0;
  return base + jitter + c.extra_latency;
}

void Simulation::send_attempt(ReqHandle h) {
  Request& r = pool_[h.index()];
  Connection& c = conns_[r.conn.v];
  r.sent_at = now_;
  ++c.metrics.calls;
  c.metrics.bytes += r.size_bytes;
  if (r.attempt > 0) ++c.metrics.retries;
  SimTime there = network_delay(r, c.from, c.to);
  if (c.error_rate > 0 && rng_.next_double() < c.error_rate) {
    // An injected fault on the wire: the call fails without reaching the callee.
    if (r.state == ReqState::Async) { free_request(h); return; }
    push(now_ + 2 * there, c.from.v, kEvResponse, static_cast<uint16_t>(Outcome::ServerError), h.v);
  } else {
    push(now_ + there, c.to.v, kEvDeliver, 0, h.v);
  }
  if (r.state == ReqState::InFlight && c.policy.timeout > 0) add_timeout(r.conn, now_ + c.policy.timeout, h);
}

void Simulation::add_timeout(ConnId conn, SimTime deadline, ReqHandle h) {
  Connection& c = conns_[conn.v];
  if (c.timeouts.empty() || c.timeouts.back().first <= deadline) {
    c.timeouts.emplace_back(deadline, h.v);
  } else {  // not in order (never with a fixed timeout): insert, and wake up early if it is now first
    auto it = c.timeouts.end();
    while (it != c.timeouts.begin() && std::prev(it)->first > deadline) --it;
    const bool first = it == c.timeouts.begin();
    c.timeouts.insert(it, {deadline, h.v});
    if (first && c.timeout_armed) push(deadline, c.from.v, kEvTimeout, 0, conn.v);
  }
  if (!c.timeout_armed) {
    push(c.timeouts.front().first, c.from.v, kEvTimeout, 0, conn.v);
    c.timeout_armed = true;
  }
}

void Simulation::on_timeouts_due(ConnId conn) {
  Connection& c = conns_[conn.v];  // conns_ does not grow during a run
  c.timeout_armed = true;          // calls made below must not arm a second wake-up
  while (!c.timeouts.empty() && c.timeouts.front().first <= now_) {
    ReqHandle h{c.timeouts.front().second};
    c.timeouts.pop_front();
    if (!alive(h) || pool_[h.index()].state != ReqState::InFlight) continue;  // answered in time
    pool_[h.index()].state = ReqState::Abandoned;  // freed when its answer (or the connect timeout) arrives
    finish_call(h, Outcome::TimedOut);
  }
  c.timeout_armed = false;
  if (!c.timeouts.empty()) {
    push(c.timeouts.front().first, c.from.v, kEvTimeout, 0, conn.v);
    c.timeout_armed = true;
  }
}

void Simulation::on_deliver(ReqHandle h) {
  Request& r = pool_[h.index()];
  NodeSlot& callee = nodes_[r.callee.v];
  if (!callee.was_up) {  // was_up follows every fault (refresh_up_states), so it equals node_up() here
    // Nobody answers at a dead address: the caller finds out by its timeout,
    // or by the connect timeout.
    if (r.state == ReqState::Async) { free_request(h); return; }
    push(now_ + kConnectTimeout, r.caller.v, kEvResponse, static_cast<uint16_t>(Outcome::Unreachable), h.v);
    return;
  }
  r.arrived_at = now_;
  ++callee.metrics.arrivals;
  callee.model->on_request(*this, h);
}

// What every answer does: the callee's metrics, then the way back, or the
// record is freed when nobody waits for it.
void Simulation::answer(ReqHandle h, Outcome outcome, uint16_t event_kind) {
  Request& r = pool_[h.index()];
  NodeMetrics& m = nodes_[r.callee.v].metrics;
  ++m.outcomes[static_cast<int>(outcome)];
  if (outcome == Outcome::Ok) ++m.completions;
  SimTime took = now_ - r.arrived_at;
  if (outcome == Outcome::Ok) {
    m.latency.record(took);
    m.window.record(took);
  } else {
    m.failed_latency.record(took);
  }
  if (r.state == ReqState::Async) { free_request(h); return; }
  if (!r.caller.valid()) { free_request(h); return; }
  SimTime back = network_delay(r, r.callee, r.caller);
  push(now_ + back, r.caller.v, event_kind, static_cast<uint16_t>(outcome), h.v);
}

void Simulation::respond(ReqHandle h, Outcome outcome, const Reply& reply) {
  if (!alive(h)) return;
  const Request& r = pool_[h.index()];
  if (r.state != ReqState::InFlight || !r.caller.valid()) return answer(h, outcome, kEvResponse);  // nobody waits
  if (replies_.size() <= h.index()) replies_.resize(pool_.size());
  Reply& slot = replies_[h.index()];
  slot.count = reply.count;
  slot.items.assign(reply.items.begin(), reply.items.end());
  answer(h, outcome, kEvReplied);
}

void Simulation::on_response_event(ReqHandle h, Outcome o) {
  if (!alive(h)) return;
  Request& r = pool_[h.index()];
  if (r.state == ReqState::Abandoned) { free_request(h); return; }
  if (r.state != ReqState::InFlight) return;
  finish_call(h, o);
  if (alive(h)) free_request(h);
}

// An answer with a payload: the same, with the payload in reply() meanwhile.
// Apart from on_response_event, which the plain answers take as before.
void Simulation::on_reply_event(ReqHandle h, Outcome o) {
  if (!alive(h) || pool_[h.index()].state != ReqState::InFlight) return on_response_event(h, o);
  // Out of replies_ (which a respond made in on_response may grow) while
  // on_response runs; swapping keeps both buffers' capacity.
  std::swap(reply_in_hand_, replies_[h.index()]);
  replying_ = true;
  on_response_event(h, o);
  replying_ = false;
  std::swap(reply_in_hand_, replies_[h.index()]);
}

// An attempt ended at the caller: retry it, or tell the caller's model.
// The record itself is freed by the caller of finish_call (or later, if abandoned).
void Simulation::finish_call(ReqHandle h, Outcome o) {
  Request done = pool_[h.index()];  // a copy: the pool may grow below
  done.outcome = o;
  Connection& c = conns_[done.conn.v];
  if (is_retryable(o) && done.attempt < c.policy.max_retries) {
    SimTime cap = c.policy.backoff_cap;
    SimTime ceiling = c.policy.backoff_base;
    for (int i = 0; i < done.attempt && ceiling < cap; ++i) ceiling *= 2;
    if (ceiling > cap) ceiling = cap;
    SimTime delay = ceiling > 0 ? static_cast<SimTime>(rng_.below(static_cast<uint64_t>(ceiling) + 1)) : 0;
    ReqHandle retry = alloc_request();
    Request& r = pool_[retry.index()];
    uint32_t gen = r.generation;
    r = done;
    r.generation = gen;
    r.attempt = static_cast<uint16_t>(done.attempt + 1);
    r.state = ReqState::RetryWait;
    r.outcome = Outcome::Ok;
    push(now_ + delay, done.caller.v, kEvRetry, 0, retry.v);
    return;
  }
  ++c.metrics.outcomes[static_cast<int>(o)];
  c.metrics.latency.record(now_ - done.first_sent_at);
  nodes_[done.caller.v].model->on_response(*this, done.parent, done, o);
}

// ---- placement, faults -------------------------------------------------------

bool Simulation::node_up(NodeId n) const {
  const NodeSlot& s = nodes_[n.v];
  if (s.killed) return false;
  return topology_.up(s.info.placement);
}

void Simulation::refresh_up_states() {
  for (auto& n : nodes_) {
    bool up = node_up(n.model->id());
    if (up == n.was_up) continue;
    n.was_up = up;
    n.model->on_up_changed(*this, up);
  }
}

void Simulation::apply(const Command& c) {
  switch (c.kind) {
    case Command::Kind::KillNode:
    case Command::Kind::ReviveNode: {
      if (c.target >= nodes_.size()) return;
      bool kill = c.kind == Command::Kind::KillNode;
      NodeSlot& n = nodes_[c.target];
      if (n.killed == kill) return;
      n.killed = kill;
      log(NodeId{c.target}, kill ? LogKind::NodeDown : LogKind::NodeUp,
          n.info.name + (kill ? " was stopped by a fault" : " is back"),
          n.info.name + (kill ? " 노드에 장애가 발생했습니다" : " 노드가 복구되었습니다"))
          .because("fault");
      break;
    }
    case Command::Kind::AzDown:
    case Command::Kind::AzUp: {
      if (c.target >= topology_.azs().size()) return;
      bool down = c.kind == Command::Kind::AzDown;
      AzInfo& az = topology_.az(AzId{c.target});
      if (az.down == down) return;
      az.down = down;
      log(NodeId{}, down ? LogKind::AzDown : LogKind::AzUp,
          "Availability Zone " + az.id + (down ? " failed" : " is back"),
          "가용 영역 " + (down ? az.id + "에 장애가 발생했습니다" : doc::with_subject(az.id) + " 복구되었습니다"))
          .because("fault")
          .in_az(c.target)
          .in_region(az.region.v);
      break;
    }
    case Command::Kind::RegionDown:
    case Command::Kind::RegionUp: {
      if (c.target >= topology_.regions().size()) return;
      bool down = c.kind == Command::Kind::RegionDown;
      RegionInfo& reg = topology_.region(RegionId{c.target});
      if (reg.down == down) return;
      reg.down = down;
      log(NodeId{}, down ? LogKind::RegionDown : LogKind::RegionUp,
          "Region " + reg.code + (down ? " failed" : " is back"),
          "리전 " + (down ? reg.code + "에 장애가 발생했습니다" : doc::with_subject(reg.code) + " 복구되었습니다"))
          .because("fault")
          .in_region(c.target);
      break;
    }
    case Command::Kind::SetLatency: {
      if (c.target >= conns_.size()) return;
      Connection& conn = conns_[c.target];
      conn.extra_latency = c.value > 0 ? static_cast<SimTime>(c.value) : 0;
      const std::string wire = nodes_[conn.from.v].info.name + " → " + nodes_[conn.to.v].info.name;
      if (conn.extra_latency > 0)
        log(conn.from, LogKind::LatencyInjected, "Added " + std::to_string(conn.extra_latency / 1000) + " ms to " + wire,
            wire + " 연결에 지연 시간 " + std::to_string(conn.extra_latency / 1000) + "밀리초를 추가했습니다")
            .because("fault")
            .naming(conn.to.v)
            .field("added_ms", static_cast<double>(conn.extra_latency) / 1000.0);
      else
        log(conn.from, LogKind::LatencyInjected, "Latency on " + wire + " is back to normal",
            wire + " 연결의 지연 시간이 정상으로 돌아왔습니다")
            .because("fault")
            .naming(conn.to.v)
            .field("added_ms", 0);
      return;
    }
    case Command::Kind::FailParts: {
      // The node's own parts (Aurora's storage copies): its model says what failed.
      if (c.target >= nodes_.size()) return;
      nodes_[c.target].model->on_parts_failed(*this, c.value > 0 ? static_cast<int>(c.value + 0.5) : 0);
      return;
    }
    case Command::Kind::NodeAction: {
      // Something the learner does to the node (promote a read replica): its model acts and logs.
      if (c.target >= nodes_.size()) return;
      nodes_[c.target].model->on_action(*this, static_cast<int>(c.value + 0.5));
      return;
    }
    case Command::Kind::SetErrorRate: {
      if (c.target >= conns_.size()) return;
      Connection& conn = conns_[c.target];
      conn.error_rate = c.value < 0 ? 0 : (c.value > 1 ? 1 : c.value);
      log(conn.from, LogKind::Fault,
          "Error rate on " + nodes_[conn.from.v].info.name + " → " + nodes_[conn.to.v].info.name + " set to " +
              std::to_string(static_cast<int>(conn.error_rate * 100 + 0.5)) + "%",
          nodes_[conn.from.v].info.name + " → " + nodes_[conn.to.v].info.name + " 연결의 오류율을 " +
              std::to_string(static_cast<int>(conn.error_rate * 100 + 0.5)) + "%로 설정했습니다")
          .because("fault")
          .naming(conn.to.v)
          .field("error_rate_pct", conn.error_rate * 100);
      return;
    }
  }
  refresh_up_states();
}

LogEntry& Simulation::log(NodeId node, LogKind kind, std::string text_en, std::string text_ko) {
  LogEntry& e = log_.emplace_back();
  e.time = now_;
  e.node = node.v;
  e.kind = kind;
  e.text_en = std::move(text_en);
  e.text_ko = std::move(text_ko);
  return e;
}

// Every simulated second: the models' on_second (their per-second limits, gauges and
// cost meters count on it), then a series point when its interval has passed (the
// interval doubles in a long run, on_second's period must not).
void Simulation::on_tick() {
  for (auto& n : nodes_) n.model->on_second(*this);
  push(now_ + kSecond, kKernelTarget, kEvTick, 0, 0);
  if (now_ - last_tick_ < series_interval_) return;
  SimTime interval = now_ - last_tick_;
  last_tick_ = now_;
  if (interval <= 0) interval = series_interval_;
  for (auto& n : nodes_) sample_series(n.metrics, interval);
  for (auto& c : conns_) {
    double secs = to_seconds(interval);
    uint64_t errs = c.metrics.errors();
    c.metrics.series.push_back({static_cast<float>(to_seconds(now_)),
                                static_cast<float>((c.metrics.calls - c.metrics.last_calls) / secs),
                                static_cast<float>((errs - c.metrics.last_errors) / secs)});
    c.metrics.last_calls = c.metrics.calls;
    c.metrics.last_errors = errs;
  }
  if (!nodes_.empty() && (nodes_[0].metrics.series.size() >= kMaxSeriesPoints || series_histogram_bytes() > series_budget_))
    halve_series();
}

}  // namespace cp::sim
