#include "core/engine/report.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>

#include "core/catalog/catalog.h"

namespace cp::engine {

using namespace cp::sim;

std::string hex64(uint64_t v) {
  char buf[19];
  std::snprintf(buf, sizeof buf, "%016" PRIx64, v);
  return buf;
}

// Fixed-precision numbers, so reports compare byte for byte across platforms.
static std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}
static nlohmann::json num(double v, int decimals = 3) {
  return nlohmann::json::parse(fixed(v, decimals));
}

static nlohmann::json latency_json(const LatencyHistogram& h) {
  nlohmann::json j;
  j["count"] = h.count();
  if (h.count() == 0) return j;
  j["mean_ms"] = num(h.mean() / 1000.0);
  j["p50_ms"] = num(h.percentile(50) / 1000.0);
  j["p95_ms"] = num(h.percentile(95) / 1000.0);
  j["p99_ms"] = num(h.percentile(99) / 1000.0);
  j["max_ms"] = num(static_cast<double>(h.max()) / 1000.0);
  return j;
}

static nlohmann::json outcomes_json(const std::array<uint64_t, kOutcomeCount>& o) {
  nlohmann::json j = nlohmann::json::object();
  for (int i = 0; i < kOutcomeCount; ++i)
    if (o[i]) j[outcome_name(static_cast<Outcome>(i))] = o[i];
  return j;
}

nlohmann::json event_json(const Built& b, const LogEntry& e) {
  const Simulation& sim = *b.sim;
  nlohmann::json j;
  j["t_s"] = num(to_seconds(e.time), 6);
  j["node"] = e.node < sim.node_count() ? sim.info(NodeId{e.node}).id : "";
  j["kind"] = log_kind_name(e.kind);
  if (*e.reason) j["reason"] = e.reason;
  if (e.instance) j["instance"] = "i-" + std::to_string(e.instance);
  if (e.message) j["message"] = e.message;
  if (e.other < sim.node_count()) j["about"] = sim.info(NodeId{e.other}).id;
  if (e.az < sim.topology().azs().size()) j["az"] = sim.topology().azs()[e.az].id;
  if (e.region < sim.topology().regions().size()) j["region"] = sim.topology().regions()[e.region].code;
  if (!e.fields.empty()) {
    nlohmann::json f = nlohmann::json::object();
    for (const LogField& x : e.fields) f[x.key] = num(x.value, 6);
    j["fields"] = std::move(f);
  }
  j["text"] = e.text_en;
  j["text_ko"] = e.text_ko;
  return j;
}

