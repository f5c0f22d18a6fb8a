// Name-based GUIDs (RFC 4122 version 5, SHA-1): the same name always gives the same GUID, so
// generated installer files are byte-for-byte reproducible and need no clock or random source.
#pragma once

#include <string>
#include <string_view>

namespace comreg {

/// comreg's namespace for the GUIDs it derives: {B0F6E2C4-3C1D-4B8E-9A57-6D2F1E0C8A31}.
inline constexpr std::string_view comreg_guid_namespace = "{B0F6E2C4-3C1D-4B8E-9A57-6D2F1E0C8A31}";

/// The version 5 GUID of `name` in `name_space` (a braced GUID), upper case and braced.
[[nodiscard]] std::string name_based_guid(std::string_view name_space, std::string_view name);

/// The SHA-1 digest of `data` (FIPS 180-4), 20 bytes.
[[nodiscard]] std::string sha1(std::string_view data);

}  // namespace comreg
