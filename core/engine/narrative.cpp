// The run as a story: see narrative.h.
#include "core/engine/narrative.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <optional>
#include <tuple>

#include "core/doc/goals.h"
#include "core/doc/messages.h"

namespace cp::engine {
namespace {

using sim::LogEntry;
using sim::LogKind;
using sim::NodeId;

// Values as the story writes them: 85 ms, 2.5 ms; 35%, 0.4%.
std::string ms_text(double ms) {
  char b[32];
  std::snprintf(b, sizeof b, ms >= 10 ? "%.0f" : "%.1f", ms);
  return b;
}
std::string pct_text(double frac) {
  char b[32];
  std::snprintf(b, sizeof b, frac * 100 >= 10 || frac == 0 ? "%.0f%%" : "%.1f%%", frac * 100);
  return b;
}
std::string count_text(double n) {
  char b[32];
  std::snprintf(b, sizeof b, "%.0f", n);
  return b;
}
// A length of the run in Korean: "3분 10초", "40초".
std::string duration_ko(double s) {
  const long t = std::lround(std::max(0.0, s));
  if (t < 60) return std::to_string(t) + "초";
  return std::to_string(t / 60) + "분" + (t % 60 ? " " + std::to_string(t % 60) + "초" : std::string());
}
// "use1-az2 and use1-az3" / "use1-az2와 use1-az3"
std::string list_en(const std::vector<std::string>& w) { return doc::join_words(w); }
std::string list_ko(const std::vector<std::string>& w) {
  std::string out;
  for (size_t i = 0; i < w.size(); ++i) {
    if (i + 1 == w.size()) out += w[i];
    else if (i + 2 == w.size()) out += doc::with_and(w[i]) + " ";
    else out += w[i] + ", ";
  }
  return out;
}

struct Narrator {
  const Built& b;
  const sim::Simulation& s;
  const std::vector<LogEntry>& log;
  std::vector<StoryLine> lines;
  std::vector<bool> told;  // entries a line already tells

  explicit Narrator(const Built& built) : b(built), s(*built.sim), log(built.sim->event_log()), told(log.size(), false) {}

  std::string name(uint32_t node) const {
    if (node >= s.node_count()) return "";
    const sim::NodeInfo& i = s.info(NodeId{node});
    return i.name.empty() ? i.id : i.name;
  }
  std::string node_id(uint32_t node) const { return node < s.node_count() ? s.info(NodeId{node}).id : ""; }
  std::string az_id(uint32_t az) const { return az < s.topology().azs().size() ? s.topology().azs()[az].id : ""; }
  static double t(const LogEntry& e) { return sim::to_seconds(e.time); }

  StoryLine& add(double t_s, std::string en, std::string ko, const char* kind, int weight, uint32_t node = UINT32_MAX,
                 uint32_t az = UINT32_MAX) {
    StoryLine l;
    l.t_s = t_s, l.en = std::move(en), l.ko = std::move(ko), l.kind = kind, l.weight = weight;
    l.node = node_id(node), l.az = az_id(az);
    lines.push_back(std::move(l));
    return lines.back();
  }
  // An entry's own words, with its node's name in front when the text does not say it.
  std::pair<std::string, std::string> entry_text(const LogEntry& e) const {
    const std::string n = name(e.node);
    const std::string& ko = e.text_ko.empty() ? e.text_en : e.text_ko;
    if (n.empty() || e.text_en.find(n) != std::string::npos) return {e.text_en, ko};
    return {n + ": " + e.text_en, n + ": " + ko};
  }

  static bool is_scripted_fault(const LogEntry& e) {
    switch (e.kind) {
      case LogKind::AzDown: case LogKind::AzUp: case LogKind::RegionDown: case LogKind::RegionUp:
      case LogKind::LatencyInjected: case LogKind::Fault: return true;
      case LogKind::NodeDown: case LogKind::NodeUp: return std::strcmp(e.reason, "fault") == 0;
      default: return false;
    }
  }
  static bool is_failure(const LogEntry& e) {
    if (e.kind == LogKind::LatencyInjected) {
      const sim::LogField* f = e.find_field("added_ms");
      return f && f->value > 0;
    }
    return e.kind == LogKind::AzDown || e.kind == LogKind::RegionDown || e.kind == LogKind::NodeDown || e.kind == LogKind::Fault;
  }

