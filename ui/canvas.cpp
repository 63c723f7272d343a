// Canvas: frames, nodes, wires and every mouse/keyboard interaction on them (see canvas.h).
//
// [SECTION] Helpers (bezier, dashed lines, text)
// [SECTION] Hit testing
// [SECTION] Frame (per-frame entry point)
// [SECTION] Mouse input (press, drag, release, wheel)
// [SECTION] Keyboard
// [SECTION] Drop from the palette
// [SECTION] Drawing: grid, frames, wires, nodes, overlays, toasts
// [SECTION] Context menu, help overlay
// [SECTION] Test state
#include "ui/canvas.h"

#include <algorithm>
#include <cmath>

#include "core/catalog/catalog.h"
#include "core/catalog/regions.h"
#include "ui/i18n.h"
#include "ui/icons.h"
#include "ui/label_layout.h"
#include "ui/text_fit.h"
#include "ui/palette.h"

namespace cp::ui {

namespace {

// ---- [SECTION] Helpers ----------------------------------------------------------

constexpr float kMinZoom = 0.2f, kMaxZoom = 3.0f;
constexpr float kHandleR = 6.0f;        // screen px
constexpr float kFrameHeader = 30.0f;   // world units: the draggable label strip of a frame
constexpr ImU32 kBg = IM_COL32(247, 248, 250, 255);
constexpr ImU32 kGridMinor = IM_COL32(233, 237, 242, 255);
constexpr ImU32 kGridMajor = IM_COL32(218, 224, 232, 255);
constexpr ImU32 kRegionCol = IM_COL32(0x00, 0xA4, 0xA6, 255);
constexpr ImU32 kAzCol = IM_COL32(0x14, 0x7E, 0xBA, 255);
constexpr ImU32 kSelectCol = IM_COL32(0x09, 0x72, 0xD3, 255);
constexpr ImU32 kWireCol = IM_COL32(0x5F, 0x6B, 0x7A, 255);
constexpr ImU32 kPollCol = IM_COL32(0xB0, 0x1E, 0x68, 255);   // a poll: the consumer pulls (magenta, as AWS draws messaging)
constexpr ImU32 kEventCol = IM_COL32(0xC2, 0x4E, 0x00, 255);  // an event source: an asynchronous invoke
constexpr ImU32 kReplicaCol = IM_COL32(0x2E, 0x4A, 0xC8, 255); // replication to a copy (blue, as AWS draws databases)
constexpr ImU32 kOkCol = IM_COL32(0x1D, 0x81, 0x02, 255);
constexpr ImU32 kBadCol = IM_COL32(0xD9, 0x15, 0x15, 255);
constexpr ImU32 kTextCol = IM_COL32(0x16, 0x19, 0x1F, 255);
constexpr ImU32 kSubTextCol = IM_COL32(0x5F, 0x6B, 0x7A, 255);

ImVec2 add(ImVec2 a, ImVec2 b) { return ImVec2(a.x + b.x, a.y + b.y); }
ImVec2 sub(ImVec2 a, ImVec2 b) { return ImVec2(a.x - b.x, a.y - b.y); }
float len2(ImVec2 a) { return a.x * a.x + a.y * a.y; }

float snapv(float v) { return std::round(v / Editor::kGrid) * Editor::kGrid; }

struct Bezier {
  ImVec2 p0, p1, p2, p3;
  ImVec2 at(float t) const {
    float u = 1 - t, a = u * u * u, b = 3 * u * u * t, c = 3 * u * t * t, d = t * t * t;
    return ImVec2(a * p0.x + b * p1.x + c * p2.x + d * p3.x, a * p0.y + b * p1.y + c * p2.y + d * p3.y);
  }
};

Bezier wire_curve(ImVec2 a, ImVec2 b, float zoom) {
  float d = std::max(40.0f * zoom, std::fabs(b.x - a.x) * 0.5f);
  return {a, ImVec2(a.x + d, a.y), ImVec2(b.x - d, b.y), b};
}

float dist_to_segment2(ImVec2 p, ImVec2 a, ImVec2 b) {
  ImVec2 ab = sub(b, a), ap = sub(p, a);
  float t = std::clamp((ap.x * ab.x + ap.y * ab.y) / std::max(1e-6f, len2(ab)), 0.0f, 1.0f);
  return len2(sub(p, ImVec2(a.x + ab.x * t, a.y + ab.y * t)));
}

void dashed_line(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col, float thick, float dash, float gap) {
  ImVec2 d = sub(b, a);
  float L = std::sqrt(len2(d));
  if (L < 1e-3f) return;
  ImVec2 u(d.x / L, d.y / L);
  for (float s = 0; s < L; s += dash + gap) {
    float e = std::min(L, s + dash);
    dl->AddLine(ImVec2(a.x + u.x * s, a.y + u.y * s), ImVec2(a.x + u.x * e, a.y + u.y * e), col, thick);
  }
}

void dashed_rect(ImDrawList* dl, ImVec2 mn, ImVec2 mx, ImU32 col, float thick, float dash = 7, float gap = 4) {
  dashed_line(dl, mn, ImVec2(mx.x, mn.y), col, thick, dash, gap);
  dashed_line(dl, ImVec2(mx.x, mn.y), mx, col, thick, dash, gap);
  dashed_line(dl, mx, ImVec2(mn.x, mx.y), col, thick, dash, gap);
  dashed_line(dl, ImVec2(mn.x, mx.y), mn, col, thick, dash, gap);
}

// Text clipped to `clip` (screen), at an explicit pixel size (crisp at any zoom).
void text_at(ImDrawList* dl, float size, ImVec2 pos, ImU32 col, const char* text, const ImVec4& clip) {
  dl->AddText(ImGui::GetFont(), size, pos, col, text, nullptr, 0.0f, &clip);
}

bool mod_add() {
  const ImGuiIO& io = ImGui::GetIO();
  return io.KeyShift || io.KeyCtrl || io.KeySuper;
}

const catalog::ServiceDescriptor* service_of(const doc::NodeDoc& n) { return catalog::find_service(n.type); }

// What is missing for the engine to place this node (a string key), or nullptr.
const char* placement_issue(const doc::NodeDoc& n) {
  const auto* s = service_of(n);
  if (!s) return nullptr;
  switch (s->placement) {
    case sim::PlacementKind::Az: return n.az.empty() ? "canvas.needs_az" : nullptr;
    case sim::PlacementKind::Region: return n.region.empty() ? "canvas.needs_region" : nullptr;
    case sim::PlacementKind::Internet: return n.region.empty() ? "canvas.needs_region_near" : nullptr;
    case sim::PlacementKind::Global: return nullptr;
  }
  return nullptr;
}

}  // namespace

// ---- [SECTION] Hit testing --------------------------------------------------------

std::optional<WorldRect> Canvas::frame_rect(const FrameRef& f) const {
  return f.region ? ed_.region_rect(f.key) : ed_.az_rect(f.key);
}

std::string Canvas::node_at(ImVec2 mouse, const std::string& except) const {
  const auto& nodes = ed_.document().nodes;
  ImVec2 w = to_world(mouse);
  for (auto it = nodes.rbegin(); it != nodes.rend(); ++it) {
    if (it->id == except) continue;
    WorldRect r = ed_.node_rect(it->id);
    if (r.contains(w.x, w.y)) return it->id;
  }
  return {};
}

std::optional<Canvas::FrameRef> Canvas::frame_at_world(float wx, float wy, bool az_only) const {
  for (const auto& r : ed_.document().regions)
    for (const auto& a : r.azs)
      if (auto ar = ed_.az_rect(a); ar && ar->contains(wx, wy)) return FrameRef{false, a};
  if (az_only) return std::nullopt;
  for (const auto& r : ed_.document().regions)
    if (auto rr = ed_.region_rect(r.code); rr && rr->contains(wx, wy)) return FrameRef{true, r.code};
  return std::nullopt;
}

Canvas::Hit Canvas::hit_test(ImVec2 mouse) const {
  const doc::Document& d = ed_.document();
  const float hr2 = (kHandleR + 4) * (kHandleR + 4);
  for (auto it = d.nodes.rbegin(); it != d.nodes.rend(); ++it) {
    WorldRect r = ed_.node_rect(it->id);
    const auto* s = service_of(*it);
    if ((!s || catalog::has_source_roles(*s)) && len2(sub(mouse, out_handle(r))) <= hr2) return {Hit::OutHandle, it->id, {}};
  }
  if (std::string n = node_at(mouse); !n.empty()) return {Hit::Node, n, {}};
  for (const auto& c : d.connections) {
    if (!d.find_node(c.from) || !d.find_node(c.to)) continue;
    Bezier b = wire_curve(out_handle(ed_.node_rect(c.from)), in_handle(ed_.node_rect(c.to)), zoom_);
    ImVec2 prev = b.p0;
    for (int i = 1; i <= 20; ++i) {
      ImVec2 p = b.at(i / 20.0f);
      if (dist_to_segment2(mouse, prev, p) <= 36.0f) return {Hit::Wire, c.id, {}};
      prev = p;
    }
  }
  // Frames: AZs (inner) before Regions; the header strip moves, the corner resizes.
  auto frame_hit = [&](const FrameRef& f) -> std::optional<Hit> {
    auto r = frame_rect(f);
    if (!r) return std::nullopt;
    ImVec2 mn = to_screen(r->x, r->y), mx = to_screen(r->x + r->w, r->y + r->h);
    if (mouse.x >= mx.x - 14 && mouse.x <= mx.x + 3 && mouse.y >= mx.y - 14 && mouse.y <= mx.y + 3)
      return Hit{Hit::FrameCorner, {}, f};
    if (mouse.x >= mn.x && mouse.x <= mx.x && mouse.y >= mn.y && mouse.y <= mn.y + kFrameHeader * zoom_)
      return Hit{Hit::FrameHeader, {}, f};
    return std::nullopt;
  };
  for (const auto& r : d.regions)
    for (const auto& a : r.azs)
      if (auto h = frame_hit({false, a})) return *h;
  for (const auto& r : d.regions)
    if (auto h = frame_hit({true, r.code})) return *h;
  return {};
}

// ---- [SECTION] Frame ------------------------------------------------------------------

void Canvas::draw() {
  now_ = ImGui::GetTime();
  origin_ = ImGui::GetCursorScreenPos();
  size_ = ImGui::GetContentRegionAvail();
  if (size_.x < 50 || size_.y < 50) return;
  if (fitted_opened_ != ed_.documents_opened()) {  // a document was opened: show all of it
    fitted_opened_ = ed_.documents_opened();
    fit_pending_ = true;
  }
  // The view was fitted and not moved since, and the browser window changed size: fit
  // again, so nothing is cut off. A panel opening inside the window (the run's panel on
  // Play) leaves the view alone: the view moves only when the user asks.
  const ImVec2 window = ImGui::GetMainViewport()->Size;
  if (fitted_size_.x > 0 && (std::abs(fitted_window_.x - window.x) > 1 || std::abs(fitted_window_.y - window.y) > 1))
    fit_pending_ = true;
  if (fit_pending_) do_fit();

  ImGui::InvisibleButton("##canvas", size_,
                         ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight |
                             ImGuiButtonFlags_MouseButtonMiddle);
  const bool hovered = ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem);
  handle_drop();
  handle_input(hovered);
  handle_keys();

  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(origin_, add(origin_, size_), true);
  dl->AddRectFilled(origin_, add(origin_, size_), kBg);
  draw_grid(dl);
  board_.clear();
  board_obstacles_ = 0;
  drawn_labels_.clear();
  plan_node_labels();
  draw_frames(dl);
  draw_az_spans(dl);
  draw_wires(dl);
  draw_nodes(dl);
  if (overlay_hook) overlay_hook(dl);
  draw_overlays(dl);
  draw_toasts(dl);
  dl->PopClipRect();
  context_menu();
  draw_help();
}

