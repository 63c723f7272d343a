// The diagram as SVG (see diagram_svg.h). Colours and sizes follow ui/canvas.cpp
// at zoom 1, so the file looks like the canvas, on a white slide background.
#include "ui/diagram_svg.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace cp::ui::svg {

namespace {

// Numbers with at most two decimals and no trailing zeros ("12.5", "40").
std::string num(float v) {
  if (!std::isfinite(v)) v = 0;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", static_cast<double>(v));
  std::string s(buf);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s == "-0" ? "0" : s;
}

std::string colour(Rgba c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "#%02X%02X%02X", c.r, c.g, c.b);
  return buf;
}

// fill="#RRGGBB" plus fill-opacity when it is not opaque.
std::string fill_attr(Rgba c, const char* attr = "fill") {
  std::string s = std::string(attr) + "=\"" + colour(c) + "\"";
  if (c.a != 255) s += " " + std::string(attr) + "-opacity=\"" + num(c.a / 255.0f) + "\"";
  return s;
}

constexpr Rgba kRegion{0x00, 0xA4, 0xA6}, kRegionText{0x00, 0x6B, 0x6D}, kAz{0x14, 0x7E, 0xBA};
constexpr Rgba kText{0x16, 0x19, 0x1F}, kSubText{0x5F, 0x6B, 0x7A}, kWire{0x5F, 0x6B, 0x7A};
constexpr Rgba kPollWire{0xB0, 0x1E, 0x68}, kEventWire{0xC2, 0x4E, 0x00};  // ui/canvas.cpp's kPollCol, kEventCol
constexpr Rgba kReplicaWire{0x2E, 0x4A, 0xC8};                             // and kReplicaCol
constexpr Rgba kCardBorder{0xC6, 0xCD, 0xD5};
constexpr const char* kFonts =
    "system-ui, -apple-system, 'Segoe UI', 'Noto Sans KR', 'Malgun Gothic', 'Apple SD Gothic Neo', NanumGothic, "
    "sans-serif";

// Length of a valid UTF-8 sequence starting at s[i], or 0.
size_t utf8_len(std::string_view s, size_t i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k)
    if ((b(i + k) & 0xC0) != 0x80) return 0;
  uint32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
  for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (b(i + k) & 0x3F);
  const uint32_t min_for_len[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < min_for_len[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;  // overlong, surrogate
  if (cp == 0xFFFE || cp == 0xFFFF) return 0;  // not XML characters
  return n;
}

bool same(Rgba a, Rgba b) { return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a; }

void grow(float& x0, float& y0, float& x1, float& y1, float x, float y) {
  x0 = std::min(x0, x), y0 = std::min(y0, y), x1 = std::max(x1, x), y1 = std::max(y1, y);
}

}  // namespace

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const size_t n = utf8_len(text, i);
    if (n == 0) {  // not UTF-8: the replacement character
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    const char c = text[i];
    if (n == 1) {
      switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        case '\t': case '\n': case '\r': out += ' '; break;
        default: out += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
      }
    } else {
      out.append(text.substr(i, n));
    }
    i += n;
  }
  return out;
}

Box bounds(const Scene& s, float margin) {
  float x0 = 1e30f, y0 = 1e30f, x1 = -1e30f, y1 = -1e30f;
  for (const Frame& f : s.frames) grow(x0, y0, x1, y1, f.x, f.y), grow(x0, y0, x1, y1, f.x + f.w, f.y + f.h);
  for (const Card& c : s.cards) grow(x0, y0, x1, y1, c.x, c.y), grow(x0, y0, x1, y1, c.x + c.w, c.y + c.h);
  for (const Wire& w : s.wires)  // a cubic stays inside its control points' hull
    for (const Point& p : {w.p0, w.p1, w.p2, w.p3}) grow(x0, y0, x1, y1, p.x, p.y);
  if (x0 > x1) x0 = 0, y0 = 0, x1 = 400, y1 = 240;  // nothing drawn: an empty slide
  return {x0 - margin, y0 - margin, x1 - x0 + 2 * margin, y1 - y0 + 2 * margin};
}

