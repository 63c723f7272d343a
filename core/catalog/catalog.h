// The service catalog: one description per service type, read by everything —
// validation, the engine builder, the palette, the inspector, the docs.
// Each service's model file (core/services/<service>.cpp) defines its
// ServiceDescriptor; catalog.cpp lists them all (explicitly: static
// self-registration would be dropped by the linker from a static library).
#pragma once
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/doc/document.h"
#include "core/sim/metrics.h"
#include "core/sim/model.h"
#include "core/sim/topology.h"
#include "core/sim/wire.h"

namespace cp::sim { class Simulation; }

namespace cp::catalog {

// Every text a learner reads comes in English and Korean.
struct Text {
  const char* en = "";
  const char* ko = "";
  const char* get(bool korean) const { return korean && ko && *ko ? ko : en; }
};

enum class Category { Clients, Compute, Networking, Storage, Databases, Messaging, Serverless, Testing };
Text category_name(Category c);

// The picture on a service's card, palette entry and inspector header (the UI draws
// each in code: ui/icons.cpp). ByCategory: the category's (Messaging: Queue, ...).
enum class Icon : uint8_t { ByCategory, Person, Chip, Scaling, Balancer, Dns, Globe, Accelerator, Volume, Bucket,
                            Database, Table, Cache, Queue, Topic, Stream, Lambda, Api, Gear };
// A service's icon: its own, or its category's when it names none.
Icon icon_of(Icon declared, Category c);

enum class ParamType { Int, Float, Bool, Enum, String, Distribution };

struct ParamSpec {
  std::string key;              // "workers"
  ParamType type = ParamType::Float;
  Text label;                   // "Workers" / "작업자 수"
  Text help;                    // one or two sentences
  std::string unit;             // "ms", "GiB", "requests/s", "" ...
  double min = 0, max = 0;      // for Int/Float (inclusive); Distribution: bounds on the mean
  nlohmann::json default_value;
  std::vector<std::string> choices;  // for Enum
  std::string fact;             // the AWS-FACTS row behind a limit/default, e.g. "Lambda / Memory"
  // A String whose text is structured, read by one parser for every service
  // (split_list / param_list) and renamed by one renamer (rename_node_refs):
  char list_separator = 0;      // a list: items separated by this (',' in "use1-az1, use1-az2"); 0 = one value
  bool node_refs = false;       // the value (or each item) is a node id: pasting nodes under new ids renames it
  std::string refs_after;       // with node_refs and a list: each item's ids are the comma list after this
                                // mark ("->" in "10 path=/api/* -> api, api2"); "" = the item is the id
};

// What a node's card on the diagram shows of a metric, as a badge under it:
// "3/4 ok" (a Ready gauge of a Total one) and "q 12" (Waiting, beside the queue).
enum class MetricCard : uint8_t { None, Total, Ready, Waiting };

// What a run shows of a metric while it plays: in the live block at the top of the
// node's properties (every live metric, with its label) and on the line under its card
// (by its `brief` name, in the order declared). Value: a gauge's level or a counter's
// total since the start; Rate: a counter's rate per second over the last second.
enum class MetricLive : uint8_t { None, Value, Rate };

// A metric the service measures besides those every node has (arrivals, answers by
// outcome, latency, queue, utilization, cost): kept by key in the series and the
// --json report, drawn by the metrics panel, exported as a CSV column, and named by
// goals. The model gets a handle by key at start (sim.gauge / counter /
// latency_metric, core/sim/simulation.h) and sets it through that per event.
struct MetricSpec {
  sim::MetricDef def;      // key ("cpu_credits"), kind, how a gauge combines over a window
  Text label;              // "CPU credit balance" / "CPU 크레딧 잔액"
  Text unit;               // "credits" / "크레딧": of a gauge's value, of what a counter counts, "ms"
  Text help;               // one sentence: what it means and why it moves
  MetricCard card = MetricCard::None;
  Text only_when;          // with metric_applies: when it is measured ("burstable instance types (T2, T3, T3a, T4g)")
  MetricLive live = MetricLive::None;
  Text brief;              // with live: its short name on the card ("in flight" / "처리 중")
  const std::string& key() const { return def.key; }
};

// A metric's description in one call (the services' metric lists are made of these):
//   metric("reads", MetricKind::Counter, MetricStat::Max, {"Reads", "읽기"}, {"queries", "건"}, {help_en, help_ko})
// Without a stat a gauge combines over a window by its maximum.
MetricSpec metric(const char* key, sim::MetricKind kind, sim::MetricStat stat, Text label, Text unit, Text help,
                  MetricCard card = MetricCard::None);
MetricSpec metric(const char* key, sim::MetricKind kind, Text label, Text unit, Text help);

// Advice (core/lint): a design that is legal but unwise. Each finding has a severity,
// an English and a Korean text, the nodes (or connections) involved and the
// AWS-FACTS row behind it.
enum class Severity { Info, Warning };
struct Finding {
  std::string rule;               // "single-az-tier"
  Severity severity = Severity::Warning;
  std::string text_en, text_ko;
  std::vector<std::string> nodes; // node ids (and, for connection rules, the connection id first)
  std::string fact;               // "Regions and AZs / AZ" (a row of AWS-FACTS.md), or "" for engineering advice
};

// One piece of advice a service gives about its own nodes: lint::lint asks each
// node of the service each of its rules, in the order declared. `check` returns the
// finding (its rule may be left empty: it is `key`) or nothing. It must not assume
// the document valid beyond what loading checked; `n.params` holds what the user set.
struct LintRule {
  std::string key;  // "failover-long-ttl"
  std::function<std::optional<Finding>(const doc::Document& d, const doc::NodeDoc& n)> check;
};
// Rules from a function that advises on the whole document at once (SQS, Lambda and API
// Gateway wrote theirs so): rule `key` at node n gives the first of its findings whose
// first node of service `type` is n (a finding's nodes may start with a connection id).
std::vector<LintRule> lint_rules_from(const std::string& type, const std::vector<std::string>& keys,
                                      std::function<void(const doc::Document&, std::vector<Finding>&)> advise);

// The document's node, the simulation being built, and lookups the factory may need.
struct BuildContext {
  const doc::NodeDoc& node;
  const nlohmann::json& params;   // the node's params with defaults filled in
  sim::Simulation& sim;
};

// Why a connection is refused, in English and Korean (can_connect, connect_rule).
struct Refusal { std::string en, ko; };

// One role a service takes at one end of a wire (see core/sim/wire.h for what the
// roles mean at run time). A future SQS declares, as a source, {Poll}; a future
// Lambda, as a target, {Poll, {batch_size, maximum_batching_window_s, ...}, {"sqs",
// "kinesis"}}: a wire from a queue to a function is then a poll carrying a batch size.
struct RoleSpec {
  sim::WireRole role = sim::WireRole::Call;
  // This end's share of the wire's parameters in this role (the wire carries both
  // ends' shares: a call's timeout is the caller's, a poll's batch size the consumer's).
  std::vector<ParamSpec> params;
  // The types allowed at the other end; empty = any that takes the role.
  std::vector<std::string> peers;
  // Optional rules across the wire's parameters (both ends', defaults filled in).
  // Issue paths are param keys; the validator prefixes the connection's path.
  std::function<std::vector<doc::Issue>(const nlohmann::json& params)> validate;
};

struct ServiceDescriptor {
  std::string type;                       // "compute"
  Category category = Category::Compute;
  Text name;                              // "Compute (generic)" / "범용 컴퓨팅"
  Text summary;                           // palette tooltip / inspector header
  Text simplifications;                   // what the model leaves out (shown in the UI's help)
  sim::PlacementKind placement = sim::PlacementKind::Az;
  // What kind of thing it is, for code that asks (sim::Trait: LoadBalancer,
  // InstanceHost, SpansAzs, HttpProxy, Client): `d.traits = sim::Trait::LoadBalancer | ...`.
  // At run time a model asks sim.info(node).has(Trait::LoadBalancer).
  sim::Traits traits = 0;
  Icon icon = Icon::ByCategory;           // what the UI draws for it (icon_of)
  std::vector<ParamSpec> params;
  bool accepts_incoming = true;           // clients do not
  bool makes_calls = true;                // may have outgoing connections
  // Which types this service may call; empty = any that accepts incoming.
  std::vector<std::string> can_call;
  std::function<std::unique_ptr<sim::Model>(const BuildContext&)> create;
  // Optional rules across params (e.g. "no CNAME at the zone apex"), run by the
  // document validator after each param passed its own spec. Issue paths are
  // param keys ("record_type"); the validator prefixes the node's path.
  std::function<std::vector<doc::Issue>(const nlohmann::json& params)> validate;
  // Optional rule about one wire to or from this service, asked by can_connect
  // for both ends (e.g. an EBS volume and an instance in another AZ). `d` is the
  // document the wire is drawn in, holding the wires already there (not this
  // one); nullptr when only the two nodes are known, so rules that count other
  // wires (Multi-Attach's 16) are skipped.
  std::function<std::optional<Refusal>(const doc::Document* d, const doc::NodeDoc& from, const doc::NodeDoc& to)>
      connect_rule;
  // Optional rules across the whole document (placement groups, a volume
  // restored from another's snapshot): issues with full JSON paths
  // ("nodes[4].az"), run by the document validator after every node and
  // connection loaded. Must not assume the document is otherwise valid.
  std::function<std::vector<doc::Issue>(const doc::Document& d)> validate_document;
  // Deprecated: declare ParamSpec::node_refs instead (catalog::rename_node_refs renames
  // every such param). Kept so that descriptors written before still compile; applied after.
  std::function<void(nlohmann::json& params, const std::map<std::string, std::string>& renamed)> rename_node_refs;
  // The roles of wires drawn from this service (as their source) and to it (as
  // their target), in order of preference (a new wire takes the first the pair
  // shares). Empty: calls only, as makes_calls / accepts_incoming / can_call say,
  // with connection_params() on the caller's end — what every service took before
  // roles. A service that declares a list declares all its roles: makes_calls and
  // accepts_incoming must then agree with whether Call is in it (a test checks).
  std::vector<RoleSpec> source_roles, target_roles;
  // Advice about its nodes (see LintRule), in the order lint reports it.
  std::vector<LintRule> lint_rules;
  // The service's own metrics (see MetricSpec), in the order the UI draws them.
  std::vector<MetricSpec> metrics;
  // Optional: whether a metric with an only_when is measured on a node with these
  // (defaults-filled) params. Absent, or for a metric without only_when: it is.
  std::function<bool(const std::string& key, const nlohmann::json& params)> metric_applies;
  // During a run, show the model's status sentence above its live rows too: it says what
  // numbers cannot (which AZ an RDS primary is in, a failover under way).
  bool live_status = false;
  // Parts of the node that a fault can fail one by one while the node runs ("fail_parts":
  // Aurora's storage copies); max 0 = none. The model hears of it in on_parts_failed.
  struct FailableParts {
    Text name;        // plural: {"storage copies", "스토리지 사본"}
    int max = 0;
  } failable_parts;
  // Things a learner can do to a node during a run, besides breaking it (a read replica's
  // "promote"): a fault whose action is the key, on a node of this service, in the
  // run's right-click menu and the fault timeline. Once, at at_s (until_s is ignored).
  // The model hears of it in on_action, with the action's index in this list.
  struct NodeAction {
    std::string key;  // "promote": the fault's action
    Text name;        // {"Promote to standalone", "독립 실행형으로 승격"}: the menu item
    Text help;        // what it does, for the menu's tooltip and docs/services.md
  };
  std::vector<NodeAction> actions;
};

// The index of the action `key` in d.actions, or -1.
int node_action_index(const ServiceDescriptor& d, const std::string& key);
// Every node action some service declares, sorted (the fault actions past the kernel's).
std::vector<std::string> node_action_keys();

// Every service, in registry order (core/services/registry.cpp lists them).
const std::vector<const ServiceDescriptor*>& all_services();
const ServiceDescriptor* find_service(const std::string& type);
// Does the service of this type have the trait? False for an unknown type.
bool has_trait(const std::string& type, sim::Trait t);
// Tests only: replace the registry's list (an empty list restores it).
void set_services_for_testing(std::vector<const ServiceDescriptor*> services);

// Parameters of a call (the caller's end of a call wire): mode, timeout, retries, ...
const std::vector<ParamSpec>& connection_params();

// ---- Connection roles (core/catalog/roles.cpp) ----
const char* role_key(sim::WireRole r);  // "call", "poll", "event": the document's `role`
std::optional<sim::WireRole> parse_role(const std::string& key);
const std::vector<std::string>& role_keys();
Text role_name(sim::WireRole r);  // "Poll" / "폴링"
Text role_help(sim::WireRole r);  // what a wire in this role does, in a sentence or two
// The role as `d` declares it at that end (a service without a list: the default
// call), or nullptr when it does not take the role there.
const RoleSpec* source_role(const ServiceDescriptor& d, sim::WireRole r);
const RoleSpec* target_role(const ServiceDescriptor& d, sim::WireRole r);
std::vector<sim::WireRole> source_roles(const ServiceDescriptor& d);
std::vector<sim::WireRole> target_roles(const ServiceDescriptor& d);
// May wires start (end) here in some role? The canvas shows the handle only then.
inline bool has_source_roles(const ServiceDescriptor& d) { return d.source_roles.empty() ? d.makes_calls : true; }
inline bool has_target_roles(const ServiceDescriptor& d) { return d.target_roles.empty() ? d.accepts_incoming : true; }
// The roles a wire from a to b may take, in a's order; the first is a new wire's.
std::vector<sim::WireRole> pair_roles(const ServiceDescriptor& a, const ServiceDescriptor& b);
sim::WireRole default_role(const ServiceDescriptor& a, const ServiceDescriptor& b);
// Why a wire from a to b cannot take role r (its ends' roles and peers only; the
// connect_rules are can_connect's), or nullopt when it can.
std::optional<Refusal> role_refusal(const ServiceDescriptor& a, const ServiceDescriptor& b, sim::WireRole r);
// The parameters a wire from a to b carries in role r: a's share, then b's. An
// unknown end (nullptr) adds nothing, except that a call always has the caller's
// connection_params().
std::vector<ParamSpec> wire_params(const ServiceDescriptor* a, const ServiceDescriptor* b, sim::WireRole r);
nlohmann::json wire_with_defaults(const ServiceDescriptor* a, const ServiceDescriptor* b, sim::WireRole r,
                                  const nlohmann::json& params);
// Both ends' RoleSpec::validate rules over the wire's params (paths are param keys).
std::vector<doc::Issue> check_wire_rules(const ServiceDescriptor* a, const ServiceDescriptor* b, sim::WireRole r,
                                         const nlohmann::json& params);

// Can a connection go from node `from` to node `to`? Returns std::nullopt when
// it can, or the reason (English and Korean) when not: the pair of types (in any
// role both take), then each end's connect_rule (e.g. an EBS volume in another AZ).
std::optional<Refusal> can_connect(const doc::NodeDoc& from, const doc::NodeDoc& to);
// The same, drawn in document `d` (its existing wires count: a 17th instance
// on a Multi-Attach volume, a second one on a volume without Multi-Attach).
// The editor asks this one when a wire is dragged; the validator asks it for
// each connection with the connections before it.
std::optional<Refusal> can_connect(const doc::Document& d, const doc::NodeDoc& from, const doc::NodeDoc& to);
// The same for a wire in role r (the validator asks this one with the document's role).
std::optional<Refusal> can_connect(const doc::Document& d, const doc::NodeDoc& from, const doc::NodeDoc& to,
                                   sim::WireRole r);

// Every service's validate_document rules over `d`, in registry order.
std::vector<doc::Issue> check_document_rules(const doc::Document& d);

// A param's value from a (defaults-filled) params object. A missing key or a
// value of another type gives 0 / false / "" (validation has already run).
double param_number(const nlohmann::json& params, const std::string& key);
bool param_bool(const nlohmann::json& params, const std::string& key);
std::string param_string(const nlohmann::json& params, const std::string& key);

// The items of a list: `text` cut at `separator`, each trimmed of white space,
// empty ones dropped ("a, b,,c " -> a, b, c). The one reader of comma lists.
std::vector<std::string> split_list(const std::string& text, char separator = ',');
// The items of a list param (its spec's separator) in (defaults-filled) params.
std::vector<std::string> param_list(const ServiceDescriptor& d, const nlohmann::json& params, const std::string& key);
// Pasting nodes under new ids: every node_refs param of `d` in `params` names the
// new ids (`renamed`: old id -> new id; ids not in it stay, as does the rest of the text).
void rename_node_refs(const ServiceDescriptor& d, nlohmann::json& params, const std::map<std::string, std::string>& renamed);

// `params` with every missing param set to its default (the document keeps only
// what the user changed; the model is built from this).
nlohmann::json with_defaults(const ServiceDescriptor& d, const nlohmann::json& params);
nlohmann::json connection_with_defaults(const nlohmann::json& params);

const ParamSpec* find_param(const std::vector<ParamSpec>& specs, const std::string& key);
// The value the user set for a param of a node (not its default), or nullptr.
const nlohmann::json* set_param(const doc::NodeDoc& n, const std::string& key);
// While a descriptor is built, its param `key` (it must be there), to set a field:
//   catalog::param_spec(d, "azs").list_separator = ',';
ParamSpec& param_spec(ServiceDescriptor& d, const std::string& key);
const MetricSpec* find_metric(const ServiceDescriptor& d, const std::string& key);
// While a descriptor is built, its metric `key` (it must be there), to set a field:
//   catalog::metric_spec(d, "visible").live = catalog::MetricLive::Value;
MetricSpec& metric_spec(ServiceDescriptor& d, const std::string& key);
// Marks metric `key` live (see MetricLive) with its short name on the card.
void show_live(ServiceDescriptor& d, const std::string& key, MetricLive how, Text brief);
bool metric_applies(const ServiceDescriptor& d, const MetricSpec& m, const nlohmann::json& params);
// What the engine builder declares for a node (Simulation::declare_metrics).
std::shared_ptr<const std::vector<sim::MetricDef>> metric_defs(const ServiceDescriptor& d, const nlohmann::json& params);
// A metric's unit after a value: "143 credits" / "143크레딧", "92.5%"; a counter's rate: "/s".
std::string metric_value_text(const MetricSpec& m, double v, bool korean);

// A ParamSpec's unit as a label says it: "requests/s" -> "요청/초", "ms" -> "밀리초"
// (for "Timeout (ms)" / "제한 시간 (밀리초)"); units without a Korean word (GiB, IOPS) stay.
std::string unit_label(const std::string& unit, bool korean);
// A value with its unit in a sentence: "3600 s" / "3600초", "20 ms" / "20밀리초",
// "6 instances" / "6개", "500 requests/s" / "초당 500건", "100 GiB" in both.
std::string amount_text(double v, const std::string& unit, bool korean);

// Validation of params against their specs, for load_document (validate.h) and the inspector
// (which checks each edit before applying it). Errors are appended with their
// JSON path, e.g. {"nodes[3].params.memory_mb", "20000 is above Lambda's maximum of 10240 MB"}.
// `owner` names whose params they are in messages ("Lambda", "a connection").
// `owner_ko` is the same owner in Korean ("EC2 인스턴스", "연결"); "" uses `owner`.
void check_param(const ParamSpec& spec, const nlohmann::json& value, const std::string& path,
                 const std::string& owner, std::vector<doc::Issue>& errors, const std::string& owner_ko = "");
void check_params(const std::vector<ParamSpec>& specs, const nlohmann::json& params, const std::string& path,
                  const std::string& owner, std::vector<doc::Issue>& errors, const std::string& owner_ko = "");

}  // namespace cp::catalog

namespace cp::services {
// Appends every service's descriptor, in palette order. Defined by
// core/services/registry.cpp (one line per service); all_services() calls it once.
void register_services(std::vector<const catalog::ServiceDescriptor*>& out);
}  // namespace cp::services
