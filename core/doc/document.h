// Document: an architecture as the user draws it, loaded from/saved to JSON.
// The format is described in docs/document-format.md. Semantics (nodes,
// connections, faults, settings) are kept apart from the canvas layout.
//
//   auto loaded = cp::catalog::parse_document(text);    // never throws (core/catalog/validate.h)
//   if (!loaded.ok()) for (auto& e : loaded.errors) print(e.path, e.message);
//   std::string json = cp::doc::to_json_text(loaded.document);
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/doc/demo.h"
#include "core/doc/fault.h"
#include "core/doc/goals.h"

namespace cp::doc {

inline constexpr int kCurrentVersion = 1;

struct RegionDoc {
  std::string code;               // "us-east-1"
  std::vector<std::string> azs;   // AZ IDs used in this document: "use1-az1", ...
  bool operator==(const RegionDoc&) const = default;
};

struct NodeDoc {
  std::string id;                 // unique, [A-Za-z0-9_-], <= 64 chars
  std::string type;               // a catalog service type: "compute", "users", "ec2", ...
  std::string name;               // display name (any UTF-8, <= 80 chars)
  std::string region;             // Region code (if the service is placed in a Region)
  std::string az;                 // AZ ID (if the service is placed in an AZ)
  nlohmann::json params = nlohmann::json::object();  // validated against the catalog's ParamSpecs
  bool operator==(const NodeDoc&) const = default;
};

struct ConnectionDoc {
  std::string id;
  std::string from, to;           // node ids, as drawn: for a poll, from is the source and to the consumer
  nlohmann::json params = nlohmann::json::object();  // the role's: a call's mode, timeout_ms, retries, weight... (catalog::wire_params)
  // call | poll | event (core/sim/wire.h); a document without one means call. Last, so
  // that {id, from, to, params} still initialises a call.
  std::string role = "call";
  bool operator==(const ConnectionDoc&) const = default;
};

struct Settings {
  double duration_s = 600;
  uint64_t seed = 1;
  // The speed the run starts at in the app (simulated seconds per wall second,
  // kMinRunSpeed..kMaxRunSpeed); none = 1×. Not semantics: the run is the same at any speed.
  std::optional<double> speed;
  bool operator==(const Settings&) const = default;
};

// A moment of the run worth watching ("at 5:00 use1-az1 fails"): the app shows it
// as a button that jumps the run there.
struct StoryMoment {
  double at_s = 0;
  std::string en, ko;  // what happens, in each language (at least one)
  bool operator==(const StoryMoment&) const = default;
};

// What a document shows a learner, in both languages (the examples have one):
// shown in the app's story panel when the document opens. Never read by the engine.
struct Story {
  std::string name_ko;   // the document's name in Korean (`name` is the English one)
  std::string en, ko;    // what it shows and what to look at
  std::vector<StoryMoment> moments;  // in time order
  bool empty() const { return name_ko.empty() && en.empty() && ko.empty() && moments.empty(); }
  bool operator==(const Story&) const = default;
};

struct Document {
  int version = kCurrentVersion;
  std::string name;
  std::string description;
  Story story;                    // optional; empty when the document has none
  Settings settings;
  std::vector<RegionDoc> regions;
  std::vector<NodeDoc> nodes;
  std::vector<ConnectionDoc> connections;
  std::vector<FaultDoc> faults;
  std::vector<GoalDoc> goals;     // what the run must show (core/doc/goals.h)
  Demo demo;                      // a scripted demo for presenter mode (core/doc/demo.h); empty when none
  nlohmann::json layout = nlohmann::json::object();  // canvas only: positions, frames, zoom; never read by the engine

  const NodeDoc* find_node(const std::string& id) const;
  const ConnectionDoc* find_connection(const std::string& id) const;
  // The nodes `id` calls (its call wires' targets, in wire order): not a poll's source
  // (its calls go the other way), nor an event's target (nothing waits on it).
  std::vector<const NodeDoc*> callees(const std::string& id) const;
  bool operator==(const Document&) const = default;
};

// An error (or warning) found while loading: where, and what is wrong, for a person.
// Every message is written in both languages: the constructor takes both, so a
// message without its Korean text does not compile.
struct Issue {
  std::string path;        // JSON path, e.g. "nodes[3].params.memory_mb"
  std::string message;     // "20000 is above Lambda's maximum of 10240"
  std::string message_ko;  // the same in Korean: "20000은 Lambda의 최댓값 10240보다 큽니다"
  Issue() = default;
  Issue(std::string p, std::string en, std::string ko)
      : path(std::move(p)), message(std::move(en)), message_ko(std::move(ko)) {}
  const std::string& text(bool korean) const { return korean && !message_ko.empty() ? message_ko : message; }
  // "path: message" (the message alone at the top level, where the path is empty).
  std::string line(bool korean) const { return path.empty() ? text(korean) : path + ": " + text(korean); }
};

struct LoadResult {
  Document document;
  std::vector<Issue> errors;
  std::vector<Issue> warnings;  // e.g. migrated from an older version
  bool ok() const { return errors.empty(); }
};

// Limits on input, so hostile or broken input is refused, never a crash.
struct ParseLimits {
  size_t max_bytes = 4 * 1024 * 1024;
  int max_depth = 32;
  size_t max_nodes = 2000;
  size_t max_connections = 10000;
  size_t max_faults = 1000;
  size_t max_string_bytes = 256 * 1024;  // any one JSON string (keys included), while parsing
  size_t max_errors = 200;               // then one "... and N more" error
};

// Limits on values (see docs/document-format.md, "Limits").
inline constexpr size_t kMaxIdLength = 64;
inline constexpr size_t kMaxNameLength = 80;           // characters (UTF-8 code points)
inline constexpr size_t kMaxDescriptionLength = 4000;  // characters
inline constexpr double kMaxDurationS = 30.0 * 24 * 3600;  // 30 days
inline constexpr uint64_t kMaxSeed = uint64_t(1) << 53;    // exact in a JavaScript number
inline constexpr double kMaxAddedLatencyMs = 600000;       // add_latency: 10 minutes
inline constexpr double kMinRunSpeed = 0.1, kMaxRunSpeed = 1000;  // settings.speed (the app's speed slider)
inline constexpr size_t kMaxStoryMoments = 50;
inline constexpr size_t kMaxMomentLength = 400;            // characters of one moment's text

// JSON text -> JSON, refusing text over the limits (size, depth, string length,
// duplicate keys) or that does not parse, with a message for a person (core/doc/parse.cpp).
// What the JSON says is validated against the catalog by catalog::parse_document /
// load_document (core/catalog/validate.h): this folder knows no service.
std::optional<nlohmann::json> parse_json_text(const std::string& text, std::vector<Issue>& errors,
                                              const ParseLimits& limits = {});
nlohmann::json to_json(const Document& d);
std::string to_json_text(const Document& d, int indent = 2);

// The fault actions, in documentation order.
const std::vector<std::string>& fault_actions();

// The code of the Region an AZ ID is in ("use1-az1" -> "us-east-1"), "" when unknown:
// the catalog's (catalog::region_code_of_az), since this folder knows no Region.
using RegionOfAz = std::function<std::string(const std::string& az_id)>;

// Brings an older document up to kCurrentVersion, step by step (v0 -> v1 -> ...).
// Returns false with issues when the version is unknown or newer than this build.
// A v0 document lists Regions by code: their AZs are those its nodes use (region_of_az).
bool migrate(nlohmann::json& j, std::vector<Issue>& errors, std::vector<Issue>& warnings, const RegionOfAz& region_of_az);

}  // namespace cp::doc

