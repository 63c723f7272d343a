// Share links: a whole document (plus the run settings) packed into a URL
// fragment, so that opening the link loads exactly that document.
//
//   std::string frag = cp::doc::encode_share_fragment(doc, run);   // "v1.7VZdb9s4..."
//   url = base + "#" + frag;
//   auto r = cp::catalog::decode_share_fragment(frag);             // never throws (core/catalog/validate.h)
//   if (!r.ok()) show(r.error.en / r.error.ko, r.document_errors);   // a sentence for a person
//   else load(r.document, r.run);
//
// Format (version 1): "v1." + base64url (RFC 4648 section 5, no padding) of a raw
// deflate stream (zlib windowBits -15, with the preset dictionary kShareDictionaryV1)
// of compact JSON: {"doc": <the document as to_json writes it>, "run": {...}}.
// The dictionary is part of the format: changing it needs a new version prefix.
//
// Decoding is for hostile input: every step has a limit (ShareLimits) and
// every failure is a value with a message in English and Korean.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/doc/document.h"

namespace cp::doc {

// How a shared run is set up: the recipient starts the same run at the same moment.
struct RunSettings {
  uint64_t seed = 1;
  double speed = 1;       // times real time; 0 = as fast as possible
  double t_s = 0;         // the simulated moment the sender was looking at
  bool playing = false;   // running (true) or paused (false) when shared
  std::vector<FaultDoc> faults;  // live faults the sender injected (the document's own schedule is in Document::faults)
  bool operator==(const RunSettings&) const = default;
};

struct ShareLimits {
  size_t max_fragment_chars = 64 * 1024;  // the text after '#'
  size_t max_inflated_bytes = 1024 * 1024;
  double max_ratio = 100;                 // inflated / compressed bytes (zip bombs)
  int max_json_depth = 32;
};

enum class ShareError {
  None,
  Empty,            // nothing after '#'
  TooLong,          // fragment over max_fragment_chars
  UnknownVersion,   // not "v1."
  NewerVersion,     // "v2." or later: made by a newer cloudplay
  BadCharacter,     // not base64url
  Truncated,        // the data stops early (base64 length or deflate stream)
  Corrupt,          // the deflate stream is damaged / has trailing data
  TooLarge,         // inflated over max_inflated_bytes
  RatioTooHigh,     // inflated/compressed over max_ratio
  BadJson,          // not JSON, or too deep
  BadShape,         // JSON, but not {"doc": {...}, "run": {...}}
  InvalidDocument,  // the document's own validation failed (see document_errors)
};

struct ShareDecodeResult {
  Document document;
  RunSettings run;
  ShareError error = ShareError::None;
  std::string message_en;   // one or two sentences for a person: what is wrong, what to do
  std::string message_ko;
  std::vector<Issue> document_errors;  // InvalidDocument / BadShape: path + message lines
  std::vector<Issue> warnings;         // e.g. the document was migrated from an older version
  nlohmann::json document_json;        // unpack_share_fragment: the link's document, not yet validated
  nlohmann::json extra;                // the payload's other parts (a lesson link's "lesson"), unchecked
  bool ok() const { return error == ShareError::None; }
  const std::string& message(bool korean) const { return korean ? message_ko : message_en; }
};

inline constexpr std::string_view kShareVersionPrefix = "v1.";

// The preset deflate dictionary of version 1 (common keys and values of documents).
extern const std::string_view kShareDictionaryV1;

std::string encode_share_fragment(const Document& d, const RunSettings& run);
// The link's parts, checked for shape (document_json is the document, not yet
// validated: catalog::decode_share_fragment validates it and fills `document`).
ShareDecodeResult unpack_share_fragment(std::string_view fragment, const ShareLimits& limits = {});

// The compact JSON that goes into a link, before compression (for tests and size checks).
nlohmann::json share_payload(const Document& d, const RunSettings& run);
// A payload (share_payload's, maybe with more parts: a lesson link adds "lesson") as a fragment.
std::string pack_share_payload(const nlohmann::json& payload);
nlohmann::json fault_to_json(const FaultDoc& f);

// Helpers, exposed for tests.
std::string base64url_encode(std::string_view bytes);
// Decodes base64url (padding '=' accepted at the end). On a bad character returns
// false and sets *bad_pos to its 0-based position in `text`.
bool base64url_decode(std::string_view text, std::string& out, size_t* bad_pos);

}  // namespace cp::doc
