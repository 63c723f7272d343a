// Elastic Load Balancing: ALB, NLB, CLB and GWLB as one model with a kind.
// Targets are the load balancer's outgoing connections: an ec2 or compute node
// is one target in its AZ; an asg contributes each of its instances.
// Health checks (interval, timeout, thresholds), fail-open, cross-zone load
// balancing, deregistration delay, sticky sessions, LB cost (hours + LCU).
#pragma once
#include "core/catalog/catalog.h"

namespace cp::services {
const catalog::ServiceDescriptor& alb_descriptor();
const catalog::ServiceDescriptor& nlb_descriptor();
const catalog::ServiceDescriptor& clb_descriptor();
const catalog::ServiceDescriptor& gwlb_descriptor();
}
