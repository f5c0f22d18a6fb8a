// The records comreg writes into a hive (key nodes' values, value data, subkey lists), shared by
// the two ways a hive is written: whole and compact (regf_writer.hpp), or edited in place
// (regf_editor.hpp). Where a cell goes is the subclass's choice (alloc()).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "store/regf_tree.hpp"

namespace comreg::regf {

/// A cell's size for `payload` bytes: its size field and the payload, rounded up to 8.
[[nodiscard]] inline std::uint32_t cell_size(std::size_t payload) {
  return static_cast<std::uint32_t>((payload + 4 + 7) & ~std::size_t{7});
}

/// About how many bytes of new cells writing the tree's loaded keys takes (new keys whole, and
/// the values and lists of changed ones), for reserving the output once: grown by doubling,
/// a 67 MB hive of 10,000 classes was copied seven times on the way.
[[nodiscard]] std::size_t new_cells_estimate(const HiveKey& root);

/// Finishes the base block of a hive written in `out`: sequence numbers raised and equal (a
/// finished write), timestamp `now`, the root cell, the bins' size, the checksum.
void seal_base_block(std::vector<std::uint8_t>& out, std::uint32_t root, std::uint64_t now);

/// Writes records into `out`, a hive's bytes from its base block on, through alloc().
class CellWriter {
 public:
  /// "" or what went wrong (damage found in the image); the output is then unusable.
  std::string error;

 protected:
  /// A subkey list element: a key node and its name's hash.
  struct Element {
    std::uint32_t cell;
    std::uint32_t hash;
  };
  /// The largest name, class and data lengths below a key, as Windows keeps them in its nk.
  struct Maxima {
    std::uint32_t subkey_name = 0, class_name = 0, value_name = 0, value_data = 0;
  };

  CellWriter(const HiveImage& image, std::uint64_t now, std::vector<std::uint8_t>& out)
      : image_(image), now_(now), out_(out) {}
  virtual ~CellWriter() = default;
  CellWriter(const CellWriter&) = delete;
  CellWriter& operator=(const CellWriter&) = delete;

  /// A new cell in use with room for `payload` bytes, zero-filled; its offset. It may move
  /// `out`: pointers from at() do not survive it.
  virtual std::uint32_t alloc(std::size_t payload) = 0;

  /// The record (after the size field) of the cell at `offset` in the output.
  std::uint8_t* at(std::uint32_t offset) { return out_.data() + base_block_size + offset + 4; }

  std::uint32_t emit_data(std::span<const std::uint8_t> data);
  std::uint32_t emit_vk(std::uint16_t flags, std::uint16_t spare, std::uint32_t type,
                        std::string_view name, std::span<const std::uint8_t> data);
  /// The values of an in-memory key, their list set in the nk at `nk`.
  void emit_values(std::uint32_t nk, const std::vector<HiveValue>& values, Maxima& maxima);
  /// The subkey list (a leaf, or an index root over leaves) of the nk at `nk`, count and list
  /// set there.
  void emit_subkey_list(std::uint32_t nk, const std::vector<Element>& elements);
  /// The hash of the key node written at `cell`; its lengths counted in `maxima`.
  Element element_of(std::uint32_t cell, Maxima& maxima);
  /// A changed key's largest lengths stored in its nk, and its last-write time set to now.
  void put_maxima(std::uint32_t nk, const Maxima& maxima);

  const HiveImage& image_;
  std::uint64_t now_;
  std::vector<std::uint8_t>& out_;
};

}  // namespace comreg::regf
