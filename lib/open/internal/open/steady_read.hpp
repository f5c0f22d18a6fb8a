// Reading a hive file that a writer may change in place while it is read. Readers take no
// lock (they must not block installs), and a commit in place writes a log first, then a mark
// in the base block, the pages and the seal (store/hive_in_place_commit.hpp): a reading that
// began before the mark can end after some pages. A reading stands when the base block is the
// same after it as before: then no page was written meanwhile, or the log that replays them
// was beside the file throughout.
#pragma once

#include <functional>
#include <string>

namespace comreg {

/// Runs `read` until the first 512 bytes of `file` are the same after it as before, at most
/// `attempts` times. True when a run of `read` saw no change; false when every one did.
[[nodiscard]] bool read_while_steady(const std::string& file, int attempts,
                                     const std::function<void()>& read);

}  // namespace comreg
