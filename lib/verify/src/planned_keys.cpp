#include "verify/planned_keys.hpp"

#include <algorithm>
#include <functional>

#include "core/ascii.hpp"

namespace comreg {
namespace {

std::uint64_t planned_key_hash(std::string_view folded) {
  return std::hash<std::string_view>{}(folded);
}

}  // namespace

void full_key_path(std::string_view root, bool physical, View view, std::string_view key,
                   std::string& out) {
  out.assign(root);
  if (physical) {
    out += physical_key(key, view);
  } else {
    out += key;
  }
}

PlannedKeys::PlannedKeys(const Plan& plan, std::string_view root, bool physical) {
  // Sized once for as many keys as runs of operations on one key: never grown.
  std::size_t runs = 0;
  std::size_t bytes = 0;  // the paths' at most: a key planned twice is stored once
  for (std::size_t i = 0; i < plan.ops.size(); ++i) {
    if (i == 0 || plan.ops[i - 1].key != plan.ops[i].key) {
      ++runs;
      bytes += root.size() + plan.ops[i].key.size();
    }
  }
  // "Wow6432Node" and a backslash before a 32-bit CLSID, Interface, ... key.
  if (physical) bytes += runs * 12;
  paths_.reserve(bytes);
  std::size_t slots = 64;
  while (slots < runs * 2) slots *= 2;
  slots_.assign(slots, 0);
  keys_.reserve(runs);
  op_keys_.reserve(plan.ops.size());
  std::string path;
  const Operation* previous = nullptr;
  for (const auto& op : plan.ops) {
    // A plan sets a key's values right after creating it: one path and lookup for the run.
    if (previous == nullptr || previous->key != op.key) {
      full_key_path(root, physical, plan.options.view, op.key, path);
      text::fold_in_place(path.data(), path.size());
      op_keys_.push_back(find_or_add(path));
    } else {
      op_keys_.push_back(op_keys_.back());
    }
    if (op.kind == OpKind::create_key) keys_[op_keys_.back()].created = true;
    previous = &op;
  }
  index_values(plan);
}

// The slot that holds the key `folded`, or the empty slot where it would go: the one probe
// of the table, for finding and for adding.
std::size_t PlannedKeys::slot_of(std::string_view folded) const {
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = planned_key_hash(folded) & mask;
  for (; slots_[i] != 0; i = (i + 1) & mask) {
    const Key& key = keys_[slots_[i] - 1];
    if (key.length == folded.size() &&
        std::string_view(paths_).substr(key.offset, key.length) == folded) {
      break;
    }
  }
  return i;
}

std::uint32_t PlannedKeys::find(std::string_view folded) const {
  const std::uint32_t slot = slots_[slot_of(folded)];
  return slot == 0 ? none : slot - 1;
}

// One hash and one probe for a key met again (a plan's keys come back: a ProgID's CLSID key,
// the class's own keys after its ProgIDs') and for a new one.
std::uint32_t PlannedKeys::find_or_add(std::string_view folded_path) {
  const std::size_t i = slot_of(folded_path);
  if (slots_[i] != 0) return slots_[i] - 1;
  const auto id = static_cast<std::uint32_t>(keys_.size());
  keys_.push_back(
      {paths_.size(), static_cast<std::uint32_t>(folded_path.size()), 0, 0, false, false});
  paths_ += folded_path;
  slots_[i] = id + 1;
  return id;
}

// Each key's value names side by side and sorted (a counting sort by key): a key's names are
// looked up by binary search, in no more than the plan's own order of work.
void PlannedKeys::index_values(const Plan& plan) {
  std::vector<std::uint32_t> count(keys_.size() + 1, 0);
  std::size_t bytes = 0;
  for (std::size_t i = 0; i < plan.ops.size(); ++i) {
    if (plan.ops[i].kind == OpKind::create_key) continue;
    ++count[op_keys_[i] + 1];
    bytes += plan.ops[i].name.size();
  }
  for (std::size_t k = 0; k < keys_.size(); ++k) {
    count[k + 1] += count[k];
    keys_[k].values_begin = keys_[k].values_end = count[k];
  }
  names_.reserve(bytes);  // never reallocates: the views below stay valid
  value_names_.resize(count[keys_.size()]);
  for (std::size_t i = 0; i < plan.ops.size(); ++i) {
    if (plan.ops[i].kind == OpKind::create_key) continue;
    const std::size_t start = names_.size();
    names_ += plan.ops[i].name;
    text::fold_in_place(names_.data() + start, names_.size() - start);
    value_names_[keys_[op_keys_[i]].values_end++] = std::string_view(names_).substr(start);
  }
  for (const Key& key : keys_) {
    std::sort(value_names_.begin() + key.values_begin, value_names_.begin() + key.values_end);
  }
}

bool PlannedKeys::sets_value(std::uint32_t key, std::string_view folded_name) const {
  return std::binary_search(value_names_.begin() + keys_[key].values_begin,
                            value_names_.begin() + keys_[key].values_end, folded_name);
}

bool PlannedKeys::under_missing(std::string_view folded) const {
  for (std::size_t sep = folded.find('\\'); sep != std::string_view::npos;
       sep = folded.find('\\', sep + 1)) {
    const std::uint32_t key = find(folded.substr(0, sep));
    if (key != none && keys_[key].missing) return true;
  }
  return false;
}

}  // namespace comreg
