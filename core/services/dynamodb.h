// Amazon DynamoDB: one table in a Region. A call into it is a read (GetItem) or a
// write (PutItem) of one item, whose partition key is the call's key. Each request
// consumes read or write units by the item's size and the read's consistency; the
// table has a capacity per second (provisioned RCU/WCU, or the on-demand allowance of
// twice its previous peak) and each partition a hard limit (3,000 read and 1,000
// write units a second). A request over either is throttled
// (ProvisionedThroughputExceededException), which the caller's wire may retry.
// Provisioned tables save unused capacity as burst capacity. Global secondary indexes have
// their own capacity and partitions and throttle the table's writes they cannot take (GSI
// back-pressure); local secondary indexes take the table's capacity and cap each item
// collection at 10 GB.
#pragma once
#include "core/catalog/catalog.h"

namespace cp::services {
const catalog::ServiceDescriptor& dynamodb_descriptor();
}  // namespace cp::services
