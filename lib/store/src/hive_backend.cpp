// HiveBackend over hivex. hivex keeps the whole hive in memory and writes it only in
// hivex_commit(), which is what makes the atomic commit (temporary sibling + rename) possible.
// hivex matches key and value names case-insensitively and recodes names to and from UTF-8;
// value data is raw bytes, so RegValue's raw_bytes()/from_raw() carry every type exactly.
#include "comreg/store/hive_backend.hpp"

#include <hivex.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>

#include <unistd.h>

#include "core/ascii.hpp"
#include "store/key_parts.hpp"

namespace comreg {
namespace {

// hivex passes a value's type as its enum hive_type, but a registry value's type is any 32-bit
// number (REG_* beyond the enum's names: 0x20, 0xFFFF0001 …). Held as the enum, such a number is
// undefined behaviour (UBSan: "not a valid value for type 'hive_type'"), so it is only ever
// copied in and out of the enum's bytes, never loaded or converted as one.
static_assert(sizeof(hive_type) == sizeof(std::uint32_t));

char* value_with_type(hive_h* h, hive_value_h v, std::uint32_t& type, std::size_t& length) {
  hive_type t{};
  char* data = hivex_value_value(h, v, &t, &length);
  std::memcpy(&type, &t, sizeof type);
  return data;
}

void set_type(hive_set_value& v, std::uint32_t type) {
  std::memcpy(&v.t, &type, sizeof type);
}

// A string hivex allocated, freed on scope exit.
struct Owned {
  char* p = nullptr;
  ~Owned() { std::free(p); }
};

std::string errno_text() {
  return std::strerror(errno);
}

}  // namespace

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
  hive_h* h = nullptr;
  std::string file;
  std::string mount;
  bool writable = false;
  bool modified = false;
  std::vector<std::string> reset_logs;  // emptied after a commit: the hive holds their entries
  std::optional<HiveFileLock> lock;

  ~Impl() {
    if (h != nullptr) hivex_close(h);
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

  // The node at `key`, or 0 when absent or outside the mount.
  hive_node_h find(std::string_view key) const {
    std::string_view rel;
    if (!inside(key, rel)) return 0;
    hive_node_h node = hivex_root(h);
    for (const auto part : split_key_path(rel)) {
      if (node == 0) return 0;
      node = hivex_node_get_child(h, node, std::string(part).c_str());
    }
    return node;
  }

  Status check_writable(std::string_view key, std::string_view& rel) const {
    if (!inside(key, rel)) return outside(key);
    if (!writable) return read_only(key);
    return Status::success();
  }

  Status create(std::string_view key, hive_node_h& node) {
    std::string_view rel;
    if (Status s = check_writable(key, rel); !s.ok()) return s;
    node = hivex_root(h);
    for (const auto part : split_key_path(rel)) {
      const std::string name(part);
      hive_node_h child = hivex_node_get_child(h, node, name.c_str());
      if (child == 0) {
        child = hivex_node_add_child(h, node, name.c_str());
        if (child == 0) {
          return Status::failure(BackendErrc::io, "cannot create " + std::string(key) + " in " +
                                                      file + ": " + errno_text());
        }
        modified = true;
      }
      node = child;
    }
    return Status::success();
  }
};

HiveBackend::HiveBackend(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HiveBackend::~HiveBackend() = default;

HiveBackend::OpenResult HiveBackend::open(const std::string& file, const std::string& mount,
                                          bool writable) {
  OpenResult result;
  auto impl = std::make_unique<Impl>();
  impl->file = file;
  impl->mount = normalize_mount(mount);
  impl->writable = writable;
  if (impl->mount.empty()) {
    result.status = Status::failure(BackendErrc::unsupported, "the hive's mount point is empty");
    return result;
  }
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) {
    result.status =
        Status::failure(BackendErrc::not_found, "hive file " + file + " does not exist");
    return result;
  }
  impl->h = hivex_open(file.c_str(), writable ? HIVEX_OPEN_WRITE : 0);
  if (impl->h == nullptr) {
    result.status = Status::failure(BackendErrc::io,
                                    "cannot open " + file + " as a registry hive: " + errno_text());
    return result;
  }
  result.backend.reset(new HiveBackend(std::move(impl)));
  return result;
}

HiveBackend::OpenResult HiveBackend::open_replayed(const std::string& file,
                                                   const std::vector<std::uint8_t>& bytes,
                                                   const std::string& mount, bool writable,
                                                   std::vector<std::string> reset_logs) {
  OpenResult result;
  // hivex reads only files: the bytes go to a file nobody else can have opened, removed once
  // hivex holds them (it keeps a written hive in memory and maps a read-only one).
  std::string scratch =
      (std::filesystem::temp_directory_path() / "comreg-replayed-XXXXXX").string();
  const int fd = ::mkstemp(scratch.data());
  if (fd < 0) {
    result.status = Status::failure(
        BackendErrc::io, "cannot hold the replayed state of " + file + ": " + errno_text());
    return result;
  }
  const bool written =
      ::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size());
  ::close(fd);
  if (written) result = open(scratch, mount, writable);
  ::unlink(scratch.c_str());
  if (!written) {
    result.status = Status::failure(BackendErrc::io, "cannot hold the replayed state of " + file);
    return result;
  }
  if (result.backend) {
    result.backend->impl_->file = file;
    result.backend->impl_->reset_logs = std::move(reset_logs);
  } else {
    result.status.message += " (the replayed state of " + file + ")";
  }
  return result;
}

