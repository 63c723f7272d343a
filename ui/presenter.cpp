// Presenter mode and the scripted demo (see presenter.h).
//
// [SECTION] Strings
// [SECTION] Entering and leaving
// [SECTION] Steps
// [SECTION] Keys
// [SECTION] Drawing: title, notes, spotlight, laser pointer
// [SECTION] Two windows (BroadcastChannel)
// [SECTION] Test state
#include "ui/presenter.h"

#include <algorithm>
#include <cmath>

#include "core/doc/demo.h"
#include "core/doc/share_link.h"
#include "imgui_internal.h"
#include "ui/i18n.h"
#include "ui/theme.h"

namespace cp::ui {

namespace {

Presenter* g_instance = nullptr;

// ---- [SECTION] Strings ---------------------------------------------------------------------
const StringEntry kPresenterStrings[] = {
    {"present.menu", "Presenter mode", "발표자 모드"},
    {"present.step_of", "Step %d of %d", "%d / %d단계"},
    {"present.next", "Next: %s", "다음: %s"},
    {"present.last", "This is the last step.", "마지막 단계입니다."},
    {"present.no_demo", "This design has no demo: the run, the laser pointer and the spotlight still work.",
     "이 설계에는 데모가 없습니다. 실행, 레이저 포인터, 스포트라이트는 그대로 쓸 수 있습니다."},
    {"present.keys", "Space / \xE2\x86\x92 next · \xE2\x86\x90 back · S spotlight · A audience window · H notes · Esc leave",
     "Space / \xE2\x86\x92 다음 · \xE2\x86\x90 이전 · S 스포트라이트 · A 청중 창 · H 메모 · Esc 나가기"},
    {"present.back", "\xE2\x86\x90 Back", "\xE2\x86\x90 이전"},
    {"present.forward", "Next \xE2\x86\x92", "다음 \xE2\x86\x92"},
    {"present.spotlight", "Spotlight (S)", "스포트라이트(S)"},
    {"present.audience", "Audience window (A)", "청중 창(A)"},
    {"present.allow_edit", "Audience may edit", "청중 창에서 편집 허용"},
    {"present.leave", "Leave (Esc)", "나가기(Esc)"},
    {"present.audience_label", "Audience window: it follows the presenter's steps.",
     "청중 창입니다. 발표자의 단계를 따라갑니다."},
    {"present.editing_allowed", "The presenter allows editing in this window.", "발표자가 이 창에서 편집을 허용했습니다."},
    {"present.blocked", "The browser blocked the audience window: allow pop-ups for this page, then press A again.",
     "브라우저가 청중 창을 막았습니다. 이 페이지의 팝업을 허용한 뒤 A를 다시 누르세요."},
    {"present.notes_window", "Presenter notes", "발표자 메모"},
};

constexpr double kTrailS = 0.7;     // how long the laser's trail lasts
constexpr double kDotS = 6.0;       // the dot fades this long after the mouse stops
constexpr float kSpotDim = 0.78f;   // the spotlight's darkness outside its circle

ImVec4 rect_of(ImVec2 mn, ImVec2 mx) { return ImVec4(mn.x, mn.y, mx.x - mn.x, mx.y - mn.y); }
nlohmann::json rect_json(const ImVec4& r) { return {{"x", r.x}, {"y", r.y}, {"w", r.z}, {"h", r.w}}; }
bool inside(const ImVec4& r, ImVec2 p) { return r.z > 0 && p.x >= r.x && p.y >= r.y && p.x < r.x + r.z && p.y < r.y + r.w; }

}  // namespace

Presenter::Presenter(Editor& editor, Platform& platform, Canvas& canvas, RunController& run)
    : ed_(editor), platform_(platform), canvas_(canvas), run_(run) {
  static bool strings_added = false;
  if (!strings_added) add_strings(kPresenterStrings, sizeof kPresenterStrings / sizeof kPresenterStrings[0]), strings_added = true;
  g_instance = this;
  // A link that opens presenter mode (Documents opened its document already).
  const doc::PresentLink link = doc::parse_present_link(platform_.url_fragment());
  link_rest_ = link.rest;
  link_revision_ = ed_.revision();
  if (link.present) {
    pending_step_ = link.step;
    audience_ = link.audience;
  }
}

Presenter::~Presenter() {
  if (g_instance == this) g_instance = nullptr;
}

Presenter* Presenter::instance() { return g_instance; }

// ---- [SECTION] Entering and leaving ---------------------------------------------------------

void Presenter::enter(int step) {
  active_ = true;
  set_font_zoom(kFontZoom);
  if (!audience_) platform_.set_fullscreen(true);  // the audience window has had no click to allow it
  was_fullscreen_ = false;
  trail_.clear();
  step_ = -1;
  if (has_demo() && run_.ready()) {
    // The demo's scripted faults are the run's timeline for the whole demo: every step
    // replays the same history, whichever way the presenter goes.
    doc::RunSettings r = run_.run_settings();
    r.faults = ed_.document().demo.faults();
    r.t_s = 0;
    r.playing = false;
    run_.apply_run_settings(r);
    go_to(std::clamp(step, 1, step_count()));
  }
  if (audience_) platform_.broadcast(nlohmann::json{{"kind", "hello"}}.dump());
  else send_state(true);
}

void Presenter::leave() {
  if (!active_) return;
  active_ = false;
  set_font_zoom(1);
  platform_.set_fullscreen(false);
  canvas_.set_hidden_nodes({});
  canvas_.set_camera_frame(std::nullopt);
  spotlight_ = false;
  trail_.clear();
}

void Presenter::view_menu_item() {
  if (ImGui::MenuItem(tr("present.menu"), "F5", active_)) active_ ? leave() : enter(std::max(1, step()));
}

// ---- [SECTION] Steps --------------------------------------------------------------------------

bool Presenter::go_to(int step) {
  if (!has_demo() || step < 1 || step > step_count()) return false;
  step_ = step - 1;
  apply_step(/*seek=*/true);
  send_state(true);
  return true;
}

void Presenter::apply_step(bool seek) {
  const doc::Demo& demo = ed_.document().demo;
  if (step_ < 0 || step_ >= static_cast<int>(demo.steps.size())) return;
  const doc::DemoStep& s = demo.steps[static_cast<size_t>(step_)];
  const std::vector<std::string> hidden = demo.hidden_at(static_cast<size_t>(step_));
  canvas_.set_hidden_nodes(std::set<std::string>(hidden.begin(), hidden.end()));
  if (!s.frame_nodes.empty()) {
    float x0 = 1e30f, y0 = 1e30f, x1 = -1e30f, y1 = -1e30f;
    for (const std::string& id : s.frame_nodes) {
      const WorldRect r = ed_.node_rect(id);
      x0 = std::min(x0, r.x), y0 = std::min(y0, r.y), x1 = std::max(x1, r.x + r.w), y1 = std::max(y1, r.y + r.h);
    }
    const float pad = 60;  // room for the cards' labels and badges
    canvas_.set_camera_frame(WorldRect{x0 - pad, y0 - pad, x1 - x0 + 2 * pad, y1 - y0 + 2 * pad});
  } else if (s.frame_rect) {
    canvas_.set_camera_frame(WorldRect{static_cast<float>(s.frame_rect->x), static_cast<float>(s.frame_rect->y),
                                       static_cast<float>(s.frame_rect->w), static_cast<float>(s.frame_rect->h)});
  } else {
    canvas_.set_camera_frame(std::nullopt);
  }
  if (!seek || !run_.ready()) return;
  run_.pause();
  run_.seek(sim::from_seconds(s.at_s));
  if (s.speed) {
    run_.set_max_speed(false);
    run_.set_speed(*s.speed);
    run_.play();
  }
}

// ---- [SECTION] Keys ---------------------------------------------------------------------------

void Presenter::handle_keys() {
  ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput || io.KeyCtrl || io.KeySuper || io.KeyAlt ||
      ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel))
    return;
  auto pressed = [](ImGuiKey k) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(k), false); };
  // Keys without an ImGuiKey in this ImGui: SDL scancodes (USB HID usages) — letters from A, F5 = 62.
  auto letter = [](char c) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_A) + (c - 'a'), false); };
  constexpr int kF5 = 62;
  if (ImGui::IsKeyPressed(kF5, false)) {
    if (active_) leave();
    else enter(std::max(1, step()));
    return;
  }
  if (!active_) return;
  if (pressed(ImGuiKey_Escape)) {
    leave();
    return;
  }
  if (!audience_) {
    // Clickers send PageDown/PageUp. One step a press: a key held a little long never skips a step.
    if (pressed(ImGuiKey_Space) || pressed(ImGuiKey_RightArrow) || pressed(ImGuiKey_PageDown)) next();
    if (pressed(ImGuiKey_LeftArrow) || pressed(ImGuiKey_PageUp)) back();
    if (letter('a')) open_audience();
    if (letter('h')) notes_open_ = !notes_open_;
  }
  if (letter('s')) spotlight_ = !spotlight_;
}

