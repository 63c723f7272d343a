// LessonPanel: see lesson_panel.h.
#include "ui/lesson_panel.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/doc/goals.h"
#include "core/lesson/lesson_link.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "ui/i18n.h"

namespace cp::ui {
namespace {

const StringEntry kLessonStrings[] = {
    {"lesson.menu", "Lessons", "레슨"},
    {"lesson.none", "(no lessons in this build)", "(이 빌드에는 레슨이 없습니다)"},
    {"lesson.window", "Lesson", "레슨"},
    {"lesson.step", "Step %d of %d", "%d / %d단계"},
    {"lesson.back", "Back", "이전"},
    {"lesson.next", "Next", "다음"},
    {"lesson.predict", "Predict first", "먼저 예측해 보세요"},
    {"lesson.right", "Right.", "정답입니다."},
    {"lesson.wrong", "Not quite.", "아쉽지만 틀렸습니다."},
    {"lesson.hint", "Hint", "힌트"},
    {"lesson.hint_more", "Show a hint (%d of %d)", "힌트 보기 (%d / %d)"},
    {"lesson.fact", "AWS fact", "AWS 사실"},
    {"lesson.source", "Source: %s", "출처: %s"},
    {"lesson.check", "Check", "확인"},
    {"lesson.solution", "Show solution", "정답 보기"},
    {"lesson.solution_loaded", "Loaded the lesson's solution", "레슨의 정답 설계를 불러왔습니다"},
    {"lesson.opened", "Opened the lesson: %s", "레슨을 열었습니다: %s"},
    {"lesson.undo_open", "Open lesson", "레슨 열기"},
    {"lesson.undo_solution", "Show solution", "정답 보기"},
    {"lesson.passed_all", "Every goal passed, the hidden check too. Lesson done!",
     "모든 목표를 통과했고, 숨은 확인도 통과했습니다. 레슨 완료!"},
    {"lesson.summary", "%d of %d goals passed (checked in %.0f ms)", "목표 %d개 통과(전체 %d개) · 확인에 %.0f밀리초"},
    {"lesson.not_built", "The design could not be run: %s", "설계를 실행할 수 없습니다: %s"},
    {"lesson.hidden_failed", "Your design passes the run you see, but not the hidden check: %s",
     "보이는 실행은 통과했지만 숨은 확인은 통과하지 못했습니다: %s"},
    {"lesson.broke", "%s (from %s)", "%s (%s부터)"},
    {"lesson.par", "Par: $%.2f/month, %d services. Yours: $%.2f/month, %d services.",
     "모범 답안: 월 $%.2f, 서비스 %d개 · 내 설계: 월 $%.2f, 서비스 %d개"},
    {"lesson.under_par", "Under par: cheaper than the reference solution!", "모범 답안보다 저렴합니다. 훌륭합니다!"},
    {"lesson.replay_hidden", "Replay the hidden run from %s", "숨은 실행을 %s부터 다시 보기"},
    {"lesson.replay_hidden_tip",
     "Runs your design with the hidden check's seed and fault in the run view, paused where it broke. Your design is not changed.",
     "내 설계를 숨은 확인의 시드와 장애로 실행 화면에서 다시 돌리고, 문제가 생긴 시점에서 멈춥니다. 설계는 바뀌지 않습니다."},
    {"lesson.replaying", "The run view shows the hidden run (seed %d, with its extra fault).",
     "지금 실행 화면은 숨은 실행(시드 %d, 추가 장애 포함)입니다."},
    {"lesson.back_visible", "Back to the run you see", "원래 실행으로 돌아가기"},
    {"lesson.gallery", "All lessons...", "전체 레슨 보기..."},
    {"lesson.gallery_title", "Lessons by exam topic", "시험 주제별 레슨"},
    {"lesson.gallery_done", "%d of %d lessons done", "완료한 레슨 %d개 / 전체 %d개"},
    {"lesson.open_button", "Open", "열기"},
    {"lesson.steps_n", "%d steps", "%d단계"},
    {"lesson.progress", "Move your progress to another browser", "다른 브라우저로 진행 상황 옮기기"},
    {"lesson.copy_code", "Copy progress code", "진행 코드 복사"},
    {"lesson.code_copied", "Copied the progress code (%d lessons done)", "진행 코드를 복사했습니다(완료한 레슨 %d개)"},
    {"lesson.import_hint", "Paste a progress code from another browser:", "다른 브라우저에서 복사한 진행 코드를 붙여 넣으세요:"},
    {"lesson.import", "Import", "가져오기"},
    {"lesson.import_ok", "Imported: %d more lessons marked done.", "가져왔습니다. 레슨 %d개를 새로 완료로 표시했습니다."},
    {"lesson.import_bad", "That is not a progress code: it starts with \"cloudplay-lessons:\".",
     "진행 코드가 아닙니다. 진행 코드는 \"cloudplay-lessons:\"로 시작합니다."},
    {"lesson.import_unknown", " Not in this build, skipped: %s", " 이 빌드에 없는 레슨은 건너뛰었습니다: %s"},
    {"lesson.bad_id", "There is no lesson \"%s\" in this build.", "이 빌드에는 \"%s\" 레슨이 없습니다."},
    {"lesson.bad_step", "The lesson has no step %s; it opened at step 1.", "이 레슨에는 %s단계가 없어 1단계에서 열었습니다."},
    {"lesson.bad_link", "The lesson link is not valid: %s", "레슨 링크가 올바르지 않습니다: %s"},
    {"lesson.done", "done", "완료"},
    {"lesson.compare", "Side by side", "나란히 비교"},
    {"lesson.compare_run", "Run side by side", "나란히 실행해 보기"},
    {"lesson.compare_tip", "Runs every variant with the lesson's traffic, seed and faults, and plots them on one axis per metric.",
     "모든 변형을 레슨의 같은 트래픽, 시드, 장애로 실행하고 지표마다 하나의 축에 함께 그립니다."},
    {"lesson.compare_title", "%s, step %d", "%s, %d단계"},
    {"lesson.undo_variant", "Open a compared variant", "비교한 변형 열기"},
};
const bool kAdded = (add_strings(kLessonStrings, std::size(kLessonStrings)), true);

LessonPanel* g_instance = nullptr;

const std::string& in(const lesson::Text& t, bool ko) { return ko && !t.ko.empty() ? t.ko : t.en; }

std::string en_ko(const char* key, bool ko, const std::string& arg) {
  const Lang was = language();
  set_language(ko ? Lang::Ko : Lang::En);
  std::string s = trf(key, arg.c_str());
  set_language(was);
  return s;
}

// A message with a number, in one language.
std::string en_ko_n(const char* key, bool ko, int n) {
  const Lang was = language();
  set_language(ko ? Lang::Ko : Lang::En);
  std::string s = trf(key, n);
  set_language(was);
  return s;
}

constexpr float kNarrowColumnEms = 34;  // below this the lesson floats over the canvas instead

size_t services(const doc::Document& d) {
  size_t n = 0;
  for (const auto& node : d.nodes) n += node.type != "users";
  return n;
}

const ImVec4 kGreen(0.10f, 0.55f, 0.25f, 1.0f), kRed(0.80f, 0.15f, 0.15f, 1.0f);

}  // namespace

LessonPanel::LessonPanel(Editor& editor, Platform& platform, RunController& run)
    : ed_(editor), platform_(platform), run_(run),
      builder_(editor, platform, [this](const lesson::Lesson& l) { open_lesson(l, 1); }) {
  (void)kAdded;
  g_instance = this;
  if (auto saved = platform_.storage_get(kDoneKey)) {
    nlohmann::json j = nlohmann::json::parse(*saved, nullptr, false);
    if (j.is_array())
      for (const auto& v : j)
        if (v.is_string()) done_.push_back(v.get<std::string>());
  }
  const std::string fragment = platform_.url_fragment();
  if (fragment.rfind("lesson=", 0) == 0 || fragment.rfind(lesson::kLessonLinkKey, 0) == 0) open_fragment(fragment);
}

LessonPanel::~LessonPanel() {
  if (g_instance == this) g_instance = nullptr;
}

LessonPanel* LessonPanel::instance() { return g_instance; }

void LessonPanel::load_all() {
  if (loaded_) return;
  loaded_ = true;
  std::error_code ec;
  for (const auto& f : std::filesystem::directory_iterator(kLessonsDir, ec)) {
    if (f.path().extension() != ".json") continue;
    std::ifstream in(f.path());
    std::stringstream ss;
    ss << in.rdbuf();
    Entry e;
    e.id = f.path().stem().string();
    lesson::LoadResult r = lesson::parse_lesson(ss.str(), e.id);
    if (r.ok()) e.lesson = std::move(r.lesson);
    else e.error_en = r.errors.front().text(false), e.error_ko = r.errors.front().text(true);
    entries_.push_back(std::move(e));
  }
  std::sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) { return a.id < b.id; });
}

