// Amazon API Gateway: the front door of an API. Each request takes a token from the
// account's bucket in its Region (a kernel shared pool: 10,000 requests/s, burst 5,000,
// shared by every API of the account there) and from the stage's own bucket when set;
// without one it is refused with 429. A request above the payload limit gets 413. A cached
// GET is answered from the stage cache; anything else goes to the integration (the first
// outgoing wire), and when that takes longer than the integration timeout the client gets
// 504 while the backend keeps working.
#pragma once
#include <optional>
#include <vector>

#include "core/catalog/catalog.h"

namespace cp::services {

const catalog::ServiceDescriptor& api_gateway_descriptor();

struct ApiGatewayStats {
  uint64_t requests = 0, throttled = 0, timeouts = 0, too_large = 0, cache_hits = 0, cache_misses = 0;
  uint64_t late_backend_answers = 0;  // backend answers that came after the client got its 504
};
std::optional<ApiGatewayStats> api_gateway_stats(const sim::Model& m);

// Lint advice about APIs (its descriptor's lint rules ask it): integration timeout vs the function's timeout, ...
void api_gateway_lint(const doc::Document& d, std::vector<catalog::Finding>& out);

}  // namespace cp::services
