// Route 53: a DNS record with a routing policy (simple, weighted, latency,
// failover, geolocation, geoproximity, multivalue) over the node's outgoing
// connections (the record's targets), endpoint health checks, and client
// resolvers that cache the answer for the record's TTL — so a failover takes
// detection (threshold × interval) + TTL, as in AWS.
#pragma once
#include <string>

#include "core/catalog/catalog.h"

namespace cp::services {
const catalog::ServiceDescriptor& route53_descriptor();

// Continent group of a Region code for geolocation ("us-east-1" -> "NA",
// "eu-west-1" -> "EU", "ap-northeast-2" -> "AP"...). Shared with lint and tests.
std::string region_continent(const std::string& region_code);
}
