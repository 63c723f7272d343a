// The three-tier example starts from a deployed architecture: the Auto Scaling
// group's desired instances are in service and registered with the load balancer
// at 0 s, so the first seconds have no errors (no spike while "launching").
#include <catch2/catch.hpp>

#include <algorithm>

#include "core/doc/document.h"
#include "core/engine/build.h"
#include "tests/unit/source_files.h"

using namespace cp;

TEST_CASE("three-tier example: no errors at the start, targets healthy from 0 s", "[example-start]") {
  doc::Document d = cp::test::example_document("three-tier-web.json");
  // Whatever the order of the nodes (the editor adds the ALB before its group,
  // the example lists the group first): the load balancer finds the group's
  // instances after every model started.
  const bool alb_first = GENERATE(false, true);
  INFO("ALB listed before the Auto Scaling group: " << alb_first);
  if (alb_first) {
    auto& nodes = d.nodes;
    auto alb = std::find_if(nodes.begin(), nodes.end(), [](const doc::NodeDoc& n) { return n.id == "alb"; });
    auto asg = std::find_if(nodes.begin(), nodes.end(), [](const doc::NodeDoc& n) { return n.id == "web"; });
    REQUIRE(alb != nodes.end());
    REQUIRE(asg != nodes.end());
    REQUIRE(asg < alb);
    std::rotate(asg, asg + 1, alb + 1);  // the group moves just after the ALB
  }
  auto b = engine::build(d);
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
