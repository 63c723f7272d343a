// ALB listener rules (path-pattern / host-header by priority, default rule),
// requests' paths and hosts from Users, the source IP targets see
// (X-Forwarded-For), NLB static IPs per AZ, and the alb-path-routing example.
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <sstream>

#include "core/catalog/validate.h"
#include "core/services/elb.h"
#include "lb_test_util.h"
#include "tests/unit/source_files.h"

using namespace lbt;
using cp::services::ListenerReport;
using cp::services::ListenerRuleStats;

namespace {

const ListenerReport& report(const engine::Built& b, const std::string& id) {
  auto* r = dynamic_cast<const ListenerReport*>(&b.sim->model(b.node(id)));
  REQUIRE(r);
  return *r;
}

std::vector<std::string> errors_of(doc::Document d) {
  for (auto& c : d.connections) c.id = c.from + "-to-" + c.to;  // lb_test_util's "a->b" ids are for build() only
  auto r = catalog::load_document(doc::to_json(d));
  std::vector<std::string> v;
  for (const auto& e : r.errors) {
    v.push_back(e.path + ": " + e.message);
    UNSCOPED_INFO(v.back());
  }
  return v;
}

// Node a's share of the arrivals at a and b is p, within 4 binomial standard
// deviations, over more than min_n arrivals. Returns that standard deviation.
double check_share(const engine::Built& b, const char* a, const char* other, double p, double min_n) {
  const double at_a = static_cast<double>(b.sim->metrics(b.node(a)).arrivals);
  const double n = at_a + static_cast<double>(b.sim->metrics(b.node(other)).arrivals);
  const double sd = std::sqrt(p * (1 - p) / n);
  INFO(a << " share " << at_a / n << " ± " << sd << " (n " << n << ")");
  CHECK(n > min_n);
  CHECK(std::fabs(at_a / n - p) < 4 * sd);
  return sd;
}

bool any_contains(const std::vector<std::string>& v, const std::string& what) {
  for (const auto& s : v)
    if (s.find(what) != std::string::npos) return true;
  return false;
}

std::vector<std::string> log_texts(const Simulation& sim, NodeId node) {
  std::vector<std::string> v;
  for (const LogEntry& e : sim.event_log())
    if (e.node == node.v) v.push_back(e.text_en);
  return v;
}

// Users → ALB with `rules` → one ec2 per target id.
doc::Document rules_doc(const std::string& paths, const std::string& hosts, const std::string& rules,
                        const std::vector<std::string>& targets, double rate = 200, double duration = 100) {
  auto d = base(duration);
  nlohmann::json up = {{"pattern", "poisson"}, {"rate_per_s", rate}};
  if (!paths.empty()) up["paths"] = paths;
  if (!hosts.empty()) up["hosts"] = hosts;
  node(d, "users", "users", "", up);
  conn(d, "users", "alb");
  node(d, "alb", "alb", "", {{"rules", rules}, {"fail_open", false}});
  for (size_t i = 0; i < targets.size(); ++i) {
    node(d, targets[i], "ec2", i % 2 ? "use1-az2" : "use1-az1", {{"service_time", expo(2)}});
    conn(d, "alb", targets[i]);
  }
  return d;
}

}  // namespace

TEST_CASE("ALB rules: lowest priority first, path case-sensitive, host case-insensitive, * and ?", "[alb-rules]") {
  // Rule 10 is written after rule 20 but evaluated first.
  auto d = rules_doc("/api/v1/x=1, /API/v1/x=1, /img/a.png=1, /img/ab.png=1", "Shop.Example.COM",
                     "20 path=/api/* -> api; 10 path=/api/v1/* host=shop.example.com -> v1; 30 path=/img/?.png -> img; "
                     "default -> web",
                     {"api", "v1", "img", "web"});
  REQUIRE(errors_of(d).empty());
  auto b = engine::build(d, 4);
  REQUIRE(b.ok());
  b.sim->run_until(b.duration);
  const Simulation& sim = *b.sim;
  double total = static_cast<double>(sim.metrics(b.node("users")).arrivals);
  auto share = [&](const char* id) { return static_cast<double>(sim.metrics(b.node(id)).arrivals) / total; };
  INFO("v1 " << share("v1") << " api " << share("api") << " img " << share("img") << " web " << share("web"));
  CHECK(sim.metrics(b.node("api")).arrivals == 0);  // /api/v1/x took rule 10; /API/... matches no path rule
  double sd = std::sqrt(0.25 * 0.75 / total);
  CHECK(std::fabs(share("v1") - 0.25) < 4 * sd);
  CHECK(std::fabs(share("img") - 0.25) < 4 * sd);  // ? matches one character: /img/ab.png does not match
  CHECK(std::fabs(share("web") - 0.50) < 4 * std::sqrt(0.25 / total));
  CHECK(sim.metrics(b.node("users")).errors() == 0);
  auto rules = report(b, "alb").listener_rules();
  REQUIRE(rules.size() == 4);
  CHECK(rules[0].name == "rule 10 (path /api/v1/*, host shop.example.com)");
  CHECK(rules[1].name == "rule 20 (path /api/*)");
  CHECK(rules[3].name == "default rule");
  CHECK(rules[1].requests == 0);
}

