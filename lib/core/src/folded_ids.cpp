#include "core/folded_ids.hpp"

#include <chrono>
#include <cstdint>
#include <cstring>
#include <exception>

#include "core/random_bytes.hpp"

namespace comreg {
namespace {

// Drawn once, on first use. Should the system have no random bytes (they are read for new
// GUIDs too, and fail loudly there), an address (randomized by ASLR) and the clock stand in
// rather than a hash that throws.
std::uint64_t process_seed() {
  static const char anchor = 0;
  static const std::uint64_t seed = [] {
    try {
      return FoldedIndex::random_seed();
    } catch (const std::exception&) {
      return static_cast<std::uint64_t>(
                 std::chrono::steady_clock::now().time_since_epoch().count()) ^
             static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(&anchor));
    }
  }();
  return seed;
}

}  // namespace

std::size_t FoldedHash::operator()(std::string_view s) const {
  return FoldedIndex::hash(s, process_seed());
}

std::uint64_t FoldedIndex::random_seed() {
  std::uint8_t bytes[8];
  random_bytes(bytes, sizeof bytes);
  std::uint64_t seed = 0;
  std::memcpy(&seed, bytes, sizeof seed);
  return seed;
}

}  // namespace comreg
