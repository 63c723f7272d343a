#include <catch2/catch.hpp>
#include <string>
#include "core/version.h"

TEST_CASE("version is the project's semantic version") {
  std::string v = cp::kVersion;
  REQUIRE(std::count(v.begin(), v.end(), '.') == 2);
  REQUIRE(v == CLOUDPLAY_VERSION);
}