TEST_CASE("ALB rules: a host rule does not match another host; no default rule: unnamed targets, else 404",
          "[alb-rules]") {
  {
    auto d = rules_doc("", "api.example.com=1, www.example.com=1", "5 host=api.* -> api", {"api", "web"});
    REQUIRE(errors_of(d).empty());
    auto b = engine::build(d, 2);
    REQUIRE(b.ok());
    b.sim->run_until(b.duration);
    uint64_t api = b.sim->metrics(b.node("api")).arrivals, web = b.sim->metrics(b.node("web")).arrivals;
    INFO(api << " vs " << web);
    CHECK(api > 0.45 * static_cast<double>(api + web));
    CHECK(web > 0.45 * static_cast<double>(api + web));  // the default action: targets no rule names
  }
  {
    auto d = rules_doc("/a=1, /b=1", "", "1 path=/a -> a", {"a"});
    auto b = engine::build(d, 2);
    REQUIRE(b.ok());
    b.sim->run_until(b.duration);
    const NodeMetrics& u = b.sim->metrics(b.node("users"));
    uint64_t rejected = u.outcomes[static_cast<int>(Outcome::Rejected)];
    INFO(rejected << " of " << u.arrivals);
    CHECK(rejected > 0.45 * static_cast<double>(u.arrivals));  // /b: fixed-response 404
    CHECK(rejected < 0.55 * static_cast<double>(u.arrivals));
    CHECK(u.errors() == rejected);  // nothing else fails
  }
}

TEST_CASE("ALB rules: a rule naming an unconnected node answers 503 for its requests only, with a warning",
          "[alb-rules]") {
  auto d = rules_doc("/api/x=1, /other=1", "", "10 path=/api/* -> orphan; default -> web", {"web"});
  node(d, "orphan", "ec2", "use1-az3");  // in the document, but not wired to the ALB
  REQUIRE(errors_of(d).empty());
  auto b = engine::build(d, 9);
  REQUIRE(b.ok());
  b.sim->run_until(b.duration);
  const NodeMetrics& u = b.sim->metrics(b.node("users"));
  uint64_t n503 = u.outcomes[static_cast<int>(Outcome::NoHealthyTarget)];
  CHECK(n503 > 0.45 * static_cast<double>(u.arrivals));
  CHECK(u.errors() == n503);  // the default rule is unaffected
  auto logs = log_texts(*b.sim, b.node("alb"));
  CHECK(any_contains(logs, "forwards to \"orphan\", which this load balancer has no connection to"));
  CHECK(any_contains(logs, "rule 10 (path /api/*): no healthy target"));
}

