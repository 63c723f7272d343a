// RunView: what the run draws over the canvas — dots moving along the wires
// (sampled: their density shows the rate; coloured by outcome), wire
// thickness by rate, node badges (req/s, p99, queue, errors, instances),
// the node's border coloured by utilisation, failed AZs/Regions shaded and
// down nodes greyed; and the right-click fault menu. See run_view.h.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/catalog/catalog.h"
#include "ui/i18n.h"
#include "ui/label_layout.h"
#include "ui/live_state.h"
#include "ui/plot.h"
#include "ui/run_view.h"

namespace cp::ui {

namespace {

constexpr ImU32 kOkDot = IM_COL32(0x1D, 0x81, 0x02, 255);
constexpr ImU32 kThrottledDot = IM_COL32(0xE0, 0x7B, 0x00, 255);
constexpr ImU32 kTimeoutDot = IM_COL32(0x8A, 0x3F, 0xC7, 255);
constexpr ImU32 kErrorDot = IM_COL32(0xD1, 0x32, 0x12, 255);
constexpr ImU32 kRejectedDot = IM_COL32(0x6B, 0x75, 0x80, 255);

// Colour of an outcome (index = sim::Outcome).
ImU32 outcome_color(int k) {
  switch (k) {
    case 0: return kOkDot;
    case 1: return kThrottledDot;
    case 2: return kTimeoutDot;
    case 6: return kRejectedDot;
    default: return kErrorDot;
  }
}

ImU32 util_color(float u) {
  if (u < 0.6f) return IM_COL32(0x1D, 0x81, 0x02, 255);
  if (u < 0.85f) return IM_COL32(0xE0, 0x7B, 0x00, 255);
  return IM_COL32(0xD1, 0x32, 0x12, 255);
}

ImVec2 bezier_at(const std::array<ImVec2, 4>& b, float t) {
  float u = 1 - t, a = u * u * u, c1 = 3 * u * u * t, c2 = 3 * u * t * t, d = t * t * t;
  return ImVec2(a * b[0].x + c1 * b[1].x + c2 * b[2].x + d * b[3].x, a * b[0].y + c1 * b[1].y + c2 * b[2].y + d * b[3].y);
}

float frac(float x) { return x - std::floor(x); }

// Dots on a wire for `rate` calls/s: one per call up to 4/s, then logarithmic (sampled).
// Zoomed out (big diagrams) fewer dots are drawn: they would be too small to tell apart.
int dots_for(float rate, float zoom) {
  if (rate <= 0.01f) return 0;
  if (rate <= 4) return std::max(1, static_cast<int>(std::ceil(rate)));
  const int cap = std::clamp(static_cast<int>(40 * zoom), 6, 40);
  return std::min(cap, 4 + static_cast<int>(std::round(6 * std::log10(rate / 4) * 2)));
}

void hatch(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 fill, ImU32 line, float gap) {
  dl->AddRectFilled(a, b, fill);
  dl->PushClipRect(a, b, true);
  for (float x = a.x - (b.y - a.y); x < b.x; x += gap) dl->AddLine(ImVec2(x, b.y), ImVec2(x + (b.y - a.y), a.y), line, 1.0f);
  dl->PopClipRect();
}

}  // namespace

void RunView::draw_overlay(ImDrawList* dl) {
  if (!overlay_on()) return;
  const sim::Simulation* s = run_.sim();
  const engine::Built& b = run_.built();
  const doc::Document& d = ed_.document();
  const float zoom = canvas_.wire_zoom();
  const float fs = ImGui::GetFontSize();
  const ImVec2 vmin = canvas_.view_min(), vsz = canvas_.view_size();
  const ImVec2 vmax(vmin.x + vsz.x, vmin.y + vsz.y);
  char buf[64];

  // ---- failed AZs and Regions: shaded, labelled ----
  const auto& topo = s->topology();
  auto shade = [&](const WorldRect& r, const char* label) {
    ImVec2 a = canvas_.world_to_screen(r.x, r.y), c = canvas_.world_to_screen(r.x + r.w, r.y + r.h);
    hatch(dl, a, c, IM_COL32(0xD1, 0x32, 0x12, 22), IM_COL32(0xD1, 0x32, 0x12, 40), 12);
    dl->AddRect(a, c, IM_COL32(0xD1, 0x32, 0x12, 200), 6 * zoom, 0, 2);
    ImVec2 ts = ImGui::CalcTextSize(label);
    ImVec2 p(c.x - ts.x - 14, a.y + 6);
    if (!canvas_.claim_label("fault", label, p, ImVec2(ts.x + 10, ts.y + 4), fs)) return;
    dl->AddRectFilled(p, ImVec2(p.x + ts.x + 10, p.y + ts.y + 4), IM_COL32(0xD1, 0x32, 0x12, 235), 3);
    dl->AddText(ImVec2(p.x + 5, p.y + 2), IM_COL32(255, 255, 255, 255), label);
  };
  for (const auto& reg : topo.regions())
    if (reg.down)
      if (auto r = ed_.region_rect(reg.code)) shade(*r, tr("run.region_down"));
  for (const auto& az : topo.azs())
    if (az.down && !topo.region(az.region).down)
      if (auto r = ed_.az_rect(az.id)) shade(*r, tr("run.az_down"));

  // ---- wires: thickness by rate, dots by outcome ----
  for (size_t i = 0; i < s->connection_count() && i < b.connection_ids.size(); ++i) {
    const sim::Connection& c = s->connection(sim::ConnId{static_cast<uint32_t>(i)});
    // Along the wire as drawn: a poll's calls go from the consumer back to its source.
    const bool poll = c.role == sim::WireRole::Poll;
    const std::string& from = b.node_ids[poll ? c.to.v : c.from.v];
    const std::string& to = b.node_ids[poll ? c.from.v : c.to.v];
    if (!d.find_node(from) || !d.find_node(to) || canvas_.node_hidden(from) || canvas_.node_hidden(to)) continue;
    const Rate r = i < conn_rates_.size() ? conn_rates_[i] : Rate{};
    auto bz = canvas_.wire_bezier(from, to);
    float minx = std::min({bz[0].x, bz[1].x, bz[2].x, bz[3].x}), maxx = std::max({bz[0].x, bz[1].x, bz[2].x, bz[3].x});
    float miny = std::min(bz[0].y, bz[3].y), maxy = std::max(bz[0].y, bz[3].y);
    if (maxx < vmin.x || minx > vmax.x || maxy < vmin.y || miny > vmax.y) continue;
    if (r.total > 0.01f) {
      const float errs = r.total - r.per_s[0];
      const ImU32 tint = errs > 0.2f * r.total ? IM_COL32(0xD1, 0x32, 0x12, 70) : IM_COL32(0x1D, 0x81, 0x02, 55);
      const float th = std::clamp((1.5f + 2.2f * std::log10(1 + r.total)) * std::sqrt(zoom), 2.0f, 14.0f);
      dl->AddBezierCubic(bz[0], bz[1], bz[2], bz[3], tint, th);
    }
    const int n = dots_for(r.total, zoom);
    if (n > 0) {
      const float radius = std::clamp(3.2f * std::sqrt(zoom), 2.0f, 5.0f);
      const float speed = 0.45f;  // wire lengths per wall second
      for (int k = 0; k < n; ++k) {
        // Each dot keeps an outcome (by its index) in the wire's current mix.
        float u = frac(static_cast<float>(k) * 0.618034f + static_cast<float>(i) * 0.1377f) * r.total;
        int o = 0;
        for (; o < 6 && u >= r.per_s[o]; ++o) u -= r.per_s[o];
        float t = frac(static_cast<float>(anim_t_) * speed + static_cast<float>(k) / n + static_cast<float>(i) * 0.31f);
        ImVec2 p = bezier_at(bz, t);
        if (zoom >= 0.6f) dl->AddCircleFilled(p, radius + 1, IM_COL32(255, 255, 255, 220), 10);
        dl->AddCircleFilled(p, radius, outcome_color(o), zoom >= 0.6f ? 10 : 6);
      }
    }
    // Rate label at the wire's middle.
    if (r.total > 0.01f && zoom >= 0.5f) {
      ImVec2 m = bezier_at(bz, 0.5f);
      std::string label = std::string(plot_format(r.total, buf, sizeof buf)) + "/s";
      const float ts = std::max(kMinTextPx, fs * 0.75f);
      ImVec2 sz = ImGui::GetFont()->CalcTextSizeA(ts, 1e9f, 0, label.c_str());
      ImVec2 p(m.x - sz.x / 2, m.y - sz.y - 6);
      if (canvas_.claim_label("wire_rate", label, ImVec2(p.x - 3, p.y - 1), ImVec2(sz.x + 6, sz.y + 2), ts, true))
        dl->AddRectFilled(ImVec2(p.x - 3, p.y - 1), ImVec2(p.x + sz.x + 3, p.y + sz.y + 1), IM_COL32(255, 255, 255, 210), 3),
            dl->AddText(ImGui::GetFont(), ts, p, IM_COL32(0x3A, 0x44, 0x50, 255), label.c_str());
    }
  }

  // ---- nodes: utilisation border and bar, down state, badges ----
  const std::vector<std::string> plotted = plotted_nodes();
  for (size_t i = 0; i < s->node_count() && i < b.node_ids.size(); ++i) {
    sim::NodeId nid{static_cast<uint32_t>(i)};
    const std::string& id = b.node_ids[i];
    if (!d.find_node(id) || canvas_.node_hidden(id)) continue;
    WorldRect wr = ed_.node_rect(id);
    ImVec2 a = canvas_.world_to_screen(wr.x, wr.y), c = canvas_.world_to_screen(wr.x + wr.w, wr.y + wr.h);
    if (c.x < vmin.x - 10 || a.x > vmax.x + 10 || c.y < vmin.y - 10 || a.y > vmax.y + 60) continue;
    const auto& m = s->metrics(nid);
    const sim::SeriesPoint p = m.series.empty() ? sim::SeriesPoint{} : m.series.back();
    const bool up = s->node_up(nid);
    const float rounding = 8 * zoom;
    if (!up) {
      dl->AddRectFilled(a, c, IM_COL32(0x30, 0x36, 0x3D, 110), rounding);
      dl->AddRect(a, c, IM_COL32(0xD1, 0x32, 0x12, 255), rounding, 0, 2.5f);
      const char* down = tr("run.down");
      ImVec2 ts = ImGui::CalcTextSize(down);
      ImVec2 q(c.x - ts.x - 12, a.y - ts.y * 0.6f);
      if (canvas_.claim_label("down", down, q, ImVec2(ts.x + 8, ts.y + 2), fs, true, id)) {
        dl->AddRectFilled(q, ImVec2(q.x + ts.x + 8, q.y + ts.y + 2), IM_COL32(0xD1, 0x32, 0x12, 255), 3);
        dl->AddText(ImVec2(q.x + 4, q.y + 1), IM_COL32(255, 255, 255, 255), down);
      }
    } else if (p.arrivals_per_s > 0 || p.utilization > 0) {
      const ImU32 uc = util_color(p.utilization);
      dl->AddRect(a, c, uc, rounding, 0, 2.0f);
      // Utilisation bar along the card's bottom edge.
      const float bw = (c.x - a.x - 2 * rounding) * std::clamp(p.utilization, 0.0f, 1.0f);
      dl->AddRectFilled(ImVec2(a.x + rounding, c.y - 4 * zoom - 1), ImVec2(a.x + rounding + bw, c.y - 1), uc, 2);
    }
    // A plotted node's colour along its card's top edge: the same colour as its lines.
    if (std::find(plotted.begin(), plotted.end(), id) != plotted.end()) {
      const float h = std::clamp(4 * zoom, 2.5f, 5.0f);
      dl->AddRectFilled(ImVec2(a.x + rounding, a.y + 1), ImVec2(c.x - rounding, a.y + 1 + h), node_color(id), 2);
    }
    if (zoom < 0.35f) continue;
    // Badge row under the card: "120/s · p99 35 ms · q 3 · 2% err · 3/4".
    struct Part { std::string text; ImU32 col; int kind = 0; };
    std::vector<Part> parts;
    const ImU32 text = IM_COL32(0x16, 0x19, 0x1F, 255), red = IM_COL32(0xB4, 0x23, 0x18, 255);
    if (p.arrivals_per_s > 0 || m.arrivals > 0) {
      parts.push_back({std::string(plot_format(p.arrivals_per_s, buf, sizeof buf)) + "/s", text});
      if (p.p99_ms > 0) parts.push_back({"p99 " + std::string(plot_format(p.p99_ms, buf, sizeof buf)) + " ms", text, 1});
    } else if (m.series.size() > 1 && p.arrivals_per_s == 0 && s->outgoing(nid).empty()) {
      parts.push_back({"0/s", IM_COL32(0x6B, 0x75, 0x80, 255)});
    }
    // What the service declares for its card (catalog::MetricCard): a "ready/total ok"
    // pair and a count waiting beside the queue (messages in a queue).
    float q = p.queue, ready = -1, of = -1;
    if (const catalog::ServiceDescriptor* svc = catalog::find_service(s->info(nid).type))
      for (const catalog::MetricSpec& spec : svc->metrics) {
        const int k = m.find_metric(spec.key());
        if (spec.card == catalog::MetricCard::None || k < 0 || m.series.empty()) continue;
        const float v = m.point_values(m.series.size() - 1)[k];
        if (spec.card == catalog::MetricCard::Waiting) q = std::max(q, v);
        if (spec.card == catalog::MetricCard::Ready) ready = v;
        if (spec.card == catalog::MetricCard::Total) of = v;
      }
    if (q >= 0.5f) parts.push_back({"q " + std::string(plot_format(q, buf, sizeof buf)), text, 2});
    const float total = p.arrivals_per_s;
    if (p.errors_per_s > 0 && total > 0) {
      float pct = 100 * p.errors_per_s / std::max(total, p.errors_per_s);
      std::snprintf(buf, sizeof buf, pct >= 10 ? "%.0f%% err" : "%.1f%% err", pct);
      parts.push_back({buf, red, 3});
    }
    if (of > 0 && ready >= 0) {
      std::snprintf(buf, sizeof buf, "%.0f/%.0f ok", ready, of);
      parts.push_back({buf, ready < of ? red : text, 4});
    }
    const float bfs = std::clamp(fs * 0.78f * zoom, kMinTextPx, fs * 0.9f);
    float below = c.y + 3;  // where the live line goes: under the badge row, or under the card
    const char* sep = " · ";
    do {
      if (parts.empty()) break;
      // The row must not cover another card or label: drop the least telling parts (p99,
      // queue, instances, then errors) until it fits, or leave the row out.
      ImVec2 pos(a.x + 2, c.y + 3);
      float w = 0;
      const int drop_order[] = {1, 2, 4, 3, 0};  // by kind: 0 rate, 1 p99, 2 queue, 3 errors, 4 instances
      while (!parts.empty()) {
        w = 0;
        std::string text;
        for (size_t k = 0; k < parts.size(); ++k) {
          w += ImGui::GetFont()->CalcTextSizeA(bfs, 1e9f, 0, parts[k].text.c_str()).x;
          if (k + 1 < parts.size()) w += ImGui::GetFont()->CalcTextSizeA(bfs, 1e9f, 0, sep).x;
          text += (k ? sep : "") + parts[k].text;
        }
        if (canvas_.claim_label("badge", text, ImVec2(pos.x - 1, pos.y), ImVec2(w + 10, bfs + 4), bfs, true, id)) break;
        size_t victim = parts.size() - 1;
        for (int kind : drop_order) {
          auto it = std::find_if(parts.begin(), parts.end(), [&](const Part& x) { return x.kind == kind; });
          if (it != parts.end()) { victim = static_cast<size_t>(it - parts.begin()); break; }
        }
        parts.erase(parts.begin() + static_cast<std::ptrdiff_t>(victim));
      }
      if (parts.empty()) break;
      below = pos.y + bfs + 7;
      dl->AddRectFilled(ImVec2(pos.x - 1, pos.y), ImVec2(pos.x + w + 9, pos.y + bfs + 4), IM_COL32(255, 255, 255, 235), 4);
      dl->AddRect(ImVec2(pos.x - 1, pos.y), ImVec2(pos.x + w + 9, pos.y + bfs + 4), IM_COL32(0xC6, 0xCD, 0xD5, 255), 4);
      float x = pos.x + 4;
      for (size_t k = 0; k < parts.size(); ++k) {
        dl->AddText(ImGui::GetFont(), bfs, ImVec2(x, pos.y + 2), parts[k].col, parts[k].text.c_str());
        x += ImGui::GetFont()->CalcTextSizeA(bfs, 1e9f, 0, parts[k].text.c_str()).x;
        if (k + 1 < parts.size()) {
          dl->AddText(ImGui::GetFont(), bfs, ImVec2(x, pos.y + 2), IM_COL32(0x9A, 0xA4, 0xAF, 255), sep);
          x += ImGui::GetFont()->CalcTextSizeA(bfs, 1e9f, 0, sep).x;
        }
      }
    } while (false);
    // The live line: what the service marks live (ui/live_state.h), "visible 12 · in flight 3 ·
    // oldest 4 s". Parts go from the end until it fits beside the other cards and labels.
    std::vector<std::string> live = live_card_parts(live_rows(*s, nid, korean()), 4);
    const float max_w = std::max(c.x - a.x, fs * 6) * 1.35f;
    while (!live.empty()) {
      std::string text;
      for (size_t k = 0; k < live.size(); ++k) text += (k ? sep : "") + live[k];
      const float w = ImGui::GetFont()->CalcTextSizeA(bfs, 1e9f, 0, text.c_str()).x;
      const ImVec2 lp(a.x + 1, below);
      if (w + 10 <= max_w && canvas_.claim_label("live", text, lp, ImVec2(w + 10, bfs + 4), bfs, true, id)) {
        dl->AddRectFilled(lp, ImVec2(lp.x + w + 10, lp.y + bfs + 4), IM_COL32(0xF3, 0xF7, 0xFC, 240), 4);
        dl->AddRect(lp, ImVec2(lp.x + w + 10, lp.y + bfs + 4), node_color(id), 4);
        dl->AddText(ImGui::GetFont(), bfs, ImVec2(lp.x + 5, lp.y + 2), IM_COL32(0x16, 0x19, 0x1F, 255), text.c_str());
        break;
      }
      live.pop_back();
    }
  }
}

// ---- right-click faults --------------------------------------------------------------------------

void RunView::context_menu(const Canvas::ContextTarget& t) {
  if (!run_.ready()) return;
  const sim::Simulation* s = run_.sim();
  const engine::Built& b = run_.built();
  char clock[32];
  const double now = sim::to_seconds(run_.now());
  std::snprintf(clock, sizeof clock, "%d:%02d", static_cast<int>(now) / 60, static_cast<int>(now) % 60);
  ImGui::TextDisabled("%s", trf("run.f_title", clock).c_str());
  bool any = false;
  if (!t.node.empty()) {
    sim::NodeId n = b.node(t.node);
    if (n.valid()) {
      any = true;
      if (!s->node_killed(n)) {
        if (ImGui::MenuItem(tr("run.f_kill"))) run_.fault("kill_node", t.node, 0, true);
      } else if (ImGui::MenuItem(tr("run.f_revive"))) {
        run_.fault("kill_node", t.node, 0, false);
      }
      const doc::NodeDoc* nd = ed_.document().find_node(t.node);
      // Parts of the node that fail on their own (Aurora's storage copies).
      const catalog::ServiceDescriptor* svc = nd ? catalog::find_service(nd->type) : nullptr;
      if (svc && svc->failable_parts.max > 0) {
        const std::string parts = svc->failable_parts.name.get(korean());
        if (ImGui::BeginMenu(trf("run.f_parts", parts.c_str()).c_str())) {
          for (int k = 1; k <= svc->failable_parts.max; ++k)
            if (ImGui::MenuItem(std::to_string(k).c_str())) run_.fault("fail_parts", t.node, k, true);
          ImGui::EndMenu();
        }
        if (ImGui::MenuItem(trf("run.f_parts_back", parts.c_str()).c_str())) run_.fault("fail_parts", t.node, 0, false);
      }
      // What the learner can do to the node besides breaking it (promote a read replica).
      if (svc)
        for (const auto& act : svc->actions) {
          if (ImGui::MenuItem(act.name.get(korean()))) run_.fault(act.key, t.node, 0, true);
          if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", act.help.get(korean()));
        }
      // The node's AZ and Region, so they can be failed from the node too.
      if (nd && !nd->az.empty()) {
        auto a = s->topology().find_az(nd->az);
        if (a.valid()) {
          bool down = s->topology().az(a).down;
          if (ImGui::MenuItem(trf(down ? "run.f_az_up" : "run.f_az_down", nd->az.c_str()).c_str()))
            run_.fault("az_down", nd->az, 0, !down);
        }
      }
    }
  }
  if (!t.wire.empty()) {
    sim::ConnId k = b.connection(t.wire);
    if (k.valid()) {
      any = true;
      const sim::Connection& c = s->connection(k);
      if (c.extra_latency > 0) {
        if (ImGui::MenuItem(tr("run.f_latency_off"))) run_.fault("add_latency", t.wire, 0, false);
      } else if (ImGui::BeginMenu(tr("run.f_latency"))) {
        for (int ms : {50, 200, 1000, 5000})
          if (ImGui::MenuItem(("+" + std::to_string(ms) + " ms").c_str())) run_.fault("add_latency", t.wire, ms, true);
        ImGui::EndMenu();
      }
      if (c.error_rate > 0) {
        if (ImGui::MenuItem(tr("run.f_errors_off"))) run_.fault("error_rate", t.wire, 0, false);
      } else if (ImGui::BeginMenu(tr("run.f_errors"))) {
        for (int pct : {10, 50, 100})
          if (ImGui::MenuItem((std::to_string(pct) + "%").c_str())) run_.fault("error_rate", t.wire, pct / 100.0, true);
        ImGui::EndMenu();
      }
    }
  }
  if (!t.az.empty()) {
    auto a = s->topology().find_az(t.az);
    if (a.valid()) {
      any = true;
      bool down = s->topology().az(a).down;
      if (ImGui::MenuItem(trf(down ? "run.f_az_up" : "run.f_az_down", t.az.c_str()).c_str()))
        run_.fault("az_down", t.az, 0, !down);
    }
  }
  if (!t.region.empty()) {
    auto r = s->topology().find_region(t.region);
    if (r.valid()) {
      any = true;
      bool down = s->topology().region(r).down;
      if (ImGui::MenuItem(trf(down ? "run.f_region_up" : "run.f_region_down", t.region.c_str()).c_str()))
        run_.fault("region_down", t.region, 0, !down);
    }
  }
  if (!run_.faults().empty() && ImGui::MenuItem(tr("run.f_clear"))) run_.clear_faults(), any = true;
  (void)any;
  ImGui::Separator();
}

}  // namespace cp::ui