std::array<ImVec2, 4> Canvas::wire_bezier(const std::string& from, const std::string& to) const {
  Bezier b = wire_curve(out_handle(ed_.node_rect(from)), in_handle(ed_.node_rect(to)), zoom_);
  return {b.p0, b.p1, b.p2, b.p3};
}

void Canvas::add_at_center(const std::string& type) {
  ImVec2 c = to_world(ImVec2(origin_.x + size_.x / 2, origin_.y + size_.y / 2));
  ed_.add_node_near(type, c.x, c.y);
}

void Canvas::zoom_by(float factor) { zoom_at(ImVec2(origin_.x + size_.x / 2, origin_.y + size_.y / 2), factor); }

void Canvas::zoom_at(ImVec2 s, float factor) { pan_zoom(s, s, factor); }

void Canvas::pan_zoom(ImVec2 from, ImVec2 to, float scale) {
  ImVec2 w = to_world(from);
  zoom_ = std::clamp(zoom_ * scale, min_zoom(), kMaxZoom);
  offset_ = ImVec2(to.x - origin_.x - w.x * zoom_, to.y - origin_.y - w.y * zoom_);
  fitted_size_ = ImVec2(0, 0);
}

// A phone shows a whole diagram, even a wide one, at a small zoom (a pinch enlarges it).
float Canvas::min_zoom() const { return view_only_ ? 0.05f : kMinZoom; }

void Canvas::do_fit() {
  fit_pending_ = false;
  const doc::Document& d = ed_.document();
  float x0 = 1e30f, y0 = 1e30f, x1 = -1e30f, y1 = -1e30f;
  auto grow = [&](const WorldRect& r) {
    x0 = std::min(x0, r.x), y0 = std::min(y0, r.y);
    x1 = std::max(x1, r.x + r.w), y1 = std::max(y1, r.y + r.h);
  };
  for (const auto& r : d.regions)
    if (auto rr = ed_.region_rect(r.code)) grow(*rr);
  for (const auto& n : d.nodes) grow(ed_.node_rect(n.id));
  if (x0 > x1) { x0 = 0, y0 = 0, x1 = 800, y1 = 500; }
  if (camera_frame_) {
    x0 = camera_frame_->x, y0 = camera_frame_->y;
    x1 = x0 + camera_frame_->w, y1 = y0 + camera_frame_->h;
  }
  const float margin = view_only_ ? 12 : 48;
  float z = std::min((size_.x - 2 * margin) / std::max(1.0f, x1 - x0), (size_.y - 2 * margin) / std::max(1.0f, y1 - y0));
  zoom_ = std::clamp(z, min_zoom(), 1.25f);
  offset_ = ImVec2(size_.x / 2 - (x0 + x1) / 2 * zoom_, size_.y / 2 - (y0 + y1) / 2 * zoom_);
  fitted_size_ = size_;
  fitted_window_ = ImGui::GetMainViewport()->Size;
}

// ---- [SECTION] Mouse input ----------------------------------------------------------------

