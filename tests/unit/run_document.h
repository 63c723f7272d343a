// A document written in a unit test (as JSON), loaded, built and run.
//
//   engine::Built b = cp::test::build_document(j);   // loaded and built, not started
//   engine::Built r = cp::test::run_document(j);     // ... and run to the document's end
#pragma once
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "core/catalog/validate.h"
#include "core/doc/document.h"
#include "core/engine/build.h"
#include "core/sim/simulation.h"
#include "tests/unit/issue_text.h"

namespace cp::test {

inline engine::Built build_document(const nlohmann::json& j) {
  doc::LoadResult r = catalog::parse_document(j.dump());
  INFO(all_issues(r.errors));
  REQUIRE(r.ok());
  engine::Built b = engine::build(r.document);
  INFO(all_issues(b.errors));
  REQUIRE(b.ok());
  return b;
}

// Runs to the end; every metric a model wrote must be one its descriptor declares.
inline engine::Built run_document(const nlohmann::json& j) {
  engine::Built b = build_document(j);
  b.sim->run_until(b.duration);
  CHECK(b.sim->undeclared_metrics().empty());
  return b;
}

}  // namespace cp::test
