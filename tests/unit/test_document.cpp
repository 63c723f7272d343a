// Documents: round trips, every class of validation error (path + sentence),
// hostile input (deep nesting, huge strings, random corruption), migration.
#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <functional>
#include <limits>
#include <random>
#include <string>

#include "tests/unit/korean_text.h"
#include "core/catalog/regions.h"
#include "core/catalog/validate.h"
#include "core/doc/document.h"
#include "tests/unit/issue_text.h"

namespace cptest {
void install_fake_services();
void remove_fake_services();
}  // namespace cptest

using cp::test::all_issues;
using cp::test::has_hangul;
using cp::test::unquoted;

namespace {

using nlohmann::json;
using namespace cp::doc;
using cp::catalog::load_document;
using cp::catalog::parse_document;

struct FakeServices {
  FakeServices() { cptest::install_fake_services(); }
  ~FakeServices() { cptest::remove_fake_services(); }
};

const char* kBase = R"({
  "version": 1,
  "name": "Shop",
  "description": "A small web shop",
  "settings": {"duration_s": 600, "seed": 42},
  "regions": [{"code": "us-east-1", "azs": ["use1-az1", "use1-az2"]}],
  "nodes": [
    {"id": "users", "type": "users", "name": "Shoppers", "region": "us-east-1", "params": {"rate": 50}},
    {"id": "web", "type": "compute", "name": "Web", "region": "us-east-1", "az": "use1-az1",
     "params": {"workers": 4, "service_time": {"kind": "lognormal", "median_ms": 20, "sigma": 0.5}}},
    {"id": "app", "type": "compute", "region": "us-east-1", "az": "use1-az2", "params": {"workers": 8}},
    {"id": "db", "type": "db", "region": "us-east-1", "az": "use1-az1"},
    {"id": "fn", "type": "lambda", "region": "us-east-1", "params": {"memory_mb": 512}},
    {"id": "q", "type": "queue", "region": "us-east-1"},
    {"id": "edge", "type": "cdn", "name": "서울 CDN"}
  ],
  "connections": [
    {"id": "c1", "from": "users", "to": "edge"},
    {"id": "c2", "from": "edge", "to": "web"},
    {"id": "c3", "from": "web", "to": "app", "params": {"timeout_ms": 2000, "retries": 2}},
    {"id": "c4", "from": "app", "to": "db"},
    {"id": "c5", "from": "app", "to": "fn", "params": {"mode": "async"}},
    {"id": "c6", "from": "fn", "to": "q"}
  ],
  "faults": [
    {"at_s": 300, "action": "az_down", "target": "use1-az2", "until_s": 420},
    {"at_s": 100.5, "action": "add_latency", "target": "c3", "value": 50},
    {"at_s": 10, "action": "kill_node", "target": "db"}
  ],
  "layout": {"nodes": {"web": {"x": 100, "y": 200}}, "zoom": 1.25}
})";

json base() { return json::parse(kBase); }

// Every issue comes in Korean too: its own sentence, not the English one.
void check_korean(const std::vector<Issue>& issues) {
  for (const Issue& e : issues) {
    INFO(e.path << ": " << e.message << "\n  ko: " << e.message_ko);
    CHECK(has_hangul(e.message_ko));
    CHECK_FALSE(has_hangul(unquoted(e.message)));  // no "(한국어)" appended to an English sentence
  }
}

