#include "core/services/elb.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "core/doc/messages.h"
#include "core/services/autoscaling.h"
#include "core/services/ec2.h"
#include "core/services/http_request.h"
#include "core/sim/simulation.h"

namespace cp::services {
namespace {

using namespace cp::sim;

enum class Kind { Alb, Nlb, Clb, Gwlb };
enum Timer : uint16_t { kForward = 0 };
constexpr uint32_t kNodeTarget = UINT32_MAX;

struct KindSpec {
  Kind kind;
  const char* type;
  double interval_s, timeout_s, healthy, unhealthy;
  bool cross_zone, fail_open;
  double added_latency_ms;   // processing time added per request (simplified)
  double usd_per_hour, usd_per_lcu_hour, new_conn_per_lcu;
};

// AWS-FACTS: ELB / ALB health check — 30 s, timeout 5 s, healthy 5, unhealthy 2.
// AWS-FACTS: ELB / ALB cross-zone — always on for the LB. AWS-FACTS: ELB / Target states — all unhealthy: ALB fails open.
// AWS-FACTS: ELB / Price — ALB $0.0225/h + $0.008/LCU-h; LCU = max(25 new conn/s, ...).
// AWS-FACTS: ELB / Seed latency — no AWS figure: 1 ms (ALB) vs 0.1 ms (NLB) are this simulator's simplification.
const KindSpec kAlb{Kind::Alb, "alb", 30, 5, 5, 2, true, true, 1.0, 0.0225, 0.008, 25};
// AWS-FACTS: ELB / NLB health check — 30 s; timeout 10 s TCP; 5/2. AWS-FACTS: ELB / NLB cross-zone — off by default.
// NLB fail-open and price ($0.0225/h + $0.006/NLCU-h, 800 new flows/s per NLCU) ⚠ not in AWS-FACTS.
const KindSpec kNlb{Kind::Nlb, "nlb", 30, 10, 5, 2, false, true, 0.1, 0.0225, 0.006, 800};
// CLB: 30 s, 5 s, healthy 10, unhealthy 2, no fail-open (503), $0.025/h + $0.008/GB ⚠ not in AWS-FACTS.
const KindSpec kClb{Kind::Clb, "clb", 30, 5, 10, 2, true, false, 1.0, 0.025, 0, 0};
// AWS-FACTS: ELB / NLB health check — GENEVE 10 s, 3/3. GWLB cross-zone off (like NLB); timeout, fail-open, price ⚠.
const KindSpec kGwlb{Kind::Gwlb, "gwlb", 10, 5, 3, 3, false, true, 0.1, 0.0125, 0.004, 600};

enum class Hs { Initial, Healthy, Unhealthy, Draining };
const char* hs_en(Hs h) {
  switch (h) { case Hs::Initial: return "initial"; case Hs::Healthy: return "healthy"; case Hs::Unhealthy: return "unhealthy"; case Hs::Draining: return "draining"; }
  return "";
}
const char* hs_ko(Hs h) {
  switch (h) { case Hs::Initial: return "초기"; case Hs::Healthy: return "정상"; case Hs::Unhealthy: return "비정상"; case Hs::Draining: return "드레이닝"; }
  return "";
}

// ---- Listener rules (ALB) ---------------------------------------------------
// Limits from the ALB quotas and listener-rule pages (⚠ not in AWS-FACTS yet):
constexpr size_t kMaxRules = 100;            // rules per ALB, the default rule not counted
constexpr int kMaxPriority = 50000;          // a rule's priority is 1..50000, unique per listener
constexpr size_t kMaxValuesPerCondition = 3; // comparison strings per condition
constexpr size_t kMaxValuesPerRule = 5;      // condition values per rule
constexpr int kMaxWildcardsPerRule = 5;      // condition wildcards (* and ?) per rule
constexpr size_t kMaxPatternLength = 128;    // a path pattern or host name
constexpr size_t kFreeRuleEvals = 10;        // LCU: the first 10 rules processed per request are free (⚠)

struct Rule {
  int priority = 0;  // 1..50000; 0 for the default rule
  bool is_default = false;
  std::vector<std::string> paths, hosts;  // each condition: any value matches (OR); both conditions: AND
  std::vector<std::string> targets;       // node ids: the rule's target group
};

std::string trim(const std::string& s) {
  size_t a = s.find_first_not_of(" \t\n\r"), b = s.find_last_not_of(" \t\n\r");
  return a == std::string::npos ? std::string() : s.substr(a, b - a + 1);
}
std::vector<std::string> split(const std::string& s, char sep) { return catalog::split_list(s, sep); }
bool alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// AWS wildcards: * matches 0 or more characters, ? exactly one. Paths compare
// case-sensitively, hosts case-insensitively.
bool wildcard_match(const std::string& pattern, const std::string& s, bool ignore_case) {
  size_t p = 0, i = 0, star = std::string::npos, mark = 0;
  auto same = [&](char a, char b) { return ignore_case ? lower(a) == lower(b) : a == b; };
  while (i < s.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || (pattern[p] != '*' && same(pattern[p], s[i])))) {
      ++p;
      ++i;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = i;
    } else if (star != std::string::npos) {
      p = star + 1;
      i = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

bool rule_matches(const Rule& r, const std::string& path, const std::string& host) {
  auto any = [](const std::vector<std::string>& pats, const std::string& v, bool icase) {
    if (pats.empty()) return true;
    for (const std::string& p : pats)
      if (wildcard_match(p, v, icase)) return true;
    return false;
  };
  return any(r.paths, path, false) && any(r.hosts, host, true);
}

std::string rule_name(const Rule& r) {
  if (r.is_default) return "default rule";
  std::string n = "rule " + std::to_string(r.priority) + " (";
  auto join = [](const std::vector<std::string>& v) {
    std::string s;
    for (const std::string& x : v) s += (s.empty() ? "" : ",") + x;
    return s;
  };
  if (!r.paths.empty()) n += "path " + join(r.paths);
  if (!r.hosts.empty()) n += std::string(r.paths.empty() ? "" : ", ") + "host " + join(r.hosts);
  return n + ")";
}
std::string rule_name_ko(const Rule& r) {
  if (r.is_default) return "기본 규칙";
  std::string n = "규칙 " + std::to_string(r.priority) + "(";
  auto join = [](const std::vector<std::string>& v) {
    std::string s;
    for (const std::string& x : v) s += (s.empty() ? "" : ",") + x;
    return s;
  };
  if (!r.paths.empty()) n += "경로 " + join(r.paths);
  if (!r.hosts.empty()) n += std::string(r.paths.empty() ? "" : ", ") + "호스트 " + join(r.hosts);
  return n + ")";
}

// "10 path=/api/* -> api; 20 host=static.example.com path=/img/*,/css/* -> static-a,static-b; default -> web"
// Returns the rules by priority, the default rule (if written) last; on a
// mistake returns false with a sentence in English and Korean.
bool parse_rules(const std::string& text, std::vector<Rule>& out, catalog::Refusal& error) {
  out.clear();
  bool have_default = false;
  Rule def;
  for (const std::string& item : split(text, ';')) {
    const std::string shown = "\"" + item + "\": ";
    size_t arrow = item.find("->");
    if (arrow == std::string::npos) {
      error = {shown + "a rule is PRIORITY CONDITIONS -> TARGETS, e.g. \"10 path=/api/* -> api\", or \"default -> web\".",
               shown + "규칙은 \"우선순위 조건 -> 대상\" 형식으로 씁니다. 예: \"10 path=/api/* -> api\", \"default -> web\"."};
      return false;
    }
    Rule r;
    r.targets = split(item.substr(arrow + 2), ',');
    if (r.targets.empty()) {
      error = {shown + "name the node(s) after \"->\" that form the rule's target group.",
               shown + "\"->\" 뒤에 이 규칙의 대상 그룹을 이룰 노드를 적으세요."};
      return false;
    }
    for (const std::string& t : r.targets) {
      bool ok = t.size() <= 64;
      for (char c : t) ok = ok && (alnum(c) || c == '-' || c == '_');
      if (!ok) {
        error = {shown + "\"" + t + "\" is not a node id (letters, digits, '-' and '_'; separate several with commas).",
                 shown + doc::with_topic(doc::quote(t)) + " 노드 id가 아닙니다(영문자, 숫자, '-', '_'만 쓰고, 여러 개는 쉼표로 구분합니다)."};
        return false;
      }
    }
    std::vector<std::string> words = split(trim(item.substr(0, arrow)), ' ');
    if (words.size() == 1 && words[0] == "default") {
      if (have_default) {
        error = {shown + "there is already a default rule.", shown + "기본 규칙이 이미 있습니다. 기본 규칙은 하나만 둘 수 있습니다."};
        return false;
      }
      have_default = true;
      r.is_default = true;
      def = r;
      continue;
    }
    if (words.empty()) {
      error = {shown + "a rule starts with its priority (1 to 50000), e.g. \"10 path=/api/* -> api\".",
               shown + "규칙은 우선순위(1~50000)로 시작합니다. 예: \"10 path=/api/* -> api\"."};
      return false;
    }
    char* end = nullptr;
    long prio = std::strtol(words[0].c_str(), &end, 10);
    if (end != words[0].c_str() + words[0].size() || prio < 1 || prio > kMaxPriority) {
      error = {shown + "\"" + words[0] + "\" is not a priority: a rule starts with a whole number from 1 to 50000 "
                       "(lowest first), or is \"default -> ...\".",
               shown + doc::with_topic(doc::quote(words[0])) + " 우선순위가 아닙니다. 규칙은 1~50000의 정수(낮은 번호부터 평가)로 "
                       "시작하거나 \"default -> ...\" 형식이어야 합니다."};
      return false;
    }
    r.priority = static_cast<int>(prio);
    if (words.size() < 2) {
      error = {shown + "a rule needs a condition: path=PATTERN or host=NAME.",
               shown + "규칙에는 조건(path=패턴 또는 host=이름)이 필요합니다."};
      return false;
    }
    size_t values = 0;
    int wildcards = 0;
    for (size_t w = 1; w < words.size(); ++w) {
      size_t eq = words[w].find('=');
      std::string field = eq == std::string::npos ? words[w] : words[w].substr(0, eq);
      bool is_path = field == "path" || field == "path-pattern";
      bool is_host = field == "host" || field == "host-header";
      if (eq == std::string::npos || (!is_path && !is_host)) {
        error = {shown + "\"" + words[w] + "\" is not a condition: write path=/api/* or host=*.example.com "
                         "(other condition types are not modelled).",
                 shown + doc::with_topic(doc::quote(words[w])) + " 조건이 아닙니다. path=/api/* 또는 host=*.example.com 형식으로 쓰세요"
                         "(다른 조건 유형은 아직 시뮬레이션하지 않습니다)."};
        return false;
      }
      std::vector<std::string>& dest = is_path ? r.paths : r.hosts;
      if (!dest.empty()) {
        error = {shown + "a rule has at most one " + (is_path ? "path" : "host") + " condition; list several values "
                         "with commas instead (path=/a/*,/b/*).",
                 shown + "같은 종류의 조건은 규칙마다 하나만 둘 수 있습니다. 값이 여럿이면 쉼표로 나열하세요(path=/a/*,/b/*)."};
        return false;
      }
      dest = split(words[w].substr(eq + 1), ',');
      if (dest.empty()) {
        error = {shown + "\"" + words[w] + "\" has no value.", shown + "\"" + words[w] + "\"에 조건 값이 없습니다."};
        return false;
      }
      if (dest.size() > kMaxValuesPerCondition) {
        error = {shown + "a condition compares at most 3 values.", shown + "조건 하나에는 비교할 값을 최대 3개까지 쓸 수 있습니다."};
        return false;
      }
      values += dest.size();
      for (const std::string& v : dest) {
        if (v.size() > kMaxPatternLength) {
          error = {shown + "\"" + v + "\" is longer than 128 characters.",
                   shown + doc::with_topic(doc::quote(v)) + " 128자보다 깁니다. 값은 최대 128자입니다."};
          return false;
        }
        bool has_dot = false;
        for (char c : v) {
          if (c == '*' || c == '?') ++wildcards;
          has_dot = has_dot || c == '.';
          bool ok = alnum(c) || c == '*' || c == '?' || c == '-' || c == '_' || c == '.';
          if (is_path) {
            for (char k : std::string("$/~\"'@:+&")) ok = ok || c == k;
          }
          if (!ok) {
            error = {shown + "'" + std::string(1, c) + "' cannot be in a " + (is_path ? "path pattern" : "host name") +
                         (is_path ? " (letters, digits, _-.$/~\"'@:+& and the wildcards * and ?)"
                                  : " (letters, digits, '-', '.', '_' and the wildcards * and ?)") + ".",
                     shown + "'" + std::string(1, c) + "' 문자는 " + (is_path ? "경로 패턴" : "호스트 이름") +
                         "에 쓸 수 없습니다" +
                         (is_path ? "(영문자, 숫자, _-.$/~\"'@:+&, 와일드카드 *와 ?를 쓸 수 있습니다)."
                                  : "(영문자, 숫자, '-', '.', '_', 와일드카드 *와 ?를 쓸 수 있습니다).")};
            return false;
          }
        }
        if (is_host && !has_dot) {
          error = {shown + "a host name needs at least one '.', e.g. \"api.example.com\" or \"*.example.com\".",
                   shown + "호스트 이름에는 '.'이 하나 이상 있어야 합니다. 예: \"api.example.com\", \"*.example.com\"."};
          return false;
        }
      }
    }
    if (values > kMaxValuesPerRule) {
      error = {shown + "a rule compares at most 5 values in all.", shown + "규칙 하나의 조건 값은 모두 합쳐 최대 5개입니다."};
      return false;
    }
    if (wildcards > kMaxWildcardsPerRule) {
      error = {shown + "a rule may use at most 5 wildcards (* or ?).", shown + "규칙 하나에 와일드카드(* 또는 ?)는 최대 5개까지 쓸 수 있습니다."};
      return false;
    }
    for (const Rule& o : out)
      if (o.priority == r.priority) {
        error = {shown + "priority " + std::to_string(r.priority) + " is already used: each rule needs its own.",
                 shown + doc::with_topic("우선순위 " + std::to_string(r.priority)) + " 이미 다른 규칙이 쓰고 있습니다. 규칙마다 우선순위가 달라야 합니다."};
        return false;
      }
    out.push_back(std::move(r));
    if (out.size() > kMaxRules) {
      error = {"an Application Load Balancer has at most 100 rules besides the default rule.",
               "Application Load Balancer에는 기본 규칙 외에 규칙을 최대 100개까지 둘 수 있습니다."};
      return false;
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const Rule& a, const Rule& b) { return a.priority < b.priority; });
  if (have_default) out.push_back(std::move(def));
  return true;
}

// What the load balancer does with requests that match a rule.
struct TargetGroup {
  std::string name, name_ko;   // "rule 10 (path /api/*)"; empty when there are no rules
  std::vector<NodeId> nodes;   // the nodes whose targets are in it (unused when `all`)
  bool all = false;            // every target (no listener rules)
  bool fixed_404 = false;      // default rule with nowhere to forward: fixed response 404
  uint64_t requests = 0, no_target = 0;
  uint64_t rr = 0;             // round-robin position
  bool failing = false;        // answering 503 now (logged once per episode)
  bool sampled = false;        // a sample request has been logged
};

// An AZ the load balancer is enabled in (it has a node there) and its address.
struct LbAz {
  AzId az;
  std::string name, ip;
};

struct Target {
  ConnId conn;
  NodeId node;
  uint32_t inst = kNodeTarget;
  AzId az;
  Hs state = Hs::Healthy;
  int pass = 0, fail = 0;
  SimTime next_check = 0;
  SimTime fail_due = -1;     // a failing check concludes when its timeout elapses
  bool seen = true;
};

struct Config {
  KindSpec spec;
  SimTime interval, timeout;
  int healthy, unhealthy;
  bool cross_zone, fail_open, sticky;
  SimTime sticky_duration, dereg_delay, added;
  std::vector<Rule> rules;  // ALB listener rules by priority, the default rule (if written) last
};

class Elb final : public ModelBase<Elb>, public ListenerReport {
public:
  explicit Elb(Config c) : c_(std::move(c)) {}

  void start(Simulation& sim) override {
    sim.metrics(id()).capacity = 0;
    targets_gauge_ = sim.gauge(id(), "targets");
    healthy_gauge_ = sim.gauge(id(), "healthy_targets");
  }

  // Targets are discovered once every model has started, so an Auto Scaling
  // group listed after the load balancer is already registered and in service
  // at 0 s (the run begins with the architecture deployed).
  void started(Simulation& sim) override {
    refresh_targets(sim, true);
    for (Target& t : targets_) t.state = Hs::Healthy;  // registered and healthy before the run began
    build_target_groups(sim);
    if (c_.spec.kind == Kind::Nlb && !lb_azs_.empty()) {
      std::string ips;
      for (const LbAz& a : lb_azs_) ips += (ips.empty() ? "" : ", ") + a.name + " " + a.ip;
      // AWS-FACTS: ELB / NLB static IP — one IP per AZ, fixed for the load balancer's life.
      sim.log(id(), LogKind::Info, "static IP per enabled AZ (fixed for the load balancer's life): " + ips,
              "활성화된 가용 영역마다 고정 IP 하나(로드 밸런서가 있는 동안 바뀌지 않음): " + ips).because("static_ips");
    }
    sync_metrics(sim);
  }

  std::vector<ListenerRuleStats> listener_rules() const override {
    std::vector<ListenerRuleStats> v;
    for (const TargetGroup& g : tgs_) v.push_back({g.name.empty() ? "default rule" : g.name, g.requests, g.no_target});
    return v;
  }
  std::vector<std::pair<std::string, std::string>> lb_addresses() const override {
    std::vector<std::pair<std::string, std::string>> v;
    for (const LbAz& a : lb_azs_) v.push_back({a.name, a.ip});
    return v;
  }

  void on_request(Simulation& sim, ReqHandle h) override {
    sim.schedule_timer(id(), sim.now() + c_.added, kForward, h.v);
  }

  void on_timer(Simulation& sim, uint16_t, uint64_t payload) override { route(sim, ReqHandle{payload}); }

  void on_response(Simulation& sim, ReqHandle parent, const Request&, Outcome o) override {
    // A target that did not answer is a 502/504 from the load balancer.
    sim.respond(parent, o == Outcome::Unreachable || o == Outcome::TimedOut ? Outcome::ServerError : o);
  }

  void on_second(Simulation& sim) override {
    refresh_targets(sim, false);
    SimTime now = sim.now();
    for (Target& t : targets_) {
      if (t.state == Hs::Draining) continue;
      if (t.fail_due >= 0 && now >= t.fail_due) {
        t.fail_due = -1;
        verdict(sim, t, false);
      }
      if (now >= t.next_check) {
        t.next_check += c_.interval;
        if (probe(sim, t)) verdict(sim, t, true);
        else if (t.fail_due < 0) t.fail_due = now + c_.timeout;
      }
    }
    // Cost: hours + capacity units (each request counted as a new connection).
    NodeMetrics& m = sim.metrics(id());
    uint64_t reqs = m.arrivals - last_arrivals_;
    last_arrivals_ = m.arrivals;
    double cost = c_.spec.usd_per_hour / 3600.0;
    if (c_.spec.new_conn_per_lcu > 0) {
      double lcu = static_cast<double>(reqs) / c_.spec.new_conn_per_lcu;
      // AWS-FACTS: ELB / Price — 1,000 rule evaluations/s per LCU (the first 10 rules free ⚠).
      size_t rules = c_.rules.size() - (!c_.rules.empty() && c_.rules.back().is_default ? 1 : 0);
      if (rules > kFreeRuleEvals) {
        double evals = static_cast<double>(reqs) * static_cast<double>(rules - kFreeRuleEvals) / 1000.0;
        if (evals > lcu) lcu = evals;
      }
      cost += lcu * c_.spec.usd_per_lcu_hour / 3600.0;
    }
    m.cost_usd += cost;
    sync_metrics(sim);
  }

  StatusText status() const override {
    int healthy = 0;
    for (const Target& t : targets_) healthy += t.state == Hs::Healthy;
    const std::string h = std::to_string(healthy) + "/" + std::to_string(targets_.size());
    StatusText s{h + " targets healthy", "정상 대상 " + h};
    if (!c_.rules.empty()) {
      std::string en, ko;
      for (const TargetGroup& g : tgs_) {
        const std::string n = " " + std::to_string(g.requests) +
                              (g.no_target ? " (" + std::to_string(g.no_target) + (g.fixed_404 ? " × 404)" : " × 503)") : "");
        en += " " + g.name + n + ",";
        ko += " " + (g.name_ko.empty() ? g.name : g.name_ko) + n + ",";
      }
      en.pop_back();
      ko.pop_back();
      s.en += "; rules:" + en;
      s.ko += "; 규칙별 요청:" + ko;
    }
    std::string ips;
    for (const LbAz& a : lb_azs_) ips += (ips.empty() ? "" : ", ") + a.name + " " + a.ip;
    switch (c_.spec.kind) {
      case Kind::Alb:
      case Kind::Clb:
        s.en += "; targets see the load balancer's private IP as source (" + ips + "), the client's IP in X-Forwarded-For";
        s.ko += "; 대상은 로드 밸런서의 프라이빗 IP(" + ips + ")를 소스로 보고, 클라이언트 IP는 X-Forwarded-For 헤더로 받습니다";
        break;
      case Kind::Nlb:
        s.en += "; static IPs " + ips + "; targets see the client's own IP as source (preserved)";
        s.ko += "; 고정 IP " + ips + "; 대상은 클라이언트 IP를 그대로 소스로 봅니다(보존됨)";
        break;
      case Kind::Gwlb:
        s.en += "; transparent: appliances see the original source and destination IPs (GENEVE)";
        s.ko += "; 투명하게 전달: 어플라이언스는 원래 소스·대상 IP를 그대로 봅니다(GENEVE)";
        break;
    }
    return s;
  }

private:
  // Is the target answering now (what one health check would see)?
  bool probe(Simulation& sim, const Target& t) {
    if (!sim.node_up(t.node)) return false;
    if (t.inst != kNodeTarget) {
      auto* src = dynamic_cast<TargetGroupSource*>(&sim.model(t.node));
      if (!src) return false;
      src->list_targets(sim, scratch_);
      for (const GroupTarget& g : scratch_)
        if (g.instance == t.inst) return g.answers;
      return false;
    }
    if (auto* hc = dynamic_cast<const HealthCheckable*>(&sim.model(t.node))) return hc->passes_health_check(sim);
    return true;
  }

  void verdict(Simulation& sim, Target& t, bool ok) {
    Hs before = t.state;
    if (ok) {
      t.fail = 0;
      ++t.pass;
      // AWS-FACTS: ELB / Target states — a new target needs 1 pass; an unhealthy one the healthy threshold.
      if (t.state == Hs::Initial || (t.state == Hs::Unhealthy && t.pass >= c_.healthy)) t.state = Hs::Healthy;
    } else {
      t.pass = 0;
      ++t.fail;
      if (t.state != Hs::Unhealthy && t.fail >= c_.unhealthy) t.state = Hs::Unhealthy;
    }
    if (t.state != before) {
      std::string name = target_name(sim, t);
      sim.log(id(), LogKind::HealthChanged, "target " + name + ": " + hs_en(before) + " → " + hs_en(t.state),
              "대상 " + name + ": " + hs_ko(before) + " → " + hs_ko(t.state)).because("health_check").naming(t.node.v).about_instance(t.inst == kNodeTarget ? 0 : t.inst).field("healthy", t.state == Hs::Healthy ? 1 : 0);
      if (t.inst != kNodeTarget)
        if (auto* src = dynamic_cast<TargetGroupSource*>(&sim.model(t.node)))
          src->report_lb_health(t.inst, t.state != Hs::Unhealthy);
    }
  }

  std::string target_name(const Simulation& sim, const Target& t) const {
    std::string n = sim.info(t.node).id;
    if (t.inst != kNodeTarget) n += "/i-" + std::to_string(t.inst);
    return n;
  }

  void add_target(Simulation& sim, ConnId c, NodeId node, uint32_t inst, AzId az, bool at_start) {
    Target t;
    t.conn = c;
    t.node = node;
    t.inst = inst;
    t.az = az;
    t.state = at_start ? Hs::Healthy : Hs::Initial;
    // Checks of different targets are spread over the interval.
    t.next_check = sim.now() + 1 + static_cast<SimTime>(sim.rng().below(static_cast<uint64_t>(c_.interval)));
    targets_.push_back(t);
    enable_az(sim, az, at_start);
  }

  // The load balancer has a node (an address) in every AZ it has had a target in;
  // an NLB's per-AZ static IP never changes once given.
  void enable_az(Simulation& sim, AzId az, bool at_start) {
    if (!az.valid()) return;
    for (const LbAz& a : lb_azs_)
      if (a.az == az) return;
    LbAz a{az, sim.topology().az(az).id,
           c_.spec.kind == Kind::Nlb ? nlb_static_ip(id(), az) : lb_private_ip(id(), az)};
    if (c_.spec.kind == Kind::Nlb && !at_start)
      sim.log(id(), LogKind::Info, "enabled in " + a.name + " with static IP " + a.ip,
              a.name + "에서 활성화, 고정 IP " + a.ip).because("az_enabled");
    auto pos = std::lower_bound(lb_azs_.begin(), lb_azs_.end(), a, [](const LbAz& x, const LbAz& y) { return x.az.v < y.az.v; });
    lb_azs_.insert(pos, std::move(a));
  }
  const LbAz* lb_az(uint32_t az) const {
    for (const LbAz& a : lb_azs_)
      if (a.az.v == az) return &a;
    return nullptr;
  }

  // One target group per rule (in priority order) and one for the default action.
  void build_target_groups(Simulation& sim) {
    tgs_.clear();
    if (c_.rules.empty()) {
      TargetGroup g;
      g.all = true;
      tgs_.push_back(std::move(g));
      return;
    }
    std::vector<NodeId> connected;
    for (ConnId c : sim.outgoing(id())) connected.push_back(sim.connection(c).to);
    std::vector<bool> named(connected.size(), false);
    auto node_of = [&](const std::string& nid) -> int {
      for (size_t i = 0; i < connected.size(); ++i)
        if (sim.info(connected[i]).id == nid) return static_cast<int>(i);
      return -1;
    };
    bool have_default = c_.rules.back().is_default;
    for (const Rule& r : c_.rules) {
      TargetGroup g;
      g.name = rule_name(r);
      g.name_ko = rule_name_ko(r);
      for (const std::string& t : r.targets) {
        int i = node_of(t);
        if (i < 0) {
          sim.log(id(), LogKind::Warning,
                  g.name + " forwards to \"" + t + "\", which this load balancer has no connection to: that part of its "
                  "target group is empty (no healthy target: 503).",
                  doc::with_subject(g.name_ko) + " " + doc::with_direction(doc::quote(t)) + " 전달하지만 이 로드 밸런서는 그 노드와 연결되어 있지 않습니다. "
                  "대상 그룹의 그 부분은 비어 있습니다(정상 대상 없음: 503).").because("rule_target_not_connected");
          continue;
        }
        named[i] = named[i] || !r.is_default;
        if (std::find(g.nodes.begin(), g.nodes.end(), connected[i]) == g.nodes.end()) g.nodes.push_back(connected[i]);
      }
      tgs_.push_back(std::move(g));
    }
    if (!have_default) {
      // No default rule written: the default action forwards to the targets no
      // rule names; when every target is named, it is a fixed 404 response.
      TargetGroup g;
      g.name = "default rule";
      g.name_ko = "기본 규칙";
      for (size_t i = 0; i < connected.size(); ++i)
        if (!named[i]) g.nodes.push_back(connected[i]);
      g.fixed_404 = g.nodes.empty();
      tgs_.push_back(std::move(g));
    } else {
      for (size_t i = 0; i < connected.size(); ++i) {
        bool used = named[i];
        for (NodeId n : tgs_.back().nodes) used = used || n == connected[i];
        if (!used)
          sim.log(id(), LogKind::Warning,
                  "\"" + sim.info(connected[i]).id + "\" is in no rule's target group: it gets no traffic.",
                  doc::with_topic(doc::quote(sim.info(connected[i]).id)) + " 어느 규칙의 대상 그룹에도 없어 트래픽을 받지 않습니다.").because("target_in_no_rule").naming(connected[i].v);
      }
    }
  }

  bool in_group(const TargetGroup& g, const Target& t) const {
    if (g.all) return true;
    for (NodeId n : g.nodes)
      if (n == t.node) return true;
    return false;
  }

  // Which target group a request goes to: the first rule (lowest priority
  // number) whose conditions all match, else the default rule.
  uint32_t pick_group(Simulation& sim, ReqHandle h) {
    HttpOrigin o = http_origin(sim, h);
    uint64_t cache_key = (static_cast<uint64_t>(o.client.v) << 32) | o.tag;
    auto it = match_cache_.find(cache_key);
    if (it != match_cache_.end()) return it->second;
    HttpView v = http_view(sim, o);
    uint32_t g = static_cast<uint32_t>(tgs_.size() - 1);
    for (uint32_t i = 0; i < c_.rules.size(); ++i) {
      if (c_.rules[i].is_default) break;
      if (rule_matches(c_.rules[i], *v.path, *v.host)) {
        g = i;
        break;
      }
    }
    match_cache_.emplace(cache_key, g);
    return g;
  }

  // A sample request written to the event log (the first one of each target
  // group): what the target sees as source IP, and X-Forwarded-For.
  void log_sample(Simulation& sim, ReqHandle h, const TargetGroup& g, const Target& t, uint32_t lb_az_v) {
    const Request& r = sim.request(h);
    HttpOrigin o = http_origin(sim, h);
    std::string client = client_ip(o.client.valid() ? o.client.v : 0, r.key);
    // An HTTP proxy in front (CloudFront) adds its own address after the
    // client's: X-Forwarded-For reads "client, proxy" (made-up edge address).
    std::string xff = client;
    if (r.caller.valid() && r.caller.v != r.origin && sim.info(r.caller).has(Trait::HttpProxy))
      xff += ", " + ipv4(192, 0, 2, 200 + r.caller.v % 50) + " (CloudFront)";
    std::string target = target_name(sim, t);
    const LbAz* a = lb_az(lb_az_v);
    std::string az = a ? a->name : "?", ip = a ? a->ip : "?";
    std::string en, ko;
    switch (c_.spec.kind) {
      case Kind::Alb:
      case Kind::Clb: {
        HttpView v = http_view(sim, o);
        std::string method = r.kind == RequestKind::Write ? "POST" : "GET";
        std::string req = method + " http://" + *v.host + *v.path;
        std::string via = g.name.empty() ? "" : " → " + g.name;
        std::string via_ko = g.name_ko.empty() ? "" : " → " + g.name_ko;
        en = "sample request: client " + client + " → " + req + via + " → target " + target + ". The target sees source IP " +
             ip + " (this load balancer's node in " + az + ") and the client's IP in the header X-Forwarded-For: " + xff;
        ko = "요청 예시: 클라이언트 " + client + " → " + req + via_ko + " → 대상 " + target + ". 대상에서 보이는 소스 IP는 " +
             ip + "(" + az + "에 있는 이 로드 밸런서의 노드)이고, 클라이언트 IP는 X-Forwarded-For 헤더에 있습니다: " + xff;
        break;
      }
      case Kind::Nlb:
        en = "sample flow: client " + client + " → static IP " + ip + " (" + az + ") → target " + target +
             ". The target sees the client's own IP as source (" + client +
             "): an NLB preserves the client IP for instance targets, and adds no X-Forwarded-For (layer 4)";
        ko = "흐름 예시: 클라이언트 " + client + " → 고정 IP " + ip + "(" + az + ") → 대상 " + target +
             ". 대상에서 보이는 소스 IP는 클라이언트 자신의 IP(" + client +
             ")입니다. NLB는 인스턴스 대상에 클라이언트 IP를 그대로 전달하며 X-Forwarded-For를 붙이지 않습니다(4계층)";
        break;
      case Kind::Gwlb:
        en = "sample packet: client " + client + " → appliance " + target + " through GENEVE (UDP 6081). The appliance "
             "sees the original packet unchanged (source " + client + "): a Gateway Load Balancer is transparent, "
             "no address translation and no X-Forwarded-For";
        ko = "패킷 예시: 클라이언트 " + client + " → 어플라이언스 " + target + "(GENEVE, UDP 6081). 어플라이언스는 원래 "
             "패킷을 그대로 봅니다(소스 " + client + "). Gateway Load Balancer는 투명하여 주소를 바꾸지 않고 "
             "X-Forwarded-For도 없습니다";
        break;
    }
    sim.log(id(), LogKind::Info, en, ko).because("sample_packet");
  }

  void refresh_targets(Simulation& sim, bool at_start) {
    if (at_start) {
      for (ConnId c : sim.outgoing(id())) {
        NodeId to = sim.connection(c).to;
        if (auto* src = dynamic_cast<TargetGroupSource*>(&sim.model(to))) {
          src->set_deregistration_delay(c_.dereg_delay);
          groups_.push_back({c, to});
        } else {
          add_target(sim, c, to, kNodeTarget, sim.info(to).placement.az, true);
        }
      }
    }
    if (groups_.empty()) return;
    for (Target& t : targets_) t.seen = t.inst == kNodeTarget;
    for (const auto& [c, node] : groups_) {
      auto* src = dynamic_cast<TargetGroupSource*>(&sim.model(node));
      src->list_targets(sim, scratch_);
      for (const GroupTarget& g : scratch_) {
        Target* found = nullptr;
        for (Target& t : targets_)
          if (t.node == node && t.inst == g.instance) found = &t;
        if (!found) {
          add_target(sim, c, node, g.instance, g.az, at_start);
          targets_.back().seen = true;
          continue;
        }
        found->seen = true;
        if (g.draining && found->state != Hs::Draining) {
          std::string name = target_name(sim, *found);
          sim.log(id(), LogKind::HealthChanged, "target " + name + " deregistered: draining",
                  "대상 " + name + " 등록 취소: 드레이닝 중").because("deregistered").naming(found->node.v).about_instance(found->inst == kNodeTarget ? 0 : found->inst);
          found->state = Hs::Draining;
        }
      }
    }
    targets_.erase(std::remove_if(targets_.begin(), targets_.end(), [](const Target& t) { return !t.seen; }),
                   targets_.end());
  }

  void route(Simulation& sim, ReqHandle h) {
    uint32_t gi = c_.rules.empty() ? 0 : pick_group(sim, h);
    TargetGroup& g = tgs_[gi];
    ++g.requests;
    if (g.fixed_404) {
      ++g.no_target;
      sim.respond(h, Outcome::Rejected);  // the default action's fixed response: HTTP 404
      return;
    }
    cand_.clear();
    for (size_t i = 0; i < targets_.size(); ++i)
      if (targets_[i].state == Hs::Healthy && in_group(g, targets_[i])) cand_.push_back(i);
    if (cand_.empty() && c_.fail_open) {
      // AWS-FACTS: ELB / Target states — all targets unhealthy: the load balancer fails open
      // (per target group).
      for (size_t i = 0; i < targets_.size(); ++i)
        if (targets_[i].state != Hs::Draining && in_group(g, targets_[i])) cand_.push_back(i);
    }
    if (cand_.empty()) {
      ++g.no_target;
      if (!g.failing && !g.all) {
        g.failing = true;
        sim.log(id(), LogKind::Warning, g.name + ": no healthy target in its target group: answering 503 for its requests",
                g.name_ko + ": 대상 그룹에 정상 대상이 없어 해당 요청에 503으로 응답합니다").because("no_healthy_target");
      }
      sim.respond(h, Outcome::NoHealthyTarget);  // HTTP 503
      return;
    }
    if (g.failing) {
      g.failing = false;
      sim.log(id(), LogKind::Info, g.name + ": its target group has a target again", g.name_ko + ": 대상 그룹에 다시 대상이 있습니다").because("target_again");
    }
    // Client traffic is spread evenly over the load balancer's nodes, one per AZ
    // that has a routable target (DNS leaves out AZs with none).
    azs_.clear();
    for (size_t i : cand_) azs_.push_back(targets_[i].az.v);
    std::sort(azs_.begin(), azs_.end());
    azs_.erase(std::unique(azs_.begin(), azs_.end()), azs_.end());
    uint32_t lb_az = azs_[sim.rng().below(azs_.size())];
    if (!c_.cross_zone) {
      // Without cross-zone load balancing an LB node only uses targets in its own AZ.
      size_t k = 0;
      for (size_t i : cand_)
        if (targets_[i].az.v == lb_az) cand_[k++] = i;
      cand_.resize(k);
    }
    const Request& r = sim.request(h);
    uint64_t key = r.key;
    size_t pick = SIZE_MAX;
    // Stickiness is per target group (its own cookie).
    std::pair<uint32_t, uint64_t> sticky_key{gi, key};
    if (c_.sticky && key != 0) {
      // AWS-FACTS: ELB / Stickiness — LB cookie, default 1 day.
      auto it = sticky_.find(sticky_key);
      if (it != sticky_.end() && sim.now() < it->second.second) {
        for (size_t i : cand_)
          if (targets_[i].node == it->second.first.first && targets_[i].inst == it->second.first.second) pick = i;
      }
    }
    if (pick == SIZE_MAX) {
      if (c_.spec.kind == Kind::Alb || c_.spec.kind == Kind::Clb) pick = cand_[g.rr++ % cand_.size()];  // round robin
      else pick = cand_[sim.rng().below(cand_.size())];                                                  // flow hash
      if (c_.sticky && key != 0)
        sticky_[sticky_key] = {{targets_[pick].node, targets_[pick].inst}, sim.now() + c_.sticky_duration};
    }
    const Target& t = targets_[pick];
    if (!g.sampled) {
      g.sampled = true;
      log_sample(sim, h, g, t, lb_az);
    }
    RequestKind kind = r.kind;
    uint32_t size = r.size_bytes;
    sim.call(t.conn, h, kind, size, key, t.inst == kNodeTarget ? 0 : t.inst);
    if (!sim.connection(t.conn).policy.sync) sim.respond(h, Outcome::Ok);
  }

  void sync_metrics(Simulation& sim) {
    NodeMetrics& m = sim.metrics(id());
    int healthy = 0;
    for (const Target& t : targets_) healthy += t.state == Hs::Healthy;
    m.set(targets_gauge_, static_cast<double>(targets_.size()));
    m.set(healthy_gauge_, healthy);
  }

  Config c_;
  GaugeId targets_gauge_, healthy_gauge_;  // declared metrics (the descriptor's `metrics`)
  std::vector<Target> targets_;
  std::vector<std::pair<ConnId, NodeId>> groups_;
  std::vector<GroupTarget> scratch_;
  std::vector<size_t> cand_;
  std::vector<uint32_t> azs_;
  std::vector<TargetGroup> tgs_;
  std::vector<LbAz> lb_azs_;
  std::map<uint64_t, uint32_t> match_cache_;  // (client node, http tag) -> target group
  std::map<std::pair<uint32_t, uint64_t>, std::pair<std::pair<NodeId, uint32_t>, SimTime>> sticky_;
  uint64_t last_arrivals_ = 0;
};

// A rule that forwards to a node the document does not have is a mistake (a
// typo, most often): an error at nodes[i].params.rules. A node that exists but
// has no connection from the ALB only gives a warning when the run starts
// (its part of the target group is empty, so the rule answers 503).
std::vector<doc::Issue> check_rule_targets(const doc::Document& d) {
  std::vector<doc::Issue> out;
  std::vector<std::string> ids;
  for (const doc::NodeDoc& n : d.nodes) ids.push_back(n.id);
  for (size_t i = 0; i < d.nodes.size(); ++i) {
    const doc::NodeDoc& n = d.nodes[i];
    if (n.type != "alb" || !n.params.is_object()) continue;
    auto it = n.params.find("rules");
    if (it == n.params.end() || !it->is_string()) continue;
    std::vector<Rule> rules;
    catalog::Refusal error;
    if (!parse_rules(it->get<std::string>(), rules, error)) continue;  // the param check reports it
    for (const Rule& r : rules)
      for (const std::string& t : r.targets) {
        if (std::find(ids.begin(), ids.end(), t) != ids.end()) continue;
        out.push_back({"nodes[" + std::to_string(i) + "].params.rules",
                       rule_name(r) + " forwards to " + doc::quote(t) + ", which is not a node of this document." +
                           doc::did_you_mean(t, ids),
                       rule_name_ko(r) + "의 전달 대상 " + doc::with_topic(doc::quote(t)) + " 이 문서에 없는 노드입니다." +
                           doc::did_you_mean_ko(t, ids)});
      }
  }
  return out;
}

catalog::ServiceDescriptor make_descriptor(const KindSpec& k) {
  using catalog::ParamSpec;
  using catalog::ParamType;
  catalog::ServiceDescriptor d;
  d.type = k.type;
  d.category = catalog::Category::Networking;
  switch (k.kind) {
    case Kind::Alb:
      d.name = {"Application Load Balancer", "Application Load Balancer(ALB)"};
      d.summary = {"Layer 7 (HTTP/HTTPS) load balancer: spreads requests over healthy targets in every AZ (cross-zone on). "
                   "Listener rules send paths (/api/*) or hosts to different target groups. It ends the client's connection: "
                   "targets see the ALB's private IP as source and the client's IP in the X-Forwarded-For header.",
                   "7계층(HTTP/HTTPS) 로드 밸런서입니다. 모든 가용 영역의 정상 대상에 요청을 분산합니다(교차 영역 로드 밸런싱 켜짐). "
                   "리스너 규칙으로 경로(/api/*)나 호스트마다 다른 대상 그룹에 보냅니다. 클라이언트 연결을 ALB에서 끝내므로 "
                   "대상에는 ALB의 프라이빗 IP가 소스로 보이고, 클라이언트 IP는 X-Forwarded-For 헤더에 담깁니다."};
      break;
    case Kind::Nlb:
      d.name = {"Network Load Balancer", "Network Load Balancer(NLB)"};
      d.summary = {"Layer 4 (TCP/UDP) load balancer with lower added latency and one static IP per AZ. Cross-zone is off by default: "
                   "each AZ's node uses only its own AZ's targets. Instance targets see the client's own IP as source.",
                   "지연 시간이 더 짧고 가용 영역마다 고정 IP가 하나씩 있는 4계층(TCP/UDP) 로드 밸런서입니다. 교차 영역 로드 밸런싱이 "
                   "기본으로 꺼져 있어 각 가용 영역의 노드는 자기 가용 영역의 대상만 사용합니다. 인스턴스 대상에는 클라이언트 자신의 IP가 소스로 보입니다."};
      break;
    case Kind::Clb:
      d.name = {"Classic Load Balancer", "Classic Load Balancer(CLB)"};
      d.summary = {"The previous-generation load balancer. With no healthy instance it answers 503. No listener rules; "
                   "instances see the CLB's IP as source and the client's IP in X-Forwarded-For (HTTP listener).",
                   "이전 세대 로드 밸런서입니다. 정상 인스턴스가 없으면 503으로 응답합니다. 리스너 규칙이 없으며, 인스턴스에는 "
                   "CLB의 IP가 소스로 보이고 클라이언트 IP는 X-Forwarded-For에 담깁니다(HTTP 리스너)."};
      break;
    case Kind::Gwlb:
      d.name = {"Gateway Load Balancer", "Gateway Load Balancer(GWLB)"};
      d.summary = {"Layer 3 load balancer that inserts appliances (firewalls) into the traffic path (GENEVE). It is transparent: "
                   "appliances see the original packets, client IP included.",
                   "트래픽 경로에 방화벽 같은 어플라이언스를 끼워 넣는 3계층 로드 밸런서입니다(GENEVE). 투명하게 동작하여 "
                   "어플라이언스는 클라이언트 IP를 포함한 원래 패킷을 그대로 봅니다."};
      break;
  }
  d.simplifications = {
      "Targets are the outgoing connections (an Auto Scaling group contributes each instance). Without listener rules there is one "
      "target group. ALB listener rules match only path-pattern and host-header conditions (no methods, headers, query strings, "
      "source IPs, redirects or weighted forwards) and a rule's target group is the nodes it names. "
      "A health check sees whether the target is up and running (not its response time) and a failing check concludes when its timeout elapses; checks are evaluated once per simulated second. "
      "The load balancer's nodes are the AZs that have a routable target; client requests are split evenly among them. "
      "Added latency is a fixed simplification (ALB and CLB 1 ms, NLB and GWLB 0.1 ms), not an AWS figure. ALB/CLB route round robin, NLB/GWLB by a random flow hash. "
      "Capacity units count each request as a new connection (an upper bound). IP addresses are made up (documentation ranges and a 10.0.0.0/16 VPC); "
      "the CLB is taken to have an HTTP listener (a TCP listener would show the load balancer's IP without X-Forwarded-For). Slow start and idle timeouts are not modelled.",
      "대상은 나가는 연결입니다(Auto Scaling 그룹은 인스턴스 하나하나가 대상). 리스너 규칙이 없으면 대상 그룹은 하나입니다. "
      "ALB 리스너 규칙은 경로 패턴(path-pattern)과 호스트 헤더(host-header) 조건만 비교하며(HTTP 메서드, 헤더, 쿼리 문자열, 소스 IP, 리디렉션, "
      "가중치 전달은 다루지 않음) 규칙의 대상 그룹은 규칙에 적은 노드들입니다. "
      "상태 확인은 대상이 실행 중인지만 보고(응답 시간은 보지 않음) 실패한 확인은 제한 시간이 지나야 결론이 납니다. 상태 확인은 시뮬레이션 시간 1초마다 평가합니다. "
      "로드 밸런서 노드는 라우팅 가능한 대상이 있는 가용 영역마다 하나이며, 클라이언트 요청은 이 노드들에 고르게 나뉩니다. "
      "추가 지연 시간은 고정된 단순화 값(ALB·CLB 1밀리초, NLB·GWLB 0.1밀리초)이며 AWS 수치가 아닙니다. ALB/CLB는 라운드 로빈, NLB/GWLB는 무작위 흐름 해시로 분산합니다. "
      "용량 단위(LCU)는 요청마다 새 연결로 계산합니다(상한). IP 주소는 지어낸 값입니다(문서용 주소 범위와 10.0.0.0/16 VPC). "
      "CLB는 HTTP 리스너로 가정합니다(TCP 리스너라면 대상에 로드 밸런서 IP가 보이고 X-Forwarded-For가 없습니다). 느린 시작과 유휴 제한 시간은 다루지 않습니다."};
  d.placement = PlacementKind::Region;
  d.traits = sim::Traits(sim::Trait::LoadBalancer);
  d.icon = catalog::Icon::Balancer;
  if (k.kind == Kind::Nlb)
    d.lint_rules = {
        {"nlb-uneven-without-cross-zone",
         [](const doc::Document& d, const doc::NodeDoc& n) -> std::optional<catalog::Finding> {
           const nlohmann::json* cz = catalog::set_param(n, "cross_zone");
           if (cz && cz->is_boolean() && cz->get<bool>()) return std::nullopt;  // AWS-FACTS: ELB: NLB cross-zone off by default
           std::map<std::string, int> per_az;
           for (const doc::NodeDoc* t : d.callees(n.id))
             if (catalog::has_trait(t->type, Trait::InstanceHost) && !t->az.empty()) ++per_az[t->az];
           if (per_az.size() < 2) return std::nullopt;
           int lo = 1 << 30, hi = 0;
           for (auto& [az, c] : per_az) lo = std::min(lo, c), hi = std::max(hi, c);
           if (lo == hi) return std::nullopt;
           std::string counts;
           for (auto& [az, c] : per_az) counts += (counts.empty() ? "" : ", ") + az + ": " + std::to_string(c);
           return catalog::Finding{"", catalog::Severity::Warning,
                                   "Network Load Balancer " + n.id + " has cross-zone load balancing off and uneven targets per AZ (" +
                                       counts + "): each AZ's node gets an equal share of the traffic, so the targets in the smaller AZ "
                                       "carry more each. Turn cross-zone on or even out the AZs.",
                                   "Network Load Balancer " + doc::with_topic(n.id) + " 교차 영역 로드 밸런싱이 꺼져 있고 가용 영역별 대상 수가 다릅니다(" +
                                       counts + "). 가용 영역마다 트래픽을 똑같이 나누므로 대상이 적은 가용 영역의 인스턴스가 더 많은 부하를 "
                                       "받습니다. 교차 영역 로드 밸런싱을 켜거나 가용 영역별 대상 수를 맞추세요.",
                                   {n.id}, "ELB / NLB cross-zone"};
         }},
    };
  d.can_call = {"ec2", "asg", "compute"};
  auto add = [&](ParamSpec p) { d.params.push_back(std::move(p)); };
  const char* hc_fact = k.kind == Kind::Alb ? "ELB / ALB health check" : k.kind == Kind::Clb ? "" : "ELB / NLB health check";
  add({"health_interval_s", ParamType::Float, {"Health check interval", "상태 확인 간격"},
       {"Time between two health checks of one target.", "한 대상에 대한 상태 확인 사이의 시간입니다."}, "s", 5, 300, k.interval_s, {}, hc_fact});
  add({"health_timeout_s", ParamType::Float, {"Health check timeout", "상태 확인 제한 시간"},
       {"A check with no answer in this time fails.", "이 시간 안에 응답이 없으면 상태 확인이 실패합니다."}, "s", 2, 120, k.timeout_s, {}, hc_fact});
  add({"healthy_threshold", ParamType::Int, {"Healthy threshold", "정상 임계값"},
       {"Consecutive passes before an unhealthy target is healthy again.", "비정상 대상이 다시 정상이 되기까지 연속으로 통과해야 하는 횟수입니다."}, "", 2, 10, k.healthy, {}, hc_fact});
  add({"unhealthy_threshold", ParamType::Int, {"Unhealthy threshold", "비정상 임계값"},
       {"Consecutive failures before a target stops receiving traffic.", "대상이 트래픽을 더 받지 않게 되기까지 연속으로 실패해야 하는 횟수입니다."}, "", 2, 10, k.unhealthy, {}, hc_fact});
  add({"cross_zone", ParamType::Bool, {"Cross-zone load balancing", "교차 영역 로드 밸런싱"},
       {"On: every LB node spreads over targets in all AZs. Off: each AZ's node uses only its own AZ's targets.",
        "켜면 모든 로드 밸런서 노드가 모든 가용 영역의 대상에 분산합니다. 끄면 각 가용 영역의 노드는 자기 가용 영역의 대상만 사용합니다."},
       "", 0, 0, k.cross_zone, {}, k.kind == Kind::Alb ? "ELB / ALB cross-zone" : "ELB / NLB cross-zone"});
  add({"fail_open", ParamType::Bool, {"Fail open", "페일 오픈"},
       {"When every target is unhealthy, send to all of them anyway (instead of answering 503).",
        "모든 대상이 비정상이면 503으로 응답하는 대신 모든 대상에 보냅니다."}, "", 0, 0, k.fail_open, {}, "ELB / Target states"});
  add({"deregistration_delay_s", ParamType::Float, {"Deregistration delay", "등록 취소 지연"},
       {"How long a deregistering target may finish its in-flight requests (connection draining).",
        "등록 취소되는 대상이 처리 중인 요청을 마칠 수 있는 시간입니다(연결 드레이닝)."}, "s", 0, 3600, 300, {}, "ELB / Deregistration delay"});
  add({"sticky", ParamType::Bool, {"Sticky sessions", "고정 세션"},
       {"Send a user's requests (same key) to the same target while the cookie lasts; popular users skew the load.",
        "쿠키가 유효한 동안 한 사용자(같은 키)의 요청을 같은 대상으로 보냅니다. 요청이 많은 사용자가 몰린 대상은 부하가 커집니다."}, "", 0, 0, false, {}, "ELB / Stickiness"});
  add({"sticky_duration_s", ParamType::Float, {"Stickiness duration", "고정 기간"},
       {"Lifetime of the load balancer's cookie.", "로드 밸런서 쿠키의 수명입니다."}, "s", 1, 604800, 86400, {}, "ELB / Stickiness"});
  if (k.kind == Kind::Alb) {
    add({"rules", ParamType::String, {"Listener rules", "리스너 규칙"},
         {"Optional, separated by ';': PRIORITY CONDITIONS -> TARGETS, e.g. \"10 path=/api/* -> api; 20 host=static.example.com "
          "-> cdn-a,cdn-b; default -> web\". Lowest priority number first; the first rule whose conditions all match wins "
          "(path is case-sensitive, host is not; * matches any characters, ? one). Up to 3 values per condition "
          "(path=/a/*,/b/*), 5 per rule. A rule's target group is the connected nodes it names; with no healthy target it "
          "answers 503 (for its own requests only). Requests no rule matches take the default rule; without one, they go to "
          "the targets no rule names (or get 404 when there are none). Requests get their path and host from Users' "
          "\"paths\" and \"hosts\".",
          "선택 사항이며 ';'로 구분합니다. 형식: 우선순위 조건 -> 대상. 예: \"10 path=/api/* -> api; 20 host=static.example.com "
          "-> cdn-a,cdn-b; default -> web\". 우선순위 번호가 낮은 규칙부터 평가하며, 조건이 모두 맞는 첫 규칙이 적용됩니다"
          "(경로는 대소문자를 구분하고 호스트는 구분하지 않음. *는 여러 문자, ?는 한 문자). 조건 하나에 값은 최대 3개"
          "(path=/a/*,/b/*), 규칙 하나에 최대 5개입니다. 규칙의 대상 그룹은 규칙에 적은 연결된 노드들이며, 정상 대상이 없으면 "
          "그 규칙의 요청만 503으로 응답합니다. 어느 규칙에도 맞지 않는 요청은 기본 규칙(default)으로 가고, 기본 규칙이 없으면 "
          "어느 규칙에도 없는 대상으로 갑니다(그런 대상이 없으면 404). 요청의 경로와 호스트는 사용자(Users)의 "
          "\"paths\"와 \"hosts\"에서 옵니다."},
         "", 0, 20000, "", {}, ""});
  } else {
    // Only ALBs have listener rules: the param exists on the others so that a
    // document written for an ALB gets a sentence saying why, not "no such param".
    add({"rules", ParamType::String, {"Listener rules (ALB only)", "리스너 규칙(ALB 전용)"},
         {"Path and host rules are an Application Load Balancer feature; leave this empty.",
          "경로·호스트 규칙은 Application Load Balancer 기능입니다. 비워 두세요."},
         "", 0, 20000, "", {}, ""});
  }
  if (k.kind == Kind::Alb) d.validate_document = check_rule_targets;
  // "10 path=/api/* -> api, api2; default -> web": rules separated by ';', the names after each "->" are node ids.
  {
    ParamSpec& rules = catalog::param_spec(d, "rules");
    rules.list_separator = ';';
    rules.node_refs = true;
    rules.refs_after = "->";
  }
  Kind kind = k.kind;
  d.validate = [kind](const nlohmann::json& params) {
    std::vector<doc::Issue> out;
    if (!params.contains("rules") || !params["rules"].is_string()) return out;
    std::string text = params["rules"].get<std::string>();
    if (trim(text).empty()) return out;
    if (kind != Kind::Alb) {
      const char* why_en =
          kind == Kind::Nlb   ? "a Network Load Balancer forwards TCP/UDP connections (layer 4) without reading the HTTP path or Host header"
          : kind == Kind::Gwlb ? "a Gateway Load Balancer passes IP packets (layer 3, GENEVE) to appliances without reading them"
                               : "a Classic Load Balancer has no listener rules: every request may go to any registered instance";
      const char* why_ko =
          kind == Kind::Nlb   ? "NLB는 HTTP 경로나 Host 헤더를 읽지 않고 TCP/UDP 연결(4계층)을 전달합니다"
          : kind == Kind::Gwlb ? "GWLB는 IP 패킷(3계층, GENEVE)을 읽지 않고 어플라이언스에 넘깁니다"
                               : "CLB에는 리스너 규칙이 없어 모든 요청이 등록된 어느 인스턴스로든 갈 수 있습니다";
      out.push_back({"rules",
                     std::string("listener rules (path and host routing) are an Application Load Balancer feature: ") +
                         why_en + ". Leave \"rules\" empty, or use an Application Load Balancer (type \"alb\").",
                     std::string("경로·호스트 기반 리스너 규칙은 Application Load Balancer 기능입니다. ") + why_ko +
                         ". \"rules\"를 비우거나 Application Load Balancer(유형 \"alb\")를 쓰세요."});
      return out;
    }
    std::vector<Rule> rules;
    catalog::Refusal error;
    if (!parse_rules(text, rules, error)) out.push_back({"rules", error.en, error.ko});
    return out;
  };
  KindSpec spec = k;
  d.metrics = {
      {{"targets", MetricKind::Gauge, MetricStat::Max},
       {"Registered targets", "등록된 대상"},
       {"targets", "개"},
       {"Targets in the load balancer's target groups (instances of connected nodes and Auto Scaling groups), draining ones included.",
        "로드 밸런서의 대상 그룹에 등록된 대상 수입니다(연결된 노드와 Auto Scaling 그룹의 인스턴스, 드레이닝 중인 대상 포함)."},
       catalog::MetricCard::Total, {}},
      {{"healthy_targets", MetricKind::Gauge, MetricStat::Min},
       {"Healthy targets", "정상 대상"},
       {"targets", "개"},
       {"Targets that passed their health checks and receive new requests.",
        "상태 확인을 통과해 새 요청을 받는 대상 수입니다."},
       catalog::MetricCard::Ready, {}},
  };
  d.create = [spec](const catalog::BuildContext& ctx) -> std::unique_ptr<Model> {
    const auto& p = ctx.params;
    std::vector<Rule> rules;
    catalog::Refusal error;
    if (spec.kind == Kind::Alb && !parse_rules(catalog::param_string(p, "rules"), rules, error))
      throw std::invalid_argument(error.en);
    Config c{spec,
             from_seconds(catalog::param_number(p, "health_interval_s")),
             from_seconds(catalog::param_number(p, "health_timeout_s")),
             static_cast<int>(catalog::param_number(p, "healthy_threshold")),
             static_cast<int>(catalog::param_number(p, "unhealthy_threshold")),
             catalog::param_bool(p, "cross_zone"),
             catalog::param_bool(p, "fail_open"),
             catalog::param_bool(p, "sticky"),
             from_seconds(catalog::param_number(p, "sticky_duration_s")),
             from_seconds(catalog::param_number(p, "deregistration_delay_s")),
             from_seconds(spec.added_latency_ms / 1000.0),
             std::move(rules)};
    return std::make_unique<Elb>(std::move(c));
  };
  return d;
}

}  // namespace

const catalog::ServiceDescriptor& alb_descriptor() { static const auto d = make_descriptor(kAlb); return d; }
const catalog::ServiceDescriptor& nlb_descriptor() { static const auto d = make_descriptor(kNlb); return d; }
const catalog::ServiceDescriptor& clb_descriptor() { static const auto d = make_descriptor(kClb); return d; }
const catalog::ServiceDescriptor& gwlb_descriptor() { static const auto d = make_descriptor(kGwlb); return d; }

}  // namespace cp::services