bool Presenter::open_audience() {
  const std::string url = platform_.page_url() + "#" + link_fragment() + "&" + doc::present_link_params(std::max(1, step()), true);
  audience_opened_ = platform_.open_window(url);
  if (!audience_opened_) ed_.notify(tr("present.blocked"), true);
  return audience_opened_;
}

std::string Presenter::link_fragment() const {
  // The link this page opened with, while the document is still what it brought.
  if (!link_rest_.empty() && ed_.revision() == link_revision_) return link_rest_;
  doc::RunSettings r = run_.run_settings();
  r.faults.clear();  // the audience window takes the demo's own
  r.t_s = 0;
  r.playing = false;
  return doc::encode_share_fragment(ed_.document(), r);
}

void Presenter::set_allow_edit(bool on) {
  allow_edit_ = on;
  send_state(true);
}

// ---- per frame ---------------------------------------------------------------------------------

void Presenter::begin_frame() {
  // Large text for the projector; an audience window allowed to edit is the editor, at its own size.
  set_font_zoom(chrome_hidden() ? kFontZoom : 1.0f);
  if (!chrome_hidden()) return;
  // High contrast: black text, darker lines, no washed-out greys.
  const std::pair<ImGuiCol, ImVec4> colors[] = {
      {ImGuiCol_Text, ImVec4(0, 0, 0, 1)},
      {ImGuiCol_TextDisabled, ImVec4(0.20f, 0.22f, 0.25f, 1)},
      {ImGuiCol_Border, ImVec4(0.15f, 0.17f, 0.20f, 1)},
      {ImGuiCol_Separator, ImVec4(0.35f, 0.38f, 0.42f, 1)},
      {ImGuiCol_WindowBg, ImVec4(1, 1, 1, 1)},
      {ImGuiCol_ChildBg, ImVec4(1, 1, 1, 1)},
      {ImGuiCol_FrameBg, ImVec4(0.90f, 0.91f, 0.93f, 1)},
      {ImGuiCol_PlotLines, ImVec4(0.0f, 0.25f, 0.65f, 1)},
  };
  for (const auto& [k, c] : colors) ImGui::PushStyleColor(k, c);
  styles_pushed_ = static_cast<int>(sizeof colors / sizeof colors[0]);
}

