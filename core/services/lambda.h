// AWS Lambda: functions that run in execution environments created on demand.
//
// Invoked three ways:
//   sync   a call wire (API Gateway, users): the caller waits; over the limit it gets 429 (Throttled);
//   async  an event wire, or a call wire in async mode: accepted at once (202) into the function's
//          internal event queue (a LeaseStore), invoked from there with retries and an on-failure
//          destination;
//   poll   an event source mapping: the function pulls batches from a queue over a poll wire.
// Every invocation holds one unit of concurrency: the Region's account pool (a kernel shared
// pool, so all functions of a Region share it) or the function's reserved concurrency. A new
// execution environment needs a token of the function's scaling-rate bucket (1,000 per 10 s)
// and pays a cold start (runtime base + package term + the function's own init).
//
// The poll protocol (the test-only queue's, tests/unit/test_queue_model.cpp; a queue service
// that a function polls answers it): on the poll wire (consumer -> source at run time)
//   tag n > 0   receive up to n messages: the answer's Reply lists them, ref = the receipt;
//   tag 0       delete the message whose receipt is in the call's key (Reply::count 1 if deleted).
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "core/catalog/catalog.h"

namespace cp::services {

inline constexpr uint32_t kPollDeleteTag = 0;  // see the poll protocol above

const catalog::ServiceDescriptor& lambda_descriptor();

struct LambdaStats {
  uint64_t invocations = 0, cold_starts = 0, throttles = 0, errors = 0, timeouts = 0;
  uint64_t async_accepted = 0, async_retries = 0, async_to_destination = 0, async_dropped = 0;
  uint64_t batches = 0, messages = 0, deletes_sent = 0;
  int64_t running = 0, peak_running = 0;
  size_t warm_idle = 0, environments = 0, async_waiting = 0, reclaimed = 0;
};
// The counters of a lambda model; nullopt for any other model.
std::optional<LambdaStats> lambda_stats(const sim::Model& m);

// Lint advice about functions (its descriptor's lint rules ask it).
void lambda_lint(const doc::Document& d, std::vector<catalog::Finding>& out);

}  // namespace cp::services
