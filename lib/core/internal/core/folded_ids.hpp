// Sets and maps keyed by folded key paths and value ids (ownership::value_id), looked up through
// one reusable buffer instead of a new folded string per lookup: install, uninstall and the
// installer writers look up several per plan operation, hundreds of thousands in a big
// registration.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/ascii.hpp"

namespace comreg {

/// Hashes a folded id held as a string or looked up as a view of one, under a seed drawn once
/// per process: the ids are claims read from records another user may have written, and
/// std::hash has no secret (names made to share a bucket would make every lookup walk them).
/// Nothing iterates these containers, so their order may differ from run to run.
struct FoldedHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const;
};

/// Folded ids, found by a std::string_view without a copy.
using FoldedSet = std::unordered_set<std::string, FoldedHash, std::equal_to<>>;

/// Folded ids to T, found by a std::string_view without a copy.
template <class T>
using FoldedMap = std::unordered_map<std::string, T, FoldedHash, std::equal_to<>>;

/// Folds text into its own buffer for lookups; a view it returns is valid until its next call.
class Folder {
 public:
  /// `s` with A-Z lowered (text::fold_case).
  std::string_view operator()(std::string_view s) { return join(s, {}, {}); }
  /// `a`, `separator` and `b`, folded: a child key's path ('\\'), a value id ('\t').
  std::string_view join(std::string_view a, std::string_view separator, std::string_view b) {
    buffer_.assign(a);
    buffer_.append(separator);
    buffer_.append(b);
    text::fold_in_place(buffer_.data(), buffer_.size());
    return buffer_;
  }

 private:
  std::string buffer_;
};

/// Folded ids by their hashes alone, in one open-addressed table: add() says for sure that an
/// id is new, or that it may have been seen (its hash was); the caller then checks exactly.
/// Telling that a few hundred thousand ids are all distinct this way needs no set of strings.
class SeenHashes {
 public:
  /// Room for `count` ids.
  explicit SeenHashes(std::size_t count) {
    std::size_t size = 16;
    while (size < 2 * count) size *= 2;
    table_.assign(size, 0);
  }
  /// Adds `folded`'s hash; false when the hash was there already.
  bool add(std::string_view folded) {
    std::size_t h = std::hash<std::string_view>{}(folded);
    if (h == 0) h = 1;  // 0 marks an empty slot
    const std::size_t mask = table_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      if (table_[i] == h) return false;
      if (table_[i] == 0) {
        table_[i] = h;
        return true;
      }
    }
  }

 private:
  std::vector<std::size_t> table_;
};

/// Ids held elsewhere to numbers (below `none`), compared with A-Z folded and hashed the same
/// way, in one open-addressed table of 8-byte slots: no folded copy and no allocation per id,
/// where a FoldedMap makes both (the installer writers index every key of a plan, 150,000 at
/// 10,000 classes, and the .rgs writer every prefix of them). The table keeps only a hash and
/// the number; `id_of(number)` gives back the id stored under it, for the exact comparison.
class FoldedIndex {
 public:
  static constexpr std::uint32_t none = UINT32_MAX;

  /// Room for `count` ids before the table grows.
  explicit FoldedIndex(std::size_t count = 0) { rehash(count); }

