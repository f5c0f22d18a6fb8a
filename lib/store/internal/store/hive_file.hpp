// The two places a hive's bytes meet the file system: read whole at open, written whole into
// the temporary file of a commit (commit_hive_file: lock, exclusive temporary, fsync, rename).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "comreg/store/registry_backend.hpp"

namespace comreg {

/// The whole file; a failure says why in `status`.
[[nodiscard]] std::vector<std::uint8_t> read_hive_bytes(const std::string& file, Status& status);

/// Writes `bytes` into `temporary`, the file commit_hive_file() created for them (it flushes,
/// renames and cleans up).
[[nodiscard]] Status write_bytes_to(const std::string& temporary,
                                    const std::vector<std::uint8_t>& bytes);

}  // namespace comreg
