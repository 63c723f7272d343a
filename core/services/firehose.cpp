#include "core/services/firehose.h"

#include <algorithm>
#include <vector>

#include "core/doc/messages.h"
#include "core/sim/simulation.h"

namespace cp::services {

using namespace cp::sim;
using nlohmann::json;

namespace {

// AWS-FACTS: Data Firehose / Direct PUT quota — us-east-1: 2,000 requests/s and 5 MiB/s per stream.
constexpr uint32_t kPutRequestsPerS = 2000;
constexpr uint64_t kPutBytesPerS = 5ull << 20;
// AWS-FACTS: Data Firehose / Record size — at most 1,000 KiB.
constexpr uint32_t kMaxRecordBytes = 1000 * 1024;
// AWS-FACTS: Data Firehose / S3 failure — retried for up to 24 h, then the data is lost.
constexpr SimTime kS3RetryPeriod = 24 * 3600 * kSecond;
// ⚠ not in AWS-FACTS: the wait between delivery attempts (AWS does not document one; simplified).
constexpr SimTime kRetryWait = 10 * kSecond;

enum Timer : uint16_t { kFlush = 1, kRetry = 2 };

struct Delivery {
  Lineage batch;           // the records as one object (merged: the oldest one's identity, sizes added)
  uint64_t records = 0;
  SimTime first_try = 0;
  bool used = false;
};

class Stream final : public ModelBase<Stream> {
public:
  Stream(uint64_t buffer_bytes, SimTime interval, SimTime retry_period_other)
      : buffer_bytes_(buffer_bytes), interval_(interval), retry_other_(retry_period_other) {}

  void start(Simulation& sim) override {
    incoming_c_ = sim.counter(id(), "incoming_records");
    throttled_c_ = sim.counter(id(), "throttled_records");
    delivered_c_ = sim.counter(id(), "delivered_records");
    objects_c_ = sim.counter(id(), "deliveries");
    failed_c_ = sim.counter(id(), "delivery_failures");
    lost_c_ = sim.counter(id(), "lost_records");
    buffered_g_ = sim.gauge(id(), "buffered_kib");
    freshness_g_ = sim.gauge(id(), "data_freshness_s");
    dest_ = ConnId{};
    retry_period_ = retry_other_;
    for (ConnId c : sim.outgoing(id())) {
      dest_ = c;  // validation allows one destination
      if (sim.info(sim.connection(c).to).type == "s3") retry_period_ = kS3RetryPeriod;
    }
  }

  void on_request(Simulation& sim, ReqHandle h) override {
    const Request& r = sim.request(h);
    NodeMetrics& m = sim.metrics(id());
    ++b_.received;
    if (r.size_bytes > kMaxRecordBytes) {
      ++b_.rejected;
      if (!warned_size_) log_too_large(sim, r.size_bytes);
      sim.respond(h, Outcome::Rejected);  // InvalidArgumentException: not retried
      return;
    }
    const int64_t second = sim.now() / kSecond;
    if (second != window_) window_ = second, requests_this_s_ = 0, bytes_this_s_ = 0;
    if (requests_this_s_ >= kPutRequestsPerS || bytes_this_s_ + r.size_bytes > kPutBytesPerS) {
      ++b_.throttled;
      m.add(throttled_c_);
      if (!throttling_) log_throttling(sim);
      sim.respond(h, Outcome::Throttled);  // ServiceUnavailableException: the producer backs off and retries
      return;
    }
    ++requests_this_s_;
    bytes_this_s_ += r.size_bytes;
    m.add(incoming_c_);
    const Lineage item = r.lineage();
    sim.respond(h, Outcome::Ok);
    if (buffer_records_ == 0) buffer_since_ = sim.now();
    buffer_.merge(item);
    ++buffer_records_;
    ++b_.buffered;
    buffer_size_ += item.size;
    if (buffer_size_ >= buffer_bytes_ || interval_ == 0) flush(sim);
    else flush_at_.set(sim, id(), buffer_since_ + interval_, kFlush);
  }

  void on_timer(Simulation& sim, uint16_t timer, uint64_t payload) override {
    if (timer == kFlush) return flush(sim);
    if (timer == kRetry && payload < deliveries_.size() && deliveries_[payload].used) send(sim, static_cast<uint32_t>(payload));
  }

