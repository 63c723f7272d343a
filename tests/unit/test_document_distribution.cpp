// Distributions in documents: every JSON form, its errors, and writing back.
#include <catch2/catch.hpp>

#include <string>

#include "core/doc/distribution_json.h"

namespace {
using nlohmann::json;
using cp::sim::Distribution;
using cp::doc::Issue;

struct Parsed {
  std::optional<Distribution> d;
  std::vector<Issue> errors;
};

Parsed parse(const json& j) {
  Parsed p;
  p.d = cp::doc::parse_distribution(j, "nodes[0].params.service_time", p.errors);
  return p;
}

std::string all(const std::vector<Issue>& v) {
  std::string s;
  for (const Issue& i : v) s += i.path + ": " + i.message + "\n";
  return s;
}
}  // namespace

TEST_CASE("distribution json: every form parses to the right distribution (ms in, seconds out)") {
  using K = Distribution::Kind;
  struct Form {
    json j;
    K kind;
    double mean_s;
  };
  const std::vector<Form> forms = {
      {20, K::Constant, 0.020},
      {json{{"kind", "constant"}, {"value_ms", 5}}, K::Constant, 0.005},
      {json{{"kind", "exponential"}, {"mean_ms", 20}}, K::Exponential, 0.020},
      {json{{"kind", "uniform"}, {"min_ms", 1}, {"max_ms", 9}}, K::Uniform, 0.005},
      {json{{"kind", "normal"}, {"mean_ms", 50}, {"stddev_ms", 5}}, K::Normal, 0.050},
      {json{{"kind", "lognormal"}, {"median_ms", 30}, {"sigma", 0}}, K::LogNormal, 0.030},
      {json{{"kind", "lognormal"}, {"mean_ms", 30}, {"p99_ms", 120}}, K::LogNormal, 0.030},
      {json{{"kind", "pareto"}, {"scale_ms", 10}, {"shape", 2}}, K::Pareto, 0.020},
      {json{{"kind", "empirical"}, {"percentiles", {{"0", 0}, {"100", 10}}}}, K::Empirical, 0.005},
  };
  for (const Form& f : forms) {
    INFO(f.j.dump());
    Parsed p = parse(f.j);
    INFO(all(p.errors));
    REQUIRE(p.d);
    CHECK(p.errors.empty());
    CHECK(p.d->kind() == f.kind);
    CHECK(p.d->mean() == Approx(f.mean_s).epsilon(1e-9));
  }
}

TEST_CASE("distribution json: writing back gives the same distribution") {
  const std::vector<json> forms = {
      json{{"kind", "constant"}, {"value_ms", 5}},
      json{{"kind", "exponential"}, {"mean_ms", 20}},
      json{{"kind", "uniform"}, {"min_ms", 1}, {"max_ms", 9}},
      json{{"kind", "normal"}, {"mean_ms", 50}, {"stddev_ms", 10}},
      json{{"kind", "lognormal"}, {"median_ms", 30}, {"sigma", 0.5}},
      json{{"kind", "pareto"}, {"scale_ms", 10}, {"shape", 2.5}},
      json{{"kind", "empirical"}, {"percentiles", {{"0", 1}, {"50", 20}, {"99.9", 200}, {"100", 500}}}},
  };
  for (const json& j : forms) {
    INFO(j.dump());
    Parsed p = parse(j);
    REQUIRE(p.d);
    json back = cp::doc::distribution_to_json(*p.d);
    CHECK(back == j);  // exact: 0.02 s is written as 20 ms, not 20.000000000000004
    Parsed again = parse(back);
    REQUIRE(again.d);
    CHECK(*again.d == *p.d);
  }
  // A bare number is written in the object form.
  CHECK(cp::doc::distribution_to_json(*parse(7).d) == json{{"kind", "constant"}, {"value_ms", 7}});
  CHECK(cp::doc::distribution_kinds().size() == 7);
}

