#include "core/catalog/regions.h"

namespace cp::catalog {
namespace {

// Names as the AWS consoles show them (English and Korean); coordinates are the
// metro the Region is named after (approximate; used for great-circle latency).
// AZ IDs: every AZ of the Region. A few are open only to older accounts
// (us-west-1's usw1-az2, ap-northeast-1's apne1-az3); they are listed, since a
// learner's account may have them. ca-central-1 has no cac1-az3.
std::vector<RegionSpec> make_regions() {
  auto azs = [](const char* prefix, std::initializer_list<int> numbers) {
    std::vector<std::string> out;
    for (int n : numbers) out.push_back(std::string(prefix) + "-az" + std::to_string(n));
    return out;
  };
  return {
      // ---- Americas ----
      {"us-east-1", {"US East (N. Virginia)", "미국 동부(버지니아 북부)"}, 38.95, -77.45, azs("use1", {1, 2, 3, 4, 5, 6})},
      {"us-east-2", {"US East (Ohio)", "미국 동부(오하이오)"}, 39.96, -83.00, azs("use2", {1, 2, 3})},
      {"us-west-1", {"US West (N. California)", "미국 서부(캘리포니아 북부)"}, 37.35, -121.96, azs("usw1", {1, 2, 3})},
      {"us-west-2", {"US West (Oregon)", "미국 서부(오레곤)"}, 45.84, -119.70, azs("usw2", {1, 2, 3, 4})},
      {"ca-central-1", {"Canada (Central)", "캐나다(중부)"}, 45.50, -73.57, azs("cac1", {1, 2, 4})},
      {"sa-east-1", {"South America (São Paulo)", "남아메리카(상파울루)"}, -23.55, -46.63, azs("sae1", {1, 2, 3})},
      // ---- Europe ----
      {"eu-west-1", {"Europe (Ireland)", "유럽(아일랜드)"}, 53.35, -6.26, azs("euw1", {1, 2, 3})},
      {"eu-west-2", {"Europe (London)", "유럽(런던)"}, 51.51, -0.13, azs("euw2", {1, 2, 3})},
      {"eu-west-3", {"Europe (Paris)", "유럽(파리)"}, 48.86, 2.35, azs("euw3", {1, 2, 3})},
      {"eu-central-1", {"Europe (Frankfurt)", "유럽(프랑크푸르트)"}, 50.11, 8.68, azs("euc1", {1, 2, 3})},
      {"eu-central-2", {"Europe (Zurich)", "유럽(취리히)"}, 47.37, 8.54, azs("euc2", {1, 2, 3})},
      {"eu-north-1", {"Europe (Stockholm)", "유럽(스톡홀름)"}, 59.33, 18.07, azs("eun1", {1, 2, 3})},
      {"eu-south-1", {"Europe (Milan)", "유럽(밀라노)"}, 45.46, 9.19, azs("eus1", {1, 2, 3})},
      // ---- Asia Pacific ----
      {"ap-northeast-1", {"Asia Pacific (Tokyo)", "아시아 태평양(도쿄)"}, 35.68, 139.69, azs("apne1", {1, 2, 3, 4})},
      {"ap-northeast-2", {"Asia Pacific (Seoul)", "아시아 태평양(서울)"}, 37.57, 126.98, azs("apne2", {1, 2, 3, 4})},
      {"ap-northeast-3", {"Asia Pacific (Osaka)", "아시아 태평양(오사카)"}, 34.69, 135.50, azs("apne3", {1, 2, 3})},
      {"ap-southeast-1", {"Asia Pacific (Singapore)", "아시아 태평양(싱가포르)"}, 1.35, 103.82, azs("apse1", {1, 2, 3})},
      {"ap-southeast-2", {"Asia Pacific (Sydney)", "아시아 태평양(시드니)"}, -33.87, 151.21, azs("apse2", {1, 2, 3})},
      {"ap-south-1", {"Asia Pacific (Mumbai)", "아시아 태평양(뭄바이)"}, 19.08, 72.88, azs("aps1", {1, 2, 3})},
      {"ap-east-1", {"Asia Pacific (Hong Kong)", "아시아 태평양(홍콩)"}, 22.32, 114.17, azs("ape1", {1, 2, 3})},
      // ---- Middle East, Africa ----
      {"me-south-1", {"Middle East (Bahrain)", "중동(바레인)"}, 26.07, 50.56, azs("mes1", {1, 2, 3})},
      {"me-central-1", {"Middle East (UAE)", "중동(UAE)"}, 25.20, 55.27, azs("mec1", {1, 2, 3})},
      {"af-south-1", {"Africa (Cape Town)", "아프리카(케이프타운)"}, -33.92, 18.42, azs("afs1", {1, 2, 3})},
  };
}

}  // namespace

const std::vector<RegionSpec>& all_regions() {
  static const std::vector<RegionSpec> regions = make_regions();
  return regions;
}

const RegionSpec* find_region(const std::string& code) {
  for (const RegionSpec& r : all_regions())
    if (r.code == code) return &r;
  return nullptr;
}

bool region_has_az(const RegionSpec& region, const std::string& az_id) {
  for (const std::string& a : region.azs)
    if (a == az_id) return true;
  return false;
}

const RegionSpec* region_of_az(const std::string& az_id) {
  for (const RegionSpec& r : all_regions())
    if (region_has_az(r, az_id)) return &r;
  return nullptr;
}

std::string region_code_of_az(const std::string& az_id) {
  const RegionSpec* r = region_of_az(az_id);
  return r ? r->code : std::string();
}

}  // namespace cp::catalog
