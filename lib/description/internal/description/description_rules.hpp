// The rules on a description's values that need no JSON: one copy each, applied by the loader
// to what it reads and by the validator to any model (imported, from a type library, built).
// Each returns the problem (code, message, hint) or nothing; the caller adds the location.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace comreg {

/// Registry string values longer than this many characters are refused (value-too-long).
inline constexpr std::size_t max_value_length = 16383;

/// One broken rule, not yet located.
struct RuleProblem {
  const char* code;
  std::string message;
  std::string hint;
};

/// A control character (other than tab), or a Unicode non-character (which XML cannot carry:
/// "noncharacter"), in `text`; `origin`, when given, says where the text came from ("a --define
/// value").
[[nodiscard]] std::optional<RuleProblem> control_character_problem(std::string_view text,
                                                                   std::string_view origin = {});
/// A string longer than a registry value may be (member `name`).
[[nodiscard]] std::optional<RuleProblem> length_problem(std::string_view text,
                                                        std::string_view name);
/// A required string that is empty (member `name`).
[[nodiscard]] RuleProblem empty_value_problem(std::string_view name);
/// An integer outside [min, max] (member `name`, written as `text`).
[[nodiscard]] RuleProblem out_of_range_problem(std::string_view name, std::string_view text,
                                               std::uint32_t min, std::uint32_t max);

[[nodiscard]] std::optional<RuleProblem> assembly_name_problem(std::string_view name);
[[nodiscard]] std::optional<RuleProblem> assembly_version_problem(std::string_view version);
[[nodiscard]] std::optional<RuleProblem> public_key_token_problem(std::string_view token);
[[nodiscard]] std::optional<RuleProblem> language_problem(std::string_view language);
/// Arguments written into a local server's path; `server_pointer` names the server for the hint.
[[nodiscard]] std::optional<RuleProblem> local_server_path_problem(
    std::string_view path, const std::string& server_pointer);
/// An AppID's executable name that is not a bare file name, or too long for a key name.
[[nodiscard]] std::optional<RuleProblem> executable_name_problem(std::string_view name);
/// A security descriptor (member `name`) that does not parse as SDDL.
[[nodiscard]] std::optional<RuleProblem> sddl_problem(std::string_view name, std::string_view sddl);

/// "a.b…" with exactly `count` decimal parts, each 0..65535, stored in `parts` when given.
[[nodiscard]] bool version_parts(std::string_view v, std::size_t count, std::uint16_t* parts);

}  // namespace comreg
