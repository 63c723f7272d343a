// Migration: brings an older document's JSON up to kCurrentVersion, step by step,
// before it is validated (core/catalog/validate.cpp).
#include <algorithm>
#include <string>
#include <vector>

#include "core/doc/document.h"
#include "core/doc/json_text.h"
#include "core/doc/messages.h"

namespace cp::doc {

using json = nlohmann::json;

namespace {

using namespace json_text;

// Input that parses as JSON but is some other file.
constexpr const char* kJsonNotDocumentEn = "this is JSON, but not a cloudplay document";
constexpr const char* kJsonNotDocumentKo = "JSON 파일이지만 cloudplay 문서가 아닙니다.";

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

void migrate_v0_to_v1(json& j, std::vector<Words>& notes, const RegionOfAz& region_of_az) {
  if (j.contains("title") && !j.contains("name")) {
    rename_key(j, "title", "name");
    notes.push_back({"\"title\" became \"name\"", "\"title\"은 \"name\"으로 바뀌었습니다"});
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
    notes.push_back({"\"duration\" and \"seed\" moved into \"settings\" (duration_s, seed)",
                     "\"duration\"과 \"seed\"는 \"settings\" 안으로 옮겼습니다(duration_s, seed)"});
  }
  if (j.contains("nodes") && j["nodes"].is_array()) {
    bool renamed = false;
    for (json& n : j["nodes"])
      if (n.is_object() && n.contains("label") && !n.contains("name")) {
        rename_key(n, "label", "name");
        renamed = true;
      }
    if (renamed) notes.push_back({"node \"label\" became \"name\"", "노드의 \"label\"은 \"name\"으로 바뀌었습니다"});
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
            if (region_of_az(n["az"].get<std::string>()) != code) continue;
          }
          if (std::find(azs.begin(), azs.end(), n["az"]) == azs.end()) azs.push_back(n["az"]);
        }
      r = json{{"code", code}, {"azs", azs}};
      changed = true;
    }
    if (changed)
      notes.push_back({"each Region became {\"code\", \"azs\"} listing the AZs its nodes use",
                       "각 리전은 노드가 쓰는 가용 영역을 나열한 {\"code\", \"azs\"} 형식으로 바뀌었습니다"});
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
    notes.push_back({"\"links\" became \"connections\", their settings moved into \"params\" (sync became mode)",
                     "\"links\"는 \"connections\"로 바뀌고, 설정은 \"params\" 안으로 옮겼습니다(sync는 mode가 됨)"});
  }
  if (j.contains("faults") && j["faults"].is_array()) {
    bool renamed = false;
    for (json& f : j["faults"])
      if (f.is_object() && (f.contains("at") || f.contains("until"))) {
        rename_key(f, "at", "at_s");
        rename_key(f, "until", "until_s");
        renamed = true;
      }
    if (renamed)
      notes.push_back({"fault \"at\"/\"until\" became \"at_s\"/\"until_s\"",
                       "장애의 \"at\"/\"until\"은 \"at_s\"/\"until_s\"로 바뀌었습니다"});
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
    notes.push_back({"\"positions\" moved into \"layout\".nodes", "\"positions\"는 \"layout\".nodes 안으로 옮겼습니다"});
  }
}

using MigrationStep = void (*)(json&, std::vector<Words>&, const RegionOfAz&);
// steps[v] brings a version v document to version v + 1.
const MigrationStep kSteps[kCurrentVersion] = {migrate_v0_to_v1};

