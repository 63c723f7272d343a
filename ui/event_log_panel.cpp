// RunView: the event log — scale-out, failover, throttling, instance died...
// Filters by category, text and the selected nodes, or by a query of typed fields
// ("reason=health_check instance=i-5", core/engine/event_query.h); clicking an entry
// selects its node and jumps the timeline to that moment. See run_view.h.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>

#include "core/engine/event_query.h"
#include "ui/i18n.h"
#include "ui/run_view.h"

namespace cp::ui {

namespace {
// The kind column in words ("log.kind." + sim::log_kind_name): the engine's names
// (instance_died) are for files and tests, not for people.
const StringEntry kLogKindStrings[] = {
    {"log.time", "Time", "시각"},
    {"log.kind", "Event", "이벤트"},
    {"log.kind.info", "Info", "정보"},
    {"log.kind.warning", "Warning", "경고"},
    {"log.kind.node_down", "Node failed", "노드 장애"},
    {"log.kind.node_up", "Node recovered", "노드 복구"},
    {"log.kind.az_down", "AZ failed", "가용 영역 장애"},
    {"log.kind.az_up", "AZ recovered", "가용 영역 복구"},
    {"log.kind.region_down", "Region failed", "리전 장애"},
    {"log.kind.region_up", "Region recovered", "리전 복구"},
    {"log.kind.instance_launched", "Instance launched", "인스턴스 시작"},
    {"log.kind.instance_died", "Instance died", "인스턴스 장애"},
    {"log.kind.instance_terminated", "Instance terminated", "인스턴스 종료"},
    {"log.kind.health_changed", "Health changed", "상태 변경"},
    {"log.kind.scale_out", "Scale-out", "스케일 아웃"},
    {"log.kind.scale_in", "Scale-in", "스케일 인"},
    {"log.kind.failover", "Failover", "장애 조치"},
    {"log.kind.throttling_began", "Throttling began", "스로틀링 시작"},
    {"log.kind.throttling_ended", "Throttling ended", "스로틀링 종료"},
    {"log.kind.queue_full", "Queue full", "대기열 가득 참"},
    {"log.kind.message_to_dlq", "Sent to DLQ", "DLQ로 보냄"},
    {"log.kind.latency_injected", "Latency added", "지연 시간 추가"},
    {"log.kind.fault", "Fault", "장애"},
    {"log.fields_tip", "Its fields, as a query: type them in the filter to find events like it",
     "이 이벤트의 필드를 질의로 적은 것입니다. 필터에 입력하면 비슷한 이벤트를 찾습니다"},
    {"log.query_error", "Query: %s", "질의: %s"},
};

const char* kind_label(sim::LogKind k) { return tr(std::string("log.kind.") + sim::log_kind_name(k)); }

// 0 faults, 1 health, 2 scaling, 3 throttling, 4 other
int category(sim::LogKind k) {
  using K = sim::LogKind;
  switch (k) {
    case K::NodeDown: case K::NodeUp: case K::AzDown: case K::AzUp: case K::RegionDown: case K::RegionUp:
    case K::LatencyInjected: case K::Fault: return 0;
    case K::InstanceLaunched: case K::InstanceDied: case K::InstanceTerminated: case K::HealthChanged:
    case K::Failover: return 1;
    case K::ScaleOut: case K::ScaleIn: return 2;
    case K::ThrottlingBegan: case K::ThrottlingEnded: case K::QueueFull: case K::MessageToDlq: return 3;
    default: return 4;
  }
}
ImVec4 kind_color(int cat, sim::LogKind k) {
  using K = sim::LogKind;
  if (k == K::NodeUp || k == K::AzUp || k == K::RegionUp) return ImVec4(0.11f, 0.51f, 0.01f, 1);
  switch (cat) {
    case 0: return ImVec4(0.82f, 0.20f, 0.07f, 1);
    case 1: return ImVec4(0.55f, 0.25f, 0.78f, 1);
    case 2: return ImVec4(0.04f, 0.45f, 0.83f, 1);
    case 3: return ImVec4(0.75f, 0.42f, 0.0f, 1);
    default: return ImVec4(0.37f, 0.42f, 0.48f, 1);
  }
}
bool contains_ci(const std::string& text, const char* needle) {
  if (!*needle) return true;
  auto it = std::search(text.begin(), text.end(), needle, needle + std::strlen(needle),
                        [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b)); });
  return it != text.end();
}
}  // namespace

