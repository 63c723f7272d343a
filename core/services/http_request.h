// HTTP attributes of a client's request (path and Host header) and the
// simulated IP addresses the load balancers show to a learner.
//
// A client that draws paths and hosts (users, param "paths"/"hosts") puts a
// small code in the tag of the call it makes (its own bookkeeping field, see
// core/sim/request.h); an Application Load Balancer further down the chain —
// directly or behind Route 53 / CloudFront / Global Accelerator — walks the
// request's parents up to that call and asks the client what the code means.
// Nothing is added to the Request record.
#pragma once
#include <cstdint>
#include <string>

#include "core/sim/simulation.h"

namespace cp::services {

// What a request is when its client gives no path or host.
inline const std::string kDefaultPath = "/";
inline const std::string kDefaultHost = "www.example.com";

class HttpRequestSource {
public:
  virtual ~HttpRequestSource() = default;
  // The path / Host header for a tag this client put on its call.
  virtual const std::string& http_path(uint32_t tag) const = 0;
  virtual const std::string& http_host(uint32_t tag) const = 0;
};

// Tag layout: low 16 bits path index + 1, high 16 bits host index + 1 (0 = none).
inline uint32_t http_tag(uint32_t path_index, uint32_t host_index) {
  return (path_index + 1) | ((host_index + 1) << 16);
}
inline bool http_tag_path(uint32_t tag, uint32_t& index) {
  if ((tag & 0xffffu) == 0) return false;
  index = (tag & 0xffffu) - 1;
  return true;
}
inline bool http_tag_host(uint32_t tag, uint32_t& index) {
  if ((tag >> 16) == 0) return false;
  index = (tag >> 16) - 1;
  return true;
}

// The client node that started h's chain and the tag of the call it made
// (0 when the chain holds no such call any more, e.g. an async hop freed it).
struct HttpOrigin {
  sim::NodeId client;
  uint32_t tag = 0;
};
inline HttpOrigin http_origin(const sim::Simulation& sim, sim::ReqHandle h) {
  HttpOrigin o;
  if (!sim.alive(h)) return o;
  const sim::Request* r = &sim.request(h);
  o.client = sim::NodeId{r->origin};
  for (int depth = 0; depth < 256; ++depth) {
    if (r->caller.valid() && r->caller.v == r->origin) {
      o.tag = r->tag;
      return o;
    }
    if (!sim.alive(r->parent)) return o;
    r = &sim.request(r->parent);
  }
  return o;
}

// The path and host of h (defaults when its client gives none).
struct HttpView {
  const std::string* path = &kDefaultPath;
  const std::string* host = &kDefaultHost;
};
inline HttpView http_view(const sim::Simulation& sim, const HttpOrigin& o) {
  HttpView v;
  if (o.tag == 0 || !o.client.valid() || o.client.v >= sim.node_count()) return v;
  auto* src = dynamic_cast<const HttpRequestSource*>(&sim.model(o.client));
  if (!src) return v;
  v.path = &src->http_path(o.tag);
  v.host = &src->http_host(o.tag);
  return v;
}

// ---- Simulated addresses (documentation ranges, RFC 5737, and a 10.0.0.0/16 VPC) ----

inline std::string ipv4(uint32_t a, uint32_t b, uint32_t c, uint32_t d) {
  return std::to_string(a & 255) + "." + std::to_string(b & 255) + "." + std::to_string(c & 255) + "." +
         std::to_string(d & 255);
}
// A client on the internet: one address per (client node, user key).
inline std::string client_ip(uint32_t client_node, uint64_t key) {
  uint32_t host = 1 + static_cast<uint32_t>((key * 31 + client_node) % 254);
  return client_node % 2 == 0 ? ipv4(198, 51, 100, host) : ipv4(203, 0, 113, host);
}
// A load balancer's node (its network interface) in an AZ's subnet 10.0.<az+1>.0/24.
inline std::string lb_private_ip(sim::NodeId lb, sim::AzId az) { return ipv4(10, 0, az.v + 1, 100 + lb.v % 150); }
// An NLB's static public IP in one AZ (fixed for the load balancer's life).
inline std::string nlb_static_ip(sim::NodeId lb, sim::AzId az) { return ipv4(192, 0, 2, 1 + (lb.v * 8 + az.v) % 254); }

}  // namespace cp::services
