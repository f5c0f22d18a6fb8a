// comreg install | uninstall FILE: the plan applied to the live registry (Windows) or to an
// offline hive (--hive). All or nothing: a live run is journaled beside the target (see
// registry_target.hpp) and a journal left by a run that died is rolled back first; a hive's
// changes are committed (RegistryBackend::commit()) in one atomic write at the end of the run.
#include <cstdio>
#include <filesystem>
#include <memory>

#include "cli_error.hpp"
#include "command_io.hpp"
#include "commands.hpp"
#include "comreg/apply/apply.hpp"
#include "comreg/apply/registrations.hpp"
#include "comreg/core/file_path.hpp"
#include "exit_codes.hpp"
#include "registry_target.hpp"

namespace comreg::cli {
namespace {

enum class Action { install, uninstall };

struct RegistryCommandOptions {
  CommonOptions common;
  bool dry_run = false;
  HiveOptions hive;
};

int run(Action action, const RegistryCommandOptions& o) {
  const CommonOptions& options = o.common;
  const bool dry_run = o.dry_run;
  const HiveOptions& hive = o.hive;
  Description description = load(options, UndefinedPlaceholder::error);
  Plan plan = make_plan(description, options.plan_options());
  RegistrySpec spec;
  if (!hive.file.empty()) spec = {RegistrySpec::Kind::hive, hive.file, hive.mount};
  RegistryOpenOptions open_options;
  open_options.scope = plan.options.scope;
  open_options.view = plan.options.view;
  open_options.writable = !dry_run;
  open_options.create = hive.create;
  RegistryTarget target;
  open_target(spec, open_options, target);
  // A hive this run created (--create) goes again unless the run succeeds: a failure leaves no
  // new file behind.
  struct CreatedHive {
    std::string path;
    ~CreatedHive() {
      if (path.empty()) return;
      std::error_code ec;
      std::filesystem::remove(files::path_from_utf8(path), ec);
      std::fprintf(stderr, "comreg: note: removed %s, the new hive this run created\n",
                   path.c_str());
    }
  } created{target.created_file};
  // A dry run writes nothing, not even the journal folder or its lock.
  if (dry_run) {
    report_unfinished(target, /*dry_run=*/true);
  } else {
    recover_unfinished(target);
  }
  const bool json = options.output_format() == OutputFormat::json;
  const auto& registry = target.backend;
  if (!dry_run) apply_test_fault(target);
  ApplyOptions apply_options;
  apply_options.dry_run = dry_run;
  apply_options.owner = registration_owner(description.assembly);
  if (target.journal.is_open()) apply_options.journal = &target.journal;
  apply_options.transaction = target.transaction;
  ApplyReport report = action == Action::install ? install(plan, *registry, apply_options)
                                                 : uninstall(plan, *registry, apply_options);
  std::string text = format_apply_report(report, json);
  std::fwrite(text.data(), 1, text.size(), stdout);
  if (!json && !report.transaction.empty() && report.transaction != "kernel transaction") {
    std::fprintf(stderr, "comreg: note: %s: the journal alone makes this run all or nothing\n",
                 report.transaction.c_str());
  }
  if (!report.status.ok()) fail(report.status.message);
  created.path.clear();  // it holds the registration now
  // Done: what is left is memory. The store too (a hive's tree; its file lock goes when the
  // process ends, as it does when it dies; a live run's transaction is committed).
  free_at_exit(description);
  free_at_exit(plan);
  free_at_exit(report);
  free_at_exit(text);
  free_at_exit(target.backend);
  return exit_ok;
}

CommandSpec command(Action action, const char* name, const char* help, const char* footer) {
  auto o = std::make_shared<RegistryCommandOptions>();
  CommandSpec c{.name = name,
                .help = help,
                .footer = footer,
                .options = common_options(o->common, /*registry=*/true, /*output=*/false),
                .run = [o, action] { return run(action, *o); }};
  c.options.push_back(
      dry_run_option(o->dry_run, "Show the changes against the current registry; write nothing"));
  for (auto& option : hive_options(o->hive)) c.options.push_back(std::move(option));
  return c;
}

}  // namespace

CommandSpec install_command() {
  return command(
      Action::install, "install",
      "Register in the live registry (Windows): write what is missing or different",
      "Prints each change and 'N changes' (0 when already installed).\n\nExamples:\n"
      "  comreg install widgets.json -D installdir=C:\\\\Contoso\n"
      "  comreg install widgets.json -D installdir=C:\\\\Contoso --scope machine --dry-run");
}

CommandSpec uninstall_command() {
  return command(
      Action::uninstall, "uninstall",
      "Remove the registration from the live registry (Windows), keeping what others added",
      "Keys the server owns are deleted; content others added under them, and shared keys, "
      "stay and are listed as kept.\n\nExamples:\n"
      "  comreg uninstall widgets.json -D installdir=C:\\\\Contoso --scope machine");
}

}  // namespace comreg::cli
