// BinaryCheck: does each server binary of a description fit it? Read from a folder of built
// binaries (never loaded or run): the file exists, its machine matches the server's `arch` and
// the registry view, an in-process server exports DllGetClassObject and DllCanUnloadNow, a local
// server is an EXE, a surrogate-hosted server a DLL, and an embedded RT_MANIFEST does not
// contradict the description.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "comreg/core/diagnostics.hpp"
#include "comreg/model/description.hpp"
#include "comreg/plan/plan.hpp"

namespace comreg {

/// Paths under DIR where a server's binary is looked for, most specific first: the trailing
/// parts of `server_path` after dropping its root (a drive "C:", "${placeholder}", "%VAR%"):
/// `${installdir}\sub\x.dll` -> "sub/x.dll", then "x.dll". Empty for an empty path.
[[nodiscard]] std::vector<std::string> binary_candidates(std::string_view server_path);

/// Checks one server against its binary's bytes (`binary_name` names it in messages).
/// Appends errors, warnings and notes to `out`, each at the server's place in the description.
void check_server_binary(const Description& description, const Server& server,
                         std::string_view bytes, const std::string& binary_name, View view,
                         Diagnostics& out);

struct BinaryCheckReport {
  Diagnostics diagnostics;
  std::size_t binaries_checked = 0;
  std::optional<std::string> io_error;  // DIR itself could not be read
  [[nodiscard]] bool ok() const { return !io_error && !diagnostics.has_errors(); }
};

/// Looks up every server's binary under `dir` (binary_candidates, names compared without case
/// as on Windows) and checks it. Remote servers have no binary and are skipped with a note.
[[nodiscard]] BinaryCheckReport check_binaries(const Description& description,
                                               const std::string& dir, View view);

}  // namespace comreg
