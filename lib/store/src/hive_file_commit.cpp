// The hive file's lock and its commit (see hive_file_commit.hpp).
//
// POSIX locks with flock, not fcntl: an fcntl lock belongs to the process and goes as soon as
// the process closes *any* descriptor of the file, which hivex does when it opens and commits.
// A lock is on the file's inode, and the commit renames a new inode over the path; so a lock
// taken on an inode the path no longer names is dropped and taken again on the new one.
#include "comreg/store/hive_file_commit.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>

#ifdef _WIN32
#include <windows.h>
#else
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

#include "comreg/core/file_path.hpp"
#include "core/temporary_file.hpp"
#include "core/utf.hpp"

namespace comreg {
namespace {

#ifndef _WIN32
std::string errno_text() {
  return std::strerror(errno);
}

std::filesystem::path folder_of(const std::string& file) {
  const std::filesystem::path path = files::path_from_utf8(file);
  return path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
}
#endif

#ifdef _WIN32

std::string last_error_text() {
  return "Windows error " + std::to_string(GetLastError());
}

// Flushes a file to disk by name.
bool flush_file(const std::string& file) {
  HANDLE h = CreateFileW(text::to_wide(file).c_str(), GENERIC_WRITE,
                         FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr,
                         OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, nullptr);
  if (h == INVALID_HANDLE_VALUE) return false;
  const bool ok = FlushFileBuffers(h) != 0;
  CloseHandle(h);
  return ok;
}

#endif

}  // namespace

#ifdef _WIN32

std::optional<HiveFileLock> HiveFileLock::take(const std::string& file, std::string& why) {
  HANDLE h = CreateFileW(text::to_wide(file).c_str(), GENERIC_READ,
                         FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr,
                         OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, nullptr);
  if (h == INVALID_HANDLE_VALUE) {
    why = "cannot open " + file + " to lock it: " + last_error_text();
    return std::nullopt;
  }
  // A range past any hive's end: a lock there blocks other lockers, not readers.
  OVERLAPPED at{};
  at.Offset = 0;
  at.OffsetHigh = 0x7FFFFFFF;
  if (LockFileEx(h, LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &at) == 0) {
    why = file +
          " is locked by another process (another comreg changing it?); try again when "
          "it has finished";
    CloseHandle(h);
    return std::nullopt;
  }
  return HiveFileLock(reinterpret_cast<std::intptr_t>(h));
}

HiveFileLock::~HiveFileLock() {
  if (handle_ != -1) CloseHandle(reinterpret_cast<HANDLE>(handle_));
}

bool HiveFileLock::holds(int) const {
  return false;
}

Status commit_hive_file(const std::string& file,
                        const std::function<Status(const std::string&)>& write,
                        const std::vector<std::string>& reset_logs, HiveCommit mode) {
  std::string reason;
  std::optional<TemporaryFile> created = TemporaryFile::create_beside(file, "", 0600, reason);
  if (!created) {
    return Status::failure(BackendErrc::io,
                           "cannot create a temporary file beside " + file + ": " + reason);
  }
  // The writer opens it by name.
  created->close();
  const std::string temporary = created->name();
  const auto fail = [&](Status s) {
    DeleteFileW(text::to_wide(temporary).c_str());
    return s;
  };
  if (Status s = write(temporary); !s.ok()) return fail(s);
  if (!flush_file(temporary)) {
    return fail(
        Status::failure(BackendErrc::io, "cannot flush " + temporary + ": " + last_error_text()));
  }
  const DWORD replace = mode == HiveCommit::replace ? MOVEFILE_REPLACE_EXISTING : 0;
  if (MoveFileExW(text::to_wide(temporary).c_str(), text::to_wide(file).c_str(),
                  replace | MOVEFILE_WRITE_THROUGH) == 0) {
    const DWORD error = GetLastError();
    if (mode == HiveCommit::create_new &&
        (error == ERROR_ALREADY_EXISTS || error == ERROR_FILE_EXISTS)) {
      return fail(Status::failure(BackendErrc::io,
                                  "cannot create " + file + ": it exists (made meanwhile)"));
    }
    return fail(
        Status::failure(BackendErrc::io, "cannot replace " + file + ": " + last_error_text()));
  }
  for (const auto& log : reset_logs) {
    HANDLE h = CreateFileW(text::to_wide(log).c_str(), GENERIC_WRITE, FILE_SHARE_READ, nullptr,
                           TRUNCATE_EXISTING, FILE_ATTRIBUTE_NORMAL, nullptr);
    if (h == INVALID_HANDLE_VALUE) {
      return Status::failure(BackendErrc::io, "wrote " + file + ", but cannot empty its log " +
                                                  log + ": " + last_error_text());
    }
    FlushFileBuffers(h);
    CloseHandle(h);
  }
  return Status::success();
}

#else

std::optional<HiveFileLock> HiveFileLock::take(const std::string& file, std::string& why) {
  for (int attempt = 0; attempt < 8; ++attempt) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
      why = "cannot open " + file + " to lock it: " + errno_text();
      return std::nullopt;
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      const int error = errno;
      ::close(fd);
      why = error == EWOULDBLOCK
                ? file +
                      " is locked by another process (another comreg changing it?); try "
                      "again when it has finished"
                : "cannot lock " + file + ": " + std::strerror(error);
      return std::nullopt;
    }
    // The lock holds only if the path still names the inode locked: a commit that ended
    // between the open and the lock renamed a new file over it.
    struct stat locked {};
    struct stat named {};
    if (::fstat(fd, &locked) == 0 && ::stat(file.c_str(), &named) == 0 &&
        locked.st_dev == named.st_dev && locked.st_ino == named.st_ino) {
      return HiveFileLock(fd);
    }
    ::close(fd);
  }
  why = file + " keeps being replaced by another process; try again when it has finished";
  return std::nullopt;
}

