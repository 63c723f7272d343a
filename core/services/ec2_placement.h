// EC2 placement-group rules checked on the document, before a run: a cluster
// group stays in one Availability Zone; a spread group has at most 7 running
// instances per AZ. Instances are taken in document order, as the run launches
// them, so the instance the run would refuse is the one named here.
//
//   for (auto& e : check_placement_groups(doc)) print(e.path, e.message);
//   // nodes[9].az: instance "c3" is in use1-az3 but cluster placement group "hpc" is in use1-az1 ...
//
// The Ec2 model keeps the same checks at launch as a safety net (a document
// built without validation).
#pragma once
#include <vector>

#include "core/doc/document.h"

namespace cp::services {

// AWS-FACTS: EC2 / Spread group — max 7 running instances per AZ per group.
inline constexpr int kSpreadGroupMaxPerAz = 7;

std::vector<doc::Issue> check_placement_groups(const doc::Document& d);

}  // namespace cp::services