bool LessonPanel::done(const std::string& id) const { return std::find(done_.begin(), done_.end(), id) != done_.end(); }

void LessonPanel::mark_done(const std::string& id) {
  if (done(id)) return;
  done_.push_back(id);
  platform_.storage_set(kDoneKey, nlohmann::json(done_).dump());
}

bool LessonPanel::open(const std::string& id, int step) {
  load_all();
  error_en_.clear(), error_ko_.clear();
  const Entry* found = nullptr;
  for (const auto& e : entries_)
    if (e.id == id && e.lesson) found = &e;
  if (!found) {
    error_en_ = en_ko("lesson.bad_id", false, id);
    error_ko_ = en_ko("lesson.bad_id", true, id);
    open_ = true;
    current_ = nullptr;
    return false;
  }
  current_ = &*found->lesson;
  step_ = 0, hints_shown_ = 0, predict_choice_ = -1, checked_ = false, par_cost_ = -1;
  open_ = true;
  if (step >= 1 && step <= static_cast<int>(current_->steps.size())) {
    step_ = step - 1;
  } else {
    error_en_ = en_ko("lesson.bad_step", false, std::to_string(step));
    error_ko_ = en_ko("lesson.bad_step", true, std::to_string(step));
  }
  ed_.replace_document(current_->start, tr("lesson.undo_open"));
  ed_.notify(trf("lesson.opened", in(current_->title, korean()).c_str()));
  return true;
}

