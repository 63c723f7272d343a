// Model: the behaviour of one node (a service) in a run.
//
// The kernel (Simulation) owns time and the event queue; a model reacts to
//   start / started  the run begins (started: after every model's start)
//   on_request   a call arrived; answer it with sim.respond(h, outcome), exactly once
//   on_response  a call this node made has finished (after retries), with its outcome
//   on_timer     a timer this node scheduled with sim.schedule_timer fired
//   on_second    once per simulated second, in node order (alarms, cost meters, gauges)
//   on_up_changed the node itself, its AZ or its Region went down or came back
// Models never call each other directly: they call through connections, so the
// network, timeouts, retries and metrics apply to every hop.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "core/sim/balance.h"
#include "core/sim/ids.h"
#include "core/sim/request.h"

namespace cp::sim {

class Simulation;

struct StatusText {
  std::string en, ko;
};

class Model {
public:
  virtual ~Model() = default;
  virtual void start(Simulation&) {}
  // After every node's start(): peers' initial state (an Auto Scaling group's
  // in-service instances) is there to look at, whatever the document's order.
  virtual void started(Simulation&) {}
  virtual void on_request(Simulation& sim, ReqHandle h) = 0;
  virtual void on_response(Simulation&, ReqHandle /*parent*/, const Request& /*child*/, Outcome) {}
  virtual void on_timer(Simulation&, uint16_t /*timer*/, uint64_t /*payload*/) {}
  virtual void on_second(Simulation&) {}
  virtual void on_up_changed(Simulation&, bool /*up*/) {}
  // A "fail_parts" fault: `failed` of the node's failable parts are down now (0: all back).
  virtual void on_parts_failed(Simulation&, int /*failed*/) {}
  // A node action (a fault whose action its service declares, e.g. "promote"): `action`
  // is its index in the descriptor's actions.
  virtual void on_action(Simulation&, int /*action*/) {}
  // A one-line state summary for the CLI and the UI ("3/4 healthy, 2 in queue"),
  // in English and Korean.
  virtual StatusText status() const { return {}; }
  // Where every message this node took went, for nodes that hold messages
  // (queues, topics, streams, buffers); nullopt for the others.
  virtual std::optional<MessageBalance> message_balance() const { return std::nullopt; }
  // A deep copy of this model's state, for checkpoints (scrubbing a run back).
  // Models hold no pointers into the kernel or to other models (they look
  // peers up through Simulation each time), so a copy constructor is enough:
  // derive from ModelBase<Self> to get it.
  virtual std::unique_ptr<Model> clone() const = 0;

  NodeId id() const { return id_; }

private:
  friend class Simulation;
  NodeId id_;
};

// Gives a model its clone() from its copy constructor.
template <class Self>
class ModelBase : public Model {
public:
  std::unique_ptr<Model> clone() const override { return std::make_unique<Self>(static_cast<const Self&>(*this)); }
};

}  // namespace cp::sim
