// libFuzzer target: the document loader (parse_document) on arbitrary bytes.
// Properties checked beyond "no crash, no sanitizer report":
//   - a document that loads is written back by to_json_text and loads again, equal;
//   - every error has a message.
// Run: build/fuzz/tests/fuzz/fuzz_document -max_total_time=30 CORPUS_DIR (see docs/fuzzing.md).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/catalog/validate.h"
#include "core/doc/document.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  cp::doc::LoadResult r = cp::catalog::parse_document(text);
  for (const auto& e : r.errors) {
    if (e.message.empty()) {
      std::fprintf(stderr, "an error without a message at path '%s'\n", e.path.c_str());
      std::abort();
    }
  }
  if (r.ok()) {
    std::string again = cp::doc::to_json_text(r.document);
    cp::doc::LoadResult r2 = cp::catalog::parse_document(again);
    if (!r2.ok() || !(r2.document == r.document)) {
      std::fprintf(stderr, "round trip failed: a loaded document, written by to_json_text, %s\n%s\n",
                   r2.ok() ? "loads as a different document" : "does not load again:", again.c_str());
      for (const auto& e : r2.errors) std::fprintf(stderr, "  %s: %s\n", e.path.c_str(), e.message.c_str());
      std::abort();
    }
  }
  return 0;
}
