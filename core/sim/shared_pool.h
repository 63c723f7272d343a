// Limits that several nodes share, owned by the kernel rather than by any one model:
// Lambda's concurrent executions per Region (and account), API Gateway's account-level
// throttle, a spread placement group's instances per AZ. A model declares the pool it
// draws from in start() (the same key gives every node the same pool) and acquires
// and releases units, or takes tokens when the pool refills at a rate (a token bucket).
// Pools live in the Simulation, so a checkpoint copies them and a rewind restores them.
//
//   PoolId p = sim.pools().declare({"lambda_concurrency", region}, {.limit = 1000});
//   if (!sim.pools().acquire(p, 1, id())) refuse(Throttled);  // 429 TooManyRequestsException
//   ... sim.pools().release(p, 1);
//   PoolId t = sim.pools().declare({"apigw_account_rps", kAnyRegion}, {.limit = 5000, .refill_per_s = 10000});
//   if (!sim.pools().take(t, 1, sim.now())) refuse(Throttled);
#pragma once
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/sim/ids.h"
#include "core/sim/time.h"

namespace cp::sim {

inline constexpr uint32_t kAnyRegion = UINT32_MAX;  // an account-wide pool
inline constexpr uint32_t kAnyAz = UINT32_MAX;

struct PoolKey {
  std::string name;              // what is limited: "lambda_concurrency", "placement_spread"
  uint32_t region = kAnyRegion;  // topology index; kAnyRegion = the account
  uint32_t az = kAnyAz;          // topology index, for per-AZ limits
  std::string group;             // a named group inside the scope ("my-spread-group"), or ""
  bool operator==(const PoolKey&) const = default;
};

struct PoolSpec {
  int64_t limit = 0;        // units that can be held at once, or the bucket's burst
  double refill_per_s = 0;  // > 0: a token bucket refilled at this rate (take, not acquire/release)
};

struct PoolState {
  PoolKey key;
  PoolSpec spec;
  int64_t in_use = 0;       // units held (counting pools)
  double tokens = 0;        // tokens left (token buckets)
  SimTime refilled_at = 0;
  int64_t peak = 0;         // the most units held at once
  uint64_t granted = 0, refused = 0;
  NodeId first_holder;      // the first node that acquired from it (for messages: "the group is in web-1's AZ")
  uint32_t declared_by = 0; // how many nodes declared it
};

class SharedPools {
public:
  // The pool with this key, made on the first declaration. A later declaration with another
  // spec keeps the first one's (the limit is the account's or the Region's, not the node's).
  PoolId declare(const PoolKey& key, const PoolSpec& spec) {
    if (auto id = find(key)) {
      ++pools_[id->v].declared_by;
      return *id;
    }
    PoolState s;
    s.key = key;
    s.spec = spec;
    s.tokens = static_cast<double>(spec.limit);
    s.declared_by = 1;
    pools_.push_back(std::move(s));
    return PoolId{static_cast<uint32_t>(pools_.size() - 1)};
  }
  std::optional<PoolId> find(const PoolKey& key) const {
    for (size_t i = 0; i < pools_.size(); ++i)
      if (pools_[i].key == key) return PoolId{static_cast<uint32_t>(i)};
    return std::nullopt;
  }

  // Counting pools: hold n units if that many are free (all or nothing).
  bool acquire(PoolId p, int64_t n, NodeId by) {
    PoolState& s = pools_[p.v];
    if (s.in_use + n > s.spec.limit) {
      ++s.refused;
      return false;
    }
    if (s.in_use == 0 && !s.first_holder.valid()) s.first_holder = by;
    s.in_use += n;
    s.peak = std::max(s.peak, s.in_use);
    ++s.granted;
    return true;
  }
  void release(PoolId p, int64_t n) {
    PoolState& s = pools_[p.v];
    s.in_use = std::max<int64_t>(0, s.in_use - n);
  }

  // Token buckets: take n tokens if there are (refilled at refill_per_s up to the limit).
  bool take(PoolId p, double n, SimTime now) {
    PoolState& s = pools_[p.v];
    refill(s, now);
    if (s.tokens < n) {
      ++s.refused;
      return false;
    }
    s.tokens -= n;
    ++s.granted;
    return true;
  }
  double tokens(PoolId p, SimTime now) {
    refill(pools_[p.v], now);
    return pools_[p.v].tokens;
  }

  const PoolState& state(PoolId p) const { return pools_[p.v]; }
  const std::vector<PoolState>& all() const { return pools_; }

private:
  static void refill(PoolState& s, SimTime now) {
    if (s.spec.refill_per_s <= 0 || now <= s.refilled_at) return;
    // + - * / only: the same numbers natively and in wasm.
    s.tokens = std::min(static_cast<double>(s.spec.limit), s.tokens + to_seconds(now - s.refilled_at) * s.spec.refill_per_s);
    s.refilled_at = now;
  }

  std::vector<PoolState> pools_;  // by declaration order: deterministic
};

}  // namespace cp::sim
