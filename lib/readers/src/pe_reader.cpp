// read_pe: DOS header -> NT signature -> file header -> optional header -> section table, then
// the export and resource directories (pe_exports.cpp, pe_resources.cpp).
// Field offsets are those of Microsoft's "PE Format" specification (IMAGE_* structures).
#include "comreg/readers/pe_reader.hpp"

#include "core/ascii.hpp"
#include "core/byte_view.hpp"
#include "readers/image_map.hpp"

namespace comreg {
namespace {

using pe::ByteView;
using pe::DataDirectory;
using pe::hex;
using pe::pe_error;

constexpr std::uint16_t magic_pe32 = 0x10b;
constexpr std::uint16_t magic_pe32_plus = 0x20b;
constexpr std::uint32_t max_data_directories = 16;
constexpr std::uint32_t export_directory_index = 0;
constexpr std::uint32_t resource_directory_index = 2;

std::optional<PeError> truncated(const char* what, std::uint64_t offset, std::uint64_t length,
                                 std::uint64_t file_size) {
  return pe_error(PeErrc::truncated,
                  std::string(what) + " (" + hex(length) +
                      " bytes) runs past the end of the file (" + hex(file_size) + " bytes)",
                  offset);
}

std::string section_name(std::span<const std::uint8_t> raw) {
  std::string name;
  for (const std::uint8_t c : raw) {
    if (c == 0) break;
    // Names come from the file: keep them printable for messages and JSON.
    name.push_back(c >= 0x20 && c < 0x7F ? static_cast<char>(c) : '?');
  }
  return name;
}

std::optional<PeError> read_headers(const ByteView& file, PeImage& image,
                                    std::vector<DataDirectory>& directories,
                                    std::uint32_t& size_of_headers) {
  if (!file.has(0, 64)) return truncated("the DOS header", 0, 64, file.size());
  if (file.u16(0) != 0x5A4D) {
    return pe_error(PeErrc::bad_dos_header,
                    "no DOS signature 'MZ' (found " + hex(file.u16(0)) + ")", 0);
  }
  const std::uint64_t nt = file.u32(0x3C);
  if (nt < 4 || !file.has(nt, 4)) {
    return pe_error(
        PeErrc::bad_dos_header,
        "e_lfanew " + hex(nt) + " points outside the file (" + hex(file.size()) + " bytes)", 0x3C);
  }
  if (file.u32(nt) != 0x00004550) {
    return pe_error(PeErrc::bad_signature,
                    "no PE signature 'PE\\0\\0' at e_lfanew (found " + hex(file.u32(nt)) + ")", nt);
  }
  const std::uint64_t fh = nt + 4;
  if (!file.has(fh, 20)) return truncated("the file header", fh, 20, file.size());
  image.machine = file.u16(fh);
  const std::uint16_t section_count = file.u16(fh + 2);
  const std::uint16_t optional_size = file.u16(fh + 16);
  image.characteristics = file.u16(fh + 18);
  if ((image.characteristics & pe_executable_image) == 0) {
    return pe_error(PeErrc::bad_file_header,
                    "Characteristics " + hex(image.characteristics) +
                        " lack IMAGE_FILE_EXECUTABLE_IMAGE: an object file, not an image",
                    fh + 18);
  }

  const std::uint64_t oh = fh + 20;
  if (!file.has(oh, 2)) return truncated("the optional header magic", oh, 2, file.size());
  const std::uint16_t magic = file.u16(oh);
  if (magic != magic_pe32 && magic != magic_pe32_plus) {
    return pe_error(
        PeErrc::bad_optional_header,
        "optional header magic " + hex(magic) + " is neither PE32 (0x10B) nor PE32+ (0x20B)", oh);
  }
  image.pe32_plus = magic == magic_pe32_plus;
  const std::uint64_t count_field = image.pe32_plus ? 108 : 92;
  const std::uint64_t directories_field = count_field + 4;
  if (optional_size < directories_field) {
    return pe_error(PeErrc::bad_optional_header,
                    "SizeOfOptionalHeader " + hex(optional_size) + " is smaller than the " +
                        (image.pe32_plus ? "PE32+" : "PE32") + " optional header (" +
                        hex(directories_field) + " bytes)",
                    fh + 16);
  }
  if (!file.has(oh, optional_size)) {
    return truncated("the optional header", oh, optional_size, file.size());
  }
  image.entry_point = file.u32(oh + 16);
  image.image_base = image.pe32_plus ? file.u64(oh + 24) : file.u32(oh + 28);
  image.size_of_image = file.u32(oh + 56);
  size_of_headers = file.u32(oh + 60);
  image.subsystem = file.u16(oh + 68);
  image.dll_characteristics = file.u16(oh + 70);
  const std::uint32_t directory_count = file.u32(oh + count_field);
  if (directory_count > max_data_directories) {
    return pe_error(PeErrc::bad_optional_header,
                    "NumberOfRvaAndSizes " + hex(directory_count) + " exceeds 16",
                    oh + count_field);
  }
  if (directories_field + 8ULL * directory_count > optional_size) {
    return pe_error(PeErrc::bad_optional_header,
                    "NumberOfRvaAndSizes " + hex(directory_count) +
                        " data directories do not fit in SizeOfOptionalHeader " +
                        hex(optional_size),
                    oh + count_field);
  }
  if (size_of_headers > file.size()) {
    return pe_error(PeErrc::bad_optional_header,
                    "SizeOfHeaders " + hex(size_of_headers) + " runs past the end of the file (" +
                        hex(file.size()) + " bytes)",
                    oh + 60);
  }
  directories.resize(max_data_directories);
  for (std::uint32_t i = 0; i < directory_count; ++i) {
    const std::uint64_t at = oh + directories_field + 8ULL * i;
    directories[i] = DataDirectory{file.u32(at), file.u32(at + 4), at};
  }

  const std::uint64_t table = oh + optional_size;
  if (!file.has(table, 40ULL * section_count)) {
    return truncated("the section table", table, 40ULL * section_count, file.size());
  }
  image.sections.reserve(section_count);
  for (std::uint32_t i = 0; i < section_count; ++i) {
    const std::uint64_t at = table + 40ULL * i;
    PeSection s;
    s.name = section_name(file.slice(at, 8));
    s.virtual_size = file.u32(at + 8);
    s.virtual_address = file.u32(at + 12);
    s.raw_size = file.u32(at + 16);
    s.raw_offset = file.u32(at + 20);
    s.characteristics = file.u32(at + 36);
    if (s.raw_size != 0 && !file.has(s.raw_offset, s.raw_size)) {
      return pe_error(PeErrc::bad_section,
                      "section " + std::to_string(i) + " ('" + s.name + "') raw data at " +
                          hex(s.raw_offset) + " (SizeOfRawData " + hex(s.raw_size) +
                          ") runs past the end of the file (" + hex(file.size()) + " bytes)",
                      at + 16);
    }
    if (static_cast<std::uint64_t>(s.virtual_address) + s.virtual_size > 0xFFFFFFFFULL) {
      return pe_error(PeErrc::bad_section,
                      "section " + std::to_string(i) + " ('" + s.name + "') VirtualAddress " +
                          hex(s.virtual_address) + " + VirtualSize " + hex(s.virtual_size) +
                          " exceeds the 32-bit address space",
                      at + 8);
    }
    image.sections.push_back(std::move(s));
  }
  return std::nullopt;
}

}  // namespace

const char* to_string(PeErrc e) {
  switch (e) {
    case PeErrc::truncated:
      return "pe-truncated";
    case PeErrc::bad_dos_header:
      return "pe-bad-dos-header";
    case PeErrc::bad_signature:
      return "pe-bad-signature";
    case PeErrc::bad_file_header:
      return "pe-bad-file-header";
    case PeErrc::bad_optional_header:
      return "pe-bad-optional-header";
    case PeErrc::bad_section:
      return "pe-bad-section";
    case PeErrc::bad_rva:
      return "pe-bad-rva";
    case PeErrc::bad_exports:
      return "pe-bad-exports";
    case PeErrc::bad_resources:
      return "pe-bad-resources";
  }
  return "pe-error";
}

PeReadResult read_pe(std::span<const std::uint8_t> bytes) {
  PeReadResult result;
  const ByteView file(bytes);
  PeImage image;
  std::vector<DataDirectory> directories;
  std::uint32_t size_of_headers = 0;
  if (auto e = read_headers(file, image, directories, size_of_headers)) {
    result.error = std::move(e);
    return result;
  }
  const pe::ImageMap map(file, size_of_headers, image.sections);
  if (auto e = pe::read_exports(map, directories[export_directory_index], image)) {
    result.error = std::move(e);
    return result;
  }
  if (auto e = pe::read_resources(map, directories[resource_directory_index], image)) {
    result.error = std::move(e);
    return result;
  }
  result.image = std::move(image);
  return result;
}

PeReadResult read_pe(std::string_view bytes) {
  return read_pe(std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(bytes.data()),
                                               bytes.size()));
}

