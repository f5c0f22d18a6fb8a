// The shape the installer-format subcommands (wix, rgs, inno, gpp, selfreg) share: load the
// description with some placeholders kept symbolic, plan, write one text, emit it.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "cli_options.hpp"

namespace comreg::cli {

/// Adds a repeatable NAME=VALUE option that maps placeholders to the format's references.
void add_reference_option(CLI::App& sub, const std::string& flag, const std::string& help,
                          const std::string& value_name, std::vector<std::string>& out);

/// Loads options.file as load() does, with every placeholder in `symbolic` kept symbolic
/// (LoadOptions::symbolic): the plan carries it to the writer. A placeholder both --define'd
/// and symbolic is a usage error.
int load_symbolic(const CommonOptions& options, const std::vector<std::string>& symbolic,
                  Description& out);

/// The earlier form, until cmd_installers.cpp calls the one above: `spaced` no longer means
/// anything (the plan says which quotes depend on the folder).
inline int load_symbolic(const CommonOptions& options, const std::vector<std::string>& symbolic,
                         bool /*spaced*/, Description& out) {
  return load_symbolic(options, symbolic, out);
}

/// NAME=VALUE items -> map (the option's validator has checked them).
[[nodiscard]] std::map<std::string, std::string> to_map(const std::vector<std::string>& items);

}  // namespace comreg::cli
