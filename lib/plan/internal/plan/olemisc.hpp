// OLEMISC flags as the comma-separated names manifests use (miscStatus attributes).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace comreg {

/// "recomposeonresize,insideout,…" in bit order; bits without a name (none are defined above
/// 0x200000) are not representable in a manifest and are left out.
std::string olemisc_names(std::uint32_t flags);

/// The flags of a miscStatus attribute ("insideout,activatewhenvisible"), or nullopt when a
/// name is not one of them (exact lower case, as Wine reads them). "" is 0.
std::optional<std::uint32_t> olemisc_flags(std::string_view names);

}  // namespace comreg
