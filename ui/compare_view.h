// CompareView: side-by-side runs (issue 17) in a window over the canvas. Two or three
// variants of a design run with the same traffic, seed and faults
// (engine::run_side_by_side); each metric is one plot with every variant's line on the
// same axis, in the variants' colours (one legend for all plots). Hovering a plot moves
// a time cursor over all of them (a click pins it, a second click on the same spot
// unpins); a table gives each variant's value over the run, the difference to the
// first variant, and the values at the cursor. A sentence says what differs
// (engine::differences_text) and the lesson's words say what to look at.
//
//   CompareView view;
//   view.open({title, designs, labels, metrics, note});   // runs the variants now
//   view.draw();                                          // every frame
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/engine/compare.h"
#include "imgui.h"

namespace cp::ui {

class CompareView {
public:
  struct Label {
    std::string en, ko;
  };
  struct Request {
    Label title;                           // "SQS visibility timeout: step 4"
    std::vector<doc::Document> designs;    // 2 .. engine::kMaxVariants
    std::vector<Label> labels;             // one per design
    std::vector<engine::SeriesSpec> metrics;  // empty = engine::default_series
    Label note;                            // what to look at (a lesson's words; optional)
  };
  static constexpr ImU32 kColors[engine::kMaxVariants] = {IM_COL32(0x09, 0x72, 0xD3, 255), IM_COL32(0xE0, 0x6C, 0x00, 255),
                                                          IM_COL32(0x1D, 0x81, 0x02, 255)};

  // Runs the variants (synchronously: a few hundred ms for a lesson's run) and shows them.
  void open(Request r);
  void close() { open_ = false; }
  bool is_open() const { return open_; }
  void draw();
  // "Compare with a copy where…": a small window to pick a node, one of its params and a
  // new value; Run compares the design as it is with the copy.
  void open_copy_dialog(const doc::Document& d);
  // The same without the window (tests): false, with the reason in why_en/why_ko, if the
  // copy is not a valid design or is the same.
  bool compare_with_copy(const doc::Document& d, const std::string& node, const std::string& param, const nlohmann::json& value);
  const std::string& copy_error(bool ko) const { return ko ? copy_why_ko_ : copy_why_en_; }
  // For the tests and the screenshot: pin the cursor at `t_s` (negative: none).
  void pin_cursor(double t_s) { pinned_ = t_s >= 0 ? std::optional<float>(static_cast<float>(t_s)) : std::nullopt; }
  const engine::Comparison& result() const { return result_; }
  // When set, a button per variant opens its design in the editor (and closes the view).
  std::function<void(size_t)> on_open_variant;
  nlohmann::json debug_state() const;

private:
  // The value of variant `v`'s series `m` at the point nearest `t` (nullopt: no point).
  std::optional<float> value_at(size_t v, size_t m, float t) const;
  void draw_table(bool ko, std::optional<float> cursor);
  void draw_copy_dialog();

  bool open_ = false;
  Request req_;
  engine::Comparison result_;
  std::string diff_en_, diff_ko_;
  std::optional<float> hover_, pinned_;  // hover_: last frame's, from any plot
  ImVec4 window_rect_{0, 0, 0, 0};
  std::vector<ImVec4> plot_rects_;     // where each metric's plot was drawn (x, y, w, h), for the tests
  int frames_ = 0;
  // The copy dialog.
  bool dialog_open_ = false;
  doc::Document dialog_doc_;
  int dialog_node_ = 0, dialog_param_ = 0;
  char dialog_value_[64] = {};
  std::string copy_why_en_, copy_why_ko_;
};

}  // namespace cp::ui
