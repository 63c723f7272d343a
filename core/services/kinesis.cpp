#include "core/services/kinesis.h"

#include <algorithm>
#include <deque>
#include <map>
#include <vector>

#include "core/doc/messages.h"
#include "core/services/lambda.h"
#include "core/sim/shard_log.h"
#include "core/sim/simulation.h"

namespace cp::services {

using namespace cp::sim;
using nlohmann::json;

namespace {

// AWS-FACTS: Kinesis Data Streams / Shard write — 1 MB/s or 1,000 records/s per shard.
constexpr uint32_t kShardRecordsPerS = 1000;
constexpr uint64_t kShardBytesPerS = 1000000;
// AWS-FACTS: Kinesis Data Streams / Shard read, shared — 2 MB/s per shard for all standard consumers.
constexpr uint64_t kShardReadBytesPerS = 2000000;
// AWS-FACTS: Kinesis Data Streams / Shard quota — 500 provisioned shards per account in us-east-1.
constexpr uint32_t kMaxShards = 500;
// AWS-FACTS: Kinesis Data Streams / Shard read, shared — at most 10,000 records per GetRecords.
constexpr uint32_t kMaxRecordsPerGet = 10000;
// AWS-FACTS: Kinesis Data Streams / Record size — 1 MiB by default.
constexpr uint64_t kMaxRecordBytes = 1u << 20;
// AWS-FACTS: Kinesis Data Streams / Enhanced fan-out — 2 MB/s per consumer per shard, at most
// 20 such consumers per stream.
constexpr uint64_t kFanOutReadBytesPerS = 2000000;
constexpr int kMaxFanOutConsumers = 20;
// AWS-FACTS: Kinesis Data Streams / Propagation delay — about 70 ms with enhanced fan-out
// (records are pushed); shared, about 200 ms with one consumer to about 1 s with five: the
// 5 GetRecords calls a second of a shard are split among them, so each waits 200 ms × their
// number between calls (taken as exactly that).
constexpr SimTime kFanOutPropagation = 70 * kMillisecond;
constexpr SimTime kSharedPropagationPerConsumer = 200 * kMillisecond;
constexpr SimTime kBatchLease = kShardBatchLease;  // a batch not checkpointed is handed out again
// A shard's write and read limits (its records are in the stream's ShardLog).
struct Shard {
  // The limits are per second: counted in the simulated second `window` (kept here, not
  // reset by on_second, which runs less often than once a second in a long run).
  int64_t window = -1;
  uint32_t records_this_s = 0;
  uint64_t bytes_this_s = 0, read_bytes_this_s = 0;  // read: by the standard consumers, together
  std::vector<uint64_t> fan_out_read_this_s;            // per consumer; used by enhanced fan-out ones only
  double peak_use = 0;  // the busiest whole second's write use since the last on_second
  double use() const {
    return std::max(static_cast<double>(records_this_s) / kShardRecordsPerS, static_cast<double>(bytes_this_s) / kShardBytesPerS);
  }
  void roll(SimTime now) {
    const int64_t second = now / kSecond;
    if (second == window) return;
    peak_use = std::max(peak_use, use());
    window = second;
    records_this_s = 0;
    bytes_this_s = read_bytes_this_s = 0;
    std::fill(fan_out_read_this_s.begin(), fan_out_read_this_s.end(), 0);
  }
};

class Stream final : public ModelBase<Stream> {
public:
  Stream(uint32_t shards, double retention_h)
      : shards_(std::clamp<uint32_t>(shards, 1, kMaxShards)), retention_(from_seconds(retention_h * 3600)) {}

