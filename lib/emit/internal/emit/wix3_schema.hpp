// The WiX v4 fragment that WixWriter builds, said in the WiX v3 schema
// (http://schemas.microsoft.com/wix/2006/wi): what WiX 3 and msitools' wixl read.
#pragma once

#include "emit/xml_tree.hpp"

namespace comreg {

/// Rewrites `wix` (a <Wix> element of WixWriter's v4 fragment, or any element in it, with its
/// children) in place into v3's words: the
/// namespace, Component Bitness="always64|always32" as Win64="yes|no", and MultiStringValue's
/// Value attribute as its text. Everything else (Ids, Guids, RegistryKey Root/Key and its
/// ForceCreateOnInstall/ForceDeleteOnUninstall, RegistryValue) has the same name in both.
void translate_to_wix3(xml::Element& wix);

}  // namespace comreg
