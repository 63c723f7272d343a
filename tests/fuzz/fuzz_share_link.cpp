// libFuzzer target: the share-link decoder (decode_share_fragment).
// Two kinds of input, so that mutations reach every layer:
//   - text starting with '{' is a link's JSON payload: it is deflated and
//     base64url-encoded as a real link would be, then decoded (reaches the JSON,
//     unpacking and document checks);
//   - anything else is decoded as the fragment itself (reaches the prefix,
//     base64url and inflate checks with hostile bytes).
// Properties: no crash or sanitizer report; a failure has a message in both
// languages; a link that decodes re-encodes to a link that decodes to the same
// document and run.
#include <zlib.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/catalog/validate.h"
#include "core/doc/share_link.h"

namespace {

std::string deflate_with_dictionary(const std::string& in) {
  z_stream zs{};
  deflateInit2(&zs, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
  deflateSetDictionary(&zs, reinterpret_cast<const Bytef*>(cp::doc::kShareDictionaryV1.data()),
                       static_cast<uInt>(cp::doc::kShareDictionaryV1.size()));
  std::string out(deflateBound(&zs, in.size()) + 16, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

void check(const cp::doc::ShareDecodeResult& r, const std::string& fragment) {
  if (!r.ok()) {
    if (r.message_en.empty() || r.message_ko.empty()) {
      std::fprintf(stderr, "a refused link without a message (error %d)\n", static_cast<int>(r.error));
      std::abort();
    }
    return;
  }
  std::string again = cp::doc::encode_share_fragment(r.document, r.run);
  cp::doc::ShareDecodeResult r2 = cp::catalog::decode_share_fragment(again);
  if (!r2.ok() || !(r2.document == r.document) || !(r2.run == r.run)) {
    std::fprintf(stderr, "round trip failed: %s\n  link: %s\n  again: %s\n", r2.message_en.c_str(), fragment.c_str(),
                 again.c_str());
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string input(reinterpret_cast<const char*>(data), size);
  std::string fragment = size > 0 && data[0] == '{'
                             ? std::string(cp::doc::kShareVersionPrefix) +
                                   cp::doc::base64url_encode(deflate_with_dictionary(input))
                             : input;
  check(cp::catalog::decode_share_fragment(fragment), fragment);
  return 0;
}
