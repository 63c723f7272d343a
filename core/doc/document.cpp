// Documents: lookups over the data (the format's parts: parse.cpp reads JSON text,
// migrate.cpp brings older versions up, write.cpp writes back; validation against
// the catalog is core/catalog/validate.cpp).
#include "core/doc/document.h"

namespace cp::doc {

// ---- [SECTION] Document lookups ----------------------------------------------

const NodeDoc* Document::find_node(const std::string& id) const {
  for (const NodeDoc& n : nodes)
    if (n.id == id) return &n;
  return nullptr;
}

std::vector<const NodeDoc*> Document::callees(const std::string& id) const {
  std::vector<const NodeDoc*> out;
  for (const ConnectionDoc& c : connections)
    if (c.from == id && c.role == "call")
      if (const NodeDoc* n = find_node(c.to)) out.push_back(n);
  return out;
}

const ConnectionDoc* Document::find_connection(const std::string& id) const {
  for (const ConnectionDoc& c : connections)
    if (c.id == id) return &c;
  return nullptr;
}

const std::vector<std::string>& fault_actions() {
  static const std::vector<std::string> actions = {"kill_node", "az_down", "region_down", "add_latency", "error_rate", "fail_parts"};
  return actions;
}
}  // namespace cp::doc