  // The scripted faults, each a line; the instances that died with a failed AZ, Region or
  // node in the same second are counted on it.
  void faults() {
    for (size_t i = 0; i < log.size(); ++i) {
      const LogEntry& e = log[i];
      if (!is_scripted_fault(e)) continue;
      told[i] = true;
      auto [en, ko] = entry_text(e);
      size_t lost = 0;
      const bool down = e.kind == LogKind::AzDown || e.kind == LogKind::RegionDown || e.kind == LogKind::NodeDown;
      if (down)
        for (size_t k = 0; k < log.size(); ++k) {
          const LogEntry& d = log[k];
          if (told[k] || d.kind != LogKind::InstanceDied || std::fabs(t(d) - t(e)) > 1) continue;
          // An EC2 instance's entry may not name its AZ: its node's placement does.
          uint32_t d_az = d.az;
          if (d_az == UINT32_MAX && d.node < s.node_count() && s.info(NodeId{d.node}).placement.kind == sim::PlacementKind::Az)
            d_az = s.info(NodeId{d.node}).placement.az.v;
          const bool in_it = e.kind == LogKind::AzDown     ? d_az == e.az
                             : e.kind == LogKind::NodeDown ? d.node == e.node
                                                           : d_az < s.topology().azs().size() && s.topology().azs()[d_az].region.v == e.region;
          if (in_it) told[k] = true, ++lost;
        }
      if (lost) {
        en += "; " + std::to_string(lost) + (lost == 1 ? " instance" : " instances") + " lost";
        ko += ". 인스턴스 " + std::to_string(lost) + "개가 함께 중단되었습니다";
      }
      add(t(e), en, ko, "fault", is_failure(e) ? 100 : 80, e.node, e.az).count = 1 + lost;
    }
  }

  // Throttling that stops and starts again within kBurstGapS is one episode: a line when
  // it begins (with how often it came back) and one when it last ends.
  void throttling() {
    struct Episode { size_t began, times = 1; std::optional<size_t> ended; };
    std::map<uint32_t, Episode> open;
    auto close = [&](const Episode& ep) {
      const LogEntry& e = log[ep.began];
      auto [en, ko] = entry_text(e);
      if (ep.times > 1) {
        en += " (on and off, " + std::to_string(ep.times) + " times)";
        ko += "(" + std::to_string(ep.times) + "번 반복)";
      }
      add(t(e), en, ko, "limit", 55, e.node).count = ep.times;
      if (ep.ended) {
        auto [en2, ko2] = entry_text(log[*ep.ended]);
        add(t(log[*ep.ended]), en2, ko2, "recovered", 45, e.node);
      }
    };
    for (size_t i = 0; i < log.size(); ++i) {
      const LogEntry& e = log[i];
      if (e.kind != LogKind::ThrottlingBegan && e.kind != LogKind::ThrottlingEnded) continue;
      told[i] = true;
      auto it = open.find(e.node);
      if (e.kind == LogKind::ThrottlingEnded) {
        if (it != open.end()) it->second.ended = i;
        continue;
      }
      if (it != open.end() && (!it->second.ended || t(e) - t(log[*it->second.ended]) <= kBurstGapS)) {
        ++it->second.times;
        it->second.ended.reset();
        continue;
      }
      if (it != open.end()) close(it->second), open.erase(it);
      open.emplace(e.node, Episode{i});
    }
    for (const auto& [node, ep] : open) close(ep);
  }

