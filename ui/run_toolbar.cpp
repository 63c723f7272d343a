// RunView: construction, the run's strings, per-frame update, the toolbar
// (play/pause/step/reset, speed, seed, timeline), the bottom panel's tabs,
// CSV export, share-link sync and the test commands. See run_view.h.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <sstream>

#include "imgui_internal.h"
#include "core/engine/report.h"
#include "ui/i18n.h"
#include "ui/live_state.h"
#include "ui/plot.h"
#include "ui/run_view.h"
#if __has_include("ui/documents.h")
#include "ui/documents.h"
#define CLOUDPLAY_RUN_HAS_DOCUMENTS 1
#endif

namespace cp::ui {

namespace {

const StringEntry kRunStrings[] = {
    {"run.play", "Play", "재생"},
    {"run.pause", "Pause", "일시 정지"},
    {"run.step", "Step", "1초 진행"},
    {"run.step_tip", "Advance one simulated second", "시뮬레이션 시간 1초 진행"},
    {"run.reset", "Reset", "처음으로"},
    {"run.reset_tip", "Back to 0 s (recorded faults are kept; right-click > Clear faults to forget them)",
     "0초로 되돌립니다(기록된 장애는 남습니다. 지우려면 마우스 오른쪽 버튼 > 기록된 장애 지우기)"},
    {"run.speed", "Speed", "속도"},
    {"run.max", "Max", "최대"},
    {"run.max_tip", "As fast as possible", "가능한 한 빠르게"},
    {"run.seed", "Seed", "시드"},
    {"run.seed_tip", "Same document + seed + faults = the same run. Enter restarts the run.",
     "문서, 시드, 장애가 같으면 실행 결과도 같습니다. Enter를 누르면 다시 시작합니다."},
    // keep-up notice (ui/keep_up.h): what the run reaches, why, and a speed it can keep
    {"run.behind", "Too fast to keep up: the run reaches %s× of the %s× chosen.",
     "선택한 속도를 따라가지 못합니다. 실제 속도는 %s×입니다(선택한 속도 %s×)."},
    {"run.behind_tip", "At this speed the simulation needs more computing time per frame than it is given, so it runs slower than chosen.",
     "이 속도에서는 한 프레임에 주어진 계산 시간보다 더 많은 시간이 필요해, 선택한 속도보다 느리게 실행됩니다."},
    {"run.behind_use", "Run at %s×", "%s×로 실행"},
    {"run.behind_use_tip", "Set the speed to %s×, which this run can keep", "이 실행이 따라갈 수 있는 %s×로 속도를 바꿉니다"},
    {"run.behind_slowest", "It cannot keep even the slowest speed: the design is too large for this computer.",
     "가장 느린 속도도 따라가지 못합니다. 이 컴퓨터에서 실행하기에는 설계가 너무 큽니다."},
    {"run.behind_draw", "The page draws only %s frames a second, so the run reaches %s× of the %s× chosen.",
     "화면을 1초에 %s번밖에 그리지 못해 실제 속도는 %s×입니다(선택한 속도 %s×)."},
    {"run.behind_draw_tip",
     "A frame moves the run forward at most a quarter of a second × the speed, so a slow page slows the run at any speed. "
     "A smaller diagram draws faster.",
     "한 프레임에 실행이 나아가는 시간은 최대 0.25초 × 속도입니다. 화면을 느리게 그리면 어떤 속도에서도 실행이 느려집니다. "
     "다이어그램이 작을수록 빨리 그려집니다."},
    {"run.seeking", "Replaying… %d%%", "다시 재생 중… %d%%"},
    {"run.finished", "Finished", "완료"},
    {"run.errors", "Cannot run: %s", "실행할 수 없습니다: %s"},
    {"run.empty", "Add Users and a service, connect them, then press Play.",
     "사용자와 서비스를 추가하고 연결한 다음 재생을 누르세요."},
    {"run.csv", "CSV", "CSV"},
    {"run.csv_tip", "Download the metrics of this run (one row per node and second)",
     "이 실행의 지표를 다운로드합니다(노드마다, 1초마다 한 행)"},
    {"run.timeline_tip", "Drag to go back or forward in the run (replayed from the start)",
     "끌어서 실행 시점을 앞뒤로 옮깁니다(처음부터 다시 재생합니다)"},
    {"run.panel_show", "Show panels", "패널 보기"},
    {"run.panel_hide", "Hide panels", "패널 숨기기"},
    {"run.tab_metrics", "Metrics", "지표"},
    {"run.tab_log", "Event log", "이벤트 로그"},
    {"run.tab_story", "What happened", "일어난 일"},
    {"run.tab_cost", "Cost", "비용"},
    // metrics panel
    {"run.m_hint", "Select nodes on the canvas to plot them (several are overlaid). Showing: %s",
     "캔버스에서 노드를 선택하면 그래프로 볼 수 있습니다(여러 개를 고르면 겹쳐 그립니다). 표시 중: %s"},
    {"run.m_throughput", "Throughput", "처리량"},
    {"run.m_latency", "Latency (served)", "지연 시간(처리된 요청)"},
    {"run.m_errors", "Errors", "오류"},
    {"run.m_queue", "Queue (waiting for a worker)", "대기열(작업자를 기다리는 요청)"},
    {"run.m_cost", "Cost per hour", "시간당 비용"},
    // plot legends
    {"run.s_arrivals", "arrivals", "도착"},
    {"run.s_ok", "ok", "성공"},
    {"run.s_errors", "errors", "오류"},
    {"run.o_throttled", "throttled", "스로틀링됨"},
    {"run.o_timed_out", "timed out", "시간 초과"},
    {"run.o_no_healthy_target", "no healthy target (503)", "정상 대상 없음(503)"},
    {"run.o_server_error", "server error (5xx)", "서버 오류(5xx)"},
    {"run.o_unreachable", "unreachable", "연결 불가"},
    {"run.o_rejected", "rejected (4xx)", "거부됨(4xx)"},
    {"run.m_no_data", "No data yet: press Play.", "아직 데이터가 없습니다. 재생을 누르세요."},
    // event log
    {"run.l_filter", "Filter", "필터"},
    {"run.l_filter_tip", "Words to find in the entries, or a query of their fields: kind=instance_died reason=health_check node=web from=5:00",
     "항목에서 찾을 단어, 또는 필드 질의를 적습니다. 예: \"kind=instance_died reason=health_check node=web from=5:00\""},
    {"run.l_faults", "Faults", "장애"},
    {"run.l_health", "Health", "상태"},
    {"run.l_scaling", "Scaling", "조정"},
    {"run.l_throttling", "Throttling", "스로틀링"},
    {"run.l_other", "Other", "기타"},
    {"run.l_selected", "Selected nodes only", "선택한 노드만"},
    {"run.l_follow", "Follow", "따라가기"},
    {"run.l_empty", "Nothing happened yet.", "아직 이벤트가 없습니다."},
    {"run.l_tip", "Click: select the node and jump the timeline to this moment",
     "클릭: 노드를 선택하고 타임라인을 이 시점으로 이동"},
    {"run.l_system", "(system)", "(시스템)"},
    // cost
    {"run.c_now", "Now: $%.4f / hour   ·   projected $%.2f / month", "현재: 시간당 $%.4f   ·   월 예상 $%.2f"},
    {"run.c_total", "Spent in this run: $%.4f over %s", "이번 실행의 비용: $%.4f(%s 동안)"},
    {"run.c_by_service", "By service", "서비스별"},
    {"run.c_by_node", "By node", "노드별"},
    {"run.c_service", "Service", "서비스"},
    {"run.c_node", "Node", "노드"},
    {"run.c_hour", "$ / hour", "$ / 시간"},
    {"run.c_month", "$ / month", "$ / 월"},
    {"run.c_spent", "Spent", "사용 금액"},
    // faults (right-click)
    {"run.f_kill", "Kill node", "노드 장애 발생"},
    {"run.f_revive", "Revive node", "노드 복구"},
    {"run.f_az_down", "Fail AZ %s", "가용 영역 %s 장애"},
    {"run.f_az_up", "Bring AZ %s back", "가용 영역 %s 복구"},
    {"run.f_region_down", "Fail Region %s", "리전 %s 장애"},
    {"run.f_region_up", "Bring Region %s back", "리전 %s 복구"},
    {"run.f_latency", "Add latency", "지연 시간 추가"},
    {"run.f_latency_off", "Remove added latency", "추가한 지연 시간 제거"},
    {"run.f_errors", "Fail calls", "호출 실패 주입"},
    {"run.f_errors_off", "Stop failing calls", "호출 실패 주입 중지"},
    {"run.f_parts", "Fail %s", "%s 장애"},
    {"run.f_parts_back", "Bring all %s back", "%s 모두 복구"},
    {"run.f_clear", "Clear recorded faults", "기록된 장애 지우기"},
    {"run.f_title", "Run: faults at %s", "실행: %s 시점 장애"},
    {"run.down", "DOWN", "장애"},
    {"run.az_down", "AZ down", "가용 영역 장애"},
    {"run.region_down", "Region down", "리전 장애"},
    // toolbar overflow, downloads, recording
    {"run.more_tip", "More commands", "더 보기"},
    {"run.csv_menu", "Download metrics (CSV)", "지표 다운로드(CSV)"},
    {"run.downloaded", "Downloaded %s.", "다운로드했습니다: %s"},
    {"run.rec", "Record", "녹화"},
    {"run.rec_on", "Recording %d:%02d", "녹화 중 %d:%02d"},
    {"run.rec_menu", "Record a clip of the canvas (WebM)", "캔버스 클립 녹화(WebM)"},
    {"run.rec_stop", "Stop recording and download", "녹화 중지 후 다운로드"},
    {"run.rec_tip", "Record the canvas as a short WebM video for slides and chat (at most %d s)",
     "슬라이드나 채팅에 쓸 짧은 WebM 동영상으로 캔버스를 녹화합니다(최대 %d초)"},
    {"run.rec_stop_tip", "Stop and download the clip (recording stops by itself after %d s)",
     "녹화를 멈추고 클립을 다운로드합니다(%d초가 지나면 자동으로 멈춥니다)"},
    {"run.rec_empty", "The clip was empty: the browser recorded no frame (was the tab in the background?). Nothing was downloaded.",
     "녹화된 프레임이 없어 영상이 비어 있습니다. 탭이 백그라운드에 있지 않았는지 확인해 보세요. 파일은 다운로드하지 않았습니다."},
    {"run.rec_unsupported", "This browser cannot record video (no MediaRecorder for WebM).",
     "이 브라우저에서는 동영상을 녹화할 수 없습니다(WebM용 MediaRecorder 없음)."},
    // fault timeline (ui/fault_timeline_panel.cpp)
    {"run.tab_faults", "Fault timeline", "장애 타임라인"},
    {"run.t_live", "Faults injected in this run", "이번 실행에서 주입한 장애"},
    {"run.t_live_none", "None yet: right-click a node, an AZ, a Region or a wire while the run plays.",
     "아직 없습니다. 실행 중에 노드, 가용 영역, 리전 또는 연결선을 마우스 오른쪽 버튼으로 클릭하세요."},
    {"run.t_save", "Save these faults to the timeline", "이 장애를 타임라인에 저장"},
    {"run.t_save_tip", "Every run of this document (and everyone you share it with) replays them at the same times. Undo with Ctrl+Z.",
     "이 문서를 실행할 때마다(공유받은 사람도) 같은 시각에 다시 일어납니다. Ctrl+Z로 취소할 수 있습니다."},
    {"run.t_saved", "Saved %d fault(s) to the fault timeline", "장애 %d개를 장애 타임라인에 저장했습니다"},
    {"run.t_undo_save", "Save faults to the timeline", "장애를 타임라인에 저장"},
    {"run.t_undo_delete", "Delete a scheduled fault", "예약된 장애 삭제"},
    {"run.t_doc", "The document's fault timeline (replayed in every run)", "문서의 장애 타임라인(실행할 때마다 재현)"},
    {"run.t_doc_none", "No scheduled faults.", "예약된 장애가 없습니다."},
    {"run.t_at", "At", "시각"},
    {"run.t_what", "What", "내용"},
    {"run.t_target", "Target", "대상"},
    {"run.t_until", "Until", "종료"},
    {"run.t_forever", "end of run", "실행 끝까지"},
    {"run.t_delete_tip", "Delete this fault (Ctrl+Z brings it back)", "이 장애 삭제(Ctrl+Z로 되돌릴 수 있음)"},
    {"run.t_open", "Fault timeline", "장애 타임라인"},
    {"run.a_kill_node", "node failure", "노드 장애"},
    {"run.a_az_down", "AZ failure", "가용 영역 장애"},
    {"run.a_region_down", "Region failure", "리전 장애"},
    {"run.a_add_latency", "+%.0f ms latency", "지연 시간 +%.0f밀리초"},
    {"run.a_error_rate", "%.0f%% of calls fail", "호출의 %.0f%% 실패"},
    {"run.a_fail_parts", "%s: %.0f failed", "%s %.0f개 장애"},
};

// A speed as the notice writes it: "42", "1.5", "0.4".
std::string speed_words(double x) {
  char b[32];
  std::snprintf(b, sizeof b, x >= 9.95 ? "%.0f" : "%.1f", x);
  std::string s = b;
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s;
}

void format_clock(double s, char* buf, size_t n) {
  int t = static_cast<int>(s);
  if (t >= 3600) std::snprintf(buf, n, "%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60);
  else std::snprintf(buf, n, "%d:%02d.%d", t / 60, t % 60, static_cast<int>((s - t) * 10));
}

RunView* g_instance = nullptr;

}  // namespace

RunView::RunView(Editor& editor, Canvas& canvas, Platform& platform) : ed_(editor), canvas_(canvas), platform_(platform) {
  static bool strings_added = false;
  if (!strings_added) add_strings(kRunStrings, sizeof kRunStrings / sizeof kRunStrings[0]), strings_added = true;
  speed_slider_ = 0;
  canvas_.overlay_hook = [this](ImDrawList* dl) { draw_overlay(dl); };
  canvas_.context_hook = [this](const Canvas::ContextTarget& t) { context_menu(t); };
  g_instance = this;
}

RunView::~RunView() {
  if (g_instance == this) g_instance = nullptr;
  canvas_.overlay_hook = nullptr;
  canvas_.context_hook = nullptr;
}

RunView* RunView::instance() { return g_instance; }

// ---- per frame ------------------------------------------------------------------------

void RunView::update(double dt_s) {
#ifdef CLOUDPLAY_RUN_HAS_DOCUMENTS
  Documents* docs = Documents::instance();
  if (!took_shared_run_ && docs && docs->shared_run()) {
    run_.follow(ed_.document(), ed_.revision());
    run_.apply_run_settings(*docs->shared_run());
    took_shared_run_ = true;
  }
#endif
  run_.follow(ed_.document(), ed_.revision());
  const bool time_runs = run_.playing();
  run_.update(dt_s);
  if (time_runs) anim_t_ += std::min(dt_s, RunController::kMaxFrameDt);
  update_rates();
  sync_share_link();
  draw_recording_tick();
}

void RunView::sync_share_link() {
#ifdef CLOUDPLAY_RUN_HAS_DOCUMENTS
  // The share link carries the run (seed, speed, moment, live faults); updated twice a second.
  double now = ImGui::GetTime();
  if (now - share_check_t_ < 0.5) return;
  share_check_t_ = now;
  if (Documents* docs = Documents::instance()) docs->set_run_settings(run_.run_settings());
#endif
}

void RunView::update_rates() {
  const sim::Simulation* s = run_.sim();
  if (!s) return;
  const double t = sim::to_seconds(s->now());
  if (rates_gen_ != run_.generation() || conn_rates_.size() != s->connection_count() || t < rates_t_) {
    rates_gen_ = run_.generation();
    conn_rates_.assign(s->connection_count(), Rate{});
    for (size_t i = 0; i < conn_rates_.size(); ++i) {
      const auto& m = s->connection(sim::ConnId{static_cast<uint32_t>(i)}).metrics;
      for (int k = 0; k < 7; ++k) conn_rates_[i].last[k] = m.outcomes[k];
      // Until a full second has passed (e.g. just after a scrub), the wire's last series point.
      if (!m.series.empty()) {
        const auto& p = m.series.back();
        conn_rates_[i].per_s[0] = std::max(0.0f, p.calls_per_s - p.errors_per_s);
        conn_rates_[i].per_s[4] = p.errors_per_s;
        conn_rates_[i].total = p.calls_per_s;
      }
    }
    rates_t_ = t;
    return;
  }
  const double dt = t - rates_t_;
  if (dt < 1.0) return;
  for (size_t i = 0; i < conn_rates_.size(); ++i) {
    const auto& m = s->connection(sim::ConnId{static_cast<uint32_t>(i)}).metrics;
    Rate& r = conn_rates_[i];
    r.total = 0;
    for (int k = 0; k < 7; ++k) {
      r.per_s[k] = static_cast<float>((m.outcomes[k] - r.last[k]) / dt);
      r.last[k] = m.outcomes[k];
      r.total += r.per_s[k];
    }
  }
  rates_t_ = t;
}

// ---- layout ---------------------------------------------------------------------------------

// The toolbar: [Play][Step][Reset]  Speed [slider] [Max]  [● Record]  Seed [..] [CSV] [⋯] [v]
// then the clock and the timeline, on the same row when the column is wide enough,
// else on a second row. Items that do not fit even then go to the "⋯" menu
// (least needed first), so every command stays reachable on a 1024-px window in
// either language.
namespace {
float text_w(const char* key) { return ImGui::CalcTextSize(tr(key)).x; }
}  // namespace

RunView::ToolbarPlan RunView::plan_toolbar(float width) const {
  const ImGuiStyle& st = ImGui::GetStyle();
  const float fs = ImGui::GetFontSize(), pad = st.FramePadding.x * 2, sp = st.ItemSpacing.x;
  const float fh = ImGui::GetFrameHeight();
  float w[kTbCount];
  w[kTbStep] = text_w("run.step") + pad + sp;
  w[kTbReset] = text_w("run.reset") + pad + sp;
  w[kTbSpeedLabel] = text_w("run.speed") + sp;
  w[kTbMax] = fh + st.ItemInnerSpacing.x + text_w("run.max") + sp;
  w[kTbRec] = (recording_ ? ImGui::CalcTextSize(trf("run.rec_on", 0, 0).c_str()).x : text_w("run.rec")) + fs * 0.9f +
              pad + fs * 0.6f;
  w[kTbSeed] = fs * 0.6f + text_w("run.seed") + sp + fs * 4;
  w[kTbCsv] = text_w("run.csv") + pad + sp;
  // Always there: play, the speed slider, the panel toggle (and the gap before the speed).
  const float fixed = fs * 5.5f + fs + fs * 5 + sp + fh;
  const float more_w = fh * 1.3f + sp;
  const float timeline_min = ImGui::CalcTextSize("00:00.0").x + sp + fs * 12;
  const float avail = width - 16;  // the window's padding
  ToolbarPlan p;
  float total = fixed;
  for (int i = 0; i < kTbCount; ++i) p.show[i] = true, total += w[i];
  if (presenting_) {
    for (TbItem it : {kTbSeed, kTbCsv, kTbRec}) {
      if (it == kTbRec && recording_) continue;  // a clip being recorded keeps its stop button
      p.show[it] = false;
      total -= w[it];
    }
  }
  if (total + fs + timeline_min <= avail) return p;  // one row
  p.two_rows = true;
  // Least needed first; while recording, its button (with the clock) stays.
  const TbItem drop_order[] = {kTbSeed, kTbCsv, kTbSpeedLabel, kTbMax, kTbReset, kTbStep, kTbRec};
  for (TbItem it : drop_order) {
    if (total + (p.overflow ? more_w : 0) <= avail) break;
    if (it == kTbRec && recording_) continue;
    p.show[it] = false;
    total -= w[it];
    p.overflow = true;
  }
  return p;
}

float RunView::toolbar_height(float width) const {
  const float rows = plan_toolbar(width).two_rows ? 2 : 1;
  return std::round(rows * ImGui::GetFrameHeight() + (rows - 1) * ImGui::GetStyle().ItemSpacing.y + 10);
}

float RunView::panel_height(float column_h) const {
  if (!(run_.started() || panel_wanted_) || !panel_open_) return 0;
  return std::round(std::clamp(column_h * 0.36f, ImGui::GetFontSize() * 11, ImGui::GetFontSize() * 22));
}

void RunView::put_rect(const char* key) {
  ImVec2 mn = ImGui::GetItemRectMin(), mx = ImGui::GetItemRectMax();
  rects_[key] = {{"x", mn.x}, {"y", mn.y}, {"w", mx.x - mn.x}, {"h", mx.y - mn.y}};
}

void RunView::toolbar_more_menu(const ToolbarPlan& plan) {
  if (!ImGui::BeginPopup("##run_more")) return;
  auto remember = [&](const char* key) {
    ImVec2 mn = ImGui::GetItemRectMin(), mx = ImGui::GetItemRectMax();
    rects_["more_items"][key] = {{"x", mn.x}, {"y", mn.y}, {"w", mx.x - mn.x}, {"h", mx.y - mn.y}};
  };
  rects_["more_items"] = nlohmann::json::object();
  if (!plan.show[kTbStep]) {
    if (ImGui::MenuItem(tr("run.step_tip"))) run_.step();
    remember("step");
  }
  if (!plan.show[kTbReset]) {
    if (ImGui::MenuItem(tr("run.reset"))) run_.reset();
    remember("reset");
  }
  if (!plan.show[kTbMax]) {
    if (ImGui::MenuItem(tr("run.max_tip"), nullptr, run_.max_speed())) run_.set_max_speed(!run_.max_speed());
    remember("max");
  }
  if (!plan.show[kTbRec]) {
    if (ImGui::MenuItem(tr(recording_ ? "run.rec_stop" : "run.rec_menu"))) recording_ ? stop_recording() : start_recording();
    remember("rec");
  }
  if (!plan.show[kTbCsv]) {
    if (ImGui::MenuItem(tr("run.csv_menu"))) export_csv();
    remember("csv");
  }
  if (!plan.show[kTbSeed]) {
    ImGui::Separator();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr("run.seed"));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
    if (ImGui::InputText("##seed_more", seed_buf_, sizeof seed_buf_,
                         ImGuiInputTextFlags_CharsDecimal | ImGuiInputTextFlags_EnterReturnsTrue)) {
      run_.set_seed(std::strtoull(seed_buf_, nullptr, 10));
      ImGui::CloseCurrentPopup();
    }
    remember("seed");
    ImGui::TextDisabled("%s", tr("run.seed_tip"));
  }
  ImGui::EndPopup();
}

void RunView::draw_toolbar(ImVec2 pos, ImVec2 size) {
  ImGui::SetNextWindowPos(pos, ImGuiCond_Always);
  ImGui::SetNextWindowSize(size, ImGuiCond_Always);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8, 5));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0.97f, 0.975f, 0.98f, 1));
  ImGui::Begin("##run_toolbar", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);
  const float fs = ImGui::GetFontSize();
  const ToolbarPlan plan = plan_toolbar(size.x);
  rects_ = nlohmann::json::object();
  rects_["bar"] = {{"x", pos.x}, {"y", pos.y}, {"w", size.x}, {"h", size.y}};
  rects_["twoRows"] = plan.two_rows;
  nlohmann::json hidden = nlohmann::json::array();
  const char* names[kTbCount] = {"step", "reset", "speed_label", "max", "rec", "seed", "csv"};
  for (int i = 0; i < kTbCount; ++i)
    if (!plan.show[i]) hidden.push_back(names[i]);
  rects_["overflow"] = hidden;
  const bool ok = run_.ready();
  if (!ok) ImGui::BeginDisabled();
  // Play / pause.
  {
    const bool playing = run_.playing();
    ImGui::PushStyleColor(ImGuiCol_Button, playing ? ImVec4(0.86f, 0.89f, 0.93f, 1) : ImVec4(0.16f, 0.55f, 0.16f, 1));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, playing ? ImVec4(0.78f, 0.83f, 0.89f, 1) : ImVec4(0.12f, 0.47f, 0.12f, 1));
    ImGui::PushStyleColor(ImGuiCol_Text, playing ? ImVec4(0.09f, 0.10f, 0.12f, 1) : ImVec4(1, 1, 1, 1));
    std::string label = std::string(tr(playing ? "run.pause" : "run.play")) + "###run_play";
    if (ImGui::Button(label.c_str(), ImVec2(fs * 5.5f, 0))) run_.toggle();
    put_rect("play");
    ImGui::PopStyleColor(3);
  }
  if (plan.show[kTbStep]) {
    ImGui::SameLine();
    if (ImGui::Button((std::string(tr("run.step")) + "###run_step").c_str())) run_.step();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("run.step_tip"));
    put_rect("step");
  }
  if (plan.show[kTbReset]) {
    ImGui::SameLine();
    if (ImGui::Button((std::string(tr("run.reset")) + "###run_reset").c_str())) run_.reset();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("run.reset_tip"));
    put_rect("reset");
  }

  // Speed: a log slider 0.1× .. 1000×, and "Max".
  ImGui::SameLine(0, fs);
  if (plan.show[kTbSpeedLabel]) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr("run.speed"));
    ImGui::SameLine();
  }
  ImGui::SetNextItemWidth(fs * 5);
  speed_slider_ = static_cast<float>(std::log10(run_.speed()));
  char sbuf[32];
  const double sp = run_.speed();
  std::snprintf(sbuf, sizeof sbuf, sp < 1 ? "%.1f×" : "%.0f×", sp);
  if (run_.max_speed()) ImGui::BeginDisabled();
  if (ImGui::SliderFloat("##speed", &speed_slider_, -1, 3, sbuf)) {
    double v = std::pow(10.0, speed_slider_);
    // Snap to 1-2-5 steps, so the usual speeds are easy to hit.
    double p = std::pow(10.0, std::floor(std::log10(v)));
    double m = v / p;
    m = m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10;
    run_.set_speed(m * p);
  }
  if (run_.max_speed()) ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", tr("run.speed"));
  put_rect("speed");
  if (plan.show[kTbMax]) {
    ImGui::SameLine();
    bool mx = run_.max_speed();
    if (ImGui::Checkbox((std::string(tr("run.max")) + "###run_max").c_str(), &mx)) run_.set_max_speed(mx);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("run.max_tip"));
    put_rect("max");
  }
  if (!ok) ImGui::EndDisabled();

  // Record a clip: a red dot, or while recording a red button with the clip's length.
  if (plan.show[kTbRec]) {
    ImGui::SameLine(0, fs * 0.6f);
    char rec_label[64];
    if (recording_) {
      const int s = static_cast<int>(recording_s());
      std::snprintf(rec_label, sizeof rec_label, "%s###run_rec", trf("run.rec_on", s / 60, s % 60).c_str());
      ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.80f, 0.12f, 0.10f, 1));
      ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(0.68f, 0.08f, 0.06f, 1));
      ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
    } else {
      std::snprintf(rec_label, sizeof rec_label, "%s###run_rec", tr("run.rec"));
    }
    // The text on the right, the dot (or the stop square) on the left.
    const float pad = ImGui::GetStyle().FramePadding.x;
    const char* shown = rec_label;
    const ImVec2 ts = ImGui::CalcTextSize(shown, std::strstr(shown, "###"));
    ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(1, 0.5f));
    bool pressed = ImGui::Button(rec_label, ImVec2(ts.x + fs * 0.9f + pad * 2, 0));
    ImGui::PopStyleVar();
    put_rect("rec");
    {
      ImDrawList* dl = ImGui::GetWindowDrawList();
      ImVec2 mn = ImGui::GetItemRectMin(), mx = ImGui::GetItemRectMax();
      ImVec2 c(mn.x + pad + fs * 0.3f, (mn.y + mx.y) / 2);
      if (recording_) dl->AddRectFilled(ImVec2(c.x - fs * 0.2f, c.y - fs * 0.2f), ImVec2(c.x + fs * 0.2f, c.y + fs * 0.2f),
                                        IM_COL32(255, 255, 255, 255), 1);
      else dl->AddCircleFilled(c, fs * 0.27f, IM_COL32(0xD1, 0x32, 0x12, 255), 16);
    }
    if (recording_) ImGui::PopStyleColor(3);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", recording_ ? trf("run.rec_stop_tip", static_cast<int>(kMaxClipS)).c_str()
                                                                  : trf("run.rec_tip", static_cast<int>(kMaxClipS)).c_str());
    if (pressed) recording_ ? stop_recording() : start_recording();
  }
  if (!ok) ImGui::BeginDisabled();
  // Seed and CSV.
  if (plan.show[kTbSeed]) {
    ImGui::SameLine(0, fs * 0.6f);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr("run.seed"));
    ImGui::SameLine();
  }
  if (seed_shown_ != run_.seed() || !seed_buf_[0]) {
    std::snprintf(seed_buf_, sizeof seed_buf_, "%llu", static_cast<unsigned long long>(run_.seed()));
    seed_shown_ = run_.seed();
  }
  if (plan.show[kTbSeed]) {
    ImGui::SetNextItemWidth(fs * 4);
    if (ImGui::InputText("##seed", seed_buf_, sizeof seed_buf_,
                         ImGuiInputTextFlags_CharsDecimal | ImGuiInputTextFlags_EnterReturnsTrue)) {
      run_.set_seed(std::strtoull(seed_buf_, nullptr, 10));
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("run.seed_tip"));
    put_rect("seed");
  }
  if (plan.show[kTbCsv]) {
    ImGui::SameLine();
    if (ImGui::Button((std::string(tr("run.csv")) + "###run_csv").c_str())) export_csv();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("run.csv_tip"));
    put_rect("csv");
  }
  if (!ok) ImGui::EndDisabled();
  if (plan.overflow) {
    ImGui::SameLine();
    if (ImGui::Button("⋯###run_more", ImVec2(ImGui::GetFrameHeight() * 1.3f, 0))) ImGui::OpenPopup("##run_more");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("run.more_tip"));
    put_rect("more");
    toolbar_more_menu(plan);
  }
  if (run_.started() || panel_wanted_) {
    ImGui::SameLine();
    if (ImGui::ArrowButton("##run_panel", panel_open_ ? ImGuiDir_Down : ImGuiDir_Up)) panel_open_ = !panel_open_;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(panel_open_ ? "run.panel_hide" : "run.panel_show"));
    put_rect("panel");
  }

  // Clock and timeline: the rest of this row, or a row of their own.
  if (!ok) ImGui::BeginDisabled();
  if (!plan.two_rows) ImGui::SameLine(0, fs);
  char now_buf[32], dur_buf[32];
  const double t_now = sim::to_seconds(run_.seeking() ? run_.seek_target() : run_.now());
  const double t_end = sim::to_seconds(run_.duration());
  format_clock(t_now, now_buf, sizeof now_buf);
  format_clock(t_end, dur_buf, sizeof dur_buf);
  ImGui::AlignTextToFramePadding();
  ImGui::Text("%s", now_buf);
  put_rect("clock");
  ImGui::SameLine();
  const float tl_w = std::max(fs * 6, ImGui::GetContentRegionAvail().x);
  ImGui::SetNextItemWidth(tl_w);
  if (!scrubbing_) scrub_t_ = static_cast<float>(t_now);
  char tl_label[48];
  std::snprintf(tl_label, sizeof tl_label, "/ %s", dur_buf);
  if (ImGui::SliderFloat("##timeline", &scrub_t_, 0, static_cast<float>(t_end), tl_label)) scrubbing_ = true;
  put_rect("timeline");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("run.timeline_tip"));
  if (ImGui::IsItemDeactivated() && scrubbing_) {
    scrubbing_ = false;
    run_.seek(sim::from_seconds(scrub_t_));
  }
  if (!ok) ImGui::EndDisabled();
  ImGui::End();
  ImGui::PopStyleColor();
  ImGui::PopStyleVar();

  // Status badges over the canvas' top-left corner: cannot keep up, replaying, errors.
  ImDrawList* fg = ImGui::GetForegroundDrawList();
  ImVec2 p(pos.x + 8, pos.y + size.y + 6 + canvas_top_inset_);  // below a strip over the canvas' top (phone note)
  auto pill = [&](const std::string& text, ImU32 bg, ImU32 fgc) {
    ImVec2 ts = ImGui::CalcTextSize(text.c_str());
    fg->AddRectFilled(p, ImVec2(p.x + ts.x + 14, p.y + ts.y + 6), bg, 4);
    fg->AddText(ImVec2(p.x + 7, p.y + 3), fgc, text.c_str());
    p.y += ts.y + 10;
  };
  if (!ok && !ed_.document().nodes.empty()) {
    std::string first = run_.errors().empty() ? std::string() : run_.errors()[0].text(korean());
    pill(trf("run.errors", first.c_str()), IM_COL32(0xFD, 0xEC, 0xEA, 255), IM_COL32(0xA1, 0x20, 0x0E, 255));
  } else if (!ok) {
    pill(tr("run.empty"), IM_COL32(0xE8, 0xF1, 0xFB, 255), IM_COL32(0x0B, 0x4A, 0x8A, 255));
  }
  keep_up_ = nlohmann::json::object();
  if (run_.seeking())
    pill(trf("run.seeking", static_cast<int>(run_.seek_progress() * 100)), IM_COL32(0xE8, 0xF1, 0xFB, 255),
         IM_COL32(0x0B, 0x4A, 0x8A, 255));
  else if (run_.playing() && run_.behind())
    draw_keep_up_notice(p);
  else if (ok && run_.finished())
    pill(tr("run.finished"), IM_COL32(0xE6, 0xF4, 0xEA, 255), IM_COL32(0x1D, 0x63, 0x1D, 255));
}

