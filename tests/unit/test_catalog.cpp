#include <catch2/catch.hpp>

#include <string>

#include "core/catalog/catalog.h"

namespace cptest {
void install_fake_services();
void remove_fake_services();
}  // namespace cptest

namespace {
struct FakeServices {
  FakeServices() { cptest::install_fake_services(); }
  ~FakeServices() { cptest::remove_fake_services(); }
};

using namespace cp::catalog;
using nlohmann::json;

cp::doc::NodeDoc node(const char* id, const char* type) {
  cp::doc::NodeDoc n;
  n.id = id;
  n.type = type;
  return n;
}

std::vector<cp::doc::Issue> check(const ParamSpec& spec, const json& v, const std::string& owner = "Lambda") {
  std::vector<cp::doc::Issue> errors;
  check_param(spec, v, "nodes[3].params." + spec.key, owner, errors);
  return errors;
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }
}  // namespace

TEST_CASE("catalog: the test hook replaces and restores the service list") {
  const ServiceDescriptor* fake_lambda = nullptr;
  {
    FakeServices fake;
    REQUIRE(all_services().size() == 7);
    REQUIRE(find_service("lambda"));
    fake_lambda = find_service("lambda");
    CHECK(find_service("lambda")->placement == cp::sim::PlacementKind::Region);
    CHECK(find_service("nope") == nullptr);
  }
  // Restored: whatever the registry lists (it may be empty while services are written).
  CHECK(find_service("lambda") != fake_lambda);  // the registry's own (core/services/lambda.cpp)
}

TEST_CASE("catalog: category names in English and Korean") {
  CHECK(std::string(category_name(Category::Databases).en) == "Databases");
  CHECK(std::string(category_name(Category::Databases).get(true)) == "데이터베이스");
  for (Category c : {Category::Clients, Category::Compute, Category::Networking, Category::Storage, Category::Databases,
                     Category::Messaging, Category::Serverless, Category::Testing}) {
    CHECK(*category_name(c).en);
    CHECK(*category_name(c).ko);
  }
}

TEST_CASE("catalog: connection params") {
  const auto& specs = connection_params();
  std::vector<std::string> keys;
  for (const ParamSpec& s : specs) {
    keys.push_back(s.key);
    CHECK(*s.label.en);
    CHECK(*s.label.ko);
    CHECK(*s.help.en);
    CHECK(*s.help.ko);
    CHECK_FALSE(s.default_value.is_null());
  }
  CHECK(keys == std::vector<std::string>{"mode", "timeout_ms", "retries", "backoff_base_ms", "backoff_cap_ms", "weight", "requests"});
  const ParamSpec* timeout = find_param(specs, "timeout_ms");
  REQUIRE(timeout);
  CHECK(timeout->min == 0);
  CHECK(timeout->max == 900000);
  CHECK(timeout->default_value == 0);
  CHECK(find_param(specs, "retries")->max == 10);
  CHECK(find_param(specs, "mode")->default_value == "sync");
  CHECK(find_param(specs, "weight")->default_value == 1);

  json full = connection_with_defaults(json{{"retries", 3}});
  CHECK(full["retries"] == 3);
  CHECK(full["mode"] == "sync");
  CHECK(full["backoff_base_ms"] == 100);
  CHECK(full["backoff_cap_ms"] == 20000);
}

TEST_CASE("catalog: can_connect says yes, or no with a reason in English and Korean") {
  FakeServices fake;
  CHECK_FALSE(can_connect(node("u", "users"), node("web", "compute")));
  CHECK_FALSE(can_connect(node("web", "compute"), node("db", "db")));
  CHECK_FALSE(can_connect(node("fn", "lambda"), node("q", "queue")));

  SECTION("to a client") {
    auto r = can_connect(node("web", "compute"), node("u", "users"));
    REQUIRE(r);
    CHECK(r->en == "Users cannot receive calls: it only sends requests.");
    CHECK(r->ko == "사용자는 요청을 보내기만 하고 호출을 받을 수 없습니다.");
  }
  SECTION("from a service that makes no calls") {
    auto r = can_connect(node("db", "db"), node("web", "compute"));
    REQUIRE(r);
    CHECK(r->en == "Database does not call other services: it only answers requests.");
    CHECK(r->ko == "데이터베이스는 다른 서비스를 호출하지 않고, 받은 요청에 응답만 합니다.");
    auto q = can_connect(node("q", "queue"), node("web", "compute"));
    REQUIRE(q);
    CHECK(q->ko.rfind("SQS 대기열은 ", 0) == 0);  // 열 has a final consonant: 은
  }
  SECTION("to a service not in the caller's list") {
    auto r = can_connect(node("fn", "lambda"), node("web", "compute"));
    REQUIRE(r);
    CHECK(r->en == "Lambda cannot call Compute (generic). It can call SQS queue or Database.");
    CHECK(r->ko == "Lambda는 범용 컴퓨팅을 호출할 수 없습니다. 호출할 수 있는 서비스: SQS 대기열, 데이터베이스.");
    auto c = can_connect(node("edge", "cdn"), node("db", "db"));
    REQUIRE(c);
    CHECK(c->ko.rfind("CloudFront는 데이터베이스를 ", 0) == 0);
  }
  SECTION("to itself") {
    auto r = can_connect(node("web", "compute"), node("web", "compute"));
    REQUIRE(r);
    CHECK(contains(r->en, "itself"));
    CHECK(contains(r->ko, "자기 자신"));
  }
  SECTION("unknown type") {
    auto r = can_connect(node("x", "warp-drive"), node("web", "compute"));
    REQUIRE(r);
    CHECK(contains(r->en, "\"warp-drive\""));
  }
}

