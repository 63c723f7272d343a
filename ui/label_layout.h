// Label layout for the canvas: text stays readable at any zoom, and labels never
// overlap. Pure arithmetic (no ImGui): ui/canvas.cpp and ui/run_overlay.cpp draw
// with it, tests/unit/test_label_layout.cpp checks it.
//
// A card simplifies rather than shrink its text below kMinTextPx: title and service
// name; then the title alone (at least kMinTextPx, shortened with "…" to the card);
// then the icon alone.
//
//   cp::ui::CardText t = cp::ui::plan_card_text(zoom, 15);
//   if (t.title) draw title at t.title_px ... ;  if (t.subtitle) ...
//
//   cp::ui::LabelBoard board;                     // one per frame
//   board.add_obstacle({x, y, w, h});             // cards: a badge must not cover another card
//   if (board.place({x, y, w, h})) draw the label; // false: it would overlap a label drawn before
#pragma once
#include <algorithm>
#include <vector>

namespace cp::ui {

inline constexpr float kMinTextPx = 11.0f;  // CSS pixels: the smallest text the canvas draws

struct LabelRect {
  float x = 0, y = 0, w = 0, h = 0;
  bool overlaps(const LabelRect& o) const { return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h; }
};

// What text a card shows at `zoom`, and at which pixel sizes. World layout of a card
// (ui/editor.h: 168 × 60): text from x = 56, title line at y = 12, service line at y = 34.
struct CardText {
  bool title = false, subtitle = false;
  float title_px = 0, subtitle_px = 0;
  float title_y = 0, subtitle_y = 0;  // offsets from the card's top, screen pixels
};

inline CardText plan_card_text(float zoom, float font_px, float card_h_world = 60, float min_px = kMinTextPx) {
  CardText t;
  const float h = card_h_world * zoom;  // the card's height on screen
  const float title = std::max(min_px, font_px * zoom);
  const float sub = std::max(min_px, font_px * 0.8f * zoom);
  const float pad = std::max(2.0f, 6 * zoom);
  if (title * 1.2f + sub * 1.2f + 3 * pad <= h) {
    // Both lines, at their scaled sizes (or the minimum), centred as a block.
    t.title = t.subtitle = true;
    t.title_px = title, t.subtitle_px = sub;
    const float block = title * 1.2f + pad + sub * 1.2f;
    t.title_y = (h - block) / 2;
    t.subtitle_y = t.title_y + title * 1.2f + pad;
  } else if (title * 1.2f + 2 * std::min(pad, 2.0f) <= h) {
    t.title = true;
    t.title_px = title;
    t.title_y = (h - title * 1.2f) / 2;
  }
  return t;
}

// Labels drawn this frame: each one is placed only where it overlaps none placed before
// (and, when asked, no obstacle: the cards, for labels drawn outside their own card).
class LabelBoard {
public:
  void clear() { labels_.clear(), obstacles_.clear(); }
  void add_obstacle(const LabelRect& r) { obstacles_.push_back(r); }
  bool fits(const LabelRect& r, bool avoid_obstacles = false, int own_obstacle = -1) const {
    for (const auto& l : labels_)
      if (l.overlaps(r)) return false;
    if (avoid_obstacles)
      for (size_t i = 0; i < obstacles_.size(); ++i)
        if (static_cast<int>(i) != own_obstacle && obstacles_[i].overlaps(r)) return false;
    return true;
  }
  bool place(const LabelRect& r, bool avoid_obstacles = false, int own_obstacle = -1) {
    if (!fits(r, avoid_obstacles, own_obstacle)) return false;
    labels_.push_back(r);
    return true;
  }
  const std::vector<LabelRect>& labels() const { return labels_; }

private:
  std::vector<LabelRect> labels_;
  std::vector<LabelRect> obstacles_;
};

}  // namespace cp::ui
