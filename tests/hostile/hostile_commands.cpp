// comreg_hostile_commands: prints, one per line, every way of running comreg that writes a file
// from a description, taken from the CLI's own command table (cli/command_table.hpp); the
// arguments are separated by '|', with {input} for the description and {output} for the file.
// RunHostile.cmake feeds each hostile description to each line, so a command added to the table
// is in the hostile runs without editing this folder. A command that has -o and reads a
// description but declares no file_writing_forms is an error here, which fails every hostile:*
// test: no command that writes a file can be left out by accident.
#include <cstdio>
#include <string>

#include "command_table.hpp"

int main() {
  int status = 0;
  for (const auto& command : comreg::cli::make_commands()) {
    if (command.writes_file() && command.reads_description && command.file_writing_forms.empty()) {
      std::fprintf(stderr, "comreg %s writes a file but declares no file_writing_forms\n",
                   command.name.c_str());
      status = 1;
    }
    for (const auto& form : command.file_writing_forms) {
      std::string line;
      for (const auto& arg : form) line += (line.empty() ? "" : "|") + arg;
      std::printf("%s\n", line.c_str());
    }
  }
  return status;
}