// Is there an error at exactly `path` whose message contains `part`?
bool has_error(const LoadResult& r, const std::string& path, const std::string& part) {
  for (const Issue& e : r.errors)
    if (e.path == path && e.message.find(part) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("document: a valid document loads, with nothing to report") {
  FakeServices fake;
  LoadResult r = parse_document(kBase);
  INFO(all_issues(r.errors));
  REQUIRE(r.ok());
  CHECK(r.warnings.empty());
  const Document& d = r.document;
  CHECK(d.version == 1);
  CHECK(d.name == "Shop");
  CHECK(d.settings.duration_s == 600);
  CHECK(d.settings.seed == 42);
  REQUIRE(d.regions.size() == 1);
  CHECK(d.regions[0].azs == std::vector<std::string>{"use1-az1", "use1-az2"});
  REQUIRE(d.nodes.size() == 7);
  CHECK(d.nodes[6].name == "서울 CDN");
  REQUIRE(d.find_node("web"));
  CHECK(d.find_node("web")->az == "use1-az1");
  CHECK(d.find_node("web")->params["workers"] == 4);
  CHECK(d.find_node("nope") == nullptr);
  REQUIRE(d.connections.size() == 6);
  CHECK(d.find_connection("c3")->params["retries"] == 2);
  REQUIRE(d.faults.size() == 3);
  CHECK(d.faults[0].until_s == 420.0);
  CHECK_FALSE(d.faults[2].until_s.has_value());
  CHECK(d.faults[1].value == 50);
  CHECK(d.layout["zoom"] == 1.25);
}

TEST_CASE("document: round trip — parse(to_json(d)) == d, with a stable text form") {
  FakeServices fake;
  LoadResult r = parse_document(kBase);
  REQUIRE(r.ok());
  const Document& d = r.document;

  std::string text = to_json_text(d);
  LoadResult again = parse_document(text);
  INFO(all_issues(again.errors));
  REQUIRE(again.ok());
  CHECK(again.document == d);
  CHECK(to_json_text(again.document) == text);  // stable

  LoadResult from_json = load_document(to_json(d));
  REQUIRE(from_json.ok());
  CHECK(from_json.document == d);

  // Fields in reading order, whole numbers without ".0".
  CHECK(text.rfind("{\n  \"version\": 1,\n  \"name\": \"Shop\",", 0) == 0);
  CHECK(text.find("\"at_s\": 300,") != std::string::npos);
  CHECK(text.find("\"at_s\": 100.5,") != std::string::npos);
  CHECK(text.find("서울 CDN") != std::string::npos);
  CHECK(to_json_text(d, -1).find('\n') == to_json_text(d, -1).size() - 1);  // compact: one line

  // A default Document round-trips too.
  Document empty;
  LoadResult e = parse_document(to_json_text(empty));
  REQUIRE(e.ok());
  CHECK(e.document == empty);
}

TEST_CASE("document: connections without an id get one, avoiding ids in use") {
  FakeServices fake;
  json j = base();
  j["connections"][0].erase("id");
  j["connections"][1]["id"] = "c1";  // c1 is taken: the first connection becomes c1-2
  j["connections"][2].erase("id");
  j["faults"][1]["target"] = "c3";
  LoadResult r = load_document(j);
  INFO(all_issues(r.errors));
  REQUIRE(r.ok());
  CHECK(r.document.connections[0].id == "c1-2");
  CHECK(r.document.connections[1].id == "c1");
  CHECK(r.document.connections[2].id == "c3");
  LoadResult again = parse_document(to_json_text(r.document));
  REQUIRE(again.ok());
  CHECK(again.document == r.document);
}

TEST_CASE("document: AZ placement fills in the Region from the AZ ID") {
  FakeServices fake;
  json j = base();
  j["nodes"][1].erase("region");
  LoadResult r = load_document(j);
  REQUIRE(r.ok());
  CHECK(r.document.find_node("web")->region == "us-east-1");
}

namespace {
struct Case {
  const char* what;
  std::function<void(json&)> mutate;
  std::string path;
  std::string message;  // a part of the expected message
};
}  // namespace

TEST_CASE("document: each kind of mistake gives its path and a sentence") {
  FakeServices fake;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  const std::vector<Case> cases = {
      // unknown fields, with the closest known name
      {"unknown top-level field", [](json& j) { j["nodse"] = json::array(); }, "nodse",
       "\"nodse\" is not a field of a document. Did you mean \"nodes\"?"},
      {"unknown top-level field, no suggestion", [](json& j) { j["zebra"] = 1; }, "zebra",
       "Its fields are version, name, description, story, settings, goals, demo, regions, nodes, connections, faults and layout."},
      {"unknown node field", [](json& j) { j["nodes"][1]["typ"] = "x"; }, "nodes[1].typ", "Did you mean \"type\"?"},
      {"unknown connection field", [](json& j) { j["connections"][0]["form"] = "x"; }, "connections[0].form",
       "Did you mean \"from\"?"},
      {"unknown fault field", [](json& j) { j["faults"][0]["at"] = 3; }, "faults[0].at", "Did you mean \"at_s\"?"},
      {"unknown settings field", [](json& j) { j["settings"]["duration"] = 3; }, "settings.duration",
       "Did you mean \"duration_s\"?"},
      {"unknown region field", [](json& j) { j["regions"][0]["az"] = 3; }, "regions[0].az", "Did you mean \"azs\"?"},
      {"odd key in a path", [](json& j) { j["nodes"][0]["my field"] = 1; }, "nodes[0][\"my field\"]",
       "is not a field of a node"},
      // wrong types
      {"whole number as a word", [](json& j) { j["nodes"][2]["params"]["workers"] = "four"; }, "nodes[2].params.workers",
       "expected a whole number, got \"four\""},
      {"name not text", [](json& j) { j["nodes"][1]["name"] = 5; }, "nodes[1].name", "expected text, got 5"},
      {"nodes not a list", [](json& j) { j["nodes"] = json::object(); }, "nodes", "expected a list of nodes"},
      {"node not an object", [](json& j) { j["nodes"][3] = "db"; }, "nodes[3]", "expected a node"},
      {"params not an object", [](json& j) { j["nodes"][1]["params"] = json::array(); }, "nodes[1].params",
       "expected an object of parameters"},
      {"settings not an object", [](json& j) { j["settings"] = 600; }, "settings", "expected an object"},
      {"layout not an object", [](json& j) { j["layout"] = "big"; }, "layout", "expected an object"},
      // ids
      {"duplicate node id", [](json& j) { j["nodes"][2]["id"] = "web"; }, "nodes[2].id",
       "\"web\" is already the id of nodes[1]"},
      {"id with a space", [](json& j) { j["nodes"][1]["id"] = "web server"; }, "nodes[1].id", "contains a space"},
      {"id with Hangul", [](json& j) { j["nodes"][1]["id"] = "웹"; }, "nodes[1].id", "contains '웹'"},
      {"empty id", [](json& j) { j["nodes"][1]["id"] = ""; }, "nodes[1].id", "an id cannot be empty"},
      {"long id", [](json& j) { j["nodes"][1]["id"] = std::string(65, 'a'); }, "nodes[1].id", "at most 64"},
      {"missing id", [](json& j) { j["nodes"][3].erase("id"); }, "nodes[3]", "needs \"id\""},
      {"duplicate connection id", [](json& j) { j["connections"][1]["id"] = "c1"; }, "connections[1].id",
       "already the id of connections[0]"},
      // services and connections
      {"unknown service type", [](json& j) { j["nodes"][1]["type"] = "compte"; }, "nodes[1].type",
       "there is no service type \"compte\". Did you mean \"compute\"?"},
      {"dangling connection end", [](json& j) { j["connections"][3]["to"] = "dbx"; }, "connections[3].to",
       "there is no node with id \"dbx\". Did you mean \"db\"?"},
      {"dangling connection start", [](json& j) { j["connections"][3]["from"] = "nobody"; }, "connections[3].from",
       "there is no node with id \"nobody\""},
      {"self-connection", [](json& j) { j["connections"][2]["to"] = "web"; }, "connections[2].to",
       "a connection cannot go from a node to itself"},
      {"duplicate connection", [](json& j) { j["connections"].push_back({{"from", "web"}, {"to", "app"}}); },
       "connections[6]", "web already calls app through connections[2]"},
      {"connection refused by the catalog", [](json& j) { j["connections"].push_back({{"from", "fn"}, {"to", "web"}}); },
       "connections[6]", "Lambda cannot call Compute (generic). It can call SQS queue or Database."},
      {"connection to a client", [](json& j) { j["connections"].push_back({{"from", "web"}, {"to", "users"}}); },
       "connections[6]", "Users cannot receive calls"},
      {"connection from a service that makes no calls",
       [](json& j) { j["connections"].push_back({{"from", "db"}, {"to", "app"}}); }, "connections[6]",
       "Database does not call other services"},
      {"connection param out of range", [](json& j) { j["connections"][2]["params"]["retries"] = 11; },
       "connections[2].params.retries", "11 is above a connection's maximum of 10"},
      {"connection param unknown", [](json& j) { j["connections"][2]["params"]["timeout"] = 1; },
       "connections[2].params.timeout", "Did you mean \"timeout_ms\"?"},
      {"backoff cap below base", [](json& j) { j["connections"][2]["params"]["backoff_cap_ms"] = 50; },
       "connections[2].params.backoff_cap_ms", "below the backoff base (100 ms)"},
      {"connection mode", [](json& j) { j["connections"][2]["params"]["mode"] = "maybe"; }, "connections[2].params.mode",
       "\"maybe\" is not one of the choices for mode: \"sync\" or \"async\"."},
      // Regions and AZs
      {"unknown Region", [](json& j) { j["regions"][0]["code"] = "us-east-9"; }, "regions[0].code",
       "there is no AWS Region \"us-east-9\" in cloudplay's list. Did you mean \"us-east-1\"?"},
      {"AZ of another Region", [](json& j) { j["regions"][0]["azs"][1] = "apne2-az1"; }, "regions[0].azs[1]",
       "AZ apne2-az1 is in ap-northeast-2 (Asia Pacific (Seoul)), not in us-east-1."},
      {"AZ that does not exist", [](json& j) { j["regions"][0]["azs"][1] = "use1-az9"; }, "regions[0].azs[1]",
       "there is no AZ \"use1-az9\" in us-east-1."},
      {"Region listed twice", [](json& j) { j["regions"].push_back({{"code", "us-east-1"}}); }, "regions[1].code",
       "already listed in regions[0]"},
      {"AZ listed twice", [](json& j) { j["regions"][0]["azs"].push_back("use1-az1"); }, "regions[0].azs[2]",
       "already listed at regions[0].azs[0]"},
      {"node AZ in another Region", [](json& j) { j["nodes"][1]["az"] = "euw1-az1"; }, "nodes[1].az",
       "AZ euw1-az1 is in eu-west-1 (Europe (Ireland)), not in us-east-1."},
      {"node Region unknown", [](json& j) { j["nodes"][4]["region"] = "mars-1"; }, "nodes[4].region",
       "there is no AWS Region \"mars-1\""},
      {"node Region not listed", [](json& j) {
         j["nodes"][4]["region"] = "eu-west-1";
       }, "nodes[4].region", "eu-west-1 is not in this document's \"regions\" list"},
      {"node AZ not listed", [](json& j) { j["nodes"][2]["az"] = "use1-az3"; }, "nodes[2].az",
       "use1-az3 is not in this document's list of AZs for us-east-1"},
      {"AZ service without an AZ", [](json& j) { j["nodes"][1].erase("az"); }, "nodes[1]",
       "Compute (generic) runs in one Availability Zone: give the node an \"az\""},
      {"Regional service with an AZ", [](json& j) { j["nodes"][4]["az"] = "use1-az1"; }, "nodes[4].az",
       "Lambda is a Regional service"},
      {"Regional service without a Region", [](json& j) { j["nodes"][4].erase("region"); }, "nodes[4]",
       "Lambda is a Regional service: give the node a \"region\""},
      {"global service with a Region", [](json& j) { j["nodes"][6]["region"] = "us-east-1"; }, "nodes[6].region",
       "CloudFront is a global service"},
      {"clients in an AZ", [](json& j) { j["nodes"][0]["az"] = "use1-az1"; }, "nodes[0].az", "Users is on the internet"},
      {"clients without a Region", [](json& j) { j["nodes"][0].erase("region"); }, "nodes[0]", "Users needs a \"region\""},
      // params against the service's specs
      {"unknown param", [](json& j) { j["nodes"][4]["params"]["memroy_mb"] = 1024; }, "nodes[4].params.memroy_mb",
       "Lambda has no parameter \"memroy_mb\". Did you mean \"memory_mb\"?"},
      {"param above the maximum", [](json& j) { j["nodes"][4]["params"]["memory_mb"] = 20000; },
       "nodes[4].params.memory_mb", "20000 is above Lambda's maximum of 10240 MB"},
      {"enum choice", [](json& j) { j["nodes"][1]["params"]["fanout"] = "some"; }, "nodes[1].params.fanout",
       "\"some\" is not one of the choices for fanout"},
      {"distribution kind", [](json& j) { j["nodes"][1]["params"]["service_time"] = {{"kind", "exponental"}, {"mean_ms", 5}}; },
       "nodes[1].params.service_time.kind", "Did you mean \"exponential\"?"},
      {"distribution mean too large",
       [](json& j) { j["nodes"][1]["params"]["service_time"] = {{"kind", "constant"}, {"value_ms", 4000000}}; },
       "nodes[1].params.service_time", "its mean, 4000000 ms, is above Compute's maximum of 3600000 ms"},
      {"param without a default", [](json& j) { j["nodes"].push_back({{"id", "n"}, {"type", "needs"}, {"region", "us-east-1"}}); },
       "nodes[7].params", "needs a value for \"must\""},
      // faults
      {"unknown fault action", [](json& j) { j["faults"][0]["action"] = "az_dwn"; }, "faults[0].action",
       "\"az_dwn\" is not a fault action. Did you mean \"az_down\"?"},
      {"fault on a missing node", [](json& j) { j["faults"][2]["target"] = "dbb"; }, "faults[2].target",
       "there is no node with id \"dbb\". Did you mean \"db\"?"},
      {"fault on an AZ not in the document", [](json& j) { j["faults"][0]["target"] = "use1-az5"; }, "faults[0].target",
       "AZ use1-az5 is not listed in this document's \"regions\"."},
      {"fault on a Region not in the document", [](json& j) {
         j["faults"][0]["action"] = "region_down";
         j["faults"][0]["target"] = "eu-west-1";
       }, "faults[0].target", "Region eu-west-1 is not listed"},
      {"fault on a missing connection", [](json& j) { j["faults"][1]["target"] = "c9"; }, "faults[1].target",
       "there is no connection with id \"c9\""},
      {"fault ends before it begins", [](json& j) { j["faults"][0]["until_s"] = 200; }, "faults[0].until_s",
       "the fault ends (200 s) before it begins (at_s is 300 s)."},
      {"fault after the run", [](json& j) { j["faults"][0]["at_s"] = 900; }, "faults[0].at_s",
       "900 s is after the end of the run (settings.duration_s is 600 s)"},
      {"fault before the run", [](json& j) { j["faults"][2]["at_s"] = -5; }, "faults[2].at_s", "-5 s is before the run starts"},
      {"fault without a time", [](json& j) { j["faults"][2].erase("at_s"); }, "faults[2]", "needs \"at_s\""},
      {"error rate above 1", [](json& j) {
         j["faults"][1]["action"] = "error_rate";
         j["faults"][1]["value"] = 1.5;
       }, "faults[1].value", "1.5 is not a share of calls"},
      {"latency without a value", [](json& j) { j["faults"][1].erase("value"); }, "faults[1]", "needs \"value\""},
      {"negative latency", [](json& j) { j["faults"][1]["value"] = -3; }, "faults[1].value", "-3 ms is not a latency to add"},
      // settings
      {"zero duration", [](json& j) { j["settings"]["duration_s"] = 0; }, "settings.duration_s",
       "0 s is not a duration"},
      {"duration above 30 days", [](json& j) { j["settings"]["duration_s"] = 31 * 86400; }, "settings.duration_s",
       "longer than the longest run, 30 days"},
      {"duration as text", [](json& j) { j["settings"]["duration_s"] = "10 min"; }, "settings.duration_s",
       "expected a number of seconds, got \"10 min\""},
      {"negative seed", [](json& j) { j["settings"]["seed"] = -1; }, "settings.seed", "-1 is negative"},
      {"seed above 2^53", [](json& j) { j["settings"]["seed"] = uint64_t(9007199254740993ull); }, "settings.seed",
       "above the largest seed"},
      {"seed with a fraction", [](json& j) { j["settings"]["seed"] = 1.5; }, "settings.seed", "expected a whole number"},
      // impossible numbers (a program can put NaN and infinity into a json value)
      {"NaN fault value", [nan](json& j) { j["faults"][1]["value"] = nan; }, "faults[1].value",
       "expected the latency added, in ms, got NaN"},
      {"infinite weight", [inf](json& j) { j["connections"][0]["params"] = {{"weight", inf}}; },
       "connections[0].params.weight", "expected a number, got infinity"},
      {"NaN duration", [nan](json& j) { j["settings"]["duration_s"] = nan; }, "settings.duration_s", "got NaN"},
      {"NaN in the layout", [nan](json& j) { j["layout"]["zoom"] = nan; }, "layout.zoom",
       "NaN cannot be saved: JSON has no NaN or infinity."},
      {"broken UTF-8 in the layout", [](json& j) { j["layout"]["nodes"]["web"]["label"] = std::string("\xff\xfe"); },
       "layout.nodes.web.label", "is not valid UTF-8 text."},
      {"broken UTF-8 in a name", [](json& j) { j["nodes"][1]["name"] = std::string("caf\xc3"); }, "nodes[1].name",
       "is not valid UTF-8 text."},
      // lengths
      {"name too long", [](json& j) { j["name"] = std::string(81, 'n'); }, "name", "is 81 characters long; the most is 80."},
      {"node name too long", [](json& j) { j["nodes"][1]["name"] = std::string(300, 'n'); }, "nodes[1].name",
       "the most is 80"},
      // versions
      {"no version", [](json& j) { j.erase("version"); }, "version", "missing"},
      {"version as text", [](json& j) { j["version"] = "1"; }, "version", "expected a whole number such as 1, got \"1\""},
      {"newer version", [](json& j) { j["version"] = 7; }, "version",
       "this document is in format version 7, newer than this cloudplay understands"},
      {"negative version", [](json& j) { j["version"] = -1; }, "version", "is not a format version"},
  };
  for (const Case& c : cases) {
    DYNAMIC_SECTION(c.what) {
      json j = base();
      c.mutate(j);
      LoadResult r = load_document(j);
      INFO(all_issues(r.errors));
      CHECK_FALSE(r.ok());
      CHECK(has_error(r, c.path, c.message));
      check_korean(r.errors);
    }
  }
}

TEST_CASE("document: warnings do not stop loading") {
  FakeServices fake;
  json j = base();
  j["connections"][4]["params"]["timeout_ms"] = 500;  // async: not used
  j["faults"][2]["value"] = 3;                         // kill_node takes no value
  LoadResult r = load_document(j);
  INFO(all_issues(r.errors));
  REQUIRE(r.ok());
  REQUIRE(r.warnings.size() == 2);
  check_korean(r.warnings);
  CHECK(r.warnings[0].path == "connections[4].params.timeout_ms");
  CHECK(r.warnings[1].path == "faults[2].value");
}

TEST_CASE("document: all errors are reported at once, up to a limit") {
  FakeServices fake;
  json j = base();
  j["nodes"][2]["params"]["workers"] = "four";
  j["connections"][3]["to"] = "dbx";
  j["faults"][0]["at_s"] = 900;
  j["settings"]["seed"] = -1;
  LoadResult r = load_document(j);
  INFO(all_issues(r.errors));
  CHECK(r.errors.size() == 4);

  json many = base();
  for (int i = 0; i < 1000; ++i) many["junk" + std::to_string(i)] = i;
  ParseLimits limits;
  limits.max_errors = 50;
  LoadResult m = load_document(many, limits);
  REQUIRE(m.errors.size() == 51);
  CHECK(m.errors.back().message == "… and 950 more errors (only the first 50 are listed).");
}

// A part over its limit is refused alone: what follows it (connections to the
// nodes that were not read) would only add false errors.
TEST_CASE("document: too many nodes, connections or faults give the limit error alone") {
  FakeServices fake;
  auto only = [](const LoadResult& r, const std::string& path, const std::string& part) {
    INFO(all_issues(r.errors));
    REQUIRE(r.errors.size() == 1);
    CHECK(has_error(r, path, part));
    check_korean(r.errors);
  };
  ParseLimits limits;
  limits.max_nodes = 3;
  only(load_document(base(), limits), "nodes", "has 7 nodes; a document may have at most 3.");
  limits = {};
  limits.max_connections = 2;
  only(load_document(base(), limits), "connections", "has 6 connections; a document may have at most 2.");
  limits = {};
  limits.max_faults = 1;
  only(load_document(base(), limits), "faults", "has 3 faults; a document may have at most 1.");
}

TEST_CASE("document: a 10,000-node file gets the one true error") {
  FakeServices fake;
  json j = base();
  json nodes = json::array(), conns = json::array();
  nodes.push_back(j["nodes"][0]);  // "users", which exists
  for (int i = 1; i < 10000; ++i) {
    const std::string id = "web" + std::to_string(i);
    nodes.push_back({{"id", id}, {"type", "compute"}, {"region", "us-east-1"}, {"az", "use1-az1"}});
    conns.push_back({{"from", "users"}, {"to", id}});
  }
  j["nodes"] = nodes;
  j["connections"] = conns;
  j["faults"] = json::array({{{"at_s", 1}, {"action", "kill_node"}, {"target", "web7"}}});
  LoadResult r = parse_document(j.dump());
  INFO(all_issues(r.errors));
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].path == "nodes");
  CHECK(r.errors[0].message == "has 10000 nodes; a document may have at most 2000.");
  CHECK(r.errors[0].message_ko == "노드가 10000개입니다. 문서 하나에는 노드를 최대 2000개까지 둘 수 있습니다.");
}

