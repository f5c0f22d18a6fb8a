// comreg verify FILE --manifest MANIFEST: does a side-by-side manifest say what the description
// says? (The option lives on the verify subcommand; this is what it runs.)
#pragma once

#include <string>

#include "common_options.hpp"

namespace comreg::cli {

/// Prints the report (text or JSON) on stdout; returns exit_ok when the manifest matches,
/// exit_problems when it differs or either file is invalid; throws CliError when unreadable.
int run_manifest_verify(const CommonOptions& options, const std::string& manifest_path);

}  // namespace comreg::cli
