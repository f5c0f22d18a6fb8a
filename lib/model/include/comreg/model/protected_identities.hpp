// Identities that ship with Windows and that no registration may own: registering one replaces
// Windows' own server for every program on the machine, and uninstalling it deletes it. One
// table, used by the loader and the validator (which refuse them) and so by the importer (which
// leaves them out) and every emitter. docs/protected-identities.md lists it with its sources.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace comreg {

/// What an identity names in the Classes key.
enum class IdentityKind : std::uint8_t { clsid, iid, libid, appid, progid };

/// One entry of the curated list: a GUID (braced, upper case) or a ProgID, what it is and
/// where Windows registers it.
struct ProtectedIdentity {
  IdentityKind kind;
  std::string_view id;
  std::string_view name;    // what Windows calls it ("Scripting.FileSystemObject")
  std::string_view module;  // the file that serves it ("scrrun.dll")
};

/// A description that would take a protected identity, worded for a diagnostic.
struct ProtectedIdentityProblem {
  const char* code = nullptr;  // nullptr = fine; else "protected-identity"
  std::string message;
  std::string hint;
};

/// The curated list (the {xxxxxxxx-0000-0000-C000-000000000046} family is a rule, not entries).
[[nodiscard]] std::span<const ProtectedIdentity> protected_identities();

/// True for a GUID of OLE's reserved family {xxxxxxxx-0000-0000-C000-000000000046} (IUnknown,
/// IDispatch, the automation marshaler, stdole, the shell link, ...). Braces and case are free.
[[nodiscard]] bool is_ole_reserved_guid(std::string_view guid);

/// Whether a description may register `id` (a GUID in any accepted spelling, or a ProgID) as
/// its own `kind`. A ProgID matches a listed name or that name with a version suffix
/// ("Msxml2.DOMDocument.6.0"), case-insensitively as Windows looks keys up.
[[nodiscard]] ProtectedIdentityProblem check_protected_identity(IdentityKind kind,
                                                                std::string_view id);

}  // namespace comreg
