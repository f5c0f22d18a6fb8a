#include "emit/plan_keys.hpp"

#include <string_view>

#include "core/ascii.hpp"
#include "core/folded_ids.hpp"

namespace comreg {

std::vector<PlanKey> plan_keys(const Plan& plan) {
  std::vector<PlanKey> keys;
  FoldedMap<std::size_t> index;
  index.reserve(plan.ops.size() / 2);
  FoldedSet roots;
  for (const auto& root : owned_roots(plan)) roots.insert(text::fold_case(root));
  FoldedMap<std::size_t> trees;  // folded shareable roots -> their index
  // The shareable tree `folded` is in: its own, or the nearest ancestor's (parents come first).
  const auto tree_of = [&trees](std::string_view folded) {
    if (trees.empty()) return PlanKey::no_tree;
    for (std::size_t end = folded.size(); end != std::string_view::npos && end > 0;
         end = folded.rfind('\\', end - 1)) {
      if (const auto t = trees.find(folded.substr(0, end)); t != trees.end()) return t->second;
    }
    return PlanKey::no_tree;
  };
  Folder fold;
  std::size_t current = 0;
  for (const auto& op : plan.ops) {
    if (op.kind == OpKind::create_key) {
      const std::string_view folded = fold(op.key);
      auto it = index.find(folded);
      if (it == index.end()) {
        it = index.emplace(std::string(folded), keys.size()).first;
        PlanKey k;
        k.key = &op;
        k.shared = op.ownership == Ownership::shared;
        k.owned_root = !k.shared && roots.count(folded) != 0;
        keys.push_back(k);
      }
      if (op.shareable) trees.emplace(it->first, it->second);
      // A key first created plain and again as a shareable root becomes shareable too.
      keys[it->second].shareable_tree = tree_of(it->first);
      current = it->second;
    } else if (!keys.empty()) {
      keys[current].values.push_back(&op);
    }
  }
  return keys;
}

std::string classes_path(const std::string& key) {
  return "Software\\Classes\\" + key;
}

}  // namespace comreg
