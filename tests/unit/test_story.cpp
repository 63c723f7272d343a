// A document's story (what it shows, moments to watch) and its starting speed:
// they round-trip, documents without them load as before, every mistake gets a
// path and a sentence in both languages, the story panel's words (ui/story.h),
// and every example tells its story, in both languages, in a minute or two.
#include <catch2/catch.hpp>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/catalog/validate.h"
#include "core/doc/document.h"
#include "tests/unit/korean_text.h"
#include "tests/unit/source_files.h"
#include "ui/story.h"
#include "tests/unit/issue_text.h"

using cp::test::all_issues;
using cp::test::has_hangul;
using cp::test::unquoted;
using nlohmann::json;
using namespace cp;

namespace {

json small_doc() {
  return json::parse(R"({
    "version": 1, "name": "One server",
    "settings": {"duration_s": 600, "seed": 1},
    "regions": [{"code": "us-east-1", "azs": ["use1-az1"]}],
    "nodes": [
      {"id": "users", "type": "users", "region": "us-east-1", "params": {"rate_per_s": 8}},
      {"id": "web", "type": "compute", "region": "us-east-1", "az": "use1-az1"}
    ],
    "connections": [{"id": "c1", "from": "users", "to": "web"}]
  })");
}

json with_story(json j) {
  j["story"] = {{"name_ko", "서버 하나"},
                {"en", "One server and its queue."},
                {"ko", "서버 하나와 대기열입니다."},
                {"moments", json::array({{{"at_s", 0}, {"en", "The start."}, {"ko", "시작입니다."}},
                                         {{"at_s", 300}, {"en", "Half way."}},
                                         {{"at_s", 600}, {"ko", "끝입니다."}}})}};
  j["settings"]["speed"] = 20;
  return j;
}

