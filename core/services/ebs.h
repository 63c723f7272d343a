// EBS: one block-storage volume in one Availability Zone. The instances that
// connect to it (ec2 → ebs) perform one I/O per request they serve (writes
// only, or every request): the volume issues I/Os at its IOPS rate (gp2: a
// baseline of 3 IOPS/GiB that bursts to 3,000 on a 5.4 M credit bucket; gp3:
// 3,000 + provisioned; io1/io2: provisioned), answers after its I/O latency,
// queues when over the rate and refuses (Throttled) when the queue is full.
// A volume attached from another AZ, or to more instances than it may be
// (Multi-Attach: io1/io2 only, ≤ 16, same AZ), refuses those instances' I/O
// and says why in the event log. Cost: GB-month plus provisioned IOPS/throughput.
#pragma once
#include <string>

#include "core/catalog/catalog.h"

namespace cp::services {

struct EbsVolumeType {
  const char* name;              // "gp3"
  int min_gib, max_gib;
  double latency_ms;             // one I/O (⚠ simplified: fixed)
  double usd_per_gb_month;
  bool price_confirmed;          // false: ⚠ approximate (not in AWS-FACTS)
};
const EbsVolumeType* find_ebs_volume_type(const std::string& name);

// The IOPS a volume of this type/size/provisioned IOPS sustains (gp2: its baseline).
double ebs_baseline_iops(const std::string& type, double size_gib, double provisioned_iops);

const catalog::ServiceDescriptor& ebs_descriptor();

}  // namespace cp::services
