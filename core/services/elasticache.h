// Amazon ElastiCache, node-based: a Redis OSS / Valkey or Memcached cluster in a
// Region, in front of a database (its one outgoing wire). Keys are hashed over the
// shards (Memcached: over the nodes); each shard keeps an LRU of what fits in its
// node's memory, with the TTL the application sets. A read that hits answers in
// under a millisecond; a miss reads the database and fills the cache (lazy
// loading, cache-aside). A write goes to the database and, by strategy, leaves the
// cached copy stale (lazy loading), deletes it, or sets it (write-through).
// Nodes sit round-robin in the Region's AZs: losing an AZ loses a Memcached node's
// keys, while a Redis shard with a replica in another AZ (Multi-AZ) fails over in
// seconds and keeps them.
//
//   if (auto st = elasticache_stats(sim.model(cache))) print(st->hits, st->misses);
#pragma once
#include <cstdint>
#include <optional>

#include "core/catalog/catalog.h"

namespace cp::services {

struct ElastiCacheStats {
  uint64_t hits = 0, misses = 0, evictions = 0, stale_reads = 0, database_calls = 0, failovers = 0;
  uint64_t items = 0;         // keys held now, over every reachable shard
  uint64_t capacity = 0;      // keys one shard holds (node memory / item size)
  uint32_t shards_lost = 0;   // shards whose every node is down now
  uint32_t failing_over = 0;  // shards promoting a replica now (writes paused)
};
// The counters of an elasticache model; nullopt for any other model.
std::optional<ElastiCacheStats> elasticache_stats(const sim::Model& m);

const catalog::ServiceDescriptor& elasticache_descriptor();
}  // namespace cp::services
