#include "core/services/s3.h"

#include <algorithm>
#include <array>

#include "core/doc/messages.h"
#include "core/sim/detmath.h"
#include "core/sim/distribution.h"
#include "core/sim/simulation.h"

namespace cp::services {

using namespace cp::sim;
using nlohmann::json;

namespace {

constexpr double kSecondsPerMonth = 730.0 * 3600.0;
// AWS-FACTS: S3 / Request rate — at least 3,500 PUT/COPY/POST/DELETE and 5,500 GET/HEAD
// per second per partitioned prefix; above it, 503 Slow Down.
constexpr uint32_t kPutsPerPrefix = 3500, kGetsPerPrefix = 5500;
constexpr uint32_t kMaxPrefixes = 1000;
// An event notification's size (the JSON record S3 sends), about 1 KB.
constexpr uint32_t kNotificationBytes = 1024;

// One storage class: its API name (x-amz-storage-class), where it keeps data, its
// first-byte latency and its us-east-1 prices.
struct StorageClass {
  const char* key;
  catalog::Text name;
  // AWS-FACTS: S3 / First-byte latency — Standard: median tens of ms for small objects,
  // roughly 100–200 ms in the tail; Express One Zone single-digit ms. A log-normal with
  // this median and sigma (p99 = median × e^(2.33 sigma)).
  double median_first_byte_s, sigma;
  bool one_zone;     // AWS-FACTS: S3 / Durability — One Zone-IA keeps its data in one AZ
  bool archived;     // a GET needs a restore first (AWS-FACTS: S3 Glacier / Flexible Retrieval)
  // S3 pricing page, us-east-1 (AWS-FACTS: S3 / Price gives Standard's $0.023; the other
  // classes' prices are from the same page [s10], ⚠ a 2026 reading, not in AWS-FACTS).
  double usd_per_gb_month, usd_per_1000_puts, usd_per_1000_gets, usd_per_gb_retrieved;
  int min_days;      // AWS-FACTS: S3 / Minimums — billed for at least this many days
};

// p99 ≈ 150 ms at median 30 ms (sigma 0.7); Express: median 3 ms, p99 ≈ 10 ms.
const std::array<StorageClass, 8> kClasses = {{
    {"STANDARD", {"S3 Standard", "S3 Standard"}, 0.030, 0.7, false, false, 0.023, 0.005, 0.0004, 0, 0},
    {"INTELLIGENT_TIERING", {"S3 Intelligent-Tiering", "S3 Intelligent-Tiering"}, 0.030, 0.7, false, false, 0.023, 0.005, 0.0004, 0, 0},
    {"STANDARD_IA", {"S3 Standard-IA", "S3 Standard-IA"}, 0.030, 0.7, false, false, 0.0125, 0.01, 0.001, 0.01, 30},
    {"ONEZONE_IA", {"S3 One Zone-IA", "S3 One Zone-IA"}, 0.030, 0.7, true, false, 0.01, 0.01, 0.001, 0.01, 30},
    {"GLACIER_IR", {"S3 Glacier Instant Retrieval", "S3 Glacier Instant Retrieval"}, 0.030, 0.7, false, false, 0.004, 0.02, 0.01, 0.03, 90},
    {"GLACIER", {"S3 Glacier Flexible Retrieval", "S3 Glacier Flexible Retrieval"}, 0.030, 0.7, false, true, 0.0036, 0.03, 0.0004, 0.01, 90},
    {"DEEP_ARCHIVE", {"S3 Glacier Deep Archive", "S3 Glacier Deep Archive"}, 0.030, 0.7, false, true, 0.00099, 0.05, 0.0004, 0.02, 180},
    {"EXPRESS_ONEZONE", {"S3 Express One Zone", "S3 Express One Zone"}, 0.003, 0.5, true, false, 0.11, 0.00113, 0.00003, 0, 0},
}};

const StorageClass& storage_class(const std::string& key) {
  for (const StorageClass& c : kClasses)
    if (key == c.key) return c;
  return kClasses[0];
}

std::vector<std::string> class_keys() {
  std::vector<std::string> keys;
  for (const StorageClass& c : kClasses) keys.emplace_back(c.key);
  return keys;
}

std::string num(double v) { return std::to_string(static_cast<long long>(v + 0.5)); }

enum Timer : uint16_t { kServed = 1 };

class S3 final : public ModelBase<S3> {
public:
  S3(const StorageClass& c, double stored_gb, uint32_t prefixes, int zone)
      : class_(&c), stored_gb_(stored_gb), prefixes_(std::max<uint32_t>(1, prefixes)), zone_(zone),
        first_byte_(Distribution::lognormal(det_log(c.median_first_byte_s), c.sigma)),
        puts_(prefixes_, 0), gets_(prefixes_, 0) {}

