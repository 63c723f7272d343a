#include "core/services/registry.h"

#include "core/services/compute.h"
#include "core/services/users.h"
#include "core/services/route53.h"
#include "core/services/cloudfront.h"
#include "core/services/global_accelerator.h"

namespace cp::services {

void register_services(std::vector<const catalog::ServiceDescriptor*>& out) {
  out.push_back(&users_descriptor());
  out.push_back(&compute_descriptor());
  out.push_back(&route53_descriptor());
  out.push_back(&cloudfront_descriptor());
  out.push_back(&global_accelerator_descriptor());
}

}  // namespace cp::services
