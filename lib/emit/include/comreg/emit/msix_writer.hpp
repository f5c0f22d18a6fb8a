// MsixWriter: packaged COM, the <Extensions> an AppxManifest.xml declares for the servers of a
// description (docs/installers.md, "MSIX").
#pragma once

#include <string>

#include "comreg/core/diagnostics.hpp"
#include "comreg/model/description.hpp"

namespace comreg {

struct MsixResult {
  std::string xml;          // UTF-8 document; empty when diagnostics has errors
  Diagnostics diagnostics;  // warnings for what packaged COM cannot express; errors for paths
                            // outside the package and values the schema refuses
};

/// A <Package> skeleton holding the two places packaged COM is declared: the classes under
/// Applications/Application/Extensions (com:Extension windows.comServer, and com4:Extension for
/// in-process servers), the interfaces, proxy/stubs and type libraries under Package/Extensions
/// (com:Extension windows.comInterface), with every namespace declared on the root. Server and
/// type library paths are `${installdir}\…` and become paths relative to the package root; the
/// description must be loaded with "installdir" symbolic (LoadOptions::symbolic).
[[nodiscard]] MsixResult write_msix(const Description& description);

}  // namespace comreg
