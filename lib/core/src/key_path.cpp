#include "core/key_path.hpp"

#include "core/ascii.hpp"

namespace comreg::regfile {
namespace {

struct Root {
  std::string_view long_name;
  std::string_view short_name;
};
constexpr Root roots[] = {{"HKEY_CLASSES_ROOT", "HKCR"},   {"HKEY_CURRENT_USER", "HKCU"},
                          {"HKEY_LOCAL_MACHINE", "HKLM"},  {"HKEY_USERS", "HKU"},
                          {"HKEY_CURRENT_CONFIG", "HKCC"}, {"HKEY_DYN_DATA", ""}};

}  // namespace

std::string_view long_root_name(std::string_view root) {
  for (const auto& r : roots) {
    if (text::iequals(root, r.long_name) ||
        (!r.short_name.empty() && text::iequals(root, r.short_name)))
      return r.long_name;
  }
  return {};
}

std::string_view short_root_name(std::string_view long_root) {
  for (const auto& r : roots) {
    if (text::iequals(long_root, r.long_name)) return r.short_name;
  }
  return {};
}

bool is_at_or_below(std::string_view path, std::string_view prefix) {
  if (path.size() < prefix.size() || !text::iequals(path.substr(0, prefix.size()), prefix))
    return false;
  return path.size() == prefix.size() || path[prefix.size()] == '\\';
}

std::optional<std::string> canonical_key(std::string_view name, const Aliases& aliases) {
  while (!name.empty() && name.back() == '\\') name.remove_suffix(1);
  const std::size_t sep = name.find('\\');
  const std::string_view root = long_root_name(name.substr(0, sep));
  if (root.empty()) return std::nullopt;
  std::string path(root);
  if (sep != std::string_view::npos) path.append(name.substr(sep));
  for (const auto& [from, to] : aliases) {
    if (is_at_or_below(path, from)) return to + path.substr(from.size());
  }
  return path;
}

}  // namespace comreg::regfile
