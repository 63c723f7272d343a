// App: menu bar, panels, status line and global shortcuts (see app.h).
#include "ui/app.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "core/catalog/regions.h"
#include "core/version.h"
#include "imgui.h"
#include "ui/i18n.h"
#include "ui/live_state.h"
#include "ui/theme.h"
#if __has_include("ui/documents.h")
#include "ui/documents.h"
#define CLOUDPLAY_HAS_DOCUMENTS 1
#endif
#include "ui/lesson_panel.h"
#include "ui/presenter.h"

namespace cp::ui {

namespace {
// The language chosen in the menu, kept in browser storage so a reload keeps it
// (before any choice, the browser's own language decides).
constexpr const char* kLanguageKey = "cloudplay.language";
// View > Frame time, kept like the language (off until someone turns it on).
constexpr const char* kFrameTimeKey = "cloudplay.frame_time";

constexpr ImGuiWindowFlags kPanelFlags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                         ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                                         ImGuiWindowFlags_NoBringToFrontOnFocus;
}

App::App(Platform& platform) : platform_(platform), editor_(platform), canvas_(editor_), inspector_(editor_),
      run_view_(editor_, canvas_, platform_), story_(editor_, run_view_.controller()) {
  show_frame_time_ = platform_.storage_get(kFrameTimeKey).value_or("") == "on";
  const std::optional<std::string> chosen = platform_.storage_get(kLanguageKey);
  set_language(language_from_tag(chosen ? *chosen : platform_.preferred_language()));
#ifdef CLOUDPLAY_HAS_DOCUMENTS
  editor_.add_extension(std::make_unique<Documents>(editor_, platform_));
#endif
  // After Documents: a `#lesson=` link replaces the autosaved design Documents restored.
  auto lessons = std::make_unique<LessonPanel>(editor_, platform_, run_view_.controller());
  lessons_ = lessons.get();
  editor_.add_extension(std::move(lessons));
  // After both: a `&present=1` link opens presenter mode on the document they opened.
  auto presenter = std::make_unique<Presenter>(editor_, platform_, canvas_, run_view_.controller());
  presenter_ = presenter.get();
  editor_.add_extension(std::move(presenter));
}

void App::frame(double dt_seconds) {
  auto t0 = std::chrono::steady_clock::now();
  run_view_.update(dt_seconds);  // the simulation's share of the frame (bounded budget)
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float fs = ImGui::GetFontSize();
  presenter_->begin_frame();  // presenter mode's high-contrast colours, until end_frame
  const bool presenting = presenter_->chrome_hidden();  // no menu bar, panels or side column
  view_only_ = vp->Size.x < kViewOnlyWidth || platform_.coarse_pointer() || presenter_->read_only();
  // Panels scale with the font, and give way on narrow windows (a phone has none).
  palette_w_ = view_only_ ? 0 : std::round(std::min(fs * 16.5f, vp->Size.x * 0.22f));
  inspector_w_ = view_only_ ? 0 : std::round(std::min(fs * 22.0f, vp->Size.x * 0.28f));
  handle_shortcuts();
  apply_touch();
  // Time per panel (smoothed), for the status line's tooltip and the browser tests.
  auto mark = std::chrono::steady_clock::now();
  auto lap = [&](size_t i) {
    auto n = std::chrono::steady_clock::now();
    panel_ms_[i] = 0.9 * panel_ms_[i] + 0.1 * std::chrono::duration<double, std::milli>(n - mark).count();
    mark = n;
  };
  if (!presenting) draw_menu_bar();
  lap(0);
  if (!view_only_) draw_palette();
  lap(1);
  if (!view_only_) draw_inspector();
  lap(2);
  draw_canvas();
  if (!lessons_->lesson_open() && !presenting) story_.draw();
  lap(3);
  if (!presenting) draw_status_bar();
  draw_about();
  for (const auto& ext : editor_.extensions()) ext->frame();
  presenter_->end_frame();
  lap(4);
  auto t1 = std::chrono::steady_clock::now();
  last_frame_ms_ = std::chrono::duration<double, std::milli>(t1 - t0).count();
  smoothed_frame_ms_ = smoothed_frame_ms_ == 0 ? last_frame_ms_ : 0.95 * smoothed_frame_ms_ + 0.05 * last_frame_ms_;
  platform_.report_frame(last_frame_ms_);
}

void App::on_paste(const std::string& text) {
  ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput) {
    std::string line;
    for (char c : text)
      if (c != '\r' && c != '\n') line += c;
    io.AddInputCharactersUTF8(line.c_str());
    return;
  }
  if (!editor_.paste(text)) editor_.notify(tr("msg.paste_not_ours"), true);
}

