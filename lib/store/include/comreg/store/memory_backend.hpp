// MemoryBackend: an in-memory registry (case-insensitive keys, ordered like regedit sorts),
// used by unit tests and by --dry-run to compute what a real run would change. Its reads
// remember the last key found: one store is read by one thread at a time.
#pragma once

#include <map>
#include <memory>
#include <string>

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
  // The node at `path`, starting from the last key found when `path` is it or below it:
  // readers and the .reg reader ask about one key several times, then about its subkeys.
  Node* find(std::string_view path) const;
  void remember(std::string_view path, Node* node) const;
  void forget() const;

  std::unique_ptr<Node> root_;
  mutable std::string last_path_;  // as the caller spelled it
  mutable Node* last_node_ = nullptr;
};

}  // namespace comreg
