// The plan regrouped by key, in plan order: what the tree- and entry-shaped installer formats
// (WiX, .rgs, Inno Setup, GPP, selfreg) render.
#pragma once

#include <string>
#include <vector>

#include "comreg/plan/plan.hpp"

namespace comreg {

/// One key of the plan with the values set in it. A key created twice (by two elements of the
/// description) appears once, at its first place, with all its values.
struct PlanKey {
  const Operation* key = nullptr;        // the create_key operation
  std::vector<const Operation*> values;  // its set_value operations, in plan order
  bool owned_root = false;               // uninstall deletes this key with its whole tree
  bool shared = false;                   // uninstall removes only `values` from it
};

[[nodiscard]] std::vector<PlanKey> plan_keys(const Plan& plan);

/// "Software\Classes\<key>": the key below HKLM or HKCU.
[[nodiscard]] std::string classes_path(const std::string& key);

}  // namespace comreg
