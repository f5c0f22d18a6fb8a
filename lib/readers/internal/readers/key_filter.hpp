// KeyFilter: which key sections a filtered read keeps (RegReadOptions::only_under), decided
// first on the raw code units of a key line (no decoding, no allocation) and exactly only for
// the few lines that may match.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/key_path.hpp"
#include "readers/reg_text.hpp"

namespace comreg::regfile {

class KeyFilter {
 public:
  KeyFilter(const std::vector<std::string>& only_under, const Aliases& aliases);

  /// True when the filter keeps everything.
  [[nodiscard]] bool keeps_all() const { return keeps_all_; }

  /// The exact answer for a canonical key path.
  [[nodiscard]] bool keeps(std::string_view canonical) const;

  /// A `[-key]` applies when it deletes a kept key or a parent of one.
  [[nodiscard]] bool deletion_applies(std::string_view canonical) const;

  /// False only when the key line whose name starts at byte `name` certainly names a key that
  /// keeps() refuses; true means "decode the line and ask keeps()". Remembers the line's root
  /// (a view into `text`): use one filter for one text.
  [[nodiscard]] bool may_keep(const RegText& text, std::size_t name) const;

 private:
  void add_spelling(std::string_view raw);

  [[nodiscard]] bool has_hash(std::uint64_t h) const;

  bool keeps_all_ = true;
  std::vector<std::string> paths_;  // canonical, folded
  // Looked up by string_view: keeps() runs for every kept key line and allocates nothing.
  struct ViewHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_set<std::string, ViewHash, std::equal_to<>> folded_paths_;  // the same, exact
  // Every spelling a file may use, hashed: a bitmap small enough to stay in cache answers most
  // lookups (a miss is certain); the set confirms the rest.
  std::vector<std::uint64_t> bloom_;
  unsigned bloom_bits_ = 16;
  std::vector<std::uint64_t> raw_hashes_;  // sorted
  struct RootDepths {
    std::uint64_t hash;    // of the first component ("hkey_classes_root", "hkcr", …)
    std::uint64_t depths;  // bit n: some spelling under this root has n+1 components
    unsigned max_depth;
  };
  std::vector<RootDepths> roots_;
  // The root of the last key line, as raw bytes with its backslash, and the hash state after
  // it: what the next line most likely starts with.
  mutable std::string_view last_root_;
  mutable std::uint64_t last_root_hash_ = 0;
  mutable const RootDepths* last_root_depths_ = nullptr;
  // The raw bytes of the last prefix (with its backslash) below which nothing can be kept.
  mutable std::string_view last_refused_;
};

}  // namespace comreg::regfile
