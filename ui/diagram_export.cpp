// The editor's diagram as an svg::Scene (see diagram_export.h).
#include "ui/diagram_export.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "core/catalog/catalog.h"
#include "core/catalog/regions.h"
#include "imgui.h"
#include "ui/i18n.h"
#include "ui/icons.h"
#include "ui/theme.h"

namespace cp::ui {

namespace {

// The icon as the canvas draws it, read back as coloured triangles (antialiasing off:
// its fringe triangles fade to transparent and would show as seams). Triangles that
// sample the font texture are letters: the SVG writes those as text instead.
void icon_shapes(svg::Card& card, const std::string& type, catalog::Category category) {
  ImDrawList dl(ImGui::GetDrawListSharedData());
  dl._ResetForNewFrame();
  dl.Flags = ImDrawListFlags_None;
  dl.PushClipRectFullScreen();
  dl.PushTextureID(ImGui::GetIO().Fonts->TexID);
  draw_service_icon(&dl, type, category, ImVec2(0, 0), card.icon_size);
  const ImVec2 white = ImGui::GetIO().Fonts->TexUvWhitePixel;
  bool letters = false;
  for (int i = 0; i + 2 < dl.IdxBuffer.Size; i += 3) {
    const ImDrawVert* v[3] = {&dl.VtxBuffer[dl.IdxBuffer[i]], &dl.VtxBuffer[dl.IdxBuffer[i + 1]],
                              &dl.VtxBuffer[dl.IdxBuffer[i + 2]]};
    if (std::fabs(v[0]->uv.x - white.x) > 1e-4f || std::fabs(v[0]->uv.y - white.y) > 1e-4f) {
      letters = true;
      continue;
    }
    const ImU32 c = v[0]->col;
    svg::Polygon p;
    p.fill = {static_cast<uint8_t>(c >> IM_COL32_R_SHIFT), static_cast<uint8_t>(c >> IM_COL32_G_SHIFT),
              static_cast<uint8_t>(c >> IM_COL32_B_SHIFT), static_cast<uint8_t>(c >> IM_COL32_A_SHIFT)};
    if (p.fill.a == 0) continue;
    for (const ImDrawVert* vert : v) p.points.push_back({vert->pos.x, vert->pos.y});
    card.icon.push_back(std::move(p));
  }
  if (letters)  // the two letters icons.cpp draws for a service without a glyph
    for (size_t i = 0; i < 2 && i < type.size(); ++i)
      card.icon_letters += static_cast<char>(std::toupper(static_cast<unsigned char>(type[i])));
}

}  // namespace

svg::Scene diagram_scene(const Editor& ed) {
  const doc::Document& d = ed.document();
  const bool ko = korean();
  svg::Scene s;
  s.font_size = kBaseFontSize;
  for (const auto& r : d.regions) {
    if (auto rr = ed.region_rect(r.code)) {
      const catalog::RegionSpec* spec = catalog::find_region(r.code);
      s.frames.push_back({true, rr->x, rr->y, rr->w, rr->h, spec ? spec->name.get(ko) : r.code, r.code});
    }
    for (const auto& a : r.azs)
      if (auto ar = ed.az_rect(a))
        s.frames.push_back({false, ar->x, ar->y, ar->w, ar->h, std::string(tr("canvas.az")) + "  " + a, ""});
  }
  for (const auto& n : d.nodes) {
    const WorldRect r = ed.node_rect(n.id);
    const catalog::ServiceDescriptor* desc = catalog::find_service(n.type);
    svg::Card c;
    c.id = n.id;
    c.x = r.x, c.y = r.y, c.w = r.w, c.h = r.h;
    c.title = n.name.empty() ? n.id : n.name;
    c.subtitle = desc ? desc->name.get(ko) : n.type;
    icon_shapes(c, n.type, desc ? desc->category : catalog::Category::Testing);
    s.cards.push_back(std::move(c));
  }
  // Wires as the canvas draws them at zoom 1: out of the card's right side, into the
  // target's left side, the control points at least 40 units out.
  for (const auto& c : d.connections) {
    if (!d.find_node(c.from) || !d.find_node(c.to)) continue;
    const WorldRect a = ed.node_rect(c.from), b = ed.node_rect(c.to);
    const svg::Point p0{a.x + a.w, a.y + a.h / 2}, p3{b.x, b.y + b.h / 2};
    const float dx = std::max(40.0f, std::fabs(p3.x - p0.x) * 0.5f);
    const bool async = c.params.is_object() && c.params.value("mode", std::string()) == "async";
    s.wires.push_back({p0, {p0.x + dx, p0.y}, {p3.x - dx, p3.y}, p3, async, c.role == "call" ? "" : c.role});
  }
  return s;
}

}  // namespace cp::ui
