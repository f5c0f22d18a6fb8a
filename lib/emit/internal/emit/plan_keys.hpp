// The plan regrouped by key, in plan order: what the tree- and entry-shaped installer formats
// (WiX, .rgs, Inno Setup, GPP, selfreg) render.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "comreg/plan/plan.hpp"

namespace comreg {

/// One key of the plan with the values set in it. A key created twice (by two elements of the
/// description) appears once, at its first place, with all its values.
struct PlanKey {
  static constexpr std::size_t no_tree = static_cast<std::size_t>(-1);

  const Operation* key = nullptr;        // the create_key operation
  std::vector<const Operation*> values;  // its set_value operations, in plan order
  bool owned_root = false;               // the plan owns this key's whole tree (owned_roots())
  bool shared = false;                   // uninstall removes only `values` from it
  /// The index in plan_keys() of the first key of the shareable tree (Operation::shareable)
  /// this key is in, itself for that first key; no_tree outside one.
  std::size_t shareable_tree = no_tree;

  [[nodiscard]] bool shareable() const { return shareable_tree != no_tree; }
  /// What a format without reference counts does on uninstall: delete the whole tree, or
  /// remove only `values` from the key (a shared key, or any key another product may hold).
  [[nodiscard]] bool deletes_tree() const { return owned_root && !shareable(); }
  [[nodiscard]] bool removes_values_only() const { return shared || shareable(); }
};

[[nodiscard]] std::vector<PlanKey> plan_keys(const Plan& plan);

/// "Software\Classes\<key>": the key below HKLM or HKCU.
[[nodiscard]] std::string classes_path(const std::string& key);

}  // namespace comreg
