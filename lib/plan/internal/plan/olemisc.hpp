// OLEMISC flags as the comma-separated names manifests use (miscStatus attributes).
#pragma once

#include <cstdint>
#include <string>

namespace comreg {

/// "recomposeonresize,insideout,…" in bit order; bits without a name (none are defined above
/// 0x200000) are not representable in a manifest and are left out.
std::string olemisc_names(std::uint32_t flags);

}  // namespace comreg
