// CellWriter (see regf_cells.hpp).
#include "store/regf_cells.hpp"

#include <algorithm>
#include <cstring>

namespace comreg::regf {

std::size_t new_cells_estimate(const HiveKey& root) {
  std::size_t bytes = 0;
  std::vector<const HiveKey*> pending{&root};
  while (!pending.empty()) {
    const HiveKey& key = *pending.back();
    pending.pop_back();
    if (!key.expanded) continue;
    for (const auto& [folded, child] : key.children) pending.push_back(child.get());
    if (key.source != no_cell && !key.changed) continue;
    if (key.source == no_cell) {
      bytes += cell_size(nk_fixed + key.name.size() * 2) + cell_size(key.class_name.size());
    }
    for (const HiveValue& v : key.values) {
      bytes += cell_size(vk_fixed + v.name.size() * 2);
      // Big data takes a list and segments: the data and one more cell per segment.
      if (v.data.size() > 4) bytes += cell_size(v.data.size()) + v.data.size() / 2048;
    }
    bytes += cell_size(4 * key.values.size());
    // A leaf of 8 bytes per subkey, and over 507 of them an index root with its own leaves.
    bytes +=
        cell_size(4 + 8 * key.children.size()) + (key.children.size() / max_leaf_elements + 1) * 16;
  }
  return bytes;
}

void seal_base_block(std::vector<std::uint8_t>& out, std::uint32_t root, std::uint64_t now) {
  std::uint8_t* b = out.data();
  const std::uint32_t sequence = get32(b + 4) + 1;
  put32(b + 4, sequence);
  put32(b + 8, sequence);
  put64(b + 12, now);
  put32(b + 36, root);
  put32(b + 40, static_cast<std::uint32_t>(out.size() - base_block_size));
  std::uint32_t checksum = base_block_xor(b);
  // The spec's reserved results: Windows never stores 0 or -1 as a checksum.
  if (checksum == 0) checksum = 1;
  if (checksum == 0xFFFFFFFFu) checksum = 0xFFFFFFFEu;
  put32(b + 508, checksum);
}

std::uint32_t CellWriter::emit_data(std::span<const std::uint8_t> data) {
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

std::uint32_t CellWriter::emit_vk(std::uint16_t flags, std::uint16_t spare, std::uint32_t type,
                                  std::string_view name, std::span<const std::uint8_t> data) {
  const std::uint32_t cell = alloc(vk_fixed + name.size());
  std::uint8_t* vk = at(cell);
  std::memcpy(vk, "vk", 2);
  put16(vk + 2, static_cast<std::uint32_t>(name.size()));
  put32(vk + 12, type);
  put16(vk + 16, flags);
  put16(vk + 18, spare);
  // An empty name or value may have no storage at all (a null pointer): memcpy must not be
  // given one, even for no bytes.
  if (!name.empty()) std::memcpy(vk + vk_fixed, name.data(), name.size());
  if (data.size() <= 4) {
    put32(vk + 4, static_cast<std::uint32_t>(data.size()) | data_inline);
    if (!data.empty()) std::memcpy(vk + 8, data.data(), data.size());
  } else {
    const std::uint32_t d = emit_data(data);
    put32(at(cell) + 4, static_cast<std::uint32_t>(data.size()));
    put32(at(cell) + 8, d);
  }
  return cell;
}

void CellWriter::emit_values(std::uint32_t nk, const std::vector<HiveValue>& values,
                             Maxima& maxima) {
  put32(at(nk) + nk_value_count, 0);
  put32(at(nk) + nk_value_list, no_cell);
  if (values.empty()) return;
  const std::uint32_t list = alloc(4 * values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    const HiveValue& v = values[i];
    const std::string vname = encode_name(v.name, (v.flags & value_comp_name) != 0);
    const std::uint32_t vk = emit_vk(v.flags, v.spare, v.type, vname, v.data);
    put32(at(list) + 4 * i, vk);  // after emit_vk: it may move the buffer
    maxima.value_name = std::max(maxima.value_name, static_cast<std::uint32_t>(v.name.size() * 2));
    maxima.value_data = std::max(maxima.value_data, static_cast<std::uint32_t>(v.data.size()));
  }
  put32(at(nk) + nk_value_count, static_cast<std::uint32_t>(values.size()));
  put32(at(nk) + nk_value_list, list);
}

void CellWriter::emit_subkey_list(std::uint32_t nk, const std::vector<Element>& elements) {
  const std::size_t n = elements.size();
  put32(at(nk) + nk_subkey_count, static_cast<std::uint32_t>(n));
  put32(at(nk) + nk_subkey_list, no_cell);
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

CellWriter::Element CellWriter::element_of(std::uint32_t cell, Maxima& maxima) {
  const std::uint8_t* nk = at(cell);
  const std::size_t length = get16(nk + nk_name_length);
  const std::u16string name =
      decode_name(nk + nk_fixed, length, (get16(nk + nk_flags) & key_comp_name) != 0);
  maxima.subkey_name = std::max(maxima.subkey_name, static_cast<std::uint32_t>(name.size() * 2));
  maxima.class_name = std::max<std::uint32_t>(maxima.class_name, get16(nk + nk_class_length));
  return {cell, name_hash(name)};
}

void CellWriter::put_maxima(std::uint32_t nk, const Maxima& maxima) {
  // The subkey name field's high half holds flags (virtualization, user flags) and stays.
  std::uint8_t* k = at(nk);
  put64(k + nk_timestamp, now_);
  const std::uint32_t old = get32(k + nk_max_subkey_name);
  put32(k + nk_max_subkey_name, (old & 0xFFFF0000u) | std::min(maxima.subkey_name, 0xFFFFu));
  put32(k + nk_max_class, maxima.class_name);
  put32(k + nk_max_value_name, maxima.value_name);
  put32(k + nk_max_value_data, maxima.value_data);
}

}  // namespace comreg::regf
