#include "description/description_rules.hpp"

#include <algorithm>
#include <charconv>

#include "comreg/model/sddl.hpp"
#include "core/ascii.hpp"
#include "core/command_line.hpp"
#include "core/quoted.hpp"
#include "core/utf.hpp"

namespace comreg {
namespace {

const char* const control_names[] = {"NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL",
                                     "BS",  "TAB", "LF",  "VT",  "FF",  "CR",  "SO",  "SI",
                                     "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB",
                                     "CAN", "EM",  "SUB", "ESC", "FS",  "GS",  "RS",  "US"};

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// What follows the program in a local server path that holds a command line, or "":
// `"C:\x\srv.exe" -Embedding` or `C:\x\srv.exe /automation`. Spaces alone are not arguments:
// C:\Program Files\x\srv.exe is one path. A folder whose name holds ".exe " followed by more
// is read as arguments too: such a name is far rarer than the mistake.
std::string_view arguments_in_path(std::string_view path) {
  return intended_command(path).arguments;
}

// The non-character whose UTF-8 encoding starts at text[i], or 0. U+FDD0-U+FDEF are
// EF B7 90-AF; U+nFFFE and U+nFFFF end in BF BE or BF BF (EF BF BE/BF in the first plane).
char32_t noncharacter_at(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) {
    return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0u;
  };
  if (byte(0) == 0xEF) {
    const char32_t cp = ((byte(0) & 0x0Fu) << 12) | ((byte(1) & 0x3Fu) << 6) | (byte(2) & 0x3Fu);
    if ((cp >= 0xFDD0 && cp <= 0xFDEF) || cp == 0xFFFE || cp == 0xFFFF) return cp;
    return 0;
  }
  if (byte(0) >= 0xF0 && byte(0) <= 0xF4) {
    const char32_t cp = ((byte(0) & 0x07u) << 18) | ((byte(1) & 0x3Fu) << 12) |
                        ((byte(2) & 0x3Fu) << 6) | (byte(3) & 0x3Fu);
    if ((cp & 0xFFFEu) == 0xFFFEu) return cp;
  }
  return 0;
}

std::string code_point_name(char32_t cp) {
  static constexpr char digits[] = "0123456789ABCDEF";
  std::string hex;
  for (char32_t v = cp; v != 0 || hex.size() < 4; v >>= 4) hex.insert(hex.begin(), digits[v & 0xF]);
  return "U+" + hex;
}

}  // namespace

std::optional<RuleProblem> control_character_problem(std::string_view text,
                                                     std::string_view origin) {
  // Every name and value of a description is checked: eight characters at a time where none
  // is below 0x20 (a tab is, and is looked at alone).
  std::size_t i = 0;
  while (i + 8 <= text.size() &&
         !comreg::text::has_byte_below(comreg::text::load8(text.data() + i), 0x20)) {
    i += 8;
  }
  for (; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 || c == '\t') continue;
    std::string message = std::string("control character ") + control_names[c] + " at character " +
                          std::to_string(code_point_count(text.substr(0, i)) + 1) + " of " +
                          quoted(text);
    if (!origin.empty()) message += " (from " + std::string(origin) + ")";
    return RuleProblem{
        "control-character", std::move(message),
        "registry names and values cannot carry line breaks, NUL or other control characters "
        "(they would inject lines into .reg files); remove it"};
  }
  // Non-characters are three or four bytes from 0xEF up: none in the text's ASCII start.
  for (i = comreg::text::ascii_prefix(text); i < text.size(); ++i) {
    const char32_t cp = noncharacter_at(text, i);
    if (cp == 0) continue;
    std::string message = "non-character " + code_point_name(cp) + " at character " +
                          std::to_string(code_point_count(text.substr(0, i)) + 1) + " of " +
                          quoted(text);
    if (!origin.empty()) message += " (from " + std::string(origin) + ")";
    return RuleProblem{"noncharacter", std::move(message),
                       "Unicode non-characters (U+FDD0-U+FDEF, U+FFFE, U+FFFF and their "
                       "counterparts in every plane) cannot be carried by the XML comreg "
                       "writes (manifests, WiX, MSIX); remove it"};
  }
  return std::nullopt;
}

std::optional<RuleProblem> length_problem(std::string_view text, std::string_view name) {
  if (text.size() <= max_value_length) return std::nullopt;  // bytes >= characters
  const std::size_t length = code_point_count(text);
  if (length <= max_value_length) return std::nullopt;
  return RuleProblem{
      "value-too-long",
      "'" + std::string(name) + "' is " + std::to_string(length) +
          " characters long; registry strings are limited to 16383",
      "shorten it: longer registry values are refused by tools and slow the registry"};
}

RuleProblem empty_value_problem(std::string_view name) {
  return {"empty-value", "'" + std::string(name) + "' must not be empty",
          "give it a value, or leave the member out where it is optional"};
}

