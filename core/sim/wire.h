// What a wire is at run time: its role, and the parameters its role carries.
//
// A wire in a document is drawn from `from` to `to`. Its role says which way the
// calls go and what they mean:
//   Call   from calls to (push): a request and, when sync, its answer.
//   Poll   to pulls from `from` (a consumer polls a queue or stream): drawn in the
//          direction the data flows, but the runtime connection goes the way of the
//          calls, consumer -> source (engine::build reverses it).
//   Event  from invokes to asynchronously (an event source: S3 -> Lambda, SNS -> SQS).
// A model finds its wires with sim.outgoing(self) / sim.incoming(self) and reads
//   const Connection& c = sim.connection(id);
//   if (c.role == WireRole::Poll) batch = c.role_params.number("batch_size", 10);
// (the parameters are those the catalog declares for the role, defaults filled in).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cp::sim {

// Replicate: a database ships its committed changes to a copy (an RDS read replica, a
// Regional copy); asynchronous, the copy applies them in order at its own pace.
enum class WireRole : uint8_t { Call, Poll, Event, Replicate };

// One parameter of a wire's role: numbers (and true/false as 1/0) in `number`,
// text and choices in `text`, anything else (a distribution) as its JSON text.
struct WireParam {
  std::string key;
  double number = 0;
  std::string text;
};

struct WireParams {
  std::vector<WireParam> items;

  const WireParam* find(std::string_view key) const {
    for (const WireParam& p : items)
      if (p.key == key) return &p;
    return nullptr;
  }
  double number(std::string_view key, double fallback = 0) const {
    const WireParam* p = find(key);
    return p ? p->number : fallback;
  }
  std::string text(std::string_view key, std::string_view fallback = {}) const {
    const WireParam* p = find(key);
    return p ? p->text : std::string(fallback);
  }
};

}  // namespace cp::sim
