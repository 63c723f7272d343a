// The catalog's shared parts: the service list, connection params, can_connect,
// and validation of params against their specs (connection roles: roles.cpp).
//
// [SECTION] Service list
// [SECTION] Categories
// [SECTION] Connection params
// [SECTION] can_connect (English and Korean reasons)
// [SECTION] Param values
// [SECTION] Param validation
#include "core/catalog/catalog.h"

#include <algorithm>

#include <cmath>
#include <cstdlib>
#include <stdexcept>

#include "core/doc/distribution_json.h"
#include "core/doc/messages.h"

namespace cp::catalog {

using nlohmann::json;
using doc::Issue;

// ---- [SECTION] Service list -------------------------------------------------

namespace {
std::vector<const ServiceDescriptor*>& test_services() {
  static std::vector<const ServiceDescriptor*> v;
  return v;
}

const std::vector<const ServiceDescriptor*>& registered_services() {
  static const std::vector<const ServiceDescriptor*> v = [] {
    std::vector<const ServiceDescriptor*> out;
    cp::services::register_services(out);
    return out;
  }();
  return v;
}
}  // namespace

const std::vector<const ServiceDescriptor*>& all_services() {
  if (!test_services().empty()) return test_services();
  return registered_services();
}

void set_services_for_testing(std::vector<const ServiceDescriptor*> services) {
  test_services() = std::move(services);
}

const ServiceDescriptor* find_service(const std::string& type) {
  for (const ServiceDescriptor* d : all_services())
    if (d && d->type == type) return d;
  return nullptr;
}

bool has_trait(const std::string& type, sim::Trait t) {
  const ServiceDescriptor* d = find_service(type);
  return d && sim::has_trait(d->traits, t);
}

int node_action_index(const ServiceDescriptor& d, const std::string& key) {
  for (size_t i = 0; i < d.actions.size(); ++i)
    if (d.actions[i].key == key) return static_cast<int>(i);
  return -1;
}

std::vector<std::string> node_action_keys() {
  // Not cached: tests may swap the registry (set_services_for_testing).
  std::vector<std::string> keys;
  for (const ServiceDescriptor* d : all_services())
    if (d)
      for (const auto& a : d->actions)
        if (std::find(keys.begin(), keys.end(), a.key) == keys.end()) keys.push_back(a.key);
  std::sort(keys.begin(), keys.end());
  return keys;
}

// ---- [SECTION] Categories ---------------------------------------------------

Icon icon_of(Icon declared, Category c) {
  if (declared != Icon::ByCategory) return declared;
  switch (c) {
    case Category::Clients: return Icon::Person;
    case Category::Compute: return Icon::Chip;
    case Category::Networking: return Icon::Globe;
    case Category::Storage: return Icon::Volume;
    case Category::Databases: return Icon::Database;
    case Category::Messaging: return Icon::Queue;
    case Category::Serverless: return Icon::Lambda;
    case Category::Testing: return Icon::Gear;
  }
  return Icon::Gear;
}

Text category_name(Category c) {
  switch (c) {
    case Category::Clients: return {"Clients", "클라이언트"};
    case Category::Compute: return {"Compute", "컴퓨팅"};
    case Category::Networking: return {"Networking & content delivery", "네트워킹 및 콘텐츠 전송"};
    case Category::Storage: return {"Storage", "스토리지"};
    case Category::Databases: return {"Databases", "데이터베이스"};
    case Category::Messaging: return {"Messaging & streaming", "메시징 및 스트리밍"};
    case Category::Serverless: return {"Serverless & integration", "서버리스 및 통합"};
    case Category::Testing: return {"Generic building blocks", "범용 구성 요소"};
  }
  return {"Other", "기타"};
}

// ---- [SECTION] Metrics -------------------------------------------------------

MetricSpec metric(const char* key, sim::MetricKind kind, sim::MetricStat stat, Text label, Text unit, Text help,
                  MetricCard card) {
  MetricSpec m;
  m.card = card;
  m.def.key = key;
  m.def.kind = kind;
  m.def.stat = stat;
  m.label = label;
  m.unit = unit;
  m.help = help;
  return m;
}

MetricSpec metric(const char* key, sim::MetricKind kind, Text label, Text unit, Text help) {
  return metric(key, kind, sim::MetricStat::Max, label, unit, help);
}

// ---- [SECTION] Connection params --------------------------------------------

const std::vector<ParamSpec>& connection_params() {
  static const std::vector<ParamSpec> specs = {
      ParamSpec{"mode", ParamType::Enum, {"Call mode", "호출 방식"},
                {"sync: the caller waits for the answer, holding its worker. async: the caller sends and moves on "
                 "(a message, an event).",
                 "sync: 호출한 쪽이 작업자를 붙잡은 채 응답을 기다립니다. async: 보내고 바로 다음 일을 합니다(메시지, 이벤트)."},
                "", 0, 0, "sync", {"sync", "async"}, ""},
      // 900 000 ms = 15 minutes, the longest a Lambda function may run (AWS-FACTS: Lambda / Timeout).
      ParamSpec{"timeout_ms", ParamType::Int, {"Timeout", "제한 시간"},
                {"How long the caller waits for an answer before giving up. 0 means wait forever.",
                 "응답을 기다리다 포기하기까지의 시간입니다. 0이면 끝까지 기다립니다."},
                "ms", 0, 900000, 0, {}, ""},
      ParamSpec{"retries", ParamType::Int, {"Retries", "재시도 횟수"},
                {"How many times a failed or timed-out call is tried again, with exponential backoff and jitter.",
                 "실패하거나 시간이 초과된 호출을 다시 시도하는 횟수입니다. 지수 백오프와 지터를 적용합니다."},
                "", 0, 10, 0, {}, ""},
      ParamSpec{"backoff_base_ms", ParamType::Int, {"Backoff base", "백오프 기본값"},
                {"The first retry waits a random time up to this; each further retry doubles it.",
                 "첫 재시도는 이 시간 안에서 무작위로 기다리고, 이후 재시도마다 두 배가 됩니다."},
                "ms", 1, 60000, 100, {}, ""},
      ParamSpec{"backoff_cap_ms", ParamType::Int, {"Backoff cap", "백오프 상한"},
                {"The longest wait between two retries.", "두 재시도 사이에 기다리는 가장 긴 시간입니다."},
                "ms", 1, 600000, 20000, {}, ""},
      ParamSpec{"weight", ParamType::Float, {"Weight", "가중치"},
                {"When the caller picks one of several connections, its share of the traffic (relative to the others).",
                 "호출하는 쪽이 여러 연결 중 하나를 고를 때 이 연결이 받는 트래픽의 비율(다른 연결과의 상대값)입니다."},
                "", 0, 1000, 1, {}, ""},
      ParamSpec{"requests", ParamType::Enum, {"Requests sent", "보내는 요청"},
                {"Which of the caller's requests go down this wire: all of them, only reads or only writes. An "
                 "application that writes to the primary database and reads from a read replica draws two wires, "
                 "one for writes and one for reads.",
                 "호출하는 쪽의 요청 중 어떤 것을 이 연결로 보낼지 정합니다. 전부, 읽기만, 쓰기만 고를 수 있습니다. 쓰기는 기본 "
                 "데이터베이스로, 읽기는 읽기 전용 복제본으로 보내는 애플리케이션이라면 쓰기용과 읽기용 연결을 따로 그립니다."},
                "", 0, 0, "all", {"all", "reads", "writes"}, ""},
  };
  return specs;
}

// ---- [SECTION] can_connect --------------------------------------------------

namespace {

// The name without a trailing parenthesis: "Compute (generic)" -> "Compute".
std::string short_name(std::string s) {
  while (!s.empty() && s.back() == ' ') s.pop_back();
  if (!s.empty() && s.back() == ')') {
    size_t open = s.rfind('(');
    if (open != std::string::npos && open > 0) {
      s.resize(open);
      while (!s.empty() && s.back() == ' ') s.pop_back();
    }
  }
  return s;
}

}  // namespace

namespace {
// `role`: the one asked for; none = any role the pair takes (the first the source
// lists is reported when none fits: a call for every service that only calls).
std::optional<Refusal> can_connect_impl(const doc::Document* d, const doc::NodeDoc& from, const doc::NodeDoc& to,
                                        std::optional<sim::WireRole> role);
}

std::optional<Refusal> can_connect(const doc::NodeDoc& from, const doc::NodeDoc& to) {
  return can_connect_impl(nullptr, from, to, std::nullopt);
}

std::optional<Refusal> can_connect(const doc::Document& d, const doc::NodeDoc& from, const doc::NodeDoc& to) {
  return can_connect_impl(&d, from, to, std::nullopt);
}

std::optional<Refusal> can_connect(const doc::Document& d, const doc::NodeDoc& from, const doc::NodeDoc& to,
                                   sim::WireRole r) {
  return can_connect_impl(&d, from, to, r);
}

std::vector<Issue> check_document_rules(const doc::Document& d) {
  std::vector<Issue> out;
  for (const ServiceDescriptor* s : all_services()) {
    if (!s || !s->validate_document) continue;
    for (Issue& e : s->validate_document(d)) out.push_back(std::move(e));
  }
  return out;
}

namespace {
std::optional<Refusal> can_connect_impl(const doc::Document* d, const doc::NodeDoc& from, const doc::NodeDoc& to,
                                        std::optional<sim::WireRole> role) {
  const ServiceDescriptor* a = find_service(from.type);
  const ServiceDescriptor* b = find_service(to.type);
  if (!a || !b) {
    const std::string& t = !a ? from.type : to.type;
    return Refusal{"There is no service type " + doc::quote(t) + ".", doc::quote(t) + " 서비스 유형은 없습니다."};
  }
  if (!from.id.empty() && from.id == to.id)
    return Refusal{"A service cannot call itself.", "서비스는 자기 자신을 호출할 수 없습니다."};
  if (role) {
    if (auto r = role_refusal(*a, *b, *role)) return r;
  } else if (pair_roles(*a, *b).empty()) {
    const std::vector<sim::WireRole> first = source_roles(*a);
    if (auto r = role_refusal(*a, *b, first.empty() ? sim::WireRole::Call : first.front())) return r;
  }
  // Rules about this one wire (the callee's first: it owns what may attach to it).
  if (b->connect_rule)
    if (auto r = b->connect_rule(d, from, to)) return r;
  if (a->connect_rule && a != b)
    if (auto r = a->connect_rule(d, from, to)) return r;
  return std::nullopt;
}
}  // namespace

// ---- [SECTION] Param values -------------------------------------------------

std::vector<LintRule> lint_rules_from(const std::string& type, const std::vector<std::string>& keys,
                                      std::function<void(const doc::Document&, std::vector<Finding>&)> advise) {
  std::vector<LintRule> rules;
  for (const std::string& key : keys)
    rules.push_back({key, [type, key, advise](const doc::Document& d, const doc::NodeDoc& n) -> std::optional<Finding> {
      std::vector<Finding> found;
      advise(d, found);
      for (Finding& f : found) {
        if (f.rule != key) continue;
        for (const std::string& id : f.nodes) {
          const doc::NodeDoc* owner = d.find_node(id);
          if (!owner || owner->type != type) continue;
          if (owner->id == n.id) return std::move(f);
          break;
        }
      }
      return std::nullopt;
    }});
  return rules;
}

double param_number(const json& params, const std::string& key) {
  if (!params.is_object()) return 0;
  auto it = params.find(key);
  if (it == params.end()) return 0;
  if (it->is_number()) return it->get<double>();
  if (it->is_boolean()) return it->get<bool>() ? 1 : 0;
  return 0;
}

bool param_bool(const json& params, const std::string& key) {
  if (!params.is_object()) return false;
  auto it = params.find(key);
  if (it == params.end()) return false;
  if (it->is_boolean()) return it->get<bool>();
  if (it->is_number()) return it->get<double>() != 0;
  return false;
}

std::string param_string(const json& params, const std::string& key) {
  if (!params.is_object()) return {};
  auto it = params.find(key);
  if (it == params.end() || !it->is_string()) return {};
  return it->get<std::string>();
}

namespace {
json fill_defaults(const std::vector<ParamSpec>& specs, const json& params) {
  json out = params.is_object() ? params : json::object();
  for (const ParamSpec& s : specs)
    if (!out.contains(s.key) && !s.default_value.is_null()) out[s.key] = s.default_value;
  return out;
}
}  // namespace

json with_defaults(const ServiceDescriptor& d, const json& params) { return fill_defaults(d.params, params); }

const json* set_param(const doc::NodeDoc& n, const std::string& key) {
  if (!n.params.is_object()) return nullptr;
  auto it = n.params.find(key);
  return it == n.params.end() ? nullptr : &*it;
}

ParamSpec& param_spec(ServiceDescriptor& d, const std::string& key) {
  for (ParamSpec& p : d.params)
    if (p.key == key) return p;
  throw std::logic_error("service " + d.type + " has no param " + key);
}

MetricSpec& metric_spec(ServiceDescriptor& d, const std::string& key) {
  for (MetricSpec& m : d.metrics)
    if (m.key() == key) return m;
  throw std::logic_error("service " + d.type + " has no metric " + key);
}

void show_live(ServiceDescriptor& d, const std::string& key, MetricLive how, Text brief) {
  MetricSpec& m = metric_spec(d, key);
  m.live = how;
  m.brief = brief;
}

std::vector<std::string> split_list(const std::string& text, char separator) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(separator, start);
    if (end == std::string::npos) end = text.size();
    const size_t a = text.find_first_not_of(" \t\r\n", start);
    if (a != std::string::npos && a < end) {
      const size_t b = text.find_last_not_of(" \t\r\n", end - 1);
      out.push_back(text.substr(a, b - a + 1));
    }
    start = end + 1;
  }
  return out;
}