void Canvas::begin_left_drag(const Hit& hit) {
  ImGuiIO& io = ImGui::GetIO();
  drag_start_screen_ = io.MousePos;
  drag_start_world_ = to_world(io.MousePos);
  drag_moved_ = false;
  press_toggled_ = false;
  if (view_only_ || ImGui::IsKeyDown(ImGui::GetKeyIndex(ImGuiKey_Space))) {
    mode_ = Mode::Pan;  // (view only: a press without a drag is a tap, see finish_drag)
    pan_button_ = 0;
    return;
  }
  Selection& sel = ed_.mutable_selection();
  switch (hit.kind) {
    case Hit::OutHandle:
      mode_ = Mode::Wire;
      wire_from_ = hit.id;
      wire_target_.clear();
      wire_refusal_.reset();
      return;
    case Hit::Node: {
      selected_frame_.reset();
      press_node_ = hit.id;
      if (mod_add()) {
        if (sel.nodes.count(hit.id)) sel.nodes.erase(hit.id);
        else sel.nodes.insert(hit.id);
        press_toggled_ = true;
      } else if (!sel.nodes.count(hit.id)) {
        ed_.select_node(hit.id);
      }
      move_start_.clear();
      for (const auto& id : sel.nodes) {
        WorldRect r = ed_.node_rect(id);
        move_start_[id] = ImVec2(r.x, r.y);
      }
      mode_ = Mode::Move;
      return;
    }
    case Hit::Wire:
      selected_frame_.reset();
      if (!mod_add()) ed_.clear_selection();
      if (sel.connections.count(hit.id) && mod_add()) sel.connections.erase(hit.id);
      else sel.connections.insert(hit.id);
      mode_ = Mode::None;
      return;
    case Hit::FrameHeader:
    case Hit::FrameCorner: {
      selected_frame_ = hit.frame;
      drag_frame_ = hit.frame;
      frame_start_.clear();
      move_start_.clear();
      const doc::Document& d = ed_.document();
      auto keep = [&](const FrameRef& f) {
        if (auto r = frame_rect(f)) frame_start_[(f.region ? "r:" : "a:") + f.key] = *r;
      };
      keep(hit.frame);
      if (hit.kind == Hit::FrameHeader) {
        // A Region carries its AZ frames and every node inside it; an AZ carries its nodes.
        auto fr = *frame_rect(hit.frame);
        for (const auto& r : d.regions)
          if (hit.frame.region && r.code == hit.frame.key)
            for (const auto& a : r.azs) keep({false, a});
        for (const auto& n : d.nodes) {
          WorldRect nr = ed_.node_rect(n.id);
          bool inside = fr.contains(nr.x + nr.w / 2, nr.y + nr.h / 2);
          bool belongs = hit.frame.region ? n.region == hit.frame.key : n.az == hit.frame.key;
          if (inside || belongs) move_start_[n.id] = ImVec2(nr.x, nr.y);
        }
      }
      mode_ = hit.kind == Hit::FrameHeader ? Mode::FrameMove : Mode::FrameResize;
      return;
    }
    case Hit::Empty:
      selected_frame_.reset();
      if (!mod_add()) ed_.clear_selection();
      mode_ = Mode::Box;
      return;
  }
}

void Canvas::handle_input(bool hovered) {
  ImGuiIO& io = ImGui::GetIO();
  const ImVec2 mouse = io.MousePos;
  mouse_world_.reset();
  if (hovered) mouse_world_ = to_world(mouse);
  const bool popup = ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel);

  if (hovered && !popup) {
    // Wheel zooms at the cursor (a touchpad pinch arrives as a wheel with Ctrl); a sideways wheel pans.
    if (io.MouseWheel != 0) zoom_at(mouse, std::pow(1.15f, std::clamp(io.MouseWheel, -4.0f, 4.0f)));
    if (io.MouseWheelH != 0) offset_.x += io.MouseWheelH * 40, fitted_size_ = ImVec2(0, 0);
    if (mode_ == Mode::None) {
      hover_node_ = node_at(mouse);
      if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) begin_left_drag(hit_test(mouse));
      else if (ImGui::IsMouseClicked(ImGuiMouseButton_Middle) || ImGui::IsMouseClicked(ImGuiMouseButton_Right)) {
        mode_ = Mode::Pan;
        pan_button_ = ImGui::IsMouseClicked(ImGuiMouseButton_Middle) ? 2 : 1;
        drag_start_screen_ = mouse;
        drag_moved_ = false;
      }
    }
    if (mode_ == Mode::None && !hover_node_.empty()) {
      if (const doc::NodeDoc* n = ed_.document().find_node(hover_node_))
        if (const char* issue = placement_issue(*n)) ImGui::SetTooltip("%s", tr(issue));
    }
    if (mode_ == Mode::None) {
      Hit h = hit_test(mouse);
      if (ImGui::IsKeyDown(ImGui::GetKeyIndex(ImGuiKey_Space))) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
      else if (h.kind == Hit::OutHandle) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
      else if (h.kind == Hit::FrameHeader) ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeAll);
      else if (h.kind == Hit::FrameCorner) ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeNWSE);
      // A poll or event wire explains itself: its calls do not go the way a call's do.
      if (h.kind == Hit::Wire)
        if (const doc::ConnectionDoc* c = ed_.document().find_connection(h.id))
          if (auto role = catalog::parse_role(c->role); role && *role != sim::WireRole::Call)
            ImGui::SetTooltip("%s: %s", catalog::role_name(*role).get(korean()), catalog::role_help(*role).get(korean()));
    }
  } else if (mode_ == Mode::None) {
    hover_node_.clear();
  }

  if (mode_ == Mode::None) return;
  const int button = mode_ == Mode::Pan ? pan_button_ : 0;
  if (len2(sub(mouse, drag_start_screen_)) > 9) drag_moved_ = true;
  const ImVec2 wd = sub(to_world(mouse), drag_start_world_);
  const bool snap = !io.KeyAlt;

  switch (mode_) {
    case Mode::Pan:
      if (touch_input_) break;  // fingers pan through pan_zoom
      offset_ = add(offset_, io.MouseDelta);
      fitted_size_ = ImVec2(0, 0);
      ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
      break;
    case Mode::Move:
      if (!drag_moved_) break;
      for (const auto& [id, start] : move_start_) {
        float x = start.x + wd.x, y = start.y + wd.y;
        ed_.set_node_pos(id, snap ? snapv(x) : x, snap ? snapv(y) : y);
      }
      {
        WorldRect r = ed_.node_rect(press_node_);
        drop_frame_ = frame_at_world(r.x + r.w / 2, r.y + r.h / 2, false);
      }
      break;
    case Mode::Wire:
      wire_target_ = node_at(mouse, wire_from_);
      wire_refusal_.reset();
      if (!wire_target_.empty()) wire_refusal_ = ed_.connect_refusal(wire_from_, wire_target_);
      break;
    case Mode::FrameMove:
    case Mode::FrameResize:
      if (!drag_moved_) break;
      for (const auto& [key, start] : frame_start_) {
        FrameRef f{key[0] == 'r', key.substr(2)};
        WorldRect r = start;
        if (mode_ == Mode::FrameMove) {
          r.x = snapv(start.x + wd.x);
          r.y = snapv(start.y + wd.y);
        } else {
          r.w = std::max(snapv(start.w + wd.x), 200.0f);
          r.h = std::max(snapv(start.h + wd.y), 120.0f);
        }
        if (f.region) ed_.set_region_rect(f.key, r);
        else ed_.set_az_rect(f.key, r);
      }
      for (const auto& [id, start] : move_start_) ed_.set_node_pos(id, snapv(start.x + wd.x), snapv(start.y + wd.y));
      break;
    default:
      break;
  }
  if (!ImGui::IsMouseDown(button)) finish_drag();
}

