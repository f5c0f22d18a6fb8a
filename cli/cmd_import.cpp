// comreg import SOURCE [-o FILE]: a description reconstructed from what registers COM servers:
// a .reg export, hive:PATH (an offline hive file), a side-by-side manifest, an ATL registrar script
// (.rgs, or the REGISTRY resources of a DLL/EXE), a .NET CLSID map or comhost.dll, a type library
// (typelib_import_command.hpp). The kind is told from the content, or forced with --from.
// Scripts are applied to an in-memory registry as their registrar would, then imported like
// any registry, so one importer maps every kind.
#include <memory>
#include <set>

#include "cli_error.hpp"
#include "command_io.hpp"
#include "commands.hpp"
#include "common_options.hpp"
#include "comreg/core/output_file.hpp"
#include "comreg/description/description_writer.hpp"
#include "comreg/import/import_source.hpp"
#include "comreg/import/importer.hpp"
#include "comreg/import/manifest_import.hpp"
#include "comreg/import/script_apply.hpp"
#include "comreg/open/registry_open.hpp"
#include "comreg/store/memory_backend.hpp"
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
  std::string from;                  // --from KIND; "" = told from the content
  std::vector<std::string> defines;  // --define NAME=VALUE, for .rgs replaceables
  int code_page = 0;                 // --codepage N, for a BOM-less .reg file
};

