// cloudplay: the engine's command-line runner (native, and as wasm under Node).
//
//   cloudplay run DOC.json [--seconds N] [--seed S] [--json OUT] [--series] [--log] [--events QUERY] [--story] [--progress] [--goals] [--ko]
//   cloudplay validate DOC.json
//   cloudplay lint DOC.json [--ko]
//   cloudplay describe [TYPE] [--ko]
//   cloudplay lesson check [ID] [--dir DIR] [--facts AWS-FACTS.md] [--ko]   (cli/lesson.cpp)
//   cloudplay --version
//
// --story prints "what happened": the run told in a few lines (core/engine/narrative.h), in Korean with --ko.
// --events QUERY prints the log entries that match (core/engine/event_query.h), e.g.
//   --events "kind=instance_died reason=health_check from=5:00"
// Exit codes: 0 ok, 1 the document has errors, 2 bad usage, unreadable file or a bad --events query,
// 4 (with --goals) a goal of the document failed.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "core/catalog/catalog.h"
#include "core/catalog/describe.h"
#include "core/catalog/validate.h"
#include "core/doc/document.h"
#include "core/engine/build.h"
#include "core/engine/event_query.h"
#include "core/engine/narrative.h"
#include "core/engine/report.h"
#include "core/lint/lint.h"
#include "core/version.h"

int cmd_lesson(int argc, char** argv);  // cli/lesson.cpp

