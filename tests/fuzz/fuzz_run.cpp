// libFuzzer target: documents that load are built and run (the engine and every
// service model, under ASan + UBSan). An odd but valid architecture — absurd
// rates, zero-sized pools, loops, faults at strange times — must run without a
// crash or undefined behaviour, and the same run twice must give the same
// trace: the determinism every other test relies on.
// Each input runs at most 150,000 events, is rewound to the checkpoint taken
// halfway and runs the second half again, then writes its report: one input
// stays well under a second.
// Run: build/fuzz/tests/fuzz/fuzz_run -max_total_time=30 CORPUS_DIR (see docs/fuzzing.md).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/catalog/validate.h"
#include "core/doc/document.h"
#include "core/engine/build.h"
#include "core/engine/report.h"

namespace {

constexpr uint64_t kMaxEvents = 150000;

struct Outcome {
  uint64_t hash = 0, events = 0;
};

Outcome run_once(const cp::doc::Document& d) {
  cp::engine::Built b = cp::engine::build(d);
  if (!b.ok()) return {};
  b.sim->start();
  const cp::sim::SimTime end = b.duration;
  // Half the budget, a checkpoint, the other half, back to the checkpoint, on to the end of the budget.
  b.sim->advance(end, kMaxEvents / 2);
  auto cp = b.sim->checkpoint();
  b.sim->advance(end, kMaxEvents / 2);
  if (!b.sim->rewind_to(*cp)) {
    std::fprintf(stderr, "a checkpoint taken in this run could not be rewound to\n");
    std::abort();
  }
  b.sim->advance(end, kMaxEvents / 2);
  (void)cp::engine::report_json(b, /*with_series=*/true).dump();
  return {b.sim->trace_hash(), b.sim->events_processed()};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  cp::doc::LoadResult r = cp::catalog::parse_document(std::string(reinterpret_cast<const char*>(data), size));
  if (!r.ok()) return 0;
  const Outcome a = run_once(r.document), b = run_once(r.document);
  if (a.hash != b.hash || a.events != b.events) {
    std::fprintf(stderr, "the same document ran twice gave different runs: %llu vs %llu events\n",
                 static_cast<unsigned long long>(a.events), static_cast<unsigned long long>(b.events));
    std::abort();
  }
  return 0;
}
