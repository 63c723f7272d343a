// Fake services for the document and catalog tests: a small, fixed catalog with
// every placement kind and param type, installed with set_services_for_testing
// so these tests do not depend on the real service models (which grow).
#include <vector>

#include "core/catalog/catalog.h"

namespace cptest {

using namespace cp::catalog;
using cp::sim::PlacementKind;

namespace {
std::vector<const ServiceDescriptor*> make() {
  static ServiceDescriptor users, compute, lambda, cdn, queue, db, needs;

  users.type = "users";
  users.category = Category::Clients;
  users.name = {"Users", "사용자"};
  users.placement = PlacementKind::Internet;
  users.accepts_incoming = false;
  users.params = {
      ParamSpec{"rate", ParamType::Float, {"Rate", "요청률"}, {"Requests per second.", "초당 요청 수입니다."},
                "requests/s", 0, 1000000, 10, {}, ""},
      ParamSpec{"pattern", ParamType::Enum, {"Pattern", "패턴"}, {"How requests arrive.", "요청이 도착하는 방식입니다."},
                "", 0, 0, "poisson", {"constant", "poisson"}, ""},
  };

  compute.type = "compute";
  compute.category = Category::Testing;
  compute.name = {"Compute (generic)", "범용 컴퓨팅"};
  compute.placement = PlacementKind::Az;
  compute.params = {
      ParamSpec{"workers", ParamType::Int, {"Workers", "작업자 수"}, {"", ""}, "", 1, 100000, 1, {}, ""},
      ParamSpec{"service_time", ParamType::Distribution, {"Service time", "서비스 시간"}, {"", ""}, "ms", 0, 3600000,
                nlohmann::json{{"kind", "exponential"}, {"mean_ms", 10}}, {}, ""},
      ParamSpec{"queue_limit", ParamType::Int, {"Queue limit", "대기열 한도"}, {"", ""}, "requests", -1, 10000000, -1, {}, ""},
      ParamSpec{"fanout", ParamType::Enum, {"Calls", "호출 방식"}, {"", ""}, "", 0, 0, "all", {"all", "one"}, ""},
      ParamSpec{"sticky", ParamType::Bool, {"Sticky", "고정"}, {"", ""}, "", 0, 0, false, {}, ""},
      ParamSpec{"label", ParamType::String, {"Label", "라벨"}, {"", ""}, "", 0, 20, "", {}, ""},
  };

  lambda.type = "lambda";
  lambda.category = Category::Serverless;
  lambda.name = {"Lambda", "Lambda"};
  lambda.placement = PlacementKind::Region;
  lambda.can_call = {"queue", "db"};
  lambda.params = {
      ParamSpec{"memory_mb", ParamType::Int, {"Memory", "메모리"}, {"", ""}, "MB", 128, 10240, 128, {}, "Lambda / Memory"},
  };

  cdn.type = "cdn";
  cdn.category = Category::Networking;
  cdn.name = {"CloudFront", "CloudFront"};
  cdn.placement = PlacementKind::Global;
  cdn.can_call = {"compute"};

  queue.type = "queue";
  queue.category = Category::Messaging;
  queue.name = {"SQS queue", "SQS 대기열"};
  queue.placement = PlacementKind::Region;
  queue.makes_calls = false;

  db.type = "db";
  db.category = Category::Databases;
  db.name = {"Database", "데이터베이스"};
  db.placement = PlacementKind::Az;
  db.makes_calls = false;

  needs.type = "needs";
  needs.category = Category::Testing;
  needs.name = {"Needy", "필수"};
  needs.placement = PlacementKind::Region;
  needs.params = {ParamSpec{"must", ParamType::Int, {"Must", "필수"}, {"", ""}, "", 0, 10, nullptr, {}, ""}};

  return {&users, &compute, &lambda, &cdn, &queue, &db, &needs};
}
}  // namespace

void install_fake_services() { set_services_for_testing(make()); }
void remove_fake_services() { set_services_for_testing({}); }

}  // namespace cptest
