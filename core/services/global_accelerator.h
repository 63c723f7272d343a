// Global Accelerator: two static anycast IPs; users enter at the nearest edge
// and ride the AWS backbone to the nearest healthy endpoint group (one per
// Region: the outgoing connections whose targets are in that Region), split by
// traffic dials and endpoint weights. Health checks move traffic to the next
// group within the detection time — no DNS cache to wait for.
#pragma once
#include "core/catalog/catalog.h"

namespace cp::services {
const catalog::ServiceDescriptor& global_accelerator_descriptor();
}
