// See json_text.h.
#include "core/doc/json_text.h"

#include <string_view>

#include "core/doc/messages.h"

namespace cp::doc::json_text {

// The line and column (in characters, not bytes) of a byte offset.
std::pair<size_t, size_t> line_and_column(const std::string& text, size_t position) {
  size_t at = position > 0 ? position - 1 : 0;  // nlohmann reports the count of bytes read
  if (at > text.size()) at = text.size();
  size_t line = 1, line_start = 0;
  for (size_t i = 0; i < at; ++i)
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  size_t column = 1 + utf8_length(text.substr(line_start, at - line_start));
  return {line, column};
}

// "line 3, column 14" / "3번째 줄 14번째 글자"
std::string line_column(const std::string& text, size_t position) {
  auto [line, column] = line_and_column(text, position);
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}
std::string line_column_ko(const std::string& text, size_t position) {
  auto [line, column] = line_and_column(text, position);
  return std::to_string(line) + "번째 줄 " + std::to_string(column) + "번째 글자";
}

// Input that is not JSON text at all (a picture, a zip, random bytes, a text
// file), told apart before parsing so that it gets one plain sentence rather
// than a syntax error at "line 1, column 2".
Words not_json(const std::string& text, size_t first) {
  std::string start;
  for (size_t i = first; i < text.size() && utf8_length(start) < 12; ++i) {
    if (text[i] == '\n' || text[i] == '\r') break;
    start += text[i];
  }
  if (!utf8_valid(start)) start.clear();
  const std::string shown = start.empty() ? std::string() : quote(start, 12);
  return {"this is not a cloudplay document: it is not JSON (a document is JSON text that starts with {" +
              (shown.empty() ? std::string(").") : "; this file starts with " + shown + ")."),
          "cloudplay 문서가 아닙니다. JSON 형식이 아닙니다(문서는 {로 시작하는 JSON 텍스트인데" +
              (shown.empty() ? std::string(", 이 파일은 그렇지 않습니다).") : ", 이 파일의 첫머리는 " + shown + "입니다).")};
}

std::optional<Words> not_json_text(const std::string& text, size_t first) {
  if (text.find('\0') != std::string::npos)
    return Words{"this is not a cloudplay document: the file holds binary data, not text (a document is JSON text such "
                 "as {\"version\": 1, \"nodes\": [...]}). Is this the right file?",
                 "cloudplay 문서가 아닙니다. 텍스트가 아니라 바이너리 데이터가 들어 있는 파일입니다(문서는 {\"version\": 1, "
                 "\"nodes\": [...]} 같은 JSON 텍스트입니다). 올바른 파일인지 확인해 주세요."};
  if (!utf8_valid(text))
    return Words{"this file is not UTF-8 text, so cloudplay cannot read it as a document. If it is a document saved in "
                 "another encoding (such as EUC-KR), save it again as UTF-8.",
                 "UTF-8 텍스트가 아니어서 cloudplay 문서로 읽을 수 없습니다. 다른 인코딩(EUC-KR 등)으로 저장한 문서라면 "
                 "UTF-8로 다시 저장하세요."};
  // A JSON text starts with a value: { [ " - a digit, true, false or null (a UTF-8 byte order mark is allowed before it).
  size_t at = first;
  if (text.compare(at, 3, "\xEF\xBB\xBF") == 0) at = text.find_first_not_of(" \t\r\n", at + 3);
  if (at == std::string::npos) return std::nullopt;
  const char c = text[at];
  if (std::string_view("{[\"-0123456789tfn").find(c) == std::string_view::npos) return not_json(text, at);
  return std::nullopt;
}

// nlohmann's message, made into a sentence for a person. Its form is
// "[json.exception.parse_error.101] parse error at line 1, column 8: syntax error
// while parsing object key - unexpected '}'; expected string literal".
Words explain_syntax_error(const std::string& what) {
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
    return {"the text ends too soon: something is missing at the end (a closing } or ], a value, or a quote).",
            "내용이 너무 일찍 끝납니다. 끝부분에 무언가(닫는 } 또는 ], 값, 따옴표)가 빠져 있습니다."};
  if (expected == "end of input")
    return {"there is more text after the end of the document.", "문서가 끝난 뒤에도 내용이 더 있습니다."};
  if (has(problem, "control character"))
    return {"a string contains a line break or tab: inside quotes, write them as \\n or \\t.",
            "문자열 안에 줄바꿈이나 탭이 들어 있습니다. 따옴표 안에서는 \\n 또는 \\t로 쓰세요."};
  if (has(problem, "missing closing quote"))
    return {"a string is missing its closing quote (\").", "문자열을 닫는 따옴표(\")가 없습니다."};
  if (has(problem, "after backslash"))
    return {"a backslash in a string must start an escape such as \\n, \\\" or \\\\ (write \\\\ for a backslash itself).",
            "문자열 안의 역슬래시는 \\n, \\\", \\\\ 같은 이스케이프로만 쓸 수 있습니다(역슬래시 자체는 \\\\로 쓰세요)."};
  if (has(problem, "UTF-8") || has(problem, "surrogate") || has(problem, "\\u"))
    return {"the text is not valid UTF-8 or has a broken \\u escape: save the file as UTF-8.",
            "올바른 UTF-8 텍스트가 아니거나 \\u 이스케이프가 깨져 있습니다. 파일을 UTF-8로 저장하세요."};
  if (has(problem, "number overflow")) return {"a number is too large to be read.", "숫자가 너무 커서 읽을 수 없습니다."};
  if (has(problem, "invalid number"))
    return {"a number is written wrongly (JSON numbers look like 12, -3.5 or 1e6).",
            "숫자 표기가 잘못되었습니다(JSON 숫자는 12, -3.5, 1e6처럼 씁니다)."};
  if (has(problem, "invalid literal"))
    return {"this is not a JSON value" + (near.empty() ? std::string() : " (near " + near + ")") +
                ": text needs double quotes, and true, false and null are written in lowercase.",
            "JSON 값이 아닙니다" + (near.empty() ? std::string() : "(" + near + " 부근)") +
                ". 텍스트는 큰따옴표로 감싸야 하고, true, false, null은 소문자로 씁니다."};
  if (context == "object" && expected == "'}'")
    return {"a comma is missing between two fields (or a } is missing).", "두 필드 사이에 쉼표가 없습니다(또는 }가 빠졌습니다)."};
  if (context == "array" && expected == "']'")
    return {"a comma is missing between two items of a list (or a ] is missing).",
            "배열의 두 항목 사이에 쉼표가 없습니다(또는 ]가 빠졌습니다)."};
  if (context == "object key" && has(problem, "'}'"))
    return {"there is a comma just before }: remove it (JSON allows no comma after the last field).",
            "} 바로 앞에 쉼표가 있습니다. 지우세요(JSON에서는 마지막 필드 뒤에 쉼표를 쓸 수 없습니다)."};
  if (context == "object key")
    return {"expected a field name in double quotes, such as \"name\".", "\"name\"처럼 큰따옴표로 감싼 필드 이름이 와야 합니다."};
  if (context == "object separator")
    return {"a colon (:) is missing after a field name.", "필드 이름 뒤에 콜론(:)이 없습니다."};
  if (context == "value" && has(problem, "']'"))
    return {"there is a comma just before ], or a value is missing: JSON allows no comma after the last item.",
            "] 바로 앞에 쉼표가 있거나 값이 빠져 있습니다. JSON에서는 마지막 항목 뒤에 쉼표를 쓸 수 없습니다."};
  // The parser's own words are English; the Korean says what is wrong without them.
  std::string m = "the JSON is not valid here: " + problem;
  if (!expected.empty()) m += "; expected " + expected;
  return {m + ".", "이 부분이 올바른 JSON이 아닙니다" + (near.empty() ? std::string() : "(" + near + " 부근)") + "."};
}

}  // namespace cp::doc::json_text