  /// The number stored for an id equal to `id` but for case, or `none`.
  template <class IdOf>
  [[nodiscard]] std::uint32_t find(std::string_view id, const IdOf& id_of) const {
    const std::uint32_t h = hash(id, seed_);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.value == none) return none;
      if (s.hash == h && text::iequals(id_of(s.value), id)) return s.value;
    }
  }

  /// Stores `value` for `id` unless an equal id is there: the number stored, and whether it
  /// was added (then `id_of(value)` must give `id` from now on).
  template <class IdOf>
  std::pair<std::uint32_t, bool> insert(std::string_view id, std::uint32_t value,
                                        const IdOf& id_of) {
    if (2 * (count_ + 1) > slots_.size() && rehash(slots_.size()) > longest_probe_allowed &&
        reseeds_ < max_reseeds) {
      reseed(id_of);  // the ids held made a long chain in the bigger table
    }
    for (;;) {
      const std::uint32_t h = hash(id, seed_);
      const std::size_t mask = slots_.size() - 1;
      std::size_t probes = 0;
      for (std::size_t i = h & mask;; i = (i + 1) & mask, ++probes) {
        Slot& s = slots_[i];
        if (s.value == none) {
          if (probes > longest_probe_allowed && reseeds_ < max_reseeds) break;
          s = {h, value};
          ++count_;
          return {value, true};
        }
        if (s.hash == h && text::iequals(id_of(s.value), id)) return {s.value, false};
      }
      reseed(id_of);
    }
  }

  /// How many times the ids were hashed again under a new seed (see insert): for tests.
  [[nodiscard]] int reseeds() const { return reseeds_; }

  /// Slots between an id's own and where it is kept, at most, over the ids held: for tests.
  [[nodiscard]] std::size_t longest_probe() const {
    const std::size_t mask = slots_.size() - 1;
    std::size_t longest = 0;
    for (std::size_t i = 0; i < slots_.size(); ++i) {
      if (slots_[i].value != none)
        longest = std::max(longest, (i - (slots_[i].hash & mask)) & mask);
    }
    return longest;
  }

  /// The hash of `id` as the table keeps it. Folded as text::iequals compares (A-Z only), so that
  /// equal ids hash alike. Eight bytes a step (ids are key paths of 40 to 120 bytes, and a byte a
  /// step was a tenth of an uninstall), the length in the seed so that a zero-padded last word
  /// cannot alias. Exactly A-Z: folding more (setting every byte's 0x20 bit was tried, 5 % of an
  /// uninstall faster) makes ids collide whatever the hash, '@' with '`', '\\' with '|', and a
  /// record or hive can be written full of such names, every one in the same probe chain.
  /// With `seed` 0 (every table's first), the hash is the same in every run; see insert().
  [[nodiscard]] static std::uint32_t hash(std::string_view id, std::uint64_t seed = 0) {
    constexpr std::uint64_t mix = 0xff51afd7ed558ccdull;
    std::uint64_t h = 0xcbf29ce484222325ull ^ seed ^ id.size();
    std::size_t i = 0;
    for (; i + 8 <= id.size(); i += 8) {
      h = (h ^ text::fold8(text::load8(id.data() + i))) * mix;
      h ^= h >> 32;
    }
    if (i < id.size()) {
      std::uint64_t last = 0;
      std::memcpy(&last, id.data() + i, id.size() - i);
      h = (h ^ text::fold8(last)) * mix;
    }
    h ^= (h >> 33) ^ seed;
    h *= 0xc4ceb9fe1a85ec53ull;
    return static_cast<std::uint32_t>(h ^ (h >> 33));
  }

  /// A new seed from the system's random bytes (core/random_bytes.hpp); should the system have
  /// none, from the clock and an address (randomized by ASLR) rather than an exception in the
  /// middle of an uninstall.
  [[nodiscard]] static std::uint64_t random_seed() noexcept;

 private:
  struct Slot {
    std::uint32_t hash = 0;
    std::uint32_t value = none;
  };

  // Ids are names read from hives, .reg files and records that another user may have written,
  // and the hash is public: ids made to share their low bits fill one probe chain, and every
  // insert and lookup walks it (thousands of slots each, quadratic in the ids). Such a chain is
  // never seen by chance at this load (the longest for 100,000 ids is a few dozen slots), so
  // an insert that would end one past `longest_probe_allowed` rehashes every id under a random
  // seed, which no file can be made for; the table stays the same size. Bounded, in case the
  // system's random source were broken.
  static constexpr std::size_t longest_probe_allowed = 128;
  static constexpr int max_reseeds = 4;

  template <class IdOf>
  void reseed(const IdOf& id_of) {
    std::vector<Slot> old = std::move(slots_);
    do {
      ++reseeds_;
      seed_ = random_seed();
      slots_.assign(old.size(), Slot{});
      std::size_t longest = 0;
      for (const Slot& s : old) {
        if (s.value != none) {
          longest = std::max(longest, place({hash(id_of(s.value), seed_), s.value}));
        }
      }
      if (longest <= longest_probe_allowed) return;
    } while (reseeds_ < max_reseeds);
  }

  // At most half full: room for `count` ids (and the ones there) in a power of two. Returns the
  // longest probe it made: ids that share the low bits of the bigger table can be placed here
  // without any insert having walked far.
  std::size_t rehash(std::size_t count) {
    std::size_t size = 16;
    while (size < 2 * std::max(count, count_ + 1)) size *= 2;
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(size, Slot{});
    std::size_t longest = 0;
    for (const Slot& s : old) {
      if (s.value != none) longest = std::max(longest, place(s));
    }
    return longest;
  }

  // Puts `s` in the first free slot from its own; the slots it went past.
  std::size_t place(Slot s) {
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = s.hash & mask;
    std::size_t probes = 0;
    for (; slots_[i].value != none; i = (i + 1) & mask) ++probes;
    slots_[i] = s;
    return probes;
  }

  std::vector<Slot> slots_;
  std::size_t count_ = 0;
  std::uint64_t seed_ = 0;
  int reseeds_ = 0;
};

/// A set of ids made as they are added (a key path and a value name, say), kept one after the
/// other in one buffer and found through a FoldedIndex, compared with A-Z folded: one buffer
/// instead of a string and a hash node per id, for sets of hundreds of thousands.
class PackedFoldedIds {
 public:
  /// Room for `count` ids before the index grows.
  explicit PackedFoldedIds(std::size_t count = 0) : index_(count) { spans_.reserve(count); }

  /// Adds the id that `parts` make one after the other: its number (in the order of the ids
  /// kept), and whether it was new; an id there already is not kept twice.
  std::pair<std::uint32_t, bool> add(std::initializer_list<std::string_view> parts) {
    const std::size_t start = ids_.size();
    for (std::string_view part : parts) ids_ += part;
    spans_.push_back({start, ids_.size() - start});
    const auto number = static_cast<std::uint32_t>(spans_.size() - 1);
    const auto result = index_.insert(id(number), number, *this);
    if (!result.second) {
      spans_.pop_back();
      ids_.resize(start);
    }
    return result;
  }

  /// The number of the id equal to `id` but for case, or FoldedIndex::none.
  [[nodiscard]] std::uint32_t find(std::string_view id) const { return index_.find(id, *this); }

  /// The id kept as `number`.
  [[nodiscard]] std::string_view operator()(std::uint32_t number) const { return id(number); }

  /// How many ids are kept.
  [[nodiscard]] std::size_t size() const { return spans_.size(); }

 private:
  [[nodiscard]] std::string_view id(std::uint32_t number) const {
    return std::string_view(ids_).substr(spans_[number].first, spans_[number].second);
  }

  std::string ids_;
  std::vector<std::pair<std::size_t, std::size_t>> spans_;  // offset and length in ids_
  FoldedIndex index_;
};

}  // namespace comreg
