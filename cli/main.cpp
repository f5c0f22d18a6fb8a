// comreg: register Windows COM servers from one JSON description. The program is run_cli()
// (command_line.cpp, in comreg_cli_core), which the tests also run in-process.
#include "run_cli.hpp"

int main(int argc, char** argv) {
  comreg::cli::end_process_after_command();
  return comreg::cli::run_cli(argc, argv);
}
