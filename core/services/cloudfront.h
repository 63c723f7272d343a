// CloudFront: an edge cache in front of an origin. Requests are keyed by
// Request::key; a hit is answered at the edge, a miss goes to the origin (the
// first outgoing connection), with origin failover to the second connection
// when the first fails. The hit ratio emerges from the TTL, the cache size and
// the popularity (Zipf) of the keys the users ask for.
#pragma once
#include "core/catalog/catalog.h"

namespace cp::services {
const catalog::ServiceDescriptor& cloudfront_descriptor();
}