TEST_CASE("ALB rules: validation says what is wrong; NLB, CLB and GWLB refuse rules", "[alb-rules]") {
  auto with_rules = [](const std::string& type, const std::string& rules) {
    auto d = base(10);
    node(d, "lb", type, "", {{"rules", rules}});
    node(d, "a", "ec2", "use1-az1");
    node(d, "b", "ec2", "use1-az2");
    conn(d, "lb", "a");
    conn(d, "lb", "b");
    return errors_of(d);
  };
  CHECK(with_rules("alb", "10 path=/a/* -> a; default -> b").empty());
  CHECK(any_contains(with_rules("alb", "10 path=/a/*"), "PRIORITY CONDITIONS -> TARGETS"));
  CHECK(any_contains(with_rules("alb", "0 path=/a -> a"), "whole number from 1 to 50000"));
  CHECK(any_contains(with_rules("alb", "50001 path=/a -> a"), "whole number from 1 to 50000"));
  CHECK(any_contains(with_rules("alb", "10 path=/a -> a; 10 path=/b -> b"), "priority 10 is already used"));
  CHECK(any_contains(with_rules("alb", "10 path=/a,/b,/c,/d -> a"), "at most 3 values"));
  CHECK(any_contains(with_rules("alb", "10 path=/a,/b,/c host=a.com,b.com,c.com -> a"), "at most 5 values"));
  CHECK(any_contains(with_rules("alb", "10 path=/*/*/*,/?a?/* -> a"), "at most 5 wildcards"));
  CHECK(any_contains(with_rules("alb", "10 host=localhost -> a"), "at least one '.'"));
  CHECK(any_contains(with_rules("alb", "10 path=/a b -> a"), "is not a condition"));
  CHECK(any_contains(with_rules("alb", "10 path=/a path=/b -> a"), "at most one path condition"));
  CHECK(any_contains(with_rules("alb", "10 path=/a% -> a"), "'%' cannot be in a path pattern"));
  CHECK(any_contains(with_rules("alb", "default -> a; default -> b"), "already a default rule"));
  CHECK(any_contains(with_rules("alb", "10 path=/a -> a b"), "is not a node id"));
  std::string many;
  for (int i = 1; i <= 101; ++i) many += std::to_string(i) + " path=/p" + std::to_string(i) + " -> a;";
  CHECK(any_contains(with_rules("alb", many), "at most 100 rules"));
  {
    // A target that is not a node of the document: an error with a suggestion.
    auto d = rules_doc("", "", "10 path=/api/* -> apii; default -> web", {"api", "web"});
    auto e = errors_of(d);
    REQUIRE(e.size() == 1);
    CHECK(e[0].find("nodes[1].params.rules: rule 10 (path /api/*) forwards to \"apii\", which is not a node of this "
                    "document. Did you mean \"api\"?") == 0);
  }
  for (std::string type : {"nlb", "clb", "gwlb"}) {
    auto e = with_rules(type, "10 path=/api/* -> a");
    INFO(type);
    REQUIRE(e.size() == 1);
    CHECK(e[0].find("nodes[0].params.rules: listener rules (path and host routing) are an Application Load Balancer feature") == 0);
    CHECK(with_rules(type, "").empty());
  }
  // Users' request mix.
  auto users_errors = [](const std::string& key, const std::string& v) {
    auto d = base(10);
    node(d, "users", "users", "", {{key, v}});
    return errors_of(d);
  };
  CHECK(users_errors("paths", "/a=30, /b=70").empty());
  CHECK(users_errors("paths", "/a, /b").empty());  // weight 1 each
  CHECK(any_contains(users_errors("paths", "api=3"), "a path starts with '/'"));
  CHECK(any_contains(users_errors("paths", "/a=-1"), "weight after '='"));
  CHECK(any_contains(users_errors("paths", "/a*=1"), "cannot be in a request path"));
  CHECK(any_contains(users_errors("hosts", "a b.com"), "cannot be in a request host"));
}

