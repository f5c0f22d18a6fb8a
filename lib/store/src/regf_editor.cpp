// RegfEditor (see regf_editor.hpp). An edit runs in three passes over what changed: free the
// cells the changed keys stop using (read from the image, freed in the copy), index the free
// space of every bin (one pass over the cell headers, merging neighbours), then write the
// changed keys' new cells. Keys never expanded are never looked at: their cells stay as they
// are, and so do the key nodes of existing keys, so no offset anywhere needs relocating.
#include "store/regf_editor.hpp"

#include <algorithm>
#include <cstring>
#include <unordered_set>
#include <utility>

#include "store/free_cells.hpp"
#include "store/regf_cells.hpp"

namespace comreg::regf {
namespace {

constexpr int max_depth = 512;  // Windows' limit on key nesting

bool is(std::span<const std::uint8_t> record, const char* signature) {
  return record.size() >= 2 && record[0] == static_cast<std::uint8_t>(signature[0]) &&
         record[1] == static_cast<std::uint8_t>(signature[1]);
}

class Editor : public CellWriter {
 public:
  Editor(const HiveImage& image, const HiveKey& root, std::uint64_t now,
         std::vector<std::uint8_t>& out, EditPlacement placement)
      : CellWriter(image, now, out), near_changes_(placement == EditPlacement::near_changes) {
    const std::size_t bins = get32(image.bytes().data() + 40);
    // Room for the new cells, and a little: growing a 200 MB vector copies it once more, and
    // an install into an empty hive is nearly all new cells.
    const std::size_t room =
        base_block_size + bins + bins / 8 + new_cells_estimate(root) + (std::size_t{1} << 20);
    if (&out_ == &image.bytes()) {
      // Edited in the image itself (edit_hive_in_image): bytes past the bins (a file longer
      // than its base block says) are not the hive's.
      out_.resize(base_block_size + bins);
      out_.reserve(room);
    } else {
      out_.clear();
      out_.reserve(room);
      out_.assign(image.bytes().begin(),
                  image.bytes().begin() + static_cast<std::ptrdiff_t>(base_block_size + bins));
    }
    if (near_changes_) touched_.assign(bins / bin_granularity + 1, 0);
  }

  // The root's nk, or no_cell with `error` set.
  std::uint32_t edit(const HiveKey& root) {
    release(root, 0);
    if (!error.empty() || !index_bins()) return no_cell;
    const std::uint32_t cell = write(root, no_cell, 0);
    if (!error.empty()) return no_cell;
    trim();
    put64(out_.data() + base_block_size + 20, now_);  // the base block's timestamp, backed up
    return cell;
  }

  [[nodiscard]] std::size_t in_use() const { return in_use_; }

 private:
  FreeCells free_;
  // With EditPlacement::near_changes: the 4 KiB pages of the bins a cell was freed in. Only
  // free space in those pages (and new bins) takes new cells, so that the pages an in-place
  // commit writes are those the change needs, not every page with a hole that fits.
  bool near_changes_ = false;
  std::vector<std::uint8_t> touched_;
  std::vector<std::size_t> bins_;              // file offsets, in file order
  std::unordered_set<std::uint32_t> deleted_;  // nks freed: a loop is damage
  std::size_t in_use_ = 0;

  void fail(const char* why) {
    if (error.empty()) error = why;
  }

  // --- Pass 1: freeing (reads the image, marks cells free in the copy) ---

  void free_cell(std::uint32_t offset) {
    const std::size_t where = base_block_size + std::size_t{offset};
    if (offset == no_cell || offset % 8 != 0 || where + 4 > out_.size()) {
      return fail("a cell offset points outside the hive bins");
    }
    const auto raw = static_cast<std::int32_t>(get32(out_.data() + where));
    if (raw >= 0) return fail("a cell is used twice, or used while free");
    put32(out_.data() + where, static_cast<std::uint32_t>(-static_cast<std::int64_t>(raw)));
    if (near_changes_) touched_[offset / bin_granularity] = 1;
  }

  // Whether the free run [at, at + n) of the file lies (partly) in a page a cell was freed in.
  [[nodiscard]] bool touched(std::size_t at, std::size_t n) const {
    for (std::size_t page = (at - base_block_size) / bin_granularity;
         page <= (at + n - 1 - base_block_size) / bin_granularity; ++page) {
      if (touched_[page] != 0) return true;
    }
    return false;
  }

  bool is_sk(std::uint32_t offset) const {
    const std::size_t where = base_block_size + std::size_t{offset};
    return offset != no_cell && where + 24 <= out_.size() && out_[where + 4] == 's' &&
           out_[where + 5] == 'k' && static_cast<std::int32_t>(get32(out_.data() + where)) < 0;
  }

