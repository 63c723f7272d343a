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
