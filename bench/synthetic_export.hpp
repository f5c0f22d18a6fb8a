// Generates a realistic synthetic export of HKEY_CLASSES_ROOT, as `reg export HKCR` writes it,
// that holds a plan's registration among many other keys (for the verify benchmark).
#pragma once

#include <cstddef>
#include <string>

#include "comreg/plan/plan.hpp"

namespace comreg::bench {

struct ExportShape {
  // Filler, in units of other products' registrations; the defaults give about 1,000,000
  // keys and 200 MB with a 10,000-class plan.
  std::size_t classes = 65000;     // CLSID\{…} with InprocServer32, ProgID, categories (6 keys)
  std::size_t progids = 25000;     // versioned + independent ProgIDs with shell verbs (8 keys)
  std::size_t interfaces = 40000;  // Interface\{…} with proxy/stub and TypeLib (4 keys)
  std::size_t extensions = 20000;  // .ext with OpenWithProgids and ShellNew (3 keys)
  std::size_t typelibs = 5000;     // TypeLib\{…}\1.0\0\win32|win64, FLAGS, HELPDIR (7 keys)
  std::size_t appids = 5000;       // AppID\{…} (1 key)
};

struct ExportStats {
  std::size_t keys = 0;
  std::size_t bytes = 0;
};

/// Writes the export to `path` (UTF-16LE with BOM, CRLF, keys depth-first in the registry's
/// sorted order, values formatted as regedit formats them): the plan's keys under
/// HKEY_CLASSES_ROOT, among the filler of `shape`. Returns false if the file cannot be written.
bool write_synthetic_export(const Plan& plan, const ExportShape& shape, const std::string& path,
                            ExportStats& stats);

}  // namespace comreg::bench