std::vector<std::string> param_list(const ServiceDescriptor& d, const json& params, const std::string& key) {
  const ParamSpec* spec = find_param(d.params, key);
  return split_list(param_string(params, key), spec && spec->list_separator ? spec->list_separator : ',');
}

namespace {
// One list item's text with its node ids renamed: the item is an id (spaces around it
// kept), or, with a mark, the comma list after the mark is ("... -> a, b").
std::string renamed_item(const std::string& item, const std::string& mark, const std::map<std::string, std::string>& renamed) {
  if (mark.empty()) {
    const size_t a = item.find_first_not_of(" \t");
    if (a == std::string::npos) return item;
    const size_t b = item.find_last_not_of(" \t");
    auto r = renamed.find(item.substr(a, b - a + 1));
    return r == renamed.end() ? item : item.substr(0, a) + r->second + item.substr(b + 1);
  }
  const size_t at = item.find(mark);
  if (at == std::string::npos) return item;
  std::string ids;
  for (std::string id : split_list(item.substr(at + mark.size()), ',')) {
    if (auto r = renamed.find(id); r != renamed.end()) id = r->second;
    ids += (ids.empty() ? "" : ", ") + id;
  }
  return item.substr(0, at) + mark + " " + ids;
}
}  // namespace

void rename_node_refs(const ServiceDescriptor& d, json& params, const std::map<std::string, std::string>& renamed) {
  for (const ParamSpec& spec : d.params) {
    if (!spec.node_refs) continue;
    auto it = params.find(spec.key);
    if (it == params.end() || !it->is_string()) continue;
    const std::string text = it->get<std::string>();
    if (!spec.list_separator) {
      if (auto r = renamed.find(text); r != renamed.end()) *it = r->second;
      continue;
    }
    std::string out;
    size_t start = 0;
    while (start <= text.size()) {
      size_t end = text.find(spec.list_separator, start);
      if (end == std::string::npos) end = text.size();
      if (start > 0) out += spec.list_separator;
      out += renamed_item(text.substr(start, end - start), spec.refs_after, renamed);
      start = end + 1;
    }
    *it = out;
  }
  if (d.rename_node_refs) d.rename_node_refs(params, renamed);
}
json connection_with_defaults(const json& params) { return fill_defaults(connection_params(), params); }

