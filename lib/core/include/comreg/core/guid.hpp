// GUID text handling: every GUID comreg writes is upper-case and braced, as regsvr32 writes them.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace comreg {

/// Accepts "{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}" or the same without braces, any case;
/// returns the canonical "{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}", or nullopt if not a GUID.
[[nodiscard]] std::optional<std::string> normalize_guid(std::string_view text);

/// Whether `text` is already canonical: "{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}", upper-case hex.
[[nodiscard]] bool is_canonical_guid(std::string_view text);

/// The 32 digits of a canonical GUID read as two numbers, the first 16 digits and the last 16,
/// in the same pass as the check (keys that hash and compare GUIDs); nullopt when `text` is not
/// canonical.
[[nodiscard]] std::optional<std::pair<std::uint64_t, std::uint64_t>> canonical_guid_halves(
    std::string_view text);

/// The 16 bytes of a GUID in its in-memory (little-endian Data1..Data3) layout.
[[nodiscard]] std::optional<std::array<std::uint8_t, 16>> guid_bytes(std::string_view text);

/// A new random GUID (RFC 4122 version 4) from the operating system's cryptographic random
/// source, in the canonical form. Throws std::system_error if that source fails.
[[nodiscard]] std::string random_guid();

}  // namespace comreg
