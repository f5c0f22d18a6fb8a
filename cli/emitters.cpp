#include "emitters.hpp"

#include <memory>
#include <stdexcept>

#include "cli_error.hpp"
#include "command_io.hpp"
#include "comreg/core/output_file.hpp"
#include "comreg/emit/manifest_writer.hpp"
#include "comreg/emit/msix_writer.hpp"
#include "comreg/emit/reg_writer.hpp"
#include "comreg/emit/selfreg_writer.hpp"
#include "comreg/readers/manifest_merge.hpp"
#include "exit_codes.hpp"

namespace comreg::cli {
namespace {

// What the rows write from, beyond installer_placeholders.hpp.
EmitterInput description_kept(const EmitterOptions& o) {
  // Manifests name each server by its file name: ${installdir} needs no --define.
  return {.description = load(o.common, UndefinedPlaceholder::keep)};
}

EmitterInput packaged(const EmitterOptions& o) {
  // Package paths are relative to the package root: ${installdir} is kept for the writer to strip.
  return {.description = load(o.common, UndefinedPlaceholder::error, false, {"installdir"})};
}

EmitterInput planned(const EmitterOptions& o) {
  EmitterInput in{.description = load(o.common, UndefinedPlaceholder::error)};
  in.plan = make_plan(in.description, o.common.plan_options());
  return in;
}

EmitterInput planned_with_references(const EmitterOptions& o) {
  return plan_with_references(o.common, o.references);
}

EmitterInput planned_for_selfreg(const EmitterOptions& o) {
  return plan_for_selfreg(o.common);
}

std::vector<OptionSpec> no_options(EmitterOptions&) {
  return {};
}

std::string check_supported_os(const std::string& list) {
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = list.find(',', start);
    const std::string name = list.substr(start, comma - start);
    if (find_supported_os(name) == nullptr) {
      return "'" + name + "' is not one of vista, win7, win8, win81, win10";
    }
    if (comma == std::string::npos) return {};
    start = comma + 1;
  }
}

ApplicationSettings application_settings(const EmitterOptions& o) {
  ApplicationSettings settings = o.app;
  std::size_t start = 0;
  while (!o.supported_os.empty()) {
    const std::size_t comma = o.supported_os.find(',', start);
    settings.supported_os.push_back(o.supported_os.substr(start, comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return settings;
}

RegWriteOptions reg_write_options(const EmitterOptions& o) {
  RegWriteOptions options;
  options.uninstall = o.uninstall;
  options.format = o.regedit4 ? RegFormat::regedit4 : RegFormat::v5;
  return options;
}

// --merge: the existing manifest with the dependency added. What stops the merge (the file
// cannot be read or parsed, or the read-back check fails) is an input error: exit 2.
Written merged(const EmitterInput& in, const EmitterOptions& o) {
  std::string bytes;
  std::string error;
  if (!read_input(o.merge, bytes, error)) fail(error);
  const std::string name = o.merge == "-" ? "<stdin>" : o.merge;
  ManifestMergeResult result =
      merge_application_manifest(in.description, bytes, name, application_settings(o));
  if (result.diagnostics.has_errors()) {
    print_diagnostics(result.diagnostics, o.common.output_format(), stderr);
    fail_reported(exit_usage_or_io);
  }
  return {std::move(result.xml), std::move(result.diagnostics)};
}

// The installer formats' writers, each given the assembly name and the references.
template <InstallerWriteResult (*writer)(const Plan&, const InstallerWriteOptions&)>
Written installer(const EmitterInput& in, const EmitterOptions& o) {
  InstallerWriteOptions options = o.write;
  options.name = in.description.assembly.name;
  options.references = in.references;
  options.wix_schema = o.wix == "3" ? WixSchema::v3 : WixSchema::v4;
  options.rgs_root = o.common.scope.empty() ? RgsRoot::classes_root : RgsRoot::scope;
  InstallerWriteResult result = writer(in.plan, options);
  return {std::move(result.text), std::move(result.diagnostics)};
}

const std::vector<Emitter> table{
    {.name = "plan",
     .help = "Print the registry operations of a description",
     .footer = "Examples:\n  comreg plan widgets.json --define installdir=C:\\\\Contoso\n"
               "  comreg plan widgets.json -D installdir=C:\\\\Contoso --scope machine --view 32 "
               "--format json",
     .registry = true,
     .options = no_options,
     .prepare = planned,
     .write = [](const EmitterInput& in, const EmitterOptions& o) -> Written {
       return {o.common.output_format() == OutputFormat::json ? plan_to_json(in.plan)
                                                              : plan_to_text(in.plan),
               {}};
     },
     .write_to =
         [](const EmitterInput& in, const EmitterOptions& o, ByteSink& out) {
           if (o.common.output_format() == OutputFormat::json) {
             plan_to_json(in.plan, out);
           } else {
             plan_to_text(in.plan, out);
           }
           return Diagnostics{};
         },
     .streams_to_stdout = true,
     .file_writing_forms = {{"{input}", "-D", "installdir=C:\\Contoso", "-o", "{output}"}}},

    {.name = "reg",
     .help = "Write a .reg file (regedit / reg import)",
     .footer = "Examples:\n  comreg reg widgets.json -D installdir=C:\\\\Contoso -o widgets.reg\n"
               "  comreg reg widgets.json -D installdir=C:\\\\Contoso --scope machine "
               "--uninstall -o widgets-uninstall.reg",
     .registry = true,
     .options = [](EmitterOptions& o) -> std::vector<OptionSpec> {
       return {{.names = "--uninstall",
                .help = "Write the file that removes the registration ([-key] for the keys "
                        "the server owns, \"name\"=- for values in shared keys)",
                .target = &o.uninstall},
               {.names = "--regedit4",
                .help = "Write the old REGEDIT4 format (8-bit, ASCII only) instead of version "
                        "5.00 (UTF-16LE)",
                .target = &o.regedit4}};
     },
     .prepare = planned,
     .write = [](const EmitterInput& in, const EmitterOptions& o) -> Written {
       RegWriteResult result = write_reg(in.plan, reg_write_options(o));
       return {std::move(result.bytes), std::move(result.diagnostics)};
     },
     .write_to = [](const EmitterInput& in, const EmitterOptions& o,
                    ByteSink& out) { return write_reg(in.plan, reg_write_options(o), out); },
     .file_writing_forms = {{"{input}", "-D", "installdir=C:\\Contoso", "-o", "{output}"},
                            {"{input}", "--regedit4", "-D", "installdir=C:\\Contoso", "-o",
                             "{output}"},
                            {"{input}", "--uninstall", "-D", "installdir=C:\\Contoso", "-o",
                             "{output}"}}},

    {.name = "manifest",
     .help = "Write the side-by-side manifest for registration-free COM",
     .footer = "The component manifest names each server by its file name, so ${installdir} "
               "needs no --define here. Classes that cannot be registration-free (local "
               "servers, surrogates, handlers) are reported as warnings.\n\nExamples:\n"
               "  comreg manifest widgets.json -o Contoso.Widgets.manifest\n"
               "  comreg manifest widgets.json --application client.exe -o client.exe.manifest",
     .registry = false,
     .options = [](EmitterOptions& o) -> std::vector<OptionSpec> {
       return {{.names = "--application",
                .help = "Write the manifest of the application EXE_NAME that depends on the "
                        "assembly (save it as EXE_NAME.manifest beside the executable)",
                .target = &o.application,
                .type_name = "EXE_NAME"},
               {.names = "--fragment",
                .help = "Write only the <dependency> element, to merge into an existing "
                        "application manifest",
                .target = &o.fragment,
                .excludes = "--application"},
               {.names = "--supported-os",
                .help = "Declare the Windows versions the application supports "
                        "(compatibility/supportedOS), a comma-separated list of vista, win7, win8, "
                        "win81, win10 (Windows 10 and 11)",
                .target = &o.supported_os,
                .check = check_supported_os,
                .check_description = "LIST",
                .check_name = "supported-os",
                .type_name = "LIST",
                .needs = "--application"},
               {.names = "--execution-level",
                .help = "The execution level the application requests (trustInfo, uiAccess "
                        "false)",
                .target = &o.app.execution_level,
                .choices = {"asInvoker", "highestAvailable", "requireAdministrator"},
                .needs = "--application"},
               {.names = "--dpi-aware",
                .help = "The DPI awareness of the application (both dpiAware and dpiAwareness "
                        "in windowsSettings)",
                .target = &o.app.dpi_awareness,
                .choices = {"unaware", "system", "permonitor", "permonitorv2"},
                .needs = "--application"},
               {.names = "--long-path-aware",
                .help = "Declare the application aware of paths longer than MAX_PATH "
                        "(windowsSettings/longPathAware)",
                .target = &o.app.long_path_aware,
                .needs = "--application"},
               {.names = "--common-controls",
                .help = "Depend on Common Controls 6 (Microsoft.Windows.Common-Controls "
                        "6.0.0.0), for visual styles",
                .target = &o.app.common_controls,
                .needs = "--application"},
               {.names = "--merge",
                .help = "Add the dependency and the options above to the existing application "
                        "manifest EXISTING, keeping everything in it; a value it sets otherwise "
                        "is replaced, with a warning",
                .target = &o.merge,
                .type_name = "EXISTING",
                .needs = "--application"}};
     },
     .prepare = description_kept,
     .write = [](const EmitterInput& in, const EmitterOptions& o) -> Written {
       if (!o.merge.empty()) return merged(in, o);
       ManifestResult result =
           o.fragment ? write_dependency_fragment(in.description)
           : o.application.empty()
               ? write_component_manifest(in.description)
               : write_application_manifest(in.description, o.application, application_settings(o));
       return {std::move(result.xml), std::move(result.diagnostics)};
     },
     .file_writing_forms = {{"{input}", "-o", "{output}"},
                            {"{input}", "--application", "client.exe", "-o", "{output}"},
                            {"{input}", "--fragment", "-o", "{output}"}}},

    {.name = "msix",
     .help = "Write the AppxManifest.xml extensions that declare the servers as packaged COM "
             "(MSIX)",
     .footer = "Server and type library paths must be ${installdir}\\FILE: they become paths "
               "relative to the package root. What packaged COM cannot express is reported as "
               "warnings.\n\nExample:\n  comreg msix widgets.json -o AppxManifest-com.xml",
     .registry = false,
     .options = no_options,
     .prepare = packaged,
     .write = [](const EmitterInput& in, const EmitterOptions&) -> Written {
       MsixResult result = write_msix(in.description);
       return {std::move(result.xml), std::move(result.diagnostics)};
     },
     .file_writing_forms = {{"{input}", "-o", "{output}"}}},

    {.name = "wix",
     .help = "Write a WiX fragment (.wxs, v4 or v3) that registers the servers through MSI's "
             "Registry table",
     .footer = "Example:\n  comreg wix widgets.json --scope machine --property "
               "installdir=INSTALLFOLDER -o widgets.wxs",
     .registry = true,
     .options = [](EmitterOptions& o) -> std::vector<OptionSpec> {
       OptionSpec directory{.names = "--directory",
                            .help = "Directory id of the ComponentGroup",
                            .target = &o.write.wix_directory,
                            .show_default = true};
       OptionSpec schema{.names = "--wix",
                         .help = "WiX schema: 4 (WiX 4 and later), or 3 (WiX 3, msitools' wixl)",
                         .target = &o.wix,
                         .choices = {"4", "3"},
                         .show_default = true};
       return {reference_option("--property",
                                "Write ${NAME} as the directory property [PROPERTY] (its "
                                "trailing backslash replaces the one after the placeholder)",
                                "PROPERTY", o.references),
               directory, schema};
     },
     .prepare = planned_with_references,
     .write = installer<write_wix>,
     .file_writing_forms = {{"{input}", "--scope", "machine", "--property",
                             "installdir=INSTALLFOLDER", "-o", "{output}"},
                            {"{input}", "--wix", "3", "--scope", "machine", "--property",
                             "installdir=INSTALLFOLDER", "-o", "{output}"}}},

    {.name = "rgs",
     .help = "Write an ATL registrar script (.rgs)",
     .footer = "Examples:\n  comreg rgs widgets.json --module widgets.dll --variable "
               "installdir=INSTALLDIR -o widgets.rgs\n"
               "  comreg rgs widgets.json --scope machine --module widgets.dll "
               "--variable installdir=INSTALLDIR -o widgets-hklm.rgs",
     .registry = true,
     .options = [](EmitterOptions& o) -> std::vector<OptionSpec> {
       OptionSpec module{.names = "--module",
                         .help =
                             "File name of the server the script is for: its path is "
                             "written %MODULE%",
                         .target = &o.write.rgs_module};
       return {module, reference_option("--variable",
                                        "Write ${NAME} as the registrar replacement %VARIABLE% "
                                        "(added by the server with AddReplacement)",
                                        "VARIABLE", o.references)};
     },
     .prepare = planned_with_references,
     .write = installer<write_rgs>,
     .file_writing_forms = {{"{input}", "--scope", "machine", "--variable", "installdir=INSTALLDIR",
                             "-o", "{output}"},
                            {"{input}", "--variable", "installdir=INSTALLDIR", "-o", "{output}"}},
     .scope_help = "Root the keys at HKEY_LOCAL_MACHINE\\Software\\Classes (machine) or "
                   "HKEY_CURRENT_USER\\Software\\Classes (user); without it they are rooted at "
                   "HKCR, which ATL's registrar maps to either when it runs, as in ATL projects"},

    {.name = "inno",
     .help = "Write an Inno Setup [Registry] section",
     .footer = "Example:\n  comreg inno widgets.json --scope machine --constant installdir=app "
               "-o registry.iss",
     .registry = true,
     .options = [](EmitterOptions& o) -> std::vector<OptionSpec> {
       return {reference_option("--constant", "Write ${NAME} as the Inno Setup constant {CONSTANT}",
                                "CONSTANT", o.references)};
     },
     .prepare = planned_with_references,
     .write = installer<write_inno>,
     .file_writing_forms = {{"{input}", "--constant", "installdir=app", "-o", "{output}"}}},

    {.name = "gpp",
     .help = "Write Group Policy Preferences registry items (Registry.xml)",
     .footer = "Example:\n  comreg gpp widgets.json --scope machine -D 'installdir=C:\\\\Program "
               "Files\\\\Contoso' -o Registry.xml",
     .registry = true,
     .options = [](EmitterOptions& o) -> std::vector<OptionSpec> {
       return {{.names = "--uninstall",
                .help = "Items that remove the registration (delete the keys the server owns, "
                        "and its values in shared keys)",
                .target = &o.write.uninstall}};
     },
     .prepare = planned_with_references,
     .write = installer<write_gpp>,
     .file_writing_forms = {{"{input}", "-D", "installdir=C:\\Contoso", "-o", "{output}"},
                            {"{input}", "--uninstall", "-D", "installdir=C:\\Contoso", "-o",
                             "{output}"}}},

    {.name = "selfreg",
     .help = "Write C++ (Windows API only) implementing DllRegisterServer/DllUnregisterServer; "
             "${installdir} is the DLL's folder at run time",
     .footer = "Example:\n  comreg selfreg widgets.json --scope machine -o selfreg.cpp\n"
               "  (add selfreg.cpp to the DLL's sources; export DllRegisterServer and "
               "DllUnregisterServer in its .def file)",
     .registry = true,
     .options = [](EmitterOptions& o) -> std::vector<OptionSpec> {
       return {{.names = "--per-user-fallback",
                .help = "With --scope machine: register per user "
                        "(HKEY_CURRENT_USER\\Software\\Classes) when HKLM cannot be written, as "
                        "when regsvr32 runs without elevation",
                .target = &o.per_user_fallback}};
     },
     .prepare = planned_for_selfreg,
     .write = [](const EmitterInput& in, const EmitterOptions& o) -> Written {
       SelfregWriteOptions options;
       options.per_user_fallback = o.per_user_fallback;
       options.source_name = o.common.file == "-" ? "<stdin>" : o.common.file;
       const std::size_t slash = options.source_name.find_last_of("/\\");
       if (slash != std::string::npos) options.source_name.erase(0, slash + 1);
       InstallerWriteResult result = write_selfreg(in.plan, options);
       return {std::move(result.text), std::move(result.diagnostics)};
     },
     .file_writing_forms = {{"{input}", "--scope", "machine", "-o", "{output}"},
                            {"{input}", "--scope", "machine", "--per-user-fallback", "-o",
                             "{output}"}}},
};

}  // namespace

const std::vector<Emitter>& emitters() {
  return table;
}

const Emitter& emitter(const std::string& name) {
  for (const auto& row : table) {
    if (name == row.name) return row;
  }
  throw std::out_of_range("no emitter " + name);
}

int run_emitter(const Emitter& row, const EmitterOptions& options) {
  auto owned = std::make_unique<EmitterInput>(row.prepare(options));
  const EmitterInput& input = *owned;
  // Freeing a 10,000-class model and plan block by block (700,000 blocks) was a tenth of
  // `comreg reg`'s instructions.
  free_at_exit(owned);
  const std::string& path = options.common.output;
  if (row.write_to != nullptr && row.streams_to_stdout && (path.empty() || path == "-")) {
    StandardOutput out;
    const Diagnostics diagnostics = row.write_to(input, options, out);
    if (!diagnostics.empty()) {
      print_diagnostics(diagnostics, options.common.output_format(), stderr);
    }
    return diagnostics.has_errors() ? exit_problems : exit_ok;
  }
  if (row.write_to != nullptr && !path.empty() && path != "-") {
    AtomicOutputFile file(path);
    const Diagnostics diagnostics = row.write_to(input, options, file);
    if (!diagnostics.empty()) {
      print_diagnostics(diagnostics, options.common.output_format(), stderr);
    }
    if (diagnostics.has_errors()) return exit_problems;  // the file's destructor drops it
    commit(file);
    return exit_ok;
  }
  const Written written = row.write(input, options);
  if (!written.diagnostics.empty()) {
    print_diagnostics(written.diagnostics, options.common.output_format(), stderr);
  }
  if (written.diagnostics.has_errors()) return exit_problems;
  emit(options.common.output, written.bytes);
  return exit_ok;
}

CommandSpec emitter_command(const Emitter& row) {
  auto options = std::make_shared<EmitterOptions>();
  CommandSpec c{.name = row.name, .help = row.help, .footer = row.footer};
  c.options = common_options(options->common, row.registry, /*output=*/true);
  if (row.scope_help != nullptr) {
    options->common.scope.clear();  // "" unless given (read when the command runs)
    for (auto& o : c.options) {
      if (o.names != "--scope") continue;
      o.help = row.scope_help;
      o.show_default = false;
    }
  }
  for (auto& o : row.options(*options)) c.options.push_back(std::move(o));
  c.run = [&row, options]() { return run_emitter(row, *options); };
  for (const auto& form : row.file_writing_forms) {
    std::vector<std::string> args{row.name};
    args.insert(args.end(), form.begin(), form.end());
    c.file_writing_forms.push_back(std::move(args));
  }
  return c;
}

}  // namespace comreg::cli
