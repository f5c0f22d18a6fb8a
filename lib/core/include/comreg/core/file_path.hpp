// std::filesystem paths from and to comreg's strings. A path is UTF-8 in a std::string
// everywhere in comreg (comreg.exe takes its command line as UTF-16 and converts it, and the
// Windows code opens files with the W functions); std::filesystem::path made from a
// std::string reads the bytes in the ANSI code page on Windows and gives them back so, which
// turns "C:\Users\Jörg" into another name or none. These two are the only crossings.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace comreg::files {

/// The path a UTF-8 string names (invalid bytes become U+FFFD on Windows, where names are
/// UTF-16; elsewhere the bytes are the name).
[[nodiscard]] std::filesystem::path path_from_utf8(std::string_view utf8);

/// The path as UTF-8 (on Windows from its UTF-16, unpaired surrogates as U+FFFD).
[[nodiscard]] std::string utf8_of(const std::filesystem::path& path);

#ifdef _WIN32
/// Other UTF-16 from Windows (a wide command line, an environment variable) as UTF-8, the way
/// utf8_of() converts a path.
[[nodiscard]] std::string utf8_of_wide(std::wstring_view wide);
#endif

}  // namespace comreg::files
