// LessonBuilder: see lesson_builder.h.
#include "ui/lesson_builder.h"

#include <algorithm>

#include "core/doc/goals.h"
#include "core/lesson/lesson_link.h"
#include "imgui.h"
#include "ui/i18n.h"

namespace cp::ui {
namespace {

const StringEntry kBuilderStrings[] = {
    {"lb.menu", "Make a lesson from this design...", "이 설계로 레슨 만들기..."},
    {"lb.window", "Lesson builder", "레슨 만들기"},
    {"lb.intro",
     "Build the broken design and mark it as the start, fix it and mark the solution, then take goals from the solution's run.",
     "먼저 문제가 있는 설계를 만들어 시작 설계로 지정하고, 고친 설계를 정답으로 지정한 뒤 정답 실행에서 목표를 가져오세요."},
    {"lb.title", "Title", "제목"},
    {"lb.topic", "Exam topic", "시험 주제"},
    {"lb.id", "Id (in links and file names)", "ID(링크와 파일 이름에 쓰임)"},
    {"lb.designs", "Designs", "설계"},
    {"lb.start", "Start", "시작 설계"},
    {"lb.solution", "Solution", "정답 설계"},
    {"lb.not_set", "not set yet", "아직 지정하지 않음"},
    {"lb.design_size", "%d services, %d connections", "서비스 %d개, 연결 %d개"},
    {"lb.use_start", "Use the current design as the start", "지금 설계를 시작 설계로"},
    {"lb.use_solution", "Use the current design as the solution", "지금 설계를 정답 설계로"},
    {"lb.start_set", "The current design is the lesson's start", "지금 설계를 레슨의 시작 설계로 지정했습니다"},
    {"lb.solution_set", "The current design is the lesson's solution", "지금 설계를 레슨의 정답 설계로 지정했습니다"},
    {"lb.goals", "Goals", "목표"},
    {"lb.suggest", "Suggest goals from the solution's run", "정답 실행에서 목표 가져오기"},
    {"lb.need_solution", "Mark a solution first: goals are measured on its run.", "먼저 정답 설계를 지정하세요. 목표는 정답 실행에서 측정합니다."},
    {"lb.no_goals", "No goals yet.", "아직 목표가 없습니다."},
    {"lb.measured", "measured %s", "측정값 %s"},
    {"lb.threshold", "threshold", "기준값"},
    {"lb.op_below", "below", "미만"},
    {"lb.op_above", "above", "초과"},
    {"lb.op_at_most", "at most", "이하"},
    {"lb.op_at_least", "at least", "이상"},
    {"lb.steps", "Steps", "단계"},
    {"lb.add_step", "Add a step", "단계 추가"},
    {"lb.hints", "Hints", "힌트"},
    {"lb.add_hint", "Add a hint", "힌트 추가"},
    {"lb.remove", "Remove", "삭제"},
    {"lb.fact", "AWS fact", "AWS 사실"},
    {"lb.source", "Source (Section / Row of AWS-FACTS.md)", "출처(AWS-FACTS.md의 섹션 / 항목)"},
    {"lb.test", "Test the lesson", "레슨 시험해 보기"},
    {"lb.invalid", "The lesson is not complete yet (%d problems):", "레슨이 아직 완성되지 않았습니다(문제 %d개):"},
    {"lb.start_fails", "The start fails %d of %d goals: there is something to learn.", "시작 설계는 목표 %d개 중 %d개를 통과하지 못합니다. 배울 거리가 있습니다."},
    {"lb.start_passes", "The start already passes every goal: there is nothing to learn. Break it more, or tighten a goal.",
     "시작 설계가 이미 모든 목표를 통과합니다. 배울 거리가 없으니 설계를 더 망가뜨리거나 목표를 엄격하게 바꾸세요."},
    {"lb.solution_passes", "The solution passes every goal, and the hidden run too.", "정답 설계는 모든 목표를 통과하고, 숨은 실행도 통과합니다."},
    {"lb.solution_fails", "The solution fails a goal: %s", "정답 설계가 목표를 통과하지 못합니다: %s"},
    {"lb.hidden_fails", "The solution fails the hidden run (another seed, one more fault): %s",
     "정답 설계가 숨은 실행(다른 시드, 장애 하나 추가)을 통과하지 못합니다: %s"},
    {"lb.missing", "Missing text: %s", "빠진 텍스트: %s"},
    {"lb.ready", "Ready: the lesson passes the checker. Par: $%.2f/month, %d services.",
     "준비 완료: 레슨이 검사를 통과했습니다. 모범 답안: 월 $%.2f, 서비스 %d개"},
    {"lb.fact_unchecked", "The fact's source is checked against AWS-FACTS.md by \"cloudplay lesson check\", not here.",
     "사실의 출처는 이 화면이 아니라 \"cloudplay lesson check\"에서 AWS-FACTS.md와 대조합니다."},
    {"lb.copy_link", "Copy lesson link", "레슨 링크 복사"},
    {"lb.link_copied", "Copied the lesson link (%d characters)", "레슨 링크를 복사했습니다(%d자)"},
    {"lb.download", "Download lesson file", "레슨 파일 내려받기"},
    {"lb.try", "Open it as a learner", "학습자로 열어 보기"},
    {"lb.edit", "Edit in the lesson builder", "레슨 만들기에서 편집"},
};
const bool kAdded = (add_strings(kBuilderStrings, std::size(kBuilderStrings)), true);

// An ImGui text field over a std::string (grows as the text does).
int resize_callback(ImGuiInputTextCallbackData* data) {
  if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
    auto* s = static_cast<std::string*>(data->UserData);
    s->resize(static_cast<size_t>(data->BufTextLen));
    data->Buf = s->data();
  }
  return 0;
}
bool input_string(const char* label, std::string& s, bool multiline = false) {
  const ImGuiInputTextFlags f = ImGuiInputTextFlags_CallbackResize;
  if (multiline)
    return ImGui::InputTextMultiline(label, s.data(), s.capacity() + 1, ImVec2(-1, ImGui::GetTextLineHeight() * 3.5f), f,
                                     resize_callback, &s);
  ImGui::SetNextItemWidth(-1);
  return ImGui::InputText(label, s.data(), s.capacity() + 1, f, resize_callback, &s);
}

// "EN" / "KO" fields of one text.
void input_text_pair(const char* id, lesson::Text& t, bool multiline) {
  ImGui::PushID(id);
  ImGui::TextDisabled("EN");
  ImGui::SameLine();
  input_string("##en", t.en, multiline);
  ImGui::TextDisabled("KO");
  ImGui::SameLine();
  input_string("##ko", t.ko, multiline);
  ImGui::PopID();
}

doc::Document without_goals(doc::Document d) {
  d.goals.clear();
  return d;
}

int service_count(const doc::Document& d) {
  int n = 0;
  for (const auto& node : d.nodes) n += node.type != "users";
  return n;
}

const ImVec4 kGreen(0.10f, 0.55f, 0.25f, 1.0f), kRed(0.80f, 0.15f, 0.15f, 1.0f), kHead(0.05f, 0.28f, 0.55f, 1);

void heading(const char* text) {
  ImGui::Spacing();
  ImGui::TextColored(kHead, "%s", text);
  ImGui::Separator();
}

}  // namespace

