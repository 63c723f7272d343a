// CompareView: see compare_view.h.
#include "ui/compare_view.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/catalog/catalog.h"
#include "core/catalog/validate.h"
#include "core/doc/goals.h"
#include "core/doc/messages.h"
#include "ui/i18n.h"
#include "ui/plot.h"
#include "ui/text_fit.h"

namespace cp::ui {
namespace {

const StringEntry kCompareStrings[] = {
    {"cmp.window", "Side by side", "나란히 비교"},
    {"cmp.same", "Seed %d · %s simulated · %d runs in %.0f ms", "시드 %d · 시뮬레이션 %s · 실행 %d번, %.0f밀리초"},
    {"cmp.cursor_hint", "Hover a plot to move the time cursor over every plot; click to pin it there.",
     "그래프 위에 마우스를 올리면 모든 그래프의 시간 커서가 함께 움직이고, 클릭하면 그 자리에 고정됩니다."},
    {"cmp.pinned", "Cursor pinned at %s (click the same plot again to unpin).", "커서를 %s에 고정했습니다(그래프를 다시 클릭하면 해제됩니다)."},
    {"cmp.metric", "Metric", "지표"},
    {"cmp.over_run", "%s (whole run)", "%s(전체 실행)"},
    {"cmp.total", "%s (total)", "%s(합계)"},
    {"cmp.highest", "%s (highest)", "%s(최고)"},
    {"cmp.lowest", "%s (lowest)", "%s(최저)"},
    {"cmp.mean", "%s (mean)", "%s(평균)"},
    {"cmp.last", "%s (at the end)", "%s(끝 값)"},
    {"cmp.difference", "Difference", "차이"},
    {"cmp.at", "at %s", "%s 시점"},
    {"cmp.not_built", "Variant %s could not be run: %s", "%s 변형을 실행할 수 없습니다: %s"},
    {"cmp.open_variant", "Open \"%s\" in the editor", "\"%s\" 설계를 편집기에서 열기"},
    {"cmp.close", "Close", "닫기"},
    {"cmp.no_data", "no data", "데이터 없음"},
    {"cmp.same_value", "same", "같음"},
    {"cmp.copy_menu", "Compare with a copy where…", "한 가지만 바꾼 사본과 비교…"},
    {"cmp.copy_title", "Compare with a copy", "사본과 비교"},
    {"cmp.copy_help", "The copy runs with the same traffic, seed and faults; only the param you pick differs.",
     "사본은 같은 트래픽, 시드, 장애로 실행되며 고른 파라미터 하나만 다릅니다."},
    {"cmp.copy_node", "Service", "서비스"},
    {"cmp.copy_param", "Parameter", "파라미터"},
    {"cmp.copy_value", "New value", "새 값"},
    {"cmp.copy_now", "Now: %s", "지금 값: %s"},
    {"cmp.copy_run", "Run side by side", "나란히 실행"},
    {"cmp.copy_none", "This design has no service with a parameter to change.", "이 설계에는 바꿀 파라미터가 있는 서비스가 없습니다."},
    {"cmp.as_is", "As it is", "지금 설계"},
    {"cmp.copy_same", "The copy would be the same design: pick another value.", "사본이 지금 설계와 같습니다. 다른 값을 고르세요."},
    {"cmp.copy_bad_number", "Type a number.", "숫자를 입력하세요."},
    {"cmp.copy_label", "%s: %s = %s", "%s의 %s = %s"},
};
const bool kAdded = (add_strings(kCompareStrings, std::size(kCompareStrings)), true);

const std::string& pick_label(const CompareView::Label& l, bool ko) { return ko && !l.ko.empty() ? l.ko : l.en; }

std::string fixed(double v, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

// "+12.5 ms (+31%)": the change from `a` to `b`, in the metric's unit.
std::string difference_text(const doc::Document& d, const engine::SeriesSpec& s, double a, double b, bool ko) {
  const double diff = b - a;
  if (std::fabs(diff) < 1e-9) return tr("cmp.same_value");
  std::string t = (diff > 0 ? "+" : "-") + engine::series_value_text(d, s, std::fabs(diff), true, ko);
  if (std::fabs(a) > 1e-9) {
    const double pct = diff / std::fabs(a) * 100;
    if (std::fabs(pct) < 1000) t += " (" + std::string(pct > 0 ? "+" : "-") + fixed(std::fabs(pct), 0) + "%)";
    else t += " (×" + fixed(b / a, 1) + ")";
  }
  return t;
}

// How a row's value sums up the run: a count's total, a gauge's statistic (as a goal on it
// measures it), else the whole run's value (p99, error rate, cost).
const char* row_key(const doc::Document& d, const engine::SeriesSpec& s) {
  if (engine::cumulative(d, s)) return "cmp.total";
  const doc::NodeDoc* n = d.find_node(s.node);
  const catalog::ServiceDescriptor* svc = n ? catalog::find_service(n->type) : nullptr;
  const catalog::MetricSpec* m = svc && !doc::find_goal_metric(s.metric) ? catalog::find_metric(*svc, s.metric) : nullptr;
  if (m && m->def.kind == sim::MetricKind::Gauge) switch (m->def.stat) {
      case sim::MetricStat::Max: return "cmp.highest";
      case sim::MetricStat::Min: return "cmp.lowest";
      case sim::MetricStat::Mean: return "cmp.mean";
      case sim::MetricStat::Last: return "cmp.last";
    }
  return "cmp.over_run";
}

}  // namespace

void CompareView::open(Request r) {
  (void)kAdded;
  req_ = std::move(r);
  if (req_.metrics.empty()) req_.metrics = engine::default_series(req_.designs);
  result_ = engine::run_side_by_side(req_.designs, req_.metrics);
  diff_en_ = engine::differences_text(req_.designs, false);
  diff_ko_ = engine::differences_text(req_.designs, true);
  hover_.reset();
  pinned_.reset();
  open_ = true;
  frames_ = 0;
}

std::optional<float> CompareView::value_at(size_t v, size_t m, float t) const {
  if (v >= result_.runs.size()) return std::nullopt;
  const engine::VariantRun& run = result_.runs[v];
  if (m >= run.series.size() || run.series[m].empty() || run.t_s.empty()) return std::nullopt;
  const auto& ts = run.t_s;
  size_t i = static_cast<size_t>(std::lower_bound(ts.begin(), ts.end(), t) - ts.begin());
  if (i >= ts.size()) i = ts.size() - 1;
  if (i > 0 && std::fabs(ts[i - 1] - t) < std::fabs(ts[i] - t)) --i;
  if (i >= run.series[m].size()) return std::nullopt;
  return run.series[m][i];
}

void CompareView::draw() {
  draw_copy_dialog();
  if (!open_) return;
  ++frames_;
  const bool ko = korean();
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float fs = ImGui::GetFontSize();
  const ImVec2 size(std::min(vp->Size.x - fs, fs * 90), std::max(fs * 20, vp->Size.y - fs * 3.2f));
  ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x * 0.5f, vp->Pos.y + fs * 2.2f), ImGuiCond_Appearing, ImVec2(0.5f, 0));
  ImGui::SetNextWindowSize(size, ImGuiCond_Appearing);
  const std::string title = std::string(tr("cmp.window")) + ": " + pick_label(req_.title, ko) + "###compare_view";
  if (!ImGui::Begin(title.c_str(), &open_, ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoCollapse)) {
    ImGui::End();
    return;
  }
  window_rect_ = ImVec4(ImGui::GetWindowPos().x, ImGui::GetWindowPos().y, ImGui::GetWindowSize().x, ImGui::GetWindowSize().y);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const size_t nv = std::min(req_.designs.size(), engine::kMaxVariants);

