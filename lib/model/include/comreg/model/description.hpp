// The validated model of a COM server description (the JSON file's meaning).
//
// A Description only exists after load_description() accepted the file: GUIDs are canonical
// ("{XXXXXXXX-…}"), placeholders in paths are resolved (but those kept symbolic, which stay
// "${name}"), references point at existing entries.
// Empty strings mean "not given" except where a field is std::optional.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "comreg/core/registry_value.hpp"

namespace comreg {

/// Where a model element came from, so later stages (plan, verify) can still cite the file.
struct SourceRef {
  std::string pointer;  // JSON pointer, e.g. "/servers/0/classes/1"
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

enum class Arch : std::uint8_t { x86, amd64, arm64 };
/// remote: no local binary; the class is activated on the machine named by its AppID's
/// RemoteServerName (DCOM client registration).
enum class ServerKind : std::uint8_t { inproc, local, surrogate, handler, remote };
enum class Threading : std::uint8_t { none, apartment, free, both, neutral };

[[nodiscard]] const char* to_string(Arch a);  // "x86", "amd64", "arm64"
[[nodiscard]] const char* to_string(
    ServerKind k);  // "inproc", "local", "surrogate", "handler", "remote"
[[nodiscard]] const char* to_string(Threading t);  // "", "Apartment", "Free", "Both", "Neutral"

/// Identity of the side-by-side assembly built from this description.
struct Assembly {
  std::string name;
  std::string version;  // four-part "a.b.c.d"
  Arch arch = Arch::amd64;
  std::string public_key_token;  // optional, 16 hex digits
  std::string language;          // optional
  SourceRef at;
};

/// OLEMISC flags: the default value and per-aspect values (MiscStatus\<aspect>).
struct MiscStatus {
  std::optional<std::uint32_t> value;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> aspects;  // (DVASPECT, flags), sorted
  bool operator==(const MiscStatus&) const = default;
};

/// IClassFactory2 licensing: Licenses\{id} (Default) = key.
struct License {
  std::string id;  // GUID
  std::string key;
  bool operator==(const License&) const = default;
};

/// A .NET class registered as regasm does: InprocServer32 is mscoree.dll, which loads the
/// assembly; these values tell it which type to create.
struct ClrClass {
  std::string class_name;  // "Class": the full type name
  std::string assembly;    // "Assembly": "Name, Version=1.0.0.0, Culture=…, PublicKeyToken=…"
  std::string runtime_version;  // "RuntimeVersion": "v4.0.30319"
  std::string code_base;        // "CodeBase": file URL of a private assembly; optional
  bool operator==(const ClrClass&) const = default;
};

/// A value no member plans, on a class's key or one of its `subkeys` (WIC's "Author", DirectShow's
/// "FilterData"). Types: REG_SZ, REG_EXPAND_SZ, REG_MULTI_SZ, REG_DWORD, REG_BINARY.
struct ClassValue {
  std::string name;
  RegValue value;
  friend bool operator==(const ClassValue&, const ClassValue&) = default;
};

/// A key below a class's key that no member plans ("Instance\{…}", "Formats"), relative to it,
/// with its values; a class's reserved subkeys (class_planned_subkeys) are refused.
struct ClassSubkey {
  std::string key;
  std::vector<ClassValue> values;
  friend bool operator==(const ClassSubkey&, const ClassSubkey&) = default;
};

/// One coclass. A CLSID served both in process and by a local server (or handler) is listed
/// under each of its servers; its members are written once (the validator refuses listings
/// that disagree).
struct ComClass {
  std::string clsid;
  std::string name;
  std::string progid;
  std::string version_independent_progid;
  /// No other product registers the version-independent ProgID: a static uninstall may delete
  /// its tree (by default it is shareable: versions 1 and 2 of a product both write it).
  bool exclusive_version_independent_progid = false;
  /// False: the ProgID's key (HKCR\<progid>) names another class that has the same ProgID
  /// (a registry can hold that): this class names it under its CLSID key, writes no key.
  bool progid_key = true;
  bool version_independent_progid_key = true;  // the same for the version-independent ProgID
  Threading threading = Threading::none;
  std::string appid;    // GUID of an entry in Description::appids
  std::string typelib;  // LIBID of an entry in Description::typelibs
  std::string version;
  std::vector<std::string> implemented_categories;  // CATIDs
  std::vector<std::string> required_categories;
  bool programmable = false;
  bool control = false;
  bool insertable = false;
  std::optional<MiscStatus> misc_status;
  std::string toolbox_bitmap;   // "path,resid"
  std::string default_icon;     // "path,index"
  std::string treat_as;         // CLSID
  std::string auto_convert_to;  // CLSID
  std::optional<License> license;
  std::optional<ClrClass> clr;  // a regasm registration (server path mscoree.dll)
  /// Imported from a registry whose names break the ProgID rules (`comreg import`): those
  /// rule breaks are warnings, and a ProgID that names a reserved key gets no ProgID key.
  bool legacy_names = false;
  std::vector<ClassValue> values;    // on the class's key, beside name and AppID
  std::vector<ClassSubkey> subkeys;  // parents before children; a parent not listed is planned
  SourceRef at;
};

/// A server binary and the classes it serves.
struct Server {
  ServerKind kind = ServerKind::inproc;
  std::string path;       // resolved (see Description::symbolic); empty for remote
  std::string arguments;  // local servers: appended to the LocalServer32 command line
  Arch arch = Arch::amd64;
  std::vector<ComClass> classes;
  SourceRef at;
};

/// HKCR\AppID\{appid} and its executable-name mapping keys.
struct AppId {
  std::string appid;
  std::string name;
  std::optional<std::string> dll_surrogate;  // "" = the system surrogate (dllhost.exe)
  std::string local_service;
  std::string service_parameters;
  std::string run_as;
  std::string access_permission;                      // SDDL
  std::string launch_permission;                      // SDDL
  std::optional<std::uint32_t> authentication_level;  // RPC_C_AUTHN_LEVEL_* 1..6
  std::string remote_server_name;
  std::optional<std::uint32_t> appid_flags;
  std::optional<std::uint32_t> preferred_server_bitness;  // 1, 2 or 3
  std::vector<std::string> executables;  // "widgetsvc.exe" -> AppID\widgetsvc.exe [AppID]
  bool exclusive = false;  // no other product registers it: a static uninstall may delete it
  SourceRef at;
};

/// LIBFLAGS bits.
enum TypeLibFlag : std::uint32_t {
  typelib_restricted = 1,
  typelib_control = 2,
  typelib_hidden = 4,
  typelib_has_disk_image = 8,
};

/// HKCR\TypeLib\{libid}\major.minor.
struct TypeLib {
  std::string libid;
  std::uint16_t major = 1;
  std::uint16_t minor = 0;
  std::uint32_t lcid = 0;
  std::string name;
  std::string win32;  // resolved path
  std::string win64;
  /// FLAGS and HELPDIR are written (as "0" and "") unless the description says null: some
  /// registrations have neither key.
  std::optional<std::uint32_t> flags = 0u;
  std::optional<std::string> helpdir = std::string();
  bool exclusive = false;  // no other product registers this version: see AppId::exclusive
  SourceRef at;
};

/// HKCR\Interface\{iid}.
struct Interface {
  std::string iid;
  std::string name;
  std::string proxy_stub;    // CLSID of the proxy/stub (ProxyStubClsid32)
  std::string proxy_stub16;  // ProxyStubClsid: read by 16-bit OLE only; widl writes it
  std::optional<std::uint32_t> num_methods;
  std::string base_interface;  // IID
  std::string typelib;         // LIBID of an entry in Description::typelibs
  bool exclusive = false;      // no other product registers it: see AppId::exclusive
  SourceRef at;
};

/// HKCR\Component Categories\{catid}.
struct Category {
  std::string catid;
  std::string description;
  std::uint32_t lcid = 0x409;
  bool exclusive = false;  // no other product registers it: see AppId::exclusive
  SourceRef at;
};

/// The whole description.
struct Description {
  int format_version = 1;
  std::string file;  // as given by the user; used in diagnostics
  Assembly assembly;
  std::vector<Server> servers;
  std::vector<AppId> appids;
  std::vector<TypeLib> typelibs;
  std::vector<Interface> interfaces;
  std::vector<Category> categories;
  /// Placeholders the loader kept symbolic (LoadOptions::symbolic): every "${name}" in a path
  /// field with one of these names is a reference for the planner to carry, not text.
  std::vector<std::string> symbolic;

  [[nodiscard]] const AppId* find_appid(const std::string& guid) const;
  [[nodiscard]] const TypeLib* find_typelib(const std::string& libid) const;
};

}  // namespace comreg
