#include "lint/security_descriptor.hpp"

#include <algorithm>
#include <string>

namespace comreg::lint_detail {

std::uint32_t granted_rights(const SecurityDescriptor& sd,
                             std::span<const std::string_view> token_sids) {
  if (!sd.dacl || sd.dacl->null_acl) return 0xFFFFFFFFu;
  std::uint32_t granted = 0, denied = 0;
  for (const auto& ace : sd.dacl->aces) {
    if ((ace.flags & ace_inherit_only) != 0) continue;  // only for objects created inside
    const std::string sid = to_string(ace.trustee);
    if (std::find(token_sids.begin(), token_sids.end(), sid) == token_sids.end()) continue;
    if (ace.type == ace_access_allowed || ace.type == ace_access_allowed_object) {
      granted |= ace.mask & ~denied;
    } else if (ace.type == ace_access_denied || ace.type == ace_access_denied_object) {
      denied |= ace.mask & ~granted;
    }
    // Audit, alarm and label entries grant and deny nothing.
  }
  return granted;
}

}  // namespace comreg::lint_detail
