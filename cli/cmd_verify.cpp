// comreg verify FILE [--against SOURCE]: compares a registry with the description; exit 1 on
// any difference (warnings alone, values Windows reads the same, exit 0), 2 when the registry
// cannot be read.
#include <memory>

#include "cli_error.hpp"
#include "command_io.hpp"
#include "commands.hpp"
#include "comreg/apply/registrations.hpp"
#include "comreg/open/registry_open.hpp"
#include "comreg/verify/verify.hpp"
#include "exit_codes.hpp"
#include "manifest_verify_command.hpp"
#include "registry_target.hpp"

namespace comreg::cli {
namespace {

struct VerifyOptions {
  CommonOptions common;
  std::string against;     // "" = the live registry
  std::string manifest;    // "" = compare a registry
  std::string hive_mount;  // for --against hive:PATH ("" = from the scope)
  int code_page = 0;       // for --against a BOM-less .reg file
};

int run(const VerifyOptions& options) {
  Description description = load(options.common, UndefinedPlaceholder::error);
  Plan plan = make_plan(description, options.common.plan_options());
  RegistrySpec spec = parse_registry_source(options.against);
  spec.mount = options.hive_mount;
  if (options.code_page != 0 && spec.kind != RegistrySpec::Kind::reg_export) {
    fail("--codepage tells what a .reg file's 8-bit text is in: it needs --against FILE.reg");
  }
  RegistryOpenOptions open_options = open_options_for(plan);
  open_options.code_page = static_cast<unsigned>(options.code_page);
  Diagnostics diagnostics;
  OpenedRegistry opened = open_registry(spec, open_options, diagnostics);
  if (spec.kind == RegistrySpec::Kind::live) {
    if (!opened.backend) fail(diagnostics.items().front().message);
    // The live registry as it is: verify never writes, so an unfinished run is only reported
    // (recovering it is 'comreg recover', which checks that its journal can be trusted).
    if (opened.backend) report_unfinished(opened, /*dry_run=*/false);
  } else if (!diagnostics.empty()) {
    print_diagnostics(diagnostics, options.common.output_format(), stderr);
  }
  const auto& registry = opened.backend;
  if (!registry) fail_reported(exit_usage_or_io);
  const bool json = options.common.output_format() == OutputFormat::json;
  // Keys and values that other registrations recorded here claim inside ours are theirs.
  comreg::VerifyOptions verify_options;
  OtherClaims others = claims_of_others(*registry, plan.options.scope, plan.options.view,
                                        registration_owner(description.assembly));
  verify_options.others_keys = std::move(others.keys);
  verify_options.others_values = std::move(others.values);
  VerifyReport report = verify(plan, *registry, verify_options);
  if (opened.merged_view) name_as_merged_view(report, classes_root(plan.options.scope));
  std::string text = format_verify_report(report, json);
  std::fwrite(text.data(), 1, text.size(), stdout);
  const int code = report.ok() ? exit_ok : exit_problems;
  free_at_exit(description);
  free_at_exit(plan);
  free_at_exit(opened.backend);  // an export's index or a hive's tree, opened read-only
  free_at_exit(report);
  free_at_exit(text);
  return code;
}

}  // namespace

CommandSpec verify_command() {
  auto o = std::make_shared<VerifyOptions>();
  CommandSpec c{
      .name = "verify",
      .help =
          "Compare a registry (the live one on Windows, or --against an export or "
          "hive) or a side-by-side manifest (--manifest) with the description; exit 1 "
          "on any difference",
      .footer =

          "Reports, per class, ProgID, AppID, type library and interface: missing keys and values, "
          "wrong values (expected and found), server paths that differ, ProgIDs and classes "
          "registered to something else, and stale entries.\nAn export of HKEY_CLASSES_ROOT stands "
          "for the --scope's classes root; its findings are named under HKEY_CLASSES_ROOT. Values "
          "that differ only where Windows reads them the same (GUIDs in another case, "
          "ThreadingModel's case, a quoted server path without spaces, NULs after a string) are "
          "warnings.\nExit codes: 0 matches (perhaps with warnings), 1 differs, 2 the registry "
          "cannot be read.\n\nExamples:\n"
          "  comreg verify widgets.json -D installdir=C:\\\\Contoso --scope machine\n"
          "  comreg verify widgets.json -D installdir=C:\\\\Contoso --against classes.reg\n"
          "  comreg verify widgets.json -D installdir=C:\\\\Contoso --format json\n"
          "  comreg verify widgets.json --manifest Contoso.Widgets.manifest",
      .options = common_options(o->common, /*registry=*/true, /*output=*/false),
      .run = [o] {
        return o->manifest.empty() ? run(*o) : run_manifest_verify(o->common, o->manifest);
      }};
  c.options.push_back({.names = "--against",
                       .help = "The registry to compare: a .reg export (reg export HKCR x.reg) "
                               "or hive:PATH; default: the live registry (Windows)",
                       .target = &o->against,
                       .type_name = "SOURCE"});
  c.options.push_back(
      hive_mount_option(o->hive_mount,
                        "For --against hive:PATH: the key the hive's root stands for (default "
                        "HKEY_LOCAL_MACHINE\\SOFTWARE with --scope machine, "
                        "HKEY_CURRENT_USER\\Software\\Classes, a UsrClass.dat, with user)"));
  c.options.push_back(codepage_option(o->code_page,
                                      "For --against a .reg file without a BOM: the code page of "
                                      "its 8-bit text (1250-1258, 437, 850, 866, 65001); "
                                      "default: UTF-8 when it is valid UTF-8, else 1252"));
  c.options.push_back({.names = "--manifest",
                       .help = "Compare this side-by-side manifest with the description instead "
                               "of a registry; a folder: its *.manifest files checked together",
                       .target = &o->manifest,
                       .type_name = "MANIFEST",
                       .excludes = "--against"});
  return c;
}

}  // namespace comreg::cli