TEST_CASE("document: JSON that is not a document says so") {
  FakeServices fake;
  for (const char* text : {"[1, 2, 3]", "12", "\"a string\"", "{\"foo\": 1, \"bar\": [2]}", "{}"}) {
    INFO(text);
    LoadResult r = parse_document(text);
    INFO(all_issues(r.errors));
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].path == "");
    CHECK(r.errors[0].message.find("this is JSON, but not a cloudplay document") == 0);
    CHECK(r.errors[0].message_ko.find("JSON 파일이지만 cloudplay 문서가 아닙니다.") == 0);
  }
  LoadResult list = parse_document("[1, 2, 3]");
  CHECK(list.errors[0].message.find("and this is a list") != std::string::npos);
  CHECK(list.errors[0].message_ko.find("이 내용은 배열입니다") != std::string::npos);
  // A document that only lacks its version is still told what is missing.
  LoadResult noversion = parse_document(R"({"nodes": []})");
  REQUIRE(noversion.errors.size() == 1);
  CHECK(noversion.errors[0].path == "version");
}

TEST_CASE("document: input that is not JSON at all is named, not parsed") {
  FakeServices fake;
  SECTION("64 KiB of random bytes") {
    std::mt19937 gen(7);  // fixed: the same bytes every run
    std::string bytes(64 * 1024, '\0');
    for (char& c : bytes) c = static_cast<char>(gen() & 0xFF);
    LoadResult r = parse_document(bytes);
    INFO(all_issues(r.errors));
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].path == "");
    CHECK(r.errors[0].message.find("this is not a cloudplay document: the file holds binary data") == 0);
    CHECK(r.errors[0].message.find("line 1") == std::string::npos);
    CHECK(r.errors[0].message_ko.find("cloudplay 문서가 아닙니다.") == 0);
  }
  SECTION("a text in another encoding") {
    LoadResult r = parse_document("{\"name\": \"\xbc\xad\xbf\xef\"}");  // 서울 in EUC-KR
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].message.find("this file is not UTF-8 text") == 0);
    CHECK(r.errors[0].message_ko.find("UTF-8 텍스트가 아니어서") == 0);
  }
  SECTION("plain text, a web page, a CSV") {
    for (const char* text : {"hello world", "<!DOCTYPE html><html>", "id,type\nweb,compute\n", "true story"}) {
      INFO(text);
      LoadResult r = parse_document(text);
      INFO(all_issues(r.errors));
      REQUIRE(r.errors.size() == 1);
      CHECK(r.errors[0].path == "");
      CHECK(r.errors[0].message.find("this is not a cloudplay document: it is not JSON") == 0);
      CHECK(r.errors[0].message_ko.find("cloudplay 문서가 아닙니다. JSON 형식이 아닙니다") == 0);
    }
  }
  SECTION("a broken document still gets its line and column") {
    LoadResult r = parse_document("{\n  \"version\": 1,\n  \"nodes\": [}\n");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].message.find("line 3, column ") == 0);
    CHECK(r.errors[0].message_ko.find("3번째 줄 ") == 0);
    check_korean(r.errors);
  }
}