nlohmann::json report_json(const Built& b, bool with_series, const std::vector<GoalResult>* goals) {
  const Simulation& sim = *b.sim;
  double secs = to_seconds(sim.now());
  nlohmann::json r;
  r["cloudplay_report"] = 1;
  r["seed"] = b.seed;
  r["simulated_s"] = num(secs);
  r["events"] = sim.events_processed();
  r["trace_hash"] = hex64(sim.trace_hash());
  double cost = 0;
  nlohmann::json nodes = nlohmann::json::array();
  for (uint32_t i = 0; i < sim.node_count(); ++i) {
    NodeId n{i};
    const NodeMetrics& m = sim.metrics(n);
    nlohmann::json j;
    j["id"] = sim.info(n).id;
    j["type"] = sim.info(n).type;
    j["arrivals"] = m.arrivals;
    j["completions"] = m.completions;
    j["errors"] = m.errors();
    j["outcomes"] = outcomes_json(m.outcomes);
    j["throughput_per_s"] = num(secs > 0 ? static_cast<double>(m.completions) / secs : 0);
    j["latency"] = latency_json(m.latency);                // served requests
    j["failed_latency"] = latency_json(m.failed_latency);  // refused or failed ones
    double span = static_cast<double>(sim.now());
    double q_area = m.queue.area + static_cast<double>(m.queue.value) * static_cast<double>(sim.now() - m.queue.since);
    double b_area = m.busy.area + static_cast<double>(m.busy.value) * static_cast<double>(sim.now() - m.busy.since);
    j["mean_queue"] = num(span > 0 ? q_area / span : 0, 4);
    j["utilization"] = num(span > 0 && m.capacity > 0 ? b_area / span / static_cast<double>(m.capacity) : 0, 4);
    j["cost_usd"] = num(m.cost_usd, 6);
    // The service's declared metrics by key: a gauge's value now, a counter's total, a
    // latency's distribution over the run (as "latency").
    nlohmann::json named = nlohmann::json::object();
    for (size_t k = 0; k < m.metric_count(); ++k) {
      const MetricDef& d = m.def(k);
      if (!d.applies) continue;
      if (d.kind == MetricKind::Latency)
        named[d.key] = latency_json(sim.latency_between(n, LatencyMetricId{m.slot[k]}, 0, sim.now()));
      else
        named[d.key] = num(m.values[k]);
    }
    if (!named.empty()) j["metrics"] = std::move(named);
    const sim::StatusText st = sim.model(n).status();
    j["status"] = st.en;
    j["status_ko"] = st.ko;
    if (const auto b = sim.model(n).message_balance()) {  // where every message went (issue 15)
      nlohmann::json jb = nlohmann::json::object();
      for (const auto* terms : {&b->in, &b->out})
        for (const sim::BalanceTerm& t : *terms) jb[t.key] = t.value;
      jb["balanced"] = b->balanced();
      j["balance"] = std::move(jb);
    }
    if (with_series) {
      // Columns rather than rows: compact, and easy to plot.
      nlohmann::json t = nlohmann::json::array(), ok = nlohmann::json::array(), err = nlohmann::json::array(),
                     p99 = nlohmann::json::array(), q = nlohmann::json::array(), util = nlohmann::json::array();
      for (const SeriesPoint& p : m.series) {
        t.push_back(num(p.t_s, 3));
        ok.push_back(num(p.completions_per_s, 2));
        err.push_back(num(p.errors_per_s, 2));
        p99.push_back(num(p.p99_ms, 3));
        q.push_back(num(p.queue, 2));
        util.push_back(num(p.utilization, 4));
      }
      j["series"] = {{"t_s", t}, {"ok_per_s", ok}, {"errors_per_s", err}, {"p99_ms", p99}, {"queue", q}, {"utilization", util}};
      // Declared metrics, a column each: gauge value, counter rate per second, latency p99 (ms).
      nlohmann::json cols = nlohmann::json::object();
      for (size_t k = 0; k < m.metric_count(); ++k) {
        if (!m.def(k).applies) continue;
        nlohmann::json c = nlohmann::json::array();
        for (size_t i = 0; i < m.series.size(); ++i) c.push_back(num(m.point_values(i)[k], 3));
        cols[m.def(k).key] = std::move(c);
      }
      if (!cols.empty()) j["series"]["metrics"] = std::move(cols);
    }
    cost += m.cost_usd;
    nodes.push_back(std::move(j));
  }
  r["nodes"] = std::move(nodes);
  nlohmann::json conns = nlohmann::json::array();
  for (uint32_t i = 0; i < sim.connection_count(); ++i) {
    const Connection& c = sim.connection(ConnId{i});
    nlohmann::json j;
    j["id"] = i < b.connection_ids.size() ? b.connection_ids[i] : std::to_string(i);
    // As the document draws it: a poll's calls go from the consumer to its source.
    const bool poll = c.role == WireRole::Poll;
    j["from"] = sim.info(poll ? c.to : c.from).id;
    j["to"] = sim.info(poll ? c.from : c.to).id;
    if (c.role != WireRole::Call) j["role"] = catalog::role_key(c.role);
    j["calls"] = c.metrics.calls;
    j["retries"] = c.metrics.retries;
    j["outcomes"] = outcomes_json(c.metrics.outcomes);
    j["latency"] = latency_json(c.metrics.latency);
    conns.push_back(std::move(j));
  }
  r["connections"] = std::move(conns);
  r["cost_usd"] = num(cost, 6);
  r["cost_per_month_usd"] = num(secs > 0 ? cost / secs * 3600.0 * 730.0 : 0, 2);  // AWS bills a month as 730 h
  nlohmann::json log = nlohmann::json::array();
  for (const LogEntry& e : sim.event_log()) log.push_back(event_json(b, e));
  r["event_log"] = std::move(log);
  if (goals) {
    nlohmann::json g = nlohmann::json::array();
    for (const GoalResult& res : *goals) {
      nlohmann::json e;
      e["index"] = res.index;
      e["from_s"] = num(res.from_s);
      e["to_s"] = num(res.to_s);
      e["state"] = res.passed() ? "passed" : res.finished() ? "failed" : "open";
      if (res.has_value) e["value"] = num(res.value);
      e["text_en"] = res.en;
      e["text_ko"] = res.ko;
      g.push_back(std::move(e));
    }
    r["goals"] = std::move(g);
  }
  return r;
}