void Canvas::finish_drag() {
  ImGuiIO& io = ImGui::GetIO();
  const Mode mode = mode_;
  mode_ = Mode::None;
  drop_frame_.reset();
  switch (mode) {
    case Mode::Pan:
      if (view_only_) {
        if (!drag_moved_ && pan_button_ == 0) {  // a tap selects (the plots follow the selection)
          Hit h = hit_test(io.MousePos);
          if (h.kind == Hit::Node) ed_.select_node(h.id);
          else ed_.clear_selection();
        }
        break;
      }
      if (!drag_moved_ && pan_button_ == 1) {  // a right click (no drag): context menu
        Hit h = hit_test(io.MousePos);
        context_node_ = h.kind == Hit::Node || h.kind == Hit::OutHandle ? h.id : "";
        context_wire_ = h.kind == Hit::Wire ? h.id : "";
        context_frame_.reset();
        if (h.kind == Hit::FrameHeader || h.kind == Hit::FrameCorner) context_frame_ = h.frame;
        else if (h.kind == Hit::Empty) {
          ImVec2 w = to_world(io.MousePos);
          context_frame_ = frame_at_world(w.x, w.y, false);
        }
        context_world_ = to_world(io.MousePos);
        if (!context_node_.empty() && !ed_.selection().nodes.count(context_node_)) ed_.select_node(context_node_);
        ImGui::OpenPopup("##canvas_ctx");
      }
      break;
    case Mode::Move:
      if (drag_moved_) {
        std::vector<std::string> ids;
        for (const auto& [id, _] : move_start_) ids.push_back(id);
        ed_.finish_move(ids);
      } else if (!press_toggled_) {
        ed_.select_node(press_node_);  // a click on one of several selected nodes selects only it
      }
      break;
    case Mode::Box:
      if (drag_moved_) {
        ImVec2 a = to_world(drag_start_screen_), b = to_world(io.MousePos);
        WorldRect box{std::min(a.x, b.x), std::min(a.y, b.y), std::fabs(a.x - b.x), std::fabs(a.y - b.y)};
        Selection& sel = ed_.mutable_selection();
        for (const auto& n : ed_.document().nodes) {
          WorldRect r = ed_.node_rect(n.id);
          if (r.x < box.x + box.w && box.x < r.x + r.w && r.y < box.y + box.h && box.y < r.y + r.h) sel.nodes.insert(n.id);
        }
        for (const auto& c : ed_.document().connections)
          if (sel.nodes.count(c.from) && sel.nodes.count(c.to)) sel.connections.insert(c.id);
      }
      break;
    case Mode::Wire:
      if (!wire_target_.empty()) {
        std::string why;
        if (!ed_.connect(wire_from_, wire_target_, &why)) ed_.notify(trf("msg.wire_refused", why.c_str()), true);
      }
      wire_from_.clear();
      wire_target_.clear();
      wire_refusal_.reset();
      break;
    case Mode::FrameMove:
    case Mode::FrameResize:
      if (drag_moved_) {
        // Nodes now inside another AZ (a moved frame may cover them) keep theirs until moved.
        ed_.commit(mode == Mode::FrameMove ? tr("undo.move_frame") : tr("undo.resize_frame"));
      }
      break;
    default:
      break;
  }
}

// ---- [SECTION] Keyboard ------------------------------------------------------------------

void Canvas::handle_keys() {
  ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput || ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel))
    return;
  const bool ctrl = io.KeyCtrl || io.KeySuper;
  auto pressed = [](ImGuiKey k) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(k), false); };
  // Letters without an ImGuiKey (D, F): SDL scancodes are USB HID usages, contiguous from A.
  auto letter = [](char c) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_A) + (c - 'a'), false); };

  if (view_only_) {
    if (!ctrl && letter('f')) fit_pending_ = true;
    return;
  }
  if (mode_ != Mode::None) {
    if (pressed(ImGuiKey_Escape)) {  // cancel the drag: put things back
      for (const auto& [id, start] : move_start_) ed_.set_node_pos(id, start.x, start.y);
      for (const auto& [key, start] : frame_start_) {
        if (key[0] == 'r') ed_.set_region_rect(key.substr(2), start);
        else ed_.set_az_rect(key.substr(2), start);
      }
      mode_ = Mode::None;
      drop_frame_.reset();
      wire_from_.clear();
    }
    return;
  }
  if (pressed(ImGuiKey_Delete) || pressed(ImGuiKey_Backspace)) ed_.delete_selection();
  if (ctrl && letter('d')) ed_.duplicate_selection();
  if (ctrl && pressed(ImGuiKey_C)) ed_.copy_selection();
  if (ctrl && pressed(ImGuiKey_X) && !ed_.selection().nodes.empty()) {
    ed_.copy_selection();
    ed_.delete_selection();
  }
  if (ctrl && pressed(ImGuiKey_A)) {
    Selection& sel = ed_.mutable_selection();
    for (const auto& n : ed_.document().nodes) sel.nodes.insert(n.id);
    for (const auto& c : ed_.document().connections) sel.connections.insert(c.id);
  }
  if (!ctrl && letter('f')) fit_pending_ = true;
  if (pressed(ImGuiKey_Escape)) {
    if (help_open_) help_open_ = false;
    else ed_.clear_selection();
  }
  // Arrow keys nudge the selection by one grid step (one undo step per press).
  float dx = 0, dy = 0;
  auto repeating = [](ImGuiKey k) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(k), true); };
  if (repeating(ImGuiKey_LeftArrow)) dx = -Editor::kGrid;
  if (repeating(ImGuiKey_RightArrow)) dx = Editor::kGrid;
  if (repeating(ImGuiKey_UpArrow)) dy = -Editor::kGrid;
  if (repeating(ImGuiKey_DownArrow)) dy = Editor::kGrid;
  if ((dx != 0 || dy != 0) && !ed_.selection().nodes.empty()) {
    std::vector<std::string> ids(ed_.selection().nodes.begin(), ed_.selection().nodes.end());
    for (const auto& id : ids) {
      WorldRect r = ed_.node_rect(id);
      ed_.set_node_pos(id, r.x + dx, r.y + dy);
    }
    ed_.finish_move(ids);
  }
}

// ---- [SECTION] Drop from the palette --------------------------------------------------------

void Canvas::handle_drop() {
  if (view_only_ || !ImGui::BeginDragDropTarget()) return;
  const ImGuiPayload* p = ImGui::AcceptDragDropPayload(kPayloadService, ImGuiDragDropFlags_AcceptNoDrawDefaultRect |
                                                                            ImGuiDragDropFlags_AcceptBeforeDelivery);
  if (p && p->Data) {
    ImVec2 w = to_world(ImGui::GetIO().MousePos);
    drop_frame_ = frame_at_world(w.x, w.y, false);
    if (p->IsDelivery()) {
      std::string type(static_cast<const char*>(p->Data));
      ed_.add_node(type, w.x - Editor::kNodeW / 2, w.y - Editor::kNodeH / 2);
      drop_frame_.reset();
    }
  }
  ImGui::EndDragDropTarget();
}

// ---- [SECTION] Drawing ------------------------------------------------------------------------

void Canvas::draw_grid(ImDrawList* dl) const {
  float step = Editor::kGrid * zoom_;
  int major_every = 5;
  if (step < 9) {
    step *= 5;
    major_every = 4;
  }
  const ImVec2 mx = add(origin_, size_);
  const float ox = std::fmod(offset_.x, step), oy = std::fmod(offset_.y, step);
  const long first_x = std::lround(std::floor((-offset_.x) / step));
  const long first_y = std::lround(std::floor((-offset_.y) / step));
  int i = 0;
  for (float x = origin_.x + (ox < 0 ? ox + step : ox); x < mx.x; x += step, ++i) {
    long k = first_x + i + (ox <= 0 ? 1 : 0);
    dl->AddLine(ImVec2(x, origin_.y), ImVec2(x, mx.y), k % major_every == 0 ? kGridMajor : kGridMinor);
  }
  i = 0;
  for (float y = origin_.y + (oy < 0 ? oy + step : oy); y < mx.y; y += step, ++i) {
    long k = first_y + i + (oy <= 0 ? 1 : 0);
    dl->AddLine(ImVec2(origin_.x, y), ImVec2(mx.x, y), k % major_every == 0 ? kGridMajor : kGridMinor);
  }
}

