// Service icons drawn in code with ImDrawList (no image files): a rounded square
// in the category's colour, as AWS's architecture diagrams do, with a white
// glyph: the icon the service's descriptor declares (catalog::Icon; its category's by default).
//
//   cp::ui::draw_service_icon(ImGui::GetWindowDrawList(), "sqs", cp::catalog::Category::Messaging, pos, 32);
#pragma once
#include <string>

#include "core/catalog/catalog.h"
#include "imgui.h"

namespace cp::ui {

// AWS diagram colours: Compute #ED7100, Networking #8C4FFF, Storage #7AA116,
// Databases #C925D1, Messaging (application integration) #E7157B, Serverless #FF9900.
ImU32 category_color(catalog::Category c, int alpha = 255);

// Draws the icon in the square [pos, pos + size]. `alpha` fades it (e.g. a drag preview).
void draw_service_icon(ImDrawList* dl, const std::string& type, catalog::Category category, ImVec2 pos, float size,
                       int alpha = 255);

}  // namespace cp::ui
