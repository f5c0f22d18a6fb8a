// KeyFilter: which key sections a filtered read keeps (RegReadOptions::only_under), decided
// first on the raw code units of a key line (no decoding, no allocation) and exactly only for
// the few lines that may match.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "regfile/key_path.hpp"
#include "regfile/reg_text.hpp"

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
  /// keeps() refuses; true means "decode the line and ask keeps()".
  [[nodiscard]] bool may_keep(const RegText& text, std::size_t name) const;

 private:
  void add_spelling(std::string_view raw);

  bool keeps_all_ = true;
  std::vector<std::string> paths_;                // canonical, folded
  std::unordered_set<std::string> folded_paths_;  // the same, for exact lookups
  std::unordered_set<std::uint64_t> raw_hashes_;  // every spelling a file may use, hashed
  std::uint64_t depths_ = 0;                      // bit n: some spelling has n+1 components
  unsigned max_depth_ = 0;
};

}  // namespace comreg::regfile
