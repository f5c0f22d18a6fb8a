// comreg selfreg FILE -o selfreg.cpp: DllRegisterServer / DllUnregisterServer in C++ that
// apply the plan, for servers that must keep working with regsvr32.
#include <memory>

#include "commands.hpp"
#include "comreg/emit/selfreg_writer.hpp"
#include "exit_codes.hpp"
#include "installer_command.hpp"

namespace comreg::cli {

Command add_selfreg_command(CLI::App& app) {
  auto options = std::make_shared<CommonOptions>();
  auto fallback = std::make_shared<bool>(false);
  CLI::App* sub = app.add_subcommand(
      "selfreg",
      "Write C++ (Windows API only) implementing DllRegisterServer/DllUnregisterServer; "
      "${installdir} is the DLL's folder at run time");
  add_common_options(*sub, *options, /*registry=*/true, /*output=*/true);
  sub->add_flag("--per-user-fallback", *fallback,
                "With --scope machine: register per user (HKEY_CURRENT_USER\\Software\\Classes) "
                "when HKLM cannot be written, as when regsvr32 runs without elevation");
  sub->footer(
      "Example:\n  comreg selfreg widgets.json --scope machine -o selfreg.cpp\n"
      "  (add selfreg.cpp to the DLL's sources; export DllRegisterServer and "
      "DllUnregisterServer in its .def file)");
  return {sub, [options, fallback]() -> int {
            // ${installdir} is the DLL's folder, known only at run time: kept symbolic.
            Description description;
            if (const int rc = load_symbolic(*options, {"installdir"}, description); rc != exit_ok)
              return rc;
            SelfregWriteOptions write;
            write.per_user_fallback = *fallback;
            write.source_name = options->file == "-" ? "<stdin>" : options->file;
            const std::size_t slash = write.source_name.find_last_of("/\\");
            if (slash != std::string::npos) write.source_name.erase(0, slash + 1);
            const InstallerWriteResult result =
                write_selfreg(make_plan(description, options->plan_options()), write);
            if (!result.diagnostics.empty()) {
              print_diagnostics(result.diagnostics, options->output_format(), stderr);
            }
            if (result.diagnostics.has_errors()) return exit_problems;
            return emit(*options, result.text);
          }};
}

}  // namespace comreg::cli
