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

std::string utf8_of(const std::filesystem::path& path) {
#ifdef _WIN32
  const std::wstring& native = path.native();
  return text::to_utf8(std::u16string(native.begin(), native.end()));
#else
  return path.native();
#endif
}

}  // namespace comreg::files
