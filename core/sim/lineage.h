// Lineage: what a work item (a request, a message, a record) keeps across
// hops, queues, batches and fan-out, so that its age and the end-to-end
// latency are measured through any chain.
//
//   users --sync--> A --async--> B (holds it 2 s) --sync--> C
//
// Every request record carries its item's lineage (Request::lineage()); a
// call made on behalf of a parent inherits it, so C's request has the id,
// origin and first-sent time of the users' request. A model that answers
// first and works later (a queue, an asynchronous invoke) copies the Lineage
// (40 bytes, no strings) out of the request, keeps it (a LeaseStore holds
// one per message), and continues the item with
//   ReqHandle root = sim.begin_root(id(), item, kind);   // not a new item
//   sim.call(conn, root, kind, item.size, item.key);
// so C's model reads sim.age(sim.request(h).lineage()) = now - first sent.
// A fan-out copies it (every child of one parent inherits it); a batch lists
// one lineage per item in a Reply, and a model that sends the batch on as one
// request merges them (merge: the oldest item's identity, sizes added).
#pragma once
#include <cstdint>
#include <vector>

#include "core/sim/ids.h"
#include "core/sim/time.h"

namespace cp::sim {

struct Lineage {
  uint64_t id = 0;            // the item's id in the run: 1, 2, ... (0: none); copies keep it
  SimTime first_sent_at = 0;  // when the item was first sent (by its origin)
  uint64_t key = 0;           // object / partition / message-group key
  NodeId origin;              // the node it came from (a users node); its Region: Simulation::origin_region
  uint32_t size = 0;          // bytes
  uint32_t attr = 0;          // attribute set, interned with Simulation::intern_attributes (0: none)
  uint16_t hops = 0;          // calls it travelled in since its origin, asynchronous ones too
                              // (an answer that carries it back, as a receive's, is not one)

  // This item and `o` travel on as one (a batch in one request): the oldest
  // one's id, time, key, origin and attributes (a batch is as old as its
  // oldest item), the sizes added, the most hops.
  Lineage& merge(const Lineage& o) {
    if (o.first_sent_at < first_sent_at || id == 0) {
      id = o.id;
      first_sent_at = o.first_sent_at;
      key = o.key;
      origin = o.origin;
      attr = o.attr;
    }
    size = o.size > UINT32_MAX - size ? UINT32_MAX : size + o.size;
    if (o.hops > hops) hops = o.hops;
    return *this;
  }
};

// One item of an answer's payload: its lineage and the answerer's reference
// to it (a lease receipt, a sequence number), opaque to the kernel.
struct ReplyItem {
  Lineage item;
  uint64_t ref = 0;
  uint32_t receive_count = 0;  // times it was handed out, this one included (SQS ApproximateReceiveCount)
};

// What an answer may carry besides its outcome (Simulation::respond(h, o, reply)):
// a number (messages deleted, records accepted) and/or a batch of items.
// The caller reads it with Simulation::reply() during on_response.
struct Reply {
  uint64_t count = 0;
  std::vector<ReplyItem> items;
  // An empty answer may say when to ask again (a stream that pushes to its consumer knows
  // when the next record reaches it); kNever: the caller's own wait.
  SimTime ask_again_at = kNever;
};

}  // namespace cp::sim
