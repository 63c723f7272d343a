// Checks on two-language texts in unit tests.
//
//   REQUIRE(cp::test::has_hangul(issue.message_ko));
//   REQUIRE_FALSE(cp::test::has_hangul(cp::test::unquoted(issue.message)));
//   for (const auto& lit : cp::test::string_literals(source_text, false)) ...  // {line, text}
//   CHECK(cp::test::korean_problems("지연 시간 300 ms", false).size() == 1);  // "ms" is 밀리초
#pragma once
#include <regex>
#include <string>
#include <vector>

namespace cp::test {

// Does the text hold Hangul (U+AC00..U+D7A3, three UTF-8 bytes from 0xEA 0xB0 0x80 to 0xED 0x9E 0xA3)?
inline bool has_hangul(const std::string& s) {
  for (size_t i = 0; i + 2 < s.size(); ++i) {
    const unsigned c0 = static_cast<unsigned char>(s[i]);
    if ((c0 & 0xF0) != 0xE0) continue;
    const unsigned cp = ((c0 & 0x0Fu) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
                        (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
    if (cp >= 0xAC00 && cp <= 0xD7A3) return true;
  }
  return false;
}

// The text without its quoted parts ("웹", '웹'): what the user wrote may be Korean.
inline std::string unquoted(const std::string& s) {
  std::string out;
  char in = 0;
  for (char c : s) {
    if (in) {
      if (c == in) in = 0;
    } else if (c == '"' || c == '\'') {
      in = c;
    } else {
      out += c;
    }
  }
  return out;
}

// ---- Korean text that reads as machine-made ------------------------------------

struct Literal {
  size_t line = 0;
  std::string text;  // escapes resolved: \" is ", \n a newline
};

// The string literals of a C++ (or, with `js`, JavaScript) source, comments
// skipped: "..." and R"(...)" (and '...' in JavaScript); C++ char literals and
// digit separators (2'000) are not strings.
inline std::vector<Literal> string_literals(const std::string& src, bool js) {
  std::vector<Literal> out;
  size_t line = 1;
  auto ident = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; };
  for (size_t i = 0; i < src.size(); ++i) {
    const char c = src[i];
    if (c == '\n') { ++line; continue; }
    if (src.compare(i, 2, "//") == 0) {
      while (i + 1 < src.size() && src[i + 1] != '\n') ++i;
      continue;
    }
    if (src.compare(i, 2, "/*") == 0) {
      const size_t end = src.find("*/", i + 2);
      const size_t stop = end == std::string::npos ? src.size() : end + 1;
      for (; i < stop; ++i) line += src[i] == '\n';
      continue;
    }
    if (!js && c == 'R' && i + 1 < src.size() && src[i + 1] == '"' && (i == 0 || !ident(src[i - 1]))) {
      const size_t open = src.find('(', i + 2);
      if (open == std::string::npos) break;
      const std::string close = ")" + src.substr(i + 2, open - i - 2) + "\"";
      const size_t end = src.find(close, open);
      if (end == std::string::npos) break;
      out.push_back({line, src.substr(open + 1, end - open - 1)});
      for (size_t k = i; k < end; ++k) line += src[k] == '\n';
      i = end + close.size() - 1;
      continue;
    }
    if (c == '\'' && !js) {
      if (i > 0 && ident(src[i - 1])) continue;  // 2'000'000
      size_t k = i + 1;
      if (k < src.size() && src[k] == '\\') ++k;
      i = k + 1;  // the closing quote
      continue;
    }
    if (c == '"' || (js && c == '\'')) {
      Literal lit{line, {}};
      size_t k = i + 1;
      for (; k < src.size() && src[k] != c; ++k) {
        if (src[k] == '\\' && k + 1 < src.size()) {
          const char e = src[++k];
          lit.text += e == 'n' ? '\n' : e == 't' ? '\t' : e;
          continue;
        }
        if (src[k] == '\n') ++line;
        lit.text += src[k];
      }
      out.push_back(std::move(lit));
      i = k;
    }
  }
  return out;
}

// What a Korean AWS instructor would not write (docs/korean-glossary.md has the
// words to avoid; these are the patterns):
//  - two spaces in a row (a separator " · " may have more around it);
//  - a time unit in Latin letters after a number ("300 ms", "%.0f ms", "5 s"): 300밀리초, 5초;
//  - with `english`, an English word that has a Korean term (latency, instances,
//    load balancer...) outside quotes, and not as the name of a value glossed
//    in parentheses ("latency(지연 시간 기반)") or a gloss itself ("예측 전용(forecast only)").
// Returns one line per problem ("" when none).
inline std::vector<std::string> korean_problems(const std::string& text, bool english) {
  std::vector<std::string> out;
  if (!has_hangul(text)) return out;
  const std::string spaced = std::regex_replace(text, std::regex(" +· +"), " · ");
  if (spaced.find("  ") != std::string::npos) out.push_back("two spaces in a row");
  const std::string plain = unquoted(text);
  if (std::regex_search(plain, std::regex("([0-9]|%[-.0-9]*[dfgs]) ?(ms|s)([^A-Za-z0-9_/]|$)")))
    out.push_back("a time unit in Latin letters after a number: write 밀리초, 초");
  if (english) {
    // Parenthesised ASCII glosses and "value(설명)" names are fine: drop them first.
    std::string t;
    for (size_t i = 0; i < plain.size(); ++i) {
      if (plain[i] == '(') {
        size_t k = i + 1;
        while (k < plain.size() && plain[k] != ')' && plain[k] != '(' && static_cast<unsigned char>(plain[k]) < 0x80) ++k;
        if (k < plain.size() && plain[k] == ')') {  // "(forecast only)"
          i = k;
          continue;
        }
        size_t w = t.size();  // "latency(": the value's name before its gloss
        while (w > 0 && ((t[w - 1] >= 'a' && t[w - 1] <= 'z') || (t[w - 1] >= 'A' && t[w - 1] <= 'Z') || t[w - 1] == '_')) --w;
        t.resize(w);
      }
      t += plain[i];
    }
    static const char* const words[] = {
        "instance",  "instances", "queue",      "latency",       "throughput",   "request",     "requests",
        "healthy",   "unhealthy", "failover",   "load balancer", "target group", "health check", "health checks",
        "second",    "seconds",   "minute",     "minutes",       "error",        "errors",      "timeout",
        "retry",     "retries",   "node",       "nodes",         "connection",   "connections", "cost",
        "region",    "failure",   "failures",   "warning",       "fault",        "faults",      "scale out",
        "scale in",  "Availability Zone"};
    for (const char* w : words) {
      const std::regex re(std::string("(^|[^A-Za-z0-9_.\\-])") + w + "($|[^A-Za-z0-9_.\\-])");  // "Load Balancer" in a name is fine
      if (std::regex_search(t, re)) out.push_back(std::string("English word left untranslated: ") + w);
    }
  }
  return out;
}

}  // namespace cp::test
