// Reading back the allow entries of a self-relative security descriptor (the bytes
// sddl_to_security_descriptor makes), so rules judge the SIDs the SDDL really names.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace comreg::lint_detail {

struct AllowedAce {
  std::string sid;  // "S-1-1-0"
  std::uint32_t mask = 0;
};

struct DaclSummary {
  bool dacl_present = false;  // no DACL = no restriction at all
  std::vector<AllowedAce> allowed;
};

/// The DACL's ACCESS_ALLOWED entries; nullopt if the bytes are not a descriptor.
[[nodiscard]] std::optional<DaclSummary> read_dacl(const std::vector<std::uint8_t>& sd);

}  // namespace comreg::lint_detail
