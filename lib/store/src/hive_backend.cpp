// HiveBackend over comreg's own regf reader and writer. The file is read whole at open; keys
// load from those bytes as a path first reaches them (regf_tree.hpp), changes stay in memory,
// and commit() writes a new hive — the image edited where keys changed (regf_editor.hpp), or
// whole and compact when editing would leave it loose (regf_writer.hpp) — committed like a
// database (commit_hive_file: lock, exclusive temporary, flushes, logs reset). Names compare
// case-insensitively, as Windows compares them, and are UTF-8 here, UTF-16 in the file; value data
// is raw bytes, so every type is kept exactly.
#include "comreg/store/hive_backend.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>

#include "comreg/core/file_path.hpp"
#include "comreg/store/hive_file_commit.hpp"
#include "core/ascii.hpp"
#include "core/utf.hpp"
#include "store/hive_file.hpp"
#include "store/hive_in_place_commit.hpp"
#include "store/regf_editor.hpp"
#include "store/regf_tree.hpp"
#include "store/regf_writer.hpp"

namespace comreg {

std::string normalize_mount(std::string_view mount) {
  std::string out(mount);
  while (!out.empty() && out.back() == '\\') out.pop_back();
  const std::size_t sep = out.find('\\');
  const std::string_view first = std::string_view(out).substr(0, sep);
  for (const auto& root : root_keys) {
    if (!root.short_name.empty() && text::iequals(first, root.short_name)) {
      out = std::string(root.long_name) + (sep == std::string::npos ? "" : out.substr(sep));
      break;
    }
  }
  return out;
}

struct HiveBackend::Impl {
  // Both mutable: after a commit in the image's own bytes they are read again from the file
  // when a key is next asked for (reload()), a cache like the tree itself.
  mutable regf::HiveImage image;
  mutable std::unique_ptr<regf::HiveKey> root;
  std::string file;
  std::string mount;
  bool writable = false;
  bool modified = false;
  bool committed = false;               // since open: discard() cannot take it back
  std::vector<std::string> reset_logs;  // emptied after a commit: the hive holds their entries
  std::optional<HiveFileLock> lock;
  // The first damage found while loading keys: such a hive is never written back, since the
  // writer could not copy what it cannot read.
  mutable std::string damage;

  // An edit in the image's own bytes began and its commit did not finish: the bytes are part
  // of a new hive, and the file (left as it was) must be read again before the image is used.
  bool spoiled = false;
  // Committed in the image's own bytes: the file is the new hive; the image and the tree were
  // let go (a program that ends after the commit never needs them, and a hive's size of
  // memory less is what the rest of the run has) and are read again at the next use.
  mutable bool stale = false;
  mutable std::vector<std::unique_ptr<regf::HiveKey>> retired;  // trees let go after commits

  explicit Impl(regf::HiveImage i) : image(std::move(i)) {}

  // The file read and parsed again: nullopt when `read` failed, or (with `why`) when the
  // bytes are not a hive.
  std::optional<regf::HiveImage> read_image(Status& read, std::string& why) const {
    std::vector<std::uint8_t> bytes = read_hive_bytes(file, read);
    if (!read.ok()) return std::nullopt;
    return regf::HiveImage::parse(std::move(bytes), why);
  }

  // The file's bytes again, as the tree's keys were loaded from (the lock kept it so).
  Status image_as_read() {
    if (!spoiled) return Status::success();
    // A write in place that could not be undone: the file is mid-commit (its log replays it),
    // not the hive the tree was loaded from.
    if (!damage.empty())
      return Status::failure(BackendErrc::io, "cannot use " + file + ": " + damage);
    // The part-edited bytes go first: a big hive is not held twice. Until the file is read
    // again, every key reads as damaged and nothing is written.
    image.release();
    damage = "it could not be read again after a commit that did not finish";
    Status read;
    std::string why;
    auto again = read_image(read, why);
    if (!read.ok()) return read;
    if (!again) return Status::failure(BackendErrc::io, "cannot read " + file + " again: " + why);
    image = std::move(*again);
    spoiled = false;
    damage.clear();
    return Status::success();
  }

