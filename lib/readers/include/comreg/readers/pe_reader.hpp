// PeReader: the headers, export table and resource tree of a Windows PE file (DLL or EXE),
// read from bytes without loading or running it, on any platform.
//
// The file is untrusted input: every offset, size and RVA is bounds-checked with overflow-safe
// arithmetic, and a malformed or truncated file gives a PeError (stable code, message naming the
// field and its file offset), never a crash or an out-of-range read.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace comreg {

/// IMAGE_FILE_HEADER.Machine values comreg names.
enum PeMachine : std::uint16_t {
  pe_machine_i386 = 0x014c,
  pe_machine_amd64 = 0x8664,
  pe_machine_arm64 = 0xaa64,
  pe_machine_armnt = 0x01c4,
};

/// IMAGE_FILE_HEADER.Characteristics bits used here.
enum PeCharacteristic : std::uint16_t {
  pe_executable_image = 0x0002,
  pe_dll = 0x2000,
};

/// IMAGE_OPTIONAL_HEADER.Subsystem values comreg names.
enum PeSubsystem : std::uint16_t {
  pe_subsystem_native = 1,
  pe_subsystem_windows_gui = 2,
  pe_subsystem_windows_cui = 3,
};

/// Resource type ids (RT_*) that comreg reads.
inline constexpr std::uint32_t pe_rt_manifest = 24;
/// The named resource type of embedded type libraries (`1 TYPELIB "x.tlb"` in a .rc file).
inline constexpr std::string_view pe_rt_typelib = "TYPELIB";

/// Why a file is not a readable PE image. The slug (to_string) is stable: scripts match on it.
enum class PeErrc : std::uint8_t {
  truncated,            // a structure runs past the end of the file
  bad_dos_header,       // no "MZ", or e_lfanew out of range
  bad_signature,        // no "PE\0\0" at e_lfanew
  bad_file_header,      // IMAGE_FILE_HEADER fields out of range
  bad_optional_header,  // magic, SizeOfOptionalHeader, NumberOfRvaAndSizes, SizeOfHeaders
  bad_section,          // a section header's file range is outside the file
  bad_rva,              // a directory or table RVA maps to no section data
  bad_exports,          // export directory fields inconsistent
  bad_resources,        // resource tree malformed (depth, loop, entry out of range)
};

/// "pe-truncated", "pe-bad-dos-header", "pe-bad-signature", "pe-bad-file-header",
/// "pe-bad-optional-header", "pe-bad-section", "pe-bad-rva", "pe-bad-exports",
/// "pe-bad-resources".
[[nodiscard]] const char* to_string(PeErrc e);

/// A malformed file: which rule failed, a message naming the field, and where (file offset).
struct PeError {
  PeErrc code = PeErrc::truncated;
  std::string message;  // e.g. "export directory RVA 0x5000 outside every section"
  std::uint64_t offset = 0;
};

/// One section header (the name as written, at most 8 bytes; no string-table lookup).
struct PeSection {
  std::string name;
  std::uint32_t virtual_address = 0;
  std::uint32_t virtual_size = 0;
  std::uint32_t raw_offset = 0;  // PointerToRawData
  std::uint32_t raw_size = 0;    // SizeOfRawData
  std::uint32_t characteristics = 0;
};

/// One exported function: by name (possibly empty: exported by ordinal only), ordinal, RVA, and
/// the forwarder ("KERNEL32.GetTickCount") when the export is forwarded to another DLL.
struct PeExport {
  std::string name;
  std::uint16_t ordinal = 0;
  std::uint32_t rva = 0;
  std::string forwarder;
};

/// A resource type, name or language: a number, or a name (UTF-8; names are compared by
/// Windows case-insensitively and stored upper-case by rc tools).
struct PeResourceKey {
  bool is_name = false;
  std::uint32_t id = 0;
  std::string name;
  [[nodiscard]] std::string to_string() const;  // "24" or "TYPELIB"
};

/// One resource leaf of the type/name/language tree. `data` points into the bytes given to
/// read_pe: it is valid only while those bytes are.
struct PeResource {
  PeResourceKey type;
  PeResourceKey name;
  std::uint32_t language = 0;
  std::uint32_t codepage = 0;
  std::uint32_t data_rva = 0;
  std::span<const std::uint8_t> data;
};

/// What read_pe found. Resource data spans point into the caller's bytes.
struct PeImage {
  std::uint16_t machine = 0;
  std::uint16_t characteristics = 0;
  bool pe32_plus = false;  // PE32+ (64-bit optional header)
  std::uint16_t subsystem = 0;
  std::uint16_t dll_characteristics = 0;
  std::uint64_t image_base = 0;
  std::uint32_t entry_point = 0;  // RVA; 0 = none
  std::uint32_t size_of_image = 0;
  std::vector<PeSection> sections;
  std::string export_name;            // the DLL name the export directory records ("x.dll"), if any
  std::vector<PeExport> exports;      // by ordinal; one entry per name (aliases share an ordinal)
  std::vector<PeResource> resources;  // in tree order: type, then name, then language

  [[nodiscard]] bool is_dll() const { return (characteristics & pe_dll) != 0; }
  /// The export named `name` (exact, case-sensitive as GetProcAddress), or nullptr.
  [[nodiscard]] const PeExport* find_export(std::string_view name) const;
  /// Every resource of numeric type `type` (e.g. pe_rt_manifest), or of named type `type`
  /// (compared case-insensitively, e.g. pe_rt_typelib).
  [[nodiscard]] std::vector<const PeResource*> resources_of_type(std::uint32_t type) const;
  [[nodiscard]] std::vector<const PeResource*> resources_of_type(std::string_view type) const;
  /// The RT_MANIFEST resources and the TYPELIB resources.
  [[nodiscard]] std::vector<const PeResource*> manifests() const;
  [[nodiscard]] std::vector<const PeResource*> typelibs() const;
};

/// The image, or the first problem found.
struct PeReadResult {
  std::optional<PeImage> image;
  std::optional<PeError> error;
  [[nodiscard]] bool ok() const { return image.has_value(); }
};

/// Reads a PE file's headers, exports and resources from `bytes` (the whole file).
[[nodiscard]] PeReadResult read_pe(std::span<const std::uint8_t> bytes);
[[nodiscard]] PeReadResult read_pe(std::string_view bytes);
/// Refused: the image's resource spans would point into a temporary.
PeReadResult read_pe(std::string&& bytes) = delete;

/// "x86", "amd64", "arm64", "arm", or "0x1234" for other machine values.
[[nodiscard]] std::string pe_machine_name(std::uint16_t machine);
/// "windows-gui", "windows-cui", "native", … or the number.
[[nodiscard]] std::string pe_subsystem_name(std::uint16_t subsystem);

}  // namespace comreg
