// ByteView: little-endian reads from an untrusted byte buffer, each one bounds-checked first.
//
// Offsets and lengths are 64-bit so that "offset + length" of 32-bit file fields cannot wrap;
// callers ask has() before reading, and the readers assert nothing beyond it.
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace comreg::pe {

class ByteView {
 public:
  explicit ByteView(std::span<const std::uint8_t> bytes) : bytes_(bytes) {}

  [[nodiscard]] std::uint64_t size() const { return bytes_.size(); }
  /// [offset, offset + length) lies inside the buffer.
  [[nodiscard]] bool has(std::uint64_t offset, std::uint64_t length) const {
    return offset <= size() && length <= size() - offset;
  }
  // Readers: the caller has checked has(offset, N); out of range reads give 0 rather than UB.
  [[nodiscard]] std::uint16_t u16(std::uint64_t offset) const {
    if (!has(offset, 2)) return 0;
    const auto* p = bytes_.data() + offset;
    return static_cast<std::uint16_t>(p[0] | (p[1] << 8));
  }
  [[nodiscard]] std::uint32_t u32(std::uint64_t offset) const {
    if (!has(offset, 4)) return 0;
    const auto* p = bytes_.data() + offset;
    return static_cast<std::uint32_t>(p[0]) | (static_cast<std::uint32_t>(p[1]) << 8) |
           (static_cast<std::uint32_t>(p[2]) << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
  }
  [[nodiscard]] std::uint64_t u64(std::uint64_t offset) const {
    return static_cast<std::uint64_t>(u32(offset)) |
           (static_cast<std::uint64_t>(u32(offset + 4)) << 32);
  }
  [[nodiscard]] std::span<const std::uint8_t> slice(std::uint64_t offset,
                                                    std::uint64_t length) const {
    if (!has(offset, length)) return {};
    return bytes_.subspan(static_cast<std::size_t>(offset), static_cast<std::size_t>(length));
  }

 private:
  std::span<const std::uint8_t> bytes_;
};

/// "0x1A2B": how offsets and field values appear in messages.
[[nodiscard]] inline std::string hex(std::uint64_t v) {
  static constexpr char digits[] = "0123456789ABCDEF";
  std::string out;
  do {
    out.insert(out.begin(), digits[v & 0xF]);
    v >>= 4;
  } while (v != 0);
  return "0x" + out;
}

}  // namespace comreg::pe