namespace {

const char* kUsage =
    "usage:\n"
    "  cloudplay run DOC.json [--seconds N] [--seed S] [--json OUT] [--series] [--log] [--events QUERY] [--story] [--progress] [--goals] [--ko]\n"
    "  cloudplay validate DOC.json\n"
    "  cloudplay lint DOC.json [--ko]\n"
    "  cloudplay describe [TYPE] [--ko]   the services, their parameters and limits (docs/services.md)\n"
    "  cloudplay lesson check [ID] [--dir DIR] [--facts AWS-FACTS.md] [--ko]   prove the lessons (lessons/*.json)\n"
    "  cloudplay --version\n";

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

bool parse_number(const char* s, double& out) {
  char* end = nullptr;
  out = std::strtod(s, &end);
  return end && *end == '\0' && end != s;
}

// Loads and validates; prints every error. Returns nullopt when the document is unusable.
std::optional<cp::doc::Document> load(const std::string& path, int& exit_code) {
  std::string text;
  if (!read_file(path, text)) {
    std::fprintf(stderr, "cloudplay: cannot read %s\n", path.c_str());
    exit_code = 2;
    return std::nullopt;
  }
  cp::doc::LoadResult r = cp::catalog::parse_document(text);
  // "FILE: path: message", or "FILE: message" when the problem is the whole file (no path).
  for (const auto& w : r.warnings) std::fprintf(stderr, "%s: warning: %s\n", path.c_str(), w.line(false).c_str());
  if (!r.ok()) {
    for (const auto& e : r.errors) std::printf("%s: %s\n", path.c_str(), e.line(false).c_str());
    std::printf("%zu error%s\n", r.errors.size(), r.errors.size() == 1 ? "" : "s");
    exit_code = 1;
    return std::nullopt;
  }
  return std::move(r.document);
}

// Prints every service (or one) from the catalog, as Markdown.
int cmd_describe(int argc, char** argv) {
  bool korean = false;
  std::string type;
  for (int i = 0; i < argc; ++i) {
    if (std::strcmp(argv[i], "--ko") == 0) korean = true;
    else if (type.empty() && argv[i][0] != '-') type = argv[i];
    else { std::fputs(kUsage, stderr); return 2; }
  }
  auto text = cp::catalog::describe_services(korean, type);
  if (!text) {
    std::string types;
    for (const auto* s : cp::catalog::all_services()) types += (types.empty() ? "" : ", ") + s->type;
    std::fprintf(stderr, "cloudplay: there is no service type \"%s\"; the types are: %s\n", type.c_str(), types.c_str());
    return 2;
  }
  std::fputs(text->c_str(), stdout);
  return 0;
}

// Prints the advice findings (severity, rule, nodes, fact, text); exit 0 whatever they say.
int cmd_lint(int argc, char** argv) {
  bool korean = argc == 2 && std::strcmp(argv[1], "--ko") == 0;
  if (argc != 1 && !korean) { std::fputs(kUsage, stderr); return 2; }
  int code = 0;
  auto d = load(argv[0], code);
  if (!d) return code;
  auto findings = cp::lint::lint(*d);
  for (const auto& f : findings) {
    std::string nodes;
    for (const auto& n : f.nodes) nodes += (nodes.empty() ? "" : ",") + n;
    std::printf("%s: %s [%s] (%s)%s%s\n  %s\n", argv[0], cp::lint::severity_name(f.severity), f.rule.c_str(),
                nodes.c_str(), f.fact.empty() ? "" : " AWS-FACTS: ", f.fact.c_str(),
                korean ? f.text_ko.c_str() : f.text_en.c_str());
  }
  std::printf("%zu finding%s\n", findings.size(), findings.size() == 1 ? "" : "s");
  return 0;
}

int cmd_validate(int argc, char** argv) {
  if (argc != 1) { std::fputs(kUsage, stderr); return 2; }
  int code = 0;
  auto d = load(argv[0], code);
  if (!d) return code;
  std::printf("%s: ok (%zu nodes, %zu connections)\n", argv[0], d->nodes.size(), d->connections.size());
  return 0;
}

int cmd_run(int argc, char** argv) {
  std::string path, json_out;
  std::optional<double> seconds;
  std::optional<uint64_t> seed;
  bool progress = false, show_log = false, series = false, show_goals = false, korean = false, story = false;
  std::optional<std::string> events_query;  // --events: print the entries that match
  for (int i = 0; i < argc; ++i) {
    std::string a = argv[i];
    auto need = [&](const char* what) -> const char* {
      if (i + 1 >= argc) { std::fprintf(stderr, "cloudplay: %s needs %s\n", a.c_str(), what); std::exit(2); }
      return argv[++i];
    };
    if (a == "--seconds") {
      double v;
      if (!parse_number(need("a number of seconds"), v) || !(v > 0) || v > 2592000) {
        std::fprintf(stderr, "cloudplay: --seconds must be a number in (0, 2592000]\n");
        return 2;
      }
      seconds = v;
    } else if (a == "--seed") {
      double v;
      if (!parse_number(need("a whole number"), v) || v < 0 || v > 9007199254740992.0 || v != static_cast<double>(static_cast<uint64_t>(v))) {
        std::fprintf(stderr, "cloudplay: --seed must be a whole number from 0 to 2^53\n");
        return 2;
      }
      seed = static_cast<uint64_t>(v);
    } else if (a == "--json") {
      json_out = need("a file name");
    } else if (a == "--progress") {
      progress = true;
    } else if (a == "--series") {
      series = true;
    } else if (a == "--log") {
      show_log = true;
    } else if (a == "--events") {
      events_query = need("a query such as \"kind=instance_died reason=health_check\"");
    } else if (a == "--story") {
      story = true;
    } else if (a == "--goals") {
      show_goals = true;
    } else if (a == "--ko") {
      korean = true;
    } else if (!a.empty() && a[0] == '-') {
      std::fprintf(stderr, "cloudplay: unknown option %s\n%s", a.c_str(), kUsage);
      return 2;
    } else if (path.empty()) {
      path = a;
    } else {
      std::fputs(kUsage, stderr);
      return 2;
    }
  }
  if (path.empty()) { std::fputs(kUsage, stderr); return 2; }
  int code = 0;
  auto d = load(path, code);
  if (!d) return code;
  if (seconds) d->settings.duration_s = *seconds;
  cp::engine::Built b = cp::engine::build(*d, seed);
  if (!b.ok()) {
    for (const auto& e : b.errors) std::printf("%s: %s\n", path.c_str(), e.line(false).c_str());
    return 1;
  }
  const cp::sim::SimTime end = b.duration;
  // A wrong query is said before the run, not after it.
  const cp::engine::EventQuery q = cp::engine::parse_event_query(events_query.value_or(""), b);
  if (!q.ok()) {
    std::fprintf(stderr, "cloudplay: --events: %s\n", (korean ? q.error_ko : q.error_en).c_str());
    return 2;
  }
  // Goals stop the run at their windows' edges to measure them (the run is the same).
  cp::engine::GoalTracker goals(*d, b);
  if (progress) {
    // Advance in 1% slices and redraw a bar on stderr.
    int last = -1;
    for (int pct = 1; pct <= 100; ++pct) {
      goals.run_until(*b.sim, end / 100 * pct + (pct == 100 ? end % 100 : 0));
      if (pct != last) {
        std::fprintf(stderr, "\r[%-50s] %3d%%  %.0f s", std::string(pct / 2, '#').c_str(), pct,
                     cp::sim::to_seconds(b.sim->now()));
        last = pct;
      }
    }
    std::fprintf(stderr, "\n");
  } else {
    goals.run_until(*b.sim, end);
  }
  const std::vector<cp::engine::GoalResult> results = goals.results(*b.sim);
  std::fputs(cp::engine::summary_table(b).c_str(), stdout);
  if (show_log) {
    std::puts("\nevent log:");
    std::fputs(cp::engine::event_log_text(b).c_str(), stdout);
  }
  if (events_query) {
    const std::vector<size_t> rows = cp::sim::query_events(b.sim->event_log(), q.filter);
    std::printf(korean ? "\n%s에 맞는 이벤트 %zu개:\n" : "\nevents matching %s: %zu\n", events_query->c_str(), rows.size());
    std::fputs(cp::engine::events_text(b, rows, korean).c_str(), stdout);
  }
  if (story) {
    std::puts(korean ? "\n이번 실행에서 일어난 일:" : "\nwhat happened:");
    std::fputs(cp::engine::narrative_text(cp::engine::narrate(b), korean).c_str(), stdout);
  }
  if (!json_out.empty()) {
    std::ofstream out(json_out, std::ios::binary);
    out << cp::engine::report_json(b, series, goals.empty() ? nullptr : &results).dump(2) << "\n";
    if (!out) { std::fprintf(stderr, "cloudplay: cannot write %s\n", json_out.c_str()); return 2; }
  }
  if (show_goals) {
    if (results.empty()) {
      std::puts(korean ? "\n이 문서에는 목표가 없습니다(\"goals\", docs/document-format.md 참고)."
                       : "\nthis document has no goals (\"goals\", see docs/document-format.md)");
      return 0;
    }
    size_t passed = 0;
    std::puts(korean ? "\n목표:" : "\ngoals:");
    for (const auto& r : results) {
      const cp::doc::GoalDoc& g = d->goals[r.index];
      const std::string& label = korean && !g.ko.empty() ? g.ko : g.en.empty() ? g.ko : g.en;
      std::printf("  %s  goals[%zu]%s%s\n        %s\n", r.passed() ? "PASS" : "FAIL", r.index, label.empty() ? "" : "  ",
                  label.c_str(), r.text(korean).c_str());
      passed += r.passed();
    }
    std::printf(korean ? "목표 %zu개 중 %zu개 통과\n" : "%zu of %zu goals passed\n", korean ? results.size() : passed,
                korean ? passed : results.size());
    if (passed != results.size()) return 4;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) { std::fputs(kUsage, stderr); return 2; }
  std::string cmd = argv[1];
  if (cmd == "--version" || cmd == "version") { std::printf("cloudplay %s\n", cp::kVersion); return 0; }
  if (cmd == "--help" || cmd == "-h" || cmd == "help") { std::fputs(kUsage, stdout); return 0; }
  try {
    if (cmd == "run") return cmd_run(argc - 2, argv + 2);
    if (cmd == "validate") return cmd_validate(argc - 2, argv + 2);
    if (cmd == "lint") return cmd_lint(argc - 2, argv + 2);
    if (cmd == "describe") return cmd_describe(argc - 2, argv + 2);
    if (cmd == "lesson") return cmd_lesson(argc - 2, argv + 2);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "cloudplay: internal error: %s\n", e.what());
    return 3;
  }
  std::fprintf(stderr, "cloudplay: unknown command \"%s\"\n%s", cmd.c_str(), kUsage);
  return 2;
}
