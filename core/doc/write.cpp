// Writing a document back as JSON: fields in reading order, whole numbers without ".0".
#include <cmath>
#include <string>

#include "core/doc/document.h"

namespace cp::doc {

using json = nlohmann::json;

namespace {

// ---- [SECTION] Writing --------------------------------------------------------

// Whole numbers are written without ".0" (300, not 300.0); they read back equal.
template <class J>
J number_out(double v) {
  if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 9007199254740992.0) return J(static_cast<int64_t>(v));
  return J(v);
}

template <class J>
J convert(const json& v) {
  if constexpr (std::is_same_v<J, json>) {
    return v;
  } else {
    switch (v.type()) {
      case json::value_t::object: {
        J out = J::object();
        for (auto it = v.begin(); it != v.end(); ++it) out[it.key()] = convert<J>(it.value());
        return out;
      }
      case json::value_t::array: {
        J out = J::array();
        for (const json& e : v) out.push_back(convert<J>(e));
        return out;
      }
      case json::value_t::string: return J(v.get<std::string>());
      case json::value_t::boolean: return J(v.get<bool>());
      case json::value_t::number_integer: return J(v.get<int64_t>());
      case json::value_t::number_unsigned: return J(v.get<uint64_t>());
      case json::value_t::number_float: return J(v.get<double>());
      default: return J(nullptr);
    }
  }
}

// Fields in reading order (ordered_json keeps it; json sorts keys).
template <class J>
J build(const Document& d) {
  J out = J::object();
  out["version"] = d.version;
  if (!d.name.empty()) out["name"] = d.name;
  if (!d.description.empty()) out["description"] = d.description;
  J settings = J::object();
  settings["duration_s"] = number_out<J>(d.settings.duration_s);
  settings["seed"] = d.settings.seed;
  if (d.settings.speed) settings["speed"] = number_out<J>(*d.settings.speed);
  out["settings"] = std::move(settings);
  if (!d.story.empty()) {
    J story = J::object();
    if (!d.story.name_ko.empty()) story["name_ko"] = d.story.name_ko;
    if (!d.story.en.empty()) story["en"] = d.story.en;
    if (!d.story.ko.empty()) story["ko"] = d.story.ko;
    if (!d.story.moments.empty()) {
      J moments = J::array();
      for (const StoryMoment& m : d.story.moments) {
        J e = J::object();
        e["at_s"] = number_out<J>(m.at_s);
        if (!m.en.empty()) e["en"] = m.en;
        if (!m.ko.empty()) e["ko"] = m.ko;
        moments.push_back(std::move(e));
      }
      story["moments"] = std::move(moments);
    }
    out["story"] = std::move(story);
  }
  J regions = J::array();
  for (const RegionDoc& r : d.regions) {
    J e = J::object();
    e["code"] = r.code;
    e["azs"] = r.azs;
    regions.push_back(std::move(e));
  }
  out["regions"] = std::move(regions);
  J nodes = J::array();
  for (const NodeDoc& n : d.nodes) {
    J e = J::object();
    e["id"] = n.id;
    e["type"] = n.type;
    if (!n.name.empty()) e["name"] = n.name;
    if (!n.region.empty()) e["region"] = n.region;
    if (!n.az.empty()) e["az"] = n.az;
    e["params"] = n.params.is_object() ? convert<J>(n.params) : J::object();
    nodes.push_back(std::move(e));
  }
  out["nodes"] = std::move(nodes);
  J conns = J::array();
  for (const ConnectionDoc& c : d.connections) {
    J e = J::object();
    e["id"] = c.id;
    e["from"] = c.from;
    e["to"] = c.to;
    // A call is written without its role: documents of calls only read as before roles.
    if (!c.role.empty() && c.role != "call") e["role"] = c.role;
    e["params"] = c.params.is_object() ? convert<J>(c.params) : J::object();
    conns.push_back(std::move(e));
  }
  out["connections"] = std::move(conns);
  J faults = J::array();
  for (const FaultDoc& f : d.faults) {
    J e = J::object();
    e["at_s"] = number_out<J>(f.at_s);
    e["action"] = f.action;
    e["target"] = f.target;
    if (f.until_s) e["until_s"] = number_out<J>(*f.until_s);
    if (f.value != 0) e["value"] = number_out<J>(f.value);
    faults.push_back(std::move(e));
  }
  out["faults"] = std::move(faults);
  if (!d.goals.empty()) {
    J goals = J::array();
    for (const GoalDoc& g : d.goals) goals.push_back(convert<J>(goal_to_json(g)));
    out["goals"] = std::move(goals);
  }
  if (!d.demo.empty()) out["demo"] = convert<J>(demo_to_json(d.demo));
  out["layout"] = d.layout.is_object() ? convert<J>(d.layout) : J::object();
  return out;
}

}  // namespace

json to_json(const Document& d) { return build<json>(d); }

std::string to_json_text(const Document& d, int indent) {
  try {
    return build<nlohmann::ordered_json>(d).dump(indent, ' ', false, json::error_handler_t::replace) + "\n";
  } catch (...) {
    return "{}\n";
  }
}

}  // namespace cp::doc
