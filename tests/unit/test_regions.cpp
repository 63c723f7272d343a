#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "core/catalog/regions.h"

using namespace cp::catalog;

TEST_CASE("regions: a realistic list with Korean names and at least 3 AZs each") {
  const auto& regions = all_regions();
  REQUIRE(regions.size() >= 16);
  std::set<std::string> codes, azs;
  for (const RegionSpec& r : regions) {
    INFO(r.code);
    CHECK(codes.insert(r.code).second);
    CHECK(std::string(r.name.en).find('(') != std::string::npos);
    CHECK(std::string(r.name.ko).size() > 0);
    CHECK(std::string(r.name.ko) != r.name.en);
    CHECK(r.lat >= -90);
    CHECK(r.lat <= 90);
    CHECK(r.lon >= -180);
    CHECK(r.lon <= 180);
    CHECK(r.azs.size() >= 3);  // AWS-FACTS: Regions and AZs / AZs per Region
    for (const std::string& az : r.azs) {
      CHECK(azs.insert(az).second);  // an AZ ID belongs to one Region
      CHECK(az.find("-az") != std::string::npos);
      CHECK(region_of_az(az) == &r);
      CHECK(region_has_az(r, az));
    }
  }
  for (const char* code : {"us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "sa-east-1", "eu-west-1",
                           "eu-west-2", "eu-central-1", "eu-north-1", "ap-northeast-1", "ap-northeast-2",
                           "ap-southeast-1", "ap-southeast-2", "ap-south-1", "me-south-1"})
    CHECK(find_region(code) != nullptr);
}

TEST_CASE("regions: lookups") {
  const RegionSpec* use1 = find_region("us-east-1");
  REQUIRE(use1);
  CHECK(std::string(use1->name.en) == "US East (N. Virginia)");
  CHECK(std::string(use1->name.ko) == "미국 동부(버지니아 북부)");
  CHECK(use1->azs.size() == 6);
  CHECK(use1->azs.front() == "use1-az1");
  CHECK(use1->azs.back() == "use1-az6");

  const RegionSpec* seoul = find_region("ap-northeast-2");
  REQUIRE(seoul);
  CHECK(std::string(seoul->name.get(true)) == "아시아 태평양(서울)");
  CHECK(std::string(seoul->name.get(false)) == "Asia Pacific (Seoul)");
  CHECK(seoul->azs == std::vector<std::string>{"apne2-az1", "apne2-az2", "apne2-az3", "apne2-az4"});
  CHECK(seoul->lat == Approx(37.57).margin(0.5));

  CHECK(find_region("us-east-9") == nullptr);
  CHECK(find_region("") == nullptr);
  CHECK(region_of_az("apne2-az3") == seoul);
  CHECK(region_of_az("use1-az9") == nullptr);
  CHECK_FALSE(region_has_az(*seoul, "use1-az1"));
}
