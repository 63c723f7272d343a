// A lesson: a JSON file under lessons/ that teaches one AWS fact by letting the
// learner see it (issue 17). Its format is in docs/lesson-format.md:
//
//   {"id": "cross-zone-load-balancing", "topic": "load-balancing",
//    "title": {"en": "...", "ko": "..."},
//    "steps": [{"en": "...", "ko": "...",
//               "predict": {"en": "question", "ko": "...", "answer": 1,
//                           "choices": [{"en": "...", "ko": "...", "why": {"en": "...", "ko": "..."}}, ...]}},
//              {"en": "...", "ko": "...",
//               "compare": {"en": "what the comparison shows", "ko": "...",
//                           "variants": [{"en": "Visibility timeout 10 s", "ko": "...", "params": {"orders": {"visibility_timeout_s": 10}}},
//                                        {"en": "...", "ko": "...", "design": "solution"}],
//                           "plots": [{"metric": "duplicates", "node": "orders"}],
//                           "claim": {"metric": "duplicates", "node": "orders", "highest": 0}}}],
//    "palette": ["users", "nlb", "ec2"],
//    "hints": [{"en": "...", "ko": "..."}],
//    "fact": {"source": "ELB / NLB cross-zone", "en": "...", "ko": "..."},
//    "goals": [ ...the document's goals (core/doc/goals.h)... ],
//    "hidden": {"seed": 7, "fault": {"at_s": 300, "action": "az_down", "target": "use1-az2"},
//               "en": "what the hidden run adds", "ko": "..."},
//    "start": { ...a cloudplay document, with its traffic and faults... },
//    "solution": { ...a full document: the start, fixed... }}
//
// The goals are the lesson's: they are put into both documents before they are
// validated, so a goal names nodes that both have. The solution keeps the start's
// settings, faults and users (the traffic and fault script the learner cannot
// change). A text missing one language loads (the checker reports it): a lesson
// being written may have only one.
//
//   auto r = cp::lesson::parse_lesson(text, "cross-zone-load-balancing");   // never throws
//   if (!r.ok()) for (auto& e : r.errors) print(e.line(korean));
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/doc/document.h"
#include "core/engine/compare.h"

namespace cp::lesson {

struct Text {
  std::string en, ko;
  bool operator==(const Text&) const = default;
};

struct Choice {
  Text text;
  Text why;  // why this choice is wrong (or, for the answer, why it is right; optional there)
};

// "Predict, then run": a question asked before the run shows the answer.
struct Predict {
  Text question;
  std::vector<Choice> choices;
  size_t answer = 0;  // index in choices
};

// "Side by side": two or three variants of the step's design, run with the lesson's
// traffic, seed and fault script (core/engine/compare.h), their plots on one axis.
// A variant is a design ("start", the default, "solution", or a whole document) with
// param changes on named nodes on top; it may not change the users (the traffic), the
// settings or the faults.
struct Variant {
  Text label;                      // "Visibility timeout 10 s"
  std::string design = "start";    // "start" | "solution" | "" (a whole document, in `own`)
  nlohmann::json own;              // the whole alternative design as written (design == "")
  nlohmann::json params = nlohmann::json::object();  // node id -> {param: value (null: back to the default)}
  doc::Document document;          // the variant, validated, with the lesson's goals
};
// What the lesson says the comparison shows, proved by `lesson check`: variant `highest`
// has the highest total of the metric over the run (strictly).
struct Claim {
  engine::SeriesSpec metric;
  size_t highest = 0;
};
struct Compare {
  Text text;                           // what to look at
  std::vector<Variant> variants;       // 2 .. engine::kMaxVariants
  std::vector<engine::SeriesSpec> plots;  // as written; empty = engine::default_series
  std::optional<Claim> claim;
  std::vector<engine::SeriesSpec> series() const;  // plots, or the default ones
  std::vector<doc::Document> designs() const;
};

struct Step {
  Text text;
  std::optional<Predict> predict;
  std::optional<Compare> compare;
};

// The AWS fact the lesson shows, and where AWS-FACTS.md states it ("Section / Row").
struct Fact {
  std::string source;
  Text text;
};

// The run the learner is not shown: the solution under another seed, with one more fault.
struct Hidden {
  uint64_t seed = 0;         // the document's seed + 1 when the lesson names none
  doc::FaultDoc fault;       // the lesson's, or derived (hidden_fault_default)
  bool fault_derived = false;
  Text text;                 // what the hidden run adds, for the learner who fails it (optional)
};

struct Lesson {
  std::string id;            // the file's name without .json
  std::string topic;         // a key of topics()
  Text title;
  std::vector<Step> steps;
  std::vector<std::string> palette;  // service types the learner may add
  std::vector<Text> hints;   // revealed one at a time, in order
  Fact fact;
  Hidden hidden;
  std::vector<doc::GoalDoc> goals;   // also in start.goals and solution.goals
  doc::Document start;       // fails at least one goal
  doc::Document solution;    // passes every goal, also in the hidden run
  doc::Document hidden_run;  // the solution with the hidden seed and fault
};

struct LoadResult {
  Lesson lesson;
  std::vector<doc::Issue> errors;  // paths are the lesson file's ("start.nodes[2].params.rate_per_s")
  bool ok() const { return errors.empty(); }
};

// The exam topics lessons are grouped by in the gallery, in the gallery's order.
struct Topic {
  const char* key;  // "load-balancing"
  const char* en;
  const char* ko;
};
const std::vector<Topic>& topics();

// JSON text -> a validated lesson. `expected_id` is the file's name without .json
// ("" = any id): a lesson's id is its file's name, so a link to it can find it.
LoadResult parse_lesson(const std::string& text, const std::string& expected_id = "");
LoadResult load_lesson(const nlohmann::json& j, const std::string& expected_id = "");

// The hidden run of a design (the learner's, or the lesson's solution): the design under
// the hidden seed with the hidden fault added, validated again. The fault's target is in
// the start (the loader makes sure), so a design that kept the start's nodes, wires and
// AZs has it; one that removed it gets an error saying so.
doc::LoadResult hidden_run_of(const Lesson& l, const doc::Document& design);

// When a lesson names no hidden fault: the first AZ of the solution's first Region
// fails from half the run to its end (most designs a lesson fixes should survive an AZ).
doc::FaultDoc hidden_fault_default(const doc::Document& solution);

}  // namespace cp::lesson