TEST_CASE("document: broken JSON is reported with its line and column") {
  FakeServices fake;
  SECTION("a missing value") {
    LoadResult r = parse_document("{\n  \"version\": 1,\n  \"nodes\": [}\n");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].message.rfind("line 3, column 13: ", 0) == 0);
  }
  SECTION("the text ends too soon") {
    LoadResult r = parse_document("{\"version\": 1, \"nodes\": [");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].message.find("the text ends too soon") != std::string::npos);
  }
  SECTION("a word that is not JSON") {
    LoadResult r = parse_document("{\"version\": 1, \"name\": tru}");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].message.rfind("line 1, column ", 0) == 0);
    CHECK(r.errors[0].message.find("true, false and null are written in lowercase") != std::string::npos);
  }
  SECTION("a missing comma") {
    LoadResult r = parse_document("{\"version\": 1\n \"name\": \"x\"}");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].message.rfind("line 2, column ", 0) == 0);
    CHECK(r.errors[0].message.find("comma") != std::string::npos);
  }
  SECTION("columns count characters, not bytes") {
    LoadResult r = parse_document("{\"name\": \"서울\" x}");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].message.rfind("line 1, column 15: ", 0) == 0);  // at the x
  }
  SECTION("empty input") {
    LoadResult r = parse_document("");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].message.find("the document is empty") != std::string::npos);
  }
  SECTION("a number too large") {
    LoadResult r = parse_document("{\"version\": 1, \"settings\": {\"duration_s\": 1e999}}");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].message.find("a number is too large") != std::string::npos);
  }
  SECTION("a key given twice") {
    LoadResult r = parse_document(R"({"version": 1, "nodes": [{"id": "a", "type": "compute", "id": "b"}]})");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].path == "nodes[0].id");
    CHECK(r.errors[0].message == "the field \"id\" appears twice in the same object: keep one.");
  }
}

