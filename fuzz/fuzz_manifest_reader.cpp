// libFuzzer target: the side-by-side manifest reader on arbitrary bytes (UTF-8 or UTF-16 XML).
// Properties: nothing crashes or recurses without bound; a refused manifest says so with an
// error; an accepted one can be compared with a description, imported (`comreg import`: the
// import verifies against it, or says why not) and checked as a folder of one.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "comreg/description/description_loader.hpp"
#include "comreg/import/manifest_import.hpp"
#include "comreg/readers/manifest_folder.hpp"
#include "comreg/readers/manifest_reader.hpp"
#include "fuzz_check.hpp"

namespace {

const comreg::Description& reference() {
  static const comreg::Description d = [] {
    comreg::LoadOptions options;
    options.defines["installdir"] = "C:\\Contoso";
    const auto r = comreg::load_description(R"({
      "comreg": 1,
      "assembly": { "name": "Contoso.Widgets", "version": "1.2.0.0", "arch": "amd64" },
      "servers": [ { "kind": "inproc", "path": "${installdir}\\widgets.dll",
        "classes": [ { "clsid": "{0F5D1C8E-4B7A-4F2E-9C3D-2A6B8E1F7C01}",
                       "progid": "Contoso.Widget.1", "threading": "Apartment" } ] } ]
    })",
                                            "reference.json", options);
    COMREG_FUZZ_CHECK(r.description.has_value());
    return *r.description;
  }();
  return d;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const comreg::ManifestReadResult r = comreg::read_manifest(bytes, "fuzz.manifest");
  COMREG_FUZZ_CHECK(r.manifest.has_value() != r.diagnostics.has_errors());
  if (r.manifest) {
    const comreg::ManifestVerifyReport report = comreg::verify_manifest(reference(), *r.manifest);
    (void)comreg::format_manifest_verify_report(report, true);
    (void)comreg::format_manifest_verify_report(report, false);
    const comreg::ManifestImportResult imported = comreg::import_manifest(*r.manifest);
    // Every difference of the import from its source is explained by an unmapped entry (with
    // no class left there is nothing to write, and no comparison).
    COMREG_FUZZ_CHECK(imported.failures.empty() || imported.imported.description.servers.empty());
    (void)comreg::check_manifest_folder({*r.manifest}, {"widgets.dll"});
  }
  return 0;
}
