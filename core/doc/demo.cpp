// Reading and writing a document's scripted demo (see demo.h, docs/document-format.md "demo").
#include "core/doc/demo.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <set>

#include "core/doc/document.h"
#include "core/doc/goals.h"
#include "core/doc/messages.h"

namespace cp::doc {
namespace {

using json = nlohmann::json;

const std::vector<std::string> kDemoFields = {"steps"};
const std::vector<std::string> kStepFields = {"title", "notes", "at_s", "frame", "reveal", "fault", "speed"};
const std::vector<std::string> kTextFields = {"en", "ko"};
const std::vector<std::string> kFrameFields = {"nodes", "rect"};

std::vector<std::string> quoted(const std::vector<std::string>& v) {
  std::vector<std::string> out;
  for (const auto& s : v) out.push_back(quote(s));
  return out;
}

class StepReader {
public:
  StepReader(Document& d, std::vector<Issue>& errors, const ReadFault& read_fault)
      : d_(d), errors_(errors), read_fault_(read_fault) {
    for (const auto& n : d.nodes) ids_.push_back(n.id);
  }

  void error(const std::string& path, std::string en, std::string ko) { errors_.emplace_back(path, std::move(en), std::move(ko)); }

  // Unknown fields of an object, each an error; false if any.
  bool fields(const json& o, const std::string& p, const std::vector<std::string>& known, const char* what, const char* what_ko) {
    bool ok = true;
    for (auto it = o.begin(); it != o.end(); ++it)
      if (std::find(known.begin(), known.end(), it.key()) == known.end()) {
        error(join_path(p, it.key()), quote(it.key()) + " is not a field of " + what + "." + did_you_mean(it.key(), known) +
                                          " Its fields are " + join_words(quoted(known)) + ".",
              std::string(what_ko) + "에는 " + quote(it.key()) + " 필드가 없습니다." + did_you_mean_ko(it.key(), known) +
                  " 쓸 수 있는 필드는 " + join_words(quoted(known), ", ") + "입니다.");
        ok = false;
      }
    return ok;
  }

  // {"en": "...", "ko": "..."}, both required.
  bool text(const json& v, const std::string& p, size_t max_chars, DemoText& out) {
    if (!v.is_object()) {
      error(p, "expected a text in both languages such as {\"en\": \"The design\", \"ko\": \"설계\"}, got " + describe_value(v),
            "{\"en\": \"The design\", \"ko\": \"설계\"}처럼 두 언어로 쓴 텍스트여야 하는데 " + describe_value_ko(v) + "입니다.");
      return false;
    }
    bool ok = fields(v, p, kTextFields, "a text", "텍스트");
    for (const char* lang : {"en", "ko"}) {
      auto it = v.find(lang);
      const std::string lp = join_path(p, lang);
      if (it == v.end()) {
        error(p, std::string("needs \"") + lang + "\": every text of a demo is written in English and Korean.",
              std::string("\"") + lang + "\" 필드가 필요합니다. 데모의 모든 텍스트는 영어와 한국어로 씁니다.");
        ok = false;
        continue;
      }
      if (!it->is_string() || it->get_ref<const std::string&>().empty() || !utf8_valid(it->get_ref<const std::string&>())) {
        error(lp, "expected a text that is not empty, got " + describe_value(*it),
              "비어 있지 않은 텍스트여야 하는데 " + describe_value_ko(*it) + "입니다.");
        ok = false;
        continue;
      }
      const std::string& s = it->get_ref<const std::string&>();
      if (utf8_length(s) > max_chars) {
        error(lp, "is " + std::to_string(utf8_length(s)) + " characters long; the most is " + std::to_string(max_chars) + ".",
              "길이가 " + std::to_string(utf8_length(s)) + "자입니다. 최대 " + std::to_string(max_chars) + "자까지 쓸 수 있습니다.");
        ok = false;
        continue;
      }
      (std::string(lang) == "en" ? out.en : out.ko) = s;
    }
    return ok;
  }

  // A list of node ids of this document.
  bool node_list(const json& v, const std::string& p, std::vector<std::string>& out) {
    if (!v.is_array() || v.empty()) {
      error(p, "expected a list of node ids such as [\"web\", \"db\"], got " + describe_value(v),
            "[\"web\", \"db\"] 같은 노드 ID 목록이어야 하는데 " + describe_value_ko(v) + "입니다.");
      return false;
    }
    bool ok = true;
    for (size_t i = 0; i < v.size(); ++i) {
      const std::string ip = index_path(p, i);
      if (!v[i].is_string()) {
        error(ip, "expected a node id, got " + describe_value(v[i]), "노드 ID여야 하는데 " + describe_value_ko(v[i]) + "입니다.");
        ok = false;
        continue;
      }
      const std::string id = v[i].get<std::string>();
      if (!d_.find_node(id)) {
        error(ip, "there is no node with id " + quote(id) + "." + did_you_mean(id, ids_),
              "ID가 " + quote(id) + "인 노드가 없습니다." + did_you_mean_ko(id, ids_));
        ok = false;
        continue;
      }
      out.push_back(id);
    }
    return ok;
  }

