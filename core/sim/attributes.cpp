#include "core/sim/attributes.h"

namespace cp::sim {

uint32_t AttributeTable::intern(std::string_view attributes) {
  if (attributes.empty()) return 0;
  auto it = index_.find(attributes);
  if (it != index_.end()) return it->second;
  const uint32_t i = static_cast<uint32_t>(text_.size());
  text_.emplace_back(attributes);
  index_.emplace(text_.back(), i);
  return i;
}

size_t AttributeTable::memory_bytes() const {
  size_t b = sizeof(*this) + text_.capacity() * sizeof(std::string);
  // Each string twice (the table and the index), plus a map node.
  for (const std::string& s : text_) b += 2 * (s.capacity() + 1) + 48;
  return b;
}

}  // namespace cp::sim