TEST_CASE("Source IP the targets see: ALB/CLB X-Forwarded-For, NLB client IP, GWLB transparent", "[alb-rules]") {
  for (std::string type : {"alb", "clb", "nlb", "gwlb"}) {
    auto d = base(30);
    users(d, 20, "lb");
    node(d, "lb", type, "");
    node(d, "a", "ec2", "use1-az1");
    node(d, "b", "ec2", "use1-az2");
    conn(d, "lb", "a");
    conn(d, "lb", "b");
    auto b = engine::build(d, 1);
    REQUIRE(b.ok());
    b.sim->run_until(b.duration);
    auto logs = log_texts(*b.sim, b.node("lb"));
    std::string status = b.sim->model(b.node("lb")).status().en;
    INFO(type << ": " << status);
    std::string sample;
    for (const auto& s : logs)
      if (s.rfind("sample ", 0) == 0) {
        CHECK(sample.empty());  // one sample (one target group)
        sample = s;
      }
    INFO(sample);
    REQUIRE(!sample.empty());
    auto addrs = report(b, "lb").lb_addresses();
    REQUIRE(addrs.size() == 2);  // one per enabled AZ
    CHECK(addrs[0].first == "use1-az1");
    CHECK(addrs[1].first == "use1-az2");
    CHECK(addrs[0].second != addrs[1].second);
    if (type == "alb" || type == "clb") {
      CHECK(sample.find("sample request: client 198.51.100.") == 0);
      CHECK(sample.find(" http://www.example.com/ → target") != std::string::npos);
      CHECK(sample.find("sees source IP 10.0.") != std::string::npos);
      CHECK(sample.find("X-Forwarded-For: 198.51.100.") != std::string::npos);
      CHECK(addrs[0].second.rfind("10.0.", 0) == 0);
      CHECK(status.find("X-Forwarded-For") != std::string::npos);
    } else if (type == "nlb") {
      CHECK(sample.find("sample flow: client 198.51.100.") == 0);
      CHECK(sample.find("static IP 192.0.2.") != std::string::npos);
      CHECK(sample.find("client's own IP as source") != std::string::npos);
      CHECK(sample.find("X-Forwarded-For") != std::string::npos);  // "adds no X-Forwarded-For"
      CHECK(addrs[0].second.rfind("192.0.2.", 0) == 0);
      CHECK(status.find("static IPs use1-az1 " + addrs[0].second + ", use1-az2 " + addrs[1].second) != std::string::npos);
      CHECK(any_contains(logs, "static IP per enabled AZ"));
    } else {
      CHECK(sample.find("sample packet") == 0);
      CHECK(sample.find("GENEVE") != std::string::npos);
      CHECK(status.find("transparent") != std::string::npos);
    }
  }
}

TEST_CASE("NLB static IPs: one per enabled AZ, unchanged when an AZ's targets die", "[alb-rules]") {
  auto d = base(200);
  users(d, 50, "nlb");
  node(d, "nlb", "nlb", "");
  node(d, "a", "ec2", "use1-az1");
  node(d, "b", "ec2", "use1-az2");
  node(d, "c", "ec2", "use1-az3");
  conn(d, "nlb", "a");
  conn(d, "nlb", "b");
  conn(d, "nlb", "c");
  d.faults.push_back({50, "kill_node", "c", std::nullopt, 0});
  auto b = engine::build(d, 6);
  REQUIRE(b.ok());
  b.sim->run_until(from_seconds(10));
  auto before = report(b, "nlb").lb_addresses();
  REQUIRE(before.size() == 3);
  CHECK(before[0].second != before[1].second);
  CHECK(before[1].second != before[2].second);
  CHECK(before[0].second != before[2].second);
  b.sim->run_until(b.duration);
  CHECK(report(b, "nlb").lb_addresses() == before);
  CHECK(b.sim->model(b.node("nlb")).status().en.rfind("2/3 targets healthy", 0) == 0);
}

TEST_CASE("Users: paths and hosts follow their weights; no mix draws nothing more", "[alb-rules]") {
  // 30/70 split by path, measured at the two target groups.
  auto d = rules_doc("/api/orders=30, /static/app.js=70", "", "1 path=/api/* -> api; 2 path=/static/* -> static",
                     {"api", "static"}, 400, 100);
  auto b = engine::build(d, 12);
  REQUIRE(b.ok());
  b.sim->run_until(b.duration);
  const double sd = check_share(b, "api", "static", 0.3, 35000);
  // A wrong split (say 35/65) would be far outside: 4 sd is about 0.01 here.
  CHECK(4 * sd < 0.01);

  // Without "paths"/"hosts" a run is what it was before they existed: same
  // trace as users with an empty mix written out.
  auto plain = base(60);
  users(plain, 100, "alb");
  node(plain, "alb", "alb", "");
  node(plain, "a", "ec2", "use1-az1");
  conn(plain, "alb", "a");
  auto with_empty = plain;
  with_empty.nodes[0].params["paths"] = "";
  with_empty.nodes[0].params["hosts"] = "";
  with_empty.nodes[1].params["rules"] = "";
  auto p1 = engine::build(plain, 3), p2 = engine::build(with_empty, 3);
  p1.sim->run_until(p1.duration);
  p2.sim->run_until(p2.duration);
  CHECK(p1.sim->trace_hash() == p2.sim->trace_hash());
  // A one-entry mix has nothing to draw either (only a tag on the call).
  auto one = plain;
  one.nodes[0].params["paths"] = "/only";
  auto p3 = engine::build(one, 3);
  p3.sim->run_until(p3.duration);
  CHECK(p3.sim->trace_hash() == p1.sim->trace_hash());
}