  // Which entries tell nothing a learner needs, and how much the others weigh.
  int weight(const LogEntry& e) const {
    switch (e.kind) {
      case LogKind::Failover: return 75;
      case LogKind::InstanceLaunched: return 70;
      case LogKind::InstanceDied: return 65;
      case LogKind::NodeDown: case LogKind::NodeUp: return 60;
      case LogKind::QueueFull: case LogKind::MessageToDlq: return 55;
      case LogKind::ScaleOut: return 50;
      case LogKind::Warning: return 45;
      case LogKind::ScaleIn: return 25;
      case LogKind::InstanceTerminated: return std::strcmp(e.reason, "scale_in") == 0 ? 0 : 40;  // the scale-in line says it
      case LogKind::HealthChanged: {
        // A load balancer's target turning healthy follows a launch (that line says it);
        // Route 53's and Global Accelerator's health is their failover.
        const bool lb = e.node < s.node_count() && s.info(NodeId{e.node}).has(sim::Trait::LoadBalancer);
        const sim::LogField* h = e.find_field("healthy");
        if (lb) return h && h->value > 0 ? 0 : 40;
        return 75;
      }
      default: return 0;  // Info: the sample request, "launching", the first request...
    }
  }
  static const char* line_kind(const LogEntry& e) {
    switch (e.kind) {
      case LogKind::Failover: case LogKind::InstanceLaunched: case LogKind::ScaleOut: case LogKind::ScaleIn:
      case LogKind::NodeUp: case LogKind::HealthChanged: return "reaction";
      case LogKind::InstanceDied: case LogKind::InstanceTerminated: case LogKind::NodeDown: return "symptom";
      default: return "limit";
    }
  }

  // Every other entry worth telling, bursts grouped: the same node, kind, reason (and
  // health) within kBurstGapS of the burst's last entry.
  void bursts() {
    struct Burst { size_t first, last, count = 1; std::vector<std::string> azs; };
    std::vector<Burst> out;
    std::map<std::tuple<uint32_t, int, std::string, int>, size_t> open;  // key -> index in out
    for (size_t i = 0; i < log.size(); ++i) {
      const LogEntry& e = log[i];
      if (told[i] || weight(e) == 0) continue;
      if (e.kind == LogKind::InstanceLaunched && t(e) < 1) continue;  // the design starting up
      const sim::LogField* h = e.find_field("healthy");
      const auto key = std::make_tuple(e.node, static_cast<int>(e.kind), std::string(e.reason), h ? static_cast<int>(h->value) : -1);
      auto it = open.find(key);
      if (it != open.end() && t(e) - t(log[out[it->second].last]) <= kBurstGapS) {
        Burst& g = out[it->second];
        g.last = i, ++g.count;
        if (const std::string a = az_id(e.az); !a.empty() && std::find(g.azs.begin(), g.azs.end(), a) == g.azs.end()) g.azs.push_back(a);
        continue;
      }
      open[key] = out.size();
      out.push_back({i, i, 1, {}});
      if (const std::string a = az_id(e.az); !a.empty()) out.back().azs.push_back(a);
    }
    for (const Burst& g : out) {
      const LogEntry& e = log[g.first];
      const LogEntry& last = log[g.last];
      if (e.kind == LogKind::InstanceLaunched) {
        // Told when the last one is in service: what the group reacted with, and where.
        const std::string n = name(e.node), c = std::to_string(g.count);
        const std::string in_en = g.azs.empty() ? "" : " in " + list_en(g.azs);
        const std::string in_ko = g.azs.empty() ? "" : list_ko(g.azs) + "에서 ";
        add(t(last), n + ": " + c + (g.count == 1 ? " new instance" : " new instances") + " in service" + in_en,
            n + ": 새 인스턴스 " + c + "개가 " + in_ko + "서비스를 시작했습니다", "reaction", 70, e.node, e.az)
            .count = g.count;
        continue;
      }
      auto [en, ko] = entry_text(e);
      if (g.count > 1) {
        const std::string more = std::to_string(g.count - 1), until = doc::clock_text(std::floor(t(last)));
        en += " (and " + more + " more like it until " + until + ")";
        ko += "(" + until + "까지 같은 이벤트 " + more + "건 더)";
      }
      add(t(e), en, ko, line_kind(e), weight(e), e.node, e.az).count = g.count;
    }
  }

  // ---- the users' latency and errors, from the per-second series -------------------

  struct Users {
    uint32_t node = UINT32_MAX;
    double base_p99 = 0, base_err = 0, base_rps = 0;
    size_t base_points = 0;
    double start_s = -1;  // the first second with traffic
  };

