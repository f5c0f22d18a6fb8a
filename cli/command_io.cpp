#include "command_io.hpp"

#include <vector>

#include "cli_error.hpp"
#include "comreg/core/output_file.hpp"
#include "run_cli.hpp"

namespace comreg::cli {
namespace {

bool ends_after_command = false;

}  // namespace

void end_process_after_command() {
  ends_after_command = true;
}

bool process_ends_after_command() {
  return ends_after_command;
}

void keep_until_exit(std::shared_ptr<void> object) {
  // Never deleted, and no destructor of it runs at exit: the system takes the memory back.
  static auto* const kept = new std::vector<std::shared_ptr<void>>();
  kept->push_back(std::move(object));
}

LoadOptions load_options(const CommonOptions& options, UndefinedPlaceholder placeholders) {
  LoadOptions out;
  out.undefined_placeholder = placeholders;
  for (const auto& d : options.defines) {
    const auto eq = d.find('=');
    out.defines[d.substr(0, eq)] = d.substr(eq + 1);
  }
  return out;
}

Description load(const CommonOptions& options, UndefinedPlaceholder placeholders,
                 bool diagnostics_to_stdout, const std::set<std::string>& symbolic) {
  std::string text;
  std::string error;
  if (!read_input(options.file, text, error)) fail(error);
  LoadOptions how = load_options(options, placeholders);
  how.symbolic = symbolic;
  const std::string name = options.file == "-" ? "<stdin>" : options.file;
  LoadResult result = load_description(text, name, how);
  if (!result.diagnostics.empty() || diagnostics_to_stdout) {
    print_diagnostics(result.diagnostics, options.output_format(),
                      diagnostics_to_stdout ? stdout : stderr);
  }
  if (!result.description) fail_reported(exit_problems);
  return std::move(*result.description);
}

void emit(const std::string& path, std::string_view bytes) {
  std::string error;
  if (!write_output(path, bytes, error)) fail(error);
}

void commit(AtomicOutputFile& file) {
  std::string error;
  if (!file.commit(error)) fail(error);
}

}  // namespace comreg::cli
