// Amazon RDS: a DB instance (MySQL-like) and its read replicas.
//
// A DB instance serves each query on one of its vCPUs (reads and writes with their own
// mean time), holds one connection per query in progress and refuses new ones above
// max_connections. Deployments: Single-AZ (lost while its AZ is down), Multi-AZ DB
// instance (a synchronous standby in another AZ: every write waits for its round trip;
// when the primary's AZ fails the standby takes over after 60-120 s, behind the same
// endpoint) and Multi-AZ DB cluster (two readable standbys, the write waits for the
// faster one, failover under 35 s).
//
// A read replica is another node, fed over a `replicate` wire from its source: each
// committed write is shipped asynchronously and applied in order on the replica's own
// vCPUs, shared with the reads it serves. When writes come faster than it applies them
// the replica falls behind (ReplicaLag), and a read of a key whose latest write is not
// applied yet is answered with the old value: a stale read, counted. A replica refuses
// writes (read_only) until it is promoted.
#pragma once
#include "core/catalog/catalog.h"

namespace cp::services {
const catalog::ServiceDescriptor& rds_descriptor();
const catalog::ServiceDescriptor& rds_read_replica_descriptor();
}  // namespace cp::services
