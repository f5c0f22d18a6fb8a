// The commands that write one file from a description (plan, reg, manifest, wix, rgs, inno,
// gpp, selfreg) as rows of one table, run by one function: load -> plan -> write -> atomic
// output. A row names its options beyond the common ones, what it writes from and its writer.
#pragma once

#include <string>
#include <vector>

#include "common_options.hpp"
#include "comreg/core/diagnostics.hpp"
#include "comreg/core/output_file.hpp"
#include "comreg/emit/application_settings.hpp"
#include "comreg/emit/installer_writers.hpp"
#include "installer_placeholders.hpp"
#include "option_spec.hpp"

namespace comreg::cli {

/// The values of the emitters' options; each row declares and reads the ones it needs.
struct EmitterOptions {
  CommonOptions common;
  bool uninstall = false;               // reg --uninstall
  bool regedit4 = false;                // reg --regedit4
  std::string application;              // manifest --application
  bool fragment = false;                // manifest --fragment
  std::string supported_os;             // manifest --supported-os (comma-separated)
  ApplicationSettings app;              // manifest --execution-level, --dpi-aware, ...
  std::string merge;                    // manifest --merge
  std::vector<std::string> references;  // wix --property, rgs --variable, inno --constant
  InstallerWriteOptions write;          // wix --directory, rgs --module, gpp --uninstall
  std::string wix = "4";                // wix --wix
  bool per_user_fallback = false;       // selfreg --per-user-fallback
};

/// What a writer produced: the bytes, or errors (and warnings either way).
struct Written {
  std::string bytes;
  Diagnostics diagnostics;
};

/// One row of the emitter table.
struct Emitter {
  const char* name;
  const char* help;
  const char* footer;
  bool registry;                                        // takes --scope and --view
  std::vector<OptionSpec> (*options)(EmitterOptions&);  // beyond the common ones, --help order
  EmitterInput (*prepare)(const EmitterOptions&);       // load (and plan)
  Written (*write)(const EmitterInput&, const EmitterOptions&);
  /// When set, used instead of `write` for an output file: the writer hands the file its bytes
  /// as it goes (a large .reg is never held whole); the file is kept only without errors.
  Diagnostics (*write_to)(const EmitterInput&, const EmitterOptions&, ByteSink&) = nullptr;
  /// write_to never reports errors, so standard output may get its bytes as they come too.
  bool streams_to_stdout = false;
  /// The ways of running it that write a file, for the hostile runs (see CommandSpec).
  std::vector<std::vector<std::string>> file_writing_forms;
  /// When set, --scope has no default (CommonOptions::scope stays "" unless given: the writer
  /// decides; the plan is per user) and this help.
  const char* scope_help = nullptr;
};

/// The table, in no particular order (command_table.cpp orders the commands for --help).
[[nodiscard]] const std::vector<Emitter>& emitters();

/// The row named `name`; throws std::out_of_range when there is none.
[[nodiscard]] const Emitter& emitter(const std::string& name);

/// The subcommand of a row: common options (with -o), the row's own, run_emitter().
[[nodiscard]] CommandSpec emitter_command(const Emitter& row);

/// Loads, plans and writes as `row` says; prints the writer's diagnostics; writes the output
/// atomically. Returns exit_problems when the writer reported errors (nothing is written).
int run_emitter(const Emitter& row, const EmitterOptions& options);

}  // namespace comreg::cli