  // The legend, once for every plot: each variant's colour and name.
  for (size_t v = 0; v < nv; ++v) {
    if (v) ImGui::SameLine(0, fs * 1.5f);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const std::string& name = v < req_.labels.size() ? pick_label(req_.labels[v], ko) : std::string("?");
    const std::string shown = ellipsize(ImGui::GetFont(), fs, name, fs * 26);
    const float w = fs * 1.6f + text_width(ImGui::GetFont(), fs, shown);
    ImGui::Dummy(ImVec2(w, fs * 1.3f));
    const float cy = p.y + fs * 0.65f;
    dl->AddRectFilled(ImVec2(p.x, cy - 2.5f), ImVec2(p.x + fs * 1.1f, cy + 2.5f), kColors[v], 1.5f);
    dl->AddText(ImVec2(p.x + fs * 1.5f, cy - fs * 0.5f), ImGui::GetColorU32(ImGuiCol_Text), shown.c_str());
    if (shown != name && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", name.c_str());
  }
  ImGui::SameLine(0, fs * 2);
  ImGui::TextDisabled("%s", trf("cmp.same", static_cast<int>(result_.seed),
                                doc::clock_text(req_.designs.empty() ? 0 : req_.designs.front().settings.duration_s).c_str(),
                                static_cast<int>(result_.runs.size()), result_.wall_ms).c_str());
  const std::string& note = pick_label(req_.note, ko);
  if (!note.empty()) ImGui::TextWrapped("%s", note.c_str());
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.25f, 0.30f, 0.38f, 1));
  ImGui::TextWrapped("%s", (ko ? diff_ko_ : diff_en_).c_str());
  ImGui::PopStyleColor();
  for (size_t v = 0; v < result_.runs.size(); ++v)
    if (!result_.runs[v].built) {
      const std::string why = result_.runs[v].errors.empty() ? std::string() : result_.runs[v].errors.front().line(ko);
      const std::string& name = v < req_.labels.size() ? pick_label(req_.labels[v], ko) : std::string("?");
      ImGui::TextColored(ImVec4(0.8f, 0.15f, 0.15f, 1), "%s", trf("cmp.not_built", name.c_str(), why.c_str()).c_str());
    }

  // The plots: one per metric, every variant on its axis; one shared time cursor.
  const std::optional<float> cursor = hover_ ? hover_ : pinned_;
  const size_t nm = req_.metrics.size();
  const int cols = nm <= 3 ? static_cast<int>(std::max<size_t>(nm, 1)) : nm == 4 ? 2 : 3;  // no empty cell
  const int rows = static_cast<int>((nm + cols - 1) / cols);
  const float row_h = ImGui::GetTextLineHeightWithSpacing() + 2;
  const float table_h = row_h * static_cast<float>(nm + 1) + fs * 0.8f;
  const float buttons_h = ImGui::GetFrameHeightWithSpacing() * 2 + fs * 0.3f;  // the cursor line and the buttons
  const float gap = fs * 0.5f;
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float plot_w = (avail.x - gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
  const float plot_h = std::clamp((avail.y - table_h - buttons_h - gap * static_cast<float>(rows)) / static_cast<float>(rows), fs * 6, rows == 1 ? fs * 26 : fs * 20);
  float x_max = 1;
  for (const auto& d : req_.designs) x_max = std::max(x_max, static_cast<float>(d.settings.duration_s));
  std::optional<float> hovered_now;
  bool clicked = false;
  plot_rects_.clear();
  std::vector<std::string> labels(nv), units(nm), titles(nm);
  for (size_t v = 0; v < nv; ++v) labels[v] = v < req_.labels.size() ? pick_label(req_.labels[v], ko) : std::string("?");
  for (size_t m = 0; m < nm; ++m) {
    if (m % cols) ImGui::SameLine(0, gap);
    const doc::Document& d0 = req_.designs.front();
    titles[m] = engine::series_label(d0, req_.metrics[m], ko);
    units[m] = engine::series_unit(d0, req_.metrics[m], ko);
    std::vector<PlotSeries> ps;
    for (size_t v = 0; v < nv && v < result_.runs.size(); ++v) {
      const engine::VariantRun& run = result_.runs[v];
      if (m >= run.series.size() || run.series[m].empty()) continue;
      PlotSeries s;
      s.label = labels[v].c_str();
      s.color = kColors[v];
      s.xs = run.t_s.data();
      s.ys = run.series[m].data();
      s.count = static_cast<int>(std::min(run.t_s.size(), run.series[m].size()));
      ps.push_back(s);
    }
    PlotOptions opt;
    opt.x_min = 0;
    opt.x_max = x_max;
    opt.legend = false;
    opt.cursor_x = cursor;
    opt.cursor_color = IM_COL32(0x16, 0x19, 0x1F, 170);  // neutral: the variants have the colours
    const std::string id = "##cmp" + std::to_string(m);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    plot_rects_.emplace_back(at.x, at.y, plot_w, plot_h);
    if (auto x = plot(id.c_str(), titles[m].c_str(), units[m].c_str(), ImVec2(plot_w, plot_h), ps.data(), static_cast<int>(ps.size()), opt)) {
      hovered_now = x;
      clicked |= ImGui::IsMouseClicked(ImGuiMouseButton_Left);
    }
  }
  if (clicked && hovered_now) {
    // A click pins the cursor; a click near the pinned one unpins it.
    if (pinned_ && std::fabs(*pinned_ - *hovered_now) < x_max / 200) pinned_.reset();
    else pinned_ = hovered_now;
  }
  hover_ = hovered_now;
  if (pinned_ && !hover_) ImGui::TextDisabled("%s", trf("cmp.pinned", doc::clock_text(std::round(*pinned_)).c_str()).c_str());
  else ImGui::TextDisabled("%s", tr("cmp.cursor_hint"));
  draw_table(ko, cursor);

  if (on_open_variant) {
    for (size_t v = 0; v < nv; ++v) {
      if (v) ImGui::SameLine();
      ImGui::PushID(static_cast<int>(v));
      if (ImGui::Button(trf("cmp.open_variant", labels[v].c_str()).c_str())) {
        on_open_variant(v);
        open_ = false;
      }
      ImGui::PopID();
    }
    ImGui::SameLine();
  }
  if (ImGui::Button(tr("cmp.close"))) open_ = false;
  ImGui::End();
}

