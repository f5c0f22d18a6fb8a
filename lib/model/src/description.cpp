#include "comreg/model/description.hpp"

#include "comreg/model/description_members.hpp"

namespace comreg {

// The spellings are string literals (description_members.hpp): data() ends with a NUL.
const char* to_string(Arch a) {
  const std::string_view s = format::spelling_of(format::arch_spellings, a);
  return s.empty() ? "amd64" : s.data();
}

const char* to_string(ServerKind k) {
  const std::string_view s = format::spelling_of(format::server_kind_spellings, k);
  return s.empty() ? "inproc" : s.data();
}

const char* to_string(Threading t) {
  const std::string_view s = format::spelling_of(format::threading_spellings, t);
  return s.empty() ? "" : s.data();
}

const AppId* Description::find_appid(const std::string& guid) const {
  for (const auto& a : appids) {
    if (a.appid == guid) return &a;
  }
  return nullptr;
}

const TypeLib* Description::find_typelib(const std::string& libid) const {
  for (const auto& t : typelibs) {
    if (t.libid == libid) return &t;
  }
  return nullptr;
}

}  // namespace comreg
