// engine::build's own errors name the node and never show an empty name (AZ "").
#include <catch2/catch.hpp>

#include "lb_test_util.h"

using namespace lbt;

TEST_CASE("build: a zonal service in no AZ is named and told where to go", "[build]") {
  auto d = base(10);
  node(d, "web", "ec2", "");  // dropped between two AZ frames: a Region, no AZ
  d.nodes.back().name = "Web server";
  auto b = engine::build(d, 1);
  REQUIRE(b.errors.size() == 1);
  CHECK(b.errors[0].path == "nodes[0].az");
  CHECK(b.errors[0].message == "\"Web server\" has no Availability Zone; drop it into one");
  CHECK(b.errors[0].message_ko == "\"Web server\"는 가용 영역에 속해 있지 않습니다. 가용 영역 안으로 옮기세요.");
  CHECK(b.errors[0].message.find("\"\"") == std::string::npos);
}

TEST_CASE("build: an AZ the document does not have is named with its node", "[build]") {
  auto d = base(10);
  node(d, "web", "ec2", "use1-az9");
  auto b = engine::build(d, 1);
  REQUIRE(b.errors.size() == 1);
  CHECK(b.errors[0].message == "\"web\": AZ \"use1-az9\" is not one of the document's Availability Zones");
  CHECK(b.errors[0].message_ko == "\"web\": \"use1-az9\" 가용 영역은 이 문서에 없습니다");
}