  void start(Simulation& sim) override {
    gets_c_ = sim.counter(id(), "gets");
    puts_c_ = sim.counter(id(), "puts");
    slow_downs_c_ = sim.counter(id(), "slow_downs");
    notifications_c_ = sim.counter(id(), "notifications_sent");
    prefix_use_g_ = sim.gauge(id(), "busiest_prefix_use");
    if (!class_->one_zone) return;
    // The One Zone classes keep the data in one of the Region's AZs (the zone-th, 1-based).
    const Topology& t = sim.topology();
    const RegionId region = sim.info(id()).placement.region;
    int seen = 0;
    for (uint32_t i = 0; i < t.azs().size(); ++i) {
      if (t.azs()[i].region != region) continue;
      if (seen == 0 || seen < zone_) home_az_ = AzId{i};  // a zone past the Region's last AZ: its last one
      ++seen;
    }
  }

  void on_request(Simulation& sim, ReqHandle h) override {
    const Request& r = sim.request(h);
    const bool put = r.kind == RequestKind::Write;
    NodeMetrics& m = sim.metrics(id());
    if (class_->one_zone && home_az_.valid() && sim.topology().az(home_az_).down) {
      sim.respond(h, Outcome::Unreachable);  // the bucket's only AZ is out
      return;
    }
    if (!put && class_->archived) {
      if (!warned_archived_) log_archived(sim);
      sim.respond(h, Outcome::Rejected);  // 403 InvalidObjectState: restore the object first
      return;
    }
    // Keys spread over the prefixes by the object key (its item when the caller drew none).
    const uint64_t key = r.key ? r.key : r.item_id;
    const uint32_t p = static_cast<uint32_t>(mix(key) % prefixes_);
    uint32_t& used = put ? puts_[p] : gets_[p];
    if (used >= (put ? kPutsPerPrefix : kGetsPerPrefix)) {
      m.add(slow_downs_c_);
      if (!slowing_down_) log_slow_down(sim, put);
      sim.respond(h, Outcome::Throttled);  // 503 Slow Down (the SDKs retry it with backoff)
      return;
    }
    ++used;
    m.add(put ? puts_c_ : gets_c_);
    const double gb = static_cast<double>(r.size_bytes) / 1e9;
    m.cost_usd += (put ? class_->usd_per_1000_puts : class_->usd_per_1000_gets) / 1000.0 +
                  (put ? 0.0 : gb * class_->usd_per_gb_retrieved);
    if (put) notify(sim, r.lineage());
    sim.schedule_timer(id(), sim.now() + std::max<SimTime>(1, first_byte_.sample_us(sim.rng())), kServed, h.v);
  }

  void on_timer(Simulation& sim, uint16_t timer, uint64_t payload) override {
    if (timer != kServed) return;
    const bool lost_zone = class_->one_zone && home_az_.valid() && sim.topology().az(home_az_).down;
    sim.respond(ReqHandle{payload}, sim.node_up(id()) && !lost_zone ? Outcome::Ok : Outcome::Unreachable);
  }

  void on_response(Simulation& sim, ReqHandle parent, const Request&, Outcome) override {
    if (sim.alive(parent)) sim.finish_root(parent);  // a notification sent over a sync wire came back
  }

