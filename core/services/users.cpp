#include "core/services/users.h"

#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/doc/messages.h"
#include "core/services/http_request.h"
#include "core/sim/detmath.h"
#include "core/sim/dettrig.h"
#include "core/sim/simulation.h"

namespace cp::services {
namespace {

using namespace cp::sim;

enum Timer : uint16_t { kArrival = 0 };
enum class Pattern { Constant, Poisson, Ramp, Diurnal, Spike };

struct TrafficShape {
  Pattern pattern = Pattern::Poisson;
  double rate = 10;            // requests/s (start rate for a ramp, mean for diurnal)
  double ramp_to = 100;        // requests/s at the end of the ramp
  double ramp_s = 300;
  double diurnal_period_s = 86400;
  double diurnal_amplitude = 0.5;
  double spike_at_s = 60, spike_s = 30, spike_multiplier = 10;

  // Rate at time t (seconds); the engine's own cosine keeps it identical everywhere.
  double rate_at(double t) const {
    switch (pattern) {
      case Pattern::Constant:
      case Pattern::Poisson: return rate;
      case Pattern::Ramp: return t >= ramp_s ? ramp_to : rate + (ramp_to - rate) * (t / ramp_s);
      case Pattern::Diurnal: {
        // Trough at t = 0 (night), peak at half a period (midday).
        double r = rate * (1 - diurnal_amplitude * det_cos(2 * 3.14159265358979323846 * t / diurnal_period_s));
        return r < 0 ? 0 : r;
      }
      case Pattern::Spike: return t >= spike_at_s && t < spike_at_s + spike_s ? rate * spike_multiplier : rate;
    }
    return rate;
  }
  double max_rate() const {
    switch (pattern) {
      case Pattern::Ramp: return rate > ramp_to ? rate : ramp_to;
      case Pattern::Diurnal: return rate * (1 + diurnal_amplitude);
      case Pattern::Spike: return rate * (spike_multiplier > 1 ? spike_multiplier : 1);
      default: return rate;
    }
  }
};

// A weighted list of request paths or hosts: "/api/orders=30, /static/app.js=70".
struct Mix {
  std::vector<std::string> values;
  std::vector<double> cumulative;  // running sum of the weights
  bool empty() const { return values.empty(); }
};

bool path_char(char c) {
  // AWS path-pattern characters without the wildcards (a request has a concrete path).
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  for (char k : std::string("_-.$/~\"'@:+&"))
    if (c == k) return true;
  return false;
}
bool host_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
}
std::string trim(const std::string& s) {
  size_t a = s.find_first_not_of(" \t\n\r"), b = s.find_last_not_of(" \t\n\r");
  return a == std::string::npos ? std::string() : s.substr(a, b - a + 1);
}

constexpr size_t kMaxMixEntries = 100;  // a cloudplay limit (fits the 16-bit tag fields), not an AWS one
constexpr size_t kMaxMixValue = 128;    // AWS rule values are at most 128 characters; requests kept to the same

bool attribute_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
         c == '/';
}

// "type:order&store:web" -> {"store":"web","type":"order"} (the message attributes SNS
// filter policies read), or false with the reason.
bool attribute_set_json(const std::string& value, std::string& json_text, catalog::Refusal& error) {
  nlohmann::json o = nlohmann::json::object();
  size_t start = 0;
  while (start <= value.size()) {
    const size_t amp = value.find('&', start);
    const std::string pair = trim(value.substr(start, amp == std::string::npos ? std::string::npos : amp - start));
    const size_t colon = pair.find(':');
    const std::string name = colon == std::string::npos ? "" : trim(pair.substr(0, colon));
    const std::string val = colon == std::string::npos ? "" : trim(pair.substr(colon + 1));
    bool ok = !name.empty() && !val.empty();
    for (char c : name + val) ok = ok && attribute_char(c);
    if (!ok) {
      error = {"\"" + pair + "\": a message attribute is NAME:VALUE (letters, digits, '-', '.', '_', '/'); several are "
               "joined with '&', e.g. \"type:order&store:web=70\".",
               "\"" + pair + "\": 메시지 속성은 이름:값 형식입니다(영문자, 숫자, '-', '.', '_', '/'). 여러 개는 '&'로 잇습니다. "
               "예: \"type:order&store:web=70\"."};
      return false;
    }
    o[name] = val;
    if (amp == std::string::npos) break;
    start = amp + 1;
  }
  json_text = o.dump();
  return true;
}

