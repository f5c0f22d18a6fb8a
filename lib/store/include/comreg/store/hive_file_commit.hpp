// Writing a hive file the way a database commits: a lock on the file for the whole run, the new
// bytes in a temporary file created exclusively beside it, flushed, renamed over it, the folder
// flushed, and the transaction logs beside it reset so that nothing in them is applied again.
// Independent of who makes the bytes (hivex today, comreg's own writer later): the caller
// writes them into the temporary file it is handed.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "comreg/store/registry_backend.hpp"

namespace comreg {

/// An exclusive lock on a hive file, held until the object goes (POSIX: flock on the file;
/// Windows: LockFileEx on a range past its end, so readers are not blocked).
class HiveFileLock {
 public:
  /// Locks `file`, or says why not: "FILE is locked by another process (…)" when another
  /// comreg (or any locker) holds it. Does not wait.
  [[nodiscard]] static std::optional<HiveFileLock> take(const std::string& file, std::string& why);

  HiveFileLock(HiveFileLock&& other) noexcept;
  HiveFileLock& operator=(HiveFileLock&& other) noexcept;
  HiveFileLock(const HiveFileLock&) = delete;
  HiveFileLock& operator=(const HiveFileLock&) = delete;
  ~HiveFileLock();

  /// Whether the open file `fd` (a POSIX descriptor) is the file this lock holds: the same
  /// inode. Always false on Windows.
  [[nodiscard]] bool holds(int fd) const;

 private:
  explicit HiveFileLock(std::intptr_t handle) : handle_(handle) {}
  std::intptr_t handle_ = -1;
};

/// Whether a commit may replace the file at its path: an existing hive is replaced; a hive
/// created by --create must not be (two runs that both found no file: the second must not
/// rename an empty hive over what the first has committed since).
enum class HiveCommit : std::uint8_t { replace, create_new };

/// Replaces `file` with what `write` puts into the temporary path it is given: a file created
/// exclusively in the same folder under an unpredictable name (never following a link), with
/// `file`'s permission bits, flushed before it is renamed over `file`; the folder is flushed
/// after. Then each of `reset_logs` is emptied (truncated to 0 bytes and flushed), as after a
/// replay their entries are in the file. On any failure before the rename the temporary file is
/// removed and `file` is unchanged. With HiveCommit::create_new the new file takes the path
/// only if nothing is there (atomically: a hard link, or a move that does not replace), else
/// the commit fails with BackendErrc::io saying it exists, and the file there is not touched.
[[nodiscard]] Status commit_hive_file(const std::string& file,
                                      const std::function<Status(const std::string&)>& write,
                                      const std::vector<std::string>& reset_logs = {},
                                      HiveCommit mode = HiveCommit::replace);

}  // namespace comreg
