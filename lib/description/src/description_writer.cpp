// Description -> JSON. The inverse of the loader for every member: what the loader fills in
// as a default (server arch from the assembly, category lcid 0x409, …) is left out, so an
// imported or generated description reads like one written by hand. Written as text as it
// goes (an import of a whole HKCR is 75,000 classes): the bytes nlohmann's dump(2) writes.
#include "comreg/description/description_writer.hpp"

#include "comreg/model/description_members.hpp"
#include "core/hex.hpp"
#include "core/json_text.hpp"

namespace comreg {
namespace {

class Writer {
 public:
  explicit Writer(std::string& out) : j_(out) {}

  void description(const Description& d) {
    j_.begin_object();
    j_.member("comreg", static_cast<std::int64_t>(d.format_version));
    j_.key("assembly");
    j_.begin_object();
    j_.member("name", d.assembly.name);
    j_.member("version", d.assembly.version);
    // Written although the default: it is the default of every server's arch too.
    j_.member("arch", to_string(d.assembly.arch));
    put("publicKeyToken", d.assembly.public_key_token);
    put("language", d.assembly.language);
    j_.end_object();
    j_.key("servers");
    j_.begin_array();
    for (const auto& s : d.servers) server(s, d.assembly.arch);
    j_.end_array();
    list("appids", d.appids, &Writer::appid);
    list("typelibs", d.typelibs, &Writer::typelib);
    list("interfaces", d.interfaces, &Writer::interface_);
    list("categories", d.categories, &Writer::category);
    j_.end_object();
  }

 private:
  // Optional members: an empty string, an absent number, false or an empty list is left out.
  void put(std::string_view name, const std::string& value) {
    if (!value.empty()) j_.member(name, value);
  }
  void put(std::string_view name, const std::optional<std::uint32_t>& value) {
    if (value) j_.member(name, std::uint64_t{*value});
  }
  void put(std::string_view name, bool value) {
    if (value) j_.member(name, true);
  }
  void put(std::string_view name, const std::vector<std::string>& values) {
    if (values.empty()) return;
    j_.key(name);
    strings(values);
  }

  void strings(const std::vector<std::string>& values) {
    j_.begin_array();
    for (const auto& v : values) j_.value(v);
    j_.end_array();
  }

  template <typename T>
  void list(std::string_view name, const std::vector<T>& items, void (Writer::*write)(const T&)) {
    if (items.empty()) return;
    j_.key(name);
    j_.begin_array();
    for (const auto& item : items) (this->*write)(item);
    j_.end_array();
  }

  void misc_status(const MiscStatus& m) {
    if (m.aspects.empty() && m.value) {
      j_.value(std::uint64_t{*m.value});
      return;
    }
    j_.begin_object();
    put("default", m.value);
    for (const auto& [name, aspect] : format::misc_aspect_spellings) {
      // The last listing of an aspect is the one that counts, as in a JSON object.
      const std::pair<std::uint32_t, std::uint32_t>* last = nullptr;
      for (const auto& entry : m.aspects) {
        if (entry.first == aspect) last = &entry;
      }
      if (last != nullptr) j_.member(name, std::uint64_t{last->second});
    }
    j_.end_object();
  }

  // A class's value in the plan's shape; "type" only when not REG_SZ.
  void class_value(const ClassValue& v) {
    j_.begin_object();
    j_.member("name", v.name);
    if (v.value.type != RegType::sz) j_.member("type", reg_type_name(v.value.type));
    j_.key("value");
    switch (v.value.type) {
      case RegType::dword:
        j_.value(std::uint64_t{v.value.number});
        break;
      case RegType::multi_sz:
        strings(v.value.strings);
        break;
      case RegType::binary: {
        std::string hex;
        text::append_hex(hex, v.value.bytes);
        j_.value(hex);
        break;
      }
      default:
        j_.value(v.value.text);
    }
    j_.end_object();
  }

  void class_values(const std::vector<ClassValue>& values) {
    j_.begin_array();
    for (const auto& v : values) class_value(v);
    j_.end_array();
  }