enum class MixKind { Path, Host, Attributes };

// Parses "VALUE=WEIGHT, VALUE=WEIGHT, ..." (weight optional, 1 by default). An attribute
// mix's values become the attribute sets' JSON text.
// On failure returns false with a message in English and Korean.
bool parse_mix(const std::string& text, MixKind kind, Mix& out, catalog::Refusal& error) {
  const bool hosts = kind == MixKind::Host;
  out = Mix{};
  double total = 0;
  for (const std::string& item : catalog::split_list(text)) {
    std::string value = item;
    double weight = 1;
    size_t eq = item.find('=');
    if (eq != std::string::npos) {
      value = trim(item.substr(0, eq));
      std::string w = trim(item.substr(eq + 1));
      char* end = nullptr;
      weight = std::strtod(w.c_str(), &end);
      if (w.empty() || end != w.c_str() + w.size() || !(weight > 0) || weight > 1e6) {
        const std::string example =
            hosts ? "api.example.com=30" : kind == MixKind::Attributes ? "type:order=30" : "/api/orders=30";
        error = {"\"" + item + "\": the weight after '=' must be a number above 0 (up to 1000000), e.g. \"" + example + "\".",
                 "\"" + item + "\": '=' 뒤의 가중치는 0보다 크고 1000000 이하인 숫자여야 합니다. 예: \"" + example + "\"."};
        return false;
      }
    }
    if (kind == MixKind::Attributes) {
      std::string json_text;
      if (!attribute_set_json(value, json_text, error)) return false;
      value = json_text;
    } else if (value.empty() || value.size() > kMaxMixValue) {
      error = {"\"" + item + "\": a " + std::string(hosts ? "host" : "path") + " needs 1 to 128 characters.",
               "\"" + item + "\": " + (hosts ? "호스트는" : "경로는") + " 1~128자여야 합니다."};
      return false;
    }
    if (kind == MixKind::Path && value[0] != '/') {
      error = {"\"" + value + "\": a path starts with '/', e.g. \"/api/orders\".",
               "\"" + value + "\": 경로는 \"/api/orders\"처럼 '/'로 시작해야 합니다."};
      return false;
    }
    for (char c : kind == MixKind::Attributes ? std::string() : value) {
      if (hosts ? host_char(c) : path_char(c)) continue;
      error = {"\"" + value + "\": '" + std::string(1, c) + "' cannot be in a request " + (hosts ? "host" : "path") +
                   (hosts ? " (letters, digits, '-', '.', '_')" : " (letters, digits and _-.$/~\"'@:+&; no query string, no wildcards)") +
                   ".",
               "\"" + value + "\": '" + std::string(1, c) + "' 문자는 요청 " + (hosts ? "호스트" : "경로") + "에 쓸 수 없습니다" +
                   (hosts ? "(영문자, 숫자, '-', '.', '_'만 쓸 수 있습니다)."
                          : "(영문자, 숫자, _-.$/~\"'@:+&만 쓸 수 있고, 쿼리 문자열과 와일드카드는 쓸 수 없습니다).")};
      return false;
    }
    if (out.values.size() >= kMaxMixEntries) {
      error = {"at most 100 entries.", "항목은 최대 100개까지 쓸 수 있습니다."};
      return false;
    }
    total += weight;
    out.values.push_back(value);
    out.cumulative.push_back(total);
  }
  return true;
}

class Users final : public ModelBase<Users>, public HttpRequestSource {
public:
  Users(TrafficShape shape, double read_fraction, uint32_t request_bytes, uint64_t keys, double zipf_s, Mix paths,
        Mix hosts, Mix attributes)
      : shape_(shape), read_fraction_(read_fraction), request_bytes_(request_bytes), keys_(keys), zipf_s_(zipf_s),
        http_(!paths.empty() || !hosts.empty()), paths_(std::move(paths)), hosts_(std::move(hosts)),
        attributes_(std::move(attributes)) {
    if (paths_.empty()) paths_ = Mix{{kDefaultPath}, {1}};
    if (hosts_.empty()) hosts_ = Mix{{kDefaultHost}, {1}};
  }

