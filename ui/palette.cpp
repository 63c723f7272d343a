// Palette: services by category, searchable, draggable onto the canvas (see palette.h).
#include "ui/palette.h"

#include <algorithm>
#include <cctype>

#include "core/catalog/catalog.h"
#include "ui/i18n.h"
#include "ui/icons.h"

namespace cp::ui {

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool matches(const catalog::ServiceDescriptor& d, const std::string& needle) {
  if (needle.empty()) return true;
  for (const char* hay : {d.name.en, d.name.ko, d.summary.en, d.summary.ko})
    if (hay && lower(hay).find(needle) != std::string::npos) return true;
  return lower(d.type).find(needle) != std::string::npos;
}

constexpr catalog::Category kOrder[] = {
    catalog::Category::Clients,    catalog::Category::Compute,   catalog::Category::Networking,
    catalog::Category::Storage,    catalog::Category::Databases, catalog::Category::Messaging,
    catalog::Category::Serverless, catalog::Category::Testing,
};

}  // namespace

std::optional<std::string> Palette::take_activated() {
  auto a = std::move(activated_);
  activated_.reset();
  return a;
}

void Palette::draw() {
  items_.clear();
  const bool ko = korean();
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##search", tr("palette.search"), search_, sizeof(search_));
  const std::string needle = lower(search_);

  const auto& services = catalog::all_services();
  if (services.empty()) {
    ImGui::Spacing();
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", tr("palette.empty"));
    ImGui::PopTextWrapPos();
    return;
  }

  ImGui::BeginChild("##services", ImVec2(0, 0), false);
  const float icon = std::round(ImGui::GetFontSize() * 1.9f);
  const float row_h = icon + 6;
  int shown = 0;
  for (catalog::Category cat : kOrder) {
    std::vector<const catalog::ServiceDescriptor*> list;
    for (const auto* d : services)
      if (d && d->category == cat && matches(*d, needle)) list.push_back(d);
    if (list.empty()) continue;
    ImGui::PushID(static_cast<int>(cat));
    // Category header: a colour chip and the name (always open while searching).
    ImGui::PushStyleColor(ImGuiCol_Header, ImVec4(0, 0, 0, 0));
    if (!needle.empty()) ImGui::SetNextItemOpen(true);
    else ImGui::SetNextItemOpen(true, ImGuiCond_Once);
    bool open = ImGui::CollapsingHeader(catalog::category_name(cat).get(ko), ImGuiTreeNodeFlags_SpanAvailWidth);
    ImGui::PopStyleColor();
    {
      ImVec2 mn = ImGui::GetItemRectMin(), mx = ImGui::GetItemRectMax();
      ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(mn.x, mn.y + 3), ImVec2(mn.x + 3, mx.y - 3), category_color(cat));
    }
    if (open) {
      for (const auto* d : list) {
        ++shown;
        ImGui::PushID(d->type.c_str());
        ImVec2 pos = ImGui::GetCursorScreenPos();
        if (ImGui::Selectable("##item", false, ImGuiSelectableFlags_AllowDoubleClick, ImVec2(0, row_h)) &&
            ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left))
          activated_ = d->type;
        bool hovered = ImGui::IsItemHovered();
        ImVec2 item_min = ImGui::GetItemRectMin(), item_max = ImGui::GetItemRectMax();
        items_.push_back({d->type, item_min, item_max});
        if (ImGui::BeginDragDropSource(ImGuiDragDropFlags_SourceNoDisableHover)) {
          ImGui::SetDragDropPayload(kPayloadService, d->type.c_str(), d->type.size() + 1);
          ImVec2 p = ImGui::GetCursorScreenPos();
          draw_service_icon(ImGui::GetWindowDrawList(), d->type, d->category, p, icon);
          ImGui::Dummy(ImVec2(icon, icon));
          ImGui::SameLine();
          ImGui::AlignTextToFramePadding();
          ImGui::TextUnformatted(d->name.get(ko));
          ImGui::EndDragDropSource();
        } else if (hovered && d->summary.en && *d->summary.en) {
          ImGui::BeginTooltip();
          ImGui::PushTextWrapPos(ImGui::GetFontSize() * 22);
          ImGui::TextUnformatted(d->name.get(ko));
          ImGui::Separator();
          ImGui::TextUnformatted(d->summary.get(ko));
          ImGui::TextDisabled("%s", tr("palette.drag_hint"));
          ImGui::PopTextWrapPos();
          ImGui::EndTooltip();
        }
        ImDrawList* dl = ImGui::GetWindowDrawList();
        draw_service_icon(dl, d->type, d->category, ImVec2(pos.x + 2, pos.y + 3), icon);
        const float text_x = pos.x + icon + 10;
        const float wrap = item_max.x - text_x - 2;
        const char* name = d->name.get(ko);
        ImVec2 ts = ImGui::CalcTextSize(name, nullptr, false, wrap);
        ImGui::PushClipRect(item_min, item_max, true);
        dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(text_x, pos.y + (row_h - ts.y) / 2),
                    ImGui::GetColorU32(ImGuiCol_Text), name, nullptr, wrap);
        ImGui::PopClipRect();
        ImGui::PopID();
      }
    }
    ImGui::PopID();
  }
  if (shown == 0 && !needle.empty()) ImGui::TextDisabled("%s", tr("palette.no_match"));
  ImGui::EndChild();
}

}  // namespace cp::ui
