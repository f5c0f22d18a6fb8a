// comreg recover: roll back an install or uninstall that did not finish (the process died, or
// the machine stopped), from the journal it left beside the registry it was changing.
#include <memory>

#include "cli_error.hpp"
#include "commands.hpp"
#include "common_options.hpp"
#include "comreg/apply/journal.hpp"
#include "exit_codes.hpp"
#include "registry_target.hpp"

namespace comreg::cli {
namespace {

struct RecoverOptions {
  std::string scope = "user";
  std::string view = "64";
  std::string format = "text";
  bool dry_run = false;
};

int run(const RecoverOptions& options) {
  RegistryOpenOptions where;
  where.scope = options.scope == "machine" ? Scope::machine : Scope::user;
  where.view = options.view == "32" ? View::v32 : View::v64;
  RegistryTarget target;
  open_target({}, where, target);
  open_journal(target);
  const RecoverReport report = recover(target.journal, *target.backend, options.dry_run);
  const std::string text = format_recover_report(report, options.format == "json", options.dry_run);
  std::fwrite(text.data(), 1, text.size(), stdout);
  if (!report.status.ok()) fail(report.status.message);
  return exit_ok;
}

}  // namespace

CommandSpec recover_command() {
  auto o = std::make_shared<RecoverOptions>();
  return {
      .name = "recover",
      .help = "Roll back an install or uninstall that did not finish, from its journal",
      .footer =

          "install and uninstall keep a journal of the prior state while they change the registry; "
          "one left behind means a run did not finish. recover puts the registry back exactly as "
          "it "
          "was before that run and removes the journal ('nothing to recover' when there is none). "
          "install and uninstall do this by themselves first; verify, which never writes, only "
          "reports it. A journal that is corrupt, is for another registry, names keys outside what "
          "a "
          "run on this registry can change, or lies in a folder others may write is refused and "
          "nothing is touched. COMREG_JOURNAL_DIR sets where journals live.\n\n"
          "Examples:\n"
          "  comreg recover --scope machine --dry-run\n"
          "  comreg recover",
      .options = {scope_option(o->scope, "user or machine: the registry to recover"),
                  view_option(o->view, "Registry view: 64 or 32"),
                  format_option(o->format, "Report as text or json", {"text", "json"}),
                  dry_run_option(o->dry_run, "Show what rolling back would change; write nothing")},
      .run = [o] { return run(*o); },
      .reads_description = false};
}

}  // namespace comreg::cli