void HiveBackend::keep(HiveFileLock lock) {
  impl_->lock = std::move(lock);
}

Status HiveBackend::commit() {
  if (!impl_->modified) return Status::success();
  const auto write = [&](const std::string& temporary) {
    if (hivex_commit(impl_->h, temporary.c_str(), 0) != 0) {
      return Status::failure(BackendErrc::io, "cannot write " + temporary + ": " + errno_text());
    }
    return Status::success();
  };
  if (Status s = commit_hive_file(impl_->file, write, impl_->reset_logs); !s.ok()) return s;
  impl_->reset_logs.clear();
  impl_->modified = false;
  return Status::success();
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
  hive_node_h node = 0;
  return impl_->create(key, node);
}

Status HiveBackend::set_value(std::string_view key, std::string_view name, const RegValue& value) {
  hive_node_h node = 0;
  if (Status s = impl_->create(key, node); !s.ok()) return s;
  std::string value_name(name);
  std::vector<std::uint8_t> raw = value.raw_bytes();
  hive_set_value v{};
  v.key = value_name.data();
  set_type(v, static_cast<std::uint32_t>(value.type));
  v.len = raw.size();
  v.value = reinterpret_cast<char*>(raw.data());
  if (hivex_node_set_value(impl_->h, node, &v, 0) != 0) {
    return Status::failure(BackendErrc::io, "cannot set " + std::string(key) + " \"" + value_name +
                                                "\" in " + impl_->file + ": " + errno_text());
  }
  impl_->modified = true;
  return Status::success();
}

Status HiveBackend::delete_value(std::string_view key, std::string_view name) {
  std::string_view rel;
  if (Status s = impl_->check_writable(key, rel); !s.ok()) return s;
  const hive_node_h node = impl_->find(key);
  if (node == 0) return Status::success();
  // hivex has no "delete value": the node's values are set again without it.
  Owned list{reinterpret_cast<char*>(hivex_node_values(impl_->h, node))};
  const auto* values = reinterpret_cast<const hive_value_h*>(list.p);
  if (values == nullptr) {
    return Status::failure(BackendErrc::io,
                           "cannot read " + std::string(key) + ": " + errno_text());
  }
  struct Kept {
    std::string name;
    std::uint32_t type;
    std::string data;
  };
  std::vector<Kept> kept;
  bool found = false;
  for (std::size_t i = 0; values[i] != 0; ++i) {
    Owned k{hivex_value_key(impl_->h, values[i])};
    const std::string value_name = k.p != nullptr ? k.p : "";
    if (text::iequals(value_name, name)) {
      found = true;
      continue;
    }
    std::uint32_t type = 0;
    std::size_t length = 0;
    Owned data{value_with_type(impl_->h, values[i], type, length)};
    if (data.p == nullptr) {
      return Status::failure(BackendErrc::io,
                             "cannot read " + std::string(key) + " \"" + value_name + "\"");
    }
    kept.push_back({value_name, type, std::string(data.p, length)});
  }
  if (!found) return Status::success();
  std::vector<hive_set_value> set(kept.size());
  for (std::size_t i = 0; i < kept.size(); ++i) {
    set[i].key = kept[i].name.data();
    set_type(set[i], kept[i].type);
    set[i].len = kept[i].data.size();
    set[i].value = kept[i].data.data();
  }
  if (hivex_node_set_values(impl_->h, node, set.size(), set.data(), 0) != 0) {
    return Status::failure(BackendErrc::io, "cannot delete " + std::string(key) + " \"" +
                                                std::string(name) + "\": " + errno_text());
  }
  impl_->modified = true;
  return Status::success();
}