  bool frame(const json& v, const std::string& p, DemoStep& s) {
    if (!v.is_object() || v.size() != 1 || !(v.contains("nodes") || v.contains("rect"))) {
      if (v.is_object() && !fields(v, p, kFrameFields, "a frame", "프레임")) return false;
      error(p, "expected a frame: {\"nodes\": [\"web\", \"db\"]} (the camera shows these nodes) or {\"rect\": [x, y, w, h]} "
               "(canvas units), one of the two, got " + describe_value(v),
            "{\"nodes\": [\"web\", \"db\"]}(이 노드들을 보여 줌)나 {\"rect\": [x, y, w, h]}(캔버스 단위) 중 하나인 프레임이어야 "
            "하는데 " + describe_value_ko(v) + "입니다.");
      return false;
    }
    if (v.contains("nodes")) return node_list(v["nodes"], join_path(p, "nodes"), s.frame_nodes);
    const json& r = v["rect"];
    const std::string rp = join_path(p, "rect");
    bool numbers = r.is_array() && r.size() == 4;
    for (size_t i = 0; numbers && i < 4; ++i) numbers = r[i].is_number() && std::isfinite(r[i].get<double>());
    if (!numbers) {
      error(rp, "expected four numbers [x, y, w, h] (the rectangle's corner, width and height in canvas units), got " +
                    describe_value(r),
            "네 숫자 [x, y, w, h](사각형의 모서리, 너비와 높이, 캔버스 단위)여야 하는데 " + describe_value_ko(r) + "입니다.");
      return false;
    }
    DemoRect rect{r[0].get<double>(), r[1].get<double>(), r[2].get<double>(), r[3].get<double>()};
    if (rect.w <= 0 || rect.h <= 0) {
      error(rp, "the rectangle's width and height must be more than 0, got " + format_number(rect.w) + " × " +
                    format_number(rect.h) + ".",
            "사각형의 너비와 높이는 0보다 커야 하는데 " + format_number(rect.w) + " × " + format_number(rect.h) + "입니다.");
      return false;
    }
    s.frame_rect = rect;
    return true;
  }

