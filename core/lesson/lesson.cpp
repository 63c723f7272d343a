#include "core/lesson/lesson.h"

#include <algorithm>
#include <set>

#include "core/catalog/catalog.h"
#include "core/catalog/validate.h"
#include "core/doc/messages.h"

namespace cp::lesson {
namespace {

using json = nlohmann::json;
using doc::describe_value;
using doc::describe_value_ko;
using doc::did_you_mean;
using doc::did_you_mean_ko;
using doc::index_path;
using doc::join_path;
using doc::join_words;
using doc::quote;

constexpr size_t kMaxText = 4000;      // characters of one step's text, like a description
constexpr size_t kMaxShortText = 300;  // a title, a choice, a hint
constexpr size_t kMaxSteps = 30, kMaxHints = 10, kMaxChoices = 6;

const std::vector<std::string> kFields = {"id", "topic", "title", "steps", "palette", "hints", "fact",
                                          "goals", "hidden", "start", "solution"};

std::vector<std::string> quoted(const std::vector<std::string>& v) {
  std::vector<std::string> out;
  for (const auto& s : v) out.push_back(quote(s));
  return out;
}

struct Reader {
  std::vector<doc::Issue>& errors;
  void error(const std::string& path, std::string en, std::string ko) { errors.emplace_back(path, std::move(en), std::move(ko)); }

  // Reports fields of `o` that are not in `fields` ("what" names the object in both languages).
  void fields(const json& o, const std::string& p, const std::vector<std::string>& fields, const std::string& what_en,
              const std::string& what_ko) {
    for (auto it = o.begin(); it != o.end(); ++it)
      if (std::find(fields.begin(), fields.end(), it.key()) == fields.end())
        error(join_path(p, it.key()),
              what_en + " has no field " + quote(it.key()) + "." + did_you_mean(it.key(), fields) + " Its fields are " +
                  join_words(quoted(fields)) + ".",
              doc::with_topic(what_ko) + " " + quote(it.key()) + " 필드가 없습니다." + did_you_mean_ko(it.key(), fields) +
                  " 쓸 수 있는 필드는 " + join_words(quoted(fields), ", ") + "입니다.");
  }

  bool string_field(const json& v, const std::string& p, size_t max_chars, std::string& into) {
    if (!v.is_string() || !doc::utf8_valid(v.get_ref<const std::string&>())) {
      error(p, "expected text, got " + describe_value(v), "텍스트여야 하는데 " + describe_value_ko(v) + "입니다.");
      return false;
    }
    const std::string& s = v.get_ref<const std::string&>();
    if (doc::utf8_length(s) > max_chars) {
      error(p, "this text has " + std::to_string(doc::utf8_length(s)) + " characters; the most is " + std::to_string(max_chars),
            "이 텍스트는 " + std::to_string(doc::utf8_length(s)) + "자입니다. 최대 " + std::to_string(max_chars) + "자까지 쓸 수 있습니다.");
      return false;
    }
    into = s;
    return true;
  }

  // {"en": "...", "ko": "..."} plus `extra` fields the caller reads. One language may be
  // missing (the checker reports it); both missing is an error.
  bool text(const json& o, const std::string& p, size_t max_chars, Text& into, const std::vector<std::string>& extra = {},
            const char* what_en = "a text", const char* what_ko = "텍스트") {
    if (!o.is_object()) {
      error(p, std::string("expected ") + what_en + " as {\"en\": \"...\", \"ko\": \"...\"}, got " + describe_value(o),
            std::string(what_ko) + "는 {\"en\": \"...\", \"ko\": \"...\"} 형태여야 하는데 " + describe_value_ko(o) + "입니다.");
      return false;
    }
    std::vector<std::string> all = {"en", "ko"};
    all.insert(all.end(), extra.begin(), extra.end());
    fields(o, p, all, what_en, what_ko);
    bool ok = true;
    if (auto it = o.find("en"); it != o.end()) ok &= string_field(*it, join_path(p, "en"), max_chars, into.en);
    if (auto it = o.find("ko"); it != o.end()) ok &= string_field(*it, join_path(p, "ko"), max_chars, into.ko);
    if (ok && into.en.empty() && into.ko.empty()) {
      error(p, std::string(what_en) + " needs its English (\"en\") and Korean (\"ko\") text",
            std::string(what_ko) + "에는 영어(\"en\")와 한국어(\"ko\") 문장이 있어야 합니다.");
      ok = false;
    }
    return ok;
  }