  void on_response(Simulation& sim, ReqHandle parent, const Request& child, Outcome o) override {
    if (sim.alive(parent)) sim.finish_root(parent);
    const uint32_t slot = child.tag;
    if (slot >= deliveries_.size() || !deliveries_[slot].used) return;
    Delivery& d = deliveries_[slot];
    NodeMetrics& m = sim.metrics(id());
    if (o == Outcome::Ok) {
      b_.delivering -= d.records;
      b_.delivered += d.records;
      ++b_.objects;
      m.add(delivered_c_, static_cast<double>(d.records));
      m.add(objects_c_);
      release(slot);
      return;
    }
    m.add(failed_c_);
    if (sim.now() + kRetryWait - d.first_try > retry_period_) return lose(sim, slot);
    sim.schedule_timer(id(), sim.now() + kRetryWait, kRetry, slot);
  }

  void on_second(Simulation& sim) override {
    NodeMetrics& m = sim.metrics(id());
    m.set(buffered_g_, static_cast<double>(buffer_size_) / 1024);
    // The age of the oldest record not yet delivered (DeliveryToS3.DataFreshness).
    SimTime oldest = buffer_records_ ? buffer_.first_sent_at : kNever;
    for (const Delivery& d : deliveries_)
      if (d.used) oldest = std::min(oldest, d.batch.first_sent_at);
    m.set(freshness_g_, oldest == kNever ? 0.0 : to_seconds(sim.now() - oldest));
    if (throttling_ && window_ < sim.now() / kSecond - 1) {
      throttling_ = false;
      sim.log(id(), LogKind::ThrottlingEnded, "Firehose accepts every record again: under 2,000 requests and 5 MiB a second",
              "Firehose가 다시 모든 레코드를 받습니다. 초당 요청 2,000건, 5MiB 아래입니다")
          .because("firehose_throughput_ok");
    }
  }

  StatusText status() const override {
    const std::string n = std::to_string(buffer_records_), o = std::to_string(b_.objects);
    return {n + " records buffered, " + o + " objects delivered", "버퍼에 레코드 " + n + "건, 전송한 객체 " + o + "개"};
  }

  std::optional<MessageBalance> message_balance() const override { return b_.terms(); }
  const FirehoseBalance& balance() const { return b_; }

private:
  void flush(Simulation& sim) {
    flush_at_.cancel(sim);
    if (buffer_records_ == 0) return;
    uint32_t slot;
    if (!free_.empty()) {
      slot = free_.back();
      free_.pop_back();
    } else {
      slot = static_cast<uint32_t>(deliveries_.size());
      deliveries_.emplace_back();
    }
    // Each object gets a key of its own (AWS names them by time): they spread over the bucket's prefixes.
    buffer_.key = ++objects_named_;
    deliveries_[slot] = Delivery{buffer_, buffer_records_, sim.now(), true};
    b_.buffered -= buffer_records_;
    b_.delivering += buffer_records_;
    buffer_ = Lineage{};
    buffer_records_ = 0;
    buffer_size_ = 0;
    send(sim, slot);
  }

  void send(Simulation& sim, uint32_t slot) {
    const Delivery& d = deliveries_[slot];
    if (!dest_.valid()) {  // no destination drawn (lint says so): the records wait, then are lost
      if (sim.now() + kRetryWait - d.first_try > retry_period_) return lose(sim, slot);
      sim.schedule_timer(id(), sim.now() + kRetryWait, kRetry, slot);
      return;
    }
    const ReqHandle root = sim.begin_root(id(), d.batch, RequestKind::Write);
    sim.call(dest_, root, RequestKind::Write, d.batch.size, d.batch.key, slot);
  }

  // The retry period is over: the delivery's records are gone.
  void lose(Simulation& sim, uint32_t slot) {
    const Delivery& d = deliveries_[slot];
    b_.delivering -= d.records;
    b_.lost += d.records;
    sim.metrics(id()).add(lost_c_, static_cast<double>(d.records));
    if (!logged_loss_) log_loss(sim);
    release(slot);
  }

  void release(uint32_t slot) {
    deliveries_[slot].used = false;
    free_.push_back(slot);
  }

