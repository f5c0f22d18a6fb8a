#include "lint/security_descriptor.hpp"

namespace comreg::lint_detail {
namespace {

std::uint32_t u16(const std::vector<std::uint8_t>& b, std::size_t at) {
  return static_cast<std::uint32_t>(b[at] | (b[at + 1] << 8));
}
std::uint32_t u32(const std::vector<std::uint8_t>& b, std::size_t at) {
  return u16(b, at) | (u16(b, at + 2) << 16);
}

// SID at `at` within `end`, as S-1-<authority>-<sub>…; "" when it does not fit.
std::string sid_at(const std::vector<std::uint8_t>& b, std::size_t at, std::size_t end) {
  if (at + 8 > end) return {};
  const std::size_t count = b[at + 1];
  if (at + 8 + 4 * count > end) return {};
  std::uint64_t authority = 0;
  for (std::size_t i = 0; i < 6; ++i) authority = (authority << 8) | b[at + 2 + i];
  std::string s = "S-" + std::to_string(b[at]) + "-" + std::to_string(authority);
  for (std::size_t i = 0; i < count; ++i) s += "-" + std::to_string(u32(b, at + 8 + 4 * i));
  return s;
}

}  // namespace

std::optional<DaclSummary> read_dacl(const std::vector<std::uint8_t>& sd) {
  constexpr std::uint32_t se_dacl_present = 0x0004;
  constexpr std::uint8_t access_allowed_ace = 0;
  if (sd.size() < 20) return std::nullopt;
  DaclSummary out;
  out.dacl_present = (u16(sd, 2) & se_dacl_present) != 0;
  const std::size_t dacl = u32(sd, 16);
  if (!out.dacl_present) return out;
  if (dacl == 0) {
    out.dacl_present = false;  // a NULL DACL (D:NO_ACCESS_CONTROL) allows everyone too
    return out;
  }
  if (dacl + 8 > sd.size()) return std::nullopt;
  const std::size_t acl_end = dacl + u16(sd, dacl + 2);
  if (acl_end > sd.size()) return std::nullopt;
  const std::size_t count = u16(sd, dacl + 4);
  std::size_t at = dacl + 8;
  for (std::size_t i = 0; i < count; ++i) {
    if (at + 8 > acl_end) return std::nullopt;
    const std::size_t size = u16(sd, at + 2);
    if (size < 8 || at + size > acl_end) return std::nullopt;
    if (sd[at] == access_allowed_ace) {
      out.allowed.push_back({sid_at(sd, at + 8, at + size), u32(sd, at + 4)});
    }
    at += size;
  }
  return out;
}

}  // namespace comreg::lint_detail
