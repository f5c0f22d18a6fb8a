// Description -> JSON. The inverse of the loader for every member: what the loader fills in
// as a default (server arch from the assembly, category lcid 0x409, …) is left out, so an
// imported or generated description reads like one written by hand.
#include "comreg/description/description_writer.hpp"

#include <nlohmann/json.hpp>

#include "comreg/model/description_members.hpp"

namespace comreg {
namespace {

using nlohmann::ordered_json;

void put(ordered_json& j, const char* name, const std::string& value) {
  if (!value.empty()) j[name] = value;
}

void put(ordered_json& j, const char* name, const std::optional<std::uint32_t>& value) {
  if (value) j[name] = *value;
}

void put(ordered_json& j, const char* name, bool value) {
  if (value) j[name] = true;
}

void put(ordered_json& j, const char* name, const std::vector<std::string>& values) {
  if (!values.empty()) j[name] = values;
}

ordered_json misc_status_json(const MiscStatus& m) {
  if (m.aspects.empty() && m.value) return *m.value;
  ordered_json j = ordered_json::object();
  put(j, "default", m.value);
  for (const auto& [name, aspect] : format::misc_aspect_spellings) {
    for (const auto& [a, flags] : m.aspects) {
      if (a == aspect) j[std::string(name)] = flags;
    }
  }
  return j;
}

// A class's value in the plan's shape; "type" only when not REG_SZ.
ordered_json class_value_json(const ClassValue& v) {
  ordered_json j;
  j["name"] = v.name;
  if (v.value.type != RegType::sz) j["type"] = reg_type_name(v.value.type);
  switch (v.value.type) {
    case RegType::dword:
      j["value"] = v.value.number;
      break;
    case RegType::multi_sz:
      j["value"] = v.value.strings;
      break;
    case RegType::binary: {
      static constexpr char digits[] = "0123456789abcdef";
      std::string hex;
      for (const auto b : v.value.bytes) {
        hex += digits[b >> 4];
        hex += digits[b & 15];
      }
      j["value"] = std::move(hex);
      break;
    }
    default:
      j["value"] = v.value.text;
  }
  return j;
}

ordered_json class_values_json(const std::vector<ClassValue>& values) {
  ordered_json list = ordered_json::array();
  for (const auto& v : values) list.push_back(class_value_json(v));
  return list;
}

ordered_json class_json(const ComClass& c) {
  ordered_json j;
  j["clsid"] = c.clsid;
  put(j, "name", c.name);
  put(j, "progid", c.progid);
  put(j, "versionIndependentProgid", c.version_independent_progid);
  put(j, "exclusiveVersionIndependentProgid", c.exclusive_version_independent_progid);
  if (!c.progid_key) j["progidKey"] = false;
  if (!c.version_independent_progid_key) j["versionIndependentProgidKey"] = false;
  if (c.threading != Threading::none) j["threading"] = to_string(c.threading);
  put(j, "appid", c.appid);
  put(j, "typelib", c.typelib);
  put(j, "version", c.version);
  put(j, "implementedCategories", c.implemented_categories);
  put(j, "requiredCategories", c.required_categories);
  put(j, "programmable", c.programmable);
  put(j, "control", c.control);
  put(j, "insertable", c.insertable);
  if (c.misc_status) j["miscStatus"] = misc_status_json(*c.misc_status);
  put(j, "toolboxBitmap", c.toolbox_bitmap);
  put(j, "defaultIcon", c.default_icon);
  put(j, "treatAs", c.treat_as);
  put(j, "autoConvertTo", c.auto_convert_to);
  if (c.license) j["license"] = {{"id", c.license->id}, {"key", c.license->key}};
  if (c.clr) {
    ordered_json clr;
    clr["class"] = c.clr->class_name;
    clr["assembly"] = c.clr->assembly;
    put(clr, "runtimeVersion", c.clr->runtime_version);
    put(clr, "codeBase", c.clr->code_base);
    j["clr"] = std::move(clr);
  }
  put(j, "legacyNames", c.legacy_names);
  if (!c.values.empty()) j["values"] = class_values_json(c.values);
  if (!c.subkeys.empty()) {
    ordered_json list = ordered_json::array();
    for (const auto& k : c.subkeys) {
      ordered_json subkey;
      subkey["key"] = k.key;
      if (!k.values.empty()) subkey["values"] = class_values_json(k.values);
      list.push_back(std::move(subkey));
    }
    j["subkeys"] = std::move(list);
  }
  return j;
}

ordered_json server_json(const Server& s, Arch assembly_arch) {
  ordered_json j;
  j["kind"] = to_string(s.kind);
  put(j, "path", s.path);
  put(j, "arguments", s.arguments);
  if (s.arch != assembly_arch) j["arch"] = to_string(s.arch);
  ordered_json classes = ordered_json::array();
  for (const auto& c : s.classes) classes.push_back(class_json(c));
  j["classes"] = std::move(classes);
  return j;
}

ordered_json appid_json(const AppId& a) {
  ordered_json j;
  j["appid"] = a.appid;
  put(j, "name", a.name);
  if (a.dll_surrogate) j["dllSurrogate"] = *a.dll_surrogate;
  put(j, "localService", a.local_service);
  put(j, "serviceParameters", a.service_parameters);
  put(j, "runAs", a.run_as);
  put(j, "accessPermission", a.access_permission);
  put(j, "launchPermission", a.launch_permission);
  put(j, "authenticationLevel", a.authentication_level);
  put(j, "remoteServerName", a.remote_server_name);
  put(j, "appIdFlags", a.appid_flags);
  put(j, "preferredServerBitness", a.preferred_server_bitness);
  put(j, "executables", a.executables);
  put(j, "exclusive", a.exclusive);
  return j;
}

ordered_json typelib_json(const TypeLib& t) {
  ordered_json j;
  j["libid"] = t.libid;
  j["version"] = std::to_string(t.major) + "." + std::to_string(t.minor);
  if (t.lcid != 0) j["lcid"] = t.lcid;
  put(j, "name", t.name);
  put(j, "win32", t.win32);
  put(j, "win64", t.win64);
  if (!t.flags) {
    j["flags"] = nullptr;  // no FLAGS key
  } else if (*t.flags != 0) {
    ordered_json flags = ordered_json::array();
    for (const auto& [name, bit] : format::typelib_flag_spellings) {
      if ((*t.flags & bit) != 0) flags.push_back(name);
    }
    j["flags"] = std::move(flags);
  }
  if (!t.helpdir) {
    j["helpdir"] = nullptr;  // no HELPDIR key
  } else {
    put(j, "helpdir", *t.helpdir);
  }
  put(j, "exclusive", t.exclusive);
  return j;
}

ordered_json interface_json(const Interface& i) {
  ordered_json j;
  j["iid"] = i.iid;
  j["name"] = i.name;
  put(j, "proxyStub", i.proxy_stub);
  put(j, "proxyStub16", i.proxy_stub16);
  put(j, "numMethods", i.num_methods);
  put(j, "baseInterface", i.base_interface);
  put(j, "typelib", i.typelib);
  put(j, "exclusive", i.exclusive);
  return j;
}

ordered_json category_json(const Category& c) {
  ordered_json j;
  j["catid"] = c.catid;
  j["description"] = c.description;
  if (c.lcid != 0x409) j["lcid"] = c.lcid;
  put(j, "exclusive", c.exclusive);
  return j;
}

template <typename T, typename F>
void put_list(ordered_json& j, const char* name, const std::vector<T>& items, F&& to_json) {
  if (items.empty()) return;
  ordered_json list = ordered_json::array();
  for (const auto& item : items) list.push_back(to_json(item));
  j[name] = std::move(list);
}

}  // namespace

std::string description_to_json(const Description& d) {
  ordered_json j;
  j["comreg"] = d.format_version;
  ordered_json assembly;
  assembly["name"] = d.assembly.name;
  assembly["version"] = d.assembly.version;
  assembly["arch"] = to_string(d.assembly.arch);  // written although the default: it is the
                                                  // default of every server's arch too
  put(assembly, "publicKeyToken", d.assembly.public_key_token);
  put(assembly, "language", d.assembly.language);
  j["assembly"] = std::move(assembly);
  ordered_json servers = ordered_json::array();
  for (const auto& s : d.servers) servers.push_back(server_json(s, d.assembly.arch));
  j["servers"] = std::move(servers);
  put_list(j, "appids", d.appids, appid_json);
  put_list(j, "typelibs", d.typelibs, typelib_json);
  put_list(j, "interfaces", d.interfaces, interface_json);
  put_list(j, "categories", d.categories, category_json);
  // Non-ASCII text stays UTF-8 (ensure_ascii off): descriptions are UTF-8 files.
  return j.dump(2) + "\n";
}

}  // namespace comreg
