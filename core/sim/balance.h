// Where every message or record a node took went (issue 15: "nothing lost that AWS
// would not lose"). A node that holds messages — a queue, a topic, a stream, a
// buffer — reports it through Model::message_balance(): what came in (sent, moved in
// from a source queue…) equals what went out (deleted, delivered, expired, refused,
// moved to a DLQ…) plus what it still holds (visible, in flight, delayed…).
// The report prints it per node, and tests check it at any moment of any run.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace cp::sim {

struct BalanceTerm {
  const char* key;  // the JSON report's key ("sent", "in_flight")
  const char* en;   // "in flight"
  const char* ko;   // "처리 중"
  uint64_t value = 0;
  bool held = false;  // still inside the node now
};

struct MessageBalance {
  std::vector<BalanceTerm> in;   // the first is the node's own intake; later ones are printed when not 0
  std::vector<BalanceTerm> out;  // gone or held (held terms are printed together)

  uint64_t total_in() const;
  uint64_t total_out() const;  // including the held terms
  uint64_t held() const;
  bool balanced() const { return total_in() == total_out(); }
  // "sent 1200 + from source queues 30 = deleted 1100 + held 50 (visible 40, in flight 10, delayed 0)
  //  + expired 0 + moved to DLQ 30 + refused 20 + deduplicated 0"
  std::string text(bool korean) const;
};

}  // namespace cp::sim
