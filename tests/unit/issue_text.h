// The issues a load reported, one per line ("  path: message"), for INFO() in unit tests.
#pragma once
#include <string>
#include <vector>

#include "core/doc/document.h"

namespace cp::test {

inline std::string all_issues(const std::vector<doc::Issue>& v) {
  std::string s;
  for (const auto& i : v) s += "  " + i.path + ": " + i.message + "\n";
  return s;
}

}  // namespace cp::test