void CompareView::draw_table(bool ko, std::optional<float> cursor) {
  const size_t nv = std::min(req_.designs.size(), result_.runs.size());
  const size_t nm = req_.metrics.size();
  const int cols = 1 + static_cast<int>(nv) + 1 + (cursor ? static_cast<int>(nv) : 0);
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_BordersOuter |
                                ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_PadOuterX;
  if (!ImGui::BeginTable("##cmp_table", cols, flags)) return;
  const std::string at = cursor ? doc::clock_text(std::round(*cursor)) : std::string();
  std::vector<std::string> names(nv);
  for (size_t v = 0; v < nv; ++v) names[v] = v < req_.labels.size() ? pick_label(req_.labels[v], ko) : std::string("?");
  ImGui::TableSetupColumn(tr("cmp.metric"), ImGuiTableColumnFlags_WidthStretch, 2.2f);
  for (size_t v = 0; v < nv; ++v) ImGui::TableSetupColumn(names[v].c_str(), ImGuiTableColumnFlags_WidthStretch, 1.3f);
  ImGui::TableSetupColumn(tr("cmp.difference"), ImGuiTableColumnFlags_WidthStretch, 1.6f);
  if (cursor)
    for (size_t v = 0; v < nv; ++v) ImGui::TableSetupColumn((names[v] + " " + at).c_str(), ImGuiTableColumnFlags_WidthStretch, 1.1f);
  // The header: each variant's name in its colour.
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  const float fs = ImGui::GetFontSize();
  for (int c = 0; c < cols; ++c) {
    ImGui::TableSetColumnIndex(c);
    std::string text;
    int variant = -1;
    if (c == 0) text = tr("cmp.metric");
    else if (c <= static_cast<int>(nv)) variant = c - 1, text = names[variant];
    else if (c == static_cast<int>(nv) + 1) text = tr("cmp.difference");
    else variant = c - static_cast<int>(nv) - 2, text = trf("cmp.at", at.c_str());
    const float w = ImGui::GetContentRegionAvail().x;
    if (variant >= 0) {
      const ImVec2 p = ImGui::GetCursorScreenPos();
      ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + fs * 0.3f), ImVec2(p.x + fs * 0.6f, p.y + fs * 0.9f), kColors[variant], 2);
      ImGui::SetCursorScreenPos(ImVec2(p.x + fs * 0.85f, p.y));
    }
    const std::string shown = ellipsize(ImGui::GetFont(), fs, text, w - (variant >= 0 ? fs : 0));
    ImGui::TextUnformatted(shown.c_str());
    if (shown != text && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text.c_str());
  }
  const doc::Document& d0 = req_.designs.front();
  for (size_t m = 0; m < nm; ++m) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::TextUnformatted(trf(row_key(d0, req_.metrics[m]), engine::series_label(d0, req_.metrics[m], ko, false).c_str()).c_str());
    std::vector<std::optional<double>> totals(nv);
    for (size_t v = 0; v < nv; ++v) {
      ImGui::TableSetColumnIndex(static_cast<int>(v) + 1);
      const engine::GoalResult* t = m < result_.runs[v].totals.size() ? &result_.runs[v].totals[m] : nullptr;
      if (t && t->has_value) {
        totals[v] = t->value;
        ImGui::TextUnformatted(engine::series_value_text(d0, req_.metrics[m], t->value, true, ko).c_str());
      } else {
        ImGui::TextDisabled("%s", tr("cmp.no_data"));
      }
    }
    ImGui::TableSetColumnIndex(static_cast<int>(nv) + 1);
    std::string diff;
    for (size_t v = 1; v < nv; ++v)
      if (totals[0] && totals[v]) diff += (diff.empty() ? "" : "; ") + difference_text(d0, req_.metrics[m], *totals[0], *totals[v], ko);
    ImGui::TextUnformatted(diff.c_str());
    if (cursor)
      for (size_t v = 0; v < nv; ++v) {
        ImGui::TableSetColumnIndex(static_cast<int>(nv) + 2 + static_cast<int>(v));
        if (auto y = value_at(v, m, *cursor)) ImGui::TextUnformatted(engine::series_value_text(d0, req_.metrics[m], *y, false, ko).c_str());
      }
  }
  ImGui::EndTable();
}

