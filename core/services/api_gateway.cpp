#include "core/services/api_gateway.h"

#include <algorithm>
#include <string>

#include "core/doc/messages.h"
#include "core/services/lambda.h"
#include "core/sim/lru_cache.h"
#include "core/sim/simulation.h"

namespace cp::services {
namespace {

using namespace cp::sim;
using nlohmann::json;

// AWS-FACTS: API Gateway / Account throttle: 10,000 requests/s with a burst of 5,000, per account per Region.
constexpr double kAccountRate = 10000, kAccountBurst = 5000;
// AWS-FACTS: API Gateway / REST integration timeout: 50 ms to 29 s (HTTP API: 30 s max).
constexpr double kMinTimeoutMs = 50, kRestMaxTimeoutMs = 29000, kHttpMaxTimeoutMs = 30000;
constexpr double kPayloadMb = 10;                  // AWS-FACTS: API Gateway / Payload (10 MB, 413 if larger)
constexpr double kCacheTtlS = 300, kMaxCacheTtlS = 3600;  // AWS-FACTS: API Gateway / Cache (REST)
constexpr double kRestPrice = 3.50 / 1e6;          // AWS-FACTS: API Gateway / Price (REST, first 333 M)
constexpr double kHttpPrice = 1.00 / 1e6;          // AWS-FACTS: API Gateway / Price (HTTP, first 300 M)

enum Timer : uint16_t { kIntegrationTimeout = 1, kReply = 2 };

struct Settings {
  bool http = false;  // an HTTP API (else REST)
  double rate = kAccountRate, burst = kAccountBurst;
  double stage_rate = 0, stage_burst = 0;  // 0: no stage throttle
  SimTime timeout = 29 * kSecond;
  double payload_bytes = kPayloadMb * 1024 * 1024;
  bool cache = false;
  SimTime ttl = 300 * kSecond;
  size_t cache_entries = 10000;
  SimTime overhead = 0;
};

class ApiGateway final : public ModelBase<ApiGateway> {
public:
  explicit ApiGateway(Settings s) : s_(s), cache_(s.cache ? s.cache_entries : 0) {}

  void start(Simulation& sim) override {
    const uint32_t region = sim.info(id()).placement.region.v;
    account_ = sim.pools().declare({"apigw_account_rps", region, kAnyAz, ""},
                                   {static_cast<int64_t>(s_.burst), s_.rate});
    if (s_.stage_rate > 0)
      stage_ = sim.pools().declare({"apigw_stage_rps", region, kAnyAz, sim.info(id()).id},
                                   {static_cast<int64_t>(s_.stage_burst), s_.stage_rate});
    sim.metrics(id()).capacity = 0;
    requests_ = sim.counter(id(), "api_requests");
    throttled_ = sim.counter(id(), "throttled_429");
    timeouts_ = sim.counter(id(), "timeouts_504");
    hits_ = sim.counter(id(), "cache_hits");
    for (ConnId c : sim.outgoing(id()))
      if (sim.connection(c).role == WireRole::Call) {
        backend_ = c;
        break;
      }
  }

  void on_request(Simulation& sim, ReqHandle h) override {
    const Request& r = sim.request(h);
    NodeMetrics& m = sim.metrics(id());
    ++st_.requests;
    m.add(requests_);
    m.cost_usd += s_.http ? kHttpPrice : kRestPrice;
    if (static_cast<double>(r.size_bytes) > s_.payload_bytes) {
      ++st_.too_large;
      sim.respond(h, Outcome::Rejected);  // 413 Request Entity Too Large
      return;
    }
    const SimTime now = sim.now();
    if ((stage_.v != kNoPool && !sim.pools().take(stage_, 1, now)) || !sim.pools().take(account_, 1, now)) {
      ++st_.throttled;
      m.add(throttled_);
      if (!throttling_) log_throttling(sim);
      throttled_this_second_ = true;
      sim.respond(h, Outcome::Throttled);  // 429 Too Many Requests
      return;
    }
    if (s_.cache && r.kind == RequestKind::Read) {
      if (cache_.fresh(r.key, now)) {
        ++st_.cache_hits;
        m.add(hits_);
        reply(sim, h, Outcome::Ok);
        return;
      }
      ++st_.cache_misses;
    }
    if (!backend_.valid()) {
      sim.respond(h, Outcome::ServerError);  // no integration: 500
      return;
    }
    uint32_t i;
    if (!free_.empty()) {
      i = free_.back();
      free_.pop_back();
    } else {
      i = static_cast<uint32_t>(slots_.size());
      slots_.emplace_back();
    }
    Slot& sl = slots_[i];
    ++sl.gen;
    sl.h = h;
    sl.live = true;
    const uint32_t tag = (sl.gen & 0xfff) << 20 | i;
    sl.timer = sim.schedule_cancellable(id(), now + s_.timeout, kIntegrationTimeout, tag);
    const RequestKind kind = r.kind;
    const uint32_t size = r.size_bytes;
    const uint64_t key = r.key;
    sim.call(backend_, h, kind, size, key, tag);
  }