// The run cannot keep the chosen speed: say what it reaches and why, and offer a speed it can keep.
void RunView::draw_keep_up_notice(ImVec2 at) {
  const KeepUpAdvice a = run_.keep_up();
  keep_up_ = {{"cause", a.cause == KeepUpCause::Simulation ? "simulation" : a.cause == KeepUpCause::Drawing ? "drawing" : "none"},
              {"achieved", a.achieved}, {"suggested", a.suggested}, {"fps", a.fps}};
  if (a.cause == KeepUpCause::None) return;
  const std::string achieved = speed_words(a.achieved), chosen = speed_words(run_.speed());
  std::string text, tip;
  if (a.cause == KeepUpCause::Simulation) {
    text = trf("run.behind", achieved.c_str(), chosen.c_str());
    tip = tr("run.behind_tip");
    if (a.suggested == 0 && run_.speed() <= RunController::kMinSpeed) text += std::string(" ") + tr("run.behind_slowest");
  } else {
    text = trf("run.behind_draw", speed_words(a.fps).c_str(), achieved.c_str(), chosen.c_str());
    tip = tr("run.behind_draw_tip");
  }
  keep_up_["text"] = text;
  const float fs = ImGui::GetFontSize();
  ImGui::SetNextWindowPos(at, ImGuiCond_Always);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(1.0f, 0.945f, 0.84f, 1));
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.54f, 0.29f, 0.0f, 1));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(7, 3));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 4);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0);
  ImGui::Begin("##run_keep_up", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoFocusOnAppearing);
  ImGui::AlignTextToFramePadding();
  // As wide as the canvas allows (the story's column may sit at its right), beside the button.
  float wrap = fs * 26;
  if (const ImGuiWindow* canvas = ImGui::FindWindowByName("##canvas_window"))
    wrap = std::clamp(canvas->Size.x - fs * 8, fs * 10, wrap);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tip.c_str());
  if (a.suggested > 0) {
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.09f, 0.10f, 0.12f, 1));
    const std::string s = speed_words(a.suggested);
    if (ImGui::Button((trf("run.behind_use", s.c_str()) + "###run_keep_up_use").c_str())) run_.set_speed(a.suggested);
    put_rect("keepUp");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", trf("run.behind_use_tip", s.c_str()).c_str());
    ImGui::PopStyleColor();
  }
  ImGui::End();
  ImGui::PopStyleVar(3);
  ImGui::PopStyleColor(2);
}

