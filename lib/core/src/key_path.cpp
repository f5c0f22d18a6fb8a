#include "core/key_path.hpp"

#include "core/ascii.hpp"

namespace comreg::regfile {
bool is_at_or_below(std::string_view path, std::string_view prefix) {
  if (path.size() < prefix.size() || !text::iequals(path.substr(0, prefix.size()), prefix))
    return false;
  return path.size() == prefix.size() || path[prefix.size()] == '\\';
}

std::optional<std::string> canonical_key(std::string_view name, const Aliases& aliases) {
  bool aliased = false;
  return canonical_key(name, aliases, aliased);
}

std::optional<std::string> canonical_key(std::string_view name, const Aliases& aliases,
                                         bool& aliased) {
  aliased = false;
  while (!name.empty() && name.back() == '\\') name.remove_suffix(1);
  const std::size_t sep = name.find('\\');
  const std::string_view root = long_root_name(name.substr(0, sep));
  if (root.empty()) return std::nullopt;
  std::string path;
  path.reserve(root.size() + (sep == std::string_view::npos ? 0 : name.size() - sep));
  path.append(root);
  if (sep != std::string_view::npos) path.append(name.substr(sep));
  for (const auto& [from, to] : aliases) {
    if (is_at_or_below(path, from)) {
      // The path changes unless `to` is, byte for byte, the part of it that matched.
      aliased = std::string_view(path).substr(0, from.size()) != to;
      std::string out;  // one allocation: this runs for every kept key line of a file
      out.reserve(to.size() + path.size() - from.size());
      out.append(to).append(path, from.size());
      return out;
    }
  }
  return path;
}

}  // namespace comreg::regfile
