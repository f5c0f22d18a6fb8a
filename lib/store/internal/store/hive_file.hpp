// The two places a hive's bytes meet the file system: read whole at open, written whole at
// commit. One function each, so a durable commit (lock, exclusive temporary, fsync) and a
// reader that replays transaction logs can take their place without touching the store.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "comreg/store/registry_backend.hpp"

namespace comreg {

/// The whole file; a failure says why in `status`.
[[nodiscard]] std::vector<std::uint8_t> read_hive_bytes(const std::string& file, Status& status);

/// Replaces `file` with `bytes` atomically: a temporary sibling (FILE.comreg-tmp), renamed over
/// it. On failure the file is as it was and the temporary is gone.
[[nodiscard]] Status write_hive_bytes(const std::string& file,
                                      const std::vector<std::uint8_t>& bytes);

}  // namespace comreg