// Fingers on the canvas pan it (one) and pinch-zoom it (two). SDL also turns the first
// finger into a mouse, which ImGui's buttons take; the canvas is told which it is.
void App::on_finger(FingerEvent e, int64_t id, float x, float y) {
  last_finger_frame_ = ImGui::GetFrameCount();
  if (e == FingerEvent::Down) {
    const ImVec2 mn = canvas_.view_min(), sz = canvas_.view_size();
    const bool on_canvas = x >= mn.x && y >= mn.y && x < mn.x + sz.x && y < mn.y + sz.y;
    if (!on_canvas || ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel)) return;
  }
  touch_.on(e, id, x, y);
}

void App::apply_touch() {
  const bool touch = touch_.fingers() > 0 || ImGui::GetFrameCount() - last_finger_frame_ < 3;
  canvas_.set_view_only(view_only_, touch);
  const std::optional<TouchGesture::Step> s = touch_.take();
  // While editing (a touch laptop), one finger is the mouse; two still zoom.
  if (s && (view_only_ || touch_.fingers() >= 2))
    canvas_.pan_zoom(ImVec2(s->from_x, s->from_y), ImVec2(s->to_x, s->to_y), s->scale);
}

void App::handle_shortcuts() {
  ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput) return;  // text fields keep their own Ctrl+Z, Ctrl+A ...
  const bool ctrl = io.KeyCtrl || io.KeySuper;
  auto pressed = [](ImGuiKey k) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(k), false); };
  if (ctrl && pressed(ImGuiKey_Z)) {
    if (io.KeyShift) editor_.redo();
    else editor_.undo();
  }
  if (ctrl && pressed(ImGuiKey_Y)) editor_.redo();
  for (ImWchar c : io.InputQueueCharacters)
    if (c == '?') canvas_.toggle_help();
  // The run's keys (listed in the ? overlay): P play/pause, N one step, + / − speed (1-2-5 steps).
  if (ctrl || io.KeyAlt || ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel)) return;
  RunController& run = run_view_.controller();
  if (!run.ready()) return;
  auto letter = [](char c) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_A) + (c - 'a'), false); };
  if (letter('p')) run.toggle();
  if (letter('n')) run.step();
  for (ImWchar c : io.InputQueueCharacters) {
    if (c != '+' && c != '=' && c != '-') continue;
    const double sp = run.speed(), p = std::pow(10.0, std::floor(std::log10(sp) + 1e-9)), m = sp / p;
    const bool up = c != '-';
    const double next = up ? (m < 1.5 ? 2 : m < 3.5 ? 5 : 10) * p : (m > 7.5 ? 5 : m > 3.5 ? 2 : m > 1.5 ? 1 : 0.5) * p;
    run.set_speed(next);
  }
}

