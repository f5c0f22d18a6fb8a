#include "core/command_line.hpp"

#include "core/ascii.hpp"

namespace comreg {
namespace {

constexpr std::string_view blanks = " \t";

std::string_view without_leading_blanks(std::string_view s) {
  const std::size_t start = s.find_first_not_of(blanks);
  return start == std::string_view::npos ? std::string_view{} : s.substr(start);
}

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

}  // namespace

bool CommandLine::well_formed() const {
  return !quoted || rest.empty() || is_blank(rest.front());
}

std::string_view CommandLine::arguments() const {
  return without_leading_blanks(rest);
}

CommandLine split_command_line(std::string_view command) {
  CommandLine c;
  if (!command.empty() && command.front() == '"') {
    const std::size_t close = command.find('"', 1);
    if (close != std::string_view::npos) {
      c.quoted = true;
      c.program = command.substr(1, close - 1);
      c.rest = command.substr(close + 1);
      return c;
    }
  }
  const std::size_t blank = command.find_first_of(blanks);
  c.program = command.substr(0, blank);
  c.rest = blank == std::string_view::npos ? std::string_view{} : command.substr(blank);
  return c;
}

IntendedCommand intended_command(std::string_view command) {
  if (!command.empty() && command.front() == '"') {
    const std::size_t close = command.find('"', 1);
    if (close != std::string_view::npos) {
      return {command.substr(1, close - 1), without_leading_blanks(command.substr(close + 1))};
    }
    command.remove_prefix(1);
  }
  for (std::size_t at = command.find('.'); at != std::string_view::npos;
       at = command.find('.', at + 1)) {
    const std::size_t end = at + 4;
    if (end <= command.size() && text::iequals(command.substr(at, 4), ".exe") &&
        (end == command.size() || is_blank(command[end]))) {
      return {command.substr(0, end), without_leading_blanks(command.substr(end))};
    }
  }
  return {command, {}};
}

std::string_view dll_path_as_com_reads(std::string_view text) {
  const std::size_t open = text.find('"');
  if (open == std::string_view::npos) return text;
  const std::size_t close = text.find('"', open + 1);
  if (close == std::string_view::npos) return text;
  return text.substr(open + 1, close - open - 1);
}

}  // namespace comreg