namespace {
struct UnitWords {
  const char* unit;
  const char* label_ko;  // in a label: "제한 시간 (밀리초)"
  const char* after_ko;  // after a number: "20밀리초", "6개"
};
constexpr UnitWords kUnitWords[] = {
    {"ms", "밀리초", "밀리초"},      {"s", "초", "초"},           {"seconds", "초", "초"},
    {"minutes", "분", "분"},         {"hours", "시간", "시간"},   {"days", "일", "일"},
    {"bytes", "바이트", "바이트"},   {"requests", "요청", "건"},  {"request", "요청", "건"},
    {"instances", "인스턴스", "개"}, {"instance", "인스턴스", "개"}, {"connections", "연결", "개"},
    {"messages", "메시지", "개"},    {"items", "항목", "개"},     {"records", "레코드", "개"},
    {"objects", "객체", "개"},       {"%", "%", "%"},
};
}  // namespace

std::string unit_label(const std::string& unit, bool korean) {
  if (!korean) return unit;
  if (unit == "requests/s") return "요청/초";
  for (const UnitWords& w : kUnitWords)
    if (unit == w.unit) return w.label_ko;
  return unit;
}

std::string amount_text(double v, const std::string& unit, bool korean) {
  const std::string n = doc::format_number(v);
  if (unit.empty()) return n;
  if (unit == "%") return n + "%";
  if (korean) {
    if (unit == "requests/s") return "초당 " + n + "건";
    for (const UnitWords& w : kUnitWords)
      if (unit == w.unit) return n + w.after_ko;
  }
  return n + " " + unit;
}

