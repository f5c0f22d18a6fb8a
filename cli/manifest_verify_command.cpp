#include "manifest_verify_command.hpp"

#include "cli_error.hpp"
#include "command_io.hpp"
#include "comreg/core/output_file.hpp"
#include "comreg/readers/manifest_reader.hpp"
#include "exit_codes.hpp"

namespace comreg::cli {

int run_manifest_verify(const CommonOptions& options, const std::string& manifest_path) {
  const bool json = options.output_format() == OutputFormat::json;
  // A manifest names servers by file name only, so placeholders need no --define.
  const Description description = load(options, UndefinedPlaceholder::keep);
  std::string bytes;
  std::string error;
  if (!read_input(manifest_path, bytes, error)) fail(error);
  const std::string name = manifest_path == "-" ? "<stdin>" : manifest_path;
  const ManifestReadResult manifest = read_manifest(bytes, name);
  if (!manifest.diagnostics.empty()) {
    print_diagnostics(manifest.diagnostics, options.output_format(), json ? stdout : stderr);
  }
  if (!manifest.manifest) return exit_problems;
  const ManifestVerifyReport report = verify_manifest(description, *manifest.manifest);
  if (!report.diagnostics.empty()) {
    print_diagnostics(report.diagnostics, options.output_format(), stderr);
  }
  const std::string text = format_manifest_verify_report(report, json);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return report.ok() ? exit_ok : exit_problems;
}

}  // namespace comreg::cli
