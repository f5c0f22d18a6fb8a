// A description built from a type library, the way `mt.exe -tlb` builds a manifest: the type
// library entry, a class per creatable coclass and an interface entry per interface, with the
// proxy/stub each needs. Behind `comreg import --typelib`.
#pragma once

#include <string>

#include "comreg/core/diagnostics.hpp"
#include "comreg/model/description.hpp"
#include "comreg/readers/typelib_reader.hpp"

namespace comreg {

/// The automation (type library) marshaler, for dual and [oleautomation] interfaces.
inline constexpr const char* kAutomationMarshaler = "{00020424-0000-0000-C000-000000000046}";
/// The IDispatch marshaler RegisterTypeLib registers for pure dispinterfaces.
inline constexpr const char* kDispatchMarshaler = "{00020420-0000-0000-C000-000000000046}";

/// What the type library does not say.
struct TypeLibImportOptions {
  std::string file;          // the type library's file name as the user gave it (diagnostics)
  std::string typelib_path;  // registered as the library's win64 or win32 path
  std::string server_path;   // the in-process server of the classes ("" = typelib_path)
  Threading threading = Threading::apartment;
  // ProgID pattern, "" = no ProgIDs: {library} and {coclass} are replaced by the names; a
  // trailing ".<digits>" makes the rest the version-independent ProgID.
  std::string progid_pattern;
  std::string proxy_stub;  // CLSID of the proxy/stub of the custom (non-automation) interfaces
};

/// Builds a description from `lib`. Problems (no LIBID, a custom interface without a
/// proxy/stub, a bad ProgID pattern) go to `diagnostics`; the description is built anyway.
[[nodiscard]] Description description_from_typelib(const TypeLibInfo& lib,
                                                   const TypeLibImportOptions& options,
                                                   Diagnostics& diagnostics);

/// Completes `existing` with what `imported` has and it lacks: type libraries, classes,
/// interfaces and missing members of those it has. Where both say something different,
/// `existing` wins and a warning "import-conflict" names both values.
void merge_description(Description& existing, const Description& imported,
                       Diagnostics& diagnostics);

}  // namespace comreg
