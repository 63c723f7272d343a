// Advice: designs that are legal but unwise. Each finding has a severity, an
// English and a Korean text, the nodes (or connections) involved and the
// AWS-FACTS row behind it. A service's own advice is declared by its descriptor
// (ServiceDescriptor::lint_rules); this module asks every service's rules of its
// nodes, and adds the rules about tiers and wires that no one service owns.
//
//   for (const auto& f : cp::lint::lint(doc)) print(f.severity, f.text_en, f.nodes);
#pragma once
#include <string>
#include <vector>

#include "core/catalog/catalog.h"
#include "core/doc/document.h"

namespace cp::lint {

using Severity = catalog::Severity;
const char* severity_name(Severity s);  // "info", "warning"
using Finding = catalog::Finding;

std::vector<Finding> lint(const doc::Document& d);

}  // namespace cp::lint
