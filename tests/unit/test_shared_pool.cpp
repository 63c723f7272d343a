// Shared pools: limits owned by the kernel and shared by nodes (Lambda's concurrency per
// Region, API Gateway's account throttle, a spread placement group's instances per AZ).
// The same key is the same pool; a counting pool is all-or-nothing; a token bucket
// refills at its rate up to its burst; a checkpoint copies the pools and a rewind
// restores them.
#include <catch2/catch.hpp>

#include <memory>

#include "core/sim/model.h"
#include "core/sim/shared_pool.h"
#include "core/sim/simulation.h"

using namespace cp::sim;

TEST_CASE("shared pools: one key, one pool; units are held all or nothing and released") {
  SharedPools pools;
  const PoolId a = pools.declare({"lambda_concurrency", 0}, {.limit = 10});
  const PoolId b = pools.declare({"lambda_concurrency", 0}, {.limit = 999});  // another node, same Region
  const PoolId other_region = pools.declare({"lambda_concurrency", 1}, {.limit = 10});
  CHECK(a == b);
  CHECK(a != other_region);
  CHECK(pools.state(a).spec.limit == 10);  // the first declaration's limit
  CHECK(pools.state(a).declared_by == 2);
  CHECK(pools.acquire(a, 6, NodeId{3}));
  CHECK_FALSE(pools.acquire(b, 5, NodeId{4}));  // 6 + 5 > 10: nothing taken
  CHECK(pools.state(a).in_use == 6);
  CHECK(pools.acquire(b, 4, NodeId{4}));
  CHECK(pools.state(a).in_use == 10);
  CHECK(pools.state(a).first_holder == NodeId{3});
  CHECK(pools.acquire(other_region, 10, NodeId{5}));  // its own limit
  pools.release(a, 7);
  CHECK(pools.state(a).in_use == 3);
  CHECK(pools.state(a).peak == 10);
  CHECK(pools.state(a).granted == 2);
  CHECK(pools.state(a).refused == 1);
  pools.release(a, 100);
  CHECK(pools.state(a).in_use == 0);  // never below zero
}

TEST_CASE("shared pools: a token bucket starts full, refills at its rate and never above its burst") {
  SharedPools pools;
  // API Gateway's account throttle in miniature: 10 requests/s steady, a burst of 5.
  const PoolId t = pools.declare({"apigw_account_rps"}, {.limit = 5, .refill_per_s = 10});
  int granted = 0;
  for (int i = 0; i < 8; ++i) granted += pools.take(t, 1, 0);
  CHECK(granted == 5);  // the burst
  CHECK(pools.state(t).refused == 3);
  CHECK_FALSE(pools.take(t, 1, from_seconds(0.05)));  // half a token so far
  CHECK(pools.take(t, 1, from_seconds(0.1)));
  CHECK(pools.tokens(t, from_seconds(60)) == Approx(5));  // full again, not 600
  // Over 10 s at 100 tries per second, the bucket lets through its rate (plus the burst).
  SharedPools fresh;
  const PoolId u = fresh.declare({"apigw_account_rps"}, {.limit = 5, .refill_per_s = 10});
  int passed = 0;
  for (int ms = 0; ms < 10000; ms += 10) passed += fresh.take(u, 1, from_seconds(ms / 1000.0));
  CHECK(passed >= 100);
  CHECK(passed <= 106);
}

namespace {
// Holds one unit of a shared pool from its start until a timer at 5 s.
class Holder final : public Model {
public:
  void start(Simulation& sim) override {
    pool_ = sim.pools().declare({"test_pool"}, {.limit = 2});
    held_ = sim.pools().acquire(pool_, 1, id());
    sim.schedule_timer(id(), from_seconds(5), 1);
  }
  void on_timer(Simulation& sim, uint16_t, uint64_t) override {
    if (held_) sim.pools().release(pool_, 1);
    held_ = false;
  }
  void on_request(Simulation& sim, ReqHandle h) override { sim.respond(h, Outcome::Ok); }
  std::unique_ptr<Model> clone() const override { return std::make_unique<Holder>(*this); }
  bool held_ = false;

private:
  PoolId pool_;
};
}  // namespace

TEST_CASE("shared pools: three nodes share a pool of two; a checkpoint copies it and a rewind restores it") {
  Simulation sim(1);
  const RegionId r = sim.topology().add_region("us-east-1", 38.9, -77.0);
  const AzId az = sim.topology().add_az(r, "use1-az1");
  for (int i = 0; i < 3; ++i) {
    NodeInfo info;
    info.id = "h" + std::to_string(i);
    info.placement = {PlacementKind::Az, r, az};
    sim.add_node(std::make_unique<Holder>(), info);
  }
  sim.start();
  const PoolId p = *sim.pools().find({"test_pool"});
  CHECK(sim.pools().state(p).in_use == 2);  // the third was refused
  CHECK(sim.pools().state(p).refused == 1);
  CHECK(sim.pools().state(p).declared_by == 3);
  sim.run_until(from_seconds(2));
  auto cp = sim.checkpoint();
  sim.run_until(from_seconds(8));
  CHECK(sim.pools().state(p).in_use == 0);
  REQUIRE(sim.rewind_to(*cp));
  CHECK(sim.pools().state(p).in_use == 2);
  sim.run_until(from_seconds(8));
  CHECK(sim.pools().state(p).in_use == 0);
}
