// Lesson links (core/lesson/lesson_link.h): every shipped lesson survives to_json and a
// link unchanged; a damaged link, a design's share link and a link whose lesson breaks
// the format are refused with a sentence in both languages.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <string>

#include "core/doc/share_link.h"
#include "core/lesson/lesson_link.h"
#include "tests/unit/issue_text.h"
#include "tests/unit/source_files.h"

using nlohmann::json;
using namespace cp;

namespace {

lesson::Lesson shipped(const std::string& id) {
  lesson::LoadResult r = lesson::parse_lesson(test::read_source_file("lessons/" + id + ".json"), id);
  INFO(test::all_issues(r.errors));
  REQUIRE(r.ok());
  return r.lesson;
}

bool has_hangul(const std::string& s) {
  for (size_t i = 0; i + 2 < s.size(); ++i)
    if (static_cast<unsigned char>(s[i]) >= 0xEA && static_cast<unsigned char>(s[i]) <= 0xED) return true;
  return false;
}

}  // namespace

TEST_CASE("lesson link: every shipped lesson comes back from its JSON and from its link unchanged") {
  namespace fs = std::filesystem;
  size_t n = 0, longest = 0;
  for (const auto& e : fs::directory_iterator(std::string(CLOUDPLAY_SOURCE_DIR) + "/lessons")) {
    if (e.path().extension() != ".json") continue;
    ++n;
    const std::string id = e.path().stem().string();
    INFO(id);
    const lesson::Lesson l = shipped(id);
    const json file = lesson::to_json(l);
    lesson::LoadResult again = lesson::load_lesson(file, id);
    INFO(test::all_issues(again.errors));
    REQUIRE(again.ok());
    CHECK(lesson::to_json(again.lesson) == file);
    CHECK(again.lesson.hidden_run.faults == l.hidden_run.faults);
    CHECK(again.lesson.solution.nodes.size() == l.solution.nodes.size());

    const std::string link = lesson::encode_lesson_fragment(l);
    longest = std::max(longest, link.size());
    CHECK(link.size() < doc::ShareLimits{}.max_fragment_chars);
    lesson::LoadResult back = lesson::decode_lesson_fragment("#" + std::string(lesson::kLessonLinkKey) + link);
    INFO(test::all_issues(back.errors));
    REQUIRE(back.ok());
    CHECK(lesson::to_json(back.lesson) == file);
  }
  CHECK(n >= 18);
  std::printf("lesson links: %zu lessons, the longest link is %zu characters\n", n, longest);
}

TEST_CASE("lesson link: a damaged link, a design's link or a broken lesson inside says so in both languages") {
  const lesson::Lesson l = shipped("auto-scaling-across-azs");
  const std::string link = lesson::encode_lesson_fragment(l);

  lesson::LoadResult cut = lesson::decode_lesson_fragment(link.substr(0, link.size() / 2));
  REQUIRE_FALSE(cut.ok());
  CHECK(cut.errors.front().path == "link");
  CHECK(cut.errors.front().message.find("cut off") != std::string::npos);
  CHECK(has_hangul(cut.errors.front().message_ko));

  lesson::LoadResult design = lesson::decode_lesson_fragment(doc::encode_share_fragment(l.start, {}));
  REQUIRE_FALSE(design.ok());
  CHECK(design.errors.front().message.find("not of a lesson") != std::string::npos);
  CHECK(has_hangul(design.errors.front().message_ko));

  // A lesson whose hidden seed is the document's: refused by the file loader's own rule.
  doc::Document start = l.start;
  start.goals.clear();  // the lesson's goals travel with the lesson
  json payload = doc::share_payload(start, {});
  json rest = lesson::to_json(l);
  rest.erase("start");
  rest["hidden"]["seed"] = l.start.settings.seed;
  payload["lesson"] = rest;
  lesson::LoadResult bad = lesson::decode_lesson_fragment(doc::pack_share_payload(payload));
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.errors.front().path == "hidden.seed");
  CHECK(has_hangul(bad.errors.front().message_ko));
}
