// The lesson checker (`cloudplay lesson check`): a lesson is only shipped when the
// engine proves it teaches what it says.
//
//   auto facts = cp::lesson::parse_facts(aws_facts_md_text);
//   cp::lesson::CheckResult c = cp::lesson::check_lesson(lesson, &facts);
//   std::fputs(cp::lesson::check_report(c, korean).c_str(), stdout);
//   if (!c.passed()) ...
//
// A lesson passes when
//  - its start fails at least one goal (else there is nothing to learn);
//  - its solution passes every goal;
//  - the hidden run (the solution under the hidden seed, with the hidden fault) passes
//    every goal too: a design that passes only the run the learner sees is no solution;
//  - no title, step, question, choice, explanation, hint, fact or goal lacks its
//    English or its Korean text;
//  - its fact's source is a "Section / Row" of AWS-FACTS.md (when the facts are given);
//  - every side-by-side step's variants build and run (engine::run_side_by_side), and its
//    claim holds: the variant it names has the highest total of the metric.
// Par is the solution's monthly cost and number of services (nodes that are not users).
#pragma once
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/engine/compare.h"
#include "core/engine/goals.h"
#include "core/lesson/lesson.h"

namespace cp::lesson {

// The rows of AWS-FACTS.md: "## Section" headings and the first cell of each table row.
struct Facts {
  std::map<std::string, std::set<std::string>> rows;  // section -> fact names
  bool has(const std::string& source) const;          // "ELB / NLB cross-zone"
};
Facts parse_facts(const std::string& markdown);

// One run of a lesson's document, measured.
struct RunResult {
  bool built = false;
  std::vector<doc::Issue> errors;            // when it could not be built
  std::vector<engine::GoalResult> goals;
  size_t passed = 0;
  double cost_per_month = 0;                 // the whole run's cost, as dollars per 730-hour month
  double wall_ms = 0;                        // how long the run took here
  bool all_passed() const { return built && passed == goals.size() && !goals.empty(); }
};
RunResult run_document(const doc::Document& d);

// A side-by-side step, run: every variant must build, and its claim (if any) hold.
struct CompareCheck {
  size_t step = 0;
  engine::Comparison result;
  bool ran = false;
  bool claim_checked = false, claim_holds = false;
  std::vector<double> claim_values;          // each variant's total of the claim's metric
};

struct CheckResult {
  std::string id;
  RunResult start, solution, hidden;
  std::vector<CompareCheck> compares;        // one per step with "compare"
  bool compares_pass() const;
  std::vector<std::string> missing_texts;    // paths: "steps[2].ko", "goals[0].en"
  std::string fact_problem_en, fact_problem_ko;  // "" when the source exists (or facts were not given)
  bool facts_checked = false;
  double par_cost_per_month = 0;
  size_t par_services = 0;
  double wall_ms = 0;                        // the whole check
  // Solution goals below/above that pass by less than kThinMargin of their threshold: a tolerance
  // band that thin may flip with a model change (warned, not failed).
  std::vector<size_t> thin_margins;

  bool start_fails() const { return start.built && start.passed < start.goals.size(); }
  bool passed() const {
    return start_fails() && solution.all_passed() && hidden.all_passed() && compares_pass() && missing_texts.empty() &&
           fact_problem_en.empty();
  }
};
inline constexpr double kThinMargin = 0.05;

// The paths of texts missing English or Korean.
std::vector<std::string> missing_translations(const Lesson& l);
CheckResult check_lesson(const Lesson& l, const Facts* facts);
std::string check_report(const CheckResult& c, const Lesson& l, bool korean);

}  // namespace cp::lesson
