// Messages for a person, in both languages: Korean particles, suggestions that
// are really close, every validation error of the real catalog in Korean, an
// English message free of Korean (and the other way round), and the terms the
// Korean glossary (docs/korean-glossary.md) rules out.
#include <catch2/catch.hpp>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "tests/unit/korean_text.h"
#include "core/catalog/catalog.h"
#include "core/catalog/validate.h"
#include "core/doc/document.h"
#include "core/doc/messages.h"
#include "core/engine/build.h"
#include "core/lint/lint.h"
#include "core/sim/simulation.h"
#include "source_files.h"

using cp::test::has_hangul;
using cp::test::korean_problems;
using cp::test::unquoted;

namespace {

using nlohmann::json;
using namespace cp;



// The forms docs/korean-glossary.md rules out (its "<!-- avoid:" list, one a line).
const std::vector<std::string>& avoided_forms() {
  static const std::vector<std::string> banned = [] {
    std::vector<std::string> out;
    const std::string glossary = test::read_source_file("docs/korean-glossary.md");
    const size_t at = glossary.find("<!-- avoid:");
    if (at == std::string::npos) return out;
    const size_t end = glossary.find("-->", at);
    const std::string list = glossary.substr(at + 11, end - at - 11);
    for (size_t p = 0; p < list.size();) {
      size_t nl = list.find('\n', p);
      std::string line = list.substr(p, nl == std::string::npos ? std::string::npos : nl - p);
      p = nl == std::string::npos ? list.size() : nl + 1;
      while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
      while (!line.empty() && line.front() == ' ') line.erase(0, 1);
      if (!line.empty()) out.push_back(line);
    }
    return out;
  }();
  return banned;
}

// A Korean text as the app shows it: none of the avoided forms, none of the
// machine-made patterns (korean_problems; English words are not checked here, a
// text the engine assembles holds the user's English names).
void check_korean_text(const std::string& ko) {
  INFO("ko: " << ko);
  for (const std::string& b : avoided_forms()) {
    const size_t p = ko.find(b);
    const bool ec2_stopped = b == "중지됨" && p != std::string::npos && ko.compare(p + b.size(), 9, "(stopped)") == 0;
    CHECK((p == std::string::npos || ec2_stopped));
  }
  for (const std::string& problem : korean_problems(ko, false)) FAIL_CHECK(problem);
}

void check_both_languages(const std::vector<doc::Issue>& issues) {
  for (const doc::Issue& e : issues) {
    INFO(e.path << ": " << e.message << "\n  ko: " << e.message_ko);
    CHECK(has_hangul(e.message_ko));
    CHECK_FALSE(has_hangul(unquoted(e.message)));  // no "(한국어)" appended to an English sentence
    check_korean_text(e.message_ko);
  }
}

json doc_with(const json& node) {
  return json{{"version", 1},
              {"regions", json::array({{{"code", "us-east-1"}, {"azs", {"use1-az1", "use1-az2"}}}})},
              {"nodes", json::array({node})}};
}

}  // namespace

TEST_CASE("messages: Korean particles follow the word's last sound") {
  CHECK(doc::with_topic("EC2 인스턴스") == "EC2 인스턴스는");
  CHECK(doc::with_topic("가용 영역") == "가용 영역은");
  CHECK(doc::with_subject("\"users\"") == "\"users\"가");
  CHECK(doc::with_subject("us-east-1") == "us-east-1이");  // 일
  CHECK(doc::with_topic("-5") == "-5는");                  // 오
  CHECK(doc::with_object("Application Load Balancer") == "Application Load Balancer를");
  CHECK(doc::with_topic("Compute (generic)") == "Compute (generic)는");  // read as "Compute", 컴퓨트
}

