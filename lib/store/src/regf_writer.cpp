// RegfWriter (see regf_writer.hpp). Cells are laid out depth first — a key node, its class
// name, its values, then its subkeys and last the subkey list that points at them — so a key's
// cells sit together. Security descriptors (sk) are written once each, the first time a key
// uses one, and linked and counted at the end.
#include "store/regf_writer.hpp"

#include <algorithm>
#include <cstring>
#include <string_view>
#include <unordered_map>

namespace comreg::regf {
namespace {

constexpr int max_depth = 512;  // Windows' limit on key nesting

std::uint32_t align8(std::size_t n) {
  return static_cast<std::uint32_t>((n + 7) & ~std::size_t{7});
}

class Writer {
 public:
  Writer(const HiveImage& image, std::uint64_t now, std::vector<std::uint8_t>& out)
      : image_(image), now_(now), out_(out), seen_(image.bytes().size() / 8 + 1, false) {
    out_.clear();
    out_.reserve(image.bytes().size() + image.bytes().size() / 8 + base_block_size);
    out_.assign(image.bytes().begin(), image.bytes().begin() + base_block_size);
  }

  std::string error;

  std::uint32_t write_root(const HiveKey& root) { return write_memory(root, no_cell, 0); }

  void finish(std::uint32_t root) {
    close_bin();
    link_security();
    std::uint8_t* b = out_.data();
    const std::uint32_t sequence = get32(b + 4) + 1;
    put32(b + 4, sequence);
    put32(b + 8, sequence);
    put64(b + 12, now_);
    put32(b + 36, root);
    put32(b + 40, static_cast<std::uint32_t>(out_.size() - base_block_size));
    std::uint32_t checksum = 0;
    for (std::size_t i = 0; i < 508; i += 4) checksum ^= get32(b + i);
    // The spec's reserved results: Windows never stores 0 or -1 as a checksum.
    if (checksum == 0) checksum = 1;
    if (checksum == 0xFFFFFFFFu) checksum = 0xFFFFFFFEu;
    put32(b + 508, checksum);
  }

 private:
  // A key node's parts, from the image or from memory.
  struct KeyFields {
    const std::uint8_t* header;  // nk_fixed bytes
    std::string_view name;       // stored bytes
    std::span<const std::uint8_t> class_name;
    std::uint32_t security;  // an sk in the image
    bool changed;
  };
  struct Element {
    std::uint32_t cell;
    std::uint32_t hash;
  };
  struct Maxima {
    std::uint32_t subkey_name = 0, class_name = 0, value_name = 0, value_data = 0;
  };

  const HiveImage& image_;
  std::uint64_t now_;
  std::vector<std::uint8_t>& out_;
  std::size_t bin_end_ = 0;  // file offset where the current bin ends
  bool first_bin_ = true;
  std::vector<bool> seen_;  // nk offsets of the image already written: a loop is damage
  std::unordered_map<std::uint32_t, std::size_t> security_index_;
  std::vector<std::uint32_t> security_cells_;  // in first-use order
  std::vector<std::uint32_t> security_uses_;
  std::vector<std::uint8_t> data_buffer_;

  // The record (after the size field) of the cell at `offset` in the output.
  std::uint8_t* at(std::uint32_t offset) { return out_.data() + base_block_size + offset + 4; }

  void close_bin() {
    if (out_.size() < bin_end_) {
      const std::size_t free = bin_end_ - out_.size();
      const std::size_t where = out_.size();
      out_.resize(bin_end_, 0);
      put32(out_.data() + where, static_cast<std::uint32_t>(free));  // positive: free
    }
  }

  void open_bin(std::size_t cell_size) {
    const std::size_t size =
        std::max(bin_granularity, (cell_size + bin_header_size + bin_granularity - 1) /
                                      bin_granularity * bin_granularity);
    const std::size_t start = out_.size();
    out_.resize(start + bin_header_size, 0);
    std::uint8_t* h = out_.data() + start;
    std::memcpy(h, "hbin", 4);
    put32(h + 4, static_cast<std::uint32_t>(start - base_block_size));
    put32(h + 8, static_cast<std::uint32_t>(size));
    if (first_bin_) put64(h + 20, now_);  // the base block's timestamp, backed up
    first_bin_ = false;
    bin_end_ = start + size;
  }

  // A new cell with room for `payload` bytes, zero-filled; its offset.
  std::uint32_t alloc(std::size_t payload) {
    const std::uint32_t size = align8(payload + 4);
    if (out_.size() + size > bin_end_) {
      close_bin();
      open_bin(size);
    }
    const std::size_t where = out_.size();
    out_.resize(where + size, 0);
    put32(out_.data() + where, 0u - size);  // negative: in use
    return static_cast<std::uint32_t>(where - base_block_size);
  }

