// Palette: every service of the catalog, grouped by category, with a search box.
// Drag a service onto the canvas (ImGui drag-and-drop payload kPayloadService,
// holding the service type) or double-click it to add it in the middle of the view.
//
//   palette.draw();                                  // inside the palette window
//   if (auto t = palette.take_activated()) canvas.add_at_center(*t);
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "imgui.h"

namespace cp::ui {

inline constexpr const char* kPayloadService = "CP_SERVICE";

class Palette {
public:
  void draw();
  std::optional<std::string> take_activated();
  // Screen rectangles of the items drawn in the last frame (for the browser tests).
  struct Item { std::string type; ImVec2 min, max; };
  const std::vector<Item>& items() const { return items_; }

private:
  char search_[128] = "";
  std::optional<std::string> activated_;
  std::vector<Item> items_;
};

}  // namespace cp::ui
