// RunView: the fault timeline tab — the faults injected live in this run, a button
// that saves them into the document's fault timeline (one undo step, so a teacher
// can replay the same demo), and the document's scheduled faults with a delete
// button each. See run_view.h.
#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>

#include "core/catalog/catalog.h"
#include "ui/i18n.h"
#include "ui/run_view.h"

namespace cp::ui {

namespace {

std::string clock_text(double s) {
  char buf[32];
  const int t = static_cast<int>(s);
  if (t >= 3600) std::snprintf(buf, sizeof buf, "%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60);
  else if (s == t) std::snprintf(buf, sizeof buf, "%d:%02d", t / 60, t % 60);
  else std::snprintf(buf, sizeof buf, "%d:%04.1f", t / 60, s - t / 60 * 60);
  return buf;
}

// The node action a fault names (a read replica's "promote"), or nullptr for the kernel's faults.
const catalog::ServiceDescriptor::NodeAction* node_action(const doc::Document& d, const doc::FaultDoc& f) {
  const doc::NodeDoc* n = d.find_node(f.target);
  const catalog::ServiceDescriptor* svc = n ? catalog::find_service(n->type) : nullptr;
  const int i = svc ? catalog::node_action_index(*svc, f.action) : -1;
  return i >= 0 ? &svc->actions[static_cast<size_t>(i)] : nullptr;
}

std::string what_text(const doc::Document& d, const doc::FaultDoc& f) {
  if (f.action == "add_latency") return trf("run.a_add_latency", f.value);
  if (f.action == "fail_parts") {
    const doc::NodeDoc* n = d.find_node(f.target);
    const catalog::ServiceDescriptor* svc = n ? catalog::find_service(n->type) : nullptr;
    const std::string parts = svc ? svc->failable_parts.name.get(korean()) : "";
    return trf("run.a_fail_parts", parts.c_str(), f.value);
  }
  if (f.action == "error_rate") return trf("run.a_error_rate", f.value * 100);
  // A node action its service declares (a read replica's "promote"): the menu's words.
  if (const auto* a = node_action(d, f)) return a->name.get(korean());
  const std::string key = "run.a_" + f.action;
  return tr(key);
}

// A node's name, a wire as "from → to", or the AZ ID / Region code itself.
std::string target_text(const doc::Document& d, const doc::FaultDoc& f) {
  if (f.action == "kill_node" || f.action == "fail_parts" || node_action(d, f)) {
    if (const doc::NodeDoc* n = d.find_node(f.target)) return n->name.empty() ? n->id : n->name;
  } else if (f.action == "add_latency" || f.action == "error_rate") {
    for (const auto& c : d.connections)
      if (c.id == f.target) {
        auto name = [&](const std::string& id) {
          const doc::NodeDoc* n = d.find_node(id);
          return n && !n->name.empty() ? n->name : id;
        };
        return name(c.from) + " → " + name(c.to);
      }
  }
  return f.target;
}

}  // namespace

int RunView::save_live_faults() {
  const doc::RunSettings rs = run_.run_settings();
  if (rs.faults.empty()) return 0;
  doc::Document& d = ed_.mutable_document();
  for (const doc::FaultDoc& f : rs.faults) {
    doc::FaultDoc g = f;
    // The document's limits: a fault happens within the run (docs/document-format.md, faults).
    g.at_s = std::clamp(g.at_s, 0.0, d.settings.duration_s);
    if (g.until_s) g.until_s = std::clamp(*g.until_s, g.at_s, d.settings.duration_s);
    d.faults.push_back(g);
  }
  std::stable_sort(d.faults.begin(), d.faults.end(),
                   [](const doc::FaultDoc& a, const doc::FaultDoc& b) { return a.at_s < b.at_s; });
  // They are the document's now: forget them as live faults, or the next run would apply them twice.
  run_.clear_faults();
  ed_.commit(tr("run.t_undo_save"));
  const int n = static_cast<int>(rs.faults.size());
  ed_.notify(trf("run.t_saved", n));
  return n;
}

bool RunView::delete_timeline_fault(size_t index) {
  doc::Document& d = ed_.mutable_document();
  if (index >= d.faults.size()) return false;
  d.faults.erase(d.faults.begin() + static_cast<std::ptrdiff_t>(index));
  ed_.commit(tr("run.t_undo_delete"));
  return true;
}

void RunView::draw_fault_timeline() {
  const doc::Document& d = ed_.document();
  const float fs = ImGui::GetFontSize();
  const ImVec4 muted(0.37f, 0.42f, 0.48f, 1);

  // ---- live faults of this run ----
  ImGui::TextUnformatted(tr("run.t_live"));
  const doc::RunSettings rs = run_.run_settings();
  ImGui::SameLine(0, fs);
  if (rs.faults.empty()) ImGui::BeginDisabled();
  if (ImGui::SmallButton((std::string(tr("run.t_save")) + "###save_faults").c_str())) save_live_faults();
  put_rect("save_faults");
  if (rs.faults.empty()) ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(fs * 26);
    ImGui::TextUnformatted(tr("run.t_save_tip"));
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
  if (rs.faults.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, muted);
    ImGui::TextWrapped("%s", tr("run.t_live_none"));
    ImGui::PopStyleColor();
  } else {
    for (const doc::FaultDoc& f : rs.faults) {
      std::string line = clock_text(f.at_s) + "   " + what_text(d, f) + "   " + target_text(d, f);
      if (f.until_s) line += "   → " + clock_text(*f.until_s);
      ImGui::BulletText("%s", line.c_str());
    }
  }
  ImGui::Spacing();
  ImGui::Separator();

  // ---- the document's timeline ----
  ImGui::TextUnformatted(tr("run.t_doc"));
  if (d.faults.empty()) {
    ImGui::TextColored(muted, "%s", tr("run.t_doc_none"));
    return;
  }
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("##doc_faults", 5, flags)) return;
  ImGui::TableSetupColumn(tr("run.t_at"), ImGuiTableColumnFlags_WidthFixed, fs * 4);
  ImGui::TableSetupColumn(tr("run.t_what"), ImGuiTableColumnFlags_WidthStretch, 2);
  ImGui::TableSetupColumn(tr("run.t_target"), ImGuiTableColumnFlags_WidthStretch, 2);
  ImGui::TableSetupColumn(tr("run.t_until"), ImGuiTableColumnFlags_WidthFixed, fs * 5);
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, fs * 1.6f);
  ImGui::TableHeadersRow();
  std::optional<size_t> remove;
  for (size_t i = 0; i < d.faults.size(); ++i) {
    const doc::FaultDoc& f = d.faults[i];
    ImGui::PushID(static_cast<int>(i));
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(clock_text(f.at_s).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(what_text(d, f).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(target_text(d, f).c_str());
    ImGui::TableNextColumn();
    if (f.until_s) ImGui::TextUnformatted(clock_text(*f.until_s).c_str());
    else ImGui::TextColored(muted, "%s", tr("run.t_forever"));
    ImGui::TableNextColumn();
    if (ImGui::SmallButton("×")) remove = i;
    put_rect(("fault_del_" + std::to_string(i)).c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("run.t_delete_tip"));
    ImGui::PopID();
  }
  ImGui::EndTable();
  if (remove) delete_timeline_fault(*remove);
}

}  // namespace cp::ui
