// Editor: document, undo history, selection and editing commands (see editor.h).
//
// [SECTION] History (commit, undo, redo, replace)
// [SECTION] Selection
// [SECTION] Layout (frames, node positions, automatic placement)
// [SECTION] Commands (add, connect, delete, duplicate, clipboard, move)
// [SECTION] Toasts
#include "ui/editor.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/catalog/catalog.h"
#include "core/catalog/regions.h"
#include "core/catalog/validate.h"
#include "ui/i18n.h"

namespace cp::ui {

using nlohmann::json;

namespace {

constexpr float kAzW = 280, kAzH = 420;        // a new AZ frame
constexpr float kFramePad = 24, kRegionHeader = 44;
constexpr float kRegionalBand = Editor::kNodeH + 3 * Editor::kGrid;  // a Region's row for services in no one AZ
constexpr size_t kMaxHistoryBytes = 96u << 20;  // beyond this, old steps are dropped (keeping >= 32)

std::string snapshot_json(const doc::Document& d) { return doc::to_json(d).dump(); }

std::optional<WorldRect> rect_from(const json& j) {
  if (!j.is_object()) return std::nullopt;
  auto num = [&](const char* k, float def) {
    auto it = j.find(k);
    return it != j.end() && it->is_number() ? it->get<float>() : def;
  };
  WorldRect r{num("x", 0), num("y", 0), num("w", 0), num("h", 0)};
  if (!(r.w > 0 && r.h > 0)) return std::nullopt;
  return r;
}

json rect_json(const WorldRect& r) { return json{{"x", r.x}, {"y", r.y}, {"w", r.w}, {"h", r.h}}; }

float snap(float v) { return std::round(v / Editor::kGrid) * Editor::kGrid; }

json& layout_section(doc::Document& d, const char* key) {
  if (!d.layout.is_object()) d.layout = json::object();
  json& s = d.layout[key];
  if (!s.is_object()) s = json::object();
  return s;
}

const json* layout_entry(const doc::Document& d, const char* section, const std::string& key) {
  if (!d.layout.is_object()) return nullptr;
  auto s = d.layout.find(section);
  if (s == d.layout.end() || !s->is_object()) return nullptr;
  auto e = s->find(key);
  return e == s->end() ? nullptr : &*e;
}

bool overlaps(const WorldRect& a, const WorldRect& b) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

doc::Document starter_document() {
  doc::Document d;
  d.name = "";
  const catalog::RegionSpec* r = catalog::find_region("us-east-1");
  if (!r && !catalog::all_regions().empty()) r = &catalog::all_regions().front();
  if (r) {
    doc::RegionDoc rd;
    rd.code = r->code;
    for (size_t i = 0; i < r->azs.size() && i < 2; ++i) rd.azs.push_back(r->azs[i]);
    d.regions.push_back(rd);
  }
  return d;
}

}  // namespace

Editor::Editor(Platform& platform) : platform_(platform) {
  doc_ = starter_document();
  ensure_layout();
  history_.push_back({"", snapshot_json(doc_), std::make_shared<doc::Document>(doc_)});
  cursor_ = 0;
}

// ---- [SECTION] History --------------------------------------------------------

std::string Editor::document_json() const { return doc::to_json_text(doc_); }

void Editor::commit(const char* action_name) {
  ensure_layout();
  std::string j = snapshot_json(doc_);
  if (!history_.empty() && history_[cursor_].json == j) return;
  history_.erase(history_.begin() + static_cast<std::ptrdiff_t>(cursor_ + 1), history_.end());
  history_.push_back({action_name ? action_name : "", std::move(j), std::make_shared<doc::Document>(doc_)});
  size_t bytes = 0;
  for (const Step& s : history_) bytes += s.json.size();
  while (history_.size() > kMaxUndo + 1 || (bytes > kMaxHistoryBytes && history_.size() > 32)) {
    bytes -= history_.front().json.size();
    history_.pop_front();
  }
  cursor_ = history_.size() - 1;
  ++revision_;
}

void Editor::restore(size_t index) {
  cursor_ = index;
  doc_ = *history_[index].doc;
  ++revision_;
  drop_dangling_selection();
}

bool Editor::undo() {
  if (!can_undo()) return false;
  std::string name = history_[cursor_].name;
  restore(cursor_ - 1);
  if (!name.empty()) notify(trf("msg.undone", name.c_str()));
  return true;
}

bool Editor::redo() {
  if (!can_redo()) return false;
  restore(cursor_ + 1);
  const std::string& name = history_[cursor_].name;
  if (!name.empty()) notify(trf("msg.redone", name.c_str()));
  return true;
}

const std::string& Editor::undo_name() const {
  static const std::string none;
  return can_undo() ? history_[cursor_].name : none;
}

const std::string& Editor::redo_name() const {
  static const std::string none;
  return can_redo() ? history_[cursor_ + 1].name : none;
}

bool Editor::replace_document(doc::Document d, std::string reason) {
  doc::Document old = std::move(doc_);
  doc_ = std::move(d);
  ensure_layout();
  if (snapshot_json(doc_) == history_[cursor_].json) {
    doc_ = std::move(old);
    return false;
  }
  clear_selection();
  commit(reason.c_str());
  ++opened_;
  return true;
}

void Editor::reset_document(doc::Document d) {
  doc_ = std::move(d);
  ensure_layout();
  clear_selection();
  history_.clear();
  history_.push_back({"", snapshot_json(doc_), std::make_shared<doc::Document>(doc_)});
  cursor_ = 0;
  ++revision_;
  ++opened_;
}

// ---- [SECTION] Selection -------------------------------------------------------

void Editor::select_node(const std::string& id, bool add) {
  if (!add) clear_selection();
  sel_.nodes.insert(id);
}

void Editor::drop_dangling_selection() {
  std::set<std::string> nodes, conns;
  for (const auto& n : doc_.nodes)
    if (sel_.nodes.count(n.id)) nodes.insert(n.id);
  for (const auto& c : doc_.connections)
    if (sel_.connections.count(c.id)) conns.insert(c.id);
  sel_.nodes = std::move(nodes);
  sel_.connections = std::move(conns);
}

// ---- [SECTION] Layout ---------------------------------------------------------------

WorldRect Editor::node_rect(const std::string& id) const {
  WorldRect r{0, 0, kNodeW, kNodeH};
  if (const json* e = layout_entry(doc_, "nodes", id); e && e->is_object()) {
    if (auto x = e->find("x"); x != e->end() && x->is_number()) r.x = x->get<float>();
    if (auto y = e->find("y"); y != e->end() && y->is_number()) r.y = y->get<float>();
  }
  return r;
}

std::optional<WorldRect> Editor::region_rect(const std::string& code) const {
  const json* e = layout_entry(doc_, "regions", code);
  return e ? rect_from(*e) : std::nullopt;
}

std::optional<WorldRect> Editor::az_rect(const std::string& az) const {
  const json* e = layout_entry(doc_, "azs", az);
  return e ? rect_from(*e) : std::nullopt;
}

void Editor::set_node_pos(const std::string& id, float x, float y) {
  layout_section(doc_, "nodes")[id] = json{{"x", x}, {"y", y}};
}

void Editor::set_region_rect(const std::string& code, const WorldRect& r) {
  layout_section(doc_, "regions")[code] = rect_json(r);
}

void Editor::set_az_rect(const std::string& az, const WorldRect& r) { layout_section(doc_, "azs")[az] = rect_json(r); }

// Clients (on the internet, near a Region) and global services are in no Region's
// frame, whatever Region they name.
static bool drawn_in_region(const doc::NodeDoc& n) {
  const catalog::ServiceDescriptor* svc = catalog::find_service(n.type);
  return !svc || svc->placement == sim::PlacementKind::Az || svc->placement == sim::PlacementKind::Region;
}

void Editor::ensure_layout() {
  json& regions = layout_section(doc_, "regions");
  json& azs = layout_section(doc_, "azs");
  json& nodes = layout_section(doc_, "nodes");

  // A Region's services that are in no single AZ (a load balancer, an Auto Scaling
  // group spanning AZs, EFS...) get a band of their own above the AZ frames, so they
  // are not drawn inside one AZ. It has as many rows as its cards need at the Region's
  // width: five regional services in a two-AZ Region must not spill into the AZ frames.
  auto regional_band = [&](const doc::RegionDoc& r) {
    size_t count = 0;
    for (const auto& n : doc_.nodes)
      if (n.region == r.code && n.az.empty() && drawn_in_region(n)) ++count;
    if (count == 0) return 0.0f;
    const size_t n_azs = std::max<size_t>(1, r.azs.size());
    const float inner = n_azs * (kAzW + kFramePad) - kFramePad;  // the Region's width less its padding
    const size_t cols = std::max<size_t>(1, static_cast<size_t>((inner + kGrid) / (kNodeW + kGrid)));
    const size_t rows = (count + cols - 1) / cols;
    return kRegionalBand + (rows - 1) * (kNodeH + kGrid);
  };
  // Region frames: left to right, each wide enough for its AZs side by side.
  float next_x = 0;
  for (const auto& r : doc_.regions)
    if (auto rr = region_rect(r.code)) next_x = std::max(next_x, rr->x + rr->w + 80);
  for (const auto& r : doc_.regions) {
    if (region_rect(r.code)) continue;
    size_t n = std::max<size_t>(1, r.azs.size());
    WorldRect rr{next_x, 0, kFramePad + n * (kAzW + kFramePad), kRegionHeader + regional_band(r) + kAzH + kFramePad};
    regions[r.code] = rect_json(rr);
    next_x = rr.x + rr.w + 80;
  }
  // AZ frames: inside their Region's frame, in the first free slot, level with the
  // Region's other AZ frames (below the regional band of a new Region).
  for (const auto& r : doc_.regions) {
    WorldRect rr = *region_rect(r.code);
    float top = rr.y + kRegionHeader;
    bool have_sibling = false;
    for (const auto& other : r.azs)
      if (auto o = az_rect(other)) top = have_sibling ? std::min(top, o->y) : o->y, have_sibling = true;
    if (!have_sibling && rr.h >= kRegionHeader + regional_band(r) + kAzH) top += regional_band(r);
    for (size_t i = 0; i < r.azs.size(); ++i) {
      if (az_rect(r.azs[i])) continue;
      WorldRect a{rr.x + kFramePad + i * (kAzW + kFramePad), top, kAzW, kAzH};
      for (int tries = 0; tries < 32; ++tries) {
        bool clash = false;
        for (const auto& other : r.azs)
          if (auto o = az_rect(other); o && overlaps(*o, a)) clash = true;
        if (!clash) break;
        a.x += kAzW + kFramePad;
      }
      azs[r.azs[i]] = rect_json(a);
      if (a.x + a.w + kFramePad > rr.x + rr.w) {  // grow the Region to hold it
        rr.w = a.x + a.w + kFramePad - rr.x;
        regions[r.code] = rect_json(rr);
      }
    }
  }
  // Nodes without a position: inside their AZ frame; a regional one in its Region's
  // band above the AZ frames (or anywhere in the Region if it has none); else in a
  // column left of the frames.
  for (const auto& n : doc_.nodes) {
    if (const json* e = layout_entry(doc_, "nodes", n.id); e && e->is_object()) continue;
    std::optional<WorldRect> box;
    // Clients (on the internet, near a Region) and global services are in no Region:
    // they go in the column left of the frames, so a Region's frame (and its "Region
    // down" shading) holds only that Region's services.
    const bool in_region = drawn_in_region(n);
    if (!n.az.empty())
      if (auto a = az_rect(n.az)) box = WorldRect{a->x + 20, a->y + 40, a->w - 40, a->h - 50};
    if (!box && !n.region.empty() && in_region) {
      if (auto rr = region_rect(n.region)) {
        box = WorldRect{rr->x + 20, rr->y + 40, rr->w - 40, rr->h - 50};
        // Above the Region's AZ frames when there is room.
        float az_top = rr->y + rr->h;
        for (const auto& r : doc_.regions)
          if (r.code == n.region)
            for (const auto& a : r.azs)
              if (auto ar = az_rect(a)) az_top = std::min(az_top, ar->y);
        if (az_top - (rr->y + kRegionHeader) >= kNodeH + kGrid)
          box = WorldRect{rr->x + kFramePad, rr->y + kRegionHeader + kGrid / 2, rr->w - 2 * kFramePad,
                          az_top - rr->y - kRegionHeader - kGrid / 2 - kNodeH};
      }
    }
    float left = 0;
    for (const auto& r : doc_.regions)
      if (auto rr = region_rect(r.code)) left = std::min(left, rr->x);
    WorldRect area = box ? *box : WorldRect{left - kNodeW - 120, 0, kNodeW, 4000};
    WorldRect placed{area.x, area.y, kNodeW, kNodeH};
    bool found = false;
    for (float y = area.y; y <= area.y + std::max(area.h, 0.0f) + 2000 && !found; y += kNodeH + kGrid) {
      for (float x = area.x; x + kNodeW <= area.x + std::max(area.w, kNodeW) && !found; x += kNodeW + kGrid) {
        WorldRect cand{snap(x), snap(y), kNodeW, kNodeH};
        bool clash = false;
        for (const auto& m : doc_.nodes) {
          if (m.id == n.id || !layout_entry(doc_, "nodes", m.id)) continue;
          if (overlaps(node_rect(m.id), cand)) { clash = true; break; }
        }
        if (!clash) { placed = cand; found = true; }
      }
    }
    nodes[n.id] = json{{"x", placed.x}, {"y", placed.y}};
  }
}

bool Editor::place_by_frames(const std::string& id, float cx, float cy) {
  doc::NodeDoc* node = nullptr;
  for (auto& n : doc_.nodes)
    if (n.id == id) node = &n;
  if (!node) return false;
  const catalog::ServiceDescriptor* d = catalog::find_service(node->type);
  sim::PlacementKind kind = d ? d->placement : sim::PlacementKind::Az;
  std::string region, az;
  if (kind != sim::PlacementKind::Global) {
    for (const auto& r : doc_.regions) {
      auto rr = region_rect(r.code);
      if (!rr || !rr->contains(cx, cy)) continue;
      region = r.code;
      if (kind == sim::PlacementKind::Az)
        for (const auto& a : r.azs)
          if (auto ar = az_rect(a); ar && ar->contains(cx, cy)) az = a;
    }
  }
  // Clients are on the internet, near a Region: outside every frame, the nearest Region.
  if (kind == sim::PlacementKind::Internet && region.empty()) {
    float best = 1e30f;
    for (const auto& r : doc_.regions) {
      auto rr = region_rect(r.code);
      if (!rr) continue;
      float dx = std::max({rr->x - cx, 0.0f, cx - (rr->x + rr->w)});
      float dy = std::max({rr->y - cy, 0.0f, cy - (rr->y + rr->h)});
      if (dx * dx + dy * dy < best) best = dx * dx + dy * dy, region = r.code;
    }
  }
  if (node->region == region && node->az == az) return false;
  node->region = region;
  node->az = az;
  return true;
}

// ---- [SECTION] Placement (where a service is drawn: in its AZ, its Region's band, or outside) ----

WorldRect Editor::az_inner(const std::string& az) const {
  auto a = az_rect(az);
  if (!a) return WorldRect{0, 0, kNodeW, kNodeH};
  return WorldRect{a->x + kGrid, a->y + 2 * kGrid, a->w - 2 * kGrid, a->h - 3 * kGrid};
}

float Editor::az_top(const std::string& code) const {
  auto rr = region_rect(code);
  float top = rr ? rr->y + rr->h : 0;
  for (const auto& r : doc_.regions)
    if (r.code == code)
      for (const auto& a : r.azs)
        if (auto ar = az_rect(a)) top = std::min(top, ar->y);
  return top;
}

WorldRect Editor::regional_band(const std::string& code) {
  auto rr = region_rect(code);
  if (!rr) return WorldRect{0, 0, kNodeW, kNodeH};
  const float y0 = snap(rr->y + kRegionHeader + kGrid / 2);
  float room = az_top(code) - kGrid - y0;
  if (room < kNodeH) {
    // No band yet: the AZ frames, and the cards at or below them, move down one row.
    const float dy = std::ceil((kNodeH - room) / kGrid) * kGrid + kGrid;
    const float line = az_top(code);
    for (auto& n : doc_.nodes) {
      WorldRect r = node_rect(n.id);
      if (r.y >= line - 1 && rr->contains(r.x + r.w / 2, r.y + r.h / 2)) set_node_pos(n.id, r.x, r.y + dy);
    }
    for (const auto& r : doc_.regions)
      if (r.code == code)
        for (const auto& a : r.azs)
          if (auto ar = az_rect(a)) set_az_rect(a, WorldRect{ar->x, ar->y + dy, ar->w, ar->h});
    set_region_rect(code, WorldRect{rr->x, rr->y, rr->w, rr->h + dy});
    room += dy;
  }
  return WorldRect{rr->x + kFramePad, y0, rr->w - 2 * kFramePad, room};
}

WorldRect Editor::regional_spot(const std::string& code, float cx, float cy, const std::string& except) {
  WorldRect band = regional_band(code);
  WorldRect spot = free_spot(band, cx, cy, except);
  if (band.contains(spot.x + spot.w / 2, spot.y + spot.h / 2)) return spot;
  // The band is full: it takes one more row (the AZ frames and their cards move down), so
  // that a regional service is never drawn inside one AZ.
  const float dy = kNodeH + kGrid;
  const float line = az_top(code);
  if (auto rr = region_rect(code)) {
    for (auto& n : doc_.nodes) {
      const WorldRect r = node_rect(n.id);
      if (n.id != except && r.y >= line - 1 && rr->contains(r.x + r.w / 2, r.y + r.h / 2)) set_node_pos(n.id, r.x, r.y + dy);
    }
    for (const auto& r : doc_.regions)
      if (r.code == code)
        for (const auto& a : r.azs)
          if (auto ar = az_rect(a)) set_az_rect(a, WorldRect{ar->x, ar->y + dy, ar->w, ar->h});
    set_region_rect(code, WorldRect{rr->x, rr->y, rr->w, rr->h + dy});
  }
  band = regional_band(code);
  return free_spot(band, cx, band.y + band.h - kNodeH / 2, except);
}

WorldRect Editor::free_spot(const WorldRect& area, float cx, float cy, const std::string& except) const {
  // Grid positions whose card lies inside `area`, nearest to (cx, cy) first, clear of
  // other cards by one grid step.
  auto clear = [&](const WorldRect& c) {
    const WorldRect padded{c.x - kGrid + 1, c.y - kGrid + 1, c.w + 2 * kGrid - 2, c.h + 2 * kGrid - 2};
    for (const auto& m : doc_.nodes)
      if (m.id != except && overlaps(node_rect(m.id), padded)) return false;
    return true;
  };
  std::optional<WorldRect> best;
  float best_d = 1e30f;
  for (float y = std::ceil(area.y / kGrid) * kGrid; y + kNodeH <= area.y + area.h + 0.5f; y += kGrid)
    for (float x = std::ceil(area.x / kGrid) * kGrid; x + kNodeW <= area.x + area.w + 0.5f; x += kGrid) {
      const WorldRect c{x, y, kNodeW, kNodeH};
      const float dx = x + kNodeW / 2 - cx, dy = y + kNodeH / 2 - cy;
      if (dx * dx + dy * dy < best_d && clear(c)) best = c, best_d = dx * dx + dy * dy;
    }
  if (best) return *best;
  // The area is full: the first clear row below it (the card then leaves the area's frame,
  // which its orange "!" says).
  for (float y = snap(area.y + area.h + kGrid);; y += kNodeH + kGrid) {
    const WorldRect c{snap(area.x), y, kNodeW, kNodeH};
    if (clear(c)) return c;
  }
}

WorldRect Editor::free_spot_outside_frames(const std::string& near_region, float cx, float cy,
                                           const std::string& except) const {
  // Left of the Region it is near (or of every frame), in a column that no frame covers.
  float left = 0, top = 0;
  bool any = false;
  for (const auto& r : doc_.regions)
    if (auto rr = region_rect(r.code)) {
      if (!any || rr->x < left) left = rr->x;
      if (!any || rr->y < top) top = rr->y;
      any = true;
    }
  if (auto rr = region_rect(near_region)) {
    bool neighbour_left = false;
    for (const auto& r : doc_.regions)
      if (auto o = region_rect(r.code); o && r.code != near_region && o->x < rr->x && o->x + o->w > rr->x - kNodeW - 120)
        neighbour_left = true;
    if (!neighbour_left) left = rr->x, top = rr->y;
  }
  const WorldRect beside = free_spot(WorldRect{left - kNodeW - 80, top, kNodeW, 4000}, left - kNodeW / 2 - 80, cy, except);
  // Or the row just above the Region, in the column where it was dropped: the nearer of the
  // two wins, so a card dropped near a Region's top edge stays in sight instead of jumping
  // to a column left of every frame (under the palette when the view is fitted).
  auto rr = region_rect(near_region);
  if (!rr) return beside;
  const WorldRect row{rr->x, rr->y - kNodeH - 2 * kGrid, rr->w, kNodeH};
  for (const auto& r : doc_.regions)
    if (auto o = region_rect(r.code); o && overlaps(*o, row)) return beside;
  const WorldRect above = free_spot(row, cx, row.y + kNodeH / 2, except);
  auto dist2 = [&](const WorldRect& c) {
    const float dx = c.x + c.w / 2 - cx, dy = c.y + c.h / 2 - cy;
    return dx * dx + dy * dy;
  };
  if (!row.contains(above.x + above.w / 2, above.y + above.h / 2)) return beside;  // the row is full
  return dist2(above) <= dist2(beside) ? above : beside;
}

bool Editor::settle_where_it_lives(const std::string& id) {
  const doc::NodeDoc* n = doc_.find_node(id);
  const catalog::ServiceDescriptor* svc = n ? catalog::find_service(n->type) : nullptr;
  if (!svc) return false;
  const WorldRect r = node_rect(id);
  const float cx = r.x + r.w / 2, cy = r.y + r.h / 2;
  auto in_any_az = [&] {
    for (const auto& reg : doc_.regions)
      for (const auto& a : reg.azs)
        if (auto ar = az_rect(a); ar && ar->contains(cx, cy)) return true;
    return false;
  };
  if (svc->placement == sim::PlacementKind::Region && !n->region.empty() && in_any_az()) {
    // A regional service (a load balancer, an Auto Scaling group...) drawn in one AZ would
    // teach that it lives there: it goes to its Region's band, spanning the AZs.
    const std::string region = n->region;
    WorldRect spot = regional_spot(region, cx, cy, id);
    set_node_pos(id, spot.x, spot.y);
    notify(trf("msg.regional", svc->name.get(korean())));
    return true;
  }
  if (svc->placement == sim::PlacementKind::Internet || svc->placement == sim::PlacementKind::Global) {
    std::string frame;  // the Region frame it was dropped in
    for (const auto& reg : doc_.regions)
      if (auto rr = region_rect(reg.code); rr && rr->contains(cx, cy)) frame = reg.code;
    if (frame.empty()) return false;
    const std::string near = n->region.empty() ? frame : n->region;
    WorldRect spot = free_spot_outside_frames(near, cx, cy, id);
    set_node_pos(id, spot.x, spot.y);
    notify(trf(svc->placement == sim::PlacementKind::Internet ? "msg.clients_outside" : "msg.global_outside",
               svc->name.get(korean())));
    return true;
  }
  return false;
}

void Editor::clear_of_other_cards(const std::string& id) {
  const doc::NodeDoc* n = doc_.find_node(id);
  if (!n) return;
  const WorldRect r = node_rect(id);
  const bool covers = std::any_of(doc_.nodes.begin(), doc_.nodes.end(),
                                  [&](const doc::NodeDoc& m) { return m.id != id && overlaps(node_rect(m.id), r); });
  if (!covers) return;
  // A card dropped onto another would hide it (and the wires between them): it takes the
  // nearest free spot of the place it lives in, as a drop into a frame does.
  const catalog::ServiceDescriptor* svc = catalog::find_service(n->type);
  const sim::PlacementKind kind = svc ? svc->placement : sim::PlacementKind::Az;
  const float cx = r.x + r.w / 2, cy = r.y + r.h / 2;
  WorldRect spot = r;
  if (kind == sim::PlacementKind::Az && !n->az.empty()) spot = free_spot(az_inner(n->az), cx, cy, id);
  else if (kind == sim::PlacementKind::Region && !n->region.empty()) spot = regional_spot(n->region, cx, cy, id);
  else spot = free_spot_outside_frames(n->region, cx, cy, id);
  set_node_pos(id, spot.x, spot.y);
}

bool Editor::add_region(const std::string& code, int az_count) {
  for (const auto& r : doc_.regions)
    if (r.code == code) return false;
  const catalog::RegionSpec* spec = catalog::find_region(code);
  if (!spec) return false;
  doc::RegionDoc rd;
  rd.code = code;
  for (int i = 0; i < az_count && i < static_cast<int>(spec->azs.size()); ++i) rd.azs.push_back(spec->azs[i]);
  doc_.regions.push_back(rd);
  commit(tr("undo.add_region"));
  return true;
}

bool Editor::add_az(const std::string& code) {
  const catalog::RegionSpec* spec = catalog::find_region(code);
  for (auto& r : doc_.regions) {
    if (r.code != code || !spec) continue;
    for (const auto& a : spec->azs) {
      if (std::find(r.azs.begin(), r.azs.end(), a) != r.azs.end()) continue;
      r.azs.push_back(a);
      commit(tr("undo.add_az"));
      return true;
    }
  }
  return false;
}

void Editor::remove_region(const std::string& code) {
  auto it = std::find_if(doc_.regions.begin(), doc_.regions.end(), [&](const doc::RegionDoc& r) { return r.code == code; });
  if (it == doc_.regions.end()) return;
  for (const auto& a : it->azs) layout_section(doc_, "azs").erase(a);
  layout_section(doc_, "regions").erase(code);
  for (auto& n : doc_.nodes)
    if (n.region == code) n.region.clear(), n.az.clear();
  doc_.regions.erase(it);
  commit(tr("undo.remove_region"));
}

void Editor::remove_az(const std::string& az) {
  for (auto& r : doc_.regions) {
    auto it = std::find(r.azs.begin(), r.azs.end(), az);
    if (it == r.azs.end()) continue;
    r.azs.erase(it);
    layout_section(doc_, "azs").erase(az);
    for (auto& n : doc_.nodes)
      if (n.az == az) n.az.clear();
    commit(tr("undo.remove_az"));
    return;
  }
}

std::string Editor::unique_node_id(const std::string& type) const {
  std::string base;
  for (char c : type) base += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') ? c : '-';
  if (base.empty()) base = "node";
  if (base.size() > 48) base.resize(48);
  for (int i = 1;; ++i) {
    std::string id = base + "-" + std::to_string(i);
    if (!doc_.find_node(id)) return id;
  }
}

// ---- [SECTION] Commands --------------------------------------------------------------

namespace {
std::string unique_connection_id(const doc::Document& d) {
  for (size_t i = d.connections.size() + 1;; ++i) {
    std::string id = "c" + std::to_string(i);
    bool used = false;
    for (const auto& c : d.connections) used = used || c.id == id;
    if (!used) return id;
  }
}

std::string default_name(const doc::Document& d, const std::string& type) {
  const catalog::ServiceDescriptor* s = catalog::find_service(type);
  std::string base = s ? s->name.get(korean()) : type;
  // "Compute (generic)" -> "Compute": the type line shows the full name.
  if (!base.empty() && base.back() == ')') {
    size_t open = base.rfind(" (");
    if (open != std::string::npos && open > 0) base.resize(open);
  }
  int count = 0;
  for (const auto& n : d.nodes) count += n.type == type;
  return count == 0 ? base : base + " " + std::to_string(count + 1);
}
}  // namespace

std::string Editor::add_node(const std::string& type, float x, float y) {
  doc::NodeDoc n;
  n.id = unique_node_id(type);
  n.type = type;
  n.name = default_name(doc_, type);
  doc_.nodes.push_back(n);
  set_node_pos(n.id, snap(x), snap(y));
  place_by_frames(n.id, snap(x) + kNodeW / 2, snap(y) + kNodeH / 2);
  settle_where_it_lives(n.id);
  clear_of_other_cards(n.id);
  select_node(n.id);
  commit(tr("undo.add"));
  return n.id;
}

std::string Editor::add_node_near(const std::string& type, float cx, float cy) {
  doc::NodeDoc n;
  n.id = unique_node_id(type);
  n.type = type;
  n.name = default_name(doc_, type);
  const catalog::ServiceDescriptor* svc = catalog::find_service(type);
  const sim::PlacementKind kind = svc ? svc->placement : sim::PlacementKind::Az;
  // Where the service lives: the AZ / Region under the point, else the nearest one.
  auto dist2 = [&](const WorldRect& r) {
    float dx = std::max({r.x - cx, 0.0f, cx - (r.x + r.w)}), dy = std::max({r.y - cy, 0.0f, cy - (r.y + r.h)});
    return dx * dx + dy * dy;
  };
  float best = 1e30f;
  for (const auto& r : doc_.regions) {
    if (kind == sim::PlacementKind::Az) {
      for (const auto& a : r.azs)
        if (auto ar = az_rect(a); ar && dist2(*ar) < best) best = dist2(*ar), n.region = r.code, n.az = a;
    } else if (kind != sim::PlacementKind::Global) {
      if (auto rr = region_rect(r.code); rr && dist2(*rr) < best) best = dist2(*rr), n.region = r.code;
    }
  }
  doc_.nodes.push_back(n);
  WorldRect spot{snap(cx - kNodeW / 2), snap(cy - kNodeH / 2), kNodeW, kNodeH};
  if (kind == sim::PlacementKind::Az && !n.az.empty()) {
    spot = free_spot(az_inner(n.az), cx, cy, n.id);
  } else if (kind == sim::PlacementKind::Region && !n.region.empty()) {
    spot = regional_spot(n.region, cx, cy, n.id);
  } else {
    spot = free_spot_outside_frames(n.region, cx, cy, n.id);
  }
  set_node_pos(n.id, spot.x, spot.y);
  select_node(n.id);
  commit(tr("undo.add"));
  return n.id;
}

std::optional<std::string> Editor::connect_refusal(const std::string& from, const std::string& to) const {
  const doc::NodeDoc* a = doc_.find_node(from);
  const doc::NodeDoc* b = doc_.find_node(to);
  if (!a || !b) return std::string(tr("wire.no_target"));
  for (const auto& c : doc_.connections)
    if (c.from == from && c.to == to) return std::string(tr("wire.exists"));
  // With the document: its existing wires count (Multi-Attach limits, one instance per plain volume).
  if (auto r = catalog::can_connect(doc_, *a, *b)) return korean() && !r->ko.empty() ? r->ko : r->en;
  return std::nullopt;
}

bool Editor::connect(const std::string& from, const std::string& to, std::string* why_not) {
  if (auto r = connect_refusal(from, to)) {
    if (why_not) *why_not = *r;
    return false;
  }
  doc::ConnectionDoc c;
  c.id = unique_connection_id(doc_);
  c.from = from;
  c.to = to;
  // The first role the pair takes: a call between services that call, a poll from a queue to its consumer.
  const catalog::ServiceDescriptor* sa = catalog::find_service(doc_.find_node(from)->type);
  const catalog::ServiceDescriptor* sb = catalog::find_service(doc_.find_node(to)->type);
  if (sa && sb) c.role = catalog::role_key(catalog::default_role(*sa, *sb));
  doc_.connections.push_back(c);
  clear_selection();
  sel_.connections.insert(c.id);
  commit(tr("undo.connect"));
  return true;
}

void Editor::delete_selection() {
  if (sel_.empty()) return;
  auto& nodes = doc_.nodes;
  json& lay = layout_section(doc_, "nodes");
  for (const auto& id : sel_.nodes) lay.erase(id);
  nodes.erase(std::remove_if(nodes.begin(), nodes.end(), [&](const doc::NodeDoc& n) { return sel_.nodes.count(n.id) > 0; }),
              nodes.end());
  auto& conns = doc_.connections;
  conns.erase(std::remove_if(conns.begin(), conns.end(),
                             [&](const doc::ConnectionDoc& c) {
                               return sel_.connections.count(c.id) || sel_.nodes.count(c.from) || sel_.nodes.count(c.to);
                             }),
              conns.end());
  // Faults aimed at a removed node or connection would point at nothing.
  auto& faults = doc_.faults;
  faults.erase(std::remove_if(faults.begin(), faults.end(),
                              [&](const doc::FaultDoc& f) {
                                return sel_.nodes.count(f.target) || sel_.connections.count(f.target);
                              }),
               faults.end());
  clear_selection();
  commit(tr("undo.delete"));
}

std::string Editor::selection_json() const {
  doc::Document part;
  part.regions = doc_.regions;
  for (const auto& n : doc_.nodes)
    if (sel_.nodes.count(n.id)) {
      part.nodes.push_back(n);
      WorldRect r = node_rect(n.id);
      part.layout["nodes"][n.id] = json{{"x", r.x}, {"y", r.y}};
    }
  for (const auto& c : doc_.connections)
    if (sel_.nodes.count(c.from) && sel_.nodes.count(c.to)) part.connections.push_back(c);
  json j = doc::to_json(part);
  json out = json::object();
  out["cloudplay_clipboard"] = 1;
  out["nodes"] = j.value("nodes", json::array());
  out["connections"] = j.value("connections", json::array());
  out["positions"] = part.layout["nodes"];
  return out.dump();
}

void Editor::copy_selection() {
  if (sel_.nodes.empty()) return;
  platform_.copy_to_clipboard(selection_json());
  paste_count_ = 0;
  notify(trf("msg.copied", static_cast<int>(sel_.nodes.size())));
}

bool Editor::paste_json(const std::string& text, float dx, float dy) {
  json clip = json::parse(text, nullptr, false);
  if (clip.is_discarded() || !clip.is_object() || !clip.contains("cloudplay_clipboard")) return false;
  // Let the document loader check the pasted nodes, inside a document holding this one's Regions.
  json probe = doc::to_json(doc::Document{});
  probe["regions"] = doc::to_json(doc_).value("regions", json::array());
  probe["nodes"] = clip.value("nodes", json::array());
  probe["connections"] = clip.value("connections", json::array());
  doc::LoadResult loaded = catalog::load_document(probe);
  if (loaded.document.nodes.empty()) return false;
  const json positions = clip.value("positions", json::object());
  std::map<std::string, std::string> new_ids;
  clear_selection();
  for (doc::NodeDoc n : loaded.document.nodes) {
    std::string old = n.id;
    n.id = unique_node_id(n.type);
    new_ids[old] = n.id;
    bool has_az = false;
    for (const auto& r : doc_.regions)
      for (const auto& a : r.azs) has_az = has_az || (a == n.az && r.code == n.region);
    if (!has_az) n.az.clear();
    doc_.nodes.push_back(n);
    float x = 0, y = 0;
    // The clipboard is outside input: a non-number x/y counts as 0 (json::value would
    // throw, and the UI is built without exceptions).
    if (auto p = positions.find(old); p != positions.end()) {
      if (auto r = rect_from(*p)) x = r->x, y = r->y;
    }
    set_node_pos(n.id, snap(x + dx), snap(y + dy));
    sel_.nodes.insert(n.id);
  }
  // Params naming other pasted nodes (an ALB's rule targets, a restored volume's source) follow their new ids.
  for (auto& n : doc_.nodes)
    if (sel_.nodes.count(n.id))
      if (const auto* svc = catalog::find_service(n.type)) catalog::rename_node_refs(*svc, n.params, new_ids);
  for (doc::ConnectionDoc c : loaded.document.connections) {
    if (!new_ids.count(c.from) || !new_ids.count(c.to)) continue;
    c.from = new_ids[c.from];
    c.to = new_ids[c.to];
    c.id = unique_connection_id(doc_);
    doc_.connections.push_back(c);
  }
  commit(tr("undo.paste"));
  notify(trf("msg.pasted", static_cast<int>(new_ids.size())));
  return true;
}

bool Editor::paste(const std::string& text) {
  float d = 2 * kGrid * static_cast<float>(paste_count_ + 1);
  if (!paste_json(text, d, d)) return false;
  ++paste_count_;
  return true;
}

void Editor::duplicate_selection() {
  if (sel_.nodes.empty()) return;
  std::string clip = selection_json();
  paste_json(clip, 2 * kGrid, 2 * kGrid);
}

void Editor::finish_move(const std::vector<std::string>& ids) {
  for (const auto& id : ids) {
    WorldRect r = node_rect(id);
    place_by_frames(id, r.x + r.w / 2, r.y + r.h / 2);
    settle_where_it_lives(id);
  }
  commit(tr("undo.move"));
}

// ---- [SECTION] Toasts ---------------------------------------------------------------

void Editor::notify(std::string text, bool error) {
  toasts_.push_back({std::move(text), error, -1});
  while (toasts_.size() > 4) toasts_.pop_front();
}

void Editor::expire_toasts(double now) {
  for (auto& t : toasts_)
    if (t.until < 0) t.until = now + (t.error ? 6.0 : 3.0);
  while (!toasts_.empty() && toasts_.front().until <= now) toasts_.pop_front();
}

}  // namespace cp::ui