std::string summary_table(const Built& b) {
  const Simulation& sim = *b.sim;
  double secs = to_seconds(sim.now());
  std::string out;
  char line[512];
  std::snprintf(line, sizeof line, "%-20s %-10s %10s %10s %8s %9s %9s %9s %6s %10s\n", "node", "type", "arrivals",
                "ok/s", "errors", "ok p50ms", "ok p99ms", "ok max ms", "util", "cost $");
  out += line;
  for (uint32_t i = 0; i < sim.node_count(); ++i) {
    NodeId n{i};
    const NodeMetrics& m = sim.metrics(n);
    double span = static_cast<double>(sim.now());
    double b_area = m.busy.area + static_cast<double>(m.busy.value) * static_cast<double>(sim.now() - m.busy.since);
    double util = span > 0 && m.capacity > 0 ? b_area / span / static_cast<double>(m.capacity) : 0;
    bool lat = m.latency.count() > 0;
    std::snprintf(line, sizeof line, "%-20.20s %-10.10s %10llu %10.1f %8llu %9s %9s %9s %5.0f%% %10.4f\n",
                  sim.info(n).id.c_str(), sim.info(n).type.c_str(), static_cast<unsigned long long>(m.arrivals),
                  secs > 0 ? static_cast<double>(m.completions) / secs : 0.0,
                  static_cast<unsigned long long>(m.errors()),
                  lat ? fixed(m.latency.percentile(50) / 1000.0, 2).c_str() : "-",
                  lat ? fixed(m.latency.percentile(99) / 1000.0, 2).c_str() : "-",
                  lat ? fixed(static_cast<double>(m.latency.max()) / 1000.0, 2).c_str() : "-", util * 100, m.cost_usd);
    out += line;
  }
  out += "(latency of served requests; refused and failed ones are timed apart, in the JSON report's failed_latency)\n";
  for (uint32_t i = 0; i < sim.node_count(); ++i)
    if (const auto b = sim.model(NodeId{i}).message_balance())
      out += sim.info(NodeId{i}).type + " " + sim.info(NodeId{i}).id + ": " + b->text(false) + "\n";
  std::snprintf(line, sizeof line, "\n%.1f simulated s, %llu events, trace_hash %s\n", secs,
                static_cast<unsigned long long>(sim.events_processed()), hex64(sim.trace_hash()).c_str());
  out += line;
  return out;
}

std::string series_csv(const Simulation& s) {
  // The declared metrics' columns: every key a node measures, in order of first appearance.
  std::vector<std::string> keys;
  for (uint32_t i = 0; i < s.node_count(); ++i) {
    const NodeMetrics& m = s.metrics(NodeId{i});
    for (size_t k = 0; k < m.metric_count(); ++k)
      if (m.def(k).applies && std::find(keys.begin(), keys.end(), m.def(k).key) == keys.end()) keys.push_back(m.def(k).key);
  }
  std::string out = "t_s,node,name,type,arrivals_per_s,ok_per_s,errors_per_s,p50_ms,p95_ms,p99_ms,queue,utilization,cost_per_hour";
  for (const std::string& k : keys) out += "," + k;
  out += "\n";
  char line[512];
  for (uint32_t i = 0; i < s.node_count(); ++i) {
    const NodeId n{i};
    const NodeMetrics& m = s.metrics(n);
    const NodeInfo& info = s.info(n);
    std::string name = info.name;
    std::replace(name.begin(), name.end(), '"', '\'');
    std::vector<int> column(keys.size(), -1);  // key -> this node's metric index
    for (size_t c = 0; c < keys.size(); ++c) {
      const int k = m.find_metric(keys[c]);
      if (k >= 0 && m.def(static_cast<size_t>(k)).applies) column[c] = k;
    }
    for (size_t j = 0; j < m.series.size(); ++j) {
      const SeriesPoint& p = m.series[j];
      std::snprintf(line, sizeof line, "%.1f,%s,\"%s\",%s,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.4f,%.6f", p.t_s,
                    info.id.c_str(), name.c_str(), info.type.c_str(), p.arrivals_per_s, p.completions_per_s,
                    p.errors_per_s, p.p50_ms, p.p95_ms, p.p99_ms, p.queue, p.utilization, p.cost_per_hour);
      out += line;
      for (int k : column) {
        out += ',';
        if (k < 0) continue;
        std::snprintf(line, sizeof line, "%.3f", m.point_values(j)[k]);
        out += line;
      }
      out += '\n';
    }
  }
  return out;
}

std::string event_log_line(const Built& b, const LogEntry& e, const std::string& fields, bool korean) {
  const Simulation& sim = *b.sim;
  char time[64];
  std::snprintf(time, sizeof time, "%12.6f s  ", to_seconds(e.time));
  std::string out = time;
  out += e.node < sim.node_count() ? sim.info(NodeId{e.node}).id : std::string("-");
  out += "  ";
  out += log_kind_name(e.kind);
  if (!fields.empty()) out += "  " + fields;
  out += "  ";
  out += korean && !e.text_ko.empty() ? e.text_ko : e.text_en;
  out += "\n";
  return out;
}

std::string event_log_text(const Built& b) {
  std::string out;
  for (const LogEntry& e : b.sim->event_log()) out += event_log_line(b, e, "", false);
  return out;
}

}  // namespace cp::engine
