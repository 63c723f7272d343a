// The diagram's SVG export (ui/diagram_svg.cpp): user names of any kind give a
// well-formed file, every card's name is in it as text, and the viewBox holds
// every frame and card.
#include <catch2/catch.hpp>
#include <cstdio>
#include <string>
#include <vector>

#include "ui/diagram_svg.h"

using namespace cp::ui;

namespace {

// A small well-formedness check: tags nest and close, attribute values are quoted,
// '&' starts a known entity, no raw '<' in text. Returns "" or what is wrong.
std::string xml_problem(const std::string& x) {
  std::vector<std::string> open;
  size_t i = x.find("<svg");
  if (i == std::string::npos) return "no <svg> element";
  while (i < x.size()) {
    if (x[i] == '&') {
      size_t semi = x.find(';', i);
      if (semi == std::string::npos) return "unterminated entity";
      std::string e = x.substr(i, semi - i + 1);
      if (e != "&amp;" && e != "&lt;" && e != "&gt;" && e != "&quot;" && e != "&apos;") return "unknown entity " + e;
      i = semi + 1;
      continue;
    }
    if (x[i] != '<') {
      ++i;
      continue;
    }
    size_t end = i + 1;
    char quote = 0;
    for (; end < x.size(); ++end) {
      if (quote) {
        if (x[end] == quote) quote = 0;
        else if (x[end] == '<') return "'<' inside an attribute value";
      } else if (x[end] == '"' || x[end] == '\'') {
        quote = x[end];
      } else if (x[end] == '<') {
        return "'<' inside a tag at " + std::to_string(end);
      } else if (x[end] == '>') {
        break;
      }
    }
    if (end >= x.size()) return "unterminated tag";
    std::string tag = x.substr(i + 1, end - i - 1);
    if (tag.empty()) return "empty tag";
    if (tag[0] == '/') {
      std::string name = tag.substr(1);
      if (open.empty() || open.back() != name) return "</" + name + "> closes " + (open.empty() ? "nothing" : open.back());
      open.pop_back();
    } else if (tag.back() != '/') {
      open.push_back(tag.substr(0, tag.find_first_of(" \n\t")));
    }
    i = end + 1;
  }
  return open.empty() ? "" : "<" + open.back() + "> is never closed";
}

float attr(const std::string& x, const std::string& name) {
  size_t p = x.find(" " + name + "=\"");
  REQUIRE(p != std::string::npos);
  return std::stof(x.substr(p + name.size() + 3));
}

svg::Scene sample() {
  svg::Scene s;
  s.frames.push_back({true, -40, -20, 900, 520, "US East (N. Virginia)", "us-east-1"});
  s.frames.push_back({false, 0, 40, 400, 400, "AZ  use1-az1", ""});
  auto card = [&](const char* id, float x, float y, const char* title, const char* service) {
    svg::Card c;
    c.id = id, c.x = x, c.y = y, c.w = 168, c.h = 60, c.title = title, c.subtitle = service;
    s.cards.push_back(c);
  };
  card("web", 40, 80, "Web <tier> & \"friends\"", "EC2");
  card("db", 1200, 900, "주문 데이터베이스", "Amazon RDS");
  card("q", -300, 200, "it's 'quoted'", "SQS");
  s.cards[0].icon.push_back({{{0, 0}, {36, 0}, {36, 36}}, {0xED, 0x71, 0x00, 255}});
  s.cards[0].icon.push_back({{{0, 0}, {36, 36}, {0, 36}}, {0xED, 0x71, 0x00, 255}});
  s.cards[0].icon.push_back({{{10, 10}, {20, 10}, {20, 20}}, {255, 255, 255, 200}});
  s.cards[2].icon_letters = "SQ";
  s.wires.push_back({{208, 110}, {700, 110}, {700, 930}, {1200, 930}, false});
  s.wires.push_back({{-132, 230}, {-92, 230}, {0, 110}, {40, 110}, true});
  return s;
}

}  // namespace

