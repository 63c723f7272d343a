// Reading a document's JSON text: a parser front end that refuses too deep,
// too long or duplicate-keyed input as it reads (LimitedBuilder), and the words
// for what is wrong with text that does not parse (line and column, "not JSON at
// all", nlohmann's syntax errors in plain English and Korean). Used by
// core/doc/parse.cpp (parse_json_text) and core/doc/migrate.cpp.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/doc/document.h"
#include "core/doc/messages.h"

namespace cp::doc::json_text {

using json = nlohmann::json;

// A message in both languages, before it becomes an Issue.
struct Words {
  std::string en, ko;
};

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

// Line and column (1-based) of a byte position in the text.
std::pair<size_t, size_t> line_and_column(const std::string& text, size_t position);
std::string line_column(const std::string& text, size_t position);
std::string line_column_ko(const std::string& text, size_t position);
// What to say of text that cannot be JSON at all (first: its first non-space byte).
Words not_json(const std::string& text, size_t first);
// Binary or non-UTF-8 input, or a first character no JSON starts with; nullopt otherwise.
std::optional<Words> not_json_text(const std::string& text, size_t first);
// nlohmann's parse error in plain words.
Words explain_syntax_error(const std::string& what);

}  // namespace cp::doc::json_text
