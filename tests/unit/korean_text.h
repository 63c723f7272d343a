// Checks on two-language texts in unit tests.
//
//   REQUIRE(cp::test::has_hangul(issue.message_ko));
//   REQUIRE_FALSE(cp::test::has_hangul(cp::test::unquoted(issue.message)));
#pragma once
#include <string>

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

}  // namespace cp::test
