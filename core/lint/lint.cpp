#include "core/lint/lint.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/catalog/catalog.h"
#include "core/doc/messages.h"

namespace cp::lint {

const char* severity_name(Severity s) { return s == Severity::Info ? "info" : "warning"; }

namespace {

using nlohmann::json;

// What a node is, as its service's descriptor declares it (never its type string).
bool is_instance(const std::string& type) { return catalog::has_trait(type, sim::Trait::InstanceHost); }
bool is_client(const std::string& type) { return catalog::has_trait(type, sim::Trait::Client); }

double num_param(const json& params, const char* key, double def) {
  return params.is_object() && params.contains(key) && params[key].is_number() ? params[key].get<double>() : def;
}

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + v[i];
  return s;
}

void single_az_tiers(const doc::Document& d, std::vector<Finding>& out) {
  // A tier = the instances (compute/ec2) one node sends traffic to.
  for (const auto& caller : d.nodes) {
    std::vector<const doc::NodeDoc*> tier;
    for (const doc::NodeDoc* n : d.callees(caller.id))
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

void connection_rules(const doc::Document& d, std::vector<Finding>& out) {
  for (const auto& c : d.connections) {
    const doc::NodeDoc* from = d.find_node(c.from);
    if (!from || c.role != "call") continue;  // timeouts and retries are a call's settings
    bool async = c.params.is_object() && c.params.contains("mode") && c.params["mode"] == "async";
    double timeout = num_param(c.params, "timeout_ms", 0);
    double retries = num_param(c.params, "retries", 0);
    double backoff = num_param(c.params, "backoff_base_ms", 100);
    if (is_client(from->type) && !async && timeout <= 0)
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
    if (retries > 0 && !async && timeout <= 0 && !is_client(from->type))
      out.push_back({"retries-without-timeout", Severity::Info,
                     "Connection " + c.id + " retries but has no timeout: a call to a hung service is never retried.",
                     "연결 " + doc::with_topic(c.id) + " 재시도를 하지만 제한 시간이 없습니다. 응답하지 않는 서비스를 호출하면 "
                         "끝없이 기다리므로 재시도하지 못합니다.",
                     {c.id, c.from, c.to}, ""});
  }
}

// Each service's own advice about its nodes, as its descriptor declares it.
void service_rules(const doc::Document& d, std::vector<Finding>& out) {
  for (const catalog::ServiceDescriptor* svc : catalog::all_services())
    for (const doc::NodeDoc& n : d.nodes) {
      if (n.type != svc->type) continue;
      for (const catalog::LintRule& rule : svc->lint_rules)
        if (std::optional<Finding> f = rule.check(d, n)) {
          if (f->rule.empty()) f->rule = rule.key;
          out.push_back(std::move(*f));
        }
    }
}

}  // namespace

std::vector<Finding> lint(const doc::Document& d) {
  std::vector<Finding> out;
  single_az_tiers(d, out);
  service_rules(d, out);
  connection_rules(d, out);
  return out;
}

}  // namespace cp::lint
