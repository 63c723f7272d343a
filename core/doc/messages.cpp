#include "core/doc/messages.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>

namespace cp::doc {

namespace {
std::string lower(const std::string& s) {
  std::string out = s;
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}
}  // namespace

std::string format_number(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "infinity" : "-infinity";
  if (v == std::floor(v) && std::fabs(v) < 1e15) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", v);
    return buf;
  }
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

size_t utf8_length(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

bool utf8_valid(const std::string& s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  for (size_t i = 0; i < n;) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    uint32_t cp, min;
    if ((c & 0xE0) == 0xC0) len = 2, cp = c & 0x1Fu, min = 0x80;
    else if ((c & 0xF0) == 0xE0) len = 3, cp = c & 0x0Fu, min = 0x800;
    else if ((c & 0xF8) == 0xF0) len = 4, cp = c & 0x07u, min = 0x10000;
    else return false;
    if (i + len > n) return false;
    for (size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i + k] & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

std::string quote(const std::string& s_in, size_t max_chars) {
  // Broken UTF-8 would break the message too: its non-ASCII bytes become '?'.
  std::string cleaned;
  const bool valid = utf8_valid(s_in);
  if (!valid) {
    cleaned = s_in;
    for (char& c : cleaned)
      if (static_cast<unsigned char>(c) >= 0x80) c = '?';
  }
  const std::string& s = valid ? s_in : cleaned;
  std::string out = "\"";
  size_t chars = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) != 0x80) {
      if (chars == max_chars) {
        out += "…";
        break;
      }
      ++chars;
    }
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
  return out;
}

std::string describe_value(const nlohmann::json& v) {
  switch (v.type()) {
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::boolean: return v.get<bool>() ? "true" : "false";
    case nlohmann::json::value_t::string: return quote(v.get_ref<const std::string&>(), 40);
    case nlohmann::json::value_t::number_integer: return std::to_string(v.get<int64_t>());
    case nlohmann::json::value_t::number_unsigned: return std::to_string(v.get<uint64_t>());
    case nlohmann::json::value_t::number_float: return format_number(v.get<double>());
    case nlohmann::json::value_t::object: return v.empty() ? "an empty object" : "an object";
    case nlohmann::json::value_t::array: return v.empty() ? "an empty list" : "a list";
    default: return "binary data";
  }
}

// The word's last sound, as a Korean reads it: chooses 은/는, 이/가, 을/를, 과/와
// and 으로/로. Hangul: from the syllable's final consonant (받침). Latin text:
//  - a number by its Sino-Korean name, from its last digit (1 일, 3 삼, 6 육, 7 칠,
//    8 팔; 10 십, 100 백, 1000 천: a trailing 0 always ends in a consonant),
//    so "web-1" and "us-east-1" end in ㄹ; "S3" alone is read in English (에스쓰리);
//  - an acronym, or a word with no vowel letter ("db", "vpc"), by its letters'
//    names (L 엘, R 알 end in ㄹ; M 엠, N 엔 in a consonant; the others in a vowel);
//  - an English word by its sound: -m, -n, -ng and -l, -le, -me, -ne end in a
//    consonant (스트림, 라인, 테이블, 타임); a short vowel before p, t, k, b, c
//    too (웹, 앱, 버킷, 스택, 스태틱, 그룹, 타임아웃); -er, -d, -g, -s and vowels do
//    not (서버, 클라우드, 로그, 유저스, 람다).
// A trailing quote or space is skipped, and so is a trailing parenthesis: the
// particle follows the word before it ("Compute (generic)" reads as "Compute").
FinalSound final_sound(const std::string& word_in) {
  std::string word = word_in;
  auto trim = [&word] {
    while (!word.empty() && (word.back() == ' ' || word.back() == '"' || word.back() == '\'')) word.pop_back();
  };
  trim();
  if (!word.empty() && word.back() == ')') {
    size_t open = word.rfind('(');
    if (open != std::string::npos && open > 0) word.resize(open);
    trim();
  }
  if (word.empty()) return FinalSound::Vowel;
  size_t i = word.size() - 1;
  while (i > 0 && (static_cast<unsigned char>(word[i]) & 0xC0) == 0x80) --i;
  const unsigned char* p = reinterpret_cast<const unsigned char*>(word.data() + i);
  uint32_t cp = 0;
  size_t len = word.size() - i;
  if (len == 1) cp = p[0];
  else if (len == 2) cp = ((p[0] & 0x1Fu) << 6) | (p[1] & 0x3Fu);
  else if (len == 3) cp = ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
  if (cp >= 0xAC00 && cp <= 0xD7A3) {
    const uint32_t final = (cp - 0xAC00) % 28;  // 0: none, 8: ㄹ
    return final == 0 ? FinalSound::Vowel : final == 8 ? FinalSound::Rieul : FinalSound::Consonant;
  }
  if (cp >= 128) return FinalSound::Vowel;
  if (word.back() == '.') return FinalSound::Consonant;  // '.' is read 점
  // The last run of ASCII letters and digits.
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
  size_t start = word.size();
  while (start > 0 && alnum(word[start - 1])) --start;
  const std::string token = word.substr(start);
  if (token.empty()) return FinalSound::Vowel;  // %, ×, ⚠ ...: 퍼센트, 배
  const std::string t = lower(token);
  const char last = t.back();
  if (last >= '0' && last <= '9') {
    if (t == "s3") return FinalSound::Vowel;  // Amazon S3, 에스쓰리
    switch (last) {
      case '1': case '7': case '8': return FinalSound::Rieul;     // 일, 칠, 팔
      case '0': case '3': case '6': return FinalSound::Consonant;  // 영/십/백/천, 삼, 육
      default: return FinalSound::Vowel;                           // 이, 사, 오, 구
    }
  }
  auto vowel = [](char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'; };
  bool has_lower = false, has_vowel = false;
  for (char c : token) has_lower = has_lower || (c >= 'a' && c <= 'z');
  for (char c : t) has_vowel = has_vowel || vowel(c);
  if (t == "gib" || t == "mib" || t == "kib" || t == "tib") return FinalSound::Vowel;  // 기비바이트
  if (!has_lower || !has_vowel) {  // letter by letter: ALB 에이엘비, URL 유알엘, CDN 씨디엔
    if (last == 'l' || last == 'r') return FinalSound::Rieul;
    return last == 'm' || last == 'n' ? FinalSound::Consonant : FinalSound::Vowel;
  }
  const size_t n = t.size();
  auto ends = [&t, n](const char* s) {
    const size_t k = std::char_traits<char>::length(s);
    return n >= k && t.compare(n - k, k, s) == 0;
  };
  if (last == 'l' || ends("le")) return FinalSound::Rieul;  // 풀, 테이블, 파일
  if (last == 'm' || last == 'n' || ends("ng")) return FinalSound::Consonant;
  if ((ends("me") || ends("ne")) && n >= 3 && vowel(t[n - 3])) return FinalSound::Consonant;  // 네임, 존
  if (ends("check")) return FinalSound::Vowel;                                             // 체크
  if (ends("ck")) return FinalSound::Consonant;                                            // 스택
  if (last == 'p' || last == 't' || last == 'k' || last == 'b' || last == 'c') {
    if (n < 2) return FinalSound::Vowel;
    const char prev = t[n - 2];
    if (prev == last) return FinalSound::Consonant;  // 앱
    if (!vowel(prev)) return FinalSound::Vowel;      // 호스트, 프런트, 디스크
    if (n < 3 || !vowel(t[n - 3])) return FinalSound::Consonant;  // 웹, 버킷, 스태틱
    const std::string pair = t.substr(n - 3, 2);
    if (pair == "ou") return FinalSound::Consonant;                                    // 그룹, 아웃
    if ((pair == "ee" || pair == "ea") && last == 'p') return FinalSound::Consonant;  // 킵, 힙
    if (pair == "oo" && last == 'k') return FinalSound::Consonant;                    // 북
    return FinalSound::Vowel;                                                          // 부트, 웨이트
  }
  return FinalSound::Vowel;
}

bool has_batchim(const std::string& word) { return final_sound(word) != FinalSound::Vowel; }

std::string with_particle(const std::string& w, const char* after_consonant, const char* after_vowel) {
  return w + (has_batchim(w) ? after_consonant : after_vowel);
}
std::string with_topic(const std::string& w) { return with_particle(w, "은", "는"); }
std::string with_subject(const std::string& w) { return with_particle(w, "이", "가"); }
std::string with_object(const std::string& w) { return with_particle(w, "을", "를"); }
std::string with_and(const std::string& w) { return with_particle(w, "과", "와"); }
std::string with_direction(const std::string& w) {
  return w + (final_sound(w) == FinalSound::Consonant ? "으로" : "로");  // ㄹ takes 로: 서울로, 1로
}

std::string describe_value_ko(const nlohmann::json& v) {
  switch (v.type()) {
    case nlohmann::json::value_t::object: return v.empty() ? "빈 객체" : "객체";
    case nlohmann::json::value_t::array: return v.empty() ? "빈 배열" : "배열";
    case nlohmann::json::value_t::binary: return "이진 데이터";
    default: return describe_value(v);  // null, true, "text", 12: the same in both languages
  }
}

namespace {
// Optimal string alignment distance: insert, delete, substitute, swap neighbours.
size_t edit_distance(const std::string& a, const std::string& b) {
  const size_t n = a.size(), m = b.size();
  std::vector<std::vector<size_t>> d(n + 1, std::vector<size_t>(m + 1));
  for (size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (size_t i = 1; i <= n; ++i)
    for (size_t j = 1; j <= m; ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[n][m];
}
}  // namespace

std::string closest_match(const std::string& word, const std::vector<std::string>& candidates) {
  if (word.empty() || word.size() > 64) return {};
  const std::string w = lower(word);
  std::string best;
  size_t best_d = SIZE_MAX;
  for (const std::string& c : candidates) {
    const std::string lc = lower(c);
    size_t d = edit_distance(w, lc);
    // "duration" for "duration_s", "timeout" for "timeout_ms": a missing unit suffix.
    if (lc.size() > w.size() && lc.compare(0, w.size(), w) == 0 && lc[w.size()] == '_') d = std::min<size_t>(d, 1);
    if (d < best_d) {
      best_d = d;
      best = c;
    }
  }
  // About one typo per three letters: "compte" finds "compute", but a short name
  // is not matched to another short one that merely shares a letter ("sqs" is not "ebs").
  const size_t allowed = std::max<size_t>(1, w.size() / 3);
  if (best_d == 0 || (best_d <= allowed && best_d < w.size())) return best;
  return {};
}

std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates) {
  std::string m = closest_match(word, candidates);
  return m.empty() ? std::string() : " Did you mean " + quote(m) + "?";
}

std::string did_you_mean_ko(const std::string& word, const std::vector<std::string>& candidates) {
  std::string m = closest_match(word, candidates);
  return m.empty() ? std::string() : " 혹시 " + quote(m) + "의 오타인가요?";
}

std::string join_words(const std::vector<std::string>& words, const char* last_sep) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += (i + 1 == words.size()) ? last_sep : ", ";
    out += words[i];
  }
  return out;
}

std::string join_path(const std::string& base, const std::string& key) {
  bool plain = !key.empty() && key.size() <= 64;
  for (char c : key)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
      plain = false;
  if (plain) return base.empty() ? key : base + "." + key;
  return base + "[" + quote(key, 40) + "]";
}

std::string index_path(const std::string& base, size_t index) { return base + "[" + std::to_string(index) + "]"; }

bool is_whole_number(const nlohmann::json& v) {
  if (v.is_number_integer()) return true;  // also unsigned
  if (!v.is_number_float()) return false;
  double d = v.get<double>();
  return std::isfinite(d) && d == std::floor(d);
}

}  // namespace cp::doc