TEST_CASE("distribution json: mistakes are named with their path") {
  struct Bad {
    json j;
    std::string path;
    std::string message;
  };
  const std::string p = "nodes[0].params.service_time";
  const std::vector<Bad> bad = {
      {"fast", p, "expected a distribution — a number of milliseconds, or an object"},
      {-5, p, "-5 ms is negative"},
      {json::object(), p, "a distribution needs a \"kind\""},
      {json{{"kind", 3}}, p + ".kind", "expected the name of a distribution kind, got 3"},
      {json{{"kind", "gaussian"}}, p + ".kind", "\"gaussian\" is not a distribution kind."},
      {json{{"kind", "exponentail"}, {"mean_ms", 1}}, p + ".kind", "Did you mean \"exponential\"?"},
      {json{{"kind", "exponential"}}, p, "a exponential distribution needs \"mean_ms\"."},
      {json{{"kind", "exponential"}, {"mean", 20}}, p + ".mean", "Did you mean \"mean_ms\"?"},
      {json{{"kind", "exponential"}, {"mean_ms", "20"}}, p + ".mean_ms", "expected a number of milliseconds, got \"20\""},
      {json{{"kind", "exponential"}, {"mean_ms", 0}}, p + ".mean_ms", "needs a mean above 0 ms"},
      {json{{"kind", "exponential"}, {"mean_ms", 1e12}}, p + ".mean_ms", "is too long"},
      {json{{"kind", "uniform"}, {"min_ms", 9}, {"max_ms", 1}}, p + ".max_ms", "max_ms (1) is below min_ms (9)"},
      {json{{"kind", "lognormal"}, {"median_ms", 30}, {"sigma", 0.5}, {"p99_ms", 3}}, p, "not both"},
      {json{{"kind", "lognormal"}, {"median_ms", 0}, {"sigma", 0.5}}, p + ".median_ms", "median above 0 ms"},
      {json{{"kind", "lognormal"}, {"median_ms", 10}, {"sigma", 50}}, p + ".sigma", "above the largest sigma allowed, 10"},
      {json{{"kind", "lognormal"}, {"mean_ms", 10}, {"p99_ms", 5}}, p + ".p99_ms", "must be above mean_ms"},
      {json{{"kind", "lognormal"}, {"mean_ms", 10}, {"p99_ms", 500}}, p + ".p99_ms", "more than 14.9 times mean_ms"},
      {json{{"kind", "pareto"}, {"scale_ms", 0}, {"shape", 2}}, p + ".scale_ms", "scale above 0 ms"},
      {json{{"kind", "pareto"}, {"scale_ms", 1}, {"shape", 0}}, p + ".shape", "shape above 0"},
      {json{{"kind", "empirical"}}, p, "needs \"percentiles\""},
      {json{{"kind", "empirical"}, {"percentiles", {1, 2}}}, p + ".percentiles", "expected an object of percentile"},
      {json{{"kind", "empirical"}, {"percentiles", {{"50", 1}}}}, p + ".percentiles", "at least two percentiles"},
      {json{{"kind", "empirical"}, {"percentiles", {{"50", 1}, {"p99", 2}}}}, p + ".percentiles.p99", "is not a percentile"},
      {json{{"kind", "empirical"}, {"percentiles", {{"50", 1}, {"101", 2}}}}, p + ".percentiles.101", "outside 0 to 100"},
      {json{{"kind", "empirical"}, {"percentiles", {{"50", 1}, {"50.0", 2}}}}, p + ".percentiles", "given twice"},
      {json{{"kind", "empirical"}, {"percentiles", {{"50", 200}, {"99", 150}}}}, p + ".percentiles.99",
       "the value at percentile 99 (150 ms) is below the value at percentile 50 (200 ms)"},
      {json{{"kind", "empirical"}, {"percentiles", {{"50", 1}, {"99", "x"}}}}, p + ".percentiles.99", "expected a duration"},
  };
  for (const Bad& b : bad) {
    INFO(b.j.dump());
    Parsed r = parse(b.j);
    INFO(all(r.errors));
    CHECK_FALSE(r.d);
    bool found = false;
    for (const Issue& e : r.errors) found = found || (e.path == b.path && e.message.find(b.message) != std::string::npos);
    CHECK(found);
  }
}
