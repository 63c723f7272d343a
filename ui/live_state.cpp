// Live state of a node during a run: see live_state.h.
#include "ui/live_state.h"

#include <cmath>

#include "ui/number_text.h"

namespace cp::ui {

namespace {

std::string number(double v) {
  char buf[32];
  return plot_format(static_cast<float>(v), buf, sizeof buf);
}

// Units that say what the number is on the card (a time, a share); counts go without theirs.
bool card_keeps_unit(const catalog::MetricSpec& m) {
  const std::string u = m.unit.en ? m.unit.en : "";
  return u == "s" || u == "ms" || u == "%";
}

// "25 requests/s" / "초당 25건"; a unit-less count: "25/s" / "초당 25".
std::string rate_text(const catalog::MetricSpec& m, double r, bool korean) {
  const std::string u = m.unit.get(korean);
  if (korean) return "초당 " + number(r) + u;
  return number(r) + (u.empty() ? "" : " " + u) + "/s";
}

}  // namespace

std::vector<LiveRow> live_rows(const sim::Simulation& s, sim::NodeId n, bool korean) {
  std::vector<LiveRow> out;
  const catalog::ServiceDescriptor* svc = catalog::find_service(s.info(n).type);
  if (!svc) return out;
  const sim::NodeMetrics& m = s.metrics(n);
  for (const catalog::MetricSpec& spec : svc->metrics) {
    if (spec.live == catalog::MetricLive::None || spec.def.kind == sim::MetricKind::Latency) continue;
    const int k = m.find_metric(spec.key());
    if (k < 0 || !m.def(static_cast<size_t>(k)).applies) continue;
    const bool counter = spec.def.kind == sim::MetricKind::Counter;
    // A counter's rate over the last second (its series point), its total now.
    const double rate = counter && !m.series.empty() ? m.point_values(m.series.size() - 1)[k] : 0.0;
    const double now = m.values[static_cast<size_t>(k)];
    LiveRow r;
    r.key = spec.key();
    r.label = spec.label.get(korean);
    const std::string brief = spec.brief.get(korean);
    if (counter && spec.live == catalog::MetricLive::Rate) {
      r.v = rate;
      r.value = rate_text(spec, rate, korean);
      r.card = brief + " " + number(rate) + (korean ? "/초" : "/s");
    } else {
      r.v = std::round(now * 100) / 100;
      r.value = catalog::metric_value_text(spec, r.v, korean);
      if (counter && rate > 0) r.value += " (" + rate_text(spec, rate, korean) + ")";
      std::string shown = number(r.v);
      if (card_keeps_unit(spec)) shown = catalog::metric_value_text(spec, std::round(r.v), korean);
      r.card = brief + " " + shown;
    }
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<std::string> live_card_parts(const std::vector<LiveRow>& rows, size_t max_parts) {
  std::vector<std::string> parts;
  for (size_t i = 0; i < rows.size() && parts.size() < max_parts; ++i)
    if (i == 0 || rows[i].v != 0) parts.push_back(rows[i].card);
  return parts;
}

}  // namespace cp::ui