void App::draw_menu_bar() {
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
  ImGui::PushStyleColor(ImGuiCol_HeaderHovered, ImVec4(0.25f, 0.31f, 0.40f, 1));
  ImGui::PushStyleColor(ImGuiCol_Header, ImVec4(0.30f, 0.37f, 0.47f, 1));
  if (!ImGui::BeginMainMenuBar()) {
    ImGui::PopStyleColor(3);
    return;
  }
  ImGui::TextColored(ImVec4(1.0f, 0.6f, 0.0f, 1), "cloudplay");
  // Menus open with the normal (dark on white) text colours.
  auto begin_menu = [&](const char* id_key) {
    std::string label = std::string(tr(id_key)) + "###" + id_key;
    bool open = ImGui::BeginMenu(label.c_str());
    ImVec2 mn = ImGui::GetItemRectMin(), mx = ImGui::GetItemRectMax();
    menu_rects_[id_key] = ImVec4(mn.x, mn.y, mx.x - mn.x, mx.y - mn.y);
    if (open) ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.09f, 0.10f, 0.12f, 1));
    return open;
  };
  auto end_menu = [] {
    ImGui::PopStyleColor();
    ImGui::EndMenu();
  };
  auto item = [&](const char* key, const char* shortcut, bool enabled = true) {
    bool r = ImGui::MenuItem(tr(key), shortcut, false, enabled);
    ImVec2 mn = ImGui::GetItemRectMin(), mx = ImGui::GetItemRectMax();
    menu_rects_[key] = ImVec4(mn.x, mn.y, mx.x - mn.x, mx.y - mn.y);
    return r;
  };
  const Selection& sel = editor_.selection();

  if (begin_menu("menu.file")) {
    for (const auto& ext : editor_.extensions()) ext->file_menu();
    run_view_.file_menu();  // record a clip, metrics CSV
    end_menu();
  }
  if (!view_only_ && begin_menu("menu.edit")) {
    std::string undo = editor_.can_undo() ? trf("menu.undo_named", editor_.undo_name().c_str()) : tr("menu.undo");
    std::string redo = editor_.can_redo() ? trf("menu.redo_named", editor_.redo_name().c_str()) : tr("menu.redo");
    if (ImGui::MenuItem(undo.c_str(), "Ctrl+Z", false, editor_.can_undo())) editor_.undo();
    if (ImGui::MenuItem(redo.c_str(), "Ctrl+Shift+Z", false, editor_.can_redo())) editor_.redo();
    ImGui::Separator();
    if (item("menu.cut", "Ctrl+X", !sel.nodes.empty())) {
      editor_.copy_selection();
      editor_.delete_selection();
    }
    if (item("menu.copy", "Ctrl+C", !sel.nodes.empty())) editor_.copy_selection();
    if (item("menu.paste", "Ctrl+V")) platform_.request_paste();
    if (item("menu.duplicate", "Ctrl+D", !sel.nodes.empty())) editor_.duplicate_selection();
    if (item("menu.delete", "Del", !sel.empty())) editor_.delete_selection();
    ImGui::Separator();
    if (item("menu.select_all", "Ctrl+A")) {
      Selection& s = editor_.mutable_selection();
      for (const auto& n : editor_.document().nodes) s.nodes.insert(n.id);
      for (const auto& c : editor_.document().connections) s.connections.insert(c.id);
    }
    end_menu();
  }
  lessons_->menu();
  if (!view_only_ && begin_menu("menu.run")) {
    if (item("cmp.copy_menu", nullptr)) lessons_->compare_view().open_copy_dialog(editor_.document());
    end_menu();
  }
  if (begin_menu("menu.view")) {
    if (item("menu.fit", "F")) canvas_.fit_to_view();
    if (item("menu.zoom_in", "Wheel")) canvas_.zoom_by(1.25f);
    if (item("menu.zoom_out", "Wheel")) canvas_.zoom_by(0.8f);
    if (item("menu.zoom_reset", nullptr)) canvas_.zoom_by(1.0f / canvas_.zoom());
    ImGui::Separator();
    if (item("run.t_open", nullptr)) run_view_.command({{"op", "tab"}, {"value", 3}});
    story_.view_menu_item();
    ImVec2 st_mn = ImGui::GetItemRectMin(), st_mx = ImGui::GetItemRectMax();
    menu_rects_["story.menu"] = ImVec4(st_mn.x, st_mn.y, st_mx.x - st_mn.x, st_mx.y - st_mn.y);
    presenter_->view_menu_item();
    ImVec2 pr_mn = ImGui::GetItemRectMin(), pr_mx = ImGui::GetItemRectMax();
    menu_rects_["present.menu"] = ImVec4(pr_mn.x, pr_mn.y, pr_mx.x - pr_mn.x, pr_mx.y - pr_mn.y);
    ImGui::Separator();
    if (ImGui::MenuItem(tr("menu.frame_time"), nullptr, show_frame_time_)) {
      show_frame_time_ = !show_frame_time_;
      platform_.storage_set(kFrameTimeKey, show_frame_time_ ? "on" : "off");
    }
    ImVec2 ft_mn = ImGui::GetItemRectMin(), ft_mx = ImGui::GetItemRectMax();
    menu_rects_["menu.frame_time"] = ImVec4(ft_mn.x, ft_mn.y, ft_mx.x - ft_mn.x, ft_mx.y - ft_mn.y);
    ImGui::Separator();
    if (item("menu.shortcuts", "?")) canvas_.toggle_help();
    end_menu();
  }
  if (!view_only_ && begin_menu("menu.regions")) {
    const bool ko = korean();
    if (ImGui::BeginMenu(tr("menu.add_region"))) {
      for (const auto& r : catalog::all_regions()) {
        bool used = false;
        for (const auto& dr : editor_.document().regions) used = used || dr.code == r.code;
        std::string label = std::string(r.name.get(ko)) + "   " + r.code;
        if (ImGui::MenuItem(label.c_str(), nullptr, used, !used)) {
          editor_.add_region(r.code);
          canvas_.fit_to_view();
        }
      }
      ImGui::EndMenu();
    }
    if (!editor_.document().regions.empty()) {
      ImGui::Separator();
      ImGui::TextDisabled("%s", tr("menu.in_document"));
      for (const auto& dr : editor_.document().regions) {
        const catalog::RegionSpec* spec = catalog::find_region(dr.code);
        std::string label = (spec ? std::string(spec->name.get(ko)) : dr.code) + "   " + dr.code;
        if (ImGui::BeginMenu(label.c_str())) {
          if (ImGui::MenuItem(tr("menu.add_az"))) editor_.add_az(dr.code);
          if (ImGui::MenuItem(tr("menu.remove_region"))) editor_.remove_region(dr.code);
          ImGui::EndMenu();
        }
      }
    }
    end_menu();
  }
  if (begin_menu("menu.language")) {
    auto choose = [&](Lang l) {
      set_language(l);
      platform_.storage_set(kLanguageKey, l == Lang::Ko ? "ko" : "en");
    };
    if (ImGui::MenuItem("English", nullptr, language() == Lang::En)) choose(Lang::En);
    ImVec2 mn = ImGui::GetItemRectMin(), mx = ImGui::GetItemRectMax();
    menu_rects_["lang.en"] = ImVec4(mn.x, mn.y, mx.x - mn.x, mx.y - mn.y);
    if (ImGui::MenuItem("한국어", nullptr, language() == Lang::Ko)) choose(Lang::Ko);
    mn = ImGui::GetItemRectMin(), mx = ImGui::GetItemRectMax();
    menu_rects_["lang.ko"] = ImVec4(mn.x, mn.y, mx.x - mn.x, mx.y - mn.y);
    end_menu();
  }
  if (begin_menu("menu.help")) {
    if (item("menu.shortcuts", "?")) canvas_.toggle_help();
    if (item("menu.about", nullptr)) about_open_ = true;
    end_menu();
  }
  ImGui::EndMainMenuBar();
  ImGui::PopStyleColor(3);
}

