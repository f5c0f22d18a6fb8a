// Duplicate detection for identifiers: remembers where each key was first seen.
//
// An open-addressing table of small keys (a GUID's 128 bits, or a view of a name in the JSON
// text), so checking 10,000 CLSIDs allocates a handful of times instead of once per entry.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>
#include "comreg/core/guid.hpp"
#include "core/ascii.hpp"

namespace comreg {

/// A GUID's value (and, for type libraries, the version) as a hashable key.
struct IdKey {
  std::uint64_t high = 0;
  std::uint64_t low = 0;
  std::uint32_t extra = 0;
  friend bool operator==(const IdKey& a, const IdKey& b) {
    return a.high == b.high && a.low == b.low && a.extra == b.extra;
  }
};

/// The key of `guid` when it is canonical ("{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}", upper-case
/// hex), else nullopt: the check and the key in one pass (every GUID of a description comes
/// here, and checking it first, then reading its digits, was a sixth of loading one).
inline std::optional<IdKey> canonical_id_key(std::string_view guid, std::uint32_t extra = 0) {
  const auto halves = canonical_guid_halves(guid);
  if (!halves) return std::nullopt;
  return IdKey{halves->first, halves->second, extra};
}

/// The key of a canonical "{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}" GUID.
inline IdKey id_key(std::string_view canonical_guid, std::uint32_t extra = 0) {
  return canonical_id_key(canonical_guid, extra).value_or(IdKey{0, 0, extra});
}

struct IdKeyHash {
  std::size_t operator()(const IdKey& k) const {
    std::uint64_t h = k.high * 0x9E3779B97F4A7C15ull ^ k.low * 0xC2B2AE3D27D4EB4Full ^ k.extra;
    h ^= h >> 29;
    return static_cast<std::size_t>(h);
  }
};

/// Names compared as the registry compares key names: ignoring ASCII case.
struct FoldedHash {
  std::size_t operator()(std::string_view s) const {
    std::uint64_t h = 14695981039346656037ull;
    for (char c : s) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    }
    return static_cast<std::size_t>(h ^ h >> 32);
  }
};

struct FoldedEqual {
  bool operator()(std::string_view a, std::string_view b) const { return text::iequals(a, b); }
};

template <typename Key, typename Hash, typename Equal = std::equal_to<Key>>
class FirstSeen {
 public:
  /// Records `key` as seen at `offset`. Returns the offset of the first record when `key`
  /// was already seen (and keeps that one), else nullopt.
  std::optional<std::uint32_t> insert(const Key& key, std::uint32_t offset) {
    if ((size_ + 1) * 2 > slots_.size()) grow();
    std::size_t i = Hash{}(key) & (slots_.size() - 1);
    while (slots_[i].used) {
      if (Equal{}(slots_[i].key, key)) return slots_[i].offset;
      i = (i + 1) & (slots_.size() - 1);
    }
    slots_[i] = {key, offset, true};
    ++size_;
    return std::nullopt;
  }

  /// Makes room for `n` keys at once (avoids regrowing while reading big descriptions).
  void reserve(std::size_t n) {
    std::size_t slots = 64;
    while (slots < 2 * n) slots *= 2;
    if (slots > slots_.size()) {
      std::vector<Slot> old = std::move(slots_);
      slots_.assign(slots, Slot{});
      size_ = 0;
      for (const Slot& s : old) {
        if (s.used) insert(s.key, s.offset);
      }
    }
  }

  [[nodiscard]] bool contains(const Key& key) const {
    if (slots_.empty()) return false;
    std::size_t i = Hash{}(key) & (slots_.size() - 1);
    while (slots_[i].used) {
      if (Equal{}(slots_[i].key, key)) return true;
      i = (i + 1) & (slots_.size() - 1);
    }
    return false;
  }

 private:
  struct Slot {
    Key key{};
    std::uint32_t offset = 0;
    bool used = false;
  };

  void grow() { reserve(slots_.empty() ? 32 : slots_.size()); }

  std::vector<Slot> slots_;
  std::size_t size_ = 0;
};

using IdTable = FirstSeen<IdKey, IdKeyHash>;
using NameTable = FirstSeen<std::string_view, FoldedHash, FoldedEqual>;

}  // namespace comreg
