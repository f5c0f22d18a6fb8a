// Server files looked up below a mounted Windows drive (--root), case-insensitively as Windows
// finds them.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace comreg::audit_detail {

class DriveFiles {
 public:
  explicit DriveFiles(std::string root) : root_(std::move(root)) {}

  /// Whether the file at `segments` (folded names below C:\) exists.
  [[nodiscard]] bool exists(const std::vector<std::string>& segments);

 private:
  // The folded names in a folder (real path -> folded name -> real name), read once.
  const std::map<std::string, std::string>* listing(const std::string& dir);
  std::string root_;
  std::map<std::string, std::optional<std::map<std::string, std::string>>> listings_;
};

}  // namespace comreg::audit_detail
