// cloudplay lesson check [ID] [--dir DIR] [--facts AWS-FACTS.md] [--ko]
//
// Checks every lesson in DIR (default: lessons/ of the working folder), or the one
// named: its start must fail a goal, its solution pass them all, also in the hidden
// run, no text may lack its English or Korean, and its fact must be a row of
// AWS-FACTS.md (default: ../shared/AWS-FACTS.md beside the lessons' repository, when
// it is there). Prints a report per lesson with its par and check time.
// Exit codes: 0 every lesson passed, 1 one failed or did not load, 2 bad usage.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/lesson/check.h"
#include "core/lesson/lesson.h"

namespace fs = std::filesystem;

namespace {

const char* kLessonUsage = "usage: cloudplay lesson check [ID] [--dir DIR] [--facts AWS-FACTS.md] [--ko]\n";

bool slurp(const fs::path& p, std::string& out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

}  // namespace

int cmd_lesson(int argc, char** argv) {
  if (argc < 1 || std::strcmp(argv[0], "check") != 0) { std::fputs(kLessonUsage, stderr); return 2; }
  std::string id, dir = "lessons", facts_path;
  bool korean = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if ((a == "--dir" || a == "--facts") && i + 1 < argc) {
      (a == "--dir" ? dir : facts_path) = argv[++i];
    } else if (a == "--ko") {
      korean = true;
    } else if (!a.empty() && a[0] != '-' && id.empty()) {
      id = a;
    } else {
      std::fputs(kLessonUsage, stderr);
      return 2;
    }
  }
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.path().extension() == ".json") files.push_back(e.path());
  if (ec) { std::fprintf(stderr, "cloudplay: cannot read the lessons folder %s\n", dir.c_str()); return 2; }
  std::sort(files.begin(), files.end());
  if (!id.empty()) {
    files.erase(std::remove_if(files.begin(), files.end(), [&](const fs::path& p) { return p.stem().string() != id; }), files.end());
    if (files.empty()) { std::fprintf(stderr, "cloudplay: there is no lesson %s in %s\n", id.c_str(), dir.c_str()); return 2; }
  }
  if (facts_path.empty()) {
    const fs::path guess = fs::absolute(dir).lexically_normal().parent_path().parent_path() / "shared" / "AWS-FACTS.md";
    if (fs::exists(guess)) facts_path = guess.string();
  }
  cp::lesson::Facts facts;
  bool have_facts = false;
  if (!facts_path.empty()) {
    std::string text;
    if (!slurp(facts_path, text)) { std::fprintf(stderr, "cloudplay: cannot read %s\n", facts_path.c_str()); return 2; }
    facts = cp::lesson::parse_facts(text);
    have_facts = true;
  }
  size_t failed = 0;
  const auto t0 = std::chrono::steady_clock::now();
  for (const auto& f : files) {
    std::string text;
    const std::string name = f.string();
    if (!slurp(f, text)) { std::printf("%s: cannot read it\n", name.c_str()); ++failed; continue; }
    cp::lesson::LoadResult r = cp::lesson::parse_lesson(text, f.stem().string());
    if (!r.ok()) {
      for (const auto& e : r.errors) std::printf("%s: %s\n", name.c_str(), e.line(korean).c_str());
      std::printf(korean ? "%s: 레슨을 읽지 못했습니다(오류 %zu개)\n\n" : "%s: the lesson does not load (%zu errors)\n\n", name.c_str(),
                  r.errors.size());
      ++failed;
      continue;
    }
    const cp::lesson::CheckResult c = cp::lesson::check_lesson(r.lesson, have_facts ? &facts : nullptr);
    std::fputs(cp::lesson::check_report(c, r.lesson, korean).c_str(), stdout);
    std::puts("");
    failed += !c.passed();
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (korean)
    std::printf("레슨 %zu개 중 %zu개 통과, %.2f초\n", files.size(), files.size() - failed, secs);
  else
    std::printf("%zu of %zu lessons passed in %.2f s\n", files.size() - failed, files.size(), secs);
  return failed ? 1 : 0;
}
