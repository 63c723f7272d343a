// Inspector: the selection's properties. For a service: its name (any UTF-8,
// Korean included), its placement, and every parameter of its model with the
// unit, the valid range, the default and a short explanation in the current
// language. For a connection: the connection parameters. Each edit is checked
// at once: a value out of range is marked red with the reason and is not
// applied; a finished edit is one undo step.
//
//   inspector.draw();   // inside the inspector window
#pragma once
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "core/catalog/catalog.h"
#include "imgui.h"
#include "ui/editor.h"

namespace cp::ui {

class Inspector {
public:
  explicit Inspector(Editor& editor) : ed_(editor) {}
  void draw();
  // Field errors shown right now ("<owner>/<key>" -> message), for the browser tests.
  nlohmann::json debug_state() const;

private:
  struct Field {
    std::string text;   // what the user typed
    std::string error;  // why it is not applied ("" when it is)
    bool active = false;
    nlohmann::json before;  // the param when editing began (null: not set), restored if the edit ends invalid
  };
  // After a text field: remembers the param's value when editing begins; when editing ends
  // with an invalid value, puts that value back (typing "5000" passes through a valid "500").
  void guard_edit(const std::string& field_key, nlohmann::json& params, const std::string& key);
  void draw_document();
  void draw_node(doc::NodeDoc& n);
  void draw_connection(doc::ConnectionDoc& c);
  void draw_multi();
  // One parameter row. `params` is the owner's (sparse) params object in the document.
  void param_row(const catalog::ParamSpec& spec, nlohmann::json& params, const std::string& owner_id,
                 const std::string& owner_name);
  bool number_field(const catalog::ParamSpec& spec, const std::string& field_key, double current, double min,
                    double max, bool integer, double* out);
  void distribution_row(const catalog::ParamSpec& spec, nlohmann::json& params, const std::string& owner_id,
                        const std::string& owner_name);
  std::string range_text(const catalog::ParamSpec& spec) const;

  Editor& ed_;
  void remember_rect(const std::string& key);  // the last item's screen rect, for the tests
  std::map<std::string, Field> fields_;
  // A wire's params of the roles it had before ("<connection id>\n<role>"): switching back
  // to a role gives its settings back (batch size of a poll, say), as a user expects.
  std::map<std::string, nlohmann::json> role_params_;
  std::map<std::string, ImVec4> rects_;   // param key / "name" -> (x, y, w, h) of its widget
  std::string shown_;            // what the fields belong to (selection key)
  uint64_t seen_revision_ = 0;
  char name_buf_[256] = "";
  bool name_active_ = false;
};

}  // namespace cp::ui
