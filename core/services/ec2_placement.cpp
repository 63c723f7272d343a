#include "core/services/ec2_placement.h"

#include <map>
#include <string>

#include "core/catalog/catalog.h"
#include "core/doc/messages.h"

namespace cp::services {

std::vector<doc::Issue> check_placement_groups(const doc::Document& d) {
  std::vector<doc::Issue> out;
  const catalog::ServiceDescriptor* ec2 = catalog::find_service("ec2");
  if (!ec2) return out;
  struct Group {
    std::string az, first;                 // cluster: the AZ of its first instance
    std::map<std::string, int> per_az;     // spread: instances per AZ so far
  };
  std::map<std::string, Group> groups;     // key: type + "\n" + name
  for (size_t i = 0; i < d.nodes.size(); ++i) {
    const doc::NodeDoc& n = d.nodes[i];
    if (n.type != "ec2" || n.az.empty() || !n.params.is_object()) continue;
    nlohmann::json p = catalog::with_defaults(*ec2, n.params);
    const std::string kind = catalog::param_string(p, "placement_group");
    if (kind != "cluster" && kind != "spread") continue;  // partitions are not modelled
    const std::string name = catalog::param_string(p, "placement_group_name");
    Group& g = groups[kind + "\n" + name];
    const std::string path = doc::index_path("nodes", i);
    if (kind == "cluster") {
      if (g.az.empty()) {
        g.az = n.az;
        g.first = n.id;
      } else if (g.az != n.az) {
        // AWS-FACTS: EC2 / Cluster group — one AZ.
        out.push_back({path + ".az", "instance " + doc::quote(n.id) + " is in " + n.az + " but cluster placement group " +
                                         doc::quote(name) + " is in " + g.az + " (where " + doc::quote(g.first) +
                                         " is); a cluster placement group cannot span Availability Zones — put all its "
                                         "instances in " + g.az + ", or use a spread or partition group across AZs",
                     "인스턴스 " + doc::with_topic(doc::quote(n.id)) + " " + n.az + "에 있지만 클러스터 배치 그룹 " +
                         doc::with_topic(doc::quote(name)) + " " + g.az + "에 있습니다(" + doc::with_subject(doc::quote(g.first)) +
                         " 있는 곳). 클러스터 배치 그룹은 여러 가용 영역에 걸칠 "
                         "수 없으니 모든 인스턴스를 " + g.az + "에 두거나, 가용 영역에 걸치려면 분산형 또는 파티션 배치 그룹을 "
                         "쓰세요."});
      }
      continue;
    }
    int& count = g.per_az[n.az];
    if (count >= kSpreadGroupMaxPerAz) {
      out.push_back({path + ".az", "spread placement group " + doc::quote(name) + " already has " +
                                       std::to_string(kSpreadGroupMaxPerAz) + " instances in " + n.az +
                                       ", so instance " + doc::quote(n.id) +
                                       " would not launch; a spread group holds at most 7 running instances per "
                                       "Availability Zone — put it in another AZ or another group",
                     "분산형 배치 그룹 " + doc::quote(name) + "에는 이미 " + n.az + "에 인스턴스가 " +
                         std::to_string(kSpreadGroupMaxPerAz) + "개 있어서 인스턴스 " + doc::with_topic(doc::quote(n.id)) +
                         " 시작되지 않습니다. 분산형 그룹은 가용 영역마다 실행 중인 인스턴스를 최대 7개까지 둘 수 있으니 다른 "
                         "가용 영역이나 다른 그룹에 두세요."});
      continue;  // a refused instance does not count
    }
    ++count;
  }
  return out;
}

}  // namespace cp::services
