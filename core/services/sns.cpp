#include "core/services/sns.h"

#include <algorithm>
#include <map>
#include <vector>

#include "core/doc/messages.h"
#include "core/sim/detmath.h"
#include "core/sim/simulation.h"

namespace cp::services {

using namespace cp::sim;
using nlohmann::json;

namespace {

// AWS-FACTS: SNS / Message size — 256 KiB by default; larger publishes are refused.
constexpr uint32_t kMaxMessageBytes = 256 * 1024;
// AWS-FACTS: SNS / Retry to SQS/Lambda/Firehose — 100,015 attempts over 23 days: 3 at once,
// 2 a second apart, 10 backing off from 1 s to 20 s, then 100,000 every 20 s.
constexpr uint32_t kManagedRetries = 100015;
// AWS-FACTS: SNS / Retry to HTTP/S — by default 3 retries 20 s apart; a custom policy
// lasts at most 3,600 s.
constexpr double kHttpDefaultRetries = 3, kHttpDefaultDelayS = 20, kHttpMaxPolicyS = 3600;

enum Timer : uint16_t { kRetry = 1 };

// ---- filter policies (AWS's JSON syntax, the subset a learner meets first) ----

struct Condition {
  enum Kind : uint8_t { Exact, Prefix, AnythingBut, Exists, Missing } kind = Exact;
  std::vector<std::string> values;  // Exact / Prefix: one; AnythingBut: the excluded ones
};
struct Rule {
  std::string attribute;
  std::vector<Condition> any_of;  // the attribute matches if one condition does
};
using Policy = std::vector<Rule>;  // every rule must match (AND over attributes)

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

std::optional<catalog::Refusal> parse_condition(const std::string& key, const json& v, Condition& out) {
  if (v.is_string()) {
    out = {Condition::Exact, {v.get<std::string>()}};
    return std::nullopt;
  }
  if (v.is_number()) {
    out = {Condition::Exact, {v.dump()}};
    return std::nullopt;
  }
  if (v.is_object() && v.size() == 1) {
    const auto& [op, arg] = *v.items().begin();
    if (op == "prefix" && arg.is_string()) {
      out = {Condition::Prefix, {arg.get<std::string>()}};
      return std::nullopt;
    }
    if (op == "exists" && arg.is_boolean()) {
      out = {arg.get<bool>() ? Condition::Exists : Condition::Missing, {}};
      return std::nullopt;
    }
    if (op == "anything-but" && (arg.is_string() || (arg.is_array() && !arg.empty()))) {
      out = {Condition::AnythingBut, {}};
      for (const json& x : arg.is_string() ? json::array({arg}) : arg) {
        if (!x.is_string()) break;
        out.values.push_back(x.get<std::string>());
      }
      if (out.values.size() == (arg.is_string() ? 1 : arg.size())) return std::nullopt;
    }
  }
  return catalog::Refusal{
      "filter policy, " + quoted(key) + ": " + v.dump() + " is not a condition this simulation knows. Use a string, "
          "{\"prefix\": \"…\"}, {\"anything-but\": [\"…\"]} or {\"exists\": true}.",
      "필터 정책의 " + quoted(key) + ": " + v.dump() + "은 이 시뮬레이션이 아는 조건이 아닙니다. 문자열, "
          "{\"prefix\": \"…\"}, {\"anything-but\": [\"…\"]}, {\"exists\": true} 중 하나를 쓰세요."};
}

std::optional<catalog::Refusal> parse_policy(const std::string& text, Policy& out) {
  out.clear();
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) return std::nullopt;
  const json j = json::parse(text, nullptr, false);
  if (!j.is_object() || j.empty())
    return catalog::Refusal{"the filter policy must be a JSON object of attribute names and value lists, e.g. "
                            "{\"type\": [\"order\"]}.",
                            "필터 정책은 속성 이름과 값 목록으로 된 JSON 객체여야 합니다. 예: {\"type\": [\"order\"]}."};
  for (const auto& [key, list] : j.items()) {
    if (!list.is_array() || list.empty())
      return catalog::Refusal{"filter policy, " + quoted(key) + ": the values must be a non-empty list, e.g. [\"order\"].",
                              "필터 정책의 " + quoted(key) + ": 값은 비어 있지 않은 목록이어야 합니다. 예: [\"order\"]."};
    Rule r{key, {}};
    for (const json& v : list) {
      Condition c;
      if (auto e = parse_condition(key, v, c)) return e;
      r.any_of.push_back(std::move(c));
    }
    out.push_back(std::move(r));
  }
  return std::nullopt;
}

bool matches(const Policy& p, const json& attributes) {
  for (const Rule& r : p) {
    const auto it = attributes.is_object() ? attributes.find(r.attribute) : attributes.end();
    const bool has = attributes.is_object() && it != attributes.end();
    const std::string value = has && it->is_string() ? it->get<std::string>() : has ? it->dump() : "";
    bool any = false;
    for (const Condition& c : r.any_of) {
      switch (c.kind) {
        case Condition::Exact: any = has && value == c.values[0]; break;
        case Condition::Prefix: any = has && value.rfind(c.values[0], 0) == 0; break;
        case Condition::AnythingBut:
          any = has && std::find(c.values.begin(), c.values.end(), value) == c.values.end();
          break;
        case Condition::Exists: any = has; break;
        case Condition::Missing: any = !has; break;
      }
      if (any) break;
    }
    if (!any) return false;
  }
  return true;
}

// ---- the topic ----

struct Subscription {
  ConnId conn;
  bool managed = true;      // an SQS queue or a Lambda function: AWS's fixed, long retry policy
  uint32_t retries = 0;     // HTTP/S: the delivery policy's retries and their delay
  SimTime delay = 0;
  Policy policy;
  std::map<uint32_t, bool> matches;  // by interned attribute set: the policy's answer, read once
};

struct Copy {
  Lineage item;
  uint32_t sub = 0;        // index in subs_
  uint32_t attempts = 0;   // sent so far
  bool used = false;
};

class Topic final : public ModelBase<Topic> {
public:
  void start(Simulation& sim) override {
    published_c_ = sim.counter(id(), "published");
    delivered_c_ = sim.counter(id(), "delivered");
    filtered_c_ = sim.counter(id(), "filtered");
    failures_c_ = sim.counter(id(), "delivery_failures");
    dropped_c_ = sim.counter(id(), "dropped");
    refused_c_ = sim.counter(id(), "refused");
    retrying_g_ = sim.gauge(id(), "retrying");
    subs_.clear();
    for (ConnId c : sim.outgoing(id())) {
      const Connection& w = sim.connection(c);
      Subscription s;
      s.conn = c;
      const std::string& to = sim.info(w.to).type;
      s.managed = to == "sqs" || to == "lambda";
      s.retries = static_cast<uint32_t>(w.role_params.number("num_retries", kHttpDefaultRetries));
      s.delay = from_seconds(w.role_params.number("retry_delay_s", kHttpDefaultDelayS));
      parse_policy(w.role_params.text("filter_policy"), s.policy);  // checked when the document loaded
      subs_.push_back(std::move(s));
    }
  }