void Presenter::end_frame() {
  if (styles_pushed_ > 0) ImGui::PopStyleColor(styles_pushed_);
  styles_pushed_ = 0;
}

void Presenter::frame() {
  receive();
  if (pending_step_ > 0 && run_.ready()) {
    const int s = pending_step_;
    pending_step_ = 0;
    enter(s);
  }
  handle_keys();
  if (!active_) return;
  // The browser's own Esc leaves full screen without telling the page's keys: leave with it.
  if (platform_.fullscreen()) was_fullscreen_ = true;
  else if (was_fullscreen_) {
    leave();
    return;
  }
  if (spotlight_) draw_spotlight();
  if (!audience_) draw_notes();
  draw_laser(ImGui::GetForegroundDrawList());
  send_state(false);
}

// ---- [SECTION] Drawing: title, notes, spotlight, laser pointer --------------------------------

// The step's title in a strip over the canvas (inside the canvas' window, which it
// pushes down: it covers nothing of the diagram), large and black on white.
void Presenter::draw_title_strip(float width) {
  title_rect_ = ImVec4(0, 0, 0, 0);
  if (!active_) return;
  std::string title;
  const bool ko = korean();
  if (step_ >= 0 && step_ < step_count()) title = ed_.document().demo.steps[static_cast<size_t>(step_)].title.get(ko);
  else if (audience_) title = tr("present.audience_label");
  if (title.empty()) return;
  const ImGuiStyle& st = ImGui::GetStyle();
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->ChannelsSplit(2);
  dl->ChannelsSetCurrent(1);
  ImGui::SetCursorScreenPos(ImVec2(p0.x + 16, p0.y + 8));
  ImGui::SetWindowFontScale(1.35f);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - 32);
  ImGui::TextColored(ImVec4(0, 0, 0, 1), "%s", title.c_str());
  ImGui::PopTextWrapPos();
  ImGui::SetWindowFontScale(1.0f);
  if (audience_ && allow_edit_) {
    ImGui::SetCursorScreenPos(ImVec2(p0.x + 16, ImGui::GetCursorScreenPos().y));
    ImGui::TextColored(ImVec4(0.55f, 0.27f, 0, 1), "%s", tr("present.editing_allowed"));
  }
  const float y1 = ImGui::GetCursorScreenPos().y + 8 - st.ItemSpacing.y;
  dl->ChannelsSetCurrent(0);
  dl->AddRectFilled(p0, ImVec2(p0.x + width, y1), IM_COL32(255, 255, 255, 255));
  dl->AddLine(ImVec2(p0.x, y1), ImVec2(p0.x + width, y1), IM_COL32(0x30, 0x36, 0x3D, 255), 2);
  dl->ChannelsMerge();
  ImGui::SetCursorScreenPos(ImVec2(p0.x, y1 + 2));
  title_rect_ = ImVec4(p0.x, p0.y, width, y1 - p0.y);
}