namespace {
// The nodes whose params can be changed (not the users: the traffic stays), and each one's
// params a copy may change (numbers, switches and choices).
std::vector<const doc::NodeDoc*> changeable_nodes(const doc::Document& d) {
  std::vector<const doc::NodeDoc*> out;
  for (const auto& n : d.nodes)
    if (n.type != "users" && catalog::find_service(n.type)) out.push_back(&n);
  return out;
}
std::vector<const catalog::ParamSpec*> changeable_params(const doc::NodeDoc& n) {
  std::vector<const catalog::ParamSpec*> out;
  if (const catalog::ServiceDescriptor* svc = catalog::find_service(n.type))
    for (const auto& p : svc->params)
      if (p.type == catalog::ParamType::Int || p.type == catalog::ParamType::Float || p.type == catalog::ParamType::Bool ||
          p.type == catalog::ParamType::Enum)
        out.push_back(&p);
  return out;
}
std::string value_text(const nlohmann::json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }
}  // namespace

void CompareView::open_copy_dialog(const doc::Document& d) {
  dialog_doc_ = d;
  dialog_open_ = true;
  dialog_node_ = 0, dialog_param_ = 0;
  dialog_value_[0] = 0;
  copy_why_en_.clear(), copy_why_ko_.clear();
}

bool CompareView::compare_with_copy(const doc::Document& d, const std::string& node, const std::string& param,
                                    const nlohmann::json& value) {
  copy_why_en_.clear(), copy_why_ko_.clear();
  nlohmann::json j = doc::to_json(d);
  bool found = false;
  for (auto& n : j["nodes"])
    if (n.value("id", std::string()) == node && n.value("type", std::string()) != "users") {
      if (!n.contains("params") || !n["params"].is_object()) n["params"] = nlohmann::json::object();
      n["params"][param] = value;
      found = true;
    }
  if (!found) {
    copy_why_en_ = "There is no service " + doc::quote(node) + " to change.";
    copy_why_ko_ = "바꿀 서비스 " + doc::with_subject(doc::quote(node)) + " 없습니다.";
    return false;
  }
  doc::LoadResult r = catalog::load_document(j);
  if (!r.ok()) {
    copy_why_en_ = r.errors.front().line(false);
    copy_why_ko_ = r.errors.front().line(true);
    return false;
  }
  if (engine::differences({d, r.document}, false).empty()) {
    const Lang was = language();
    set_language(Lang::En), copy_why_en_ = tr("cmp.copy_same");
    set_language(Lang::Ko), copy_why_ko_ = tr("cmp.copy_same");
    set_language(was);
    return false;
  }
  Request req;
  const doc::NodeDoc* nd = d.find_node(node);
  const catalog::ServiceDescriptor* svc = nd ? catalog::find_service(nd->type) : nullptr;
  const catalog::ParamSpec* spec = svc ? catalog::find_param(svc->params, param) : nullptr;
  auto label = [&](bool ko) {
    const Lang was = language();
    set_language(ko ? Lang::Ko : Lang::En);
    std::string s = trf("cmp.copy_label", node.c_str(), spec ? spec->label.get(ko) : param.c_str(), value_text(value).c_str());
    const std::string as_is = tr("cmp.as_is");
    set_language(was);
    return std::make_pair(as_is, s);
  };
  const auto [as_is_en, copy_en] = label(false);
  const auto [as_is_ko, copy_ko] = label(true);
  req.title = {d.name.empty() ? copy_en : d.name, d.name.empty() ? copy_ko : d.name};
  req.designs = {d, r.document};
  req.labels = {{as_is_en, as_is_ko}, {copy_en, copy_ko}};
  on_open_variant = nullptr;
  open(std::move(req));
  dialog_open_ = false;
  return true;
}

