// Conformance: every service in the catalog (whatever registry.cpp lists, so a new
// service is covered the day it is added) says everything in English and Korean,
// has defaults that pass its own rules, and runs in a minimal document: it builds,
// runs, checkpoints and rewinds to the same trace.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/catalog/catalog.h"
#include "core/catalog/validate.h"
#include "core/doc/document.h"
#include "core/engine/build.h"
#include "tests/unit/korean_text.h"

using namespace cp;
using catalog::ServiceDescriptor;

namespace {

// A Korean text as a learner reads it: there, and Korean (Hangul), unless it is a
// name AWS's Korean console writes in Latin letters too ("TTL", "IOPS",
// "Application Load Balancer(ALB)"): then it starts with the English.
void check_text(const catalog::Text& t, const std::string& what, bool may_be_latin, std::vector<std::string>& problems) {
  const std::string en = t.en ? t.en : "", ko = t.ko ? t.ko : "";
  if (en.empty()) problems.push_back(what + ": no English text");
  if (ko.empty()) problems.push_back(what + ": no Korean text");
  else if (!test::has_hangul(ko) && !(may_be_latin && ko.rfind(en, 0) == 0)) problems.push_back(what + ": Korean text has no Hangul: " + ko);
}

void check_params_texts(const std::vector<catalog::ParamSpec>& specs, const std::string& owner, std::vector<std::string>& problems) {
  for (const catalog::ParamSpec& p : specs) {
    check_text(p.label, owner + " param " + p.key + " label", true, problems);
    check_text(p.help, owner + " param " + p.key + " help", false, problems);
  }
}

doc::NodeDoc placed(const std::string& id, const ServiceDescriptor& d) {
  doc::NodeDoc n;
  n.id = id;
  n.type = d.type;
  if (d.placement != sim::PlacementKind::Global) n.region = "us-east-1";
  if (d.placement == sim::PlacementKind::Az) n.az = "use1-az1";
  return n;
}

// Wires a -> b in the first role the pair takes, if the catalog lets it.
bool wire(doc::Document& d, const std::string& a, const std::string& b) {
  const doc::NodeDoc* na = d.find_node(a);
  const doc::NodeDoc* nb = d.find_node(b);
  const ServiceDescriptor* da = catalog::find_service(na->type);
  const ServiceDescriptor* db = catalog::find_service(nb->type);
  if (catalog::pair_roles(*da, *db).empty()) return false;
  const sim::WireRole role = catalog::default_role(*da, *db);
  if (catalog::can_connect(d, *na, *nb, role)) return false;
  doc::ConnectionDoc c;
  c.id = a + "-" + b;
  c.from = a;
  c.to = b;
  c.role = catalog::role_key(role);
  d.connections.push_back(c);
  return true;
}

// The smallest document that gives the service work: a caller in front of it (users,
// or an instance that users call) and an instance behind it, where the catalog
// allows them.
doc::Document minimal_document(const ServiceDescriptor& svc) {
  doc::Document d;
  d.name = "conformance: " + svc.type;
  d.settings.duration_s = 120;
  d.regions = {{"us-east-1", {"use1-az1", "use1-az2"}}};
  d.nodes.push_back(placed("svc", svc));
  const ServiceDescriptor* users = catalog::find_service("users");
  const ServiceDescriptor* compute = catalog::find_service("compute");
  if (!users || !compute) return d;
  if (svc.type != "users") {
    d.nodes.push_back(placed("users", *users));
    if (!wire(d, "users", "svc")) {
      d.nodes.push_back(placed("front", *compute));
      if (wire(d, "front", "svc")) wire(d, "users", "front");
    }
  }
  doc::NodeDoc back = placed("back", *compute);
  back.az = "use1-az2";
  d.nodes.push_back(back);
  if (!wire(d, "svc", "back")) d.nodes.pop_back();
  return d;
}

}  // namespace