  [[gnu::noinline]] void log_too_large(Simulation& sim, uint64_t bytes) {
    warned_size_ = true;
    const std::string size = doc::format_number(static_cast<double>(bytes) / 1024) + " KiB";
    sim.log(id(), LogKind::Warning, "A record of " + size + " was refused: a Firehose record holds at most 1,000 KiB",
            size + " 레코드가 거절되었습니다. Firehose 레코드 하나는 최대 1,000KiB입니다")
        .because("record_too_large");
  }

  [[gnu::noinline]] void log_throttling(Simulation& sim) {
    throttling_ = true;
    sim.log(id(), LogKind::ThrottlingBegan,
            "Firehose throttles: the stream gets more than 2,000 PutRecord requests or 5 MiB a second (its Direct PUT "
            "quota in us-east-1). PutRecordBatch sends up to 500 records in one request",
            "Firehose가 스로틀링합니다. 스트림이 초당 PutRecord 요청 2,000건 또는 5MiB보다 많이 받고 있습니다"
            "(us-east-1의 Direct PUT 할당량). PutRecordBatch를 쓰면 요청 하나에 레코드를 500건까지 보낼 수 있습니다")
        .because("firehose_throughput");
  }

  [[gnu::noinline]] void log_loss(Simulation& sim) {
    logged_loss_ = true;
    const std::string h = doc::format_number(to_seconds(retry_period_) / 3600);
    sim.log(id(), LogKind::Warning,
            "Firehose gave up a delivery after retrying it for " + h + " h: its records are lost",
            "Firehose가 " + h + "시간 동안 재시도한 전송을 포기했습니다. 그 레코드는 유실되었습니다")
        .because("delivery_retry_expired");
  }