void LessonPanel::open_lesson(const lesson::Lesson& l, int step) {
  load_all();
  auto it = std::find_if(entries_.begin(), entries_.end(), [&](const Entry& e) { return e.id == l.id; });
  if (it == entries_.end()) it = entries_.insert(entries_.end(), Entry{l.id, std::nullopt, "", ""});
  it->lesson = l;
  it->error_en.clear(), it->error_ko.clear();
  open(l.id, step);
}

bool LessonPanel::open_fragment(const std::string& fragment) {
  if (fragment.rfind(lesson::kLessonLinkKey, 0) == 0) {
    lesson::LoadResult r = lesson::decode_lesson_fragment(fragment);
    if (!r.ok()) {  // the learner's own design stays as it was
      std::string en, ko;
      for (size_t i = 0; i < r.errors.size() && i < 3; ++i)
        en += (i ? " " : "") + r.errors[i].line(false), ko += (i ? " " : "") + r.errors[i].line(true);
      error_en_ = en_ko("lesson.bad_link", false, en);
      error_ko_ = en_ko("lesson.bad_link", true, ko);
      open_ = true;
      current_ = nullptr;
      return false;
    }
    open_lesson(r.lesson, 1);
    return true;
  }
  std::string id, step = "1";
  std::stringstream ss(fragment);
  std::string part;
  while (std::getline(ss, part, '&')) {
    const size_t eq = part.find('=');
    if (eq == std::string::npos) continue;
    const std::string k = part.substr(0, eq), v = part.substr(eq + 1);
    if (k == "lesson") id = v;
    else if (k == "step") step = v;
  }
  int n = 0;
  bool number = !step.empty() && step.size() < 6 && std::all_of(step.begin(), step.end(), ::isdigit);
  if (number) n = std::stoi(step);
  if (!open(id, number ? n : 0)) return false;
  if (!number) {  // say what the link said, not "0"
    error_en_ = en_ko("lesson.bad_step", false, step);
    error_ko_ = en_ko("lesson.bad_step", true, step);
  }
  return true;
}

