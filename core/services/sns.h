// Amazon SNS: a standard topic that publishers call (Publish) and that fans each
// message out to every subscription. A subscription is a wire from the topic:
//   call   to an SQS queue (SendMessage) or an HTTP/S endpoint (EC2, an Auto Scaling
//          group, a load balancer, API Gateway): the subscriber answers; a failure
//          is retried by the subscription's delivery policy;
//   event  to a Lambda function (an asynchronous invoke: Lambda's own event queue,
//          retries and destination take it from there).
// A subscription's filter policy (AWS's JSON syntax) picks the messages by their
// attributes, which the publishing users draw from their `attributes` mix.
// Every message is accounted for (SnsBalance, Model::message_balance).
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "core/catalog/catalog.h"
#include "core/sim/balance.h"
#include "core/sim/ids.h"

namespace cp::sim { class Simulation; }

namespace cp::services {

const catalog::ServiceDescriptor& sns_descriptor();

// Where every message a topic took went. An accepted message becomes one copy per
// subscription, so the copies beyond the first (subscriptions − 1 per accepted
// message) are added to what came in:
//   published + fanout_copies = refused + no_subscriptions + delivered + filtered
//                               + rejected + dropped + delivering + retrying
struct SnsBalance {
  uint64_t published = 0;         // Publish requests that reached the topic
  uint64_t fanout_copies = 0;     // accepted × (subscriptions − 1)
  uint64_t refused = 0;           // refused at Publish (larger than 256 KiB)
  uint64_t no_subscriptions = 0;  // accepted by a topic with no subscription: nowhere to go
  uint64_t delivered = 0;         // copies the subscriber accepted
  uint64_t filtered = 0;          // copies a subscription's filter policy did not match
  uint64_t rejected = 0;          // copies the subscriber refused (4xx): SNS does not retry them
  uint64_t dropped = 0;           // copies whose delivery retry policy ran out
  uint64_t delivering = 0, retrying = 0;  // held now: on their way, waiting for the next attempt
  uint64_t held() const { return delivering + retrying; }
  sim::MessageBalance terms() const;
  bool balanced() const { return terms().balanced(); }
};

// nullopt when n is not an SNS topic.
std::optional<SnsBalance> sns_balance(const sim::Simulation& s, sim::NodeId n);

// A filter policy (AWS's JSON: {"type": ["order", {"prefix": "refund-"}], "store":
// [{"anything-but": ["test"]}], "coupon": [{"exists": true}]}) checked when the
// document loads. nullopt if it is valid ("" is: it matches every message).
std::optional<catalog::Refusal> sns_filter_error(const std::string& policy);
// Does a message with these attributes (a JSON object of strings, "" = none) match?
bool sns_filter_matches(const std::string& policy, const std::string& attributes);

}  // namespace cp::services