TEST_CASE("xml_escape: markup characters, control characters and broken UTF-8") {
  CHECK(svg::xml_escape("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&apos;");
  CHECK(svg::xml_escape("주문 서비스") == "주문 서비스");  // Hangul passes as UTF-8
  CHECK(svg::xml_escape(std::string("a\x01\x1f" "b\tc", 6)) == "a  b c");
  CHECK(svg::xml_escape("\xff\xfe") == "\xEF\xBF\xBD\xEF\xBF\xBD");      // not UTF-8
  CHECK(svg::xml_escape("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");      // overlong '/'
  CHECK(svg::xml_escape("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
  CHECK(svg::xml_escape("\xEC\xA3") == "\xEF\xBF\xBD\xEF\xBF\xBD");      // cut off mid-character
  CHECK(svg::xml_escape("🙂") == "🙂");
}

TEST_CASE("to_svg: well formed, every name as text, frames and wires drawn") {
  const std::string x = svg::to_svg(sample());
  INFO(x);
  CHECK(xml_problem(x).empty());
  CHECK(x.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", 0) == 0);
  CHECK(x.find(">Web &lt;tier&gt; &amp; &quot;friends&quot;</text>") != std::string::npos);
  CHECK(x.find(">주문 데이터베이스</text>") != std::string::npos);
  CHECK(x.find(">it&apos;s &apos;quoted&apos;</text>") != std::string::npos);
  CHECK(x.find(">Amazon RDS</text>") != std::string::npos);
  CHECK(x.find(">US East (N. Virginia)</tspan>") != std::string::npos);
  CHECK(x.find(">us-east-1</tspan>") != std::string::npos);
  CHECK(x.find(">AZ  use1-az1</text>") != std::string::npos);
  CHECK(x.find(">SQ</text>") != std::string::npos);
  CHECK(x.find("stroke-dasharray=\"6 5\"") != std::string::npos);  // the async wire
  // The icon's two orange triangles are one path; the white one has its opacity.
  CHECK(x.find("M0 0L36 0L36 36zM0 0L36 36L0 36z") != std::string::npos);
  CHECK(x.find("fill=\"#FFFFFF\" fill-opacity=\"0.78\"") != std::string::npos);
}

TEST_CASE("to_svg: a poll wire and an event wire look as on the canvas") {
  svg::Scene s = sample();
  s.wires.push_back({{0, 0}, {40, 0}, {60, 50}, {100, 50}, false, "poll"});
  s.wires.push_back({{0, 90}, {40, 90}, {60, 150}, {100, 150}, false, "event"});
  const std::string x = svg::to_svg(s);
  CHECK(xml_problem(x).empty());
  CHECK(x.find("100 50\" stroke=\"#B01E68\" stroke-dasharray=\"10 4\"/>") != std::string::npos);
  CHECK(x.find("100 150\" stroke=\"#C24E00\" stroke-dasharray=\"2 4\"/>") != std::string::npos);
  CHECK(x.find("fill=\"#B01E68\" stroke=\"none\"") != std::string::npos);  // its arrow, in its colour
  CHECK(x.find("1200 930\"/>") != std::string::npos);  // a call keeps the wires' group colour, undashed
}

TEST_CASE("to_svg: the viewBox encloses every frame and card") {
  const svg::Scene s = sample();
  const std::string x = svg::to_svg(s);
  size_t p = x.find("viewBox=\"");
  REQUIRE(p != std::string::npos);
  float vx = 0, vy = 0, vw = 0, vh = 0;
  REQUIRE(std::sscanf(x.c_str() + p + 9, "%f %f %f %f", &vx, &vy, &vw, &vh) == 4);
  CHECK(attr(x, "width") == Approx(vw));
  CHECK(attr(x, "height") == Approx(vh));
  for (const auto& c : s.cards) {
    CHECK(c.x >= vx);
    CHECK(c.y >= vy);
    CHECK(c.x + c.w <= vx + vw);
    CHECK(c.y + c.h <= vy + vh);
  }
  for (const auto& f : s.frames) {
    CHECK(f.x >= vx);
    CHECK(f.x + f.w <= vx + vw);
    CHECK(f.y + f.h <= vy + vh);
  }
  CHECK(vx == Approx(-300 - 24));
  CHECK(vx + vw == Approx(1368 + 24));
}

TEST_CASE("to_svg: an empty diagram is still a valid file") {
  const std::string x = svg::to_svg(svg::Scene{});
  CHECK(xml_problem(x).empty());
  CHECK(x.find("viewBox=\"-24 -24 448 288\"") != std::string::npos);
}
