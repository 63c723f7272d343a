// Distributions in documents: how a random duration is written in JSON.
// All times in a document are milliseconds; cp::sim::Distribution works in seconds.
//
//   20                                              constant 20 ms (a bare number)
//   {"kind": "constant",    "value_ms": 5}
//   {"kind": "exponential", "mean_ms": 20}
//   {"kind": "uniform",     "min_ms": 1, "max_ms": 9}
//   {"kind": "normal",      "mean_ms": 50, "stddev_ms": 10}      (truncated at 0)
//   {"kind": "lognormal",   "median_ms": 30, "sigma": 0.5}
//   {"kind": "lognormal",   "mean_ms": 30, "p99_ms": 120}        (same family, stated by mean and p99)
//   {"kind": "pareto",      "scale_ms": 10, "shape": 2.5}
//   {"kind": "empirical",   "percentiles": {"0": 1, "50": 20, "99": 200, "100": 500}}
//
//   std::vector<cp::doc::Issue> errors;
//   auto d = cp::doc::parse_distribution(j, "nodes[0].params.service_time", errors);
//   if (!d) show(errors);            // every problem, with its path
//   nlohmann::json back = cp::doc::distribution_to_json(*d);
//
// parse_distribution never throws. distribution_to_json writes the object form
// (never a bare number); a log-normal is written as median_ms/sigma.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/doc/document.h"
#include "core/sim/distribution.h"

namespace cp::doc {

// Parses and checks one distribution. Appends errors (path: message) and returns
// std::nullopt when anything is wrong.
std::optional<cp::sim::Distribution> parse_distribution(const nlohmann::json& j, const std::string& path,
                                                        std::vector<Issue>& errors);

nlohmann::json distribution_to_json(const cp::sim::Distribution& d);

// The kinds, as written in "kind", in a fixed order (for the inspector's menu).
const std::vector<std::string>& distribution_kinds();

}  // namespace cp::doc