  const std::string& http_path(uint32_t tag) const override {
    uint32_t i;
    return http_tag_path(tag, i) && i < paths_.values.size() ? paths_.values[i] : kDefaultPath;
  }
  const std::string& http_host(uint32_t tag) const override {
    uint32_t i;
    return http_tag_host(tag, i) && i < hosts_.values.size() ? hosts_.values[i] : kDefaultHost;
  }

  void start(Simulation& sim) override {
    sim.metrics(id()).capacity = 0;
    attribute_ids_.clear();
    for (const std::string& a : attributes_.values) attribute_ids_.push_back(sim.intern_attributes(a));
    schedule_next(sim);
  }

  void on_request(Simulation& sim, ReqHandle h) override { sim.respond(h, Outcome::Rejected); }

  void on_timer(Simulation& sim, uint16_t, uint64_t) override {
    double t = to_seconds(sim.now());
    // Thinning (Lewis–Shedler): candidates at the peak rate, kept with rate(t)/peak.
    bool keep = shape_.pattern == Pattern::Constant || shape_.pattern == Pattern::Poisson ||
                sim.rng().next_double() * shape_.max_rate() < shape_.rate_at(t);
    if (keep) send(sim);
    schedule_next(sim);
  }

  void on_response(Simulation& sim, ReqHandle parent, const Request& child, Outcome o) override {
    NodeMetrics& m = sim.metrics(id());
    ++m.outcomes[static_cast<int>(o)];
    if (o == Outcome::Ok) ++m.completions;
    SimTime took = sim.now() - child.first_sent_at;
    if (o == Outcome::Ok) {  // served and refused timed apart (see NodeMetrics)
      m.latency.record(took);
      m.window.record(took);
    } else {
      m.failed_latency.record(took);
    }
    sim.finish_root(parent);
  }

  StatusText status() const override {
    return {std::to_string(sent_) + " requests sent", "보낸 요청 " + std::to_string(sent_) + "건"};
  }

private:
  void schedule_next(Simulation& sim) {
    double peak = shape_.max_rate();
    if (!(peak > 0)) return;
    double gap = shape_.pattern == Pattern::Constant ? 1.0 / shape_.rate_at(to_seconds(sim.now()))
                                                     : -det_log(sim.rng().next_open01()) / peak;
    SimTime d = from_seconds(gap);
    sim.schedule_timer(id(), sim.now() + (d > 0 ? d : 1), kArrival);
  }

  void send(Simulation& sim) {
    const auto& out = sim.outgoing(id());
    if (out.empty()) return;
    ConnId c = out[0];
    if (out.size() > 1) {
      double total = 0;
      for (ConnId x : out) total += sim.connection(x).policy.weight;
      double r = sim.rng().next_double() * total;
      for (ConnId x : out) {
        r -= sim.connection(x).policy.weight;
        if (r < 0) { c = x; break; }
      }
    }
    RequestKind kind = sim.rng().next_double() < read_fraction_ ? RequestKind::Read : RequestKind::Write;
    if (!sim.connection(c).policy.takes(kind)) {
      // That wire takes only reads (or only writes): choose among those that take this one.
      double total = 0;
      for (ConnId x : out)
        if (sim.connection(x).policy.takes(kind)) total += sim.connection(x).policy.weight;
      if (total <= 0) return;  // no wire for it: a user with nowhere to send a write sends none
      double r = sim.rng().next_double() * total;
      for (ConnId x : out) {
        if (!sim.connection(x).policy.takes(kind)) continue;
        c = x;
        r -= sim.connection(x).policy.weight;
        if (r < 0) break;
      }
    }
    uint64_t key = keys_ > 1 ? draw_key(sim) : 1;
    // Path and host (only when the user gave a mix: documents without one draw
    // nothing more, so their runs are unchanged).
    uint32_t tag = http_ ? http_tag(draw(sim, paths_), draw(sim, hosts_)) : 0;
    // Message attributes (only with a mix: documents without one draw nothing more).
    const uint32_t attr = attribute_ids_.empty() ? 0
                          : attribute_ids_.size() == 1 ? attribute_ids_[0]
                                                       : attribute_ids_[draw(sim, attributes_)];
    ReqHandle root = sim.begin_root(id(), sim.new_item(id(), key, request_bytes_, attr), kind);
    ++sent_;
    ++sim.metrics(id()).arrivals;
    sim.call(c, root, kind, request_bytes_, key, tag);
    if (!sim.connection(c).policy.sync) sim.finish_root(root);
  }

