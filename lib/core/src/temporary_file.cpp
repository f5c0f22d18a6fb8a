#include "core/temporary_file.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <utility>

#ifdef _WIN32
#include <windows.h>
#else
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

#include "comreg/core/file_path.hpp"
#include "core/hex.hpp"
#include "core/random_bytes.hpp"
#include "core/utf.hpp"

namespace comreg {
namespace {

constexpr int kNamesTried = 16;

std::string random_suffix() {
  std::uint8_t bytes[8];
  random_bytes(bytes, sizeof bytes);
  std::string out;
  text::append_hex(out, bytes);
  return out;
}

std::string sibling_name(const std::string& target, const std::string& suffix,
                         std::string_view extension) {
  const std::filesystem::path path = files::path_from_utf8(target);
  const std::filesystem::path folder =
      path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  std::string leaf = "." + files::utf8_of(path.filename()) + ".comreg-" + suffix;
  leaf.append(extension);
  return files::utf8_of(folder / files::path_from_utf8(leaf));
}

#ifdef _WIN32

std::string last_error_text() {
  return "Windows error " + std::to_string(GetLastError());
}

HANDLE handle_of(std::intptr_t h) {
  return reinterpret_cast<HANDLE>(h);
}

#else

std::string errno_text() {
  return std::strerror(errno);
}

#endif

}  // namespace

std::optional<TemporaryFile> TemporaryFile::create_beside(const std::string& target,
                                                          std::string_view extension,
                                                          [[maybe_unused]] unsigned mode,
                                                          std::string& error,
                                                          const NameSource& suffix) {
  for (int attempt = 0; attempt < kNamesTried; ++attempt) {
    std::string name = sibling_name(target, suffix ? suffix() : random_suffix(), extension);
#ifdef _WIN32
    // CREATE_NEW fails on any name that exists, a link or junction included: it never
    // follows one. Unshared while open, so nobody renames or replaces it under the writer.
    HANDLE h = CreateFileW(text::to_wide(name).c_str(), GENERIC_WRITE, 0, nullptr, CREATE_NEW,
                           FILE_ATTRIBUTE_NORMAL, nullptr);
    if (h != INVALID_HANDLE_VALUE) {
      return TemporaryFile(std::move(name), reinterpret_cast<std::intptr_t>(h));
    }
    if (GetLastError() != ERROR_FILE_EXISTS && GetLastError() != ERROR_ALREADY_EXISTS) {
      error = last_error_text();
      return std::nullopt;
    }
#else
    const int fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                          static_cast<mode_t>(mode));
    if (fd >= 0) return TemporaryFile(std::move(name), fd);
    if (errno != EEXIST) {
      error = errno_text();
      return std::nullopt;
    }
#endif
  }
  error = std::to_string(kNamesTried) +
          " temporary names tried beside it were all taken (is another process creating files "
          "in the folder?)";
  return std::nullopt;
}

TemporaryFile::TemporaryFile(TemporaryFile&& other) noexcept
    : name_(std::move(other.name_)), handle_(std::exchange(other.handle_, -1)) {}

TemporaryFile& TemporaryFile::operator=(TemporaryFile&& other) noexcept {
  if (this != &other) {
    close();
    name_ = std::move(other.name_);
    handle_ = std::exchange(other.handle_, -1);
  }
  return *this;
}

TemporaryFile::~TemporaryFile() {
  close();
}

bool TemporaryFile::is_open() const {
  return handle_ != -1;
}

void TemporaryFile::close() {
  if (handle_ == -1) return;
#ifdef _WIN32
  CloseHandle(handle_of(handle_));
#else
  ::close(static_cast<int>(handle_));
#endif
  handle_ = -1;
}

bool TemporaryFile::write(std::string_view bytes, std::string& error) {
  if (handle_ == -1) {
    error = "the file is closed";
    return false;
  }
  while (!bytes.empty()) {
#ifdef _WIN32
    const DWORD chunk =
        static_cast<DWORD>(bytes.size() < (1u << 30) ? bytes.size() : std::size_t{1} << 30);
    DWORD written = 0;
    if (!WriteFile(handle_of(handle_), bytes.data(), chunk, &written, nullptr)) {
      error = last_error_text();
      return false;
    }
#else
    const ssize_t written = ::write(static_cast<int>(handle_), bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      error = errno_text();
      return false;
    }
#endif
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

bool TemporaryFile::copy_permissions_of([[maybe_unused]] const std::string& file,
                                        [[maybe_unused]] unsigned bits,
                                        [[maybe_unused]] std::string& error) {
#ifndef _WIN32
  struct stat original {};
  if (::lstat(file.c_str(), &original) != 0 || !S_ISREG(original.st_mode)) return true;
  if (::fchmod(static_cast<int>(handle_), static_cast<mode_t>(original.st_mode & bits)) != 0) {
    error = errno_text();
    return false;
  }
#endif
  return true;
}

bool TemporaryFile::sync(std::string& error) {
#ifdef _WIN32
  if (handle_ != -1 && !FlushFileBuffers(handle_of(handle_))) {
    error = last_error_text();
    return false;
  }
#else
  if (handle_ != -1 && ::fsync(static_cast<int>(handle_)) != 0) {
    error = errno_text();
    return false;
  }
#endif
  return true;
}

bool TemporaryFile::still_named() const {
#ifdef _WIN32
  return true;
#else
  struct stat created {};
  struct stat named {};
  return handle_ != -1 && ::fstat(static_cast<int>(handle_), &created) == 0 &&
         ::lstat(name_.c_str(), &named) == 0 && created.st_dev == named.st_dev &&
         created.st_ino == named.st_ino;
#endif
}

void TemporaryFile::remove_file(const std::string& name) {
#ifdef _WIN32
  DeleteFileW(text::to_wide(name).c_str());
#else
  ::unlink(name.c_str());  // removes a link itself, never what it points to
#endif
}

}  // namespace comreg
