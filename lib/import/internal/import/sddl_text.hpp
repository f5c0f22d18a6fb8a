// Binary self-relative security descriptor -> SDDL text, the inverse of
// sddl_to_security_descriptor() for what COM's AccessPermission and LaunchPermission hold.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace comreg {

/// SDDL that sddl_to_security_descriptor() turns back into exactly `descriptor`; nullopt when
/// there is none (object ACEs, unusual layouts, trailing bytes): the caller keeps the bytes.
[[nodiscard]] std::optional<std::string> security_descriptor_to_sddl(
    const std::vector<std::uint8_t>& descriptor);

}  // namespace comreg
