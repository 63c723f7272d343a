// Users: a traffic source. Requests arrive by a pattern (constant, Poisson,
// ramp, diurnal, spike) from a place on the internet near a Region, and the
// users' experience (latency, errors, timeouts) is this node's metrics.
#pragma once
#include "core/catalog/catalog.h"

namespace cp::services {
const catalog::ServiceDescriptor& users_descriptor();
}
