// Traits and icons come from the descriptors: code asks "is it a load balancer?"
// of the trait, never of the type string, and the UI draws the icon the
// descriptor names.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "core/catalog/catalog.h"
#include "core/engine/build.h"
#include "lb_test_util.h"

using namespace cp;
using cp::sim::Trait;

TEST_CASE("catalog traits: the load balancers, instance hosts, clients and multi-AZ services say so", "[catalog][traits]") {
  std::set<std::string> lbs, hosts, clients, spans, proxies;
  for (const catalog::ServiceDescriptor* d : catalog::all_services()) {
    if (sim::has_trait(d->traits, Trait::LoadBalancer)) lbs.insert(d->type);
    if (sim::has_trait(d->traits, Trait::InstanceHost)) hosts.insert(d->type);
    if (sim::has_trait(d->traits, Trait::Client)) clients.insert(d->type);
    if (sim::has_trait(d->traits, Trait::SpansAzs)) spans.insert(d->type);
    if (sim::has_trait(d->traits, Trait::HttpProxy)) proxies.insert(d->type);
  }
  CHECK(lbs == std::set<std::string>{"alb", "nlb", "clb", "gwlb"});
  CHECK(hosts == std::set<std::string>{"compute", "ec2"});
  CHECK(clients == std::set<std::string>{"users"});
  CHECK(spans == std::set<std::string>{"asg"});
  CHECK(proxies == std::set<std::string>{"cloudfront"});
  CHECK(catalog::has_trait("nlb", Trait::LoadBalancer));
  CHECK_FALSE(catalog::has_trait("no-such-type", Trait::LoadBalancer));
  // A trait describes what a service is, not where it lives: zonal vs Regional is its placement.
  for (const std::string& t : hosts) CHECK(catalog::find_service(t)->placement == sim::PlacementKind::Az);
}

TEST_CASE("catalog traits: the engine builder copies each node's traits into the simulation", "[catalog][traits]") {
  doc::Document d = lbt::base(60);
  lbt::node(d, "lb", "alb", "");
  d.nodes.back().az.clear();
  lbt::node(d, "web", "ec2", "use1-az1");
  lbt::users(d, 10, "lb");
  lbt::conn(d, "lb", "web");
  engine::Built b = engine::build(d);
  REQUIRE(b.errors.empty());
  CHECK(b.sim->info(b.node("lb")).has(Trait::LoadBalancer));
  CHECK_FALSE(b.sim->info(b.node("lb")).has(Trait::InstanceHost));
  CHECK(b.sim->info(b.node("web")).has(Trait::InstanceHost));
  CHECK(b.sim->info(b.node("users")).has(Trait::Client));
}

TEST_CASE("catalog icons: every service has its own icon, or its category's", "[catalog][icons]") {
  using catalog::Icon;
  CHECK(catalog::icon_of(catalog::find_service("alb")->icon, catalog::Category::Networking) == Icon::Balancer);
  CHECK(catalog::icon_of(catalog::find_service("asg")->icon, catalog::Category::Compute) == Icon::Scaling);
  // A descriptor that names none (a new service) gets its category's: a queue for messaging.
  CHECK(catalog::icon_of(Icon::ByCategory, catalog::Category::Messaging) == Icon::Queue);
  CHECK(catalog::icon_of(Icon::ByCategory, catalog::Category::Serverless) == Icon::Lambda);
  for (const catalog::ServiceDescriptor* d : catalog::all_services())
    CHECK(catalog::icon_of(d->icon, d->category) != Icon::ByCategory);
}

TEST_CASE("catalog lists: one reader of comma lists, declared by the params that hold them", "[catalog][lists]") {
  CHECK(catalog::split_list(" use1-az1, use1-az2 ,,use1-az3 ") == std::vector<std::string>{"use1-az1", "use1-az2", "use1-az3"});
  CHECK(catalog::split_list("").empty());
  CHECK(catalog::split_list("a -> x; b -> y", ';') == std::vector<std::string>{"a -> x", "b -> y"});
  const catalog::ServiceDescriptor* asg = catalog::find_service("asg");
  REQUIRE(asg);
  CHECK(catalog::find_param(asg->params, "azs")->list_separator == ',');
  CHECK(catalog::param_list(*asg, {{"azs", "use1-az2, use1-az1"}}, "azs") == std::vector<std::string>{"use1-az2", "use1-az1"});
}

TEST_CASE("catalog node refs: pasting renames every node-ref param, by its declaration alone", "[catalog][lists]") {
  catalog::ServiceDescriptor d;
  d.type = "fake";
  d.params = {catalog::ParamSpec{"target", catalog::ParamType::String}, catalog::ParamSpec{"peers", catalog::ParamType::String},
              catalog::ParamSpec{"note", catalog::ParamType::String}};
  catalog::param_spec(d, "target").node_refs = true;
  catalog::param_spec(d, "peers").node_refs = true;
  catalog::param_spec(d, "peers").list_separator = ',';
  nlohmann::json p = {{"target", "a"}, {"peers", "a, b ,c"}, {"note", "a"}};
  catalog::rename_node_refs(d, p, {{"a", "a-2"}, {"c", "c-2"}});
  CHECK(p["target"] == "a-2");
  CHECK(p["peers"] == "a-2, b ,c-2");  // spacing kept
  CHECK(p["note"] == "a");             // not a node ref
}
