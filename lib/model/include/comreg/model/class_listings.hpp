// One CLSID listed under several servers (a DLL and an EXE for one class, as Office and many
// applications register it): each listing writes its server key, the class members once.
#pragma once

#include <string_view>
#include <vector>

#include "comreg/model/description.hpp"

namespace comreg {

/// The registry key a server of `kind` writes under CLSID\{clsid}: "InprocServer32",
/// "InprocHandler32", "LocalServer32"; nullptr for a remote server (it writes none).
[[nodiscard]] const char* server_key_name(ServerKind kind);

/// Whether one CLSID may be listed under servers of kinds `a` and `b`: in process (or as a
/// handler) and by a local server, each key once. Surrogate and remote classes are listed once.
[[nodiscard]] bool may_share_clsid(ServerKind a, ServerKind b);

/// Copies into `merged` the members `listing` gives and `merged` lacks; returns the names (as
/// the format spells them) of those both give differently. A ProgID key is not
/// written when either listing says so.
std::vector<std::string_view> merge_class_listing(ComClass& merged, const ComClass& listing);

/// `listing` without the members `first` gives already (those are checked where `first` is).
[[nodiscard]] ComClass members_not_in(const ComClass& listing, const ComClass& first);

}  // namespace comreg
