// AttributeTable: attribute sets (a message's attributes, a record's
// metadata) interned once per run, so that a work item carries a 32-bit
// index (Lineage::attr) instead of a string through every hop and every held
// message. The Simulation owns the run's table (Simulation::intern_attributes);
// index 0 is "no attributes".
//
//   uint32_t a = table.intern("{\"type\":\"order\"}");   // the same index for the same text
//   table.text(a) == "{\"type\":\"order\"}"
//
// Intern sets that repeat (a message type, a filter policy's attributes), not
// per-message values: the table only grows.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace cp::sim {

class AttributeTable {
public:
  uint32_t intern(std::string_view attributes);
  // The text of an index; "" for 0 and for an index this table never gave out.
  const std::string& text(uint32_t attr) const { return text_[attr < text_.size() ? attr : 0]; }
  size_t size() const { return text_.size(); }  // 0 included
  size_t memory_bytes() const;

private:
  std::vector<std::string> text_{std::string()};
  std::map<std::string, uint32_t, std::less<>> index_;
};

}  // namespace cp::sim
