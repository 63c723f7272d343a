#include "core/engine/build.h"

#include "core/catalog/catalog.h"
#include "core/catalog/regions.h"
#include "core/doc/messages.h"

namespace cp::engine {

using namespace cp::sim;

NodeId Built::node(const std::string& id) const {
  for (uint32_t i = 0; i < node_ids.size(); ++i)
    if (node_ids[i] == id) return NodeId{i};
  return NodeId{};
}

ConnId Built::connection(const std::string& id) const {
  for (uint32_t i = 0; i < connection_ids.size(); ++i)
    if (connection_ids[i] == id) return ConnId{i};
  return ConnId{};
}

std::optional<Command> fault_command(const Built& b, const std::string& action, const std::string& target,
                                     double value, bool begin) {
  Command c{};
  if (action == "kill_node") {
    NodeId n = b.node(target);
    if (!n.valid()) return std::nullopt;
    c.kind = begin ? Command::Kind::KillNode : Command::Kind::ReviveNode;
    c.target = n.v;
  } else if (action == "az_down") {
    AzId a = b.sim->topology().find_az(target);
    if (!a.valid()) return std::nullopt;
    c.kind = begin ? Command::Kind::AzDown : Command::Kind::AzUp;
    c.target = a.v;
  } else if (action == "region_down") {
    RegionId r = b.sim->topology().find_region(target);
    if (!r.valid()) return std::nullopt;
    c.kind = begin ? Command::Kind::RegionDown : Command::Kind::RegionUp;
    c.target = r.v;
  } else if (action == "add_latency") {
    ConnId k = b.connection(target);
    if (!k.valid()) return std::nullopt;
    c.kind = Command::Kind::SetLatency;
    c.target = k.v;
    c.value = begin ? value * 1000.0 : 0;  // ms -> µs
  } else if (action == "fail_parts") {
    NodeId n = b.node(target);
    if (!n.valid()) return std::nullopt;
    c.kind = Command::Kind::FailParts;
    c.target = n.v;
    c.value = begin ? value : 0;
  } else if (action == "error_rate") {
    ConnId k = b.connection(target);
    if (!k.valid()) return std::nullopt;
    c.kind = Command::Kind::SetErrorRate;
    c.target = k.v;
    c.value = begin ? value : 0;
  } else {
    // A node action its service declares (a read replica's "promote"): once, at its start.
    NodeId n = b.node(target);
    if (!n.valid()) return std::nullopt;
    const catalog::ServiceDescriptor* svc = catalog::find_service(b.sim->info(n).type);
    const int index = svc ? catalog::node_action_index(*svc, action) : -1;
    if (index < 0 || !begin) return std::nullopt;
    c.kind = Command::Kind::NodeAction;
    c.target = n.v;
    c.value = index;
  }
  return c;
}

namespace {
// A wire's role params (defaults filled in) as the models read them (core/sim/wire.h).
WireParams wire_params_of(const nlohmann::json& params) {
  WireParams out;
  if (!params.is_object()) return out;
  for (auto it = params.begin(); it != params.end(); ++it) {
    WireParam w;
    w.key = it.key();
    const nlohmann::json& v = it.value();
    if (v.is_number()) w.number = v.get<double>();
    else if (v.is_boolean()) w.number = v.get<bool>() ? 1 : 0;
    else if (v.is_string()) w.text = v.get<std::string>();
    else w.text = v.dump();
    out.items.push_back(std::move(w));
  }
  return out;
}
}  // namespace

Built build(const doc::Document& d, std::optional<uint64_t> seed) {
  Built b;
  b.seed = seed ? *seed : d.settings.seed;
  b.duration = from_seconds(d.settings.duration_s);
  b.sim = std::make_unique<Simulation>(b.seed);
  Simulation& sim = *b.sim;
  Topology& topo = sim.topology();

  // Regions and AZs, in document order.
  for (size_t i = 0; i < d.regions.size(); ++i) {
    const auto& rd = d.regions[i];
    const catalog::RegionSpec* spec = catalog::find_region(rd.code);
    if (!spec) {
      b.errors.push_back({"regions[" + std::to_string(i) + "].code", "unknown Region \"" + rd.code + "\"",
                          "알 수 없는 리전입니다: \"" + rd.code + "\""});
      continue;
    }
    RegionId r = topo.add_region(rd.code, spec->lat, spec->lon);
    for (const auto& az : rd.azs) topo.add_az(r, az);
  }
  // A Region a node names but the document did not list is added on demand.
  auto region_of = [&](const std::string& code) -> RegionId {
    if (code.empty()) return RegionId{};
    RegionId r = topo.find_region(code);
    if (r.valid()) return r;
    const catalog::RegionSpec* spec = catalog::find_region(code);
    if (!spec) return RegionId{};
    return topo.add_region(code, spec->lat, spec->lon);
  };

  for (size_t i = 0; i < d.nodes.size(); ++i) {
    const doc::NodeDoc& n = d.nodes[i];
    std::string path = "nodes[" + std::to_string(i) + "]";
    const catalog::ServiceDescriptor* svc = catalog::find_service(n.type);
    if (!svc) {
      b.errors.push_back({path + ".type", "unknown service type \"" + n.type + "\"",
                          "알 수 없는 서비스 유형입니다: \"" + n.type + "\""});
      continue;
    }
    Placement p;
    p.kind = svc->placement;
    p.region = region_of(n.region);
    if (p.kind == PlacementKind::Az) {
      p.az = topo.find_az(n.az);
      if (!p.az.valid()) {
        // Name the node: the learner finds it on the canvas by its name, and an empty
        // AZ must not read as AZ "" (a zonal service dropped between two AZ frames).
        const std::string who = doc::quote(n.name.empty() ? n.id : n.name);
        if (n.az.empty())
          b.errors.push_back({path + ".az", who + " has no Availability Zone; drop it into one",
                              doc::with_topic(who) + " 가용 영역에 속해 있지 않습니다. 가용 영역 안으로 옮기세요."});
        else
          b.errors.push_back({path + ".az",
                              who + ": AZ " + doc::quote(n.az) + " is not one of the document's Availability Zones",
                              who + ": " + doc::quote(n.az) + " 가용 영역은 이 문서에 없습니다"});
        continue;
      }
      p.region = topo.az(p.az).region;
    }
    nlohmann::json params = catalog::with_defaults(*svc, n.params);
    catalog::BuildContext ctx{n, params, sim};
    std::unique_ptr<Model> model;
    try {
      model = svc->create(ctx);
    } catch (const std::exception& e) {
      b.errors.push_back({path, std::string("could not build this ") + svc->name.en + ": " + e.what(),
                          svc->name.get(true) + std::string(" 노드를 만들지 못했습니다.")});
      continue;
    }
    const NodeId added = sim.add_node(std::move(model), NodeInfo{n.id, n.name.empty() ? n.id : n.name, n.type, p, svc->traits});
    if (!svc->metrics.empty()) sim.declare_metrics(added, catalog::metric_defs(*svc, params));
    b.node_ids.push_back(n.id);
  }
  if (!b.errors.empty()) return b;

  for (size_t i = 0; i < d.connections.size(); ++i) {
    const doc::ConnectionDoc& c = d.connections[i];
    NodeId from = b.node(c.from), to = b.node(c.to);
    if (!from.valid() || !to.valid()) {
      b.errors.push_back({"connections[" + std::to_string(i) + "]", "connects a node that does not exist",
                          "없는 노드를 연결합니다"});
      continue;
    }
    const WireRole role = catalog::parse_role(c.role).value_or(WireRole::Call);
    const catalog::ServiceDescriptor* sa = catalog::find_service(sim.info(from).type);
    const catalog::ServiceDescriptor* sb = catalog::find_service(sim.info(to).type);
    WireParams role_params = wire_params_of(catalog::wire_with_defaults(sa, sb, role, c.params));
    CallPolicy policy;
    switch (role) {
      case WireRole::Call: {
        nlohmann::json p = c.params;
        auto num = [&](const char* k, double def) { return p.contains(k) && p[k].is_number() ? p[k].get<double>() : def; };
        policy.sync = !(p.contains("mode") && p["mode"] == "async");
        policy.timeout = from_seconds(num("timeout_ms", 0) / 1000.0);
        policy.max_retries = static_cast<uint16_t>(num("retries", 0));
        policy.backoff_base = from_seconds(num("backoff_base_ms", 100) / 1000.0);
        policy.backoff_cap = from_seconds(num("backoff_cap_ms", 20000) / 1000.0);
        policy.weight = num("weight", 1);
        if (p.contains("requests") && p["requests"] == "reads") policy.carries = CallPolicy::Carries::Reads;
        if (p.contains("requests") && p["requests"] == "writes") policy.carries = CallPolicy::Carries::Writes;
        sim.add_connection(from, to, policy, role, std::move(role_params));
        break;
      }
      case WireRole::Poll:
        // The consumer calls its source (a receive that waits for its batch): the
        // runtime connection goes the way of the calls, against the drawn direction.
        // Its waiting and retrying are the consumer model's, from its role params.
        sim.add_connection(to, from, policy, role, std::move(role_params));
        break;
      case WireRole::Event:
        // An asynchronous invoke: the source does not wait; retries and event age
        // are the target's (its role params), not the kernel's.
        policy.sync = false;
        sim.add_connection(from, to, policy, role, std::move(role_params));
        break;
      case WireRole::Replicate:
        // The source ships its changes and does not wait (asynchronous replication):
        // the copy's lag is the copy's model's, not a timeout of the kernel's.
        policy.sync = false;
        sim.add_connection(from, to, policy, role, std::move(role_params));
        break;
    }
    b.connection_ids.push_back(c.id);
  }

  for (size_t i = 0; i < d.faults.size(); ++i) {
    const doc::FaultDoc& f = d.faults[i];
    auto begin = fault_command(b, f.action, f.target, f.value, true);
    if (!begin) {
      b.errors.push_back({"faults[" + std::to_string(i) + "]", "fault \"" + f.action + "\" on \"" + f.target + "\" has no target in this document",
                          "이 문서에는 장애 \"" + f.action + "\"의 대상(\"" + f.target + "\")이 없습니다"});
      continue;
    }
    sim.schedule_command(from_seconds(f.at_s), *begin);
    if (f.until_s) {
      auto end = fault_command(b, f.action, f.target, f.value, false);
      if (end) sim.schedule_command(from_seconds(*f.until_s), *end);
    }
  }
  return b;
}

}  // namespace cp::engine
