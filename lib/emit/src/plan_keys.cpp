#include "emit/plan_keys.hpp"

#include <string_view>

#include "core/folded_ids.hpp"

namespace comreg {

std::vector<PlanKey> plan_keys(const Plan& plan) {
  std::vector<PlanKey> keys;
  keys.reserve(plan.ops.size() / 2);
  // Keys by their paths in the plan (the operations' own strings: no copies).
  FoldedIndex index(plan.ops.size() / 2);
  const auto key_path = [&keys](std::uint32_t k) -> std::string_view { return keys[k].key->key; };
  std::vector<bool> tree_root;  // per key: a shareable root (Operation::shareable) seen so far
  bool any_tree = false;
  // The shareable tree `key` is in: its own, or the nearest ancestor's (parents come first).
  const auto tree_of = [&](std::string_view key) {
    if (!any_tree) return PlanKey::no_tree;
    for (std::size_t end = key.size(); end != std::string_view::npos && end > 0;
         end = key.rfind('\\', end - 1)) {
      const std::uint32_t t = index.find(key.substr(0, end), key_path);
      if (t != FoldedIndex::none && tree_root[t]) return std::size_t{t};
    }
    return PlanKey::no_tree;
  };
  std::size_t current = 0;
  for (const auto& op : plan.ops) {
    if (op.kind == OpKind::create_key) {
      // Pushed first, so that key_path() can name it; taken back when the key was there.
      PlanKey k;
      k.key = &op;
      k.shared = op.ownership == Ownership::shared;
      keys.push_back(k);
      const auto [at, added] =
          index.insert(op.key, static_cast<std::uint32_t>(keys.size() - 1), key_path);
      if (added) {
        tree_root.push_back(false);
      } else {
        keys.pop_back();
      }
      if (op.shareable) {
        tree_root[at] = true;
        any_tree = true;
      }
      // A key first created plain and again as a shareable root becomes shareable too.
      keys[at].shareable_tree = tree_of(keys[at].key->key);
      current = at;
    } else if (!keys.empty()) {
      keys[current].values.push_back(&op);
    }
  }
  for (const auto& root : owned_roots(plan)) {
    const std::uint32_t k = index.find(root, key_path);
    if (k != FoldedIndex::none && !keys[k].shared) keys[k].owned_root = true;
  }
  return keys;
}

std::string classes_path(const std::string& key) {
  return "Software\\Classes\\" + key;
}

}  // namespace comreg