  void on_response(Simulation& sim, ReqHandle parent, const Request& child, Outcome o) override {
    Slot* sl = live(child.tag);
    if (!sl) {  // the client already got its 504; the backend finished anyway
      ++st_.late_backend_answers;
      return;
    }
    sim.cancel_timer(sl->timer);
    release(child.tag);
    if (o == Outcome::Ok && s_.cache && child.kind == RequestKind::Read) cache_.put(child.key, sim.now() + s_.ttl);
    reply(sim, parent, o);
  }

  void on_timer(Simulation& sim, uint16_t timer, uint64_t payload) override {
    if (timer == kReply) {
      ReqHandle h{payload};
      if (sim.alive(h)) sim.respond(h, Outcome::Ok);
      return;
    }
    Slot* sl = live(static_cast<uint32_t>(payload));
    if (!sl) return;
    const ReqHandle h = sl->h;
    release(static_cast<uint32_t>(payload));
    ++st_.timeouts;
    sim.metrics(id()).add(timeouts_);
    sim.respond(h, Outcome::TimedOut);  // 504 Endpoint request timed out; the backend keeps working
  }

  void on_second(Simulation& sim) override {
    if (throttling_ && !throttled_this_second_) {
      throttling_ = false;
      const std::string& name = sim.info(id()).name;
      sim.log(id(), LogKind::ThrottlingEnded, name + ": requests pass the throttle again",
              doc::with_topic(name) + " 다시 스로틀링 없이 요청을 받습니다")
          .because("throttles_ended");
    }
    throttled_this_second_ = false;
  }

  StatusText status() const override {
    const std::string n = std::to_string(st_.requests), t = std::to_string(st_.throttled), o = std::to_string(st_.timeouts);
    StatusText s{n + " requests, " + t + " throttled (429), " + o + " timed out (504)",
                 "요청 " + n + "건, 스로틀링(429) " + t + "건, 시간 초과(504) " + o + "건"};
    if (s_.cache) {
      const std::string h = std::to_string(st_.cache_hits);
      s.en += ", " + h + " cache hits";
      s.ko += ", 캐시 적중 " + h + "건";
    }
    return s;
  }

  ApiGatewayStats stats() const { return st_; }

private:
  static constexpr uint32_t kNoPool = UINT32_MAX;
  struct Slot {
    uint32_t gen = 0;
    bool live = false;
    ReqHandle h;
    TimerToken timer;
  };
  Slot* live(uint32_t tag) {
    const uint32_t i = tag & 0xfffff;
    if (i >= slots_.size()) return nullptr;
    Slot& s = slots_[i];
    return s.live && (s.gen & 0xfff) == (tag >> 20) ? &s : nullptr;
  }
  void release(uint32_t tag) {
    slots_[tag & 0xfffff].live = false;
    free_.push_back(tag & 0xfffff);
  }
  void reply(Simulation& sim, ReqHandle h, Outcome o) {
    if (s_.overhead > 0 && o == Outcome::Ok)
      sim.schedule_timer(id(), sim.now() + s_.overhead, kReply, h.v);
    else
      sim.respond(h, o);
  }

