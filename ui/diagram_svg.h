// The architecture diagram as an SVG file: Region and AZ frames, cards (icon,
// name, service), wires. File > Export SVG writes it; File > Export PNG hands
// it to the browser, which rasterises it at slide resolution (sharp text, not
// a screenshot). Pure C++ (no ImGui), so the native unit tests compile it;
// ui/diagram_export.cpp fills the Scene from the editor.
//
//   svg::Scene s;
//   s.frames.push_back({true, 0, 0, 800, 500, "US East (N. Virginia)", "us-east-1"});
//   s.cards.push_back({"web", 40, 60, 168, 60, "Web tier", "EC2"});
//   std::string text = svg::to_svg(s);   // a complete, standalone .svg document
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cp::ui::svg {

struct Rgba {
  uint8_t r = 0, g = 0, b = 0, a = 255;
};
struct Point {
  float x = 0, y = 0;
};
// A filled shape of an icon, in the icon's own square (0..size).
struct Polygon {
  std::vector<Point> points;
  Rgba fill;
};

struct Frame {
  bool region = false;  // a Region frame, else an AZ frame
  float x = 0, y = 0, w = 0, h = 0;
  std::string title;     // "US East (N. Virginia)" / "AZ  use1-az1"
  std::string subtitle;  // the Region code (Regions only)
};

struct Card {
  std::string id;
  float x = 0, y = 0, w = 0, h = 0;
  std::string title;     // the node's name
  std::string subtitle;  // the service's name
  float icon_size = 36;
  std::vector<Polygon> icon;  // triangles and fans, already coloured
  std::string icon_letters;   // letters drawn over the icon (services without a glyph)
};

struct Wire {
  Point p0, p1, p2, p3;  // cubic Bezier, from the source's output to the target's input
  bool async = false;    // dashed
  std::string role;      // "poll" (long dashes, magenta), "event" (dots, orange), "replicate" (dashes, blue); "" or "call": by `async`
};

struct Scene {
  std::vector<Frame> frames;  // drawn in order (Regions before their AZs)
  std::vector<Card> cards;
  std::vector<Wire> wires;
  float font_size = 15;       // the card title's size; the rest scale from it
};

struct Box {
  float x = 0, y = 0, w = 0, h = 0;
};

// Everything drawn (frames, cards, wires' control points) with `margin` around it.
Box bounds(const Scene& scene, float margin = 24);

// Text for XML character data and attribute values: & < > " ' escaped, invalid
// UTF-8 and control characters (XML 1.0 forbids them) replaced, so any user name
// gives a file that parses.
std::string xml_escape(std::string_view text);

std::string to_svg(const Scene& scene);

}  // namespace cp::ui::svg
