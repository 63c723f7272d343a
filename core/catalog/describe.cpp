#include "core/catalog/describe.h"

#include <cmath>
#include <cstdio>

#include "core/catalog/catalog.h"

namespace cp::catalog {
namespace {

const char* pick(bool korean, const char* en, const char* ko) { return korean ? ko : en; }

Text placement_text(sim::PlacementKind p) {
  switch (p) {
    case sim::PlacementKind::Az: return {"in one Availability Zone", "하나의 가용 영역 안"};
    case sim::PlacementKind::Region: return {"regional: spans the Region's Availability Zones", "리전 단위: 리전의 가용 영역에 걸쳐 동작"};
    case sim::PlacementKind::Global: return {"global: in no Region", "글로벌: 리전에 속하지 않음"};
    case sim::PlacementKind::Internet: return {"on the internet, outside AWS (clients)", "인터넷, AWS 밖(클라이언트)"};
  }
  return {"", ""};
}

Text type_text(ParamType t) {
  switch (t) {
    case ParamType::Int: return {"integer", "정수"};
    case ParamType::Float: return {"number", "숫자"};
    case ParamType::Bool: return {"true or false", "true 또는 false"};
    case ParamType::Enum: return {"one of", "다음 중 하나"};
    case ParamType::String: return {"text", "텍스트"};
    case ParamType::Distribution: return {"distribution", "분포"};
  }
  return {"", ""};
}

// "call, poll" / "호출, 폴링"; "none" / "없음".
std::string role_list(bool korean, const std::vector<sim::WireRole>& roles) {
  std::string s;
  for (sim::WireRole r : roles)
    s += (s.empty() ? "" : ", ") + (korean ? std::string(role_name(r).ko) : std::string("`") + role_key(r) + "`");
  return s.empty() ? pick(korean, "none", "없음") : s;
}

// 0.5, 30, 1e+06: no trailing zeros, the same on every platform.
std::string number(double v) {
  if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

// A table cell: pipes and line breaks would end the cell.
std::string cell(std::string s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += "\\|";
    else if (c == '\n') out += ' ';
    else out += c;
  }
  return out;
}

std::string range_text(bool korean, const ParamSpec& p) {
  if (p.type == ParamType::Enum) {
    std::string s;
    for (const auto& c : p.choices) s += (s.empty() ? "" : ", ") + ("`" + c + "`");
    return s;
  }
  if (p.type != ParamType::Int && p.type != ParamType::Float && p.type != ParamType::Distribution) return "";
  if (p.min == 0 && p.max == 0) return "";
  std::string s = number(p.min) + " – " + number(p.max);
  if (!p.unit.empty()) s += " " + p.unit;
  if (p.type == ParamType::Distribution) s = pick(korean, "mean ", "평균 ") + s;
  return s;
}

void describe_params(bool korean, const std::vector<ParamSpec>& params, std::string& out) {
  if (params.empty()) {
    out += pick(korean, "No parameters.\n\n", "파라미터가 없습니다.\n\n");
    return;
  }
  out += pick(korean, "| Parameter | Type | Range | Default | Meaning |\n",
              "| 파라미터 | 형식 | 범위 | 기본값 | 의미 |\n");
  out += "|---|---|---|---|---|\n";
  for (const auto& p : params) {
    std::string meaning = p.help.get(korean);
    if (!p.fact.empty()) meaning += std::string(pick(korean, " (AWS fact: ", " (AWS 사실: ")) + p.fact + ")";
    out += "| `" + p.key + "` " + cell(p.label.get(korean)) + " | " + type_text(p.type).get(korean) + " | " +
           cell(range_text(korean, p)) + " | `" + cell(p.default_value.dump()) + "` | " + cell(meaning) + " |\n";
  }
  out += "\n";
}

Text kind_text(sim::MetricKind k) {
  switch (k) {
    case sim::MetricKind::Counter: return {"counter", "누적 횟수"};
    case sim::MetricKind::Gauge: return {"gauge", "게이지"};
    case sim::MetricKind::Latency: return {"latency", "지연 시간 분포"};
  }
  return {"", ""};
}

Text stat_text(const sim::MetricDef& d) {
  if (d.kind == sim::MetricKind::Counter) return {"its increase", "늘어난 양"};
  if (d.kind == sim::MetricKind::Latency) return {"p99 of the merged histograms", "합친 히스토그램의 p99"};
  switch (d.stat) {
    case sim::MetricStat::Mean: return {"mean", "평균"};
    case sim::MetricStat::Min: return {"lowest", "최저"};
    case sim::MetricStat::Max: return {"highest", "최고"};
    case sim::MetricStat::Last: return {"last value", "마지막 값"};
  }
  return {"", ""};
}

// The service's own metrics (every node also has arrivals, outcomes, latency, queue,
// utilization and cost): what goals, the --json report and the CSV call them.
void describe_metrics(bool korean, const ServiceDescriptor& s, std::string& out) {
  if (s.metrics.empty()) return;
  out += pick(korean,
              "Its own metrics, besides those every node has (arrivals, answers by outcome, latency, queue, "
              "utilization, cost); goals, the `--json` report and the metrics CSV name them by key:\n\n",
              "모든 노드에 있는 지표(도착, 결과별 응답, 지연 시간, 대기열, 사용률, 비용) 말고 이 서비스만의 지표입니다. "
              "목표, `--json` 보고서, 지표 CSV에서 키로 씁니다.\n\n");
  out += pick(korean, "| Metric | Kind | Unit | Over a window | Meaning |\n", "| 지표 | 종류 | 단위 | 구간 값 | 의미 |\n");
  out += "|---|---|---|---|---|\n";
  for (const MetricSpec& m : s.metrics) {
    std::string meaning = m.help.get(korean);
    if (*m.only_when.en) meaning += std::string(pick(korean, " (only for ", " (")) + m.only_when.get(korean) + pick(korean, ")", "에만 있음)");
    out += "| `" + m.key() + "` " + cell(m.label.get(korean)) + " | " + kind_text(m.def.kind).get(korean) + " | " +
           cell(m.def.kind == sim::MetricKind::Latency ? "ms" : m.unit.get(korean)) + " | " + stat_text(m.def).get(korean) +
           " | " + cell(meaning) + " |\n";
  }
  out += "\n";
}

void describe_one(bool korean, const ServiceDescriptor& s, std::string& out) {
  out += "## " + std::string(s.name.get(korean)) + " (`" + s.type + "`)\n\n";
  out += std::string(s.summary.get(korean)) + "\n\n";
  out += std::string(pick(korean, "- Category: ", "- 분류: ")) + category_name(s.category).get(korean) + "\n";
  out += std::string(pick(korean, "- Placement: ", "- 배치: ")) + placement_text(s.placement).get(korean) + "\n";
  out += pick(korean, "- Calls: ", "- 호출 대상: ");
  if (!s.makes_calls) {
    out += pick(korean, "none (it only answers)", "없음(요청에 응답만 함)");
  } else if (s.can_call.empty()) {
    out += pick(korean, "any service that accepts requests", "요청을 받는 모든 서비스");
  } else {
    std::string list;
    for (const auto& t : s.can_call) {
      const ServiceDescriptor* d = find_service(t);
      list += (list.empty() ? "" : ", ") + std::string(d ? d->name.get(korean) : t.c_str()) + " (`" + t + "`)";
    }
    out += list;
  }
  out += "\n";
  if (!s.accepts_incoming) out += pick(korean, "- Called by: nothing (it only sends requests)\n", "- 호출하는 서비스: 없음(요청을 보내기만 함)\n");
  out += std::string(pick(korean, "- Wire roles: as source ", "- 연결 역할: 출발지로서 ")) + role_list(korean, source_roles(s)) +
         pick(korean, "; as target ", ", 대상으로서 ") + role_list(korean, target_roles(s)) + "\n";
  // Node actions: a fault whose action is the key (a read replica's promote).
  for (const auto& a : s.actions)
    out += std::string(pick(korean, "- Action `", "- 동작 `")) + a.key + "`: " + a.name.get(korean) + ". " + a.help.get(korean) + "\n";
  const char* simplified = s.simplifications.get(korean);
  if (simplified && *simplified) out += std::string(pick(korean, "- Simplified: ", "- 단순화한 부분: ")) + simplified + "\n";
  out += "\n";
  describe_params(korean, s.params, out);
  // The parameters a declared role adds to its wires (a call's own are under Connections).
  for (bool as_source : {true, false})
    for (const RoleSpec& r : as_source ? s.source_roles : s.target_roles) {
      if (r.params.empty()) continue;
      out += "### " + std::string(role_name(r.role).get(korean)) +
             (as_source ? pick(korean, " wires from it", " 연결(출발지로서)") : pick(korean, " wires to it", " 연결(대상으로서)"));
      if (!r.peers.empty()) {
        std::string peers;
        for (const auto& t : r.peers) peers += (peers.empty() ? "" : ", ") + ("`" + t + "`");
        out += (as_source ? pick(korean, ", to ", ", 대상: ") : pick(korean, ", from ", ", 출발지: ")) + peers;
      }
      out += "\n\n";
      describe_params(korean, r.params, out);
    }
  describe_metrics(korean, s, out);
}

}  // namespace

std::optional<std::string> describe_services(bool korean, const std::string& type) {
  std::string out;
  if (!type.empty()) {
    const ServiceDescriptor* s = find_service(type);
    if (!s) return std::nullopt;
    describe_one(korean, *s, out);
    return out;
  }
  out += pick(korean,
              "# Services\n\nEvery service cloudplay simulates, from its description in the engine's catalog "
              "(`cloudplay describe` prints this page; `cloudplay describe --ko` prints it in Korean).\n\n",
              "# 서비스\n\ncloudplay가 시뮬레이션하는 모든 서비스입니다. 엔진의 카탈로그에 있는 설명에서 만들어집니다"
              "(`cloudplay describe --ko`로 이 페이지를 출력할 수 있습니다).\n\n");
  for (const ServiceDescriptor* s : all_services()) describe_one(korean, *s, out);
  out += pick(korean, "## Connections\n\nA wire has a role (the document's `role`; `call` when absent):\n\n",
              "## 연결\n\n연결선마다 역할이 있습니다(문서의 `role`, 없으면 `call`).\n\n");
  for (sim::WireRole r : {sim::WireRole::Call, sim::WireRole::Poll, sim::WireRole::Event, sim::WireRole::Replicate})
    out += "- `" + std::string(role_key(r)) + "` " + role_name(r).get(korean) + ": " + role_help(r).get(korean) + "\n";
  out += pick(korean,
              "\nA wire carries the parameters its two ends declare for its role (above, under each service). "
              "Every call carries these, set at the caller's end:\n\n",
              "\n연결선에는 양쪽 끝의 서비스가 그 역할에 선언한 파라미터가 있습니다(위의 각 서비스 아래). 모든 호출에는 "
              "호출하는 쪽에서 정하는 다음 파라미터가 있습니다.\n\n");
  describe_params(korean, connection_params(), out);
  return out;
}

}  // namespace cp::catalog
