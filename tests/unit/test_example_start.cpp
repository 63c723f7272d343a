// The three-tier example starts from a deployed architecture: the Auto Scaling
// group's desired instances are in service and registered with the load balancer
// at 0 s, so the first seconds have no errors (no spike while "launching").
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "core/doc/document.h"
#include "core/engine/build.h"

using namespace cp;

TEST_CASE("three-tier example: no errors at the start, targets healthy from 0 s", "[example-start]") {
  std::ifstream f(std::string(CLOUDPLAY_SOURCE_DIR) + "/examples/three-tier-web.json");
  std::stringstream ss;
  ss << f.rdbuf();
  auto r = doc::parse_document(ss.str());
  REQUIRE(r.ok());
  auto b = engine::build(r.document);
  REQUIRE(b.ok());
  b.sim->start();
  b.sim->run_until(sim::from_seconds(30));
  const auto& users = b.sim->metrics(b.node("users"));
  REQUIRE(users.series.size() >= 30);
  for (size_t i = 0; i < 30; ++i) {
    INFO("second " << i + 1);
    CHECK(users.series[i].errors_per_s == 0);
    CHECK(users.series[i].completions_per_s > 100);
  }
  // No target went through "initial": they were registered and healthy before the run.
  for (const auto& e : b.sim->event_log()) {
    INFO(e.text_en);
    CHECK(e.text_en.find("initial") == std::string::npos);
  }
}
