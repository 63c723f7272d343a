// Regions: the AWS Regions a document may use, with their Availability Zone IDs,
// display names in English and Korean (as AWS's consoles write them) and the
// approximate location of the metro, for cross-Region latency.
//
//   const cp::catalog::RegionSpec* r = cp::catalog::find_region("ap-northeast-2");
//   if (r) show(r->name.get(korean));                 // "Asia Pacific (Seoul)" / "아시아 태평양(서울)"
//   const cp::catalog::RegionSpec* owner = cp::catalog::region_of_az("apne2-az3");
//
// AZ IDs (use1-az1) are the same physical place in every account, unlike AZ
// names (us-east-1a), which older Regions map per account: documents use IDs.
// AWS-FACTS: Regions and AZs / AZs per Region (3 or more in every Region),
// AZ names (AZ ID global).
#pragma once
#include <string>
#include <vector>

#include "core/catalog/catalog.h"

namespace cp::catalog {

struct RegionSpec {
  std::string code;              // "us-east-1"
  Text name;                     // "US East (N. Virginia)" / "미국 동부(버지니아 북부)"
  double lat = 0, lon = 0;       // the metro, degrees (approximate)
  std::vector<std::string> azs;  // AZ IDs: "use1-az1", ...
};

// Every Region cloudplay knows, in a fixed order (Americas, Europe, Asia Pacific, others).
const std::vector<RegionSpec>& all_regions();
// nullptr when the code is unknown.
const RegionSpec* find_region(const std::string& code);
// The Region an AZ ID belongs to; nullptr when no known Region has it.
const RegionSpec* region_of_az(const std::string& az_id);
// The code of the Region an AZ ID belongs to, "" when none (doc::RegionOfAz, for migration).
std::string region_code_of_az(const std::string& az_id);
// Does `az_id` belong to `region`?
bool region_has_az(const RegionSpec& region, const std::string& az_id);

}  // namespace cp::catalog