TEST_CASE("messages: node names get the particle of how they are read") {
  // Korean words by their final consonant.
  CHECK(doc::with_subject("서버") == "서버가");
  CHECK(doc::with_subject("웹") == "웹이");
  CHECK(doc::with_object("웹") == "웹을");
  CHECK(doc::with_direction("서울") == "서울로");  // ㄹ takes 로
  CHECK(doc::with_direction("가용 영역") == "가용 영역으로");
  CHECK(doc::with_direction("대기열") == "대기열로");
  CHECK(doc::with_and("인스턴스") == "인스턴스와");
  CHECK(doc::with_and("리전") == "리전과");
  // Names with digits: the Sino-Korean reading of the last digit.
  CHECK(doc::with_subject("web-1") == "web-1이");  // 일
  CHECK(doc::with_subject("web-2") == "web-2가");  // 이
  CHECK(doc::with_subject("3") == "3이");          // 삼
  CHECK(doc::with_subject("i-6") == "i-6이");      // 육
  CHECK(doc::with_subject("web10") == "web10이");  // 십
  CHECK(doc::with_topic("us-east-2") == "us-east-2는");
  CHECK(doc::with_direction("web-1") == "web-1로");  // 일: ㄹ
  CHECK(doc::with_direction("i-3") == "i-3으로");    // 삼
  CHECK(doc::with_direction("버전 2") == "버전 2로");
  CHECK(doc::with_topic("S3") == "S3는");  // Amazon S3, 에스쓰리
  // English words by their sound, acronyms by their letters.
  CHECK(doc::with_subject("api") == "api가");
  CHECK(doc::with_subject("web") == "web이");    // 웹
  CHECK(doc::with_subject("app") == "app이");    // 앱
  CHECK(doc::with_subject("cache") == "cache가");
  CHECK(doc::with_subject("origin") == "origin이");
  CHECK(doc::with_subject("worker") == "worker가");
  CHECK(doc::with_subject("bucket") == "bucket이");  // 버킷
  CHECK(doc::with_subject("checkout") == "checkout이");  // 체크아웃
  CHECK(doc::with_subject("frontend") == "frontend가");
  CHECK(doc::with_subject("host") == "host가");
  CHECK(doc::with_subject("static") == "static이");  // 스태틱
  CHECK(doc::with_subject("users") == "users가");
  CHECK(doc::with_direction("pool") == "pool로");       // 풀
  CHECK(doc::with_direction("table") == "table로");     // 테이블
  CHECK(doc::with_direction("zone") == "zone으로");     // 존
  CHECK(doc::with_subject("db") == "db가");             // 디비
  CHECK(doc::with_subject("CDN") == "CDN이");           // 씨디엔
  CHECK(doc::with_direction("URL") == "URL로");         // 유알엘
  CHECK(doc::with_topic("ALB") == "ALB는");
  CHECK(doc::with_subject("RAM") == "RAM이");
  CHECK(doc::with_subject("100 GiB") == "100 GiB가");
  CHECK(doc::with_subject("10%") == "10%가");
  CHECK(doc::with_subject("'.'") == "'.'이");  // 점
  CHECK(doc::with_subject("\"web-1\"") == "\"web-1\"이");
  CHECK(doc::with_subject("규칙 10(경로 /api/*)") == "규칙 10(경로 /api/*)이");  // 십
}

TEST_CASE("messages: a suggestion only for a close name") {
  std::vector<std::string> types;
  for (const auto* s : catalog::all_services()) types.push_back(s->type);
  CHECK(doc::closest_match("redshift", types).empty());
  CHECK(doc::closest_match("lamda", types) == "lambda");  // a real service now
  CHECK(doc::closest_match("ec3", types) == "ec2");
  CHECK(doc::closest_match("route35", types) == "route53");
  CHECK(doc::closest_match("compte", types) == "compute");
  CHECK(doc::did_you_mean_ko("ec3", types) == " 혹시 \"ec2\"의 오타인가요?");

  auto r = catalog::load_document(doc_with({{"id", "q"}, {"type", "redshift"}, {"region", "us-east-1"}}));
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].path == "nodes[0].type");
  CHECK(r.errors[0].message.find("there is no service type \"redshift\". cloudplay does not simulate every AWS service yet; "
                                 "the types it has are ") == 0);
  CHECK(r.errors[0].message.find("Did you mean") == std::string::npos);
  CHECK(r.errors[0].message.find(" ec2, ") != std::string::npos);
  check_both_languages(r.errors);
}

