#include "core/services/db_instance.h"

#include "core/doc/document.h"

namespace cp::services {

using catalog::ParamSpec;
using catalog::ParamType;

std::vector<ParamSpec> query_engine_params(const catalog::Text& max_connections_help) {
  return {
      ParamSpec{"read_ms", ParamType::Float, {"Read query time", "읽기 쿼리 시간"},
                {"Mean time one vCPU spends on a read query (exponentially distributed).",
                 "vCPU 하나가 읽기 쿼리 하나에 쓰는 평균 시간입니다(지수 분포)."},
                "ms", 0.01, 60000, 2, {}, "", 0, false, ""},
      ParamSpec{"write_ms", ParamType::Float, {"Write query time", "쓰기 쿼리 시간"},
                {"Mean time one vCPU spends on a write (exponentially distributed); an RDS read replica spends the same "
                 "to apply it.",
                 "vCPU 하나가 쓰기 하나에 쓰는 평균 시간입니다(지수 분포). RDS 읽기 전용 복제본도 이를 적용하는 데 같은 시간을 "
                 "씁니다."},
                "ms", 0.01, 60000, 4, {}, "", 0, false, ""},
      ParamSpec{"max_connections", ParamType::Int, {"Max connections", "최대 연결 수"}, max_connections_help, "", 0, 100000,
                0, {}, "", 0, false, ""},
  };
}

QueryEngine query_engine_from(const nlohmann::json& p, int64_t workers, int64_t default_max_connections) {
  QueryEngine q;
  q.workers = std::max<int64_t>(1, workers);
  const int64_t set = static_cast<int64_t>(catalog::param_number(p, "max_connections"));
  q.max_connections = set > 0 ? set : std::max<int64_t>(1, default_max_connections);
  q.read_time = sim::Distribution::exponential(catalog::param_number(p, "read_ms") / 1000.0);
  q.write_time = sim::Distribution::exponential(catalog::param_number(p, "write_ms") / 1000.0);
  return q;
}

bool is_called(const doc::Document& d, const doc::NodeDoc& n) {
  return std::any_of(d.connections.begin(), d.connections.end(),
                     [&](const doc::ConnectionDoc& w) { return w.to == n.id; });
}

}  // namespace cp::services
