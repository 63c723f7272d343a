// Amazon Data Firehose (formerly Kinesis Data Firehose), Direct PUT: producers call the
// stream (PutRecord); it buffers the records and delivers them to its destination (one
// wire from it: an S3 bucket, or an HTTP endpoint) as one object per buffer, when the
// buffer reaches its size or its interval passes — so data arrives in batches, late by
// up to the interval. A delivery that fails is retried until the retry period ends
// (24 h for S3), then its records are lost. Above the stream's Direct PUT quota
// (2,000 requests or 5 MiB a second) records are throttled.
#pragma once
#include <cstdint>
#include <optional>

#include "core/catalog/catalog.h"
#include "core/sim/balance.h"
#include "core/sim/ids.h"

namespace cp::sim { class Simulation; }

namespace cp::services {

const catalog::ServiceDescriptor& firehose_descriptor();

// Where every record went:
//   received = throttled + rejected + buffered + delivering + delivered + lost
struct FirehoseBalance {
  uint64_t received = 0;    // PutRecord requests that reached the stream
  uint64_t throttled = 0;   // over the Direct PUT quota (ServiceUnavailable: the producer may retry)
  uint64_t rejected = 0;    // larger than 1,000 KiB
  uint64_t buffered = 0;    // in the buffer now, waiting for its size or interval
  uint64_t delivering = 0;  // in a delivery on its way, or waiting to be retried
  uint64_t delivered = 0;   // in an object the destination stored
  uint64_t lost = 0;        // in a delivery that failed for the whole retry period
  uint64_t objects = 0;     // deliveries the destination stored (objects written)
  sim::MessageBalance terms() const;
  bool balanced() const { return terms().balanced(); }
};

// nullopt when n is not a Firehose stream.
std::optional<FirehoseBalance> firehose_balance(const sim::Simulation& s, sim::NodeId n);

}  // namespace cp::services
