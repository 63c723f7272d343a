// TouchGesture: pan and pinch-zoom from raw finger events (SDL's finger events on
// a phone). One finger drags the view; two fingers drag it by their midpoint and
// zoom by how far apart they move. Plain C++ (no ImGui), tested natively.
//
//   TouchGesture g;
//   g.on(FingerEvent::Down, id, x, y);  ...  g.on(FingerEvent::Move, id, x, y);
//   if (auto s = g.take())   // once per frame: what moved since the last call
//     canvas.pan_zoom(from = (s->from_x, s->from_y), to = (s->to_x, s->to_y), s->scale);
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <vector>

namespace cp::ui {

enum class FingerEvent { Down, Move, Up };

class TouchGesture {
public:
  // The world point that was under (from_x, from_y) is now under (to_x, to_y), and
  // the view is `scale` times larger (screen pixels).
  struct Step {
    float from_x = 0, from_y = 0, to_x = 0, to_y = 0, scale = 1;
  };

  void on(FingerEvent e, int64_t id, float x, float y) {
    auto it = std::find_if(fingers_.begin(), fingers_.end(), [&](const Finger& f) { return f.id == id; });
    if (it != fingers_.end()) it->x = x, it->y = y;
    if (e == FingerEvent::Move) return;
    // A finger joins or lifts: keep the movement so far, then go on from here without a jump.
    absorb();
    if (e == FingerEvent::Down && it == fingers_.end()) fingers_.push_back({id, x, y, x, y});
    if (e == FingerEvent::Up && it != fingers_.end()) fingers_.erase(it);
  }

  int fingers() const { return static_cast<int>(fingers_.size()); }

  // The movement since the last call (nullopt when nothing moved).
  std::optional<Step> take() {
    absorb();
    std::optional<Step> s = pending_;
    pending_.reset();
    return s;
  }

private:
  struct Finger {
    int64_t id;
    float x, y;            // now
    float base_x, base_y;  // at the last take()
  };

  // Adds the movement since the last rebase to pending_. Chaining: the first step moves
  // p.from to p.to, then the second maps any screen point q to s.to + (q - s.from) * s.scale.
  void absorb() {
    std::optional<Step> s = take_raw();
    if (!s) return;
    if (!pending_) {
      pending_ = s;
      return;
    }
    const Step p = *pending_;
    pending_ = Step{p.from_x, p.from_y, s->to_x + (p.to_x - s->from_x) * s->scale,
                    s->to_y + (p.to_y - s->from_y) * s->scale, p.scale * s->scale};
  }

  std::optional<Step> take_raw() {
    if (fingers_.empty()) return std::nullopt;
    Step s;
    if (fingers_.size() == 1) {
      const Finger& f = fingers_[0];
      s = {f.base_x, f.base_y, f.x, f.y, 1};
    } else {
      const Finger &a = fingers_[0], &b = fingers_[1];
      const float d0 = std::hypot(b.base_x - a.base_x, b.base_y - a.base_y), d1 = std::hypot(b.x - a.x, b.y - a.y);
      s = {(a.base_x + b.base_x) / 2, (a.base_y + b.base_y) / 2, (a.x + b.x) / 2, (a.y + b.y) / 2,
           d0 > 1 && d1 > 1 ? d1 / d0 : 1};
    }
    rebase();
    if (s.from_x == s.to_x && s.from_y == s.to_y && s.scale == 1) return std::nullopt;
    return s;
  }

  void rebase() {
    for (Finger& f : fingers_) f.base_x = f.x, f.base_y = f.y;
  }

  std::vector<Finger> fingers_;
  std::optional<Step> pending_;
};

}  // namespace cp::ui