TEST_CASE("Example alb-path-routing: 30/60/10 by path; static servers down = 503 for /static/* only", "[alb-rules][example]") {
  auto b = cp::test::example_run("alb-path-routing.json");
  Simulation& sim = *b.sim;
  NodeId users = b.node("users");
  auto rules_at = [&] { return report(b, "alb").listener_rules(); };

  sim.run_until(from_seconds(299));
  auto r = rules_at();
  REQUIRE(r.size() == 3);
  CHECK(r[0].name == "rule 10 (path /api/*)");
  CHECK(r[1].name == "rule 20 (path /static/*)");
  CHECK(r[2].name == "default rule");
  double n = static_cast<double>(r[0].requests + r[1].requests + r[2].requests);
  CHECK(n == Approx(static_cast<double>(sim.metrics(users).arrivals)).margin(50));  // in flight at most
  for (auto [i, p] : {std::pair{0, 0.3}, std::pair{1, 0.6}, std::pair{2, 0.1}}) {
    double share = static_cast<double>(r[i].requests) / n, sd = std::sqrt(p * (1 - p) / n);
    INFO(r[i].name << ": " << share << " (expected " << p << " ± " << 4 * sd << ")");
    CHECK(std::fabs(share - p) < 4 * sd);
    CHECK(r[i].no_healthy_target == 0);
  }
  CHECK(sim.metrics(users).errors() == 0);
  // The targets got what their rules took.
  uint64_t statics = sim.metrics(b.node("static-a")).arrivals + sim.metrics(b.node("static-b")).arrivals;
  CHECK(static_cast<double>(statics) == Approx(static_cast<double>(r[1].requests)).margin(20));
  CHECK(static_cast<double>(sim.metrics(b.node("web")).arrivals) == Approx(static_cast<double>(r[2].requests)).margin(20));

  // 300 s: both static servers die. After the health checks (30 s × 2 + 5 s
  // timeout) the /static/* rule answers 503; the others never do.
  sim.run_until(from_seconds(400));
  uint64_t web_at_400 = sim.metrics(b.node("web")).arrivals;
  uint64_t users_errors_400 = sim.metrics(users).errors();
  uint64_t users_503_400 = sim.metrics(users).outcomes[static_cast<int>(Outcome::NoHealthyTarget)];
  sim.run_until(from_seconds(470));
  r = rules_at();
  CHECK(r[0].no_healthy_target == 0);
  CHECK(r[2].no_healthy_target == 0);
  CHECK(r[1].no_healthy_target > 0);
  // From 400 s to 470 s every /static/* request is a 503 and nothing else fails.
  uint64_t new_errors = sim.metrics(users).errors() - users_errors_400;
  uint64_t new_503 = sim.metrics(users).outcomes[static_cast<int>(Outcome::NoHealthyTarget)] - users_503_400;
  CHECK(new_errors == new_503);
  double expected = 70 * 100 * 0.6, sd = std::sqrt(70 * 100 * 0.6);  // Poisson count of /static/* requests
  INFO(new_503 << " new 503s, expected " << expected);
  CHECK(std::fabs(static_cast<double>(new_503) - expected) < 4 * sd + 100);  // + the ones in flight at the edges
  // The pages and the API kept working.
  CHECK(sim.metrics(b.node("web")).arrivals - web_at_400 > 70 * 100 * 0.1 * 0.8);
  bool warned = false;
  for (const LogEntry& e : sim.event_log())
    warned = warned || (e.kind == LogKind::Warning && e.text_en == "rule 20 (path /static/*): no healthy target in its "
                                                                  "target group: answering 503 for its requests");
  CHECK(warned);

  // 480 s: the servers return; after the healthy threshold the rule recovers.
  sim.run_until(b.duration);
  uint64_t late_errors = 0;
  for (const SeriesPoint& p : sim.metrics(users).series)
    if (p.t_s > 800) late_errors += static_cast<uint64_t>(p.errors_per_s);
  CHECK(late_errors == 0);
  // Sample requests show what targets see.
  int samples = 0;
  for (const LogEntry& e : sim.event_log())
    if (e.text_en.rfind("sample request", 0) == 0) {
      ++samples;
      CHECK(e.text_en.find("X-Forwarded-For: 198.51.100.") != std::string::npos);
      CHECK(e.text_ko.find("X-Forwarded-For") != std::string::npos);
    }
  CHECK(samples == 3);
}

