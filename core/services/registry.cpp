#include "core/services/registry.h"

#include "core/services/compute.h"
#include "core/services/users.h"

namespace cp::services {

void register_services(std::vector<const catalog::ServiceDescriptor*>& out) {
  out.push_back(&users_descriptor());
  out.push_back(&compute_descriptor());
}

}  // namespace cp::services