bool migrate_impl(json& j, std::vector<Issue>& errors, std::vector<Issue>& warnings, const RegionOfAz& region_of_az) {
  if (!j.is_object()) {
    errors.push_back({"", std::string(kJsonNotDocumentEn) + ": a document is a JSON object ({\"version\": 1, \"nodes\": [...], "
                          "...}), and this is " + describe_value(j) + ".",
                      std::string(kJsonNotDocumentKo) + " cloudplay 문서는 {\"version\": 1, \"nodes\": [...], ...} 형태의 JSON "
                          "객체인데, 이 내용은 " + describe_value_ko(j) + "입니다."});
    return false;
  }
  auto it = j.find("version");
  if (it == j.end()) {
    // JSON that names none of a document's fields is some other file, not a document missing its version.
    bool any_field = false;
    for (const char* k : {"nodes", "connections", "regions", "name", "settings", "faults", "layout", "title", "links"})
      any_field = any_field || j.contains(k);
    if (!any_field) {
      errors.push_back({"", std::string(kJsonNotDocumentEn) + ": it has none of a document's fields (\"version\", \"nodes\", "
                            "\"connections\"...). Is this the right file?",
                        std::string(kJsonNotDocumentKo) + " 문서에 있어야 할 필드(\"version\", \"nodes\", \"connections\" 등)가 "
                            "하나도 없습니다. 올바른 파일인지 확인해 주세요."});
      return false;
    }
    errors.push_back({"version", "missing: a document says which format version it is written in, e.g. \"version\": " +
                                     std::to_string(kCurrentVersion) + ".",
                      "없습니다. 문서에는 어떤 형식 버전으로 쓰였는지 적어야 합니다(예: \"version\": " +
                          std::to_string(kCurrentVersion) + ")."});
    return false;
  }
  if (!is_whole_number(*it)) {
    errors.push_back({"version", "expected a whole number such as " + std::to_string(kCurrentVersion) + ", got " +
                                     describe_value(*it),
                      std::to_string(kCurrentVersion) + " 같은 정수여야 하는데 " + describe_value_ko(*it) + "입니다."});
    return false;
  }
  const double v = it->get<double>();
  if (v < 0) {
    errors.push_back({"version", format_number(v) + " is not a format version: versions start at 0.",
                      with_topic(format_number(v)) + " 형식 버전이 아닙니다. 버전은 0부터 시작합니다."});
    return false;
  }
  if (v > kCurrentVersion) {
    errors.push_back({"version", "this document is in format version " + format_number(v) +
                                     ", newer than this cloudplay understands (it reads versions 0 to " +
                                     std::to_string(kCurrentVersion) +
                                     "). It was probably saved by a newer cloudplay: open it there, or update.",
                      "이 문서의 형식 버전은 " + format_number(v) + "입니다. 이 cloudplay가 읽을 수 있는 버전(0~" +
                          std::to_string(kCurrentVersion) +
                          ")보다 새롭습니다. 더 새로운 cloudplay에서 저장한 문서일 가능성이 높으니, 그 버전에서 열거나 "
                          "cloudplay를 업데이트하세요."});
    return false;
  }
  const int from = static_cast<int>(v);
  std::vector<Words> notes;
  for (int ver = from; ver < kCurrentVersion; ++ver) {
    kSteps[ver](j, notes, region_of_az);
    j["version"] = ver + 1;
  }
  if (from < kCurrentVersion) {
    const std::string to = std::to_string(kCurrentVersion);
    std::string m = "this document was in format version " + std::to_string(from) + " and was brought up to version " + to +
                    "; saving it writes version " + to + ".";
    std::string ko = "형식 버전 " + std::to_string(from) + "인 문서를 " + with_direction("버전 " + to) + " 올렸습니다. 저장하면 " +
                     with_direction("버전 " + to) + " 저장됩니다.";
    std::vector<std::string> en_notes, ko_notes;
    for (const Words& w : notes) en_notes.push_back(w.en), ko_notes.push_back(w.ko);
    if (!notes.empty()) m += " Changes: " + join_words(en_notes, "; ") + ".";
    if (!notes.empty()) ko += " 바뀐 점: " + join_words(ko_notes, "; ") + ".";
    warnings.push_back({"version", m, ko});
  } else {
    j["version"] = kCurrentVersion;  // 1.0 -> 1
  }
  return true;
}

}  // namespace

bool migrate(json& j, std::vector<Issue>& errors, std::vector<Issue>& warnings, const RegionOfAz& region_of_az) {
  try {
    return migrate_impl(j, errors, warnings, region_of_az);
  } catch (const std::exception& e) {
    errors.push_back({"", std::string("could not migrate this document: ") + e.what(), "이 문서의 형식을 바꾸지 못했습니다."});
  } catch (...) {
    errors.push_back({"", "could not migrate this document.", "이 문서의 형식을 바꾸지 못했습니다."});
  }
  return false;
}

}  // namespace cp::doc
