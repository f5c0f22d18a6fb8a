// ImageMap: where an RVA of a PE image lies in the file, without mapping the image.
//
// An RVA is read from the file only when the whole range [rva, rva + length) lies in the raw
// data of one section (or in the headers): the zero-filled tail a loader adds beyond a section's
// raw data holds no tables a well-formed file relies on.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "comreg/readers/pe_reader.hpp"
#include "core/byte_view.hpp"

namespace comreg::pe {

/// The part of the file an RVA falls in: its file offset and how many bytes follow it there.
struct FileRegion {
  std::uint64_t offset = 0;
  std::uint64_t available = 0;
};

class ImageMap {
 public:
  ImageMap(ByteView file, std::uint32_t size_of_headers, const std::vector<PeSection>& sections)
      : file_(file), size_of_headers_(size_of_headers), sections_(sections) {}

  [[nodiscard]] const ByteView& file() const { return file_; }

  /// The region holding `rva`, or nullopt when no section's file data (nor the headers) does.
  [[nodiscard]] std::optional<FileRegion> region_of(std::uint64_t rva) const {
    if (rva < size_of_headers_) return FileRegion{rva, size_of_headers_ - rva};
    for (const auto& s : sections_) {
      const std::uint64_t va = s.virtual_address;
      // A section's virtual size of 0 means "as large as its raw data" (old linkers).
      const std::uint64_t virtual_size = s.virtual_size != 0 ? s.virtual_size : s.raw_size;
      const std::uint64_t in_file = virtual_size < s.raw_size ? virtual_size : s.raw_size;
      if (rva >= va && rva - va < in_file) {
        return FileRegion{s.raw_offset + (rva - va), in_file - (rva - va)};
      }
    }
    return std::nullopt;
  }

  /// The file offset of [rva, rva + length) when it lies wholly in one region.
  [[nodiscard]] std::optional<std::uint64_t> offset_of(std::uint64_t rva,
                                                       std::uint64_t length) const {
    const auto region = region_of(rva);
    if (!region || length > region->available) return std::nullopt;
    return region->offset;
  }

  /// The NUL-terminated string at `rva` (at most `max_length` bytes before the NUL), or nullopt
  /// when it runs out of its region first.
  [[nodiscard]] std::optional<std::string> c_string(std::uint64_t rva,
                                                    std::uint64_t max_length) const {
    const auto region = region_of(rva);
    if (!region) return std::nullopt;
    const std::uint64_t limit =
        region->available < max_length + 1 ? region->available : max_length + 1;
    const auto bytes = file_.slice(region->offset, limit);
    for (std::size_t i = 0; i < bytes.size(); ++i) {
      if (bytes[i] == 0) return std::string(reinterpret_cast<const char*>(bytes.data()), i);
    }
    return std::nullopt;
  }

 private:
  ByteView file_;
  std::uint64_t size_of_headers_;
  const std::vector<PeSection>& sections_;
};

/// A data directory entry and where in the file its fields are (for messages).
struct DataDirectory {
  std::uint32_t rva = 0;
  std::uint32_t size = 0;
  std::uint64_t field_offset = 0;
};

inline PeError pe_error(PeErrc code, std::string message, std::uint64_t offset) {
  return PeError{code, std::move(message) + " (at file offset " + hex(offset) + ")", offset};
}

/// Reads the export directory into image.exports / image.export_name.
[[nodiscard]] std::optional<PeError> read_exports(const ImageMap& map, const DataDirectory& dir,
                                                  PeImage& image);
/// Reads the resource tree into image.resources.
[[nodiscard]] std::optional<PeError> read_resources(const ImageMap& map, const DataDirectory& dir,
                                                    PeImage& image);

}  // namespace comreg::pe