  void step(const json& v, const std::string& p, double& previous) {
    if (!v.is_object()) {
      error(p, "expected a step such as {\"title\": {\"en\": \"…\", \"ko\": \"…\"}, \"at_s\": 60}, got " + describe_value(v),
            "{\"title\": {\"en\": \"…\", \"ko\": \"…\"}, \"at_s\": 60} 같은 단계여야 하는데 " + describe_value_ko(v) + "입니다.");
      return;
    }
    DemoStep s;
    bool ok = fields(v, p, kStepFields, "a demo step", "데모 단계");
    if (auto t = v.find("title"); t == v.end()) {
      error(p, "a step needs \"title\": {\"en\": \"…\", \"ko\": \"…\"}.", "단계에는 \"title\"이 필요합니다: {\"en\": \"…\", \"ko\": \"…\"}.");
      ok = false;
    } else {
      ok = text(*t, join_path(p, "title"), kMaxDemoTitleLength, s.title) && ok;
    }
    if (auto n = v.find("notes"); n != v.end()) ok = text(*n, join_path(p, "notes"), kMaxDemoNotesLength, s.notes) && ok;

    const double duration = d_.settings.duration_s;
    bool time_ok = false;
    if (auto a = v.find("at_s"); a == v.end()) {
      error(p, "a step needs \"at_s\": the moment of the run it shows, in seconds (60) or as \"1:00\".",
            "단계에는 \"at_s\"가 필요합니다. 단계가 보여 줄 실행 시각을 초(60)나 \"1:00\"으로 적으세요.");
    } else {
      std::string why_en, why_ko;
      const std::optional<double> t = read_moment(*a, why_en, why_ko);
      const std::string ap = join_path(p, "at_s");
      if (!t) {
        error(ap, why_en, why_ko);
      } else if (*t < 0 || *t > duration) {
        error(ap, clock_text(*t) + " is outside the run (0:00 to " + clock_text(duration) + ", settings.duration_s).",
              clock_text(*t) + "는 실행 구간(0:00~" + clock_text(duration) + ", settings.duration_s) 밖입니다.");
      } else if (*t < previous) {
        error(ap, "the steps are listed in time order, and this one (" + clock_text(*t) + ") comes before the step above it (" +
                      clock_text(previous) + ").",
              "단계는 시간 순서로 적어야 하는데, 이 단계(" + clock_text(*t) + ")가 바로 위 단계(" + clock_text(previous) +
                  ")보다 이릅니다.");
      } else {
        s.at_s = *t;
        time_ok = true;
      }
    }
    if (!time_ok) ok = false;

    if (auto f = v.find("frame"); f != v.end()) ok = frame(*f, join_path(p, "frame"), s) && ok;
    if (auto r = v.find("reveal"); r != v.end()) ok = node_list(*r, join_path(p, "reveal"), s.reveal) && ok;

    if (auto sp = v.find("speed"); sp != v.end()) {
      const std::string spp = join_path(p, "speed");
      if (!sp->is_number() || !std::isfinite(sp->get<double>())) {
        error(spp, "expected a speed (simulated seconds per second, such as 4), got " + describe_value(*sp),
              "속도(실제 1초에 흐르는 시뮬레이션 초, 예: 4)여야 하는데 " + describe_value_ko(*sp) + "입니다.");
        ok = false;
      } else if (sp->get<double>() < kMinRunSpeed || sp->get<double>() > kMaxRunSpeed) {
        error(spp, "the speed is from " + format_number(kMinRunSpeed) + "× to " + format_number(kMaxRunSpeed) + "×, got " +
                       format_number(sp->get<double>()) + "×.",
              "속도는 " + format_number(kMinRunSpeed) + "×에서 " + format_number(kMaxRunSpeed) + "× 사이여야 하는데 " +
                  format_number(sp->get<double>()) + "×입니다.");
        ok = false;
      } else {
        s.speed = sp->get<double>();
      }
    }

    if (auto f = v.find("fault"); f != v.end()) {
      const std::string fp = join_path(p, "fault");
      if (!f->is_object()) {
        error(fp, "expected a fault such as {\"action\": \"kill_node\", \"target\": \"web\"}, got " + describe_value(*f),
              "{\"action\": \"kill_node\", \"target\": \"web\"} 같은 장애여야 하는데 " + describe_value_ko(*f) + "입니다.");
        ok = false;
      } else {
        // It happens at the step's moment unless it says when; never before the step above
        // (that step would already show it).
        json with_time = *f;
        std::optional<double> fault_at;
        if (auto a = f->find("at_s"); a != f->end()) {
          std::string why_en, why_ko;
          fault_at = read_moment(*a, why_en, why_ko);
          if (fault_at) with_time["at_s"] = *fault_at;  // "m:ss" as seconds for the fault reader
        } else if (time_ok) {
          with_time["at_s"] = s.at_s;
        }
        std::optional<FaultDoc> fd = read_fault_(with_time, fp);
        if (!fd) {
          ok = false;
        } else if (fd->at_s < previous) {
          error(join_path(fp, "at_s"), "the fault happens at " + clock_text(fd->at_s) + ", before the step above this one (" +
                                           clock_text(previous) + "), which would already show it.",
                "장애가 " + clock_text(fd->at_s) + "에 일어나는데, 이는 바로 위 단계(" + clock_text(previous) +
                    ")보다 이르므로 그 단계에서 이미 보입니다.");
          ok = false;
        } else {
          s.fault = *fd;
        }
      }
    }
    if (time_ok) previous = s.at_s;
    if (ok) d_.demo.steps.push_back(std::move(s));
  }

private:
  Document& d_;
  std::vector<Issue>& errors_;
  const ReadFault& read_fault_;
  std::vector<std::string> ids_;
};

}  // namespace

std::vector<std::string> Demo::hidden_at(size_t index) const {
  std::set<std::string> shown;
  for (size_t i = 0; i <= index && i < steps.size(); ++i) shown.insert(steps[i].reveal.begin(), steps[i].reveal.end());
  std::vector<std::string> out;
  for (size_t i = index + 1; i < steps.size(); ++i)
    for (const std::string& id : steps[i].reveal)
      if (!shown.count(id) && std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
  return out;
}

std::vector<FaultDoc> Demo::faults() const {
  std::vector<FaultDoc> out;
  for (const DemoStep& s : steps)
    if (s.fault) out.push_back(*s.fault);
  std::stable_sort(out.begin(), out.end(), [](const FaultDoc& a, const FaultDoc& b) { return a.at_s < b.at_s; });
  return out;
}

void read_demo(const json& j, Document& d, std::vector<Issue>& errors, const ReadFault& read_fault) {
  auto it = j.find("demo");
  if (it == j.end()) return;
  StepReader r(d, errors, read_fault);
  const std::string p = "demo";
  if (!it->is_object()) {
    r.error(p, "expected an object such as {\"steps\": [{\"title\": {\"en\": \"…\", \"ko\": \"…\"}, \"at_s\": 0}]}, got " +
                   describe_value(*it),
            "{\"steps\": [{\"title\": {\"en\": \"…\", \"ko\": \"…\"}, \"at_s\": 0}]} 같은 객체여야 하는데 " +
                describe_value_ko(*it) + "입니다.");
    return;
  }
  r.fields(*it, p, kDemoFields, "a demo", "데모");
  auto steps = it->find("steps");
  const std::string sp = "demo.steps";
  if (steps == it->end() || !steps->is_array() || steps->empty()) {
    r.error(steps == it->end() ? p : sp,
            "a demo needs \"steps\": a list of at least one step such as {\"title\": {\"en\": \"…\", \"ko\": \"…\"}, \"at_s\": 0}" +
                std::string(steps == it->end() ? "." : ", got " + describe_value(*steps)),
            "데모에는 \"steps\"가 필요합니다. {\"title\": {\"en\": \"…\", \"ko\": \"…\"}, \"at_s\": 0} 같은 단계를 하나 이상 "
            "담은 배열이어야 합니다" + std::string(steps == it->end() ? "." : "(지금은 " + describe_value_ko(*steps) + ")."));
    return;
  }
  if (steps->size() > kMaxDemoSteps) {
    r.error(sp, "has " + std::to_string(steps->size()) + " steps; a demo has at most " + std::to_string(kMaxDemoSteps) + ".",
            "단계가 " + std::to_string(steps->size()) + "개입니다. 데모에는 단계를 최대 " + std::to_string(kMaxDemoSteps) +
                "개까지 둘 수 있습니다.");
    return;
  }
  double previous = 0;
  for (size_t i = 0; i < steps->size(); ++i) r.step((*steps)[i], index_path(sp, i), previous);
}

json demo_to_json(const Demo& demo) {
  auto number = [](double v) {
    return std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 9007199254740992.0 ? json(static_cast<int64_t>(v)) : json(v);
  };
  json steps = json::array();
  for (const DemoStep& s : demo.steps) {
    json e = json::object();
    e["title"] = {{"en", s.title.en}, {"ko", s.title.ko}};
    if (!s.notes.en.empty() || !s.notes.ko.empty()) e["notes"] = {{"en", s.notes.en}, {"ko", s.notes.ko}};
    e["at_s"] = number(s.at_s);
    if (!s.frame_nodes.empty()) e["frame"] = {{"nodes", s.frame_nodes}};
    else if (s.frame_rect)
      e["frame"] = {{"rect", {number(s.frame_rect->x), number(s.frame_rect->y), number(s.frame_rect->w), number(s.frame_rect->h)}}};
    if (!s.reveal.empty()) e["reveal"] = s.reveal;
    if (s.fault) {
      json f = json::object();
      if (s.fault->at_s != s.at_s) f["at_s"] = number(s.fault->at_s);
      f["action"] = s.fault->action;
      f["target"] = s.fault->target;
      if (s.fault->until_s) f["until_s"] = number(*s.fault->until_s);
      if (s.fault->value != 0) f["value"] = number(s.fault->value);
      e["fault"] = std::move(f);
    }
    if (s.speed) e["speed"] = number(*s.speed);
    steps.push_back(std::move(e));
  }
  return json{{"steps", std::move(steps)}};
}

PresentLink parse_present_link(const std::string& fragment) {
  PresentLink out;
  std::string rest;
  size_t i = 0;
  while (i <= fragment.size()) {
    size_t j = fragment.find('&', i);
    if (j == std::string::npos) j = fragment.size();
    const std::string part = fragment.substr(i, j - i);
    i = j + 1;
    if (part == "present=1") out.present = true;
    else if (part == "audience=1") out.audience = true;
    else if (part.rfind("step=", 0) == 0) {
      const std::string n = part.substr(5);
      if (!n.empty() && n.size() <= 4 && n.find_first_not_of("0123456789") == std::string::npos)
        out.step = std::max(1, std::atoi(n.c_str()));
    } else if (!part.empty()) {
      if (part.rfind("example=", 0) == 0) out.example = part.substr(8);
      rest += (rest.empty() ? "" : "&") + part;
    }
  }
  out.rest = rest;
  // A file name, never a path: "example=../x" opens nothing.
  if (out.example.find('/') != std::string::npos || out.example.find('\\') != std::string::npos ||
      out.example.find("..") != std::string::npos)
    out.example.clear();
  return out;
}

std::string present_link_params(int step, bool audience) {
  return "present=1&step=" + std::to_string(std::max(1, step)) + (audience ? "&audience=1" : "");
}

}  // namespace cp::doc