LessonBuilder::LessonBuilder(Editor& editor, Platform& platform, std::function<void(const lesson::Lesson&)> open_as_learner)
    : ed_(editor), platform_(platform), open_as_learner_(std::move(open_as_learner)) {
  (void)kAdded;
  draft_.topic = lesson::topics().front().key;
  draft_.steps.push_back({});
}

void LessonBuilder::edit(const lesson::Lesson& l) {
  draft_ = l;
  has_start_ = has_solution_ = true, id_edited_ = true;
  suggestions_.clear(), chosen_.clear();
  for (const auto& g : l.goals) {
    lesson::GoalSuggestion s;
    s.goal = g;
    suggestions_.push_back(s), chosen_.push_back(true);
  }
  tested_ = false;
  open_ = true;
}

void LessonBuilder::use_design_as_start() {
  draft_.start = without_goals(ed_.document());
  has_start_ = true, tested_ = false;
  ed_.notify(tr("lb.start_set"));
}

void LessonBuilder::use_design_as_solution() {
  draft_.solution = without_goals(ed_.document());
  has_solution_ = true, tested_ = false;
  ed_.notify(tr("lb.solution_set"));
}

bool LessonBuilder::suggest_goals() {
  if (!has_solution_) {
    message_en_ = "Mark a solution first: goals are measured on its run.";
    message_ko_ = "먼저 정답 설계를 지정하세요. 목표는 정답 실행에서 측정합니다.";
    return false;
  }
  message_en_.clear(), message_ko_.clear();
  suggestions_ = lesson::suggest_goals(draft_.solution);
  chosen_.assign(suggestions_.size(), false);
  // Latency and errors are what most lessons teach; cost is offered, not chosen.
  for (size_t i = 0; i < suggestions_.size(); ++i) chosen_[i] = suggestions_[i].goal.metric != "cost_per_month";
  tested_ = false;
  return !suggestions_.empty();
}

