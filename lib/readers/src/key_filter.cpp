#include "readers/key_filter.hpp"

#include <algorithm>
#include <bit>

#include "core/ascii.hpp"

namespace comreg::regfile {
namespace {

// A running hash with a short dependency chain (one rotate and one xor per unit: this runs
// over every key line of the file), finished by a strong mix before any lookup.
inline std::uint64_t mix(std::uint64_t h, std::uint64_t folded_unit) {
  return ((h << 7) | (h >> 57)) ^ folded_unit;
}

// mix() of each unit of a word of plain units (plain_units(), folded), in memory order, at
// once. mix() is linear: four units u1..u4 give rotl(h, 28) ^ rotl(u1, 21) ^ rotl(u2, 14) ^
// rotl(u3, 7) ^ u4, and a unit below 0x80 rotated by at most 57 does not wrap, so the terms are
// the units' seven bits side by side, the first highest.
inline std::uint64_t mix_plain_word(std::uint64_t h, std::uint64_t folded, bool wide) {
  // The bytes in reverse order (std::byteswap is C++23; compilers make this one instruction).
  std::uint64_t x = folded;
  x = ((x & 0x00FF00FF00FF00FF) << 8) | ((x >> 8) & 0x00FF00FF00FF00FF);
  x = ((x & 0x0000FFFF0000FFFF) << 16) | ((x >> 16) & 0x0000FFFF0000FFFF);
  x = (x << 32) | (x >> 32);
  if (wide) {
    std::uint64_t y = x >> 8;  // u4 at bit 0, u3 at 16, u2 at 32, u1 at 48
    y = (y & 0x0000007F0000007F) | ((y & 0x007F0000007F0000) >> 9);
    y = (y & 0x3FFF) | ((y >> 32 & 0x3FFF) << 14);
    return ((h << 28) | (h >> 36)) ^ y;
  }
  std::uint64_t y = x;  // u8 at bit 0, u7 at 8, ..., u1 at 56
  y = (y & 0x007F007F007F007F) | ((y & 0x7F007F007F007F00) >> 1);
  y = (y & 0x00003FFF00003FFF) | ((y & 0x3FFF00003FFF0000) >> 2);
  y = (y & 0x000000000FFFFFFF) | ((y & 0x0FFFFFFF00000000) >> 4);
  return ((h << 56) | (h >> 8)) ^ y;
}

inline std::uint64_t step(std::uint64_t h, std::uint16_t unit) {
  if (unit >= 'A' && unit <= 'Z') unit = static_cast<std::uint16_t>(unit + ('a' - 'A'));
  return mix(h, unit);
}

// Whether the eight bytes at a key line's current place are plain units: ASCII at or above
// 0x20, and neither '\\' nor ']' (the units that end a name). Four UTF-16 units or eight 8-bit
// ones; only where a word's bytes are in memory order (little-endian), else never.
inline bool plain_units(std::uint64_t w, bool wide) {
  if constexpr (std::endian::native != std::endian::little) {
    return false;
  } else if (wide) {
    constexpr std::uint64_t ones = 0x0001000100010001;
    constexpr std::uint64_t high = ones * 0x8000;
    const auto below = [&](std::uint64_t x, std::uint64_t n) {  // some unit of x below n
      return ((x - ones * n) & ~x & high) != 0;
    };
    // Units below 0x80 (so the tests below carry into no other unit); '\\' | 1 is ']'.
    return (w & ones * 0xFF80) == 0 && !below(w, 0x20) && !below((w | ones) ^ ones * ']', 1);
  } else {
    constexpr std::uint64_t ones = 0x0101010101010101;
    return !text::has_high_byte(w) && !text::has_byte_below(w, 0x20) &&
           !text::has_byte(w | ones, ']');
  }
}

inline std::uint64_t finish(std::uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  return h ^ (h >> 33);
}

// A power of two at least twice `n`: open tables kept at most half full.
std::size_t table_size(std::size_t n) {
  std::size_t size = 16;
  while (size < 2 * n) size *= 2;
  return size;
}

}  // namespace

void KeyFilter::HashSet::insert(std::uint64_t h) {
  if (h == 0) h = 1;
  if (2 * (count_ + 1) > slots_.size()) {  // at most half full; grown by doubling
    std::vector<std::uint64_t> old = std::move(slots_);
    slots_.assign(table_size(count_ + 1), 0);
    mask_ = slots_.size() - 1;
    for (const std::uint64_t k : old) {
      if (k == 0) continue;
      std::size_t i = k & mask_;
      while (slots_[i] != 0) i = (i + 1) & mask_;
      slots_[i] = k;
    }
  }
  std::size_t i = h & mask_;
  while (slots_[i] != 0) {
    if (slots_[i] == h) return;
    i = (i + 1) & mask_;
  }
  slots_[i] = h;
  ++count_;
}

bool KeyFilter::HashSet::contains(std::uint64_t h) const {
  if (slots_.empty()) return false;
  if (h == 0) h = 1;  // a false hit at worst: every caller confirms or decides exactly
  for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
    if (slots_[i] == h) return true;
    if (slots_[i] == 0) return false;
  }
}