  // One key fewer uses the descriptor; the last one gone takes it out of the list, as Windows
  // does.
  void release_security(std::uint32_t sk) {
    if (!is_sk(sk)) return fail("a security descriptor (sk) is damaged");
    const std::uint32_t uses = get32(at(sk) + 12);
    if (uses > 1) return put32(at(sk) + 12, uses - 1);
    const std::uint32_t next = get32(at(sk) + 4);
    const std::uint32_t prev = get32(at(sk) + 8);
    if (next == sk || !is_sk(next) || !is_sk(prev)) {
      return fail("a security descriptor (sk) list is damaged");
    }
    put32(at(prev) + 4, next);
    put32(at(next) + 8, prev);
    free_cell(sk);
  }

  void free_data(std::span<const std::uint8_t> vk) {
    const std::uint32_t size = get32(vk.data() + 4);
    if ((size & data_inline) != 0 || size == 0) return;
    const std::uint32_t offset = get32(vk.data() + 8);
    const auto cell = image_.cell(offset);
    if (cell.size() < size) {  // big data: a db, its segment list, the segments
      if (cell.size() < 8 || !is(cell, "db")) return fail("a value's data is damaged");
      const std::size_t segments = get16(cell.data() + 2);
      const std::uint32_t list = get32(cell.data() + 4);
      const auto entries = image_.cell(list);
      if (entries.size() / 4 < segments) return fail("a value's data is damaged");
      for (std::size_t i = 0; i < segments; ++i) free_cell(get32(entries.data() + 4 * i));
      free_cell(list);
    }
    free_cell(offset);
  }

  void free_values(std::span<const std::uint8_t> nk) {
    const std::size_t count = get32(nk.data() + nk_value_count);
    if (count == 0) return;
    const std::uint32_t list = get32(nk.data() + nk_value_list);
    const auto entries = image_.cell(list);
    if (entries.size() / 4 < count) return fail("a value list is damaged");
    for (std::size_t i = 0; i < count; ++i) {
      const std::uint32_t offset = get32(entries.data() + 4 * i);
      const auto vk = image_.record(offset, "vk");
      if (vk.size() < vk_fixed) return fail("a value (vk) is damaged");
      free_data(vk);
      free_cell(offset);
    }
    free_cell(list);
  }

  void free_subkey_list(std::uint32_t list) {
    const auto cell = image_.cell(list);
    if (is(cell, "ri")) {
      for (std::size_t i = 0; i < get16(cell.data() + 2); ++i)
        free_cell(get32(cell.data() + 4 + 4 * i));
    }
    free_cell(list);
  }

  // The nk offsets of the key's subkeys in the image.
  bool subkeys_of(std::span<const std::uint8_t> nk, std::vector<std::uint32_t>& out) {
    if (get32(nk.data() + nk_subkey_count) == 0) return true;
    if (subkey_offsets(image_, get32(nk.data() + nk_subkey_list), out)) return true;
    fail("a subkey list is damaged");
    return false;
  }

  // Every cell of a deleted subtree.
  void free_tree(std::uint32_t offset, int depth) {
    if (!error.empty()) return;
    if (depth > max_depth) return fail("keys are nested deeper than 512 levels");
    if (!deleted_.insert(offset).second) {
      return fail("a key appears twice in the hive (a loop in its subkey lists)");
    }
    const auto nk = image_.record(offset, "nk");
    if (nk.size() < nk_fixed) return fail("a key node (nk) is damaged");
    free_values(nk);
    std::vector<std::uint32_t> children;
    if (!subkeys_of(nk, children)) return;
    for (const std::uint32_t child : children) free_tree(child, depth + 1);
    if (get32(nk.data() + nk_subkey_count) > 0) free_subkey_list(get32(nk.data() + nk_subkey_list));
    if (get16(nk.data() + nk_class_length) > 0) free_cell(get32(nk.data() + nk_class));
    release_security(get32(nk.data() + nk_security));
    free_cell(offset);
  }