const ParamSpec* find_param(const std::vector<ParamSpec>& specs, const std::string& key) {
  for (const ParamSpec& s : specs)
    if (s.key == key) return &s;
  return nullptr;
}

const MetricSpec* find_metric(const ServiceDescriptor& d, const std::string& key) {
  for (const MetricSpec& m : d.metrics)
    if (m.key() == key) return &m;
  return nullptr;
}

bool metric_applies(const ServiceDescriptor& d, const MetricSpec& m, const nlohmann::json& params) {
  return !*m.only_when.en || !d.metric_applies || d.metric_applies(m.key(), params);
}

std::shared_ptr<const std::vector<sim::MetricDef>> metric_defs(const ServiceDescriptor& d, const nlohmann::json& params) {
  auto defs = std::make_shared<std::vector<sim::MetricDef>>();
  for (const MetricSpec& m : d.metrics) {
    defs->push_back(m.def);
    defs->back().applies = metric_applies(d, m, params);
  }
  return defs;
}

std::string metric_value_text(const MetricSpec& m, double v, bool korean) {
  const std::string n = doc::format_number(std::round(v * 100) / 100);
  const std::string u = m.unit.get(korean);
  if (u.empty()) return n;
  if (u == "%") return n + "%";
  // Korean units written in Hangul follow the number directly ("143크레딧", "12개").
  const bool hangul = korean && static_cast<unsigned char>(u[0]) >= 0xE0;
  return n + (hangul ? "" : " ") + u;
}

