// RunView: the cost panel — cost per hour now and projected per month (730 h),
// by service and by node, from the simulated usage. See run_view.h.
#include <algorithm>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "core/catalog/catalog.h"
#include "ui/i18n.h"
#include "ui/run_view.h"

namespace cp::ui {

void RunView::draw_cost() {
  const sim::Simulation* s = run_.sim();
  if (!s) return;
  const bool ko = korean();
  constexpr double kHoursPerMonth = 730;
  struct Row { std::string name; double per_hour = 0, spent = 0; };
  std::vector<Row> nodes;
  std::map<std::string, Row> services;
  double total_hour = 0, total_spent = 0;
  for (size_t i = 0; i < s->node_count(); ++i) {
    sim::NodeId n{static_cast<uint32_t>(i)};
    const auto& m = s->metrics(n);
    const auto& info = s->info(n);
    // The current rate: the mean of the last 10 points (a smoother number than one second).
    double rate = 0;
    const size_t k = std::min<size_t>(10, m.series.size());
    for (size_t j = m.series.size() - k; j < m.series.size(); ++j) rate += m.series[j].cost_per_hour;
    if (k) rate /= static_cast<double>(k);
    Row r{info.name.empty() ? info.id : info.name, rate, m.cost_usd};
    nodes.push_back(r);
    const catalog::ServiceDescriptor* d = catalog::find_service(info.type);
    std::string svc = d ? d->name.get(ko) : info.type;
    Row& sr = services[svc];
    sr.name = svc;
    sr.per_hour += rate;
    sr.spent += m.cost_usd;
    total_hour += rate;
    total_spent += m.cost_usd;
  }
  char dur[32];
  const double t = sim::to_seconds(run_.now());
  std::snprintf(dur, sizeof dur, "%d:%02d", static_cast<int>(t) / 60, static_cast<int>(t) % 60);
  ImGui::Text("%s", trf("run.c_now", total_hour, total_hour * kHoursPerMonth).c_str());
  ImGui::TextDisabled("%s", trf("run.c_total", total_spent, dur).c_str());

  auto table = [&](const char* id, const char* first, std::vector<Row> rows, float w) {
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.per_hour > b.per_hour; });
    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                  ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable(id, 4, flags, ImVec2(w, ImGui::GetContentRegionAvail().y))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(first, 0, 2.0f);
    ImGui::TableSetupColumn(tr("run.c_hour"), 0, 1.0f);
    ImGui::TableSetupColumn(tr("run.c_month"), 0, 1.0f);
    ImGui::TableSetupColumn(tr("run.c_spent"), 0, 1.0f);
    ImGui::TableHeadersRow();
    for (const Row& r : rows) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r.name.c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%.4f", r.per_hour);
      ImGui::TableNextColumn();
      ImGui::Text("%.2f", r.per_hour * kHoursPerMonth);
      ImGui::TableNextColumn();
      ImGui::Text("%.4f", r.spent);
    }
    ImGui::EndTable();
  };
  const float w = (ImGui::GetContentRegionAvail().x - 8) / 2;
  std::vector<Row> svc_rows;
  for (auto& [k, r] : services) svc_rows.push_back(r);
  ImGui::BeginGroup();
  ImGui::TextUnformatted(tr("run.c_by_service"));
  table("##cost_svc", tr("run.c_service"), svc_rows, w);
  ImGui::EndGroup();
  ImGui::SameLine(0, 8);
  ImGui::BeginGroup();
  ImGui::TextUnformatted(tr("run.c_by_node"));
  table("##cost_node", tr("run.c_node"), nodes, w);
  ImGui::EndGroup();
}

}  // namespace cp::ui
