// The editor's diagram as an svg::Scene (ui/diagram_svg.h): frames, cards with
// their icons (the canvas' own icon drawing, turned into coloured triangles),
// names in the current language, wires as the canvas draws them at zoom 1.
// Needs an ImGui context (the icons are drawn into a scratch ImDrawList).
//
//   std::string text = svg::to_svg(diagram_scene(editor));
#pragma once
#include "ui/diagram_svg.h"
#include "ui/editor.h"

namespace cp::ui {

svg::Scene diagram_scene(const Editor& ed);

}  // namespace cp::ui