// ---- [SECTION] Param validation ---------------------------------------------

namespace {

std::string possessive(const std::string& owner) {
  std::string s = short_name(owner);
  if (s.empty()) return "the";
  return s + (s.back() == 's' ? "'" : "'s");
}

std::string with_unit(double v, const std::string& unit) { return amount_text(v, unit, false); }
std::string with_unit_ko(double v, const std::string& unit) { return amount_text(v, unit, true); }

bool has_range(const ParamSpec& s) { return s.max > s.min; }

// "EC2 인스턴스의 " (the Korean owner's possessive; nothing when there is no owner).
std::string possessive_ko(const std::string& owner_ko) {
  std::string s = short_name(owner_ko);
  return s.empty() ? std::string() : s + "의 ";
}

void check_range(const ParamSpec& spec, double v, const std::string& path, const std::string& owner,
                 const std::string& owner_ko, std::vector<Issue>& errors, const std::string& shown) {
  if (!has_range(spec)) return;
  if (v < spec.min)
    errors.push_back({path, shown + " is below " + possessive(owner) + " minimum of " + with_unit(spec.min, spec.unit),
                      doc::with_topic(shown) + " " + possessive_ko(owner_ko) + "최솟값 " + with_unit_ko(spec.min, spec.unit) +
                          "보다 작습니다."});
  else if (v > spec.max)
    errors.push_back({path, shown + " is above " + possessive(owner) + " maximum of " + with_unit(spec.max, spec.unit),
                      doc::with_topic(shown) + " " + possessive_ko(owner_ko) + "최댓값 " + with_unit_ko(spec.max, spec.unit) +
                          "보다 큽니다."});
}

// "4" -> a hint that a number was written as a string.
bool is_quoted_number(const json& v) {
  if (!v.is_string()) return false;
  const std::string& s = v.get_ref<const std::string&>();
  if (s.empty() || s.size() > 40) return false;
  char* end = nullptr;
  std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size() && s[0] != ' ';
}
std::string quoted_number_hint(const json& v) {
  return is_quoted_number(v) ? " (a number in quotes: write it without the quotes)" : "";
}
std::string quoted_number_hint_ko(const json& v) {
  return is_quoted_number(v) ? " 따옴표 안에 숫자를 썼습니다. 따옴표 없이 쓰세요." : "";
}

}  // namespace

