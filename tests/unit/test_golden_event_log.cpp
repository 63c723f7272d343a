// Golden event logs: an example's event log, stored in tests/golden/<example>.log,
// must come out line for line the same. A change in any model's timing or
// decisions shows up here as a readable diff. After an intended change,
// regenerate with CLOUDPLAY_UPDATE_GOLDEN=1 and review the diff in git.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/doc/document.h"
#include "core/engine/build.h"
#include "core/engine/report.h"
#include "tests/unit/source_files.h"

namespace {

std::vector<std::string> lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

void check_golden(const std::string& example) {
  std::string root = CLOUDPLAY_SOURCE_DIR;
  auto built = cp::test::example_run(example + ".json");
  built.sim->run_until(built.duration);
  std::string got = cp::engine::event_log_text(built);
  std::string golden_path = root + "/tests/golden/" + example + ".log";
  if (std::getenv("CLOUDPLAY_UPDATE_GOLDEN")) {
    std::ofstream(golden_path, std::ios::binary) << got;
    WARN("updated " << golden_path);
    return;
  }
  auto want = lines(cp::test::read_source_file("tests/golden/" + example + ".log")), have = lines(got);
  REQUIRE_FALSE(want.empty());
  for (size_t i = 0; i < want.size() || i < have.size(); ++i) {
    INFO(example << " line " << i + 1);
    REQUIRE((i < have.size() ? have[i] : "<missing>") == (i < want.size() ? want[i] : "<extra>"));
  }
}

}  // namespace

TEST_CASE("golden event log: retry storm") { check_golden("retry-storm"); }
TEST_CASE("golden event log: two Regions, an AZ fails") { check_golden("two-regions-az-failure"); }
