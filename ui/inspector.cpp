// Inspector: properties of the selection, with immediate validation (see inspector.h).
//
// [SECTION] Helpers
// [SECTION] Entry point (what is selected?)
// [SECTION] Document, node, connection, several
// [SECTION] Parameter rows (numbers, booleans, choices, text, distributions)
#include "ui/inspector.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "core/catalog/regions.h"
#include "core/doc/distribution_json.h"
#include "core/doc/messages.h"
#include "imgui.h"
#include "ui/i18n.h"
#include "ui/icons.h"

namespace cp::ui {

using nlohmann::json;

// ---- [SECTION] Helpers --------------------------------------------------------------

namespace {

const ImVec4 kErrorText(0.75f, 0.05f, 0.05f, 1);
const ImVec4 kHintText(0.37f, 0.42f, 0.48f, 1);

std::string num(double v) { return doc::format_number(v); }

bool parse_number(const std::string& s, double* out) {
  if (s.empty()) return false;
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  while (end && *end == ' ') ++end;
  if (!end || *end != 0 || !std::isfinite(v)) return false;
  *out = v;
  return true;
}

bool has_range(const catalog::ParamSpec& s) { return s.max > s.min; }

// Units as the catalog writes them, in the current language ("requests/s" -> "요청/초").
std::string unit_text(const std::string& unit) { return catalog::unit_label(unit, korean()); }

std::string with_unit(double v, const std::string& unit) { return catalog::amount_text(v, unit, korean()); }

// Names of distribution kinds and of their fields, for people.
const char* dist_label(const std::string& key) {
  std::string k = "dist." + key;
  const char* t = tr(k);
  return t == k ? key.c_str() : t;  // an unknown kind or field shows its JSON name
}

std::string describe_default(const json& v) {
  if (v.is_number()) return num(v.get<double>());
  if (v.is_boolean()) return v.get<bool>() ? tr("insp.on") : tr("insp.off");
  if (v.is_string()) return v.get<std::string>();
  if (v.is_object() && v.contains("kind")) {
    std::string k = v.value("kind", "");
    for (const char* m : {"mean_ms", "value_ms", "median_ms"})
      if (v.contains(m) && v[m].is_number()) return std::string(dist_label(k)) + " " + num(v[m].get<double>()) + " ms";
    return dist_label(k);
  }
  return v.dump();
}

void wrapped_hint(const std::string& s) {
  if (s.empty()) return;
  ImGui::PushStyleColor(ImGuiCol_Text, kHintText);
  ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(s.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
}

void error_text(const std::string& s) {
  ImGui::PushStyleColor(ImGuiCol_Text, kErrorText);
  ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(s.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
}

void section(const char* title) {
  ImGui::Spacing();
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.37f, 0.42f, 0.48f, 1));
  ImGui::TextUnformatted(title);
  ImGui::PopStyleColor();
  ImGui::Separator();
}

// Distribution fields, per kind, with a default built from a mean (ms).
json distribution_for(const std::string& kind, double mean) {
  if (kind == "constant") return {{"kind", kind}, {"value_ms", mean}};
  if (kind == "exponential") return {{"kind", kind}, {"mean_ms", mean}};
  if (kind == "uniform") return {{"kind", kind}, {"min_ms", mean * 0.5}, {"max_ms", mean * 1.5}};
  if (kind == "normal") return {{"kind", kind}, {"mean_ms", mean}, {"stddev_ms", mean * 0.2}};
  if (kind == "lognormal") return {{"kind", kind}, {"median_ms", mean}, {"sigma", 0.5}};
  if (kind == "pareto") return {{"kind", kind}, {"scale_ms", mean * 0.6}, {"shape", 2.5}};
  return {{"kind", "constant"}, {"value_ms", mean}};
}

}  // namespace

std::string Inspector::range_text(const catalog::ParamSpec& spec) const {
  std::string s;
  if (has_range(spec)) s = trf("insp.range", num(spec.min).c_str(), with_unit(spec.max, spec.unit).c_str());
  if (!spec.default_value.is_null()) {
    if (!s.empty()) s += "  ·  ";
    s += trf("insp.default", describe_default(spec.default_value).c_str());
  }
  return s;
}

// ---- [SECTION] Entry point -------------------------------------------------------------

void Inspector::remember_rect(const std::string& key) {
  ImVec2 mn = ImGui::GetItemRectMin(), mx = ImGui::GetItemRectMax();
  rects_[key] = ImVec4(mn.x, mn.y, mx.x - mn.x, mx.y - mn.y);
}

void Inspector::draw() {
  rects_.clear();
  const Selection& sel = ed_.selection();
  std::string key;
  for (const auto& n : sel.nodes) key += "n:" + n + ";";
  for (const auto& c : sel.connections) key += "c:" + c + ";";
  // New selection, or the document changed under us (undo, redo, load): forget typed values.
  if (key != shown_ || (ed_.revision() != seen_revision_ && !ImGui::IsAnyItemActive())) {
    fields_.clear();
    shown_ = key;
    name_active_ = false;
  }
  seen_revision_ = ed_.revision();

  // Widgets are scoped by what they edit, so an active text field never carries over to another node.
  doc::Document& d = ed_.mutable_document();
  if (sel.nodes.size() == 1 && sel.connections.empty()) {
    for (auto& n : d.nodes)
      if (n.id == *sel.nodes.begin()) {
        ImGui::PushID(n.id.c_str());
        draw_node(n);
        ImGui::PopID();
        return;
      }
  }
  if (sel.nodes.empty() && sel.connections.size() == 1) {
    for (auto& c : d.connections)
      if (c.id == *sel.connections.begin()) {
        ImGui::PushID(c.id.c_str());
        draw_connection(c);
        ImGui::PopID();
        return;
      }
  }
  if (!sel.empty()) return draw_multi();
  draw_document();
}

// ---- [SECTION] Document, node, connection, several -----------------------------------------

void Inspector::draw_document() {
  doc::Document& d = ed_.mutable_document();
  ImGui::TextUnformatted(tr("insp.document"));
  ImGui::Separator();
  ImGui::TextUnformatted(tr("insp.doc_name"));
  if (!name_active_) std::snprintf(name_buf_, sizeof(name_buf_), "%s", d.name.c_str());
  ImGui::SetNextItemWidth(-1);
  if (ImGui::InputTextWithHint("##docname", tr("insp.untitled"), name_buf_, sizeof(name_buf_))) d.name = name_buf_;
  name_active_ = ImGui::IsItemActive();
  if (ImGui::IsItemDeactivatedAfterEdit()) ed_.commit(tr("undo.rename_doc"));

  ImGui::Spacing();
  ImGui::Text("%s: %d   %s: %d", tr("insp.services"), static_cast<int>(d.nodes.size()), tr("insp.connections"),
              static_cast<int>(d.connections.size()));
  section(tr("insp.regions"));
  const bool ko = korean();
  for (const auto& r : d.regions) {
    const catalog::RegionSpec* spec = catalog::find_region(r.code);
    ImGui::BulletText("%s (%s)", spec ? spec->name.get(ko) : r.code.c_str(), r.code.c_str());
    ImGui::Indent();
    std::string azs;
    for (const auto& a : r.azs) azs += (azs.empty() ? "" : ", ") + a;
    ImGui::TextDisabled("%s: %s", tr("canvas.az"), azs.empty() ? "-" : azs.c_str());
    ImGui::Unindent();
  }
  ImGui::Spacing();
  wrapped_hint(tr("insp.empty_hint"));
}

void Inspector::draw_node(doc::NodeDoc& n) {
  const bool ko = korean();
  const catalog::ServiceDescriptor* s = catalog::find_service(n.type);
  // Header: icon, service name, summary.
  const float icon = std::round(ImGui::GetFontSize() * 2.4f);
  ImVec2 p = ImGui::GetCursorScreenPos();
  draw_service_icon(ImGui::GetWindowDrawList(), n.type, s ? s->category : catalog::Category::Testing, p, icon);
  ImGui::Dummy(ImVec2(icon, icon));
  ImGui::SameLine();
  ImGui::BeginGroup();
  ImGui::TextUnformatted(s ? s->name.get(ko) : n.type.c_str());
  ImGui::TextDisabled("%s", n.id.c_str());
  ImGui::EndGroup();
  if (s && s->summary.en && *s->summary.en) wrapped_hint(s->summary.get(ko));
  if (!s) error_text(trf("insp.unknown_type", n.type.c_str()));

  // Name (UTF-8; Korean through the IME works: see wasm/browser_platform.cpp).
  section(tr("insp.name"));
  if (!name_active_) std::snprintf(name_buf_, sizeof(name_buf_), "%s", n.name.c_str());
  ImGui::SetNextItemWidth(-1);
  bool changed = ImGui::InputText("##name", name_buf_, sizeof(name_buf_));
  name_active_ = ImGui::IsItemActive();
  remember_rect("name");
  if (changed) {
    if (doc::utf8_length(name_buf_) <= 80) n.name = name_buf_;
  }
  if (doc::utf8_length(name_buf_) > 80) error_text(tr("insp.name_too_long"));
  if (ImGui::IsItemDeactivatedAfterEdit()) ed_.commit(tr("undo.rename"));

  // Placement: the AZ or Region frame it sits in (drag it to another frame to move it).
  section(tr("insp.placement"));
  sim::PlacementKind kind = s ? s->placement : sim::PlacementKind::Az;
  std::string where = n.az.empty() ? (n.region.empty() ? tr("insp.nowhere") : n.region) : n.az + " (" + n.region + ")";
  if (kind == sim::PlacementKind::Global) where = tr("insp.global");
  ImGui::SetNextItemWidth(-1);
  if (kind != sim::PlacementKind::Global && ImGui::BeginCombo("##place", where.c_str())) {
    for (const auto& r : ed_.document().regions) {
      if (kind == sim::PlacementKind::Az) {
        for (const auto& a : r.azs) {
          std::string label = a + " (" + r.code + ")";
          if (ImGui::Selectable(label.c_str(), n.az == a)) {
            // Move the card into that AZ's frame; the layout follows the semantics.
            if (auto fr = ed_.az_rect(a)) ed_.set_node_pos(n.id, fr->x + 20, fr->y + 40);
            n.az = a;
            n.region = r.code;
            ed_.commit(tr("undo.move"));
          }
        }
      } else if (ImGui::Selectable(r.code.c_str(), n.region == r.code)) {
        if (auto fr = ed_.region_rect(r.code)) ed_.set_node_pos(n.id, fr->x + 20, fr->y + fr->h - Editor::kNodeH - 20);
        n.region = r.code;
        n.az.clear();
        ed_.commit(tr("undo.move"));
      }
    }
    ImGui::EndCombo();
  }
  if (kind == sim::PlacementKind::Az && n.az.empty()) wrapped_hint(tr("insp.place_hint_az"));

  if (!s) return;
  section(tr("insp.parameters"));
  if (s->params.empty()) ImGui::TextDisabled("%s", tr("insp.no_params"));
  if (!n.params.is_object()) n.params = json::object();
  const std::string owner_name = s->name.en ? s->name.en : n.type;
  for (const auto& spec : s->params) param_row(spec, n.params, n.id, owner_name);
  if (s->simplifications.en && *s->simplifications.en) {
    section(tr("insp.simplifications"));
    wrapped_hint(s->simplifications.get(ko));
  }
}

void Inspector::draw_connection(doc::ConnectionDoc& c) {
  const doc::Document& d = ed_.document();
  const doc::NodeDoc* a = d.find_node(c.from);
  const doc::NodeDoc* b = d.find_node(c.to);
  ImGui::TextUnformatted(tr("insp.connection"));
  ImGui::Separator();
  ImGui::TextWrapped("%s  →  %s", a ? a->name.c_str() : c.from.c_str(), b ? b->name.c_str() : c.to.c_str());
  ImGui::TextDisabled("%s", c.id.c_str());
  const bool ko = korean();
  const catalog::ServiceDescriptor* sa = a ? catalog::find_service(a->type) : nullptr;
  const catalog::ServiceDescriptor* sb = b ? catalog::find_service(b->type) : nullptr;
  sim::WireRole role = catalog::parse_role(c.role).value_or(sim::WireRole::Call);
  // The role: a choice among those the pair takes (one: shown, not chosen).
  section(tr("insp.role"));
  std::vector<sim::WireRole> roles = sa && sb ? catalog::pair_roles(*sa, *sb) : std::vector<sim::WireRole>{};
  if (std::find(roles.begin(), roles.end(), role) == roles.end()) roles.insert(roles.begin(), role);
  if (roles.size() > 1) {
    ImGui::SetNextItemWidth(-1);
    if (ImGui::BeginCombo("##role", catalog::role_name(role).get(ko))) {
      const sim::WireRole was = role;
      for (sim::WireRole r : roles)
        if (ImGui::Selectable(catalog::role_name(r).get(ko), r == was) && r != was) {
          // The new role takes back what it had on this wire before, then keeps the
          // params it shares with the old one; the old role's are remembered for a switch back.
          const std::vector<catalog::ParamSpec> keep = catalog::wire_params(sa, sb, r);
          role_params_[c.id + "\n" + catalog::role_key(was)] = c.params;
          json kept = json::object();
          if (auto memo = role_params_.find(c.id + "\n" + catalog::role_key(r)); memo != role_params_.end())
            for (auto it = memo->second.begin(); memo->second.is_object() && it != memo->second.end(); ++it)
              if (catalog::find_param(keep, it.key())) kept[it.key()] = it.value();
          for (auto it = c.params.begin(); c.params.is_object() && it != c.params.end(); ++it)
            if (catalog::find_param(keep, it.key())) kept[it.key()] = it.value();
          c.role = catalog::role_key(r);
          c.params = std::move(kept);
          role = r;
          fields_.clear();
          ed_.commit(tr("undo.role"));
        }
      ImGui::EndCombo();
    }
    remember_rect("role");
  } else {
    ImGui::TextUnformatted(catalog::role_name(role).get(ko));
  }
  wrapped_hint(catalog::role_help(role).get(ko));
  section(tr("insp.parameters"));
  if (!c.params.is_object()) c.params = json::object();
  const std::vector<catalog::ParamSpec> specs = catalog::wire_params(sa, sb, role);
  if (specs.empty()) ImGui::TextDisabled("%s", tr("insp.no_wire_params"));
  const std::string owner = role == sim::WireRole::Call ? std::string("a connection")
                                                        : std::string("the ") + catalog::role_key(role) + " wire";
  for (const auto& spec : specs) param_row(spec, c.params, c.id, owner);
  ImGui::Spacing();
  if (ImGui::Button(tr("menu.delete_wire"))) ed_.delete_selection();
}

void Inspector::draw_multi() {
  const Selection& sel = ed_.selection();
  ImGui::TextUnformatted(trf("insp.n_selected", static_cast<int>(sel.nodes.size()),
                             static_cast<int>(sel.connections.size())).c_str());
  ImGui::Separator();
  if (!sel.nodes.empty() && ImGui::Button(tr("menu.duplicate"))) ed_.duplicate_selection();
  ImGui::SameLine();
  if (ImGui::Button(tr("menu.delete"))) ed_.delete_selection();
  ImGui::Spacing();
  wrapped_hint(tr("insp.multi_hint"));
}

// ---- [SECTION] Parameter rows ----------------------------------------------------------------

bool Inspector::number_field(const catalog::ParamSpec& spec, const std::string& fkey, double current, double min,
                             double max, bool integer, double* out) {
  Field& f = fields_[fkey];
  if (!f.active && f.error.empty()) f.text = num(current);
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%s", f.text.c_str());
  const bool bad = !f.error.empty();
  if (bad) {
    ImGui::PushStyleColor(ImGuiCol_FrameBg, ImVec4(1.0f, 0.90f, 0.90f, 1));
    ImGui::PushStyleColor(ImGuiCol_Border, ImVec4(0.85f, 0.08f, 0.08f, 1));
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 1.5f);
  }
  ImGui::SetNextItemWidth(-1);
  bool changed = ImGui::InputText("##v", buf, sizeof(buf), ImGuiInputTextFlags_CharsScientific);
  f.active = ImGui::IsItemActive();
  if (bad) {
    ImGui::PopStyleVar();
    ImGui::PopStyleColor(2);
  }
  bool apply = false;
  if (changed) {
    f.text = buf;
    double v = 0;
    f.error.clear();
    if (!parse_number(f.text, &v)) f.error = tr("insp.not_a_number");
    else if (integer && v != std::floor(v)) f.error = tr("insp.whole_number");
    else if (has_range(spec) && (v < min || v > max))
      f.error = trf(v < min ? "insp.below_min" : "insp.above_max", num(v).c_str(),
                    with_unit(v < min ? min : max, spec.unit).c_str());
    if (f.error.empty()) {
      *out = v;
      apply = true;
    }
  }
  return apply;
}

