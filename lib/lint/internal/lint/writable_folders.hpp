// Which folders ordinary users can write on a default Windows installation: the sourced list
// behind COM103 (docs/lint.md gives the same list with its sources).
#pragma once

#include <string>

#include "core/windows_path.hpp"

namespace comreg::lint_detail {

struct FolderVerdict {
  enum Kind {
    admin_only,    // not in a folder known to be user-writable
    writable,      // `why` says which folder and why
    unverifiable,  // a folder lint cannot name offline could be a writable one; `why` says
  };
  Kind kind = admin_only;
  std::string why;
};

/// The verdict on the folder of `path` (an absolute or device form; other forms are
/// admin_only: the path rules judge them otherwise).
[[nodiscard]] FolderVerdict judge_folder(const NormalizedPath& path);

}  // namespace comreg::lint_detail
