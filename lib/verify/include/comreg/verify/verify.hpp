// Verifying a registry store against a plan: what is missing, wrong or stale, per class,
// AppID, type library, interface, ProgID.
#pragma once

#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "comreg/plan/plan.hpp"
#include "comreg/store/registry_backend.hpp"

namespace comreg {

/// One difference between the plan and the store.
struct Finding {
  enum class Kind : std::uint8_t {
    missing_key,
    missing_value,
    wrong_value,          // same name, other type or data
    unexpected_key,       // a subkey inside an owned key that the plan does not have
    unexpected_value,     // a value inside an owned key that the plan does not set
    server_path_differs,  // a class's server or a type library's file: same file, other place
    foreign_server,       // the class (or type library) is registered to another file
    foreign_progid,       // the ProgID's CLSID names another class
    stale_curver,         // the version-independent ProgID's CurVer names another ProgID
    // Warnings: verify is stricter than Windows here (`why` says what Windows does).
    same_for_windows,   // other bytes or spelling that COM reads as the same registration
    ambiguous_command,  // an unquoted LocalServer32 path with spaces: may start another file
  };
  Kind kind = Kind::missing_key;
  std::string subject;  // "class {CLSID}", "ProgID Contoso.Widget", "AppID {…}", …
  std::string key;      // full path in the store
  std::string name;     // value name, for value findings
  std::optional<RegValue> expected;
  std::optional<RegValue> found;
  std::string origin;  // JSON pointer of the description element
  std::string why;     // what Windows does with the found value, for warnings
  [[nodiscard]] bool is_warning() const {
    return kind == Kind::same_for_windows || kind == Kind::ambiguous_command;
  }
};

struct VerifyReport {
  std::vector<Finding> findings;   // grouped by subject, in plan order
  std::vector<std::string> notes;  // about the whole comparison (a merged view, …)
  /// No difference but warnings (registrations Windows reads as the description says).
  [[nodiscard]] bool ok() const { return differences() == 0; }
  [[nodiscard]] std::size_t differences() const;
  [[nodiscard]] std::size_t warnings() const { return findings.size() - differences(); }
};

/// What other registrations recorded in the same registry claim: inside this plan's own keys,
/// what they claim is theirs, not unexpected (two descriptions registering one type library
/// version under two LCIDs, one AppID for two DLLs). Keys are physical, relative to the classes
/// root, folded; values are a folded key, '\t', the folded value name.
struct VerifyOptions {
  std::unordered_set<std::string> others_keys;
  std::unordered_set<std::string> others_values;
};

[[nodiscard]] VerifyReport verify(const Plan& plan, const RegistryBackend& registry,
                                  const VerifyOptions& options = {});

/// The keys verify reads, as full paths in a store that does not redirect views: the root key
/// of each subject (CLSID\{…}, Interface\{…}, TypeLib\{…}, AppID\…, a ProgID, …), each once,
/// in plan order. A reader of a large export needs to keep only these trees.
[[nodiscard]] std::vector<std::string> verified_roots(const Plan& plan);

/// Names the findings' keys under `classes_root` as `HKEY_CLASSES_ROOT\…` (what an export of
/// the merged view names them), with a note that the merged view does not say which hive holds
/// a value.
void name_as_merged_view(VerifyReport& report, std::string_view classes_root);

/// Per subject, a header line and indented findings (warnings say why Windows reads them the
/// same; texts that look equal come with their raw bytes); or JSON {"ok", "findings":[{"kind",
/// "subject","key","name","expected","found","origin","warning"?,"why"?}],"notes"?}.
[[nodiscard]] std::string format_verify_report(const VerifyReport& report, bool json);

/// "class {…}" for CLSID\{…}…, "interface {…}", "type library {…}", "AppID …",
/// "category {…}", "licence {…}", else "ProgID <name>".
[[nodiscard]] std::string subject_of(std::string_view key);

}  // namespace comreg
