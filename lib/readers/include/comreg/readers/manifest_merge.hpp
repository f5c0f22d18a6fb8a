// ManifestMerge: comreg's dependency (and ApplicationSettings) added to an application manifest
// that already exists, keeping every byte of it that need not change: elements, attributes,
// namespace prefixes, comments, order and layout. The result is read back and checked before it
// is returned: whatever the input said is still there, and merging again changes nothing.
#pragma once

#include <string>
#include <string_view>

#include "comreg/core/diagnostics.hpp"
#include "comreg/emit/application_settings.hpp"
#include "comreg/model/description.hpp"

namespace comreg {

/// The merged manifest, or errors and no text. Warnings name each value of the input that was
/// replaced (another version of the same dependency, another execution level or DPI awareness).
struct ManifestMergeResult {
  std::string xml;  // the input's bytes with the additions; empty when diagnostics has errors
  Diagnostics diagnostics;
};

/// Merges into `existing` (the bytes of the manifest named `file` in diagnostics; UTF-8 with or
/// without a byte order mark) a dependency on the description's assembly, replacing one on the
/// same assembly name, and `settings`. Errors: "xml-syntax" (located), "manifest-not-assembly",
/// "manifest-encoding" (UTF-16: save it as UTF-8 first), "manifest-merge-check" (the read-back
/// found something lost: an internal error), "unknown-application-setting".
[[nodiscard]] ManifestMergeResult merge_application_manifest(const Description& description,
                                                             std::string_view existing,
                                                             const std::string& file,
                                                             const ApplicationSettings& settings);

}  // namespace comreg
