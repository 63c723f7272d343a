#include "core/engine/event_query.h"

#include <algorithm>
#include <cstdio>

#include "core/doc/goals.h"
#include "core/doc/messages.h"
#include "core/engine/report.h"

namespace cp::engine {
namespace {

using sim::LogEntry;
using sim::LogKind;

const std::vector<std::string> kQueryKeys = {"node", "kind", "reason", "instance", "message",
                                             "about", "az", "region", "from", "to"};

std::optional<uint64_t> read_id(std::string_view v, std::string_view prefix) {
  if (v.substr(0, prefix.size()) == prefix) v.remove_prefix(prefix.size());
  if (v.empty() || v.size() > 18 || v.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
  return std::stoull(std::string(v));
}

std::string list_text(const std::vector<std::string>& v, size_t max = 12) {
  std::vector<std::string> q;
  for (size_t i = 0; i < v.size() && i < max; ++i) q.push_back(doc::quote(v[i]));
  std::string s = doc::join_words(q, ", ");
  if (v.size() > max) s += ", …";
  return s;
}

}  // namespace

EventQuery parse_event_query(std::string_view text, const Built& b) {
  EventQuery q;
  auto fail = [&](std::string en, std::string ko) {
    if (q.ok()) q.error_en = std::move(en), q.error_ko = std::move(ko);
  };
  const sim::Simulation* s = b.sim.get();
  size_t i = 0;
  while (i < text.size() && q.ok()) {
    while (i < text.size() && text[i] == ' ') ++i;
    if (i >= text.size()) break;
    size_t end = text.find(' ', i);
    if (end == std::string_view::npos) end = text.size();
    const std::string word(text.substr(i, end - i));
    i = end;
    const size_t eq = word.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == word.size()) {
      fail(doc::quote(word) + " is not key=value: write for example kind=instance_died node=web from=5:00",
           doc::with_topic(doc::quote(word)) + " key=value 형식이 아닙니다. 예: \"kind=instance_died node=web from=5:00\"");
      break;
    }
    const std::string key = word.substr(0, eq), value = word.substr(eq + 1);
    auto node_index = [&](const char* what) -> std::optional<uint32_t> {
      const sim::NodeId n = b.node(value);
      if (n.valid()) return n.v;
      fail(std::string(what) + ": there is no node " + doc::quote(value) + "." + doc::did_you_mean(value, b.node_ids) +
               " Nodes: " + list_text(b.node_ids) + ".",
           std::string(what) + ": " + doc::quote(value) + " 노드가 없습니다." + doc::did_you_mean_ko(value, b.node_ids) +
               " 노드: " + list_text(b.node_ids) + ".");
      return std::nullopt;
    };
    if (key == "node") {
      q.filter.node = node_index("node");
    } else if (key == "about") {
      q.filter.other = node_index("about");
    } else if (key == "kind") {
      const std::vector<std::string>& kinds = sim::log_kind_names();
      q.filter.kind = sim::log_kind_from_name(value);
      if (!q.filter.kind)
        fail("kind: " + doc::quote(value) + " is not an event kind." + doc::did_you_mean(value, kinds) + " Kinds: " + list_text(kinds, 30) + ".",
             "kind: " + doc::with_topic(doc::quote(value)) + " 이벤트 종류가 아닙니다." + doc::did_you_mean_ko(value, kinds) +
                 " 종류: " + list_text(kinds, 30) + ".");
    } else if (key == "reason") {
      const auto& reasons = sim::known_event_reasons();
      if (!std::binary_search(reasons.begin(), reasons.end(), value))
        fail("reason: " + doc::quote(value) + " is not a reason any service logs." + doc::did_you_mean(value, reasons) +
                 " (cloudplay describe lists them; docs/engine.md, Events)",
             "reason: " + doc::with_topic(doc::quote(value)) + " 어떤 서비스도 기록하지 않는 사유입니다." +
                 doc::did_you_mean_ko(value, reasons) + " (docs/engine.md의 Events 절에 목록이 있습니다)");
      else
        q.filter.reason = value;
    } else if (key == "instance" || key == "message") {
      auto id = read_id(value, key == "instance" ? "i-" : "");
      if (!id)
        fail(key + ": expected a number" + (key == "instance" ? std::string(" (i-3 or 3)") : std::string()) + ", got " + doc::quote(value),
             key + ": 숫자여야 합니다" + (key == "instance" ? std::string("(i-3 또는 3)") : std::string()) + ". 지금 값은 " +
                 doc::quote(value) + "입니다.");
      else if (key == "instance")
        q.filter.instance = *id;
      else
        q.filter.message = *id;
    } else if (key == "az" || key == "region") {
      std::vector<std::string> names;
      if (s) {
        if (key == "az")
          for (const auto& a : s->topology().azs()) names.push_back(a.id);
        else
          for (const auto& r : s->topology().regions()) names.push_back(r.code);
      }
      auto it = std::find(names.begin(), names.end(), value);
      if (it == names.end())
        fail(key + ": " + doc::quote(value) + " is not in this design." + doc::did_you_mean(value, names) + " In it: " + list_text(names) + ".",
             key + ": " + doc::with_topic(doc::quote(value)) + " 이 설계에 없습니다." + doc::did_you_mean_ko(value, names) +
                 " 있는 것: " + list_text(names) + ".");
      else if (key == "az")
        q.filter.az = static_cast<uint32_t>(it - names.begin());
      else
        q.filter.region = static_cast<uint32_t>(it - names.begin());
    } else if (key == "from" || key == "to") {
      std::string why_en, why_ko;
      const bool digits = value.find_first_not_of("0123456789.") == std::string::npos;
      auto t = doc::read_moment(digits ? nlohmann::json(std::strtod(value.c_str(), nullptr)) : nlohmann::json(value), why_en, why_ko);
      if (!t || *t < 0)
        fail(key + ": " + (t ? std::string("a moment of the run is not negative") : why_en), key + ": " + (t ? std::string("실행 중의 시각은 음수가 아닙니다") : why_ko));
      else if (key == "from")
        q.filter.from = sim::from_seconds(*t);
      else
        q.filter.to = sim::from_seconds(*t);
    } else {
      fail(doc::quote(key) + " is not a query key." + doc::did_you_mean(key, kQueryKeys) + " Keys: " + list_text(kQueryKeys) + ".",
           doc::with_topic(doc::quote(key)) + " 질의 키가 아닙니다." + doc::did_you_mean_ko(key, kQueryKeys) + " 키: " +
               list_text(kQueryKeys) + ".");
    }
  }
  if (q.ok() && q.filter.to < q.filter.from)
    fail("to (" + doc::clock_text(sim::to_seconds(q.filter.to)) + ") is before from (" + doc::clock_text(sim::to_seconds(q.filter.from)) + ")",
         "to(" + doc::clock_text(sim::to_seconds(q.filter.to)) + ")가 from(" + doc::clock_text(sim::to_seconds(q.filter.from)) + ")보다 앞입니다");
  return q;
}

std::string event_fields_text(const Built& b, const LogEntry& e) {
  const sim::Simulation& s = *b.sim;
  std::string out;
  auto add = [&](const std::string& word) { out += (out.empty() ? "" : " ") + word; };
  if (*e.reason) add(std::string("reason=") + e.reason);
  if (e.instance) add("instance=i-" + std::to_string(e.instance));
  if (e.message) add("message=" + std::to_string(e.message));
  if (e.other < s.node_count()) add("about=" + s.info(sim::NodeId{e.other}).id);
  if (e.az < s.topology().azs().size()) add("az=" + s.topology().azs()[e.az].id);
  if (e.region < s.topology().regions().size()) add("region=" + s.topology().regions()[e.region].code);
  char buf[96];
  for (const sim::LogField& f : e.fields) {
    std::snprintf(buf, sizeof buf, "%s=%.6g", f.key, f.value);
    add(buf);
  }
  return out;
}

std::string events_text(const Built& b, const std::vector<size_t>& rows, bool korean) {
  const auto& log = b.sim->event_log();
  std::string out;
  for (size_t r : rows) out += event_log_line(b, log[r], event_fields_text(b, log[r]), korean);
  return out;
}

}  // namespace cp::engine