bool LessonPanel::set_step(int step) {
  if (!current_ || step < 1 || step > static_cast<int>(current_->steps.size())) return false;
  step_ = step - 1;
  predict_choice_ = -1;
  return true;
}

void LessonPanel::show_solution() {
  if (!current_) return;
  ed_.replace_document(current_->solution, tr("lesson.undo_solution"));
  ed_.notify(tr("lesson.solution_loaded"));
}

void LessonPanel::check() {
  if (!current_) return;
  const auto t0 = std::chrono::steady_clock::now();
  doc::Document design = ed_.document();
  design.goals = current_->goals;  // the lesson's goals, whatever the learner did to the document's
  visible_ = lesson::run_document(design);
  mine_cost_ = visible_.cost_per_month;
  mine_services_ = services(design);
  hidden_ = {};
  hidden_built_ = false;
  hidden_error_en_.clear(), hidden_error_ko_.clear();
  if (visible_.all_passed()) {
    doc::LoadResult h = lesson::hidden_run_of(*current_, design);
    if (h.ok()) {
      hidden_ = lesson::run_document(h.document);
      hidden_built_ = true;
    } else {
      hidden_error_en_ = h.errors.front().text(false);
      hidden_error_ko_ = h.errors.front().text(true);
    }
  }
  check_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  if (par_cost_ < 0) {  // the par is the solution's run: measured once per lesson
    par_cost_ = lesson::run_document(current_->solution).cost_per_month;
    par_services_ = services(current_->solution);
  }
  checked_ = true;
  hidden_moment_s_ = -1;
  if (hidden_built_)
    for (const auto& g : hidden_.goals)
      if (!g.passed()) {
        // The hidden fault, when it came before the goal's window closed, is where it broke.
        const double fault_at = current_->hidden.fault.at_s;
        hidden_moment_s_ = fault_at <= g.to_s ? fault_at : g.from_s;
        break;
      }
  if (replaying_hidden_) back_to_visible_run();
  if (visible_.all_passed() && hidden_built_ && hidden_.all_passed()) mark_done(current_->id);
}

bool LessonPanel::run_compare() {
  if (!current_ || step_ < 0 || step_ >= static_cast<int>(current_->steps.size()) || !current_->steps[step_].compare) return false;
  const lesson::Compare& c = *current_->steps[step_].compare;
  CompareView::Request r;
  const lesson::Text& t = current_->title;
  {
    const Lang was = language();
    set_language(Lang::En);
    r.title.en = trf("lesson.compare_title", t.en.c_str(), step_ + 1);
    set_language(Lang::Ko);
    r.title.ko = trf("lesson.compare_title", (t.ko.empty() ? t.en : t.ko).c_str(), step_ + 1);
    set_language(was);
  }
  r.designs = c.designs();
  for (const lesson::Variant& v : c.variants) r.labels.push_back({v.label.en, v.label.ko});
  r.metrics = c.series();
  if (c.claim && std::find(r.metrics.begin(), r.metrics.end(), c.claim->metric) == r.metrics.end() &&
      r.metrics.size() < engine::kMaxCompareSeries)
    r.metrics.insert(r.metrics.begin(), c.claim->metric);
  r.note = {c.text.en, c.text.ko};
  const std::vector<doc::Document> designs = r.designs;
  compare_.on_open_variant = [this, designs](size_t v) {
    if (v < designs.size()) ed_.replace_document(designs[v], tr("lesson.undo_variant"));
  };
  compare_.open(std::move(r));
  return true;
}

bool LessonPanel::replay_hidden_run() {
  if (!current_ || hidden_moment_s_ < 0) return false;
  doc::RunSettings r;
  r.seed = current_->hidden.seed;
  r.speed = run_.max_speed() ? 0 : run_.speed();
  r.t_s = hidden_moment_s_;
  r.faults = {current_->hidden.fault};
  run_.apply_run_settings(r);
  replaying_hidden_ = true;
  return true;
}

void LessonPanel::back_to_visible_run() {
  doc::RunSettings r;
  r.seed = ed_.document().settings.seed;
  r.speed = run_.max_speed() ? 0 : run_.speed();
  run_.apply_run_settings(r);
  replaying_hidden_ = false;
}

