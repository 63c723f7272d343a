// Connection roles: which roles (call, poll, event) a service takes at each end
// of a wire, the parameters a wire carries in its role, and why a pair refuses one.
//
// [SECTION] Role names
// [SECTION] A service's roles
// [SECTION] A pair's roles and parameters
// [SECTION] Refusals (English and Korean)
#include <algorithm>

#include "core/catalog/catalog.h"
#include "core/doc/messages.h"

namespace cp::catalog {

using nlohmann::json;
using sim::WireRole;

// ---- [SECTION] Role names ---------------------------------------------------

const char* role_key(WireRole r) {
  switch (r) {
    case WireRole::Call: return "call";
    case WireRole::Poll: return "poll";
    case WireRole::Event: return "event";
    case WireRole::Replicate: return "replicate";
  }
  return "call";
}

std::optional<WireRole> parse_role(const std::string& key) {
  for (WireRole r : {WireRole::Call, WireRole::Poll, WireRole::Event, WireRole::Replicate})
    if (key == role_key(r)) return r;
  return std::nullopt;
}

const std::vector<std::string>& role_keys() {
  static const std::vector<std::string> keys = {"call", "poll", "event", "replicate"};
  return keys;
}

Text role_name(WireRole r) {
  switch (r) {
    case WireRole::Call: return {"Call", "호출"};
    case WireRole::Poll: return {"Poll", "폴링"};
    case WireRole::Event: return {"Event", "이벤트"};
    case WireRole::Replicate: return {"Replication", "복제"};
  }
  return {"Call", "호출"};
}

Text role_help(WireRole r) {
  switch (r) {
    case WireRole::Call:
      return {"The source calls the target (push): it sends a request and, in sync mode, waits for the answer.",
              "출발지가 대상을 호출합니다(푸시). 요청을 보내고, sync 방식이면 응답을 기다립니다."};
    case WireRole::Poll:
      return {"The consumer pulls from the queue: the wire is drawn the way the messages flow (source to consumer), "
              "but it is the consumer that calls, asking the source for a batch.",
              "소비자가 대기열에서 가져옵니다. 연결선은 메시지가 흐르는 방향(출발지에서 소비자로)으로 그리지만, 호출하는 쪽은 "
              "소비자이며 출발지에 메시지를 배치로 요청합니다."};
    case WireRole::Event:
      return {"The source sends events to the target asynchronously (an asynchronous invoke): it does not wait, and "
              "the target's own retries and event age apply.",
              "출발지가 대상에 이벤트를 비동기로 보냅니다(비동기 호출). 출발지는 기다리지 않고, 재시도와 이벤트 수명은 대상의 "
              "설정을 따릅니다."};
    case WireRole::Replicate:
      return {"The source database ships every committed write to the target, a copy of it (an RDS read replica), "
              "asynchronously: the copy applies them in order at its own pace, so it can fall behind (replica lag).",
              "원본 데이터베이스가 커밋된 쓰기를 대상 복사본(RDS 읽기 전용 복제본)에 비동기로 보냅니다. 복사본은 받은 순서대로 "
              "자기 속도에 맞춰 적용하므로 뒤처질 수 있습니다(복제 지연)."};
  }
  return {"", ""};
}

// ---- [SECTION] A service's roles --------------------------------------------

namespace {

// What a service that declares no roles takes: calls, with the connection params
// on the caller's end (every service before roles, and every one since that only calls).
const RoleSpec& default_call_source() {
  static const RoleSpec r = [] {
    RoleSpec s;
    s.role = WireRole::Call;
    s.params = connection_params();
    return s;
  }();
  return r;
}
const RoleSpec& default_call_target() {
  static const RoleSpec r;
  return r;
}

const RoleSpec* find_role(const std::vector<RoleSpec>& roles, WireRole r) {
  for (const RoleSpec& s : roles)
    if (s.role == r) return &s;
  return nullptr;
}

// The types allowed at the other end. A source that declares no roles keeps can_call.
const std::vector<std::string>& source_peers(const ServiceDescriptor& d, const RoleSpec& s) {
  return d.source_roles.empty() ? d.can_call : s.peers;
}

bool allows(const std::vector<std::string>& peers, const std::string& type) {
  return peers.empty() || std::find(peers.begin(), peers.end(), type) != peers.end();
}

std::vector<WireRole> roles_of(const std::vector<RoleSpec>& roles) {
  std::vector<WireRole> out;
  for (const RoleSpec& s : roles) out.push_back(s.role);
  return out;
}

}  // namespace

const RoleSpec* source_role(const ServiceDescriptor& d, WireRole r) {
  if (d.source_roles.empty()) return r == WireRole::Call && d.makes_calls ? &default_call_source() : nullptr;
  return find_role(d.source_roles, r);
}

const RoleSpec* target_role(const ServiceDescriptor& d, WireRole r) {
  if (d.target_roles.empty()) return r == WireRole::Call && d.accepts_incoming ? &default_call_target() : nullptr;
  return find_role(d.target_roles, r);
}

std::vector<WireRole> source_roles(const ServiceDescriptor& d) {
  if (d.source_roles.empty()) return d.makes_calls ? std::vector<WireRole>{WireRole::Call} : std::vector<WireRole>{};
  return roles_of(d.source_roles);
}

std::vector<WireRole> target_roles(const ServiceDescriptor& d) {
  if (d.target_roles.empty())
    return d.accepts_incoming ? std::vector<WireRole>{WireRole::Call} : std::vector<WireRole>{};
  return roles_of(d.target_roles);
}

// ---- [SECTION] A pair's roles and parameters --------------------------------

namespace {
bool pair_takes(const ServiceDescriptor& a, const ServiceDescriptor& b, WireRole r) {
  const RoleSpec* s = source_role(a, r);
  const RoleSpec* t = target_role(b, r);
  return s && t && allows(source_peers(a, *s), b.type) && allows(t->peers, a.type);
}
}  // namespace

std::vector<WireRole> pair_roles(const ServiceDescriptor& a, const ServiceDescriptor& b) {
  std::vector<WireRole> out;
  for (WireRole r : source_roles(a))
    if (pair_takes(a, b, r)) out.push_back(r);
  return out;
}

WireRole default_role(const ServiceDescriptor& a, const ServiceDescriptor& b) {
  std::vector<WireRole> roles = pair_roles(a, b);
  return roles.empty() ? WireRole::Call : roles.front();
}

std::vector<ParamSpec> wire_params(const ServiceDescriptor* a, const ServiceDescriptor* b, WireRole r) {
  std::vector<ParamSpec> out;
  const RoleSpec* s = a ? source_role(*a, r) : nullptr;
  // A call's own settings (mode, timeout, retries...) are the caller's, whoever it is:
  // a wire that may not be a call still gets them checked, as before roles.
  if (s) out = s->params;
  else if (r == WireRole::Call) out = connection_params();
  if (const RoleSpec* t = b ? target_role(*b, r) : nullptr)
    out.insert(out.end(), t->params.begin(), t->params.end());
  return out;
}

json wire_with_defaults(const ServiceDescriptor* a, const ServiceDescriptor* b, WireRole r, const json& params) {
  json out = params.is_object() ? params : json::object();
  for (const ParamSpec& s : wire_params(a, b, r))
    if (!out.contains(s.key) && !s.default_value.is_null()) out[s.key] = s.default_value;
  return out;
}

std::vector<doc::Issue> check_wire_rules(const ServiceDescriptor* a, const ServiceDescriptor* b, WireRole r,
                                         const json& params) {
  std::vector<doc::Issue> out;
  const json full = wire_with_defaults(a, b, r, params);
  for (const RoleSpec* s : {a ? source_role(*a, r) : nullptr, b ? target_role(*b, r) : nullptr})
    if (s && s->validate)
      for (doc::Issue& e : s->validate(full)) out.push_back(std::move(e));
  return out;
}

// ---- [SECTION] Refusals -----------------------------------------------------

namespace {

std::string name_en(const ServiceDescriptor& d) { return d.name.en && *d.name.en ? d.name.en : d.type; }
std::string name_ko(const ServiceDescriptor& d) { return d.name.get(true); }

// How a wire out of (or into) a service may be instead, for "a wire from it is a poll".
Text role_phrase(WireRole r, bool as_source) {
  switch (r) {
    case WireRole::Call: return as_source ? Text{"a call", "호출"} : Text{"a call to it", "호출"};
    case WireRole::Poll:
      return as_source ? Text{"a poll (a consumer pulls from it)", "폴링(소비자가 여기서 가져감)"}
                       : Text{"a poll (it pulls from the source)", "폴링(출발지에서 가져옴)"};
    case WireRole::Event:
      return as_source ? Text{"an event source (it notifies the target)", "이벤트 소스(대상에 알림을 보냄)"}
                       : Text{"an event (it is notified)", "이벤트(알림을 받음)"};
    case WireRole::Replicate:
      return as_source ? Text{"replication to a copy (a read replica)", "복사본(읽기 전용 복제본)으로의 복제"}
                       : Text{"replication from its source database", "원본 데이터베이스에서 오는 복제"};
  }
  return {"", ""};
}

std::string phrases(const std::vector<WireRole>& roles, bool as_source, bool korean) {
  std::vector<std::string> v;
  for (WireRole r : roles) v.push_back(role_phrase(r, as_source).get(korean));
  return doc::join_words(v, korean ? ", " : " or ");
}

std::string type_names(const std::vector<std::string>& types, bool korean) {
  std::vector<std::string> v;
  for (const std::string& t : types) {
    const ServiceDescriptor* c = find_service(t);
    v.push_back(c ? (korean ? name_ko(*c) : name_en(*c)) : t);
  }
  return doc::join_words(v, korean ? ", " : " or ");
}

std::string lower(const char* s) {
  std::string out = s;
  if (!out.empty() && out[0] >= 'A' && out[0] <= 'Z') out[0] = static_cast<char>(out[0] - 'A' + 'a');
  return out;
}

}  // namespace

std::optional<Refusal> role_refusal(const ServiceDescriptor& a, const ServiceDescriptor& b, WireRole r) {
  const std::string A = name_en(a), B = name_en(b), Ak = name_ko(a), Bk = name_ko(b);
  const RoleSpec* s = source_role(a, r);
  if (!s) {
    const std::vector<WireRole> others = source_roles(a);
    switch (r) {
      case WireRole::Call:
        if (others.empty())
          return Refusal{A + " does not call other services: it only answers requests.",
                         doc::with_topic(Ak) + " 다른 서비스를 호출하지 않고, 받은 요청에 응답만 합니다."};
        return Refusal{A + " does not call other services: a wire from it is " + phrases(others, true, false) + ".",
                       doc::with_topic(Ak) + " 다른 서비스를 호출하지 않습니다. 여기서 나가는 연결은 " +
                           phrases(others, true, true) + "입니다."};
      case WireRole::Poll:
        return Refusal{"Nothing pulls from " + A + ": only queues and streams are polled.",
                       Ak + "에서는 폴링할 수 없습니다. 대기열과 스트림만 폴링합니다."};
      case WireRole::Event:
        return Refusal{A + " sends no events to other services.",
                       doc::with_topic(Ak) + " 다른 서비스에 이벤트를 보내지 않습니다."};
      case WireRole::Replicate:
        return Refusal{A + " replicates to nothing: only a database ships its changes to a copy.",
                       doc::with_topic(Ak) + " 복제하지 않습니다. 데이터베이스만 복사본에 변경 사항을 보냅니다."};
    }
  }
  const RoleSpec* t = target_role(b, r);
  if (!t) {
    const std::vector<WireRole> others = target_roles(b);
    switch (r) {
      case WireRole::Call:
        if (others.empty())
          return Refusal{B + " cannot receive calls: it only sends requests.",
                         doc::with_topic(Bk) + " 요청을 보내기만 하고 호출을 받을 수 없습니다."};
        return Refusal{B + " cannot be called: a wire to it is " + phrases(others, false, false) + ".",
                       doc::with_topic(Bk) + " 호출을 받지 않습니다. 여기로 들어오는 연결은 " +
                           phrases(others, false, true) + "입니다."};
      case WireRole::Poll:
        return Refusal{B + " does not poll: it cannot pull from " + A + ".",
                       doc::with_topic(Bk) + " 폴링하지 않으므로 " + Ak + "에서 가져올 수 없습니다."};
      case WireRole::Event:
        return Refusal{B + " does not receive events.", doc::with_topic(Bk) + " 이벤트를 받지 않습니다."};
      case WireRole::Replicate:
        return Refusal{B + " is not a copy of a database: a replication wire ends at a read replica.",
                       doc::with_topic(Bk) + " 데이터베이스의 복사본이 아닙니다. 복제 연결은 읽기 전용 복제본에 이어야 합니다."};
    }
  }
  const std::vector<std::string>& sp = source_peers(a, *s);
  if (!allows(sp, b.type)) {
    if (r == WireRole::Call)
      return Refusal{A + " cannot call " + B + ". It can call " + type_names(sp, false) + ".",
                     doc::with_topic(Ak) + " " + doc::with_object(Bk) + " 호출할 수 없습니다. 호출할 수 있는 서비스: " +
                         type_names(sp, true) + "."};
    return Refusal{A + " can be the source of a " + lower(role_name(r).en) + " wire only to " + type_names(sp, false) + ".",
                   Ak + "에서 나가는 " + role_name(r).ko + " 연결은 " + type_names(sp, true) + "에만 이을 수 있습니다."};
  }
  if (!allows(t->peers, a.type))
    return Refusal{B + " takes a " + lower(role_name(r).en) + " wire only from " + type_names(t->peers, false) + ", not from " +
                       A + ".",
                   doc::with_topic(Bk) + " " + type_names(t->peers, true) + "에서 오는 " + role_name(r).ko +
                       " 연결만 받습니다. " + Ak + "에서 오는 연결은 받을 수 없습니다."};
  return std::nullopt;
}

}  // namespace cp::catalog