void RunView::draw_bottom_panel(ImVec2 pos, ImVec2 size) {
  if (size.y <= 0) return;
  ImGui::SetNextWindowPos(pos, ImGuiCond_Always);
  ImGui::SetNextWindowSize(size, ImGuiCond_Always);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8, 4));
  ImGui::Begin("##run_panel", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);
  if (ImGui::BeginTabBar("##run_tabs")) {
    // Tab ids stay as they were (the "tab" test command uses them); goals (4) come second, when the document has any.
    const char* keys[] = {"run.tab_metrics", "run.tab_log", "run.tab_cost", "run.tab_faults", "run.tab_goals", "run.tab_story"};
    for (int i : {0, 4, 5, 1, 2, 3}) {
      if (i == 4 && !run_.has_goals()) continue;
      std::string label = std::string(tr(keys[i])) + "###" + keys[i];
      ImGuiTabItemFlags flags = 0;
      if (tab_request_ == i) flags |= ImGuiTabItemFlags_SetSelected;
      if (ImGui::BeginTabItem(label.c_str(), nullptr, flags)) {
        tab_ = i;
        ImGui::BeginChild("##run_tab_body", ImVec2(0, 0), false);
        if (i == 0) draw_metrics();
        else if (i == 1) draw_event_log();
        else if (i == 2) draw_cost();
        else if (i == 3) draw_fault_timeline();
        else if (i == 5) draw_what_happened();
        else draw_goals();
        ImGui::EndChild();
        ImGui::EndTabItem();
      }
    }
    tab_request_ = -1;
    ImGui::EndTabBar();
  }
  ImGui::End();
  ImGui::PopStyleVar();
}

