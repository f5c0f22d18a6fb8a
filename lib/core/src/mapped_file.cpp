#include "core/mapped_file.hpp"

#include <cerrno>
#include <cstring>

#ifdef _WIN32
#include <windows.h>
#else
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace comreg::regfile {

#ifdef _WIN32

MappedFile::~MappedFile() {
  if (data_ != nullptr) UnmapViewOfFile(data_);
  if (mapping_ != nullptr) CloseHandle(mapping_);
  if (file_ != nullptr) CloseHandle(file_);
}

bool MappedFile::open(const std::string& path, std::string& error) {
  const int wide_len = MultiByteToWideChar(CP_UTF8, 0, path.c_str(), -1, nullptr, 0);
  std::wstring wide(static_cast<std::size_t>(wide_len > 0 ? wide_len : 1), L'\0');
  MultiByteToWideChar(CP_UTF8, 0, path.c_str(), -1, wide.data(), wide_len);
  HANDLE file = CreateFileW(wide.c_str(), GENERIC_READ, FILE_SHARE_READ, nullptr, OPEN_EXISTING,
                            FILE_FLAG_SEQUENTIAL_SCAN, nullptr);
  if (file == INVALID_HANDLE_VALUE) {
    error = "cannot read '" + path + "': error " + std::to_string(GetLastError());
    return false;
  }
  file_ = file;
  LARGE_INTEGER size{};
  GetFileSizeEx(file, &size);
  size_ = static_cast<std::size_t>(size.QuadPart);
  if (size_ == 0) return true;
  mapping_ = CreateFileMappingW(file, nullptr, PAGE_READONLY, 0, 0, nullptr);
  if (mapping_ != nullptr)
    data_ = static_cast<const char*>(MapViewOfFile(mapping_, FILE_MAP_READ, 0, 0, 0));
  if (data_ == nullptr) {
    error = "cannot map '" + path + "': error " + std::to_string(GetLastError());
    return false;
  }
  return true;
}

void MappedFile::release_before(std::size_t) {}

#else

MappedFile::~MappedFile() {
  if (data_ != nullptr && size_ != 0) munmap(const_cast<char*>(data_), size_);
}

bool MappedFile::open(const std::string& path, std::string& error) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = "cannot read '" + path + "': " + std::strerror(errno);
    return false;
  }
  struct stat st {};
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    error = "cannot read '" + path + "': not a regular file";
    ::close(fd);
    return false;
  }
  size_ = static_cast<std::size_t>(st.st_size);
  if (size_ != 0) {
    void* p = mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) {
      error = "cannot map '" + path + "': " + std::strerror(errno);
      ::close(fd);
      size_ = 0;
      return false;
    }
    data_ = static_cast<const char*>(p);
    madvise(p, size_, MADV_SEQUENTIAL);
  }
  ::close(fd);
  return true;
}

void MappedFile::release_before(std::size_t offset) {
  // Unmapping read pages from this process keeps them in the page cache but out of its
  // resident set, so peak memory does not grow with the file.
  constexpr std::size_t chunk = std::size_t{16} << 20;
  const std::size_t page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  offset -= offset % page;
  if (offset < released_ + chunk) return;
  madvise(const_cast<char*>(data_) + released_, offset - released_, MADV_DONTNEED);
  released_ = offset;
}

#endif

}  // namespace comreg::regfile
