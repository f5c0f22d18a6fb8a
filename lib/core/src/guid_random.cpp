// New GUIDs from the operating system's CSPRNG (core/random_bytes.hpp): CLSIDs must not collide
// across machines.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

#include "comreg/core/guid.hpp"
#include "core/random_bytes.hpp"

namespace comreg {

std::string random_guid() {
  std::array<std::uint8_t, 16> b{};  // in text order
  random_bytes(b.data(), b.size());
  b[6] = static_cast<std::uint8_t>((b[6] & 0x0F) | 0x40);  // version 4: random
  b[8] = static_cast<std::uint8_t>((b[8] & 0x3F) | 0x80);  // variant 10x: RFC 4122
  static constexpr char digits[] = "0123456789ABCDEF";
  std::string out = "{";
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(digits[b[i] >> 4]);
    out.push_back(digits[b[i] & 0x0F]);
  }
  out.push_back('}');
  return out;
}

}  // namespace comreg