std::string PeResourceKey::to_string() const {
  return is_name ? name : std::to_string(id);
}

const PeExport* PeImage::find_export(std::string_view wanted) const {
  for (const auto& e : exports) {
    if (e.name == wanted) return &e;
  }
  return nullptr;
}

std::vector<const PeResource*> PeImage::resources_of_type(std::uint32_t type) const {
  std::vector<const PeResource*> out;
  for (const auto& r : resources) {
    if (!r.type.is_name && r.type.id == type) out.push_back(&r);
  }
  return out;
}

std::vector<const PeResource*> PeImage::resources_of_type(std::string_view type) const {
  std::vector<const PeResource*> out;
  for (const auto& r : resources) {
    if (r.type.is_name && text::iequals(r.type.name, type)) out.push_back(&r);
  }
  return out;
}

std::vector<const PeResource*> PeImage::manifests() const {
  return resources_of_type(pe_rt_manifest);
}

std::vector<const PeResource*> PeImage::typelibs() const {
  return resources_of_type(pe_rt_typelib);
}

std::string pe_machine_name(std::uint16_t machine) {
  switch (machine) {
    case pe_machine_i386:
      return "x86";
    case pe_machine_amd64:
      return "amd64";
    case pe_machine_arm64:
      return "arm64";
    case pe_machine_armnt:
      return "arm";
    default:
      return hex(machine);
  }
}

std::string pe_subsystem_name(std::uint16_t subsystem) {
  switch (subsystem) {
    case pe_subsystem_native:
      return "native";
    case pe_subsystem_windows_gui:
      return "windows-gui";
    case pe_subsystem_windows_cui:
      return "windows-cui";
    default:
      return std::to_string(subsystem);
  }
}

}  // namespace comreg