  const json* required(const json& o, const std::string& p, const char* key, const char* expected_en, const char* expected_ko) {
    auto it = o.find(key);
    if (it == o.end()) {
      error(join_path(p, key), std::string("a lesson needs ") + quote(key) + ": " + expected_en,
            std::string("레슨에는 ") + quote(key) + " 항목이 있어야 합니다. " + expected_ko);
      return nullptr;
    }
    return &*it;
  }
};

bool valid_id(const std::string& s) {
  if (s.empty() || s.size() > doc::kMaxIdLength) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

// Loads an embedded document with the lesson's goals put in; its errors get the
// lesson's paths ("start.nodes[1]"), except the goals', which are the lesson's own.
bool load_embedded(Reader& r, const json& j, const std::string& key, const json* goals, doc::Document& into) {
  if (!j.is_object()) {
    r.error(key, std::string("expected a cloudplay document (like examples/*.json), got ") + describe_value(j),
            std::string("cloudplay 문서(examples/*.json 같은)여야 하는데 ") + describe_value_ko(j) + "입니다.");
    return false;
  }
  if (j.contains("goals")) {
    r.error(join_path(key, "goals"), "goals belong to the lesson (its \"goals\"), not to one of its documents",
            "목표는 문서가 아니라 레슨의 \"goals\" 항목에 씁니다.");
    return false;
  }
  json d = j;
  if (goals) d["goals"] = *goals;
  doc::LoadResult lr = catalog::load_document(d);
  for (auto& e : lr.errors) {
    const bool of_goals = e.path.rfind("goals", 0) == 0;
    if (of_goals && key != "start") continue;  // said once, for the start
    r.errors.emplace_back(of_goals ? e.path : e.path.empty() ? key : key + (e.path[0] == '[' ? "" : ".") + e.path, e.message, e.message_ko);
  }
  if (!lr.ok()) return false;
  into = std::move(lr.document);
  return true;
}

void read_predict(Reader& r, const json& q, const std::string& p, Step& step) {
  Predict pr;
  if (!r.text(q, p, kMaxShortText, pr.question, {"choices", "answer"}, "a predict question", "예측 질문")) return;
  const auto c = q.find("choices");
  if (c == q.end() || !c->is_array() || c->size() < 2 || c->size() > kMaxChoices) {
    r.error(join_path(p, "choices"),
            "a predict question needs a list of 2 to " + std::to_string(kMaxChoices) + " choices, got " +
                (c == q.end() ? std::string("none") : describe_value(*c)),
            "예측 질문에는 보기가 2개에서 " + std::to_string(kMaxChoices) + "개까지 배열로 있어야 하는데 " +
                (c == q.end() ? std::string("없습니다.") : describe_value_ko(*c) + "입니다."));
    return;
  }
  const auto a = q.find("answer");
  if (a == q.end() || !a->is_number_integer() || a->get<long long>() < 0 || a->get<long long>() >= static_cast<long long>(c->size())) {
    r.error(join_path(p, "answer"),
            "the answer must be the index of the right choice, 0 to " + std::to_string(c->size() - 1) + ", got " +
                (a == q.end() ? std::string("none") : describe_value(*a)),
            "\"answer\"는 정답 보기의 번호(0부터 " + std::to_string(c->size() - 1) + "까지)여야 하는데 " +
                (a == q.end() ? std::string("없습니다.") : describe_value_ko(*a) + "입니다."));
    return;
  }
  pr.answer = a->get<size_t>();
  for (size_t i = 0; i < c->size(); ++i) {
    const std::string cp = index_path(join_path(p, "choices"), i);
    Choice ch;
    if (!r.text((*c)[i], cp, kMaxShortText, ch.text, {"why"}, "a choice", "보기")) continue;
    const auto w = (*c)[i].find("why");
    if (w != (*c)[i].end()) {
      r.text(*w, join_path(cp, "why"), kMaxShortText, ch.why, {}, "an explanation", "설명");
    } else if (i != pr.answer) {
      r.error(join_path(cp, "why"), "a wrong choice needs \"why\": what the learner who picks it misunderstands",
              "오답 보기에는 \"why\" 항목이 있어야 합니다. 이 보기를 고른 학습자가 무엇을 잘못 알고 있는지 설명해 주세요.");
    }
    pr.choices.push_back(std::move(ch));
  }
  step.predict = std::move(pr);
}

// The script a design may not change (the solution's and every variant's): the start's
// settings, faults and users.
void script_errors(Reader& r, const doc::Document& start, const doc::Document& d, const std::string& p, const char* what_en,
                   const char* what_ko) {
  if (d.settings.duration_s != start.settings.duration_s || d.settings.seed != start.settings.seed)
    r.error(join_path(p, "settings"), std::string(what_en) + " must run as long and with the same seed as the start",
            doc::with_topic(what_ko) + " 시작 문서와 같은 시간 동안, 같은 시드로 실행되어야 합니다.");
  if (d.faults != start.faults)
    r.error(join_path(p, "faults"), std::string(what_en) + " must have the start's faults: they are the lesson's script, not the learner's",
            std::string(what_ko) + "의 장애(\"faults\")는 시작 문서와 같아야 합니다. 장애는 학습자가 바꾸는 것이 아니라 레슨의 각본입니다.");
  for (const auto& n : start.nodes) {
    if (n.type != "users") continue;
    const doc::NodeDoc* s = d.find_node(n.id);
    if (!s || s->type != "users" || s->params != n.params)
      r.error(join_path(p, "nodes"), std::string(what_en) + " must keep the users " + quote(n.id) + " as the start has them: the traffic is the lesson's",
              std::string(what_ko) + "에는 시작 문서의 사용자 " + doc::with_subject(quote(n.id)) + " 그대로 있어야 합니다. 트래픽은 레슨이 정합니다.");
  }
}

bool read_series_spec(Reader& r, const json& j, const std::string& p, const std::vector<doc::Document>& designs,
                      engine::SeriesSpec& into, const std::vector<std::string>& extra = {}) {
  if (!j.is_object()) {
    r.error(p, "expected a metric such as {\"metric\": \"p99_ms\", \"node\": \"users\"}, got " + describe_value(j),
            "{\"metric\": \"p99_ms\", \"node\": \"users\"} 같은 지표여야 하는데 " + describe_value_ko(j) + "입니다.");
    return false;
  }
  std::vector<std::string> fields = {"metric", "node"};
  fields.insert(fields.end(), extra.begin(), extra.end());
  r.fields(j, p, fields, "a compared metric", "비교할 지표");
  const auto m = j.find("metric");
  if (m == j.end() || !m->is_string()) {
    r.error(join_path(p, "metric"), "a compared metric needs \"metric\": a goal's metric such as \"p99_ms\", or a metric of the node's service",
            "비교할 지표에는 \"metric\"이 필요합니다. \"p99_ms\" 같은 목표 지표나 노드 서비스의 지표를 적으세요.");
    return false;
  }
  into.metric = m->get<std::string>();
  if (const auto n = j.find("node"); n != j.end()) {
    if (!n->is_string()) {
      r.error(join_path(p, "node"), "expected a node id, got " + describe_value(*n), "노드 id여야 하는데 " + describe_value_ko(*n) + "입니다.");
      return false;
    }
    into.node = n->get<std::string>();
  }
  for (size_t i = 0; i < designs.size(); ++i) {
    std::string en, ko;
    if (engine::series_plottable(designs[i], into, &en, &ko)) continue;
    r.error(p, "variant " + std::to_string(i) + ": " + en, std::to_string(i) + "번 변형: " + ko);
    return false;
  }
  return true;
}

// A step's "compare": read after the start and the solution (its variants are built on them).
void read_compare(Reader& r, const json& c, const std::string& p, const Lesson& L, const json* goals, Step& step) {
  Compare out;
  if (!r.text(c, p, kMaxShortText, out.text, {"variants", "plots", "claim"}, "a comparison", "비교")) return;
  const auto vs = c.find("variants");
  if (vs == c.end() || !vs->is_array() || vs->size() < 2 || vs->size() > engine::kMaxVariants) {
    r.error(join_path(p, "variants"),
            "a comparison needs a list of 2 to " + std::to_string(engine::kMaxVariants) + " variants, got " +
                (vs == c.end() ? std::string("none") : describe_value(*vs)),
            "비교에는 변형이 2개에서 " + std::to_string(engine::kMaxVariants) + "개까지 배열로 있어야 하는데 " +
                (vs == c.end() ? std::string("없습니다.") : describe_value_ko(*vs) + "입니다."));
    return;
  }
  bool ok = true;
  for (size_t i = 0; i < vs->size(); ++i) {
    const std::string vp = index_path(join_path(p, "variants"), i);
    const json& v = (*vs)[i];
    Variant var;
    if (!r.text(v, vp, kMaxShortText, var.label, {"design", "params"}, "a variant", "변형")) {
      ok = false;
      continue;
    }
    // The design it starts from.
    json base;
    if (const auto d = v.find("design"); d != v.end()) {
      if (d->is_string() && (*d == "start" || *d == "solution")) {
        var.design = d->get<std::string>();
      } else if (d->is_object()) {
        var.design = "";
        var.own = *d;
        doc::Document own;
        if (!load_embedded(r, *d, join_path(vp, "design"), goals, own)) {
          ok = false;
          continue;
        }
        base = doc::to_json(own);
      } else {
        r.error(join_path(vp, "design"), "a variant's design is \"start\", \"solution\" or a whole cloudplay document, got " + describe_value(*d),
                "변형의 설계는 \"start\", \"solution\" 또는 cloudplay 문서 전체여야 하는데 " + describe_value_ko(*d) + "입니다.");
        ok = false;
        continue;
      }
    }
    if (base.is_null()) base = doc::to_json(var.design == "solution" ? L.solution : L.start);
    // Param changes on named nodes.
    std::vector<std::pair<size_t, std::string>> patched;  // node index in the document -> its id
    if (const auto ps = v.find("params"); ps != v.end()) {
      if (!ps->is_object()) {
        r.error(join_path(vp, "params"), "expected {\"node id\": {\"param\": value}}, got " + describe_value(*ps),
                "{\"노드 id\": {\"파라미터\": 값}} 형태여야 하는데 " + describe_value_ko(*ps) + "입니다.");
        ok = false;
        continue;
      }
      var.params = *ps;
      std::vector<std::string> ids;
      for (const auto& n : base["nodes"]) ids.push_back(n.value("id", std::string()));
      for (auto it = ps->begin(); it != ps->end(); ++it) {
        const std::string np = join_path(join_path(vp, "params"), it.key());
        const auto at = std::find(ids.begin(), ids.end(), it.key());
        if (at == ids.end()) {
          r.error(np, "there is no node " + quote(it.key()) + " in the variant's design." + did_you_mean(it.key(), ids),
                  "변형의 설계에 " + quote(it.key()) + " 노드가 없습니다." + did_you_mean_ko(it.key(), ids));
          ok = false;
          continue;
        }
        json& node = base["nodes"][static_cast<size_t>(at - ids.begin())];
        if (node.value("type", std::string()) == "users") {
          r.error(np, "a variant may not change the users " + quote(it.key()) + ": the traffic is the same in every variant",
                  "변형은 사용자 " + doc::with_object(quote(it.key())) + " 바꿀 수 없습니다. 트래픽은 모든 변형에서 같습니다.");
          ok = false;
          continue;
        }
        if (!it->is_object()) {
          r.error(np, "expected the node's param changes as {\"param\": value}, got " + describe_value(*it),
                  "노드의 파라미터 변경은 {\"파라미터\": 값} 형태여야 하는데 " + describe_value_ko(*it) + "입니다.");
          ok = false;
          continue;
        }
        if (!node.contains("params") || !node["params"].is_object()) node["params"] = json::object();
        for (auto kv = it->begin(); kv != it->end(); ++kv) {
          if (kv->is_null()) node["params"].erase(kv.key());
          else node["params"][kv.key()] = *kv;
        }
        patched.emplace_back(static_cast<size_t>(at - ids.begin()), it.key());
      }
    }
    if (goals) base["goals"] = *goals;
    doc::LoadResult lr = catalog::load_document(base);
    for (const auto& e : lr.errors) {
      if (e.path.rfind("goals", 0) == 0) continue;  // said for the start
      std::string path = join_path(vp, "(" + e.path + ")");
      for (const auto& [index, id] : patched) {  // an error in a changed param: the variant's own path
        const std::string np = "nodes[" + std::to_string(index) + "].params";
        if (e.path.rfind(np, 0) == 0) path = join_path(join_path(vp, "params"), id) + e.path.substr(np.size());
      }
      r.errors.emplace_back(path, e.message, e.message_ko);
    }
    if (!lr.ok()) {
      ok = false;
      continue;
    }
    var.document = std::move(lr.document);
    const size_t before = r.errors.size();
    script_errors(r, L.start, var.document, vp, "a variant", "변형");
    ok &= r.errors.size() == before;
    out.variants.push_back(std::move(var));
  }
  if (!ok) return;
  const std::vector<doc::Document> designs = out.designs();
  for (size_t i = 1; i < designs.size(); ++i)
    for (size_t k = 0; k < i; ++k)
      if (engine::differences(std::vector<doc::Document>{designs[k], designs[i]}, false).empty()) {
        r.error(index_path(join_path(p, "variants"), i),
                "variant " + std::to_string(i) + " is the same design as variant " + std::to_string(k) + ": change a param or the design",
                std::to_string(i) + "번 변형이 " + std::to_string(k) + "번 변형과 같은 설계입니다. 파라미터나 설계를 바꾸세요.");
        return;
      }
  if (const auto ps = c.find("plots"); ps != c.end()) {
    if (!ps->is_array() || ps->empty() || ps->size() > engine::kMaxCompareSeries) {
      r.error(join_path(p, "plots"), "expected a list of 1 to " + std::to_string(engine::kMaxCompareSeries) + " metrics, got " + describe_value(*ps),
              "지표는 1개에서 " + std::to_string(engine::kMaxCompareSeries) + "개까지의 배열이어야 하는데 " + describe_value_ko(*ps) + "입니다.");
      return;
    }
    for (size_t i = 0; i < ps->size(); ++i) {
      engine::SeriesSpec s;
      if (read_series_spec(r, (*ps)[i], index_path(join_path(p, "plots"), i), designs, s)) out.plots.push_back(s);
    }
  }
  if (const auto cl = c.find("claim"); cl != c.end()) {
    Claim claim;
    if (read_series_spec(r, *cl, join_path(p, "claim"), designs, claim.metric, {"highest"})) {
      const auto h = cl->find("highest");
      if (h == cl->end() || !h->is_number_integer() || h->get<long long>() < 0 || h->get<long long>() >= static_cast<long long>(designs.size())) {
        r.error(join_path(join_path(p, "claim"), "highest"),
                "\"highest\" is the index of the variant whose total is the highest, 0 to " + std::to_string(designs.size() - 1) + ", got " +
                    (h == cl->end() ? std::string("none") : describe_value(*h)),
                "\"highest\"는 합계가 가장 큰 변형의 번호(0부터 " + std::to_string(designs.size() - 1) + "까지)여야 하는데 " +
                    (h == cl->end() ? std::string("없습니다.") : describe_value_ko(*h) + "입니다."));
      } else {
        claim.highest = h->get<size_t>();
        out.claim = claim;
      }
    }
  }
  step.compare = std::move(out);
}

// "Section / Row": two non-empty parts.
bool fact_source_shape(const std::string& s) {
  const size_t k = s.find(" / ");
  return k != std::string::npos && k > 0 && k + 3 < s.size();
}

}  // namespace

const std::vector<Topic>& topics() {
  static const std::vector<Topic> t = {
      {"compute-storage", "Compute and storage: EC2, EBS, instance store", "컴퓨팅과 스토리지: EC2, EBS, 인스턴스 스토어"},
      {"load-balancing", "Load balancing: ALB, NLB, health checks", "로드 밸런싱: ALB, NLB, 상태 확인"},
      {"scaling", "Auto Scaling", "Auto Scaling"},
      {"dns-edge", "DNS and the edge: Route 53, CloudFront", "DNS와 엣지: Route 53, CloudFront"},
      {"messaging", "Messaging: SQS, SNS", "메시징: SQS, SNS"},
      {"streaming", "Streaming: Kinesis, Firehose", "스트리밍: Kinesis, Firehose"},
      {"serverless", "Serverless: Lambda, API Gateway", "서버리스: Lambda, API Gateway"},
      {"databases", "Databases: RDS, Aurora, DynamoDB", "데이터베이스: RDS, Aurora, DynamoDB"},
      {"caching", "Caching: ElastiCache, DAX", "캐싱: ElastiCache, DAX"},
      {"storage", "Object storage: S3", "객체 스토리지: S3"},
      {"cost", "Reducing cost", "비용 절감"},
  };
  return t;
}

doc::FaultDoc hidden_fault_default(const doc::Document& solution) {
  doc::FaultDoc f;
  f.action = "az_down";
  f.at_s = solution.settings.duration_s / 2;
  if (!solution.regions.empty() && !solution.regions.front().azs.empty()) f.target = solution.regions.front().azs.front();
  return f;
}

LoadResult parse_lesson(const std::string& text, const std::string& expected_id) {
  LoadResult out;
  auto j = doc::parse_json_text(text, out.errors);
  if (!j) return out;
  return load_lesson(*j, expected_id);
}

LoadResult load_lesson(const json& j, const std::string& expected_id) {
  LoadResult out;
  Reader r{out.errors};
  Lesson& L = out.lesson;
  if (!j.is_object()) {
    r.error("", "a lesson is a JSON object (see docs/lesson-format.md), got " + describe_value(j),
            "레슨은 JSON 객체여야 합니다(docs/lesson-format.md 참고). 지금은 " + describe_value_ko(j) + "입니다.");
    return out;
  }
  r.fields(j, "", kFields, "a lesson", "레슨");

  if (const json* v = r.required(j, "", "id", "its file's name without .json", "파일 이름에서 .json을 뺀 값입니다.")) {
    if (r.string_field(*v, "id", doc::kMaxIdLength, L.id) && !valid_id(L.id)) {
      r.error("id", "an id is lower-case letters, digits and '-', got " + quote(L.id),
              "id에는 영문 소문자, 숫자, '-'만 쓸 수 있는데 " + quote(L.id) + "입니다.");
    } else if (!expected_id.empty() && L.id != expected_id) {
      r.error("id", "the id " + quote(L.id) + " is not the file's name " + quote(expected_id) + ": a link finds a lesson by its file",
              "id " + doc::with_topic(quote(L.id)) + " 파일 이름 " + doc::with_and(quote(expected_id)) + " 다릅니다. 링크는 파일 이름으로 레슨을 찾습니다.");
    }
  }
  if (const json* v = r.required(j, "", "topic", "an exam topic group", "시험 주제 그룹입니다.")) {
    std::vector<std::string> keys;
    for (const auto& t : topics()) keys.push_back(t.key);
    if (r.string_field(*v, "topic", 64, L.topic) && std::find(keys.begin(), keys.end(), L.topic) == keys.end())
      r.error("topic", "there is no topic " + quote(L.topic) + "." + did_you_mean(L.topic, keys) + " The topics are " +
                           join_words(quoted(keys)) + ".",
              quote(L.topic) + " 주제는 없습니다." + did_you_mean_ko(L.topic, keys) + " 주제는 " + join_words(quoted(keys), ", ") + "입니다.");
  }
  if (const json* v = r.required(j, "", "title", "{\"en\": ..., \"ko\": ...}", "{\"en\": ..., \"ko\": ...} 형태입니다."))
    r.text(*v, "title", doc::kMaxNameLength, L.title, {}, "a title", "제목");

  std::vector<std::pair<size_t, std::string>> compares;  // steps with a comparison (read after the documents)
  const json* steps_json = nullptr;
  if (const json* v = r.required(j, "", "steps", "a list of steps", "단계의 배열입니다.")) {
    steps_json = v;
    if (!v->is_array() || v->empty() || v->size() > kMaxSteps) {
      r.error("steps", "expected a list of 1 to " + std::to_string(kMaxSteps) + " steps, got " + describe_value(*v),
              "단계는 1개에서 " + std::to_string(kMaxSteps) + "개까지의 배열이어야 하는데 " + describe_value_ko(*v) + "입니다.");
    } else {
      for (size_t i = 0; i < v->size(); ++i) {
        const std::string p = index_path("steps", i);
        Step s;
        if (!r.text((*v)[i], p, kMaxText, s.text, {"predict", "compare"}, "a step", "단계")) continue;
        if (auto q = (*v)[i].find("predict"); q != (*v)[i].end()) read_predict(r, *q, join_path(p, "predict"), s);
        if (auto c = (*v)[i].find("compare"); c != (*v)[i].end()) compares.emplace_back(L.steps.size(), p);
        L.steps.push_back(std::move(s));
      }
    }
  }

  if (auto v = j.find("hints"); v != j.end()) {
    if (!v->is_array() || v->size() > kMaxHints) {
      r.error("hints", "expected a list of at most " + std::to_string(kMaxHints) + " hints, got " + describe_value(*v),
              "힌트는 최대 " + std::to_string(kMaxHints) + "개까지의 배열이어야 하는데 " + describe_value_ko(*v) + "입니다.");
    } else {
      for (size_t i = 0; i < v->size(); ++i) {
        Text t;
        if (r.text((*v)[i], index_path("hints", i), kMaxShortText, t, {}, "a hint", "힌트")) L.hints.push_back(std::move(t));
      }
    }
  }

  if (const json* v = r.required(j, "", "fact", "{\"source\": \"Section / Row\" of AWS-FACTS.md, \"en\": ..., \"ko\": ...}",
                                 "{\"source\": AWS-FACTS.md의 \"Section / Row\", \"en\": ..., \"ko\": ...} 형태입니다.")) {
    if (r.text(*v, "fact", kMaxText, L.fact.text, {"source"}, "a fact", "사실")) {
      auto s = v->find("source");
      if (s == v->end()) {
        r.error("fact.source", "a fact needs its source: \"Section / Row\" of AWS-FACTS.md, such as \"ELB / NLB cross-zone\"",
                "사실에는 출처(\"source\")가 있어야 합니다. AWS-FACTS.md의 \"Section / Row\" 형태로 씁니다(예: \"ELB / NLB cross-zone\").");
      } else if (r.string_field(*s, "fact.source", 200, L.fact.source) && !fact_source_shape(L.fact.source)) {
        r.error("fact.source", "a source is \"Section / Row\" of AWS-FACTS.md, such as \"ELB / NLB cross-zone\", got " + quote(L.fact.source),
                "출처는 AWS-FACTS.md의 \"Section / Row\" 형태(예: \"ELB / NLB cross-zone\")여야 하는데 " + quote(L.fact.source) + "입니다.");
      }
    }
  }

  // The palette: service types of the catalog.
  std::vector<std::string> types;
  for (const auto* s : catalog::all_services()) types.push_back(s->type);
  if (const json* v = r.required(j, "", "palette", "the service types the learner may add", "학습자가 추가할 수 있는 서비스 유형입니다.")) {
    if (!v->is_array()) {
      r.error("palette", "expected a list of service types such as [\"alb\", \"ec2\"], got " + describe_value(*v),
              "[\"alb\", \"ec2\"] 같은 서비스 유형 배열이어야 하는데 " + describe_value_ko(*v) + "입니다.");
    } else {
      for (size_t i = 0; i < v->size(); ++i) {
        std::string t;
        if (!r.string_field((*v)[i], index_path("palette", i), 64, t)) continue;
        if (std::find(types.begin(), types.end(), t) == types.end())
          r.error(index_path("palette", i), "there is no service type " + quote(t) + "." + did_you_mean(t, types),
                  quote(t) + " 서비스 유형은 없습니다." + did_you_mean_ko(t, types));
        else
          L.palette.push_back(t);
      }
    }
  }

  const json* goals = r.required(j, "", "goals", "what the run must show (the document's goals format)",
                                 "실행 결과가 보여야 할 것(문서의 goals 형식)입니다.");
  if (goals && (!goals->is_array() || goals->empty())) {
    r.error("goals", "a lesson needs at least one goal, got " + describe_value(*goals),
            "레슨에는 목표가 하나 이상 있어야 하는데 " + describe_value_ko(*goals) + "입니다.");
    goals = nullptr;
  }
  const json* start = r.required(j, "", "start", "the architecture the learner starts from", "학습자가 시작하는 아키텍처입니다.");
  const json* solution = r.required(j, "", "solution", "a full document that passes every goal", "모든 목표를 통과하는 완전한 문서입니다.");
  const bool start_ok = start && load_embedded(r, *start, "start", goals, L.start);
  const bool solution_ok = solution && load_embedded(r, *solution, "solution", goals, L.solution);
  if (start_ok) L.goals = L.start.goals;

  if (start_ok && solution_ok) {
    // The script the learner cannot change: settings, faults and traffic.
    script_errors(r, L.start, L.solution, "solution", "the solution", "해답");
    // What the solution adds must be in the palette.
    std::set<std::string> allowed(L.palette.begin(), L.palette.end());
    for (const auto& n : L.start.nodes) allowed.insert(n.type);
    for (size_t i = 0; i < L.solution.nodes.size(); ++i)
      if (!allowed.count(L.solution.nodes[i].type))
        r.error(index_path("solution.nodes", i),
                "the solution uses " + quote(L.solution.nodes[i].type) + ", which is neither in the start nor in the palette",
                "해답이 쓰는 " + quote(L.solution.nodes[i].type) + " 유형은 시작 문서에도, 팔레트(\"palette\")에도 없습니다.");
  }

  // Side-by-side steps: their variants are built on the start or the solution.
  for (const auto& [index, p] : compares) {
    const json& c = (*steps_json)[std::stoul(p.substr(p.find('[') + 1))]["compare"];
    if (!start_ok || !solution_ok) break;
    read_compare(r, c, join_path(p, "compare"), L, goals, L.steps[index]);
  }

  // The hidden run: the solution, another seed, one more fault.
  if (solution_ok) {
    L.hidden.seed = L.solution.settings.seed + 1;
    json hidden_fault;
    if (auto h = j.find("hidden"); h != j.end()) {
      if (!h->is_object()) {
        r.error("hidden", "expected {\"seed\": ..., \"fault\": {...}}, got " + describe_value(*h),
                "{\"seed\": ..., \"fault\": {...}} 형태여야 하는데 " + describe_value_ko(*h) + "입니다.");
      } else {
        r.fields(*h, "hidden", {"seed", "fault", "en", "ko"}, "the hidden run", "숨은 실행(\"hidden\")");
        if (auto s = h->find("seed"); s != h->end()) {
          if (!s->is_number_unsigned() || s->get<uint64_t>() > doc::kMaxSeed || s->get<uint64_t>() == L.solution.settings.seed)
            r.error("hidden.seed", "the hidden seed is a whole number from 0 to 2^53, other than the document's, got " + describe_value(*s),
                    "숨은 실행의 시드는 0부터 2^53까지의 정수이고 문서의 시드와 달라야 하는데 " + describe_value_ko(*s) + "입니다.");
          else
            L.hidden.seed = s->get<uint64_t>();
        }
        if (auto f = h->find("fault"); f != h->end()) hidden_fault = *f;
        if (h->contains("en") || h->contains("ko")) r.text(*h, "hidden", kMaxShortText, L.hidden.text, {"seed", "fault"}, "the hidden run", "숨은 실행");
      }
    }
    if (hidden_fault.is_null()) {
      L.hidden.fault_derived = true;
      const doc::FaultDoc f = hidden_fault_default(L.solution);
      hidden_fault = {{"at_s", f.at_s}, {"action", f.action}, {"target", f.target}};
    }
    json hd = doc::to_json(L.solution);
    hd.erase("layout");
    hd["settings"]["seed"] = L.hidden.seed;
    if (!hd.contains("faults") || !hd["faults"].is_array()) hd["faults"] = json::array();
    const size_t fi = hd["faults"].size();
    hd["faults"].push_back(hidden_fault);
    doc::LoadResult lr = catalog::load_document(hd);
    const std::string fp = "faults[" + std::to_string(fi) + "]";
    for (const auto& e : lr.errors) {
      std::string path = e.path.rfind(fp, 0) == 0 ? "hidden.fault" + e.path.substr(fp.size()) : "hidden (" + e.path + ")";
      r.errors.emplace_back(path, e.message, e.message_ko);
    }
    if (lr.ok()) {
      L.hidden_run = std::move(lr.document);
      L.hidden.fault = L.hidden_run.faults.back();
      // The learner's design is run with this fault too: its target must be one the
      // learner starts from (a wire only the solution draws may not be in their design).
      const doc::FaultDoc& f = L.hidden.fault;
      const bool node_target = f.action == "kill_node";
      const bool wire_target = f.action == "add_latency" || f.action == "error_rate";
      if (start_ok && ((node_target && !L.start.find_node(f.target)) || (wire_target && !L.start.find_connection(f.target))))
        r.error("hidden.fault.target",
                "the hidden fault's target " + quote(f.target) + " is not in the start: a learner's design may not have it; "
                "fail a node, a wire or an AZ the start has",
                "숨은 장애의 대상 " + doc::with_topic(quote(f.target)) + " 시작 문서에 없습니다. 학습자의 설계에는 없을 수 있으니, "
                "시작 문서에 있는 노드, 연결, 가용 영역을 대상으로 하세요.");
    }
  }
  return out;
}

std::vector<engine::SeriesSpec> Compare::series() const { return plots.empty() ? engine::default_series(designs()) : plots; }

std::vector<doc::Document> Compare::designs() const {
  std::vector<doc::Document> out;
  for (const Variant& v : variants) out.push_back(v.document);
  return out;
}

doc::LoadResult hidden_run_of(const Lesson& l, const doc::Document& design) {
  doc::Document d = design;
  d.settings.seed = l.hidden.seed;
  d.faults.push_back(l.hidden.fault);
  nlohmann::json j = doc::to_json(d);
  j.erase("layout");
  doc::LoadResult r = catalog::load_document(j);
  if (!r.ok()) r.errors.insert(r.errors.begin(), doc::Issue("hidden.fault", "the hidden run could not be built from this design",
                                                            "이 설계로는 숨은 실행을 만들 수 없습니다."));
  return r;
}

}  // namespace cp::lesson