KeyFilter::KeyFilter(const std::vector<std::string>& only_under, const Aliases& aliases) {
  keeps_all_ = only_under.empty();
  // About 16 bits per spelling (at most 8 per path): few false hits, and small enough to stay in
  // cache for the description sizes people have.
  bloom_bits_ = 16;
  while (bloom_bits_ < 26 && (std::size_t{1} << bloom_bits_) < only_under.size() * 128) {
    ++bloom_bits_;
  }
  if (!keeps_all_) bloom_.assign((std::size_t{1} << bloom_bits_) / 64, 0);
  paths_.reserve(only_under.size());
  std::vector<std::uint64_t> path_hashes;
  path_hashes.reserve(only_under.size());
  // Aliases in canonical form, so that the spellings below are what canonical_key() sees.
  Aliases canonical_aliases;
  for (const auto& [from, to] : aliases) {
    canonical_aliases.emplace_back(canonical_key(from, {}).value_or(from),
                                   canonical_key(to, {}).value_or(to));
  }
  for (const auto& raw : only_under) {
    paths_.push_back(canonical_key(raw, {}).value_or(raw));
    std::uint64_t h = 0;
    for (const char c : paths_.back()) h = step(h, static_cast<unsigned char>(c));
    path_hashes.push_back(finish(h));
  }
  // One kind of spelling for every path, then the next kind: a spelling then shares most of
  // its text with the one before (the root, "CLSID\{"), and is hashed only from there.
  SpellingHasher hasher;
  for (const int abbreviated : {0, 1}) {
    for (const auto& path : paths_) add_spelling(hasher, path, {}, abbreviated != 0);
    for (const auto& [from, to] : canonical_aliases) {
      for (const auto& path : paths_) {
        if (is_at_or_below(path, to)) {
          add_spelling(hasher, from, std::string_view(path).substr(to.size()), abbreviated != 0);
        } else if (is_at_or_below(to, path)) {
          add_spelling(hasher, from, {}, abbreviated != 0);  // the whole aliased tree is kept
        }
      }
    }
  }
  path_slots_.assign(table_size(paths_.size()), {0, 0});
  path_mask_ = path_slots_.size() - 1;
  for (std::size_t p = 0; p < paths_.size(); ++p) {
    std::size_t i = path_hashes[p] & path_mask_;
    while (path_slots_[i].second != 0) i = (i + 1) & path_mask_;
    path_slots_[i] = {path_hashes[p], static_cast<std::uint32_t>(p + 1)};
  }
}

void KeyFilter::add_spelling(SpellingHasher& hasher, std::string_view head, std::string_view tail,
                             bool abbreviated) {
  if (!abbreviated) {
    add_hashed(hasher, {head, tail});
    return;
  }
  const std::size_t sep = std::min(head.find('\\'), head.size());
  const std::string_view abbreviation = short_root_name(head.substr(0, sep));
  if (!abbreviation.empty()) add_hashed(hasher, {abbreviation, head.substr(sep), tail});
}

void KeyFilter::add_hashed(SpellingHasher& hasher, std::initializer_list<std::string_view> pieces) {
  std::string& spelling = hasher.scratch;
  spelling.clear();
  for (const std::string_view piece : pieces) spelling += piece;
  // Resume after the last backslash the spelling shares with the one before: the hashes of
  // the names up to there, and the interiors they add, are the same.
  const std::size_t shared = text::common_prefix(spelling, hasher.last);
  auto& points = hasher.points;
  while (!points.empty() && points.back().next > shared) points.pop_back();
  SpellingHasher::Point at = points.empty() ? SpellingHasher::Point{} : points.back();
  for (std::size_t i = at.next; i < spelling.size(); ++i) {
    const char c = spelling[i];
    if (c == '\\') {
      if (at.depth == 1) at.root_hash = finish(at.h);
      interiors_.insert(finish(at.h));
      ++at.depth;
    }
    at.h = step(at.h, static_cast<unsigned char>(c));
    if (c == '\\') points.push_back({i + 1, at.h, at.depth, at.root_hash});
  }
  std::swap(hasher.last, hasher.scratch);
  unsigned depth = at.depth;
  const std::uint64_t root_hash = depth == 1 ? finish(at.h) : at.root_hash;
  const std::uint64_t full = finish(at.h);
  spellings_.insert(full);
  const std::uint64_t bit = full >> (64 - bloom_bits_);
  bloom_[bit / 64] |= std::uint64_t{1} << (bit % 64);
  auto it = std::find_if(roots_.begin(), roots_.end(),
                         [root_hash](const RootDepths& r) { return r.hash == root_hash; });
  if (it == roots_.end()) it = roots_.insert(roots_.end(), {root_hash, 0, 0});
  if (depth > 64) depth = 64;
  it->depths |= std::uint64_t{1} << (depth - 1);
  it->max_depth = std::max(it->max_depth, depth);
}

bool KeyFilter::has_hash(std::uint64_t h) const {
  const std::uint64_t bit = h >> (64 - bloom_bits_);
  if ((bloom_[bit / 64] >> (bit % 64) & 1) == 0) return false;
  return spellings_.contains(h);
}