  void on_request(Simulation& sim, ReqHandle h) override {
    const Request& r = sim.request(h);
    NodeMetrics& m = sim.metrics(id());
    ++b_.published;
    m.add(published_c_);
    if (r.size_bytes > kMaxMessageBytes) {
      ++b_.refused;
      m.add(refused_c_);
      sim.respond(h, Outcome::Rejected);  // InvalidParameter: message too long
      return;
    }
    const Lineage item = r.lineage();
    sim.respond(h, Outcome::Ok);  // the topic stored it: the publisher is done
    if (subs_.empty()) {
      ++b_.no_subscriptions;
      return;
    }
    b_.fanout_copies += subs_.size() - 1;
    const json* attrs = nullptr;
    json parsed;
    for (uint32_t i = 0; i < subs_.size(); ++i) {
      Subscription& s = subs_[i];
      if (!s.policy.empty()) {
        auto it = s.matches.find(item.attr);
        if (it == s.matches.end()) {
          if (!attrs) {
            parsed = json::parse(item.attr ? sim.attributes(item.attr) : std::string("{}"), nullptr, false);
            attrs = &parsed;
          }
          it = s.matches.emplace(item.attr, matches(s.policy, *attrs)).first;
        }
        if (!it->second) {
          ++b_.filtered;
          m.add(filtered_c_);
          continue;
        }
      }
      deliver(sim, new_copy(item, i));
    }
  }

