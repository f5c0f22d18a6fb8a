// The temporary sibling that a file is written to before it is renamed over the target (an
// output, a hive). The folder may be one another user can write (comreg runs elevated), who
// can plant a link at a name they expect: so the name comes from the system's CSPRNG, and the
// file is created exclusively without following links; a name taken is skipped, not reused.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace comreg {

/// A newly created, open temporary file beside a target. Closing does not remove it: the
/// owner renames it over the target or removes it (remove_file()). Failures set `error` to
/// the system's reason alone; the caller says what it was doing.
class TemporaryFile {
 public:
  /// Where the random part of a name comes from (16 hex digits by default); tests give names.
  using NameSource = std::function<std::string()>;

  /// Creates ".TARGET.comreg-<suffix><extension>" in the target's folder, trying 16 names;
  /// `mode` is the new file's permissions on POSIX (the umask applies), ignored on Windows.
  /// nullopt with the reason in `error` (the system's message) when none could be created.
  static std::optional<TemporaryFile> create_beside(const std::string& target,
                                                    std::string_view extension, unsigned mode,
                                                    std::string& error,
                                                    const NameSource& suffix = {});

  TemporaryFile(TemporaryFile&& other) noexcept;
  TemporaryFile& operator=(TemporaryFile&& other) noexcept;
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;
  ~TemporaryFile();

  const std::string& name() const { return name_; }
  bool is_open() const;

  /// Writes all of `bytes`; false with `error` set (the disk is full, the file is closed).
  bool write(std::string_view bytes, std::string& error);
  /// Gives the file the permission bits `file` has, when `file` is a regular file (not a link);
  /// true when there is nothing to copy. POSIX only; true on Windows.
  bool copy_permissions_of(const std::string& file, unsigned bits, std::string& error);
  /// Flushes the file to disk; false with `error` set.
  bool sync(std::string& error);
  /// Whether the name still names the file created: in a folder others can write, it could
  /// have been renamed away and replaced meanwhile. Always true on Windows, where the file is
  /// opened unshared while it is written.
  bool still_named() const;
  /// Closes the file, keeping it.
  void close();

  /// Removes a file by name without following a link; best effort (a cleanup path).
  static void remove_file(const std::string& name);

 private:
  TemporaryFile(std::string name, std::intptr_t handle) : name_(std::move(name)), handle_(handle) {}

  std::string name_;
  std::intptr_t handle_ = -1;  // a file descriptor, or a HANDLE on Windows
};

}  // namespace comreg