  std::uint32_t security_cell(std::uint32_t source) {
    if (const auto it = security_index_.find(source); it != security_index_.end()) {
      ++security_uses_[it->second];
      return security_cells_[it->second];
    }
    const auto sk = image_.record(source, "sk");
    if (sk.size() < 20 || sk.size() - 20 < get32(sk.data() + 16)) {
      error = "a security descriptor (sk) is damaged";
      return no_cell;
    }
    const std::size_t length = 20 + std::size_t{get32(sk.data() + 16)};
    const std::uint32_t cell = alloc(length);
    std::memcpy(at(cell), sk.data(), length);
    security_index_.emplace(source, security_cells_.size());
    security_cells_.push_back(cell);
    security_uses_.push_back(1);
    return cell;
  }

  // The security cells form one circular doubly linked list, in the order first used.
  void link_security() {
    const std::size_t n = security_cells_.size();
    for (std::size_t i = 0; i < n; ++i) {
      std::uint8_t* sk = at(security_cells_[i]);
      put32(sk + 4, security_cells_[(i + 1) % n]);
      put32(sk + 8, security_cells_[(i + n - 1) % n]);
      put32(sk + 12, security_uses_[i]);
    }
  }

  std::uint32_t emit_nk(const KeyFields& k, std::uint32_t parent) {
    const std::uint32_t cell = alloc(nk_fixed + k.name.size());
    std::uint8_t* nk = at(cell);
    std::memcpy(nk, k.header, nk_fixed);
    std::memcpy(nk + nk_fixed, k.name.data(), k.name.size());
    if (k.changed) put64(nk + nk_timestamp, now_);
    if (parent != no_cell) put32(nk + nk_parent, parent);  // the root keeps its field
    put32(nk + nk_subkey_count, 0);
    put32(nk + nk_volatile_count, 0);  // volatile keys live in memory only
    put32(nk + nk_subkey_list, no_cell);
    put32(nk + nk_volatile_list, no_cell);
    put32(nk + nk_value_count, 0);
    put32(nk + nk_value_list, no_cell);
    put16(nk + nk_name_length, static_cast<std::uint32_t>(k.name.size()));
    const std::uint32_t sk = security_cell(k.security);
    put32(at(cell) + nk_security, sk);
    if (k.class_name.empty()) {
      put32(at(cell) + nk_class, no_cell);
      put16(at(cell) + nk_class_length, 0);
    } else {
      const std::uint32_t c = alloc(k.class_name.size());
      std::memcpy(at(c), k.class_name.data(), k.class_name.size());
      put32(at(cell) + nk_class, c);
      put16(at(cell) + nk_class_length, static_cast<std::uint32_t>(k.class_name.size()));
    }
    return cell;
  }

  std::uint32_t emit_data(std::span<const std::uint8_t> data) {
    if (data.size() > big_data_segment && image_.minor_version() >= 4) {
      const std::size_t segments = (data.size() + big_data_segment - 1) / big_data_segment;
      const std::uint32_t db = alloc(8);
      const std::uint32_t list = alloc(4 * segments);
      std::memcpy(at(db), "db", 2);
      put16(at(db) + 2, static_cast<std::uint32_t>(segments));
      put32(at(db) + 4, list);
      for (std::size_t i = 0; i < segments; ++i) {
        const std::size_t from = i * big_data_segment;
        const std::size_t n = std::min(big_data_segment, data.size() - from);
        const std::uint32_t segment = alloc(n);
        std::memcpy(at(segment), data.data() + from, n);
        put32(at(list) + 4 * i, segment);
      }
      return db;
    }
    const std::uint32_t cell = alloc(data.size());
    std::memcpy(at(cell), data.data(), data.size());
    return cell;
  }

  std::uint32_t emit_vk(std::uint16_t flags, std::uint16_t spare, std::uint32_t type,
                        std::string_view name, std::span<const std::uint8_t> data) {
    const std::uint32_t cell = alloc(vk_fixed + name.size());
    std::uint8_t* vk = at(cell);
    std::memcpy(vk, "vk", 2);
    put16(vk + 2, static_cast<std::uint32_t>(name.size()));
    put32(vk + 12, type);
    put16(vk + 16, flags);
    put16(vk + 18, spare);
    std::memcpy(vk + vk_fixed, name.data(), name.size());
    if (data.size() <= 4) {
      put32(vk + 4, static_cast<std::uint32_t>(data.size()) | data_inline);
      std::memcpy(vk + 8, data.data(), data.size());
    } else {
      const std::uint32_t d = emit_data(data);
      put32(at(cell) + 4, static_cast<std::uint32_t>(data.size()));
      put32(at(cell) + 8, d);
    }
    return cell;
  }