  [[gnu::noinline]] void log_throttling(Simulation& sim) {
    throttling_ = true;
    const std::string& name = sim.info(id()).name;
    const bool stage = stage_.v != kNoPool && sim.pools().state(stage_).tokens < 1;
    const PoolState& ps = sim.pools().state(stage ? stage_ : account_);
    const std::string rate = std::to_string(static_cast<long long>(ps.spec.refill_per_s));
    const std::string burst = std::to_string(ps.spec.limit);
    if (stage)
      sim.log(id(), LogKind::ThrottlingBegan,
              name + " is throttling (429): its stage allows " + rate + " requests/s with a burst of " + burst,
              doc::with_topic(name) + " 스로틀링합니다(429). 스테이지 한도는 초당 " + rate + "건, 버스트 " + burst + "건입니다")
          .because("stage_throttle")
          .field("rate", ps.spec.refill_per_s)
          .field("burst", static_cast<double>(ps.spec.limit));
    else
      sim.log(id(), LogKind::ThrottlingBegan,
              name + " is throttling (429): the account's APIs in this Region may take " + rate +
                  " requests/s together, with a burst of " + burst,
              doc::with_topic(name) + " 스로틀링합니다(429). 이 리전에서 계정의 API는 모두 합쳐 초당 " + rate + "건, 버스트 " +
                  burst + "건까지 받습니다")
          .because("account_throttle")
          .field("rate", ps.spec.refill_per_s)
          .field("burst", static_cast<double>(ps.spec.limit));
  }