TEST_CASE("document: hostile input is refused quickly, without a crash") {
  FakeServices fake;
  using clock = std::chrono::steady_clock;
  SECTION("100 000 nested lists") {
    auto t0 = clock::now();
    LoadResult r = parse_document(std::string(100000, '['));
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - t0).count();
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].message.find("nested more than 32 levels deep") != std::string::npos);
    CHECK(ms < 1000);
  }
  SECTION("100 000 nested objects inside a valid start") {
    std::string s = "{\"version\": 1, \"layout\": ";
    for (int i = 0; i < 100000; ++i) s += "{\"a\":";
    LoadResult r = parse_document(s);
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].message.find("nested more than") != std::string::npos);
    CHECK(r.errors[0].path.rfind("layout.a.a.a", 0) == 0);
  }
  SECTION("depth within the limit is fine") {
    std::string s = "{\"version\": 1, \"layout\": {\"deep\": " + std::string(20, '[') + std::string(20, ']') + "}}";
    LoadResult r = parse_document(s);
    INFO(all_issues(r.errors));
    CHECK(r.ok());
  }
  SECTION("a 10 MB document") {
    std::string s = "{\"version\": 1, \"name\": \"" + std::string(10 * 1024 * 1024, 'x') + "\"}";
    auto t0 = clock::now();
    LoadResult r = parse_document(s);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - t0).count();
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].message == "the document is 10 MB; the largest cloudplay reads is 4 MB. Is this the right file?");
    CHECK(ms < 1000);
  }
  SECTION("a 10 MB string, even when large documents are allowed") {
    ParseLimits limits;
    limits.max_bytes = 64 * 1024 * 1024;
    std::string s = "{\"version\": 1, \"layout\": {\"note\": \"" + std::string(10 * 1024 * 1024, 'x') + "\"}}";
    LoadResult r = parse_document(s, limits);
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].path == "layout.note");
    CHECK(r.errors[0].message.find("a text of 10485760 bytes is too long") == 0);
  }
}