std::string to_svg(const Scene& s) {
  const Box vb = bounds(s);
  const float fs = s.font_size;
  std::string o;
  o.reserve(4096 + s.cards.size() * 2048);
  o += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  o += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + num(vb.w) + "\" height=\"" + num(vb.h) +
       "\" viewBox=\"" + num(vb.x) + " " + num(vb.y) + " " + num(vb.w) + " " + num(vb.h) + "\" font-family=\"" +
       kFonts + "\">\n";
  o += "<rect x=\"" + num(vb.x) + "\" y=\"" + num(vb.y) + "\" width=\"" + num(vb.w) + "\" height=\"" + num(vb.h) +
       "\" fill=\"#FFFFFF\"/>\n";

  // Text is positioned by its top edge in the canvas; SVG places the baseline.
  auto text = [&](float x, float top, float size, Rgba col, const std::string& body, const char* extra = "") {
    return "<text x=\"" + num(x) + "\" y=\"" + num(top + size * 0.82f) + "\" font-size=\"" + num(size) + "\" " +
           fill_attr(col) + extra + ">" + body + "</text>\n";
  };

  o += "<g id=\"frames\">\n";
  for (const Frame& f : s.frames) {
    const Rgba line = f.region ? kRegion : kAz;
    o += "<rect x=\"" + num(f.x) + "\" y=\"" + num(f.y) + "\" width=\"" + num(f.w) + "\" height=\"" + num(f.h) + "\" " +
         fill_attr({line.r, line.g, line.b, 10}) + " " + fill_attr(line, "stroke") + " stroke-width=\"" +
         (f.region ? "1.5" : "1.2") + "\" stroke-dasharray=\"" + (f.region ? "7 4" : "5 4") + "\"/>\n";
    if (f.region) {  // a flag, then "US East (N. Virginia)  us-east-1"
      const float fx = f.x + 10, fy = f.y + 8;
      o += "<path d=\"M" + num(fx) + " " + num(fy) + "h1.5v14h-1.5zM" + num(fx + 1.5f) + " " + num(fy) + "L" +
           num(fx + 11) + " " + num(fy + 4.2f) + "L" + num(fx + 1.5f) + " " + num(fy + 8.4f) + "z\" " +
           fill_attr(kRegion) + "/>\n";
      std::string body = "<tspan font-weight=\"600\">" + xml_escape(f.title) + "</tspan>";
      if (!f.subtitle.empty())
        body += "<tspan dx=\"8\" font-size=\"" + num(fs * 0.9f) + "\" " + fill_attr(kSubText) + ">" +
                xml_escape(f.subtitle) + "</tspan>";
      o += text(f.x + 28, f.y + 6, fs, kRegionText, body);
    } else {
      o += text(f.x + 10, f.y + 8, fs * 0.9f, kAz, xml_escape(f.title));
    }
  }
  o += "</g>\n<g id=\"wires\" fill=\"none\" " + fill_attr(kWire, "stroke") + " stroke-width=\"1.6\">\n";
  for (const Wire& w : s.wires) {
    // As the canvas draws them: a poll in long magenta dashes, an event in orange dots.
    const bool poll = w.role == "poll", event = w.role == "event", replica = w.role == "replicate";
    const Rgba col = poll ? kPollWire : event ? kEventWire : replica ? kReplicaWire : kWire;
    const std::string stroke = poll || event || replica ? " " + fill_attr(col, "stroke") : std::string();
    const char* dash = poll      ? " stroke-dasharray=\"10 4\""
                       : event   ? " stroke-dasharray=\"2 4\""
                       : replica ? " stroke-dasharray=\"6 3\""
                       : w.async ? " stroke-dasharray=\"6 5\""
                                 : "";
    o += "<path d=\"M" + num(w.p0.x) + " " + num(w.p0.y) + "C" + num(w.p1.x) + " " + num(w.p1.y) + " " +
         num(w.p2.x) + " " + num(w.p2.y) + " " + num(w.p3.x) + " " + num(w.p3.y) + "\"" + stroke + dash + "/>\n";
    o += "<path d=\"M" + num(w.p3.x) + " " + num(w.p3.y) + "L" + num(w.p3.x - 8) + " " + num(w.p3.y - 4.4f) + "L" +
         num(w.p3.x - 8) + " " + num(w.p3.y + 4.4f) + "z\" " + fill_attr(col) + " stroke=\"none\"/>\n";
  }
  o += "</g>\n<g id=\"cards\">\n";
  for (size_t i = 0; i < s.cards.size(); ++i) {
    const Card& c = s.cards[i];
    const std::string clip = "clip" + std::to_string(i);
    o += "<g class=\"card\" data-id=\"" + xml_escape(c.id) + "\">\n";
    o += "<clipPath id=\"" + clip + "\"><rect x=\"" + num(c.x + 56) + "\" y=\"" + num(c.y) + "\" width=\"" +
         num(std::max(0.0f, c.w - 66)) + "\" height=\"" + num(c.h) + "\"/></clipPath>\n";
    o += "<rect x=\"" + num(c.x + 1) + "\" y=\"" + num(c.y + 2) + "\" width=\"" + num(c.w) + "\" height=\"" + num(c.h) +
         "\" rx=\"8\" fill=\"#000000\" fill-opacity=\"0.07\"/>\n";
    o += "<rect x=\"" + num(c.x) + "\" y=\"" + num(c.y) + "\" width=\"" + num(c.w) + "\" height=\"" + num(c.h) +
         "\" rx=\"8\" fill=\"#FFFFFF\" " + fill_attr(kCardBorder, "stroke") + "/>\n";
    // The icon's shapes, grouped by colour into one path each (a hairline of the same
    // colour closes the seams between the triangles).
    const float ix = c.x + 12, iy = c.y + (c.h - c.icon_size) / 2;
    o += "<g transform=\"translate(" + num(ix) + " " + num(iy) + ")\">\n";
    for (size_t k = 0; k < c.icon.size();) {
      const Rgba col = c.icon[k].fill;
      std::string d;
      for (; k < c.icon.size() && same(c.icon[k].fill, col); ++k) {
        const auto& pts = c.icon[k].points;
        for (size_t p = 0; p < pts.size(); ++p) d += (p ? "L" : "M") + num(pts[p].x) + " " + num(pts[p].y);
        if (!pts.empty()) d += "z";
      }
      if (!d.empty()) o += "<path d=\"" + d + "\" " + fill_attr(col) + " " + fill_attr(col, "stroke") + " stroke-width=\"0.3\"/>\n";
    }
    if (!c.icon_letters.empty())
      o += text(c.icon_size / 2, c.icon_size / 2 - c.icon_size * 0.25f, c.icon_size * 0.45f, {255, 255, 255},
                xml_escape(c.icon_letters), " text-anchor=\"middle\" font-weight=\"600\"");
    o += "</g>\n";
    const std::string clip_attr = " clip-path=\"url(#" + clip + ")\"";
    o += text(c.x + 56, c.y + 12, fs, kText, xml_escape(c.title), clip_attr.c_str());
    o += text(c.x + 56, c.y + 34, fs * 0.8f, kSubText, xml_escape(c.subtitle), clip_attr.c_str());
    o += "</g>\n";
  }
  o += "</g>\n</svg>\n";
  return o;
}

}  // namespace cp::ui::svg