HiveFileLock::~HiveFileLock() {
  if (handle_ != -1) ::close(static_cast<int>(handle_));
}

bool HiveFileLock::holds(int fd) const {
  struct stat locked {};
  struct stat other {};
  return handle_ != -1 && ::fstat(static_cast<int>(handle_), &locked) == 0 &&
         ::fstat(fd, &other) == 0 && locked.st_dev == other.st_dev && locked.st_ino == other.st_ino;
}

Status commit_hive_file(const std::string& file,
                        const std::function<Status(const std::string&)>& write,
                        const std::vector<std::string>& reset_logs, HiveCommit mode) {
  struct stat original {};
  const bool exists = ::stat(file.c_str(), &original) == 0;
  std::string reason;
  std::optional<TemporaryFile> created = TemporaryFile::create_beside(file, "", 0600, reason);
  if (!created) {
    return Status::failure(BackendErrc::io,
                           "cannot create a temporary file beside " + file + ": " + reason);
  }
  const std::string temporary = created->name();
  const auto fail = [&](const std::string& message) {
    created->close();
    ::unlink(temporary.c_str());
    return Status::failure(BackendErrc::io, message);
  };
  if (exists && !created->copy_permissions_of(file, 07777, reason)) {
    return fail("cannot set the permissions of " + temporary + ": " + reason);
  }
  if (Status s = write(temporary); !s.ok()) {
    created->close();
    ::unlink(temporary.c_str());
    return s;
  }
  // The writer opened the file by its name: it must still be the one created above.
  if (!created->still_named()) {
    return fail(temporary + " was replaced while it was written; " + file + " is unchanged");
  }
  if (!created->sync(reason)) return fail("cannot flush " + temporary + ": " + reason);
  created->close();
  if (mode == HiveCommit::create_new) {
    // link() never replaces: of two runs creating the same hive, the second fails here.
    if (::link(temporary.c_str(), file.c_str()) != 0) {
      const int error = errno;
      const std::string why = errno_text();
      ::unlink(temporary.c_str());
      return Status::failure(BackendErrc::io,
                             error == EEXIST
                                 ? "cannot create " + file + ": it exists (made meanwhile)"
                                 : "cannot create " + file + ": " + why);
    }
    ::unlink(temporary.c_str());
  } else if (::rename(temporary.c_str(), file.c_str()) != 0) {
    const std::string why = errno_text();
    ::unlink(temporary.c_str());
    return Status::failure(BackendErrc::io, "cannot replace " + file + ": " + why);
  }
  const int folder = ::open(folder_of(file).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (folder >= 0) {
    ::fsync(folder);  // the rename itself, on disk
    ::close(folder);
  }
  for (const auto& log : reset_logs) {
    const int l = ::open(log.c_str(), O_WRONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY);
    if (l < 0 || ::ftruncate(l, 0) != 0 || ::fsync(l) != 0) {
      const std::string why = errno_text();
      if (l >= 0) ::close(l);
      return Status::failure(BackendErrc::io,
                             "wrote " + file + ", but cannot empty its log " + log + ": " + why);
    }
    ::close(l);
  }
  return Status::success();
}

#endif

HiveFileLock::HiveFileLock(HiveFileLock&& other) noexcept : handle_(other.handle_) {
  other.handle_ = -1;
}

HiveFileLock& HiveFileLock::operator=(HiveFileLock&& other) noexcept {
  if (this != &other) {
    this->~HiveFileLock();
    handle_ = other.handle_;
    other.handle_ = -1;
  }
  return *this;
}

}  // namespace comreg