bool LessonBuilder::test() {
  draft_.goals.clear();
  for (size_t i = 0; i < suggestions_.size(); ++i)
    if (chosen_[i]) draft_.goals.push_back(suggestions_[i].goal);
  if (!id_edited_) draft_.id = lesson::id_from_title(draft_.title.en);
  loaded_ = lesson::finish_draft(draft_);
  tested_ = true;
  checked_ = {};
  if (!loaded_.ok()) return false;
  checked_ = lesson::check_lesson(loaded_.lesson, nullptr);
  return checked_.passed();
}

std::string LessonBuilder::link() const {
  if (!tested_ || !loaded_.ok()) return "";
  return "#" + std::string(lesson::kLessonLinkKey) + lesson::encode_lesson_fragment(loaded_.lesson);
}

void LessonBuilder::download() const {
  if (!tested_ || !loaded_.ok()) return;
  platform_.download(loaded_.lesson.id + ".json", "application/json", lesson::to_json(loaded_.lesson).dump(2) + "\n");
}

void LessonBuilder::set_fields(const nlohmann::json& j) {
  auto text = [](const nlohmann::json& v) { return lesson::Text{v.value("en", std::string()), v.value("ko", std::string())}; };
  if (j.contains("title")) draft_.title = text(j["title"]);
  if (j.contains("topic")) draft_.topic = j["topic"].get<std::string>();
  if (j.contains("id")) draft_.id = j["id"].get<std::string>(), id_edited_ = true;
  if (j.contains("steps")) {
    draft_.steps.clear();
    for (const auto& s : j["steps"]) draft_.steps.push_back({text(s), std::nullopt});
  }
  if (j.contains("hints")) {
    draft_.hints.clear();
    for (const auto& h : j["hints"]) draft_.hints.push_back(text(h));
  }
  if (j.contains("fact")) draft_.fact = {j["fact"].value("source", std::string()), text(j["fact"])};
  tested_ = false;
}

void LessonBuilder::draw() {
  if (!open_) return;
  const bool ko = korean();
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float fs = ImGui::GetFontSize();
  ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x * 0.5f, vp->Pos.y + fs * 2.5f), ImGuiCond_Appearing, ImVec2(0.5f, 0));
  ImGui::SetNextWindowSize(ImVec2(std::min(fs * 38, vp->Size.x - fs), vp->Size.y * 0.85f), ImGuiCond_Appearing);
  const std::string title = std::string(tr("lb.window")) + "###lesson_builder";
  if (!ImGui::Begin(title.c_str(), &open_, ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::End();
    return;
  }
  ImGui::TextWrapped("%s", tr("lb.intro"));
  heading(tr("lb.designs"));
  auto design_row = [&](const char* label, bool set, const doc::Document& d, const char* button, bool start) {
    ImGui::Text("%s:", tr(label));
    ImGui::SameLine();
    if (set) ImGui::Text("%s", trf("lb.design_size", service_count(d), static_cast<int>(d.connections.size())).c_str());
    else ImGui::TextDisabled("%s", tr("lb.not_set"));
    if (ImGui::Button(tr(button))) start ? use_design_as_start() : use_design_as_solution();
  };
  design_row("lb.start", has_start_, draft_.start, "lb.use_start", true);
  design_row("lb.solution", has_solution_, draft_.solution, "lb.use_solution", false);
  draw_goals();
  draw_texts();
  heading(tr("lb.test"));
  if (ImGui::Button(tr("lb.test"))) test();
  draw_result();
  (void)ko;
  ImGui::End();
}