  double first_failure_s() const {
    for (const LogEntry& e : log)
      if (is_scripted_fault(e) && is_failure(e)) return t(e);
    return -1;
  }

  // The baseline: the run before its first fault (or its first quarter, at least a
  // minute), its first seconds left out (connections and caches warming up).
  Users baseline(uint32_t node, double fault_s) const {
    Users u;
    u.node = node;
    const auto& series = s.metrics(NodeId{node}).series;
    const double duration = sim::to_seconds(b.duration);
    const double end = fault_s >= 0 ? fault_s : std::max(60.0, duration / 4);
    const double skip = std::min(10.0, end / 4);
    std::vector<double> p99, err;  // medians: a start-up hiccup does not move them
    double rps = 0;
    for (size_t i = 0; i < series.size(); ++i) {
      const sim::SeriesPoint& p = series[i];
      const double served = p.completions_per_s + p.errors_per_s;
      if (served > 0 && u.start_s < 0) u.start_s = p.t_s - p.interval_s;
      if (p.t_s <= skip || p.t_s > end || served <= 0) continue;
      if (p.completions_per_s > 0) p99.push_back(p.p99_ms);
      err.push_back(p.errors_per_s / served);
      rps += served;
      ++u.base_points;
    }
    auto median = [](std::vector<double>& v) {
      if (v.empty()) return 0.0;
      std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
      return v[v.size() / 2];
    };
    if (u.base_points) u.base_rps = rps / u.base_points;
    u.base_p99 = median(p99), u.base_err = median(err);
    return u;
  }

  // A metric's excursions on a node's series: kRise points in a row above `hi` begin one
  // (at the first), kCalm in a row at or below `lo` end it. value(i) is point i's value, or
  // nullopt for a point that says nothing (no traffic, or no request served for a latency).
  template <class Value, class Say>
  void excursions(uint32_t node, double hi, double lo, Value value, Say say) {
    constexpr int kRise = 3, kCalm = 10, kMaxPerMetric = 3;
    const auto& series = s.metrics(NodeId{node}).series;
    int above = 0, calm = 0, told_n = 0;
    bool in = false;
    size_t begin = 0, calm_from = 0;
    double peak = 0;
    for (size_t i = 0; i < series.size() && told_n < kMaxPerMetric; ++i) {
      const std::optional<double> v = value(i);
      if (!v) continue;
      if (!in) {
        above = *v > hi ? above + 1 : 0;
        if (above == 1) begin = i, peak = 0;
        if (above) peak = std::max(peak, *v);
        if (above >= kRise) in = true, calm = 0;
        continue;
      }
      if (*v <= lo) {
        if (calm++ == 0) calm_from = i;
        if (calm >= kCalm) {
          say(series[begin].t_s - series[begin].interval_s, peak, series[calm_from].t_s - series[calm_from].interval_s,
              value(calm_from).value_or(0));
          in = false, above = 0, ++told_n;
        }
      } else {
        calm = 0;
        peak = std::max(peak, *v);
      }
    }
    if (in) say(series[begin].t_s - series[begin].interval_s, peak, -1, 0);  // not back (yet)
  }

