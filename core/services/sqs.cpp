#include "core/services/sqs.h"

#include <algorithm>
#include <deque>
#include <cstring>
#include <map>
#include <set>

#include "core/doc/distribution_json.h"
#include "core/doc/messages.h"
#include "core/services/ec2.h"
#include "core/sim/lease_store.h"
#include "core/sim/rng.h"
#include "core/sim/simulation.h"

namespace cp::services {
namespace {

using namespace cp::sim;
using nlohmann::json;

// ---- Limits and prices (AWS-FACTS.md, SQS section) ----------------------------
// AWS-FACTS: SQS / Visibility timeout — default 30 s; 0 s–12 h.
constexpr int kVisibilityDefaultS = 30, kVisibilityMaxS = 12 * 3600;
// AWS-FACTS: SQS / Retention — default 4 d; 60 s–14 d.
constexpr int kRetentionDefaultS = 4 * 24 * 3600, kRetentionMinS = 60, kRetentionMaxS = 14 * 24 * 3600;
// AWS-FACTS: SQS / Delay queue / timer — 0–15 min, default 0.
constexpr int kDelayMaxS = 15 * 60;
// AWS-FACTS: SQS / Max message size — 1 MiB (2025 raise); MaximumMessageSize 1 KiB–1 MiB.
constexpr int kMaxMessageKiB = 1024;
// AWS-FACTS: SQS / Long polling — wait ≤ 20 s (default 0 = short poll).
constexpr int kWaitMaxS = 20;
// AWS-FACTS: SQS / Batch — ≤ 10 messages per Send/Receive/Delete batch.
constexpr int kMaxBatch = 10;
// AWS-FACTS: SQS / In-flight — ~120,000 in flight (standard: OverLimit on receive); FIFO: 120,000, no error.
constexpr size_t kInFlightLimit = 120000;
// AWS-FACTS: SQS / FIFO throughput — 300 calls/s per action (3,000 msg/s with 10-message
// batches); high-throughput mode ≤ 70,000 TPS (us-east-1; applied in every Region here ⚠).
constexpr double kFifoCallsPerS = 300, kFifoHighThroughputPerS = 70000;
// AWS-FACTS: SQS / FIFO order / dedup — dedup window 5 min.
constexpr SimTime kDedupWindow = 5 * kMinute;
// AWS-FACTS: SQS / Price (Mar 2026) — $0.40 per million requests standard, $0.50 FIFO;
// each 64 KB chunk of a payload is one request (the free tier is not modelled).
constexpr double kUsdPerRequestStandard = 0.40 / 1e6, kUsdPerRequestFifo = 0.50 / 1e6;
constexpr uint32_t kBilledChunk = 64 * 1024;
// maxReceiveCount 1–1,000 (⚠ AWS redrive policy docs, not in AWS-FACTS); the console's default is 10.
constexpr int kMaxReceiveCountMax = 1000, kMaxReceiveCountDefault = 10;
// Events about single messages (a duplicate, a move to the DLQ) are logged for the first
// ones of each kind per queue, then counted only: a busy queue would flood the log.
constexpr uint64_t kLoggedPerKind = 50;

enum Timer : uint16_t { kTimerDue = 1, kTimerWaitEnd = 2 };

struct Config {
  bool fifo = false;
  SimTime visibility = 30 * kSecond, retention = kRetentionDefaultS * kSecond, delay = 0, wait = 0;
  uint32_t max_bytes = kMaxMessageKiB * 1024;
  std::string dlq;  // node id of the dead-letter queue, "" for none
  uint32_t max_receive_count = kMaxReceiveCountDefault;
  bool high_throughput = false;
};

std::string secs(SimTime t) { return std::to_string(static_cast<long long>(t / kSecond)); }

class Sqs final : public ModelBase<Sqs> {
public:
  // FIFO: retention is checked by the model (a message behind its group's head is
  // not in the store yet), so the store itself keeps messages for ever.
  explicit Sqs(Config c) : c_(std::move(c)), store_(c_.fifo ? kNever : c_.retention) {}

  void start(Simulation& s) override {
    visible_g_ = s.gauge(id(), "visible");
    in_flight_g_ = s.gauge(id(), "in_flight");
    delayed_g_ = s.gauge(id(), "delayed");
    oldest_g_ = s.gauge(id(), "oldest_age_s");
    dlq_g_ = s.gauge(id(), "dlq_messages");
    sent_c_ = s.counter(id(), "sent");
    received_c_ = s.counter(id(), "received");
    deleted_c_ = s.counter(id(), "deleted");
    empty_c_ = s.counter(id(), "empty_receives");
    dup_c_ = s.counter(id(), "duplicates");
    expired_c_ = s.counter(id(), "expired");
    dlq_c_ = s.counter(id(), "moved_to_dlq");
    refused_c_ = s.counter(id(), "refused");
    dedup_c_ = s.counter(id(), "deduplicated");
    from_c_ = s.counter(id(), "from_sources");
    requests_c_ = s.counter(id(), "billed_requests");
    age_l_ = s.latency_metric(id(), "age_at_receive");
    if (!c_.dlq.empty())
      for (size_t n = 0; n < s.node_count(); ++n) {
        const NodeId other{static_cast<uint32_t>(n)};
        if (other != id() && s.info(other).id == c_.dlq && dynamic_cast<const Sqs*>(&s.model(other))) dlq_ = other;
      }
    if (c_.fifo) {
      // One token bucket per API action, a second's worth of burst (⚠ AWS does not publish the burst).
      const double rate = c_.high_throughput ? kFifoHighThroughputPerS : kFifoCallsPerS;
      const uint32_t region = s.info(id()).placement.region.v;
      const PoolSpec spec{static_cast<int64_t>(rate), rate};
      send_pool_ = s.pools().declare({"sqs_fifo_send", region, kAnyAz, s.info(id()).id}, spec);
      receive_pool_ = s.pools().declare({"sqs_fifo_receive", region, kAnyAz, s.info(id()).id}, spec);
      delete_pool_ = s.pools().declare({"sqs_fifo_delete", region, kAnyAz, s.info(id()).id}, spec);
    }
    refresh(s);
  }

  void on_request(Simulation& s, ReqHandle h) override {
    const Request& r = s.request(h);
    if (s.connection(r.conn).role != WireRole::Poll) send(s, h);
    else if ((r.tag & 0xff) == 0) remove(s, h);
    else receive(s, h, std::min<uint32_t>(r.tag & 0xff, kMaxBatch));
    refresh(s);
  }

  void on_timer(Simulation& s, uint16_t timer, uint64_t) override {
    const SimTime now = s.now();
    if (timer == kTimerWaitEnd) {
      // Long polls that waited their whole wait time: answered empty.
      while (!waiters_.empty() && waiters_.front().until <= now) {
        const ReqHandle h = waiters_.front().h;
        waiters_.pop_front();
        reply_.items.clear();
        answer(s, h);
      }
    } else {
      store_.advance(now);  // delays that ended, visibility timeouts that ran out, retention
      serve_waiters(s);
    }
    refresh(s);
  }

  void on_second(Simulation& s) override {
    // The age of the oldest message, once a second (a FIFO backlog is walked group by group).
    SimTime oldest = store_.oldest_sent_at();
    for (const auto& [key, g] : groups_)
      if (!g.backlog.empty()) oldest = std::min(oldest, g.backlog.front().item.first_sent_at);
    s.metrics(id()).set(oldest_g_, oldest == kNever ? 0.0 : static_cast<double>(s.now() - oldest) / kSecond);
    oldest_s_ = oldest == kNever ? 0 : (s.now() - oldest) / kSecond;
    // What waits in the dead-letter queue, read here so the source queue's live state says
    // where its poison messages are (once a second is enough for a level a person reads).
    if (dlq_.valid()) s.metrics(id()).set(dlq_g_, static_cast<double>(static_cast<const Sqs&>(s.model(dlq_)).held()));
  }

  // Messages this queue holds now: visible (a FIFO backlog included), in flight, delayed.
  uint64_t held() const { return store_.held() + backlog_; }

