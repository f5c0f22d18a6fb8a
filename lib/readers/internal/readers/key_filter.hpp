// KeyFilter: which key sections a filtered read keeps (RegReadOptions::only_under), decided
// first on the raw code units of a key line (no decoding, no allocation) and exactly only for
// the few lines that may match.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
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
  /// The constructor's memory of the last spelling hashed: where each of its names ended, and
  /// the hash state there.
  struct SpellingHasher {
    struct Point {
      std::size_t next = 0;  // the index after a backslash
      std::uint64_t h = 0;
      unsigned depth = 1;
      std::uint64_t root_hash = 0;
    };
    std::string last, scratch;
    std::vector<Point> points;
  };
  /// Records the spelling `head` + `tail`, or (`abbreviated`) that with its root abbreviated,
  /// when the root has an abbreviation.
  void add_spelling(SpellingHasher& hasher, std::string_view head, std::string_view tail,
                    bool abbreviated);
  void add_hashed(SpellingHasher& hasher, std::initializer_list<std::string_view> pieces);

  [[nodiscard]] bool has_hash(std::uint64_t h) const;
  [[nodiscard]] bool is_path(std::uint64_t h, std::string_view canonical_prefix) const;

  /// A set of finished hashes, open-addressed: looked up for every key line of a file.
  class HashSet {
   public:
    void insert(std::uint64_t h);
    [[nodiscard]] bool contains(std::uint64_t h) const;

   private:
    std::vector<std::uint64_t> slots_;  // 0: empty (a hash of 0 is stored as 1)
    std::size_t mask_ = 0;
    std::size_t count_ = 0;
  };

  bool keeps_all_ = true;
  std::vector<std::string> paths_;  // canonical
  // keeps() runs for every kept key line: each prefix of the line's path is hashed as it is
  // read and looked up here, open-addressed (hash, index into paths_ + 1; 0 is empty), then
  // confirmed by a compare.
  std::vector<std::pair<std::uint64_t, std::uint32_t>> path_slots_;
  std::size_t path_mask_ = 0;
  // Every spelling a file may use, hashed: a bitmap small enough to stay in cache answers most
  // lookups (a miss is certain); the set confirms the rest.
  std::vector<std::uint64_t> bloom_;
  unsigned bloom_bits_ = 16;
  HashSet spellings_;
  // The keys above some spelling (its proper prefixes, hashed): a key line that is neither kept
  // nor one of these has nothing kept below it, so its subkeys' lines are refused unread.
  HashSet interiors_;
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
  // The raw bytes of the last key (without a backslash) below which nothing can be kept.
  mutable std::string_view last_refused_;
  // The kept path (one of paths_) that the last kept key was at or below.
  mutable std::string_view last_kept_;
};

}  // namespace comreg::regfile