  // A backlog building inside the design: a node's waiting requests (or an SQS queue's
  // visible messages) far above their level before the first fault.
  void backlogs() {
    const double fault_s = first_failure_s();
    const double end = fault_s >= 0 ? fault_s : std::max(60.0, sim::to_seconds(b.duration) / 4);
    for (uint32_t n = 0; n < s.node_count(); ++n) {
      if (s.info(NodeId{n}).has(sim::Trait::Client)) continue;
      const sim::NodeMetrics& m = s.metrics(NodeId{n});
      const int visible = m.find_metric("visible");  // SQS: messages waiting to be received
      const bool messages = visible >= 0 && m.def(static_cast<size_t>(visible)).applies;
      auto value = [&](size_t i) -> std::optional<double> {
        return messages ? static_cast<double>(m.point_values(i)[visible]) : static_cast<double>(m.series[i].queue);
      };
      std::vector<double> before;
      for (size_t i = 0; i < m.series.size() && m.series[i].t_s <= end; ++i) before.push_back(*value(i));
      if (before.size() < 5) continue;
      std::nth_element(before.begin(), before.begin() + before.size() / 2, before.end());
      const double base = before[before.size() / 2];
      const std::string nm = name(n);
      const std::string what_en = messages ? " messages" : " requests", what_ko = messages ? "메시지 " : "요청 ";
      const std::string unit_ko = messages ? "개" : "건";
      excursions(n, std::max(50.0, 10 * base), std::max(10.0, 2 * base), value, [&](double from, double peak, double back, double back_v) {
        const std::string p = count_text(peak);
        add(from, nm + ": a backlog builds up, to " + p + what_en + " waiting (normally " + count_text(base) + ")",
            nm + ": 대기열에 밀린 " + what_ko + "수가 평소 " + count_text(base) + unit_ko + "에서 " + p + unit_ko + "까지 늘었습니다",
            "symptom", 60, n);
        if (back >= 0)
          add(back, nm + ": the backlog is drained (" + count_text(back_v) + what_en + " waiting) after " + doc::clock_text(back - from),
              nm + ": 밀린 " + what_ko + "수가 " + duration_ko(back - from) + " 만에 " + doc::with_direction(count_text(back_v) + unit_ko) + " 줄었습니다",
              "recovered", 55, n);
      });
    }
  }

