// Amazon DynamoDB Accelerator (DAX): a write-through in-memory cache in a Region, between
// its callers and one DynamoDB table (its one outgoing call wire). An eventually
// consistent read (GetItem) that hits the item cache answers in a few hundred
// microseconds; a miss reads the table and fills the cache. Strongly consistent and
// transactional reads pass through to the table, uncached. A write goes to the table
// first and, once the table accepted it, sets the item in the cache (write-through).
// Items expire after the item TTL (default 5 min) and are evicted least recently used
// when a node's memory is full. The cluster's 1-11 nodes sit round-robin in the
// Region's AZs, each holding the whole item cache: losing an AZ loses its nodes' share
// of the cluster's capacity; losing every node makes DAX unavailable.
//
//   if (auto st = dax_stats(sim.model(dax))) print(st->hits, st->misses);
#pragma once
#include <cstdint>
#include <optional>

#include "core/catalog/catalog.h"

namespace cp::services {

struct DaxStats {
  uint64_t hits = 0, misses = 0, pass_through = 0, writes = 0, evictions = 0, throttled = 0;
  uint64_t items = 0;      // items in the item cache now
  uint64_t capacity = 0;   // items a node's memory holds (memory / item size)
  uint32_t nodes = 0;      // nodes in the cluster
  uint32_t nodes_up = 0;   // nodes whose AZ is up now
};
// The counters of a dax model; nullopt for any other model.
std::optional<DaxStats> dax_stats(const sim::Model& m);

const catalog::ServiceDescriptor& dax_descriptor();
}  // namespace cp::services
