#include "comreg/model/description.hpp"

namespace comreg {

const char* to_string(Arch a) {
  switch (a) {
    case Arch::x86:
      return "x86";
    case Arch::amd64:
      return "amd64";
    case Arch::arm64:
      return "arm64";
  }
  return "amd64";
}

const char* to_string(ServerKind k) {
  switch (k) {
    case ServerKind::inproc:
      return "inproc";
    case ServerKind::local:
      return "local";
    case ServerKind::surrogate:
      return "surrogate";
    case ServerKind::handler:
      return "handler";
    case ServerKind::remote:
      return "remote";
  }
  return "inproc";
}

const char* to_string(Threading t) {
  switch (t) {
    case Threading::none:
      return "";
    case Threading::apartment:
      return "Apartment";
    case Threading::free:
      return "Free";
    case Threading::both:
      return "Both";
    case Threading::neutral:
      return "Neutral";
  }
  return "";
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