  // What changed keys stop using: their value and subkey lists (rewritten whole) and the
  // subtrees deleted below them.
  void release(const HiveKey& key, int depth) {
    if (!error.empty() || !key.expanded) return;
    if (depth > max_depth) return fail("keys are nested deeper than 512 levels");
    if (key.source != no_cell && key.changed) {
      const auto nk = image_.record(key.source, "nk");
      if (nk.size() < nk_fixed) return fail("a key node (nk) is damaged");
      free_values(nk);
      std::vector<std::uint32_t> before;
      if (!subkeys_of(nk, before)) return;
      if (get32(nk.data() + nk_subkey_count) > 0) {
        free_subkey_list(get32(nk.data() + nk_subkey_list));
      }
      std::vector<std::uint32_t> kept;
      kept.reserve(key.children.size());
      for (const auto& [folded, child] : key.children) {
        if (child->source != no_cell) kept.push_back(child->source);
      }
      std::sort(kept.begin(), kept.end());
      for (const std::uint32_t old : before) {
        if (!std::binary_search(kept.begin(), kept.end(), old)) free_tree(old, depth + 1);
      }
    }
    for (const auto& [folded, child] : key.children) release(*child, depth + 1);
  }

  // --- Pass 2: the free space, indexed ---

  // Each run of free cells in a bin becomes one cell; every free cell is indexed by size and
  // the cells in use counted. Bins or cells the editor does not read as Windows writes them
  // (sizes off the 4 KiB or 8-byte grid) stop the edit: the hive is then written whole.
  bool index_bins() {
    std::uint8_t* b = out_.data();
    for (std::size_t bin = base_block_size; bin < out_.size();) {
      if (out_.size() - bin < bin_header_size || std::memcmp(b + bin, "hbin", 4) != 0 ||
          get32(b + bin + 4) != bin - base_block_size) {
        fail("a hive bin's header is damaged");
        return false;
      }
      const std::size_t size = get32(b + bin + 8);
      if (size < bin_granularity || size % bin_granularity != 0 || size > out_.size() - bin) {
        fail("a hive bin's size is damaged");
        return false;
      }
      const std::size_t end = bin + size;
      const auto cell_size_at = [&](std::size_t at, bool& used) -> std::size_t {
        const auto raw = static_cast<std::int32_t>(get32(b + at));
        used = raw < 0;
        const std::size_t n = used ? static_cast<std::size_t>(-static_cast<std::int64_t>(raw))
                                   : static_cast<std::size_t>(raw);
        return n >= 8 && n % 8 == 0 && n <= end - at ? n : 0;
      };
      for (std::size_t at = bin + bin_header_size; at < end;) {
        bool used = false;
        std::size_t n = cell_size_at(at, used);
        if (n == 0) {
          fail("a cell's size is damaged");
          return false;
        }
        if (!used) {
          for (bool next_used = false; at + n < end;) {
            const std::size_t more = cell_size_at(at + n, next_used);
            if (more == 0 || next_used) break;
            n += more;
          }
          if (!near_changes_ || touched(at, n)) {
            put32(b + at, static_cast<std::uint32_t>(n));
            free_.add(static_cast<std::uint32_t>(n),
                      static_cast<std::uint32_t>(at - base_block_size));
          }
        } else {
          in_use_ += n;
        }
        at += n;
      }
      bins_.push_back(bin);
      bin = end;
    }
    return true;
  }

  // --- Pass 3: the changed keys' cells ---

  // The smallest free cell that fits (the lowest of those), split; a new bin when none does.
  std::uint32_t alloc(std::size_t payload) override {
    const std::uint32_t size = cell_size(payload);
    auto found = free_.take(size);
    if (!found) {
      append_bin(size);
      found = free_.take(size);
    }
    const auto [have, offset] = *found;
    std::uint8_t* cell = out_.data() + base_block_size + offset;
    if (have > size) {
      put32(cell + size, have - size);
      free_.add(have - size, offset + size);
    }
    put32(cell, 0u - size);
    std::memset(cell + 4, 0, size - 4);
    in_use_ += size;
    return offset;
  }

  void append_bin(std::uint32_t cell) {
    const std::size_t size =
        std::max(bin_granularity, (cell + bin_header_size + bin_granularity - 1) / bin_granularity *
                                      bin_granularity);
    const std::size_t start = out_.size();
    out_.resize(start + size, 0);
    std::uint8_t* h = out_.data() + start;
    std::memcpy(h, "hbin", 4);
    put32(h + 4, static_cast<std::uint32_t>(start - base_block_size));
    put32(h + 8, static_cast<std::uint32_t>(size));
    put32(h + bin_header_size, static_cast<std::uint32_t>(size - bin_header_size));  // free
    free_.add(static_cast<std::uint32_t>(size - bin_header_size),
              static_cast<std::uint32_t>(start + bin_header_size - base_block_size));
    bins_.push_back(start);
  }

