// The export directory (IMAGE_EXPORT_DIRECTORY): function RVAs by ordinal, the name and
// name-ordinal tables, and forwarders (a function RVA inside the export directory is a string).
#include <string>

#include "readers/image_map.hpp"

namespace comreg::pe {
namespace {

constexpr std::uint64_t export_directory_size = 40;
// Ordinals are 16-bit (import by ordinal stores a WORD), so there can be no more functions.
constexpr std::uint64_t max_functions = 0x10000;
// No linker writes longer names; the limit keeps a missing NUL from scanning a whole section.
constexpr std::uint64_t max_name_length = 4096;

}  // namespace

std::optional<PeError> read_exports(const ImageMap& map, const DataDirectory& dir, PeImage& image) {
  if (dir.rva == 0) return std::nullopt;
  if (dir.size < export_directory_size) {
    return pe_error(
        PeErrc::bad_exports,
        "export directory size " + hex(dir.size) + " is smaller than " + hex(export_directory_size),
        dir.field_offset + 4);
  }
  const auto at = map.offset_of(dir.rva, export_directory_size);
  if (!at) {
    return pe_error(PeErrc::bad_rva,
                    "export directory RVA " + hex(dir.rva) + " outside every section",
                    dir.field_offset);
  }
  const ByteView& file = map.file();
  const std::uint32_t name_rva = file.u32(*at + 12);
  const std::uint32_t base = file.u32(*at + 16);
  const std::uint32_t function_count = file.u32(*at + 20);
  const std::uint32_t name_count = file.u32(*at + 24);
  const std::uint32_t functions_rva = file.u32(*at + 28);
  const std::uint32_t names_rva = file.u32(*at + 32);
  const std::uint32_t ordinals_rva = file.u32(*at + 36);

  if (name_rva != 0) {
    const auto name = map.c_string(name_rva, max_name_length);
    if (!name) {
      return pe_error(PeErrc::bad_exports,
                      "export directory Name RVA " + hex(name_rva) +
                          " is no NUL-terminated string inside a section",
                      *at + 12);
    }
    image.export_name = *name;
  }
  if (function_count > max_functions) {
    return pe_error(PeErrc::bad_exports,
                    "export NumberOfFunctions " + hex(function_count) + " exceeds 0x10000",
                    *at + 20);
  }
  if (function_count != 0 && static_cast<std::uint64_t>(base) + function_count - 1 > 0xFFFF) {
    return pe_error(PeErrc::bad_exports,
                    "export ordinal Base " + hex(base) + " + NumberOfFunctions " +
                        hex(function_count) + " exceeds the 16-bit ordinal range",
                    *at + 16);
  }
  if (name_count > function_count) {
    return pe_error(PeErrc::bad_exports,
                    "export NumberOfNames " + hex(name_count) + " exceeds NumberOfFunctions " +
                        hex(function_count),
                    *at + 24);
  }
  if (function_count == 0) return std::nullopt;
  const auto functions = map.offset_of(functions_rva, 4ULL * function_count);
  if (!functions) {
    return pe_error(PeErrc::bad_rva,
                    "export AddressOfFunctions RVA " + hex(functions_rva) + " (" +
                        hex(4ULL * function_count) + " bytes) outside every section",
                    *at + 28);
  }
  std::optional<std::uint64_t> names;
  std::optional<std::uint64_t> ordinals;
  if (name_count != 0) {
    names = map.offset_of(names_rva, 4ULL * name_count);
    if (!names) {
      return pe_error(PeErrc::bad_rva,
                      "export AddressOfNames RVA " + hex(names_rva) + " (" +
                          hex(4ULL * name_count) + " bytes) outside every section",
                      *at + 32);
    }
    ordinals = map.offset_of(ordinals_rva, 2ULL * name_count);
    if (!ordinals) {
      return pe_error(PeErrc::bad_rva,
                      "export AddressOfNameOrdinals RVA " + hex(ordinals_rva) + " (" +
                          hex(2ULL * name_count) + " bytes) outside every section",
                      *at + 36);
    }
  }

  std::vector<std::vector<std::string>> function_names(function_count);
  for (std::uint32_t i = 0; i < name_count; ++i) {
    const std::uint16_t index = file.u16(*ordinals + 2ULL * i);
    if (index >= function_count) {
      return pe_error(PeErrc::bad_exports,
                      "export name ordinal " + hex(index) + " is not below NumberOfFunctions " +
                          hex(function_count),
                      *ordinals + 2ULL * i);
    }
    const std::uint32_t rva = file.u32(*names + 4ULL * i);
    const auto name = map.c_string(rva, max_name_length);
    if (!name) {
      return pe_error(
          PeErrc::bad_exports,
          "export name RVA " + hex(rva) + " is no NUL-terminated string inside a section",
          *names + 4ULL * i);
    }
    function_names[index].push_back(*name);  // several names may export one function
  }

  const std::uint64_t dir_end = static_cast<std::uint64_t>(dir.rva) + dir.size;
  for (std::uint32_t i = 0; i < function_count; ++i) {
    const std::uint32_t rva = file.u32(*functions + 4ULL * i);
    if (rva == 0) continue;  // an unused ordinal slot
    PeExport e;
    e.ordinal = static_cast<std::uint16_t>(base + i);
    e.rva = rva;
    if (rva >= dir.rva && rva < dir_end) {
      const auto forwarder = map.c_string(rva, max_name_length);
      if (!forwarder) {
        return pe_error(
            PeErrc::bad_exports,
            "export forwarder RVA " + hex(rva) + " is no NUL-terminated string inside a section",
            *functions + 4ULL * i);
      }
      e.forwarder = *forwarder;
    }
    if (function_names[i].empty()) {
      image.exports.push_back(std::move(e));
      continue;
    }
    for (auto& name : function_names[i]) {
      e.name = std::move(name);
      image.exports.push_back(e);
    }
  }
  return std::nullopt;
}

}  // namespace comreg::pe