TEST_CASE("catalog: param values and defaults") {
  FakeServices fake;
  const ServiceDescriptor& compute = *find_service("compute");
  json p = with_defaults(compute, json{{"workers", 4}});
  CHECK(p["workers"] == 4);
  CHECK(p["queue_limit"] == -1);
  CHECK(p["fanout"] == "all");
  CHECK(p["service_time"]["kind"] == "exponential");
  CHECK(param_number(p, "workers") == 4);
  CHECK(param_number(p, "missing") == 0);
  CHECK(param_number(p, "fanout") == 0);
  CHECK(param_bool(p, "sticky") == false);
  CHECK(param_bool(json{{"sticky", true}}, "sticky") == true);
  CHECK(param_string(p, "fanout") == "all");
  CHECK(param_string(p, "workers") == "");
  CHECK(param_number(json::array(), "x") == 0);
  // A non-object params becomes the defaults alone.
  CHECK(with_defaults(compute, json(5))["workers"] == 1);
  // A param without a default stays missing.
  CHECK_FALSE(with_defaults(*find_service("needs"), json::object()).contains("must"));
}

TEST_CASE("catalog: param validation messages") {
  FakeServices fake;
  const ParamSpec& memory = find_service("lambda")->params[0];
  const auto& cp = find_service("compute")->params;
  const ParamSpec& workers = cp[0];
  const ParamSpec& service_time = cp[1];
  const ParamSpec& fanout = cp[3];
  const ParamSpec& sticky = cp[4];
  const ParamSpec& label = cp[5];

  CHECK(check(memory, 1024).empty());
  CHECK(check(memory, 1024.0).empty());  // a whole float is a whole number

  auto e = check(memory, 20000);
  REQUIRE(e.size() == 1);
  CHECK(e[0].path == "nodes[3].params.memory_mb");
  CHECK(e[0].message == "20000 is above Lambda's maximum of 10240 MB");
  e = check(memory, 64);
  REQUIRE(e.size() == 1);
  CHECK(e[0].message == "64 is below Lambda's minimum of 128 MB");

  e = check(workers, "four", "Compute (generic)");
  REQUIRE(e.size() == 1);
  CHECK(e[0].message == "expected a whole number, got \"four\"");
  e = check(workers, "4", "Compute (generic)");
  REQUIRE(e.size() == 1);
  CHECK(contains(e[0].message, "without the quotes"));
  e = check(workers, 2.5, "Compute (generic)");
  REQUIRE(e.size() == 1);
  CHECK(e[0].message == "expected a whole number, got 2.5");
  e = check(workers, 0, "Compute (generic)");
  REQUIRE(e.size() == 1);
  CHECK(e[0].message == "0 is below Compute's minimum of 1");
  e = check(workers, std::numeric_limits<double>::quiet_NaN(), "Compute (generic)");
  REQUIRE(e.size() == 1);
  CHECK(contains(e[0].message, "expected a whole number"));

  e = check(fanout, "fan", "Compute (generic)");
  REQUIRE(e.size() == 1);
  CHECK(e[0].message == "\"fan\" is not one of the choices for fanout: \"all\" or \"one\".");
  e = check(fanout, "al", "Compute (generic)");
  REQUIRE(e.size() == 1);
  CHECK(contains(e[0].message, "Did you mean \"all\"?"));
  e = check(fanout, 3, "Compute (generic)");
  REQUIRE(e.size() == 1);
  CHECK(e[0].message == "expected one of \"all\" or \"one\", got 3");

  e = check(sticky, "yes", "Compute (generic)");
  REQUIRE(e.size() == 1);
  CHECK(e[0].message == "expected true or false, got \"yes\"");

  e = check(label, std::string(21, 'x'), "Compute (generic)");
  REQUIRE(e.size() == 1);
  CHECK(e[0].message == "is 21 characters long; the most is 20.");
  CHECK(check(label, "서울 웹 서버", "Compute (generic)").empty());  // characters, not bytes

  CHECK(check(service_time, json{{"kind", "constant"}, {"value_ms", 5}}, "Compute (generic)").empty());
  CHECK(check(service_time, 7, "Compute (generic)").empty());
  e = check(service_time, json{{"kind", "exponential"}, {"mean_ms", 5000000}}, "Compute (generic)");
  REQUIRE(e.size() == 1);
  CHECK(e[0].message == "its mean, 5000000 ms, is above Compute's maximum of 3600000 ms");
  e = check(service_time, json{{"kind", "pareto"}, {"scale_ms", 1}, {"shape", 0.9}}, "Compute (generic)");
  REQUIRE(e.size() == 1);
  CHECK(contains(e[0].message, "no finite mean"));
}

