#include "server_files.hpp"

#include <filesystem>
#include <system_error>

#include "comreg/core/file_path.hpp"
#include "core/ascii.hpp"

namespace comreg::audit_detail {

const std::map<std::string, std::string>* DriveFiles::listing(const std::string& dir) {
  auto [it, added] = listings_.try_emplace(dir);
  if (added) {
    std::error_code ec;
    std::filesystem::directory_iterator entries(files::path_from_utf8(dir), ec);
    if (!ec) {
      std::map<std::string, std::string> names;
      for (const auto& e : entries) {
        const std::string name = files::utf8_of(e.path().filename());
        names.emplace(text::fold_case(name), name);
      }
      it->second = std::move(names);
    }
  }
  return it->second ? &*it->second : nullptr;
}

bool DriveFiles::exists(const std::vector<std::string>& segments) {
  std::string dir = root_;
  for (const auto& segment : segments) {
    const auto* names = listing(dir);
    if (names == nullptr) return false;
    const auto found = names->find(text::fold_case(segment));
    if (found == names->end()) return false;
    dir += "/" + found->second;
  }
  return !segments.empty();
}

}  // namespace comreg::audit_detail
