#include "core/folded_ids.hpp"

#include <chrono>
#include <cstdint>
#include <cstring>
#include <exception>

#include "core/random_bytes.hpp"

namespace comreg {
namespace {

// Drawn once, on first use.
std::uint64_t process_seed() {
  static const std::uint64_t seed = FoldedIndex::random_seed();
  return seed;
}

}  // namespace

std::size_t FoldedHash::operator()(std::string_view s) const {
  return FoldedIndex::hash(s, process_seed());
}

std::uint64_t FoldedIndex::random_seed() noexcept {
  try {
    std::uint8_t bytes[8];
    random_bytes(bytes, sizeof bytes);
    std::uint64_t seed = 0;
    std::memcpy(&seed, bytes, sizeof seed);
    return seed;
  } catch (const std::exception&) {
    static const char anchor = 0;
    return static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()) ^
           static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(&anchor));
  }
}

}  // namespace comreg
