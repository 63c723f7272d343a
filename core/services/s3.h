// Amazon S3: a bucket of objects in a Region. A call into it is a GET (read) or a
// PUT (write) of one object. Each storage class has its first-byte latency, its
// price per GB-month and per request, and where it keeps the data: the Regional
// classes survive an Availability Zone's loss, One Zone-IA and Express One Zone
// live in one AZ and are unreachable while it is down, and the archive classes
// (Glacier Flexible Retrieval, Deep Archive) refuse a GET until the object is
// restored. Request rates are limited per partitioned prefix (3,500 PUT and
// 5,500 GET per second): above that, 503 Slow Down. A PUT notifies the bucket's
// outgoing wires (an SQS queue, a Lambda function), as S3 event notifications do.
#pragma once
#include "core/catalog/catalog.h"

namespace cp::services {
const catalog::ServiceDescriptor& s3_descriptor();
}  // namespace cp::services
