#include "lint/security_descriptor.hpp"

#include <algorithm>

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

constexpr std::uint8_t access_allowed = 0;
constexpr std::uint8_t access_denied = 1;
constexpr std::uint8_t access_allowed_object = 5;
constexpr std::uint8_t access_denied_object = 6;
constexpr std::uint8_t inherit_only = 0x08;

// Where the SID of the ACE at `at` starts: after the header and mask, and for object ACEs
// after their flags and the object-type GUIDs those flags say are present.
std::size_t sid_offset(const std::vector<std::uint8_t>& sd, std::size_t at, std::size_t end) {
  const std::uint8_t type = sd[at];
  if (type != access_allowed_object && type != access_denied_object) return at + 8;
  if (at + 12 > end) return end;
  const std::uint32_t present = u32(sd, at + 8);
  return at + 12 + ((present & 1) ? 16 : 0) + ((present & 2) ? 16 : 0);
}

}  // namespace

std::optional<Dacl> read_dacl(const std::vector<std::uint8_t>& sd) {
  constexpr std::uint32_t se_dacl_present = 0x0004;
  if (sd.size() < 20) return std::nullopt;
  Dacl out;
  out.present = (u16(sd, 2) & se_dacl_present) != 0;
  const std::size_t dacl = u32(sd, 16);
  if (!out.present) return out;
  if (dacl == 0) {
    out.present = false;  // a NULL DACL (D:NO_ACCESS_CONTROL) allows everyone too
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
    out.aces.push_back({sd[at], sd[at + 1], u32(sd, at + 4),
                        sid_at(sd, sid_offset(sd, at, at + size), at + size)});
    at += size;
  }
  return out;
}

std::uint32_t granted_rights(const Dacl& dacl, std::span<const std::string_view> token_sids) {
  if (!dacl.present) return 0xFFFFFFFFu;
  std::uint32_t granted = 0, denied = 0;
  for (const auto& ace : dacl.aces) {
    if ((ace.flags & inherit_only) != 0) continue;  // only for objects created inside
    if (std::find(token_sids.begin(), token_sids.end(), ace.sid) == token_sids.end()) continue;
    if (ace.type == access_allowed || ace.type == access_allowed_object) {
      granted |= ace.mask & ~denied;
    } else if (ace.type == access_denied || ace.type == access_denied_object) {
      denied |= ace.mask & ~granted;
    }
    // Audit, alarm and label entries grant and deny nothing.
  }
  return granted;
}

}  // namespace comreg::lint_detail