void Inspector::guard_edit(const std::string& fkey, json& params, const std::string& key) {
  Field& f = fields_[fkey];
  if (ImGui::IsItemActivated()) f.before = params.contains(key) ? params[key] : json();
  if (ImGui::IsItemDeactivated() && !f.error.empty()) {
    if (f.before.is_null()) params.erase(key);
    else params[key] = f.before;
  }
}

void Inspector::param_row(const catalog::ParamSpec& spec, json& params, const std::string& owner_id,
                          const std::string& owner_name) {
  const bool ko = korean();
  ImGui::PushID(spec.key.c_str());
  const std::string fkey = owner_id + "/" + spec.key;
  const bool is_default = !params.contains(spec.key);
  const json value = is_default ? spec.default_value : params[spec.key];

  // Label line: "Memory (MB)" and, when changed, a reset button.
  std::string label = spec.label.get(ko);
  if (!spec.unit.empty()) label += " (" + unit_text(spec.unit) + ")";
  ImGui::Spacing();
  ImGui::TextUnformatted(label.c_str());
  if (!is_default && !spec.default_value.is_null()) {
    ImGui::SameLine(ImGui::GetContentRegionAvail().x + ImGui::GetCursorPosX() - ImGui::CalcTextSize(tr("insp.reset")).x -
                    ImGui::GetStyle().FramePadding.x * 2);
    if (ImGui::SmallButton(tr("insp.reset"))) {
      params.erase(spec.key);
      fields_.erase(fkey);
      ed_.commit(tr("undo.edit_param"));
      ImGui::PopID();
      return;
    }
  }

  auto set_value = [&](const json& v) {
    if (v == spec.default_value) params.erase(spec.key);  // the document keeps only what differs
    else params[spec.key] = v;
  };
  const std::string undo_name = trf("undo.edit_named", spec.label.get(ko));

  switch (spec.type) {
    case catalog::ParamType::Int:
    case catalog::ParamType::Float: {
      double cur = value.is_number() ? value.get<double>() : 0;
      double v = 0;
      const bool integer = spec.type == catalog::ParamType::Int;
      if (number_field(spec, fkey, cur, spec.min, spec.max, integer, &v))
        set_value(integer ? json(static_cast<int64_t>(v)) : json(v));
      remember_rect(spec.key);
      guard_edit(fkey, params, spec.key);
      if (ImGui::IsItemDeactivatedAfterEdit()) ed_.commit(undo_name.c_str());
      break;
    }
    case catalog::ParamType::Bool: {
      bool b = value.is_boolean() && value.get<bool>();
      if (ImGui::Checkbox(b ? tr("insp.on") : tr("insp.off"), &b)) {
        set_value(json(b));
        ed_.commit(undo_name.c_str());
      }
      break;
    }
    case catalog::ParamType::Enum: {
      std::string cur = value.is_string() ? value.get<std::string>() : "";
      // The combo's frame, remembered before it opens (its popup is another window).
      const ImVec2 at = ImGui::GetCursorScreenPos();
      rects_[spec.key] = ImVec4(at.x, at.y, ImGui::GetContentRegionAvail().x, ImGui::GetFrameHeight());
      ImGui::SetNextItemWidth(-1);
      if (ImGui::BeginCombo("##enum", cur.c_str())) {
        for (const auto& c : spec.choices)
          if (ImGui::Selectable(c.c_str(), c == cur)) {
            set_value(json(c));
            ed_.commit(undo_name.c_str());
          }
        ImGui::EndCombo();
      }
      break;
    }
    case catalog::ParamType::String: {
      Field& f = fields_[fkey];
      if (!f.active) f.text = value.is_string() ? value.get<std::string>() : "";
      char buf[512];
      std::snprintf(buf, sizeof(buf), "%s", f.text.c_str());
      ImGui::SetNextItemWidth(-1);
      if (ImGui::InputText("##s", buf, sizeof(buf))) {
        f.text = buf;
        std::vector<doc::Issue> errs;
        catalog::check_param(spec, json(f.text), spec.key, owner_name, errs);
        f.error = errs.empty() ? "" : errs.front().text(korean());
        if (errs.empty()) set_value(json(f.text));
      }
      f.active = ImGui::IsItemActive();
      guard_edit(fkey, params, spec.key);
      if (ImGui::IsItemDeactivatedAfterEdit()) ed_.commit(undo_name.c_str());
      break;
    }
    case catalog::ParamType::Distribution:
      distribution_row(spec, params, owner_id, owner_name);
      break;
  }
  if (auto it = fields_.find(fkey); it != fields_.end() && !it->second.error.empty()) error_text(it->second.error);
  std::string rt = range_text(spec);
  if (!rt.empty()) ImGui::TextDisabled("%s", rt.c_str());
  if (spec.help.en && *spec.help.en) wrapped_hint(spec.help.get(ko));
  ImGui::PopID();
}

