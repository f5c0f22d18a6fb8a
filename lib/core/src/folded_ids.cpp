#include "core/folded_ids.hpp"

#include <cstring>

#include "core/random_bytes.hpp"

namespace comreg {

std::uint64_t FoldedIndex::random_seed() {
  std::uint8_t bytes[8];
  random_bytes(bytes, sizeof bytes);
  std::uint64_t seed = 0;
  std::memcpy(&seed, bytes, sizeof seed);
  return seed;
}

}  // namespace comreg