float Presenter::column_width(float column_w) const {
  if (!active_ || audience_) return 0;
  const float fs = ImGui::GetFontSize();
  return notes_open_ ? std::round(std::min(fs * 22, column_w * 0.32f)) : 0;
}

// The presenter's column at the canvas' right: step N of M, the notes, the next step, the controls.
void Presenter::draw_notes() {
  overlay_rect_ = ImVec4(0, 0, 0, 0);
  if (!notes_open_) return;
  const ImVec2 cmin = canvas_.view_min(), csize = canvas_.view_size();
  const float w = column_width(ImGui::GetMainViewport()->Size.x);
  ImGui::SetNextWindowPos(ImVec2(cmin.x + csize.x, cmin.y), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(w, csize.y), ImGuiCond_Always);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings |
                                 ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoFocusOnAppearing;
  const bool ko = korean();
  const doc::Demo& demo = ed_.document().demo;
  std::string title = std::string(tr("present.notes_window")) + "###present_notes";
  if (ImGui::Begin(title.c_str(), nullptr, flags)) {
    ImGui::BringWindowToDisplayFront(ImGui::GetCurrentWindow());  // above the spotlight's dark
    if (step_ >= 0 && step_ < step_count()) {
      const doc::DemoStep& s = demo.steps[static_cast<size_t>(step_)];
      ImGui::TextColored(ImVec4(0.0f, 0.30f, 0.62f, 1), "%s", trf("present.step_of", step_ + 1, step_count()).c_str());
      ImGui::SameLine();
      ImGui::TextDisabled("%s", doc::clock_text(s.at_s).c_str());
      ImGui::PushTextWrapPos(0);
      ImGui::TextColored(ImVec4(0, 0, 0, 1), "%s", s.title.get(ko).c_str());
      ImGui::PopTextWrapPos();
      if (!s.notes.en.empty()) {
        ImGui::PushTextWrapPos(0);
        ImGui::TextUnformatted(s.notes.get(ko).c_str());
        ImGui::PopTextWrapPos();
      }
      ImGui::Separator();
      if (step_ + 1 < step_count())
        ImGui::TextWrapped("%s", trf("present.next", demo.steps[static_cast<size_t>(step_ + 1)].title.get(ko).c_str()).c_str());
      else
        ImGui::TextDisabled("%s", tr("present.last"));
      if (ImGui::Button(tr("present.back"))) back();
      ImGui::SameLine();
      if (ImGui::Button(tr("present.forward"))) next();
      ImGui::SameLine();
    } else {
      ImGui::TextWrapped("%s", tr("present.no_demo"));
    }
    ImGui::Checkbox(tr("present.spotlight"), &spotlight_);
    if (ImGui::Button(tr("present.audience"))) open_audience();
    ImGui::SameLine();
    bool allow = allow_edit_;
    if (ImGui::Checkbox(tr("present.allow_edit"), &allow)) set_allow_edit(allow);
    if (ImGui::Button(tr("present.leave"))) leave();
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", tr("present.keys"));
    ImGui::PopTextWrapPos();
    overlay_rect_ = rect_of(ImGui::GetWindowPos(), ImVec2(ImGui::GetWindowPos().x + ImGui::GetWindowSize().x,
                                                           ImGui::GetWindowPos().y + ImGui::GetWindowSize().y));
  }
  ImGui::End();
}

