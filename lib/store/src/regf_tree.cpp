// Reading a hive image into HiveKeys, key by key, on demand (see regf_tree.hpp). Every offset
// read from the file is checked against the hive bins before it is used: a damaged or hostile
// file gives an error, never a read outside the buffer.
#include "store/regf_tree.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace comreg::regf {
namespace {

bool is(std::span<const std::uint8_t> record, const char* signature) {
  return record.size() >= 2 && record[0] == static_cast<std::uint8_t>(signature[0]) &&
         record[1] == static_cast<std::uint8_t>(signature[1]);
}

std::string at_offset(const char* what, std::uint32_t offset) {
  char hex[16];
  std::snprintf(hex, sizeof hex, "0x%X", offset);
  return std::string(what) + " at hive offset " + hex;
}

bool same_name(std::u16string_view a, std::u16string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (upcase(a[i]) != upcase(b[i])) return false;
  }
  return true;
}

}  // namespace

std::optional<HiveImage> HiveImage::parse(std::vector<std::uint8_t> bytes, std::string& why) {
  if (bytes.size() < base_block_size + bin_header_size ||
      std::memcmp(bytes.data(), "regf", 4) != 0) {
    why = "it does not start with a registry hive's base block (\"regf\")";
    return std::nullopt;
  }
  HiveImage image;
  const std::uint32_t bins_size = get32(bytes.data() + 40);
  if (bins_size > bytes.size() - base_block_size) {
    why = "it is shorter than its base block says (" + std::to_string(bins_size) +
          " bytes of hive bins)";
    return std::nullopt;
  }
  if (std::memcmp(bytes.data() + base_block_size, "hbin", 4) != 0) {
    why = "its first hive bin has no \"hbin\" signature";
    return std::nullopt;
  }
  image.bins_end_ = base_block_size + bins_size;
  image.bytes_ = std::move(bytes);
  if (image.record(image.root(), "nk").size() < nk_fixed) {
    why = at_offset("its root key is not a key node", image.root());
    return std::nullopt;
  }
  return image;
}

std::span<const std::uint8_t> HiveImage::cell(std::uint32_t offset) const {
  const std::size_t at = base_block_size + static_cast<std::size_t>(offset);
  if (offset == no_cell || at + 4 > bins_end_) return {};
  const auto raw = static_cast<std::int32_t>(get32(bytes_.data() + at));
  // Allocated cells have negative sizes; a positive one is free, and read as it is (a hive
  // Windows left is never so, a tool's may be).
  const std::size_t size = raw < 0 ? 0u - static_cast<std::size_t>(static_cast<std::int64_t>(raw))
                                   : static_cast<std::size_t>(raw);
  if (size < 8 || size > bins_end_ - at) return {};
  return {bytes_.data() + at + 4, size - 4};
}

std::span<const std::uint8_t> HiveImage::record(std::uint32_t offset, const char* signature) const {
  const auto c = cell(offset);
  return is(c, signature) ? c : std::span<const std::uint8_t>{};
}

HiveValue* HiveKey::find_value(std::u16string_view value_name) {
  for (auto& v : values) {
    if (same_name(v.name, value_name)) return &v;
  }
  return nullptr;
}

std::unique_ptr<HiveKey> key_stub(const HiveImage& image, std::uint32_t offset) {
  const auto nk = image.record(offset, "nk");
  if (nk.size() < nk_fixed) return nullptr;
  const std::size_t length = get16(nk.data() + nk_name_length);
  if (nk.size() < nk_fixed + length) return nullptr;
  auto key = std::make_unique<HiveKey>();
  key->source = offset;
  key->name =
      decode_name(nk.data() + nk_fixed, length, (get16(nk.data() + nk_flags) & key_comp_name) != 0);
  return key;
}

std::unique_ptr<HiveKey> new_key(std::u16string name, const HiveKey& parent) {
  auto key = std::make_unique<HiveKey>();
  key->header[0] = 'n';
  key->header[1] = 'k';
  put16(key->header.data() + nk_flags, compressible(name) ? key_comp_name : 0);
  key->name = std::move(name);
  key->expanded = true;
  key->changed = true;
  key->security = parent.security;
  return key;
}

