#include "regfile/key_filter.hpp"

#include "text/ascii.hpp"

namespace comreg::regfile {
namespace {

constexpr std::uint64_t fnv_offset = 1469598103934665603ull;
constexpr std::uint64_t fnv_prime = 1099511628211ull;

inline std::uint64_t mix(std::uint64_t h, std::uint16_t unit) {
  if (unit >= 'A' && unit <= 'Z') unit = static_cast<std::uint16_t>(unit + ('a' - 'A'));
  return (h ^ unit) * fnv_prime;
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
}

void KeyFilter::add_spelling(std::string_view raw) {
  for (const std::string& spelling : {std::string(raw), abbreviated(raw)}) {
    if (spelling.empty()) continue;
    std::uint64_t h = fnv_offset;
    unsigned depth = 1;
    for (char c : spelling) {
      if (c == '\\') ++depth;
      h = mix(h, static_cast<unsigned char>(c));
    }
    raw_hashes_.insert(h);
    if (depth > 64) depth = 64;
    depths_ |= std::uint64_t{1} << (depth - 1);
    if (depth > max_depth_) max_depth_ = depth;
  }
}

bool KeyFilter::keeps(std::string_view canonical) const {
  if (keeps_all_) return true;
  const std::string folded = text::fold_case(canonical);
  for (std::size_t sep = folded.find('\\'); sep != std::string::npos;
       sep = folded.find('\\', sep + 1)) {
    if (folded_paths_.count(folded.substr(0, sep)) != 0) return true;
  }
  return folded_paths_.count(folded) != 0;
}

bool KeyFilter::deletion_applies(std::string_view canonical) const {
  if (keeps(canonical)) return true;
  for (const auto& path : paths_) {
    if (is_at_or_below(path, canonical)) return true;
  }
  return false;
}

bool KeyFilter::may_keep(const RegText& text, std::size_t name) const {
  const std::size_t step = text.unit_size();
  const std::size_t end = text.size();
  std::uint64_t h = fnv_offset;
  unsigned depth = 1;
  for (std::size_t pos = name; pos < end; pos += step) {
    const std::uint16_t u = text.unit(pos);
    if (u >= 0x80) return true;  // spelled outside ASCII: let the exact test decide
    if (u == '\\' || u == ']') {
      if (u == ']') {
        const std::size_t next = pos + step;
        const bool last = next >= end || text.unit(next) == '\r' || text.unit(next) == '\n';
        if (!last) return true;  // a ']' inside the name: rare, decide exactly
      }
      if ((depths_ >> (depth - 1) & 1) != 0 && raw_hashes_.count(h) != 0) return true;
      if (u == ']') return false;
      if (++depth > max_depth_) return false;
    } else if (u == '\r' || u == '\n') {
      return true;  // no closing bracket: the exact path reports it
    }
    h = mix(h, u);
  }
  return true;
}

}  // namespace comreg::regfile