// Whether `canonical_prefix`, hashed to `h`, is one of the kept paths. Every kept path is one
// of the spellings, so the bloom bitmap refuses most prefixes before the search.
bool KeyFilter::is_path(std::uint64_t h, std::string_view canonical_prefix) const {
  if (!has_hash(h)) return false;
  for (std::size_t i = h & path_mask_; path_slots_[i].second != 0; i = (i + 1) & path_mask_) {
    if (path_slots_[i].first == h &&
        text::iequals(paths_[path_slots_[i].second - 1], canonical_prefix)) {
      last_kept_ = paths_[path_slots_[i].second - 1];
      return true;
    }
  }
  return false;
}

bool KeyFilter::keeps(std::string_view canonical) const {
  if (keeps_all_) return true;
  // A kept key's subkeys follow it in a file: at or below the path that kept the last key
  // means kept, without hashing the path again (every kept key line comes here).
  const std::size_t n = last_kept_.size();
  if (n != 0 && canonical.size() >= n && (canonical.size() == n || canonical[n] == '\\') &&
      text::iequals(canonical.substr(0, n), last_kept_)) {
    return true;
  }
  std::uint64_t h = 0;
  for (std::size_t i = 0; i < canonical.size(); ++i) {
    const char c = canonical[i];
    if (c == '\\' && is_path(finish(h), canonical.substr(0, i))) return true;
    h = step(h, static_cast<unsigned char>(c));
  }
  return is_path(finish(h), canonical);
}

bool KeyFilter::deletion_applies(std::string_view canonical) const {
  if (keeps(canonical)) return true;
  for (const auto& path : paths_) {
    if (is_at_or_below(path, canonical)) return true;
  }
  return false;
}

bool KeyFilter::may_keep(const RegText& text, std::size_t name) const {
  const std::size_t step_size = text.unit_size();
  const std::size_t end = text.size();
  std::uint64_t h = 0;
  unsigned depth = 1;
  const RootDepths* root = nullptr;
  std::size_t pos = name;
  // An export lists a key's subkeys after it: below a refused prefix, refused unread.
  const std::string_view bytes = text.bytes();
  if (!last_refused_.empty() && end - name > last_refused_.size() + step_size &&
      bytes.compare(name, last_refused_.size(), last_refused_) == 0 &&
      text.unit(name + last_refused_.size()) == '\\') {
    return false;
  }
  // Every line of an export starts with the same root: compare its bytes instead of hashing.
  if (!last_root_.empty() && end - name > last_root_.size() &&
      bytes.compare(name, last_root_.size(), last_root_) == 0) {
    // The root's own check, as the walk below makes it: a root that is itself a kept spelling
    // (HKEY_CLASSES_ROOT, when the classes key is kept through an alias) keeps every line.
    if ((last_root_depths_->depths & 1) != 0) return true;
    h = last_root_hash_;
    root = last_root_depths_;
    depth = 2;
    pos = name + last_root_.size();
  }
  const bool wide = text.wide();
  for (; pos < end; pos += step_size) {
    // Runs of plain units a word at a time (folded at once, then hashed in order): most of a
    // key line, and the filter reads every key line of a file.
    while (pos + 8 <= end) {
      const std::uint64_t w = text::load8(bytes.data() + pos);
      if (!plain_units(w, wide)) break;
      h = mix_plain_word(h, text::fold8(w), wide);
      pos += 8;
    }
    if (pos >= end) break;
    const std::uint16_t u = text.unit(pos);
    if (u >= 0x80) return true;  // spelled outside ASCII: let the exact test decide
    if (u == '\\' || u == ']') {
      if (u == ']') {
        const std::size_t next = pos + step_size;
        const bool last = next >= end || text.unit(next) == '\r' || text.unit(next) == '\n';
        if (!last) return true;  // a ']' inside the name: rare, decide exactly
      }
      const std::uint64_t f = finish(h);
      if (depth == 1) {
        for (const auto& r : roots_) {
          if (r.hash == f) root = &r;
        }
        if (root == nullptr) {  // a root no kept key is under
          if (u == '\\') last_refused_ = bytes.substr(name, pos - name);
          return false;
        }
        if (u == '\\') {
          last_root_ = bytes.substr(name, pos + step_size - name);
          last_root_hash_ = step(h, u);
          last_root_depths_ = root;
        }
      }
      if ((root->depths >> (depth - 1) & 1) != 0 && has_hash(f)) return true;
      if (u == ']') {
        // Neither kept nor above a kept key: its subkeys, listed next, are refused unread.
        if (!interiors_.contains(f)) last_refused_ = bytes.substr(name, pos - name);
        return false;
      }
      if (++depth > root->max_depth) {  // nothing kept is this deep: the prefix is refused
        last_refused_ = bytes.substr(name, pos - name);
        return false;
      }
    } else if (u == '\r' || u == '\n') {
      return true;  // no closing bracket: the exact path reports it
    }
    h = step(h, u);
  }
  return true;
}

}  // namespace comreg::regfile
