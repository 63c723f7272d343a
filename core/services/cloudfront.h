// CloudFront: edge caches in front of an origin. Requests are keyed by
// Request::key; each edge location (one per Region the users are near, from
// Simulation::origin_region) has its own LRU cache with a TTL, so a new Region's
// users start cold. A hit is answered at the edge; a miss goes to the optional
// regional edge cache tier, then to the origin (the first outgoing connection),
// with origin failover to the second connection when the first fails. The hit
// ratio emerges from the TTL, the cache size and the popularity (Zipf) of keys.
//
//   if (auto st = cloudfront_stats(sim.model(cdn)))
//     for (auto& e : st->edges) print(e.where, e.hits, e.misses);
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/catalog/catalog.h"

namespace cp::services {

struct CloudFrontCacheStats {
  std::string where;     // edge: the users' Region code; regional edge cache: its continent
  uint64_t hits = 0, misses = 0;
  size_t objects = 0;
};
struct CloudFrontStats {
  std::vector<CloudFrontCacheStats> edges;     // in order of first request
  std::vector<CloudFrontCacheStats> regional;  // regional edge caches (when on)
};
// The caches of a cloudfront model; nullopt for any other model.
std::optional<CloudFrontStats> cloudfront_stats(const sim::Model& m);

const catalog::ServiceDescriptor& cloudfront_descriptor();
}