TEST_CASE("conformance: every service says everything in English and Korean", "[catalog][conformance]") {
  std::vector<std::string> problems;
  for (const ServiceDescriptor* d : catalog::all_services()) {
    const std::string s = d->type;
    check_text(d->name, s + " name", true, problems);
    check_text(d->summary, s + " summary", false, problems);
    if (d->simplifications.en && *d->simplifications.en) check_text(d->simplifications, s + " simplifications", false, problems);
    check_params_texts(d->params, s, problems);
    for (const auto* roles : {&d->source_roles, &d->target_roles})
      for (const catalog::RoleSpec& r : *roles) check_params_texts(r.params, s + " " + catalog::role_key(r.role) + " role", problems);
    for (const catalog::MetricSpec& m : d->metrics) {
      check_text(m.label, s + " metric " + m.key() + " label", true, problems);
      check_text(m.help, s + " metric " + m.key() + " help", false, problems);
      // A metric shown live during a run is named on the card by its brief, in both languages.
      if (m.live != catalog::MetricLive::None) check_text(m.brief, s + " metric " + m.key() + " brief", true, problems);
    }
  }
  check_params_texts(catalog::connection_params(), "connection", problems);
  for (const std::string& p : problems) UNSCOPED_INFO(p);
  CHECK(problems.empty());
  CHECK(catalog::all_services().size() >= 13);
}

TEST_CASE("conformance: every service's defaults pass its own rules", "[catalog][conformance]") {
  for (const ServiceDescriptor* d : catalog::all_services()) {
    INFO(d->type);
    const nlohmann::json defaults = catalog::with_defaults(*d, nlohmann::json::object());
    std::vector<doc::Issue> errors;
    catalog::check_params(d->params, defaults, "params", d->name.en, errors);
    if (d->validate)
      for (doc::Issue& e : d->validate(defaults)) errors.push_back(std::move(e));
    for (const auto* roles : {&d->source_roles, &d->target_roles})
      for (const catalog::RoleSpec& r : *roles) {
        nlohmann::json role_defaults = nlohmann::json::object();
        for (const catalog::ParamSpec& p : r.params) role_defaults[p.key] = p.default_value;
        catalog::check_params(r.params, role_defaults, "role", d->name.en, errors);
      }
    for (const doc::Issue& e : errors) UNSCOPED_INFO(e.line(false));
    CHECK(errors.empty());
    // Every list or node-ref param is text, and a separator only where there is a list.
    for (const catalog::ParamSpec& p : d->params) {
      INFO(p.key);
      if (p.list_separator || p.node_refs) CHECK(p.type == catalog::ParamType::String);
      if (!p.refs_after.empty()) CHECK((p.node_refs && p.list_separator));
    }
  }
}

TEST_CASE("conformance: every service runs in a minimal document, checkpoints and rewinds to the same trace",
          "[catalog][conformance]") {
  for (const ServiceDescriptor* svc : catalog::all_services()) {
    INFO(svc->type);
    const doc::Document d = minimal_document(*svc);
    // The document the test made is one the validator accepts (it went through JSON as a file does).
    doc::LoadResult loaded = catalog::load_document(doc::to_json(d));
    for (const doc::Issue& e : loaded.errors) UNSCOPED_INFO(e.line(false));
    REQUIRE(loaded.ok());

    engine::Built straight = engine::build(loaded.document);
    for (const doc::Issue& e : straight.errors) UNSCOPED_INFO(e.line(false));
    REQUIRE(straight.ok());
    straight.sim->run_until(straight.duration);
    CHECK(straight.sim->events_processed() > 0);

    engine::Built b = engine::build(loaded.document);
    REQUIRE(b.ok());
    const sim::SimTime mid = b.duration / 3;
    b.sim->run_until(mid);
    auto cp = b.sim->checkpoint();
    b.sim->run_until(b.duration);
    REQUIRE(b.sim->rewind_to(*cp));
    CHECK(b.sim->now() == mid);
    b.sim->run_until(b.duration);
    CHECK(b.sim->trace_hash() == straight.sim->trace_hash());
    CHECK(b.sim->events_processed() == straight.sim->events_processed());
  }
}
