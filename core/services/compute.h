// Compute (generic): c workers, a service-time distribution, an optional
// queue limit, then calls to each outgoing connection in order. The
// textbook server: M/M/1, M/M/c, M/G/1 and tandem networks are built from it,
// and the engine's tests check it against queueing theory.
#pragma once
#include "core/catalog/catalog.h"

namespace cp::services {
const catalog::ServiceDescriptor& compute_descriptor();
}