std::string LessonPanel::progress_code() const {
  std::string code = kProgressPrefix;
  for (size_t i = 0; i < done_.size(); ++i) code += (i ? "," : "") + done_[i];
  return code;
}

bool LessonPanel::import_progress(const std::string& raw) {
  load_all();
  std::string code;
  for (char c : raw)
    if (!std::isspace(static_cast<unsigned char>(c))) code += c;
  import_ok_ = false;
  const std::string prefix = kProgressPrefix;
  if (code.rfind(prefix, 0) != 0) {
    import_en_ = en_ko("lesson.import_bad", false, "");
    import_ko_ = en_ko("lesson.import_bad", true, "");
    return false;
  }
  std::stringstream ss(code.substr(prefix.size()));
  std::string id, unknown;
  int added = 0;
  while (std::getline(ss, id, ',')) {
    if (id.empty()) continue;
    const bool known = std::any_of(entries_.begin(), entries_.end(), [&](const Entry& e) { return e.id == id && e.lesson; });
    if (!known) {
      unknown += (unknown.empty() ? "" : ", ") + id.substr(0, 40);
      continue;
    }
    if (!done(id)) done_.push_back(id), ++added;
  }
  platform_.storage_set(kDoneKey, nlohmann::json(done_).dump());
  import_en_ = en_ko_n("lesson.import_ok", false, added);
  import_ko_ = en_ko_n("lesson.import_ok", true, added);
  if (!unknown.empty()) {
    import_en_ += en_ko("lesson.import_unknown", false, unknown);
    import_ko_ += en_ko("lesson.import_unknown", true, unknown);
  }
  import_ok_ = true;
  return true;
}

float LessonPanel::width(float column_w) {
  const float fs = ImGui::GetFontSize();
  width_ = open_ && column_w >= fs * kNarrowColumnEms ? std::round(std::clamp(column_w * 0.42f, fs * 16, fs * 24)) : 0;
  return width_;
}

void LessonPanel::menu() {
  if (!ImGui::BeginMenu((std::string(tr("lesson.menu")) + "###lesson.menu").c_str())) return;
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.09f, 0.10f, 0.12f, 1));
  load_all();
  const bool ko = korean();
  std::string chosen;
  if (entries_.empty()) ImGui::TextDisabled("%s", tr("lesson.none"));
  else if (ImGui::MenuItem(tr("lesson.gallery"))) gallery_open_ = true;
  if (ImGui::MenuItem(tr("lb.menu"))) builder_.show();
  for (const lesson::Topic& t : lesson::topics()) {
    bool any = false;
    for (const auto& e : entries_) any |= e.lesson && e.lesson->topic == t.key;
    if (!any) continue;
    ImGui::Separator(), ImGui::TextDisabled("%s", ko ? t.ko : t.en);
    for (const auto& e : entries_) {
      if (!e.lesson || e.lesson->topic != t.key) continue;
      const std::string label = (done(e.id) ? "\xE2\x9C\x93 " : "   ") + in(e.lesson->title, ko) + "###" + e.id;
      if (ImGui::MenuItem(label.c_str())) chosen = e.id;
    }
  }
  ImGui::PopStyleColor();
  ImGui::EndMenu();
  if (!chosen.empty()) open(chosen, 1);
}

void LessonPanel::frame() {
  if (open_) draw_window();
  compare_.draw();
  if (gallery_open_) draw_gallery();
  builder_.draw();
}

