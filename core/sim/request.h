// Requests: one record per call (one hop) between two nodes.
//
// A client's request to A, which calls B, is two records: A's (parent) and
// B's (child, parent = A's). Records live in a pool and are named by a
// ReqHandle (index + generation), so a stale handle held by a timer can be
// recognised and ignored after its record was freed and reused.
//
// Life of a record (kernel-managed, see Simulation):
//   call()    -> InFlight, Deliver event at the callee after network latency
//   callee    -> Simulation::respond(h, outcome), exactly once per delivered request
//   response  -> arrives at the caller after network latency -> on_response -> freed
//   timeout   -> caller gives up: Abandoned; the callee's later respond frees it
//   async     -> the caller does not wait; respond frees it at once
// Each record carries its work item's lineage (lineage.h): a call inherits it
// from its parent, begin_root(self, item, kind) continues it after an
// asynchronous hop, so an item's age survives the records being freed.
#pragma once
#include <cstdint>

#include "core/sim/ids.h"
#include "core/sim/lineage.h"
#include "core/sim/time.h"

namespace cp::sim {

enum class Outcome : uint8_t {
  Ok = 0,
  Throttled,        // rate or concurrency limit (HTTP 429 / ThrottlingException)
  TimedOut,         // the caller's timeout fired first
  NoHealthyTarget,  // a load balancer had nowhere to send it (HTTP 503)
  ServerError,      // the callee failed (HTTP 5xx), including a full queue
  Unreachable,      // the callee is down (instance dead, AZ or Region out)
  Rejected,         // refused by rule (4xx: bad size, forbidden, invalid)
};
inline constexpr int kOutcomeCount = 7;
const char* outcome_name(Outcome o);     // "ok", "throttled", "timed_out", ...
const char* outcome_name_ko(Outcome o);  // for the event log: "성공", "스로틀링", "시간 초과", ...
inline bool is_retryable(Outcome o) { return o != Outcome::Ok && o != Outcome::Rejected; }

enum class RequestKind : uint8_t { Read = 0, Write = 1, Other = 2 };
const char* request_kind_name(RequestKind k);

struct ReqHandle {
  uint64_t v = 0;  // 0 = none; else (generation << 32) | (index + 1)
  constexpr bool valid() const { return v != 0; }
  constexpr uint32_t index() const { return static_cast<uint32_t>(v & 0xffffffffu) - 1; }
  constexpr uint32_t generation() const { return static_cast<uint32_t>(v >> 32); }
  static constexpr ReqHandle make(uint32_t index, uint32_t gen) {
    return ReqHandle{(static_cast<uint64_t>(gen) << 32) | (static_cast<uint64_t>(index) + 1)};
  }
  friend constexpr bool operator==(ReqHandle a, ReqHandle b) { return a.v == b.v; }
};

enum class ReqState : uint8_t { Free, InFlight, Abandoned, Async, RetryWait };

// 96 bytes: the pool holds one per call in flight (cloudplay-bench (e)).
struct Request {
  uint32_t generation = 0;
  ReqState state = ReqState::Free;
  RequestKind kind = RequestKind::Read;
  uint16_t attempt = 0;       // 0 = first try of this logical call
  uint16_t hops = 0;          // calls the item travelled in since its origin (Lineage::hops)
  Outcome outcome = Outcome::Ok;  // set when the attempt ends
  NodeId caller;              // invalid for requests a model makes to itself
  NodeId callee;
  ConnId conn;
  ReqHandle parent;           // the caller's request this call serves
  uint32_t size_bytes = 0;
  uint32_t tag = 0;           // the caller's own bookkeeping (e.g. which step); while Free: the free list's next index
  // The work item this call is part of (lineage.h), inherited from the parent:
  uint32_t origin = 0;        // the node that started it (its index); its Region: Simulation::origin_region
  uint32_t attr = 0;          // its interned attributes
  uint64_t key = 0;           // object/partition key, drawn from a popularity distribution
  uint64_t item_id = 0;       // its id in the run
  SimTime item_sent_at = 0;   // when it was first sent by its origin (end-to-end latency, age)
  SimTime first_sent_at = 0;  // first attempt of this logical call (latency incl. retries)
  SimTime sent_at = 0;        // this attempt
  SimTime arrived_at = 0;     // reached the callee

  Lineage lineage() const {
    return Lineage{item_id, item_sent_at, key, NodeId{origin}, size_bytes, attr, hops};
  }
};
static_assert(sizeof(Request) == 96, "the pool's record: keep it small (cloudplay-bench (e))");

}  // namespace cp::sim
