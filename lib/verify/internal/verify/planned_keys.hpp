// PlannedKeys: verify()'s one index of a plan — each key's folded full path once, with the
// folded names of the values the plan sets in it — so that comparing costs one lookup per key,
// not a path string and a hash-set entry per operation.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "comreg/plan/plan.hpp"

namespace comreg {

class PlannedKeys {
 public:
  static constexpr std::uint32_t none = UINT32_MAX;

  /// The keys of `plan` as full paths after `root` (the classes root and a backslash), in
  /// the physical 32-bit view (Wow6432Node) when `physical`.
  PlannedKeys(const Plan& plan, std::string_view root, bool physical);

  /// The key of the plan's operation number `op`.
  [[nodiscard]] std::uint32_t key_of(std::size_t op) const { return op_keys_[op]; }
  /// Its folded full path.
  [[nodiscard]] std::string_view folded(std::uint32_t key) const {
    return std::string_view(paths_).substr(keys_[key].offset, keys_[key].length);
  }
  /// The key with this folded full path, or `none`.
  [[nodiscard]] std::uint32_t find(std::string_view folded) const;
  /// Whether the plan creates the key (a create_key operation), not only sets values in it.
  [[nodiscard]] bool created(std::uint32_t key) const { return keys_[key].created; }
  /// Whether the plan sets a value of this folded name in the key.
  [[nodiscard]] bool sets_value(std::uint32_t key, std::string_view folded_name) const;

  /// Marks a planned key found missing; `under_missing` asks for a key's parents.
  void mark_missing(std::uint32_t key) { keys_[key].missing = true; }
  [[nodiscard]] bool under_missing(std::string_view folded) const;

 private:
  struct Key {
    std::size_t offset = 0;  // into paths_
    std::uint32_t length = 0;
    std::uint32_t values_begin = 0, values_end = 0;  // into value_names_, sorted
    bool created = false;
    bool missing = false;
  };
  [[nodiscard]] std::size_t slot_of(std::string_view folded) const;
  std::uint32_t find_or_add(std::string_view folded_path);
  void index_values(const Plan& plan);

  std::string paths_;  // every key's folded full path, one after the other
  std::vector<Key> keys_;
  std::vector<std::uint32_t> slots_;  // open addressing, at most half full: key + 1, 0 if empty
  std::vector<std::uint32_t> op_keys_;
  std::string names_;  // folded value names, one after the other
  std::vector<std::string_view> value_names_;
};

/// The full path verify reads for a plan key, into `out` (replacing its contents).
void full_key_path(std::string_view root, bool physical, View view, std::string_view key,
                   std::string& out);

}  // namespace comreg
