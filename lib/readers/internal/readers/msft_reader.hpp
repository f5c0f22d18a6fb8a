// The MSFT format reader behind read_typelib().
#pragma once

#include "comreg/readers/typelib_reader.hpp"

namespace comreg::typelib {

/// Reads `bytes` as an MSFT type library (the caller has seen the "MSFT" signature).
[[nodiscard]] TypeLibReadResult read_msft(std::span<const std::uint8_t> bytes);

}  // namespace comreg::typelib