// ---- export -----------------------------------------------------------------------------------

// The columns every node has, then the declared metrics' (engine::series_csv).
std::string RunView::metrics_csv() const {
  const sim::Simulation* s = run_.sim();
  return s ? engine::series_csv(*s) : engine::series_csv(sim::Simulation(0));
}

namespace {
// "cloudplay-<document name>.<ext>" ("cloudplay-run.<ext>" for an unnamed document).
std::string run_file_name(const doc::Document& d, const char* ext) {
#ifdef CLOUDPLAY_RUN_HAS_DOCUMENTS
  std::string stem = Documents::stem_of(d.name, "");
#else
  std::string stem;
  (void)d;
#endif
  return "cloudplay-" + (stem.empty() ? std::string("run") : stem) + "." + ext;
}
}  // namespace

void RunView::export_csv() {
  const std::string name = run_file_name(ed_.document(), "csv");
  platform_.download(name, "text/csv", metrics_csv());
  ed_.notify(trf("run.downloaded", name.c_str()));
}

void RunView::file_menu() {
  ImGui::Separator();
  if (ImGui::MenuItem(tr(recording_ ? "run.rec_stop" : "run.rec_menu"))) recording_ ? stop_recording() : start_recording();
  if (ImGui::MenuItem(tr("run.csv_menu"), nullptr, false, run_.ready() && run_.started())) export_csv();
}

