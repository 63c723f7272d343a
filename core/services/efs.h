// EFS: a Regional NFS file system shared by instances in every AZ (a mount
// target per AZ, implicit). Each request an attached instance serves is one
// file operation: reads ~0.25 ms, writes ~2.7 ms; bursting throughput gives
// 50 KiB/s per GiB stored and bursts to 100 MiB/s on credits; operations over
// the throughput queue and are refused (Throttled) when the queue is full.
// Cost: GB-month of stored data (Standard).
#pragma once
#include "core/catalog/catalog.h"

namespace cp::services {
const catalog::ServiceDescriptor& efs_descriptor();
}  // namespace cp::services
