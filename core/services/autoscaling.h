// Auto Scaling group: min/desired/max instances spread across its AZs, each
// one an EC2 instance (InstanceCore) inside this node. Launch time, health-
// check grace period, target tracking on CPU, simple scaling with cooldown,
// scheduled actions; replaces dead and unhealthy instances and relaunches in
// surviving AZs when an AZ fails.
//
// A load balancer connected to an asg routes to its instances: it lists them
// through TargetGroupSource (sim.model(node) + dynamic_cast) and puts the
// chosen instance's id in the call's tag.
#pragma once
#include <cstdint>
#include <vector>

#include "core/catalog/catalog.h"
#include "core/sim/ids.h"
#include "core/sim/time.h"

namespace cp::sim { class Simulation; }

namespace cp::services {

struct GroupTarget {
  uint32_t instance = 0;  // the id a load balancer puts in the call's tag
  sim::AzId az;
  bool answers = false;   // would pass a health check now (booted, its AZ up)
  bool draining = false;  // being deregistered: no new requests
};

class TargetGroupSource {
public:
  virtual ~TargetGroupSource() = default;
  virtual void list_targets(const sim::Simulation& sim, std::vector<GroupTarget>& out) const = 0;
  // The load balancer's verdict (used when the group's health check type is "elb").
  virtual void report_lb_health(uint32_t instance, bool healthy) = 0;
  // The target group's deregistration delay: how long scale-in waits for in-flight requests.
  virtual void set_deregistration_delay(sim::SimTime d) = 0;
};

const catalog::ServiceDescriptor& asg_descriptor();

}  // namespace cp::services