void App::draw_palette() {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float status_h = ImGui::GetFrameHeight();
  ImGui::SetNextWindowPos(vp->WorkPos, ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(palette_w_, vp->WorkSize.y - status_h), ImGuiCond_Always);
  std::string title = std::string(tr("app.palette")) + "###palette";
  if (ImGui::Begin(title.c_str(), nullptr, kPanelFlags)) palette_.draw();
  ImGui::End();
  if (auto t = palette_.take_activated()) canvas_.add_at_center(*t);
}

void App::draw_inspector() {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float status_h = ImGui::GetFrameHeight();
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x - inspector_w_, vp->WorkPos.y), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(inspector_w_, vp->WorkSize.y - status_h), ImGuiCond_Always);
  std::string title = std::string(tr("app.inspector")) + "###inspector";
  if (ImGui::Begin(title.c_str(), nullptr, kPanelFlags | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse)) {
    // The run's live line stays pinned at the top; only the properties below it scroll.
    draw_live_status();
    ImGui::BeginChild("##inspector_body", ImVec2(0, 0), false);
    inspector_.draw();
    inspector_scroll_y_ = ImGui::GetScrollY();
    ImGui::EndChild();
  }
  ImGui::End();
}

void App::draw_live_status() {
  live_rect_ = ImVec4(0, 0, 0, 0);
  live_text_.clear();
  const Selection& sel = editor_.selection();
  RunController& run = run_view_.controller();
  if (sel.nodes.size() != 1 || !run.ready() || !run.started()) return;
  const sim::NodeId n = run.built().node(*sel.nodes.begin());
  if (!n.valid()) return;
  const sim::StatusText st = run.sim()->model(n).status();
  const std::string& text = korean() && !st.ko.empty() ? st.ko : st.en;
  // Served and refused/failed requests are timed apart (a refusal answers at once and would
  // pull the latency down exactly when the node is overloaded): the line says which is which.
  const sim::NodeMetrics& m = run.sim()->metrics(n);
  std::string served, failed;
  if (m.latency.count() > 0)
    served = trf("insp.live_served", static_cast<unsigned long long>(m.latency.count()),
                 m.latency.percentile(50) / 1000.0, m.latency.percentile(99) / 1000.0);
  if (m.failed_latency.count() > 0)
    failed = trf("insp.live_failed", static_cast<unsigned long long>(m.failed_latency.count()),
                 m.failed_latency.mean() / 1000.0);
  // A service that marks metrics live (a queue, a function, an API) shows them as rows,
  // label and value, instead of its status sentence (which says the same less readably).
  const std::vector<LiveRow> rows = live_rows(*run.sim(), n, korean());
  if (text.empty() && rows.empty() && served.empty() && failed.empty()) return;
  const ImVec2 top = ImGui::GetCursorScreenPos();
  ImGui::TextColored(ImVec4(0.16f, 0.45f, 0.75f, 1.0f), "%s", tr("insp.live"));
  // A service whose sentence says what its rows cannot (an RDS primary's AZ) shows it first.
  const catalog::ServiceDescriptor* service = catalog::find_service(run.sim()->info(n).type);
  const bool status_too = !rows.empty() && !text.empty() && service && service->live_status;
  if (status_too) ImGui::TextWrapped("%s", text.c_str());
  std::string rows_text;
  if (!rows.empty() && ImGui::BeginTable("##live", 2, ImGuiTableFlags_SizingStretchProp)) {
    for (const LiveRow& r : rows) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.37f, 0.42f, 0.48f, 1));
      ImGui::TextWrapped("%s", r.label.c_str());
      ImGui::PopStyleColor();
      ImGui::TableNextColumn();
      ImGui::TextWrapped("%s", r.value.c_str());
      rows_text += (rows_text.empty() ? "" : "\n") + r.label + ": " + r.value;
    }
    ImGui::EndTable();
  } else if (!text.empty()) {
    ImGui::TextWrapped("%s", text.c_str());
  }

  if (!served.empty()) ImGui::TextWrapped("%s", served.c_str());
  if (!failed.empty()) ImGui::TextWrapped("%s", failed.c_str());
  const ImVec2 bottom = ImGui::GetItemRectMax();
  live_rect_ = ImVec4(top.x, top.y, ImGui::GetContentRegionAvail().x, bottom.y - top.y);
  const std::string first = rows.empty() ? text : status_too ? text + "\n" + rows_text : rows_text;
  live_text_ = first + (served.empty() ? "" : "\n" + served) + (failed.empty() ? "" : "\n" + failed);
  ImGui::Separator();
}

