// Validation of a document against the catalog (see validate.h).
#include "core/catalog/validate.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string_view>

#include "core/catalog/catalog.h"
#include "core/catalog/regions.h"
#include "core/doc/json_text.h"
#include "core/doc/messages.h"

namespace cp::catalog {

using json = nlohmann::json;

doc::NodeMetrics node_metrics(const doc::NodeDoc& n) {
  doc::NodeMetrics out;
  const ServiceDescriptor* svc = find_service(n.type);
  if (!svc) {
    out.service_en = out.service_ko = n.type;
    return out;
  }
  out.service_en = svc->name.en;
  out.service_ko = svc->name.get(true);
  const json params = with_defaults(*svc, n.params);
  for (const MetricSpec& m : svc->metrics)
    out.metrics.push_back({m.key(), metric_applies(*svc, m, params), m.only_when.en, m.only_when.get(true)});
  return out;
}

namespace {

using namespace doc;
using namespace doc::json_text;


const std::vector<std::string> kTopFields = {"version", "name", "description", "story", "settings", "goals", "demo", "regions",
                                             "nodes", "connections", "faults", "layout"};
const std::vector<std::string> kSettingsFields = {"duration_s", "seed", "speed"};
const std::vector<std::string> kStoryFields = {"name_ko", "en", "ko", "moments"};
const std::vector<std::string> kMomentFields = {"at_s", "en", "ko"};
const std::vector<std::string> kRegionFields = {"code", "azs"};
const std::vector<std::string> kNodeFields = {"id", "type", "name", "region", "az", "params"};
const std::vector<std::string> kConnectionFields = {"id", "from", "to", "role", "params"};
const std::vector<std::string> kFaultFields = {"at_s", "action", "target", "until_s", "value"};

const json kEmptyObject = json::object();

std::string seconds(double s) { return format_number(s) + " s"; }
std::string seconds_ko(double s) { return format_number(s) + "초"; }

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
    bool ok = doc::migrate(j, errors, out_.warnings, region_code_of_az);
    errors_from(errors);
    if (!ok) return finish();
    doc_ = Document{};
    doc_.version = kCurrentVersion;