void Canvas::draw_frames(ImDrawList* dl) {
  const doc::Document& d = ed_.document();
  const bool ko = korean();
  const float fs = ImGui::GetFontSize();
  const ImVec4 clip_all(origin_.x, origin_.y, origin_.x + size_.x, origin_.y + size_.y);
  auto highlighted = [&](const FrameRef& f) { return drop_frame_ && *drop_frame_ == f; };
  auto selected = [&](const FrameRef& f) { return selected_frame_ && *selected_frame_ == f; };
  for (const auto& r : d.regions) {
    auto rr = ed_.region_rect(r.code);
    if (!rr) continue;
    ImVec2 mn = to_screen(rr->x, rr->y), mx = to_screen(rr->x + rr->w, rr->y + rr->h);
    FrameRef f{true, r.code};
    dl->AddRectFilled(mn, mx, highlighted(f) ? IM_COL32(0, 164, 166, 28) : IM_COL32(0, 164, 166, 8));
    dashed_rect(dl, mn, mx, kRegionCol, selected(f) ? 2.5f : 1.5f);
    // Header: a flag and "US East (N. Virginia)  us-east-1"; zoomed out, the code alone;
    // never smaller than kMinTextPx, never over a card's name.
    const float ts = std::clamp(fs * zoom_, kMinTextPx, 2.2f * fs);
    const float code_ts = std::max(kMinTextPx, ts * 0.9f);
    {
      ImVec2 fl(mn.x + 10 * zoom_, mn.y + 8 * zoom_);
      float h = std::max(8.0f, 14 * zoom_);
      dl->AddRectFilled(fl, ImVec2(fl.x + std::max(1.0f, 1.5f * zoom_), fl.y + h), kRegionCol);
      dl->AddTriangleFilled(ImVec2(fl.x + 1.5f * zoom_, fl.y), ImVec2(fl.x + std::max(6.0f, 11 * zoom_), fl.y + h * 0.3f),
                            ImVec2(fl.x + 1.5f * zoom_, fl.y + h * 0.6f), kRegionCol);
      const catalog::RegionSpec* spec = catalog::find_region(r.code);
      const std::string title = spec ? spec->name.get(ko) : r.code;
      const ImVec2 tp(fl.x + std::max(10.0f, 18 * zoom_), mn.y + std::max(2.0f, 6 * zoom_));
      const float room = mx.x - tp.x - 8;
      ImFont* font = ImGui::GetFont();
      const float tw = text_width(font, ts, title), gap = 8 * zoom_ + 4;
      const float cw = text_width(font, code_ts, r.code);
      if (spec && tw + gap + cw <= room && claim_label("region", title + "  " + r.code, tp, ImVec2(tw + gap + cw, ts), ts)) {
        text_at(dl, ts, tp, IM_COL32(0x00, 0x6B, 0x6D, 255), title.c_str(), clip_all);
        text_at(dl, code_ts, ImVec2(tp.x + tw + gap, tp.y + (ts - code_ts) * 0.7f), kSubTextCol, r.code.c_str(), clip_all);
      } else if (cw <= room && claim_label("region", r.code, tp, ImVec2(cw, code_ts), code_ts)) {
        text_at(dl, code_ts, tp, IM_COL32(0x00, 0x6B, 0x6D, 255), r.code.c_str(), clip_all);
      }
    }
    dl->AddTriangleFilled(ImVec2(mx.x - 10, mx.y - 2), ImVec2(mx.x - 2, mx.y - 10), ImVec2(mx.x - 2, mx.y - 2),
                          IM_COL32(0, 164, 166, 120));
  }
  for (const auto& r : d.regions)
    for (const auto& a : r.azs) {
      auto ar = ed_.az_rect(a);
      if (!ar) continue;
      ImVec2 mn = to_screen(ar->x, ar->y), mx = to_screen(ar->x + ar->w, ar->y + ar->h);
      FrameRef f{false, a};
      dl->AddRectFilled(mn, mx, highlighted(f) ? IM_COL32(20, 126, 186, 36) : IM_COL32(20, 126, 186, 8));
      dashed_rect(dl, mn, mx, kAzCol, highlighted(f) || selected(f) ? 2.5f : 1.2f, 5, 4);
      {
        // "Availability Zone  use1-az1"; zoomed out, the AZ ID alone.
        const float ts = std::clamp(fs * 0.9f * zoom_, kMinTextPx, 2.0f * fs);
        const ImVec2 tp(mn.x + std::max(4.0f, 10 * zoom_), mn.y + std::max(2.0f, 8 * zoom_));
        const float room = mx.x - tp.x - 6;
        for (const std::string& label : {std::string(tr("canvas.az")) + "  " + a, a}) {
          const float w = text_width(ImGui::GetFont(), ts, label);
          if (w <= room && claim_label("az", label, tp, ImVec2(w, ts), ts)) {
            text_at(dl, ts, tp, kAzCol, label.c_str(), clip_all);
            break;
          }
        }
      }
      dl->AddTriangleFilled(ImVec2(mx.x - 9, mx.y - 2), ImVec2(mx.x - 2, mx.y - 9), ImVec2(mx.x - 2, mx.y - 2),
                            IM_COL32(20, 126, 186, 110));
    }
}

// A service that launches into several AZs (an Auto Scaling group: its "azs" param,
// or every AZ of its Region) sits in its Region's band, outside the AZ frames; thin
// dashed lines fan out from its card to each AZ it spans, as the group's subnets.
void Canvas::draw_az_spans(ImDrawList* dl) const {
  const doc::Document& d = ed_.document();
  const ImU32 col = IM_COL32(0xED, 0x71, 0x00, 170);
  for (const auto& n : d.nodes) {
    if (!catalog::has_trait(n.type, sim::Trait::SpansAzs) || n.region.empty()) continue;
    std::vector<std::string> azs = catalog::param_list(*catalog::find_service(n.type), n.params, "azs");
    if (azs.empty())
      for (const auto& r : d.regions)
        if (r.code == n.region) azs = r.azs;
    if (azs.size() < 2) continue;
    const WorldRect card = ed_.node_rect(n.id);
    const ImVec2 from = to_screen(card.x + card.w / 2, card.y + card.h);
    const float dot = std::clamp(3.5f * zoom_, 2.0f, 5.0f);
    for (const std::string& a : azs) {
      auto ar = ed_.az_rect(a);
      if (!ar || ar->contains(card.x + card.w / 2, card.y + card.h / 2)) continue;
      const ImVec2 to = to_screen(ar->x + ar->w / 2, ar->y);
      ImVec2 prev = from;
      const float len = std::abs(to.x - from.x) + std::abs(to.y - from.y);
      const int steps = std::clamp(static_cast<int>(len / 7), 8, 400) | 1;  // odd: the last dash reaches the frame
      for (int i = 1; i <= steps; ++i) {
        const float t = static_cast<float>(i) / steps;
        // A gentle S: down from the card, then toward the frame.
        const float u = t * t * (3 - 2 * t);
        ImVec2 p(from.x + (to.x - from.x) * u, from.y + (to.y - from.y) * t);
        if (i % 2) dl->AddLine(prev, p, col, std::clamp(1.4f * zoom_, 1.0f, 2.5f));
        prev = p;
      }
      dl->AddCircleFilled(to, dot, col);
    }
  }
}

