// Reading a description and writing a command's output, the way every command does.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "common_options.hpp"
#include "comreg/core/output_file.hpp"
#include "comreg/description/description_loader.hpp"
#include "comreg/model/description.hpp"

namespace comreg::cli {

/// How options.file is loaded: --define's placeholders (checked NAME=VALUE by the option
/// itself), and what an undefined one does.
[[nodiscard]] LoadOptions load_options(const CommonOptions& options,
                                       UndefinedPlaceholder placeholders);

/// Loads and validates options.file, printing its diagnostics (stderr, or stdout for JSON when
/// `diagnostics_to_stdout`). Throws CliError when it cannot be read (exit 2) or is invalid
/// (exit 1, its diagnostics printed). Placeholders named in `symbolic` stay ${name} in the
/// model (LoadOptions::symbolic), for the installer formats to write as their own references.
[[nodiscard]] Description load(const CommonOptions& options, UndefinedPlaceholder placeholders,
                               bool diagnostics_to_stdout = false,
                               const std::set<std::string>& symbolic = {});

/// Writes `bytes` atomically to `path` ("" = standard output); throws CliError when it cannot.
void emit(const std::string& path, std::string_view bytes);

/// Standard output as a ByteSink: each piece is written as it comes (as emit() writes it).
class StandardOutput final : public ByteSink {
 public:
  void write(std::string_view bytes) override { emit("", bytes); }
};

/// Whether main() said the process ends after this command (end_process_after_command()).
[[nodiscard]] bool process_ends_after_command();

/// Holds `object` until the process ends (reachable, so no leak to a leak checker).
void keep_until_exit(std::shared_ptr<void> object);

/// When the process ends after this command, moves `object` where the exit frees it with the
/// rest of the memory: a command's description, plan, report or hive tree is hundreds of
/// thousands of blocks, and freeing them one by one was 3-11 % of a command's instructions.
/// Otherwise (in-process callers) leaves it to be destroyed as usual. Only for objects whose
/// destructors free memory and nothing else that must happen before the exit.
template <class T>
void free_at_exit(T& object) {
  if (process_ends_after_command()) keep_until_exit(std::make_shared<T>(std::move(object)));
}

/// Renames a file written in pieces over its target; throws CliError when it cannot.
void commit(AtomicOutputFile& file);

}  // namespace comreg::cli