RuleProblem out_of_range_problem(std::string_view name, std::string_view text, std::uint32_t min,
                                 std::uint32_t max) {
  return {"out-of-range",
          "'" + std::string(name) + "' is " + std::string(text) + "; expected an integer from " +
              std::to_string(min) + " to " + std::to_string(max),
          "write a whole number in that range"};
}

std::optional<RuleProblem> assembly_name_problem(std::string_view name) {
  const bool bad = name.find_first_of(" \t\\/:*?\"<>|") != std::string_view::npos;
  if (!bad && code_point_count(name) <= 255) return std::nullopt;
  return RuleProblem{"bad-assembly-name",
                     "assembly name " + quoted(name) + " is not a valid file name",
                     "use letters, digits, '.', '-' and '_', at most 255 (the manifest file is "
                     "<name>.manifest)"};
}

std::optional<RuleProblem> assembly_version_problem(std::string_view version) {
  if (version_parts(version, 4, nullptr)) return std::nullopt;
  return RuleProblem{"bad-version",
                     "assembly version " + quoted(version) + " is not four numbers a.b.c.d",
                     "write it like \"1.2.0.0\" (each part 0 to 65535)"};
}

std::optional<RuleProblem> public_key_token_problem(std::string_view token) {
  if (token.size() == 16 && std::all_of(token.begin(), token.end(), is_hex)) return std::nullopt;
  return RuleProblem{"bad-public-key-token",
                     "publicKeyToken " + quoted(token) + " is not 16 hex digits",
                     "write the signing key's token as 16 hex digits (pktextract prints it)"};
}

std::optional<RuleProblem> language_problem(std::string_view language) {
  // A culture name (en-us) or "*": anything else is not an identity Windows can match.
  const bool ok = language == "*" || (!language.empty() && language.size() <= 85 &&
                                      std::all_of(language.begin(), language.end(), [](char c) {
                                        return is_hex(c) || (c >= 'A' && c <= 'Z') ||
                                               (c >= 'a' && c <= 'z') || c == '-';
                                      }));
  if (ok) return std::nullopt;
  return RuleProblem{"bad-language",
                     "assembly language " + quoted(language) + " is not a culture name",
                     "write a culture name such as \"en-us\", or \"*\" for language-neutral"};
}

// A local server's path is the program alone: comreg writes LocalServer32 as the quoted
// path, then the arguments. Arguments written into the path would end up inside the quotes
// (naming a program that does not exist), so they are refused.
std::optional<RuleProblem> local_server_path_problem(std::string_view path,
                                                     const std::string& server_pointer) {
  const std::string_view arguments = arguments_in_path(path);
  if (arguments.empty()) return std::nullopt;
  return RuleProblem{"arguments-in-path",
                     "local server path " + quoted(path) + " has the arguments " +
                         quoted(arguments) + " after the program",
                     "put arguments in " + server_pointer + "/arguments"};
}

std::optional<RuleProblem> executable_name_problem(std::string_view name) {
  if (name.empty() || name.find_first_of("\\/") != std::string_view::npos) {
    return RuleProblem{
        "bad-executable-name", quoted(name) + " is not a bare file name",
        "write only the file name, e.g. \"widgetsvc.exe\": the key AppID\\<name> maps an "
        "executable's name to its AppID"};
  }
  const std::size_t length = code_point_count(name);
  if (length > 255) {
    return RuleProblem{"key-too-long",
                       "executable name is " + std::to_string(length) +
                           " characters long; registry key names are limited to 255",
                       "use the executable's real file name; Windows file names fit in 255"};
  }
  return std::nullopt;
}

std::optional<RuleProblem> sddl_problem(std::string_view name, std::string_view sddl) {
  const SddlParse result = parse_sddl(sddl);
  if (result.descriptor) return std::nullopt;
  return RuleProblem{
      "bad-sddl",
      "invalid SDDL in '" + std::string(name) + "' at character " +
          std::to_string(result.error_offset + 1) + ": " + result.error,
      "write a security descriptor like \"O:BAG:BAD:(A;;CCDCLC;;;SY)(A;;CCDCLC;;;BA)\""};
}

bool version_parts(std::string_view v, std::size_t count, std::uint16_t* parts) {
  std::size_t n = 0;
  std::size_t pos = 0;
  for (;;) {
    const std::size_t dot = v.find('.', pos);
    const std::string_view part = v.substr(pos, dot == std::string_view::npos ? v.npos : dot - pos);
    if (part.empty() || part.size() > 5 || n == count) return false;
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
    if (ec != std::errc() || end != part.data() + part.size() || value > 65535) return false;
    if (parts != nullptr) parts[n] = static_cast<std::uint16_t>(value);
    ++n;
    if (dot == std::string_view::npos) break;
    pos = dot + 1;
  }
  return n == count;
}

}  // namespace comreg
