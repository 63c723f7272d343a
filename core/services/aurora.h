// Amazon Aurora (MySQL-compatible): a DB cluster of one writer and up to 15 Aurora
// Replicas over one shared storage volume.
//
// The volume keeps six copies of the data, two in each of three AZs. A write commits
// once four copies have it (write quorum 4/6), a read of the volume needs three (read
// quorum 3/6): losing a whole AZ (two copies) keeps both; losing an AZ and one more
// copy leaves three, and the cluster is read-only; fewer than three and it is down.
//
// Callers reach the cluster through its endpoints: writes go to the cluster (writer)
// endpoint, reads to the reader endpoint, which spreads them over the replicas (over
// the writer when there are none). Replicas read the same volume, so they are only
// 10-20 ms behind, not seconds like an RDS read replica. When the writer's AZ fails,
// a replica is promoted (typically under 30-60 s); without one the writer is
// re-created in another AZ, which takes minutes.
#pragma once
#include "core/catalog/catalog.h"

namespace cp::services {
const catalog::ServiceDescriptor& aurora_descriptor();
}  // namespace cp::services
