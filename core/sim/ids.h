// Typed ids, so a connection index is never passed where a node index belongs.
// Indices are dense (0..n-1) in the order the document lists things.
#pragma once
#include <cstdint>

namespace cp::sim {

template <class Tag>
struct Id {
  uint32_t v = UINT32_MAX;
  constexpr bool valid() const { return v != UINT32_MAX; }
  friend constexpr bool operator==(Id a, Id b) { return a.v == b.v; }
  friend constexpr bool operator!=(Id a, Id b) { return a.v != b.v; }
  friend constexpr bool operator<(Id a, Id b) { return a.v < b.v; }
};

using NodeId = Id<struct NodeTag>;
using ConnId = Id<struct ConnTag>;
using AzId = Id<struct AzTag>;
using RegionId = Id<struct RegionTag>;
using PoolId = Id<struct PoolTag>;  // a limit shared by nodes (shared_pool.h)

}  // namespace cp::sim
