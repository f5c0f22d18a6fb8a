// What `comreg import SOURCE` was given: the kind of source, told from its first bytes (or
// forced with --from), and the scripts a DLL or EXE carries (ATL REGISTRY resources, comhost's
// CLSID map).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "comreg/readers/pe_reader.hpp"

namespace comreg {

enum class ImportSourceKind : std::uint8_t {
  reg,       // a .reg export (REGEDIT4, version 5, Windows 3.1 REGEDIT)
  hive,      // an offline hive file ("regf")
  rgs,       // an ATL registrar script, or a DLL/EXE with REGISTRY resources
  manifest,  // a side-by-side manifest (XML)
  clsidmap,  // a .NET .clsidmap (JSON)
  comhost,   // a built X.comhost.dll (its CLSIDMAP resource)
  typelib,   // a type library, or a DLL/EXE with a TYPELIB resource
};

/// "reg", "hive", "rgs", "manifest", "clsidmap", "comhost", "typelib".
[[nodiscard]] std::string_view to_string(ImportSourceKind kind);
[[nodiscard]] std::optional<ImportSourceKind> parse_import_source_kind(std::string_view name);

/// The kind the bytes look like: "regf" a hive, "MSFT"/"SLTG" a type library, "MZ" a binary
/// (comhost when it has a CLSID map, rgs when it has REGISTRY resources, else typelib), text
/// starting "Windows Registry Editor"/"REGEDIT" a .reg file, '<' a manifest, '{' a CLSID map;
/// any other text is taken for an .rgs script (its reader says where it is not one).
[[nodiscard]] ImportSourceKind detect_import_source_kind(std::string_view bytes);

/// comhost's CLSID map resource: type 1024, id 64 (RESOURCETYPE_CLSIDMAP, RESOURCEID_CLSIDMAP
/// in dotnet/runtime's comhost.h).
inline constexpr std::uint32_t pe_rt_clsidmap = 1024;
inline constexpr std::uint32_t pe_clsidmap_id = 64;

/// The CLSID map of a comhost image, or nullptr.
[[nodiscard]] const PeResource* clsid_map_resource(const PeImage& image);

/// One ATL registrar script of an image: its resource name ("101", "MYSERVER") and text.
struct RegistryScript {
  std::string name;
  std::string_view text;
};

/// The REGISTRY resources of an image, in resource order (one script per name: the first
/// language).
[[nodiscard]] std::vector<RegistryScript> registry_scripts(const PeImage& image);

}  // namespace comreg
