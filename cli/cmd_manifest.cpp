// comreg manifest FILE: side-by-side manifests for registration-free COM.
#include <memory>

#include "commands.hpp"
#include "comreg/emit/manifest_writer.hpp"
#include "exit_codes.hpp"

namespace comreg::cli {

Command add_manifest_command(CLI::App& app) {
  auto options = std::make_shared<CommonOptions>();
  auto application = std::make_shared<std::string>();
  auto fragment = std::make_shared<bool>(false);
  CLI::App* sub =
      app.add_subcommand("manifest", "Write the side-by-side manifest for registration-free COM");
  add_common_options(*sub, *options, /*registry=*/false, /*output=*/true);
  auto* app_option =
      sub->add_option("--application", *application,
                      "Write the manifest of the application EXE_NAME that depends on the assembly "
                      "(save it as EXE_NAME.manifest beside the executable)");
  app_option->type_name("EXE_NAME");
  sub->add_flag("--fragment", *fragment,
                "Write only the <dependency> element, to merge into an existing application "
                "manifest")
      ->excludes(app_option);
  sub->footer(
      "The component manifest names each server by its file name, so ${installdir} needs no "
      "--define here. Classes that cannot be registration-free (local servers, surrogates, "
      "handlers) are reported as warnings.\n\nExamples:\n"
      "  comreg manifest widgets.json -o Contoso.Widgets.manifest\n"
      "  comreg manifest widgets.json --application client.exe -o client.exe.manifest");
  return {
      sub, [options, application, fragment]() -> int {
        Description description;
        if (const int rc = load(*options, UndefinedPlaceholder::keep, description); rc != exit_ok) {
          return rc;
        }
        const ManifestResult result = *fragment ? write_dependency_fragment(description)
                                      : application->empty()
                                          ? write_component_manifest(description)
                                          : write_application_manifest(description, *application);
        if (!result.diagnostics.empty()) {
          print_diagnostics(result.diagnostics, options->output_format(), stderr);
        }
        if (result.diagnostics.has_errors()) return exit_problems;
        return emit(*options, result.xml);
      }};
}

}  // namespace comreg::cli