  StatusText status() const override {
    const std::string v = std::to_string(store_.visible() + backlog_), f = std::to_string(store_.leased()),
                      d = std::to_string(store_.delayed()), o = std::to_string(static_cast<long long>(oldest_s_));
    StatusText t{v + " visible, " + f + " in flight, " + d + " delayed, oldest " + o + " s",
                 "표시 " + v + "개, 처리 중 " + f + "개, 지연 " + d + "개, 가장 오래된 메시지 " + o + "초"};
    if (moved_to_dlq_ > 0) {
      t.en += ", " + std::to_string(moved_to_dlq_) + " moved to the DLQ";
      t.ko += ", 배달 못한 편지 대기열로 옮긴 메시지 " + std::to_string(moved_to_dlq_) + "개";
    }
    return t;
  }

  std::optional<sim::MessageBalance> message_balance() const override { return sqs_message_balance(balance()); }

  SqsBalance balance() const {
    SqsBalance b;
    b.sent = sent_;
    b.from_sources = from_sources_;
    b.deleted = deleted_;
    b.visible = store_.visible();
    b.in_flight = store_.leased();
    b.delayed = store_.delayed();
    b.backlog = backlog_;
    b.expired = expired();
    b.moved_to_dlq = moved_to_dlq_;
    b.refused = refused_;
    b.deduplicated = deduplicated_;
    return b;
  }

  // A source queue moves a message here: this queue is its dead-letter queue.
  // Simplified: the retention period counts from the move (AWS keeps a standard
  // message's original enqueue time, AWS-FACTS: SQS / DLQ expiry).
  void accept_moved(Simulation& s, const Lineage& item) {
    ++from_sources_;
    s.metrics(id()).add(from_c_);
    if (!hold(s, item, s.now())) ++refused_, s.metrics(id()).add(refused_c_);
    serve_waiters(s);
    refresh(s);
  }

private:
  struct Pending {
    Lineage item;
    SimTime visible_at;
  };
  // No receipt yet. Not 0: the first lease of the store's first slot has receipt bits 0,
  // and erasing "the group's previous receipt" 0 for a new group lost that message's
  // group, which then never got its next message.
  static constexpr uint64_t kNoReceipt = UINT64_MAX;
  struct Group {  // FIFO: one message group
    bool in_store = false;  // its head is in the store (delayed, visible or in flight)
    uint64_t receipt = kNoReceipt;  // the head's last receipt (bits), once received
    uint64_t head_id = 0;   // the head's item id, once received
    std::deque<Pending> backlog;
  };
  struct Waiter {
    ReqHandle h;
    SimTime until;
    uint32_t n;
  };

  uint64_t expired() const { return store_.counters().dropped + fifo_expired_; }
  // FIFO: a message's group. The producer's MessageGroupId is the item's key (a customer,
  // an account) unless its wire sends every message with one shared group id.
  static constexpr uint64_t kSharedGroup = UINT64_MAX;
  uint64_t group_of(const Lineage& item) const { return shared_group_.count(item.id) ? kSharedGroup : item.key; }
  void left_queue(uint64_t item_id) { shared_group_.erase(item_id); }
  double price() const { return c_.fifo ? kUsdPerRequestFifo : kUsdPerRequestStandard; }
  // One API request, billed per 64 KB chunk of its payload.
  void charge(Simulation& s, uint64_t bytes) {
    const uint64_t n = bytes <= kBilledChunk ? 1 : (bytes + kBilledChunk - 1) / kBilledChunk;
    NodeMetrics& m = s.metrics(id());
    m.cost_usd += static_cast<double>(n) * price();
    m.add(requests_c_, static_cast<double>(n));
  }

  // SendMessage.
  void send(Simulation& s, ReqHandle h) {
    const Request& r = s.request(h);
    const SimTime now = s.now();
    ++sent_;
    NodeMetrics& m = s.metrics(id());
    m.add(sent_c_);
    charge(s, r.size_bytes);
    if (r.size_bytes > c_.max_bytes) {
      const std::string en = "a message of " + std::to_string(r.size_bytes) +
                             " bytes is refused: the queue's maximum message size is " +
                             std::to_string(c_.max_bytes / 1024) + " KiB";
      const std::string ko = std::to_string(r.size_bytes) + "바이트 메시지를 거절합니다. 이 대기열의 최대 메시지 크기는 " +
                             std::to_string(c_.max_bytes / 1024) + " KiB입니다";
      refuse_because(s, "message_too_large", en, ko);
      s.respond(h, Outcome::Rejected);
      return;
    }
    if (c_.fifo && !s.pools().take(send_pool_, 1, now)) {
      const std::string en = "SendMessage throttled: a FIFO queue takes " + throughput_text(false);
      const std::string ko = "SendMessage 호출이 제한되었습니다. FIFO 대기열은 " + throughput_text(true);
      refuse_because(s, "fifo_throughput", en, ko);
      s.respond(h, Outcome::Throttled);
      return;
    }
    const Lineage item = r.lineage();
    if (c_.fifo) {
      // Deduplication: the same message (a producer's retry keeps the item's id) again
      // within 5 minutes is accepted and not kept (content-based deduplication).
      while (!dedup_order_.empty() && dedup_order_.front().first + kDedupWindow <= now) {
        dedup_ids_.erase(dedup_order_.front().second);
        dedup_order_.pop_front();
      }
      if (dedup_ids_.count(item.id)) {
        ++deduplicated_;
        m.add(dedup_c_);
        s.respond(h, Outcome::Ok);
        return;
      }
      dedup_ids_.insert(item.id);
      dedup_order_.push_back({now, item.id});
      if (s.connection(r.conn).role_params.text("message_group") == "single") shared_group_.insert(item.id);
    }
    if (!hold(s, item, now + c_.delay)) {
      left_queue(item.id);
      ++refused_;
      m.add(refused_c_);
      s.respond(h, Outcome::Rejected);
      return;
    }
    s.respond(h, Outcome::Ok);
    serve_waiters(s);
  }

  // Keep a message: in the store, or (FIFO) behind its group's head. False: the store is full.
  bool hold(Simulation& s, const Lineage& item, SimTime visible_at) {
    if (c_.fifo) {
      Group& g = groups_[group_of(item)];
      if (g.in_store) {
        g.backlog.push_back({item, visible_at});
        ++backlog_;
        return true;
      }
      if (!store_.put(s.now(), item, visible_at)) return false;
      g.in_store = true;
      return true;
    }
    return store_.put(s.now(), item, visible_at);
  }

  // FIFO: the group's head left the store (deleted, moved, expired): the next one comes up.
  void promote(Simulation& s, uint64_t key) {
    auto it = groups_.find(key);
    if (it == groups_.end()) return;
    Group& g = it->second;
    g.in_store = false;
    const SimTime now = s.now();
    while (!g.backlog.empty()) {
      const Pending p = g.backlog.front();
      g.backlog.pop_front();
      --backlog_;
      if (now - p.item.first_sent_at >= c_.retention) {
        ++fifo_expired_;
        left_queue(p.item.id);
        continue;
      }
      if (store_.put(now, p.item, std::max(now, p.visible_at))) {
        g.in_store = true;
        break;
      }
      left_queue(p.item.id);
      ++refused_;  // the store is full (67 M messages): lost, counted
      s.metrics(id()).add(refused_c_);
    }
    if (!g.in_store && g.backlog.empty()) groups_.erase(it);
  }

  // ReceiveMessage of up to n.
  void receive(Simulation& s, ReqHandle h, uint32_t n) {
    charge(s, 0);
    if (!c_.fifo && store_.leased() >= kInFlightLimit) {
      const std::string en = "ReceiveMessage refused (OverLimit): 120,000 messages are in flight";
      const std::string ko = "ReceiveMessage 요청을 거절했습니다(OverLimit). 처리 중인 메시지가 120,000개입니다";
      log_because(s, "in_flight_limit", en, ko);
      s.respond(h, Outcome::Rejected);
      return;
    }
    if (c_.fifo && !s.pools().take(receive_pool_, 1, s.now())) {
      const std::string en = "ReceiveMessage throttled: a FIFO queue takes " + throughput_text(false);
      const std::string ko = "ReceiveMessage 호출이 제한되었습니다. FIFO 대기열은 " + throughput_text(true);
      log_because(s, "fifo_throughput", en, ko);
      s.respond(h, Outcome::Throttled);
      return;
    }
    fill(s, n);
    if (reply_.items.empty() && c_.wait > 0) {  // long polling: wait for a message or the wait time
      waiters_.push_back({h, s.now() + c_.wait, n});
      return;
    }
    answer(s, h);
  }