void CompareView::draw_copy_dialog() {
  if (!dialog_open_) return;
  const bool ko = korean();
  const float fs = ImGui::GetFontSize();
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x * 0.5f, vp->Pos.y + vp->Size.y * 0.3f), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(std::min(fs * 30, vp->Size.x - fs), 0), ImGuiCond_Appearing);
  const std::string title = std::string(tr("cmp.copy_title")) + "###compare_copy";
  if (!ImGui::Begin(title.c_str(), &dialog_open_, ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoCollapse)) {
    ImGui::End();
    return;
  }
  ImGui::TextWrapped("%s", tr("cmp.copy_help"));
  const auto nodes = changeable_nodes(dialog_doc_);
  if (nodes.empty()) {
    ImGui::TextDisabled("%s", tr("cmp.copy_none"));
    ImGui::End();
    return;
  }
  dialog_node_ = std::clamp(dialog_node_, 0, static_cast<int>(nodes.size()) - 1);
  const doc::NodeDoc& n = *nodes[dialog_node_];
  ImGui::SetNextItemWidth(fs * 16);
  if (ImGui::BeginCombo(tr("cmp.copy_node"), (n.name.empty() ? n.id : n.name + " (" + n.id + ")").c_str())) {
    for (size_t i = 0; i < nodes.size(); ++i) {
      const std::string l = nodes[i]->name.empty() ? nodes[i]->id : nodes[i]->name + " (" + nodes[i]->id + ")";
      if (ImGui::Selectable(l.c_str(), static_cast<int>(i) == dialog_node_)) dialog_node_ = static_cast<int>(i), dialog_param_ = 0, dialog_value_[0] = 0;
    }
    ImGui::EndCombo();
  }
  const auto params = changeable_params(n);
  if (params.empty()) {
    ImGui::TextDisabled("%s", tr("cmp.copy_none"));
    ImGui::End();
    return;
  }
  dialog_param_ = std::clamp(dialog_param_, 0, static_cast<int>(params.size()) - 1);
  const catalog::ParamSpec& spec = *params[dialog_param_];
  ImGui::SetNextItemWidth(fs * 16);
  if (ImGui::BeginCombo(tr("cmp.copy_param"), spec.label.get(ko))) {
    for (size_t i = 0; i < params.size(); ++i)
      if (ImGui::Selectable(params[i]->label.get(ko), static_cast<int>(i) == dialog_param_)) dialog_param_ = static_cast<int>(i), dialog_value_[0] = 0;
    ImGui::EndCombo();
  }
  const catalog::ServiceDescriptor* svc = catalog::find_service(n.type);
  const nlohmann::json now = svc ? catalog::with_defaults(*svc, n.params).value(spec.key, nlohmann::json()) : nlohmann::json();
  ImGui::TextDisabled("%s", trf("cmp.copy_now", value_text(now).c_str()).c_str());
  nlohmann::json value;
  ImGui::SetNextItemWidth(fs * 16);
  if (spec.type == catalog::ParamType::Bool) {
    value = !(now.is_boolean() && now.get<bool>());
    ImGui::Text("%s: %s", tr("cmp.copy_value"), value.get<bool>() ? "true" : "false");
  } else if (spec.type == catalog::ParamType::Enum) {
    if (!dialog_value_[0] && !spec.choices.empty()) {
      const std::string first = spec.choices.front() == value_text(now) && spec.choices.size() > 1 ? spec.choices[1] : spec.choices.front();
      std::snprintf(dialog_value_, sizeof dialog_value_, "%s", first.c_str());
    }
    if (ImGui::BeginCombo(tr("cmp.copy_value"), dialog_value_)) {
      for (const auto& c : spec.choices)
        if (ImGui::Selectable(c.c_str(), c == dialog_value_)) std::snprintf(dialog_value_, sizeof dialog_value_, "%s", c.c_str());
      ImGui::EndCombo();
    }
    value = std::string(dialog_value_);
  } else {
    ImGui::InputText(tr("cmp.copy_value"), dialog_value_, sizeof dialog_value_, ImGuiInputTextFlags_CharsDecimal);
    char* end = nullptr;
    const double v = std::strtod(dialog_value_, &end);
    if (dialog_value_[0] && end && *end == 0) value = spec.type == catalog::ParamType::Int ? nlohmann::json(static_cast<long long>(v)) : nlohmann::json(v);
  }
  ImGui::BeginDisabled(value.is_null());
  if (ImGui::Button(tr("cmp.copy_run"))) compare_with_copy(dialog_doc_, n.id, spec.key, value);
  ImGui::EndDisabled();
  if (!copy_why_en_.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.8f, 0.15f, 0.15f, 1));
    ImGui::TextWrapped("%s", copy_error(ko).c_str());
    ImGui::PopStyleColor();
  }
  ImGui::End();
}

