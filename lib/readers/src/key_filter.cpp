#include "readers/key_filter.hpp"

#include <algorithm>

#include "core/ascii.hpp"

namespace comreg::regfile {
namespace {

// A running hash with a short dependency chain (one rotate and one xor per unit: this runs
// over every key line of the file), finished by a strong mix before any lookup.
inline std::uint64_t step(std::uint64_t h, std::uint16_t unit) {
  if (unit >= 'A' && unit <= 'Z') unit = static_cast<std::uint16_t>(unit + ('a' - 'A'));
  return ((h << 7) | (h >> 57)) ^ unit;
}

inline std::uint64_t finish(std::uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  return h ^ (h >> 33);
}

// `path` with its root component abbreviated, or "" when the root has no abbreviation.
std::string abbreviated(std::string_view path) {
  const std::size_t sep = path.find('\\');
  const std::string_view abbreviation = short_root_name(path.substr(0, sep));
  if (abbreviation.empty()) return {};
  return std::string(abbreviation) +
         std::string(sep == std::string_view::npos ? std::string_view{} : path.substr(sep));
}

}  // namespace

KeyFilter::KeyFilter(const std::vector<std::string>& only_under, const Aliases& aliases) {
  keeps_all_ = only_under.empty();
  // About 16 bits per spelling (at most 8 per path): few false hits, and small enough to stay in
  // cache for the description sizes people have.
  bloom_bits_ = 16;
  while (bloom_bits_ < 26 && (std::size_t{1} << bloom_bits_) < only_under.size() * 128) {
    ++bloom_bits_;
  }
  if (!keeps_all_) bloom_.assign((std::size_t{1} << bloom_bits_) / 64, 0);
  folded_paths_.reserve(only_under.size());
  paths_.reserve(only_under.size());
  // Aliases in canonical form, so that the spellings below are what canonical_key() sees.
  Aliases canonical_aliases;
  for (const auto& [from, to] : aliases) {
    canonical_aliases.emplace_back(canonical_key(from, {}).value_or(from),
                                   canonical_key(to, {}).value_or(to));
  }
  for (const auto& raw : only_under) {
    const std::string path = canonical_key(raw, {}).value_or(raw);
    paths_.push_back(text::fold_case(path));
    folded_paths_.insert(paths_.back());
    add_spelling(path);
    for (const auto& [from, to] : canonical_aliases) {
      if (is_at_or_below(path, to)) {
        add_spelling(from + path.substr(to.size()));
      } else if (is_at_or_below(to, path)) {
        add_spelling(from);  // the whole aliased tree is kept
      }
    }
  }
  std::sort(raw_hashes_.begin(), raw_hashes_.end());
}

void KeyFilter::add_spelling(std::string_view raw) {
  for (const std::string& spelling : {std::string(raw), abbreviated(raw)}) {
    if (spelling.empty()) continue;
    std::uint64_t h = 0;
    unsigned depth = 1;
    std::uint64_t root_hash = 0;
    for (char c : spelling) {
      if (c == '\\') {
        if (depth == 1) root_hash = finish(h);
        ++depth;
      }
      h = step(h, static_cast<unsigned char>(c));
    }
    if (depth == 1) root_hash = finish(h);
    const std::uint64_t full = finish(h);
    raw_hashes_.push_back(full);
    const std::uint64_t bit = full >> (64 - bloom_bits_);
    bloom_[bit / 64] |= std::uint64_t{1} << (bit % 64);
    auto it = std::find_if(roots_.begin(), roots_.end(),
                           [root_hash](const RootDepths& r) { return r.hash == root_hash; });
    if (it == roots_.end()) it = roots_.insert(roots_.end(), {root_hash, 0, 0});
    if (depth > 64) depth = 64;
    it->depths |= std::uint64_t{1} << (depth - 1);
    it->max_depth = std::max(it->max_depth, depth);
  }
}

bool KeyFilter::has_hash(std::uint64_t h) const {
  const std::uint64_t bit = h >> (64 - bloom_bits_);
  if ((bloom_[bit / 64] >> (bit % 64) & 1) == 0) return false;
  return std::binary_search(raw_hashes_.begin(), raw_hashes_.end(), h);
}

bool KeyFilter::keeps(std::string_view canonical) const {
  if (keeps_all_) return true;
  const std::string folded = text::fold_case(canonical);
  const std::string_view view(folded);
  for (std::size_t sep = view.find('\\'); sep != std::string_view::npos;
       sep = view.find('\\', sep + 1)) {
    if (folded_paths_.count(view.substr(0, sep)) != 0) return true;
  }
  return folded_paths_.count(view) != 0;
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
  if (!last_refused_.empty() && end - name > last_refused_.size() &&
      bytes.compare(name, last_refused_.size(), last_refused_) == 0) {
    return false;
  }
  // Every line of an export starts with the same root: compare its bytes instead of hashing.
  if (!last_root_.empty() && end - name > last_root_.size() &&
      bytes.compare(name, last_root_.size(), last_root_) == 0) {
    h = last_root_hash_;
    root = last_root_depths_;
    depth = 2;
    pos = name + last_root_.size();
  }
  for (; pos < end; pos += step_size) {
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
          if (u == '\\') last_refused_ = bytes.substr(name, pos + step_size - name);
          return false;
        }
        if (u == '\\') {
          last_root_ = bytes.substr(name, pos + step_size - name);
          last_root_hash_ = step(h, u);
          last_root_depths_ = root;
        }
      }
      if ((root->depths >> (depth - 1) & 1) != 0 && has_hash(f)) return true;
      if (u == ']') return false;
      if (++depth > root->max_depth) {  // nothing kept is this deep: the prefix is refused
        last_refused_ = bytes.substr(name, pos + step_size - name);
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