  // Lease up to n messages into reply_; moves those received too often to the DLQ.
  void fill(Simulation& s, uint32_t n) {
    reply_.items.clear();
    const SimTime now = s.now();
    NodeMetrics& m = s.metrics(id());
    Leased l;
    while (reply_.items.size() < n) {
      if (c_.fifo && store_.leased() >= kInFlightLimit) break;
      if (!store_.lease(now, now + c_.visibility, &l)) break;
      const uint64_t key = c_.fifo ? group_of(l.item) : l.item.key;
      if (c_.fifo && now - l.item.first_sent_at >= c_.retention) {
        store_.ack(now, l.receipt);  // past retention: dropped as it comes up
        ++fifo_expired_;
        left_queue(l.item.id);
        promote(s, key);
        continue;
      }
      if (dlq_.valid() && l.receive_count > c_.max_receive_count) {
        store_.ack(now, l.receipt);
        move_to_dlq(s, l);
        if (c_.fifo) left_queue(l.item.id), promote(s, key);
        continue;
      }
      if (l.receive_count > 1) duplicate(s, l);
      if (c_.fifo) {
        Group& g = groups_[key];
        if (g.receipt != kNoReceipt) receipt_group_.erase(g.receipt);
        g.receipt = l.receipt.bits();
        g.head_id = l.item.id;
        receipt_group_[g.receipt] = key;
      }
      reply_.items.push_back(ReplyItem{l.item, l.receipt.bits(), l.receive_count});
      m.add(received_c_);
      m.record(age_l_, s.age(l.item));
    }
  }

  void answer(Simulation& s, ReqHandle h) {
    reply_.count = reply_.items.size();
    if (reply_.items.empty()) s.metrics(id()).add(empty_c_);
    s.respond(h, Outcome::Ok, reply_);
  }

  // Long polls waiting while nothing was visible: serve them in the order they came.
  void serve_waiters(Simulation& s) {
    while (!waiters_.empty() && store_.visible() > 0) {
      const Waiter w = waiters_.front();
      fill(s, w.n);
      if (reply_.items.empty()) {
        if (store_.visible() > 0) break;  // FIFO at its in-flight cap
        continue;                         // they all went to the DLQ; wait on
      }
      waiters_.pop_front();
      answer(s, w.h);
    }
  }

  // DeleteMessage: the receipt in the key.
  void remove(Simulation& s, ReqHandle h) {
    const Request& r = s.request(h);
    charge(s, 0);
    if (c_.fifo && !s.pools().take(delete_pool_, 1, s.now())) {
      const std::string en = "DeleteMessage throttled: a FIFO queue takes " + throughput_text(false);
      const std::string ko = "DeleteMessage 호출이 제한되었습니다. FIFO 대기열은 " + throughput_text(true);
      log_because(s, "fifo_throughput", en, ko);
      s.respond(h, Outcome::Throttled);
      return;
    }
    const uint64_t bits = r.key;
    Reply done;
    if (store_.ack(s.now(), Receipt::from_bits(bits))) {
      done.count = 1;
      ++deleted_;
      s.metrics(id()).add(deleted_c_);
      if (c_.fifo)
        if (auto it = receipt_group_.find(bits); it != receipt_group_.end()) {
          const uint64_t key = it->second;
          receipt_group_.erase(it);
          left_queue(groups_[key].head_id);
          promote(s, key);
        }
    } else if (c_.fifo) {
      if (auto it = receipt_group_.find(bits); it != receipt_group_.end() && groups_[it->second].receipt != bits)
        receipt_group_.erase(it);  // a stale receipt of a head that was received again
    }
    s.respond(h, Outcome::Ok, done);
    serve_waiters(s);  // a FIFO group's next message may be visible now
  }

  void move_to_dlq(Simulation& s, const Leased& l) {
    ++moved_to_dlq_;
    s.metrics(id()).add(dlq_c_);
    if (moved_to_dlq_ <= kLoggedPerKind) {
      const std::string dlq = s.info(dlq_).id, id_text = std::to_string(l.item.id);
      const std::string more = moved_to_dlq_ == kLoggedPerKind ? " (further moves are counted, not logged)" : "";
      const std::string more_ko = moved_to_dlq_ == kLoggedPerKind ? " (이후 이동은 기록하지 않고 개수만 셉니다)" : "";
      s.log(id(), LogKind::MessageToDlq,
            "message " + id_text + " moved to the dead-letter queue " + dlq + ": received " +
                std::to_string(l.receive_count - 1) + " times without being deleted (maxReceiveCount " +
                std::to_string(c_.max_receive_count) + ")" + more,
            "메시지 " + id_text + "번을 배달 못한 편지 대기열 " + doc::with_direction(dlq) + " 옮겼습니다. 삭제되지 않은 채 " +
                std::to_string(l.receive_count - 1) + "번 수신되었습니다(maxReceiveCount " +
                std::to_string(c_.max_receive_count) + ")" + more_ko)
          .because("max_receive_count")
          .about_message(l.item.id)
          .naming(dlq_.v)
          .field("receive_count", static_cast<double>(l.receive_count - 1));
    }
    static_cast<Sqs&>(s.model(dlq_)).accept_moved(s, l.item);
  }

  void duplicate(Simulation& s, const Leased& l) {
    ++duplicates_;
    s.metrics(id()).add(dup_c_);
    if (duplicates_ > kLoggedPerKind) return;
    const std::string id_text = std::to_string(l.item.id), n = std::to_string(l.receive_count);
    const std::string more = duplicates_ == kLoggedPerKind ? " (further duplicates are counted, not logged)" : "";
    const std::string more_ko = duplicates_ == kLoggedPerKind ? " (이후 중복은 기록하지 않고 개수만 셉니다)" : "";
    s.log(id(), LogKind::Warning,
          "message " + id_text + " is received again (receive " + n + "): its visibility timeout of " + secs(c_.visibility) +
              " s ran out before it was deleted, so its work is done again" + more,
          "메시지 " + id_text + "번을 다시 수신합니다(" + n + "번째 수신). 삭제되기 전에 표시 제한 시간 " + secs(c_.visibility) +
              "초가 지나서 같은 작업을 다시 합니다" + more_ko)
        .because("visibility_timeout")
        .about_message(l.item.id)
        .field("receive_count", static_cast<double>(l.receive_count));
  }

  std::string throughput_text(bool korean) const {
    const std::string rate = c_.high_throughput ? "70,000" : "300";
    return korean ? "API 작업마다 초당 " + rate + "건까지 처리합니다(배치당 메시지 최대 10개)"
                  : rate + " calls/s per API action (up to 10 messages per batch)";
  }

  // A refused send: counted, and the first of each reason logged.
  void refuse_because(Simulation& s, const char* reason, const std::string& en, const std::string& ko) {
    ++refused_;
    s.metrics(id()).add(refused_c_);
    log_because(s, reason, en, ko);
  }
  void log_because(Simulation& s, const char* reason, const std::string& en, const std::string& ko) {
    for (const char* r : logged_reasons_)
      if (std::strcmp(r, reason) == 0) return;
    logged_reasons_.push_back(reason);
    s.log(id(), LogKind::Warning, en + " (further ones are counted, not logged)", ko + " (이후에는 기록하지 않고 개수만 셉니다)")
        .because(reason);
  }