nlohmann::json CompareView::debug_state() const {
  nlohmann::json s;
  s["open"] = open_;
  s["frames"] = frames_;
  s["copyDialog"] = dialog_open_;
  s["copyError"] = copy_why_en_;
  s["copyError_ko"] = copy_why_ko_;
  s["wallMs"] = result_.wall_ms;
  s["seed"] = result_.seed;
  s["differences"] = diff_en_;
  s["differences_ko"] = diff_ko_;
  s["rect"] = {window_rect_.x, window_rect_.y, window_rect_.z, window_rect_.w};
  s["cursor"] = pinned_ ? nlohmann::json(*pinned_) : nlohmann::json();
  s["hover"] = hover_ ? nlohmann::json(*hover_) : nlohmann::json();
  nlohmann::json rects = nlohmann::json::array();
  for (const ImVec4& r : plot_rects_) rects.push_back({{"x", r.x}, {"y", r.y}, {"w", r.z}, {"h", r.w}});
  s["plots"] = rects;
  nlohmann::json labels = nlohmann::json::array();
  for (const Label& l : req_.labels) labels.push_back({{"en", l.en}, {"ko", l.ko}});
  s["labels"] = labels;
  nlohmann::json metrics = nlohmann::json::array();
  for (size_t m = 0; m < req_.metrics.size(); ++m) {
    nlohmann::json e = {{"metric", req_.metrics[m].metric}, {"node", req_.metrics[m].node}};
    if (!req_.designs.empty()) e["label"] = engine::series_label(req_.designs.front(), req_.metrics[m], false);
    nlohmann::json vs = nlohmann::json::array();
    for (const engine::VariantRun& run : result_.runs) {
      nlohmann::json v = {{"built", run.built}, {"wallMs", run.wall_ms}};
      if (m < run.series.size()) {
        const auto& ys = run.series[m];
        double sum = 0, peak = 0;
        for (float y : ys) sum += y, peak = std::max(peak, static_cast<double>(y));
        v["points"] = ys.size();
        v["sum"] = sum;
        v["peak"] = peak;
      }
      if (m < run.totals.size() && run.totals[m].has_value) v["total"] = run.totals[m].value;
      vs.push_back(std::move(v));
    }
    e["variants"] = std::move(vs);
    metrics.push_back(std::move(e));
  }
  s["metrics"] = metrics;
  return s;
}

}  // namespace cp::ui
