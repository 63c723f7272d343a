// Advice: designs that are legal but unwise. Each finding has a severity, an
// English and a Korean text, the nodes (or connections) involved and the
// AWS-FACTS row behind it. Types are matched by string, so a rule may name a
// service (ec2, elb, autoscaling) before its model exists.
//
//   for (const auto& f : cp::lint::lint(doc)) print(f.severity, f.text_en, f.nodes);
#pragma once
#include <string>
#include <vector>

#include "core/doc/document.h"

namespace cp::lint {

enum class Severity { Info, Warning };
const char* severity_name(Severity s);  // "info", "warning"

struct Finding {
  std::string rule;               // "single-az-tier"
  Severity severity = Severity::Warning;
  std::string text_en, text_ko;
  std::vector<std::string> nodes; // node ids (and, for connection rules, the connection id first)
  std::string fact;               // "Regions and AZs / AZ" (a row of AWS-FACTS.md), or "" for engineering advice
};

std::vector<Finding> lint(const doc::Document& d);

}  // namespace cp::lint
