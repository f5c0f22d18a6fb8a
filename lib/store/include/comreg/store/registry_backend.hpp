// RegistryBackend: the narrow interface every registry store implements (live Win32 registry,
// in-memory, offline hive). Paths are full paths below a root key, such as
// "HKEY_CURRENT_USER\Software\Classes\CLSID\{…}": physical paths (with Wow6432Node for the
// 32-bit view) unless the store redirects views itself (redirects_views()).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "comreg/core/registry_op.hpp"
#include "comreg/core/registry_scope.hpp"
#include "comreg/core/registry_value.hpp"

namespace comreg {

enum class BackendErrc : std::uint8_t { ok, not_found, access_denied, io, unsupported, injected };

/// Outcome of a backend call: ok, or an error code with a message naming the key.
struct Status {
  BackendErrc code = BackendErrc::ok;
  std::string message;
  [[nodiscard]] bool ok() const { return code == BackendErrc::ok; }
  [[nodiscard]] static Status success() { return {}; }
  [[nodiscard]] static Status failure(BackendErrc c, std::string m) { return {c, std::move(m)}; }
};

/// A key's values (name as spelled, data) and its subkeys' names, in the order the store's
/// value_names() and subkeys() give them.
struct KeyContents {
  std::vector<std::pair<std::string, RegValue>> values;
  std::vector<std::string> subkeys;
};

/// How many values and subkeys a key holds.
struct KeyCounts {
  std::size_t values = 0;
  std::size_t subkeys = 0;
};

/// A registry store. Reads report absence as nullopt / false, not as an error; deletes of
/// absent keys or values succeed.
class RegistryBackend {
 public:
  virtual ~RegistryBackend() = default;

  [[nodiscard]] virtual Status create_key(std::string_view key) = 0;
  [[nodiscard]] virtual Status set_value(std::string_view key, std::string_view name,
                                         const RegValue& value) = 0;
  [[nodiscard]] virtual Status delete_value(std::string_view key, std::string_view name) = 0;
  [[nodiscard]] virtual Status delete_tree(std::string_view key) = 0;

  /// Makes one operation (its prior state is not looked at).
  [[nodiscard]] Status apply(const RegistryOp& op) {
    switch (op.kind) {
      case RegistryOp::Kind::create_key:
        return create_key(op.key);
      case RegistryOp::Kind::set_value:
        return set_value(op.key, op.name, op.value);
      case RegistryOp::Kind::delete_value:
        return delete_value(op.key, op.name);
      case RegistryOp::Kind::delete_tree:
        return delete_tree(op.key);
    }
    return Status::failure(BackendErrc::unsupported, "unknown registry operation");
  }

  /// Creates the key if it is absent and says whether it did. Stores where a check and a
  /// create are two round trips override this with one.
  [[nodiscard]] virtual Status ensure_key(std::string_view key, bool& created) {
    created = !key_exists(key);
    return created ? create_key(key) : Status::success();
  }

  [[nodiscard]] virtual bool key_exists(std::string_view key) const = 0;
  [[nodiscard]] virtual std::optional<RegValue> get_value(std::string_view key,
                                                          std::string_view name) const = 0;
  [[nodiscard]] virtual std::vector<std::string> subkeys(std::string_view key) const = 0;
  [[nodiscard]] virtual std::vector<std::string> value_names(std::string_view key) const = 0;

  /// How many values and subkeys the key holds (nullopt when it is absent): as many as
  /// value_names() and subkeys() give. Uninstall asks it of every key it may remove, where the
  /// names would be more than it needs; stores that know the counts override this (the live
  /// registry answers in one request, RegQueryInfoKeyW, instead of one per name).
  [[nodiscard]] virtual std::optional<KeyCounts> key_counts(std::string_view key) const {
    if (!key_exists(key)) return std::nullopt;
    return KeyCounts{value_names(key).size(), subkeys(key).size()};
  }

  /// A hint, with no effect on what any call returns: until its next write, the caller will
  /// read several values of keys it also counts or reads whole (an uninstall taking its
  /// registration back). A store whose every request is a round trip may then read a small
  /// key whole at its first value, and answer the rest from that.
  virtual void expect_whole_key_reads() const {}

  /// The key's values and subkeys at once (nullopt when it is absent): a journal's snapshot
  /// of a tree reads every key of it. Stores that find a key once for all three override this.
  [[nodiscard]] virtual std::optional<KeyContents> read_key(std::string_view key) const {
    if (!key_exists(key)) return std::nullopt;
    KeyContents out;
    for (auto& name : value_names(key)) {
      if (auto v = get_value(key, name)) out.values.emplace_back(std::move(name), std::move(*v));
    }
    out.subkeys = subkeys(key);
    return out;
  }

  /// Makes the changes made so far permanent, where the store keeps them until told (an
  /// offline hive writes them in one atomic step); stores that apply each write at once have
  /// nothing to do.
  [[nodiscard]] virtual Status commit() { return Status::success(); }

  /// True when every change from here on can be taken back by discard(): the store keeps its
  /// changes until commit() and holds none yet (an offline hive just opened). A run that
  /// fails then needs no journal of what it replaced.
  [[nodiscard]] virtual bool can_discard() const { return false; }
  /// Forgets every change since can_discard() was last true; false when it cannot (the
  /// default: stores that apply each write at once).
  [[nodiscard]] virtual bool discard() { return false; }

  /// True when the store applies WOW64 redirection itself (the live registry opened in a
  /// view): callers then pass logical paths, never Wow6432Node, as Microsoft asks.
  [[nodiscard]] virtual bool redirects_views() const { return false; }

  /// Whether the store can hold a key at `key` at all: an offline hive holds only the keys at
  /// or below its mount point, so comreg puts its bookkeeping where the store can keep it.
  [[nodiscard]] virtual bool holds(std::string_view key) const {
    (void)key;
    return true;
  }

  /// Whether the logical path `key` names one key in the 64-bit and the 32-bit view. Only a
  /// store that redirects views can say no (ProgIDs are one key on Windows 7 and later, but
  /// two under Wine); the others hold physical paths, which already tell the views apart.
  [[nodiscard]] virtual bool same_key_in_both_views(std::string_view key) const {
    (void)key;
    return true;
  }
};

}  // namespace comreg