// Everything dark but a circle round the cursor. The dark is a ring of quads from the
// circle out to a circle far beyond the screen (a triangle strip), with a soft inner edge:
// nothing is drawn inside the circle, so what is under it shows as it is.
void Presenter::draw_spotlight() const {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->Pos, ImGuiCond_Always);
  ImGui::SetNextWindowSize(vp->Size, ImGuiCond_Always);
  ImGui::Begin("##present_spotlight", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoInputs | ImGuiWindowFlags_NoBackground |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav);
  ImGui::BringWindowToDisplayFront(ImGui::GetCurrentWindow());  // over the panels, under the notes
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRectFullScreen();  // edge to edge, not the window's padded inside
  ImVec2 c = ImGui::GetIO().MousePos;
  if (!ImGui::IsMousePosValid(&c)) c = ImVec2(vp->Pos.x + vp->Size.x / 2, vp->Pos.y + vp->Size.y / 2);
  const float r = std::round(std::min(vp->Size.x, vp->Size.y) * 0.17f);
  const float feather = std::max(8.0f, r * 0.12f);
  const float far = (vp->Size.x + vp->Size.y) * 2;  // beyond every corner, wherever the cursor is
  constexpr int kSegments = 96;
  const ImU32 dark = ImGui::GetColorU32(ImVec4(0.02f, 0.03f, 0.05f, kSpotDim));
  const ImU32 clear = ImGui::GetColorU32(ImVec4(0.02f, 0.03f, 0.05f, 0));
  const float radii[3] = {r, r + feather, far};
  const ImU32 cols[3] = {clear, dark, dark};
  const ImVec2 uv = dl->_Data->TexUvWhitePixel;
  // Two rings (soft edge, then the dark), kSegments quads each.
  dl->PrimReserve(2 * kSegments * 6, 3 * kSegments);
  const ImDrawIdx base = static_cast<ImDrawIdx>(dl->_VtxCurrentIdx);
  for (int i = 0; i < kSegments; ++i) {
    const float a = static_cast<float>(i) / kSegments * 2.0f * IM_PI;
    for (int k = 0; k < 3; ++k)
      dl->PrimWriteVtx(ImVec2(c.x + std::cos(a) * radii[k], c.y + std::sin(a) * radii[k]), uv, cols[k]);
  }
  for (int i = 0; i < kSegments; ++i) {
    const int j = (i + 1) % kSegments;
    for (int k = 0; k < 2; ++k) {
      const ImDrawIdx a0 = static_cast<ImDrawIdx>(base + i * 3 + k), a1 = static_cast<ImDrawIdx>(base + i * 3 + k + 1);
      const ImDrawIdx b0 = static_cast<ImDrawIdx>(base + j * 3 + k), b1 = static_cast<ImDrawIdx>(base + j * 3 + k + 1);
      dl->PrimWriteIdx(a0), dl->PrimWriteIdx(a1), dl->PrimWriteIdx(b1);
      dl->PrimWriteIdx(a0), dl->PrimWriteIdx(b1), dl->PrimWriteIdx(b0);
    }
  }
  dl->PopClipRect();
  ImGui::End();
}

// A red dot at the mouse and a fading trail of where it was (kTrailS); the dot fades
// kDotS after the mouse stops. Over the notes overlay the normal cursor is used instead.
void Presenter::draw_laser(ImDrawList* dl) {
  const double now = ImGui::GetTime();
  ImVec2 m = ImGui::GetIO().MousePos;
  const bool valid = ImGui::IsMousePosValid(&m);
  const bool over_overlay = inside(overlay_rect_, m);
  if (valid && !over_overlay && (m.x != last_mouse_.x || m.y != last_mouse_.y)) {
    trail_.push_back({m, now});
    last_mouse_ = m;
    last_move_t_ = now;
  }
  while (!trail_.empty() && now - trail_.front().t > kTrailS) trail_.pop_front();
  if (!valid || over_overlay) return;
  ImGui::SetMouseCursor(ImGuiMouseCursor_None);  // the dot is the cursor
  for (size_t i = 1; i < trail_.size(); ++i) {
    const float life = 1.0f - static_cast<float>((now - trail_[i].t) / kTrailS);
    if (life <= 0) continue;
    dl->AddLine(trail_[i - 1].p, trail_[i].p, IM_COL32(255, 30, 30, static_cast<int>(200 * life)), 2.0f + 5.0f * life);
  }
  const double still = now - last_move_t_;
  const float alpha = still < kDotS - 0.5 ? 1.0f : std::max(0.0f, static_cast<float>((kDotS - still) / 0.5));
  if (alpha <= 0) return;
  dl->AddCircleFilled(m, 15, IM_COL32(255, 40, 40, static_cast<int>(70 * alpha)), 24);
  dl->AddCircleFilled(m, 8, IM_COL32(230, 0, 0, static_cast<int>(255 * alpha)), 20);
  dl->AddCircleFilled(m, 3, IM_COL32(255, 220, 220, static_cast<int>(255 * alpha)), 12);
}