  void refresh(Simulation& s) {
    NodeMetrics& m = s.metrics(id());
    m.set(visible_g_, static_cast<double>(store_.visible() + backlog_));
    m.set(in_flight_g_, static_cast<double>(store_.leased()));
    m.set(delayed_g_, static_cast<double>(store_.delayed()));
    const uint64_t e = expired();
    if (e != expired_seen_) {
      m.add(expired_c_, static_cast<double>(e - expired_seen_));
      if (expired_seen_ == 0)
        s.log(id(), LogKind::Warning,
              "messages older than the retention period (" + secs(c_.retention) + " s) are deleted: lost (further ones are counted, not logged)",
              "메시지 보존 기간(" + secs(c_.retention) + "초)보다 오래된 메시지를 삭제했습니다. 이 메시지는 사라집니다(이후에는 기록하지 않고 개수만 셉니다)")
            .because("retention_period")
            .field("expired", static_cast<double>(e));
      expired_seen_ = e;
    }
    due_.set(s, id(), store_.next_due(), kTimerDue);
    wait_.set(s, id(), waiters_.empty() ? kNever : waiters_.front().until, kTimerWaitEnd);
  }

  Config c_;
  LeaseStore store_;
  NodeId dlq_;
  PoolId send_pool_{}, receive_pool_{}, delete_pool_{};
  std::map<uint64_t, Group> groups_;               // FIFO: by message group (the item's key)
  std::map<uint64_t, uint64_t> receipt_group_;     // FIFO: receipt bits -> group of the message in flight
  std::deque<std::pair<SimTime, uint64_t>> dedup_order_;  // FIFO: (sent, item id), oldest first
  std::set<uint64_t> dedup_ids_;                          // FIFO: item ids sent in the last 5 minutes
  std::set<uint64_t> shared_group_;                       // FIFO: ids of held messages sent with one shared group id
  std::deque<Waiter> waiters_;
  std::vector<const char*> logged_reasons_;
  uint64_t backlog_ = 0;
  uint64_t sent_ = 0, from_sources_ = 0, deleted_ = 0, moved_to_dlq_ = 0, refused_ = 0, deduplicated_ = 0;
  uint64_t duplicates_ = 0, fifo_expired_ = 0, expired_seen_ = 0;
  SimTime oldest_s_ = 0;
  WakeUp due_, wait_;
  Reply reply_;  // reused: its capacity stays
  GaugeId visible_g_, in_flight_g_, delayed_g_, oldest_g_, dlq_g_;
  CounterId sent_c_, received_c_, deleted_c_, empty_c_, dup_c_, expired_c_, dlq_c_, refused_c_, dedup_c_, from_c_,
      requests_c_;
  LatencyMetricId age_l_;
};

catalog::ParamSpec int_param(const char* key, catalog::Text label, catalog::Text help, const char* unit, double min,
                             double max, double def, const char* fact) {
  return catalog::ParamSpec{key, catalog::ParamType::Int, label, help, unit, min, max, def, {}, fact};
}

using catalog::metric;

std::string queue_name(const doc::NodeDoc& n) { return n.name.empty() ? n.id : n.name; }
bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// Rules across the document: a FIFO queue's name; the dead-letter queue a queue names.
std::vector<doc::Issue> check_queues(const doc::Document& d) {
  std::vector<doc::Issue> out;
  for (size_t i = 0; i < d.nodes.size(); ++i) {
    const doc::NodeDoc& n = d.nodes[i];
    if (n.type != "sqs" || !n.params.is_object()) continue;
    const json p = catalog::with_defaults(sqs_descriptor(), n.params);
    const bool fifo = catalog::param_string(p, "queue_type") == "fifo";
    const std::string name = queue_name(n);
    if (fifo && !ends_with(name, ".fifo"))
      out.push_back({doc::index_path("nodes", i) + ".name",
                     "a FIFO queue's name must end in \".fifo\" (AWS refuses to create it otherwise): " + doc::quote(name) +
                         " does not; name it " + doc::quote(name + ".fifo"),
                     "FIFO 대기열의 이름은 \".fifo\"로 끝나야 합니다(그렇지 않으면 AWS가 대기열을 만들지 않습니다). " +
                         doc::with_topic(doc::quote(name)) + " 그렇지 않으니 " + doc::quote(name + ".fifo") +
                         "처럼 이름을 바꾸세요."});
    const std::string dlq = catalog::param_string(p, "dead_letter_queue");
    if (dlq.empty()) continue;
    const std::string path = doc::index_path("nodes", i) + ".params.dead_letter_queue";
    const doc::NodeDoc* t = d.find_node(dlq);
    if (!t || t->type != "sqs") {
      std::vector<std::string> queues;
      for (const doc::NodeDoc& q : d.nodes)
        if (q.type == "sqs" && q.id != n.id) queues.push_back(q.id);
      out.push_back({path, "there is no SQS queue " + doc::quote(dlq) + " in this document to be the dead-letter queue." +
                               doc::did_you_mean(dlq, queues),
                     "이 문서에는 배달 못한 편지 대기열로 쓸 SQS 대기열 " + doc::with_subject(doc::quote(dlq)) + " 없습니다." +
                         doc::did_you_mean_ko(dlq, queues)});
      continue;
    }
    if (t->id == n.id) {
      out.push_back({path, "a queue cannot be its own dead-letter queue", "대기열을 자기 자신의 배달 못한 편지 대기열로 지정할 수는 없습니다."});
      continue;
    }
    const json tp = catalog::with_defaults(sqs_descriptor(), t->params.is_object() ? t->params : json::object());
    // AWS-FACTS: SQS / DLQ — the DLQ is of the same type as its source.
    if ((catalog::param_string(tp, "queue_type") == "fifo") != fifo)
      out.push_back({path, "the dead-letter queue of a " + std::string(fifo ? "FIFO" : "standard") + " queue must be a " +
                               (fifo ? "FIFO" : "standard") + " queue too; " + doc::quote(dlq) + " is not",
                     std::string(fifo ? "FIFO" : "표준") + " 대기열의 배달 못한 편지 대기열도 " + (fifo ? "FIFO" : "표준") +
                         " 대기열이어야 합니다. " + doc::with_topic(doc::quote(dlq)) + " 그렇지 않습니다."});
    else if (t->region != n.region)
      out.push_back({path, "the dead-letter queue must be in the same Region as its source queue; " + doc::quote(dlq) +
                               " is in " + t->region,
                     "배달 못한 편지 대기열은 원본 대기열과 같은 리전에 있어야 합니다. " + doc::with_topic(doc::quote(dlq)) + " " +
                         t->region + " 리전에 있습니다."});
  }
  return out;
}

catalog::ServiceDescriptor make_descriptor() {
  using catalog::ParamSpec;
  using catalog::ParamType;
  using K = MetricKind;
  using St = MetricStat;
  catalog::ServiceDescriptor d;
  d.type = "sqs";
  d.category = catalog::Category::Messaging;
  d.name = {"SQS queue", "SQS 대기열"};
  d.summary = {"Amazon SQS: producers send messages to the queue; consumers poll it, work on each message and delete it. "
               "A message not deleted within its visibility timeout is received again.",
               "Amazon SQS: 생산자가 대기열로 메시지를 보내면 소비자가 대기열을 폴링해 메시지를 받아 처리한 뒤 삭제합니다. "
               "표시 제한 시간 안에 삭제하지 않은 메시지는 다시 수신됩니다."};
  d.simplifications = {
      "Standard queues deliver at least once only through the visibility timeout and producer retries: the rare extra copy "
      "that AWS's distributed storage may hand out is not simulated, and order is first in, first out except for "
      "messages that come back. Short polling sees every message (AWS samples a subset of its servers, so a short poll "
      "may come back empty while messages wait). A dead-letter queue's retention counts from the move (AWS keeps a "
      "standard message's first enqueue time). FIFO: a message's group is its request's key (a users node's keys), or "
      "one id shared by every message its producer's wire sends (Message group ID single); deduplication is by message (a producer's retry is the same "
      "message: content-based deduplication); a message past retention is dropped when it comes up in its group; the "
      "throughput limits are token buckets with one second of burst, and high-throughput mode uses us-east-1's limit in "
      "every Region. Every request is billed (no free tier). The first 50 duplicates and moves to the DLQ of each queue "
      "are logged; later ones are counted.",
      "표준 대기열의 '최소 한 번 전송'은 표시 제한 시간과 생산자의 재시도로만 나타납니다. AWS의 분산 저장소가 드물게 "
      "메시지를 한 번 더 전달하는 경우는 시뮬레이션하지 않으며, 다시 표시되는 메시지를 빼면 먼저 들어온 메시지가 먼저 "
      "나갑니다. 짧은 폴링도 모든 메시지를 봅니다(AWS는 일부 서버만 확인하므로 메시지가 있어도 빈 응답이 올 수 있습니다). "
      "배달 못한 편지 대기열의 보존 기간은 옮긴 때부터 셉니다(AWS는 표준 메시지가 처음 대기열에 들어간 시각을 유지합니다). "
      "FIFO: 메시지의 그룹은 요청의 키(사용자 노드의 키)이며, 생산자 연결선의 메시지 그룹 ID가 \"single\"이면 그 연결선으로 "
      "보낸 모든 메시지가 ID 하나를 함께 씁니다. 중복 제거는 메시지 단위입니다(생산자가 다시 보낸 메시지는 같은 메시지로 보며, 콘텐츠 기반 중복 제거와 "
      "같습니다). 보존 기간이 지난 메시지는 그룹에서 차례가 올 때 삭제됩니다. 처리량 한도는 1초만큼 버스트할 수 있는 "
      "토큰 버킷이며, 높은 처리량 모드는 모든 리전에서 us-east-1의 한도를 씁니다. 모든 요청에 요금을 매깁니다(프리 티어 "
      "없음). 대기열마다 처음 50건의 중복 수신과 배달 못한 편지 대기열 이동만 이벤트로 기록하고, 그 뒤로는 개수만 셉니다."};
  d.placement = PlacementKind::Region;
  d.params = {
      ParamSpec{"queue_type", ParamType::Enum, {"Queue type", "대기열 유형"},
                {"standard: at-least-once delivery, nearly unlimited throughput. fifo: order per message group (one message "
                 "of a group in flight at a time), duplicates removed within 5 minutes, 300 API calls/s per action. A FIFO "
                 "queue's name must end in .fifo.",
                 "standard: 최소 한 번 전송, 처리량은 거의 무제한입니다. fifo: 메시지 그룹마다 순서를 지키고(그룹마다 한 번에 "
                 "메시지 하나만 처리 중), 5분 안의 중복을 없애며, API 작업마다 초당 300건까지 처리합니다. FIFO 대기열의 "
                 "이름은 .fifo로 끝나야 합니다."},
                "", 0, 0, "standard", {"standard", "fifo"}, "SQS / Standard delivery"},
      int_param("visibility_timeout_s", {"Visibility timeout", "표시 제한 시간"},
                {"How long a received message stays hidden from other consumers. If the consumer has not deleted it by "
                 "then, it is visible again and received a second time: its work is done twice.",
                 "수신한 메시지가 다른 소비자에게 보이지 않는 시간입니다. 그 안에 소비자가 메시지를 삭제하지 않으면 다시 "
                 "표시되어 한 번 더 수신되고, 같은 작업을 두 번 하게 됩니다."},
                "s", 0, kVisibilityMaxS, kVisibilityDefaultS, "SQS / Visibility timeout"),
      int_param("message_retention_s", {"Message retention period", "메시지 보존 기간"},
                {"Messages older than this are deleted by SQS, received or not: they are lost (counted as expired).",
                 "이보다 오래된 메시지는 수신 여부와 상관없이 SQS가 삭제합니다. 이 메시지는 사라지며 만료로 집계됩니다."},
                "s", kRetentionMinS, kRetentionMaxS, kRetentionDefaultS, "SQS / Retention"),
      int_param("delivery_delay_s", {"Delivery delay", "전송 지연"},
                {"A delay queue: each new message stays invisible (delayed) this long before a consumer can receive it.",
                 "지연 대기열입니다. 새 메시지는 이 시간 동안 보이지 않다가(지연됨) 그 뒤에 소비자가 받을 수 있습니다."},
                "s", 0, kDelayMaxS, 0, "SQS / Delay queue / timer"),
      int_param("max_message_size_kib", {"Maximum message size", "최대 메시지 크기"},
                {"Larger messages are refused at send (counted as refused).",
                 "이보다 큰 메시지는 보낼 때 거절되며 거절로 집계됩니다."},
                "KiB", 1, kMaxMessageKiB, kMaxMessageKiB, "SQS / Max message size"),
      int_param("receive_wait_time_s", {"Receive message wait time", "메시지 수신 대기 시간"},
                {"0: short polling, an empty queue answers at once (an empty receive, billed like any request). 1–20: long "
                 "polling, a receive waits up to this long for a message, so far fewer empty receives.",
                 "0이면 짧은 폴링으로, 대기열이 비어 있으면 바로 빈 응답을 보냅니다(빈 수신도 다른 요청처럼 요금이 붙습니다). "
                 "1~20이면 긴 폴링으로, 수신 요청이 메시지를 최대 이 시간까지 기다리므로 빈 수신이 훨씬 적습니다."},
                "s", 0, kWaitMaxS, 0, "SQS / Long polling"),
      ParamSpec{"dead_letter_queue", ParamType::String, {"Dead-letter queue", "배달 못한 편지 대기열"},
                {"The id of another SQS queue in this Region (of the same type): a message received more than the maximum "
                 "receives without being deleted is moved there. Empty: none, and a poison message comes back until it "
                 "expires.",
                 "같은 리전에 있는 같은 유형의 다른 SQS 대기열 ID입니다. 삭제되지 않은 채 최대 수신 횟수보다 많이 수신된 "
                 "메시지를 그 대기열로 옮깁니다. 비워 두면 없음이며, 처리할 수 없는 메시지가 만료될 때까지 계속 돌아옵니다."},
                "", 0, 64, "", {}, "SQS / DLQ"},
      int_param("max_receive_count", {"Maximum receives", "최대 수신 횟수"},
                {"With a dead-letter queue: a message received this many times without being deleted goes to the DLQ on "
                 "its next receive (maxReceiveCount).",
                 "배달 못한 편지 대기열이 있을 때, 삭제되지 않은 채 이 횟수만큼 수신된 메시지는 다음 수신 때 배달 못한 "
                 "편지 대기열로 옮겨집니다(maxReceiveCount)."},
                "", 1, kMaxReceiveCountMax, kMaxReceiveCountDefault, "SQS / DLQ"),
      ParamSpec{"high_throughput", ParamType::Bool, {"High-throughput FIFO", "높은 처리량 FIFO"},
                {"FIFO only: up to 70,000 calls/s per action instead of 300 (us-east-1's limit).",
                 "FIFO 전용: API 작업마다 초당 300건 대신 70,000건까지 처리합니다(us-east-1 한도)."},
                "", 0, 0, false, {}, "SQS / FIFO throughput"},
  };
  d.makes_calls = false;
  // Producers call it (SendMessage); a FIFO queue's producer sets each message's group.
  d.target_roles = {catalog::RoleSpec{
      WireRole::Call,
      {ParamSpec{"message_group", ParamType::Enum, {"Message group ID", "메시지 그룹 ID"},
                 {"FIFO only: the MessageGroupId the producer sends. per_key: the request's key (a customer or account "
                  "id), so each key's messages stay in order and different keys are worked on in parallel. single: one "
                  "fixed id for every message, so the whole queue is one group: strictly in order, one message in flight "
                  "at a time, whatever the number of consumers.",
                  "FIFO 전용: 생산자가 보내는 MessageGroupId입니다. \"per_key\"는 요청의 키(고객 ID나 계정 ID)를 쓰므로 키마다 "
                  "순서가 지켜지고, 서로 다른 키의 메시지는 동시에 처리됩니다. \"single\"은 모든 메시지에 같은 ID 하나를 쓰므로 "
                  "대기열 전체가 그룹 하나가 됩니다. 순서는 엄격히 지켜지지만, 소비자가 몇 개든 한 번에 메시지 하나만 처리 "
                  "중일 수 있습니다."},
                 "", 0, 0, "per_key", {"per_key", "single"}, "SQS / FIFO order / dedup", 0, false, ""}},
      {},
      nullptr}};
  // Consumers poll it. A Lambda mapping's batch above 10 needs a batching window: one
  // ReceiveMessage returns at most 10 (AWS-FACTS: SQS / Batch). Kinesis has no such rule.
  d.source_roles = {catalog::RoleSpec{WireRole::Poll, {}, {}, [](const json& p) {
    std::vector<doc::Issue> out;
    if (catalog::param_number(p, "batch_size") > 10 && catalog::param_number(p, "maximum_batching_window_s") < 1)
      out.push_back({"maximum_batching_window_s",
                     "a batch size above 10 needs a batching window of at least 1 s: a receive from a queue returns "
                     "at most 10 messages.",
                     "배치 크기가 10보다 크면 배치 기간이 1초 이상이어야 합니다. 대기열에서 한 번 받을 때 메시지는 최대 "
                     "10개입니다."});
    return out;
  }}};
  d.validate_document = check_queues;
  d.rename_node_refs = [](json& params, const std::map<std::string, std::string>& renamed) {
    auto it = params.find("dead_letter_queue");
    if (it == params.end() || !it->is_string()) return;
    if (auto r = renamed.find(it->get<std::string>()); r != renamed.end()) *it = r->second;
  };
  const catalog::Text msgs{"messages", "개"};
  // Lint advice: one finding per queue and rule (for the visibility rule, the first poll
  // wire that breaks it).
  d.lint_rules = catalog::lint_rules_from("sqs", {"sqs-visibility-shorter-than-processing", "sqs-no-dead-letter-queue"},
                                          sqs_lint);
  d.icon = catalog::Icon::Queue;
  d.metrics = {
      metric("visible", K::Gauge, St::Max, {"Messages available", "사용 가능한 메시지"}, msgs,
             {"Messages waiting to be received (ApproximateNumberOfMessagesVisible; a FIFO queue's messages behind their "
              "group's first one included).",
              "수신을 기다리는 메시지 수입니다(ApproximateNumberOfMessagesVisible, FIFO 대기열은 그룹의 첫 메시지 뒤에서 "
              "기다리는 메시지도 포함)."},
             catalog::MetricCard::Waiting),
      metric("in_flight", K::Gauge, St::Max, {"Messages in flight", "처리 중인 메시지"}, msgs,
             {"Received, not yet deleted, and still within their visibility timeout (ApproximateNumberOfMessagesNotVisible).",
              "수신되었지만 아직 삭제되지 않았고 표시 제한 시간이 남은 메시지 수입니다(ApproximateNumberOfMessagesNotVisible)."}),
      metric("delayed", K::Gauge, St::Max, {"Messages delayed", "지연된 메시지"}, msgs,
             {"Sent, still within the delivery delay (ApproximateNumberOfMessagesDelayed).",
              "보냈지만 아직 전송 지연 시간이 지나지 않은 메시지 수입니다(ApproximateNumberOfMessagesDelayed)."}),
      metric("oldest_age_s", K::Gauge, St::Max, {"Age of oldest message", "가장 오래된 메시지의 경과 시간"}, {"s", "초"},
             {"How long the oldest message in the queue has been there (ApproximateAgeOfOldestMessage).",
              "대기열에서 가장 오래된 메시지가 머문 시간입니다(ApproximateAgeOfOldestMessage)."}),
      metric("dlq_messages", K::Gauge, St::Max, {"Messages in the DLQ", "DLQ에 있는 메시지"}, msgs,
             {"Messages held now by this queue's dead-letter queue (visible, in flight or delayed there): the ones it "
              "gave up on and nobody has dealt with yet. Read once a second.",
              "이 대기열의 배달 못한 편지 대기열(DLQ)에 지금 있는 메시지 수입니다(표시, 처리 중, 지연 상태 모두 포함). 이 "
              "대기열이 처리를 포기했는데 아직 아무도 처리하지 않은 메시지입니다. 1초마다 읽습니다."}),
      metric("sent", K::Counter, St::Max, {"Messages sent", "보낸 메시지"}, msgs,
             {"SendMessage requests that reached the queue, refused ones included.",
              "대기열에 도착한 SendMessage 요청 수이며 거절된 것도 포함합니다."}),
      metric("received", K::Counter, St::Max, {"Messages received", "수신한 메시지"}, msgs,
             {"Messages handed to consumers, receives of the same message again included.",
              "소비자에게 건넨 메시지 수이며 같은 메시지를 다시 건넨 것도 포함합니다."}),
      metric("deleted", K::Counter, St::Max, {"Messages deleted", "삭제한 메시지"}, msgs,
             {"Messages a consumer deleted in time: done.", "소비자가 제때 삭제한 메시지, 즉 처리가 끝난 메시지 수입니다."}),
      metric("empty_receives", K::Counter, St::Max, {"Empty receives", "빈 수신"}, {"billed_requests", "건"},
             {"ReceiveMessage requests that returned no message: billed all the same. Long polling makes them rare.",
              "메시지 없이 돌아온 ReceiveMessage 요청 수입니다. 그래도 요금이 붙으며, 긴 폴링을 쓰면 크게 줄어듭니다."}),
      metric("duplicates", K::Counter, St::Max, {"Duplicate receives", "중복 수신"}, msgs,
             {"Receives of a message received before (ApproximateReceiveCount above 1): its visibility timeout ran out "
              "before it was deleted, so its work is done again.",
              "이미 수신한 적 있는 메시지를 다시 수신한 횟수입니다(ApproximateReceiveCount가 1보다 큼). 삭제되기 전에 표시 "
              "제한 시간이 지나서 같은 작업을 다시 합니다."}),
      metric("expired", K::Counter, St::Max, {"Messages expired", "만료된 메시지"}, msgs,
             {"Messages deleted by SQS after the retention period: lost.", "보존 기간이 지나 SQS가 삭제한 메시지로, 사라진 메시지입니다."}),
      metric("moved_to_dlq", K::Counter, St::Max, {"Moved to the DLQ", "DLQ로 옮긴 메시지"}, msgs,
             {"Messages received more than the maximum receives and moved to the dead-letter queue.",
              "최대 수신 횟수보다 많이 수신되어 배달 못한 편지 대기열로 옮긴 메시지 수입니다."}),
      metric("refused", K::Counter, St::Max, {"Messages refused", "거절한 메시지"}, msgs,
             {"Sends refused: larger than the maximum message size, or over a FIFO queue's throughput.",
              "거절한 전송 요청 수입니다. 최대 메시지 크기보다 크거나 FIFO 대기열의 처리량을 넘은 경우입니다."}),
      metric("deduplicated", K::Counter, St::Max, {"Duplicates removed", "제거한 중복 메시지"}, msgs,
             {"FIFO: the same message sent again within 5 minutes (a producer's retry), accepted and not kept.",
              "FIFO: 5분 안에 다시 보낸 같은 메시지(생산자의 재시도)로, 받아들이되 보관하지 않습니다."}),
      metric("from_sources", K::Counter, St::Max, {"Messages from source queues", "원본 대기열에서 온 메시지"}, msgs,
             {"As a dead-letter queue: messages its source queues moved here.",
              "배달 못한 편지 대기열로서 원본 대기열들이 옮겨 온 메시지 수입니다."}),
      metric("billed_requests", K::Counter, St::Max, {"Billed requests", "요금이 붙는 요청"}, {"billed_requests", "건"},
             {"API requests (send, receive, delete; each 64 KB of a payload counts as one): the queue's cost.",
              "API 요청 수입니다(전송, 수신, 삭제, 페이로드 64 KB마다 1건). 대기열 요금의 기준입니다."}),
      metric("age_at_receive", K::Latency, St::Max, {"Age at receive", "수신 시 메시지 나이"}, {"ms", "밀리초"},
             {"From the producer's first send to this receive: the wait in the queue and the hops before it.",
              "생산자가 처음 보낸 때부터 이번 수신까지의 시간으로, 대기열에서 기다린 시간과 그 앞의 전달 시간을 합친 값입니다."}),
  };
  catalog::metric_spec(d, "dlq_messages").only_when = {"queues with a dead-letter queue", "배달 못한 편지 대기열(DLQ)을 지정한 대기열"};
  d.metric_applies = [](const std::string& key, const json& p) {
    return key != "dlq_messages" || !catalog::param_string(p, "dead_letter_queue").empty();
  };
  // Live during a run: the queue's state as the SQS console's monitoring shows it.
  using Live = catalog::MetricLive;
  catalog::show_live(d, "visible", Live::Value, {"visible", "표시"});
  catalog::show_live(d, "in_flight", Live::Value, {"in flight", "처리 중"});
  catalog::show_live(d, "delayed", Live::Value, {"delayed", "지연"});
  catalog::show_live(d, "oldest_age_s", Live::Value, {"oldest", "최장 대기"});
  catalog::show_live(d, "dlq_messages", Live::Value, {"in DLQ", "DLQ 메시지"});
  catalog::show_live(d, "duplicates", Live::Value, {"duplicates", "중복 수신"});
  d.create = [](const catalog::BuildContext& b) -> std::unique_ptr<Model> {
    const json& p = b.params;
    Config c;
    c.fifo = catalog::param_string(p, "queue_type") == "fifo";
    c.visibility = static_cast<SimTime>(catalog::param_number(p, "visibility_timeout_s")) * kSecond;
    c.retention = static_cast<SimTime>(catalog::param_number(p, "message_retention_s")) * kSecond;
    c.delay = static_cast<SimTime>(catalog::param_number(p, "delivery_delay_s")) * kSecond;
    c.wait = static_cast<SimTime>(catalog::param_number(p, "receive_wait_time_s")) * kSecond;
    c.max_bytes = static_cast<uint32_t>(catalog::param_number(p, "max_message_size_kib")) * 1024;
    c.dlq = catalog::param_string(p, "dead_letter_queue");
    c.max_receive_count = static_cast<uint32_t>(catalog::param_number(p, "max_receive_count"));
    c.high_throughput = catalog::param_bool(p, "high_throughput");
    return std::make_unique<Sqs>(std::move(c));
  };
  return d;
}

// ---- lint helpers ----
// The mean processing time of a consumer, in seconds (its service time), or -1 when unknown.
double consumer_processing_s(const doc::NodeDoc& n) {
  const catalog::ServiceDescriptor* d = catalog::find_service(n.type);
  if (!d || !catalog::find_param(d->params, "service_time")) return -1;
  const json p = catalog::with_defaults(*d, n.params.is_object() ? n.params : json::object());
  std::vector<doc::Issue> errors;
  auto dist = doc::parse_distribution(p["service_time"], "service_time", errors);
  return dist ? dist->mean() : -1;
}

}  // namespace

const catalog::ServiceDescriptor& sqs_descriptor() {
  static const catalog::ServiceDescriptor d = make_descriptor();
  return d;
}

catalog::RoleSpec sqs_consumer_role() {
  using catalog::ParamSpec;
  using catalog::ParamType;
  return catalog::RoleSpec{
      WireRole::Poll,
      {int_param("batch_size", {"Batch size", "배치 크기"},
                 {"Messages asked for in each receive (MaxNumberOfMessages, default 1). The worker works on a batch's "
                  "messages one after another, so the last one's visibility timeout runs while the others are worked on.",
                  "수신 요청 한 번에 요청하는 메시지 수입니다(MaxNumberOfMessages, 기본값 1). 작업자는 배치의 메시지를 "
                  "차례로 처리하므로, 마지막 메시지의 표시 제한 시간은 앞의 메시지를 처리하는 동안에도 흘러갑니다."},
                 "messages", 1, kMaxBatch, 1, "SQS / Batch"),
       int_param("idle_pause_ms", {"Pause after an empty receive", "빈 수신 뒤 쉬는 시간"},
                 {"How long the worker waits before it polls again when a receive came back empty. 0: at once, as an SDK "
                  "loop without a sleep does (with short polling, many empty receives).",
                  "수신 요청이 빈 응답으로 돌아왔을 때 작업자가 다시 폴링하기 전에 기다리는 시간입니다. 0이면 바로 다시 "
                  "폴링합니다(쉬지 않는 SDK 루프와 같으며, 짧은 폴링이면 빈 수신이 많아집니다)."},
                 "ms", 0, 60000, 0, ""),
       ParamSpec{"failing_messages_pct", ParamType::Float, {"Messages that fail", "처리에 실패하는 메시지"},
                 {"Share of messages whose processing always fails (poison messages: bad input, a bug). The worker spends "
                  "the processing time and does not delete them, so they come back after the visibility timeout until a "
                  "dead-letter queue takes them. Which messages fail follows from their id: the same ones in every run.",
                  "처리가 항상 실패하는 메시지의 비율입니다(잘못된 입력이나 버그로 처리할 수 없는 메시지). 작업자는 처리 "
                  "시간을 쓴 뒤 메시지를 삭제하지 않으므로, 메시지는 표시 제한 시간이 지나면 돌아오고 배달 못한 편지 "
                  "대기열로 옮겨질 때까지 반복됩니다. 어떤 메시지가 실패할지는 메시지 ID로 정해지므로 실행할 때마다 같습니다."},
                 "%", 0, 100, 0.0, {}, ""}},
      {"sqs"},
      nullptr};
}

std::optional<SqsBalance> sqs_balance(const Simulation& s, NodeId n) {
  const auto* q = dynamic_cast<const Sqs*>(&s.model(n));
  if (!q) return std::nullopt;
  return q->balance();
}

sim::MessageBalance sqs_message_balance(const SqsBalance& b) {
  sim::MessageBalance m;
  m.in = {{"sent", "sent", "보냄", b.sent}, {"from_sources", "from source queues", "원본 대기열에서", b.from_sources}};
  m.out = {{"deleted", "deleted", "삭제", b.deleted},
           {"visible", "visible", "표시", b.visible + b.backlog, true},
           {"in_flight", "in flight", "처리 중", b.in_flight, true},
           {"delayed", "delayed", "지연", b.delayed, true},
           {"expired", "expired", "만료", b.expired},
           {"moved_to_dlq", "moved to DLQ", "DLQ로 이동", b.moved_to_dlq},
           {"refused", "refused", "거절", b.refused},
           {"deduplicated", "deduplicated", "중복 제거", b.deduplicated}};
  return m;
}

std::string sqs_balance_text(const SqsBalance& b, bool korean) { return sqs_message_balance(b).text(korean); }

void sqs_lint(const doc::Document& d, std::vector<catalog::Finding>& out) {
  for (const doc::NodeDoc& q : d.nodes) {
    if (q.type != "sqs") continue;
    const json p = catalog::with_defaults(sqs_descriptor(), q.params.is_object() ? q.params : json::object());
    const double visibility = catalog::param_number(p, "visibility_timeout_s");
    bool consumed = false;
    for (const doc::ConnectionDoc& c : d.connections) {
      if (c.from != q.id || c.role != "poll") continue;
      consumed = true;
      const doc::NodeDoc* w = d.find_node(c.to);
      if (!w) continue;
      const double work = consumer_processing_s(*w);
      const double batch = c.params.is_object() && c.params.contains("batch_size") && c.params["batch_size"].is_number()
                               ? c.params["batch_size"].get<double>()
                               : 1;
      // Twice the mean: with any spread in the work, the slower messages pass the timeout.
      if (work < 0 || 2 * work * batch <= visibility) continue;
      const std::string ms = std::to_string(static_cast<long long>(work * batch * 1000 + 0.5));
      const std::string vs = std::to_string(static_cast<long long>(visibility));
      out.push_back({"sqs-visibility-shorter-than-processing", catalog::Severity::Warning,
                     "Queue " + q.id + " hides a received message for " + vs + " s, and " + w->id + " takes about " + ms +
                         " ms on average to work through a batch: close to or beyond the visibility timeout. Messages that "
                         "take longer than " + vs + " s become visible again while they are worked on and are processed "
                         "twice. Make the visibility timeout several times the processing time, or the batches smaller.",
                     "대기열 " + doc::with_topic(q.id) + " 수신한 메시지를 " + vs + "초 동안 숨기는데, " + doc::with_topic(w->id) +
                         " 배치 하나를 처리하는 데 평균 " + ms + "밀리초가 걸려 표시 제한 시간에 가깝거나 그보다 깁니다. " + vs +
                         "초보다 오래 걸리는 메시지는 처리하는 도중에 다시 표시되어 두 번 처리됩니다. 표시 제한 시간을 처리 "
                         "시간의 몇 배로 늘리거나 배치를 작게 하세요.",
                     {c.id, q.id, w->id}, "SQS / Visibility timeout"});
    }
    // A queue consumed but with no DLQ: a poison message comes back until it expires. A
    // queue that is some other queue's DLQ needs none.
    bool is_dlq = false;
    for (const doc::NodeDoc& o : d.nodes)
      if (o.type == "sqs" && o.params.is_object() && o.params.contains("dead_letter_queue") &&
          o.params["dead_letter_queue"] == q.id)
        is_dlq = true;
    if (consumed && !is_dlq && catalog::param_string(p, "dead_letter_queue").empty())
      out.push_back({"sqs-no-dead-letter-queue", catalog::Severity::Info,
                     "Queue " + q.id + " has no dead-letter queue: a message its consumers can never process comes back "
                     "after every visibility timeout until the retention period deletes it, costing a receive each time. "
                     "Add a dead-letter queue with a maximum receive count.",
                     "대기열 " + doc::with_topic(q.id) + " 배달 못한 편지 대기열이 없습니다. 소비자가 끝내 처리하지 못하는 메시지는 "
                     "보존 기간이 지나 삭제될 때까지 표시 제한 시간마다 돌아오고, 그때마다 수신 요금이 붙습니다. 최대 수신 "
                     "횟수와 함께 배달 못한 편지 대기열을 지정하세요.",
                     {q.id}, "SQS / DLQ"});
  }
}

// ---- SqsPoller ------------------------------------------------------------------

namespace {
constexpr uint32_t kOpMask = 0xff;
// tag = op (0 delete, n receive) | loop << 8 (16 bits) | epoch << 24 (8 bits)
uint32_t poll_tag(uint32_t op, uint32_t loop, uint32_t epoch) { return op | (loop & 0xffff) << 8 | (epoch & 0xff) << 24; }
uint64_t timer_payload(uint32_t loop, uint32_t epoch) { return static_cast<uint64_t>(epoch) << 32 | loop; }
}  // namespace

bool SqsPoller::attach(Simulation& s, NodeId self) {
  polls_.clear();
  for (ConnId c : s.outgoing(self)) {
    const Connection& k = s.connection(c);
    if (k.role != WireRole::Poll) continue;
    Poll p;
    p.conn = c;
    p.batch = static_cast<uint32_t>(std::clamp(k.role_params.number("batch_size", 1), 1.0, double(kMaxBatch)));
    p.idle_pause = static_cast<SimTime>(k.role_params.number("idle_pause_ms", 0)) * kMillisecond;
    const double share = std::clamp(k.role_params.number("failing_messages_pct", 0) / 100.0, 0.0, 1.0);
    p.fail_below = share >= 1 ? UINT64_MAX : static_cast<uint64_t>(share * 18446744073709551616.0);
    polls_.push_back(p);
  }
  return !polls_.empty();
}

void SqsPoller::begin(Simulation& s, NodeId self, int64_t loops) {
  if (polls_.empty() || running_) return;
  running_ = true;
  ++epoch_;
  loops_.assign(static_cast<size_t>(std::max<int64_t>(loops, 1)), Loop{});
  for (uint32_t i = 0; i < loops_.size(); ++i) {
    loops_[i].poll = i % static_cast<uint32_t>(polls_.size());
    s.schedule_timer(self, s.now(), kTimerPoll, timer_payload(i, epoch_ & 0xff));
  }
}

void SqsPoller::stop(Simulation& s) {
  if (!running_) return;
  running_ = false;
  ++epoch_;
  for (Loop& l : loops_)
    if (s.alive(l.root)) s.finish_root(l.root);
  loops_.clear();
  busy_ = 0;
}

void SqsPoller::receive(Simulation& s, uint32_t loop) {
  const Poll& p = polls_[loops_[loop].poll];
  ++receives_;
  s.call(p.conn, ReqHandle{}, RequestKind::Read, 64, 0, poll_tag(p.batch, loop, epoch_));
}

void SqsPoller::set_busy(Simulation& s, NodeId self, const InstanceCore& core) {
  s.metrics(self).busy.set(s.now(), core.busy() + busy_);
}

void SqsPoller::work_next(Simulation& s, NodeId self, uint32_t loop, InstanceCore& core) {
  Loop& l = loops_[loop];
  if (l.next >= l.batch.size()) {
    if (l.working) --busy_, l.working = false;
    set_busy(s, self, core);
    receive(s, loop);
    return;
  }
  if (!l.working) ++busy_, l.working = true;
  set_busy(s, self, core);
  l.root = s.begin_root(self, l.batch[l.next].item, RequestKind::Write);  // the message's item goes on here
  s.schedule_timer(self, s.now() + core.service_time(s.rng()), kTimerDone, timer_payload(loop, epoch_ & 0xff));
}

bool SqsPoller::on_timer(Simulation& s, NodeId self, uint16_t timer, uint64_t payload, InstanceCore& core) {
  if (!owns_timer(timer)) return false;
  const uint32_t loop = static_cast<uint32_t>(payload & 0xffffffffu);
  if (!running_ || (payload >> 32) != (epoch_ & 0xff) || loop >= loops_.size()) return true;  // a loop of before a stop
  if (timer == kTimerPoll) {
    receive(s, loop);
    return true;
  }
  // One message done: delete it, unless it is one that always fails.
  Loop& l = loops_[loop];
  const ReplyItem& it = l.batch[l.next];
  if (s.alive(l.root)) s.finish_root(l.root);
  l.root = ReqHandle{};
  ++processed_;
  uint64_t x = it.item.id;
  if (polls_[l.poll].fail_below > 0 && Rng::splitmix64(x) < polls_[l.poll].fail_below) ++failed_;
  else s.call(polls_[l.poll].conn, ReqHandle{}, RequestKind::Write, 64, it.ref, poll_tag(0, loop, epoch_));
  ++l.next;
  work_next(s, self, loop, core);
  return true;
}

bool SqsPoller::on_response(Simulation& s, NodeId self, const Request& child, Outcome o, InstanceCore& core) {
  if (polls_.empty() || s.connection(child.conn).role != WireRole::Poll) return false;
  const uint32_t op = child.tag & kOpMask, loop = (child.tag >> 8) & 0xffff;
  const Reply* reply = s.reply();
  if (op == 0) {  // a delete's answer: 0 when the receipt was stale (the visibility timeout ran out first)
    if (o == Outcome::Ok && reply && reply->count == 0) ++late_;
    return true;
  }
  if (!running_ || (child.tag >> 24) != (epoch_ & 0xff) || loop >= loops_.size()) return true;
  Loop& l = loops_[loop];
  l.batch.clear();
  l.next = 0;
  if (o == Outcome::Ok && reply) l.batch = reply->items;
  if (l.batch.empty()) {
    ++empty_;
    // Refused or throttled: back off a second (⚠ the SDK's backoff is not modelled); empty: the wire's pause.
    const SimTime pause = o == Outcome::Ok ? polls_[l.poll].idle_pause : kSecond;
    if (l.working) --busy_, l.working = false;
    set_busy(s, self, core);
    s.schedule_timer(self, s.now() + pause, kTimerPoll, timer_payload(loop, epoch_ & 0xff));
    return true;
  }
  work_next(s, self, loop, core);
  return true;
}

}  // namespace cp::services