void RunView::draw_event_log() {
  static bool strings_added = false;
  if (!strings_added) add_strings(kLogKindStrings, sizeof kLogKindStrings / sizeof kLogKindStrings[0]), strings_added = true;
  const sim::Simulation* s = run_.sim();
  if (!s) return;
  const bool ko = korean();
  const float fs = ImGui::GetFontSize();
  ImGui::SetNextItemWidth(fs * (std::strchr(log_filter_, '=') ? 18 : 10));
  ImGui::InputTextWithHint("##log_filter", tr("run.l_filter"), log_filter_, sizeof log_filter_);
  put_rect("logFilter");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("run.l_filter_tip"));
  const char* cats[] = {"run.l_faults", "run.l_health", "run.l_scaling", "run.l_throttling", "run.l_other"};
  for (int c = 0; c < 5; ++c) {
    ImGui::SameLine();
    ImGui::Checkbox((std::string(tr(cats[c])) + "###logcat" + std::to_string(c)).c_str(), &log_show_[c]);
  }
  ImGui::SameLine();
  ImGui::Checkbox((std::string(tr("run.l_selected")) + "###log_sel").c_str(), &log_selected_only_);
  ImGui::SameLine();
  ImGui::Checkbox((std::string(tr("run.l_follow")) + "###log_follow").c_str(), &log_follow_);

  const auto& log = s->event_log();
  log_rows_shown_ = 0;
  log_query_error_.clear();
  if (log.empty()) {
    ImGui::TextDisabled("%s", tr("run.l_empty"));
    return;
  }
  const engine::Built& b = run_.built();
  const Selection& sel = ed_.selection();
  // With a '=' the filter is a query of typed fields; a wrong word is said under the filter.
  // Parsed once per filter text and run (it names nodes of the built run), not every frame.
  if (log_query_src_ != log_filter_ || log_query_gen_ != run_.generation()) {
    log_query_src_ = log_filter_;
    log_query_gen_ = run_.generation();
    log_query_.reset();
    if (std::strchr(log_filter_, '=')) log_query_ = engine::parse_event_query(log_filter_, b);
  }
  const engine::EventQuery* query = log_query_ && log_query_->ok() ? &*log_query_ : nullptr;
  if (log_query_ && !log_query_->ok()) {
    log_query_error_ = ko ? log_query_->error_ko : log_query_->error_en;
    ImGui::TextColored(ImVec4(0.70f, 0.13f, 0.05f, 1), "%s", trf("log.query_error", log_query_error_.c_str()).c_str());
  }
  std::vector<int> rows;
  rows.reserve(log.size());
  for (size_t i = 0; i < log.size(); ++i) {
    const auto& e = log[i];
    if (!log_show_[category(e.kind)]) continue;
    const std::string* node_id = e.node < b.node_ids.size() ? &b.node_ids[e.node] : nullptr;
    if (log_selected_only_ && (!node_id || !sel.nodes.count(*node_id))) continue;
    if (query) {
      if (!query->filter.matches(e)) continue;
    } else if (!std::strchr(log_filter_, '=')) {
      const std::string& text = ko && !e.text_ko.empty() ? e.text_ko : e.text_en;
      if (!contains_ci(text, log_filter_) && !(node_id && contains_ci(*node_id, log_filter_)) &&
          !contains_ci(kind_label(e.kind), log_filter_) && !contains_ci(e.reason, log_filter_))
        continue;
    }
    rows.push_back(static_cast<int>(i));
  }
  log_rows_shown_ = rows.size();
  const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("##log", 4, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(tr("log.time"), ImGuiTableColumnFlags_WidthFixed, fs * 4.5f);
  ImGui::TableSetupColumn(tr("run.c_node"), ImGuiTableColumnFlags_WidthFixed, fs * 9);
  ImGui::TableSetupColumn(tr("log.kind"), ImGuiTableColumnFlags_WidthFixed, fs * 9.5f);
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableHeadersRow();
  ImGuiListClipper clip;
  clip.Begin(static_cast<int>(rows.size()));
  char tbuf[32];
  while (clip.Step()) {
    for (int r = clip.DisplayStart; r < clip.DisplayEnd; ++r) {
      const auto& e = log[rows[r]];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      const double t = sim::to_seconds(e.time);
      std::snprintf(tbuf, sizeof tbuf, "%d:%04.1f", static_cast<int>(t) / 60, t - 60 * (static_cast<int>(t) / 60));
      const bool selected = selected_event_t_ == t;
      std::string id = std::string(tbuf) + "##ev" + std::to_string(rows[r]);
      if (ImGui::Selectable(id.c_str(), selected, ImGuiSelectableFlags_SpanAllColumns)) {
        selected_event_t_ = t;
        if (e.node < b.node_ids.size()) ed_.select_node(b.node_ids[e.node]);
        log_follow_ = false;
        run_.pause();
        run_.seek(e.time);
      }
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("run.l_tip"));
      ImGui::TableNextColumn();
      if (e.node < b.node_ids.size()) {
        const auto& info = s->info(sim::NodeId{e.node});
        ImGui::TextUnformatted(info.name.empty() ? info.id.c_str() : info.name.c_str());
      } else {
        ImGui::TextDisabled("%s", tr("run.l_system"));
      }
      ImGui::TableNextColumn();
      int cat = category(e.kind);
      ImGui::TextColored(kind_color(cat, e.kind), "%s", kind_label(e.kind));
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(ko && !e.text_ko.empty() ? e.text_ko.c_str() : e.text_en.c_str());
      if (ImGui::IsItemHovered()) {
        const std::string fields = engine::event_fields_text(b, e);
        if (!fields.empty()) ImGui::SetTooltip("%s\n%s", fields.c_str(), tr("log.fields_tip"));
      }
    }
  }
  if (log_follow_ && rows.size() != log_seen_) ImGui::SetScrollHereY(1.0f);
  log_seen_ = rows.size();
  ImGui::EndTable();
}

}  // namespace cp::ui
