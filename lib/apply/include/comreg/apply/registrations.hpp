// The registrations comreg has recorded in a registry (comreg list): who they are, how much
// each claims, and which keys each shares with the others.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "comreg/core/registry_scope.hpp"
#include "comreg/model/description.hpp"
#include "comreg/store/registry_backend.hpp"

namespace comreg {

/// A registration's name in its record: the assembly name and version ("Contoso.Widgets
/// 1.2.0.0"). With the scope and view (which place the record) it is the registration's
/// identity: two versions of one product are two registrations that may share keys.
[[nodiscard]] std::string registration_owner(const Assembly& assembly);

/// One recorded registration.
struct RegistrationInfo {
  std::string owner;  // its identity: "Name Version" (the assembly name alone for old records)
  View view = View::v64;
  std::uint64_t sequence = 0;  // its place among installs (0: recorded by an older comreg)
  std::size_t keys = 0;        // keys it claims (created or found)
  std::size_t created = 0;     // of which it created
  std::size_t values = 0;      // values it claims
  bool legacy = false;         // an old-format record: counts are of what it created/overwrote
  /// Another registration that claims some of the same keys, and those keys (physical, relative
  /// to the classes root, in this registration's order).
  struct Sharing {
    std::string owner;
    View view = View::v64;
    std::vector<std::string> keys;
  };
  std::vector<Sharing> shared;
};

/// Every registration recorded for `scope` (both views), oldest install first.
[[nodiscard]] std::vector<RegistrationInfo> list_registrations(const RegistryBackend& registry,
                                                               Scope scope);

/// What every registration recorded for `scope` claims, except `owner`'s own in `view`: keys
/// (physical, relative to the classes root, folded) and values (folded key, '\t', folded name)
/// — what verify must not call unexpected inside keys the two share. Records of the old format
/// list no claims and add nothing.
struct OtherClaims {
  std::unordered_set<std::string> keys;
  std::unordered_set<std::string> values;
};
[[nodiscard]] OtherClaims claims_of_others(const RegistryBackend& registry, Scope scope, View view,
                                           std::string_view owner);

/// A table (text) or a JSON document of `registrations`, naming `where` (the registry read).
[[nodiscard]] std::string format_registrations(const std::vector<RegistrationInfo>& registrations,
                                               Scope scope, const std::string& where, bool json);

}  // namespace comreg