TEST_CASE("ALB rules: beyond 10 rules, rule evaluations can set the LCU count (1,000 per LCU)", "[alb-rules]") {
  auto cost = [](int rules) {
    std::string text;
    for (int i = 1; i <= rules; ++i) text += std::to_string(i) + " path=/never" + std::to_string(i) + " -> a; ";
    auto d = rules_doc("", "", text + "default -> a", {"a"}, 100, 60);
    d.settings.seed = 5;
    auto b = engine::build(d);
    REQUIRE(b.ok());
    b.sim->run_until(b.duration);
    return b.sim->metrics(b.node("alb")).cost_usd;
  };
  // 100 req/s, each a new connection: 4 LCU. 10 rules: evaluations are free. 100 rules: 100 × 90 / 1000 = 9 LCU.
  double hourly = 60.0 / 3600 * 0.0225;
  double c10 = cost(10) - hourly, c100 = cost(100) - hourly;
  INFO("LCU cost: 10 rules " << c10 << ", 100 rules " << c100);
  CHECK(c10 == Approx(4 * 0.008 * 60 / 3600).epsilon(0.05));
  CHECK(c100 / c10 == Approx(9.0 / 4.0).epsilon(0.05));
}

TEST_CASE("ALB rules work behind CloudFront: the path comes from the users' call; X-Forwarded-For lists both", "[alb-rules]") {
  auto d = base(60);
  node(d, "users", "users", "", {{"rate_per_s", 100}, {"paths", "/api/x=30, /other=70"}});
  d.nodes.back().az.clear();
  doc::NodeDoc cdn;
  cdn.id = "cdn";
  cdn.type = "cloudfront";
  d.nodes.push_back(cdn);
  node(d, "alb", "alb", "", {{"rules", "10 path=/api/* -> api; default -> web"}});
  node(d, "api", "ec2", "use1-az1");
  node(d, "web", "ec2", "use1-az1");
  conn(d, "users", "cdn");
  conn(d, "cdn", "alb");
  conn(d, "alb", "api");
  conn(d, "alb", "web");
  REQUIRE(errors_of(d).empty());
  auto b = engine::build(d, 2);
  REQUIRE(b.ok());
  b.sim->run_until(b.duration);
  check_share(b, "api", "web", 0.3, 1000);
  bool seen = false;
  for (const std::string& s : log_texts(*b.sim, b.node("alb")))
    seen = seen || (s.find("X-Forwarded-For: 198.51.100.") != std::string::npos && s.find(" (CloudFront)") != std::string::npos);
  CHECK(seen);
}

TEST_CASE("ALB rules follow their targets when nodes are copied under new ids (paste)", "[alb-rules]") {
  const auto* alb = catalog::find_service("alb");
  REQUIRE(alb);
  // Declared by the descriptor (rules: a ';' list, node ids after "->"), renamed by the catalog.
  CHECK(catalog::find_param(alb->params, "rules")->node_refs);
  nlohmann::json params = {{"rules", "10 path=/api/* -> api, api2; 20 host=*.example.com -> web;default -> web"}};
  catalog::rename_node_refs(*alb, params, {{"api", "ec2-7"}, {"web", "ec2-9"}});
  // Renamed ids change; ids not copied (api2) stay; the rest of each rule is kept.
  CHECK(params["rules"] == "10 path=/api/* -> ec2-7, api2; 20 host=*.example.com -> ec2-9;default -> ec2-9");
  // The renamed rules still validate against a document holding the new ids.
  doc::Document d = rules_doc("/api/x=50,/y=50", "", params["rules"].get<std::string>(), {"ec2-7", "api2", "ec2-9"});
  CHECK(errors_of(d).empty());

  const auto* ebs = catalog::find_service("ebs");
  REQUIRE(ebs);
  nlohmann::json vol = {{"restore_from", "data-a"}, {"size_gib", 100}};
  catalog::rename_node_refs(*ebs, vol, {{"data-a", "ebs-3"}});
  CHECK(vol["restore_from"] == "ebs-3");
  catalog::rename_node_refs(*ebs, vol, {{"other", "ebs-4"}});  // not a copied node: stays
  CHECK(vol["restore_from"] == "ebs-3");
}