std::string file_name(const std::string& path) {
  const auto slash = path.find_last_of("/\\");
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// --define NAME=VALUE, each checked.
std::map<std::string, std::string> replacements(const std::vector<std::string>& defines) {
  std::map<std::string, std::string> out;
  for (const auto& d : defines) {
    const auto eq = d.find('=');
    if (eq == std::string::npos || eq == 0) {
      fail("--define '" + d + "': write NAME=VALUE (e.g. --define MODULE=C:\\x\\x.dll)");
    }
    out[d.substr(0, eq)] = d.substr(eq + 1);
  }
  return out;
}

// What a script was applied to, and what it wrote that the importer will not read.
struct AppliedScript {
  MemoryBackend registry;
  std::vector<Unmapped> outside;
  std::vector<Unmapped> notes;
};

// Applies each script of `bytes` (a .rgs, a binary's REGISTRY resources, a CLSID map or
// comhost's) to a fresh registry; throws CliError (its diagnostics printed) when one fails.
AppliedScript apply_source(const ImportCommandOptions& o, ImportSourceKind kind,
                           const std::string& bytes, const std::string& module,
                           ScriptApplyOptions options, OutputFormat format) {
  AppliedScript applied;
  Diagnostics diagnostics;
  const auto keep = [&](const ScriptApplyResult& r) {
    applied.outside.insert(applied.outside.end(), r.outside.begin(), r.outside.end());
    applied.notes.insert(applied.notes.end(), r.notes.begin(), r.notes.end());
    return r.ok;
  };
  bool ok = true;
  const bool binary = bytes.starts_with("MZ");
  std::optional<PeReadResult> pe;
  if (binary) {
    pe = read_pe(std::string_view(bytes));
    if (!pe->ok()) {
      diagnostics.error(to_string(pe->error->code), pe->error->message, {o.source, 0, 0, ""});
      ok = false;
    }
  }
  if (ok && kind == ImportSourceKind::rgs && binary) {
    // ATL gives every script of a module %MODULE%, the module's own path (quoted for an EXE,
    // CComModule::UpdateRegistryFromResource), and %MODULE_RAW%, the path as it is.
    const bool quote = !pe->image->is_dll() && !module.starts_with('"');
    options.replacements.try_emplace("MODULE", quote ? '"' + module + '"' : module);
    options.replacements.try_emplace("MODULE_RAW", module);
    const auto scripts = registry_scripts(*pe->image);
    if (scripts.empty()) {
      diagnostics.error("no-registry-resource", "the module has no REGISTRY resource",
                        {o.source, 0, 0, ""}, "an ATL module carries its .rgs scripts so");
      ok = false;
    }
    for (const auto& script : scripts) {
      ScriptApplyOptions one = options;
      one.file = o.source + "(REGISTRY " + script.name + ")";
      ok = ok && keep(apply_rgs(script.text, one, applied.registry, diagnostics));
    }
  } else if (ok && kind == ImportSourceKind::rgs) {
    ok = keep(apply_rgs(bytes, options, applied.registry, diagnostics));
  } else if (ok && kind == ImportSourceKind::comhost) {
    const PeResource* map = binary ? clsid_map_resource(*pe->image) : nullptr;
    if (map == nullptr) {
      diagnostics.error("no-clsidmap-resource",
                        "not a built comhost: no CLSID map resource (type 1024, id 64)",
                        {o.source, 0, 0, ""});
      ok = false;
    } else {
      options.file = o.source + "(CLSIDMAP)";
      const std::string_view json(reinterpret_cast<const char*>(map->data.data()),
                                  map->data.size());
      ok = keep(apply_clsid_map(json, module, options, applied.registry, diagnostics));
    }
  } else if (ok) {
    ok = keep(apply_clsid_map(bytes, module, options, applied.registry, diagnostics));
  }
  if (!diagnostics.empty()) print_diagnostics(diagnostics, format, stderr);
  if (!ok) fail_reported(exit_problems);
  return applied;
}

// The path %MODULE% and comhost's InprocServer32 stand for: --path, else the file's name in
// the installation folder (X.clsidmap stands for X.comhost.dll, the module that carries it).
std::string module_path(const std::string& source, const std::string& path, ImportSourceKind kind) {
  if (!path.empty()) return path;
  std::string name = file_name(source);
  if (kind == ImportSourceKind::clsidmap) {
    if (name.ends_with(".clsidmap")) name.resize(name.size() - 9);
    if (!name.ends_with(".dll")) name += ".comhost.dll";
  }
  return "${installdir}\\" + name;
}

// More than detect_import_source_kind() looks at in a text (4 KiB after a BOM) or a hive.
constexpr std::size_t kind_window = 8192;

// SOURCE's bytes, and unless --from names it, its kind. Of a .reg export or a hive only the
// first bytes are read: the registry opener reads the file mapped, in one pass (a 200 MB
// export also held as a string here was a tenth of the import's memory). False with `error`
// set when the file cannot be read.
bool read_source(const ImportCommandOptions& o, ImportSourceKind& kind, std::string& bytes,
                 std::string& error) {
  const auto registry = [](ImportSourceKind k) {
    return k == ImportSourceKind::reg || k == ImportSourceKind::hive;
  };
  if (!o.from.empty()) {
    return registry(kind) ? read_input_start(o.source, kind_window, bytes, error)
                          : read_input(o.source, bytes, error);
  }
  if (!read_input_start(o.source, kind_window, bytes, error)) return false;
  kind = detect_import_source_kind(bytes);
  // A binary is told from its resources, which may lie anywhere in it (stdin is read whole).
  if (registry(kind) || bytes.size() < kind_window || o.source == "-") return true;
  if (!read_input(o.source, bytes, error)) return false;
  kind = detect_import_source_kind(bytes);
  return true;
}

// The registry SOURCE names; throws CliError when it cannot be opened.
std::unique_ptr<RegistryBackend> open_source(const ImportCommandOptions& o, Scope scope,
                                             OutputFormat format) {
  RegistrySpec spec = parse_registry_source(o.source);
  spec.mount = o.hive_mount;
  RegistryOpenOptions options;
  options.scope = scope;
  options.code_page = static_cast<unsigned>(o.code_page);
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

// The report of an import: unmapped entries, then a count, where the description does not go.
void report_import(const ImportCommandOptions& o, const ImportResult& result, OutputFormat format,
                   const std::string& nothing_found) {
  std::FILE* report = o.output.empty() ? stderr : stdout;
  const std::string unmapped =
      format_unmapped(result.unmapped, format == OutputFormat::json, result.normalized);
  std::fwrite(unmapped.data(), 1, unmapped.size(), report);
  // A class listed under two servers (a DLL and an EXE) is one class.
  std::set<std::string> clsids;
  for (const auto& s : result.description.servers) {
    for (const auto& c : s.classes) clsids.insert(c.clsid);
  }
  const std::size_t classes = clsids.size();
  // Type libraries and interfaces alone are a description too (docs/description.md).
  if (classes == 0 && result.description.typelibs.empty() &&
      result.description.interfaces.empty()) {
    fail(nothing_found, exit_problems);
  }
  if (format == OutputFormat::text) {
    std::fprintf(report,
                 "imported %zu classes in %zu servers, %zu AppIDs, %zu type libraries, %zu "
                 "interfaces, %zu categories; %zu ProgIDs kept with legacyNames\n",
                 classes, result.description.servers.size(), result.description.appids.size(),
                 result.description.typelibs.size(), result.description.interfaces.size(),
                 result.description.categories.size(), result.legacy_names);
  }
}

// A side-by-side manifest: read, imported, and its description's manifest verified against
// it by the importer; differences nothing explains refuse the import.
int run_manifest_import(const ImportCommandOptions& o, const std::string& bytes,
                        OutputFormat format) {
  const ManifestReadResult read = read_manifest(bytes, o.source);
  if (!read.diagnostics.empty()) print_diagnostics(read.diagnostics, format, stderr);
  if (!read.manifest) fail_reported(exit_problems);
  ManifestImportOptions options;
  options.assembly_name = o.assembly_name;
  options.assembly_version = o.assembly_version;
  const ManifestImportResult result = import_manifest(*read.manifest, options);
  std::size_t classes = 0;
  for (const auto& s : result.imported.description.servers) classes += s.classes.size();
  if (classes != 0 && !result.failures.empty()) {
    ManifestVerifyReport failed;
    failed.description_file = "the imported description";
    failed.manifest_file = o.source;
    failed.findings = result.failures;
    const std::string text = format_manifest_verify_report(failed, format == OutputFormat::json);
    std::fwrite(text.data(), 1, text.size(), stderr);
    fail("the imported description does not verify against " + o.source +
             " (a bug: please report it with the manifest)",
         exit_problems);
  }
  report_import(o, result.imported, format,
                "no COM class in " + o.source +
                    " could be imported (see the unmapped entries above): nothing written");
  emit(o.output, description_to_json(result.imported.description));
  return exit_ok;
}

int run(ImportCommandOptions o, TypeLibImportCommandOptions& tlb) {
  const OutputFormat format = o.format == "json" ? OutputFormat::json : OutputFormat::text;
  if (o.source.empty()) fail("import needs a SOURCE (a .reg file, or hive:PATH) or --typelib FILE");
  ImportOptions options;
  options.scope = o.scope == "user" ? Scope::user : Scope::machine;
  options.view = o.view == "32" ? View::v32 : View::v64;
  options.assembly_name = o.assembly_name;
  options.assembly_version = o.assembly_version;

  // The kind: forced, named by hive:, or told from the bytes. A file that cannot be read is
  // left to the registry opener, which says so as verify does.
  std::string bytes, error;
  const bool hive_prefix = o.source.starts_with(hive_source_prefix);
  ImportSourceKind kind = ImportSourceKind::reg;
  if (!o.from.empty()) kind = *parse_import_source_kind(o.from);
  if (o.from.empty() && hive_prefix) kind = ImportSourceKind::hive;
  const bool readable = !hive_prefix && read_source(o, kind, bytes, error);
  if (!o.defines.empty() && kind != ImportSourceKind::rgs) {
    fail("--define gives values to ATL registrar scripts' replaceables, but " + o.source +
         " is read as " + std::string(to_string(kind)) + " (--from rgs reads it as a script)");
  }
  if (o.code_page != 0 && kind != ImportSourceKind::reg) {
    fail("--codepage tells what a .reg file's 8-bit text is in, but " + o.source + " is read as " +
         std::string(to_string(kind)));
  }
  if (kind == ImportSourceKind::typelib) {
    tlb.typelib = o.source;
    tlb.output = o.output;
    tlb.format = o.format;
    return run_typelib_import(tlb);
  }
  if (kind == ImportSourceKind::manifest) {
    if (!readable) fail(error);
    return run_manifest_import(o, bytes, format);
  }
  if (kind == ImportSourceKind::hive && !hive_prefix)
    o.source = std::string(hive_source_prefix) + o.source;

  std::unique_ptr<RegistryBackend> registry;
  AppliedScript applied;
  if (kind == ImportSourceKind::reg || kind == ImportSourceKind::hive) {
    registry = open_source(o, options.scope, format);
  } else {
    if (!readable) fail(error);
    ScriptApplyOptions script;
    script.file = o.source;
    script.replacements = replacements(o.defines);
    script.scope = options.scope;
    script.view = options.view;
    applied = apply_source(o, kind, bytes, module_path(o.source, tlb.path, kind), script, format);
  }

  ImportResult result = import_registry(registry ? *registry : applied.registry, options);
  result.unmapped.insert(result.unmapped.end(), applied.outside.begin(), applied.outside.end());
  result.normalized.insert(result.normalized.end(), applied.notes.begin(), applied.notes.end());
  // The report goes where the description does not: stdout when -o names a file.
  report_import(o, result, format,
                "no COM class in " + o.source + " under " + classes_root(options.scope) +
                    " could be imported (see the unmapped keys above)");
  emit(o.output, description_to_json(result.description));
  free_at_exit(registry);  // the export's or hive's keys, read
  free_at_exit(applied);
  free_at_exit(result);
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
          "  comreg import Contoso.Widgets.manifest -o widgets.json\n"
          "  comreg import hive:UsrClass.dat --scope user --hive-mount "
          "'HKEY_CURRENT_USER\\Software\\Classes'\n"
          "  comreg import --typelib widgets.tlb --path '${installdir}\\widgets.dll' -o "
          "widgets.json\n"
          "  comreg import --typelib widgets.dll --progid 'Contoso.{coclass}.1' --into "
          "widgets.json "
          "-o widgets.json",
      .options = {{.names = "SOURCE",
                   .help = "A .reg file (regedit, reg export), hive:PATH, an ATL registrar "
                           "script (.rgs, or a DLL/EXE with REGISTRY resources), a side-by-side "
                           "manifest, a .NET .clsidmap or X.comhost.dll, or a type library",
                   .target = &o->source},
                  {.names = "--from",
                   .help = "Read SOURCE as this kind instead of telling it from its content",
                   .target = &o->from,
                   .choices = {"reg", "hive", "rgs", "manifest", "clsidmap", "comhost", "typelib"}},
                  {.names = "--define",
                   .help = "A replaceable of an ATL registrar script: --define MODULE=PATH "
                           "(repeatable; a binary's scripts get MODULE = --path, else "
                           "${installdir}\\<file name>)",
                   .target = &o->defines,
                   .type_name = "NAME=VALUE"},
                  codepage_option(o->code_page,
                                  "For a .reg SOURCE without a BOM: the code page of its 8-bit "
                                  "text (1250-1258, 437, 850, 866, 65001); default: UTF-8 when "
                                  "it is valid UTF-8, else 1252, with a warning"),
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
            if (tlb->typelib.empty()) return run(*o, *tlb);
            tlb->output = o->output;
            tlb->format = o->format;
            return run_typelib_import(*tlb);
          },
      // It writes a description, but reads a registry or a type library: the hostile .reg
      // files are tests/hostile/reg_corpus_test.cpp's.
      .reads_description = false};
  for (auto& option : typelib_import_options(*tlb, "--typelib")) {
    // --path is also %MODULE% of a binary's REGISTRY scripts and comhost's server path.
    if (option.names == "--path") option.needs.clear();
    c.options.push_back(option);
  }
  return c;
}

}  // namespace comreg::cli