  void emit_subkey_list(std::uint32_t nk, const std::vector<Element>& elements) {
    const std::size_t n = elements.size();
    put32(at(nk) + nk_subkey_count, static_cast<std::uint32_t>(n));
    if (n == 0) return;
    const auto leaf = [&](std::size_t from, std::size_t count) {
      const std::uint32_t cell = alloc(4 + 8 * count);
      std::uint8_t* lh = at(cell);
      std::memcpy(lh, "lh", 2);
      put16(lh + 2, static_cast<std::uint32_t>(count));
      for (std::size_t i = 0; i < count; ++i) {
        put32(lh + 4 + 8 * i, elements[from + i].cell);
        put32(lh + 8 + 8 * i, elements[from + i].hash);
      }
      return cell;
    };
    if (n <= max_leaf_elements) {
      const std::uint32_t cell = leaf(0, n);
      put32(at(nk) + nk_subkey_list, cell);
      return;
    }
    // An index root over leaves of equal size, as few as Windows' limits allow.
    std::size_t leaves = (n + max_leaf_elements - 1) / max_leaf_elements;
    leaves = std::min(leaves, max_root_elements);
    const std::size_t per = (n + leaves - 1) / leaves;
    leaves = (n + per - 1) / per;
    std::vector<std::uint32_t> cells;
    for (std::size_t from = 0; from < n; from += per)
      cells.push_back(leaf(from, std::min(per, n - from)));
    const std::uint32_t ri = alloc(4 + 4 * leaves);
    std::memcpy(at(ri), "ri", 2);
    put16(at(ri) + 2, static_cast<std::uint32_t>(leaves));
    for (std::size_t i = 0; i < leaves; ++i) put32(at(ri) + 4 + 4 * i, cells[i]);
    put32(at(nk) + nk_subkey_list, ri);
  }

  // The hash and name length of the key node just written at `cell`.
  Element element_of(std::uint32_t cell, Maxima& maxima) {
    const std::uint8_t* nk = at(cell);
    const std::size_t length = get16(nk + nk_name_length);
    const std::u16string name =
        decode_name(nk + nk_fixed, length, (get16(nk + nk_flags) & key_comp_name) != 0);
    maxima.subkey_name = std::max(maxima.subkey_name, static_cast<std::uint32_t>(name.size() * 2));
    maxima.class_name = std::max<std::uint32_t>(maxima.class_name, get16(nk + nk_class_length));
    return {cell, name_hash(name)};
  }

  bool mark(std::uint32_t source) {
    if (source == no_cell) return true;
    const std::size_t slot = source / 8;
    if (slot >= seen_.size() || seen_[slot]) {
      error = "a key appears twice in the hive (a loop in its subkey lists)";
      return false;
    }
    seen_[slot] = true;
    return true;
  }

  std::uint32_t write_memory(const HiveKey& key, std::uint32_t parent, int depth) {
    if (!error.empty()) return no_cell;
    if (depth > max_depth) {
      error = "keys are nested deeper than 512 levels";
      return no_cell;
    }
    if (!key.expanded) return write_image(key.source, parent, depth);
    if (!mark(key.source)) return no_cell;
    const std::string name = encode_name(key.name, key.compressed_name());
    const std::uint32_t nk =
        emit_nk({key.header.data(), name, key.class_name, key.security, key.changed}, parent);
    Maxima maxima;
    if (!key.values.empty()) {
      const std::uint32_t list = alloc(4 * key.values.size());
      for (std::size_t i = 0; i < key.values.size(); ++i) {
        const HiveValue& v = key.values[i];
        const std::string vname = encode_name(v.name, (v.flags & value_comp_name) != 0);
        const std::uint32_t vk = emit_vk(v.flags, v.spare, v.type, vname, v.data);
        put32(at(list) + 4 * i, vk);  // after emit_vk: it may move the buffer
        maxima.value_name =
            std::max(maxima.value_name, static_cast<std::uint32_t>(v.name.size() * 2));
        maxima.value_data = std::max(maxima.value_data, static_cast<std::uint32_t>(v.data.size()));
      }
      put32(at(nk) + nk_value_count, static_cast<std::uint32_t>(key.values.size()));
      put32(at(nk) + nk_value_list, list);
    }
    std::vector<Element> elements;
    elements.reserve(key.children.size());
    for (const auto& [folded, child] : key.children) {
      const std::uint32_t c = write_memory(*child, nk, depth + 1);
      if (c == no_cell) return no_cell;
      elements.push_back(element_of(c, maxima));
    }
    emit_subkey_list(nk, elements);
    if (key.changed) {
      // The largest lengths, as Windows keeps them; the subkey name field's high half holds
      // flags (virtualization, user flags) and stays.
      std::uint8_t* k = at(nk);
      const std::uint32_t old = get32(k + nk_max_subkey_name);
      put32(k + nk_max_subkey_name, (old & 0xFFFF0000u) | std::min(maxima.subkey_name, 0xFFFFu));
      put32(k + nk_max_class, maxima.class_name);
      put32(k + nk_max_value_name, maxima.value_name);
      put32(k + nk_max_value_data, maxima.value_data);
    }
    return nk;
  }

