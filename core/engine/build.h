// From a validated Document to a ready-to-run Simulation.
//
//   auto built = cp::engine::build(doc, seed);      // seed: the document's unless given
//   if (!built.ok()) ...built.errors...
//   built.sim->run_until(from_seconds(doc.settings.duration_s));
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/doc/document.h"
#include "core/sim/simulation.h"

namespace cp::engine {

struct Built {
  std::unique_ptr<sim::Simulation> sim;
  std::vector<doc::Issue> errors;
  uint64_t seed = 0;
  sim::SimTime duration = 0;
  bool ok() const { return sim && errors.empty(); }
  // Document id -> engine index lookups (linear: documents are small).
  sim::NodeId node(const std::string& id) const;
  sim::ConnId connection(const std::string& id) const;
  std::vector<std::string> node_ids, connection_ids;
};

Built build(const doc::Document& d, std::optional<uint64_t> seed = std::nullopt);

// Parse a fault action's target into an engine command (also used for live faults).
std::optional<sim::Command> fault_command(const Built& b, const std::string& action, const std::string& target,
                                          double value, bool begin);

}  // namespace cp::engine
