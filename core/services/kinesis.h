// Amazon Kinesis Data Streams, provisioned mode: producers call the stream (PutRecord);
// each record goes to the shard its partition key hashes to, and a shard takes 1 MB or
// 1,000 records a second — above that, ProvisionedThroughputExceeded (Throttled), which
// the producer's wire retries. Consumers poll it (a Lambda event source mapping, over
// the poll protocol of core/services/lambda.h): each consumer reads each shard in order,
// one batch at a time, and moves on when the batch is checkpointed (the protocol's
// delete). A batch that fails is handed out again, blocking its shard, as Lambda does.
// Records are never deleted: they expire after the retention period.
#pragma once
#include <cstdint>
#include <optional>

#include "core/catalog/catalog.h"
#include "core/sim/balance.h"
#include "core/sim/ids.h"

namespace cp::sim { class Simulation; }

namespace cp::services {

const catalog::ServiceDescriptor& kinesis_descriptor();

// Where every record went: put = throttled + rejected + retained + expired.
struct KinesisBalance {
  uint64_t put = 0;        // PutRecord requests that reached the stream
  uint64_t throttled = 0;  // refused: the shard was over 1 MB/s or 1,000 records/s
  uint64_t rejected = 0;   // refused: larger than 1 MiB
  uint64_t retained = 0;   // in the stream now (read or not)
  uint64_t expired = 0;    // older than the retention period
  uint64_t unread = 0;     // of the retained: not yet checkpointed by the slowest consumer
  sim::MessageBalance terms() const;
  bool balanced() const { return terms().balanced(); }
};

// nullopt when n is not a stream.
std::optional<KinesisBalance> kinesis_balance(const sim::Simulation& s, sim::NodeId n);

}  // namespace cp::services