void Canvas::draw_wires(ImDrawList* dl) const {
  const doc::Document& d = ed_.document();
  const Selection& sel = ed_.selection();
  const float thick = std::clamp(1.6f * zoom_, 1.0f, 3.5f);
  for (const auto& c : d.connections) {
    if (!d.find_node(c.from) || !d.find_node(c.to) || node_hidden(c.from) || node_hidden(c.to)) continue;
    WorldRect a = ed_.node_rect(c.from), b = ed_.node_rect(c.to);
    Bezier bz = wire_curve(out_handle(a), in_handle(b), zoom_);
    // Cull wires entirely off screen.
    float minx = std::min({bz.p0.x, bz.p1.x, bz.p2.x, bz.p3.x}), maxx = std::max({bz.p0.x, bz.p1.x, bz.p2.x, bz.p3.x});
    float miny = std::min({bz.p0.y, bz.p3.y}), maxy = std::max({bz.p0.y, bz.p3.y});
    if (maxx < origin_.x || minx > origin_.x + size_.x || maxy < origin_.y || miny > origin_.y + size_.y) continue;
    const bool selected = sel.connections.count(c.id) > 0;
    const sim::WireRole role = catalog::parse_role(c.role).value_or(sim::WireRole::Call);
    const ImU32 role_col = role == sim::WireRole::Poll        ? kPollCol
                           : role == sim::WireRole::Event     ? kEventCol
                           : role == sim::WireRole::Replicate ? kReplicaCol
                                                              : kWireCol;
    const ImU32 col = selected ? kSelectCol : role_col;
    const float w = selected ? thick + 1 : thick;
    const bool async = c.params.is_object() && c.params.value("mode", std::string()) == "async";
    // Dashes along the curve: `on` of every `period` of 48 steps (a poll: long dashes, an event:
    // dots, replication: dash and gap alike; an async call: short even dashes). The arrow always points the way the data flows.
    auto dashed = [&](int period, int on) {
      ImVec2 prev = bz.p0;
      for (int i = 1; i <= 48; ++i) {
        ImVec2 p = bz.at(i / 48.0f);
        if ((i - 1) % period < on) dl->AddLine(prev, p, col, w);
        prev = p;
      }
    };
    if (role == sim::WireRole::Poll) {
      dashed(6, 4);
    } else if (role == sim::WireRole::Event) {
      dashed(3, 1);
    } else if (role == sim::WireRole::Replicate) {
      dashed(4, 2);
    } else if (async) {
      ImVec2 prev = bz.p0;
      for (int i = 1; i <= 24; ++i) {
        ImVec2 p = bz.at(i / 24.0f);
        if (i % 2) dl->AddLine(prev, p, col, w);
        prev = p;
      }
    } else {
      dl->AddBezierCubic(bz.p0, bz.p1, bz.p2, bz.p3, col, w);
    }
    float ah = std::clamp(8 * zoom_, 5.0f, 14.0f);
    dl->AddTriangleFilled(bz.p3, ImVec2(bz.p3.x - ah, bz.p3.y - ah * 0.55f), ImVec2(bz.p3.x - ah, bz.p3.y + ah * 0.55f), col);
    // A poll or event wire says so at its middle (below it: the run's rate label sits above).
    // A poll carries its batch size there too ("Poll · batch 10"): how many messages one
    // receive hands the consumer.
    // A call that takes only reads or only writes says so ("Reads"): the read replica's wire.
    const std::string carries = role == sim::WireRole::Call && c.params.is_object() ? c.params.value("requests", "all") : "all";
    if ((role != sim::WireRole::Call || carries != "all") && zoom_ >= 0.45f) {
      std::string tag = role != sim::WireRole::Call ? catalog::role_name(role).get(korean())
                        : carries == "reads"        ? tr("canvas.reads_only")
                                                    : tr("canvas.writes_only");
      const catalog::ServiceDescriptor* sa = service_of(*d.find_node(c.from));
      const catalog::ServiceDescriptor* sb = service_of(*d.find_node(c.to));
      if (catalog::find_param(catalog::wire_params(sa, sb, role), "batch_size")) {
        const nlohmann::json p = catalog::wire_with_defaults(sa, sb, role, c.params);
        tag += " · " + trf("canvas.batch", static_cast<int>(catalog::param_number(p, "batch_size")));
      }
      const float px = std::max(11.0f, 12.0f * zoom_);
      const ImVec2 ts = ImGui::GetFont()->CalcTextSizeA(px, 1e9f, 0, tag.c_str());
      const ImVec2 m = bz.at(0.5f);
      const ImVec2 p(m.x - ts.x / 2, m.y + 4);
      dl->AddRectFilled(ImVec2(p.x - 4, p.y - 1), ImVec2(p.x + ts.x + 4, p.y + ts.y + 1), IM_COL32(255, 255, 255, 235), 4);
      dl->AddRect(ImVec2(p.x - 4, p.y - 1), ImVec2(p.x + ts.x + 4, p.y + ts.y + 1), col, 4);
      dl->AddText(ImGui::GetFont(), px, p, col, tag.c_str());
    }
  }
}

void Canvas::draw_node(ImDrawList* dl, const doc::NodeDoc& n, const WorldRect& r, bool selected, bool target_ok,
                       bool target_bad) const {
  const bool ko = korean();
  const auto* s = service_of(n);
  const catalog::Category cat = s ? s->category : catalog::Category::Testing;
  ImVec2 mn = to_screen(r.x, r.y), mx = to_screen(r.x + r.w, r.y + r.h);
  const float rounding = 8 * zoom_;
  dl->AddRectFilled(ImVec2(mn.x + 1, mn.y + 2), ImVec2(mx.x + 1, mx.y + 3), IM_COL32(0, 0, 0, 18), rounding);
  dl->AddRectFilled(mn, mx, IM_COL32(255, 255, 255, 255), rounding);
  ImU32 border = IM_COL32(0xC6, 0xCD, 0xD5, 255);
  float bt = 1.0f;
  if (selected) border = kSelectCol, bt = 2.5f;
  if (target_ok) border = kOkCol, bt = 3.0f;
  if (target_bad) border = kBadCol, bt = 3.0f;
  dl->AddRect(mn, mx, border, rounding, 0, bt);
  const float icon = 36 * zoom_;
  draw_service_icon(dl, n.type, cat, ImVec2(mn.x + 12 * zoom_, mn.y + (r.h * zoom_ - icon) / 2), icon);
  // Its name and service (planned in plan_node_labels: readable sizes, no overlaps).
  if (auto it = node_labels_.find(n.id); it != node_labels_.end()) {
    const NodeLabels& l = it->second;
    const ImVec4 clip(mn.x, mn.y, mx.x, mx.y);
    if (!l.title.empty()) text_at(dl, l.title_px, l.title_pos, kTextCol, l.title.c_str(), clip);
    if (!l.subtitle.empty()) text_at(dl, l.subtitle_px, l.subtitle_pos, kSubTextCol, l.subtitle.c_str(), clip);
  }
  (void)ko;
  // Not placed where the engine needs it: an orange "!" (the tooltip says what to do).
  if (placement_issue(n)) {
    ImVec2 c(mx.x - 2 * zoom_, mn.y + 2 * zoom_);
    float r = std::clamp(8 * zoom_, 5.0f, 12.0f);
    dl->AddCircleFilled(c, r, IM_COL32(0xEC, 0x72, 0x11, 255));
    dl->AddLine(ImVec2(c.x, c.y - r * 0.5f), ImVec2(c.x, c.y + r * 0.15f), IM_COL32(255, 255, 255, 255), std::max(1.5f, r * 0.22f));
    dl->AddCircleFilled(ImVec2(c.x, c.y + r * 0.48f), std::max(1.0f, r * 0.13f), IM_COL32(255, 255, 255, 255));
  }
  // Handles: in (left) and out (right), shown when they can be used.
  const bool show = selected || hover_node_ == n.id || mode_ == Mode::Wire;
  const float hr = std::clamp(kHandleR * std::sqrt(zoom_), 3.5f, 8.0f);
  if (show && (!s || catalog::has_target_roles(*s)))
    dl->AddCircleFilled(in_handle(r), hr, IM_COL32(255, 255, 255, 255)),
        dl->AddCircle(in_handle(r), hr, kWireCol, 0, 1.5f);
  if (!s || catalog::has_source_roles(*s)) {
    ImVec2 oh = out_handle(r);
    dl->AddCircleFilled(oh, hr, show ? kSelectCol : IM_COL32(0xA0, 0xAA, 0xB5, 255));
    dl->AddCircle(oh, hr, IM_COL32(255, 255, 255, 255), 0, 1.5f);
  }
}

