// What a self-relative security descriptor (the bytes sddl_to_security_descriptor makes)
// grants, judged as an access check would, so rules judge what the SDDL really allows.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace comreg::lint_detail {

struct Ace {
  std::uint8_t type = 0;   // ACCESS_ALLOWED_ACE_TYPE (0), ACCESS_DENIED_ACE_TYPE (1), …
  std::uint8_t flags = 0;  // INHERIT_ONLY_ACE (0x08), …
  std::uint32_t mask = 0;
  std::string sid;  // "S-1-1-0"
};

struct Dacl {
  bool present = false;  // false: no DACL or a NULL DACL, which allows everyone everything
  std::vector<Ace> aces;
};

/// The DACL's entries in order; nullopt if the bytes are not a descriptor.
[[nodiscard]] std::optional<Dacl> read_dacl(const std::vector<std::uint8_t>& sd);

/// The rights an access check grants a token holding exactly `token_sids`: the entries are
/// read in order, each right granted by the first allow or deny entry naming it for a SID of
/// the token (a deny after an allow takes nothing back); object entries (OA, OD) count like
/// plain ones for the rights they name; inherit-only entries do not apply to the object.
/// All bits when the DACL is absent or NULL.
[[nodiscard]] std::uint32_t granted_rights(const Dacl& dacl,
                                           std::span<const std::string_view> token_sids);

}  // namespace comreg::lint_detail
