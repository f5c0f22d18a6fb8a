// comreg import SOURCE [-o FILE]: a description reconstructed from a registry that registers
// COM servers: a .reg export, or hive:PATH (an offline hive file). comreg import --typelib
// FILE builds one from a type library instead (typelib_import_command.hpp).
#include <memory>

#include "cli_error.hpp"
#include "command_io.hpp"
#include "commands.hpp"
#include "common_options.hpp"
#include "comreg/description/description_writer.hpp"
#include "comreg/import/importer.hpp"
#include "comreg/open/registry_open.hpp"
#include "exit_codes.hpp"
#include "typelib_import_command.hpp"

namespace comreg::cli {
namespace {

struct ImportCommandOptions {
  std::string source;  // a .reg file, or hive:PATH
  std::string scope = "machine";
  std::string view = "64";
  std::string format = "text";
  std::string output;
  std::string hive_mount;
  std::string assembly_name = "Imported.Registrations";
  std::string assembly_version = "1.0.0.0";
};

// The registry SOURCE names; throws CliError when it cannot be opened.
std::unique_ptr<RegistryBackend> open_source(const ImportCommandOptions& o, Scope scope,
                                             OutputFormat format) {
  RegistrySpec spec = parse_registry_source(o.source);
  spec.mount = o.hive_mount;
  RegistryOpenOptions options;
  options.scope = scope;
  Diagnostics diagnostics;
  OpenedRegistry opened = open_registry(spec, options, diagnostics);
  if (!opened.backend) {
    // As verify reports it: the file, the reason, what to pass instead.
    print_diagnostics(diagnostics, format, stderr);
    fail_reported(exit_usage_or_io);
  }
  // A dirty hive is read with its logs replayed (or as it is), with a warning.
  if (!diagnostics.empty()) print_diagnostics(diagnostics, format, stderr);
  return std::move(opened.backend);
}

int run(const ImportCommandOptions& o) {
  const OutputFormat format = o.format == "json" ? OutputFormat::json : OutputFormat::text;
  if (o.source.empty()) fail("import needs a SOURCE (a .reg file, or hive:PATH) or --typelib FILE");
  ImportOptions options;
  options.scope = o.scope == "user" ? Scope::user : Scope::machine;
  options.view = o.view == "32" ? View::v32 : View::v64;
  options.assembly_name = o.assembly_name;
  options.assembly_version = o.assembly_version;
  const auto registry = open_source(o, options.scope, format);

  const ImportResult result = import_registry(*registry, options);
  // The report goes where the description does not: stdout when -o names a file.
  std::FILE* report = o.output.empty() ? stderr : stdout;
  const std::string unmapped =
      format_unmapped(result.unmapped, format == OutputFormat::json, result.normalized);
  std::fwrite(unmapped.data(), 1, unmapped.size(), report);
  std::size_t classes = 0;
  for (const auto& s : result.description.servers) classes += s.classes.size();
  if (classes == 0) {
    fail("no COM class in " + o.source + " under " + classes_root(options.scope) +
             " could be imported (see the unmapped keys above)",
         exit_problems);
  }
  if (format == OutputFormat::text) {
    std::fprintf(report,
                 "imported %zu classes in %zu servers, %zu AppIDs, %zu type libraries, %zu "
                 "interfaces, %zu categories; %zu ProgIDs kept with legacyNames\n",
                 classes, result.description.servers.size(), result.description.appids.size(),
                 result.description.typelibs.size(), result.description.interfaces.size(),
                 result.description.categories.size(), result.legacy_names);
  }
  emit(o.output, description_to_json(result.description));
  return exit_ok;
}

}  // namespace

CommandSpec import_command() {
  auto o = std::make_shared<ImportCommandOptions>();
  auto tlb = std::make_shared<TypeLibImportCommandOptions>();
  CommandSpec c{
      .name = "import",
      .help =
          "Reconstruct a description from a registry that registers COM servers, or from a "
          "type library (--typelib)",
      .footer =

          "Keys that the description format cannot carry exactly are listed as unmapped (stderr, "
          "or stdout with -o), never dropped silently; what is imported verifies against the "
          "source. ProgIDs that break the naming rules are kept, with \"legacyNames\": true.\n\n"
          "Examples:\n"
          "  comreg import classes.reg -o imported.json\n"
          "  comreg import hive:SOFTWARE --scope machine -o imported.json --format json\n"
          "  comreg import hive:UsrClass.dat --scope user --hive-mount "
          "'HKEY_CURRENT_USER\\Software\\Classes'\n"
          "  comreg import --typelib widgets.tlb --path '${installdir}\\widgets.dll' -o "
          "widgets.json\n"
          "  comreg import --typelib widgets.dll --progid 'Contoso.{coclass}.1' --into "
          "widgets.json "
          "-o widgets.json",
      .options = {{.names = "SOURCE",
                   .help = "A .reg file (regedit, reg export), or hive:PATH",
                   .target = &o->source},
                  {.names = "--typelib",
                   .help = "Instead of SOURCE: a type library (.tlb, or a DLL/EXE with a TYPELIB "
                           "resource), read the way mt.exe -tlb reads it",
                   .target = &tlb->typelib,
                   .type_name = "FILE",
                   .excludes = "SOURCE"},
                  output_option(o->output,
                                "The description (default: standard output); written "
                                "atomically"),
                  scope_option(o->scope,
                               "Which classes root to read: machine "
                               "(HKEY_LOCAL_MACHINE\\Software\\Classes) or user "
                               "(HKEY_CURRENT_USER\\Software\\Classes)"),
                  view_option(o->view,
                              "64, or 32 (CLSID and Interface keys under Wow6432Node; x86 "
                              "servers)"),
                  format_option(o->format, "The report of unmapped keys as text or json",
                                {"text", "json"}),
                  hive_mount_option(o->hive_mount,
                                    "For hive:PATH: the key the hive's root stands for (default "
                                    "HKEY_LOCAL_MACHINE\\SOFTWARE with --scope machine, "
                                    "HKEY_CURRENT_USER\\Software\\Classes, a UsrClass.dat, "
                                    "with user)"),
                  {.names = "--assembly-name",
                   .help = "assembly.name of the description",
                   .target = &o->assembly_name,
                   .show_default = true},
                  {.names = "--assembly-version",
                   .help = "assembly.version of the description",
                   .target = &o->assembly_version,
                   .show_default = true}},
      .run =
          [o, tlb] {
            if (tlb->typelib.empty()) return run(*o);
            tlb->output = o->output;
            tlb->format = o->format;
            return run_typelib_import(*tlb);
          },
      // It writes a description, but reads a registry or a type library: the hostile .reg
      // files are tests/hostile/reg_corpus_test.cpp's.
      .reads_description = false};
  for (auto& option : typelib_import_options(*tlb, "--typelib")) c.options.push_back(option);
  return c;
}

}  // namespace comreg::cli
