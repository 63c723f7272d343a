#include "core/sim/event_filter.h"

#include <algorithm>

namespace cp::sim {

const std::vector<std::string>& log_kind_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (int k = 0; k <= static_cast<int>(LogKind::Fault); ++k) v.push_back(log_kind_name(static_cast<LogKind>(k)));
    return v;
  }();
  return names;
}

std::optional<LogKind> log_kind_from_name(const std::string& name) {
  const auto& v = log_kind_names();
  auto it = std::find(v.begin(), v.end(), name);
  if (it == v.end()) return std::nullopt;
  return static_cast<LogKind>(it - v.begin());
}

const std::vector<std::string>& known_event_reasons() {
  // Every reason a model or the kernel logs (tests/unit/test_events.cpp checks this list against the sources).
  static const std::vector<std::string> reasons = [] {
    std::vector<std::string> v = {
        "already_attached", "application_started", "alarm_high", "alarm_low", "az_down", "az_enabled",
        "az_rebalance", "boot", "burst_credits_earned", "burst_credits_exhausted", "cluster_group_other_az",
        "cpu_credits_earned", "cpu_credits_exhausted", "deregistered", "event_queue_full", "failure",
        "fast_snapshot_restore", "fault", "first_request", "health_check", "hibernated", "hibernating",
        "hibernation", "hibernation_interrupted", "in_service", "initialization_complete", "io_credits_earned",
        "io_credits_exhausted", "launch_hook", "launching", "lifecycle_hook_abandon", "lifecycle_hook_continue",
        "modification_completed", "modification_in_progress", "modification_limit", "modification_optimizing",
        "modification_requested", "multi_attach_limit", "new_edge_location", "no_healthy_target",
        "no_snapshot_source", "origin_failover", "other_az", "predictive_forecast", "predictive_scaling",
        "queue_drained", "queue_full", "restore_from_snapshot", "resumed_from_hibernation",
        "resuming_from_hibernation", "rule_target_not_connected", "sample_packet", "scale_in",
        "scheduled_action", "simple_scaling", "snapshot_completed", "snapshot_started", "spread_group_az_full",
        "static_ips", "step_scaling", "stopped", "target_again", "target_in_no_rule", "target_tracking",
        "terminated", "termination_hook", "termination_hook_ended",
        // SQS
        "fifo_throughput", "in_flight_limit", "max_receive_count", "message_too_large", "retention_period",
        "visibility_timeout",
        // Lambda (core/services/lambda.cpp)
        "concurrency_limit", "reserved_concurrency", "scaling_rate", "throttles_ended",
        // API Gateway (core/services/api_gateway.cpp)
        "account_throttle", "stage_throttle",
        // RDS (core/services/rds.cpp)
        "db_az_down", "db_az_up", "db_failover_began", "db_failover_completed", "db_too_many_connections",
        "replica_lag", "replica_caught_up", "replica_read_only", "replica_promotion_began", "replica_promoted",
        "rds_storage_full", "rds_storage_low", "rds_storage_scaled",
        // Aurora (core/services/aurora.cpp; failovers use RDS's reasons)
        "aurora_read_quorum_lost", "aurora_write_quorum_lost",
        // Aurora Serverless v2 and Global Database (core/services/aurora.cpp)
        "aurora_acu_max", "aurora_paused", "aurora_resumed", "aurora_resuming", "aurora_global_failover_began",
        "aurora_global_failover_completed", "aurora_global_not_secondary", "aurora_secondary_read_only",
        // Data Firehose (core/services/firehose.cpp)
        "delivery_retry_expired", "firehose_throughput", "firehose_throughput_ok",
        // Kinesis Data Streams (core/services/kinesis.cpp)
        "record_too_large", "shard_write_limit", "shard_write_ok",
        // DynamoDB (core/services/dynamodb.cpp)
        "dynamodb_item_too_large", "dynamodb_throttled", "dynamodb_throttled_ok", "dynamodb_gsi_backpressure",
        "dynamodb_gsi_read_throttled", "dynamodb_item_collection_full", "dynamodb_stream_records_lost", "dynamodb_scaled_up",
        "dynamodb_scaled_down",
        // S3 (core/services/s3.cpp)
        "object_archived", "prefix_rate", "prefix_rate_ok",
        // SNS (core/services/sns.cpp)
        "delivery_policy_exhausted",
        // ElastiCache (core/services/elasticache.cpp)
        "cache_failover", "cache_failover_done", "cache_node_back", "cache_node_lost",
        // DAX (core/services/dax.cpp)
        "dax_nodes_back", "dax_nodes_lost", "dax_throttled", "dax_throttled_ok", "dax_unavailable"};
    std::sort(v.begin(), v.end());
    return v;
  }();
  return reasons;
}

}  // namespace cp::sim
