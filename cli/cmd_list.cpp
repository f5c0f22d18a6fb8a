// comreg list: the registrations comreg has recorded in a registry (the live one, or an offline
// hive), with what each claims and which keys it shares with the others.
#include <cstdio>
#include <memory>

#include "cli_error.hpp"
#include "commands.hpp"
#include "common_options.hpp"
#include "comreg/apply/registrations.hpp"
#include "exit_codes.hpp"
#include "registry_target.hpp"

namespace comreg::cli {
namespace {

struct ListOptions {
  std::string scope = "user";
  std::string view;  // "" = both views
  std::string format = "text";
  std::string hive;
  std::string mount;
};

int run(const ListOptions& o) {
  RegistryOpenOptions where;
  where.scope = o.scope == "machine" ? Scope::machine : Scope::user;
  where.view = o.view == "32" ? View::v32 : View::v64;
  where.writable = false;
  RegistrySpec spec;
  if (!o.hive.empty()) spec = {RegistrySpec::Kind::hive, o.hive, o.mount};
  RegistryTarget target;
  open_target(spec, where, target);
  std::vector<RegistrationInfo> listed = list_registrations(*target.backend, where.scope);
  if (!o.view.empty()) {
    std::erase_if(listed, [&](const RegistrationInfo& r) { return r.view != where.view; });
  }
  const std::string text = format_registrations(listed, where.scope, target.id, o.format == "json");
  std::fwrite(text.data(), 1, text.size(), stdout);
  return exit_ok;
}

}  // namespace

CommandSpec list_command() {
  auto o = std::make_shared<ListOptions>();
  return {.name = "list",
          .help =
              "List the registrations comreg has recorded in a registry, and the keys they "
              "share",
          .footer =
              "Each install records its registration (assembly name and version, scope, "
              "view) and every key and value it claims; list shows them, oldest install "
              "first, with the keys each shares with the others (a version-independent "
              "ProgID, an AppID, a type library): uninstalling one leaves those to the "
              "others.\n\n"
              "Examples:\n"
              "  comreg list --scope machine\n"
              "  comreg list --hive SOFTWARE --scope machine --format json",
          .options = {scope_option(o->scope, "user or machine: whose registrations"),
                      view_option(o->view,
                                  "Only the registrations of this view (64 or 32); "
                                  "both when not given"),
                      format_option(o->format, "text or json", {"text", "json"}),
                      {.names = "--hive",
                       .help = "Read an offline registry hive file (SOFTWARE, NTUSER.DAT, "
                               "UsrClass.dat) instead of the live registry",
                       .target = &o->hive,
                       .type_name = "FILE"},
                      hive_mount_option(o->mount)},
          .run = [o] { return run(*o); },
          .reads_description = false};
}

}  // namespace comreg::cli