  void com_class(const ComClass& c) {
    j_.begin_object();
    j_.member("clsid", c.clsid);
    put("name", c.name);
    put("progid", c.progid);
    put("versionIndependentProgid", c.version_independent_progid);
    put("exclusiveVersionIndependentProgid", c.exclusive_version_independent_progid);
    if (!c.progid_key) j_.member("progidKey", false);
    if (!c.version_independent_progid_key) j_.member("versionIndependentProgidKey", false);
    if (c.threading != Threading::none) j_.member("threading", to_string(c.threading));
    put("appid", c.appid);
    put("typelib", c.typelib);
    put("version", c.version);
    put("implementedCategories", c.implemented_categories);
    put("requiredCategories", c.required_categories);
    put("programmable", c.programmable);
    put("control", c.control);
    put("insertable", c.insertable);
    if (c.misc_status) {
      j_.key("miscStatus");
      misc_status(*c.misc_status);
    }
    put("toolboxBitmap", c.toolbox_bitmap);
    put("defaultIcon", c.default_icon);
    put("treatAs", c.treat_as);
    put("autoConvertTo", c.auto_convert_to);
    if (c.license) {
      j_.key("license");
      j_.begin_object();
      j_.member("id", c.license->id);
      j_.member("key", c.license->key);
      j_.end_object();
    }
    if (c.clr) {
      j_.key("clr");
      j_.begin_object();
      j_.member("class", c.clr->class_name);
      j_.member("assembly", c.clr->assembly);
      put("runtimeVersion", c.clr->runtime_version);
      put("codeBase", c.clr->code_base);
      j_.end_object();
    }
    put("legacyNames", c.legacy_names);
    if (!c.values.empty()) {
      j_.key("values");
      class_values(c.values);
    }
    if (!c.subkeys.empty()) {
      j_.key("subkeys");
      j_.begin_array();
      for (const auto& k : c.subkeys) {
        j_.begin_object();
        j_.member("key", k.key);
        if (!k.values.empty()) {
          j_.key("values");
          class_values(k.values);
        }
        j_.end_object();
      }
      j_.end_array();
    }
    j_.end_object();
  }

  void server(const Server& s, Arch assembly_arch) {
    j_.begin_object();
    j_.member("kind", to_string(s.kind));
    put("path", s.path);
    put("arguments", s.arguments);
    if (s.arch != assembly_arch) j_.member("arch", to_string(s.arch));
    j_.key("classes");
    j_.begin_array();
    for (const auto& c : s.classes) com_class(c);
    j_.end_array();
    j_.end_object();
  }

  void appid(const AppId& a) {
    j_.begin_object();
    j_.member("appid", a.appid);
    put("name", a.name);
    if (a.dll_surrogate) j_.member("dllSurrogate", *a.dll_surrogate);
    put("localService", a.local_service);
    put("serviceParameters", a.service_parameters);
    put("runAs", a.run_as);
    put("accessPermission", a.access_permission);
    put("launchPermission", a.launch_permission);
    put("authenticationLevel", a.authentication_level);
    put("remoteServerName", a.remote_server_name);
    put("appIdFlags", a.appid_flags);
    put("preferredServerBitness", a.preferred_server_bitness);
    put("executables", a.executables);
    put("exclusive", a.exclusive);
    j_.end_object();
  }

  void typelib(const TypeLib& t) {
    j_.begin_object();
    j_.member("libid", t.libid);
    j_.member("version", std::to_string(t.major) + "." + std::to_string(t.minor));
    if (t.lcid != 0) j_.member("lcid", std::uint64_t{t.lcid});
    put("name", t.name);
    put("win32", t.win32);
    put("win64", t.win64);
    if (!t.flags) {
      j_.key("flags");
      j_.null();  // no FLAGS key
    } else if (*t.flags != 0) {
      j_.key("flags");
      j_.begin_array();
      for (const auto& [name, bit] : format::typelib_flag_spellings) {
        if ((*t.flags & bit) != 0) j_.value(name);
      }
      j_.end_array();
    }
    if (!t.helpdir) {
      j_.key("helpdir");
      j_.null();  // no HELPDIR key
    } else {
      put("helpdir", *t.helpdir);
    }
    put("exclusive", t.exclusive);
    j_.end_object();
  }

  void interface_(const Interface& i) {
    j_.begin_object();
    j_.member("iid", i.iid);
    j_.member("name", i.name);
    put("proxyStub", i.proxy_stub);
    put("proxyStub16", i.proxy_stub16);
    put("numMethods", i.num_methods);
    put("baseInterface", i.base_interface);
    put("typelib", i.typelib);
    put("exclusive", i.exclusive);
    j_.end_object();
  }

  void category(const Category& c) {
    j_.begin_object();
    j_.member("catid", c.catid);
    j_.member("description", c.description);
    if (c.lcid != 0x409) j_.member("lcid", std::uint64_t{c.lcid});
    put("exclusive", c.exclusive);
    j_.end_object();
  }

  JsonTextWriter j_;
};

}  // namespace

std::string description_to_json(const Description& d) {
  std::string out;
  // Non-ASCII text stays UTF-8: descriptions are UTF-8 files.
  Writer(out).description(d);
  out += '\n';
  return out;
}

}  // namespace comreg
