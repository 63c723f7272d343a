// Small helpers that turn values into words for error messages, shared by the
// document loader, the distribution parser and the catalog's param checks.
//
//   describe_value(json("four"))          -> "\"four\""
//   describe_value(json::array())          -> "a list"
//   format_number(10240.0)                 -> "10240"
//   closest_match("wrokers", {"workers"})  -> "workers"
//   join_path("nodes[3].params", "memory_mb") -> "nodes[3].params.memory_mb"
//
// Every message exists in English and Korean (doc::Issue holds both); the _ko
// helpers give the Korean words for the same values:
//   describe_value_ko(json::array())      -> "배열"
//   did_you_mean_ko("wrokers", {"workers"}) -> " 혹시 \"workers\"의 오타인가요?"
//   with_topic("EC2 인스턴스")               -> "EC2 인스턴스는" (은/는 by the last sound)
//   with_direction("web-1")                -> "web-1로"
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace cp::doc {

// A number as a person writes it: 10240, 0.5, 1e+20 (no trailing zeros).
std::string format_number(double v);
// A JSON value in a message: strings quoted (and shortened), numbers as written,
// containers by kind ("an object", "a list").
std::string describe_value(const nlohmann::json& v);
std::string describe_value_ko(const nlohmann::json& v);
// A string quoted for a message, shortened to at most `max_chars` characters.
std::string quote(const std::string& s, size_t max_chars = 60);
// Number of UTF-8 code points (a malformed byte counts as one).
size_t utf8_length(const std::string& s);
// Is `s` well-formed UTF-8 (no overlongs, surrogates or code points above U+10FFFF)?
bool utf8_valid(const std::string& s);
// The candidate closest to `word` (edit distance, transpositions count once),
// or "" when none is close enough to be a likely typo.
std::string closest_match(const std::string& word, const std::vector<std::string>& candidates);
// " Did you mean \"x\"?" or "" (for appending to a message).
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates);
std::string did_you_mean_ko(const std::string& word, const std::vector<std::string>& candidates);
// "a, b and c"
std::string join_words(const std::vector<std::string>& words, const char* last_sep = " and ");
// Korean particles chosen by the word's last sound (받침), never both forms in brackets:
//   with_subject("서버") -> "서버가", with_subject("web-1") -> "web-1이" (일),
//   with_topic("api") -> "api는", with_object("웹") -> "웹을",
//   with_direction("서울") -> "서울로" (ㄹ takes 로), with_direction("web") -> "web으로".
// Latin words and digits as Koreans read them ("ALB" 에이엘비 -> 는, "io1" 일 -> 은,
// "3" 삼 -> 이); a trailing quote or parenthesis is skipped. See messages.cpp.
enum class FinalSound { Vowel, Rieul, Consonant };  // Rieul: ends in ㄹ
FinalSound final_sound(const std::string& word);
bool has_batchim(const std::string& word);
std::string with_particle(const std::string& w, const char* after_consonant, const char* after_vowel);
std::string with_topic(const std::string& w);      // 은/는
std::string with_subject(const std::string& w);    // 이/가
std::string with_object(const std::string& w);     // 을/를
std::string with_and(const std::string& w);        // 과/와
std::string with_direction(const std::string& w);  // 으로/로
// Paths: "nodes[3]" + "params" -> "nodes[3].params"; keys that are not plain
// identifiers are written ["like this"].
std::string join_path(const std::string& base, const std::string& key);
std::string index_path(const std::string& base, size_t index);
// Is `v` a whole number (an integer, or a float with no fractional part)?
bool is_whole_number(const nlohmann::json& v);

}  // namespace cp::doc
