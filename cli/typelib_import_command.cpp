// comreg import --typelib FILE [-o OUT]: read the type library, build the description, check
// it by loading the JSON it writes back (so what is written always validates), write it.
#include "typelib_import_command.hpp"

#include <memory>
#include <string>
#include <vector>

#include "cli_error.hpp"
#include "command_io.hpp"
#include "comreg/core/output_file.hpp"
#include "comreg/description/description_validator.hpp"
#include "comreg/description/description_writer.hpp"
#include "comreg/model/description_members.hpp"
#include "comreg/readers/typelib_description.hpp"
#include "comreg/readers/typelib_reader.hpp"
#include "exit_codes.hpp"

namespace comreg::cli {
namespace {

Threading threading_of(const std::string& name) {
  for (const auto& [text, value] : format::threading_spellings) {
    if (name == text) return value;
  }
  return name == "none" ? Threading::none : Threading::apartment;
}

// The format's threading models, then "none" (no ThreadingModel value).
std::vector<std::string> threading_choices() {
  std::vector<std::string> out;
  for (const auto& s : format::threading_spellings) out.emplace_back(s.text);
  out.emplace_back("none");
  return out;
}

std::string file_name(const std::string& path) {
  const auto slash = path.find_last_of("/\\");
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

void report(const Diagnostics& d, const TypeLibImportCommandOptions& options) {
  if (!d.empty()) {
    print_diagnostics(d, options.format == "json" ? OutputFormat::json : OutputFormat::text,
                      stderr);
  }
}

}  // namespace

std::vector<OptionSpec> typelib_import_options(TypeLibImportCommandOptions& options,
                                               const std::string& typelib_option) {
  return {{.names = "--path",
           .help = "Registered path of the type library (TypeLib ...\\win64 or \\win32, by the "
                   "library's SYSKIND); default ${installdir}\\<file name>",
           .target = &options.path,
           .needs = typelib_option},
          {.names = "--server",
           .help = "Path of the in-process server of the coclasses; default: the --path",
           .target = &options.server,
           .needs = typelib_option},
          {.names = "--threading",
           .help = "ThreadingModel of every class",
           .target = &options.threading,
           .choices = threading_choices(),
           .show_default = true,
           .needs = typelib_option},
          {.names = "--progid",
           .help = "ProgID pattern, e.g. 'Contoso.{coclass}.1' ({library}, {coclass}); a "
                   "trailing .N also gives the version-independent ProgID. Default: no ProgIDs",
           .target = &options.progid,
           .needs = typelib_option},
          {.names = "--proxy-stub",
           .help = "CLSID of the proxy/stub for interfaces that are neither dual nor "
                   "[oleautomation]",
           .target = &options.proxy_stub,
           .needs = typelib_option},
          {.names = "--into",
           .help = "Complete this existing description instead of starting a new one "
                   "(its values win; conflicts are reported)",
           .target = &options.into,
           .needs = typelib_option}};
}

int run_typelib_import(const TypeLibImportCommandOptions& options) {
  std::string bytes;
  std::string error;
  if (!read_input(options.typelib, bytes, error)) fail(error);
  const TypeLibReadResult read =
      read_typelib({reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()});
  Diagnostics diagnostics;
  if (!read.info) {
    char at[32];
    std::snprintf(at, sizeof at, "0x%llX", static_cast<unsigned long long>(read.error->offset));
    SourceLocation where;
    where.file = options.typelib;
    // A module without the resource is not damaged: it was built without its type library.
    const bool no_resource = read.error->code == "typelib-no-resource";
    diagnostics.error(read.error->code, read.error->message, where,
                      no_resource
                          ? std::string("pass the .tlb file, or a module built with it as "
                                        "a resource (an .rc line: 1 TYPELIB \"server.tlb\")")
                          : std::string("the file is damaged at offset ") + at +
                                ", or is not a type library; rebuild it with MIDL or widl");
    report(diagnostics, options);
    return exit_problems;
  }

  TypeLibImportOptions import;
  import.file = options.typelib;
  import.typelib_path =
      options.path.empty() ? "${installdir}\\" + file_name(options.typelib) : options.path;
  import.server_path = options.server;
  import.threading = threading_of(options.threading);
  import.progid_pattern = options.progid;
  import.proxy_stub = options.proxy_stub;
  Description description = description_from_typelib(*read.info, import, diagnostics);

  if (!options.into.empty()) {
    std::string text;
    if (!read_input(options.into, text, error)) fail(error);
    LoadOptions load_options;
    load_options.undefined_placeholder = UndefinedPlaceholder::keep;
    LoadResult existing = load_description(text, options.into, load_options);
    diagnostics.append(existing.diagnostics);
    if (!existing.description) {
      report(diagnostics, options);
      return exit_problems;
    }
    merge_description(*existing.description, description, diagnostics);
    description = std::move(*existing.description);
  }
  if (diagnostics.has_errors()) {
    report(diagnostics, options);
    return exit_problems;
  }

  // What is written must be a valid description: the model is validated before anything is
  // written, its problems located in the JSON it would have been written as.
  const std::string json = description_to_json(description);
  const JsonSourceMap written(json, options.output.empty() ? "<import>" : options.output);
  ValidateOptions check;
  check.source = &written;
  check.placeholders = UndefinedPlaceholder::keep;  // ${installdir} stays for the installer
  const Diagnostics problems = validate_description(description, check);
  diagnostics.append(problems);
  report(diagnostics, options);
  if (problems.has_errors()) return exit_problems;
  emit(options.output, json);
  return exit_ok;
}

}  // namespace comreg::cli
