// The lesson builder's engine side: a teacher turns a design into a lesson without
// writing JSON (issue 17). The app's builder window (ui/lesson_builder.h) holds a draft
// Lesson and uses these to fill it in.
//
//   auto goals = cp::lesson::suggest_goals(solution);  // measured on the solution's run,
//                                                      // each with a band around its value
//   std::string id = cp::lesson::id_from_title("ALB vs NLB: latency");   // "alb-vs-nlb-latency"
//   cp::lesson::LoadResult r = cp::lesson::finish_draft(draft);          // validated like a file
#pragma once
#include <string>
#include <vector>

#include "core/lesson/lesson.h"

namespace cp::lesson {

// A goal the builder offers, with what the design measured (so the teacher sees the margin).
struct GoalSuggestion {
  doc::GoalDoc goal;      // threshold: a band around the measured value, texts in both languages
  double measured = 0;    // in the metric's unit
  bool has_value = false; // false: nothing to measure (no request served, say); not offered then
};

// Goals on each users node of `design` (error rate and p99 latency from the first fault, or
// from half the run without one, to the end; and the design's monthly cost), measured on
// its run. Thresholds leave room: p99 below 1.5x the measured (rounded up), error rate below
// max(1%, 2x the measured), cost at most 1.2x.
std::vector<GoalSuggestion> suggest_goals(const doc::Document& design);

// "ALB vs NLB: latency" -> "alb-vs-nlb-latency" (lower-case letters, digits, '-'; "lesson" if none).
std::string id_from_title(const std::string& title);

// The draft, validated as a lesson file would be (so start/solution/goals/hidden get filled in).
LoadResult finish_draft(const Lesson& draft);

}  // namespace cp::lesson