TEST_CASE("catalog: check_params finds unknown params and suggests the closest") {
  FakeServices fake;
  std::vector<cp::doc::Issue> errors;
  check_params(find_service("compute")->params, json{{"wrokers", 2}, {"zzz", 1}}, "nodes[0].params", "Compute (generic)",
               errors);
  REQUIRE(errors.size() == 2);
  // Object keys are sorted: "wrokers" comes before "zzz".
  CHECK(errors[0].path == "nodes[0].params.wrokers");
  CHECK(errors[0].message == "Compute has no parameter \"wrokers\". Did you mean \"workers\"?");
  CHECK(errors[1].path == "nodes[0].params.zzz");
  CHECK(contains(errors[1].message, "Its parameters are workers, service_time, queue_limit, fanout, sticky and label."));

  errors.clear();
  check_params(connection_params(), json{{"timeout", 5}}, "connections[0].params", "a connection", errors);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message == "A connection has no parameter \"timeout\". Did you mean \"timeout_ms\"?");

  errors.clear();
  check_params(find_service("needs")->params, json::object(), "nodes[1].params", "Needy", errors);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message == "Needy needs a value for \"must\" (it has no default).");

  errors.clear();
  check_params(connection_params(), json::array(), "connections[0].params", "a connection", errors);
  REQUIRE(errors.size() == 1);
  CHECK(contains(errors[0].message, "expected an object of parameters"));
}

TEST_CASE("catalog: can_connect asks each end's connect_rule (EBS: instance in another AZ, Multi-Attach)", "[catalog][ebs]") {
  auto placed = [](const char* id, const char* type, const char* az, json params = json::object()) {
    cp::doc::NodeDoc n = node(id, type);
    n.region = "us-east-1";
    n.az = az;
    n.params = std::move(params);
    return n;
  };
  // One wire, two nodes: the AZ rule needs nothing else.
  auto web = placed("web", "ec2", "use1-az2");
  auto data = placed("data", "ebs", "use1-az1");
  auto r = can_connect(web, data);
  REQUIRE(r);
  CHECK(r->en == "volume \"data\" is in use1-az1 but instance \"web\" is in use1-az2; an EBS volume can only attach to "
                 "an instance in its own Availability Zone — move it with a snapshot: restore the snapshot as a new "
                 "volume in use1-az2.");
  CHECK(contains(r->ko, "같은 가용 영역의 인스턴스에만"));
  CHECK(contains(r->ko, "스냅샷"));
  CHECK_FALSE(can_connect(placed("web", "ec2", "use1-az1"), data));
  // Not placed yet (the editor before the node is dropped in an AZ): nothing to say.
  CHECK_FALSE(can_connect(placed("web", "ec2", ""), data));
  // The volume calls no one, whatever the AZs.
  CHECK(can_connect(data, web));

  // In a document: the wires already drawn count.
  cp::doc::Document d;
  d.regions = {{"us-east-1", {"use1-az1", "use1-az2"}}};
  d.nodes.push_back(data);
  for (int i = 0; i < 17; ++i) d.nodes.push_back(placed(("i" + std::to_string(i)).c_str(), "ec2", "use1-az1"));
  d.connections.push_back({"c0", "i0", "data", json::object()});
  auto second = can_connect(d, d.nodes[2], d.nodes[0]);
  REQUIRE(second);
  CHECK(contains(second->en, "already attached to instance \"i0\""));
  CHECK(contains(second->en, "only io1/io2 volumes with Multi-Attach"));
  CHECK(contains(second->ko, "다중 연결(Multi-Attach)"));
  CHECK_FALSE(can_connect(d, d.nodes[1], d.nodes[0]));  // asking again about the wire that exists
  CHECK_FALSE(can_connect(d.nodes[2], d.nodes[0]));     // without the document, counts are not known

  d.nodes[0].params = {{"volume_type", "io2"}, {"iops", 1000}};
  auto no_ma = can_connect(d, d.nodes[2], d.nodes[0]);
  REQUIRE(no_ma);
  CHECK(contains(no_ma->en, "turn on Multi-Attach"));

  d.nodes[0].params["multi_attach"] = true;
  for (int i = 1; i < 16; ++i) {
    INFO("instance " << i);
    REQUIRE_FALSE(can_connect(d, d.nodes[i + 1], d.nodes[0]));
    d.connections.push_back({"c" + std::to_string(i), "i" + std::to_string(i), "data", json::object()});
  }
  auto seventeenth = can_connect(d, d.nodes[17], d.nodes[0]);
  REQUIRE(seventeenth);
  CHECK(contains(seventeenth->en, "already attached to 16 instances"));
  CHECK(contains(seventeenth->ko, "16개까지"));
  // Multi-Attach does not cross AZs either.
  auto across = can_connect(d, placed("far", "ec2", "use1-az2"), d.nodes[0]);
  REQUIRE(across);
  CHECK(contains(across->en, "(Multi-Attach too)"));
}
