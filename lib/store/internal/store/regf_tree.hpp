// A hive in memory: the file's bytes as read (HiveImage) and a tree of the keys comreg has
// looked at or changed (HiveKey). Keys load from the image on first use (expand()); everything
// below a key that was never expanded stays in the image and is copied from there when the
// hive is written (regf_writer.hpp), so opening a hive of a million keys to add a few
// thousand costs only the keys on the paths used.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "store/ordered_children.hpp"
#include "store/regf_format.hpp"

namespace comreg::regf {

/// The bytes of a hive file, with bounds-checked access to its cells.
class HiveImage {
 public:
  /// Takes the bytes of a whole hive file; nullopt with `why` when it is not a hive.
  [[nodiscard]] static std::optional<HiveImage> parse(std::vector<std::uint8_t> bytes,
                                                      std::string& why);

  /// The data of the cell at `offset` (after its size field), or an empty span when the
  /// offset is outside the hive bins or the cell's size is impossible.
  [[nodiscard]] std::span<const std::uint8_t> cell(std::uint32_t offset) const;
  /// The data of the cell at `offset` when it starts with the two-letter `signature`.
  [[nodiscard]] std::span<const std::uint8_t> record(std::uint32_t offset,
                                                     const char* signature) const;

  [[nodiscard]] const std::vector<std::uint8_t>& bytes() const { return bytes_; }
  /// The bytes, for an edit made in them (edit_hive_in_image): no copy of a big hive. Cells
  /// read from the image before the edit reached them read as before; afterwards the image is
  /// the new hive, whose keys keep their offsets.
  [[nodiscard]] std::vector<std::uint8_t>& bytes_to_edit() { return bytes_; }
  /// Frees the bytes; every cell reads as missing afterwards (root() must not be asked).
  void release() {
    std::vector<std::uint8_t>().swap(bytes_);
    bins_end_ = 0;
  }
  [[nodiscard]] std::uint32_t root() const { return get32(bytes_.data() + 36); }
  [[nodiscard]] std::uint32_t minor_version() const { return get32(bytes_.data() + 24); }

 private:
  std::vector<std::uint8_t> bytes_;
  std::size_t bins_end_ = 0;  // file offset just past the last hive bin
};

/// A value as stored: its name's code units and encoding, its type (any 32-bit number), its
/// data bytes (big data already joined) and the vk fields comreg does not interpret.
struct HiveValue {
  std::u16string name;
  std::uint16_t flags = 0;  // value_comp_name and any other bits, kept
  std::uint16_t spare = 0;
  std::uint32_t type = 0;
  std::vector<std::uint8_t> data;
};

/// A key. Until expanded it is only a name and the offset of its nk in the image.
struct HiveKey {
  std::u16string name;
  std::uint32_t source = no_cell;  // its nk in the image; no_cell for a key comreg created
  bool expanded = false;           // the fields below are loaded (always true when created)
  bool changed = false;            // written with "now" as its last-write time
  std::array<std::uint8_t, nk_fixed> header{};  // the nk's fixed fields, offsets rewritten
  std::vector<std::uint8_t> class_name;         // the class name's bytes, if any
  std::uint32_t security = no_cell;             // the sk in the image this key uses
  OrderedChildren<char16_t, HiveKey> children;  // by upcased() name

  std::vector<HiveValue> values;

  [[nodiscard]] bool compressed_name() const {
    return (get16(header.data() + nk_flags) & key_comp_name) != 0;
  }
  /// The value called `name` (case-insensitively), or null.
  [[nodiscard]] HiveValue* find_value(std::u16string_view value_name);
};

/// The key whose nk is at `offset`, not expanded; nullptr when it is not a key node.
[[nodiscard]] std::unique_ptr<HiveKey> key_stub(const HiveImage& image, std::uint32_t offset);

/// A new key called `name` below `parent`: inherits the parent's security, as a key Windows
/// creates does when no descriptor is given.
[[nodiscard]] std::unique_ptr<HiveKey> new_key(std::u16string name, const HiveKey& parent);

/// Loads the key's fields, values and subkeys (as stubs) from the image. Returns "" or what is
/// wrong with the image there (the key then holds what could be read).
[[nodiscard]] std::string expand(const HiveImage& image, HiveKey& key);

/// The nk offsets of a subkey list (li, lf, lh, or an ri of those) in stored order; false when
/// the list is damaged.
[[nodiscard]] bool subkey_offsets(const HiveImage& image, std::uint32_t list,
                                  std::vector<std::uint32_t>& out);

/// The data of the vk `value` (inline, one cell or big data); false when damaged.
[[nodiscard]] bool value_data(const HiveImage& image, std::span<const std::uint8_t> vk,
                              std::vector<std::uint8_t>& out);

/// What read_leaf() found in a key without expanding it.
struct LeafRead {
  bool readable = false;   // false: expand the key instead (it has subkeys, or is damaged)
  std::size_t values = 0;  // how many values it has
  bool found = false;      // the value asked for is one of them
  std::uint32_t type = 0;  // its type (its data is in read_leaf's `data`)
};

/// A key not expanded and without subkeys, read from the image as expand() would load it, but
/// without making its values: how many there are and, when `value_name` is given, the first
/// value of that name but for case (as HiveKey::find_value()), its data into `data`. Everything
/// expand() checks is checked; where it would find damage, `readable` is false and the key is
/// to be expanded (which records the damage). An uninstall asks about most keys only this (do
/// they exist, hold as many values as it claims, those values), and most are leaves.
[[nodiscard]] LeafRead read_leaf(const HiveImage& image, const HiveKey& key,
                                 const std::u16string_view* value_name,
                                 std::vector<std::uint8_t>& data);

}  // namespace comreg::regf
