// Service icons drawn with ImDrawList (see icons.h). Each glyph is a few
// primitives inside a unit square scaled to the icon, so icons stay crisp at
// every zoom level and on high-DPI screens.
#include "ui/icons.h"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace cp::ui {

ImU32 category_color(catalog::Category c, int a) {
  switch (c) {
    case catalog::Category::Clients: return IM_COL32(0x23, 0x2F, 0x3E, a);     // squid ink
    case catalog::Category::Compute: return IM_COL32(0xED, 0x71, 0x00, a);
    case catalog::Category::Networking: return IM_COL32(0x8C, 0x4F, 0xFF, a);
    case catalog::Category::Storage: return IM_COL32(0x7A, 0xA1, 0x16, a);
    case catalog::Category::Databases: return IM_COL32(0xC9, 0x25, 0xD1, a);
    case catalog::Category::Messaging: return IM_COL32(0xE7, 0x15, 0x7B, a);
    case catalog::Category::Serverless: return IM_COL32(0xFF, 0x99, 0x00, a);
    case catalog::Category::Testing: return IM_COL32(0x01, 0x88, 0x8D, a);      // teal: generic blocks
  }
  return IM_COL32(0x7D, 0x89, 0x98, a);
}

namespace {

enum class Glyph { Person, Chip, Scaling, Balancer, Dns, Globe, Accelerator, Volume, Bucket, Database, Table,
                   Cache, Queue, Topic, Stream, Lambda, Api, Gear, Letters };

// The glyph of the icon the service's descriptor declares (or its category's).
Glyph glyph_for(const std::string& type, catalog::Category c) {
  const catalog::ServiceDescriptor* d = catalog::find_service(type);
  switch (catalog::icon_of(d ? d->icon : catalog::Icon::ByCategory, d ? d->category : c)) {
    case catalog::Icon::ByCategory: break;
    case catalog::Icon::Person: return Glyph::Person;
    case catalog::Icon::Chip: return Glyph::Chip;
    case catalog::Icon::Scaling: return Glyph::Scaling;
    case catalog::Icon::Balancer: return Glyph::Balancer;
    case catalog::Icon::Dns: return Glyph::Dns;
    case catalog::Icon::Globe: return Glyph::Globe;
    case catalog::Icon::Accelerator: return Glyph::Accelerator;
    case catalog::Icon::Volume: return Glyph::Volume;
    case catalog::Icon::Bucket: return Glyph::Bucket;
    case catalog::Icon::Database: return Glyph::Database;
    case catalog::Icon::Table: return Glyph::Table;
    case catalog::Icon::Cache: return Glyph::Cache;
    case catalog::Icon::Queue: return Glyph::Queue;
    case catalog::Icon::Topic: return Glyph::Topic;
    case catalog::Icon::Stream: return Glyph::Stream;
    case catalog::Icon::Lambda: return Glyph::Lambda;
    case catalog::Icon::Api: return Glyph::Api;
    case catalog::Icon::Gear: return Glyph::Gear;
  }
  return Glyph::Letters;
}

// Draws in a unit square: P(x, y) maps [0,1]^2 to the icon's glyph area.
struct Pen {
  ImDrawList* dl;
  ImVec2 o;
  float s;
  ImU32 col;
  float w;  // stroke width in pixels
  ImVec2 P(float x, float y) const { return ImVec2(o.x + x * s, o.y + y * s); }
  void line(float x0, float y0, float x1, float y1) const { dl->AddLine(P(x0, y0), P(x1, y1), col, w); }
  void rect(float x0, float y0, float x1, float y1, float r = 0) const { dl->AddRect(P(x0, y0), P(x1, y1), col, r * s, 0, w); }
  void fill(float x0, float y0, float x1, float y1, float r = 0) const { dl->AddRectFilled(P(x0, y0), P(x1, y1), col, r * s); }
  void circle(float x, float y, float r) const { dl->AddCircle(P(x, y), r * s, col, 0, w); }
  void dot(float x, float y, float r) const { dl->AddCircleFilled(P(x, y), r * s, col); }
  void ellipse(float cx, float cy, float rx, float ry, float a0 = 0, float a1 = 6.2832f) const {
    const int n = 24;
    dl->PathClear();
    for (int i = 0; i <= n; ++i) {
      float a = a0 + (a1 - a0) * i / n;
      dl->PathLineTo(P(cx + rx * std::cos(a), cy + ry * std::sin(a)));
    }
    dl->PathStroke(col, 0, w);
  }
  void arrow_head(float x, float y, float dx, float dy, float len) const {
    float nx = -dy, ny = dx;
    dl->AddTriangleFilled(P(x, y), P(x - dx * len + nx * len * 0.6f, y - dy * len + ny * len * 0.6f),
                          P(x - dx * len - nx * len * 0.6f, y - dy * len - ny * len * 0.6f), col);
  }
};

void draw_glyph(const Pen& p, Glyph g, const std::string& type) {
  switch (g) {
    case Glyph::Person:
      p.dot(0.5f, 0.32f, 0.14f);
      p.dl->PathClear();
      p.dl->PathArcTo(p.P(0.5f, 0.86f), 0.3f * p.s, 3.1416f, 6.2832f, 16);
      p.dl->PathFillConvex(p.col);
      break;
    case Glyph::Chip:
      p.rect(0.28f, 0.28f, 0.72f, 0.72f, 0.04f);
      p.fill(0.4f, 0.4f, 0.6f, 0.6f);
      for (float t : {0.37f, 0.5f, 0.63f}) {
        p.line(t, 0.14f, t, 0.28f);
        p.line(t, 0.72f, t, 0.86f);
        p.line(0.14f, t, 0.28f, t);
        p.line(0.72f, t, 0.86f, t);
      }
      break;
    case Glyph::Scaling:
      p.rect(0.34f, 0.34f, 0.66f, 0.66f, 0.03f);
      p.line(0.28f, 0.28f, 0.14f, 0.14f);
      p.arrow_head(0.14f, 0.14f, -0.707f, -0.707f, 0.1f);
      p.line(0.72f, 0.28f, 0.86f, 0.14f);
      p.arrow_head(0.86f, 0.14f, 0.707f, -0.707f, 0.1f);
      p.line(0.28f, 0.72f, 0.14f, 0.86f);
      p.arrow_head(0.14f, 0.86f, -0.707f, 0.707f, 0.1f);
      p.line(0.72f, 0.72f, 0.86f, 0.86f);
      p.arrow_head(0.86f, 0.86f, 0.707f, 0.707f, 0.1f);
      break;
    case Glyph::Balancer:
      p.circle(0.3f, 0.5f, 0.13f);
      p.line(0.43f, 0.5f, 0.78f, 0.5f);
      p.line(0.41f, 0.43f, 0.78f, 0.2f);
      p.line(0.41f, 0.57f, 0.78f, 0.8f);
      p.dot(0.8f, 0.2f, 0.06f);
      p.dot(0.8f, 0.5f, 0.06f);
      p.dot(0.8f, 0.8f, 0.06f);
      break;
    case Glyph::Dns:
      p.circle(0.5f, 0.5f, 0.34f);
      p.ellipse(0.5f, 0.5f, 0.14f, 0.34f);
      p.line(0.16f, 0.5f, 0.84f, 0.5f);
      p.fill(0.56f, 0.56f, 0.9f, 0.9f, 0.04f);
      break;
    case Glyph::Globe:
      p.circle(0.5f, 0.5f, 0.34f);
      p.ellipse(0.5f, 0.5f, 0.15f, 0.34f);
      p.line(0.16f, 0.5f, 0.84f, 0.5f);
      p.ellipse(0.5f, 0.5f, 0.3f, 0.1f, 3.1416f, 6.2832f);
      break;
    case Glyph::Accelerator:
      p.circle(0.42f, 0.5f, 0.28f);
      p.ellipse(0.42f, 0.5f, 0.12f, 0.28f);
      p.line(0.5f, 0.5f, 0.86f, 0.5f);
      p.arrow_head(0.9f, 0.5f, 1, 0, 0.12f);
      break;
    case Glyph::Volume:
      p.rect(0.22f, 0.24f, 0.78f, 0.76f, 0.05f);
      p.line(0.22f, 0.42f, 0.78f, 0.42f);
      p.line(0.22f, 0.58f, 0.78f, 0.58f);
      p.dot(0.68f, 0.33f, 0.035f);
      break;
    case Glyph::Bucket:
      p.dl->AddQuad(p.P(0.2f, 0.28f), p.P(0.8f, 0.28f), p.P(0.7f, 0.8f), p.P(0.3f, 0.8f), p.col, p.w);
      p.ellipse(0.5f, 0.28f, 0.3f, 0.08f);
      break;
    case Glyph::Database:
    case Glyph::Table:
      p.ellipse(0.5f, 0.24f, 0.28f, 0.09f);
      p.line(0.22f, 0.24f, 0.22f, 0.76f);
      p.line(0.78f, 0.24f, 0.78f, 0.76f);
      p.ellipse(0.5f, 0.76f, 0.28f, 0.09f, 0, 3.1416f);
      p.ellipse(0.5f, 0.5f, 0.28f, 0.09f, 0, 3.1416f);
      if (g == Glyph::Table) {  // a lightning bolt: DynamoDB
        p.dl->AddTriangleFilled(p.P(0.56f, 0.36f), p.P(0.42f, 0.56f), p.P(0.52f, 0.56f), p.col);
        p.dl->AddTriangleFilled(p.P(0.48f, 0.52f), p.P(0.58f, 0.52f), p.P(0.44f, 0.7f), p.col);
      }
      break;
    case Glyph::Cache:
      for (int i = 0; i < 3; ++i) p.rect(0.2f, 0.22f + i * 0.2f, 0.8f, 0.36f + i * 0.2f, 0.03f);
      p.dot(0.7f, 0.29f, 0.03f);
      p.dot(0.7f, 0.49f, 0.03f);
      p.dot(0.7f, 0.69f, 0.03f);
      break;
    case Glyph::Queue:
      for (int i = 0; i < 3; ++i) p.fill(0.18f + i * 0.18f, 0.36f, 0.31f + i * 0.18f, 0.64f, 0.02f);
      p.line(0.72f, 0.5f, 0.86f, 0.5f);
      p.arrow_head(0.9f, 0.5f, 1, 0, 0.1f);
      p.line(0.1f, 0.28f, 0.74f, 0.28f);
      p.line(0.1f, 0.72f, 0.74f, 0.72f);
      break;
    case Glyph::Topic:
      p.dot(0.3f, 0.5f, 0.09f);
      p.ellipse(0.3f, 0.5f, 0.22f, 0.22f, -0.9f, 0.9f);
      p.ellipse(0.3f, 0.5f, 0.38f, 0.38f, -0.9f, 0.9f);
      p.ellipse(0.3f, 0.5f, 0.54f, 0.54f, -0.7f, 0.7f);
      break;
    case Glyph::Stream:
      for (int k = 0; k < 3; ++k) {
        float y = 0.32f + k * 0.18f;
        p.dl->PathClear();
        for (int i = 0; i <= 16; ++i) {
          float x = 0.16f + 0.68f * i / 16;
          p.dl->PathLineTo(p.P(x, y + 0.05f * std::sin(i * 0.8f)));
        }
        p.dl->PathStroke(p.col, 0, p.w);
      }
      break;
    case Glyph::Lambda:
      p.line(0.28f, 0.2f, 0.42f, 0.2f);
      p.line(0.42f, 0.2f, 0.74f, 0.8f);
      p.line(0.74f, 0.8f, 0.84f, 0.8f);
      p.line(0.5f, 0.44f, 0.26f, 0.8f);
      break;
    case Glyph::Api:
      p.line(0.34f, 0.26f, 0.16f, 0.5f);
      p.line(0.16f, 0.5f, 0.34f, 0.74f);
      p.line(0.66f, 0.26f, 0.84f, 0.5f);
      p.line(0.84f, 0.5f, 0.66f, 0.74f);
      p.line(0.56f, 0.24f, 0.44f, 0.76f);
      break;
    case Glyph::Gear:
      p.circle(0.5f, 0.5f, 0.14f);
      for (int i = 0; i < 8; ++i) {
        float a = i * 0.7854f;
        p.line(0.5f + 0.2f * std::cos(a), 0.5f + 0.2f * std::sin(a), 0.5f + 0.34f * std::cos(a), 0.5f + 0.34f * std::sin(a));
      }
      break;
    case Glyph::Letters: {
      char buf[3] = {'?', 0, 0};
      for (size_t i = 0; i < 2 && i < type.size(); ++i)
        buf[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(type[i])));
      ImFont* f = ImGui::GetFont();
      float fs = p.s * 0.45f;
      ImVec2 ts = f->CalcTextSizeA(fs, 1e9f, 0, buf);
      p.dl->AddText(f, fs, ImVec2(p.o.x + (p.s - ts.x) / 2, p.o.y + (p.s - ts.y) / 2), p.col, buf);
      break;
    }
  }
}

}  // namespace

void draw_service_icon(ImDrawList* dl, const std::string& type, catalog::Category category, ImVec2 pos, float size,
                       int alpha) {
  dl->AddRectFilled(pos, ImVec2(pos.x + size, pos.y + size), category_color(category, alpha), size * 0.14f);
  Pen pen{dl, pos, size, IM_COL32(255, 255, 255, alpha), std::max(1.0f, size * 0.055f)};
  draw_glyph(pen, glyph_for(type, category), type);
}

}  // namespace cp::ui