TEST_CASE("messages: every validation error of the real catalog has its Korean text") {
  // Each param of each service gets a value of the wrong kind, one below its
  // minimum and one above its maximum; every error must come in both languages.
  size_t seen = 0;
  for (const catalog::ServiceDescriptor* s : catalog::all_services()) {
    json node = {{"id", "n"}, {"type", s->type}, {"region", "us-east-1"}};
    if (s->placement == sim::PlacementKind::Az) node["az"] = "use1-az1";
    if (s->placement == sim::PlacementKind::Global) node.erase("region");
    for (const catalog::ParamSpec& p : s->params) {
      std::vector<json> bad = {json::array({1}), json("four"), json(-1e12), json(1e12)};
      if (p.type == catalog::ParamType::Distribution)
        bad = {json{{"kind", "exponentail"}}, json{{"kind", "uniform"}, {"min_ms", 5}, {"max_ms", 1}},
               json{{"kind", "lognormal"}, {"mean_ms", 10}, {"p99_ms", 500}}, json(-5)};
      if (p.type == catalog::ParamType::String) bad = {json(7), json(std::string(5000, 'x')), json("x;;=?->")};
      for (const json& v : bad) {
        json n = node;
        n["params"] = {{p.key, v}};
        auto r = catalog::load_document(doc_with(n));
        INFO(s->type << "." << p.key << " = " << v.dump().substr(0, 60));
        check_both_languages(r.errors);
        check_both_languages(r.warnings);
        seen += r.errors.size();
      }
    }
    json n = node;
    n["params"] = {{"no_such_param", 1}};
    check_both_languages(catalog::load_document(doc_with(n)).errors);
  }
  CHECK(seen > 100);

  // The rules across params of some services.
  for (const json& n : {
           json{{"id", "dns"}, {"type", "route53"}, {"params", {{"record_type", "CNAME"}, {"apex", true}}}},
           json{{"id", "lb"}, {"type", "alb"}, {"region", "us-east-1"}, {"params", {{"rules", "10 path=/a -> "}}}},
           json{{"id", "lb"}, {"type", "nlb"}, {"region", "us-east-1"}, {"params", {{"rules", "10 path=/a -> x"}}}},
           json{{"id", "u"}, {"type", "users"}, {"region", "us-east-1"}, {"params", {{"paths", "api=0"}}}},
           json{{"id", "v"}, {"type", "ebs"}, {"region", "us-east-1"}, {"az", "use1-az1"},
                {"params", {{"volume_type", "gp3"}, {"multi_attach", true}}}},
       }) {
    auto r = catalog::load_document(doc_with(n));
    INFO(n.dump());
    CHECK_FALSE(r.ok());
    check_both_languages(r.errors);
  }
}

TEST_CASE("messages: the CNAME-at-apex message is English in English and Korean in Korean") {
  auto r = catalog::load_document(
      doc_with({{"id", "dns"}, {"type", "route53"}, {"params", {{"record_type", "CNAME"}, {"apex", true}}}}));
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].message.find("a CNAME record cannot be at the zone apex") == 0);
  CHECK(r.errors[0].message.back() == '.');
  CHECK(r.errors[0].message_ko.find("CNAME 레코드를 만들 수 없습니다") != std::string::npos);
  check_both_languages(r.errors);
}

TEST_CASE("messages: the forms docs/korean-glossary.md rules out appear in no string") {
  const std::vector<std::string>& banned = avoided_forms();
  REQUIRE(banned.size() >= 3);
  namespace fs = std::filesystem;
  size_t files = 0;
  // The examples too: their stories are shown in the app.
  for (const char* dir : {"ui", "core", "wasm", "web", "examples"}) {
    for (const auto& entry : fs::recursive_directory_iterator(fs::path(CLOUDPLAY_SOURCE_DIR) / dir)) {
      const std::string ext = entry.path().extension().string();
      if (ext != ".cpp" && ext != ".h" && ext != ".html" && ext != ".js" && ext != ".json") continue;
      const std::string rel = fs::relative(entry.path(), CLOUDPLAY_SOURCE_DIR).string();
      const std::string text = test::read_source_file(rel);
      ++files;
      for (const std::string& b : banned) {
        // EC2's own "stopped" state is 중지됨; a failure is not.
        for (size_t p = text.find(b); p != std::string::npos; p = text.find(b, p + 1)) {
          const bool ec2_stopped = b == "중지됨" && text.compare(p + b.size(), 9, "(stopped)") == 0;
          INFO(rel << " uses \"" << b << "\": " << text.substr(p > 40 ? p - 40 : 0, 100));
          CHECK(ec2_stopped);
        }
      }
    }
  }
  CHECK(files > 50);
}

