// MemoryBackend: an in-memory registry (case-insensitive keys, ordered like regedit sorts),
// used by unit tests and by --dry-run to compute what a real run would change. Its reads
// remember the last path walked: one store is read by one thread at a time.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "comreg/store/registry_backend.hpp"

namespace comreg {

class MemoryBackend final : public RegistryBackend {
 public:
  MemoryBackend();
  ~MemoryBackend() override;
  MemoryBackend(const MemoryBackend& other);
  MemoryBackend& operator=(const MemoryBackend& other);

  Status create_key(std::string_view key) override;
  Status set_value(std::string_view key, std::string_view name, const RegValue& value) override;
  /// The same, taking the value's buffers (a reader's values, stored once).
  [[nodiscard]] Status set_value(std::string_view key, std::string_view name, RegValue&& value);
  Status delete_value(std::string_view key, std::string_view name) override;
  Status delete_tree(std::string_view key) override;

  bool key_exists(std::string_view key) const override;
  std::optional<RegValue> get_value(std::string_view key, std::string_view name) const override;
  std::vector<std::string> subkeys(std::string_view key) const override;
  std::vector<std::string> value_names(std::string_view key) const override;
  std::optional<KeyContents> read_key(std::string_view key) const override;
  std::optional<KeyCounts> key_counts(std::string_view key) const override;

  /// Every key and value, depth-first, for byte-exact comparisons in tests.
  [[nodiscard]] std::string dump() const;
  friend bool operator==(const MemoryBackend& a, const MemoryBackend& b);

 private:
  struct Node;
  // The key at `path` (created with the keys on the way when `create`), or nullptr.
  Node* walk(std::string_view path, bool create) const;
  Node* walk_names(std::string_view path, bool create) const;
  void forget_last_path() const;

  std::unique_ptr<Node> root_;
  // The last path walked, folded, and the key at the end of each of its names: install, the
  // journal and uninstall go key by key down a tree, so a walk starts from the deepest key its
  // path shares with the last one instead of from the root. Not copied; emptied by deletes.
  mutable std::string last_path_;
  mutable std::vector<std::pair<std::size_t, Node*>> last_nodes_;  // end of the name in last_path_
  // The last path walked, as given, and its key, when that walk found it.
  mutable std::string last_found_path_;
  mutable Node* last_found_ = nullptr;
};

}  // namespace comreg
