#include "core/lint/lint.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/catalog/catalog.h"
#include "core/doc/messages.h"
#include "core/services/api_gateway.h"
#include "core/services/lambda.h"

namespace cp::lint {

const char* severity_name(Severity s) { return s == Severity::Info ? "info" : "warning"; }

namespace {

using nlohmann::json;

bool is_instance(const std::string& type) { return type == "compute" || type == "ec2"; }
bool is_lb(const std::string& type) { return type == "elb" || type == "alb" || type == "nlb" || type == "load_balancer"; }
bool is_asg(const std::string& type) { return type == "autoscaling" || type == "asg" || type == "auto_scaling_group"; }

const json* param(const doc::NodeDoc& n, std::initializer_list<const char*> keys) {
  for (const char* k : keys)
    if (n.params.is_object() && n.params.contains(k)) return &n.params[k];
  return nullptr;
}
std::string str_param(const doc::NodeDoc& n, std::initializer_list<const char*> keys, const std::string& def) {
  const json* v = param(n, keys);
  return v && v->is_string() ? v->get<std::string>() : def;
}
double num_param(const json& params, const char* key, double def) {
  return params.is_object() && params.contains(key) && params[key].is_number() ? params[key].get<double>() : def;
}

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + v[i];
  return s;
}

// The instances a node calls directly, or through an Auto Scaling group it calls.
std::vector<const doc::NodeDoc*> callees(const doc::Document& d, const std::string& id) {
  std::vector<const doc::NodeDoc*> out;
  for (const auto& c : d.connections)
    if (c.from == id && c.role == "call")  // a poll's calls go the other way; an event is not a call it waits on
      if (const doc::NodeDoc* n = d.find_node(c.to)) out.push_back(n);
  return out;
}

void single_az_tiers(const doc::Document& d, std::vector<Finding>& out) {
  // A tier = the instances (compute/ec2) one node sends traffic to.
  for (const auto& caller : d.nodes) {
    std::vector<const doc::NodeDoc*> tier;
    for (const doc::NodeDoc* n : callees(d, caller.id))
      if (is_instance(n->type) && !n->az.empty()) tier.push_back(n);
    if (tier.empty()) continue;
    std::set<std::string> azs;
    for (const doc::NodeDoc* n : tier) azs.insert(n->az);
    if (azs.size() != 1) continue;
    Finding f;
    f.rule = "single-az-tier";
    f.severity = Severity::Warning;
    std::vector<std::string> ids;
    for (const doc::NodeDoc* n : tier) ids.push_back(n->id);
    f.text_en = "Every instance " + caller.id + " sends traffic to (" + join(ids) + ") is in one Availability Zone (" +
                *azs.begin() + "). An AZ is a unit of failure: when it goes down, this tier goes with it. Spread the "
                "instances over at least two AZs.";
    f.text_ko = doc::with_subject(caller.id) + " 트래픽을 보내는 인스턴스(" + join(ids) + ")가 모두 가용 영역 하나(" + *azs.begin() +
                ")에 있습니다. 가용 영역은 장애 단위이므로 그 가용 영역에 장애가 나면 이 계층도 함께 중단됩니다. 인스턴스를 "
                "두 개 이상의 가용 영역에 나누어 두세요.";
    f.nodes = ids;
    f.nodes.insert(f.nodes.begin(), caller.id);
    f.fact = "Regions and AZs / AZ";
    out.push_back(std::move(f));
  }
}

void route53_rules(const doc::Document& d, std::vector<Finding>& out) {
  for (const auto& n : d.nodes) {
    if (n.type != "route53") continue;
    std::string policy = str_param(n, {"routing_policy"}, "simple");
    const json* hc = param(n, {"health_check"});
    bool health_check = !(hc && hc->is_boolean() && !hc->get<bool>());
    if (policy == "failover" && !health_check)
      out.push_back({"failover-without-health-check", Severity::Warning,
                     "Route 53 record " + n.id + " uses failover routing without a health check: Route 53 then always "
                     "considers the primary healthy, and never answers with the secondary.",
                     "Route 53 레코드 " + doc::with_topic(n.id) + " 상태 확인 없이 장애 조치 라우팅을 씁니다. 그러면 Route 53은 기본 "
                     "레코드를 늘 정상으로 보고 보조 레코드로 응답하지 않습니다.",
                     {n.id}, "Route 53 / HC types"});
    size_t targets = callees(d, n.id).size();
    if (policy == "failover" && targets < 2)
      out.push_back({"failover-one-target", Severity::Warning,
                     "Route 53 record " + n.id + " uses failover routing but has " + std::to_string(targets) +
                         " target(s): connect a primary (first connection) and a secondary (second connection).",
                     "Route 53 레코드 " + doc::with_topic(n.id) + " 장애 조치 라우팅인데 대상이 " + std::to_string(targets) +
                         "개입니다. 기본(첫 번째 연결)과 보조(두 번째 연결)를 연결하세요.",
                     {n.id}, "Route 53 / Policies"});
    const json* ttl = param(n, {"ttl_s"});
    if (policy == "failover" && ttl && ttl->is_number() && ttl->get<double>() > 300)
      out.push_back({"failover-long-ttl", Severity::Info,
                     "Route 53 record " + n.id + " has a TTL of " + std::to_string(static_cast<long>(ttl->get<double>())) +
                         " s: after a failover, clients keep the old answer that long. 60 s or less makes failover faster.",
                     "Route 53 레코드 " + n.id + "의 TTL이 " + std::to_string(static_cast<long>(ttl->get<double>())) +
                         "초입니다. 장애 조치 후에도 클라이언트가 그 시간 동안 예전 응답을 씁니다. 60초 이하로 하면 장애 "
                         "조치가 빨라집니다.",
                     {n.id}, "Route 53 / TTL"});
    if (str_param(n, {"record_type"}, "A-alias") == "CNAME")
      out.push_back({"cname-instead-of-alias", Severity::Info,
                     "Route 53 record " + n.id + " is a CNAME: an alias record to the same AWS resource is answered "
                     "for free, works at the zone apex and follows the target's IP addresses.",
                     "Route 53 레코드 " + doc::with_topic(n.id) + " CNAME입니다. 같은 AWS 리소스를 가리키는 별칭 레코드는 쿼리가 "
                     "무료이고, 영역 apex에도 쓸 수 있으며, 대상의 IP 변경을 따라갑니다.",
                     {n.id}, "Route 53 / Alias vs CNAME"});
  }
}

void nlb_rules(const doc::Document& d, std::vector<Finding>& out) {
  for (const auto& n : d.nodes) {
    if (!is_lb(n.type)) continue;
    std::string kind = str_param(n, {"lb_type", "kind", "type", "load_balancer_type"}, n.type == "nlb" ? "nlb" : "alb");
    bool nlb = kind == "nlb" || kind == "network" || kind == "NLB" || n.type == "nlb";
    if (!nlb) continue;
    const json* cz = param(n, {"cross_zone", "cross_zone_load_balancing", "cross_zone_enabled"});
    bool cross_zone = cz && cz->is_boolean() && cz->get<bool>();  // AWS-FACTS: ELB: NLB cross-zone off by default
    if (cross_zone) continue;
    std::map<std::string, int> per_az;
    for (const doc::NodeDoc* t : callees(d, n.id))
      if (is_instance(t->type) && !t->az.empty()) ++per_az[t->az];
    if (per_az.size() < 2) continue;
    int lo = 1 << 30, hi = 0;
    for (auto& [az, k] : per_az) { lo = std::min(lo, k); hi = std::max(hi, k); }
    if (lo == hi) continue;
    std::string counts;
    for (auto& [az, k] : per_az) counts += (counts.empty() ? "" : ", ") + az + ": " + std::to_string(k);
    out.push_back({"nlb-uneven-without-cross-zone", Severity::Warning,
                   "Network Load Balancer " + n.id + " has cross-zone load balancing off and uneven targets per AZ (" +
                       counts + "): each AZ's node gets an equal share of the traffic, so the targets in the smaller AZ "
                       "carry more each. Turn cross-zone on or even out the AZs.",
                   "Network Load Balancer " + doc::with_topic(n.id) + " 교차 영역 로드 밸런싱이 꺼져 있고 가용 영역별 대상 수가 다릅니다(" +
                       counts + "). 가용 영역마다 트래픽을 똑같이 나누므로 대상이 적은 가용 영역의 인스턴스가 더 많은 부하를 "
                       "받습니다. 교차 영역 로드 밸런싱을 켜거나 가용 영역별 대상 수를 맞추세요.",
                   {n.id}, "ELB / NLB cross-zone"});
  }
}

void asg_rules(const doc::Document& d, std::vector<Finding>& out) {
  for (const auto& n : d.nodes) {
    if (!is_asg(n.type)) continue;
    const json* mn = param(n, {"min", "min_size", "min_capacity"});
    const json* mx = param(n, {"max", "max_size", "max_capacity"});
    if (mn && mx && mn->is_number() && mx->is_number() && mn->get<double>() == mx->get<double>())
      out.push_back({"asg-min-equals-max", Severity::Info,
                     "Auto Scaling group " + n.id + " has min = max: it replaces unhealthy instances but can never "
                     "scale with the load. Raise max if the load varies.",
                     "Auto Scaling 그룹 " + doc::with_topic(n.id) + " 최소 = 최대입니다. 비정상 인스턴스는 교체하지만 부하에 따라 "
                     "늘거나 줄 수 없습니다. 부하가 변한다면 최대를 올리세요.",
                     {n.id}, "Auto Scaling groups / Policies"});
    // A launch hook nobody completes: every new instance waits out the whole timeout
    // (default one hour) before it serves — scale-outs arrive far too late.
    // Defaults come from the service's own parameter specs (the heartbeat timeout's 3600 s).
    const catalog::ServiceDescriptor* asg = catalog::find_service(n.type);
    const json p = asg && n.params.is_object() ? catalog::with_defaults(*asg, n.params) : n.params;
    if (str_param(n, {"launch_hook"}, "none") != "none" && num_param(p, "launch_hook_complete_s", -1) < 0) {
      const double timeout = num_param(p, "launch_hook_timeout_s", 0);
      const std::string t = std::to_string(static_cast<long long>(timeout));
      out.push_back({"asg-launch-hook-never-completed", Severity::Warning,
                     "Auto Scaling group " + n.id + " has a launch lifecycle hook that nothing completes: every new "
                     "instance waits in Pending:Wait for the whole " + t + " s heartbeat timeout before it gets traffic, "
                     "so scale-outs and replacements arrive late. Complete the hook from your bootstrap script "
                     "(launch_hook_complete_s) or shorten the timeout.",
                     "Auto Scaling 그룹 " + n.id + "의 시작 수명 주기 후크를 완료하는 곳이 없습니다. 새 인스턴스는 하트비트 "
                     "제한 시간 " + t + "초 동안 Pending:Wait 상태로 기다린 뒤에야 트래픽을 받으므로 확장과 교체가 늦어집니다. "
                     "부트스트랩 스크립트에서 후크를 완료하거나(launch_hook_complete_s) 제한 시간을 줄이세요.",
                     {n.id}, "Auto Scaling groups / Lifecycle hooks"});
    }
    // Predictive scaling that only forecasts: it logs what it would do and never scales.
    if (str_param(n, {"predictive"}, "off") == "forecast_only")
      out.push_back({"asg-predictive-forecast-only", Severity::Info,
                     "Auto Scaling group " + n.id + " runs predictive scaling in forecast-only mode: it forecasts but "
                     "does not launch anything. Switch to forecast_and_scale once the forecasts look right.",
                     "Auto Scaling 그룹 " + n.id + "의 예측 조정이 예측 전용(forecast only) 모드입니다. 예측만 하고 인스턴스는 "
                     "시작하지 않습니다. 예측이 맞아 보이면 forecast_and_scale로 바꾸세요.",
                     {n.id}, "Auto Scaling groups / Policies"});
  }
}

void connection_rules(const doc::Document& d, std::vector<Finding>& out) {
  for (const auto& c : d.connections) {
    const doc::NodeDoc* from = d.find_node(c.from);
    if (!from || c.role != "call") continue;  // timeouts and retries are a call's settings
    bool async = c.params.is_object() && c.params.contains("mode") && c.params["mode"] == "async";
    double timeout = num_param(c.params, "timeout_ms", 0);
    double retries = num_param(c.params, "retries", 0);
    double backoff = num_param(c.params, "backoff_base_ms", 100);
    if (from->type == "users" && !async && timeout <= 0)
      out.push_back({"users-without-timeout", Severity::Warning,
                     "Users " + from->id + " call " + c.to + " without a timeout: when the service hangs or its Region "
                     "is down, each request waits until the connection times out (10 s here) instead of failing fast.",
                     "사용자 " + doc::with_subject(from->id) + " 제한 시간 없이 " + doc::with_object(c.to) +
                         " 호출합니다. 서비스가 응답하지 않거나 리전에 장애가 나면 요청마다 빨리 실패하지 못하고 연결 시간 초과(여기서는 10초)까지 기다립니다.",
                     {c.id, c.from, c.to}, ""});
    if (retries > 0 && backoff < 10)
      out.push_back({"retries-without-backoff", Severity::Warning,
                     "Connection " + c.id + " retries " + std::to_string(static_cast<int>(retries)) +
                         " times with almost no backoff (" + std::to_string(static_cast<int>(backoff)) +
                         " ms): retries then arrive together and multiply the load on a struggling service (a retry "
                         "storm). Use exponential backoff with jitter of 100 ms or more.",
                     "연결 " + doc::with_topic(c.id) + " 백오프가 거의 없이(" + std::to_string(static_cast<int>(backoff)) + "밀리초) " +
                         std::to_string(static_cast<int>(retries)) +
                         "번 재시도합니다. 재시도가 한꺼번에 몰려 가뜩이나 힘든 서비스의 부하를 몇 배로 늘립니다(재시도 폭주). "
                         "100밀리초 이상의 지수 백오프와 지터를 쓰세요.",
                     {c.id, c.from, c.to}, ""});
    if (retries > 0 && !async && timeout <= 0 && from->type != "users")
      out.push_back({"retries-without-timeout", Severity::Info,
                     "Connection " + c.id + " retries but has no timeout: a call to a hung service is never retried.",
                     "연결 " + doc::with_topic(c.id) + " 재시도를 하지만 제한 시간이 없습니다. 응답하지 않는 서비스를 호출하면 "
                         "끝없이 기다리므로 재시도하지 못합니다.",
                     {c.id, c.from, c.to}, ""});
  }
}

void cloudfront_rules(const doc::Document& d, std::vector<Finding>& out) {
  for (const auto& n : d.nodes) {
    if (n.type != "cloudfront") continue;
    if (callees(d, n.id).size() < 2)
      out.push_back({"cloudfront-single-origin", Severity::Info,
                     "CloudFront " + n.id + " has one origin: when it fails, every cache miss fails. A second origin "
                     "(the second connection) gives origin failover.",
                     "CloudFront " + n.id + "의 오리진이 하나뿐입니다. 오리진에 장애가 나면 캐시 누락 요청이 모두 실패합니다. "
                     "두 번째 오리진(두 번째 연결)을 두면 오리진 장애 조치를 쓸 수 있습니다.",
                     {n.id}, ""});
  }
}

}  // namespace

std::vector<Finding> lint(const doc::Document& d) {
  std::vector<Finding> out;
  single_az_tiers(d, out);
  route53_rules(d, out);
  nlb_rules(d, out);
  asg_rules(d, out);
  connection_rules(d, out);
  cloudfront_rules(d, out);
  services::lambda_lint(d, out);
  services::api_gateway_lint(d, out);
  return out;
}

}  // namespace cp::lint
