// Files of the source tree in unit tests: examples/, tests/golden/, docs/.
//
//   std::string md = read_source_file("docs/document-format.md");
//   doc::Document d = example_document("nlb-uneven-azs.json");   // must load without errors
//   engine::Built b = example_run("three-tier-web.json");        // loaded and built
#pragma once
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include "core/catalog/validate.h"
#include "core/doc/document.h"
#include "core/engine/build.h"

namespace cp::test {

// The file at `relative` (from the source root); "" if it cannot be read.
inline std::string read_source_file(const std::string& relative) {
  std::ifstream in(std::string(CLOUDPLAY_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline doc::Document example_document(const std::string& file) {
  const std::string text = read_source_file("examples/" + file);
  INFO("examples/" << file);
  REQUIRE_FALSE(text.empty());
  auto r = catalog::parse_document(text);
  for (const auto& e : r.errors) UNSCOPED_INFO(e.path << ": " << e.message);
  REQUIRE(r.ok());
  return r.document;
}

inline engine::Built example_run(const std::string& file) {
  auto b = engine::build(example_document(file));
  for (const auto& e : b.errors) UNSCOPED_INFO(e.path << ": " << e.message);
  REQUIRE(b.ok());
  return b;
}

}  // namespace cp::test