// Cards first (their names matter most): each visible card is an obstacle for labels
// drawn outside cards (run badges, wire rates), and its text is planned by
// plan_card_text — readable, shortened with "…" to the card, or left out.
void Canvas::plan_node_labels() {
  node_labels_.clear();
  card_obstacle_.clear();
  const bool ko = korean();
  const float fs = ImGui::GetFontSize();
  ImFont* font = ImGui::GetFont();
  const ImVec2 vmax = add(origin_, size_);
  for (const auto& n : ed_.document().nodes) {
    const WorldRect r = ed_.node_rect(n.id);
    const ImVec2 mn = to_screen(r.x, r.y), mx = to_screen(r.x + r.w, r.y + r.h);
    if (mx.x < origin_.x - 10 || mn.x > vmax.x + 10 || mx.y < origin_.y - 10 || mn.y > vmax.y + 10) continue;
    card_obstacle_[n.id] = static_cast<int>(board_obstacles_++);
    board_.add_obstacle({mn.x, mn.y, mx.x - mn.x, mx.y - mn.y});
    const CardText plan = plan_card_text(zoom_, fs, r.h);
    NodeLabels l;
    const float x = mn.x + 56 * zoom_, room = mx.x - 8 * zoom_ - 2 - x;
    if (plan.title) {
      const std::string full = n.name.empty() ? n.id : n.name;
      std::string t = ellipsize(font, plan.title_px, full, room);
      // "W…" says nothing: fewer than three characters, and the card shows only its icon.
      if (char_count(t) >= 3 || t == full) {
        l.title_pos = ImVec2(x, mn.y + plan.title_y);
        if (claim_label("card_title", t, l.title_pos, ImVec2(text_width(font, plan.title_px, t), plan.title_px), plan.title_px))
          l.title = t, l.title_px = plan.title_px;
      }
    }
    if (plan.subtitle && !l.title.empty()) {
      const auto* s = service_of(n);
      std::string t = ellipsize(font, plan.subtitle_px, s ? s->name.get(ko) : n.type, room);
      l.subtitle_pos = ImVec2(x, mn.y + plan.subtitle_y);
      if (char_count(t) >= 3 &&
          claim_label("card_service", t, l.subtitle_pos, ImVec2(text_width(font, plan.subtitle_px, t), plan.subtitle_px),
                      plan.subtitle_px))
        l.subtitle = t, l.subtitle_px = plan.subtitle_px;
    }
    node_labels_[n.id] = std::move(l);
  }
}

bool Canvas::claim_label(const char* kind, const std::string& text, ImVec2 pos, ImVec2 size, float px,
                         bool avoid_cards, const std::string& own_node) {
  if (px < kMinTextPx - 0.01f) return false;
  const LabelRect r{pos.x, pos.y, size.x, size.y};
  int own = -1;
  if (auto it = card_obstacle_.find(own_node); it != card_obstacle_.end()) own = it->second;
  if (!board_.place(r, avoid_cards, own)) return false;
  drawn_labels_.push_back({kind, text, r, px});
  return true;
}

void Canvas::draw_nodes(ImDrawList* dl) const {
  const doc::Document& d = ed_.document();
  const Selection& sel = ed_.selection();
  const ImVec2 mx = add(origin_, size_);
  for (const auto& n : d.nodes) {
    if (node_hidden(n.id)) continue;
    WorldRect r = ed_.node_rect(n.id);
    ImVec2 a = to_screen(r.x, r.y), b = to_screen(r.x + r.w, r.y + r.h);
    if (b.x < origin_.x - 10 || a.x > mx.x + 10 || b.y < origin_.y - 10 || a.y > mx.y + 10) continue;
    bool is_target = mode_ == Mode::Wire && n.id == wire_target_;
    draw_node(dl, n, r, sel.nodes.count(n.id) > 0, is_target && !wire_refusal_, is_target && wire_refusal_.has_value());
  }
}

void Canvas::draw_overlays(ImDrawList* dl) {
  ImGuiIO& io = ImGui::GetIO();
  const float fs = ImGui::GetFontSize();
  if (mode_ == Mode::Box && drag_moved_) {
    ImVec2 a = drag_start_screen_, b = io.MousePos;
    ImVec2 mn(std::min(a.x, b.x), std::min(a.y, b.y)), mx(std::max(a.x, b.x), std::max(a.y, b.y));
    dl->AddRectFilled(mn, mx, IM_COL32(9, 114, 211, 28));
    dl->AddRect(mn, mx, IM_COL32(9, 114, 211, 180), 0, 0, 1.0f);
  }
  if (mode_ == Mode::Wire && ed_.document().find_node(wire_from_)) {
    ImVec2 a = out_handle(ed_.node_rect(wire_from_));
    ImVec2 b = io.MousePos;
    ImU32 col = kSelectCol;
    if (!wire_target_.empty()) {
      if (wire_refusal_) col = kBadCol;
      else {
        b = in_handle(ed_.node_rect(wire_target_));  // a valid target: the wire snaps to its input
        col = kOkCol;
      }
    }
    Bezier bz = wire_curve(a, b, zoom_);
    dl->AddBezierCubic(bz.p0, bz.p1, bz.p2, bz.p3, col, 2.5f);
    dl->AddCircleFilled(b, 4.0f, col);
    if (wire_refusal_) {
      // The reason, beside the cursor, in a red box that stays inside the canvas.
      const float wrap = fs * 22;
      ImVec2 ts = ImGui::GetFont()->CalcTextSizeA(fs, 1e9f, wrap, wire_refusal_->c_str());
      ImVec2 p(io.MousePos.x + 18, io.MousePos.y + 14);
      p.x = std::min(p.x, origin_.x + size_.x - ts.x - 16);
      p.y = std::min(p.y, origin_.y + size_.y - ts.y - 16);
      dl->AddRectFilled(ImVec2(p.x - 8, p.y - 6), ImVec2(p.x + ts.x + 8, p.y + ts.y + 6), IM_COL32(0xFF, 0xF1, 0xF1, 245), 5);
      dl->AddRect(ImVec2(p.x - 8, p.y - 6), ImVec2(p.x + ts.x + 8, p.y + ts.y + 6), kBadCol, 5, 0, 1.5f);
      dl->AddText(ImGui::GetFont(), fs, p, IM_COL32(0x8C, 0x0A, 0x0A, 255), wire_refusal_->c_str(), nullptr, wrap);
    }
  }
  // Dragging a service from the palette: a ghost card under the cursor.
  if (const ImGuiPayload* p = ImGui::GetDragDropPayload(); p && p->IsDataType(kPayloadService) && p->Data) {
    ImVec2 m = io.MousePos;
    if (m.x >= origin_.x && m.y >= origin_.y && m.x < origin_.x + size_.x && m.y < origin_.y + size_.y) {
      std::string type(static_cast<const char*>(p->Data));
      const auto* s = catalog::find_service(type);
      ImVec2 half(Editor::kNodeW * zoom_ / 2, Editor::kNodeH * zoom_ / 2);
      ImVec2 mn = sub(m, half), mx = add(m, half);
      dl->AddRectFilled(mn, mx, IM_COL32(255, 255, 255, 160), 8 * zoom_);
      dl->AddRect(mn, mx, kSelectCol, 8 * zoom_, 0, 1.5f);
      float icon = 36 * zoom_;
      draw_service_icon(dl, type, s ? s->category : catalog::Category::Testing,
                        ImVec2(mn.x + 12 * zoom_, m.y - icon / 2), icon, 170);
    } else {
      drop_frame_.reset();
    }
  }
}

void Canvas::draw_toasts(ImDrawList* dl) {
  ed_.expire_toasts(now_);
  const float fs = ImGui::GetFontSize();
  float y = origin_.y + size_.y - 16;
  const auto& toasts = ed_.toasts();
  for (auto it = toasts.rbegin(); it != toasts.rend(); ++it) {
    const float wrap = std::min(size_.x - 80, fs * 36);
    ImVec2 ts = ImGui::GetFont()->CalcTextSizeA(fs, 1e9f, wrap, it->text.c_str());
    ImVec2 p(origin_.x + (size_.x - ts.x) / 2, y - ts.y - 10);
    ImU32 bg = it->error ? IM_COL32(0xB0, 0x1B, 0x1B, 235) : IM_COL32(0x23, 0x2F, 0x3E, 230);
    dl->AddRectFilled(ImVec2(p.x - 14, p.y - 8), ImVec2(p.x + ts.x + 14, p.y + ts.y + 8), bg, 6);
    dl->AddText(ImGui::GetFont(), fs, p, IM_COL32(255, 255, 255, 255), it->text.c_str(), nullptr, wrap);
    y = p.y - 16;
  }
}

// ---- [SECTION] Context menu, help overlay -----------------------------------------------------

