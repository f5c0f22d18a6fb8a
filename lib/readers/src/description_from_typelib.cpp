// description_from_typelib(): the registration a type library implies. What RegisterTypeLib
// and mt.exe -tlb derive from it: the TypeLib key, Interface keys with the proxy/stub each
// interface needs (the automation marshaler for dual and [oleautomation] ones), and a class
// per creatable coclass served by the module that holds the library.
#include <string_view>

#include "comreg/core/guid.hpp"
#include "comreg/readers/typelib_description.hpp"

namespace comreg {
namespace {

std::string replace_all(std::string text, std::string_view from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// "Contoso.Widget.1" -> "Contoso.Widget"; "" when there is no numeric version suffix.
std::string version_independent(const std::string& progid) {
  const auto dot = progid.rfind('.');
  if (dot == std::string::npos || dot + 1 == progid.size()) return {};
  for (std::size_t i = dot + 1; i < progid.size(); ++i) {
    if (progid[i] < '0' || progid[i] > '9') return {};
  }
  return progid.substr(0, dot);
}

std::string indexed(const char* array, std::size_t i) {
  return std::string(array) + "/" + std::to_string(i);
}

SourceLocation at_file(const TypeLibImportOptions& options) {
  SourceLocation l;
  l.file = options.file;
  return l;
}

// The proxy/stub an interface needs out of process, or "" when the type library cannot say.
std::string proxy_stub_for(const TypeInfo& t, const TypeLibImportOptions& options) {
  if (t.has(type_dual) || t.has(type_oleautomation)) return kAutomationMarshaler;
  if (t.kind == TypeKind::dispatch) return kDispatchMarshaler;
  return options.proxy_stub;
}

}  // namespace

Description description_from_typelib(const TypeLibInfo& lib, const TypeLibImportOptions& options,
                                     Diagnostics& diagnostics) {
  Description d;
  d.file = options.file;
  const bool win64 = lib.syskind == SysKind::win64;
  const std::string version = std::to_string(lib.major) + "." + std::to_string(lib.minor);
  d.assembly.name = lib.name.empty() ? "TypeLibrary" : lib.name;
  d.assembly.version = version + ".0.0";
  d.assembly.arch = win64 ? Arch::amd64 : Arch::x86;
  d.assembly.at.pointer = "/assembly";

  if (lib.libid.empty()) {
    diagnostics.error("typelib-no-libid", "the type library '" + lib.name + "' has no LIBID",
                      at_file(options), "give the library a uuid() attribute and rebuild it");
  }
  TypeLib t;
  t.libid = lib.libid;
  t.major = lib.major;
  t.minor = lib.minor;
  t.lcid = lib.lcid;
  t.name = lib.helpstring.empty() ? lib.name : lib.helpstring;
  (win64 ? t.win64 : t.win32) = options.typelib_path;
  t.flags = lib.flags;
  t.helpdir = lib.helpdir();
  t.at.pointer = "/typelibs/0";
  d.typelibs.push_back(std::move(t));

  const std::string proxy_stub =
      options.proxy_stub.empty() ? std::string() : normalize_guid(options.proxy_stub).value_or("");
  if (!options.proxy_stub.empty() && proxy_stub.empty()) {
    diagnostics.error("bad-guid", "invalid proxy/stub CLSID '" + options.proxy_stub + "'",
                      at_file(options), "write a GUID as {XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}");
  }
  TypeLibImportOptions resolved = options;
  resolved.proxy_stub = proxy_stub;

  for (const TypeInfo& type : lib.types) {
    if (type.kind != TypeKind::interface && type.kind != TypeKind::dispatch) continue;
    if (type.guid.empty()) continue;  // nothing to register under
    Interface i;
    i.iid = type.guid;
    i.name = type.name;
    i.proxy_stub = proxy_stub_for(type, resolved);
    if (i.proxy_stub.empty()) {
      diagnostics.warning(
          "needs-proxy-stub",
          "interface " + type.name + " " + type.guid +
              " is neither dual nor [oleautomation]: out of process it needs a proxy/stub",
          at_file(options),
          "pass --proxy-stub CLSID (the proxy/stub DLL's class), or ignore this if the "
          "interface is only used in process");
    }
    // A vtable has at least IUnknown's 3 slots; a count outside what the registry value can
    // mean (a damaged inherited count) is left out rather than written wrong.
    if (const auto n = type.vtable_methods(); n >= 3 && n <= 0xFFFF) i.num_methods = n;
    if (type.base) i.base_interface = type.base->guid;
    i.typelib = lib.libid;
    i.at.pointer = indexed("/interfaces", d.interfaces.size());
    d.interfaces.push_back(std::move(i));
  }

  Server server;
  server.kind = ServerKind::inproc;
  server.path = options.server_path.empty() ? options.typelib_path : options.server_path;
  server.arch = d.assembly.arch;
  server.at.pointer = "/servers/0";
  for (const TypeInfo& type : lib.types) {
    if (type.kind != TypeKind::coclass || !type.has(type_cancreate) || type.guid.empty()) {
      continue;
    }
    ComClass c;
    c.clsid = type.guid;
    c.name = type.helpstring.empty() ? type.name : type.helpstring;
    c.threading = options.threading;
    c.typelib = lib.libid;
    if (!options.progid_pattern.empty()) {
      c.progid = replace_all(replace_all(options.progid_pattern, "{library}", lib.name),
                             "{coclass}", type.name);
      c.version_independent_progid = version_independent(c.progid);
    }
    c.at.pointer = indexed("/servers/0/classes", server.classes.size());
    server.classes.push_back(std::move(c));
  }
  if (server.classes.empty()) {
    diagnostics.warning("no-creatable-class",
                        "the type library '" + lib.name + "' has no creatable coclass",
                        at_file(options), "only the type library and its interfaces are described");
  } else {
    d.servers.push_back(std::move(server));
  }
  return d;
}

}  // namespace comreg
