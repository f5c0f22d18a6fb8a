// SDDL text -> binary self-relative security descriptor, as AccessPermission and
// LaunchPermission are stored. Pure computation: works the same on every platform.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace comreg {

struct SddlResult {
  std::vector<std::uint8_t> descriptor;  // empty on error
  std::string error;                     // what is wrong, empty on success
  std::size_t error_offset = 0;          // character offset into the SDDL text
  [[nodiscard]] bool ok() const { return error.empty(); }
};

/// Converts like ConvertStringSecurityDescriptorToSecurityDescriptorW(SDDL_REVISION_1):
/// owner (O:), group (G:), DACL (D:) and SACL (S:) with flags, ACEs with rights given as
/// two-letter codes or hex, SID aliases (BA, SY, IU, WD, …) and S-1-… strings.
[[nodiscard]] SddlResult sddl_to_security_descriptor(std::string_view sddl);

}  // namespace comreg
