// Journal files on disk, durably: the journal must be on the disk before the first registry
// write, or a power cut could leave changes with nothing to undo them. Temporary sibling,
// flushed (fsync / FlushFileBuffers), renamed over the target; on POSIX the directory is
// flushed too, so the rename itself survives.
#include "apply/journal_file.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "comreg/journal.hpp"
#include "text/utf.hpp"

#ifdef _WIN32
#include <windows.h>
#else
#include <fcntl.h>
#include <unistd.h>
#endif

namespace comreg {
namespace fs = std::filesystem;
namespace {

fs::path native(const std::string& utf8) {
#ifdef _WIN32
  const std::u16string w = text::to_utf16(utf8);
  return fs::path(std::wstring(w.begin(), w.end()));
#else
  return fs::path(utf8);
#endif
}

Status io_error(const std::string& what, const std::string& path, const std::string& why) {
  return Status::failure(BackendErrc::io, "cannot " + what + " the journal " + path + ": " + why);
}

#ifdef _WIN32
std::string last_error() {
  return "Windows error " + std::to_string(GetLastError());
}

Status write_durably(const std::string& path, const fs::path& temp, const fs::path& target,
                     const std::string& bytes) {
  HANDLE h = CreateFileW(temp.c_str(), GENERIC_WRITE, 0, nullptr, CREATE_ALWAYS,
                         FILE_ATTRIBUTE_NORMAL, nullptr);
  if (h == INVALID_HANDLE_VALUE) return io_error("write", path, last_error());
  DWORD written = 0;
  const bool ok = WriteFile(h, bytes.data(), static_cast<DWORD>(bytes.size()), &written, nullptr) &&
                  written == bytes.size() && FlushFileBuffers(h);
  const std::string why = ok ? std::string() : last_error();
  CloseHandle(h);
  if (!ok) {
    DeleteFileW(temp.c_str());
    return io_error("write", path, why);
  }
  if (!MoveFileExW(temp.c_str(), target.c_str(),
                   MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) {
    const std::string e = last_error();
    DeleteFileW(temp.c_str());
    return io_error("write", path, e);
  }
  return Status::success();
}
#else
Status write_durably(const std::string& path, const fs::path& temp, const fs::path& target,
                     const std::string& bytes) {
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return io_error("write", path, std::strerror(errno));
  std::size_t off = 0;
  bool ok = true;
  while (ok && off < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + off, bytes.size() - off);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) off += static_cast<std::size_t>(n);
  }
  ok = ok && ::fsync(fd) == 0;
  const std::string why = ok ? std::string() : std::strerror(errno);
  ::close(fd);
  if (!ok || ::rename(temp.c_str(), target.c_str()) != 0) {
    const std::string e = ok ? std::strerror(errno) : why;
    ::unlink(temp.c_str());
    return io_error("write", path, e);
  }
  const fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return Status::success();
}
#endif

}  // namespace

Status write_journal_file(const std::string& path, const Journal& journal) {
  const fs::path target = native(path);
  std::error_code ec;
  if (target.has_parent_path()) fs::create_directories(target.parent_path(), ec);
  if (ec) return io_error("write", path, "cannot create its folder (" + ec.message() + ")");
  fs::path temp = target;
  temp += ".tmp";
  return write_durably(path, temp, target, serialize_journal(journal));
}

Status remove_journal_file(const std::string& path) {
  if (path.empty()) return Status::success();
  std::error_code ec;
  fs::remove(native(path), ec);
  if (ec) {
    return io_error("remove", path,
                    ec.message() + " (the next run would roll back this one: remove it by hand)");
  }
  return Status::success();
}

JournalRead read_journal_file(const std::string& path, std::string& bytes, std::string& error) {
  const fs::path p = native(path);
  std::error_code ec;
  if (!fs::exists(p, ec))
    return ec ? (error = ec.message(), JournalRead::failed) : JournalRead::absent;
#ifdef _WIN32
  HANDLE h = CreateFileW(p.c_str(), GENERIC_READ, FILE_SHARE_READ, nullptr, OPEN_EXISTING,
                         FILE_ATTRIBUTE_NORMAL, nullptr);
  if (h == INVALID_HANDLE_VALUE) {
    error = last_error();
    return JournalRead::failed;
  }
  char buf[65536];
  DWORD n = 0;
  bytes.clear();
  while (ReadFile(h, buf, sizeof buf, &n, nullptr) && n > 0) bytes.append(buf, n);
  CloseHandle(h);
#else
  const int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = std::strerror(errno);
    return JournalRead::failed;
  }
  char buf[65536];
  bytes.clear();
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    bytes.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
#endif
  return JournalRead::read;
}

}  // namespace comreg
