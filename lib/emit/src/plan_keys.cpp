#include "emit/plan_keys.hpp"

#include <unordered_map>
#include <unordered_set>

#include "core/ascii.hpp"

namespace comreg {

std::vector<PlanKey> plan_keys(const Plan& plan) {
  std::vector<PlanKey> keys;
  std::unordered_map<std::string, std::size_t> index;
  std::unordered_set<std::string> roots;
  for (const auto& root : owned_roots(plan)) roots.insert(text::fold_case(root));
  std::unordered_map<std::string, std::size_t> trees;  // folded shareable roots -> their index
  // The shareable tree `folded` is in: its own, or the nearest ancestor's (parents come first).
  const auto tree_of = [&trees](const std::string& folded) {
    for (std::size_t end = folded.size(); end != std::string::npos && end > 0;
         end = folded.rfind('\\', end - 1)) {
      if (const auto t = trees.find(folded.substr(0, end)); t != trees.end()) return t->second;
    }
    return PlanKey::no_tree;
  };
  std::size_t current = 0;
  for (const auto& op : plan.ops) {
    if (op.kind == OpKind::create_key) {
      auto [it, added] = index.emplace(text::fold_case(op.key), keys.size());
      if (op.shareable) trees.emplace(it->first, it->second);
      if (added) {
        PlanKey k;
        k.key = &op;
        k.shared = op.ownership == Ownership::shared;
        k.owned_root = !k.shared && roots.count(it->first) != 0;
        keys.push_back(k);
      }
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
