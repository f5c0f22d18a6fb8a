// What a security descriptor's DACL grants, judged as an access check would, so rules judge
// what the SDDL really allows.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "comreg/model/sddl.hpp"

namespace comreg::lint_detail {

/// The rights an access check grants a token holding exactly `token_sids` ("S-1-1-0", …): the
/// entries are read in order, each right granted by the first allow or deny entry naming it for
/// a SID of the token (a deny after an allow takes nothing back); object entries (OA, OD) count
/// like plain ones for the rights they name; inherit-only entries do not apply to the object.
/// All bits when the DACL is absent or NULL.
[[nodiscard]] std::uint32_t granted_rights(const SecurityDescriptor& sd,
                                           std::span<const std::string_view> token_sids);

}  // namespace comreg::lint_detail