TEST_CASE("messages: the Korean checker catches machine-made Korean") {
  CHECK(korean_problems("지연 시간 300 ms를 추가했습니다", false).size() == 1);
  CHECK(korean_problems("지연 시간 +%.0f ms", false).size() == 1);
  CHECK(korean_problems("at_s는 5 s입니다", false).size() == 1);
  CHECK(korean_problems("대상이  없습니다", false).size() == 1);
  CHECK(korean_problems("대상 그룹의 healthy 대상이 없습니다", true).size() == 1);
  CHECK(korean_problems("load balancer가 요청을 보냅니다", true).size() == 1);
  // Fine: a separator, a quoted value, a value name with its gloss, a gloss, a param name, MiB/s.
  CHECK(korean_problems("서비스 %d개  ·  연결 %d개", true).empty());
  CHECK(korean_problems("\"timeout_ms\" 필드가 필요합니다. \"latency\"는 라우팅 정책입니다", true).empty());
  CHECK(korean_problems("latency(지연 시간 기반): 가장 가까운 리전", true).empty());
  CHECK(korean_problems("예측 전용(forecast only) 모드입니다. 100 MiB/s까지 버스트합니다", true).empty());
  CHECK(korean_problems("300밀리초, 5초, queue_limit을 50으로", true).empty());
  CHECK(korean_problems("Only English here: 300 ms", true).empty());  // not Korean text
}

TEST_CASE("messages: every Korean string in the sources and examples reads as a person writes it") {
  namespace fs = std::filesystem;
  size_t literals = 0;
  auto check = [&literals](const std::string& where, const std::string& ko) {
    if (!has_hangul(ko)) return;
    ++literals;
    INFO(where << ": " << ko);
    for (const std::string& problem : korean_problems(ko, true)) FAIL_CHECK(problem);
  };
  for (const char* dir : {"core", "ui", "wasm", "web"}) {
    for (const auto& entry : fs::recursive_directory_iterator(fs::path(CLOUDPLAY_SOURCE_DIR) / dir)) {
      const std::string ext = entry.path().extension().string();
      const std::string rel = fs::relative(entry.path(), CLOUDPLAY_SOURCE_DIR).string();
      const std::string text = test::read_source_file(rel);
      if (ext == ".cpp" || ext == ".h" || ext == ".js") {
        for (const test::Literal& lit : test::string_literals(text, ext == ".js"))
          check(rel + ":" + std::to_string(lit.line), lit.text);
      } else if (ext == ".html") {  // the text between tags
        std::string run;
        bool in_tag = false;
        for (char c : text) {
          if (c == '<') in_tag = true, check(rel, run), run.clear();
          else if (c == '>') in_tag = false;
          else if (!in_tag) run += c;
        }
      }
    }
  }
  // The examples' names and stories, shown in the app.
  std::function<void(const std::string&, const nlohmann::json&)> walk = [&](const std::string& where, const nlohmann::json& v) {
    if (v.is_object())
      for (auto it = v.begin(); it != v.end(); ++it) walk(where + "." + it.key(), it.value());
    else if (v.is_array())
      for (size_t i = 0; i < v.size(); ++i) walk(where + "[" + std::to_string(i) + "]", v[i]);
    else if (v.is_string())
      check(where, v.get<std::string>());
  };
  for (const auto& entry : fs::directory_iterator(fs::path(CLOUDPLAY_SOURCE_DIR) / "examples")) {
    if (entry.path().extension() != ".json") continue;
    const std::string name = entry.path().filename().string();
    walk("examples/" + name, nlohmann::json::parse(test::read_source_file("examples/" + name)));
  }
  CHECK(literals > 1000);
}

TEST_CASE("messages: the Korean the engine writes while running every example reads naturally") {
  // Event log lines, lint advice and node status are assembled from pieces and
  // names: they are checked as the learner reads them.
  namespace fs = std::filesystem;
  size_t lines = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(CLOUDPLAY_SOURCE_DIR) / "examples")) {
    if (entry.path().extension() != ".json") continue;
    const std::string name = entry.path().filename().string();
    INFO("examples/" << name);
    const doc::Document d = test::example_document(name);
    for (const lint::Finding& f : lint::lint(d)) check_korean_text(f.text_ko), ++lines;
    engine::Built b = engine::build(d);
    REQUIRE(b.ok());
    b.sim->run_until(b.duration);
    for (const sim::LogEntry& l : b.sim->event_log()) {
      CHECK(has_hangul(l.text_ko));
      check_korean_text(l.text_ko);
      ++lines;
    }
    for (size_t n = 0; n < b.sim->node_count(); ++n) check_korean_text(b.sim->model(sim::NodeId{static_cast<uint32_t>(n)}).status().ko);
  }
  CHECK(lines > 50);
}
