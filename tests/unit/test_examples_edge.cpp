// The Route 53 and CloudFront examples: each loads, runs, and shows its behaviour.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "core/doc/document.h"
#include "core/engine/build.h"
#include "core/lint/lint.h"
#include "tests/unit/source_files.h"

using namespace cp;
using namespace cp::sim;


TEST_CASE("example route53-failover-two-regions: errors last ~detection + TTL, then Ireland serves", "[examples]") {
  doc::Document d = cp::test::example_document("route53-failover-two-regions.json");
  engine::Built b = engine::build(d);
  REQUIRE(b.ok());
  b.sim->run_until(b.duration);
  double first = -1, last = -1;
  for (const auto& pt : b.sim->metrics(b.node("users")).series)
    if (pt.errors_per_s > 0) {
      if (first < 0) first = pt.t_s;
      last = pt.t_s;
    }
  INFO("errors from " << first << " to " << last);
  CHECK(first >= 120);
  CHECK(first <= 125);
  CHECK(last >= 190);  // fault 120 + detection 20-30 + TTL 60 (minus resolver spread)
  CHECK(last <= 215);
  CHECK(b.sim->metrics(b.node("app-ireland")).arrivals > 5000);
  // After the Region returns (480 s) and 3 checks pass, new answers go back to Virginia.
  auto& virginia = b.sim->metrics(b.node("app-virginia")).series;
  CHECK(virginia.back().arrivals_per_s > 30);
  CHECK(lint::lint(d).empty());
}

TEST_CASE("example cloudfront-in-front-of-origin: high hit ratio, origin failover", "[examples]") {
  doc::Document d = cp::test::example_document("cloudfront-in-front-of-origin.json");
  engine::Built b = engine::build(d);
  REQUIRE(b.ok());
  b.sim->run_until(b.duration);
  const NodeMetrics& cdn = b.sim->metrics(b.node("cdn"));
  uint64_t origin = b.sim->metrics(b.node("origin")).arrivals;
  uint64_t backup = b.sim->metrics(b.node("origin-backup")).arrivals;
  double hit = 1.0 - static_cast<double>(origin + backup) / static_cast<double>(cdn.arrivals);
  INFO("hit ratio " << hit << ", gauge " << cdn.metric_value("hit_ratio") << "%");
  CHECK(hit > 0.6);
  CHECK(cdn.metric_value("hit_ratio") > 70);  // the last second's hit ratio, after warm-up
  CHECK(backup > 0);
  CHECK(b.sim->metrics(b.node("users")).errors() == 0);
}