  void on_response(Simulation& sim, ReqHandle parent, const Request& child, Outcome o) override {
    if (sim.alive(parent)) sim.finish_root(parent);
    const uint32_t slot = child.tag;
    if (slot >= copies_.size() || !copies_[slot].used) return;
    --b_.delivering;
    settle(sim, slot, o);
  }

  void on_timer(Simulation& sim, uint16_t timer, uint64_t payload) override {
    if (timer != kRetry || payload >= copies_.size() || !copies_[payload].used) return;
    --b_.retrying;
    deliver(sim, static_cast<uint32_t>(payload));
  }

  void on_second(Simulation& sim) override { sim.metrics(id()).set(retrying_g_, static_cast<double>(b_.retrying)); }

  StatusText status() const override {
    const std::string n = std::to_string(subs_.size()), r = std::to_string(b_.retrying),
                      d = std::to_string(b_.dropped);
    return {n + (subs_.size() == 1 ? " subscription" : " subscriptions") + "; " + r + " retrying, " + d + " dropped",
            "구독 " + n + "개, 재시도 대기 " + r + "개, 버려진 메시지 " + d + "개"};
  }

  std::optional<MessageBalance> message_balance() const override { return b_.terms(); }
  const SnsBalance& balance() const { return b_; }

private:
  uint32_t new_copy(const Lineage& item, uint32_t sub) {
    uint32_t slot;
    if (!free_.empty()) {
      slot = free_.back();
      free_.pop_back();
    } else {
      slot = static_cast<uint32_t>(copies_.size());
      copies_.emplace_back();
    }
    copies_[slot] = Copy{item, sub, 0, true};
    return slot;
  }

  void release(uint32_t slot) {
    copies_[slot].used = false;
    free_.push_back(slot);
  }

  void deliver(Simulation& sim, uint32_t slot) {
    Copy& c = copies_[slot];
    const Subscription& s = subs_[c.sub];
    ++c.attempts;
    ++b_.delivering;
    const ReqHandle root = sim.begin_root(id(), c.item, RequestKind::Write);
    sim.call(s.conn, root, RequestKind::Write, c.item.size, c.item.key, slot);
    if (!sim.connection(s.conn).policy.sync) {
      // An event (Lambda's asynchronous invoke): Lambda queues it and answers 202 at once;
      // its own retries and destination take it from there.
      sim.finish_root(root);
      --b_.delivering;
      settle(sim, slot, Outcome::Ok);
    }
  }

  void settle(Simulation& sim, uint32_t slot, Outcome o) {
    NodeMetrics& m = sim.metrics(id());
    Copy& c = copies_[slot];
    const Subscription& s = subs_[c.sub];
    if (o == Outcome::Ok) {
      ++b_.delivered;
      m.add(delivered_c_);
      release(slot);
      return;
    }
    m.add(failures_c_);
    if (o == Outcome::Rejected) {  // a 4xx: SNS does not retry what the endpoint refused
      ++b_.rejected;
      release(slot);
      return;
    }
    const uint32_t retries_done = c.attempts - 1;
    if (retries_done >= (s.managed ? kManagedRetries : s.retries)) {
      ++b_.dropped;
      m.add(dropped_c_);
      if (b_.dropped == 1) log_first_drop(sim, s);
      release(slot);
      return;
    }
    ++b_.retrying;
    sim.schedule_timer(id(), sim.now() + std::max<SimTime>(1, retry_delay(s, retries_done + 1)), kRetry, slot);
  }

  // The wait before retry `k` (1 = the first).
  static SimTime retry_delay(const Subscription& s, uint32_t k) {
    if (!s.managed) return s.delay;  // HTTP/S: the policy's delay (simplified: linear, no phases)
    if (k <= 3) return 0;            // immediate retry phase
    if (k <= 5) return kSecond;      // pre-backoff
    if (k <= 15) return from_seconds(det_pow(20.0, (k - 6) / 9.0));  // backoff, 1 s → 20 s
    return 20 * kSecond;             // post-backoff
  }