void App::draw_canvas() {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float status_h = presenter_->chrome_hidden() ? 0 : ImGui::GetFrameHeight();  // presenter mode: no status line
  // The canvas column: run toolbar on top, canvas, run panels (metrics, log, cost) below.
  const float col_x = vp->WorkPos.x + palette_w_, col_w = vp->WorkSize.x - palette_w_ - inspector_w_;
  const float col_h = vp->WorkSize.y - status_h;
  run_view_.set_presenting(presenter_->chrome_hidden());
  const float bar_h = run_view_.toolbar_height(col_w), panel_h = run_view_.panel_height(col_h);
  run_view_.draw_toolbar(ImVec2(col_x, vp->WorkPos.y), ImVec2(col_w, bar_h));
  run_view_.draw_bottom_panel(ImVec2(col_x, vp->WorkPos.y + col_h - panel_h), ImVec2(col_w, panel_h));
  // The lesson's column, or else the story's, at the canvas' right.
  const bool presenting = presenter_->chrome_hidden();
  const float lesson_w = presenting ? 0 : lessons_->width(col_w);
  const float story_w = presenting ? presenter_->column_width(col_w) : lesson_w > 0 ? lesson_w : story_.width(col_w);
  if (story_w != last_story_w_) {
    last_story_w_ = story_w;
    canvas_.refit_if_fitted();  // opened with a document (the fit came a frame before) or closed
  }
  ImGui::SetNextWindowPos(ImVec2(col_x, vp->WorkPos.y + bar_h), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(col_w - story_w, col_h - bar_h - panel_h), ImGuiCond_Always);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0);
  ImGui::Begin("##canvas_window", nullptr,
               kPanelFlags | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar |
                   ImGuiWindowFlags_NoScrollWithMouse);
  const float before_note = ImGui::GetCursorScreenPos().y;
  if (presenter_->active()) presenter_->draw_title_strip(col_w - story_w);
  else if (view_only_) draw_view_only_note(col_w);
  run_view_.set_canvas_top_inset(ImGui::GetCursorScreenPos().y - before_note);
  canvas_.draw();
  ImGui::End();
  ImGui::PopStyleVar(2);
}