bool subkey_offsets(const HiveImage& image, std::uint32_t list, std::vector<std::uint32_t>& out) {
  const auto read_leaf = [&](std::span<const std::uint8_t> leaf, bool allow_root) {
    if (leaf.size() < 4) return false;
    const std::size_t n = get16(leaf.data() + 2);
    const bool root = is(leaf, "ri");
    const std::size_t stride = (root || is(leaf, "li")) ? 4 : 8;
    if (!root && !is(leaf, "li") && !is(leaf, "lf") && !is(leaf, "lh")) return false;
    if ((root && !allow_root) || leaf.size() < 4 + n * stride) return false;
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint32_t element = get32(leaf.data() + 4 + i * stride);
      if (!root) {
        out.push_back(element);
        continue;
      }
      const auto sub = image.cell(element);
      if (sub.size() < 4 || is(sub, "ri")) return false;  // an index root holds leaves only
      const std::size_t m = get16(sub.data() + 2);
      const std::size_t sub_stride = is(sub, "li") ? 4 : 8;
      if (!is(sub, "li") && !is(sub, "lf") && !is(sub, "lh")) return false;
      if (sub.size() < 4 + m * sub_stride) return false;
      for (std::size_t j = 0; j < m; ++j) out.push_back(get32(sub.data() + 4 + j * sub_stride));
    }
    return true;
  };
  return read_leaf(image.cell(list), true);
}

namespace {

// The data of the vk `value`, given to `take` piece by piece (inline, one cell, or big data's
// segments); false when damaged. value_data() copies it; read_leaf() only checks most.
template <class Take>
bool for_value_data(const HiveImage& image, std::span<const std::uint8_t> vk, Take&& take) {
  const std::uint32_t size = get32(vk.data() + 4);
  const std::uint32_t offset = get32(vk.data() + 8);
  if ((size & data_inline) != 0) {
    const std::size_t n = size & ~data_inline;
    if (n > 4) return false;
    take(vk.data() + 8, n, n);
    return true;
  }
  if (size == 0) return true;
  const auto cell = image.cell(offset);
  if (cell.size() >= size) {
    take(cell.data(), size, size);
    return true;
  }
  // Big data: a db record, its list of segments, each segment's first 16,344 bytes.
  if (cell.size() < 8 || !is(cell, "db")) return false;
  const std::size_t segments = get16(cell.data() + 2);
  const auto list = image.cell(get32(cell.data() + 4));
  if (list.size() < segments * 4) return false;
  std::size_t got = 0;
  for (std::size_t i = 0; i < segments && got < size; ++i) {
    const auto segment = image.cell(get32(list.data() + 4 * i));
    const std::size_t piece = std::min<std::size_t>(size - got, big_data_segment);
    if (segment.size() < piece) return false;
    take(segment.data(), piece, size);
    got += piece;
  }
  return got == size;
}

// Whether the stored name at `p` (`bytes` long) is `name` but for case, as same_name() compares
// the name decode_name() gives.
bool stored_name_is(const std::uint8_t* p, std::size_t bytes, bool compressed,
                    std::u16string_view name) {
  const std::size_t units = compressed ? bytes : bytes / 2;
  if (units != name.size()) return false;
  for (std::size_t i = 0; i < units; ++i) {
    const auto unit =
        compressed ? static_cast<char16_t>(p[i]) : static_cast<char16_t>(get16(p + 2 * i));
    if (upcase(unit) != upcase(name[i])) return false;
  }
  return true;
}

// What a key node holds besides its subkeys, read and checked in one order for expand() and
// read_leaf(): the class name's bytes to `class_name`, then each value's vk (its name known to
// fit) to `value`, which says whether the value's data could be read. "" or what is damaged,
// where.
template <class ClassName, class Value>
std::string read_node(const HiveImage& image, std::span<const std::uint8_t> nk,
                      ClassName&& class_name, Value&& value) {
  const std::uint32_t class_offset = get32(nk.data() + nk_class);
  const std::size_t class_length = get16(nk.data() + nk_class_length);
  if (class_offset != no_cell && class_length > 0) {
    const auto c = image.cell(class_offset);
    if (c.size() < class_length) return at_offset("a class name is damaged", class_offset);
    class_name(c.first(class_length));
  }
  const std::size_t value_count = get32(nk.data() + nk_value_count);
  if (value_count == 0) return {};
  const std::uint32_t list_offset = get32(nk.data() + nk_value_list);
  const auto list = image.cell(list_offset);
  if (list.size() / 4 < value_count) return at_offset("a value list is damaged", list_offset);
  for (std::size_t i = 0; i < value_count; ++i) {
    const std::uint32_t vk_offset = get32(list.data() + 4 * i);
    const auto vk = image.record(vk_offset, "vk");
    const std::size_t name_length = vk.size() >= vk_fixed ? get16(vk.data() + 2) : 0;
    if (vk.size() < vk_fixed + name_length) return at_offset("a value is damaged", vk_offset);
    if (!value(vk, name_length)) return at_offset("a value's data is damaged", vk_offset);
  }
  return {};
}

}  // namespace

