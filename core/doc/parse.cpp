// Reading a document's JSON text: size and syntax first, with the words for what is
// wrong (json_text.h). What the JSON says is checked after (core/catalog/validate.cpp).
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "core/doc/document.h"
#include "core/doc/json_text.h"
#include "core/doc/messages.h"

namespace cp::doc {

using json = nlohmann::json;
using namespace json_text;

std::optional<nlohmann::json> parse_json_text(const std::string& text, std::vector<Issue>& errors, const ParseLimits& limits) {
  try {
    if (text.size() > limits.max_bytes) {
      auto mb = [](size_t n) { return format_number(std::round(static_cast<double>(n) / (1024.0 * 1024.0) * 10) / 10); };
      errors.push_back({"", "the document is " + mb(text.size()) + " MB; the largest cloudplay reads is " +
                                       mb(limits.max_bytes) + " MB. Is this the right file?",
                               "문서 크기가 " + mb(text.size()) + " MB입니다. cloudplay가 읽을 수 있는 최대 크기는 " +
                                   mb(limits.max_bytes) + " MB입니다. 올바른 파일인지 확인해 주세요."});
      return std::nullopt;
    }
    const size_t first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) {
      errors.push_back({"", "the document is empty: expected a JSON object such as {\"version\": " +
                                       std::to_string(kCurrentVersion) + ", \"nodes\": [...]}.",
                               "문서가 비어 있습니다. {\"version\": " + std::to_string(kCurrentVersion) +
                                   ", \"nodes\": [...]} 같은 JSON 객체여야 합니다."});
      return std::nullopt;
    }
    if (auto not_text = not_json_text(text, first)) {
      errors.push_back({"", not_text->en, not_text->ko});
      return std::nullopt;
    }
    json j;
    LimitedBuilder builder(j, limits);
    bool ok = json::sax_parse(text, &builder, json::input_format_t::json, /*strict=*/true);
    if (!ok || builder.stop() != LimitedBuilder::Stop::None) {
      Words m;
      std::string path = builder.stop_path();
      switch (builder.stop()) {
        case LimitedBuilder::Stop::TooDeep:
          m = {"the JSON is nested more than " + std::to_string(limits.max_depth) +
                   " levels deep here; a cloudplay document never needs that many. Is this the right file?",
               "JSON이 이 부분에서 " + std::to_string(limits.max_depth) +
                   "단계보다 깊게 중첩되어 있습니다. cloudplay 문서에는 그렇게 깊은 중첩이 필요 없습니다. 올바른 파일인지 "
                   "확인해 주세요."};
          break;
        case LimitedBuilder::Stop::StringTooLong:
          m = {"a text of " + builder.stop_detail() + " bytes is too long: the most in one string is " +
                   std::to_string(limits.max_string_bytes) + " bytes.",
               builder.stop_detail() + "바이트짜리 텍스트는 너무 깁니다. 문자열 하나는 최대 " +
                   std::to_string(limits.max_string_bytes) + "바이트입니다."};
          break;
        case LimitedBuilder::Stop::DuplicateKey:
          m = {"the field " + quote(builder.stop_detail()) + " appears twice in the same object: keep one.",
               "같은 객체에 " + quote(builder.stop_detail()) + " 필드가 두 번 있습니다. 하나만 남기세요."};
          break;
        default: {
          path.clear();
          // Text that does not even start like a document is some other file, not a broken document.
          if (text[first] != '{' && text[first] != '[') {
            Words w = not_json(text, first);
            errors.push_back({"", w.en, w.ko});
            return std::nullopt;
          }
          const std::string at = line_column(text, builder.error_position());
          const Words why = explain_syntax_error(builder.stop_detail());
          m = {at + ": " + why.en, line_column_ko(text, builder.error_position()) + ": " + why.ko};
          break;
        }
      }
      if (path.size() > 300) path = path.substr(0, 300) + "…";
      errors.push_back({path, m.en, m.ko});
      return std::nullopt;
    }
    return j;
  } catch (const std::exception& e) {
    errors.push_back({"", std::string("could not read this document: ") + e.what(), "이 문서를 읽지 못했습니다."});
  } catch (...) {
    errors.push_back({"", "could not read this document.", "이 문서를 읽지 못했습니다."});
  }
  return std::nullopt;
}

}  // namespace cp::doc
