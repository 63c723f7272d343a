// EC2: one instance of a chosen instance type. Its vCPUs set its capacity
// (workers = vCPU × requests per vCPU); burstable t3 types spend CPU credits
// and drop to their baseline when the balance is empty (standard mode);
// lifecycle pending → running → (stopping →) stopped / terminated, with stop
// or hibernate (RAM kept on the EBS root: a faster resume); per-second billing with
// a 60 s minimum per start. While running it behaves like the generic compute
// node: a FIFO queue, a service time, then calls to its outgoing connections.
//
// The instance type catalog and InstanceCore (one instance's workers, queue
// and CPU credits) are shared with the Auto Scaling group model.
#pragma once
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "core/catalog/catalog.h"
#include "core/sim/distribution.h"
#include "core/sim/request.h"
#include "core/sim/time.h"

namespace cp::sim { class Simulation; class Rng; }

namespace cp::services {

struct InstanceType {
  const char* name;
  int vcpu;
  double memory_gib;
  const char* network;       // "Up to 5 Gigabit", ...
  double usd_per_hour;       // Linux On-Demand, us-east-1
  bool price_confirmed;      // false: ⚠ approximate (not in AWS-FACTS)
  double baseline;           // burstable: baseline CPU per vCPU (0.1 = 10%); 0 = not burstable
  double credits_per_hour;   // burstable: CPU credits earned per hour
};

const std::vector<InstanceType>& instance_types();
const InstanceType* find_instance_type(const std::string& name);
std::vector<std::string> instance_type_names();

// One instance's serving machinery. The host model owns timers and calls.
class InstanceCore {
public:
  InstanceCore(const InstanceType* type, double requests_per_vcpu, sim::Distribution service, int64_t queue_limit,
               bool standard_credits, double initial_credits_fraction);

  enum class Admit { Started, Queued, Rejected };
  Admit admit(sim::SimTime now, sim::ReqHandle h);
  // Service time of a request starting now (slower while throttled to baseline).
  sim::SimTime service_time(sim::Rng& rng) const;
  // A worker finished: the next queued request to start (the worker stays busy), or none.
  sim::ReqHandle release(sim::SimTime now);
  // Drop the queue (instance stopped or died); returns the dropped requests.
  std::vector<sim::ReqHandle> drain_queue(sim::SimTime now);
  void reset_busy(sim::SimTime now) { set_busy(now, 0); }
  // Once per simulated second: CPU credits earned and spent, CPU utilization.
  void tick(sim::SimTime now);

  const InstanceType* type() const { return type_; }
  int64_t workers() const { return workers_; }
  int64_t busy() const { return busy_; }
  size_t queued() const { return queue_.size(); }
  double cpu() const { return cpu_; }                 // last second's CPU utilization, 0..1
  double credits() const { return credits_; }
  double max_credits() const { return max_credits_; }
  bool throttled() const { return throttled_; }
  double surplus_credits() const { return surplus_; }  // unlimited mode: credits spent beyond the balance
  double speed() const { return throttled_ ? type_->baseline : 1.0; }

private:
  void set_busy(sim::SimTime now, int64_t b);
  const InstanceType* type_;
  int64_t workers_;
  sim::Distribution service_;
  int64_t queue_limit_;
  bool standard_;
  int64_t busy_ = 0;
  std::deque<sim::ReqHandle> queue_;
  sim::SimTime busy_since_ = 0;
  double busy_area_ = 0;  // busy workers × seconds since the last tick
  sim::SimTime last_tick_ = 0;
  double credits_ = 0, max_credits_ = 0, surplus_ = 0, cpu_ = 0;
  bool throttled_ = false;
};

// Implemented by models a load balancer can check directly (ec2): does the
// instance answer a health check right now (running, node up)?
class HealthCheckable {
public:
  virtual ~HealthCheckable() = default;
  virtual bool passes_health_check(const sim::Simulation& sim) const = 0;
};

// Params shared by ec2 and asg (instance type, capacity, service time, credits).
std::vector<catalog::ParamSpec> instance_params();
InstanceCore make_instance_core(const nlohmann::json& params);

const catalog::ServiceDescriptor& ec2_descriptor();

}  // namespace cp::services
