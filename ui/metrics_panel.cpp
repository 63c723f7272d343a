// RunView: the metrics panel — time-series plots of the selected nodes
// (several overlaid): throughput, latency p50/p95/p99, errors by reason, queue,
// cost rate, then one plot per metric their services declare (catalog::MetricSpec:
// instances, CPU credits, hit ratio...), with its label and unit in the user's
// language. See run_view.h, ui/plot.h.
#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "core/catalog/catalog.h"
#include "ui/i18n.h"
#include "ui/plot.h"
#include "ui/run_view.h"
#include "ui/text_fit.h"

namespace cp::ui {

namespace {
const ImU32 kPalette[] = {IM_COL32(0x09, 0x72, 0xD3, 255), IM_COL32(0xE0, 0x7B, 0x00, 255),
                          IM_COL32(0x1D, 0x81, 0x02, 255), IM_COL32(0x8A, 0x3F, 0xC7, 255),
                          IM_COL32(0xD1, 0x32, 0x12, 255), IM_COL32(0x00, 0x8C, 0x8C, 255)};
// A node's colour in the plots and on its card: by its place in the document, so it
// keeps its colour for the whole run whatever the others do.
const ImU32 kNodePalette[] = {IM_COL32(0x09, 0x72, 0xD3, 255), IM_COL32(0xE0, 0x7B, 0x00, 255),
                              IM_COL32(0x1D, 0x81, 0x02, 255), IM_COL32(0x8A, 0x3F, 0xC7, 255),
                              IM_COL32(0xC2, 0x18, 0x5B, 255), IM_COL32(0x00, 0x8C, 0x8C, 255),
                              IM_COL32(0x6D, 0x4C, 0x41, 255), IM_COL32(0x5C, 0x6B, 0xC0, 255)};
constexpr int kMaxPlotted = 6;
constexpr float kLegendChars = 22;  // a legend name longer than this many average characters is cut with "…"
}  // namespace

ImU32 RunView::node_color(const std::string& id) const {
  const auto& nodes = ed_.document().nodes;
  for (size_t i = 0; i < nodes.size(); ++i)
    if (nodes[i].id == id) return kNodePalette[i % (sizeof kNodePalette / sizeof kNodePalette[0])];
  return kNodePalette[0];
}

// The selected nodes, or (nothing selected) the busiest ones, at most kMaxPlotted; in
// document order, so a line does not change place when the load order does.
std::vector<std::string> RunView::plotted_nodes() const {
  std::vector<std::string> out;
  const sim::Simulation* s = run_.sim();
  const engine::Built& b = run_.built();
  if (!s) return out;
  for (const auto& id : ed_.selection().nodes)
    if (b.node(id).valid() && out.size() < kMaxPlotted) out.push_back(id);
  if (!out.empty()) return out;
  std::vector<std::pair<float, std::string>> busy;
  for (size_t i = 0; i < s->node_count() && i < b.node_ids.size(); ++i) {
    const auto& m = s->metrics(sim::NodeId{static_cast<uint32_t>(i)});
    busy.emplace_back(m.series.empty() ? 0.0f : -m.series.back().arrivals_per_s, b.node_ids[i]);
  }
  std::stable_sort(busy.begin(), busy.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  std::set<std::string> top;
  for (size_t i = 0; i < busy.size() && i < 3; ++i) top.insert(busy[i].second);
  for (const auto& n : ed_.document().nodes)
    if (top.count(n.id)) out.push_back(n.id);
  return out;
}

void RunView::draw_metrics() {
  const sim::Simulation* s = run_.sim();
  if (!s || s->series_points() == 0) {
    ImGui::TextDisabled("%s", tr("run.m_no_data"));
    return;
  }
  const engine::Built& b = run_.built();
  const std::vector<std::string> ids = plotted_nodes();
  std::vector<const std::vector<sim::SeriesPoint>*> series;
  std::vector<std::string> labels;
  std::vector<ImU32> colors;
  for (const auto& id : ids) {
    sim::NodeId n = b.node(id);
    series.push_back(&s->metrics(n).series);
    labels.push_back(s->info(n).name.empty() ? id : s->info(n).name);
    colors.push_back(node_color(id));
  }
  const bool one = ids.size() == 1;
  // One legend for all six plots (they show the same nodes): the colour each node keeps
  // for the run, and its name, cut with "…" only past a readable length (hover: whole).
  {
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", tr("run.m_legend"));
    ImFont* font = ImGui::GetFont();
    const float fs = ImGui::GetFontSize();
    const float max_w = fs * 0.55f * kLegendChars;
    legend_rects_ = nlohmann::json::array();
    for (size_t k = 0; k < ids.size(); ++k) {
      ImGui::SameLine(0, fs * 0.8f);
      const ImVec2 p = ImGui::GetCursorScreenPos();
      const std::string shown = ellipsize(font, fs, labels[k], max_w);
      const float w = fs * 0.9f + text_width(font, fs, shown);
      ImGui::InvisibleButton(("##legend" + std::to_string(k)).c_str(), ImVec2(w, ImGui::GetFrameHeight()));
      ImDrawList* dl = ImGui::GetWindowDrawList();
      const float cy = p.y + ImGui::GetFrameHeight() / 2;
      dl->AddRectFilled(ImVec2(p.x, cy - fs * 0.3f), ImVec2(p.x + fs * 0.6f, cy + fs * 0.3f), colors[k], 2);
      dl->AddText(ImVec2(p.x + fs * 0.9f, cy - fs / 2), ImGui::GetColorU32(ImGuiCol_Text), shown.c_str());
      if (shown != labels[k] && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", labels[k].c_str());
      legend_rects_.push_back({{"id", ids[k]}, {"text", shown}, {"full", labels[k]},
                               {"color", static_cast<uint32_t>(colors[k])}});
    }
  }
  const float t_end = static_cast<float>(sim::to_seconds(run_.now()));
  PlotOptions opt;
  opt.legend = one;  // several nodes: the shared legend above says which line is which
  opt.x_min = 0;
  opt.x_max = std::max(1.0f, t_end);
  if (selected_event_t_ >= 0) opt.cursor_x = static_cast<float>(selected_event_t_);

  const int cols = 3;
  const float gap = 6;
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const ImVec2 size((avail.x - gap * (cols - 1)) / cols, std::max(80.0f, (avail.y - gap) / 2));
  std::vector<PlotSeries> ps;
  const int stride = sizeof(sim::SeriesPoint);
  auto field = [&](size_t k, const float sim::SeriesPoint::*f, const char* label, ImU32 col) {
    const auto& v = *series[k];
    PlotSeries p;
    p.label = label;
    p.color = col;
    p.count = static_cast<int>(v.size());
    p.stride = stride;
    if (!v.empty()) p.xs = &v[0].t_s, p.ys = &(v[0].*f);
    ps.push_back(p);
  };
  auto cell = [&](int i) {
    if (i % cols) ImGui::SameLine(0, gap);
  };
  std::vector<std::string> outcome_labels;  // kept alive while plotting
  int i = 0;
  // Throughput: ok/s per node (one node: arrivals and ok).
  ps.clear();
  if (one) {
    field(0, &sim::SeriesPoint::arrivals_per_s, tr("run.s_arrivals"), kPalette[0]);
    field(0, &sim::SeriesPoint::completions_per_s, tr("run.s_ok"), kPalette[2]);
  } else {
    for (size_t k = 0; k < series.size(); ++k) field(k, &sim::SeriesPoint::completions_per_s, labels[k].c_str(), colors[k]);
  }
  cell(i++);
  plot("##m_tp", tr("run.m_throughput"), "req/s", size, ps.data(), static_cast<int>(ps.size()), opt);
  // Latency.
  ps.clear();
  if (one) {
    field(0, &sim::SeriesPoint::p50_ms, "p50", kPalette[2]);
    field(0, &sim::SeriesPoint::p95_ms, "p95", kPalette[1]);
    field(0, &sim::SeriesPoint::p99_ms, "p99", kPalette[4]);
  } else {
    for (size_t k = 0; k < series.size(); ++k) field(k, &sim::SeriesPoint::p99_ms, labels[k].c_str(), colors[k]);
  }
  cell(i++);
  plot("##m_lat", (std::string(tr("run.m_latency")) + (one ? "" : " p99")).c_str(), "ms", size, ps.data(),
       static_cast<int>(ps.size()), opt);
  // Errors (one node: by reason).
  ps.clear();
  if (one) {
    const auto& v = *series[0];
    for (int o = 1; o < sim::kOutcomeCount; ++o) {
      bool any = false;
      for (const auto& p : v) any = any || p.outcomes_per_s[o] > 0;
      if (!any) continue;
      PlotSeries p;
      outcome_labels.push_back(std::string("run.o_") + sim::outcome_name(static_cast<sim::Outcome>(o)));
      p.label = tr(outcome_labels.back().c_str());
      p.color = kPalette[(o + 3) % 6];
      p.count = static_cast<int>(v.size());
      p.stride = stride;
      p.xs = &v[0].t_s;
      p.ys = &v[0].outcomes_per_s[o];
      ps.push_back(p);
    }
    if (ps.empty()) field(0, &sim::SeriesPoint::errors_per_s, tr("run.s_errors"), kPalette[4]);
  } else {
    for (size_t k = 0; k < series.size(); ++k) field(k, &sim::SeriesPoint::errors_per_s, labels[k].c_str(), colors[k]);
  }
  cell(i++);
  plot("##m_err", tr("run.m_errors"), "/s", size, ps.data(), static_cast<int>(ps.size()), opt);
  // Queue.
  ps.clear();
  for (size_t k = 0; k < series.size(); ++k) field(k, &sim::SeriesPoint::queue, labels[k].c_str(), colors[k]);
  cell(i++);
  plot("##m_q", tr("run.m_queue"), "", size, ps.data(), static_cast<int>(ps.size()), opt);
  // Cost rate.
  ps.clear();
  for (size_t k = 0; k < series.size(); ++k) field(k, &sim::SeriesPoint::cost_per_hour, labels[k].c_str(), colors[k]);
  cell(i++);
  plot("##m_cost", tr("run.m_cost"), "$/h", size, ps.data(), static_cast<int>(ps.size()), opt);

  // The services' own metrics: one plot per key the plotted nodes measure, in the order
  // their descriptors list them; a Ready gauge is drawn in its service's Total plot
  // (one node: "instances" and "healthy instances" together).
  struct Line { size_t node; int metric; const catalog::MetricSpec* spec; };
  struct MetricPlot { std::string key; const catalog::MetricSpec* spec; std::vector<Line> lines; };
  std::vector<MetricPlot> plots;
  for (size_t k = 0; k < ids.size(); ++k) {
    const sim::NodeMetrics& m = s->metrics(b.node(ids[k]));
    const catalog::ServiceDescriptor* svc = catalog::find_service(s->info(b.node(ids[k])).type);
    if (!svc) continue;
    bool has_total = false;
    for (const auto& spec : svc->metrics) has_total = has_total || spec.card == catalog::MetricCard::Total;
    for (const auto& spec : svc->metrics) {
      const int idx = m.find_metric(spec.key());
      if (idx < 0 || !m.def(static_cast<size_t>(idx)).applies) continue;
      const catalog::MetricSpec* home = &spec;  // the plot it goes in
      if (spec.card == catalog::MetricCard::Ready && has_total) {
        if (!one) continue;  // several nodes: their totals only, as the other plots show one line per node
        for (const auto& t : svc->metrics)
          if (t.card == catalog::MetricCard::Total) home = &t;
      }
      auto it = std::find_if(plots.begin(), plots.end(), [&](const MetricPlot& mp) { return mp.key == home->key(); });
      if (it == plots.end()) it = plots.insert(plots.end(), MetricPlot{home->key(), home, {}});
      it->lines.push_back({k, idx, &spec});
    }
  }
  std::vector<std::string> units;  // kept alive while plotting
  units.reserve(plots.size());
  for (const MetricPlot& mp : plots) {
    ps.clear();
    for (size_t l = 0; l < mp.lines.size(); ++l) {
      const Line& line = mp.lines[l];
      const sim::NodeMetrics& m = s->metrics(b.node(ids[line.node]));
      PlotSeries p;
      p.label = one ? pick(line.spec->label.en, line.spec->label.ko) : labels[line.node].c_str();
      p.color = one ? kPalette[(l * 2) % 6] : colors[line.node];
      p.count = static_cast<int>(m.series.size());
      p.stride = stride;
      p.y_stride = static_cast<int>(m.metric_count() * sizeof(float));
      if (!m.series.empty()) p.xs = &m.series[0].t_s, p.ys = m.point_values(0) + line.metric;
      ps.push_back(p);
    }
    const catalog::MetricSpec& spec = *mp.spec;
    std::string unit = spec.def.kind == sim::MetricKind::Latency ? std::string("ms p99") : pick(spec.unit.en, spec.unit.ko);
    if (spec.def.kind == sim::MetricKind::Counter) unit += pick("/s", "/초");
    units.push_back(unit);
    cell(i++);
    plot(("##m_" + mp.key).c_str(), pick(spec.label.en, spec.label.ko), units.back().c_str(), size, ps.data(),
         static_cast<int>(ps.size()), opt);
  }
}

}  // namespace cp::ui