void LessonPanel::draw_gallery() {
  load_all();
  const bool ko = korean();
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float fs = ImGui::GetFontSize();
  ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x * 0.5f, vp->Pos.y + vp->Size.y * 0.5f), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(std::min(fs * 36, vp->Size.x - fs), vp->Size.y * 0.8f), ImGuiCond_Appearing);
  const std::string title = std::string(tr("lesson.gallery_title")) + "###lesson_gallery";
  if (!ImGui::Begin(title.c_str(), &gallery_open_, ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::End();
    return;
  }
  int total = 0, finished = 0;
  for (const auto& e : entries_) total += e.lesson.has_value(), finished += e.lesson && done(e.id);
  ImGui::Text("%s", trf("lesson.gallery_done", finished, total).c_str());
  std::string chosen;
  for (const lesson::Topic& t : lesson::topics()) {
    bool any = false;
    for (const auto& e : entries_) any |= e.lesson && e.lesson->topic == t.key;
    if (!any) continue;
    ImGui::Spacing();
    ImGui::TextColored(ImVec4(0.05f, 0.28f, 0.55f, 1), "%s", ko ? t.ko : t.en);
    ImGui::Separator();
    for (const auto& e : entries_) {
      if (!e.lesson || e.lesson->topic != t.key) continue;
      ImGui::PushID(e.id.c_str());
      if (ImGui::SmallButton(tr("lesson.open_button"))) chosen = e.id;
      ImGui::SameLine();
      if (done(e.id)) ImGui::TextColored(kGreen, "\xE2\x9C\x93"), ImGui::SameLine();
      ImGui::TextWrapped("%s", in(e.lesson->title, ko).c_str());
      ImGui::SameLine();
      ImGui::TextDisabled("%s", trf("lesson.steps_n", static_cast<int>(e.lesson->steps.size())).c_str());
      ImGui::PopID();
    }
  }
  ImGui::Spacing();
  ImGui::Separator();
  ImGui::TextColored(ImVec4(0.05f, 0.28f, 0.55f, 1), "%s", tr("lesson.progress"));
  if (ImGui::Button(tr("lesson.copy_code"))) {
    platform_.copy_to_clipboard(progress_code());
    ed_.notify(trf("lesson.code_copied", static_cast<int>(done_.size())));
  }
  ImGui::TextWrapped("%s", tr("lesson.import_hint"));
  ImGui::SetNextItemWidth(-fs * 6);
  ImGui::InputText("##progress_code", import_text_, sizeof import_text_);
  ImGui::SameLine();
  if (ImGui::Button(tr("lesson.import"))) import_progress(import_text_);
  if (!import_en_.empty()) ImGui::TextColored(import_ok_ ? kGreen : kRed, "%s", (ko ? import_ko_ : import_en_).c_str());
  ImGui::End();
  if (!chosen.empty()) open(chosen, 1), gallery_open_ = false;
}

