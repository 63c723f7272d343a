// The live state of a node during a run, read from the metrics its service marks live
// (catalog::MetricLive: SQS's visible / in flight / delayed / oldest / in the DLQ, a
// Lambda function's concurrency, cold starts, throttles, API Gateway's requests/s, 429s,
// 504s, cache hits). One reading, two views: the rows at the top of the node's
// properties (full label, value with its unit) and the short line on its card.
//
//   for (const LiveRow& r : live_rows(*sim, node, korean())) ... r.label, r.value
//   std::string line = live_card_text(rows, 3);   // "visible 12 · in flight 3 · oldest 4 s"
#pragma once
#include <string>
#include <vector>

#include "core/catalog/catalog.h"
#include "core/sim/simulation.h"

namespace cp::ui {

struct LiveRow {
  std::string key;     // the metric's key ("in_flight")
  std::string label;   // "Messages in flight" / "처리 중인 메시지"
  std::string value;   // "3 messages" / "3개"; a counter: "12 starts (2/s)"; a rate: "25 requests/s" / "초당 25건"
  std::string card;    // "in flight 3" / "처리 중 3": its part of the card's line
  double v = 0;        // the number shown (a total, a level or a rate per second)
};

// The node's live metrics that apply to it, in the order its service declares them
// (empty for a service that marks none: the model's status sentence is shown instead).
std::vector<LiveRow> live_rows(const sim::Simulation& s, sim::NodeId n, bool korean);

// The card's line: the non-zero rows (the first one even when zero), at most `max_parts`,
// each "brief value" (the caller joins them with " · ", dropping from the end to fit).
std::vector<std::string> live_card_parts(const std::vector<LiveRow>& rows, size_t max_parts);

}  // namespace cp::ui
