// ManifestReader: a side-by-side (registration-free COM) manifest -> ManifestModel (the model
// the writer serializes), with every element located (line:column), and verify_manifest():
// does a manifest say what a description says?
//
// The reader takes bytes (a .manifest file or an RT_MANIFEST resource: UTF-8, or UTF-16 with a
// byte order mark) and never trusts them: malformed XML, a DOCTYPE, or nesting deeper than a
// limit is a located diagnostic. Attribute values are kept as written; comparison rules (GUID
// case, exact-case threading models as Windows and Wine read them) live in verify_manifest.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "comreg/core/diagnostics.hpp"
#include "comreg/model/description.hpp"
#include "comreg/model/manifest_model.hpp"

namespace comreg {

struct ManifestReadResult {
  std::optional<ManifestModel> manifest;  // set only when diagnostics has no error
  Diagnostics diagnostics;
};

/// Parses `bytes` as a manifest; `file` names it in diagnostics. Codes: "xml-syntax",
/// "manifest-not-assembly" (root is not asm.v1 <assembly>), "manifest-missing-attribute".
[[nodiscard]] ManifestReadResult read_manifest(std::string_view bytes, const std::string& file);

/// One difference between what a description's component manifest must say and what a
/// manifest says.
struct ManifestFinding {
  enum class Kind : std::uint8_t { missing, wrong, extra };
  Kind kind = Kind::missing;
  std::string subject;       // "assemblyIdentity", "file widgets.dll", "comClass {…}", …
  std::string attribute;     // for `wrong`: "threadingModel", "progid", …; else empty
  std::string expected;      // for `missing`/`wrong`
  std::string found;         // for `wrong`/`extra`
  SourceRef description_at;  // the description element (pointer, line, column), if any
  ManifestRef manifest_at;   // the manifest element (line 0 when missing)
};

struct ManifestVerifyReport {
  std::string description_file;
  std::string manifest_file;
  std::vector<ManifestFinding> findings;
  Diagnostics diagnostics;  // why the comparison could not be made (no manifest to expect)
  [[nodiscard]] bool ok() const { return findings.empty() && !diagnostics.has_errors(); }
};

/// Compares `manifest` with plan_component_manifest(description), the model the writer
/// serializes: assembly identity, files, comClass (threading model, ProgIDs,
/// type library), typelib, comInterfaceProxyStub and comInterfaceExternalProxyStub entries;
/// missing, wrong and extra entries. A description cannot describe clrClass or activatableClass,
/// so each one in the manifest is an extra entry ("clrClass {…}", "activatableClass NAME"). GUIDs
/// compare without case and braces; threadingModel exactly, as Windows and Wine read it; file names
/// and identity names without case.
[[nodiscard]] ManifestVerifyReport verify_manifest(const Description& description,
                                                   const ManifestModel& manifest);

/// Text for people (one line per finding, with both locations) or JSON
/// {"ok", "description", "manifest", "findings":[{kind, subject, attribute, expected, found,
/// description:{pointer,line,column}, manifest:{path,line,column}}]}.
[[nodiscard]] std::string format_manifest_verify_report(const ManifestVerifyReport& report,
                                                        bool json);

[[nodiscard]] const char* to_string(ManifestFinding::Kind kind);  // "missing", "wrong", "extra"

}  // namespace comreg