  uint64_t buffer_bytes_;
  SimTime interval_, retry_other_, retry_period_ = 0;
  ConnId dest_;
  Lineage buffer_;
  uint64_t buffer_records_ = 0, buffer_size_ = 0, objects_named_ = 0;
  SimTime buffer_since_ = 0;
  WakeUp flush_at_;
  std::vector<Delivery> deliveries_;
  std::vector<uint32_t> free_;
  int64_t window_ = -1;
  uint32_t requests_this_s_ = 0;
  uint64_t bytes_this_s_ = 0;
  FirehoseBalance b_;
  bool throttling_ = false, warned_size_ = false, logged_loss_ = false;
  CounterId incoming_c_, throttled_c_, delivered_c_, objects_c_, failed_c_, lost_c_;
  GaugeId buffered_g_, freshness_g_;
};

using catalog::metric;

// One destination per stream, as in AWS.
std::optional<catalog::Refusal> one_destination(const doc::Document* d, const doc::NodeDoc& from, const doc::NodeDoc& to) {
  if (!d || from.type != "firehose") return std::nullopt;
  for (const doc::ConnectionDoc& c : d->connections)
    if (c.from == from.id && c.to != to.id)
      return catalog::Refusal{"Firehose stream " + doc::quote(from.id) + " already delivers to " + doc::quote(c.to) +
                                  ": a stream has one destination. Draw a second stream for a second destination.",
                              "Firehose 스트림 " + doc::with_topic(doc::quote(from.id)) + " 이미 " +
                                  doc::with_direction(doc::quote(c.to)) + " 전송합니다. 스트림 하나에는 대상이 하나뿐입니다. 대상이 더 필요하면 스트림을 하나 더 만드세요."};
  return std::nullopt;
}

std::optional<catalog::Finding> no_destination(const doc::Document& d, const doc::NodeDoc& n) {
  for (const doc::ConnectionDoc& c : d.connections)
    if (c.from == n.id) return std::nullopt;
  return catalog::Finding{"firehose-no-destination", catalog::Severity::Warning,
                          "Firehose stream " + n.id + " has no destination: draw a wire from it to an S3 bucket (or an "
                              "HTTP endpoint). Until then its records are buffered and then lost.",
                          "Firehose 스트림 " + doc::with_topic(n.id) + " 전송 대상이 없습니다. 스트림에서 S3 버킷(또는 HTTP "
                              "엔드포인트)으로 연결선을 그리세요. 그때까지 레코드는 버퍼에 쌓였다가 유실됩니다.",
                          {n.id},
                          ""};
}

catalog::ServiceDescriptor make_descriptor() {
  using catalog::ParamSpec;
  using catalog::ParamType;
  using K = MetricKind;
  catalog::ServiceDescriptor d;
  d.type = "firehose";
  d.category = catalog::Category::Messaging;
  d.name = {"Data Firehose stream", "Data Firehose 스트림"};
  d.summary = {"Buffers the records it is sent and delivers them to S3 (or an HTTP endpoint) in batches, when the buffer is "
               "full or its interval has passed: near-real-time, not real-time.",
               "받은 레코드를 버퍼에 모았다가 버퍼가 차거나 버퍼 간격이 지나면 S3(또는 HTTP 엔드포인트)로 한꺼번에 "
               "전송합니다. 실시간이 아니라 준실시간입니다."};
  d.simplifications = {
      "Direct PUT only (no Kinesis stream as source), no transformation by Lambda, no format conversion, no dynamic "
      "partitioning, no compression: an object is the records' bytes. The quota counts PutRecord requests, one record "
      "each (no PutRecordBatch). A failed delivery is retried every 10 s (AWS documents no interval): for S3 during 24 h, "
      "for other destinations during the retry duration, then its records are lost (no backup bucket). An interval of 0 "
      "delivers every record at once. Not priced yet.",
      "Direct PUT만 다룹니다(Kinesis 스트림을 소스로 쓰지 않고, Lambda 변환, 형식 변환, 동적 파티셔닝, 압축도 없습니다). "
      "객체는 레코드 바이트를 그대로 모은 것입니다. 할당량은 레코드 하나씩 보내는 PutRecord 요청으로 셉니다"
      "(PutRecordBatch는 없습니다). 실패한 전송은 10초마다 재시도하며(AWS는 간격을 밝히지 않습니다), S3는 24시간, "
      "다른 대상은 재시도 기간 동안 재시도한 뒤 레코드를 잃습니다(백업 버킷은 없습니다). 버퍼 간격이 0이면 레코드를 "
      "받는 즉시 전송합니다. 요금은 아직 계산하지 않습니다."};
  d.placement = PlacementKind::Region;
  d.icon = catalog::Icon::Stream;
  d.params = {
      ParamSpec{"buffer_mib", ParamType::Float, {"Buffer size", "버퍼 크기"},
                {"A delivery starts when this much data is buffered (or the interval passes first).",
                 "이만큼 데이터가 모이면(또는 그 전에 버퍼 간격이 지나면) 전송을 시작합니다."},
                "MiB", 1, 128, 5, {}, "Data Firehose / Buffer size", 0, false, ""},
      ParamSpec{"buffer_interval_s", ParamType::Int, {"Buffer interval", "버퍼 간격"},
                {"A delivery starts this long after the buffer's first record at the latest: the longest a record waits.",
                 "버퍼의 첫 레코드가 들어온 뒤 늦어도 이 시간이 지나면 전송을 시작합니다. 레코드가 기다리는 최대 시간입니다."},
                "s", 0, 900, 300, {}, "Data Firehose / Buffer interval", 0, false, ""},
      ParamSpec{"retry_duration_s", ParamType::Int, {"Retry duration (not S3)", "재시도 기간(S3 제외)"},
                {"How long a failed delivery to an HTTP endpoint is retried before its records are lost. Deliveries to S3 "
                 "are retried for 24 h.",
                 "HTTP 엔드포인트로의 전송이 실패했을 때 레코드를 잃기 전까지 재시도하는 기간입니다. S3로의 전송은 "
                 "24시간 동안 재시도합니다."},
                "s", 0, 7200, 300, {}, "Data Firehose / OpenSearch failure", 0, false, ""},
  };
  d.makes_calls = true;
  d.connect_rule = one_destination;
  d.lint_rules = {{"firehose-no-destination", no_destination}};
  const catalog::Text recs{"records", "건"};
  d.metrics = {
      metric("incoming_records", K::Counter, {"Incoming records", "들어온 레코드"}, recs,
             {"Records the stream accepted (IncomingRecords).", "스트림이 받아들인 레코드 수입니다(IncomingRecords)."}),
      metric("throttled_records", K::Counter, {"Throttled records", "스로틀링된 레코드"}, recs,
             {"PutRecord requests refused because the stream was over its Direct PUT quota that second "
              "(ThrottledRecords).",
              "그 1초 동안 Direct PUT 할당량을 넘어 거절된 PutRecord 요청 수입니다(ThrottledRecords)."}),
      metric("buffered_kib", K::Gauge, {"Buffered", "버퍼에 있는 데이터"}, {"KiB", "KiB"},
             {"Data waiting in the buffer for its size or its interval.",
              "버퍼 크기나 버퍼 간격을 기다리며 버퍼에 있는 데이터 양입니다."}),
      metric("deliveries", K::Counter, {"Objects delivered", "전송한 객체"}, {"objects", "개"},
             {"Batches the destination stored: one object per buffer flushed.",
              "대상이 저장한 배치 수로, 버퍼를 한 번 비울 때마다 객체 하나입니다."}),
      metric("delivered_records", K::Counter, {"Records delivered", "전송한 레코드"}, recs,
             {"Records in the objects the destination stored (DeliveryToS3.Records).",
              "대상이 저장한 객체에 담긴 레코드 수입니다(DeliveryToS3.Records)."}),
      metric("data_freshness_s", K::Gauge, {"Data freshness", "데이터 신선도"}, {"s", "초"},
             {"The age of the oldest record not yet delivered (DeliveryToS3.DataFreshness): up to the buffer interval "
              "when all is well, growing while deliveries fail.",
              "아직 전송하지 못한 가장 오래된 레코드의 경과 시간입니다(DeliveryToS3.DataFreshness). 정상이면 버퍼 간격을 "
              "넘지 않고, 전송이 실패하는 동안에는 계속 늘어납니다."}),
      metric("delivery_failures", K::Counter, {"Failed deliveries", "전송 실패"}, {"attempts", "회"},
             {"Delivery attempts the destination did not store (each is retried).",
              "대상이 저장하지 못한 전송 시도 횟수입니다(시도마다 재시도합니다)."}),
      metric("lost_records", K::Counter, {"Records lost", "유실된 레코드"}, recs,
             {"Records whose delivery failed for the whole retry period.",
              "재시도 기간 내내 전송에 실패한 레코드 수입니다."}),
  };
  // Live during a run: what comes in, what waits in the buffer, what reached the destination.
  using Live = catalog::MetricLive;
  catalog::show_live(d, "incoming_records", Live::Rate, {"in", "수신"});
  catalog::show_live(d, "buffered_kib", Live::Value, {"buffered", "버퍼"});
  catalog::show_live(d, "deliveries", Live::Value, {"objects", "객체"});
  catalog::show_live(d, "data_freshness_s", Live::Value, {"freshness", "신선도"});
  catalog::show_live(d, "throttled_records", Live::Value, {"throttled", "스로틀링"});
  catalog::show_live(d, "lost_records", Live::Value, {"lost", "유실"});
  d.create = [](const catalog::BuildContext& ctx) -> std::unique_ptr<Model> {
    const json& p = ctx.params;
    return std::make_unique<Stream>(static_cast<uint64_t>(catalog::param_number(p, "buffer_mib") * 1024 * 1024),
                                    from_seconds(catalog::param_number(p, "buffer_interval_s")),
                                    from_seconds(catalog::param_number(p, "retry_duration_s")));
  };
  return d;
}

}  // namespace

sim::MessageBalance FirehoseBalance::terms() const {
  sim::MessageBalance m;
  m.in = {{"received", "received", "받음", received, false}};
  m.out = {{"buffered", "buffered", "버퍼", buffered, true},
           {"delivering", "delivering", "전송 중", delivering, true},
           {"delivered", "delivered", "전송됨", delivered, false},
           {"throttled", "throttled", "스로틀링", throttled, false},
           {"rejected", "too large", "크기 초과", rejected, false},
           {"lost", "lost", "유실", lost, false}};
  return m;
}

std::optional<FirehoseBalance> firehose_balance(const sim::Simulation& s, sim::NodeId n) {
  if (const auto* t = dynamic_cast<const Stream*>(&s.model(n))) return t->balance();
  return std::nullopt;
}

const catalog::ServiceDescriptor& firehose_descriptor() {
  static const catalog::ServiceDescriptor d = make_descriptor();
  return d;
}

}  // namespace cp::services
