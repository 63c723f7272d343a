// Checkpoints: a run rewound to a checkpoint and played forward again must be
// the same run (same trace hash, same report) as one that never went back —
// for every example, with its faults, and with a live fault applied after the
// checkpoint that the rewind must undo.
#include <catch2/catch.hpp>

#include <filesystem>

#include "core/doc/document.h"
#include "core/engine/build.h"
#include "core/engine/report.h"
#include "tests/unit/source_files.h"

namespace {

std::string report(const cp::engine::Built& b) { return cp::engine::report_json(b, /*with_series=*/true).dump(); }

}  // namespace

TEST_CASE("checkpoint: rewinding and replaying gives the same run, for every example", "[checkpoint]") {
  namespace fs = std::filesystem;
  int examples = 0;
  for (const auto& entry : fs::directory_iterator(std::string(CLOUDPLAY_SOURCE_DIR) + "/examples")) {
    if (entry.path().extension() != ".json") continue;
    ++examples;
    INFO(entry.path().filename().string());
    const std::string file = entry.path().filename().string();
    auto straight = cp::test::example_run(file);
    straight.sim->run_until(straight.duration);

    auto b = cp::test::example_run(file);
    const cp::sim::SimTime mid = b.duration / 3;
    b.sim->run_until(mid);
    auto cp = b.sim->checkpoint();
    REQUIRE(cp->at == mid);
    CHECK(cp->approx_bytes > 0);
    b.sim->run_until(b.duration);
    // A live fault after the checkpoint, which going back must undo.
    b.sim->apply(cp::sim::Command{cp::sim::Command::Kind::KillNode, 0, 0});
    b.sim->advance(b.duration + cp::sim::kSecond);
    REQUIRE(b.sim->rewind_to(*cp));
    CHECK(b.sim->now() == mid);
    CHECK(b.sim->event_log().size() <= straight.sim->event_log().size());
    b.sim->run_until(b.duration);
    CHECK(b.sim->trace_hash() == straight.sim->trace_hash());
    CHECK(b.sim->events_processed() == straight.sim->events_processed());
    CHECK(report(b) == report(straight));

    // The checkpoint is reusable: a second rewind gives the same again.
    REQUIRE(b.sim->rewind_to(*cp));
    b.sim->run_until(b.duration);
    CHECK(b.sim->trace_hash() == straight.sim->trace_hash());
  }
  CHECK(examples >= 7);
}

TEST_CASE("checkpoint: a rewind that cannot be honoured changes nothing", "[checkpoint]") {
  auto b = cp::test::example_run("mm1-queue.json");
  b.sim->run_until(10 * cp::sim::kSecond);
  auto later = b.sim->checkpoint();
  auto other = cp::test::example_run("mm1-queue.json");
  other.sim->run_until(5 * cp::sim::kSecond);
  const uint64_t hash = other.sim->trace_hash();
  // A checkpoint from the future of this run: refused.
  CHECK_FALSE(other.sim->rewind_to(*later));
  CHECK(other.sim->now() == 5 * cp::sim::kSecond);
  CHECK(other.sim->trace_hash() == hash);
}

TEST_CASE("checkpoint: histograms are copied by the buckets they use, not the whole range", "[checkpoint]") {
  auto b = cp::test::example_run("three-tier-web.json");
  b.sim->run_until(b.duration / 2);
  auto cp = b.sim->checkpoint();
  const cp::sim::Simulation& copy = *cp->state;
  size_t histograms = 0, full = 0;
  auto check = [&](const cp::sim::LatencyHistogram& h) {
    // Storage up to the bucket of the largest value, nothing above it.
    const size_t used = h.count() ? h.bucket_index(h.max()) + 1 : 0;
    CHECK(h.memory_bytes() == sizeof(cp::sim::LatencyHistogram) + used * sizeof(uint64_t));
    histograms += h.memory_bytes();
    full += sizeof(cp::sim::LatencyHistogram) + h.bucket_count() * sizeof(uint64_t);
  };
  for (uint32_t i = 0; i < copy.node_count(); ++i) {
    check(copy.metrics(cp::sim::NodeId{i}).latency);
    check(copy.metrics(cp::sim::NodeId{i}).window);
  }
  for (uint32_t i = 0; i < copy.connection_count(); ++i) check(copy.connection(cp::sim::ConnId{i}).metrics.latency);
  INFO("checkpoint " << cp->approx_bytes << " bytes; its histograms " << histograms << ", with every bucket " << full);
  CHECK(histograms < full * 6 / 10);  // a few timeouts of seconds set the top bucket of several
  CHECK(cp->approx_bytes > histograms);
}
