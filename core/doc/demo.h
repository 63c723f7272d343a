// Demo: a scripted demo for presenter mode (issue 17, classroom mode): narrated steps,
// each reached by replaying the run to its simulated time (the run is deterministic, so
// going back to a step shows exactly what it showed before).
//
//   "demo": {"steps": [
//     {"title": {"en": "The design", "ko": "설계"},
//      "notes": {"en": "What to say", "ko": "할 말"},
//      "at_s": "1:00",                               // seconds or "m:ss": the moment the step shows
//      "frame": {"nodes": ["alb", "web"]},           // or {"rect": [x, y, w, h]} in canvas units
//      "reveal": ["db"],                              // these nodes appear at this step (hidden before it)
//      "fault": {"action": "kill_node", "target": "web"},  // scripted (at_s defaults to the step's)
//      "speed": 4}                                    // then play on at 4x (none: wait at at_s)
//   ]}
//
//   doc::read_demo(j, doc, errors, read_fault);   // core/catalog/validate.cpp checks the faults
//   doc.demo.hidden_at(0);   // node ids not yet revealed at step 1
//   doc.demo.faults();       // every step's fault, by time: the run's timeline for the whole demo
//   doc::parse_present_link("v1.abc&present=1&step=3")  // {rest "v1.abc", present, step 3}
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/doc/fault.h"

namespace cp::doc {

struct Document;
struct Issue;

inline constexpr size_t kMaxDemoSteps = 50;
inline constexpr size_t kMaxDemoTitleLength = 120;   // characters
inline constexpr size_t kMaxDemoNotesLength = 2000;  // characters

// A text in both languages.
struct DemoText {
  std::string en, ko;
  const std::string& get(bool korean) const { return korean && !ko.empty() ? ko : en; }
  bool operator==(const DemoText&) const = default;
};

struct DemoRect {
  double x = 0, y = 0, w = 0, h = 0;  // canvas (world) units, as the layout's positions
  bool operator==(const DemoRect&) const = default;
};

struct DemoStep {
  DemoText title;                      // required, both languages
  DemoText notes;                      // the presenter's notes (optional; both languages when given)
  double at_s = 0;                     // the simulated moment the step shows
  std::vector<std::string> frame_nodes;  // the camera frames these nodes ...
  std::optional<DemoRect> frame_rect;    // ... or this rectangle; neither: the whole diagram
  std::vector<std::string> reveal;     // nodes that appear at this step
  std::optional<FaultDoc> fault;       // a scripted fault (at_s filled in)
  std::optional<double> speed;         // play on at this speed after reaching at_s; none: wait there
  bool operator==(const DemoStep&) const = default;
};

struct Demo {
  std::vector<DemoStep> steps;
  bool empty() const { return steps.empty(); }
  // Node ids hidden at step `index` (0-based): revealed by a later step only.
  std::vector<std::string> hidden_at(size_t index) const;
  // Every step's scripted fault, in time order.
  std::vector<FaultDoc> faults() const;
  bool operator==(const Demo&) const = default;
};

// Checks one scripted fault as the document's own faults are checked (the catalog knows
// the actions' targets and values): nullopt after reporting what is wrong.
using ReadFault = std::function<std::optional<FaultDoc>(const nlohmann::json& fault, const std::string& path)>;

// Reads j["demo"] into d.demo (after settings and nodes: steps name nodes and fall within the run).
void read_demo(const nlohmann::json& j, Document& d, std::vector<Issue>& errors, const ReadFault& read_fault);
nlohmann::json demo_to_json(const Demo& demo);

// The presenter parts of a link's fragment: "<rest>&present=1&step=3&audience=1", where
// rest is a share link ("v1.…") or "example=<file>". step is 1-based (1 when absent or bad).
struct PresentLink {
  std::string rest;      // the fragment without the presenter parts
  std::string example;   // "example=<file>": the shipped example's file name
  bool present = false;
  bool audience = false;
  int step = 1;
};
PresentLink parse_present_link(const std::string& fragment);
// "present=1&step=3" (and "&audience=1"), to append to a link with '&'.
std::string present_link_params(int step, bool audience);

}  // namespace cp::doc
