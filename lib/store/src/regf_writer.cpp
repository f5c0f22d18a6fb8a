// RegfWriter (see regf_writer.hpp). Cells are laid out depth first — a key node, its class
// name, its values, then its subkeys and last the subkey list that points at them — so a key's
// cells sit together. Security descriptors (sk) are written once each, the first time a key
// uses one, and linked and counted at the end.
#include "store/regf_writer.hpp"

#include <algorithm>
#include <cstring>
#include <string_view>
#include <unordered_map>

#include "store/regf_cells.hpp"

namespace comreg::regf {
namespace {

constexpr int max_depth = 512;  // Windows' limit on key nesting

class Writer : public CellWriter {
 public:
  Writer(const HiveImage& image, const HiveKey& root, std::uint64_t now,
         std::vector<std::uint8_t>& out)
      : CellWriter(image, now, out), seen_(image.bytes().size() / 8 + 1, false) {
    out_.clear();
    out_.reserve(image.bytes().size() + image.bytes().size() / 8 + new_cells_estimate(root) +
                 base_block_size);
    out_.assign(image.bytes().begin(), image.bytes().begin() + base_block_size);
  }

  std::uint32_t write_root(const HiveKey& root) { return write_memory(root, no_cell, 0); }

  void finish(std::uint32_t root) {
    close_bin();
    link_security();
    seal_base_block(out_, root, now_);
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
  std::size_t bin_end_ = 0;  // file offset where the current bin ends
  bool first_bin_ = true;
  std::vector<bool> seen_;  // nk offsets of the image already written: a loop is damage
  std::unordered_map<std::uint32_t, std::size_t> security_index_;
  std::vector<std::uint32_t> security_cells_;  // in first-use order
  std::vector<std::uint32_t> security_uses_;
  std::vector<std::uint8_t> data_buffer_;

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

  // Cells are appended, filling each bin in order.
  std::uint32_t alloc(std::size_t payload) override {
    const std::uint32_t size = cell_size(payload);
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
    emit_values(nk, key.values, maxima);
    std::vector<Element> elements;
    elements.reserve(key.children.size());
    for (const auto& [folded, child] : key.children) {
      const std::uint32_t c = write_memory(*child, nk, depth + 1);
      if (c == no_cell) return no_cell;
      elements.push_back(element_of(c, maxima));
    }
    emit_subkey_list(nk, elements);
    if (key.changed) put_maxima(nk, maxima);
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
  Writer writer(image, root, now, out);
  const std::uint32_t cell = writer.write_root(root);
  if (writer.error.empty() && cell == no_cell) writer.error = "the root key could not be written";
  if (!writer.error.empty()) return writer.error;
  writer.finish(cell);
  return {};
}

}  // namespace comreg::regf
