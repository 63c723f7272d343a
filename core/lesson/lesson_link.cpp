#include "core/lesson/lesson_link.h"

#include "core/doc/goals.h"

namespace cp::lesson {
namespace {

using json = nlohmann::json;

json text_json(const Text& t) { return {{"en", t.en}, {"ko", t.ko}}; }

// The document as the lesson holds it: its goals are the lesson's (load_lesson puts them back).
json document_json(doc::Document d) {
  d.goals.clear();
  return doc::to_json(d);
}

json series_json(const engine::SeriesSpec& s) {
  json j = {{"metric", s.metric}};
  if (!s.node.empty()) j["node"] = s.node;
  return j;
}

json compare_json(const Compare& c) {
  json j = text_json(c.text);
  json vs = json::array();
  for (const Variant& v : c.variants) {
    json e = text_json(v.label);
    if (v.design == "solution") e["design"] = "solution";
    else if (v.design.empty()) e["design"] = v.own;
    if (!v.params.empty()) e["params"] = v.params;
    vs.push_back(std::move(e));
  }
  j["variants"] = std::move(vs);
  if (!c.plots.empty()) {
    json ps = json::array();
    for (const auto& s : c.plots) ps.push_back(series_json(s));
    j["plots"] = std::move(ps);
  }
  if (c.claim) {
    json cl = series_json(c.claim->metric);
    cl["highest"] = c.claim->highest;
    j["claim"] = std::move(cl);
  }
  return j;
}

}  // namespace

json to_json(const Lesson& l) {
  json j = {{"id", l.id}, {"topic", l.topic}, {"title", text_json(l.title)}};
  json steps = json::array();
  for (const Step& s : l.steps) {
    json e = text_json(s.text);
    if (s.predict) {
      json p = text_json(s.predict->question);
      p["answer"] = s.predict->answer;
      json choices = json::array();
      for (const Choice& c : s.predict->choices) {
        json cj = text_json(c.text);
        if (!c.why.en.empty() || !c.why.ko.empty()) cj["why"] = text_json(c.why);
        choices.push_back(std::move(cj));
      }
      p["choices"] = std::move(choices);
      e["predict"] = std::move(p);
    }
    if (s.compare) e["compare"] = compare_json(*s.compare);
    steps.push_back(std::move(e));
  }
  j["steps"] = std::move(steps);
  j["palette"] = l.palette;
  if (!l.hints.empty()) {
    json hints = json::array();
    for (const Text& h : l.hints) hints.push_back(text_json(h));
    j["hints"] = std::move(hints);
  }
  json fact = text_json(l.fact.text);
  fact["source"] = l.fact.source;
  j["fact"] = std::move(fact);
  json goals = json::array();
  for (const doc::GoalDoc& g : l.goals) goals.push_back(doc::goal_to_json(g));
  j["goals"] = std::move(goals);
  json hidden = {{"seed", l.hidden.seed}};
  if (!l.hidden.fault_derived) hidden["fault"] = doc::fault_to_json(l.hidden.fault);  // else derived again on load
  if (!l.hidden.text.en.empty() || !l.hidden.text.ko.empty()) hidden["en"] = l.hidden.text.en, hidden["ko"] = l.hidden.text.ko;
  j["hidden"] = std::move(hidden);
  j["start"] = document_json(l.start);
  j["solution"] = document_json(l.solution);
  return j;
}

std::string encode_lesson_fragment(const Lesson& l) {
  doc::Document start = l.start;
  start.goals.clear();
  json payload = doc::share_payload(start, doc::RunSettings{});
  json rest = to_json(l);
  rest.erase("start");  // it is the link's document
  payload["lesson"] = std::move(rest);
  return doc::pack_share_payload(payload);
}

LoadResult decode_lesson_fragment(std::string_view f, const doc::ShareLimits& limits) {
  if (!f.empty() && f.front() == '#') f.remove_prefix(1);
  if (f.substr(0, kLessonLinkKey.size()) == kLessonLinkKey) f.remove_prefix(kLessonLinkKey.size());
  LoadResult out;
  doc::ShareDecodeResult r = doc::unpack_share_fragment(f, limits);
  if (!r.ok()) {
    out.errors.emplace_back("link", r.message_en, r.message_ko);
    for (auto& e : r.document_errors) out.errors.push_back(std::move(e));
    return out;
  }
  auto it = r.extra.is_object() ? r.extra.find("lesson") : r.extra.end();
  if (it == r.extra.end() || !it->is_object()) {
    out.errors.emplace_back("link",
                            "This is a share link of a design, not of a lesson: open it as a link without \"lesson-data=\".",
                            "레슨 링크가 아니라 설계 공유 링크입니다. \"lesson-data=\" 없이 링크로 열어 주세요.");
    return out;
  }
  json lesson = std::move(*it);
  lesson["start"] = std::move(r.document_json);
  return load_lesson(lesson, "");
}

}  // namespace cp::lesson
