// Reading and replacing a hive file whole (see hive_file.hpp).
#include "store/hive_file.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace comreg {

std::vector<std::uint8_t> read_hive_bytes(const std::string& file, Status& status) {
  std::vector<std::uint8_t> bytes;
  std::ifstream in(file, std::ios::binary);
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  if (!in || ec) {
    status = Status::failure(BackendErrc::io, "cannot read " + file + ": " + std::strerror(errno));
    return bytes;
  }
  bytes.resize(static_cast<std::size_t>(size));
  in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  if (static_cast<std::size_t>(in.gcount()) != bytes.size()) {
    status = Status::failure(BackendErrc::io, "cannot read " + file + ": it changed while read");
    bytes.clear();
    return bytes;
  }
  status = Status::success();
  return bytes;
}

Status write_hive_bytes(const std::string& file, const std::vector<std::uint8_t>& bytes) {
  const std::string temporary = file + ".comreg-tmp";
  std::error_code ignored;
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (out) {
      out.write(reinterpret_cast<const char*>(bytes.data()),
                static_cast<std::streamsize>(bytes.size()));
      out.flush();
    }
    if (!out) {
      const std::string why = std::strerror(errno);
      std::filesystem::remove(temporary, ignored);
      return Status::failure(BackendErrc::io, "cannot write " + temporary + ": " + why);
    }
  }
  std::error_code ec;
  std::filesystem::rename(temporary, file, ec);
  if (ec) {
    std::filesystem::remove(temporary, ignored);
    return Status::failure(BackendErrc::io, "cannot replace " + file + ": " + ec.message());
  }
  return Status::success();
}

}  // namespace comreg
