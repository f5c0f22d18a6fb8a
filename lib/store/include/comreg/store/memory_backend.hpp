// MemoryBackend: an in-memory registry (case-insensitive keys, ordered like regedit sorts),
// used by unit tests and by --dry-run to compute what a real run would change. Its reads
// remember the last path looked up, so one store is not read from two threads at once.
#pragma once

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
  Status delete_value(std::string_view key, std::string_view name) override;
  Status delete_tree(std::string_view key) override;

  bool key_exists(std::string_view key) const override;
  std::optional<RegValue> get_value(std::string_view key, std::string_view name) const override;
  std::vector<std::string> subkeys(std::string_view key) const override;
  std::vector<std::string> value_names(std::string_view key) const override;

  /// Every key and value, depth-first, for byte-exact comparisons in tests.
  [[nodiscard]] std::string dump() const;
  friend bool operator==(const MemoryBackend& a, const MemoryBackend& b);

 private:
  struct Node;
  /// The node at `path` (nullptr when absent), starting from the deepest key it shares with
  /// the last path looked up: readers ask for a key, then its values and subkeys, then its
  /// siblings, and a walk from the root for each was most of an import's time.
  Node* lookup(std::string_view path) const;
  void forget_lookups() const;

  std::unique_ptr<Node> root_;
  // The last path looked up, and for each of its keys found: where its name ends and its node.
  mutable std::string last_path_;
  mutable std::vector<std::pair<std::size_t, Node*>> last_nodes_;
};

}  // namespace comreg