void LessonBuilder::draw_goals() {
  const bool ko = korean();
  heading(tr("lb.goals"));
  if (ImGui::Button(tr("lb.suggest"))) suggest_goals();
  if (!message_en_.empty()) ImGui::TextColored(kRed, "%s", (ko ? message_ko_ : message_en_).c_str());
  if (suggestions_.empty()) ImGui::TextDisabled("%s", tr("lb.no_goals"));
  for (size_t i = 0; i < suggestions_.size(); ++i) {
    lesson::GoalSuggestion& s = suggestions_[i];
    ImGui::PushID(static_cast<int>(i));
    bool on = chosen_[i];
    if (ImGui::Checkbox("##on", &on)) chosen_[i] = on, tested_ = false;
    ImGui::SameLine();
    const doc::GoalMetricSpec* spec = doc::find_goal_metric(s.goal.metric);
    ImGui::Text("%s%s%s", s.goal.node.c_str(), s.goal.node.empty() ? "" : ": ", spec ? (ko ? spec->ko : spec->en) : s.goal.metric.c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("%s", tr(s.goal.op == doc::GoalOp::Below  ? "lb.op_below"
                                 : s.goal.op == doc::GoalOp::Above ? "lb.op_above"
                                 : s.goal.op == doc::GoalOp::AtMost ? "lb.op_at_most"
                                                                    : "lb.op_at_least"));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5);
    if (ImGui::InputDouble("##v", &s.goal.value, 0, 0, "%.2f")) tested_ = false;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("lb.threshold"));
    if (s.has_value) {
      ImGui::SameLine();
      char v[32];
      std::snprintf(v, sizeof v, "%.2f%s", s.measured, spec ? spec->unit : "");
      ImGui::TextDisabled("%s", trf("lb.measured", v).c_str());
    }
    if (chosen_[i]) {
      ImGui::Indent();
      lesson::Text t{s.goal.en, s.goal.ko};
      input_text_pair("text", t, false);
      s.goal.en = t.en, s.goal.ko = t.ko;
      ImGui::Unindent();
    }
    ImGui::PopID();
  }
}

void LessonBuilder::draw_texts() {
  const bool ko = korean();
  heading(tr("lb.title"));
  input_text_pair("title", draft_.title, false);
  ImGui::Text("%s", tr("lb.topic"));
  ImGui::SameLine();
  const auto& topics = lesson::topics();
  const auto cur = std::find_if(topics.begin(), topics.end(), [&](const lesson::Topic& t) { return draft_.topic == t.key; });
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##topic", cur == topics.end() ? draft_.topic.c_str() : (ko ? cur->ko : cur->en))) {
    for (const auto& t : topics)
      if (ImGui::Selectable(ko ? t.ko : t.en, draft_.topic == t.key)) draft_.topic = t.key, tested_ = false;
    ImGui::EndCombo();
  }
  ImGui::Text("%s", tr("lb.id"));
  if (!id_edited_) draft_.id = lesson::id_from_title(draft_.title.en);
  if (input_string("##id", draft_.id)) id_edited_ = true;

  heading(tr("lb.steps"));
  for (size_t i = 0; i < draft_.steps.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    ImGui::Text("%zu.", i + 1);
    ImGui::SameLine();
    const bool remove = draft_.steps.size() > 1 && ImGui::SmallButton(tr("lb.remove"));
    input_text_pair("step", draft_.steps[i].text, true);
    ImGui::PopID();
    if (remove) {
      draft_.steps.erase(draft_.steps.begin() + static_cast<std::ptrdiff_t>(i));
      break;
    }
  }
  if (ImGui::SmallButton(tr("lb.add_step"))) draft_.steps.push_back({});

  heading(tr("lb.hints"));
  for (size_t i = 0; i < draft_.hints.size(); ++i) {
    ImGui::PushID(static_cast<int>(100 + i));
    ImGui::Text("%zu.", i + 1);
    ImGui::SameLine();
    const bool remove = ImGui::SmallButton(tr("lb.remove"));
    input_text_pair("hint", draft_.hints[i], false);
    ImGui::PopID();
    if (remove) {
      draft_.hints.erase(draft_.hints.begin() + static_cast<std::ptrdiff_t>(i));
      break;
    }
  }
  if (ImGui::SmallButton(tr("lb.add_hint"))) draft_.hints.push_back({});

  heading(tr("lb.fact"));
  ImGui::Text("%s", tr("lb.source"));
  input_string("##source", draft_.fact.source);
  input_text_pair("fact", draft_.fact.text, true);
}