  void on_second(Simulation& sim) override {
    NodeMetrics& m = sim.metrics(id());
    m.cost_usd += stored_gb_ * class_->usd_per_gb_month / kSecondsPerMonth;
    double peak = 0;
    for (uint32_t p = 0; p < prefixes_; ++p)
      peak = std::max({peak, static_cast<double>(puts_[p]) / kPutsPerPrefix, static_cast<double>(gets_[p]) / kGetsPerPrefix});
    m.set(prefix_use_g_, peak * 100);
    const bool over = peak >= 1.0;
    if (slowing_down_ && !over) {
      slowing_down_ = false;
      sim.log(id(), LogKind::ThrottlingEnded, "S3 no longer answers 503 Slow Down: every prefix is under its request rate",
              "S3가 더 이상 503 Slow Down으로 응답하지 않습니다. 모든 접두사가 요청 한도 아래로 내려왔습니다")
          .because("prefix_rate_ok");
    }
    std::fill(puts_.begin(), puts_.end(), 0);
    std::fill(gets_.begin(), gets_.end(), 0);
  }

  StatusText status() const override {
    StatusText t{std::string(class_->name.en) + ", " + num(stored_gb_) + " GB, " + std::to_string(prefixes_) + " prefix" +
                     (prefixes_ == 1 ? "" : "es"),
                 std::string(class_->name.ko) + ", " + num(stored_gb_) + " GB, 접두사 " + std::to_string(prefixes_) + "개"};
    return t;
  }

private:
  // A key's prefix: a 64-bit mix, so neighbouring keys land on different prefixes.
  static uint64_t mix(uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return x;
  }

  // S3 event notifications: each PUT sends one event down every outgoing wire (to a
  // queue or a function), carrying the object's work item on. S3 does not wait for it.
  void notify(Simulation& sim, const Lineage& item) {
    for (ConnId c : sim.outgoing(id())) {
      const ReqHandle root = sim.begin_root(id(), item, RequestKind::Write);
      sim.call(c, root, RequestKind::Write, kNotificationBytes, item.key);
      sim.metrics(id()).add(notifications_c_);
      if (!sim.connection(c).policy.sync) sim.finish_root(root);
    }
  }

  [[gnu::noinline]] void log_slow_down(Simulation& sim, bool put) {
    slowing_down_ = true;
    const std::string limit = put ? "3,500 PUT" : "5,500 GET";
    sim.log(id(), LogKind::ThrottlingBegan,
            "S3 answers 503 Slow Down: one prefix gets more than " + limit + " requests per second. Spreading the keys "
            "over more prefixes raises the limit (" + std::to_string(prefixes_) + " now)",
            "S3가 503 Slow Down으로 응답합니다. 한 접두사에 초당 " + limit + " 요청을 넘게 보내고 있습니다. 키를 더 많은 "
            "접두사에 나누면 한도가 늘어납니다(지금 " + std::to_string(prefixes_) + "개)")
        .because("prefix_rate")
        .field("prefixes", prefixes_);
  }

  [[gnu::noinline]] void log_archived(Simulation& sim) {
    warned_archived_ = true;
    // AWS-FACTS: S3 Glacier / Flexible Retrieval and / Deep Archive restore times.
    const bool deep = std::string(class_->key) == "DEEP_ARCHIVE";
    sim.log(id(), LogKind::Warning,
            std::string("GET refused: objects in ") + class_->name.en + " must be restored before they can be read " +
                (deep ? "(Standard within 12 h, Bulk within 48 h)" : "(Expedited 1–5 min, Standard 3–5 h, Bulk 5–12 h)"),
            std::string("GET 거절: ") + class_->name.ko + "의 객체는 먼저 복원해야 읽을 수 있습니다" +
                (deep ? "(표준 12시간 이내, 대량 48시간 이내)" : "(신속 1~5분, 표준 3~5시간, 대량 5~12시간)"))
        .because("object_archived");
  }