    check_fields(j, "", kTopFields, "a document", "문서");
    if (auto s = text(j, "name", "", false, kMaxNameLength)) doc_.name = *s;
    if (auto s = text(j, "description", "", false, kMaxDescriptionLength)) doc_.description = *s;
    settings(j);
    story(j);  // after settings: a moment must fall within the run
    regions(j);
    // A part over its size limit is refused whole; what comes after it would only
    // report false follow-on errors (a connection to a node that was not read).
    nodes(j);
    if (refused_) return finish();
    connections(j);
    if (refused_) return finish();
    faults(j);
    if (refused_) return finish();
    {
      std::vector<Issue> goal_errors;
      read_goals(j, doc_, goal_errors, node_metrics);  // goals name nodes and faults: read after them
      errors_from(goal_errors);
    }
    {
      // The demo's steps name nodes, and their scripted faults are checked as the document's own.
      std::vector<Issue> demo_errors;
      read_demo(j, doc_, demo_errors, [this](const json& f, const std::string& p) -> std::optional<FaultDoc> {
        const size_t before = out_.errors.size() + dropped_;
        std::optional<FaultDoc> fd = read_fault(f, p);
        if (out_.errors.size() + dropped_ != before) return std::nullopt;
        return fd;
      });
      errors_from(demo_errors);
    }
    // Rules across nodes (placement groups, snapshots between volumes), once everything is loaded.
    std::vector<Issue> rules = catalog::check_document_rules(doc_);
    errors_from(rules);
    if (j.contains("layout")) {
      if (!j["layout"].is_object())
        error("layout", "expected an object (the canvas's positions and frames), got " + describe_value(j["layout"]),
              "캔버스의 위치와 프레임을 담은 객체여야 하는데 " + describe_value_ko(j["layout"]) + "입니다.");
      else if (saveable(j["layout"], "layout"))
        doc_.layout = j["layout"];
    }
    finish();
  }

private:
  // ---- reporting ----
  void error(const std::string& path, std::string en, std::string ko) {
    if (out_.errors.size() < limits_.max_errors) out_.errors.push_back({path, std::move(en), std::move(ko)});
    else ++dropped_;
  }
  void warning(const std::string& path, std::string en, std::string ko) {
    if (out_.warnings.size() < limits_.max_errors) out_.warnings.push_back({path, std::move(en), std::move(ko)});
  }
  void errors_from(std::vector<Issue>& v) {
    for (Issue& e : v) error(e.path, std::move(e.message), std::move(e.message_ko));
  }
  // A part of the document is over its size limit: it is refused, and loading stops after it.
  void refuse(const std::string& path, std::string en, std::string ko) {
    error(path, std::move(en), std::move(ko));
    refused_ = true;
  }
  void finish() {
    if (dropped_ > 0)
      out_.errors.push_back({"", "… and " + std::to_string(dropped_) + " more errors (only the first " +
                                     std::to_string(limits_.max_errors) + " are listed).",
                             "… 외 오류 " + std::to_string(dropped_) + "개(처음 " + std::to_string(limits_.max_errors) +
                                 "개만 표시합니다)."});
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
        error(path, format_number(v->get<double>()) + " cannot be saved: JSON has no NaN or infinity.",
              format_number(v->get<double>()) + " 값은 저장할 수 없습니다. JSON에는 NaN이나 무한대가 없습니다.");
        ok = false;
      } else if (v->is_string() && !utf8_valid(v->get_ref<const std::string&>())) {
        error(path, "is not valid UTF-8 text.", "올바른 UTF-8 텍스트가 아닙니다.");
        ok = false;
      } else if (v->is_object()) {
        for (auto it = v->begin(); it != v->end(); ++it) {
          if (!utf8_valid(it.key())) {
            error(path, "has a key that is not valid UTF-8 text.", "올바른 UTF-8 텍스트가 아닌 키가 있습니다.");
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

  void check_fields(const json& obj, const std::string& path, const std::vector<std::string>& known, const char* what,
                    const char* what_ko) {
    for (auto it = obj.begin(); it != obj.end(); ++it) {
      if (std::find(known.begin(), known.end(), it.key()) != known.end()) continue;
      std::string m = quote(it.key()) + " is not a field of " + what + ".";
      std::string ko = std::string(what_ko) + "에는 " + quote(it.key()) + " 필드가 없습니다.";
      std::string dym = did_you_mean(it.key(), known);
      m += dym.empty() ? " Its fields are " + join_words(known) + "." : dym;
      ko += dym.empty() ? " 필드: " + join_words(known, ", ") + "." : did_you_mean_ko(it.key(), known);
      error(join_path(path, it.key()), m, ko);
    }
  }

  // An optional (or required) string field, with a length limit in characters.
  std::optional<std::string> text(const json& obj, const char* key, const std::string& path, bool required,
                                  size_t max_chars, const char* what = nullptr, const char* what_ko = nullptr) {
    auto it = obj.find(key);
    if (it == obj.end()) {
      if (required)
        error(path, std::string("needs ") + quote(key) + (what ? std::string(" (") + what + ")" : "") + ".",
              quote(key) + " 필드가 필요합니다" + (what_ko ? std::string("(") + what_ko + ")" : "") + ".");
      return std::nullopt;
    }
    const std::string p = join_path(path, key);
    if (!it->is_string()) {
      error(p, "expected text, got " + describe_value(*it), "텍스트여야 하는데 " + describe_value_ko(*it) + "입니다.");
      return std::nullopt;
    }
    const std::string& s = it->get_ref<const std::string&>();
    if (!utf8_valid(s)) {
      error(p, "is not valid UTF-8 text.", "올바른 UTF-8 텍스트가 아닙니다.");
      return std::nullopt;
    }
    if (utf8_length(s) > max_chars) {
      error(p, "is " + std::to_string(utf8_length(s)) + " characters long; the most is " + std::to_string(max_chars) + ".",
            std::to_string(utf8_length(s)) + "자입니다. 최대 " + std::to_string(max_chars) + "자까지 쓸 수 있습니다.");
      return std::nullopt;
    }
    return s;
  }

  // A finite number field. nullopt when missing (an error if required) or wrong.
  std::optional<double> number(const json& obj, const char* key, const std::string& path, bool required,
                               const char* what, const char* what_ko) {
    auto it = obj.find(key);
    if (it == obj.end()) {
      if (required)
        error(path, std::string("needs ") + quote(key) + " (" + what + ").",
              quote(key) + " 필드가 필요합니다(" + what_ko + ").");
      return std::nullopt;
    }
    const std::string p = join_path(path, key);
    if (!it->is_number()) {
      error(p, std::string("expected ") + what + ", got " + describe_value(*it),
            with_particle(what_ko, "이어야", "여야") + " 하는데 " + describe_value_ko(*it) + "입니다.");
      return std::nullopt;
    }
    double v = it->get<double>();
    if (!std::isfinite(v)) {
      error(p, std::string("expected ") + what + ", got " + format_number(v),
            with_particle(what_ko, "이어야", "여야") + " 하는데 " + format_number(v) + "입니다.");
      return std::nullopt;
    }
    return v;
  }

  // Ids: 1..64 of [A-Za-z0-9_-].
  bool check_id(const std::string& id, const std::string& path) {
    if (id.empty()) {
      error(path, "an id cannot be empty.", "id는 비워 둘 수 없습니다.");
      return false;
    }
    if (id.size() > kMaxIdLength) {
      error(path, "is " + std::to_string(id.size()) + " characters long; an id has at most " +
                      std::to_string(kMaxIdLength) + ".",
            std::to_string(id.size()) + "자입니다. id는 최대 " + std::to_string(kMaxIdLength) + "자입니다.");
      return false;
    }
    for (size_t i = 0; i < id.size(); ++i) {
      char c = id[i];
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_') continue;
      std::string bad, bad_ko;
      if (c == ' ') bad = "a space", bad_ko = "공백 문자";
      else if (static_cast<unsigned char>(c) < 0x20) bad = "a control character", bad_ko = "제어 문자";
      else {
        size_t n = 1;
        while (i + n < id.size() && (static_cast<unsigned char>(id[i + n]) & 0xC0) == 0x80) ++n;
        bad = "'" + id.substr(i, n) + "'", bad_ko = "'" + id.substr(i, n) + "' 문자";
      }
      error(path, quote(id) + " contains " + bad + ": ids use only letters A-Z and a-z, digits, - and _ " +
                      "(the name can be anything).",
            quote(id) + "에 " + bad_ko + "가 들어 있습니다. id에는 영문자 A-Z, a-z, 숫자, -, _만 쓸 수 있습니다" +
                "(이름에는 무엇이든 쓸 수 있습니다).");
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
      error(p, "expected an object such as {\"duration_s\": 600, \"seed\": 1}, got " + describe_value(*it),
            "{\"duration_s\": 600, \"seed\": 1} 같은 객체여야 하는데 " + describe_value_ko(*it) + "입니다.");
      return;
    }
    check_fields(*it, p, kSettingsFields, "the settings", "settings");
    if (auto d = number(*it, "duration_s", p, false, "a number of seconds", "초 단위 숫자")) {
      if (*d <= 0)
        error(p + ".duration_s", seconds(*d) + " is not a duration: a run lasts more than 0 s.",
              seconds_ko(*d) + "는 실행 시간이 될 수 없습니다. 실행 시간은 0초보다 길어야 합니다.");
      else if (*d > kMaxDurationS)
        error(p + ".duration_s", seconds(*d) + " is longer than the longest run, 30 days (" + seconds(kMaxDurationS) + ").",
              seconds_ko(*d) + "는 가장 긴 실행 시간인 30일(" + seconds_ko(kMaxDurationS) + ")보다 깁니다.");
      else doc_.settings.duration_s = *d;
    }
    if (auto s = it->find("seed"); s != it->end()) {
      if (!is_whole_number(*s))
        error(p + ".seed", "expected a whole number from 0 to 2^53, got " + describe_value(*s),
              "0부터 2^53까지의 정수여야 하는데 " + describe_value_ko(*s) + "입니다.");
      else if (s->get<double>() < 0)
        error(p + ".seed", describe_value(*s) + " is negative: a seed is from 0 to 2^53.",
              with_topic(describe_value(*s)) + " 음수입니다. 시드는 0부터 2^53까지입니다.");
      else if (s->is_number_float() ? s->get<double>() > static_cast<double>(kMaxSeed) : s->get<uint64_t>() > kMaxSeed)
        error(p + ".seed", describe_value(*s) + " is above the largest seed, 2^53 (" + std::to_string(kMaxSeed) +
                               "), the largest whole number a JavaScript number (and so a share link) keeps exactly.",
              with_topic(describe_value(*s)) + " 가장 큰 시드인 2^53(" + std::to_string(kMaxSeed) +
                  ")보다 큽니다. 2^53은 JavaScript 숫자가(따라서 공유 링크도) 정확히 담을 수 있는 가장 큰 정수입니다.");
      else doc_.settings.seed = s->is_number_float() ? static_cast<uint64_t>(s->get<double>()) : s->get<uint64_t>();
    }
    if (auto v = number(*it, "speed", p, false, "a speed such as 10 (simulated seconds per second)",
                        "10 같은 속도(1초에 흐르는 시뮬레이션 시간)")) {
      if (*v < kMinRunSpeed || *v > kMaxRunSpeed)
        error(p + ".speed", format_number(*v) + "× is not a speed the app runs at: from " + format_number(kMinRunSpeed) +
                                "× to " + format_number(kMaxRunSpeed) + "×.",
              "속도는 " + format_number(kMinRunSpeed) + "×에서 " + format_number(kMaxRunSpeed) + "× 사이여야 하는데 " +
                  format_number(*v) + "×입니다.");
      else doc_.settings.speed = *v;
    }
  }

  // ---- story (what the document shows a learner; the app's story panel) ----
  void story(const json& j) {
    auto it = j.find("story");
    if (it == j.end()) return;
    const std::string p = "story";
    if (!it->is_object()) {
      error(p, "expected an object such as {\"en\": \"What it shows\", \"ko\": \"…\", \"moments\": [...]}, got " +
                   describe_value(*it),
            "{\"en\": \"What it shows\", \"ko\": \"…\", \"moments\": [...]} 같은 객체여야 하는데 " +
                describe_value_ko(*it) + "입니다.");
      return;
    }
    check_fields(*it, p, kStoryFields, "a story", "story");
    if (auto s = text(*it, "name_ko", p, false, kMaxNameLength)) doc_.story.name_ko = *s;
    if (auto s = text(*it, "en", p, false, kMaxDescriptionLength)) doc_.story.en = *s;
    if (auto s = text(*it, "ko", p, false, kMaxDescriptionLength)) doc_.story.ko = *s;
    auto m = it->find("moments");
    if (m == it->end()) return;
    const std::string mp = p + ".moments";
    if (!m->is_array()) {
      error(mp, "expected a list such as [{\"at_s\": 300, \"en\": \"use1-az1 fails\", \"ko\": \"…\"}], got " +
                    describe_value(*m),
            "[{\"at_s\": 300, \"en\": \"use1-az1 fails\", \"ko\": \"…\"}] 같은 배열이어야 하는데 " +
                describe_value_ko(*m) + "입니다.");
      return;
    }
    if (m->size() > kMaxStoryMoments) {
      error(mp, "has " + std::to_string(m->size()) + " moments; a story has at most " + std::to_string(kMaxStoryMoments) + ".",
            "장면이 " + std::to_string(m->size()) + "개입니다. 스토리에는 장면을 최대 " + std::to_string(kMaxStoryMoments) +
                "개까지 둘 수 있습니다.");
      return;
    }
    double previous = -1;
    for (size_t i = 0; i < m->size(); ++i) moment((*m)[i], index_path(mp, i), previous);
  }

  void moment(const json& m, const std::string& p, double& previous) {
    if (!m.is_object()) {
      error(p, "expected a moment such as {\"at_s\": 300, \"en\": \"use1-az1 fails\"}, got " + describe_value(m),
            "{\"at_s\": 300, \"en\": \"use1-az1 fails\"} 같은 장면이어야 하는데 " + describe_value_ko(m) + "입니다.");
      return;
    }
    check_fields(m, p, kMomentFields, "a moment", "장면");
    StoryMoment sm;
    bool ok = false;
    const double duration = doc_.settings.duration_s;
    if (auto at = number(m, "at_s", p, true, "the time to jump to, in seconds from the start", "시작부터 잰 이동 시각(초)")) {
      sm.at_s = *at;
      if (*at < 0)
        error(p + ".at_s", seconds(*at) + " is before the run starts: a moment is at 0 s or later.",
              format_number(*at) + "초는 실행이 시작되기 전입니다. 장면은 0초 이후여야 합니다.");
      else if (*at > duration)
        error(p + ".at_s", seconds(*at) + " is after the end of the run (settings.duration_s is " + seconds(duration) + ").",
              format_number(*at) + "초는 실행이 끝난 뒤입니다(settings.duration_s는 " + format_number(duration) + "초).");
      else if (*at < previous)
        error(p + ".at_s", "the moments are listed in time order, and this one (" + seconds(*at) +
                               ") comes before the one above it (" + seconds(previous) + ").",
              "장면은 시간 순서로 적어야 하는데, 이 장면(" + format_number(*at) + "초)이 바로 위 장면(" +
                  format_number(previous) + "초)보다 이릅니다.");
      else {
        ok = true;
        previous = *at;
      }
    }
    auto en = text(m, "en", p, false, kMaxMomentLength);
    auto ko = text(m, "ko", p, false, kMaxMomentLength);
    if (en) sm.en = *en;
    if (ko) sm.ko = *ko;
    // Missing or empty in both languages (a text of the wrong kind was reported above).
    const bool bad_text = (m.contains("en") && !en) || (m.contains("ko") && !ko);
    if (sm.en.empty() && sm.ko.empty() && !bad_text) {
      error(p, "a moment needs its text: \"en\", \"ko\" or both.",
            "장면에는 설명이 필요합니다. \"en\"이나 \"ko\", 또는 둘 다 적으세요.");
      ok = false;
    }
    if (ok && !bad_text) doc_.story.moments.push_back(std::move(sm));
  }

  // ---- regions ----
  void regions(const json& j) {
    auto it = j.find("regions");
    if (it == j.end()) return;
    if (!it->is_array()) {
      error("regions", "expected a list such as [{\"code\": \"us-east-1\", \"azs\": [\"use1-az1\"]}], got " +
                           describe_value(*it),
            "[{\"code\": \"us-east-1\", \"azs\": [\"use1-az1\"]}] 같은 배열이어야 하는데 " + describe_value_ko(*it) + "입니다.");
      return;
    }
    if (it->size() > catalog::all_regions().size()) {
      refuse("regions", "lists " + std::to_string(it->size()) + " Regions; cloudplay knows " +
                            std::to_string(catalog::all_regions().size()) + ", and each may appear once.",
             "리전이 " + std::to_string(it->size()) + "개 나열되어 있습니다. cloudplay가 아는 리전은 " +
                 std::to_string(catalog::all_regions().size()) + "개이고, 리전마다 한 번만 쓸 수 있습니다.");
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
        error(p, "expected {\"code\": \"us-east-1\", \"azs\": [...]}, got " + describe_value(r),
              "{\"code\": \"us-east-1\", \"azs\": [...]} 형태여야 하는데 " + describe_value_ko(r) + "입니다.");
        continue;
      }
      check_fields(r, p, kRegionFields, "a Region entry", "리전 항목");
      auto code = text(r, "code", p, true, 32, "a Region code such as us-east-1", "us-east-1 같은 리전 코드");
      if (!code) continue;
      const catalog::RegionSpec* spec = catalog::find_region(*code);
      if (!spec) {
        error(p + ".code", "there is no AWS Region " + quote(*code) + " in cloudplay's list." +
                               did_you_mean(*code, codes) + " Region codes look like us-east-1 or ap-northeast-2.",
              "cloudplay의 리전 목록에 " + quote(*code) + " 리전이 없습니다." + did_you_mean_ko(*code, codes) +
                  " 리전 코드는 us-east-1, ap-northeast-2처럼 씁니다.");
        continue;
      }
      if (auto prev = seen_region.find(*code); prev != seen_region.end()) {
        error(p + ".code", *code + " is already listed in " + index_path("regions", prev->second) +
                               ": list each Region once, with all its AZs.",
              *code + " 리전은 이미 " + index_path("regions", prev->second) +
                  "에 있습니다. 리전은 한 번만 쓰고, 그 안에 가용 영역을 모두 나열하세요.");
        continue;
      }
      seen_region[*code] = i;
      RegionDoc rd;
      rd.code = *code;
      if (auto a = r.find("azs"); a != r.end()) {
        if (!a->is_array()) {
          error(p + ".azs", "expected a list of AZ IDs such as [\"" + spec->azs.front() + "\"], got " + describe_value(*a),
                "[\"" + spec->azs.front() + "\"] 같은 가용 영역 ID 배열이어야 하는데 " + describe_value_ko(*a) + "입니다.");
        } else {
          for (size_t k = 0; k < a->size(); ++k) {
            const json& az = (*a)[k];
            const std::string ap = index_path(p + ".azs", k);
            if (!az.is_string()) {
              error(ap, "expected an AZ ID such as " + quote(spec->azs.front()) + ", got " + describe_value(az),
                    quote(spec->azs.front()) + " 같은 가용 영역 ID여야 하는데 " + describe_value_ko(az) + "입니다.");
              continue;
            }
            const std::string& id = az.get_ref<const std::string&>();
            if (!check_az_in_region(id, *spec, ap)) continue;
            if (auto prev = seen_az.find(id); prev != seen_az.end()) {
              error(ap, id + " is already listed at " + prev->second + ".",
                    id + " 가용 영역은 이미 " + prev->second + "에 있습니다.");
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
      error(path, "AZ " + az + " is in " + owner->code + " (" + owner->name.en + "), not in " + region.code + ".",
            with_topic("가용 영역 " + az) + " " + with_subject(region.code) + " 아니라 " + owner->code + "(" + owner->name.get(true) +
                ") 리전에 있습니다.");
    else
      error(path, "there is no AZ " + quote(az) + " in " + region.code + "." + did_you_mean(az, region.azs) +
                      " Its AZ IDs are " + join_words(region.azs) + ".",
            region.code + " 리전에는 " + quote(az) + " 가용 영역이 없습니다." + did_you_mean_ko(az, region.azs) +
                " 이 리전의 가용 영역 ID: " + join_words(region.azs, ", ") + ".");
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
                         describe_value(*it),
            "[{\"id\": \"web\", \"type\": \"compute\", ...}] 같은 노드 배열이어야 하는데 " + describe_value_ko(*it) + "입니다.");
      return;
    }
    if (it->size() > limits_.max_nodes) {
      refuse("nodes", "has " + std::to_string(it->size()) + " nodes; a document may have at most " +
                          std::to_string(limits_.max_nodes) + ".",
             "노드가 " + std::to_string(it->size()) + "개입니다. 문서 하나에는 노드를 최대 " +
                 std::to_string(limits_.max_nodes) + "개까지 둘 수 있습니다.");
      return;
    }
    for (const catalog::ServiceDescriptor* d : catalog::all_services())
      if (d) service_types_.push_back(d->type);
    for (size_t i = 0; i < it->size(); ++i) node((*it)[i], i);
  }

  void node(const json& n, size_t i) {
    const std::string p = index_path("nodes", i);
    if (!n.is_object()) {
      error(p, "expected a node such as {\"id\": \"web\", \"type\": \"compute\"}, got " + describe_value(n),
            "{\"id\": \"web\", \"type\": \"compute\"} 같은 노드여야 하는데 " + describe_value_ko(n) + "입니다.");
      return;
    }
    check_fields(n, p, kNodeFields, "a node", "노드");
    NodeDoc node;
    bool id_ok = false;
    if (auto id = text(n, "id", p, true, 1 << 20, "a short name such as \"web\"", "\"web\" 같은 짧은 이름")) {
      node.id = *id;
      id_ok = check_id(*id, p + ".id");
      if (id_ok) {
        if (auto prev = node_index_.find(*id); prev != node_index_.end()) {
          error(p + ".id", quote(*id) + " is already the id of " + index_path("nodes", prev->second) +
                               ": every node needs its own id.",
                with_topic(quote(*id)) + " 이미 " + index_path("nodes", prev->second) + "의 id입니다. 노드마다 id가 달라야 합니다.");
          id_ok = false;
        }
      }
    }
    const catalog::ServiceDescriptor* desc = nullptr;
    if (auto type = text(n, "type", p, true, 64, "a service type such as \"compute\"", "\"compute\" 같은 서비스 유형")) {
      node.type = *type;
      desc = catalog::find_service(*type);
      if (!desc) {
        std::string m = "there is no service type " + quote(*type) + ".";
        std::string ko = quote(*type) + " 서비스 유형은 없습니다.";
        std::string dym = did_you_mean(*type, service_types_);
        if (!dym.empty()) {
          m += dym;
          ko += did_you_mean_ko(*type, service_types_);
        } else if (service_types_.empty()) {
          m += " No services are registered in this build.";
          ko += " 이 빌드에는 등록된 서비스가 없습니다.";
        } else {
          // Not a typo: most likely an AWS service cloudplay does not simulate yet.
          m += " cloudplay does not simulate every AWS service yet; the types it has are " +
               join_words(quoted_list(service_types_)) + ".";
          ko += " cloudplay가 아직 모든 AWS 서비스를 시뮬레이션하지는 않습니다. 지금 쓸 수 있는 유형: " +
                join_words(quoted_list(service_types_), ", ") + ".";
        }
        error(p + ".type", m, ko);
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
      catalog::check_params(desc->params, params, p + ".params", desc->name.en, errs, desc->name.get(true));
      // Rules across params (the service's own), once each param passed its spec.
      if (errs.empty() && desc->validate && params.is_object())
        for (Issue& e : desc->validate(catalog::with_defaults(*desc, params)))
          errs.push_back({e.path.empty() ? p + ".params" : join_path(p + ".params", e.path), std::move(e.message),
                          std::move(e.message_ko)});
      errors_from(errs);
    } else if (!params.is_object()) {
      error(p + ".params", "expected an object of parameters, got " + describe_value(params),
            "파라미터 객체여야 하는데 " + describe_value_ko(params) + "입니다.");
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
                                 did_you_mean(node.region, codes),
              "cloudplay의 리전 목록에 " + quote(node.region) + " 리전이 없습니다." + did_you_mean_ko(node.region, codes));
        region_ok = false;
      }
    } else if (has_region) {
      error(p + ".region", "is empty: give a Region code such as us-east-1, or leave \"region\" out.",
            "비어 있습니다. us-east-1 같은 리전 코드를 쓰거나 \"region\"을 빼세요.");
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
          error(p + ".az", "there is no AZ with the ID " + quote(node.az) + ". AZ IDs look like use1-az1.",
                "ID가 " + quote(node.az) + "인 가용 영역이 없습니다. 가용 영역 ID는 use1-az1처럼 씁니다.");
          az_ok = false;
        }
      }
    } else if (has_az) {
      error(p + ".az", "is empty: give an AZ ID such as use1-az1, or leave \"az\" out.",
            "비어 있습니다. use1-az1 같은 가용 영역 ID를 쓰거나 \"az\"를 빼세요.");
      az_ok = false;
    }
    if (!desc) return;
    const std::string name = desc->name.en;
    const std::string ko = with_topic(desc->name.get(true));  // "EC2 인스턴스는"
    switch (desc->placement) {
      case sim::PlacementKind::Az:
        if (node.az.empty() && az_ok)
          error(p, name + " runs in one Availability Zone: give the node an \"az\" (an AZ ID such as use1-az1).",
                ko + " 가용 영역 하나에서 실행됩니다. 노드에 \"az\"(use1-az1 같은 가용 영역 ID)를 지정하세요.");
        break;
      case sim::PlacementKind::Region:
        if (!node.az.empty() && az_ok) {
          error(p + ".az", name + " is a Regional service (it spans the AZs of its Region): a node of it has no \"az\"; "
                                  "give only its \"region\".",
                ko + " 리전 서비스입니다(리전의 여러 가용 영역에 걸쳐 있습니다). \"az\"는 빼고 \"region\"만 지정하세요.");
          az_ok = false;
        }
        if (node.region.empty() && region_ok)
          error(p, name + " is a Regional service: give the node a \"region\" (a Region code such as us-east-1).",
                ko + " 리전 서비스입니다. 노드에 \"region\"(us-east-1 같은 리전 코드)을 지정하세요.");
        break;
      case sim::PlacementKind::Global:
        if (!node.az.empty() && az_ok)
          error(p + ".az", name + " is a global service (it runs at AWS's edge locations, in no Region): remove \"az\".",
                ko + " 글로벌 서비스입니다(리전이 아니라 AWS 엣지 로케이션에서 실행됩니다). \"az\"를 빼세요.");
        else if (!node.region.empty() && region_ok)
          error(p + ".region", name + " is a global service (it runs at AWS's edge locations, in no Region): remove \"region\".",
                ko + " 글로벌 서비스입니다(리전이 아니라 AWS 엣지 로케이션에서 실행됩니다). \"region\"을 빼세요.");
        return;
      case sim::PlacementKind::Internet:
        if (!node.az.empty() && az_ok)
          error(p + ".az", name + " is on the internet, not in an Availability Zone: remove \"az\" and give the Region "
                                  "it is near in \"region\".",
                ko + " 가용 영역이 아니라 인터넷에 있습니다. \"az\"를 빼고, 가까운 리전을 \"region\"에 지정하세요.");
        if (node.region.empty() && region_ok)
          error(p, name + " needs a \"region\": the Region its clients are near (their requests cross the internet from there).",
                "\"region\"이 필요합니다. " + ko + " 인터넷에 있으므로 클라이언트가 가까이 있는 리전을 지정하세요(요청은 "
                     "그곳에서 인터넷을 거쳐 갑니다).");
        return;  // clients may be near any Region, listed or not
    }
    // Az and Region placements: the Region (and AZ) must be listed in "regions".
    if (!region || !region_ok) return;
    const RegionDoc* listed = doc_region(region->code);
    if (!listed) {
      error(p + ".region", region->code + " is not in this document's \"regions\" list: add {\"code\": \"" +
                               region->code + "\", \"azs\": [...]} to it.",
            region->code + " 리전이 이 문서의 \"regions\" 목록에 없습니다. {\"code\": \"" + region->code +
                "\", \"azs\": [...]}를 추가하세요.");
      return;
    }
    if (desc->placement == sim::PlacementKind::Az && !node.az.empty() && az_ok &&
        std::find(listed->azs.begin(), listed->azs.end(), node.az) == listed->azs.end())
      error(p + ".az", node.az + " is not in this document's list of AZs for " + region->code +
                           ": add it to that Region's \"azs\".",
            node.az + " 가용 영역이 이 문서의 " + region->code + " 가용 영역 목록에 없습니다. 그 리전의 \"azs\"에 추가하세요.");
  }

  // ---- connections ----
  void connections(const json& j) {
    auto it = j.find("connections");
    if (it == j.end()) return;
    if (!it->is_array()) {
      error("connections", "expected a list such as [{\"from\": \"users\", \"to\": \"web\"}], got " + describe_value(*it),
            "[{\"from\": \"users\", \"to\": \"web\"}] 같은 배열이어야 하는데 " + describe_value_ko(*it) + "입니다.");
      return;
    }
    if (it->size() > limits_.max_connections) {
      refuse("connections", "has " + std::to_string(it->size()) + " connections; a document may have at most " +
                                std::to_string(limits_.max_connections) + ".",
             "연결이 " + std::to_string(it->size()) + "개입니다. 문서 하나에는 연결을 최대 " +
                 std::to_string(limits_.max_connections) + "개까지 둘 수 있습니다.");
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
      error(p, "expected a connection such as {\"from\": \"users\", \"to\": \"web\"}, got " + describe_value(c),
            "{\"from\": \"users\", \"to\": \"web\"} 같은 연결이어야 하는데 " + describe_value_ko(c) + "입니다.");
      return false;
    }
    check_fields(c, p, kConnectionFields, "a connection", "연결");
    if (c.contains("id")) {
      if (auto id = text(c, "id", p, false, 1 << 20)) {
        conn.id = *id;
        if (check_id(*id, p + ".id")) {
          if (auto prev = conn_index_.find(*id); prev != conn_index_.end())
            error(p + ".id", quote(*id) + " is already the id of " + index_path("connections", prev->second) +
                                 ": every connection needs its own id.",
                  with_topic(quote(*id)) + " 이미 " + index_path("connections", prev->second) +
                      "의 id입니다. 연결마다 id가 달라야 합니다.");
          else
            conn_index_[*id] = i;
        }
      }
    } else {
      needs_id = true;
    }
    auto from = text(c, "from", p, true, 1 << 20, "the id of the calling node", "호출하는 노드의 id");
    auto to = text(c, "to", p, true, 1 << 20, "the id of the node it calls", "호출받는 노드의 id");
    const NodeDoc* a = nullptr;
    const NodeDoc* b = nullptr;
    if (from) {
      conn.from = *from;
      a = find_node(*from);
      if (!a)
        error(p + ".from", "there is no node with id " + quote(*from) + "." + did_you_mean(*from, node_ids_),
              "id가 " + quote(*from) + "인 노드가 없습니다." + did_you_mean_ko(*from, node_ids_));
    }
    if (to) {
      conn.to = *to;
      b = find_node(*to);
      if (!b)
        error(p + ".to", "there is no node with id " + quote(*to) + "." + did_you_mean(*to, node_ids_),
              "id가 " + quote(*to) + "인 노드가 없습니다." + did_you_mean_ko(*to, node_ids_));
    }
    // The role: absent means a call (every document before roles); none = unreadable.
    sim::WireRole role = sim::WireRole::Call;
    bool role_ok = true;
    if (c.contains("role")) {
      auto r = text(c, "role", p, false, 1 << 20);
      auto parsed = r ? catalog::parse_role(*r) : std::nullopt;
      role_ok = parsed.has_value();
      if (parsed) role = *parsed;
      if (r) {
        if (parsed)
          conn.role = *r;
        else
          error(p + ".role", quote(*r) + " is not a role: a wire is \"call\", \"poll\", \"event\" or \"replicate\"." +
                                 did_you_mean(*r, catalog::role_keys()),
                with_topic(quote(*r)) + " 연결 역할이 아닙니다. 쓸 수 있는 값: \"call\", \"poll\", \"event\", \"replicate\"." +
                    did_you_mean_ko(*r, catalog::role_keys()));
      }
    }
    if (from && to && *from == *to) {
      error(p + ".to", "a connection cannot go from a node to itself (from and to are both " + quote(*to) + ").",
            "노드를 자기 자신에게 연결할 수 없습니다(from과 to가 모두 " + quote(*to) + "입니다).");
    } else if (a && b) {
      const std::string pair = a->id + "\n" + b->id;
      if (auto prev = pair_index_.find(pair); prev != pair_index_.end()) {
        error(p, a->id + " already calls " + b->id + " through " + index_path("connections", prev->second) +
                     ": use one connection between two nodes (its weight, timeout and retries apply to every call).",
              with_topic(a->id) + " 이미 " + index_path("connections", prev->second) + "에서 " + with_object(b->id) +
                  " 호출합니다. 두 노드 사이에는 연결을 하나만 두세요(가중치, 제한 시간, 재시도 설정이 모든 호출에 "
                  "적용됩니다).");
      } else {
        pair_index_[pair] = i;
        // The connections before this one are in doc_ already (a 17th attachment to a volume is refused here).
        if (role_ok)
          if (auto refusal = catalog::can_connect(doc_, *a, *b, role)) error(p, refusal->en, refusal->ko);
      }
    }
    if (auto pr = c.find("params"); pr != c.end()) {
      const catalog::ServiceDescriptor* da = a ? catalog::find_service(a->type) : nullptr;
      const catalog::ServiceDescriptor* db = b ? catalog::find_service(b->type) : nullptr;
      // A call's params are known whatever its ends (connection_params); another
      // role's only when both ends are known, and not a role neither takes.
      const bool known = role_ok && (role == sim::WireRole::Call ||
                                     (da && db && !catalog::role_refusal(*da, *db, role)));
      if (known) {
        std::vector<Issue> errs;
        const std::vector<catalog::ParamSpec> specs = catalog::wire_params(da, db, role);
        if (role == sim::WireRole::Call) {
          catalog::check_params(specs, *pr, p + ".params", "a connection", errs, "연결");
        } else {
          // Named by its role and ends: "20000 is above the poll wire q → fn's maximum of 10000 messages".
          const std::string ends = conn.from + " → " + conn.to;
          catalog::check_params(specs, *pr, p + ".params", std::string("the ") + catalog::role_key(role) + " wire " + ends,
                                errs, std::string(catalog::role_name(role).ko) + " 연결 " + ends);
        }
        const bool params_ok = errs.empty();
        errors_from(errs);
        if (pr->is_object()) {
          conn.params = *pr;
          if (params_ok && role == sim::WireRole::Call) connection_rules(conn.params, p + ".params");
          if (params_ok)
            for (Issue& e : catalog::check_wire_rules(da, db, role, conn.params))
              error(join_path(p + ".params", e.path), e.message, e.message_ko);
        }
      } else if (pr->is_object()) {
        conn.params = *pr;
      }
    }
    return needs_id;
  }

  void connection_rules(const json& params, const std::string& p) {
    json full = catalog::connection_with_defaults(params);
    double base = catalog::param_number(full, "backoff_base_ms"), cap = catalog::param_number(full, "backoff_cap_ms");
    if (cap < base)
      error(p + ".backoff_cap_ms", "the backoff cap (" + format_number(cap) + " ms) is below the backoff base (" +
                                       format_number(base) + " ms): the cap must be at least the base.",
            "백오프 상한(" + format_number(cap) + "밀리초)이 백오프 기준값(" + format_number(base) +
                "밀리초)보다 작습니다. 상한은 기준값 이상이어야 합니다.");
    if (catalog::param_string(full, "mode") == "async") {
      if (catalog::param_number(full, "timeout_ms") > 0)
        warning(p + ".timeout_ms", "an async call does not wait for an answer, so its timeout is not used.",
                "비동기 호출은 응답을 기다리지 않으므로 제한 시간을 쓰지 않습니다.");
      if (catalog::param_number(full, "retries") > 0)
        warning(p + ".retries", "an async call does not learn whether it failed, so it is never retried.",
                "비동기 호출은 실패했는지 알 수 없으므로 재시도하지 않습니다.");
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
                          describe_value(*it),
            "[{\"at_s\": 300, \"action\": \"az_down\", \"target\": \"use1-az1\"}] 같은 배열이어야 하는데 " +
                describe_value_ko(*it) + "입니다.");
      return;
    }
    if (it->size() > limits_.max_faults) {
      refuse("faults", "has " + std::to_string(it->size()) + " faults; a document may have at most " +
                           std::to_string(limits_.max_faults) + ".",
             "장애가 " + std::to_string(it->size()) + "개입니다. 문서 하나에는 장애를 최대 " +
                 std::to_string(limits_.max_faults) + "개까지 둘 수 있습니다.");
      return;
    }
    for (size_t i = 0; i < it->size(); ++i)
      if (auto fd = read_fault((*it)[i], index_path("faults", i))) doc_.faults.push_back(std::move(*fd));
  }

  // One fault (of `faults`, or a demo step's), its errors reported at path p; nullopt
  // when it is not even an object.
  std::optional<FaultDoc> read_fault(const json& f, const std::string& p) {
    if (!f.is_object()) {
      error(p, "expected a fault such as {\"at_s\": 300, \"action\": \"kill_node\", \"target\": \"web\"}, got " +
                   describe_value(f),
            "{\"at_s\": 300, \"action\": \"kill_node\", \"target\": \"web\"} 같은 장애여야 하는데 " +
                describe_value_ko(f) + "입니다.");
      return std::nullopt;
    }
    check_fields(f, p, kFaultFields, "a fault", "장애");
    FaultDoc fd;
    const double duration = doc_.settings.duration_s;
    bool at_ok = false;
    if (auto at = number(f, "at_s", p, true, "the time it happens, in seconds from the start", "시작부터 잰 발생 시각(초)")) {
      if (*at < 0)
        error(p + ".at_s", seconds(*at) + " is before the run starts: faults happen at 0 s or later.",
              seconds_ko(*at) + "는 실행이 시작되기 전입니다. 장애는 0초 이후에 일어나야 합니다.");
      else if (*at > duration)
        error(p + ".at_s", seconds(*at) + " is after the end of the run (settings.duration_s is " + seconds(duration) +
                               "): the fault would never happen.",
              seconds_ko(*at) + "는 실행이 끝난 뒤입니다(settings.duration_s는 " + seconds_ko(duration) +
                  "). 이 장애는 일어나지 않습니다.");
      else at_ok = true;
      fd.at_s = *at;
    }
    bool action_ok = false;
    if (auto action = text(f, "action", p, true, 64, "what happens: kill_node, az_down, region_down, add_latency, error_rate or fail_parts",
                           "일어나는 일: kill_node, az_down, region_down, add_latency, error_rate, fail_parts 중 하나")) {
      fd.action = *action;
      // The kernel's faults, then the node actions services declare (a read replica's "promote").
      std::vector<std::string> actions = fault_actions();
      for (const std::string& k : catalog::node_action_keys()) actions.push_back(k);
      action_ok = std::find(actions.begin(), actions.end(), *action) != actions.end();
      if (!action_ok) {
        std::string m = quote(*action) + " is not a fault action.";
        std::string ko = with_topic(quote(*action)) + " 장애 종류가 아닙니다.";
        std::string dym = did_you_mean(*action, actions);
        m += dym.empty() ? " The actions are " + join_words(actions, " and ") + "." : dym;
        ko += dym.empty() ? " 장애 종류: " + join_words(actions, ", ") + "." : did_you_mean_ko(*action, actions);
        error(p + ".action", m, ko);
      }
    }
    if (auto target = text(f, "target", p, true, 1 << 20, "what the fault hits", "장애가 일어나는 대상")) {
      fd.target = *target;
      if (action_ok) fault_target(fd, p + ".target");
    }
    if (auto until = number(f, "until_s", p, false, "the time the fault ends, in seconds", "장애가 끝나는 시각(초)")) {
      fd.until_s = *until;
      if (!at_ok) {
        // already reported at at_s
      } else if (*until < fd.at_s)
        error(p + ".until_s", "the fault ends (" + seconds(*until) + ") before it begins (at_s is " + seconds(fd.at_s) + ").",
              "장애가 끝나는 시각(" + seconds_ko(*until) + ")이 시작 시각(at_s, " + seconds_ko(fd.at_s) + ")보다 이릅니다.");
      else if (*until == fd.at_s)
        error(p + ".until_s", "the fault would end the moment it begins (" + seconds(*until) +
                                  "): leave until_s out for a fault that lasts, or give a later time.",
              "장애가 시작하자마자 끝납니다(" + seconds_ko(*until) +
                  "). 계속되는 장애라면 until_s를 빼고, 아니면 더 늦은 시각을 쓰세요.");
    }
    const bool needs_value = fd.action == "add_latency" || fd.action == "error_rate" || fd.action == "fail_parts";
    const bool parts = fd.action == "fail_parts";
    if (auto v = number(f, "value", p, needs_value && action_ok,
                        parts ? "how many of the node's parts fail"
                        : fd.action == "error_rate" ? "the share of calls that fail, from 0 to 1" : "the latency added, in ms",
                        parts ? "장애가 나는 노드 부분의 수"
                        : fd.action == "error_rate" ? "실패하는 호출의 비율(0~1)" : "추가할 지연 시간(밀리초)")) {
      fd.value = *v;
      if (parts) {
        failed_parts_count(fd, p + ".value");
      } else if (fd.action == "add_latency" && (*v <= 0 || *v > kMaxAddedLatencyMs))
        error(p + ".value", format_number(*v) + " ms is not a latency to add: give more than 0 and at most " +
                                format_number(kMaxAddedLatencyMs) + " ms.",
              format_number(*v) + "밀리초는 추가할 지연 시간으로 쓸 수 없습니다. 0보다 크고 " +
                  format_number(kMaxAddedLatencyMs) + "밀리초 이하로 쓰세요.");
      else if (fd.action == "error_rate" && (*v < 0 || *v > 1))
        error(p + ".value", format_number(*v) + " is not a share of calls: give a number from 0 (none fail) to 1 (all fail).",
              with_topic(format_number(*v)) + " 실패 비율이 될 수 없습니다. 0(모두 성공)부터 1(모두 실패)까지의 숫자를 쓰세요.");
      else if (!needs_value && action_ok && *v != 0)
        warning(p + ".value", fd.action + " takes no value; it is ignored.",
                fd.action + " 장애에는 값이 필요 없으므로 무시합니다.");
    }
    return fd;
  }

  // The parts a fail_parts fault names, as its target's service declares them; nullptr
  // (and an error) for a node whose service has none.
  const catalog::ServiceDescriptor::FailableParts* failable_parts(const FaultDoc& fd, const std::string& p,
                                                                 bool report) {
    const NodeDoc* n = find_node(fd.target);
    const catalog::ServiceDescriptor* svc = n ? catalog::find_service(n->type) : nullptr;
    if (!svc) return nullptr;  // reported as an unknown node or type already
    if (svc->failable_parts.max > 0) return &svc->failable_parts;
    if (report) error(p, "node " + quote(fd.target) + " (" + svc->name.en + ") has no parts that fail on their own: fail_parts acts "
                 "on a node such as an Aurora DB cluster (its storage copies). Use kill_node to stop the whole node.",
          quote(fd.target) + " 노드(" + svc->name.ko + ")에는 따로 장애를 낼 수 있는 부분이 없습니다. fail_parts 장애는 Aurora "
              "DB 클러스터(스토리지 사본) 같은 노드에 씁니다. 노드 전체를 멈추려면 kill_node를 쓰세요.");
    return nullptr;
  }

  void failed_parts_count(const FaultDoc& fd, const std::string& p) {
    // A target without parts was reported with the target.
    const catalog::ServiceDescriptor::FailableParts* parts = failable_parts(fd, p, false);
    if (!parts) return;
    const double v = fd.value;
    if (v < 1 || v > parts->max || v != static_cast<double>(static_cast<int>(v)))
      error(p, format_number(v) + " is not a number of " + parts->name.en + " to fail: give a whole number from 1 to " +
                   std::to_string(parts->max) + ".",
            with_topic(format_number(v)) + " 장애를 낼 " + parts->name.ko + " 수가 될 수 없습니다. 1부터 " +
                std::to_string(parts->max) + "까지의 정수를 쓰세요.");
  }

  void fault_target(const FaultDoc& fd, const std::string& p) {
    const std::string& t = fd.target;
    if (fd.action == "kill_node" || fd.action == "fail_parts") {
      if (!find_node(t))
        error(p, "there is no node with id " + quote(t) + "." + did_you_mean(t, all_node_ids()),
              "id가 " + quote(t) + "인 노드가 없습니다." + did_you_mean_ko(t, all_node_ids()));
      else if (fd.action == "fail_parts")
        failable_parts(fd, p, true);
    } else if (std::find(fault_actions().begin(), fault_actions().end(), fd.action) == fault_actions().end()) {
      // A node action: its target is a node whose service declares it.
      const NodeDoc* n = find_node(t);
      const catalog::ServiceDescriptor* svc = n ? catalog::find_service(n->type) : nullptr;
      if (!n)
        error(p, "there is no node with id " + quote(t) + "." + did_you_mean(t, all_node_ids()),
              "id가 " + quote(t) + "인 노드가 없습니다." + did_you_mean_ko(t, all_node_ids()));
      else if (svc && catalog::node_action_index(*svc, fd.action) < 0) {
        std::vector<std::string> who;
        for (const catalog::ServiceDescriptor* d : catalog::all_services())
          if (d && catalog::node_action_index(*d, fd.action) >= 0) who.push_back(d->name.en);
        std::vector<std::string> who_ko;
        for (const catalog::ServiceDescriptor* d : catalog::all_services())
          if (d && catalog::node_action_index(*d, fd.action) >= 0) who_ko.push_back(d->name.ko);
        error(p, "node " + quote(t) + " (" + svc->name.en + ") cannot " + fd.action + ": the action " + quote(fd.action) +
                     " acts on " + join_words(who, " and ") + " nodes.",
              quote(t) + " 노드(" + svc->name.ko + ")에는 " + quote(fd.action) + " 동작을 쓸 수 없습니다. 이 동작은 " +
                  join_words(who_ko, ", ") + " 노드에 씁니다.");
      }
    } else if (fd.action == "az_down") {
      std::vector<std::string> azs;
      for (const RegionDoc& r : doc_.regions) azs.insert(azs.end(), r.azs.begin(), r.azs.end());
      if (std::find(azs.begin(), azs.end(), t) != azs.end()) return;
      const bool known = catalog::region_of_az(t) != nullptr;
      std::string m = known ? "AZ " + t + " is not listed in this document's \"regions\"."
                            : "there is no AZ " + quote(t) + " in this document.";
      std::string ko = known ? with_subject("가용 영역 " + t) + " 이 문서의 \"regions\"에 없습니다."
                             : "이 문서에는 " + quote(t) + " 가용 영역이 없습니다.";
      std::string dym = did_you_mean(t, azs);
      if (!dym.empty()) m += dym, ko += did_you_mean_ko(t, azs);
      else if (!azs.empty())
        m += " Its AZs are " + join_words(quoted_list(azs)) + ".", ko += " 문서의 가용 영역: " + join_words(quoted_list(azs), ", ") + ".";
      error(p, m, ko);
    } else if (fd.action == "region_down") {
      if (doc_region(t)) return;
      std::vector<std::string> codes;
      for (const RegionDoc& r : doc_.regions) codes.push_back(r.code);
      const bool known = catalog::find_region(t) != nullptr;
      std::string m = known ? "Region " + t + " is not listed in this document's \"regions\"."
                            : "there is no Region " + quote(t) + " in this document.";
      std::string ko = known ? t + " 리전이 이 문서의 \"regions\"에 없습니다." : "이 문서에는 " + quote(t) + " 리전이 없습니다.";
      error(p, m + did_you_mean(t, codes), ko + did_you_mean_ko(t, codes));
    } else {  // add_latency, error_rate: a connection
      if (conn_index_.count(t)) return;
      std::vector<std::string> ids;
      for (const auto& [id, idx] : conn_index_) ids.push_back(id);
      error(p, "there is no connection with id " + quote(t) + " (" + fd.action + " acts on a connection)." +
                   did_you_mean(t, ids),
            "id가 " + quote(t) + "인 연결이 없습니다(" + fd.action + " 장애는 연결에 일어납니다)." + did_you_mean_ko(t, ids));
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
  bool refused_ = false;  // a part over its size limit (see refuse)
  std::vector<std::string> service_types_;
  std::vector<std::string> node_ids_;
  std::map<std::string, size_t> node_index_;
  std::map<std::string, size_t> conn_index_;
  std::map<std::string, size_t> pair_index_;
};

}  // namespace

LoadResult load_document(const json& j, const ParseLimits& limits) {
  LoadResult result;
  try {
    Loader(limits, result).run(j);
  } catch (const std::exception& e) {
    result.errors.push_back({"", std::string("could not read this document: ") + e.what(), "이 문서를 읽지 못했습니다."});
  } catch (...) {
    result.errors.push_back({"", "could not read this document.", "이 문서를 읽지 못했습니다."});
  }
  return result;
}

LoadResult parse_document(const std::string& text, const ParseLimits& limits) {
  LoadResult result;
  std::optional<json> j = parse_json_text(text, result.errors, limits);
  return j ? load_document(*j, limits) : result;
}

ShareDecodeResult decode_share_fragment(std::string_view fragment, const ShareLimits& limits) {
  ShareDecodeResult r = unpack_share_fragment(fragment, limits);
  if (!r.ok()) return r;
  ParseLimits pl;
  pl.max_depth = limits.max_json_depth;
  LoadResult loaded = load_document(r.document_json, pl);
  r.document_json = json();
  r.warnings = std::move(loaded.warnings);
  for (auto& e : loaded.errors) r.document_errors.push_back(std::move(e));
  if (!r.document_errors.empty()) {
    size_t n = r.document_errors.size();
    r.error = ShareError::InvalidDocument;
    r.message_en = "The document in this link has " + std::to_string(n) + (n == 1 ? " problem" : " problems") +
                   " and was not opened. Your own work has not been changed.";
    r.message_ko = "이 링크의 문서에 문제가 " + std::to_string(n) + "개 있어 열지 않았습니다. 작업 중이던 문서는 바뀌지 않았습니다.";
    return r;
  }
  r.document = std::move(loaded.document);
  return r;
}

}  // namespace cp::catalog