void LessonBuilder::draw_result() {
  if (!tested_) return;
  const bool ko = korean();
  auto wrapped = [](const ImVec4& c, const std::string& s) {
    ImGui::PushStyleColor(ImGuiCol_Text, c);
    ImGui::TextWrapped("%s", s.c_str());
    ImGui::PopStyleColor();
  };
  if (!loaded_.ok()) {
    wrapped(kRed, trf("lb.invalid", static_cast<int>(loaded_.errors.size())));
    for (size_t i = 0; i < loaded_.errors.size() && i < 8; ++i) ImGui::BulletText("%s", loaded_.errors[i].line(ko).c_str());
    return;
  }
  const lesson::CheckResult& c = checked_;
  const int goals = static_cast<int>(c.start.goals.size());
  if (c.start_fails()) wrapped(kGreen, trf("lb.start_fails", goals - static_cast<int>(c.start.passed), goals));
  else wrapped(kRed, tr("lb.start_passes"));
  auto first_failed = [&](const lesson::RunResult& r) {
    if (!r.built) return r.errors.empty() ? std::string() : r.errors.front().text(ko);
    for (const auto& g : r.goals)
      if (!g.passed()) return g.text(ko);
    return std::string();
  };
  if (!c.solution.all_passed()) wrapped(kRed, trf("lb.solution_fails", first_failed(c.solution).c_str()));
  else if (!c.hidden.all_passed()) wrapped(kRed, trf("lb.hidden_fails", first_failed(c.hidden).c_str()));
  else wrapped(kGreen, tr("lb.solution_passes"));
  for (const auto& m : c.missing_texts) wrapped(kRed, trf("lb.missing", m.c_str()));
  if (c.passed())
    wrapped(kGreen, trf("lb.ready", c.par_cost_per_month, static_cast<int>(c.par_services)));
  ImGui::TextDisabled("%s", tr("lb.fact_unchecked"));
  if (ImGui::Button(tr("lb.copy_link"))) {
    const std::string l = platform_.page_url() + link();
    platform_.copy_to_clipboard(l);
    ed_.notify(trf("lb.link_copied", static_cast<int>(l.size())));
  }
  ImGui::SameLine();
  if (ImGui::Button(tr("lb.download"))) download();
  ImGui::SameLine();
  if (ImGui::Button(tr("lb.try"))) open_as_learner_(loaded_.lesson);
}

nlohmann::json LessonBuilder::debug_state() const {
  nlohmann::json s;
  s["open"] = open_;
  s["hasStart"] = has_start_;
  s["hasSolution"] = has_solution_;
  s["id"] = draft_.id;
  nlohmann::json sug = nlohmann::json::array();
  for (size_t i = 0; i < suggestions_.size(); ++i)
    sug.push_back({{"metric", suggestions_[i].goal.metric}, {"node", suggestions_[i].goal.node},
                   {"value", suggestions_[i].goal.value}, {"measured", suggestions_[i].measured},
                   {"chosen", static_cast<bool>(chosen_[i])}, {"en", suggestions_[i].goal.en}, {"ko", suggestions_[i].goal.ko}});
  s["suggestions"] = sug;
  s["tested"] = tested_;
  s["valid"] = tested_ && loaded_.ok();
  nlohmann::json errors = nlohmann::json::array();
  for (const auto& e : loaded_.errors) errors.push_back(e.line(false));
  s["errors"] = errors;
  s["startFails"] = checked_.start_fails();
  s["solutionPasses"] = checked_.solution.all_passed();
  s["hiddenPasses"] = checked_.hidden.all_passed();
  s["missing"] = checked_.missing_texts;
  s["passed"] = tested_ && loaded_.ok() && checked_.passed();
  s["link"] = link();
  s["message"] = message_en_;
  return s;
}

}  // namespace cp::ui