  std::uint32_t write_image(std::uint32_t source, std::uint32_t parent, int depth) {
    if (depth > max_depth) {
      error = "keys are nested deeper than 512 levels";
      return no_cell;
    }
    const auto nk = image_.record(source, "nk");
    const std::size_t name_length = nk.size() >= nk_fixed ? get16(nk.data() + nk_name_length) : 0;
    if (nk.size() < nk_fixed + name_length) {
      error = "a key node (nk) is damaged";
      return no_cell;
    }
    if (!mark(source)) return no_cell;
    std::span<const std::uint8_t> class_name;
    const std::uint32_t class_offset = get32(nk.data() + nk_class);
    const std::size_t class_length = get16(nk.data() + nk_class_length);
    if (class_offset != no_cell && class_length > 0) {
      class_name = image_.cell(class_offset);
      if (class_name.size() < class_length) {
        error = "a class name is damaged";
        return no_cell;
      }
      class_name = class_name.first(class_length);
    }
    const std::string_view name(reinterpret_cast<const char*>(nk.data() + nk_fixed), name_length);
    const std::uint32_t cell =
        emit_nk({nk.data(), name, class_name, get32(nk.data() + nk_security), false}, parent);
    if (!error.empty()) return no_cell;

    if (const std::size_t count = get32(nk.data() + nk_value_count); count > 0) {
      const auto values = image_.cell(get32(nk.data() + nk_value_list));
      if (values.size() / 4 < count) {
        error = "a value list is damaged";
        return no_cell;
      }
      const std::uint32_t list = alloc(4 * count);
      for (std::size_t i = 0; i < count; ++i) {
        const auto vk = image_.record(get32(values.data() + 4 * i), "vk");
        const std::size_t vname = vk.size() >= vk_fixed ? get16(vk.data() + 2) : 0;
        if (vk.size() < vk_fixed + vname || !value_data(image_, vk, data_buffer_)) {
          error = "a value (vk) or its data is damaged";
          return no_cell;
        }
        const std::string_view stored(reinterpret_cast<const char*>(vk.data() + vk_fixed), vname);
        const std::uint32_t written = emit_vk(get16(vk.data() + 16), get16(vk.data() + 18),
                                              get32(vk.data() + 12), stored, data_buffer_);
        put32(at(list) + 4 * i, written);  // after emit_vk: it may move the buffer
      }
      put32(at(cell) + nk_value_count, static_cast<std::uint32_t>(count));
      put32(at(cell) + nk_value_list, list);
    }

    if (get32(nk.data() + nk_subkey_count) > 0) {
      std::vector<std::uint32_t> children;
      if (!subkey_offsets(image_, get32(nk.data() + nk_subkey_list), children)) {
        error = "a subkey list is damaged";
        return no_cell;
      }
      std::vector<Element> elements;
      elements.reserve(children.size());
      Maxima unused;
      for (const std::uint32_t child : children) {
        const std::uint32_t c = write_image(child, cell, depth + 1);
        if (c == no_cell) return no_cell;
        elements.push_back(element_of(c, unused));
      }
      emit_subkey_list(cell, elements);
    }
    return cell;
  }
};

}  // namespace

std::string write_hive(const HiveImage& image, const HiveKey& root, std::uint64_t now,
                       std::vector<std::uint8_t>& out) {
  Writer writer(image, now, out);
  const std::uint32_t cell = writer.write_root(root);
  if (writer.error.empty() && cell == no_cell) writer.error = "the root key could not be written";
  if (!writer.error.empty()) return writer.error;
  writer.finish(cell);
  return {};
}

}  // namespace comreg::regf
