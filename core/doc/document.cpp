// Documents: reading JSON text with limits, migrating older versions,
// validating everything (all errors, each with its JSON path), writing back.
//
// [SECTION] Document lookups
// [SECTION] Reading JSON text with limits (a SAX builder: depth, string size, duplicate keys)
// [SECTION] Migration (v0 -> v1)
// [SECTION] Validation (Loader)
// [SECTION] Writing (to_json, to_json_text)
// [SECTION] Entry points (never throw)
#include "core/doc/document.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "core/catalog/catalog.h"
#include "core/catalog/regions.h"
#include "core/doc/messages.h"

namespace cp::doc {

using json = nlohmann::json;

// ---- [SECTION] Document lookups ----------------------------------------------

const NodeDoc* Document::find_node(const std::string& id) const {
  for (const NodeDoc& n : nodes)
    if (n.id == id) return &n;
  return nullptr;
}

const ConnectionDoc* Document::find_connection(const std::string& id) const {
  for (const ConnectionDoc& c : connections)
    if (c.id == id) return &c;
  return nullptr;
}

const std::vector<std::string>& fault_actions() {
  static const std::vector<std::string> actions = {"kill_node", "az_down", "region_down", "add_latency", "error_rate"};
  return actions;
}

namespace {

// ---- [SECTION] Reading JSON text with limits ---------------------------------

// Builds the DOM as nlohmann's parser reports values, refusing (and so stopping
// the parse at once) input nested deeper than the limit, strings longer than the
// limit, and an object that repeats a key. nlohmann's parser keeps its own
// stack on the heap, so a 100 000-deep "[[[[" never recurses: it is refused at
// level max_depth + 1.
class LimitedBuilder {
public:
  enum class Stop { None, Syntax, TooDeep, StringTooLong, DuplicateKey };

  LimitedBuilder(json& root, const ParseLimits& limits) : root_(root), limits_(limits) {}

  bool null() { return add(json(nullptr)); }
  bool boolean(bool b) { return add(json(b)); }
  bool number_integer(json::number_integer_t v) { return add(json(v)); }
  bool number_unsigned(json::number_unsigned_t v) { return add(json(v)); }
  bool number_float(json::number_float_t v, const json::string_t&) { return add(json(v)); }
  bool string(json::string_t& s) {
    if (s.size() > limits_.max_string_bytes) {
      stop_long(s.size());
      if (!stack_.empty()) {
        const Frame& f = stack_.back();
        stop_path_ = f.value->is_array() ? index_path(f.path, f.count) : join_path(f.path, f.key);
      }
      return false;
    }
    return add(json(std::move(s)));
  }
  bool binary(json::binary_t&) { return add(json(nullptr)); }  // not produced by JSON text

  bool start_object(std::size_t) { return open(json::object()); }
  bool key(json::string_t& k) {
    if (k.size() > limits_.max_string_bytes) return stop_long(k.size());
    Frame& f = stack_.back();
    if (f.value->contains(k)) {
      stop_ = Stop::DuplicateKey;
      stop_path_ = join_path(f.path, k);
      stop_detail_ = k;
      return false;
    }
    f.key = std::move(k);
    return true;
  }
  bool end_object() {
    stack_.pop_back();
    return true;
  }
  bool start_array(std::size_t) { return open(json::array()); }
  bool end_array() {
    stack_.pop_back();
    return true;
  }
  bool parse_error(std::size_t position, const std::string&, const json::exception& ex) {
    stop_ = Stop::Syntax;
    error_position_ = position;
    stop_detail_ = ex.what();
    return false;
  }

  Stop stop() const { return stop_; }
  const std::string& stop_path() const { return stop_path_; }
  const std::string& stop_detail() const { return stop_detail_; }
  size_t error_position() const { return error_position_; }

private:
  struct Frame {
    json* value;
    std::string path;
    std::string key;  // objects: the key of the value being read
    size_t count = 0;  // arrays: elements so far
  };

  // Where the next value goes, and its path.
  json* place(json&& v, std::string* path) {
    if (stack_.empty()) {
      root_ = std::move(v);
      *path = "";
      return &root_;
    }
    Frame& f = stack_.back();
    if (f.value->is_array()) {
      *path = index_path(f.path, f.count++);
      f.value->push_back(std::move(v));
      return &f.value->back();
    }
    *path = join_path(f.path, f.key);
    json& slot = (*f.value)[f.key];
    slot = std::move(v);
    return &slot;
  }

  bool add(json&& v) {
    std::string ignored;
    place(std::move(v), &ignored);
    return true;
  }

  bool open(json&& container) {
    if (stack_.size() >= static_cast<size_t>(std::max(1, limits_.max_depth))) {
      stop_ = Stop::TooDeep;
      stop_path_ = stack_.back().path;
      return false;
    }
    std::string path;
    json* p = place(std::move(container), &path);
    stack_.push_back(Frame{p, std::move(path), {}, 0});
    return true;
  }

  bool stop_long(size_t n) {
    stop_ = Stop::StringTooLong;
    stop_path_ = stack_.empty() ? std::string() : stack_.back().path;
    stop_detail_ = std::to_string(n);
    return false;
  }

