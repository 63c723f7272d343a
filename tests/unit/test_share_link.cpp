// Share links: round trip, the size of a realistic 50-node link, and every way a
// link can be broken (each gives a clear message in English and Korean, never a throw).
#include <zlib.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

#include "core/catalog/catalog.h"
#include "core/catalog/validate.h"
#include "core/doc/share_link.h"

using namespace cp;
using namespace cp::doc;
using cp::catalog::decode_share_fragment;
using nlohmann::json;

namespace {

// Services for these tests (the real registry grows while the engine is built;
// these tests are about links, not about any one service).
struct TestServices {
  std::vector<catalog::ServiceDescriptor> descs;
  std::vector<const catalog::ServiceDescriptor*> ptrs;
  TestServices() {
    auto add = [&](const char* type, sim::PlacementKind pl, std::vector<catalog::ParamSpec> params = {}) {
      catalog::ServiceDescriptor d;
      d.type = type;
      d.name = {type, type};
      d.placement = pl;
      d.params = std::move(params);
      descs.push_back(std::move(d));
    };
    catalog::ParamSpec itype;
    itype.key = "instance_type";
    itype.type = catalog::ParamType::Enum;
    itype.choices = {"t3.micro", "m5.large", "c5.large"};
    itype.default_value = "m5.large";
    catalog::ParamSpec workers;
    workers.key = "workers";
    workers.type = catalog::ParamType::Int;
    workers.min = 1;
    workers.max = 1024;
    workers.default_value = 4;
    using PK = sim::PlacementKind;
    add("users", PK::Internet);
    add("route53", PK::Global);
    add("cloudfront", PK::Global);
    add("alb", PK::Region);
    add("ec2", PK::Az, {itype, workers});
    add("rds", PK::Az, {itype});
    add("elasticache", PK::Az);
    add("sqs", PK::Region);
    add("lambda", PK::Region);
    add("dynamodb", PK::Region);
    add("s3", PK::Region);
    for (auto& d : descs) ptrs.push_back(&d);
    catalog::set_services_for_testing(ptrs);
  }
  ~TestServices() { catalog::set_services_for_testing({}); }
};

// A realistic 50-node diagram as the editor would save it: three AZs of web and
// app servers behind a load balancer, databases, caches, a queue and functions,
// ~70 connections, a fault, and a full layout (grid-snapped positions, frames, view).
Document fifty_node_document() {
  Document d;
  d.name = "Three-tier shop (us-east-1)";
  d.description = "Web and app tiers in three AZs, Multi-AZ database, cache and an order queue.";
  d.settings.seed = 42;
  d.regions.push_back({"us-east-1", {"use1-az1", "use1-az2", "use1-az4"}});
  json nodes_layout = json::object();
  auto add = [&](std::string id, std::string type, std::string name, std::string az, json params, int x, int y) {
    NodeDoc n;
    n.id = std::move(id);
    n.type = std::move(type);
    n.name = std::move(name);
    const bool global = n.type == "route53" || n.type == "cloudfront";
    if (!global) n.region = "us-east-1";
    n.az = std::move(az);
    n.params = std::move(params);
    nodes_layout[n.id] = {{"x", x}, {"y", y}};
    d.nodes.push_back(std::move(n));
  };
  add("users-1", "users", "Shoppers", "", json::object(), 40, 300);
  add("route53-1", "route53", "shop.example.com", "", json::object(), 240, 300);
  add("cloudfront-1", "cloudfront", "CDN", "", json::object(), 440, 300);
  add("alb-1", "alb", "Web ALB", "", json::object(), 660, 300);
  add("alb-2", "alb", "Internal ALB", "", json::object(), 1080, 300);
  const char* azs[] = {"use1-az1", "use1-az2", "use1-az4"};
  int n_web = 0, n_app = 0;
  for (int a = 0; a < 3; ++a) {
    for (int i = 0; i < 5; ++i) {
      ++n_web;
      json p = i == 0 ? json{{"instance_type", "c5.large"}} : json::object();
      add("ec2-" + std::to_string(n_web), "ec2", "Web " + std::to_string(n_web), azs[a], p, 880, 80 + a * 520 + i * 100);
    }
    for (int i = 0; i < 4; ++i) {
      ++n_app;
      json p = i == 0 ? json{{"workers", 16}} : json::object();
      add("ec2-" + std::to_string(15 + n_app), "ec2", "App " + std::to_string(n_app), azs[a], p, 1300,
          80 + a * 520 + i * 100);
    }
    add("elasticache-" + std::to_string(a + 1), "elasticache", "Session cache " + std::to_string(a + 1), azs[a],
        json::object(), 1520, 80 + a * 520);
  }
  add("rds-1", "rds", "Orders DB (primary)", "use1-az1", json{{"instance_type", "c5.large"}}, 1740, 80);
  add("rds-2", "rds", "Orders DB (standby)", "use1-az2", json{{"instance_type", "c5.large"}}, 1740, 600);
  add("rds-3", "rds", "Read replica", "use1-az4", json::object(), 1740, 1120);
  add("sqs-1", "sqs", "Order queue", "", json::object(), 1960, 300);
  add("sqs-2", "sqs", "Email queue", "", json::object(), 1960, 500);
  for (int i = 1; i <= 4; ++i)
    add("lambda-" + std::to_string(i), "lambda", "Worker " + std::to_string(i), "", json::object(), 2180, 200 + i * 100);
  add("dynamodb-1", "dynamodb", "Carts", "", json::object(), 2400, 300);
  add("dynamodb-2", "dynamodb", "Sessions", "", json::object(), 2400, 400);
  add("s3-1", "s3", "Images", "", json::object(), 2400, 500);
  add("s3-2", "s3", "Invoices", "", json::object(), 2400, 600);
  add("s3-3", "s3", "Access logs", "", json::object(), 2400, 700);
  add("dynamodb-3", "dynamodb", "Orders", "", json::object(), 2400, 800);
  REQUIRE(d.nodes.size() == 50);

  int c = 0;
  auto wire = [&](const std::string& from, const std::string& to, json params = json::object()) {
    ConnectionDoc k;
    k.id = "c" + std::to_string(++c);
    k.from = from;
    k.to = to;
    k.params = std::move(params);
    d.connections.push_back(std::move(k));
  };
  wire("users-1", "route53-1");
  wire("route53-1", "cloudfront-1");
  wire("cloudfront-1", "alb-1", {{"timeout_ms", 30000}});
  for (int i = 1; i <= 15; ++i) wire("alb-1", "ec2-" + std::to_string(i));
  for (int i = 1; i <= 15; ++i) wire("ec2-" + std::to_string(i), "alb-2", {{"timeout_ms", 5000}, {"retries", 2}});
  for (int i = 16; i <= 27; ++i) wire("alb-2", "ec2-" + std::to_string(i));
  for (int i = 16; i <= 27; ++i) {
    wire("ec2-" + std::to_string(i), "rds-1");
    wire("ec2-" + std::to_string(i), "elasticache-" + std::to_string((i - 16) / 4 + 1));
  }
  wire("ec2-16", "sqs-1", {{"mode", "async"}});
  wire("ec2-20", "sqs-1", {{"mode", "async"}});
  wire("ec2-24", "sqs-2", {{"mode", "async"}});
  for (int i = 1; i <= 4; ++i) wire(i <= 2 ? "sqs-1" : "sqs-2", "lambda-" + std::to_string(i));
  wire("lambda-1", "dynamodb-1");
  wire("lambda-2", "dynamodb-2");
  wire("lambda-3", "s3-1");
  wire("lambda-4", "s3-2");
  wire("lambda-1", "dynamodb-3");
  wire("alb-1", "s3-3", {{"mode", "async"}});

  FaultDoc f;
  f.at_s = 300;
  f.action = "az_down";
  f.target = "use1-az2";
  f.until_s = 420;
  d.faults.push_back(f);

  json azs_layout = json::object();
  for (int a = 0; a < 3; ++a) azs_layout[azs[a]] = {{"x", 840}, {"y", 40 + a * 520}, {"w", 900}, {"h", 480}};
  d.layout = {{"nodes", nodes_layout},
              {"regions", {{"us-east-1", {{"x", 620}, {"y", 0}, {"w", 1980}, {"h", 1600}}}}},
              {"azs", azs_layout},
              {"view", {{"x", -120}, {"y", -40}, {"zoom", 0.75}}}};
  return d;
}

std::string raw_deflate_plain(const std::string& in) {
  z_stream zs{};
  deflateInit2(&zs, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, in.size()) + 16, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

// A fragment holding `json_text` as a v1 link would (raw deflate, base64url).
std::string fragment_of(const std::string& json_text) {
  return "v1." + base64url_encode(raw_deflate_plain(json_text));
}

void check_clear_message(const ShareDecodeResult& r) {
  INFO("en: " << r.message_en);
  INFO("ko: " << r.message_ko);
  CHECK_FALSE(r.ok());
  CHECK(r.message_en.size() > 20);
  CHECK(r.message_ko.size() > 20);
  CHECK(r.message_en.back() == '.');
  // The Korean says what is wrong in Korean: no zlib words ("invalid stored block lengths"), no
  // English sentence inside it (codes such as "doc" and characters quoted from the link may stay).
  for (const char* zlib_word : {"invalid", "stored", "block", "distance", "data after"})
    CHECK(r.message_ko.find(zlib_word) == std::string::npos);
}

}  // namespace

TEST_CASE("share link: base64url round trip of every byte value and length", "[share]") {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes += static_cast<char>(i);
  for (size_t n = 0; n <= bytes.size(); n += 1) {
    std::string in = bytes.substr(0, n), out;
    std::string enc = base64url_encode(in);
    CHECK(enc.find_first_of("+/=") == std::string::npos);
    REQUIRE(base64url_decode(enc, out, nullptr));
    REQUIRE(out == in);
  }
}

TEST_CASE("share link: a document and its run settings come back identical", "[share]") {
  TestServices services;
  Document d = fifty_node_document();
  RunSettings run;
  run.seed = 9007199254740992ull;  // 2^53: the largest seed a JavaScript number holds exactly
  run.speed = 10;
  run.t_s = 123.5;
  run.playing = true;
  run.faults.push_back({12.5, "kill_node", "ec2-3", std::nullopt, 0});
  run.faults.push_back({30, "add_latency", "c4", 90.0, 250});
  std::string frag = encode_share_fragment(d, run);
  REQUIRE(frag.rfind("v1.", 0) == 0);
  auto r = decode_share_fragment(frag);
  std::string problems = r.message_en;
  for (auto& e : r.document_errors) problems += "\n" + e.path + ": " + e.message;
  INFO(problems);
  REQUIRE(r.ok());
  CHECK(r.document == d);
  CHECK(r.run == run);
  // Encoding is deterministic: the same document gives the same link.
  CHECK(encode_share_fragment(r.document, r.run) == frag);
  // A leading '#' (a whole location.hash) is accepted too.
  CHECK(decode_share_fragment("#" + frag).ok());
}

TEST_CASE("share link: a realistic 50-node diagram gives a link under 2,000 characters", "[share]") {
  TestServices services;
  Document d = fifty_node_document();
  RunSettings run;
  run.seed = 42;
  std::string frag = encode_share_fragment(d, run);
  std::string url = "https://cloudplay.example/#" + frag;
  size_t json_bytes = share_payload(d, run).dump().size();
  if (const char* dump = std::getenv("CLOUDPLAY_DUMP_SHARE_JSON")) {
    std::ofstream(dump) << share_payload(d, run).dump();
  }
  WARN("50 nodes, " << d.connections.size() << " connections: JSON " << json_bytes << " bytes -> link fragment "
                    << frag.size() << " characters (whole URL " << url.size() << ")");
  CHECK(url.size() < 2000);
  CHECK(decode_share_fragment(frag).ok());
}

TEST_CASE("share link: broken links give clear messages", "[share]") {
  TestServices services;
  Document d = fifty_node_document();
  std::string frag = encode_share_fragment(d, RunSettings{});

  SECTION("empty") {
    auto r = decode_share_fragment("");
    CHECK(r.error == ShareError::Empty);
    check_clear_message(r);
  }
  SECTION("unknown prefix") {
    auto r = decode_share_fragment("x" + frag.substr(1));
    CHECK(r.error == ShareError::UnknownVersion);
    CHECK(r.message_en.find("v1.") != std::string::npos);
    check_clear_message(r);
    CHECK(decode_share_fragment(frag.substr(3)).error == ShareError::UnknownVersion);
  }
  SECTION("newer version") {
    auto r = decode_share_fragment("v2." + frag.substr(3));
    CHECK(r.error == ShareError::NewerVersion);
    CHECK(r.message_en.find("newer version") != std::string::npos);
    check_clear_message(r);
  }
  SECTION("bad character, with its position") {
    std::string bad = frag;
    bad[40] = '%';
    auto r = decode_share_fragment(bad);
    CHECK(r.error == ShareError::BadCharacter);
    CHECK(r.message_en.find("'%' at position 41") != std::string::npos);
    check_clear_message(r);
    bad = frag;
    bad[10] = ' ';
    CHECK(decode_share_fragment(bad).message_en.find("a space at position 11") != std::string::npos);
  }
  SECTION("truncated anywhere") {
    for (size_t n : {frag.size() - 1, frag.size() - 2, frag.size() - 5, frag.size() / 2, size_t(5), size_t(4)}) {
      auto r = decode_share_fragment(frag.substr(0, n));
      INFO("cut to " << n << " of " << frag.size() << ": " << r.message_en);
      CHECK(!r.ok());
      CHECK((r.error == ShareError::Truncated || r.error == ShareError::Corrupt));
      check_clear_message(r);
    }
  }
  SECTION("tampered: every single-character change is refused or harmless, never a throw") {
    int refused = 0, accepted = 0;
    const char subst[] = "AQgw-_9z";
    for (size_t i = 3; i < frag.size(); ++i) {
      std::string t = frag;
      t[i] = subst[i % 8] == t[i] ? 'B' : subst[i % 8];
      ShareDecodeResult r;
      REQUIRE_NOTHROW(r = decode_share_fragment(t));
      if (r.ok()) ++accepted;
      else {
        ++refused;
        CHECK(!r.message_en.empty());
        CHECK(!r.message_ko.empty());
      }
    }
    WARN("single-character changes: " << refused << " refused with a message, " << accepted
                                      << " still decoded to a valid document");
    CHECK(refused > accepted);
  }
  SECTION("oversized fragment") {
    auto r = decode_share_fragment("v1." + std::string(70 * 1024, 'A'));
    CHECK(r.error == ShareError::TooLong);
    CHECK(r.message_en.find("64 KiB") != std::string::npos);
    check_clear_message(r);
  }
  SECTION("zip bomb: a tiny link that unpacks to megabytes") {
    std::string bomb = "{\"doc\":{\"name\":\"" + std::string(8 * 1024 * 1024, 'a') + "\"}}";
    std::string f = fragment_of(bomb);
    CHECK(f.size() < 64 * 1024);
    auto r = decode_share_fragment(f);
    CHECK(r.error == ShareError::RatioTooHigh);
    CHECK(r.message_en.find("zip bomb") != std::string::npos);
    check_clear_message(r);
  }
  SECTION("inflated size over the limit") {
    // Low-redundancy JSON (ratio well under 100) just over 1 MiB, but its link under 64 KiB
    // needs a ratio above 16; so here the limit is lowered instead.
    ShareLimits small;
    small.max_inflated_bytes = 4096;
    auto r = decode_share_fragment(frag, small);
    CHECK(r.error == ShareError::TooLarge);
    CHECK(r.message_en.find("4 KiB") != std::string::npos);
    check_clear_message(r);
  }
  SECTION("JSON nested too deep") {
    std::string deep = "{\"doc\":" + std::string(40, '[') + std::string(40, ']') + "}";
    auto r = decode_share_fragment(fragment_of(deep));
    CHECK(r.error == ShareError::BadJson);
    CHECK(r.message_en.find("32 levels") != std::string::npos);
    check_clear_message(r);
  }
  SECTION("not JSON") {
    auto r = decode_share_fragment(fragment_of("hello, world"));
    CHECK(r.error == ShareError::BadJson);
    check_clear_message(r);
  }
  SECTION("JSON of the wrong shape") {
    auto r = decode_share_fragment(fragment_of("[1, 2, 3]"));
    CHECK(r.error == ShareError::BadShape);
    check_clear_message(r);
    REQUIRE(!r.document_errors.empty());
    CHECK(r.document_errors[0].path == "doc");
  }
  SECTION("a document that fails its own validation") {
    json j = share_payload(d, RunSettings{});
    j["doc"]["nodes"][3]["type"] = "no-such-service";
    j["run"]["speed"] = -1;
    auto r = decode_share_fragment(fragment_of(j.dump()));
    CHECK(r.error == ShareError::InvalidDocument);
    check_clear_message(r);
    bool type_error = false, speed_error = false;
    for (auto& e : r.document_errors) {
      INFO(e.path << ": " << e.message);
      type_error |= e.path == "nodes[3].type" && e.message.find("no-such-service") != std::string::npos;
      speed_error |= e.path == "run.speed";
    }
    CHECK(type_error);
    CHECK(speed_error);
  }
  SECTION("data after the end of the stream") {
    std::string f = "v1." + base64url_encode(raw_deflate_plain("{\"doc\":{}}") + std::string("garbage"));
    auto r = decode_share_fragment(f);
    CHECK(r.error == ShareError::Corrupt);
    check_clear_message(r);
  }
  SECTION("a damaged stream: zlib's detail stays out of the Korean") {
    std::string f = "v1." + base64url_encode(std::string("\x01\x05\x00\x00\x00hello", 10));  // a stored block whose LEN is not ~NLEN
    auto r = decode_share_fragment(f);
    CHECK(r.error == ShareError::Corrupt);
    CHECK(r.message_ko.find("링크가 손상되었거나 일부가 잘렸습니다.") == 0);
    check_clear_message(r);
  }
}

TEST_CASE("share link: random input never throws", "[share]") {
  uint64_t s = 0x9E3779B97F4A7C15ull;
  auto next = [&] { s ^= s << 13; s ^= s >> 7; s ^= s << 17; return s; };
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  for (int i = 0; i < 3000; ++i) {
    std::string f = "v1.";
    size_t n = next() % 400;
    for (size_t k = 0; k < n; ++k) f += alphabet[next() % 64];
    ShareDecodeResult r;
    REQUIRE_NOTHROW(r = decode_share_fragment(f));
    if (!r.ok()) REQUIRE(!r.message_en.empty());
  }
}