  // Wholly free bins at the end of the file go (the first bin always stays).
  void trim() {
    while (bins_.size() > 1) {
      const std::size_t bin = bins_.back();
      const auto first = static_cast<std::int32_t>(get32(out_.data() + bin + bin_header_size));
      if (first < 0 || static_cast<std::size_t>(first) != out_.size() - bin - bin_header_size) {
        return;
      }
      out_.resize(bin);
      bins_.pop_back();
    }
  }

  void write_children(const HiveKey& key, std::uint32_t nk, int depth, Maxima& maxima) {
    std::vector<Element> elements;
    elements.reserve(key.children.size());
    for (const auto& [folded, child] : key.children) {
      const std::uint32_t c = write(*child, nk, depth + 1);
      if (c == no_cell) return;
      elements.push_back(element_of(c, maxima));
    }
    emit_subkey_list(nk, elements);
  }

  std::uint32_t write_new(const HiveKey& key, std::uint32_t parent, int depth) {
    if (!is_sk(key.security)) {
      fail("a security descriptor (sk) is damaged");
      return no_cell;
    }
    put32(at(key.security) + 12, get32(at(key.security) + 12) + 1);
    const std::string name = encode_name(key.name, key.compressed_name());
    const std::uint32_t nk = alloc(nk_fixed + name.size());
    std::uint8_t* k = at(nk);
    std::memcpy(k, key.header.data(), nk_fixed);
    std::memcpy(k + nk_fixed, name.data(), name.size());
    put32(k + nk_parent, parent);
    put32(k + nk_subkey_count, 0);
    put32(k + nk_volatile_count, 0);
    put32(k + nk_subkey_list, no_cell);
    put32(k + nk_volatile_list, no_cell);
    put32(k + nk_security, key.security);
    put16(k + nk_name_length, static_cast<std::uint32_t>(name.size()));
    put32(k + nk_class, no_cell);
    put16(k + nk_class_length, 0);
    if (!key.class_name.empty()) {
      const std::uint32_t c = alloc(key.class_name.size());
      std::memcpy(at(c), key.class_name.data(), key.class_name.size());
      put32(at(nk) + nk_class, c);
      put16(at(nk) + nk_class_length, static_cast<std::uint32_t>(key.class_name.size()));
    }
    Maxima maxima;
    emit_values(nk, key.values, maxima);
    write_children(key, nk, depth, maxima);
    put_maxima(nk, maxima);
    return error.empty() ? nk : no_cell;
  }

  // The key's nk offset: where it was for a key of the image (its fields updated when it
  // changed), a new cell for a new key.
  std::uint32_t write(const HiveKey& key, std::uint32_t parent, int depth) {
    if (!error.empty()) return no_cell;
    if (depth > max_depth) {
      fail("keys are nested deeper than 512 levels");
      return no_cell;
    }
    if (!key.expanded) return key.source;
    if (key.source == no_cell) return write_new(key, parent, depth);
    if (!key.changed) {
      for (const auto& [folded, child] : key.children) {
        if (write(*child, key.source, depth + 1) == no_cell) return no_cell;
      }
      return key.source;
    }
    Maxima maxima;
    emit_values(key.source, key.values, maxima);
    write_children(key, key.source, depth, maxima);
    put_maxima(key.source, maxima);
    return error.empty() ? key.source : no_cell;
  }
};

}  // namespace

namespace {

std::string run_editor(const HiveImage& image, const HiveKey& root, std::uint64_t now,
                       std::vector<std::uint8_t>& out, EditFigures& figures,
                       EditPlacement placement) {
  Editor editor(image, root, now, out, placement);
  const std::uint32_t cell = editor.edit(root);
  if (editor.error.empty() && cell == no_cell) editor.error = "the root key could not be written";
  if (!editor.error.empty()) return editor.error;
  seal_base_block(out, cell, now);
  figures.cells_in_use = editor.in_use();
  return {};
}

}  // namespace

std::string edit_hive(const HiveImage& image, const HiveKey& root, std::uint64_t now,
                      std::vector<std::uint8_t>& out, EditFigures& figures,
                      EditPlacement placement) {
  return run_editor(image, root, now, out, figures, placement);
}

std::string edit_hive_in_image(HiveImage& image, const HiveKey& root, std::uint64_t now,
                               EditFigures& figures, EditPlacement placement) {
  // Pass 1 reads cells through the image while it marks them free in the same bytes: a mark
  // changes only a size's sign, which the image's reads ignore, and every cell is read before
  // it is freed. Passes 2 and 3 read the image only for its version.
  return run_editor(image, root, now, image.bytes_to_edit(), figures, placement);
}

}  // namespace comreg::regf