  const StorageClass* class_;
  double stored_gb_;
  uint32_t prefixes_;
  int zone_;
  AzId home_az_;
  Distribution first_byte_;
  std::vector<uint32_t> puts_, gets_;  // this second's requests per prefix
  bool slowing_down_ = false, warned_archived_ = false;
  CounterId gets_c_, puts_c_, slow_downs_c_, notifications_c_;
  GaugeId prefix_use_g_;
};

using catalog::metric;

std::optional<catalog::Finding> one_zone_advice(const doc::Document&, const doc::NodeDoc& n) {
  const json p = catalog::with_defaults(s3_descriptor(), n.params.is_object() ? n.params : json::object());
  const StorageClass& c = storage_class(catalog::param_string(p, "storage_class"));
  if (!c.one_zone) return std::nullopt;
  return catalog::Finding{"s3-one-zone-only-copy", catalog::Severity::Info,
                          "Bucket " + n.id + " keeps its data in one Availability Zone (" + c.name.en +
                              "): while that AZ is down it cannot be read, and if the AZ is lost so is the data. Use it "
                              "for data you can re-create, or keep another copy (S3 Standard, replication).",
                          "버킷 " + doc::with_topic(n.id) + " 데이터를 한 가용 영역에만 저장합니다(" + c.name.ko +
                              "). 그 가용 영역이 중단되면 읽을 수 없고, 가용 영역을 잃으면 데이터도 잃습니다. 다시 만들 수 "
                              "있는 데이터에 쓰거나, 다른 사본(S3 Standard, 복제)을 두세요.",
                          {n.id},
                          "S3 / Durability"};
}

std::optional<catalog::Finding> archived_read_advice(const doc::Document& d, const doc::NodeDoc& n) {
  const json p = catalog::with_defaults(s3_descriptor(), n.params.is_object() ? n.params : json::object());
  const StorageClass& c = storage_class(catalog::param_string(p, "storage_class"));
  if (!c.archived) return std::nullopt;
  const bool read = std::any_of(d.connections.begin(), d.connections.end(),
                                [&](const doc::ConnectionDoc& w) { return w.to == n.id; });
  if (!read) return std::nullopt;
  return catalog::Finding{"s3-archive-read-directly", catalog::Severity::Warning,
                          "Bucket " + n.id + " is in " + c.name.en + " and is called directly: every GET is refused "
                              "until the object is restored (hours). For data read on demand choose S3 Glacier Instant "
                              "Retrieval or Standard-IA.",
                          "버킷 " + doc::with_topic(n.id) + " " + c.name.ko + "에 있는데 바로 호출됩니다. 객체를 복원하기 전(몇 "
                              "시간)까지 모든 GET이 거절됩니다. 필요할 때 바로 읽는 데이터라면 S3 Glacier Instant "
                              "Retrieval이나 Standard-IA를 고르세요.",
                          {n.id},
                          "S3 Glacier / Flexible Retrieval"};
}

catalog::ServiceDescriptor make_descriptor() {
  using catalog::ParamSpec;
  using catalog::ParamType;
  using K = MetricKind;
  using St = MetricStat;
  catalog::ServiceDescriptor d;
  d.type = "s3";
  d.category = catalog::Category::Storage;
  d.name = {"S3 bucket", "S3 버킷"};
  d.summary = {"Object storage for a Region: GETs and PUTs of whole objects, priced per GB-month and per request by "
               "storage class. A PUT can notify an SQS queue or a Lambda function.",
               "리전의 객체 스토리지입니다. 객체 전체를 GET과 PUT으로 읽고 쓰며, 스토리지 클래스에 따라 GB-월과 요청마다 "
               "요금이 붙습니다. PUT은 SQS 대기열이나 Lambda 함수에 알림을 보낼 수 있습니다."};
  d.simplifications = {
      "A call is a GET (read) or a PUT (write) of one object; its first-byte latency is drawn per storage class "
      "(Standard: median 30 ms, p99 about 150 ms; Express One Zone: median 3 ms) and the object's transfer time is not "
      "added. Request rates are counted per prefix in whole simulated seconds against fixed limits (3,500 PUT, 5,500 GET "
      "per prefix per second); real S3 also scales a busy prefix's partitions over minutes. Reads are strongly "
      "consistent, so there are no stale reads to model. The One Zone classes are unreachable while their AZ is down; "
      "archive classes refuse every GET (no restores, lifecycle rules, versioning or replication yet). Storage is "
      "billed for the data stored, without the minimum duration and object size.",
      "호출 하나는 객체 하나의 GET(읽기) 또는 PUT(쓰기)입니다. 첫 바이트 지연 시간은 스토리지 클래스별로 뽑습니다(Standard: "
      "중앙값 30밀리초, p99 약 150밀리초, Express One Zone: 중앙값 3밀리초). 객체 전송 시간은 더하지 않습니다. 요청 "
      "속도는 접두사마다 시뮬레이션 1초 단위로 세어 고정 한도(접두사당 초당 PUT 3,500건, GET 5,500건)와 비교합니다. 실제 "
      "S3는 요청이 몰리는 접두사의 파티션을 몇 분에 걸쳐 늘리기도 합니다. 읽기는 강력한 일관성을 보장하므로 오래된 데이터를 "
      "읽는 경우는 없습니다. One Zone 클래스는 그 가용 영역이 중단된 동안 접근할 수 없고, 아카이브 클래스는 모든 GET을 "
      "거절합니다(복원, 수명 주기 규칙, 버전 관리, 복제는 아직 다루지 않습니다). 스토리지 요금은 저장된 데이터 양으로만 "
      "계산하며 최소 보관 기간과 최소 객체 크기는 반영하지 않습니다."};
  d.placement = PlacementKind::Region;
  d.icon = catalog::Icon::Bucket;
  d.params = {
      ParamSpec{"storage_class", ParamType::Enum, {"Storage class", "스토리지 클래스"},
                {"Where and how the objects are kept: latency, price, and whether the data survives an AZ's loss. "
                 "STANDARD, INTELLIGENT_TIERING, STANDARD_IA and GLACIER_IR spread over at least three AZs; ONEZONE_IA "
                 "and EXPRESS_ONEZONE live in one AZ; GLACIER and DEEP_ARCHIVE must be restored before a GET.",
                 "객체를 어디에 어떻게 보관할지 정합니다. 지연 시간, 요금, 가용 영역을 잃어도 데이터가 남는지가 달라집니다. "
                 "STANDARD, INTELLIGENT_TIERING, STANDARD_IA, GLACIER_IR은 가용 영역 세 곳 이상에 나누어 저장하고, "
                 "ONEZONE_IA와 EXPRESS_ONEZONE은 가용 영역 한 곳에 저장합니다. GLACIER와 DEEP_ARCHIVE는 GET 전에 복원해야 "
                 "합니다."},
                "", 0, 0, "STANDARD", class_keys(), "S3 / Durability", 0, false, ""},
      ParamSpec{"stored_gb", ParamType::Float, {"Data stored", "저장된 데이터"},
                {"How much data the bucket holds, for the storage cost (per GB-month).",
                 "버킷에 저장된 데이터 양입니다. 스토리지 요금(GB-월당)을 계산합니다."},
                "GB", 0, 1e9, 100, {}, "S3 / Price", 0, false, ""},
      ParamSpec{"prefixes", ParamType::Int, {"Key prefixes", "키 접두사 수"},
                {"How many partitioned prefixes the object keys spread over (keys are hashed to them). Each prefix takes "
                 "3,500 PUT and 5,500 GET per second; more prefixes, more requests per second.",
                 "객체 키가 나뉘는 분할 접두사 수입니다(키를 해시해 나눕니다). 접두사마다 초당 PUT 3,500건과 GET 5,500건을 "
                 "처리하므로 접두사가 많을수록 초당 요청을 더 많이 받습니다."},
                "", 1, kMaxPrefixes, 1, {}, "S3 / Request rate", 0, false, ""},
      ParamSpec{"zone", ParamType::Int, {"Availability Zone (One Zone classes)", "가용 영역(One Zone 클래스)"},
                {"For ONEZONE_IA and EXPRESS_ONEZONE: which of the Region's AZs holds the data (1 = the first).",
                 "ONEZONE_IA와 EXPRESS_ONEZONE에서 리전의 어느 가용 영역에 데이터를 둘지 정합니다(1 = 첫 번째)."},
                "", 1, 6, 1, {}, "S3 / Durability", 0, false, ""},
  };
  // Event notifications: a PUT sends an event to a queue (a call) or a function (an event, asynchronous).
  d.source_roles = {catalog::RoleSpec{WireRole::Event, {}, {"lambda"}, nullptr},
                    catalog::RoleSpec{WireRole::Call, catalog::connection_params(), {"sqs"}, nullptr}};
  d.lint_rules = {{"s3-one-zone-only-copy", one_zone_advice}, {"s3-archive-read-directly", archived_read_advice}};
  const catalog::Text reqs{"requests", "건"};
  d.metrics = {
      metric("gets", K::Counter, St::Max, {"GET requests", "GET 요청"}, reqs,
             {"Reads of an object that got past the prefix's request rate.",
              "접두사의 요청 한도 안에서 받아들인 객체 읽기입니다."}),
      metric("puts", K::Counter, St::Max, {"PUT requests", "PUT 요청"}, reqs,
             {"Writes of an object that got past the prefix's request rate; each sends the bucket's event notifications.",
              "접두사의 요청 한도 안에서 받아들인 객체 쓰기입니다. 쓰기마다 버킷의 이벤트 알림을 보냅니다."}),
      metric("slow_downs", K::Counter, St::Max, {"503 Slow Down", "503 Slow Down 응답"}, reqs,
             {"Requests refused because one prefix got more than its rate per second: spread keys over more prefixes.",
              "한 접두사가 초당 한도보다 많은 요청을 받아 거절된 요청입니다. 키를 더 많은 접두사에 나누세요."}),
      metric("notifications_sent", K::Counter, St::Max, {"Event notifications", "이벤트 알림"}, {"events", "건"},
             {"Events the bucket sent to its queues and functions after PUTs.",
              "PUT 뒤에 버킷이 대기열과 함수에 보낸 이벤트입니다."}),
      metric("busiest_prefix_use", K::Gauge, St::Max, {"Busiest prefix's use", "가장 바쁜 접두사 사용률"}, {"%", "%"},
             {"The busiest prefix's requests last second as a share of its limit; at 100% S3 starts answering 503.",
              "가장 바쁜 접두사가 지난 1초 동안 받은 요청이 한도에서 차지하는 비율입니다. 100%에 이르면 S3가 503으로 "
              "응답하기 시작합니다."}),
  };
  // Live during a run: the request rates, what the prefix limit refused, the notifications sent.
  using Live = catalog::MetricLive;
  catalog::show_live(d, "gets", Live::Rate, {"GET", "GET"});
  catalog::show_live(d, "puts", Live::Rate, {"PUT", "PUT"});
  catalog::show_live(d, "slow_downs", Live::Value, {"503", "503"});
  catalog::show_live(d, "busiest_prefix_use", Live::Value, {"prefix use", "접두사 사용률"});
  catalog::show_live(d, "notifications_sent", Live::Value, {"events", "알림"});
  d.create = [](const catalog::BuildContext& ctx) -> std::unique_ptr<Model> {
    const auto& p = ctx.params;
    return std::make_unique<S3>(storage_class(catalog::param_string(p, "storage_class")),
                                catalog::param_number(p, "stored_gb"),
                                static_cast<uint32_t>(catalog::param_number(p, "prefixes")),
                                static_cast<int>(catalog::param_number(p, "zone")));
  };
  return d;
}

}  // namespace

const catalog::ServiceDescriptor& s3_descriptor() {
  static const catalog::ServiceDescriptor d = make_descriptor();
  return d;
}

}  // namespace cp::services
