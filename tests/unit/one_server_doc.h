// The one-server document the goal tests measure: load rising 4/s -> 80/s over 600 s
// on one worker with a 10 ms exponential service time (it saturates near 100/s), and
// the server killed 400-460 s. No goals: each test adds its own.
#pragma once
#include <nlohmann/json.hpp>

#include <string>

namespace cp::test {

inline nlohmann::json one_server_doc() {
  return nlohmann::json::parse(R"({
    "version": 1, "name": "One server",
    "settings": {"duration_s": 600, "seed": 3},
    "regions": [{"code": "us-east-1", "azs": ["use1-az1"]}],
    "nodes": [
      {"id": "users", "type": "users", "region": "us-east-1",
       "params": {"pattern": "ramp", "rate_per_s": 4, "ramp_to_per_s": 80, "ramp_s": 600}},
      {"id": "web", "type": "compute", "region": "us-east-1", "az": "use1-az1",
       "params": {"workers": 1, "service_time": {"kind": "exponential", "mean_ms": 10}}}
    ],
    "connections": [{"id": "c1", "from": "users", "to": "web"}],
    "faults": [{"at_s": 400, "action": "kill_node", "target": "web", "until_s": 460}]
  })");
}

// The same server at a steady 80 requests/s for 120 s, no faults, for the lesson tests:
// with one worker it is 80% busy (p99 ~190 ms), with four it answers in ~70 ms.
inline nlohmann::json steady_server_doc(int workers) {
  return nlohmann::json::parse(R"({
    "version": 1, "name": "One server",
    "settings": {"duration_s": 120, "seed": 3},
    "regions": [{"code": "us-east-1", "azs": ["use1-az1"]}],
    "nodes": [
      {"id": "users", "type": "users", "region": "us-east-1", "params": {"rate_per_s": 80}},
      {"id": "web", "type": "compute", "region": "us-east-1", "az": "use1-az1",
       "params": {"workers": )" + std::to_string(workers) + R"(, "service_time": {"kind": "exponential", "mean_ms": 10}}}
    ],
    "connections": [{"id": "c1", "from": "users", "to": "web"}]
  })");
}

}  // namespace cp::test