// A strip above the diagram: what a phone can do, and where to edit.
void App::draw_view_only_note(float width) {
  const ImGuiStyle& st = ImGui::GetStyle();
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->ChannelsSplit(2);
  dl->ChannelsSetCurrent(1);
  // The story's reopen button sits in the canvas' top-right corner: the words wrap before it.
  float right = 10;
  if (story_.available() && !story_.open())
    right += ImGui::CalcTextSize(tr("story.show")).x + 2 * st.FramePadding.x + ImGui::GetFontSize() * 0.6f;
  ImGui::SetCursorPos(ImVec2(10, 6));
  ImGui::PushTextWrapPos(width - right);
  ImGui::TextColored(ImVec4(0.45f, 0.27f, 0.0f, 1), "%s", tr("view.phone_note"));
  ImGui::SetCursorPosX(10);  // each line starts at the strip's margin, not the window's edge
  ImGui::TextColored(ImVec4(0.37f, 0.42f, 0.48f, 1), "%s", tr("view.phone_hint"));
  ImGui::PopTextWrapPos();
  const float y1 = ImGui::GetCursorScreenPos().y + 6 - st.ItemSpacing.y;
  dl->ChannelsSetCurrent(0);
  dl->AddRectFilled(p0, ImVec2(p0.x + width, y1), IM_COL32(0xFF, 0xF6, 0xE0, 255));
  dl->AddLine(ImVec2(p0.x, y1), ImVec2(p0.x + width, y1), IM_COL32(0xE8, 0xC8, 0x80, 255));
  dl->ChannelsMerge();
  ImGui::SetCursorScreenPos(ImVec2(p0.x, y1 + 1));
}