  json& root_;
  const ParseLimits& limits_;
  std::vector<Frame> stack_;
  Stop stop_ = Stop::None;
  std::string stop_path_;
  std::string stop_detail_;
  size_t error_position_ = 0;
};

// "line 3, column 14" for a byte offset (columns count characters, not bytes).
std::string line_column(const std::string& text, size_t position) {
  size_t at = position > 0 ? position - 1 : 0;  // nlohmann reports the count of bytes read
  if (at > text.size()) at = text.size();
  size_t line = 1, line_start = 0;
  for (size_t i = 0; i < at; ++i)
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  size_t column = 1 + utf8_length(text.substr(line_start, at - line_start));
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

// nlohmann's message, made into a sentence for a person. Its form is
// "[json.exception.parse_error.101] parse error at line 1, column 8: syntax error
// while parsing object key - unexpected '}'; expected string literal".
std::string explain_syntax_error(const std::string& what) {
  std::string detail = what;
  size_t col = detail.find("column ");
  size_t colon = col == std::string::npos ? std::string::npos : detail.find(": ", col);
  if (colon != std::string::npos) detail = detail.substr(colon + 2);
  else if (size_t b = detail.find("] "); b != std::string::npos) detail = detail.substr(b + 2);
  std::string context;  // value, object, object key, object separator, array
  const std::string prefix = "syntax error while parsing ";
  if (detail.rfind(prefix, 0) == 0) {
    size_t dash = detail.find(" - ");
    if (dash != std::string::npos) {
      context = detail.substr(prefix.size(), dash - prefix.size());
      detail = detail.substr(dash + 3);
    }
  }
  std::string problem, near, expected;
  size_t pos = 0;
  while (pos <= detail.size()) {
    size_t semi = detail.find("; ", pos);
    std::string part = detail.substr(pos, semi == std::string::npos ? std::string::npos : semi - pos);
    if (part.rfind("last read: ", 0) == 0) near = part.substr(11);
    else if (part.rfind("expected ", 0) == 0) expected = part.substr(9);
    else if (problem.empty()) problem = part;
    if (semi == std::string::npos) break;
    pos = semi + 2;
  }
  if (near.size() > 40) near = near.substr(0, 40) + "…";
  auto has = [&](const std::string& s, const char* part) { return s.find(part) != std::string::npos; };
  if (has(problem, "end of input"))
    return "the text ends too soon: something is missing at the end (a closing } or ], a value, or a quote).";
  if (expected == "end of input") return "there is more text after the end of the document.";
  if (has(problem, "control character"))
    return "a string contains a line break or tab: inside quotes, write them as \\n or \\t.";
  if (has(problem, "missing closing quote")) return "a string is missing its closing quote (\").";
  if (has(problem, "after backslash"))
    return "a backslash in a string must start an escape such as \\n, \\\" or \\\\ (write \\\\ for a backslash itself).";
  if (has(problem, "UTF-8") || has(problem, "surrogate") || has(problem, "\\u"))
    return "the text is not valid UTF-8 or has a broken \\u escape: save the file as UTF-8.";
  if (has(problem, "number overflow")) return "a number is too large to be read.";
  if (has(problem, "invalid number")) return "a number is written wrongly (JSON numbers look like 12, -3.5 or 1e6).";
  if (has(problem, "invalid literal"))
    return "this is not a JSON value" + (near.empty() ? std::string() : " (near " + near + ")") +
           ": text needs double quotes, and true, false and null are written in lowercase.";
  if (context == "object" && expected == "'}'")
    return "a comma is missing between two fields (or a } is missing).";
  if (context == "array" && expected == "']'")
    return "a comma is missing between two items of a list (or a ] is missing).";
  if (context == "object key" && has(problem, "'}'"))
    return "there is a comma just before }: remove it (JSON allows no comma after the last field).";
  if (context == "object key") return "expected a field name in double quotes, such as \"name\".";
  if (context == "object separator") return "a colon (:) is missing after a field name.";
  if (context == "value" && has(problem, "']'"))
    return "there is a comma just before ], or a value is missing: JSON allows no comma after the last item.";
  std::string m = "the JSON is not valid here: " + problem;
  if (!expected.empty()) m += "; expected " + expected;
  return m + ".";
}

// ---- [SECTION] Migration (v0 -> v1) ------------------------------------------
//
// Version 0 (the prototype's format) differed from version 1 in these ways;
// docs/document-format.md, "Versions and migration", shows a full example:
//   "title"                  -> "name"
//   "duration", "seed"       -> "settings": {"duration_s", "seed"}
//   "regions": ["us-east-1"] -> [{"code": "us-east-1", "azs": [AZs its nodes use]}]
//   node "label"             -> node "name"
//   "links": [{from, to, sync, timeout_ms, retries, weight}]
//                            -> "connections": [{from, to, params: {mode, timeout_ms, retries, weight}}]
//   fault "at", "until"      -> "at_s", "until_s"
//   "positions": {id: [x, y]} -> "layout": {"nodes": {id: {"x", "y"}}}
// Anything a step does not recognise is left as it is, so validation reports it.

void rename_key(json& obj, const char* from, const char* to) {
  if (!obj.is_object() || !obj.contains(from) || obj.contains(to)) return;
  obj[to] = std::move(obj[from]);
  obj.erase(from);
}

void migrate_v0_to_v1(json& j, std::vector<std::string>& notes) {
  if (j.contains("title") && !j.contains("name")) {
    rename_key(j, "title", "name");
    notes.push_back("\"title\" became \"name\"");
  }
  if (j.contains("duration") || j.contains("seed")) {
    json settings = j.contains("settings") && j["settings"].is_object() ? j["settings"] : json::object();
    if (j.contains("duration") && !settings.contains("duration_s")) {
      settings["duration_s"] = std::move(j["duration"]);
      j.erase("duration");
    }
    if (j.contains("seed") && !settings.contains("seed")) {
      settings["seed"] = std::move(j["seed"]);
      j.erase("seed");
    }
    j["settings"] = std::move(settings);
    notes.push_back("\"duration\" and \"seed\" moved into \"settings\" (duration_s, seed)");
  }
  if (j.contains("nodes") && j["nodes"].is_array()) {
    bool renamed = false;
    for (json& n : j["nodes"])
      if (n.is_object() && n.contains("label") && !n.contains("name")) {
        rename_key(n, "label", "name");
        renamed = true;
      }
    if (renamed) notes.push_back("node \"label\" became \"name\"");
  }
  if (j.contains("regions") && j["regions"].is_array()) {
    bool changed = false;
    for (json& r : j["regions"]) {
      if (!r.is_string()) continue;
      std::string code = r.get<std::string>();
      json azs = json::array();
      if (j.contains("nodes") && j["nodes"].is_array())
        for (const json& n : j["nodes"]) {
          if (!n.is_object() || !n.contains("az") || !n["az"].is_string()) continue;
          if (n.contains("region") && n["region"] != code) continue;
          if (!n.contains("region")) {
            const catalog::RegionSpec* owner = catalog::region_of_az(n["az"].get<std::string>());
            if (!owner || owner->code != code) continue;
          }
          if (std::find(azs.begin(), azs.end(), n["az"]) == azs.end()) azs.push_back(n["az"]);
        }
      r = json{{"code", code}, {"azs", azs}};
      changed = true;
    }
    if (changed) notes.push_back("each Region became {\"code\", \"azs\"} listing the AZs its nodes use");
  }
  if (j.contains("links") && !j.contains("connections")) {
    json conns = json::array();
    if (j["links"].is_array()) {
      for (json& link : j["links"]) {
        if (!link.is_object()) {
          conns.push_back(std::move(link));
          continue;
        }
        json c = json::object();
        json params = link.contains("params") && link["params"].is_object() ? link["params"] : json::object();
        for (auto it = link.begin(); it != link.end(); ++it) {
          const std::string& k = it.key();
          if (k == "from" || k == "to" || k == "id") c[k] = it.value();
          else if (k == "params" && it.value().is_object()) continue;
          else if (k == "sync" && it.value().is_boolean()) params["mode"] = it.value().get<bool>() ? "sync" : "async";
          else params[k] = it.value();
        }
        if (!params.empty()) c["params"] = std::move(params);
        conns.push_back(std::move(c));
      }
    } else {
      conns = std::move(j["links"]);
    }
    j["connections"] = std::move(conns);
    j.erase("links");
    notes.push_back("\"links\" became \"connections\", their settings moved into \"params\" (sync became mode)");
  }
  if (j.contains("faults") && j["faults"].is_array()) {
    bool renamed = false;
    for (json& f : j["faults"])
      if (f.is_object() && (f.contains("at") || f.contains("until"))) {
        rename_key(f, "at", "at_s");
        rename_key(f, "until", "until_s");
        renamed = true;
      }
    if (renamed) notes.push_back("fault \"at\"/\"until\" became \"at_s\"/\"until_s\"");
  }
  if (j.contains("positions")) {
    json layout = j.contains("layout") && j["layout"].is_object() ? j["layout"] : json::object();
    json nodes = json::object();
    const json& pos = j["positions"];
    if (pos.is_object()) {
      for (auto it = pos.begin(); it != pos.end(); ++it) {
        const json& p = it.value();
        if (p.is_array() && p.size() == 2 && p[0].is_number() && p[1].is_number())
          nodes[it.key()] = json{{"x", p[0]}, {"y", p[1]}};
        else
          nodes[it.key()] = p;
      }
      layout["nodes"] = std::move(nodes);
    } else {
      layout["positions"] = pos;
    }
    j["layout"] = std::move(layout);
    j.erase("positions");
    notes.push_back("\"positions\" moved into \"layout\".nodes");
  }
}

using MigrationStep = void (*)(json&, std::vector<std::string>&);
// steps[v] brings a version v document to version v + 1.
const MigrationStep kSteps[kCurrentVersion] = {migrate_v0_to_v1};

bool migrate_impl(json& j, std::vector<Issue>& errors, std::vector<Issue>& warnings) {
  if (!j.is_object()) {
    errors.push_back({"", "a cloudplay document is a JSON object ({\"version\": 1, \"nodes\": [...], ...}), but this is " +
                              describe_value(j) + "."});
    return false;
  }
  auto it = j.find("version");
  if (it == j.end()) {
    errors.push_back({"version", "missing: a document says which format version it is written in, e.g. \"version\": " +
                                     std::to_string(kCurrentVersion) + "."});
    return false;
  }
  if (!is_whole_number(*it)) {
    errors.push_back({"version", "expected a whole number such as " + std::to_string(kCurrentVersion) + ", got " +
                                     describe_value(*it)});
    return false;
  }
  const double v = it->get<double>();
  if (v < 0) {
    errors.push_back({"version", format_number(v) + " is not a format version: versions start at 0."});
    return false;
  }
  if (v > kCurrentVersion) {
    errors.push_back({"version", "this document is in format version " + format_number(v) +
                                     ", newer than this cloudplay understands (it reads versions 0 to " +
                                     std::to_string(kCurrentVersion) +
                                     "). It was probably saved by a newer cloudplay: open it there, or update."});
    return false;
  }
  const int from = static_cast<int>(v);
  std::vector<std::string> notes;
  for (int ver = from; ver < kCurrentVersion; ++ver) {
    kSteps[ver](j, notes);
    j["version"] = ver + 1;
  }
  if (from < kCurrentVersion) {
    std::string m = "this document was in format version " + std::to_string(from) + " and was brought up to version " +
                    std::to_string(kCurrentVersion) + "; saving it writes version " + std::to_string(kCurrentVersion) + ".";
    if (!notes.empty()) m += " Changes: " + join_words(notes, "; ") + ".";
    warnings.push_back({"version", m});
  } else {
    j["version"] = kCurrentVersion;  // 1.0 -> 1
  }
  return true;
}

// ---- [SECTION] Validation (Loader) ------------------------------------------

const std::vector<std::string> kTopFields = {"version", "name", "description", "settings", "regions",
                                             "nodes", "connections", "faults", "layout"};
const std::vector<std::string> kSettingsFields = {"duration_s", "seed"};
const std::vector<std::string> kRegionFields = {"code", "azs"};
const std::vector<std::string> kNodeFields = {"id", "type", "name", "region", "az", "params"};
const std::vector<std::string> kConnectionFields = {"id", "from", "to", "params"};
const std::vector<std::string> kFaultFields = {"at_s", "action", "target", "until_s", "value"};

const json kEmptyObject = json::object();

std::string seconds(double s) { return format_number(s) + " s"; }

std::vector<std::string> quoted_list(const std::vector<std::string>& v, size_t max = 16) {
  std::vector<std::string> out;
  for (size_t i = 0; i < v.size() && i < max; ++i) out.push_back(v[i]);
  if (v.size() > max) out.push_back("…");
  return out;
}

class Loader {
public:
  Loader(const ParseLimits& limits, LoadResult& out) : limits_(limits), out_(out), doc_(out.document) {}

  void run(const json& input) {
    json j = input;
    std::vector<Issue> errors;
    bool ok = migrate_impl(j, errors, out_.warnings);
    for (Issue& e : errors) error(e.path, e.message);
    if (!ok) return finish();
    doc_ = Document{};
    doc_.version = kCurrentVersion;

    check_fields(j, "", kTopFields, "a document");
    if (auto s = text(j, "name", "", false, kMaxNameLength)) doc_.name = *s;
    if (auto s = text(j, "description", "", false, kMaxDescriptionLength)) doc_.description = *s;
    settings(j);
    regions(j);
    nodes(j);
    connections(j);
    faults(j);
    // Rules across nodes (placement groups, snapshots between volumes), once everything is loaded.
    for (Issue& e : catalog::check_document_rules(doc_)) error(e.path, std::move(e.message));
    if (j.contains("layout")) {
      if (!j["layout"].is_object())
        error("layout", "expected an object (the canvas's positions and frames), got " + describe_value(j["layout"]));
      else if (saveable(j["layout"], "layout"))
        doc_.layout = j["layout"];
    }
    finish();
  }

private:
  // ---- reporting ----
  void error(const std::string& path, std::string message) {
    if (out_.errors.size() < limits_.max_errors) out_.errors.push_back({path, std::move(message)});
    else ++dropped_;
  }
  void warning(const std::string& path, std::string message) {
    if (out_.warnings.size() < limits_.max_errors) out_.warnings.push_back({path, std::move(message)});
  }
  void errors_from(std::vector<Issue>& v) {
    for (Issue& e : v) error(e.path, std::move(e.message));
  }
  void finish() {
    if (dropped_ > 0)
      out_.errors.push_back({"", "… and " + std::to_string(dropped_) + " more errors (only the first " +
                                     std::to_string(limits_.max_errors) + " are listed)."});
  }

  // ---- shared checks ----
  // Free-form JSON (the layout) must survive a save: no NaN or infinity (JSON
  // cannot write them) and only valid UTF-8. Walked without recursion.
  bool saveable(const json& root, const std::string& root_path) {
    std::vector<std::pair<const json*, std::string>> todo{{&root, root_path}};
    bool ok = true;
    while (!todo.empty()) {
      auto [v, path] = std::move(todo.back());
      todo.pop_back();
      if (v->is_number_float() && !std::isfinite(v->get<double>())) {
        error(path, format_number(v->get<double>()) + " cannot be saved: JSON has no NaN or infinity.");
        ok = false;
      } else if (v->is_string() && !utf8_valid(v->get_ref<const std::string&>())) {
        error(path, "is not valid UTF-8 text.");
        ok = false;
      } else if (v->is_object()) {
        for (auto it = v->begin(); it != v->end(); ++it) {
          if (!utf8_valid(it.key())) {
            error(path, "has a key that is not valid UTF-8 text.");
            ok = false;
            continue;
          }
          todo.emplace_back(&it.value(), join_path(path, it.key()));
        }
      } else if (v->is_array()) {
        for (size_t i = 0; i < v->size(); ++i) todo.emplace_back(&(*v)[i], index_path(path, i));
      }
    }
    return ok;
  }

  void check_fields(const json& obj, const std::string& path, const std::vector<std::string>& known, const char* what) {
    for (auto it = obj.begin(); it != obj.end(); ++it) {
      if (std::find(known.begin(), known.end(), it.key()) != known.end()) continue;
      std::string m = quote(it.key()) + " is not a field of " + what + ".";
      std::string dym = did_you_mean(it.key(), known);
      m += dym.empty() ? " Its fields are " + join_words(known) + "." : dym;
      error(join_path(path, it.key()), m);
    }
  }

  // An optional (or required) string field, with a length limit in characters.
  std::optional<std::string> text(const json& obj, const char* key, const std::string& path, bool required,
                                  size_t max_chars, const char* what = nullptr) {
    auto it = obj.find(key);
    if (it == obj.end()) {
      if (required) error(path, std::string("needs ") + quote(key) + (what ? std::string(" (") + what + ")" : "") + ".");
      return std::nullopt;
    }
    const std::string p = join_path(path, key);
    if (!it->is_string()) {
      error(p, "expected text, got " + describe_value(*it));
      return std::nullopt;
    }
    const std::string& s = it->get_ref<const std::string&>();
    if (!utf8_valid(s)) {
      error(p, "is not valid UTF-8 text.");
      return std::nullopt;
    }
    if (utf8_length(s) > max_chars) {
      error(p, "is " + std::to_string(utf8_length(s)) + " characters long; the most is " + std::to_string(max_chars) + ".");
      return std::nullopt;
    }
    return s;
  }

  // A finite number field. nullopt when missing (an error if required) or wrong.
  std::optional<double> number(const json& obj, const char* key, const std::string& path, bool required,
                               const char* what) {
    auto it = obj.find(key);
    if (it == obj.end()) {
      if (required) error(path, std::string("needs ") + quote(key) + " (" + what + ").");
      return std::nullopt;
    }
    const std::string p = join_path(path, key);
    if (!it->is_number()) {
      error(p, std::string("expected ") + what + ", got " + describe_value(*it));
      return std::nullopt;
    }
    double v = it->get<double>();
    if (!std::isfinite(v)) {
      error(p, std::string("expected ") + what + ", got " + format_number(v));
      return std::nullopt;
    }
    return v;
  }

  // Ids: 1..64 of [A-Za-z0-9_-].
  bool check_id(const std::string& id, const std::string& path) {
    if (id.empty()) {
      error(path, "an id cannot be empty.");
      return false;
    }
    if (id.size() > kMaxIdLength) {
      error(path, "is " + std::to_string(id.size()) + " characters long; an id has at most " +
                      std::to_string(kMaxIdLength) + ".");
      return false;
    }
    for (size_t i = 0; i < id.size(); ++i) {
      char c = id[i];
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_') continue;
      std::string bad;
      if (c == ' ') bad = "a space";
      else if (static_cast<unsigned char>(c) < 0x20) bad = "a control character";
      else {
        size_t n = 1;
        while (i + n < id.size() && (static_cast<unsigned char>(id[i + n]) & 0xC0) == 0x80) ++n;
        bad = "'" + id.substr(i, n) + "'";
      }
      error(path, quote(id) + " contains " + bad + ": ids use only letters A-Z and a-z, digits, - and _ " +
                      "(the name can be anything).");
      return false;
    }
    return true;
  }

  // ---- settings ----
  void settings(const json& j) {
    auto it = j.find("settings");
    if (it == j.end()) return;
    const std::string p = "settings";
    if (!it->is_object()) {
      error(p, "expected an object such as {\"duration_s\": 600, \"seed\": 1}, got " + describe_value(*it));
      return;
    }
    check_fields(*it, p, kSettingsFields, "the settings");
    if (auto d = number(*it, "duration_s", p, false, "a number of seconds")) {
      if (*d <= 0) error(p + ".duration_s", seconds(*d) + " is not a duration: a run lasts more than 0 s.");
      else if (*d > kMaxDurationS)
        error(p + ".duration_s", seconds(*d) + " is longer than the longest run, 30 days (" + seconds(kMaxDurationS) + ").");
      else doc_.settings.duration_s = *d;
    }
    if (auto s = it->find("seed"); s != it->end()) {
      if (!is_whole_number(*s)) error(p + ".seed", "expected a whole number from 0 to 2^53, got " + describe_value(*s));
      else if (s->get<double>() < 0) error(p + ".seed", describe_value(*s) + " is negative: a seed is from 0 to 2^53.");
      else if (s->is_number_float() ? s->get<double>() > static_cast<double>(kMaxSeed) : s->get<uint64_t>() > kMaxSeed)
        error(p + ".seed", describe_value(*s) + " is above the largest seed, 2^53 (" + std::to_string(kMaxSeed) +
                               "), the largest whole number a JavaScript number (and so a share link) keeps exactly.");
      else doc_.settings.seed = s->is_number_float() ? static_cast<uint64_t>(s->get<double>()) : s->get<uint64_t>();
    }
  }

  // ---- regions ----
  void regions(const json& j) {
    auto it = j.find("regions");
    if (it == j.end()) return;
    if (!it->is_array()) {
      error("regions", "expected a list such as [{\"code\": \"us-east-1\", \"azs\": [\"use1-az1\"]}], got " +
                           describe_value(*it));
      return;
    }
    if (it->size() > catalog::all_regions().size()) {
      error("regions", "lists " + std::to_string(it->size()) + " Regions; cloudplay knows " +
                           std::to_string(catalog::all_regions().size()) + ", and each may appear once.");
      return;
    }
    std::vector<std::string> codes;
    for (const catalog::RegionSpec& r : catalog::all_regions()) codes.push_back(r.code);
    std::map<std::string, size_t> seen_region;
    std::map<std::string, std::string> seen_az;  // AZ -> path where first listed
    for (size_t i = 0; i < it->size(); ++i) {
      const json& r = (*it)[i];
      const std::string p = index_path("regions", i);
      if (!r.is_object()) {
        error(p, "expected {\"code\": \"us-east-1\", \"azs\": [...]}, got " + describe_value(r));
        continue;
      }
      check_fields(r, p, kRegionFields, "a Region entry");
      auto code = text(r, "code", p, true, 32, "a Region code such as us-east-1");
      if (!code) continue;
      const catalog::RegionSpec* spec = catalog::find_region(*code);
      if (!spec) {
        error(p + ".code", "there is no AWS Region " + quote(*code) + " in cloudplay's list." +
                               did_you_mean(*code, codes) + " Region codes look like us-east-1 or ap-northeast-2.");
        continue;
      }
      if (auto prev = seen_region.find(*code); prev != seen_region.end()) {
        error(p + ".code", *code + " is already listed in " + index_path("regions", prev->second) +
                               ": list each Region once, with all its AZs.");
        continue;
      }
      seen_region[*code] = i;
      RegionDoc rd;
      rd.code = *code;
      if (auto a = r.find("azs"); a != r.end()) {
        if (!a->is_array()) {
          error(p + ".azs", "expected a list of AZ IDs such as [\"" + spec->azs.front() + "\"], got " + describe_value(*a));
        } else {
          for (size_t k = 0; k < a->size(); ++k) {
            const json& az = (*a)[k];
            const std::string ap = index_path(p + ".azs", k);
            if (!az.is_string()) {
              error(ap, "expected an AZ ID such as " + quote(spec->azs.front()) + ", got " + describe_value(az));
              continue;
            }
            const std::string& id = az.get_ref<const std::string&>();
            if (!check_az_in_region(id, *spec, ap)) continue;
            if (auto prev = seen_az.find(id); prev != seen_az.end()) {
              error(ap, id + " is already listed at " + prev->second + ".");
              continue;
            }
            seen_az[id] = ap;
            rd.azs.push_back(id);
          }
        }
      }
      doc_.regions.push_back(std::move(rd));
    }
  }

  bool check_az_in_region(const std::string& az, const catalog::RegionSpec& region, const std::string& path) {
    if (catalog::region_has_az(region, az)) return true;
    const catalog::RegionSpec* owner = catalog::region_of_az(az);
    if (owner)
      error(path, "AZ " + az + " is in " + owner->code + " (" + owner->name.en + "), not in " + region.code + ".");
    else
      error(path, "there is no AZ " + quote(az) + " in " + region.code + "." + did_you_mean(az, region.azs) +
                      " Its AZ IDs are " + join_words(region.azs) + ".");
    return false;
  }

  const RegionDoc* doc_region(const std::string& code) const {
    for (const RegionDoc& r : doc_.regions)
      if (r.code == code) return &r;
    return nullptr;
  }

  // ---- nodes ----
  void nodes(const json& j) {
    auto it = j.find("nodes");
    if (it == j.end()) return;
    if (!it->is_array()) {
      error("nodes", "expected a list of nodes such as [{\"id\": \"web\", \"type\": \"compute\", ...}], got " +
                         describe_value(*it));
      return;
    }
    if (it->size() > limits_.max_nodes) {
      error("nodes", "has " + std::to_string(it->size()) + " nodes; a document may have at most " +
                         std::to_string(limits_.max_nodes) + ".");
      return;
    }
    for (const catalog::ServiceDescriptor* d : catalog::all_services())
      if (d) service_types_.push_back(d->type);
    for (size_t i = 0; i < it->size(); ++i) node((*it)[i], i);
  }

  void node(const json& n, size_t i) {
    const std::string p = index_path("nodes", i);
    if (!n.is_object()) {
      error(p, "expected a node such as {\"id\": \"web\", \"type\": \"compute\"}, got " + describe_value(n));
      return;
    }
    check_fields(n, p, kNodeFields, "a node");
    NodeDoc node;
    bool id_ok = false;
    if (auto id = text(n, "id", p, true, 1 << 20, "a short name such as \"web\"")) {
      node.id = *id;
      id_ok = check_id(*id, p + ".id");
      if (id_ok) {
        if (auto prev = node_index_.find(*id); prev != node_index_.end()) {
          error(p + ".id", quote(*id) + " is already the id of " + index_path("nodes", prev->second) +
                               ": every node needs its own id.");
          id_ok = false;
        }
      }
    }
    const catalog::ServiceDescriptor* desc = nullptr;
    if (auto type = text(n, "type", p, true, 64, "a service type such as \"compute\"")) {
      node.type = *type;
      desc = catalog::find_service(*type);
      if (!desc) {
        std::string m = "there is no service type " + quote(*type) + ".";
        std::string dym = did_you_mean(*type, service_types_);
        if (!dym.empty()) m += dym;
        else if (service_types_.empty()) m += " No services are registered in this build.";
        else m += " The types are " + join_words(quoted_list(service_types_)) + ".";
        error(p + ".type", m);
      }
    }
    if (auto s = text(n, "name", p, false, kMaxNameLength)) node.name = *s;
    if (auto s = text(n, "region", p, false, 32)) node.region = *s;
    if (auto s = text(n, "az", p, false, 32)) node.az = *s;
    placement(node, desc, p, n.contains("region"), n.contains("az"));
    const auto pr = n.find("params");
    const json& params = pr != n.end() ? *pr : kEmptyObject;
    if (desc) {
      std::vector<Issue> errs;
      catalog::check_params(desc->params, params, p + ".params", desc->name.en, errs);
      // Rules across params (the service's own), once each param passed its spec.
      if (errs.empty() && desc->validate && params.is_object())
        for (Issue& e : desc->validate(catalog::with_defaults(*desc, params)))
          errs.push_back({e.path.empty() ? p + ".params" : join_path(p + ".params", e.path), std::move(e.message)});
      errors_from(errs);
    } else if (!params.is_object()) {
      error(p + ".params", "expected an object of parameters, got " + describe_value(params));
    }
    if (params.is_object()) node.params = params;
    if (id_ok) node_index_[node.id] = doc_.nodes.size();
    doc_.nodes.push_back(std::move(node));
  }

  void placement(NodeDoc& node, const catalog::ServiceDescriptor* desc, const std::string& p, bool has_region,
                 bool has_az) {
    const catalog::RegionSpec* region = nullptr;
    bool region_ok = true, az_ok = true;
    if (!node.region.empty()) {
      region = catalog::find_region(node.region);
      if (!region) {
        std::vector<std::string> codes;
        for (const catalog::RegionSpec& r : catalog::all_regions()) codes.push_back(r.code);
        error(p + ".region", "there is no AWS Region " + quote(node.region) + " in cloudplay's list." +
                                 did_you_mean(node.region, codes));
        region_ok = false;
      }
    } else if (has_region) {
      error(p + ".region", "is empty: give a Region code such as us-east-1, or leave \"region\" out.");
      region_ok = false;
    }
    if (!node.az.empty()) {
      if (region) {
        az_ok = check_az_in_region(node.az, *region, p + ".az");
      } else if (region_ok) {
        const catalog::RegionSpec* owner = catalog::region_of_az(node.az);
        if (owner) {
          node.region = owner->code;  // the AZ says which Region
          region = owner;
        } else {
          error(p + ".az", "there is no AZ with the ID " + quote(node.az) + ". AZ IDs look like use1-az1.");
          az_ok = false;
        }
      }
    } else if (has_az) {
      error(p + ".az", "is empty: give an AZ ID such as use1-az1, or leave \"az\" out.");
      az_ok = false;
    }
    if (!desc) return;
    const std::string name = desc->name.en;
    switch (desc->placement) {
      case sim::PlacementKind::Az:
        if (node.az.empty() && az_ok)
          error(p, name + " runs in one Availability Zone: give the node an \"az\" (an AZ ID such as use1-az1).");
        break;
      case sim::PlacementKind::Region:
        if (!node.az.empty() && az_ok) {
          error(p + ".az", name + " is a Regional service (it spans the AZs of its Region): a node of it has no \"az\"; "
                                  "give only its \"region\".");
          az_ok = false;
        }
        if (node.region.empty() && region_ok)
          error(p, name + " is a Regional service: give the node a \"region\" (a Region code such as us-east-1).");
        break;
      case sim::PlacementKind::Global:
        if (!node.az.empty() && az_ok)
          error(p + ".az", name + " is a global service (it runs at AWS's edge locations, in no Region): remove \"az\".");
        else if (!node.region.empty() && region_ok)
          error(p + ".region", name + " is a global service (it runs at AWS's edge locations, in no Region): remove \"region\".");
        return;
      case sim::PlacementKind::Internet:
        if (!node.az.empty() && az_ok)
          error(p + ".az", name + " is on the internet, not in an Availability Zone: remove \"az\" and give the Region "
                                  "it is near in \"region\".");
        if (node.region.empty() && region_ok)
          error(p, name + " needs a \"region\": the Region its clients are near (their requests cross the internet from there).");
        return;  // clients may be near any Region, listed or not
    }
    // Az and Region placements: the Region (and AZ) must be listed in "regions".
    if (!region || !region_ok) return;
    const RegionDoc* listed = doc_region(region->code);
    if (!listed) {
      error(p + ".region", region->code + " is not in this document's \"regions\" list: add {\"code\": \"" +
                               region->code + "\", \"azs\": [...]} to it.");
      return;
    }
    if (desc->placement == sim::PlacementKind::Az && !node.az.empty() && az_ok &&
        std::find(listed->azs.begin(), listed->azs.end(), node.az) == listed->azs.end())
      error(p + ".az", node.az + " is not in this document's list of AZs for " + region->code +
                           ": add it to that Region's \"azs\".");
  }

  // ---- connections ----
  void connections(const json& j) {
    auto it = j.find("connections");
    if (it == j.end()) return;
    if (!it->is_array()) {
      error("connections", "expected a list such as [{\"from\": \"users\", \"to\": \"web\"}], got " + describe_value(*it));
      return;
    }
    if (it->size() > limits_.max_connections) {
      error("connections", "has " + std::to_string(it->size()) + " connections; a document may have at most " +
                               std::to_string(limits_.max_connections) + ".");
      return;
    }
    for (const NodeDoc& n : doc_.nodes) node_ids_.push_back(n.id);
    std::vector<bool> needs_id;
    for (size_t i = 0; i < it->size(); ++i) needs_id.push_back(connection((*it)[i], i));
    // Connections without an id get "c<n>" (n = position from 1), avoiding ids in use.
    for (size_t i = 0; i < doc_.connections.size(); ++i) {
      if (!needs_id[i]) continue;
      std::string base = "c" + std::to_string(i + 1), id = base;
      for (int k = 2; conn_index_.count(id); ++k) id = base + "-" + std::to_string(k);
      doc_.connections[i].id = id;
      conn_index_[id] = i;
    }
  }

  // Returns true when the connection has no id of its own.
  bool connection(const json& c, size_t i) {
    const std::string p = index_path("connections", i);
    ConnectionDoc conn;
    bool needs_id = false;
    struct Push {
      Loader& l;
      ConnectionDoc& c;
      ~Push() { l.doc_.connections.push_back(std::move(c)); }
    } push{*this, conn};
    if (!c.is_object()) {
      error(p, "expected a connection such as {\"from\": \"users\", \"to\": \"web\"}, got " + describe_value(c));
      return false;
    }
    check_fields(c, p, kConnectionFields, "a connection");
    if (c.contains("id")) {
      if (auto id = text(c, "id", p, false, 1 << 20)) {
        conn.id = *id;
        if (check_id(*id, p + ".id")) {
          if (auto prev = conn_index_.find(*id); prev != conn_index_.end())
            error(p + ".id", quote(*id) + " is already the id of " + index_path("connections", prev->second) +
                                 ": every connection needs its own id.");
          else
            conn_index_[*id] = i;
        }
      }
    } else {
      needs_id = true;
    }
    auto from = text(c, "from", p, true, 1 << 20, "the id of the calling node");
    auto to = text(c, "to", p, true, 1 << 20, "the id of the node it calls");
    const NodeDoc* a = nullptr;
    const NodeDoc* b = nullptr;
    if (from) {
      conn.from = *from;
      a = find_node(*from);
      if (!a) error(p + ".from", "there is no node with id " + quote(*from) + "." + did_you_mean(*from, node_ids_));
    }
    if (to) {
      conn.to = *to;
      b = find_node(*to);
      if (!b) error(p + ".to", "there is no node with id " + quote(*to) + "." + did_you_mean(*to, node_ids_));
    }
    if (from && to && *from == *to) {
      error(p + ".to", "a connection cannot go from a node to itself (from and to are both " + quote(*to) + ").");
    } else if (a && b) {
      const std::string pair = a->id + "\n" + b->id;
      if (auto prev = pair_index_.find(pair); prev != pair_index_.end()) {
        error(p, a->id + " already calls " + b->id + " through " + index_path("connections", prev->second) +
                     ": use one connection between two nodes (its weight, timeout and retries apply to every call).");
      } else {
        pair_index_[pair] = i;
        // The connections before this one are in doc_ already (a 17th attachment to a volume is refused here).
        if (auto refusal = catalog::can_connect(doc_, *a, *b)) error(p, refusal->en);
      }
    }
    if (auto pr = c.find("params"); pr != c.end()) {
      std::vector<Issue> errs;
      catalog::check_params(catalog::connection_params(), *pr, p + ".params", "a connection", errs);
      const bool params_ok = errs.empty();
      errors_from(errs);
      if (pr->is_object()) {
        conn.params = *pr;
        if (params_ok) connection_rules(conn.params, p + ".params");
      }
    }
    return needs_id;
  }

  void connection_rules(const json& params, const std::string& p) {
    json full = catalog::connection_with_defaults(params);
    double base = catalog::param_number(full, "backoff_base_ms"), cap = catalog::param_number(full, "backoff_cap_ms");
    if (cap < base)
      error(p + ".backoff_cap_ms", "the backoff cap (" + format_number(cap) + " ms) is below the backoff base (" +
                                       format_number(base) + " ms): the cap must be at least the base.");
    if (catalog::param_string(full, "mode") == "async") {
      if (catalog::param_number(full, "timeout_ms") > 0)
        warning(p + ".timeout_ms", "an async call does not wait for an answer, so its timeout is not used.");
      if (catalog::param_number(full, "retries") > 0)
        warning(p + ".retries", "an async call does not learn whether it failed, so it is never retried.");
    }
  }

  const NodeDoc* find_node(const std::string& id) const {
    auto it = node_index_.find(id);
    return it == node_index_.end() ? nullptr : &doc_.nodes[it->second];
  }

  // ---- faults ----
  void faults(const json& j) {
    auto it = j.find("faults");
    if (it == j.end()) return;
    if (!it->is_array()) {
      error("faults", "expected a list such as [{\"at_s\": 300, \"action\": \"az_down\", \"target\": \"use1-az1\"}], got " +
                          describe_value(*it));
      return;
    }
    if (it->size() > limits_.max_faults) {
      error("faults", "has " + std::to_string(it->size()) + " faults; a document may have at most " +
                          std::to_string(limits_.max_faults) + ".");
      return;
    }
    for (size_t i = 0; i < it->size(); ++i) fault((*it)[i], i);
  }

  void fault(const json& f, size_t i) {
    const std::string p = index_path("faults", i);
    if (!f.is_object()) {
      error(p, "expected a fault such as {\"at_s\": 300, \"action\": \"kill_node\", \"target\": \"web\"}, got " +
                   describe_value(f));
      return;
    }
    check_fields(f, p, kFaultFields, "a fault");
    FaultDoc fd;
    const double duration = doc_.settings.duration_s;
    bool at_ok = false;
    if (auto at = number(f, "at_s", p, true, "the time it happens, in seconds from the start")) {
      if (*at < 0) error(p + ".at_s", seconds(*at) + " is before the run starts: faults happen at 0 s or later.");
      else if (*at > duration)
        error(p + ".at_s", seconds(*at) + " is after the end of the run (settings.duration_s is " + seconds(duration) +
                               "): the fault would never happen.");
      else at_ok = true;
      fd.at_s = *at;
    }
    bool action_ok = false;
    if (auto action = text(f, "action", p, true, 64, "what happens: kill_node, az_down, region_down, add_latency or error_rate")) {
      fd.action = *action;
      action_ok = std::find(fault_actions().begin(), fault_actions().end(), *action) != fault_actions().end();
      if (!action_ok) {
        std::string m = quote(*action) + " is not a fault action.";
        std::string dym = did_you_mean(*action, fault_actions());
        m += dym.empty() ? " The actions are " + join_words(fault_actions(), " and ") + "." : dym;
        error(p + ".action", m);
      }
    }
    if (auto target = text(f, "target", p, true, 1 << 20, "what the fault hits")) {
      fd.target = *target;
      if (action_ok) fault_target(fd, p + ".target");
    }
    if (auto until = number(f, "until_s", p, false, "the time the fault ends, in seconds")) {
      fd.until_s = *until;
      if (!at_ok) {
        // already reported at at_s
      } else if (*until < fd.at_s)
        error(p + ".until_s", "the fault ends (" + seconds(*until) + ") before it begins (at_s is " + seconds(fd.at_s) + ").");
      else if (*until == fd.at_s)
        error(p + ".until_s", "the fault would end the moment it begins (" + seconds(*until) +
                                  "): leave until_s out for a fault that lasts, or give a later time.");
    }
    const bool needs_value = fd.action == "add_latency" || fd.action == "error_rate";
    if (auto v = number(f, "value", p, needs_value && action_ok,
                        fd.action == "error_rate" ? "the share of calls that fail, from 0 to 1"
                                                  : "the latency added, in ms")) {
      fd.value = *v;
      if (fd.action == "add_latency" && (*v <= 0 || *v > kMaxAddedLatencyMs))
        error(p + ".value", format_number(*v) + " ms is not a latency to add: give more than 0 and at most " +
                                format_number(kMaxAddedLatencyMs) + " ms.");
      else if (fd.action == "error_rate" && (*v < 0 || *v > 1))
        error(p + ".value", format_number(*v) + " is not a share of calls: give a number from 0 (none fail) to 1 (all fail).");
      else if (!needs_value && action_ok && *v != 0)
        warning(p + ".value", fd.action + " takes no value; it is ignored.");
    }
    doc_.faults.push_back(std::move(fd));
  }

  void fault_target(const FaultDoc& fd, const std::string& p) {
    const std::string& t = fd.target;
    if (fd.action == "kill_node") {
      if (!find_node(t)) error(p, "there is no node with id " + quote(t) + "." + did_you_mean(t, all_node_ids()));
    } else if (fd.action == "az_down") {
      std::vector<std::string> azs;
      for (const RegionDoc& r : doc_.regions) azs.insert(azs.end(), r.azs.begin(), r.azs.end());
      if (std::find(azs.begin(), azs.end(), t) != azs.end()) return;
      std::string m = catalog::region_of_az(t) ? "AZ " + t + " is not listed in this document's \"regions\"."
                                               : "there is no AZ " + quote(t) + " in this document.";
      std::string dym = did_you_mean(t, azs);
      if (!dym.empty()) m += dym;
      else if (!azs.empty()) m += " Its AZs are " + join_words(quoted_list(azs)) + ".";
      error(p, m);
    } else if (fd.action == "region_down") {
      if (doc_region(t)) return;
      std::vector<std::string> codes;
      for (const RegionDoc& r : doc_.regions) codes.push_back(r.code);
      std::string m = catalog::find_region(t) ? "Region " + t + " is not listed in this document's \"regions\"."
                                              : "there is no Region " + quote(t) + " in this document.";
      m += did_you_mean(t, codes);
      error(p, m);
    } else {  // add_latency, error_rate: a connection
      if (conn_index_.count(t)) return;
      std::vector<std::string> ids;
      for (const auto& [id, idx] : conn_index_) ids.push_back(id);
      error(p, "there is no connection with id " + quote(t) + " (" + fd.action + " acts on a connection)." +
                   did_you_mean(t, ids));
    }
  }

  std::vector<std::string> all_node_ids() const {
    std::vector<std::string> ids;
    for (const NodeDoc& n : doc_.nodes) ids.push_back(n.id);
    return ids;
  }

  const ParseLimits& limits_;
  LoadResult& out_;
  Document& doc_;
  size_t dropped_ = 0;
  std::vector<std::string> service_types_;
  std::vector<std::string> node_ids_;
  std::map<std::string, size_t> node_index_;
  std::map<std::string, size_t> conn_index_;
  std::map<std::string, size_t> pair_index_;
};

// ---- [SECTION] Writing --------------------------------------------------------

// Whole numbers are written without ".0" (300, not 300.0); they read back equal.
template <class J>
J number_out(double v) {
  if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 9007199254740992.0) return J(static_cast<int64_t>(v));
  return J(v);
}

template <class J>
J convert(const json& v) {
  if constexpr (std::is_same_v<J, json>) {
    return v;
  } else {
    switch (v.type()) {
      case json::value_t::object: {
        J out = J::object();
        for (auto it = v.begin(); it != v.end(); ++it) out[it.key()] = convert<J>(it.value());
        return out;
      }
      case json::value_t::array: {
        J out = J::array();
        for (const json& e : v) out.push_back(convert<J>(e));
        return out;
      }
      case json::value_t::string: return J(v.get<std::string>());
      case json::value_t::boolean: return J(v.get<bool>());
      case json::value_t::number_integer: return J(v.get<int64_t>());
      case json::value_t::number_unsigned: return J(v.get<uint64_t>());
      case json::value_t::number_float: return J(v.get<double>());
      default: return J(nullptr);
    }
  }
}

// Fields in reading order (ordered_json keeps it; json sorts keys).
template <class J>
J build(const Document& d) {
  J out = J::object();
  out["version"] = d.version;
  if (!d.name.empty()) out["name"] = d.name;
  if (!d.description.empty()) out["description"] = d.description;
  J settings = J::object();
  settings["duration_s"] = number_out<J>(d.settings.duration_s);
  settings["seed"] = d.settings.seed;
  out["settings"] = std::move(settings);
  J regions = J::array();
  for (const RegionDoc& r : d.regions) {
    J e = J::object();
    e["code"] = r.code;
    e["azs"] = r.azs;
    regions.push_back(std::move(e));
  }
  out["regions"] = std::move(regions);
  J nodes = J::array();
  for (const NodeDoc& n : d.nodes) {
    J e = J::object();
    e["id"] = n.id;
    e["type"] = n.type;
    if (!n.name.empty()) e["name"] = n.name;
    if (!n.region.empty()) e["region"] = n.region;
    if (!n.az.empty()) e["az"] = n.az;
    e["params"] = n.params.is_object() ? convert<J>(n.params) : J::object();
    nodes.push_back(std::move(e));
  }
  out["nodes"] = std::move(nodes);
  J conns = J::array();
  for (const ConnectionDoc& c : d.connections) {
    J e = J::object();
    e["id"] = c.id;
    e["from"] = c.from;
    e["to"] = c.to;
    e["params"] = c.params.is_object() ? convert<J>(c.params) : J::object();
    conns.push_back(std::move(e));
  }
  out["connections"] = std::move(conns);
  J faults = J::array();
  for (const FaultDoc& f : d.faults) {
    J e = J::object();
    e["at_s"] = number_out<J>(f.at_s);
    e["action"] = f.action;
    e["target"] = f.target;
    if (f.until_s) e["until_s"] = number_out<J>(*f.until_s);
    if (f.value != 0) e["value"] = number_out<J>(f.value);
    faults.push_back(std::move(e));
  }
  out["faults"] = std::move(faults);
  out["layout"] = d.layout.is_object() ? convert<J>(d.layout) : J::object();
  return out;
}

}  // namespace

// ---- [SECTION] Entry points ---------------------------------------------------

bool migrate(json& j, std::vector<Issue>& errors, std::vector<Issue>& warnings) {
  try {
    return migrate_impl(j, errors, warnings);
  } catch (const std::exception& e) {
    errors.push_back({"", std::string("could not migrate this document: ") + e.what()});
  } catch (...) {
    errors.push_back({"", "could not migrate this document."});
  }
  return false;
}

LoadResult load_document(const json& j, const ParseLimits& limits) {
  LoadResult result;
  try {
    Loader(limits, result).run(j);
  } catch (const std::exception& e) {
    result.errors.push_back({"", std::string("could not read this document: ") + e.what()});
  } catch (...) {
    result.errors.push_back({"", "could not read this document."});
  }
  return result;
}

LoadResult parse_document(const std::string& text, const ParseLimits& limits) {
  LoadResult result;
  try {
    if (text.size() > limits.max_bytes) {
      auto mb = [](size_t n) { return format_number(std::round(static_cast<double>(n) / (1024.0 * 1024.0) * 10) / 10); };
      result.errors.push_back({"", "the document is " + mb(text.size()) + " MB; the largest cloudplay reads is " +
                                       mb(limits.max_bytes) + " MB. Is this the right file?"});
      return result;
    }
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
      result.errors.push_back({"", "the document is empty: expected a JSON object such as {\"version\": " +
                                       std::to_string(kCurrentVersion) + ", \"nodes\": [...]}."});
      return result;
    }
    json j;
    LimitedBuilder builder(j, limits);
    bool ok = json::sax_parse(text, &builder, json::input_format_t::json, /*strict=*/true);
    if (!ok || builder.stop() != LimitedBuilder::Stop::None) {
      std::string m;
      std::string path = builder.stop_path();
      switch (builder.stop()) {
        case LimitedBuilder::Stop::TooDeep:
          m = "the JSON is nested more than " + std::to_string(limits.max_depth) +
              " levels deep here; a cloudplay document never needs that many. Is this the right file?";
          break;
        case LimitedBuilder::Stop::StringTooLong:
          m = "a text of " + builder.stop_detail() + " bytes is too long: the most in one string is " +
              std::to_string(limits.max_string_bytes) + " bytes.";
          break;
        case LimitedBuilder::Stop::DuplicateKey:
          m = "the field " + quote(builder.stop_detail()) + " appears twice in the same object: keep one.";
          break;
        default:
          path.clear();
          m = line_column(text, builder.error_position()) + ": " + explain_syntax_error(builder.stop_detail());
          break;
      }
      if (path.size() > 300) path = path.substr(0, 300) + "…";
      result.errors.push_back({path, m});
      return result;
    }
    return load_document(j, limits);
  } catch (const std::exception& e) {
    result.errors.push_back({"", std::string("could not read this document: ") + e.what()});
  } catch (...) {
    result.errors.push_back({"", "could not read this document."});
  }
  return result;
}

json to_json(const Document& d) { return build<json>(d); }

std::string to_json_text(const Document& d, int indent) {
  try {
    return build<nlohmann::ordered_json>(d).dump(indent, ' ', false, json::error_handler_t::replace) + "\n";
  } catch (...) {
    return "{}\n";
  }
}

}  // namespace cp::doc