  // After a commit of the image edited in its own bytes: those bytes are the file now. They and
  // the tree are let go; the next use reads the file again (reload()).
  Status take_committed_image() {
    image.release();
    spoiled = false;
    forget_found();
    // The old tree (every key loaded: wide keys' children by the ten thousand) goes with the
    // backend, not here: a program that leaves the backend to its exit never frees it.
    retired.push_back(std::move(root));
    stale = true;
    modified = false;
    committed = true;
    return Status::success();
  }

  // The committed file read again, when a key is asked for after such a commit; false (with
  // `damage` set) when it cannot be.
  bool reload() const {
    if (!stale) return true;
    Status read;
    std::string why;
    auto again = read_image(read, why);
    if (!read.ok()) why = read.message;
    if (!again) {
      if (damage.empty()) damage = "it cannot be read again after the commit: " + why;
      return false;
    }
    image = std::move(*again);
    root = regf::key_stub(image, image.root());
    if (!root) {
      damage = "its root key cannot be read after the commit";
      return false;
    }
    stale = false;
    load(*root);
    return true;
  }

  // The path inside the hive ("" = its root), or false when `key` is outside the mount.
  bool inside(std::string_view key, std::string_view& rel) const {
    if (key.size() < mount.size() || !text::iequals(key.substr(0, mount.size()), mount)) {
      return false;
    }
    if (key.size() == mount.size()) {
      rel = {};
      return true;
    }
    if (key[mount.size()] != '\\') return false;
    rel = key.substr(mount.size() + 1);
    return true;
  }

  Status outside(std::string_view key) const {
    return Status::failure(BackendErrc::unsupported,
                           std::string(key) + " is outside the hive " + file + ", mounted at " +
                               mount + " (choose the hive's mount point with --hive-mount)");
  }

  Status read_only(std::string_view key) const {
    return Status::failure(BackendErrc::access_denied, "cannot change " + std::string(key) + ": " +
                                                           file + " is open read-only");
  }

  Status check_writable(std::string_view key, std::string_view& rel) const {
    if (!inside(key, rel)) return outside(key);
    if (!writable) return read_only(key);
    return Status::success();
  }

  // Loading a key from the image is not a change: the reads are const, the tree a cache.
  void load(regf::HiveKey& key) const {
    if (key.expanded) return;
    if (std::string why = regf::expand(image, key); !why.empty() && damage.empty()) {
      damage = std::move(why);
    }
  }

  static std::u16string name_of(std::string_view utf8) {
    if (text::find_invalid_utf8(utf8) != std::string_view::npos) return {};
    return text::to_utf16(utf8);
  }

  // `name` in UTF-16 (a value's name to find), in a buffer reused by every lookup; "" when it
  // is not UTF-8, as name_of() gives.
  mutable std::u16string name_units;
  std::u16string_view units(std::string_view name) const {
    if (text::is_ascii(name)) {
      name_units.assign(name.begin(), name.end());
    } else {
      name_units = name_of(name);
    }
    return name_units;
  }

  // `name` as children are keyed (upcased UTF-16), in a buffer reused by every lookup (a new
  // string per name of every path was a sixth of an install); "" when it is not UTF-8.
  mutable std::u16string folded_name;
  std::u16string_view folded(std::string_view name) const {
    if (text::is_ascii(name)) {
      // A-Z raised here without regf::upcase()'s call per character: every name of every
      // path walked comes through.
      folded_name.resize(name.size());
      for (std::size_t i = 0; i < name.size(); ++i) {
        const char c = name[i];
        folded_name[i] = static_cast<char16_t>(c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c);
      }
    } else {
      folded_name = regf::upcased(name_of(name));
    }
    return folded_name;
  }

  regf::HiveKey* child(regf::HiveKey& parent, std::string_view name) const {
    load(parent);
    return parent.children.find(folded(name));
  }

  // The last path walked (inside the hive) and its keys, one per name: the end of the name in
  // `found_path` and the key. Callers ask about one key several times in a row (exists, its
  // values, its subkeys; create it, set its values), then about its children and siblings;
  // walking from the root each time converted and looked up every name again (17 % of a
  // 10,000-class uninstall, a third of an install). Keys are never moved (each is its own
  // allocation) and only delete_tree() frees them, which forgets this path.
  mutable std::string found_path;
  mutable std::vector<std::pair<std::size_t, regf::HiveKey*>> found_keys;

  void forget_found() const {
    found_path.clear();
    found_keys.clear();
  }