// ---- [SECTION] Two windows (BroadcastChannel) ---------------------------------------------------

// The presenter's state to its audience windows: on every change, and twice a second.
void Presenter::send_state(bool now) {
  if (!active_ || audience_) return;
  const doc::RunSettings r = run_.run_settings();
  const std::string key = std::to_string(step()) + (r.playing ? "p" : "s") + std::to_string(r.speed) + (allow_edit_ ? "e" : "");
  const double t = ImGui::GetCurrentContext() ? ImGui::GetTime() : 0;
  if (!now && key == last_sent_key_ && t - last_sent_ < 0.5) return;
  last_sent_key_ = key;
  last_sent_ = t;
  platform_.broadcast(nlohmann::json{{"kind", "state"}, {"step", step()}, {"t_s", r.t_s}, {"playing", r.playing},
                                     {"speed", r.speed}, {"allow_edit", allow_edit_}}
                          .dump());
  ++sent_;
}

void Presenter::receive() {
  for (const std::string& text : platform_.take_broadcasts()) {
    const nlohmann::json m = nlohmann::json::parse(text, nullptr, false);
    if (!m.is_object()) continue;
    const std::string kind = m.value("kind", std::string());
    if (kind == "hello") {
      send_state(true);  // a new audience window: tell it where we are
      continue;
    }
    if (kind != "state" || !audience_ || !active_) continue;
    ++received_;
    allow_edit_ = m.value("allow_edit", false);
    const int s = m.value("step", 0);
    if (s >= 1 && s <= step_count() && s != step()) {
      step_ = s - 1;
      apply_step(/*seek=*/false);  // the time comes with the message
    }
    if (!run_.ready()) continue;
    const bool playing = m.value("playing", false);
    const double speed = m.value("speed", 1.0);
    if (speed > 0) run_.set_max_speed(false), run_.set_speed(speed);
    if (!playing) run_.pause();
    const double target = m.value("t_s", 0.0);
    const double here = sim::to_seconds(run_.seek_target());
    const double tolerance = playing ? std::max(1.0, speed * 0.75) : 0.001;
    if (std::fabs(here - target) > tolerance) run_.seek(sim::from_seconds(target));
    if (playing) run_.play();
  }
}

// ---- [SECTION] Test state ----------------------------------------------------------------------

nlohmann::json Presenter::debug_state() const {
  const doc::Demo& demo = ed_.document().demo;
  const bool ko = korean();
  nlohmann::json s = {{"active", active_},
                      {"audience", audience_},
                      {"allowEdit", allow_edit_},
                      {"chromeHidden", chrome_hidden()},
                      {"readOnly", read_only()},
                      {"step", step()},
                      {"steps", step_count()},
                      {"spotlight", spotlight_},
                      {"fontZoom", font_zoom()},
                      {"fontSize", ImGui::GetCurrentContext() ? ImGui::GetFontSize() : 0.0f},
                      {"t_s", sim::to_seconds(run_.now())},
                      {"seeking", run_.seeking()},
                      {"playing", run_.playing()},
                      {"sent", sent_},
                      {"received", received_},
                      {"audienceOpened", audience_opened_},
                      {"pending", pending_step_},
                      {"overlay", rect_json(overlay_rect_)},
                      {"titleRect", rect_json(title_rect_)},
                      {"trail", trail_.size()}};
  if (step_ >= 0 && step_ < step_count()) {
    const doc::DemoStep& st = demo.steps[static_cast<size_t>(step_)];
    s["title"] = st.title.get(ko);
    s["notes"] = st.notes.get(ko);
    s["at_s"] = st.at_s;
    s["next"] = step_ + 1 < step_count() ? demo.steps[static_cast<size_t>(step_ + 1)].title.get(ko) : "";
  }
  nlohmann::json hidden = nlohmann::json::array();
  for (const auto& n : ed_.document().nodes)
    if (canvas_.node_hidden(n.id)) hidden.push_back(n.id);
  s["hidden"] = hidden;
  return s;
}

}  // namespace cp::ui