TEST_CASE("document: random corruption never escapes parse_document") {
  FakeServices fake;
  const std::string good = kBase;
  std::mt19937 rng(12345);
  auto pick = [&](size_t n) { return static_cast<size_t>(rng() % (n ? n : 1)); };
  const char tokens[] = "{}[],:\"0123456789.eE+-truefalsnl \\u\n\t\xff\xc3";
  int accepted = 0;
  for (int i = 0; i < 10000; ++i) {
    std::string s = good;
    int edits = 1 + static_cast<int>(rng() % 4);
    for (int k = 0; k < edits && !s.empty(); ++k) {
      switch (rng() % 6) {
        case 0: s[pick(s.size())] = static_cast<char>(rng() & 0xff); break;             // byte flip
        case 1: s.resize(pick(s.size())); break;                                         // truncation
        case 2: s.erase(pick(s.size()), 1 + pick(20)); break;                            // deletion
        case 3: s.insert(pick(s.size()), 1, tokens[pick(sizeof tokens - 1)]); break;     // insertion
        case 4: {                                                                        // duplication
          size_t at = pick(s.size()), len = 1 + pick(40);
          s.insert(pick(s.size()), s.substr(at, len));
          break;
        }
        default: s[pick(s.size())] = tokens[pick(sizeof tokens - 1)]; break;             // token swap
      }
    }
    LoadResult r;
    REQUIRE_NOTHROW(r = parse_document(s));
    if (r.ok()) {
      ++accepted;
      // Whatever loads must write back and load again to the same document.
      LoadResult again = parse_document(to_json_text(r.document));
      REQUIRE(again.ok());
      REQUIRE(again.document == r.document);
    } else {
      for (const Issue& e : r.errors) REQUIRE_FALSE(e.message.empty());
    }
  }
  CHECK(accepted > 0);  // some mutations (inside strings) keep the document valid
}