  // What walk() does with keys that are absent.
  struct Creating {
    bool on = false;     // make them (else the walk gives null; so does a name no key can have)
    bool added = false;  // set when it made one
  };

  // The key at `rel` (a path inside the hive), or null; loaded unless `load_last` is false (the
  // keys above it always are: their subkeys are looked up).
  regf::HiveKey* walk(std::string_view rel, Creating& creating, bool load_last = true) const {
    if (stale && !reload()) return nullptr;
    // Start below the deepest key of the last path whose names are the same bytes: the same
    // key (byte-equal names fold equally).
    const std::size_t same = text::common_prefix(rel, found_path);
    std::size_t kept = 0;
    while (kept < found_keys.size() && found_keys[kept].first <= same &&
           (found_keys[kept].first == rel.size() || rel[found_keys[kept].first] == '\\')) {
      ++kept;
    }
    found_keys.resize(kept);
    regf::HiveKey* node = kept == 0 ? root.get() : found_keys.back().second;
    std::size_t start = kept == 0 ? 0 : found_keys.back().first;
    found_path.assign(rel.substr(0, start));
    // The remaining names, as split_key_path() gives them: empty ones skipped.
    while (start < rel.size()) {
      const std::size_t sep = std::min(rel.find('\\', start), rel.size());
      if (sep > start) {
        const std::string_view part = rel.substr(start, sep - start);
        regf::HiveKey* next = child(*node, part);
        if (next == nullptr) {
          if (!creating.on) return nullptr;
          next = add_child(*node, part);
          if (next == nullptr) return nullptr;
          creating.added = true;
        }
        node = next;
        found_path.append(rel.substr(found_path.size(), sep - found_path.size()));
        found_keys.emplace_back(sep, node);
      }
      start = sep + 1;
    }
    if (load_last) load(*node);
    return node;
  }

  // A new subkey `name` of `parent` (whose children are loaded), or null when the name is
  // not 1 to 255 characters of UTF-8.
  regf::HiveKey* add_child(regf::HiveKey& parent, std::string_view name) const {
    std::u16string units = name_of(name);
    if (units.empty() || units.size() > 255) return nullptr;
    std::u16string key = regf::upcased(units);
    auto created = regf::new_key(std::move(units), parent);
    regf::HiveKey* added = parent.children.emplace(std::move(key), std::move(created)).first;
    parent.changed = true;
    return added;
  }

  // The key at `key`, or null when absent or outside the mount; loaded unless `load` is false.
  regf::HiveKey* find(std::string_view key, bool load = true) const {
    std::string_view rel;
    if (!inside(key, rel)) return nullptr;
    Creating reading;
    return walk(rel, reading, load);
  }

  // What a key not loaded holds, read without loading it where it has no subkeys; else (or
  // where the image is damaged) it is loaded and `readable` is false.
  mutable std::vector<std::uint8_t> leaf_data;  // the data of the value read_leaf() found
  regf::LeafRead read_leaf(regf::HiveKey& node, const std::u16string_view* value_name) const {
    if (!node.expanded) {
      const regf::LeafRead leaf = regf::read_leaf(image, node, value_name, leaf_data);
      if (leaf.readable) return leaf;
      load(node);
    }
    return {};
  }