  [[gnu::noinline]] void log_first_drop(Simulation& sim, const Subscription& s) {
    const std::string to = sim.info(sim.connection(s.conn).to).id;
    sim.log(id(), LogKind::Warning,
            "SNS gave up delivering a message to " + to + " after " + std::to_string(s.retries) +
                " retries (the subscription's delivery policy): the message is discarded. A dead-letter queue on the "
                "subscription would keep it",
            "SNS가 " + to + "에 메시지를 전송하지 못해 " + std::to_string(s.retries) +
                "번 재시도한 뒤 포기했습니다(구독의 전송 정책). 메시지는 버려집니다. 구독에 배달 못한 편지 대기열을 두면 "
                "메시지를 보관할 수 있습니다")
        .because("delivery_policy_exhausted");
  }

  std::vector<Subscription> subs_;
  std::vector<Copy> copies_;
  std::vector<uint32_t> free_;
  SnsBalance b_;
  CounterId published_c_, delivered_c_, filtered_c_, failures_c_, dropped_c_, refused_c_;
  GaugeId retrying_g_;
};

using catalog::metric;

std::optional<catalog::Finding> no_subscription_advice(const doc::Document& d, const doc::NodeDoc& n) {
  const bool any = std::any_of(d.connections.begin(), d.connections.end(),
                               [&](const doc::ConnectionDoc& w) { return w.from == n.id; });
  if (any) return std::nullopt;
  return catalog::Finding{"sns-no-subscriptions", catalog::Severity::Warning,
                          "Topic " + n.id + " has no subscriptions: every message published to it goes nowhere. Draw a "
                              "wire from the topic to a queue, a function or an HTTP endpoint.",
                          "주제 " + doc::with_topic(n.id) + " 구독이 없습니다. 게시된 메시지가 아무 데도 가지 않습니다. 주제에서 "
                              "대기열, 함수 또는 HTTP 엔드포인트로 연결선을 그으세요.",
                          {n.id},
                          "SNS / Subscribers"};
}

std::vector<doc::Issue> check_delivery_policy(const json& p) {
  std::vector<doc::Issue> out;
  if (p.contains("filter_policy") && p["filter_policy"].is_string())
    if (auto e = sns_filter_error(p["filter_policy"].get<std::string>())) out.push_back({"filter_policy", e->en, e->ko});
  auto num = [&](const char* k, double def) { return p.contains(k) && p[k].is_number() ? p[k].get<double>() : def; };
  const double retries = num("num_retries", kHttpDefaultRetries), delay = num("retry_delay_s", kHttpDefaultDelayS);
  if (retries * delay > kHttpMaxPolicyS)
    out.push_back({"num_retries",
                   "the delivery policy lasts " + doc::format_number(retries * delay) +
                       " s (retries × delay): SNS allows at most 3,600 s. Use fewer retries or a shorter delay.",
                   "전송 정책이 " + doc::format_number(retries * delay) +
                       "초(재시도 횟수 × 간격) 동안 이어집니다. SNS는 최대 3,600초까지만 허용합니다. 재시도 횟수나 간격을 "
                       "줄이세요."});
  return out;
}

catalog::ServiceDescriptor make_descriptor() {
  using catalog::ParamSpec;
  using catalog::ParamType;
  using K = MetricKind;
  catalog::ServiceDescriptor d;
  d.type = "sns";
  d.category = catalog::Category::Messaging;
  d.name = {"SNS topic", "SNS 주제"};
  d.summary = {"A standard topic: each message published to it is copied to every subscription (a queue, a function, an "
               "HTTP endpoint), filtered by the subscription's filter policy.",
               "표준 주제입니다. 게시된 메시지를 모든 구독(대기열, 함수, HTTP 엔드포인트)에 복사해 보내며, 구독의 필터 "
               "정책으로 걸러냅니다."};
  d.simplifications = {
      "A standard topic only (no FIFO topics yet). Publish is answered at once (the wire's latency only) and the copies "
      "leave together. Deliveries to SQS and Lambda are retried as AWS does (100,015 attempts over 23 days), so they are "
      "never lost in a run; an HTTP/S subscription's delivery policy is a number of retries a fixed delay apart (AWS's "
      "default: 3 retries, 20 s apart), without the immediate and backoff phases a custom policy can have, and without a "
      "subscription dead-letter queue. Filter policies read message attributes (from the users' attribute mix) with exact "
      "values, prefix, anything-but and exists; no numeric ranges, no message-body filtering. Standard topics' rare "
      "duplicate deliveries are not drawn, and the topic's price is not counted yet.",
      "표준 주제만 다룹니다(FIFO 주제는 아직 없습니다). Publish에는 바로 응답하고(연결선 지연 시간만), 사본은 한꺼번에 "
      "나갑니다. SQS와 Lambda로의 전송은 AWS처럼 재시도하므로(23일 동안 100,015번) 실행 중에 잃어버리지 않습니다. HTTP/S "
      "구독의 전송 정책은 일정한 간격을 둔 재시도 횟수로만 나타냅니다(AWS 기본값: 20초 간격으로 3번). 사용자 지정 정책의 "
      "즉시 재시도와 백오프 단계, 구독의 배달 못한 편지 대기열은 다루지 않습니다. 필터 정책은 메시지 속성(사용자의 속성 "
      "혼합)을 정확한 값, 접두사, anything-but, exists로 비교합니다. 숫자 범위와 메시지 본문 필터링은 없습니다. 표준 "
      "주제에서 드물게 생기는 중복 전송은 그리지 않고, 주제 요금도 아직 계산하지 않습니다."};
  d.placement = PlacementKind::Region;
  d.icon = catalog::Icon::Topic;
  const ParamSpec filter{"filter_policy", ParamType::String, {"Filter policy", "필터 정책"},
                         {"Optional: which messages this subscription gets, by their attributes, in AWS's JSON, e.g. "
                          "{\"type\": [\"order\"]}. Empty: every message.",
                          "선택 사항: 이 구독이 받을 메시지를 속성으로 고르는 AWS 형식의 JSON입니다. 예: "
                          "{\"type\": [\"order\"]}. 비우면 모든 메시지를 받습니다."},
                         "", 0, 2000, "", {}, "", 0, false, ""};
  const ParamSpec retries{"num_retries", ParamType::Int, {"Delivery retries (HTTP/S)", "전송 재시도(HTTP/S)"},
                          {"For an HTTP/S endpoint: how many times SNS retries a failed delivery before it discards the "
                           "message. Deliveries to SQS and Lambda are retried for 23 days whatever this says.",
                           "HTTP/S 엔드포인트에서 전송에 실패하면 메시지를 버리기 전에 SNS가 재시도하는 횟수입니다. SQS와 "
                           "Lambda로의 전송은 이 값과 상관없이 23일 동안 재시도합니다."},
                          "", 0, 100, kHttpDefaultRetries, {}, "SNS / Retry to HTTP/S", 0, false, ""};
  const ParamSpec delay{"retry_delay_s", ParamType::Float, {"Retry delay (HTTP/S)", "재시도 간격(HTTP/S)"},
                        {"For an HTTP/S endpoint: the wait between two attempts.",
                         "HTTP/S 엔드포인트에서 두 번의 시도 사이에 기다리는 시간입니다."},
                        "s", 1, 3600, kHttpDefaultDelayS, {}, "SNS / Retry to HTTP/S", 0, false, ""};
  // Subscriptions: SQS and HTTP/S endpoints answer (a call), Lambda is invoked asynchronously (an event).
  d.source_roles = {
      catalog::RoleSpec{WireRole::Call, {filter, retries, delay},
                        {"sqs", "ec2", "asg", "compute", "alb", "clb", "api_gateway"}, check_delivery_policy},
      catalog::RoleSpec{WireRole::Event, {filter}, {"lambda"}, check_delivery_policy}};
  d.target_roles = {catalog::RoleSpec{}};  // publishers call it (Publish)
  d.lint_rules = {{"sns-no-subscriptions", no_subscription_advice}};
  const catalog::Text msgs{"messages", "개"};
  d.metrics = {
      metric("published", K::Counter, {"Messages published", "게시된 메시지"}, msgs,
             {"Publish requests that reached the topic, refused ones included.",
              "주제에 도착한 Publish 요청 수이며 거절된 것도 포함합니다."}),
      metric("delivered", K::Counter, {"Deliveries", "전송 성공"}, msgs,
             {"Copies a subscriber accepted: one per subscription whose filter policy matched.",
              "구독자가 받아들인 사본 수입니다. 필터 정책이 맞는 구독마다 하나씩입니다."}),
      metric("filtered", K::Counter, {"Filtered out", "필터링됨"}, msgs,
             {"Copies not sent because the subscription's filter policy did not match the message's attributes.",
              "메시지 속성이 구독의 필터 정책과 맞지 않아 보내지 않은 사본 수입니다."}),
      metric("delivery_failures", K::Counter, {"Failed deliveries", "전송 실패"}, {"attempts", "회"},
             {"Delivery attempts that failed (the endpoint was down, throttled or answered an error); each is retried "
              "while the delivery policy allows.",
              "실패한 전송 시도 수입니다(엔드포인트 중단, 스로틀링, 오류 응답). 전송 정책이 허용하는 동안 재시도합니다."}),
      metric("dropped", K::Counter, {"Discarded after retries", "재시도 후 버려짐"}, msgs,
             {"Copies discarded when the delivery policy ran out of retries.",
              "전송 정책의 재시도가 모두 끝나 버려진 사본 수입니다."}),
      metric("refused", K::Counter, {"Refused at publish", "게시 거절"}, msgs,
             {"Publish requests refused: the message was larger than 256 KiB.",
              "메시지가 256KiB보다 커서 거절된 Publish 요청 수입니다."}),
      metric("retrying", K::Gauge, {"Waiting to retry", "재시도 대기"}, msgs,
             {"Copies waiting for their next delivery attempt.", "다음 전송 시도를 기다리는 사본 수입니다."}),
  };
  // Live during a run: what comes in, what goes out, what waits and what was lost.
  using Live = catalog::MetricLive;
  catalog::show_live(d, "published", Live::Rate, {"published", "게시"});
  catalog::show_live(d, "delivered", Live::Rate, {"delivered", "전송"});
  catalog::show_live(d, "filtered", Live::Value, {"filtered", "필터링"});
  catalog::show_live(d, "retrying", Live::Value, {"retrying", "재시도 대기"});
  catalog::show_live(d, "dropped", Live::Value, {"discarded", "버려짐"});
  d.create = [](const catalog::BuildContext&) -> std::unique_ptr<Model> { return std::make_unique<Topic>(); };
  return d;
}

}  // namespace