  Settings s_;
  LruCache cache_;
  PoolId account_, stage_{kNoPool};
  ConnId backend_;
  std::vector<Slot> slots_;
  std::vector<uint32_t> free_;
  bool throttling_ = false, throttled_this_second_ = false;
  ApiGatewayStats st_;
  CounterId requests_, throttled_, timeouts_, hits_;
};

using catalog::ParamSpec;
using catalog::ParamType;
using doc::Issue;

std::vector<Issue> validate_params(const json& p) {
  std::vector<Issue> out;
  const bool http = catalog::param_string(p, "api_type") == "http";
  const double t = catalog::param_number(p, "integration_timeout_ms");
  if (!http && t > kRestMaxTimeoutMs)
    out.push_back({"integration_timeout_ms",
                   "a REST API's integration timeout is at most 29,000 ms (29 s); a Regional API can have more only "
                   "through a quota request, which this playground does not model.",
                   "REST API의 통합 제한 시간은 최대 29,000밀리초(29초)입니다. 리전 API는 할당량 증가 요청으로만 늘릴 수 있으며, "
                   "이 플레이그라운드는 그 경우를 다루지 않습니다."});
  if (http && catalog::param_bool(p, "cache"))
    out.push_back({"cache", "HTTP APIs have no response cache: choose a REST API to cache responses.",
                   "HTTP API에는 응답 캐시가 없습니다. 응답을 캐시하려면 REST API를 고르세요."});
  if (catalog::param_number(p, "stage_rate_per_s") > 0 && catalog::param_number(p, "stage_burst") < 1)
    out.push_back({"stage_burst", "a stage throttle needs a burst of at least 1 request.",
                   "스테이지 스로틀링에는 버스트가 1건 이상이어야 합니다."});
  return out;
}

catalog::ServiceDescriptor make_descriptor() {
  catalog::ServiceDescriptor d;
  d.type = "api_gateway";
  d.category = catalog::Category::Serverless;
  d.name = {"API Gateway", "API Gateway"};
  d.summary = {
      "The front door of an API: throttles requests with token buckets (429), refuses payloads over 10 MB (413), can "
      "answer GETs from a stage cache, and sends the rest to its integration (the first wire), answering 504 when the "
      "integration takes longer than the integration timeout.",
      "API의 정문입니다. 토큰 버킷으로 요청을 스로틀링하고(429), 10MB를 넘는 페이로드를 거절하며(413), GET 요청은 스테이지 "
      "캐시에서 응답할 수 있고, 나머지는 통합(첫 번째 연결)으로 보냅니다. 통합이 통합 제한 시간보다 오래 걸리면 504로 "
      "응답합니다."};
  d.simplifications = {
      "The account throttle is one token bucket per Region shared by every API there (the first API's numbers hold); "
      "a stage throttle is a second bucket of this API alone. Method-level throttles and usage plans are not modelled. "
      "The cache holds whole answers by the request's key for the TTL, up to a number of entries, GETs only. After a "
      "504 the backend still finishes its work, and its answer is dropped. Cost: the price per request of the API "
      "type (first tier), without cache-hour prices.",
      "계정 스로틀링은 리전마다 그 리전의 모든 API가 함께 쓰는 토큰 버킷 하나이며(처음 만든 API의 값을 씁니다), 스테이지 "
      "스로틀링은 이 API만의 두 번째 버킷입니다. 메서드별 스로틀링과 사용량 계획은 다루지 않습니다. 캐시는 요청 키별로 응답 "
      "전체를 TTL 동안, 정한 항목 수까지 GET 요청만 보관합니다. 504로 응답한 뒤에도 백엔드는 작업을 끝까지 하고, 그 응답은 "
      "버립니다. 비용은 API 유형별 요청당 요금(첫 구간)이며 캐시 시간당 요금은 뺍니다."};
  d.placement = PlacementKind::Region;
  d.params = {
      ParamSpec{"api_type", ParamType::Enum, {"API type", "API 유형"},
                {"rest: REST API ($3.50 per million requests, cache, timeout up to 29 s). http: HTTP API ($1.00 per "
                 "million, no cache, timeout up to 30 s).",
                 "rest: REST API(요청 100만 건당 3.50달러, 캐시 가능, 제한 시간 최대 29초). http: HTTP API(100만 건당 "
                 "1.00달러, 캐시 없음, 제한 시간 최대 30초)."},
                "", 0, 0, "rest", {"rest", "http"}, "API Gateway / Price"},
      ParamSpec{"account_rate_per_s", ParamType::Int, {"Account throttle rate", "계정 스로틀링 속도"},
                {"Steady requests per second for all the account's APIs in this Region together.",
                 "이 리전에서 계정의 모든 API가 함께 받는 초당 요청 수입니다."},
                "requests/s", 1, 1000000, kAccountRate, {}, "API Gateway / Account throttle"},
      ParamSpec{"account_burst", ParamType::Int, {"Account burst", "계정 버스트"},
                {"The token bucket's size: how many requests may arrive at once above the steady rate.",
                 "토큰 버킷의 크기로, 일정 속도를 넘어 한꺼번에 받을 수 있는 요청 수입니다."},
                "requests", 1, 1000000, kAccountBurst, {}, "API Gateway / Account throttle"},
      ParamSpec{"stage_rate_per_s", ParamType::Int, {"Stage throttle rate", "스테이지 스로틀링 속도"},
                {"This API stage's own steady limit; 0: none (only the account's).",
                 "이 API 스테이지만의 일정 속도 한도입니다. 0이면 없음(계정 한도만 적용)입니다."},
                "requests/s", 0, 1000000, 0, {}, "API Gateway / Account throttle"},
      ParamSpec{"stage_burst", ParamType::Int, {"Stage burst", "스테이지 버스트"},
                {"This stage's bucket size.", "이 스테이지의 토큰 버킷 크기입니다."},
                "requests", 0, 1000000, 0, {}, ""},
      ParamSpec{"integration_timeout_ms", ParamType::Int, {"Integration timeout", "통합 제한 시간"},
                {"How long it waits for the backend: later, the client gets 504 while the backend keeps working. 50 ms "
                 "to 29 s for REST, 30 s for HTTP APIs.",
                 "백엔드를 기다리는 시간입니다. 이 시간이 지나면 백엔드가 아직 작업 중이어도 클라이언트는 504를 받습니다. REST는 "
                 "50밀리초~29초, HTTP API는 30초까지입니다."},
                "ms", kMinTimeoutMs, kHttpMaxTimeoutMs, kRestMaxTimeoutMs, {}, "API Gateway / REST integration timeout"},
      ParamSpec{"payload_limit_mb", ParamType::Float, {"Payload limit", "페이로드 한도"},
                {"Requests larger than this are refused with 413 (10 MB in AWS).",
                 "이보다 큰 요청은 413으로 거절합니다(AWS는 10MB)."},
                "MB", 0, kPayloadMb, kPayloadMb, {}, "API Gateway / Payload"},
      ParamSpec{"cache", ParamType::Bool, {"Response cache", "응답 캐시"},
                {"A stage cache (REST only): GETs with a cached answer do not reach the backend.",
                 "스테이지 캐시입니다(REST만). 캐시된 응답이 있는 GET 요청은 백엔드까지 가지 않습니다."},
                "", 0, 0, false, {}, "API Gateway / Cache (REST)"},
      ParamSpec{"cache_ttl_s", ParamType::Int, {"Cache TTL", "캐시 TTL"},
                {"How long a cached answer stays fresh (default 300 s, at most 3,600 s).",
                 "캐시된 응답이 유효한 시간입니다(기본 300초, 최대 3,600초)."},
                "s", 0, kMaxCacheTtlS, kCacheTtlS, {}, "API Gateway / Cache (REST)"},
      ParamSpec{"cache_entries", ParamType::Int, {"Cache size", "캐시 크기"},
                {"Answers the cache holds; beyond it the least recently used is evicted.",
                 "캐시가 보관하는 응답 수입니다. 넘치면 가장 오래 쓰지 않은 응답부터 내보냅니다."},
                "entries", 1, 10000000, 10000, {}, ""},
      ParamSpec{"overhead_ms", ParamType::Float, {"Gateway time", "게이트웨이 처리 시간"},
                {"Time the gateway itself adds to each answer.", "게이트웨이 자체가 응답마다 더하는 시간입니다."},
                "ms", 0, 1000, 0, {}, ""},
  };
  d.validate = validate_params;
  using K = MetricKind;
  d.icon = catalog::Icon::Api;
  d.lint_rules = catalog::lint_rules_from("api_gateway", {"apigw-timeout-below-function-timeout", "apigw-cache-ttl-zero", "apigw-stage-above-account"}, api_gateway_lint);
  d.metrics = {
      {{"api_requests", K::Counter}, {"API requests", "API 요청"}, {"requests", "건"},
       {"Requests that reached the API, throttled ones included.", "API에 들어온 요청 수이며 스로틀링된 요청도 포함합니다."},
       catalog::MetricCard::None, {}},
      {{"throttled_429", K::Counter}, {"Throttled (429)", "스로틀링(429)"}, {"requests", "건"},
       {"Requests refused because the account's or the stage's token bucket was empty.",
        "계정이나 스테이지의 토큰 버킷이 비어 거절한 요청 수입니다."},
       catalog::MetricCard::None, {}},
      {{"timeouts_504", K::Counter}, {"Integration timeouts (504)", "통합 시간 초과(504)"}, {"requests", "건"},
       {"Requests whose backend did not answer within the integration timeout.", "백엔드가 통합 제한 시간 안에 응답하지 않은 요청 수입니다."},
       catalog::MetricCard::None, {}},
      {{"cache_hits", K::Counter}, {"Cache hits", "캐시 적중"}, {"requests", "건"},
       {"GETs answered from the stage cache, without the backend.", "백엔드 없이 스테이지 캐시에서 응답한 GET 요청 수입니다."},
       catalog::MetricCard::None, {}},
  };
  catalog::metric_spec(d, "cache_hits").only_when = {"stages with the response cache on", "응답 캐시를 켠 스테이지"};
  d.metric_applies = [](const std::string& key, const json& p) { return key != "cache_hits" || catalog::param_bool(p, "cache"); };
  // Live during a run: the stage's traffic and what it refused or cut short.
  using Live = catalog::MetricLive;
  catalog::show_live(d, "api_requests", Live::Rate, {"requests", "요청"});
  catalog::show_live(d, "throttled_429", Live::Value, {"429", "429"});
  catalog::show_live(d, "timeouts_504", Live::Value, {"504", "504"});
  catalog::show_live(d, "cache_hits", Live::Value, {"cache hits", "캐시 적중"});
  d.create = [](const catalog::BuildContext& ctx) -> std::unique_ptr<Model> {
    const json& p = ctx.params;
    Settings s;
    s.http = catalog::param_string(p, "api_type") == "http";
    s.rate = catalog::param_number(p, "account_rate_per_s");
    s.burst = catalog::param_number(p, "account_burst");
    s.stage_rate = catalog::param_number(p, "stage_rate_per_s");
    s.stage_burst = catalog::param_number(p, "stage_burst");
    s.timeout = from_seconds(catalog::param_number(p, "integration_timeout_ms") / 1000.0);
    s.payload_bytes = catalog::param_number(p, "payload_limit_mb") * 1024 * 1024;
    s.cache = catalog::param_bool(p, "cache");
    s.ttl = from_seconds(catalog::param_number(p, "cache_ttl_s"));
    s.cache_entries = static_cast<size_t>(catalog::param_number(p, "cache_entries"));
    s.overhead = from_seconds(catalog::param_number(p, "overhead_ms") / 1000.0);
    return std::make_unique<ApiGateway>(s);
  };
  return d;
}

}  // namespace

void api_gateway_lint(const doc::Document& d, std::vector<catalog::Finding>& out) {
  const catalog::ServiceDescriptor& self = api_gateway_descriptor();
  for (const doc::NodeDoc& n : d.nodes) {
    if (n.type != self.type) continue;
    const json p = catalog::with_defaults(self, n.params.is_object() ? n.params : json::object());
    const double timeout_ms = catalog::param_number(p, "integration_timeout_ms");
    for (const auto& c : d.connections) {
      if (c.from != n.id || c.role != "call") continue;
      const doc::NodeDoc* fn = d.find_node(c.to);
      if (!fn || fn->type != lambda_descriptor().type) continue;
      const json fp = catalog::with_defaults(lambda_descriptor(), fn->params.is_object() ? fn->params : json::object());
      const double fn_s = catalog::param_number(fp, "timeout_s");
      if (fn_s * 1000 <= timeout_ms) continue;
      const std::string a = std::to_string(static_cast<long long>(timeout_ms)), f = std::to_string(static_cast<long long>(fn_s));
      out.push_back({"apigw-timeout-below-function-timeout", catalog::Severity::Warning,
                     "API " + n.id + " waits " + a + " ms for function " + fn->id + ", whose timeout is " + f +
                         " s: a slow invocation gets the client a 504 while the function keeps running (and is billed). "
                         "Make the function's timeout shorter than the integration timeout.",
                     "API " + doc::with_topic(n.id) + " 함수 " + fn->id + "의 응답을 " + a + "밀리초 기다리는데, 함수의 제한 시간은 " + f +
                         "초입니다. 느린 호출에는 함수가 계속 실행되어 요금이 붙는 동안 클라이언트가 504를 받습니다. 함수의 제한 "
                         "시간을 통합 제한 시간보다 짧게 하세요.",
                     {c.id, n.id, fn->id}, "API Gateway / REST integration timeout"});
    }
    if (catalog::param_bool(p, "cache") && catalog::param_number(p, "cache_ttl_s") == 0)
      out.push_back({"apigw-cache-ttl-zero", catalog::Severity::Info,
                     "API " + n.id + " has its cache on with a TTL of 0 s: nothing stays cached, and the cache is paid "
                     "for by the hour. Set a TTL or turn the cache off.",
                     "API " + n.id + "의 캐시가 켜져 있지만 TTL이 0초라서 아무것도 캐시되지 않는데 캐시 요금은 시간마다 붙습니다. "
                     "TTL을 정하거나 캐시를 끄세요.",
                     {n.id}, "API Gateway / Cache (REST)"});
    const double stage = catalog::param_number(p, "stage_rate_per_s");
    if (stage > catalog::param_number(p, "account_rate_per_s"))
      out.push_back({"apigw-stage-above-account", catalog::Severity::Info,
                     "API " + n.id + "'s stage throttle (" + std::to_string(static_cast<long long>(stage)) +
                         " requests/s) is above the account's: the account's bucket refuses first.",
                     "API " + n.id + "의 스테이지 스로틀링(초당 " + std::to_string(static_cast<long long>(stage)) +
                         "건)이 계정 한도보다 높아서 계정의 토큰 버킷이 먼저 거절합니다.",
                     {n.id}, "API Gateway / Account throttle"});
  }
}

std::optional<ApiGatewayStats> api_gateway_stats(const sim::Model& m) {
  const auto* a = dynamic_cast<const ApiGateway*>(&m);
  if (!a) return std::nullopt;
  return a->stats();
}

const catalog::ServiceDescriptor& api_gateway_descriptor() {
  static const catalog::ServiceDescriptor d = make_descriptor();
  return d;
}

}  // namespace cp::services
