// The list of every service the engine knows. catalog::all_services() reads it.
// Adding a service = a model file in core/services/ + one line in registry.cpp.
#pragma once
#include <vector>

#include "core/catalog/catalog.h"

// register_services is declared in core/catalog/catalog.h (the catalog reads the list;
// it includes no header of core/services/, so the folders do not include each other).
