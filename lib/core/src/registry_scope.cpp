#include "comreg/core/registry_scope.hpp"

#include "core/ascii.hpp"

namespace comreg {

const char* to_string(Scope s) {
  return s == Scope::machine ? "machine" : "user";
}
const char* to_string(View v) {
  return v == View::v32 ? "32" : "64";
}

std::string classes_root(Scope scope) {
  return scope == Scope::machine ? "HKEY_LOCAL_MACHINE\\Software\\Classes"
                                 : "HKEY_CURRENT_USER\\Software\\Classes";
}

bool is_software_bookkeeping(std::string_view key) {
  const std::size_t root_end = key.find('\\');
  if (root_end == std::string_view::npos) return false;
  std::string_view rest = key.substr(root_end + 1);
  constexpr std::string_view software = "Software\\";
  if (rest.size() < software.size() || !text::iequals(rest.substr(0, software.size()), software))
    return false;
  rest.remove_prefix(software.size());
  const std::string_view first = rest.substr(0, rest.find('\\'));
  return text::iequals(first, software_bookkeeping_key);
}

std::string_view long_root_name(std::string_view root) {
  for (const auto& r : root_keys) {
    if (text::iequals(root, r.long_name) ||
        (!r.short_name.empty() && text::iequals(root, r.short_name)))
      return r.long_name;
  }
  return {};
}

std::string_view short_root_name(std::string_view long_root) {
  for (const auto& r : root_keys) {
    if (text::iequals(long_root, r.long_name)) return r.short_name;
  }
  return {};
}

}  // namespace comreg