Status HiveBackend::delete_tree(std::string_view key) {
  std::string_view rel;
  if (Status s = impl_->check_writable(key, rel); !s.ok()) return s;
  if (split_key_path(rel).empty()) {
    return Status::failure(BackendErrc::unsupported,
                           "cannot delete " + std::string(key) + ": it is the hive's root");
  }
  const hive_node_h node = impl_->find(key);
  if (node == 0) return Status::success();
  if (hivex_node_delete_child(impl_->h, node) != 0) {
    return Status::failure(BackendErrc::io,
                           "cannot delete " + std::string(key) + ": " + errno_text());
  }
  impl_->modified = true;
  return Status::success();
}

bool HiveBackend::key_exists(std::string_view key) const {
  return impl_->find(key) != 0;
}

std::optional<RegValue> HiveBackend::get_value(std::string_view key, std::string_view name) const {
  const hive_node_h node = impl_->find(key);
  if (node == 0) return std::nullopt;
  const hive_value_h value = hivex_node_get_value(impl_->h, node, std::string(name).c_str());
  if (value == 0) return std::nullopt;
  std::uint32_t type = 0;
  std::size_t length = 0;
  Owned data{value_with_type(impl_->h, value, type, length)};
  if (data.p == nullptr) return std::nullopt;
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(data.p);
  return RegValue::from_raw(static_cast<RegType>(type),
                            std::vector<std::uint8_t>(bytes, bytes + length));
}

std::vector<std::string> HiveBackend::subkeys(std::string_view key) const {
  std::vector<std::string> out;
  const hive_node_h node = impl_->find(key);
  if (node == 0) return out;
  Owned list{reinterpret_cast<char*>(hivex_node_children(impl_->h, node))};
  const auto* children = reinterpret_cast<const hive_node_h*>(list.p);
  if (children == nullptr) return out;
  for (std::size_t i = 0; children[i] != 0; ++i) {
    Owned name{hivex_node_name(impl_->h, children[i])};
    if (name.p != nullptr) out.emplace_back(name.p);
  }
  return out;
}

std::vector<std::string> HiveBackend::value_names(std::string_view key) const {
  std::vector<std::string> out;
  const hive_node_h node = impl_->find(key);
  if (node == 0) return out;
  Owned list{reinterpret_cast<char*>(hivex_node_values(impl_->h, node))};
  const auto* values = reinterpret_cast<const hive_value_h*>(list.p);
  if (values == nullptr) return out;
  for (std::size_t i = 0; values[i] != 0; ++i) {
    Owned name{hivex_value_key(impl_->h, values[i])};
    out.emplace_back(name.p != nullptr ? name.p : "");
  }
  return out;
}

Status create_empty_hive(const std::string& file) {
  std::error_code ec;
  if (std::filesystem::exists(file, ec)) {
    return Status::failure(BackendErrc::io, "cannot create " + file + ": it exists");
  }
  const std::string temporary = file + ".comreg-tmp";
  const std::vector<std::uint8_t> bytes = empty_hive_bytes();
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
    if (!out) {
      std::filesystem::remove(temporary, ec);
      return Status::failure(BackendErrc::io, "cannot write " + temporary);
    }
  }
  std::filesystem::rename(temporary, file, ec);
  if (ec) {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    return Status::failure(BackendErrc::io, "cannot create " + file + ": " + ec.message());
  }
  return Status::success();
}

}  // namespace comreg
