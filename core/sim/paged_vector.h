// PagedVector: a growable array in fixed-size pages. Growing moves at most the
// last page (which grows like a vector up to the page size), never the rest,
// so there is no moment with an old and a new block of everything allocated
// (std::vector's doubling: 64 MB of records briefly needs 192 MB, and a wasm
// memory never shrinks back), and the spare capacity is at most one page.
// Indexing is two loads instead of one. Copyable (checkpoints copy the models
// that hold one).
#pragma once
#include <cstddef>
#include <vector>

namespace cp::sim {

template <class T, unsigned PageBits = 10>
class PagedVector {
public:
  static constexpr size_t kPage = size_t(1) << PageBits;

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T& operator[](size_t i) { return pages_[i >> PageBits][i & (kPage - 1)]; }
  const T& operator[](size_t i) const { return pages_[i >> PageBits][i & (kPage - 1)]; }

  void push_back(const T& v) {
    if ((size_ >> PageBits) == pages_.size()) pages_.emplace_back();
    std::vector<T>& p = pages_.back();
    // A page grows like a vector until it is full size (a store holding a
    // handful of items does not take a whole page), never beyond.
    if (p.size() == p.capacity()) p.reserve(p.capacity() * 2 < 16 ? 16 : (p.capacity() * 2 > kPage ? kPage : p.capacity() * 2));
    p.push_back(v);
    ++size_;
  }

  size_t memory_bytes() const {
    size_t b = pages_.capacity() * sizeof(std::vector<T>);
    for (const std::vector<T>& p : pages_) b += p.capacity() * sizeof(T);
    return b;
  }

private:
  std::vector<std::vector<T>> pages_;
  size_t size_ = 0;
};

}  // namespace cp::sim