bool value_data(const HiveImage& image, std::span<const std::uint8_t> vk,
                std::vector<std::uint8_t>& out) {
  out.clear();
  return for_value_data(image, vk, [&out](const std::uint8_t* p, std::size_t n, std::size_t all) {
    if (out.empty()) out.reserve(all);
    out.insert(out.end(), p, p + n);
  });
}

LeafRead read_leaf(const HiveImage& image, const HiveKey& key,
                   const std::u16string_view* value_name, std::vector<std::uint8_t>& data) {
  LeafRead out;
  const auto nk = image.record(key.source, "nk");
  if (key.expanded || nk.size() < nk_fixed || get32(nk.data() + nk_subkey_count) != 0) return out;
  // What expand() reads, checked the same way; anything it would call damaged is left to it.
  const std::string damage = read_node(
      image, nk, [](std::span<const std::uint8_t>) {},
      [&](std::span<const std::uint8_t> vk, std::size_t name_length) {
        const bool wanted =
            value_name != nullptr && !out.found &&
            stored_name_is(vk.data() + vk_fixed, name_length,
                           (get16(vk.data() + 16) & value_comp_name) != 0, *value_name);
        if (!wanted) {
          return for_value_data(image, vk, [](const std::uint8_t*, std::size_t, std::size_t) {});
        }
        if (!value_data(image, vk, data)) return false;
        out.found = true;
        out.type = get32(vk.data() + 12);
        return true;
      });
  if (!damage.empty()) return {};
  out.readable = true;
  out.values = get32(nk.data() + nk_value_count);
  return out;
}

std::string expand(const HiveImage& image, HiveKey& key) {
  if (key.expanded) return {};
  key.expanded = true;
  const auto nk = image.record(key.source, "nk");
  if (nk.size() < nk_fixed) return at_offset("a key node is damaged", key.source);
  std::copy(nk.begin(), nk.begin() + nk_fixed, key.header.begin());
  key.security = get32(nk.data() + nk_security);

  std::string damage = read_node(
      image, nk,
      [&](std::span<const std::uint8_t> name) { key.class_name.assign(name.begin(), name.end()); },
      [&](std::span<const std::uint8_t> vk, std::size_t name_length) {
        // Reserved at the first value: the list was found to hold them all.
        if (key.values.empty()) key.values.reserve(get32(nk.data() + nk_value_count));
        HiveValue& v = key.values.emplace_back();
        v.flags = get16(vk.data() + 16);
        v.spare = get16(vk.data() + 18);
        v.type = get32(vk.data() + 12);
        v.name = decode_name(vk.data() + vk_fixed, name_length, (v.flags & value_comp_name) != 0);
        if (value_data(image, vk, v.data)) return true;
        key.values.pop_back();  // the key holds what could be read
        return false;
      });
  if (!damage.empty()) return damage;

  if (get32(nk.data() + nk_subkey_count) > 0) {
    std::vector<std::uint32_t> offsets;
    const std::uint32_t list = get32(nk.data() + nk_subkey_list);
    if (!subkey_offsets(image, list, offsets)) return at_offset("a subkey list is damaged", list);
    for (const std::uint32_t offset : offsets) {
      auto child = key_stub(image, offset);
      if (!child) return at_offset("a key node is damaged", offset);
      std::u16string folded = upcased(child->name);
      if (!key.children.emplace(std::move(folded), std::move(child)).second) {
        return at_offset("a subkey list names a key twice", list);
      }
    }
  }
  return {};
}

}  // namespace comreg::regf