void App::draw_status_bar() {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float h = ImGui::GetFrameHeight();
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x, vp->WorkPos.y + vp->WorkSize.y - h), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(vp->WorkSize.x, h), ImGuiCond_Always);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8, 2));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0.95f, 0.96f, 0.97f, 1));
  ImGui::Begin("##status", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
  const doc::Document& d = editor_.document();
  ImGui::Text("cloudplay %s", kVersion);
  ImGui::SameLine(0, 20);
  ImGui::TextDisabled("%s", trf("app.status", static_cast<int>(d.nodes.size()), static_cast<int>(d.connections.size()),
                                static_cast<int>(std::lround(canvas_.zoom() * 100))).c_str());
  if (show_frame_time_) {
    ImGui::SameLine(0, 20);
    ImGui::TextDisabled("%s  ·  %.0f fps", trf("app.frame", smoothed_frame_ms_).c_str(), ImGui::GetIO().Framerate);
  }
  if (!hangul_font_loaded() && korean()) {
    ImGui::SameLine(0, 20);
    ImGui::TextColored(ImVec4(0.75f, 0.05f, 0.05f, 1), "%s", tr("app.font_missing"));
  }
  ImGui::End();
  ImGui::PopStyleColor();
  ImGui::PopStyleVar();
}

void App::draw_about() {
  if (!about_open_) return;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x / 2, vp->WorkPos.y + vp->WorkSize.y / 2),
                          ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 28, 0), ImGuiCond_Always);
  std::string title = std::string(tr("menu.about")) + "###about";
  if (ImGui::Begin(title.c_str(), &about_open_, ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoCollapse)) {
    ImGui::TextWrapped("%s", trf("app.about", kVersion).c_str());
  }
  ImGui::End();
}

nlohmann::json App::debug_state() const {
  using nlohmann::json;
  json palette = json::array();
  for (const auto& it : palette_.items())
    palette.push_back({{"type", it.type}, {"x", it.min.x}, {"y", it.min.y}, {"w", it.max.x - it.min.x},
                       {"h", it.max.y - it.min.y}});
  json s = canvas_.debug_state();
  s["palette"] = palette;
  json menus = json::object();
  for (const auto& [k, r] : menu_rects_) menus[k] = {{"x", r.x}, {"y", r.y}, {"w", r.z}, {"h", r.w}};
  s["menus"] = menus;
  s["language"] = korean() ? "ko" : "en";
  s["viewOnly"] = view_only_;
  s["undoDepth"] = editor_.undo_depth();
  s["canUndo"] = editor_.can_undo();
  s["canRedo"] = editor_.can_redo();
  s["revision"] = editor_.revision();
  s["inspector"] = inspector_.debug_state();
  s["hangulFont"] = hangul_font_loaded();
  // ⚠ marks approximate values in the help texts: it must have a glyph, not '?'.
  s["warningGlyph"] = ImGui::GetFont() && ImGui::GetFont()->FindGlyphNoFallback(0x26A0) != nullptr;
  json toasts = json::array();
  for (const auto& t : editor_.toasts()) toasts.push_back({{"text", t.text}, {"error", t.error}});
  s["toasts"] = toasts;
  s["frameMs"] = smoothed_frame_ms_;
  s["frameTimeShown"] = show_frame_time_;
  s["story"] = story_.debug_state();
  s["lesson"] = lessons_->debug_state();
  s["presenter"] = presenter_->debug_state();
  s["run"] = run_view_.debug_state();
  s["plotLegend"] = run_view_.legend_debug();
  s["liveStatus"] = {{"x", live_rect_.x}, {"y", live_rect_.y}, {"w", live_rect_.z}, {"h", live_rect_.w},
                     {"shown", live_rect_.w > 0}, {"text", live_text_}};
  s["inspectorScrollY"] = inspector_scroll_y_;
  s["panelMs"] = {{"menu", panel_ms_[0]}, {"palette", panel_ms_[1]}, {"inspector", panel_ms_[2]}, {"canvas", panel_ms_[3]},
                    {"extensions", panel_ms_[4]}};
  return s;
}

}  // namespace cp::ui
