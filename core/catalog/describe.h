// The catalog described in words: every service (or one) with its placement, what it
// may call, what the model leaves out, and each parameter with its type, range,
// default and the AWS fact behind it, in English or Korean, as Markdown.
// `cloudplay describe` prints it; docs/services.md is this text (a test keeps it fresh).
#pragma once
#include <optional>
#include <string>

namespace cp::catalog {

// All services when `type` is empty. Returns nullopt when `type` names no service.
std::optional<std::string> describe_services(bool korean, const std::string& type = "");

}  // namespace cp::catalog