TEST_CASE("document: version 0 documents are migrated to version 1") {
  FakeServices fake;
  const char* v0 = R"({
    "version": 0,
    "title": "Old shop",
    "duration": 120,
    "seed": 7,
    "regions": ["us-east-1"],
    "nodes": [
      {"id": "users", "type": "users", "label": "Shoppers", "region": "us-east-1"},
      {"id": "web", "type": "compute", "region": "us-east-1", "az": "use1-az2", "params": {"workers": 2}},
      {"id": "db", "type": "db", "region": "us-east-1", "az": "use1-az1"}
    ],
    "links": [
      {"from": "users", "to": "web"},
      {"from": "web", "to": "db", "sync": true, "timeout_ms": 500, "retries": 1}
    ],
    "faults": [{"at": 60, "action": "kill_node", "target": "db", "until": 90}],
    "positions": {"web": [10, 20]}
  })";
  const char* v1 = R"({
    "version": 1,
    "name": "Old shop",
    "settings": {"duration_s": 120, "seed": 7},
    "regions": [{"code": "us-east-1", "azs": ["use1-az2", "use1-az1"]}],
    "nodes": [
      {"id": "users", "type": "users", "name": "Shoppers", "region": "us-east-1"},
      {"id": "web", "type": "compute", "region": "us-east-1", "az": "use1-az2", "params": {"workers": 2}},
      {"id": "db", "type": "db", "region": "us-east-1", "az": "use1-az1"}
    ],
    "connections": [
      {"id": "c1", "from": "users", "to": "web"},
      {"id": "c2", "from": "web", "to": "db", "params": {"mode": "sync", "timeout_ms": 500, "retries": 1}}
    ],
    "faults": [{"at_s": 60, "action": "kill_node", "target": "db", "until_s": 90}],
    "layout": {"nodes": {"web": {"x": 10, "y": 20}}}
  })";
  LoadResult old = parse_document(v0);
  INFO(all_issues(old.errors));
  REQUIRE(old.ok());
  REQUIRE(old.warnings.size() == 1);
  CHECK(old.warnings[0].path == "version");
  CHECK(old.warnings[0].message.find("format version 0 and was brought up to version 1") != std::string::npos);
  CHECK(old.warnings[0].message.find("\"links\" became \"connections\"") != std::string::npos);
  LoadResult expected = parse_document(v1);
  REQUIRE(expected.ok());
  CHECK(old.document == expected.document);

  // migrate() alone, on the JSON
  json j = json::parse(v0);
  std::vector<Issue> errors, warnings;
  REQUIRE(migrate(j, errors, warnings, cp::catalog::region_code_of_az));
  CHECK(j["version"] == 1);
  CHECK(j.contains("connections"));
  CHECK_FALSE(j.contains("links"));
  CHECK(j["connections"][0] == json{{"from", "users"}, {"to", "web"}});
  CHECK(j["connections"][1]["params"]["mode"] == "sync");

  // an async v0 link, and a v0 link with a mistake the v1 validation names
  json k = json::parse(v0);
  k["links"][1]["sync"] = false;
  k["links"][1]["retrys"] = 2;
  LoadResult r = load_document(k);
  CHECK(has_error(r, "connections[1].params.retrys", "Did you mean \"retries\"?"));
}

