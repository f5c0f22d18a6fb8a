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
