// Share links (see share_link.h). Sections:
//   [dictionary]  the preset deflate dictionary of version 1
//   [base64url]   encode / decode
//   [deflate]     raw deflate / bounded inflate
//   [json]        depth check, payload <-> JSON
//   [decode]      the steps, each failing with a message for a person
#include "core/doc/share_link.h"

#include <zlib.h>

#include <cmath>
#include <cstdio>
#include <limits>
#include <map>

namespace cp::doc {

// ---- [dictionary] ----------------------------------------------------------------
// Strings likely to occur in a document's JSON, least likely first (deflate finds
// matches closer to the data more cheaply). Part of the v1 format: never edit it
// once links are out; a new dictionary needs a new version prefix.
const std::string_view kShareDictionaryV1 =
    "\"description\":\""
    "\"until_s\":"
    "\"value\":"
    "\"action\":\"kill_node\""
    "\"action\":\"az_down\""
    "\"action\":\"region_down\""
    "\"action\":\"add_latency\""
    "\"action\":\"error_rate\""
    "\"target\":\""
    "\"at_s\":"
    "\"eu-central-1\"euc1-az1\"euc1-az2\"euc1-az3\"eu-west-1\"euw1-az1\"euw1-az2\"euw1-az3\""
    "\"ap-northeast-1\"apne1-az1\"apne1-az2\"apne1-az4\"us-west-2\"usw2-az1\"usw2-az2\"usw2-az3\""
    "\"ap-northeast-2\"apne2-az1\"apne2-az2\"apne2-az3\"apne2-az4\""
    "\"type\":\"api_gateway\"},"
    "\"type\":\"kinesis\"},"
    "\"type\":\"sns\"},"
    "\"type\":\"efs\"},"
    "\"type\":\"ebs\"},"
    "\"type\":\"aurora\"},"
    "\"type\":\"s3\"},"
    "\"type\":\"dynamodb\"},"
    "\"type\":\"lambda\"},"
    "\"type\":\"sqs\"},"
    "\"type\":\"elasticache\"},"
    "\"type\":\"rds\"},"
    "\"type\":\"asg\"},"
    "\"type\":\"nlb\"},"
    "\"type\":\"alb\"},"
    "\"type\":\"cloudfront\"},"
    "\"type\":\"route53\"},"
    "\"type\":\"compute\"},"
    "\"type\":\"users\"},"
    "\"type\":\"ec2\"},"
    "\"instance_type\":\"t3.micro\""
    "\"instance_type\":\"c5.large\""
    "\"instance_type\":\"m5.large\""
    "\"memory_mb\":"
    "\"workers\":"
    "\"rate\":"
    "\"min\":"
    "\"max\":"
    "\"desired\":"
    "\"service_time\":{\"kind\":\"exponential\",\"mean_ms\":"
    "{\"backoff_base_ms\":"
    "\"backoff_cap_ms\":"
    "\"weight\":"
    "{\"mode\":\"async\"}"
    "{\"retries\":"
    "\"timeout_ms\":"
    "\"faults\":[{\"action\":\""
    "\"layout\":{\"azs\":{\"use1-az1\":{\"h\":"
    "\"regions\":{\"us-east-1\":{\"h\":"
    "\"view\":{\"x\":0,\"y\":0,\"zoom\":1}},\"name\":\""
    "\"regions\":[{\"azs\":[\"use1-az1\",\"use1-az2\",\"use1-az3\",\"use1-az4\",\"use1-az5\",\"use1-az6\"],\"code\":\"us-east-1\"}],\"settings\":{\"duration_s\":600,\"seed\":1},\"version\":1},\"links\":[[0,1],[1,2],[2,3],"
    "\"run\":{\"playing\":false,\"seed\":1,\"speed\":1.0,\"t_s\":0.0},\"xy\":[["
    "\"params\":{},\"region\":\"us-east-1\",\"type\":\""
    "\"nodes\":[{\"id\":\""
    "},{\"az\":\"use1-az1\",\"id\":\""
    "},{\"az\":\"use1-az2\",\"id\":\""
    "\"name\":\""
    "\"params\":{},\"region\":\"us-east-1\",\"type\":\"";

namespace {

// ---- [base64url] -------------------------------------------------------------------
constexpr char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int b64_value(unsigned char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

// ---- [deflate] -----------------------------------------------------------------------
std::string raw_deflate(std::string_view in) {
  z_stream zs{};
  if (deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) != Z_OK) return {};
  deflateSetDictionary(&zs, reinterpret_cast<const Bytef*>(kShareDictionaryV1.data()),
                       static_cast<uInt>(kShareDictionaryV1.size()));
  std::string out(deflateBound(&zs, static_cast<uLong>(in.size())) + 16, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&zs, Z_FINISH);
  out.resize(rc == Z_STREAM_END ? zs.total_out : 0);
  deflateEnd(&zs);
  return out;
}

enum class InflateStatus { Ok, Truncated, Corrupt, TooLarge, RatioTooHigh, NoMemory };

struct Inflated {
  InflateStatus status = InflateStatus::Ok;
  std::string data;
  std::string zlib_message;
};

// Inflates `in`, stopping as soon as the output passes either limit (so a zip
// bomb costs at most max_out bytes of memory and proportional time).
Inflated bounded_inflate(std::string_view in, size_t max_out, double max_ratio) {
  Inflated r;
  z_stream zs{};
  if (inflateInit2(&zs, -15) != Z_OK) {
    r.status = InflateStatus::NoMemory;
    return r;
  }
  // A raw stream takes its dictionary before the first byte is inflated.
  inflateSetDictionary(&zs, reinterpret_cast<const Bytef*>(kShareDictionaryV1.data()),
                       static_cast<uInt>(kShareDictionaryV1.size()));
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  // Ratio limit, measured against the whole compressed input; small outputs are
  // never refused for their ratio (a tiny document compresses to a few bytes).
  const double ratio_cap = std::max(4096.0, max_ratio * static_cast<double>(in.size()));
  unsigned char buf[16384];
  for (;;) {
    zs.next_out = buf;
    zs.avail_out = sizeof buf;
    int rc = inflate(&zs, Z_NO_FLUSH);
    size_t produced = sizeof buf - zs.avail_out;
    r.data.append(reinterpret_cast<char*>(buf), produced);
    if (r.data.size() > max_out) {
      r.status = InflateStatus::TooLarge;
      break;
    }
    if (static_cast<double>(r.data.size()) > ratio_cap) {
      r.status = InflateStatus::RatioTooHigh;
      break;
    }
    if (rc == Z_STREAM_END) {
      if (zs.avail_in != 0) r.status = InflateStatus::Corrupt, r.zlib_message = "data after the end of the stream";
      break;
    }
    if (rc == Z_DATA_ERROR || rc == Z_NEED_DICT || rc == Z_STREAM_ERROR) {
      r.status = InflateStatus::Corrupt;
      if (zs.msg) r.zlib_message = zs.msg;
      break;
    }
    if (rc == Z_MEM_ERROR) {
      r.status = InflateStatus::NoMemory;
      break;
    }
    if (rc == Z_BUF_ERROR || (zs.avail_in == 0 && produced == 0)) {
      // No progress possible: the input ended before the stream did.
      r.status = InflateStatus::Truncated;
      break;
    }
  }
  inflateEnd(&zs);
  if (r.status != InflateStatus::Ok) r.data.clear();
  return r;
}

// ---- [json] --------------------------------------------------------------------------
// Deepest nesting of objects/arrays in `text` (outside strings); stops counting past `limit`.
int json_depth(std::string_view text, int limit) {
  int depth = 0, deepest = 0;
  bool in_string = false, escape = false;
  for (char c : text) {
    if (in_string) {
      if (escape) escape = false;
      else if (c == '\\') escape = true;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    else if (c == '{' || c == '[') {
      if (++depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return deepest;
}

bool finite_number(const nlohmann::json& v) { return v.is_number() && std::isfinite(v.get<double>()); }

void read_run(const nlohmann::json& j, RunSettings& run, std::vector<Issue>& errors) {
  auto bad = [&](const std::string& path, const std::string& en, const std::string& ko) { errors.push_back({path, en, ko}); };
  if (!j.is_object()) {
    bad("run", "should be an object with the run settings (seed, speed, t_s)", "실행 설정(seed, speed, t_s)을 담은 객체여야 합니다.");
    return;
  }
  if (auto it = j.find("seed"); it != j.end()) {
    if (it->is_number_unsigned() && it->get<uint64_t>() <= kMaxSeed) run.seed = it->get<uint64_t>();
    else if (it->is_number_integer() && it->get<int64_t>() >= 0) run.seed = static_cast<uint64_t>(it->get<int64_t>());
    else bad("run.seed", "should be a whole number from 0 to 2^53", "0부터 2^53까지의 정수여야 합니다.");
  }
  if (auto it = j.find("speed"); it != j.end()) {
    if (finite_number(*it) && it->get<double>() >= 0 && it->get<double>() <= 1e6) run.speed = it->get<double>();
    else bad("run.speed", "should be a number from 0 (as fast as possible) to 1000000", "0(최대한 빠르게)부터 1000000까지의 숫자여야 합니다.");
  }
  if (auto it = j.find("t_s"); it != j.end()) {
    if (finite_number(*it) && it->get<double>() >= 0 && it->get<double>() <= kMaxDurationS) run.t_s = it->get<double>();
    else bad("run.t_s", "should be a time in seconds from 0 to 30 days", "0초부터 30일까지의 시각(초)이어야 합니다.");
  }
  if (auto it = j.find("playing"); it != j.end()) {
    if (it->is_boolean()) run.playing = it->get<bool>();
    else bad("run.playing", "should be true or false", "true 또는 false여야 합니다.");
  }
  if (auto it = j.find("faults"); it != j.end()) {
    if (!it->is_array() || it->size() > 1000) {
      bad("run.faults", "should be a list of at most 1000 faults", "장애를 최대 1000개까지 담은 배열이어야 합니다.");
      return;
    }
    for (size_t i = 0; i < it->size(); ++i) {
      const auto& fj = (*it)[i];
      std::string p = "run.faults[" + std::to_string(i) + "]";
      if (!fj.is_object()) {
        bad(p, "should be an object (at_s, action, target)", "객체(at_s, action, target)여야 합니다.");
        continue;
      }
      FaultDoc f;
      auto at = fj.find("at_s"), action = fj.find("action"), target = fj.find("target");
      if (at == fj.end() || !finite_number(*at) || at->get<double>() < 0) bad(p + ".at_s", "should be a time in seconds, 0 or more", "0 이상의 시각(초)이어야 합니다.");
      else f.at_s = at->get<double>();
      if (action == fj.end() || !action->is_string()) bad(p + ".action", "should be the fault's action, e.g. \"az_down\"", "\"az_down\" 같은 장애 종류여야 합니다.");
      else f.action = action->get<std::string>();
      if (target == fj.end() || !target->is_string()) bad(p + ".target", "should name what fails (a node id, AZ ID or Region code)",
                                                                          "장애가 나는 대상(노드 id, 가용 영역 ID, 리전 코드)이어야 합니다.");
      else f.target = target->get<std::string>();
      if (auto u = fj.find("until_s"); u != fj.end()) {
        if (finite_number(*u) && u->get<double>() >= f.at_s) f.until_s = u->get<double>();
        else bad(p + ".until_s", "should be a time in seconds, not before at_s", "at_s 이후의 시각(초)이어야 합니다.");
      }
      if (auto v = fj.find("value"); v != fj.end()) {
        if (finite_number(*v)) f.value = v->get<double>();
        else bad(p + ".value", "should be a number", "숫자여야 합니다.");
      }
      run.faults.push_back(std::move(f));
    }
  }
}

// Undoes share_payload's packing inside `payload` (see there). Errors name the
// part of the link that is wrong.
void unpack(nlohmann::json& payload, std::vector<Issue>& errors) {
  using nlohmann::json;
  json& doc = payload["doc"];
  auto node_id = [&](const json& v, std::string& id) {
    const json* nodes = doc.contains("nodes") ? &doc["nodes"] : nullptr;
    if (!v.is_number_unsigned() || !nodes || !nodes->is_array() || v.get<uint64_t>() >= nodes->size()) return false;
    const json& n = (*nodes)[v.get<size_t>()];
    if (!n.is_object() || !n.contains("id") || !n["id"].is_string()) return false;
    id = n["id"].get<std::string>();
    return true;
  };
  if (auto it = payload.find("links"); it != payload.end()) {
    if (!it->is_array() || doc.contains("connections")) {
      errors.push_back({"links", "should be the list of connections (and \"doc\" should have no \"connections\")",
                        "연결 배열이어야 합니다(\"doc\"에는 \"connections\"가 없어야 합니다)."});
      return;
    }
    json conns = json::array();
    for (size_t i = 0; i < it->size(); ++i) {
      const json& e = (*it)[i];
      const std::string p = "links[" + std::to_string(i) + "]";
      if (e.is_object()) {
        conns.push_back(e);
        continue;
      }
      std::string from, to;
      if (!e.is_array() || e.size() < 2 || e.size() > 4 || !node_id(e[0], from) || !node_id(e[1], to) ||
          (e.size() > 2 && !e[2].is_object()) || (e.size() > 3 && !e[3].is_string())) {
        errors.push_back({p, "should be [from node index, to node index, params, id]",
                          "[호출하는 노드 번호, 호출받는 노드 번호, params, id] 형태여야 합니다."});
        continue;
      }
      json c = {{"from", from}, {"to", to}};
      c["id"] = e.size() > 3 ? e[3].get<std::string>() : "c" + std::to_string(i + 1);
      c["params"] = e.size() > 2 ? e[2] : json::object();
      conns.push_back(std::move(c));
    }
    doc["connections"] = std::move(conns);
  }
  if (auto it = payload.find("xy"); it != payload.end()) {
    if (!it->is_array()) {
      errors.push_back({"xy", "should be the list of node positions", "노드 위치 배열이어야 합니다."});
      return;
    }
    if (!doc.contains("layout")) doc["layout"] = json::object();
    json& layout = doc["layout"];
    if (!layout.is_object() || (layout.contains("nodes") && !layout["nodes"].is_object())) {
      errors.push_back({"xy", "needs \"layout\" (and its \"nodes\") to be objects", "\"layout\"(과 그 안의 \"nodes\")이 객체여야 합니다."});
      return;
    }
    json& ln = layout["nodes"];
    if (ln.is_null()) ln = json::object();
    for (size_t i = 0; i < it->size(); ++i) {
      const json& e = (*it)[i];
      if (e.is_null()) continue;
      std::string id;
      if (!e.is_array() || e.size() != 2 || !e[0].is_number() || !e[1].is_number() ||
          !node_id(json(static_cast<uint64_t>(i)), id)) {
        errors.push_back({"xy[" + std::to_string(i) + "]", "should be [x, y] of a node in the document",
                          "문서에 있는 노드의 [x, y]여야 합니다."});
        continue;
      }
      ln[id] = {{"x", e[0]}, {"y", e[1]}};
    }
  }
}

// ---- [decode] ------------------------------------------------------------------------
ShareDecodeResult fail(ShareError e, std::string en, std::string ko) {
  ShareDecodeResult r;
  r.error = e;
  r.message_en = std::move(en);
  r.message_ko = std::move(ko);
  return r;
}

std::string size_text(size_t bytes) {
  char b[32];
  if (bytes >= 1024 * 1024) std::snprintf(b, sizeof b, "%.1f MiB", double(bytes) / (1024.0 * 1024.0));
  else if (bytes >= 1024) std::snprintf(b, sizeof b, "%.0f KiB", double(bytes) / 1024.0);
  else std::snprintf(b, sizeof b, "%zu bytes", bytes);
  return b;
}

// A character for a message: printable ASCII as itself, anything else as a code.
std::string show_char(unsigned char c) {
  char b[16];
  if (c >= 0x21 && c < 0x7f) std::snprintf(b, sizeof b, "'%c'", c);
  else if (c == ' ') std::snprintf(b, sizeof b, "a space");
  else std::snprintf(b, sizeof b, "byte 0x%02X", c);
  return b;
}

const char* kCopyAgainEn = " Ask the sender for the link again, or copy all of it once more.";
const char* kCopyAgainKo = " 보낸 사람에게 링크를 다시 받거나, 링크 전체를 다시 복사해 주세요.";

}  // namespace

nlohmann::json fault_to_json(const FaultDoc& f) {
  nlohmann::json j = {{"at_s", f.at_s}, {"action", f.action}, {"target", f.target}};
  if (f.until_s) j["until_s"] = *f.until_s;
  if (f.value != 0) j["value"] = f.value;
  return j;
}

std::string base64url_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    uint32_t v = (uint32_t(uint8_t(bytes[i])) << 16) | (uint32_t(uint8_t(bytes[i + 1])) << 8) | uint8_t(bytes[i + 2]);
    out += kB64[v >> 18];
    out += kB64[(v >> 12) & 63];
    out += kB64[(v >> 6) & 63];
    out += kB64[v & 63];
  }
  size_t rest = bytes.size() - i;
  if (rest == 1) {
    uint32_t v = uint32_t(uint8_t(bytes[i])) << 16;
    out += kB64[v >> 18];
    out += kB64[(v >> 12) & 63];
  } else if (rest == 2) {
    uint32_t v = (uint32_t(uint8_t(bytes[i])) << 16) | (uint32_t(uint8_t(bytes[i + 1])) << 8);
    out += kB64[v >> 18];
    out += kB64[(v >> 12) & 63];
    out += kB64[(v >> 6) & 63];
  }
  return out;
}

bool base64url_decode(std::string_view text, std::string& out, size_t* bad_pos) {
  size_t end = text.size();
  while (end > 0 && text[end - 1] == '=' && text.size() - end < 2) --end;  // optional padding
  out.clear();
  out.reserve(end / 4 * 3 + 3);
  uint32_t acc = 0;
  int bits = 0;
  for (size_t i = 0; i < end; ++i) {
    int v = b64_value(static_cast<unsigned char>(text[i]));
    if (v < 0) {
      if (bad_pos) *bad_pos = i;
      return false;
    }
    acc = (acc << 6) | uint32_t(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xff);
    }
  }
  return true;
}

// The payload is to_json(d) with two parts packed for size (a link must stay short):
//   "links": the connections as [from, to] node indexes, then params (if any), then the
//            id (if it is not the editor's default "c<n>"); a connection whose ends are
//            not nodes of the document, or that is not a call (it has a "role"), stays
//            an object, as to_json wrote it.
//   "xy":    layout.nodes positions {"x","y"} as [x, y] in node order (null: none).
// Unpacking restores exactly what to_json wrote.
nlohmann::json share_payload(const Document& d, const RunSettings& run) {
  using nlohmann::json;
  json doc = to_json(d);
  json out = json::object();
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < d.nodes.size(); ++i) index.emplace(d.nodes[i].id, i);
  if (!d.connections.empty()) {
    json links = json::array();
    for (size_t i = 0; i < d.connections.size(); ++i) {
      const ConnectionDoc& c = d.connections[i];
      auto from = index.find(c.from), to = index.find(c.to);
      // A poll or event wire stays an object too: the packed form is a call's, so
      // links of calls only are what they were before roles.
      if (from == index.end() || to == index.end() || doc["connections"][i].contains("role")) {
        links.push_back(doc["connections"][i]);
        continue;
      }
      json e = json::array({from->second, to->second});
      const bool default_id = c.id == "c" + std::to_string(i + 1);
      const json& params = doc["connections"][i]["params"];
      if (!params.empty() || !default_id) e.push_back(params);
      if (!default_id) e.push_back(c.id);
      links.push_back(std::move(e));
    }
    doc.erase("connections");
    out["links"] = std::move(links);
  }
  json& layout = doc["layout"];
  if (layout.is_object() && layout.contains("nodes") && layout["nodes"].is_object()) {
    json& ln = layout["nodes"];
    json xy = json::array();
    size_t last = 0;
    for (size_t i = 0; i < d.nodes.size(); ++i) {
      auto it = ln.find(d.nodes[i].id);
      if (it != ln.end() && it->is_object() && it->size() == 2 && it->contains("x") && it->contains("y") &&
          (*it)["x"].is_number() && (*it)["y"].is_number()) {
        xy.push_back(json::array({(*it)["x"], (*it)["y"]}));
        ln.erase(it);
        last = xy.size();
      } else {
        xy.push_back(nullptr);
      }
    }
    xy.erase(xy.begin() + static_cast<std::ptrdiff_t>(last), xy.end());
    if (!xy.empty()) {
      if (ln.empty()) layout.erase("nodes");
      out["xy"] = std::move(xy);
    }
  }
  json r = {{"seed", run.seed}, {"speed", run.speed}, {"t_s", run.t_s}, {"playing", run.playing}};
  if (!run.faults.empty()) {
    r["faults"] = json::array();
    for (const auto& f : run.faults) r["faults"].push_back(fault_to_json(f));
  }
  out["doc"] = std::move(doc);
  out["run"] = std::move(r);
  return out;
}

std::string encode_share_fragment(const Document& d, const RunSettings& run) { return pack_share_payload(share_payload(d, run)); }

std::string pack_share_payload(const nlohmann::json& payload) {
  std::string json = payload.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return std::string(kShareVersionPrefix) + base64url_encode(raw_deflate(json));
}

ShareDecodeResult unpack_share_fragment(std::string_view f, const ShareLimits& limits) {
  try {
    if (!f.empty() && f.front() == '#') f.remove_prefix(1);
    if (f.empty())
      return fail(ShareError::Empty, "This link holds no document (nothing follows the '#').",
                  "이 링크에는 문서가 들어 있지 않습니다('#' 뒤가 비어 있습니다).");
    if (f.size() > limits.max_fragment_chars)
      return fail(ShareError::TooLong,
                  "This link is too long to open (" + size_text(f.size()) + "; links up to " +
                      size_text(limits.max_fragment_chars) + " are accepted). Share the design as a JSON file instead.",
                  "링크가 너무 길어서 열 수 없습니다(" + size_text(f.size()) + ", 최대 " +
                      size_text(limits.max_fragment_chars) + "). 대신 JSON 파일로 공유해 주세요.");
    if (f.substr(0, kShareVersionPrefix.size()) != kShareVersionPrefix) {
      // "v2." ... made by a newer cloudplay; anything else is not a cloudplay link.
      size_t i = 1;
      while (i < f.size() && i < 10 && f[i] >= '0' && f[i] <= '9') ++i;
      if (f[0] == 'v' && i > 1 && i < f.size() && f[i] == '.') {
        std::string ver(f.substr(0, i));
        return fail(ShareError::NewerVersion,
                    "This link was made by a newer version of cloudplay (format " + ver +
                        ") that this page cannot read. Reload the page to get the latest version, then open the link again.",
                    "이 링크는 더 새로운 버전의 cloudplay에서 만든 것이라(형식 " + ver +
                        ") 이 페이지에서 읽을 수 없습니다. 페이지를 새로 고쳐 최신 버전을 받은 뒤 링크를 다시 열어 주세요.");
      }
      return fail(ShareError::UnknownVersion,
                  "This is not a cloudplay share link: its part after '#' should start with \"v1.\"." +
                      std::string(kCopyAgainEn),
                  "cloudplay 공유 링크가 아닙니다. '#' 뒤의 내용은 \"v1.\"로 시작해야 합니다." + std::string(kCopyAgainKo));
    }
    std::string_view body = f.substr(kShareVersionPrefix.size());
    std::string compressed;
    size_t bad = 0;
    if (!base64url_decode(body, compressed, &bad)) {
      size_t pos = bad + kShareVersionPrefix.size() + 1;  // 1-based, counted from the first character after '#'
      std::string c = show_char(static_cast<unsigned char>(body[bad]));
      return fail(ShareError::BadCharacter,
                  "This link has been changed: it contains " + c + " at position " + std::to_string(pos) +
                      ", which a cloudplay link never contains (a chat or mail program may have altered it)." +
                      kCopyAgainEn,
                  "링크가 변경되었습니다. " + std::to_string(pos) + "번째 위치에 cloudplay 링크에 들어갈 수 없는 문자 " +
                      c + "가 있습니다(채팅 앱이나 메일 프로그램이 링크를 바꿨을 수 있습니다)." + kCopyAgainKo);
    }
    if (body.size() % 4 == 1 || compressed.empty())
      return fail(ShareError::Truncated, std::string("This link is cut off: its end is missing.") + kCopyAgainEn,
                  std::string("링크가 잘려 있습니다. 끝부분이 빠져 있습니다.") + kCopyAgainKo);

    Inflated inf = bounded_inflate(compressed, limits.max_inflated_bytes, limits.max_ratio);
    switch (inf.status) {
      case InflateStatus::Ok: break;
      case InflateStatus::Truncated:
        return fail(ShareError::Truncated,
                    std::string("This link is cut off: the document in it ends too early.") + kCopyAgainEn,
                    std::string("링크가 잘려 있습니다. 링크 안의 문서가 중간에 끊겨 있습니다.") + kCopyAgainKo);
      case InflateStatus::Corrupt:
        return fail(ShareError::Corrupt,
                    "This link is damaged or cut off: its compressed data cannot be read (" +
                        (inf.zlib_message.empty() ? std::string("invalid data") : inf.zlib_message) + ")." + kCopyAgainEn,
                    // zlib's words ("invalid stored block lengths") mean nothing to a reader of Korean.
                    std::string("링크가 손상되었거나 일부가 잘렸습니다. 링크 안의 압축된 데이터를 풀 수 없습니다.") + kCopyAgainKo);
      case InflateStatus::TooLarge:
        return fail(ShareError::TooLarge,
                    "This link unpacks to more than " + size_text(limits.max_inflated_bytes) +
                        ", more than any cloudplay document needs, so it was not opened.",
                    "이 링크는 압축을 풀면 " + size_text(limits.max_inflated_bytes) +
                        "를 넘습니다. cloudplay 문서에 필요한 크기보다 커서 열지 않았습니다.");
      case InflateStatus::RatioTooHigh:
        return fail(ShareError::RatioTooHigh,
                    "This link unpacks to over " + std::to_string(static_cast<long long>(limits.max_ratio)) +
                        " times its own size, which real documents never do (it may be a \"zip bomb\"), so it was not opened.",
                    "이 링크는 압축을 풀면 원래 크기의 " + std::to_string(static_cast<long long>(limits.max_ratio)) +
                        "배를 넘습니다. 실제 문서에서는 일어나지 않는 일이라(\"압축 폭탄\"일 수 있습니다) 열지 않았습니다.");
      case InflateStatus::NoMemory:
        return fail(ShareError::TooLarge, "There was not enough memory to unpack this link.",
                    "이 링크의 압축을 풀 메모리가 부족합니다.");
    }

    int depth = json_depth(inf.data, limits.max_json_depth);
    if (depth > limits.max_json_depth)
      return fail(ShareError::BadJson,
                  "The document in this link is nested more than " + std::to_string(limits.max_json_depth) +
                      " levels deep, which cloudplay documents never are, so it was not opened.",
                  "이 링크의 문서는 " + std::to_string(limits.max_json_depth) +
                      "단계보다 깊게 중첩되어 있습니다. cloudplay 문서에서는 일어나지 않는 일이라 열지 않았습니다.");
    nlohmann::json j = nlohmann::json::parse(inf.data, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded())
      return fail(ShareError::BadJson,
                  std::string("This link is damaged: the text inside it is not a valid document.") + kCopyAgainEn,
                  std::string("링크가 손상되었습니다. 링크 안의 내용이 올바른 문서가 아닙니다.") + kCopyAgainKo);
    auto doc_it = j.is_object() ? j.find("doc") : j.end();
    if (!j.is_object() || doc_it == j.end() || !doc_it->is_object()) {
      auto r = fail(ShareError::BadShape,
                    "This link does not hold a cloudplay document (the \"doc\" part is missing)." + std::string(kCopyAgainEn),
                    "이 링크에는 cloudplay 문서가 없습니다(\"doc\" 부분이 없습니다)." + std::string(kCopyAgainKo));
      r.document_errors.push_back({"doc", "missing: the link's JSON should be {\"doc\": {...}, \"run\": {...}}",
                                   "없습니다. 링크의 JSON은 {\"doc\": {...}, \"run\": {...}} 형태여야 합니다."});
      return r;
    }
    ShareDecodeResult r;
    unpack(j, r.document_errors);
    if (!r.document_errors.empty()) {
      r.error = ShareError::BadShape;
      r.message_en = "This link is damaged: the document in it does not fit together." + std::string(kCopyAgainEn);
      r.message_ko = "링크가 손상되었습니다. 링크 안의 문서 내용이 서로 맞지 않습니다." + std::string(kCopyAgainKo);
      return r;
    }
    doc_it = j.find("doc");
    if (auto run_it = j.find("run"); run_it != j.end()) read_run(*run_it, r.run, r.document_errors);
    // The document's own checks (against the catalog) are catalog::decode_share_fragment's.
    r.document_json = std::move(*doc_it);
    for (auto it = j.begin(); it != j.end(); ++it)
      if (it.key() != "doc" && it.key() != "run" && it.key() != "links" && it.key() != "xy") r.extra[it.key()] = std::move(it.value());
    return r;
  } catch (const std::exception& e) {
    // Not expected (every step above checks first); a message, never a crash.
    return fail(ShareError::Corrupt, std::string("This link could not be read: ") + e.what() + ".",
                std::string("링크를 읽을 수 없습니다: ") + e.what() + ".");
  }
}

}  // namespace cp::doc
