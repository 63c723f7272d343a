// Amazon SQS: a queue (standard or FIFO) that producers call (SendMessage) and
// consumers poll (ReceiveMessage, DeleteMessage) on a poll wire drawn from the
// queue to the consumer. Messages live in a LeaseStore with their lineage:
// delay -> visible -> in flight (visibility timeout) -> deleted, or visible
// again when the timeout runs out (received twice: a duplicate), or moved to
// the dead-letter queue after maxReceiveCount receives, or dropped past the
// retention period. Every message is accounted for (SqsBalance).
//
// The wire protocol between a consumer and the queue (a poll connection):
//   tag & 0xff == 0       DeleteMessage, the receipt (Receipt::bits) in the key;
//                          the answer's Reply::count is 1, or 0 for a stale receipt
//   tag & 0xff == n 1..10 ReceiveMessage of up to n; the answer's Reply::items
//                          carry each message's lineage, receipt and receive count
//   tag >> 8              the consumer's own (the queue ignores it)
//
// SqsPoller is the consumer's side (an SDK receive loop): EC2 instances hold
// one and drive it from their timers and answers.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/catalog/catalog.h"
#include "core/sim/balance.h"
#include "core/sim/ids.h"
#include "core/sim/lineage.h"
#include "core/sim/request.h"
#include "core/sim/time.h"

namespace cp::sim { class Simulation; }

namespace cp::services {

class InstanceCore;

const catalog::ServiceDescriptor& sqs_descriptor();

// The consumer's end of a poll wire from a queue (batch size, pause after an
// empty receive, failing messages): a worker service adds it to its target roles.
catalog::RoleSpec sqs_consumer_role();

// Where every message a queue took went. sent + from_sources (messages a source
// queue moved here, as its dead-letter queue) = deleted + visible + in_flight +
// delayed + backlog (FIFO: behind their group's head) + expired + moved_to_dlq +
// refused + deduplicated.
struct SqsBalance {
  uint64_t sent = 0;          // SendMessage requests that reached the queue
  uint64_t from_sources = 0;  // moved in from queues that name this one as their DLQ
  uint64_t deleted = 0;       // DeleteMessage with a live receipt
  uint64_t visible = 0, in_flight = 0, delayed = 0, backlog = 0;  // held now
  uint64_t expired = 0;       // past the retention period (lost)
  uint64_t moved_to_dlq = 0;  // received more than maxReceiveCount times
  uint64_t refused = 0;       // refused at send: too large, throttled (FIFO)
  uint64_t deduplicated = 0;  // FIFO: the same message again within 5 minutes (accepted, not kept)
  uint64_t in() const { return sent + from_sources; }
  uint64_t held() const { return visible + in_flight + delayed + backlog; }
  uint64_t out() const { return deleted + held() + expired + moved_to_dlq + refused + deduplicated; }
  bool balanced() const { return in() == out(); }
};
// nullopt when n is not an SQS queue.
std::optional<SqsBalance> sqs_balance(const sim::Simulation& s, sim::NodeId n);
// "sent 1200 (+30 from sources) = deleted 1100 + held 50 + expired 0 + moved to DLQ 30 + refused 20 + deduplicated 0"
std::string sqs_balance_text(const SqsBalance& b, bool korean);
// The same in the engine's terms (Model::message_balance, the report's "balance").
sim::MessageBalance sqs_message_balance(const SqsBalance& b);

// Lint advice about queues (the descriptor's lint rules, catalog::lint_rules_from): a visibility timeout
// shorter than a consumer's processing time; a queue without a dead-letter queue.
void sqs_lint(const doc::Document& d, std::vector<catalog::Finding>& out);

// The consumer side: `loops` receive loops (one per worker of the host), each
// polling one of the host's poll wires in turn: receive a batch, work on its
// messages one after another (the host's processing time each), delete each when
// done. A message whose processing fails (a share of messages set on the wire,
// chosen per message from its id: the same message fails every time, as a poison
// message does) is not deleted: it comes back after the visibility timeout.
class SqsPoller {
public:
  enum : uint16_t { kTimerPoll = 0x9000, kTimerDone = 0x9001 };
  static bool owns_timer(uint16_t t) { return t == kTimerPoll || t == kTimerDone; }

  // At the host's start: find its poll wires and read their parameters. False: none.
  bool attach(sim::Simulation& s, sim::NodeId self);
  bool attached() const { return !polls_.empty(); }
  // The host serves: start `loops` receive loops (none if already polling).
  void begin(sim::Simulation& s, sim::NodeId self, int64_t loops);
  // The host stopped: the loops end; messages being worked on are never deleted.
  void stop(sim::Simulation& s);
  // The host's timer / answer, if it is the poller's (then true).
  bool on_timer(sim::Simulation& s, sim::NodeId self, uint16_t timer, uint64_t payload, InstanceCore& core);
  bool on_response(sim::Simulation& s, sim::NodeId self, const sim::Request& child, sim::Outcome o, InstanceCore& core);

  int64_t busy() const { return busy_; }
  uint64_t processed() const { return processed_; }    // work done (failures included)
  uint64_t failed() const { return failed_; }          // work that failed: not deleted
  uint64_t late_deletes() const { return late_; }      // deletes refused: the visibility timeout ran out first
  uint64_t receives() const { return receives_; }
  uint64_t empty_receives() const { return empty_; }

private:
  struct Poll {
    sim::ConnId conn;
    uint32_t batch = 1;
    sim::SimTime idle_pause = 0;
    uint64_t fail_below = 0;  // a message fails when mix(id) < this (share × 2^64)
  };
  struct Loop {
    uint32_t poll = 0;
    std::vector<sim::ReplyItem> batch;
    size_t next = 0;
    sim::ReqHandle root;  // the message being worked on, continued as its item
    bool working = false;
  };
  void receive(sim::Simulation& s, uint32_t loop);
  void work_next(sim::Simulation& s, sim::NodeId self, uint32_t loop, InstanceCore& core);
  void set_busy(sim::Simulation& s, sim::NodeId self, const InstanceCore& core);

  std::vector<Poll> polls_;
  std::vector<Loop> loops_;
  uint32_t epoch_ = 0;  // moves on stop: timers and answers of the loops before are ignored
  bool running_ = false;
  int64_t busy_ = 0;
  uint64_t processed_ = 0, failed_ = 0, late_ = 0, receives_ = 0, empty_ = 0;
};

}  // namespace cp::services
