// ManifestReader: a side-by-side (registration-free COM) manifest -> ManifestModel, with every
// element located (line:column), and verify_manifest(): does a manifest say what a description
// says?
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

namespace comreg {

/// Where an element of a manifest is: 1-based line and column, and a path such as
/// "/assembly/file[1]/comClass[2]" (1-based indexes among siblings of that name).
struct ManifestRef {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  std::string path;
};

/// assemblyIdentity (of the assembly, or of a dependentAssembly).
struct ManifestIdentity {
  std::string type;
  std::string name;
  std::string version;
  std::string processor_architecture;
  std::string public_key_token;
  std::string language;
  ManifestRef at;
};

/// file/comClass; `progids` are the nested <progid> elements (extra ProgIDs).
struct ManifestComClass {
  std::string clsid;
  std::string threading_model;
  std::string progid;
  std::string tlbid;
  std::string description;
  std::string misc_status;
  std::vector<std::string> progids;
  ManifestRef at;
};

/// file/typelib.
struct ManifestTypelib {
  std::string tlbid;
  std::string version;
  std::string helpdir;
  std::string flags;
  ManifestRef at;
};

/// file/comInterfaceProxyStub or assembly/comInterfaceExternalProxyStub.
struct ManifestProxyStub {
  std::string iid;
  std::string name;
  std::string tlbid;
  std::string base_interface;
  std::string num_methods;
  std::string proxy_stub_clsid32;
  ManifestRef at;
};

/// One <file> and the COM entries inside it.
struct ManifestFile {
  std::string name;
  std::vector<ManifestComClass> classes;
  std::vector<ManifestTypelib> typelibs;
  std::vector<ManifestProxyStub> proxy_stubs;
  ManifestRef at;
};

/// The COM-relevant content of a manifest.
struct ManifestModel {
  std::string file;  // as given by the user; used in diagnostics
  std::string manifest_version;
  std::optional<ManifestIdentity> identity;
  std::vector<ManifestFile> files;
  std::vector<ManifestProxyStub> external_proxy_stubs;
  std::vector<ManifestIdentity> dependencies;  // dependency/dependentAssembly/assemblyIdentity
};

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

/// Compares `manifest` with the component manifest `description` makes (the same rules as
/// write_component_manifest): assembly identity, files, comClass (threading model, ProgIDs,
/// type library), typelib, comInterfaceProxyStub and comInterfaceExternalProxyStub entries;
/// missing, wrong and extra entries. GUIDs compare without case and braces; threadingModel
/// exactly, as Windows and Wine read it; file names and identity names without case.
[[nodiscard]] ManifestVerifyReport verify_manifest(const Description& description,
                                                   const ManifestModel& manifest);

/// Text for people (one line per finding, with both locations) or JSON
/// {"ok", "description", "manifest", "findings":[{kind, subject, attribute, expected, found,
/// description:{pointer,line,column}, manifest:{path,line,column}}]}.
[[nodiscard]] std::string format_manifest_verify_report(const ManifestVerifyReport& report,
                                                        bool json);

[[nodiscard]] const char* to_string(ManifestFinding::Kind kind);  // "missing", "wrong", "extra"

}  // namespace comreg