void Canvas::context_menu() {
  if (!ImGui::BeginPopup("##canvas_ctx")) return;
  const bool ko = korean();
  if (context_hook) {
    ContextTarget t{context_node_, context_wire_, {}, {}};
    if (context_frame_) (context_frame_->region ? t.region : t.az) = context_frame_->key;
    context_hook(t);
  }
  if (!context_node_.empty()) {
    if (ImGui::MenuItem(tr("menu.duplicate"), "Ctrl+D")) ed_.duplicate_selection();
    if (ImGui::MenuItem(tr("menu.copy"), "Ctrl+C")) ed_.copy_selection();
    if (ImGui::MenuItem(tr("menu.delete"), "Del")) ed_.delete_selection();
  } else if (!context_wire_.empty()) {
    if (ImGui::MenuItem(tr("menu.delete_wire"), "Del")) {
      ed_.clear_selection();
      ed_.mutable_selection().connections.insert(context_wire_);
      ed_.delete_selection();
    }
  } else {
    if (context_frame_ && context_frame_->region) {
      if (ImGui::MenuItem(tr("menu.add_az"))) ed_.add_az(context_frame_->key);
      if (ImGui::MenuItem(tr("menu.remove_region"))) ed_.remove_region(context_frame_->key);
      ImGui::Separator();
    } else if (context_frame_) {
      if (ImGui::MenuItem(tr("menu.remove_az"))) ed_.remove_az(context_frame_->key);
      ImGui::Separator();
    }
    if (ImGui::BeginMenu(tr("menu.add_region"))) {
      for (const auto& r : catalog::all_regions()) {
        bool used = false;
        for (const auto& dr : ed_.document().regions) used = used || dr.code == r.code;
        std::string label = std::string(r.name.get(ko)) + "  " + r.code;
        if (ImGui::MenuItem(label.c_str(), nullptr, false, !used)) ed_.add_region(r.code);
      }
      ImGui::EndMenu();
    }
    if (ImGui::MenuItem(tr("menu.fit"), "F")) fit_pending_ = true;
  }
  ImGui::EndPopup();
}

void Canvas::draw_help() {
  if (!help_open_) return;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x / 2, vp->WorkPos.y + vp->WorkSize.y / 2),
                          ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowBgAlpha(0.97f);
  if (!ImGui::Begin(tr("help.title"), &help_open_,
                    ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                        ImGuiWindowFlags_NoMove)) {
    ImGui::End();
    return;
  }
  // Three sections: editing, running, and the faults a right-click injects during a run.
  struct Row { const char* keys; const char* what; };
  static const Row edit_rows[] = {
      {"help.k.drag_palette", "help.drag_palette"}, {"help.k.wire", "help.wire"},
      {"help.k.click", "help.select"},             {"help.k.box", "help.box"},
      {"help.k.move", "help.move"},                {"help.k.pan", "help.pan"},
      {"help.k.wheel", "help.zoom"},               {"F", "help.fit"},
      {"Del / Backspace", "help.delete"},          {"Ctrl+D", "help.duplicate"},
      {"Ctrl+C / Ctrl+V", "help.copy_paste"},      {"Ctrl+X", "help.cut"},
      {"Ctrl+A", "help.select_all"},               {"help.k.arrows", "help.nudge"},
      {"Ctrl+Z", "help.undo"},                     {"Ctrl+Shift+Z / Ctrl+Y", "help.redo"},
      {"Esc", "help.escape"},                      {"?", "help.help"},
  };
  static const Row run_rows[] = {
      {"help.k.play", "help.play"},         {"help.k.step", "help.step"},
      {"help.k.speed", "help.speed"},       {"help.k.timeline", "help.timeline"},
      {"help.k.select_node", "help.select_node"}, {"F5", "help.present"},
  };
  static const Row fault_rows[] = {
      {"help.k.f_node", "help.f_node"},     {"help.k.f_az", "help.f_az"},
      {"help.k.f_region", "help.f_region"}, {"help.k.f_wire", "help.f_wire"},
  };
  auto section = [](const char* title, const Row* rows, size_t count, const char* id) {
    ImGui::Spacing();
    ImGui::TextUnformatted(tr(title));
    ImGui::Separator();
    if (!ImGui::BeginTable(id, 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_PadOuterX))
      return;
    for (size_t i = 0; i < count; ++i) {
      const Row& r = rows[i];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      const char* k = std::string_view(r.keys).rfind("help.", 0) == 0 ? tr(r.keys) : r.keys;
      ImGui::TextColored(ImVec4(0.04f, 0.45f, 0.83f, 1), "%s", k);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(tr(r.what));
    }
    ImGui::EndTable();
  };
  section("help.section_edit", edit_rows, std::size(edit_rows), "##keys");
  section("help.section_run", run_rows, std::size(run_rows), "##run_keys");
  section("help.section_faults", fault_rows, std::size(fault_rows), "##fault_keys");
  ImGui::TextDisabled("%s", tr("help.close"));
  if (ImGui::IsMouseClicked(ImGuiMouseButton_Left) && !ImGui::IsWindowHovered(ImGuiHoveredFlags_AnyWindow)) help_open_ = false;
  ImGui::End();
}

// ---- [SECTION] Test state ------------------------------------------------------------------

nlohmann::json Canvas::debug_state() const {
  using nlohmann::json;
  auto pt = [](ImVec2 p) { return json::array({p.x, p.y}); };
  json nodes = json::array(), frames = json::array();
  for (const auto& n : ed_.document().nodes) {
    WorldRect r = ed_.node_rect(n.id);
    ImVec2 a = to_screen(r.x, r.y), b = to_screen(r.x + r.w, r.y + r.h);
    const auto* svc = service_of(n);
    const char* kinds[] = {"az", "region", "global", "internet"};
    nodes.push_back({{"id", n.id}, {"x", a.x}, {"y", a.y}, {"w", b.x - a.x}, {"h", b.y - a.y},
                     {"type", n.type}, {"region", n.region}, {"az", n.az},
                     {"placement", svc ? kinds[static_cast<int>(svc->placement)] : "az"},
                     {"center", pt(ImVec2((a.x + b.x) / 2, (a.y + b.y) / 2))},
                     {"out", pt(out_handle(r))}, {"in", pt(in_handle(r))}, {"hidden", node_hidden(n.id)}});
  }
  for (const auto& reg : ed_.document().regions) {
    auto add_frame = [&](bool region, const std::string& key) {
      auto r = region ? ed_.region_rect(key) : ed_.az_rect(key);
      if (!r) return;
      ImVec2 a = to_screen(r->x, r->y), b = to_screen(r->x + r->w, r->y + r->h);
      frames.push_back({{"kind", region ? "region" : "az"}, {"key", key}, {"x", a.x}, {"y", a.y},
                        {"w", b.x - a.x}, {"h", b.y - a.y}});
    };
    add_frame(true, reg.code);
    for (const auto& a : reg.azs) add_frame(false, a);
  }
  json toasts = json::array();
  for (const auto& t : ed_.toasts()) toasts.push_back(t.text);
  json labels = json::array();
  for (const auto& l : drawn_labels_)
    labels.push_back({{"kind", l.kind}, {"text", l.text}, {"x", l.rect.x}, {"y", l.rect.y}, {"w", l.rect.w},
                      {"h", l.rect.h}, {"px", l.px}});
  std::vector<std::string> sel(ed_.selection().nodes.begin(), ed_.selection().nodes.end());
  std::vector<std::string> selc(ed_.selection().connections.begin(), ed_.selection().connections.end());
  return json{{"zoom", zoom_}, {"canvas", {{"x", origin_.x}, {"y", origin_.y}, {"w", size_.x}, {"h", size_.y}}},
              {"nodes", nodes}, {"frames", frames}, {"selection", {{"nodes", sel}, {"connections", selc}}},
              {"wireRefusal", wire_refusal_ ? *wire_refusal_ : std::string()}, {"helpOpen", help_open_},
              {"offset", pt(offset_)}, {"labels", labels}, {"minTextPx", kMinTextPx}, {"toasts", toasts}};
}

}  // namespace cp::ui
