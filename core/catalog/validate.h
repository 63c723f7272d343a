// Validation of a document against the catalog: every field, every node's type,
// placement and params, every wire's ends, role and params, faults and goals,
// and the services' rules across the document — all errors, each with its JSON
// path. core/doc reads JSON text, migrates and writes; it knows no service.
//
//   auto loaded = cp::catalog::parse_document(text);        // never throws
//   if (!loaded.ok()) for (auto& e : loaded.errors) print(e.path, e.message);
#pragma once
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/doc/document.h"
#include "core/doc/goals.h"
#include "core/doc/share_link.h"

namespace cp::catalog {

// JSON text -> a validated document (doc::parse_json_text, then load_document).
doc::LoadResult parse_document(const std::string& text, const doc::ParseLimits& limits = {});
// A document's JSON (migrated first when older) -> a validated document.
doc::LoadResult load_document(const nlohmann::json& j, const doc::ParseLimits& limits = {});
// A share link's fragment -> its validated document and run settings (doc::unpack_share_fragment, then load_document).
doc::ShareDecodeResult decode_share_fragment(std::string_view fragment, const doc::ShareLimits& limits = {});

// The metrics the node's service declares, and which its params measure (for goals).
doc::NodeMetrics node_metrics(const doc::NodeDoc& n);

}  // namespace cp::catalog
