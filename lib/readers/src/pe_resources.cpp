// The resource directory: a three-level tree (type, name, language) of IMAGE_RESOURCE_DIRECTORY
// tables whose entries point at subtables or, on the last level, at IMAGE_RESOURCE_DATA_ENTRY
// records. Offsets inside the tree are relative to the directory's start; the data entries hold
// RVAs. A table may be reached once only, which cuts loops and shared-subtree blow-ups alike.
#include <set>
#include <string>

#include "core/utf.hpp"
#include "readers/image_map.hpp"

namespace comreg::pe {
namespace {

constexpr std::uint64_t table_header_size = 16;
constexpr std::uint64_t entry_size = 8;
constexpr std::uint64_t data_entry_size = 16;
constexpr std::uint32_t high_bit = 0x80000000U;
const char* const level_names[] = {"type", "name", "language"};

class ResourceTreeReader {
 public:
  ResourceTreeReader(const ImageMap& map, const DataDirectory& dir, PeImage& image)
      : map_(map), file_(map.file()), dir_(dir), image_(image) {}

  std::optional<PeError> read() {
    if (dir_.size < table_header_size) {
      return pe_error(PeErrc::bad_resources,
                      "resource directory size " + hex(dir_.size) + " is smaller than a table (" +
                          hex(table_header_size) + " bytes)",
                      dir_.field_offset + 4);
    }
    if (!map_.offset_of(dir_.rva, table_header_size)) {
      return pe_error(PeErrc::bad_rva,
                      "resource directory RVA " + hex(dir_.rva) + " outside every section",
                      dir_.field_offset);
    }
    return table(0, 0, std::nullopt, std::nullopt);
  }

 private:
  // File offset of [offset, offset + length) of the tree, which must lie inside the directory's
  // declared size and in the file.
  std::optional<std::uint64_t> locate(std::uint64_t offset, std::uint64_t length) const {
    if (offset > dir_.size || length > dir_.size - offset) return std::nullopt;
    return map_.offset_of(dir_.rva + offset, length);
  }

  std::optional<PeError> outside(const std::string& what, std::uint64_t offset,
                                 std::uint64_t length, std::uint64_t field) const {
    return pe_error(PeErrc::bad_resources,
                    what + " at directory offset " + hex(offset) + " (" + hex(length) +
                        " bytes) lies outside the resource directory (" + hex(dir_.size) +
                        " bytes at RVA " + hex(dir_.rva) + ")",
                    field);
  }

  std::optional<PeError> key(std::uint32_t raw, std::uint64_t field, PeResourceKey& out) const {
    out = {};
    if ((raw & high_bit) == 0) {
      out.id = raw;
      return std::nullopt;
    }
    const std::uint64_t offset = raw & ~high_bit;
    const auto at = locate(offset, 2);
    if (!at) return outside("a resource name", offset, 2, field);
    const std::uint64_t length = 2ULL * file_.u16(*at);
    const auto chars = locate(offset + 2, length);
    if (!chars) return outside("a resource name", offset, 2 + length, field);
    std::u16string utf16;
    utf16.reserve(length / 2);
    for (std::uint64_t i = 0; i < length; i += 2) {
      utf16.push_back(static_cast<char16_t>(file_.u16(*chars + i)));
    }
    out.is_name = true;
    out.name = text::to_utf8(utf16);
    return std::nullopt;
  }

  std::optional<PeError> table(std::uint64_t offset, int level,
                               const std::optional<PeResourceKey>& type,
                               const std::optional<PeResourceKey>& name) {
    if (!visited_.insert(offset).second) {
      return pe_error(PeErrc::bad_resources,
                      "resource table at directory offset " + hex(offset) +
                          " is reached twice (a loop or a shared subtree)",
                      dir_.field_offset);
    }
    const auto at = locate(offset, table_header_size);
    if (!at) return outside("a resource table", offset, table_header_size, dir_.field_offset);
    const std::uint64_t count =
        static_cast<std::uint64_t>(file_.u16(*at + 12)) + file_.u16(*at + 14);
    const auto entries = locate(offset + table_header_size, entry_size * count);
    if (!entries) {
      return outside("the " + std::to_string(count) + " entries of a resource table",
                     offset + table_header_size, entry_size * count, *at + 12);
    }
    for (std::uint64_t i = 0; i < count; ++i) {
      const std::uint64_t entry = *entries + entry_size * i;
      PeResourceKey k;
      if (auto e = key(file_.u32(entry), entry, k)) return e;
      const std::uint32_t target = file_.u32(entry + 4);
      const bool subtable = (target & high_bit) != 0;
      if (subtable != (level < 2)) {
        return pe_error(PeErrc::bad_resources,
                        std::string("resource ") + level_names[level] + " entry " +
                            std::to_string(i) + " points at " + (subtable ? "a table" : "data") +
                            " where " + (level < 2 ? "a table" : "data") + " belongs",
                        entry + 4);
      }
      if (subtable) {
        const auto e = level == 0 ? table(target & ~high_bit, 1, k, std::nullopt)
                                  : table(target & ~high_bit, 2, type, k);
        if (e) return e;
      } else if (auto e = leaf(target, entry + 4, *type, *name, k)) {
        return e;
      }
    }
    return std::nullopt;
  }

  std::optional<PeError> leaf(std::uint64_t offset, std::uint64_t field, const PeResourceKey& type,
                              const PeResourceKey& name, const PeResourceKey& language) {
    const auto at = locate(offset, data_entry_size);
    if (!at) return outside("a resource data entry", offset, data_entry_size, field);
    PeResource r;
    r.type = type;
    r.name = name;
    r.language = language.is_name ? 0 : language.id;
    r.data_rva = file_.u32(*at);
    const std::uint32_t size = file_.u32(*at + 4);
    r.codepage = file_.u32(*at + 8);
    if (size != 0) {
      const auto data = map_.offset_of(r.data_rva, size);
      if (!data) {
        return pe_error(PeErrc::bad_rva,
                        "resource " + type.to_string() + "/" + name.to_string() + " data RVA " +
                            hex(r.data_rva) + " (" + hex(size) + " bytes) outside every section",
                        *at);
      }
      r.data = file_.slice(*data, size);
    }
    image_.resources.push_back(std::move(r));
    return std::nullopt;
  }

  const ImageMap& map_;
  const ByteView& file_;
  const DataDirectory& dir_;
  PeImage& image_;
  std::set<std::uint64_t> visited_;
};

}  // namespace

std::optional<PeError> read_resources(const ImageMap& map, const DataDirectory& dir,
                                      PeImage& image) {
  if (dir.rva == 0) return std::nullopt;
  return ResourceTreeReader(map, dir, image).read();
}

}  // namespace comreg::pe