void Inspector::distribution_row(const catalog::ParamSpec& spec, json& params, const std::string& owner_id,
                                 const std::string& owner_name) {
  const bool ko = korean();
  json value = params.contains(spec.key) ? params[spec.key] : spec.default_value;
  if (value.is_number()) value = json{{"kind", "constant"}, {"value_ms", value.get<double>()}};
  if (!value.is_object()) value = distribution_for("exponential", 10);
  const std::string kind = value.value("kind", "constant");
  const std::string undo_name = trf("undo.edit_named", spec.label.get(ko));
  const std::string fkey = owner_id + "/" + spec.key;

  auto mean_ms = [&](const json& v) {
    std::vector<doc::Issue> errs;
    auto d = doc::parse_distribution(v, spec.key, errs);
    double m = d ? d->mean() * 1000.0 : 10.0;
    return std::isfinite(m) ? m : 10.0;
  };
  auto try_apply = [&](const json& v) -> std::string {
    std::vector<doc::Issue> errs;
    catalog::check_param(spec, v, spec.key, owner_name, errs);
    if (!errs.empty()) return errs.front().text(korean());
    if (v == spec.default_value) params.erase(spec.key);
    else params[spec.key] = v;
    return "";
  };

  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##kind", dist_label(kind))) {
    for (const auto& k : doc::distribution_kinds()) {
      if (k == "empirical" && kind != "empirical") continue;  // written in JSON, not from the menu
      if (ImGui::Selectable(dist_label(k), k == kind) && k != kind) {
        std::string err = try_apply(distribution_for(k, mean_ms(value)));
        fields_[fkey].error = err;
        if (err.empty()) ed_.commit(undo_name.c_str());
      }
    }
    ImGui::EndCombo();
  }
  if (kind == "empirical") {
    ImGui::TextDisabled("%s", value.dump().c_str());
    return;
  }
  // One number field per value of this kind ("mean_ms", "sigma", ...).
  for (auto it = value.begin(); it != value.end(); ++it) {
    if (it.key() == "kind" || !it->is_number()) continue;
    ImGui::PushID(it.key().c_str());
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", dist_label(it.key()));
    ImGui::SameLine(ImGui::GetFontSize() * 7);
    double v = 0;
    catalog::ParamSpec loose = spec;
    loose.min = loose.max = 0;  // bounds apply to the mean, checked below
    const std::string sub_key = fkey + "/" + it.key();
    if (number_field(loose, sub_key, it->get<double>(), 0, 0, false, &v)) {
      json next = value;
      next[it.key()] = v;
      std::string err = try_apply(next);
      fields_[sub_key].error = err;
    }
    guard_edit(sub_key, params, spec.key);
    if (ImGui::IsItemDeactivatedAfterEdit()) ed_.commit(undo_name.c_str());
    if (auto f = fields_.find(sub_key); f != fields_.end() && !f->second.error.empty()) error_text(f->second.error);
    ImGui::PopID();
  }
}

json Inspector::debug_state() const {
  json errors = json::object(), fields = json::object();
  for (const auto& [k, f] : fields_)
    if (!f.error.empty()) errors[k] = f.error;
  for (const auto& [k, r] : rects_) fields[k] = {{"x", r.x}, {"y", r.y}, {"w", r.z}, {"h", r.w}};
  return json{{"errors", errors}, {"fields", fields}};
}

}  // namespace cp::ui