  void users_lines() {
    const double fault_s = first_failure_s();
    std::vector<Users> users;
    for (uint32_t n = 0; n < s.node_count(); ++n)
      if (s.info(NodeId{n}).has(sim::Trait::Client)) {
        Users u = baseline(n, fault_s);
        if (u.base_points >= 5) users.push_back(u);
      }
    // The busiest sender opens the story.
    std::sort(users.begin(), users.end(), [](const Users& a, const Users& c) { return a.base_rps > c.base_rps; });
    if (!users.empty()) {
      const Users& u = users.front();
      const std::string n = name(u.node), rps = count_text(u.base_rps), p99 = ms_text(u.base_p99);
      add(std::max(0.0, u.start_s), "Traffic starts: about " + rps + " requests/s from " + n + "; p99 latency is about " + p99 + " ms",
          "트래픽이 시작됩니다. " + doc::with_subject(n) + " 초당 약 " + rps + "건의 요청을 보내고, p99 지연 시간은 약 " + p99 + "밀리초입니다",
          "start", 90, u.node);
    }
    for (const Users& u : users) {
      const std::string n = name(u.node);
      // p99 "well above": twice its baseline and at least 50 ms more; back below 1.5x (+25 ms).
      const auto& series = s.metrics(NodeId{u.node}).series;
      excursions(u.node, std::max(2 * u.base_p99, u.base_p99 + 50), std::max(1.5 * u.base_p99, u.base_p99 + 25),
                 [&](size_t i) -> std::optional<double> {
                   const sim::SeriesPoint& p = series[i];
                   if (p.completions_per_s <= 0) return std::nullopt;
                   return p.p99_ms;
                 },
                 [&](double from, double peak, double back, double back_v) {
                   add(from, n + ": p99 latency rose to " + ms_text(peak) + " ms (normally " + ms_text(u.base_p99) + " ms)",
                       n + ": p99 지연 시간이 평소 " + ms_text(u.base_p99) + "밀리초에서 " + ms_text(peak) + "밀리초까지 올랐습니다",
                       "symptom", 85, u.node);
                   if (back >= 0)
                     add(back, n + ": p99 latency is back to normal (" + ms_text(back_v) + " ms) after " + doc::clock_text(back - from),
                         n + ": p99 지연 시간이 " + duration_ko(back - from) + " 만에 평소 수준(" + ms_text(back_v) + "밀리초)으로 돌아왔습니다",
                         "recovered", 85, u.node);
                 });
      // Errors: 5 points of the requests above the baseline's share (and twice it); back within 2 points.
      excursions(u.node, std::max(u.base_err + 0.05, 2 * u.base_err), u.base_err + 0.02,
                 [&](size_t i) -> std::optional<double> {
                   const sim::SeriesPoint& p = series[i];
                   const double served = p.completions_per_s + p.errors_per_s;
                   if (served <= 0) return std::nullopt;
                   return p.errors_per_s / served;
                 },
                 [&](double from, double peak, double back, double back_v) {
                   add(from, n + ": errors rose to " + pct_text(peak) + " of requests (normally " + pct_text(u.base_err) + ")",
                       n + ": 오류율이 평소 " + pct_text(u.base_err) + "에서 " + pct_text(peak) + "까지 올랐습니다", "symptom", 85, u.node);
                   if (back >= 0)
                     add(back, n + ": errors are back to normal (" + pct_text(back_v) + ") after " + doc::clock_text(back - from),
                         n + ": 오류율이 " + duration_ko(back - from) + " 만에 평소 수준(" + pct_text(back_v) + ")으로 돌아왔습니다",
                         "recovered", 85, u.node);
                 });
    }
    // The end, when the run is over: what the busiest sender got over the whole run.
    if (users.empty() || s.now() < b.duration || b.duration <= 0) return;
    const Users& u = users.front();
    const sim::NodeMetrics& m = s.metrics(NodeId{u.node});
    const double total = static_cast<double>(m.completions + m.errors());
    if (total <= 0) return;
    const double err = static_cast<double>(m.errors()) / total;
    const std::string n = name(u.node), all = count_text(total), end = doc::clock_text(sim::to_seconds(b.duration));
    const std::string p99 = m.latency.count() ? ms_text(m.latency.percentile(99) / 1000.0) : "-";
    const bool calm = std::none_of(lines.begin(), lines.end(), [](const StoryLine& l) {
      return l.kind == "fault" || l.kind == "symptom" || l.kind == "limit";
    });
    const std::string failed_en = m.errors() ? pct_text(err) + " failed" : "none failed";
    const std::string failed_ko = m.errors() ? "요청 " + all + "건 중 " + pct_text(err) + "가 실패했" : "요청 " + all + "건이 모두 성공했";
    if (calm)
      add(sim::to_seconds(b.duration), "A calm run to " + end + ": nothing failed or slowed down; of the " + all + " requests from " + n + " " + failed_en + ", p99 latency " + p99 + " ms",
          end + "까지 조용한 실행이었습니다. 장애도 지연도 없었고, " + n + "의 " + failed_ko + "으며 p99 지연 시간은 " + p99 + "밀리초였습니다",
          "end", 95, u.node);
    else
      add(sim::to_seconds(b.duration), "The run ends at " + end + ": of the " + all + " requests from " + n + " " + failed_en + "; p99 latency over the run " + p99 + " ms",
          end + "에 실행이 끝났습니다. " + n + "의 " + failed_ko + "고, 실행 전체의 p99 지연 시간은 " + p99 + "밀리초였습니다",
          "end", 95, u.node);
  }
};

}  // namespace

std::vector<StoryLine> narrate(const Built& b, size_t max_lines) {
  if (!b.sim) return {};
  Narrator n(b);
  n.faults();
  n.throttling();
  n.bursts();
  n.backlogs();
  n.users_lines();
  // Keep the most important (ties: the earlier), then tell them in time order (ties: in
  // the order they were found: a fault before what followed it in the same second).
  std::vector<size_t> order(n.lines.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  const auto& L = n.lines;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t c) {
    return L[a].weight != L[c].weight ? L[a].weight > L[c].weight : L[a].t_s < L[c].t_s;
  });
  if (order.size() > max_lines) order.resize(max_lines);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t c) { return L[a].t_s != L[c].t_s ? L[a].t_s < L[c].t_s : a < c; });
  std::vector<StoryLine> lines;
  for (size_t i : order) lines.push_back(std::move(n.lines[i]));
  return lines;
}

std::string narrative_text(const std::vector<StoryLine>& lines, bool korean) {
  std::string out;
  char clock[32];
  for (const StoryLine& l : lines) {
    std::snprintf(clock, sizeof clock, "%7s  ", doc::clock_text(std::floor(l.t_s)).c_str());  // whole seconds, as the toolbar
    out += clock + l.text(korean) + "\n";
  }
  return out;
}

}  // namespace cp::engine
