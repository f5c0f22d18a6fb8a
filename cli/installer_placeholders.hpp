// Placeholders that installer formats keep as their own references: ${installdir} written as a
// WiX property, an Inno Setup constant, a registrar variable (--property, --constant,
// --variable), or, for selfreg, as the DLL's folder at run time. Everything the CLI knows about
// symbolic placeholders is in this file pair.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "common_options.hpp"
#include "comreg/model/description.hpp"
#include "comreg/plan/plan.hpp"

namespace comreg::cli {

/// What an emitter writes from: the description and, for the registry formats, its plan.
struct EmitterInput {
  Description description = {};
  Plan plan = {};
  std::map<std::string, std::string> references = {};  // placeholder -> the format's reference
};

/// wix, rgs, inno, gpp: loads options.file with every placeholder that `references` (NAME=VALUE
/// items) names kept symbolic, and plans it. A placeholder both --define'd and referenced is a
/// usage error (CliError).
[[nodiscard]] EmitterInput plan_with_references(const CommonOptions& options,
                                                const std::vector<std::string>& references);

/// selfreg: ${installdir} symbolic (the DLL's folder at run time), planned once: the plan marks
/// the quotes that depend on whether that folder has a space.
[[nodiscard]] EmitterInput plan_for_selfreg(const CommonOptions& options);

}  // namespace comreg::cli
