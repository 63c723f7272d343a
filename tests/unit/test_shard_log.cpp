// sim::ShardLog (core/sim/shard_log.h), the record log Kinesis and DynamoDB Streams share:
// order within a shard, each record handed out once unless its batch's lease runs out, and
// records past the retention period lost.
#include <catch2/catch.hpp>

#include <map>

#include "core/sim/shard_log.h"

using namespace cp::sim;

TEST_CASE("shard log: a consumer reads each shard in order, each record once", "[stream]") {
  ShardLog log(4, 3600 * kSecond, 1);
  std::map<uint64_t, uint32_t> shard_of_key;
  for (uint64_t i = 0; i < 400; ++i) {
    const uint64_t key = i % 20;
    shard_of_key[key] = log.shard_of(key);
    Lineage item;
    item.id = i;
    log.append(log.shard_of(key), item, static_cast<SimTime>(i) * 1000);
  }
  std::map<uint64_t, uint64_t> last_of_key;  // an item's changes arrive in order
  uint64_t got = 0;
  for (int round = 0; round < 200; ++round) {
    Reply r;
    const int s = log.get_records(0, 7, kSecond, 60 * kSecond, nullptr, &r);
    if (s < 0) break;
    for (const ReplyItem& it : r.items) {
      const uint64_t key = it.item.id % 20;
      CHECK(shard_of_key[key] == static_cast<uint32_t>(s));
      if (last_of_key.count(key)) CHECK(it.item.id > last_of_key[key]);
      last_of_key[key] = it.item.id;
      CHECK(log.checkpoint(0, it.ref));
      ++got;
    }
  }
  CHECK(got == 400);
  CHECK(log.unread() == 0);
  CHECK(log.retained() == 400);
}

TEST_CASE("shard log: a batch not checkpointed is handed out again; unread records expire as lost", "[stream]") {
  ShardLog log(1, 100 * kSecond, 1);
  for (uint64_t i = 0; i < 5; ++i) log.append(0, Lineage{}, 0);
  Reply first;
  REQUIRE(log.get_records(0, 10, 0, 20 * kSecond, nullptr, &first) == 0);
  CHECK(first.items.size() == 5);
  CHECK(first.items[0].receive_count == 1);
  Reply none;
  CHECK(log.get_records(0, 10, kSecond, 20 * kSecond, nullptr, &none) == -1);  // the shard waits for its batch
  Reply again;  // the lease ran out: the same batch, a second time
  REQUIRE(log.get_records(0, 10, 21 * kSecond, 20 * kSecond, nullptr, &again) == 0);
  CHECK(again.items.size() == 5);
  CHECK(again.items[0].ref == first.items[0].ref);
  CHECK(again.items[0].receive_count == 2);
  CHECK(log.checkpoint(0, again.items[0].ref));
  log.expire(50 * kSecond);
  CHECK(log.lost() == 0);
  log.expire(102 * kSecond);  // past the retention period, four of them never checkpointed
  CHECK(log.expired() == 5);
  CHECK(log.lost() == 5);     // the batch was not done: all five were still unread
  CHECK(log.unread() == 0);
  CHECK(log.retained() == 0);
}

TEST_CASE("shard log: a batch holds only records old enough, and stops at the read budget", "[stream]") {
  ShardLog log(1, 3600 * kSecond, 1);
  for (int i = 0; i < 10; ++i) {
    Lineage item;
    item.id = static_cast<uint64_t>(i);
    item.size = 1000;
    log.append(0, item, static_cast<SimTime>(i) * 100 * kMillisecond);  // one every 100 ms
  }
  // At 1 s with a 500 ms propagation delay: the records written at 0..500 ms (six) are visible.
  Reply early;
  SimTime next = 0;
  REQUIRE(log.get_records(0, 100, kSecond, 60 * kSecond, nullptr, &early, 500 * kMillisecond, &next) == 0);
  CHECK(early.items.size() == 6);
  for (const ReplyItem& it : early.items) CHECK(log.checkpoint(0, it.ref));
  // Nothing more is old enough at 1 s + 50 ms: none handed out, and the next one was written at 600 ms.
  Reply none;
  CHECK(log.get_records(0, 100, kSecond + 50 * kMillisecond, 60 * kSecond, nullptr, &none, 550 * kMillisecond, &next) == -1);
  CHECK(next == 600 * kMillisecond);
  // A budget of 2,500 bytes: two records of 1,000 (and one at least, however small the budget).
  Reply budgeted;
  REQUIRE(log.get_records(0, 100, 2 * kSecond, 60 * kSecond, [](uint32_t) -> uint64_t { return 2500; }, &budgeted) == 0);
  CHECK(budgeted.items.size() == 2);
  for (const ReplyItem& it : budgeted.items) CHECK(log.checkpoint(0, it.ref));
  Reply one;
  REQUIRE(log.get_records(0, 100, 2 * kSecond, 60 * kSecond, [](uint32_t) -> uint64_t { return 1; }, &one) == 0);
  CHECK(one.items.size() == 1);
  for (const ReplyItem& it : one.items) CHECK(log.checkpoint(0, it.ref));
  Reply refused;
  CHECK(log.get_records(0, 100, 2 * kSecond, 60 * kSecond, [](uint32_t) -> uint64_t { return 0; }, &refused) == -1);
}