bool has_error(const doc::LoadResult& r, const std::string& path, const std::string& part) {
  for (const auto& e : r.errors)
    if (e.path == path && e.message.find(part) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("story: a story and a speed load and round-trip") {
  doc::LoadResult r = catalog::load_document(with_story(small_doc()));
  INFO(all_issues(r.errors));
  REQUIRE(r.ok());
  const doc::Document& d = r.document;
  CHECK(d.story.name_ko == "서버 하나");
  CHECK(d.story.en == "One server and its queue.");
  CHECK(d.story.ko == "서버 하나와 대기열입니다.");
  REQUIRE(d.story.moments.size() == 3);
  CHECK(d.story.moments[1].at_s == 300);
  CHECK(d.story.moments[1].ko.empty());
  CHECK(d.story.moments[2].en.empty());
  REQUIRE(d.settings.speed.has_value());
  CHECK(*d.settings.speed == 20);

  const std::string text = doc::to_json_text(d);
  doc::LoadResult again = catalog::parse_document(text);
  INFO(all_issues(again.errors));
  REQUIRE(again.ok());
  CHECK(again.document == d);
  CHECK(doc::to_json_text(again.document) == text);
  CHECK(text.find("\"speed\": 20") != std::string::npos);
  // An empty text is not written, so it does not come back as a field.
  CHECK(text.find("\"ko\": \"\"") == std::string::npos);
}

TEST_CASE("story: a document without a story or a speed loads and saves as before") {
  doc::LoadResult r = catalog::load_document(small_doc());
  REQUIRE(r.ok());
  CHECK(r.document.story.empty());
  CHECK_FALSE(r.document.settings.speed.has_value());
  const std::string text = doc::to_json_text(r.document);
  CHECK(text.find("story") == std::string::npos);
  CHECK(text.find("speed") == std::string::npos);
}

TEST_CASE("story: each mistake in a story or a speed gives its path and a sentence, in both languages") {
  struct Case {
    const char* what;
    std::function<void(json&)> mutate;
    std::string path, message;
  };
  const std::vector<Case> cases = {
      {"story not an object", [](json& j) { j["story"] = "A story"; }, "story", "expected an object"},
      {"unknown story field", [](json& j) { j["story"]["kr"] = "x"; }, "story.kr", "Did you mean \"ko\"?"},
      {"story text not text", [](json& j) { j["story"]["en"] = 5; }, "story.en", "expected text, got 5"},
      {"story text too long", [](json& j) { j["story"]["ko"] = std::string(4001, 'x'); }, "story.ko", "the most is 4000"},
      {"Korean name too long", [](json& j) { j["story"]["name_ko"] = std::string(81, 'x'); }, "story.name_ko",
       "the most is 80"},
      {"moments not a list", [](json& j) { j["story"]["moments"] = json::object(); }, "story.moments",
       "expected a list"},
      {"too many moments", [](json& j) {
         json m = json::array();
         for (int i = 0; i < 51; ++i) m.push_back({{"at_s", i}, {"en", "x"}});
         j["story"]["moments"] = m;
       }, "story.moments", "a story has at most 50"},
      {"moment not an object", [](json& j) { j["story"]["moments"][1] = 300; }, "story.moments[1]",
       "expected a moment"},
      {"moment without a time", [](json& j) { j["story"]["moments"][1].erase("at_s"); }, "story.moments[1]",
       "needs \"at_s\""},
      {"moment time as text", [](json& j) { j["story"]["moments"][1]["at_s"] = "5:00"; }, "story.moments[1].at_s",
       "got \"5:00\""},
      {"moment before the run", [](json& j) { j["story"]["moments"][0]["at_s"] = -1; }, "story.moments[0].at_s",
       "before the run starts"},
      {"moment after the run", [](json& j) { j["story"]["moments"][2]["at_s"] = 900; }, "story.moments[2].at_s",
       "after the end of the run (settings.duration_s is 600 s)"},
      {"moments out of order", [](json& j) { j["story"]["moments"][1]["at_s"] = 0; j["story"]["moments"][0]["at_s"] = 60; },
       "story.moments[1].at_s", "in time order"},
      {"moment without text", [](json& j) { j["story"]["moments"][1].erase("en"); }, "story.moments[1]",
       "a moment needs its text"},
      {"moment with empty texts", [](json& j) { j["story"]["moments"][1] = {{"at_s", 1}, {"en", ""}, {"ko", ""}}; },
       "story.moments[1]", "a moment needs its text"},
      {"moment text too long", [](json& j) { j["story"]["moments"][0]["en"] = std::string(401, 'x'); },
       "story.moments[0].en", "the most is 400"},
      {"unknown moment field", [](json& j) { j["story"]["moments"][0]["at"] = 3; }, "story.moments[0].at",
       "Did you mean \"at_s\"?"},
      {"speed too fast", [](json& j) { j["settings"]["speed"] = 5000; }, "settings.speed", "from 0.1× to 1000×"},
      {"speed zero", [](json& j) { j["settings"]["speed"] = 0; }, "settings.speed", "not a speed the app runs at"},
      {"speed as text", [](json& j) { j["settings"]["speed"] = "fast"; }, "settings.speed", "got \"fast\""},
  };
  for (const Case& c : cases) {
    DYNAMIC_SECTION(c.what) {
      json j = with_story(small_doc());
      c.mutate(j);
      doc::LoadResult r = catalog::load_document(j);
      INFO(all_issues(r.errors));
      CHECK_FALSE(r.ok());
      CHECK(has_error(r, c.path, c.message));
      for (const auto& e : r.errors) {
        INFO(e.path << ": " << e.message << "\n  ko: " << e.message_ko);
        CHECK(has_hangul(e.message_ko));
        CHECK_FALSE(has_hangul(unquoted(e.message)));
      }
    }
  }
}

TEST_CASE("story: the panel's words follow the UI language, with fallbacks") {
  doc::Document d = catalog::load_document(with_story(small_doc())).document;
  CHECK(ui::story_title(d, false) == "One server");
  CHECK(ui::story_title(d, true) == "서버 하나");
  CHECK(ui::story_text(d, true) == "서버 하나와 대기열입니다.");
  CHECK(ui::moment_text(d.story.moments[1], true) == "Half way.");  // no Korean: the English one
  CHECK(ui::moment_text(d.story.moments[2], false) == "끝입니다.");
  CHECK(ui::has_story(d));

  doc::Document plain;
  CHECK_FALSE(ui::has_story(plain));
  plain.name = "Shop";
  plain.description = "A small web shop";
  CHECK(ui::has_story(plain));                          // a description is a story too
  CHECK(ui::story_text(plain, true) == "A small web shop");
  CHECK(ui::story_title(plain, true) == "Shop");

  CHECK(ui::moment_clock(0) == "0:00");
  CHECK(ui::moment_clock(300) == "5:00");
  CHECK(ui::moment_clock(637.9) == "10:37");
  CHECK(ui::moment_clock(3725) == "1:02:05");
  CHECK(ui::current_moment(d.story, -1) == -1);
  CHECK(ui::current_moment(d.story, 0) == 0);
  CHECK(ui::current_moment(d.story, 299.9) == 0);
  CHECK(ui::current_moment(d.story, 300) == 1);
  CHECK(ui::current_moment(d.story, 1e9) == 2);
}

TEST_CASE("story: every example tells its story in both languages, at a speed that takes a minute or two") {
  namespace fs = std::filesystem;
  size_t examples = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(CLOUDPLAY_SOURCE_DIR) / "examples")) {
    if (entry.path().extension() != ".json") continue;
    const std::string file = entry.path().filename().string();
    INFO("examples/" << file);
    const doc::Document d = test::example_document(file);
    ++examples;
    CHECK_FALSE(d.name.empty());
    CHECK(has_hangul(d.story.name_ko));
    CHECK(d.story.en.size() > 100);
    CHECK(has_hangul(d.story.ko));
    CHECK_FALSE(has_hangul(d.story.en));
    REQUIRE(d.story.moments.size() >= 2);
    for (const auto& m : d.story.moments) {
      INFO("moment at " << m.at_s << " s: " << m.en);
      CHECK_FALSE(m.en.empty());
      CHECK(has_hangul(m.ko));
      CHECK_FALSE(has_hangul(m.en));
    }
    // Learners use the app, not the command line: no "--log" or "--json" in what they read.
    std::vector<std::string> texts = {d.story.en, d.story.ko, d.description};
    for (const auto& m : d.story.moments) texts.push_back(m.en), texts.push_back(m.ko);
    for (const std::string& t : texts) {
      INFO(t);
      CHECK(t.find("--") == std::string::npos);
      CHECK(t.find("cloudplay run") == std::string::npos);
    }
    REQUIRE(d.settings.speed.has_value());
    const double wall_s = d.settings.duration_s / *d.settings.speed;
    INFO("the run takes " << wall_s << " s at " << *d.settings.speed << "×");
    CHECK(wall_s >= 40);
    CHECK(wall_s <= 150);
  }
  CHECK(examples >= 9);
}