sim::MessageBalance SnsBalance::terms() const {
  sim::MessageBalance m;
  m.in = {{"published", "published", "게시", published, false},
          {"fanout_copies", "fan-out copies", "팬아웃 사본", fanout_copies, false}};
  m.out = {{"delivered", "delivered", "전송", delivered, false},
           {"delivering", "delivering", "전송 중", delivering, true},
           {"retrying", "waiting to retry", "재시도 대기", retrying, true},
           {"filtered", "filtered out", "필터링", filtered, false},
           {"no_subscriptions", "no subscription", "구독 없음", no_subscriptions, false},
           {"rejected", "rejected by the subscriber", "구독자 거절", rejected, false},
           {"dropped", "discarded after retries", "재시도 후 버려짐", dropped, false},
           {"refused", "refused", "거절", refused, false}};
  return m;
}

std::optional<SnsBalance> sns_balance(const sim::Simulation& s, sim::NodeId n) {
  if (const auto* t = dynamic_cast<const Topic*>(&s.model(n))) return t->balance();
  return std::nullopt;
}

std::optional<catalog::Refusal> sns_filter_error(const std::string& policy) {
  Policy p;
  return parse_policy(policy, p);
}

bool sns_filter_matches(const std::string& policy, const std::string& attributes) {
  Policy p;
  if (parse_policy(policy, p)) return false;
  return matches(p, json::parse(attributes.empty() ? std::string("{}") : attributes, nullptr, false));
}

const catalog::ServiceDescriptor& sns_descriptor() {
  static const catalog::ServiceDescriptor d = make_descriptor();
  return d;
}

}  // namespace cp::services
