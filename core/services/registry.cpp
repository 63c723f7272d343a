#include "core/services/registry.h"

#include "core/services/compute.h"
#include "core/services/ec2.h"
#include "core/services/ebs.h"
#include "core/services/efs.h"
#include "core/services/elb.h"
#include "core/services/autoscaling.h"
#include "core/services/users.h"
#include "core/services/route53.h"
#include "core/services/cloudfront.h"
#include "core/services/global_accelerator.h"
#include "core/services/sqs.h"
#include "core/services/lambda.h"
#include "core/services/api_gateway.h"
#include "core/services/s3.h"
#include "core/services/dynamodb.h"
#include "core/services/sns.h"
#include "core/services/kinesis.h"
#include "core/services/firehose.h"
#include "core/services/rds.h"
#include "core/services/aurora.h"
#include "core/services/elasticache.h"
#include "core/services/dax.h"

namespace cp::services {

void register_services(std::vector<const catalog::ServiceDescriptor*>& out) {
  out.push_back(&users_descriptor());
  out.push_back(&compute_descriptor());
  out.push_back(&ec2_descriptor());
  out.push_back(&ebs_descriptor());
  out.push_back(&efs_descriptor());
  out.push_back(&s3_descriptor());
  out.push_back(&rds_descriptor());
  out.push_back(&rds_read_replica_descriptor());
  out.push_back(&aurora_descriptor());
  out.push_back(&dynamodb_descriptor());
  out.push_back(&elasticache_descriptor());
  out.push_back(&dax_descriptor());
  out.push_back(&alb_descriptor()); out.push_back(&nlb_descriptor()); out.push_back(&clb_descriptor()); out.push_back(&gwlb_descriptor());
  out.push_back(&asg_descriptor());
  out.push_back(&route53_descriptor());
  out.push_back(&cloudfront_descriptor());
  out.push_back(&global_accelerator_descriptor());
  out.push_back(&sqs_descriptor());
  out.push_back(&sns_descriptor());
  out.push_back(&kinesis_descriptor());
  out.push_back(&firehose_descriptor());
  out.push_back(&lambda_descriptor());
  out.push_back(&api_gateway_descriptor());
}

}  // namespace cp::services