void LessonPanel::draw_window() {
  const bool ko = korean();
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float fs = ImGui::GetFontSize();
  const ImGuiWindow* canvas = ImGui::FindWindowByName("##canvas_window");
  ImGuiWindowFlags flags = ImGuiWindowFlags_NoSavedSettings;
  if (width_ > 0 && canvas) {  // a column beside the canvas (the App made the canvas narrower)
    ImGui::SetNextWindowPos(ImVec2(canvas->Pos.x + canvas->Size.x, canvas->Pos.y), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(width_, canvas->Size.y), ImGuiCond_Always);
    flags |= ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse;
  } else {  // a narrow screen: over the canvas
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x * 0.5f, vp->Pos.y + fs * 3), ImGuiCond_Appearing, ImVec2(0.5f, 0));
    ImGui::SetNextWindowSize(ImVec2(std::min(fs * 30, vp->Size.x - fs), vp->Size.y * 0.6f), ImGuiCond_Appearing);
  }
  const std::string title = (current_ ? in(current_->title, ko) : std::string(tr("lesson.window"))) + "###lesson_window";
  if (!ImGui::Begin(title.c_str(), &open_, flags)) {
    ImGui::End();
    return;
  }
  if (!error_en_.empty()) ImGui::TextColored(kRed, "%s", (ko ? error_ko_ : error_en_).c_str());
  if (!current_) {
    ImGui::End();
    return;
  }
  const lesson::Lesson& l = *current_;
  const int n = static_cast<int>(l.steps.size());
  ImGui::TextDisabled("%s", trf("lesson.step", step_ + 1, n).c_str());
  ImGui::SameLine();
  ImGui::BeginDisabled(step_ == 0);
  if (ImGui::SmallButton(tr("lesson.back"))) set_step(step_);
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(step_ + 1 >= n);
  if (ImGui::SmallButton(tr("lesson.next"))) set_step(step_ + 2);
  ImGui::EndDisabled();
  const lesson::Step& s = l.steps[step_];
  ImGui::TextWrapped("%s", in(s.text, ko).c_str());
  if (s.predict) {
    ImGui::Separator(), ImGui::TextDisabled("%s", tr("lesson.predict"));
    ImGui::TextWrapped("%s", in(s.predict->question, ko).c_str());
    for (size_t i = 0; i < s.predict->choices.size(); ++i) {
      ImGui::PushID(static_cast<int>(i));
      if (ImGui::RadioButton(in(s.predict->choices[i].text, ko).c_str(), predict_choice_ == static_cast<int>(i)))
        predict_choice_ = static_cast<int>(i);
      ImGui::PopID();
    }
    if (predict_choice_ >= 0) {
      const bool right = predict_choice_ == static_cast<int>(s.predict->answer);
      ImGui::TextColored(right ? kGreen : kRed, "%s", tr(right ? "lesson.right" : "lesson.wrong"));
      const std::string& why = in(s.predict->choices[predict_choice_].why, ko);
      if (!why.empty()) ImGui::TextWrapped("%s", why.c_str());
    }
  }
  if (s.compare) draw_compare_step(*s.compare, ko);
  if (!l.hints.empty()) {
    ImGui::Separator(), ImGui::TextDisabled("%s", tr("lesson.hint"));
    for (int i = 0; i < hints_shown_ && i < static_cast<int>(l.hints.size()); ++i)
      ImGui::TextWrapped("%d. %s", i + 1, in(l.hints[i], ko).c_str());
    if (hints_shown_ < static_cast<int>(l.hints.size()) &&
        ImGui::SmallButton(trf("lesson.hint_more", hints_shown_ + 1, static_cast<int>(l.hints.size())).c_str()))
      ++hints_shown_;
  }
  ImGui::Separator(), ImGui::TextDisabled("%s", tr("lesson.fact"));
  ImGui::TextWrapped("%s", in(l.fact.text, ko).c_str());
  ImGui::TextDisabled("%s", trf("lesson.source", l.fact.source.c_str()).c_str());
  ImGui::Separator();
  if (ImGui::Button(tr("lesson.check"))) check();
  ImGui::SameLine();
  if (ImGui::Button(tr("lesson.solution"))) show_solution();
  ImGui::SameLine();
  if (ImGui::Button(tr("lb.edit"))) builder_.edit(l);
  if (checked_) {
    if (!visible_.built) {
      const std::string why = visible_.errors.empty() ? std::string() : visible_.errors.front().text(ko);
      ImGui::TextColored(kRed, "%s", trf("lesson.not_built", why.c_str()).c_str());
    } else {
      ImGui::Text("%s", trf("lesson.summary", static_cast<int>(visible_.passed), static_cast<int>(visible_.goals.size()),
                            check_ms_).c_str());
      for (const auto& g : visible_.goals) {
        const doc::GoalDoc* gd = g.index < l.goals.size() ? &l.goals[g.index] : nullptr;
        ImGui::TextColored(g.passed() ? kGreen : kRed, "%s", tr(g.passed() ? "run.g_passed" : "run.g_failed"));
        ImGui::SameLine();
        if (gd) ImGui::TextWrapped("%s", (ko && !gd->ko.empty() ? gd->ko : gd->en).c_str());
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
        ImGui::TextWrapped("%s", g.text(ko).c_str());
        ImGui::PopStyleColor();
      }
      if (visible_.all_passed()) draw_hidden_result(ko);
      ImGui::TextWrapped("%s", trf("lesson.par", par_cost_, static_cast<int>(par_services_), mine_cost_,
                                   static_cast<int>(mine_services_)).c_str());
      if (mine_cost_ < par_cost_ - 0.005 && visible_.all_passed()) ImGui::TextColored(kGreen, "%s", tr("lesson.under_par"));
    }
  }
  ImGui::End();
}

void LessonPanel::draw_compare_step(const lesson::Compare& c, bool ko) {
  ImGui::Separator(), ImGui::TextDisabled("%s", tr("lesson.compare"));
  ImGui::TextWrapped("%s", in(c.text, ko).c_str());
  const float fs = ImGui::GetFontSize();
  for (size_t v = 0; v < c.variants.size() && v < engine::kMaxVariants; ++v) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + fs * 0.55f), ImVec2(p.x + fs * 0.9f, p.y + fs * 0.55f + 4),
                                              CompareView::kColors[v], 1.5f);
    ImGui::SetCursorScreenPos(ImVec2(p.x + fs * 1.2f, p.y));
    ImGui::TextWrapped("%s", in(c.variants[v].label, ko).c_str());
  }
  if (ImGui::Button(tr("lesson.compare_run"))) run_compare();
  compare_button_ = ImVec4(ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y, ImGui::GetItemRectSize().x, ImGui::GetItemRectSize().y);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("lesson.compare_tip"));
}

