// Reading binary type libraries: what a .tlb file (or a module's TYPELIB resource) declares.
//
// Only the MSFT format is read — the one ICreateTypeLib2, MIDL and widl write. The old SLTG
// format is recognised and refused with "typelib-unsupported-format". The reader trusts
// nothing in the file: every offset, length and count is checked against the file before use,
// so a damaged file gives a TypeLibError (a stable code, the field and its byte offset), never
// a read outside the buffer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace comreg {

/// TYPEKIND: what a type information entry describes.
enum class TypeKind : std::uint8_t {
  enumeration,  // TKIND_ENUM
  record,       // TKIND_RECORD (struct)
  module,       // TKIND_MODULE
  interface,    // TKIND_INTERFACE (vtable only)
  dispatch,     // TKIND_DISPATCH (dispinterface, or the IDispatch view of a dual interface)
  coclass,      // TKIND_COCLASS
  alias,        // TKIND_ALIAS (typedef)
  union_,       // TKIND_UNION
};

/// "enum", "record", "module", "interface", "dispatch", "coclass", "alias", "union".
[[nodiscard]] const char* to_string(TypeKind k);

/// TYPEFLAGS bits of TypeInfo::flags.
enum TypeFlag : std::uint32_t {
  type_appobject = 0x1,
  type_cancreate = 0x2,
  type_licensed = 0x4,
  type_predeclid = 0x8,
  type_hidden = 0x10,
  type_control = 0x20,
  type_dual = 0x40,
  type_nonextensible = 0x80,
  type_oleautomation = 0x100,
  type_restricted = 0x200,
  type_aggregatable = 0x400,
  type_replaceable = 0x800,
  type_dispatchable = 0x1000,
  type_reversebind = 0x2000,
  type_proxy = 0x4000,
};

/// IMPLTYPEFLAGS bits of an interface a coclass implements.
enum ImplTypeFlag : std::uint32_t {
  impl_default = 0x1,
  impl_source = 0x2,
  impl_restricted = 0x4,
  impl_defaultvtable = 0x8,
};

/// SYSKIND: the platform the library was built for (pointer size of its vtables).
enum class SysKind : std::uint8_t { win16, win32, mac, win64 };

/// A reference from one type to another (a base interface, an implemented interface).
struct TypeReference {
  std::string guid;                  // canonical GUID; empty when the file does not say it
  std::string name;                  // the type's name when known (local, or a well-known IID)
  std::optional<std::size_t> index;  // into TypeLibInfo::types when the type is in this library
  std::string imported_from;         // import file name ("stdole2.tlb") for imported types
};

/// An interface listed by a coclass, with its IMPLTYPEFLAGS.
struct ImplementedInterface {
  TypeReference type;
  std::uint32_t flags = 0;  // ImplTypeFlag bits
};

/// One type information entry.
struct TypeInfo {
  TypeKind kind = TypeKind::interface;
  std::string name;
  std::string guid;  // canonical, empty when the type has none (aliases, most records)
  std::string helpstring;
  std::uint32_t flags = 0;  // TypeFlag bits
  std::uint16_t major = 0;
  std::uint16_t minor = 0;
  std::uint16_t function_count = 0;  // functions declared by this type itself
  std::uint16_t variable_count = 0;  // variables, constants, dispinterface properties
  // Interfaces and dual interfaces: the functions of all base interfaces (the vtable slots
  // before this interface's own).
  std::uint16_t inherited_function_count = 0;
  std::optional<TypeReference> base;             // interfaces and dispinterfaces
  std::vector<ImplementedInterface> implements;  // coclasses

  [[nodiscard]] bool has(TypeFlag f) const { return (flags & f) != 0; }
  /// The vtable size registered as Interface\{iid}\NumMethods: inherited plus own functions
  /// for interfaces and dual interfaces, IDispatch's 7 for a pure dispinterface.
  [[nodiscard]] std::uint32_t vtable_methods() const;
};

/// A whole type library.
struct TypeLibInfo {
  std::string libid;  // canonical; empty when the library has none (it cannot be registered)
  std::uint16_t major = 0;
  std::uint16_t minor = 0;
  std::uint32_t lcid = 0;
  std::uint32_t flags = 0;  // LIBFLAGS (TypeLibFlag in description.hpp)
  SysKind syskind = SysKind::win32;
  std::string name;
  std::string helpstring;
  std::string helpfile;
  std::vector<TypeInfo> types;

  /// The folder of the help file ("" when it has none): what RegisterTypeLib writes as HELPDIR.
  [[nodiscard]] std::string helpdir() const;
};

/// Why a file could not be read. `code` is stable: typelib-not-typelib,
/// typelib-unsupported-format, typelib-truncated, typelib-out-of-range, typelib-bad-value,
/// typelib-no-resource (a module without a TYPELIB resource), or the PE reader's pe-* code
/// for a module that is not a readable PE file.
struct TypeLibError {
  std::string code;
  std::string message;  // names the field: "segment directory: guid table length 0x… at 0x…"
  std::uint64_t offset = 0;  // byte offset in the file of the offending field
};

/// The outcome of reading: `info` when the file was read, `error` otherwise.
struct TypeLibReadResult {
  std::optional<TypeLibInfo> info;
  std::optional<TypeLibError> error;
};

/// Reads an MSFT type library from `bytes`: a whole .tlb file, or a DLL/EXE ("MZ") whose
/// TYPELIB resource 1 (else its first TYPELIB resource) is read.
[[nodiscard]] TypeLibReadResult read_typelib(std::span<const std::uint8_t> bytes);

}  // namespace comreg
