// FaultDoc: a fault scheduled in a document (`faults`) or by a demo step (core/doc/demo.h).
#pragma once
#include <optional>
#include <string>

namespace cp::doc {

// A scheduled fault: "at 300 s, AZ use1-az2 fails; at 720 s it returns".
struct FaultDoc {
  double at_s = 0;
  std::string action;             // kill_node | az_down | region_down | add_latency | error_rate | fail_parts
  std::string target;             // node id, AZ ID, Region code or connection id
  std::optional<double> until_s;  // when the fault ends (none = never)
  double value = 0;               // latency ms for add_latency, 0..1 for error_rate, how many for fail_parts
  bool operator==(const FaultDoc&) const = default;
};

}  // namespace cp::doc