TEST_CASE("document: a current document is not changed by migrate") {
  json j = base();
  json before = j;
  std::vector<Issue> errors, warnings;
  REQUIRE(migrate(j, errors, warnings, cp::catalog::region_code_of_az));
  CHECK(j == before);
  CHECK(warnings.empty());

  json newer = base();
  newer["version"] = 2;
  CHECK_FALSE(migrate(newer, errors, warnings, cp::catalog::region_code_of_az));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].path == "version");
  CHECK(errors[0].message.find("newer than this cloudplay understands (it reads versions 0 to 1)") != std::string::npos);
}

// ---- documents shipped with cloudplay, against the real service catalog ----

#include <fstream>
#include <sstream>
#include "tests/unit/source_files.h"


TEST_CASE("document: the complete example in docs/document-format.md is valid and round-trips") {
  const std::string md = cp::test::read_source_file("docs/document-format.md");
  const std::string begin = "<!-- example:begin -->\n```json\n", end = "```\n<!-- example:end -->";
  size_t b = md.find(begin), e = md.find(end);
  REQUIRE(b != std::string::npos);
  REQUIRE(e != std::string::npos);
  const std::string text = md.substr(b + begin.size(), e - b - begin.size());
  LoadResult r = parse_document(text);
  INFO(all_issues(r.errors) + all_issues(r.warnings));
  REQUIRE(r.ok());
  CHECK(r.warnings.empty());
  CHECK(r.document.nodes.size() == 5);
  LoadResult again = parse_document(to_json_text(r.document));
  REQUIRE(again.ok());
  CHECK(again.document == r.document);
}

TEST_CASE("document: any value in any place gives a sentence, never an internal error") {
  FakeServices fake;
  // Replace one value of a valid document (found by walking it) with a value of
  // another type; the loader must explain it, not fall over a wrong-type access.
  const json good = base();
  std::vector<json::json_pointer> pointers;
  std::function<void(const json&, const json::json_pointer&)> walk = [&](const json& v, const json::json_pointer& ptr) {
    pointers.push_back(ptr);
    if (v.is_object())
      for (auto it = v.begin(); it != v.end(); ++it) walk(it.value(), ptr / it.key());
    else if (v.is_array())
      for (size_t i = 0; i < v.size(); ++i) walk(v[i], ptr / i);
  };
  walk(good, json::json_pointer());
  const std::vector<json> replacements = {nullptr, true, -1, 0, 1e300, -0.5, uint64_t(18446744073709551615ull), "",
                                          "x y", json::array(), json::array({1, "a"}), json::object(),
                                          json{{"kind", "pareto"}}, std::numeric_limits<double>::quiet_NaN()};
  size_t checked = 0;
  for (const auto& ptr : pointers) {
    for (const json& rep : replacements) {
      json j = good;
      j[ptr] = rep;
      LoadResult r = load_document(j);
      INFO(ptr.to_string() << " = " << rep.dump());
      for (const Issue& e : r.errors) {
        INFO(e.path << ": " << e.message);
        CHECK(e.message.find("json.exception") == std::string::npos);
        CHECK(e.message.find("could not read") == std::string::npos);
      }
      if (r.ok()) {
        LoadResult again = parse_document(to_json_text(r.document));
        CHECK(again.ok());
        CHECK(again.document == r.document);
      }
      ++checked;
    }
  }
  CHECK(checked > 1000);
}
