// The classes of several stores seen as HKEY_CLASSES_ROOT sees them: two layers (the machine's
// HKLM\Software\Classes and the user's HKCU\Software\Classes), each the union of every store
// that holds it; a lookup in the merged view takes the user's key when it exists.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "comreg/store/registry_backend.hpp"

namespace comreg::audit_detail {

enum class Layer { machine, user };

class ClassesView {
 public:
  explicit ClassesView(std::span<const RegistryBackend* const> sources) : sources_(sources) {}

  /// The full registry path of `rel` (a path below the classes root) in `layer`.
  [[nodiscard]] static std::string path(Layer layer, std::string_view rel);

  [[nodiscard]] bool has(Layer layer, std::string_view rel) const;
  [[nodiscard]] std::optional<RegValue> value(Layer layer, std::string_view rel,
                                              std::string_view name) const;
  /// A string value's text (REG_SZ or REG_EXPAND_SZ), nullopt for other types or none.
  [[nodiscard]] std::optional<std::string> text(Layer layer, std::string_view rel,
                                                std::string_view name = {}) const;
  /// The subkeys of `rel` in every store of the layer, each name once (case-insensitively).
  [[nodiscard]] std::vector<std::string> subkeys(Layer layer, std::string_view rel) const;
  /// The layer HKEY_CLASSES_ROOT reads `rel` from: user when it has the key, else machine.
  [[nodiscard]] std::optional<Layer> merged(std::string_view rel) const;

  [[nodiscard]] std::size_t keys_read() const { return keys_read_; }

 private:
  std::span<const RegistryBackend* const> sources_;
  mutable std::size_t keys_read_ = 0;
};

}  // namespace comreg::audit_detail