  static uint32_t draw(Simulation& sim, const Mix& m) {
    if (m.values.size() < 2) return 0;
    double r = sim.rng().next_double() * m.cumulative.back();
    for (uint32_t i = 0; i < m.values.size(); ++i)
      if (r < m.cumulative[i]) return i;
    return static_cast<uint32_t>(m.values.size() - 1);
  }

  // Key rank 1..keys with Zipf-like popularity (exponent s), by the inverse of
  // the continuous approximation of the Zipf CDF. Simplified: the continuous
  // form slightly flattens the head for small key counts.
  uint64_t draw_key(Simulation& sim) {
    double u = sim.rng().next_double();
    double n = static_cast<double>(keys_);
    double x;
    if (zipf_s_ <= 0) {
      x = 1 + u * n;
    } else if (zipf_s_ > 0.999 && zipf_s_ < 1.001) {
      x = det_exp(u * det_log(n + 1));
    } else {
      double a = 1 - zipf_s_;
      double hi = det_pow(n + 1, a);
      x = det_pow(1 + u * (hi - 1), 1 / a);
    }
    uint64_t k = static_cast<uint64_t>(x);
    if (k < 1) k = 1;
    if (k > keys_) k = keys_;
    return k;
  }

  TrafficShape shape_;
  double read_fraction_;
  uint32_t request_bytes_;
  uint64_t keys_;
  double zipf_s_;
  bool http_;
  Mix paths_, hosts_, attributes_;
  std::vector<uint32_t> attribute_ids_;  // attributes_' sets, interned in this run
  uint64_t sent_ = 0;
};

MixKind mix_kind(const std::string& key) {
  return key == "hosts" ? MixKind::Host : key == "attributes" ? MixKind::Attributes : MixKind::Path;
}

std::vector<doc::Issue> validate(const nlohmann::json& params) {
  std::vector<doc::Issue> out;
  for (const char* key : {"paths", "hosts", "attributes"}) {
    if (!params.contains(key) || !params[key].is_string()) continue;
    Mix m;
    catalog::Refusal error;
    if (!parse_mix(params[key].get<std::string>(), mix_kind(key), m, error))
      out.push_back({key, error.en, error.ko});
  }
  return out;
}

Pattern pattern_from(const std::string& s) {
  if (s == "constant") return Pattern::Constant;
  if (s == "ramp") return Pattern::Ramp;
  if (s == "diurnal") return Pattern::Diurnal;
  if (s == "spike") return Pattern::Spike;
  return Pattern::Poisson;
}

