// TrustedFolder on POSIX: the folder and every file are opened relative to a directory
// descriptor with O_NOFOLLOW, so a name can never be redirected by a symbolic link, and
// trusted only when owned by this user or root and writable by nobody else (mode & 022 == 0).
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "apply/trusted_folder.hpp"

namespace comreg::journal_io {
namespace {

std::string errno_text(int e) {
  return std::strerror(e);
}

Status failure(const std::string& what) {
  return Status::failure(BackendErrc::io, what);
}

Status untrusted(const std::string& path, const std::string& why) {
  return Status::failure(
      BackendErrc::access_denied,
      "the journal folder " + path + " is not safe to use: " + why +
          "; a journal there could have been planted by someone else, so comreg will not read or "
          "write it. Remove the folder (after checking for an unfinished run), or set "
          "COMREG_JOURNAL_DIR to a folder only you can write");
}

// The folder path made absolute and lexically clean ("a/./b/../c" -> "/cwd/a/c").
std::string absolute_clean(const std::string& path) {
  std::string abs = path;
  if (abs.empty() || abs.front() != '/') {
    char cwd[PATH_MAX];
    if (::getcwd(cwd, sizeof cwd) == nullptr) return path;
    abs = std::string(cwd) + "/" + abs;
  }
  std::string out;
  std::size_t i = 0;
  while (i < abs.size()) {
    const std::size_t next = abs.find('/', i);
    const std::string part =
        abs.substr(i, next == std::string::npos ? std::string::npos : next - i);
    i = next == std::string::npos ? abs.size() : next + 1;
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      const std::size_t cut = out.rfind('/');
      out.resize(cut == std::string::npos ? 0 : cut);
      continue;
    }
    out += "/" + part;
  }
  return out.empty() ? "/" : out;
}

std::string octal(unsigned mode) {
  char b[8];
  std::snprintf(b, sizeof b, "%03o", mode);
  return b;
}

bool trusted_owner(uid_t uid) {
  return uid == ::geteuid() || uid == 0;
}

// A regular file with one name, owned by a trustee, not writable by others.
std::string file_problem(int fd) {
  struct stat st {};
  if (::fstat(fd, &st) != 0) return errno_text(errno);
  if (!S_ISREG(st.st_mode)) return "it is not a regular file";
  if (st.st_nlink != 1) return "it has other names (hard links)";
  if (!trusted_owner(st.st_uid))
    return "it is owned by another user (uid " + std::to_string(st.st_uid) + ")";
  if ((st.st_mode & 022) != 0) return "others may write it";
  return {};
}

}  // namespace

void TrustedFolder::close_handle(std::intptr_t handle) {
  if (handle != -1) ::close(static_cast<int>(handle));
}

Status TrustedFolder::open(const std::string& path, JournalTrust trust) {
  close();
  path_ = path;
  trust_ = trust;
  const std::string clean = absolute_clean(path);
  // Create what is missing, one folder at a time, each private to this user.
  for (std::size_t i = 1; i <= clean.size(); ++i) {
    if (i != clean.size() && clean[i] != '/') continue;
    const std::string part = clean.substr(0, i);
    if (::mkdir(part.c_str(), 0700) != 0 && errno != EEXIST) {
      return failure("cannot create the journal folder " + part + ": " + errno_text(errno));
    }
  }
  const int fd = ::open(clean.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ELOOP || errno == ENOTDIR) return untrusted(path, "it is a symbolic link");
    return failure("cannot open the journal folder " + path + ": " + errno_text(errno));
  }
  handle_ = fd;
  // A link further up would make the name mean another folder than the one checked.
  char* real = ::realpath(clean.c_str(), nullptr);
  const std::string resolved = real == nullptr ? std::string() : std::string(real);
  std::free(real);
  if (resolved != clean) {
    close();
    return untrusted(path, "it is reached through a symbolic link (it is " + resolved + ")");
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    close();
    return failure("cannot inspect the journal folder " + path + ": " + errno_text(errno));
  }
  if (!trusted_owner(st.st_uid)) {
    close();
    return untrusted(path, "it is owned by another user (uid " + std::to_string(st.st_uid) + ")");
  }
  if ((st.st_mode & 022) != 0) {
    close();
    return untrusted(path, "others may write in it (mode " + octal(st.st_mode & 0777) + ")");
  }
  return Status::success();
}

Status TrustedFolder::write_file(const std::string& name, const std::string& bytes) const {
  const int dir = static_cast<int>(handle_);
  const std::string temp = temporary_name(name);
  const int fd =
      ::openat(dir, temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) return failure("cannot write " + file_path(temp) + ": " + errno_text(errno));
  std::size_t off = 0;
  bool ok = true;
  while (ok && off < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + off, bytes.size() - off);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) off += static_cast<std::size_t>(n);
  }
  ok = ok && ::fsync(fd) == 0;
  const int e = errno;
  ::close(fd);
  if (!ok || ::renameat(dir, temp.c_str(), dir, name.c_str()) != 0) {
    const int why = ok ? errno : e;
    ::unlinkat(dir, temp.c_str(), 0);
    return failure("cannot write " + file_path(name) + ": " + errno_text(why));
  }
  ::fsync(dir);  // the rename itself must survive a power cut
  return Status::success();
}

JournalRead TrustedFolder::read_file(const std::string& name, std::string& bytes,
                                     std::string& error) const {
  const int fd = ::openat(static_cast<int>(handle_), name.c_str(),
                          O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return JournalRead::absent;
    error = errno == ELOOP ? "it is a symbolic link" : errno_text(errno);
    return JournalRead::failed;
  }
  error = file_problem(fd);
  if (!error.empty()) {
    ::close(fd);
    return JournalRead::failed;
  }
  bytes.clear();
  char buf[65536];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      error = errno_text(errno);
      ::close(fd);
      return JournalRead::failed;
    }
    if (n == 0) break;
    bytes.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return JournalRead::read;
}

Status TrustedFolder::remove_file(const std::string& name) const {
  if (::unlinkat(static_cast<int>(handle_), name.c_str(), 0) != 0 && errno != ENOENT) {
    return failure("cannot remove " + file_path(name) + ": " + errno_text(errno));
  }
  return Status::success();
}

Status TrustedFolder::lock(const std::string& name, std::intptr_t& handle, bool& busy) const {
  busy = false;
  const int fd = ::openat(static_cast<int>(handle_), name.c_str(),
                          O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0600);
  if (fd < 0) {
    return errno == ELOOP ? untrusted(path_, file_path(name) + " is a symbolic link")
                          : failure("cannot lock " + file_path(name) + ": " + errno_text(errno));
  }
  if (const std::string problem = file_problem(fd); !problem.empty()) {
    ::close(fd);
    return untrusted(path_, file_path(name) + " is not comreg's lock: " + problem);
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int e = errno;
    ::close(fd);
    busy = e == EWOULDBLOCK;
    return failure("cannot lock " + file_path(name) + ": " + errno_text(e));
  }
  handle = fd;
  return Status::success();
}

bool name_exists(const std::string& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0;
}

bool lock_is_held(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return false;
  const bool held = ::flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  ::close(fd);
  return held;
}

}  // namespace comreg::journal_io
