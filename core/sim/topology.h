// Where nodes are: Regions, Availability Zones, and the one-way network
// latency between two places. Defaults (docs/engine.md, "Network latency"):
//   same AZ            0.1 ms   (AWS-FACTS: Regions and AZs / AZ distance)
//   cross-AZ           0.6 ms   (AZs up to ~100 km apart, single-digit ms round trip)
//   cross-Region       1 ms + great-circle km / 150 km per ms (fibre path ≈ 1.4× straight line)
//   internet (client)  10 ms + km / 100 km per ms from the client's location to the Region
// Each message gets ±10% uniform jitter.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/sim/ids.h"
#include "core/sim/time.h"

namespace cp::sim {

struct LatencyTable {
  SimTime same_az = 100;
  SimTime cross_az = 600;
  SimTime region_base = 1000;
  double region_km_per_ms = 150.0;
  SimTime internet_base = 10000;
  double internet_km_per_ms = 100.0;
};

// Where a node lives. Global services (Route 53, CloudFront, Global
// Accelerator) sit at the edge next to whoever calls them; clients sit on the
// internet near a Region.
enum class PlacementKind : uint8_t { Az, Region, Global, Internet };

// What kind of thing a service is, as other code asks of it ("is it a load
// balancer?"): declared once in the service's descriptor (catalog::ServiceDescriptor::traits),
// copied into NodeInfo by the engine builder, and asked with has_trait() — never by
// comparing type strings. Where a node lives (zonal, Regional, global) is its
// PlacementKind, not a trait.
enum class Trait : uint32_t {
  LoadBalancer = 1u << 0,  // spreads calls over registered targets (ALB, NLB, CLB, GWLB)
  InstanceHost = 1u << 1,  // serves on instances in one AZ: a tier a caller spreads over AZs (compute, EC2)
  SpansAzs = 1u << 2,      // launches into several AZs of its Region (an Auto Scaling group's subnets)
  HttpProxy = 1u << 3,     // an HTTP proxy in front of its callee: adds its address to X-Forwarded-For (CloudFront)
  Client = 1u << 4,        // sends the traffic (users): its calls start requests, nobody calls it
  Stream = 1u << 5,        // read shard by shard over poll wires (Kinesis): one GetRecords returns up to
                           // 10,000 records, where a queue's receive returns 10
};
using Traits = uint32_t;  // a set of Trait bits
constexpr Traits operator|(Trait a, Trait b) { return static_cast<Traits>(a) | static_cast<Traits>(b); }
constexpr Traits operator|(Traits a, Trait b) { return a | static_cast<Traits>(b); }
constexpr bool has_trait(Traits set, Trait t) { return (set & static_cast<Traits>(t)) != 0; }

struct Placement {
  PlacementKind kind = PlacementKind::Region;
  RegionId region;  // for Az, Region and Internet (the client's nearest Region)
  AzId az;          // for Az
};

struct RegionInfo {
  std::string code;      // "us-east-1"
  double lat = 0, lon = 0;
  bool down = false;
  std::vector<AzId> azs;
};

struct AzInfo {
  std::string id;        // AZ ID, e.g. "use1-az1"
  RegionId region;
  bool down = false;
};

class Topology {
public:
  RegionId add_region(std::string code, double lat, double lon);
  AzId add_az(RegionId region, std::string id);
  const std::vector<RegionInfo>& regions() const { return regions_; }
  const std::vector<AzInfo>& azs() const { return azs_; }
  RegionInfo& region(RegionId r) { return regions_[r.v]; }
  AzInfo& az(AzId a) { return azs_[a.v]; }
  const RegionInfo& region(RegionId r) const { return regions_[r.v]; }
  const AzInfo& az(AzId a) const { return azs_[a.v]; }
  RegionId find_region(const std::string& code) const;
  AzId find_az(const std::string& id) const;
  // The Region's AZs in the document's order.
  std::vector<AzId> azs_in(RegionId region) const;

  LatencyTable& table() { return table_; }
  const LatencyTable& table() const { return table_; }

  // Is a place up? (its AZ and its Region)
  bool up(const Placement& p) const;
  // One-way latency between two placements, before jitter. `origin_region` is
  // where the request's client is: it places Global (edge) nodes.
  SimTime latency(const Placement& a, const Placement& b, RegionId origin_region) const;
  // Precomputed cross-Region latencies (symmetric matrix), filled by finalize().
  void finalize();

private:
  SimTime region_to_region(RegionId a, RegionId b) const;
  std::vector<RegionInfo> regions_;
  std::vector<AzInfo> azs_;
  LatencyTable table_;
  std::vector<SimTime> region_matrix_;    // n×n one-way µs over the backbone
  std::vector<SimTime> internet_matrix_;  // n×n extra µs for a client near Region i reaching Region j
};

// Great-circle distance in km, computed with the engine's own math (identical native and wasm).
double great_circle_km(double lat1, double lon1, double lat2, double lon2);

}  // namespace cp::sim