  void start(Simulation& sim) override {
    incoming_c_ = sim.counter(id(), "incoming_records");
    throttled_c_ = sim.counter(id(), "write_throttled");
    read_c_ = sim.counter(id(), "records_read");
    age_g_ = sim.gauge(id(), "iterator_age_s");
    shard_use_g_ = sim.gauge(id(), "busiest_shard_write");
    retained_g_ = sim.gauge(id(), "retained_records");
    consumers_.clear();
    for (ConnId c : sim.incoming(id()))
      if (sim.connection(c).role == WireRole::Poll)
        consumers_.push_back({c, sim.connection(c).role_params.number("enhanced_fan_out") != 0, 0});
    const auto shared = std::count_if(consumers_.begin(), consumers_.end(), [](const Consumer& c) { return !c.fan_out; });
    for (Consumer& c : consumers_) c.propagation = c.fan_out ? kFanOutPropagation : kSharedPropagationPerConsumer * shared;
    for (Shard& s : shards_) {
      s = Shard{};
      s.fan_out_read_this_s.assign(consumers_.size(), 0);
    }
    log_ = ShardLog(static_cast<uint32_t>(shards_.size()), retention_, consumers_.size());
  }

  void on_request(Simulation& sim, ReqHandle h) override {
    const Request& r = sim.request(h);
    if (sim.connection(r.conn).role != WireRole::Poll) return put(sim, h);
    const int k = consumer(r.conn);
    if (k < 0) return sim.respond(h, Outcome::Rejected);
    if (r.tag == kPollDeleteTag) return checkpoint(sim, h, static_cast<uint32_t>(k));
    get_records(sim, h, static_cast<uint32_t>(k), std::min(r.tag, kMaxRecordsPerGet));
  }

  void on_second(Simulation& sim) override {
    NodeMetrics& m = sim.metrics(id());
    const SimTime now = sim.now();
    double busiest = 0;
    for (Shard& s : shards_) {
      s.roll(now);
      busiest = std::max(busiest, s.peak_use);
      s.peak_use = 0;
    }
    log_.expire(now);
    const double oldest = log_.oldest_unread_s(now);
    m.set(shard_use_g_, busiest * 100);
    m.set(age_g_, oldest);
    m.set(retained_g_, static_cast<double>(log_.retained()));
    if (throttling_ && busiest < 1.0) {
      throttling_ = false;
      sim.log(id(), LogKind::ThrottlingEnded, "Kinesis accepts every record again: each shard is under 1 MB/s and 1,000 "
              "records/s", "Kinesis가 다시 모든 레코드를 받습니다. 모든 샤드가 초당 1MB, 1,000건 아래입니다")
          .because("shard_write_ok");
    }
  }

  StatusText status() const override {
    const std::string n = std::to_string(shards_.size()), u = std::to_string(log_.unread());
    return {n + (shards_.size() == 1 ? " shard" : " shards") + ", " + u + " records not yet read",
            "샤드 " + n + "개, 아직 읽지 않은 레코드 " + u + "건"};
  }

  std::optional<MessageBalance> message_balance() const override { return balance().terms(); }
  KinesisBalance balance() const {
    KinesisBalance b = b_;
    b.retained = log_.retained();
    b.expired = log_.expired();
    b.unread = log_.unread();
    return b;
  }

private:
  // A consumer (a Lambda event source mapping over a poll wire): standard, sharing each
  // shard's 2 MB/s read, or enhanced fan-out, with its own 2 MB/s per shard pushed to it.
  struct Consumer {
    ConnId conn;
    bool fan_out = false;
    SimTime propagation = 0;  // from a record's write until this consumer can have it
  };
  int consumer(ConnId c) const {
    for (size_t i = 0; i < consumers_.size(); ++i)
      if (consumers_[i].conn.v == c.v) return static_cast<int>(i);
    return -1;
  }


