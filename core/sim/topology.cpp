#include "core/sim/topology.h"

#include <cmath>

#include "core/sim/detmath.h"
#include "core/sim/dettrig.h"

namespace cp::sim {

RegionId Topology::add_region(std::string code, double lat, double lon) {
  RegionId id{static_cast<uint32_t>(regions_.size())};
  regions_.push_back(RegionInfo{std::move(code), lat, lon, false, {}});
  return id;
}

AzId Topology::add_az(RegionId region, std::string id) {
  AzId a{static_cast<uint32_t>(azs_.size())};
  azs_.push_back(AzInfo{std::move(id), region, false});
  regions_[region.v].azs.push_back(a);
  return a;
}

std::vector<AzId> Topology::azs_in(RegionId region) const {
  std::vector<AzId> out;
  for (uint32_t i = 0; i < azs_.size(); ++i)
    if (azs_[i].region == region) out.push_back(AzId{i});
  return out;
}

RegionId Topology::find_region(const std::string& code) const {
  for (uint32_t i = 0; i < regions_.size(); ++i)
    if (regions_[i].code == code) return RegionId{i};
  return RegionId{};
}

AzId Topology::find_az(const std::string& id) const {
  for (uint32_t i = 0; i < azs_.size(); ++i)
    if (azs_[i].id == id) return AzId{i};
  return AzId{};
}

bool Topology::up(const Placement& p) const {
  switch (p.kind) {
    case PlacementKind::Az:
      return !(p.az.valid() && azs_[p.az.v].down) && !(p.region.valid() && regions_[p.region.v].down);
    case PlacementKind::Region: return !(p.region.valid() && regions_[p.region.v].down);
    case PlacementKind::Global:
    case PlacementKind::Internet: return true;  // edges and users are outside any one Region
  }
  return true;
}

double great_circle_km(double lat1, double lon1, double lat2, double lon2) {
  // Chord between the two points on the unit sphere, then the arc from the
  // chord (2·asin(c/2) by its series: c + c³/24 + 3c⁵/640 + 5c⁷/7168).
  const double rad = 3.14159265358979323846 / 180.0;
  double a1 = lat1 * rad, o1 = lon1 * rad, a2 = lat2 * rad, o2 = lon2 * rad;
  double x1 = det_cos(a1) * det_cos(o1), y1 = det_cos(a1) * det_sin(o1), z1 = det_sin(a1);
  double x2 = det_cos(a2) * det_cos(o2), y2 = det_cos(a2) * det_sin(o2), z2 = det_sin(a2);
  double dx = x1 - x2, dy = y1 - y2, dz = z1 - z2;
  double c = std::sqrt(dx * dx + dy * dy + dz * dz);
  double c2 = c * c;
  double arc = c * (1.0 + c2 * (1.0 / 24 + c2 * (3.0 / 640 + c2 * (5.0 / 7168))));
  return 6371.0 * arc;
}

void Topology::finalize() {
  size_t n = regions_.size();
  region_matrix_.assign(n * n, 0);
  internet_matrix_.assign(n * n, 0);
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < n; ++j) {
      if (i == j) continue;
      double km = great_circle_km(regions_[i].lat, regions_[i].lon, regions_[j].lat, regions_[j].lon);
      region_matrix_[i * n + j] = table_.region_base + static_cast<SimTime>(km / table_.region_km_per_ms * 1000.0);
      internet_matrix_[i * n + j] = static_cast<SimTime>(km / table_.internet_km_per_ms * 1000.0);
    }
}

SimTime Topology::region_to_region(RegionId a, RegionId b) const {
  if (!a.valid() || !b.valid() || a == b) return 0;
  size_t n = regions_.size();
  if (region_matrix_.size() != n * n) return table_.region_base;
  return region_matrix_[a.v * n + b.v];
}

SimTime Topology::latency(const Placement& a_in, const Placement& b_in, RegionId origin_region) const {
  Placement a = a_in, b = b_in;
  // An edge (global) node is next to the client that reached it.
  auto at_edge = [&](Placement& p) {
    if (p.kind == PlacementKind::Global) {
      p.kind = PlacementKind::Internet;
      p.region = origin_region;
    }
  };
  bool a_edge = a.kind == PlacementKind::Global, b_edge = b.kind == PlacementKind::Global;
  at_edge(a);
  at_edge(b);
  if (a_edge && b_edge) return table_.same_az;
  if (a_edge || b_edge) {
    // client <-> edge: a short hop to the nearest edge location; edge <-> AWS:
    // over the backbone, like Region to Region plus a small edge hop.
    Placement& other = a_edge ? b : a;
    if (other.kind == PlacementKind::Internet) return table_.internet_base / 2;
    return table_.same_az * 10 + region_to_region(origin_region, other.region);
  }
  if (a.kind == PlacementKind::Internet || b.kind == PlacementKind::Internet) {
    const Placement& client = a.kind == PlacementKind::Internet ? a : b;
    const Placement& server = a.kind == PlacementKind::Internet ? b : a;
    SimTime extra = 0;
    size_t n = regions_.size();
    if (client.region.valid() && server.region.valid() && internet_matrix_.size() == n * n)
      extra = internet_matrix_[client.region.v * n + server.region.v];
    return table_.internet_base + extra;
  }
  if (a.region != b.region) return region_to_region(a.region, b.region);
  if (a.kind == PlacementKind::Az && b.kind == PlacementKind::Az && a.az != b.az) return table_.cross_az;
  return table_.same_az;
}

}  // namespace cp::sim