// ---- recording a clip ---------------------------------------------------------------------------
// The canvas (what the canvas window shows: the diagram with its traffic, not the
// panels) is copied each frame into a WebM through the browser's MediaRecorder
// (wasm/browser_recording.cpp); it stops by itself after kMaxClipS seconds.

namespace {
ImVec4 canvas_window_rect() {
  if (ImGuiWindow* w = ImGui::FindWindowByName("##canvas_window")) return ImVec4(w->Pos.x, w->Pos.y, w->Size.x, w->Size.y);
  return ImVec4(0, 0, 0, 0);
}
}  // namespace

double RunView::recording_s() const { return recording_ ? ImGui::GetTime() - rec_started_ : 0; }

void RunView::start_recording() {
  if (recording_) return;
  const ImVec4 r = canvas_window_rect();
  const std::string name = run_file_name(ed_.document(), "webm");
  if (!platform_.start_recording(name, r.x, r.y, r.z, r.w)) {
    ed_.notify(tr("run.rec_unsupported"), true);
    return;
  }
  recording_ = true;
  rec_started_ = ImGui::GetTime();
  rec_max_s_ = kMaxClipS;
  rec_name_ = name;
}

void RunView::stop_recording() {
  if (!recording_) return;
  recording_ = false;
  platform_.stop_recording();
  ed_.notify(trf("run.downloaded", rec_name_.c_str()));
}