  void put(Simulation& sim, ReqHandle h) {
    const Request& r = sim.request(h);
    NodeMetrics& m = sim.metrics(id());
    ++b_.put;
    if (r.size_bytes > kMaxRecordBytes) {
      ++b_.rejected;
      if (!warned_size_) log_too_large(sim, r.size_bytes);
      sim.respond(h, Outcome::Rejected);  // ValidationException: the producer does not retry it
      return;
    }
    // The shard of a partition key: a 64-bit mix (MD5 in AWS), so neighbouring keys spread.
    const uint32_t si = log_.shard_of(r.key ? r.key : r.item_id);
    Shard& s = shards_[si];
    s.roll(sim.now());
    log_.expire(sim.now(), static_cast<int>(si));
    if (s.records_this_s >= kShardRecordsPerS || s.bytes_this_s + r.size_bytes > kShardBytesPerS) {
      ++b_.throttled;
      m.add(throttled_c_);
      if (!throttling_) log_throttling(sim, s.records_this_s >= kShardRecordsPerS);
      sim.respond(h, Outcome::Throttled);  // ProvisionedThroughputExceededException
      return;
    }
    ++s.records_this_s;
    s.bytes_this_s += r.size_bytes;
    log_.append(si, r.lineage(), sim.now());
    m.add(incoming_c_);
    sim.respond(h, Outcome::Ok);
  }

  // GetRecords for consumer k: the next batch of one shard it is not already working on,
  // shards taken in turn, of the records that have reached it (its propagation delay),
  // within its read budget: each shard's 2 MB/s shared by the standard consumers, or its own
  // 2 MB/s per shard with enhanced fan-out. An enhanced fan-out consumer is pushed records
  // (SubscribeToShard): an empty answer tells it when the next one reaches it.
  void get_records(Simulation& sim, ReqHandle h, uint32_t k, uint32_t n) {
    Reply reply;
    const SimTime now = sim.now();
    const Consumer& c = consumers_[k];
    auto read_bytes = [&](uint32_t i) -> uint64_t& {
      return c.fan_out ? shards_[i].fan_out_read_this_s[k] : shards_[i].read_bytes_this_s;
    };
    const uint64_t budget = c.fan_out ? kFanOutReadBytesPerS : kShardReadBytesPerS;
    SimTime next_written = kNever;
    const int si = log_.get_records(k, n, now, kBatchLease, [&](uint32_t i) -> uint64_t {
      shards_[i].roll(now);
      return read_bytes(i) < budget ? budget - read_bytes(i) : 0;
    }, &reply, now - c.propagation, &next_written);
    if (si >= 0) {
      for (const ReplyItem& it : reply.items) read_bytes(static_cast<uint32_t>(si)) += it.item.size;
      sim.metrics(id()).add(read_c_, static_cast<double>(reply.items.size()));
    } else if (c.fan_out) {
      reply.ask_again_at = next_written != kNever ? next_written + c.propagation : now + c.propagation;
    }
    sim.respond(h, Outcome::Ok, reply);
  }

  // The consumer processed a record: when its whole batch is done, the shard moves on.
  void checkpoint(Simulation& sim, ReqHandle h, uint32_t k) {
    Reply done;
    if (log_.checkpoint(k, sim.request(h).key)) done.count = 1;
    sim.respond(h, Outcome::Ok, done);
  }

  [[gnu::noinline]] void log_too_large(Simulation& sim, uint64_t bytes) {
    warned_size_ = true;
    const std::string size = doc::format_number(static_cast<double>(bytes) / 1024) + " KiB";
    sim.log(id(), LogKind::Warning, "A record of " + size + " was refused: a Kinesis record holds at most 1 MiB",
            size + " 레코드가 거절되었습니다. Kinesis 레코드 하나는 최대 1MiB입니다")
        .because("record_too_large");
  }

  [[gnu::noinline]] void log_throttling(Simulation& sim, bool records) {
    throttling_ = true;
    const std::string limit = records ? "1,000 records" : "1 MB";
    sim.log(id(), LogKind::ThrottlingBegan,
            "ProvisionedThroughputExceeded: a shard gets more than " + limit + " a second. A partition key that is "
                "hot sends its records to one shard however many there are; more shards help only with many keys",
            "ProvisionedThroughputExceeded: 한 샤드가 초당 " + limit + "보다 많이 받고 있습니다. 요청이 몰리는 파티션 "
                "키는 샤드가 몇 개든 레코드를 한 샤드로만 보냅니다. 샤드를 늘리면 키가 많을 때만 도움이 됩니다")
        .because("shard_write_limit");
  }

