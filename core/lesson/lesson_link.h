// A lesson as data again (the file's JSON) and as a link, for the lesson builder:
// a teacher's lesson travels in a URL fragment like a share link, so a class opens it
// with one click and a teacher can edit and re-share it.
//
//   nlohmann::json file = cp::lesson::to_json(lesson);             // what lessons/<id>.json holds
//   std::string frag = cp::lesson::encode_lesson_fragment(lesson);  // "v1.…" (after "#lesson-data=")
//   cp::lesson::LoadResult r = cp::lesson::decode_lesson_fragment(frag);  // never throws
//
// A lesson link is a share link (core/doc/share_link.h) whose document is the lesson's
// start, with one more part: "lesson", the rest of the lesson's JSON. Decoding checks the
// link the way share links are checked (limits, messages), then loads the lesson the way
// a file is loaded (load_lesson), so a link can hold nothing a file could not.
#pragma once
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/doc/share_link.h"
#include "core/lesson/lesson.h"

namespace cp::lesson {

inline constexpr std::string_view kLessonLinkKey = "lesson-data=";  // "#lesson-data=v1.…"

// The lesson file's JSON (docs/lesson-format.md); load_lesson(to_json(l)) gives l back.
nlohmann::json to_json(const Lesson& l);

std::string encode_lesson_fragment(const Lesson& l);
// `fragment` is what follows "lesson-data=" (a leading '#' or the key itself is skipped).
LoadResult decode_lesson_fragment(std::string_view fragment, const doc::ShareLimits& limits = {});

}  // namespace cp::lesson
