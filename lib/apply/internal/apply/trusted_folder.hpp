// A folder comreg keeps state in while it may run elevated: opened without following links,
// checked to be writable only by its trustees, and held open for the run so that it cannot be
// renamed or swapped underneath. Files in it are created exclusively, opened without following
// links and checked after opening (a regular file with one link, owned by a trustee).
#pragma once

#include <cstdint>
#include <string>

#include "comreg/apply/journal.hpp"

namespace comreg::journal_io {

class TrustedFolder {
 public:
  TrustedFolder() = default;
  ~TrustedFolder();
  TrustedFolder(const TrustedFolder&) = delete;
  TrustedFolder& operator=(const TrustedFolder&) = delete;
  TrustedFolder(TrustedFolder&& other) noexcept;
  TrustedFolder& operator=(TrustedFolder&& other) noexcept;

  /// Opens `path`, first creating its missing folders with permissions that let only the
  /// trustees in. An error names the folder and says why it is not trusted.
  [[nodiscard]] Status open(const std::string& path, JournalTrust trust);

  /// `bytes` as file `name`, durably: a new file of an unpredictable name created exclusively
  /// with the trustees' permissions, flushed, renamed over `name`; the folder flushed after.
  [[nodiscard]] Status write_file(const std::string& name, const std::string& bytes) const;
  [[nodiscard]] JournalRead read_file(const std::string& name, std::string& bytes,
                                      std::string& error) const;
  [[nodiscard]] Status remove_file(const std::string& name) const;

  /// Takes the exclusive lock file `name` without waiting; `busy` when another process holds
  /// it. The handle is released by unlock() or by the operating system when the process ends.
  [[nodiscard]] Status lock(const std::string& name, std::intptr_t& handle, bool& busy) const;
  static void unlock(std::intptr_t handle);

  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] std::string file_path(const std::string& name) const;

 private:
  void close();
  static void close_handle(std::intptr_t handle);
  /// A name nobody can predict, so nothing can be planted there beforehand.
  static std::string temporary_name(const std::string& name);
  std::string path_;
  JournalTrust trust_ = JournalTrust::user;
  std::intptr_t handle_ = -1;  // directory file descriptor, or HANDLE on Windows
};

/// Read-only looks that create and trust nothing: does `path` name something (a link counts),
/// and is the lock file at `path` held by a running process?
[[nodiscard]] bool name_exists(const std::string& path);
[[nodiscard]] bool lock_is_held(const std::string& path);

}  // namespace comreg::journal_io