  std::vector<Shard> shards_;
  SimTime retention_;
  std::vector<Consumer> consumers_;
  ShardLog log_;  // the records, in order per shard (shared with DynamoDB Streams)
  KinesisBalance b_;  // put, throttled, rejected (the rest from log_)
  bool throttling_ = false, warned_size_ = false;
  CounterId incoming_c_, throttled_c_, read_c_;
  GaugeId age_g_, shard_use_g_, retained_g_;
};

using catalog::metric;

std::optional<catalog::Finding> few_keys_advice(const doc::Document& d, const doc::NodeDoc& n) {
  const json p = catalog::with_defaults(kinesis_descriptor(), n.params.is_object() ? n.params : json::object());
  const double shards = catalog::param_number(p, "shards");
  for (const doc::ConnectionDoc& w : d.connections) {
    if (w.to != n.id) continue;
    const doc::NodeDoc* from = d.find_node(w.from);
    if (!from || from->type != "users") continue;
    const double keys = from->params.is_object() && from->params.contains("keys") && from->params["keys"].is_number()
                            ? from->params["keys"].get<double>()
                            : 10000;
    if (keys >= 10 * shards) continue;
    return catalog::Finding{"kinesis-few-partition-keys", catalog::Severity::Warning,
                            from->id + " writes to stream " + n.id + " with " +
                                (keys == 1 ? std::string("a single partition key") : doc::format_number(keys) + " distinct partition keys") +
                                " for " + doc::format_number(shards) +
                                " shards: records of one key all go to one shard, so some shards get much more than "
                                "others and throttle while the rest idle. Use many more keys than shards.",
                            doc::with_topic(from->id) + " 스트림 " + n.id + "에 파티션 키 " + doc::format_number(keys) +
                                "개로 씁니다. 샤드는 " + doc::format_number(shards) +
                                "개입니다. 키 하나의 레코드는 모두 한 샤드로 가므로 일부 샤드에 몰려 스로틀링되고 나머지는 "
                                "놀게 됩니다. 샤드 수보다 훨씬 많은 키를 쓰세요.",
                            {n.id, from->id},
                            "Kinesis Data Streams / Ordering"};
  }
  return std::nullopt;
}

bool fan_out_wire(const doc::ConnectionDoc& w) {
  return w.role == "poll" && w.params.is_object() && w.params.contains("enhanced_fan_out") &&
         w.params["enhanced_fan_out"].is_boolean() && w.params["enhanced_fan_out"].get<bool>();
}

// At most 20 enhanced fan-out consumers per stream: the 21st wire is refused.
std::vector<doc::Issue> check_fan_out_consumers(const doc::Document& d) {
  std::vector<doc::Issue> out;
  std::map<std::string, int> per_stream;
  for (size_t i = 0; i < d.connections.size(); ++i) {
    const doc::ConnectionDoc& w = d.connections[i];
    const doc::NodeDoc* from = d.find_node(w.from);
    if (!from || from->type != "kinesis" || !fan_out_wire(w)) continue;
    if (++per_stream[w.from] != kMaxFanOutConsumers + 1) continue;
    out.push_back({"connections[" + std::to_string(i) + "].params.enhanced_fan_out",
                   "stream " + w.from + " has more than 20 enhanced fan-out consumers: Kinesis registers at most 20 "
                       "per stream. Make the others standard consumers (they share each shard's 2 MB/s).",
                   "스트림 " + w.from + "에 향상된 팬아웃 소비자가 20개보다 많습니다. Kinesis는 스트림마다 최대 20개까지만 "
                       "등록합니다. 나머지는 표준 소비자로 두세요(샤드마다 초당 2MB를 나누어 씁니다)."});
  }
  return out;
}

// Three or more standard consumers on one stream: they split each shard's 2 MB/s and its 5
// GetRecords calls a second, so each gets its records later (about 200 ms per consumer).
std::optional<catalog::Finding> shared_consumers_advice(const doc::Document& d, const doc::NodeDoc& n) {
  std::vector<std::string> shared;
  for (const doc::ConnectionDoc& w : d.connections)
    if (w.from == n.id && w.role == "poll" && !fan_out_wire(w)) shared.push_back(w.to);
  if (shared.size() < 3) return std::nullopt;
  const std::string k = std::to_string(shared.size()), ms = std::to_string(200 * shared.size());
  std::vector<std::string> nodes{n.id};
  nodes.insert(nodes.end(), shared.begin(), shared.end());
  return catalog::Finding{"kinesis-shared-consumers", catalog::Severity::Info,
                          "stream " + n.id + " has " + k + " standard consumers: they share each shard's 2 MB/s and 5 "
                              "GetRecords calls a second, so each reads at most a share of it and gets records about " +
                              ms + " ms after they are written. Turn on enhanced fan-out on the wires of the consumers "
                              "that need their own 2 MB/s and about 70 ms.",
                          "스트림 " + n.id + "에 표준 소비자가 " + k + "개 있습니다. 샤드마다 초당 2MB와 초당 5회의 "
                              "\"GetRecords\" 호출을 나누어 쓰므로 각자 그 일부만 읽고, 레코드를 쓴 뒤 약 " + ms +
                              "밀리초가 지나서야 받습니다. 자기 몫의 초당 2MB와 약 70밀리초의 지연이 필요한 소비자는 "
                              "연결에서 향상된 팬아웃을 켜세요.",
                          nodes, "Kinesis Data Streams / Propagation delay"};
}

catalog::ServiceDescriptor make_descriptor() {
  using catalog::ParamSpec;
  using catalog::ParamType;
  using K = MetricKind;
  catalog::ServiceDescriptor d;
  d.type = "kinesis";
  d.category = catalog::Category::Messaging;
  d.name = {"Kinesis data stream", "Kinesis 데이터 스트림"};
  d.summary = {"A stream of records in shards: each shard takes 1 MB or 1,000 records a second, keeps them in order by "
               "partition key, and lets its consumers read them again until they expire.",
               "레코드를 샤드에 나누어 담는 스트림입니다. 샤드마다 초당 1MB 또는 1,000건을 받고, 파티션 키별로 순서를 "
               "지키며, 레코드가 만료될 때까지 소비자가 다시 읽을 수 있습니다."};
  d.simplifications = {
      "Provisioned mode only (no on-demand mode, no resharding during a run). Write limits are "
      "counted per shard in whole simulated seconds. Consumers are Lambda event source mappings: each reads each shard in "
      "order, one batch at a time (no parallelization factor), so the shard count caps how many batches run at once; a batch not checkpointed within 60 s is handed out again (Lambda retries a failed "
      "batch until it succeeds, blocking its shard). Standard consumers share a shard's 2 MB/s read and get a record "
      "200 ms × their number after it was written (the 5 GetRecords calls a second split among them; the calls "
      "themselves are not counted); an enhanced fan-out consumer has its own 2 MB/s per shard and gets records 70 ms "
      "after they were written. Records read by every consumer are counted but not kept. Shard-hours "
      "and PUT payload units are not priced yet.",
      "프로비저닝 모드만 다룹니다(온디맨드 모드, 실행 중 리샤딩은 없습니다). 쓰기 한도는 샤드마다 "
      "시뮬레이션 1초 단위로 셉니다. 소비자는 Lambda 이벤트 소스 매핑이며, 샤드마다 순서대로 한 번에 배치 하나씩 읽습니다"
      "(병렬화 계수는 없습니다). 그래서 동시에 처리하는 배치 수는 샤드 수를 넘지 못합니다. "
      "60초 안에 체크포인트하지 않은 배치는 다시 넘깁니다(Lambda는 실패한 배치를 성공할 때까지 재시도하며 그동안 샤드가 "
      "막힙니다). 표준 소비자는 샤드의 초당 2MB 읽기를 나누어 쓰고, 레코드를 쓴 뒤 200밀리초 × 소비자 수가 지나야 "
      "받습니다(샤드의 초당 5회 GetRecords 호출을 나누어 쓰기 때문이며, 호출 횟수 자체는 세지 않습니다). 향상된 팬아웃 "
      "소비자는 샤드마다 자기 몫의 초당 2MB가 있고 70밀리초 뒤에 레코드를 받습니다. 모든 "
      "소비자가 읽은 레코드는 개수만 세고 보관하지 않습니다. 샤드 시간과 PUT 페이로드 단위 요금은 아직 계산하지 않습니다."};
  d.placement = PlacementKind::Region;
  d.icon = catalog::Icon::Stream;
  d.traits = static_cast<sim::Traits>(sim::Trait::Stream);
  d.makes_calls = false;  // consumers pull from it (poll wires); it calls nobody
  d.params = {
      ParamSpec{"shards", ParamType::Int, {"Shards", "샤드 수"},
                {"How many shards the stream has. Each takes 1 MB or 1,000 records a second in, and 2 MB a second out.",
                 "스트림의 샤드 수입니다. 샤드마다 초당 1MB 또는 1,000건을 받고, 초당 2MB를 내보냅니다."},
                "", 1, kMaxShards, 1, {}, "Kinesis Data Streams / Shard write", 0, false, ""},
      ParamSpec{"retention_h", ParamType::Float, {"Retention period", "보존 기간"},
                {"How long records stay in the stream (they cannot be deleted, only expire).",
                 "레코드가 스트림에 남아 있는 시간입니다(삭제할 수 없고 만료될 뿐입니다)."},
                "h", 24, 8760, 24, {}, "Kinesis Data Streams / Retention", 0, false, ""},
  };
  d.target_roles = {catalog::RoleSpec{}};  // producers call it (PutRecord)
  // Consumers poll it; a wire's consumer may be registered for enhanced fan-out.
  d.source_roles = {catalog::RoleSpec{
      WireRole::Poll,
      {ParamSpec{"enhanced_fan_out", ParamType::Bool, {"Enhanced fan-out", "향상된 팬아웃"},
                 {"This consumer gets its own 2 MB/s per shard, pushed to it about 70 ms after a record is written. "
                  "Without it, consumers share each shard's 2 MB/s and get records 200 ms × their number later. At most "
                  "20 per stream; billed per consumer-shard hour and GB read (not priced here).",
                  "이 소비자가 샤드마다 자기 몫의 초당 2MB를 받고, 레코드를 쓴 뒤 약 70밀리초 만에 푸시로 받습니다. 끄면 "
                  "소비자들이 샤드의 초당 2MB를 나누어 쓰고 200밀리초 × 소비자 수만큼 늦게 받습니다. 스트림마다 최대 "
                  "20개이며, 소비자-샤드 시간과 읽은 GB에 요금이 붙습니다(여기서는 계산하지 않습니다)."},
                 "", 0, 0, false, {}, "Kinesis Data Streams / Enhanced fan-out", 0, false, ""}},
      {"lambda"},
      nullptr}};
  d.validate_document = check_fan_out_consumers;
  d.lint_rules = {{"kinesis-few-partition-keys", few_keys_advice}, {"kinesis-shared-consumers", shared_consumers_advice}};
  const catalog::Text recs{"records", "건"};
  d.metrics = {
      metric("incoming_records", K::Counter, {"Incoming records", "들어온 레코드"}, recs,
             {"Records the shards accepted (IncomingRecords).", "샤드가 받아들인 레코드 수입니다(IncomingRecords)."}),
      metric("write_throttled", K::Counter, {"Write throttles", "쓰기 스로틀링"}, recs,
             {"PutRecord calls refused because their shard was over 1 MB or 1,000 records that second "
              "(WriteProvisionedThroughputExceeded).",
              "샤드가 그 1초 동안 1MB 또는 1,000건을 넘어 거절된 PutRecord 호출 수입니다"
              "(WriteProvisionedThroughputExceeded)."}),
      metric("records_read", K::Counter, {"Records read", "읽은 레코드"}, recs,
             {"Records handed to consumers, batches handed out again included.",
              "소비자에게 넘긴 레코드 수이며 다시 넘긴 배치도 포함합니다."}),
      metric("iterator_age_s", K::Gauge, {"Iterator age", "반복기 경과 시간"}, {"s", "초"},
             {"How far the slowest consumer is behind: the age of the oldest record it has not checkpointed "
              "(GetRecords.IteratorAgeMilliseconds). Growing: the consumers cannot keep up.",
              "가장 느린 소비자가 얼마나 뒤처졌는지, 곧 아직 체크포인트하지 않은 가장 오래된 레코드의 경과 시간입니다"
              "(GetRecords.IteratorAgeMilliseconds). 계속 늘어나면 소비자가 따라가지 못하는 것입니다."}),
      metric("busiest_shard_write", K::Gauge, {"Busiest shard's write use", "가장 바쁜 샤드의 쓰기 사용률"}, {"%", "%"},
             {"The busiest shard's writes last second as a share of its 1 MB / 1,000 records; at 100% it throttles.",
              "가장 바쁜 샤드가 지난 1초 동안 쓴 양이 한도(1MB, 1,000건)에서 차지하는 비율입니다. 100%면 스로틀링됩니다."}),
      metric("retained_records", K::Gauge, {"Records retained", "보존된 레코드"}, recs,
             {"Records in the stream now, read or not, until their retention period ends.",
              "읽었든 안 읽었든 보존 기간이 끝날 때까지 지금 스트림에 있는 레코드 수입니다."}),
  };
  // Live during a run: what gets in, what is throttled, how far the consumers are behind.
  using Live = catalog::MetricLive;
  catalog::show_live(d, "incoming_records", Live::Rate, {"in", "수신"});
  catalog::show_live(d, "write_throttled", Live::Value, {"throttled", "스로틀링"});
  catalog::show_live(d, "records_read", Live::Rate, {"read", "읽음"});
  catalog::show_live(d, "iterator_age_s", Live::Value, {"behind", "지연"});
  catalog::show_live(d, "busiest_shard_write", Live::Value, {"busiest shard", "최다 샤드"});
  d.create = [](const catalog::BuildContext& ctx) -> std::unique_ptr<Model> {
    return std::make_unique<Stream>(static_cast<uint32_t>(catalog::param_number(ctx.params, "shards")),
                                    catalog::param_number(ctx.params, "retention_h"));
  };
  return d;
}

}  // namespace

sim::MessageBalance KinesisBalance::terms() const {
  sim::MessageBalance m;
  m.in = {{"put", "put", "넣음", put, false}};
  m.out = {{"retained", "retained", "보존 중", retained, true},
           {"expired", "expired", "만료", expired, false},
           {"throttled", "throttled", "스로틀링", throttled, false},
           {"rejected", "too large", "크기 초과", rejected, false}};
  return m;
}

std::optional<KinesisBalance> kinesis_balance(const sim::Simulation& s, sim::NodeId n) {
  if (const auto* t = dynamic_cast<const Stream*>(&s.model(n))) return t->balance();
  return std::nullopt;
}

const catalog::ServiceDescriptor& kinesis_descriptor() {
  static const catalog::ServiceDescriptor d = make_descriptor();
  return d;
}

}  // namespace cp::services
