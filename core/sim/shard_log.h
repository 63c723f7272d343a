// ShardLog: an ordered, retained log in shards that consumers read over poll wires, each
// shard in order, one batch at a time, moving on when the batch is checkpointed (the poll
// protocol of core/services/lambda.h). Kinesis Data Streams and DynamoDB Streams keep their
// records in one; what they add around it (write limits, the 2 MB/s read) is theirs.
//
//   sim::ShardLog log(shards, retention, consumers);
//   log.append(log.shard_of(key), item, now);           // a record, in order within its shard
//   int s = log.get_records(k, n, now, lease, read_budget, &reply);  // consumer k's next batch, or -1
//   log.checkpoint(k, ref);                              // the consumer processed one record
//   log.expire(now);                                     // records past the retention period go
//
// A batch not checkpointed by its lease's end is handed out again (Lambda retries a failed
// batch until it succeeds, blocking its shard). Records every consumer checkpointed are
// counted, not kept. Records that expire before the slowest consumer read them are lost
// (counted in lost()).
#pragma once
#include <cstdint>
#include <deque>
#include <functional>
#include <utility>
#include <vector>

#include "core/sim/lineage.h"
#include "core/sim/time.h"

namespace cp::sim {

// A batch a consumer has not checkpointed within this time is handed out again (Lambda
// retries a failed batch until it succeeds, blocking the shard: AWS-FACTS Kinesis Data
// Streams / Lambda consumer error). Simplified: the log cannot see the failure, so it waits.
inline constexpr SimTime kShardBatchLease = 60 * kSecond;

class ShardLog {
public:
  ShardLog() = default;
  ShardLog(uint32_t shards, SimTime retention, size_t consumers);

  uint32_t shards() const { return static_cast<uint32_t>(shards_.size()); }
  // The shard of a partition key: a 64-bit mix, so neighbouring keys spread.
  uint32_t shard_of(uint64_t key) const;
  void append(uint32_t shard, const Lineage& item, SimTime now);
  // Consumer k's next batch of up to n records from a shard it is not already working on
  // (shards taken in turn); the shard read, or -1. read_budget (optional) gives the bytes a
  // shard may still hand this consumer: 0 skips the shard, else a new batch stops there (one
  // record at least).
  // Only records written at or before `written_by` are handed out (a stream's propagation
  // delay); when none is, *next_written (if given) is the earliest time a record held back
  // only for being too new was written (kNever: none).
  int get_records(uint32_t k, uint32_t n, SimTime now, SimTime lease, const std::function<uint64_t(uint32_t)>& read_budget,
                  Reply* out, SimTime written_by = kNever, SimTime* next_written = nullptr);
  // A record of consumer k's batch is processed (ref from the reply); false for a stale ref.
  bool checkpoint(uint32_t k, uint64_t ref);
  // Records past the retention period go (of one shard, or of all: shard -1).
  void expire(SimTime now, int shard = -1);
  // The age of the oldest record some consumer has not checkpointed (0: none).
  double oldest_unread_s(SimTime now) const;

  uint64_t appended() const { return appended_; }
  uint64_t retained() const { return retained_; }  // in the log now, read or not
  uint64_t expired() const { return expired_; }    // past the retention period
  uint64_t lost() const { return lost_; }          // of the expired: some consumer never read them
  uint64_t unread() const;                         // not yet checkpointed by the slowest consumer
  size_t consumers() const { return consumers_; }

private:
  struct Record {
    Lineage item;
    SimTime at = 0;
  };
  struct Cursor {
    uint64_t next = 0;  // the next sequence number to read
    bool out = false;   // a batch [from, to) is handed out, waiting for its checkpoint
    uint64_t from = 0, to = 0, acked = 0;
    SimTime lease_until = 0;
    uint64_t first() const { return out ? from : next; }
  };
  struct Shard {
    std::deque<Record> unread;  // records some consumer has not checkpointed; the front's seq is unread_base
    uint64_t unread_base = 0, next_seq = 0;
    std::deque<std::pair<int64_t, uint64_t>> retained;  // (second written, records): for the retention period
    std::vector<Cursor> cursors;                        // one per consumer
  };
  void trim(Shard& s);

  std::vector<Shard> shards_;
  SimTime retention_ = 0;
  size_t consumers_ = 0;
  std::vector<uint32_t> rr_;  // per consumer: the shard to look at first next time
  uint64_t appended_ = 0, retained_ = 0, expired_ = 0, lost_ = 0;
};

}  // namespace cp::sim