  Status create(std::string_view key, regf::HiveKey*& node) {
    std::string_view rel;
    if (Status s = check_writable(key, rel); !s.ok()) return s;
    Creating creating{.on = true};
    node = walk(rel, creating);
    if (creating.added) modified = true;
    if (node == nullptr) {
      return Status::failure(BackendErrc::unsupported,
                             "cannot create " + std::string(key) + " in " + file +
                                 ": a key name must be 1 to 255 characters of valid UTF-8");
    }
    return Status::success();
  }
};

namespace {

// Whether a hive of `size` bytes holds more than 1.5 times what its cells need: then it is
// written whole and compact instead.
bool loose(std::size_t size, const regf::EditFigures& edited) {
  return size * 2 > (regf::base_block_size + edited.cells_in_use) * 3;
}

}  // namespace

HiveBackend::HiveBackend(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HiveBackend::~HiveBackend() = default;

// A hive from its bytes: the file's own, or the replayed state of a dirty one.
HiveBackend::OpenResult HiveBackend::open_image(const std::string& file,
                                                std::vector<std::uint8_t> bytes,
                                                const std::string& mount, bool writable) {
  OpenResult result;
  std::string why;
  auto image = regf::HiveImage::parse(std::move(bytes), why);
  if (!image) {
    result.status =
        Status::failure(BackendErrc::io, "cannot open " + file + " as a registry hive: " + why);
    return result;
  }
  auto impl = std::make_unique<Impl>(std::move(*image));
  impl->file = file;
  impl->mount = mount;
  impl->writable = writable;
  impl->root = regf::key_stub(impl->image, impl->image.root());
  impl->load(*impl->root);
  if (!impl->damage.empty()) {
    result.status = Status::failure(BackendErrc::io,
                                    "cannot open " + file + " as a registry hive: " + impl->damage);
    return result;
  }
  result.backend.reset(new HiveBackend(std::move(impl)));
  return result;
}

HiveBackend::OpenResult HiveBackend::open(const std::string& file, const std::string& mount,
                                          bool writable) {
  OpenResult result;
  const std::string normalized = normalize_mount(mount);
  if (normalized.empty()) {
    result.status = Status::failure(BackendErrc::unsupported, "the hive's mount point is empty");
    return result;
  }
  std::error_code ec;
  if (!std::filesystem::exists(files::path_from_utf8(file), ec)) {
    result.status =
        Status::failure(BackendErrc::not_found, "hive file " + file + " does not exist");
    return result;
  }
  Status read;
  std::vector<std::uint8_t> bytes = read_hive_bytes(file, read);
  if (!read.ok()) {
    result.status = read;
    return result;
  }
  return open_image(file, std::move(bytes), normalized, writable);
}

HiveBackend::OpenResult HiveBackend::open_replayed(const std::string& file,
                                                   const std::vector<std::uint8_t>& bytes,
                                                   const std::string& mount, bool writable,
                                                   std::vector<std::string> reset_logs) {
  OpenResult result;
  const std::string normalized = normalize_mount(mount);
  if (normalized.empty()) {
    result.status = Status::failure(BackendErrc::unsupported, "the hive's mount point is empty");
    return result;
  }
  result = open_image(file, bytes, normalized, writable);
  if (!result.backend) {
    result.status.message += " (the replayed state of " + file + ")";
    return result;
  }
  result.backend->impl_->reset_logs = std::move(reset_logs);
  return result;
}

void HiveBackend::keep(HiveFileLock lock) {
  impl_->lock = std::move(lock);
}

Status HiveBackend::commit() {
  if (!impl_->modified) return Status::success();
  if (!impl_->damage.empty()) {
    return Status::failure(BackendErrc::io, "cannot write " + impl_->file + ": " + impl_->damage +
                                                " (the hive is damaged)");
  }
  if (Status s = impl_->image_as_read(); !s.ok()) return s;
  const std::uint64_t now = regf::filetime_now();
  regf::EditFigures edited;
  bool compact = false;  // to be written whole and compact, without an edited copy first
  // A clean hive this run holds: edited in its own bytes (a big hive is not copied), new cells
  // near the change, and written by its changed pages after a transaction log holds them.
  if (impl_->lock && impl_->reset_logs.empty()) {
    // The bins as read: an edit keeps every one of them and adds to them.
    const std::size_t bins_as_read =
        regf::base_block_size + regf::get32(impl_->image.bytes().data() + 40);
    impl_->spoiled = true;  // the image is not the file as read until this commit is done
    const std::string unedited = regf::edit_hive_in_image(impl_->image, *impl_->root, now, edited,
                                                          regf::EditPlacement::near_changes);
    const std::vector<std::uint8_t>& bytes = impl_->image.bytes();
    if (unedited.empty() && !loose(bytes.size(), edited)) {
      const InPlaceResult in_place = commit_hive_in_place(impl_->file, *impl_->lock, bytes);
      if (in_place.outcome == InPlaceOutcome::failed) {
        if (!in_place.file_as_before) {
          impl_->damage = "an earlier write of it did not finish (its log holds the change)";
        }
        return in_place.status;
      }
      if (in_place.outcome == InPlaceOutcome::not_taken) {
        const auto write = [&](const std::string& temporary) {
          return write_bytes_to(temporary, bytes);
        };
        if (Status s = commit_hive_file(impl_->file, write); !s.ok()) return s;
      }
      return impl_->take_committed_image();
    }
    // Damage found on the way, or a file that would be loose: written whole, from the file.
    // Loose already at the size it was read (an uninstall that empties most of the hive), it
    // is loose edited in a copy too, which keeps every bin: that edit is not made.
    compact = unedited.empty() && loose(bins_as_read, edited);
    if (Status s = impl_->image_as_read(); !s.ok()) return s;
  }
  // The image edited (a copy) where it changed, while the file stays within 1.5 times what
  // its cells need; else (or when the image cannot be edited) the hive is written whole and
  // compact.
  std::vector<std::uint8_t> bytes;
  const std::string unedited =
      compact ? std::string() : regf::edit_hive(impl_->image, *impl_->root, now, bytes, edited);
  if (compact || !unedited.empty() || loose(bytes.size(), edited)) {
    if (std::string why = regf::write_hive(impl_->image, *impl_->root, now, bytes); !why.empty()) {
      return Status::failure(BackendErrc::io,
                             "cannot write " + impl_->file + ": " + why + " (the hive is damaged)");
    }
  }
  const auto write = [&](const std::string& temporary) { return write_bytes_to(temporary, bytes); };
  if (Status s = commit_hive_file(impl_->file, write, impl_->reset_logs); !s.ok()) return s;
  impl_->reset_logs.clear();
  impl_->modified = false;
  impl_->committed = true;
  return Status::success();
}

bool HiveBackend::can_discard() const {
  return !impl_->modified && !impl_->committed;
}

bool HiveBackend::discard() {
  if (impl_->committed || !impl_->image_as_read().ok()) return false;
  // The tree as at open: every key loads from the image again when a path reaches it.
  impl_->forget_found();
  impl_->root = regf::key_stub(impl_->image, impl_->image.root());
  impl_->load(*impl_->root);
  impl_->modified = false;
  return true;
}

bool HiveBackend::modified() const {
  return impl_->modified;
}

const std::string& HiveBackend::mount() const {
  return impl_->mount;
}

bool HiveBackend::holds(std::string_view key) const {
  std::string_view rel;
  return impl_->inside(key, rel);
}

Status HiveBackend::create_key(std::string_view key) {
  regf::HiveKey* node = nullptr;
  return impl_->create(key, node);
}

Status HiveBackend::set_value(std::string_view key, std::string_view name, const RegValue& value) {
  regf::HiveKey* node = nullptr;
  if (Status s = impl_->create(key, node); !s.ok()) return s;
  if (text::find_invalid_utf8(name) != std::string_view::npos) {
    return Status::failure(BackendErrc::unsupported, "cannot set " + std::string(key) + " \"" +
                                                         std::string(name) +
                                                         "\": the name is not valid UTF-8");
  }
  const std::u16string_view units = impl_->units(name);
  regf::HiveValue* v = node->find_value(units);
  if (v == nullptr) {
    // A new value; one set again keeps its name as first spelled, as on Windows.
    v = &node->values.emplace_back();
    v->flags = regf::compressible(units) ? regf::value_comp_name : 0;
    v->name = units;
  }
  v->type = static_cast<std::uint32_t>(value.type);
  v->data = value.raw_bytes();
  node->changed = true;
  impl_->modified = true;
  return Status::success();
}

Status HiveBackend::delete_value(std::string_view key, std::string_view name) {
  std::string_view rel;
  if (Status s = impl_->check_writable(key, rel); !s.ok()) return s;
  regf::HiveKey* node = impl_->find(key);
  if (node == nullptr) return Status::success();
  regf::HiveValue* v = node->find_value(impl_->units(name));
  if (v == nullptr) return Status::success();
  node->values.erase(node->values.begin() + (v - node->values.data()));
  node->changed = true;
  impl_->modified = true;
  return Status::success();
}

Status HiveBackend::delete_tree(std::string_view key) {
  std::string_view rel;
  if (Status s = impl_->check_writable(key, rel); !s.ok()) return s;
  // The last name and the path of its parent, as split_key_path() would part them (empty
  // names skipped). The parent is walked to like any key: the last path walked is then the
  // parent's, which outlives the tree freed below, and the next delete (a sibling, nearly
  // always) starts there.
  std::size_t end = rel.size();
  while (end > 0 && rel[end - 1] == '\\') --end;
  if (end == 0) {
    return Status::failure(BackendErrc::unsupported,
                           "cannot delete " + std::string(key) + ": it is the hive's root");
  }
  const std::size_t sep = rel.rfind('\\', end - 1);
  const std::size_t start = sep == std::string_view::npos ? 0 : sep + 1;
  Impl::Creating reading;
  regf::HiveKey* parent = impl_->walk(rel.substr(0, start), reading);
  if (parent == nullptr) return Status::success();
  const std::u16string_view name = impl_->folded(rel.substr(start, end - start));
  if (parent->children.find(name) == nullptr) return Status::success();
  parent->children.erase(name);
  parent->changed = true;
  impl_->modified = true;
  return Status::success();
}

bool HiveBackend::key_exists(std::string_view key) const {
  return impl_->find(key, false) != nullptr;
}

std::optional<RegValue> HiveBackend::get_value(std::string_view key, std::string_view name) const {
  regf::HiveKey* node = impl_->find(key, false);
  if (node == nullptr) return std::nullopt;
  const std::u16string_view units = impl_->units(name);
  if (const regf::LeafRead leaf = impl_->read_leaf(*node, &units); leaf.readable) {
    if (!leaf.found) return std::nullopt;
    return RegValue::from_raw_view(static_cast<RegType>(leaf.type), impl_->leaf_data);
  }
  const regf::HiveValue* v = node->find_value(units);
  if (v == nullptr) return std::nullopt;
  return RegValue::from_raw_view(static_cast<RegType>(v->type), v->data);
}

std::vector<std::string> HiveBackend::subkeys(std::string_view key) const {
  std::vector<std::string> out;
  const regf::HiveKey* node = impl_->find(key);
  if (node == nullptr) return out;
  out.reserve(node->children.size());
  for (const auto& [folded, child] : node->children) out.push_back(text::to_utf8(child->name));
  return out;
}

std::vector<std::string> HiveBackend::value_names(std::string_view key) const {
  std::vector<std::string> out;
  const regf::HiveKey* node = impl_->find(key);
  if (node == nullptr) return out;
  out.reserve(node->values.size());
  for (const auto& v : node->values) out.push_back(text::to_utf8(v.name));
  return out;
}

std::optional<KeyCounts> HiveBackend::key_counts(std::string_view key) const {
  regf::HiveKey* node = impl_->find(key, false);
  if (node == nullptr) return std::nullopt;
  if (const regf::LeafRead leaf = impl_->read_leaf(*node, nullptr); leaf.readable) {
    return KeyCounts{leaf.values, 0};
  }
  return KeyCounts{node->values.size(), node->children.size()};
}

std::optional<KeyContents> HiveBackend::read_key(std::string_view key) const {
  regf::HiveKey* node = impl_->find(key);
  if (node == nullptr) return std::nullopt;
  KeyContents out;
  out.values.reserve(node->values.size());
  for (const auto& v : node->values) {
    // As value_names() and get_value() would give it: the value its name finds (the first of
    // that name; an ASCII name is the same after the trip through UTF-8).
    std::string name = text::to_utf8(v.name);
    const regf::HiveValue* found = regf::compressible(v.name)
                                       ? node->find_value(v.name)
                                       : node->find_value(Impl::name_of(name));
    if (found == nullptr) continue;
    out.values.emplace_back(
        std::move(name), RegValue::from_raw_view(static_cast<RegType>(found->type), found->data));
  }
  out.subkeys.reserve(node->children.size());
  for (const auto& [folded, child] : node->children)
    out.subkeys.push_back(text::to_utf8(child->name));
  return out;
}

Status create_empty_hive(const std::string& file) {
  std::error_code ec;
  if (std::filesystem::exists(files::path_from_utf8(file), ec)) {
    return Status::failure(BackendErrc::io, "cannot create " + file + ": it exists");
  }
  const std::vector<std::uint8_t> bytes = empty_hive_bytes();
  const auto write = [&](const std::string& temporary) { return write_bytes_to(temporary, bytes); };
  if (Status s = commit_hive_file(file, write, {}, HiveCommit::create_new); !s.ok()) return s;
  return Status::success();
}

}  // namespace comreg
