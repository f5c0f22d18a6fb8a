// MemoryBackend: an in-memory registry (case-insensitive keys, ordered like regedit sorts),
// used by unit tests and by --dry-run to compute what a real run would change. Its reads
// remember the last path walked: one store is read by one thread at a time.
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
  /// The same, taking the value's buffers (a reader's values, stored once).
  [[nodiscard]] Status set_value(std::string_view key, std::string_view name, RegValue&& value);
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
  // Walks start from the deepest key of the last path walked that `path` is at or below:
  // readers ask about one key several times, then about its subkeys and its siblings.
  struct Start {
    Node* node;
    std::size_t offset;  // in the path: where the names below `node` begin
  };
  Start start_of(std::string_view path) const;
  Node* find(std::string_view path) const;
  void forget() const;

  std::unique_ptr<Node> root_;
  mutable std::string last_path_;                                  // as the caller spelled it
  mutable std::vector<std::pair<std::size_t, Node*>> last_nodes_;  // per name: its end, its node
};

}  // namespace comreg
