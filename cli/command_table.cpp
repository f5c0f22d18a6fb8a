#include "command_table.hpp"

#include "commands.hpp"
#include "emitters.hpp"

namespace comreg::cli {

std::vector<CommandSpec> make_commands() {
  return {validate_command(),
          emitter_command(emitter("plan")),
          emitter_command(emitter("reg")),
          emitter_command(emitter("manifest")),
          install_command(),
          uninstall_command(),
          verify_command(),
          import_command(),
          recover_command(),
          list_command(),
          lint_command(),
          audit_command(),
          guid_command(),
          new_command(),
          check_command(),
          emitter_command(emitter("wix")),
          emitter_command(emitter("rgs")),
          emitter_command(emitter("inno")),
          emitter_command(emitter("gpp")),
          emitter_command(emitter("selfreg")),
          emitter_command(emitter("msix"))};
}

}  // namespace comreg::cli