void check_param(const ParamSpec& spec, const json& value, const std::string& path, const std::string& owner,
                 std::vector<Issue>& errors, const std::string& owner_ko_in) {
  using doc::describe_value;
  using doc::describe_value_ko;
  const std::string& owner_ko = owner_ko_in.empty() ? owner : owner_ko_in;
  switch (spec.type) {
    case ParamType::Int: {
      if (!doc::is_whole_number(value)) {
        errors.push_back({path, "expected a whole number, got " + describe_value(value) + quoted_number_hint(value),
                          "정수여야 하는데 " + describe_value_ko(value) + "입니다." + quoted_number_hint_ko(value)});
        return;
      }
      check_range(spec, value.get<double>(), path, owner, owner_ko, errors, describe_value(value));
      return;
    }
    case ParamType::Float: {
      if (!value.is_number()) {
        errors.push_back({path, "expected a number, got " + describe_value(value) + quoted_number_hint(value),
                          "숫자여야 하는데 " + describe_value_ko(value) + "입니다." + quoted_number_hint_ko(value)});
        return;
      }
      double v = value.get<double>();
      if (!std::isfinite(v)) {
        errors.push_back({path, "expected a number, got " + doc::format_number(v),
                          "숫자여야 하는데 " + doc::format_number(v) + "입니다."});
        return;
      }
      check_range(spec, v, path, owner, owner_ko, errors, describe_value(value));
      return;
    }
    case ParamType::Bool:
      if (!value.is_boolean())
        errors.push_back({path, "expected true or false, got " + describe_value(value),
                          "true 또는 false여야 하는데 " + describe_value_ko(value) + "입니다."});
      return;
    case ParamType::Enum: {
      std::vector<std::string> quoted;
      for (const std::string& c : spec.choices) quoted.push_back(doc::quote(c));
      if (!value.is_string()) {
        errors.push_back({path, "expected one of " + doc::join_words(quoted, " or ") + ", got " + describe_value(value),
                          doc::join_words(quoted, ", ") + " 중 하나여야 하는데 " + describe_value_ko(value) + "입니다."});
        return;
      }
      const std::string& s = value.get_ref<const std::string&>();
      for (const std::string& c : spec.choices)
        if (c == s) return;
      errors.push_back({path, doc::quote(s) + " is not one of the choices for " + spec.key + ": " +
                                  doc::join_words(quoted, " or ") + "." + doc::did_you_mean(s, spec.choices),
                        doc::with_topic(doc::quote(s)) + " " + spec.key + "에 쓸 수 있는 값이 아닙니다. 쓸 수 있는 값: " +
                            doc::join_words(quoted, ", ") + "." + doc::did_you_mean_ko(s, spec.choices)});
      return;
    }
    case ParamType::String: {
      if (!value.is_string()) {
        errors.push_back({path, "expected text, got " + describe_value(value),
                          "텍스트여야 하는데 " + describe_value_ko(value) + "입니다."});
        return;
      }
      if (!doc::utf8_valid(value.get_ref<const std::string&>())) {
        errors.push_back({path, "is not valid UTF-8 text.", "올바른 UTF-8 텍스트가 아닙니다."});
        return;
      }
      size_t limit = spec.max > 0 ? static_cast<size_t>(spec.max) : 1000;
      size_t n = doc::utf8_length(value.get_ref<const std::string&>());
      if (n > limit)
        errors.push_back({path, "is " + std::to_string(n) + " characters long; the most is " + std::to_string(limit) + ".",
                          std::to_string(n) + "자입니다. 최대 " + std::to_string(limit) + "자까지 쓸 수 있습니다."});
      return;
    }
    case ParamType::Distribution: {
      auto d = doc::parse_distribution(value, path, errors);
      if (!d || !has_range(spec)) return;
      // Bounds apply to the mean, in the spec's unit (ms unless it says s).
      const double scale = spec.unit == "s" ? 1.0 : 1000.0;
      const std::string unit = spec.unit.empty() ? "ms" : spec.unit;
      double mean = d->mean() * scale;
      if (!std::isfinite(mean)) {
        errors.push_back({path, "this distribution has no finite mean (a Pareto shape of 1 or less); " + possessive(owner) +
                                    " " + spec.key + " needs a mean of at most " + with_unit(spec.max, unit) + ".",
                          "이 분포는 평균이 유한하지 않습니다(파레토 형상이 1 이하). " + possessive_ko(owner_ko) + spec.key +
                              "의 평균은 " + with_unit_ko(spec.max, unit) + " 이하여야 합니다."});
        return;
      }
      if (mean < spec.min - 1e-9 * std::fabs(spec.min))
        errors.push_back({path, "its mean, " + with_unit(mean, unit) + ", is below " + possessive(owner) + " minimum of " +
                                    with_unit(spec.min, unit),
                          doc::with_subject("평균 " + with_unit_ko(mean, unit)) + " " + possessive_ko(owner_ko) + "최솟값 " +
                              with_unit_ko(spec.min, unit) + "보다 작습니다."});
      else if (mean > spec.max + 1e-9 * std::fabs(spec.max))
        errors.push_back({path, "its mean, " + with_unit(mean, unit) + ", is above " + possessive(owner) + " maximum of " +
                                    with_unit(spec.max, unit),
                          doc::with_subject("평균 " + with_unit_ko(mean, unit)) + " " + possessive_ko(owner_ko) + "최댓값 " +
                              with_unit_ko(spec.max, unit) + "보다 큽니다."});
      return;
    }
  }
}

