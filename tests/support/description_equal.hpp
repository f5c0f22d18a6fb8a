// Equality of two description models on what they mean: every member, but not where in a
// file they came from (SourceRef, file name).
#pragma once

#include <sstream>
#include <string>

#include "comreg/model/description.hpp"

namespace comreg::testing {

namespace detail {

struct Differ {
  std::ostringstream out;
  template <typename T>
  void eq(const std::string& where, const T& a, const T& b) {
    if (!(a == b)) out << where << " differs\n";
  }
};

}  // namespace detail

/// "" when equal, else one line per differing member ("/servers/0/classes/1/progid differs").
inline std::string describe_differences(const Description& a, const Description& b) {
  detail::Differ d;
  d.eq("/comreg", a.format_version, b.format_version);
  d.eq("/assembly/name", a.assembly.name, b.assembly.name);
  d.eq("/assembly/version", a.assembly.version, b.assembly.version);
  d.eq("/assembly/arch", a.assembly.arch, b.assembly.arch);
  d.eq("/assembly/publicKeyToken", a.assembly.public_key_token, b.assembly.public_key_token);
  d.eq("/assembly/language", a.assembly.language, b.assembly.language);
  d.eq("/servers (count)", a.servers.size(), b.servers.size());
  for (std::size_t i = 0; i < a.servers.size() && i < b.servers.size(); ++i) {
    const Server& x = a.servers[i];
    const Server& y = b.servers[i];
    const std::string p = "/servers/" + std::to_string(i);
    d.eq(p + "/kind", x.kind, y.kind);
    d.eq(p + "/path", x.path, y.path);
    d.eq(p + "/arguments", x.arguments, y.arguments);
    d.eq(p + "/arch", x.arch, y.arch);
    d.eq(p + "/classes (count)", x.classes.size(), y.classes.size());
    for (std::size_t k = 0; k < x.classes.size() && k < y.classes.size(); ++k) {
      const ComClass& c = x.classes[k];
      const ComClass& e = y.classes[k];
      const std::string q = p + "/classes/" + std::to_string(k);
      d.eq(q + "/clsid", c.clsid, e.clsid);
      d.eq(q + "/name", c.name, e.name);
      d.eq(q + "/progid", c.progid, e.progid);
      d.eq(q + "/versionIndependentProgid", c.version_independent_progid,
           e.version_independent_progid);
      d.eq(q + "/exclusiveVersionIndependentProgid", c.exclusive_version_independent_progid,
           e.exclusive_version_independent_progid);
      d.eq(q + "/threading", c.threading, e.threading);
      d.eq(q + "/appid", c.appid, e.appid);
      d.eq(q + "/typelib", c.typelib, e.typelib);
      d.eq(q + "/version", c.version, e.version);
      d.eq(q + "/implementedCategories", c.implemented_categories, e.implemented_categories);
      d.eq(q + "/requiredCategories", c.required_categories, e.required_categories);
      d.eq(q + "/programmable", c.programmable, e.programmable);
      d.eq(q + "/control", c.control, e.control);
      d.eq(q + "/insertable", c.insertable, e.insertable);
      d.eq(q + "/miscStatus", c.misc_status.has_value(), e.misc_status.has_value());
      if (c.misc_status && e.misc_status) {
        d.eq(q + "/miscStatus/default", c.misc_status->value, e.misc_status->value);
        d.eq(q + "/miscStatus (aspects)", c.misc_status->aspects, e.misc_status->aspects);
      }
      d.eq(q + "/toolboxBitmap", c.toolbox_bitmap, e.toolbox_bitmap);
      d.eq(q + "/defaultIcon", c.default_icon, e.default_icon);
      d.eq(q + "/treatAs", c.treat_as, e.treat_as);
      d.eq(q + "/autoConvertTo", c.auto_convert_to, e.auto_convert_to);
      d.eq(q + "/license", c.license.has_value(), e.license.has_value());
      if (c.license && e.license) {
        d.eq(q + "/license/id", c.license->id, e.license->id);
        d.eq(q + "/license/key", c.license->key, e.license->key);
      }
      d.eq(q + "/clr", c.clr, e.clr);
      d.eq(q + "/progidKey", c.progid_key, e.progid_key);
      d.eq(q + "/versionIndependentProgidKey", c.version_independent_progid_key,
           e.version_independent_progid_key);
      d.eq(q + "/legacyNames", c.legacy_names, e.legacy_names);
      d.eq(q + "/values", c.values, e.values);
      d.eq(q + "/subkeys", c.subkeys, e.subkeys);
    }
  }
  d.eq("/appids (count)", a.appids.size(), b.appids.size());
  for (std::size_t i = 0; i < a.appids.size() && i < b.appids.size(); ++i) {
    const AppId& x = a.appids[i];
    const AppId& y = b.appids[i];
    const std::string p = "/appids/" + std::to_string(i);
    d.eq(p + "/appid", x.appid, y.appid);
    d.eq(p + "/name", x.name, y.name);
    d.eq(p + "/dllSurrogate", x.dll_surrogate, y.dll_surrogate);
    d.eq(p + "/localService", x.local_service, y.local_service);
    d.eq(p + "/serviceParameters", x.service_parameters, y.service_parameters);
    d.eq(p + "/runAs", x.run_as, y.run_as);
    d.eq(p + "/accessPermission", x.access_permission, y.access_permission);
    d.eq(p + "/launchPermission", x.launch_permission, y.launch_permission);
    d.eq(p + "/authenticationLevel", x.authentication_level, y.authentication_level);
    d.eq(p + "/remoteServerName", x.remote_server_name, y.remote_server_name);
    d.eq(p + "/appIdFlags", x.appid_flags, y.appid_flags);
    d.eq(p + "/preferredServerBitness", x.preferred_server_bitness, y.preferred_server_bitness);
    d.eq(p + "/executables", x.executables, y.executables);
    d.eq(p + "/exclusive", x.exclusive, y.exclusive);
  }
  d.eq("/typelibs (count)", a.typelibs.size(), b.typelibs.size());
  for (std::size_t i = 0; i < a.typelibs.size() && i < b.typelibs.size(); ++i) {
    const TypeLib& x = a.typelibs[i];
    const TypeLib& y = b.typelibs[i];
    const std::string p = "/typelibs/" + std::to_string(i);
    d.eq(p + "/libid", x.libid, y.libid);
    d.eq(p + "/version (major)", x.major, y.major);
    d.eq(p + "/version (minor)", x.minor, y.minor);
    d.eq(p + "/lcid", x.lcid, y.lcid);
    d.eq(p + "/name", x.name, y.name);
    d.eq(p + "/win32", x.win32, y.win32);
    d.eq(p + "/win64", x.win64, y.win64);
    d.eq(p + "/flags", x.flags, y.flags);
    d.eq(p + "/helpdir", x.helpdir, y.helpdir);
    d.eq(p + "/exclusive", x.exclusive, y.exclusive);
  }
  d.eq("/interfaces (count)", a.interfaces.size(), b.interfaces.size());
  for (std::size_t i = 0; i < a.interfaces.size() && i < b.interfaces.size(); ++i) {
    const Interface& x = a.interfaces[i];
    const Interface& y = b.interfaces[i];
    const std::string p = "/interfaces/" + std::to_string(i);
    d.eq(p + "/iid", x.iid, y.iid);
    d.eq(p + "/name", x.name, y.name);
    d.eq(p + "/proxyStub", x.proxy_stub, y.proxy_stub);
    d.eq(p + "/proxyStub16", x.proxy_stub16, y.proxy_stub16);
    d.eq(p + "/numMethods", x.num_methods, y.num_methods);
    d.eq(p + "/baseInterface", x.base_interface, y.base_interface);
    d.eq(p + "/typelib", x.typelib, y.typelib);
    d.eq(p + "/exclusive", x.exclusive, y.exclusive);
  }
  d.eq("/categories (count)", a.categories.size(), b.categories.size());
  for (std::size_t i = 0; i < a.categories.size() && i < b.categories.size(); ++i) {
    const Category& x = a.categories[i];
    const Category& y = b.categories[i];
    const std::string p = "/categories/" + std::to_string(i);
    d.eq(p + "/catid", x.catid, y.catid);
    d.eq(p + "/description", x.description, y.description);
    d.eq(p + "/lcid", x.lcid, y.lcid);
    d.eq(p + "/exclusive", x.exclusive, y.exclusive);
  }
  return d.out.str();
}

}  // namespace comreg::testing