void LessonPanel::draw_hidden_result(bool ko) {
  const lesson::Lesson& l = *current_;
  if (!hidden_error_en_.empty()) {
    ImGui::TextColored(kRed, "%s", trf("lesson.hidden_failed", (ko ? hidden_error_ko_ : hidden_error_en_).c_str()).c_str());
  } else if (hidden_built_ && hidden_.all_passed()) {
    ImGui::TextColored(kGreen, "%s", tr("lesson.passed_all"));
  } else if (hidden_built_) {
    // What broke and when: the lesson's words for the hidden run, then the first failed goal.
    std::string broke;
    for (const auto& g : hidden_.goals)
      if (!g.passed()) {
        broke = trf("lesson.broke", g.text(ko).c_str(), doc::clock_text(g.from_s).c_str());
        break;
      }
    if (!in(l.hidden.text, ko).empty()) broke = in(l.hidden.text, ko) + " " + broke;
    ImGui::PushStyleColor(ImGuiCol_Text, kRed);
    ImGui::TextWrapped("%s", trf("lesson.hidden_failed", broke.c_str()).c_str());
    ImGui::PopStyleColor();
    if (hidden_moment_s_ >= 0) {
      if (ImGui::Button(trf("lesson.replay_hidden", doc::clock_text(hidden_moment_s_).c_str()).c_str())) replay_hidden_run();
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("lesson.replay_hidden_tip"));
    }
  }
  if (replaying_hidden_) {
    ImGui::TextWrapped("%s", trf("lesson.replaying", static_cast<int>(l.hidden.seed)).c_str());
    if (ImGui::Button(tr("lesson.back_visible"))) back_to_visible_run();
  }
}

nlohmann::json LessonPanel::debug_state() const {
  nlohmann::json s;
  s["open"] = open_;
  s["id"] = current_ ? current_->id : "";
  s["step"] = step_ + 1;
  s["steps"] = current_ ? current_->steps.size() : 0;
  s["error"] = error_en_;
  s["error_ko"] = error_ko_;
  s["done"] = done_;
  s["checked"] = checked_;
  s["checkMs"] = check_ms_;
  nlohmann::json goals = nlohmann::json::array();
  for (const auto& g : visible_.goals) goals.push_back({{"passed", g.passed()}, {"value", g.value}, {"text", g.en}, {"text_ko", g.ko}});
  s["goals"] = checked_ ? goals : nlohmann::json::array();
  s["built"] = visible_.built;
  s["hiddenRun"] = hidden_built_;
  s["hiddenPassed"] = hidden_built_ && hidden_.all_passed();
  s["hiddenMoment"] = hidden_moment_s_;
  s["replayingHidden"] = replaying_hidden_;
  s["width"] = width_;
  s["galleryOpen"] = gallery_open_;
  s["progressCode"] = progress_code();
  s["importMessage"] = import_en_;
  s["importMessage_ko"] = import_ko_;
  nlohmann::json hidden_goals = nlohmann::json::array();
  for (const auto& g : hidden_.goals) hidden_goals.push_back({{"passed", g.passed()}, {"text", g.en}, {"from", g.from_s}});
  s["hiddenGoals"] = hidden_goals;
  s["builder"] = builder_.debug_state();
  s["hasCompare"] = current_ && step_ < static_cast<int>(current_->steps.size()) && current_->steps[step_].compare.has_value();
  s["compare"] = compare_.debug_state();
  s["compareButton"] = {{"x", compare_button_.x}, {"y", compare_button_.y}, {"w", compare_button_.z}, {"h", compare_button_.w}};
  s["parCost"] = par_cost_;
  s["parServices"] = par_services_;
  s["cost"] = mine_cost_;
  s["services"] = mine_services_;
  return s;
}

}  // namespace cp::ui