void check_params(const std::vector<ParamSpec>& specs, const json& params, const std::string& path,
                  const std::string& owner, std::vector<Issue>& errors, const std::string& owner_ko_in) {
  const std::string& owner_ko = owner_ko_in.empty() ? owner : owner_ko_in;
  if (!params.is_object()) {
    const std::string example = "{\"" + (specs.empty() ? std::string("name") : specs.front().key) + "\": ...}";
    errors.push_back({path, "expected an object of parameters, such as " + example + ", got " + doc::describe_value(params),
                      example + " 같은 파라미터 객체여야 하는데 " + doc::describe_value_ko(params) + "입니다."});
    return;
  }
  std::vector<std::string> keys;
  for (const ParamSpec& s : specs) keys.push_back(s.key);
  for (auto it = params.begin(); it != params.end(); ++it) {
    const std::string p = doc::join_path(path, it.key());
    const ParamSpec* spec = find_param(specs, it.key());
    if (!spec) {
      std::string who = short_name(owner);
      if (!who.empty() && who[0] >= 'a' && who[0] <= 'z') who[0] = static_cast<char>(who[0] - 'a' + 'A');
      std::string m = who + " has no parameter " + doc::quote(it.key()) + ".";
      std::string ko = possessive_ko(owner_ko) + "파라미터에는 " + doc::with_subject(doc::quote(it.key())) + " 없습니다.";
      std::string suggestion = doc::did_you_mean(it.key(), keys);
      if (!suggestion.empty()) m += suggestion, ko += doc::did_you_mean_ko(it.key(), keys);
      else if (keys.empty()) m += " It takes no parameters.", ko += " 이 항목에는 파라미터가 없습니다.";
      else if (keys.size() <= 16)
        m += " Its parameters are " + doc::join_words(keys) + ".", ko += " 파라미터: " + doc::join_words(keys, ", ") + ".";
      errors.push_back({p, m, ko});
      continue;
    }
    check_param(*spec, it.value(), p, owner, errors, owner_ko);
  }
  for (const ParamSpec& s : specs)
    if (s.default_value.is_null() && !params.contains(s.key))
      errors.push_back({path, short_name(owner) + " needs a value for " + doc::quote(s.key) + " (it has no default).",
                        possessive_ko(owner_ko) + doc::quote(s.key) + " 값이 필요합니다(기본값이 없습니다)."});
}

}  // namespace cp::catalog
