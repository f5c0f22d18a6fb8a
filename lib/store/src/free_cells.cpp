// Best-fit free cells for the hive editor (see free_cells.hpp).
#include "store/free_cells.hpp"

#include <algorithm>
#include <bit>
#include <functional>

namespace comreg::regf {

void FreeCells::add(std::uint32_t size, std::uint32_t offset) {
  if (size > small_max || size % 8 != 0) {
    large_.emplace(size, offset);
    return;
  }
  const std::size_t c = size / 8;
  auto& heap = small_[c];
  heap.push_back(offset);
  std::push_heap(heap.begin(), heap.end(), std::greater<>());
  present_[c / 64] |= std::uint64_t{1} << (c % 64);
}

std::optional<FreeCells::Cell> FreeCells::take(std::uint32_t size) {
  // The first size class at or above the request's that holds a cell: a request that is not
  // a multiple of 8 needs the class above its own.
  const std::size_t first = (std::size_t{size} + 7) / 8;
  for (std::size_t w = first / 64; first < classes && w < words; ++w) {
    std::uint64_t bits = present_[w];
    if (w == first / 64) bits &= ~std::uint64_t{0} << (first % 64);
    if (bits == 0) continue;
    const std::size_t c = 64 * w + static_cast<std::size_t>(std::countr_zero(bits));
    auto& heap = small_[c];
    std::pop_heap(heap.begin(), heap.end(), std::greater<>());
    const std::uint32_t offset = heap.back();
    heap.pop_back();
    if (heap.empty()) present_[w] &= ~(std::uint64_t{1} << (c % 64));
    return Cell{static_cast<std::uint32_t>(8 * c), offset};
  }
  const auto it = large_.lower_bound({size, 0});
  if (it == large_.end()) return std::nullopt;
  const Cell cell{it->first, it->second};
  large_.erase(it);
  return cell;
}

}  // namespace comreg::regf
