// RegistryOp: one operation on a registry, the one type the plan, its application, the journal,
// the .reg reader and recovery share. Stage: core (it depends only on registry values).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "comreg/core/registry_value.hpp"

namespace comreg {

/// A key's whole content, recursively: what deleting its tree destroys.
struct KeySnapshot {
  std::string name;  // the key's own name (its spelling)
  std::vector<std::pair<std::string, RegValue>> values;
  std::vector<KeySnapshot> subkeys;
};

/// Creates a key, sets or deletes a value, or deletes a key's tree. Keys are paths as the store
/// (or, in a plan, the classes root) names them. Where a stage knows the state an operation
/// replaces (a change report, a journal), it is kept alongside: shared and immutable, so that a
/// plan of 300,000 operations, which has none, pays two null pointers for it.
struct RegistryOp {
  enum class Kind : std::uint8_t { create_key, set_value, delete_value, delete_tree };
  Kind kind = Kind::create_key;
  std::string key;
  std::string name;  // set_value, delete_value: the value's name ("" = the default value)
  RegValue value;    // set_value: the data written
  /// set_value, delete_value: what the value held before (null: there was none).
  std::shared_ptr<const RegValue> prior;
  /// delete_tree: the tree it destroys, where it was read (a journal).
  std::shared_ptr<const KeySnapshot> prior_tree;
};

/// A prior value to keep alongside an operation (null for nullopt).
[[nodiscard]] inline std::shared_ptr<const RegValue> keep_prior(const std::optional<RegValue>& v) {
  return v ? std::make_shared<const RegValue>(*v) : nullptr;
}

}  // namespace comreg
