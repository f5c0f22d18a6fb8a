// Paths between comreg's UTF-8 strings and std::filesystem (see file_path.hpp).
#include "comreg/core/file_path.hpp"

#include "core/utf.hpp"

namespace comreg::files {

std::filesystem::path path_from_utf8(std::string_view utf8) {
#ifdef _WIN32
  return std::filesystem::path(text::to_wide(utf8));
#else
  return std::filesystem::path(std::string(utf8));
#endif
}

#ifdef _WIN32
std::string utf8_of_wide(std::wstring_view wide) {
  return text::to_utf8(std::u16string(wide.begin(), wide.end()));
}
#endif

std::string utf8_of(const std::filesystem::path& path) {
#ifdef _WIN32
  return utf8_of_wide(path.native());
#else
  return path.native();
#endif
}

}  // namespace comreg::files