void RunView::draw_recording_tick() {
  if (platform_.take_empty_recording()) ed_.notify(tr("run.rec_empty"), true);
  if (!recording_) return;
  if (recording_s() >= rec_max_s_) {
    stop_recording();
    return;
  }
  const ImVec4 r = canvas_window_rect();
  platform_.set_recording_rect(r.x, r.y, r.z, r.w);
}

// ---- tests ------------------------------------------------------------------------------------

nlohmann::json RunView::debug_state() const {
  using nlohmann::json;
  json s = {{"ready", run_.ready()}, {"playing", run_.playing()}, {"started", run_.started()},
            {"t_s", sim::to_seconds(run_.now())}, {"speed", run_.speed()}, {"max", run_.max_speed()},
            {"behind", run_.behind()}, {"achievedSpeed", run_.achieved_speed()}, {"seeking", run_.seeking()},
            {"seed", run_.seed()}, {"stepMs", run_.last_step_ms()}, {"stepEvents", run_.last_step_events()},
            {"replayEventsPerS", run_.replay_events_per_s()}, {"generation", run_.generation()},
            {"checkpoints", run_.checkpoint_count()}, {"checkpointBytes", run_.checkpoint_bytes()},
            {"rewoundFrom", run_.last_rewind_from() < 0 ? -1.0 : sim::to_seconds(run_.last_rewind_from())},
            {"tab", tab_}, {"panelOpen", panel_open_}, {"recording", recording_}, {"recordingS", recording_s()},
            {"keepUp", keep_up_}, {"frameS", run_.frame_s()}};
  json errs = json::array();
  for (const auto& e : run_.errors()) errs.push_back({{"path", e.path}, {"message", e.message}});
  s["errors"] = errs;
  json goals = json::array();
  for (const engine::GoalResult& g : run_.goal_results())
    goals.push_back({{"state", goal_state_name(g.state)}, {"hasValue", g.has_value}, {"value", g.value},
                     {"text", g.en}, {"text_ko", g.ko}});
  s["goals"] = goals;
  const sim::Simulation* sim = run_.sim();
  json nodes = json::array(), azs = json::array(), log = json::array(), faults = json::array();
  if (sim) {
    s["events"] = sim->events_processed();
    s["traceHash"] = std::to_string(sim->trace_hash());
    for (size_t i = 0; i < sim->node_count(); ++i) {
      sim::NodeId n{static_cast<uint32_t>(i)};
      const auto& m = sim->metrics(n);
      sim::SeriesPoint p = m.series.empty() ? sim::SeriesPoint{} : m.series.back();
      const sim::StatusText status = sim->model(n).status();
      json named = json::object();  // the declared metrics at the latest point, by key
      json totals = json::object();  // ... now: a gauge's level, a counter's total since the start
      for (size_t k = 0; k < m.metric_count(); ++k)
        if (m.def(k).applies) {
          named[m.def(k).key] = m.series.empty() ? 0.0f : m.point_values(m.series.size() - 1)[k];
          if (m.def(k).kind != sim::MetricKind::Latency) totals[m.def(k).key] = m.values[k];
        }
      // The live state (ui/live_state.h) as the properties panel and the card show it, in both languages.
      json live = json::array();
      const std::vector<LiveRow> en = live_rows(*sim, n, false), ko = live_rows(*sim, n, true);
      for (size_t k = 0; k < en.size() && k < ko.size(); ++k)
        live.push_back({{"key", en[k].key}, {"v", en[k].v}, {"label", en[k].label}, {"value", en[k].value},
                        {"card", en[k].card}, {"label_ko", ko[k].label}, {"value_ko", ko[k].value}, {"card_ko", ko[k].card}});
      nodes.push_back({{"id", sim->info(n).id}, {"up", sim->node_up(n)}, {"arrivals_per_s", p.arrivals_per_s},
                       {"ok_per_s", p.completions_per_s}, {"errors_per_s", p.errors_per_s}, {"p99_ms", p.p99_ms},
                       {"queue", p.queue}, {"utilization", p.utilization}, {"metrics", named}, {"totals", totals}, {"live", live},
                       {"points", m.series.size()}, {"cost_usd", m.cost_usd},
                       {"status", status.en}, {"status_ko", status.ko}});
    }
    for (const auto& a : sim->topology().azs()) azs.push_back({{"id", a.id}, {"down", a.down}});
    const auto& L = sim->event_log();
    for (size_t i = L.size() > 200 ? L.size() - 200 : 0; i < L.size(); ++i)
      log.push_back({{"t_s", sim::to_seconds(L[i].time)}, {"kind", sim::log_kind_name(L[i].kind)},
                     {"node", L[i].node < sim->node_count() ? sim->info(sim::NodeId{L[i].node}).id : ""},
                     {"reason", L[i].reason}, {"instance", L[i].instance}, {"text", L[i].text_en}});
    s["logSize"] = L.size();
    s["logRows"] = log_rows_shown_;
    s["logQueryError"] = log_query_error_;
  }
  for (const auto& f : run_.faults())
    faults.push_back({{"t_s", sim::to_seconds(f.at)}, {"action", f.action}, {"target", f.target}, {"begin", f.begin}});
  s["nodes"] = nodes;
  s["azs"] = azs;
  s["log"] = log;
  s["faults"] = faults;
  json doc_faults = json::array();  // the document's fault timeline
  for (const auto& f : ed_.document().faults) {
    json e = {{"at_s", f.at_s}, {"action", f.action}, {"target", f.target}, {"value", f.value}};
    if (f.until_s) e["until_s"] = *f.until_s;
    doc_faults.push_back(e);
  }
  s["docFaults"] = doc_faults;
  s["rects"] = rects_;
  return s;
}

