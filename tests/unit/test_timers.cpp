// Cancellable timers (tokens) and the WakeUp helper.
#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

#include "core/sim/simulation.h"

using namespace cp::sim;

namespace {

// Records every timer that fires.
class Recorder : public ModelBase<Recorder> {
public:
  void on_request(Simulation& sim, ReqHandle h) override { sim.respond(h, Outcome::Rejected); }
  void on_timer(Simulation& sim, uint16_t timer, uint64_t payload) override {
    fired.push_back({sim.now(), timer, payload});
  }
  struct Fired {
    SimTime at;
    uint16_t timer;
    uint64_t payload;
  };
  std::vector<Fired> fired;
};

struct OneNode {
  Simulation sim{1};
  Recorder* rec;
  NodeId n;
  OneNode() {
    RegionId r = sim.topology().add_region("us-east-1", 38.9, -77.0);
    AzId a = sim.topology().add_az(r, "use1-az1");
    auto m = std::make_unique<Recorder>();
    rec = m.get();
    n = sim.add_node(std::move(m), {"rec", "rec", "test", {PlacementKind::Az, r, a}});
    sim.start();
  }
};

}  // namespace

TEST_CASE("timers: a cancelled timer never fires and is not an event of the run", "[timers]") {
  OneNode t;
  const uint64_t base_events = t.sim.events_processed();
  TimerToken a = t.sim.schedule_cancellable(t.n, 100, 1, 11);
  TimerToken b = t.sim.schedule_cancellable(t.n, 200, 2, 22);
  t.sim.schedule_timer(t.n, 300, 3, 33);
  CHECK(t.sim.timer_pending(a));
  const size_t pending = t.sim.pending_events();
  CHECK(t.sim.cancel_timer(a));
  CHECK_FALSE(t.sim.timer_pending(a));
  CHECK_FALSE(t.sim.cancel_timer(a));  // twice: nothing more happens
  CHECK(t.sim.pending_events() == pending - 1);
  CHECK(t.sim.cancelled_pending() == 1);
  t.sim.run_until(500);
  REQUIRE(t.rec->fired.size() == 2);
  CHECK(t.rec->fired[0].timer == 2);
  CHECK(t.rec->fired[0].at == 200);
  CHECK(t.rec->fired[1].payload == 33);
  CHECK(t.sim.events_processed() - base_events == 2);
  CHECK(t.sim.cancelled_pending() == 0);
  CHECK_FALSE(t.sim.timer_pending(b));  // fired: stale
}

TEST_CASE("timers: a stale token cannot cancel the timer that reuses its slot", "[timers]") {
  OneNode t;
  TimerToken a = t.sim.schedule_cancellable(t.n, 10, 1);
  t.sim.run_until(20);
  REQUIRE(t.rec->fired.size() == 1);
  // The queue reuses the freed slot for the next event.
  TimerToken b = t.sim.schedule_cancellable(t.n, 30, 2);
  CHECK(b.slot == a.slot);
  CHECK(b.gen != a.gen);
  CHECK_FALSE(t.sim.cancel_timer(a));
  CHECK(t.sim.timer_pending(b));
  t.sim.schedule_timer(t.n, 40, 3);  // a plain timer in a reused slot: old tokens stay stale too
  CHECK_FALSE(t.sim.cancel_timer(a));
  CHECK_FALSE(t.sim.cancel_timer(TimerToken{}));
  CHECK_FALSE(t.sim.cancel_timer(TimerToken{999999, 0}));
  t.sim.run_until(50);
  REQUIRE(t.rec->fired.size() == 3);
  CHECK(t.rec->fired[1].timer == 2);
  CHECK(t.rec->fired[2].timer == 3);
}

TEST_CASE("timers: cancelled events are compacted away, and the rest keep their order", "[timers]") {
  OneNode t;
  std::vector<TimerToken> tokens;
  std::vector<std::pair<SimTime, uint64_t>> expected;
  Rng rng(3);
  for (uint64_t i = 0; i < 20000; ++i) {
    // Many equal times: the order among them must stay the scheduling order.
    const SimTime at = 1000 + static_cast<SimTime>(rng.below(500));
    tokens.push_back(t.sim.schedule_cancellable(t.n, at, 1, i));
  }
  size_t max_cancelled = 0;
  for (uint64_t i = 0; i < tokens.size(); ++i) {
    if (i % 10 == 3) continue;
    REQUIRE(t.sim.cancel_timer(tokens[i]));
    max_cancelled = std::max(max_cancelled, t.sim.cancelled_pending());
    // Never more cancelled than live events in the queue (plus the compaction threshold).
    REQUIRE(t.sim.cancelled_pending() <= t.sim.pending_events() + 65);
  }
  CHECK(max_cancelled < 20000 / 2 + 100);
  CHECK(t.sim.pending_events() == 2000 + 1);  // + the kernel's per-second tick
  for (uint64_t i = 3; i < tokens.size(); i += 10) REQUIRE(t.sim.timer_pending(tokens[i]));
  // The survivors fire by (time, scheduling order).
  Rng rng2(3);
  for (uint64_t i = 0; i < 20000; ++i) {
    const SimTime at = 1000 + static_cast<SimTime>(rng2.below(500));
    if (i % 10 == 3) expected.push_back({at, i});
  }
  std::stable_sort(expected.begin(), expected.end(), [](auto& a, auto& b) { return a.first < b.first; });
  t.sim.run_until(5000);
  REQUIRE(t.rec->fired.size() == expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    REQUIRE(t.rec->fired[i].at == expected[i].first);
    REQUIRE(t.rec->fired[i].payload == expected[i].second);
  }
  // Tokens of compacted events are stale too.
  CHECK_FALSE(t.sim.cancel_timer(tokens[0]));
}

TEST_CASE("timers: a WakeUp moves its one timer, keeps it at the same time, and kNever clears it", "[timers]") {
  OneNode t;
  WakeUp alarm;
  CHECK(alarm.at(t.sim) == kNever);
  alarm.set(t.sim, t.n, 500, 7);
  alarm.set(t.sim, t.n, 500, 7);  // same time: kept, not rescheduled
  CHECK(t.sim.cancelled_pending() == 0);
  alarm.set(t.sim, t.n, 300, 7);  // earlier
  alarm.set(t.sim, t.n, 800, 7);  // later
  CHECK(alarm.at(t.sim) == 800);
  CHECK(t.sim.cancelled_pending() == 2);
  t.sim.run_until(1000);
  REQUIRE(t.rec->fired.size() == 1);
  CHECK(t.rec->fired[0].at == 800);
  CHECK(alarm.at(t.sim) == kNever);  // fired
  alarm.set(t.sim, t.n, 1500, 7);
  alarm.set(t.sim, t.n, kNever, 7);
  t.sim.run_until(2000);
  CHECK(t.rec->fired.size() == 1);
}
