// MappedFile: a whole file readable as bytes without copying it (mmap / MapViewOfFile), with a
// way to give back the pages already read so that a pass over a large file keeps little of it
// resident.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace comreg::regfile {

class MappedFile {
 public:
  MappedFile() = default;
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  /// Maps `path`; on failure returns false with `error` set ("cannot read 'x': reason").
  bool open(const std::string& path, std::string& error);
  [[nodiscard]] std::string_view bytes() const { return {data_, size_}; }
  /// The pages wholly before byte `offset` are no longer needed (a hint; may do nothing).
  void release_before(std::size_t offset);

 private:
  const char* data_ = nullptr;
  std::size_t size_ = 0;
  std::size_t released_ = 0;
#ifdef _WIN32
  void* file_ = nullptr;
  void* mapping_ = nullptr;
#endif
};

}  // namespace comreg::regfile
