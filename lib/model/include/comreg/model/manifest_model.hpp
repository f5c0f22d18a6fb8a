// ManifestModel: the COM content of a side-by-side (registration-free COM) assembly manifest.
// One model for every side: manifest_plan.hpp builds it from a description, the manifest
// writer serializes it, the manifest reader produces it from XML, and verify_manifest compares
// two of them. Attribute values are strings as written (empty: the attribute is absent), so a
// model read from a file keeps what the file says and comparison rules live in the verifier.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace comreg {

/// Where an element of a manifest is: 1-based line and column, and a path such as
/// "/assembly/file[1]/comClass[2]" (1-based indexes among siblings of that name). Line 0 for
/// a model that was not read from a file.
struct ManifestRef {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  std::string path;
  friend bool operator==(const ManifestRef&, const ManifestRef&) = default;
};

/// assemblyIdentity (of the assembly, or of a dependentAssembly). type, name, version and
/// processorArchitecture are always written; publicKeyToken and language when not empty.
struct ManifestIdentity {
  std::string type;
  std::string name;
  std::string version;
  std::string processor_architecture;
  std::string public_key_token;
  std::string language;
  ManifestRef at;
  friend bool operator==(const ManifestIdentity&, const ManifestIdentity&) = default;
};

/// file/comClass; `progids` are the nested <progid> elements (extra ProgIDs). The
/// miscStatus<Aspect> attributes are optional because an empty value is still written.
struct ManifestComClass {
  std::string clsid;
  std::string threading_model;
  std::string progid;
  std::string tlbid;
  std::string description;
  std::string misc_status;
  std::optional<std::string> misc_status_content;
  std::optional<std::string> misc_status_thumbnail;
  std::optional<std::string> misc_status_icon;
  std::optional<std::string> misc_status_docprint;
  std::vector<std::string> progids;
  ManifestRef at;
  friend bool operator==(const ManifestComClass&, const ManifestComClass&) = default;
};

/// file/typelib (version and helpdir are always written, helpdir possibly empty).
struct ManifestTypelib {
  std::string tlbid;
  std::string version;
  std::string helpdir;
  std::string flags;
  ManifestRef at;
  friend bool operator==(const ManifestTypelib&, const ManifestTypelib&) = default;
};

/// file/comInterfaceProxyStub or assembly/comInterfaceExternalProxyStub (name always written).
struct ManifestProxyStub {
  std::string iid;
  std::string name;
  std::string tlbid;
  std::string base_interface;
  std::string num_methods;
  std::string proxy_stub_clsid32;
  ManifestRef at;
  friend bool operator==(const ManifestProxyStub&, const ManifestProxyStub&) = default;
};

/// assembly/clrClass: a .NET class activated through mscoree.dll. Read so that verify and
/// import can report it; a description has no member for it, so nothing plans one.
struct ManifestClrClass {
  std::string clsid;
  std::string name;
  std::string progid;
  std::string tlbid;
  std::string threading_model;
  std::string runtime_version;
  ManifestRef at;
  friend bool operator==(const ManifestClrClass&, const ManifestClrClass&) = default;
};

/// file/activatableClass (namespace urn:schemas-microsoft-com:winrt.v1): a Windows Runtime
/// class. Read to be reported, like ManifestClrClass.
struct ManifestActivatableClass {
  std::string name;
  std::string threading_model;
  ManifestRef at;
  friend bool operator==(const ManifestActivatableClass&,
                         const ManifestActivatableClass&) = default;
};

/// One <file> and the COM entries inside it, written in this order: classes, type
/// libraries, proxy/stubs (activatable classes are only read).
struct ManifestFile {
  std::string name;
  std::vector<ManifestComClass> classes;
  std::vector<ManifestTypelib> typelibs;
  std::vector<ManifestProxyStub> proxy_stubs;
  ManifestRef at;
  std::vector<ManifestActivatableClass> activatable_classes;
  friend bool operator==(const ManifestFile&, const ManifestFile&) = default;
};

/// The COM-relevant content of a manifest, written in this order: identity, files,
/// assembly-level proxy/stubs (after the files, as mt.exe writes them), dependencies.
struct ManifestModel {
  std::string file;  // as given by the user; used in diagnostics
  std::string manifest_version;
  std::optional<ManifestIdentity> identity;
  std::vector<ManifestFile> files;
  std::vector<ManifestProxyStub> external_proxy_stubs;
  std::vector<ManifestIdentity> dependencies;  // dependency/dependentAssembly/assemblyIdentity
  std::vector<ManifestClrClass> clr_classes;   // only read: see ManifestClrClass
  friend bool operator==(const ManifestModel&, const ManifestModel&) = default;
};

}  // namespace comreg
