// Elastic Load Balancing: ALB, NLB, CLB and GWLB as one model with a kind.
// Targets are the load balancer's outgoing connections: an ec2 or compute node
// is one target in its AZ; an asg contributes each of its instances.
// Health checks (interval, timeout, thresholds), fail-open, cross-zone load
// balancing, deregistration delay, sticky sessions, LB cost (hours + LCU).
// ALB listener rules (param "rules": path-pattern and host-header conditions by
// priority, a default rule last) send requests to several target groups; the
// path and Host of a request come from its client (see http_request.h).
// Each load balancer shows what source IP its targets see (X-Forwarded-For for
// ALB/CLB, the client's own IP for NLB, transparent GWLB) in status() and in a
// sample-request line of the event log; an NLB has a static IP per AZ.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/catalog/catalog.h"

namespace cp::services {
const catalog::ServiceDescriptor& alb_descriptor();
const catalog::ServiceDescriptor& nlb_descriptor();
const catalog::ServiceDescriptor& clb_descriptor();
const catalog::ServiceDescriptor& gwlb_descriptor();

// Requests per listener rule (target group), for tests and panels.
struct ListenerRuleStats {
  std::string name;                 // "rule 10 (path /api/*)", "default rule"
  uint64_t requests = 0;            // requests the rule took
  uint64_t no_healthy_target = 0;   // of them answered 503 (or 404 by a fixed-response default)
};

class ListenerReport {
public:
  virtual ~ListenerReport() = default;
  // In evaluation order, the default rule last (one entry when there are no rules).
  virtual std::vector<ListenerRuleStats> listener_rules() const = 0;
  // (AZ ID, address) per enabled AZ: an NLB's static IP, else the node's private IP.
  virtual std::vector<std::pair<std::string, std::string>> lb_addresses() const = 0;
};
}  // namespace cp::services
