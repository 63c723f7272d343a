#include <catch2/catch.hpp>

#include "lb_test_util.h"

using namespace lbt;

// Five workers, no queue, 1 s per request, 8 requests/s: about 3 of every 8 arrivals find every
// worker busy and are refused at once. Mixed together, those refusals pulled the mean towards 0.
TEST_CASE("latency: served and refused requests are timed apart", "[latency]") {
  auto d = base(300);
  users(d, 8, "app");
  node(d, "app", "compute", "use1-az1",
       {{"workers", 5}, {"queue_limit", 0}, {"service_time", {{"kind", "constant"}, {"value_ms", 1000}}}});
  auto built = engine::build(d, 7);
  REQUIRE(built.ok());
  Simulation& sim = *built.sim;
  sim.run_until(from_seconds(300));
  const NodeMetrics& app = sim.metrics(built.node("app"));
  REQUIRE(app.failed_latency.count() > 100);   // refusals happened
  REQUIRE(app.latency.count() > 1000);         // and so did served requests
  CHECK(app.latency.count() == app.completions);
  CHECK(app.latency.count() + app.failed_latency.count() == app.arrivals - app.queue.value - app.busy.value);
  CHECK(app.latency.mean() == Approx(1e6).epsilon(0.01));      // every served request took 1 s
  CHECK(app.failed_latency.mean() < 1000);                      // refused at once (< 1 ms)
  // The series' percentiles are of served requests too.
  for (const SeriesPoint& p : app.series)
    if (p.completions_per_s > 0) CHECK(p.p50_ms == Approx(1000).epsilon(0.02));
  // The users see the same split.
  const NodeMetrics& u = sim.metrics(built.node("users"));
  CHECK(u.latency.mean() >= 1e6);
  CHECK(u.failed_latency.count() > 100);
}