catalog::ServiceDescriptor make_descriptor() {
  using catalog::ParamSpec;
  using catalog::ParamType;
  catalog::ServiceDescriptor d;
  d.type = "users";
  d.category = catalog::Category::Clients;
  d.name = {"Users", "사용자"};
  d.summary = {"People on the internet sending requests, from near a Region. What they experience is this node's latency and errors.",
               "리전 근처 인터넷에서 요청을 보내는 사용자입니다. 사용자가 겪는 지연 시간과 오류가 이 노드의 지표입니다."};
  d.simplifications = {"Arrivals are independent (open workload): users do not slow down when the service does. Keys follow a continuous Zipf approximation. "
                       "A request's path and Host header are drawn independently of each other and of its key; paths have no query string.",
                       "도착은 서로 독립입니다(개방형 부하). 서비스가 느려져도 사용자가 요청을 줄이지 않습니다. 키 인기도는 연속 Zipf 근사를 따릅니다. "
                       "요청의 경로와 Host 헤더는 서로, 그리고 키와도 독립적으로 뽑으며 경로에 쿼리 문자열은 없습니다."};
  d.placement = PlacementKind::Internet;
  d.traits = sim::Traits(sim::Trait::Client);
  d.icon = catalog::Icon::Person;
  d.accepts_incoming = false;
  d.params = {
      ParamSpec{"pattern", ParamType::Enum, {"Arrival pattern", "도착 패턴"},
                {"constant: evenly spaced; poisson: random (memoryless); ramp, diurnal, spike: the rate changes over time.",
                 "constant: 일정 간격, poisson: 무작위(무기억), ramp/diurnal/spike: 시간에 따라 요청률이 바뀝니다."},
                "", 0, 0, "poisson", {"constant", "poisson", "ramp", "diurnal", "spike"}, ""},
      ParamSpec{"rate_per_s", ParamType::Float, {"Requests per second", "초당 요청 수"},
                {"Mean request rate (the start rate of a ramp).", "평균 요청률입니다(ramp에서는 시작 요청률)."},
                "requests/s", 0, 10000000, 10, {}, ""},
      ParamSpec{"ramp_to_per_s", ParamType::Float, {"Ramp to", "최종 요청률"},
                {"Rate reached at the end of a ramp.", "ramp가 끝날 때의 요청률입니다."}, "requests/s", 0, 10000000, 100, {}, ""},
      ParamSpec{"ramp_s", ParamType::Float, {"Ramp duration", "증가 시간"},
                {"How long the ramp takes.", "요청률이 늘어나는 데 걸리는 시간입니다."}, "s", 1, 2592000, 300, {}, ""},
      ParamSpec{"diurnal_period_s", ParamType::Float, {"Daily cycle", "주기"},
                {"Length of one cycle of a diurnal curve (a day is 86400 s; shorter cycles are handy in class).",
                 "하루 주기 곡선의 길이입니다(하루는 86400초이며, 수업에서는 더 짧게 잡으면 편합니다)."},
                "s", 10, 2592000, 86400, {}, ""},
      ParamSpec{"diurnal_amplitude", ParamType::Float, {"Daily swing", "변동 폭"},
                {"Peak is rate × (1 + swing), trough rate × (1 − swing).", "최대는 요청률 × (1 + 변동 폭), 최소는 요청률 × (1 − 변동 폭)입니다."},
                "", 0, 1, 0.5, {}, ""},
      ParamSpec{"spike_at_s", ParamType::Float, {"Spike at", "급증 시작"}, {"When the spike starts.", "급증이 시작되는 시각입니다."},
                "s", 0, 2592000, 60, {}, ""},
      ParamSpec{"spike_s", ParamType::Float, {"Spike length", "급증 지속 시간"}, {"How long the spike lasts.", "급증이 이어지는 시간입니다."},
                "s", 0, 2592000, 30, {}, ""},
      ParamSpec{"spike_multiplier", ParamType::Float, {"Spike ×", "급증 배수"},
                {"Rate during the spike = rate × this.", "급증 중 요청률 = 요청률 × 이 값입니다."}, "", 1, 1000, 10, {}, ""},
      ParamSpec{"read_fraction", ParamType::Float, {"Reads", "읽기 비율"},
                {"Share of requests that are reads (the rest are writes).", "요청 중 읽기의 비율입니다(나머지는 쓰기)."}, "", 0, 1, 0.9, {}, ""},
      ParamSpec{"request_bytes", ParamType::Int, {"Request size", "요청 크기"},
                {"Size of one request.", "요청 하나의 크기입니다."}, "bytes", 0, 1073741824, 1024, {}, ""},
      ParamSpec{"keys", ParamType::Int, {"Distinct keys", "키 개수"},
                {"How many different objects/items requests ask for.", "요청이 찾는 서로 다른 객체(항목)의 수입니다."},
                "", 1, 1000000000, 10000, {}, ""},
      ParamSpec{"zipf_s", ParamType::Float, {"Popularity skew", "인기 편중도"},
                {"Zipf exponent: 0 = all keys equally popular; 1 = a few hot keys get most requests.",
                 "Zipf 지수입니다. 0이면 모든 키가 똑같이 인기 있고, 1이면 소수의 인기 키에 요청이 몰립니다."},
                "", 0, 3, 1.0, {}, ""},
      ParamSpec{"paths", ParamType::String, {"Request paths", "요청 경로"},
                {"Optional: a weighted mix of URL paths, e.g. \"/api/orders=30, /static/app.js=70\" (30% and 70%). An Application "
                 "Load Balancer's path rules route by it. Empty: every request is \"/\".",
                 "선택 사항: URL 경로의 가중치 혼합입니다. 예: \"/api/orders=30, /static/app.js=70\"(30%와 70%). Application "
                 "Load Balancer의 경로 규칙이 이 값으로 라우팅합니다. 비우면 모든 요청이 \"/\"입니다."},
                "", 0, 8000, "", {}, ""},
      ParamSpec{"hosts", ParamType::String, {"Host headers", "Host 헤더"},
                {"Optional: a weighted mix of Host headers, e.g. \"shop.example.com=80, api.example.com=20\". Empty: "
                 "every request is for www.example.com.",
                 "선택 사항: Host 헤더의 가중치 혼합입니다. 예: \"shop.example.com=80, api.example.com=20\". 비우면 모든 "
                 "요청이 www.example.com으로 갑니다."},
                "", 0, 8000, "", {}, ""},
      ParamSpec{"attributes", ParamType::String, {"Message attributes", "메시지 속성"},
                {"Optional: a weighted mix of message attributes sent with each request, NAME:VALUE joined by '&', e.g. "
                 "\"type:order=70, type:refund&store:web=30\". An SNS subscription's filter policy picks messages by them.",
                 "선택 사항: 요청마다 함께 보내는 메시지 속성의 가중치 혼합입니다. 이름:값을 '&'로 잇습니다. 예: "
                 "\"type:order=70, type:refund&store:web=30\". SNS 구독의 필터 정책이 이 속성으로 메시지를 고릅니다."},
                "", 0, 8000, "", {}, ""},
  };
  d.validate = validate;
  catalog::param_spec(d, "paths").list_separator = ',';
  catalog::param_spec(d, "hosts").list_separator = ',';
  catalog::param_spec(d, "attributes").list_separator = ',';
  d.create = [](const catalog::BuildContext& ctx) -> std::unique_ptr<Model> {
    const auto& p = ctx.params;
    TrafficShape s;
    s.pattern = pattern_from(catalog::param_string(p, "pattern"));
    s.rate = catalog::param_number(p, "rate_per_s");
    s.ramp_to = catalog::param_number(p, "ramp_to_per_s");
    s.ramp_s = catalog::param_number(p, "ramp_s");
    s.diurnal_period_s = catalog::param_number(p, "diurnal_period_s");
    s.diurnal_amplitude = catalog::param_number(p, "diurnal_amplitude");
    s.spike_at_s = catalog::param_number(p, "spike_at_s");
    s.spike_s = catalog::param_number(p, "spike_s");
    s.spike_multiplier = catalog::param_number(p, "spike_multiplier");
    Mix paths, hosts, attributes;
    catalog::Refusal error;
    if (!parse_mix(catalog::param_string(p, "paths"), MixKind::Path, paths, error)) throw std::invalid_argument(error.en);
    if (!parse_mix(catalog::param_string(p, "hosts"), MixKind::Host, hosts, error)) throw std::invalid_argument(error.en);
    if (!parse_mix(catalog::param_string(p, "attributes"), MixKind::Attributes, attributes, error))
      throw std::invalid_argument(error.en);
    return std::make_unique<Users>(s, catalog::param_number(p, "read_fraction"),
                                   static_cast<uint32_t>(catalog::param_number(p, "request_bytes")),
                                   static_cast<uint64_t>(catalog::param_number(p, "keys")),
                                   catalog::param_number(p, "zipf_s"), std::move(paths), std::move(hosts),
                                   std::move(attributes));
  };
  return d;
}

}  // namespace

const catalog::ServiceDescriptor& users_descriptor() {
  static const catalog::ServiceDescriptor d = make_descriptor();
  return d;
}

}  // namespace cp::services
