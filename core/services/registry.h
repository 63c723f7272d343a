// The list of every service the engine knows. catalog::all_services() reads it.
// Adding a service = a model file in core/services/ + one line in registry.cpp.
#pragma once
#include <vector>

#include "core/catalog/catalog.h"

namespace cp::services {
void register_services(std::vector<const catalog::ServiceDescriptor*>& out);
}