nlohmann::json RunView::command(const nlohmann::json& cmd) {
  const std::string op = cmd.value("op", std::string("state"));
  if (op == "play") run_.play();
  else if (op == "pause") run_.pause();
  else if (op == "toggle") run_.toggle();
  else if (op == "step") run_.step();
  else if (op == "reset") run_.reset();
  else if (op == "speed") run_.set_speed(cmd.value("value", 1.0)), run_.set_max_speed(false);
  else if (op == "max") run_.set_max_speed(cmd.value("on", true));
  else if (op == "seed") run_.set_seed(cmd.value("value", uint64_t(1)));
  else if (op == "seek") run_.seek(sim::from_seconds(cmd.value("t_s", 0.0)));
  else if (op == "tab") tab_request_ = cmd.value("value", 0), panel_open_ = true, panel_wanted_ = true;
  else if (op == "record") {
    if (cmd.value("on", true)) {
      start_recording();
      rec_max_s_ = std::clamp(cmd.value("maxS", kMaxClipS), 0.5, kMaxClipS);  // tests: a shorter limit
    }
    else stop_recording();
  } else if (op == "saveFaults") {
    return {{"saved", save_live_faults()}};
  } else if (op == "deleteFault") {
    return {{"ok", delete_timeline_fault(cmd.value("index", size_t(0)))}};
  }
  else if (op == "budget") {
    run_.budget().ms = cmd.value("ms", run_.budget().ms);
    run_.budget().events = cmd.value("events", run_.budget().events);
    if (cmd.contains("checkpointEvents") && cmd["checkpointEvents"].is_number())
      run_.set_checkpoint_every(cmd["checkpointEvents"].get<uint64_t>());
  } else if (op == "fault") {
    bool ok = run_.fault(cmd.value("action", std::string()), cmd.value("target", std::string()), cmd.value("value", 0.0),
                         cmd.value("begin", true));
    return {{"ok", ok}};
  } else if (op == "csv") {
    return metrics_csv();
  } else if (op == "story") {
    refresh_story();
    return story_debug();
  } else if (op == "storyJump") {
    return {{"ok", jump_to_story_line(cmd.value("index", size_t(0)))}};
  } else if (op != "state") {
    return {{"error", "unknown run command " + op}};
  }
  return debug_state();
}

}  // namespace cp::ui
